//! Reading a student list as Excel saves it: the text encoding, the delimiter, the header
//! row mapped to Fokus's fields, and the data rows with their line numbers.
//!
//! CPR numbers never get past this module: a column named like one is not read, a column
//! of unknown name holding one is not read, and a CPR-like value in a known column is
//! dropped here and only its column is remembered, so the row can be rejected.

use encoding_rs::{Encoding, WINDOWS_1252};

use super::{ImportError, Reason};
use crate::i18n::{Lang, T};

/// The text encoding a file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark, as Excel's "CSV UTF-8" writes it.
    Utf8Bom,
    /// UTF-16 with a byte-order mark, as Excel's "Unicode text" writes it.
    Utf16,
    /// Windows-1252, as Danish Excel's plain "CSV (semikolonsepareret)" writes it.
    Windows1252,
}

/// A field of the student record a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Name,
    Programme,
    Start,
    End,
    School,
    Workplace,
    Unit,
    Employer,
    Supervisor,
    EducationOfficer,
    Status,
    FocusAreas,
    SchoolPeriods,
}

impl Column {
    /// Every column, in the order the student form shows the fields.
    pub const ALL: [Column; 13] = [
        Column::Name,
        Column::Programme,
        Column::Start,
        Column::End,
        Column::School,
        Column::Workplace,
        Column::Unit,
        Column::Employer,
        Column::Supervisor,
        Column::EducationOfficer,
        Column::Status,
        Column::FocusAreas,
        Column::SchoolPeriods,
    ];

    /// Columns of free text, copied into the record as they are.
    pub const TEXTS: [Column; 6] = [
        Column::School,
        Column::Workplace,
        Column::Unit,
        Column::Employer,
        Column::Supervisor,
        Column::EducationOfficer,
    ];

    /// Columns a file must have: without them no student can be created.
    pub const REQUIRED: [Column; 5] = [
        Column::Name,
        Column::Programme,
        Column::Start,
        Column::End,
        Column::Workplace,
    ];

    /// The catalog key naming the field.
    pub fn key(self) -> T {
        match self {
            Column::Name => T::FieldName,
            Column::Programme => T::FieldProgramme,
            Column::Start => T::FieldStart,
            Column::End => T::FieldExpectedEnd,
            Column::School => T::FieldSchool,
            Column::Workplace => T::FieldWorkplace,
            Column::Unit => T::FieldUnit,
            Column::Employer => T::FieldEmployer,
            Column::Supervisor => T::FieldSupervisor,
            Column::EducationOfficer => T::FieldEducationOfficer,
            Column::Status => T::FieldStatus,
            Column::FocusAreas => T::SectionFocus,
            Column::SchoolPeriods => T::FieldSchoolPeriods,
        }
    }

    /// The field's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(self.key())
    }

    /// Other headings accepted besides the field's Danish and English labels; compared
    /// after [`normalize_header`].
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Name => &[
                "navn",
                "name",
                "elev",
                "elevens navn",
                "student",
                "fulde navn",
            ],
            Column::Programme => &["uddannelse", "programme", "program", "uddannelsestype"],
            Column::Start => &["startdato", "start", "start date", "uddannelsesstart"],
            Column::End => &[
                "slutdato",
                "forventet slutdato",
                "slut",
                "end",
                "end date",
                "expected end",
            ],
            Column::School => &["skole", "school", "sosu-skole"],
            Column::Workplace => &[
                "oplæringssted",
                "workplace",
                "praktiksted",
                "training place",
            ],
            Column::Unit => &["afdeling", "unit", "enhed", "afsnit"],
            Column::Employer => &["ansættende myndighed", "employer", "arbejdsgiver"],
            Column::Supervisor => &[
                "vejleder",
                "oplæringsvejleder",
                "supervisor",
                "praktikvejleder",
            ],
            Column::EducationOfficer => &[
                "uddannelsesansvarlig",
                "education officer",
                "uddannelseskonsulent",
            ],
            Column::Status => &["status"],
            Column::FocusAreas => &[
                "fokusområder",
                "fokusområde",
                "focus areas",
                "focus area",
                "fokus",
                "focus",
            ],
            Column::SchoolPeriods => &[
                "skoleperioder",
                "skoleperiode",
                "skoleophold",
                "school periods",
                "school period",
            ],
        }
    }

    fn matches(self, header: &str) -> bool {
        self.aliases().contains(&header)
            || [Lang::Da, Lang::En]
                .iter()
                .any(|lang| normalize_header(self.label(*lang)) == header)
    }
}

/// One data row: the values of the known columns, keyed by field. The values share one
/// string, so a list of 100,000 rows takes a few tens of megabytes, not hundreds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// The line the row starts on, counting the header as line 1 and every line break
    /// inside quoted values.
    pub line: usize,
    /// The values, one after another.
    text: String,
    /// Where each column's value is in `text`, by [`Column::ALL`] position.
    spans: [Option<(u32, u32)>; Column::ALL.len()],
    /// Known columns whose value looked like a CPR number; the value itself is not kept.
    pub cpr: Vec<Column>,
}

impl Row {
    /// The value in `column`, trimmed; `None` when the file has no such column.
    pub fn get(&self, column: Column) -> Option<&str> {
        let (from, to) = self.spans[column as usize]?;
        self.text.get(from as usize..to as usize)
    }

    fn set(&mut self, column: Column, value: &str) {
        // A row is at most the whole file, which is far below 4 GiB (MAX_FILE_BYTES).
        let from = self.text.len() as u32;
        self.text.push_str(value);
        self.spans[column as usize] = Some((from, self.text.len() as u32));
    }
}

/// A student list as read from a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub encoding: TextEncoding,
    /// `b';'`, `b','` or `b'\t'`.
    pub delimiter: u8,
    /// The known columns in the file, in file order.
    pub columns: Vec<Column>,
    /// Columns that were not read: unknown ones and those holding CPR numbers.
    pub notes: Vec<Reason>,
    /// The data rows; rows with every cell empty are left out.
    pub rows: Vec<Row>,
}

/// What a header cell means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Heading {
    Field(Column),
    Cpr,
    Unknown,
    /// No heading; ignored unless something is written under it.
    Blank,
}

/// Reads a CSV file: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order
/// mark, or else Windows-1252; semicolon-, comma- or tab-separated, whichever the header
/// line uses most outside quotes (an Excel `sep=;` first line is honoured).
pub fn read(bytes: &[u8]) -> Result<Table, ImportError> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ImportError::Spreadsheet);
    }
    let (text, encoding) = decode(bytes);
    // Excel ends lines with CR LF; the CSV reader counts lines by LF only after a CR LF
    // record end, so lines are made plain LF first and the reported line numbers are right.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let (declared, body_start) = sep_line(&text);
    let delimiter = declared.unwrap_or_else(|| detect_delimiter(&text[body_start..]));

    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let mut header = None;
    for record in records.by_ref() {
        let record = record.map_err(|e| ImportError::Unreadable(e.to_string()))?;
        let first = record.get(0).unwrap_or("").trim().to_ascii_lowercase();
        if declared.is_some() && first.starts_with("sep=") && header.is_none() {
            continue;
        }
        header = Some(record);
        break;
    }
    let header = header.ok_or(ImportError::Empty)?;
    if header.iter().all(|h| h.trim().is_empty()) {
        return Err(ImportError::Empty);
    }

    let mut headings = Vec::new();
    let mut columns: Vec<(Column, usize)> = Vec::new();
    for (i, raw) in header.iter().enumerate() {
        let heading = heading(raw);
        if let Heading::Field(column) = heading {
            if let Some((_, first)) = columns.iter().find(|(c, _)| *c == column) {
                return Err(ImportError::DuplicateColumn {
                    column,
                    first: first + 1,
                    second: i + 1,
                });
            }
            columns.push((column, i));
        }
        headings.push(heading);
    }
    let missing: Vec<Column> = Column::REQUIRED
        .into_iter()
        .filter(|c| !columns.iter().any(|(have, _)| have == c))
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns(missing));
    }

    // Per column: whether any cell held something, and whether any looked like a CPR.
    let mut used = vec![false; headings.len()];
    let mut holds_cpr = vec![false; headings.len()];
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|e| ImportError::Unreadable(e.to_string()))?;
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let mut row = Row {
            line: record.position().map_or(0, |p| p.line() as usize),
            ..Row::default()
        };
        for (i, value) in record.iter().enumerate() {
            let value = value.trim();
            if i >= headings.len() {
                headings.push(Heading::Blank);
                used.push(false);
                holds_cpr.push(false);
            }
            used[i] |= !value.is_empty();
            let cpr = looks_like_cpr(value);
            match headings[i] {
                Heading::Field(column) if cpr => row.cpr.push(column),
                Heading::Field(column) => row.set(column, value),
                Heading::Cpr => {}
                Heading::Unknown | Heading::Blank => holds_cpr[i] |= cpr,
            }
        }
        rows.push(row);
    }

    let mut notes = Vec::new();
    for (i, heading) in headings.iter().enumerate() {
        let header_text = header.get(i).unwrap_or("").trim().to_string();
        let column = i + 1;
        match heading {
            Heading::Cpr => notes.push(Reason::CprColumn {
                column,
                header: header_text,
            }),
            Heading::Unknown | Heading::Blank if holds_cpr[i] => notes.push(Reason::CprColumn {
                column,
                header: header_text,
            }),
            Heading::Unknown => notes.push(Reason::UnknownColumn {
                column,
                header: header_text,
            }),
            Heading::Blank if used[i] => notes.push(Reason::UnknownColumn {
                column,
                header: header_text,
            }),
            _ => {}
        }
    }
    columns.sort_by_key(|(_, i)| *i);
    Ok(Table {
        encoding,
        delimiter,
        columns: columns.into_iter().map(|(c, _)| c).collect(),
        notes,
        rows,
    })
}

fn decode(bytes: &[u8]) -> (String, TextEncoding) {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_with_bom_removal(bytes);
        let kind = if encoding == encoding_rs::UTF_8 {
            TextEncoding::Utf8Bom
        } else {
            TextEncoding::Utf16
        };
        return (text.into_owned(), kind);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), TextEncoding::Utf8),
        Err(_) => {
            // Every byte has a meaning in Windows-1252, so this cannot fail.
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), TextEncoding::Windows1252)
        }
    }
}

/// Excel's `sep=;` first line: the delimiter it names and where the real header starts.
fn sep_line(text: &str) -> (Option<u8>, usize) {
    let first = text.lines().next().unwrap_or("");
    let lower = first.trim_end().to_ascii_lowercase();
    match lower.strip_prefix("sep=").map(str::as_bytes) {
        Some([d]) if matches!(d, b';' | b',' | b'\t' | b'|') => {
            let next = text.find('\n').map_or(text.len(), |i| i + 1);
            (Some(*d), next)
        }
        _ => (None, 0),
    }
}

/// The delimiter the header line uses most outside quotes; a semicolon when in doubt, as
/// Danish Excel writes.
fn detect_delimiter(text: &str) -> u8 {
    let (mut semicolons, mut commas, mut tabs) = (0usize, 0usize, 0usize);
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ';' if !quoted => semicolons += 1,
            ',' if !quoted => commas += 1,
            '\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    if tabs > semicolons && tabs > commas {
        b'\t'
    } else if commas > semicolons {
        b','
    } else {
        b';'
    }
}

/// A heading as compared: lower case, single spaces, no trailing `*`, `:` or `.`.
fn normalize_header(raw: &str) -> String {
    raw.trim()
        .trim_end_matches(['*', ':', '.'])
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn heading(raw: &str) -> Heading {
    let header = normalize_header(raw);
    if header.is_empty() {
        return Heading::Blank;
    }
    let compact: String = header.chars().filter(|c| c.is_alphanumeric()).collect();
    if compact.starts_with("cpr") || compact.starts_with("personn") {
        return Heading::Cpr;
    }
    Column::ALL
        .into_iter()
        .find(|c| c.matches(&header))
        .map_or(Heading::Unknown, Heading::Field)
}

/// Whether `value` holds something shaped like a CPR number: six digits forming a day and
/// month (ddmmyy), then four digits, joined directly or by `-` or a space, and not part of
/// a longer number.
pub fn looks_like_cpr(value: &str) -> bool {
    let b = value.as_bytes();
    let digits_from = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let run = digits_from(i);
        let shaped = match run {
            10 => true,
            6 => {
                let sep = i + 6;
                sep + 1 < b.len() && matches!(b[sep], b'-' | b' ') && digits_from(sep + 1) == 4
            }
            _ => false,
        };
        if shaped {
            let two = |at: usize| u32::from(b[at] - b'0') * 10 + u32::from(b[at + 1] - b'0');
            let (day, month) = (two(i), two(i + 2));
            if (1..=31).contains(&day) && (1..=12).contains(&month) {
                return true;
            }
        }
        i += run;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_of_a_row_gives_back_its_own_value() {
        // A row keeps its values by the column's place in `Column::ALL`.
        let mut row = Row::default();
        for (i, column) in Column::ALL.into_iter().enumerate() {
            assert_eq!(column as usize, i);
            row.set(column, &format!("værdi {i}"));
        }
        for (i, column) in Column::ALL.into_iter().enumerate() {
            assert_eq!(row.get(column), Some(format!("værdi {i}").as_str()));
        }
        assert_eq!(Row::default().get(Column::Unit), None);
    }

    #[test]
    fn cpr_numbers_are_recognised_in_their_usual_forms_only() {
        for yes in [
            "010203-1234",
            "0102031234",
            "010203 1234",
            "CPR 311299-4321.",
        ] {
            assert!(looks_like_cpr(yes), "{yes}");
        }
        for no in [
            "",
            "01-02-2026",
            "2026-11-23",
            "12345678",
            "+45 12 34 56 78",
            "123456-7890",
            "01020312345",
            "Afsnit 3",
        ] {
            assert!(!looks_like_cpr(no), "{no}");
        }
    }

    #[test]
    fn the_delimiter_is_the_one_used_most_outside_quotes() {
        assert_eq!(detect_delimiter("Navn;Uddannelse;Start\n"), b';');
        assert_eq!(detect_delimiter("Name,Programme,Start\n"), b',');
        assert_eq!(detect_delimiter("\"Navn, fulde\";Uddannelse\n"), b';');
        assert_eq!(detect_delimiter("\"a;b;c\",Start,End\n"), b',');
        assert_eq!(detect_delimiter("Navn\tStart\tSlut"), b'\t');
        assert_eq!(detect_delimiter("Navn"), b';');
    }

    #[test]
    fn headings_are_read_in_danish_and_english_in_any_case() {
        assert_eq!(heading("  NAVN "), Heading::Field(Column::Name));
        assert_eq!(heading("Forventet slutdato*"), Heading::Field(Column::End));
        assert_eq!(heading("Afdeling/enhed"), Heading::Field(Column::Unit));
        assert_eq!(
            heading("education_officer"),
            Heading::Field(Column::EducationOfficer)
        );
        assert_eq!(heading("CPR-nr."), Heading::Cpr);
        assert_eq!(heading("Cpr nummer"), Heading::Cpr);
        assert_eq!(heading("Personnummer"), Heading::Cpr);
        assert_eq!(heading("Telefon"), Heading::Unknown);
        assert_eq!(heading("  "), Heading::Blank);
    }
}
