//! The files Fokus writes outside its database folder — agendas and minutes, access-request
//! exports, calendars, backups written by hand — as it keeps track of them, so that erasing
//! a student can find every one again: where it is, what it is, whose data it holds and
//! what it held when written. And the files an erasure could not remove, as the receipt
//! names them so the user can act.

use std::path::PathBuf;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::StudentId;

/// What a file written by Fokus is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FileKind {
    /// An agenda or minutes, as PDF or Markdown.
    Minutes,
    /// A file of an access-request export: its JSON, a PDF, a copy of a document.
    AccessExport,
    /// The folder of an access-request export, or its folder of copies.
    AccessFolder,
    /// A calendar (iCalendar).
    Calendar,
    /// A backup written with `fokus backup FILE`.
    Backup,
    /// A draft journal in the database folder. Never in the register (the database folder
    /// is searched instead); named on a receipt when one could not be removed.
    Journal,
}

/// A file (or folder) Fokus wrote, as its register holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrittenFile {
    /// Where it was written, as an absolute path.
    pub path: PathBuf,
    pub kind: FileKind,
    /// The students whose data it holds, in id order.
    pub students: Vec<StudentId>,
    /// The SHA-256 of what was written; `None` for a folder.
    pub sha256: Option<[u8; 32]>,
    pub written_at: NaiveDateTime,
}

impl WrittenFile {
    /// Whether it holds data about `student`.
    pub fn holds(&self, student: StudentId) -> bool {
        self.students.contains(&student)
    }

    /// The same file holding no data about `student` any more.
    pub fn without(&self, student: StudentId) -> WrittenFile {
        WrittenFile {
            students: self
                .students
                .iter()
                .copied()
                .filter(|s| *s != student)
                .collect(),
            ..self.clone()
        }
    }
}

/// A file an erasure could not remove, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftFile {
    pub path: PathBuf,
    pub kind: FileKind,
    pub why: LeftWhy,
}

/// Why an erasure left a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LeftWhy {
    /// It differs from what Fokus wrote: someone changed or replaced it, so it is not
    /// Fokus's to delete.
    Changed,
    /// It is not where Fokus wrote it: moved, deleted already, or on a drive that is not
    /// connected.
    Missing,
    /// A folder that still holds files after Fokus removed its own.
    NotEmpty,
    /// A draft journal that cannot be read: Fokus cannot tell whom it is about.
    Unreadable,
    /// A draft journal about another student whose text names this one.
    NamesStudent,
    /// Removing or rewriting it failed, with the system's reason.
    Failed(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_without_a_student_keeps_everything_but_them() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let f = WrittenFile {
            path: "/tmp/fokus-kalender.ics".into(),
            kind: FileKind::Calendar,
            students: vec![StudentId(3), StudentId(7)],
            sha256: Some([1; 32]),
            written_at: at,
        };
        assert!(f.holds(StudentId(7)));
        let g = f.without(StudentId(7));
        assert!(!g.holds(StudentId(7)));
        assert_eq!(g.students, vec![StudentId(3)]);
        assert_eq!((g.path, g.sha256, g.kind), (f.path, f.sha256, f.kind));
    }
}
