//! clap's parse errors in the user's language, worded from what the error holds (its
//! kind, the argument and value concerned, clap's suggestions and the usage line), never
//! from clap's English message.

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};

use crate::i18n::{Lang, T};

/// The error `e` as printed: what is wrong, a suggestion if clap has one, the usage line
/// of `command` (the command the arguments were for, such as `fokus remind`) and where to
/// read more.
pub fn message(e: &Error, lang: Lang, command: &str, usage: &str) -> String {
    let arg = text(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = text(e, ContextKind::InvalidValue).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            lang.fill(T::CliErrUnknownOption, &[("arg", &arg)])
        }
        ErrorKind::UnknownArgument => lang.fill(T::CliErrUnexpected, &[("arg", &arg)]),
        ErrorKind::InvalidSubcommand => {
            let command = text(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            lang.fill(T::CliErrUnknownCommand, &[("command", &command)])
        }
        ErrorKind::MissingRequiredArgument => lang.fill(T::CliErrMissing, &[("args", &arg)]),
        ErrorKind::InvalidValue | ErrorKind::NoEquals if value.is_empty() => {
            lang.fill(T::CliErrNoValue, &[("arg", &arg)])
        }
        // Every value clap checks on its own is a number (an id, a number of days).
        ErrorKind::ValueValidation if !value.trim().bytes().all(|b| b.is_ascii_digit()) => {
            lang.fill(T::CliErrNotANumber, &[("arg", &arg), ("value", &value)])
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            lang.fill(T::CliErrBadValue, &[("arg", &arg), ("value", &value)])
        }
        ErrorKind::ArgumentConflict => match text(e, ContextKind::PriorArg) {
            Some(other) if other != arg => {
                lang.fill(T::CliErrConflict, &[("arg", &arg), ("other", &other)])
            }
            _ => lang.fill(T::CliErrTwice, &[("arg", &arg)]),
        },
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            lang.fill(T::CliErrValues, &[("arg", &arg)])
        }
        ErrorKind::InvalidUtf8 => lang.t(T::CliErrNotUtf8).to_string(),
        _ => lang.t(T::CliErrOther).to_string(),
    };
    let mut lines = vec![format!("fokus: {what}")];
    for suggestion in suggestions(e, &arg) {
        let line = match suggestion {
            Suggestion::Instead(instead) => {
                lang.fill(T::CliErrDidYouMean, &[("instead", &instead)])
            }
            Suggestion::AsValue => lang.fill(T::CliErrAsValue, &[("arg", &arg)]),
        };
        lines.push(format!("  {line}"));
    }
    lines.push(format!("{}: {usage}", lang.t(T::CliUsage)));
    lines.push(lang.fill(T::CliErrSeeHelp, &[("command", command)]));
    lines.join("\n")
}

/// A value of the error's context as text; a list is joined with commas.
fn text(e: &Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(list) if !list.is_empty() => Some(list.join(", ")),
        _ => None,
    }
}

/// Something clap suggests.
#[derive(Debug, PartialEq, Eq)]
enum Suggestion {
    /// A command or option with a similar name, or the same option elsewhere.
    Instead(String),
    /// To give the argument as a value, after `--`.
    AsValue,
}

fn suggestions(e: &Error, arg: &str) -> Vec<Suggestion> {
    let mut out = Vec::new();
    if let Some(similar) = text(e, ContextKind::SuggestedArg) {
        out.push(Suggestion::Instead(similar));
    }
    if let Some(ContextValue::Strings(commands)) = e.get(ContextKind::SuggestedSubcommand) {
        out.extend(commands.iter().cloned().map(Suggestion::Instead));
    }
    // The other suggestions exist only as clap's English sentences ("'remind --days'
    // exists", "to pass '-5' as a value, use '-- -5'"); what they name is taken from them.
    if let Some(ContextValue::StyledStrs(sentences)) = e.get(ContextKind::Suggested) {
        for sentence in sentences.iter().map(ToString::to_string) {
            if sentence.contains(&format!("-- {arg}'")) {
                out.push(Suggestion::AsValue);
            } else if let Some(quoted) = sentence
                .strip_suffix("' exists")
                .and_then(|s| s.strip_prefix('\''))
            {
                out.push(Suggestion::Instead(quoted.to_string()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(lang: Lang, args: &[&str]) -> String {
        let mut all = vec!["fokus"];
        all.extend_from_slice(args);
        let args: Vec<std::ffi::OsString> = all.iter().map(Into::into).collect();
        match super::super::parse_in(args, lang) {
            Err(super::super::Stop::Error(text)) => text,
            _ => panic!("{all:?} parsed"),
        }
    }

    #[test]
    fn each_kind_of_mistake_is_worded_in_danish_with_the_usage_and_where_to_read_more() {
        let cases: &[(&[&str], &[&str])] = &[
            (
                &["remind", "--dayz", "3"],
                &[
                    "ukendt tilvalg: --dayz",
                    "Mente du --days?",
                    "Brug: fokus remind [TILVALG]",
                    "Se mere med: fokus remind --help",
                ],
            ),
            (&["remnd"], &["ukendt kommando: remnd", "Mente du remind?"]),
            (&["backup", "a", "b"], &["uventet argument: b"]),
            (&["ics"], &["mangler: <FIL>", "Brug: fokus ics"]),
            (&["erase-student", "3"], &["mangler: --name <FULDE NAVN>"]),
            (
                &["remind", "--days"],
                &["--days <N> skal have en værdi", "fokus remind --help"],
            ),
            (
                &["remind", "--days", "mange"],
                &[
                    "\"mange\" er ikke et helt tal",
                    "Brug: fokus remind [TILVALG]",
                ],
            ),
            (
                &["minutes", "99999999999999999999999"],
                &["ugyldig værdi", "fokus minutes --help"],
            ),
            (
                &["--demo", "--demo", "remind"],
                &["--demo må kun gives én gang"],
            ),
            (
                &["backup", "-5"],
                &["ukendt tilvalg: -5", "Skriv -- -5 for at give -5 som værdi"],
            ),
        ];
        for (args, words) in cases {
            let text = error(Lang::Da, args);
            for word in *words {
                assert!(text.contains(word), "{args:?}: {word:?} missing:\n{text}");
            }
            assert!(text.starts_with("fokus: "), "{text}");
            for english in ["error", "Usage", "tip", "For more", "found", "required"] {
                assert!(!text.contains(english), "{args:?}: {english:?} in\n{text}");
            }
        }
    }

    #[test]
    fn the_english_errors_say_the_same() {
        let text = error(Lang::En, &["remind", "--dayz", "3"]);
        assert!(text.contains("unknown option: --dayz"), "{text}");
        assert!(text.contains("Did you mean --days?"), "{text}");
        assert!(text.contains("Usage: fokus remind [OPTIONS]"), "{text}");
        let text = error(Lang::En, &["ics"]);
        assert!(text.contains("missing: <FILE>"), "{text}");
    }

    #[test]
    fn an_option_of_another_command_is_pointed_to() {
        let text = error(Lang::Da, &["--days", "3", "remind"]);
        assert!(text.contains("Mente du remind --days?"), "{text}");
    }
}
