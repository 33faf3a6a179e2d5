//! Agreements: adding or editing one inside the conversation editor, the editor's list of
//! them, and closing one outside a conversation. From its reminder or from the student's
//! agreements panel the user says whether it was met, and that goes on the agreement and
//! the timeline (the reminder goes with the open agreement).

use chrono::NaiveDate;

use super::conversation::ConversationEditor;
use super::{commit, loaded_case, not_in_editor};
use crate::app::Action;
use crate::app::dialogs::confirm::{Confirm, ConfirmKind};
use crate::app::form::{Check, Choice, Field, FieldError, FieldId, Form};
use crate::app::msg::{AfterCommit, Effect};
use crate::app::state::{App, Modal, StatusKind};
use crate::domain::case;
use crate::domain::dates::format_date;
use crate::domain::{
    Agreement, AgreementId, AgreementOwner, AgreementStatus, ConversationId, IdSource, StudentId,
};
use crate::i18n::{self, T};

/// Adding or editing one agreement inside the conversation editor.
#[derive(Clone, Debug)]
pub struct AgreementEditor {
    /// The agreement as it was; its id, student and conversation links are kept.
    pub base: Agreement,
    /// Position in the editor's list; `None` for a new agreement.
    pub index: Option<usize>,
    pub form: Form,
}

impl AgreementEditor {
    /// A form for `agreement`.
    pub fn new(agreement: Agreement, index: Option<usize>) -> AgreementEditor {
        let a = &agreement;
        let form = Form::new(vec![
            Field::multi(FieldId::AgreementText, &a.text),
            Field::choice(
                FieldId::AgreementOwner,
                AgreementOwner::ALL.map(Choice::Owner).to_vec(),
                Choice::Owner(a.owner),
            ),
            Field::line(FieldId::AgreementOwnerName, &a.owner_name, Check::Free),
            Field::line(
                FieldId::AgreementDue,
                &a.due.map(format_date).unwrap_or_default(),
                Check::Date { required: false },
            ),
            Field::choice(
                FieldId::AgreementStatus,
                AgreementStatus::ALL.map(Choice::AgreementStatus).to_vec(),
                Choice::AgreementStatus(a.status),
            ),
        ]);
        AgreementEditor {
            base: agreement,
            index,
            form,
        }
    }

    /// A blank agreement made at `conversation`.
    pub fn blank(
        id: AgreementId,
        student: StudentId,
        conversation: ConversationId,
    ) -> AgreementEditor {
        AgreementEditor::new(
            Agreement {
                id,
                student,
                text: String::new(),
                owner: AgreementOwner::Student,
                owner_name: String::new(),
                due: None,
                status: AgreementStatus::Open,
                made_in: conversation,
                reviewed_in: None,
            },
            None,
        )
    }

    /// The agreement as typed, or the first field not accepted.
    pub fn to_agreement(&mut self, today: NaiveDate) -> Result<Agreement, FieldId> {
        if !self.form.validate(today) {
            return Err(self
                .form
                .first_error()
                .map_or(FieldId::AgreementText, |f| f.id));
        }
        let text = self.form.text(FieldId::AgreementText).trim().to_string();
        if text.is_empty() {
            if let Some(f) = self.form.field_mut(FieldId::AgreementText) {
                f.error = Some(FieldError::Required);
            }
            return Err(FieldId::AgreementText);
        }
        let mut a = self.base.clone();
        a.text = text;
        if let Some(Choice::Owner(o)) = self.form.choice(FieldId::AgreementOwner) {
            a.owner = o;
        }
        a.owner_name = self
            .form
            .text(FieldId::AgreementOwnerName)
            .trim()
            .to_string();
        a.due = self.form.date(FieldId::AgreementDue, today);
        if let Some(Choice::AgreementStatus(s)) = self.form.choice(FieldId::AgreementStatus) {
            a.status = s;
        }
        Ok(a)
    }
}

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

/// Asks whether `agreement` of `student` was met; loads the student's case first when
/// another one is open.
pub fn ask_resolution(app: &mut App, student: StudentId, agreement: AgreementId) -> Vec<Effect> {
    app.modals.push(Modal::Confirm(Confirm {
        kind: ConfirmKind::ResolveAgreement { student, agreement },
        selected: 0,
    }));
    if app.case.as_ref().is_some_and(|v| v.case.id() == student) {
        Vec::new()
    } else {
        vec![Effect::LoadCase(student)]
    }
}

/// The answer: met or not met is recorded; anything else goes back.
pub(super) fn resolution_answer(app: &mut App, ids: &mut dyn IdSource, c: Confirm) -> Vec<Effect> {
    let ConfirmKind::ResolveAgreement { student, agreement } = c.kind else {
        return Vec::new();
    };
    let status = match c.kind.options().get(c.selected) {
        Some(T::AgreementMet) => AgreementStatus::Met,
        Some(T::AgreementNotMet) => AgreementStatus::NotMet,
        _ => return Vec::new(),
    };
    let Some(context) = super::profile::ctx(app) else {
        return Vec::new();
    };
    let Some(case) = loaded_case(app).filter(|c| c.id() == student) else {
        app.say(StatusKind::Error, app.t(T::AgreementGone));
        return Vec::new();
    };
    match case::resolve_agreement(&case, agreement, status, &context, ids) {
        Ok(change) if change.is_empty() => {
            app.say(StatusKind::Info, app.t(T::NothingChanged));
            Vec::new()
        }
        Ok(change) => commit(change, &case, AfterCommit::AgreementResolved { status }),
        Err(e) => {
            app.say(StatusKind::Error, i18n::save_error(app.lang, &e));
            Vec::new()
        }
    }
}

/// What the question says about the agreement.
pub fn resolution_question(app: &App, student: StudentId, agreement: AgreementId) -> Vec<String> {
    let lang = app.lang;
    let found = app
        .case
        .as_ref()
        .filter(|v| v.case.id() == student)
        .and_then(|v| v.case.agreements.iter().find(|a| a.id == agreement));
    let Some(a) = found else {
        return vec![lang.t(T::AgreementGone).to_string()];
    };
    let owner = i18n::agreement_owner(lang, a);
    let mut lines = vec![lang.fill(
        T::ResolveWhat,
        &[
            ("text", a.text.lines().next().unwrap_or("")),
            ("owner", &owner),
            ("due", &i18n::date_or_dash(a.due)),
        ],
    )];
    if a.status != AgreementStatus::Open {
        lines.push(lang.fill(
            T::ResolveAlready,
            &[("status", i18n::agreement_status(lang, a.status))],
        ));
    }
    lines.push(lang.t(T::ResolveWhere).to_string());
    lines
}
