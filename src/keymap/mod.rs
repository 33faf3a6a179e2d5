//! Keymaps: key parsing, contexts, merging the user's file over the defaults, validation.
//!
//! A keymap file has one table per [`Context`], each holding rules
//! `{ on = "<C-s>", run = "save" }`; see `keymaps/default.toml` for the format. Every
//! problem in a file is reported as a [`KeymapError`] with its file, line and key.

mod context;
mod error;
mod file;
mod key;
mod load;
mod map;
mod merge;
mod notation;
mod validate;

#[cfg(test)]
mod tests;

pub use context::Context;
pub use error::{KeymapError, KeymapErrorKind};
pub use key::{KeyCode, KeyPress, Modifiers, display_sequence};
pub use map::{Keymap, Resolution};
pub use notation::{KeyParseError, MAX_SEQUENCE, parse_sequence, sequence_notation};
