//! What startup costs, and what that cost grows with.
//!
//! For 100, 1,000 and 10,000 generated students (and 1,000 students with a long history
//! of notes) a database is built once in a temporary folder and closed. Each run then
//! opens it the way `fokus` does at startup and times every step separately: opening the
//! database, reading the summaries, reading the reminders, building `App` and loading
//! the first student's case. The table gives the median of several runs (the page cache
//! is warm after the build), the database size on disk and how many due-index entries
//! the reminders read against everything stored. A second table gives the first open
//! after the writes and runs with the database's files evicted from the page cache.
//!
//! Run with `cargo bench --bench startup`. `FOKUS_BENCH_SIZES=100,1000` picks the sizes,
//! `FOKUS_BENCH_RUNS=5` the number of runs. Without `--bench` (as under
//! `cargo test --benches`) it only checks that one small database opens.
//! Benchmarks print figures; they do not pass or fail on time.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use fokus::app::App;
use fokus::config::DEFAULT_WINDOW_DAYS;
use fokus::domain::case::add_note;
use fokus::domain::reminders::horizon;
use fokus::domain::{Case, CaseChange, Ctx};
use fokus::i18n::Lang;
use fokus::store::{self, SledStore, Store};
use fokus_testdata::fill_generated;
use tempfile::TempDir;

const SEED: u64 = 2026;
const DEFAULT_SIZES: [usize; 3] = [100, 1_000, 10_000];
const DEFAULT_RUNS: usize = 9;
const COLD_RUNS: usize = 3;
/// The long-history variant: this many students, each with this many extra notes.
const HISTORY_STUDENTS: usize = 1_000;
const HISTORY_NOTES: usize = 50;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

fn now() -> NaiveDateTime {
    today().and_time(NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default())
}

type Error = Box<dyn std::error::Error>;

/// A database built once and closed, to be opened by every run.
struct Built {
    label: String,
    students: usize,
    dir: TempDir,
    build: Duration,
}

fn build(students: usize, extra_notes: usize) -> Result<Built, Error> {
    let dir = tempfile::Builder::new()
        .prefix("fokus-startup-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
    let started = Instant::now();
    {
        let store = SledStore::open(dir.path())?;
        fill_generated(&store, students, today(), SEED)?;
        if extra_notes > 0 {
            add_history(&store, extra_notes)?;
        }
        store.flush()?;
    }
    let label = if extra_notes > 0 {
        format!("{students} +{extra_notes} notes each")
    } else {
        students.to_string()
    };
    Ok(Built {
        label,
        students,
        dir,
        build: started.elapsed(),
    })
}

/// Gives every student `notes` more timeline entries, one commit per student: more
/// events, the same summaries and due items.
fn add_history(store: &SledStore, notes: usize) -> Result<(), Error> {
    let ctx = Ctx {
        now: now() - chrono::Duration::days(1),
        by: fokus::domain::Actor::login_only("bench"),
    };
    let text = "Telefonsamtale med vejleder om fremmøde og vagtplan; eleven møder nu stabilt \
                og har selv taget kontakt til skolen om ekstra undervisning i farmakologi.";
    for summary in store.summaries()? {
        let case = store.load_case(summary.id)?;
        let mut ids = store.ids();
        let mut change = CaseChange::default();
        for _ in 0..notes {
            change
                .events
                .extend(add_note(&case, text, &ctx, &mut *ids)?.events);
        }
        ids.finish()?;
        drop(ids);
        let mut after: Case = case;
        after.apply(&change);
        store.commit(&change, &after)?;
    }
    Ok(())
}

/// One database's figures.
struct Row {
    built: Built,
    first: Run,
    warm: Vec<Run>,
    cold: Vec<Run>,
    size: u64,
    counts: Counts,
}

/// The time of each startup step in one run.
#[derive(Clone, Copy, Default)]
struct Run {
    open: Duration,
    summaries: Duration,
    reminders: Duration,
    app: Duration,
    first_case: Duration,
}

impl Run {
    fn total(&self) -> Duration {
        self.open + self.summaries + self.reminders
    }
}

fn run_once(dir: &Path) -> Result<Run, Error> {
    let t0 = Instant::now();
    let store = SledStore::open(dir)?;
    let t1 = Instant::now();
    let summaries = store.summaries()?;
    let t2 = Instant::now();
    let reminders = store::current_reminders(&store, today(), DEFAULT_WINDOW_DAYS)?;
    let t3 = Instant::now();
    let app = App::new(
        Lang::Da,
        now(),
        fokus::domain::Actor::login_only("bench"),
        DEFAULT_WINDOW_DAYS,
        summaries,
        reminders,
    );
    let t4 = Instant::now();
    // What `initial_effects` asks for before the first screen.
    let first = app.students.selected_id().map(|id| store.load_case(id));
    let t5 = Instant::now();
    black_box((&app, &first));
    drop(store);
    Ok(Run {
        open: t1 - t0,
        summaries: t2 - t1,
        reminders: t3 - t2,
        app: t4 - t3,
        first_case: t5 - t4,
    })
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values.get(values.len() / 2).copied().unwrap_or_default()
}

fn fmt(d: Duration) -> String {
    let micros = d.as_secs_f64() * 1e6;
    if micros >= 1e6 {
        format!("{:.2} s", micros / 1e6)
    } else if micros >= 1e3 {
        format!("{:.2} ms", micros / 1e3)
    } else {
        format!("{micros:.0} µs")
    }
}

fn bytes(n: u64) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MiB", n as f64 / f64::from(1 << 20))
    } else {
        format!("{:.0} KiB", n as f64 / 1024.0)
    }
}

fn size_on_disk(path: &Path) -> std::io::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        total += if meta.is_dir() {
            size_on_disk(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}

/// Asks the kernel to drop this database's files from the page cache, so the next run
/// reads them from disk as on the first start after a reboot. Only these files are
/// touched; their pages are clean, since every commit flushes.
fn evict(path: &Path) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            evict(&entry.path())?;
        } else {
            let file = std::fs::File::open(entry.path())?;
            file.sync_all()?;
            // SAFETY: a valid open descriptor; the call only gives the kernel advice.
            unsafe {
                libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED);
            }
        }
    }
    Ok(())
}

/// Records in each tree, read with sled directly once the store is closed.
struct Counts {
    conversations: usize,
    agreements: usize,
    events: usize,
    due: usize,
    all: usize,
    due_read: usize,
}

fn counts(dir: &Path) -> Result<Counts, Error> {
    let due_read = {
        let store = SledStore::open(dir)?;
        store
            .due_until(horizon(today(), DEFAULT_WINDOW_DAYS))?
            .len()
    };
    let db = sled::Config::new().path(dir.join("sled")).open()?;
    let len = |name: &str| db.open_tree(name).map(|t| t.len());
    let trees = [
        "students",
        "conversations",
        "agreements",
        "events",
        "summaries",
        "due",
        "marks",
    ];
    let mut all = 0;
    for name in trees {
        all += len(name)?;
    }
    Ok(Counts {
        conversations: len("conversations")?,
        agreements: len("agreements")?,
        events: len("events")?,
        due: len("due")?,
        all,
        due_read,
    })
}

fn env_list(name: &str) -> Option<Vec<usize>> {
    let text = std::env::var(name).ok()?;
    let list: Vec<usize> = text
        .split(',')
        .filter_map(|s| s.trim().replace('_', "").parse().ok())
        .collect();
    (!list.is_empty()).then_some(list)
}

fn main() -> Result<(), Error> {
    let benching = std::env::args().any(|a| a == "--bench");
    if !benching {
        // `cargo test --benches`: check that the bench works, time nothing.
        let built = build(20, 2)?;
        run_once(built.dir.path())?;
        println!("startup: smoke test passed (run `cargo bench --bench startup` for figures)");
        return Ok(());
    }
    let sizes = env_list("FOKUS_BENCH_SIZES").unwrap_or(DEFAULT_SIZES.to_vec());
    let runs = env_list("FOKUS_BENCH_RUNS")
        .and_then(|l| l.first().copied())
        .unwrap_or(DEFAULT_RUNS)
        .max(1);
    let mut plans: Vec<(usize, usize)> = sizes.iter().map(|&n| (n, 0)).collect();
    if sizes.contains(&HISTORY_STUDENTS) {
        plans.push((HISTORY_STUDENTS, HISTORY_NOTES));
    }

    let mut rows = Vec::new();
    for (students, notes) in plans {
        eprint!("building {students} students (+{notes} notes each)… ");
        let built = build(students, notes)?;
        eprintln!("{}", fmt(built.build));
        // The first open after the writes replays sled's log; later ones start from the
        // snapshot that open leaves behind.
        let first = run_once(built.dir.path())?;
        let mut warm = Vec::new();
        for _ in 0..runs {
            warm.push(run_once(built.dir.path())?);
        }
        let mut cold = Vec::new();
        for _ in 0..COLD_RUNS {
            evict(built.dir.path())?;
            cold.push(run_once(built.dir.path())?);
        }
        let size = size_on_disk(built.dir.path())?;
        let counts = counts(built.dir.path())?;
        rows.push(Row {
            built,
            first,
            warm,
            cold,
            size,
            counts,
        });
    }

    println!();
    println!(
        "Startup, median of {runs} runs, warm page cache; today {today}, reminder window {DEFAULT_WINDOW_DAYS} days",
        today = today()
    );
    println!(
        "{:<22} {:>10} {:>10} {:>10} {:>10} │ {:>10} {:>10} │ {:>12}",
        "students",
        "open",
        "summaries",
        "reminders",
        "total",
        "App::new",
        "first case",
        "summ./stud."
    );
    println!("{}", "─".repeat(106));
    for row in &rows {
        let pick = |f: fn(&Run) -> Duration| median(row.warm.iter().map(f).collect());
        let summaries = pick(|r| r.summaries);
        println!(
            "{:<22} {:>10} {:>10} {:>10} {:>10} │ {:>10} {:>10} │ {:>12}",
            row.built.label,
            fmt(pick(|r| r.open)),
            fmt(summaries),
            fmt(pick(|r| r.reminders)),
            fmt(pick(Run::total)),
            fmt(pick(|r| r.app)),
            fmt(pick(|r| r.first_case)),
            fmt(summaries / row.built.students.max(1) as u32),
        );
    }
    println!();
    println!(
        "First open after the database was written (sled replays its log), and cold page \
         cache (the database's files evicted before each run; median of {COLD_RUNS})"
    );
    println!(
        "{:<22} {:>10} │ {:>10} {:>10} {:>10} {:>10}",
        "students", "1st open", "cold open", "summaries", "reminders", "total"
    );
    println!("{}", "─".repeat(80));
    for row in &rows {
        let pick = |f: fn(&Run) -> Duration| median(row.cold.iter().map(f).collect());
        println!(
            "{:<22} {:>10} │ {:>10} {:>10} {:>10} {:>10}",
            row.built.label,
            fmt(row.first.open),
            fmt(pick(|r| r.open)),
            fmt(pick(|r| r.summaries)),
            fmt(pick(|r| r.reminders)),
            fmt(pick(Run::total)),
        );
    }
    println!();
    println!("What is stored, and what the reminders read");
    println!(
        "{:<22} {:>9} {:>9} {:>9} {:>10} {:>10} {:>11} {:>11} {:>10}",
        "students",
        "convers.",
        "agreem.",
        "events",
        "due index",
        "due read",
        "all records",
        "DB on disk",
        "build"
    );
    println!("{}", "─".repeat(108));
    for Row {
        built,
        size,
        counts: c,
        ..
    } in &rows
    {
        println!(
            "{:<22} {:>9} {:>9} {:>9} {:>10} {:>10} {:>11} {:>11} {:>10}",
            built.label,
            c.conversations,
            c.agreements,
            c.events,
            c.due,
            c.due_read,
            c.all,
            bytes(*size),
            fmt(built.build),
        );
    }
    println!();
    println!(
        "total = open + summaries + reminders. \"due read\" is the part of the due index up to \
         today + {DEFAULT_WINDOW_DAYS} days that current_reminders reads (one mark look-up each); \
         \"all records\" counts every record in every tree."
    );
    Ok(())
}
