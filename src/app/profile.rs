//! Who is using Fokus: the dialog that asks for the user's name and role, at the first
//! start and whenever they want to change them.

use super::form::{Check, Choice, Field, FieldId, Form};
use crate::domain::actor::USER_ROLES;
use crate::domain::{Actor, Role};

/// Asking the user who they are.
#[derive(Clone, Debug)]
pub struct ProfileDialog {
    pub form: Form,
    /// The operating-system login, kept beside the name for auditing.
    pub login: String,
}

impl ProfileDialog {
    /// A form showing `user` (empty at the first start; education officer proposed, the
    /// role that writes type-1 minutes).
    pub fn new(user: &Actor) -> ProfileDialog {
        let role = user.role.unwrap_or(Role::EducationOfficer);
        ProfileDialog {
            form: Form::new(vec![
                Field::line(FieldId::UserName, &user.name, Check::Required),
                Field::choice(
                    FieldId::UserRole,
                    USER_ROLES.map(Choice::Role).to_vec(),
                    Choice::Role(role),
                ),
            ]),
            login: user.login.clone(),
        }
    }

    /// The person as typed, or the field to fix (its error set).
    pub fn to_actor(&mut self, today: chrono::NaiveDate) -> Result<Actor, FieldId> {
        if !self.form.validate(today) {
            return Err(FieldId::UserName);
        }
        let role = match self.form.choice(FieldId::UserRole) {
            Some(Choice::Role(r)) => r,
            _ => Role::EducationOfficer,
        };
        let name = self.form.text(FieldId::UserName).trim().to_string();
        Ok(Actor::new(name, role, self.login.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_required_and_the_role_is_chosen_among_the_users() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut d = ProfileDialog::new(&Actor {
            name: String::new(),
            role: None,
            login: "hkr".into(),
        });
        assert_eq!(d.to_actor(today), Err(FieldId::UserName));
        d.form
            .field_mut(FieldId::UserName)
            .unwrap()
            .set_text(" Hanne Krogh ");
        d.form.focus_on(FieldId::UserRole);
        d.form.focused_mut().unwrap().cycle(-1);
        assert_eq!(
            d.to_actor(today),
            Ok(Actor::new("Hanne Krogh", Role::Supervisor, "hkr"))
        );
    }
}
