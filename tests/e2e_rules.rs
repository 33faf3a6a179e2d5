//! The agreement's rules and the documents, checked against the real `fokus` binary in a
//! pseudo-terminal as a user meets them: a meeting ahead cannot be held, an agreement's
//! reminder closes it as met or not met (and `fokus remind`, run while Fokus is open, sees
//! that), and the PDF written from the app names the user and holds only the document.
//! Finalizing that asks first and escalates with the next type is driven in `e2e.rs`.

mod support;

use support::{Key, Sandbox, USER_NAME, in_days};

const COLS: u16 = 120;
const ROWS: u16 = 40;

#[test]
fn a_meeting_two_days_ahead_cannot_be_marked_held_and_nothing_typed_is_lost() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let mut tui = sandbox.start::<_, &str>([], COLS, ROWS);
    tui.wait_for("Påmindelser –");
    tui.open_student("Amira Hassan");
    tui.send("s");
    tui.wait_for("Type 1-samtale · Amira Hassan · Planlagt");
    tui.send("+2");
    tui.wait_for_in_line("Dato", &format!("= {}", in_days(2)));
    // Place: something typed that must survive the refusal.
    tui.keys(Key::Tab, 2);
    tui.send(" (lille mødelokale)");
    tui.wait_for("(lille mødelokale)");
    // Dato, Klokken, Sted, Initiativ, three invited, Mødeleder → "Samtalen er".
    tui.keys(Key::Tab, 6);
    tui.wait_for_in_line("Samtalen er", "‹ Planlagt ›");
    tui.key(Key::Space);
    tui.wait_for(&format!(
        "Mødet er {} og kan først registreres som afholdt den dag. Intet af det skrevne er tabt.",
        in_days(2)
    ));
    tui.wait_for_in_line("Samtalen er", "‹ Planlagt ›");
    tui.wait_for("(lille mødelokale)");
    // Writing minutes for a meeting ahead prepares the agenda; it does not hold it.
    tui.keys(Key::Tab, 2);
    tui.send("Dagsorden: fagsprog");
    tui.wait_for("Dagsorden: fagsprog");
    tui.wait_for_in_line("Samtalen er", "Planlagt");
    // Finalizing is refused, naming the day.
    tui.key(Key::Ctrl('f'));
    tui.wait_for("Referatet kan ikke godkendes endnu");
    tui.wait_for(&format!("Mødet er først {}", in_days(2)));
    tui.key(Key::Esc);
    tui.wait_gone("Referatet kan ikke godkendes endnu");
    tui.key(Key::Ctrl('s'));
    tui.wait_for("Samtalen er gemt");
    tui.wait_for("Type 1-samtale · Amira Hassan · Planlagt");
    tui.wait_for_in_line("Dato", &in_days(2));
    tui.key(Key::Esc);
    tui.wait_gone("Type 1-samtale · Amira Hassan");
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn an_agreement_reminder_asks_whether_it_was_met_and_remind_sees_it_while_fokus_is_open() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let mut tui = sandbox.start::<_, &str>([], COLS, ROWS);
    tui.wait_for("Påmindelser –");
    let agreement = "Mentorordning etableres";
    tui.wait_for(agreement);
    // While Fokus is open, a login script's `fokus remind` is answered by it.
    let before = sandbox.run(["remind"]);
    assert!(before.status.success(), "{:?}", before);
    let before = String::from_utf8_lossy(&before.stdout).into_owned();
    let noahs = |out: &str| {
        out.lines()
            .any(|l| l.contains("Noah Kristensen") && l.contains(agreement))
    };
    assert!(noahs(&before), "{before}");

    // Select the agreement's reminder and say it was not met.
    let screen = tui.screen();
    let lines: Vec<&str> = screen.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.contains("│Dato "))
        .expect("the header")
        + 1;
    let row = lines
        .iter()
        .position(|l| l.contains(agreement))
        .expect("the reminder");
    tui.keys(Key::Down, row - first);
    tui.send("d");
    tui.wait_for("Blev aftalen overholdt?");
    tui.wait_for("Aftalen: Mentorordning etableres");
    tui.key(Key::Down);
    tui.key(Key::Enter);
    tui.wait_for("Aftalen er registreret som ikke opfyldt.");
    tui.wait_gone("Blev aftalen overholdt?");

    let after = sandbox.run(["remind"]);
    assert!(after.status.success());
    let after = String::from_utf8_lossy(&after.stdout).into_owned();
    assert!(!noahs(&after), "the reminder is gone:\n{after}");

    // The agreement and the timeline say so.
    tui.open_student("Noah Kristensen");
    tui.wait_for("Aftale ikke opfyldt: Mentorordning");
    tui.key(Key::Right);
    tui.key(Key::Right);
    tui.wait_for("[Ikke opfyldt]");
    tui.send("q");
    tui.wait_exit();
}

#[test]
fn the_minutes_pdf_names_the_user_and_holds_only_the_document() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let exports = sandbox.root.path().join("referater");
    let exports_env = exports.display().to_string();
    let mut tui = sandbox.start_with_env::<_, &str>(
        [],
        &[("FOKUS_EXPORT_DIR", exports_env.as_str())],
        COLS,
        ROWS,
    );
    tui.wait_for("Påmindelser –");
    // Freja's type-1 minutes are a complete draft: the user finalizes them.
    tui.open_student("Freja Østergaard");
    tui.send("r");
    tui.wait_for("Type 1-samtale · Freja Østergaard · Afholdt (kladde)");
    tui.wait_for("✓ Klar til godkendelse");
    tui.key(Key::Ctrl('f'));
    tui.wait_for("Godkend og lås referatet?");
    tui.key(Key::Down);
    tui.key(Key::Enter);
    tui.wait_for("Referatet er godkendt og låst.");
    // The finalized minutes are the second conversation now (a follow-up was planned).
    tui.key(Key::Right);
    tui.key(Key::Down);
    tui.send("p");
    tui.wait_for("Filerne er skrevet");
    tui.key(Key::Enter);
    tui.wait_gone("Filerne er skrevet");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let pdf = std::fs::read_dir(&exports)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .expect("the PDF");
    let text = pdf_extract::extract_text(&pdf).unwrap();
    assert!(text.contains("Referat"), "minutes, not an agenda:\n{text}");
    assert!(
        text.contains(&format!("af {USER_NAME} (Uddannelsesansvarlig)")),
        "the user who finalized, by name and role:\n{text}"
    );
    for workflow in [
        "afkrydset",
        "Afkrydset",
        "mangler i adressebogen",
        "testuser",
        "KLADDE",
    ] {
        assert!(!text.contains(workflow), "{workflow:?} in the PDF:\n{text}");
    }
    for line in text.lines() {
        assert!(
            !line.trim_end().ends_with("sikker post:"),
            "an empty label: {line:?}"
        );
    }
    assert!(text.contains("Side 1 af"), "{text}");
    assert!(text.contains("Freja Østergaard"), "{text}");
}
