//! Every user-visible string, in Danish (the default) and English.
//!
//! The catalog is one table: each entry names a key and gives both languages, so a key
//! without a translation does not compile. Placeholders are written `{name}` and filled
//! with [`Lang::fill`].

mod catalog;
mod crypto;
mod errors;
mod words;

pub use catalog::T;
pub use crypto::{
    keystore_error, recovery_key_error, refusal, strength_level, strength_line, weakness,
};
pub use errors::{
    backup_error, clash_place, clash_value, codec_error, conflict, damage_detail, holder, io_error,
    key_error, keymap_error, read_only, store_error, team_error,
};
pub use words::*;

use serde::{Deserialize, Serialize};

/// The interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Da,
    En,
}

impl Lang {
    /// Reads a language code as given on the command line or in the config file.
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "da" | "dansk" | "danish" => Some(Lang::Da),
            "en" | "english" | "engelsk" => Some(Lang::En),
            _ => None,
        }
    }

    /// The text of `key` in this language.
    pub fn t(self, key: T) -> &'static str {
        match self {
            Lang::Da => key.da(),
            Lang::En => key.en(),
        }
    }

    /// The text of `key` with each `{name}` placeholder replaced by its value.
    pub fn fill(self, key: T, args: &[(&str, &str)]) -> String {
        debug_assert!(
            placeholders(self.t(key))
                .iter()
                .all(|p| args.iter().any(|(name, _)| name == p)),
            "{key:?} is missing a value for one of its placeholders"
        );
        let mut out = self.t(key).to_string();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }
}

/// The placeholders (`{name}`) a template uses, in order of appearance.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                out.push(&after[..end]);
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_a_non_empty_text_for_every_key() {
        for key in T::ALL {
            assert!(!key.da().trim().is_empty(), "{key:?} has no Danish text");
            assert!(!key.en().trim().is_empty(), "{key:?} has no English text");
        }
    }

    #[test]
    fn both_languages_use_the_same_placeholders() {
        for key in T::ALL {
            let mut da = placeholders(key.da());
            let mut en = placeholders(key.en());
            da.sort_unstable();
            en.sort_unstable();
            assert_eq!(da, en, "{key:?} placeholders differ");
        }
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        let text = Lang::Da.fill(T::SavedStudent, &[("name", "Åse")]);
        assert!(text.contains("Åse"));
        assert!(!text.contains('{'));
    }

    #[test]
    fn language_codes_are_read_leniently() {
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse(" da "), Some(Lang::Da));
        assert_eq!(Lang::parse("de"), None);
    }
}
