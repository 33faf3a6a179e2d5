//! How domain values are worded: each maps to catalog keys, never to literal text.

use chrono::{Duration, NaiveDate};

use super::{Lang, T};
use crate::app::Action;
use crate::app::form::{Choice, FieldError, FieldId};
use crate::domain::cooperation::{Circle, GoalArea, GoalStatus, Tie};
use crate::domain::dates::{DateError, format_date};
use crate::domain::reminders::{DueKind, MINUTES_GRACE_DAYS, Reminder, Urgency};
use crate::domain::rules::{Missing, Recipient};
use crate::domain::{
    AgreementOwner, AgreementStatus, ConversationState, DropoutCause, Event, EventKind, FocusKind,
    Initiator, InterventionKind, InterventionStatus, Level, Outcome, Programme, Role,
    StudentStatus,
};

/// The programme's usual abbreviation.
pub fn programme(lang: Lang, p: Programme) -> &'static str {
    lang.t(match p {
        Programme::Ssh => T::ProgrammeSsh,
        Programme::Ssa => T::ProgrammeSsa,
        Programme::EuxVelfaerd => T::ProgrammeEux,
    })
}

/// A student's status.
pub fn student_status(lang: Lang, s: StudentStatus) -> &'static str {
    lang.t(match s {
        StudentStatus::Active => T::StatusActive,
        StudentStatus::OnLeave => T::StatusOnLeave,
        StudentStatus::Completed => T::StatusCompleted,
        StudentStatus::DroppedOut => T::StatusDroppedOut,
        StudentStatus::Transferred => T::StatusTransferred,
    })
}

/// A focus area.
pub fn focus(lang: Lang, f: FocusKind) -> &'static str {
    lang.t(match f {
        FocusKind::Academic => T::FocusAcademic,
        FocusKind::Language => T::FocusLanguage,
        FocusKind::Social => T::FocusSocial,
        FocusKind::Physical => T::FocusPhysical,
        FocusKind::Mental => T::FocusMental,
        FocusKind::BiggerChallenges => T::FocusChallenges,
    })
}

/// "Type 2".
pub fn level(lang: Lang, l: Level) -> String {
    lang.fill(T::LevelN, &[("n", &l.number().to_string())])
}

/// A participant's role.
pub fn role(lang: Lang, r: Role) -> &'static str {
    lang.t(match r {
        Role::Student => T::RoleStudent,
        Role::Supervisor => T::RoleSupervisor,
        Role::EducationOfficer => T::RoleEducationOfficer,
        Role::EmployingAuthority => T::RoleEmployingAuthority,
        Role::SchoolCounsellor => T::RoleSchoolCounsellor,
        Role::WorkplaceManager => T::RoleWorkplaceManager,
    })
}

/// Who took the initiative.
pub fn initiator(lang: Lang, i: Initiator) -> &'static str {
    lang.t(match i {
        Initiator::Student => T::InitiatorStudent,
        Initiator::Supervisor => T::InitiatorSupervisor,
        Initiator::Other => T::InitiatorOther,
    })
}

/// Who keeps an agreement.
pub fn owner(lang: Lang, o: AgreementOwner) -> &'static str {
    lang.t(match o {
        AgreementOwner::Student => T::OwnerStudent,
        AgreementOwner::Workplace => T::OwnerWorkplace,
        AgreementOwner::School => T::OwnerSchool,
        AgreementOwner::EmployingAuthority => T::OwnerEmployingAuthority,
    })
}

/// Who is responsible for an agreement: the party, and the named person when there is one
/// ("Oplæringsstedet – Bente Lund").
pub fn agreement_owner(lang: Lang, a: &crate::domain::Agreement) -> String {
    let party = owner(lang, a.owner);
    let name = a.owner_name.trim();
    if name.is_empty() {
        party.to_string()
    } else {
        format!("{party} – {name}")
    }
}

/// Whether an agreement was kept.
pub fn agreement_status(lang: Lang, s: AgreementStatus) -> &'static str {
    lang.t(match s {
        AgreementStatus::Open => T::AgreementOpen,
        AgreementStatus::Met => T::AgreementMet,
        AgreementStatus::NotMet => T::AgreementNotMet,
    })
}

/// A conversation's state.
pub fn conversation_state(lang: Lang, s: &ConversationState) -> &'static str {
    lang.t(match s {
        ConversationState::Planned => T::StatePlanned,
        ConversationState::Held { .. } => T::StateHeld,
        ConversationState::Finalized { .. } => T::StateFinalized,
        ConversationState::Cancelled { .. } => T::StateCancelled,
    })
}

/// The value of a choice field.
pub fn choice(lang: Lang, c: Choice) -> String {
    match c {
        Choice::Programme(p) => programme(lang, p).to_string(),
        Choice::Status(s) => student_status(lang, s).to_string(),
        Choice::Initiator(i) => initiator(lang, i).to_string(),
        Choice::Role(r) => role(lang, r).to_string(),
        Choice::Level(Some(l)) => level(lang, l),
        Choice::Level(None) => lang.t(T::NotChosen).to_string(),
        Choice::Owner(o) => owner(lang, o).to_string(),
        Choice::AgreementStatus(s) => agreement_status(lang, s).to_string(),
        Choice::Held(false) => lang.t(T::StatePlanned).to_string(),
        Choice::Held(true) => lang.t(T::ChoiceHeld).to_string(),
        Choice::OrgKind(k) => org_kind(lang, k).to_string(),
        Choice::Cause(Some(c)) => dropout_cause(lang, c).to_string(),
        Choice::Cause(None) => lang.t(T::NotChosen).to_string(),
        Choice::Tie(t) => tie(lang, t).to_string(),
        Choice::Circle(c) => circle(lang, c).to_string(),
        Choice::GoalArea(a) => goal_area(lang, a).to_string(),
        Choice::GoalStatus(s) => goal_status(lang, s).to_string(),
        Choice::InterventionKind(k) => intervention_kind(lang, k).to_string(),
        Choice::InterventionStatus(s) => intervention_status(lang, s).to_string(),
        Choice::YesNo(b) => yes_no(lang, b).to_string(),
    }
}

/// A field's label.
pub fn field_label(lang: Lang, id: FieldId) -> String {
    let key = match id {
        FieldId::Participant(r) => return role(lang, r).to_string(),
        FieldId::Focus(f) => return focus(lang, f).to_string(),
        FieldId::Name => T::FieldName,
        FieldId::Programme => T::FieldProgramme,
        FieldId::Start => T::FieldStart,
        FieldId::ExpectedEnd => T::FieldExpectedEnd,
        FieldId::School => T::FieldSchool,
        FieldId::Workplace => T::FieldWorkplace,
        FieldId::Unit => T::FieldUnit,
        FieldId::Employer => T::FieldEmployer,
        FieldId::Supervisor => T::FieldSupervisor,
        FieldId::EducationOfficer => T::FieldEducationOfficer,
        FieldId::Status => T::FieldStatus,
        FieldId::Date => T::FieldDate,
        FieldId::Time => T::FieldTime,
        FieldId::Place => T::FieldPlace,
        FieldId::Initiator => T::FieldInitiator,
        FieldId::MeetingLeader => T::FieldMeetingLeader,
        FieldId::MinuteTaker => T::FieldMinuteTaker,
        FieldId::Held => T::FieldHeld,
        FieldId::Welcome => T::FieldWelcome,
        FieldId::LearningNeeds => T::FieldLearningNeeds,
        FieldId::WorkplaceSecures => T::FieldWorkplaceSecures,
        FieldId::StudentCommits => T::FieldStudentCommits,
        FieldId::Measures => T::FieldMeasures,
        FieldId::Agreements => T::FieldAgreements,
        FieldId::FollowUp => T::FieldFollowUp,
        FieldId::NextLevel => T::FieldNextLevel,
        FieldId::NextLevelReason => T::FieldNextLevelReason,
        FieldId::NewDateNote => T::FieldNewDateNote,
        FieldId::DistributionNote => T::FieldDistributionNote,
        FieldId::Closing => T::FieldClosing,
        FieldId::AgreementText => T::FieldAgreementText,
        FieldId::AgreementOwner => T::FieldAgreementOwner,
        FieldId::AgreementDue => T::FieldAgreementDue,
        FieldId::AgreementStatus => T::FieldAgreementStatus,
        FieldId::Text => T::FieldText,
        FieldId::OrgName => T::FieldOrgName,
        FieldId::OrgKind => T::FieldOrgKind,
        FieldId::OrgMail => T::FieldOrgMail,
        FieldId::UserName => T::FieldUserName,
        FieldId::UserRole => T::FieldUserRole,
        FieldId::AgreementOwnerName => T::FieldAgreementOwnerName,
        FieldId::SchoolPeriods => T::FieldSchoolPeriods,
        FieldId::EndedOn => T::FieldEndedOn,
        FieldId::Cause => T::FieldCause,
        FieldId::Coordinator => T::FieldCoordinator,
        FieldId::ConsentShares => T::FieldConsentShares,
        FieldId::ConsentParties => T::FieldConsentParties,
        FieldId::ConsentGiven => T::FieldConsentGiven,
        FieldId::ConsentUntil => T::FieldConsentUntil,
        FieldId::ConsentWithdrawn => T::FieldConsentWithdrawn,
        FieldId::MemberName => T::FieldMemberName,
        FieldId::MemberOrganisation => T::FieldMemberOrganisation,
        FieldId::MemberRole => T::FieldMemberRole,
        FieldId::MemberTie => T::FieldMemberTie,
        FieldId::MemberCircle => T::FieldMemberCircle,
        FieldId::GoalArea => T::FieldGoalArea,
        FieldId::GoalText => T::FieldGoalText,
        FieldId::GoalStatus => T::FieldGoalStatus,
        FieldId::GoalReviewed => T::FieldGoalReviewed,
        FieldId::LinkAgreement(_) => T::FieldLinkAgreement,
        FieldId::LinkIntervention(_) => T::FieldLinkIntervention,
        FieldId::InterventionKind => T::FieldInterventionKind,
        FieldId::InterventionProvider => T::FieldInterventionProvider,
        FieldId::InterventionNote => T::FieldInterventionNote,
        FieldId::InterventionFrom => T::FieldInterventionFrom,
        FieldId::InterventionTo => T::FieldInterventionTo,
        FieldId::InterventionStatus => T::FieldInterventionStatus,
        FieldId::MeetingOn => T::FieldMeetingOn,
        FieldId::MeetingParticipants => T::FieldMeetingParticipants,
        FieldId::MeetingGoalsReviewed => T::FieldMeetingGoalsReviewed,
        FieldId::MeetingInterventionsChanged => T::FieldMeetingInterventionsChanged,
        FieldId::MeetingNext => T::FieldMeetingNext,
        FieldId::MeetingNote => T::FieldMeetingNote,
    };
    lang.t(key).to_string()
}

/// The heading shown above a field that starts a section of its form.
pub fn section_before(id: FieldId) -> Option<T> {
    Some(match id {
        FieldId::Name => T::SectionStudent,
        FieldId::School => T::SectionTraining,
        FieldId::Focus(FocusKind::Academic) => T::SectionFocus,
        FieldId::Status => T::SectionStatus,
        FieldId::Date => T::SectionMeeting,
        FieldId::Participant(Role::Student) => T::SectionParticipants,
        FieldId::Welcome => T::Item1,
        FieldId::LearningNeeds => T::Item2,
        FieldId::WorkplaceSecures => T::Item3,
        FieldId::FollowUp => T::Item4,
        FieldId::DistributionNote => T::Item5,
        FieldId::Closing => T::Item6,
        _ => return None,
    })
}

/// Why a field's text is not accepted.
pub fn field_error(lang: Lang, e: FieldError) -> String {
    if let FieldError::NotHeldYet(on) = e {
        return lang.fill(T::ErrNotHeldYet, &[("date", &format_date(on))]);
    }
    lang.t(match e {
        FieldError::Required => T::ErrRequired,
        FieldError::Date(DateError::Empty) => T::ErrRequired,
        FieldError::Date(DateError::Format) => T::ErrDateFormat,
        FieldError::Date(DateError::NoSuchDay | DateError::NoSuchTime) => T::ErrNoSuchDay,
        FieldError::Time(DateError::Empty) => T::ErrRequired,
        FieldError::Time(_) => T::ErrTimeFormat,
        FieldError::BeforeStart => T::ErrBeforeStart,
        FieldError::NotAfterToday => T::ErrNotAfterToday,
        FieldError::CauseNeeded => T::ErrCauseNeeded,
        FieldError::Mail => T::ErrMail,
        FieldError::Cpr => T::ErrCpr,
        FieldError::NotHeldYet(_) => T::ErrRequired,
    })
    .to_string()
}

/// Why a change to a case was refused, for the status line.
pub fn save_error(lang: Lang, e: &crate::domain::case::SaveError) -> String {
    use crate::domain::case::SaveError;
    match e {
        SaveError::Locked => lang.t(T::MinutesLocked).to_string(),
        SaveError::NotFound => lang.t(T::ConversationGone).to_string(),
        SaveError::EmptyText => lang.t(T::TextRequired).to_string(),
        SaveError::NotFinalized => lang.t(T::DistributionOnlyFinalized).to_string(),
        SaveError::NotYetHeld { on } => lang.fill(T::ErrNotHeldYet, &[("date", &format_date(*on))]),
        SaveError::NoSuchAgreement => lang.t(T::AgreementGone).to_string(),
    }
}

/// What the minutes still lack.
pub fn missing(lang: Lang, m: &Missing) -> String {
    match m {
        Missing::NotHeld => lang.t(T::MissingNotHeld).to_string(),
        Missing::Participant(r) => lang.fill(T::MissingParticipant, &[("role", role(lang, *r))]),
        Missing::MinuteTaker { expected } => {
            lang.fill(T::MissingMinuteTaker, &[("role", role(lang, *expected))])
        }
        Missing::LearningNeeds => lang.t(T::MissingLearningNeeds).to_string(),
        Missing::WorkplaceSecures => lang.t(T::MissingWorkplaceSecures).to_string(),
        Missing::StudentCommits => lang.t(T::MissingStudentCommits).to_string(),
        Missing::Agreement => lang.t(T::MissingAgreement).to_string(),
        Missing::FollowUpDate => lang.t(T::MissingFollowUp).to_string(),
        Missing::FollowUpNotAfterConversation => lang.t(T::MissingFollowUpAfter).to_string(),
        Missing::NextLevel => lang.t(T::MissingNextLevel).to_string(),
        Missing::NextLevelReason { from, to } => lang.fill(
            T::MissingNextLevelReason,
            &[
                ("from", &from.number().to_string()),
                ("to", &to.number().to_string()),
            ],
        ),
        Missing::MeetingAhead { on } => {
            lang.fill(T::MissingMeetingAhead, &[("date", &format_date(*on))])
        }
        Missing::Attendance => lang.t(T::MissingAttendance).to_string(),
    }
}

/// Who receives the minutes.
pub fn recipient(lang: Lang, r: Recipient) -> &'static str {
    lang.t(match r {
        Recipient::Participants => T::RecipientParticipants,
        Recipient::TrainingBook => T::RecipientTrainingBook,
        Recipient::EmployingAuthority => T::RecipientEmployingAuthority,
        Recipient::School => T::RecipientSchool,
        Recipient::NextWorkplace => T::RecipientNextWorkplace,
    })
}

/// What an organisation is.
pub fn org_kind(lang: Lang, k: crate::domain::OrgKind) -> &'static str {
    use crate::domain::OrgKind;
    lang.t(match k {
        OrgKind::EmployingAuthority => T::OrgEmployingAuthority,
        OrgKind::School => T::OrgSchool,
        OrgKind::Workplace => T::OrgWorkplace,
        OrgKind::Other => T::OrgOther,
    })
}

/// A recipient in a few words, for the timeline.
pub fn recipient_short(lang: Lang, r: Recipient) -> &'static str {
    lang.t(match r {
        Recipient::Participants => T::ToParticipants,
        Recipient::TrainingBook => T::ToTrainingBook,
        Recipient::EmployingAuthority => T::ToEmployingAuthority,
        Recipient::School => T::ToSchool,
        Recipient::NextWorkplace => T::ToNextWorkplace,
    })
}

/// The short name of a reminder kind, as printed by `fokus remind`.
pub fn due_kind(lang: Lang, k: DueKind) -> &'static str {
    lang.t(match k {
        DueKind::FollowUp => T::KindFollowUp,
        DueKind::Conversation => T::KindConversation,
        DueKind::Agreement => T::KindAgreement,
        DueKind::MinutesPending => T::KindMinutes,
        DueKind::LevelWithoutConversation => T::KindLevel,
        DueKind::DistributionPending => T::KindDistribution,
        DueKind::RetentionReview => T::KindRetention,
        DueKind::TrialPeriodEnds => T::KindTrial,
        DueKind::TeamMeetingDue => T::KindTeamMeeting,
        DueKind::ConsentExpires => T::KindConsent,
    })
}

/// What to do about a reminder.
pub fn reminder_text(lang: Lang, r: &Reminder) -> String {
    let item = &r.item;
    let date = format_date(item.date);
    let lvl = item
        .level
        .map(|l| l.number().to_string())
        .unwrap_or_default();
    let overdue = r.urgency == Urgency::Overdue;
    let args = |extra: &[(&'static str, &str)]| {
        let mut v: Vec<(&str, String)> = vec![("date", date.clone()), ("level", lvl.clone())];
        v.extend(extra.iter().map(|(k, x)| (*k, x.to_string())));
        v
    };
    let fill = |key: T, a: Vec<(&str, String)>| {
        let refs: Vec<(&str, &str)> = a.iter().map(|(k, v)| (*k, v.as_str())).collect();
        lang.fill(key, &refs)
    };
    match item.kind {
        DueKind::FollowUp if overdue => fill(T::RemindFollowUpOverdue, args(&[])),
        DueKind::FollowUp => fill(T::RemindFollowUp, args(&[])),
        DueKind::Conversation if overdue => fill(T::RemindConversationPassed, args(&[])),
        DueKind::Conversation if r.urgency == Urgency::Today => {
            fill(T::RemindConversationToday, args(&[("time", &item.detail)]))
        }
        DueKind::Conversation => fill(T::RemindConversation, args(&[("time", &item.detail)])),
        DueKind::Agreement if overdue => {
            fill(T::RemindAgreementOverdue, args(&[("text", &item.detail)]))
        }
        DueKind::Agreement => fill(T::RemindAgreement, args(&[("text", &item.detail)])),
        DueKind::MinutesPending => {
            let held = format_date(item.date - Duration::days(MINUTES_GRACE_DAYS));
            fill(T::RemindMinutes, args(&[("held", &held)]))
        }
        DueKind::LevelWithoutConversation => fill(T::RemindLevel, args(&[])),
        DueKind::DistributionPending => {
            fill(T::RemindDistribution, args(&[("held", &item.detail)]))
        }
        DueKind::RetentionReview => fill(T::RemindRetention, args(&[])),
        DueKind::TeamMeetingDue => {
            // The detail holds the planned day, or the last meeting's, or nothing.
            let day = &item.detail;
            if day.is_empty() {
                fill(T::RemindTeamMeetingNone, args(&[]))
            } else if parse_date_is_after(day, item.date) {
                fill(T::RemindTeamMeeting, args(&[("last", day)]))
            } else {
                fill(T::RemindTeamMeetingPlanned, args(&[("planned", day)]))
            }
        }
        DueKind::ConsentExpires => fill(
            if overdue {
                T::RemindConsentEnded
            } else {
                T::RemindConsent
            },
            args(&[("end", &item.detail)]),
        ),
        DueKind::TrialPeriodEnds => {
            let a = args(&[("end", &date)]);
            fill(
                if overdue {
                    T::RemindTrialEnded
                } else {
                    T::RemindTrial
                },
                a,
            )
        }
    }
}

/// Whether the day written in `text` lies more than a day before `due`: a team-meeting
/// reminder names the last meeting then, and the planned one (the day before) otherwise.
fn parse_date_is_after(text: &str, due: NaiveDate) -> bool {
    crate::domain::dates::parse_date(text, due).is_ok_and(|d| d + Duration::days(1) < due)
}

/// One line describing a timeline event.
pub fn event_summary(lang: Lang, e: &Event) -> String {
    let lvl = |l: &Level| l.number().to_string();
    let when = |t: &chrono::NaiveDateTime| t.format("%d.%m.%Y %H:%M").to_string();
    match &e.kind {
        EventKind::Created => lang.t(T::EvCreated).to_string(),
        EventKind::Edited => lang.t(T::EvEdited).to_string(),
        EventKind::WorkplaceChanged { from, to } => {
            lang.fill(T::EvWorkplace, &[("from", from), ("to", to)])
        }
        EventKind::StatusChanged { from, to } => lang.fill(
            T::EvStatus,
            &[
                ("from", student_status(lang, *from)),
                ("to", student_status(lang, *to)),
            ],
        ),
        EventKind::ConversationPlanned { level, at, .. } => {
            lang.fill(T::EvPlanned, &[("n", &lvl(level)), ("at", &when(at))])
        }
        EventKind::ConversationRescheduled { at, .. } => {
            lang.fill(T::EvRescheduled, &[("at", &when(at))])
        }
        EventKind::ConversationHeld { level, .. } => lang.fill(T::EvHeld, &[("n", &lvl(level))]),
        EventKind::ConversationFinalized { level, .. } => {
            lang.fill(T::EvFinalized, &[("n", &lvl(level))])
        }
        EventKind::ConversationCancelled { reason, .. } => {
            lang.fill(T::EvCancelled, &[("reason", reason)])
        }
        EventKind::AddendumAdded { text, .. } => {
            lang.fill(T::EvAddendum, &[("text", first_line(text))])
        }
        EventKind::Escalated { from, to, reason } => lang.fill(
            T::EvEscalated,
            &[("from", &lvl(from)), ("to", &lvl(to)), ("reason", reason)],
        ),
        EventKind::Deescalated { from, to, reason } => lang.fill(
            T::EvDeescalated,
            &[("from", &lvl(from)), ("to", &lvl(to)), ("reason", reason)],
        ),
        EventKind::AgreementAdded { text, .. } => {
            lang.fill(T::EvAgreementAdded, &[("text", first_line(text))])
        }
        EventKind::AgreementResolved { status, text, .. } => {
            let key = match status {
                AgreementStatus::Met => T::EvAgreementMet,
                AgreementStatus::NotMet => T::EvAgreementNotMet,
                AgreementStatus::Open => T::EvAgreementReopened,
            };
            lang.fill(key, &[("text", first_line(text))])
        }
        EventKind::Note { text } => lang.fill(T::EvNote, &[("text", first_line(text))]),
        EventKind::DistributionMarked {
            recipient, sent, ..
        } => lang.fill(
            if *sent { T::EvSent } else { T::EvUnsent },
            &[("to", recipient_short(lang, *recipient))],
        ),
        EventKind::ConversationRetyped { from, to, .. } => {
            lang.fill(T::EvRetyped, &[("from", &lvl(from)), ("to", &lvl(to))])
        }
        EventKind::CourseEnded { on, outcome } => lang.fill(
            T::EvCourseEnded,
            &[
                ("on", &format_date(*on)),
                ("outcome", &outcome_text(lang, *outcome)),
            ],
        ),
        EventKind::InterventionAdded { kind, provider, .. } => lang.fill(
            T::EvInterventionAdded,
            &[
                ("kind", intervention_kind(lang, *kind)),
                ("provider", provider),
            ],
        ),
        EventKind::InterventionChanged { kind, status, .. } => lang.fill(
            T::EvInterventionChanged,
            &[
                ("kind", intervention_kind(lang, *kind)),
                ("status", intervention_status(lang, *status)),
            ],
        ),
        EventKind::SchoolPeriodsChanged { periods, trial_end } => lang.fill(
            T::EvSchoolPeriods,
            &[
                ("n", &periods.to_string()),
                ("end", &format_date(*trial_end)),
            ],
        ),
        EventKind::CoordinatorSet { name } => lang.fill(T::EvCoordinatorSet, &[("name", name)]),
        EventKind::ConsentRecorded { until, .. } => {
            lang.fill(T::EvConsentRecorded, &[("until", &date_or_dash(*until))])
        }
        EventKind::ConsentChanged { .. } => lang.t(T::EvConsentChanged).to_string(),
        EventKind::ConsentWithdrawn { on, .. } => {
            lang.fill(T::EvConsentWithdrawn, &[("date", &format_date(*on))])
        }
        EventKind::NetworkMemberAdded { name } => lang.fill(T::EvMemberAdded, &[("name", name)]),
        EventKind::NetworkMemberChanged { name } => {
            lang.fill(T::EvMemberChanged, &[("name", name)])
        }
        EventKind::GoalAdded { text } => lang.fill(T::EvGoalAdded, &[("text", text)]),
        EventKind::GoalChanged { text, status } => lang.fill(
            T::EvGoalChanged,
            &[("text", text), ("status", goal_status(lang, *status))],
        ),
        EventKind::TeamMeetingHeld { on } => {
            lang.fill(T::EvTeamMeetingHeld, &[("date", &format_date(*on))])
        }
        EventKind::TeamMeetingChanged { on } => {
            lang.fill(T::EvTeamMeetingChanged, &[("date", &format_date(*on))])
        }
    }
}

/// Whether someone on the network map is a professional or from the student's own life.
pub fn tie(lang: Lang, t: Tie) -> &'static str {
    lang.t(match t {
        Tie::Professional => T::TieProfessional,
        Tie::Personal => T::TiePersonal,
    })
}

/// How close to the student someone on the network map is.
pub fn circle(lang: Lang, c: Circle) -> &'static str {
    lang.t(match c {
        Circle::Close => T::CircleClose,
        Circle::Wider => T::CircleWider,
    })
}

/// What a goal is about.
pub fn goal_area(lang: Lang, a: GoalArea) -> &'static str {
    lang.t(match a {
        GoalArea::Education => T::GoalEducation,
        GoalArea::Employment => T::GoalEmployment,
    })
}

/// Where a goal stands.
pub fn goal_status(lang: Lang, s: GoalStatus) -> &'static str {
    lang.t(match s {
        GoalStatus::Open => T::GoalOpen,
        GoalStatus::Reached => T::GoalReached,
        GoalStatus::Dropped => T::GoalDropped,
    })
}

/// "ja" or "nej".
pub fn yes_no(lang: Lang, b: bool) -> &'static str {
    lang.t(if b { T::DocYes } else { T::DocNo })
}

/// A dropout cause in a few words.
pub fn dropout_cause(lang: Lang, c: DropoutCause) -> &'static str {
    lang.t(match c {
        DropoutCause::Regretted => T::CauseRegretted,
        DropoutCause::AgreementEnded => T::CauseAgreementEnded,
        DropoutCause::NotThriving => T::CauseNotThriving,
        DropoutCause::Illness => T::CauseIllness,
        DropoutCause::OtherEducation => T::CauseOtherEducation,
        DropoutCause::Job => T::CauseJob,
        DropoutCause::Other => T::CauseOther,
    })
}

/// How a course ended: "Gennemført", "Afbrudt – sygdom".
pub fn outcome_text(lang: Lang, o: Outcome) -> String {
    match o {
        Outcome::Completed => lang.t(T::OutcomeCompleted).to_string(),
        Outcome::Transferred => lang.t(T::OutcomeTransferred).to_string(),
        Outcome::DroppedOut(c) => {
            lang.fill(T::OutcomeDroppedOut, &[("cause", dropout_cause(lang, c))])
        }
    }
}

/// The name of an intervention kind.
pub fn intervention_kind(lang: Lang, k: InterventionKind) -> &'static str {
    lang.t(match k {
        InterventionKind::Mentor => T::IvMentor,
        InterventionKind::LanguageSupport => T::IvLanguage,
        InterventionKind::SpsSupport => T::IvSps,
        InterventionKind::LearningBuddy => T::IvBuddy,
        InterventionKind::FullTimeSupervisor => T::IvFullTime,
        InterventionKind::Other => T::IvOther,
    })
}

/// Where an intervention stands, in a word.
pub fn intervention_status(lang: Lang, s: InterventionStatus) -> &'static str {
    lang.t(match s {
        InterventionStatus::Planned => T::IvPlanned,
        InterventionStatus::Active => T::IvActive,
        InterventionStatus::Ended => T::IvEnded,
        InterventionStatus::Cancelled => T::IvCancelled,
    })
}

/// Items as a sentence lists them: "a, b og c" ("a, b and c").
pub fn list(lang: Lang, items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), lang.t(T::And)),
    }
}

/// A person as documents and timelines name them: "Hanne Krogh (Uddannelsesansvarlig)",
/// or the name alone when no role was recorded.
pub fn person(lang: Lang, who: &crate::domain::Actor) -> String {
    match who.role {
        Some(r) => lang.fill(
            T::PersonWithRole,
            &[("name", &who.name), ("role", role(lang, r))],
        ),
        None => who.name.clone(),
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

/// The title of the detail view of an event.
pub fn event_title(lang: Lang, e: &Event) -> String {
    let at = e.at.format("%d.%m.%Y %H:%M").to_string();
    lang.fill(
        T::EventTitle,
        &[("at", &at), ("user", &person(lang, &e.by))],
    )
}

/// The full text of an event, line by line.
pub fn event_details(lang: Lang, e: &Event) -> Vec<String> {
    let full = match &e.kind {
        EventKind::Note { text }
        | EventKind::AddendumAdded { text, .. }
        | EventKind::AgreementAdded { text, .. } => Some(text.clone()),
        _ => None,
    };
    let mut lines: Vec<String> = match full {
        Some(text) => text.lines().map(str::to_string).collect(),
        None => vec![event_summary(lang, e)],
    };
    // The login is an audit detail: shown here, on request, and nowhere else.
    if !e.by.login.is_empty() && e.by.login != e.by.name {
        lines.push(String::new());
        lines.push(lang.fill(T::EventLogin, &[("login", &e.by.login)]));
    }
    lines
}

/// What an action does, for the help screen.
pub fn action_help(lang: Lang, a: Action) -> &'static str {
    lang.t(match a {
        Action::Quit => T::ActQuit,
        Action::Help => T::ActHelp,
        Action::NextPane => T::ActNextPane,
        Action::PrevPane => T::ActPrevPane,
        Action::ShowReminders => T::ActShowReminders,
        Action::ShowStudents => T::ActShowStudents,
        Action::ShowTimeline => T::ActShowTimeline,
        Action::Up => T::ActUp,
        Action::Down => T::ActDown,
        Action::PageUp => T::ActPageUp,
        Action::PageDown => T::ActPageDown,
        Action::Top => T::ActTop,
        Action::Bottom => T::ActBottom,
        Action::Open => T::ActOpen,
        Action::Filter => T::ActFilter,
        Action::NewStudent => T::ActNewStudent,
        Action::EditStudent => T::ActEditStudent,
        Action::NewConversation => T::ActNewConversation,
        Action::EditConversation => T::ActEditConversation,
        Action::CancelConversation => T::ActCancelConversation,
        Action::Save => T::ActSave,
        Action::Finalize => T::ActFinalize,
        Action::Escalate => T::ActEscalate,
        Action::Deescalate => T::ActDeescalate,
        Action::Snooze => T::ActSnooze,
        Action::Done => T::ActDone,
        Action::AddAgreement => T::ActAddAgreement,
        Action::AddNote => T::ActAddNote,
        Action::AddAddendum => T::ActAddAddendum,
        Action::NextField => T::ActNextField,
        Action::PrevField => T::ActPrevField,
        Action::Toggle => T::ActToggle,
        Action::Delete => T::ActDelete,
        Action::Cancel => T::ActCancel,
        Action::AddressBook => T::ActAddressBook,
        Action::Distribution => T::ActDistribution,
        Action::ExportMinutes => T::ActExportMinutes,
        Action::CopyRecipients => T::ActCopyRecipients,
        Action::ExportCalendar => T::ActExportCalendar,
        Action::ImportStudents => T::ActImportStudents,
        Action::ExportStudent => T::ActExportStudent,
        Action::DeleteStudent => T::ActDeleteStudent,
        Action::Profile => T::ActProfile,
        Action::NextPanel => T::ActNextPanel,
        Action::Copy => T::ActCopy,
        Action::PrevPanel => T::ActPrevPanel,
        Action::NewConsent => T::ActNewConsent,
        Action::NewNetworkMember => T::ActNewNetworkMember,
        Action::NewGoal => T::ActNewGoal,
        Action::NewSubGoal => T::ActNewSubGoal,
        Action::NewIntervention => T::ActNewIntervention,
        Action::NewTeamMeeting => T::ActNewTeamMeeting,
        Action::ExportTeamFile => T::ActExportTeamFile,
        Action::ShowOverview => T::ActShowOverview,
        Action::ToggleCharts => T::ActToggleCharts,
        Action::NextPeriod => T::ActNextPeriod,
        Action::NextGrouping => T::ActNextGrouping,
        Action::ExportStats => T::ActExportStats,
        Action::NextGroup => T::ActNextGroup,
        Action::PrevGroup => T::ActPrevGroup,
        Action::None => T::ActNone,
    })
}

/// A short label for the key-hint bar.
pub fn action_hint(lang: Lang, a: Action) -> &'static str {
    lang.t(match a {
        Action::Quit => T::HintQuit,
        Action::Help => T::HintHelp,
        Action::NextPane => T::HintNextPane,
        Action::Open => T::HintOpen,
        Action::Filter => T::HintFilter,
        Action::NewStudent => T::HintNewStudent,
        Action::EditStudent => T::HintEditStudent,
        Action::NewConversation => T::HintNewConversation,
        Action::EditConversation => T::HintEditConversation,
        Action::Save => T::HintSave,
        Action::Finalize => T::HintFinalize,
        Action::Escalate => T::HintEscalate,
        Action::Deescalate => T::HintDeescalate,
        Action::Snooze => T::HintSnooze,
        Action::Done => T::HintDone,
        Action::AddAgreement => T::HintAddAgreement,
        Action::AddNote => T::HintAddNote,
        Action::Toggle => T::HintToggle,
        Action::Cancel => T::HintCancel,
        Action::NextField => T::HintNextField,
        Action::AddAddendum => T::HintAddAddendum,
        Action::AddressBook => T::HintAddressBook,
        Action::Distribution => T::HintDistribution,
        Action::ExportMinutes => T::HintExportMinutes,
        Action::CopyRecipients => T::HintCopyRecipients,
        Action::ExportCalendar => T::HintExportCalendar,
        Action::ImportStudents => T::HintImportStudents,
        Action::NextPanel => T::HintPanels,
        Action::CancelConversation => T::HintCancelConversation,
        Action::NewGoal => T::HintNewGoal,
        Action::NewNetworkMember => T::HintNewMember,
        Action::NewIntervention => T::HintNewIntervention,
        Action::NewTeamMeeting => T::HintNewMeeting,
        Action::ExportTeamFile => T::HintExportTeam,
        Action::ToggleCharts => T::HintCharts,
        Action::NextPeriod => T::HintPeriod,
        Action::NextGrouping => T::HintGrouping,
        Action::ExportStats => T::HintExportStats,
        Action::NextGroup => T::HintGroup,
        _ => return action_help(lang, a),
    })
}

/// Formats a date, or a dash when there is none.
pub fn date_or_dash(d: Option<NaiveDate>) -> String {
    d.map(format_date).unwrap_or_else(|| "–".to_string())
}
