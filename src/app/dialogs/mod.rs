//! The dialogs over the panes: each one's state, keys and what it saves.

mod agreements;
pub mod address_book;
pub mod import_preview;
mod keys;
mod open;
pub mod profile;
pub mod resolve;
pub mod distribution;
mod submit;

pub use keys::{paste, raw_key};
pub use open::{
    conversation_saved, event_conversation, finish_restore, open_conversation,
    open_new_conversation, open_timeline_entry, restore_draft,
};

use super::editors::{AgreementEditor, Prompt, PromptKind, SnoozeChoice};
use super::form::FieldId;
use super::msg::Effect;
use super::state::{App, Confirm, ConfirmKind, Modal, StatusKind};
use crate::app::Action;
use crate::domain::{AgreementId, IdSource};
use crate::i18n::T;
use agreements::{
    agreement_action, cycle_agreement, delete_agreement, edit_selected_agreement, move_agreement,
};
use submit::{
    ask_finalize, finalize, save_conversation, save_student, submit_prompt, submit_snooze,
};

/// Handles `action` while a modal is open.
pub fn action(app: &mut App, ids: &mut dyn IdSource, action: Action) -> Vec<Effect> {
    let today = app.today();
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
        (_, Action::Copy) => {
            copy_field(app);
            Vec::new()
        }
        (Some(Modal::Distribution(_)), a) => distribution::action(app, ids, a),
        (Some(Modal::ImportPreview(_)), a) => import_preview::action(app, a),
        (Some(Modal::Message { .. }), Action::Cancel | Action::Open) => {
            app.modals.pop();
            Vec::new()
        }
        (Some(Modal::Confirm(c)), a) => {
            let n = c.kind.options().len();
            match a {
                Action::Up | Action::PrevField => c.selected = (c.selected + n - 1) % n,
                Action::Down | Action::NextField => c.selected = (c.selected + 1) % n,
                Action::Cancel if c.kind == ConfirmKind::Recover => {
                    // Nothing found in the journal is dropped without a choice.
                    app.say(StatusKind::Info, app.t(T::RecoverChoose));
                }
                Action::Cancel => {
                    app.modals.pop();
                }
                Action::Open | Action::Save => return confirm(app, ids),
                _ => {}
            }
            Vec::new()
        }
        (Some(Modal::Snooze(d)), a) => {
            let order = [
                SnoozeChoice::OneDay,
                SnoozeChoice::OneWeek,
                SnoozeChoice::Until,
            ];
            let i = order.iter().position(|c| *c == d.choice).unwrap_or(0);
            match a {
                Action::Up | Action::PrevField => d.choice = order[(i + 2) % 3],
                Action::Down | Action::NextField => d.choice = order[(i + 1) % 3],
                Action::Save | Action::Open => return submit_snooze(app),
                Action::Cancel => {
                    app.modals.pop();
                }
                _ => {}
            }
            Vec::new()
        }
        (Some(Modal::Student(e)), a) => match a {
            Action::NextField | Action::Down => {
                e.suggestions.clear();
                e.form.next();
                Vec::new()
            }
            Action::PrevField | Action::Up => {
                e.suggestions.clear();
                e.form.prev();
                Vec::new()
            }
            // Esc first closes the suggestions, then the editor.
            Action::Cancel if !e.suggestions.is_empty() => {
                e.suggestions.clear();
                e.suggestion = None;
                Vec::new()
            }
            Action::Toggle => {
                if let Some(f) = e.form.focused_mut() {
                    e.dirty |= f.toggle();
                }
                Vec::new()
            }
            Action::Save => save_student(app, ids),
            Action::Cancel => close_editor(app, false),
            _ => not_in_editor(app),
        },
        (Some(Modal::Prompt(p)), a) => match a {
            Action::Save => submit_prompt(app, ids),
            Action::Cancel => {
                if p.text().is_empty() {
                    app.modals.pop();
                    Vec::new()
                } else {
                    close_editor(app, false)
                }
            }
            _ => not_in_editor(app),
        },
        (Some(Modal::Conversation(e)), a) => {
            if e.agreement.is_some() {
                return agreement_action(app, a, today);
            }
            let on_list = e.form.focused().map(|f| f.id) == Some(FieldId::Agreements);
            match a {
                Action::NextField => e.form.next(),
                Action::PrevField => e.form.prev(),
                Action::Down if on_list => move_agreement(e, 1),
                Action::Up if on_list => move_agreement(e, -1),
                Action::Down => e.form.next(),
                Action::Up => e.form.prev(),
                Action::Toggle if on_list && !e.form.read_only => cycle_agreement(e, today),
                Action::Toggle if !e.form.read_only => {
                    let on_participant = matches!(
                        e.form.focused().map(|f| f.id),
                        Some(FieldId::Participant(_))
                    );
                    if on_participant && !e.is_held() {
                        app.say(StatusKind::Info, app.t(T::AttendanceWhenHeld));
                        return Vec::new();
                    }
                    if let Some(f) = e.form.focused_mut()
                        && f.toggle()
                    {
                        e.dirty = true;
                        let refused = e.refuse_early_held(today);
                        e.refresh(today);
                        if let Some(on) = refused {
                            say_not_held_yet(app, on);
                        }
                    }
                }
                Action::AddAgreement if !e.form.read_only => {
                    let blank =
                        AgreementEditor::blank(AgreementId(ids.next_id()), e.student.id, e.id());
                    e.agreement = Some(blank);
                }
                Action::Delete if on_list && !e.form.read_only => return delete_agreement(app),
                Action::Save if !e.form.read_only => return save_conversation(app, ids, false),
                Action::Finalize if !e.form.read_only => return ask_finalize(app),
                Action::Cancel => return close_editor(app, false),
                Action::Open if on_list => edit_selected_agreement(e),
                Action::ExportMinutes if e.original.is_none() || e.dirty => {
                    app.say(StatusKind::Info, app.t(T::SaveBeforeExport));
                }
                Action::ExportMinutes => {
                    return vec![Effect::ExportMinutes {
                        student: e.student.id,
                        conversation: e.id(),
                    }];
                }
                Action::AddAddendum
                    if matches!(
                        e.base.state,
                        crate::domain::ConversationState::Finalized { .. }
                    ) =>
                {
                    let (sid, id) = (e.student.id, e.id());
                    app.modals
                        .push(Modal::Prompt(Prompt::new(PromptKind::Addendum(id), sid)));
                }
                _ if e.form.read_only => app.say(StatusKind::Info, app.t(T::MinutesLocked)),
                _ => return not_in_editor(app),
            }
            Vec::new()
        }
        (_, Action::Cancel) => {
            app.modals.pop();
            Vec::new()
        }
        _ => not_in_editor(app),
    }
}

/// Says that a meeting cannot be registered as held before its day (and that nothing
/// typed is lost).
pub(super) fn say_not_held_yet(app: &mut App, on: chrono::NaiveDate) {
    let date = crate::domain::dates::format_date(on);
    let text = app.lang.fill(T::HeldRefused, &[("date", &date)]);
    app.say(StatusKind::Error, text);
}

/// Ctrl-C in an editor: the selected text of the field in focus, or all of it, goes to
/// the clipboard (as far as the terminal allows; the status line says what was copied).
fn copy_field(app: &mut App) {
    let field = match app.modal() {
        Some(Modal::Conversation(e)) => match &e.agreement {
            Some(a) => a.form.focused(),
            None => e.form.focused(),
        },
        Some(Modal::Student(e)) => e.form.focused(),
        Some(Modal::Prompt(p)) => p.form.focused(),
        Some(Modal::Profile(d)) => d.form.focused(),
        Some(Modal::AddressBook(b)) => b.editing.as_ref().and_then(|e| e.form.focused()),
        _ => None,
    };
    let text = field.map(|f| f.selected_text().unwrap_or_else(|| f.text()));
    match text.filter(|t| !t.trim().is_empty()) {
        Some(text) => {
            let chars = text.chars().count().to_string();
            app.clipboard = Some(text);
            let said = app.lang.fill(T::Copied, &[("n", &chars)]);
            app.say(StatusKind::Info, said);
        }
        None => app.say(StatusKind::Info, app.t(T::NothingToCopy)),
    }
}

pub(super) fn not_in_editor(app: &mut App) -> Vec<Effect> {
    app.say(StatusKind::Info, app.t(T::NotAvailableInEditor));
    Vec::new()
}

pub(super) fn request_quit(app: &mut App) -> Vec<Effect> {
    let dirty = app.modals.iter().any(|m| match m {
        Modal::Student(e) => e.dirty,
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
pub(super) fn close_editor(app: &mut App, then_quit: bool) -> Vec<Effect> {
    let dirty = match app.modal() {
        Some(Modal::Student(e)) => e.dirty,
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

/// The answer to the recovery dialog or to "discard it?".
fn recovery_answer(app: &mut App, c: Confirm) -> Vec<Effect> {
    match c.kind.options().get(c.selected) {
        Some(T::RecoverDiscard) => {
            // Asked once more; "no" comes back to the first question, restore chosen.
            app.modals
                .push(Modal::Confirm(Confirm { selected: 0, ..c }));
            app.modals.push(Modal::Confirm(Confirm {
                kind: ConfirmKind::DiscardDraft,
                selected: 0,
            }));
            Vec::new()
        }
        Some(T::DiscardYes) => {
            app.modals
                .retain(|m| !matches!(m, Modal::Confirm(c) if c.kind == ConfirmKind::Recover));
            app.recovered = None;
            vec![Effect::DiscardDraft]
        }
        Some(T::DiscardKeep) => Vec::new(),
        _ => open::restore_draft(app),
    }
}

pub(super) fn confirm(app: &mut App, ids: &mut dyn IdSource) -> Vec<Effect> {
    let Some(Modal::Confirm(c)) = app.modals.pop() else {
        return Vec::new();
    };
    let then_quit = match c.kind {
        ConfirmKind::CloseEditor { then_quit } => then_quit,
        ConfirmKind::Recover | ConfirmKind::DiscardDraft => {
            return recovery_answer(app, c);
        }
        ConfirmKind::ResolveAgreement { .. } => return resolve::answer(app, ids, c),
        ConfirmKind::Finalize => {
            // Only an explicit yes locks; anything else goes back to the minutes.
            return match c.kind.options().get(c.selected) {
                Some(T::FinalizeYes) => finalize(app, ids),
                _ => Vec::new(),
            };
        }
    };
    match c.kind.options().get(c.selected) {
        Some(T::AnswerSave) => {
            app.status = None;
            let effects = match app.modal() {
                Some(Modal::Student(_)) => save_student(app, ids),
                Some(Modal::Conversation(_)) => save_conversation(app, ids, true),
                Some(Modal::Prompt(_)) => submit_prompt(app, ids),
                Some(Modal::AddressBook(_)) => address_book::save(app),
                _ => Vec::new(),
            };
            // Quit only once the save is on disk; a refused or failed save keeps everything
            // open. Nothing to save (no changes) quits at once.
            if then_quit {
                let refused = app
                    .status
                    .as_ref()
                    .is_some_and(|s| s.kind == StatusKind::Error);
                if effects.is_empty() {
                    app.quit = !refused;
                } else {
                    app.quit_after_save = true;
                }
            }
            effects
        }
        Some(T::AnswerDiscard) => {
            if then_quit {
                app.quit = true;
            } else {
                app.modals.pop();
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}
