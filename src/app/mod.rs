//! The application: state, the actions that change it, and the effects it asks for.

pub mod action;
pub mod dialogs;
pub mod draft;
pub mod form;
pub mod input;
pub mod lock;
pub mod msg;
pub mod overview;
mod panes;
pub mod state;
pub mod update;

pub use action::Action;
pub use dialogs::profile::open as open_profile;
pub use input::KeyReader;
pub use msg::{AfterCommit, Effect, Exported, Msg};
pub use state::{App, CaseView, Modal, Pane, Panel, REMINDER_PAGE};
pub use update::{input_context, update};
