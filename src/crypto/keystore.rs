//! Remembering a secret in the operating system's credential store, so the data can be
//! opened without typing the passphrase every time.
//!
//! The store is the one the system provides, through the `keyring` crate:
//! - macOS: the Keychain (the user's login keychain);
//! - Windows: the Credential Manager (generic credentials);
//! - Linux and the BSDs: the Secret Service (GNOME Keyring, KWallet), reached over D-Bus
//!   in pure Rust, so no C library is needed. Without a desktop session there is usually
//!   no Secret Service, and every call says the store is unavailable.
//!
//! Secrets are filed under the service name "Fokus" and an account name the caller
//! chooses (for instance the database's path).

use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, Error};
use zeroize::Zeroizing;

/// The service name secrets are filed under.
pub const SERVICE: &str = "Fokus";

/// Why the credential store could not be used.
#[derive(Debug, thiserror::Error)]
pub enum KeystoreError {
    /// There is no credential store on this machine, or it does not answer.
    #[error("no credential store: {0}")]
    Unavailable(String),
    /// The store is there but locked, or it refused access.
    #[error("the credential store refused access: {0}")]
    NoAccess(String),
    /// Anything else the store reported.
    #[error("the credential store failed: {0}")]
    Failed(String),
}

/// Keeps `secret` under `account`, replacing what was kept there.
pub fn remember(account: &str, secret: &[u8]) -> Result<(), KeystoreError> {
    remember_in(&platform_store()?, account, secret)
}

/// The secret kept under `account`, or `None` when nothing is.
pub fn recall(account: &str) -> Result<Option<Zeroizing<Vec<u8>>>, KeystoreError> {
    recall_in(&platform_store()?, account)
}

/// Removes the secret kept under `account`; `false` when there was none.
pub fn forget(account: &str) -> Result<bool, KeystoreError> {
    forget_in(&platform_store()?, account)
}

/// The operating system's store, set up on first use.
fn platform_store() -> Result<Arc<CredentialStore>, KeystoreError> {
    if let Err(e) = keyring::Entry::store_status() {
        return Err(KeystoreError::Unavailable(e.to_string()));
    }
    keyring_core::get_default_store()
        .ok_or_else(|| KeystoreError::Unavailable(Error::NoDefaultStore.to_string()))
}

fn entry(store: &Arc<CredentialStore>, account: &str) -> Result<Entry, KeystoreError> {
    Entry::new_in_store(store, SERVICE, account).map_err(classify)
}

fn remember_in(
    store: &Arc<CredentialStore>,
    account: &str,
    secret: &[u8],
) -> Result<(), KeystoreError> {
    entry(store, account)?.set_secret(secret).map_err(classify)
}

fn recall_in(
    store: &Arc<CredentialStore>,
    account: &str,
) -> Result<Option<Zeroizing<Vec<u8>>>, KeystoreError> {
    match entry(store, account)?.get_secret() {
        Ok(secret) => Ok(Some(Zeroizing::new(secret))),
        Err(Error::NoEntry) => Ok(None),
        Err(e) => Err(classify(e)),
    }
}

fn forget_in(store: &Arc<CredentialStore>, account: &str) -> Result<bool, KeystoreError> {
    match entry(store, account)?.delete_credential() {
        Ok(()) => Ok(true),
        Err(Error::NoEntry) => Ok(false),
        Err(e) => Err(classify(e)),
    }
}

fn classify(e: Error) -> KeystoreError {
    match e {
        Error::NoDefaultStore => KeystoreError::Unavailable(e.to_string()),
        Error::NoStorageAccess(_) => KeystoreError::NoAccess(e.to_string()),
        // The secret's bytes are in some variants; the message never shows them.
        Error::BadEncoding(_) | Error::BadDataFormat(..) => {
            KeystoreError::Failed(Error::BadStoreFormat(String::new()).to_string())
        }
        e => KeystoreError::Failed(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keyring_core::mock;

    fn memory() -> Arc<CredentialStore> {
        mock::Store::new().unwrap()
    }

    #[test]
    fn a_remembered_secret_is_recalled() {
        let store = memory();
        remember_in(&store, "/data/fokus", b"\x00\x01secret\xff").unwrap();
        let secret = recall_in(&store, "/data/fokus").unwrap().unwrap();
        assert_eq!(secret.as_slice(), b"\x00\x01secret\xff");
    }

    #[test]
    fn nothing_remembered_is_none_not_an_error() {
        assert!(recall_in(&memory(), "/nowhere").unwrap().is_none());
    }

    #[test]
    fn remembering_again_replaces() {
        let store = memory();
        remember_in(&store, "a", b"first").unwrap();
        remember_in(&store, "a", b"second").unwrap();
        assert_eq!(
            recall_in(&store, "a").unwrap().unwrap().as_slice(),
            b"second"
        );
    }

    #[test]
    fn forgetting_says_whether_there_was_anything() {
        let store = memory();
        remember_in(&store, "a", b"secret").unwrap();
        assert!(forget_in(&store, "a").unwrap());
        assert!(recall_in(&store, "a").unwrap().is_none());
        assert!(!forget_in(&store, "a").unwrap());
    }

    #[test]
    fn accounts_are_kept_apart() {
        let store = memory();
        remember_in(&store, "a", b"one").unwrap();
        remember_in(&store, "b", b"two").unwrap();
        assert_eq!(recall_in(&store, "a").unwrap().unwrap().as_slice(), b"one");
    }

    #[test]
    fn a_locked_store_is_told_apart_from_a_missing_one() {
        let locked = classify(Error::NoStorageAccess("locked".into()));
        assert!(matches!(locked, KeystoreError::NoAccess(_)));
        let missing = classify(Error::NoDefaultStore);
        assert!(matches!(missing, KeystoreError::Unavailable(_)));
        let other = classify(Error::PlatformFailure("boom".into()));
        assert!(matches!(other, KeystoreError::Failed(_)));
    }

    #[test]
    fn an_error_carrying_the_secret_does_not_show_it() {
        let e = classify(Error::BadEncoding(b"hunter22".to_vec()));
        assert!(!e.to_string().contains("hunter22"));
    }

    #[test]
    fn a_failing_store_is_reported_as_failed() {
        let store = memory();
        let entry = entry(&store, "a").unwrap();
        let cred: &mock::Cred = entry.as_any().downcast_ref().unwrap();
        cred.set_error(Error::PlatformFailure("disk full".into()));
        let e = entry.get_secret().map_err(classify).unwrap_err();
        assert!(matches!(e, KeystoreError::Failed(m) if m.contains("disk full")));
    }
}
