//! Writes the fixture database for the current record format, for the migration tests:
//! `cargo run --example write_fixture -- tests/fixtures/v<N>`. The content is the demo data
//! on a fixed date with ids from a counter, so a test can rebuild exactly what it holds.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use fokus::demo::demo_cases;
use fokus::domain::reminders::{self, Mark};
use fokus::store::{SledStore, Store};

/// The day the fixture data is dated from.
pub const FIXTURE_DAY: (i32, u32, u32) = (2026, 11, 23);

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: write_fixture DIR");
        return ExitCode::from(2);
    };
    if dir.exists() {
        eprintln!(
            "{} exists; a fixture is written once and never changed",
            dir.display()
        );
        return ExitCode::FAILURE;
    }
    let (y, m, d) = FIXTURE_DAY;
    let Some(today) = NaiveDate::from_ymd_opt(y, m, d) else {
        return ExitCode::FAILURE;
    };
    let store = match SledStore::open(&dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let mut ids = 0u64;
    let cases = demo_cases(today, &mut ids);
    for demo in &cases {
        if let Err(e) = store.commit(&demo.change, &demo.case) {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    }
    // One reminder snoozed and one marked done, so marks are covered too.
    let items: Vec<_> = cases
        .iter()
        .flat_map(|c| reminders::due_items(&c.case))
        .collect();
    let shown = reminders::reminders(&items, |_| None, today, 7);
    let marks = [
        Mark::SnoozedUntil(today.succ_opt().unwrap_or(today)),
        Mark::Done,
    ];
    for (r, mark) in shown.iter().zip(marks) {
        if let Err(e) = store.set_mark(&r.item.key(), mark) {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    }
    // What the fixture holds, as a backup the test compares it with in later formats.
    let expected = dir.with_extension("expected.fokusbak");
    let at = today.and_hms_opt(12, 0, 0).unwrap_or_default();
    if let Err(e) = store.backup(&expected, at) {
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }
    println!(
        "{} students written to {} and {}",
        cases.len(),
        dir.display(),
        expected.display()
    );
    ExitCode::SUCCESS
}
