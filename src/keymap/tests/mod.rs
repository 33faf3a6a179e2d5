//! Behaviour of whole keymap files: errors, merging and lookup.

mod errors;
mod lookup;
mod merging;

use std::path::PathBuf;

use super::*;

/// The errors of `text` read on its own as `test.toml`.
fn errors_of(text: &str) -> Vec<KeymapError> {
    Keymap::from_str(text, "test.toml").1
}

/// The only error of `text`, failing the test otherwise.
fn only_error(text: &str) -> KeymapError {
    let mut errors = errors_of(text);
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    errors.remove(0)
}

/// `text` read on its own; fails the test on any error.
fn keymap(text: &str) -> Keymap {
    let (keymap, errors) = Keymap::from_str(text, "test.toml");
    assert_eq!(errors, Vec::new());
    keymap
}

fn key(written: &str) -> KeyPress {
    match written.parse() {
        Ok(key) => key,
        Err(e) => panic!("{written}: {e}"),
    }
}

fn test_file() -> PathBuf {
    PathBuf::from("test.toml")
}
