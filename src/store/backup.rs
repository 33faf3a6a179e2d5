//! Backups: one self-contained file with every record, checked by a SHA-256 digest.
//!
//! Layout: the marker `FOKUSBAK`, a `u16` backup format, the creation time, then each
//! record as (tree id, key, value) with 32-bit lengths, an end marker, the record count,
//! and the SHA-256 of everything before the digest. Values are stored exactly as the
//! database holds them (each carries its own record format version), so a backup can be
//! restored by any Fokus that reads that record format.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use sha2::{Digest, Sha256};
use sled::Db;

use super::integrity::{self, META_TREE};
use super::manifest::{Manifest, State};
use super::trees::TreeName;
use crate::files::{atomic, fsperm};

/// The folder of automatic backups inside the database folder.
pub const DIR: &str = "backups";
/// The file name ending of backups.
pub const EXTENSION: &str = "fokusbak";
const MAGIC: &[u8; 8] = b"FOKUSBAK";
/// 1: the first backups. 2: the register of written files (a tree that format 1 readers
/// do not know).
const FORMAT: u16 = 2;
const END: u8 = 0xfe;
const META_ID: u8 = 0xff;
/// No key or value is larger than a record may be.
const MAX_PART: u32 = super::codec::MAX_RECORD_BYTES as u32 + 64;

/// Why a backup could not be written, read or restored.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("the database failed: {0}")]
    Engine(#[from] sled::Error),
    #[error("the file is not a Fokus backup")]
    NotABackup,
    #[error("the backup is damaged: its checksum does not match")]
    ChecksumMismatch,
    #[error("the backup is damaged: {0}")]
    Damaged(String),
    #[error("the backup was made by a newer Fokus (backup format {0})")]
    NewerFormat(u16),
    #[error("the folder {0} is not empty; restore only into an empty or new folder")]
    TargetNotEmpty(PathBuf),
}

/// What a backup holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub created: Option<NaiveDateTime>,
    /// Records per tree, under the trees' names (the meta tree's included).
    pub counts: BTreeMap<String, u64>,
}

impl Summary {
    /// All records.
    pub fn total(&self) -> u64 {
        self.counts.values().sum()
    }

    /// The records of `tree`.
    pub fn count(&self, tree: TreeName) -> u64 {
        self.counts.get(tree.name()).copied().unwrap_or(0)
    }
}

/// The tree a record of a backup belongs to: a data tree, or the meta tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Data(TreeName),
    Meta,
}

impl Section {
    /// Its id in a backup: a data tree's position in [`TreeName::ALL`], or [`META_ID`].
    fn id(self) -> u8 {
        match self {
            Section::Data(tree) => tree.index() as u8,
            Section::Meta => META_ID,
        }
    }

    fn of_id(id: u8) -> Option<Section> {
        if id == META_ID {
            Some(Section::Meta)
        } else {
            TreeName::at(usize::from(id)).map(Section::Data)
        }
    }

    /// The tree's name in the database.
    fn name(self) -> &'static str {
        match self {
            Section::Data(tree) => tree.name(),
            Section::Meta => META_TREE,
        }
    }
}

/// Writes hashed bytes through to a buffered file.
struct Hashed<W: Write> {
    inner: W,
    hash: Sha256,
}

impl<W: Write> Write for Hashed<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// One record as a backup holds it.
type Record = (Section, Vec<u8>, Vec<u8>);
/// Takes the records of a backup being written, one at a time.
type Put<'a> = dyn FnMut(Record) -> io::Result<()> + 'a;

/// Writes a backup of the records `each` hands over (tree, key, value) to `path`,
/// atomically, owner-only.
fn write_records(
    path: &Path,
    created: NaiveDateTime,
    each: &mut dyn FnMut(&mut Put) -> io::Result<()>,
) -> io::Result<Summary> {
    let mut summary = Summary {
        created: Some(created),
        ..Summary::default()
    };
    atomic::write_with(path, |file| {
        let mut out = Hashed {
            inner: BufWriter::new(file),
            hash: Sha256::new(),
        };
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT.to_le_bytes())?;
        out.write_all(&created.and_utc().timestamp().to_le_bytes())?;
        let mut count: u64 = 0;
        each(&mut |(tree, key, value)| {
            out.write_all(&[tree.id()])?;
            out.write_all(&(key.len() as u32).to_le_bytes())?;
            out.write_all(&key)?;
            out.write_all(&(value.len() as u32).to_le_bytes())?;
            out.write_all(&value)?;
            count += 1;
            *summary.counts.entry(tree.name().to_string()).or_default() += 1;
            Ok(())
        })?;
        out.write_all(&[END])?;
        out.write_all(&count.to_le_bytes())?;
        let digest = out.hash.finalize_reset();
        out.inner.write_all(&digest)?;
        out.inner.flush()
    })?;
    Ok(summary)
}

/// Writes a backup of every record in `db` to `path`, atomically, owner-only.
pub fn write(db: &Db, path: &Path, now: NaiveDateTime) -> Result<Summary, BackupError> {
    let mut failure: Option<sled::Error> = None;
    let mut engine = |e: sled::Error| {
        let msg = e.to_string();
        failure = Some(e);
        io::Error::other(msg)
    };
    let written = write_records(path, now, &mut |put| {
        let sections = TreeName::ALL.map(Section::Data);
        for section in sections.into_iter().chain([Section::Meta]) {
            let tree = db.open_tree(section.name()).map_err(&mut engine)?;
            for entry in tree.iter() {
                let (key, value) = entry.map_err(&mut engine)?;
                put((section, key.to_vec(), value.to_vec()))?;
            }
        }
        Ok(())
    });
    match (written, failure) {
        (Ok(summary), _) => Ok(summary),
        (Err(_), Some(e)) => Err(BackupError::Engine(e)),
        (Err(e), None) => Err(BackupError::Io(e)),
    }
}

/// What purging a backup does with one of its records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purge {
    Keep,
    Drop,
    /// Keep the record with this value instead.
    Replace(Vec<u8>),
}

/// Decides, for each record (tree, key, value) of a backup's data trees, what a purge does
/// with it. The meta tree's records are always kept.
pub type Purger<'a> = dyn Fn(TreeName, &[u8], &[u8]) -> Purge + 'a;

/// Rewrites every backup in the database's backup folder as `purger` says (leaving out an
/// erased student's records). A backup that cannot be read any more is removed, since it
/// may hold them too. Returns how many backups were rewritten.
pub fn purge(db_dir: &Path, purger: &Purger) -> Result<usize, BackupError> {
    let dir = db_dir.join(DIR);
    let files: Vec<PathBuf> = match fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == EXTENSION))
            .collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e.into()),
    };
    let mut rewritten = 0;
    for path in files {
        let Ok(purged) = purged_records(&path, purger) else {
            fs::remove_file(&path)?;
            continue;
        };
        if let Some((created, kept)) = purged {
            rewrite(&path, created, kept)?;
            rewritten += 1;
        }
    }
    atomic::sync_dir(&dir)?;
    Ok(rewritten)
}

/// Rewrites the backup `path` as `purger` says, atomically, keeping its creation time.
/// Returns whether anything changed (a backup with nothing to leave out is not touched).
/// A backup that cannot be read is an error and is left as it is.
pub fn purge_file(path: &Path, purger: &Purger) -> Result<bool, BackupError> {
    match purged_records(path, purger)? {
        Some((created, kept)) => {
            rewrite(path, created, kept)?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// The creation time and the records of the backup `path` as `purger` leaves them, or
/// `None` when it changes nothing.
fn purged_records(
    path: &Path,
    purger: &Purger,
) -> Result<Option<(NaiveDateTime, Vec<Record>)>, BackupError> {
    let mut kept = Vec::new();
    let mut changed = false;
    let summary = read_records(path, |tree, key, value| {
        let verdict = match tree {
            Section::Data(data) => purger(data, &key, &value),
            Section::Meta => Purge::Keep,
        };
        match verdict {
            Purge::Keep => kept.push((tree, key, value)),
            Purge::Drop => changed = true,
            Purge::Replace(new) => {
                changed |= new != value;
                kept.push((tree, key, new));
            }
        }
        Ok(())
    })?;
    Ok(changed.then(|| (summary.created.unwrap_or_default(), kept)))
}

fn rewrite(path: &Path, created: NaiveDateTime, mut kept: Vec<Record>) -> io::Result<Summary> {
    write_records(path, created, &mut |put| {
        for record in kept.drain(..) {
            put(record)?;
        }
        Ok(())
    })
}

/// Checks a backup's digest before anything in it is trusted.
fn check_digest(path: &Path) -> Result<u64, BackupError> {
    let len = fs::metadata(path)?.len();
    if len < (MAGIC.len() + 2 + 8 + 1 + 8 + 32) as u64 {
        return Err(BackupError::NotABackup);
    }
    let mut file = BufReader::new(File::open(path)?);
    let mut hash = Sha256::new();
    let mut remaining = len - 32;
    let mut buf = vec![0u8; 64 * 1024];
    let mut first = true;
    while remaining > 0 {
        let n = (remaining as usize).min(buf.len());
        file.read_exact(&mut buf[..n])?;
        if first {
            if &buf[..MAGIC.len()] != MAGIC {
                return Err(BackupError::NotABackup);
            }
            first = false;
        }
        hash.update(&buf[..n]);
        remaining -= n as u64;
    }
    let mut digest = [0u8; 32];
    file.read_exact(&mut digest)?;
    if hash.finalize().as_slice() != digest {
        return Err(BackupError::ChecksumMismatch);
    }
    Ok(len - 32)
}

/// Reads every record of a verified backup, handing each to `each`.
fn read_records(
    path: &Path,
    mut each: impl FnMut(Section, Vec<u8>, Vec<u8>) -> Result<(), BackupError>,
) -> Result<Summary, BackupError> {
    let body_len = check_digest(path)?;
    let mut file = BufReader::new(File::open(path)?.take(body_len));
    let mut header = [0u8; 8 + 2 + 8];
    file.read_exact(&mut header)?;
    let format = u16::from_le_bytes([header[8], header[9]]);
    if format > FORMAT {
        return Err(BackupError::NewerFormat(format));
    }
    let mut stamp = [0u8; 8];
    stamp.copy_from_slice(&header[10..18]);
    let created =
        chrono::DateTime::from_timestamp(i64::from_le_bytes(stamp), 0).map(|t| t.naive_utc());
    let mut summary = Summary {
        created,
        ..Summary::default()
    };
    let mut count: u64 = 0;
    let damaged = |what: &str| BackupError::Damaged(what.to_string());
    loop {
        let mut id = [0u8; 1];
        file.read_exact(&mut id)?;
        if id[0] == END {
            break;
        }
        let tree = Section::of_id(id[0]).ok_or_else(|| damaged("unknown tree"))?;
        let part = |file: &mut BufReader<_>| -> Result<Vec<u8>, BackupError> {
            let mut len = [0u8; 4];
            file.read_exact(&mut len)?;
            let len = u32::from_le_bytes(len);
            if len > MAX_PART {
                return Err(damaged("oversized record"));
            }
            let mut bytes = vec![0u8; len as usize];
            file.read_exact(&mut bytes)?;
            Ok(bytes)
        };
        let key = part(&mut file)?;
        let value = part(&mut file)?;
        *summary.counts.entry(tree.name().to_string()).or_default() += 1;
        count += 1;
        each(tree, key, value)?;
    }
    let mut stated = [0u8; 8];
    file.read_exact(&mut stated)?;
    if u64::from_le_bytes(stated) != count {
        return Err(damaged("record count"));
    }
    Ok(summary)
}

/// Whether the backup at `path` holds records in the clear (made before its database
/// was encrypted). Checked completely first, like any backup that is read.
pub fn holds_unsealed(path: &Path) -> Result<bool, BackupError> {
    let mut clear = false;
    read_records(path, |tree, _, value| {
        if matches!(tree, Section::Data(_)) && !super::codec::is_sealed(&value) {
            clear = true;
        }
        Ok(())
    })?;
    Ok(clear)
}

/// Checks a backup completely (digest and structure) and says what it holds.
pub fn verify(path: &Path) -> Result<Summary, BackupError> {
    read_records(path, |_, _, _| Ok(()))
}

/// The highest record id in a key of `tree`: the student's id, and the record's own for
/// records a student owns. Keys of other trees hold no record ids (hashes, random ids).
fn highest_id(tree: TreeName, key: &[u8]) -> u64 {
    let at = |range: std::ops::Range<usize>| {
        key.get(range)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u64::from_be_bytes)
    };
    match tree {
        TreeName::Students | TreeName::Summaries | TreeName::Facts | TreeName::Organisations => {
            at(0..8)
        }
        TreeName::Conversations | TreeName::Agreements | TreeName::Events => {
            at(0..8).max(at(8..16))
        }
        _ => 0,
    }
}

/// Restores a backup into `target`, which must not exist or be empty. The backup is
/// verified first; the database appears in `target` only when complete.
pub fn restore(path: &Path, target: &Path) -> Result<Summary, BackupError> {
    verify(path)?;
    if target.exists() && fs::read_dir(target)?.next().is_some() {
        return Err(BackupError::TargetNotEmpty(target.to_path_buf()));
    }
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fsperm::private_dir(parent)?;
    let staging = parent.join(format!(
        ".{}.restoring-{}",
        target
            .file_name()
            .map_or("fokus".into(), |n| n.to_string_lossy()),
        std::process::id()
    ));
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    fsperm::private_dir(&staging)?;
    let result = (|| {
        let db = super::sled_store::open_db(&staging.join("sled"))?;
        // The restored files' id generator starts at zero: new ids go above every id the
        // records hold.
        let mut highest = 0u64;
        let summary = read_records(path, |tree, key, value| {
            if let Section::Data(name) = tree {
                highest = highest.max(highest_id(name, &key));
            }
            db.open_tree(tree.name())?.insert(key, value)?;
            Ok(())
        })?;
        // The commit sequence starts over; the manifest describes what was restored.
        let meta = db.open_tree(META_TREE)?;
        let floor = match meta.get(integrity::META_ID_FLOOR)? {
            Some(bytes) => super::codec::decode::<u64>(&bytes).map_err(io::Error::other)?,
            None => 0,
        };
        meta.insert(
            integrity::META_ID_FLOOR,
            super::codec::encode(&floor.max(highest)).map_err(io::Error::other)?,
        )?;
        meta.insert(
            integrity::META_SEQ,
            super::codec::encode(&0u64).map_err(io::Error::other)?,
        )?;
        // An encrypted database's backup carries its key file: the restored folder gets it.
        if let Some(bytes) = meta.get(integrity::META_KEY_FILE)? {
            let file = crate::crypto::KeyFile::from_bytes(&bytes)
                .map_err(|e| BackupError::Damaged(e.to_string()))?;
            file.save(&staging)
                .map_err(|e| BackupError::Damaged(e.to_string()))?;
        }
        db.flush()?;
        let scan = integrity::scan(&db, &super::codec::Sealing::plain())?;
        drop(db);
        Manifest {
            current: State {
                seq: 0,
                tally: scan.tally,
            },
            pending: None,
        }
        .save(&staging)?;
        fsperm::tighten_tree(&staging)?;
        Ok::<Summary, BackupError>(summary)
    })();
    let summary = match result {
        Ok(s) => s,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    if target.exists() {
        fs::remove_dir(target)?;
    }
    fs::rename(&staging, target)?;
    atomic::sync_dir(parent)?;
    Ok(summary)
}

/// Where the automatic backup of `day` goes.
pub fn daily_path(db_dir: &Path, day: NaiveDate) -> PathBuf {
    db_dir
        .join(DIR)
        .join(format!("daily-{}.{EXTENSION}", day.format("%Y-%m-%d")))
}

/// Where the backup on quitting goes when the day's first one must stay as it is.
pub fn later_daily_path(db_dir: &Path, day: NaiveDate) -> PathBuf {
    db_dir
        .join(DIR)
        .join(format!("daily-{}-2.{EXTENSION}", day.format("%Y-%m-%d")))
}

/// The name start of backups written by hand from a damaged database: never named as the
/// backup to restore, never counted by rotation.
pub const DAMAGED_PREFIX: &str = "damaged-";

/// Where a backup asked for by hand of a damaged database goes when no file is named.
pub fn damaged_path(db_dir: &Path, now: NaiveDateTime) -> PathBuf {
    db_dir.join(DIR).join(format!(
        "{DAMAGED_PREFIX}{}.{EXTENSION}",
        now.format("%Y-%m-%d-%H%M%S")
    ))
}

/// A backup in the backup folder as its first and last bytes describe it, before its
/// checksum is checked.
#[derive(Clone, Debug)]
pub struct Listed {
    pub path: PathBuf,
    /// When it was made, from its header.
    pub created: Option<NaiveDateTime>,
    /// How many records it says it holds (the meta records included).
    pub records: Option<u64>,
}

impl Listed {
    fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    fn is_daily(&self) -> bool {
        self.name().starts_with("daily-")
    }

    fn is_of_damaged_database(&self) -> bool {
        self.name().starts_with(DAMAGED_PREFIX)
    }
}

/// The creation time and the stated record count of a backup: its header and the count
/// before its digest, a few bytes read without checking anything.
fn peek(path: &Path) -> (Option<NaiveDateTime>, Option<u64>) {
    use std::io::{Seek, SeekFrom};
    let read = || -> io::Result<(Option<NaiveDateTime>, Option<u64>)> {
        let mut file = File::open(path)?;
        let len = file.metadata()?.len();
        let mut header = [0u8; 8 + 2 + 8];
        file.read_exact(&mut header)?;
        if &header[..8] != MAGIC {
            return Ok((None, None));
        }
        let mut stamp = [0u8; 8];
        stamp.copy_from_slice(&header[10..18]);
        let created =
            chrono::DateTime::from_timestamp(i64::from_le_bytes(stamp), 0).map(|t| t.naive_utc());
        if len < (header.len() + 1 + 8 + 32) as u64 {
            return Ok((created, None));
        }
        file.seek(SeekFrom::Start(len - 32 - 8))?;
        let mut count = [0u8; 8];
        file.read_exact(&mut count)?;
        Ok((created, Some(u64::from_le_bytes(count))))
    };
    read().unwrap_or((None, None))
}

/// Every backup in the database's backup folder, newest first by the time written in
/// it (a rewrite, as after an erasure, keeps that time; the file's own time would not).
pub fn list(db_dir: &Path) -> Vec<Listed> {
    let Ok(entries) = fs::read_dir(db_dir.join(DIR)) else {
        return Vec::new();
    };
    let mut all: Vec<Listed> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == EXTENSION) && p.is_file())
        .map(|path| {
            let (created, records) = peek(&path);
            Listed {
                path,
                created,
                records,
            }
        })
        .collect();
    all.sort_by_key(|b| std::cmp::Reverse((b.created, b.name())));
    all
}

/// How many records of the data trees a verified backup holds.
fn data_records(summary: &Summary) -> u64 {
    summary.total() - summary.counts.get(META_TREE).copied().unwrap_or(0)
}

/// The backup no automatic backup may remove or overwrite: the newest good one that
/// holds more records than the database now has (`data` records, `meta` meta records).
/// If records were lost, it is the one to restore; every other backup may hold less.
pub fn protected(db_dir: &Path, data: u64, meta: u64) -> Option<PathBuf> {
    list(db_dir)
        .into_iter()
        .filter(|b| !b.is_of_damaged_database())
        // The stated count is cheap to read: only a backup stating more is verified.
        .filter(|b| b.records.is_none_or(|n| n > data + meta))
        .find(|b| verify(&b.path).is_ok_and(|s| data_records(&s) > data))
        .map(|b| b.path)
}

/// Where a backup asked for by hand goes when no file is named.
pub fn manual_path(db_dir: &Path, now: NaiveDateTime) -> PathBuf {
    db_dir.join(DIR).join(format!(
        "manual-{}.{EXTENSION}",
        now.format("%Y-%m-%d-%H%M%S")
    ))
}

/// Keeps the newest `keep` daily backups and removes older ones, except `protect` (see
/// [`protected`]), whatever its age; returns how many went.
pub fn rotate(db_dir: &Path, keep: usize, protect: Option<&Path>) -> io::Result<usize> {
    let daily: Vec<Listed> = list(db_dir).into_iter().filter(Listed::is_daily).collect();
    let mut removed = 0;
    for old in daily.iter().skip(keep.max(1)) {
        if Some(old.path.as_path()) == protect {
            continue;
        }
        fs::remove_file(&old.path)?;
        removed += 1;
    }
    if removed > 0 {
        atomic::sync_dir(&db_dir.join(DIR))?;
    }
    Ok(removed)
}

/// The newest backup in the database's backup folder that passes verification and can
/// stand for the database: one holding students if any does (an empty backup is no help
/// when records are lost), and never one written from a damaged database.
pub fn newest_good(db_dir: &Path) -> Option<PathBuf> {
    let mut first_good = None;
    for b in list(db_dir)
        .into_iter()
        .filter(|b| !b.is_of_damaged_database())
    {
        let Ok(summary) = verify(&b.path) else {
            continue;
        };
        if summary.count(TreeName::Students) > 0 {
            return Some(b.path);
        }
        first_good.get_or_insert(b.path);
    }
    first_good
}

/// How many records the database holds now, as [`protected`] compares them.
fn held(db: &Db, data: u64) -> Result<(u64, u64), BackupError> {
    Ok((data, db.open_tree(META_TREE)?.len() as u64))
}

/// What [`daily`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Daily {
    Written,
    /// Today's backup was there already.
    AlreadyThere,
    /// A commit came while the backup was written, so it might hold half of it: it was
    /// removed again, and nothing was rotated.
    Overtaken,
}

/// Writes today's automatic backup unless it exists, then rotates; `data` is how many
/// records the database holds. `unchanged` says, once the backup is written, whether the
/// database is still as it was when writing began (no commit came in between).
pub fn daily(
    db: &Db,
    db_dir: &Path,
    now: NaiveDateTime,
    keep: usize,
    data: u64,
    unchanged: &dyn Fn() -> bool,
) -> Result<Daily, BackupError> {
    let path = daily_path(db_dir, now.date());
    if path.exists() {
        return Ok(Daily::AlreadyThere);
    }
    fsperm::private_dir(&db_dir.join(DIR))?;
    write(db, &path, now)?;
    if !unchanged() {
        fs::remove_file(&path)?;
        return Ok(Daily::Overtaken);
    }
    let (data, meta) = held(db, data)?;
    rotate(db_dir, keep, protected(db_dir, data, meta).as_deref())?;
    Ok(Daily::Written)
}

/// Writes the day's backup again (on quitting after changes) and rotates. It replaces the
/// day's backup, or, if that is the [`protected`] one, goes beside it.
pub fn daily_again(
    db: &Db,
    db_dir: &Path,
    now: NaiveDateTime,
    keep: usize,
    data: u64,
) -> Result<PathBuf, BackupError> {
    let (data, meta) = held(db, data)?;
    let protect = protected(db_dir, data, meta);
    let mut path = daily_path(db_dir, now.date());
    if protect.as_deref() == Some(path.as_path()) {
        path = later_daily_path(db_dir, now.date());
    }
    fsperm::private_dir(&db_dir.join(DIR))?;
    write(db, &path, now)?;
    rotate(db_dir, keep, protect.as_deref())?;
    Ok(path)
}

/// One kind of record in a backup and in the database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compared {
    pub tree: TreeName,
    pub in_backup: u64,
    pub in_database: u64,
    /// Records of the backup the database does not hold.
    pub missing: u64,
    /// Records of the backup the database holds with another value.
    pub changed: u64,
}

/// What [`compare`] found.
#[derive(Clone, Debug, Default)]
pub struct Comparison {
    pub created: Option<NaiveDateTime>,
    /// Per data tree, in [`TreeName::ALL`] order.
    pub trees: Vec<Compared>,
}

impl Comparison {
    /// Records of the backup missing from the database, in the trees that hold what was
    /// entered (the summaries and the reminder index are made from those).
    pub fn missing_entered(&self) -> u64 {
        self.trees
            .iter()
            .filter(|t| !t.tree.is_derived())
            .map(|t| t.missing)
            .sum()
    }
}

/// Compares the records of the verified backup at `path` with those in `db`.
pub fn compare(path: &Path, db: &Db) -> Result<Comparison, BackupError> {
    let mut trees: Vec<Compared> = TreeName::ALL
        .into_iter()
        .map(|tree| Compared {
            tree,
            in_backup: 0,
            in_database: 0,
            missing: 0,
            changed: 0,
        })
        .collect();
    let summary = read_records(path, |tree, key, value| {
        let Section::Data(tree) = tree else {
            return Ok(());
        };
        let t = &mut trees[tree.index()];
        t.in_backup += 1;
        match db.open_tree(tree.name())?.get(&key)? {
            None => t.missing += 1,
            Some(v) if v != value.as_slice() => t.changed += 1,
            Some(_) => {}
        }
        Ok(())
    })?;
    for t in &mut trees {
        t.in_database = db.open_tree(t.tree.name())?.len() as u64;
    }
    Ok(Comparison {
        created: summary.created,
        trees,
    })
}
