//! The application's store on the team's server: the same [`Store`] the embedded
//! database gives, over one connection with the user's own login, so the server's
//! row-level security decides what the user reads and writes.
//!
//! Saves are optimistic: every student row has a version, raised by each save; a save
//! names the version its case was read at and is refused with a [`Conflict`] when someone
//! else saved in between. A connection that drops is made again at the next use; until
//! the server answers, every call says it cannot be reached and nothing is kept on the PC.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use postgres::error::SqlState;
use postgres::{Client, GenericClient};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::{TeamError, TeamRole};
use crate::domain::reminders::{self, DueItem, Mark, ReminderKey};
use crate::domain::{
    Agreement, AgreementId, Case, CaseChange, Conversation, IdSource, OrgId, Organisation, Receipt,
    Student, StudentId, StudentSummary, WrittenFile,
};
use crate::store::{CodecError, Conflict, ConflictPart, Store, StoreError, StoreIds, keys, merge};

/// The user the server knows the session's login as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub login: String,
    pub name: String,
    pub role: TeamRole,
    pub authority: String,
}

impl Person {
    /// The person as documents and timelines name them.
    pub fn actor(&self) -> crate::domain::Actor {
        crate::domain::Actor::new(
            self.name.clone(),
            self.role.domain_role(),
            self.login.clone(),
        )
    }
}

/// How often an opening of the same case is logged again within one session.
const LOG_OPENING_AGAIN: Duration = Duration::from_secs(10 * 60);

/// The store on the server.
pub struct PgStore {
    url: String,
    /// The password the user typed, when the password file has none: kept for making
    /// the connection again, wiped when the store goes.
    password: Option<zeroize::Zeroizing<String>>,
    /// `None` after the connection was lost, until it is made again.
    client: Mutex<Option<Client>>,
    /// The version each case was read (or last saved) at, and the case as it was then:
    /// what a save is compared with.
    read: Mutex<HashMap<StudentId, (i64, Case)>>,
    /// When each case's opening was last logged.
    logged: Mutex<HashMap<StudentId, Instant>>,
    /// The user's own reminder marks, read in one query when first asked for (only this
    /// user sets them, through this store), so the first screen's reminders cost one
    /// round trip to the server rather than one per reminder.
    marks: Mutex<Option<HashMap<Vec<u8>, Mark>>>,
    me: Person,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> StoreError {
        server_error(&e)
    }
}

/// What a server error means for the user.
pub fn server_error(e: &postgres::Error) -> StoreError {
    if e.code() == Some(&SqlState::INSUFFICIENT_PRIVILEGE) {
        return StoreError::NotAllowed;
    }
    let io = std::error::Error::source(e).is_some_and(|s| s.is::<std::io::Error>());
    if e.is_closed() || io {
        return StoreError::Unreachable(e.to_string());
    }
    let text = e
        .as_db_error()
        .map_or_else(|| e.to_string(), |d| d.message().to_string());
    StoreError::Server(text)
}

fn payload(table: &'static str) -> impl Fn(serde_json::Error) -> StoreError {
    move |e| StoreError::Codec {
        tree: table,
        source: CodecError::Payload(e.to_string()),
    }
}

fn to_json<T: Serialize>(table: &'static str, value: &T) -> Result<Value, StoreError> {
    serde_json::to_value(value).map_err(|e| StoreError::Codec {
        tree: table,
        source: CodecError::Encode(e.to_string()),
    })
}

fn from_json<T: DeserializeOwned>(table: &'static str, value: Value) -> Result<T, StoreError> {
    serde_json::from_value(value).map_err(payload(table))
}

/// The case as the server keeps it: one JSON document per student.
pub fn record(case: &Case) -> Result<Value, StoreError> {
    Ok(json!({
        "student": to_json("students", &case.student)?,
        "conversations": to_json("students", &case.conversations)?,
        "agreements": to_json("students", &case.agreements)?,
        "events": to_json("students", &case.events)?,
    }))
}

/// The case a record holds.
pub fn case_from_record(mut record: Value) -> Result<Case, StoreError> {
    let mut take = |field: &str| {
        record
            .get_mut(field)
            .map(Value::take)
            .unwrap_or(Value::Null)
    };
    let student: Student = from_json("students", take("student"))?;
    let conversations: Vec<Conversation> = from_json("students", take("conversations"))?;
    let agreements: Vec<Agreement> = from_json("students", take("agreements"))?;
    let events = from_json("students", take("events"))?;
    Ok(Case::from_records(
        student,
        conversations,
        agreements,
        events,
    ))
}

fn sid(id: StudentId) -> i64 {
    id.0 as i64
}

/// Writes the rows derived from `after` (its summary's place is the student row): the
/// student's due index replaced.
pub(crate) fn write_due(tx: &mut impl GenericClient, after: &Case) -> Result<(), postgres::Error> {
    let id = sid(after.id());
    tx.execute("DELETE FROM fokus.due WHERE student_id = $1", &[&id])?;
    let items = reminders::due_items(after);
    if items.is_empty() {
        return Ok(());
    }
    let mut keys_ = Vec::with_capacity(items.len());
    let mut kinds = Vec::with_capacity(items.len());
    let mut subjects = Vec::with_capacity(items.len());
    let mut dates = Vec::with_capacity(items.len());
    let mut values = Vec::with_capacity(items.len());
    for item in &items {
        keys_.push(keys::due(item).to_vec());
        kinds.push(i16::from(item.kind.code()));
        subjects.push(item.subject as i64);
        dates.push(item.date);
        values.push(serde_json::to_value(item).unwrap_or(Value::Null));
    }
    tx.execute(
        "INSERT INTO fokus.due (key, student_id, kind, subject, date, item)
         SELECT k, $1, kd, s, d, i
         FROM unnest($2::bytea[], $3::smallint[], $4::bigint[], $5::date[], $6::jsonb[])
              AS t(k, kd, s, d, i)",
        &[&id, &keys_, &kinds, &subjects, &dates, &values],
    )?;
    Ok(())
}

/// Writes the summary and due index of every student that has none (saved by a Fokus
/// from before they were kept on the server). As the schema's owner, in `tx`.
pub(crate) fn derive_missing(tx: &mut postgres::Transaction<'_>) -> Result<usize, TeamError> {
    let rows = tx.query(
        "SELECT id, record FROM fokus.students WHERE summary IS NULL AND record <> '{}'",
        &[],
    )?;
    let count = rows.len();
    for row in rows {
        let id: i64 = row.get(0);
        let case = case_from_record(row.get(1))?;
        let summary = to_json("students", &StudentSummary::of(&case))?;
        tx.execute(
            "UPDATE fokus.students SET summary = $2 WHERE id = $1",
            &[&id, &summary],
        )?;
        write_due(tx, &case)?;
    }
    Ok(count)
}

impl PgStore {
    /// Connects to the server at `url` as the login it names, and reads who that is.
    pub fn open(url: &str) -> Result<PgStore, TeamError> {
        PgStore::open_with(url, None)
    }

    /// [`PgStore::open`] with a password the user typed.
    pub fn open_with(
        url: &str,
        password: Option<zeroize::Zeroizing<String>>,
    ) -> Result<PgStore, TeamError> {
        let mut client = super::connect_with(url, password.as_deref().map(String::as_str))?;
        schema_is_current(&mut client)?;
        let me = whoami(&mut client)?;
        first_book(&mut client)?;
        Ok(PgStore {
            url: url.to_string(),
            password,
            client: Mutex::new(Some(client)),
            read: Mutex::new(HashMap::new()),
            logged: Mutex::new(HashMap::new()),
            marks: Mutex::new(None),
            me,
        })
    }

    /// Who the server says the user is.
    pub fn me(&self) -> &Person {
        &self.me
    }

    /// The server's address.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Runs `work` on the connection, made again first if it was lost. A lost connection
    /// is let go so the next call tries again.
    fn with<T>(
        &self,
        work: impl FnOnce(&mut Client) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut slot = lock(&self.client);
        if slot.as_ref().is_none_or(Client::is_closed) {
            *slot = None;
            let password = self.password.as_deref().map(String::as_str);
            let client = super::connect_with(&self.url, password).map_err(|e| match e {
                TeamError::Server(e) => server_error(&e),
                other => StoreError::Unreachable(other.to_string()),
            })?;
            *slot = Some(client);
        }
        let Some(client) = slot.as_mut() else {
            return Err(StoreError::Unreachable(String::new()));
        };
        let result = work(client);
        if let Err(StoreError::Unreachable(_)) = &result {
            *slot = None;
        }
        result
    }

    /// Writes `after` (with the save noted in the access log) in `tx`, checking the
    /// version it was read at. When someone else saved since, both saves are merged field
    /// by field; only fields both changed make a [`Conflict`]. The new version and the
    /// case as stored.
    fn write_case(
        &self,
        tx: &mut postgres::Transaction<'_>,
        change: &CaseChange,
        after: &Case,
    ) -> Result<(i64, Case), StoreError> {
        let id = sid(after.id());
        let read = lock(&self.read).get(&after.id()).cloned();
        let mut stored = after.clone();
        let mut version = read.as_ref().map(|(v, _)| *v);
        // A save that met another merges with it and tries again at that version; a
        // third save in between is merged too, a few times over.
        for _ in 0..5 {
            let document = record(&stored)?;
            let summary = to_json("students", &StudentSummary::of(&stored))?;
            let written: Option<i64> = match version {
                Some(version) => tx
                    .query_opt(
                        "UPDATE fokus.students
                         SET record = $2, summary = $3, name = $4, version = version + 1,
                             changed_by = session_user, changed_at = now()
                         WHERE id = $1 AND version = $5
                         RETURNING version",
                        &[&id, &document, &summary, &stored.student.name, &version],
                    )
                    .map(|row| row.map(|r| r.get(0))),
                // A new student: added in a savepoint, so an id already on the server
                // (someone else saved this student first) leaves the transaction usable.
                // Neither RETURNING nor ON CONFLICT: both ask the read policy about the
                // new row, which it only knows once the statement that adds it is done.
                None => {
                    let mut point = tx.transaction()?;
                    match point.execute(
                        "INSERT INTO fokus.students (id, authority_id, name, record, summary)
                         VALUES ($1, fokus.my_authority(), $4, $2, $3)",
                        &[&id, &document, &summary, &stored.student.name],
                    ) {
                        Ok(_) => point.commit().map(|()| Some(1)),
                        Err(e) if e.code() == Some(&SqlState::UNIQUE_VIOLATION) => {
                            point.rollback().map(|()| None)
                        }
                        Err(e) => Err(e),
                    }
                }
            }?;
            if let Some(new) = written {
                write_due(tx, &stored)?;
                let named_before = read.as_ref().map(|(_, c)| c.student.supervisor.as_str());
                if named_before != Some(stored.student.supervisor.as_str()) {
                    follow_supervisor(tx, &stored)?;
                }
                let action = if version.is_some() {
                    "changed"
                } else {
                    "created"
                };
                tx.execute(
                    "INSERT INTO fokus.access_log (student_id, action) VALUES ($1, $2)",
                    &[&id, &action],
                )?;
                return Ok((new, stored));
            }
            let theirs = self.theirs(
                tx,
                after.id(),
                version.is_some() || change.student.is_none(),
            )?;
            let base = read.as_ref().map(|(_, c)| c);
            let base_record = match base {
                Some(base) => record(base)?,
                None => Value::Null,
            };
            let (merged, clashes) = merge::merge(&base_record, &record(after)?, &theirs.record);
            if !clashes.is_empty() {
                return Err(StoreError::Conflict(Box::new(Conflict {
                    student: after.id(),
                    parts: clash_parts(&clashes, &theirs.case),
                    by: theirs.by,
                    role: theirs.role,
                    at: theirs.at,
                    clashes,
                    merged,
                    theirs: Box::new(theirs.case),
                    version: theirs.version,
                })));
            }
            stored = case_from_record(merged)?;
            version = Some(theirs.version);
        }
        Err(StoreError::Server(
            "the case kept changing while it was saved".into(),
        ))
    }

    /// The student as someone else saved it, when a save of `student` changed no row; or
    /// why not: the student is gone, or not the user's to see.
    fn theirs(
        &self,
        tx: &mut postgres::Transaction<'_>,
        student: StudentId,
        existed: bool,
    ) -> Result<Theirs, StoreError> {
        let row = tx.query_opt(
            "SELECT s.record, s.changed_by::text, p.full_name, p.role,
                        s.changed_at, s.version
                 FROM fokus.students s LEFT JOIN fokus.people p ON p.login = s.changed_by
                 WHERE s.id = $1",
            &[&sid(student)],
        )?;
        let Some(row) = row else {
            return Err(if existed {
                StoreError::NoSuchStudent(student)
            } else {
                StoreError::NotAllowed
            });
        };
        let record: Value = row.get(0);
        let login: String = row.get(1);
        let role: Option<String> = row.get(3);
        Ok(Theirs {
            case: case_from_record(record.clone())?,
            record,
            by: row.get::<_, Option<String>>(2).unwrap_or(login),
            role: role
                .and_then(|r| r.parse::<TeamRole>().ok())
                .map(TeamRole::domain_role),
            // In the PC's own time, as every other time Fokus shows.
            at: row
                .get::<_, chrono::DateTime<chrono::Utc>>(4)
                .with_timezone(&chrono::Local)
                .naive_local(),
            version: row.get(5),
        })
    }

    /// Takes `theirs` as the case read, at `version`: the next save of it is compared
    /// with that (after the user merged a conflict).
    pub fn take_as_read(&self, theirs: &Case, version: i64) {
        lock(&self.read).insert(theirs.id(), (version, theirs.clone()));
    }

    /// Starts listening for changes on a connection of its own: the ids of students
    /// changed by anyone arrive on the returned channel (the user's own saves too). The
    /// listener makes its connection again when it drops, every few seconds.
    pub fn listen(&self) -> std::sync::mpsc::Receiver<StudentId> {
        let (send, receive) = std::sync::mpsc::channel();
        let url = self.url.clone();
        let password = self.password.clone();
        // Without a thread, changes by others show when a case is opened again.
        let _ = std::thread::Builder::new()
            .name("fokus-changes".into())
            .spawn(move || listen_loop(&url, password.as_deref().map(String::as_str), &send));
        receive
    }
}

/// Makes the team member the student form names as supervisor the one the server lets
/// follow the student: the supervisor field of the form is the assignment. A name no
/// supervisor of the authority has (or two have) assigns nobody, and so does a user whose
/// role may not assign (a supervisor changing the field); the save itself goes through.
fn follow_supervisor(tx: &mut postgres::Transaction<'_>, case: &Case) -> Result<(), StoreError> {
    let id = sid(case.id());
    let role: Option<String> = tx.query_one("SELECT fokus.my_role()", &[])?.get(0);
    if !matches!(role.as_deref(), Some("officer" | "authority")) {
        return Ok(());
    }
    let logins: Vec<String> = tx
        .query(
            "SELECT login::text FROM fokus.people
             WHERE role = 'supervisor' AND lower(full_name) = lower($1)",
            &[&case.student.supervisor.trim()],
        )?
        .into_iter()
        .map(|row| row.get(0))
        .collect();
    tx.execute(
        "DELETE FROM fokus.assignments WHERE student_id = $1",
        &[&id],
    )?;
    if let [login] = logins.as_slice() {
        tx.execute(
            "INSERT INTO fokus.assignments (student_id, login) VALUES ($1, $2)",
            &[&id, login],
        )?;
    }
    Ok(())
}

/// Another person's save, read when it kept the user's from being written.
struct Theirs {
    case: Case,
    record: Value,
    by: String,
    role: Option<crate::domain::Role>,
    at: chrono::NaiveDateTime,
    version: i64,
}

/// The parts of the case the clashing fields are in, each once.
fn clash_parts(clashes: &[merge::Clash], theirs: &Case) -> Vec<ConflictPart> {
    let mut parts = Vec::new();
    for clash in clashes {
        let id = || {
            clash
                .path
                .get(1)
                .and_then(|p| p.strip_prefix('#'))
                .and_then(|p| p.parse::<u64>().ok())
        };
        let part = match clash.path.first().map(String::as_str) {
            Some("conversations") => id().map(|id| {
                let id = crate::domain::ConversationId(id);
                let date = theirs
                    .conversation(id)
                    .map_or_else(|| theirs.student.start, |c| c.planned_at.date());
                ConflictPart::Conversation(id, date)
            }),
            Some("agreements") => id().map(|id| ConflictPart::Agreement(AgreementId(id))),
            _ => Some(ConflictPart::Student),
        };
        if let Some(part) = part
            && !parts.contains(&part)
        {
            parts.push(part);
        }
    }
    parts
}

/// Listens on `url` until the receiving end is gone.
fn listen_loop(url: &str, password: Option<&str>, send: &std::sync::mpsc::Sender<StudentId>) {
    use postgres::fallible_iterator::FallibleIterator;
    const AGAIN: Duration = Duration::from_secs(2);
    let mut first = true;
    loop {
        let client = super::connect_with(url, password)
            .ok()
            .and_then(|mut c| c.batch_execute("LISTEN fokus_changes").ok().map(|()| c));
        if let Some(mut client) = client {
            // A reconnect may have missed notices: everything may have changed.
            if !std::mem::replace(&mut first, false) && send.send(StudentId(0)).is_err() {
                return;
            }
            // A timeout iterator stays expired once its time is up: a fresh one per wait.
            'listening: loop {
                let quiet = {
                    let mut notices = client.notifications();
                    let mut waiting = notices.timeout_iter(AGAIN);
                    loop {
                        match waiting.next() {
                            Ok(Some(n)) => {
                                if let Ok(id) = n.payload().parse::<u64>()
                                    && send.send(StudentId(id)).is_err()
                                {
                                    return;
                                }
                            }
                            // Quiet for a while: check that anyone still listens.
                            Ok(None) => break true,
                            Err(_) => break false,
                        }
                    }
                };
                if !quiet || client.is_closed() {
                    break 'listening;
                }
                if send.send(StudentId(u64::MAX)).is_err() {
                    return;
                }
            }
        }
        std::thread::sleep(AGAIN);
    }
}

/// Gives the user's authority the cooperation agreement's organisations, if nobody has
/// yet, as the embedded database does for a new user.
fn first_book(client: &mut Client) -> Result<(), TeamError> {
    let mut tx = client.transaction()?;
    let claimed: Option<bool> = tx.query_one("SELECT fokus.claim_first_book()", &[])?.get(0);
    if claimed != Some(true) {
        return Ok(());
    }
    let mut ids: Vec<i64> = tx
        .query(
            "SELECT nextval('fokus.ids') FROM generate_series(1, 64)",
            &[],
        )?
        .into_iter()
        .map(|row| row.get(0))
        .collect();
    ids.reverse();
    let book = crate::domain::organisation::default_book(|| ids.pop().unwrap_or(0) as u64);
    for org in &book {
        tx.execute(
            "INSERT INTO fokus.organisations (id, record) VALUES ($1, $2)",
            &[&(org.id.0 as i64), &to_json("organisations", org)?],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Refuses a server whose schema is not the one this Fokus knows: older (IT runs
/// `fokus team init` to upgrade it) or newer (this Fokus is to be updated).
fn schema_is_current(client: &mut Client) -> Result<(), TeamError> {
    let found: i32 = client
        .query_opt(
            "SELECT coalesce(max(version), 0) FROM fokus.schema_history",
            &[],
        )
        .map(|row| row.map_or(0, |r| r.get(0)))
        .or_else(|e| match e.code() {
            // The first schema did not let users read its history.
            Some(&SqlState::INSUFFICIENT_PRIVILEGE) => Ok(1),
            // No schema at all.
            Some(&SqlState::UNDEFINED_TABLE) | Some(&SqlState::INVALID_SCHEMA_NAME) => Ok(0),
            _ => Err(e),
        })?;
    let known = super::latest_version();
    match found.cmp(&known) {
        std::cmp::Ordering::Less => Err(TeamError::OlderSchema(found, known)),
        std::cmp::Ordering::Greater => Err(TeamError::NewerSchema(found)),
        std::cmp::Ordering::Equal => Ok(()),
    }
}

/// The summary in a row of (summary, record-when-no-summary), made from the record for a
/// student written before summaries were kept on the server.
fn summary_in(row: &postgres::Row) -> Result<StudentSummary, StoreError> {
    match row.get::<_, Option<Value>>(0) {
        Some(summary) => from_json("students", summary),
        None => case_from_record(row.get(1)).map(|case| StudentSummary::of(&case)),
    }
}

/// Who the session's login is, as the server records it.
pub fn whoami(client: &mut Client) -> Result<Person, TeamError> {
    let row = client.query_opt(
        "SELECT p.login::text, p.full_name, p.role, a.name
         FROM fokus.people p JOIN fokus.authorities a ON a.id = p.authority_id
         WHERE p.login = session_user",
        &[],
    )?;
    let Some(row) = row else {
        let login: String = client.query_one("SELECT session_user::text", &[])?.get(0);
        return Err(TeamError::NoSuchUser(login));
    };
    Ok(Person {
        login: row.get(0),
        name: row.get(1),
        role: row.get::<_, String>(2).parse()?,
        authority: row.get(3),
    })
}

impl Store for PgStore {
    fn summaries(&self) -> Result<Vec<StudentSummary>, StoreError> {
        self.with(|c| {
            let rows = c.query(
                "SELECT summary, CASE WHEN summary IS NULL THEN record END
                     FROM fokus.students ORDER BY id",
                &[],
            )?;
            rows.into_iter().map(|row| summary_in(&row)).collect()
        })
    }

    fn due_items(
        &self,
        after: Option<&DueItem>,
        last: NaiveDate,
        limit: usize,
    ) -> Result<Vec<DueItem>, StoreError> {
        let start = after
            .map(|item| keys::due(item).to_vec())
            .unwrap_or_default();
        let end = keys::due_end(last).to_vec();
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.with(|c| {
            c.query(
                "SELECT item FROM fokus.due WHERE key > $1 AND key < $2 ORDER BY key LIMIT $3",
                &[&start, &end, &limit],
            )?
            .into_iter()
            .map(|row| from_json("due", row.get(0)))
            .collect()
        })
    }

    fn summary(&self, id: StudentId) -> Result<Option<StudentSummary>, StoreError> {
        self.with(|c| {
            let row = c.query_opt(
                "SELECT summary, CASE WHEN summary IS NULL THEN record END
                     FROM fokus.students WHERE id = $1",
                &[&sid(id)],
            )?;
            row.map(|row| summary_in(&row)).transpose()
        })
    }

    fn load_case(&self, id: StudentId) -> Result<Case, StoreError> {
        let log = lock(&self.logged)
            .get(&id)
            .is_none_or(|at| at.elapsed() > LOG_OPENING_AGAIN);
        let (version, case) = self.with(|c| {
            let mut tx = c.transaction()?;
            let row = tx
                .query_opt(
                    "SELECT version, record FROM fokus.students WHERE id = $1",
                    &[&sid(id)],
                )?
                .ok_or(StoreError::NoSuchStudent(id))?;
            if log {
                tx.execute(
                    "INSERT INTO fokus.access_log (student_id, action) VALUES ($1, 'opened')",
                    &[&sid(id)],
                )?;
            }
            tx.commit()?;
            Ok((row.get::<_, i64>(0), case_from_record(row.get(1))?))
        })?;
        if log {
            lock(&self.logged).insert(id, Instant::now());
        }
        lock(&self.read).insert(id, (version, case.clone()));
        Ok(case)
    }

    fn commit(&self, change: &CaseChange, after: &Case) -> Result<(), StoreError> {
        self.commit_many(&[(change, after)])
    }

    fn commit_many(&self, cases: &[(&CaseChange, &Case)]) -> Result<(), StoreError> {
        let versions = self.with(|c| {
            let mut tx = c.transaction()?;
            let mut versions = Vec::with_capacity(cases.len());
            for (change, after) in cases {
                versions.push(self.write_case(&mut tx, change, after)?);
            }
            tx.commit()?;
            Ok(versions)
        })?;
        let mut read = lock(&self.read);
        for (version, stored) in versions {
            read.insert(stored.id(), (version, stored));
        }
        Ok(())
    }

    fn rebase(&self, base: &Case) {
        // No version is ever -1: the save meets the stored one and merges with it.
        lock(&self.read).insert(base.id(), (-1, base.clone()));
    }

    fn save_merged(&self, theirs: &Case, version: i64, merged: &Case) -> Result<(), StoreError> {
        self.take_as_read(theirs, version);
        self.commit(&CaseChange::default(), merged)
    }

    fn mark(&self, key: &ReminderKey) -> Result<Option<Mark>, StoreError> {
        let mut marks = lock(&self.marks);
        if marks.is_none() {
            let all = self.with(|c| {
                c.query(
                    "SELECT key, mark FROM fokus.marks WHERE login = session_user",
                    &[],
                )?
                .into_iter()
                .map(|row| Ok((row.get::<_, Vec<u8>>(0), from_json("marks", row.get(1))?)))
                .collect::<Result<HashMap<_, _>, StoreError>>()
            })?;
            *marks = Some(all);
        }
        Ok(marks
            .as_ref()
            .and_then(|all| all.get(keys::mark(key).as_slice()).copied()))
    }

    fn set_mark(&self, key: &ReminderKey, mark: Mark) -> Result<(), StoreError> {
        let k = keys::mark(key).to_vec();
        let value = to_json("marks", &mark)?;
        let subject = key.subject as i64;
        let kind = i16::from(key.kind.code());
        self.with(|c| {
            c.execute(
                "INSERT INTO fokus.marks (key, student_id, mark)
                 VALUES ($1, (SELECT student_id FROM fokus.due
                              WHERE subject = $3 AND date = $4 AND kind = $5 LIMIT 1), $2)
                 ON CONFLICT (login, key) DO UPDATE SET mark = excluded.mark",
                &[&k, &value, &subject, &key.date, &kind],
            )?;
            Ok(())
        })?;
        if let Some(all) = lock(&self.marks).as_mut() {
            all.insert(keys::mark(key).to_vec(), mark);
        }
        Ok(())
    }

    fn ids(&self) -> Box<dyn StoreIds + '_> {
        Box::new(ServerIds {
            store: self,
            fresh: Vec::new(),
            failure: std::cell::RefCell::new(None),
        })
    }

    fn reserve_ids(&self, n: usize) -> Result<Vec<u64>, StoreError> {
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        self.with(|c| {
            Ok(c.query(
                "SELECT nextval('fokus.ids') FROM generate_series(1, $1::bigint)",
                &[&n],
            )?
            .into_iter()
            .map(|row| row.get::<_, i64>(0) as u64)
            .collect())
        })
    }

    fn is_empty(&self) -> Result<bool, StoreError> {
        self.with(|c| {
            let row = c.query_one("SELECT NOT EXISTS (SELECT 1 FROM fokus.students)", &[])?;
            Ok(row.get(0))
        })
    }

    fn organisations(&self) -> Result<Vec<Organisation>, StoreError> {
        let mut all: Vec<Organisation> = self.with(|c| {
            c.query("SELECT record FROM fokus.organisations", &[])?
                .into_iter()
                .map(|row| from_json("organisations", row.get(0)))
                .collect()
        })?;
        all.sort_by_cached_key(|o| o.name.to_lowercase());
        Ok(all)
    }

    fn save_organisation(&self, org: &Organisation) -> Result<(), StoreError> {
        let value = to_json("organisations", org)?;
        self.with(|c| {
            c.execute(
                "INSERT INTO fokus.organisations (id, record) VALUES ($1, $2)
                 ON CONFLICT (id) DO UPDATE SET record = excluded.record",
                &[&(org.id.0 as i64), &value],
            )?;
            Ok(())
        })
    }

    fn remove_organisation(&self, id: OrgId) -> Result<(), StoreError> {
        self.with(|c| {
            c.execute(
                "DELETE FROM fokus.organisations WHERE id = $1",
                &[&(id.0 as i64)],
            )?;
            Ok(())
        })
    }

    fn erase_student(&self, case: &Case, receipt: &Receipt) -> Result<(), StoreError> {
        let id = sid(case.id());
        let value = to_json("receipts", receipt)?;
        self.with(|c| {
            let mut tx = c.transaction()?;
            let seen = tx
                .query_opt("SELECT 1 FROM fokus.students WHERE id = $1", &[&id])?
                .is_some();
            if !seen {
                return Err(StoreError::NoSuchStudent(case.id()));
            }
            // Logged first: once the student is gone, nobody may log about them.
            tx.execute(
                "INSERT INTO fokus.access_log (student_id, action) VALUES ($1, 'erased')",
                &[&id],
            )?;
            let gone = tx.execute("DELETE FROM fokus.students WHERE id = $1", &[&id])?;
            if gone == 0 {
                // Seen but not the user's to erase: a supervisor may not.
                return Err(StoreError::NotAllowed);
            }
            // The user's own register: files holding only the student go, the others
            // are kept without them.
            tx.execute(
                "DELETE FROM fokus.written_files
                 WHERE login = session_user AND students = ARRAY[$1::bigint]",
                &[&id],
            )?;
            let rows = tx.query(
                "SELECT path, record FROM fokus.written_files
                     WHERE login = session_user AND $1 = ANY(students)",
                &[&id],
            )?;
            for row in rows {
                let file: WrittenFile = from_json("written_files", row.get(1))?;
                let rest = file.without(case.id());
                let students: Vec<i64> = rest.students.iter().map(|s| sid(*s)).collect();
                tx.execute(
                    "UPDATE fokus.written_files SET students = $3, record = $2
                     WHERE login = session_user AND path = $1",
                    &[
                        &row.get::<_, String>(0),
                        &to_json("written_files", &rest)?,
                        &students,
                    ],
                )?;
            }
            tx.execute(
                "INSERT INTO fokus.receipts (id, at, record) VALUES ($1, $2, $3)",
                &[&receipt.id, &receipt.at, &value],
            )?;
            tx.commit()?;
            Ok(())
        })?;
        lock(&self.read).remove(&case.id());
        Ok(())
    }

    fn receipts(&self) -> Result<Vec<Receipt>, StoreError> {
        self.with(|c| {
            c.query("SELECT record FROM fokus.receipts ORDER BY at, id", &[])?
                .into_iter()
                .map(|row| from_json("receipts", row.get(0)))
                .collect()
        })
    }

    fn note_files(&self, files: &[WrittenFile]) -> Result<(), StoreError> {
        self.with(|c| {
            let mut tx = c.transaction()?;
            for file in files {
                let wanted: Vec<i64> = file.students.iter().map(|s| sid(*s)).collect();
                // Students the server does not hold (erased meanwhile) are not named.
                let mut kept: Vec<i64> = tx
                    .query(
                        "SELECT id FROM fokus.students WHERE id = ANY($1)",
                        &[&wanted],
                    )?
                    .into_iter()
                    .map(|row| row.get(0))
                    .collect();
                kept.sort_unstable();
                kept.dedup();
                let mut file = file.clone();
                file.students = kept.iter().map(|s| StudentId(*s as u64)).collect();
                tx.execute(
                    "INSERT INTO fokus.written_files (path, students, record)
                     VALUES ($1, $2, $3)
                     ON CONFLICT (login, path) DO UPDATE
                     SET students = excluded.students, record = excluded.record",
                    &[
                        &file.path.display().to_string(),
                        &kept,
                        &to_json("written_files", &file)?,
                    ],
                )?;
            }
            tx.commit()?;
            Ok(())
        })
    }

    fn written_files(&self) -> Result<Vec<WrittenFile>, StoreError> {
        self.with(|c| {
            c.query(
                "SELECT record FROM fokus.written_files WHERE login = session_user
                 ORDER BY path",
                &[],
            )?
            .into_iter()
            .map(|row| from_json("written_files", row.get(0)))
            .collect()
        })
    }
}

/// Ids from the server's sequence, taken in batches.
struct ServerIds<'a> {
    store: &'a PgStore,
    fresh: Vec<u64>,
    failure: std::cell::RefCell<Option<StoreError>>,
}

impl IdSource for ServerIds<'_> {
    fn next_id(&mut self) -> u64 {
        if self.fresh.is_empty() {
            match self.store.reserve_ids(64) {
                Ok(mut ids) => {
                    ids.reverse();
                    self.fresh = ids;
                }
                Err(e) => {
                    self.failure.borrow_mut().get_or_insert(e);
                    return 0;
                }
            }
        }
        self.fresh.pop().unwrap_or(0)
    }
}

impl StoreIds for ServerIds<'_> {
    fn finish(&self) -> Result<(), StoreError> {
        match self.failure.borrow_mut().take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}
