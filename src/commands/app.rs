//! The application: open the database, start the screen, run the loop, and give
//! everything back — also on a signal, a closed terminal window or a panic, after the
//! draft journal has been written.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use chrono::Local;
use crossterm::event::{self, Event, KeyEvent};

use super::{Setup, fail, open_with};
use crate::app::REMINDER_PAGE;
use crate::app::draft::Draft;
use crate::app::input::runs_on;
use crate::app::state::StudentList;
use crate::app::update::input_context;
use crate::app::{App, Msg};
use crate::i18n::{self, T};
use crate::keymap::Keymap;
use crate::platform::{self, Signals, login_name};
use crate::runner::{IdleLock, Input, Runner};
use crate::store::Compare;
use crate::store::{self, SledStore, Store, journal};
use crate::{tui, ui};

/// The longest the loop sleeps when nothing is due: keys, signals and resizes wake it at
/// once, the journal, the status line, the check made at opening and midnight when due;
/// this only bounds how late a jump of the clock (a suspended laptop) is noticed.
const LONGEST_SLEEP: Duration = Duration::from_secs(60);

/// Why the loop ended.
enum End {
    Quit,
    /// SIGHUP (the window was closed), SIGTERM or SIGINT.
    Signal,
    /// The terminal was closed.
    Gone,
    /// Reading the terminal failed.
    TerminalGone(std::io::Error),
}

/// Starting messages about the keymap and config file, shown over the first screen.
fn startup_messages(setup: &Setup, errors: &[crate::keymap::KeymapError]) -> Vec<Msg> {
    let lang = setup.lang;
    let mut said = Vec::new();
    if !errors.is_empty() {
        said.push(Msg::Show {
            title: lang.t(T::KeymapErrorsTitle).to_string(),
            lines: errors.iter().map(|e| i18n::keymap_error(lang, e)).collect(),
        });
    }
    if let Some(e) = &setup.config_error {
        said.push(Msg::Show {
            title: lang.t(T::ConfigErrorTitle).to_string(),
            lines: vec![e.clone()],
        });
    }
    said
}

/// A journal left by an earlier session: offered for recovery, or set aside if
/// unreadable. The message that says so, and whether a journal is there to keep.
fn left_over_draft(setup: &Setup, dir: &std::path::Path, store: &dyn Store) -> (Option<Msg>, bool) {
    match journal::read::<Draft>(dir, &store.sealing()) {
        Ok(Some(draft)) => {
            // A conversation saved after the draft was written makes the draft older text.
            let older = draft.conversation().is_some_and(|base| {
                store.load_case(draft.student).is_ok_and(|case| {
                    case.conversation(base.id)
                        .is_some_and(|stored| stored != base)
                })
            });
            let draft = Box::new(draft);
            (Some(Msg::DraftLeftOver { draft, older }), true)
        }
        Ok(None) => (None, false),
        Err(why) => {
            let said = match why {
                journal::JournalError::Foreign => T::RecoverForeign,
                _ => T::RecoverUnreadable,
            };
            let text = match journal::set_aside(dir) {
                Ok(path) => setup
                    .lang
                    .fill(said, &[("path", &path.display().to_string())]),
                Err(e) => setup
                    .lang
                    .fill(T::JournalFailed, &[("error", &e.to_string())]),
            };
            let title = setup.lang.t(T::RecoverTitle).to_string();
            let said = Msg::Show {
                title,
                lines: vec![text],
            };
            (Some(said), false)
        }
    }
}

/// How long the loop has, after a signal, to write the journal and give the terminal back
/// before a watchdog ends the process anyway (the journal on disk is then at most a
/// moment old).
const GRACE: Duration = Duration::from_millis(1500);

/// Set while the journal is being written on the way out: the watchdog lets a write that
/// has started finish (a slow disk must not cost the text), up to [`LAST_WRITE`] more.
static KEEPING_JOURNAL: AtomicBool = AtomicBool::new(false);

/// The longest the watchdog waits for a journal write under way.
const LAST_WRITE: Duration = Duration::from_secs(5);

/// Watches for the signals that ask Fokus to stop; a watchdog ends the process if the loop
/// does not get there in time.
fn watch_signals() -> std::io::Result<Signals> {
    let signals = platform::watch_signals()?;
    let watched = signals.clone();
    std::thread::Builder::new()
        .name("fokus-watchdog".into())
        .spawn(move || {
            watched.wait();
            std::thread::sleep(GRACE);
            let waiting = std::time::Instant::now();
            while KEEPING_JOURNAL.load(Ordering::SeqCst) && waiting.elapsed() < LAST_WRITE {
                std::thread::sleep(Duration::from_millis(20));
            }
            tui::restore();
            std::process::exit(if watched.hung_up() { 129 } else { 130 });
        })?;
    Ok(signals)
}

/// The application itself: on the team's server when one is named (and neither `--demo`
/// nor `--db` asks for a database on this PC), else on the embedded database.
pub fn app(setup: &Setup) -> ExitCode {
    let signals = match watch_signals() {
        Ok(flag) => flag,
        Err(e) => {
            let text = setup
                .lang
                .fill(T::SignalsFailed, &[("error", &e.to_string())]);
            eprintln!("fokus: {text}");
            return ExitCode::FAILURE;
        }
    };
    match super::team::app_server(setup) {
        Ok(Some(url)) => return team_app(setup, &url, &signals),
        Ok(None) => {}
        Err(why) => {
            eprintln!("fokus: {why}");
            return ExitCode::FAILURE;
        }
    }
    // Every record is compared with the manifest in the background, without holding back
    // a write.
    let store = match open_with(setup, Compare::InBackground) {
        Ok(s) => Arc::new(s),
        Err(code) => return code,
    };
    // Read-only commands run elsewhere are answered from this database until the end;
    // the server stops (declared after the store, dropped before it) before the lock goes.
    let _answering = super::query::answer_while_open(Arc::clone(&store));
    let place = Place {
        journal_dir: setup.db_dir.clone(),
        shown_as: setup.db_dir.display().to_string(),
        user: setup.user.clone(),
        // A few thousand students are read before the first screen in a few
        // milliseconds; more are read while the user looks at the reminders.
        read_later: store.recorded_students() > READ_FIRST,
        changes: None,
        // No passphrase guards this database yet, so there is nothing to unlock with.
        lock: idle_lock(setup, unlocks(&setup.db_dir, &store.sealing())),
    };
    let outcome = match session(setup, &store, place, &signals) {
        Ok(outcome) => outcome,
        Err(code) => return code,
    };
    let _ = store.flush();
    finish(setup, Some(&store), outcome)
}

/// The application on the team's server: the user is who the server says, what is typed
/// is journaled on this PC until the server has it, and changes others make are read as
/// the server announces them.
fn team_app(setup: &Setup, url: &str, signals: &Signals) -> ExitCode {
    let lang = setup.lang;
    let store = match open_team(url, lang) {
        Ok(store) => Arc::new(store),
        Err(e) => {
            eprintln!("fokus: {}", i18n::team_error(lang, &e));
            return ExitCode::FAILURE;
        }
    };
    let me = store.me().clone();
    let journal_dir = crate::config::team_drafts_dir(&me.login);
    if let Err(e) = crate::files::fsperm::private_dir(&journal_dir) {
        let text = lang.fill(T::JournalFailed, &[("error", &e.to_string())]);
        eprintln!("fokus: {text}");
        return ExitCode::FAILURE;
    }
    let place = Place {
        journal_dir,
        shown_as: format!(
            "{} ({}, {})",
            crate::team::describe(url),
            me.name,
            me.authority
        ),
        user: Some(me.actor()),
        read_later: true,
        changes: Some(store.listen()),
        // The server's login guards the team's data; nothing here is unlocked with a
        // passphrase.
        lock: None,
    };
    let outcome = match session(setup, &store, place, signals) {
        Ok(outcome) => outcome,
        Err(code) => return code,
    };
    finish(setup, None, outcome)
}

/// The store on the team's server at `url`. A server that wants a password the password
/// file does not hold gets it typed at a prompt (three tries), never from the config.
fn open_team(
    url: &str,
    lang: crate::i18n::Lang,
) -> Result<crate::team::store::PgStore, crate::team::TeamError> {
    use crate::team::TeamError;
    use std::io::IsTerminal;
    let mut password = None;
    let mut tries = 0;
    loop {
        match crate::team::store::PgStore::open_with(url, password.take()) {
            Err(e @ (TeamError::PasswordNeeded | TeamError::PasswordRefused))
                if tries < 3 && std::io::stdin().is_terminal() =>
            {
                if matches!(e, TeamError::PasswordRefused) {
                    eprintln!("fokus: {}", i18n::team_error(lang, &e));
                }
                tries += 1;
                let who = crate::team::describe(url);
                let prompt = lang.fill(T::TeamPasswordPrompt, &[("who", &who)]);
                match tui::ask_secret(&prompt) {
                    Some(typed) => password = Some(typed),
                    None => return Err(e),
                }
            }
            other => return other,
        }
    }
}

/// Where a session keeps what is typed, whom it shows as working, and how its students
/// are read.
struct Place {
    /// The folder of the draft journal.
    journal_dir: std::path::PathBuf,
    /// The database as the status line names it.
    shown_as: String,
    /// The person working, when known; else they are asked.
    user: Option<crate::domain::Actor>,
    /// Whether the students are read after the first screen.
    read_later: bool,
    /// Students others changed, as the team's server announces them.
    changes: Option<Receiver<crate::domain::StudentId>>,
    /// What locks the screen after a while without a key press, if anything does.
    lock: Option<IdleLock>,
}

/// A passphrase check: whether the typed passphrase is the right one.
pub type Verify = Box<dyn Fn(&str) -> bool + Send>;

/// The idle lock for the application: after `lock_after_minutes` without a key press
/// the screen locks until a passphrase `verify` accepts is typed. Without `verify`
/// (nothing to unlock with) or with the lock turned off in `config.toml`, it never locks.
/// The check of a passphrase typed at the lock screen: whether it unlocks the key file of
/// the database in `dir` (read again each time, so a passphrase changed meanwhile with
/// `fokus key change` is the one asked for), and that key is the one the records are
/// sealed with. None for a database without a key.
fn unlocks(dir: &std::path::Path, sealing: &store::codec::Sealing) -> Option<Verify> {
    let id = sealing.vault()?.id();
    let dir = dir.to_path_buf();
    Some(Box::new(move |passphrase: &str| {
        use crate::crypto::{KeyFile, Secret};
        KeyFile::load(&dir).ok().flatten().is_some_and(|file| {
            file.id == id
                && file
                    .unlock(Secret::Passphrase, passphrase.as_bytes())
                    .is_ok()
        })
    }))
}

fn idle_lock(setup: &Setup, verify: Option<Verify>) -> Option<IdleLock> {
    IdleLock::after(setup.lock_after, verify?)
}

/// What ended the loop: the loop's own result, or the panic that ended it.
type Outcome = std::thread::Result<std::io::Result<End>>;

/// Runs the screen on `store` until the user quits, a signal or a closed window ends it;
/// the draft journal is written on the way out whatever ended it.
fn session<S: Store + Send + Sync + 'static>(
    setup: &Setup,
    store: &Arc<S>,
    place: Place,
    signals: &Signals,
) -> Result<Outcome, ExitCode> {
    let (keymap, errors) = Keymap::load(setup.keymap_file.as_deref());
    let now = Local::now().naive_local();
    let window = setup.window(setup.window_days);
    let reminders = store::first_reminders(&**store, now.date(), window, REMINDER_PAGE)
        .map_err(|e| fail(setup.lang, &e))?;
    let students = if place.read_later {
        Vec::new()
    } else {
        store.summaries().map_err(|e| fail(setup.lang, &e))?
    };
    let asked = place.user.is_none();
    let mut app = App::new(
        setup.lang,
        now,
        place.user.unwrap_or_else(|| crate::domain::Actor {
            name: String::new(),
            role: None,
            login: login_name(),
        }),
        setup.window_days,
        students,
        reminders.shown,
    );
    app.more_reminders = reminders.more;
    app.db_path = place.shown_as;
    app.retention_months = setup.retention_months;
    app.address_book = store.organisations().map_err(|e| fail(setup.lang, &e))?;
    // The first start asks who is working (under anything that must be read first); a
    // draft being recovered asks later, when it is saved.
    if asked {
        crate::app::open_profile(&mut app);
    }
    let mut runner = Runner::new(app, keymap, &**store);
    if place.read_later {
        runner = runner.with_students_from(read_students(store, setup.lang));
    }
    if let Some(changes) = place.changes {
        runner = runner.with_changes(changes);
    }
    for said in startup_messages(setup, &errors) {
        runner.handle(said);
    }
    let (draft, left_over) = left_over_draft(setup, &place.journal_dir, &**store);
    if let Some(draft) = draft {
        runner.handle(draft);
    }
    let mut runner = runner
        .with_journal(place.journal_dir, left_over)
        .with_exports(setup.exports.clone())
        .with_config_dir(setup.config_dir.clone())
        .with_idle_lock(place.lock)
        .deferring_slow_work();
    let first = crate::app::update::initial_effects(&runner.app);
    runner.run(first);
    let mut terminal = match tui::enter() {
        Ok(t) => t,
        Err(e) => {
            let text = setup
                .lang
                .fill(T::TerminalFailed, &[("error", &e.to_string())]);
            eprintln!("fokus: {text}");
            return Err(ExitCode::FAILURE);
        }
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut runner, signals)
    }));
    // Whatever ended the loop, what is typed goes to the journal before anything else.
    KEEPING_JOURNAL.store(true, Ordering::SeqCst);
    runner.keep_journal(true);
    KEEPING_JOURNAL.store(false, Ordering::SeqCst);
    tui::restore();
    // The terminal is given back (cursor shown, screen left); the terminal object's own
    // clean-up would try again and, with the window closed, report its failure on a
    // stderr that is gone, which panics. There is nothing left for it to do.
    std::mem::forget(terminal);
    Ok(outcome)
}

/// Up to how many students are read before the first screen.
const READ_FIRST: u64 = 5_000;

/// Reads the students on a thread of their own, so the first screen (the reminders) does
/// not wait for a read that grows with their number and keys are answered meanwhile.
fn read_students<S: Store + Send + Sync + 'static>(
    store: &Arc<S>,
    lang: crate::i18n::Lang,
) -> Receiver<Msg> {
    let (send, receive) = std::sync::mpsc::channel();
    let reader = Arc::clone(store);
    let read = move || {
        let all = reader
            .summaries()
            .map(|all| Box::new(StudentList::ready(all)))
            .map_err(|e| i18n::store_error(lang, &e));
        let _ = send.send(Msg::Students(all));
    };
    // Without a thread, the students are read here, before the first screen.
    let spawned = std::thread::Builder::new()
        .name("fokus-students".into())
        .spawn(read.clone());
    if spawned.is_err() {
        read();
    }
    receive
}

/// The exit status for how the session ended; on quitting, the embedded database
/// (`local`) refreshes the day's backup.
fn finish(setup: &Setup, local: Option<&SledStore>, outcome: Outcome) -> ExitCode {
    let lang = setup.lang;
    match outcome {
        Ok(Ok(End::Quit)) => {
            // A day's backup is refreshed on quitting when something was saved, and not
            // when the database was found damaged since.
            if let Some(store) = local
                && store.changed()
                && store.mode().damage().is_none()
                && let Err(e) = store.daily_backup(Local::now().naive_local())
            {
                let why = i18n::backup_error(lang, &e);
                tell(&lang.fill(T::QuitBackupFailed, &[("error", &why)]));
            }
            ExitCode::SUCCESS
        }
        // Asked to stop, or the window is gone: be quick; the day's backup is made at the
        // next start.
        Ok(Ok(End::Signal)) => ExitCode::from(130),
        Ok(Ok(End::Gone)) => ExitCode::from(129),
        // A terminal that reports it is gone (the window closed under us) is the same as a
        // closed window.
        Ok(Ok(End::TerminalGone(e))) | Ok(Err(e)) if window_closed(&e) => ExitCode::from(129),
        Ok(Ok(End::TerminalGone(e))) | Ok(Err(e)) => {
            tell(&lang.fill(T::TerminalFailed, &[("error", &e.to_string())]));
            ExitCode::FAILURE
        }
        Err(_) => {
            tell(lang.t(T::PanicKept));
            ExitCode::from(101)
        }
    }
}

/// Whether reading or drawing failed because the terminal itself went away.
fn window_closed(e: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    // EIO is what reading a terminal whose window was closed gives on Unix.
    const EIO: i32 = 5;
    matches!(
        e.kind(),
        ErrorKind::UnexpectedEof | ErrorKind::BrokenPipe | ErrorKind::ConnectionReset
    ) || (cfg!(unix) && e.raw_os_error() == Some(EIO))
}

/// Says `text` on stderr when there is somewhere to say it: after the window was closed
/// there is not, and that must not turn a clean ending into a crash.
fn tell(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "fokus: {text}");
}

fn event_loop(
    terminal: &mut tui::Term,
    runner: &mut Runner,
    signals: &Signals,
) -> std::io::Result<End> {
    let watch = platform::InputWatch::new();
    // Drawn only when something changed: while nothing happens, Fokus sleeps.
    let mut dirty = true;
    loop {
        if signals.raised() {
            return Ok(if signals.hung_up() {
                End::Gone
            } else {
                End::Signal
            });
        }
        // The checks made at opening may have ended (read-only: the user is told).
        dirty |= runner.poll_store();
        dirty |= runner.poll_students();
        dirty |= runner.poll_changes();
        dirty |= runner.retry_save();
        if dirty {
            terminal.draw(|frame| {
                ui::render_screen(frame, &runner.app, &runner.keymap, runner.lock_screen())
            })?;
            dirty = false;
        }
        if runner.has_deferred() {
            // The screen now says what is under way; do it, then draw the outcome.
            runner.run_deferred();
            dirty = true;
            continue;
        }
        if let Some(text) = runner.take_clipboard() {
            // Not every terminal supports it; the text is shown for copying either way.
            let _ = tui::copy_to_clipboard(&text);
        }
        // Quitting from the lock screen ends at once, without the questions about unsaved
        // work (they would show it): the draft journal, written on locking and again on
        // the way out, has the text and offers it at the next start.
        if runner.quitting() {
            return Ok(End::Quit);
        }
        let wake = runner.next_wake(Local::now().naive_local(), LONGEST_SLEEP);
        match watch.wait(wake) {
            Ok(platform::Input::Ready | platform::Input::Idle) => {}
            Ok(platform::Input::Gone) => return Ok(End::Gone),
            Err(e) => return Ok(End::TerminalGone(e)),
        }
        let ready = match tui::event_waiting() {
            Ok(ready) => ready,
            Err(e) => return Ok(End::TerminalGone(e)),
        };
        dirty |= runner.tick(Local::now().naive_local());
        dirty |= runner.keep_journal(false);
        if !ready {
            continue;
        }
        dirty = true;
        // Handle everything already typed before drawing again, so fast typing and
        // pasted keystrokes never wait for the screen. Typed keys waiting in a row while a
        // text field has the keyboard go in together: a paste that arrives as keystrokes
        // costs one insertion, not one per character and line.
        let mut run: Vec<KeyEvent> = Vec::new();
        let ended = loop {
            let event = match event::read() {
                Ok(event) => event,
                Err(e) => break Some(End::TerminalGone(e)),
            };
            if let Event::Key(key) = &event {
                injected_panic(key);
            }
            match event {
                // The lock screen takes its keys one at a time.
                Event::Key(key)
                    if !runner.locked()
                        && runs_on(&runner.app, &key)
                        && (!run.is_empty() || input_context(&runner.app).1) =>
                {
                    run.push(key);
                }
                other => {
                    if !run.is_empty() {
                        runner.input(Input::Keys(std::mem::take(&mut run)));
                    }
                    match other {
                        Event::Key(key) => runner.input(Input::Key(key)),
                        Event::Paste(text) => runner.input(Input::Paste(text)),
                        _ => {}
                    }
                }
            }
            if runner.quitting() || signals.raised() {
                break None;
            }
            match tui::event_waiting() {
                Ok(true) => {}
                Ok(false) => break None,
                Err(e) => break Some(End::TerminalGone(e)),
            }
        };
        if !run.is_empty() {
            runner.input(Input::Keys(run));
        }
        let _ = runner.keep_journal(false);
        if let Some(end) = ended {
            return Ok(end);
        }
    }
}

/// Test builds only: typing the character named by `FOKUS_TEST_PANIC_KEY` panics, so the
/// end-to-end tests can check that a panic gives the terminal back and keeps the draft.
#[cfg(debug_assertions)]
fn injected_panic(key: &crossterm::event::KeyEvent) {
    use std::sync::OnceLock;
    static KEY: OnceLock<Option<char>> = OnceLock::new();
    let wanted = KEY.get_or_init(|| {
        std::env::var("FOKUS_TEST_PANIC_KEY")
            .ok()
            .and_then(|v| v.chars().next())
    });
    if let (Some(wanted), crossterm::event::KeyCode::Char(c)) = (wanted, key.code)
        && *wanted == c
    {
        panic!("panic injected by FOKUS_TEST_PANIC_KEY");
    }
}

#[cfg(not(debug_assertions))]
fn injected_panic(_: &crossterm::event::KeyEvent) {}
