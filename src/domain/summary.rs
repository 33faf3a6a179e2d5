//! The small per-student projection the student list and the reminder index are built from,
//! so that startup never has to read whole cases.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::agreement::AgreementStatus;
use super::case::Case;
use super::ids::StudentId;
use super::student::{FocusKind, Level, Programme, StudentStatus, initials};

/// What the student list shows about one student.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudentSummary {
    pub id: StudentId,
    pub name: String,
    pub programme: Programme,
    pub status: StudentStatus,
    pub workplace: String,
    pub unit: String,
    pub level: Level,
    pub focus: Vec<FocusKind>,
    /// The earliest planned conversation.
    pub next_conversation: Option<NaiveDateTime>,
    /// The follow-up date agreed at the latest held conversation.
    pub follow_up: Option<NaiveDate>,
    pub open_agreements: u32,
}

impl StudentSummary {
    /// Derives the summary of `case`.
    pub fn of(case: &Case) -> StudentSummary {
        let s = &case.student;
        StudentSummary {
            id: s.id,
            name: s.name.clone(),
            programme: s.programme,
            status: s.status,
            workplace: s.workplace.clone(),
            unit: s.unit.clone(),
            level: s.level,
            focus: s.focus_areas.iter().map(|f| f.kind).collect(),
            next_conversation: case.next_planned().map(|c| c.planned_at),
            follow_up: case.last_held().and_then(|c| c.follow_up),
            open_agreements: case
                .agreements
                .iter()
                .filter(|a| a.status == AgreementStatus::Open)
                .count() as u32,
        }
    }

    /// The student's initials.
    pub fn initials(&self) -> String {
        initials(&self.name)
    }

    /// Whether the summary matches a filter typed by the user: every word of the filter
    /// must appear, case-insensitively, in the name, workplace, unit or initials.
    pub fn matches(&self, filter: &str) -> bool {
        matches_words(&self.haystack(), &filter_words(filter))
    }

    /// What a filter is matched against, in lower case: name, workplace, unit, initials.
    pub fn haystack(&self) -> String {
        format!(
            "{} {} {} {}",
            self.name,
            self.workplace,
            self.unit,
            self.initials()
        )
        .to_lowercase()
    }
}

/// The words of a filter, in lower case, as [`matches_words`] takes them.
pub fn filter_words(filter: &str) -> Vec<String> {
    filter.split_whitespace().map(str::to_lowercase).collect()
}

/// Whether every word appears in `haystack` (from [`StudentSummary::haystack`]).
pub fn matches_words(haystack: &str, words: &[String]) -> bool {
    words.iter().all(|word| haystack.contains(word.as_str()))
}

impl StudentSummary {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::tests_support::{case, conv, day};
    use crate::domain::conversation::ConversationState;

    #[test]
    fn the_summary_shows_the_next_planned_conversation() {
        let mut c = case();
        c.conversations
            .push(conv(1, day(12, 3), ConversationState::Planned));
        c.conversations
            .push(conv(2, day(11, 30), ConversationState::Planned));
        let s = StudentSummary::of(&c);
        assert_eq!(s.next_conversation.map(|t| t.date()), Some(day(11, 30)));
    }

    #[test]
    fn filter_words_match_name_workplace_and_initials_in_any_case() {
        let s = StudentSummary::of(&case());
        assert!(s.matches("amira"));
        assert!(s.matches("KASTANJE amira"));
        assert!(s.matches("ah"));
        assert!(s.matches(""));
        assert!(!s.matches("amira sygehus"));
    }
}
