//! The calendar of conversations and follow-ups to come, as an iCalendar file, noted in
//! the register with the students who have entries in it.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};

use super::{OpError, noted};
use crate::domain::{FileKind, WrittenFile};
use crate::export::ics::{self, IcsOptions};
use crate::i18n::Lang;
use crate::privacy::files;
use crate::store::{self, Store, StoreError};

/// Writes the calendar from `from` to `to` to `path` and notes it with the students who
/// have entries in it.
pub fn export(
    store: &dyn Store,
    path: &Path,
    from: NaiveDate,
    to: NaiveDate,
    options: &IcsOptions,
    lang: Lang,
    now: NaiveDateTime,
) -> Result<Vec<PathBuf>, OpError> {
    let cases = store::calendar_cases(store)?;
    ics::write_calendar(path, &cases, from, to, options, lang)?;
    let students = ics::students(&cases, from, to);
    noted(vec![path.to_path_buf()], |paths| {
        files::note(store, paths, FileKind::Calendar, &students, now)
    })
}

/// The calendar from `from` to `to` as text, for a caller that writes the file itself
/// (the command line, whose file may be relative to where it runs).
pub fn text(
    store: &dyn Store,
    from: NaiveDate,
    to: NaiveDate,
    options: &IcsOptions,
    lang: Lang,
) -> Result<String, StoreError> {
    let cases = store::calendar_cases(store)?;
    Ok(ics::calendar(&cases, from, to, options, lang))
}

/// Notes the calendar [`text`] made and its caller wrote to `path` (absolute) with content
/// `sha256` at `at`, holding the students who have entries in it from `from` to `to`.
pub fn note_written(
    store: &dyn Store,
    path: &Path,
    sha256: [u8; 32],
    from: NaiveDate,
    to: NaiveDate,
    at: NaiveDateTime,
) -> Result<(), StoreError> {
    let cases = store::calendar_cases(store)?;
    store.note_files(&[WrittenFile {
        path: path.to_path_buf(),
        kind: FileKind::Calendar,
        students: ics::students(&cases, from, to),
        sha256: Some(sha256),
        written_at: at,
    }])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::{demo_store, now};

    fn export_to(store: &dyn Store, path: &Path, from: NaiveDate, to: NaiveDate) -> Vec<PathBuf> {
        let options = IcsOptions { full_names: false };
        export(store, path, from, to, &options, Lang::Da, now()).unwrap()
    }

    #[test]
    fn exporting_the_calendar_notes_only_the_students_it_contains() {
        let db = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let store = demo_store(db.path());
        let path = out.path().join("kalender.ics");
        let from = now().date();

        let written = export_to(&store, &path, from, from + chrono::Duration::days(365));

        assert_eq!(written, std::slice::from_ref(&path));
        let noted = store.written_files().unwrap();
        assert_eq!(noted.len(), 1);
        assert_eq!(noted[0].kind, FileKind::Calendar);
        let all = store.summaries().unwrap();
        let inside = &noted[0].students;
        assert!(!inside.is_empty());
        assert!(inside.len() < all.len(), "every student noted: {inside:?}");
        for s in all.iter().filter(|s| inside.contains(&s.id)) {
            assert!(s.status.is_followed_up(), "{} is not followed up", s.name);
        }
    }

    #[test]
    fn a_calendar_without_entries_is_written_and_noted_with_no_student() {
        let db = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let store = demo_store(db.path());
        let path = out.path().join("kalender.ics");
        let far = NaiveDate::from_ymd_opt(2100, 1, 1).unwrap();

        export_to(&store, &path, far, far);

        assert!(path.is_file());
        let noted = store.written_files().unwrap();
        assert_eq!(noted.len(), 1);
        assert!(noted[0].students.is_empty());
    }
}
