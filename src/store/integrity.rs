//! Checking that the database holds what its manifest says, and (for `fokus check`) that
//! every record reads and every index agrees with the records.

use std::collections::BTreeMap;

use sled::Db;

use super::codec::{self, CodecError, Sealing};
use super::keys;
use super::manifest::{Manifest, State, Tally};
use super::trees::TreeName;
use crate::domain::reminders::{self, DueItem, Mark};
use crate::domain::{Agreement, Case, Conversation, Event, Student, StudentId, StudentSummary};

/// The tree with the format marker and the commit sequence; not counted in the manifest.
pub const META_TREE: &str = "meta";
/// Key of the last commit's sequence number in the meta tree.
pub const META_SEQ: &[u8] = b"seq";
/// Key of the record format the database was last written in.
pub const META_FORMAT: &[u8] = b"format";
/// Set once the address book has been given its first organisations.
pub const META_BOOK_SEEDED: &[u8] = b"book_seeded";
/// Every id handed out is above this: sled's id generator starts again at zero in fresh
/// files (after an erasure rewrites them, or a restore), so what the earlier files'
/// generator had reached is kept here and added to it.
pub const META_ID_FLOOR: &[u8] = b"id_floor";
/// The id of the key an encrypted database's records are sealed with (16 bytes, in the
/// clear). Absent in a database whose records are not sealed.
pub const META_KEY_ID: &[u8] = b"key_id";
/// A copy of the key file (which holds the data key wrapped, never in the clear), so that
/// every backup carries what opens it. Kept up to date at each opening.
pub const META_KEY_FILE: &[u8] = b"key_file";
/// The first record format written with a manifest beside it. A database in an older
/// format without one is from before manifests; from this format on, a missing
/// manifest is damage.
pub const FIRST_FORMAT_WITH_MANIFEST: u16 = 2;

/// What a pass over every record found.
#[derive(Clone, Debug, Default)]
pub struct Scan {
    pub tally: Tally,
    /// Records written in an older format, or in the clear where they are to be sealed:
    /// to be rewritten.
    pub outdated: Vec<(TreeName, Vec<u8>)>,
    /// The newest record format met.
    pub newest: u16,
}

/// Counts and checksums every record and notes its format version (from its header only)
/// and whether it must be rewritten to be written as `sealing` says.
pub fn scan(db: &Db, sealing: &Sealing) -> Result<Scan, sled::Error> {
    let mut out = Scan::default();
    for tree_name in TreeName::ALL {
        let tree = db.open_tree(tree_name.name())?;
        for entry in tree.iter() {
            let (key, value) = entry?;
            out.tally.add(tree_name, &key, &value);
            if let Ok(version) = codec::version_of(&value) {
                out.newest = out.newest.max(version);
                if version <= codec::FORMAT_VERSION && sealing.is_outdated(&value) {
                    out.outdated.push((tree_name, key.to_vec()));
                }
            }
        }
    }
    Ok(out)
}

/// The last commit's sequence number as sled has it.
pub fn stored_seq(db: &Db) -> Result<u64, sled::Error> {
    let meta = db.open_tree(META_TREE)?;
    Ok(meta
        .get(META_SEQ)?
        .and_then(|v| codec::decode::<u64>(&v).ok())
        .unwrap_or(0))
}

/// What the comparison of the records with the manifest says.
#[derive(Clone, Debug)]
pub enum Verdict {
    /// The records are what the manifest says.
    Sound(Scan),
    /// There was no manifest, for a database from before manifests: one is made from the
    /// scan. (Opening decides that; from format [`FIRST_FORMAT_WITH_MANIFEST`] on, a
    /// missing manifest is damage and the records are not compared.)
    Unrecorded(Scan),
    /// The records differ from the manifest: some are missing, extra or changed.
    Damaged {
        expected: State,
        found: Tally,
        seq: u64,
    },
    /// Records were written by a newer Fokus; nothing may be rewritten.
    Newer { version: u16 },
}

/// Compares the records in `db` with `manifest`.
pub fn verify(
    db: &Db,
    manifest: Option<&Manifest>,
    sealing: &Sealing,
) -> Result<Verdict, sled::Error> {
    let seq = stored_seq(db)?;
    let scan = scan(db, sealing)?;
    if scan.newest > codec::FORMAT_VERSION {
        return Ok(Verdict::Newer {
            version: scan.newest,
        });
    }
    let Some(manifest) = manifest else {
        return Ok(Verdict::Unrecorded(scan));
    };
    match manifest.expected(seq) {
        Some(state) if state.tally == scan.tally => Ok(Verdict::Sound(scan)),
        Some(state) => Ok(Verdict::Damaged {
            expected: state.clone(),
            found: scan.tally,
            seq,
        }),
        // sled's last commit is one the manifest never recorded: commits were lost.
        None => Ok(Verdict::Damaged {
            expected: manifest.current.clone(),
            found: scan.tally,
            seq,
        }),
    }
}

/// One finding of `fokus check`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    Unreadable {
        tree: TreeName,
        student: StudentId,
        error: CodecError,
    },
    Orphan {
        tree: TreeName,
        student: StudentId,
    },
    SummaryDiffers(StudentId),
    SummaryMissing(StudentId),
    DueIndexDiffers(StudentId),
    DueIndexStray(usize),
    /// The records differ from the manifest.
    ManifestDiffers {
        expected: u64,
        found: u64,
        expected_sum: u64,
        found_sum: u64,
    },
    /// Records from a newer Fokus.
    Newer(u16),
    /// Damage found without reading every record: records gone, the manifest missing or
    /// unreadable, a file or record that cannot be read.
    Damage(super::Damage),
}

/// The result of a full check.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub counts: BTreeMap<String, u64>,
    pub students: usize,
    pub findings: Vec<Finding>,
}

impl Report {
    /// Whether nothing was found wrong.
    pub fn is_sound(&self) -> bool {
        self.findings.is_empty()
    }
}

fn decode_all<T: codec::Versioned>(
    db: &Db,
    sealing: &Sealing,
    tree: TreeName,
    findings: &mut Vec<Finding>,
) -> Result<Vec<(Vec<u8>, T)>, sled::Error> {
    let mut out = Vec::new();
    for entry in db.open_tree(tree.name())?.iter() {
        let (key, value) = entry?;
        match sealing.decode::<T>(tree.name(), &key, &value) {
            Ok(v) => out.push((key.to_vec(), v)),
            Err(error) => findings.push(Finding::Unreadable {
                tree,
                student: owner(&key),
                error,
            }),
        }
    }
    Ok(out)
}

fn owner(key: &[u8]) -> StudentId {
    keys::owner(key).unwrap_or(StudentId(0))
}

/// Reads every record, rebuilds every case, and checks the summaries and the due index
/// against them and the records against the manifest (`None`: the caller reports that
/// there is none).
pub fn check(
    db: &Db,
    manifest: Option<&Manifest>,
    sealing: &Sealing,
) -> Result<Report, sled::Error> {
    let mut report = Report::default();
    let findings = &mut report.findings;
    match verify(db, manifest, sealing)? {
        Verdict::Sound(scan) | Verdict::Unrecorded(scan) => {
            report.counts = scan.tally.counts.clone();
        }
        Verdict::Damaged {
            expected, found, ..
        } => {
            report.counts = found.counts.clone();
            findings.push(Finding::ManifestDiffers {
                expected: expected.tally.total(),
                found: found.total(),
                expected_sum: expected.tally.checksum,
                found_sum: found.checksum,
            });
        }
        Verdict::Newer { version } => findings.push(Finding::Newer(version)),
    }
    let students: Vec<(Vec<u8>, Student)> = decode_all(db, sealing, TreeName::Students, findings)?;
    let conversations: Vec<(Vec<u8>, Conversation)> =
        decode_all(db, sealing, TreeName::Conversations, findings)?;
    let agreements: Vec<(Vec<u8>, Agreement)> =
        decode_all(db, sealing, TreeName::Agreements, findings)?;
    let events: Vec<(Vec<u8>, Event)> = decode_all(db, sealing, TreeName::Events, findings)?;
    let summaries: Vec<(Vec<u8>, StudentSummary)> =
        decode_all(db, sealing, TreeName::Summaries, findings)?;
    let due: Vec<(Vec<u8>, DueItem)> = decode_all(db, sealing, TreeName::Due, findings)?;
    let _: Vec<(Vec<u8>, Vec<keys::DueKey>)> =
        decode_all(db, sealing, TreeName::DueKeys, findings)?;
    let _: Vec<(Vec<u8>, Mark)> = decode_all(db, sealing, TreeName::Marks, findings)?;
    let _: Vec<(Vec<u8>, crate::domain::StudentFacts)> =
        decode_all(db, sealing, TreeName::Facts, findings)?;
    let files: Vec<(Vec<u8>, crate::domain::WrittenFile)> =
        decode_all(db, sealing, TreeName::Files, findings)?;
    report.students = students.len();

    let mut cases: BTreeMap<StudentId, Case> = students
        .into_iter()
        .map(|(_, s)| (s.id, Case::new(s)))
        .collect();
    for (key, c) in conversations {
        match cases.get_mut(&owner(&key)) {
            Some(case) => case.conversations.push(c),
            None => findings.push(Finding::Orphan {
                tree: TreeName::Conversations,
                student: owner(&key),
            }),
        }
    }
    for (key, a) in agreements {
        match cases.get_mut(&owner(&key)) {
            Some(case) => case.agreements.push(a),
            None => findings.push(Finding::Orphan {
                tree: TreeName::Agreements,
                student: owner(&key),
            }),
        }
    }
    for (key, e) in events {
        match cases.get_mut(&owner(&key)) {
            Some(case) => case.events.push(e),
            None => findings.push(Finding::Orphan {
                tree: TreeName::Events,
                student: owner(&key),
            }),
        }
    }
    // The register names stored students only: one that names an erased student would
    // keep an erasure from being complete.
    for (_, file) in &files {
        for student in file.students.iter().filter(|s| !cases.contains_key(s)) {
            findings.push(Finding::Orphan {
                tree: TreeName::Files,
                student: *student,
            });
        }
    }
    let stored: BTreeMap<StudentId, StudentSummary> =
        summaries.into_iter().map(|(_, s)| (s.id, s)).collect();
    let mut indexed: BTreeMap<StudentId, Vec<DueItem>> = BTreeMap::new();
    for (_, item) in due {
        indexed.entry(item.student).or_default().push(item);
    }
    for (id, case) in &mut cases {
        case.conversations.sort_by_key(|c| (c.planned_at, c.id));
        match stored.get(id) {
            Some(s) if *s == StudentSummary::of(case) => {}
            Some(_) => findings.push(Finding::SummaryDiffers(*id)),
            None => findings.push(Finding::SummaryMissing(*id)),
        }
        let mut want = reminders::due_items(case);
        want.sort();
        let mut have = indexed.remove(id).unwrap_or_default();
        have.sort();
        if want != have {
            findings.push(Finding::DueIndexDiffers(*id));
        }
    }
    let stray: usize = indexed.values().map(Vec::len).sum();
    if stray > 0 {
        findings.push(Finding::DueIndexStray(stray));
    }
    Ok(report)
}
