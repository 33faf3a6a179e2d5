use std::io::Write;

use super::*;
use crate::app::Action;

fn resolve(keymap: &Keymap, context: Context, keys: &[&str]) -> Resolution {
    let keys: Vec<KeyPress> = keys.iter().map(|k| key(k)).collect();
    match keys.split_last() {
        Some((last, pending)) => keymap.resolve(context, pending, *last, false),
        None => Resolution::NoMatch,
    }
}

#[test]
fn no_user_file_gives_the_builtin_keymap() {
    let (keymap, errors) = Keymap::load(None);
    assert_eq!(errors, Vec::new());
    assert_eq!(keymap, Keymap::default());
}

#[test]
fn user_binding_replaces_the_default_of_the_same_keys_and_adds_new_ones() {
    let (keymap, errors) = Keymap::load_str(
        "[students]\nkeymap = [\n  { on = \"n\", run = \"add_note\" },\n  { on = \"<C-n>\", run = \"new_student\" },\n]\n",
        "user.toml",
    );
    assert_eq!(errors, Vec::new());
    let students = Context::Students;
    assert_eq!(
        resolve(&keymap, students, &["n"]),
        Resolution::Action(Action::AddNote)
    );
    assert_eq!(
        resolve(&keymap, students, &["<C-n>"]),
        Resolution::Action(Action::NewStudent)
    );
    // Untouched defaults stay.
    assert_eq!(
        resolve(&keymap, students, &["e"]),
        Resolution::Action(Action::EditStudent)
    );
    assert_eq!(
        keymap.keys_for(students, Action::NewStudent),
        vec!["Ctrl-N"]
    );
}

#[test]
fn run_none_removes_a_default_binding() {
    let (keymap, errors) = Keymap::load_str(
        "[global]\nkeymap = [{ on = \"q\", run = \"none\" }]\n",
        "user.toml",
    );
    assert_eq!(errors, Vec::new());
    assert_eq!(
        resolve(&keymap, Context::Global, &["q"]),
        Resolution::NoMatch
    );
    assert_eq!(
        keymap.keys_for(Context::Global, Action::Quit),
        vec!["Ctrl-Q", "Ctrl-C"]
    );
    assert!(
        keymap
            .bindings(Context::Global)
            .iter()
            .all(|(_, a)| *a != Action::None)
    );
}

#[test]
fn unbinding_a_sequence_lets_the_user_bind_its_prefix() {
    let (keymap, errors) = Keymap::load_str(
        "[global]\nkeymap = [\n  { on = [\"g\", \"g\"], run = \"none\" },\n  { on = \"g\", run = \"top\" },\n]\n",
        "user.toml",
    );
    assert_eq!(errors, Vec::new());
    assert_eq!(
        resolve(&keymap, Context::Global, &["g"]),
        Resolution::Action(Action::Top)
    );
}

#[test]
fn user_sequence_overlapping_a_remaining_default_is_an_error_and_falls_back() {
    let (keymap, errors) = Keymap::load_str(
        "[global]\nkeymap = [\n  { on = \"?\", run = \"none\" },\n  { on = \"g\", run = \"bottom\" },\n]\n",
        "user.toml",
    );
    assert_eq!(keymap, Keymap::default());
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].line, Some(4));
    assert_eq!(errors[0].file, PathBuf::from("user.toml"));
    assert_eq!(
        errors[0].kind,
        KeymapErrorKind::PrefixConflict {
            action: Action::Bottom,
            other_keys: "g g".into(),
            other_action: Action::Top,
            other_line: None,
        }
    );
}

#[test]
fn any_error_in_the_user_file_falls_back_to_the_defaults_alone() {
    let (keymap, errors) = Keymap::load_str(
        "[global]\nkeymap = [\n  { on = \"q\", run = \"none\" },\n  { on = \"x\", run = \"qiut\" },\n]\n",
        "user.toml",
    );
    assert_eq!(keymap, Keymap::default());
    assert_eq!(errors.len(), 1);
    assert_eq!(
        resolve(&keymap, Context::Global, &["q"]),
        Resolution::Action(Action::Quit)
    );
}

#[test]
fn user_file_is_read_from_disk() {
    let mut file = match tempfile::NamedTempFile::new() {
        Ok(file) => file,
        Err(e) => panic!("temp file: {e}"),
    };
    let written = file.write_all(b"[reminders]\nkeymap = [{ on = \"z\", run = \"snooze\" }]\n");
    assert!(written.is_ok());
    let (keymap, errors) = Keymap::load(Some(file.path()));
    assert_eq!(errors, Vec::new());
    assert_eq!(
        resolve(&keymap, Context::Reminders, &["z"]),
        Resolution::Action(Action::Snooze)
    );
}

#[test]
fn missing_user_file_given_explicitly_is_an_error_and_falls_back() {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => panic!("temp dir: {e}"),
    };
    let path = dir.path().join("keymap.toml");
    let (keymap, errors) = Keymap::load(Some(&path));
    assert_eq!(keymap, Keymap::default());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].file, path);
    assert_eq!(errors[0].line, None);
    assert!(matches!(errors[0].kind, KeymapErrorKind::Unreadable { .. }));
}
