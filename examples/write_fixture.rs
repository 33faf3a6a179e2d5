//! Writes the fixture database for the current record format, for the migration tests:
//! `cargo run --example write_fixture -- tests/fixtures/v<N>`. The content is the demo data
//! on a fixed date with ids from a counter, so a test can rebuild exactly what it holds.
//! From format 6 the fixture is encrypted, as every database is, with the passphrase
//! [`PASSPHRASE`] (at the cheapest key cost: the fixture is about the format).

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use fokus::crypto::{Kdf, KeyFile};
use fokus::demo::demo_cases;
use fokus::domain::reminders::{self, Mark};
use fokus::domain::{Actor, FileKind, LeftFile, LeftWhy, Receipt, Role, StudentId, WrittenFile};
use fokus::store::{OpenOptions, SledStore, Store};

/// The passphrase of the fixtures from format 6 on.
pub const PASSPHRASE: &str = "fixture";

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
    let key = std::fs::create_dir_all(&dir)
        .map_err(|e| e.to_string())
        .and_then(|()| {
            KeyFile::create(PASSPHRASE.as_bytes(), b"fixture recovery", Kdf::cheapest())
                .map_err(|e| e.to_string())
        })
        .and_then(|(file, vault)| {
            file.save(&dir).map_err(|e| e.to_string())?;
            Ok(vault)
        });
    let vault = match key {
        Ok(vault) => std::sync::Arc::new(vault),
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let opened = SledStore::open_with(
        &dir,
        OpenOptions::now(today.and_hms_opt(9, 0, 0).unwrap_or_default()).sealed(vault),
    );
    let store = match opened {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let mut ids = 0u64;
    let cases = match demo_cases(today, &mut ids) {
        Ok(cases) => cases,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
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
    // Files noted in the register, and an erasure whose receipt names a file it left, so
    // the register and receipts are covered too. The student erased has no marked
    // reminder.
    let marked: Vec<StudentId> = shown.iter().take(2).map(|r| r.item.student).collect();
    let Some(erased) = cases
        .iter()
        .rev()
        .map(|c| &c.case)
        .find(|c| !marked.contains(&c.id()))
    else {
        eprintln!("no student to erase");
        return ExitCode::FAILURE;
    };
    let at = today.and_hms_opt(11, 0, 0).unwrap_or_default();
    let noted = |path: &str, kind: FileKind, students: Vec<StudentId>| WrittenFile {
        path: PathBuf::from(path),
        kind,
        students,
        sha256: Some([0x5a; 32]),
        written_at: at,
    };
    let files = [
        noted(
            "/home/hanne/Referater/fokus-kalender.ics",
            FileKind::Calendar,
            cases.iter().take(2).map(|c| c.case.id()).collect(),
        ),
        noted(
            "/home/hanne/Referater/2026-11-20_type1_XX_0a1b2c3d.pdf",
            FileKind::Minutes,
            vec![erased.id()],
        ),
    ];
    let receipt = Receipt {
        id: "0123456789abcdef0123456789abcdef".into(),
        at,
        by: Actor::new("Hanne Krogh", Role::EducationOfficer, "hanne"),
        left: vec![LeftFile {
            path: PathBuf::from("/media/usb/2026-11-20_type1_XX_0a1b2c3d.pdf"),
            kind: FileKind::Minutes,
            why: LeftWhy::Missing,
        }],
    };
    if let Err(e) = store
        .note_files(&files)
        .and_then(|()| store.erase_student(erased, &receipt))
    {
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }
    // What the fixture holds, as a backup the test compares it with in later formats.
    let expected = dir.with_extension("expected.fokusbak");
    let at = today.and_hms_opt(12, 0, 0).unwrap_or_default();
    if let Err(e) = store.backup(&expected, at) {
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }
    println!(
        "{} students written, one of them erased since, to {} and {}",
        cases.len(),
        dir.display(),
        expected.display()
    );
    ExitCode::SUCCESS
}
