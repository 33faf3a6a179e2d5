//! How long the ways in and out take on a database of generated students: erasing one
//! student (which rewrites sled's files and the backups so the deleted text is gone),
//! planning and writing an import of 1,000 rows, the calendar of every student, and the
//! minutes of one conversation as PDF.
//!
//! Run with `cargo bench --bench exchange`; sizes with `FOKUS_BENCH_SIZES=1000,10000`
//! (default 1,000 and 10,000). Benchmarks print figures; they do not pass or fail on time.

use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use fokus::domain::{Case, ConversationState, Ctx};
use fokus::export;
use fokus::i18n::Lang;
use fokus::import;
use fokus::store::{self, SledStore, Store};
use fokus_testdata::fill_generated;

const SEED: u64 = 2026;
const IMPORT_ROWS: usize = 1_000;
const ERASURES: usize = 3;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(10, 0, 0).unwrap_or_default()
}

fn sizes() -> Vec<usize> {
    std::env::var("FOKUS_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .filter(|v: &Vec<usize>| !v.is_empty())
        .unwrap_or_else(|| vec![1_000, 10_000])
}

fn database(n: usize) -> (tempfile::TempDir, SledStore) {
    let dir = tempfile::Builder::new()
        .prefix("fokus-exchange-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("a temporary folder");
    let store = SledStore::open(dir.path()).expect("a new database");
    fill_generated(&store, n, today(), SEED).expect("the generated students");
    (dir, store)
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// A list of `rows` students as Danish Excel saves it: half of them already in `cases`
/// with a new unit, the rest new.
fn student_list(cases: &[Case], rows: usize) -> Vec<u8> {
    let mut text = String::from(
        "Navn;Uddannelse;Startdato;Forventet slutdato;Oplæringssted;Afdeling;Status\r\n",
    );
    for (i, c) in cases.iter().take(rows / 2).enumerate() {
        let s = &c.student;
        text.push_str(&format!(
            "{};SSA;{};{};{};Afsnit {i};Aktiv\r\n",
            s.name,
            s.start.format("%d-%m-%Y"),
            s.expected_end.format("%d-%m-%Y"),
            s.workplace,
        ));
    }
    for i in cases.len().min(rows / 2)..rows {
        text.push_str(&format!(
            "Ny Elev {i:05} Østergård;SSH;01-02-2027;01-03-2028;Plejecenter Ærø;Gang {};Aktiv\r\n",
            i % 9
        ));
    }
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    bytes.into_owned()
}

fn main() {
    let ctx = Ctx {
        now: now(),
        by: fokus::domain::Actor::login_only("bench"),
    };
    for n in sizes() {
        let started = Instant::now();
        let (_dir, store) = database(n);
        println!(
            "\n{n} students (made in {:.1} s)",
            started.elapsed().as_secs_f64()
        );

        let cases: Vec<Case> = store
            .summaries()
            .expect("summaries")
            .iter()
            .take(IMPORT_ROWS)
            .map(|s| store.load_case(s.id).expect("a case"))
            .collect();

        // The calendar of everyone, as `K` writes it.
        let t = Instant::now();
        let calendar_cases = store::calendar_cases(&store).expect("calendar cases");
        let text = export::ics::calendar(
            &calendar_cases,
            today(),
            today() + chrono::Duration::days(export::CALENDAR_DAYS),
            &export::ics::IcsOptions::default(),
            Lang::Da,
        );
        println!(
            "  calendar: {} students, {} KiB in {}",
            calendar_cases.len(),
            text.len() / 1024,
            ms(t.elapsed())
        );

        // One conversation's minutes as PDF.
        if let Some((case, c)) = cases.iter().find_map(|case| {
            case.conversations
                .iter()
                .find(|c| matches!(c.state, ConversationState::Finalized { .. }))
                .map(|c| (case, c))
        }) {
            let book = store.organisations().expect("address book");
            let t = Instant::now();
            let cx = export::DocContext {
                book: &book,
                lang: Lang::Da,
                now: now(),
                initials: false,
            };
            let doc = export::document(case, c, &cx);
            let pdf = export::pdf(&doc).expect("a PDF");
            println!(
                "  minutes as PDF: {} KiB in {}",
                pdf.len() / 1024,
                ms(t.elapsed())
            );
        }

        // An import of 1,000 rows: read and planned (the dry run), then written.
        let bytes = student_list(&cases, IMPORT_ROWS);
        let t = Instant::now();
        let table = import::read(&bytes).expect("the list reads");
        let existing = import::existing_for(&store, &table).expect("matching students");
        let plan = import::plan(&table, &existing, today());
        let planned = t.elapsed();
        let t = Instant::now();
        let written = import::commit_plan(&store, &plan, &ctx, &mut |_, _| {}).expect("the import");
        let n_counts = plan.counts();
        println!(
            "  import of {IMPORT_ROWS} rows: dry run {}, written in {} ({} created, {} updated, {} rejected)",
            ms(planned),
            ms(t.elapsed()),
            n_counts.create,
            n_counts.update,
            n_counts.rejected
        );
        assert_eq!(written.len(), n_counts.create + n_counts.update);

        // Erasing a student, including sled's rewrite and the backups.
        let mut times = Vec::new();
        for case in cases.iter().skip(IMPORT_ROWS / 2).take(ERASURES) {
            let fresh = store.load_case(case.id()).expect("the case");
            let receipt =
                fokus::privacy::receipt(now(), &fokus::domain::Actor::login_only("bench"));
            let t = Instant::now();
            store.erase_student(&fresh, &receipt).expect("the erasure");
            times.push(t.elapsed());
        }
        if !times.is_empty() {
            let all: Vec<String> = times.iter().map(|d| ms(*d)).collect();
            println!(
                "  erasing one student: median {} ({})",
                ms(median(times)),
                all.join(", ")
            );
        }
    }
}
