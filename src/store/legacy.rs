//! Record layouts of earlier formats, frozen as they were written, and how each becomes
//! the current one. Never change a type here: stored bytes depend on it.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::app::dialogs::prompt::PromptKind;
use crate::app::draft::{AgreementDraft, Draft, EditorDraft};
use crate::app::form::{FieldId, Value};
use crate::domain::rules::Recipient;
use crate::domain::{
    Actor, Addendum, Agreement, AgreementId, AgreementOwner, AgreementStatus, Conversation,
    ConversationId, ConversationState, Event, EventId, EventKind, FocusArea, Initiator, Level,
    Minutes, OrgId, Participant, Programme, Receipt, Role, Sent, Student, StudentId, StudentStatus,
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
    pub state: ConversationStateV3,
    pub addenda: Vec<AddendumV3>,
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
            state: ConversationStateV3::from_current(&c.state),
            addenda: c.addenda.iter().map(AddendumV3::from_current).collect(),
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
    pub state: ConversationStateV3,
    pub addenda: Vec<AddendumV3>,
}

impl From<ConversationV2> for ConversationV3 {
    fn from(c: ConversationV2) -> ConversationV3 {
        ConversationV3 {
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

impl From<StudentV1> for StudentV6 {
    /// Links to the address book are made by name when the record is used.
    fn from(s: StudentV1) -> StudentV6 {
        StudentV6 {
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

/// A student as formats 3 to 6 wrote it: no school periods, outcome or interventions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudentV6 {
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
    pub employer_org: Option<OrgId>,
    pub school_org: Option<OrgId>,
    pub workplace_org: Option<OrgId>,
}

impl From<StudentV1> for Student {
    fn from(s: StudentV1) -> Student {
        StudentV6::from(s).into()
    }
}

impl From<StudentV6> for Student {
    /// A course that had already ended keeps its status; its outcome is unknown (asked
    /// for when the status is next changed) and it has no school periods or interventions.
    fn from(s: StudentV6) -> Student {
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
            employer_org: s.employer_org,
            school_org: s.school_org,
            workplace_org: s.workplace_org,
            school_periods: Vec::new(),
            ended: None,
            interventions: Vec::new(),
            team: Default::default(),
        }
    }
}

/// Where a conversation was in its life, as formats 1 to 3 wrote it: the finalizing user
/// was the operating-system login.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConversationStateV3 {
    Planned,
    Held {
        on: NaiveDate,
    },
    Finalized {
        held_on: NaiveDate,
        at: NaiveDateTime,
        by: String,
    },
    Cancelled {
        reason: String,
    },
}

impl From<ConversationStateV3> for ConversationState {
    fn from(s: ConversationStateV3) -> ConversationState {
        match s {
            ConversationStateV3::Planned => ConversationState::Planned,
            ConversationStateV3::Held { on } => ConversationState::Held { on },
            ConversationStateV3::Finalized { held_on, at, by } => ConversationState::Finalized {
                held_on,
                at,
                by: Actor::login_only(by),
            },
            ConversationStateV3::Cancelled { reason } => ConversationState::Cancelled { reason },
        }
    }
}

#[cfg(test)]
impl ConversationStateV3 {
    /// The older form of a current state, for tests.
    pub fn from_current(s: &ConversationState) -> ConversationStateV3 {
        match s {
            ConversationState::Planned => ConversationStateV3::Planned,
            ConversationState::Held { on } => ConversationStateV3::Held { on: *on },
            ConversationState::Finalized { held_on, at, by } => ConversationStateV3::Finalized {
                held_on: *held_on,
                at: *at,
                by: by.login.clone(),
            },
            ConversationState::Cancelled { reason } => ConversationStateV3::Cancelled {
                reason: reason.clone(),
            },
        }
    }
}

/// An addendum as formats 1 to 3 wrote it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddendumV3 {
    pub at: NaiveDateTime,
    pub by: String,
    pub text: String,
}

impl From<AddendumV3> for Addendum {
    fn from(a: AddendumV3) -> Addendum {
        Addendum {
            at: a.at,
            by: Actor::login_only(a.by),
            text: a.text,
        }
    }
}

#[cfg(test)]
impl AddendumV3 {
    /// The older form of a current addendum, for tests.
    pub fn from_current(a: &Addendum) -> AddendumV3 {
        AddendumV3 {
            at: a.at,
            by: a.by.login.clone(),
            text: a.text.clone(),
        }
    }
}

/// A tick in the distribution checklist as format 3 wrote it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentV3 {
    pub recipient: Recipient,
    pub organisation: String,
    pub address: String,
    pub at: NaiveDateTime,
    pub by: String,
}

impl From<SentV3> for Sent {
    fn from(s: SentV3) -> Sent {
        Sent {
            recipient: s.recipient,
            organisation: s.organisation,
            address: s.address,
            at: s.at,
            by: Actor::login_only(s.by),
        }
    }
}

/// A conversation as format 3 wrote it (people recorded by their login).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationV3 {
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
    pub state: ConversationStateV3,
    pub addenda: Vec<AddendumV3>,
    pub distribution: Vec<SentV3>,
    pub distribution_tracked: bool,
}

impl From<ConversationV3> for Conversation {
    fn from(c: ConversationV3) -> Conversation {
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
            state: c.state.into(),
            addenda: c.addenda.into_iter().map(Into::into).collect(),
            distribution: c.distribution.into_iter().map(Into::into).collect(),
            distribution_tracked: c.distribution_tracked,
        }
    }
}

/// An agreement as formats 1 to 3 wrote it (before a named person could own it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementV3 {
    pub id: AgreementId,
    pub student: StudentId,
    pub text: String,
    pub owner: AgreementOwner,
    pub due: Option<NaiveDate>,
    pub status: AgreementStatus,
    pub made_in: ConversationId,
    pub reviewed_in: Option<ConversationId>,
}

impl From<AgreementV3> for Agreement {
    fn from(a: AgreementV3) -> Agreement {
        Agreement {
            id: a.id,
            student: a.student,
            text: a.text,
            owner: a.owner,
            owner_name: String::new(),
            due: a.due,
            status: a.status,
            made_in: a.made_in,
            reviewed_in: a.reviewed_in,
        }
    }
}

/// A timeline event as formats 1 to 3 wrote it: the user was the operating-system login.
/// (Event kinds added later come after the old ones, so old kinds read as they are.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventV3 {
    pub id: EventId,
    pub student: StudentId,
    pub at: NaiveDateTime,
    pub user: String,
    pub kind: EventKind,
}

impl From<EventV3> for Event {
    fn from(e: EventV3) -> Event {
        Event {
            id: e.id,
            student: e.student,
            at: e.at,
            by: Actor::login_only(e.user),
            kind: e.kind,
        }
    }
}

/// A deletion receipt as format 3 wrote it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptV3 {
    pub id: String,
    pub at: NaiveDateTime,
    pub by: String,
}

impl From<ReceiptV3> for Receipt {
    fn from(r: ReceiptV3) -> Receipt {
        Receipt {
            id: r.id,
            at: r.at,
            by: Actor::login_only(r.by),
            left: Vec::new(),
        }
    }
}

/// A deletion receipt as format 4 wrote it, before receipts named the files an erasure
/// left.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptV4 {
    pub id: String,
    pub at: NaiveDateTime,
    pub by: Actor,
}

impl From<ReceiptV4> for Receipt {
    fn from(r: ReceiptV4) -> Receipt {
        Receipt {
            id: r.id,
            at: r.at,
            by: r.by,
            // Erasures before format 5 removed what they found and named nothing.
            left: Vec::new(),
        }
    }
}

/// A field's value in a draft of formats 2 and 3 (agreements without a named owner).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ValueV3 {
    Text(String),
    Choice(crate::app::form::Choice),
    Ticked(String, bool),
    Agreements(Vec<AgreementV3>),
}

impl From<ValueV3> for Value {
    fn from(v: ValueV3) -> Value {
        match v {
            ValueV3::Text(t) => Value::Text(t),
            ValueV3::Choice(c) => Value::Choice(c),
            ValueV3::Ticked(t, b) => Value::Ticked(t, b),
            ValueV3::Agreements(list) => {
                Value::Agreements(list.into_iter().map(Into::into).collect())
            }
        }
    }
}

fn fields_v3(fields: Vec<(FieldId, ValueV3)>) -> Vec<(FieldId, Value)> {
    fields.into_iter().map(|(id, v)| (id, v.into())).collect()
}

/// An agreement being written in a draft of formats 2 and 3.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementDraftV3 {
    pub base: AgreementV3,
    pub index: Option<usize>,
    pub fields: Vec<(FieldId, ValueV3)>,
}

/// An open editor in a draft of formats 2 and 3, with conversations as `C` held them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EditorDraftV3<C> {
    Student {
        id: StudentId,
        original: Option<Box<StudentV6>>,
        fields: Vec<(FieldId, ValueV3)>,
    },
    Conversation {
        student: Box<StudentV6>,
        base: Box<C>,
        is_new: bool,
        fields: Vec<(FieldId, ValueV3)>,
        agreement: Option<AgreementDraftV3>,
    },
    Prompt {
        kind: PromptKind,
        student: StudentId,
        text: String,
    },
}

/// The draft journal of formats 2 (`C` = [`ConversationV2`]) and 3 ([`ConversationV3`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftV3<C> {
    pub written_at: NaiveDateTime,
    pub student: StudentId,
    pub student_name: String,
    pub editors: Vec<EditorDraftV3<C>>,
}

impl<C: Into<Conversation>> From<DraftV3<C>> for Draft {
    fn from(d: DraftV3<C>) -> Draft {
        let editors = d
            .editors
            .into_iter()
            .map(|e| match e {
                EditorDraftV3::Student {
                    id,
                    original,
                    fields,
                } => EditorDraft::Student {
                    id,
                    original: original.map(|s| Box::new((*s).into())),
                    fields: fields_v3(fields),
                },
                EditorDraftV3::Conversation {
                    student,
                    base,
                    is_new,
                    fields,
                    agreement,
                } => EditorDraft::Conversation {
                    student: Box::new((*student).into()),
                    base: Box::new((*base).into()),
                    is_new,
                    fields: fields_v3(fields),
                    agreement: agreement.map(|a| AgreementDraft {
                        base: a.base.into(),
                        index: a.index,
                        fields: fields_v3(a.fields),
                    }),
                },
                EditorDraftV3::Prompt {
                    kind,
                    student,
                    text,
                } => EditorDraft::Prompt {
                    kind,
                    student,
                    text,
                },
            })
            .collect();
        Draft {
            written_at: d.written_at,
            student: d.student,
            student_name: d.student_name,
            editors,
        }
    }
}

/// An open editor in a draft of formats 4 to 6: students without the course's fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EditorDraftV6 {
    Student {
        id: StudentId,
        original: Option<Box<StudentV6>>,
        fields: Vec<(FieldId, Value)>,
    },
    Conversation {
        student: Box<StudentV6>,
        base: Box<Conversation>,
        is_new: bool,
        fields: Vec<(FieldId, Value)>,
        agreement: Option<AgreementDraft>,
    },
    Prompt {
        kind: PromptKind,
        student: StudentId,
        text: String,
    },
}

/// The draft journal of formats 4 to 6.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftV6 {
    pub written_at: NaiveDateTime,
    pub student: StudentId,
    pub student_name: String,
    pub editors: Vec<EditorDraftV6>,
}

impl From<DraftV6> for Draft {
    fn from(d: DraftV6) -> Draft {
        let editors = d
            .editors
            .into_iter()
            .map(|e| match e {
                EditorDraftV6::Student {
                    id,
                    original,
                    fields,
                } => EditorDraft::Student {
                    id,
                    original: original.map(|s| Box::new((*s).into())),
                    fields,
                },
                EditorDraftV6::Conversation {
                    student,
                    base,
                    is_new,
                    fields,
                    agreement,
                } => EditorDraft::Conversation {
                    student: Box::new((*student).into()),
                    base,
                    is_new,
                    fields,
                    agreement,
                },
                EditorDraftV6::Prompt {
                    kind,
                    student,
                    text,
                } => EditorDraft::Prompt {
                    kind,
                    student,
                    text,
                },
            })
            .collect();
        Draft {
            written_at: d.written_at,
            student: d.student,
            student_name: d.student_name,
            editors,
        }
    }
}

impl From<ConversationV2> for Conversation {
    fn from(c: ConversationV2) -> Conversation {
        ConversationV3::from(c).into()
    }
}
