//! The manifest: a small file beside sled's files saying what the database should hold —
//! how many records each tree has, a checksum over all of them, and the sequence number of
//! the last commit. Every commit updates it, so damage that sled's own recovery would hide
//! (a log cut short at a bad checksum) shows up as a disagreement.
//!
//! The checksum is order-independent (a wrapping sum of one hash per record), so a commit
//! updates it from the records it replaces and writes, without rescanning the database.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::codec;
use super::trees::TreeName;
use crate::files::atomic;

/// The manifest's file name in the database folder.
pub const FILE: &str = "manifest";

/// A 64-bit FNV-1a hash finished with a mixing step, so that sums of hashes spread well.
pub fn record_hash(tree: &str, key: &[u8], value: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    feed(tree.as_bytes());
    feed(&[0xff]);
    feed(&(key.len() as u32).to_le_bytes());
    feed(key);
    feed(value);
    // SplitMix64's finaliser.
    let mut z = h;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Record counts per tree and the checksum over every record. The counts are kept under
/// the trees' names as the manifest file holds them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub counts: BTreeMap<String, u64>,
    pub checksum: u64,
}

impl Tally {
    /// Counts a record in.
    pub fn add(&mut self, tree: TreeName, key: &[u8], value: &[u8]) {
        *self.counts.entry(tree.name().to_string()).or_default() += 1;
        self.checksum = self
            .checksum
            .wrapping_add(record_hash(tree.name(), key, value));
    }

    /// Counts a record out.
    pub fn remove(&mut self, tree: TreeName, key: &[u8], value: &[u8]) {
        let count = self.counts.entry(tree.name().to_string()).or_default();
        *count = count.saturating_sub(1);
        if *count == 0 {
            self.counts.remove(tree.name());
        }
        self.checksum = self
            .checksum
            .wrapping_sub(record_hash(tree.name(), key, value));
    }

    /// The total number of records.
    pub fn total(&self) -> u64 {
        self.counts.values().sum()
    }
}

/// A commit's sequence number with the tally after it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub seq: u64,
    pub tally: Tally,
}

/// The manifest: the last completed commit, and the one under way if a commit was
/// interrupted (its records may or may not have reached sled's files).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub current: State,
    pub pending: Option<State>,
}

/// Why the manifest could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("the manifest cannot be read: {0}")]
    Io(#[from] io::Error),
    #[error("the manifest is damaged")]
    Damaged,
}

/// The user's explicit decision that the manifest may from now on describe fewer records
/// than it does (or than an unreadable one may have): made only by the commands run for
/// that purpose — `fokus check --repair`, which asks first whenever records the manifest
/// or the newest backup has would be given up, and `fokus check --start-over`, which
/// always asks.
#[derive(Clone, Copy, Debug)]
pub struct Consent {
    _decided: (),
}

impl Consent {
    /// The user decided, as the command that calls this has made sure.
    pub fn decided_by_user() -> Consent {
        Consent { _decided: () }
    }
}

/// Why a manifest was not replaced.
#[derive(Debug, thiserror::Error)]
pub enum ReplaceError {
    #[error(
        "the manifest counts {had} records; one counting {new} replaces it only when the user agrees"
    )]
    Fewer { had: u64, new: u64 },
    #[error("the manifest cannot be written: {0}")]
    Io(#[from] io::Error),
}

impl Manifest {
    /// The most records this manifest allows the database to hold: its current state's,
    /// or the commit's under way if that holds more.
    pub fn records(&self) -> u64 {
        let pending = self.pending.as_ref().map_or(0, |p| p.tally.total());
        self.current.tally.total().max(pending)
    }

    /// Writes this manifest in place of the one in `dir`, made anew rather than by a
    /// commit (a new database, a rebuild after a check). A manifest that counts more
    /// records, or one that cannot be read (it may count more), is replaced only with the
    /// user's `consent`: records are never given up by accident.
    pub fn replace(&self, dir: &Path, consent: Option<Consent>) -> Result<(), ReplaceError> {
        let had = match Manifest::load(dir) {
            Ok(Some(old)) => Some(old.records()),
            Ok(None) => None,
            Err(_) => Some(u64::MAX),
        };
        if let Some(had) = had
            && had > self.records()
            && consent.is_none()
        {
            return Err(ReplaceError::Fewer {
                had,
                new: self.records(),
            });
        }
        Ok(self.save(dir)?)
    }

    /// Reads the manifest in `dir`; `None` if there is none.
    pub fn load(dir: &Path) -> Result<Option<Manifest>, ManifestError> {
        let bytes = match std::fs::read(dir.join(FILE)) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        if bytes.len() < 8 {
            return Err(ManifestError::Damaged);
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        if record_hash(FILE, &[], body).to_le_bytes() != sum {
            return Err(ManifestError::Damaged);
        }
        codec::decode(body)
            .map(Some)
            .map_err(|_| ManifestError::Damaged)
    }

    /// Writes the manifest to `dir`, atomically and durably: the step of a commit, which
    /// carries the counts forward. A manifest made anew goes through [`Manifest::replace`].
    pub fn save(&self, dir: &Path) -> io::Result<()> {
        let mut bytes = codec::encode(self).map_err(io::Error::other)?;
        let sum = record_hash(FILE, &[], &bytes);
        bytes.extend_from_slice(&sum.to_le_bytes());
        atomic::write(&dir.join(FILE), &bytes)
    }

    /// The state the database should be in if its last commit is `seq`.
    pub fn expected(&self, seq: u64) -> Option<&State> {
        if self.current.seq == seq {
            return Some(&self.current);
        }
        self.pending.as_ref().filter(|p| p.seq == seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_does_not_depend_on_order_and_undoes_cleanly() {
        let mut a = Tally::default();
        a.add(TreeName::Students, b"1", b"x");
        a.add(TreeName::Events, b"2", b"y");
        let mut b = Tally::default();
        b.add(TreeName::Events, b"2", b"y");
        b.add(TreeName::Students, b"1", b"x");
        assert_eq!(a, b);
        b.add(TreeName::Events, b"3", b"z");
        b.remove(TreeName::Events, b"3", b"z");
        assert_eq!(a, b);
        assert_eq!(a.total(), 2);
    }

    #[test]
    fn one_changed_byte_changes_the_checksum() {
        let mut a = Tally::default();
        a.add(TreeName::Students, b"1", b"Anna");
        let mut b = Tally::default();
        b.add(TreeName::Students, b"1", b"Anne");
        assert_ne!(a.checksum, b.checksum);
        assert_eq!(a.counts, b.counts);
    }

    #[test]
    fn a_manifest_round_trips_and_a_damaged_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Manifest::load(dir.path()).unwrap().is_none());
        let mut m = Manifest::default();
        m.current.seq = 7;
        m.current.tally.add(TreeName::Students, b"1", b"x");
        m.save(dir.path()).unwrap();
        assert_eq!(Manifest::load(dir.path()).unwrap(), Some(m.clone()));
        let path = dir.path().join(FILE);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[5] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert!(matches!(
            Manifest::load(dir.path()),
            Err(ManifestError::Damaged)
        ));
    }

    #[test]
    fn a_manifest_counting_fewer_records_replaces_one_only_with_consent() {
        let dir = tempfile::tempdir().unwrap();
        let mut full = Manifest::default();
        full.current.seq = 9;
        full.current.tally.add(TreeName::Students, b"1", b"x");
        full.current.tally.add(TreeName::Events, b"2", b"y");
        full.save(dir.path()).unwrap();
        let empty = Manifest::default();
        assert!(matches!(
            empty.replace(dir.path(), None),
            Err(ReplaceError::Fewer { had: 2, new: 0 })
        ));
        assert_eq!(Manifest::load(dir.path()).unwrap(), Some(full.clone()));
        // One counting as many or more needs no consent.
        let mut more = full.clone();
        more.current.tally.add(TreeName::Events, b"3", b"z");
        more.replace(dir.path(), None).unwrap();
        empty
            .replace(dir.path(), Some(Consent::decided_by_user()))
            .unwrap();
        assert_eq!(Manifest::load(dir.path()).unwrap(), Some(empty.clone()));
        // An unreadable manifest may have counted anything.
        std::fs::write(dir.path().join(FILE), b"garbage that fails its checksum").unwrap();
        assert!(empty.replace(dir.path(), None).is_err());
    }

    #[test]
    fn an_interrupted_commit_accepts_either_side() {
        let m = Manifest {
            current: State {
                seq: 4,
                tally: Tally::default(),
            },
            pending: Some(State {
                seq: 5,
                tally: Tally::default(),
            }),
        };
        assert!(m.expected(4).is_some());
        assert!(m.expected(5).is_some());
        assert!(m.expected(3).is_none());
    }
}
