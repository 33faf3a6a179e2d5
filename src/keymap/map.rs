//! The resolved keymap and looking keys up in it.

use crate::app::Action;

use super::context::Context;
use super::file::Rule;
use super::key::{KeyPress, display_sequence};
use super::validate::overlaps;

/// Key sequences bound to actions, per context. Build it with [`Keymap::load`],
/// [`Keymap::builtin`] or [`Keymap::from_str`]; it never holds `none` bindings, and
/// within a context no sequence is a prefix of another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    /// Bindings per context (indexed by [`Context::index`]), in file order so help text
    /// lists the first-written key of an action first.
    pub(crate) contexts: [Vec<Binding>; Context::ALL.len()],
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Binding {
    pub keys: Vec<KeyPress>,
    pub action: Action,
}

/// What a key press means, given the keys pressed before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Run this action; the caller clears its pending keys.
    Action(Action),
    /// The keys so far start a longer sequence: keep them and wait for the next key.
    Pending,
    /// Nothing is bound; the caller clears its pending keys.
    NoMatch,
}

impl Keymap {
    /// A keymap of already validated rules; `none` rules are dropped.
    pub(crate) fn from_rules(rules: &[Rule]) -> Keymap {
        let mut keymap = Keymap::empty();
        for rule in rules.iter().filter(|r| r.action != Action::None) {
            keymap.contexts[rule.context.index()].push(Binding {
                keys: rule.keys.clone(),
                action: rule.action,
            });
        }
        keymap
    }

    /// A keymap that binds nothing.
    pub fn empty() -> Keymap {
        Keymap {
            contexts: Default::default(),
        }
    }

    /// What `key` means in `context` after the still `pending` keys.
    ///
    /// Bindings of `context` win over global ones, including a context sequence that is
    /// only started. While `typing` (a text field has focus), bindings that start with a
    /// printable key are skipped everywhere so the character reaches the field.
    pub fn resolve(
        &self,
        context: Context,
        pending: &[KeyPress],
        key: KeyPress,
        typing: bool,
    ) -> Resolution {
        let mut keys = pending.to_vec();
        keys.push(key);
        if typing && keys.first().is_some_and(|k| k.is_printable()) {
            return Resolution::NoMatch;
        }
        [context, Context::Global]
            .into_iter()
            .find_map(|context| self.lookup(context, &keys))
            .unwrap_or(Resolution::NoMatch)
    }

    fn lookup(&self, context: Context, keys: &[KeyPress]) -> Option<Resolution> {
        let mut started = false;
        for binding in &self.contexts[context.index()] {
            if binding.keys == keys {
                return Some(Resolution::Action(binding.action));
            }
            started |= binding.keys.starts_with(keys);
        }
        started.then_some(Resolution::Pending)
    }

    /// The bindings of `context` alone (not the global ones), sorted by action and keys.
    pub fn bindings(&self, context: Context) -> Vec<(Vec<KeyPress>, Action)> {
        let mut bindings: Vec<_> = self.contexts[context.index()]
            .iter()
            .map(|b| (b.keys.clone(), b.action))
            .collect();
        bindings.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
        bindings
    }

    /// The keys that run `action` in `context`, in help-text form (`Ctrl-S`, `g g`):
    /// the context's own first, then global ones the context does not shadow. In the
    /// editor, global keys starting with a printable key are left out, because there
    /// they are typed into the field.
    pub fn keys_for(&self, context: Context, action: Action) -> Vec<String> {
        let own = &self.contexts[context.index()];
        let mut keys: Vec<String> = own
            .iter()
            .filter(|b| b.action == action)
            .map(|b| display_sequence(&b.keys))
            .collect();
        if context != Context::Global {
            // A context binding that equals or overlaps a global one always fires first.
            let shadowed = |b: &Binding| {
                own.iter()
                    .any(|o| o.keys == b.keys || overlaps(&o.keys, &b.keys))
            };
            let typed = |b: &Binding| {
                context == Context::Editor && b.keys.first().is_some_and(|k| k.is_printable())
            };
            keys.extend(
                self.contexts[Context::Global.index()]
                    .iter()
                    .filter(|b| b.action == action)
                    .filter(|b| !shadowed(b) && !typed(b))
                    .map(|b| display_sequence(&b.keys)),
            );
        }
        keys
    }
}
