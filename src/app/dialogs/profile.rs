//! Who is using Fokus: the dialog that asks for the user's name and role, at the first
//! start and whenever they want to change them.

use crossterm::event::{KeyCode, KeyEvent};

use super::keys::{form_key, report};
use crate::app::Action;
use crate::app::form::{Check, Choice, Field, FieldId, Form};
use crate::app::msg::Effect;
use crate::app::state::{App, Modal, StatusKind};
use crate::domain::actor::USER_ROLES;
use crate::domain::{Actor, Ctx, Role};
use crate::i18n::{self, T};

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

/// Opens the dialog on what Fokus knows about the user (nothing, at the first start).
pub fn open(app: &mut App) {
    if matches!(app.modal(), Some(Modal::Profile(_))) {
        return;
    }
    // One dialog at a time, on top: one left under an editor comes up again.
    let waiting = app
        .modals
        .iter()
        .position(|m| matches!(m, Modal::Profile(_)));
    let dialog = match waiting.map(|i| app.modals.remove(i)) {
        Some(Modal::Profile(d)) => d,
        _ => Box::new(ProfileDialog::new(&app.user)),
    };
    app.modals.push(Modal::Profile(dialog));
}

/// Who acts now, for a change about to be written; `None` (and the dialog asking for a
/// name) while Fokus does not know the user. What was typed stays in its editor.
pub(crate) fn ctx(app: &mut App) -> Option<Ctx> {
    if app.user.name.trim().is_empty() {
        open(app);
        app.say(StatusKind::Error, app.t(T::ProfileNeeded));
        return None;
    }
    Some(Ctx {
        now: app.now,
        by: app.user.clone(),
    })
}

fn dialog(app: &mut App) -> Option<&mut ProfileDialog> {
    match app.modal_mut() {
        Some(Modal::Profile(d)) => Some(d),
        _ => None,
    }
}

/// An action while the dialog is open.
pub(super) fn action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(d) = dialog(app) else {
        return Vec::new();
    };
    match action {
        Action::NextField | Action::Down => d.form.next(),
        Action::PrevField | Action::Up => d.form.prev(),
        Action::Toggle => {
            if let Some(f) = d.form.focused_mut() {
                f.toggle();
            }
        }
        Action::Save | Action::Open => return save(app),
        Action::Cancel | Action::Profile => {
            app.modals.pop();
        }
        _ => {}
    }
    Vec::new()
}

/// A key no binding claimed: typed into the name; Enter on the role saves.
pub(super) fn raw_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let today = app.today();
    let Some(d) = dialog(app) else {
        return Vec::new();
    };
    let last = d.form.focus + 1 == d.form.fields.len();
    if key.code == KeyCode::Enter && last {
        return save(app);
    }
    let outcome = form_key(&mut d.form, key, today);
    report(app, outcome);
    Vec::new()
}

fn save(app: &mut App) -> Vec<Effect> {
    let today = app.today();
    let Some(d) = dialog(app) else {
        return Vec::new();
    };
    match d.to_actor(today) {
        Ok(user) => vec![Effect::SaveUser(user)],
        Err(field) => {
            d.form.focus_on(field);
            app.say(StatusKind::Error, app.t(T::FixFieldFirst));
            Vec::new()
        }
    }
}

/// The name and role are kept (in the config file when it could be written).
pub fn saved(app: &mut App, user: crate::domain::Actor, result: Result<(), String>) {
    if matches!(app.modal(), Some(Modal::Profile(_))) {
        app.modals.pop();
    }
    let person = i18n::person(app.lang, &user);
    app.user = user;
    match result {
        Ok(()) => {
            let text = app.lang.fill(T::ProfileSaved, &[("person", &person)]);
            app.say(StatusKind::Success, text);
        }
        Err(e) => {
            let text = app.lang.fill(T::ProfileNotSaved, &[("error", &e)]);
            app.say(StatusKind::Error, text);
        }
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
