//! The agreement list inside the conversation editor.

use super::not_in_editor;
use crate::app::Action;
use crate::app::editors::{AgreementEditor, ConversationEditor};
use crate::app::form::FieldId;
use crate::app::msg::Effect;
use crate::app::state::{App, StatusKind};
use crate::domain::AgreementStatus;
use crate::i18n::T;

pub(super) fn edit_selected_agreement(e: &mut ConversationEditor) {
    let Some(list) = e.agreement_list_mut() else {
        return;
    };
    if let Some(a) = list.items.get(list.selected).cloned() {
        let index = list.selected;
        e.agreement = Some(AgreementEditor::new(a, Some(index)));
    }
}

pub(super) fn cycle_agreement(e: &mut ConversationEditor, today: chrono::NaiveDate) {
    let Some(list) = e.agreement_list_mut() else {
        return;
    };
    if let Some(a) = list.items.get_mut(list.selected) {
        let i = AgreementStatus::ALL
            .iter()
            .position(|s| *s == a.status)
            .unwrap_or(0);
        a.status = AgreementStatus::ALL[(i + 1) % AgreementStatus::ALL.len()];
        e.dirty = true;
        e.refresh(today);
    }
}

pub(super) fn move_agreement(e: &mut ConversationEditor, delta: isize) {
    if let Some(list) = e.agreement_list_mut()
        && !list.items.is_empty()
    {
        let last = list.items.len() as isize - 1;
        list.selected = (list.selected as isize + delta).clamp(0, last) as usize;
    }
}

pub(super) fn agreement_action(
    app: &mut App,
    action: Action,
    today: chrono::NaiveDate,
) -> Vec<Effect> {
    let Some(e) = app.conversation_editor_mut() else {
        return Vec::new();
    };
    let Some(sub) = &mut e.agreement else {
        return Vec::new();
    };
    match action {
        Action::NextField | Action::Down => sub.form.next(),
        Action::PrevField | Action::Up => sub.form.prev(),
        Action::Toggle => {
            if let Some(f) = sub.form.focused_mut() {
                f.toggle();
            }
        }
        Action::Cancel => e.agreement = None,
        Action::Save => match sub.to_agreement(today) {
            Ok(a) => {
                let index = sub.index;
                e.agreement = None;
                if let Some(list) = e.agreement_list_mut() {
                    match index {
                        Some(i) if i < list.items.len() => list.items[i] = a,
                        _ => {
                            list.items.push(a);
                            list.selected = list.items.len() - 1;
                        }
                    }
                }
                e.dirty = true;
                e.form.focus_on(FieldId::Agreements);
                e.refresh(today);
            }
            Err(field) => {
                sub.form.focus_on(field);
                let text = app.t(T::FixFieldFirst);
                app.say(StatusKind::Error, text);
            }
        },
        _ => return not_in_editor(app),
    }
    Vec::new()
}

pub(super) fn delete_agreement(app: &mut App) -> Vec<Effect> {
    let today = app.today();
    let Some(e) = app.conversation_editor_mut() else {
        return Vec::new();
    };
    let id = e.id();
    let Some(list) = e.agreement_list_mut() else {
        return Vec::new();
    };
    let Some(a) = list.items.get(list.selected) else {
        return Vec::new();
    };
    if a.made_in != id {
        app.say(StatusKind::Info, app.t(T::EarlierAgreementNotDeleted));
        return Vec::new();
    }
    list.items.remove(list.selected);
    list.selected = list.selected.min(list.items.len().saturating_sub(1));
    e.dirty = true;
    e.refresh(today);
    Vec::new()
}
