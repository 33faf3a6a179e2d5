//! `fokus team`: setting up and administering the team's shared case file on PostgreSQL.

use std::process::ExitCode;

use super::Setup;
use crate::cli::TeamCommand;
use crate::i18n::{self, Lang, T};
use crate::team::{self, TeamRole};

/// The environment variable naming the team's server when `--server` is not given.
pub const SERVER_VAR: &str = "FOKUS_SERVER";

pub fn team(setup: &Setup, server: Option<&str>, action: &TeamCommand) -> ExitCode {
    let lang = setup.lang;
    let from_env = std::env::var(SERVER_VAR)
        .ok()
        .filter(|s| !s.trim().is_empty());
    let Some(url) = server.map(str::to_string).or(from_env) else {
        eprintln!("fokus: {}", lang.t(T::TeamNoServer));
        return ExitCode::from(2);
    };
    match run(lang, &url, action) {
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
fn run(lang: Lang, url: &str, action: &TeamCommand) -> Result<Vec<String>, team::TeamError> {
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
            team::add_user(&mut client, login, name, role, authority)?;
            vec![lang.fill(
                T::TeamUserAdded,
                &[
                    ("login", login),
                    ("name", name),
                    ("role", role.name()),
                    ("authority", authority),
                ],
            )]
        }
        TeamCommand::Assign { student, login } => {
            team::assign(&mut client, *student, login)?;
            vec![lang.fill(
                T::TeamAssigned,
                &[("login", login), ("student", &student.to_string())],
            )]
        }
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
