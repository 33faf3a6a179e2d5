//! Messages into `update` and the effects it asks the runner to carry out.

use chrono::NaiveDateTime;
use crossterm::event::KeyEvent;

use super::Action;
use super::draft::Draft;
use super::state::StatusKind;

use crate::domain::reminders::{Mark, ReminderKey};
use std::path::PathBuf;

use crate::domain::{Case, CaseChange, ConversationId, OrgId, Organisation, StudentId};

/// Something that happened: what a key means (read against the keymap before `update`,
/// see [`crate::app::input::KeyReader`]), a paste, the time, something the program
/// noticed, or the result of an effect.
#[derive(Clone, Debug)]
pub enum Msg {
    /// A key bound to `Action` where the keyboard is.
    Action(Action),
    /// A key for the text field or dialog that has the keyboard, bound to nothing there
    /// (or a cursor movement inside text).
    RawKey(KeyEvent),
    /// A key that does nothing where the keyboard is.
    UnknownKey(KeyEvent),
    /// Printable keys typed in a row into the text field that has the keyboard, none of
    /// them bound: inserted as the text they make, with the work after a change done once.
    Typed(String),
    Paste(String),
    /// The time now; a new day brings the day's reminders.
    Clock(NaiveDateTime),
    /// Something to say on the status line that no key asked for (the draft journal could
    /// not be written, no fresh ids could be reserved).
    Say {
        kind: StatusKind,
        text: String,
    },
    /// The database turned out to be open for reading only (the checks made at opening
    /// found why); said once, plainly.
    ReadOnly(String),
    /// A message to show over the screen, closed with Enter or Esc (a keymap or config
    /// file with errors, a draft journal that could not be read).
    Show {
        title: String,
        lines: Vec<String>,
    },
    /// A draft journal left by an earlier session, offered for recovery; `older` when the
    /// conversation it is about was saved since it was written.
    DraftLeftOver {
        draft: Box<Draft>,
        older: bool,
    },
    CaseLoaded(Result<Box<Case>, String>),
    /// A commit finished; the change is on disk when `result` is `Ok`.
    Committed {
        result: Result<(), String>,
        after: Box<Case>,
        then: AfterCommit,
    },
    /// A reminder mark was written (or not).
    Marked {
        result: Result<(), String>,
        confirmation: String,
    },
    Reminders(Result<crate::store::RemindersPage, String>),
    /// The students are being read in the background, after the first screen.
    ReadingStudents,
    /// The students, read in the background after the first screen, or why not.
    Students(Result<Box<crate::app::state::StudentList>, String>),
    /// Others changed students on the team's server: each student's summary as the user
    /// may now see it (`None`: erased, or no longer the user's to see).
    Changed(
        Vec<(
            crate::domain::StudentId,
            Option<crate::domain::StudentSummary>,
        )>,
    ),
    /// A save did not reach the team's server (`error` says why); the runner tries again
    /// by itself.
    SaveWaiting(String),
    /// A save was refused because someone else saved the same fields first; nothing was
    /// written, and the user chooses per field.
    Conflicted {
        conflict: Box<crate::store::Conflict>,
        then: AfterCommit,
    },
    /// The draft journal was removed at the user's choice (or could not be).
    DraftDiscarded(Result<(), String>),
    /// The address book after a change, with the organisation saved (none when one was
    /// removed), or why the change failed.
    AddressBook(Result<(Vec<Organisation>, Option<OrgId>), String>),
    /// The team file's documents were written (the PDF's path first), or why not.
    TeamExported(Result<Vec<PathBuf>, String>),
    /// Files were written (minutes, a calendar, a student's data), or why not.
    Exported(Result<Exported, String>),
    /// A student list was read and its dry run made, or why the file cannot be imported.
    ImportPlanned(Result<Box<crate::app::dialogs::import_preview::ImportPreview>, String>),
    /// An import was written: the students created or updated, as they are now; why it
    /// stopped part-way, if it did; how many students it was to write, and how many rows
    /// were left out as rejected.
    Imported {
        written: Vec<crate::domain::StudentSummary>,
        error: Option<String>,
        total: usize,
        rejected: usize,
    },
    /// The user's name and role were saved in the config file (or could not be, and are
    /// used for this session only).
    UserSaved {
        user: crate::domain::Actor,
        result: Result<(), String>,
    },
    /// The management figures for `query`, or why they could not be made.
    Stats {
        query: crate::stats::Query,
        result: Result<Box<crate::stats::Report>, String>,
    },
    /// A student was erased; what the erasure did, or why not.
    Erased {
        student: StudentId,
        result: Result<Box<crate::privacy::erase::Erasure>, String>,
    },
}

/// Files an export produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exported {
    pub paths: Vec<PathBuf>,
    /// Nothing had changed: the files already there were left as they were (they may
    /// have been sent), and these are they.
    pub unchanged: bool,
}

impl From<Vec<PathBuf>> for Exported {
    fn from(paths: Vec<PathBuf>) -> Exported {
        Exported {
            paths,
            unchanged: false,
        }
    }
}

/// What to do once a commit is durable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterCommit {
    StudentSaved {
        new: bool,
    },
    ConversationSaved {
        id: ConversationId,
        close: bool,
    },
    /// Minutes were finalized; `next` is the conversation they planned (or updated).
    Finalized {
        id: ConversationId,
        next: Option<ConversationId>,
    },
    Escalated {
        planned: ConversationId,
    },
    Deescalated,
    NoteAdded,
    AddendumAdded {
        id: ConversationId,
    },
    DistributionMarked,
    AgreementResolved {
        status: crate::domain::AgreementStatus,
    },
    ConversationCancelled,
    /// A record of the team file (or an intervention) was saved from its editor.
    TeamSaved,
}

/// Work for the runner: storage and nothing else. Results come back as [`Msg`]s.
#[derive(Clone, Debug)]
pub enum Effect {
    LoadCase(StudentId),
    Commit {
        change: Box<CaseChange>,
        after: Box<Case>,
        then: AfterCommit,
    },
    /// The next save of the case's student was typed against this case (a draft restored
    /// from the journal), not against the case as read.
    Rebase(Box<Case>),
    /// Save the case as merged with a colleague's save, keeping theirs where
    /// `keep_theirs` says so and the user's own elsewhere.
    SaveMerged {
        conflict: Box<crate::store::Conflict>,
        keep_theirs: Vec<bool>,
        then: AfterCommit,
    },
    SetMark {
        key: ReminderKey,
        mark: Mark,
        confirmation: String,
    },
    LoadReminders,
    /// Remove the draft journal: the user chose to discard what it held.
    DiscardDraft,
    SaveOrganisation(Organisation),
    RemoveOrganisation(OrgId),
    /// Write the minutes of a conversation as PDF and Markdown to the export folder.
    ExportMinutes {
        student: StudentId,
        conversation: ConversationId,
    },
    /// Write the team file's tools (one, or all five in one document) as PDF and Markdown
    /// to the export folder.
    ExportTeamFile {
        student: StudentId,
        tool: Option<crate::export::cooperation::Tool>,
    },
    /// Write the planned conversations and follow-ups as an iCalendar file.
    ExportCalendar,
    /// Write everything held about a student to the export folder (access request).
    ExportStudent(StudentId),
    /// Read a student list and make its dry run.
    PlanImport(PathBuf),
    /// Carry out an import's plan in one commit.
    ApplyImport(Box<crate::import::ImportPlan>),
    /// Erase a student completely, leaving a receipt.
    EraseStudent(Box<Case>),
    /// Keep the user's name and role in the config file.
    SaveUser(crate::domain::Actor),
    /// Put text on the terminal's clipboard (OSC 52, where the terminal allows it).
    Copy(String),
    /// Make the management figures for the question (from the students' digests).
    ComputeStats(crate::stats::Query),
    /// Write the management figures as CSV and PDF to the export folder.
    ExportStats(crate::stats::Query),
}
