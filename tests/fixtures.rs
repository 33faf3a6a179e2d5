//! Every database format Fokus has written stays readable: each release that changes the
//! format commits a fixture written by it (`cargo run --example write_fixture`) together
//! with a backup of what it holds (`vN.expected.fokusbak`), and this test opens a copy of
//! every one with the current code and checks every record against that backup.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use fokus::crypto::{Kdf, KeyFile, Secret};
use fokus::domain::reminders;
use fokus::store::{self, OpenOptions, SledStore, Store};

/// The passphrase of the fixtures from format 6 on (see `examples/write_fixture.rs`).
const PASSPHRASE: &[u8] = b"fixture";

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
fn every_fixture_database_opens_and_holds_exactly_what_it_held_when_written() {
    let found = fixtures();
    assert!(!found.is_empty(), "no fixtures under tests/fixtures");
    for fixture in found {
        let name = fixture.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            format_of(&name) > 0,
            "fixture folders are named v<format>, not {name}"
        );
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixture, dir.path());
        // Fixtures from before encryption are sealed in place as they open, as a user's
        // database is at the first start of this Fokus; later ones open with their key.
        let vault = match KeyFile::load(dir.path()).unwrap() {
            Some(file) => file.unlock(Secret::Passphrase, PASSPHRASE).unwrap(),
            None => {
                let (file, vault) = KeyFile::create(PASSPHRASE, b"r", Kdf::cheapest()).unwrap();
                file.save(dir.path()).unwrap();
                vault
            }
        };
        let sealed = OpenOptions::now(fixture_day().and_hms_opt(9, 0, 0).unwrap())
            .sealed(std::sync::Arc::new(vault));
        let store = SledStore::open_with(dir.path(), sealed.clone())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(store.mode(), store::Mode::Writable, "{name}");

        // What the fixture held, as records of its time read by today's code, was written
        // beside it as a backup when it was made.
        let expected_dir = tempfile::tempdir().unwrap();
        let backup = fixture.with_extension("expected.fokusbak");
        store::backup::restore(&backup, &expected_dir.path().join("db"))
            .unwrap_or_else(|e| panic!("{name}: {}: {e}", backup.display()));
        // A sealed fixture's backup carries its key file into the restored folder.
        let expected_db = expected_dir.path().join("db");
        let expected = match KeyFile::load(&expected_db).unwrap() {
            Some(file) => {
                let vault = file.unlock(Secret::Passphrase, PASSPHRASE).unwrap();
                SledStore::open_with(&expected_db, sealed.sealed(std::sync::Arc::new(vault)))
                    .unwrap()
            }
            None => SledStore::open(&expected_db).unwrap(),
        };

        let mut summaries = store.summaries().unwrap();
        summaries.sort_by_key(|s| s.id);
        let mut wanted = expected.summaries().unwrap();
        wanted.sort_by_key(|s| s.id);
        assert!(wanted.len() >= 12, "{name}: the fixture holds the demo");
        assert_eq!(summaries, wanted, "{name}: summaries");
        let mut cases = Vec::new();
        for s in &wanted {
            let back = store
                .load_case(s.id)
                .unwrap_or_else(|e| panic!("{name}: {}: {e}", s.name));
            assert_eq!(
                back,
                expected.load_case(s.id).unwrap(),
                "{name}: {}",
                s.name
            );
            cases.push(back);
        }
        assert_eq!(
            store.organisations().unwrap(),
            expected.organisations().unwrap()
        );
        assert_eq!(store.receipts().unwrap(), expected.receipts().unwrap());
        assert_eq!(
            store.written_files().unwrap(),
            expected.written_files().unwrap(),
            "{name}: the register of written files"
        );

        // The due index agrees with the records, and the two marks written are there.
        let items: Vec<_> = cases.iter().flat_map(reminders::due_items).collect();
        let unmarked = reminders::reminders(&items, |_| None, fixture_day(), 7);
        let shown = store::current_reminders(&store, fixture_day(), 7).unwrap();
        assert_eq!(
            shown,
            store::current_reminders(&expected, fixture_day(), 7).unwrap(),
            "{name}"
        );
        // Every reminder is shown but the two marked ones (whatever sorts first today).
        assert_eq!(
            shown.len() + 2,
            unmarked.len(),
            "{name}: one snoozed, one done"
        );
        let hidden: Vec<_> = unmarked.iter().filter(|r| !shown.contains(r)).collect();
        assert_eq!(hidden.len(), 2, "{name}: {hidden:?}");
        for r in hidden {
            assert!(
                store.mark(&r.item.key()).unwrap().is_some(),
                "{name}: {r:?}"
            );
        }
    }
}
