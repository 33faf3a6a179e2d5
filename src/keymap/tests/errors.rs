use super::*;
use crate::app::Action;

#[test]
fn builtin_keymap_loads_without_errors() {
    let (keymap, errors) = Keymap::builtin();
    assert_eq!(errors, Vec::new());
    assert_ne!(keymap, Keymap::empty());
    assert_eq!(Keymap::default(), keymap);
}

#[test]
fn toml_syntax_error_names_file_and_line() {
    let error = only_error(
        "[global]\nkeymap = [\n  { on = \"q\", run = \"quit\" }\n  { on = \"?\" },\n]\n",
    );
    assert_eq!(error.file, test_file());
    assert_eq!(error.line, Some(4));
    assert!(
        matches!(error.kind, KeymapErrorKind::Syntax { .. }),
        "{error:?}"
    );
}

#[test]
fn unknown_context_is_an_error_naming_file_and_line() {
    let error = only_error("[global]\nkeymap = []\n\n[studnets]\nkeymap = []\n");
    assert_eq!(error.line, Some(4));
    assert_eq!(
        error.kind,
        KeymapErrorKind::UnknownContext {
            name: "studnets".into()
        }
    );
    assert!(
        error
            .to_string()
            .starts_with("test.toml:4: unknown context [studnets]")
    );
}

#[test]
fn unknown_action_is_an_error_naming_file_line_and_key() {
    let error = only_error(
        "[global]\nkeymap = [\n  { on = \"q\", run = \"quit\" },\n  { on = \"<C-q>\", run = \"qiut\" },\n]\n",
    );
    assert_eq!(error.file, test_file());
    assert_eq!(error.line, Some(4));
    assert_eq!(error.key.as_deref(), Some("<C-q>"));
    assert_eq!(
        error.kind,
        KeymapErrorKind::UnknownAction {
            name: "qiut".into()
        }
    );
    assert_eq!(
        error.to_string(),
        "test.toml:4: key \"<C-q>\": unknown action \"qiut\""
    );
}

#[test]
fn unparsable_key_is_an_error_naming_line_and_key_as_written() {
    let error = only_error("[global]\nkeymap = [\n\n  { on = \"<Ctrl-q>\", run = \"quit\" },\n]\n");
    assert_eq!(error.line, Some(4));
    assert_eq!(error.key.as_deref(), Some("<Ctrl-q>"));
    assert_eq!(
        error.kind,
        KeymapErrorKind::InvalidKey(KeyParseError::UnknownName("<Ctrl-q>".into()))
    );
}

#[test]
fn sequence_longer_than_three_keys_is_an_error() {
    let error =
        only_error("[global]\nkeymap = [{ on = [\"g\", \"g\", \"g\", \"g\"], run = \"top\" }]\n");
    assert_eq!(error.line, Some(2));
    assert_eq!(error.key.as_deref(), Some("g g g g"));
    assert_eq!(
        error.kind,
        KeymapErrorKind::InvalidKey(KeyParseError::TooLong(4))
    );
}

#[test]
fn same_keys_bound_twice_in_a_context_is_a_conflict_naming_both_actions() {
    let error = only_error(
        "[students]\nkeymap = [\n  { on = \"n\", run = \"new_student\" },\n  { on = \"<Down>\", run = \"down\" },\n  { on = \"n\", run = \"add_note\" },\n]\n",
    );
    assert_eq!(error.line, Some(5));
    assert_eq!(error.key.as_deref(), Some("n"));
    assert_eq!(
        error.kind,
        KeymapErrorKind::Duplicate {
            first: Action::NewStudent,
            first_line: 3,
            second: Action::AddNote,
        }
    );
    let shown = error.to_string();
    assert!(
        shown.contains("new_student") && shown.contains("add_note"),
        "{shown}"
    );
}

#[test]
fn same_keys_in_different_contexts_are_not_a_conflict() {
    keymap(
        "[students]\nkeymap = [{ on = \"n\", run = \"new_student\" }]\n[timeline]\nkeymap = [{ on = \"n\", run = \"add_note\" }]\n",
    );
}

#[test]
fn sequence_that_starts_another_in_the_same_context_is_a_conflict() {
    let error = only_error(
        "[global]\nkeymap = [\n  { on = [\"g\", \"g\"], run = \"top\" },\n  { on = \"g\", run = \"bottom\" },\n]\n",
    );
    assert_eq!(error.line, Some(4));
    assert_eq!(error.key.as_deref(), Some("g"));
    assert_eq!(
        error.kind,
        KeymapErrorKind::PrefixConflict {
            action: Action::Bottom,
            other_keys: "g g".into(),
            other_action: Action::Top,
            other_line: Some(3),
        }
    );
}

#[test]
fn printable_key_in_the_editor_is_an_error() {
    let error = only_error(
        "[editor]\nkeymap = [\n  { on = \"<C-s>\", run = \"save\" },\n  { on = \"s\", run = \"save\" },\n]\n",
    );
    assert_eq!(error.line, Some(4));
    assert_eq!(error.key.as_deref(), Some("s"));
    assert_eq!(
        error.kind,
        KeymapErrorKind::PrintableInEditor {
            action: Action::Save
        }
    );
    let space = only_error("[editor]\nkeymap = [{ on = \"<Space>\", run = \"toggle\" }]\n");
    assert!(matches!(
        space.kind,
        KeymapErrorKind::PrintableInEditor { .. }
    ));
}

#[test]
fn misshapen_rules_are_errors_with_their_line() {
    let errors = errors_of(
        "[global]\nkeymap = [\n  { on = \"q\" },\n  { run = \"quit\" },\n  { on = 5, run = \"quit\" },\n  { on = \"x\", run = \"quit\", dsec = \"typo\" },\n]\n[reminders]\nbindings = []\n",
    );
    let found: Vec<_> = errors.iter().map(|e| (e.line, e.kind.clone())).collect();
    assert_eq!(
        found,
        vec![
            (Some(3), KeymapErrorKind::MissingField { field: "run" }),
            (Some(4), KeymapErrorKind::MissingField { field: "on" }),
            (
                Some(5),
                KeymapErrorKind::WrongType {
                    field: "on".into(),
                    expected: "a string or an array of strings"
                }
            ),
            (
                Some(6),
                KeymapErrorKind::UnknownField {
                    field: "dsec".into()
                }
            ),
            (Some(8), KeymapErrorKind::MissingField { field: "keymap" }),
            (
                Some(9),
                KeymapErrorKind::UnknownField {
                    field: "bindings".into()
                }
            ),
        ]
    );
}

#[test]
fn every_error_of_a_file_is_collected_in_line_order() {
    let errors = errors_of(
        "[global]\nkeymap = [\n  { on = \"q\", run = \"qiut\" },\n  { on = \"<Nope>\", run = \"help\" },\n  { on = \"j\", run = \"down\", desc = \"fine\" },\n]\n\n[pane]\nkeymap = []\n\n[editor]\nkeymap = [{ on = \"x\", run = \"delete\" }]\n",
    );
    let lines: Vec<_> = errors.iter().map(|e| e.line).collect();
    assert_eq!(
        lines,
        vec![Some(3), Some(4), Some(8), Some(12)],
        "{errors:#?}"
    );
}

#[test]
fn a_file_with_errors_yields_an_empty_keymap() {
    let (keymap, errors) = Keymap::from_str(
        "[global]\nkeymap = [{ on = \"q\", run = \"qiut\" }]\n",
        "x.toml",
    );
    assert_eq!(errors.len(), 1);
    assert_eq!(keymap, Keymap::empty());
}

#[test]
fn a_keymap_that_leaves_no_key_to_quit_or_for_help_somewhere_is_refused() {
    let text = r#"
[global]
keymap = [
  { on = "q", run = "none" },
  { on = "<C-q>", run = "none" },
  { on = "<C-c>", run = "none" },
]
"#;
    let (keymap, errors) = Keymap::load_str(text, "keymap.toml");
    let unreachable: Vec<_> = errors
        .iter()
        .filter_map(|e| match &e.kind {
            KeymapErrorKind::Unreachable { action, context } => Some((*action, *context)),
            _ => None,
        })
        .collect();
    assert!(
        unreachable.contains(&(Action::Quit, Context::Reminders)),
        "{errors:?}"
    );
    assert!(!unreachable.iter().any(|(a, _)| *a == Action::Help));
    // The built-in keys are used instead, so there is still a way out.
    assert!(!keymap.keys_for(Context::Reminders, Action::Quit).is_empty());
    // Removing one of several ways out is fine.
    let (_, errors) = Keymap::load_str(
        "[global]\nkeymap = [ { on = \"q\", run = \"none\" } ]\n",
        "keymap.toml",
    );
    assert!(errors.is_empty(), "{errors:?}");
}
