//! Keymap files as users meet them: every shipped file loads cleanly, the defaults
//! bind every documented action, and each broken file in `tests/keymaps/invalid/` is
//! reported with its file, line and problem while Fokus falls back to the defaults.

use std::fs;
use std::path::{Path, PathBuf};

use fokus::app::Action;
use fokus::keymap::{Context, Keymap};

/// The action names the user documentation promises are bound by default.
const DOCUMENTED: [&str; 21] = [
    "quit",
    "help",
    "next_pane",
    "prev_pane",
    "up",
    "down",
    "open",
    "filter",
    "new_student",
    "edit_student",
    "new_conversation",
    "edit_conversation",
    "save",
    "finalize",
    "escalate",
    "deescalate",
    "snooze",
    "done",
    "add_agreement",
    "add_note",
    "cancel",
];

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .path()
        })
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    files
}

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_shipped_keymap_file_loads_without_errors() {
    let files = toml_files(&crate_dir().join("keymaps"));
    assert!(!files.is_empty(), "no keymap files found");
    for file in files {
        let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let (_, errors) = Keymap::from_str(&text, &file);
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
        let (_, errors) = Keymap::load(Some(&file));
        assert!(
            errors.is_empty(),
            "{} merged over the defaults: {errors:#?}",
            file.display()
        );
    }
}

#[test]
fn default_keymap_binds_every_documented_action() {
    let (keymap, errors) = Keymap::builtin();
    assert!(errors.is_empty(), "{errors:#?}");
    for name in DOCUMENTED {
        let action = Action::from_name(name).unwrap_or_else(|| panic!("no action named {name}"));
        let bound = Context::ALL
            .into_iter()
            .any(|context| !keymap.keys_for(context, action).is_empty());
        assert!(bound, "the default keymap does not bind \"{name}\"");
    }
}

#[test]
fn each_invalid_keymap_file_is_reported_with_file_line_and_problem() {
    let files = toml_files(&crate_dir().join("tests/keymaps/invalid"));
    assert!(!files.is_empty(), "no invalid keymap fixtures found");
    for file in files {
        let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let expected = text
            .lines()
            .next()
            .and_then(|line| line.strip_prefix("# expect: "))
            .unwrap_or_else(|| panic!("{} lacks an `# expect: ` first line", file.display()));
        let (keymap, errors) = Keymap::load(Some(&file));
        assert_eq!(
            keymap,
            Keymap::default(),
            "{} did not fall back",
            file.display()
        );
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(
            messages.iter().any(|m| m.contains(expected)),
            "{}: expected \"{expected}\" among {messages:#?}",
            file.display()
        );
        assert!(errors.iter().all(|e| e.file == file));
    }
}
