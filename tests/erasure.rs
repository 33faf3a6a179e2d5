//! Erasing a student: every record, index entry, reminder mark and backup copy goes, the
//! deleted text is gone from the files, and a receipt without personal data is left.

mod support;

use chrono::{NaiveDate, NaiveDateTime};
use fokus::domain::case::{self, Ctx};
use fokus::domain::reminders::Mark;
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
