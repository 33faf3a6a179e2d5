//! Noting the files Fokus writes outside its database folder in the register, so an
//! erasure can find them again, and telling later whether a file is still as it was
//! written.

use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use crate::domain::{FileKind, StudentId, WrittenFile};
use crate::i18n::{self, Lang, T};
use crate::store::{Store, StoreError};

/// Why a file that was written could not be noted in the register.
#[derive(Debug, thiserror::Error)]
pub enum NoteError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl NoteError {
    /// What the user is told: the files are written, but an erasure will not find them.
    pub fn message(&self, lang: Lang, paths: &[PathBuf]) -> String {
        let error = match self {
            NoteError::Io { source, .. } => {
                i18n::io_error(lang, source.kind(), &source.to_string())
            }
            NoteError::Store(e) => i18n::store_error(lang, e),
        };
        let files: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        lang.fill(
            T::NoteFailed,
            &[("error", &error), ("files", &files.join(", "))],
        )
    }
}

/// The SHA-256 of the file at `path`.
pub fn sha256_of(path: &Path) -> io::Result<[u8; 32]> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hash.update(&buf[..n]);
    }
    Ok(hash.finalize().into())
}

/// `path` as an absolute path with its folder's symbolic links and `..` resolved, so the
/// same file written under two spellings has one record.
pub fn absolute(path: &Path) -> io::Result<PathBuf> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    Ok(std::fs::canonicalize(parent)?.join(name))
}

/// The register's record of the file or folder just written at `path`.
pub fn written(
    path: &Path,
    kind: FileKind,
    students: &[StudentId],
    now: NaiveDateTime,
) -> Result<WrittenFile, NoteError> {
    let io = |source| NoteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let sha256 = if path.is_dir() {
        None
    } else {
        Some(sha256_of(path).map_err(io)?)
    };
    Ok(WrittenFile {
        path: absolute(path).map_err(io)?,
        kind,
        students: students.to_vec(),
        sha256,
        written_at: now,
    })
}

/// Notes the files `paths`, just written, as of `kind` and holding `students`.
pub fn note(
    store: &dyn Store,
    paths: &[PathBuf],
    kind: FileKind,
    students: &[StudentId],
    now: NaiveDateTime,
) -> Result<(), NoteError> {
    let files = paths
        .iter()
        .map(|p| written(p, kind, students, now))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(store.note_files(&files)?)
}

/// Notes an access-request export of `student` written by
/// [`crate::export::student::write`]: its folder (the first path), its folder of copies if
/// there is one, and every file.
pub fn note_access_export(
    store: &dyn Store,
    paths: &[PathBuf],
    student: StudentId,
    now: NaiveDateTime,
) -> Result<(), NoteError> {
    let mut files = Vec::with_capacity(paths.len() + 1);
    for path in paths {
        let kind = if path.is_dir() {
            FileKind::AccessFolder
        } else {
            FileKind::AccessExport
        };
        files.push(written(path, kind, &[student], now)?);
    }
    if let Some(folder) = paths.first() {
        let copies = folder.join(crate::export::student::DOCUMENTS_FOLDER);
        if copies.is_dir() {
            files.push(written(&copies, FileKind::AccessFolder, &[student], now)?);
        }
    }
    Ok(store.note_files(&files)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_file_is_known_by_its_absolute_path_and_content() {
        let dir = tempfile::tempdir().unwrap();
        let inner = dir.path().join("a");
        std::fs::create_dir(&inner).unwrap();
        let path = inner.join("x.md");
        std::fs::write(&path, "indhold").unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let roundabout = inner.join("..").join("a").join("x.md");
        let f = written(&roundabout, FileKind::Minutes, &[StudentId(4)], now).unwrap();
        assert_eq!(f.path, std::fs::canonicalize(&path).unwrap());
        assert_eq!(f.sha256, Some(sha256_of(&path).unwrap()));
        let folder = written(&inner, FileKind::AccessFolder, &[StudentId(4)], now).unwrap();
        assert_eq!(folder.sha256, None);
        std::fs::write(&path, "ændret").unwrap();
        assert_ne!(f.sha256, Some(sha256_of(&path).unwrap()));
    }
}
