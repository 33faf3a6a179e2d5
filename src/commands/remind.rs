//! `fokus remind`.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::IsTerminal;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::Setup;
use super::query::{self, Query};
use crate::domain::StudentId;
use crate::domain::dates::format_date;
use crate::domain::reminders::Window;
use crate::i18n::{self, Lang, T};
use crate::store::{self, Store, StoreError};

/// The most reminders `fokus remind` prints without `--all`: the most pressing first,
/// then a line saying there are more.
pub const REMIND_LINES: usize = 40;

/// `fokus remind`: the start screen's reminders, one a line; the first [`REMIND_LINES`]
/// unless `all`.
pub fn remind(setup: &Setup, days: u32, all: bool) -> ExitCode {
    query::print(
        setup,
        &Query::Remind {
            days,
            retention_months: setup.retention_months,
            // A login script gets nothing when nothing is due; a person is told so.
            say_when_empty: std::io::stdout().is_terminal(),
            limit: (!all).then_some(REMIND_LINES),
        },
    )
}

/// What `fokus remind` prints: the reminders due on `today` within `window`, one a line
/// (date, kind, student, what to do), at most `limit` and then a line saying there are
/// more; when there are none and `say_when_empty`, a line saying so. Only the reminders
/// printed and their students' summaries are read.
pub(super) fn remind_text(
    store: &dyn Store,
    today: NaiveDate,
    window: Window,
    lang: Lang,
    say_when_empty: bool,
    limit: Option<usize>,
) -> Result<String, StoreError> {
    let page = store::first_reminders(store, today, window, limit.unwrap_or(usize::MAX))?;
    let mut names: HashMap<StudentId, String> = HashMap::new();
    let mut out = String::new();
    if page.shown.is_empty() && say_when_empty {
        let days = window.days.to_string();
        out.push_str(&lang.fill(T::RemindNone, &[("days", &days)]));
        out.push('\n');
    }
    for r in &page.shown {
        let student = r.item.student;
        let name = match names.entry(student) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(slot) => {
                let name = store
                    .summary(student)?
                    .map_or_else(|| "?".into(), |s| s.name);
                slot.insert(name)
            }
        };
        out.push_str(&format!(
            "{}  {:<12} {:<24} {}\n",
            format_date(r.item.date),
            i18n::due_kind(lang, r.item.kind),
            name,
            i18n::reminder_text(lang, r)
        ));
    }
    if page.more {
        out.push_str(lang.t(T::RemindMore));
        out.push('\n');
    }
    Ok(out)
}
