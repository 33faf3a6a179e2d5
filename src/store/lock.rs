//! One Fokus per database: an exclusive lock on a file in the database folder that also
//! records which process holds it.

use std::fs::{self, File, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::files::fsperm::private_file_options;

/// Name of the lock file inside the database folder.
pub const LOCK_FILE: &str = "fokus.lock";

/// Holds the lock until dropped.
#[derive(Debug)]
pub struct DbLock {
    file: File,
    path: PathBuf,
}

/// Who holds a lock, as far as the platform can tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub pid: Option<u32>,
    /// The program name of the holding process, when it can be read.
    pub program: Option<String>,
}

/// Why the lock was not taken.
#[derive(Debug)]
pub enum LockError {
    Held(Holder),
    Io(io::Error),
}

impl DbLock {
    /// Takes the lock on `dir`, or reports who holds it. Never waits.
    pub fn acquire(dir: &Path) -> Result<DbLock, LockError> {
        let path = dir.join(LOCK_FILE);
        let mut file = private_file_options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(LockError::Io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(LockError::Held(read_holder(&mut file))),
            Err(TryLockError::Error(e)) => return Err(LockError::Io(e)),
        }
        file.set_len(0).map_err(LockError::Io)?;
        file.rewind().map_err(LockError::Io)?;
        writeln!(file, "{}", std::process::id()).map_err(LockError::Io)?;
        file.sync_all().map_err(LockError::Io)?;
        Ok(DbLock { file, path })
    }

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for DbLock {
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

fn read_holder(file: &mut File) -> Holder {
    let mut text = String::new();
    let _ = file.read_to_string(&mut text);
    let pid = text.trim().parse::<u32>().ok();
    let program = pid.and_then(|pid| {
        fs::read_to_string(format!("/proc/{pid}/comm"))
            .ok()
            .map(|s| s.trim().to_string())
    });
    Holder { pid, program }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_folder_is_refused_and_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let first = DbLock::acquire(dir.path()).unwrap();
        match DbLock::acquire(dir.path()) {
            Err(LockError::Held(holder)) => {
                assert_eq!(holder.pid, Some(std::process::id()));
            }
            other => panic!("expected the lock to be held, got {other:?}"),
        }
        drop(first);
        assert!(DbLock::acquire(dir.path()).is_ok());
    }
}
