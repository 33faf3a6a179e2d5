//! Unlocking the database's key before anything is read, and setting a passphrase the
//! first time.
//!
//! The passphrase comes from, in this order: `FOKUS_PASSPHRASE_FILE` (a file only its
//! owner may read), `FOKUS_PASSPHRASE`, the operating system's credential store (after
//! `fokus key remember`, which keeps the data key there), or a prompt at the terminal.
//! Without any of them a command ends with status 5, saying so. The demo database, which
//! holds fictional students only, is encrypted like any other with the passphrase `demo`,
//! unlocked without asking.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use zeroize::Zeroizing;

use super::Setup;
use crate::crypto::{Kdf, KeyError, KeyFile, Secret, Vault};
use crate::i18n::T;
use crate::store::{Compare, SledStore, StoreError, backup, codec, journal};

/// The environment variable holding the passphrase.
pub const PASSPHRASE_VAR: &str = "FOKUS_PASSPHRASE";
/// The environment variable naming a file that holds the passphrase.
pub const PASSPHRASE_FILE_VAR: &str = "FOKUS_PASSPHRASE_FILE";
/// The demo database's passphrase.
pub const DEMO_PASSPHRASE: &str = "demo";
/// How many times a passphrase is asked for before giving up.
const TRIES: u8 = 3;

/// The unlocked key of the database, and whether it was made just now.
pub(super) struct Unlocked {
    pub vault: Arc<Vault>,
    /// A key made now for a database that already held records in the clear: they are
    /// sealed as the database opens.
    pub sealing_existing: bool,
}

/// Whether a passphrase can be asked for at a terminal.
pub(super) fn can_ask() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// A passphrase from the environment: the file `FOKUS_PASSPHRASE_FILE` names (which must
/// be readable by its owner only), else `FOKUS_PASSPHRASE`.
fn from_environment() -> Result<Option<Zeroizing<String>>, StoreError> {
    if let Some(path) = std::env::var_os(PASSPHRASE_FILE_VAR).filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        let io = |e: std::io::Error| StoreError::Unlock(KeyError::Io(e));
        if !crate::files::fsperm::is_private(&path).map_err(io)? {
            return Err(StoreError::PassphraseFileOpen(path));
        }
        let text = Zeroizing::new(std::fs::read_to_string(&path).map_err(io)?);
        let line = text.lines().next().unwrap_or("");
        return Ok(Some(Zeroizing::new(line.to_string())));
    }
    Ok(std::env::var(PASSPHRASE_VAR)
        .ok()
        .filter(|p| !p.is_empty())
        .map(Zeroizing::new))
}

/// The file that says the database's key is in the credential store.
pub(super) const REMEMBERED: &str = "key.remembered";

/// Whether `fokus key remember` put the key of the database in `dir` in the store.
fn dir_remembers(dir: &Path) -> bool {
    dir.join(REMEMBERED).exists()
}

/// The account a database's key is kept under in the credential store.
pub(super) fn account(id: &crate::crypto::DatabaseId) -> String {
    let hex: String = id.iter().map(|b| format!("{b:02x}")).collect();
    format!("database-{hex}")
}

/// The key of the database in `dir`, unlocked; made first (asking for a new
/// passphrase and showing the recovery key) where the database has none.
pub(super) fn vault(setup: &Setup, dir: &Path) -> Result<Unlocked, StoreError> {
    match KeyFile::load(dir)? {
        Some(file) => Ok(Unlocked {
            vault: Arc::new(unlock(setup, &file)?),
            sealing_existing: false,
        }),
        None => {
            let had_records = crate::store::has_data_file(&dir.join("sled"));
            let vault = create(setup, dir)?;
            Ok(Unlocked {
                vault: Arc::new(vault),
                sealing_existing: had_records,
            })
        }
    }
}

/// Unlocks `file` with the passphrase from wherever it is to be had.
fn unlock(setup: &Setup, file: &KeyFile) -> Result<Vault, StoreError> {
    if let Some(passphrase) = from_environment()? {
        return Ok(file.unlock(Secret::Passphrase, passphrase.as_bytes())?);
    }
    if setup.demo {
        return Ok(file.unlock(Secret::Passphrase, DEMO_PASSPHRASE.as_bytes())?);
    }
    // The credential store is asked only where `fokus key remember` put the key: asking
    // a desktop's store that has none can take seconds.
    if dir_remembers(&setup.db_dir)
        && let Ok(Some(key)) = crate::crypto::keystore::recall(&account(&file.id))
        && let Ok(key) = <[u8; 32]>::try_from(key.as_slice())
    {
        return Ok(Vault::new(Zeroizing::new(key), file.id));
    }
    if !can_ask() {
        return Err(StoreError::KeyNeeded);
    }
    for attempt in 1..=TRIES {
        let Some(passphrase) = crate::crypto::prompt::ask_passphrase(setup.lang, attempt) else {
            return Err(StoreError::KeyNeeded);
        };
        match file.unlock(Secret::Passphrase, passphrase.as_bytes()) {
            Err(KeyError::WrongPassphrase) if attempt < TRIES => continue,
            other => return Ok(other?),
        }
    }
    Err(StoreError::Unlock(KeyError::WrongPassphrase))
}

/// A new key for the database in `dir`, wrapped by a passphrase (asked for twice,
/// or from the environment) and a recovery key (shown once), saved before anything is
/// sealed with it.
fn create(setup: &Setup, dir: &Path) -> Result<Vault, StoreError> {
    let lang = setup.lang;
    let recovery = crate::crypto::recovery::RecoveryKey::generate().map_err(|e| {
        StoreError::Unlock(KeyError::Random(crate::crypto::vault::NoRandomness(
            e.to_string(),
        )))
    })?;
    let given = from_environment()?;
    let from_environment = given.is_some();
    let passphrase = if let Some(p) = given {
        p
    } else if setup.demo {
        Zeroizing::new(DEMO_PASSPHRASE.to_string())
    } else if can_ask() {
        crate::crypto::prompt::ask_new_passphrase(lang).ok_or(StoreError::KeyNeeded)?
    } else {
        return Err(StoreError::KeyNeeded);
    };
    let (file, vault) =
        KeyFile::create(passphrase.as_bytes(), recovery.as_bytes(), Kdf::default())?;
    // The recovery key is shown before the key file exists: a user who cannot confirm it
    // has lost nothing, and is asked again at the next start.
    // A passphrase from the environment is a script's: the key is printed, not asked
    // back. The demo's fictional data need none.
    if from_environment {
        eprintln!(
            "{}",
            lang.fill(T::RecoveryKeyPrinted, &[("key", recovery.as_str())])
        );
    } else if !setup.demo && !crate::crypto::prompt::show_recovery_key(lang, &recovery) {
        return Err(StoreError::KeyNeeded);
    }
    crate::files::fsperm::private_dir(dir).map_err(|e| StoreError::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    file.save(dir)?;
    Ok(vault)
}

/// Opens the database in `dir` sealed with `unlocked`'s key. A database whose records were in the
/// clear has them sealed before this returns (after a backup), and the copies in the clear
/// left beside it are removed, securely, once the user agrees.
pub(super) fn open_sealed(
    setup: &Setup,
    dir: &Path,
    compare: Compare,
    unlocked: Unlocked,
) -> Result<SledStore, StoreError> {
    let lang = setup.lang;
    let compare = if unlocked.sealing_existing {
        eprintln!("fokus: {}", lang.t(T::SealingDatabase));
        Compare::BeforeReturning
    } else {
        compare
    };
    let options = setup
        .open_options(compare)
        .sealed(Arc::clone(&unlocked.vault));
    let store = SledStore::open_with(dir, options)?;
    if unlocked.sealing_existing {
        let sealing = codec::Sealing::with(unlocked.vault);
        reseal_journals(dir, &sealing);
        let left = in_the_clear(dir);
        if !left.is_empty() {
            remove_with_consent(setup, &left);
        }
    }
    Ok(store)
}

/// Seals the set-aside draft journals still in the clear (kept for the user, so rewritten
/// rather than removed); the current journal is sealed when it is next written.
fn reseal_journals(dir: &Path, sealing: &codec::Sealing) {
    let Ok(all) = journal::all(dir) else {
        return;
    };
    for path in all {
        if path.file_name().is_some_and(|n| n == journal::FILE) {
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        if journal::is_sealed(&bytes) {
            continue;
        }
        let plain = codec::Sealing::plain();
        if let Some(draft) = journal::decode_any::<crate::app::draft::Draft>(&plain, &bytes)
            && let Ok(sealed) = journal::encode(sealing, &draft)
        {
            let _ = crate::files::atomic::write(&path, &sealed);
        }
    }
}

/// What still holds records in the clear beside a database whose records are sealed:
/// backups from before, folders set aside by `fokus check --start-over`, and set-aside
/// journals that could not be sealed.
pub(super) fn in_the_clear(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = backup::list(dir)
        .into_iter()
        .map(|b| b.path)
        .filter(|p| backup::holds_unsealed(p).unwrap_or(true))
        .collect();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("sled.set-aside-") {
                out.push(entry.path());
            }
        }
    }
    for path in journal::all(dir).unwrap_or_default() {
        let is_current = path.file_name().is_some_and(|n| n == journal::FILE);
        if !is_current && std::fs::read(&path).is_ok_and(|b| !journal::is_sealed(&b)) {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Asks whether the copies in the clear may go, and removes them securely if so. The demo
/// database's go without asking; without a terminal they stay, and that is said.
fn remove_with_consent(setup: &Setup, left: &[PathBuf]) {
    let lang = setup.lang;
    let listed: Vec<String> = left.iter().map(|p| format!("  {}", p.display())).collect();
    let agreed = setup.demo
        || (can_ask() && {
            eprintln!(
                "{}\n{}",
                lang.fill(T::ClearCopiesFound, &[("n", &left.len().to_string())]),
                listed.join("\n")
            );
            super::maintenance::confirmed(lang, T::ClearCopiesWord)
        });
    if !agreed {
        eprintln!("fokus: {}", lang.t(T::ClearCopiesKept));
        return;
    }
    for path in left {
        let result = if path.is_dir() {
            crate::files::shred::dir(path)
        } else {
            crate::files::shred::file(path)
        };
        if let Err(e) = result {
            let text = lang.fill(
                T::ClearCopyFailed,
                &[
                    ("path", &path.display().to_string()),
                    ("error", &e.to_string()),
                ],
            );
            eprintln!("fokus: {text}");
        }
    }
    eprintln!(
        "fokus: {}",
        lang.fill(T::ClearCopiesRemoved, &[("n", &left.len().to_string())])
    );
}

/// Unlocks and opens the database in `dir`.
pub(super) fn open(setup: &Setup, dir: &Path, compare: Compare) -> Result<SledStore, StoreError> {
    let unlocked = vault(setup, dir)?;
    open_sealed(setup, dir, compare, unlocked)
}
