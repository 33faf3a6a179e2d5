//! The command line of the real `fokus` binary, run as a plain process (no terminal):
//! `--help`, `demo`, `remind`, the language flag, a broken keymap file and the
//! permissions of the database folder. Every run uses its own temporary database.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use chrono::NaiveDate;
use support::Sandbox;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_success(out: &Output) {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        stdout(out),
        stderr(out)
    );
}

/// `fokus remind` with `args`, which must succeed; its lines.
fn remind(sandbox: &Sandbox, args: &[&str]) -> Vec<String> {
    let mut all = vec!["remind"];
    all.extend_from_slice(args);
    let out = sandbox.run(&all);
    assert_success(&out);
    stdout(&out).lines().map(str::to_string).collect()
}

/// The date a reminder line starts with.
fn date_of(line: &str) -> NaiveDate {
    let head = line
        .get(..10)
        .unwrap_or_else(|| panic!("short line {line:?}"));
    let date = NaiveDate::parse_from_str(head, "%d.%m.%Y")
        .unwrap_or_else(|e| panic!("{line:?} does not start with a dd.mm.yyyy date: {e}"));
    assert!(
        line[10..].starts_with("  "),
        "the date is not followed by two spaces: {line:?}"
    );
    date
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

#[test]
fn help_mentions_the_demo_and_remind_subcommands() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(["--help"]);
    assert_success(&out);
    let help = stdout(&out);
    for word in ["demo", "remind", "--db", "--lang", "--keymap"] {
        assert!(
            help.contains(word),
            "--help does not mention {word}:\n{help}"
        );
    }
    assert!(!sandbox.db.exists(), "--help created the database folder");
}

#[test]
fn demo_fills_an_empty_database_and_says_how_many_students() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(["demo"]);
    assert_success(&out);
    let text = stdout(&out);
    assert!(
        text.contains("15 fiktive elever"),
        "the number of students is not printed: {text}"
    );
    assert!(
        text.contains(&sandbox.db.display().to_string()),
        "the database folder is not named: {text}"
    );
    assert!(!remind(&sandbox, &[]).is_empty());
}

#[test]
fn demo_refuses_a_database_that_already_holds_students_and_changes_nothing() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let before = remind(&sandbox, &["--days", "60"]);
    let out = sandbox.run(["demo"]);
    assert!(!out.status.success(), "a second demo was accepted");
    let err = stderr(&out);
    assert!(
        err.contains("indeholder allerede elever"),
        "the refusal does not say the database already holds students: {err}"
    );
    assert!(stdout(&out).is_empty(), "stdout: {}", stdout(&out));
    let after = remind(&sandbox, &["--days", "60"]);
    assert_eq!(before, after, "the refused demo changed the reminders");
}

#[test]
fn the_demo_flag_fills_the_given_database_when_it_is_empty() {
    let sandbox = Sandbox::new();
    let filled = remind(&sandbox, &["--demo"]);
    assert!(!filled.is_empty(), "--demo --db left the database empty");
    // The next run finds students and adds nothing.
    assert_eq!(remind(&sandbox, &["--demo"]), filled);
    assert_eq!(remind(&sandbox, &[]), filled);
}

#[test]
fn remind_prints_one_dated_reminder_per_line_including_overdue_ones() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let out = sandbox.run(["remind"]);
    assert_success(&out);
    assert!(stderr(&out).is_empty(), "stderr: {}", stderr(&out));
    let lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert!(lines.len() >= 5, "too few reminders: {lines:#?}");
    let dates: Vec<NaiveDate> = lines.iter().map(|l| date_of(l)).collect();
    assert!(
        dates.iter().any(|d| *d < today()),
        "no overdue reminder: {lines:#?}"
    );
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "the reminders are not in date order: {lines:#?}"
    );
    let last = today() + chrono::Duration::days(7);
    assert!(
        lines
            .iter()
            .filter(|l| within_window(l))
            .all(|l| date_of(l) <= last),
        "a reminder beyond the default 7 days: {lines:#?}"
    );
    assert!(lines.iter().any(|l| l.contains("Amira Hassan")));
    assert!(lines.iter().any(|l| l.contains("Aftalens frist var")));
}

/// Whether the reminder on `line` follows the window: a trial period's end and a consent's
/// last day are shown from 30 days before, whatever the window.
fn within_window(line: &str) -> bool {
    !line.contains("Prøvetid") && !line.contains("Samtykke")
}

#[test]
fn remind_looks_as_far_ahead_as_days_says() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let none_ahead = remind(&sandbox, &["--days", "0"]);
    let month = remind(&sandbox, &["--days", "30"]);
    assert!(
        none_ahead.len() < month.len(),
        "--days 0 printed {} lines, --days 30 printed {}",
        none_ahead.len(),
        month.len()
    );
    assert!(
        none_ahead
            .iter()
            .filter(|l| within_window(l))
            .all(|l| date_of(l) <= today())
    );
    assert!(
        month
            .iter()
            .any(|l| date_of(l) > today() + chrono::Duration::days(7))
    );
}

#[test]
fn remind_uses_reminder_days_from_config_toml() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    sandbox.write_config("reminder_days = 30\n");
    let from_config = remind(&sandbox, &[]);
    assert_eq!(from_config, remind(&sandbox, &["--days", "30"]));
    assert!(from_config.len() > remind(&sandbox, &["--days", "7"]).len());
}

#[test]
fn remind_speaks_english_with_lang_en() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let lines = remind(&sandbox, &["--lang", "en"]);
    let text = lines.join("\n");
    assert!(text.contains("The agreement was due"), "{text}");
    assert!(text.contains("Follow-up"), "{text}");
    for danish in ["Aftalens frist", "Opfølgning", "planlæg"] {
        assert!(
            !text.contains(danish),
            "Danish {danish:?} in English output:\n{text}"
        );
    }
    assert_eq!(lines.len(), remind(&sandbox, &[]).len());
}

#[test]
fn an_unknown_language_exits_with_code_2() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let out = sandbox.run(["--lang", "xx", "remind"]);
    assert_eq!(out.status.code(), Some(2), "stderr: {}", stderr(&out));
    assert!(stderr(&out).contains("\"xx\""), "stderr: {}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn a_malformed_keymap_file_does_not_stop_remind() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let expected = remind(&sandbox, &[]);
    let bad = sandbox.root.path().join("bad-keymap.toml");
    std::fs::write(&bad, "[editor\nkeymap = [ { on = \"<C-\", run = 42 } ]\n").unwrap();
    let bad_arg = bad.to_str().unwrap();
    assert_eq!(remind(&sandbox, &["--keymap", bad_arg]), expected);
    // The same file as the user's keymap.toml in the config folder.
    std::fs::copy(&bad, sandbox.config.join("keymap.toml")).unwrap();
    assert_eq!(remind(&sandbox, &[]), expected);
    // And a keymap file that does not exist.
    let missing = sandbox.root.path().join("no-such-keymap.toml");
    assert_eq!(
        remind(&sandbox, &["--keymap", missing.to_str().unwrap()]),
        expected
    );
}

#[cfg(unix)]
fn assert_private_tree(dir: &Path) {
    assert_eq!(
        support::mode(dir),
        0o700,
        "folder {} is not owner-only",
        dir.display()
    );
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            assert_private_tree(&path);
        } else if kind.is_file() {
            assert_eq!(
                support::mode(&path),
                0o600,
                "file {} is not owner-only",
                path.display()
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn the_database_folder_is_private_even_with_a_permissive_umask() {
    let sandbox = Sandbox::new();
    // A folder that does not exist yet, two levels deep.
    let db = sandbox.root.path().join("new").join("fokus-db");
    // Fokus started from a shell whose umask lets everyone read new files.
    let run = |args: &[&str]| {
        let mut cmd = Command::new("/bin/sh");
        cmd.args([
            "-c",
            "umask 022 && exec \"$@\"",
            "sh",
            support::FOKUS,
            "--db",
        ])
        .arg(&db)
        .args(args);
        sandbox.configure(&mut cmd);
        let out = cmd.output().expect("run fokus through sh");
        assert_success(&out);
    };
    // The shell really has the permissive umask.
    let probe = Command::new("/bin/sh")
        .arg("-c")
        .arg("umask 022 && umask")
        .output()
        .unwrap();
    assert_eq!(stdout(&probe).trim(), "0022");
    run(&["demo"]);
    assert_private_tree(&db);
    assert_eq!(
        support::mode(db.parent().unwrap()),
        0o700,
        "the parent folder Fokus created is not owner-only"
    );
    run(&["remind"]);
    assert_private_tree(&db);
}

/// The id `fokus students` lists for `name`.
fn student_id(sandbox: &Sandbox, name: &str) -> String {
    let out = sandbox.run(["students"]);
    assert_success(&out);
    stdout(&out)
        .lines()
        .find(|l| l.contains(name))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or_else(|| panic!("{name} is not listed:\n{}", stdout(&out)))
        .to_string()
}

#[test]
fn minutes_and_a_students_data_are_written_where_asked_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let id = student_id(&sandbox, "Amira Hassan");
    let dir = sandbox.root.path().join("ud");

    let out = sandbox.run(["minutes".as_ref(), id.as_ref(), dir.as_os_str()]);
    assert_success(&out);
    let written: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert!(
        written.len() >= 2 && written.len().is_multiple_of(2),
        "{written:?}"
    );
    for path in &written {
        assert!(path.contains("_AH_"), "initials, not the name: {path}");
        let mode = std::fs::metadata(path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{path}");
    }

    let access = sandbox.root.path().join("indsigt");
    let out = sandbox.run(["export-student".as_ref(), id.as_ref(), access.as_os_str()]);
    assert_success(&out);
    let json_path = stdout(&out)
        .lines()
        .find(|l| l.ends_with(".json"))
        .map(str::to_string)
        .expect("a JSON file is listed");
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    let text = data.to_string();
    assert!(
        text.contains("Amira Hassan"),
        "everything about her: {text}"
    );
    assert!(
        stdout(&out).lines().filter(|l| l.ends_with(".pdf")).count() >= 1,
        "the minutes come along as PDF"
    );

    let unknown = sandbox.run(["minutes", "999999", "ud"]);
    assert!(!unknown.status.success());
}

#[test]
fn fokus_ics_writes_a_calendar_and_refuses_bad_dates_in_danish() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let file = sandbox.root.path().join("kalender.ics");
    let out = sandbox.run(["ics".as_ref(), file.as_os_str()]);
    assert_success(&out);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR"));
    assert!(text.contains("BEGIN:VALARM"));
    assert!(text.contains("SUMMARY:Type 1-samtale – CM"), "{text}");
    assert!(!text.contains("Clara Munk"), "initials only by default");

    let bad = sandbox.run(["ics", "--from", "31.02.2026", "x.ics"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("31.02.2026"), "{}", stderr(&bad));
    let backwards = sandbox.run(["ics", "--from", "01.12.2026", "--to", "01.11.2026", "x.ics"]);
    assert_eq!(backwards.status.code(), Some(2));
    assert!(!sandbox.root.path().join("x.ics").exists());
}

#[test]
fn writing_commands_need_to_know_who_is_working_and_say_how_to_tell() {
    let sandbox = Sandbox::first_start();
    sandbox.fill_demo();
    let id = student_id(&sandbox, "Clara Munk");
    let out = sandbox.run(["erase-student", &id, "--name", "Clara Munk"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Fokus ved endnu ikke, hvem du er"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("user_name"));
    assert!(
        stdout(&sandbox.run(["students"])).contains("Clara Munk"),
        "nothing erased"
    );
}

#[test]
fn erase_student_needs_the_full_name_and_leaves_only_a_receipt() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let id = student_id(&sandbox, "Clara Munk");
    let wrong = sandbox.run(["erase-student", &id, "--name", "Clara"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("Navnet passer ikke. Intet er slettet."));
    assert!(stdout(&sandbox.run(["students"])).contains("Clara Munk"));

    let right = sandbox.run(["erase-student", &id, "--name", "clara munk"]);
    assert_success(&right);
    assert!(!stdout(&sandbox.run(["students"])).contains("Clara Munk"));
    let receipts = stdout(&sandbox.run(["receipts"]));
    assert_eq!(receipts.lines().count(), 1, "{receipts}");
    // The receipt names the person who erased, as they told Fokus, not the login.
    assert!(
        receipts.contains("Gitte Holm (Uddannelsesansvarlig)"),
        "{receipts}"
    );
    assert!(!receipts.contains("testuser"), "{receipts}");
    assert!(
        !receipts.contains("Clara"),
        "a receipt holds no personal data"
    );
}

#[test]
fn the_address_book_is_listed_with_its_secure_mail_addresses() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(["addresses"]);
    assert_success(&out);
    let text = stdout(&out);
    assert!(
        text.contains("Fanø Kommune") && text.contains("sikkerpost@fanoe.dk"),
        "{text}"
    );
}

#[test]
fn a_database_held_by_a_process_that_does_not_answer_gives_status_3_and_says_so() {
    use std::io::Write;
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    // Held as an older Fokus or a command that writes holds it: locked, nobody answering.
    let mut lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(sandbox.db.join("fokus.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    writeln!(lock, "{}", std::process::id()).unwrap();
    let pid = format!("{}", std::process::id());
    let calendar = sandbox.root.path().join("kalender.ics");
    let refused = |args: &[&std::ffi::OsStr], words: &str| {
        let out = sandbox.run(args);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{args:?}: {}", stdout(&out));
        let err = stderr(&out);
        assert!(err.contains(words), "{args:?}: {err}");
        assert!(
            err.contains(&pid),
            "{args:?} does not name the holder: {err}"
        );
    };
    refused(&["remind".as_ref()], "som ikke svarer på forespørgsler");
    refused(
        &["ics".as_ref(), calendar.as_os_str()],
        "som ikke svarer på forespørgsler",
    );
    assert!(!calendar.exists());
    refused(
        &["--lang".as_ref(), "en".as_ref(), "students".as_ref()],
        "does not answer requests",
    );
    // A socket whose process is gone answers no better.
    #[cfg(unix)]
    {
        drop(std::os::unix::net::UnixListener::bind(sandbox.db.join("fokus.sock")).unwrap());
        refused(&["receipts".as_ref()], "som ikke svarer på forespørgsler");
    }
    drop(lock);
    assert!(!remind(&sandbox, &[]).is_empty());
}

/// `fokus ARGS…` run to the end: (exit status, stdout, stderr).
fn outcome(sandbox: &Sandbox, args: &[&str]) -> (Option<i32>, String, String) {
    let out = sandbox.run(args);
    (out.status.code(), stdout(&out), stderr(&out))
}

fn assert_has(text: &str, words: &[&str]) {
    for word in words {
        assert!(text.contains(word), "{word:?} missing from:\n{text}");
    }
}

fn assert_lacks(text: &str, words: &[&str]) {
    for word in words {
        assert!(!text.contains(word), "{word:?} found in:\n{text}");
    }
}

/// What clap itself writes in English.
const CLAP_ENGLISH: &[&str] = &[
    "Usage",
    "Options",
    "Commands",
    "Arguments",
    "Print help",
    "Print version",
    "error:",
    "For more information",
];

#[test]
fn the_help_is_danish_by_default_and_english_with_lang_en() {
    let sandbox = Sandbox::new();
    let (code, help, err) = outcome(&sandbox, &["--help"]);
    assert_eq!(code, Some(0), "{err}");
    assert_has(
        &help,
        &[
            "Fokus: opfølgning på SOSU-elever",
            "Brug: fokus [TILVALG] [KOMMANDO]",
            "Kommandoer:",
            "Tilvalg:",
            "--db <MAPPE>",
            "Databasemappen",
            "Vis påmindelserne fra startskærmen",
            "Slet en elev helt",
            "-h, --help",
            "Vis hjælpen",
            "-V, --version",
            "Vis versionen",
            "Vis denne hjælp eller hjælpen til de nævnte kommandoer",
        ],
    );
    assert_lacks(&help, CLAP_ENGLISH);

    let (code, help, _) = outcome(&sandbox, &["--lang", "en", "--help"]);
    assert_eq!(code, Some(0));
    assert_has(
        &help,
        &[
            "Usage: fokus [OPTIONS] [COMMAND]",
            "Commands:",
            "Options:",
            "--db <DIR>",
            "Print the reminders the start screen would show",
            "Print help",
            "Print version",
        ],
    );
    assert_lacks(&help, &["Brug", "Tilvalg", "Vis hjælpen", "påmindelser"]);
    assert!(!sandbox.db.exists(), "--help created the database folder");
}

#[test]
fn a_command_s_help_follows_the_language_too() {
    let sandbox = Sandbox::new();
    let (code, help, _) = outcome(&sandbox, &["remind", "--help"]);
    assert_eq!(code, Some(0));
    assert_has(
        &help,
        &[
            "Brug: fokus remind [TILVALG]",
            "--days <N>",
            "Hvor mange dage frem der kigges",
            "Vis hjælpen",
        ],
    );
    assert_lacks(&help, CLAP_ENGLISH);
    // `help remind` is the same page.
    assert_eq!(outcome(&sandbox, &["help", "remind"]).1, help);

    let (_, english, _) = outcome(&sandbox, &["remind", "--lang=en", "-h"]);
    assert_has(
        &english,
        &[
            "Usage: fokus remind [OPTIONS]",
            "How many days ahead to look",
        ],
    );
    let (_, ics, _) = outcome(&sandbox, &["ics", "--help"]);
    assert_has(
        &ics,
        &["Argumenter:", "<FIL>", "--from <DATO>", "Første dag"],
    );
    assert_lacks(&ics, CLAP_ENGLISH);
}

#[test]
fn a_wrong_argument_is_reported_in_danish_with_exit_status_2() {
    let sandbox = Sandbox::new();
    let (code, out, err) = outcome(&sandbox, &["remind", "--dayz", "3"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(out.is_empty(), "{out}");
    assert_has(
        &err,
        &[
            "fokus: ukendt tilvalg: --dayz",
            "Mente du --days?",
            "Brug: fokus remind [TILVALG]",
            "Se mere med: fokus remind --help",
        ],
    );
    assert_lacks(&err, CLAP_ENGLISH);
    let (code, _, err) = outcome(&sandbox, &["remind", "--days"]);
    assert_eq!(code, Some(2));
    assert_has(&err, &["--days <N> skal have en værdi"]);
    let (code, _, err) = outcome(&sandbox, &["ics"]);
    assert_eq!(code, Some(2));
    assert_has(&err, &["mangler: <FIL>"]);
    let (code, _, err) = outcome(&sandbox, &["--lang", "en", "remnd"]);
    assert_eq!(code, Some(2));
    assert_has(&err, &["unknown command: remnd", "Did you mean remind?"]);
    assert!(
        !sandbox.db.exists(),
        "a wrong argument created the database"
    );
}

#[test]
fn lang_en_in_config_toml_makes_help_errors_and_output_english_and_the_flag_wins() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    std::fs::write(sandbox.config.join("config.toml"), "lang = \"en\"\n").unwrap();
    let (_, help, _) = outcome(&sandbox, &["--help"]);
    assert_has(&help, &["Usage: fokus [OPTIONS] [COMMAND]", "Print help"]);
    let (code, _, err) = outcome(&sandbox, &["remind", "--dayz"]);
    assert_eq!(code, Some(2));
    assert_has(
        &err,
        &["unknown option: --dayz", "Usage: fokus remind [OPTIONS]"],
    );
    let (code, _, err) = outcome(&sandbox, &["--lang", "xx", "remind"]);
    assert_eq!(code, Some(2));
    assert_has(&err, &["Unknown language \"xx\""]);
    assert!(stdout(&sandbox.run(["students"])).contains("Active"));
    // The flag wins over the file.
    let (_, help, _) = outcome(&sandbox, &["--lang", "da", "--help"]);
    assert_has(&help, &["Brug: fokus [TILVALG] [KOMMANDO]"]);
    assert!(stdout(&sandbox.run(["--lang", "da", "students"])).contains("Aktiv"));
}

#[test]
fn a_broken_config_file_is_reported_by_the_commands_too() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    sandbox.write_config("reminder_days = \"fjorten\"\n");
    let out = sandbox.run(["remind"]);
    assert!(out.status.success(), "the defaults are used");
    let err = stderr(&out);
    assert!(err.contains("Fejl i config.toml"), "{err}");
    assert!(err.contains("reminder_days"), "{err}");
}

#[test]
fn numbers_beyond_what_fokus_works_with_are_refused_not_a_crash() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let out = sandbox.run(["remind", "--days", "4294967295"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("4294967295"));
    sandbox.write_config("reminder_days = 4294967295\n");
    let out = sandbox.run(["remind"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("reminder_days = 4294967295 (0–3650)"));
}

#[test]
fn restoring_a_damaged_backup_says_the_restore_failed() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let backup = sandbox.root.path().join("kopi.fokusbak");
    assert_success(&sandbox.run(["backup", backup.to_str().unwrap()]));
    let mut bytes = std::fs::read(&backup).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x40;
    std::fs::write(&backup, &bytes).unwrap();
    let target = sandbox.root.path().join("ny");
    let mut cmd = std::process::Command::new(support::FOKUS);
    cmd.arg("restore").arg(&backup).arg("--db").arg(&target);
    sandbox.configure(&mut cmd);
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("Genskabelsen lykkedes ikke"), "{err}");
    assert!(!err.contains("Sikkerhedskopieringen"), "{err}");
}
