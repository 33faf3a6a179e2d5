//! Checks across the rules of one file: bindings that could never run.

use std::path::Path;

use crate::app::Action;

use super::context::Context;
use super::error::{KeymapError, KeymapErrorKind};
use super::file::Rule;
use super::key::{KeyPress, display_sequence};

/// Duplicates, prefix conflicts and printable editor keys among `rules` (in file order).
///
/// `none` rules bind nothing, so they take part only in the duplicate check: unbinding
/// `g g` and binding `g` in the same file is how a user replaces a sequence.
pub(crate) fn check_rules(rules: &[Rule], file: &Path) -> Vec<KeymapError> {
    let mut errors = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        let error = |kind| KeymapError {
            file: file.to_path_buf(),
            line: Some(rule.line),
            key: Some(rule.written.clone()),
            kind,
        };
        let earlier = rules[..i].iter().filter(|r| r.context == rule.context);
        if let Some(first) = earlier.clone().find(|r| r.keys == rule.keys) {
            errors.push(error(KeymapErrorKind::Duplicate {
                first: first.action,
                first_line: first.line,
                second: rule.action,
            }));
        }
        if rule.action == Action::None {
            continue;
        }
        for other in earlier.filter(|r| r.action != Action::None && overlaps(&r.keys, &rule.keys)) {
            errors.push(error(KeymapErrorKind::PrefixConflict {
                action: rule.action,
                other_keys: display_sequence(&other.keys),
                other_action: other.action,
                other_line: Some(other.line),
            }));
        }
        if rule.context == Context::Editor && rule.keys.first().is_some_and(|k| k.is_printable()) {
            errors.push(error(KeymapErrorKind::PrintableInEditor {
                action: rule.action,
            }));
        }
    }
    errors
}

/// Whether one of two different sequences starts the other, so the shorter one would
/// always fire (or always wait) and the longer one could never run.
pub(crate) fn overlaps(a: &[KeyPress], b: &[KeyPress]) -> bool {
    a != b && (a.starts_with(b) || b.starts_with(a))
}
