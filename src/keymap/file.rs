//! Reading one keymap file into rules, collecting every problem with its line.
//!
//! The TOML is walked as a spanned document rather than deserialised into structs, so
//! that one typo does not hide the next: each rule is checked on its own.

use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::app::Action;

use super::context::Context;
use super::error::{KeymapError, KeymapErrorKind};
use super::key::KeyPress;
use super::notation::parse_sequence;

/// One `{ on = …, run = … }` entry that could be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Rule {
    pub context: Context,
    pub keys: Vec<KeyPress>,
    pub action: Action,
    /// Line of the `on` value.
    pub line: usize,
    /// `on` as written, a sequence joined by spaces.
    pub written: String,
}

/// The rules of a keymap file, in file order, and every problem found on the way.
/// Rules with a problem are left out.
pub(crate) fn parse_file(text: &str, file: &Path) -> (Vec<Rule>, Vec<KeymapError>) {
    let mut reader = Reader {
        text,
        file,
        rules: Vec::new(),
        errors: Vec::new(),
    };
    let (document, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        // A partly recovered document would produce follow-on errors that only confuse.
        for error in syntax_errors {
            let line = error.span().map(|span| reader.line(span.start));
            reader.push(
                line,
                None,
                KeymapErrorKind::Syntax {
                    message: error.message().trim().to_string(),
                },
            );
        }
        return (reader.rules, reader.errors);
    }
    for (name, value) in document.get_ref().iter() {
        reader.read_context(name, value);
    }
    (reader.rules, reader.errors)
}

struct Reader<'a> {
    text: &'a str,
    file: &'a Path,
    rules: Vec<Rule>,
    errors: Vec<KeymapError>,
}

type Key<'i> = Spanned<std::borrow::Cow<'i, str>>;

/// `on` as read: the text for messages, the keys if they parse, and its line.
struct On {
    written: String,
    keys: Option<Vec<KeyPress>>,
    line: usize,
}

impl Reader<'_> {
    fn line(&self, offset: usize) -> usize {
        let before = self
            .text
            .as_bytes()
            .get(..offset)
            .unwrap_or(self.text.as_bytes());
        before.iter().filter(|b| **b == b'\n').count() + 1
    }

    fn push(&mut self, line: Option<usize>, key: Option<&str>, kind: KeymapErrorKind) {
        self.errors.push(KeymapError {
            file: self.file.to_path_buf(),
            line,
            key: key.map(str::to_string),
            kind,
        });
    }

    fn wrong_type(
        &mut self,
        offset: usize,
        key: Option<&str>,
        field: &str,
        expected: &'static str,
    ) {
        let line = self.line(offset);
        self.push(
            Some(line),
            key,
            KeymapErrorKind::WrongType {
                field: field.to_string(),
                expected,
            },
        );
    }

    fn read_context(&mut self, name: &Key<'_>, value: &Spanned<DeValue<'_>>) {
        let line = self.line(name.span().start);
        let Some(context) = Context::from_name(name.get_ref()) else {
            self.push(
                Some(line),
                None,
                KeymapErrorKind::UnknownContext {
                    name: name.get_ref().to_string(),
                },
            );
            return;
        };
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type(value.span().start, None, context.name(), "a table");
            return;
        };
        for field in table.keys().filter(|field| field.get_ref() != "keymap") {
            let line = self.line(field.span().start);
            self.push(
                Some(line),
                None,
                KeymapErrorKind::UnknownField {
                    field: field.get_ref().to_string(),
                },
            );
        }
        let Some(keymap) = table.get("keymap") else {
            self.push(
                Some(line),
                None,
                KeymapErrorKind::MissingField { field: "keymap" },
            );
            return;
        };
        let DeValue::Array(entries) = keymap.get_ref() else {
            self.wrong_type(keymap.span().start, None, "keymap", "an array of bindings");
            return;
        };
        for entry in entries.iter() {
            self.read_rule(context, entry);
        }
    }

    fn read_rule(&mut self, context: Context, entry: &Spanned<DeValue<'_>>) {
        let line = self.line(entry.span().start);
        let DeValue::Table(rule) = entry.get_ref() else {
            self.wrong_type(
                entry.span().start,
                None,
                "keymap",
                "an array of { on = …, run = … } tables",
            );
            return;
        };
        let on = match rule.get("on") {
            Some(on) => self.read_on(on),
            None => {
                self.push(
                    Some(line),
                    None,
                    KeymapErrorKind::MissingField { field: "on" },
                );
                None
            }
        };
        let key = on.as_ref().map(|on| on.written.as_str());
        for field in rule.keys() {
            if !["on", "run", "desc"].contains(&field.get_ref().as_ref()) {
                let line = self.line(field.span().start);
                self.push(
                    Some(line),
                    key,
                    KeymapErrorKind::UnknownField {
                        field: field.get_ref().to_string(),
                    },
                );
            }
        }
        if let Some(desc) = rule.get("desc")
            && !matches!(desc.get_ref(), DeValue::String(_))
        {
            self.wrong_type(desc.span().start, key, "desc", "a string");
        }
        let action = match rule.get("run") {
            Some(run) => self.read_run(run, key),
            None => {
                self.push(
                    Some(line),
                    key,
                    KeymapErrorKind::MissingField { field: "run" },
                );
                None
            }
        };
        if let (
            Some(On {
                written,
                keys: Some(keys),
                line,
            }),
            Some(action),
        ) = (on, action)
        {
            self.rules.push(Rule {
                context,
                keys,
                action,
                line,
                written,
            });
        }
    }

    /// Reads `on`, reporting its problems; `None` when it is not text at all.
    fn read_on(&mut self, on: &Spanned<DeValue<'_>>) -> Option<On> {
        let expected = "a string or an array of strings";
        let written: Option<Vec<&str>> = match on.get_ref() {
            DeValue::String(key) => Some(vec![key.as_ref()]),
            DeValue::Array(keys) => keys
                .iter()
                .map(|key| match key.get_ref() {
                    DeValue::String(key) => Some(key.as_ref()),
                    _ => None,
                })
                .collect(),
            _ => None,
        };
        let Some(written) = written else {
            self.wrong_type(on.span().start, None, "on", expected);
            return None;
        };
        let line = self.line(on.span().start);
        let joined = written.join(" ");
        let keys = match parse_sequence(written) {
            Ok(keys) => Some(keys),
            Err(reason) => {
                self.push(
                    Some(line),
                    Some(&joined),
                    KeymapErrorKind::InvalidKey(reason),
                );
                None
            }
        };
        Some(On {
            written: joined,
            keys,
            line,
        })
    }

    fn read_run(&mut self, run: &Spanned<DeValue<'_>>, key: Option<&str>) -> Option<Action> {
        let DeValue::String(name) = run.get_ref() else {
            self.wrong_type(run.span().start, key, "run", "a string naming an action");
            return None;
        };
        let action = Action::from_name(name);
        if action.is_none() {
            let line = self.line(run.span().start);
            self.push(
                Some(line),
                key,
                KeymapErrorKind::UnknownAction {
                    name: name.to_string(),
                },
            );
        }
        action
    }
}
