//! Owner-only files and folders, whatever the user's umask.

use std::fs;
use std::io;
use std::path::Path;

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};

/// Creates `dir` (and its parents) if needed and makes it readable by its owner only.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(0o700);
    builder.create(dir)?;
    #[cfg(unix)]
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    Ok(())
}

/// Makes every folder under `dir` 0700 and every file 0600, for files that a library
/// created with its own idea of permissions.
pub fn tighten_tree(dir: &Path) -> io::Result<()> {
    // sled's own threads may rename or remove a file while this runs (a snapshot being
    // written, say); a file gone by the time it is reached needs no tightening.
    let gone = |e: &io::Error| e.kind() == io::ErrorKind::NotFound;
    #[cfg(unix)]
    for entry in fs::read_dir(dir)? {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        let kind = match entry.file_type() {
            Ok(k) => k,
            Err(e) if gone(&e) => continue,
            Err(e) => return Err(e),
        };
        let result = if kind.is_dir() {
            fs::set_permissions(&path, fs::Permissions::from_mode(0o700))
                .and_then(|()| tighten_tree(&path))
        } else if kind.is_file() {
            fs::set_permissions(&path, fs::Permissions::from_mode(0o600))
        } else {
            Ok(())
        };
        match result {
            Err(e) if !gone(&e) => return Err(e),
            _ => {}
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Opens (creating if needed) a file readable and writable by its owner only.
pub fn private_file_options() -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Makes sure files this process creates from now on are owner-only. Called once at
/// startup, before any thread exists.
pub fn restrict_umask() {
    #[cfg(unix)]
    // SAFETY: umask only swaps the process's file-creation mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

/// Whether only its owner may read the file at `path` (always so where the platform has
/// no such permissions; Windows files inherit their folder's access list).
pub fn is_private(path: &Path) -> io::Result<bool> {
    let meta = fs::metadata(path)?;
    #[cfg(unix)]
    return Ok(meta.permissions().mode() & 0o077 == 0);
    #[cfg(not(unix))]
    {
        let _ = meta;
        Ok(true)
    }
}
