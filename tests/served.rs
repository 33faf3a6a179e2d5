//! The read-only commands while the application has the database open: the real `fokus`
//! runs in a pseudo-terminal, and `remind`, `students`, `addresses`, `receipts` and `ics`
//! run beside it as separate processes. They must print what they print when the
//! application is closed, with exit status 0; commands that write are still refused.

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;

use support::{Sandbox, Tui};

const COLS: u16 = 120;
const ROWS: u16 = 40;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn assert_success(what: &str, out: &Output) {
    assert!(
        out.status.success(),
        "{what}: exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{what}: stderr {}",
        text(&out.stderr)
    );
}

/// The socket the application answers on.
fn socket(sandbox: &Sandbox) -> PathBuf {
    sandbox.db.join("fokus.sock")
}

/// Every read-only command with what it printed (and, for `ics`, the calendar it wrote),
/// each required to succeed.
fn read_everything(sandbox: &Sandbox, calendar: &Path) -> Vec<(String, String)> {
    let _ = std::fs::remove_file(calendar);
    let runs: Vec<Vec<&std::ffi::OsStr>> = vec![
        vec!["remind".as_ref()],
        vec!["remind".as_ref(), "--days".as_ref(), "60".as_ref()],
        vec!["--lang".as_ref(), "en".as_ref(), "remind".as_ref()],
        vec!["students".as_ref()],
        vec!["students".as_ref(), "--lang=en".as_ref()],
        vec!["addresses".as_ref()],
        vec!["receipts".as_ref()],
        vec!["ics".as_ref(), calendar.as_os_str()],
    ];
    let mut seen = Vec::new();
    for args in runs {
        let what = format!("{args:?}");
        let out = sandbox.run(&args);
        assert_success(&what, &out);
        seen.push((what, text(&out.stdout)));
    }
    let written = std::fs::read_to_string(calendar).expect("ics wrote the calendar");
    seen.push(("the calendar file".into(), written));
    seen
}

/// The application on the sandbox's database, with its first screen drawn.
fn start(sandbox: &Sandbox) -> Tui {
    let mut tui = sandbox.start::<_, &str>([], COLS, ROWS);
    tui.wait_for("Påmindelser (");
    tui
}

fn quit(tui: &mut Tui) {
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "fokus exited with {status:?}");
}

/// The id `fokus students` lists for `name`.
fn student_id(sandbox: &Sandbox, name: &str) -> String {
    let out = sandbox.run(["students"]);
    assert_success("students", &out);
    text(&out.stdout)
        .lines()
        .find(|l| l.contains(name))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or_else(|| panic!("{name} is not listed"))
        .to_string()
}

#[test]
fn read_only_commands_print_the_same_while_the_application_is_open_as_after_it_closed() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    // A deletion receipt, so `receipts` has something to list.
    let id = student_id(&sandbox, "Clara Munk");
    let erased = sandbox.run(["erase-student", &id, "--name", "Clara Munk"]);
    assert_success("erase-student", &erased);
    let calendar = sandbox.root.path().join("kalender.ics");

    let mut tui = start(&sandbox);
    #[cfg(unix)]
    assert_eq!(
        support::mode(&socket(&sandbox)),
        0o600,
        "the socket is owner-only"
    );
    let while_open = read_everything(&sandbox, &calendar);
    assert!(tui.is_running(), "the application stopped");
    quit(&mut tui);
    assert!(
        !socket(&sandbox).exists(),
        "the socket outlived the application"
    );

    let after = read_everything(&sandbox, &calendar);
    for ((what, open), (_, closed)) in while_open.iter().zip(&after) {
        assert_eq!(open, closed, "{what} differs while the application is open");
    }
    let remind = &while_open[0].1;
    assert!(remind.lines().count() >= 5, "too few reminders: {remind}");
    assert!(while_open[2].1.contains("The agreement was due"));
    assert!(while_open[4].1.contains("Active"));
    assert!(while_open[5].1.contains("sikkerpost@fanoe.dk"));
    assert_eq!(while_open[6].1.lines().count(), 1, "one receipt");
    assert!(while_open[7].1.contains("kalender.ics"));
    assert!(while_open[8].1.starts_with("BEGIN:VCALENDAR"));
}

#[test]
fn the_running_application_answers_with_what_it_has_just_saved() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let mut tui = start(&sandbox);
    let remind = || {
        let out = sandbox.run(["remind"]);
        assert_success("remind", &out);
        text(&out.stdout)
    };
    let before = remind();
    // The first reminder on the start screen is marked done.
    tui.send("d");
    tui.wait_for("Påmindelsen er markeret som klaret.");
    let after = remind();
    assert_eq!(
        after.lines().count() + 1,
        before.lines().count(),
        "before:\n{before}\nafter:\n{after}"
    );
    quit(&mut tui);
    assert_eq!(remind(), after);
}

#[test]
fn commands_that_write_are_still_refused_while_the_application_is_open() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let id = student_id(&sandbox, "Amira Hassan");
    let students = text(&sandbox.run(["students"]).stdout);
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/students.csv");
    let mut tui = start(&sandbox);
    let refusals: Vec<Vec<&std::ffi::OsStr>> = vec![
        vec!["demo".as_ref()],
        vec!["import".as_ref(), csv.as_os_str()],
        vec![
            "erase-student".as_ref(),
            id.as_ref(),
            "--name".as_ref(),
            "Amira Hassan".as_ref(),
        ],
        vec!["backup".as_ref()],
        vec![],
    ];
    for args in refusals {
        let out = sandbox.run(&args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {err}");
        assert!(err.contains("allerede åben"), "{args:?}: {err}");
    }
    assert_eq!(text(&sandbox.run(["students"]).stdout), students);
    quit(&mut tui);
    assert_eq!(text(&sandbox.run(["students"]).stdout), students);
}

#[cfg(unix)]
#[test]
fn a_socket_left_by_a_killed_application_does_not_confuse_what_comes_after() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let expected = text(&sandbox.run(["remind"]).stdout);
    let mut tui = start(&sandbox);
    let pid = tui.pid().expect("the application's process id");
    // SAFETY: kill only sends a signal to the child this test started.
    assert_eq!(unsafe { libc::kill(pid as i32, libc::SIGKILL) }, 0);
    tui.wait_exit();
    assert!(
        socket(&sandbox).exists(),
        "a killed process leaves its socket"
    );

    // The lock went with the process: the command opens the database itself.
    let out = sandbox.run(["remind"]);
    assert_success("remind after the kill", &out);
    assert_eq!(text(&out.stdout), expected);

    // The next application replaces the socket and answers on it.
    let mut tui = start(&sandbox);
    let out = sandbox.run(["remind"]);
    assert_success("remind with the application started again", &out);
    assert_eq!(text(&out.stdout), expected);
    quit(&mut tui);
    assert!(!socket(&sandbox).exists());
}
