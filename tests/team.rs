//! Team mode's server: the schema, the users and who sees which student, on a real
//! PostgreSQL server the tests start themselves.

// The tests' server listens on a Unix socket and runs as the package's user: Unix only.
#![cfg(unix)]

mod pg;

use fokus::team::{self, TeamError, TeamRole};
use pg::Server;

/// Two authorities: Esbjerg with two supervisors, an education officer and an authority
/// user, and Varde with an officer. Esbjerg has ten students, Bente follows three and
/// Søren two; Varde has five.
fn municipality(server: &Server) -> postgres::Client {
    let mut admin = server.connect("admin");
    team::init(&mut admin).expect("init");
    let users = [
        (
            "bente",
            "Bente Lund",
            TeamRole::Supervisor,
            "Esbjerg Kommune",
        ),
        (
            "soeren",
            "Søren Holm",
            TeamRole::Supervisor,
            "Esbjerg Kommune",
        ),
        ("hanne", "Hanne Krogh", TeamRole::Officer, "Esbjerg Kommune"),
        ("ejner", "Ejner Dam", TeamRole::Authority, "Esbjerg Kommune"),
        ("vera", "Vera Bach", TeamRole::Officer, "Varde Kommune"),
    ];
    for (login, name, role, authority) in users {
        team::add_user(&mut admin, login, name, role, authority).expect("add user");
    }
    let authority = |admin: &mut postgres::Client, name: &str| -> i64 {
        admin
            .query_one("SELECT id FROM fokus.authorities WHERE name = $1", &[&name])
            .unwrap()
            .get(0)
    };
    let esbjerg = authority(&mut admin, "Esbjerg Kommune");
    let varde = authority(&mut admin, "Varde Kommune");
    for id in 1..=10i64 {
        admin
            .execute(
                "INSERT INTO fokus.students (id, authority_id, name) VALUES ($1, $2, $3)",
                &[&id, &esbjerg, &format!("Elev {id}")],
            )
            .unwrap();
    }
    for id in 101..=105i64 {
        admin
            .execute(
                "INSERT INTO fokus.students (id, authority_id, name) VALUES ($1, $2, $3)",
                &[&id, &varde, &format!("Varde-elev {id}")],
            )
            .unwrap();
    }
    for id in [1, 2, 3] {
        team::assign(&mut admin, id, "bente").unwrap();
    }
    for id in [4, 5] {
        team::assign(&mut admin, id, "soeren").unwrap();
    }
    admin
}

/// The ids of the students `login` sees with plain SQL.
fn seen_by(server: &Server, login: &str) -> Vec<i64> {
    let mut c = server.connect(login);
    c.query("SELECT id FROM fokus.students ORDER BY id", &[])
        .unwrap()
        .into_iter()
        .map(|r| r.get(0))
        .collect()
}

#[test]
fn each_role_sees_exactly_its_students_even_with_plain_sql() {
    let server = Server::start();
    let _admin = municipality(&server);
    assert_eq!(
        seen_by(&server, "bente"),
        vec![1, 2, 3],
        "a supervisor: their own"
    );
    assert_eq!(seen_by(&server, "soeren"), vec![4, 5], "none of Bente's");
    assert_eq!(
        seen_by(&server, "hanne"),
        (1..=10).collect::<Vec<_>>(),
        "the officer: all of Esbjerg's"
    );
    assert_eq!(
        seen_by(&server, "ejner"),
        (1..=10).collect::<Vec<_>>(),
        "the authority: all of Esbjerg's"
    );
    assert_eq!(
        seen_by(&server, "vera"),
        (101..=105).collect::<Vec<_>>(),
        "Varde's officer: none of Esbjerg's"
    );
}

#[test]
fn nobody_changes_or_adds_a_student_beyond_what_the_role_allows() {
    let server = Server::start();
    let _admin = municipality(&server);
    // A supervisor changes their own student, not Søren's (the row is not there for them).
    let mut bente = server.connect("bente");
    let own = bente
        .execute(
            "UPDATE fokus.students SET version = version + 1 WHERE id = 1",
            &[],
        )
        .unwrap();
    assert_eq!(own, 1);
    let other = bente
        .execute(
            "UPDATE fokus.students SET version = version + 1 WHERE id = 4",
            &[],
        )
        .unwrap();
    assert_eq!(other, 0);
    // A supervisor adds no students; an officer adds them to their own authority only.
    let esbjerg: i64 = bente
        .query_one("SELECT authority_id FROM fokus.students WHERE id = 1", &[])
        .unwrap()
        .get(0);
    let refused = bente.execute(
        "INSERT INTO fokus.students (id, authority_id, name) VALUES (50, $1, 'Ny')",
        &[&esbjerg],
    );
    assert!(refused.is_err(), "a supervisor cannot add a student");
    let mut vera = server.connect("vera");
    let refused = vera.execute(
        "INSERT INTO fokus.students (id, authority_id, name) VALUES (51, $1, 'Ny')",
        &[&esbjerg],
    );
    assert!(
        refused.is_err(),
        "Varde's officer cannot add an Esbjerg student"
    );
    let mut hanne = server.connect("hanne");
    hanne
        .execute(
            "INSERT INTO fokus.students (id, authority_id, name) VALUES (52, $1, 'Ny')",
            &[&esbjerg],
        )
        .expect("Esbjerg's officer adds an Esbjerg student");
    // Moving a student to another authority is refused even for one's own student.
    let moved = hanne.execute(
        "UPDATE fokus.students SET authority_id = authority_id + 1 WHERE id = 52",
        &[],
    );
    assert!(moved.is_err());
    // Nobody but the officer and the authority removes a student; Vera sees none to remove.
    assert_eq!(
        bente
            .execute("DELETE FROM fokus.students WHERE id = 1", &[])
            .unwrap(),
        0
    );
    assert_eq!(
        vera.execute("DELETE FROM fokus.students WHERE id = 52", &[])
            .unwrap(),
        0
    );
}

#[test]
fn the_logins_own_no_table_and_every_table_forces_its_policies() {
    let server = Server::start();
    let mut admin = municipality(&server);
    let owned: i64 = admin
        .query_one(
            "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
             WHERE r.rolname IN ('bente', 'soeren', 'hanne', 'ejner', 'vera',
                                 'fokus_user', 'fokus_supervisor', 'fokus_officer',
                                 'fokus_authority')",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(owned, 0);
    let unforced: Vec<String> = admin
        .query(
            "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'fokus' AND c.relkind = 'r' AND c.relname <> 'schema_history'
               AND NOT (c.relrowsecurity AND c.relforcerowsecurity)",
            &[],
        )
        .unwrap()
        .into_iter()
        .map(|r| r.get(0))
        .collect();
    assert!(unforced.is_empty(), "{unforced:?}");
    // Users read the schema's version (their Fokus checks it) and change nothing of it.
    let mut bente = server.connect("bente");
    assert!(
        bente
            .query("SELECT max(version) FROM fokus.schema_history", &[])
            .is_ok()
    );
    for change in [
        "DELETE FROM fokus.schema_history",
        "UPDATE fokus.schema_history SET version = 99",
        "INSERT INTO fokus.schema_history (version, name) VALUES (99, 'x')",
    ] {
        assert!(bente.execute(change, &[]).is_err(), "{change}");
    }
}

#[test]
fn people_see_their_own_authority_and_its_people_only() {
    let server = Server::start();
    let _admin = municipality(&server);
    let mut vera = server.connect("vera");
    let names: Vec<String> = vera
        .query("SELECT full_name FROM fokus.people ORDER BY login", &[])
        .unwrap()
        .into_iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(names, vec!["Vera Bach"]);
    let authorities: i64 = vera
        .query_one("SELECT count(*) FROM fokus.authorities", &[])
        .unwrap()
        .get(0);
    assert_eq!(authorities, 1);
    // Nobody gives themselves another role: the people table is read-only to users.
    assert!(
        vera.execute("UPDATE fokus.people SET role = 'authority'", &[])
            .is_err()
    );
}

#[test]
fn the_access_log_is_appended_to_and_read_as_the_role_allows_and_never_changed() {
    let server = Server::start();
    let _admin = municipality(&server);
    let mut bente = server.connect("bente");
    team::note_access(&mut bente, 1, "åbnede sagen").unwrap();
    team::note_access(&mut bente, 1, "gemte et notat").unwrap();
    // Not about a student one cannot see, and not in another's name.
    assert!(team::note_access(&mut bente, 4, "åbnede sagen").is_err());
    assert!(
        bente
            .execute(
                "INSERT INTO fokus.access_log (login, student_id, action) VALUES ('soeren', 1, 'x')",
                &[],
            )
            .is_err()
    );
    // Never changed or removed, not even one's own lines.
    assert!(
        bente
            .execute("UPDATE fokus.access_log SET action = 'x'", &[])
            .is_err()
    );
    assert!(bente.execute("DELETE FROM fokus.access_log", &[]).is_err());

    let mut hanne = server.connect("hanne");
    let log = team::access_log(&mut hanne, 1).unwrap();
    let lines: Vec<String> = log
        .iter()
        .map(|e| format!("{} {}", e.name.as_deref().unwrap_or(""), e.action))
        .collect();
    assert_eq!(
        lines,
        vec!["Bente Lund åbnede sagen", "Bente Lund gemte et notat"]
    );
    let mut soeren = server.connect("soeren");
    assert!(
        team::access_log(&mut soeren, 1).unwrap().is_empty(),
        "not Søren's student"
    );
    let mut vera = server.connect("vera");
    assert!(team::access_log(&mut vera, 1).unwrap().is_empty());
}

#[test]
fn init_is_idempotent_and_users_can_be_added_again() {
    let server = Server::start();
    let mut admin = server.connect("admin");
    let first = team::init(&mut admin).unwrap();
    assert_eq!((first.from, first.to), (0, team::latest_version()));
    let again = team::init(&mut admin).unwrap();
    assert_eq!(
        (again.from, again.to),
        (team::latest_version(), team::latest_version())
    );
    team::add_user(
        &mut admin,
        "bente",
        "Bente Lund",
        TeamRole::Supervisor,
        "Esbjerg Kommune",
    )
    .unwrap();
    // Promoted: the role follows, and the old group is left.
    team::add_user(
        &mut admin,
        "bente",
        "Bente Lund",
        TeamRole::Officer,
        "Esbjerg Kommune",
    )
    .unwrap();
    let groups: Vec<String> = admin
        .query(
            "SELECT g.rolname::text FROM pg_auth_members m
             JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
             WHERE u.rolname = 'bente' ORDER BY 1",
            &[],
        )
        .unwrap()
        .into_iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(groups, vec!["fokus_officer"]);
    assert!(matches!(
        team::add_user(
            &mut admin,
            "Robert'); DROP TABLE x; --",
            "X",
            TeamRole::Officer,
            "E"
        ),
        Err(TeamError::BadLogin(_))
    ));
}

#[test]
fn only_a_supervisor_is_assigned_and_only_to_a_student_one_sees() {
    let server = Server::start();
    let mut admin = municipality(&server);
    assert!(matches!(
        team::assign(&mut admin, 1, "hanne"),
        Err(TeamError::NotSupervisor(_))
    ));
    assert!(matches!(
        team::assign(&mut admin, 1, "nobody"),
        Err(TeamError::NoSuchUser(_))
    ));
    // Esbjerg's officer assigns Søren to a student of Esbjerg, not of Varde.
    let mut hanne = server.connect("hanne");
    team::assign(&mut hanne, 6, "soeren").unwrap();
    assert_eq!(seen_by(&server, "soeren"), vec![4, 5, 6]);
    assert!(matches!(
        team::assign(&mut hanne, 101, "soeren"),
        Err(TeamError::NoSuchStudent(101))
    ));
}

/// `fokus ARGS` with HOME, config and database in `home`, and no server, password file
/// or language from the machine's environment; with `pgpass` as PostgreSQL's password file.
fn fokus_in(
    home: &std::path::Path,
    args: &[&str],
    pgpass: Option<&std::path::Path>,
) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_fokus"));
    cmd.args(args)
        .env("HOME", home)
        .env("FOKUS_CONFIG_DIR", home.join("config"))
        .env("FOKUS_DB", home.join("db"))
        .env_remove("FOKUS_SERVER")
        .env_remove("PGPASSFILE")
        .env_remove("LC_ALL");
    if let Some(path) = pgpass {
        cmd.env("PGPASSFILE", path);
    }
    cmd.output().unwrap()
}

/// `fokus team …` as `user` types it, in a sandbox of its own.
fn fokus_team(server: &Server, user: &str, args: &[&str]) -> std::process::Output {
    let home = tempfile::tempdir().unwrap();
    let url = server.url(user);
    let mut all = vec!["team", "--server", url.as_str()];
    all.extend_from_slice(args);
    fokus_in(home.path(), &all, None)
}

fn said(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn the_team_commands_set_up_a_server_and_say_what_they_did_in_danish() {
    let server = Server::start();
    let out = fokus_team(&server, "admin", &["init"]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(
        said(&out).contains("Teamets skema er nu version 2 (var 0)."),
        "{}",
        said(&out)
    );
    let again = fokus_team(&server, "admin", &["init"]);
    assert!(
        said(&again).contains("version 2 (var 2)"),
        "{}",
        said(&again)
    );

    let out = fokus_team(
        &server,
        "admin",
        &[
            "add-user",
            "bente",
            "--name",
            "Bente Lund",
            "--role",
            "supervisor",
            "--authority",
            "Esbjerg Kommune",
        ],
    );
    assert!(out.status.success(), "{}", said(&out));
    assert!(
        said(&out).contains("bente (Bente Lund) er oprettet som supervisor hos Esbjerg Kommune")
    );
    let wrong = fokus_team(
        &server,
        "admin",
        &[
            "add-user",
            "x",
            "--name",
            "X",
            "--role",
            "boss",
            "--authority",
            "E",
        ],
    );
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        said(&wrong).contains("boss er ikke en rolle"),
        "{}",
        said(&wrong)
    );

    // A student of Esbjerg, assigned to Bente, whose opening she logs.
    let mut admin = server.connect("admin");
    admin
        .execute(
            "INSERT INTO fokus.students (id, authority_id, name)
             SELECT 7, id, 'Amira Hassan' FROM fokus.authorities WHERE name = 'Esbjerg Kommune'",
            &[],
        )
        .unwrap();
    let out = fokus_team(&server, "admin", &["assign", "7", "bente"]);
    assert!(
        said(&out).contains("bente er nu oplæringsvejleder for elev 7"),
        "{}",
        said(&out)
    );
    team::note_access(&mut server.connect("bente"), 7, "åbnede sagen").unwrap();
    let log = fokus_team(&server, "bente", &["log", "--student", "7"]);
    assert!(log.status.success(), "{}", said(&log));
    assert!(
        said(&log).contains("Bente Lund  åbnede sagen"),
        "{}",
        said(&log)
    );
    // Named by the name she gave, never by her login alone.
    assert!(!said(&log).contains("  bente  "), "{}", said(&log));

    let none = fokus_in(tempfile::tempdir().unwrap().path(), &["team", "init"], None);
    assert_eq!(none.status.code(), Some(2));
    assert!(
        said(&none).contains("Angiv teamets server"),
        "{}",
        said(&none)
    );
}

#[test]
fn a_password_comes_from_the_private_password_file_and_never_from_elsewhere() {
    let server = Server::start_with(pg::Auth::Passwords);
    let mut admin = municipality(&server);
    admin
        .batch_execute("ALTER ROLE hanne PASSWORD 'Kastanje-2026'")
        .unwrap();
    team::note_access(&mut server.connect("admin"), 1, "oprettet").unwrap();
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("pgpass");
    let url = server.url("hanne");
    let args = ["team", "--server", url.as_str(), "log", "--student", "1"];
    let run = |pgpass: Option<&std::path::Path>| fokus_in(home.path(), &args, pgpass);
    // Without a password the server refuses, and the message says where one goes.
    let refused = run(None);
    assert_eq!(refused.status.code(), Some(1), "{}", said(&refused));
    assert!(
        said(&refused).contains("Serveren beder om en adgangskode")
            && said(&refused).contains("~/.pgpass"),
        "{}",
        said(&refused)
    );

    let line = "*:*:postgres:hanne:Kastanje-2026\n";
    std::fs::write(&file, line).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let open = run(Some(&file));
    assert_eq!(open.status.code(), Some(1));
    assert!(
        said(&open).contains("kan læses af andre og bruges derfor ikke"),
        "{}",
        said(&open)
    );

    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let ok = run(Some(&file));
    assert!(ok.status.success(), "{}", said(&ok));
    // The officer sees the student's log, written by the administrator (no name in the team).
    assert!(said(&ok).contains("oprettet"), "{}", said(&ok));
    assert!(
        !said(&ok).contains("Kastanje-2026"),
        "the password is never shown"
    );
}

#[test]
fn a_local_database_moves_in_whole_under_its_employers_and_only_once() {
    let server = Server::start();
    let mut admin = server.connect("admin");
    team::init(&mut admin).unwrap();
    // The demo's students, in a local database of their own.
    let local = tempfile::tempdir().unwrap();
    let today = chrono::Local::now().date_naive();
    let (students, conversations, events, esbjerg) = {
        let store = fokus::store::SledStore::open(local.path()).unwrap();
        fokus::demo::fill(&store, today).unwrap();
        use fokus::store::Store;
        let cases: Vec<_> = store
            .summaries()
            .unwrap()
            .iter()
            .map(|s| store.load_case(s.id).unwrap())
            .collect();
        let esbjerg = cases
            .iter()
            .filter(|c| c.student.employer == "Esbjerg Kommune")
            .count();
        (
            cases.len(),
            cases.iter().map(|c| c.conversations.len()).sum::<usize>(),
            cases.iter().map(|c| c.events.len()).sum::<usize>(),
            esbjerg,
        )
    };
    assert!(
        esbjerg > 0 && esbjerg < students,
        "the demo spans several authorities"
    );

    let from = local.path().to_str().unwrap();
    let out = fokus_team(&server, "admin", &["import", "--from", from]);
    assert!(out.status.success(), "{}", said(&out));
    let text = said(&out);
    assert!(
        text.contains(&format!(
            "Flyttet til serveren: {students} elever med {conversations} samtaler"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "og {events} hændelser på tidslinjen, talt igen på serveren og ens"
        )),
        "{text}"
    );

    // Ids and timelines kept; Esbjerg's officer sees Esbjerg's students and no others.
    let on_server: i64 = admin
        .query_one("SELECT count(*) FROM fokus.students", &[])
        .unwrap()
        .get(0);
    assert_eq!(on_server, students as i64);
    team::add_user(
        &mut admin,
        "hanne",
        "Hanne Krogh",
        TeamRole::Officer,
        "Esbjerg Kommune",
    )
    .unwrap();
    assert_eq!(seen_by(&server, "hanne").len(), esbjerg);
    let amira: serde_json::Value = server
        .connect("hanne")
        .query_one(
            "SELECT record FROM fokus.students WHERE name = 'Amira Hassan'",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(amira["events"].as_array().is_some_and(|e| !e.is_empty()));

    // Again: refused, and nothing changes.
    let again = fokus_team(&server, "admin", &["import", "--from", from]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        said(&again).contains(&format!(
            "Serveren har allerede {students} af eleverne; intet er flyttet."
        )),
        "{}",
        said(&again)
    );
}

#[test]
fn the_server_may_be_named_in_the_config_but_never_with_its_password() {
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let run = |config_text: &str| {
        std::fs::write(config.join("config.toml"), config_text).unwrap();
        fokus_in(home.path(), &["team", "init"], None)
    };
    let named = run(&format!("server = \"{}\"\n", server.url("admin")));
    assert!(named.status.success(), "{}", said(&named));
    assert!(
        said(&named).contains("Teamets skema er nu version"),
        "{}",
        said(&named)
    );

    let with_password = run(&format!(
        "server = \"{} password=hemmelig\"\n",
        server.url("admin")
    ));
    assert_eq!(with_password.status.code(), Some(1));
    let text = said(&with_password);
    assert!(
        text.contains("Serveradressen i config.toml indeholder en adgangskode"),
        "{text}"
    );
    assert!(
        !text.contains("hemmelig"),
        "the password is not repeated: {text}"
    );
}

#[test]
fn a_schema_owner_bound_by_the_policies_is_refused_and_one_that_bypasses_them_works() {
    let server = Server::start();
    let mut admin = server.connect("admin");
    admin
        .batch_execute(
            "CREATE ROLE dba LOGIN CREATEROLE; GRANT CREATE ON DATABASE postgres TO dba;",
        )
        .unwrap();
    let mut dba = server.connect("dba");
    let refused = team::init(&mut dba);
    assert!(
        matches!(refused, Err(TeamError::OwnerBoundByPolicies)),
        "{refused:?}"
    );
    let said = fokus::i18n::team_error(fokus::i18n::Lang::Da, &refused.unwrap_err());
    assert!(said.contains("BYPASSRLS"), "{said}");
    admin.batch_execute("ALTER ROLE dba BYPASSRLS").unwrap();
    let mut dba = server.connect("dba");
    team::init(&mut dba).expect("an owner that bypasses the policies sets up");
    team::add_user(
        &mut dba,
        "hanne",
        "Hanne Krogh",
        TeamRole::Officer,
        "Esbjerg Kommune",
    )
    .unwrap();
    let esbjerg: i64 = dba
        .query_one("SELECT id FROM fokus.authorities", &[])
        .unwrap()
        .get(0);
    dba.execute(
        "INSERT INTO fokus.students (id, authority_id, name) VALUES (1, $1, 'Elev 1')",
        &[&esbjerg],
    )
    .unwrap();
    assert_eq!(
        seen_by(&server, "hanne"),
        vec![1],
        "the officer sees the student"
    );
}

#[test]
fn the_application_tables_show_each_login_its_own_rows_and_its_authoritys_only() {
    let server = Server::start();
    let mut admin = municipality(&server);
    let esbjerg: i64 = admin
        .query_one("SELECT authority_id FROM fokus.students WHERE id = 1", &[])
        .unwrap()
        .get(0);
    admin
        .batch_execute(&format!(
            "INSERT INTO fokus.organisations (id, authority_id, record) VALUES (900, {esbjerg}, '{{}}');
             INSERT INTO fokus.receipts (id, authority_id, at, record)
                 VALUES ('r1', {esbjerg}, now(), '{{}}');
             INSERT INTO fokus.due (key, student_id, kind, subject, date, item)
                 VALUES ('\\x01', 1, 1, 1, '2026-12-01', '{{}}');
             INSERT INTO fokus.marks (login, key, student_id, mark) VALUES ('bente', '\\x02', 1, '{{}}');
             INSERT INTO fokus.written_files (login, path, students, record)
                 VALUES ('bente', '/home/bente/referat.pdf', '{{1}}', '{{}}');"
        ))
        .unwrap();
    let count = |login: &str, table: &str| -> i64 {
        server
            .connect(login)
            .query_one(&format!("SELECT count(*) FROM fokus.{table}"), &[])
            .unwrap()
            .get(0)
    };
    // Another authority's officer sees none of it.
    for table in ["organisations", "receipts", "due", "marks", "written_files"] {
        assert_eq!(count("vera", table), 0, "vera, {table}");
    }
    // The authority's officer sees the address book, the receipts and the due index of
    // its students, but not another login's marks and register.
    assert_eq!(count("hanne", "organisations"), 1);
    assert_eq!(count("hanne", "receipts"), 1);
    assert_eq!(count("hanne", "due"), 1);
    assert_eq!(count("hanne", "marks"), 0);
    assert_eq!(count("hanne", "written_files"), 0);
    // A supervisor sees the due index of the students they follow only, and their own
    // marks and register.
    assert_eq!(count("bente", "due"), 1);
    assert_eq!(count("soeren", "due"), 0);
    assert_eq!(count("bente", "marks"), 1);
    assert_eq!(count("bente", "written_files"), 1);
    assert_eq!(count("soeren", "marks"), 0);
    // Nobody writes rows for another login, a student they do not see, or a receipt
    // their role may not leave.
    let mut soeren = server.connect("soeren");
    for refused in [
        "INSERT INTO fokus.marks (login, key, mark) VALUES ('bente', '\\x03', '{}')",
        "INSERT INTO fokus.due (key, student_id, kind, subject, date, item)
             VALUES ('\\x04', 1, 1, 1, '2026-12-01', '{}')",
        "INSERT INTO fokus.receipts (id, at, record) VALUES ('r2', now(), '{}')",
        "INSERT INTO fokus.written_files (login, path, students, record)
             VALUES ('bente', '/x', '{}', '{}')",
    ] {
        assert!(soeren.execute(refused, &[]).is_err(), "{refused}");
    }
    let mut vera = server.connect("vera");
    assert_eq!(
        vera.execute("DELETE FROM fokus.organisations", &[])
            .unwrap(),
        0,
        "another authority's address book is not there to remove"
    );
}
