//! The draft journal: what is being typed, kept outside the database in one small file
//! that is replaced atomically (written, synced, renamed), so it is always either the
//! previous or the new version, never half of each.
//!
//! In an encrypted database the journal is sealed with the database's key: `FJ`, the
//! database's id in the clear (so a journal from another database is told apart from a
//! damaged one), then the sealed record.

use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::codec::{self, Sealing};
use super::manifest::record_hash;
use crate::files::atomic;

/// The journal's file name in the database folder.
pub const FILE: &str = "draft.journal";

/// Why a journal could not be read.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("the draft journal is damaged")]
    Damaged,
    #[error("the draft was written by a newer Fokus: {0}")]
    Codec(codec::CodecError),
    #[error("the draft journal belongs to another database")]
    Foreign,
}

/// Marks a sealed journal.
const SEALED: &[u8; 2] = b"FJ";
const ID_END: usize = SEALED.len() + crate::crypto::vault::ID_LEN;

/// The journal file of the database in `dir`.
pub fn path(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

/// The bytes a journal file holds for `draft`: the encoded draft and its checksum.
pub fn encode<T: Serialize>(sealing: &Sealing, draft: &T) -> io::Result<Vec<u8>> {
    let mut bytes = match sealing.vault() {
        None => codec::encode(draft).map_err(io::Error::other)?,
        Some(vault) => {
            let id = vault.id();
            let mut bytes = SEALED.to_vec();
            bytes.extend_from_slice(&id);
            let sealed = sealing.encode(FILE, &id, draft).map_err(io::Error::other)?;
            bytes.extend_from_slice(&sealed);
            bytes
        }
    };
    let sum = record_hash(FILE, &[], &bytes);
    bytes.extend_from_slice(&sum.to_le_bytes());
    Ok(bytes)
}

/// Whether a journal file's bytes are sealed.
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(SEALED)
}

/// Replaces the journal with `bytes` from [`encode`].
pub fn write_bytes(dir: &Path, bytes: &[u8]) -> io::Result<()> {
    atomic::write(&path(dir), bytes)
}

/// Writes `draft` to the journal, replacing what was there.
pub fn write<T: Serialize>(dir: &Path, sealing: &Sealing, draft: &T) -> io::Result<()> {
    write_bytes(dir, &encode(sealing, draft)?)
}

/// Reads the journal left in `dir`, if any.
pub fn read<T: codec::Versioned>(dir: &Path, sealing: &Sealing) -> Result<Option<T>, JournalError> {
    let bytes = match std::fs::read(path(dir)) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    if bytes.len() < 8 {
        return Err(JournalError::Damaged);
    }
    let (body, sum) = bytes.split_at(bytes.len() - 8);
    if record_hash(FILE, &[], body).to_le_bytes() != sum {
        return Err(JournalError::Damaged);
    }
    match decode(sealing, body) {
        Ok(d) => Ok(Some(d)),
        Err(e @ codec::CodecError::NewerVersion { .. }) => Err(JournalError::Codec(e)),
        Err(codec::CodecError::Locked) => Err(JournalError::Foreign),
        Err(_) => Err(JournalError::Damaged),
    }
}

/// Decodes a journal's body (without its checksum). A sealed journal of another database
/// is [`codec::CodecError::Locked`]: this database's key is not the one it needs.
fn decode<T: codec::Versioned>(sealing: &Sealing, body: &[u8]) -> Result<T, codec::CodecError> {
    if !body.starts_with(SEALED) {
        // In the clear: in an encrypted database, only one from before it was encrypted.
        return sealing.decode(FILE, &[], body);
    }
    let (Some(id), Some(sealed)) = (body.get(SEALED.len()..ID_END), body.get(ID_END..)) else {
        return Err(codec::CodecError::TooShort(body.len()));
    };
    match sealing.vault() {
        Some(vault) if vault.id() == id => sealing.decode(FILE, id, sealed),
        _ => Err(codec::CodecError::Locked),
    }
}

/// Removes the journal (after what it held was saved, or the user chose to discard it).
pub fn remove(dir: &Path) -> io::Result<()> {
    atomic::remove(&path(dir))
}

/// Every journal file in `dir`: the journal, the ones set aside as unreadable, and
/// temporary files a journal was being written through when the process stopped. Sorted.
pub fn all(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        let journal = name == FILE
            || (name.starts_with(ASIDE_PREFIX) && name.ends_with(ASIDE_SUFFIX))
            || (name.starts_with(&format!(".{FILE}.")) && name.ends_with(".tmp"));
        if journal && entry.file_type()?.is_file() {
            out.push(entry.path());
        }
    }
    out.sort();
    Ok(out)
}

/// What the bytes of a journal file hold, read as well as they can be: a journal whose
/// checksum does not match (set aside as unreadable) is decoded all the same, since a
/// damaged byte need not be in the draft. `None` if they cannot be decoded at all.
pub fn decode_any<T: codec::Versioned>(sealing: &Sealing, bytes: &[u8]) -> Option<T> {
    let body = &bytes[..bytes.len().saturating_sub(8)];
    decode(sealing, body).ok()
}

/// How set-aside journals are named: `draft-unreadable-<time>.journal`.
const ASIDE_PREFIX: &str = "draft-unreadable-";
const ASIDE_SUFFIX: &str = ".journal";

/// Keeps a journal that cannot be read under another name, so it is neither lost nor
/// offered again.
pub fn set_aside(dir: &Path) -> io::Result<PathBuf> {
    let aside = dir.join(format!(
        "{ASIDE_PREFIX}{}{ASIDE_SUFFIX}",
        chrono::Local::now().format("%Y%m%d-%H%M%S")
    ));
    std::fs::rename(path(dir), &aside)?;
    atomic::sync_dir(dir)?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::draft::Draft;
    use crate::domain::StudentId;

    fn draft(text: &str) -> Draft {
        Draft {
            written_at: chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
                .unwrap()
                .and_hms_opt(10, 0, 0)
                .unwrap(),
            student: StudentId(4),
            student_name: "Åse".into(),
            editors: vec![crate::app::draft::EditorDraft::Prompt {
                kind: crate::app::dialogs::prompt::PromptKind::Note,
                student: StudentId(4),
                text: text.into(),
            }],
        }
    }

    #[test]
    fn a_journal_round_trips_and_is_gone_when_removed() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            read::<Draft>(dir.path(), &Sealing::plain())
                .unwrap()
                .is_none()
        );
        write(dir.path(), &Sealing::plain(), &draft("første")).unwrap();
        write(dir.path(), &Sealing::plain(), &draft("anden")).unwrap();
        assert_eq!(
            read::<Draft>(dir.path(), &Sealing::plain()).unwrap(),
            Some(draft("anden"))
        );
        remove(dir.path()).unwrap();
        assert!(
            read::<Draft>(dir.path(), &Sealing::plain())
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn a_damaged_journal_is_reported_and_can_be_set_aside_not_lost() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &Sealing::plain(), &draft("tekst")).unwrap();
        let p = path(dir.path());
        let mut bytes = std::fs::read(&p).unwrap();
        bytes[6] ^= 0xff;
        std::fs::write(&p, &bytes).unwrap();
        assert!(matches!(
            read::<Draft>(dir.path(), &Sealing::plain()),
            Err(JournalError::Damaged)
        ));
        let aside = set_aside(dir.path()).unwrap();
        assert!(aside.exists());
        assert!(
            read::<Draft>(dir.path(), &Sealing::plain())
                .unwrap()
                .is_none()
        );
        // Set aside, it is still found.
        assert_eq!(all(dir.path()).unwrap(), vec![aside]);
    }

    #[test]
    fn a_journal_whose_checksum_is_damaged_still_says_what_it_holds() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &Sealing::plain(), &draft("tekst")).unwrap();
        let p = path(dir.path());
        let mut bytes = std::fs::read(&p).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        std::fs::write(&p, &bytes).unwrap();
        assert!(matches!(
            read::<Draft>(dir.path(), &Sealing::plain()),
            Err(JournalError::Damaged)
        ));
        assert_eq!(
            decode_any::<Draft>(&Sealing::plain(), &bytes),
            Some(draft("tekst"))
        );
    }

    #[test]
    fn every_journal_file_is_found_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &Sealing::plain(), &draft("a")).unwrap();
        for name in [
            "draft-unreadable-20261123-100000.journal",
            ".draft.journal.4711.tmp",
            "manifest",
            "draft-unreadable-x.txt",
            "other.journal",
        ] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        let names: Vec<String> = all(dir.path())
            .unwrap()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                ".draft.journal.4711.tmp",
                "draft-unreadable-20261123-100000.journal",
                "draft.journal"
            ]
        );
        assert!(decode_any::<Draft>(&Sealing::plain(), b"x").is_none());
    }
}
