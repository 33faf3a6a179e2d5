//! Exporting the agenda or minutes of conversations as PDF and Markdown, noted in the
//! register so an erasure finds them.

use std::path::Path;

use super::{OpError, noted};
use crate::domain::{Case, ConversationId, ConversationState, FileKind, StudentId};
use crate::export::{self, DocContext, Written};
use crate::privacy::files;
use crate::store::Store;

/// Writes the document of `conversation` of `student` to `dir` and notes it. A document
/// already there unchanged is left as it is ([`Written::new`] is false) and only what was
/// written is noted again.
pub fn export(
    store: &dyn Store,
    dir: &Path,
    student: StudentId,
    conversation: ConversationId,
    cx: &DocContext,
) -> Result<Written, OpError> {
    let case = store.load_case(student)?;
    let c = case
        .conversation(conversation)
        .ok_or(OpError::ConversationGone)?;
    let written = export::write_minutes(dir, &case, c, cx)?;
    noted(written.files(), |paths| note(store, &case, paths, cx))?;
    Ok(written)
}

/// What [`export_all`] wrote, and why it stopped if it did.
#[derive(Debug)]
pub struct AllWritten {
    /// The documents written (or found unchanged), in the case's order.
    pub written: Vec<Written>,
    /// An [`OpError::Export`] when a document could not be written (those before it are
    /// noted all the same), or an [`OpError::NotNoted`] when the register could not be
    /// written.
    pub error: Option<OpError>,
}

/// Writes the document of every conversation of `student` that is not cancelled to `dir`,
/// and notes them. Only reading the case stops it before anything is written.
pub fn export_all(
    store: &dyn Store,
    dir: &Path,
    student: StudentId,
    cx: &DocContext,
) -> Result<AllWritten, OpError> {
    let case = store.load_case(student)?;
    let mut written = Vec::new();
    let mut paths = Vec::new();
    for c in &case.conversations {
        if matches!(c.state, ConversationState::Cancelled { .. }) {
            continue;
        }
        match export::write_minutes(dir, &case, c, cx) {
            Ok(w) => {
                paths.extend(w.files());
                written.push(w);
            }
            Err(e) => {
                // What was written before the failure is noted all the same.
                let _ = note(store, &case, &paths, cx);
                return Ok(AllWritten {
                    written,
                    error: Some(e.into()),
                });
            }
        }
    }
    let error = noted(paths, |paths| note(store, &case, paths, cx)).err();
    Ok(AllWritten { written, error })
}

fn note(
    store: &dyn Store,
    case: &Case,
    paths: &[std::path::PathBuf],
    cx: &DocContext,
) -> Result<(), files::NoteError> {
    files::note(store, paths, FileKind::Minutes, &[case.id()], cx.now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::ops::testing::{demo_store, now};

    fn cx(book: &[crate::domain::Organisation]) -> DocContext<'_> {
        DocContext {
            book,
            lang: Lang::Da,
            now: now(),
            initials: false,
        }
    }

    /// A demo student with a conversation that is not cancelled.
    fn with_conversation(store: &dyn Store) -> (StudentId, ConversationId) {
        store
            .summaries()
            .unwrap()
            .iter()
            .find_map(|s| {
                let case = store.load_case(s.id).unwrap();
                let c = case
                    .conversations
                    .iter()
                    .find(|c| !matches!(c.state, ConversationState::Cancelled { .. }))?;
                Some((s.id, c.id))
            })
            .unwrap()
    }

    #[test]
    fn exporting_minutes_twice_reports_the_second_as_unchanged_and_notes_the_files_once() {
        let db = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let store = demo_store(db.path());
        let book = store.organisations().unwrap();
        let (student, conversation) = with_conversation(&store);

        let first = export(&store, out.path(), student, conversation, &cx(&book)).unwrap();
        let second = export(&store, out.path(), student, conversation, &cx(&book)).unwrap();

        assert!(first.new);
        assert!(!second.new);
        assert_eq!((first.pdf, first.md), (second.pdf, second.md));
        let noted = store.written_files().unwrap();
        assert_eq!(noted.len(), 2, "{noted:?}");
        assert!(noted.iter().all(|f| f.kind == FileKind::Minutes));
        assert!(noted.iter().all(|f| f.students == [student]));
    }

    #[test]
    fn a_conversation_gone_is_said_and_nothing_is_written() {
        let db = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let store = demo_store(db.path());
        let book = store.organisations().unwrap();
        let (student, _) = with_conversation(&store);

        let result = export(
            &store,
            out.path(),
            student,
            ConversationId(u64::MAX),
            &cx(&book),
        );

        assert!(matches!(result, Err(OpError::ConversationGone)));
        assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
        assert!(store.written_files().unwrap().is_empty());
    }
}
