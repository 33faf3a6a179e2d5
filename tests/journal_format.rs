//! The draft journal is a stored format like the database: a journal written by an
//! earlier Fokus must come back into the same fields. Its field ids, values and prompt
//! kinds are stored by their place in their lists, so a reordered list would put a
//! supervisor's text into another field without a word. Each format has a journal
//! fixture under `tests/journal-fixtures/`, written once and never changed, holding every field
//! id with its own name as its text; this test reads it with the current code.
//!
//! A new format's fixture is written by running this test with
//! `FOKUS_WRITE_JOURNAL_FIXTURE=1` once the format number is raised.

use fokus::store::codec::Sealing;
use std::path::PathBuf;

use chrono::NaiveDate;
use fokus::app::dialogs::prompt::PromptKind;
use fokus::app::dialogs::team::TeamTarget;
use fokus::app::draft::{Draft, EditorDraft};
use fokus::app::form::{Choice, FieldId, Value};
use fokus::domain::AgreementId;
use fokus::domain::cooperation::{Circle, Consent, GoalArea, GoalStatus, TeamFile, Tie};
use fokus::domain::{
    AgreementOwner, AgreementStatus, ConversationId, CourseEnd, DropoutCause, FocusKind, Initiator,
    Intervention, InterventionKind, InterventionStatus, Level, OrgKind, Outcome, Programme, Role,
    SchoolPeriod, Student, StudentId, StudentStatus,
};
use fokus::store::codec::FORMAT_VERSION;
use fokus::store::journal;

/// Every field id as of format 5, in the order they are declared. A new id fails to
/// compile in [`listed`] until it is added here (last, and to the next format's fixture).
fn every_field() -> Vec<FieldId> {
    use FieldId::*;
    let mut all = vec![
        Name,
        Programme,
        Start,
        ExpectedEnd,
        School,
        Workplace,
        Unit,
        Employer,
        Supervisor,
        EducationOfficer,
    ];
    all.extend(FocusKind::ALL.map(Focus));
    all.extend([Status, Date, Time, Place, Initiator]);
    all.extend(Role::ALL.map(Participant));
    all.extend([
        MeetingLeader,
        MinuteTaker,
        Held,
        Welcome,
        LearningNeeds,
        WorkplaceSecures,
        StudentCommits,
        Measures,
        Agreements,
        FollowUp,
        NextLevel,
        NextLevelReason,
        NewDateNote,
        DistributionNote,
        Closing,
        AgreementText,
        AgreementOwner,
        AgreementDue,
        AgreementStatus,
        Text,
        OrgName,
        OrgKind,
        OrgMail,
        UserName,
        UserRole,
        AgreementOwnerName,
    ]);
    assert!(all.iter().all(|&id| listed(id)));
    all
}

/// Names every field id without a wildcard, so a new one cannot be forgotten above.
fn listed(id: FieldId) -> bool {
    use FieldId::*;
    match id {
        Name | Programme | Start | ExpectedEnd | School | Workplace | Unit | Employer
        | Supervisor | EducationOfficer | Focus(_) | Status | Date | Time | Place | Initiator
        | Participant(_) | MeetingLeader | MinuteTaker | Held | Welcome | LearningNeeds
        | WorkplaceSecures | StudentCommits | Measures | Agreements | FollowUp | NextLevel
        | NextLevelReason | NewDateNote | DistributionNote | Closing | AgreementText
        | AgreementOwner | AgreementDue | AgreementStatus | Text | OrgName | OrgKind | OrgMail
        | UserName | UserRole | AgreementOwnerName => true,
        // Added after format 5: not in its fixture.
        SchoolPeriods
        | EndedOn
        | Cause
        | Coordinator
        | ConsentShares
        | ConsentParties
        | ConsentGiven
        | ConsentUntil
        | ConsentWithdrawn
        | MemberName
        | MemberOrganisation
        | MemberRole
        | MemberTie
        | MemberCircle
        | GoalArea
        | GoalText
        | GoalStatus
        | GoalReviewed
        | LinkAgreement(_)
        | LinkIntervention(_)
        | InterventionKind
        | InterventionProvider
        | InterventionNote
        | InterventionFrom
        | InterventionTo
        | InterventionStatus
        | MeetingOn
        | MeetingParticipants
        | MeetingGoalsReviewed
        | MeetingInterventionsChanged
        | MeetingNext
        | MeetingNote => false,
    }
}

/// Every kind of choice a field can hold, each once.
fn every_choice() -> Vec<Choice> {
    let mut all: Vec<Choice> = Vec::new();
    all.extend(Programme::ALL.map(Choice::Programme));
    all.extend(StudentStatus::ALL.map(Choice::Status));
    all.extend(Initiator::ALL.map(Choice::Initiator));
    all.extend(Role::ALL.map(Choice::Role));
    all.push(Choice::Level(None));
    all.extend(Level::ALL.map(|l| Choice::Level(Some(l))));
    all.extend(AgreementOwner::ALL.map(Choice::Owner));
    all.extend(AgreementStatus::ALL.map(Choice::AgreementStatus));
    all.extend([Choice::Held(false), Choice::Held(true)]);
    all.extend(OrgKind::ALL.map(Choice::OrgKind));
    all
}

/// What the fixture of format 5 holds: each field's text names the field, each choice
/// is there in a field of its own, and a prompt of every kind.
fn expected() -> Draft {
    let mut fields: Vec<(FieldId, Value)> = every_field()
        .into_iter()
        .map(|id| (id, Value::Text(format!("{id:?}"))))
        .collect();
    fields.extend(
        every_choice()
            .into_iter()
            .map(|c| (FieldId::Status, Value::Choice(c))),
    );
    fields.push((
        FieldId::Focus(FocusKind::Language),
        Value::Ticked("Ticked".into(), true),
    ));
    fields.push((FieldId::Agreements, Value::Agreements(Vec::new())));
    let student = StudentId(7);
    let prompt = |kind| EditorDraft::Prompt {
        kind,
        student,
        text: "Prompt".into(),
    };
    let mut editors = vec![EditorDraft::Student {
        id: student,
        original: None,
        fields,
    }];
    editors.extend(
        [
            PromptKind::Escalate {
                from: Level::One,
                to: Level::Two,
            },
            PromptKind::Deescalate {
                from: Level::Three,
                to: Level::Two,
            },
            PromptKind::Note,
            PromptKind::Addendum(ConversationId(11)),
            PromptKind::CancelConversation(ConversationId(12)),
            PromptKind::Erase,
            PromptKind::ImportFile,
        ]
        .map(prompt),
    );
    Draft {
        written_at: NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_opt(10, 30, 0))
            .expect("a date"),
        student,
        student_name: "Journal Fixture".into(),
        editors,
    }
}

fn fixture(version: u16) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/journal-fixtures/v{version}"))
}

#[test]
fn a_journal_of_format_5_comes_back_field_for_field() {
    let dir = fixture(5);
    if std::env::var_os("FOKUS_WRITE_JOURNAL_FIXTURE").is_some()
        && FORMAT_VERSION == 5
        && !journal::path(&dir).exists()
    {
        std::fs::create_dir_all(&dir).expect("the fixture folder");
        journal::write(&dir, &Sealing::plain(), &expected()).expect("the fixture journal");
    }
    // A journal left in the clear by a Fokus from before encryption is read by the
    // encrypted database it belongs to (and sealed when it is next written).
    let (_, vault) =
        fokus::crypto::KeyFile::create(b"p", b"r", fokus::crypto::Kdf::cheapest()).expect("a key");
    let sealed = Sealing::with(std::sync::Arc::new(vault));
    let in_the_clear: Draft = journal::read(&dir, &Sealing::plain())
        .expect("the fixture journal reads")
        .expect("the fixture journal is there (tests/journal-fixtures/v5/draft.journal)");
    let read: Draft = journal::read(&dir, &sealed)
        .expect("the fixture journal reads in an encrypted database")
        .expect("the fixture journal is there");
    assert_eq!(read, in_the_clear);
    assert_eq!(read.editors.len(), expected().editors.len());
    // Field by field first, so a moved id is named.
    let (EditorDraft::Student { fields: got, .. }, EditorDraft::Student { fields: want, .. }) =
        (&read.editors[0], &expected().editors[0])
    else {
        panic!(
            "the first editor is not the student's: {:?}",
            read.editors[0]
        );
    };
    for (got, want) in got.iter().zip(want) {
        assert_eq!(got, want, "a field came back as another");
    }
    assert_eq!(read, expected());
}

/// What the fixture of format 7 holds: everything format 5's does, the field ids and
/// choices added since, and a student editor whose record has school periods, an outcome
/// and an intervention (a student's record is stored whole in a draft).
fn expected_7() -> Draft {
    let mut draft = expected();
    let EditorDraft::Student {
        fields, original, ..
    } = &mut draft.editors[0]
    else {
        unreachable!("the first editor is the student's");
    };
    fields.extend(
        [FieldId::SchoolPeriods, FieldId::EndedOn, FieldId::Cause]
            .map(|id| (id, Value::Text(format!("{id:?}")))),
    );
    fields.push((FieldId::Cause, Value::Choice(Choice::Cause(None))));
    fields
        .extend(DropoutCause::ALL.map(|c| (FieldId::Cause, Value::Choice(Choice::Cause(Some(c))))));
    let mut choices: Vec<Choice> = Vec::new();
    choices.extend(Tie::ALL.map(Choice::Tie));
    choices.extend(Circle::ALL.map(Choice::Circle));
    choices.extend(GoalArea::ALL.map(Choice::GoalArea));
    choices.extend(GoalStatus::ALL.map(Choice::GoalStatus));
    choices.extend(InterventionKind::ALL.map(Choice::InterventionKind));
    choices.extend(InterventionStatus::ALL.map(Choice::InterventionStatus));
    choices.extend([Choice::YesNo(false), Choice::YesNo(true)]);
    fields.extend(
        choices
            .into_iter()
            .map(|c| (FieldId::Status, Value::Choice(c))),
    );
    let day = |m, d| NaiveDate::from_ymd_opt(2027, m, d).expect("a date");
    *original = Some(Box::new(Student {
        id: StudentId(7),
        name: "Journal Fixture".into(),
        programme: Programme::Ssa,
        start: day(2, 1),
        expected_end: day(12, 31),
        school: "SOSU Esbjerg".into(),
        workplace: "Plejecenter Kastanjehaven".into(),
        unit: String::new(),
        employer: "Esbjerg Kommune".into(),
        supervisor: "Bente Lund".into(),
        education_officer: "Hanne Krogh".into(),
        focus_areas: Vec::new(),
        status: StudentStatus::DroppedOut,
        level: Level::Two,
        level_raised_on: Some(day(3, 1)),
        employer_org: None,
        school_org: None,
        workplace_org: None,
        school_periods: vec![SchoolPeriod::new(day(3, 1), day(3, 14))],
        ended: Some(CourseEnd {
            on: day(6, 30),
            outcome: Outcome::DroppedOut(DropoutCause::Job),
        }),
        interventions: vec![Intervention {
            id: 1,
            kind: InterventionKind::Mentor,
            provider: "Bente Lund".into(),
            note: "To timer om ugen".into(),
            from: day(3, 15),
            to: Some(day(6, 30)),
            status: InterventionStatus::Ended,
            agreement: None,
        }],
        team: TeamFile {
            coordinator: "Karin Vest".into(),
            started: Some(day(3, 1)),
            consents: vec![Consent {
                id: 2,
                shares: "Mål og indsatser".into(),
                parties: vec!["SOSU Esbjerg".into(), "Jobcenter Esbjerg".into()],
                given_on: day(3, 1),
                valid_until: Some(day(12, 31)),
                withdrawn_on: None,
            }],
            ..TeamFile::default()
        },
    }));
    // A team file's editor, with every field id added for it (by its own name).
    let team_fields = team_field_ids();
    let student = match &draft.editors[0] {
        EditorDraft::Student {
            original: Some(s), ..
        } => s.clone(),
        _ => unreachable!("the student editor holds the record"),
    };
    draft.editors.push(EditorDraft::Team {
        student,
        agreements: vec![(AgreementId(3), "Eleven fører logbog".into())],
        target: TeamTarget::SubGoal {
            goal: 4,
            sub: Some(5),
        },
        fields: team_fields
            .into_iter()
            .map(|id| (id, Value::Text(format!("{id:?}"))))
            .collect(),
    });
    draft
}

#[test]
fn a_journal_of_format_7_comes_back_with_the_students_course() {
    let dir = fixture(7);
    if std::env::var_os("FOKUS_WRITE_JOURNAL_FIXTURE").is_some()
        && FORMAT_VERSION == 7
        && !journal::path(&dir).exists()
    {
        std::fs::create_dir_all(&dir).expect("the fixture folder");
        journal::write(&dir, &Sealing::plain(), &expected_7()).expect("the fixture journal");
    }
    let read: Draft = journal::read(&dir, &Sealing::plain())
        .expect("the fixture journal reads")
        .expect("the fixture journal is there (tests/journal-fixtures/v7/draft.journal)");
    assert_eq!(read, expected_7());
}

/// The field ids of the team file's editors, added in format 7.
fn team_field_ids() -> Vec<FieldId> {
    use FieldId::*;
    vec![
        Coordinator,
        ConsentShares,
        ConsentParties,
        ConsentGiven,
        ConsentUntil,
        ConsentWithdrawn,
        MemberName,
        MemberOrganisation,
        MemberRole,
        MemberTie,
        MemberCircle,
        GoalArea,
        GoalText,
        GoalStatus,
        GoalReviewed,
        LinkAgreement(AgreementId(3)),
        LinkIntervention(1),
        InterventionKind,
        InterventionProvider,
        InterventionNote,
        InterventionFrom,
        InterventionTo,
        InterventionStatus,
        MeetingOn,
        MeetingParticipants,
        MeetingGoalsReviewed,
        MeetingInterventionsChanged,
        MeetingNext,
        MeetingNote,
    ]
}
