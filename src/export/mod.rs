//! A conversation as documents to send: its agenda before the meeting, its minutes after —
//! a PDF for secure mail and the training book, and Markdown for anyone who wants plain
//! text.
//!
//! The work is split so each step can be tested on its own:
//! - [`minutes::document`] lays the conversation out like the cooperation agreement's
//!   agenda/minutes template, as a format-neutral [`MinutesDoc`] holding only finished text
//!   (every fixed word from the catalog, Danish or English);
//! - [`markdown::markdown`] and [`pdf::pdf`] turn that document into bytes;
//! - [`names::write_minutes`] names the files and writes them owner-only and atomically,
//!   never over a document already written.
//!
//! Nothing here reads the clock: the time the document was made is a parameter.

pub mod cooperation;
pub mod ics;
pub mod markdown;
pub mod minutes;
pub mod names;
pub mod pdf;
pub mod student;

use std::io;
use std::path::PathBuf;

use crate::i18n::{Lang, T};

pub use markdown::markdown;
pub use minutes::{
    Block, DocContext, DocKind, Field, ListItem, MinutesDoc, NetworkMap, ParticipantRow,
    Participants, Section, Table, document,
};
pub use names::{Written, file_stem, write_minutes};
pub use pdf::pdf;
pub use student::found_by_name;

/// The calendar file written from the application, in the export folder.
pub const CALENDAR_FILE: &str = "fokus-kalender.ics";
/// How many days ahead a calendar reaches unless told otherwise.
pub const CALENDAR_DAYS: i64 = 365;

/// Why the minutes could not be exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The embedded font could not be read (a broken build, not a user error).
    #[error("the embedded font could not be read")]
    Font,
    /// The PDF library refused the document.
    #[error("the PDF could not be made: {0}")]
    Pdf(String),
    /// A file or folder could not be written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl ExportError {
    /// The error as a sentence for the user, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ExportError::Font => lang.t(T::ExportFont).to_string(),
            ExportError::Pdf(error) => lang.fill(T::ExportPdf, &[("error", error)]),
            ExportError::Io { path, source } => lang.fill(
                T::ExportIo,
                &[
                    ("path", &path.display().to_string()),
                    (
                        "error",
                        &crate::i18n::io_error(lang, source.kind(), &source.to_string()),
                    ),
                ],
            ),
        }
    }
}
