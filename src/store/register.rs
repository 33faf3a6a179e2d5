//! The register of files Fokus wrote outside its database folder: the tree `files`, one
//! record ([`WrittenFile`]) per path, keyed by a hash of the path, so writing the same
//! path again replaces its record. Erasing a student removes the records of the files
//! that held only them and takes them out of the rest, here and in the backups.

use std::path::Path;

use sha2::{Digest, Sha256};
use sled::Tree;

use super::backup::Purge;
use super::codec::{self, Sealing};
use super::sled_store::Op;
use super::trees::TreeName;
use super::{StoreError, keys};
use crate::domain::{StudentId, WrittenFile};
use crate::privacy::Footprint;

/// The tree of the register.
pub const TREE: TreeName = TreeName::Files;

/// The key of the record of `path`: the first 16 bytes of a SHA-256 of the path, an id
/// that says nothing about where the file is.
pub fn key(path: &Path) -> [u8; 16] {
    let mut hash = Sha256::new();
    hash.update(b"fokus-file:");
    hash.update(path.as_os_str().as_encoded_bytes());
    let digest = hash.finalize();
    let mut key = [0u8; 16];
    key.copy_from_slice(&digest[..16]);
    key
}

fn codec_err(source: codec::CodecError) -> StoreError {
    StoreError::Codec {
        tree: TREE.name(),
        source,
    }
}

/// The writes that note `files`, each without the students `students` (the tree of
/// stored students) does not hold: one erased while the file was written is not named.
pub(super) fn note_ops(
    sealing: &Sealing,
    students: &Tree,
    files: &[WrittenFile],
) -> Result<Vec<Op>, StoreError> {
    let mut ops = Vec::with_capacity(files.len());
    for file in files {
        let mut file = file.clone();
        let mut kept = Vec::with_capacity(file.students.len());
        for s in &file.students {
            if students.contains_key(keys::student(*s))? {
                kept.push(*s);
            }
        }
        kept.sort();
        kept.dedup();
        file.students = kept;
        let key = key(&file.path);
        let value = sealing
            .encode(TREE.name(), &key, &file)
            .map_err(codec_err)?;
        ops.push((TREE, key.to_vec(), Some(value)));
    }
    Ok(ops)
}

/// Every record of the register, in key order.
pub(super) fn all(sealing: &Sealing, tree: &Tree) -> Result<Vec<WrittenFile>, StoreError> {
    tree.iter()
        .map(|kv| {
            let (k, v) = kv?;
            sealing.decode(TREE.name(), &k, &v).map_err(codec_err)
        })
        .collect()
}

/// The writes that take `student` out of the register: a record holding only them goes,
/// the others are kept without them.
pub(super) fn erase_ops(
    sealing: &Sealing,
    tree: &Tree,
    student: StudentId,
) -> Result<Vec<Op>, StoreError> {
    let mut ops = Vec::new();
    for entry in tree.iter() {
        let (key, value) = entry?;
        let file: WrittenFile = sealing
            .decode(TREE.name(), &key, &value)
            .map_err(codec_err)?;
        if !file.holds(student) {
            continue;
        }
        let rest = file.without(student);
        let value = if rest.students.is_empty() {
            None
        } else {
            Some(
                sealing
                    .encode(TREE.name(), &key, &rest)
                    .map_err(codec_err)?,
            )
        };
        ops.push((TREE, key.to_vec(), value));
    }
    Ok(ops)
}

/// What erasing the student of `footprint` does to one record of a backup: their records
/// go, and the register's records are treated as in the database.
pub fn purge(
    sealing: &Sealing,
    footprint: &Footprint,
    tree: TreeName,
    key: &[u8],
    value: &[u8],
) -> Purge {
    if tree != TREE {
        return if footprint.owns(tree, key) {
            Purge::Drop
        } else {
            Purge::Keep
        };
    }
    let student = footprint.student();
    match sealing.decode::<WrittenFile>(TREE.name(), key, value) {
        Ok(file) if file.holds(student) => {
            let rest = file.without(student);
            match sealing.encode(TREE.name(), key, &rest) {
                Ok(bytes) if !rest.students.is_empty() => Purge::Replace(bytes),
                // Nothing left to name, or the smaller record cannot be written: the
                // record goes rather than keep the student.
                _ => Purge::Drop,
            }
        }
        // A record that cannot be read cannot be shown to hold them; it is left as it is.
        _ => Purge::Keep,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FileKind;
    use crate::domain::case::tests_support::{case, day};

    fn file(path: &str, students: &[u64]) -> WrittenFile {
        WrittenFile {
            path: path.into(),
            kind: FileKind::Calendar,
            students: students.iter().map(|s| StudentId(*s)).collect(),
            sha256: Some([7; 32]),
            written_at: day(11, 23).and_hms_opt(10, 0, 0).unwrap(),
        }
    }

    #[test]
    fn the_key_depends_on_the_path_only_and_shows_nothing_of_it() {
        let a = key(Path::new(
            "/home/hanne/Referater/2026-11-23_type1_AH_0a1b2c3d.pdf",
        ));
        assert_eq!(
            a,
            key(Path::new(
                "/home/hanne/Referater/2026-11-23_type1_AH_0a1b2c3d.pdf"
            ))
        );
        assert_ne!(a, key(Path::new("/home/hanne/Referater/x.pdf")));
        assert!(!a.windows(2).any(|w| w == b"AH"));
    }

    #[test]
    fn a_backup_loses_the_students_records_and_their_place_in_the_register() {
        let c = case();
        let me = c.id();
        let footprint = Footprint::of(&c);
        let own_key = keys::student(me);
        assert_eq!(
            purge(
                &Sealing::plain(),
                &footprint,
                TreeName::Students,
                &own_key,
                b"x"
            ),
            Purge::Drop
        );
        assert_eq!(
            purge(
                &Sealing::plain(),
                &footprint,
                TreeName::Students,
                &999u64.to_be_bytes(),
                b"x"
            ),
            Purge::Keep
        );
        let only = codec::encode(&file("/a.pdf", &[me.0])).unwrap();
        assert_eq!(
            purge(&Sealing::plain(), &footprint, TREE, b"k", &only),
            Purge::Drop
        );
        let shared = codec::encode(&file("/k.ics", &[me.0, 999])).unwrap();
        match purge(&Sealing::plain(), &footprint, TREE, b"k", &shared) {
            Purge::Replace(bytes) => {
                let rest: WrittenFile = codec::decode(&bytes).unwrap();
                assert_eq!(rest.students, vec![StudentId(999)]);
            }
            other => panic!("{other:?}"),
        }
        let others = codec::encode(&file("/k.ics", &[998, 999])).unwrap();
        assert_eq!(
            purge(&Sealing::plain(), &footprint, TREE, b"k", &others),
            Purge::Keep
        );
        assert_eq!(
            purge(&Sealing::plain(), &footprint, TREE, b"k", b"garbage"),
            Purge::Keep
        );
    }
}
