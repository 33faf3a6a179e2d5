//! The application's store on the team's server: two people saving the same case, the
//! changes announced to open windows, who sees what through the store, and a server that
//! goes away and comes back. On a real PostgreSQL server the tests start themselves.

#![cfg(unix)]

mod pg;

use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use fokus::domain::case::{self, Ctx};
use fokus::domain::{Case, CaseChange, Role, StudentId};
use fokus::store::{SledStore, Store, StoreError};
use fokus::team::store::PgStore;
use fokus::team::{self, TeamRole};
use pg::Server;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(10, 0, 0).unwrap()
}

fn ctx(by: &PgStore) -> Ctx {
    Ctx {
        now: now(),
        by: by.me().actor(),
    }
}

/// The demo's students on the server, with Hanne (officer) and Ejner (authority) at
/// Esbjerg, Bente supervising Esbjerg's first student, and Vera (officer) at Varde.
/// The ids of Esbjerg's students, Bente's first.
fn team_with_demo(server: &Server) -> Vec<StudentId> {
    let mut admin = server.connect("admin");
    team::init(&mut admin).expect("init");
    let local = tempfile::tempdir().unwrap();
    let store = SledStore::open(local.path()).unwrap();
    fokus::demo::fill(&store, today()).unwrap();
    team::import::import(&mut admin, &store).expect("import");
    for (login, name, role, authority) in [
        ("hanne", "Hanne Krogh", TeamRole::Officer, "Esbjerg Kommune"),
        ("ejner", "Ejner Dam", TeamRole::Authority, "Esbjerg Kommune"),
        (
            "bente",
            "Bente Lund",
            TeamRole::Supervisor,
            "Esbjerg Kommune",
        ),
        ("vera", "Vera Bach", TeamRole::Officer, "Varde Kommune"),
    ] {
        team::add_user(&mut admin, login, name, role, authority).unwrap();
    }
    let esbjerg: Vec<StudentId> = admin
        .query(
            "SELECT s.id FROM fokus.students s JOIN fokus.authorities a ON a.id = s.authority_id
             WHERE a.name = 'Esbjerg Kommune' ORDER BY s.id",
            &[],
        )
        .unwrap()
        .into_iter()
        .map(|r| StudentId(r.get::<_, i64>(0) as u64))
        .collect();
    assert!(esbjerg.len() >= 2, "the demo has Esbjerg students");
    team::assign(&mut admin, esbjerg[0].0 as i64, "bente").unwrap();
    esbjerg
}

fn open(server: &Server, login: &str) -> PgStore {
    PgStore::open(&server.url(login)).expect("the store opens")
}

/// A timeline note by the store's user, saved.
fn note(store: &PgStore, case: &Case, text: &str) -> Result<Case, StoreError> {
    let mut ids = store.reserve_ids(4).unwrap();
    let change = case::add_note(case, text, &ctx(store), &mut ids_from(&mut ids)).unwrap();
    let mut after = case.clone();
    after.apply(&change);
    store.commit(&change, &after).map(|()| after)
}

/// The student's details with the school changed, saved.
fn new_school(store: &PgStore, case: &Case, school: &str) -> Result<Case, StoreError> {
    let (change, after) = school_change(store, case, school);
    store.commit(&change, &after).map(|()| after)
}

/// The change of the school, made (with ids reserved) but not saved.
fn school_change(store: &PgStore, case: &Case, school: &str) -> (CaseChange, Case) {
    let mut student = case.student.clone();
    student.school = school.to_string();
    let mut ids = store.reserve_ids(4).unwrap();
    let change = case::update_student(case, student, &ctx(store), &mut ids_from(&mut ids));
    let mut after = case.clone();
    after.apply(&change);
    (change, after)
}

struct Reserved<'a>(&'a mut Vec<u64>);

impl fokus::domain::IdSource for Reserved<'_> {
    fn next_id(&mut self) -> u64 {
        self.0.pop().expect("enough ids reserved")
    }
}

fn ids_from(ids: &mut Vec<u64>) -> Reserved<'_> {
    Reserved(ids)
}

#[test]
fn the_user_is_who_the_server_says_with_the_name_and_role_documents_use() {
    let server = Server::start();
    team_with_demo(&server);
    let bente = open(&server, "bente");
    let me = bente.me().actor();
    assert_eq!(me.name, "Bente Lund");
    assert_eq!(me.role, Some(Role::Supervisor));
    assert_eq!(bente.me().authority, "Esbjerg Kommune");
    let refused = PgStore::open(&server.url("admin"));
    assert!(
        matches!(refused, Err(team::TeamError::NoSuchUser(_))),
        "a login that is no Fokus user is refused"
    );
}

#[test]
fn through_the_store_each_role_sees_its_students_and_their_reminders_only() {
    let server = Server::start();
    let esbjerg = team_with_demo(&server);
    let ids = |store: &PgStore| -> Vec<StudentId> {
        store.summaries().unwrap().iter().map(|s| s.id).collect()
    };
    let bente = open(&server, "bente");
    // Bente follows the student she was assigned and those whose details name her.
    let hanne = open(&server, "hanne");
    let mut hers: Vec<StudentId> = esbjerg
        .iter()
        .copied()
        .filter(|id| {
            *id == esbjerg[0] || hanne.load_case(*id).unwrap().student.supervisor == "Bente Lund"
        })
        .collect();
    hers.sort();
    assert!(
        hers.len() < esbjerg.len(),
        "the demo has Esbjerg students Bente does not follow"
    );
    assert_eq!(ids(&bente), hers, "a supervisor: their own");
    let far = today() + chrono::Duration::days(3650);
    assert!(
        bente
            .due_until(far)
            .unwrap()
            .iter()
            .all(|d| hers.contains(&d.student)),
        "and only their own students' reminders"
    );
    assert_eq!(
        ids(&open(&server, "hanne")),
        esbjerg,
        "the officer: all Esbjerg's"
    );
    assert_eq!(
        ids(&open(&server, "ejner")),
        esbjerg,
        "the authority: all Esbjerg's"
    );
    let vera = open(&server, "vera");
    assert!(ids(&vera).iter().all(|id| !esbjerg.contains(id)));
    assert!(matches!(
        vera.load_case(esbjerg[0]),
        Err(StoreError::NoSuchStudent(_))
    ));
    assert!(
        vera.due_until(far)
            .unwrap()
            .iter()
            .all(|d| !esbjerg.contains(&d.student))
    );
}

#[test]
fn two_saves_of_different_parts_of_one_case_are_both_kept() {
    let server = Server::start();
    let esbjerg = team_with_demo(&server);
    let (hanne, bente) = (open(&server, "hanne"), open(&server, "bente"));
    let id = esbjerg[0];
    let hers = hanne.load_case(id).unwrap();
    let theirs = bente.load_case(id).unwrap();
    note(&bente, &theirs, "Bentes notat fra vagten").expect("Bente saves first");
    // Hanne read the case before Bente saved; her change to another part is merged.
    new_school(&hanne, &hers, "SOSU Syd").expect("Hanne's save merges with Bente's");
    let now = open(&server, "ejner").load_case(id).unwrap();
    assert_eq!(now.student.school, "SOSU Syd");
    assert!(
        now.events
            .iter()
            .any(|e| format!("{:?}", e.kind).contains("Bentes notat fra vagten")),
        "Bente's note is still there"
    );
}

#[test]
fn two_saves_of_the_same_field_are_refused_with_who_and_both_texts_and_nothing_lost() {
    let server = Server::start();
    let esbjerg = team_with_demo(&server);
    let (hanne, bente) = (open(&server, "hanne"), open(&server, "bente"));
    let id = esbjerg[0];
    let hers = hanne.load_case(id).unwrap();
    let theirs = bente.load_case(id).unwrap();
    new_school(&bente, &theirs, "Bentes skole").expect("Bente saves first");
    let refused = new_school(&hanne, &hers, "Hannes skole");
    let Err(StoreError::Conflict(conflict)) = refused else {
        panic!("expected a conflict, got {refused:?}");
    };
    assert_eq!(conflict.by, "Bente Lund");
    assert_eq!(conflict.role, Some(Role::Supervisor));
    assert_eq!(conflict.clashes.len(), 1, "{:?}", conflict.clashes);
    let clash = &conflict.clashes[0];
    assert_eq!(clash.path, ["student", "school"]);
    assert_eq!(clash.theirs, "Bentes skole");
    assert_eq!(clash.mine, "Hannes skole");
    // Nothing was written over Bente's.
    assert_eq!(
        open(&server, "ejner").load_case(id).unwrap().student.school,
        "Bentes skole"
    );
    // Hanne keeps hers, having seen Bente's: saved over the version she has now seen.
    let merged = fokus::store::merge::with_picks(&conflict.merged, &conflict.clashes, &[false]);
    let chosen: Case = fokus::team::store::case_from_record(merged).unwrap();
    hanne.take_as_read(&conflict.theirs, conflict.version);
    hanne
        .commit(&fokus::domain::CaseChange::default(), &chosen)
        .expect("the merged case saves");
    assert_eq!(
        open(&server, "ejner").load_case(id).unwrap().student.school,
        "Hannes skole"
    );
}

#[test]
fn a_save_is_announced_to_other_open_windows_within_two_seconds() {
    let server = Server::start();
    let esbjerg = team_with_demo(&server);
    let (hanne, bente) = (open(&server, "hanne"), open(&server, "bente"));
    let changes = bente.listen();
    // The listener is up once it has said it is alive, or after a moment.
    std::thread::sleep(Duration::from_millis(300));
    let case = hanne.load_case(esbjerg[0]).unwrap();
    let saved = Instant::now();
    note(&hanne, &case, "Planlagt samtale med skolen").unwrap();
    let deadline = saved + Duration::from_secs(2);
    let mut heard = false;
    while Instant::now() < deadline {
        if let Ok(id) = changes.recv_timeout(Duration::from_millis(100))
            && id == esbjerg[0]
        {
            heard = true;
            break;
        }
    }
    assert!(heard, "Bente's window hears of the change within 2 s");
    let seen = bente.load_case(esbjerg[0]).unwrap();
    assert!(
        seen.events
            .iter()
            .any(|e| format!("{:?}", e.kind).contains("Planlagt samtale med skolen"))
    );
}

#[test]
fn a_server_that_goes_away_is_said_plainly_and_the_same_save_goes_through_when_it_is_back() {
    let mut server = Server::start();
    let esbjerg = team_with_demo(&server);
    let hanne = open(&server, "hanne");
    let case = hanne.load_case(esbjerg[0]).unwrap();
    let (change, after) = school_change(&hanne, &case, "SOSU Syd");
    server.stop();
    let refused = hanne.commit(&change, &after);
    assert!(
        matches!(refused, Err(StoreError::Unreachable(_))),
        "{refused:?}"
    );
    let said = fokus::i18n::store_error(fokus::i18n::Lang::Da, &refused.unwrap_err());
    assert!(said.contains("kan ikke nås"), "{said}");
    server.start_again();
    hanne
        .commit(&change, &after)
        .expect("saved once the server is back");
    assert_eq!(
        open(&server, "ejner")
            .load_case(esbjerg[0])
            .unwrap()
            .student
            .school,
        "SOSU Syd"
    );
}

#[test]
fn every_opening_and_change_is_in_the_access_log_by_login() {
    let server = Server::start();
    let esbjerg = team_with_demo(&server);
    let hanne = open(&server, "hanne");
    let case = hanne.load_case(esbjerg[0]).unwrap();
    new_school(&hanne, &case, "SOSU Syd").unwrap();
    let mut client = server.connect("hanne");
    let log = team::access_log(&mut client, esbjerg[0].0 as i64).unwrap();
    let actions: Vec<(&str, &str)> = log
        .iter()
        .map(|l| (l.login.as_str(), l.action.as_str()))
        .collect();
    assert_eq!(actions, [("hanne", "opened"), ("hanne", "changed")]);
}

#[test]
fn a_server_set_up_by_the_first_schema_keeps_its_cases_and_gains_their_reminders_on_upgrade() {
    let server = Server::start();
    let mut admin = server.connect("admin");
    let first = team::migrate(&mut admin, 1).expect("the first schema");
    assert_eq!((first.from, first.to), (0, 1));
    // A case as the first schema's import wrote it: the record only.
    let mut ids = 0u64;
    let demo = fokus::demo::demo_cases(today(), &mut ids).unwrap();
    let case = &demo
        .iter()
        .find(|d| !fokus::domain::reminders::due_items(&d.case).is_empty())
        .expect("a demo case with something due")
        .case;
    admin
        .execute(
            "INSERT INTO fokus.authorities (name) VALUES ($1)",
            &[&case.student.employer],
        )
        .unwrap();
    admin
        .execute(
            "INSERT INTO fokus.students (id, authority_id, name, record)
             SELECT $1, id, $2, $3 FROM fokus.authorities",
            &[
                &(case.id().0 as i64),
                &case.student.name,
                &fokus::team::store::record(case).unwrap(),
            ],
        )
        .unwrap();
    team::add_user(
        &mut admin,
        "hanne",
        "Hanne Krogh",
        TeamRole::Officer,
        &case.student.employer,
    )
    .unwrap();
    // Until IT upgrades it, the application refuses the server, saying what to do.
    let refused = PgStore::open(&server.url("hanne"));
    assert!(
        matches!(refused, Err(team::TeamError::OlderSchema(1, 2))),
        "{:?}",
        refused.err()
    );
    let said = fokus::i18n::team_error(fokus::i18n::Lang::Da, &refused.err().unwrap());
    assert!(said.contains("fokus team init"), "{said}");
    let upgraded = team::init(&mut admin).expect("the upgrade");
    assert_eq!((upgraded.from, upgraded.to), (1, 2));
    let hanne = open(&server, "hanne");
    assert_eq!(hanne.load_case(case.id()).unwrap(), *case);
    assert_eq!(
        hanne.summaries().unwrap(),
        vec![fokus::domain::StudentSummary::of(case)]
    );
    let far = today() + chrono::Duration::days(3650);
    assert_eq!(
        hanne.due_until(far).unwrap(),
        fokus::domain::reminders::due_items(case)
            .into_iter()
            .filter(|d| d.date <= far)
            .collect::<Vec<_>>(),
        "the reminders of a case from before the upgrade are there"
    );
}

#[test]
fn the_supervisor_named_on_the_student_form_is_the_one_who_follows_the_student() {
    let server = Server::start();
    team_with_demo(&server);
    let hanne = open(&server, "hanne");
    let bente = open(&server, "bente");
    let seen_by_bente = |id: StudentId| bente.summaries().unwrap().iter().any(|s| s.id == id);
    // Hanne registers a student with Bente as supervisor: Bente sees the student.
    let mut ids = hanne.reserve_ids(8).unwrap();
    let mut student = hanne
        .load_case(hanne.summaries().unwrap()[0].id)
        .unwrap()
        .student;
    student.id = StudentId(ids.pop().unwrap());
    student.name = "Noah Friis".into();
    student.supervisor = "Bente Lund".into();
    let change = case::create_student(student.clone(), &ctx(&hanne), &mut ids_from(&mut ids));
    let mut noah = Case::new(student);
    noah.apply(&change);
    hanne.commit(&change, &noah).unwrap();
    assert!(
        seen_by_bente(noah.id()),
        "Bente follows the student she is named for"
    );
    // Another supervisor named on the form: Bente no longer sees the student.
    let noah = hanne.load_case(noah.id()).unwrap();
    let mut other = noah.student.clone();
    other.supervisor = "Søren Holm".into();
    let change = case::update_student(&noah, other, &ctx(&hanne), &mut ids_from(&mut ids));
    let mut after = noah.clone();
    after.apply(&change);
    hanne.commit(&change, &after).unwrap();
    assert!(
        !seen_by_bente(noah.id()),
        "nor after she is no longer named"
    );
}

/// Hanne's Fokus starts again after being killed with the student form open on
/// `before`, holding `typed`: the form is restored on the case as it is now, the store is
/// told what it was typed against, and it is saved.
fn save_restored_form(
    server: &Server,
    before: &Case,
    typed: fokus::domain::Student,
) -> Result<(), StoreError> {
    let hanne = open(server, "hanne");
    let now = hanne.load_case(before.id()).unwrap();
    let mut typed_against = now.clone();
    typed_against.student = before.student.clone();
    hanne.rebase(&typed_against);
    let mut ids = hanne.reserve_ids(4).unwrap();
    let change = case::update_student(&now, typed, &ctx(&hanne), &mut ids_from(&mut ids));
    let mut after = now.clone();
    after.apply(&change);
    hanne.commit(&change, &after)
}

#[test]
fn a_draft_restored_after_a_colleague_saved_keeps_their_change_and_adds_the_typed_one() {
    let server = Server::start();
    let esbjerg = team_with_demo(&server);
    let (hanne, bente) = (open(&server, "hanne"), open(&server, "bente"));
    let id = esbjerg[0];
    // Hanne opens the student form; her Fokus is killed with the unit changed, unsaved.
    let before = hanne.load_case(id).unwrap();
    let mut typed = before.student.clone();
    typed.unit = "Afsnit C".into();
    // Meanwhile Bente changes the school.
    new_school(&bente, &bente.load_case(id).unwrap(), "SOSU Syd").unwrap();
    save_restored_form(&server, &before, typed).expect("the restored text merges");
    let stored = open(&server, "ejner").load_case(id).unwrap().student;
    assert_eq!(stored.unit, "Afsnit C", "Hanne's typed change is saved");
    assert_eq!(stored.school, "SOSU Syd", "and Bente's is not put back");
    // Had both changed the same field, the save would stop with both values instead.
    let before = hanne.load_case(id).unwrap();
    new_school(&bente, &bente.load_case(id).unwrap(), "Bentes skole").unwrap();
    let mut typed = before.student.clone();
    typed.school = "Hannes skole".into();
    assert!(matches!(
        save_restored_form(&server, &before, typed),
        Err(StoreError::Conflict(_))
    ));
}
