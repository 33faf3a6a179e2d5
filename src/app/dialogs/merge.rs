//! Merging with a colleague's save: when someone else saved the same fields of a case
//! first, the user sees both values of each field and keeps theirs or their own, field
//! by field. Everything else both changed is merged already.

use crate::app::Action;
use crate::app::msg::{AfterCommit, Effect};
use crate::app::state::{App, Modal};
use crate::store::Conflict;
use crate::store::merge::Clash;
use crossterm::event::{KeyCode, KeyEvent};

/// The fields both changed, and which value the user keeps of each.
#[derive(Clone, Debug, PartialEq)]
pub struct MergeDialog {
    pub conflict: Box<Conflict>,
    /// Per clash: keep theirs (true) or the user's own (false, the default).
    pub keep_theirs: Vec<bool>,
    pub selected: usize,
    /// What the refused save was to lead to.
    pub then: AfterCommit,
}

impl MergeDialog {
    pub fn new(conflict: Box<Conflict>, then: AfterCommit) -> MergeDialog {
        MergeDialog {
            keep_theirs: vec![false; conflict.clashes.len()],
            conflict,
            selected: 0,
            then,
        }
    }

    /// The clash in focus.
    pub fn clash(&self) -> Option<&Clash> {
        self.conflict.clashes.get(self.selected)
    }
}

/// Opens the dialog over the editor whose save was refused.
pub fn open(app: &mut App, conflict: Box<Conflict>, then: AfterCommit) {
    app.quit_after_save = false;
    if let Some(Modal::Merge(_)) = app.modal() {
        app.modals.pop();
    }
    app.modals
        .push(Modal::Merge(Box::new(MergeDialog::new(conflict, then))));
}

/// An action while the dialog is open.
pub(super) fn action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(Modal::Merge(d)) = app.modal_mut() else {
        return Vec::new();
    };
    let n = d.keep_theirs.len().max(1);
    match action {
        Action::Up | Action::PrevField => d.selected = (d.selected + n - 1) % n,
        Action::Down | Action::NextField => d.selected = (d.selected + 1) % n,
        Action::Toggle => flip(d),
        Action::Open | Action::Save => return save(app),
        Action::Cancel => {
            // Back to the editor, its text as typed; saving again asks again.
            app.modals.pop();
        }
        _ => {}
    }
    Vec::new()
}

/// A key no binding claimed: ← keeps theirs, → keeps the user's own, Space switches.
pub(super) fn raw_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(Modal::Merge(d)) = app.modal_mut() else {
        return Vec::new();
    };
    let i = d.selected;
    match key.code {
        KeyCode::Left => set(d, i, true),
        KeyCode::Right => set(d, i, false),
        KeyCode::Char(' ') => flip(d),
        KeyCode::Enter => return save(app),
        _ => {}
    }
    Vec::new()
}

fn set(d: &mut MergeDialog, i: usize, theirs: bool) {
    if let Some(k) = d.keep_theirs.get_mut(i) {
        *k = theirs;
    }
}

fn flip(d: &mut MergeDialog) {
    let i = d.selected;
    if let Some(k) = d.keep_theirs.get_mut(i) {
        *k = !*k;
    }
}

/// Saves both versions merged as chosen.
fn save(app: &mut App) -> Vec<Effect> {
    let Some(Modal::Merge(d)) = app.modal() else {
        return Vec::new();
    };
    // The editor under the dialog holds the user's text, not the merged case: it closes
    // once the merge is saved, and the case shows as saved.
    let then = match d.then {
        AfterCommit::ConversationSaved { id, .. } => {
            AfterCommit::ConversationSaved { id, close: true }
        }
        other => other,
    };
    vec![Effect::SaveMerged {
        conflict: d.conflict.clone(),
        keep_theirs: d.keep_theirs.clone(),
        then,
    }]
}
