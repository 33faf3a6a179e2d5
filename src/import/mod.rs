//! Importing students from a list kept in Excel, in three steps a user can follow:
//!
//! 1. [`read`] turns the file's bytes into a [`Table`]: the encoding (UTF-8 with or without
//!    a byte-order mark, or Windows-1252 as Danish Excel saves "CSV (semikolonsepareret)"),
//!    the delimiter (`;` or `,`, from the header line) and the header row mapped to fields.
//! 2. [`plan`] is the dry run: for every data row, whether a student would be created,
//!    updated (and which fields), left unchanged or rejected (with the line number and the
//!    reasons, worded by [`describe`]). Nothing is written.
//! 3. [`apply`] builds the changes with the same domain operations the student form uses
//!    ([`create_student`], [`update_student`]), so the timeline says "Elev oprettet" or
//!    what was edited; [`commit_plan`] writes them [`ROWS_PER_COMMIT`] at a time, each
//!    commit whole or not at all. An import stopped part-way (a full disk) is finished by
//!    importing the file again: what was written shows as unchanged.
//!
//! A row matches an existing student when the name (case and spacing aside) and the start
//! date are the same; a student who starts again on another date is a new record. An
//! update only fills in what the file says: a column the file lacks, or an empty cell,
//! keeps what Fokus has, so nothing typed in Fokus is erased by an import.
//!
//! **CPR numbers are never imported.** A column headed `CPR`, `CPR-nr.`, `Personnummer` or
//! similar is not read; an unknown column holding CPR-like values (ddmmyy-xxxx) is not
//! read either; a CPR-like value in a known column rejects its row. The values are dropped
//! while the file is read and appear in no message.
//!
//! # The columns
//!
//! Headings are matched case-insensitively, ignoring surrounding spaces, in Danish or
//! English. `examples/students.csv` is a realistic export from Danish Excel
//! (Windows-1252, semicolons, dates as dd-mm-yyyy) with these columns:
//!
//! | Heading (Danish / English) | Required | Values |
//! |---|---|---|
//! | `Navn` / `Name` | yes | the student's full name |
//! | `Uddannelse` / `Programme` | yes | `SSH`, `SSA`, `EUX` or `EUX Velfærd` |
//! | `Startdato` / `Start` | yes | `dd-mm-yyyy` (Excel), `dd.mm.yyyy` or `yyyy-mm-dd` |
//! | `Forventet slutdato` or `Slutdato` / `End` | yes | a date as above, not before the start |
//! | `Skole` / `School` | | e.g. `SOSU Esbjerg` |
//! | `Oplæringssted` / `Workplace` | yes | the training place |
//! | `Afdeling` / `Unit` | | the ward or group |
//! | `Ansættende myndighed` / `Employer` | | e.g. `Esbjerg Kommune` |
//! | `Oplæringsvejleder` or `Vejleder` / `Supervisor` | | |
//! | `Uddannelsesansvarlig` / `Education officer` | | |
//! | `Status` | | `Aktiv`, `Orlov`, `Gennemført`, `Frafaldet`, `Overflyttet` (or English); `Aktiv` when empty |
//! | `Fokusområder` / `Focus areas` | | names separated by `,` or `;`: `Fagligt, Sprogligt, Socialt, Fysisk, Psykisk, Ønsker større udfordringer` |
//!
//! The example has five students (three with æ, ø or å in their names, one unit with a
//! semicolon in quotes), a row whose start date does not exist (`31-02-2026`) and a row
//! without a name, so its dry run shows both kinds of rejection.

mod table;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::domain::case::{create_student, update_student};
use crate::domain::course::{SchoolPeriod, parse_periods};
use crate::domain::dates::{DateError, format_date, parse_date};
use crate::domain::organisation::link_student;
use crate::domain::{
    Case, CaseChange, Ctx, FocusArea, FocusKind, IdSource, Level, Organisation, Programme, Student,
    StudentId, StudentStatus, StudentSummary,
};
use crate::i18n::{self, Lang, T};
use crate::store::{Store, StoreError};

pub use table::{Column, Row, Table, TextEncoding, looks_like_cpr, read};

/// Why a file cannot be imported at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the file has no header row")]
    Empty,
    #[error("the file is a spreadsheet workbook, not CSV")]
    Spreadsheet,
    #[error("required columns are missing: {0:?}")]
    MissingColumns(Vec<Column>),
    #[error("columns {first} and {second} both mean {column:?}")]
    DuplicateColumn {
        column: Column,
        first: usize,
        second: usize,
    },
    #[error("the file cannot be read as CSV: {0}")]
    Unreadable(String),
    #[error("{path} cannot be opened: {detail}")]
    Open {
        path: String,
        kind: std::io::ErrorKind,
        detail: String,
    },
    #[error("the file is larger than {MAX_FILE_BYTES} bytes")]
    TooLarge,
}

/// The largest file [`read_file`] reads: far more than any list of students, small enough
/// that a wrongly chosen file (a backup, a video) is refused before it fills the memory.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

impl ImportError {
    /// The error as a sentence for the user, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ImportError::Empty => lang.t(T::ImpErrEmpty).to_string(),
            ImportError::Spreadsheet => lang.t(T::ImpErrSpreadsheet).to_string(),
            ImportError::MissingColumns(columns) => {
                let names: Vec<&str> = columns.iter().map(|c| c.label(lang)).collect();
                lang.fill(T::ImpErrMissingColumns, &[("columns", &names.join(", "))])
            }
            ImportError::DuplicateColumn {
                column,
                first,
                second,
            } => lang.fill(
                T::ImpErrDuplicateColumn,
                &[
                    ("first", &first.to_string()),
                    ("second", &second.to_string()),
                    ("column", column.label(lang)),
                ],
            ),
            ImportError::Unreadable(error) => lang.fill(T::ImpErrUnreadable, &[("error", error)]),
            ImportError::Open { path, kind, detail } => lang.fill(
                T::ImpErrOpen,
                &[
                    ("path", path),
                    ("error", &i18n::io_error(lang, *kind, detail)),
                ],
            ),
            ImportError::TooLarge => lang.fill(
                T::ImpErrTooLarge,
                &[("mb", &(MAX_FILE_BYTES / 1024 / 1024).to_string())],
            ),
        }
    }
}

/// Why a row or a column is not imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A required value is empty.
    Missing(Column),
    /// A date that cannot be read, or a day that does not exist.
    BadDate {
        column: Column,
        value: String,
        error: DateError,
    },
    /// The expected end lies before the start.
    EndBeforeStart,
    UnknownProgramme(String),
    UnknownStatus(String),
    UnknownFocus(String),
    /// School periods not written as `01.03.2027-14.03.2027; …`.
    BadPeriods(String),
    /// A value in this column looks like a CPR number; the value is not kept.
    CprValue(Column),
    /// The column (1-based) is a CPR column and was not read.
    CprColumn {
        column: usize,
        header: String,
    },
    /// The column (1-based) has a heading Fokus does not know; it was skipped.
    UnknownColumn {
        column: usize,
        header: String,
    },
    /// The same student (name and start) is on an earlier line of the file.
    Duplicate {
        first_line: usize,
    },
    /// Several students in Fokus have this name and start date.
    Ambiguous {
        count: usize,
    },
}

/// What the import would do with one data row.
#[derive(Clone, Debug, PartialEq)]
pub enum RowPlan {
    /// A new student; `student.id` is a placeholder that [`apply`] replaces.
    Create {
        line: usize,
        name: String,
        student: Student,
        /// The start dates of students in Fokus with the same name: perhaps the same
        /// person with a corrected start date, which the user should know before a second
        /// record is made.
        namesakes: Vec<NaiveDate>,
    },
    /// An existing student whose record would change in `changes`.
    Update {
        line: usize,
        name: String,
        id: StudentId,
        changes: Vec<Column>,
        edited: Student,
    },
    /// An existing student the row already agrees with.
    Unchanged {
        line: usize,
        name: String,
        id: StudentId,
    },
    /// Not imported, for these reasons.
    Rejected { line: usize, reasons: Vec<Reason> },
}

impl RowPlan {
    /// The line in the file the row starts on (the header is line 1).
    pub fn line(&self) -> usize {
        match self {
            RowPlan::Create { line, .. }
            | RowPlan::Update { line, .. }
            | RowPlan::Unchanged { line, .. }
            | RowPlan::Rejected { line, .. } => *line,
        }
    }
}

/// The dry run of an import.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan {
    /// One entry per data row, in file order.
    pub rows: Vec<RowPlan>,
    /// Columns that were not read (unknown, or holding CPR numbers).
    pub notes: Vec<Reason>,
}

/// How many rows fall in each group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub create: usize,
    pub update: usize,
    pub unchanged: usize,
    pub rejected: usize,
}

impl ImportPlan {
    /// How many rows would be created, updated, left alone and rejected.
    pub fn counts(&self) -> Counts {
        let mut n = Counts::default();
        for row in &self.rows {
            match row {
                RowPlan::Create { .. } => n.create += 1,
                RowPlan::Update { .. } => n.update += 1,
                RowPlan::Unchanged { .. } => n.unchanged += 1,
                RowPlan::Rejected { .. } => n.rejected += 1,
            }
        }
        n
    }

    /// "3 oprettes, 1 opdateres, 0 er uændrede, 2 afvises".
    pub fn summary(&self, lang: Lang) -> String {
        let n = self.counts();
        lang.fill(
            T::ImpSummary,
            &[
                ("create", &n.create.to_string()),
                ("update", &n.update.to_string()),
                ("unchanged", &n.unchanged.to_string()),
                ("rejected", &n.rejected.to_string()),
            ],
        )
    }
}

/// The values of one row, checked; `None` where the file says nothing.
struct Values {
    name: String,
    programme: Programme,
    start: NaiveDate,
    end: NaiveDate,
    texts: Vec<(Column, String)>,
    status: Option<StudentStatus>,
    focus: Option<Vec<FocusKind>>,
    periods: Option<Vec<SchoolPeriod>>,
}

/// The dry run: what importing `table` into a database holding the students `existing`
/// would do. `today` completes dates written without a year. The students are looked up
/// by name and start date, so a list of any length is planned in one pass.
pub fn plan(table: &Table, existing: &[Student], today: NaiveDate) -> ImportPlan {
    let mut by_key: HashMap<(String, NaiveDate), Vec<&Student>> = HashMap::new();
    let mut starts: HashMap<String, Vec<NaiveDate>> = HashMap::new();
    for student in existing {
        let name = match_key(&student.name);
        starts.entry(name.clone()).or_default().push(student.start);
        by_key
            .entry((name, student.start))
            .or_default()
            .push(student);
    }
    let mut seen: HashMap<(String, NaiveDate), usize> = HashMap::new();
    let mut rows = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let values = match check(row, today) {
            Ok(values) => values,
            Err(reasons) => {
                rows.push(RowPlan::Rejected {
                    line: row.line,
                    reasons,
                });
                continue;
            }
        };
        let key = (match_key(&values.name), values.start);
        if let Some(first_line) = seen.get(&key) {
            rows.push(RowPlan::Rejected {
                line: row.line,
                reasons: vec![Reason::Duplicate {
                    first_line: *first_line,
                }],
            });
            continue;
        }
        let matches = by_key.get(&key).map_or(&[][..], Vec::as_slice);
        rows.push(match matches {
            [] => RowPlan::Create {
                line: row.line,
                name: values.name.clone(),
                student: new_student(&values),
                namesakes: starts.get(&key.0).cloned().unwrap_or_default(),
            },
            [student] => compare(row.line, student, &values),
            more => RowPlan::Rejected {
                line: row.line,
                reasons: vec![Reason::Ambiguous { count: more.len() }],
            },
        });
        seen.insert(key, row.line);
    }
    ImportPlan {
        rows,
        notes: table.notes.clone(),
    }
}

/// The changes that carry out `rows` of a plan, each with the case as it will be
/// afterwards, ready for one `commit_many`. New students get their ids from `ids`; their
/// employing authority, school and workplace are pointed into `book` as the student form
/// does. A planned update whose student is no longer among `existing` is left out.
pub fn apply<'a>(
    rows: impl IntoIterator<Item = &'a RowPlan>,
    existing: &[Case],
    book: &[Organisation],
    ctx: &Ctx,
    ids: &mut dyn IdSource,
) -> Vec<(CaseChange, Case)> {
    let mut out = Vec::new();
    for row in rows {
        match row {
            RowPlan::Create { student, .. } => {
                let mut student = student.clone();
                student.id = StudentId(ids.next_id());
                link_student(book, &mut student, None);
                let change = create_student(student.clone(), ctx, ids);
                let mut after = Case::new(student);
                after.apply(&change);
                out.push((change, after));
            }
            RowPlan::Update { id, edited, .. } => {
                let Some(case) = existing.iter().find(|c| c.id() == *id) else {
                    continue;
                };
                let mut edited = edited.clone();
                link_student(book, &mut edited, Some(&case.student));
                let change = update_student(case, edited, ctx, ids);
                if change.is_empty() {
                    continue;
                }
                let mut after = case.clone();
                after.apply(&change);
                out.push((change, after));
            }
            RowPlan::Unchanged { .. } | RowPlan::Rejected { .. } => {}
        }
    }
    out
}

/// How many rows of a plan [`commit_plan`] writes in one commit. Each commit is whole or
/// nothing; only one commit's changes are in memory at a time, so a list of 100,000 rows
/// is written in the memory a list of 500 needs.
pub const ROWS_PER_COMMIT: usize = 500;

/// An import that stopped part-way: why, and the students written before it. Those
/// commits stand; importing the same file again finds them unchanged and writes the rest.
#[derive(Debug)]
pub struct Stopped {
    pub error: StoreError,
    pub written: Vec<StudentSummary>,
}

/// Carries out `plan` in `store`, [`ROWS_PER_COMMIT`] rows to a commit, each update
/// against the student as stored now; returns the students created or updated. After
/// every commit `progress` hears how many of the rows to write are done, and of how many.
/// Nothing of a commit is written if an id cannot be handed out or the commit fails.
pub fn commit_plan(
    store: &dyn Store,
    plan: &ImportPlan,
    ctx: &Ctx,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<StudentSummary>, Stopped> {
    let rows: Vec<&RowPlan> = plan
        .rows
        .iter()
        .filter(|r| matches!(r, RowPlan::Create { .. } | RowPlan::Update { .. }))
        .collect();
    let mut written = Vec::new();
    let book = match store.organisations() {
        Ok(book) => book,
        Err(error) => return Err(Stopped { error, written }),
    };
    let mut done = 0;
    for chunk in rows.chunks(ROWS_PER_COMMIT) {
        match commit_rows(store, chunk, &book, ctx) {
            Ok(summaries) => written.extend(summaries),
            Err(error) => return Err(Stopped { error, written }),
        }
        done += chunk.len();
        progress(done, rows.len());
    }
    Ok(written)
}

/// One commit of [`commit_plan`].
fn commit_rows(
    store: &dyn Store,
    rows: &[&RowPlan],
    book: &[Organisation],
    ctx: &Ctx,
) -> Result<Vec<StudentSummary>, StoreError> {
    let mut existing = Vec::new();
    for row in rows {
        if let RowPlan::Update { id, .. } = row {
            match store.load_case(*id) {
                Ok(case) => existing.push(case),
                // Erased since the dry run: there is nothing left to update.
                Err(StoreError::NoSuchStudent(_)) => {}
                Err(e) => return Err(e),
            }
        }
    }
    let mut ids = store.ids();
    let changes = apply(rows.iter().copied(), &existing, book, ctx, &mut *ids);
    ids.finish()?;
    let all: Vec<(&CaseChange, &Case)> = changes.iter().map(|(c, a)| (c, a)).collect();
    store.commit_many(&all)?;
    Ok(changes
        .iter()
        .map(|(_, after)| StudentSummary::of(after))
        .collect())
}

/// Reads the student list at `path` (see [`read`]). A path typed or dropped into a
/// terminal may come in quotes or start with `~/`; both are understood.
pub fn read_file(path: &Path) -> Result<Table, ImportError> {
    let path = clean_path(path);
    let open_error = |e: std::io::Error| ImportError::Open {
        path: path.display().to_string(),
        kind: e.kind(),
        detail: e.to_string(),
    };
    let file = std::fs::File::open(&path).map_err(open_error)?;
    let meta = file.metadata().map_err(open_error)?;
    if meta.is_dir() {
        return Err(open_error(std::io::Error::from(
            std::io::ErrorKind::IsADirectory,
        )));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge);
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(open_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge);
    }
    read(&bytes)
}

/// `path` without the quotes a terminal adds to a dropped file, and with `~` expanded.
pub fn clean_path(path: &Path) -> PathBuf {
    let text = path.to_string_lossy();
    let text = text.trim();
    let text = ['\'', '"']
        .iter()
        .find_map(|q| text.strip_prefix(*q).and_then(|t| t.strip_suffix(*q)))
        .unwrap_or(text);
    match text.strip_prefix("~/") {
        Some(rest) => match std::env::var_os("HOME") {
            Some(home) => PathBuf::from(home).join(rest),
            None => PathBuf::from(text),
        },
        None => PathBuf::from(text),
    }
}

/// The students in `store` that rows of `table` could match: those with a name in the
/// file. Only they are loaded, and only their student record is kept, so planning an
/// import neither reads the whole database nor holds it in memory.
pub fn existing_for(store: &dyn Store, table: &Table) -> Result<Vec<Student>, StoreError> {
    let names: std::collections::HashSet<String> = table
        .rows
        .iter()
        .filter_map(|r| r.get(Column::Name))
        .map(match_key)
        .collect();
    store
        .summaries()?
        .iter()
        .filter(|s| names.contains(&match_key(&s.name)))
        .map(|s| store.load_case(s.id).map(|c| c.student))
        .collect()
}

/// How the file was read, for the user: "Windows-1252, semikolon, 7 rækker".
pub fn describe_table(table: &Table, lang: Lang) -> String {
    let encoding = match table.encoding {
        TextEncoding::Utf8 => "UTF-8",
        TextEncoding::Utf8Bom => "UTF-8 (BOM)",
        TextEncoding::Utf16 => "UTF-16",
        TextEncoding::Windows1252 => "Windows-1252",
    };
    let delimiter = lang.t(match table.delimiter {
        b',' => T::ImpComma,
        b'\t' => T::ImpTab,
        b'|' => T::ImpBar,
        _ => T::ImpSemicolon,
    });
    lang.fill(
        T::ImpFileRead,
        &[
            ("encoding", encoding),
            ("delimiter", delimiter),
            ("rows", &table.rows.len().to_string()),
        ],
    )
}

/// The whole dry run as lines for the user: the columns skipped, then one line per row.
pub fn describe_plan(plan: &ImportPlan, lang: Lang) -> Vec<String> {
    plan.notes
        .iter()
        .map(|n| describe(n, lang))
        .chain(plan.rows.iter().map(|r| describe_row(r, lang)))
        .collect()
}

/// A reason worded for the user, in `lang`.
pub fn describe(reason: &Reason, lang: Lang) -> String {
    match reason {
        Reason::Missing(column) => lang.fill(T::ImpMissing, &[("column", column.label(lang))]),
        Reason::BadDate {
            column,
            value,
            error,
        } => lang.fill(
            match error {
                DateError::NoSuchDay => T::ImpNoSuchDay,
                _ => T::ImpBadDate,
            },
            &[("column", column.label(lang)), ("value", &shorten(value))],
        ),
        Reason::EndBeforeStart => lang.t(T::ErrBeforeStart).to_string(),
        Reason::UnknownProgramme(value) => {
            lang.fill(T::ImpUnknownProgramme, &[("value", &shorten(value))])
        }
        Reason::UnknownStatus(value) => {
            let choices: Vec<&str> = StudentStatus::ALL
                .iter()
                .map(|s| i18n::student_status(lang, *s))
                .collect();
            lang.fill(
                T::ImpUnknownStatus,
                &[("value", &shorten(value)), ("choices", &choices.join(", "))],
            )
        }
        Reason::BadPeriods(value) => lang.fill(T::ImpBadPeriods, &[("value", value)]),
        Reason::UnknownFocus(value) => {
            let choices: Vec<&str> = FocusKind::ALL
                .iter()
                .map(|f| i18n::focus(lang, *f))
                .collect();
            lang.fill(
                T::ImpUnknownFocus,
                &[("value", &shorten(value)), ("choices", &choices.join(", "))],
            )
        }
        Reason::CprValue(column) => lang.fill(T::ImpCprValue, &[("column", column.label(lang))]),
        Reason::CprColumn { column, header } => lang.fill(
            T::ImpCprColumn,
            &[("n", &column.to_string()), ("header", &shorten(header))],
        ),
        Reason::UnknownColumn { column, header } => lang.fill(
            T::ImpUnknownColumn,
            &[("n", &column.to_string()), ("header", &shorten(header))],
        ),
        Reason::Duplicate { first_line } => {
            lang.fill(T::ImpDuplicateRow, &[("line", &first_line.to_string())])
        }
        Reason::Ambiguous { count } => lang.fill(T::ImpAmbiguous, &[("n", &count.to_string())]),
    }
}

/// One line of the dry run for the user: "Linje 4: Åse Kjær opdateres (Oplæringssted)".
pub fn describe_row(row: &RowPlan, lang: Lang) -> String {
    let line = row.line().to_string();
    match row {
        RowPlan::Create {
            name, namesakes, ..
        } if !namesakes.is_empty() => {
            let dates: Vec<String> = namesakes.iter().map(|d| format_date(*d)).collect();
            lang.fill(
                T::ImpRowCreateNamesake,
                &[
                    ("line", &line),
                    ("name", name),
                    ("dates", &dates.join(", ")),
                ],
            )
        }
        RowPlan::Create { name, .. } => {
            lang.fill(T::ImpRowCreate, &[("line", &line), ("name", name)])
        }
        RowPlan::Update { name, changes, .. } => {
            let fields: Vec<&str> = changes.iter().map(|c| c.label(lang)).collect();
            lang.fill(
                T::ImpRowUpdate,
                &[
                    ("line", &line),
                    ("name", name),
                    ("fields", &fields.join(", ")),
                ],
            )
        }
        RowPlan::Unchanged { name, .. } => {
            lang.fill(T::ImpRowUnchanged, &[("line", &line), ("name", name)])
        }
        RowPlan::Rejected { reasons, .. } => {
            let reasons: Vec<String> = reasons.iter().map(|r| describe(r, lang)).collect();
            lang.fill(
                T::ImpRowRejected,
                &[("line", &line), ("reasons", &reasons.join("; "))],
            )
        }
    }
}

/// A value quoted in a message, cut short if someone pasted a paragraph into a cell.
fn shorten(value: &str) -> String {
    const MAX: usize = 40;
    let one_line = tidy(value);
    if one_line.chars().count() > MAX {
        let cut: String = one_line.chars().take(MAX - 1).collect();
        format!("{cut}…")
    } else {
        one_line
    }
}

/// Single spaces, no line breaks: every imported field is one line.
fn tidy(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Names are matched without regard to case or spacing.
fn match_key(name: &str) -> String {
    tidy(name).to_lowercase()
}

/// The row's values, or every reason it cannot be imported.
fn check(row: &Row, today: NaiveDate) -> Result<Values, Vec<Reason>> {
    let mut reasons: Vec<Reason> = row.cpr.iter().map(|c| Reason::CprValue(*c)).collect();
    let has_cpr = |c: Column| row.cpr.contains(&c);
    let text = |c: Column| row.get(c).map(tidy).filter(|v| !v.is_empty());
    let required = |c: Column, reasons: &mut Vec<Reason>| {
        let value = text(c);
        if value.is_none() && !has_cpr(c) {
            reasons.push(Reason::Missing(c));
        }
        value
    };

    let name = required(Column::Name, &mut reasons);
    let programme = required(Column::Programme, &mut reasons).and_then(|v| {
        let p = parse_programme(&v);
        if p.is_none() {
            reasons.push(Reason::UnknownProgramme(v));
        }
        p
    });
    let date = |c: Column, reasons: &mut Vec<Reason>| {
        let value = required(c, reasons)?;
        match import_date(&value, today) {
            Ok(d) => Some(d),
            Err(error) => {
                reasons.push(Reason::BadDate {
                    column: c,
                    value,
                    error,
                });
                None
            }
        }
    };
    let start = date(Column::Start, &mut reasons);
    let end = date(Column::End, &mut reasons);
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        reasons.push(Reason::EndBeforeStart);
    }
    let workplace = required(Column::Workplace, &mut reasons);
    let status = text(Column::Status).and_then(|v| {
        let s = parse_status(&v);
        if s.is_none() {
            reasons.push(Reason::UnknownStatus(v));
        }
        s
    });
    let focus = text(Column::FocusAreas).map(|v| {
        let mut kinds = Vec::new();
        for part in v.split([',', ';', '/', '\n']).map(str::trim) {
            if part.is_empty() {
                continue;
            }
            match parse_focus(part) {
                Some(kind) if !kinds.contains(&kind) => kinds.push(kind),
                Some(_) => {}
                None => reasons.push(Reason::UnknownFocus(part.to_string())),
            }
        }
        kinds.sort();
        kinds
    });

    let periods = text(Column::SchoolPeriods).and_then(|v| {
        if v.contains('+') {
            reasons.push(Reason::BadPeriods(v));
            return None;
        }
        match parse_periods(&v, today) {
            Ok(p) => Some(p),
            Err(_) => {
                reasons.push(Reason::BadPeriods(v));
                None
            }
        }
    });

    match (name, programme, start, end, workplace) {
        (Some(name), Some(programme), Some(start), Some(end), Some(_)) if reasons.is_empty() => {
            let texts = Column::TEXTS
                .into_iter()
                .filter_map(|c| text(c).map(|v| (c, v)))
                .collect();
            Ok(Values {
                name,
                programme,
                start,
                end,
                texts,
                status,
                focus,
                periods,
            })
        }
        _ => Err(reasons),
    }
}

/// A date as Excel or a person writes it: the forms [`parse_date`] reads (Danish
/// `dd.mm.yyyy`, Excel's `dd-mm-yyyy`, ISO), with a time of day after it ignored. Dates
/// relative to today (`+7`) make no sense in a file and are refused.
fn import_date(value: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let date = value.split_whitespace().next().unwrap_or("");
    if date.starts_with('+') {
        return Err(DateError::Format);
    }
    parse_date(date, today)
}

/// The choice among `all` whose Danish or English name (`word`) is `v`, compared as
/// [`match_key`] makes names.
fn named<T: Copy>(v: &str, all: &[T], word: fn(Lang, T) -> &'static str) -> Option<T> {
    all.iter().copied().find(|t| {
        [Lang::Da, Lang::En]
            .iter()
            .any(|l| match_key(word(*l, *t)) == v)
    })
}

fn parse_programme(value: &str) -> Option<Programme> {
    let v = tidy(&match_key(value).replace('-', " "));
    named(&v, &Programme::ALL, i18n::programme).or(match v.as_str() {
        "ssh" | "social og sundhedshjælper" | "sosu hjælper" => Some(Programme::Ssh),
        "ssa" | "social og sundhedsassistent" | "sosu assistent" => Some(Programme::Ssa),
        "eux" | "eux velfærd" | "eux welfare" | "eux ssa" => Some(Programme::EuxVelfaerd),
        _ => None,
    })
}

fn parse_status(value: &str) -> Option<StudentStatus> {
    let v = match_key(value);
    named(&v, &StudentStatus::ALL, i18n::student_status).or(match v.as_str() {
        "afbrudt" | "frafald" | "ophørt" => Some(StudentStatus::DroppedOut),
        "færdig" | "afsluttet" => Some(StudentStatus::Completed),
        _ => None,
    })
}

fn parse_focus(value: &str) -> Option<FocusKind> {
    let v = match_key(value);
    named(&v, &FocusKind::ALL, i18n::focus).or(match v.as_str() {
        "faglig" | "fagligt fokus" => Some(FocusKind::Academic),
        "sproglig" | "sprog" => Some(FocusKind::Language),
        "social" => Some(FocusKind::Social),
        "psykisk trivsel" | "trivsel" => Some(FocusKind::Mental),
        "større udfordringer" | "udfordringer" | "bigger challenges" | "challenges" => {
            Some(FocusKind::BiggerChallenges)
        }
        _ => None,
    })
}

fn new_student(v: &Values) -> Student {
    let text = |c: Column| {
        v.texts
            .iter()
            .find(|(have, _)| *have == c)
            .map_or(String::new(), |(_, t)| t.clone())
    };
    Student {
        id: StudentId(0),
        name: v.name.clone(),
        programme: v.programme,
        start: v.start,
        expected_end: v.end,
        school: text(Column::School),
        workplace: text(Column::Workplace),
        unit: text(Column::Unit),
        employer: text(Column::Employer),
        supervisor: text(Column::Supervisor),
        education_officer: text(Column::EducationOfficer),
        focus_areas: v
            .focus
            .iter()
            .flatten()
            .map(|kind| FocusArea {
                kind: *kind,
                note: String::new(),
            })
            .collect(),
        status: v.status.unwrap_or(StudentStatus::Active),
        level: Level::One,
        level_raised_on: None,
        employer_org: None,
        school_org: None,
        workplace_org: None,
        school_periods: v.periods.clone().unwrap_or_default(),
        ended: None,
        interventions: Vec::new(),
        team: Default::default(),
    }
}

/// The existing student with what the row says filled in, and which fields that changes.
fn compare(line: usize, old: &Student, v: &Values) -> RowPlan {
    let mut edited = old.clone();
    edited.programme = v.programme;
    edited.expected_end = v.end;
    for (column, value) in &v.texts {
        let slot = match column {
            Column::School => &mut edited.school,
            Column::Workplace => &mut edited.workplace,
            Column::Unit => &mut edited.unit,
            Column::Employer => &mut edited.employer,
            Column::Supervisor => &mut edited.supervisor,
            Column::EducationOfficer => &mut edited.education_officer,
            _ => continue,
        };
        slot.clone_from(value);
    }
    if let Some(status) = v.status {
        edited.status = status;
    }
    if let Some(periods) = &v.periods {
        edited.school_periods.clone_from(periods);
    }
    if let Some(kinds) = &v.focus {
        let mut have: Vec<FocusKind> = old.focus_areas.iter().map(|f| f.kind).collect();
        have.sort();
        if have != *kinds {
            // Notes written in Fokus are kept for the areas the file still lists.
            edited.focus_areas = kinds
                .iter()
                .map(|kind| {
                    old.focus_areas
                        .iter()
                        .find(|f| f.kind == *kind)
                        .cloned()
                        .unwrap_or(FocusArea {
                            kind: *kind,
                            note: String::new(),
                        })
                })
                .collect();
        }
    }
    let changed = |c: Column| match c {
        Column::Name | Column::Start => false,
        Column::Programme => old.programme != edited.programme,
        Column::End => old.expected_end != edited.expected_end,
        Column::School => old.school != edited.school,
        Column::Workplace => old.workplace != edited.workplace,
        Column::Unit => old.unit != edited.unit,
        Column::Employer => old.employer != edited.employer,
        Column::Supervisor => old.supervisor != edited.supervisor,
        Column::EducationOfficer => old.education_officer != edited.education_officer,
        Column::Status => old.status != edited.status,
        Column::FocusAreas => old.focus_areas != edited.focus_areas,
        Column::SchoolPeriods => old.school_periods != edited.school_periods,
    };
    let changes: Vec<Column> = Column::ALL.into_iter().filter(|c| changed(*c)).collect();
    if changes.is_empty() {
        RowPlan::Unchanged {
            line,
            name: old.name.clone(),
            id: old.id,
        }
    } else {
        RowPlan::Update {
            line,
            name: old.name.clone(),
            id: old.id,
            changes,
            edited,
        }
    }
}
