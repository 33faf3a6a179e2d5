//! `fokus key`: change the passphrase, set a new one with the recovery key, and keep the
//! key in the operating system's credential store or take it out again.

use std::process::ExitCode;
use std::time::Instant;

use super::{KEY_NEEDED, Setup, fail};
use crate::cli::KeyCommand;
use crate::crypto::{KeyError, KeyFile, Secret};
use crate::i18n::T;
use crate::store::StoreError;

/// `fokus key ACTION`.
pub fn key(setup: &Setup, action: KeyCommand) -> ExitCode {
    let lang = setup.lang;
    let file = match KeyFile::load(&setup.db_dir) {
        Ok(Some(file)) => file,
        Ok(None) => {
            let path = setup.db_dir.display().to_string();
            eprintln!(
                "fokus: {}",
                lang.fill(T::KeyNotEncrypted, &[("path", &path)])
            );
            return ExitCode::from(KEY_NEEDED);
        }
        Err(e) => return fail(lang, &StoreError::Unlock(e)),
    };
    let result = match action {
        KeyCommand::Change => change(setup, &file),
        KeyCommand::Recover => recover(setup, &file),
        KeyCommand::Remember => remember(setup, &file),
        KeyCommand::Forget => forget(setup, &file),
    };
    match result {
        Ok(said) => {
            println!("{said}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(lang, &e),
    }
}

/// A new passphrase, asked for twice at the terminal.
fn new_passphrase(setup: &Setup) -> Result<zeroize::Zeroizing<String>, StoreError> {
    if !super::unlock::can_ask() {
        eprintln!("fokus: {}", setup.lang.t(T::KeyNeedsTerminal));
        return Err(StoreError::KeyNeeded);
    }
    crate::crypto::prompt::ask_new_passphrase(setup.lang).ok_or(StoreError::KeyNeeded)
}

/// Wraps the key with a new passphrase and writes the key file; says how long it took.
fn rewrap(
    setup: &Setup,
    file: &KeyFile,
    vault: &crate::crypto::Vault,
    started: Instant,
    passphrase: &str,
) -> Result<String, StoreError> {
    let changed = file.with_passphrase(vault, passphrase.as_bytes())?;
    changed.save(&setup.db_dir)?;
    let secs = format!("{:.2}", started.elapsed().as_secs_f64());
    Ok(setup.lang.fill(T::KeyChanged, &[("secs", &secs)]))
}

fn change(setup: &Setup, file: &KeyFile) -> Result<String, StoreError> {
    let unlocked = super::unlock::vault(setup, &setup.db_dir)?;
    let passphrase = new_passphrase(setup)?;
    rewrap(setup, file, &unlocked.vault, Instant::now(), &passphrase)
}

fn recover(setup: &Setup, file: &KeyFile) -> Result<String, StoreError> {
    let lang = setup.lang;
    if !super::unlock::can_ask() {
        eprintln!("fokus: {}", lang.t(T::KeyNeedsTerminal));
        return Err(StoreError::KeyNeeded);
    }
    let typed =
        crate::tui::ask_secret(lang.t(T::KeyRecoveryPrompt)).ok_or(StoreError::KeyNeeded)?;
    let recovery = crate::crypto::recovery::RecoveryKey::parse(&typed).map_err(|e| {
        eprintln!(
            "fokus: {}",
            lang.fill(T::KeyRecoveryUnreadable, &[("error", &e.to_string())])
        );
        StoreError::Unlock(KeyError::WrongRecoveryKey)
    })?;
    let vault = file.unlock(Secret::RecoveryKey, recovery.as_bytes())?;
    let passphrase = new_passphrase(setup)?;
    rewrap(setup, file, &vault, Instant::now(), &passphrase)
}

fn remember(setup: &Setup, file: &KeyFile) -> Result<String, StoreError> {
    let unlocked = super::unlock::vault(setup, &setup.db_dir)?;
    let account = super::unlock::account(&file.id);
    crate::crypto::keystore::remember(&account, unlocked.vault.key())
        .map_err(|e| keystore_failed(setup, &e))?;
    let marker = setup.db_dir.join(super::unlock::REMEMBERED);
    crate::files::atomic::write(&marker, account.as_bytes()).map_err(|e| StoreError::Io {
        path: marker.clone(),
        source: e,
    })?;
    Ok(setup.lang.t(T::KeyRemembered).to_string())
}

fn forget(setup: &Setup, file: &KeyFile) -> Result<String, StoreError> {
    let account = super::unlock::account(&file.id);
    let _ = crate::files::atomic::remove(&setup.db_dir.join(super::unlock::REMEMBERED));
    match crate::crypto::keystore::forget(&account) {
        Ok(true) => Ok(setup.lang.t(T::KeyForgotten).to_string()),
        Ok(false) => Ok(setup.lang.t(T::KeyNotRemembered).to_string()),
        Err(e) => Err(keystore_failed(setup, &e)),
    }
}

fn keystore_failed(setup: &Setup, e: &crate::crypto::keystore::KeystoreError) -> StoreError {
    let text = crate::i18n::keystore_error(setup.lang, e);
    StoreError::Unlock(KeyError::Io(std::io::Error::other(text)))
}
