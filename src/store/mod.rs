//! Persistence: a small trait the application talks to, and its sled implementation.

pub mod backup;
pub mod codec;
pub mod integrity;
pub mod journal;
pub mod keys;
pub(crate) mod legacy;
pub mod lock;
pub mod manifest;
pub mod merge;
pub mod register;
mod sled_store;
pub mod trees;

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::domain::reminders::{DueItem, Mark, ReminderKey};
use crate::domain::{Case, CaseChange, IdSource, StudentId, StudentSummary};

pub use codec::CodecError;
pub use lock::Holder;
pub use manifest::Consent;
pub use sled_store::{Compare, OpenOptions, SledIds, SledStore, has_data_file, open_db};
pub use trees::TreeName;

/// What is wrong with a damaged database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Damage {
    /// The records differ from what the manifest says: records are missing, extra or
    /// changed, or commits the manifest recorded never reached sled's files.
    Records { expected: u64, found: u64 },
    /// The database holds no records (its sled folder is missing, empty or emptied),
    /// though the manifest counts `expected` records or the backup folder holds
    /// `backups` backups of it.
    Gone {
        expected: Option<u64>,
        backups: usize,
    },
    /// The database holds records but its manifest is missing, so nothing says whether
    /// any were lost.
    ManifestMissing,
    /// The manifest is there but fails its checksum.
    ManifestUnreadable,
    /// A file of sled's is missing: sled keeps large records as files in `sled/blobs`.
    FileMissing,
    /// sled found its own files damaged; its words.
    Engine(String),
    /// A record in `tree` cannot be decoded.
    UnreadableRecord { tree: String },
    /// The check at opening stopped before it could say.
    CheckStopped,
}

impl Damage {
    /// The damage a sled error reveals, if it is one: a file gone, or sled's files
    /// failing their own checks.
    pub fn of_engine(e: &sled::Error) -> Option<Damage> {
        match e {
            sled::Error::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
                Some(Damage::FileMissing)
            }
            sled::Error::Corruption { .. } | sled::Error::Unsupported(_) => {
                Some(Damage::Engine(e.to_string()))
            }
            _ => None,
        }
    }
}

/// A save refused because someone else saved the same student first.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub student: StudentId,
    /// Who saved, by the name they gave.
    pub by: String,
    pub role: Option<crate::domain::Role>,
    /// When, local time.
    pub at: chrono::NaiveDateTime,
    /// What they changed since the user read the case, where the user changed it too.
    pub parts: Vec<ConflictPart>,
    /// The fields both changed, each with both values.
    pub clashes: Vec<merge::Clash>,
    /// Both saves merged, with the user's value in each clashing field.
    pub merged: serde_json::Value,
    /// The case as they saved it.
    pub theirs: Box<Case>,
    /// The version their save made.
    pub version: i64,
}

/// A part of a case someone else changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConflictPart {
    /// The student's own details.
    Student,
    /// A conversation, planned on the date.
    Conversation(crate::domain::ConversationId, NaiveDate),
    Agreement(crate::domain::AgreementId),
}

/// Why a database is open for reading only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// The database is damaged: records are missing or changed, or what would tell is.
    Damaged {
        damage: Damage,
        /// The newest backup that passes its checksum, to restore from.
        backup: Option<PathBuf>,
    },
    /// Records were written by a newer Fokus; rewriting them could lose what it added.
    Newer { version: u16 },
    /// Records in an older format must be rewritten, but the backup before that failed.
    NoBackupForMigration(String),
}

/// Whether the database may be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The records are being compared with the manifest; writes wait for the result.
    Checking,
    Writable,
    ReadOnly(ReadOnlyReason),
}

/// What can go wrong reading or writing the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database in {path} is already open (process {holder:?})")]
    Locked { path: PathBuf, holder: Holder },
    #[error("could not use the database folder {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the database engine failed: {0}")]
    Engine(#[from] sled::Error),
    #[error("a record in {tree} could not be read: {source}")]
    Codec {
        tree: &'static str,
        #[source]
        source: CodecError,
    },
    #[error("the database is damaged ({damage:?})")]
    Damaged {
        damage: Damage,
        backup: Option<PathBuf>,
    },
    #[error("the database is open for reading only: {0:?}")]
    ReadOnly(ReadOnlyReason),
    #[error("no student with id {0}")]
    NoSuchStudent(StudentId),
    #[error("the database already holds students")]
    NotEmpty,
    /// The team's server cannot be reached (or the connection dropped); its words.
    #[error("the team's server cannot be reached: {0}")]
    Unreachable(String),
    /// The team's server refused; its words.
    #[error("the team's server refused: {0}")]
    Server(String),
    /// The user's role on the team's server does not allow it.
    #[error("the user's role does not allow this")]
    NotAllowed,
    /// Someone else saved the student after the user read it; nothing was written.
    #[error("student {} was changed by {} first", .0.student.0, .0.by)]
    Conflict(Box<Conflict>),
    /// The demo's stories broke a rule of the domain: a bug in the demo, reported instead
    /// of filling the database with cases cut short.
    #[error("the demo data could not be built: {0}")]
    DemoRefused(crate::demo::builder::Refusal),
    /// The database is encrypted and was opened without its key.
    #[error("the database is encrypted; its key is needed")]
    KeyNeeded,
    /// The key given is another database's.
    #[error("the key given belongs to another database")]
    ForeignKey,
    /// The file `FOKUS_PASSPHRASE_FILE` names may be read by others than its owner.
    #[error("the passphrase file {0} may be read by others")]
    PassphraseFileOpen(PathBuf),
    /// The database's key could not be unlocked (a wrong passphrase, a damaged key file).
    #[error("the database's key could not be unlocked: {0}")]
    Unlock(#[from] crate::crypto::KeyError),
}

impl StoreError {
    /// The damage this error shows, if it shows any: the database is damaged, or reading
    /// it met a record or file that is not as written.
    pub fn damage(&self) -> Option<Damage> {
        match self {
            StoreError::Damaged { damage, .. }
            | StoreError::ReadOnly(ReadOnlyReason::Damaged { damage, .. }) => Some(damage.clone()),
            StoreError::Engine(e) => Damage::of_engine(e),
            // A record from a newer Fokus is not damage; it makes the database read-only.
            StoreError::Codec {
                source: CodecError::NewerVersion { .. } | CodecError::Encode(_),
                ..
            } => None,
            StoreError::Codec { tree, .. } => Some(Damage::UnreadableRecord {
                tree: tree.to_string(),
            }),
            _ => None,
        }
    }
}

impl Mode {
    /// The damage that keeps the database read-only, if that is why.
    pub fn damage(&self) -> Option<&Damage> {
        match self {
            Mode::ReadOnly(ReadOnlyReason::Damaged { damage, .. }) => Some(damage),
            _ => None,
        }
    }
}

/// The operations the application needs from storage. Writes are durable when they return.
pub trait Store {
    /// The summaries the student list is built from, in id order.
    fn summaries(&self) -> Result<Vec<StudentSummary>, StoreError>;

    /// Every student's digest for the management figures, in id order. Made from every
    /// case here; a store that keeps the digests reads them instead.
    fn facts(&self) -> Result<Vec<crate::domain::StudentFacts>, StoreError> {
        facts_from_cases(self)
    }
    /// At most `limit` due items dated on or before `last`, in the due index's order (date,
    /// kind, student, subject), starting after `after` (the last item of the previous
    /// batch) or at the first: a range read of the index that stops at `limit`.
    fn due_items(
        &self,
        after: Option<&DueItem>,
        last: NaiveDate,
        limit: usize,
    ) -> Result<Vec<DueItem>, StoreError>;
    /// Every due item dated on or before `last`, in date order.
    fn due_until(&self, last: NaiveDate) -> Result<Vec<DueItem>, StoreError> {
        self.due_items(None, last, usize::MAX)
    }
    /// One student's summary, if the student is stored.
    fn summary(&self, id: StudentId) -> Result<Option<StudentSummary>, StoreError>;
    /// Everything about one student.
    fn load_case(&self, id: StudentId) -> Result<Case, StoreError>;
    /// Writes `change` in one transaction, together with the summary and due index derived
    /// from `after` (the case as it is with the change applied), and flushes it to disk.
    fn commit(&self, change: &CaseChange, after: &Case) -> Result<(), StoreError>;
    /// The user's mark on a reminder, if any.
    fn mark(&self, key: &ReminderKey) -> Result<Option<Mark>, StoreError>;
    /// Snoozes a reminder or marks it done, durably.
    fn set_mark(&self, key: &ReminderKey, mark: Mark) -> Result<(), StoreError>;
    /// A source of fresh ids; check it with [`StoreIds::finish`] before committing.
    fn ids(&self) -> Box<dyn StoreIds + '_>;
    /// `n` fresh ids, taken now for records made later (by `update`, which holds no
    /// database handle). Ids reserved and never used are simply never seen again.
    fn reserve_ids(&self, n: usize) -> Result<Vec<u64>, StoreError> {
        let mut ids = self.ids();
        let fresh = (0..n).map(|_| ids.next_id()).collect();
        ids.finish()?;
        Ok(fresh)
    }
    /// Whether no student has been stored yet.
    fn is_empty(&self) -> Result<bool, StoreError>;
    /// How the draft journals kept beside this store are sealed: with the database's key
    /// where it has one.
    fn sealing(&self) -> codec::Sealing {
        codec::Sealing::plain()
    }
    /// The address book, by name.
    fn organisations(&self) -> Result<Vec<crate::domain::Organisation>, StoreError>;
    /// Adds or changes an organisation in the address book.
    fn save_organisation(&self, org: &crate::domain::Organisation) -> Result<(), StoreError>;
    /// Removes an organisation from the address book.
    fn remove_organisation(&self, id: crate::domain::OrgId) -> Result<(), StoreError>;
    /// Erases every record of the student of `case` (records, index entries, reminder
    /// marks, their place in the register of written files), leaves `receipt`, and makes
    /// sure the deleted text is gone from the database's files and its backup folder.
    fn erase_student(
        &self,
        case: &Case,
        receipt: &crate::domain::Receipt,
    ) -> Result<(), StoreError>;
    /// The deletion receipts, oldest first.
    fn receipts(&self) -> Result<Vec<crate::domain::Receipt>, StoreError>;
    /// Notes files Fokus wrote outside its database folder in the register, each replacing
    /// what the register said about its path. Students no longer stored are left out.
    fn note_files(&self, files: &[crate::domain::WrittenFile]) -> Result<(), StoreError>;
    /// Every file in the register.
    fn written_files(&self) -> Result<Vec<crate::domain::WrittenFile>, StoreError>;
    /// Writes several cases; an implementation may do it in one commit.
    fn commit_many(&self, cases: &[(&CaseChange, &Case)]) -> Result<(), StoreError> {
        for (change, after) in cases {
            self.commit(change, after)?;
        }
        Ok(())
    }
    /// The user's next save of `base`'s student was typed against `base` (text restored
    /// from the draft journal), not against the case as last read: a shared store merges
    /// that save with whatever was saved since. One used by one person has nothing to do.
    fn rebase(&self, base: &Case) {
        let _ = base;
    }
    /// Saves `merged`, the user's case merged with `theirs` (saved by someone else at
    /// `version`) as the user chose. Only a shared store refuses saves that met another;
    /// one used by one person simply saves.
    fn save_merged(&self, theirs: &Case, version: i64, merged: &Case) -> Result<(), StoreError> {
        let _ = (theirs, version);
        self.commit(&CaseChange::default(), merged)
    }
    /// Whether checks made at opening are still running, so [`Store::mode`] may change.
    fn settling(&self) -> bool {
        false
    }
    /// Whether the database may be written (checks made at opening may still be running).
    fn mode(&self) -> Mode {
        Mode::Writable
    }
}

/// Fresh ids from the database. Handing out an id cannot fail at the call site; a failure
/// is remembered and reported by `finish`, so nothing is written with a doubtful id.
pub trait StoreIds: IdSource {
    fn finish(&self) -> Result<(), StoreError>;
}

/// The reminders to show on `today`, looking `window` ahead: a range read of the due
/// index plus a look-up of the user's mark on each, never a scan of the records.
pub fn current_reminders(
    store: &dyn Store,
    today: NaiveDate,
    window: impl Into<crate::domain::reminders::Window>,
) -> Result<Vec<crate::domain::reminders::Reminder>, StoreError> {
    Ok(first_reminders(store, today, window, usize::MAX)?.shown)
}

/// The first reminders to show, as many as were asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RemindersPage {
    /// In the order they are shown: most pressing first, then by date.
    pub shown: Vec<crate::domain::reminders::Reminder>,
    /// Whether more are due after these.
    pub more: bool,
}

/// The first `limit` reminders to show on `today`, looking `window` ahead, and whether
/// there are more. The due index is read in its order in batches, with a look-up of the
/// user's mark on each entry read, and reading stops once `limit` are found: the work
/// grows with `limit` (and the entries marked done or not yet shown among the first, and
/// the trial-period reminders, which do not count towards it),
/// not with the number of students.
pub fn first_reminders(
    store: &dyn Store,
    today: NaiveDate,
    window: impl Into<crate::domain::reminders::Window>,
    limit: usize,
) -> Result<RemindersPage, StoreError> {
    use crate::domain::reminders::{as_shown, horizon, in_shown_order, reminders};
    const BATCH: usize = 256;
    let window = window.into();
    let last = horizon(today, window.days);
    let mut shown = Vec::new();
    let mut counted = 0;
    let mut after: Option<DueItem> = None;
    'reading: loop {
        let batch = store.due_items(after.as_ref(), last, BATCH)?;
        let ended = batch.len() < BATCH;
        for item in batch {
            // The index's order is the order shown, except among the entries dated today,
            // where those already overdue come first: today's are all read before stopping.
            // A trial period's or a consent's reminder is stored 30 days before the day it
            // is shown at, so it may sort after entries not yet read: it does not count.
            if counted > limit && item.date != today {
                break 'reading;
            }
            let shown_now = as_shown(&item, today);
            let mark = store.mark(&shown_now.key())?;
            let found = reminders(std::slice::from_ref(&item), |_| mark, today, window);
            if !item.kind.shown_later() {
                counted += found.len();
            }
            shown.extend(found);
            after = Some(item);
        }
        if ended {
            break;
        }
    }
    // Every reminder read sorts before every one not read; only their order is left.
    in_shown_order(&mut shown);
    let more = shown.len() > limit;
    shown.truncate(limit);
    Ok(RemindersPage { shown, more })
}

/// The cases that can have an entry in a calendar: students still followed up with a
/// planned conversation or an agreed follow-up. Read from the summaries first, so only
/// those cases are loaded.
pub fn calendar_cases(store: &dyn Store) -> Result<Vec<Case>, StoreError> {
    store
        .summaries()?
        .into_iter()
        .filter(|s| s.status.is_followed_up())
        .filter(|s| s.next_conversation.is_some() || s.follow_up.is_some())
        .map(|s| store.load_case(s.id))
        .collect()
}

/// Every student's digest, made from their case read whole: for stores that keep none.
pub(crate) fn facts_from_cases(
    store: &(impl Store + ?Sized),
) -> Result<Vec<crate::domain::StudentFacts>, StoreError> {
    store
        .summaries()?
        .into_iter()
        .map(|s| Ok(crate::domain::StudentFacts::of(&store.load_case(s.id)?)))
        .collect()
}
