//! `update`: the one function that changes the application state. It takes a message,
//! changes `App` and returns the effects to carry out; it never touches the terminal,
//! the database or the clock, so it can be driven from tests.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::dialogs;
use super::form::{FieldKind, is_line_feed};
use super::msg::{AfterCommit, Effect, Msg};
use super::panes;
use super::state::{App, CaseView, Modal, StatusKind};
use crate::app::Action;
use crate::domain::{IdSource, StudentSummary};
use crate::i18n::T;
use crate::keymap::{Context, KeyPress, Keymap, Resolution};

/// How many of the files an erasure left its dialog lists; the receipt has them all.
const ERASED_LEFT_SHOWN: usize = 3;

/// Applies `msg` to `app` and returns the effects to run.
pub fn update(app: &mut App, keymap: &Keymap, ids: &mut dyn IdSource, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => on_key(app, keymap, ids, key),
        Msg::Typed(keys) => typed(app, keymap, ids, keys),
        Msg::Paste(text) => dialogs::paste(app, &text),
        Msg::CaseLoaded(Ok(case)) => {
            let id = case.id();
            app.case = Some(match app.case.as_ref().filter(|v| v.case.id() == id) {
                Some(view) => view.updated(*case),
                None => CaseView::new(*case),
            });
            if let Some(draft) = app.restore_after_load.take_if(|d| d.student == id) {
                super::draft::finish_restore(app, &draft);
            }
            Vec::new()
        }
        Msg::DraftDiscarded(Ok(())) => {
            app.say(StatusKind::Info, app.t(T::RecoverDiscarded));
            Vec::new()
        }
        Msg::DraftDiscarded(Err(e)) | Msg::Exported(Err(e)) => {
            app.say(StatusKind::Error, e);
            Vec::new()
        }
        Msg::AddressBook(Err(e)) => {
            app.quit_after_save = false;
            let text = app.lang.fill(T::SaveFailed, &[("error", &e)]);
            app.say(StatusKind::Error, text);
            Vec::new()
        }
        Msg::AddressBook(Ok((book, changed))) => {
            app.address_book = book;
            let last = app.address_book.len().saturating_sub(1);
            let at = changed.and_then(|id| app.address_book.iter().position(|o| o.id == id));
            if let Some(Modal::AddressBook(b)) = app.modal_mut() {
                b.editing = None;
                b.selected = at.unwrap_or(b.selected).min(last);
            }
            app.say(StatusKind::Success, app.t(T::SavedAddressBook));
            if app.quit_after_save {
                app.quit = true;
            }
            Vec::new()
        }
        Msg::Exported(Ok(done)) => {
            let list: Vec<String> = done.paths.iter().map(|p| p.display().to_string()).collect();
            let key = if done.unchanged {
                T::ExportedUnchangedTitle
            } else {
                T::ExportedTitle
            };
            let title = app.t(key).to_string();
            // The files are listed; "writing the files …" is over.
            app.status = None;
            app.modals.push(Modal::Message { title, lines: list });
            Vec::new()
        }
        Msg::ImportPlanned(Ok(preview)) => {
            if let Some(Modal::Prompt(p)) = app.modal()
                && p.kind == super::dialogs::prompt::PromptKind::ImportFile
            {
                app.modals.pop();
            }
            app.status = None;
            app.modals.push(Modal::ImportPreview(preview));
            Vec::new()
        }
        Msg::ImportPlanned(Err(e)) => {
            app.say(StatusKind::Error, e);
            Vec::new()
        }
        Msg::Imported {
            written,
            error,
            total,
            rejected,
        } => imported(app, written, error, total, rejected),
        Msg::UserSaved { user, result } => {
            dialogs::profile::saved(app, user, result);
            Vec::new()
        }
        Msg::Erased { student, result } => match result {
            Ok(erasure) => {
                app.students.remove(student);
                if app.case.as_ref().is_some_and(|v| v.case.id() == student) {
                    app.case = None;
                }
                // A draft of theirs waiting to be restored was erased with them.
                if app
                    .recovered
                    .as_ref()
                    .is_some_and(|d| d.students().contains(&student))
                {
                    app.recovered = None;
                    app.recovered_is_older = false;
                }
                if app
                    .restore_after_load
                    .as_ref()
                    .is_some_and(|d| d.students().contains(&student))
                {
                    app.restore_after_load = None;
                }
                app.modals.clear();
                app.pane = super::state::Pane::Students;
                let detail = crate::privacy::erase::Detail::Screen {
                    left: ERASED_LEFT_SHOWN,
                };
                let mut lines = crate::privacy::erase::describe(&erasure, app.lang, detail);
                let headline = lines.remove(0);
                app.say(StatusKind::Success, headline.clone());
                if !lines.is_empty() {
                    lines.insert(0, headline);
                    app.modals.push(Modal::Message {
                        title: app.t(T::ErasedTitle).to_string(),
                        lines,
                    });
                }
                let mut effects = vec![Effect::LoadReminders];
                effects.extend(super::panes::load_selected(app));
                effects
            }
            Err(e) => {
                let text = app.lang.fill(T::SaveFailed, &[("error", &e)]);
                app.say(StatusKind::Error, text);
                Vec::new()
            }
        },
        Msg::CaseLoaded(Err(e)) | Msg::Reminders(Err(e)) => {
            app.say(StatusKind::Error, e);
            Vec::new()
        }
        Msg::Students(Ok(all)) => {
            app.students.loaded(*all);
            let mut effects = Vec::new();
            if app.restore_when_loaded {
                app.restore_when_loaded = false;
                effects.extend(super::draft::restore_draft(app));
            }
            // As at a start with the students at hand: the first one's case is loaded.
            if app.case.is_none() && app.restore_after_load.is_none() {
                effects.extend(initial_effects(app));
            }
            effects
        }
        Msg::Students(Err(e)) => {
            app.students.loading = false;
            app.say(StatusKind::Error, e);
            Vec::new()
        }
        Msg::Reminders(Ok(page)) => {
            app.reminders = page.shown;
            app.more_reminders = page.more;
            app.reminder_selected = app
                .reminder_selected
                .min(app.reminders.len().saturating_sub(1));
            Vec::new()
        }
        Msg::Marked {
            result,
            confirmation,
        } => match result {
            Ok(()) => {
                app.say(StatusKind::Success, confirmation);
                vec![Effect::LoadReminders]
            }
            Err(e) => {
                app.say(StatusKind::Error, e);
                Vec::new()
            }
        },
        Msg::Committed {
            result,
            after,
            then,
        } => match result {
            Ok(()) => {
                let effects = committed(app, *after, then);
                if app.quit_after_save {
                    app.quit = true;
                }
                effects
            }
            Err(e) => {
                // A failed save must not pass unnoticed on the status line: it opens a
                // message saying what happened, that nothing typed is lost, and what to do.
                app.quit_after_save = false;
                let title = app.t(T::SaveFailedTitle).to_string();
                let lines = vec![
                    app.lang.fill(T::SaveFailedWhy, &[("error", &e)]),
                    app.t(T::SaveFailedKept).to_string(),
                    app.t(T::SaveFailedWhat).to_string(),
                ];
                app.modals.push(Modal::Message { title, lines });
                Vec::new()
            }
        },
    }
}

/// The keymap context and whether a text field has the keyboard.
pub fn input_context(app: &App) -> (Context, bool) {
    context_of(app, app.modal())
}

/// The keymap context when `modal` is the top modal.
pub fn context_of(app: &App, modal: Option<&Modal>) -> (Context, bool) {
    match modal {
        None => match app.pane {
            super::state::Pane::Reminders => (Context::Reminders, false),
            super::state::Pane::Students => (Context::Students, app.students.filtering),
            super::state::Pane::Timeline => (Context::Timeline, false),
        },
        Some(
            Modal::Help { .. }
            | Modal::Message { .. }
            | Modal::Confirm(_)
            | Modal::ImportPreview(_),
        ) => (Context::Global, false),
        Some(Modal::Student(e)) => (Context::Editor, e.form.is_typing()),
        Some(Modal::Conversation(e)) => match &e.agreement {
            Some(a) => (Context::Editor, a.form.is_typing()),
            None => (Context::Editor, e.form.is_typing()),
        },
        Some(Modal::Prompt(p)) => (Context::Editor, p.form.is_typing()),
        Some(Modal::Profile(d)) => (Context::Editor, d.form.is_typing()),
        Some(Modal::Snooze(d)) => (
            Context::Editor,
            d.choice == super::dialogs::snooze::SnoozeChoice::Until,
        ),
        Some(Modal::AddressBook(b)) => match &b.editing {
            Some(e) => (Context::Editor, e.form.is_typing()),
            None => (Context::Global, false),
        },
        Some(Modal::Distribution(_)) => (Context::Timeline, false),
    }
}

fn is_movement(action: Action) -> bool {
    matches!(
        action,
        Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom
    )
}

fn on_key(app: &mut App, keymap: &Keymap, ids: &mut dyn IdSource, key: KeyEvent) -> Vec<Effect> {
    if key.kind == KeyEventKind::Release {
        return Vec::new();
    }
    let (context, typing) = input_context(app);
    let press = KeyPress::from(key);
    let mut resolution = keymap.resolve(context, &app.pending, press, typing);
    if resolution == Resolution::NoMatch && !app.pending.is_empty() {
        // An unfinished sequence followed by another key: the new key stands alone.
        app.pending.clear();
        resolution = keymap.resolve(context, &[], press, typing);
    }
    match resolution {
        Resolution::Pending => {
            app.pending.push(press);
            Vec::new()
        }
        Resolution::Action(action) => {
            app.pending.clear();
            // Arrow keys, Home and End move the cursor inside text, whatever they are bound to.
            if typing && is_movement(action) {
                return dialogs::raw_key(app, ids, key);
            }
            act(app, ids, action)
        }
        Resolution::NoMatch => {
            app.pending.clear();
            // Locked minutes take the timeline's addendum key, as their key hints say.
            if let Some(Modal::Conversation(e)) = app.modal()
                && e.form.read_only
                && e.agreement.is_none()
                && keymap.resolve(Context::Timeline, &[], press, false)
                    == Resolution::Action(Action::AddAddendum)
            {
                return act(app, ids, Action::AddAddendum);
            }
            if app.modal().is_some() || app.students.filtering {
                dialogs::raw_key(app, ids, key)
            } else {
                unknown_key(app, key);
                Vec::new()
            }
        }
    }
}

/// Whether `key` may be part of a typed run ([`Msg::Typed`]): one printable character as
/// typed, or Enter while the field that has the keyboard takes more than one line.
pub fn runs_on(app: &App, key: &KeyEvent) -> bool {
    if key.kind != KeyEventKind::Press {
        return false;
    }
    if is_line_feed(key) {
        return takes_lines(app);
    }
    (key.modifiers - KeyModifiers::SHIFT).is_empty()
        && match key.code {
            KeyCode::Char(c) => !c.is_control(),
            KeyCode::Enter => takes_lines(app),
            _ => false,
        }
}

/// Whether the field that has the keyboard takes line breaks: Enter starts a new line.
fn takes_lines(app: &App) -> bool {
    let form = match app.modal() {
        Some(Modal::Conversation(e)) => Some(e.agreement.as_ref().map_or(&e.form, |a| &a.form)),
        Some(Modal::Prompt(p)) => Some(&p.form),
        Some(Modal::Student(e)) => Some(&e.form),
        Some(Modal::Profile(d)) => Some(&d.form),
        Some(Modal::AddressBook(b)) => b.editing.as_ref().map(|e| &e.form),
        _ => None,
    };
    form.is_some_and(|f| {
        f.is_typing() && matches!(f.focused().map(|f| &f.kind), Some(FieldKind::Multi { .. }))
    })
}

/// A run of typed keys: where none of them is bound and a text field has the keyboard,
/// they go in as one insertion (Enter as a line break), which is what typing them one by
/// one would give; otherwise each is handled as the key it is.
fn typed(
    app: &mut App,
    keymap: &Keymap,
    ids: &mut dyn IdSource,
    keys: Vec<KeyEvent>,
) -> Vec<Effect> {
    let (context, typing) = input_context(app);
    let as_text = typing
        && app.pending.is_empty()
        && keys.iter().all(|k| {
            runs_on(app, k)
                && keymap.resolve(context, &[], KeyPress::from(*k), true) == Resolution::NoMatch
        });
    if as_text {
        let text: String = keys
            .iter()
            .filter_map(|k| match k.code {
                _ if is_line_feed(k) => Some('\n'),
                KeyCode::Char(c) => Some(c),
                KeyCode::Enter => Some('\n'),
                _ => None,
            })
            .collect();
        return dialogs::paste(app, &text);
    }
    keys.into_iter()
        .flat_map(|key| on_key(app, keymap, ids, key))
        .collect()
}

/// Says that `key` does nothing here, and how to find out what does.
pub fn unknown_key(app: &mut App, key: KeyEvent) {
    let name = KeyPress::from(key).to_string();
    if key.code == KeyCode::Null || key.modifiers.contains(KeyModifiers::SUPER) {
        return;
    }
    let text = app.lang.fill(T::UnknownKey, &[("key", &name)]);
    app.say(StatusKind::Info, text);
}

fn act(app: &mut App, ids: &mut dyn IdSource, action: Action) -> Vec<Effect> {
    if app.modal().is_some() {
        dialogs::action(app, ids, action)
    } else {
        panes::action(app, ids, action)
    }
}

/// An import is on disk (or not): the student list and an open case show it at once.
fn imported(
    app: &mut App,
    written: Vec<StudentSummary>,
    error: Option<String>,
    total: usize,
    rejected: usize,
) -> Vec<Effect> {
    let n = written.len().to_string();
    let any = !written.is_empty();
    let mut effects = Vec::new();
    let open = app.case.as_ref().map(|v| v.case.id());
    for summary in written {
        // The open student was changed: show it as stored now.
        if open == Some(summary.id) {
            effects.push(Effect::LoadCase(summary.id));
        }
        app.students.upsert(summary);
    }
    if let Some(e) = error {
        let title = app.t(T::PromptImport).to_string();
        let line = if !any {
            app.lang.fill(T::ImpFailed, &[("error", &e)])
        } else {
            app.lang.fill(
                T::ImpStopped,
                &[("n", &n), ("total", &total.to_string()), ("error", &e)],
            )
        };
        app.modals.push(Modal::Message {
            title,
            lines: vec![line],
        });
    } else {
        let text = if rejected == 0 {
            app.lang.fill(T::ImpDone, &[("n", &n)])
        } else {
            app.lang.fill(
                T::ImpDoneWithRejected,
                &[("n", &n), ("rejected", &rejected.to_string())],
            )
        };
        app.say(StatusKind::Success, text);
    }
    if !any {
        return effects;
    }
    effects.push(Effect::LoadReminders);
    if app.case.is_none() {
        effects.extend(panes::load_selected(app));
    }
    effects
}

fn committed(app: &mut App, after: crate::domain::Case, then: AfterCommit) -> Vec<Effect> {
    let summary = StudentSummary::of(&after);
    let name = summary.name.clone();
    app.students.upsert(summary);
    let lang = app.lang;
    let time = app.now.format("%H:%M").to_string();
    app.case = Some(
        match app.case.as_ref().filter(|v| v.case.id() == after.id()) {
            Some(view) => view.updated(after),
            None => CaseView::new(after),
        },
    );
    let effects = vec![Effect::LoadReminders];
    match then {
        AfterCommit::StudentSaved { new } => {
            app.modals.pop();
            if let Some(view) = &app.case {
                app.students.select(view.case.id());
            }
            let key = if new {
                T::SavedNewStudent
            } else {
                T::SavedStudent
            };
            app.say(StatusKind::Success, lang.fill(key, &[("name", &name)]));
            if new {
                app.pane = super::state::Pane::Timeline;
            }
        }
        AfterCommit::ConversationSaved { id, close } => {
            dialogs::conversation_saved(app, id, close);
            app.say(
                StatusKind::Success,
                lang.fill(T::SavedConversation, &[("time", &time)]),
            );
        }
        AfterCommit::Finalized { id, next } => {
            app.modals
                .retain(|m| !matches!(m, Modal::Conversation(e) if e.id() == id));
            app.pane = super::state::Pane::Timeline;
            let planned = next.and_then(|n| {
                let c = app.case.as_ref()?.case.conversation(n)?;
                Some(lang.fill(
                    T::SavedFinalizedNext,
                    &[
                        ("n", &c.level.number().to_string()),
                        (
                            "date",
                            &crate::domain::dates::format_date(c.planned_at.date()),
                        ),
                        (
                            "time",
                            &crate::domain::dates::format_time(c.planned_at.time()),
                        ),
                    ],
                ))
            });
            let text = planned.unwrap_or_else(|| lang.t(T::SavedFinalized).to_string());
            app.say(StatusKind::Success, text);
        }
        AfterCommit::Escalated { .. } | AfterCommit::Deescalated => {
            app.modals.clear();
            app.pane = super::state::Pane::Timeline;
            let level = app
                .case
                .as_ref()
                .map_or(String::new(), |v| v.case.student.level.number().to_string());
            let key = match then {
                AfterCommit::Escalated { .. } => T::SavedEscalated,
                _ => T::SavedDeescalated,
            };
            app.say(StatusKind::Success, lang.fill(key, &[("level", &level)]));
            // An escalation planned the next conversation: open it to check date and people.
            if let AfterCommit::Escalated { planned } = then {
                dialogs::open_conversation(app, planned, false);
            }
        }
        AfterCommit::AgreementResolved { status } => {
            let key = match status {
                crate::domain::AgreementStatus::NotMet => T::SavedAgreementNotMet,
                _ => T::SavedAgreementMet,
            };
            app.say(StatusKind::Success, lang.t(key));
        }
        AfterCommit::DistributionMarked => {
            app.say(StatusKind::Success, lang.t(T::SavedDistribution));
        }
        AfterCommit::NoteAdded
        | AfterCommit::AddendumAdded { .. }
        | AfterCommit::ConversationCancelled => {
            app.modals.pop();
            let key = match then {
                AfterCommit::NoteAdded => T::SavedNote,
                AfterCommit::AddendumAdded { id } => {
                    // The locked minutes underneath show the new addendum at once.
                    dialogs::conversation_saved(app, id, false);
                    T::SavedAddendum
                }
                _ => T::SavedCancelled,
            };
            app.say(StatusKind::Success, lang.t(key));
            if let Some(view) = &mut app.case {
                view.selected = 0;
            }
        }
    }
    effects
}

/// What to load before the first screen: the selected student's case, so the timeline
/// and student actions work at once.
pub fn initial_effects(app: &App) -> Vec<Effect> {
    app.students
        .selected_id()
        .map(Effect::LoadCase)
        .into_iter()
        .collect()
}
