//! Damage to the database files is found, never silently accepted.
//!
//! A database is filled with the demo students and a few hundred generated ones and
//! closed; a later session adds three notes and its folder is copied while it is still
//! open, as a power cut right after the last save would leave it (so sled's recovery has
//! a log tail to read, the place where it takes a bad checksum for a write cut short and
//! quietly ends the log). Then, for each damage, that image is copied and one to eight
//! bytes at random places are flipped: in sled's data file mostly (anywhere, on written
//! bytes, or on the bytes the last session wrote), sometimes in sled's `conf` file, its
//! snapshot or Fokus's manifest; a few damages instead lose the last session's writes
//! altogether, as a disk that dropped them would. Before those, every loss of a whole
//! file is made once: sled's folder gone or empty, its data file emptied, the manifest
//! gone, and the manifest gone together with the last session's writes (nothing is left
//! then to say a save is missing but the manifest's absence itself). The copy is opened
//! as `fokus check` opens it, and each damage ends one of three ways:
//!
//! - DETECTED: opening refuses, the database opens read-only, or `check` finds it unsound;
//! - HARMLESS: it opens writable, `check` says sound, and every record of every data tree
//!   is byte for byte what the undamaged database holds;
//! - SILENTLY ACCEPTED: it opens writable and `check` says sound, but records differ or
//!   are missing. That is a failure; so is a file lost whole that is not reported.
//!
//! The database is encrypted, as every database Fokus makes is: a flipped byte in a
//! record makes it fail to decrypt, which must be reported as damage like any other.
//!
//! Every damage is opened in this process, on a thread of its own: a panic (inside sled
//! or Fokus, on any thread), or a hang, is caught, reported and is a failure too.
//!
//! FOKUS_FLIP_DAMAGES sets the number of damages (default 300, about 15 s in a debug
//! build), FOKUS_FLIP_SEED the seed (default fixed), FOKUS_FLIP_VERBOSE=1 prints every
//! outcome. A longer run:
//!
//! ```text
//! FOKUS_FLIP_DAMAGES=3000 cargo test --release --test byteflip -- --nocapture
//! ```

mod faults;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use fokus::store::{self, Mode, OpenOptions, ReadOnlyReason, SledStore, Store, TreeName};

use faults::Rng;

/// Generated students on top of the demo ones, so sled's file spans several segments.
const GENERATED: usize = 300;

/// How long one damaged database may take to open and check before it counts as a hang.
const HANG: Duration = Duration::from_secs(60);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(10, 0, 0).unwrap()
}

/// The key of every database here (a cheap one: its cost is not what is tested).
fn key() -> &'static (fokus::crypto::KeyFile, std::sync::Arc<fokus::crypto::Vault>) {
    static KEY: std::sync::OnceLock<(
        fokus::crypto::KeyFile,
        std::sync::Arc<fokus::crypto::Vault>,
    )> = std::sync::OnceLock::new();
    KEY.get_or_init(|| {
        let (file, vault) = fokus::crypto::KeyFile::create(
            b"byteflip",
            b"recovery",
            fokus::crypto::Kdf::cheapest(),
        )
        .expect("a key");
        (file, std::sync::Arc::new(vault))
    })
}

fn options() -> OpenOptions {
    // As `fokus check` and the tests open it: verified before `open` returns.
    OpenOptions::now(now()).sealed(std::sync::Arc::clone(&key().1))
}

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a number")),
        Err(_) => default,
    }
}

/// `(tree, key, value)` of every record of every data tree, in order.
type Dump = Vec<(&'static str, Vec<u8>, Vec<u8>)>;

/// Every record, read with sled alone (Fokus has closed the database).
fn dump(dir: &Path) -> Result<Dump, sled::Error> {
    // Opened as the store opens sled's files: waiting for a store just dropped to let go.
    let db = fokus::store::open_db(&dir.join("sled"))?;
    let mut out = Vec::new();
    for tree in TreeName::ALL {
        let name = tree.name();
        for entry in db.open_tree(name)?.iter() {
            let (k, v) = entry?;
            out.push((name, k.to_vec(), v.to_vec()));
        }
    }
    Ok(out)
}

/// The undamaged database: demo students, generated students, two reminder marks, saved
/// in several commits.
fn original(dir: &Path) {
    std::fs::create_dir_all(dir).expect("the database folder");
    key().0.save(dir).expect("the key file");
    let store = SledStore::open_with(dir, options()).expect("a new database");
    fokus::demo::fill(&store, today()).expect("demo students");
    let mut ids = store.ids();
    let cases = fokus_testdata::generated_cases(GENERATED, today(), 7, &mut *ids)
        .expect("generated students without a refusal");
    ids.finish().expect("ids");
    drop(ids);
    for chunk in cases.chunks(50) {
        let all: Vec<_> = chunk.iter().map(|d| (&d.change, &d.case)).collect();
        store.commit_many(&all).expect("generated students");
    }
    let shown = store::current_reminders(&store, today(), 7).expect("reminders");
    let marks = [
        fokus::domain::reminders::Mark::Done,
        fokus::domain::reminders::Mark::SnoozedUntil(today().succ_opt().unwrap()),
    ];
    for (r, mark) in shown.iter().zip(marks) {
        store.set_mark(&r.item.key(), mark).expect("a mark");
    }
    assert_eq!(store.mode(), Mode::Writable);
    assert!(store.check().expect("check").is_sound());
}

/// A later session on the closed database `clean`: three notes, one commit each, and
/// then, while it is still open, its folder is copied to `image`, as a power cut right
/// after the last commit would leave it (every commit durable, sled not closed, so its
/// recovery has the session's log to read). Returns the offsets of sled's data file the
/// session wrote: the log tail, where sled's recovery takes a bad checksum for a write
/// cut short and ends the log there without a word.
fn last_session(clean: &Path, image: &Path) -> Vec<u64> {
    let before = std::fs::read(clean.join("sled/db")).expect("sled's data file");
    let store = SledStore::open_with(clean, options()).expect("the database");
    let ctx = fokus::domain::Ctx {
        now: now(),
        by: fokus::domain::Actor::login_only("byteflip"),
    };
    for summary in store.summaries().expect("students").iter().take(3) {
        let case = store.load_case(summary.id).expect("a case");
        let mut ids = store.ids();
        let change = fokus::domain::case::add_note(&case, "Ringede til eleven.", &ctx, &mut *ids)
            .expect("a note");
        ids.finish().expect("ids");
        drop(ids);
        let mut after = case.clone();
        after.apply(&change);
        store.commit(&change, &after).expect("the note is saved");
    }
    copy_dir(clean, image);
    drop(store);
    let after = std::fs::read(image.join("sled/db")).expect("sled's data file");
    // Opening frees old segments (zeroed); the commits' own bytes are the non-zero ones.
    (0..after.len())
        .filter(|&i| after[i] != 0 && before.get(i) != Some(&after[i]))
        .map(|i| i as u64)
        .collect()
}

/// Copies the database folder, leaving out backups (not read at opening).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("copy folder");
    for entry in std::fs::read_dir(from).expect("database folder") {
        let entry = entry.expect("folder entry");
        let name = entry.file_name();
        if name == "backups" {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// A file that can be damaged, relative to the database folder, with the offsets of its
/// non-zero bytes (most of sled's file is unused space; aiming at written bytes half the
/// time makes the damage land on records often).
struct Target {
    path: PathBuf,
    len: u64,
    written: Vec<u64>,
}

fn target(dir: &Path, path: PathBuf) -> Target {
    let bytes = std::fs::read(dir.join(&path)).expect("a database file");
    let written = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b != 0)
        .map(|(i, _)| i as u64)
        .collect();
    Target {
        path,
        len: bytes.len() as u64,
        written,
    }
}

/// The files of the database, by kind.
struct Files {
    data: Target,
    /// sled's data file, aimed at the bytes the last session wrote.
    tail: Target,
    conf: Target,
    manifest: Target,
    snapshots: Vec<Target>,
}

fn files(dir: &Path, tail: Vec<u64>) -> Files {
    let mut snapshots = Vec::new();
    for entry in std::fs::read_dir(dir.join("sled")).expect("sled folder") {
        let name = entry.expect("entry").file_name();
        let name = name.to_string_lossy();
        if name.starts_with("snap.") {
            snapshots.push(target(dir, Path::new("sled").join(name.as_ref())));
        }
    }
    let data = target(dir, "sled/db".into());
    Files {
        tail: Target {
            path: data.path.clone(),
            len: data.len,
            written: tail,
        },
        data,
        conf: target(dir, "sled/conf".into()),
        manifest: target(dir, "manifest".into()),
        snapshots,
    }
}

/// Something lost whole rather than bytes flipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Loss {
    /// Every byte the last session wrote is zero again, as on a disk that lost those
    /// writes.
    LastSession,
    /// sled's folder is gone.
    SledFolder,
    /// An empty folder stands where sled's folder was.
    SledFolderEmptied,
    /// sled's data file is there but empty.
    DataFileEmptied,
    /// The manifest is gone.
    Manifest,
    /// The manifest is gone and so are the last session's writes.
    ManifestAndLastSession,
}

impl Loss {
    /// The losses made once each before the random damages.
    const WHOLE: [Loss; 5] = [
        Loss::SledFolder,
        Loss::SledFolderEmptied,
        Loss::DataFileEmptied,
        Loss::Manifest,
        Loss::ManifestAndLastSession,
    ];

    fn label(self) -> &'static str {
        match self {
            Loss::LastSession => "last session lost",
            Loss::SledFolder => "sled folder gone",
            Loss::SledFolderEmptied => "sled folder emptied",
            Loss::DataFileEmptied => "sled data file emptied",
            Loss::Manifest => "manifest gone",
            Loss::ManifestAndLastSession => "manifest and last session gone",
        }
    }

    fn damage(self, files: &Files) -> Damage {
        let file = match self {
            Loss::LastSession | Loss::DataFileEmptied => files.tail.path.clone(),
            Loss::SledFolder | Loss::SledFolderEmptied => PathBuf::from("sled"),
            Loss::Manifest | Loss::ManifestAndLastSession => files.manifest.path.clone(),
        };
        Damage {
            aim: self.label(),
            file,
            flips: Vec::new(),
            loss: Some(self),
        }
    }
}

/// One damage: bytes of one file flipped, or something lost whole.
#[derive(Clone, Debug)]
struct Damage {
    /// Which bytes were aimed at: anywhere, written ones, the last session's; or what
    /// was lost.
    aim: &'static str,
    file: PathBuf,
    /// Offset and the bits flipped there.
    flips: Vec<(u64, u8)>,
    loss: Option<Loss>,
}

fn damage(rng: &mut Rng, files: &Files) -> Damage {
    let roll = rng.below(100);
    if roll < 5 {
        return Loss::LastSession.damage(files);
    }
    let (t, aim) = match roll {
        5..57 => (&files.data, rng.chance(0.5)),
        57..72 => (&files.tail, true),
        72..82 if !files.snapshots.is_empty() => (
            &files.snapshots[rng.below(files.snapshots.len() as u64) as usize],
            rng.chance(0.5),
        ),
        72..82 => (&files.data, rng.chance(0.5)),
        82..91 => (&files.conf, rng.chance(0.5)),
        _ => (&files.manifest, rng.chance(0.5)),
    };
    let aim = aim && !t.written.is_empty();
    let kind = match (roll, aim) {
        (57..72, _) => "last session",
        (_, true) => "written bytes",
        _ => "anywhere",
    };
    let flips = (0..rng.range(1, 8))
        .map(|_| {
            let at = if aim {
                t.written[rng.below(t.written.len() as u64) as usize]
            } else {
                rng.below(t.len)
            };
            (at, rng.range(1, 255) as u8)
        })
        .collect();
    Damage {
        aim: kind,
        file: t.path.clone(),
        flips,
        loss: None,
    }
}

fn apply(dir: &Path, d: &Damage, files: &Files) {
    let lose_last_session = || {
        let path = dir.join(&files.tail.path);
        let mut bytes = std::fs::read(&path).expect("sled's data file");
        for at in &files.tail.written {
            bytes[*at as usize] = 0;
        }
        std::fs::write(&path, bytes).expect("the damaged file");
    };
    let path = dir.join(&d.file);
    match d.loss {
        None => {
            let mut bytes = std::fs::read(&path).expect("the file to damage");
            for (at, bits) in &d.flips {
                bytes[*at as usize] ^= bits;
            }
            std::fs::write(&path, bytes).expect("the damaged file");
        }
        Some(Loss::LastSession) => lose_last_session(),
        Some(Loss::SledFolder) => std::fs::remove_dir_all(&path).expect("remove sled's folder"),
        Some(Loss::SledFolderEmptied) => {
            std::fs::remove_dir_all(&path).expect("remove sled's folder");
            std::fs::create_dir(&path).expect("an empty folder");
        }
        Some(Loss::DataFileEmptied) => std::fs::write(&path, b"").expect("empty the data file"),
        Some(Loss::Manifest) => std::fs::remove_file(&path).expect("remove the manifest"),
        Some(Loss::ManifestAndLastSession) => {
            std::fs::remove_file(&path).expect("remove the manifest");
            lose_last_session();
        }
    }
}

/// How a damage ended.
#[derive(Debug)]
enum Outcome {
    /// Opening refused.
    Refused(String),
    /// Opened for reading only.
    ReadOnly(ReadOnlyReason),
    /// Opened writable, but `check` found the damage.
    Unsound(String),
    Harmless,
    /// Opened writable and sound, with records that differ.
    Silent(String),
    /// The store opened and checked, but sled alone cannot read the folder afterwards.
    DumpFailed(String),
    Panicked(String),
    Hung,
}

impl Outcome {
    fn label(&self) -> &'static str {
        match self {
            Outcome::Refused(_) => "detected: refused at opening",
            Outcome::ReadOnly(ReadOnlyReason::Damaged { .. }) => "detected: read-only, damaged",
            Outcome::ReadOnly(_) => "detected: read-only, other reason",
            Outcome::Unsound(_) => "detected: check unsound",
            Outcome::Harmless => "harmless",
            Outcome::Silent(_) => "SILENTLY ACCEPTED",
            Outcome::DumpFailed(_) => "sled cannot read what Fokus accepted",
            Outcome::Panicked(_) => "PANIC",
            Outcome::Hung => "HANG",
        }
    }

    /// What was said or found.
    fn detail(&self) -> String {
        match self {
            Outcome::Refused(s)
            | Outcome::Unsound(s)
            | Outcome::Silent(s)
            | Outcome::DumpFailed(s)
            | Outcome::Panicked(s) => s.clone(),
            Outcome::ReadOnly(reason) => format!("{reason:?}"),
            Outcome::Harmless => String::new(),
            Outcome::Hung => format!("no result after {} s", HANG.as_secs()),
        }
    }

    fn detected(&self) -> bool {
        matches!(
            self,
            Outcome::Refused(_) | Outcome::ReadOnly(_) | Outcome::Unsound(_)
        )
    }
}

/// What a damage looks like to Fokus; runs on its own thread.
fn classify(dir: &Path, original: &Dump) -> Outcome {
    let store = match SledStore::open_with(dir, options()) {
        Ok(s) => s,
        Err(e) => return Outcome::Refused(e.to_string()),
    };
    match store.mode() {
        Mode::Writable => {}
        Mode::ReadOnly(reason) => return Outcome::ReadOnly(reason),
        Mode::Checking => return Outcome::Silent("still checking after opening".into()),
    }
    match store.check() {
        Ok(report) if report.is_sound() => {}
        Ok(report) => return Outcome::Unsound(format!("{:?}", report.findings)),
        Err(e) => return Outcome::Unsound(e.to_string()),
    }
    drop(store);
    let found = match dump(dir) {
        Ok(d) => d,
        Err(e) => return Outcome::DumpFailed(e.to_string()),
    };
    if found == *original {
        return Outcome::Harmless;
    }
    let differing = original
        .iter()
        .zip(&found)
        .position(|(a, b)| a != b)
        .unwrap_or(original.len().min(found.len()));
    Outcome::Silent(format!(
        "{} records, {} expected; the first difference at record {differing}: {:?}",
        found.len(),
        original.len(),
        original.get(differing).map(|(t, k, _)| (t, k))
    ))
}

/// Panics anywhere in the process (sled's own threads included), with thread and place.
static PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn record_panics() {
    std::panic::set_hook(Box::new(|info| {
        let thread = std::thread::current()
            .name()
            .unwrap_or("unnamed")
            .to_string();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let text = format!("thread {thread} at {place}: {message}");
        eprintln!("panic: {text}");
        PANICS.lock().unwrap_or_else(|p| p.into_inner()).push(text);
    }));
}

fn panics_since(mark: usize) -> Vec<String> {
    PANICS.lock().unwrap_or_else(|p| p.into_inner())[mark..].to_vec()
}

fn panic_count() -> usize {
    PANICS.lock().unwrap_or_else(|p| p.into_inner()).len()
}

/// Opens the damaged copy on its own thread; a panic or a hang is an outcome too.
fn outcome(dir: PathBuf, original: std::sync::Arc<Dump>) -> Outcome {
    let mark = panic_count();
    let (send, receive) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .name("damaged-open".into())
        .spawn(move || {
            let _ = send.send(classify(&dir, &original));
        })
        .expect("a thread");
    let result = match receive.recv_timeout(HANG) {
        Ok(o) => o,
        Err(mpsc::RecvTimeoutError::Timeout) => return Outcome::Hung,
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let _ = worker.join();
            return Outcome::Panicked(panics_since(mark).join("; "));
        }
    };
    let _ = worker.join();
    // sled's flusher thread may have panicked while the open itself got through.
    let panics = panics_since(mark);
    if !panics.is_empty() {
        return Outcome::Panicked(format!(
            "{} (then: {}: {})",
            panics.join("; "),
            result.label(),
            result.detail()
        ));
    }
    result
}

#[test]
fn flipped_bytes_in_the_database_files_are_found_or_harmless_never_accepted_silently() {
    let damages = env_number("FOKUS_FLIP_DAMAGES", 300);
    let seed = env_number("FOKUS_FLIP_SEED", 20_261_123);
    let verbose = std::env::var_os("FOKUS_FLIP_VERBOSE").is_some();
    let started = Instant::now();
    record_panics();
    let root = tempfile::tempdir().expect("temporary folder");
    let clean = root.path().join("clean");
    original(&clean);
    // Every damage is made to a copy of this image, never opened itself.
    let good = root.path().join("good");
    let tail = last_session(&clean, &good);
    let files = files(&good, tail);
    // What the undamaged image holds, read from a copy (opening writes to sled's files).
    let reference = root.path().join("reference");
    copy_dir(&good, &reference);
    {
        let store = SledStore::open_with(&reference, options()).expect("the undamaged image");
        assert_eq!(store.mode(), Mode::Writable);
        assert!(store.check().expect("check").is_sound());
    }
    let original_dump = std::sync::Arc::new(dump(&reference).expect("the undamaged records"));
    // The control: an undamaged copy is harmless.
    let control = root.path().join("control");
    copy_dir(&good, &control);
    let o = outcome(control, original_dump.clone());
    assert!(
        matches!(o, Outcome::Harmless),
        "the undamaged image: {}: {}",
        o.label(),
        o.detail()
    );
    let made = started.elapsed();

    let mut rng = Rng::new(seed);
    let mut tally: BTreeMap<&'static str, u64> = BTreeMap::new();
    let mut by_file: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut failures = Vec::new();
    let (mut detected, mut harmless, mut silent, mut panics) = (0u64, 0u64, 0u64, 0u64);
    let whole = Loss::WHOLE.len() as u64;
    for n in 0..whole + damages {
        let d = match Loss::WHOLE.get(n as usize) {
            Some(loss) => loss.damage(&files),
            None => damage(&mut rng, &files),
        };
        let copy = root.path().join(format!("damaged-{n}"));
        copy_dir(&good, &copy);
        apply(&copy, &d, &files);
        let o = outcome(copy.clone(), original_dump.clone());
        *tally.entry(o.label()).or_default() += 1;
        let file = by_file
            .entry(format!("{}, {}", d.file.display(), d.aim))
            .or_default();
        file.0 += 1;
        if o.detected() {
            detected += 1;
            file.1 += 1;
        }
        match &o {
            // A file lost whole is never harmless: a manifest rebuilt without a word, or
            // a database started anew, hides what it would have shown.
            Outcome::Harmless if n < whole => {
                silent += 1;
                failures.push(format!(
                    "{}: not reported — opened writable and sound",
                    d.aim
                ));
            }
            Outcome::Harmless => harmless += 1,
            Outcome::Silent(_) | Outcome::DumpFailed(_) => {
                silent += 1;
                failures.push(format!("damage {n} {d:?}: {} — {}", o.label(), o.detail()));
            }
            Outcome::Panicked(_) | Outcome::Hung => {
                panics += 1;
                failures.push(format!("damage {n} {d:?}: {} — {}", o.label(), o.detail()));
            }
            _ => {}
        }
        if verbose {
            println!("damage {n} {d:?}: {}: {}", o.label(), o.detail());
        }
        if matches!(o, Outcome::Hung) {
            // The stuck thread still holds the copy; nothing more can be trusted.
            break;
        }
        let _ = std::fs::remove_dir_all(&copy);
    }
    println!(
        "byte flips, seed {seed}: {whole} whole-file losses and {damages} damages in {:.1} s \
         (the database of {} records made in {:.1} s)",
        started.elapsed().as_secs_f64(),
        original_dump.len(),
        made.as_secs_f64()
    );
    println!(
        "  (the last session wrote {} bytes of sled's data file)",
        files.tail.written.len()
    );
    println!("  detected:            {detected}");
    println!("  harmless:            {harmless}");
    println!("  silently accepted:   {silent}");
    println!("  panics and hangs:    {panics}");
    for (label, n) in &tally {
        println!("    {label}: {n}");
    }
    for (file, (n, found)) in &by_file {
        println!("    {file}: {n} damaged, {found} detected");
    }
    // The default hook again, so this test's own verdict is shown as usual.
    let _ = std::panic::take_hook();
    assert!(
        failures.is_empty(),
        "{} damages not handled:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
