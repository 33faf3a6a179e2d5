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
    /// A meeting cannot be registered as held before its day.
    #[error("the meeting on {on} has not taken place yet")]
    NotYetHeld { on: NaiveDate },
    #[error("no such agreement")]
    NoSuchAgreement,
}

/// Everything Fokus holds about one student.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    pub student: Student,
    /// Ordered by planned date, earliest first.
    pub conversations: Vec<Conversation>,
    /// Ordered by id (the order they were made).
    pub agreements: Vec<Agreement>,
    /// In the order they happened (by time, then by id).
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

    /// A case of stored records in any order, put in the case's orders.
    pub fn from_records(
        student: Student,
        conversations: Vec<Conversation>,
        agreements: Vec<Agreement>,
        events: Vec<Event>,
    ) -> Case {
        let mut case = Case {
            student,
            conversations,
            agreements,
            events,
        };
        case.order();
        case
    }

    fn order(&mut self) {
        self.conversations.sort_by_key(|c| (c.planned_at, c.id));
        self.agreements.sort_by_key(|a| a.id);
        // Events recorded later about something earlier (a tick for minutes sent days
        // ago) take their place by when they happened.
        self.events.sort_by_key(|e| (e.at, e.id));
    }

    /// The timeline newest first, as the user reads it.
    pub fn events_newest_first(&self) -> impl Iterator<Item = &Event> {
        self.events.iter().rev()
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
    /// planned one, else the latest that was not called off.
    pub fn current_conversation(&self) -> Option<&Conversation> {
        self.conversations
            .iter()
            .filter(|c| matches!(c.state, ConversationState::Held { .. }))
            .max_by_key(|c| c.planned_at)
            .or_else(|| self.next_planned())
            .or_else(|| {
                self.conversations
                    .iter()
                    .filter(|c| c.is_live())
                    .max_by_key(|c| c.planned_at)
            })
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
        self.agreements
            .retain(|a| !change.removed_agreements.contains(&a.id));
        for a in &change.agreements {
            match self.agreements.iter_mut().find(|x| x.id == a.id) {
                Some(slot) => *slot = a.clone(),
                None => self.agreements.push(a.clone()),
            }
        }
        self.events.extend(change.events.iter().cloned());
        self.order();
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
        // Invited, not yet attended: attendance is ticked when the meeting is held.
        let participants = rules::required_roles(level)
            .iter()
            .map(|&role| Participant {
                role,
                name: name_for(role),
                attended: false,
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
    if old.ended != edited.ended
        && let Some(end) = edited.ended
    {
        change.event(
            id,
            EventKind::CourseEnded {
                on: end.on,
                outcome: end.outcome,
            },
            ctx,
            ids,
        );
    }
    other_fields.ended = old.ended;
    if old.school_periods != edited.school_periods {
        change.event(
            id,
            EventKind::SchoolPeriodsChanged {
                periods: u32::try_from(edited.school_periods.len()).unwrap_or(u32::MAX),
                trial_end: edited.trial_end(),
            },
            ctx,
            ids,
        );
        other_fields.school_periods = old.school_periods.clone();
    }
    for i in &edited.interventions {
        match old.interventions.iter().find(|o| o.id == i.id) {
            None => change.event(
                id,
                EventKind::InterventionAdded {
                    intervention: i.id,
                    kind: i.kind,
                    provider: i.provider.clone(),
                },
                ctx,
                ids,
            ),
            Some(o) if o != i => change.event(
                id,
                EventKind::InterventionChanged {
                    intervention: i.id,
                    kind: i.kind,
                    status: i.status,
                },
                ctx,
                ids,
            ),
            Some(_) => {}
        }
    }
    other_fields.interventions = old.interventions.clone();
    for kind in super::cooperation::changes(&old.team, &edited.team) {
        change.event(id, kind, ctx, ids);
    }
    other_fields.team = old.team.clone();
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
    if let ConversationState::Held { on } = conversation.state
        && !rules::may_be_held(on, ctx.today())
    {
        return Err(SaveError::NotYetHeld { on });
    }
    let mut change = CaseChange::default();
    let mut conversation = conversation;
    conversation.participants.retain(|p| {
        !p.name.trim().is_empty() || rules::required_roles(conversation.level).contains(&p.role)
    });
    // The agreement fixes who writes the decision minutes; nothing else can hold.
    conversation.minute_taker = rules::minute_taker_role(conversation.level);
    // Attendance is a fact of a held meeting: a planned one only lists who is invited.
    if conversation.state == ConversationState::Planned {
        for p in &mut conversation.participants {
            p.attended = false;
        }
    }
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

/// What finalizing minutes leads to besides locking them: the case's type follows the
/// next conversation's type, and the next conversation is planned on the follow-up date.
/// Shown to the user before they confirm, and carried out by [`finalize_conversation`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowThrough {
    /// The case's type changes from the first to the second.
    pub level_change: Option<(Level, Level)>,
    /// The reason recorded for a change of type.
    pub reason: String,
    /// What happens to the next conversation.
    pub next: NextMeeting,
}

/// The next conversation after a change of type or finalized minutes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NextMeeting {
    /// A new conversation of `level` is planned at `at`.
    Plan { level: Level, at: NaiveDateTime },
    /// The conversation already planned is kept; it gets `level` and moves to `at` where
    /// they differ from what it has.
    Update {
        id: ConversationId,
        from: (Level, NaiveDateTime),
        to: (Level, NaiveDateTime),
    },
    /// Nothing to plan.
    None,
}

/// The conversation planned next after `after` (a day), other than `except`.
fn planned_after(case: &Case, after: NaiveDate, except: ConversationId) -> Option<&Conversation> {
    case.conversations
        .iter()
        .filter(|c| c.id != except && c.state == ConversationState::Planned)
        .filter(|c| c.planned_at.date() >= after)
        .min_by_key(|c| (c.planned_at, c.id))
}

impl Case {
    /// What finalizing `conversation` (as it would be finalized) leads to.
    pub fn follow_through(&self, conversation: &Conversation) -> FollowThrough {
        let current = self.student.level;
        let next_level = conversation.next_level.unwrap_or(current);
        let level_change = (next_level != current).then_some((current, next_level));
        let next = match conversation.follow_up {
            Some(day) => {
                let at = day.and_time(conversation.planned_at.time());
                match planned_after(self, conversation.date(), conversation.id) {
                    // Moved to the agreed day, at the time it was planned for.
                    Some(p) => NextMeeting::Update {
                        id: p.id,
                        from: (p.level, p.planned_at),
                        to: (next_level, day.and_time(p.planned_at.time())),
                    },
                    None => NextMeeting::Plan {
                        level: next_level,
                        at,
                    },
                }
            }
            None => NextMeeting::None,
        };
        FollowThrough {
            level_change,
            reason: conversation.next_level_reason.trim().to_string(),
            next,
        }
    }
}

/// Saves and finalizes the minutes, which locks them, and in the same change does what
/// they decide: the case takes the type of the next conversation (escalated or
/// de-escalated with "Begrundelse for typen" as the reason) and the next conversation of
/// that type is planned on the follow-up date with the participants the agreement
/// requires. Refused with the list of what is missing until the minutes hold what the
/// rules require. Returns the change and the next conversation's id.
pub fn finalize_conversation(
    case: &Case,
    conversation: Conversation,
    agreements: Vec<Agreement>,
    ctx: &Ctx,
    ids: &mut dyn IdSource,
) -> Result<(CaseChange, Option<ConversationId>), FinalizeError> {
    let mut preview = case.clone();
    let saved = save_conversation(case, conversation.clone(), agreements, ctx, ids)
        .map_err(FinalizeError::Save)?;
    preview.apply(&saved);
    let current = preview
        .conversation(conversation.id)
        .ok_or(FinalizeError::Save(SaveError::NotFound))?;
    let missing = rules::missing_for_finalize(
        current,
        &preview.agreements,
        preview.student.level,
        ctx.today(),
    );
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
    let plan = preview.follow_through(&finalized);
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
    preview.apply(&change);
    let mut after = CaseChange::default();
    if let Some((from, to)) = plan.level_change {
        after.absorb(change_level(&preview, from, to, &plan.reason, ctx, ids));
        preview.apply(&after);
    }
    let next = match plan.next {
        NextMeeting::Plan { level, at } => {
            let (planned, id) = plan_meeting(&preview, level, at, ctx, ids);
            after.absorb(planned);
            Some(id)
        }
        NextMeeting::Update { id, to, .. } => {
            after.absorb(update_meeting(&preview, id, to.0, Some(to.1), ctx, ids));
            Some(id)
        }
        NextMeeting::None => None,
    };
    change.absorb(after);
    Ok((change, next))
}

/// Why minutes could not be finalized.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FinalizeError {
    Save(SaveError),
    Incomplete(Vec<Missing>),
}

/// The student's type set from `from` to `to`, with the reason on the timeline.
fn change_level(
    case: &Case,
    from: Level,
    to: Level,
    reason: &str,
    ctx: &Ctx,
    ids: &mut dyn IdSource,
) -> CaseChange {
    let mut student = case.student.clone();
    student.level = to;
    student.level_raised_on = (to > from).then(|| ctx.today());
    let reason = reason.trim().to_string();
    let kind = if to > from {
        EventKind::Escalated { from, to, reason }
    } else {
        EventKind::Deescalated { from, to, reason }
    };
    let mut change = CaseChange::default();
    change.event(case.id(), kind, ctx, ids);
    change.student = Some(student);
    change
}

/// A new conversation of `level` at `at`, with the participants the agreement requires.
fn plan_meeting(
    case: &Case,
    level: Level,
    at: NaiveDateTime,
    ctx: &Ctx,
    ids: &mut dyn IdSource,
) -> (CaseChange, ConversationId) {
    let planned = case.plan_conversation(ConversationId(ids.next_id()), level, at);
    let id = planned.id;
    let mut change = CaseChange::default();
    change.event(
        case.id(),
        EventKind::ConversationPlanned {
            conversation: id,
            level,
            at,
        },
        ctx,
        ids,
    );
    change.conversations.push(planned);
    (change, id)
}

/// A planned conversation made one of `level` (participants the agreement requires added
/// from the student's record, the minute-taker the rules name), moved to `at` if given.
fn update_meeting(
    case: &Case,
    id: ConversationId,
    level: Level,
    at: Option<NaiveDateTime>,
    ctx: &Ctx,
    ids: &mut dyn IdSource,
) -> CaseChange {
    let mut change = CaseChange::default();
    let Some(old) = case.conversation(id) else {
        return change;
    };
    let mut c = old.clone();
    if c.level != level {
        let template = case.plan_conversation(id, level, c.planned_at);
        for p in template.participants {
            if !c.participants.iter().any(|q| q.role == p.role) {
                c.participants.push(p);
            }
        }
        c.participants.sort_by_key(|p| p.role);
        c.level = level;
        c.minute_taker = rules::minute_taker_role(level);
        c.next_level = rules::expected_next_level(level);
        change.event(
            case.id(),
            EventKind::ConversationRetyped {
                conversation: id,
                from: old.level,
                to: level,
            },
            ctx,
            ids,
        );
    }
    if let Some(at) = at
        && at != c.planned_at
    {
        c.planned_at = at;
        change.event(
            case.id(),
            EventKind::ConversationRescheduled {
                conversation: id,
                at,
            },
            ctx,
            ids,
        );
    }
    if c != *old {
        change.conversations.push(c);
    }
    change
}

/// Raises the case one type and makes sure a conversation of the new type is planned: the
/// one already planned becomes one of the new type, or a new one is planned at `at`, with
/// the required participants from the student's record. Returns the change and the id of
/// that conversation.
pub fn escalate(
    case: &Case,
    reason: &str,
    at: NaiveDateTime,
    ctx: &Ctx,
    ids: &mut dyn IdSource,
) -> Result<(CaseChange, ConversationId), LevelChangeError> {
    let from = case.student.level;
    let to = rules::escalation(from, reason)?;
    let mut change = change_level(case, from, to, reason, ctx, ids);
    let mut raised = case.clone();
    raised.apply(&change);
    let planned = match planned_after(&raised, ctx.today(), ConversationId(0)) {
        Some(p) => {
            let id = p.id;
            change.absorb(update_meeting(&raised, id, to, None, ctx, ids));
            id
        }
        None => {
            let (planned, id) = plan_meeting(&raised, to, at, ctx, ids);
            change.absorb(planned);
            id
        }
    };
    Ok((change, planned))
}

/// Lowers the case one type; a conversation already planned becomes one of the new type.
pub fn deescalate(
    case: &Case,
    reason: &str,
    ctx: &Ctx,
    ids: &mut dyn IdSource,
) -> Result<CaseChange, LevelChangeError> {
    let from = case.student.level;
    let to = rules::deescalation(from, reason)?;
    let mut change = change_level(case, from, to, reason, ctx, ids);
    let mut lowered = case.clone();
    lowered.apply(&change);
    if let Some(p) = planned_after(&lowered, ctx.today(), ConversationId(0)) {
        let id = p.id;
        change.absorb(update_meeting(&lowered, id, to, None, ctx, ids));
    }
    Ok(change)
}

/// Records whether an agreement was met (or not), outside any conversation: from its
/// reminder or the student's list of agreements. Reopening is allowed too.
pub fn resolve_agreement(
    case: &Case,
    agreement: AgreementId,
    status: AgreementStatus,
    ctx: &Ctx,
    ids: &mut dyn IdSource,
) -> Result<CaseChange, SaveError> {
    let mut a = case
        .agreements
        .iter()
        .find(|a| a.id == agreement)
        .ok_or(SaveError::NoSuchAgreement)?
        .clone();
    let mut change = CaseChange::default();
    if a.status == status {
        return Ok(change);
    }
    a.status = status;
    change.event(
        case.id(),
        EventKind::AgreementResolved {
            agreement,
            status,
            text: a.text.clone(),
        },
        ctx,
        ids,
    );
    change.agreements.push(a);
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
    // Drafts are corrected directly; addenda are for locked minutes.
    if !matches!(c.state, ConversationState::Finalized { .. }) {
        return Err(SaveError::NotFinalized);
    }
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
        for p in &mut c.participants {
            p.attended = true;
        }
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
        let (change, _) =
            finalize_conversation(&case, c.clone(), vec![a], &ctx(), &mut ids).unwrap();
        let mut case = case;
        case.apply(&change);
        let stored = case.conversation(c.id).unwrap();
        assert!(matches!(stored.state, ConversationState::Finalized { .. }));
        assert!(
            case.events
                .iter()
                .any(|e| matches!(e.kind, EventKind::ConversationFinalized { .. }))
        );
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

    /// The held type-1 conversation of `case_with_held_type_1` with complete minutes
    /// deciding `next` (with a reason) and a follow-up on 04.12, and its agreement.
    fn complete_minutes(case: &Case, ids: &mut u64, next: Level) -> (Conversation, Agreement) {
        let mut c = case.conversations[0].clone();
        c.state = ConversationState::Held { on: date(11, 20) };
        for p in &mut c.participants {
            p.attended = true;
        }
        c.minutes.learning_needs = "Fagsprog".into();
        c.minutes.workplace_secures = "Vejleder gennemgår notater".into();
        c.minutes.student_commits = "Eleven skriver notater dagligt".into();
        c.follow_up = Some(date(12, 4));
        c.next_level = Some(next);
        c.next_level_reason = "Fokusområderne består".into();
        let a = Agreement {
            id: AgreementId(ids.next_id()),
            student: case.id(),
            text: "Dagligt notat".into(),
            owner: AgreementOwner::Student,
            owner_name: "Amira Hassan".into(),
            due: Some(date(12, 4)),
            status: AgreementStatus::Open,
            made_in: c.id,
            reviewed_in: None,
        };
        (c, a)
    }

    /// A type-1 conversation planned for 01.12 at 13:00, saved.
    fn plan_ahead(case: &mut Case, ids: &mut u64) -> Conversation {
        let ahead = case.plan_conversation(
            ConversationId(ids.next_id()),
            Level::One,
            date(12, 1).and_hms_opt(13, 0, 0).unwrap(),
        );
        let change = save_conversation(case, ahead.clone(), vec![], &ctx(), ids).unwrap();
        case.apply(&change);
        ahead
    }

    #[test]
    fn finalizing_with_next_type_2_escalates_and_plans_type_2_with_the_employer_writing() {
        let (case, mut ids) = case_with_held_type_1();
        let (c, a) = complete_minutes(&case, &mut ids, Level::Two);
        let (change, next) =
            finalize_conversation(&case, c.clone(), vec![a], &ctx(), &mut ids).unwrap();
        let mut case = case;
        case.apply(&change);
        assert_eq!(case.student.level, Level::Two);
        assert_eq!(case.student.level_raised_on, Some(date(11, 23)));
        let planned = case.conversation(next.unwrap()).unwrap();
        assert_eq!(planned.level, Level::Two);
        assert_eq!(planned.state, ConversationState::Planned);
        // On the follow-up date, at the time of the meeting that decided it.
        assert_eq!(
            planned.planned_at,
            date(12, 4).and_hms_opt(9, 0, 0).unwrap()
        );
        assert_eq!(planned.minute_taker, Role::EmployingAuthority);
        assert_eq!(planned.name_of(Role::EmployingAuthority), "Esbjerg Kommune");
        assert!(planned.participants.iter().all(|p| !p.attended));
        assert!(case.events.iter().any(|e| matches!(
            &e.kind,
            EventKind::Escalated { from: Level::One, to: Level::Two, reason } if reason == "Fokusområderne består"
        )));
        // The student's type, the minutes and the planned conversation agree: no reminder
        // of a raised type without its conversation.
        assert!(
            !crate::domain::reminders::due_items(&case)
                .iter()
                .any(|i| i.kind == crate::domain::reminders::DueKind::LevelWithoutConversation)
        );
    }

    #[test]
    fn finalizing_with_the_same_type_plans_the_next_conversation_of_that_type() {
        let (case, mut ids) = case_with_held_type_1();
        let (c, a) = complete_minutes(&case, &mut ids, Level::One);
        let (change, next) = finalize_conversation(&case, c, vec![a], &ctx(), &mut ids).unwrap();
        let mut case = case;
        case.apply(&change);
        assert_eq!(case.student.level, Level::One);
        assert!(
            !case
                .events
                .iter()
                .any(|e| matches!(e.kind, EventKind::Escalated { .. }))
        );
        let planned = case.conversation(next.unwrap()).unwrap();
        assert_eq!(planned.level, Level::One);
        assert_eq!(planned.planned_at.date(), date(12, 4));
    }

    #[test]
    fn a_next_type_lower_than_the_case_deescalates_in_the_same_step() {
        let (mut case, mut ids) = case_with_held_type_1();
        case.student.level = Level::Two;
        let (c, a) = complete_minutes(&case, &mut ids, Level::One);
        let (change, next) = finalize_conversation(&case, c, vec![a], &ctx(), &mut ids).unwrap();
        case.apply(&change);
        assert_eq!(case.student.level, Level::One);
        assert_eq!(case.student.level_raised_on, None);
        assert!(case.events.iter().any(|e| matches!(
            e.kind,
            EventKind::Deescalated {
                from: Level::Two,
                to: Level::One,
                ..
            }
        )));
        assert_eq!(case.conversation(next.unwrap()).unwrap().level, Level::One);
    }

    #[test]
    fn a_conversation_already_planned_is_made_the_next_one_instead_of_a_second() {
        let (mut case, mut ids) = case_with_held_type_1();
        let ahead = plan_ahead(&mut case, &mut ids);
        let (c, a) = complete_minutes(&case, &mut ids, Level::Two);
        let (change, next) = finalize_conversation(&case, c, vec![a], &ctx(), &mut ids).unwrap();
        case.apply(&change);
        assert_eq!(next, Some(ahead.id));
        let planned: Vec<_> = case
            .conversations
            .iter()
            .filter(|c| c.state == ConversationState::Planned)
            .collect();
        assert_eq!(planned.len(), 1, "no second conversation");
        assert_eq!(planned[0].level, Level::Two);
        assert_eq!(
            planned[0].planned_at,
            date(12, 4).and_hms_opt(13, 0, 0).unwrap()
        );
        assert_eq!(planned[0].minute_taker, Role::EmployingAuthority);
        assert_eq!(
            planned[0].name_of(Role::EmployingAuthority),
            "Esbjerg Kommune"
        );
        assert!(case.events.iter().any(|e| matches!(
            e.kind,
            EventKind::ConversationRetyped {
                from: Level::One,
                to: Level::Two,
                ..
            }
        )));
    }

    #[test]
    fn what_finalizing_will_do_is_known_before_it_is_done() {
        let (case, mut ids) = case_with_held_type_1();
        let (c, _) = complete_minutes(&case, &mut ids, Level::Three);
        let plan = case.follow_through(&c);
        assert_eq!(plan.level_change, Some((Level::One, Level::Three)));
        assert_eq!(plan.reason, "Fokusområderne består");
        assert_eq!(
            plan.next,
            NextMeeting::Plan {
                level: Level::Three,
                at: date(12, 4).and_hms_opt(9, 0, 0).unwrap()
            }
        );
    }

    #[test]
    fn a_meeting_cannot_be_saved_as_held_before_its_day() {
        let case = Case::new(student());
        let mut ids = 10u64;
        let mut c = case.plan_conversation(
            ConversationId(ids.next_id()),
            Level::One,
            date(11, 25).and_hms_opt(9, 0, 0).unwrap(),
        );
        c.state = ConversationState::Held { on: date(11, 25) };
        assert_eq!(
            save_conversation(&case, c.clone(), vec![], &ctx(), &mut ids),
            Err(SaveError::NotYetHeld { on: date(11, 25) })
        );
        c.state = ConversationState::Planned;
        assert!(save_conversation(&case, c, vec![], &ctx(), &mut ids).is_ok());
    }

    #[test]
    fn a_planned_conversation_invites_and_never_records_attendance() {
        let case = Case::new(student());
        let mut ids = 10u64;
        let mut c = case.plan_conversation(
            ConversationId(ids.next_id()),
            Level::Two,
            date(11, 25).and_hms_opt(9, 0, 0).unwrap(),
        );
        assert!(c.participants.iter().all(|p| !p.attended), "not pre-ticked");
        c.participants[0].attended = true;
        let change = save_conversation(&case, c, vec![], &ctx(), &mut ids).unwrap();
        assert!(
            change.conversations[0]
                .participants
                .iter()
                .all(|p| !p.attended)
        );
    }

    #[test]
    fn the_minute_taker_is_the_one_the_agreement_names_whatever_was_typed() {
        let case = Case::new(student());
        let mut ids = 10u64;
        let mut c = case.plan_conversation(
            ConversationId(ids.next_id()),
            Level::Two,
            date(11, 25).and_hms_opt(9, 0, 0).unwrap(),
        );
        c.minute_taker = Role::Supervisor;
        let change = save_conversation(&case, c, vec![], &ctx(), &mut ids).unwrap();
        assert_eq!(
            change.conversations[0].minute_taker,
            Role::EmployingAuthority
        );
    }

    #[test]
    fn an_agreement_is_closed_outside_a_conversation_with_its_outcome_on_the_timeline() {
        let (mut case, mut ids) = case_with_held_type_1();
        let (c, a) = complete_minutes(&case, &mut ids, Level::One);
        let (change, _) =
            finalize_conversation(&case, c, vec![a.clone()], &ctx(), &mut ids).unwrap();
        case.apply(&change);
        let change =
            resolve_agreement(&case, a.id, AgreementStatus::NotMet, &ctx(), &mut ids).unwrap();
        case.apply(&change);
        let stored = case.agreements.iter().find(|x| x.id == a.id).unwrap();
        assert_eq!(stored.status, AgreementStatus::NotMet);
        assert!(matches!(
            case.events.last().unwrap().kind,
            EventKind::AgreementResolved {
                status: AgreementStatus::NotMet,
                ..
            }
        ));
        assert!(
            !crate::domain::reminders::due_items(&case)
                .iter()
                .any(|i| i.kind == crate::domain::reminders::DueKind::Agreement),
            "the reminder goes with the open agreement"
        );
        assert_eq!(
            resolve_agreement(
                &case,
                AgreementId(999),
                AgreementStatus::Met,
                &ctx(),
                &mut ids
            ),
            Err(SaveError::NoSuchAgreement)
        );
    }

    #[test]
    fn escalating_by_hand_makes_the_planned_conversation_one_of_the_new_type() {
        let (mut case, mut ids) = case_with_held_type_1();
        let ahead = plan_ahead(&mut case, &mut ids);
        let at = date(12, 8).and_hms_opt(9, 0, 0).unwrap();
        let (change, planned) =
            escalate(&case, "Eleven beder selv om det", at, &ctx(), &mut ids).unwrap();
        case.apply(&change);
        assert_eq!(planned, ahead.id);
        let c = case.conversation(ahead.id).unwrap();
        assert_eq!((c.level, c.planned_at), (Level::Two, ahead.planned_at));
        assert_eq!(
            case.conversations
                .iter()
                .filter(|c| c.state == ConversationState::Planned && c.planned_at > ctx().now)
                .count(),
            1,
            "no second conversation ahead"
        );
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
    fn the_timeline_is_in_the_order_things_happened_whatever_order_they_were_recorded() {
        let at = |d: u32, h: u32| date(11, d).and_hms_opt(h, 0, 0).unwrap();
        let event = |id: u64, when| Event {
            id: EventId(id),
            student: StudentId(1),
            at: when,
            by: ctx().by,
            kind: EventKind::Edited,
        };
        // A tick for minutes sent two days ago, recorded after today's note.
        let case = Case::from_records(
            student(),
            vec![],
            vec![],
            vec![
                event(1, at(3, 9)),
                event(3, at(20, 9)),
                event(4, at(18, 15)),
            ],
        );
        let newest: Vec<u64> = case.events_newest_first().map(|e| e.id.0).collect();
        assert_eq!(newest, vec![3, 4, 1]);
        let mut case = case;
        case.apply(&CaseChange {
            events: vec![event(5, at(10, 12))],
            ..CaseChange::default()
        });
        let newest: Vec<u64> = case.events_newest_first().map(|e| e.id.0).collect();
        assert_eq!(newest, vec![3, 4, 5, 1]);
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
            school_periods: Vec::new(),
            ended: None,
            interventions: Vec::new(),
            team: Default::default(),
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
