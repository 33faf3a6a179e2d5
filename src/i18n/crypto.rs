//! How passphrase strength and key problems are worded.

use super::{Lang, T};
use crate::crypto::keystore::KeystoreError;
use crate::crypto::recovery::{RECOVERY_KEY_CHARS, RecoveryKeyError};
use crate::crypto::strength::{self, Level, Refusal, Strength, Weakness};

/// A strength level: "god".
pub fn strength_level(lang: Lang, level: Level) -> &'static str {
    lang.t(match level {
        Level::VeryWeak => T::StrengthVeryWeak,
        Level::Weak => T::StrengthWeak,
        Level::Fair => T::StrengthFair,
        Level::Good => T::StrengthGood,
        Level::Strong => T::StrengthStrong,
    })
}

/// The live line under a passphrase being chosen: "Styrke: ■■■■□ god".
pub fn strength_line(lang: Lang, s: &Strength) -> String {
    lang.fill(
        T::StrengthLine,
        &[
            ("meter", &s.level.meter()),
            ("label", strength_level(lang, s.level)),
        ],
    )
}

/// Why a passphrase is refused, as a whole sentence.
pub fn refusal(lang: Lang, r: Refusal) -> String {
    match r {
        Refusal::TooShort => lang.fill(
            T::PassTooShort,
            &[("min", &strength::MIN_CHARS.to_string())],
        ),
        Refusal::TooWeak(w) => lang.fill(T::PassTooWeak, &[("why", weakness(lang, w))]),
    }
}

/// What makes a passphrase easy to guess, as the end of a sentence.
pub fn weakness(lang: Lang, w: Weakness) -> &'static str {
    lang.t(match w {
        Weakness::KeyboardPattern => T::WeakKeyboard,
        Weakness::Repeats => T::WeakRepeats,
        Weakness::Common => T::WeakCommon,
        Weakness::Sequence => T::WeakSequence,
        Weakness::Dates => T::WeakDates,
        Weakness::SingleWord => T::WeakWord,
        Weakness::Names => T::WeakNames,
        Weakness::General => T::WeakGeneral,
    })
}

/// A recovery key that could not be made or read.
pub fn recovery_key_error(lang: Lang, e: &RecoveryKeyError) -> String {
    match e {
        RecoveryKeyError::WrongLength { found } => lang.fill(
            T::RecoveryBadLength,
            &[
                ("expected", &RECOVERY_KEY_CHARS.to_string()),
                ("found", &found.to_string()),
            ],
        ),
        RecoveryKeyError::BadCharacter {
            character,
            position,
        } => lang.fill(
            T::RecoveryBadCharacter,
            &[
                ("character", &character.to_string()),
                ("position", &position.to_string()),
            ],
        ),
        RecoveryKeyError::NoRandomness(error) => {
            lang.fill(T::RecoveryNoRandomness, &[("error", error)])
        }
    }
}

/// A credential store problem.
pub fn keystore_error(lang: Lang, e: &KeystoreError) -> String {
    let (key, error) = match e {
        KeystoreError::Unavailable(error) => (T::KeystoreUnavailable, error),
        KeystoreError::NoAccess(error) => (T::KeystoreNoAccess, error),
        KeystoreError::Failed(error) => (T::KeystoreFailed, error),
    };
    lang.fill(key, &[("error", error)])
}
