//! Turning what was typed into domain changes and commits.

use super::open::loaded_case;
use crate::app::editors::{ConversationEditor, PromptKind};
use crate::app::msg::{AfterCommit, Effect};
use crate::app::state::{App, Confirm, ConfirmKind, Modal, StatusKind};
use crate::domain::case::{self, FinalizeError};
use crate::domain::reminders::Mark;
use crate::domain::{Case, CaseChange, IdSource};
use crate::i18n::{self, T};

pub(super) fn commit(change: CaseChange, case: &Case, then: AfterCommit) -> Vec<Effect> {
    let mut after = case.clone();
    after.apply(&change);
    vec![Effect::Commit {
        change: Box::new(change),
        after: Box::new(after),
        then,
    }]
}

pub(super) fn save_student(app: &mut App, ids: &mut dyn IdSource) -> Vec<Effect> {
    let today = app.today();
    let Some(context) = super::profile::ctx(app) else {
        return Vec::new();
    };
    let book = app.address_book.clone();
    let Some(Modal::Student(e)) = app.modal_mut() else {
        return Vec::new();
    };
    match e.to_student(today) {
        Ok(mut student) => {
            crate::domain::organisation::link_student(&book, &mut student, e.original.as_ref());
            let new = e.original.is_none();
            if new {
                let change = case::create_student(student.clone(), &context, ids);
                commit(
                    change,
                    &Case::new(student),
                    AfterCommit::StudentSaved { new },
                )
            } else {
                let Some(case) = loaded_case(app).filter(|c| c.id() == student.id) else {
                    return Vec::new();
                };
                let change = case::update_student(&case, student, &context, ids);
                if change.is_empty() {
                    app.modals.pop();
                    app.say(StatusKind::Info, app.t(T::NothingChanged));
                    return Vec::new();
                }
                commit(change, &case, AfterCommit::StudentSaved { new })
            }
        }
        Err(field) => {
            e.form.focus_on(field);
            app.say(StatusKind::Error, app.t(T::FixFieldFirst));
            Vec::new()
        }
    }
}

pub(super) fn save_conversation(app: &mut App, ids: &mut dyn IdSource, close: bool) -> Vec<Effect> {
    let today = app.today();
    let Some(context) = super::profile::ctx(app) else {
        return Vec::new();
    };
    let Some(case) = loaded_case(app) else {
        return Vec::new();
    };
    let Some(e) = app.conversation_editor_mut() else {
        return Vec::new();
    };
    let id = e.id();
    match e.to_conversation(today) {
        Ok((conversation, agreements)) => {
            match case::save_conversation(&case, conversation, agreements, &context, ids) {
                Ok(change) if change.is_empty() => {
                    e.dirty = false;
                    if close {
                        app.modals.pop();
                    }
                    app.say(StatusKind::Info, app.t(T::NothingChanged));
                    Vec::new()
                }
                Ok(change) => commit(change, &case, AfterCommit::ConversationSaved { id, close }),
                Err(e) => {
                    app.say(StatusKind::Error, i18n::save_error(app.lang, &e));
                    Vec::new()
                }
            }
        }
        Err(field) => {
            e.form.focus_on(field);
            app.say(StatusKind::Error, app.t(T::FixFieldFirst));
            Vec::new()
        }
    }
}

/// The finalize key: minutes that lack something are refused with the list of what is
/// missing; complete minutes are not locked yet, but a confirmation says what locking does
/// and waits for an explicit yes (a Word user's Ctrl-F for "find" locks nothing).
pub(super) fn ask_finalize(app: &mut App) -> Vec<Effect> {
    let today = app.today();
    let lang = app.lang;
    let Some(e) = app.conversation_editor_mut() else {
        return Vec::new();
    };
    if let Err(field) = e.to_conversation(today) {
        e.form.focus_on(field);
        app.say(StatusKind::Error, app.t(T::FixFieldFirst));
        return Vec::new();
    }
    e.refresh(today);
    if !e.missing.is_empty() {
        let missing = e.missing.clone();
        refuse(app, lang, &missing);
        return Vec::new();
    }
    app.modals.push(Modal::Confirm(Confirm {
        kind: ConfirmKind::Finalize,
        selected: 0,
    }));
    Vec::new()
}

/// Shows what the minutes lack, with the first field to fix in focus.
fn refuse(app: &mut App, lang: crate::i18n::Lang, missing: &[crate::domain::rules::Missing]) {
    if let Some(e) = app.conversation_editor_mut() {
        if let Some(first) = missing.first() {
            e.form.focus_on(ConversationEditor::field_for(first));
        }
        e.missing = missing.to_vec();
    }
    let lines = missing
        .iter()
        .map(|m| format!("• {}", i18n::missing(lang, m)))
        .collect();
    app.modals.push(Modal::Message {
        title: lang.t(T::FinalizeRefusedTitle).to_string(),
        lines,
    });
}

/// Finalizes the minutes in the editor: locks them, changes the case's type as they
/// decide and plans the next conversation, in one commit.
pub(super) fn finalize(app: &mut App, ids: &mut dyn IdSource) -> Vec<Effect> {
    let today = app.today();
    let lang = app.lang;
    let Some(context) = super::profile::ctx(app) else {
        return Vec::new();
    };
    let Some(case) = loaded_case(app) else {
        return Vec::new();
    };
    let Some(e) = app.conversation_editor_mut() else {
        return Vec::new();
    };
    let id = e.id();
    let (conversation, agreements) = match e.to_conversation(today) {
        Ok(v) => v,
        Err(field) => {
            e.form.focus_on(field);
            app.say(StatusKind::Error, app.t(T::FixFieldFirst));
            return Vec::new();
        }
    };
    match case::finalize_conversation(&case, conversation, agreements, &context, ids) {
        Ok((change, next)) => commit(change, &case, AfterCommit::Finalized { id, next }),
        Err(FinalizeError::Incomplete(missing)) => {
            refuse(app, lang, &missing);
            Vec::new()
        }
        Err(FinalizeError::Save(e)) => {
            app.say(StatusKind::Error, i18n::save_error(lang, &e));
            Vec::new()
        }
    }
}

pub(super) fn submit_prompt(app: &mut App, ids: &mut dyn IdSource) -> Vec<Effect> {
    let Some(context) = super::profile::ctx(app) else {
        return Vec::new();
    };
    let Some(Modal::Prompt(p)) = app.modal() else {
        return Vec::new();
    };
    let (kind, text) = (p.kind, p.text());
    if text.is_empty() {
        app.say(StatusKind::Error, app.t(T::TextRequired));
        return Vec::new();
    }
    if kind == PromptKind::ImportFile {
        // The prompt stays open until the file is read, so a mistyped path can be fixed.
        return vec![Effect::PlanImport(std::path::PathBuf::from(text))];
    }
    let Some(case) = loaded_case(app).filter(|c| c.id() == p.student) else {
        return Vec::new();
    };
    let today = app.today();
    match kind {
        PromptKind::Escalate { .. } => {
            let at = case.proposed_time(today);
            match case::escalate(&case, &text, at, &context, ids) {
                Ok((change, planned)) => commit(change, &case, AfterCommit::Escalated { planned }),
                Err(_) => Vec::new(),
            }
        }
        PromptKind::Deescalate { .. } => match case::deescalate(&case, &text, &context, ids) {
            Ok(change) => commit(change, &case, AfterCommit::Deescalated),
            Err(_) => Vec::new(),
        },
        PromptKind::Note => match case::add_note(&case, &text, &context, ids) {
            Ok(change) => commit(change, &case, AfterCommit::NoteAdded),
            Err(_) => Vec::new(),
        },
        PromptKind::Addendum(id) => match case::add_addendum(&case, id, &text, &context, ids) {
            Ok(change) => commit(change, &case, AfterCommit::AddendumAdded { id }),
            Err(_) => Vec::new(),
        },
        PromptKind::ImportFile => Vec::new(),
        PromptKind::Erase => {
            if crate::privacy::same_name(&text, &case.student.name) {
                app.modals.pop();
                vec![Effect::EraseStudent(Box::new(case))]
            } else {
                app.say(StatusKind::Error, app.t(T::EraseNameMismatch));
                Vec::new()
            }
        }
        PromptKind::CancelConversation(id) => {
            let Some(mut c) = case.conversation(id).cloned() else {
                return Vec::new();
            };
            c.state = crate::domain::ConversationState::Cancelled { reason: text };
            let agreements = case.agreements_made_in(id).into_iter().cloned().collect();
            match case::save_conversation(&case, c, agreements, &context, ids) {
                Ok(change) => commit(change, &case, AfterCommit::ConversationCancelled),
                Err(_) => Vec::new(),
            }
        }
    }
}

pub(super) fn submit_snooze(app: &mut App) -> Vec<Effect> {
    let today = app.today();
    let lang = app.lang;
    let Some(Modal::Snooze(d)) = app.modal_mut() else {
        return Vec::new();
    };
    match d.until(today) {
        Ok(until) => {
            let key = d.key;
            app.modals.pop();
            let date = crate::domain::dates::format_date(until);
            vec![Effect::SetMark {
                key,
                mark: Mark::SnoozedUntil(until),
                confirmation: lang.fill(T::ReminderSnoozed, &[("date", &date)]),
            }]
        }
        Err(_) => {
            app.say(StatusKind::Error, lang.t(T::FixFieldFirst));
            Vec::new()
        }
    }
}
