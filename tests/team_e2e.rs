//! Two real `fokus` processes in pseudo-terminals on one team server, as an education
//! officer and a supervisor would have them open at once: a change made in one shows in
//! the other by itself, two saves of the same field end in a choice with both texts on
//! screen, and a server that goes away mid-save loses nothing.

#![cfg(unix)]

mod pg;
mod support;

use std::time::{Duration, Instant};

use fokus::store::SledStore;
use fokus::team::{self, TeamRole};
use pg::Server;
use support::{Key, Sandbox, Tui};

const COLS: u16 = 120;
const ROWS: u16 = 40;

/// The demo's students on the server; Hanne Krogh (officer) and Bente Lund (supervisor)
/// at Esbjerg, Bente following Amira Hassan and the students whose details name her.
/// Amira's id, and how many students Bente follows.
fn team(server: &Server) -> (i64, i64) {
    let mut admin = server.connect("admin");
    team::init(&mut admin).expect("init");
    let local = tempfile::tempdir().unwrap();
    let store = SledStore::open(local.path()).unwrap();
    let today = chrono::Local::now().date_naive();
    fokus::demo::fill(&store, today).unwrap();
    team::import::import(&mut admin, &store).expect("import");
    team::add_user(
        &mut admin,
        "hanne",
        "Hanne Krogh",
        TeamRole::Officer,
        "Esbjerg Kommune",
    )
    .unwrap();
    team::add_user(
        &mut admin,
        "bente",
        "Bente Lund",
        TeamRole::Supervisor,
        "Esbjerg Kommune",
    )
    .unwrap();
    let amira: i64 = admin
        .query_one(
            "SELECT id FROM fokus.students WHERE name = 'Amira Hassan'",
            &[],
        )
        .unwrap()
        .get(0);
    team::assign(&mut admin, amira, "bente").unwrap();
    let followed: i64 = admin
        .query_one(
            "SELECT count(*) FROM fokus.assignments WHERE login = 'bente'",
            &[],
        )
        .unwrap()
        .get(0);
    (amira, followed)
}

/// Opens Amira's timeline from the students pane.
fn open_amira(tui: &mut Tui) {
    tui.send("2");
    tui.wait_for("Amira Hassan");
    tui.send("/");
    tui.send("Amira");
    tui.key(Key::Enter);
    tui.wait_for("Amira Hassan · Type 1");
    tui.wait_for("Tidslinje (nyeste først)");
}

/// Opens the student form and appends `text` to the school.
fn edit_school(tui: &mut Tui, text: &str) {
    tui.send("e");
    tui.wait_for("Ret Amira Hassan");
    // Name, programme, start, expected end, school.
    tui.keys(Key::Tab, 4);
    tui.key(Key::End);
    tui.send(text);
    tui.wait_for_in_line("Skole", text.trim());
}

fn school_on_server(server: &Server, amira: i64) -> String {
    server
        .connect("admin")
        .query_one(
            "SELECT record->'student'->>'school' FROM fokus.students WHERE id = $1",
            &[&amira],
        )
        .unwrap()
        .get(0)
}

#[test]
fn two_people_see_each_others_changes_choose_between_clashing_texts_and_lose_nothing() {
    let mut server = Server::start();
    let (amira, followed) = team(&server);
    let (hanne_home, bente_home) = (Sandbox::new(), Sandbox::new());
    let mut hanne = hanne_home.start_team(&server.url("hanne"), COLS, ROWS);
    let mut bente = bente_home.start_team(&server.url("bente"), COLS, ROWS);

    // Each sees what the role allows: the officer all of Esbjerg's, the supervisor Amira.
    hanne.wait_for("Elever (3)");
    bente.wait_for(&format!("Elever ({followed})"));
    open_amira(&mut hanne);
    open_amira(&mut bente);

    // A note Hanne writes shows in Bente's open timeline by itself, within 2 seconds.
    hanne.send("b");
    hanne.wait_for("Notat om Amira Hassan");
    hanne.send("Aftalt møde med sprogvejlederen");
    hanne.key(Key::Ctrl('s'));
    let saved = Instant::now();
    hanne.wait_for("Notatet er gemt.");
    bente.wait_for_within("Aftalt møde med sprogvejlederen", Duration::from_secs(5));
    let seen_after = saved.elapsed();
    assert!(
        seen_after <= Duration::from_secs(2),
        "Bente saw the note after {seen_after:?}"
    );
    assert!(bente.screen().contains("Hanne Krogh Notat: Aftalt møde"));

    // Both change the school; Bente saves first. Hanne's save opens the choice with both
    // texts; she keeps Bente's, and that is what the server holds.
    edit_school(&mut bente, " (Bente)");
    edit_school(&mut hanne, " (Hanne)");
    bente.key(Key::Ctrl('s'));
    bente.wait_for("Amira Hassan er gemt.");
    hanne.key(Key::Ctrl('s'));
    hanne.wait_for("Samme felter er ændret af en anden");
    hanne.wait_for("Bente Lund (Oplæringsvejleder) gemte ændringer i samme sag");
    hanne.wait_for("Bente Lund: SOSU Esbjerg (Bente)");
    hanne.wait_for("Dig: SOSU Esbjerg (Hanne)");
    assert_eq!(school_on_server(&server, amira), "SOSU Esbjerg (Bente)");
    hanne.key(Key::Left);
    hanne.wait_for("[x] Bente Lund");
    hanne.key(Key::Enter);
    hanne.wait_for("Amira Hassan er gemt.");
    hanne.wait_gone("Samme felter er ændret af en anden");
    assert_eq!(school_on_server(&server, amira), "SOSU Esbjerg (Bente)");

    // The server goes away while Bente saves a note: she is told, the note stays, and it
    // is saved by itself once the server is back.
    bente.send("b");
    bente.wait_for("Notat om Amira Hassan");
    bente.send("Skrevet mens serveren var væk");
    server.stop();
    bente.key(Key::Ctrl('s'));
    bente.wait_for("Teamets server kan ikke nås");
    bente.wait_for("Intet af det skrevne er tabt");
    server.start_again();
    bente.wait_for_within("Notatet er gemt.", Duration::from_secs(20));
    let notes: i64 = server
        .connect("admin")
        .query_one(
            "SELECT count(*) FROM fokus.students, jsonb_array_elements(record->'events') e
             WHERE id = $1 AND e::text LIKE '%Skrevet mens serveren var væk%'",
            &[&amira],
        )
        .unwrap()
        .get(0);
    assert_eq!(
        notes, 1,
        "the note written while the server was away is saved once"
    );

    hanne.send("q");
    bente.send("q");
    assert!(hanne.wait_exit().success());
    assert!(bente.wait_exit().success());
}

#[test]
fn a_server_that_wants_a_password_gets_it_typed_at_a_prompt_and_a_wrong_one_is_said() {
    let server = Server::start_with(pg::Auth::Passwords);
    team(&server);
    server
        .connect("admin")
        .batch_execute("ALTER ROLE hanne PASSWORD 'rigtig-kode'")
        .unwrap();
    let home = Sandbox::new();
    let mut hanne = home.start_team(&server.url("hanne"), COLS, ROWS);
    hanne.wait_for("Adgangskode for hanne@");
    hanne.send("forkert");
    hanne.key(Key::Enter);
    hanne.wait_for("Serveren afviste adgangskoden.");
    hanne.send("rigtig-kode");
    hanne.key(Key::Enter);
    hanne.wait_for("Påmindelser –");
    hanne.wait_for("Elever (");
    assert!(
        !hanne.screen().contains("rigtig-kode"),
        "the password is never shown"
    );
    assert!(
        !String::from_utf8_lossy(&hanne.raw_output()).contains("rigtig-kode"),
        "nor echoed to the terminal"
    );
    hanne.send("q");
    assert!(hanne.wait_exit().success());
}
