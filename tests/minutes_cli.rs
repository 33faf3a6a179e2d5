//! Agendas and minutes written by the real `fokus` binary: the `document_initials` setting
//! in `config.toml` reaches the documents, writing again leaves unchanged files alone, and
//! erasing the student removes every version written to the export folder.

mod support;

use std::path::Path;
use std::process::Output;

use support::Sandbox;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn assert_success(out: &Output) {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        stdout(out),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `fokus ARGS…` with its export folder in `exports`.
fn run(sandbox: &Sandbox, exports: &Path, args: &[&str]) -> Output {
    sandbox
        .command(args)
        .env("FOKUS_EXPORT_DIR", exports)
        .output()
        .expect("run fokus")
}

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

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn initials_on_every_page_when_configured_and_no_file_written_twice() {
    let sandbox = Sandbox::new();
    sandbox.fill_demo();
    let id = student_id(&sandbox, "Amira Hassan");
    let by_default = sandbox.root.path().join("standard");
    let out = run(&sandbox, &by_default, &["minutes", &id]);
    assert_success(&out);
    let md = stdout(&out)
        .lines()
        .find(|p| p.ends_with(".md"))
        .unwrap()
        .to_string();
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        text.starts_with("*Amira Hassan – type "),
        "the full name by default:\n{text}"
    );

    sandbox.write_config("document_initials = true\n");
    let exports = sandbox.root.path().join("referater");

    let first = run(&sandbox, &exports, &["minutes", &id]);
    assert_success(&first);
    let listed: Vec<String> = stdout(&first).lines().map(str::to_string).collect();
    assert!(listed.len() >= 2, "{listed:?}");
    for md in listed.iter().filter(|p| p.ends_with(".md")) {
        let text = std::fs::read_to_string(md).unwrap();
        assert!(text.starts_with("*AH – type "), "{md}:\n{text}");
    }
    let written = files_in(&exports);
    let before: Vec<Vec<u8>> = written
        .iter()
        .map(|n| std::fs::read(exports.join(n)).unwrap())
        .collect();

    // Nothing changed since: the same files are listed and left as they are.
    let again = run(&sandbox, &exports, &["minutes", &id]);
    assert_success(&again);
    assert_eq!(stdout(&again), stdout(&first));
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("uændret"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(files_in(&exports), written);
    for (name, bytes) in written.iter().zip(&before) {
        assert_eq!(&std::fs::read(exports.join(name)).unwrap(), bytes, "{name}");
    }

    // Another student's documents stay when she is erased; all of hers go.
    let other = student_id(&sandbox, "Noah Kristensen");
    assert_success(&run(&sandbox, &exports, &["minutes", &other]));
    let erased = run(
        &sandbox,
        &exports,
        &["erase-student", &id, "--name", "Amira Hassan"],
    );
    assert_success(&erased);
    let left = files_in(&exports);
    assert!(!left.is_empty());
    assert!(
        left.iter().all(|n| n.contains("_NK_")),
        "only Noah's files are left: {left:?}"
    );
}
