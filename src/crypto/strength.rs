//! How hard a passphrase is to guess, and whether it is good enough to protect the data.
//!
//! The estimate is zxcvbn's: it looks for dictionary words, names, keyboard patterns,
//! dates and repeats, so "Sommer2024!" scores low although it has every kind of character,
//! while a few unrelated words score high.

use zxcvbn::feedback::Warning;

/// The fewest characters a passphrase may have, whatever its score.
pub const MIN_CHARS: usize = 10;

/// zxcvbn's score 0..=4, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    VeryWeak,
    Weak,
    Fair,
    Good,
    Strong,
}

impl Level {
    /// The score it stands for, 0 to 4.
    pub fn score(self) -> u8 {
        self as u8
    }

    /// Five squares, one filled per step: "■■■□□" for `Fair`.
    pub fn meter(self) -> String {
        let filled = usize::from(self.score()) + 1;
        (0..5).map(|i| if i < filled { '■' } else { '□' }).collect()
    }

    fn from_score(score: u8) -> Level {
        match score {
            0 => Level::VeryWeak,
            1 => Level::Weak,
            2 => Level::Fair,
            3 => Level::Good,
            _ => Level::Strong,
        }
    }
}

/// Why a passphrase is easy to guess, as far as the estimate can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weakness {
    KeyboardPattern,
    Repeats,
    Common,
    Sequence,
    Dates,
    SingleWord,
    Names,
    /// Nothing in particular: simply too little to guess.
    General,
}

/// The estimate for one passphrase. Holds no part of the passphrase itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Strength {
    pub level: Level,
    /// Its length in characters (not bytes: "æøå" is three).
    pub chars: usize,
    pub weakness: Weakness,
}

/// Why a passphrase is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    TooShort,
    TooWeak(Weakness),
}

/// Estimates `passphrase`. `user_inputs` are words an attacker would try first (the
/// program's name, the user's name, the workplace) and count as easy to guess.
pub fn strength(passphrase: &str, user_inputs: &[&str]) -> Strength {
    let chars = passphrase.chars().count();
    if chars == 0 {
        return Strength {
            level: Level::VeryWeak,
            chars,
            weakness: Weakness::General,
        };
    }
    let entropy = zxcvbn::zxcvbn(passphrase, user_inputs);
    let weakness = entropy
        .feedback()
        .and_then(|f| f.warning())
        .map_or(Weakness::General, weakness);
    Strength {
        level: Level::from_score(u8::from(entropy.score())),
        chars,
        weakness,
    }
}

/// Whether the passphrase may protect the data: score 3 or more and at least
/// [`MIN_CHARS`] characters.
pub fn acceptable(strength: &Strength) -> bool {
    refusal(strength).is_none()
}

/// Why the passphrase may not be used, or `None` when it may.
pub fn refusal(strength: &Strength) -> Option<Refusal> {
    if strength.chars < MIN_CHARS {
        Some(Refusal::TooShort)
    } else if strength.level < Level::Good {
        Some(Refusal::TooWeak(strength.weakness))
    } else {
        None
    }
}

fn weakness(warning: Warning) -> Weakness {
    match warning {
        Warning::StraightRowsOfKeysAreEasyToGuess
        | Warning::ShortKeyboardPatternsAreEasyToGuess => Weakness::KeyboardPattern,
        Warning::RepeatsLikeAaaAreEasyToGuess
        | Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => Weakness::Repeats,
        Warning::ThisIsATop10Password
        | Warning::ThisIsATop100Password
        | Warning::ThisIsACommonPassword
        | Warning::ThisIsSimilarToACommonlyUsedPassword => Weakness::Common,
        Warning::SequencesLikeAbcAreEasyToGuess => Weakness::Sequence,
        Warning::RecentYearsAreEasyToGuess | Warning::DatesAreOftenEasyToGuess => Weakness::Dates,
        Warning::AWordByItselfIsEasyToGuess => Weakness::SingleWord,
        Warning::NamesAndSurnamesByThemselvesAreEasyToGuess
        | Warning::CommonNamesAndSurnamesAreEasyToGuess => Weakness::Names,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_common_password_with_a_digit_is_weak_and_refused() {
        let s = strength("password1", &[]);
        assert!(s.level <= Level::Weak);
        assert_eq!(s.weakness, Weakness::Common);
        assert!(!acceptable(&s));
    }

    #[test]
    fn the_programs_own_name_is_refused() {
        let s = strength("fokus", &["fokus"]);
        assert!(s.level <= Level::Weak);
        assert_eq!(refusal(&s), Some(Refusal::TooShort));
    }

    #[test]
    fn the_programs_name_padded_to_length_is_still_refused_when_named_as_input() {
        let s = strength("fokusfokus", &["fokus"]);
        assert!(matches!(refusal(&s), Some(Refusal::TooWeak(_))));
    }

    #[test]
    fn five_danish_words_are_strong_and_accepted() {
        let s = strength("hesten spiser gule æbler ved fjorden", &["fokus"]);
        assert_eq!(s.level, Level::Strong);
        assert!(acceptable(&s));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert_eq!(strength("æøåæøå", &[]).chars, 6);
    }

    #[test]
    fn a_strong_but_short_passphrase_is_refused_for_its_length() {
        let s = Strength {
            level: Level::Strong,
            chars: MIN_CHARS - 1,
            weakness: Weakness::General,
        };
        assert_eq!(refusal(&s), Some(Refusal::TooShort));
    }

    #[test]
    fn nothing_typed_is_very_weak() {
        assert_eq!(strength("", &[]).level, Level::VeryWeak);
    }

    #[test]
    fn the_meter_fills_one_square_per_level() {
        assert_eq!(Level::VeryWeak.meter(), "■□□□□");
        assert_eq!(Level::Good.meter(), "■■■■□");
        assert_eq!(Level::Strong.meter(), "■■■■■");
    }
}
