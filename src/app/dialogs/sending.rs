//! Keys and actions in the distribution checklist.

use crossterm::event::{KeyCode, KeyEvent};

use super::open::loaded_case;
use super::submit::commit;
use crate::app::Action;
use crate::app::distribution::DistributionDialog;
use crate::app::msg::{AfterCommit, Effect};
use crate::app::state::{App, Modal, StatusKind};
use crate::domain::case;
use crate::domain::{ConversationId, ConversationState, IdSource};
use crate::i18n::T;

fn dialog(app: &App) -> Option<&DistributionDialog> {
    match app.modal() {
        Some(Modal::Distribution(d)) => Some(d),
        _ => None,
    }
}

fn dialog_mut(app: &mut App) -> Option<&mut DistributionDialog> {
    match app.modal_mut() {
        Some(Modal::Distribution(d)) => Some(d),
        _ => None,
    }
}

/// Opens the checklist of `conversation`, which must be finalized.
pub fn open(app: &mut App, conversation: ConversationId) {
    let finalized = app
        .case
        .as_ref()
        .and_then(|v| v.case.conversation(conversation))
        .is_some_and(|c| matches!(c.state, ConversationState::Finalized { .. }));
    if !finalized {
        app.say(StatusKind::Info, app.t(T::DistributionOnlyFinalized));
        return;
    }
    app.modals
        .push(Modal::Distribution(Box::new(DistributionDialog {
            conversation,
            selected: 0,
            next_workplace: None,
        })));
}

/// Ticks off (or un-ticks) the selected recipient.
fn toggle(app: &mut App, ids: &mut dyn IdSource) -> Vec<Effect> {
    let Some(ctx) = super::profile::ctx(app) else {
        return Vec::new();
    };
    let Some(case) = loaded_case(app) else {
        return Vec::new();
    };
    let Some(d) = dialog(app) else {
        return Vec::new();
    };
    let rows = d.rows(&case, &app.address_book);
    let Some(row) = rows.get(d.selected) else {
        return Vec::new();
    };
    let sent_to = (!row.to.is_empty() || !row.address.is_empty())
        .then_some((row.to.as_str(), row.address.as_str()));
    match case::mark_sent(
        &case,
        d.conversation,
        row.recipient,
        sent_to,
        row.sent.is_none(),
        &ctx,
        ids,
    ) {
        Ok(change) if change.is_empty() => Vec::new(),
        Ok(change) => commit(change, &case, AfterCommit::DistributionMarked),
        Err(_) => {
            app.say(StatusKind::Info, app.t(T::DistributionOnlyFinalized));
            Vec::new()
        }
    }
}

/// Puts the recipients' addresses of the checklist on the clipboard and shows them.
fn copy(app: &mut App) {
    if let Some(id) = dialog(app).map(|d| d.conversation) {
        copy_for(app, id);
    }
}

/// Puts the addresses of the recipients of `conversation`'s minutes on the clipboard
/// (OSC 52, where the terminal allows it) and shows them for copying by hand.
pub fn copy_for(app: &mut App, conversation: ConversationId) {
    let Some(case) = loaded_case(app) else {
        return;
    };
    let next_workplace = dialog(app)
        .filter(|d| d.conversation == conversation)
        .and_then(|d| d.next_workplace);
    let d = DistributionDialog {
        conversation,
        selected: 0,
        next_workplace,
    };
    let addresses = d.addresses(&case, &app.address_book);
    if addresses.is_empty() {
        app.say(StatusKind::Info, app.t(T::NoAddresses));
        return;
    }
    let list = addresses.join("; ");
    app.clipboard = Some(list.clone());
    app.modals.push(Modal::Message {
        title: app.t(T::RecipientsCopiedTitle).to_string(),
        lines: vec![app.t(T::RecipientsCopied).to_string(), String::new(), list],
    });
}

/// An action while the checklist is open.
pub(super) fn action(app: &mut App, ids: &mut dyn IdSource, action: Action) -> Vec<Effect> {
    let book = app.address_book.clone();
    let rows = match (loaded_case(app), dialog(app)) {
        (Some(case), Some(d)) => d.rows(&case, &book).len(),
        _ => 0,
    };
    match action {
        Action::Up => {
            if let Some(d) = dialog_mut(app) {
                d.selected = d.selected.saturating_sub(1);
            }
        }
        Action::Down => {
            if let Some(d) = dialog_mut(app) {
                d.selected = (d.selected + 1).min(rows.saturating_sub(1));
            }
        }
        Action::Open | Action::Toggle => return toggle(app, ids),
        Action::CopyRecipients => copy(app),
        Action::ExportMinutes => {
            if let (Some(case), Some(d)) = (loaded_case(app), dialog(app)) {
                return vec![Effect::ExportMinutes {
                    student: case.id(),
                    conversation: d.conversation,
                }];
            }
        }
        Action::Cancel | Action::Distribution => {
            app.modals.pop();
        }
        _ => app.say(StatusKind::Info, app.t(T::NotAvailableHere)),
    }
    Vec::new()
}

/// A key no binding claimed while the checklist is open: Space ticks, the arrows choose
/// the next workplace.
pub(super) fn raw_key(app: &mut App, ids: &mut dyn IdSource, key: KeyEvent) -> Vec<Effect> {
    let book = app.address_book.clone();
    let on_next_workplace = match (loaded_case(app), dialog(app)) {
        (Some(case), Some(d)) => d
            .rows(&case, &book)
            .get(d.selected)
            .is_some_and(|r| r.recipient == crate::domain::rules::Recipient::NextWorkplace),
        _ => false,
    };
    match key.code {
        KeyCode::Char(' ') => return toggle(app, ids),
        KeyCode::Left | KeyCode::Right if on_next_workplace => {
            let step = if key.code == KeyCode::Left { -1 } else { 1 };
            if let Some(d) = dialog_mut(app) {
                d.cycle_next_workplace(&book, step);
            }
        }
        _ => {}
    }
    Vec::new()
}
