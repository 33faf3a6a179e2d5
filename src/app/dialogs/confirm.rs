//! Questions with a few answers: closing an editor with unsaved changes, restoring or
//! discarding a recovered draft, finalizing minutes, whether an agreement was met.

use crate::app::Action;
use crate::app::msg::Effect;
use crate::app::state::{App, Modal, StatusKind};
use crate::domain::IdSource;
use crate::i18n::T;

/// A question with a few answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirm {
    pub kind: ConfirmKind,
    pub selected: usize,
}

/// What is being confirmed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfirmKind {
    /// Closing an editor with unsaved changes: save, discard or go back.
    CloseEditor { then_quit: bool },
    /// Text from an earlier session was found in the draft journal: restore or discard.
    Recover,
    /// Discarding that text: asked once more.
    DiscardDraft,
    /// Finalizing the minutes in the editor below: locking them is for good.
    Finalize,
    /// Whether an agreement was met, asked from its reminder or the agreements panel.
    ResolveAgreement {
        student: crate::domain::StudentId,
        agreement: crate::domain::AgreementId,
    },
}

impl ConfirmKind {
    /// The answers offered, first is the default.
    pub fn options(self) -> &'static [T] {
        match self {
            ConfirmKind::CloseEditor { .. } => &[T::AnswerSave, T::AnswerDiscard, T::AnswerBack],
            ConfirmKind::Recover => &[T::RecoverRestore, T::RecoverDiscard],
            ConfirmKind::DiscardDraft => &[T::DiscardKeep, T::DiscardYes],
            ConfirmKind::Finalize => &[T::FinalizeNo, T::FinalizeYes],
            ConfirmKind::ResolveAgreement { .. } => {
                &[T::AgreementMet, T::AgreementNotMet, T::AnswerBackShort]
            }
        }
    }
}

/// An action while a question is open.
pub(super) fn action(app: &mut App, ids: &mut dyn IdSource, action: Action) -> Vec<Effect> {
    let Some(Modal::Confirm(c)) = app.modal_mut() else {
        return Vec::new();
    };
    let n = c.kind.options().len();
    match action {
        Action::Up | Action::PrevField => c.selected = (c.selected + n - 1) % n,
        Action::Down | Action::NextField => c.selected = (c.selected + 1) % n,
        Action::Cancel if c.kind == ConfirmKind::Recover => {
            // Nothing found in the journal is dropped without a choice.
            app.say(StatusKind::Info, app.t(T::RecoverChoose));
        }
        Action::Cancel => {
            app.modals.pop();
        }
        Action::Open | Action::Save => return answer(app, ids),
        _ => {}
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
        _ => crate::app::draft::restore_draft(app),
    }
}

/// The answer chosen: carried out, and the question closed.
pub(super) fn answer(app: &mut App, ids: &mut dyn IdSource) -> Vec<Effect> {
    let Some(Modal::Confirm(c)) = app.modals.pop() else {
        return Vec::new();
    };
    let then_quit = match c.kind {
        ConfirmKind::CloseEditor { then_quit } => then_quit,
        ConfirmKind::Recover | ConfirmKind::DiscardDraft => {
            return recovery_answer(app, c);
        }
        ConfirmKind::ResolveAgreement { .. } => {
            return super::agreement::resolution_answer(app, ids, c);
        }
        ConfirmKind::Finalize => {
            // Only an explicit yes locks; anything else goes back to the minutes.
            return match c.kind.options().get(c.selected) {
                Some(T::FinalizeYes) => super::conversation::finalize(app, ids),
                _ => Vec::new(),
            };
        }
    };
    match c.kind.options().get(c.selected) {
        Some(T::AnswerSave) => {
            app.status = None;
            let effects = match app.modal() {
                Some(Modal::Student(_)) => super::student::save(app, ids),
                Some(Modal::Conversation(_)) => super::conversation::save(app, ids, true),
                Some(Modal::Prompt(_)) => super::prompt::submit(app, ids),
                Some(Modal::AddressBook(_)) => super::address_book::save(app),
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
