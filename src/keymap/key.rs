//! One key press, normalised so that a binding matches however the terminal reports it.

use std::fmt;
use std::ops::BitOr;

use crossterm::event::{self, KeyEvent, KeyEventKind, KeyModifiers};

/// A key without its modifiers. Space is `Char(' ')`, Shift-Tab is `BackTab`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    /// A character as typed, already shifted (`G`, `?`, `+`) or a space.
    Char(char),
    Enter,
    Esc,
    Tab,
    /// Shift-Tab; terminals report it as its own key.
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    /// A function key, `F(1)` to `F(12)` in keymap files.
    F(u8),
    /// A key no keymap file can name (Insert, media keys, Super combinations…); it is
    /// never bound, so it always resolves to nothing.
    Other,
}

/// The modifier keys Fokus distinguishes: Ctrl, Alt and Shift.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Modifiers(u8);

impl Modifiers {
    /// No modifier held.
    pub const NONE: Modifiers = Modifiers(0);
    /// Ctrl (`<C-…>` in keymap files).
    pub const CTRL: Modifiers = Modifiers(1);
    /// Alt (`<A-…>` in keymap files).
    pub const ALT: Modifiers = Modifiers(2);
    /// Shift (`<S-…>` in keymap files).
    pub const SHIFT: Modifiers = Modifiers(4);

    /// Whether every modifier of `other` is held in `self`.
    pub fn contains(self, other: Modifiers) -> bool {
        self.0 & other.0 == other.0
    }

    /// `self` without the modifiers of `other`.
    pub fn without(self, other: Modifiers) -> Modifiers {
        Modifiers(self.0 & !other.0)
    }
}

impl BitOr for Modifiers {
    type Output = Modifiers;

    fn bitor(self, other: Modifiers) -> Modifiers {
        Modifiers(self.0 | other.0)
    }
}

/// One key press in normal form, so equal keys compare equal however they were reported.
/// Build it with [`KeyPress::new`], from a terminal `KeyEvent`, or by parsing keymap
/// notation (`"<C-s>".parse()`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyPress {
    code: KeyCode,
    modifiers: Modifiers,
}

impl KeyPress {
    /// A key press in normal form. Terminals disagree on how they report Shift, so:
    /// Shift is folded into characters (`Shift+g` is `G`), Shift+Tab becomes `BackTab`,
    /// and Ctrl+letter ignores case and Shift, because legacy terminals send the same
    /// byte for Ctrl+S and Ctrl+Shift+S and a binding relying on the difference would
    /// work only in some terminals.
    pub fn new(code: KeyCode, modifiers: Modifiers) -> KeyPress {
        let shift = modifiers.contains(Modifiers::SHIFT);
        let (code, modifiers) = match code {
            KeyCode::Tab if shift => (KeyCode::BackTab, modifiers.without(Modifiers::SHIFT)),
            KeyCode::BackTab => (KeyCode::BackTab, modifiers.without(Modifiers::SHIFT)),
            KeyCode::Char(c) if modifiers.contains(Modifiers::CTRL) && c.is_alphabetic() => (
                KeyCode::Char(lowercase(c)),
                modifiers.without(Modifiers::SHIFT),
            ),
            KeyCode::Char(c) if shift => (
                KeyCode::Char(uppercase(c)),
                modifiers.without(Modifiers::SHIFT),
            ),
            _ => (code, modifiers),
        };
        KeyPress { code, modifiers }
    }

    /// A plain character key without modifiers.
    pub fn char(c: char) -> KeyPress {
        KeyPress::new(KeyCode::Char(c), Modifiers::NONE)
    }

    /// A special key without modifiers.
    pub fn plain(code: KeyCode) -> KeyPress {
        KeyPress::new(code, Modifiers::NONE)
    }

    /// The key, without modifiers.
    pub fn code(self) -> KeyCode {
        self.code
    }

    /// The modifiers held, in normal form (never Shift on a character).
    pub fn modifiers(self) -> Modifiers {
        self.modifiers
    }

    /// Whether the key types a character (Space included) into a text field rather than
    /// running a command: a character without Ctrl or Alt.
    pub fn is_printable(self) -> bool {
        matches!(self.code, KeyCode::Char(_))
            && !self.modifiers.contains(Modifiers::CTRL)
            && !self.modifiers.contains(Modifiers::ALT)
    }

    /// The key press of a terminal event, or `None` for releases and keys that cannot be
    /// bound (see [`KeyCode::Other`]).
    pub fn from_event(event: &KeyEvent) -> Option<KeyPress> {
        let key = KeyPress::from(*event);
        (event.kind != KeyEventKind::Release && key.code != KeyCode::Other).then_some(key)
    }
}

/// Any terminal key event, releases included; keys Fokus cannot bind become
/// [`KeyCode::Other`].
impl From<KeyEvent> for KeyPress {
    fn from(event: KeyEvent) -> KeyPress {
        // Super and Hyper combinations belong to the window manager, not to Fokus.
        if event
            .modifiers
            .intersects(KeyModifiers::SUPER | KeyModifiers::HYPER)
        {
            return KeyPress::plain(KeyCode::Other);
        }
        let code = match event.code {
            event::KeyCode::Char(c) => KeyCode::Char(c),
            event::KeyCode::Enter => KeyCode::Enter,
            event::KeyCode::Esc => KeyCode::Esc,
            event::KeyCode::Tab => KeyCode::Tab,
            event::KeyCode::BackTab => KeyCode::BackTab,
            event::KeyCode::Backspace => KeyCode::Backspace,
            event::KeyCode::Delete => KeyCode::Delete,
            event::KeyCode::Up => KeyCode::Up,
            event::KeyCode::Down => KeyCode::Down,
            event::KeyCode::Left => KeyCode::Left,
            event::KeyCode::Right => KeyCode::Right,
            event::KeyCode::Home => KeyCode::Home,
            event::KeyCode::End => KeyCode::End,
            event::KeyCode::PageUp => KeyCode::PageUp,
            event::KeyCode::PageDown => KeyCode::PageDown,
            event::KeyCode::F(n) => KeyCode::F(n),
            _ => return KeyPress::plain(KeyCode::Other),
        };
        let mut modifiers = Modifiers::NONE;
        for (theirs, ours) in [
            (KeyModifiers::CONTROL, Modifiers::CTRL),
            (KeyModifiers::ALT, Modifiers::ALT),
            (KeyModifiers::SHIFT, Modifiers::SHIFT),
        ] {
            if event.modifiers.contains(theirs) {
                modifiers = modifiers | ours;
            }
        }
        KeyPress::new(code, modifiers)
    }
}

/// Help-text form: `Ctrl-S`, `Shift-Tab`, `↑`, `PgDn`, `Space`, `G`.
impl fmt::Display for KeyPress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let held = |m| self.modifiers.contains(m);
        if held(Modifiers::CTRL) {
            f.write_str("Ctrl-")?;
        }
        if held(Modifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if held(Modifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            // With a modifier, letters are shown the way they are printed on the key cap;
            // only an uppercase one needs its Shift spelled out.
            KeyCode::Char(c)
                if (held(Modifiers::CTRL) || held(Modifiers::ALT)) && c.is_alphabetic() =>
            {
                if c.is_uppercase() {
                    write!(f, "Shift-{c}")
                } else {
                    write!(f, "{}", uppercase(c))
                }
            }
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            KeyCode::Other => f.write_str("(other key)"),
        }
    }
}

/// A key sequence in help-text form, keys separated by a space (`g g`).
pub fn display_sequence(keys: &[KeyPress]) -> String {
    keys.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Case mapping that keeps characters whose other case is not a single character.
fn lowercase(c: char) -> char {
    single(c.to_lowercase()).unwrap_or(c)
}

fn uppercase(c: char) -> char {
    single(c.to_uppercase()).unwrap_or(c)
}

fn single(mut chars: impl Iterator<Item = char>) -> Option<char> {
    let first = chars.next()?;
    chars.next().is_none().then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventState;

    fn event(code: event::KeyCode, modifiers: KeyModifiers) -> Option<KeyPress> {
        KeyPress::from_event(&KeyEvent::new(code, modifiers))
    }

    #[test]
    fn backtab_from_the_terminal_is_shift_tab_with_or_without_shift() {
        let shift_tab = KeyPress::new(KeyCode::Tab, Modifiers::SHIFT);
        assert_eq!(
            event(event::KeyCode::BackTab, KeyModifiers::SHIFT),
            Some(shift_tab)
        );
        assert_eq!(
            event(event::KeyCode::BackTab, KeyModifiers::NONE),
            Some(shift_tab)
        );
        assert_eq!(shift_tab.code(), KeyCode::BackTab);
        assert_ne!(
            event(event::KeyCode::Tab, KeyModifiers::NONE),
            Some(shift_tab)
        );
    }

    #[test]
    fn uppercase_letter_matches_with_or_without_shift() {
        let g = KeyPress::char('G');
        assert_eq!(
            event(event::KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(g)
        );
        assert_eq!(
            event(event::KeyCode::Char('G'), KeyModifiers::NONE),
            Some(g)
        );
        assert_ne!(
            event(event::KeyCode::Char('g'), KeyModifiers::NONE),
            Some(g)
        );
    }

    #[test]
    fn shifted_symbols_drop_the_shift_the_terminal_may_report() {
        assert_eq!(
            event(event::KeyCode::Char('?'), KeyModifiers::SHIFT),
            Some(KeyPress::char('?'))
        );
    }

    #[test]
    fn ctrl_letter_matches_regardless_of_case_and_shift() {
        let ctrl_s = KeyPress::new(KeyCode::Char('s'), Modifiers::CTRL);
        assert_eq!(
            event(event::KeyCode::Char('s'), KeyModifiers::CONTROL),
            Some(ctrl_s)
        );
        assert_eq!(
            event(event::KeyCode::Char('S'), KeyModifiers::CONTROL),
            Some(ctrl_s)
        );
        assert_eq!(
            event(
                event::KeyCode::Char('S'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT
            ),
            Some(ctrl_s)
        );
        assert_ne!(
            event(event::KeyCode::Char('s'), KeyModifiers::ALT),
            Some(ctrl_s)
        );
    }

    #[test]
    fn releases_and_unbindable_keys_are_not_key_presses() {
        let mut release = KeyEvent::new(event::KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        release.state = KeyEventState::NONE;
        assert_eq!(KeyPress::from_event(&release), None);
        assert_eq!(event(event::KeyCode::CapsLock, KeyModifiers::NONE), None);
        assert_eq!(event(event::KeyCode::Char('q'), KeyModifiers::SUPER), None);
        let insert = KeyEvent::new(event::KeyCode::Insert, KeyModifiers::NONE);
        assert_eq!(KeyPress::from(insert).code(), KeyCode::Other);
    }

    #[test]
    fn printable_means_a_character_without_ctrl_or_alt() {
        assert!(KeyPress::char('q').is_printable());
        assert!(KeyPress::char(' ').is_printable());
        assert!(KeyPress::char('G').is_printable());
        assert!(!KeyPress::new(KeyCode::Char('q'), Modifiers::CTRL).is_printable());
        assert!(!KeyPress::new(KeyCode::Char('x'), Modifiers::ALT).is_printable());
        assert!(!KeyPress::plain(KeyCode::Esc).is_printable());
        assert!(!KeyPress::plain(KeyCode::Enter).is_printable());
    }

    #[test]
    fn help_text_names_keys_the_way_users_read_them() {
        let cases = [
            (KeyPress::new(KeyCode::Char('s'), Modifiers::CTRL), "Ctrl-S"),
            (KeyPress::new(KeyCode::Char('x'), Modifiers::ALT), "Alt-X"),
            (
                KeyPress::new(KeyCode::Char('X'), Modifiers::ALT),
                "Alt-Shift-X",
            ),
            (KeyPress::plain(KeyCode::BackTab), "Shift-Tab"),
            (KeyPress::plain(KeyCode::Enter), "Enter"),
            (KeyPress::plain(KeyCode::Esc), "Esc"),
            (KeyPress::plain(KeyCode::Tab), "Tab"),
            (KeyPress::plain(KeyCode::Up), "↑"),
            (KeyPress::plain(KeyCode::Down), "↓"),
            (KeyPress::plain(KeyCode::Left), "←"),
            (KeyPress::plain(KeyCode::Right), "→"),
            (KeyPress::plain(KeyCode::PageUp), "PgUp"),
            (KeyPress::plain(KeyCode::PageDown), "PgDn"),
            (KeyPress::plain(KeyCode::Home), "Home"),
            (KeyPress::plain(KeyCode::End), "End"),
            (KeyPress::char(' '), "Space"),
            (KeyPress::plain(KeyCode::F(1)), "F1"),
            (KeyPress::char('?'), "?"),
            (KeyPress::char('G'), "G"),
        ];
        for (key, shown) in cases {
            assert_eq!(key.to_string(), shown);
        }
        let gg = [KeyPress::char('g'), KeyPress::char('g')];
        assert_eq!(display_sequence(&gg), "g g");
    }
}
