//! Encryption at rest: nothing a user typed can be found in the bytes under the database
//! folder, and every way the key or the records can be wrong is refused, saying which.

mod support;

use std::path::Path;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use fokus::app::dialogs::prompt::PromptKind;
use fokus::app::draft::{Draft, EditorDraft};
use fokus::crypto::{Kdf, KeyError, KeyFile, Secret, Vault};
use fokus::domain::case::{self, Ctx};
use fokus::domain::{CaseChange, StudentId};
use fokus::store::codec::Sealing;
use fokus::store::{self, OpenOptions, SledStore, Store, StoreError, journal};

/// Twenty strings found nowhere else: names with æøå, a CPR-like number, health terms.
const SECRETS: [&str; 20] = [
    "Søren Ærø Østergård",
    "Åse Bøgh-Mølgaard",
    "Frederikke Æbeløe",
    "Jørgen Løkkegård",
    "130289-4417",
    "010101-1234",
    "angstlidelse med panikanfald",
    "ordblindhed konstateret",
    "depressionsbehandling hos egen læge",
    "spiseforstyrrelse anoreksi",
    "ADHD-udredning bestilt",
    "misbrug af hash i weekenden",
    "diskusprolaps i lænden",
    "selvskadende adfærd",
    "familien på krisecenter",
    "gæld til Skattestyrelsen",
    "sprogstøtte dansk som andetsprog",
    "epilepsi med anfald på arbejdet",
    "skilsmisse og forældremyndighed",
    "medicin mod bipolar lidelse",
];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(10, 0, 0).unwrap()
}

fn ctx() -> Ctx {
    Ctx {
        now: now(),
        by: fokus::domain::Actor::new(
            "Hanne Krogh",
            fokus::domain::Role::EducationOfficer,
            "hanne",
        ),
    }
}

/// A new key for the database in `dir`, saved there, at the cheapest cost (the cost is
/// measured in the benchmark; here it would only slow the tests).
fn new_key(dir: &Path, passphrase: &str) -> Arc<Vault> {
    std::fs::create_dir_all(dir).unwrap();
    let (file, vault) =
        KeyFile::create(passphrase.as_bytes(), b"recovery", Kdf::cheapest()).unwrap();
    file.save(dir).unwrap();
    Arc::new(vault)
}

fn open(dir: &Path, vault: &Arc<Vault>) -> Result<SledStore, StoreError> {
    SledStore::open_with(dir, OpenOptions::now(now()).sealed(Arc::clone(vault)))
}

/// Where each secret is found under `dir`, in any file, as UTF-8.
fn found(dir: &Path) -> Vec<(&'static str, Vec<std::path::PathBuf>)> {
    SECRETS
        .iter()
        .map(|s| (*s, support::holding(dir, s.as_bytes())))
        .filter(|(_, files)| !files.is_empty())
        .collect()
}

/// Puts the twenty secrets into a demo database: the student's details, notes, minutes,
/// an agreement, the draft journal, and a backup. Returns the student they are about.
fn fill_with_secrets(dir: &Path, store: &SledStore) -> StudentId {
    fokus::demo::fill(store, today()).unwrap();
    let summaries = store.summaries().unwrap();
    let mut with_conversation = None;
    for s in &summaries {
        let c = store.load_case(s.id).unwrap();
        if !c.conversations.is_empty() && !c.agreements.is_empty() {
            with_conversation = Some(c);
            break;
        }
    }
    let mut c = with_conversation.expect("a demo case with minutes and an agreement");
    let id = c.id();
    let mut change = CaseChange::default();
    let mut student = c.student.clone();
    student.name = SECRETS[0].to_string();
    student.unit = format!("{} / {}", SECRETS[1], SECRETS[4]);
    change.student = Some(student);
    let mut conversation = c.conversations[0].clone();
    conversation.minutes.welcome = SECRETS[5].to_string();
    conversation.minutes.learning_needs = SECRETS[6].to_string();
    conversation.minutes.measures = SECRETS[7].to_string();
    conversation.minutes.closing = SECRETS[8].to_string();
    change.conversations.push(conversation);
    let mut agreement = c.agreements[0].clone();
    agreement.text = format!("{} – {}", SECRETS[9], SECRETS[10]);
    agreement.owner_name = SECRETS[2].to_string();
    change.agreements.push(agreement);
    let mut after = c.clone();
    after.apply(&change);
    store.commit(&change, &after).unwrap();
    c = after;
    let mut ids = store.ids();
    for text in &SECRETS[11..16] {
        let note = case::add_note(&c, text, &ctx(), &mut *ids).unwrap();
        let mut next = c.clone();
        next.apply(&note);
        store.commit(&note, &next).unwrap();
        c = next;
    }
    ids.finish().unwrap();
    let draft = Draft {
        written_at: now(),
        student: id,
        student_name: SECRETS[3].to_string(),
        editors: vec![EditorDraft::Prompt {
            kind: PromptKind::Note,
            student: id,
            text: SECRETS[16..].join("; "),
        }],
    };
    journal::write(dir, &store.sealing(), &draft).unwrap();
    store.daily_backup(now()).unwrap();
    store
        .backup(&dir.join("backups").join("manual.fokusbak"), now())
        .unwrap();
    id
}

#[test]
fn nothing_typed_is_found_in_the_bytes_of_an_encrypted_database() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("db");
    let vault = new_key(&dir, "en lang og god adgangssætning");
    let store = open(&dir, &vault).unwrap();
    let id = fill_with_secrets(&dir, &store);
    store.flush().unwrap();
    drop(store);
    assert_eq!(found(&dir), Vec::new());

    // Everything is still there to the key's holder.
    let store = open(&dir, &vault).unwrap();
    let case = store.load_case(id).unwrap();
    assert_eq!(case.student.name, SECRETS[0]);
    assert!(
        case.events
            .iter()
            .any(|e| format!("{e:?}").contains(SECRETS[12]))
    );
    let draft: Draft = journal::read(&dir, &store.sealing()).unwrap().unwrap();
    assert_eq!(draft.student_name, SECRETS[3]);
    drop(store);

    // A new passphrase rewrites the key file only; nothing appears.
    let file = KeyFile::load(&dir).unwrap().unwrap();
    let changed = file
        .with_passphrase(&vault, "en helt anden sætning".as_bytes())
        .unwrap();
    changed.save(&dir).unwrap();
    assert_eq!(found(&dir), Vec::new());
    let again = changed
        .unlock(Secret::Passphrase, "en helt anden sætning".as_bytes())
        .unwrap();
    let store = open(&dir, &Arc::new(again)).unwrap();
    assert_eq!(store.load_case(id).unwrap().student.name, SECRETS[0]);

    // Erased: nothing appears either, and the student is gone.
    let case = store.load_case(id).unwrap();
    let receipt = fokus::privacy::receipt(now(), &ctx().by);
    let places = fokus::privacy::erase::Places {
        db_dir: Some(&dir),
        export_dir: &root.path().join("exports"),
    };
    fokus::privacy::erase::erase(&store, &case, receipt, places, fokus::i18n::Lang::Da).unwrap();
    assert!(matches!(
        store.load_case(id),
        Err(StoreError::NoSuchStudent(_))
    ));
    drop(store);
    assert_eq!(found(&dir), Vec::new());
}

#[test]
fn the_same_database_in_the_clear_shows_every_secret_so_the_search_above_can_fail() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("db");
    let store = SledStore::open_with(&dir, OpenOptions::now(now())).unwrap();
    fill_with_secrets(&dir, &store);
    store.flush().unwrap();
    drop(store);
    let shown: Vec<&str> = found(&dir).into_iter().map(|(s, _)| s).collect();
    let missing: Vec<&&str> = SECRETS.iter().filter(|s| !shown.contains(s)).collect();
    assert_eq!(missing, Vec::<&&str>::new());
}

#[test]
fn a_database_in_the_clear_is_sealed_in_place_after_a_backup_and_nothing_is_lost() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("db");
    let store = SledStore::open_with(&dir, OpenOptions::now(now())).unwrap();
    let id = fill_with_secrets(&dir, &store);
    let before = store.load_case(id).unwrap();
    let students = store.summaries().unwrap();
    drop(store);

    let vault = new_key(&dir, "ny adgangssætning til gammel base");
    let store = open(&dir, &vault).unwrap();
    assert_eq!(store.mode(), store::Mode::Writable);
    assert_eq!(store.load_case(id).unwrap(), before);
    assert_eq!(store.summaries().unwrap(), students);
    assert!(store.check().unwrap().is_sound());
    drop(store);
    // The database's own files hold nothing in the clear; the backups from before do,
    // until the user lets them go.
    let outside_backups: Vec<_> = found(&dir)
        .into_iter()
        .flat_map(|(_, files)| files)
        .filter(|f| !f.starts_with(dir.join("backups")))
        .filter(|f| !f.ends_with(journal::FILE))
        .collect();
    assert_eq!(outside_backups, Vec::<std::path::PathBuf>::new());
    let backups = store::backup::list(&dir);
    let clear: Vec<_> = backups
        .iter()
        .filter(|b| store::backup::holds_unsealed(&b.path).unwrap())
        .collect();
    assert!(
        !clear.is_empty(),
        "the backup made before sealing is in the clear"
    );
    assert!(
        backups
            .iter()
            .any(|b| !store::backup::holds_unsealed(&b.path).unwrap()),
        "a sealed backup is made at once"
    );
}

#[test]
fn an_encrypted_database_without_its_key_or_with_another_is_refused_and_untouched() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("db");
    let vault = new_key(&dir, "den rigtige");
    let store = open(&dir, &vault).unwrap();
    fokus::demo::fill(&store, today()).unwrap();
    drop(store);
    let before = support::snapshot(&dir);
    assert!(matches!(
        SledStore::open_with(&dir, OpenOptions::now(now())),
        Err(StoreError::KeyNeeded)
    ));
    let other = Arc::new(KeyFile::create(b"x", b"y", Kdf::cheapest()).unwrap().1);
    assert!(matches!(open(&dir, &other), Err(StoreError::ForeignKey)));
    let file = KeyFile::load(&dir).unwrap().unwrap();
    assert!(matches!(
        file.unlock(Secret::Passphrase, b"den forkerte"),
        Err(KeyError::WrongPassphrase)
    ));
    assert_eq!(support::snapshot(&dir), before, "nothing was written");
}

#[test]
fn records_swapped_between_students_do_not_decrypt_and_are_reported_as_damage() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("db");
    let vault = new_key(&dir, "bytte");
    let store = open(&dir, &vault).unwrap();
    fokus::demo::fill(&store, today()).unwrap();
    let ids: Vec<StudentId> = store.summaries().unwrap().iter().map(|s| s.id).collect();
    drop(store);
    // Swap two students' records in sled's files, and make the manifest agree, so that
    // only the encryption can tell.
    {
        let db = store::open_db(&dir.join("sled")).unwrap();
        let students = db.open_tree("students").unwrap();
        let a = students.get(ids[0].0.to_be_bytes()).unwrap().unwrap();
        let b = students.get(ids[1].0.to_be_bytes()).unwrap().unwrap();
        students.insert(ids[0].0.to_be_bytes(), b).unwrap();
        students.insert(ids[1].0.to_be_bytes(), a).unwrap();
        db.flush().unwrap();
    }
    let store = open(&dir, &vault).unwrap();
    store
        .rebuild_manifest(Some(store::Consent::decided_by_user()))
        .unwrap();
    let err = store.load_case(ids[0]).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Codec {
                tree: "students",
                source: store::CodecError::Tampered
            }
        ),
        "{err:?}"
    );
    let said = fokus::i18n::store_error(fokus::i18n::Lang::En, &err);
    assert!(said.contains("damaged"), "{said}");
    let report = store.check().unwrap();
    assert!(report.findings.iter().any(|f| matches!(
        f,
        store::integrity::Finding::Unreadable {
            error: store::CodecError::Tampered,
            ..
        }
    )));
}

#[test]
fn a_journal_from_another_database_is_refused_as_foreign_and_a_damaged_one_as_damaged() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (root.path().join("a"), root.path().join("b"));
    let (va, vb) = (new_key(&a, "a"), new_key(&b, "b"));
    let draft = Draft {
        written_at: now(),
        student: StudentId(1),
        student_name: SECRETS[5].to_string(),
        editors: Vec::new(),
    };
    journal::write(&a, &Sealing::with(Arc::clone(&va)), &draft).unwrap();
    std::fs::copy(journal::path(&a), journal::path(&b)).unwrap();
    assert!(matches!(
        journal::read::<Draft>(&b, &Sealing::with(vb)),
        Err(journal::JournalError::Foreign)
    ));
    assert!(support::holding(&a, SECRETS[5].as_bytes()).is_empty());
    // The same journal with one byte changed in its sealed part, checksum mended.
    let mut bytes = std::fs::read(journal::path(&a)).unwrap();
    let n = bytes.len();
    bytes[n - 20] ^= 1;
    let body = n - 8;
    let sum = store::manifest::record_hash(journal::FILE, &[], &bytes[..body]);
    bytes[body..].copy_from_slice(&sum.to_le_bytes());
    std::fs::write(journal::path(&a), &bytes).unwrap();
    assert!(matches!(
        journal::read::<Draft>(&a, &Sealing::with(va)),
        Err(journal::JournalError::Damaged)
    ));
}

#[test]
fn a_damaged_key_file_is_refused_as_damaged_and_one_damaged_copy_is_mended() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("db");
    let vault = new_key(&dir, "nøgle");
    drop(open(&dir, &vault).unwrap());
    let [first, second] = KeyFile::paths(&dir);
    let flip = |p: &Path| {
        let mut bytes = std::fs::read(p).unwrap();
        let n = bytes.len();
        bytes[n / 2] ^= 0x10;
        std::fs::write(p, bytes).unwrap();
    };
    flip(&first);
    let file = KeyFile::load(&dir).unwrap().unwrap();
    assert!(file.unlock(Secret::Passphrase, "nøgle".as_bytes()).is_ok());
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
    flip(&first);
    flip(&second);
    assert!(matches!(KeyFile::load(&dir), Err(KeyError::Damaged)));
    let said = fokus::i18n::key_error(fokus::i18n::Lang::En, &KeyError::Damaged);
    assert!(said.contains("damaged"), "{said}");
}

#[test]
fn a_sealed_backup_restores_with_its_key_file_and_opens_with_the_passphrase() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("db");
    let vault = new_key(&dir, "gendan mig");
    let store = open(&dir, &vault).unwrap();
    let id = fill_with_secrets(&dir, &store);
    let backup = dir.join("backups").join("manual.fokusbak");
    let case = store.load_case(id).unwrap();
    drop(store);
    assert!(!store::backup::holds_unsealed(&backup).unwrap());
    let target = root.path().join("restored");
    store::backup::restore(&backup, &target).unwrap();
    let file = KeyFile::load(&target)
        .unwrap()
        .expect("the key file came with the backup");
    let restored = Arc::new(
        file.unlock(Secret::Passphrase, "gendan mig".as_bytes())
            .unwrap(),
    );
    let store = open(&target, &restored).unwrap();
    assert_eq!(store.load_case(id).unwrap(), case);
    assert!(store.check().unwrap().is_sound());
    drop(store);
    assert_eq!(found(&target), Vec::new());
}
