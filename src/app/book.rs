//! The address book dialog: organisations and their secure-mail addresses, listed, edited,
//! added and removed.

use super::form::{Check, Choice, Field, FieldError, FieldId, Form};
use crate::domain::organisation::plausible_mail;
use crate::domain::{OrgId, OrgKind, Organisation};

/// The address book over the panes.
#[derive(Clone, Debug, Default)]
pub struct BookDialog {
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
