//! The dialogs over the panes, one file each with its state, keys and what it saves; here
//! what they share: which dialog an action goes to, closing and quitting, copying.

pub mod address_book;
pub mod agreement;
pub mod confirm;
pub mod conversation;
pub mod distribution;
pub mod import_preview;
mod keys;
pub mod merge;
pub mod profile;
pub mod prompt;
pub mod snooze;
pub mod student;
pub mod team;

pub use conversation::{
    conversation_saved, event_conversation, open_conversation, open_new_conversation,
    open_timeline_entry,
};
pub use keys::{paste, raw_key};

use super::form::{FieldId, Form};
use super::msg::{AfterCommit, Effect};
use super::state::{App, Modal, StatusKind};
use crate::app::Action;
use crate::domain::{Case, CaseChange, IdSource};
use crate::i18n::T;
use confirm::{Confirm, ConfirmKind};

/// Handles `action` while a modal is open.
pub fn action(app: &mut App, ids: &mut dyn IdSource, action: Action) -> Vec<Effect> {
    match (app.modal_mut(), action) {
        (_, Action::Quit) => request_quit(app),
        (Some(Modal::Help { .. }), Action::Help | Action::Cancel) => {
            app.modals.pop();
            Vec::new()
        }
        (Some(Modal::Help { scroll }), a) => {
            *scroll = match a {
                Action::Up => scroll.saturating_sub(1),
                Action::Down => scroll.saturating_add(1),
                Action::PageUp => scroll.saturating_sub(10),
                Action::PageDown => scroll.saturating_add(10),
                Action::Top => 0,
                _ => *scroll,
            };
            Vec::new()
        }
        (_, Action::Help) => {
            app.modals.push(Modal::Help { scroll: 0 });
            Vec::new()
        }
        (Some(Modal::AddressBook(_)), a) => address_book::action(app, ids, a),
        (Some(Modal::Profile(_)), a) => profile::action(app, a),
        (_, Action::Profile) => {
            profile::open(app);
            Vec::new()
        }
        (_, Action::Copy) => copy_field(app),
        (Some(Modal::Distribution(_)), a) => distribution::action(app, ids, a),
        (Some(Modal::ImportPreview(_)), a) => import_preview::action(app, a),
        (Some(Modal::Message { .. }), Action::Cancel | Action::Open) => {
            app.modals.pop();
            Vec::new()
        }
        (Some(Modal::Confirm(_)), a) => confirm::action(app, ids, a),
        (Some(Modal::Merge(_)), a) => merge::action(app, a),
        (Some(Modal::Snooze(_)), a) => snooze::action(app, a),
        (Some(Modal::Student(_)), a) => student::action(app, ids, a),
        (Some(Modal::Team(_)), a) => team::action(app, ids, a),
        (Some(Modal::Prompt(_)), a) => prompt::action(app, ids, a),
        (Some(Modal::Conversation(_)), a) => conversation::action(app, ids, a),
        (_, Action::Cancel) => {
            app.modals.pop();
            Vec::new()
        }
        _ => not_in_editor(app),
    }
}

/// Ctrl-C in an editor: the selected text of the field in focus, or all of it, goes to
/// the clipboard (as far as the terminal allows; the status line says what was copied).
fn copy_field(app: &mut App) -> Vec<Effect> {
    let field = match app.modal() {
        Some(Modal::Conversation(e)) => match &e.agreement {
            Some(a) => a.form.focused(),
            None => e.form.focused(),
        },
        Some(Modal::Student(e)) => e.form.focused(),
        Some(Modal::Team(e)) => e.form.focused(),
        Some(Modal::Prompt(p)) => p.form.focused(),
        Some(Modal::Profile(d)) => d.form.focused(),
        Some(Modal::AddressBook(b)) => b.editing.as_ref().and_then(|e| e.form.focused()),
        _ => None,
    };
    let text = field.map(|f| f.selected_text().unwrap_or_else(|| f.text()));
    match text.filter(|t| !t.trim().is_empty()) {
        Some(text) => {
            let chars = text.chars().count().to_string();
            let said = app.lang.fill(T::Copied, &[("n", &chars)]);
            app.say(StatusKind::Info, said);
            vec![Effect::Copy(text)]
        }
        None => {
            app.say(StatusKind::Info, app.t(T::NothingToCopy));
            Vec::new()
        }
    }
}

fn not_in_editor(app: &mut App) -> Vec<Effect> {
    app.say(StatusKind::Info, app.t(T::NotAvailableInEditor));
    Vec::new()
}

fn request_quit(app: &mut App) -> Vec<Effect> {
    let dirty = app.modals.iter().any(|m| match m {
        Modal::Student(e) => e.dirty,
        Modal::Team(e) => e.dirty,
        Modal::Conversation(e) => e.dirty || e.agreement.is_some(),
        Modal::Prompt(p) => p.holds_text(),
        Modal::AddressBook(b) => b.editing.is_some(),
        _ => false,
    });
    if dirty {
        return close_editor(app, true);
    }
    app.quit = true;
    Vec::new()
}

/// Closes the top editor, asking first if it holds unsaved changes.
fn close_editor(app: &mut App, then_quit: bool) -> Vec<Effect> {
    let dirty = match app.modal() {
        Some(Modal::Student(e)) => e.dirty,
        Some(Modal::Team(e)) => e.dirty,
        Some(Modal::Conversation(e)) => e.dirty,
        Some(Modal::Prompt(p)) => p.holds_text(),
        Some(Modal::AddressBook(b)) => b.editing.is_some(),
        _ => false,
    };
    if dirty || then_quit {
        app.modals.push(Modal::Confirm(Confirm {
            kind: ConfirmKind::CloseEditor { then_quit },
            selected: 0,
        }));
    } else {
        app.modals.pop();
    }
    Vec::new()
}

/// The case the open editors work on.
fn loaded_case(app: &App) -> Option<Case> {
    app.case.as_ref().map(|v| v.case.clone())
}

/// A field's text without the spaces around it.
fn text_of(form: &Form, id: FieldId) -> String {
    form.text(id).trim().to_string()
}

/// The effect that writes `change` to `case`, and what to do once it is on disk.
fn commit(change: CaseChange, case: &Case, then: AfterCommit) -> Vec<Effect> {
    let mut after = case.clone();
    after.apply(&change);
    vec![Effect::Commit {
        change: Box::new(change),
        after: Box::new(after),
        then,
    }]
}
