//! The distribution checklist of finalized minutes: who they must go to by the rules, the
//! organisations' secure-mail addresses, and what has been ticked off.

use crate::domain::organisation::resolve;
use crate::domain::rules::{self, Recipient};
use crate::domain::{Case, ConversationId, OrgId, OrgKind, Organisation};

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
