//! The rules of the cooperation agreement, as pure Rust.
//!
//! Nothing in here touches a terminal, a database or the clock: the current date and time,
//! the user name and fresh ids are always parameters, so every rule can be unit-tested.

pub mod actor;
pub mod agreement;
pub mod case;
pub mod conversation;
pub mod cooperation;
pub mod course;
pub mod dates;
pub mod facts;
pub mod ids;
pub mod organisation;
pub mod receipt;
pub mod reminders;
pub mod rules;
pub mod student;
pub mod summary;
pub mod timeline;
pub mod written;

pub use actor::Actor;
pub use agreement::{Agreement, AgreementOwner, AgreementStatus};
pub use case::{Case, CaseChange, Ctx, IdSource};
pub use conversation::{
    Addendum, Conversation, ConversationState, Initiator, Minutes, Participant, Role, Sent,
};
pub use cooperation::TeamFile;
pub use course::{
    CourseEnd, DropoutCause, Intervention, InterventionKind, InterventionStatus, Outcome,
    SchoolPeriod,
};
pub use facts::StudentFacts;
pub use ids::{AgreementId, ConversationId, EventId, OrgId, ReservedIds, StudentId};
pub use organisation::{OrgKind, Organisation};
pub use receipt::Receipt;
pub use student::{FocusArea, FocusKind, Level, Programme, Student, StudentStatus};
pub use summary::StudentSummary;
pub use timeline::{Event, EventKind};
pub use written::{FileKind, LeftFile, LeftWhy, WrittenFile};
