//! The manifest, checks and backups: damage is found at opening, never written over, and
//! a backup brings back every record.

use chrono::{NaiveDate, NaiveDateTime};
use fokus::store::backup::{self, BackupError};
use fokus::store::manifest::Manifest;
use fokus::store::{self, Damage, Mode, OpenOptions, ReadOnlyReason, SledStore, Store, StoreError};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(10, 0, 0).unwrap()
}

fn open(dir: &std::path::Path) -> SledStore {
    SledStore::open_with(dir, OpenOptions::now(now())).unwrap()
}

fn filled() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    fokus::demo::fill(&store, today()).unwrap();
    dir
}

fn raw(dir: &std::path::Path) -> sled::Db {
    fokus::store::open_db(&dir.join("sled")).unwrap()
}

/// Every key and value of every tree, for comparing databases record by record.
fn dump(db: &sled::Db) -> Vec<(String, Vec<u8>, Vec<u8>)> {
    let mut out = Vec::new();
    for tree in fokus::store::TreeName::ALL {
        let name = tree.name();
        for entry in db.open_tree(name).unwrap().iter() {
            let (k, v) = entry.unwrap();
            out.push((name.to_string(), k.to_vec(), v.to_vec()));
        }
    }
    out
}

#[test]
fn every_commit_keeps_the_manifest_in_step_with_the_records() {
    let dir = filled();
    let store = open(dir.path());
    assert_eq!(store.mode(), Mode::Writable);
    let report = store.check().unwrap();
    assert!(report.is_sound(), "{:?}", report.findings);
    assert_eq!(report.students, 15);
    let manifest = Manifest::load(dir.path()).unwrap().unwrap();
    assert!(manifest.pending.is_none());
    assert_eq!(manifest.current.tally.counts["students"], 15);
}

#[test]
fn a_missing_record_is_found_at_opening_and_nothing_is_written() {
    let dir = filled();
    {
        let store = open(dir.path());
        store.daily_backup(now()).unwrap();
    }
    {
        let db = raw(dir.path());
        let events = db.open_tree("events").unwrap();
        let first = events.iter().keys().next().unwrap().unwrap();
        events.remove(first).unwrap();
        db.flush().unwrap();
    }
    let store = open(dir.path());
    match store.mode() {
        Mode::ReadOnly(ReadOnlyReason::Damaged { backup, damage }) => {
            assert!(
                matches!(damage, Damage::Records { expected, found } if found + 1 == expected),
                "{damage:?}"
            );
            let backup = backup.expect("the newest good backup is named");
            assert!(backup.starts_with(dir.path().join("backups")));
        }
        other => panic!("expected a damaged database, got {other:?}"),
    }
    let before = dump(&raw_after_close(store, dir.path()));
    let store = open(dir.path());
    let case = store.load_case(store.summaries().unwrap()[0].id).unwrap();
    assert!(matches!(
        store.commit(&Default::default(), &case),
        Err(StoreError::ReadOnly(_))
    ));
    assert_eq!(dump(&raw_after_close(store, dir.path())), before);
}

fn raw_after_close(store: SledStore, dir: &std::path::Path) -> sled::Db {
    drop(store);
    raw(dir)
}

#[test]
fn a_changed_value_is_found_even_when_every_count_is_right() {
    let dir = filled();
    {
        let db = raw(dir.path());
        let students = db.open_tree("students").unwrap();
        let (k, v) = students.iter().next().unwrap().unwrap();
        let mut v = v.to_vec();
        let last = v.len() - 1;
        v[last] ^= 0x01;
        students.insert(k, v).unwrap();
        db.flush().unwrap();
    }
    let store = open(dir.path());
    assert!(matches!(
        store.mode(),
        Mode::ReadOnly(ReadOnlyReason::Damaged { .. })
    ));
    assert!(!store.check().unwrap().is_sound());
}

#[test]
fn a_commit_cut_short_before_or_after_sled_wrote_it_is_accepted() {
    let dir = filled();
    // The manifest says a commit was under way; sled holds the state before it.
    let mut m = Manifest::load(dir.path()).unwrap().unwrap();
    let mut next = m.current.clone();
    next.seq += 1;
    next.tally.add(fokus::store::TreeName::Students, b"x", b"y");
    m.pending = Some(next);
    m.save(dir.path()).unwrap();
    let store = open(dir.path());
    assert_eq!(store.mode(), Mode::Writable);
    drop(store);
    // The interrupted commit is settled: the manifest no longer says anything is pending.
    assert!(
        Manifest::load(dir.path())
            .unwrap()
            .unwrap()
            .pending
            .is_none()
    );
}

/// Makes the manifest one commit ahead of sled: a commit reported saved was lost.
fn lose_last_commit(dir: &std::path::Path) {
    let mut m = Manifest::load(dir).unwrap().unwrap();
    m.current.seq += 1;
    m.current
        .tally
        .add(fokus::store::TreeName::Events, b"lost", b"record");
    m.save(dir).unwrap();
}

#[test]
fn a_commit_sled_never_wrote_to_disk_shows_as_damage() {
    let dir = filled();
    lose_last_commit(dir.path());
    let store = open(dir.path());
    assert!(matches!(
        store.mode(),
        Mode::ReadOnly(ReadOnlyReason::Damaged { .. })
    ));
}

fn open_comparing(dir: &std::path::Path, compare: store::Compare) -> SledStore {
    SledStore::open_with(
        dir,
        OpenOptions {
            compare,
            ..OpenOptions::now(now())
        },
    )
    .unwrap()
}

#[test]
fn a_lost_commit_is_found_at_opening_without_comparing_every_record() {
    let dir = filled();
    lose_last_commit(dir.path());
    // Even a read-only query, which compares no records when the cheap checks pass, sees it.
    let store = open_comparing(dir.path(), store::Compare::Never);
    assert!(
        matches!(
            store.mode(),
            Mode::ReadOnly(ReadOnlyReason::Damaged {
                damage: Damage::Records { .. },
                ..
            })
        ),
        "{:?}",
        store.mode()
    );
}

#[test]
fn a_sound_database_is_writable_at_once_and_commits_made_during_the_comparison_count() {
    let dir = filled();
    let store = open_comparing(dir.path(), store::Compare::InBackground);
    // Nothing waits for the comparison of every record.
    assert_eq!(store.mode(), Mode::Writable);
    let mut book = store.organisations().unwrap();
    for round in 0..30 {
        for org in book.iter_mut().take(3) {
            org.secure_mail = format!("post{round}@{}.dk", org.id.0);
            store.save_organisation(org).unwrap();
        }
    }
    // The comparison, made while those commits came, finds no damage in them.
    assert_eq!(store.settled_mode(), Mode::Writable);
    let recorded = store.manifest_on_disk().unwrap().unwrap();
    assert!(recorded.pending.is_none());
    assert_eq!(recorded.current, store.tally().unwrap());
    assert!(store.check().unwrap().is_sound());
    drop(store);
    let again = open(dir.path());
    assert_eq!(again.mode(), Mode::Writable);
    assert_eq!(again.organisations().unwrap()[..3], book[..3]);
}

#[test]
fn a_changed_value_only_the_full_comparison_sees_makes_the_database_read_only_after_opening() {
    let dir = filled();
    {
        let db = raw(dir.path());
        let summaries = db.open_tree("summaries").unwrap();
        let (k, v) = summaries.iter().next().unwrap().unwrap();
        let mut v = v.to_vec();
        let last = v.len() - 1;
        v[last] ^= 0x01;
        summaries.insert(k, v).unwrap();
        db.flush().unwrap();
    }
    let store = open_comparing(dir.path(), store::Compare::InBackground);
    assert!(
        matches!(
            store.settled_mode(),
            Mode::ReadOnly(ReadOnlyReason::Damaged {
                damage: Damage::Records { .. },
                ..
            })
        ),
        "{:?}",
        store.mode()
    );
    assert!(matches!(
        store.save_organisation(&store.organisations().unwrap()[0]),
        Err(StoreError::ReadOnly(_))
    ));
    drop(store);
    // A read-only query does not compare; `fokus check` does, and says so.
    let query = open_comparing(dir.path(), store::Compare::Never);
    assert!(!query.check().unwrap().is_sound());
}

#[test]
fn check_finds_an_index_that_disagrees_with_the_records() {
    let dir = filled();
    {
        let store = open(dir.path());
        assert!(store.check().unwrap().is_sound());
    }
    {
        // Remove a due-index entry and record the removal in the manifest, as a bug in
        // the index code (not damage) would.
        let db = raw(dir.path());
        let due = db.open_tree("due").unwrap();
        let (k, v) = due.iter().next().unwrap().unwrap();
        due.remove(&k).unwrap();
        db.flush().unwrap();
        let mut m = Manifest::load(dir.path()).unwrap().unwrap();
        m.current.tally.remove(fokus::store::TreeName::Due, &k, &v);
        m.save(dir.path()).unwrap();
    }
    let store = open(dir.path());
    let report = store.check().unwrap();
    assert!(
        report
            .findings
            .iter()
            .any(|f| matches!(f, fokus::store::integrity::Finding::DueIndexDiffers(_))),
        "{:?}",
        report.findings
    );
}

#[test]
fn a_backup_restores_every_record_and_refuses_a_used_folder() {
    let dir = filled();
    let file = tempfile::tempdir().unwrap();
    let path = file.path().join("copy.fokusbak");
    let written = {
        let store = open(dir.path());
        store.backup(&path, now()).unwrap()
    };
    assert_eq!(written.counts["students"], 15);
    let summary = backup::verify(&path).unwrap();
    assert_eq!(summary.counts, written.counts);
    let target = tempfile::tempdir().unwrap();
    let restored_dir = target.path().join("restored");
    let restored = backup::restore(&path, &restored_dir).unwrap();
    assert_eq!(restored.counts, written.counts);
    assert_eq!(dump(&raw(dir.path())), dump(&raw(&restored_dir)));
    let reopened = open(&restored_dir);
    assert_eq!(reopened.mode(), Mode::Writable);
    assert!(reopened.check().unwrap().is_sound());
    drop(reopened);
    assert!(matches!(
        backup::restore(&path, &restored_dir),
        Err(BackupError::TargetNotEmpty(_))
    ));
}

#[test]
fn a_damaged_backup_is_refused_before_anything_is_restored() {
    let dir = filled();
    let path = dir.path().join("copy.fokusbak");
    {
        let store = open(dir.path());
        store.backup(&path, now()).unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x40;
    std::fs::write(&path, &bytes).unwrap();
    assert!(matches!(
        backup::verify(&path),
        Err(BackupError::ChecksumMismatch)
    ));
    let target = tempfile::tempdir().unwrap();
    let restored = target.path().join("r");
    assert!(backup::restore(&path, &restored).is_err());
    assert!(!restored.exists(), "nothing is left behind");
    std::fs::write(&path, b"not a backup at all").unwrap();
    assert!(matches!(
        backup::verify(&path),
        Err(BackupError::NotABackup)
    ));
}

#[test]
fn daily_backups_are_made_once_a_day_and_only_the_newest_are_kept() {
    let dir = filled();
    for day in 1..=10 {
        let at = NaiveDate::from_ymd_opt(2026, 11, day)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        let store = SledStore::open_with(dir.path(), OpenOptions::now(at)).unwrap();
        drop(store);
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(names.len(), 7, "{names:?}");
    assert_eq!(names[0], "daily-2026-11-04.fokusbak");
    assert_eq!(names[6], "daily-2026-11-10.fokusbak");
    use std::os::unix::fs::PermissionsExt;
    for n in &names {
        let mode = std::fs::metadata(dir.path().join("backups").join(n))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{n} is readable by others");
    }
}

#[test]
fn ten_thousand_students_round_trip_through_a_backup_identically() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = open(dir.path());
        fokus_testdata::fill_generated(&store, 10_000, today(), 7).unwrap();
    }
    let file = dir.path().join("big.fokusbak");
    let written = open(dir.path()).backup(&file, now()).unwrap();
    assert_eq!(written.counts["students"], 10_000);
    let target = tempfile::tempdir().unwrap();
    let restored_dir = target.path().join("r");
    backup::restore(&file, &restored_dir).unwrap();
    let a = dump(&raw(dir.path()));
    let b = dump(&raw(&restored_dir));
    assert_eq!(a.len(), b.len());
    assert!(a == b, "a record differs after restoring");
    println!("round trip: {} records compared", a.len());
}

/// The names in the backup folder, sorted.
fn backup_names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn no_automatic_backup_removes_or_replaces_the_newest_backup_holding_more_records() {
    let dir = filled();
    let at = |day: u32, hour: u32| {
        NaiveDate::from_ymd_opt(2026, 11, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    };
    let open_on = |now: NaiveDateTime| {
        SledStore::open_with(
            dir.path(),
            OpenOptions {
                keep_backups: 3,
                ..OpenOptions::now(now)
            },
        )
        .unwrap()
    };
    for day in 1..=4 {
        drop(open_on(at(day, 8)));
    }
    // Day 5: the morning's backup holds every record; then an organisation is removed,
    // and the backup on quitting holds one record less.
    let store = open_on(at(5, 8));
    let morning = backup::daily_path(dir.path(), at(5, 8).date());
    let kept = std::fs::read(&morning).unwrap();
    let org = store.organisations().unwrap()[0].id;
    store.remove_organisation(org).unwrap();
    let evening = store.daily_backup(at(5, 17)).unwrap();
    assert_ne!(
        evening, morning,
        "the backup holding more records was replaced"
    );
    assert_eq!(std::fs::read(&morning).unwrap(), kept);
    drop(store);
    // Ten days on, with three daily backups kept, the morning of day 5 is still there.
    for day in 6..=15 {
        drop(open_on(at(day, 8)));
    }
    assert_eq!(
        backup_names(dir.path()),
        [
            "daily-2026-11-05.fokusbak",
            "daily-2026-11-13.fokusbak",
            "daily-2026-11-14.fokusbak",
            "daily-2026-11-15.fokusbak",
        ]
    );
    assert_eq!(std::fs::read(&morning).unwrap(), kept);
    // Once the database holds more than it, it is a backup like any other.
    let store = open_on(at(16, 8));
    let ctx = fokus::domain::Ctx {
        now: at(16, 9),
        by: fokus::domain::Actor::login_only("test"),
    };
    let id = store.summaries().unwrap()[0].id;
    for _ in 0..2 {
        let case = store.load_case(id).unwrap();
        let mut ids = store.ids();
        let change = fokus::domain::case::add_note(&case, "Ringede.", &ctx, &mut *ids).unwrap();
        ids.finish().unwrap();
        drop(ids);
        let mut after = case.clone();
        after.apply(&change);
        store.commit(&change, &after).unwrap();
    }
    drop(store);
    drop(open_on(at(17, 8)));
    assert_eq!(
        backup_names(dir.path()),
        [
            "daily-2026-11-15.fokusbak",
            "daily-2026-11-16.fokusbak",
            "daily-2026-11-17.fokusbak",
        ]
    );
}

#[test]
fn the_backup_to_restore_is_never_an_empty_one_or_one_of_a_damaged_database() {
    let dir = filled();
    drop(open(dir.path()));
    let full = backup::daily_path(dir.path(), today());
    assert!(full.exists());
    // Later backups: one of an empty database, one taken by hand of a damaged one.
    let empty = tempfile::tempdir().unwrap();
    let later = now() + chrono::Duration::hours(2);
    open(empty.path())
        .backup(&dir.path().join("backups/manual-empty.fokusbak"), later)
        .unwrap();
    let damaged = backup::damaged_path(dir.path(), later + chrono::Duration::hours(1));
    open(dir.path()).backup(&damaged, later).unwrap();
    assert_eq!(backup::newest_good(dir.path()), Some(full));
}
