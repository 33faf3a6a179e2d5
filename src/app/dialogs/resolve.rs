//! Closing an agreement outside a conversation: from its reminder or from the student's
//! agreements panel, the user says whether it was met, and that goes on the agreement and
//! the timeline (the reminder goes with the open agreement).

use super::open::loaded_case;
use super::submit::commit;
use crate::app::msg::{AfterCommit, Effect};
use crate::app::state::{App, Confirm, ConfirmKind, Modal, StatusKind};
use crate::domain::case;
use crate::domain::{AgreementId, AgreementStatus, IdSource, StudentId};
use crate::i18n::{self, T};

/// Asks whether `agreement` of `student` was met; loads the student's case first when
/// another one is open.
pub fn ask(app: &mut App, student: StudentId, agreement: AgreementId) -> Vec<Effect> {
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
pub(super) fn answer(app: &mut App, ids: &mut dyn IdSource, c: Confirm) -> Vec<Effect> {
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
pub fn question(app: &App, student: StudentId, agreement: AgreementId) -> Vec<String> {
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
