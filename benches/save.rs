//! How long saving a conversation takes: `Store::commit`, which writes the change in one
//! transaction and flushes it to disk before it returns, on a database of 1,000
//! generated students. The draft minutes are saved with their own short text, with a
//! 5,000-word text and with a 1 MiB text; a flush with nothing to write is the floor, and
//! a commit followed by an fsync of sled's log shows what a full sync would add.
//!
//! Run with `cargo bench --bench save`. Benchmarks print figures; they do not pass or
//! fail on time.

use std::time::Duration;

use chrono::{NaiveDate, NaiveTime};
use criterion::{Criterion, criterion_group, criterion_main};
use fokus::domain::case::save_conversation;
use fokus::domain::{Case, CaseChange, ConversationState, Ctx};
use fokus::store::{SledStore, Store};
use fokus_testdata::{fill_generated, minutes_text};
use tempfile::TempDir;

const STUDENTS: usize = 1_000;
const SEED: u64 = 2026;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

fn database() -> (TempDir, SledStore) {
    let dir = tempfile::Builder::new()
        .prefix("fokus-save-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("a temporary folder");
    let store = SledStore::open(dir.path()).expect("a new database");
    fill_generated(&store, STUDENTS, today(), SEED).expect("the generated students");
    (dir, store)
}

/// The first stored case with draft minutes.
fn case_with_draft(store: &SledStore) -> Case {
    store
        .summaries()
        .expect("summaries")
        .iter()
        .filter_map(|s| store.load_case(s.id).ok())
        .find(|c| {
            c.conversations
                .iter()
                .any(|x| matches!(x.state, ConversationState::Held { .. }))
        })
        .expect("a generated student with draft minutes")
}

/// The change the editor's save makes when the draft's "learning needs" read `text`
/// (`None`: saved as it is), and the case after it.
fn saving(store: &SledStore, case: &Case, text: Option<&str>) -> (CaseChange, Case) {
    let mut c = case
        .conversations
        .iter()
        .rfind(|x| matches!(x.state, ConversationState::Held { .. }))
        .cloned()
        .expect("draft minutes");
    if let Some(text) = text {
        c.minutes.learning_needs = text.to_string();
    }
    let mut agreements: Vec<_> = case.agreements_made_in(c.id).into_iter().cloned().collect();
    agreements.extend(case.agreements_to_review(c.id).into_iter().cloned());
    let ctx = Ctx {
        now: today().and_time(NaiveTime::from_hms_opt(11, 0, 0).unwrap_or_default()),
        by: fokus::domain::Actor::login_only("bench"),
    };
    let mut ids = store.ids();
    let mut change = save_conversation(case, c, agreements, &ctx, &mut *ids).expect("a save");
    ids.finish().expect("ids");
    if change.conversations.is_empty() {
        // Saved unchanged: write the conversation anyway, as a save of a touched field does.
        change.conversations.extend(
            case.conversations
                .iter()
                .filter(|x| matches!(x.state, ConversationState::Held { .. }))
                .cloned(),
        );
    }
    let mut after = case.clone();
    after.apply(&change);
    (change, after)
}

fn save(c: &mut Criterion) {
    let (dir, store) = database();
    let case = case_with_draft(&store);
    let long = minutes_text(5_000, 7);
    let mut huge = minutes_text(1 << 18, 8);
    huge.truncate(huge.floor_char_boundary(1 << 20));

    let mut group = c.benchmark_group(format!("commit, {STUDENTS} students"));
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("flush with nothing to write", |b| {
        b.iter(|| store.flush().expect("flush"))
    });
    for (name, text) in [
        ("draft as is", None),
        ("draft with 5,000-word minutes", Some(long.as_str())),
        ("draft with 1 MiB minutes", Some(huge.as_str())),
    ] {
        let (change, after) = saving(&store, &case, text);
        group.bench_function(name, |b| {
            b.iter(|| store.commit(&change, &after).expect("commit"))
        });
    }
    // sled's flush ends in sync_file_range, which neither flushes the drive's write
    // cache nor the file's metadata; this is what an fsync on top would cost.
    let log = std::fs::File::open(dir.path().join("sled").join("db")).expect("sled's log");
    let (change, after) = saving(&store, &case, Some(long.as_str()));
    group.bench_function("draft with 5,000-word minutes, then fsync", |b| {
        b.iter(|| {
            store.commit(&change, &after).expect("commit");
            log.sync_all().expect("fsync");
        })
    });
    group.finish();
}

criterion_group!(benches, save);
criterion_main!(benches);
