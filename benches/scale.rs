//! What the real `fokus` binary costs at 1,000, 10,000 and 100,000 students.
//!
//! For each size a database of generated students (`fokus_testdata`) is built once and
//! kept under `target/bench-dbs/students-<n>-v<format>`; a `complete` file, written last,
//! marks it usable, and later runs reuse it. Fokus writes into its database folder while it
//! runs (sled's files, the lock, the draft journal), so every start of the application
//! gets its own copy, and `fokus remind` and the bare sled runs share one more.
//!
//! The release binary runs as `fokus --db DIR` in a 120×40 pseudo-terminal, its screen read
//! through a terminal emulator, with a sandboxed config (Gitte Holm, education officer) and
//! HOME. Per size:
//!
//! - first frame: from starting the process to the reminders pane drawn with its rows
//!   (median of the starts; the last start goes on with everything below);
//! - keystroke latency, p50 and p99: from writing a key to the first change on the screen
//!   (text, colours or cursor), each key waiting for its own change and then for the
//!   screen to stay still before the next. Reminders pane and students pane: `j`/`k`;
//!   a student's timeline (Enter on the students pane): `j`/`k`; the note editor (`b` on
//!   the students pane): letters; the students filter (`/`): letters and Backspace;
//! - idle CPU: once the start-up check of the database has finished and the screen is
//!   still, the process's CPU time over 10 s as a share of one core (Linux);
//! - memory: VmRSS and VmHWM after the keystrokes (Linux);
//! - `fokus remind`: wall time of the plain command (median);
//! - for comparison, a bare program on the same database (this program run again as a
//!   process of its own, timed like `fokus remind` from its start to its end): "open only"
//!   opens sled and its trees as Fokus does, "read everything" also reads every key and
//!   value of every tree (medians); and the peak memory of "open only" (Linux), what sled
//!   holds before Fokus does anything.
//!
//! "beyond open" is a time minus "open only": what Fokus does on top of opening sled.
//!
//! Team mode, beside it: a PostgreSQL of the bench's own is started (the tests' server,
//! `tests/pg`: a temporary folder and a Unix socket it trusts, so no password anywhere),
//! the same students are imported into it (`fokus::team::import`, timed), and an
//! education officer of the employing authority holding most of them is added. Then
//! `fokus --server …` as that officer is started and measured exactly as above: first
//! frame (and its ratio to the local one), keys per pane, idle CPU and memory. The
//! officer sees only their own authority's students, fewer than the size; the table says
//! how many.
//!
//! Run with `cargo bench --bench scale`. `FOKUS_BENCH_SIZES=1000,10000` picks the sizes
//! (default 1000,10000,100000), `FOKUS_BENCH_RUNS=5` the starts and repetitions per size
//! (default 5, 3 from 100,000 students), `FOKUS_BENCH_KEYS=40` the keys per pane (default
//! 40, 20 from 100,000 students); `FOKUS_BENCH_REBUILD=1` builds the databases again.
//! Team mode is measured at sizes up to 10,000 (its import takes about 20 s there);
//! `FOKUS_BENCH_TEAM=1` measures it at every size, `FOKUS_BENCH_TEAM=0` at none.
//! Without `--bench` (as under `cargo test --benches`) every step runs once, with two keys
//! per pane, on 20 students, and a key that shows nothing is an error; the team's server
//! is part of it, so PostgreSQL must be installed as for the team tests.
//! Benchmarks print figures; they do not pass or fail on time.

use std::ffi::OsString;
use std::hint::black_box;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDate};
use fokus::store::codec::FORMAT_VERSION;
use fokus::store::integrity::META_TREE;
use fokus::store::{SledStore, TreeName};
use fokus::team::TeamRole;
use fokus_testdata::fill_generated;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;

#[path = "../tests/pg/mod.rs"]
mod pg;

type Error = Box<dyn std::error::Error>;

const FOKUS: &str = env!("CARGO_BIN_EXE_fokus");
const SEED: u64 = 2026;
const DEFAULT_SIZES: [usize; 3] = [1_000, 10_000, 100_000];
/// From this many students, fewer starts and keys keep the run within minutes.
const LARGE: usize = 100_000;
const COLS: u16 = 120;
const ROWS: u16 = 40;
/// Team mode is measured at sizes up to this one unless asked for at every size.
const TEAM_UP_TO: usize = 10_000;
/// The longest a key may take to show before it counts as missed.
const KEY_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest the first frame, or a pane opened on the way, may take.
const START_TIMEOUT: Duration = Duration::from_secs(180);
/// A response is complete once the screen has not changed for this long.
const QUIET: Duration = Duration::from_millis(50);
/// After two misses in a row a pane's keys are given up.
const MISSES_IN_A_ROW: usize = 2;
const MARKER: &str = "complete";
const CONFIG: &str = "user_name = \"Gitte Holm\"\nuser_role = \"education_officer\"\n";

/// What the screen shows, in Danish (the sandbox's language).
const REMINDERS_TITLE: &str = "Påmindelser –";
const STUDENTS_TITLE: &str = "Elever –";
const FILTER_LABEL: &str = "Filter:";
const TIMELINE_TITLE: &str = "Tidslinje (nyeste først)";
const NOTE_TITLE: &str = "Notat om ";
/// The first figure of the Overblik pane, drawn once the figures are made.
const OVERVIEW_FIGURES: &str = "I fokus: ";
/// Typed into the filter, then taken back with Backspace: it matches fewer students with
/// every letter.
const FILTER_TEXT: &str = "hansen";
/// Typed into the note.
const NOTE_TEXT: &str = "eleven har haft en god uge og kommer til tiden ";

// ─── Settings ───────────────────────────────────────────────────────────────────────────

/// How much to measure at one size.
#[derive(Clone, Copy)]
struct Plan {
    /// Starts of the application (first frame) and repetitions of the cheap measurements.
    runs: usize,
    /// Keys per pane.
    keys: usize,
    idle: Duration,
    /// Whether a missed key is an error (the smoke run) or a figure.
    strict: bool,
}

fn env_list(name: &str) -> Option<Vec<usize>> {
    let text = std::env::var(name).ok()?;
    let list: Vec<usize> = text
        .split(',')
        .filter_map(|s| s.trim().replace('_', "").parse().ok())
        .collect();
    (!list.is_empty()).then_some(list)
}

fn env_number(name: &str) -> Option<usize> {
    env_list(name).and_then(|l| l.first().copied())
}

fn plan_for(students: usize) -> Plan {
    let large = students >= LARGE;
    Plan {
        runs: env_number("FOKUS_BENCH_RUNS")
            .unwrap_or(if large { 3 } else { 5 })
            .max(1),
        keys: env_number("FOKUS_BENCH_KEYS")
            .unwrap_or(if large { 20 } else { 40 })
            .max(2),
        idle: Duration::from_secs(10),
        strict: false,
    }
}

// ─── Databases ──────────────────────────────────────────────────────────────────────────

/// A database of generated students, never opened by the application itself.
struct Database {
    students: usize,
    /// The database folder (what `--db` names).
    dir: PathBuf,
    /// The day the students were generated around.
    built_for: String,
    /// How long building took, when it was built in this run.
    build: Option<Duration>,
    /// Keeps a smoke run's database until the end.
    _temporary: Option<TempDir>,
}

fn target_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).to_path_buf()
}

/// Fills `dir` with `students` generated students dated around `today`, then opens it
/// once more, as the application's first start would: sled then starts later opens from
/// its snapshot instead of replaying its log.
fn build_into(dir: &Path, students: usize, today: NaiveDate) -> Result<(), Error> {
    std::fs::create_dir_all(dir)?;
    // Encrypted as every user's database is, at the cost a user's key has.
    let (file, _) = fokus::crypto::KeyFile::create(
        PASSPHRASE.as_bytes(),
        b"bench recovery",
        fokus::crypto::Kdf::default(),
    )?;
    file.save(dir)?;
    {
        let store = open_sealed(dir)?;
        fill_generated(&store, students, today, SEED)?;
        store.flush()?;
    }
    drop(open_sealed(dir)?);
    Ok(())
}

/// The passphrase of the benchmark's databases.
const PASSPHRASE: &str = "måle hastighed på store baser";

/// The database in `dir`, unlocked with [`PASSPHRASE`].
fn open_sealed(dir: &Path) -> Result<SledStore, Error> {
    let file = fokus::crypto::KeyFile::load(dir)?.ok_or("the database has no key file")?;
    let vault = file.unlock(fokus::crypto::Secret::Passphrase, PASSPHRASE.as_bytes())?;
    let now = chrono::Local::now().naive_local();
    let options = fokus::store::OpenOptions::now(now).sealed(std::sync::Arc::new(vault));
    Ok(SledStore::open_with(dir, options)?)
}

/// How long unlocking the key takes at the cost every database's key has (Argon2id,
/// 64 MiB, 3 passes, 4 lanes), and changing the passphrase (unlock, then wrap anew): the
/// median of five.
fn measure_unlock() -> Result<(), Error> {
    let dir = tempfile::tempdir()?;
    let (file, _) = fokus::crypto::KeyFile::create(
        PASSPHRASE.as_bytes(),
        b"bench recovery",
        fokus::crypto::Kdf::default(),
    )?;
    let mut unlock = Vec::new();
    let mut change = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let vault = file.unlock(fokus::crypto::Secret::Passphrase, PASSPHRASE.as_bytes())?;
        unlock.push(started.elapsed());
        let changed = file.with_passphrase(&vault, b"en ny adgangssaetning")?;
        changed.save(dir.path())?;
        change.push(started.elapsed());
    }
    unlock.sort();
    change.sort();
    println!(
        "unlock (Argon2id 64 MiB, 3 passes, 4 lanes): {:.0} ms; passphrase change: {:.0} ms",
        unlock[2].as_secs_f64() * 1000.0,
        change[2].as_secs_f64() * 1000.0
    );
    Ok(())
}

/// The cached database of `students`, built first if it is missing or incomplete.
fn cached_database(students: usize, rebuild: bool) -> Result<Database, Error> {
    let root = target_dir().join("bench-dbs");
    let name = format!("students-{students}-v{FORMAT_VERSION}");
    let folder = root.join(&name);
    let marker = folder.join(MARKER);
    if !rebuild && let Ok(text) = std::fs::read_to_string(&marker) {
        return Ok(Database {
            students,
            dir: folder.join("db"),
            built_for: text.trim().to_string(),
            build: None,
            _temporary: None,
        });
    }
    if folder.exists() {
        std::fs::remove_dir_all(&folder)?;
    }
    let building = root.join(format!("{name}.building"));
    if building.exists() {
        std::fs::remove_dir_all(&building)?;
    }
    std::fs::create_dir_all(&building)?;
    let today = Local::now().date_naive();
    let started = Instant::now();
    build_into(&building.join("db"), students, today)?;
    let build = started.elapsed();
    let built_for = today.format("%Y-%m-%d").to_string();
    std::fs::write(building.join(MARKER), format!("{built_for}\n"))?;
    std::fs::rename(&building, &folder)?;
    Ok(Database {
        students,
        dir: folder.join("db"),
        built_for,
        build: Some(build),
        _temporary: None,
    })
}

/// A small database in a temporary folder, for the smoke run.
fn temporary_database(students: usize) -> Result<Database, Error> {
    let temp = tempfile::Builder::new()
        .prefix("fokus-scale-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
    let today = Local::now().date_naive();
    let started = Instant::now();
    build_into(&temp.path().join("db"), students, today)?;
    Ok(Database {
        students,
        dir: temp.path().join("db"),
        built_for: today.format("%Y-%m-%d").to_string(),
        build: Some(started.elapsed()),
        _temporary: Some(temp),
    })
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
            // On disk before Fokus starts: the kernel writing the fresh copy back while
            // Fokus opens it would be measured as Fokus's time.
            std::fs::File::open(&target)?.sync_all()?;
        }
    }
    Ok(())
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

/// What a start of the application runs on.
#[derive(Clone, Copy)]
enum Launch<'a> {
    /// A fresh copy of a generated database, named with `--db`.
    Local(&'a Database),
    /// The team's server, named with `--server`, as its education officer.
    Team(&'a Team),
}

/// A sandbox for Fokus: a config folder naming the user (and no server or password), a
/// HOME of its own and, for a local start, a copy of the database for this use only.
/// Removed when dropped.
struct Sandbox {
    root: TempDir,
    /// The copy of the database, for a local start.
    db: Option<PathBuf>,
    /// The team server's connection string, for a start in team mode.
    server: Option<String>,
}

impl Sandbox {
    fn new(launch: Launch<'_>) -> Result<Sandbox, Error> {
        let root = tempfile::Builder::new()
            .prefix("fokus-scale-run-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
        let (mut db, mut server) = (None, None);
        match launch {
            Launch::Local(database) => {
                let copy = root.path().join("db");
                copy_tree(&database.dir, &copy)?;
                // The previous run's copy, removed just before, is still being freed on
                // disk; a start timed meanwhile would be measured with that work (sled
                // syncs at open).
                #[cfg(unix)]
                // SAFETY: sync has no preconditions; it only asks the kernel to write back.
                unsafe {
                    libc::sync()
                };
                db = Some(copy);
            }
            Launch::Team(team) => server = Some(team.url.clone()),
        }
        std::fs::create_dir_all(root.path().join("config"))?;
        std::fs::create_dir_all(root.path().join("home"))?;
        std::fs::write(root.path().join("config").join("config.toml"), CONFIG)?;
        Ok(Sandbox { root, db, server })
    }

    /// The copy of the database; an error for a start in team mode.
    fn db(&self) -> Result<&Path, Error> {
        Ok(self.db.as_deref().ok_or("no local database in team mode")?)
    }

    /// What the application is started with to run on the sandbox's database or server.
    fn args(&self) -> Vec<OsString> {
        match (&self.db, &self.server) {
            (Some(db), _) => vec!["--db".into(), db.into()],
            (None, Some(url)) => vec!["--server".into(), url.into()],
            (None, None) => Vec::new(),
        }
    }

    /// `fokus ARGS…` as the sandbox starts it: its database or server, its environment
    /// and folder, and nothing of the user's own settings.
    fn command(&self, args: &[&str]) -> CommandBuilder {
        let mut cmd = CommandBuilder::new(FOKUS);
        cmd.args(self.args());
        cmd.args(args);
        for name in [
            "FOKUS_DB",
            "FOKUS_SERVER",
            "FOKUS_EXPORT_DIR",
            "LC_ALL",
            "PGPASSFILE",
        ] {
            cmd.env_remove(name);
        }
        for (k, v) in self.env() {
            cmd.env(k, v);
        }
        cmd.cwd(self.root.path());
        cmd
    }

    /// The environment every run of Fokus gets, so it never sees the user's own files.
    fn env(&self) -> Vec<(&'static str, OsString)> {
        let home = self.root.path().join("home");
        vec![
            ("FOKUS_CONFIG_DIR", self.root.path().join("config").into()),
            ("HOME", home.clone().into()),
            ("XDG_DATA_HOME", home.join("data").into()),
            ("XDG_CONFIG_HOME", home.join("config").into()),
            ("USER", "bench".into()),
            ("TERM", "xterm-256color".into()),
            ("LANG", "C.UTF-8".into()),
            ("FOKUS_PASSPHRASE", PASSPHRASE.into()),
        ]
    }
}

// ─── The team's server ──────────────────────────────────────────────────────────────────

/// The education officer whose Fokus runs in team mode: login and name.
const OFFICER: (&str, &str) = ("hanne", "Hanne Krogh");

/// A PostgreSQL of the bench's own (the tests' server: a temporary folder, a Unix socket
/// it trusts, no password anywhere) holding one size's students as an import leaves
/// them, and an education officer of the employing authority with the most students.
/// Stopped and removed when dropped.
struct Team {
    _server: pg::Server,
    /// The connection string the officer's Fokus is started with.
    url: String,
    authority: String,
    /// Students on the server, and those the officer sees.
    students: i64,
    seen: i64,
    /// How long `import` took.
    import: Duration,
}

impl Team {
    fn start(database: &Database) -> Result<Team, Error> {
        let server = pg::Server::start();
        let mut admin = server.connect("admin");
        fokus::team::init(&mut admin)?;
        // The import reads a copy: opening sled writes into its folder.
        let copy = Sandbox::new(Launch::Local(database))?;
        let local = open_sealed(copy.db()?)?;
        let started = Instant::now();
        let imported = fokus::team::import::import(&mut admin, &local)?;
        let import = started.elapsed();
        drop(local);
        drop(copy);
        // As on a server that has run a while, where autovacuum has analysed the tables:
        // the plans measured do not depend on whether it got to them yet.
        admin.batch_execute("VACUUM ANALYZE")?;
        let authority: String = admin
            .query_one(
                "SELECT a.name FROM fokus.students s
                 JOIN fokus.authorities a ON a.id = s.authority_id
                 GROUP BY a.name ORDER BY count(*) DESC, a.name LIMIT 1",
                &[],
            )?
            .get(0);
        fokus::team::add_user(
            &mut admin,
            OFFICER.0,
            OFFICER.1,
            TeamRole::Officer,
            &authority,
        )?;
        // Asked as the officer: the server's policies decide what that is.
        let seen: i64 = server
            .connect(OFFICER.0)
            .query_one("SELECT count(*) FROM fokus.students", &[])?
            .get(0);
        Ok(Team {
            url: server.url(OFFICER.0),
            _server: server,
            authority,
            students: imported.students,
            seen,
            import,
        })
    }
}

// ─── The application in a pseudo-terminal ───────────────────────────────────────────────

/// A condition on the screen that the reader thread checks after every piece of output,
/// noting when the output that made it true arrived.
struct Watch {
    test: Box<dyn Fn(&vt100::Screen) -> bool + Send>,
    met: Option<Instant>,
}

struct Shared {
    parser: vt100::Parser,
    /// What the screen showed after the last change, and when that change arrived.
    /// (Fokus writes a little on every tick even when nothing changes.)
    last_look: Look,
    last_change: Instant,
    watch: Option<Watch>,
}

type Link = Arc<(Mutex<Shared>, Condvar)>;

fn lock(link: &Link) -> MutexGuard<'_, Shared> {
    link.0.lock().unwrap_or_else(|p| p.into_inner())
}

/// "Where is the cursor?" (DSR), which a terminal must answer.
const CURSOR_QUERY: &[u8] = b"\x1b[6n";

/// Fokus running in a pseudo-terminal.
struct Session {
    link: Link,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    reader_done: Arc<AtomicBool>,
    _master: Box<dyn MasterPty + Send>,
    started: Instant,
}

/// Everything on the screen that a key can change: text, colours and the cursor.
type Look = (String, (u16, u16), bool);

fn look(screen: &vt100::Screen) -> Look {
    (
        screen.contents_formatted(),
        screen.cursor_position(),
        screen.hide_cursor(),
    )
}

impl Session {
    fn start(sandbox: &Sandbox) -> Result<Session, Error> {
        let pair = native_pty_system().openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })?;
        let cmd = sandbox.command(&[]);
        let mut source = pair.master.try_clone_reader()?;
        let writer: Arc<Mutex<Box<dyn Write + Send>>> =
            Arc::new(Mutex::new(pair.master.take_writer()?));
        let rows = std::num::NonZeroU16::new(ROWS).ok_or("rows")?;
        let cols = std::num::NonZeroU16::new(COLS).ok_or("cols")?;
        let started = Instant::now();
        let link: Link = Arc::new((
            Mutex::new(Shared {
                parser: vt100::Parser::new(rows, cols, 0),
                last_look: Look::default(),
                last_change: started,
                watch: None,
            }),
            Condvar::new(),
        ));
        let child = pair.slave.spawn_command(cmd)?;
        // Only the child holds the terminal side now, so reading ends when it exits.
        drop(pair.slave);
        let reader_done = Arc::new(AtomicBool::new(false));
        let reader = {
            let (link, answer, done) = (link.clone(), writer.clone(), reader_done.clone());
            std::thread::spawn(move || {
                let mut buf = vec![0u8; 1 << 16];
                let mut tail: Vec<u8> = Vec::new();
                loop {
                    let n = match source.read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => n,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        // EIO: the child and its side of the terminal are gone.
                        Err(_) => break,
                    };
                    let arrived = Instant::now();
                    tail.extend_from_slice(&buf[..n]);
                    let queries = tail
                        .windows(CURSOR_QUERY.len())
                        .filter(|w| *w == CURSOR_QUERY)
                        .count();
                    let keep = tail.len().min(CURSOR_QUERY.len() - 1);
                    tail.drain(..tail.len() - keep);
                    let reply = {
                        let mut shared = lock(&link);
                        shared.parser.process(&buf[..n]);
                        let Shared {
                            parser,
                            watch,
                            last_look,
                            last_change,
                        } = &mut *shared;
                        let now = look(parser.screen());
                        if now != *last_look {
                            *last_look = now;
                            *last_change = arrived;
                        }
                        if let Some(w) = watch
                            && w.met.is_none()
                            && (w.test)(parser.screen())
                        {
                            w.met = Some(arrived);
                        }
                        (queries > 0).then(|| {
                            let (row, col) = parser.screen().cursor_position();
                            format!("\x1b[{};{}R", row + 1, col + 1)
                        })
                    };
                    link.1.notify_all();
                    if let Some(reply) = reply {
                        let mut w = answer.lock().unwrap_or_else(|p| p.into_inner());
                        for _ in 0..queries {
                            let _ = w.write_all(reply.as_bytes());
                        }
                        let _ = w.flush();
                    }
                }
                done.store(true, Ordering::SeqCst);
                link.1.notify_all();
            })
        };
        Ok(Session {
            link,
            writer,
            child,
            reader: Some(reader),
            reader_done,
            _master: pair.master,
            started,
        })
    }

    fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    fn text(&self) -> String {
        lock(&self.link).parser.screen().contents()
    }

    fn send(&self, bytes: &[u8]) -> Result<(), Error> {
        let mut w = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        w.write_all(bytes)?;
        w.flush()?;
        Ok(())
    }

    /// Waits until the watch set up by the caller is met, and says when its output
    /// arrived; `None` on timeout or when the application has gone.
    fn wait_watch(&self, timeout: Duration) -> Option<Instant> {
        let deadline = Instant::now() + timeout;
        let mut shared = lock(&self.link);
        loop {
            if let Some(met) = shared.watch.as_ref().and_then(|w| w.met) {
                shared.watch = None;
                return Some(met);
            }
            let now = Instant::now();
            if now >= deadline || self.reader_done.load(Ordering::SeqCst) {
                shared.watch = None;
                return None;
            }
            let step = (deadline - now).min(Duration::from_millis(200));
            shared = self
                .link
                .1
                .wait_timeout(shared, step)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    /// Waits until `test` holds for the screen; says when the output that made it hold
    /// arrived.
    fn wait_for(
        &self,
        what: &str,
        timeout: Duration,
        test: impl Fn(&vt100::Screen) -> bool + Send + 'static,
    ) -> Result<Instant, Error> {
        {
            let mut shared = lock(&self.link);
            let met = test(shared.parser.screen()).then(Instant::now);
            shared.watch = Some(Watch {
                test: Box::new(test),
                met,
            });
        }
        self.wait_watch(timeout).ok_or_else(|| {
            format!("no {what} within {timeout:?}; the screen:\n{}", self.text()).into()
        })
    }

    fn wait_for_text(&self, text: &'static str, timeout: Duration) -> Result<Instant, Error> {
        self.wait_for(&format!("{text:?}"), timeout, move |s| {
            s.contents().contains(text)
        })
    }

    /// Presses a key and waits for the screen to change; the time until the change
    /// started arriving, or `None` if nothing changed within `timeout`. Either way the
    /// screen is let settle before returning.
    fn key(&self, bytes: &[u8], timeout: Duration) -> Result<Option<Duration>, Error> {
        {
            let mut shared = lock(&self.link);
            let before = look(shared.parser.screen());
            shared.watch = Some(Watch {
                test: Box::new(move |s| look(s) != before),
                met: None,
            });
        }
        let sent = Instant::now();
        self.send(bytes)?;
        let latency = self
            .wait_watch(timeout)
            .map(|at| at.saturating_duration_since(sent));
        self.settle(QUIET, Duration::from_secs(5));
        Ok(latency)
    }

    /// Waits until the screen has not changed for `quiet`, at most `max`.
    fn settle(&self, quiet: Duration, max: Duration) {
        let deadline = Instant::now() + max;
        let mut shared = lock(&self.link);
        loop {
            let now = Instant::now();
            let still = now.saturating_duration_since(shared.last_change);
            if still >= quiet || now >= deadline || self.reader_done.load(Ordering::SeqCst) {
                return;
            }
            shared = self
                .link
                .1
                .wait_timeout(shared, quiet - still)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    /// Ends the application as a closed window does, and forcibly if it does not go.
    fn stop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
            std::thread::sleep(Duration::from_millis(20));
        }
        #[cfg(unix)]
        if matches!(self.child.try_wait(), Ok(None))
            && let Some(pid) = self.pid()
        {
            // SAFETY: a signal to our own child, which has not been reaped yet.
            unsafe {
                libc::kill(pid as i32, libc::SIGKILL);
            }
        }
        let _ = self.child.wait();
        let deadline = Instant::now() + Duration::from_secs(2);
        while !self.reader_done.load(Ordering::SeqCst) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        if self.reader_done.load(Ordering::SeqCst)
            && let Some(reader) = self.reader.take()
        {
            let _ = reader.join();
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The reminders pane with its rows: its title, and the last row of the screen (the key
/// hints, drawn after the pane's rows) in place.
fn reminders_drawn(screen: &vt100::Screen) -> bool {
    let text = screen.contents();
    text.contains(REMINDERS_TITLE)
        && text
            .lines()
            .nth(usize::from(ROWS) - 1)
            .is_some_and(|l| !l.trim().is_empty())
}

/// The number in the screen's text after `prefix`, e.g. "Elever – 120 af 120" → 120.
fn number_after(text: &str, prefix: &str) -> Option<usize> {
    let rest = &text[text.find(prefix)? + prefix.len()..];
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

// ─── Keystroke runs ─────────────────────────────────────────────────────────────────────

/// `j` `span` times and `k` as often, repeated: every key moves the selection of a list
/// of more than `span` rows.
fn zigzag(keys: usize, span: usize) -> Vec<Vec<u8>> {
    let span = span.max(1);
    (0..keys)
        .map(|i| {
            if (i / span).is_multiple_of(2) {
                b"j".to_vec()
            } else {
                b"k".to_vec()
            }
        })
        .collect()
}

/// `text` typed letter by letter, again and again, `keys` keys.
fn typing(keys: usize, text: &str) -> Vec<Vec<u8>> {
    text.chars()
        .cycle()
        .take(keys)
        .map(|c| c.to_string().into_bytes())
        .collect()
}

/// The filter text typed and taken back with Backspace, again and again.
fn filtering(keys: usize) -> Vec<Vec<u8>> {
    let letters: Vec<Vec<u8>> = FILTER_TEXT.bytes().map(|b| vec![b]).collect();
    let back = vec![vec![0x7f_u8]; letters.len()];
    letters.into_iter().chain(back).cycle().take(keys).collect()
}

/// One pane's keys: the latency of each key that showed, and how many did not.
#[derive(Default)]
struct Keys {
    latencies: Vec<Duration>,
    missed: usize,
    /// Why the pane was not measured.
    skipped: Option<String>,
}

impl Keys {
    fn skipped(why: impl Into<String>) -> Keys {
        Keys {
            skipped: Some(why.into()),
            ..Keys::default()
        }
    }

    fn cell(&self) -> String {
        if self.latencies.is_empty() {
            return "n/a".into();
        }
        let mark = if self.missed > 0 { "*" } else { "" };
        format!(
            "{} / {}{mark}",
            fmt(percentile(&self.latencies, 50.0)),
            fmt(percentile(&self.latencies, 99.0))
        )
    }
}

fn press_all(session: &Session, keys: &[Vec<u8>], plan: &Plan, pane: &str) -> Result<Keys, Error> {
    let mut out = Keys::default();
    let mut in_a_row = 0;
    for key in keys {
        match session.key(key, KEY_TIMEOUT)? {
            Some(latency) => {
                out.latencies.push(latency);
                in_a_row = 0;
            }
            None => {
                if plan.strict {
                    return Err(format!(
                        "{pane}: key {:?} changed nothing within {KEY_TIMEOUT:?}; the screen:\n{}",
                        String::from_utf8_lossy(key),
                        session.text()
                    )
                    .into());
                }
                out.missed += 1;
                in_a_row += 1;
                if in_a_row >= MISSES_IN_A_ROW {
                    out.skipped = Some(format!("{pane}: gave up after {in_a_row} missed keys"));
                    break;
                }
            }
        }
    }
    Ok(out)
}

// ─── Process figures (Linux) ────────────────────────────────────────────────────────────

/// The process's CPU time so far (user + system).
#[cfg(target_os = "linux")]
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split(' ').collect();
    // utime and stime are fields 14 and 15 of the whole line; the rest starts at field 3.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    // SAFETY: sysconf only reads a system setting.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    (ticks > 0).then(|| Duration::from_secs_f64((utime + stime) as f64 / ticks as f64))
}

/// The CPU the process uses over `span`, as a share of one core.
#[cfg(target_os = "linux")]
fn idle_cpu(pid: u32, span: Duration) -> Option<f64> {
    let before = cpu_time(pid)?;
    let started = Instant::now();
    std::thread::sleep(span);
    let used = cpu_time(pid)?.saturating_sub(before);
    Some(used.as_secs_f64() / started.elapsed().as_secs_f64())
}

#[cfg(not(target_os = "linux"))]
fn idle_cpu(_pid: u32, span: Duration) -> Option<f64> {
    std::thread::sleep(span.min(Duration::from_secs(1)));
    None
}

/// VmRSS and VmHWM in bytes.
#[cfg(target_os = "linux")]
fn memory(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb * 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

#[cfg(not(target_os = "linux"))]
fn memory(_pid: u32) -> Option<(u64, u64)> {
    None
}

/// Waits until the background check of the database ("fokus-check" thread) has ended;
/// how long after the start that was, if it could be seen.
#[cfg(target_os = "linux")]
fn check_finished(pid: u32, started: Instant, timeout: Duration) -> Option<Duration> {
    let deadline = Instant::now() + timeout;
    loop {
        let running = std::fs::read_dir(format!("/proc/{pid}/task"))
            .ok()?
            .filter_map(Result::ok)
            .any(|task| {
                std::fs::read_to_string(task.path().join("comm"))
                    .is_ok_and(|comm| comm.trim() == "fokus-check")
            });
        if !running {
            return Some(started.elapsed());
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[cfg(not(target_os = "linux"))]
fn check_finished(_pid: u32, _started: Instant, _timeout: Duration) -> Option<Duration> {
    None
}

// ─── One size ───────────────────────────────────────────────────────────────────────────

/// Everything measured in the session that goes on after its first frame.
#[derive(Default)]
struct Interactive {
    reminders_shown: Option<usize>,
    check_done: Option<Duration>,
    idle_cpu: Option<f64>,
    reminders: Keys,
    students: Keys,
    timeline: Keys,
    typing: Keys,
    filter: Keys,
    /// From pressing 4 to the Overblik pane's figures on the screen (every digest read).
    overview_open: Option<Duration>,
    /// From asking for another period to its figures (the digests already read).
    overview_again: Option<Duration>,
    memory: Option<(u64, u64)>,
}

/// Starts Fokus on `launch` in a fresh sandbox; returns the time to the first frame and,
/// if `interactive`, goes on with the keystrokes.
fn start_once(
    launch: Launch<'_>,
    plan: &Plan,
    interactive: bool,
) -> Result<(Duration, Option<Interactive>), Error> {
    let sandbox = Sandbox::new(launch)?;
    let session = Session::start(&sandbox)?;
    let first = session.wait_for("reminders pane", START_TIMEOUT, reminders_drawn)?;
    let first_frame = first.saturating_duration_since(session.started);
    let more = if interactive {
        Some(interact(&session, plan)?)
    } else {
        None
    };
    // The application ends before its copy of the database is removed.
    drop(session);
    drop(sandbox);
    Ok((first_frame, more))
}

fn interact(session: &Session, plan: &Plan) -> Result<Interactive, Error> {
    let pid = session.pid().ok_or("no process id")?;
    let mut out = Interactive {
        reminders_shown: number_after(&session.text(), REMINDERS_TITLE),
        ..Interactive::default()
    };
    // Settled: the check against the manifest has finished and the screen is still.
    out.check_done = check_finished(pid, session.started, START_TIMEOUT);
    session.settle(Duration::from_millis(500), Duration::from_secs(10));
    out.idle_cpu = idle_cpu(pid, plan.idle);

    eprint!("reminders… ");
    out.reminders = match out.reminders_shown {
        Some(n) if n >= 2 => press_all(
            session,
            &zigzag(plan.keys, (n - 1).min(10)),
            plan,
            "reminders",
        )?,
        _ => Keys::skipped("reminders: fewer than two reminders"),
    };

    eprint!("students… ");
    session.send(b"2")?;
    session.wait_for_text(STUDENTS_TITLE, START_TIMEOUT)?;
    session.settle(QUIET, Duration::from_secs(5));
    let students = number_after(&session.text(), STUDENTS_TITLE).unwrap_or(0);
    out.students = if students >= 2 {
        press_all(
            session,
            &zigzag(plan.keys, (students - 1).min(10)),
            plan,
            "students",
        )?
    } else {
        Keys::skipped("students: fewer than two students")
    };

    eprint!("filter… ");
    session.send(b"/")?;
    session.wait_for_text(FILTER_LABEL, START_TIMEOUT)?;
    session.settle(QUIET, Duration::from_secs(5));
    out.filter = press_all(session, &filtering(plan.keys), plan, "filter")?;
    // Esc clears the filter and gives the keys back to the list.
    session.send(b"\x1b")?;
    session.wait_for("the filter cleared", START_TIMEOUT, |s| {
        !s.contents().contains(FILTER_LABEL)
    })?;
    session.settle(QUIET, Duration::from_secs(5));

    eprint!("timeline… ");
    session.send(b"\r")?;
    session.wait_for_text(TIMELINE_TITLE, START_TIMEOUT)?;
    session.settle(QUIET, Duration::from_secs(5));
    out.timeline = press_all(session, &zigzag(plan.keys, 1), plan, "timeline")?;
    session.send(b"2")?;
    session.wait_for("the students pane", START_TIMEOUT, |s| {
        !s.contents().contains(TIMELINE_TITLE)
    })?;
    session.settle(QUIET, Duration::from_secs(5));

    eprint!("overview… ");
    let sent = Instant::now();
    session.send(b"4")?;
    // Not there in time is written as n/a, and the rest is measured all the same.
    let shown = session.wait_for_text(OVERVIEW_FIGURES, START_TIMEOUT).ok();
    out.overview_open = shown.map(|at| at.saturating_duration_since(sent));
    session.settle(QUIET, Duration::from_secs(5));
    if shown.is_some() {
        out.overview_again = session.key(b"t", KEY_TIMEOUT)?;
        session.settle(QUIET, Duration::from_secs(5));
    }
    session.send(b"2")?;
    session.wait_for("the students pane", START_TIMEOUT, |s| {
        !s.contents().contains(OVERVIEW_FIGURES)
    })?;
    session.settle(QUIET, Duration::from_secs(5));

    eprint!("typing… ");
    session.send(b"b")?;
    session.wait_for_text(NOTE_TITLE, START_TIMEOUT)?;
    session.settle(QUIET, Duration::from_secs(5));
    out.typing = press_all(session, &typing(plan.keys, NOTE_TEXT), plan, "typing")?;

    out.memory = memory(pid);
    Ok(out)
}

/// The same command as a plain process, without a terminal.
fn plain(built: &CommandBuilder) -> Command {
    let argv = built.get_argv();
    let mut cmd = Command::new(&argv[0]);
    cmd.args(&argv[1..]);
    cmd.env_clear().envs(built.iter_full_env_as_str());
    if let Some(dir) = built.get_cwd() {
        cmd.current_dir(dir);
    }
    cmd
}

/// `fokus remind` on `sandbox`'s database, to the end.
fn remind_once(sandbox: &Sandbox) -> Result<(Duration, usize), Error> {
    let mut cmd = plain(&sandbox.command(&["remind"]));
    cmd.stdin(std::process::Stdio::null());
    let started = Instant::now();
    let out = cmd.output()?;
    let took = started.elapsed();
    if !out.status.success() {
        return Err(format!(
            "fokus remind failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok((took, out.stdout.iter().filter(|&&b| b == b'\n').count()))
}

/// Opens sled's files as Fokus does; a previous handle on the same files may still be
/// finishing its shutdown in sled's background thread, so a taken lock is tried again.
fn open_sled(path: &Path) -> Result<sled::Db, Error> {
    let started = Instant::now();
    loop {
        match sled::Config::new().path(path).open() {
            Err(sled::Error::Io(e))
                if e.to_string().contains("could not acquire lock")
                    && started.elapsed() < Duration::from_secs(3) =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return Ok(other?),
        }
    }
}

/// The environment variable that makes this program the bare one: `open` or `read`.
const BARE_ROLE: &str = "FOKUS_BENCH_BARE";
/// The database folder the bare program opens.
const BARE_DB: &str = "FOKUS_BENCH_BARE_DB";

/// What one run of the bare program did: its wall time from spawn to exit, as `fokus
/// remind`'s is taken, the records it read and its peak memory (Linux).
struct Bare {
    took: Duration,
    records: usize,
    peak: Option<u64>,
}

/// Runs this program again as the bare program (see [`bare_main`]) on `db`, as `role`.
fn run_bare(db: &Path, role: &str) -> Result<Bare, Error> {
    let mut cmd = Command::new(std::env::current_exe()?);
    cmd.env(BARE_ROLE, role).env(BARE_DB, db);
    cmd.stdin(std::process::Stdio::null());
    let started = Instant::now();
    let out = cmd.output()?;
    let took = started.elapsed();
    let said = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!(
            "the bare program ({role}) failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    let mut words = said.split_whitespace().map(str::parse::<u64>);
    let records = words.next().and_then(Result::ok).unwrap_or(0) as usize;
    let peak = words.next().and_then(Result::ok).filter(|&p| p > 0);
    Ok(Bare {
        took,
        records,
        peak,
    })
}

/// The bare program: opens sled and every tree Fokus opens (`open`), or also reads every
/// key and value of every tree (`read`), prints the records read and its peak memory, and
/// exits without tearing sled down, as `fokus remind` does. A process of its own, so its
/// times hold the same start of a process and the same fresh memory as Fokus's own.
fn bare_main(role: &str) -> Result<(), Error> {
    let db = PathBuf::from(std::env::var_os(BARE_DB).ok_or("no database for the bare program")?);
    let sled = open_sled(&db.join("sled"))?;
    let mut trees = Vec::new();
    let names = TreeName::ALL.map(TreeName::name);
    for name in names.into_iter().chain([META_TREE]) {
        trees.push(sled.open_tree(name)?);
    }
    let mut records = 0usize;
    if role == "read" {
        for name in sled.tree_names() {
            for entry in sled.open_tree(name)?.iter() {
                let (key, value) = entry?;
                records += 1;
                black_box((&key, &value));
            }
        }
    }
    let peak = memory(std::process::id()).map_or(0, |(_, hwm)| hwm);
    println!("{records} {peak}");
    std::io::stdout().flush()?;
    std::mem::forget(trees);
    std::mem::forget(sled);
    std::process::exit(0);
}

/// One size's figures.
struct Row {
    database: Database,
    plan: Plan,
    size: u64,
    records: usize,
    first_frames: Vec<Duration>,
    session: Interactive,
    remind: Vec<Duration>,
    remind_lines: usize,
    open_only: Vec<Duration>,
    read_everything: Vec<Duration>,
    /// The bare program's peak memory, opening only.
    open_peak: Option<u64>,
    /// The same students on the team's server, when measured.
    team: Option<TeamRow>,
}

/// One size's figures in team mode.
struct TeamRow {
    team: Team,
    first_frames: Vec<Duration>,
    session: Interactive,
}

/// Measures `database` on sled and, if `team`, on the team's server too.
fn measure(database: Database, plan: Plan, team: bool) -> Result<Row, Error> {
    let n = database.students;
    let size = size_on_disk(&database.dir)?;

    eprint!("  {n} students: bare sled… ");
    let bare = Sandbox::new(Launch::Local(&database))?;
    let (mut open, mut read, mut records, mut open_peak) = (Vec::new(), Vec::new(), 0, None);
    for _ in 0..plan.runs {
        let opened = run_bare(bare.db()?, "open")?;
        open.push(opened.took);
        open_peak = opened.peak;
        let all = run_bare(bare.db()?, "read")?;
        read.push(all.took);
        records = all.records;
    }
    eprint!("remind… ");
    let (mut remind, mut remind_lines) = (Vec::new(), 0);
    for _ in 0..plan.runs {
        let (took, lines) = remind_once(&bare)?;
        remind.push(took);
        remind_lines = lines;
    }
    drop(bare);

    let (first_frames, session) = starts(Launch::Local(&database), &plan)?;
    let team = if team {
        eprint!("  {n} students: team server… ");
        let server = Team::start(&database)?;
        eprint!(
            "imported in {}, the officer sees {}; ",
            fmt(server.import),
            server.seen
        );
        let (first_frames, session) = starts(Launch::Team(&server), &plan)?;
        Some(TeamRow {
            team: server,
            first_frames,
            session,
        })
    } else {
        None
    };
    Ok(Row {
        database,
        plan,
        size,
        records,
        first_frames,
        session,
        remind,
        remind_lines,
        open_only: open,
        read_everything: read,
        open_peak,
        team,
    })
}

/// The starts of the application on `launch`: every start's first frame, and what the
/// last one measured after it.
fn starts(launch: Launch<'_>, plan: &Plan) -> Result<(Vec<Duration>, Interactive), Error> {
    eprint!("starts… ");
    let mut first_frames = Vec::new();
    for _ in 1..plan.runs {
        first_frames.push(start_once(launch, plan, false)?.0);
    }
    eprint!("session: settling… ");
    let (first, session) = start_once(launch, plan, true)?;
    first_frames.push(first);
    eprintln!("done");
    Ok((first_frames, session.unwrap_or_default()))
}

// ─── Printing ───────────────────────────────────────────────────────────────────────────

fn median(values: &[Duration]) -> Duration {
    let mut values = values.to_vec();
    values.sort();
    values.get(values.len() / 2).copied().unwrap_or_default()
}

/// The nearest-rank percentile.
fn percentile(values: &[Duration], p: f64) -> Duration {
    let mut values = values.to_vec();
    values.sort();
    if values.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * values.len() as f64).ceil() as usize;
    values[rank.clamp(1, values.len()) - 1]
}

fn fmt(d: Duration) -> String {
    let micros = d.as_secs_f64() * 1e6;
    if micros >= 1e6 {
        format!("{:.2} s", micros / 1e6)
    } else if micros >= 1e3 {
        format!("{:.1} ms", micros / 1e3)
    } else {
        format!("{micros:.0} µs")
    }
}

fn bytes(n: u64) -> String {
    if n >= 1 << 20 {
        format!("{:.0} MiB", n as f64 / f64::from(1 << 20))
    } else {
        format!("{:.0} KiB", n as f64 / 1024.0)
    }
}

/// A session's keys p50/p99 per pane, idle CPU and memory, as the table shows them.
fn session_cells(s: &Interactive) -> Vec<String> {
    let cpu = s
        .idle_cpu
        .map_or("n/a".into(), |c| format!("{:.1} %", c * 100.0));
    let rss = s.memory.map_or("n/a".into(), |(rss, hwm)| {
        format!("{} / {}", bytes(rss), bytes(hwm))
    });
    vec![
        s.reminders.cell(),
        s.students.cell(),
        s.timeline.cell(),
        s.typing.cell(),
        s.filter.cell(),
        cpu,
        rss,
    ]
}

/// What team mode was measured on, and its first frame beside the local one's.
fn print_team_table(rows: &[Row]) {
    let teams: Vec<(&Row, &TeamRow)> = rows
        .iter()
        .filter_map(|row| Some((row, row.team.as_ref()?)))
        .collect();
    if teams.is_empty() {
        return;
    }
    println!();
    println!(
        "Team mode: `fokus --server` as the education officer {} on a PostgreSQL of its own \
         on this machine (Unix socket), the students imported from the same database. The \
         officer sees the students of their employing authority only.",
        OFFICER.1
    );
    println!();
    println!(
        "| students | on the server | officer's authority | officer sees | reminders shown \
         | import | first frame local | first frame team | team / local | team first frames |"
    );
    println!("|---:|---:|---|---:|---:|---:|---:|---:|---:|---|");
    for (row, team) in teams {
        let local = median(&row.first_frames);
        let remote = median(&team.first_frames);
        let frames: Vec<String> = team.first_frames.iter().map(|d| fmt(*d)).collect();
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {:.2} | {} |",
            row.database.students,
            team.team.students,
            team.team.authority,
            team.team.seen,
            team.session
                .reminders_shown
                .map_or("n/a".into(), |n| n.to_string()),
            fmt(team.team.import),
            fmt(local),
            fmt(remote),
            remote.as_secs_f64() / local.as_secs_f64().max(1e-9),
            frames.join(", "),
        );
    }
}

fn print_tables(rows: &[Row]) {
    println!();
    println!(
        "Fokus at scale: the release binary in a {COLS}×{ROWS} pseudo-terminal. Times are medians, \
         keys p50 / p99 from writing the key to the screen changing (* some keys showed no change \
         within {KEY_TIMEOUT:?}), RSS is VmRSS / VmHWM after the keys."
    );
    println!();
    println!(
        "| students | first frame | beyond open | reminders key p50/p99 | students key p50/p99 \
         | timeline key p50/p99 | typing p50/p99 | filter p50/p99 | idle CPU | RSS | remind \
         | beyond open | open only | read everything |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for row in rows {
        let open = median(&row.open_only);
        let first = median(&row.first_frames);
        let remind = median(&row.remind);
        let mut cells = vec![
            row.database.students.to_string(),
            fmt(first),
            fmt(first.saturating_sub(open)),
        ];
        cells.extend(session_cells(&row.session));
        cells.extend([
            fmt(remind),
            fmt(remind.saturating_sub(open)),
            fmt(open),
            fmt(median(&row.read_everything)),
        ]);
        println!("| {} |", cells.join(" | "));
        // Team mode beside it: only the application's own figures.
        if let Some(team) = &row.team {
            let mut cells = vec![
                format!("{} team", row.database.students),
                fmt(median(&team.first_frames)),
                "–".into(),
            ];
            cells.extend(session_cells(&team.session));
            cells.extend(["–".to_string(), "–".into(), "–".into(), "–".into()]);
            println!("| {} |", cells.join(" | "));
        }
    }
    print_team_table(rows);
    println!();
    println!(
        "Overblik: from pressing 4 to the figures on the screen (every student's digest read \
         and the figures made), and from asking for another period to its figures (the \
         digests already read)."
    );
    println!();
    println!("| students | Overblik opens | another period |");
    println!("|---:|---:|---:|");
    for row in rows {
        let cell = |d: Option<Duration>| d.map_or("n/a".to_string(), fmt);
        println!(
            "| {} | {} | {} |",
            row.database.students,
            cell(row.session.overview_open),
            cell(row.session.overview_again)
        );
    }
    println!();
    println!("What was measured");
    println!();
    println!(
        "| students | generated for | database | records | reminders shown | remind lines \
         | starts | keys per pane | first frames | check done after | bare open peak memory | build |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|");
    for row in rows {
        let frames: Vec<String> = row.first_frames.iter().map(|d| fmt(*d)).collect();
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            row.database.students,
            row.database.built_for,
            bytes(row.size),
            row.records,
            row.session
                .reminders_shown
                .map_or("n/a".into(), |n| n.to_string()),
            row.remind_lines,
            row.plan.runs,
            row.plan.keys,
            frames.join(", "),
            row.session.check_done.map_or("n/a".into(), fmt),
            row.open_peak.map_or("n/a".into(), bytes),
            row.database
                .build
                .map_or("cached".into(), |d| format!("{} (built now)", fmt(d))),
        );
    }
    let notes: Vec<String> = rows
        .iter()
        .flat_map(|row| {
            let n = row.database.students;
            let team = row
                .team
                .as_ref()
                .map(|t| (format!("{n} students, team"), &t.session));
            [(format!("{n} students"), &row.session)]
                .into_iter()
                .chain(team)
        })
        .flat_map(|(what, s)| {
            [&s.reminders, &s.students, &s.timeline, &s.typing, &s.filter]
                .into_iter()
                .filter_map(move |k| {
                    let missed = (k.missed > 0).then(|| format!("{} missed", k.missed));
                    let why = k.skipped.clone();
                    (missed.is_some() || why.is_some()).then(|| {
                        format!(
                            "{what}: {}",
                            [missed, why]
                                .into_iter()
                                .flatten()
                                .collect::<Vec<_>>()
                                .join("; ")
                        )
                    })
                })
        })
        .collect();
    if !notes.is_empty() {
        println!();
        for note in notes {
            println!("- {note}");
        }
    }
}

fn main() -> Result<(), Error> {
    if let Some(role) = std::env::var_os(BARE_ROLE) {
        return bare_main(&role.to_string_lossy());
    }
    let benching = std::env::args().any(|a| a == "--bench");
    if !benching {
        // `cargo test --benches`: every step once on a few students, nothing timed.
        let plan = Plan {
            runs: 1,
            keys: 2,
            idle: Duration::from_millis(200),
            strict: true,
        };
        let row = measure(temporary_database(20)?, plan, true)?;
        if row.session.memory.is_none() && cfg!(target_os = "linux") {
            return Err("no memory figures read".into());
        }
        println!("scale: smoke test passed (run `cargo bench --bench scale` for figures)");
        return Ok(());
    }
    let sizes = env_list("FOKUS_BENCH_SIZES").unwrap_or(DEFAULT_SIZES.to_vec());
    let rebuild = std::env::var_os("FOKUS_BENCH_REBUILD").is_some_and(|v| v != "0");
    let team = std::env::var("FOKUS_BENCH_TEAM").ok();
    let team_at = |students: usize| match team.as_deref().map(str::trim) {
        Some("0") => false,
        Some("1") => true,
        _ => students <= TEAM_UP_TO,
    };
    let mut rows = Vec::new();
    for students in sizes {
        eprint!("{students} students: database… ");
        let database = cached_database(students, rebuild)?;
        match database.build {
            Some(d) => eprintln!("built in {}", fmt(d)),
            None => eprintln!("cached, generated for {}", database.built_for),
        }
        rows.push(measure(database, plan_for(students), team_at(students))?);
    }
    print_tables(&rows);
    measure_unlock()
}
