//! Erasing a student: every record, index entry, reminder mark and backup copy goes, the
//! deleted text is gone from the files, and a receipt without personal data is left.

mod support;

use chrono::{NaiveDate, NaiveDateTime};
use fokus::domain::case::{self, Ctx};
use fokus::domain::reminders::Mark;
use fokus::domain::{StudentId, WrittenFile};
use fokus::store::{self, Mode, OpenOptions, SledStore, Store, StoreError};

const MARKER: &str = "ZQXJ-unik-markør-8841";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(10, 0, 0).unwrap()
}

fn open(dir: &std::path::Path) -> SledStore {
    SledStore::open_with(dir, OpenOptions::now(now())).unwrap()
}

#[test]
fn an_erased_student_is_gone_from_every_record_file_and_backup() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    fokus::demo::fill(&store, today()).unwrap();
    let target = store
        .summaries()
        .unwrap()
        .into_iter()
        .find(|s| s.name == "Amira Hassan")
        .unwrap();
    // Mark her with text found nowhere else: a note and the minutes of a conversation.
    let mut c = store.load_case(target.id).unwrap();
    let ctx = Ctx {
        now: now(),
        by: fokus::domain::Actor::new(
            "Hanne Krogh",
            fokus::domain::Role::EducationOfficer,
            "hanne",
        ),
    };
    let mut ids = store.ids();
    let note = case::add_note(&c, &format!("Notat {MARKER}"), &ctx, &mut *ids).unwrap();
    ids.finish().unwrap();
    drop(ids);
    let mut after = c.clone();
    after.apply(&note);
    store.commit(&note, &after).unwrap();
    c = after;
    let key = store::current_reminders(&store, today(), 7)
        .unwrap()
        .into_iter()
        .find(|r| r.item.student == target.id)
        .unwrap()
        .item
        .key();
    store
        .set_mark(&key, Mark::SnoozedUntil(today().succ_opt().unwrap()))
        .unwrap();
    store.daily_backup(now()).unwrap();
    assert!(!support::holding(dir.path(), MARKER.as_bytes()).is_empty());
    let students_before = store.summaries().unwrap().len();

    let receipt = fokus::privacy::receipt(
        now(),
        &fokus::domain::Actor::new(
            "Hanne Krogh",
            fokus::domain::Role::EducationOfficer,
            "hanne",
        ),
    );
    store.erase_student(&c, &receipt).unwrap();

    assert!(matches!(
        store.load_case(target.id),
        Err(StoreError::NoSuchStudent(_))
    ));
    assert_eq!(store.summaries().unwrap().len(), students_before - 1);
    assert!(
        store
            .due_until(today() + chrono::Duration::days(3650))
            .unwrap()
            .iter()
            .all(|i| i.student != target.id)
    );
    assert!(
        store.mark(&key).unwrap().is_none(),
        "her reminder mark stays"
    );
    let receipts = store.receipts().unwrap();
    assert_eq!(receipts.len(), 1);
    assert_eq!(receipts[0].id, receipt.id);
    assert!(store.check().unwrap().is_sound());
    // Still a working database after the rewrite.
    let other = store.summaries().unwrap()[0].id;
    assert!(store.load_case(other).is_ok());
    drop(store);

    for needle in [MARKER.as_bytes(), "Amira Hassan".as_bytes()] {
        let found = support::holding(dir.path(), needle);
        assert!(
            found.is_empty(),
            "{:?} is still in {found:?}",
            String::from_utf8_lossy(needle)
        );
    }
    let reopened = open(dir.path());
    assert_eq!(reopened.mode(), Mode::Writable);
    assert_eq!(reopened.summaries().unwrap().len(), students_before - 1);
    assert!(reopened.check().unwrap().is_sound());
    let receipt_bytes = format!("{receipt:?}");
    assert!(!receipt_bytes.contains("Amira"));
}

fn written(path: &str, kind: fokus::domain::FileKind, students: &[StudentId]) -> WrittenFile {
    WrittenFile {
        path: path.into(),
        kind,
        students: students.to_vec(),
        sha256: Some([9; 32]),
        written_at: now(),
    }
}

#[test]
fn the_register_of_written_files_survives_backup_and_restore_and_loses_an_erased_student() {
    use fokus::domain::FileKind;
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    fokus::demo::fill(&store, today()).unwrap();
    let all: Vec<StudentId> = store.summaries().unwrap().iter().map(|s| s.id).collect();
    let (a, b) = (all[0], all[1]);
    let gone = StudentId(987_654_321);
    store
        .note_files(&[
            written("/ud/a.pdf", FileKind::Minutes, &[a]),
            written("/ud/fokus-kalender.ics", FileKind::Calendar, &[b, a, gone]),
            written("/ud/kopi.fokusbak", FileKind::Backup, &all),
        ])
        .unwrap();
    let files = store.written_files().unwrap();
    assert_eq!(files.len(), 3);
    let calendar = files.iter().find(|f| f.kind == FileKind::Calendar).unwrap();
    assert_eq!(
        calendar.students,
        {
            let mut both = vec![a, b];
            both.sort();
            both
        },
        "sorted, and a student who is not stored is not named"
    );
    // Writing a path again replaces its record.
    store
        .note_files(&[written("/ud/a.pdf", FileKind::Minutes, &[a])])
        .unwrap();
    assert_eq!(store.written_files().unwrap().len(), 3);
    assert!(store.check().unwrap().is_sound());

    // A backup holds the register, and a restore brings it back.
    let copy = dir.path().join("kopi.fokusbak");
    let summary = store.backup(&copy, now()).unwrap();
    assert_eq!(summary.counts.get("files"), Some(&3));
    store.daily_backup(now()).unwrap();
    let restored = tempfile::tempdir().unwrap();
    store::backup::restore(&copy, &restored.path().join("db")).unwrap();
    let back = open(&restored.path().join("db"));
    assert_eq!(
        back.written_files().unwrap(),
        store.written_files().unwrap()
    );
    drop(back);

    let case = store.load_case(a).unwrap();
    let receipt = fokus::privacy::receipt(now(), &fokus::domain::Actor::login_only("hanne"));
    store.erase_student(&case, &receipt).unwrap();
    let files = store.written_files().unwrap();
    assert_eq!(
        files.len(),
        2,
        "the file that held only her is no longer named"
    );
    assert!(files.iter().all(|f| !f.holds(a)), "{files:?}");
    assert!(
        files
            .iter()
            .any(|f| f.holds(b) && f.kind == FileKind::Calendar)
    );
    assert!(store.check().unwrap().is_sound());

    // The daily backup, purged, names her nowhere either.
    let daily = store::backup::daily_path(dir.path(), today());
    let purged = tempfile::tempdir().unwrap();
    store::backup::restore(&daily, &purged.path().join("db")).unwrap();
    let old = open(&purged.path().join("db"));
    assert_eq!(old.written_files().unwrap(), files);
    assert!(matches!(
        old.load_case(a),
        Err(StoreError::NoSuchStudent(_))
    ));
}

#[test]
fn the_check_finds_a_register_record_naming_a_student_who_is_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = open(dir.path());
        fokus::demo::fill(&store, today()).unwrap();
    }
    // Written past Fokus, as a damaged or hand-made database might hold it.
    let db = fokus::store::open_db(&dir.path().join("sled")).unwrap();
    let file = written(
        "/ud/x.pdf",
        fokus::domain::FileKind::Minutes,
        &[StudentId(987_654_321)],
    );
    db.open_tree(store::register::TREE.name())
        .unwrap()
        .insert(
            store::register::key(&file.path),
            store::codec::encode(&file).unwrap(),
        )
        .unwrap();
    db.flush().unwrap();
    drop(db);
    let report = store::integrity::check(
        &fokus::store::open_db(&dir.path().join("sled")).unwrap(),
        None,
        &store::codec::Sealing::plain(),
    )
    .unwrap();
    assert!(
        report.findings.iter().any(|f| matches!(
            f,
            store::integrity::Finding::Orphan {
                tree: store::TreeName::Files,
                ..
            }
        )),
        "{:?}",
        report.findings
    );
}

// ---------------------------------------------------------------------------------------
// The real binary: every kind of file Fokus writes, then `erase-student`, then a search of
// every file Fokus wrote for the student's name and the text of their notes.

mod everywhere {
    use std::path::{Path, PathBuf};
    use std::process::Output;
    use std::time::Instant;

    use super::support::{Key, Sandbox, TIMEOUT, Tui};

    const NAME: &str = "Jonas Ærenlund";
    const OTHER: &str = "Amira Hassan";
    /// In a note saved about the student.
    const SAVED: &str = "QX7-gemt-notat-om-angst";
    /// In notes typed about the student and never saved.
    const DRAFTS: [&str; 2] = ["QX7-kladde-om-helbred", "QX7-anden-kladde-om-familie"];
    /// In a note typed about another student and never saved.
    const THEIRS: &str = "QX7-en-andens-kladde";

    fn text(bytes: &[u8]) -> String {
        String::from_utf8_lossy(bytes).into_owned()
    }

    fn success(what: &str, out: &Output) -> String {
        assert!(
            out.status.success(),
            "{what}: exit {:?}\n{}\n{}",
            out.status.code(),
            text(&out.stdout),
            text(&out.stderr)
        );
        text(&out.stdout)
    }

    fn student_id(sandbox: &Sandbox, name: &str) -> String {
        let listed = success("students", &sandbox.run(["students"]));
        listed
            .lines()
            .find(|l| l.contains(name))
            .and_then(|l| l.split_whitespace().next())
            .unwrap_or_else(|| panic!("{name} is not listed:\n{listed}"))
            .to_string()
    }

    fn start(sandbox: &Sandbox) -> Tui {
        let mut tui = sandbox.start::<_, &str>([], 120, 40);
        tui.wait_for("Påmindelser (");
        tui
    }

    /// Kills the application as a power cut would, once the journal holds `marker`.
    fn kill_when_journaled(sandbox: &Sandbox, tui: &mut Tui, marker: &str) {
        // The journal is encrypted: it is read with the database's key.
        let sealing = fokus::store::codec::Sealing::with(crate::support::vault(&sandbox.db));
        let holds_marker = || {
            fokus::store::journal::read::<fokus::app::draft::Draft>(&sandbox.db, &sealing)
                .is_ok_and(|d| d.is_some_and(|d| format!("{d:?}").contains(marker)))
        };
        let started = Instant::now();
        while !holds_marker() {
            assert!(started.elapsed() < TIMEOUT, "{marker} was never journaled");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let pid = tui.pid().expect("the application's process id");
        // SAFETY: kill only sends a signal to the child this test started.
        assert_eq!(unsafe { libc::kill(pid as i32, libc::SIGKILL) }, 0);
        tui.wait_exit();
    }

    /// Damages the journal's checksum so that the next start sets it aside, starts the
    /// application, and returns the name it was set aside under.
    fn set_aside_at_start(sandbox: &Sandbox) -> (Tui, PathBuf) {
        let journal = sandbox.db.join("draft.journal");
        let mut bytes = std::fs::read(&journal).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        std::fs::write(&journal, bytes).unwrap();
        let before = asides(sandbox);
        let mut tui = start(sandbox);
        tui.wait_for("kunne ikke læses");
        tui.key(Key::Enter);
        let after = asides(sandbox);
        let new: Vec<_> = after.into_iter().filter(|p| !before.contains(p)).collect();
        assert_eq!(new.len(), 1, "{new:?}");
        (tui, new[0].clone())
    }

    fn asides(sandbox: &Sandbox) -> Vec<PathBuf> {
        std::fs::read_dir(&sandbox.db)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains("draft-unreadable-"))
            .collect()
    }

    /// Types a note about the student whose timeline is open; saves it when `save`.
    fn note(tui: &mut Tui, about: &str, body: &str, save: bool) {
        tui.send("b");
        tui.wait_for(&format!("Notat om {about}"));
        tui.send(body);
        if save {
            tui.key(Key::Ctrl('s'));
            tui.wait_for("Notatet er gemt.");
        }
    }

    /// Writes files from the application, from the timeline of the student: `u`, `p` on
    /// the first conversation, and `K` on the students pane.
    fn export_from_the_app(tui: &mut Tui) {
        let written = |tui: &mut Tui, key: &str| {
            tui.send(key);
            tui.wait_for("Filerne er skrevet");
            tui.key(Key::Enter);
            tui.wait_gone("Filerne er skrevet");
        };
        written(tui, "u");
        tui.key(Key::Right);
        written(tui, "p");
        tui.key(Key::Left);
        tui.send("2");
        tui.wait_for("Elever –");
        written(tui, "K");
        tui.send("3");
        tui.wait_for("Tidslinje (nyeste først)");
    }

    /// Every regular file under `dir`.
    fn files_under(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else {
                continue;
            };
            for entry in entries {
                let entry = entry.unwrap();
                let kind = entry.file_type().unwrap();
                if kind.is_dir() {
                    stack.push(entry.path());
                } else if kind.is_file() {
                    out.push(entry.path());
                }
            }
        }
        out.sort();
        out
    }

    /// What a file says, as a reader would see it: its bytes, the text of a PDF, a
    /// calendar's lines unfolded.
    fn readable(path: &Path) -> String {
        let bytes = std::fs::read(path).unwrap();
        let mut out = text(&bytes);
        if bytes.starts_with(b"%PDF") {
            let extracted = pdf_extract::extract_text_from_mem(&bytes).unwrap_or_default();
            out.push('\n');
            out.push_str(&extracted.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        out.replace("\r\n ", "").replace("\r\n\t", "")
    }

    #[test]
    fn every_file_fokus_wrote_about_an_erased_student_is_gone_or_named_on_the_receipt() {
        let sandbox = Sandbox::new();
        let root = sandbox.root.path().to_path_buf();
        let exports = root.join("eksport");
        sandbox.write_config(&format!(
            "ics_full_names = true\nexport_dir = \"{}\"\n",
            exports.display()
        ));
        sandbox.fill_demo();
        let id = student_id(&sandbox, NAME);
        let other = student_id(&sandbox, OTHER);

        // In the application: a saved note, a calendar, an access export and an agenda
        // written with K, u and p; a calendar written by `fokus ics` while it is open; and
        // a note typed but never saved when the power goes.
        let mut tui = start(&sandbox);
        tui.open_student(NAME);
        note(&mut tui, NAME, &format!("Samtale om {SAVED}"), true);
        export_from_the_app(&mut tui);
        let served = root.join("kalendere").join("mens-fokus-er-aaben.ics");
        let out = sandbox.run(["ics".as_ref(), served.as_os_str()]);
        success("ics while the application is open", &out);
        note(&mut tui, NAME, DRAFTS[0], false);
        kill_when_journaled(&sandbox, &mut tui, DRAFTS[0]);
        // The next start cannot read that journal and sets it aside; meanwhile another
        // student's text is typed and lost the same way, and set aside in its turn.
        let (mut tui, jonas_aside) = set_aside_at_start(&sandbox);
        tui.open_student(OTHER);
        note(&mut tui, OTHER, THEIRS, false);
        kill_when_journaled(&sandbox, &mut tui, THEIRS);
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let (mut tui, amira_aside) = set_aside_at_start(&sandbox);
        tui.open_student(NAME);
        note(&mut tui, NAME, DRAFTS[1], false);
        kill_when_journaled(&sandbox, &mut tui, DRAFTS[1]);

        // On the command line: minutes to the export folder and to a folder of their
        // own, an access export, a calendar, backups to a file and to the backup folder.
        let minutes = root.join("referater");
        let access = root.join("indsigt");
        let calendar = root.join("kalendere").join("alle.ics");
        let backup = root.join("kopier").join("hele-databasen.fokusbak");
        for args in [
            vec!["minutes".as_ref(), id.as_ref(), minutes.as_os_str()],
            vec!["minutes".as_ref(), other.as_ref(), minutes.as_os_str()],
            vec!["minutes".as_ref(), id.as_ref()],
            vec!["export-student".as_ref(), id.as_ref(), access.as_os_str()],
            vec!["ics".as_ref(), calendar.as_os_str()],
            vec!["backup".as_ref(), backup.as_os_str()],
            vec!["backup".as_ref()],
        ] {
            success(&format!("{args:?}"), &sandbox.run(&args));
        }

        // What the user did since: changed one document, moved another to a USB stick,
        // and put a file of their own into the access export.
        let changed = files_under(&minutes)
            .into_iter()
            .find(|p| p.to_string_lossy().ends_with(".md") && readable(p).contains(NAME))
            .unwrap();
        let mut edited = std::fs::read_to_string(&changed).unwrap();
        edited.push_str("\nSendt til skolen 24.11.\n");
        std::fs::write(&changed, edited).unwrap();
        let moved = files_under(&minutes)
            .into_iter()
            .find(|p| p.to_string_lossy().ends_with(".pdf") && readable(p).contains(NAME))
            .unwrap();
        let usb = root.join("usb");
        std::fs::create_dir(&usb).unwrap();
        std::fs::rename(&moved, usb.join(moved.file_name().unwrap())).unwrap();
        let access_folder = std::fs::read_dir(&access)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.is_dir())
            .unwrap();
        std::fs::write(access_folder.join("egne-noter.txt"), "Husk mødet.").unwrap();

        let places = [
            sandbox.db.clone(),
            exports.clone(),
            minutes.clone(),
            access.clone(),
            root.join("kalendere"),
            root.join("kopier"),
        ];
        let needles: Vec<&str> = [NAME, SAVED].into_iter().chain(DRAFTS).collect();
        let before: usize = places
            .iter()
            .flat_map(|p| files_under(p))
            .filter(|f| needles.iter().any(|n| readable(f).contains(n)))
            .count();
        assert!(before >= 20, "only {before} files held her before");

        let erased = sandbox.run(["erase-student", &id, "--name", NAME]);
        let said = success("erase-student", &erased);
        let receipts = success("receipts", &sandbox.run(["receipts"]));
        for left in [&changed, &moved, &access_folder] {
            let left = left.display().to_string();
            assert!(said.contains(&left), "{left} is not named:\n{said}");
            assert!(
                receipts.contains(&left),
                "{left} is not on the receipt:\n{receipts}"
            );
        }
        assert!(said.contains("kunne ikke fjernes"), "{said}");
        assert!(
            said.contains("Skrevet om uden eleven: sikkerhedskopien"),
            "{said}"
        );

        // Search every file Fokus wrote; a hit must be a file the receipt names.
        let mut searched = 0;
        let mut hits = Vec::new();
        for file in places.iter().flat_map(|p| files_under(p)) {
            searched += 1;
            let seen = readable(&file);
            for needle in &needles {
                if seen.contains(needle) {
                    hits.push((file.clone(), *needle));
                }
            }
        }
        let unnamed: Vec<_> = hits
            .iter()
            .filter(|(f, _)| !receipts.contains(&f.display().to_string()))
            .collect();
        println!(
            "erasure: {searched} files searched in {} places for {} strings; {} hits, \
             {} of them named on the receipt; {before} files held the student before",
            places.len(),
            needles.len(),
            hits.len(),
            hits.len() - unnamed.len()
        );
        assert!(unnamed.is_empty(), "not named on the receipt: {unnamed:?}");
        assert_eq!(
            hits.iter().map(|(f, _)| f).collect::<Vec<_>>(),
            [&changed],
            "only the document the user changed still holds her"
        );

        // Another student's data stays: their minutes, their unsaved text, the calendars.
        assert!(!jonas_aside.exists(), "her set-aside draft is erased");
        assert!(amira_aside.exists(), "another student's unsaved text stays");
        assert!(!sandbox.db.join("draft.journal").exists());
        assert!(
            files_under(&minutes)
                .iter()
                .any(|f| readable(f).contains(OTHER))
        );
        for ics in [&calendar, &served, &exports.join("fokus-kalender.ics")] {
            let rest = std::fs::read_to_string(ics).unwrap();
            assert!(rest.contains("BEGIN:VEVENT"), "{}", ics.display());
        }
        assert!(success("check", &sandbox.run(["check"])).contains("i orden"));

        // The next start offers nothing of hers back.
        let mut tui = start(&sandbox);
        std::thread::sleep(std::time::Duration::from_millis(500));
        assert!(!tui.screen().contains("ikke blev gemt"), "{}", tui.screen());
        tui.send("q");
        assert!(tui.wait_exit().success());
    }
}
