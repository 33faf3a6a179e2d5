//! Importing student lists as Danish Excel writes them: the shipped example, re-imports
//! that update instead of duplicating, CPR numbers that never get in, and a long list
//! written in commits of 500 rows: each whole or not at all, even when the process is
//! killed while it writes, and an import stopped part-way is finished by importing again.

mod support;

use std::cell::Cell;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use fokus::domain::{Case, CaseChange, EventKind, StudentStatus};
use fokus::i18n::Lang;
use fokus::import::{self, Column, ImportError, Reason, RowPlan, TextEncoding};
use fokus::store::{OpenOptions, SledStore, Store, StoreError};
use support::Sandbox;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/students.csv");

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(9, 30, 0).unwrap()
}

fn ctx() -> fokus::domain::Ctx {
    fokus::domain::Ctx {
        now: now(),
        by: fokus::domain::Actor::new("Bente Lund", fokus::domain::Role::Supervisor, "bente"),
    }
}

fn open(dir: &Path) -> SledStore {
    SledStore::open_with(dir, OpenOptions::now(now())).unwrap()
}

/// Reads, plans and commits `bytes` into `store` the way `fokus import` does.
fn import_bytes(
    store: &SledStore,
    bytes: &[u8],
) -> (import::ImportPlan, Vec<fokus::domain::StudentSummary>) {
    let table = import::read(bytes).unwrap();
    let existing = import::existing_for(store, &table).unwrap();
    let plan = import::plan(&table, &existing, today());
    let written = import::commit_plan(store, &plan, &ctx(), &mut |_, _| {}).unwrap();
    (plan, written)
}

fn cases(store: &SledStore) -> Vec<Case> {
    store
        .summaries()
        .unwrap()
        .iter()
        .map(|s| store.load_case(s.id).unwrap())
        .collect()
}

fn by_name<'a>(cases: &'a [Case], name: &str) -> &'a Case {
    cases
        .iter()
        .find(|c| c.student.name == name)
        .unwrap_or_else(|| panic!("{name} is not in the database"))
}

fn cp1252(text: &str) -> Vec<u8> {
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!lossy, "the test text fits Windows-1252");
    bytes.into_owned()
}

#[test]
fn the_example_dry_run_names_what_happens_to_every_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let table = import::read_file(Path::new(EXAMPLE)).unwrap();
    assert_eq!(table.encoding, TextEncoding::Windows1252);
    assert_eq!(table.delimiter, b';');
    let plan = import::plan(&table, &[], today());
    let n = plan.counts();
    assert_eq!((n.create, n.update, n.unchanged, n.rejected), (5, 0, 0, 2));

    let lines = import::describe_plan(&plan, Lang::Da);
    assert_eq!(lines[0], "Linje 2: Søren Ærø Bach oprettes");
    assert_eq!(
        lines[5],
        "Linje 7 afvises: Startdato: datoen \"31-02-2026\" findes ikke"
    );
    assert_eq!(lines[6], "Linje 8 afvises: Navn mangler");
    let english = import::describe_plan(&plan, Lang::En);
    assert_eq!(english[6], "Line 8 is rejected: Name is missing");
    assert_eq!(
        plan.summary(Lang::Da),
        "5 oprettes, 0 opdateres, 0 er uændrede, 2 afvises"
    );
    assert!(store.is_empty().unwrap(), "a dry run writes nothing");
}

#[test]
fn an_imported_list_is_on_disk_with_danish_letters_links_and_a_timeline() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = open(dir.path());
        let (_, written) = import_bytes(&store, &std::fs::read(EXAMPLE).unwrap());
        assert_eq!(written.len(), 5);
    }
    // Reopened: everything the file said is there, as typed in Excel.
    let store = open(dir.path());
    let all = cases(&store);
    assert_eq!(all.len(), 5);
    let aase = by_name(&all, "Åse Kjær Lund");
    assert_eq!(aase.student.unit, "Team 2; aften");
    assert_eq!(aase.student.employer, "Varde Kommune");
    assert_eq!(
        aase.student.expected_end,
        NaiveDate::from_ymd_opt(2027, 3, 20).unwrap()
    );
    let book = store.organisations().unwrap();
    let varde = book.iter().find(|o| o.name == "Varde Kommune").unwrap();
    assert_eq!(
        aase.student.employer_org,
        Some(varde.id),
        "the employing authority points into the address book, so its secure mail is known"
    );
    let fatima = by_name(&all, "Fatima Hassan");
    assert_eq!(fatima.student.status, StudentStatus::OnLeave);
    let soeren = by_name(&all, "Søren Ærø Bach");
    assert_eq!(soeren.student.focus_areas.len(), 2);
    let created = soeren
        .events
        .iter()
        .find(|e| matches!(e.kind, EventKind::Created))
        .expect("the timeline says the student was created");
    assert_eq!(created.by.name, "Bente Lund");
    assert!(
        all.iter().all(|c| c.student.name != "Jonas Brix"),
        "a rejected row is not imported"
    );
}

#[test]
fn importing_again_updates_only_what_changed_and_keeps_what_was_typed_in_fokus() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    import_bytes(&store, &std::fs::read(EXAMPLE).unwrap());
    let first = cases(&store);

    // A note typed in Fokus on one of Mads's focus areas.
    let mads = by_name(&first, "Mads Østergaard").clone();
    let mut edited = mads.student.clone();
    edited.focus_areas[0].note = "Har brug for ro ved vagtskifte".into();
    let mut ids = store.ids();
    let change = fokus::domain::case::update_student(&mads, edited, &ctx(), &mut *ids);
    let mut after = mads.clone();
    after.apply(&change);
    store.commit(&change, &after).unwrap();

    // The same file again: nothing to do.
    let table = import::read_file(Path::new(EXAMPLE)).unwrap();
    let existing = import::existing_for(&store, &table).unwrap();
    let again = import::plan(&table, &existing, today());
    assert_eq!(again.counts().unchanged, 5);
    assert_eq!(again.counts().create, 0);

    // Saved again by another program: UTF-8, commas, English headings, Mads moved ward,
    // an empty unit cell for Søren and a name typed in lower case.
    let csv = "Name,Programme,Start,End,Workplace,Unit,Focus areas\n\
               mads  østergaard,EUX Velfærd,10-08-2026,30-06-2030,Psykiatrien Spangsbjerg,Afsnit P3,Psykisk\n\
               Søren Ærø Bach,SSA,05-01-2026,15-12-2027,Sydvestjysk Sygehus,,\"Sprogligt, Fagligt\"\n";
    let (plan, written) = import_bytes(&store, csv.as_bytes());
    assert_eq!(written.len(), 1);
    match &plan.rows[0] {
        RowPlan::Update { changes, .. } => assert_eq!(changes, &vec![Column::Unit]),
        other => panic!("Mads should be updated, not {other:?}"),
    }
    assert!(matches!(plan.rows[1], RowPlan::Unchanged { .. }));

    let store_cases = cases(&store);
    assert_eq!(store_cases.len(), 5, "no student is duplicated");

    // Another start date is another record, but the dry run says who has the name already.
    let csv = "Navn;Uddannelse;Startdato;Slutdato;Oplæringssted\n\
               Åse Kjær Lund;SSH;01-09-2026;20-03-2028;Plejecenter Kirkebakken\n";
    let table = import::read(csv.as_bytes()).unwrap();
    let existing = import::existing_for(&store, &table).unwrap();
    let plan = import::plan(&table, &existing, today());
    assert_eq!(
        import::describe_plan(&plan, Lang::Da),
        vec![
            "Linje 2: Åse Kjær Lund oprettes som ny elev – Fokus har allerede en elev med det \
             navn, startdato 02.02.2026. Er det samme person, så ret startdatoen i filen"
                .to_string()
        ]
    );
    let mads = by_name(&store_cases, "Mads Østergaard");
    assert_eq!(mads.student.unit, "Afsnit P3");
    assert_eq!(
        mads.student.focus_areas[0].note, "Har brug for ro ved vagtskifte",
        "a note written in Fokus survives an import"
    );
    let soeren = by_name(&store_cases, "Søren Ærø Bach");
    assert_eq!(
        soeren.student.unit, "Medicinsk afsnit M3",
        "an empty cell keeps what Fokus has"
    );
}

#[test]
fn windows_1252_utf8_with_and_without_bom_read_the_same() {
    let text = "Navn;Uddannelse;Startdato;Slutdato;Oplæringssted\r\n\
                Bjørn Ærtebølle;SSH;01.02.2026;01.03.2027;Plejecenter Åbo\r\n";
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    let mut seen = Vec::new();
    for (bytes, encoding) in [
        (cp1252(text), TextEncoding::Windows1252),
        (text.as_bytes().to_vec(), TextEncoding::Utf8),
        (bom, TextEncoding::Utf8Bom),
    ] {
        let table = import::read(&bytes).unwrap();
        assert_eq!(table.encoding, encoding);
        let plan = import::plan(&table, &[], today());
        match &plan.rows[..] {
            [RowPlan::Create { line, student, .. }] => {
                assert_eq!(*line, 2);
                seen.push((student.name.clone(), student.workplace.clone()));
            }
            other => panic!("{encoding:?}: {other:?}"),
        }
    }
    assert!(
        seen.iter()
            .all(|s| *s == ("Bjørn Ærtebølle".into(), "Plejecenter Åbo".into()))
    );
}

#[test]
fn cpr_numbers_never_reach_the_database_or_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let csv = "Navn;CPR-nr.;Uddannelse;Startdato;Slutdato;Oplæringssted;Afdeling;Note\n\
               Ida Holm;120399-1234;SSH;01-02-2026;01-03-2027;Plejecenter Vejen;Afsnit 2;230498-4321\n\
               Ole Bak;110298-2345;SSA;01-02-2026;01-03-2027;Plejecenter Vejen;050697-1111;\n";
    let table = import::read(csv.as_bytes()).unwrap();
    let plan = import::plan(&table, &[], today());
    assert!(
        plan.notes
            .iter()
            .any(|n| matches!(n, Reason::CprColumn { column: 2, .. }))
    );
    assert!(
        plan.notes
            .iter()
            .any(|n| matches!(n, Reason::CprColumn { column: 8, .. })),
        "an unknown column holding CPR numbers is not read either"
    );
    match &plan.rows[1] {
        RowPlan::Rejected { line: 3, reasons } => {
            assert_eq!(reasons, &vec![Reason::CprValue(Column::Unit)]);
        }
        other => panic!("Ole's row has a CPR number as unit: {other:?}"),
    }
    let said = [Lang::Da, Lang::En]
        .iter()
        .flat_map(|l| import::describe_plan(&plan, *l))
        .collect::<Vec<_>>()
        .join("\n");
    for digits in ["120399", "230498", "110298", "050697"] {
        assert!(!said.contains(digits), "{digits} shown in: {said}");
    }
    let written = import::commit_plan(&store, &plan, &ctx(), &mut |_, _| {}).unwrap();
    assert_eq!(written.len(), 1);
    drop(store);
    for digits in ["120399", "230498", "110298", "050697"] {
        assert!(
            support::holding(dir.path(), digits.as_bytes()).is_empty(),
            "{digits} is in the database files"
        );
    }
}

#[test]
fn files_that_cannot_be_imported_say_why_in_danish() {
    let err = |bytes: &[u8]| import::read(bytes).unwrap_err().message(Lang::Da);
    assert!(err(b"").starts_with("Filen er tom"));
    assert!(err(b"PK\x03\x04 rest of a workbook").contains("CSV (semikolonsepareret)"));
    let missing = err("Navn;Startdato\nAnna;01.01.2026\n".as_bytes());
    assert!(
        missing.contains("Uddannelse") && missing.contains("Oplæringssted"),
        "{missing}"
    );
    let twice = import::read("Navn;Elev;Uddannelse\n".as_bytes()).unwrap_err();
    assert!(matches!(
        twice,
        ImportError::DuplicateColumn {
            first: 1,
            second: 2,
            ..
        }
    ));
    let gone = import::read_file(Path::new("/no/such/folder/elever.csv")).unwrap_err();
    assert_eq!(
        gone.message(Lang::Da),
        "/no/such/folder/elever.csv kan ikke åbnes: filen findes ikke"
    );
    let dir = tempfile::tempdir().unwrap();
    let folder = import::read_file(dir.path()).unwrap_err().message(Lang::Da);
    assert!(folder.ends_with("det er en mappe, ikke en fil"), "{folder}");
}

#[test]
fn a_path_dropped_into_the_terminal_in_quotes_is_understood() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("elever med mellemrum.csv");
    std::fs::copy(EXAMPLE, &path).unwrap();
    for typed in [
        format!("'{}'", path.display()),
        format!("\"{}\"", path.display()),
        format!("  {}  ", path.display()),
    ] {
        let table = import::read_file(Path::new(&typed)).unwrap();
        assert_eq!(table.rows.len(), 7, "{typed}");
    }
}

/// A store that counts how it is written to, passing everything on to sled.
struct Counting<'a> {
    inner: &'a SledStore,
    commits: Cell<usize>,
    many: Cell<usize>,
    /// The `commit_many` (counting from 1) that fails as on a full disk, if any.
    fail_at: Option<usize>,
}

impl<'a> Counting<'a> {
    fn new(inner: &'a SledStore) -> Counting<'a> {
        Counting {
            inner,
            commits: Cell::new(0),
            many: Cell::new(0),
            fail_at: None,
        }
    }
}

impl Store for Counting<'_> {
    fn summaries(&self) -> Result<Vec<fokus::domain::StudentSummary>, StoreError> {
        self.inner.summaries()
    }
    fn due_items(
        &self,
        after: Option<&fokus::domain::reminders::DueItem>,
        last: NaiveDate,
        limit: usize,
    ) -> Result<Vec<fokus::domain::reminders::DueItem>, StoreError> {
        self.inner.due_items(after, last, limit)
    }
    fn summary(
        &self,
        id: fokus::domain::StudentId,
    ) -> Result<Option<fokus::domain::StudentSummary>, StoreError> {
        self.inner.summary(id)
    }
    fn load_case(&self, id: fokus::domain::StudentId) -> Result<Case, StoreError> {
        self.inner.load_case(id)
    }
    fn commit(&self, change: &CaseChange, after: &Case) -> Result<(), StoreError> {
        self.commits.set(self.commits.get() + 1);
        self.inner.commit(change, after)
    }
    fn mark(
        &self,
        key: &fokus::domain::reminders::ReminderKey,
    ) -> Result<Option<fokus::domain::reminders::Mark>, StoreError> {
        self.inner.mark(key)
    }
    fn set_mark(
        &self,
        key: &fokus::domain::reminders::ReminderKey,
        mark: fokus::domain::reminders::Mark,
    ) -> Result<(), StoreError> {
        self.inner.set_mark(key, mark)
    }
    fn ids(&self) -> Box<dyn fokus::store::StoreIds + '_> {
        self.inner.ids()
    }
    fn sealing(&self) -> fokus::store::codec::Sealing {
        self.inner.sealing()
    }
    fn is_empty(&self) -> Result<bool, StoreError> {
        self.inner.is_empty()
    }
    fn organisations(&self) -> Result<Vec<fokus::domain::Organisation>, StoreError> {
        self.inner.organisations()
    }
    fn save_organisation(&self, org: &fokus::domain::Organisation) -> Result<(), StoreError> {
        self.inner.save_organisation(org)
    }
    fn remove_organisation(&self, id: fokus::domain::OrgId) -> Result<(), StoreError> {
        self.inner.remove_organisation(id)
    }
    fn erase_student(
        &self,
        case: &Case,
        receipt: &fokus::domain::Receipt,
    ) -> Result<(), StoreError> {
        self.inner.erase_student(case, receipt)
    }
    fn receipts(&self) -> Result<Vec<fokus::domain::Receipt>, StoreError> {
        self.inner.receipts()
    }
    fn note_files(&self, files: &[fokus::domain::WrittenFile]) -> Result<(), StoreError> {
        self.inner.note_files(files)
    }
    fn written_files(&self) -> Result<Vec<fokus::domain::WrittenFile>, StoreError> {
        self.inner.written_files()
    }
    fn commit_many(&self, cases: &[(&CaseChange, &Case)]) -> Result<(), StoreError> {
        self.many.set(self.many.get() + 1);
        if self.fail_at == Some(self.many.get()) {
            return Err(StoreError::Engine(sled::Error::Io(std::io::Error::from(
                std::io::ErrorKind::StorageFull,
            ))));
        }
        self.inner.commit_many(cases)
    }
}

#[test]
fn a_short_list_is_one_commit_for_all_its_students() {
    let dir = tempfile::tempdir().unwrap();
    let sled = open(dir.path());
    let store = Counting::new(&sled);
    let table = import::read_file(Path::new(EXAMPLE)).unwrap();
    let plan = import::plan(&table, &[], today());
    let mut heard = Vec::new();
    let written = import::commit_plan(&store, &plan, &ctx(), &mut |done, of| {
        heard.push((done, of))
    })
    .unwrap();
    assert_eq!(written.len(), 5);
    assert_eq!((store.commits.get(), store.many.get()), (0, 1));
    assert_eq!(heard, vec![(5, 5)]);
}

#[test]
fn a_long_list_is_written_in_commits_and_a_stopped_import_is_finished_by_importing_again() {
    const STUDENTS: usize = 1200;
    let dir = tempfile::tempdir().unwrap();
    let sled = open(dir.path());
    let bytes = big_list(STUDENTS);
    let table = import::read(&bytes).unwrap();
    let plan = import::plan(&table, &[], today());

    // The disk fills up during the second commit: the first stands, the rest is not
    // written, and the caller learns both.
    let mut store = Counting::new(&sled);
    store.fail_at = Some(2);
    let mut heard = Vec::new();
    let stopped = import::commit_plan(&store, &plan, &ctx(), &mut |done, of| {
        heard.push((done, of))
    })
    .unwrap_err();
    assert_eq!(heard, vec![(import::ROWS_PER_COMMIT, STUDENTS)]);
    assert_eq!(stopped.written.len(), import::ROWS_PER_COMMIT);
    assert!(matches!(stopped.error, StoreError::Engine(_)));
    assert_eq!(sled.summaries().unwrap().len(), import::ROWS_PER_COMMIT);

    // Importing the same list again finds those unchanged and writes the rest.
    let store = Counting::new(&sled);
    let existing = import::existing_for(&store, &table).unwrap();
    let again = import::plan(&table, &existing, today());
    let counts = again.counts();
    assert_eq!(
        (counts.create, counts.unchanged),
        (STUDENTS - import::ROWS_PER_COMMIT, import::ROWS_PER_COMMIT)
    );
    let mut heard = Vec::new();
    let written = import::commit_plan(&store, &again, &ctx(), &mut |done, of| {
        heard.push((done, of))
    })
    .unwrap();
    assert_eq!(written.len(), STUDENTS - import::ROWS_PER_COMMIT);
    assert_eq!(heard, vec![(500, 700), (700, 700)]);
    assert_eq!(store.many.get(), 2);
    let names: std::collections::HashSet<String> = sled
        .summaries()
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names.len(), STUDENTS, "every student once, none twice");
}

/// A list of `n` students, each name unique, as Danish Excel saves it.
fn big_list(n: usize) -> Vec<u8> {
    let mut text = String::from("Navn;Uddannelse;Startdato;Slutdato;Oplæringssted;Afdeling\r\n");
    for i in 0..n {
        text.push_str(&format!(
            "Elev Nummer {i:05} Ærø;SSA;01-02-2026;01-03-2027;Plejecenter Øst;Gang {}\r\n",
            i % 7
        ));
    }
    cp1252(&text)
}

#[test]
fn an_import_killed_while_it_writes_leaves_whole_commits_and_importing_again_finishes_it() {
    const STUDENTS: usize = 1500;
    let sandbox = Sandbox::new();
    let file = sandbox.root.path().join("stor-liste.csv");
    std::fs::write(&file, big_list(STUDENTS)).unwrap();

    // How long a whole import takes here, to spread the kills over it.
    let probe = Sandbox::new();
    let started = Instant::now();
    let out = probe.run(["import".as_ref(), file.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let whole = started.elapsed();

    // The commits are at the end of the run, so the kills fall from 40 % of its time to
    // 20 % past it. A kill leaves whole commits only, and importing again finishes.
    const KILLS: u32 = 16;
    let mut outcomes = std::collections::BTreeMap::new();
    for step in 0..KILLS {
        if sandbox.db.exists() {
            std::fs::remove_dir_all(&sandbox.db).unwrap();
        }
        let mut child = sandbox
            .command(["import".as_ref(), file.as_os_str()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(whole.mul_f64(0.4 + 0.8 * f64::from(step) / f64::from(KILLS)));
        // SIGKILL: no destructor, no flush, as when the machine loses power.
        let _ = child.kill();
        child.wait().unwrap();
        let n = if sandbox.db.exists() {
            count(&sandbox)
        } else {
            0
        };
        assert_eq!(
            n % fokus::import::ROWS_PER_COMMIT,
            0,
            "killed at step {step}: {n} of {STUDENTS} students were imported, part of a commit"
        );
        *outcomes.entry(n).or_insert(0) += 1;
        if n > 0 && n < STUDENTS {
            let out = sandbox.run(["import".as_ref(), file.as_os_str()]);
            assert!(out.status.success());
            assert_eq!(
                count(&sandbox),
                STUDENTS,
                "importing again finishes the list"
            );
        }
    }
    eprintln!(
        "import of {STUDENTS} students took {whole:?}; killed {KILLS} times, students left \
         (count × kills): {outcomes:?}"
    );
}

/// How many students `fokus students` lists in the sandbox's database.
fn count(sandbox: &Sandbox) -> usize {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let out = sandbox.run(["students"]);
        if out.status.success() {
            return String::from_utf8_lossy(&out.stdout).lines().count();
        }
        // The killed process's lock is released by the kernel; retry briefly if not yet.
        assert!(
            Instant::now() < deadline,
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn fokus_import_on_the_command_line_dry_runs_then_writes() {
    let sandbox = Sandbox::new();
    let dry = sandbox.run(["import", "--dry-run", EXAMPLE]);
    assert!(dry.status.success());
    let said = String::from_utf8_lossy(&dry.stdout);
    assert!(
        said.contains("Læst som Windows-1252, semikolonsepareret, 7 rækker"),
        "{said}"
    );
    assert!(said.contains("Linje 7 afvises: Startdato: datoen \"31-02-2026\" findes ikke"));
    assert!(said.contains("Prøvekørsel: intet er skrevet."));
    let listed = sandbox.run(["students"]);
    assert_eq!(String::from_utf8_lossy(&listed.stdout).lines().count(), 0);

    let real = sandbox.run(["--lang", "en", "import", EXAMPLE]);
    assert!(real.status.success());
    let said = String::from_utf8_lossy(&real.stdout);
    assert!(
        said.contains("Line 8 is rejected: Name is missing"),
        "{said}"
    );
    assert!(said.contains("5 students imported or updated. 2 rows were rejected"));
    let listed = String::from_utf8_lossy(&sandbox.run(["students"]).stdout).to_string();
    assert_eq!(listed.lines().count(), 5);
    assert!(listed.contains("Åse Kjær Lund"));

    let missing = sandbox.run(["import", "ingen-fil.csv"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("filen findes ikke"));
}

#[test]
fn school_periods_come_from_the_same_list_and_move_the_trial_periods_end() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let csv = "Navn;Uddannelse;Startdato;Slutdato;Oplæringssted;Skoleperioder\n\
               Lærke Holm;SSA;01-02-2027;20-03-2029;Plejecenter Kirkebakken;\
               \"03.05.2027-09.05.2027; 01.03.2027-14.03.2027\"\n\
               Bo Dahl;SSH;01-02-2027;20-03-2028;Plejecenter Kirkebakken;\n";
    let (plan, written) = import_bytes(&store, csv.as_bytes());
    assert_eq!(written.len(), 2, "{:?}", plan.rows);
    let all = cases(&store);
    let laerke = &by_name(&all, "Lærke Holm").student;
    let day = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
    assert_eq!(laerke.school_periods.len(), 2);
    // 89 workplace days from 1 February, 14 + 7 days of school in between.
    assert_eq!(laerke.trial_end(), day(5, 21));
    assert_eq!(by_name(&all, "Bo Dahl").student.trial_end(), day(4, 30));

    // Changed periods in a later list update the student; a period that cannot be read
    // rejects the line and says how to write it.
    let csv = "Navn;Uddannelse;Startdato;Slutdato;Oplæringssted;Skoleperioder\n\
               Lærke Holm;SSA;01-02-2027;20-03-2029;Plejecenter Kirkebakken;01.03.2027-14.03.2027\n\
               Bo Dahl;SSH;01-02-2027;20-03-2028;Plejecenter Kirkebakken;marts\n";
    let table = import::read(csv.as_bytes()).unwrap();
    let existing = import::existing_for(&store, &table).unwrap();
    let plan = import::plan(&table, &existing, today());
    match &plan.rows[0] {
        RowPlan::Update { changes, .. } => assert_eq!(changes, &vec![Column::SchoolPeriods]),
        other => panic!("Lærke should be updated, not {other:?}"),
    }
    let said = import::describe_plan(&plan, Lang::Da).join("\n");
    assert!(
        said.contains("Skoleperioderne »marts« kan ikke læses"),
        "{said}"
    );
}
