//! The command line: its arguments, parsed with help and errors in the user's language.
//!
//! The structure is declared here; every text clap shows comes from the catalog
//! ([`help`] for the help, [`errors`] for the parse errors). Comments on the fields are
//! for developers; the user reads the catalog's words.

mod errors;
mod help;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{FromArgMatches, Parser, Subcommand};

use crate::i18n::Lang;

pub use help::command;

#[derive(Debug, Parser)]
#[command(name = "fokus", version)]
pub struct Cli {
    // The database folder; the default is FOKUS_DB, else the user's data directory.
    #[arg(long, global = true)]
    pub db: Option<PathBuf>,

    // The separate demo database, filled with fictional students on first use.
    #[arg(long, global = true)]
    pub demo: bool,

    // da or en; read before parsing too (see `lang_arg`), so help and errors use it.
    #[arg(long, global = true)]
    pub lang: Option<String>,

    // A keymap file merged over the built-in keys.
    #[arg(long, global = true)]
    pub keymap: Option<PathBuf>,

    // Runs the application on the team's server; the default is FOKUS_SERVER, then
    // `server` in config.toml (but --demo and --db always use a database on this PC).
    #[arg(long)]
    pub server: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Demo,
    Remind {
        #[arg(long, value_parser = clap::value_parser!(u32).range(0..=i64::from(crate::config::MAX_WINDOW_DAYS)))]
        days: Option<u32>,
        // Every reminder, not only the first lines.
        #[arg(long)]
        all: bool,
    },
    Check {
        // Make the manifest anew from the records, after comparing them with the newest
        // backup and asking before giving any up.
        #[arg(long, conflicts_with = "start_over")]
        repair: bool,
        // Begin anew with an empty database where the records are gone, after asking.
        #[arg(long)]
        start_over: bool,
    },
    Backup {
        file: Option<PathBuf>,
    },
    Restore {
        file: PathBuf,
    },
    Students,
    Addresses,
    Minutes {
        id: u64,
        dir: Option<PathBuf>,
    },
    Ics {
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        file: PathBuf,
    },
    // The choices of --by, --format and --programme are in their value names; clap's
    // own list of them would be in English.
    Stats {
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long, value_parser = ["workplace", "school", "programme", "cohort"], hide_possible_values = true)]
        by: Option<String>,
        #[arg(long, value_parser = ["table", "csv", "pdf"], hide_possible_values = true)]
        format: Option<String>,
        // Where csv or pdf is written; the default is a dated file in the export folder.
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        employer: Option<String>,
        #[arg(long)]
        workplace: Option<String>,
        #[arg(long)]
        school: Option<String>,
        #[arg(long, value_parser = ["ssh", "ssa", "eux"], hide_possible_values = true)]
        programme: Option<String>,
        // The start month, YYYY-MM.
        #[arg(long)]
        cohort: Option<String>,
    },
    Import {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
    },
    ExportStudent {
        id: u64,
        dir: PathBuf,
    },
    EraseStudent {
        id: u64,
        #[arg(long)]
        name: String,
    },
    Receipts,
    // The database's passphrase and key.
    #[command(disable_help_subcommand = true)]
    Key {
        #[command(subcommand)]
        action: KeyCommand,
    },
    // `fokus help team COMMAND` and `fokus team COMMAND --help` explain the team's
    // commands; a `help` of its own would speak clap's English.
    #[command(disable_help_subcommand = true)]
    Team {
        // The team's PostgreSQL server; the default is FOKUS_SERVER.
        #[arg(long)]
        server: Option<String>,
        #[command(subcommand)]
        action: TeamCommand,
    },
}

/// What `fokus key` does.
#[derive(Debug, Clone, Copy, Subcommand)]
pub enum KeyCommand {
    Change,
    Recover,
    Remember,
    Forget,
}

/// What `fokus team` does.
#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    Init,
    AddUser {
        login: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        role: String,
        #[arg(long)]
        authority: String,
    },
    Assign {
        student: i64,
        login: String,
    },
    Log {
        #[arg(long)]
        student: i64,
    },
    Import {
        #[arg(long)]
        from: PathBuf,
    },
}

/// The value of `--lang` in `args` (`--lang X` or `--lang=X`; the first word is the
/// program), found before parsing so that the help and the parse errors are in that
/// language.
pub fn lang_arg(args: &[OsString]) -> Option<String> {
    let mut words = args.iter().skip(1).map(|a| a.to_str());
    while let Some(word) = words.next() {
        match word {
            Some("--") => break,
            Some("--lang") => return words.next().flatten().map(str::to_string),
            Some(w) if w.starts_with("--lang=") => return Some(w["--lang=".len()..].to_string()),
            _ => {}
        }
    }
    None
}

/// Parses `args` (the first is the program) with help and errors in `lang`. `Err` means
/// the help, the version or an error has been printed: exit with that status (0 after
/// help and version, 2 after an error).
pub fn parse(args: Vec<OsString>, lang: Lang) -> Result<Cli, ExitCode> {
    match parse_in(args, lang) {
        Ok(cli) => Ok(cli),
        Err(Stop::Shown(e)) => {
            // The help is built from the catalog, so clap may print it as it is.
            let _ = e.print();
            Err(ExitCode::SUCCESS)
        }
        Err(Stop::Error(text)) => {
            eprintln!("{text}");
            Err(ExitCode::from(2))
        }
    }
}

/// Why parsing stopped.
enum Stop {
    /// Asked for the help or the version, to be printed.
    Shown(clap::Error),
    /// A mistake in the arguments, worded for the user.
    Error(String),
}

fn parse_in(args: Vec<OsString>, lang: Lang) -> Result<Cli, Stop> {
    let mut cmd = command(lang);
    let matches = cmd.try_get_matches_from_mut(&args);
    match matches.and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => Ok(cli),
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            Err(Stop::Shown(e))
        }
        Err(e) => {
            // The command the arguments were meant for: the first word naming one.
            let named = args
                .iter()
                .skip(1)
                .filter_map(|a| a.to_str())
                .find(|a| cmd.find_subcommand(a).is_some())
                .unwrap_or_default();
            let usage = match cmd.find_subcommand_mut(named) {
                Some(sub) => help::usage_line(sub),
                None => help::usage_line(&mut cmd),
            };
            let command = usage_command(&usage);
            Err(Stop::Error(errors::message(&e, lang, &command, &usage)))
        }
    }
}

/// The command a usage line is for: its words before the first placeholder or option.
fn usage_command(usage: &str) -> String {
    usage
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_found_before_parsing_in_either_spelling_and_anywhere() {
        assert_eq!(
            lang_arg(&args(&["fokus", "--lang", "en"])),
            Some("en".into())
        );
        assert_eq!(
            lang_arg(&args(&["fokus", "remind", "--lang=en"])),
            Some("en".into())
        );
        assert_eq!(lang_arg(&args(&["fokus", "remind", "--days", "3"])), None);
        assert_eq!(lang_arg(&args(&["fokus", "--lang"])), None);
        assert_eq!(lang_arg(&args(&["fokus", "--", "--lang", "en"])), None);
        // The program's own name is never taken for an argument.
        assert_eq!(lang_arg(&args(&["--lang=en"])), None);
    }

    #[test]
    fn parsing_gives_the_command_and_its_arguments() {
        let cli = parse(
            args(&["fokus", "--lang", "en", "remind", "--days", "3"]),
            Lang::En,
        )
        .unwrap();
        assert_eq!(cli.lang.as_deref(), Some("en"));
        assert!(matches!(
            cli.command,
            Some(Command::Remind {
                days: Some(3),
                all: false
            })
        ));
        let cli = parse(
            args(&[
                "fokus",
                "erase-student",
                "7",
                "--name",
                "Åse Lund",
                "--db",
                "x",
            ]),
            Lang::Da,
        )
        .unwrap();
        assert_eq!(cli.db, Some(PathBuf::from("x")));
        assert!(matches!(
            cli.command,
            Some(Command::EraseStudent { id: 7, .. })
        ));
    }
}
