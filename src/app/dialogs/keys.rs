//! Keys and pastes that no binding claimed: sent to the dialog on top, or typed into the
//! student filter.

use crate::app::form::{FieldOutcome, Form};
use crate::app::msg::Effect;
use crate::app::state::{App, Modal, StatusKind};
use crate::domain::IdSource;
use crate::i18n::T;
use crossterm::event::{KeyCode, KeyEvent};

/// Inserts pasted text into the focused text field.
pub fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    // An empty paste (some terminals send one) changes nothing and needs no message.
    if text.is_empty() {
        return Vec::new();
    }
    let today = app.today();
    let lang = app.lang;
    let mut done = false;
    if app.modal().is_none() && app.students.filtering {
        app.students
            .filter
            .push_str(&text.replace(['\n', '\r'], " "));
        app.students.refilter();
        return crate::app::panes::load_selected(app);
    }
    match app.modal_mut() {
        Some(Modal::Conversation(_)) => done = super::conversation::paste(app, text),
        Some(Modal::Student(_)) => done = super::student::paste(app, text),
        Some(Modal::Team(_)) => done = super::team::paste(app, text),
        Some(Modal::Prompt(p)) => {
            if let Some(f) = p.form.focused_mut() {
                done = f.paste(text);
                f.validate(today);
            }
        }
        Some(Modal::AddressBook(b)) => {
            if let Some(f) = b.editing.as_mut().and_then(|e| e.form.focused_mut()) {
                done = f.paste(text);
                f.validate(today);
            }
        }
        Some(Modal::Snooze(d)) => done = super::snooze::paste(d, text, today),
        _ => {}
    }
    if !done {
        app.say(StatusKind::Info, lang.t(T::PasteNowhere));
    }
    Vec::new()
}

/// A key no binding claimed, while a modal or the filter has the keyboard.
pub fn raw_key(app: &mut App, ids: &mut dyn IdSource, key: KeyEvent) -> Vec<Effect> {
    if app.modal().is_none() {
        return filter_key(app, key);
    }
    let Some(modal) = app.modal_mut() else {
        return Vec::new();
    };
    match modal {
        Modal::Help { .. } => Vec::new(),
        Modal::AddressBook(_) => super::address_book::raw_key(app, ids, key),
        Modal::Profile(_) => super::profile::raw_key(app, key),
        Modal::Distribution(_) => super::distribution::raw_key(app, ids, key),
        Modal::ImportPreview(_) => {
            if key.code == KeyCode::Enter {
                return super::import_preview::apply(app);
            }
            Vec::new()
        }
        Modal::Message { .. } => {
            if key.code == KeyCode::Enter {
                app.modals.pop();
            }
            Vec::new()
        }
        Modal::Confirm(_) => {
            if key.code == KeyCode::Enter {
                return super::confirm::answer(app, ids);
            }
            Vec::new()
        }
        Modal::Merge(_) => super::merge::raw_key(app, key),
        Modal::Student(_) => super::student::raw_key(app, key),
        Modal::Team(_) => super::team::raw_key(app, key),
        Modal::Prompt(_) => super::prompt::raw_key(app, ids, key),
        Modal::Snooze(_) => super::snooze::raw_key(app, key),
        Modal::Conversation(_) => super::conversation::raw_key(app, key),
    }
}

pub(super) fn report(app: &mut App, outcome: FieldOutcome) {
    if outcome == FieldOutcome::NotTypable {
        app.say(StatusKind::Info, app.t(T::ChooseWithSpace));
    }
}

pub(super) fn form_key(form: &mut Form, key: KeyEvent, today: chrono::NaiveDate) -> FieldOutcome {
    if form.read_only {
        return FieldOutcome::Unchanged;
    }
    let Some(field) = form.focused_mut() else {
        return FieldOutcome::Unchanged;
    };
    let outcome = field.key(key);
    // Inline validation: a date field says what is wrong as soon as it is typed.
    field.validate(today);
    if outcome == FieldOutcome::Next {
        form.next();
    }
    outcome
}

pub(super) fn filter_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let list = &mut app.students;
    match key.code {
        KeyCode::Enter => {
            list.filtering = false;
            return Vec::new();
        }
        KeyCode::Backspace => {
            list.filter.pop();
        }
        KeyCode::Char(c) => list.filter.push(c),
        _ => return Vec::new(),
    }
    list.refilter();
    crate::app::panes::load_selected(app)
}
