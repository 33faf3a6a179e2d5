//! Removing files whose contents must not stay readable: each is overwritten with zeros
//! and synced before it is removed.
//!
//! On a journaling file system or an SSD the old blocks may survive elsewhere on the disk
//! (the drive decides where a write lands); overwriting is what a program can do, and
//! full-disk encryption is what covers the rest.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// Overwrites the file at `path` with zeros, syncs it and removes it. A missing file is
/// not an error.
pub fn file(path: &Path) -> io::Result<()> {
    let len = match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => m.len(),
        Ok(_) => return fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let mut f = OpenOptions::new().write(true).open(path)?;
    let zeros = vec![0u8; 64 * 1024];
    let mut left = len;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        f.write_all(&zeros[..n])?;
        left -= n as u64;
    }
    f.sync_all()?;
    drop(f);
    fs::remove_file(path)
}

/// [`file`] for every file under `dir`, then removes the folders.
pub fn dir(dir: &Path) -> io::Result<()> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            self::dir(&entry.path())?;
        } else {
            file(&entry.path())?;
        }
    }
    fs::remove_dir(dir)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_shredded_folder_is_gone_with_its_files() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("old");
        std::fs::create_dir_all(dir.join("blobs")).unwrap();
        std::fs::write(dir.join("db"), b"Jens Hansen").unwrap();
        std::fs::write(dir.join("blobs/1"), b"diagnose").unwrap();
        super::dir(&dir).unwrap();
        assert!(!dir.exists());
        super::file(&root.path().join("never")).unwrap();
    }
}
