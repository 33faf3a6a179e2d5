//! Pasting large blocks of text: a mebibyte of minutes pasted into the conversation
//! editor is kept to the last byte, marks the editor changed and is saved whole; pasted
//! into a one-line field it stays on one line; and the students filter takes a paste.
//! How fast this is, is measured by the benches, not here.

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fokus::app::dialogs::conversation::ConversationEditor;
use fokus::app::form::FieldId;
use fokus::app::{AfterCommit, App, Effect, KeyReader, Modal, Msg, Pane, update};
use fokus::demo::demo_cases;
use fokus::domain::reminders;
use fokus::domain::{Case, CaseChange, ConversationState, StudentSummary};
use fokus::i18n::Lang;
use fokus::keymap::Keymap;

const MIB: usize = 1024 * 1024;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .unwrap_or_default()
}

/// Exactly one mebibyte of minutes: paragraphs of Danish text separated by blank lines,
/// with a tab and some emoji, neither starting nor ending with white space (saving trims
/// the ends of a field, by design).
fn mebibyte_of_minutes() -> String {
    let paragraphs = [
        "Eleven fortæller, at det er svært at nå læringsmålene på afdelingen, fordi \
         vagterne skifter meget. Vejlederen foreslår faste møder hver tirsdag.",
        "Æble, øl og ål: ÆØÅ æøå é ü. Eleven øver fagsprog og dokumentation i \
         journalen;\tvejlederen læser med og giver skriftlig feedback 👩‍⚕️🇩🇰.",
        "Handleplan: oplæringsstedet sikrer ro til forberedelse, og eleven forpligter \
         sig til at skrive tre observationer om ugen og tage dem med til mødet.",
    ];
    let mut text = String::with_capacity(MIB);
    let mut i = 0;
    while text.len() + paragraphs[i % 3].len() + 2 < MIB {
        if !text.is_empty() {
            text.push_str(if i % 4 == 0 { "\n\n" } else { "\n" });
        }
        text.push_str(paragraphs[i % 3]);
        i += 1;
    }
    while text.len() < MIB {
        text.push('.');
    }
    assert_eq!(text.len(), MIB);
    text
}

/// Compares two texts byte for byte, saying where they part rather than printing them.
fn assert_same_bytes(actual: &str, expected: &str, what: &str) {
    if actual.as_bytes() == expected.as_bytes() {
        return;
    }
    let at = actual
        .bytes()
        .zip(expected.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(actual.len().min(expected.len()));
    let around = |s: &str| {
        let bytes = &s.as_bytes()[at.saturating_sub(20)..(at + 20).min(s.len())];
        String::from_utf8_lossy(bytes).into_owned()
    };
    panic!(
        "{what}: {} bytes where {} were pasted; they differ from byte {at}: {:?} instead of {:?}",
        actual.len(),
        expected.len(),
        around(actual),
        around(expected),
    );
}

/// The demo data on 23 November 2026, with the test playing the store.
struct Harness {
    app: App,
    keymap: Keymap,
    keys: KeyReader,
    ids: u64,
    cases: Vec<Case>,
}

impl Harness {
    fn new() -> Harness {
        let mut ids = 0u64;
        let cases: Vec<Case> = demo_cases(now().date(), &mut ids)
            .expect("the demo stories")
            .into_iter()
            .map(|d| d.case)
            .collect();
        let summaries = cases.iter().map(StudentSummary::of).collect();
        let items: Vec<_> = cases.iter().flat_map(reminders::due_items).collect();
        let shown = reminders::reminders(&items, |_| None, now().date(), 7);
        let app = App::new(
            Lang::Da,
            now(),
            fokus::domain::Actor::new(
                "Hanne Krogh",
                fokus::domain::Role::EducationOfficer,
                "hanne",
            ),
            7,
            summaries,
            shown,
        );
        Harness {
            app,
            keymap: Keymap::builtin().0,
            keys: KeyReader::new(),
            ids: 10_000,
            cases,
        }
    }

    /// Applies `msg`, answers case loads as the store would and returns the other effects.
    fn msg(&mut self, msg: Msg) -> Vec<Effect> {
        let mut rest = Vec::new();
        for effect in update(&mut self.app, &mut self.ids, msg) {
            match effect {
                Effect::LoadCase(id) => {
                    let case = self.cases.iter().find(|c| c.id() == id).cloned();
                    if let Some(case) = case {
                        rest.extend(self.msg(Msg::CaseLoaded(Ok(Box::new(case)))));
                    }
                }
                other => rest.push(other),
            }
        }
        rest
    }

    fn press(&mut self, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
        self.event(KeyEvent::new(code, modifiers))
    }

    /// A key as the keymap reads it where the keyboard is.
    fn event(&mut self, key: KeyEvent) -> Vec<Effect> {
        match self.keys.read(&self.app, &self.keymap, key) {
            Some(msg) => self.msg(msg),
            None => Vec::new(),
        }
    }

    /// Keys that arrived together, as the application takes them: as one insertion where
    /// a text field has the keyboard and none is bound, else one by one.
    fn run(&mut self, keys: Vec<KeyEvent>) -> Vec<Effect> {
        match self.keys.read_run(&self.app, &self.keymap, &keys) {
            Some(msg) => self.msg(msg),
            None => keys.into_iter().flat_map(|k| self.event(k)).collect(),
        }
    }

    fn key(&mut self, code: KeyCode) -> Vec<Effect> {
        self.press(code, KeyModifiers::NONE)
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Finds a student by typing part of the name after `/`; Enter opens the timeline.
    fn open_student(&mut self, name: &str) {
        self.key(KeyCode::Char('2'));
        self.key(KeyCode::Char('/'));
        self.type_text(name);
        self.key(KeyCode::Enter);
        assert_eq!(self.app.pane, Pane::Timeline);
        assert!(self.app.modals.is_empty());
        let open = self.app.case.as_ref().map(|v| v.case.student.name.clone());
        assert!(
            open.as_deref().is_some_and(|n| n.contains(name)),
            "opened {open:?}, not {name}"
        );
    }

    fn editor(&self) -> &ConversationEditor {
        match self.app.modals.last() {
            Some(Modal::Conversation(e)) => e,
            other => panic!("no conversation editor on top: {other:?}"),
        }
    }

    /// Moves focus with Tab until `field` has it.
    fn focus(&mut self, field: FieldId) {
        for _ in 0..self.editor().form.fields.len() {
            if self.editor().form.focused().map(|f| f.id) == Some(field) {
                return;
            }
            self.key(KeyCode::Tab);
        }
        panic!("Tab never reached {field:?}");
    }

    fn text_of(&self, field: FieldId) -> String {
        match self.editor().form.field(field) {
            Some(f) => f.text(),
            None => panic!("the editor has no {field:?} field"),
        }
    }

    /// Saves with Ctrl-S and returns the commit asked for.
    fn save(&mut self) -> (CaseChange, Case, AfterCommit) {
        let effects = self.press(KeyCode::Char('s'), KeyModifiers::CONTROL);
        let commit = effects.into_iter().find_map(|e| match e {
            Effect::Commit {
                change,
                after,
                then,
            } => Some((*change, *after, then)),
            _ => None,
        });
        match commit {
            Some(commit) => commit,
            None => panic!(
                "saving asked for no commit; status: {:?}",
                self.app.status.as_ref().map(|s| &s.text)
            ),
        }
    }
}

#[test]
fn a_mebibyte_pasted_into_the_minutes_is_kept_marked_unsaved_and_saved_whole() {
    let text = mebibyte_of_minutes();
    let mut h = Harness::new();
    h.open_student("Mikkel");
    h.key(KeyCode::Char('s'));
    h.focus(FieldId::LearningNeeds);
    assert_eq!(h.text_of(FieldId::LearningNeeds), "");
    assert!(!h.editor().dirty);

    h.msg(Msg::Paste(text.clone()));

    assert_same_bytes(&h.text_of(FieldId::LearningNeeds), &text, "the field");
    assert!(h.editor().dirty, "a paste must mark the editor changed");
    let id = h.editor().id();

    let (change, after, then) = h.save();
    let saved = change
        .conversations
        .iter()
        .find(|c| c.id == id)
        .expect("the change writes the conversation");
    assert_same_bytes(&saved.minutes.learning_needs, &text, "the saved minutes");
    let kept = after
        .conversation(id)
        .expect("the case after the commit has it");
    assert_same_bytes(&kept.minutes.learning_needs, &text, "the case after saving");

    // Once the store says it is on disk, the editor shows the stored text, unchanged.
    h.msg(Msg::Committed {
        result: Ok(()),
        after: Box::new(after),
        then,
    });
    assert_same_bytes(
        &h.text_of(FieldId::LearningNeeds),
        &text,
        "the field after saving",
    );
    assert!(!h.editor().dirty, "a saved editor has nothing unsaved");
}

#[test]
fn a_paste_into_draft_minutes_lands_after_what_was_written() {
    let text = mebibyte_of_minutes();
    let mut h = Harness::new();
    let name = h
        .cases
        .iter()
        .find(|c| {
            c.conversations
                .iter()
                .any(|c| matches!(c.state, ConversationState::Held { .. }))
        })
        .map(|c| c.student.name.clone())
        .expect("the demo data has a held draft");
    h.open_student(&name);
    h.key(KeyCode::Char('r'));
    assert!(
        matches!(h.editor().base.state, ConversationState::Held { .. }),
        "r opens the held draft"
    );
    h.focus(FieldId::WorkplaceSecures);
    let before = h.text_of(FieldId::WorkplaceSecures);
    assert!(!before.is_empty());

    h.msg(Msg::Paste(text.clone()));

    let expected = format!("{before}{text}");
    assert_same_bytes(
        &h.text_of(FieldId::WorkplaceSecures),
        &expected,
        "the field",
    );
    assert!(h.editor().dirty);
    let id = h.editor().id();
    let (change, _, _) = h.save();
    let saved = change.conversations.iter().find(|c| c.id == id);
    assert_same_bytes(
        saved.map_or("", |c| c.minutes.workplace_secures.as_str()),
        &expected,
        "the saved minutes",
    );
}

#[test]
fn a_mebibyte_pasted_into_a_one_line_field_stays_on_one_line() {
    let text = mebibyte_of_minutes();
    let one_line = text.replace('\n', " ");
    let mut h = Harness::new();
    h.open_student("Mikkel");
    h.key(KeyCode::Char('s'));
    h.focus(FieldId::Place);
    let before = h.text_of(FieldId::Place);

    h.msg(Msg::Paste(text));

    let expected = format!("{before}{one_line}");
    let field = h
        .editor()
        .form
        .field(FieldId::Place)
        .expect("a place field");
    let lines = field.area().map_or(0, |a| a.lines().len());
    assert_eq!(lines, 1, "a one-line field holds one line");
    assert_same_bytes(&field.text(), &expected, "the place");
    assert!(h.editor().dirty);

    let id = h.editor().id();
    let (change, _, _) = h.save();
    let saved = change.conversations.iter().find(|c| c.id == id);
    assert_same_bytes(
        saved.map_or("", |c| c.place.as_str()),
        expected.trim(),
        "the saved place",
    );
}

#[test]
fn pasting_into_the_students_filter_filters() {
    let mut h = Harness::new();
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('/'));
    assert!(h.app.students.filtering);

    h.msg(Msg::Paste("Sørensen".into()));

    assert_eq!(h.app.students.filter, "Sørensen");
    let names: Vec<&str> = h
        .app
        .students
        .visible
        .iter()
        .map(|&i| h.app.students.all[i].name.as_str())
        .collect();
    assert_eq!(names, vec!["Mikkel Sørensen"]);
    assert_eq!(
        h.app.case.as_ref().map(|v| v.case.student.name.as_str()),
        Some("Mikkel Sørensen"),
        "the filtered student's case is loaded"
    );
    // Enter opens the one student found.
    h.key(KeyCode::Enter);
    assert_eq!(h.app.pane, Pane::Timeline);
}

#[test]
fn a_mebibyte_pasted_into_the_filter_is_kept_on_one_line_and_matches_nobody() {
    let text = mebibyte_of_minutes();
    let mut h = Harness::new();
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('/'));

    h.msg(Msg::Paste(text.clone()));

    assert_same_bytes(
        &h.app.students.filter,
        &text.replace('\n', " "),
        "the filter",
    );
    assert!(h.app.students.visible.is_empty());
    assert!(h.app.students.filtering);
    // Esc clears the filter and everyone is back.
    h.key(KeyCode::Esc);
    assert_eq!(h.app.students.filter, "");
    assert_eq!(h.app.students.visible.len(), h.app.students.all.len());
}

/// The keys of `text` as a terminal without bracketed paste sends them.
fn keys_of(text: &str) -> Vec<KeyEvent> {
    text.chars()
        .map(|c| {
            let shift = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            KeyEvent::new(KeyCode::Char(c), shift)
        })
        .collect()
}

#[test]
fn a_run_of_typed_keys_gives_what_typing_them_one_by_one_gives() {
    let text = "Eleven møder kl. 7:00 – Æble, øl & ål; 50 % af tiden.";
    let mut by_key = Harness::new();
    let mut as_run = Harness::new();
    for h in [&mut by_key, &mut as_run] {
        h.open_student("Mikkel");
        h.key(KeyCode::Char('s'));
        h.focus(FieldId::LearningNeeds);
        h.type_text("Før: ");
    }
    for key in keys_of(text) {
        by_key.event(key);
    }
    as_run.run(keys_of(text));

    for h in [&mut by_key, &mut as_run] {
        assert_eq!(h.text_of(FieldId::LearningNeeds), format!("Før: {text}"));
        assert!(h.editor().dirty);
        // The cursor is after the run: what is typed next follows it.
        h.type_text("!");
        assert!(h.text_of(FieldId::LearningNeeds).ends_with("tiden.!"));
    }
    assert_eq!(by_key.app.status, as_run.app.status);
}

#[test]
fn a_run_of_keys_where_no_text_field_has_the_keyboard_is_a_run_of_commands() {
    let mut h = Harness::new();
    assert_eq!(h.app.pane, Pane::Reminders);
    // "2" goes to the students, "/" starts the filter, and the rest is typed into it.
    h.run(keys_of("2/Sørensen"));
    assert_eq!(h.app.pane, Pane::Students);
    assert!(h.app.students.filtering);
    assert_eq!(h.app.students.filter, "Sørensen");
}

#[test]
fn a_mebibyte_typed_in_as_keys_is_kept_to_the_last_character() {
    // One line of it: Enter moves on in a one-line field and is never part of a run.
    let text = mebibyte_of_minutes().replace(['\n', '\t'], " ");
    let mut h = Harness::new();
    h.open_student("Mikkel");
    h.key(KeyCode::Char('s'));
    h.focus(FieldId::LearningNeeds);
    h.run(keys_of(&text));
    assert_same_bytes(&h.text_of(FieldId::LearningNeeds), &text, "the field");
}
