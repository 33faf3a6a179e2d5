//! Merging a user's keymap file over the built-in one.

use std::path::Path;

use crate::app::Action;

use super::error::{KeymapError, KeymapErrorKind};
use super::file::Rule;
use super::key::display_sequence;
use super::map::{Binding, Keymap};
use super::validate::overlaps;

/// `defaults` with the user's already validated `rules` applied: a rule replaces the
/// default binding of the same keys in the same context, `none` removes it, and other
/// rules are added. A user sequence that overlaps a remaining default one (`g` against
/// `g g`) is an error, since one of the two could never run.
pub(crate) fn merge(
    defaults: &Keymap,
    rules: &[Rule],
    file: &Path,
) -> Result<Keymap, Vec<KeymapError>> {
    let mut merged = defaults.clone();
    for rule in rules {
        let bindings = &mut merged.contexts[rule.context.index()];
        let existing = bindings.iter().position(|b| b.keys == rule.keys);
        match (existing, rule.action) {
            (Some(at), Action::None) => {
                bindings.remove(at);
            }
            (Some(at), action) => bindings[at].action = action,
            (None, Action::None) => {}
            (None, action) => bindings.push(Binding {
                keys: rule.keys.clone(),
                action,
            }),
        }
    }

    let mut errors = Vec::new();
    for rule in rules.iter().filter(|r| r.action != Action::None) {
        let from_user = |b: &&Binding| {
            rules
                .iter()
                .any(|r| r.context == rule.context && r.keys == b.keys)
        };
        for default in merged.contexts[rule.context.index()]
            .iter()
            .filter(|b| !from_user(b) && overlaps(&b.keys, &rule.keys))
        {
            errors.push(KeymapError {
                file: file.to_path_buf(),
                line: Some(rule.line),
                key: Some(rule.written.clone()),
                kind: KeymapErrorKind::PrefixConflict {
                    action: rule.action,
                    other_keys: display_sequence(&default.keys),
                    other_action: default.action,
                    other_line: None,
                },
            });
        }
    }
    if errors.is_empty() {
        Ok(merged)
    } else {
        Err(errors)
    }
}
