//! `fokus remind`.

use std::io::IsTerminal;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::Setup;
use super::query::{self, Query};
use crate::domain::dates::format_date;
use crate::domain::reminders::Window;
use crate::i18n::{self, Lang, T};
use crate::store::{self, Store, StoreError};

/// `fokus remind`: the start screen's reminders, one a line.
pub fn remind(setup: &Setup, days: u32) -> ExitCode {
    query::print(
        setup,
        &Query::Remind {
            days,
            retention_months: setup.retention_months,
            // A login script gets nothing when nothing is due; a person is told so.
            say_when_empty: std::io::stdout().is_terminal(),
        },
    )
}

/// What `fokus remind` prints: the reminders due on `today` within `window`, one a line
/// (date, kind, student, what to do); when there are none and `say_when_empty`, a line
/// saying so.
pub(super) fn remind_text(
    store: &dyn Store,
    today: NaiveDate,
    window: Window,
    lang: Lang,
    say_when_empty: bool,
) -> Result<String, StoreError> {
    let reminders = store::current_reminders(store, today, window)?;
    let names: std::collections::HashMap<_, _> = store
        .summaries()?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let mut out = String::new();
    if reminders.is_empty() && say_when_empty {
        let days = window.days.to_string();
        out.push_str(&lang.fill(T::RemindNone, &[("days", &days)]));
        out.push('\n');
    }
    for r in &reminders {
        let name = names.get(&r.item.student).map_or("?", String::as_str);
        out.push_str(&format!(
            "{}  {:<12} {:<24} {}\n",
            format_date(r.item.date),
            i18n::due_kind(lang, r.item.kind),
            name,
            i18n::reminder_text(lang, r)
        ));
    }
    Ok(out)
}
