//! Keys and actions in the dialog that asks who is using Fokus.

use crossterm::event::{KeyCode, KeyEvent};

use super::keys::{form_key, report};
use crate::app::Action;
use crate::app::msg::Effect;
use crate::app::profile::ProfileDialog;
use crate::app::state::{App, Modal, StatusKind};
use crate::domain::Ctx;
use crate::i18n::{self, T};

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
