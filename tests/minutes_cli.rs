//! Agendas and minutes written by the real `fokus` binary: the `document_initials` setting
//! in `config.toml` reaches the documents.

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

#[test]
fn initials_on_every_page_when_configured() {
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

    std::fs::write(
        sandbox.config.join("config.toml"),
        "document_initials = true\n",
    )
    .unwrap();
    let exports = sandbox.root.path().join("referater");

    let first = run(&sandbox, &exports, &["minutes", &id]);
    assert_success(&first);
    let listed: Vec<String> = stdout(&first).lines().map(str::to_string).collect();
    assert!(listed.len() >= 2, "{listed:?}");
    for md in listed.iter().filter(|p| p.ends_with(".md")) {
        let text = std::fs::read_to_string(md).unwrap();
        assert!(text.starts_with("*AH – type "), "{md}:\n{text}");
    }
}
