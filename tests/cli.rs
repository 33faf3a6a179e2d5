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
        dates.iter().all(|d| *d <= last),
        "a reminder beyond the default 7 days: {lines:#?}"
    );
    assert!(lines.iter().any(|l| l.contains("Amira Hassan")));
    assert!(lines.iter().any(|l| l.contains("Aftalens frist var")));
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
    assert!(none_ahead.iter().all(|l| date_of(l) <= today()));
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
    std::fs::write(sandbox.config.join("config.toml"), "reminder_days = 30\n").unwrap();
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
