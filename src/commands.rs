//! The command-line entry points: the application, `demo` and `remind`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use chrono::Local;
use crossterm::event::{self, Event};

use crate::app::state::Modal;
use crate::app::{App, Effect, Msg};
use crate::domain::dates::format_date;
use crate::i18n::{self, Lang, T};
use crate::keymap::Keymap;
use crate::runner::Runner;
use crate::store::{self, SledStore, Store, StoreError};
use crate::{tui, ui};

/// Everything the entry points need, decided from arguments, environment and config.
pub struct Setup {
    pub lang: Lang,
    pub db_dir: PathBuf,
    pub demo: bool,
    pub window_days: u32,
    pub keymap_file: Option<PathBuf>,
    pub config_error: Option<String>,
}

/// The operating-system user name, recorded on every timeline event.
pub fn user_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .or_else(account_name)
        .unwrap_or_else(|| "?".to_string())
}

/// The login name of the account running Fokus, from the system's user database.
#[cfg(unix)]
fn account_name() -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 4096];
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut result: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: getpwuid_r writes into `pwd` and `buf`, which outlive the call, and sets
    // `result` to `&pwd` on success or null otherwise.
    let rc = unsafe {
        libc::getpwuid_r(
            libc::getuid(),
            &mut pwd,
            buf.as_mut_ptr(),
            buf.len(),
            &mut result,
        )
    };
    if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
        return None;
    }
    // SAFETY: on success pw_name points to a NUL-terminated string inside `buf`.
    let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
    Some(name.to_string_lossy().into_owned()).filter(|s| !s.is_empty())
}

#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}

fn open(setup: &Setup) -> Result<SledStore, ExitCode> {
    let store = SledStore::open(&setup.db_dir).map_err(|e| fail(setup.lang, &e))?;
    if setup.demo && store.is_empty().map_err(|e| fail(setup.lang, &e))? {
        store::fill_demo(&store, Local::now().date_naive()).map_err(|e| fail(setup.lang, &e))?;
    }
    Ok(store)
}

fn fail(lang: Lang, e: &StoreError) -> ExitCode {
    eprintln!("fokus: {}", i18n::store_error(lang, e));
    match e {
        StoreError::Locked { .. } => ExitCode::from(3),
        _ => ExitCode::FAILURE,
    }
}

/// `fokus demo`: fills an empty database with fictional students.
pub fn demo(setup: &Setup) -> ExitCode {
    let store = match SledStore::open(&setup.db_dir) {
        Ok(s) => s,
        Err(e) => return fail(setup.lang, &e),
    };
    match store::fill_demo(&store, Local::now().date_naive()) {
        Ok(n) => {
            println!(
                "{}",
                setup.lang.fill(
                    T::DemoDone,
                    &[
                        ("n", &n.to_string()),
                        ("path", &setup.db_dir.display().to_string())
                    ]
                )
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(setup.lang, &e),
    }
}

/// `fokus remind`: the start screen's reminders, one a line.
pub fn remind(setup: &Setup, days: u32) -> ExitCode {
    let store = match open(setup) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let today = Local::now().date_naive();
    let reminders = match store::current_reminders(&store, today, days) {
        Ok(r) => r,
        Err(e) => return fail(setup.lang, &e),
    };
    let names: std::collections::HashMap<_, _> = match store.summaries() {
        Ok(s) => s.into_iter().map(|s| (s.id, s.name)).collect(),
        Err(e) => return fail(setup.lang, &e),
    };
    let lang = setup.lang;
    let mut out = std::io::stdout().lock();
    if reminders.is_empty() && std::io::stdout().is_terminal() {
        let _ = writeln!(
            out,
            "{}",
            lang.fill(T::RemindNone, &[("days", &days.to_string())])
        );
    }
    for r in &reminders {
        let name = names.get(&r.item.student).map_or("?", String::as_str);
        let _ = writeln!(
            out,
            "{}  {:<12} {:<24} {}",
            format_date(r.item.date),
            i18n::due_kind(lang, r.item.kind),
            name,
            i18n::reminder_text(lang, r)
        );
    }
    ExitCode::SUCCESS
}

/// Starting messages about the keymap and config file, shown over the first screen.
fn startup_messages(setup: &Setup, errors: &[crate::keymap::KeymapError], app: &mut App) {
    let lang = setup.lang;
    if !errors.is_empty() {
        app.modals.push(Modal::Message {
            title: lang.t(T::KeymapErrorsTitle).to_string(),
            lines: errors.iter().map(|e| i18n::keymap_error(lang, e)).collect(),
        });
    }
    if let Some(e) = &setup.config_error {
        app.modals.push(Modal::Message {
            title: lang.t(T::ConfigErrorTitle).to_string(),
            lines: vec![e.clone()],
        });
    }
}

/// The application itself.
pub fn app(setup: &Setup) -> ExitCode {
    let store = match open(setup) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let (keymap, errors) = Keymap::load(setup.keymap_file.as_deref());
    let now = Local::now().naive_local();
    let summaries = match store.summaries() {
        Ok(s) => s,
        Err(e) => return fail(setup.lang, &e),
    };
    let reminders = match store::current_reminders(&store, now.date(), setup.window_days) {
        Ok(r) => r,
        Err(e) => return fail(setup.lang, &e),
    };
    let mut app = App::new(
        setup.lang,
        now,
        user_name(),
        setup.window_days,
        summaries,
        reminders,
    );
    app.db_path = setup.db_dir.display().to_string();
    startup_messages(setup, &errors, &mut app);
    let mut runner = Runner::new(app, keymap, &store);
    let first = crate::app::update::initial_effects(&runner.app);
    runner.run(first);
    let mut terminal = match tui::enter() {
        Ok(t) => t,
        Err(e) => {
            let text = setup
                .lang
                .fill(T::TerminalFailed, &[("error", &e.to_string())]);
            eprintln!("fokus: {text}");
            return ExitCode::FAILURE;
        }
    };
    let result = event_loop(&mut terminal, &mut runner);
    tui::restore();
    let _ = store.flush();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let text = setup
                .lang
                .fill(T::TerminalFailed, &[("error", &e.to_string())]);
            eprintln!("fokus: {text}");
            ExitCode::FAILURE
        }
    }
}

fn event_loop(terminal: &mut tui::Term, runner: &mut Runner) -> std::io::Result<()> {
    loop {
        terminal.draw(|frame| ui::render(frame, &runner.app, &runner.keymap))?;
        if runner.app.quit {
            return Ok(());
        }
        let ready = event::poll(Duration::from_secs(1))?;
        let now = Local::now().naive_local();
        let new_day = now.date() != runner.app.today();
        runner.app.now = now;
        if new_day {
            runner.run(vec![Effect::LoadReminders]);
        }
        if !ready {
            continue;
        }
        // Handle everything already typed before drawing again, so fast typing and
        // pasted keystrokes never wait for the screen.
        loop {
            match event::read()? {
                Event::Key(key) => runner.dispatch(Msg::Key(key)),
                Event::Paste(text) => runner.dispatch(Msg::Paste(text)),
                _ => {}
            }
            if runner.app.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
}

/// Whether `path` exists; used to pick up the user's keymap file only when present.
pub fn existing(path: PathBuf) -> Option<PathBuf> {
    Path::new(&path).exists().then_some(path)
}
