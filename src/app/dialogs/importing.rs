//! Keys over the dry run of a student import.

use crate::app::Action;
use crate::app::msg::Effect;
use crate::app::state::{App, Modal, StatusKind};
use crate::i18n::T;

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
