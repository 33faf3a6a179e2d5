//! Opening editors on conversations and timeline entries, and refreshing them after a save.

use crate::app::editors::ConversationEditor;
use crate::app::form::FieldId;
use crate::app::msg::Effect;
use crate::app::state::{App, Modal, StatusKind};
use crate::domain::{Case, Conversation, ConversationId, EventKind};
use crate::i18n::{self, T};

/// The case the open editors work on.
pub(super) fn loaded_case(app: &App) -> Option<Case> {
    app.case.as_ref().map(|v| v.case.clone())
}

/// Opens an editor for a conversation not yet saved.
pub fn open_new_conversation(app: &mut App, conversation: Conversation) {
    let Some(case) = loaded_case(app) else {
        return;
    };
    // What was said about another conversation does not belong to this one.
    app.status = None;
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
    app.status = None;
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
        editor.show_saved_dates(&stored);
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

/// Puts the recovered draft back: loads its student's case first when its editors save
/// into one, then opens them with what was typed.
pub fn restore_draft(app: &mut App) -> Vec<Effect> {
    if app.students.loading {
        // Whether the draft's student is stored is known once the students are read.
        app.restore_when_loaded = true;
        return Vec::new();
    }
    let Some(draft) = app.recovered.take() else {
        return Vec::new();
    };
    let known = app.students.get(draft.student).is_some();
    if known {
        app.students.select(draft.student);
        app.pane = crate::app::Pane::Timeline;
        if app
            .case
            .as_ref()
            .is_some_and(|v| v.case.id() == draft.student)
        {
            finish_restore(app, &draft);
            return Vec::new();
        }
        app.restore_after_load = Some(draft.clone());
        return vec![Effect::LoadCase(draft.student)];
    }
    finish_restore(app, &draft);
    Vec::new()
}

/// Opens the draft's editors; called once the case is there.
pub fn finish_restore(app: &mut App, draft: &crate::app::draft::Draft) {
    crate::app::draft::restore(app, draft);
    app.say(StatusKind::Info, app.t(T::RecoverDone));
}
