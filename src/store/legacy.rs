//! Record layouts of earlier formats, frozen as they were written, and how each becomes
//! the current one. Never change a type here: stored bytes depend on it.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::{
    Addendum, Conversation, ConversationId, ConversationState, Initiator, Level, Minutes,
    Participant, Role, StudentId,
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

impl From<ConversationV1> for Conversation {
    fn from(c: ConversationV1) -> Conversation {
        let m = c.minutes;
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
