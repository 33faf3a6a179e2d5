//! Actions and keys while an editor or dialog is open.

use crossterm::event::{KeyCode, KeyEvent};

use super::editors::{AgreementEditor, ConversationEditor, Prompt, PromptKind, SnoozeChoice};
use super::form::{FieldId, FieldKind, FieldOutcome, Form};
use super::msg::{AfterCommit, Effect};
use super::state::{App, Confirm, ConfirmKind, Modal, StatusKind};
use crate::app::Action;
use crate::domain::case::{self, FinalizeError};
use crate::domain::reminders::Mark;
use crate::domain::{
    AgreementId, AgreementStatus, Case, CaseChange, Conversation, ConversationId, Ctx, EventKind,
    IdSource,
};
use crate::i18n::{self, T};

fn ctx(app: &App) -> Ctx {
    Ctx {
        now: app.now,
        user: app.user.clone(),
    }
}

fn commit(change: CaseChange, case: &Case, then: AfterCommit) -> Vec<Effect> {
    let mut after = case.clone();
    after.apply(&change);
    vec![Effect::Commit {
        change: Box::new(change),
        after: Box::new(after),
        then,
    }]
}

/// The case the open editors work on.
fn loaded_case(app: &App) -> Option<Case> {
    app.case.as_ref().map(|v| v.case.clone())
}

/// Opens an editor for a conversation not yet saved.
pub fn open_new_conversation(app: &mut App, conversation: Conversation) {
    let Some(case) = loaded_case(app) else {
        return;
    };
    let agreements = case
        .agreements_to_review(conversation.id)
        .into_iter()
        .cloned()
        .collect();
    let editor =
        ConversationEditor::open(&case.student, &conversation, agreements, true, app.today());
    app.modals.push(Modal::Conversation(Box::new(editor)));
}

/// Opens the editor on a stored conversation of the loaded case.
pub fn open_conversation(app: &mut App, id: ConversationId, focus_minutes: bool) {
    let Some(case) = loaded_case(app) else {
        return;
    };
    let Some(conversation) = case.conversation(id) else {
        return;
    };
    let mut agreements: Vec<_> = case.agreements_made_in(id).into_iter().cloned().collect();
    agreements.extend(case.agreements_to_review(id).into_iter().cloned());
    let mut editor =
        ConversationEditor::open(&case.student, conversation, agreements, false, app.today());
    if focus_minutes {
        editor.form.focus_on(FieldId::LearningNeeds);
    }
    if editor.form.read_only {
        app.say(StatusKind::Info, app.t(T::MinutesLocked));
    }
    app.modals.push(Modal::Conversation(Box::new(editor)));
}

/// The conversation an event is about, also for agreement events.
pub fn event_conversation(case: &Case, kind: &EventKind) -> Option<ConversationId> {
    kind.conversation().or_else(|| match kind {
        EventKind::AgreementAdded { agreement, .. }
        | EventKind::AgreementResolved { agreement, .. } => case
            .agreements
            .iter()
            .find(|a| a.id == *agreement)
            .map(|a| a.reviewed_in.unwrap_or(a.made_in)),
        _ => None,
    })
}

/// Enter on a timeline entry: open its conversation, or show a note in full.
pub fn open_timeline_entry(app: &mut App) {
    let Some(view) = &app.case else {
        return;
    };
    let Some(event) = view.case.events.iter().rev().nth(view.selected) else {
        return;
    };
    if let Some(id) = event_conversation(&view.case, &event.kind)
        && view.case.conversation(id).is_some()
    {
        open_conversation(app, id, false);
        return;
    }
    let lines = i18n::event_details(app.lang, event);
    let title = i18n::event_title(app.lang, event);
    app.modals.push(Modal::Message { title, lines });
}

/// After a save: the editor now shows the stored conversation; closes it if asked.
pub fn conversation_saved(app: &mut App, id: ConversationId, close: bool) {
    let today = app.today();
    let Some(case) = loaded_case(app) else {
        return;
    };
    if close {
        app.modals
            .retain(|m| !matches!(m, Modal::Conversation(e) if e.id() == id));
        return;
    }
    let Some(stored) = case.conversation(id).cloned() else {
        return;
    };
    if let Some(editor) = app.conversation_editor_mut()
        && editor.id() == id
    {
        editor.original = Some(stored.clone());
        editor.base = stored;
        editor.dirty = false;
        editor.student = case.student.clone();
        // Agreements now carry what was stored (reviewed_in set on review).
        let mut agreements: Vec<_> = case.agreements_made_in(id).into_iter().cloned().collect();
        agreements.extend(case.agreements_to_review(id).into_iter().cloned());
        if let Some(list) = editor.agreement_list_mut() {
            list.items = agreements;
            list.selected = list.selected.min(list.items.len().saturating_sub(1));
        }
        editor.refresh(today);
    }
}

/// Inserts pasted text into the focused text field.
pub fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    let today = app.today();
    let lang = app.lang;
    let mut done = false;
    let mut marked_held = false;
    if app.modal().is_none() && app.students.filtering {
        app.students
            .filter
            .push_str(&text.replace(['\n', '\r'], " "));
        app.students.refilter();
        return super::panes::load_selected(app);
    }
    match app.modal_mut() {
        Some(Modal::Conversation(e)) => {
            let form = match &mut e.agreement {
                Some(a) => &mut a.form,
                None => &mut e.form,
            };
            if !form.read_only
                && let Some(f) = form.focused_mut()
            {
                done = f.paste(text);
            }
            if done {
                e.dirty = true;
                marked_held = e.agreement.is_none() && e.note_minutes_written(today);
                e.refresh(today);
            }
        }
        Some(Modal::Student(e)) => {
            if let Some(f) = e.form.focused_mut() {
                done = f.paste(text);
                e.dirty |= done;
            }
        }
        Some(Modal::Prompt(p)) => {
            if let Some(f) = p.form.focused_mut() {
                done = f.paste(text);
            }
        }
        Some(Modal::Snooze(d)) if d.choice == SnoozeChoice::Until => {
            done = d.date.paste(text);
        }
        _ => {}
    }
    if !done {
        app.say(StatusKind::Info, lang.t(T::PasteNowhere));
    } else if marked_held {
        app.say(StatusKind::Info, lang.t(T::MarkedHeld));
    }
    Vec::new()
}

/// A key no binding claimed, while a modal or the filter has the keyboard.
pub fn raw_key(app: &mut App, ids: &mut dyn IdSource, key: KeyEvent) -> Vec<Effect> {
    let today = app.today();
    let lang = app.lang;
    if app.modal().is_none() {
        return filter_key(app, key);
    }
    let Some(modal) = app.modal_mut() else {
        return Vec::new();
    };
    match modal {
        Modal::Help { .. } => Vec::new(),
        Modal::Message { .. } => {
            if key.code == KeyCode::Enter {
                app.modals.pop();
            }
            Vec::new()
        }
        Modal::Confirm(_) => {
            if key.code == KeyCode::Enter {
                return confirm(app, ids);
            }
            Vec::new()
        }
        Modal::Student(e) => {
            let outcome = form_key(&mut e.form, key, today);
            e.dirty |= outcome == FieldOutcome::Changed;
            report(app, outcome);
            Vec::new()
        }
        Modal::Prompt(p) => {
            let single = matches!(
                p.form.focused().map(|f| &f.kind),
                Some(FieldKind::Line { .. })
            );
            if single && key.code == KeyCode::Enter {
                return submit_prompt(app, ids);
            }
            let outcome = form_key(&mut p.form, key, today);
            report(app, outcome);
            Vec::new()
        }
        Modal::Snooze(d) => {
            if key.code == KeyCode::Enter {
                return submit_snooze(app);
            }
            if d.choice == SnoozeChoice::Until {
                d.date.key(key);
                d.date.validate(today);
            }
            Vec::new()
        }
        Modal::Conversation(e) => {
            if let Some(a) = &mut e.agreement {
                let outcome = form_key(&mut a.form, key, today);
                report(app, outcome);
                return Vec::new();
            }
            if e.form.read_only {
                if matches!(
                    key.code,
                    KeyCode::Char(_) | KeyCode::Enter | KeyCode::Backspace
                ) {
                    app.say(StatusKind::Info, lang.t(T::MinutesLocked));
                }
                return Vec::new();
            }
            if e.form.focused().map(|f| f.id) == Some(FieldId::Agreements) {
                if key.code == KeyCode::Enter {
                    edit_selected_agreement(e);
                    return Vec::new();
                }
                if key.code == KeyCode::Char(' ') {
                    cycle_agreement(e, today);
                    return Vec::new();
                }
            }
            let outcome = form_key(&mut e.form, key, today);
            let mut marked_held = false;
            if outcome == FieldOutcome::Changed {
                e.dirty = true;
                marked_held = e.note_minutes_written(today);
                e.refresh(today);
            }
            report(app, outcome);
            if marked_held {
                app.say(StatusKind::Info, lang.t(T::MarkedHeld));
            }
            Vec::new()
        }
    }
}

fn report(app: &mut App, outcome: FieldOutcome) {
    if outcome == FieldOutcome::NotTypable {
        app.say(StatusKind::Info, app.t(T::ChooseWithSpace));
    }
}

fn form_key(form: &mut Form, key: KeyEvent, today: chrono::NaiveDate) -> FieldOutcome {
    if form.read_only {
        return FieldOutcome::Unchanged;
    }
    let Some(field) = form.focused_mut() else {
        return FieldOutcome::Unchanged;
    };
    let outcome = field.key(key);
    // Inline validation: a date field says what is wrong as soon as it is typed.
    field.validate(today);
    if outcome == FieldOutcome::Next {
        form.next();
    }
    outcome
}

fn filter_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let list = &mut app.students;
    match key.code {
        KeyCode::Enter => {
            list.filtering = false;
            return Vec::new();
        }
        KeyCode::Backspace => {
            list.filter.pop();
        }
        KeyCode::Char(c) => list.filter.push(c),
        _ => return Vec::new(),
    }
    list.refilter();
    super::panes::load_selected(app)
}

fn edit_selected_agreement(e: &mut ConversationEditor) {
    let Some(list) = e.agreement_list_mut() else {
        return;
    };
    if let Some(a) = list.items.get(list.selected).cloned() {
        let index = list.selected;
        e.agreement = Some(AgreementEditor::new(a, Some(index)));
    }
}

fn cycle_agreement(e: &mut ConversationEditor, today: chrono::NaiveDate) {
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

/// Handles `action` while a modal is open.
pub fn action(app: &mut App, ids: &mut dyn IdSource, action: Action) -> Vec<Effect> {
    let today = app.today();
    match (app.modal_mut(), action) {
        (_, Action::Quit) => request_quit(app),
        (Some(Modal::Help { .. }), Action::Help | Action::Cancel) => {
            app.modals.pop();
            Vec::new()
        }
        (Some(Modal::Help { scroll }), a) => {
            *scroll = match a {
                Action::Up => scroll.saturating_sub(1),
                Action::Down => scroll.saturating_add(1),
                Action::PageUp => scroll.saturating_sub(10),
                Action::PageDown => scroll.saturating_add(10),
                Action::Top => 0,
                _ => *scroll,
            };
            Vec::new()
        }
        (_, Action::Help) => {
            app.modals.push(Modal::Help { scroll: 0 });
            Vec::new()
        }
        (Some(Modal::Message { .. }), Action::Cancel | Action::Open) => {
            app.modals.pop();
            Vec::new()
        }
        (Some(Modal::Confirm(c)), a) => {
            let n = c.kind.options().len();
            match a {
                Action::Up | Action::PrevField => c.selected = (c.selected + n - 1) % n,
                Action::Down | Action::NextField => c.selected = (c.selected + 1) % n,
                Action::Cancel => {
                    app.modals.pop();
                }
                Action::Open | Action::Save => return confirm(app, ids),
                _ => {}
            }
            Vec::new()
        }
        (Some(Modal::Snooze(d)), a) => {
            let order = [
                SnoozeChoice::OneDay,
                SnoozeChoice::OneWeek,
                SnoozeChoice::Until,
            ];
            let i = order.iter().position(|c| *c == d.choice).unwrap_or(0);
            match a {
                Action::Up | Action::PrevField => d.choice = order[(i + 2) % 3],
                Action::Down | Action::NextField => d.choice = order[(i + 1) % 3],
                Action::Save | Action::Open => return submit_snooze(app),
                Action::Cancel => {
                    app.modals.pop();
                }
                _ => {}
            }
            Vec::new()
        }
        (Some(Modal::Student(e)), a) => match a {
            Action::NextField | Action::Down => {
                e.form.next();
                Vec::new()
            }
            Action::PrevField | Action::Up => {
                e.form.prev();
                Vec::new()
            }
            Action::Toggle => {
                if let Some(f) = e.form.focused_mut() {
                    e.dirty |= f.toggle();
                }
                Vec::new()
            }
            Action::Save => save_student(app, ids),
            Action::Cancel => close_editor(app, false),
            _ => not_in_editor(app),
        },
        (Some(Modal::Prompt(p)), a) => match a {
            Action::Save => submit_prompt(app, ids),
            Action::Cancel => {
                if p.text().is_empty() {
                    app.modals.pop();
                    Vec::new()
                } else {
                    close_editor(app, false)
                }
            }
            _ => not_in_editor(app),
        },
        (Some(Modal::Conversation(e)), a) => {
            if e.agreement.is_some() {
                return agreement_action(app, a, today);
            }
            let on_list = e.form.focused().map(|f| f.id) == Some(FieldId::Agreements);
            match a {
                Action::NextField => e.form.next(),
                Action::PrevField => e.form.prev(),
                Action::Down if on_list => move_agreement(e, 1),
                Action::Up if on_list => move_agreement(e, -1),
                Action::Down => e.form.next(),
                Action::Up => e.form.prev(),
                Action::Toggle if on_list && !e.form.read_only => cycle_agreement(e, today),
                Action::Toggle if !e.form.read_only => {
                    if let Some(f) = e.form.focused_mut()
                        && f.toggle()
                    {
                        e.dirty = true;
                        e.refresh(today);
                    }
                }
                Action::AddAgreement if !e.form.read_only => {
                    let blank =
                        AgreementEditor::blank(AgreementId(ids.next_id()), e.student.id, e.id());
                    e.agreement = Some(blank);
                }
                Action::Delete if on_list && !e.form.read_only => return delete_agreement(app),
                Action::Save if !e.form.read_only => return save_conversation(app, ids, false),
                Action::Finalize if !e.form.read_only => return finalize(app, ids),
                Action::Cancel => return close_editor(app, false),
                Action::Open if on_list => edit_selected_agreement(e),
                Action::AddAddendum if e.form.read_only => {
                    let (sid, id) = (e.student.id, e.id());
                    app.modals
                        .push(Modal::Prompt(Prompt::new(PromptKind::Addendum(id), sid)));
                }
                _ if e.form.read_only => app.say(StatusKind::Info, app.t(T::MinutesLocked)),
                _ => return not_in_editor(app),
            }
            Vec::new()
        }
        (_, Action::Cancel) => {
            app.modals.pop();
            Vec::new()
        }
        _ => not_in_editor(app),
    }
}

fn move_agreement(e: &mut ConversationEditor, delta: isize) {
    if let Some(list) = e.agreement_list_mut()
        && !list.items.is_empty()
    {
        let last = list.items.len() as isize - 1;
        list.selected = (list.selected as isize + delta).clamp(0, last) as usize;
    }
}

fn not_in_editor(app: &mut App) -> Vec<Effect> {
    app.say(StatusKind::Info, app.t(T::NotAvailableInEditor));
    Vec::new()
}

fn agreement_action(app: &mut App, action: Action, today: chrono::NaiveDate) -> Vec<Effect> {
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

fn delete_agreement(app: &mut App) -> Vec<Effect> {
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

fn request_quit(app: &mut App) -> Vec<Effect> {
    let dirty = app.modals.iter().any(|m| match m {
        Modal::Student(e) => e.dirty,
        Modal::Conversation(e) => e.dirty || e.agreement.is_some(),
        Modal::Prompt(p) => !p.text().is_empty(),
        _ => false,
    });
    if dirty {
        return close_editor(app, true);
    }
    app.quit = true;
    Vec::new()
}

/// Closes the top editor, asking first if it holds unsaved changes.
fn close_editor(app: &mut App, then_quit: bool) -> Vec<Effect> {
    let dirty = match app.modal() {
        Some(Modal::Student(e)) => e.dirty,
        Some(Modal::Conversation(e)) => e.dirty,
        Some(Modal::Prompt(p)) => !p.text().is_empty(),
        _ => false,
    };
    if dirty || then_quit {
        app.modals.push(Modal::Confirm(Confirm {
            kind: ConfirmKind::CloseEditor { then_quit },
            selected: 0,
        }));
    } else {
        app.modals.pop();
    }
    Vec::new()
}

fn confirm(app: &mut App, ids: &mut dyn IdSource) -> Vec<Effect> {
    let Some(Modal::Confirm(c)) = app.modals.pop() else {
        return Vec::new();
    };
    let ConfirmKind::CloseEditor { then_quit } = c.kind;
    match c.kind.options().get(c.selected) {
        Some(T::AnswerSave) => {
            let effects = match app.modal() {
                Some(Modal::Student(_)) => save_student(app, ids),
                Some(Modal::Conversation(_)) => save_conversation(app, ids, true),
                Some(Modal::Prompt(_)) => submit_prompt(app, ids),
                _ => Vec::new(),
            };
            // Quit only once the save is on disk; a refused or failed save keeps everything
            // open. Nothing to save (no changes) quits at once.
            if then_quit {
                let refused = app
                    .status
                    .as_ref()
                    .is_some_and(|s| s.kind == StatusKind::Error);
                if effects.is_empty() {
                    app.quit = !refused;
                } else {
                    app.quit_after_save = true;
                }
            }
            effects
        }
        Some(T::AnswerDiscard) => {
            if then_quit {
                app.quit = true;
            } else {
                app.modals.pop();
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn save_student(app: &mut App, ids: &mut dyn IdSource) -> Vec<Effect> {
    let today = app.today();
    let context = ctx(app);
    let Some(Modal::Student(e)) = app.modal_mut() else {
        return Vec::new();
    };
    match e.to_student(today) {
        Ok(student) => {
            let new = e.original.is_none();
            if new {
                let change = case::create_student(student.clone(), &context, ids);
                commit(
                    change,
                    &Case::new(student),
                    AfterCommit::StudentSaved { new },
                )
            } else {
                let Some(case) = loaded_case(app).filter(|c| c.id() == student.id) else {
                    return Vec::new();
                };
                let change = case::update_student(&case, student, &context, ids);
                if change.is_empty() {
                    app.modals.pop();
                    app.say(StatusKind::Info, app.t(T::NothingChanged));
                    return Vec::new();
                }
                commit(change, &case, AfterCommit::StudentSaved { new })
            }
        }
        Err(field) => {
            e.form.focus_on(field);
            app.say(StatusKind::Error, app.t(T::FixFieldFirst));
            Vec::new()
        }
    }
}

fn save_conversation(app: &mut App, ids: &mut dyn IdSource, close: bool) -> Vec<Effect> {
    let today = app.today();
    let context = ctx(app);
    let Some(case) = loaded_case(app) else {
        return Vec::new();
    };
    let Some(e) = app.conversation_editor_mut() else {
        return Vec::new();
    };
    let id = e.id();
    match e.to_conversation(today) {
        Ok((conversation, agreements)) => {
            match case::save_conversation(&case, conversation, agreements, &context, ids) {
                Ok(change) if change.is_empty() => {
                    e.dirty = false;
                    if close {
                        app.modals.pop();
                    }
                    app.say(StatusKind::Info, app.t(T::NothingChanged));
                    Vec::new()
                }
                Ok(change) => commit(change, &case, AfterCommit::ConversationSaved { id, close }),
                Err(_) => {
                    app.say(StatusKind::Error, app.t(T::MinutesLocked));
                    Vec::new()
                }
            }
        }
        Err(field) => {
            e.form.focus_on(field);
            app.say(StatusKind::Error, app.t(T::FixFieldFirst));
            Vec::new()
        }
    }
}

fn finalize(app: &mut App, ids: &mut dyn IdSource) -> Vec<Effect> {
    let today = app.today();
    let context = ctx(app);
    let lang = app.lang;
    let Some(case) = loaded_case(app) else {
        return Vec::new();
    };
    let Some(e) = app.conversation_editor_mut() else {
        return Vec::new();
    };
    let id = e.id();
    let (conversation, agreements) = match e.to_conversation(today) {
        Ok(v) => v,
        Err(field) => {
            e.form.focus_on(field);
            app.say(StatusKind::Error, app.t(T::FixFieldFirst));
            return Vec::new();
        }
    };
    match case::finalize_conversation(&case, conversation, agreements, &context, ids) {
        Ok(change) => commit(change, &case, AfterCommit::Finalized { id }),
        Err(FinalizeError::Incomplete(missing)) => {
            if let Some(first) = missing.first() {
                e.form.focus_on(ConversationEditor::field_for(first));
            }
            e.missing = missing.clone();
            let lines = missing
                .iter()
                .map(|m| format!("• {}", i18n::missing(lang, m)))
                .collect();
            app.modals.push(Modal::Message {
                title: lang.t(T::FinalizeRefusedTitle).to_string(),
                lines,
            });
            Vec::new()
        }
        Err(FinalizeError::Save(_)) => {
            app.say(StatusKind::Error, lang.t(T::MinutesLocked));
            Vec::new()
        }
    }
}

fn submit_prompt(app: &mut App, ids: &mut dyn IdSource) -> Vec<Effect> {
    let context = ctx(app);
    let Some(Modal::Prompt(p)) = app.modal() else {
        return Vec::new();
    };
    let (kind, text) = (p.kind, p.text());
    if text.is_empty() {
        app.say(StatusKind::Error, app.t(T::TextRequired));
        return Vec::new();
    }
    let Some(case) = loaded_case(app).filter(|c| c.id() == p.student) else {
        return Vec::new();
    };
    let today = app.today();
    match kind {
        PromptKind::Escalate { .. } => {
            let at = case.proposed_time(today);
            match case::escalate(&case, &text, at, &context, ids) {
                Ok((change, planned)) => commit(change, &case, AfterCommit::Escalated { planned }),
                Err(_) => Vec::new(),
            }
        }
        PromptKind::Deescalate { .. } => match case::deescalate(&case, &text, &context, ids) {
            Ok(change) => commit(change, &case, AfterCommit::Deescalated),
            Err(_) => Vec::new(),
        },
        PromptKind::Note => match case::add_note(&case, &text, &context, ids) {
            Ok(change) => commit(change, &case, AfterCommit::NoteAdded),
            Err(_) => Vec::new(),
        },
        PromptKind::Addendum(id) => match case::add_addendum(&case, id, &text, &context, ids) {
            Ok(change) => commit(change, &case, AfterCommit::AddendumAdded),
            Err(_) => Vec::new(),
        },
        PromptKind::CancelConversation(id) => {
            let Some(mut c) = case.conversation(id).cloned() else {
                return Vec::new();
            };
            c.state = crate::domain::ConversationState::Cancelled { reason: text };
            let agreements = case.agreements_made_in(id).into_iter().cloned().collect();
            match case::save_conversation(&case, c, agreements, &context, ids) {
                Ok(change) => commit(change, &case, AfterCommit::ConversationCancelled),
                Err(_) => Vec::new(),
            }
        }
    }
}

fn submit_snooze(app: &mut App) -> Vec<Effect> {
    let today = app.today();
    let lang = app.lang;
    let Some(Modal::Snooze(d)) = app.modal_mut() else {
        return Vec::new();
    };
    match d.until(today) {
        Ok(until) => {
            let key = d.key;
            app.modals.pop();
            let date = crate::domain::dates::format_date(until);
            vec![Effect::SetMark {
                key,
                mark: Mark::SnoozedUntil(until),
                confirmation: lang.fill(T::ReminderSnoozed, &[("date", &date)]),
            }]
        }
        Err(_) => {
            app.say(StatusKind::Error, lang.t(T::FixFieldFirst));
            Vec::new()
        }
    }
}
