//! Erasing a student everywhere Fokus put their data, for the application (`D`) and the
//! command line (`fokus erase-student`) alike: the draft journals about them, the files
//! Fokus wrote about them (found through the register, and by name in the export folder
//! for files written before there was one), the calendars and backups written outside the
//! database, rewritten without them — then the database and its backup folder, with a
//! receipt naming every file that could not be removed.
//!
//! A file is deleted or rewritten only while it is exactly as Fokus wrote it: one changed
//! since is someone else's work, and one that is not where it was written may be anywhere.
//! Those are named on the screen and on the receipt for the user to deal with. A journal
//! about another student stays, even when the erasure has to name it.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::Footprint;
use super::files::{absolute, sha256_of};
use crate::app::draft::Draft;
use crate::domain::{
    Case, ConversationId, FileKind, LeftFile, LeftWhy, Receipt, StudentId, WrittenFile,
};
use crate::export::{self, ics};
use crate::files::atomic;
use crate::i18n::{self, Lang, T};
use crate::store::codec::Sealing;
use crate::store::{Mode, Store, StoreError, backup, journal, register};

/// Where an erasure looks besides the register.
#[derive(Clone, Copy, Debug)]
pub struct Places<'a> {
    /// The database folder, where the draft journals are; `None` when there is none.
    pub db_dir: Option<&'a Path>,
    /// The export folder, where files written before the register are found by name.
    pub export_dir: &'a Path,
}

/// What an erasure did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Erasure {
    /// The receipt kept; it names the files left ([`Receipt::left`]).
    pub receipt: Receipt,
    /// Files and folders deleted, with what each was.
    pub deleted: Vec<(PathBuf, FileKind)>,
    /// Calendars and backups rewritten without the student.
    pub rewritten: Vec<(PathBuf, FileKind)>,
}

/// Erases the student of `case` everywhere, leaving `receipt` with the files that could
/// not be removed (the reasons worded in `lang`). Nothing is touched unless the database
/// can be written.
pub fn erase(
    store: &dyn Store,
    case: &Case,
    receipt: Receipt,
    places: Places,
    lang: Lang,
) -> Result<Erasure, StoreError> {
    writable(store)?;
    let registered = store.written_files()?;
    let mut work = Work::new(case, &receipt, lang, store.sealing());
    work.registered(&registered);
    work.found_by_name(places.export_dir, &registered);
    if let Some(dir) = places.db_dir {
        work.journals(dir);
    }
    // The calendars and backups as they are now come first: should the erasure below
    // fail, the register still describes the files.
    store.note_files(&work.updated)?;
    let receipt = Receipt {
        left: work.left,
        ..receipt
    };
    store.erase_student(case, &receipt)?;
    Ok(Erasure {
        receipt,
        deleted: work.deleted,
        rewritten: work.rewritten,
    })
}

/// Waits for the check made at opening, and refuses a database that cannot be written.
fn writable(store: &dyn Store) -> Result<(), StoreError> {
    loop {
        match store.mode() {
            Mode::Writable => return Ok(()),
            Mode::ReadOnly(reason) => return Err(StoreError::ReadOnly(reason)),
            Mode::Checking => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// A registered file compared with what was written.
enum State {
    Unchanged,
    Changed,
    Missing,
    Unreadable(io::Error),
}

fn state(file: &WrittenFile) -> State {
    match sha256_of(&file.path) {
        Ok(sum) if Some(sum) == file.sha256 => State::Unchanged,
        Ok(_) => State::Changed,
        Err(e) if e.kind() == io::ErrorKind::NotFound => State::Missing,
        Err(e) => State::Unreadable(e),
    }
}

/// The erasure's work on the files, and what it found.
struct Work<'a> {
    case: &'a Case,
    student: StudentId,
    conversations: Vec<ConversationId>,
    now: chrono::NaiveDateTime,
    lang: Lang,
    deleted: Vec<(PathBuf, FileKind)>,
    rewritten: Vec<(PathBuf, FileKind)>,
    left: Vec<LeftFile>,
    /// Register records of calendars and backups as they are after the work.
    updated: Vec<WrittenFile>,
    /// How the database's records, backups and journals are sealed.
    sealing: Sealing,
}

impl<'a> Work<'a> {
    fn new(case: &'a Case, receipt: &Receipt, lang: Lang, sealing: Sealing) -> Work<'a> {
        Work {
            case,
            student: case.id(),
            conversations: case.conversations.iter().map(|c| c.id).collect(),
            now: receipt.at,
            lang,
            deleted: Vec::new(),
            rewritten: Vec::new(),
            left: Vec::new(),
            updated: Vec::new(),
            sealing,
        }
    }

    fn leave(&mut self, path: &Path, kind: FileKind, why: LeftWhy) {
        self.left.push(LeftFile {
            path: path.to_path_buf(),
            kind,
            why,
        });
    }

    fn failed(&mut self, path: &Path, kind: FileKind, e: &io::Error) {
        let reason = i18n::io_error(self.lang, e.kind(), &e.to_string());
        self.leave(path, kind, LeftWhy::Failed(reason));
    }

    /// The files of the register: the student's deleted, every calendar and the student's
    /// backups rewritten without them; then the folders made for them, deepest first.
    fn registered(&mut self, registered: &[WrittenFile]) {
        for file in registered {
            match file.kind {
                FileKind::Calendar => self.calendar(file),
                FileKind::Backup if file.holds(self.student) => self.backup(file),
                FileKind::Minutes | FileKind::AccessExport | FileKind::Journal
                    if file.holds(self.student) =>
                {
                    self.delete(file)
                }
                _ => {}
            }
        }
        let mut folders: Vec<&WrittenFile> = registered
            .iter()
            .filter(|f| f.kind == FileKind::AccessFolder && f.holds(self.student))
            .collect();
        folders.sort_by_key(|f| std::cmp::Reverse(f.path.components().count()));
        for folder in folders {
            match std::fs::remove_dir(&folder.path) {
                Ok(()) => self.deleted.push((folder.path.clone(), folder.kind)),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    self.leave(&folder.path, folder.kind, LeftWhy::Missing)
                }
                Err(e) if e.kind() == io::ErrorKind::DirectoryNotEmpty => {
                    self.leave(&folder.path, folder.kind, LeftWhy::NotEmpty)
                }
                Err(e) => self.failed(&folder.path, folder.kind, &e),
            }
        }
    }

    /// Deletes a file that holds the student, if it is as Fokus wrote it.
    fn delete(&mut self, file: &WrittenFile) {
        let (path, kind) = (&file.path, file.kind);
        match state(file) {
            State::Unchanged => match atomic::remove(path) {
                Ok(()) => {
                    self.deleted.push((path.clone(), kind));
                    remove_half_written(path);
                }
                Err(e) => self.failed(path, kind, &e),
            },
            State::Changed => self.leave(path, kind, LeftWhy::Changed),
            State::Missing => {
                remove_half_written(path);
                self.leave(path, kind, LeftWhy::Missing)
            }
            State::Unreadable(e) => self.failed(path, kind, &e),
        }
    }

    /// Takes the student's entries out of a calendar Fokus wrote. Every calendar is
    /// looked at, whether the register says it holds the student or not: what it holds is
    /// read from its entries, which carry the conversations' ids.
    fn calendar(&mut self, file: &WrittenFile) {
        let (path, kind) = (&file.path, file.kind);
        let listed = file.holds(self.student);
        let text = std::fs::read(path).map(|b| String::from_utf8_lossy(&b).into_owned());
        match (state(file), text) {
            (State::Unchanged, Ok(text)) => match ics::without(&text, &self.conversations) {
                Some(rest) => match atomic::write(path, rest.as_bytes()) {
                    Ok(()) => {
                        self.rewritten.push((path.clone(), kind));
                        let rewritten = WrittenFile {
                            sha256: sha256_of(path).ok(),
                            written_at: self.now,
                            ..file.without(self.student)
                        };
                        self.updated.push(rewritten);
                    }
                    Err(e) => self.failed(path, kind, &e),
                },
                None if listed => self.updated.push(file.without(self.student)),
                None => {}
            },
            (State::Changed, Ok(text))
                if listed || ics::without(&text, &self.conversations).is_some() =>
            {
                self.leave(path, kind, LeftWhy::Changed)
            }
            (State::Missing, _) if listed => self.leave(path, kind, LeftWhy::Missing),
            (State::Unreadable(e), _) if listed => self.failed(path, kind, &e),
            (_, Err(e)) if listed && e.kind() != io::ErrorKind::NotFound => {
                self.failed(path, kind, &e)
            }
            _ => {}
        }
    }

    /// Rewrites a backup written with `fokus backup FILE` without the student, as the
    /// backups in the database folder are.
    fn backup(&mut self, file: &WrittenFile) {
        let (path, kind) = (&file.path, file.kind);
        match state(file) {
            State::Unchanged => {
                let footprint = Footprint::of(self.case);
                let sealing = &self.sealing;
                let purger = |tree: crate::store::TreeName, key: &[u8], value: &[u8]| {
                    register::purge(sealing, &footprint, tree, key, value)
                };
                match backup::purge_file(path, &purger) {
                    Ok(true) => {
                        self.rewritten.push((path.clone(), kind));
                        self.updated.push(WrittenFile {
                            sha256: sha256_of(path).ok(),
                            ..file.without(self.student)
                        });
                    }
                    Ok(false) => self.updated.push(file.without(self.student)),
                    Err(e) => {
                        let reason = i18n::backup_error(self.lang, &e);
                        self.leave(path, kind, LeftWhy::Failed(reason));
                    }
                }
            }
            State::Changed => self.leave(path, kind, LeftWhy::Changed),
            State::Missing => self.leave(path, kind, LeftWhy::Missing),
            State::Unreadable(e) => self.failed(path, kind, &e),
        }
    }

    /// What was written about the student in the export folder before the register
    /// existed, found by its name: deleted, as earlier versions of Fokus promised; and the
    /// calendar Fokus wrote there, without the student's entries.
    fn found_by_name(&mut self, export_dir: &Path, registered: &[WrittenFile]) {
        let known: HashSet<&Path> = registered.iter().map(|f| f.path.as_path()).collect();
        let is_known = |p: &Path| absolute(p).is_ok_and(|a| known.contains(a.as_path()));
        for path in export::found_by_name(export_dir, self.case) {
            if is_known(&path) {
                continue;
            }
            if path.is_dir() {
                let inside = files_under(&path);
                match std::fs::remove_dir_all(&path) {
                    Ok(()) => {
                        let files = inside.into_iter().map(|p| (p, FileKind::AccessExport));
                        self.deleted.extend(files);
                        self.deleted.push((path, FileKind::AccessFolder));
                    }
                    Err(e) => self.failed(&path, FileKind::AccessFolder, &e),
                }
            } else {
                match atomic::remove(&path) {
                    Ok(()) => self.deleted.push((path, FileKind::Minutes)),
                    Err(e) => self.failed(&path, FileKind::Minutes, &e),
                }
            }
        }
        let calendar = export_dir.join(export::CALENDAR_FILE);
        if is_known(&calendar) {
            return;
        }
        let Ok(text) = std::fs::read_to_string(&calendar) else {
            return;
        };
        if let Some(rest) = ics::without(&text, &self.conversations) {
            match atomic::write(&calendar, rest.as_bytes()) {
                Ok(()) => self.rewritten.push((calendar, FileKind::Calendar)),
                Err(e) => self.failed(&calendar, FileKind::Calendar, &e),
            }
        }
    }

    /// The draft journals in the database folder: those about the student are deleted,
    /// those about someone else stay.
    fn journals(&mut self, dir: &Path) {
        let kind = FileKind::Journal;
        let all = match journal::all(dir) {
            Ok(all) => all,
            Err(e) => {
                self.failed(dir, kind, &e);
                return;
            }
        };
        for path in all {
            match about(&path, self.case, &self.sealing) {
                Ok(About::Them) => match atomic::remove(&path) {
                    Ok(()) => self.deleted.push((path, kind)),
                    Err(e) => self.failed(&path, kind, &e),
                },
                Ok(About::Other { names_them: true }) => {
                    self.leave(&path, kind, LeftWhy::NamesStudent)
                }
                Ok(About::Other { names_them: false }) => {}
                Ok(About::Unknown) => self.leave(&path, kind, LeftWhy::Unreadable),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => self.failed(&path, kind, &e),
            }
        }
    }
}

/// Removes temporary files a crash left beside `path` while it was being written
/// (`.<name>.<process>.tmp`): they hold what the file held.
fn remove_half_written(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let entry_name = entry.file_name().to_string_lossy().into_owned();
        let pid = entry_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"));
        if pid.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Every file under `dir`, for saying what a removed folder held.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Whom a draft journal is about.
#[derive(Debug, PartialEq, Eq)]
enum About {
    /// The student being erased: a draft of theirs, or one that cannot be read but holds
    /// their name.
    Them,
    /// Another student; `names_them` when its text holds the erased student's name.
    Other { names_them: bool },
    /// It cannot be read, and nothing in it points to the student.
    Unknown,
}

fn about(path: &Path, case: &Case, sealing: &Sealing) -> io::Result<About> {
    let bytes = std::fs::read(path)?;
    let name = &case.student.name;
    Ok(match journal::decode_any::<Draft>(sealing, &bytes) {
        Some(draft) if draft.students().contains(&case.id()) => About::Them,
        Some(draft) => About::Other {
            // What was typed, as text: a sealed journal's bytes show nothing.
            names_them: serde_json::to_vec(&draft).is_ok_and(|text| names(&text, name)),
        },
        None if names(&bytes, name) => About::Them,
        None => About::Unknown,
    })
}

/// Whether `bytes` hold `name`, in any case and with any spacing between its words.
fn names(bytes: &[u8], name: &str) -> bool {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return false;
    }
    let text = String::from_utf8_lossy(bytes).to_lowercase();
    let text: Vec<&str> = text.split_whitespace().collect();
    let flat = text.join(" ");
    flat.contains(&words.join(" "))
}

/// How much [`describe`] lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Everything, every path: for the command line.
    Full,
    /// Counts, the rewritten files and at most this many of the files left: for a dialog.
    Screen { left: usize },
}

/// What an erasure did, in sentences: the receipt, what was deleted and rewritten, and
/// every file left with the reason. On a screen the files left come right after the first
/// line, since they are what the user has to act on.
pub fn describe(e: &Erasure, lang: Lang, detail: Detail) -> Vec<String> {
    let left = &e.receipt.left;
    let receipt = e.receipt.id.as_str();
    let headline = if left.is_empty() {
        lang.fill(T::ErasedAll, &[("receipt", receipt)])
    } else {
        lang.fill(
            T::ErasedExceptLeft,
            &[("n", &left.len().to_string()), ("receipt", receipt)],
        )
    };
    let done = done_lines(e, lang, detail);
    let mut left_lines = Vec::new();
    if !left.is_empty() {
        left_lines.push(lang.t(T::ErasedLeftHeading).to_string());
        let shown = match detail {
            Detail::Full => left.len(),
            Detail::Screen { left: most } => most.min(left.len()),
        };
        for file in &left[..shown] {
            left_lines.push(lang.fill(
                T::ErasedLeftLine,
                &[
                    ("path", &file.path.display().to_string()),
                    ("why", &why(lang, &file.why)),
                ],
            ));
        }
        if shown < left.len() {
            let more = (left.len() - shown).to_string();
            left_lines.push(lang.fill(T::ErasedLeftMore, &[("n", &more)]));
        }
    }
    let mut lines = vec![headline];
    match detail {
        Detail::Full => lines.extend(done.into_iter().chain(left_lines)),
        Detail::Screen { .. } => lines.extend(left_lines.into_iter().chain(done)),
    }
    lines
}

/// What was deleted (counted, and every path when `detail` is full) and rewritten.
fn done_lines(e: &Erasure, lang: Lang, detail: Detail) -> Vec<String> {
    let mut lines = Vec::new();
    let count = |kind: FileKind| e.deleted.iter().filter(|(_, k)| *k == kind).count();
    let documents = count(FileKind::Minutes);
    if documents > 0 {
        lines.push(lang.fill(T::ErasedDocuments, &[("n", &documents.to_string())]));
    }
    let exports = e
        .deleted
        .iter()
        .filter(|(p, k)| {
            *k == FileKind::AccessFolder
                && p.file_name()
                    .is_some_and(|n| n != export::student::DOCUMENTS_FOLDER)
        })
        .count();
    let export_files = count(FileKind::AccessExport);
    if exports + export_files > 0 {
        lines.push(lang.fill(
            T::ErasedAccess,
            &[
                ("n", &exports.to_string()),
                ("files", &export_files.to_string()),
            ],
        ));
    }
    let drafts = count(FileKind::Journal);
    if drafts > 0 {
        lines.push(lang.fill(T::ErasedDrafts, &[("n", &drafts.to_string())]));
    }
    if detail == Detail::Full {
        let mut deleted: Vec<&(PathBuf, FileKind)> = e.deleted.iter().collect();
        deleted.sort_by_key(|(p, k)| (*k, p.clone()));
        lines.extend(deleted.iter().map(|(p, _)| format!("  {}", p.display())));
    }
    for (path, kind) in &e.rewritten {
        let key = match kind {
            FileKind::Backup => T::ErasedBackupFile,
            _ => T::ErasedCalendar,
        };
        lines.push(lang.fill(key, &[("path", &path.display().to_string())]));
    }
    if e.rewritten.iter().any(|(_, k)| *k == FileKind::Calendar) {
        lines.push(lang.t(T::ErasedOutlook).to_string());
    }
    lines
}

/// Why a file was left, in a few words.
pub fn why(lang: Lang, why: &LeftWhy) -> String {
    match why {
        LeftWhy::Changed => lang.t(T::LeftChanged).to_string(),
        LeftWhy::Missing => lang.t(T::LeftMissing).to_string(),
        LeftWhy::NotEmpty => lang.t(T::LeftNotEmpty).to_string(),
        LeftWhy::Unreadable => lang.t(T::LeftUnreadable).to_string(),
        LeftWhy::NamesStudent => lang.t(T::LeftNamesStudent).to_string(),
        LeftWhy::Failed(error) => lang.fill(T::LeftFailed, &[("error", error)]),
    }
}

/// The lines a receipt adds to `fokus receipts`: each file its erasure left.
pub fn receipt_lines(lang: Lang, receipt: &Receipt) -> Vec<String> {
    receipt
        .left
        .iter()
        .map(|f| {
            lang.fill(
                T::ReceiptLeftLine,
                &[
                    ("path", &f.path.display().to_string()),
                    ("why", &why(lang, &f.why)),
                ],
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_found_in_any_case_and_spacing_but_not_in_part() {
        assert!(names(
            "notat: jonas\n ÆRENLUND kom".as_bytes(),
            "Jonas Ærenlund"
        ));
        assert!(!names("Jonas kom".as_bytes(), "Jonas Ærenlund"));
        assert!(!names(b"anything", "  "));
    }

    fn erasure(left: usize) -> Erasure {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let mut receipt = super::super::receipt(at, &crate::domain::Actor::login_only("hanne"));
        receipt.left = (0..left)
            .map(|i| LeftFile {
                path: PathBuf::from(format!("/ud/{i}.md")),
                kind: FileKind::Minutes,
                why: LeftWhy::Changed,
            })
            .collect();
        Erasure {
            receipt,
            deleted: vec![
                ("/ud/a.pdf".into(), FileKind::Minutes),
                ("/ud/a.md".into(), FileKind::Minutes),
                ("/ud/x_indsigt_AH_1a2b".into(), FileKind::AccessFolder),
                (
                    "/ud/x_indsigt_AH_1a2b/dokumenter".into(),
                    FileKind::AccessFolder,
                ),
                (
                    "/ud/x_indsigt_AH_1a2b/elevdata.json".into(),
                    FileKind::AccessExport,
                ),
                ("/db/draft.journal".into(), FileKind::Journal),
            ],
            rewritten: vec![
                ("/ud/k.ics".into(), FileKind::Calendar),
                ("/ud/b.fokusbak".into(), FileKind::Backup),
            ],
        }
    }

    #[test]
    fn the_confirmation_says_what_went_what_was_rewritten_and_what_was_left() {
        for lang in [Lang::Da, Lang::En] {
            let five = erasure(5);
            let full = describe(&five, lang, Detail::Full);
            assert!(full.iter().all(|l| !l.contains('{')), "{full:?}");
            assert!(full[0].contains('5') && full[0].contains(&five.receipt.id));
            for path in ["/ud/a.pdf", "/ud/k.ics", "/ud/b.fokusbak", "/ud/4.md"] {
                assert!(full.iter().any(|l| l.contains(path)), "{path}: {full:?}");
            }
            let screen = describe(&erasure(5), lang, Detail::Screen { left: 3 });
            assert!(
                !screen.iter().any(|l| l.contains("/ud/a.pdf")),
                "{screen:?}"
            );
            assert!(screen.iter().any(|l| l.contains("/ud/2.md")));
            assert!(!screen.iter().any(|l| l.contains("/ud/3.md")));
            assert!(
                screen
                    .iter()
                    .any(|l| l.contains('2') && l.contains("receipts"))
            );
        }
        let da = describe(&erasure(0), Lang::Da, Detail::Full);
        assert!(da[0].starts_with("Eleven er slettet helt"), "{da:?}");
        for line in [
            "Slettet: 2 fil(er) med dagsordener og referater (PDF og Markdown).",
            "Slettet: 1 indsigtsudtræk med 1 fil(er).",
            "Slettet: 1 kladde(r), der ikke var gemt.",
        ] {
            assert!(da.iter().any(|l| l == line), "{line}: {da:?}");
        }
    }
}
