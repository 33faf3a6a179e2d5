//! Shared helpers for the end-to-end tests: a sandbox that keeps the real binary away
//! from the user's own database and config, and a pseudo-terminal harness that drives
//! the full-screen application and reads its screen through a terminal emulator.

#![allow(dead_code)]

use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The binary under test.
pub const FOKUS: &str = env!("CARGO_BIN_EXE_fokus");

/// The passphrase of every sandbox's database, given as `FOKUS_PASSPHRASE`.
pub const PASSPHRASE: &str = "blå hest spiser syv gule æbler";

/// The name the sandbox's user gave Fokus.
pub const USER_NAME: &str = "Gitte Holm";

/// How long to wait for anything the application should do (the test machine is slow).
pub const TIMEOUT: Duration = Duration::from_secs(20);

const POLL: Duration = Duration::from_millis(50);

/// A temporary home for one test: the database folder, the config folder and a HOME,
/// all removed when the sandbox is dropped.
pub struct Sandbox {
    pub root: tempfile::TempDir,
    pub db: PathBuf,
    pub config: PathBuf,
}

impl Sandbox {
    /// A new sandbox; the database folder is not created (Fokus creates it). The user has
    /// told Fokus who they are, as after the first start.
    pub fn new() -> Sandbox {
        let sandbox = Sandbox::first_start();
        sandbox.write_config("");
        sandbox
    }

    /// A sandbox as on a new machine: no config file, so Fokus asks who the user is.
    pub fn first_start() -> Sandbox {
        let root = tempfile::tempdir().expect("temporary folder");
        let db = root.path().join("db");
        let config = root.path().join("config");
        std::fs::create_dir_all(&config).expect("config folder");
        std::fs::create_dir_all(root.path().join("home")).expect("home folder");
        Sandbox { root, db, config }
    }

    /// Writes `config.toml` with the sandbox's user (Gitte Holm, education officer) and
    /// the `extra` settings.
    pub fn write_config(&self, extra: &str) {
        let text =
            format!("user_name = \"{USER_NAME}\"\nuser_role = \"education_officer\"\n{extra}");
        std::fs::write(self.config.join("config.toml"), text).expect("config.toml");
    }

    /// The environment every run of Fokus gets, so it never sees the user's own files.
    pub fn env(&self) -> Vec<(&'static str, OsString)> {
        let home = self.root.path().join("home");
        vec![
            ("FOKUS_CONFIG_DIR", self.config.clone().into()),
            ("HOME", home.clone().into()),
            ("XDG_DATA_HOME", home.join("data").into()),
            ("XDG_CONFIG_HOME", home.join("config").into()),
            ("USER", "testuser".into()),
            ("TERM", "xterm-256color".into()),
            ("LANG", "C.UTF-8".into()),
            ("FOKUS_PASSPHRASE", PASSPHRASE.into()),
        ]
    }

    /// The sandbox's database, opened in this process with its key (as `fokus` made it).
    pub fn open_store(&self) -> fokus::store::SledStore {
        open_sealed(&self.db)
    }

    /// `fokus --db <sandbox db> ARGS…` as a plain process (no terminal).
    pub fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new(FOKUS);
        cmd.arg("--db").arg(&self.db).args(args);
        self.configure(&mut cmd);
        cmd
    }

    /// Gives `cmd` the sandbox's environment and folder, and no input.
    pub fn configure(&self, cmd: &mut Command) {
        cmd.env_remove("FOKUS_DB");
        cmd.env_remove("LC_ALL");
        for (k, v) in self.env() {
            cmd.env(k, v);
        }
        cmd.current_dir(self.root.path());
        cmd.stdin(std::process::Stdio::null());
    }

    /// Runs `fokus --db <sandbox db> ARGS…` to the end and returns its output.
    pub fn run<I, S>(&self, args: I) -> std::process::Output
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command(args).output().expect("run fokus")
    }

    /// `fokus --db <sandbox db> demo`, which must succeed.
    pub fn fill_demo(&self) {
        let out = self.run(["demo"]);
        assert!(
            out.status.success(),
            "fokus demo failed: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Starts the full-screen application in a pseudo-terminal of `cols` × `rows`.
    pub fn start<I, S>(&self, args: I, cols: u16, rows: u16) -> Tui
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Tui::spawn(self.pty_command(args), cols, rows, true)
    }

    /// Like [`Sandbox::start`], with extra environment variables.
    pub fn start_with_env<I, S>(&self, args: I, env: &[(&str, &str)], cols: u16, rows: u16) -> Tui
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.pty_command(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        Tui::spawn(cmd, cols, rows, true)
    }

    /// Like [`Sandbox::start`], without `FOKUS_PASSPHRASE`: as a person starts it, who
    /// types the passphrase at the prompt.
    #[allow(dead_code)]
    pub fn start_asking<I, S>(&self, args: I, cols: u16, rows: u16) -> Tui
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.pty_command(args);
        cmd.env_remove("FOKUS_PASSPHRASE");
        Tui::spawn(cmd, cols, rows, true)
    }

    /// Like [`Sandbox::start`], in a terminal that never answers the cursor-position query.
    pub fn start_in_mute_terminal<I, S>(&self, args: I, cols: u16, rows: u16) -> Tui
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Tui::spawn(self.pty_command(args), cols, rows, false)
    }

    /// Starts the application on the team's server at `url` (no database on the PC), in
    /// a pseudo-terminal of `cols` × `rows`.
    #[allow(dead_code)]
    pub fn start_team(&self, url: &str, cols: u16, rows: u16) -> Tui {
        let mut cmd = self.bare_command(["--server", url]);
        cmd.env_remove("FOKUS_SERVER");
        Tui::spawn(cmd, cols, rows, true)
    }

    fn pty_command<I, S>(&self, args: I) -> CommandBuilder
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let db = [self.db.as_os_str().to_owned()];
        let args = [OsStr::new("--db").to_owned()]
            .into_iter()
            .chain(db)
            .chain(args.into_iter().map(|a| a.as_ref().to_owned()));
        self.bare_command(args)
    }

    /// `fokus ARGS…` with the sandbox's environment and folder.
    fn bare_command<I, S>(&self, args: I) -> CommandBuilder
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = CommandBuilder::new(FOKUS);
        for a in args {
            cmd.arg(a);
        }
        cmd.env_remove("FOKUS_DB");
        cmd.env_remove("LC_ALL");
        for (k, v) in self.env() {
            cmd.env(k, v);
        }
        cmd.cwd(self.root.path());
        cmd
    }
}

/// A key press, written to the terminal as the bytes a real terminal sends.
#[derive(Clone, Copy, Debug)]
pub enum Key {
    Tab,
    BackTab,
    Enter,
    Esc,
    Space,
    Backspace,
    Down,
    Up,
    Right,
    Left,
    End,
    /// Ctrl and a letter, e.g. `Ctrl('s')`.
    Ctrl(char),
}

impl Key {
    pub fn bytes(self) -> Vec<u8> {
        match self {
            Key::Tab => b"\t".to_vec(),
            Key::BackTab => b"\x1b[Z".to_vec(),
            Key::Enter => b"\r".to_vec(),
            Key::Esc => b"\x1b".to_vec(),
            Key::Space => b" ".to_vec(),
            Key::Backspace => b"\x7f".to_vec(),
            Key::Down => b"\x1b[B".to_vec(),
            Key::Up => b"\x1b[A".to_vec(),
            Key::Right => b"\x1b[C".to_vec(),
            Key::Left => b"\x1b[D".to_vec(),
            Key::End => b"\x1b[F".to_vec(),
            Key::Ctrl(c) => vec![(c.to_ascii_lowercase() as u8) & 0x1f],
        }
    }
}

/// Fokus running in a pseudo-terminal, its output fed to a terminal emulator.
pub struct Tui {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    reader_done: Arc<AtomicBool>,
    /// Tells the reader to let go of the terminal (to close the window).
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    master: Option<Box<dyn MasterPty + Send>>,
    child: Box<dyn Child + Send + Sync>,
    status: Option<portable_pty::ExitStatus>,
}

/// The reading end of the terminal, waiting in short steps so it can be told to stop.
struct Source {
    file: std::fs::File,
    stop: Arc<AtomicBool>,
}

impl Source {
    fn new(master: &(dyn MasterPty + Send), stop: Arc<AtomicBool>) -> Source {
        use std::os::fd::FromRawFd;
        let fd = master.as_raw_fd().expect("the terminal's descriptor");
        // SAFETY: dup gives this reader its own descriptor, which the File then owns.
        let own = unsafe { libc::dup(fd) };
        assert!(own >= 0, "duplicate the terminal's descriptor");
        Source {
            file: unsafe { std::fs::File::from_raw_fd(own) },
            stop,
        }
    }
}

impl Read for Source {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use std::os::fd::AsRawFd;
        loop {
            if self.stop.load(Ordering::SeqCst) {
                return Ok(0);
            }
            let mut fd = libc::pollfd {
                fd: self.file.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd with its count.
            let ready = unsafe { libc::poll(&mut fd, 1, 50) };
            if ready > 0 {
                return self.file.read(buf);
            }
        }
    }
}

/// "Where is the cursor?" (DSR), which ratatui asks when it clears the screen.
const CURSOR_QUERY: &[u8] = b"\x1b[6n";

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("terminal size must not be zero")
}

impl Tui {
    fn spawn(cmd: CommandBuilder, cols: u16, rows: u16, answer_queries: bool) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let child = pair.slave.spawn_command(cmd).expect("start fokus");
        // Only the child holds the terminal side now, so reading ends when it exits.
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let reader_done = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let mut source = Source::new(&*pair.master, stop.clone());
        let writer = Arc::new(Mutex::new(
            pair.master.take_writer().expect("terminal writer"),
        ));
        let reader = {
            let (parser, raw, done) = (parser.clone(), raw.clone(), reader_done.clone());
            let answer = writer.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match source.read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => {
                            let queries = {
                                let mut raw = raw.lock().unwrap();
                                let from = raw.len().saturating_sub(CURSOR_QUERY.len() - 1);
                                raw.extend_from_slice(&buf[..n]);
                                count(&raw[from..], CURSOR_QUERY)
                            };
                            let mut parser = parser.lock().unwrap();
                            parser.process(&buf[..n]);
                            if answer_queries && queries > 0 {
                                // Answer as a real terminal does: ESC [ row ; col R.
                                let (row, col) = parser.screen().cursor_position();
                                let reply = format!("\x1b[{};{}R", row + 1, col + 1);
                                let mut w = answer.lock().unwrap();
                                for _ in 0..queries {
                                    let _ = w.write_all(reply.as_bytes());
                                }
                                let _ = w.flush();
                            }
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        // EIO: the child and its terminal side are gone.
                        Err(_) => break,
                    }
                }
                done.store(true, Ordering::SeqCst);
            })
        };
        Tui {
            parser,
            raw,
            reader_done,
            stop,
            reader: Some(reader),
            writer,
            master: Some(pair.master),
            child,
            status: None,
        }
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Whether the application has the terminal in the alternate screen.
    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    /// Every byte the application wrote to the terminal so far.
    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// The screen row holding `text`, if any.
    pub fn line_with(&self, text: &str) -> Option<String> {
        self.screen()
            .lines()
            .find(|l| l.contains(text))
            .map(str::to_string)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut w = self.writer.lock().unwrap();
        w.write_all(bytes).expect("write to the terminal");
        w.flush().expect("flush the terminal");
    }

    /// Types `text` literally.
    pub fn send(&mut self, text: &str) {
        self.write(text.as_bytes());
    }

    /// Pastes `text` as a terminal with bracketed paste does.
    pub fn paste(&mut self, text: &str) {
        self.write(format!("\x1b[200~{text}\x1b[201~").as_bytes());
    }

    /// Presses `key`.
    pub fn key(&mut self, key: Key) {
        self.write(&key.bytes());
    }

    /// Presses `key` `n` times.
    pub fn keys(&mut self, key: Key, n: usize) {
        let bytes: Vec<u8> = std::iter::repeat_n(key.bytes(), n).flatten().collect();
        self.write(&bytes);
    }

    fn dump(&self) -> String {
        format!(
            "---- screen ----\n{}\n----------------",
            self.screen()
                .lines()
                .enumerate()
                .map(|(i, l)| format!("{i:2}|{l}"))
                .collect::<Vec<_>>()
                .join("\n")
        )
    }

    fn check_alive(&mut self, what: &str) {
        if self.status.is_none()
            && let Ok(Some(status)) = self.child.try_wait()
        {
            self.status = Some(status);
        }
        if let Some(status) = self.status.clone() {
            // Let the last output arrive before showing the screen.
            self.drain(Duration::from_secs(2));
            panic!(
                "fokus exited ({status:?}) while waiting for {what}\n{}",
                self.dump()
            );
        }
    }

    /// Waits until `done` holds for the screen text; panics with the screen on timeout.
    pub fn wait_until(&mut self, what: &str, timeout: Duration, done: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            if done(&self.screen()) {
                return;
            }
            self.check_alive(what);
            if start.elapsed() > timeout {
                panic!(
                    "timed out after {timeout:?} waiting for {what}\n{}",
                    self.dump()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until `text` is on the screen.
    pub fn wait_for(&mut self, text: &str) {
        self.wait_for_within(text, TIMEOUT);
    }

    /// Waits until `text` is on the screen, at most `timeout`.
    pub fn wait_for_within(&mut self, text: &str, timeout: Duration) {
        self.wait_until(&format!("{text:?} to appear"), timeout, |s| {
            s.contains(text)
        });
    }

    /// Waits until `text` is no longer on the screen.
    pub fn wait_gone(&mut self, text: &str) {
        self.wait_until(&format!("{text:?} to disappear"), TIMEOUT, |s| {
            !s.contains(text)
        });
    }

    /// Waits until the row holding `label` also holds `value`.
    pub fn wait_for_in_line(&mut self, label: &str, value: &str) {
        self.wait_until(
            &format!("{value:?} on the line of {label:?}"),
            TIMEOUT,
            |s| s.lines().any(|l| l.contains(label) && l.contains(value)),
        );
    }

    /// Resizes the terminal (the application gets SIGWINCH) and the emulator with it.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pseudo-terminal");
    }

    fn drain(&mut self, timeout: Duration) {
        let start = Instant::now();
        while !self.reader_done.load(Ordering::SeqCst) && start.elapsed() < timeout {
            std::thread::sleep(POLL);
        }
        if self.reader_done.load(Ordering::SeqCst)
            && let Some(reader) = self.reader.take()
        {
            let _ = reader.join();
        }
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        self.status.is_none() && matches!(self.child.try_wait(), Ok(None))
    }

    /// Whether the terminal is in cooked mode (line editing and echo on), as a shell
    /// expects it; `None` when the platform cannot tell.
    #[cfg(not(unix))]
    pub fn cooked_mode(&self) -> Option<bool> {
        None
    }

    /// Whether the terminal is in cooked mode (line editing and echo on), as a shell
    /// expects it; `None` when the platform cannot tell.
    #[cfg(unix)]
    pub fn cooked_mode(&self) -> Option<bool> {
        let fd = self.master.as_ref()?.as_raw_fd()?;
        // SAFETY: tcgetattr only fills the zeroed struct we own, from a descriptor we own.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        if unsafe { libc::tcgetattr(fd, &mut t) } != 0 {
            return None;
        }
        Some(t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0)
    }

    /// Closes the terminal window: every handle on the terminal's side is let go, so the
    /// application's terminal hangs up as when a user closes the window.
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        *self.writer.lock().unwrap() = Box::new(std::io::sink());
        self.master = None;
    }

    /// Opens `name`'s timeline through the filtered students list.
    pub fn open_student(&mut self, name: &str) {
        self.send("2");
        self.wait_for("Elever –");
        self.send("/");
        self.wait_for("Filter:");
        self.send(name);
        self.wait_for(&format!("Filter: {name}"));
        self.key(Key::Enter);
        self.wait_for(&format!("┌ {name} · Type "));
    }

    /// The process id of the application.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Waits for the application to exit and for all its output to be read.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.status.clone() {
                break status;
            }
            if let Some(status) = self.child.try_wait().expect("wait for fokus") {
                self.status = Some(status.clone());
                break status;
            }
            if start.elapsed() > TIMEOUT {
                panic!("fokus did not exit within {TIMEOUT:?}\n{}", self.dump());
            }
            std::thread::sleep(POLL);
        };
        self.drain(TIMEOUT);
        status
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if self.status.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Today as Fokus writes dates.
pub fn today() -> String {
    chrono::Local::now()
        .date_naive()
        .format("%d.%m.%Y")
        .to_string()
}

/// A date `days` from today as Fokus writes dates.
pub fn in_days(days: i64) -> String {
    (chrono::Local::now().date_naive() + chrono::Duration::days(days))
        .format("%d.%m.%Y")
        .to_string()
}

/// The first weekday at least `days` from today, as Fokus proposes meetings.
pub fn weekday_in_days(days: i64) -> String {
    use chrono::Datelike;
    let mut date = chrono::Local::now().date_naive() + chrono::Duration::days(days);
    while matches!(date.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun) {
        date += chrono::Duration::days(1);
    }
    date.format("%d.%m.%Y").to_string()
}

/// The permission bits of `path`.
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// Every file under `dir`, read as bytes (sockets, such as the one a running Fokus
/// answers on, hold none).
pub fn files(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                // A file the running application removes meanwhile is simply gone.
                if let Ok(bytes) = std::fs::read(&path) {
                    out.push((path, bytes));
                }
            }
        }
    }
    out
}

/// Every file under `dir` whose bytes hold `needle`.
pub fn holding(dir: &std::path::Path, needle: &[u8]) -> Vec<std::path::PathBuf> {
    files(dir)
        .into_iter()
        .filter(|(_, bytes)| bytes.windows(needle.len()).any(|w| w == needle))
        .map(|(p, _)| p)
        .collect()
}

/// The vault of the database in `dir`, unlocked with [`PASSPHRASE`].
pub fn vault(dir: &Path) -> std::sync::Arc<fokus::crypto::Vault> {
    let file = fokus::crypto::KeyFile::load(dir)
        .expect("the key file reads")
        .expect("the database has a key file");
    let vault = file
        .unlock(fokus::crypto::Secret::Passphrase, PASSPHRASE.as_bytes())
        .expect("the sandbox's passphrase unlocks it");
    std::sync::Arc::new(vault)
}

/// The database in `dir` made by `fokus`, opened with its key, every record compared first.
pub fn open_sealed(dir: &Path) -> fokus::store::SledStore {
    let now = chrono::Local::now().naive_local();
    let options = fokus::store::OpenOptions::now(now).sealed(vault(dir));
    fokus::store::SledStore::open_with(dir, options).expect("the database opens")
}

/// Every file under `dir` with its bytes, to compare before and after something that must
/// write nothing.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all = files(dir);
    all.sort();
    all
}
