//! The address book dialog: organisations and their secure-mail addresses, listed, edited,
//! added and removed.

use crossterm::event::{KeyCode, KeyEvent};

use crate::app::Action;
use crate::app::form::{Check, Choice, Field, FieldError, FieldId, FieldOutcome, Form};
use crate::app::msg::Effect;
use crate::app::state::{App, Modal, StatusKind};
use crate::domain::organisation::plausible_mail;
use crate::domain::{IdSource, OrgId, OrgKind, Organisation};
use crate::i18n::T;

/// The address book over the panes.
#[derive(Clone, Debug, Default)]
pub struct AddressBookDialog {
    pub selected: usize,
    /// The organisation being edited or added.
    pub editing: Option<OrgEditor>,
    /// An organisation waiting for "delete it?" to be answered.
    pub confirm_delete: Option<OrgId>,
}

/// Editing one organisation.
#[derive(Clone, Debug)]
pub struct OrgEditor {
    pub id: OrgId,
    pub is_new: bool,
    pub form: Form,
}

impl OrgEditor {
    /// A form for `org`.
    pub fn edit(org: &Organisation, is_new: bool) -> OrgEditor {
        OrgEditor {
            id: org.id,
            is_new,
            form: Form::new(vec![
                Field::line(FieldId::OrgName, &org.name, Check::Required),
                Field::choice(
                    FieldId::OrgKind,
                    OrgKind::ALL.map(Choice::OrgKind).to_vec(),
                    Choice::OrgKind(org.kind),
                ),
                Field::line(FieldId::OrgMail, &org.secure_mail, Check::Free),
            ]),
        }
    }

    /// A blank organisation with id `id`.
    pub fn blank(id: OrgId) -> OrgEditor {
        OrgEditor::edit(
            &Organisation {
                id,
                name: String::new(),
                kind: OrgKind::Workplace,
                secure_mail: String::new(),
            },
            true,
        )
    }

    /// The organisation as typed, or the first field not accepted (its error set).
    pub fn to_organisation(&mut self, today: chrono::NaiveDate) -> Result<Organisation, FieldId> {
        if !self.form.validate(today) {
            return Err(self.form.first_error().map_or(FieldId::OrgName, |f| f.id));
        }
        let mail = self.form.text(FieldId::OrgMail).trim().to_string();
        if !plausible_mail(&mail) {
            if let Some(f) = self.form.field_mut(FieldId::OrgMail) {
                f.error = Some(FieldError::Mail);
            }
            return Err(FieldId::OrgMail);
        }
        Ok(Organisation {
            id: self.id,
            name: self.form.text(FieldId::OrgName).trim().to_string(),
            kind: match self.form.choice(FieldId::OrgKind) {
                Some(Choice::OrgKind(k)) => k,
                _ => OrgKind::Other,
            },
            secure_mail: mail,
        })
    }
}

fn dialog(app: &mut App) -> Option<&mut AddressBookDialog> {
    match app.modal_mut() {
        Some(Modal::AddressBook(b)) => Some(b),
        _ => None,
    }
}

/// Opens the address book.
pub fn open(app: &mut App) {
    app.modals.push(Modal::AddressBook(Box::default()));
}

/// An action while the address book is open.
pub(super) fn action(app: &mut App, ids: &mut dyn IdSource, action: Action) -> Vec<Effect> {
    let count = app.address_book.len();
    let Some(b) = dialog(app) else {
        return Vec::new();
    };
    if let Some(e) = &mut b.editing {
        match action {
            Action::NextField | Action::Down => e.form.next(),
            Action::PrevField | Action::Up => e.form.prev(),
            Action::Toggle => {
                if let Some(f) = e.form.focused_mut() {
                    f.toggle();
                }
            }
            Action::Cancel => b.editing = None,
            Action::Save => return save(app),
            _ => {}
        }
        return Vec::new();
    }
    if b.confirm_delete.is_some() {
        match action {
            Action::Cancel => b.confirm_delete = None,
            Action::Open | Action::Save => return confirm_delete(app),
            _ => {}
        }
        return Vec::new();
    }
    match action {
        Action::Up => b.selected = b.selected.saturating_sub(1),
        Action::Down => b.selected = (b.selected + 1).min(count.saturating_sub(1)),
        Action::Top => b.selected = 0,
        Action::Bottom => b.selected = count.saturating_sub(1),
        Action::Open => edit_selected(app),
        Action::AddAgreement | Action::NewStudent => add(app, ids),
        Action::Delete => ask_delete(app),
        Action::Cancel | Action::AddressBook => {
            app.modals.pop();
        }
        _ => {}
    }
    Vec::new()
}

/// Saves the organisation being edited. The form stays open until the save is on disk,
/// so a failed save loses nothing typed.
pub(super) fn save(app: &mut App) -> Vec<Effect> {
    let today = app.today();
    let Some(e) = dialog(app).and_then(|b| b.editing.as_mut()) else {
        return Vec::new();
    };
    match e.to_organisation(today) {
        Ok(org) => vec![Effect::SaveOrganisation(org)],
        Err(field) => {
            e.form.focus_on(field);
            app.say(StatusKind::Error, app.t(T::FixFieldFirst));
            Vec::new()
        }
    }
}

fn edit_selected(app: &mut App) {
    let org = app
        .modal()
        .and_then(|m| match m {
            Modal::AddressBook(b) => app.address_book.get(b.selected),
            _ => None,
        })
        .cloned();
    if let (Some(org), Some(b)) = (org, dialog(app)) {
        b.editing = Some(OrgEditor::edit(&org, false));
    }
}

fn add(app: &mut App, ids: &mut dyn IdSource) {
    let id = OrgId(ids.next_id());
    if let Some(b) = dialog(app) {
        b.editing = Some(OrgEditor::blank(id));
    }
}

fn ask_delete(app: &mut App) {
    let id = app
        .modal()
        .and_then(|m| match m {
            Modal::AddressBook(b) => app.address_book.get(b.selected),
            _ => None,
        })
        .map(|o| o.id);
    if let (Some(id), Some(b)) = (id, dialog(app)) {
        b.confirm_delete = Some(id);
    }
}

fn confirm_delete(app: &mut App) -> Vec<Effect> {
    let Some(b) = dialog(app) else {
        return Vec::new();
    };
    match b.confirm_delete.take() {
        Some(id) => vec![Effect::RemoveOrganisation(id)],
        None => Vec::new(),
    }
}

/// A key no binding claimed while the address book is open.
pub(super) fn raw_key(app: &mut App, ids: &mut dyn IdSource, key: KeyEvent) -> Vec<Effect> {
    let today = app.today();
    let Some(b) = dialog(app) else {
        return Vec::new();
    };
    if let Some(e) = &mut b.editing {
        if let Some(field) = e.form.focused_mut() {
            let outcome = field.key(key);
            field.validate(today);
            if outcome == FieldOutcome::Next {
                e.form.next();
            }
        }
        return Vec::new();
    }
    if b.confirm_delete.is_some() {
        return match key.code {
            KeyCode::Enter | KeyCode::Char('j' | 'y') => confirm_delete(app),
            _ => {
                b.confirm_delete = None;
                Vec::new()
            }
        };
    }
    match key.code {
        KeyCode::Enter => edit_selected(app),
        KeyCode::Char('n') => add(app, ids),
        KeyCode::Delete | KeyCode::Char('d') => ask_delete(app),
        _ => {}
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organisation_needs_a_name_and_a_plausible_address() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut e = OrgEditor::blank(OrgId(5));
        assert_eq!(e.to_organisation(today), Err(FieldId::OrgName));
        e.form
            .field_mut(FieldId::OrgName)
            .unwrap()
            .set_text("Plejecenter Solbakken");
        e.form
            .field_mut(FieldId::OrgMail)
            .unwrap()
            .set_text("solbakken varde.dk");
        assert_eq!(e.to_organisation(today), Err(FieldId::OrgMail));
        assert_eq!(
            e.form.field(FieldId::OrgMail).unwrap().error,
            Some(FieldError::Mail)
        );
        e.form
            .field_mut(FieldId::OrgMail)
            .unwrap()
            .set_text("solbakken@varde.dk");
        let org = e.to_organisation(today).unwrap();
        assert_eq!(org.secure_mail, "solbakken@varde.dk");
        assert_eq!(org.kind, OrgKind::Workplace);
    }
}
