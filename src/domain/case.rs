//! A student's case: the student with their conversations, agreements and timeline, and
//! the operations a user performs on it. Each operation returns a [`CaseChange`] holding
//! the records to write and the timeline events that describe them, so storage can write
//! both in one transaction.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::actor::Actor;
use super::agreement::{Agreement, AgreementStatus};
use super::conversation::{Conversation, ConversationState, Initiator, Minutes, Participant, Role};
use super::ids::{AgreementId, ConversationId, EventId, StudentId};
use super::rules::{self, LevelChangeError, Missing};
use super::student::{Level, Student};
use super::timeline::{Event, EventKind};

/// Who acts and when; passed to every operation so the domain never reads the clock.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub now: NaiveDateTime,
    /// Who acts, recorded on every timeline event.
    pub by: Actor,
}

impl Ctx {
    /// Today's date.
    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }
}

/// Hands out fresh, unique record ids.
pub trait IdSource {
    fn next_id(&mut self) -> u64;
}

/// A counter, for tests and demo data that need ids without a database.
impl IdSource for u64 {
    fn next_id(&mut self) -> u64 {
        *self += 1;
        *self
    }
}

/// Records to write together: created or changed records and the events describing them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CaseChange {
    pub student: Option<Student>,
    pub conversations: Vec<Conversation>,
    pub agreements: Vec<Agreement>,
    pub removed_agreements: Vec<AgreementId>,
    pub events: Vec<Event>,
}

impl CaseChange {
    /// True when nothing would be written.
    pub fn is_empty(&self) -> bool {
        self.student.is_none()
            && self.conversations.is_empty()
            && self.agreements.is_empty()
            && self.removed_agreements.is_empty()
            && self.events.is_empty()
    }

    /// Folds a later change into this one, so that one commit writes the result of both:
    /// records are replaced by their later version, events are kept in order.
    pub fn absorb(&mut self, later: CaseChange) {
        if let Some(s) = later.student {
            self.student = Some(s);
        }
        for c in later.conversations {
            self.conversations.retain(|x| x.id != c.id);
            self.conversations.push(c);
        }
        self.agreements
            .retain(|a| !later.removed_agreements.contains(&a.id));
        self.removed_agreements.extend(later.removed_agreements);
        for a in later.agreements {
            self.agreements.retain(|x| x.id != a.id);
            self.removed_agreements.retain(|id| *id != a.id);
            self.agreements.push(a);
        }
        self.events.extend(later.events);
    }

    fn event(&mut self, student: StudentId, kind: EventKind, ctx: &Ctx, ids: &mut dyn IdSource) {
        self.events.push(Event {
            id: EventId(ids.next_id()),
            student,
            at: ctx.now,
            by: ctx.by.clone(),
            kind,
        });
    }
}

/// Why a conversation could not be saved.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    #[error("the minutes are finalized and can only be corrected with an addendum")]
    Locked,
    #[error("no such conversation")]
    NotFound,
    #[error("the text is empty")]
    EmptyText,
    #[error("the minutes are not finalized yet")]
    NotFinalized,
}

/// Everything Fokus holds about one student.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    pub student: Student,
    /// Ordered by planned date, earliest first.
    pub conversations: Vec<Conversation>,
    pub agreements: Vec<Agreement>,
    /// In the order they happened.
    pub events: Vec<Event>,
}

impl Case {
    /// A case with only the student.
    pub fn new(student: Student) -> Case {
        Case {
            student,
            conversations: Vec::new(),
            agreements: Vec::new(),
            events: Vec::new(),
        }
    }

    /// The student's id.
    pub fn id(&self) -> StudentId {
        self.student.id
    }

    /// Looks up a conversation by id.
    pub fn conversation(&self, id: ConversationId) -> Option<&Conversation> {
        self.conversations.iter().find(|c| c.id == id)
    }

    /// Agreements made at `conversation`.
    pub fn agreements_made_in(&self, conversation: ConversationId) -> Vec<&Agreement> {
        self.agreements
            .iter()
            .filter(|a| a.made_in == conversation)
            .collect()
    }

    /// Agreements a conversation should review: those made earlier that are still open or
    /// that this conversation already reviewed.
    pub fn agreements_to_review(&self, conversation: ConversationId) -> Vec<&Agreement> {
        self.agreements
            .iter()
            .filter(|a| {
                a.made_in != conversation
                    && (a.status == AgreementStatus::Open || a.reviewed_in == Some(conversation))
            })
            .collect()
    }

    /// The live conversation planned furthest ahead that has not been held yet.
    pub fn next_planned(&self) -> Option<&Conversation> {
        self.conversations
            .iter()
            .filter(|c| c.state == ConversationState::Planned)
            .min_by_key(|c| c.planned_at)
    }

    /// The most recent held or finalized conversation.
    pub fn last_held(&self) -> Option<&Conversation> {
        self.conversations
            .iter()
            .filter(|c| c.state.held_on().is_some())
            .max_by_key(|c| (c.date(), c.planned_at))
    }

    /// The conversation a user most likely wants to work on: a held draft, else the next
    /// planned one, else the latest.
    pub fn current_conversation(&self) -> Option<&Conversation> {
        self.conversations
            .iter()
            .filter(|c| matches!(c.state, ConversationState::Held { .. }))
            .max_by_key(|c| c.planned_at)
            .or_else(|| self.next_planned())
            .or_else(|| self.conversations.iter().max_by_key(|c| c.planned_at))
    }

    /// Writes `change` into this in-memory case, as storage writes it to disk.
    pub fn apply(&mut self, change: &CaseChange) {
        if let Some(student) = &change.student {
            self.student = student.clone();
        }
        for c in &change.conversations {
            match self.conversations.iter_mut().find(|x| x.id == c.id) {
                Some(slot) => *slot = c.clone(),
                None => self.conversations.push(c.clone()),
            }
        }
        self.conversations.sort_by_key(|c| (c.planned_at, c.id));
        self.agreements
            .retain(|a| !change.removed_agreements.contains(&a.id));
        for a in &change.agreements {
            match self.agreements.iter_mut().find(|x| x.id == a.id) {
                Some(slot) => *slot = a.clone(),
                None => self.agreements.push(a.clone()),
            }
        }
        self.agreements.sort_by_key(|a| a.id);
        self.events.extend(change.events.iter().cloned());
    }

    /// A new planned conversation of `level` with the required participants filled in from
    /// the student's record and the minute-taker role set by the rules. Not yet saved.
    pub fn plan_conversation(
        &self,
        id: ConversationId,
        level: Level,
        at: NaiveDateTime,
    ) -> Conversation {
        let s = &self.student;
        let name_for = |role: Role| match role {
            Role::Student => s.name.clone(),
            Role::Supervisor => s.supervisor.clone(),
            Role::EducationOfficer => s.education_officer.clone(),
            Role::EmployingAuthority => s.employer.clone(),
            Role::SchoolCounsellor | Role::WorkplaceManager => String::new(),
        };
        let participants = rules::required_roles(level)
            .iter()
            .map(|&role| Participant {
                role,
                name: name_for(role),
                attended: true,
            })
            .collect();
        Conversation {
            id,
            student: s.id,
            level,
            planned_at: at,
            place: s.workplace.clone(),
            initiated_by: Initiator::Supervisor,
            participants,
            meeting_leader: Role::EducationOfficer,
            minute_taker: rules::minute_taker_role(level),
            minutes: Minutes::default(),
            follow_up: None,
            next_level: rules::expected_next_level(level),
            next_level_reason: String::new(),
            state: ConversationState::Planned,
            addenda: Vec::new(),
            distribution: Vec::new(),
            distribution_tracked: true,
        }
    }

    /// When to propose the next conversation: the agreed follow-up date if it lies ahead,
    /// otherwise a week from today; at 09:00 on a weekday.
    pub fn proposed_time(&self, today: NaiveDate) -> NaiveDateTime {
        let agreed = self
            .last_held()
            .and_then(|c| c.follow_up)
            .filter(|d| *d >= today);
        let mut date = agreed.unwrap_or(today + Duration::days(7));
        while matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            date += Duration::days(1);
        }
        date.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default())
    }
}

/// Registers a new student.
pub fn create_student(student: Student, ctx: &Ctx, ids: &mut dyn IdSource) -> CaseChange {
    let mut change = CaseChange::default();
    change.event(student.id, EventKind::Created, ctx, ids);
    change.student = Some(student);
    change
}

/// Saves an edited student record, noting a new workplace or status on the timeline.
pub fn update_student(
    case: &Case,
    edited: Student,
    ctx: &Ctx,
    ids: &mut dyn IdSource,
) -> CaseChange {
    let old = &case.student;
    let mut change = CaseChange::default();
    if *old == edited {
        return change;
    }
    let id = old.id;
    let mut other_fields = edited.clone();
    if old.workplace != edited.workplace || old.unit != edited.unit {
        let place = |s: &Student| {
            if s.unit.is_empty() {
                s.workplace.clone()
            } else {
                format!("{}, {}", s.workplace, s.unit)
            }
        };
        change.event(
            id,
            EventKind::WorkplaceChanged {
                from: place(old),
                to: place(&edited),
            },
            ctx,
            ids,
        );
        other_fields.workplace = old.workplace.clone();
        other_fields.unit = old.unit.clone();
    }
    if old.status != edited.status {
        change.event(
            id,
            EventKind::StatusChanged {
                from: old.status,
                to: edited.status,
            },
            ctx,
            ids,
        );
        other_fields.status = old.status;
    }
    if other_fields != *old {
        change.event(id, EventKind::Edited, ctx, ids);
    }
    change.student = Some(edited);
    change
}

/// Saves a conversation as edited, with the agreements shown in its editor (those made in
/// it and those it reviews). New conversations are noted as planned; a change from planned
/// to held, a new time, new agreements and resolved agreements go on the timeline.
pub fn save_conversation(
    case: &Case,
    conversation: Conversation,
    agreements: Vec<Agreement>,
    ctx: &Ctx,
    ids: &mut dyn IdSource,
) -> Result<CaseChange, SaveError> {
    let sid = case.id();
    let old = case.conversation(conversation.id);
    if old.is_some_and(|c| !c.state.is_editable()) {
        return Err(SaveError::Locked);
    }
    let mut change = CaseChange::default();
    let mut conversation = conversation;
    conversation.participants.retain(|p| {
        !p.name.trim().is_empty() || rules::required_roles(conversation.level).contains(&p.role)
    });
    match old {
        None => change.event(
            sid,
            EventKind::ConversationPlanned {
                conversation: conversation.id,
                level: conversation.level,
                at: conversation.planned_at,
            },
            ctx,
            ids,
        ),
        Some(old) => {
            if old.planned_at != conversation.planned_at
                && conversation.state == ConversationState::Planned
            {
                change.event(
                    sid,
                    EventKind::ConversationRescheduled {
                        conversation: conversation.id,
                        at: conversation.planned_at,
                    },
                    ctx,
                    ids,
                );
            }
        }
    }
    let was_held = old.is_some_and(|c| c.state.held_on().is_some());
    if !was_held && conversation.state.held_on().is_some() {
        change.event(
            sid,
            EventKind::ConversationHeld {
                conversation: conversation.id,
                level: conversation.level,
            },
            ctx,
            ids,
        );
    }
    if let ConversationState::Cancelled { reason } = &conversation.state
        && old.is_none_or(|c| c.is_live())
    {
        change.event(
            sid,
            EventKind::ConversationCancelled {
                conversation: conversation.id,
                reason: reason.clone(),
            },
            ctx,
            ids,
        );
    }
    // Agreements made here that the editor no longer shows were removed by the user.
    for before in case.agreements_made_in(conversation.id) {
        if !agreements.iter().any(|a| a.id == before.id) {
            change.removed_agreements.push(before.id);
        }
    }
    for mut agreement in agreements {
        agreement.student = sid;
        let before = case.agreements.iter().find(|a| a.id == agreement.id);
        if let Some(before) = before
            && before.made_in != conversation.id
            && before.status != agreement.status
        {
            agreement.reviewed_in = Some(conversation.id);
        }
        if before == Some(&agreement) {
            continue;
        }
        if before.is_none() {
            change.event(
                sid,
                EventKind::AgreementAdded {
                    agreement: agreement.id,
                    text: agreement.text.clone(),
                },
                ctx,
                ids,
            );
        }
        let resolved_now = agreement.status != AgreementStatus::Open
            && before.is_none_or(|b| b.status != agreement.status);
        if resolved_now {
            change.event(
                sid,
                EventKind::AgreementResolved {
                    agreement: agreement.id,
                    status: agreement.status,
                    text: agreement.text.clone(),
                },
                ctx,
                ids,
            );
        }
        change.agreements.push(agreement);
    }
    if old != Some(&conversation) {
        change.conversations.push(conversation);
    }
    Ok(change)
}

/// Saves and finalizes the minutes, which locks them. Refused with the list of what is
/// missing until the minutes hold what the rules require.
pub fn finalize_conversation(
    case: &Case,
    conversation: Conversation,
    agreements: Vec<Agreement>,
    ctx: &Ctx,
    ids: &mut dyn IdSource,
) -> Result<CaseChange, FinalizeError> {
    let mut preview = case.clone();
    let saved = save_conversation(case, conversation.clone(), agreements, ctx, ids)
        .map_err(FinalizeError::Save)?;
    preview.apply(&saved);
    let current = preview
        .conversation(conversation.id)
        .ok_or(FinalizeError::Save(SaveError::NotFound))?;
    let missing = rules::missing_for_finalize(current, &preview.agreements);
    if !missing.is_empty() {
        return Err(FinalizeError::Incomplete(missing));
    }
    let held_on = current.date();
    let mut finalized = current.clone();
    finalized.state = ConversationState::Finalized {
        held_on,
        at: ctx.now,
        by: ctx.by.clone(),
    };
    let mut change = saved;
    change.conversations.retain(|c| c.id != finalized.id);
    change.event(
        case.id(),
        EventKind::ConversationFinalized {
            conversation: finalized.id,
            level: finalized.level,
        },
        ctx,
        ids,
    );
    change.conversations.push(finalized);
    Ok(change)
}

/// Why minutes could not be finalized.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FinalizeError {
    Save(SaveError),
    Incomplete(Vec<Missing>),
}

/// Raises the case one type and plans the next conversation of the new type at `at`, with
/// the required participants from the student's record. Returns the change and the id of
/// the planned conversation.
pub fn escalate(
    case: &Case,
    reason: &str,
    at: NaiveDateTime,
    ctx: &Ctx,
    ids: &mut dyn IdSource,
) -> Result<(CaseChange, ConversationId), LevelChangeError> {
    let from = case.student.level;
    let to = rules::escalation(from, reason)?;
    let mut student = case.student.clone();
    student.level = to;
    student.level_raised_on = Some(ctx.today());
    let mut change = CaseChange::default();
    change.event(
        case.id(),
        EventKind::Escalated {
            from,
            to,
            reason: reason.trim().to_string(),
        },
        ctx,
        ids,
    );
    let mut raised = case.clone();
    raised.student = student.clone();
    let planned = raised.plan_conversation(ConversationId(ids.next_id()), to, at);
    let planned_id = planned.id;
    change.event(
        case.id(),
        EventKind::ConversationPlanned {
            conversation: planned_id,
            level: to,
            at,
        },
        ctx,
        ids,
    );
    change.student = Some(student);
    change.conversations.push(planned);
    Ok((change, planned_id))
}

/// Lowers the case one type.
pub fn deescalate(
    case: &Case,
    reason: &str,
    ctx: &Ctx,
    ids: &mut dyn IdSource,
) -> Result<CaseChange, LevelChangeError> {
    let from = case.student.level;
    let to = rules::deescalation(from, reason)?;
    let mut student = case.student.clone();
    student.level = to;
    student.level_raised_on = None;
    let mut change = CaseChange::default();
    change.event(
        case.id(),
        EventKind::Deescalated {
            from,
            to,
            reason: reason.trim().to_string(),
        },
        ctx,
        ids,
    );
    change.student = Some(student);
    Ok(change)
}

/// Adds a free-text note to the timeline.
pub fn add_note(
    case: &Case,
    text: &str,
    ctx: &Ctx,
    ids: &mut dyn IdSource,
) -> Result<CaseChange, SaveError> {
    if text.trim().is_empty() {
        return Err(SaveError::EmptyText);
    }
    let mut change = CaseChange::default();
    change.event(
        case.id(),
        EventKind::Note {
            text: text.trim_end().to_string(),
        },
        ctx,
        ids,
    );
    Ok(change)
}

/// Ticks off (or un-ticks) that finalized minutes went to `recipient`, noting where, when
/// and by whom on the conversation and the timeline.
pub fn mark_sent(
    case: &Case,
    conversation: ConversationId,
    recipient: rules::Recipient,
    sent_to: Option<(&str, &str)>,
    sent: bool,
    ctx: &Ctx,
    ids: &mut dyn IdSource,
) -> Result<CaseChange, SaveError> {
    let mut c = case
        .conversation(conversation)
        .ok_or(SaveError::NotFound)?
        .clone();
    if !matches!(c.state, ConversationState::Finalized { .. }) {
        return Err(SaveError::NotFinalized);
    }
    let was = c.distribution.iter().any(|s| s.recipient == recipient);
    let mut change = CaseChange::default();
    if was == sent {
        return Ok(change);
    }
    c.distribution.retain(|s| s.recipient != recipient);
    if sent {
        let (organisation, address) = sent_to.unwrap_or(("", ""));
        c.distribution.push(super::conversation::Sent {
            recipient,
            organisation: organisation.to_string(),
            address: address.to_string(),
            at: ctx.now,
            by: ctx.by.clone(),
        });
        c.distribution.sort_by_key(|s| s.recipient);
    }
    change.event(
        case.id(),
        EventKind::DistributionMarked {
            conversation,
            recipient,
            sent,
        },
        ctx,
        ids,
    );
    change.conversations.push(c);
    Ok(change)
}

/// Adds a dated correction to finalized minutes.
pub fn add_addendum(
    case: &Case,
    conversation: ConversationId,
    text: &str,
    ctx: &Ctx,
    ids: &mut dyn IdSource,
) -> Result<CaseChange, SaveError> {
    if text.trim().is_empty() {
        return Err(SaveError::EmptyText);
    }
    let mut c = case
        .conversation(conversation)
        .ok_or(SaveError::NotFound)?
        .clone();
    c.addenda.push(super::conversation::Addendum {
        at: ctx.now,
        by: ctx.by.clone(),
        text: text.trim_end().to_string(),
    });
    let mut change = CaseChange::default();
    change.event(
        case.id(),
        EventKind::AddendumAdded {
            conversation,
            text: text.trim_end().to_string(),
        },
        ctx,
        ids,
    );
    change.conversations.push(c);
    Ok(change)
}

#[cfg(test)]
mod tests {
    use super::tests_support::student;
    use super::*;
    use crate::domain::agreement::AgreementOwner;
    use crate::domain::student::StudentStatus;

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn ctx() -> Ctx {
        Ctx {
            now: date(11, 23).and_hms_opt(10, 0, 0).unwrap(),
            by: crate::domain::Actor::new(
                "Hanne Krogh",
                crate::domain::Role::EducationOfficer,
                "hanne",
            ),
        }
    }

    fn case_with_held_type_1() -> (Case, u64) {
        let mut ids = 100u64;
        let mut case = Case::new(student());
        let c = case.plan_conversation(
            ConversationId(ids.next_id()),
            Level::One,
            date(11, 20).and_hms_opt(9, 0, 0).unwrap(),
        );
        let change = save_conversation(&case, c, vec![], &ctx(), &mut ids).unwrap();
        case.apply(&change);
        (case, ids)
    }

    #[test]
    fn planning_fills_in_required_participants_from_the_student_record() {
        let case = Case::new(student());
        let at = date(12, 1).and_hms_opt(9, 0, 0).unwrap();
        let c = case.plan_conversation(ConversationId(5), Level::Two, at);
        assert_eq!(c.name_of(Role::Student), "Amira Hassan");
        assert_eq!(c.name_of(Role::Supervisor), "Bente Lund");
        assert_eq!(c.name_of(Role::EducationOfficer), "Hanne Krogh");
        assert_eq!(c.name_of(Role::EmployingAuthority), "Esbjerg Kommune");
        assert_eq!(c.minute_taker, Role::EmployingAuthority);
        assert_eq!(c.next_level, Some(Level::Two));
        assert_eq!(c.place, "Plejecenter Kastanjehaven");
    }

    #[test]
    fn saving_a_new_conversation_notes_it_as_planned() {
        let (case, _) = case_with_held_type_1();
        assert_eq!(case.conversations.len(), 1);
        assert!(matches!(
            case.events[0].kind,
            EventKind::ConversationPlanned {
                level: Level::One,
                ..
            }
        ));
        assert_eq!(case.events[0].by.name, "Hanne Krogh");
    }

    #[test]
    fn marking_held_and_adding_an_agreement_are_both_on_the_timeline() {
        let (case, mut ids) = case_with_held_type_1();
        let mut c = case.conversations[0].clone();
        c.state = ConversationState::Held { on: date(11, 20) };
        let a = Agreement {
            id: AgreementId(ids.next_id()),
            student: case.id(),
            text: "Læser op på journalføring".into(),
            owner: AgreementOwner::Student,
            owner_name: String::new(),
            due: Some(date(12, 4)),
            status: AgreementStatus::Open,
            made_in: c.id,
            reviewed_in: None,
        };
        let change = save_conversation(&case, c, vec![a], &ctx(), &mut ids).unwrap();
        let kinds: Vec<_> = change.events.iter().map(|e| &e.kind).collect();
        assert!(matches!(kinds[0], EventKind::ConversationHeld { .. }));
        assert!(matches!(kinds[1], EventKind::AgreementAdded { .. }));
        assert_eq!(change.agreements.len(), 1);
    }

    #[test]
    fn finalizing_incomplete_minutes_is_refused_with_what_is_missing() {
        let (case, mut ids) = case_with_held_type_1();
        let mut c = case.conversations[0].clone();
        c.state = ConversationState::Held { on: date(11, 20) };
        let err = finalize_conversation(&case, c, vec![], &ctx(), &mut ids).unwrap_err();
        let FinalizeError::Incomplete(missing) = err else {
            panic!("expected incomplete, got {err:?}")
        };
        assert!(missing.contains(&Missing::LearningNeeds));
        assert!(missing.contains(&Missing::Agreement));
        assert!(missing.contains(&Missing::FollowUpDate));
    }

    #[test]
    fn finalized_minutes_are_locked_against_direct_edits() {
        let (case, mut ids) = case_with_held_type_1();
        let mut c = case.conversations[0].clone();
        c.state = ConversationState::Held { on: date(11, 20) };
        c.minutes.learning_needs = "Fagsprog".into();
        c.minutes.workplace_secures = "Vejleder gennemgår notater".into();
        c.minutes.student_commits = "Eleven skriver notater dagligt".into();
        c.follow_up = Some(date(12, 4));
        c.next_level = Some(Level::One);
        let a = Agreement {
            id: AgreementId(ids.next_id()),
            student: case.id(),
            text: "Dagligt notat".into(),
            owner: AgreementOwner::Student,
            owner_name: String::new(),
            due: Some(date(12, 4)),
            status: AgreementStatus::Open,
            made_in: c.id,
            reviewed_in: None,
        };
        let change = finalize_conversation(&case, c.clone(), vec![a], &ctx(), &mut ids).unwrap();
        let mut case = case;
        case.apply(&change);
        let stored = case.conversation(c.id).unwrap();
        assert!(matches!(stored.state, ConversationState::Finalized { .. }));
        assert!(matches!(
            case.events.last().unwrap().kind,
            EventKind::ConversationFinalized { .. }
        ));
        let mut edit = stored.clone();
        edit.minutes.closing = "ændret".into();
        assert_eq!(
            save_conversation(&case, edit, vec![], &ctx(), &mut ids),
            Err(SaveError::Locked)
        );
        let addendum = add_addendum(&case, c.id, "Rettelse: dato", &ctx(), &mut ids).unwrap();
        case.apply(&addendum);
        assert_eq!(case.conversation(c.id).unwrap().addenda.len(), 1);
    }

    #[test]
    fn escalating_raises_the_type_and_plans_a_conversation_with_the_employer() {
        let (case, mut ids) = case_with_held_type_1();
        let at = date(12, 2).and_hms_opt(9, 0, 0).unwrap();
        let (change, planned) = escalate(&case, "Fokus fortsætter", at, &ctx(), &mut ids).unwrap();
        let mut case = case;
        case.apply(&change);
        assert_eq!(case.student.level, Level::Two);
        assert_eq!(case.student.level_raised_on, Some(date(11, 23)));
        let c = case.conversation(planned).unwrap();
        assert_eq!(c.level, Level::Two);
        assert_eq!(c.minute_taker, Role::EmployingAuthority);
        assert_eq!(c.name_of(Role::EmployingAuthority), "Esbjerg Kommune");
        assert!(case.events.iter().any(|e| matches!(
            &e.kind,
            EventKind::Escalated { from: Level::One, to: Level::Two, reason } if reason == "Fokus fortsætter"
        )));
    }

    #[test]
    fn escalating_without_a_reason_changes_nothing() {
        let (case, mut ids) = case_with_held_type_1();
        let at = date(12, 2).and_hms_opt(9, 0, 0).unwrap();
        assert_eq!(
            escalate(&case, " ", at, &ctx(), &mut ids).map(|_| ()),
            Err(LevelChangeError::ReasonRequired)
        );
    }

    #[test]
    fn deescalating_lowers_the_type_with_a_reason_on_the_timeline() {
        let (mut case, mut ids) = case_with_held_type_1();
        case.student.level = Level::Three;
        let change = deescalate(&case, "God progression", &ctx(), &mut ids).unwrap();
        case.apply(&change);
        assert_eq!(case.student.level, Level::Two);
        assert!(matches!(
            case.events.last().unwrap().kind,
            EventKind::Deescalated {
                from: Level::Three,
                to: Level::Two,
                ..
            }
        ));
    }

    #[test]
    fn reviewing_an_earlier_agreement_marks_it_reviewed_and_resolved() {
        let (mut case, mut ids) = case_with_held_type_1();
        let first = case.conversations[0].id;
        let a = Agreement {
            id: AgreementId(ids.next_id()),
            student: case.id(),
            text: "Dagligt notat".into(),
            owner: AgreementOwner::Student,
            owner_name: String::new(),
            due: Some(date(12, 4)),
            status: AgreementStatus::Open,
            made_in: first,
            reviewed_in: None,
        };
        case.agreements.push(a.clone());
        let next = case.plan_conversation(
            ConversationId(ids.next_id()),
            Level::One,
            date(12, 4).and_hms_opt(9, 0, 0).unwrap(),
        );
        assert_eq!(case.agreements_to_review(next.id).len(), 1);
        let mut met = a.clone();
        met.status = AgreementStatus::Met;
        let change = save_conversation(&case, next.clone(), vec![met], &ctx(), &mut ids).unwrap();
        assert_eq!(change.agreements[0].reviewed_in, Some(next.id));
        assert!(change.events.iter().any(|e| matches!(
            e.kind,
            EventKind::AgreementResolved {
                status: AgreementStatus::Met,
                ..
            }
        )));
        assert!(change.removed_agreements.is_empty());
    }

    #[test]
    fn changing_workplace_and_status_are_separate_timeline_events() {
        let case = Case::new(student());
        let mut s = student();
        s.workplace = "Sydvestjysk Sygehus".into();
        s.status = StudentStatus::OnLeave;
        let mut ids = 0u64;
        let change = update_student(&case, s, &ctx(), &mut ids);
        assert_eq!(change.events.len(), 2);
        assert!(matches!(
            change.events[0].kind,
            EventKind::WorkplaceChanged { .. }
        ));
        assert!(matches!(
            change.events[1].kind,
            EventKind::StatusChanged { .. }
        ));
        let unchanged = update_student(&case, student(), &ctx(), &mut ids);
        assert!(unchanged.is_empty());
    }

    #[test]
    fn proposed_time_uses_the_agreed_follow_up_and_skips_weekends() {
        let (mut case, _) = case_with_held_type_1();
        case.conversations[0].state = ConversationState::Held { on: date(11, 20) };
        case.conversations[0].follow_up = Some(date(12, 5)); // a Saturday
        let t = case.proposed_time(date(11, 23));
        assert_eq!(t, date(12, 7).and_hms_opt(9, 0, 0).unwrap());
        case.conversations[0].follow_up = Some(date(11, 1));
        assert_eq!(
            case.proposed_time(date(11, 23)),
            date(11, 30).and_hms_opt(9, 0, 0).unwrap()
        );
    }

    #[test]
    fn absorbing_changes_keeps_the_latest_record_and_every_event() {
        let (case, mut ids) = case_with_held_type_1();
        let mut c = case.conversations[0].clone();
        let mut total = CaseChange::default();
        c.place = "Kontoret".into();
        let first = save_conversation(&case, c.clone(), vec![], &ctx(), &mut ids).unwrap();
        let mut mid = case.clone();
        mid.apply(&first);
        total.absorb(first);
        c.place = "Mødelokale 3".into();
        c.state = ConversationState::Held { on: date(11, 20) };
        let second = save_conversation(&mid, c, vec![], &ctx(), &mut ids).unwrap();
        let events = second.events.len();
        total.absorb(second);
        assert_eq!(total.conversations.len(), 1);
        assert_eq!(total.conversations[0].place, "Mødelokale 3");
        assert_eq!(total.events.len(), events);
    }

    #[test]
    fn ticking_off_distribution_records_where_when_and_who_and_can_be_undone() {
        use crate::domain::reminders::{DueKind, due_items};
        use crate::domain::rules::Recipient;
        let (case, mut ids) = case_with_held_type_1();
        let id = case.conversations[0].id;
        assert_eq!(
            mark_sent(
                &case,
                id,
                Recipient::Participants,
                None,
                true,
                &ctx(),
                &mut ids
            ),
            Err(SaveError::NotFinalized)
        );
        let mut case = case;
        case.conversations[0].state = ConversationState::Finalized {
            held_on: date(11, 20),
            at: date(11, 20).and_hms_opt(15, 0, 0).unwrap(),
            by: crate::domain::Actor::new(
                "Hanne Krogh",
                crate::domain::Role::EducationOfficer,
                "hanne",
            ),
        };
        assert!(
            due_items(&case)
                .iter()
                .any(|i| i.kind == DueKind::DistributionPending)
        );
        for r in [
            Recipient::Participants,
            Recipient::TrainingBook,
            Recipient::EmployingAuthority,
        ] {
            let to = (r == Recipient::EmployingAuthority)
                .then_some(("Esbjerg Kommune", "s-o-sikkerpost@esbjerg.dk"));
            let change = mark_sent(&case, id, r, to, true, &ctx(), &mut ids).unwrap();
            case.apply(&change);
        }
        let c = case.conversation(id).unwrap();
        assert_eq!(c.distribution.len(), 3);
        let ea = c
            .distribution
            .iter()
            .find(|s| s.recipient == Recipient::EmployingAuthority)
            .unwrap();
        assert_eq!(ea.address, "s-o-sikkerpost@esbjerg.dk");
        assert_eq!(ea.by.name, "Hanne Krogh");
        assert!(
            !due_items(&case)
                .iter()
                .any(|i| i.kind == DueKind::DistributionPending),
            "the optional school copy is not required"
        );
        let undo = mark_sent(
            &case,
            id,
            Recipient::TrainingBook,
            None,
            false,
            &ctx(),
            &mut ids,
        )
        .unwrap();
        assert!(matches!(
            undo.events[0].kind,
            EventKind::DistributionMarked { sent: false, .. }
        ));
        case.apply(&undo);
        assert!(
            due_items(&case)
                .iter()
                .any(|i| i.kind == DueKind::DistributionPending)
        );
    }

    #[test]
    fn notes_must_have_text() {
        let case = Case::new(student());
        let mut ids = 0u64;
        assert_eq!(
            add_note(&case, "  \n", &ctx(), &mut ids),
            Err(SaveError::EmptyText)
        );
        assert_eq!(
            add_note(&case, "Ringede til eleven", &ctx(), &mut ids)
                .unwrap()
                .events
                .len(),
            1
        );
    }
}

/// Small fixtures shared by the domain's unit tests.
#[cfg(test)]
pub(crate) mod tests_support {
    use super::*;
    use crate::domain::student::{FocusArea, FocusKind, Programme, StudentStatus};

    pub fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    pub fn student() -> Student {
        Student {
            id: StudentId(1),
            name: "Amira Hassan".into(),
            programme: Programme::Ssa,
            start: day(2, 1),
            expected_end: day(12, 31),
            school: "SOSU Esbjerg".into(),
            workplace: "Plejecenter Kastanjehaven".into(),
            unit: "Afsnit B".into(),
            employer: "Esbjerg Kommune".into(),
            supervisor: "Bente Lund".into(),
            education_officer: "Hanne Krogh".into(),
            focus_areas: vec![FocusArea {
                kind: FocusKind::Language,
                note: "Fagsprog i dokumentation".into(),
            }],
            status: StudentStatus::Active,
            level: Level::One,
            level_raised_on: None,
            employer_org: None,
            school_org: None,
            workplace_org: None,
        }
    }

    pub fn case() -> Case {
        Case::new(student())
    }

    pub fn conv(id: u64, date: NaiveDate, state: ConversationState) -> Conversation {
        let mut c = case().plan_conversation(
            ConversationId(id),
            Level::One,
            date.and_hms_opt(9, 0, 0).unwrap(),
        );
        c.state = state;
        c
    }
}
