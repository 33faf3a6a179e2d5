//! Keys and pastes that no binding claimed: typed into the focused field or the filter.

use super::agreements::{cycle_agreement, edit_selected_agreement};
use super::confirm;
use super::submit::{submit_prompt, submit_snooze};
use crate::app::editors::SnoozeChoice;
use crate::app::form::{FieldId, FieldKind, FieldOutcome, Form};
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
    let mut marked_held = false;
    if app.modal().is_none() && app.students.filtering {
        app.students
            .filter
            .push_str(&text.replace(['\n', '\r'], " "));
        app.students.refilter();
        return crate::app::panes::load_selected(app);
    }
    match app.modal_mut() {
        Some(Modal::Conversation(e)) => {
            let form = match &mut e.agreement {
                Some(a) => &mut a.form,
                None => &mut e.form,
            };
            if !form.read_only
                && let Some(f) = form.focused_mut()
            {
                done = f.paste(text);
                f.validate(today);
            }
            if done {
                e.dirty = true;
                marked_held = e.agreement.is_none() && e.note_minutes_written(today);
                e.refresh(today);
            }
        }
        Some(Modal::Student(e)) => {
            if let Some(f) = e.form.focused_mut() {
                done = f.paste(text);
                f.validate(today);
                e.dirty |= done;
            }
            let book = std::mem::take(&mut app.address_book);
            if let Some(Modal::Student(e)) = app.modal_mut() {
                e.suggest(&book);
            }
            app.address_book = book;
        }
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
        Some(Modal::Snooze(d)) if d.choice == SnoozeChoice::Until => {
            done = d.date.paste(text);
            d.date.validate(today);
        }
        _ => {}
    }
    if !done {
        app.say(StatusKind::Info, lang.t(T::PasteNowhere));
    } else if marked_held {
        app.say(StatusKind::Info, lang.t(T::MarkedHeld));
    }
    Vec::new()
}

/// A key no binding claimed, while a modal or the filter has the keyboard.
pub fn raw_key(app: &mut App, ids: &mut dyn IdSource, key: KeyEvent) -> Vec<Effect> {
    let today = app.today();
    let lang = app.lang;
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
                return confirm(app, ids);
            }
            Vec::new()
        }
        Modal::Student(e) => {
            // The address book's names, while an organisation field has suggestions:
            // arrows choose, Enter takes the chosen one.
            if !e.suggestions.is_empty() {
                match key.code {
                    KeyCode::Down => {
                        e.choose_suggestion(1);
                        return Vec::new();
                    }
                    KeyCode::Up => {
                        e.choose_suggestion(-1);
                        return Vec::new();
                    }
                    KeyCode::Enter if e.take_suggestion() => {
                        e.form.next();
                        return Vec::new();
                    }
                    _ => {}
                }
            }
            let outcome = form_key(&mut e.form, key, today);
            e.dirty |= outcome == FieldOutcome::Changed;
            if outcome == FieldOutcome::Changed {
                let book = std::mem::take(&mut app.address_book);
                if let Some(Modal::Student(e)) = app.modal_mut() {
                    e.suggest(&book);
                }
                app.address_book = book;
            } else if outcome == FieldOutcome::Next
                && let Some(Modal::Student(e)) = app.modal_mut()
            {
                e.suggestions.clear();
            }
            report(app, outcome);
            Vec::new()
        }
        Modal::Prompt(p) => {
            let single = matches!(
                p.form.focused().map(|f| &f.kind),
                Some(FieldKind::Line { .. })
            );
            if single && key.code == KeyCode::Enter {
                return submit_prompt(app, ids);
            }
            let outcome = form_key(&mut p.form, key, today);
            report(app, outcome);
            Vec::new()
        }
        Modal::Snooze(d) => {
            if key.code == KeyCode::Enter {
                return submit_snooze(app);
            }
            if d.choice == SnoozeChoice::Until {
                d.date.key(key);
                d.date.validate(today);
            }
            Vec::new()
        }
        Modal::Conversation(e) => {
            if let Some(a) = &mut e.agreement {
                let outcome = form_key(&mut a.form, key, today);
                report(app, outcome);
                return Vec::new();
            }
            if e.form.read_only {
                if matches!(
                    key.code,
                    KeyCode::Char(_) | KeyCode::Enter | KeyCode::Backspace
                ) {
                    app.say(StatusKind::Info, lang.t(T::MinutesLocked));
                }
                return Vec::new();
            }
            if e.form.focused().map(|f| f.id) == Some(FieldId::Agreements) {
                if key.code == KeyCode::Enter {
                    edit_selected_agreement(e);
                    return Vec::new();
                }
                if key.code == KeyCode::Char(' ') {
                    cycle_agreement(e, today);
                    return Vec::new();
                }
            }
            let outcome = form_key(&mut e.form, key, today);
            let mut marked_held = false;
            let mut refused = None;
            if outcome == FieldOutcome::Changed {
                e.dirty = true;
                marked_held = e.note_minutes_written(today);
                refused = e.refuse_early_held(today);
                e.refresh(today);
            }
            report(app, outcome);
            if marked_held {
                app.say(StatusKind::Info, lang.t(T::MarkedHeld));
            }
            if let Some(on) = refused {
                super::say_not_held_yet(app, on);
            }
            Vec::new()
        }
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
