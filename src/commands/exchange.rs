//! Getting data in and out on the command line: `students`, `addresses`, `minutes`, `ics`,
//! `export-student`, `erase-student` and `receipts`. (`import` is in its own module.)

use std::path::Path;
use std::process::ExitCode;

use chrono::{Local, NaiveDate};

use super::query::{self, Query};
use super::{Setup, fail, failed, open, open_intact, user_or_fail};
use crate::domain::dates::{format_date, parse_date};
use crate::domain::{Case, StudentId};
use crate::export::{self, ics};
use crate::i18n::{self, Lang, T};
use crate::ops;
use crate::privacy::{erase, files};
use crate::store::{SledStore, Store, StoreError};

/// The database and the case of student `id`, or the exit code after saying why not.
fn open_case(setup: &Setup, id: u64) -> Result<(SledStore, Case), ExitCode> {
    let store = open(setup)?;
    match store.load_case(StudentId(id)) {
        Ok(case) => Ok((store, case)),
        Err(e) => Err(fail(setup.lang, &e)),
    }
}

fn export_failed(lang: Lang, e: &export::ExportError) -> ExitCode {
    eprintln!("fokus: {}", e.message(lang));
    ExitCode::FAILURE
}

/// One line for each item, each ending in a newline.
fn lines<T>(items: &[T], line: impl Fn(&T) -> String) -> String {
    items.iter().map(|item| line(item) + "\n").collect()
}

/// `fokus students`: every student with the id the other commands take.
pub fn students(setup: &Setup) -> ExitCode {
    query::print(setup, &Query::Students)
}

/// What `fokus students` prints.
pub(super) fn students_text(store: &dyn Store, lang: Lang) -> Result<String, StoreError> {
    Ok(lines(&store.summaries()?, |s| {
        format!(
            "{:>8}  {:<28} {:<10} {:<12} {}",
            s.id.0,
            s.name,
            i18n::programme(lang, s.programme),
            i18n::student_status(lang, s.status),
            lang.fill(T::CliLevel, &[("n", &s.level.number().to_string())])
        )
    }))
}

/// `fokus addresses`: the address book.
pub fn addresses(setup: &Setup) -> ExitCode {
    query::print(setup, &Query::Addresses)
}

/// What `fokus addresses` prints.
pub(super) fn addresses_text(store: &dyn Store, lang: Lang) -> Result<String, StoreError> {
    Ok(lines(&store.organisations()?, |o| {
        let mail = if o.secure_mail.is_empty() {
            lang.t(T::BookNoMail)
        } else {
            o.secure_mail.as_str()
        };
        format!(
            "{:<40} {:<22} {}",
            o.name,
            i18n::org_kind(lang, o.kind),
            mail
        )
    }))
}

/// `fokus minutes ID [DIR]`: the agenda or minutes of every conversation of student `id`
/// that is not cancelled, as PDF and Markdown; a document already there unchanged is left
/// as it is and listed all the same.
pub fn minutes(setup: &Setup, id: u64, dir: Option<&Path>) -> ExitCode {
    let lang = setup.lang;
    let store = match open_intact(setup) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let book = match store.organisations() {
        Ok(b) => b,
        Err(e) => return fail(lang, &e),
    };
    let dir = dir.unwrap_or(&setup.exports.dir);
    let cx = doc_context(setup, &book);
    let done = match ops::minutes::export_all(&store, dir, StudentId(id), &cx) {
        Ok(done) => done,
        Err(e) => return failed(lang, &e),
    };
    for written in &done.written {
        query::print_text(&format!(
            "{}\n{}\n",
            written.pdf.display(),
            written.md.display()
        ));
        if !written.new {
            let file = written.pdf.display().to_string();
            eprintln!(
                "fokus: {}",
                lang.fill(T::MinutesUnchanged, &[("file", &file)])
            );
        }
    }
    if let Some(e @ ops::OpError::Export(_)) = &done.error {
        return failed(lang, e);
    }
    if done.written.is_empty() {
        eprintln!("fokus: {}", lang.t(T::NoConversationYet));
    }
    match &done.error {
        Some(e) => failed(lang, e),
        None => ExitCode::SUCCESS,
    }
}

/// What the agendas and minutes are made with now.
fn doc_context<'a>(
    setup: &Setup,
    book: &'a [crate::domain::Organisation],
) -> export::DocContext<'a> {
    export::DocContext {
        book,
        lang: setup.lang,
        now: Local::now().naive_local(),
        initials: setup.exports.document_initials,
    }
}

/// Reads a date given on the command line.
fn date_arg(lang: Lang, text: &str) -> Result<NaiveDate, ExitCode> {
    parse_date(text, Local::now().date_naive()).map_err(|_| {
        eprintln!("fokus: {}", lang.fill(T::CliBadDate, &[("date", text)]));
        ExitCode::from(2)
    })
}

/// `fokus ics [--from DATE] [--to DATE] FILE`.
pub fn ics(setup: &Setup, from: Option<&str>, to: Option<&str>, file: &Path) -> ExitCode {
    let lang = setup.lang;
    let today = Local::now().date_naive();
    let from = match from.map(|f| date_arg(lang, f)).transpose() {
        Ok(d) => d.unwrap_or(today),
        Err(code) => return code,
    };
    let to = match to.map(|t| date_arg(lang, t)).transpose() {
        Ok(d) => d.unwrap_or(from + chrono::Duration::days(export::CALENDAR_DAYS)),
        Err(code) => return code,
    };
    if to < from {
        eprintln!(
            "fokus: {}",
            lang.fill(
                T::CliRangeBackwards,
                &[("from", &format_date(from)), ("to", &format_date(to))]
            )
        );
        return ExitCode::from(2);
    }
    let calendar = Query::Calendar {
        from,
        to,
        full_names: setup.exports.ics_full_names,
    };
    let text = match query::read(setup, &calendar) {
        Ok(reply) if reply.status == 0 => reply.out,
        // Damaged: no calendar is written from it; the reply says why.
        Ok(reply) => return reply.print(),
        Err(code) => return code,
    };
    // Written by this command even when the running application made the text: a
    // relative FILE means relative to where the command runs.
    if let Err(e) = ics::save_calendar(file, &text) {
        return export_failed(lang, &e);
    }
    query::print_text(&format!("{}\n", file.display()));
    // Noted in the register by whoever has the database, as the text was made.
    let written = files::absolute(file).and_then(|path| Ok((path, files::sha256_of(file)?)));
    let noted = match written {
        Ok((path, sha256)) => {
            let at = Local::now().naive_local();
            let query = Query::CalendarWritten {
                path,
                sha256,
                from,
                to,
                at,
            };
            query::ask_for(setup, &query).map(|_| ())
        }
        Err(e) => Err((1, i18n::io_error(lang, e.kind(), &e.to_string()))),
    };
    match noted {
        Ok(()) => ExitCode::SUCCESS,
        Err((status, error)) => {
            let file = file.display().to_string();
            eprintln!(
                "fokus: {}",
                lang.fill(T::NoteFailed, &[("error", &error), ("files", &file)])
            );
            ExitCode::from(status)
        }
    }
}

/// `fokus export-student ID DIR`: everything held about one student, for an access
/// request.
pub fn export_student(setup: &Setup, id: u64, dir: &Path) -> ExitCode {
    let lang = setup.lang;
    let user = match user_or_fail(setup) {
        Ok(user) => user,
        Err(code) => return code,
    };
    let store = match open_intact(setup) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let book = match store.organisations() {
        Ok(b) => b,
        Err(e) => return fail(lang, &e),
    };
    let cx = doc_context(setup, &book);
    let exported = ops::student::export(
        &store,
        dir,
        &setup.exports.dir,
        StudentId(id),
        &cx,
        &user.name,
    );
    let paths = match &exported {
        Ok(paths) | Err(ops::OpError::NotNoted { paths, .. }) => paths,
        Err(e) => return failed(lang, e),
    };
    let list: String = paths.iter().map(|p| format!("{}\n", p.display())).collect();
    query::print_text(&list);
    match &exported {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => failed(lang, e),
    }
}

/// `fokus erase-student ID --name NAME`: erases the student when `name` is their full
/// name, and prints the receipt.
pub fn erase_student(setup: &Setup, id: u64, name: &str) -> ExitCode {
    let lang = setup.lang;
    let user = match user_or_fail(setup) {
        Ok(user) => user,
        Err(code) => return code,
    };
    let (store, case) = match open_case(setup, id) {
        Ok(found) => found,
        Err(code) => return code,
    };
    if !crate::privacy::same_name(name, &case.student.name) {
        eprintln!("fokus: {}", lang.t(T::EraseNameMismatch));
        return ExitCode::from(2);
    }
    let places = erase::Places {
        db_dir: Some(&setup.db_dir),
        export_dir: &setup.exports.dir,
    };
    let now = Local::now().naive_local();
    match ops::erase::erase(&store, &case, &user, now, places, lang) {
        Ok(done) => {
            let text = lines(&erase::describe(&done, lang, erase::Detail::Full), |l| {
                l.clone()
            });
            query::print_text(&text);
            ExitCode::SUCCESS
        }
        Err(e) => fail(lang, &e),
    }
}

/// `fokus receipts`: the deletion receipts.
pub fn receipts(setup: &Setup) -> ExitCode {
    query::print(setup, &Query::Receipts)
}

/// What `fokus receipts` prints: date, who erased (name and role) and receipt id of each
/// erasure.
pub(super) fn receipts_text(store: &dyn Store, lang: Lang) -> Result<String, StoreError> {
    Ok(lines(&store.receipts()?, |r| {
        let mut text = format!(
            "{}  {:<32} {}",
            r.at.format("%d.%m.%Y %H:%M"),
            i18n::person(lang, &r.by),
            r.id
        );
        for line in erase::receipt_lines(lang, r) {
            text.push('\n');
            text.push_str(&line);
        }
        text
    }))
}
