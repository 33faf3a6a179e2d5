//! Messages into `update` and the effects it asks the runner to carry out.

use crossterm::event::KeyEvent;

use crate::domain::reminders::{Mark, Reminder, ReminderKey};
use crate::domain::{Case, CaseChange, ConversationId, StudentId};

/// Something that happened: a key, a paste, or the result of an effect.
#[derive(Clone, Debug)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
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
    Reminders(Result<Vec<Reminder>, String>),
    /// The draft journal was removed at the user's choice (or could not be).
    DraftDiscarded(Result<(), String>),
}

/// What to do once a commit is durable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterCommit {
    StudentSaved { new: bool },
    ConversationSaved { id: ConversationId, close: bool },
    Finalized { id: ConversationId },
    Escalated { planned: ConversationId },
    Deescalated,
    NoteAdded,
    AddendumAdded { id: ConversationId },
    ConversationCancelled,
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
    SetMark {
        key: ReminderKey,
        mark: Mark,
        confirmation: String,
    },
    LoadReminders,
    /// Remove the draft journal: the user chose to discard what it held.
    DiscardDraft,
}
