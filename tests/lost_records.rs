//! Losses that leave no damaged byte to find: the real `fokus` on a database whose sled
//! folder is gone or empty, whose manifest is gone, whose last commits never reached
//! sled's files, or whose large-record file is gone. Each must be said — by the
//! application, `check` and every command that reads — and nothing may be written over
//! what would bring the records back: the manifest, the backups.
//!
//! Each test makes its database with the binary (`demo`, `check`, which writes the day's
//! backup), damages its files as a lost disk or a careless hand would, and runs the
//! binary again as a user would.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use support::{Key, Sandbox};

/// The exit status of a command that found the database damaged.
const DAMAGED: i32 = 4;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn show(out: &Output) -> String {
    format!(
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        stdout(out),
        stderr(out)
    )
}

fn assert_status(out: &Output, code: i32) {
    assert_eq!(out.status.code(), Some(code), "{}", show(out));
}

/// The demo database, checked once so that the day's backup is written; returns the
/// backup's path.
fn demo_with_backup(sandbox: &Sandbox) -> PathBuf {
    sandbox.fill_demo();
    let out = sandbox.run(["check"]);
    assert_status(&out, 0);
    let backups: Vec<PathBuf> = std::fs::read_dir(sandbox.db.join("backups"))
        .expect("the backups folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    backups.into_iter().next().unwrap_or_default()
}

/// Every file Fokus writes in the database folder (sled's own files aside, which sled
/// rewrites as it opens them), as path and a hash of its bytes, for "nothing was
/// written" comparisons.
fn snapshot(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name == "sled" || name == "fokus.lock" {
            continue;
        }
        if path.is_dir() {
            out.extend(snapshot(&path));
        } else {
            let bytes = std::fs::read(&path).expect("a file");
            out.push((path, fnv(&bytes)));
        }
    }
    out.sort();
    out
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// `fokus ARGS…` with `input` on stdin.
fn run_with_input(sandbox: &Sandbox, args: &[&str], input: &str) -> Output {
    let mut cmd = sandbox.command(args);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("fokus starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("the answer is typed");
    child.wait_with_output().expect("fokus ends")
}

/// The demo database with its sled folder replaced by `replace` (removed, or an empty
/// folder): the manifest and the backup stay.
fn records_gone(replace: impl Fn(&Path)) -> (Sandbox, PathBuf) {
    let sandbox = Sandbox::new();
    let backup = demo_with_backup(&sandbox);
    let sled = sandbox.db.join("sled");
    std::fs::remove_dir_all(&sled).expect("remove sled's folder");
    replace(&sled);
    (sandbox, backup)
}

fn assert_records_gone_are_reported(sandbox: &Sandbox, backup: &Path) {
    let before = snapshot(&sandbox.db);
    let out = sandbox.run(["check"]);
    assert_status(&out, DAMAGED);
    let text = stdout(&out);
    assert!(text.contains("poster er væk"), "{text}");
    assert!(
        text.contains(&format!("fokus restore {}", backup.display())),
        "{text}"
    );
    assert!(text.contains("fokus check --start-over"), "{text}");
    assert!(!text.contains("databasen er i orden"), "{text}");
    for command in ["remind", "students"] {
        let out = sandbox.run([command]);
        assert_status(&out, DAMAGED);
        assert!(
            stderr(&out).contains("poster er væk"),
            "{command}: {}",
            show(&out)
        );
    }
    let out = sandbox.run(["--lang", "en", "remind"]);
    assert!(
        stderr(&out).contains("records are gone"),
        "english: {}",
        show(&out)
    );
    // Nothing was written: no new sled files, the manifest and the backup as they were.
    assert_eq!(snapshot(&sandbox.db), before, "a read wrote to the folder");
}

#[test]
fn a_database_whose_sled_folder_is_gone_is_reported_and_never_taken_for_a_new_one() {
    let (sandbox, backup) = records_gone(|_| {});
    assert_records_gone_are_reported(&sandbox, &backup);
    assert!(
        !sandbox.db.join("sled").exists(),
        "a new sled folder was made"
    );
}

#[test]
fn an_empty_folder_in_place_of_the_sled_folder_is_reported_the_same() {
    let (sandbox, backup) = records_gone(|sled| std::fs::create_dir(sled).expect("mkdir"));
    assert_records_gone_are_reported(&sandbox, &backup);
    let left = std::fs::read_dir(sandbox.db.join("sled")).expect("sled folder");
    assert_eq!(left.count(), 0, "files were made in the empty folder");
}

#[test]
fn backups_alone_say_that_records_existed() {
    let (sandbox, _) = records_gone(|_| {});
    std::fs::remove_file(sandbox.db.join("manifest")).expect("remove the manifest");
    let out = sandbox.run(["students"]);
    assert_status(&out, DAMAGED);
    assert!(stderr(&out).contains("poster er væk"), "{}", show(&out));
    // A folder with neither manifest nor backups is simply new.
    let fresh = Sandbox::new();
    std::fs::create_dir_all(&fresh.db).expect("an empty folder");
    let out = fresh.run(["students"]);
    assert_status(&out, 0);
    // Only the recovery key of the new database's key is said (the passphrase came from
    // the environment, so it is printed rather than shown at a prompt).
    let said: Vec<String> = stderr(&out).lines().map(str::to_string).collect();
    assert_eq!(said.len(), 1, "{}", show(&out));
    assert!(said[0].starts_with("Gendannelsesnøgle"), "{}", show(&out));
}

#[test]
fn quitting_the_application_on_a_database_whose_records_are_gone_keeps_manifest_and_backup() {
    let (sandbox, _) = records_gone(|_| {});
    let before = snapshot(&sandbox.db);
    let mut tui = sandbox.start::<_, &str>([], 120, 40);
    tui.wait_for("Databasen er kun åben til læsning");
    tui.wait_for("poster er væk");
    tui.key(Key::Esc);
    tui.wait_gone("Databasen er kun åben til læsning");
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "fokus exited with {status:?}");
    assert_eq!(
        snapshot(&sandbox.db),
        before,
        "the manifest or the backup changed"
    );
}

#[test]
fn starting_over_takes_a_typed_yes_and_keeps_the_backups() {
    let (sandbox, backup) = records_gone(|_| {});
    let kept = std::fs::read(&backup).expect("the backup");
    let before = snapshot(&sandbox.db);
    for answer in ["", "ja\n", "start\n"] {
        let out = run_with_input(&sandbox, &["check", "--start-over"], answer);
        assert_status(&out, DAMAGED);
        assert!(stdout(&out).contains("Intet er ændret"), "{}", show(&out));
        assert_eq!(
            snapshot(&sandbox.db),
            before,
            "{answer:?} changed something"
        );
    }
    // On a database that holds its records, starting over is refused outright.
    let intact = Sandbox::new();
    intact.fill_demo();
    let out = run_with_input(&intact, &["check", "--start-over"], "start forfra\n");
    assert_status(&out, 1);
    let out = intact.run(["students"]);
    assert_eq!(stdout(&out).lines().count(), 15, "{}", show(&out));

    let out = run_with_input(&sandbox, &["check", "--start-over"], "start forfra\n");
    assert_status(&out, 0);
    assert!(stdout(&out).contains("ny, tom database"), "{}", show(&out));
    assert_eq!(std::fs::read(&backup).expect("the backup"), kept);
    let out = sandbox.run(["check"]);
    assert_status(&out, 0);
    let out = sandbox.run(["students"]);
    assert_status(&out, 0);
    assert!(stdout(&out).is_empty(), "{}", show(&out));
}

#[test]
fn a_missing_manifest_is_reported_by_every_command_and_rebuilt_only_by_repair() {
    let sandbox = Sandbox::new();
    let backup = demo_with_backup(&sandbox);
    let manifest = sandbox.db.join("manifest");
    std::fs::remove_file(&manifest).expect("remove the manifest");
    let out = sandbox.run(["students"]);
    assert_status(&out, DAMAGED);
    assert_eq!(stdout(&out).lines().count(), 15, "the list is still shown");
    assert!(
        stderr(&out).contains("manifestet mangler"),
        "{}",
        show(&out)
    );
    assert!(
        stderr(&out).contains("fokus check --repair"),
        "{}",
        show(&out)
    );
    let out = sandbox.run(["check"]);
    assert_status(&out, DAMAGED);
    assert!(!manifest.exists(), "a command rebuilt the manifest");

    let out = sandbox.run(["check", "--repair"]);
    assert_status(&out, 0);
    let text = stdout(&out);
    assert!(text.contains(&backup.display().to_string()), "{text}");
    assert!(
        text.contains("elever: 15 i sikkerhedskopien, 15 i databasen – 0 af dem mangler"),
        "{text}"
    );
    assert!(text.contains("Nyt manifest skrevet"), "{text}");
    let out = sandbox.run(["check"]);
    assert_status(&out, 0);
}

/// The demo database, whose sled files then lose the commits of an import made after
/// the day's backup: the manifest counts them, sled's files do not have them (a disk
/// that dropped the last writes, or a log cut short after a kill).
fn commits_lost() -> (Sandbox, PathBuf) {
    let sandbox = Sandbox::new();
    let backup = demo_with_backup(&sandbox);
    let sled = sandbox.db.join("sled");
    let saved = sandbox.root.path().join("sled-before");
    copy_dir(&sled, &saved);
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/students.csv");
    let out = sandbox.run([Path::new("import").as_os_str(), csv.as_os_str()]);
    assert_status(&out, 0);
    std::fs::remove_dir_all(&sled).expect("remove sled's folder");
    copy_dir(&saved, &sled);
    (sandbox, backup)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("copy folder");
    for entry in std::fs::read_dir(from).expect("folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

#[test]
fn repair_asks_before_it_accepts_records_the_manifest_counts_as_lost() {
    let (sandbox, _) = commits_lost();
    let manifest = std::fs::read(sandbox.db.join("manifest")).expect("the manifest");
    for answer in ["", "ja\n"] {
        let out = run_with_input(&sandbox, &["check", "--repair"], answer);
        assert_status(&out, DAMAGED);
        assert!(
            stdout(&out).contains("Posterne stemmer ikke med manifestet"),
            "{}",
            show(&out)
        );
        let now = std::fs::read(sandbox.db.join("manifest")).expect("the manifest");
        assert_eq!(now, manifest, "{answer:?} replaced the manifest");
    }
    let out = run_with_input(&sandbox, &["check", "--repair"], "godkend\n");
    assert_status(&out, 0);
    let out = sandbox.run(["check"]);
    assert_status(&out, 0);
}

#[test]
fn every_command_that_reads_a_damaged_database_says_so_with_status_4() {
    let (sandbox, backup) = commits_lost();
    let folder = snapshot(&sandbox.db);
    let hint = format!("fokus restore {}", backup.display());
    // What can be shown is shown, with the damage on stderr.
    for command in ["remind", "students", "addresses", "receipts"] {
        let out = sandbox.run([command, "--lang", "en"]);
        assert_status(&out, DAMAGED);
        let err = stderr(&out);
        assert!(err.contains("The database is damaged"), "{command}: {err}");
        assert!(err.contains(&hint), "{command}: {err}");
    }
    let out = sandbox.run(["students"]);
    assert_eq!(stdout(&out).lines().count(), 15, "{}", show(&out));
    // No document or calendar is made from it.
    let listed = stdout(&out);
    let first = listed.lines().next().unwrap_or_default();
    let id = first
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string();
    let name = first.get(10..38).unwrap_or_default().trim().to_string();
    let out_dir = sandbox.root.path().join("out");
    let calendar = out_dir.join("kalender.ics");
    let exported = out_dir.join("export");
    let runs: Vec<Vec<&std::ffi::OsStr>> = vec![
        vec!["ics".as_ref(), calendar.as_os_str()],
        vec!["minutes".as_ref(), id.as_ref(), out_dir.as_os_str()],
        vec!["export-student".as_ref(), id.as_ref(), exported.as_os_str()],
    ];
    for args in runs {
        let out = sandbox.run(&args);
        assert_status(&out, DAMAGED);
        assert!(
            stderr(&out).contains("ikke skrevet noget"),
            "{args:?}: {}",
            show(&out)
        );
        assert!(!out_dir.exists(), "{args:?} wrote {}", out_dir.display());
    }
    // Writing is refused with the same status; an import is not even planned against
    // students that may be missing.
    let out = sandbox.run(["erase-student", &id, "--name", &name]);
    assert_status(&out, DAMAGED);
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/students.csv");
    for dry in [true, false] {
        let mut args = vec![Path::new("import").as_os_str(), csv.as_os_str()];
        if dry {
            args.push("--dry-run".as_ref());
        }
        let out = sandbox.run(&args);
        assert_status(&out, DAMAGED);
        assert!(stdout(&out).is_empty(), "{}", show(&out));
    }
    let out = sandbox.run(["demo"]);
    assert_status(&out, DAMAGED);
    assert_eq!(snapshot(&sandbox.db), folder, "the database folder changed");
    // A backup by hand is made, named as one of a damaged database.
    let out = sandbox.run(["backup"]);
    assert_status(&out, DAMAGED);
    let names: Vec<String> = std::fs::read_dir(sandbox.db.join("backups"))
        .expect("backups")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n.starts_with("damaged-")), "{names:?}");
    // And the backup to restore is still the good one.
    let out = sandbox.run(["remind"]);
    assert!(
        stderr(&out).contains(&backup.display().to_string()),
        "{}",
        show(&out)
    );
}

#[test]
fn the_running_application_answers_for_a_damaged_database_as_the_command_would() {
    let (sandbox, _) = commits_lost();
    let closed: Vec<Output> = ["remind", "students"]
        .iter()
        .map(|c| sandbox.run([*c]))
        .collect();
    let mut tui = sandbox.start::<_, &str>([], 120, 40);
    tui.wait_for("Databasen er kun åben til læsning");
    for (command, closed) in ["remind", "students"].iter().zip(&closed) {
        let open = sandbox.run([*command]);
        assert_status(&open, DAMAGED);
        assert_eq!(stdout(&open), stdout(closed), "{command}");
        assert_eq!(stderr(&open), stderr(closed), "{command}");
    }
    assert!(tui.is_running(), "the application stopped");
    tui.key(Key::Esc);
    tui.wait_gone("Databasen er kun åben til læsning");
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_missing_file_of_a_large_record_is_named_with_the_backup_to_restore() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    // A department name of 300 kB: sled keeps the record in a file of its own.
    let csv = sandbox.root.path().join("big.csv");
    let text = format!(
        "Navn;Uddannelse;Startdato;Forventet slutdato;Oplæringssted;Afdeling\n\
         Stor Elev;SSA;01.09.2026;01.09.2028;Plejecenter Solgården;{}\n",
        "x".repeat(300_000)
    );
    std::fs::write(&csv, text).expect("the CSV file");
    let out = sandbox.run([Path::new("import").as_os_str(), csv.as_os_str()]);
    assert_status(&out, 0);
    let out = sandbox.run(["check"]);
    assert_status(&out, 0);
    let blobs: Vec<PathBuf> = std::fs::read_dir(sandbox.db.join("sled/blobs"))
        .expect("sled's blob folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert!(!blobs.is_empty(), "no large record was written as a file");
    for blob in &blobs {
        std::fs::remove_file(blob).expect("remove a blob");
    }
    for args in [&["check"][..], &["students"], &["remind"]] {
        let out = sandbox.run(args);
        assert_status(&out, DAMAGED);
        let said = stdout(&out) + &stderr(&out);
        assert!(said.contains("sled/blobs"), "{args:?}: {said}");
        assert!(said.contains("fokus restore"), "{args:?}: {said}");
        assert!(!said.contains("os error"), "{args:?}: {said}");
    }
}
