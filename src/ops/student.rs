//! Exporting everything held about one student, for an access request, noted in the
//! register so an erasure finds it.

use std::path::{Path, PathBuf};

use super::{OpError, noted};
use crate::domain::StudentId;
use crate::export::{self, DocContext};
use crate::privacy::files;
use crate::store::Store;

/// Writes the access-request export of `student` into a new folder in `dir`, with copies
/// of the documents found in `export_dir`, made by `by`; returns the folder first, then
/// every file.
pub fn export(
    store: &dyn Store,
    dir: &Path,
    export_dir: &Path,
    student: StudentId,
    cx: &DocContext,
    by: &str,
) -> Result<Vec<PathBuf>, OpError> {
    let case = store.load_case(student)?;
    let paths = export::student::write(dir, export_dir, &case, cx, by)?;
    noted(paths, |paths| {
        files::note_access_export(store, paths, case.id(), cx.now)
    })
}
