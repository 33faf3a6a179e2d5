//! The recovery key: 160 random bits the user writes down, to open the data when the
//! passphrase is forgotten.
//!
//! It is shown in Crockford's base32 as eight groups of four (`7K3M-Q0ZD-…`): the alphabet
//! leaves out I, L, O and U, so what is written by hand reads back the same, and reading
//! is forgiving about case, spaces, dashes and the letters that look like digits.

use std::fmt;
use std::str::FromStr;

use zeroize::Zeroizing;

/// The key's length in bytes (160 bits).
pub const RECOVERY_KEY_BYTES: usize = 20;
/// The key's length in base32 characters, separators not counted.
pub const RECOVERY_KEY_CHARS: usize = RECOVERY_KEY_BYTES * 8 / 5;
const GROUP: usize = 4;
const GROUPS: usize = RECOVERY_KEY_CHARS / GROUP;

/// Crockford's base32 alphabet: the digits, then the letters without I, L, O and U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A recovery key. Its bytes and its written form are wiped from memory when it is
/// dropped, and `Debug` does not show them.
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryKey {
    bytes: Zeroizing<[u8; RECOVERY_KEY_BYTES]>,
    /// The written form, groups joined by '-'.
    text: Zeroizing<String>,
}

/// Why a recovery key could not be made or read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RecoveryKeyError {
    /// The key read has too few or too many characters (separators not counted).
    #[error("a recovery key has {RECOVERY_KEY_CHARS} characters, this has {found}")]
    WrongLength { found: usize },
    /// A character that is neither base32 nor a separator; `position` counts from 1 in
    /// the text as typed.
    #[error("'{character}' at position {position} does not belong in a recovery key")]
    BadCharacter { character: char, position: usize },
    /// The operating system gave no randomness.
    #[error("no randomness from the operating system: {0}")]
    NoRandomness(String),
}

impl RecoveryKey {
    /// A new key from the operating system's random source.
    pub fn generate() -> Result<RecoveryKey, RecoveryKeyError> {
        let mut bytes = Zeroizing::new([0u8; RECOVERY_KEY_BYTES]);
        getrandom::fill(bytes.as_mut())
            .map_err(|e| RecoveryKeyError::NoRandomness(e.to_string()))?;
        Ok(RecoveryKey::from_bytes(&bytes))
    }

    /// The key with these bytes.
    pub fn from_bytes(bytes: &[u8; RECOVERY_KEY_BYTES]) -> RecoveryKey {
        let bytes = Zeroizing::new(*bytes);
        let text = encode(&bytes);
        RecoveryKey { bytes, text }
    }

    /// The 160 bits.
    pub fn as_bytes(&self) -> &[u8; RECOVERY_KEY_BYTES] {
        &self.bytes
    }

    /// A copy of the 160 bits that is wiped when dropped.
    pub fn to_bytes(&self) -> Zeroizing<[u8; RECOVERY_KEY_BYTES]> {
        Zeroizing::new(*self.bytes)
    }

    /// The written form: eight groups of four joined by '-'.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The eight groups of four, in order.
    pub fn groups(&self) -> impl Iterator<Item = &str> {
        self.text.split('-')
    }

    /// The last group, which the user types back to show they have written the key down.
    pub fn last_group(&self) -> &str {
        &self.text[self.text.len() - GROUP..]
    }

    /// Whether `typed` is the last group, read as forgivingly as a whole key.
    pub fn last_group_matches(&self, typed: &str) -> bool {
        match normalise(typed) {
            Ok(chars) => chars.as_slice() == self.last_group().as_bytes(),
            Err(_) => false,
        }
    }

    /// Reads a key as the user typed it: any case, spaces and dashes anywhere, O read as
    /// 0 and I or L as 1.
    pub fn parse(typed: &str) -> Result<RecoveryKey, RecoveryKeyError> {
        let chars = normalise(typed)?;
        if chars.len() != RECOVERY_KEY_CHARS {
            return Err(RecoveryKeyError::WrongLength { found: chars.len() });
        }
        let mut bytes = Zeroizing::new([0u8; RECOVERY_KEY_BYTES]);
        let mut acc: u16 = 0;
        let mut bits = 0;
        let mut out = 0;
        for &c in chars.iter() {
            acc = (acc << 5) | u16::from(value(c));
            bits += 5;
            if bits >= 8 {
                bits -= 8;
                bytes[out] = (acc >> bits) as u8;
                out += 1;
            }
            acc &= (1 << bits) - 1;
        }
        Ok(RecoveryKey::from_bytes(&bytes))
    }
}

impl FromStr for RecoveryKey {
    type Err = RecoveryKeyError;

    fn from_str(s: &str) -> Result<RecoveryKey, RecoveryKeyError> {
        RecoveryKey::parse(s)
    }
}

impl fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKey(…)")
    }
}

/// The written form of `bytes`: 5 bits per character, most significant first.
fn encode(bytes: &[u8; RECOVERY_KEY_BYTES]) -> Zeroizing<String> {
    let mut text = Zeroizing::new(String::with_capacity(RECOVERY_KEY_CHARS + GROUPS - 1));
    let mut acc: u16 = 0;
    let mut bits = 0;
    let mut written = 0;
    for &b in bytes.iter() {
        acc = (acc << 8) | u16::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            if written > 0 && written % GROUP == 0 {
                text.push('-');
            }
            text.push(char::from(ALPHABET[usize::from((acc >> bits) & 31)]));
            written += 1;
        }
        acc &= (1 << bits) - 1;
    }
    text
}

/// The base32 characters of `typed` in upper case, confusables mapped, separators dropped.
fn normalise(typed: &str) -> Result<Zeroizing<Vec<u8>>, RecoveryKeyError> {
    let mut out = Zeroizing::new(Vec::with_capacity(RECOVERY_KEY_CHARS));
    for (i, c) in typed.chars().enumerate() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' | '\t' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if c.is_ascii() && ALPHABET.contains(&(c as u8)) {
            out.push(c as u8);
        } else {
            return Err(RecoveryKeyError::BadCharacter {
                character: c,
                position: i + 1,
            });
        }
    }
    Ok(out)
}

/// The value of a character known to be in the alphabet.
fn value(c: u8) -> u8 {
    ALPHABET.iter().position(|&a| a == c).unwrap_or(0) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> RecoveryKey {
        let mut bytes = [0u8; RECOVERY_KEY_BYTES];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = (i as u8).wrapping_mul(37).wrapping_add(11);
        }
        RecoveryKey::from_bytes(&bytes)
    }

    #[test]
    fn is_written_as_eight_groups_of_four() {
        let key = sample();
        assert_eq!(key.as_str().len(), 8 * 4 + 7);
        assert_eq!(key.groups().count(), 8);
        assert!(key.groups().all(|g| g.len() == 4));
        assert_eq!(key.last_group(), key.groups().last().unwrap());
    }

    #[test]
    fn known_bytes_give_the_known_text() {
        let zero = RecoveryKey::from_bytes(&[0; RECOVERY_KEY_BYTES]);
        assert_eq!(zero.as_str(), "0000-0000-0000-0000-0000-0000-0000-0000");
        let ones = RecoveryKey::from_bytes(&[0xff; RECOVERY_KEY_BYTES]);
        assert_eq!(ones.as_str(), "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ");
        let mut one = [0; RECOVERY_KEY_BYTES];
        one[0] = 0b0000_1000;
        assert!(RecoveryKey::from_bytes(&one).as_str().starts_with("1000-"));
    }

    #[test]
    fn reading_the_written_form_gives_the_same_key() {
        let key = sample();
        assert_eq!(RecoveryKey::parse(key.as_str()).unwrap(), key);
        let random = RecoveryKey::generate().unwrap();
        let back: RecoveryKey = random.as_str().parse().unwrap();
        assert_eq!(back.as_bytes(), random.as_bytes());
        assert_eq!(*back.to_bytes(), *random.as_bytes());
    }

    #[test]
    fn reading_forgives_case_spaces_dashes_and_confusables() {
        let key = RecoveryKey::from_bytes(&[0; RECOVERY_KEY_BYTES]);
        let typed = "oooo 0000-OOOO0000 oo-oo 0000 0000  00 00";
        assert_eq!(RecoveryKey::parse(typed).unwrap(), key);

        let key = sample();
        let sloppy: String = key
            .as_str()
            .chars()
            .filter(|&c| c != '-')
            .map(|c| match c {
                '0' => 'o',
                '1' => 'l',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        assert_eq!(RecoveryKey::parse(&sloppy).unwrap(), key);
    }

    #[test]
    fn a_missing_character_is_refused_with_the_count() {
        let key = sample();
        let short = &key.as_str()[..key.as_str().len() - 1];
        assert_eq!(
            RecoveryKey::parse(short),
            Err(RecoveryKeyError::WrongLength { found: 31 })
        );
    }

    #[test]
    fn a_character_outside_the_alphabet_is_refused_with_its_place() {
        assert_eq!(
            RecoveryKey::parse("U000-0000"),
            Err(RecoveryKeyError::BadCharacter {
                character: 'U',
                position: 1
            })
        );
        assert_eq!(
            RecoveryKey::parse("0000-0æ00"),
            Err(RecoveryKeyError::BadCharacter {
                character: 'æ',
                position: 7
            })
        );
    }

    #[test]
    fn the_last_group_is_compared_forgivingly() {
        let key = RecoveryKey::from_bytes(&[0xff; RECOVERY_KEY_BYTES]);
        assert!(key.last_group_matches("zz zz"));
        assert!(key.last_group_matches("-ZZZZ-"));
        assert!(!key.last_group_matches("ZZZ"));
        assert!(!key.last_group_matches("ZZZY"));
        let zero = RecoveryKey::from_bytes(&[0; RECOVERY_KEY_BYTES]);
        assert!(zero.last_group_matches("oOo0"));
    }

    #[test]
    fn debug_does_not_show_the_key() {
        let key = sample();
        assert!(!format!("{key:?}").contains(key.last_group()));
    }

    #[test]
    fn two_generated_keys_differ() {
        assert_ne!(
            RecoveryKey::generate().unwrap(),
            RecoveryKey::generate().unwrap()
        );
    }
}
