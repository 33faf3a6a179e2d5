//! `update`: the one function that changes the application state. It takes a message,
//! changes `App` and returns the effects to carry out; it never touches the terminal,
//! the database or the clock, so it can be driven from tests.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::dialogs;
use super::msg::{AfterCommit, Effect, Msg};
use super::panes;
use super::state::{App, CaseView, Modal, StatusKind};
use crate::app::Action;
use crate::domain::{IdSource, StudentSummary};
use crate::i18n::T;
use crate::keymap::{Context, KeyPress};

/// How many of the files an erasure left its dialog lists; the receipt has them all.
const ERASED_LEFT_SHOWN: usize = 3;

/// Applies `msg` to `app` and returns the effects to run. New records take their ids from
/// `ids`, reserved before: `update` holds no database handle.
pub fn update(app: &mut App, ids: &mut dyn IdSource, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Action(action) => act(app, ids, action),
        Msg::RawKey(key) => dialogs::raw_key(app, ids, key),
        Msg::UnknownKey(key) => {
            unknown_key(app, key);
            Vec::new()
        }
        Msg::Typed(text) | Msg::Paste(text) => dialogs::paste(app, &text),
        Msg::Clock(now) => {
            let new_day = now.date() != app.today();
            app.now = now;
            if new_day {
                vec![Effect::LoadReminders]
            } else {
                Vec::new()
            }
        }
        Msg::Say { kind, text } => {
            app.say(kind, text);
            Vec::new()
        }
        Msg::ReadOnly(text) => {
            if app.read_only.is_none() {
                app.read_only = Some(text.clone());
                app.modals.push(Modal::Message {
                    title: app.t(T::ReadOnlyTitle).to_string(),
                    lines: vec![text],
                });
            }
            Vec::new()
        }
        Msg::Show { title, lines } => {
            app.modals.push(Modal::Message { title, lines });
            Vec::new()
        }
        Msg::DraftLeftOver { draft, older } => {
            app.offer_recovery(*draft);
            app.recovered_is_older = older;
            Vec::new()
        }
        Msg::CaseLoaded(Ok(case)) => {
            let id = case.id();
            app.case = Some(match app.case.as_ref().filter(|v| v.case.id() == id) {
                Some(view) => view.updated(*case),
                None => CaseView::new(*case),
            });
            match app.restore_after_load.take_if(|d| d.student == id) {
                Some(draft) => super::draft::finish_restore(app, &draft),
                None => Vec::new(),
            }
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
        Msg::TeamExported(Ok(paths)) => {
            let path = paths
                .first()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            app.say(
                StatusKind::Success,
                app.lang.fill(T::TeamExported, &[("path", &path)]),
            );
            Vec::new()
        }
        Msg::TeamExported(Err(e)) => {
            app.say(StatusKind::Error, e);
            Vec::new()
        }
        Msg::Stats { query, result } => {
            let o = &mut app.overview;
            // An answer to an earlier question is not shown.
            if query == o.query(app.now.date()) {
                match result {
                    Ok(report) => {
                        o.report = Some(report);
                        o.stale = false;
                        o.error = None;
                        o.shown = o.shown.min(o.sets() - 1);
                    }
                    Err(e) => o.error = Some(e),
                }
            }
            if app
                .status
                .as_ref()
                .is_some_and(|s| s.kind == StatusKind::Info)
            {
                app.status = None;
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
        Msg::Changed(changed) => {
            app.overview.stale = true;
            let open = app.case.as_ref().map(|v| v.case.id());
            for (id, summary) in changed {
                let gone = summary.is_none();
                match summary {
                    Some(summary) => app.students.upsert(summary),
                    None => app.students.remove(id),
                }
                if open == Some(id) {
                    // Read again now, unless the user is in the middle of something:
                    // then once they are done, so nothing they type is disturbed.
                    if gone && app.modals.is_empty() {
                        app.case = None;
                    } else {
                        app.stale_case = Some(id);
                    }
                }
            }
            let mut effects = vec![Effect::LoadReminders];
            effects.extend(reload_stale(app));
            effects
        }
        Msg::SaveWaiting(error) => {
            app.quit_after_save = false;
            let title = app.t(T::SaveFailedTitle).to_string();
            let lines = vec![
                error,
                app.t(T::SaveWaitingKept).to_string(),
                app.t(T::SaveWaitingWhat).to_string(),
            ];
            app.modals.push(Modal::Message { title, lines });
            Vec::new()
        }
        Msg::Conflicted { conflict, then } => {
            super::dialogs::merge::open(app, conflict, then);
            Vec::new()
        }
        Msg::ReadingStudents => {
            app.students = super::state::StudentList::loading();
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
                // A merge that was saved: its dialog goes, then what the save leads to.
                if let Some(Modal::Merge(_)) = app.modal() {
                    app.modals.pop();
                }
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

/// Reads the open case again if others changed it while the user was busy and the user
/// is no longer (no dialog or editor open).
pub fn reload_stale(app: &mut App) -> Option<Effect> {
    if !app.modals.is_empty() {
        return None;
    }
    let id = app.stale_case.take()?;
    (app.case.as_ref().map(|v| v.case.id()) == Some(id)).then_some(Effect::LoadCase(id))
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
            super::state::Pane::Overview => (Context::Overview, false),
        },
        Some(
            Modal::Help { .. }
            | Modal::Message { .. }
            | Modal::Confirm(_)
            | Modal::Merge(_)
            | Modal::ImportPreview(_),
        ) => (Context::Global, false),
        Some(Modal::Student(e)) => (Context::Editor, e.form.is_typing()),
        Some(Modal::Team(e)) => (Context::Editor, e.form.is_typing()),
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
    // The open student was changed: show it as stored now.
    if let Some(id) = open.filter(|id| written.iter().any(|s| s.id == *id)) {
        effects.push(Effect::LoadCase(id));
    }
    app.students.upsert_many(written);
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
        AfterCommit::TeamSaved => {
            let what = match app.modal() {
                Some(Modal::Team(e)) => lang.fill(e.title_key(), &[("name", &name)]),
                _ => name.clone(),
            };
            app.modals.pop();
            app.say(
                StatusKind::Success,
                lang.fill(T::TeamSaved, &[("what", &what)]),
            );
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::Pane;
    use crate::domain::case::tests_support::{case, conv, day};
    use crate::domain::{ConversationId, ConversationState, ReservedIds};

    /// The app on 23.11.2026 with Amira's case open in the timeline; her conversation 4
    /// was held that morning and its minutes are not written yet.
    fn app_with_held_conversation() -> App {
        let mut c = case();
        c.conversations.push(conv(
            4,
            day(11, 23),
            ConversationState::Held { on: day(11, 23) },
        ));
        let now = day(11, 23).and_hms_opt(14, 0, 0).unwrap();
        let actor = crate::domain::Actor::new(
            "Hanne Krogh",
            crate::domain::Role::EducationOfficer,
            "hanne",
        );
        let mut app = App::new(
            crate::i18n::Lang::Da,
            now,
            actor,
            7,
            vec![StudentSummary::of(&c)],
            Vec::new(),
        );
        let mut ids = 100u64;
        update(&mut app, &mut ids, Msg::CaseLoaded(Ok(Box::new(c))));
        app.pane = Pane::Timeline;
        app
    }

    /// Opens the held conversation's minutes with the keyboard in "learning needs".
    fn open_minutes_at_learning_needs(app: &mut App, ids: &mut dyn IdSource) {
        update(app, ids, Msg::Action(Action::EditConversation));
        let editor = app.conversation_editor_mut().expect("the minutes are open");
        editor
            .form
            .focus_on(crate::app::form::FieldId::LearningNeeds);
    }

    fn commits(effects: &[Effect]) -> usize {
        effects
            .iter()
            .filter(|e| matches!(e, Effect::Commit { .. }))
            .count()
    }

    #[test]
    fn finalizing_incomplete_minutes_returns_no_commit_and_says_what_is_missing() {
        let mut app = app_with_held_conversation();
        let mut ids = 100u64;
        let opened = update(&mut app, &mut ids, Msg::Action(Action::EditConversation));
        assert!(opened.is_empty());
        assert!(
            app.conversation_editor_mut().is_some(),
            "the minutes are open"
        );

        let effects = update(&mut app, &mut ids, Msg::Action(Action::Finalize));
        assert_eq!(commits(&effects), 0, "{effects:?}");
        let Some(Modal::Message { lines, .. }) = app.modal() else {
            panic!("the refusal is shown: {:?}", app.modal());
        };
        assert!(!lines.is_empty(), "it lists what the minutes lack");
    }

    #[test]
    fn saving_typed_minutes_returns_one_commit_with_the_text() {
        let mut app = app_with_held_conversation();
        let mut ids = 100u64;
        open_minutes_at_learning_needs(&mut app, &mut ids);
        update(&mut app, &mut ids, Msg::Typed("Fagsprog".into()));
        let effects = update(&mut app, &mut ids, Msg::Action(Action::Save));
        assert_eq!(commits(&effects), 1, "{effects:?} {:?}", app.status);
        let Some(Effect::Commit { after, .. }) = effects.first() else {
            panic!("a commit first: {effects:?}");
        };
        let minutes = &after.conversation(ConversationId(4)).unwrap().minutes;
        assert_eq!(minutes.learning_needs, "Fagsprog");
    }

    #[test]
    fn a_new_conversation_takes_its_id_from_the_reserve() {
        let mut app = app_with_held_conversation();
        let mut ids = ReservedIds::default();
        ids.extend(500..510);
        update(&mut app, &mut ids, Msg::Action(Action::NewConversation));
        let editor = app.conversation_editor_mut().expect("the new conversation");
        assert_eq!(editor.id(), ConversationId(500));
        assert!(!ids.ran_out());
    }

    #[test]
    fn with_no_ids_left_the_runner_is_told() {
        let mut app = app_with_held_conversation();
        let mut ids = ReservedIds::default();
        update(&mut app, &mut ids, Msg::Action(Action::NewConversation));
        assert!(
            ids.ran_out(),
            "whatever was made with id 0 is never written"
        );
    }

    #[test]
    fn the_clock_reloads_reminders_on_a_new_day_only() {
        let mut app = app_with_held_conversation();
        let mut ids = 0u64;
        let later = app.now + chrono::Duration::hours(2);
        assert!(update(&mut app, &mut ids, Msg::Clock(later)).is_empty());
        assert_eq!(app.now, later);
        let tomorrow = day(11, 24).and_hms_opt(0, 0, 1).unwrap();
        let effects = update(&mut app, &mut ids, Msg::Clock(tomorrow));
        assert!(matches!(effects.as_slice(), [Effect::LoadReminders]));
        assert_eq!(app.today(), day(11, 24));
    }

    #[test]
    fn the_read_only_notice_is_shown_once() {
        let mut app = app_with_held_conversation();
        let mut ids = 0u64;
        let text = "Databasen er skrivebeskyttet".to_string();
        update(&mut app, &mut ids, Msg::ReadOnly(text.clone()));
        update(&mut app, &mut ids, Msg::ReadOnly(text.clone()));
        assert_eq!(app.read_only.as_deref(), Some(text.as_str()));
        let shown = app
            .modals
            .iter()
            .filter(|m| matches!(m, Modal::Message { .. }))
            .count();
        assert_eq!(shown, 1);
    }

    #[test]
    fn copying_a_field_asks_for_the_clipboard_as_an_effect() {
        let mut app = app_with_held_conversation();
        let mut ids = 100u64;
        open_minutes_at_learning_needs(&mut app, &mut ids);
        update(&mut app, &mut ids, Msg::Typed("Fagsprog".into()));
        let effects = update(&mut app, &mut ids, Msg::Action(Action::Copy));
        assert!(
            effects
                .iter()
                .any(|e| matches!(e, Effect::Copy(t) if t.contains("Fagsprog"))),
            "{effects:?}"
        );
    }
}
