use super::*;
use crate::app::Action;

fn press(
    keymap: &Keymap,
    context: Context,
    pending: &[&str],
    written: &str,
    typing: bool,
) -> Resolution {
    let pending: Vec<KeyPress> = pending.iter().map(|k| key(k)).collect();
    keymap.resolve(context, &pending, key(written), typing)
}

#[test]
fn sequence_is_pending_after_its_first_key_then_runs() {
    let keymap = Keymap::default();
    assert_eq!(
        press(&keymap, Context::Students, &[], "g", false),
        Resolution::Pending
    );
    assert_eq!(
        press(&keymap, Context::Students, &["g"], "g", false),
        Resolution::Action(Action::Top)
    );
    assert_eq!(
        press(&keymap, Context::Students, &["g"], "x", false),
        Resolution::NoMatch
    );
}

#[test]
fn context_bindings_win_over_global_ones() {
    let keymap = keymap(
        "[global]\nkeymap = [{ on = \"s\", run = \"save\" }, { on = \"q\", run = \"quit\" }]\n[reminders]\nkeymap = [{ on = \"s\", run = \"snooze\" }]\n",
    );
    let reminders = Context::Reminders;
    assert_eq!(
        press(&keymap, reminders, &[], "s", false),
        Resolution::Action(Action::Snooze)
    );
    assert_eq!(
        press(&keymap, reminders, &[], "q", false),
        Resolution::Action(Action::Quit)
    );
    assert_eq!(
        press(&keymap, Context::Global, &[], "s", false),
        Resolution::Action(Action::Save)
    );
    assert_eq!(
        keymap.keys_for(reminders, Action::Save),
        Vec::<String>::new()
    );
}

#[test]
fn started_context_sequence_wins_over_global_key() {
    let keymap = keymap(
        "[global]\nkeymap = [{ on = \"g\", run = \"top\" }]\n[timeline]\nkeymap = [{ on = [\"g\", \"t\"], run = \"add_addendum\" }]\n",
    );
    assert_eq!(
        press(&keymap, Context::Timeline, &[], "g", false),
        Resolution::Pending
    );
    assert_eq!(
        press(&keymap, Context::Timeline, &["g"], "t", false),
        Resolution::Action(Action::AddAddendum)
    );
    assert_eq!(
        press(&keymap, Context::Students, &[], "g", false),
        Resolution::Action(Action::Top)
    );
}

#[test]
fn typing_skips_printable_global_keys_but_not_ctrl_q_or_esc() {
    let keymap = Keymap::default();
    let editor = Context::Editor;
    for printable in ["q", "?", "j", "G", "g", "1", "<Space>"] {
        assert_eq!(
            press(&keymap, editor, &[], printable, true),
            Resolution::NoMatch,
            "{printable}"
        );
    }
    assert_eq!(
        press(&keymap, editor, &[], "<C-q>", true),
        Resolution::Action(Action::Quit)
    );
    assert_eq!(
        press(&keymap, editor, &[], "<Esc>", true),
        Resolution::Action(Action::Cancel)
    );
    assert_eq!(
        press(&keymap, editor, &[], "<C-s>", true),
        Resolution::Action(Action::Save)
    );
    assert_eq!(
        press(&keymap, editor, &[], "<Up>", true),
        Resolution::Action(Action::Up)
    );
}

#[test]
fn typing_skips_printable_keys_in_pane_contexts_too() {
    let keymap = Keymap::default();
    assert_eq!(
        press(&keymap, Context::Students, &[], "/", true),
        Resolution::NoMatch
    );
    assert_eq!(
        press(&keymap, Context::Students, &[], "/", false),
        Resolution::Action(Action::Filter)
    );
    assert_eq!(
        press(&keymap, Context::Students, &[], "<Enter>", true),
        Resolution::Action(Action::Open)
    );
}

#[test]
fn terminal_events_resolve_like_the_written_keys() {
    use crossterm::event::{KeyCode as Code, KeyEvent, KeyModifiers as Mods};
    let keymap = Keymap::default();
    let resolve = |code, mods| {
        KeyPress::from_event(&KeyEvent::new(code, mods))
            .map(|k| keymap.resolve(Context::Editor, &[], k, true))
    };
    let prev = Some(Resolution::Action(Action::PrevField));
    assert_eq!(resolve(Code::BackTab, Mods::SHIFT), prev);
    assert_eq!(
        resolve(Code::Char('S'), Mods::CONTROL | Mods::SHIFT),
        Some(Resolution::Action(Action::Save))
    );
    let bottom = Some(Resolution::Action(Action::Bottom));
    let students = |code, mods| {
        KeyPress::from_event(&KeyEvent::new(code, mods))
            .map(|k| keymap.resolve(Context::Students, &[], k, false))
    };
    assert_eq!(students(Code::Char('G'), Mods::SHIFT), bottom);
    assert_eq!(students(Code::Char('G'), Mods::NONE), bottom);
}

#[test]
fn bindings_lists_the_context_alone_sorted_by_action_then_keys() {
    let keymap = Keymap::default();
    let editor = keymap.bindings(Context::Editor);
    let actions: Vec<Action> = editor.iter().map(|(_, a)| *a).collect();
    let mut sorted = actions.clone();
    sorted.sort();
    assert_eq!(actions, sorted);
    assert!(!actions.contains(&Action::Quit));
    let save: Vec<String> = editor
        .iter()
        .filter(|(_, a)| *a == Action::Save)
        .map(|(k, _)| display_sequence(k))
        .collect();
    assert_eq!(save.len(), 2);
    assert!(save.contains(&"Ctrl-S".to_string()) && save.contains(&"F2".to_string()));
}

#[test]
fn keys_for_lists_context_keys_then_reachable_global_ones() {
    let keymap = Keymap::default();
    assert_eq!(
        keymap.keys_for(Context::Global, Action::Quit),
        vec!["q", "Ctrl-Q", "Ctrl-C"]
    );
    assert_eq!(
        keymap.keys_for(Context::Students, Action::Top),
        vec!["Home", "g g"]
    );
    assert_eq!(
        keymap.keys_for(Context::Editor, Action::Save),
        vec!["Ctrl-S", "F2"]
    );
    // In the editor, q is typed, Tab moves between fields and Ctrl-C copies.
    assert_eq!(
        keymap.keys_for(Context::Editor, Action::Quit),
        vec!["Ctrl-Q"]
    );
    assert_eq!(
        keymap.keys_for(Context::Editor, Action::Copy),
        vec!["Ctrl-C"]
    );
    assert_eq!(
        keymap.keys_for(Context::Editor, Action::NextPane),
        Vec::<String>::new()
    );
    assert_eq!(
        keymap.keys_for(Context::Timeline, Action::Help),
        vec!["?", "F1"]
    );
}
