//! The append-only timeline of everything done on a student's case.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::actor::Actor;
use super::agreement::AgreementStatus;
use super::cooperation::GoalStatus;
use super::course::{InterventionKind, InterventionStatus, Outcome};
use super::ids::{AgreementId, ConversationId, EventId, StudentId};
use super::rules::Recipient;
use super::student::{Level, StudentStatus};

/// What happened. Texts are stored as data; the screen words them in the user's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    Created,
    Edited,
    WorkplaceChanged {
        from: String,
        to: String,
    },
    StatusChanged {
        from: StudentStatus,
        to: StudentStatus,
    },
    ConversationPlanned {
        conversation: ConversationId,
        level: Level,
        at: NaiveDateTime,
    },
    ConversationRescheduled {
        conversation: ConversationId,
        at: NaiveDateTime,
    },
    ConversationHeld {
        conversation: ConversationId,
        level: Level,
    },
    ConversationFinalized {
        conversation: ConversationId,
        level: Level,
    },
    ConversationCancelled {
        conversation: ConversationId,
        reason: String,
    },
    AddendumAdded {
        conversation: ConversationId,
        text: String,
    },
    Escalated {
        from: Level,
        to: Level,
        reason: String,
    },
    Deescalated {
        from: Level,
        to: Level,
        reason: String,
    },
    AgreementAdded {
        agreement: AgreementId,
        text: String,
    },
    AgreementResolved {
        agreement: AgreementId,
        status: AgreementStatus,
        text: String,
    },
    Note {
        text: String,
    },
    /// Finalized minutes were ticked off as sent to a recipient (or the tick was undone).
    DistributionMarked {
        conversation: ConversationId,
        recipient: Recipient,
        sent: bool,
    },
    /// A planned conversation became one of another type (the case's type changed when
    /// earlier minutes were finalized).
    ConversationRetyped {
        conversation: ConversationId,
        from: Level,
        to: Level,
    },
    /// The course ended (recorded with the status that ends it).
    CourseEnded {
        on: NaiveDate,
        outcome: Outcome,
    },
    /// An intervention was added.
    InterventionAdded {
        intervention: u64,
        kind: InterventionKind,
        provider: String,
    },
    /// An intervention's status, provider or dates changed.
    InterventionChanged {
        intervention: u64,
        kind: InterventionKind,
        status: InterventionStatus,
    },
    /// The school periods were entered or changed; the trial period now ends on `trial_end`.
    SchoolPeriodsChanged {
        periods: u32,
        trial_end: NaiveDate,
    },
    /// The team's coordinator was named or changed.
    CoordinatorSet {
        name: String,
    },
    /// A consent to share information was recorded.
    ConsentRecorded {
        consent: u64,
        until: Option<NaiveDate>,
    },
    /// A consent's parties, content or dates changed.
    ConsentChanged {
        consent: u64,
    },
    /// A consent was withdrawn.
    ConsentWithdrawn {
        consent: u64,
        on: NaiveDate,
    },
    /// Someone was put on the network map.
    NetworkMemberAdded {
        name: String,
    },
    /// Someone on the network map was changed.
    NetworkMemberChanged {
        name: String,
    },
    /// One of the student's goals was written down.
    GoalAdded {
        text: String,
    },
    /// A goal, or one of its sub-goals, was changed or added to.
    GoalChanged {
        text: String,
        status: GoalStatus,
    },
    /// A team meeting's checklist was filled in.
    TeamMeetingHeld {
        on: NaiveDate,
    },
    /// A team meeting's checklist was changed.
    TeamMeetingChanged {
        on: NaiveDate,
    },
}

impl EventKind {
    /// The conversation the event is about, if any; Enter on the event opens it.
    pub fn conversation(&self) -> Option<ConversationId> {
        match self {
            EventKind::ConversationPlanned { conversation, .. }
            | EventKind::ConversationRescheduled { conversation, .. }
            | EventKind::ConversationHeld { conversation, .. }
            | EventKind::ConversationFinalized { conversation, .. }
            | EventKind::ConversationCancelled { conversation, .. }
            | EventKind::AddendumAdded { conversation, .. }
            | EventKind::DistributionMarked { conversation, .. }
            | EventKind::ConversationRetyped { conversation, .. } => Some(*conversation),
            _ => None,
        }
    }
}

/// One entry in a student's timeline: when, by whom and what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: EventId,
    pub student: StudentId,
    pub at: NaiveDateTime,
    pub by: Actor,
    pub kind: EventKind,
}
