//! The command-line entry points: the application, `demo`, `remind`, `check`, `backup`,
//! `restore`, and the commands that bring data in and out.

mod app;
mod demo;
mod exchange;
mod import;
mod key;
mod maintenance;
mod query;
mod remind;
mod stats;
mod team;
mod unlock;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Local;

use crate::i18n::{self, Lang};
use crate::store::{Compare, Mode, OpenOptions, ReadOnlyReason, SledStore, StoreError};

pub use app::app;
pub use demo::demo;
pub use exchange::{addresses, erase_student, export_student, ics, minutes, receipts, students};
pub use import::import;
pub use key::key;
pub use maintenance::{CheckMode, backup, check, restore};
pub use remind::remind;
pub use stats::{StatsArgs, stats};
pub use team::team;

/// Everything the entry points need, decided from arguments, environment and config.
pub struct Setup {
    pub lang: Lang,
    pub db_dir: PathBuf,
    pub demo: bool,
    pub window_days: u32,
    /// Months after a student finished before their data comes up for review.
    pub retention_months: u32,
    pub exports: crate::runner::Exports,
    pub keep_backups: usize,
    pub keymap_file: Option<PathBuf>,
    pub config_error: Option<String>,
    /// The folder `config.toml` lives in, where the user's name and role are saved.
    pub config_dir: Option<PathBuf>,
    /// The person using Fokus, once they have told it their name and role.
    pub user: Option<crate::domain::Actor>,
    /// The team's server from `config.toml`, if it names one.
    pub server: Option<String>,
    /// The team's server the application was asked to run on (`fokus --server`).
    pub app_server: Option<String>,
    /// `--demo` or `--db`: the application runs on a database on this PC whatever server
    /// the environment or the config names.
    pub local_only: bool,
    /// How long without a key press before the application's screen locks (`None`:
    /// never), from `lock_after_minutes` in `config.toml`. It only locks when there is
    /// a passphrase to unlock it with (see [`crate::runner::IdleLock::after`]).
    pub lock_after: Option<std::time::Duration>,
}

impl Setup {
    /// How far reminders look.
    pub fn window(&self, days: u32) -> crate::domain::reminders::Window {
        crate::domain::reminders::Window {
            days,
            retention_months: self.retention_months,
        }
    }

    /// How to open the database; `compare` says when every record is compared with the
    /// manifest. Records are in the clear: [`open_store`] seals them.
    pub fn open_options(&self, compare: Compare) -> OpenOptions {
        OpenOptions {
            now: Local::now().naive_local(),
            keep_backups: self.keep_backups,
            compare,
            sealing: crate::store::codec::Sealing::plain(),
        }
    }
}

/// Opens the database, filling it with the demo students when `--demo` finds it empty
/// (and not read-only: a demo database whose records are gone is not filled anew).
fn open_store(setup: &Setup, compare: Compare) -> Result<SledStore, StoreError> {
    let store = unlock::open(setup, &setup.db_dir, compare)?;
    if setup.demo {
        crate::ops::demo::fill_on_first_use(&store, Local::now().date_naive())?;
    }
    Ok(store)
}

fn open_with(setup: &Setup, compare: Compare) -> Result<SledStore, ExitCode> {
    open_store(setup, compare).map_err(|e| fail(setup.lang, &e))
}

fn open(setup: &Setup) -> Result<SledStore, ExitCode> {
    open_with(setup, Compare::BeforeReturning)
}

fn fail(lang: Lang, e: &StoreError) -> ExitCode {
    eprintln!("fokus: {}", i18n::store_error(lang, e));
    ExitCode::from(status(e))
}

/// Says why a workflow stopped; the exit status is that of its database error ([`status`])
/// or 1.
fn failed(lang: Lang, e: &crate::ops::OpError) -> ExitCode {
    eprintln!("fokus: {}", e.message(lang));
    ExitCode::from(e.store().map_or(1, status))
}

/// The exit status of a command that found the database damaged.
const DAMAGED: u8 = 4;

/// The exit status when the database's key could not be unlocked: no passphrase was
/// available (none in the environment or the credential store, and no terminal to ask
/// at), or the one given was wrong.
const KEY_NEEDED: u8 = 5;

/// The exit status for a database problem: 3 when another Fokus has it open, 4 when the
/// database or its key file is damaged, 5 when its passphrase is needed or wrong, else 1.
fn status(e: &StoreError) -> u8 {
    use crate::crypto::KeyError;
    match e {
        StoreError::Locked { .. } => 3,
        StoreError::Unlock(KeyError::Damaged) => DAMAGED,
        StoreError::KeyNeeded
        | StoreError::Unlock(KeyError::WrongPassphrase | KeyError::WrongRecoveryKey) => KEY_NEEDED,
        e if e.damage().is_some() => DAMAGED,
        _ => 1,
    }
}

/// Why the database opened read-only, if it is because it is damaged.
fn damaged(store: &SledStore) -> Option<ReadOnlyReason> {
    match store.settled_mode() {
        Mode::ReadOnly(reason @ ReadOnlyReason::Damaged { .. }) => Some(reason),
        _ => None,
    }
}

/// The database for a command that writes files made from it (minutes, an access
/// request): refused with status 4, saying why, when it is damaged, so that no document
/// is made from missing or changed records.
fn open_intact(setup: &Setup) -> Result<SledStore, ExitCode> {
    let store = open(setup)?;
    refuse_damaged(setup, &store)?;
    Ok(store)
}

/// Status 4, after saying what is damaged and that nothing was made from it, when `store`
/// is damaged; for commands whose work would rest on every record (documents, an import
/// matched against the students there, demo data for an empty database).
fn refuse_damaged(setup: &Setup, store: &SledStore) -> Result<(), ExitCode> {
    if let Some(reason) = damaged(store) {
        let lang = setup.lang;
        eprintln!("fokus: {}", i18n::read_only(lang, &reason));
        eprintln!("fokus: {}", lang.t(i18n::T::DbDamagedNothingWritten));
        return Err(ExitCode::from(DAMAGED));
    }
    Ok(())
}

/// The person using Fokus, for commands that write; without a name and role there is
/// nobody to put on the timeline, so the command stops and says how to set them.
fn user_or_fail(setup: &Setup) -> Result<crate::domain::Actor, ExitCode> {
    setup.user.clone().ok_or_else(|| {
        let path = setup
            .config_dir
            .as_ref()
            .map(|d| d.join("config.toml").display().to_string())
            .unwrap_or_else(|| "config.toml".into());
        eprintln!(
            "fokus: {}",
            setup
                .lang
                .fill(crate::i18n::T::UserUnknown, &[("path", &path)])
        );
        ExitCode::FAILURE
    })
}

/// Whether `path` exists; used to pick up the user's keymap file only when present.
pub fn existing(path: PathBuf) -> Option<PathBuf> {
    Path::new(&path).exists().then_some(path)
}
