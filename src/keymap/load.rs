//! Building a keymap: the built-in file, a user's file merged over it, or any text.

use std::fs;
use std::path::{Path, PathBuf};

use super::context::Context;
use super::error::{KeymapError, KeymapErrorKind};
use super::file::{Rule, parse_file};
use super::map::Keymap;
use super::merge::merge;
use super::validate::check_rules;
use crate::app::Action;

/// The shipped keymap, compiled in so Fokus works without any file on disk.
const BUILTIN: &str = include_str!("../../keymaps/default.toml");

/// The name built-in errors are reported under.
const BUILTIN_NAME: &str = "keymaps/default.toml";

impl Keymap {
    /// The built-in keymap. Should its file ever fail to load (a unit test guards against
    /// that), the result is an empty keymap and the errors, so the app can still start
    /// and report them.
    pub fn builtin() -> (Keymap, Vec<KeymapError>) {
        Keymap::from_str(BUILTIN, BUILTIN_NAME)
    }

    /// The keymap of exactly the rules in `text` (not merged over the built-in one), or
    /// an empty keymap and every error found; `file` names the text in errors.
    pub fn from_str(text: &str, file: impl AsRef<Path>) -> (Keymap, Vec<KeymapError>) {
        match read_rules(text, file.as_ref()) {
            Ok(rules) => (Keymap::from_rules(&rules), Vec::new()),
            Err(errors) => (Keymap::empty(), errors),
        }
    }

    /// The built-in keymap with the user's keymap `text` merged over it.
    ///
    /// All or nothing, like yazi: if the user's text has any error, the result is the
    /// built-in keymap alone plus every error, so a typo never leaves the user without
    /// a way to quit.
    pub fn load_str(text: &str, file: impl AsRef<Path>) -> (Keymap, Vec<KeymapError>) {
        let (defaults, mut errors) = Keymap::builtin();
        let file = file.as_ref();
        let merged = read_rules(text, file)
            .and_then(|rules| merge(&defaults, &rules, file))
            .and_then(|merged| essentials(merged, file));
        match merged {
            Ok(merged) => (merged, errors),
            Err(user_errors) => {
                errors.extend(user_errors);
                (defaults, errors)
            }
        }
    }

    /// The built-in keymap, with `user_file` merged over it when one is given (see
    /// [`Keymap::load_str`]). A file that is given but cannot be read is an error; pass
    /// the default location only when it exists.
    pub fn load(user_file: Option<&Path>) -> (Keymap, Vec<KeymapError>) {
        let Some(path) = user_file else {
            return Keymap::builtin();
        };
        match fs::read_to_string(path) {
            Ok(text) => Keymap::load_str(&text, path),
            Err(error) => {
                let (defaults, mut errors) = Keymap::builtin();
                errors.push(KeymapError {
                    file: PathBuf::from(path),
                    line: None,
                    key: None,
                    kind: KeymapErrorKind::Unreadable {
                        reason: error.to_string(),
                    },
                });
                (defaults, errors)
            }
        }
    }
}

/// The built-in keymap; see [`Keymap::builtin`].
impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::builtin().0
    }
}

/// Actions every context must keep a key for: a way out and a way to help.
const ESSENTIAL: [Action; 2] = [Action::Quit, Action::Help];

/// `keymap` if every context still has a key for quitting and for help, else an error
/// for each that has not.
fn essentials(keymap: Keymap, file: &Path) -> Result<Keymap, Vec<KeymapError>> {
    let errors: Vec<KeymapError> = Context::ALL
        .into_iter()
        .flat_map(|context| ESSENTIAL.map(|action| (context, action)))
        .filter(|(context, action)| keymap.keys_for(*context, *action).is_empty())
        .map(|(context, action)| KeymapError {
            file: file.to_path_buf(),
            line: None,
            key: None,
            kind: KeymapErrorKind::Unreachable { action, context },
        })
        .collect();
    if errors.is_empty() {
        Ok(keymap)
    } else {
        Err(errors)
    }
}

/// The valid rules of `text`, or all its errors in line order.
fn read_rules(text: &str, file: &Path) -> Result<Vec<Rule>, Vec<KeymapError>> {
    let (rules, mut errors) = parse_file(text, file);
    errors.extend(check_rules(&rules, file));
    if errors.is_empty() {
        Ok(rules)
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}
