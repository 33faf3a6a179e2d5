//! The workflows the application and the command line share: each loads what it needs
//! from the store, writes its files, notes them in the register and says what came of
//! it, once. The callers only turn the result into a message on the screen or a line
//! and an exit code; the rules themselves stay in `domain`, `export`, `import` and
//! `privacy`.

pub mod calendar;
pub mod cooperation;
pub mod demo;
pub mod erase;
pub mod import;
pub mod minutes;
pub mod stats;
pub mod student;

use std::path::PathBuf;

use crate::export::ExportError;
use crate::i18n::{self, Lang, T};
use crate::import::ImportError;
use crate::privacy::files::NoteError;
use crate::store::StoreError;

/// Why a workflow stopped.
#[derive(Debug, thiserror::Error)]
pub enum OpError {
    /// The database could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A document or calendar could not be written.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// A student list could not be read.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// The conversation to export is no longer in the case.
    #[error("the conversation is no longer there")]
    ConversationGone,
    /// The files `paths` were written but could not be noted in the register, so an
    /// erasure will not find them.
    #[error("{error}")]
    NotNoted {
        paths: Vec<PathBuf>,
        error: NoteError,
    },
}

impl OpError {
    /// The error as a sentence for the user, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            OpError::Store(e) => i18n::store_error(lang, e),
            OpError::Export(e) => e.message(lang),
            OpError::Import(e) => e.message(lang),
            OpError::ConversationGone => lang.t(T::ConversationGone).to_string(),
            OpError::NotNoted { paths, error } => error.message(lang, paths),
        }
    }

    /// The database error behind this one, if it is one.
    pub fn store(&self) -> Option<&StoreError> {
        match self {
            OpError::Store(e) => Some(e),
            _ => None,
        }
    }
}

/// Notes `paths`, just written, in the register with `note`; a failure keeps the paths
/// for the message.
fn noted(
    paths: Vec<PathBuf>,
    note: impl FnOnce(&[PathBuf]) -> Result<(), NoteError>,
) -> Result<Vec<PathBuf>, OpError> {
    match note(&paths) {
        Ok(()) => Ok(paths),
        Err(error) => Err(OpError::NotNoted { paths, error }),
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! A store with one student who has one conversation, for the workflows' tests.

    use chrono::{NaiveDate, NaiveDateTime};

    use crate::store::SledStore;

    pub fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }

    /// A fresh database in `dir` filled with the demo students.
    pub fn demo_store(dir: &std::path::Path) -> SledStore {
        let store = SledStore::open(dir).unwrap();
        super::demo::fill(&store, now().date()).unwrap();
        store
    }
}
