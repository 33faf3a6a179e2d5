//! Erasing a student: every record, index entry, reminder mark and backup copy goes, the
//! deleted text is gone from the files, and a receipt without personal data is left.

mod support;

use chrono::{NaiveDate, NaiveDateTime};
use fokus::domain::case::{self, Ctx};
use fokus::domain::reminders::Mark;
use fokus::domain::{StudentId, WrittenFile};
use fokus::store::{self, Mode, OpenOptions, SledStore, Store, StoreError};

const MARKER: &str = "ZQXJ-unik-markør-8841";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(10, 0, 0).unwrap()
}

fn open(dir: &std::path::Path) -> SledStore {
    SledStore::open_with(dir, OpenOptions::now(now())).unwrap()
}

#[test]
fn an_erased_student_is_gone_from_every_record_file_and_backup() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    store::fill_demo(&store, today()).unwrap();
    let target = store
        .summaries()
        .unwrap()
        .into_iter()
        .find(|s| s.name == "Amira Hassan")
        .unwrap();
    // Mark her with text found nowhere else: a note and the minutes of a conversation.
    let mut c = store.load_case(target.id).unwrap();
    let ctx = Ctx {
        now: now(),
        by: fokus::domain::Actor::new(
            "Hanne Krogh",
            fokus::domain::Role::EducationOfficer,
            "hanne",
        ),
    };
    let mut ids = store.ids();
    let note = case::add_note(&c, &format!("Notat {MARKER}"), &ctx, &mut *ids).unwrap();
    ids.finish().unwrap();
    drop(ids);
    let mut after = c.clone();
    after.apply(&note);
    store.commit(&note, &after).unwrap();
    c = after;
    let key = store::current_reminders(&store, today(), 7)
        .unwrap()
        .into_iter()
        .find(|r| r.item.student == target.id)
        .unwrap()
        .item
        .key();
    store
        .set_mark(&key, Mark::SnoozedUntil(today().succ_opt().unwrap()))
        .unwrap();
    store.daily_backup(now()).unwrap();
    assert!(!support::holding(dir.path(), MARKER.as_bytes()).is_empty());
    let students_before = store.summaries().unwrap().len();

    let receipt = fokus::privacy::receipt(
        now(),
        &fokus::domain::Actor::new(
            "Hanne Krogh",
            fokus::domain::Role::EducationOfficer,
            "hanne",
        ),
    );
    store.erase_student(&c, &receipt).unwrap();

    assert!(matches!(
        store.load_case(target.id),
        Err(StoreError::NoSuchStudent(_))
    ));
    assert_eq!(store.summaries().unwrap().len(), students_before - 1);
    assert!(
        store
            .due_until(today() + chrono::Duration::days(3650))
            .unwrap()
            .iter()
            .all(|i| i.student != target.id)
    );
    assert!(
        store.mark(&key).unwrap().is_none(),
        "her reminder mark stays"
    );
    let receipts = store.receipts().unwrap();
    assert_eq!(receipts.len(), 1);
    assert_eq!(receipts[0].id, receipt.id);
    assert!(store.check().unwrap().is_sound());
    // Still a working database after the rewrite.
    let other = store.summaries().unwrap()[0].id;
    assert!(store.load_case(other).is_ok());
    drop(store);

    for needle in [MARKER.as_bytes(), "Amira Hassan".as_bytes()] {
        let found = support::holding(dir.path(), needle);
        assert!(
            found.is_empty(),
            "{:?} is still in {found:?}",
            String::from_utf8_lossy(needle)
        );
    }
    let reopened = open(dir.path());
    assert_eq!(reopened.mode(), Mode::Writable);
    assert_eq!(reopened.summaries().unwrap().len(), students_before - 1);
    assert!(reopened.check().unwrap().is_sound());
    let receipt_bytes = format!("{receipt:?}");
    assert!(!receipt_bytes.contains("Amira"));
}

fn written(path: &str, kind: fokus::domain::FileKind, students: &[StudentId]) -> WrittenFile {
    WrittenFile {
        path: path.into(),
        kind,
        students: students.to_vec(),
        sha256: Some([9; 32]),
        written_at: now(),
    }
}

#[test]
fn the_register_of_written_files_survives_backup_and_restore_and_loses_an_erased_student() {
    use fokus::domain::FileKind;
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    store::fill_demo(&store, today()).unwrap();
    let all: Vec<StudentId> = store.summaries().unwrap().iter().map(|s| s.id).collect();
    let (a, b) = (all[0], all[1]);
    let gone = StudentId(987_654_321);
    store
        .note_files(&[
            written("/ud/a.pdf", FileKind::Minutes, &[a]),
            written("/ud/fokus-kalender.ics", FileKind::Calendar, &[b, a, gone]),
            written("/ud/kopi.fokusbak", FileKind::Backup, &all),
        ])
        .unwrap();
    let files = store.written_files().unwrap();
    assert_eq!(files.len(), 3);
    let calendar = files.iter().find(|f| f.kind == FileKind::Calendar).unwrap();
    assert_eq!(
        calendar.students,
        {
            let mut both = vec![a, b];
            both.sort();
            both
        },
        "sorted, and a student who is not stored is not named"
    );
    // Writing a path again replaces its record.
    store
        .note_files(&[written("/ud/a.pdf", FileKind::Minutes, &[a])])
        .unwrap();
    assert_eq!(store.written_files().unwrap().len(), 3);
    assert!(store.check().unwrap().is_sound());

    // A backup holds the register, and a restore brings it back.
    let copy = dir.path().join("kopi.fokusbak");
    let summary = store.backup(&copy, now()).unwrap();
    assert_eq!(summary.counts.get("files"), Some(&3));
    store.daily_backup(now()).unwrap();
    let restored = tempfile::tempdir().unwrap();
    store::backup::restore(&copy, &restored.path().join("db")).unwrap();
    let back = open(&restored.path().join("db"));
    assert_eq!(
        back.written_files().unwrap(),
        store.written_files().unwrap()
    );
    drop(back);

    let case = store.load_case(a).unwrap();
    let receipt = fokus::privacy::receipt(now(), &fokus::domain::Actor::login_only("hanne"));
    store.erase_student(&case, &receipt).unwrap();
    let files = store.written_files().unwrap();
    assert_eq!(
        files.len(),
        2,
        "the file that held only her is no longer named"
    );
    assert!(files.iter().all(|f| !f.holds(a)), "{files:?}");
    assert!(
        files
            .iter()
            .any(|f| f.holds(b) && f.kind == FileKind::Calendar)
    );
    assert!(store.check().unwrap().is_sound());

    // The daily backup, purged, names her nowhere either.
    let daily = store::backup::daily_path(dir.path(), today());
    let purged = tempfile::tempdir().unwrap();
    store::backup::restore(&daily, &purged.path().join("db")).unwrap();
    let old = open(&purged.path().join("db"));
    assert_eq!(old.written_files().unwrap(), files);
    assert!(matches!(
        old.load_case(a),
        Err(StoreError::NoSuchStudent(_))
    ));
}

#[test]
fn the_check_finds_a_register_record_naming_a_student_who_is_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = open(dir.path());
        store::fill_demo(&store, today()).unwrap();
    }
    // Written past Fokus, as a damaged or hand-made database might hold it.
    let db = sled::open(dir.path().join("sled")).unwrap();
    let file = written(
        "/ud/x.pdf",
        fokus::domain::FileKind::Minutes,
        &[StudentId(987_654_321)],
    );
    db.open_tree(store::register::TREE)
        .unwrap()
        .insert(
            store::register::key(&file.path),
            store::codec::encode(&file).unwrap(),
        )
        .unwrap();
    db.flush().unwrap();
    drop(db);
    let report =
        store::integrity::check(&sled::open(dir.path().join("sled")).unwrap(), None).unwrap();
    assert!(
        report
            .findings
            .iter()
            .any(|f| matches!(f, store::integrity::Finding::Orphan { tree: "files", .. })),
        "{:?}",
        report.findings
    );
}
