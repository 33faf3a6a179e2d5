//! Record layouts of earlier formats, frozen as they were written, and how each becomes
//! the current one. Never change a type here: stored bytes depend on it.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::{
    Addendum, Conversation, ConversationId, ConversationState, FocusArea, Initiator, Level,
    Minutes, Participant, Programme, Role, Student, StudentId, StudentStatus,
};

/// Minutes as format 1 wrote them (no "other measures").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesV1 {
    pub welcome: String,
    pub learning_needs: String,
    pub workplace_secures: String,
    pub student_commits: String,
    pub new_date_note: String,
    pub distribution_note: String,
    pub closing: String,
}

/// A conversation as format 1 wrote it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationV1 {
    pub id: ConversationId,
    pub student: StudentId,
    pub level: Level,
    pub planned_at: NaiveDateTime,
    pub place: String,
    pub initiated_by: Initiator,
    pub participants: Vec<Participant>,
    pub meeting_leader: Role,
    pub minute_taker: Role,
    pub minutes: MinutesV1,
    pub follow_up: Option<NaiveDate>,
    pub next_level: Option<Level>,
    pub next_level_reason: String,
    pub state: ConversationState,
    pub addenda: Vec<Addendum>,
}

impl From<ConversationV1> for ConversationV2 {
    fn from(c: ConversationV1) -> ConversationV2 {
        let m = c.minutes;
        ConversationV2 {
            id: c.id,
            student: c.student,
            level: c.level,
            planned_at: c.planned_at,
            place: c.place,
            initiated_by: c.initiated_by,
            participants: c.participants,
            meeting_leader: c.meeting_leader,
            minute_taker: c.minute_taker,
            minutes: Minutes {
                welcome: m.welcome,
                learning_needs: m.learning_needs,
                workplace_secures: m.workplace_secures,
                student_commits: m.student_commits,
                measures: String::new(),
                new_date_note: m.new_date_note,
                distribution_note: m.distribution_note,
                closing: m.closing,
            },
            follow_up: c.follow_up,
            next_level: c.next_level,
            next_level_reason: c.next_level_reason,
            state: c.state,
            addenda: c.addenda,
        }
    }
}

#[cfg(test)]
impl ConversationV1 {
    /// The format-1 form of a conversation with no other measures, for tests.
    pub fn from_current(c: &Conversation) -> ConversationV1 {
        let m = &c.minutes;
        ConversationV1 {
            id: c.id,
            student: c.student,
            level: c.level,
            planned_at: c.planned_at,
            place: c.place.clone(),
            initiated_by: c.initiated_by,
            participants: c.participants.clone(),
            meeting_leader: c.meeting_leader,
            minute_taker: c.minute_taker,
            minutes: MinutesV1 {
                welcome: m.welcome.clone(),
                learning_needs: m.learning_needs.clone(),
                workplace_secures: m.workplace_secures.clone(),
                student_commits: m.student_commits.clone(),
                new_date_note: m.new_date_note.clone(),
                distribution_note: m.distribution_note.clone(),
                closing: m.closing.clone(),
            },
            follow_up: c.follow_up,
            next_level: c.next_level,
            next_level_reason: c.next_level_reason.clone(),
            state: c.state.clone(),
            addenda: c.addenda.clone(),
        }
    }
}

/// A conversation as format 2 wrote it (before distribution was tracked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationV2 {
    pub id: ConversationId,
    pub student: StudentId,
    pub level: Level,
    pub planned_at: NaiveDateTime,
    pub place: String,
    pub initiated_by: Initiator,
    pub participants: Vec<Participant>,
    pub meeting_leader: Role,
    pub minute_taker: Role,
    pub minutes: Minutes,
    pub follow_up: Option<NaiveDate>,
    pub next_level: Option<Level>,
    pub next_level_reason: String,
    pub state: ConversationState,
    pub addenda: Vec<Addendum>,
}

impl From<ConversationV2> for Conversation {
    fn from(c: ConversationV2) -> Conversation {
        Conversation {
            id: c.id,
            student: c.student,
            level: c.level,
            planned_at: c.planned_at,
            place: c.place,
            initiated_by: c.initiated_by,
            participants: c.participants,
            meeting_leader: c.meeting_leader,
            minute_taker: c.minute_taker,
            minutes: c.minutes,
            follow_up: c.follow_up,
            next_level: c.next_level,
            next_level_reason: c.next_level_reason,
            state: c.state,
            addenda: c.addenda,
            distribution: Vec::new(),
            // Whether these minutes were sent was never recorded; nothing is claimed.
            distribution_tracked: false,
        }
    }
}

/// A student as formats 1 and 2 wrote them (before the address book).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudentV1 {
    pub id: StudentId,
    pub name: String,
    pub programme: Programme,
    pub start: NaiveDate,
    pub expected_end: NaiveDate,
    pub school: String,
    pub workplace: String,
    pub unit: String,
    pub employer: String,
    pub supervisor: String,
    pub education_officer: String,
    pub focus_areas: Vec<FocusArea>,
    pub status: StudentStatus,
    pub level: Level,
    pub level_raised_on: Option<NaiveDate>,
}

impl From<StudentV1> for Student {
    /// Links to the address book are made by name when the record is used.
    fn from(s: StudentV1) -> Student {
        Student {
            id: s.id,
            name: s.name,
            programme: s.programme,
            start: s.start,
            expected_end: s.expected_end,
            school: s.school,
            workplace: s.workplace,
            unit: s.unit,
            employer: s.employer,
            supervisor: s.supervisor,
            education_officer: s.education_officer,
            focus_areas: s.focus_areas,
            status: s.status,
            level: s.level,
            level_raised_on: s.level_raised_on,
            employer_org: None,
            school_org: None,
            workplace_org: None,
        }
    }
}
