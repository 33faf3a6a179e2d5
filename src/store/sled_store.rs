//! The sled implementation of [`Store`].
//!
//! Every write goes through one pipeline: the records to write are encoded, the manifest's
//! counts and checksum are updated from the values they replace, the manifest notes the
//! commit as under way, sled writes everything in one transaction and flushes it, the data
//! file is synced, and the manifest records the commit as done.
//!
//! Opening checks what is cheap at once: the manifest is there and reads, sled's last
//! commit is one the manifest recorded (a log cut short loses the newest commits, and that
//! shows here), and the format marker says no record needs rewriting. The comparison of
//! every record with the manifest then runs in the background without holding back writes:
//! a commit made meanwhile only makes it look again. Where the cheap checks fail or records
//! must be rewritten, writes wait for the full comparison. A damaged database or one with
//! records from a newer Fokus stays read-only.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use chrono::{NaiveDate, NaiveDateTime};
use sled::transaction::{ConflictableTransactionError, TransactionError};
use sled::{Db, Transactional, Tree};

use super::backup::{self, BackupError};
use super::codec::{self, CodecError, Sealing};
use super::integrity::{self, Finding, META_FORMAT, META_KEY_ID, META_SEQ, META_TREE, Verdict};
use super::lock::{DbLock, LockError};
use super::manifest::{Consent, Manifest, ManifestError, ReplaceError, State};
use super::register;
use super::trees::TreeName;
use super::{Damage, Mode, ReadOnlyReason, Store, StoreError, StoreIds, keys};
use crate::domain::organisation;
use crate::domain::reminders::{self, DueItem, Mark, ReminderKey};
use crate::domain::{
    Agreement, Case, CaseChange, Conversation, Event, IdSource, OrgId, Organisation, Receipt,
    Student, StudentId, StudentSummary,
};
use crate::files::{atomic, fsperm};
use crate::privacy::Footprint;

const SLED_DIR: &str = "sled";

/// sled's page cache for the application and read-only queries. sled's default (1 GiB)
/// fills with every record the comparison at opening reads, which the application, reading
/// a page of rows at a time, has no use for: 4 MiB keeps its memory small and costs only
/// that comparison's speed in the background.
const SMALL_CACHE: u64 = 4 * 1024 * 1024;

/// sled's page cache where every record is read before anything else happens (`fokus
/// check`, documents, backups): there a larger cache makes the pass over them quicker.
const LARGE_CACHE: u64 = 64 * 1024 * 1024;

/// How to open a database.
#[derive(Clone, Debug)]
pub struct OpenOptions {
    /// The current time, for backup names.
    pub now: NaiveDateTime,
    /// How many daily backups to keep.
    pub keep_backups: usize,
    /// When every record is compared with the manifest.
    pub compare: Compare,
    /// How records are sealed: with the database's key, which an encrypted database
    /// needs, or (a database without one) in the clear. A database in the clear opened
    /// with a key has its records sealed, after a backup, as a migration.
    pub sealing: Sealing,
}

/// When opening compares every record with the manifest. What is cheap to check is
/// checked before `open` returns whatever this says; when that fails, or records must be
/// rewritten in the current format, the full comparison runs before anything is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    /// Before `open` returns (maintenance commands and tests).
    BeforeReturning,
    /// In a background thread that never holds back a write (the application).
    InBackground,
    /// Not at all when the cheap checks pass (read-only queries such as `fokus remind`;
    /// the application's next start and `fokus check` compare).
    Never,
}

impl OpenOptions {
    /// Compare before returning, keep 7 backups.
    pub fn now(now: NaiveDateTime) -> OpenOptions {
        OpenOptions {
            now,
            keep_backups: 7,
            compare: Compare::BeforeReturning,
            sealing: Sealing::plain(),
        }
    }

    /// These options with records sealed by `vault`.
    pub fn sealed(self, vault: Arc<crate::crypto::Vault>) -> OpenOptions {
        OpenOptions {
            sealing: Sealing::with(vault),
            ..self
        }
    }
}

/// One record to write (`Some`) or remove (`None`).
pub(super) type Op = (TreeName, Vec<u8>, Option<Vec<u8>>);

/// What the check made at opening reports.
struct Maintenance {
    /// None when commits kept coming while the records were read, so that no comparison
    /// could be made this time.
    verdict: Option<Verdict>,
    /// The backup written before old records are rewritten, if any were found.
    pre_migration: Option<Result<PathBuf, String>>,
    /// Whether the cheap checks had passed and the database was writable while the
    /// records were compared: the verdict then only confirms or names damage, and the
    /// manifest (which commits made meanwhile have moved on) is left as it is.
    confirming: bool,
}

/// What the background comparison hands back when it is done.
type Checked = Result<Maintenance, Damage>;

/// The open sled database and its trees. Behind a lock so the whole database can be
/// rewritten into fresh files (to reclaim space after an erasure) while Fokus runs.
struct Handles {
    db: Db,
    /// Indexed by [`TreeName::index`].
    trees: [Tree; TreeName::ALL.len()],
    meta: Tree,
}

/// Opens sled's files at `path`. A handle on them just dropped in this process lets go of
/// sled's own file lock only when its background threads have finished, a moment later
/// (after an erasure's compaction, say): that lock is waited for, up to three seconds, rather
/// than reported as an error. Another process never holds it: `fokus.lock` keeps it out.
pub fn open_db(path: &Path) -> Result<Db, sled::Error> {
    open_db_caching(path, LARGE_CACHE)
}

/// [`open_db`] with a page cache of `cache` bytes.
fn open_db_caching(path: &Path, cache: u64) -> Result<Db, sled::Error> {
    // Every commit is flushed and synced before it returns, so sled's own flusher, which
    // wakes twice a second, has nothing to do: without it an idle Fokus stays asleep.
    let config = sled::Config::new()
        .path(path)
        .cache_capacity(cache)
        .flush_every_ms(None);
    let give_up = std::time::Instant::now() + std::time::Duration::from_secs(3);
    loop {
        match config.open() {
            Err(sled::Error::Io(e))
                if e.to_string().contains("could not acquire lock")
                    && std::time::Instant::now() < give_up =>
            {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

impl Handles {
    fn open(path: &Path, options: &OpenOptions) -> Result<Handles, sled::Error> {
        let cache = match options.compare {
            Compare::BeforeReturning => LARGE_CACHE,
            Compare::InBackground | Compare::Never => SMALL_CACHE,
        };
        Handles::of(open_db_caching(path, cache)?)
    }

    /// An empty database in memory, standing in where sled's files are gone.
    fn temporary() -> Result<Handles, sled::Error> {
        Handles::of(sled::Config::new().temporary(true).open()?)
    }

    fn of(db: Db) -> Result<Handles, sled::Error> {
        let mut opened = Vec::with_capacity(TreeName::ALL.len());
        for tree in TreeName::ALL {
            opened.push(db.open_tree(tree.name())?);
        }
        let trees = TreeName::ALL.map(|tree| opened[tree.index()].clone());
        let meta = db.open_tree(META_TREE)?;
        Ok(Handles { db, trees, meta })
    }

    fn tree(&self, tree: TreeName) -> &Tree {
        &self.trees[tree.index()]
    }
}

/// Fokus's database: a folder holding the lock file, the manifest, backups and sled's files.
pub struct SledStore {
    handles: std::sync::RwLock<Handles>,
    /// Taken exclusively while a commit is applied, shared by
    /// [`SledStore::consistent`]: a reader on another thread sees each commit whole or not
    /// at all.
    commits: std::sync::RwLock<()>,
    dir: PathBuf,
    /// Shared with the background comparison, which reads it between commits.
    manifest: Arc<Mutex<Manifest>>,
    mode: Mutex<Mode>,
    maintenance: Mutex<Option<JoinHandle<Checked>>>,
    changed: AtomicBool,
    /// Added to sled's generated ids (see [`integrity::META_ID_FLOOR`]).
    id_floor: std::sync::atomic::AtomicU64,
    options: OpenOptions,
    _lock: DbLock,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn codec_err(tree: TreeName) -> impl Fn(CodecError) -> StoreError {
    move |source| StoreError::Codec {
        tree: tree.name(),
        source,
    }
}

fn encode<T: serde::Serialize>(
    sealing: &Sealing,
    tree: TreeName,
    key: &[u8],
    value: &T,
) -> Result<Vec<u8>, StoreError> {
    sealing
        .encode(tree.name(), key, value)
        .map_err(codec_err(tree))
}

fn decode<T: codec::Versioned>(
    sealing: &Sealing,
    tree: TreeName,
    key: &[u8],
    value: &[u8],
) -> Result<T, StoreError> {
    sealing
        .decode(tree.name(), key, value)
        .map_err(codec_err(tree))
}

/// What the ids handed out start above (see [`integrity::META_ID_FLOOR`]).
fn id_floor(meta: &Tree) -> Result<u64, StoreError> {
    match meta.get(integrity::META_ID_FLOOR)? {
        Some(bytes) => codec::decode(&bytes).map_err(meta_err),
        None => Ok(0),
    }
}

fn meta_err(source: CodecError) -> StoreError {
    StoreError::Codec {
        tree: META_TREE,
        source,
    }
}

/// Encodes a value of the meta tree.
fn encode_meta<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    codec::encode(value).map_err(meta_err)
}

impl SledStore {
    /// Opens (creating if needed) the database in `dir`, checking it against its manifest
    /// before returning. Refuses at once, touching nothing, if another Fokus has it open.
    pub fn open(dir: &Path) -> Result<SledStore, StoreError> {
        let now = chrono::Local::now().naive_local();
        SledStore::open_with(dir, OpenOptions::now(now))
    }

    /// Opens the database in `dir` with `options`.
    ///
    /// What can be seen without reading every record is decided here, before anything is
    /// written: records gone (no records, though the manifest or the backups say there
    /// were) and a missing or unreadable manifest leave the database read-only at once.
    /// Comparing every record with the manifest follows, in the background if asked.
    pub fn open_with(dir: &Path, options: OpenOptions) -> Result<SledStore, StoreError> {
        // An encrypted database without its key, or with another's, is refused before
        // anything in its folder is touched.
        if crate::crypto::KeyFile::exists(dir) {
            let file = crate::crypto::KeyFile::peek(dir);
            match options.sealing.vault() {
                None => return Err(StoreError::KeyNeeded),
                Some(vault) if file.is_some_and(|f| f.id != vault.id()) => {
                    return Err(StoreError::ForeignKey);
                }
                Some(_) => {}
            }
        }
        fsperm::private_dir(dir).map_err(io_err(dir))?;
        let lock = DbLock::acquire(dir).map_err(|e| match e {
            LockError::Held(holder) => StoreError::Locked {
                path: dir.to_path_buf(),
                holder,
            },
            LockError::Io(source) => StoreError::Io {
                path: dir.to_path_buf(),
                source,
            },
        })?;
        let found = match Manifest::load(dir) {
            Ok(Some(m)) => Found::Present(m),
            Ok(None) => Found::Missing,
            Err(ManifestError::Io(source)) => {
                return Err(StoreError::Io {
                    path: dir.to_path_buf(),
                    source,
                });
            }
            Err(ManifestError::Damaged) => Found::Unreadable,
        };
        let sled_path = dir.join(SLED_DIR);
        // Where records existed and sled's files are gone, an empty stand-in is opened
        // instead, so that nothing new is made in their place.
        let gone = (!has_data_file(&sled_path))
            .then(|| records_gone(dir, &found))
            .flatten();
        let handles = match gone {
            Some(_) => Handles::temporary(),
            None => Handles::open(&sled_path, &options),
        }
        .map_err(|e| damaged(dir, e))?;
        if gone.is_none() {
            fsperm::tighten_tree(dir).map_err(io_err(dir))?;
        }
        let fresh = is_fresh(&handles).map_err(|e| damaged(dir, e))?;
        let store = SledStore {
            handles: std::sync::RwLock::new(handles),
            commits: std::sync::RwLock::new(()),
            dir: dir.to_path_buf(),
            manifest: Arc::new(Mutex::new(match &found {
                Found::Present(m) => m.clone(),
                _ => Manifest::default(),
            })),
            mode: Mutex::new(Mode::Checking),
            maintenance: Mutex::new(None),
            changed: AtomicBool::new(false),
            id_floor: std::sync::atomic::AtomicU64::new(0),
            options,
            _lock: lock,
        };
        store
            .id_floor
            .store(id_floor(&store.meta())?, Ordering::SeqCst);
        // An encrypted database opens only with its own key.
        let key_id = store.meta().get(META_KEY_ID).map_err(|e| damaged(dir, e))?;
        let sealed_as_asked = match (&key_id, store.options.sealing.vault()) {
            (Some(_), None) => return Err(StoreError::KeyNeeded),
            (Some(id), Some(vault)) if id.as_ref() != vault.id() => {
                return Err(StoreError::ForeignKey);
            }
            (Some(_), Some(vault)) => {
                store.keep_key_file(vault).map_err(|e| damaged(dir, e))?;
                true
            }
            (None, None) => true,
            // Records in the clear, to be sealed.
            (None, Some(_)) => false,
        };
        if fresh {
            match gone.or_else(|| records_gone(dir, &found)) {
                Some(damage) => store.set_damaged(damage),
                None => store.start_fresh(None)?,
            }
            return Ok(store);
        }
        let format = match store.meta().get(META_FORMAT).map_err(|e| damaged(dir, e))? {
            Some(bytes) => Some(codec::decode::<u16>(&bytes).map_err(meta_err)?),
            None => None,
        };
        if let Some(found) = format.filter(|f| *f > codec::FORMAT_VERSION) {
            store.set_mode(Mode::ReadOnly(ReadOnlyReason::Newer { version: found }));
            return Ok(store);
        }
        let manifest = match found {
            Found::Present(m) => Some(m),
            // Made before manifests existed: one is made from the records.
            Found::Missing if format.is_some_and(|f| f < integrity::FIRST_FORMAT_WITH_MANIFEST) => {
                None
            }
            Found::Missing => {
                store.set_damaged(Damage::ManifestMissing);
                return Ok(store);
            }
            Found::Unreadable => {
                store.set_damaged(Damage::ManifestUnreadable);
                return Ok(store);
            }
        };
        if let Some(m) = &manifest
            && format == Some(codec::FORMAT_VERSION)
            && sealed_as_asked
            && store.open_cheaply(m)?
        {
            return Ok(store);
        }
        let db = store.db();
        let dir = store.dir.clone();
        let compare = store.options.compare;
        let options = store.options.clone();
        let check = move || maintenance(&db, &dir, manifest.as_ref(), options);
        if compare == Compare::InBackground {
            let handle = std::thread::Builder::new()
                .name("fokus-check".into())
                .spawn(in_background(check))
                .map_err(io_err(&store.dir))?;
            *lock_or_recover(&store.maintenance) = Some(handle);
        } else {
            let done = check();
            store.conclude(done)?;
        }
        Ok(store)
    }

    /// Opens writable if what is cheap to check says the records are those of `manifest`:
    /// sled's last commit is one the manifest recorded (an interrupted commit the manifest
    /// noted as under way is taken as done when sled has it). Every record is then compared
    /// as [`OpenOptions::compare`] says. Returns false, changing nothing, when the check
    /// fails and the full comparison must decide.
    fn open_cheaply(&self, manifest: &Manifest) -> Result<bool, StoreError> {
        let db = self.db();
        let seq = integrity::stored_seq(&db).map_err(|e| damaged(&self.dir, e))?;
        let Some(state) = manifest.expected(seq).cloned() else {
            return Ok(false);
        };
        if manifest.pending.is_some() {
            let mut now = lock_or_recover(&self.manifest);
            *now = Manifest {
                current: state,
                pending: None,
            };
            now.save(&self.dir).map_err(io_err(&self.dir))?;
        }
        self.set_mode(Mode::Writable);
        self.seed_address_book()?;
        let (dir, shared) = (self.dir.clone(), Arc::clone(&self.manifest));
        let options = self.options.clone();
        let check = move || confirm(&db, &dir, &shared, options);
        match self.options.compare {
            Compare::Never => {}
            Compare::BeforeReturning => self.conclude(check())?,
            Compare::InBackground => {
                let handle = std::thread::Builder::new()
                    .name("fokus-check".into())
                    .spawn(in_background(check))
                    .map_err(io_err(&self.dir))?;
                *lock_or_recover(&self.maintenance) = Some(handle);
            }
        }
        Ok(true)
    }

    /// A new, empty database: a manifest saying "nothing", the format marker, sequence 0,
    /// and the address book. The manifest comes first: a start cut short before the
    /// marker leaves a database that is still new the next time, never one without a
    /// manifest. Replacing a manifest that counts records takes the user's `consent`.
    fn start_fresh(&self, consent: Option<Consent>) -> Result<(), StoreError> {
        let manifest = Manifest::default();
        manifest.replace(&self.dir, consent).map_err(|e| match e {
            ReplaceError::Fewer { had, .. } => StoreError::Damaged {
                damage: Damage::Gone {
                    expected: Some(had),
                    backups: backup::list(&self.dir).len(),
                },
                backup: backup::newest_good(&self.dir),
            },
            ReplaceError::Io(source) => StoreError::Io {
                path: self.dir.clone(),
                source,
            },
        })?;
        let meta = self.meta();
        meta.insert(META_FORMAT, encode_meta(&codec::FORMAT_VERSION)?)?;
        meta.insert(META_SEQ, encode_meta(&0u64)?)?;
        if let Some(vault) = self.options.sealing.vault() {
            meta.insert(META_KEY_ID, &vault.id()[..])?;
            self.keep_key_file(vault)?;
        }
        self.sync()?;
        *lock_or_recover(&self.manifest) = manifest;
        self.set_mode(Mode::Writable);
        self.seed_address_book()
    }

    /// Keeps a copy of the key file of `vault` in the meta tree, where backups take it from.
    fn keep_key_file(&self, vault: &crate::crypto::Vault) -> Result<(), sled::Error> {
        let Ok(Some(file)) = crate::crypto::KeyFile::load(&self.dir) else {
            return Ok(());
        };
        let Ok(bytes) = file.to_bytes() else {
            return Ok(());
        };
        let meta = self.meta();
        if file.id == vault.id()
            && meta.get(integrity::META_KEY_FILE)?.as_deref() != Some(&bytes[..])
        {
            meta.insert(integrity::META_KEY_FILE, bytes)?;
            meta.flush()?;
        }
        Ok(())
    }

    /// Leaves the database read-only because of `damage`, naming the backup to restore.
    fn set_damaged(&self, damage: Damage) {
        self.set_mode(Mode::ReadOnly(ReadOnlyReason::Damaged {
            damage,
            backup: backup::newest_good(&self.dir),
        }));
    }

    /// Acts on the background check: makes the database writable (rewriting records in
    /// older formats), or leaves it read-only saying why.
    fn conclude(&self, done: Checked) -> Result<(), StoreError> {
        let report = match done {
            Ok(r) => r,
            Err(damage) => {
                self.set_damaged(damage);
                return Ok(());
            }
        };
        let Some(verdict) = report.verdict else {
            return Ok(());
        };
        match verdict {
            // The database has been writable all along; the comparison confirms it.
            Verdict::Sound(_) if report.confirming => {}
            Verdict::Sound(scan) | Verdict::Unrecorded(scan) => {
                {
                    let mut manifest = lock_or_recover(&self.manifest);
                    let seq = integrity::stored_seq(&self.db())?;
                    if manifest.expected(seq).is_none_or(|s| s.tally != scan.tally)
                        || manifest.pending.is_some()
                    {
                        // A database from before manifests, or an interrupted commit
                        // (sled holds one of the two states the manifest allows): record
                        // what is there.
                        *manifest = Manifest {
                            current: State {
                                seq,
                                tally: scan.tally.clone(),
                            },
                            pending: None,
                        };
                        manifest.save(&self.dir).map_err(io_err(&self.dir))?;
                    }
                }
                self.set_mode(Mode::Writable);
                self.seed_address_book()?;
                if !scan.outdated.is_empty() {
                    match report.pre_migration {
                        Some(Ok(_)) => self.migrate(&scan.outdated)?,
                        Some(Err(e)) => {
                            self.set_mode(Mode::ReadOnly(ReadOnlyReason::NoBackupForMigration(e)))
                        }
                        None => {}
                    }
                }
            }
            Verdict::Damaged {
                expected, found, ..
            } => {
                self.set_damaged(Damage::Records {
                    expected: expected.tally.total(),
                    found: found.total(),
                });
            }
            Verdict::Newer { version } => {
                self.set_mode(Mode::ReadOnly(ReadOnlyReason::Newer { version }));
            }
        }
        Ok(())
    }

    /// Gives the address book the cooperation agreement's organisations, once.
    fn seed_address_book(&self) -> Result<(), StoreError> {
        if self.meta().get(integrity::META_BOOK_SEEDED)?.is_some() {
            return Ok(());
        }
        let mut failure = None;
        let db = self.db();
        let floor = self.id_floor.load(Ordering::SeqCst);
        let book = organisation::default_book(|| match db.generate_id() {
            Ok(id) => floor + id + 1,
            Err(e) => {
                failure.get_or_insert(e);
                0
            }
        });
        if let Some(e) = failure {
            return Err(e.into());
        }
        let mut ops = Vec::new();
        for org in &book {
            let key = keys::organisation(org.id).to_vec();
            let value = self.encode(TreeName::Organisations, &key, org)?;
            ops.push((TreeName::Organisations, key, Some(value)));
        }
        let seeded = encode_meta(&1u16)?;
        self.write(ops, vec![(integrity::META_BOOK_SEEDED, seeded)])
    }

    /// Rewrites records stored in older formats in the current one, and everything derived
    /// from them under the current rules (summaries, the due index), in one transaction.
    fn migrate(&self, outdated: &[(TreeName, Vec<u8>)]) -> Result<(), StoreError> {
        let mut ops: Vec<Op> = Vec::with_capacity(outdated.len() + 1);
        for &(tree, ref key) in outdated {
            if tree.is_derived() {
                continue;
            }
            let Some(bytes) = self.tree(tree).get(key)? else {
                continue;
            };
            let value = reencode(&self.options.sealing, tree, key, &bytes)?;
            ops.push((tree, key.clone(), Some(value)));
        }
        for entry in self.tree(TreeName::Students).iter().keys() {
            let key = entry?;
            let id = keys::owner(&key).unwrap_or(StudentId(0));
            let case = self.load_case(id)?;
            ops.extend(self.derived_ops(&case)?);
        }
        let format = encode_meta(&codec::FORMAT_VERSION)?;
        let mut meta = vec![(META_FORMAT, format)];
        let sealing_now = self.options.sealing.vault().map(|v| v.id().to_vec());
        let newly_sealed = match &sealing_now {
            Some(_) => self.meta().get(META_KEY_ID)?.is_none(),
            None => false,
        };
        if let Some(id) = sealing_now {
            meta.push((META_KEY_ID, id));
        }
        self.write(ops, meta)?;
        if let Some(vault) = self.options.sealing.vault() {
            self.keep_key_file(vault)?;
        }
        if newly_sealed {
            // The records in the clear are still in sled's files (its log keeps what was
            // replaced until it reuses the space): everything is written into fresh files,
            // the old ones overwritten before they are removed, and the day's backup is
            // made again, sealed.
            self.reclaim_shredding(true)?;
            self.daily_backup(self.options.now)
                .map_err(|e| StoreError::Io {
                    path: self.dir.join(backup::DIR),
                    source: std::io::Error::other(e.to_string()),
                })?;
        }
        Ok(())
    }

    /// Waits for the background check if it is still running and applies its result.
    fn settle(&self, wait: bool) -> Result<(), StoreError> {
        let mut slot = lock_or_recover(&self.maintenance);
        let ready = slot.as_ref().is_some_and(|h| wait || h.is_finished());
        if !ready {
            return Ok(());
        }
        let Some(handle) = slot.take() else {
            return Ok(());
        };
        drop(slot);
        let done = handle.join().unwrap_or(Err(Damage::CheckStopped));
        self.conclude(done)
    }

    fn set_mode(&self, mode: Mode) {
        *lock_or_recover(&self.mode) = mode;
    }

    fn handles(&self) -> std::sync::RwLockReadGuard<'_, Handles> {
        self.handles.read().unwrap_or_else(|p| p.into_inner())
    }

    /// A handle on `tree` (cheap: sled trees are shared).
    fn tree(&self, tree: TreeName) -> Tree {
        self.handles().tree(tree).clone()
    }

    fn meta(&self) -> Tree {
        self.handles().meta.clone()
    }

    fn db(&self) -> Db {
        self.handles().db.clone()
    }

    /// `value` encoded (sealed, in an encrypted database) for `key` in `tree`.
    fn encode<T: serde::Serialize>(
        &self,
        tree: TreeName,
        key: &[u8],
        value: &T,
    ) -> Result<Vec<u8>, StoreError> {
        encode(&self.options.sealing, tree, key, value)
    }

    /// The write of `value` under `key` in `tree`.
    fn put<T: serde::Serialize>(
        &self,
        tree: TreeName,
        key: Vec<u8>,
        value: &T,
    ) -> Result<Op, StoreError> {
        let bytes = self.encode(tree, &key, value)?;
        Ok((tree, key, Some(bytes)))
    }

    /// The record stored under `key` in `tree`.
    fn decode<T: codec::Versioned>(
        &self,
        tree: TreeName,
        key: &[u8],
        value: &[u8],
    ) -> Result<T, StoreError> {
        decode(&self.options.sealing, tree, key, value)
    }

    /// Runs `read` on the database as it is between commits: no commit is applied while it
    /// runs, so everything it reads comes from one state, each commit seen whole or not at
    /// all. For readers on other threads than the one that writes; `read` must not write.
    pub fn consistent<R>(&self, read: impl FnOnce(&SledStore) -> R) -> R {
        let _between_commits = self.commits.read().unwrap_or_else(|p| p.into_inner());
        read(self)
    }

    /// Ends the use of the database by a process about to exit: lets go of Fokus's lock,
    /// but leaves sled's in-memory state for the operating system to reclaim at exit
    /// rather than tearing it down (a tenth of a second at 100,000 students). Everything
    /// written is on disk already; sled's own lock on its files holds until the exit.
    pub fn leave(self) {
        let SledStore {
            handles,
            maintenance,
            _lock,
            ..
        } = self;
        if let Some(check) = lock_or_recover(&maintenance).take() {
            let _ = check.join();
        }
        std::mem::forget(handles);
        drop(_lock);
    }

    /// The database folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Makes everything written so far durable: sled's flush, then a sync of its files.
    fn sync(&self) -> Result<(), StoreError> {
        self.db().flush()?;
        // sled's flush does not survive a power cut on its own (sync_file_range); syncing
        // the data file and the blob folder does.
        let sled_dir = self.dir.join(SLED_DIR);
        let db_file = sled_dir.join("db");
        if let Ok(file) = std::fs::File::open(&db_file) {
            file.sync_all().map_err(io_err(&db_file))?;
        }
        let blobs = sled_dir.join("blobs");
        if blobs.is_dir() {
            atomic::sync_dir(&blobs).map_err(io_err(&blobs))?;
        }
        Ok(())
    }

    /// Flushes everything to disk.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.sync()
    }

    /// How many students are stored (counted: reads every key).
    pub fn student_count(&self) -> usize {
        self.tree(TreeName::Students).len()
    }

    /// How many students the manifest says are stored, without reading the records.
    pub fn recorded_students(&self) -> u64 {
        let manifest = lock_or_recover(&self.manifest);
        manifest
            .current
            .tally
            .counts
            .get("students")
            .copied()
            .unwrap_or(0)
    }

    /// Whether anything was written since the database was opened.
    pub fn changed(&self) -> bool {
        self.changed.load(Ordering::Relaxed)
    }

    /// The one write path: updates the manifest around one sled transaction.
    fn write(&self, ops: Vec<Op>, meta: Vec<(&'static [u8], Vec<u8>)>) -> Result<(), StoreError> {
        // Writes wait for the full comparison only where the cheap checks could not
        // decide; a comparison confirming a writable database never holds them back.
        let checking = matches!(*lock_or_recover(&self.mode), Mode::Checking);
        self.settle(checking)?;
        if let Mode::ReadOnly(reason) = self.mode() {
            return Err(StoreError::ReadOnly(reason));
        }
        if ops.is_empty() {
            return Ok(());
        }
        let mut manifest = lock_or_recover(&self.manifest);
        let mut next = manifest.current.clone();
        next.seq += 1;
        // What each key holds before this commit, later ops in the list seeing earlier ones.
        let mut seen: HashMap<(TreeName, &[u8]), Option<Vec<u8>>> = HashMap::new();
        for &(tree, ref key, ref value) in &ops {
            let before = match seen.get(&(tree, key.as_slice())) {
                Some(v) => v.clone(),
                None => self.tree(tree).get(key)?.map(|v| v.to_vec()),
            };
            if let Some(old) = &before {
                next.tally.remove(tree, key, old);
            }
            if let Some(new) = value {
                next.tally.add(tree, key, new);
            }
            seen.insert((tree, key.as_slice()), value.clone());
        }
        manifest.pending = Some(next.clone());
        manifest.save(&self.dir).map_err(io_err(&self.dir))?;

        let seq = encode_meta(&next.seq)?;
        let applying = self.commits.write().unwrap_or_else(|p| p.into_inner());
        let handles = self.handles();
        // Every data tree in the order of `TreeName::ALL`, then the meta tree.
        let trees: Vec<&Tree> = handles
            .trees
            .iter()
            .chain(std::iter::once(&handles.meta))
            .collect();
        let result =
            trees
                .as_slice()
                .transaction(|views: &Vec<sled::transaction::TransactionalTree>| {
                    let (meta_view, views) = views.split_last().ok_or_else(|| {
                        ConflictableTransactionError::Abort(StoreError::Io {
                            path: self.dir.clone(),
                            source: std::io::Error::other("no trees to write"),
                        })
                    })?;
                    for (tree, key, value) in &ops {
                        let view = &views[tree.index()];
                        match value {
                            Some(v) => view.insert(key.as_slice(), v.as_slice())?,
                            None => view.remove(key.as_slice())?,
                        };
                    }
                    meta_view.insert(META_SEQ, seq.as_slice())?;
                    for (key, value) in &meta {
                        meta_view.insert(*key, value.as_slice())?;
                    }
                    Ok::<(), ConflictableTransactionError<StoreError>>(())
                });
        match result {
            Ok(()) => {}
            Err(TransactionError::Abort(e)) => return Err(e),
            Err(TransactionError::Storage(e)) => return Err(e.into()),
        }
        drop(handles);
        drop(applying);
        self.sync()?;
        manifest.current = next;
        manifest.pending = None;
        self.changed.store(true, Ordering::Relaxed);
        manifest.save(&self.dir).map_err(io_err(&self.dir))
    }

    /// The records that store `change` together with the summary and due index of `after`.
    fn ops_for(&self, change: &CaseChange, after: &Case) -> Result<Vec<Op>, StoreError> {
        let sid = after.id();
        let mut ops: Vec<Op> = Vec::new();
        if let Some(student) = &change.student {
            ops.push(self.put(
                TreeName::Students,
                keys::student(student.id).to_vec(),
                student,
            )?);
        }
        for c in &change.conversations {
            ops.push(self.put(
                TreeName::Conversations,
                keys::owned(sid, c.id.0).to_vec(),
                c,
            )?);
        }
        for id in &change.removed_agreements {
            ops.push((TreeName::Agreements, keys::owned(sid, id.0).to_vec(), None));
        }
        for a in &change.agreements {
            ops.push(self.put(TreeName::Agreements, keys::owned(sid, a.id.0).to_vec(), a)?);
        }
        for e in &change.events {
            ops.push(self.put(TreeName::Events, keys::owned(sid, e.id.0).to_vec(), e)?);
        }
        ops.extend(self.derived_ops(after)?);
        Ok(ops)
    }

    /// The summary and due-index entries of `after`, replacing the student's old ones.
    fn derived_ops(&self, after: &Case) -> Result<Vec<Op>, StoreError> {
        let sid = after.id();
        let mut ops: Vec<Op> = Vec::new();
        // Replace the student's entries in the due index: the keys written last time are
        // kept per student, so nothing has to be searched for.
        if let Some(old) = self.tree(TreeName::DueKeys).get(keys::student(sid))? {
            let old: Vec<keys::DueKey> =
                self.decode(TreeName::DueKeys, &keys::student(sid), &old)?;
            for key in old {
                ops.push((TreeName::Due, key.to_vec(), None));
            }
        }
        let due_items = reminders::due_items(after);
        let due_keys: Vec<keys::DueKey> = due_items.iter().map(keys::due).collect();
        for (item, key) in due_items.iter().zip(&due_keys) {
            ops.push(self.put(TreeName::Due, key.to_vec(), item)?);
        }
        ops.push(self.put(TreeName::DueKeys, keys::student(sid).to_vec(), &due_keys)?);
        let summary = StudentSummary::of(after);
        ops.push(self.put(TreeName::Summaries, keys::student(sid).to_vec(), &summary)?);
        let facts = crate::domain::StudentFacts::of(after);
        ops.push(self.put(TreeName::Facts, keys::student(sid).to_vec(), &facts)?);
        Ok(ops)
    }

    /// Writes a backup of every record to `path`.
    pub fn backup(&self, path: &Path, now: NaiveDateTime) -> Result<backup::Summary, BackupError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fsperm::private_dir(parent)?;
        }
        backup::write(&self.db(), path, now)
    }

    /// Writes the automatic backup of the day again (replacing the day's, unless that one
    /// holds more records than the database now has) and keeps the newest daily backups,
    /// and always the newest backup holding more records than the database.
    pub fn daily_backup(&self, now: NaiveDateTime) -> Result<PathBuf, BackupError> {
        // The comparison at opening may be writing the day's first backup.
        if let Err(e) = self.settle(true) {
            self.set_damaged(e.damage().unwrap_or(Damage::Engine(e.to_string())));
        }
        let records = lock_or_recover(&self.manifest).current.tally.total();
        backup::daily_again(
            &self.db(),
            &self.dir,
            now,
            self.options.keep_backups,
            records,
        )
    }

    /// Rewrites the whole database into fresh files and removes the old ones, so values
    /// deleted or replaced earlier (which sled keeps in its log until it is rewritten) are
    /// gone from the files. The records, the manifest and the commit sequence stay as they
    /// are.
    fn reclaim(&self) -> Result<(), StoreError> {
        self.reclaim_shredding(false)
    }

    /// [`SledStore::reclaim`], overwriting the old files before removing them when `shred`.
    fn reclaim_shredding(&self, shred: bool) -> Result<(), StoreError> {
        self.settle(true)?;
        let mut guard = self.handles.write().unwrap_or_else(|p| p.into_inner());
        guard.db.flush()?;
        let live = self.dir.join(SLED_DIR);
        let fresh_path = self.dir.join(format!("{SLED_DIR}.new"));
        let old_path = self.dir.join(format!("{SLED_DIR}.old"));
        let scratch_path = self.dir.join(format!("{SLED_DIR}.scratch"));
        for leftover in [&fresh_path, &old_path, &scratch_path] {
            if leftover.exists() {
                std::fs::remove_dir_all(leftover).map_err(io_err(leftover))?;
            }
        }
        // The fresh files' id generator starts at zero: ids go on above what these
        // files' generator has reached.
        let reached = self.id_floor.load(Ordering::SeqCst) + guard.db.generate_id()? + 1;
        {
            let fresh = open_db(&fresh_path)?;
            let names = TreeName::ALL.map(TreeName::name);
            for name in names.into_iter().chain([META_TREE]) {
                let from = guard.db.open_tree(name)?;
                let to = fresh.open_tree(name)?;
                for entry in from.iter() {
                    let (key, value) = entry?;
                    to.insert(key, value)?;
                }
            }
            fresh
                .open_tree(META_TREE)?
                .insert(integrity::META_ID_FLOOR, encode_meta(&reached)?)?;
            fresh.flush()?;
        }
        // Close the old files before moving them: an empty scratch database stands in.
        let scratch = Handles::open(&scratch_path, &self.options)?;
        drop(std::mem::replace(&mut *guard, scratch));
        std::fs::rename(&live, &old_path).map_err(io_err(&live))?;
        std::fs::rename(&fresh_path, &live).map_err(io_err(&fresh_path))?;
        let reopened = Handles::open(&live, &self.options)?;
        drop(std::mem::replace(&mut *guard, reopened));
        self.id_floor.store(reached, Ordering::SeqCst);
        drop(guard);
        for gone in [&old_path, &scratch_path] {
            if shred {
                crate::files::shred::dir(gone).map_err(io_err(gone))?;
            } else {
                std::fs::remove_dir_all(gone).map_err(io_err(gone))?;
            }
        }
        fsperm::tighten_tree(&self.dir).map_err(io_err(&self.dir))?;
        atomic::sync_dir(&self.dir).map_err(io_err(&self.dir))?;
        Ok(())
    }

    /// Reads every record and compares indexes and manifest (`fokus check`).
    pub fn check(&self) -> Result<integrity::Report, StoreError> {
        let mode = self.settled_mode();
        if let Some(gone @ Damage::Gone { .. }) = mode.damage() {
            return Ok(integrity::Report {
                findings: vec![Finding::Damage(gone.clone())],
                ..integrity::Report::default()
            });
        }
        let (manifest, missing) = match Manifest::load(&self.dir) {
            Ok(Some(m)) => (Some(m), None),
            Ok(None) => (None, Some(Damage::ManifestMissing)),
            Err(_) => (None, Some(Damage::ManifestUnreadable)),
        };
        let mut report =
            match integrity::check(&self.db(), manifest.as_ref(), &self.options.sealing) {
                Ok(report) => report,
                // Reading stopped at a file or record that is not there as written.
                Err(e) => match Damage::of_engine(&e) {
                    Some(damage) => integrity::Report {
                        findings: vec![Finding::Damage(damage)],
                        ..integrity::Report::default()
                    },
                    None => return Err(e.into()),
                },
            };
        if let Some(damage) = missing {
            report.findings.insert(0, Finding::Damage(damage));
        }
        Ok(report)
    }

    /// The mode once the check made at opening has concluded: waits for it.
    pub fn settled_mode(&self) -> Mode {
        loop {
            if let Err(e) = self.settle(true) {
                self.set_damaged(e.damage().unwrap_or(Damage::Engine(e.to_string())));
            }
            match self.mode() {
                // Another thread took the result and is applying it.
                Mode::Checking => std::thread::sleep(std::time::Duration::from_millis(10)),
                mode => return mode,
            }
        }
    }

    /// The manifest as it is in the database folder: `Ok(None)` if there is none, `Err`
    /// if it cannot be read.
    pub fn manifest_on_disk(&self) -> Result<Option<Manifest>, ManifestError> {
        Manifest::load(&self.dir)
    }

    /// Compares the records with those of the backup at `path`.
    pub fn compare_with(&self, path: &Path) -> Result<backup::Comparison, BackupError> {
        backup::compare(path, &self.db())
    }

    /// The records as they are: counts and checksum, and the last commit's number.
    pub fn tally(&self) -> Result<State, StoreError> {
        let _between_commits = self.commits.read().unwrap_or_else(|p| p.into_inner());
        let db = self.db();
        Ok(State {
            seq: integrity::stored_seq(&db)?,
            tally: integrity::scan(&db, &self.options.sealing)?.tally,
        })
    }

    /// Makes the manifest anew from the records as they are (`fokus check --repair`) and
    /// makes the database writable. A manifest that counts more records, or one that
    /// cannot be read, is replaced only with the user's `consent`. Returns what the new
    /// manifest says.
    pub fn rebuild_manifest(&self, consent: Option<Consent>) -> Result<State, StoreError> {
        let mode = self.settled_mode();
        if let Some(gone @ Damage::Gone { .. }) = mode.damage() {
            return Err(StoreError::Damaged {
                damage: gone.clone(),
                backup: backup::newest_good(&self.dir),
            });
        }
        let _applying = self.commits.write().unwrap_or_else(|p| p.into_inner());
        let db = self.db();
        let current = State {
            seq: integrity::stored_seq(&db)?,
            tally: integrity::scan(&db, &self.options.sealing)?.tally,
        };
        let manifest = Manifest {
            current: current.clone(),
            pending: None,
        };
        manifest.replace(&self.dir, consent).map_err(|e| match e {
            ReplaceError::Fewer { had, new } => StoreError::Damaged {
                damage: Damage::Records {
                    expected: had,
                    found: new,
                },
                backup: backup::newest_good(&self.dir),
            },
            ReplaceError::Io(source) => StoreError::Io {
                path: self.dir.clone(),
                source,
            },
        })?;
        *lock_or_recover(&self.manifest) = manifest;
        if !matches!(mode, Mode::ReadOnly(ReadOnlyReason::Newer { .. })) {
            self.set_mode(Mode::Writable);
        }
        Ok(current)
    }

    /// Starts over with a new, empty database where the records are gone (`fokus check
    /// --start-over`, after the user agreed). sled's files, if any are left, are set
    /// aside in a folder beside them, not removed; returns that folder. The backups stay.
    pub fn start_over(
        &self,
        consent: Consent,
        now: NaiveDateTime,
    ) -> Result<Option<PathBuf>, StoreError> {
        let gone = matches!(self.settled_mode().damage(), Some(Damage::Gone { .. }));
        if !gone {
            return Err(StoreError::NotEmpty);
        }
        let mut guard = self.handles.write().unwrap_or_else(|p| p.into_inner());
        drop(std::mem::replace(&mut *guard, Handles::temporary()?));
        let live = self.dir.join(SLED_DIR);
        let mut set_aside = None;
        if live.exists() {
            let empty = std::fs::read_dir(&live)
                .map_err(io_err(&live))?
                .next()
                .is_none();
            if empty {
                std::fs::remove_dir(&live).map_err(io_err(&live))?;
            } else {
                let aside = self.dir.join(format!(
                    "{SLED_DIR}.set-aside-{}",
                    now.format("%Y-%m-%d-%H%M%S")
                ));
                std::fs::rename(&live, &aside).map_err(io_err(&live))?;
                set_aside = Some(aside);
            }
        }
        drop(std::mem::replace(
            &mut *guard,
            Handles::open(&live, &self.options)?,
        ));
        drop(guard);
        fsperm::tighten_tree(&self.dir).map_err(io_err(&self.dir))?;
        self.start_fresh(Some(consent))?;
        atomic::sync_dir(&self.dir).map_err(io_err(&self.dir))?;
        Ok(set_aside)
    }
}

impl SledStore {
    /// Runs a read; if it meets damage (a file gone, a record that does not decode), the
    /// database becomes read-only from then on, naming the damage.
    fn noticing<T>(&self, read: impl FnOnce() -> Result<T, StoreError>) -> Result<T, StoreError> {
        let result = read();
        if let Err(e) = &result
            && let Some(damage) = e.damage()
            && !matches!(self.mode(), Mode::ReadOnly(_))
        {
            self.set_damaged(damage);
        }
        result
    }
}

/// The manifest as opening found it.
enum Found {
    Present(Manifest),
    Missing,
    Unreadable,
}

/// Whether sled's data file is there with something in it. Without it sled would make a
/// new, empty database.
pub fn has_data_file(sled_dir: &Path) -> bool {
    std::fs::metadata(sled_dir.join("db")).is_ok_and(|m| m.len() > 0)
}

/// Whether sled holds nothing at all: no format marker, no record.
fn is_fresh(handles: &Handles) -> Result<bool, sled::Error> {
    if handles.meta.get(META_FORMAT)?.is_some() {
        return Ok(false);
    }
    for tree in &handles.trees {
        if !tree.is_empty() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// For a database without records: the damage, if the manifest or the backup folder say
/// there were records (a manifest that cannot be read may have said so); `None` for a
/// database that is simply new.
fn records_gone(dir: &Path, found: &Found) -> Option<Damage> {
    let expected = match found {
        Found::Present(m) => Some(m.records()).filter(|n| *n > 0),
        Found::Missing | Found::Unreadable => None,
    };
    let backups = backup::list(dir).len();
    let evidence = expected.is_some() || backups > 0 || matches!(found, Found::Unreadable);
    evidence.then_some(Damage::Gone { expected, backups })
}

/// A sled error met while opening, as the damage it shows or as the engine's failure.
fn damaged(dir: &Path, e: sled::Error) -> StoreError {
    match Damage::of_engine(&e) {
        Some(damage) => StoreError::Damaged {
            damage,
            backup: backup::newest_good(dir),
        },
        None => StoreError::Engine(e),
    }
}

/// The background check: compare with the manifest; before old records are rewritten, and
/// at the first start of a day, write a backup.
fn maintenance(
    db: &Db,
    dir: &Path,
    manifest: Option<&Manifest>,
    options: OpenOptions,
) -> Result<Maintenance, Damage> {
    let verdict = integrity::verify(db, manifest, &options.sealing)
        .map_err(|e| Damage::of_engine(&e).unwrap_or(Damage::Engine(e.to_string())))?;
    let mut pre_migration = None;
    if let Verdict::Sound(scan) | Verdict::Unrecorded(scan) = &verdict {
        if !scan.outdated.is_empty() {
            let path = dir.join(backup::DIR).join(format!(
                "before-format-{}-{}.{}",
                codec::FORMAT_VERSION,
                options.now.format("%Y-%m-%d-%H%M%S"),
                backup::EXTENSION
            ));
            let written = fsperm::private_dir(&dir.join(backup::DIR))
                .map_err(BackupError::from)
                .and_then(|_| backup::write(db, &path, options.now))
                .map(|_| path)
                .map_err(|e| e.to_string());
            pre_migration = Some(written);
        }
        daily_backup(db, dir, &options, scan.tally.total());
    }
    Ok(Maintenance {
        verdict: Some(verdict),
        pre_migration,
        confirming: false,
    })
}

/// Writes the day's automatic backup if there is none yet, again if a commit came while
/// it was written. A failed daily backup is not a reason to refuse work; the next start
/// tries again.
fn daily_backup(db: &Db, dir: &Path, options: &OpenOptions, records: u64) {
    for _ in 0..3 {
        let Ok(before) = integrity::stored_seq(db) else {
            return;
        };
        let unchanged = || integrity::stored_seq(db).is_ok_and(|seq| seq == before);
        let written = backup::daily(
            db,
            dir,
            options.now,
            options.keep_backups,
            records,
            &unchanged,
        );
        if !matches!(written, Ok(backup::Daily::Overtaken)) {
            return;
        }
    }
}

/// `check` as run on a thread of its own: it reads every record, so what it allocated
/// and freed is handed back to the operating system when it ends, instead of staying
/// resident for as long as Fokus runs.
fn in_background(check: impl FnOnce() -> Checked) -> impl FnOnce() -> Checked {
    move || {
        let done = check();
        crate::platform::return_freed();
        done
    }
}

/// The comparison of every record with the manifest on a database already open for
/// writing. Commits may come while the records are read: the records are counted again
/// until a pass sees no commit start or end (a few tries; if commits keep coming, the
/// next start compares). The manifest is read between commits, at the commit the pass
/// saw. Then, at the first start of a day, the backup.
fn confirm(db: &Db, dir: &Path, manifest: &Mutex<Manifest>, options: OpenOptions) -> Checked {
    let engine = |e: sled::Error| Damage::of_engine(&e).unwrap_or(Damage::Engine(e.to_string()));
    for _ in 0..5 {
        let before = integrity::stored_seq(db).map_err(engine)?;
        let scan = integrity::scan(db, &options.sealing).map_err(engine)?;
        let recorded = lock_or_recover(manifest);
        let seq = integrity::stored_seq(db).map_err(engine)?;
        if seq != before {
            continue;
        }
        let verdict = if scan.newest > codec::FORMAT_VERSION {
            Verdict::Newer {
                version: scan.newest,
            }
        } else {
            match recorded.expected(seq) {
                Some(state) if state.tally == scan.tally => Verdict::Sound(scan),
                expected => Verdict::Damaged {
                    expected: expected.unwrap_or(&recorded.current).clone(),
                    found: scan.tally,
                    seq,
                },
            }
        };
        drop(recorded);
        if let Verdict::Sound(scan) = &verdict {
            daily_backup(db, dir, &options, scan.tally.total());
        }
        return Ok(Maintenance {
            verdict: Some(verdict),
            pre_migration: None,
            confirming: true,
        });
    }
    Ok(Maintenance {
        verdict: None,
        pre_migration: None,
        confirming: true,
    })
}

/// Re-encodes a stored value of `tree` in the current format.
/// The record under `key` in `tree` written again in the current format (and sealed, in
/// an encrypted database).
fn reencode(
    sealing: &Sealing,
    tree: TreeName,
    key: &[u8],
    bytes: &[u8],
) -> Result<Vec<u8>, StoreError> {
    fn again<T: codec::Versioned + serde::Serialize>(
        sealing: &Sealing,
        tree: TreeName,
        key: &[u8],
        bytes: &[u8],
    ) -> Result<Vec<u8>, StoreError> {
        let value: T = decode(sealing, tree, key, bytes)?;
        encode(sealing, tree, key, &value)
    }
    let s = sealing;
    match tree {
        TreeName::Students => again::<Student>(s, tree, key, bytes),
        TreeName::Facts => again::<crate::domain::StudentFacts>(s, tree, key, bytes),
        TreeName::Conversations => again::<Conversation>(s, tree, key, bytes),
        TreeName::Agreements => again::<Agreement>(s, tree, key, bytes),
        TreeName::Events => again::<Event>(s, tree, key, bytes),
        TreeName::Summaries => again::<StudentSummary>(s, tree, key, bytes),
        TreeName::Due => again::<DueItem>(s, tree, key, bytes),
        TreeName::DueKeys => again::<Vec<keys::DueKey>>(s, tree, key, bytes),
        TreeName::Marks => again::<Mark>(s, tree, key, bytes),
        TreeName::Organisations => again::<Organisation>(s, tree, key, bytes),
        TreeName::Receipts => again::<Receipt>(s, tree, key, bytes),
        TreeName::Files => again::<crate::domain::WrittenFile>(s, tree, key, bytes),
    }
}

/// A poisoned lock only means another thread panicked while holding it; the data inside
/// is still the best there is.
fn lock_or_recover<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Store for SledStore {
    /// The digests kept beside the summaries, read in one pass; made from the cases when
    /// they are not all there (a database whose index is being rebuilt).
    fn facts(&self) -> Result<Vec<crate::domain::StudentFacts>, StoreError> {
        let kept = self.noticing(|| {
            let handles = self.handles();
            let tree = handles.tree(TreeName::Facts);
            if tree.len() != handles.tree(TreeName::Students).len() {
                return Ok(None);
            }
            tree.iter()
                .map(|kv| {
                    let (k, v) = kv?;
                    self.decode(TreeName::Facts, &k, &v)
                })
                .collect::<Result<Vec<_>, StoreError>>()
                .map(Some)
        })?;
        match kept {
            Some(facts) => Ok(facts),
            None => super::facts_from_cases(self),
        }
    }

    fn summaries(&self) -> Result<Vec<StudentSummary>, StoreError> {
        self.noticing(|| {
            // Read on its own thread while the user works: the files are not swapped
            // under it (after an erasure) until it is done.
            let handles = self.handles();
            handles
                .tree(TreeName::Summaries)
                .iter()
                .map(|kv| {
                    let (k, v) = kv?;
                    self.decode(TreeName::Summaries, &k, &v)
                })
                .collect()
        })
    }

    fn due_items(
        &self,
        after: Option<&DueItem>,
        last: NaiveDate,
        limit: usize,
    ) -> Result<Vec<DueItem>, StoreError> {
        let end = keys::due_end(last).to_vec();
        let start = match after {
            Some(item) => Bound::Excluded(keys::due(item).to_vec()),
            None => Bound::Unbounded,
        };
        self.noticing(|| {
            self.tree(TreeName::Due)
                .range::<Vec<u8>, _>((start, Bound::Excluded(end)))
                .take(limit)
                .map(|kv| {
                    let (k, v) = kv?;
                    self.decode(TreeName::Due, &k, &v)
                })
                .collect()
        })
    }

    fn summary(&self, id: StudentId) -> Result<Option<StudentSummary>, StoreError> {
        self.noticing(|| {
            self.tree(TreeName::Summaries)
                .get(keys::student(id))?
                .map(|v| self.decode(TreeName::Summaries, &keys::student(id), &v))
                .transpose()
        })
    }

    fn load_case(&self, id: StudentId) -> Result<Case, StoreError> {
        let owned = |name: TreeName, id: StudentId| -> Result<Vec<_>, StoreError> {
            self.tree(name)
                .scan_prefix(keys::student(id))
                .map(|kv| {
                    let (k, v) = kv?;
                    Ok((k, v))
                })
                .collect::<Result<Vec<_>, StoreError>>()
        };
        fn read<T: codec::Versioned>(
            sealing: &Sealing,
            name: TreeName,
            records: Vec<(sled::IVec, sled::IVec)>,
        ) -> Result<Vec<T>, StoreError> {
            records
                .iter()
                .map(|(k, v)| decode(sealing, name, k, v))
                .collect()
        }
        self.noticing(|| {
            let bytes = self
                .tree(TreeName::Students)
                .get(keys::student(id))?
                .ok_or(StoreError::NoSuchStudent(id))?;
            let student: Student = self.decode(TreeName::Students, &keys::student(id), &bytes)?;
            let sealing = &self.options.sealing;
            Ok(Case::from_records(
                student,
                read(
                    sealing,
                    TreeName::Conversations,
                    owned(TreeName::Conversations, id)?,
                )?,
                read(
                    sealing,
                    TreeName::Agreements,
                    owned(TreeName::Agreements, id)?,
                )?,
                read(sealing, TreeName::Events, owned(TreeName::Events, id)?)?,
            ))
        })
    }

    fn commit(&self, change: &CaseChange, after: &Case) -> Result<(), StoreError> {
        let ops = self.ops_for(change, after)?;
        self.write(ops, Vec::new())
    }

    fn mark(&self, key: &ReminderKey) -> Result<Option<Mark>, StoreError> {
        self.noticing(|| {
            self.tree(TreeName::Marks)
                .get(keys::mark(key))?
                .map(|v| self.decode(TreeName::Marks, &keys::mark(key), &v))
                .transpose()
        })
    }

    fn set_mark(&self, key: &ReminderKey, mark: Mark) -> Result<(), StoreError> {
        let op = self.put(TreeName::Marks, keys::mark(key).to_vec(), &mark)?;
        self.write(vec![op], Vec::new())
    }

    fn ids(&self) -> Box<dyn StoreIds + '_> {
        Box::new(SledIds {
            db: self.db(),
            floor: self.id_floor.load(Ordering::SeqCst),
            failure: RefCell::new(None),
            _store: std::marker::PhantomData,
        })
    }

    fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.tree(TreeName::Students).is_empty())
    }

    fn organisations(&self) -> Result<Vec<Organisation>, StoreError> {
        let mut all: Vec<Organisation> = self.noticing(|| {
            self.tree(TreeName::Organisations)
                .iter()
                .map(|kv| {
                    let (k, v) = kv?;
                    self.decode(TreeName::Organisations, &k, &v)
                })
                .collect::<Result<_, _>>()
        })?;
        all.sort_by_cached_key(|o| o.name.to_lowercase());
        Ok(all)
    }

    fn save_organisation(&self, org: &Organisation) -> Result<(), StoreError> {
        let op = self.put(
            TreeName::Organisations,
            keys::organisation(org.id).to_vec(),
            org,
        )?;
        self.write(vec![op], Vec::new())
    }

    fn remove_organisation(&self, id: OrgId) -> Result<(), StoreError> {
        let op = (
            TreeName::Organisations,
            keys::organisation(id).to_vec(),
            None,
        );
        self.write(vec![op], Vec::new())
    }

    fn erase_student(&self, case: &Case, receipt: &Receipt) -> Result<(), StoreError> {
        // The comparison at opening reads sled's files and may be writing the day's backup:
        // both must be done before the files are rewritten and the backups purged.
        self.settle(true)?;
        let footprint = Footprint::of(case);
        let id = keys::student(case.id());
        let mut ops: Vec<Op> = Vec::new();
        for name in TreeName::ALL {
            let tree = self.tree(name);
            let keys: Vec<sled::IVec> = match name {
                TreeName::Students | TreeName::Summaries | TreeName::DueKeys | TreeName::Facts => {
                    tree.get(id)?
                        .map(|_| sled::IVec::from(&id[..]))
                        .into_iter()
                        .collect()
                }
                TreeName::Conversations | TreeName::Agreements | TreeName::Events => {
                    tree.scan_prefix(id).keys().collect::<Result<_, _>>()?
                }
                TreeName::Due | TreeName::Marks => tree
                    .iter()
                    .keys()
                    .filter(|k| k.as_ref().is_ok_and(|k| footprint.owns(name, k)))
                    .collect::<Result<_, _>>()?,
                // The register is handled below; the address book and the receipts hold
                // nothing of the student.
                TreeName::Organisations | TreeName::Receipts | TreeName::Files => Vec::new(),
            };
            ops.extend(keys.into_iter().map(|k| (name, k.to_vec(), None)));
        }
        ops.extend(register::erase_ops(
            &self.options.sealing,
            &self.tree(register::TREE),
            case.id(),
        )?);
        ops.push(self.put(TreeName::Receipts, receipt.id.as_bytes().to_vec(), receipt)?);
        self.write(ops, Vec::new())?;
        // The deleted values are still in sled's log, and copies are in the backups.
        self.reclaim()?;
        let purger = |tree: TreeName, key: &[u8], value: &[u8]| {
            register::purge(&self.options.sealing, &footprint, tree, key, value)
        };
        backup::purge(&self.dir, &purger).map_err(|e| match e {
            BackupError::Engine(e) => StoreError::Engine(e),
            other => StoreError::Io {
                path: self.dir.join(backup::DIR),
                source: std::io::Error::other(other.to_string()),
            },
        })?;
        Ok(())
    }

    fn note_files(&self, files: &[crate::domain::WrittenFile]) -> Result<(), StoreError> {
        let ops = register::note_ops(&self.options.sealing, &self.tree(TreeName::Students), files)?;
        self.write(ops, Vec::new())
    }

    fn written_files(&self) -> Result<Vec<crate::domain::WrittenFile>, StoreError> {
        register::all(&self.options.sealing, &self.tree(register::TREE))
    }

    fn receipts(&self) -> Result<Vec<Receipt>, StoreError> {
        let mut all: Vec<Receipt> = self.noticing(|| {
            self.tree(TreeName::Receipts)
                .iter()
                .map(|kv| {
                    let (k, v) = kv?;
                    self.decode(TreeName::Receipts, &k, &v)
                })
                .collect::<Result<_, _>>()
        })?;
        all.sort_by_key(|r| r.at);
        Ok(all)
    }

    fn commit_many(&self, cases: &[(&CaseChange, &Case)]) -> Result<(), StoreError> {
        let mut ops = Vec::new();
        for (change, after) in cases {
            ops.extend(self.ops_for(change, after)?);
        }
        self.write(ops, Vec::new())
    }

    fn sealing(&self) -> Sealing {
        self.options.sealing.clone()
    }

    fn settling(&self) -> bool {
        lock_or_recover(&self.maintenance).is_some()
    }

    fn mode(&self) -> Mode {
        // A finished background check is applied here; a failure to apply it shows as a
        // damaged database rather than being lost.
        if let Err(e) = self.settle(false) {
            self.set_damaged(e.damage().unwrap_or(Damage::Engine(e.to_string())));
        }
        lock_or_recover(&self.mode).clone()
    }
}

/// Ids from sled's monotonic, crash-safe id generator.
pub struct SledIds<'a> {
    db: Db,
    /// Added to what sled generates (see [`integrity::META_ID_FLOOR`]).
    floor: u64,
    failure: RefCell<Option<sled::Error>>,
    _store: std::marker::PhantomData<&'a SledStore>,
}

impl IdSource for SledIds<'_> {
    fn next_id(&mut self) -> u64 {
        match self.db.generate_id() {
            // Zero is kept free so no record ever has id 0.
            Ok(id) => self.floor + id + 1,
            Err(e) => {
                self.failure.borrow_mut().get_or_insert(e);
                0
            }
        }
    }
}

impl StoreIds for SledIds<'_> {
    fn finish(&self) -> Result<(), StoreError> {
        match self.failure.borrow_mut().take() {
            Some(e) => Err(e.into()),
            None => Ok(()),
        }
    }
}
