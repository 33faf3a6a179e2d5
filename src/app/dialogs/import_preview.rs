//! The dry run of a student import, shown before anything is written: how the file was
//! read, what each row would do, and one key to carry it out in a single commit.

use crate::app::Action;
use crate::app::msg::Effect;
use crate::app::state::{App, Modal, StatusKind};
use crate::i18n::T;
use crate::import::{ImportPlan, RowPlan};

/// The preview over the student list.
#[derive(Clone, Debug)]
pub struct ImportPreview {
    /// The file's name, for the title.
    pub file: String,
    /// How the file was read: encoding, delimiter, rows.
    pub read: String,
    /// The columns skipped, then one line per row, worded in the user's language.
    pub lines: Vec<String>,
    /// "5 oprettes, 0 opdateres, …".
    pub summary: String,
    pub plan: ImportPlan,
    pub scroll: u16,
}

/// How a line of the preview is to be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A column that was not read.
    Note,
    Create,
    /// A new student with the same name as one in Fokus: worth a second look.
    CreateNamesake,
    Update,
    Unchanged,
    Rejected,
}

impl ImportPreview {
    /// How many students carrying out the plan would create or update.
    pub fn writes(&self) -> usize {
        let n = self.plan.counts();
        n.create + n.update
    }

    /// What kind each of [`ImportPreview::lines`] is.
    pub fn kinds(&self) -> impl Iterator<Item = LineKind> + '_ {
        let notes = std::iter::repeat_n(LineKind::Note, self.plan.notes.len());
        notes.chain(self.plan.rows.iter().map(|row| match row {
            RowPlan::Create { namesakes, .. } if !namesakes.is_empty() => LineKind::CreateNamesake,
            RowPlan::Create { .. } => LineKind::Create,
            RowPlan::Update { .. } => LineKind::Update,
            RowPlan::Unchanged { .. } => LineKind::Unchanged,
            RowPlan::Rejected { .. } => LineKind::Rejected,
        }))
    }
}

/// Scrolling, going ahead (Enter) or cancelling (Esc).
pub fn action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(Modal::ImportPreview(p)) = app.modal_mut() else {
        return Vec::new();
    };
    let last = u16::try_from(p.lines.len().saturating_sub(1)).unwrap_or(u16::MAX);
    p.scroll = match action {
        Action::Up => p.scroll.saturating_sub(1),
        Action::Down => p.scroll.saturating_add(1),
        Action::PageUp => p.scroll.saturating_sub(10),
        Action::PageDown => p.scroll.saturating_add(10),
        Action::Top => 0,
        Action::Bottom => last,
        Action::Open => return apply(app),
        Action::Cancel => {
            let nothing = p.writes() == 0;
            app.modals.pop();
            if !nothing {
                app.say(StatusKind::Info, app.t(T::ImpCancelled));
            }
            return Vec::new();
        }
        _ => p.scroll,
    }
    .min(last);
    Vec::new()
}

/// Carries out the import shown, or just closes the preview when it would write nothing.
pub fn apply(app: &mut App) -> Vec<Effect> {
    let Some(Modal::ImportPreview(p)) = app.modal() else {
        return Vec::new();
    };
    let plan = (p.writes() > 0).then(|| Box::new(p.plan.clone()));
    app.modals.pop();
    match plan {
        Some(plan) => vec![Effect::ApplyImport(plan)],
        None => Vec::new(),
    }
}
