//! The real `fokus` binary in a pseudo-terminal, driven key by key as a user would, with
//! the screen read back through a terminal emulator. Every run uses its own temporary
//! database and config folder.

mod support;

use std::time::{Duration, Instant};

use support::{Key, Sandbox, TIMEOUT, in_days, today, weekday_in_days};

/// The usual terminal size for these tests.
const COLS: u16 = 120;
const ROWS: u16 = 40;

const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";
const ENTER_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049h";

fn last_position(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Quits with `q` from a pane and checks the process ends well and gives the terminal back.
fn quit_and_check_terminal_restored(tui: &mut support::Tui) {
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "fokus exited with {status:?}");
    let raw = tui.raw_output();
    let entered = last_position(&raw, ENTER_ALTERNATE_SCREEN)
        .expect("fokus never entered the alternate screen");
    let left = last_position(&raw, LEAVE_ALTERNATE_SCREEN)
        .expect("fokus did not leave the alternate screen on exit");
    assert!(
        left > entered,
        "the alternate screen was entered again after leaving it"
    );
    let tail = String::from_utf8_lossy(&raw[left..]);
    // Nothing is drawn after leaving: only mode resets (cursor shown) may follow.
    assert!(
        tail.len() <= 32,
        "output after leaving the alternate screen: {tail:?}"
    );
    assert!(
        !tui.alternate_screen(),
        "the terminal is still in the alternate screen"
    );
    assert_ne!(
        tui.cooked_mode(),
        Some(false),
        "the terminal was left in raw mode"
    );
}

/// Moves the timeline's selection from the newest event down to the one showing `text`.
fn select_event(tui: &mut support::Tui, text: &str) {
    tui.wait_for(text);
    let screen = tui.screen();
    let lines: Vec<&str> = screen.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.contains("Tidslinje (nyeste først)"))
        .expect("the timeline")
        + 1;
    let row = lines
        .iter()
        .position(|l| l.contains(text))
        .expect("the event");
    // Long events wrap onto more lines; only lines starting with a date begin an event.
    let starts_event = |l: &&&str| l.chars().nth(1).is_some_and(|c| c.is_ascii_digit());
    let events_above = lines[first..row].iter().filter(starts_event).count();
    tui.keys(Key::Down, events_above);
}

#[test]
fn a_newcomer_writes_type_1_minutes_finalizes_them_and_escalates_to_type_2() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let mut tui = sandbox.start::<_, &str>([], COLS, ROWS);

    // The reminders pane comes first and shows what is overdue.
    tui.wait_for("Påmindelser (");
    tui.wait_for("Påmindelser –");
    tui.wait_for("overskredet");
    tui.wait_for("Amira Hassan");
    let title = tui.line_with("Påmindelser –").unwrap_or_default();
    assert!(
        !title.contains(" 0 overskredet"),
        "the demo data has overdue reminders: {title}"
    );

    // Students, filtered by name; Enter opens the timeline.
    tui.send("2");
    tui.wait_for("Elever – 15 af 15");
    tui.send("/");
    tui.wait_for("Filter:");
    tui.send("Amira");
    tui.wait_for("Elever – 1 af 15");
    tui.key(Key::Enter);
    tui.wait_for("Amira Hassan · Type 1 · Aktiv");
    tui.wait_for("Tidslinje (nyeste først)");

    // Plan a new conversation: the editor opens on the date, proposed a week ahead.
    tui.send("s");
    tui.wait_for("Type 1-samtale · Amira Hassan · Planlagt");
    tui.wait_for_in_line("Dato", &weekday_in_days(7));
    // The meeting is today: clear the proposed date (dd.mm.yyyy) and write +0.
    tui.keys(Key::Backspace, 10);
    tui.send("+0");
    tui.wait_for_in_line("Dato", &format!("= {}", today()));

    // Tab to "Formål og behov" and write minutes: that marks the conversation held.
    // Fields: Dato, Klokken, Sted, Initiativ fra, Elev, Oplæringsvejleder,
    // Uddannelsesansvarlig, Mødeleder, Samtalen er, Referat, Formål og behov (the
    // minute-taker is fixed by the agreement, so Tab passes it by).
    tui.keys(Key::Tab, 10);
    // The first letter marks it held and says so (the message goes with the next key).
    tui.send("F");
    tui.wait_for("Samtalen er markeret som afholdt, fordi der skrives referat.");
    tui.send("agsprog i den skriftlige dokumentation");
    tui.wait_for_in_line("Samtalen er", "Afholdt");
    tui.wait_for("Type 1-samtale · Amira Hassan · Afholdt (kladde)");
    tui.wait_for_in_line("Formål og behov", "Fagsprog i den skriftlige");

    // Finalizing now is refused, with what is missing.
    tui.key(Key::Ctrl('f'));
    tui.wait_for("Referatet kan ikke godkendes endnu");
    let missing = [
        "Fremmøde: kryds af, hvem der deltog",
        "Handleplan: hvad oplæringsstedet sikrer",
        "Handleplan: hvad eleven forpligter sig til",
        "Mindst én skriftlig aftale",
        "Dato for opfølgende samtale",
        "Typen af næste samtale",
    ];
    tui.wait_until("the refusal to list what is missing", TIMEOUT, |s| {
        missing.iter().all(|m| s.contains(&format!("• {m}")))
    });
    assert!(
        !tui.screen().contains("Formål/læringsmæssige behov"),
        "the purpose was written, yet it is listed as missing\n{}",
        tui.screen()
    );
    tui.key(Key::Esc);
    tui.wait_gone("Referatet kan ikke godkendes endnu");

    // The refusal put the cursor on the first missing item: attendance, never pre-ticked.
    tui.wait_for_in_line("Elev", "[ ] Amira Hassan");
    for (role, name) in [
        ("Elev", "Amira Hassan"),
        ("Oplæringsvejleder", "Bente Lund"),
        ("Uddannelsesansvarlig", "Hanne Krogh"),
    ] {
        tui.key(Key::Ctrl('t'));
        tui.wait_for_in_line(role, &format!("[✓] {name}"));
        tui.key(Key::Tab);
    }
    tui.key(Key::Ctrl('f'));
    tui.wait_for("Referatet kan ikke godkendes endnu");
    tui.key(Key::Esc);
    tui.wait_gone("Referatet kan ikke godkendes endnu");

    // Now the cursor is on the next missing item: the workplace's part.
    tui.send("Fast vejleder på alle vagter");
    tui.wait_for_in_line("Oplæringsstedet sikrer", "Fast vejleder på alle vagter");
    tui.key(Key::Tab);
    tui.send("Eleven skriver et journalnotat pr. vagt");
    tui.wait_for_in_line(
        "Eleven forpligter sig til",
        "Eleven skriver et journalnotat",
    );
    tui.key(Key::Tab);

    // A written agreement.
    tui.key(Key::Ctrl('a'));
    tui.wait_for("Ny aftale");
    tui.send("Ugentlig gennemgang af notaterne");
    tui.wait_for("Ugentlig gennemgang af notaterne");
    tui.key(Key::Ctrl('s'));
    tui.wait_gone("Ny aftale");
    tui.wait_for("[Åben] Ugentlig gennemgang af notaterne");

    // The follow-up in two weeks, and the type of the next conversation: type 2, which
    // escalates the case, so the reason for the type is asked for.
    tui.key(Key::Tab);
    tui.send("+14");
    tui.wait_for_in_line("Opfølgende samtale d.", &format!("= {}", in_days(14)));
    tui.key(Key::Tab);
    tui.wait_for("‹ Ikke valgt ›");
    tui.key(Key::Space);
    tui.wait_for("‹ Type 1 ›");
    tui.wait_for("✓ Klar til godkendelse");
    tui.key(Key::Space);
    tui.wait_for("‹ Type 2 ›");
    tui.wait_for("• Begrundelse for typen: eleven");
    tui.key(Key::Tab);
    tui.send("Fokusområderne er fortsat til stede");
    tui.wait_for("✓ Klar til godkendelse");

    // Finalizing asks first and says what it does; the default answer locks nothing.
    tui.key(Key::Ctrl('f'));
    tui.wait_for("Godkend og lås referatet?");
    tui.wait_for("Eleven eskaleres fra type 1 til type 2.");
    tui.wait_for("En type 2-samtale planlægges");
    tui.wait_for("Referent: Ansættende myndighed.");
    tui.key(Key::Enter);
    tui.wait_gone("Godkend og lås referatet?");
    tui.wait_for("Type 1-samtale · Amira Hassan · Afholdt (kladde)");

    // Yes locks, escalates and plans the type-2 conversation on the follow-up date.
    tui.key(Key::Ctrl('f'));
    tui.wait_for("Godkend og lås referatet?");
    tui.key(Key::Down);
    tui.key(Key::Enter);
    tui.wait_for(&format!(
        "Referatet er godkendt og låst. Næste samtale: type 2 {}",
        in_days(14)
    ));
    tui.wait_gone("Type 1-samtale · Amira Hassan");
    tui.wait_for("Amira Hassan · Type 2 · Aktiv");
    tui.wait_for("Referat af type 1-samtale godkendt");
    quit_and_check_terminal_restored(&mut tui);
    drop(tui);

    // Everything is still there after a restart.
    let mut tui = sandbox.start::<_, &str>([], COLS, ROWS);
    tui.wait_for("Påmindelser (");
    tui.send("2");
    tui.wait_for("Elever – 15 af 15");
    tui.send("/");
    tui.wait_for("Filter:");
    tui.send("Amira");
    tui.wait_for("Elever – 1 af 15");
    tui.wait_until("the students list to show type 2 for Amira", TIMEOUT, |s| {
        s.lines()
            .any(|l| l.contains("Amira Hassan") && l.split_whitespace().any(|cell| cell == "2"))
    });
    tui.key(Key::Enter);
    tui.wait_for("Amira Hassan · Type 2 · Aktiv");
    tui.wait_for("Referat af type 1-samtale godkendt");
    // Long summaries wrap under themselves; opening the event shows it in full too.
    tui.wait_for("Eskaleret fra type 1 til type 2:");
    tui.wait_for("Fokusområderne er fortsat til stede");
    tui.wait_for("Type 2-samtale planlagt til");
    // Newest first: the planning of the type-2 conversation, then the escalation.
    tui.keys(Key::Down, 1);
    tui.key(Key::Enter);
    tui.wait_for("Enter eller Esc lukker.");
    tui.wait_for("Fokusområderne er fortsat til stede");
    tui.key(Key::Esc);
    tui.wait_gone("Enter eller Esc lukker.");
    quit_and_check_terminal_restored(&mut tui);
}

#[test]
fn a_second_fokus_on_the_same_database_is_refused_and_the_first_keeps_working() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let mut first = sandbox.start::<_, &str>([], COLS, ROWS);
    first.wait_for("Påmindelser (");

    let started = Instant::now();
    let second = sandbox.run::<_, &str>([]);
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(
        second.status.code(),
        Some(3),
        "the second fokus should stop with status 3 (stderr: {stderr})"
    );
    assert!(
        took < Duration::from_secs(10),
        "the second fokus took {took:?} to give up"
    );
    assert!(stderr.contains("allerede åben"), "stderr: {stderr}");
    assert!(
        stderr.contains(&sandbox.db.display().to_string()),
        "stderr does not name the database folder: {stderr}"
    );

    // It names the process that holds the database.
    if let Some(pid) = first.pid() {
        assert!(
            stderr.contains(&format!("proces {pid}")),
            "stderr does not name the holding process {pid}: {stderr}"
        );
    }

    // The first one is unharmed.
    assert!(first.is_running(), "the first fokus stopped");
    first.send("2");
    first.wait_for("Elever – 15 af 15");
    quit_and_check_terminal_restored(&mut first);

    // And once it is closed, the database can be opened again.
    let third = sandbox.run(["remind"]);
    assert!(
        third.status.success(),
        "{}",
        String::from_utf8_lossy(&third.stderr)
    );
}

#[test]
fn a_tiny_terminal_asks_for_a_larger_window_until_it_is_resized() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let mut tui = sandbox.start::<_, &str>([], 30, 8);
    tui.wait_for("Gør vinduet større");
    assert!(!tui.screen().contains("Påmindelser"));
    tui.resize(COLS, ROWS);
    tui.wait_for("Påmindelser (");
    tui.wait_for("Amira Hassan");
    tui.wait_gone("Gør vinduet større");
    quit_and_check_terminal_restored(&mut tui);
}

#[test]
fn the_interface_speaks_english_with_lang_en() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let mut tui = sandbox.start(["--lang", "en"], COLS, ROWS);
    tui.wait_for("Reminders (");
    tui.wait_for("overdue");
    tui.wait_for("Students (15)");
    assert!(
        !tui.screen().contains("Påmindelser"),
        "Danish text on an English screen\n{}",
        tui.screen()
    );
    tui.send("2");
    tui.wait_for("Students – 15 of 15");
    quit_and_check_terminal_restored(&mut tui);
}

#[test]
fn a_terminal_that_cannot_start_the_screen_is_given_back_as_it_was() {
    // A terminal that never answers "where is the cursor?" (asked when the screen is
    // cleared) makes starting fail; the shell must get a usable terminal back.
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let mut tui = sandbox.start_in_mute_terminal::<_, &str>([], COLS, ROWS);
    let status = tui.wait_exit();
    assert!(
        !status.success(),
        "fokus started without a working terminal"
    );
    let raw = tui.raw_output();
    let output = String::from_utf8_lossy(&raw).into_owned();
    assert!(
        output.contains("Terminalen kunne ikke bruges"),
        "no message saying why: {output:?}"
    );
    let mut problems = Vec::new();
    if let Some(entered) = last_position(&raw, ENTER_ALTERNATE_SCREEN)
        && last_position(&raw, LEAVE_ALTERNATE_SCREEN).is_none_or(|left| left < entered)
    {
        problems.push("the alternate screen was entered and never left");
    }
    if tui.alternate_screen() {
        problems.push("the terminal is still in the alternate screen");
    }
    if output.contains("\x1b[?2004h") && !output.contains("\x1b[?2004l") {
        problems.push("bracketed paste was switched on and never off");
    }
    if tui.cooked_mode() == Some(false) {
        problems.push("the terminal was left in raw mode");
    }
    assert!(
        problems.is_empty(),
        "after failing to start: {problems:?}\noutput: {output:?}"
    );
}

#[test]
fn an_addendum_written_from_the_timeline_is_shown_with_the_locked_minutes() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let mut tui = sandbox.start::<_, &str>([], COLS, ROWS);
    tui.wait_for("Påmindelser –");
    tui.open_student("Amira Hassan");
    select_event(&mut tui, "Referat af type 1-samtale godkendt");
    tui.send("t");
    tui.wait_for("Tillæg til godkendt referat");
    tui.send("Rettelse: mødet sluttede kl. 10");
    tui.wait_for("Rettelse: mødet sluttede kl. 10");
    tui.key(Key::Ctrl('s'));
    tui.wait_for("Tillægget er gemt.");
    tui.wait_gone("Tillæg til godkendt referat");
    // The event line is cut to the pane's width.
    tui.wait_for("Tillæg til referat: Rettelse: mødet");

    // The locked minutes show the addendum, dated and signed.
    tui.send("r");
    tui.wait_for("Type 1-samtale · Amira Hassan · Godkendt");
    tui.wait_for(&format!("Tillæg {}", today()));
    tui.wait_for("Gitte Holm");
    tui.wait_for("Rettelse: mødet sluttede kl. 10");
    tui.key(Key::Esc);
    tui.wait_gone("Type 1-samtale · Amira Hassan");
    quit_and_check_terminal_restored(&mut tui);
}

#[test]
fn the_locked_editor_opens_the_addendum_prompt_with_the_key_its_hint_shows() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let mut tui = sandbox.start::<_, &str>([], COLS, ROWS);
    tui.wait_for("Påmindelser –");
    tui.open_student("Amira Hassan");
    tui.send("r");
    tui.wait_for("Type 1-samtale · Amira Hassan · Godkendt");
    tui.wait_for("Godkendt og låst. Rettelser som");
    // The hint line at the bottom offers "t tillæg" for an addendum.
    tui.wait_until("the hint line to offer t for an addendum", TIMEOUT, |s| {
        s.lines().last().is_some_and(|l| l.contains(" t  tillæg"))
    });
    tui.send("t");
    tui.wait_for("Tillæg til godkendt referat");
    tui.send("Rettelse skrevet fra referatet");
    tui.key(Key::Ctrl('s'));
    tui.wait_for("Tillægget er gemt.");
    tui.wait_gone("Tillæg til godkendt referat");
    // Back in the locked minutes, the new addendum is shown at once.
    tui.wait_for(&format!("Tillæg {}", today()));
    tui.wait_for("Rettelse skrevet fra referatet");
    tui.key(Key::Esc);
    tui.wait_gone("Type 1-samtale · Amira Hassan");
    quit_and_check_terminal_restored(&mut tui);
}

#[test]
fn pasting_into_a_required_field_clears_its_warning() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.start::<_, &str>([], COLS, ROWS);
    tui.wait_for("Ingen elever endnu");
    tui.send("n");
    tui.wait_for("Ny elev");
    // Saving the empty form marks the name (and the other required fields).
    tui.key(Key::Ctrl('s'));
    tui.wait_for("Ret det markerede felt først.");
    let warning_under = |s: &str, label: &str| {
        let lines: Vec<&str> = s.lines().collect();
        lines
            .iter()
            .position(|l| l.contains(&format!("│{label} ")))
            .and_then(|i| lines.get(i + 1))
            .is_some_and(|next| next.contains("⚠ Skal udfyldes"))
    };
    tui.wait_until("a warning under the name", TIMEOUT, |s| {
        warning_under(s, "Navn")
    });
    tui.paste("Søren Ærø");
    tui.wait_for_in_line("Navn", "Søren Ærø");
    tui.wait_until(
        "the name's warning to go once a name is pasted",
        TIMEOUT,
        |s| !warning_under(s, "Navn"),
    );

    // Quit, throwing the unsaved student away.
    tui.key(Key::Ctrl('q'));
    tui.wait_for("Ændringer er ikke gemt");
    tui.key(Key::Down);
    tui.key(Key::Enter);
    let status = tui.wait_exit();
    assert!(status.success(), "fokus exited with {status:?}");
}

#[test]
fn snoozed_and_done_reminders_leave_the_start_screen_and_the_remind_command() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let remind = || {
        let out = sandbox.run(["remind"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let before = remind();
    let n = before.len();
    assert!(n >= 3, "too few demo reminders: {before:#?}");

    let mut tui = sandbox.start::<_, &str>([], COLS, ROWS);
    tui.wait_for(&format!("Påmindelser – {n} i alt"));
    // Snooze the first reminder for a week.
    tui.send("s");
    tui.wait_for("Udsæt påmindelsen om");
    tui.key(Key::Down);
    tui.key(Key::Enter);
    tui.wait_for(&format!("Påmindelsen er udsat til {}.", in_days(7)));
    tui.wait_for(&format!("Påmindelser – {} i alt", n - 1));
    // Mark the next one done.
    tui.send("d");
    tui.wait_for("Påmindelsen er markeret som klaret.");
    tui.wait_for(&format!("Påmindelser – {} i alt", n - 2));
    quit_and_check_terminal_restored(&mut tui);
    drop(tui);

    assert_eq!(remind(), before[2..].to_vec());
}

/// Opens a note on the first student and types `text` into it, unsaved.
fn type_an_unsaved_note(tui: &mut support::Tui, text: &str) {
    tui.wait_for("Påmindelser");
    tui.send("2");
    tui.wait_for("Elever –");
    tui.send("b");
    tui.wait_for("Notat om");
    tui.send(text);
    tui.wait_for(text);
}

fn journal_exists(sandbox: &Sandbox) -> bool {
    sandbox.db.join("draft.journal").exists()
}

#[test]
fn closing_the_window_keeps_what_was_typed_and_leaves_no_process_behind() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let mut tui = sandbox.start(std::iter::empty::<&str>(), COLS, ROWS);
    type_an_unsaved_note(&mut tui, "Skrevet lige før vinduet lukkes");
    let closed = Instant::now();
    tui.hang_up();
    while tui.is_running() && closed.elapsed() < Duration::from_secs(3) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        !tui.is_running(),
        "fokus was still running 3 s after its window closed"
    );
    // The documented status for a closed window, not a panic's 101.
    assert_eq!(tui.wait_exit().exit_code(), 129);
    assert!(journal_exists(&sandbox), "the typed note was not journaled");

    let mut again = sandbox.start(std::iter::empty::<&str>(), COLS, ROWS);
    again.wait_for("Tekst, der ikke blev gemt");
    again.wait_for("Notat eller begrundelse");
    again.key(Key::Enter);
    again.wait_for("Skrevet lige før vinduet lukkes");
    again.wait_for("Teksten er gendannet");
}

#[test]
fn sigterm_writes_the_draft_and_gives_the_terminal_back_within_two_seconds() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let mut tui = sandbox.start(std::iter::empty::<&str>(), COLS, ROWS);
    type_an_unsaved_note(&mut tui, "Bevares ved SIGTERM");
    let pid = tui.pid().expect("the process id") as libc::pid_t;
    let asked = Instant::now();
    // SAFETY: signals the child this test started.
    unsafe { libc::kill(pid, libc::SIGTERM) };
    let status = tui.wait_exit();
    assert!(
        asked.elapsed() < Duration::from_secs(2),
        "took {:?} to stop",
        asked.elapsed()
    );
    assert!(!status.success());
    assert!(!tui.alternate_screen(), "the alternate screen was not left");
    assert_ne!(tui.cooked_mode(), Some(false), "the terminal was left raw");
    assert!(journal_exists(&sandbox));
    let sealing = fokus::store::codec::Sealing::with(support::vault(&sandbox.db));
    let draft = fokus::store::journal::read::<fokus::app::draft::Draft>(&sandbox.db, &sealing)
        .unwrap()
        .unwrap();
    assert!(format!("{:?}", draft.editors).contains("Bevares ved SIGTERM"));
}

#[test]
fn a_panic_gives_the_terminal_back_and_keeps_the_draft() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let mut tui = sandbox.start_with_env(
        std::iter::empty::<&str>(),
        &[("FOKUS_TEST_PANIC_KEY", "§")],
        COLS,
        ROWS,
    );
    type_an_unsaved_note(&mut tui, "Reddes trods fejl");
    tui.send("§");
    let status = tui.wait_exit();
    assert!(!status.success());
    assert!(!tui.alternate_screen(), "the alternate screen was not left");
    assert_ne!(tui.cooked_mode(), Some(false), "the terminal was left raw");
    let raw = String::from_utf8_lossy(&tui.raw_output()).to_string();
    assert!(
        raw.contains("tilbydes, når Fokus startes igen"),
        "no explanation printed"
    );
    assert!(journal_exists(&sandbox));
}

/// Decodes standard base64 (as OSC 52 carries the clipboard text).
fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes().take_while(|c| *c != b'=') {
        let v = ALPHABET.iter().position(|a| *a == c).expect("base64") as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

#[test]
fn a_student_list_from_excel_is_imported_after_its_dry_run() {
    let sandbox = Sandbox::new();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/students.csv");
    let mut tui = sandbox.start(Vec::<&str>::new(), COLS, ROWS);
    tui.wait_for("Ingen elever endnu");
    tui.send("i");
    tui.wait_for("Stien til filen");
    tui.send(example);
    tui.key(Key::Enter);
    tui.wait_for("Læs elever ind: students.csv");
    tui.wait_for("Læst som Windows-1252, semikolonsepareret, 7 rækker");
    tui.wait_for("Linje 7 afvises: Startdato: datoen \"31-02-2026\" findes ikke");
    tui.key(Key::Enter);
    tui.wait_for("5 elever er læst ind eller opdateret.");
    tui.wait_for("Åse Kjær Lund");
    quit_and_check_terminal_restored(&mut tui);
    let listed = sandbox.run(["students"]);
    assert_eq!(String::from_utf8_lossy(&listed.stdout).lines().count(), 5);
}

#[test]
fn finalized_minutes_become_a_pdf_and_their_addresses_reach_the_clipboard() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let exports = sandbox.root.path().join("referater");
    let exports_text = exports.display().to_string();
    let mut tui = sandbox.start_with_env(
        Vec::<&str>::new(),
        &[("FOKUS_EXPORT_DIR", exports_text.as_str())],
        COLS,
        ROWS,
    );
    tui.wait_for("Påmindelser");
    tui.open_student("Amira Hassan");
    tui.send("f");
    tui.wait_for("Fordeling af referatet");
    tui.wait_for("s-o-sikkerpost@esbjerg.dk");
    tui.send("c");
    tui.wait_for("kopieret");
    tui.key(Key::Enter);
    tui.wait_gone("kopieret");
    tui.send("p");
    tui.wait_for("Filerne er skrevet");
    let pdfs: Vec<_> = std::fs::read_dir(&exports)
        .expect("the export folder is made")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert_eq!(pdfs.len(), 1, "{pdfs:?}");
    assert!(std::fs::read(&pdfs[0]).unwrap().starts_with(b"%PDF-"));

    let raw = tui.raw_output();
    let start = last_position(&raw, b"\x1b]52;c;").expect("an OSC 52 clipboard sequence");
    let rest = &raw[start + 7..];
    let end = rest
        .iter()
        .position(|b| *b == 0x07 || *b == 0x1b)
        .expect("the sequence ends");
    let copied = String::from_utf8(base64_decode(&String::from_utf8_lossy(&rest[..end])))
        .expect("UTF-8 on the clipboard");
    assert!(copied.contains("s-o-sikkerpost@esbjerg.dk"), "{copied}");
    tui.key(Key::Enter);
    tui.wait_gone("Filerne er skrevet");
    tui.key(Key::Esc);
    tui.wait_gone("Fordeling af referatet");
    quit_and_check_terminal_restored(&mut tui);
}

#[test]
fn an_idle_fokus_draws_nothing_until_something_changes_and_then_at_once() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let mut tui = sandbox.start(std::iter::empty::<&str>(), COLS, ROWS);
    tui.wait_for("Påmindelser");
    // Let the opening settle (the checks made at opening, the first frames).
    std::thread::sleep(Duration::from_millis(800));
    let before = tui.raw_output().len();
    std::thread::sleep(Duration::from_millis(1_500));
    let idle = tui.raw_output().len() - before;
    assert_eq!(idle, 0, "an idle Fokus wrote {idle} bytes to the terminal");

    // A key is answered at once, and the message it gives fades by itself, untouched.
    tui.send("Z");
    tui.wait_for("Tasten Z gør ikke noget her");
    tui.wait_until("the message to fade", Duration::from_secs(15), |screen| {
        !screen.contains("Tasten Z")
    });
    // A resized window is drawn anew without a key.
    tui.resize(80, 24);
    tui.wait_until("the pane's frame drawn at 80 columns", TIMEOUT, |screen| {
        screen
            .lines()
            .nth(1)
            .is_some_and(|l| l.chars().count() == 80 && l.ends_with('┐'))
    });
    quit_and_check_terminal_restored(&mut tui);
}
