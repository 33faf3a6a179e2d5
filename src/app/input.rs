//! Keys before `update`: what a key press means where the keyboard is, read against the
//! keymap. The reader keeps the first keys of a sequence ("g g") between presses; what it
//! makes of a key is a [`Msg`] for `update`, which never sees the keymap.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::Action;
use super::form::{FieldKind, is_line_feed};
use super::msg::Msg;
use super::state::{App, Modal};
use super::update::input_context;
use crate::keymap::{Context, KeyPress, Keymap, Resolution};

/// Turns key presses into messages, one press at a time.
#[derive(Clone, Debug, Default)]
pub struct KeyReader {
    /// The keys of a sequence typed so far.
    pending: Vec<KeyPress>,
}

impl KeyReader {
    pub fn new() -> KeyReader {
        KeyReader::default()
    }

    /// The keys of an unfinished sequence.
    pub fn pending(&self) -> &[KeyPress] {
        &self.pending
    }

    /// What `key` means in `app` as it is now: an action, a key for the text field or
    /// dialog that has the keyboard, or a key that does nothing here. Nothing while a
    /// sequence is under way, or for a key's release.
    pub fn read(&mut self, app: &App, keymap: &Keymap, key: KeyEvent) -> Option<Msg> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        let (context, typing) = input_context(app);
        let press = KeyPress::from(key);
        let mut resolution = keymap.resolve(context, &self.pending, press, typing);
        if resolution == Resolution::NoMatch && !self.pending.is_empty() {
            // An unfinished sequence followed by another key: the new key stands alone.
            self.pending.clear();
            resolution = keymap.resolve(context, &[], press, typing);
        }
        match resolution {
            Resolution::Pending => {
                self.pending.push(press);
                None
            }
            Resolution::Action(action) => {
                self.pending.clear();
                // Arrow keys, Home and End move the cursor inside text, whatever they are
                // bound to.
                Some(if typing && is_movement(action) {
                    Msg::RawKey(key)
                } else {
                    Msg::Action(action)
                })
            }
            Resolution::NoMatch => {
                self.pending.clear();
                // Locked minutes take the timeline's addendum key, as their key hints say.
                if let Some(Modal::Conversation(e)) = app.modal()
                    && e.form.read_only
                    && e.agreement.is_none()
                    && keymap.resolve(Context::Timeline, &[], press, false)
                        == Resolution::Action(Action::AddAddendum)
                {
                    return Some(Msg::Action(Action::AddAddendum));
                }
                Some(if app.modal().is_some() || app.students.filtering {
                    Msg::RawKey(key)
                } else {
                    Msg::UnknownKey(key)
                })
            }
        }
    }

    /// A run of printable keys that arrived together (a paste in a terminal without
    /// bracketed paste arrives so), as one insertion of text when a text field has the
    /// keyboard and none of the keys is bound: what typing them one by one would give,
    /// with the work after a change done once. `None` when the keys must be read one at a
    /// time with [`KeyReader::read`].
    pub fn read_run(&self, app: &App, keymap: &Keymap, keys: &[KeyEvent]) -> Option<Msg> {
        let (context, typing) = input_context(app);
        let as_text = typing
            && self.pending.is_empty()
            && keys.iter().all(|k| {
                runs_on(app, k)
                    && keymap.resolve(context, &[], KeyPress::from(*k), true) == Resolution::NoMatch
            });
        if !as_text {
            return None;
        }
        let text: String = keys
            .iter()
            .filter_map(|k| match k.code {
                _ if is_line_feed(k) => Some('\n'),
                KeyCode::Char(c) => Some(c),
                KeyCode::Enter => Some('\n'),
                _ => None,
            })
            .collect();
        Some(Msg::Typed(text))
    }
}

fn is_movement(action: Action) -> bool {
    matches!(
        action,
        Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom
    )
}

/// Whether `key` may be part of a typed run ([`KeyReader::read_run`]): one printable
/// character as typed, or Enter while the field that has the keyboard takes more than one
/// line.
pub fn runs_on(app: &App, key: &KeyEvent) -> bool {
    if key.kind != KeyEventKind::Press {
        return false;
    }
    if is_line_feed(key) {
        return takes_lines(app);
    }
    (key.modifiers - KeyModifiers::SHIFT).is_empty()
        && match key.code {
            KeyCode::Char(c) => !c.is_control(),
            KeyCode::Enter => takes_lines(app),
            _ => false,
        }
}

/// Whether the field that has the keyboard takes line breaks: Enter starts a new line.
fn takes_lines(app: &App) -> bool {
    let form = match app.modal() {
        Some(Modal::Conversation(e)) => Some(e.agreement.as_ref().map_or(&e.form, |a| &a.form)),
        Some(Modal::Prompt(p)) => Some(&p.form),
        Some(Modal::Student(e)) => Some(&e.form),
        Some(Modal::Team(e)) => Some(&e.form),
        Some(Modal::Profile(d)) => Some(&d.form),
        Some(Modal::AddressBook(b)) => b.editing.as_ref().map(|e| &e.form),
        _ => None,
    };
    form.is_some_and(|f| {
        f.is_typing() && matches!(f.focused().map(|f| &f.kind), Some(FieldKind::Multi { .. }))
    })
}
