//! The command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Fokus: follow-up of SOSU students who need special focus, by the rules of the
/// cooperation agreement (conversation types 1, 2 and 3).
#[derive(Debug, Parser)]
#[command(name = "fokus", version, about, long_about = None)]
pub struct Cli {
    /// Database folder (default: FOKUS_DB, else the data directory of your user).
    #[arg(long, global = true, value_name = "DIR")]
    pub db: Option<PathBuf>,

    /// Use the separate demo database, filled with fictional students on first use.
    #[arg(long, global = true)]
    pub demo: bool,

    /// Interface language: da (Danish, default) or en (English).
    #[arg(long, global = true, value_name = "da|en")]
    pub lang: Option<String>,

    /// Keymap file merged over the built-in keys (default: keymap.toml in the config folder).
    #[arg(long, global = true, value_name = "FILE")]
    pub keymap: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill an empty database with fictional demo students dated relative to today.
    Demo,
    /// Print the reminders the start screen would show, one a line (for a login script).
    Remind {
        /// How many days ahead to look (default 7, or reminder_days in config.toml).
        #[arg(long, value_name = "N")]
        days: Option<u32>,
    },
    /// Check the database: every record reads, indexes and manifest agree. Exit 0 if sound.
    Check,
    /// Write a backup of every record (default: the backups folder in the database folder).
    Backup {
        /// Where to write it.
        file: Option<PathBuf>,
    },
    /// Restore a backup into an empty or new database folder (given with --db).
    Restore {
        /// The backup to restore; its checksum is verified first.
        file: PathBuf,
    },
    /// List every student with the id the commands below take.
    Students,
    /// List the address book: organisations and their secure-mail addresses.
    Addresses,
    /// Write the minutes of a student's conversations as PDF and Markdown.
    Minutes {
        /// The student's id (see `fokus students`).
        id: u64,
        /// The folder to write to (default: export_dir in config.toml, else Documents/Fokus).
        dir: Option<PathBuf>,
    },
    /// Write planned conversations and follow-ups as an iCalendar file for Outlook.
    Ics {
        /// First day to include (default today), e.g. 01.12.2026.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day to include (default a year after --from).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// The .ics file to write.
        file: PathBuf,
    },
    /// Import students from a CSV file (comma or semicolon, UTF-8 or Windows-1252).
    Import {
        /// The CSV file; its first line names the columns.
        file: PathBuf,
        /// Only show what would be created, updated or rejected.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write everything held about one student (access request): JSON and minutes as PDF.
    ExportStudent {
        /// The student's id (see `fokus students`).
        id: u64,
        /// The folder to write to.
        dir: PathBuf,
    },
    /// Erase a student completely, also from the backups. Cannot be undone.
    EraseStudent {
        /// The student's id (see `fokus students`).
        id: u64,
        /// The student's full name, to confirm.
        #[arg(long, value_name = "FULL NAME")]
        name: String,
    },
    /// List the deletion receipts (date, user, receipt id; no personal data).
    Receipts,
}
