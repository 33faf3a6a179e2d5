//! Team mode's server side: one shared case file on PostgreSQL for a municipality's
//! supervisors, education officers and employing authority.
//!
//! This module sets the server up and administers it (`fokus team init`, `add-user`,
//! `assign`, `log`); the schema and its policies are in [`schema`]. Who sees which
//! student is enforced by the server's row-level security, so it holds for direct SQL
//! with a user's login as much as for Fokus.

pub mod import;
pub mod pgpass;
pub mod schema;
pub mod store;
pub mod tls;

use std::fmt;
use std::str::FromStr;

use postgres::config::Host;
use postgres::{Client, NoTls};

/// A user's role in the team, as the server records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TeamRole {
    /// Oplæringsvejleder: sees the students they are supervisor for.
    Supervisor,
    /// Uddannelsesansvarlig: sees every student of their employing authority.
    Officer,
    /// Ansættende myndighed: sees every student the authority employs.
    Authority,
}

impl TeamRole {
    pub const ALL: [TeamRole; 3] = [TeamRole::Supervisor, TeamRole::Officer, TeamRole::Authority];

    /// Its name on the server and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            TeamRole::Supervisor => "supervisor",
            TeamRole::Officer => "officer",
            TeamRole::Authority => "authority",
        }
    }

    /// The role in the cooperation documents and timelines name.
    pub fn domain_role(self) -> crate::domain::Role {
        match self {
            TeamRole::Supervisor => crate::domain::Role::Supervisor,
            TeamRole::Officer => crate::domain::Role::EducationOfficer,
            TeamRole::Authority => crate::domain::Role::EmployingAuthority,
        }
    }

    /// The group role its logins are members of.
    fn group(self) -> &'static str {
        match self {
            TeamRole::Supervisor => "fokus_supervisor",
            TeamRole::Officer => "fokus_officer",
            TeamRole::Authority => "fokus_authority",
        }
    }
}

impl FromStr for TeamRole {
    type Err = TeamError;

    fn from_str(s: &str) -> Result<TeamRole, TeamError> {
        TeamRole::ALL
            .into_iter()
            .find(|r| r.name() == s)
            .ok_or_else(|| TeamError::UnknownRole(s.to_string()))
    }
}

/// What can go wrong talking to the team's server.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("the server address {0:?} cannot be read: {1}")]
    Address(String, String),
    /// The address asks for no TLS (`sslmode=disable`) to a server on another machine: a
    /// password or a student's data never crosses a network in the clear.
    #[error(
        "the server {0} is on another machine and is reached only over TLS, not with sslmode=disable"
    )]
    NeedsTls(String),
    /// The CA file to trust cannot be read or holds no certificate.
    #[error("the CA file {0:?} cannot be used: {1}")]
    RootCert(std::path::PathBuf, String),
    /// Neither the operating system nor a CA file gives a root to trust.
    #[error("no trusted root certificates: none from the system and no CA file")]
    NoTrustedRoots,
    /// The server's certificate does not lead to a trusted root.
    #[error("the certificate of {0} is not signed by a trusted authority")]
    CertNotTrusted(String),
    /// The server's certificate is for another name than the one connected to.
    #[error("the certificate of {0} is not made out to that name")]
    CertWrongName(String),
    /// The server's certificate is unusable for another reason (expired, revoked, …).
    #[error("the certificate of {0} is not valid: {1}")]
    CertInvalid(String, String),
    /// The server answered the request for TLS with no.
    #[error("the server {0} does not offer TLS")]
    NoTlsOffered(String),
    /// TLS could not be set up on this side.
    #[error("TLS could not be set up: {0}")]
    Tls(String),
    #[error("the server cannot be reached or refused: {0}")]
    Server(#[from] postgres::Error),
    #[error("{0:?} is not a role (supervisor, officer or authority)")]
    UnknownRole(String),
    #[error("{0:?} cannot be a login: use letters, digits and _ (at most 63)")]
    BadLogin(String),
    #[error("no user {0:?} in the team")]
    NoSuchUser(String),
    #[error("user {0:?} is not a supervisor")]
    NotSupervisor(String),
    #[error("no student {0} that this login may see")]
    NoSuchStudent(i64),
    /// Others may read the password file, so it is not used (PostgreSQL's own rule).
    #[error("the password file {0:?} may be read by others")]
    PasswordFileOpen(std::path::PathBuf),
    #[error("the server already holds {0} of the students")]
    AlreadyThere(i64),
    #[error("student {0} names no employing authority")]
    NoAuthority(i64),
    #[error("the counts on the server differ from the local database's")]
    CountsDiffer,
    #[error("the local database: {0}")]
    Local(#[from] crate::store::StoreError),
    #[error(
        "the login setting up the schema neither is a superuser nor bypasses row-level security"
    )]
    OwnerBoundByPolicies,
    #[error("the server asks for a password and none was given")]
    PasswordNeeded,
    #[error("the server refused the login's password")]
    PasswordRefused,
    #[error("the server's schema is version {0}; this Fokus needs version {1}")]
    OlderSchema(i32, i32),
    #[error("the server's schema is version {0}, newer than this Fokus knows")]
    NewerSchema(i32),
}

/// Connects to the server at `url` (a PostgreSQL connection string or URL). A server on
/// another machine is reached only over TLS with its certificate checked against the
/// trusted roots and the host name ([`tls`] has the rules); `sslmode=disable` for one is
/// refused before anything is sent. A password the address does not give comes from
/// PostgreSQL's password file ([`pgpass`]), never from Fokus's config.
pub fn connect(url: &str) -> Result<Client, TeamError> {
    connect_with(url, None)
}

/// [`connect`] with `password`, typed by the user, in place of the password file's.
pub fn connect_with(url: &str, password: Option<&str>) -> Result<Client, TeamError> {
    let address_error = |e: String| TeamError::Address(url.to_string(), e);
    let (rest, request) = tls::split(url).map_err(address_error)?;
    let mut config = postgres::Config::from_str(&rest).map_err(|e| address_error(e.to_string()))?;
    let plan = tls::plan(&config, request.mode)?;
    // A server that does not answer is said to be away within seconds, not after the
    // operating system's two minutes: the screen waits for it.
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(std::time::Duration::from_secs(5));
    }
    config.keepalives_idle(std::time::Duration::from_secs(30));
    if let Some(password) = password {
        config.password(password);
    } else if config.get_password().is_none()
        && let Some(file) = pgpass::file()
        && let Some(password) = password_for(&config, &file)?
    {
        config.password(password);
    }
    match plan {
        tls::Plan::Plain => {
            config.ssl_mode(postgres::config::SslMode::Disable);
            config.connect(NoTls).map_err(password_wanted)
        }
        tls::Plan::Verified => {
            let connector = tls::connector(request.root_cert.as_deref())?;
            config.ssl_mode(postgres::config::SslMode::Require);
            config
                .connect(connector)
                .map_err(|e| tls::explain(e, &tls::servers(&config)))
                .map_err(|e| match e {
                    TeamError::Server(e) => password_wanted(e),
                    other => other,
                })
        }
    }
}

/// A refused connection as the user can act on it: the server wants a password and none
/// was given, or the one given was wrong.
fn password_wanted(e: postgres::Error) -> TeamError {
    if e.code() == Some(&postgres::error::SqlState::INVALID_PASSWORD) {
        return TeamError::PasswordRefused;
    }
    // The client's own words when the server asks for a password it was not given.
    let missing =
        std::error::Error::source(&e).is_some_and(|s| s.to_string() == "password missing");
    if missing {
        return TeamError::PasswordNeeded;
    }
    TeamError::Server(e)
}

/// The server address `url` as shown on screen: login, host and database, never a
/// password.
pub fn describe(url: &str) -> String {
    let Some(config) = config_of(url) else {
        return String::new();
    };
    let host = match config.get_hosts().first() {
        #[cfg(unix)]
        Some(Host::Unix(path)) => path.display().to_string(),
        Some(Host::Tcp(name)) => name.clone(),
        None => "localhost".to_string(),
    };
    let user = config.get_user().unwrap_or_default();
    let db = config.get_dbname().unwrap_or(user);
    format!("{user}@{host}/{db}")
}

/// Whether the server address `url` carries a password (which belongs in PostgreSQL's
/// password file, never in Fokus's config).
pub fn holds_password(url: &str) -> bool {
    config_of(url).is_some_and(|c| c.get_password().is_some())
}

/// The address `url` read as the postgres crate reads it, after the TLS settings it does
/// not know are taken out; `None` if it cannot be read.
fn config_of(url: &str) -> Option<postgres::Config> {
    let (rest, _) = tls::split(url).ok()?;
    postgres::Config::from_str(&rest).ok()
}

/// The password file's password for the first host of `config`, if it has one.
fn password_for(
    config: &postgres::Config,
    file: &std::path::Path,
) -> Result<Option<String>, TeamError> {
    let host = match config.get_hosts().first() {
        #[cfg(unix)]
        Some(Host::Unix(path)) => path.display().to_string(),
        Some(Host::Tcp(name)) => name.clone(),
        None => "localhost".to_string(),
    };
    let user = config.get_user().unwrap_or_default();
    let target = pgpass::Target {
        host: &host,
        port: config.get_ports().first().copied().unwrap_or(5432),
        database: config.get_dbname().unwrap_or(user),
        user,
    };
    pgpass::password(file, &target)
        .map_err(|pgpass::Skipped::Open(path)| TeamError::PasswordFileOpen(path))
}

/// What `init` did: the schema version before and after.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Migrated {
    pub from: i32,
    pub to: i32,
}

/// The newest schema version this Fokus knows.
pub fn latest_version() -> i32 {
    schema::STEPS.last().map_or(0, |s| s.version)
}

/// Creates or upgrades the schema, the group roles and the policies: the steps the server
/// lacks, each in its own transaction with its record in the schema's history. Running it
/// again changes nothing.
pub fn init(client: &mut Client) -> Result<Migrated, TeamError> {
    migrate(client, latest_version())
}

/// Applies the steps up to `version` that the server lacks (see [`init`]), then derives
/// what a step added room for from the cases already there: the summary and due index
/// of every student written before they were kept on the server.
pub fn migrate(client: &mut Client, version: i32) -> Result<Migrated, TeamError> {
    let mut tx = client.transaction()?;
    // The policies ask functions that read the tables as their owner; with row-level
    // security forced, only an owner that bypasses it reads them.
    let bypasses: bool = tx
        .query_one(
            "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user",
            &[],
        )?
        .get(0);
    if !bypasses {
        return Err(TeamError::OwnerBoundByPolicies);
    }
    // One administrator at a time; the lock ends with the transaction.
    tx.execute("SELECT pg_advisory_xact_lock(7246563015)", &[])?;
    tx.batch_execute(
        "CREATE SCHEMA IF NOT EXISTS fokus;
         CREATE TABLE IF NOT EXISTS fokus.schema_history (
             version integer PRIMARY KEY,
             name text NOT NULL,
             applied_at timestamptz NOT NULL DEFAULT now());
         REVOKE ALL ON fokus.schema_history FROM PUBLIC;",
    )?;
    let from: i32 = tx
        .query_one(
            "SELECT coalesce(max(version), 0) FROM fokus.schema_history",
            &[],
        )?
        .get(0);
    if from > latest_version() {
        return Err(TeamError::NewerSchema(from));
    }
    let steps = schema::STEPS
        .iter()
        .filter(|s| s.version > from && s.version <= version);
    for step in steps {
        tx.batch_execute(step.sql)?;
        tx.execute(
            "INSERT INTO fokus.schema_history (version, name) VALUES ($1, $2)",
            &[&step.version, &step.name],
        )?;
    }
    if version >= 2 {
        store::derive_missing(&mut tx)?;
    }
    tx.commit()?;
    Ok(Migrated {
        from,
        to: version.max(from),
    })
}

/// Whether `login` may be a login's name: it is quoted on the server, but a plain name is
/// what a user types at a login prompt and what logs show.
fn valid_login(login: &str) -> bool {
    !login.is_empty()
        && login.len() <= 63
        && login
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !login.starts_with(|c: char| c.is_ascii_digit())
        && !login.starts_with("pg_")
        && !login.starts_with("fokus_")
}

/// A new user: the login role (without a password; the administrator sets one, or the
/// server trusts the operating system's user) as a member of the role's group, and the
/// name, role and authority documents and policies use. The authority is created if new.
/// Adding a user again updates their name, role and authority. A supervisor comes to
/// follow the authority's students whose record names them as supervisor; how many.
pub fn add_user(
    client: &mut Client,
    login: &str,
    full_name: &str,
    role: TeamRole,
    authority: &str,
) -> Result<u64, TeamError> {
    if !valid_login(login) {
        return Err(TeamError::BadLogin(login.to_string()));
    }
    let mut tx = client.transaction()?;
    let exists = tx
        .query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&login])?
        .is_some();
    if !exists {
        // A checked plain name, so quoting it is enough.
        tx.batch_execute(&format!("CREATE ROLE \"{login}\" LOGIN"))?;
    }
    for other in TeamRole::ALL {
        let verb = if other == role { "GRANT" } else { "REVOKE" };
        let to = if other == role { "TO" } else { "FROM" };
        tx.batch_execute(&format!("{verb} {} {to} \"{login}\"", other.group()))?;
    }
    let authority_id = authority_id(&mut tx, authority)?;
    tx.execute(
        "INSERT INTO fokus.people (login, full_name, role, authority_id)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (login) DO UPDATE
         SET full_name = excluded.full_name, role = excluded.role,
             authority_id = excluded.authority_id",
        &[&login, &full_name, &role.name(), &authority_id],
    )?;
    let followed = if role == TeamRole::Supervisor {
        tx.execute(
            "INSERT INTO fokus.assignments (student_id, login)
             SELECT id, $1 FROM fokus.students
             WHERE authority_id = $2
               AND lower(trim(record->'student'->>'supervisor')) = lower(trim($3))
             ON CONFLICT DO NOTHING",
            &[&login, &authority_id, &full_name],
        )?
    } else {
        0
    };
    tx.commit()?;
    Ok(followed)
}

/// The id of the employing authority named `name`, made if new.
fn authority_id(tx: &mut postgres::Transaction<'_>, name: &str) -> Result<i64, TeamError> {
    Ok(tx
        .query_one(
            "WITH found AS (SELECT id FROM fokus.authorities WHERE name = $1),
                  made AS (INSERT INTO fokus.authorities (name)
                           SELECT $1 WHERE NOT EXISTS (SELECT 1 FROM found)
                           RETURNING id)
             SELECT id FROM found UNION ALL SELECT id FROM made",
            &[&name],
        )?
        .get(0))
}

/// Makes supervisor `login` responsible for student `student` (as the administrator, or
/// as an officer or the authority of the student's authority).
pub fn assign(client: &mut Client, student: i64, login: &str) -> Result<(), TeamError> {
    let role: Option<String> = client
        .query_opt("SELECT role FROM fokus.people WHERE login = $1", &[&login])?
        .map(|r| r.get(0));
    match role.as_deref() {
        None => return Err(TeamError::NoSuchUser(login.to_string())),
        Some("supervisor") => {}
        Some(_) => return Err(TeamError::NotSupervisor(login.to_string())),
    }
    let seen = client
        .query_opt("SELECT 1 FROM fokus.students WHERE id = $1", &[&student])?
        .is_some();
    if !seen {
        return Err(TeamError::NoSuchStudent(student));
    }
    client.execute(
        "INSERT INTO fokus.assignments (student_id, login) VALUES ($1, $2)
         ON CONFLICT DO NOTHING",
        &[&student, &login],
    )?;
    Ok(())
}

/// One line of the access log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    pub at: String,
    pub login: String,
    /// The name the user gave, when they are of the reader's authority.
    pub name: Option<String>,
    pub action: String,
}

impl fmt::Display for LogEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let who = self.name.as_deref().unwrap_or(&self.login);
        write!(f, "{}  {who}  {}", self.at, self.action)
    }
}

/// Notes in the access log that the session's login did `action` to `student`.
pub fn note_access(client: &mut Client, student: i64, action: &str) -> Result<(), TeamError> {
    client.execute(
        "INSERT INTO fokus.access_log (student_id, action) VALUES ($1, $2)",
        &[&student, &action],
    )?;
    Ok(())
}

/// The access log of `student`, oldest first, as far as the session's login may see the
/// student (nothing if it may not).
pub fn access_log(client: &mut Client, student: i64) -> Result<Vec<LogEntry>, TeamError> {
    let rows = client.query(
        "SELECT to_char(l.at AT TIME ZONE 'Europe/Copenhagen', 'DD.MM.YYYY HH24:MI:SS'),
                l.login::text, p.full_name, l.action
         FROM fokus.access_log l LEFT JOIN fokus.people p ON p.login = l.login
         WHERE l.student_id = $1 ORDER BY l.at, l.id",
        &[&student],
    )?;
    Ok(rows
        .into_iter()
        .map(|r| LogEntry {
            at: r.get(0),
            login: r.get(1),
            name: r.get(2),
            action: r.get(3),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_password_is_seen_in_an_address_with_tls_settings_too() {
        assert!(holds_password(
            "host=db.example.dk user=hanne password=hemmelig sslmode=verify-full \
             sslrootcert=/etc/ca.pem"
        ));
        assert!(holds_password(
            "postgresql://hanne:hemmelig@db.example.dk/fokus?sslmode=verify-full"
        ));
        assert!(!holds_password(
            "host=db.example.dk user=hanne sslmode=verify-full sslrootcert=/etc/ca.pem"
        ));
        assert_eq!(
            describe("host=db.example.dk user=hanne dbname=fokus sslmode=verify-full"),
            "hanne@db.example.dk/fokus"
        );
    }

    use super::*;

    #[test]
    fn logins_are_plain_names_and_never_a_group_or_system_role() {
        for good in ["bente", "hanne_krogh", "u2"] {
            assert!(valid_login(good), "{good}");
        }
        for bad in [
            "",
            "Bente",
            "2u",
            "pg_monitor",
            "fokus_officer",
            "a\"b",
            "a b",
        ] {
            assert!(!valid_login(bad), "{bad}");
        }
        assert!(!valid_login(&"a".repeat(64)));
    }

    #[test]
    fn roles_read_as_written_and_an_unknown_one_is_refused() {
        for role in TeamRole::ALL {
            assert_eq!(role.name().parse::<TeamRole>().unwrap(), role);
        }
        assert!(matches!(
            "admin".parse::<TeamRole>(),
            Err(TeamError::UnknownRole(_))
        ));
    }

    #[test]
    fn the_steps_are_numbered_one_up_from_one() {
        for (i, step) in schema::STEPS.iter().enumerate() {
            assert_eq!(step.version, i as i32 + 1, "{}", step.name);
        }
    }

    #[test]
    fn a_server_on_another_machine_is_refused_before_anything_is_sent() {
        // Without TLS, that is: these fail before any name is looked up or a byte sent.
        assert!(matches!(
            connect("postgresql://fokus@db.example.org/fokus?sslmode=disable"),
            Err(TeamError::NeedsTls(_))
        ));
        assert!(matches!(
            connect("host=10.0.0.5 user=fokus sslmode=disable"),
            Err(TeamError::NeedsTls(_))
        ));
        assert!(matches!(
            connect("host=localhost hostaddr=192.0.2.7 user=fokus sslmode=disable"),
            Err(TeamError::NeedsTls(_))
        ));
    }

    #[test]
    fn an_address_with_a_setting_postgres_does_not_know_is_still_read() {
        assert!(matches!(
            connect("host=db.example.org sslmode=never"),
            Err(TeamError::Address(..))
        ));
    }
}
