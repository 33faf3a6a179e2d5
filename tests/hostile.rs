//! Hostile amounts: what a terminal without bracketed paste sends when 100 KB is pasted,
//! each character a keystroke and each line an Enter.
//!
//! It runs the real binary and prints its figures; the bound it asserts is far above the
//! target (1 s), so that a slow test machine does not fail it, and far below what the
//! defect it guards against cost (more than five minutes, or never, with the end of the
//! paste left unread until the next key).

mod support;

use std::time::{Duration, Instant};

use support::{Key, Sandbox};

const COLS: u16 = 120;
const ROWS: u16 = 40;

/// About 100 KB of minutes as a terminal types a paste: lines ended by carriage returns.
fn typed_in_paste(bytes: usize, end: &str) -> String {
    let line = "Eleven fortæller om vagterne, og vejlederen foreslår faste møder hver tirsdag.";
    let mut text = String::with_capacity(bytes + 100);
    while text.len() + line.len() + end.len() < bytes {
        text.push_str(line);
        text.push('\r');
    }
    text.push_str(end);
    text
}

/// The demo data with a note opened on the first student.
fn open_a_note(sandbox: &Sandbox) -> support::Tui {
    sandbox.fill_demo();
    let mut tui = sandbox.start(std::iter::empty::<&str>(), COLS, ROWS);
    tui.wait_for("Påmindelser");
    tui.send("2");
    tui.wait_for("Elever –");
    tui.send("b");
    tui.wait_for("Notat om");
    tui
}

#[test]
fn a_paste_typed_in_as_keystrokes_appears_at_once_and_the_app_stays_responsive() {
    let sandbox = Sandbox::new();
    let mut tui = open_a_note(&sandbox);

    let end = "SLUTMÆRKE-42";
    let text = typed_in_paste(100 * 1024, end);
    let started = Instant::now();
    tui.send(&text);
    tui.wait_for_within(end, Duration::from_secs(60));
    let shown = started.elapsed();

    // Still answering keys: saving takes the whole text and says so at once.
    let asked = Instant::now();
    tui.key(Key::Ctrl('s'));
    tui.wait_for("gemt");
    let answered = asked.elapsed();
    println!(
        "typed-in paste: {} KB shown after {} ms; saved {} ms later",
        text.len() / 1024,
        shown.as_millis(),
        answered.as_millis()
    );
    tui.wait_gone("Notat om");
    tui.send("q");
    tui.wait_exit();

    // Every character and line break is in the note that was saved.
    let notes = notes_with(&sandbox, end);
    assert_eq!(notes.len(), 1, "one note holds the paste");
    assert!(
        notes[0] == text.replace('\r', "\n"),
        "the note is the paste, line for line"
    );
}

/// The saved notes that hold `marker`.
fn notes_with(sandbox: &Sandbox, marker: &str) -> Vec<String> {
    let store = sandbox.open_store();
    fokus::store::Store::summaries(&store)
        .unwrap()
        .iter()
        .flat_map(|s| fokus::store::Store::load_case(&store, s.id).unwrap().events)
        .filter_map(|e| match e.kind {
            fokus::domain::EventKind::Note { text } => Some(text),
            _ => None,
        })
        .filter(|t| t.contains(marker))
        .collect()
}

#[test]
fn lines_typed_in_with_line_feeds_are_kept_not_deleted() {
    // Some terminals send a pasted line break as a line feed, which arrives as Ctrl-J:
    // a new line, never the editing shortcut that deletes back to the start of the line.
    let sandbox = Sandbox::new();
    let mut tui = open_a_note(&sandbox);
    tui.send("Første linje\nAnden linje\nSLUT-LF");
    tui.wait_for("SLUT-LF");
    tui.key(Key::Ctrl('s'));
    tui.wait_for("gemt");
    tui.wait_gone("Notat om");
    tui.send("q");
    tui.wait_exit();
    assert_eq!(
        notes_with(&sandbox, "SLUT-LF"),
        vec!["Første linje\nAnden linje\nSLUT-LF".to_string()]
    );
}
