//! A conversation (samtale) of type 1, 2 or 3, with its agenda and minutes.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::actor::Actor;
use super::ids::{ConversationId, StudentId};
use super::rules::Recipient;
use super::student::Level;

/// Who asked for the conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Initiator {
    Student,
    Supervisor,
    Other,
}

impl Initiator {
    /// Every initiator, in the order the user cycles through them.
    pub const ALL: [Initiator; 3] = [Initiator::Student, Initiator::Supervisor, Initiator::Other];
}

/// The role a participant has at the meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    Student,
    Supervisor,
    EducationOfficer,
    EmployingAuthority,
    /// The school's education or learning counsellor (uddannelses-/læringsvejleder).
    SchoolCounsellor,
    /// The workplace's manager (oplæringsstedets leder).
    WorkplaceManager,
}

impl Role {
    /// Every role, in the order the template lists them.
    pub const ALL: [Role; 6] = [
        Role::Student,
        Role::Supervisor,
        Role::EducationOfficer,
        Role::EmployingAuthority,
        Role::SchoolCounsellor,
        Role::WorkplaceManager,
    ];
}

/// One person at (or invited to) the meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub role: Role,
    pub name: String,
    pub attended: bool,
}

/// The minutes written under each agenda item of the template.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Minutes {
    /// 1. Short welcome and round of introductions.
    pub welcome: String,
    /// 2. Identification of learning needs: the purpose of the conversation.
    pub learning_needs: String,
    /// 3. Action plan: how the workplace secures the best possible learning conditions.
    pub workplace_secures: String,
    /// 3. Action plan: how the student commits to a targeted effort.
    pub student_commits: String,
    /// 3. Other measures agreed (optional): mentor or learning buddy, SPS support, Danish
    ///    as a second language, a fixed supervisor.
    pub measures: String,
    /// 4. New date: anything said about the follow-up beyond its date and type.
    pub new_date_note: String,
    /// 5. Minutes and their distribution: notes on who receives them.
    pub distribution_note: String,
    /// 6. Closing of the meeting.
    pub closing: String,
}

/// That the finalized minutes were sent to (or, for the training book, uploaded to) a
/// recipient: where, when and by whom it was ticked off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    pub recipient: Recipient,
    /// The organisation and secure-mail address it went to, when there is one.
    pub organisation: String,
    pub address: String,
    pub at: NaiveDateTime,
    pub by: Actor,
}

/// A dated correction to finalized minutes; finalized minutes themselves never change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Addendum {
    pub at: NaiveDateTime,
    pub by: Actor,
    pub text: String,
}

/// Where a conversation is in its life.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConversationState {
    /// Planned; the agenda may already be prepared.
    Planned,
    /// Held; the minutes are a draft that can still be edited.
    Held { on: NaiveDate },
    /// Minutes finalized and locked.
    Finalized {
        held_on: NaiveDate,
        at: NaiveDateTime,
        by: Actor,
    },
    /// Called off before it was held.
    Cancelled { reason: String },
}

impl ConversationState {
    /// Whether the minutes can still be edited directly.
    pub fn is_editable(&self) -> bool {
        matches!(
            self,
            ConversationState::Planned | ConversationState::Held { .. }
        )
    }

    /// The day it was held, for held and finalized conversations.
    pub fn held_on(&self) -> Option<NaiveDate> {
        match self {
            ConversationState::Held { on } => Some(*on),
            ConversationState::Finalized { held_on, .. } => Some(*held_on),
            _ => None,
        }
    }
}

/// A conversation about one student, following the agenda/minutes template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
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
    /// The agreed date of the follow-up conversation.
    pub follow_up: Option<NaiveDate>,
    /// The agreed type of the next conversation.
    pub next_level: Option<Level>,
    /// Why the next conversation is of another type than the rules expect.
    pub next_level_reason: String,
    pub state: ConversationState,
    pub addenda: Vec<Addendum>,
    /// Where the finalized minutes have been sent, ticked off one by one.
    pub distribution: Vec<Sent>,
    /// Whether sending is tracked: false for conversations from before Fokus tracked it,
    /// which are then never reported as not sent.
    pub distribution_tracked: bool,
}

impl Conversation {
    /// The participant holding `role`, if one is listed.
    pub fn participant(&self, role: Role) -> Option<&Participant> {
        self.participants.iter().find(|p| p.role == role)
    }

    /// The name of whoever holds `role`, or an empty string.
    pub fn name_of(&self, role: Role) -> &str {
        self.participant(role).map_or("", |p| p.name.as_str())
    }

    /// The date the conversation took (or will take) place.
    pub fn date(&self) -> NaiveDate {
        self.state
            .held_on()
            .unwrap_or_else(|| self.planned_at.date())
    }

    /// Whether it still counts (not cancelled).
    pub fn is_live(&self) -> bool {
        !matches!(self.state, ConversationState::Cancelled { .. })
    }
}
