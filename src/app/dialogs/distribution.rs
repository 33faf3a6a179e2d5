//! The distribution checklist of finalized minutes: who they must go to by the rules, the
//! organisations' secure-mail addresses, and what has been ticked off.

use crossterm::event::{KeyCode, KeyEvent};

use super::{commit, loaded_case};
use crate::app::Action;
use crate::app::msg::{AfterCommit, Effect};
use crate::app::state::{App, Modal, StatusKind};
use crate::domain::case;
use crate::domain::organisation::resolve;
use crate::domain::rules::{self, Recipient};
use crate::domain::{
    Case, ConversationId, ConversationState, IdSource, OrgId, OrgKind, Organisation,
};
use crate::i18n::T;

/// The checklist over the timeline.
#[derive(Clone, Debug)]
pub struct DistributionDialog {
    pub conversation: ConversationId,
    pub selected: usize,
    /// The organisation chosen as the next workplace, for its address.
    pub next_workplace: Option<OrgId>,
}

/// One line of the checklist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub recipient: Recipient,
    pub required: bool,
    /// Who it goes to: an organisation's name, or the participants' names.
    pub to: String,
    pub address: String,
    /// When and by whom it was ticked off.
    pub sent: Option<(chrono::NaiveDateTime, crate::domain::Actor)>,
}

impl DistributionDialog {
    /// The rows for the conversation in `case`, addresses looked up in `book`.
    pub fn rows(&self, case: &Case, book: &[Organisation]) -> Vec<Row> {
        let Some(c) = case.conversation(self.conversation) else {
            return Vec::new();
        };
        let s = &case.student;
        rules::distribution(c.level)
            .iter()
            .map(|(recipient, required)| {
                let org = match recipient {
                    Recipient::EmployingAuthority => resolve(book, s.employer_org, &s.employer),
                    Recipient::School => resolve(book, s.school_org, &s.school),
                    Recipient::NextWorkplace => resolve(book, self.next_workplace, ""),
                    Recipient::Participants | Recipient::TrainingBook => None,
                };
                let to = match (recipient, org) {
                    (_, Some(o)) => o.name.clone(),
                    (Recipient::Participants, _) => c
                        .participants
                        .iter()
                        .filter(|p| !p.name.is_empty())
                        .map(|p| p.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    (Recipient::TrainingBook, _) => s.name.clone(),
                    (Recipient::EmployingAuthority, None) => s.employer.clone(),
                    (Recipient::School, None) => s.school.clone(),
                    (Recipient::NextWorkplace, None) => String::new(),
                };
                let sent = c
                    .distribution
                    .iter()
                    .find(|d| d.recipient == *recipient)
                    .map(|d| (d.at, d.by.clone()));
                Row {
                    recipient: *recipient,
                    required: *required,
                    to,
                    address: org.map(|o| o.secure_mail.clone()).unwrap_or_default(),
                    sent,
                }
            })
            .collect()
    }

    /// The secure-mail addresses to paste into a mail's recipient field, in rule order,
    /// each once.
    pub fn addresses(&self, case: &Case, book: &[Organisation]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for row in self.rows(case, book) {
            if !row.address.is_empty() && !out.contains(&row.address) {
                out.push(row.address);
            }
        }
        out
    }

    /// Steps the next workplace through the address book's workplaces and others.
    pub fn cycle_next_workplace(&mut self, book: &[Organisation], step: isize) {
        let candidates: Vec<OrgId> = book
            .iter()
            .filter(|o| matches!(o.kind, OrgKind::Workplace | OrgKind::Other))
            .map(|o| o.id)
            .collect();
        if candidates.is_empty() {
            return;
        }
        let at = self
            .next_workplace
            .and_then(|id| candidates.iter().position(|c| *c == id));
        let n = candidates.len() as isize;
        let next = match at {
            Some(i) => (i as isize + step).rem_euclid(n),
            None if step < 0 => n - 1,
            None => 0,
        };
        self.next_workplace = Some(candidates[next as usize]);
    }
}

fn dialog(app: &App) -> Option<&DistributionDialog> {
    match app.modal() {
        Some(Modal::Distribution(d)) => Some(d),
        _ => None,
    }
}

fn dialog_mut(app: &mut App) -> Option<&mut DistributionDialog> {
    match app.modal_mut() {
        Some(Modal::Distribution(d)) => Some(d),
        _ => None,
    }
}

/// Opens the checklist of `conversation`, which must be finalized.
pub fn open(app: &mut App, conversation: ConversationId) {
    let finalized = app
        .case
        .as_ref()
        .and_then(|v| v.case.conversation(conversation))
        .is_some_and(|c| matches!(c.state, ConversationState::Finalized { .. }));
    if !finalized {
        app.say(StatusKind::Info, app.t(T::DistributionOnlyFinalized));
        return;
    }
    app.modals
        .push(Modal::Distribution(Box::new(DistributionDialog {
            conversation,
            selected: 0,
            next_workplace: None,
        })));
}

/// Ticks off (or un-ticks) the selected recipient.
fn toggle(app: &mut App, ids: &mut dyn IdSource) -> Vec<Effect> {
    let Some(ctx) = super::profile::ctx(app) else {
        return Vec::new();
    };
    let Some(case) = loaded_case(app) else {
        return Vec::new();
    };
    let Some(d) = dialog(app) else {
        return Vec::new();
    };
    let rows = d.rows(&case, &app.address_book);
    let Some(row) = rows.get(d.selected) else {
        return Vec::new();
    };
    let sent_to = (!row.to.is_empty() || !row.address.is_empty())
        .then_some((row.to.as_str(), row.address.as_str()));
    match case::mark_sent(
        &case,
        d.conversation,
        row.recipient,
        sent_to,
        row.sent.is_none(),
        &ctx,
        ids,
    ) {
        Ok(change) if change.is_empty() => Vec::new(),
        Ok(change) => commit(change, &case, AfterCommit::DistributionMarked),
        Err(_) => {
            app.say(StatusKind::Info, app.t(T::DistributionOnlyFinalized));
            Vec::new()
        }
    }
}

/// Puts the recipients' addresses of the checklist on the clipboard and shows them.
fn copy(app: &mut App) -> Vec<Effect> {
    match dialog(app).map(|d| d.conversation) {
        Some(id) => copy_for(app, id),
        None => Vec::new(),
    }
}

/// Puts the addresses of the recipients of `conversation`'s minutes on the clipboard
/// (OSC 52, where the terminal allows it) and shows them for copying by hand.
pub fn copy_for(app: &mut App, conversation: ConversationId) -> Vec<Effect> {
    let Some(case) = loaded_case(app) else {
        return Vec::new();
    };
    let next_workplace = dialog(app)
        .filter(|d| d.conversation == conversation)
        .and_then(|d| d.next_workplace);
    let d = DistributionDialog {
        conversation,
        selected: 0,
        next_workplace,
    };
    let addresses = d.addresses(&case, &app.address_book);
    if addresses.is_empty() {
        app.say(StatusKind::Info, app.t(T::NoAddresses));
        return Vec::new();
    }
    let list = addresses.join("; ");
    app.modals.push(Modal::Message {
        title: app.t(T::RecipientsCopiedTitle).to_string(),
        lines: vec![
            app.t(T::RecipientsCopied).to_string(),
            String::new(),
            list.clone(),
        ],
    });
    vec![Effect::Copy(list)]
}

/// An action while the checklist is open.
pub(super) fn action(app: &mut App, ids: &mut dyn IdSource, action: Action) -> Vec<Effect> {
    let book = app.address_book.clone();
    let rows = match (loaded_case(app), dialog(app)) {
        (Some(case), Some(d)) => d.rows(&case, &book).len(),
        _ => 0,
    };
    match action {
        Action::Up => {
            if let Some(d) = dialog_mut(app) {
                d.selected = d.selected.saturating_sub(1);
            }
        }
        Action::Down => {
            if let Some(d) = dialog_mut(app) {
                d.selected = (d.selected + 1).min(rows.saturating_sub(1));
            }
        }
        Action::Open | Action::Toggle => return toggle(app, ids),
        Action::CopyRecipients => return copy(app),
        Action::ExportMinutes => {
            if let (Some(case), Some(d)) = (loaded_case(app), dialog(app)) {
                return vec![Effect::ExportMinutes {
                    student: case.id(),
                    conversation: d.conversation,
                }];
            }
        }
        Action::Cancel | Action::Distribution => {
            app.modals.pop();
        }
        _ => app.say(StatusKind::Info, app.t(T::NotAvailableHere)),
    }
    Vec::new()
}

/// A key no binding claimed while the checklist is open: Space ticks, the arrows choose
/// the next workplace.
pub(super) fn raw_key(app: &mut App, ids: &mut dyn IdSource, key: KeyEvent) -> Vec<Effect> {
    let book = app.address_book.clone();
    let on_next_workplace = match (loaded_case(app), dialog(app)) {
        (Some(case), Some(d)) => d
            .rows(&case, &book)
            .get(d.selected)
            .is_some_and(|r| r.recipient == crate::domain::rules::Recipient::NextWorkplace),
        _ => false,
    };
    match key.code {
        KeyCode::Char(' ') => return toggle(app, ids),
        KeyCode::Left | KeyCode::Right if on_next_workplace => {
            let step = if key.code == KeyCode::Left { -1 } else { 1 };
            if let Some(d) = dialog_mut(app) {
                d.cycle_next_workplace(&book, step);
            }
        }
        _ => {}
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::tests_support::{case, conv, day};
    use crate::domain::organisation::default_book;
    use crate::domain::{ConversationState, Level};

    fn book() -> Vec<Organisation> {
        let mut n = 100;
        default_book(|| {
            n += 1;
            n
        })
    }

    #[test]
    fn type_1_minutes_go_to_the_employing_authority_with_its_secure_mail_address() {
        let mut c = case();
        let mut finalized = conv(
            7,
            day(11, 20),
            ConversationState::Finalized {
                held_on: day(11, 20),
                at: day(11, 20).and_hms_opt(15, 0, 0).unwrap(),
                by: crate::domain::Actor::new(
                    "Hanne Krogh",
                    crate::domain::Role::EducationOfficer,
                    "hanne",
                ),
            },
        );
        finalized.level = Level::One;
        c.conversations.push(finalized);
        let d = DistributionDialog {
            conversation: crate::domain::ConversationId(7),
            selected: 0,
            next_workplace: None,
        };
        let rows = d.rows(&c, &book());
        let ea = rows
            .iter()
            .find(|r| r.recipient == Recipient::EmployingAuthority)
            .unwrap();
        assert_eq!(ea.to, "Esbjerg Kommune");
        assert_eq!(ea.address, "s-o-sikkerpost@esbjerg.dk");
        assert!(ea.required);
        assert!(
            rows.iter()
                .any(|r| r.recipient == Recipient::TrainingBook && r.required)
        );
        assert_eq!(d.addresses(&c, &book()), vec!["s-o-sikkerpost@esbjerg.dk"]);
    }

    #[test]
    fn the_next_workplace_is_chosen_from_the_address_book() {
        let b = book();
        let mut d = DistributionDialog {
            conversation: crate::domain::ConversationId(7),
            selected: 0,
            next_workplace: None,
        };
        d.cycle_next_workplace(&b, 1);
        let chosen = b.iter().find(|o| Some(o.id) == d.next_workplace).unwrap();
        assert_eq!(chosen.name, "Socialpsykiatrien Esbjerg");
    }
}
