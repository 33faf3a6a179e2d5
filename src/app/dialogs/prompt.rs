//! The free-text prompt: a reason for changing a case's type, a note, an addendum, why a
//! conversation is cancelled, the name that confirms an erasure, the file to import.

use crossterm::event::{KeyCode, KeyEvent};

use super::keys::{form_key, report};
use super::{close_editor, commit, loaded_case, not_in_editor};
use crate::app::Action;
use crate::app::form::{Check, Field, FieldId, FieldKind, Form};
use crate::app::msg::{AfterCommit, Effect};
use crate::app::state::{App, Modal, StatusKind};
use crate::domain::case;
use crate::domain::{ConversationId, IdSource, Level, StudentId};
use crate::i18n::T;

/// What a free-text prompt is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PromptKind {
    Escalate {
        from: Level,
        to: Level,
    },
    Deescalate {
        from: Level,
        to: Level,
    },
    Note,
    Addendum(ConversationId),
    CancelConversation(ConversationId),
    /// Erasing the student: the full name must be typed to confirm.
    Erase,
    /// The path of a CSV file of students to import.
    ImportFile,
}

/// Asks for a reason or a note.
#[derive(Clone, Debug)]
pub struct Prompt {
    pub kind: PromptKind,
    pub student: StudentId,
    pub form: Form,
}

impl Prompt {
    /// An empty prompt; notes and addenda take several lines, reasons one.
    pub fn new(kind: PromptKind, student: StudentId) -> Prompt {
        let field = match kind {
            PromptKind::Note | PromptKind::Addendum(_) => Field::multi(FieldId::Text, ""),
            _ => Field::line(FieldId::Text, "", Check::Required).wrapping(),
        };
        Prompt {
            kind,
            student,
            form: Form::new(vec![field]),
        }
    }

    /// The text typed.
    pub fn text(&self) -> String {
        self.form.text(FieldId::Text).trim().to_string()
    }

    /// Whether closing the prompt would throw away writing worth keeping: a reason or a
    /// note. The name typed to confirm an erasure is not; it is never saved or journaled.
    pub fn holds_text(&self) -> bool {
        !matches!(self.kind, PromptKind::Erase | PromptKind::ImportFile) && !self.text().is_empty()
    }
}

/// An action while the prompt is open.
pub(super) fn action(app: &mut App, ids: &mut dyn IdSource, action: Action) -> Vec<Effect> {
    let Some(Modal::Prompt(p)) = app.modal() else {
        return Vec::new();
    };
    match action {
        Action::Save => submit(app, ids),
        Action::Cancel => {
            if p.text().is_empty() {
                app.modals.pop();
                Vec::new()
            } else {
                close_editor(app, false)
            }
        }
        _ => not_in_editor(app),
    }
}

/// A key no binding claimed: typed into the text; Enter on a one-line reason submits.
pub(super) fn raw_key(app: &mut App, ids: &mut dyn IdSource, key: KeyEvent) -> Vec<Effect> {
    let today = app.today();
    let Some(Modal::Prompt(p)) = app.modal_mut() else {
        return Vec::new();
    };
    let single = matches!(
        p.form.focused().map(|f| &f.kind),
        Some(FieldKind::Line { .. })
    );
    if single && key.code == KeyCode::Enter {
        return submit(app, ids);
    }
    let outcome = form_key(&mut p.form, key, today);
    report(app, outcome);
    Vec::new()
}

pub(super) fn submit(app: &mut App, ids: &mut dyn IdSource) -> Vec<Effect> {
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
