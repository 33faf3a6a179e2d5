//! The application loop on a real database without a terminal: keys go through the
//! keymap, `update` and the runner's effects into sled, and back onto a `TestBackend`.

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fokus::app::{App, Msg, Pane};
use fokus::domain::{ConversationState, Level};
use fokus::i18n::Lang;
use fokus::keymap::Keymap;
use fokus::runner::{Input, Runner};
use fokus::store::{self, SledStore, Store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::os::unix::fs::PermissionsExt;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

/// A database of the demo data on the test's day, opened again as Fokus would find it.
fn demo_database() -> (tempfile::TempDir, SledStore) {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = SledStore::open(dir.path()).unwrap();
        fokus::demo::fill(&store, now().date()).unwrap();
    }
    let store = SledStore::open(dir.path()).unwrap();
    (dir, store)
}

/// The application at startup on `store`'s reminders, with `summaries` in the student list.
fn new_app(store: &dyn Store, summaries: Vec<fokus::domain::StudentSummary>) -> App {
    let reminders = store::current_reminders(store, now().date(), 7).unwrap();
    App::new(
        Lang::Da,
        now(),
        fokus::domain::Actor::new(
            "Hanne Krogh",
            fokus::domain::Role::EducationOfficer,
            "hanne",
        ),
        7,
        summaries,
        reminders,
    )
}

fn start(store: &dyn Store) -> Runner<'_> {
    let app = new_app(store, store.summaries().unwrap());
    let mut runner = Runner::new(app, Keymap::builtin().0, store);
    let first = fokus::app::update::initial_effects(&runner.app);
    runner.run(first);
    runner
}

fn key(r: &mut Runner, code: KeyCode) {
    r.dispatch_input(Input::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ctrl(r: &mut Runner, c: char) {
    r.dispatch_input(Input::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

fn type_text(r: &mut Runner, text: &str) {
    for c in text.chars() {
        key(r, KeyCode::Char(c));
    }
}

fn screen(r: &Runner) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 45)).unwrap();
    terminal
        .draw(|f| fokus::ui::render_screen(f, &r.app, &r.keymap, r.lock_screen()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Tabs to the field whose label starts the line, as a user reading the screen would.
fn tab_to(r: &mut Runner, label: &str) {
    for _ in 0..40 {
        let focused = match r.app.modal() {
            Some(fokus::app::Modal::Conversation(e)) => e
                .form
                .focused()
                .map(|f| fokus::i18n::field_label(Lang::Da, f.id)),
            _ => None,
        };
        if focused.as_deref() == Some(label) {
            return;
        }
        key(r, KeyCode::Tab);
    }
    panic!("no field {label}:\n{}", screen(r));
}

#[test]
fn a_whole_type_1_conversation_then_escalation_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = SledStore::open(dir.path()).unwrap();
        fokus::demo::fill(&store, now().date()).unwrap();
    }
    let student_name = "Clara Munk";
    {
        let store = SledStore::open(dir.path()).unwrap();
        let mut r = start(&store);
        assert_eq!(r.app.pane, Pane::Reminders);
        assert!(screen(&r).contains("overskredet"));

        key(&mut r, KeyCode::Char('2'));
        key(&mut r, KeyCode::Char('/'));
        type_text(&mut r, "clara");
        key(&mut r, KeyCode::Enter);
        assert_eq!(r.app.pane, Pane::Timeline);
        assert!(screen(&r).contains(student_name));

        // Clara's planned conversation is two weeks out; plan one for today instead.
        key(&mut r, KeyCode::Char('s'));
        assert!(screen(&r).contains("Type 1-samtale"));
        for _ in 0..10 {
            key(&mut r, KeyCode::Backspace);
        }
        type_text(&mut r, "+0");
        tab_to(&mut r, "Formål og behov");
        type_text(&mut r, "Clara forstår ikke altid instrukser på dansk.");
        assert!(
            screen(&r).contains("Afholdt"),
            "writing minutes marks it held"
        );

        ctrl(&mut r, 'f');
        let refused = screen(&r);
        assert!(
            refused.contains("Referatet kan ikke godkendes endnu"),
            "{refused}"
        );
        assert!(refused.contains("Mindst én skriftlig aftale"));
        assert!(refused.contains("Fremmøde: kryds af, hvem der deltog"));
        key(&mut r, KeyCode::Esc);

        // Attendance is ticked now that the meeting is held; nobody was pre-ticked.
        for role in ["Elev", "Oplæringsvejleder", "Uddannelsesansvarlig"] {
            tab_to(&mut r, role);
            ctrl(&mut r, 't');
        }
        tab_to(&mut r, "Oplæringsstedet sikrer");
        type_text(&mut r, "Vejleder bruger billedstøtte ved instruktion.");
        tab_to(&mut r, "Eleven forpligter sig til");
        type_text(&mut r, "Clara spørger, når noget er uklart.");
        ctrl(&mut r, 'a');
        type_text(&mut r, "Clara fører en ordliste");
        ctrl(&mut r, 's');
        tab_to(&mut r, "Opfølgende samtale d.");
        type_text(&mut r, "+14");
        // The minutes decide type 2 next: that escalates the case when they are finalized.
        tab_to(&mut r, "Næste samtale er");
        key(&mut r, KeyCode::Char(' '));
        key(&mut r, KeyCode::Char(' '));
        tab_to(&mut r, "Begrundelse for typen");
        type_text(&mut r, "Sproget fylder fortsat ved opfølgningen");

        // Finalizing asks first and says what it does; the default answer goes back.
        ctrl(&mut r, 'f');
        let asked = screen(&r);
        assert!(asked.contains("Godkend og lås referatet?"), "{asked}");
        assert!(asked.contains("eskaleres fra type 1 til type 2"), "{asked}");
        // Clara's conversation already planned for that day becomes the type-2 one.
        assert!(asked.contains("bliver en type 2-samtale"), "{asked}");
        assert!(asked.contains("Referent: Ansættende myndighed"), "{asked}");
        key(&mut r, KeyCode::Enter);
        assert!(!screen(&r).contains("Godkendt"), "no answers no");
        ctrl(&mut r, 'f');
        key(&mut r, KeyCode::Down);
        key(&mut r, KeyCode::Enter);
        let done = screen(&r);
        assert!(done.contains("Referatet er godkendt og låst."), "{done}");
        assert!(done.contains("Næste samtale: type 2"), "{done}");
        assert!(done.contains("Clara Munk · Type 2"), "{done}");
        key(&mut r, KeyCode::Char('q'));
        assert!(r.app.quit);
    }
    let store = SledStore::open(dir.path()).unwrap();
    let summary = store
        .summaries()
        .unwrap()
        .into_iter()
        .find(|s| s.name == student_name)
        .unwrap();
    assert_eq!(summary.level, Level::Two);
    let case = store.load_case(summary.id).unwrap();
    let finalized = case
        .conversations
        .iter()
        .find(|c| c.date() == now().date() && c.level == Level::One)
        .unwrap();
    assert!(matches!(
        finalized.state,
        ConversationState::Finalized { .. }
    ));
    assert_eq!(
        finalized.minutes.learning_needs,
        "Clara forstår ikke altid instrukser på dansk."
    );
    assert_eq!(case.agreements_made_in(finalized.id).len(), 1);
    let follow_up = now().date() + chrono::Duration::days(14);
    let next = case
        .conversations
        .iter()
        .find(|c| c.level == Level::Two && c.state == ConversationState::Planned)
        .expect("the type-2 conversation the minutes decided");
    assert_eq!(next.planned_at.date(), follow_up);
    assert_eq!(next.minute_taker, fokus::domain::Role::EmployingAuthority);
    assert_eq!(finalized.follow_up, Some(follow_up));
    assert!(case.events.iter().any(|e| matches!(
        &e.kind,
        fokus::domain::EventKind::Escalated { reason, .. }
            if reason == "Sproget fylder fortsat ved opfølgningen"
    )));
    assert!(
        case.events
            .iter()
            .all(|e| e.by.login == "hanne" || e.by.login == "demo")
    );

    let mut r = start(&store);
    key(&mut r, KeyCode::Char('2'));
    key(&mut r, KeyCode::Char('/'));
    type_text(&mut r, "clara");
    key(&mut r, KeyCode::Enter);
    let timeline = screen(&r);
    assert!(
        timeline.contains("Referat af type 1-samtale godkendt"),
        "{timeline}"
    );
    assert!(
        timeline.contains("Eskaleret fra type 1 til type 2"),
        "{timeline}"
    );
}

#[test]
fn a_save_that_fails_keeps_the_editor_and_everything_typed() {
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    fokus::demo::fill(&store, now().date()).unwrap();
    let mut r = start(&store);
    key(&mut r, KeyCode::Char('2'));
    key(&mut r, KeyCode::Char('n'));
    type_text(&mut r, "Åse Ørum");
    // Required fields are empty: the save is refused and the text stays.
    ctrl(&mut r, 's');
    let s = screen(&r);
    assert!(s.contains("Ret det markerede felt først."), "{s}");
    assert!(s.contains("Åse Ørum"));
    assert!(s.contains("Skal udfyldes"));
}

#[test]
fn quitting_with_unsaved_minutes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    fokus::demo::fill(&store, now().date()).unwrap();
    let mut r = start(&store);
    key(&mut r, KeyCode::Char('2'));
    key(&mut r, KeyCode::Char('/'));
    type_text(&mut r, "freja");
    key(&mut r, KeyCode::Enter);
    key(&mut r, KeyCode::Char('r'));
    tab_to(&mut r, "Formål og behov");
    type_text(&mut r, "q");
    ctrl(&mut r, 'q');
    assert!(!r.app.quit);
    assert!(screen(&r).contains("Der er ændringer, som ikke er gemt."));
    // The default answer saves, then quits.
    key(&mut r, KeyCode::Enter);
    assert!(r.app.quit);
    let id = r.app.case.as_ref().unwrap().case.id();
    let case = store.load_case(id).unwrap();
    assert!(
        case.conversations
            .iter()
            .any(|c| c.minutes.learning_needs.ends_with('q'))
    );
}

#[test]
fn an_unknown_key_says_so_in_danish() {
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    fokus::demo::fill(&store, now().date()).unwrap();
    let mut r = start(&store);
    key(&mut r, KeyCode::Char('z'));
    assert!(screen(&r).contains("Tasten z gør ikke noget her. Tryk ? for hjælp."));
}

fn start_with_journal<'s>(store: &'s SledStore, dir: &std::path::Path) -> Runner<'s> {
    let mut runner = start(store);
    let draft = fokus::store::journal::read::<fokus::app::draft::Draft>(
        dir,
        &fokus::store::codec::Sealing::plain(),
    )
    .unwrap();
    let existing = draft.is_some();
    if let Some(d) = draft {
        runner.app.offer_recovery(d);
    }
    runner.with_journal(dir.to_path_buf(), existing)
}

/// Types minutes into Freja's draft and leaves them unsaved in the journal, as a session
/// killed mid-meeting would.
fn leave_unsaved_minutes(dir: &std::path::Path, text: &str) {
    let store = SledStore::open(dir).unwrap();
    let mut r = start(&store).with_journal(dir.to_path_buf(), false);
    key(&mut r, KeyCode::Char('2'));
    key(&mut r, KeyCode::Char('/'));
    type_text(&mut r, "freja");
    key(&mut r, KeyCode::Enter);
    key(&mut r, KeyCode::Char('r'));
    tab_to(&mut r, "Formål og behov");
    type_text(&mut r, text);
    r.keep_journal(true);
    assert!(fokus::store::journal::path(dir).exists());
}

#[test]
fn unsaved_minutes_from_a_killed_session_are_offered_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = SledStore::open(dir.path()).unwrap();
        fokus::demo::fill(&store, now().date()).unwrap();
    }
    leave_unsaved_minutes(dir.path(), " Tilføjet under mødet.");
    let store = SledStore::open(dir.path()).unwrap();
    let mut r = start_with_journal(&store, dir.path());
    let offered = screen(&r);
    assert!(offered.contains("Tekst, der ikke blev gemt"), "{offered}");
    assert!(offered.contains("Freja Østergaard"));
    // Esc chooses nothing, so nothing is lost.
    key(&mut r, KeyCode::Esc);
    assert!(screen(&r).contains("Gendan i editoren"));
    key(&mut r, KeyCode::Enter);
    let restored = screen(&r);
    assert!(restored.contains("Tilføjet under mødet."), "{restored}");
    assert!(restored.contains("Teksten er gendannet"));
    ctrl(&mut r, 's');
    r.keep_journal(true);
    assert!(
        !fokus::store::journal::path(dir.path()).exists(),
        "the journal goes once the minutes are saved"
    );
    let id = r.app.case.as_ref().unwrap().case.id();
    let case = store.load_case(id).unwrap();
    assert!(
        case.conversations
            .iter()
            .any(|c| c.minutes.learning_needs.ends_with("Tilføjet under mødet."))
    );
}

#[test]
fn discarding_recovered_text_asks_twice_and_only_then_deletes_it() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = SledStore::open(dir.path()).unwrap();
        fokus::demo::fill(&store, now().date()).unwrap();
    }
    leave_unsaved_minutes(dir.path(), " Må ikke forsvinde.");
    let store = SledStore::open(dir.path()).unwrap();
    let mut r = start_with_journal(&store, dir.path());
    key(&mut r, KeyCode::Down);
    key(&mut r, KeyCode::Enter);
    assert!(screen(&r).contains("Kassér teksten?"));
    // "No, keep it" is the default answer and goes back to the first question.
    key(&mut r, KeyCode::Enter);
    assert!(screen(&r).contains("Gendan i editoren"));
    assert!(fokus::store::journal::path(dir.path()).exists());
    key(&mut r, KeyCode::Down);
    key(&mut r, KeyCode::Enter);
    key(&mut r, KeyCode::Down);
    key(&mut r, KeyCode::Enter);
    assert!(screen(&r).contains("Teksten er kasseret."));
    assert!(!fokus::store::journal::path(dir.path()).exists());
}

/// A wall clock a test moves by hand, in seconds.
fn hand_clock() -> (
    std::sync::Arc<std::sync::atomic::AtomicU64>,
    fokus::runner::WallClock,
) {
    use std::sync::atomic::{AtomicU64, Ordering};
    let secs = std::sync::Arc::new(AtomicU64::new(1_800_000_000));
    let read = std::sync::Arc::clone(&secs);
    let clock = Box::new(move || {
        std::time::SystemTime::UNIX_EPOCH
            + std::time::Duration::from_secs(read.load(Ordering::SeqCst))
    });
    (secs, clock)
}

/// Locks after ten minutes; "rigtig" is the passphrase.
fn ten_minute_lock() -> Option<fokus::runner::IdleLock> {
    fokus::runner::IdleLock::after(
        Some(std::time::Duration::from_secs(600)),
        Box::new(|typed: &str| typed == "rigtig"),
    )
}

#[test]
fn idle_minutes_are_journaled_hidden_by_the_lock_and_back_as_they_were_after_unlocking() {
    use std::sync::atomic::Ordering;
    let (dir, store) = demo_database();
    let (secs, clock) = hand_clock();
    let mut r = start(&store)
        .with_journal(dir.path().to_path_buf(), false)
        .with_idle_lock_on(ten_minute_lock(), clock);
    key(&mut r, KeyCode::Char('2'));
    key(&mut r, KeyCode::Char('/'));
    type_text(&mut r, "freja");
    key(&mut r, KeyCode::Enter);
    key(&mut r, KeyCode::Char('r'));
    tab_to(&mut r, "Formål og behov");
    type_text(&mut r, " Skrevet før låsen.");
    let before = screen(&r);
    assert!(before.contains("Skrevet før låsen."), "{before}");

    secs.fetch_add(599, Ordering::SeqCst);
    r.tick(now());
    assert!(!r.locked(), "not a second early");
    secs.fetch_add(1, Ordering::SeqCst);
    assert!(r.tick(now()), "the screen changed");
    assert!(r.locked());
    let journaled = fokus::store::journal::read::<fokus::app::draft::Draft>(
        dir.path(),
        &fokus::store::codec::Sealing::plain(),
    )
    .unwrap()
    .expect("the journal is written on locking");
    assert!(format!("{journaled:?}").contains("Skrevet før låsen."));
    let locked = screen(&r);
    assert!(locked.contains("Skærmen er låst."), "{locked}");
    assert!(
        !locked.contains("Freja") && !locked.contains("Skrevet"),
        "{locked}"
    );

    // Keys go to the lock screen, not the editor; a wrong passphrase keeps it locked.
    type_text(&mut r, "forkert");
    key(&mut r, KeyCode::Enter);
    assert!(r.locked());
    assert!(screen(&r).contains("Forkert adgangssætning."));
    type_text(&mut r, "rigtig");
    key(&mut r, KeyCode::Enter);
    assert!(!r.locked());
    assert_eq!(screen(&r), before, "the same editor, text and field");
    // The cursor is where it was: typing goes on at the end of the text.
    type_text(&mut r, " Og efter.");
    assert!(screen(&r).contains("Skrevet før låsen. Og efter."));

    // A key starts the wait again; a suspended hour locks at the first tick after it.
    secs.fetch_add(300, Ordering::SeqCst);
    key(&mut r, KeyCode::Char('!'));
    secs.fetch_add(599, Ordering::SeqCst);
    r.tick(now());
    assert!(!r.locked());
    secs.fetch_add(3600, Ordering::SeqCst);
    r.tick(now());
    assert!(r.locked());
    // Ctrl-Q quits from the lock screen; the journal holds the text.
    assert!(!r.quitting());
    ctrl(&mut r, 'q');
    assert!(r.quitting());
    r.keep_journal(true);
    let journaled = fokus::store::journal::read::<fokus::app::draft::Draft>(
        dir.path(),
        &fokus::store::codec::Sealing::plain(),
    )
    .unwrap()
    .unwrap();
    assert!(format!("{journaled:?}").contains("Og efter.!"));
}

#[test]
fn without_an_idle_lock_the_screen_never_locks() {
    use std::sync::atomic::Ordering;
    let (_dir, store) = demo_database();
    let (secs, clock) = hand_clock();
    let mut r = start(&store).with_idle_lock_on(None, clock);
    secs.fetch_add(24 * 3600, Ordering::SeqCst);
    r.tick(now());
    assert!(!r.locked());
}

// ---------------------------------------------------------------------------------------
// Minutes out, addresses, student lists in, erasure: through the keys, into sled.

/// The application over `store` as `fokus` starts it, with the address book loaded and
/// files written to `exports`.
fn start_exporting<'s>(store: &'s SledStore, exports: &std::path::Path) -> Runner<'s> {
    let mut r = start(store).with_exports(fokus::runner::Exports {
        dir: exports.to_path_buf(),
        ics_full_names: false,
        document_initials: false,
    });
    r.app.address_book = store.organisations().unwrap();
    r
}

fn open_student(r: &mut Runner, name: &str) {
    key(r, KeyCode::Char('2'));
    key(r, KeyCode::Char('/'));
    type_text(r, name);
    key(r, KeyCode::Enter);
    assert_eq!(r.app.pane, Pane::Timeline, "{name} opens:\n{}", screen(r));
}

#[test]
fn ticking_the_distribution_is_recorded_with_who_and_when_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    {
        let store = SledStore::open(dir.path()).unwrap();
        fokus::demo::fill(&store, now().date()).unwrap();
    }
    {
        let store = SledStore::open(dir.path()).unwrap();
        let mut r = start_exporting(&store, exports.path());
        open_student(&mut r, "Amira");
        key(&mut r, KeyCode::Char('f'));
        let shown = screen(&r);
        assert!(shown.contains("Fordeling af referatet"), "{shown}");
        assert!(shown.contains("s-o-sikkerpost@esbjerg.dk"), "{shown}");
        // The school is the one recipient not yet ticked.
        let row = shown
            .lines()
            .find(|l| l.contains("[ ] SOSU Esbjerg"))
            .unwrap_or_else(|| panic!("the school is unticked:\n{shown}"));
        assert!(row.contains("ikke sendt"));
        for _ in 0..3 {
            key(&mut r, KeyCode::Down);
        }
        key(&mut r, KeyCode::Char(' '));
        let after = screen(&r);
        assert!(
            after
                .lines()
                .any(|l| l.contains("[✓] SOSU Esbjerg") && l.contains("sendt 23.11.2026 10:00")),
            "{after}"
        );

        key(&mut r, KeyCode::Char('c'));
        let copied = r
            .take_clipboard()
            .expect("the addresses go to the clipboard");
        assert!(copied.contains("s-o-sikkerpost@esbjerg.dk"), "{copied}");
    }
    let store = SledStore::open(dir.path()).unwrap();
    let amira = store
        .summaries()
        .unwrap()
        .into_iter()
        .find(|s| s.name == "Amira Hassan")
        .unwrap();
    let case = store.load_case(amira.id).unwrap();
    let noted = case
        .events
        .iter()
        .rev()
        .find(|e| matches!(e.kind, fokus::domain::EventKind::DistributionMarked { .. }));
    let noted = noted.expect("the tick is on the timeline");
    assert_eq!((noted.by.name.as_str(), noted.at), ("Hanne Krogh", now()));
}

#[test]
fn minutes_exported_from_the_timeline_are_a_pdf_and_markdown_in_the_export_folder() {
    let dir = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    fokus::demo::fill(&store, now().date()).unwrap();
    let mut r = start_exporting(&store, exports.path());
    open_student(&mut r, "Amira");
    key(&mut r, KeyCode::Char('p'));
    let shown = screen(&r);
    assert!(shown.contains("Filerne er skrevet"), "{shown}");
    let mut names: Vec<String> = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names[0].starts_with("2026-11-03_type1_AH_"),
        "date, type and initials, never the name: {names:?}"
    );
    let mode = std::fs::metadata(exports.path().join(&names[1]))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(
        mode & 0o777,
        0o600,
        "minutes are readable by the owner only"
    );
    assert!(
        names[0].ends_with(".md") && names[1].ends_with(".pdf"),
        "{names:?}"
    );
    let pdf = std::fs::read(exports.path().join(&names[1])).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(
        shown.contains(&names[1][..20]),
        "the paths are shown:\n{shown}"
    );
}

#[test]
fn an_address_filled_in_the_address_book_is_stored_and_used_for_distribution() {
    let dir = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    {
        let store = SledStore::open(dir.path()).unwrap();
        fokus::demo::fill(&store, now().date()).unwrap();
        let mut r = start_exporting(&store, exports.path());
        key(&mut r, KeyCode::F(4));
        assert!(screen(&r).contains("Adressebog"));
        let at = r
            .app
            .address_book
            .iter()
            .position(|o| o.name == "SOSU Esbjerg")
            .unwrap();
        for _ in 0..at {
            key(&mut r, KeyCode::Down);
        }
        key(&mut r, KeyCode::Enter);
        assert!(screen(&r).contains("Ret SOSU Esbjerg"), "{}", screen(&r));
        key(&mut r, KeyCode::Tab);
        key(&mut r, KeyCode::Tab);
        type_text(&mut r, "sikkerpost@sosu-esbjerg");
        ctrl(&mut r, 's');
        assert!(
            screen(&r).contains("Skriv en e-mailadresse som navn@kommune.dk"),
            "an address without a dot after @ is questioned:\n{}",
            screen(&r)
        );
        let stored = store.organisations().unwrap();
        let school = stored.iter().find(|o| o.name == "SOSU Esbjerg").unwrap();
        assert_eq!(
            school.secure_mail, "",
            "nothing is saved while the address is wrong"
        );
        type_text(&mut r, ".dk");
        ctrl(&mut r, 's');
        let shown = screen(&r);
        assert!(shown.contains("Adressebogen er gemt."), "{shown}");
        assert!(shown.contains("sikkerpost@sosu-esbjerg.dk"), "{shown}");
    }
    let store = SledStore::open(dir.path()).unwrap();
    let book = store.organisations().unwrap();
    let school = book.iter().find(|o| o.name == "SOSU Esbjerg").unwrap();
    assert_eq!(school.secure_mail, "sikkerpost@sosu-esbjerg.dk");
    let mut r = start_exporting(&store, exports.path());
    open_student(&mut r, "Amira");
    key(&mut r, KeyCode::Char('f'));
    assert!(screen(&r).contains("sikkerpost@sosu-esbjerg.dk"));
}

#[test]
fn erasing_a_student_asks_for_the_name_and_a_wrong_name_erases_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    fokus::demo::fill(&store, now().date()).unwrap();
    let before = store.summaries().unwrap().len();
    let mut r = start_exporting(&store, exports.path());
    // A calendar written earlier holds her next meeting, under her initials.
    key(&mut r, KeyCode::Char('2'));
    key(&mut r, KeyCode::Char('K'));
    assert!(screen(&r).contains("fokus-kalender.ics"), "{}", screen(&r));
    key(&mut r, KeyCode::Enter);
    let calendar = exports.path().join("fokus-kalender.ics");
    assert!(
        std::fs::read_to_string(&calendar)
            .unwrap()
            .contains("samtale – CM")
    );
    open_student(&mut r, "Clara");
    key(&mut r, KeyCode::Char('D'));
    assert!(
        screen(&r).contains("Slet alt om Clara Munk"),
        "{}",
        screen(&r)
    );
    type_text(&mut r, "Clara");
    key(&mut r, KeyCode::Enter);
    assert!(screen(&r).contains("Navnet passer ikke. Intet er slettet."));
    assert_eq!(store.summaries().unwrap().len(), before);

    type_text(&mut r, " munk");
    key(&mut r, KeyCode::Enter);
    let shown = screen(&r);
    assert!(shown.contains("Eleven er slettet helt"), "{shown}");
    assert!(!shown.contains("Clara Munk"), "{shown}");
    assert_eq!(r.app.pane, Pane::Students);
    let left = store.summaries().unwrap();
    assert_eq!(left.len(), before - 1);
    assert!(left.iter().all(|s| s.name != "Clara Munk"));
    let receipts = store.receipts().unwrap();
    assert_eq!(receipts.len(), 1);
    assert_eq!(receipts[0].by.name, "Hanne Krogh");
    assert!(shown.contains(&receipts[0].id), "the receipt's id is shown");
    let rewritten = std::fs::read_to_string(&calendar).unwrap();
    assert!(
        rewritten.contains("BEGIN:VEVENT"),
        "the others' meetings stay"
    );
    assert!(
        !rewritten.contains("– CM"),
        "her meetings leave the calendar Fokus wrote"
    );
}

#[test]
fn erasing_in_the_app_shows_what_it_deleted_and_each_file_it_could_not_remove() {
    let dir = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    fokus::demo::fill(&store, now().date()).unwrap();
    let mut r = start_exporting(&store, exports.path());
    open_student(&mut r, "Clara Munk");
    key(&mut r, KeyCode::Right);
    key(&mut r, KeyCode::Char('p'));
    assert!(screen(&r).contains("Filerne er skrevet"), "{}", screen(&r));
    key(&mut r, KeyCode::Enter);
    key(&mut r, KeyCode::Left);
    let written: Vec<std::path::PathBuf> = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(written.len(), 2, "{written:?}");
    // The Markdown was sent on with a line added; the PDF is as Fokus wrote it.
    let md = written
        .iter()
        .find(|p| p.extension().unwrap() == "md")
        .unwrap();
    let pdf = written
        .iter()
        .find(|p| p.extension().unwrap() == "pdf")
        .unwrap();
    let mut text = std::fs::read_to_string(md).unwrap();
    text.push_str("\nSendt til skolen.\n");
    std::fs::write(md, text).unwrap();

    key(&mut r, KeyCode::Char('D'));
    type_text(&mut r, "Clara Munk");
    key(&mut r, KeyCode::Enter);
    let shown = screen(&r);
    assert!(shown.contains("Eleven er slettet"), "{shown}");
    assert!(shown.contains("men 1 fil(er) kunne"), "{shown}");
    let name = md.file_name().unwrap().to_string_lossy();
    assert!(
        shown.contains(name.as_ref()),
        "the changed file is named:\n{shown}"
    );
    assert!(shown.contains("– ændret, efter at Fokus"), "{shown}");
    assert!(
        shown.contains("Slettet: 1 fil(er) med dagsordener"),
        "{shown}"
    );
    assert!(!pdf.exists(), "the unchanged PDF is deleted");
    assert!(
        md.exists(),
        "the changed Markdown is the user's to deal with"
    );
    let receipts = store.receipts().unwrap();
    assert_eq!(receipts.len(), 1);
    assert_eq!(receipts[0].left.len(), 1);
    assert_eq!(receipts[0].left[0].path, std::fs::canonicalize(md).unwrap());
    assert_eq!(receipts[0].left[0].why, fokus::domain::LeftWhy::Changed);
    assert!(shown.contains(&receipts[0].id), "{shown}");
    key(&mut r, KeyCode::Enter);
    assert!(
        !screen(&r).contains("Ikke fjernet"),
        "Enter closes the list"
    );
    assert!(
        store.written_files().unwrap().is_empty(),
        "the register names her no more"
    );
}

/// A journal in `dir` holding an unsaved note `text` about `student`, as a killed
/// Fokus leaves it.
fn journal_about(dir: &std::path::Path, student: &fokus::domain::StudentSummary, text: &str) {
    use fokus::app::draft::{Draft, EditorDraft};
    let draft = Draft {
        written_at: now(),
        student: student.id,
        student_name: student.name.clone(),
        editors: vec![EditorDraft::Prompt {
            kind: fokus::app::dialogs::prompt::PromptKind::Note,
            student: student.id,
            text: text.into(),
        }],
    };
    fokus::store::journal::write(dir, &fokus::store::codec::Sealing::plain(), &draft).unwrap();
}

#[test]
fn erasing_in_the_app_takes_the_journals_about_the_student_and_leaves_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    fokus::demo::fill(&store, now().date()).unwrap();
    let all = store.summaries().unwrap();
    let clara = all.iter().find(|s| s.name == "Clara Munk").unwrap();
    let noah = all.iter().find(|s| s.name == "Noah Kristensen").unwrap();
    // An older journal of hers set aside as unreadable, one of Noah's set aside too, and
    // the journal left by the last session, about her.
    let journal = fokus::store::journal::path(dir.path());
    let aside = |name: &str| dir.path().join(format!("draft-unreadable-{name}.journal"));
    journal_about(dir.path(), clara, "Clara græd i pausen");
    std::fs::rename(&journal, aside("20261120-100000")).unwrap();
    journal_about(dir.path(), noah, "Noah var syg");
    std::fs::rename(&journal, aside("20261121-100000")).unwrap();
    journal_about(dir.path(), clara, "Clara har fået ny medicin");
    let mut r = start_exporting(&store, exports.path()).with_journal(dir.path().into(), true);
    open_student(&mut r, "Clara Munk");
    key(&mut r, KeyCode::Char('D'));
    type_text(&mut r, "Clara Munk");
    key(&mut r, KeyCode::Enter);
    let shown = screen(&r);
    assert!(
        shown.contains("Slettet: 2 kladde(r), der ikke var gemt."),
        "{shown}"
    );
    assert!(!journal.exists(), "her unsaved note is gone");
    assert!(
        !aside("20261120-100000").exists(),
        "so is the one set aside"
    );
    assert!(
        aside("20261121-100000").exists(),
        "Noah's unsaved text stays"
    );
}

#[test]
fn a_student_list_imported_in_the_app_is_previewed_then_written_in_one_go() {
    let dir = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/students.csv");
    let store = SledStore::open(dir.path()).unwrap();
    let mut r = start_exporting(&store, exports.path());
    key(&mut r, KeyCode::Char('2'));
    key(&mut r, KeyCode::Char('i'));
    type_text(&mut r, "/ingen/sådan/fil.csv");
    key(&mut r, KeyCode::Enter);
    assert!(
        screen(&r).contains("kan ikke åbnes: filen findes ikke"),
        "{}",
        screen(&r)
    );
    assert!(
        screen(&r).contains("/ingen/sådan/fil.csv"),
        "the prompt keeps the path to correct"
    );
    for _ in 0.."/ingen/sådan/fil.csv".chars().count() {
        key(&mut r, KeyCode::Backspace);
    }
    type_text(&mut r, example);
    key(&mut r, KeyCode::Enter);
    let preview = screen(&r);
    assert!(
        preview.contains("Læs elever ind: students.csv"),
        "{preview}"
    );
    assert!(
        preview.contains("Linje 8 afvises: Navn mangler"),
        "{preview}"
    );
    assert!(preview.contains("Enter: læs 5 elever ind"), "{preview}");

    key(&mut r, KeyCode::Esc);
    assert!(screen(&r).contains("Indlæsningen er fortrudt – intet er skrevet."));
    assert!(store.is_empty().unwrap());

    key(&mut r, KeyCode::Char('i'));
    type_text(&mut r, example);
    key(&mut r, KeyCode::Enter);
    key(&mut r, KeyCode::Enter);
    let shown = screen(&r);
    assert!(shown.contains("5 elever er læst ind"), "{shown}");
    assert!(shown.contains("Åse Kjær Lund"), "{shown}");
    assert_eq!(store.summaries().unwrap().len(), 5);
}

#[test]
fn slow_work_is_announced_on_screen_before_it_is_done() {
    let dir = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    fokus::demo::fill(&store, now().date()).unwrap();
    let mut r = start_exporting(&store, exports.path()).deferring_slow_work();
    key(&mut r, KeyCode::Char('2'));
    key(&mut r, KeyCode::Char('K'));
    assert!(screen(&r).contains("Skriver filerne – et øjeblik …"));
    assert!(r.has_deferred());
    let calendar = exports.path().join("fokus-kalender.ics");
    assert!(
        !calendar.exists(),
        "nothing is done before the screen says so"
    );
    r.run_deferred();
    assert!(calendar.exists());
    assert!(screen(&r).contains("Filerne er skrevet"));
    assert!(!r.has_deferred());
}

#[test]
fn an_agreement_is_closed_from_its_reminder_and_from_the_agreements_panel() {
    let (_dir, store) = demo_database();
    let mut r = start(&store);
    // The first agreement reminder: "done" asks whether it was met.
    let at = r
        .app
        .reminders
        .iter()
        .position(|x| x.item.kind == fokus::domain::reminders::DueKind::Agreement)
        .expect("the demo has agreement reminders");
    let reminder = r.app.reminders[at].item.clone();
    for _ in 0..at {
        key(&mut r, KeyCode::Down);
    }
    key(&mut r, KeyCode::Char('d'));
    let asked = screen(&r);
    assert!(asked.contains("Blev aftalen overholdt?"), "{asked}");
    assert!(asked.contains(&reminder.detail), "{asked}");
    key(&mut r, KeyCode::Down);
    key(&mut r, KeyCode::Enter);
    assert!(screen(&r).contains("Aftalen er registreret som ikke opfyldt."));
    assert!(
        !r.app.reminders.iter().any(|x| x.item == reminder),
        "the reminder went with the open agreement"
    );
    let case = store.load_case(reminder.student).unwrap();
    let agreement = case
        .agreements
        .iter()
        .find(|a| a.id.0 == reminder.subject)
        .unwrap();
    assert_eq!(agreement.status, fokus::domain::AgreementStatus::NotMet);
    assert!(case.events.iter().any(|e| matches!(
        &e.kind,
        fokus::domain::EventKind::AgreementResolved { agreement: a, .. } if *a == agreement.id
    )));

    // From the student's agreements panel: → → to Aftaler, d, Enter (met).
    open_student(&mut r, "Amira");
    key(&mut r, KeyCode::Right);
    key(&mut r, KeyCode::Right);
    let panel = screen(&r);
    assert!(panel.contains(" d  klaret"), "{panel}");
    let open_before = r
        .app
        .case
        .as_ref()
        .unwrap()
        .case
        .agreements
        .iter()
        .filter(|a| a.status == fokus::domain::AgreementStatus::Open)
        .count();
    key(&mut r, KeyCode::Char('d'));
    key(&mut r, KeyCode::Enter);
    assert!(screen(&r).contains("Aftalen er registreret som opfyldt."));
    let open_after = r
        .app
        .case
        .as_ref()
        .unwrap()
        .case
        .agreements
        .iter()
        .filter(|a| a.status == fokus::domain::AgreementStatus::Open)
        .count();
    assert_eq!(open_after + 1, open_before);
}

#[test]
fn the_panels_of_the_timeline_pane_are_reached_with_the_arrow_keys_and_act_on_their_selection() {
    let (_dir, store) = demo_database();
    let mut r = start(&store);
    open_student(&mut r, "Jonas");
    assert_eq!(
        r.app.case.as_ref().unwrap().panel,
        fokus::app::Panel::Events
    );
    key(&mut r, KeyCode::Right);
    assert_eq!(
        r.app.case.as_ref().unwrap().panel,
        fokus::app::Panel::Conversations
    );
    // The newest conversation first; Down selects the one before, Enter opens it.
    key(&mut r, KeyCode::Down);
    let wanted = r.app.case.as_ref().unwrap().conversations()[1].id;
    key(&mut r, KeyCode::Enter);
    match r.app.modal() {
        Some(fokus::app::Modal::Conversation(e)) => assert_eq!(e.id(), wanted),
        _ => panic!("the selected conversation opens:\n{}", screen(&r)),
    }
    key(&mut r, KeyCode::Esc);
    // Tab goes on through the agreements panel to the next pane.
    key(&mut r, KeyCode::Tab);
    assert_eq!(
        r.app.case.as_ref().unwrap().panel,
        fokus::app::Panel::Agreements
    );
    key(&mut r, KeyCode::Tab);
    assert_eq!(r.app.pane, Pane::Overview);
    key(&mut r, KeyCode::Tab);
    assert_eq!(r.app.pane, Pane::Reminders);
    key(&mut r, KeyCode::BackTab);
    assert_eq!(r.app.pane, Pane::Overview);
    key(&mut r, KeyCode::BackTab);
    assert_eq!(r.app.pane, Pane::Timeline);
    assert_eq!(
        r.app.case.as_ref().unwrap().panel,
        fokus::app::Panel::Agreements
    );
}

#[test]
fn esc_clears_the_filter_and_leaves_it_so_keys_go_to_the_list_again() {
    let (_dir, store) = demo_database();
    let mut r = start(&store);
    key(&mut r, KeyCode::Char('2'));
    key(&mut r, KeyCode::Char('/'));
    type_text(&mut r, "amira");
    assert!(screen(&r).contains("Filter: amira"));
    assert_eq!(r.app.students.visible.len(), 1);
    key(&mut r, KeyCode::Esc);
    assert!(!r.app.students.filtering);
    assert!(r.app.students.filter.is_empty());
    assert!(
        !screen(&r).contains("Filter:"),
        "no filter is shown when none applies"
    );
    assert_eq!(r.app.students.visible.len(), r.app.students.all.len());
    // j, 1 and q are keys again, not letters in the filter.
    let before = r.app.students.selected;
    key(&mut r, KeyCode::Char('j'));
    assert_eq!(r.app.students.selected, before + 1);
    assert!(r.app.students.filter.is_empty());
    key(&mut r, KeyCode::Char('1'));
    assert_eq!(r.app.pane, Pane::Reminders);
    key(&mut r, KeyCode::Char('q'));
    assert!(r.app.quit);
}

#[test]
fn ctrl_c_in_an_editor_copies_and_quitting_with_unsaved_text_always_asks() {
    let (_dir, store) = demo_database();
    let mut r = start(&store);
    open_student(&mut r, "Amira");
    key(&mut r, KeyCode::Char('b'));
    type_text(&mut r, "Ringede til eleven");
    ctrl(&mut r, 'c');
    assert!(!r.app.quit, "Ctrl-C in an editor does not quit");
    assert!(r.app.modal().is_some(), "the note is still open");
    assert_eq!(r.take_clipboard().as_deref(), Some("Ringede til eleven"));
    assert!(screen(&r).contains("Kopieret (18 tegn)"));
    ctrl(&mut r, 'q');
    assert!(!r.app.quit, "unsaved text: quitting asks first");
    assert!(screen(&r).contains("Ændringer er ikke gemt"));
    // Back to the note: nothing lost.
    key(&mut r, KeyCode::Esc);
    assert!(screen(&r).contains("Ringede til eleven"));
}

#[test]
fn a_date_typed_in_words_or_relative_shows_as_the_date_it_was_understood_after_saving() {
    let (_dir, store) = demo_database();
    let mut r = start(&store);
    open_student(&mut r, "Amira");
    key(&mut r, KeyCode::Char('s'));
    // The date field is selected as a whole: typing replaces the proposed date.
    type_text(&mut r, "i morgen");
    tab_to(&mut r, "Opfølgende samtale d.");
    type_text(&mut r, "+3u");
    ctrl(&mut r, 's');
    let shown = screen(&r);
    let date_line = shown.lines().find(|l| l.contains("│Dato ")).unwrap();
    assert!(date_line.contains("24.11.2026"), "{date_line}");
    assert!(!date_line.contains("i morgen"), "{date_line}");
    let follow = shown
        .lines()
        .find(|l| l.contains("Opfølgende samtale d."))
        .unwrap();
    assert!(follow.contains("14.12.2026"), "{follow}");
}

#[test]
fn organisation_fields_suggest_names_from_the_address_book_as_you_type() {
    let (_dir, store) = demo_database();
    let mut r = start(&store);
    r.app.address_book = store.organisations().unwrap();
    key(&mut r, KeyCode::Char('2'));
    key(&mut r, KeyCode::Char('n'));
    let focused = |r: &Runner| match r.app.modal() {
        Some(fokus::app::Modal::Student(e)) => e.form.focused().map(|f| f.id),
        _ => None,
    };
    for _ in 0..20 {
        if focused(&r) == Some(fokus::app::form::FieldId::Employer) {
            break;
        }
        key(&mut r, KeyCode::Tab);
    }
    type_text(&mut r, "ve");
    let shown = screen(&r);
    let line = shown
        .lines()
        .find(|l| l.contains("Fra adressebogen:"))
        .unwrap_or_else(|| panic!("suggestions shown:\n{shown}"));
    assert!(line.contains("Vejen Kommune"), "{line}");
    key(&mut r, KeyCode::Down);
    key(&mut r, KeyCode::Enter);
    match r.app.modal() {
        Some(fokus::app::Modal::Student(e)) => {
            assert_eq!(
                e.form.text(fokus::app::form::FieldId::Employer),
                "Vejen Kommune"
            );
            assert!(e.suggestions.is_empty());
            assert_ne!(
                e.form.focused().map(|f| f.id),
                Some(fokus::app::form::FieldId::Employer)
            );
        }
        _ => panic!("the student editor stays open"),
    }
}

/// The demo database behind a disk that has run full: every write fails as the
/// operating system says so; reading works. Fresh ids can be had, or not.
struct FullDisk<'a>(&'a SledStore, Ids);

#[derive(PartialEq)]
enum Ids {
    Given,
    Refused,
}

fn disk_full() -> fokus::store::StoreError {
    fokus::store::StoreError::Io {
        path: std::path::PathBuf::from("/data/fokus"),
        source: std::io::Error::from_raw_os_error(28),
    }
}

impl fokus::store::Store for FullDisk<'_> {
    fn summaries(&self) -> Result<Vec<fokus::domain::StudentSummary>, fokus::store::StoreError> {
        self.0.summaries()
    }
    fn due_items(
        &self,
        after: Option<&fokus::domain::reminders::DueItem>,
        last: NaiveDate,
        limit: usize,
    ) -> Result<Vec<fokus::domain::reminders::DueItem>, fokus::store::StoreError> {
        self.0.due_items(after, last, limit)
    }
    fn summary(
        &self,
        id: fokus::domain::StudentId,
    ) -> Result<Option<fokus::domain::StudentSummary>, fokus::store::StoreError> {
        self.0.summary(id)
    }
    fn load_case(
        &self,
        id: fokus::domain::StudentId,
    ) -> Result<fokus::domain::Case, fokus::store::StoreError> {
        self.0.load_case(id)
    }
    fn commit(
        &self,
        _: &fokus::domain::CaseChange,
        _: &fokus::domain::Case,
    ) -> Result<(), fokus::store::StoreError> {
        Err(disk_full())
    }
    fn mark(
        &self,
        key: &fokus::domain::reminders::ReminderKey,
    ) -> Result<Option<fokus::domain::reminders::Mark>, fokus::store::StoreError> {
        self.0.mark(key)
    }
    fn set_mark(
        &self,
        _: &fokus::domain::reminders::ReminderKey,
        _: fokus::domain::reminders::Mark,
    ) -> Result<(), fokus::store::StoreError> {
        Err(disk_full())
    }
    fn ids(&self) -> Box<dyn fokus::store::StoreIds + '_> {
        self.0.ids()
    }
    fn reserve_ids(&self, n: usize) -> Result<Vec<u64>, fokus::store::StoreError> {
        match self.1 {
            Ids::Given => self.0.reserve_ids(n),
            Ids::Refused => Err(disk_full()),
        }
    }
    fn sealing(&self) -> fokus::store::codec::Sealing {
        self.0.sealing()
    }
    fn is_empty(&self) -> Result<bool, fokus::store::StoreError> {
        self.0.is_empty()
    }
    fn organisations(&self) -> Result<Vec<fokus::domain::Organisation>, fokus::store::StoreError> {
        self.0.organisations()
    }
    fn save_organisation(
        &self,
        _: &fokus::domain::Organisation,
    ) -> Result<(), fokus::store::StoreError> {
        Err(disk_full())
    }
    fn remove_organisation(&self, _: fokus::domain::OrgId) -> Result<(), fokus::store::StoreError> {
        Err(disk_full())
    }
    fn erase_student(
        &self,
        _: &fokus::domain::Case,
        _: &fokus::domain::Receipt,
    ) -> Result<(), fokus::store::StoreError> {
        Err(disk_full())
    }
    fn receipts(&self) -> Result<Vec<fokus::domain::Receipt>, fokus::store::StoreError> {
        self.0.receipts()
    }
    fn note_files(&self, _: &[fokus::domain::WrittenFile]) -> Result<(), fokus::store::StoreError> {
        Err(disk_full())
    }
    fn written_files(&self) -> Result<Vec<fokus::domain::WrittenFile>, fokus::store::StoreError> {
        self.0.written_files()
    }
}

#[test]
fn a_save_that_fails_on_a_full_disk_says_so_in_a_message_and_keeps_the_text() {
    let (_dir, store) = demo_database();
    let full = FullDisk(&store, Ids::Given);
    let mut r = start(&full);
    open_student(&mut r, "Amira");
    key(&mut r, KeyCode::Char('b'));
    type_text(&mut r, "Vigtig samtale med eleven");
    ctrl(&mut r, 's');
    let shown = screen(&r);
    assert!(shown.contains("Ikke gemt"), "{shown}");
    assert!(shown.contains("Intet af det skrevne er tabt"), "{shown}");
    assert!(shown.contains("gem igen med Ctrl+S"), "{shown}");
    // Closing the message: the note is still there to save again.
    key(&mut r, KeyCode::Enter);
    assert!(screen(&r).contains("Vigtig samtale med eleven"));
    assert!(matches!(r.app.modal(), Some(fokus::app::Modal::Prompt(_))));
}

#[test]
fn without_fresh_ids_nothing_new_is_begun_and_the_user_is_told_why() {
    let (_dir, store) = demo_database();
    let full = FullDisk(&store, Ids::Refused);
    let mut r = start(&full);
    open_student(&mut r, "Amira");
    let before = r.app.modals.len();
    // A new conversation needs an id before its editor opens.
    key(&mut r, KeyCode::Char('s'));
    assert_eq!(r.app.modals.len(), before, "no editor with a doubtful id");
    let shown = screen(&r);
    assert!(
        shown.contains("Databasemappen /data/fokus kan ikke bruges"),
        "{shown}"
    );
}

#[test]
fn the_reminders_pane_reads_the_next_page_as_the_selection_nears_the_end() {
    let (_dir, store) = demo_database();
    let mut r = start(&store);
    let all = store::current_reminders(&store, now().date(), 7).unwrap();
    assert!(all.len() > 3);
    // A page of three, as if the database held many more reminders than a page.
    r.app.reminders_wanted = 3;
    r.run(vec![fokus::app::msg::Effect::LoadReminders]);
    assert_eq!(r.app.reminders, all[..3]);
    let shown = screen(&r);
    assert!(shown.contains("Påmindelser (3+)"), "{shown}");
    assert!(shown.contains("3+ i alt"), "{shown}");
    // Moving down near the end of the page reads the rest.
    key(&mut r, KeyCode::Char('j'));
    assert_eq!(r.app.reminder_selected, 1);
    assert_eq!(r.app.reminders, all);
    let shown = screen(&r);
    let tab = format!("Påmindelser ({})", all.len());
    assert!(shown.contains(&tab), "{shown}");
}

#[test]
fn keys_typed_in_the_student_list_before_it_is_read_act_once_it_is() {
    let (_dir, store) = demo_database();
    let summaries = store.summaries().unwrap();
    let (send, receive) = std::sync::mpsc::channel();
    let app = new_app(&store, Vec::new());
    let mut r = Runner::new(app, Keymap::builtin().0, &store).with_students_from(receive);
    assert!(!r.poll_students());
    // Keys in the reminders pane are answered at once.
    key(&mut r, KeyCode::Char('j'));
    assert_eq!(r.app.reminder_selected, 1);
    // "2" shows the list, which says it is being read; Enter waits for it.
    key(&mut r, KeyCode::Char('2'));
    assert!(screen(&r).contains("Læser eleverne"));
    key(&mut r, KeyCode::Enter);
    assert_eq!(r.app.pane, fokus::app::Pane::Students);
    let list = fokus::app::state::StudentList::ready(summaries);
    send.send(Msg::Students(Ok(Box::new(list)))).unwrap();
    assert!(r.poll_students());
    // Enter opened the first student's timeline, as it would have with the list there.
    assert_eq!(r.app.pane, fokus::app::Pane::Timeline);
    let shown = screen(&r);
    assert!(shown.contains("Tidslinje: Ahmad Karimi"), "{shown}");
}

#[test]
fn someone_the_consent_does_not_cover_is_warned_of_then_saved_on_the_timeline_and_printed() {
    let dir = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    fokus::demo::fill(&store, now().date()).unwrap();
    let mut r = start_exporting(&store, exports.path());
    open_student(&mut r, "Jonas");
    key(&mut r, KeyCode::Left);
    assert_eq!(
        r.app.case.as_ref().unwrap().panel,
        fokus::app::Panel::Cooperation
    );
    key(&mut r, KeyCode::Char('n'));
    type_text(&mut r, "Rita Sø");
    key(&mut r, KeyCode::Tab);
    type_text(&mut r, "Misbrugscenter Vest");
    ctrl(&mut r, 's');
    let warned = screen(&r);
    assert!(
        warned.contains("Samtykket dækker ikke Rita Sø"),
        "the first save warns:\n{warned}"
    );
    assert!(matches!(r.app.modal(), Some(fokus::app::Modal::Team(_))));
    ctrl(&mut r, 's');
    assert!(r.app.modal().is_none(), "the second save goes ahead");
    let jonas = store
        .summaries()
        .unwrap()
        .into_iter()
        .find(|s| s.name == "Jonas Ærenlund")
        .unwrap();
    let case = store.load_case(jonas.id).unwrap();
    assert!(
        case.student
            .team
            .network
            .iter()
            .any(|m| m.name == "Rita Sø")
    );
    assert!(case.events.iter().any(|e| matches!(
        &e.kind,
        fokus::domain::EventKind::NetworkMemberAdded { name } if name == "Rita Sø"
    )));
    // The row of a network member prints the network map; P prints all five tools.
    key(&mut r, KeyCode::Down);
    key(&mut r, KeyCode::Down);
    key(&mut r, KeyCode::Char('p'));
    assert!(
        screen(&r).contains("Skrevet i eksportmappen"),
        "{}",
        screen(&r)
    );
    key(&mut r, KeyCode::Char('P'));
    let mut names: Vec<String> = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "2026-11-23_samarbejde_alle_JAE.md",
            "2026-11-23_samarbejde_alle_JAE.pdf",
            "2026-11-23_samarbejde_netvaerkskort_JAE.md",
            "2026-11-23_samarbejde_netvaerkskort_JAE.pdf",
        ]
    );
    // Tab from the cooperation panel goes on to the next pane, as from the agreements.
    key(&mut r, KeyCode::Tab);
    assert_eq!(r.app.pane, Pane::Overview);
}

#[test]
fn the_overview_shows_the_figures_from_the_stored_digests_and_makes_them_again_after_a_save() {
    let (dir, store) = demo_database();
    let exports = dir.path().join("eksport");
    let mut r = start_exporting(&store, &exports);
    key(&mut r, KeyCode::Char('4'));
    assert_eq!(r.app.pane, Pane::Overview);
    // The figures the pane shows are those made from every case, read whole.
    let cases: Vec<_> = store
        .summaries()
        .unwrap()
        .iter()
        .map(|s| fokus::domain::StudentFacts::of(&store.load_case(s.id).unwrap()))
        .collect();
    let query = r.app.overview.query(now().date());
    let expected = fokus::stats::compute(&cases, &query, now().date());
    let shown = r
        .app
        .overview
        .report
        .as_deref()
        .expect("the figures")
        .clone();
    assert_eq!(shown, expected);
    let text = screen(&r);
    let in_focus = expected.total.in_focus.to_string();
    assert!(text.contains(&format!("I fokus: {in_focus}")), "{text}");

    // Another grouping pages through the workplaces; the table lists every figure.
    key(&mut r, KeyCode::Char('o'));
    key(&mut r, KeyCode::Right);
    assert!(screen(&r).contains("Oplæringssted: "), "{}", screen(&r));
    key(&mut r, KeyCode::Char('v'));
    assert!(
        screen(&r).contains("Afholdte samtaler, type 1"),
        "{}",
        screen(&r)
    );

    // A student ended as a dropout elsewhere makes the figures out of date: the pane
    // makes them again when it is shown next.
    let summary = store.summaries().unwrap()[0].clone();
    let case = store.load_case(summary.id).unwrap();
    let mut edited = case.student.clone();
    edited.status = fokus::domain::StudentStatus::DroppedOut;
    edited.ended = Some(fokus::domain::CourseEnd {
        on: now().date(),
        outcome: fokus::domain::Outcome::DroppedOut(fokus::domain::DropoutCause::Illness),
    });
    key(&mut r, KeyCode::Char('o'));
    for _ in 0..3 {
        key(&mut r, KeyCode::Char('o'));
    }
    assert_eq!(r.app.overview.grouping, None);
    let mut ids = store.ids();
    let ctx = fokus::domain::Ctx {
        now: now(),
        by: r.app.user.clone(),
    };
    let change = fokus::domain::case::update_student(&case, edited, &ctx, &mut *ids);
    let mut after = case.clone();
    after.apply(&change);
    r.run(vec![fokus::app::Effect::Commit {
        change: Box::new(change),
        after: Box::new(after),
        then: fokus::app::AfterCommit::StudentSaved { new: false },
    }]);
    assert!(r.app.overview.stale);
    key(&mut r, KeyCode::Char('2'));
    key(&mut r, KeyCode::Char('4'));
    let again = r
        .app
        .overview
        .report
        .as_deref()
        .expect("the figures")
        .clone();
    assert_eq!(
        again.total.dropped_out[3],
        expected.total.dropped_out[3] + 1,
        "illness"
    );

    // e writes the CSV and the PDF for management into the export folder.
    key(&mut r, KeyCode::Char('e'));
    let mut written: Vec<String> = std::fs::read_dir(&exports)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "statistik-2026-01-01-2026-11-23.csv",
            "statistik-2026-01-01-2026-11-23.pdf"
        ]
    );
    let csv = std::fs::read(exports.join(&written[0])).unwrap();
    assert!(csv.starts_with(b"\xef\xbb\xbf"), "Excel's byte-order mark");
}
