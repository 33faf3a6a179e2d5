//! Every database format Fokus has written stays readable: each release that changes the
//! format commits a fixture written by it (`cargo run --example write_fixture`), and this
//! test opens a copy of every one with the current code and checks every record.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use fokus::demo::{DemoCase, demo_cases};
use fokus::domain::Case;
use fokus::domain::StudentSummary;
use fokus::domain::reminders;
use fokus::store::{self, SledStore, Store};

fn fixture_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The demo data as a database of format `version` held it: fields added in later formats
/// carry the defaults their migration gives them. Every format change adds a line here.
fn as_of_format(mut case: Case, version: u16) -> Option<Case> {
    if version < 4 {
        // Before format 4 people were recorded by their login only.
        let old = |by: &mut fokus::domain::Actor| *by = fokus::domain::Actor::login_only(&by.login);
        for e in &mut case.events {
            old(&mut e.by);
        }
        for c in &mut case.conversations {
            if let fokus::domain::ConversationState::Finalized { by, .. } = &mut c.state {
                old(by);
            }
            for a in &mut c.addenda {
                old(&mut a.by);
            }
            for s in &mut c.distribution {
                old(&mut s.by);
            }
        }
        for a in &mut case.agreements {
            a.owner_name.clear();
        }
    }
    if version < 3 {
        // Format 3 added the address book and the distribution checklist; the demo gained
        // a student finished long ago.
        if ADDED_WITH_FORMAT_3.contains(&case.student.name.as_str()) {
            return None;
        }
        for c in &mut case.conversations {
            c.distribution.clear();
            c.distribution_tracked = false;
        }
        case.events
            .retain(|e| !matches!(e.kind, fokus::domain::EventKind::DistributionMarked { .. }));
    }
    if version < 2 {
        // Format 2 added the minutes' "other measures".
        for c in &mut case.conversations {
            c.minutes.measures.clear();
        }
    }
    Some(case)
}

/// Demo students added with format 3.
const ADDED_WITH_FORMAT_3: [&str; 1] = ["Nanna Frederiksen"];

/// The format a fixture folder was written in, from its name (`v2`).
fn format_of(name: &str) -> u16 {
    name.trim_start_matches('v').parse().unwrap_or(0)
}

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut all: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    all.sort();
    all
}

#[test]
fn every_fixture_database_opens_and_holds_exactly_the_demo_records() {
    let found = fixtures();
    assert!(!found.is_empty(), "no fixtures under tests/fixtures");
    for fixture in found {
        let name = fixture.file_name().unwrap().to_string_lossy().to_string();
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixture, dir.path());
        let store = SledStore::open(dir.path()).unwrap_or_else(|e| panic!("{name}: {e}"));

        let mut ids = 0u64;
        let version = format_of(&name);
        assert!(
            version > 0,
            "fixture folders are named v<format>, not {name}"
        );
        let expected: Vec<DemoCase> = demo_cases(fixture_day(), &mut ids)
            .into_iter()
            .filter_map(|d| {
                Some(DemoCase {
                    case: as_of_format(d.case, version)?,
                    change: d.change,
                })
            })
            .collect();
        assert_eq!(store.summaries().unwrap().len(), expected.len(), "{name}");
        for demo in &expected {
            let back = store
                .load_case(demo.case.id())
                .unwrap_or_else(|e| panic!("{name}: {}: {e}", demo.case.student.name));
            assert_eq!(back, demo.case, "{name}: {}", demo.case.student.name);
        }
        let mut summaries = store.summaries().unwrap();
        summaries.sort_by_key(|s| s.id);
        let mut wanted: Vec<_> = expected
            .iter()
            .map(|d| StudentSummary::of(&d.case))
            .collect();
        wanted.sort_by_key(|s| s.id);
        assert_eq!(summaries, wanted, "{name}: summaries");

        // The due index agrees with the records, and the two marks written are there.
        let items: Vec<_> = expected
            .iter()
            .flat_map(|d| reminders::due_items(&d.case))
            .collect();
        let unmarked = reminders::reminders(&items, |_| None, fixture_day(), 7);
        let shown = store::current_reminders(&store, fixture_day(), 7).unwrap();
        assert_eq!(
            shown.len() + 2,
            unmarked.len(),
            "{name}: one snoozed, one done"
        );
        for r in &unmarked[2..] {
            assert!(shown.contains(r), "{name}: missing {r:?}");
        }
        assert!(
            store.mark(&unmarked[0].item.key()).unwrap().is_some(),
            "{name}"
        );
    }
}
