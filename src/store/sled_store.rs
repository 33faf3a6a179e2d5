//! The sled implementation of [`Store`].

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};
use sled::{Db, Transactional, Tree};

use super::codec::{self, CodecError};
use super::fsperm;
use super::keys;
use super::lock::{DbLock, LockError};
use super::{Store, StoreError, StoreIds};
use crate::domain::reminders::{self, DueItem, Mark, ReminderKey};
use crate::domain::{
    Agreement, Case, CaseChange, Conversation, Event, IdSource, Student, StudentId, StudentSummary,
};

const SLED_DIR: &str = "sled";
const META_FORMAT: &[u8] = b"format";

/// Fokus's database: a folder holding the lock file and sled's files.
pub struct SledStore {
    db: Db,
    students: Tree,
    conversations: Tree,
    agreements: Tree,
    events: Tree,
    summaries: Tree,
    due: Tree,
    /// Per student, the due-index keys last written for them.
    due_keys: Tree,
    marks: Tree,
    meta: Tree,
    dir: PathBuf,
    _lock: DbLock,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn codec_err(tree: &'static str) -> impl Fn(CodecError) -> StoreError {
    move |source| StoreError::Codec { tree, source }
}

impl SledStore {
    /// Opens (creating if needed) the database in `dir`. Refuses at once, touching
    /// nothing, if another Fokus has it open.
    pub fn open(dir: &Path) -> Result<SledStore, StoreError> {
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
        let sled_dir = dir.join(SLED_DIR);
        let db = sled::Config::new().path(&sled_dir).open()?;
        fsperm::tighten_tree(dir).map_err(io_err(dir))?;
        let tree = |name: &str| db.open_tree(name);
        let store = SledStore {
            students: tree("students")?,
            conversations: tree("conversations")?,
            agreements: tree("agreements")?,
            events: tree("events")?,
            summaries: tree("summaries")?,
            due: tree("due")?,
            due_keys: tree("due_keys")?,
            marks: tree("marks")?,
            meta: tree("meta")?,
            db,
            dir: dir.to_path_buf(),
            _lock: lock,
        };
        store.check_format()?;
        Ok(store)
    }

    /// The database folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn check_format(&self) -> Result<(), StoreError> {
        match self.meta.get(META_FORMAT)? {
            Some(bytes) => {
                let found = codec::decode::<u16>(&bytes).map_err(codec_err("meta"))?;
                if found > codec::FORMAT_VERSION {
                    return Err(StoreError::NewerFormat {
                        found,
                        known: codec::FORMAT_VERSION,
                    });
                }
            }
            None => {
                let bytes = codec::encode(&codec::FORMAT_VERSION).map_err(codec_err("meta"))?;
                self.meta.insert(META_FORMAT, bytes)?;
                self.db.flush()?;
            }
        }
        Ok(())
    }

    fn scan_owned<T: serde::de::DeserializeOwned>(
        tree: &Tree,
        name: &'static str,
        id: StudentId,
    ) -> Result<Vec<T>, StoreError> {
        tree.scan_prefix(keys::student(id))
            .values()
            .map(|v| codec::decode(&v?).map_err(codec_err(name)))
            .collect()
    }

    /// Flushes everything to disk.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }

    /// How many students are stored.
    pub fn student_count(&self) -> usize {
        self.students.len()
    }
}

type Abort = ConflictableTransactionError<StoreError>;

fn put<T: serde::Serialize>(
    tree: &TransactionalTree,
    name: &'static str,
    key: &[u8],
    value: &T,
) -> Result<(), Abort> {
    let bytes = codec::encode(value).map_err(|e| Abort::Abort(codec_err(name)(e)))?;
    tree.insert(key, bytes)?;
    Ok(())
}

impl Store for SledStore {
    fn summaries(&self) -> Result<Vec<StudentSummary>, StoreError> {
        self.summaries
            .iter()
            .values()
            .map(|v| codec::decode(&v?).map_err(codec_err("summaries")))
            .collect()
    }

    fn due_until(&self, last: NaiveDate) -> Result<Vec<DueItem>, StoreError> {
        self.due
            .range(..keys::due_end(last))
            .values()
            .map(|v| codec::decode(&v?).map_err(codec_err("due")))
            .collect()
    }

    fn load_case(&self, id: StudentId) -> Result<Case, StoreError> {
        let bytes = self
            .students
            .get(keys::student(id))?
            .ok_or(StoreError::NoSuchStudent(id))?;
        let student: Student = codec::decode(&bytes).map_err(codec_err("students"))?;
        let mut conversations: Vec<Conversation> =
            Self::scan_owned(&self.conversations, "conversations", id)?;
        conversations.sort_by_key(|c| (c.planned_at, c.id));
        let agreements: Vec<Agreement> = Self::scan_owned(&self.agreements, "agreements", id)?;
        let events: Vec<Event> = Self::scan_owned(&self.events, "events", id)?;
        Ok(Case {
            student,
            conversations,
            agreements,
            events,
        })
    }

    fn commit(&self, change: &CaseChange, after: &Case) -> Result<(), StoreError> {
        let sid = after.id();
        let summary = StudentSummary::of(after);
        let due_items = reminders::due_items(after);
        let due_keys: Vec<[u8; 21]> = due_items.iter().map(keys::due).collect();
        let result = (
            &self.students,
            &self.conversations,
            &self.agreements,
            &self.events,
            &self.summaries,
            &self.due,
            &self.due_keys,
        )
            .transaction(
                |(students, conversations, agreements, events, summaries, due, student_due)| {
                    if let Some(student) = &change.student {
                        put(students, "students", &keys::student(student.id), student)?;
                    }
                    for c in &change.conversations {
                        put(conversations, "conversations", &keys::owned(sid, c.id.0), c)?;
                    }
                    for id in &change.removed_agreements {
                        agreements.remove(&keys::owned(sid, id.0)[..])?;
                    }
                    for a in &change.agreements {
                        put(agreements, "agreements", &keys::owned(sid, a.id.0), a)?;
                    }
                    for e in &change.events {
                        put(events, "events", &keys::owned(sid, e.id.0), e)?;
                    }
                    // Replace the student's entries in the due index: the keys written last
                    // time are kept per student, so nothing has to be searched for.
                    if let Some(old) = student_due.get(keys::student(sid))? {
                        let old: Vec<[u8; 21]> = codec::decode(&old)
                            .map_err(|e| Abort::Abort(codec_err("due_keys")(e)))?;
                        for key in &old {
                            due.remove(&key[..])?;
                        }
                    }
                    for (item, key) in due_items.iter().zip(&due_keys) {
                        put(due, "due", key, item)?;
                    }
                    put(student_due, "due_keys", &keys::student(sid), &due_keys)?;
                    put(summaries, "summaries", &keys::student(sid), &summary)?;
                    Ok(())
                },
            );
        match result {
            Ok(()) => {}
            Err(TransactionError::Abort(e)) => return Err(e),
            Err(TransactionError::Storage(e)) => return Err(e.into()),
        }
        self.db.flush()?;
        Ok(())
    }

    fn mark(&self, key: &ReminderKey) -> Result<Option<Mark>, StoreError> {
        self.marks
            .get(keys::mark(key))?
            .map(|v| codec::decode(&v).map_err(codec_err("marks")))
            .transpose()
    }

    fn set_mark(&self, key: &ReminderKey, mark: Mark) -> Result<(), StoreError> {
        let bytes = codec::encode(&mark).map_err(codec_err("marks"))?;
        self.marks.insert(keys::mark(key), bytes)?;
        self.db.flush()?;
        Ok(())
    }

    fn ids(&self) -> Box<dyn StoreIds + '_> {
        Box::new(SledIds {
            db: &self.db,
            failure: RefCell::new(None),
        })
    }

    fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.students.is_empty())
    }
}

/// Ids from sled's monotonic, crash-safe id generator.
pub struct SledIds<'a> {
    db: &'a Db,
    failure: RefCell<Option<sled::Error>>,
}

impl IdSource for SledIds<'_> {
    fn next_id(&mut self) -> u64 {
        match self.db.generate_id() {
            // Zero is kept free so no record ever has id 0.
            Ok(id) => id + 1,
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
