//! Everything Fokus holds about one student, for an access request: a JSON file with every
//! record of theirs, the minutes of each conversation as PDF, and copies of the agendas and
//! minutes Fokus wrote about them earlier (those may have been sent on), in one folder.
//!
//! The folder is named like the minutes, `2026-11-23_indsigt_AH_3f9a`: the date of the
//! export, the student's initials and a tag from their id, so [`found_by_name`] can find
//! what Fokus wrote about a student when the student is erased. A second export the same day
//! gets a folder of its own (`…_3f9a-2`): the first may already have been handed over.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use serde::Serialize;

use super::ExportError;
use super::minutes::DocContext;
use super::names::{ascii_initials, minutes_files, tag};
use crate::domain::organisation::resolve;
use crate::domain::{Agreement, Case, Conversation, Event, Organisation, Student};
use crate::files::{atomic, fsperm};

/// What the JSON file says it is, so a reader knows the layout.
pub const FORMAT: &str = "fokus-student-export/1";

/// The name of the JSON file in the folder.
pub const JSON_FILE: &str = "elevdata.json";

/// The word in the folder's name.
const FOLDER_WORD: &str = "indsigt";

/// The folder in the export that holds copies of the documents written earlier.
pub const DOCUMENTS_FOLDER: &str = "dokumenter";

/// The JSON document.
#[derive(Serialize)]
struct Export<'a> {
    format: &'static str,
    exported_at: NaiveDateTime,
    exported_by: &'a str,
    student: &'a Student,
    /// The address-book entries the student's record points to.
    organisations: Vec<&'a Organisation>,
    conversations: &'a [Conversation],
    agreements: &'a [Agreement],
    /// The timeline, oldest first.
    events: &'a [Event],
    /// The agendas and minutes Fokus wrote about the student to the export folder, by file
    /// name; copies are in the folder `dokumenter`.
    documents: &'a [String],
}

/// The JSON text for `case`. `documents` names the files written about the student earlier.
pub fn json(
    case: &Case,
    book: &[Organisation],
    now: NaiveDateTime,
    user: &str,
    documents: &[String],
) -> String {
    let s = &case.student;
    let mut organisations: Vec<&Organisation> = Vec::new();
    for (id, name) in [
        (s.employer_org, &s.employer),
        (s.school_org, &s.school),
        (s.workplace_org, &s.workplace),
    ] {
        if let Some(org) = resolve(book, id, name)
            && !organisations.iter().any(|o| o.id == org.id)
        {
            organisations.push(org);
        }
    }
    let export = Export {
        format: FORMAT,
        exported_at: now,
        exported_by: user,
        student: s,
        organisations,
        conversations: &case.conversations,
        agreements: &case.agreements,
        events: &case.events,
        documents,
    };
    // Plain data with string keys: serialising it cannot fail.
    serde_json::to_string_pretty(&export).unwrap_or_default()
}

/// The folder name for an export of `case` made at `now`.
pub fn folder_name(case: &Case, now: NaiveDateTime) -> String {
    format!("{}_{FOLDER_WORD}{}", now.format("%Y-%m-%d"), suffix(case))
}

/// What every export folder of the student ends with.
fn suffix(case: &Case) -> String {
    let initials = ascii_initials(&case.student.name);
    let tag = tag("fokus-student", case.id().0);
    if initials.is_empty() {
        format!("_{tag}")
    } else {
        format!("_{initials}_{tag}")
    }
}

/// Writes the export of `case` into a new folder in `dir`: the JSON file, the agenda or
/// minutes of every conversation as PDF, and copies of the documents about the student that
/// Fokus wrote to `minutes_dir` (the export folder) earlier. Everything owner-only and
/// atomic. Returns the paths written, the folder first.
pub fn write(
    dir: &Path,
    minutes_dir: &Path,
    case: &Case,
    cx: &DocContext,
    user: &str,
) -> Result<Vec<PathBuf>, ExportError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::Io { path, source }
    };
    fsperm::private_dir(dir).map_err(io(dir))?;
    let folder = new_folder(dir, &folder_name(case, cx.now));
    fsperm::private_dir(&folder).map_err(io(&folder))?;
    let earlier: Vec<(PathBuf, String)> = minutes_files(minutes_dir, case)
        .into_iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_string();
            (!name.starts_with('.')).then_some((p, name))
        })
        .collect();
    let names: Vec<String> = earlier.iter().map(|(_, n)| n.clone()).collect();
    let mut written = vec![folder.clone()];
    let json_path = folder.join(JSON_FILE);
    let text = json(case, cx.book, cx.now, user, &names);
    atomic::write(&json_path, text.as_bytes()).map_err(io(&json_path))?;
    written.push(json_path);
    for c in &case.conversations {
        let doc = super::minutes::document(case, c, cx);
        let pdf = super::pdf::pdf(&doc)?;
        let path = folder.join(format!("{}.pdf", super::file_stem(case, c)));
        atomic::write(&path, &pdf).map_err(io(&path))?;
        written.push(path);
    }
    if !earlier.is_empty() {
        let copies = folder.join(DOCUMENTS_FOLDER);
        fsperm::private_dir(&copies).map_err(io(&copies))?;
        for (from, name) in &earlier {
            let bytes = std::fs::read(from).map_err(io(from))?;
            let to = copies.join(name);
            atomic::write(&to, &bytes).map_err(io(&to))?;
            written.push(to);
        }
    }
    Ok(written)
}

/// `dir/name`, or `dir/name-2`, `-3` … if that is taken.
fn new_folder(dir: &Path, name: &str) -> PathBuf {
    (1..)
        .map(|n| {
            dir.join(if n == 1 {
                name.to_string()
            } else {
                format!("{name}-{n}")
            })
        })
        .find(|path| !path.exists())
        .unwrap_or_else(|| dir.join(name))
}

/// What Fokus wrote about the student of `case` in `dir` that can be found by its name:
/// every version of the agendas and minutes (and files half-written by a crash) and the
/// access-request folders. For an erasure, which finds what was written since through the
/// register, and these for what was written before there was one. Sorted by name.
pub fn found_by_name(dir: &Path, case: &Case) -> Vec<PathBuf> {
    let mut found = minutes_files(dir, case);
    let suffix = suffix(case);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        // `…_AH_3f9a`, or a later export the same day, `…_AH_3f9a-2`.
        let base = match name.rsplit_once('-') {
            Some((base, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => base,
            _ => name.as_str(),
        };
        let ours = base.ends_with(&suffix)
            && name.contains(&format!("_{FOLDER_WORD}_"))
            && entry.file_type().is_ok_and(|t| t.is_dir());
        if ours {
            found.push(entry.path());
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::tests_support::{case, conv, day};
    use crate::domain::{ConversationState, StudentId};
    use crate::i18n::Lang;

    fn now() -> NaiveDateTime {
        day(11, 23).and_hms_opt(14, 30, 0).unwrap()
    }

    fn cx() -> DocContext<'static> {
        DocContext {
            book: &[],
            lang: Lang::Da,
            now: now(),
            initials: false,
        }
    }

    #[test]
    fn the_json_holds_every_record_and_names_its_format() {
        let mut c = case();
        c.conversations
            .push(conv(7, day(11, 20), ConversationState::Planned));
        let text = json(&c, &[], now(), "hanne", &["a.pdf".into()]);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["format"], FORMAT);
        assert_eq!(value["exported_by"], "hanne");
        assert_eq!(value["student"]["name"], c.student.name.as_str());
        assert_eq!(value["conversations"].as_array().unwrap().len(), 1);
        assert_eq!(value["documents"][0], "a.pdf");
    }

    /// The names of what [`found_by_name`] finds.
    fn found(dir: &Path, c: &Case) -> Vec<String> {
        found_by_name(dir, c)
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn an_export_and_its_minutes_are_found_by_name_and_another_students_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = case();
        c.conversations
            .push(conv(7, day(11, 20), ConversationState::Planned));
        let written = write(dir.path(), dir.path(), &c, &cx(), "hanne").unwrap();
        assert_eq!(written.len(), 3, "{written:?}");
        assert!(written[0].is_dir());
        assert!(written[1].ends_with(JSON_FILE));
        let pdf = std::fs::read(&written[2]).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        super::super::write_minutes(dir.path(), &c, &c.conversations[0], &cx()).unwrap();
        // Another student's export stays.
        let mut other = case();
        other.student.id = StudentId(999);
        write(dir.path(), dir.path(), &other, &cx(), "hanne").unwrap();
        let hers = found(dir.path(), &c);
        assert_eq!(hers.len(), 3, "{hers:?}");
        assert!(
            hers.iter().all(|n| !n.ends_with(&suffix(&other))),
            "{hers:?}"
        );
        let theirs = found(dir.path(), &other);
        assert_eq!(theirs.len(), 1, "{theirs:?}");
        assert!(theirs[0].ends_with(&suffix(&other)));
    }

    #[test]
    fn a_second_export_the_same_day_gets_its_own_folder_and_both_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let c = case();
        let first = write(dir.path(), dir.path(), &c, &cx(), "hanne").unwrap();
        let second = write(dir.path(), dir.path(), &c, &cx(), "hanne").unwrap();
        assert_ne!(first[0], second[0]);
        assert!(
            second[0]
                .to_string_lossy()
                .ends_with(&format!("{}-2", suffix(&c))),
            "{second:?}"
        );
        assert!(first[1].exists(), "the first export is left as it was");
        assert_eq!(
            found_by_name(dir.path(), &c),
            vec![first[0].clone(), second[0].clone()]
        );
    }
}
