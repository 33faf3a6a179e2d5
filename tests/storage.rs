//! Storage: what is written survives closing and reopening, indexes follow the records,
//! and a database Fokus cannot safely use is refused with a reason.

use chrono::{NaiveDate, NaiveDateTime};
use fokus::demo::demo_cases;
use fokus::domain::case::{self, Ctx};
use fokus::domain::reminders::{self, DueKind, Mark};
use fokus::domain::{Case, ConversationState, Level, StudentSummary};
use fokus::store::{self, Mode, ReadOnlyReason, SledStore, Store, StoreError, codec};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(10, 0, 0).unwrap()
}

fn ctx() -> Ctx {
    Ctx {
        now: now(),
        by: fokus::domain::Actor::new(
            "Hanne Krogh",
            fokus::domain::Role::EducationOfficer,
            "hanne",
        ),
    }
}

fn filled() -> (tempfile::TempDir, Vec<Case>) {
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    fokus::demo::fill(&store, today()).unwrap();
    let cases = store
        .summaries()
        .unwrap()
        .iter()
        .map(|s| store.load_case(s.id).unwrap())
        .collect();
    (dir, cases)
}

#[test]
fn every_case_reads_back_identically_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let mut ids = 0u64;
    let demo = demo_cases(today(), &mut ids).expect("the demo stories");
    {
        let store = SledStore::open(dir.path()).unwrap();
        for d in &demo {
            store.commit(&d.change, &d.case).unwrap();
        }
    }
    let store = SledStore::open(dir.path()).unwrap();
    for d in &demo {
        let back = store.load_case(d.case.id()).unwrap();
        assert_eq!(back, d.case, "{}", d.case.student.name);
    }
    let mut summaries = store.summaries().unwrap();
    summaries.sort_by_key(|s| s.id);
    let mut expected: Vec<_> = demo.iter().map(|d| StudentSummary::of(&d.case)).collect();
    expected.sort_by_key(|s| s.id);
    assert_eq!(summaries, expected);
}

#[test]
fn reminders_from_the_index_equal_reminders_computed_from_the_records() {
    let (dir, cases) = filled();
    let store = SledStore::open(dir.path()).unwrap();
    for window in [0, 7, 30] {
        let from_index = store::current_reminders(&store, today(), window).unwrap();
        let items: Vec<_> = cases.iter().flat_map(reminders::due_items).collect();
        // The demo's past trial periods are marked done, as its user would have.
        let from_records =
            reminders::reminders(&items, |k| store.mark(k).unwrap(), today(), window);
        assert_eq!(from_index, from_records, "window {window}");
    }
}

#[test]
fn the_first_reminders_are_the_start_of_all_of_them_on_any_day_and_for_any_number() {
    let (dir, _) = filled();
    let store = SledStore::open(dir.path()).unwrap();
    // Two students' planned conversations are moved to the day a third's minutes are due,
    // so that day has an overdue reminder sorting after two for today in the index.
    let items = store
        .due_until(today() + chrono::Duration::days(400))
        .unwrap();
    let minutes = items
        .iter()
        .find(|i| i.kind == DueKind::MinutesPending)
        .unwrap();
    let planned = items
        .iter()
        .filter(|i| i.kind == DueKind::Conversation && i.student != minutes.student)
        .take(2);
    for item in planned {
        let mut case = store.load_case(item.student).unwrap();
        let conversation = case
            .conversations
            .iter_mut()
            .find(|c| c.id.0 == item.subject)
            .unwrap();
        conversation.planned_at = minutes.date.and_time(conversation.planned_at.time());
        let change = fokus::domain::CaseChange {
            conversations: vec![conversation.clone()],
            ..Default::default()
        };
        store.commit(&change, &case).unwrap();
    }
    let mut mixed_today = false;
    // Days before, on and after the demo's dates: overdue, today's and upcoming mixed.
    for offset in -40..60 {
        let day = today() + chrono::Duration::days(offset);
        let all = store::current_reminders(&store, day, 7).unwrap();
        let on_day = |u| all.iter().any(|r| r.item.date == day && r.urgency == u);
        mixed_today |= on_day(reminders::Urgency::Overdue) && on_day(reminders::Urgency::Today);
        for limit in 0..=all.len() + 1 {
            let page = store::first_reminders(&store, day, 7, limit).unwrap();
            let n = limit.min(all.len());
            assert_eq!(page.shown, all[..n], "day {day}, limit {limit}");
            assert_eq!(page.more, all.len() > limit, "day {day}, limit {limit}");
        }
    }
    // The order within a day that has both overdue and today's reminders was tried.
    assert!(mixed_today);
}

#[test]
fn saving_a_conversation_moves_its_reminder_in_the_index() {
    let (dir, cases) = filled();
    let store = SledStore::open(dir.path()).unwrap();
    let case = cases
        .iter()
        .find(|c| {
            c.conversations
                .iter()
                .any(|c| c.state == ConversationState::Planned)
        })
        .unwrap()
        .clone();
    let mut conv = case
        .conversations
        .iter()
        .find(|c| c.state == ConversationState::Planned)
        .unwrap()
        .clone();
    let before = store
        .due_until(today() + chrono::Duration::days(400))
        .unwrap();
    assert!(
        before
            .iter()
            .any(|i| i.subject == conv.id.0 && i.kind == DueKind::Conversation)
    );
    conv.planned_at = NaiveDate::from_ymd_opt(2027, 3, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let mut ids = store.ids();
    let change = case::save_conversation(&case, conv.clone(), vec![], &ctx(), &mut *ids).unwrap();
    ids.finish().unwrap();
    let mut after = case.clone();
    after.apply(&change);
    store.commit(&change, &after).unwrap();
    drop(ids);
    drop(store);
    let store = SledStore::open(dir.path()).unwrap();
    let soon = store
        .due_until(today() + chrono::Duration::days(60))
        .unwrap();
    assert!(
        !soon.iter().any(|i| i.subject == conv.id.0),
        "old entry left behind"
    );
    let later = store
        .due_until(NaiveDate::from_ymd_opt(2027, 3, 1).unwrap())
        .unwrap();
    assert_eq!(
        later.iter().filter(|i| i.subject == conv.id.0).count(),
        1,
        "exactly one entry at the new date"
    );
}

#[test]
fn an_escalation_and_its_planned_conversation_are_stored_together() {
    let (dir, cases) = filled();
    let case = cases
        .iter()
        .find(|c| c.student.level == Level::One && c.student.status.is_followed_up())
        .unwrap()
        .clone();
    {
        let store = SledStore::open(dir.path()).unwrap();
        let mut ids = store.ids();
        let at = case.proposed_time(today());
        let (change, planned) =
            case::escalate(&case, "Fokus fortsætter", at, &ctx(), &mut *ids).unwrap();
        ids.finish().unwrap();
        let mut after = case.clone();
        after.apply(&change);
        drop(ids);
        store.commit(&change, &after).unwrap();
        assert!(after.conversation(planned).is_some());
    }
    let store = SledStore::open(dir.path()).unwrap();
    let back = store.load_case(case.id()).unwrap();
    assert_eq!(back.student.level, Level::Two);
    assert!(
        back.conversations
            .iter()
            .any(|c| c.level == Level::Two && c.state == ConversationState::Planned)
    );
    let summary = store
        .summaries()
        .unwrap()
        .into_iter()
        .find(|s| s.id == case.id())
        .unwrap();
    assert_eq!(summary.level, Level::Two);
}

#[test]
fn snoozes_and_done_marks_survive_a_restart() {
    let (dir, _) = filled();
    let (first, second) = {
        let store = SledStore::open(dir.path()).unwrap();
        let shown = store::current_reminders(&store, today(), 7).unwrap();
        let first = shown[0].item.key();
        let second = shown[1].item.key();
        let tomorrow = today().succ_opt().unwrap();
        store
            .set_mark(&first, Mark::SnoozedUntil(tomorrow))
            .unwrap();
        store.set_mark(&second, Mark::Done).unwrap();
        (first, second)
    };
    let store = SledStore::open(dir.path()).unwrap();
    let shown = store::current_reminders(&store, today(), 7).unwrap();
    assert!(!shown.iter().any(|r| r.item.key() == first));
    assert!(!shown.iter().any(|r| r.item.key() == second));
    let tomorrow = store::current_reminders(&store, today().succ_opt().unwrap(), 7).unwrap();
    assert!(
        tomorrow.iter().any(|r| r.item.key() == first),
        "snooze ended"
    );
    assert!(
        !tomorrow.iter().any(|r| r.item.key() == second),
        "done stays done"
    );
}

#[test]
fn a_second_open_of_the_same_database_is_refused_and_changes_nothing() {
    let (dir, _) = filled();
    let store = SledStore::open(dir.path()).unwrap();
    let before = store.summaries().unwrap();
    match SledStore::open(dir.path()) {
        Err(StoreError::Locked { path, holder }) => {
            assert_eq!(path, dir.path());
            assert_eq!(holder.pid, Some(std::process::id()));
        }
        Err(other) => panic!("expected a lock error, got {other}"),
        Ok(_) => panic!("expected a lock error, got a second handle"),
    }
    assert_eq!(store.summaries().unwrap(), before);
}

#[test]
fn the_database_folder_and_files_are_private_to_the_owner() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, _) = filled();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(dir.path()), 0o700);
    let mut stack = vec![dir.path().to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                assert_eq!(mode(&path), 0o700, "{}", path.display());
                stack.push(path);
            } else {
                assert_eq!(
                    mode(&path) & 0o077,
                    0,
                    "{} is readable by others",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn a_database_written_by_a_newer_fokus_opens_read_only_and_is_never_rewritten() {
    let (dir, cases) = filled();
    {
        // Mark the database as a future version would.
        let db = fokus::store::open_db(&dir.path().join("sled")).unwrap();
        let meta = db.open_tree("meta").unwrap();
        meta.insert(b"format", codec::encode(&99u16).unwrap())
            .unwrap();
        db.flush().unwrap();
    }
    let before = std::fs::read(dir.path().join("sled").join("db")).unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    assert_eq!(
        store.mode(),
        Mode::ReadOnly(ReadOnlyReason::Newer { version: 99 })
    );
    // Reading works; writing is refused with the reason.
    assert_eq!(store.summaries().unwrap().len(), cases.len());
    let case = &cases[0];
    let refused = store.commit(&Default::default(), case);
    assert!(matches!(
        refused,
        Err(StoreError::ReadOnly(ReadOnlyReason::Newer { .. }))
    ));
    let key = store::current_reminders(&store, today(), 7).unwrap()[0]
        .item
        .key();
    assert!(store.set_mark(&key, Mark::Done).is_err());
    drop(store);
    let after = std::fs::read(dir.path().join("sled").join("db")).unwrap();
    assert_eq!(
        before.len(),
        after.len(),
        "the database file was not written"
    );
}

#[test]
fn demo_data_goes_only_into_an_empty_database() {
    let (dir, cases) = filled();
    let store = SledStore::open(dir.path()).unwrap();
    assert!(matches!(
        fokus::demo::fill(&store, today()),
        Err(StoreError::NotEmpty)
    ));
    assert_eq!(store.summaries().unwrap().len(), cases.len());
}

#[test]
fn keys_hold_no_names() {
    let (dir, cases) = filled();
    let db = {
        // The store holds the lock; read the raw files through a second handle after it closes.
        fokus::store::open_db(&dir.path().join("sled")).unwrap()
    };
    for name in db.tree_names() {
        let tree = db.open_tree(&name).unwrap();
        for key in tree.iter().keys() {
            let key = key.unwrap();
            for c in &cases {
                let first = c.student.name.split_whitespace().next().unwrap();
                assert!(
                    !key.windows(first.len()).any(|w| w == first.as_bytes()),
                    "a key in {:?} contains {first}",
                    String::from_utf8_lossy(&name)
                );
            }
        }
    }
}

/// What a reader on another thread sees in one consistent read: students and summaries.
fn seen(store: &SledStore) -> (usize, usize) {
    store.consistent(|s| (s.student_count(), s.summaries().unwrap().len()))
}

#[test]
fn a_consistent_read_on_another_thread_never_sees_half_a_commit() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    let mut ids = store.ids();
    let demo = demo_cases(today(), &mut *ids).expect("the demo stories");
    ids.finish().unwrap();
    drop(ids);
    // Three students per commit, and summaries written in the same commit.
    const BATCH: usize = 3;
    assert_eq!(demo.len() % BATCH, 0);
    let done = AtomicBool::new(false);
    let reads = std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let mut reads = Vec::new();
            while !done.load(Ordering::SeqCst) {
                reads.push(seen(&store));
            }
            reads.push(seen(&store));
            reads
        });
        for batch in demo.chunks(BATCH) {
            let all: Vec<_> = batch.iter().map(|d| (&d.change, &d.case)).collect();
            store.commit_many(&all).unwrap();
        }
        // Each erasure rewrites the files into new ones and swaps them in.
        for d in &demo[..4] {
            let case = store.load_case(d.case.id()).unwrap();
            let receipt =
                fokus::privacy::receipt(now(), &fokus::domain::Actor::login_only("hanne"));
            store.erase_student(&case, &receipt).unwrap();
        }
        done.store(true, Ordering::SeqCst);
        reader.join().unwrap()
    });
    let last = demo.len() - 4;
    assert_eq!(reads.last(), Some(&(last, last)));
    let mut highest = 0;
    for &(students, summaries) in &reads {
        assert_eq!(students, summaries, "a commit was seen half applied");
        if students < highest {
            // Only an erasure takes students away, one at a time; never all at once.
            assert!(students >= last, "{students} students seen after {highest}");
        } else {
            assert_eq!(students % BATCH, 0, "{students} students: half a commit");
        }
        highest = highest.max(students);
    }
}

#[test]
fn a_restored_database_hands_out_ids_above_every_id_its_records_hold() {
    // sled's generator moves on by a stretch at every opening: a database opened often
    // holds ids far above what fresh files start at.
    let dir = tempfile::tempdir().unwrap();
    for _ in 0..4 {
        drop(SledStore::open(dir.path()).unwrap());
    }
    let store = SledStore::open(dir.path()).unwrap();
    fokus::demo::fill(&store, today()).unwrap();
    let cases: Vec<Case> = store
        .summaries()
        .unwrap()
        .iter()
        .map(|s| store.load_case(s.id).unwrap())
        .collect();
    let file = dir.path().join("copy.fokusbak");
    store.backup(&file, now()).unwrap();
    drop(store);
    let restored = tempfile::tempdir().unwrap();
    let target = restored.path().join("db");
    store::backup::restore(&file, &target).unwrap();
    let store = SledStore::open(&target).unwrap();
    let highest = cases
        .iter()
        .flat_map(|c| {
            std::iter::once(c.id().0)
                .chain(c.conversations.iter().map(|x| x.id.0))
                .chain(c.agreements.iter().map(|x| x.id.0))
                .chain(c.events.iter().map(|x| x.id.0))
        })
        .max()
        .unwrap();
    let fresh = store.reserve_ids(50).unwrap();
    assert!(
        fresh.iter().all(|id| *id > highest),
        "a new student could overwrite an old one: {fresh:?} vs highest {highest}"
    );
}
