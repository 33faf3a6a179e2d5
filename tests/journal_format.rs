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
use fokus::app::draft::{Draft, EditorDraft};
use fokus::app::form::{Choice, FieldId, Value};
use fokus::domain::{
    AgreementOwner, AgreementStatus, ConversationId, FocusKind, Initiator, Level, OrgKind,
    Programme, Role, StudentId, StudentStatus,
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
