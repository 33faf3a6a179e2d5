//! Encryption at rest as a person meets it, on the real binary in a pseudo-terminal: the
//! first start sets a passphrase and shows the recovery key, what is imported cannot be
//! found in the data folder, a wrong passphrase writes nothing, and the idle lock hides
//! every student until the passphrase is typed, keeping what was being typed.

mod support;

use std::time::Duration;

use support::{Key, Sandbox};

/// Names in `examples/students.csv` (the student list from Excel).
const IMPORTED: [&str; 4] = [
    "Søren Ærø Bach",
    "Åse Kjær Lund",
    "Mads Østergaard",
    "Fatima Hassan",
];

/// Types `passphrase` twice at the prompt for a new one.
fn choose_passphrase(tui: &mut support::Tui, passphrase: &str) {
    tui.wait_for("Vælg en adgangssætning:");
    tui.send(passphrase);
    tui.key(Key::Enter);
    tui.wait_for("Skriv den samme igen:");
    tui.send(passphrase);
    tui.key(Key::Enter);
}

#[test]
fn a_new_user_sets_a_passphrase_sees_the_recovery_key_and_no_name_is_found_in_the_folder() {
    let sandbox = Sandbox::new();
    let passphrase = "syv søvnige sæler svømmer i Vadehavet";
    let mut tui = sandbox.start_asking::<_, &str>([], 120, 40);
    tui.wait_for("Vælg en adgangssætning:");
    // A weak one is refused, saying why.
    tui.send("fokus123");
    tui.wait_for("Styrke:");
    tui.key(Key::Enter);
    tui.wait_for("for kort");
    tui.send(passphrase);
    tui.key(Key::Enter);
    tui.wait_for("Skriv den samme igen:");
    tui.send(passphrase);
    tui.key(Key::Enter);
    tui.wait_for("Din gendannelsesnøgle:");
    let screen = tui.screen();
    assert!(
        !screen.contains(passphrase),
        "the passphrase is never shown"
    );
    // The key's two lines of four groups, their letters spaced out.
    let groups: Vec<String> = screen
        .lines()
        .skip_while(|l| !l.contains("Din gendannelsesnøgle:"))
        .filter(|l| {
            let letters: String = l.split_whitespace().collect();
            letters.len() == 16 && l.split_whitespace().all(|c| c.len() == 1)
        })
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(groups.len(), 2, "the recovery key is shown:\n{screen}");
    let last_group = &groups[1][12..];
    tui.wait_for("sidste gruppe");
    tui.send("XXXX");
    tui.key(Key::Enter);
    tui.wait_for("ikke nøglens sidste gruppe");
    tui.send(last_group);
    tui.key(Key::Enter);
    tui.wait_for("Ingen elever endnu");
    assert!(
        !tui.screen().contains(&groups[0]),
        "the key is gone from the screen"
    );
    tui.send("q");
    tui.wait_exit();

    // The student list from Excel, read in with the passphrase from the environment.
    let csv = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/students.csv");
    let out = sandbox
        .command([std::ffi::OsStr::new("import"), csv.as_os_str()])
        .env("FOKUS_PASSPHRASE", passphrase)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = sandbox
        .command(["students"])
        .env("FOKUS_PASSPHRASE", passphrase)
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout).into_owned();
    for name in IMPORTED {
        assert!(listed.contains(name), "{name} was imported:\n{listed}");
        let surname = name.split_whitespace().last().unwrap();
        for needle in [name, surname] {
            let found = support::holding(&sandbox.db, needle.as_bytes());
            assert_eq!(
                found,
                Vec::<std::path::PathBuf>::new(),
                "{needle} is readable"
            );
        }
    }
    // The recovery key was not written anywhere either.
    assert!(support::holding(&sandbox.db, groups[0].as_bytes()).is_empty());

    // The passphrase forgotten: the recovery key sets a new one.
    let renewed = "tre trætte tranebær tripper mod Tønder";
    let mut tui = sandbox.start_asking(["key", "recover"], 120, 40);
    tui.wait_for("Gendannelsesnøgle:");
    tui.send(&format!("{}-{}", groups[0], groups[1]).to_lowercase());
    tui.key(Key::Enter);
    choose_passphrase(&mut tui, renewed);
    tui.wait_for("Gendannelsesnøglen gælder stadig");
    tui.wait_exit();
    let students = |passphrase: &str| {
        sandbox
            .command(["students"])
            .env("FOKUS_PASSPHRASE", passphrase)
            .output()
            .unwrap()
    };
    assert_eq!(
        students(passphrase).status.code(),
        Some(5),
        "the old one is gone"
    );
    assert!(students(renewed).status.success());

    // And changed again with `fokus key change`, in well under a second.
    let changed = "fire fede fasaner flyver forbi Fanø";
    let mut tui = sandbox.start_asking(["key", "change"], 120, 40);
    tui.wait_for("Adgangssætning:");
    tui.send(renewed);
    tui.key(Key::Enter);
    choose_passphrase(&mut tui, changed);
    tui.wait_for("Adgangssætningen er skiftet på");
    tui.wait_exit();
    let out = students(changed);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains(IMPORTED[0]));
    for name in IMPORTED {
        assert!(support::holding(&sandbox.db, name.as_bytes()).is_empty());
    }
}

#[test]
fn a_wrong_passphrase_says_so_exits_5_and_writes_nothing() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let before = support::snapshot(&sandbox.db);
    for args in [["students"], ["remind"], ["check"]] {
        let out = sandbox
            .command(args)
            .env("FOKUS_PASSPHRASE", "ikke den rigtige")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(5), "{args:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("passer ikke"), "{said}");
        assert!(out.stdout.is_empty());
    }
    // Without any passphrase and no terminal to ask at.
    let out = sandbox
        .command(["remind"])
        .env_remove("FOKUS_PASSPHRASE")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("krypteret"));
    let after = support::snapshot(&sandbox.db);
    let changed: Vec<_> = after
        .iter()
        .filter(|f| !before.contains(f))
        .map(|(p, _)| p)
        .collect();
    assert_eq!(changed, Vec::<&std::path::PathBuf>::new());
}

#[test]
fn the_idle_lock_hides_every_student_and_brings_back_the_unsaved_text() {
    let sandbox = Sandbox::new();
    sandbox.write_config("lock_after_minutes = 0.05\n");
    sandbox.fill_demo();
    let mut tui = sandbox.start_asking::<_, &str>([], 120, 40);
    tui.wait_for("Adgangssætning:");
    tui.send(support::PASSPHRASE);
    tui.key(Key::Enter);
    tui.wait_for("Påmindelser (");
    tui.open_student("Amira Hassan");
    tui.send("e");
    tui.wait_for("Ret Amira Hassan");
    tui.send(" ulåst-tekst-4711");
    tui.wait_for("ulåst-tekst-4711");
    // Three seconds without a key: locked.
    tui.wait_for_within("Skærmen er låst.", Duration::from_secs(15));
    let locked = tui.screen();
    for hidden in ["Amira", "Hassan", "4711", "Elever", "Påmindelser"] {
        assert!(
            !locked.contains(hidden),
            "{hidden} shows while locked:\n{locked}"
        );
    }
    // What was typed is kept, encrypted, while the screen is locked.
    assert!(sandbox.db.join("draft.journal").exists());
    assert!(support::holding(&sandbox.db, "4711".as_bytes()).is_empty());
    tui.send("forkert sætning");
    tui.key(Key::Enter);
    tui.wait_for("Forkert adgangssætning");
    assert!(!tui.screen().contains("Amira"));
    tui.send(support::PASSPHRASE);
    tui.key(Key::Enter);
    tui.wait_for("ulåst-tekst-4711");
    assert!(tui.screen().contains("Ret Amira Hassan"));
    // Typing goes on where it stopped.
    tui.send("-mere");
    tui.wait_for("ulåst-tekst-4711-mere");
}

#[test]
fn a_database_from_before_is_encrypted_at_the_first_start_and_its_copies_in_the_clear_go_when_agreed()
 {
    let sandbox = Sandbox::new();
    // A database as an older Fokus left it: records and a backup in the clear.
    let names: Vec<String> = {
        let store = fokus::store::SledStore::open(&sandbox.db).unwrap();
        fokus::demo::fill(&store, chrono::Local::now().date_naive()).unwrap();
        store
            .daily_backup(chrono::Local::now().naive_local())
            .unwrap();
        fokus::store::Store::summaries(&store)
            .unwrap()
            .into_iter()
            .map(|s| s.name)
            .collect()
    };
    assert!(!support::holding(&sandbox.db, names[0].as_bytes()).is_empty());
    let mut tui = sandbox.start::<_, &str>([], 120, 40);
    tui.wait_for("Databasen er nu krypteret");
    tui.wait_for("Skriv");
    tui.send("slet");
    tui.key(Key::Enter);
    tui.wait_for("Påmindelser (");
    tui.send("2");
    tui.wait_for(&names[0]);
    tui.send("q");
    tui.wait_exit();
    for name in &names {
        let found = support::holding(&sandbox.db, name.as_bytes());
        assert_eq!(
            found,
            Vec::<std::path::PathBuf>::new(),
            "{name} is readable"
        );
    }
    let out = sandbox.run(["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("ikke krypteret"));
}

#[test]
fn copies_in_the_clear_kept_without_a_terminal_are_listed_by_check() {
    let sandbox = Sandbox::new();
    let name = {
        let store = fokus::store::SledStore::open(&sandbox.db).unwrap();
        fokus::demo::fill(&store, chrono::Local::now().date_naive()).unwrap();
        fokus::store::Store::summaries(&store).unwrap()[0]
            .name
            .clone()
    };
    let out = sandbox.run(["students"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains(&name));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("krypteres nu"), "{said}");
    assert!(said.contains("beholdt"), "{said}");
    // Only the backup made before encrypting holds the name now.
    let found = support::holding(&sandbox.db, name.as_bytes());
    assert!(!found.is_empty());
    assert!(
        found
            .iter()
            .all(|f| f.starts_with(sandbox.db.join("backups"))),
        "{found:?}"
    );
    let out = sandbox.run(["check"]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("ikke krypteret"), "{report}");
    for f in &found {
        assert!(report.contains(&f.display().to_string()), "{report}");
    }
}
