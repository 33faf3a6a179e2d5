//! Printing a student's team file (samarbejdsmodellen): one tool or all five, as PDF and
//! Markdown, noted in the register so an erasure finds them.

use std::path::Path;

use super::{OpError, noted};
use crate::domain::{FileKind, StudentId};
use crate::export::cooperation::{self, Tool};
use crate::export::{DocContext, Written};
use crate::privacy::files;
use crate::store::Store;

/// Writes `tool` (all five when `None`) of `student`'s team file to `dir` and notes it.
pub fn export(
    store: &dyn Store,
    dir: &Path,
    student: StudentId,
    tool: Option<Tool>,
    cx: &DocContext,
) -> Result<Written, OpError> {
    let case = store.load_case(student)?;
    let written = cooperation::write(dir, &case, tool, cx)?;
    noted(written.files(), |paths| {
        files::note(store, paths, FileKind::Minutes, &[case.id()], cx.now)
    })?;
    Ok(written)
}
