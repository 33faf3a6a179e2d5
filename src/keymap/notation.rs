//! The notation of keys in keymap files: `q`, `G`, `<Enter>`, `<C-s>`, `<S-Tab>`, `<lt>`.

use std::str::FromStr;

use super::key::{KeyCode, KeyPress, Modifiers};

/// The longest key sequence a binding may have; longer ones are hard to remember and
/// leave the user waiting on a pending prefix.
pub const MAX_SEQUENCE: usize = 3;

/// Why a key as written in a keymap file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyParseError {
    /// An empty string, or an empty array for a sequence.
    #[error("no key given")]
    Empty,
    /// Several characters outside angle brackets, such as `gg`.
    #[error("\"{0}\" is not one key; write a sequence as an array, e.g. [\"g\", \"g\"]")]
    NotOneKey(String),
    /// A `<` without its closing `>`.
    #[error("missing `>` (write <lt> for the `<` key)")]
    Unclosed,
    /// A name in angle brackets that is not a key or modifier Fokus knows.
    #[error("unknown key name \"{0}\"")]
    UnknownName(String),
    /// `<S-1>` and the like: terminals report the shifted character, not Shift.
    #[error("Shift with a character never arrives; write the shifted character itself")]
    ShiftedSymbol,
    /// A sequence longer than [`MAX_SEQUENCE`].
    #[error("a sequence may have at most {MAX_SEQUENCE} keys, not {0}")]
    TooLong(usize),
}

impl FromStr for KeyPress {
    type Err = KeyParseError;

    /// Reads one key in keymap-file notation. Names in brackets ignore case.
    fn from_str(written: &str) -> Result<KeyPress, KeyParseError> {
        let Some(after_lt) = written.strip_prefix('<') else {
            return single_char(written).map(KeyPress::char);
        };
        let inner = after_lt.strip_suffix('>').ok_or(KeyParseError::Unclosed)?;
        let (modifiers, name) = split_modifiers(inner);
        let unknown = || KeyParseError::UnknownName(written.to_string());
        let code = match single_char(name) {
            Ok(c) => {
                if modifiers.contains(Modifiers::SHIFT) && !c.is_alphabetic() {
                    return Err(KeyParseError::ShiftedSymbol);
                }
                KeyCode::Char(c)
            }
            Err(_) => named_key(name).ok_or_else(unknown)?,
        };
        if code == KeyCode::Char(' ') && modifiers.contains(Modifiers::SHIFT) {
            return Err(KeyParseError::ShiftedSymbol);
        }
        Ok(KeyPress::new(code, modifiers))
    }
}

/// Reads a key sequence, one written key per element.
pub fn parse_sequence<'a>(
    written: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<KeyPress>, KeyParseError> {
    let keys = written
        .into_iter()
        .map(str::parse)
        .collect::<Result<Vec<KeyPress>, _>>()?;
    match keys.len() {
        0 => Err(KeyParseError::Empty),
        n if n > MAX_SEQUENCE => Err(KeyParseError::TooLong(n)),
        _ => Ok(keys),
    }
}

impl KeyPress {
    /// The key in keymap-file notation, which reads back to the same key.
    pub fn notation(self) -> String {
        let mut prefix = String::new();
        for (modifier, written) in [
            (Modifiers::CTRL, "C-"),
            (Modifiers::ALT, "A-"),
            (Modifiers::SHIFT, "S-"),
        ] {
            if self.modifiers().contains(modifier) {
                prefix.push_str(written);
            }
        }
        let name = match self.code() {
            KeyCode::Char('<') => "lt".to_string(),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if prefix.is_empty() => return c.to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::BackTab => {
                prefix.push_str("S-");
                "Tab".to_string()
            }
            KeyCode::F(n) => format!("F{n}"),
            other => NAMES
                .iter()
                .find(|(_, code)| *code == other)
                .map_or("Other", |(name, _)| name)
                .to_string(),
        };
        format!("<{prefix}{name}>")
    }
}

/// A key sequence in keymap-file notation, for messages about the user's own file.
pub fn sequence_notation(keys: &[KeyPress]) -> String {
    match keys {
        [one] => one.notation(),
        _ => {
            let quoted: Vec<String> = keys
                .iter()
                .map(|k| format!("\"{}\"", k.notation()))
                .collect();
            format!("[{}]", quoted.join(", "))
        }
    }
}

/// Named keys; the first name of a key is the one [`KeyPress::notation`] writes.
const NAMES: [(&str, KeyCode); 19] = [
    ("Enter", KeyCode::Enter),
    ("CR", KeyCode::Enter),
    ("Return", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Escape", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BS", KeyCode::Backspace),
    ("Backspace", KeyCode::Backspace),
    ("Del", KeyCode::Delete),
    ("Delete", KeyCode::Delete),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Space", KeyCode::Char(' ')),
];

fn named_key(name: &str) -> Option<KeyCode> {
    if name.eq_ignore_ascii_case("lt") {
        return Some(KeyCode::Char('<'));
    }
    if let Some(number) = name.strip_prefix(['f', 'F']) {
        return match number.parse::<u8>() {
            Ok(n @ 1..=12) if !number.starts_with(['0', '+']) => Some(KeyCode::F(n)),
            _ => None,
        };
    }
    NAMES
        .iter()
        .find(|(written, _)| written.eq_ignore_ascii_case(name))
        .map(|(_, code)| *code)
}

/// Splits `C-A-x` into its modifiers and `x`. A trailing `-` is the minus key (`<C-->`).
fn split_modifiers(mut rest: &str) -> (Modifiers, &str) {
    let mut modifiers = Modifiers::NONE;
    while rest.len() > 2 {
        let modifier = match rest.as_bytes() {
            [b'c' | b'C', b'-', ..] => Modifiers::CTRL,
            [b'a' | b'A', b'-', ..] => Modifiers::ALT,
            [b's' | b'S', b'-', ..] => Modifiers::SHIFT,
            _ => break,
        };
        modifiers = modifiers | modifier;
        rest = &rest[2..];
    }
    (modifiers, rest)
}

fn single_char(written: &str) -> Result<char, KeyParseError> {
    let mut chars = written.chars();
    match (chars.next(), chars.next()) {
        (None, _) => Err(KeyParseError::Empty),
        (Some(c), None) => Ok(c),
        (Some(_), Some(_)) => Err(KeyParseError::NotOneKey(written.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(written: &str) -> KeyPress {
        match written.parse() {
            Ok(key) => key,
            Err(e) => panic!("{written}: {e}"),
        }
    }

    #[test]
    fn plain_characters_are_themselves() {
        for c in ['q', '?', '/', 'G', '+', '-', '1', '>', 'æ'] {
            assert_eq!(key(&c.to_string()), KeyPress::char(c));
        }
    }

    #[test]
    fn special_keys_and_modifiers_parse_case_insensitively() {
        let ctrl = |c| KeyPress::new(KeyCode::Char(c), Modifiers::CTRL);
        assert_eq!(key("<Enter>"), KeyPress::plain(KeyCode::Enter));
        assert_eq!(key("<enter>"), KeyPress::plain(KeyCode::Enter));
        assert_eq!(key("<ESC>"), KeyPress::plain(KeyCode::Esc));
        assert_eq!(key("<S-Tab>"), KeyPress::plain(KeyCode::BackTab));
        assert_eq!(key("<s-tab>"), KeyPress::plain(KeyCode::BackTab));
        assert_eq!(key("<BS>"), KeyPress::plain(KeyCode::Backspace));
        assert_eq!(key("<Del>"), KeyPress::plain(KeyCode::Delete));
        assert_eq!(key("<PageDown>"), KeyPress::plain(KeyCode::PageDown));
        assert_eq!(key("<Space>"), KeyPress::char(' '));
        assert_eq!(key("<F12>"), KeyPress::plain(KeyCode::F(12)));
        assert_eq!(key("<f1>"), KeyPress::plain(KeyCode::F(1)));
        assert_eq!(key("<lt>"), KeyPress::char('<'));
        assert_eq!(key("<C-s>"), ctrl('s'));
        assert_eq!(key("<c-S>"), ctrl('s'));
        assert_eq!(key("<C-->"), ctrl('-'));
        assert_eq!(
            key("<C-A-x>"),
            KeyPress::new(KeyCode::Char('x'), Modifiers::CTRL | Modifiers::ALT)
        );
        assert_eq!(key("<S-g>"), KeyPress::char('G'));
    }

    #[test]
    fn malformed_keys_are_rejected_with_a_reason() {
        let cases = [
            ("", KeyParseError::Empty),
            ("gg", KeyParseError::NotOneKey("gg".into())),
            ("<", KeyParseError::Unclosed),
            ("<C-s", KeyParseError::Unclosed),
            ("<Enterr>", KeyParseError::UnknownName("<Enterr>".into())),
            ("<X-s>", KeyParseError::UnknownName("<X-s>".into())),
            ("<F13>", KeyParseError::UnknownName("<F13>".into())),
            ("<F01>", KeyParseError::UnknownName("<F01>".into())),
            ("<>", KeyParseError::UnknownName("<>".into())),
            ("<S-1>", KeyParseError::ShiftedSymbol),
            ("<S-Space>", KeyParseError::ShiftedSymbol),
        ];
        for (written, error) in cases {
            assert_eq!(written.parse::<KeyPress>(), Err(error), "{written}");
        }
    }

    #[test]
    fn sequences_have_one_to_three_keys() {
        assert_eq!(parse_sequence(["g", "g"]), Ok(vec![KeyPress::char('g'); 2]));
        assert_eq!(parse_sequence([]), Err(KeyParseError::Empty));
        assert_eq!(parse_sequence(["g"; 4]), Err(KeyParseError::TooLong(4)));
        assert_eq!(
            parse_sequence(["g", "<Nope>"]),
            Err(KeyParseError::UnknownName("<Nope>".into()))
        );
    }

    #[test]
    fn notation_reads_back_to_the_same_key() {
        let cases = [
            ("q", "q"),
            ("G", "G"),
            ("<S-g>", "G"),
            ("<lt>", "<lt>"),
            ("<space>", "<Space>"),
            ("<enter>", "<Enter>"),
            ("<CR>", "<Enter>"),
            ("<S-Tab>", "<S-Tab>"),
            ("<C-S>", "<C-s>"),
            ("<a-C-x>", "<C-A-x>"),
            ("<A-X>", "<A-X>"),
            ("<S-Up>", "<S-Up>"),
            ("<PageUp>", "<PageUp>"),
            ("<bs>", "<BS>"),
            ("<F7>", "<F7>"),
            ("<C-->", "<C-->"),
        ];
        for (written, canonical) in cases {
            let parsed = key(written);
            assert_eq!(parsed.notation(), canonical, "{written}");
            assert_eq!(key(&parsed.notation()), parsed, "{written}");
        }
    }

    #[test]
    fn parsed_keys_show_in_help_form() {
        let cases = [
            ("<C-s>", "Ctrl-S"),
            ("<A-x>", "Alt-X"),
            ("<S-Tab>", "Shift-Tab"),
            ("<PageDown>", "PgDn"),
            ("<Up>", "↑"),
            ("<Space>", "Space"),
            ("<lt>", "<"),
        ];
        for (written, shown) in cases {
            assert_eq!(key(written).to_string(), shown);
        }
        assert_eq!(sequence_notation(&[key("g"), key("g")]), "[\"g\", \"g\"]");
    }
}
