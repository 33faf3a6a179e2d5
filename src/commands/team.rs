//! `fokus team`: setting up and administering the team's shared case file on PostgreSQL.

use std::process::ExitCode;

use super::Setup;
use crate::cli::TeamCommand;
use crate::i18n::{self, T};
use crate::store::{Compare, SledStore, Store, StoreError};
use crate::team::{self, TeamRole};

/// The environment variable naming the team's server when `--server` is not given.
pub const SERVER_VAR: &str = "FOKUS_SERVER";

/// The team's server: `explicit` (a `--server`), else FOKUS_SERVER, else `server` in
/// `config.toml`, which is refused (status 1, said) when it holds a password.
pub fn server_url(setup: &Setup, explicit: Option<&str>) -> Result<Option<String>, ExitCode> {
    server_or_why(setup, explicit).map_err(|why| {
        eprintln!("fokus: {why}");
        ExitCode::FAILURE
    })
}

/// The server the application and the commands reading its data use, unless `--demo` or
/// `--db` asks for a database on this PC; or why the one named cannot be used.
pub fn app_server(setup: &Setup) -> Result<Option<String>, String> {
    if setup.local_only {
        return Ok(None);
    }
    server_or_why(setup, setup.app_server.as_deref())
}

fn server_or_why(setup: &Setup, explicit: Option<&str>) -> Result<Option<String>, String> {
    let from_env = std::env::var(SERVER_VAR)
        .ok()
        .filter(|s| !s.trim().is_empty());
    let from_config = setup.server.clone().filter(|s| !s.trim().is_empty());
    if let Some(url) = &from_config
        && explicit.is_none()
        && from_env.is_none()
        && team::holds_password(url)
    {
        return Err(setup.lang.t(T::TeamPasswordInConfig).to_string());
    }
    Ok(explicit.map(str::to_string).or(from_env).or(from_config))
}

pub fn team(setup: &Setup, server: Option<&str>, action: &TeamCommand) -> ExitCode {
    let lang = setup.lang;
    let url = match server_url(setup, server) {
        Ok(Some(url)) => url,
        Ok(None) => {
            eprintln!("fokus: {}", lang.t(T::TeamNoServer));
            return ExitCode::from(2);
        }
        Err(code) => return code,
    };
    match run(setup, &url, action) {
        Ok(lines) => {
            for line in lines {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("fokus: {}", i18n::team_error(lang, &e));
            ExitCode::FAILURE
        }
    }
}

/// Carries out `action` on the server at `url`: the lines to print.
fn run(setup: &Setup, url: &str, action: &TeamCommand) -> Result<Vec<String>, team::TeamError> {
    let lang = setup.lang;
    if let TeamCommand::Import { from } = action {
        // The local database is opened (and checked) before the server is asked anything.
        let store = open_local(setup, from)?;
        let done = team::import::import(&mut team::connect(url)?, &store)?;
        return Ok(vec![lang.fill(
            T::TeamImported,
            &[
                ("students", &done.students.to_string()),
                ("conversations", &done.conversations.to_string()),
                ("agreements", &done.agreements.to_string()),
                ("events", &done.events.to_string()),
                ("authorities", &done.authorities.join(", ")),
            ],
        )]);
    }
    let mut client = team::connect(url)?;
    Ok(match action {
        TeamCommand::Init => {
            let done = team::init(&mut client)?;
            vec![lang.fill(
                T::TeamMigrated,
                &[
                    ("to", &done.to.to_string()),
                    ("from", &done.from.to_string()),
                ],
            )]
        }
        TeamCommand::AddUser {
            login,
            name,
            role,
            authority,
        } => {
            let role: TeamRole = role.parse()?;
            let followed = team::add_user(&mut client, login, name, role, authority)?;
            let mut said = vec![lang.fill(
                T::TeamUserAdded,
                &[
                    ("login", login),
                    ("name", name),
                    ("role", role.name()),
                    ("authority", authority),
                ],
            )];
            if followed > 0 {
                said.push(lang.fill(T::TeamFollows, &[("n", &followed.to_string())]));
            }
            said
        }
        TeamCommand::Assign { student, login } => {
            team::assign(&mut client, *student, login)?;
            vec![lang.fill(
                T::TeamAssigned,
                &[("login", login), ("student", &student.to_string())],
            )]
        }
        // Done above, with the local database opened first.
        TeamCommand::Import { .. } => Vec::new(),
        TeamCommand::Log { student } => {
            let log = team::access_log(&mut client, *student)?;
            if log.is_empty() {
                vec![lang.fill(T::TeamLogEmpty, &[("student", &student.to_string())])]
            } else {
                log.iter().map(ToString::to_string).collect()
            }
        }
    })
}

/// The local database at `dir`, every record compared with its manifest first; a damaged
/// one is not moved.
fn open_local(setup: &Setup, dir: &std::path::Path) -> Result<SledStore, team::TeamError> {
    // A database from before encryption is read as it is: moving it does not need a key.
    let store = if crate::crypto::KeyFile::exists(dir) {
        super::unlock::open(setup, dir, Compare::BeforeReturning)?
    } else {
        SledStore::open_with(dir, setup.open_options(Compare::BeforeReturning))?
    };
    if let crate::store::Mode::ReadOnly(reason @ crate::store::ReadOnlyReason::Damaged { .. }) =
        store.mode()
    {
        return Err(StoreError::ReadOnly(reason).into());
    }
    Ok(store)
}
