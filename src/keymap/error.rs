//! Errors in keymap files, with enough structure for the app to word its own message.

use std::fmt;
use std::path::PathBuf;

use crate::app::Action;

use super::notation::KeyParseError;

/// A problem in a keymap file: where it is, which key it concerns, and what is wrong.
///
/// `Display` gives an English one-liner (`keymap.toml:7: key "<C-q>": …`); the fields are
/// public so the interface can word the message in the user's language instead.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.located())]
pub struct KeymapError {
    /// The file as it was named to the loader.
    pub file: PathBuf,
    /// 1-based line; `None` when the file could not be read at all.
    pub line: Option<usize>,
    /// The `on` value as written (a sequence joined by spaces), when the error concerns
    /// one binding.
    pub key: Option<String>,
    /// What is wrong.
    pub kind: KeymapErrorKind,
}

/// What is wrong with a keymap file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeymapErrorKind {
    /// The file could not be read (missing, no permission, not UTF-8).
    Unreadable {
        /// The operating system's explanation.
        reason: String,
    },
    /// The text is not valid TOML.
    Syntax {
        /// The TOML parser's explanation.
        message: String,
    },
    /// A required field (`keymap`, `on`, `run`) is missing.
    MissingField {
        /// The field's name.
        field: &'static str,
    },
    /// A field that keymap files do not have, most likely a typo.
    UnknownField {
        /// The field as written.
        field: String,
    },
    /// A field holds the wrong kind of value.
    WrongType {
        /// The field's name.
        field: String,
        /// What it should hold, in English (`"a string"`).
        expected: &'static str,
    },
    /// A table that is not one of the contexts.
    UnknownContext {
        /// The table name as written.
        name: String,
    },
    /// `run` names no action.
    UnknownAction {
        /// The action as written.
        name: String,
    },
    /// `on` cannot be read as keys.
    InvalidKey(KeyParseError),
    /// The same keys are bound twice in one context of one file.
    Duplicate {
        /// The action of the earlier binding.
        first: Action,
        /// Where the earlier binding is.
        first_line: usize,
        /// The action of this binding.
        second: Action,
    },
    /// These keys are a prefix of another binding's keys in the same context (or the
    /// other way round), so one of the two could never run.
    PrefixConflict {
        /// This binding's action.
        action: Action,
        /// The other binding's keys, in help-text form (`g g`).
        other_keys: String,
        /// The other binding's action.
        other_action: Action,
        /// Where the other binding is; `None` when it comes from the built-in keymap.
        other_line: Option<usize>,
    },
    /// An `editor` binding starting with a printable key, which would be typed instead.
    PrintableInEditor {
        /// The action that could never run.
        action: Action,
    },
    /// No key is left for an action every context needs (quit, help).
    Unreachable {
        /// The action without a key.
        action: Action,
        /// The context it cannot be reached in.
        context: super::context::Context,
    },
}

impl KeymapError {
    fn located(&self) -> String {
        let mut out = self.file.display().to_string();
        if let Some(line) = self.line {
            out.push_str(&format!(":{line}"));
        }
        if let Some(key) = &self.key {
            out.push_str(&format!(": key \"{key}\""));
        }
        format!("{out}: {}", self.kind)
    }
}

impl fmt::Display for KeymapErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeymapErrorKind::Unreadable { reason } => write!(f, "cannot read the file: {reason}"),
            KeymapErrorKind::Syntax { message } => write!(f, "not valid TOML: {message}"),
            KeymapErrorKind::MissingField { field } => write!(f, "missing field `{field}`"),
            KeymapErrorKind::UnknownField { field } => write!(f, "unknown field `{field}`"),
            KeymapErrorKind::WrongType { field, expected } => {
                write!(f, "`{field}` must be {expected}")
            }
            KeymapErrorKind::UnknownContext { name } => write!(
                f,
                "unknown context [{name}]; the contexts are global, reminders, students, \
                 timeline and editor"
            ),
            KeymapErrorKind::UnknownAction { name } => write!(f, "unknown action \"{name}\""),
            KeymapErrorKind::InvalidKey(reason) => write!(f, "cannot read the key: {reason}"),
            KeymapErrorKind::Duplicate {
                first,
                first_line,
                second,
            } => write!(
                f,
                "bound twice in the same context: \"{first}\" on line {first_line} and \"{second}\" here"
            ),
            KeymapErrorKind::PrefixConflict {
                action,
                other_keys,
                other_action,
                other_line,
            } => {
                write!(
                    f,
                    "\"{action}\" conflicts with \"{other_keys}\" (\"{other_action}\")"
                )?;
                match other_line {
                    Some(line) => write!(f, " on line {line}: one key sequence starts the other"),
                    None => write!(
                        f,
                        " of the built-in keymap: one key sequence starts the other; \
                         unbind that one with run = \"none\""
                    ),
                }
            }
            KeymapErrorKind::PrintableInEditor { action } => write!(
                f,
                "\"{action}\" cannot start with a printable key in [editor], \
                 where such keys are typed into fields"
            ),
            KeymapErrorKind::Unreachable { action, context } => {
                write!(f, "no key is left for \"{action}\" in [{}]", context.name())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_key_and_problem() {
        let error = KeymapError {
            file: PathBuf::from("keymap.toml"),
            line: Some(7),
            key: Some("<C-q>".into()),
            kind: KeymapErrorKind::UnknownAction {
                name: "qiut".into(),
            },
        };
        assert_eq!(
            error.to_string(),
            "keymap.toml:7: key \"<C-q>\": unknown action \"qiut\""
        );
    }

    #[test]
    fn display_without_line_or_key_names_the_file() {
        let error = KeymapError {
            file: PathBuf::from("/nope/keymap.toml"),
            line: None,
            key: None,
            kind: KeymapErrorKind::Unreadable {
                reason: "not found".into(),
            },
        };
        assert_eq!(
            error.to_string(),
            "/nope/keymap.toml: cannot read the file: not found"
        );
    }
}
