//! Snoozing a reminder: for a day, a week, or until a date typed.

use chrono::{Duration, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent};

use crate::app::Action;
use crate::app::form::{Check, Field, FieldError, FieldId};
use crate::app::msg::Effect;
use crate::app::state::{App, Modal, StatusKind};
use crate::domain::dates::{self, format_date};
use crate::domain::reminders::{Mark, ReminderKey};
use crate::i18n::T;

/// How long to snooze a reminder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SnoozeChoice {
    OneDay,
    OneWeek,
    Until,
}

/// Choosing how long to snooze a reminder.
#[derive(Clone, Debug)]
pub struct SnoozeDialog {
    pub key: ReminderKey,
    pub student_name: String,
    pub choice: SnoozeChoice,
    pub date: Field,
}

impl SnoozeDialog {
    /// A dialog for `key`, with the date field proposing two weeks ahead.
    pub fn new(key: ReminderKey, student_name: String, today: NaiveDate) -> SnoozeDialog {
        SnoozeDialog {
            key,
            student_name,
            choice: SnoozeChoice::OneDay,
            date: Field::line(
                FieldId::Text,
                &format_date(today + Duration::days(14)),
                Check::Date { required: true },
            ),
        }
    }

    /// The day the reminder comes back, or the error in the date field.
    pub fn until(&mut self, today: NaiveDate) -> Result<NaiveDate, FieldError> {
        match self.choice {
            SnoozeChoice::OneDay => Ok(today + Duration::days(1)),
            SnoozeChoice::OneWeek => Ok(today + Duration::days(7)),
            SnoozeChoice::Until => {
                self.date.validate(today);
                if let Some(e) = self.date.error {
                    return Err(e);
                }
                match dates::parse_date(&self.date.text(), today) {
                    Ok(d) if d > today => Ok(d),
                    Ok(_) => {
                        self.date.error = Some(FieldError::NotAfterToday);
                        Err(FieldError::NotAfterToday)
                    }
                    Err(e) => Err(FieldError::Date(e)),
                }
            }
        }
    }
}

/// An action while the dialog is open.
pub(super) fn action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(Modal::Snooze(d)) = app.modal_mut() else {
        return Vec::new();
    };
    let order = [
        SnoozeChoice::OneDay,
        SnoozeChoice::OneWeek,
        SnoozeChoice::Until,
    ];
    let i = order.iter().position(|c| *c == d.choice).unwrap_or(0);
    match action {
        Action::Up | Action::PrevField => d.choice = order[(i + 2) % 3],
        Action::Down | Action::NextField => d.choice = order[(i + 1) % 3],
        Action::Save | Action::Open => return submit(app),
        Action::Cancel => {
            app.modals.pop();
        }
        _ => {}
    }
    Vec::new()
}

/// A key no binding claimed: Enter snoozes; with "until" chosen, keys go to the date.
pub(super) fn raw_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let today = app.today();
    let Some(Modal::Snooze(d)) = app.modal_mut() else {
        return Vec::new();
    };
    if key.code == KeyCode::Enter {
        return submit(app);
    }
    if d.choice == SnoozeChoice::Until {
        d.date.key(key);
        d.date.validate(today);
    }
    Vec::new()
}

/// Pasted text goes into the date, when "until" is chosen; true if it went in.
pub(super) fn paste(d: &mut SnoozeDialog, text: &str, today: NaiveDate) -> bool {
    if d.choice != SnoozeChoice::Until {
        return false;
    }
    let done = d.date.paste(text);
    d.date.validate(today);
    done
}

fn submit(app: &mut App) -> Vec<Effect> {
    let today = app.today();
    let lang = app.lang;
    let Some(Modal::Snooze(d)) = app.modal_mut() else {
        return Vec::new();
    };
    match d.until(today) {
        Ok(until) => {
            let key = d.key;
            app.modals.pop();
            let date = format_date(until);
            vec![Effect::SetMark {
                key,
                mark: Mark::SnoozedUntil(until),
                confirmation: lang.fill(T::ReminderSnoozed, &[("date", &date)]),
            }]
        }
        Err(_) => {
            app.say(StatusKind::Error, lang.t(T::FixFieldFirst));
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::tests_support::day;

    #[test]
    fn snoozing_until_a_past_day_is_refused() {
        let key = ReminderKey {
            kind: crate::domain::reminders::DueKind::Conversation,
            subject: 1,
            date: day(11, 23),
        };
        let mut d = SnoozeDialog::new(key, "x".into(), day(11, 23));
        assert_eq!(d.until(day(11, 23)), Ok(day(11, 24)));
        d.choice = SnoozeChoice::Until;
        d.date.set_text("01.11.2026");
        assert_eq!(d.until(day(11, 23)), Err(FieldError::NotAfterToday));
        d.date.set_text("+3u");
        assert_eq!(d.until(day(11, 23)), Ok(day(12, 14)));
    }
}
