//! The application: state, the actions that change it, and the effects it asks for.

pub mod action;
pub mod dialogs;
pub mod draft;
pub mod form;
pub mod msg;
mod panes;
pub mod state;
pub mod update;

pub use action::Action;
pub use dialogs::profile::open as open_profile;
pub use msg::{AfterCommit, Effect, Exported, Msg};
pub use state::{App, CaseView, Modal, Pane, Panel, REMINDER_PAGE};
pub use update::{input_context, update};

/// The editors' state types under their former path, which the draft journal's code and
/// callers outside `app` still name.
pub mod editors {
    pub use super::dialogs::agreement::AgreementEditor;
    pub use super::dialogs::conversation::ConversationEditor;
    pub use super::dialogs::prompt::{Prompt, PromptKind};
    pub use super::dialogs::snooze::{SnoozeChoice, SnoozeDialog};
    pub use super::dialogs::student::StudentEditor;
}
