//! `fokus stats`: the figures for management for a period, as a table on the screen or as
//! a CSV or PDF file. The students' digests are read like the other read-only commands'
//! data (from the database, or from the application holding it); the figures are made here.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Datelike, Local, NaiveDate};

use super::Setup;
use super::query::{self, Query};
use crate::domain::StudentFacts;
use crate::domain::dates::{format_date, parse_date};
use crate::export::ExportError;
use crate::i18n::{Lang, T};
use crate::stats::{self, Filter, Grouping};

/// What `fokus stats` was asked, as typed.
#[derive(Clone, Debug, Default)]
pub struct StatsArgs {
    pub from: Option<String>,
    pub to: Option<String>,
    pub by: Option<String>,
    pub format: Option<String>,
    pub out: Option<PathBuf>,
    pub employer: Option<String>,
    pub workplace: Option<String>,
    pub school: Option<String>,
    pub programme: Option<String>,
    pub cohort: Option<String>,
}

/// How the figures are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Table,
    Csv,
    Pdf,
}

/// `fokus stats`.
pub fn stats(setup: &Setup, args: &StatsArgs) -> ExitCode {
    let lang = setup.lang;
    let today = Local::now().date_naive();
    let q = match query_of(args, lang, today) {
        Ok(q) => q,
        Err(code) => return code,
    };
    let format = match args.format.as_deref() {
        Some("csv") => Format::Csv,
        Some("pdf") => Format::Pdf,
        _ => Format::Table,
    };
    let text = match query::read(setup, &Query::Facts) {
        Ok(reply) if reply.status == 0 => reply.out,
        // Damaged, or not readable: the reply says why and nothing is made.
        Ok(reply) => return reply.print(),
        Err(code) => return code,
    };
    let facts: Vec<StudentFacts> = match serde_json::from_str(&text) {
        Ok(facts) => facts,
        Err(e) => {
            eprintln!(
                "fokus: {}",
                lang.fill(T::StatsUnreadable, &[("error", &e.to_string())])
            );
            return ExitCode::FAILURE;
        }
    };
    let report = stats::compute(&facts, &q, today);
    // A file leaves the case work for management: small numbers are hidden in it.
    let (bytes, extension) = match format {
        Format::Table => {
            query::print_text(&stats::table(&report, lang));
            return ExitCode::SUCCESS;
        }
        Format::Csv => (stats::csv(&report.suppressed(), lang), "csv"),
        Format::Pdf => match stats::pdf(&report, lang) {
            Ok(bytes) => (bytes, "pdf"),
            Err(e) => return failed(lang, &e),
        },
    };
    let path = args.out.clone().unwrap_or_else(|| {
        let name = format!(
            "{}-{}-{}.{extension}",
            lang.t(T::StatsFileName),
            q.from.format("%Y-%m-%d"),
            q.to.format("%Y-%m-%d")
        );
        setup.exports.dir.join(name)
    });
    if let Err(e) = write(&path, &bytes) {
        return failed(lang, &e);
    }
    query::print_text(&format!("{}\n", path.display()));
    ExitCode::SUCCESS
}

/// The query the arguments ask for, or status 2 after saying what is wrong.
fn query_of(args: &StatsArgs, lang: Lang, today: NaiveDate) -> Result<stats::Query, ExitCode> {
    let date = |text: &str| {
        parse_date(text, today).map_err(|_| {
            eprintln!("fokus: {}", lang.fill(T::CliBadDate, &[("date", text)]));
            ExitCode::from(2)
        })
    };
    let new_year = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let from = args
        .from
        .as_deref()
        .map(date)
        .transpose()?
        .unwrap_or(new_year);
    let to = args.to.as_deref().map(date).transpose()?.unwrap_or(today);
    if to < from {
        eprintln!(
            "fokus: {}",
            lang.fill(
                T::CliRangeBackwards,
                &[("from", &format_date(from)), ("to", &format_date(to))]
            )
        );
        return Err(ExitCode::from(2));
    }
    if let Some(cohort) = args.cohort.as_deref().filter(|c| !stats::is_cohort(c)) {
        eprintln!(
            "fokus: {}",
            lang.fill(T::StatsBadCohort, &[("value", cohort)])
        );
        return Err(ExitCode::from(2));
    }
    Ok(stats::Query {
        from,
        to,
        by: args.by.as_deref().and_then(Grouping::parse),
        filter: Filter {
            employer: args.employer.clone(),
            workplace: args.workplace.clone(),
            school: args.school.clone(),
            programme: args.programme.as_deref().and_then(stats::parse_programme),
            cohort: args.cohort.clone(),
        },
    })
}

/// Writes the file owner-only and whole, or not at all.
fn write(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let io = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::files::fsperm::private_dir(dir).map_err(io)?;
    }
    crate::files::atomic::write(path, bytes).map_err(io)
}

fn failed(lang: Lang, e: &ExportError) -> ExitCode {
    eprintln!("fokus: {}", e.message(lang));
    ExitCode::FAILURE
}
