//! `fokus stats`: the figures for management for a period, as a table on the screen or as
//! a CSV or PDF file. The students' digests are read like the other read-only commands'
//! data (from the database, or from the application holding it); the figures are made here.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Datelike, Local, NaiveDate};

use super::Setup;
use super::query::{self, Query};
use crate::domain::StudentFacts;
use crate::domain::dates::{format_date, parse_date};
use crate::export::ExportError;
use crate::i18n::{Lang, T};
use crate::ops;
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
        None | Some("table") => Format::Table,
        Some(other) => return unknown(lang, "--format", other, "table, csv, pdf"),
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
        Format::Csv => (ops::stats::csv(&report, lang), "csv"),
        Format::Pdf => match stats::pdf(&report, lang) {
            Ok(bytes) => (bytes, "pdf"),
            Err(e) => return failed(lang, &e),
        },
    };
    let path = args.out.clone().unwrap_or_else(|| {
        setup
            .exports
            .dir
            .join(ops::stats::file_name(&report, lang, extension))
    });
    if let Err(e) = ops::stats::write(&path, &bytes) {
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
    let by = match args.by.as_deref() {
        None => None,
        Some(word) => match Grouping::parse(word) {
            Some(g) => Some(g),
            None => {
                return Err(unknown(
                    lang,
                    "--by",
                    word,
                    "workplace, school, programme, cohort",
                ));
            }
        },
    };
    let programme = match args.programme.as_deref() {
        None => None,
        Some(code) => match stats::parse_programme(code) {
            Some(p) => Some(p),
            None => return Err(unknown(lang, "--programme", code, "ssh, ssa, eux")),
        },
    };
    Ok(stats::Query {
        from,
        to,
        by,
        filter: Filter {
            employer: args.employer.clone(),
            workplace: args.workplace.clone(),
            school: args.school.clone(),
            programme,
            cohort: args.cohort.clone(),
        },
    })
}

/// Status 2 after saying that `value` is not one of `known` for `option`.
fn unknown(lang: Lang, option: &str, value: &str, known: &str) -> ExitCode {
    eprintln!(
        "fokus: {}",
        lang.fill(
            T::CliUnknownValue,
            &[("option", option), ("value", value), ("known", known)]
        )
    );
    ExitCode::from(2)
}

fn failed(lang: Lang, e: &ExportError) -> ExitCode {
    eprintln!("fokus: {}", e.message(lang));
    ExitCode::FAILURE
}
