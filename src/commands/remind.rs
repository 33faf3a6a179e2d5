//! `fokus remind`.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use chrono::Local;

use super::{Setup, fail, open};
use crate::domain::dates::format_date;
use crate::i18n::{self, T};
use crate::store::{self, Store};

/// `fokus remind`: the start screen's reminders, one a line.
pub fn remind(setup: &Setup, days: u32) -> ExitCode {
    let store = match open(setup) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let today = Local::now().date_naive();
    let reminders = match store::current_reminders(&store, today, setup.window(days)) {
        Ok(r) => r,
        Err(e) => return fail(setup.lang, &e),
    };
    let names: std::collections::HashMap<_, _> = match store.summaries() {
        Ok(s) => s.into_iter().map(|s| (s.id, s.name)).collect(),
        Err(e) => return fail(setup.lang, &e),
    };
    let lang = setup.lang;
    let mut out = std::io::stdout().lock();
    if reminders.is_empty() && std::io::stdout().is_terminal() {
        let _ = writeln!(
            out,
            "{}",
            lang.fill(T::RemindNone, &[("days", &days.to_string())])
        );
    }
    for r in &reminders {
        let name = names.get(&r.item.student).map_or("?", String::as_str);
        let _ = writeln!(
            out,
            "{}  {:<12} {:<24} {}",
            format_date(r.item.date),
            i18n::due_kind(lang, r.item.kind),
            name,
            i18n::reminder_text(lang, r)
        );
    }
    ExitCode::SUCCESS
}
