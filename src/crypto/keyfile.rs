//! The key file: the database's data key, wrapped twice — by a key derived from the
//! passphrase with Argon2id, and by the recovery key — with the derivation's parameters
//! beside it so they can be raised later. Nothing in it opens without one of the two.
//!
//! It lives in the database folder as `key`, with a second copy `key.copy` written after
//! it: a damaged or missing file is read from the other. Each file is the record envelope
//! (see `store::codec`) and a checksum, written atomically.

use std::io;
use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::vault::{self, DatabaseId, ID_LEN, KEY_LEN, NoRandomness, SecretKey, Vault};
use crate::files::atomic;
use crate::store::codec::{self, CodecError, Versioned};
use crate::store::manifest::record_hash;

/// The key file's name in the database folder.
pub const FILE: &str = "key";
/// Its second copy.
pub const COPY: &str = "key.copy";
const SALT_LEN: usize = 16;

/// Argon2id's cost. The default is RFC 9106's second recommended setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kdf {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over the memory.
    pub passes: u32,
    /// Lanes.
    pub lanes: u32,
}

impl Default for Kdf {
    fn default() -> Kdf {
        Kdf {
            memory_kib: 64 * 1024,
            passes: 3,
            lanes: 4,
        }
    }
}

impl Kdf {
    /// The cheapest setting Argon2 allows: for tests that make many databases, never for a
    /// user's key (the application always uses [`Kdf::default`] or a stored setting).
    pub fn cheapest() -> Kdf {
        Kdf {
            memory_kib: 8 * 4,
            passes: 1,
            lanes: 4,
        }
    }

    fn derive(&self, secret: &[u8], salt: &[u8]) -> Result<SecretKey, KeyError> {
        let params = Params::new(self.memory_kib, self.passes, self.lanes, Some(KEY_LEN))
            .map_err(|_| KeyError::Damaged)?;
        let mut out = Zeroizing::new([0u8; KEY_LEN]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(secret, salt, out.as_mut())
            .map_err(|_| KeyError::Damaged)?;
        Ok(out)
    }
}

/// The data key sealed by a key derived from a secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wrapped {
    /// The derivation's cost, kept with each copy so either can be raised on its own.
    pub kdf: Kdf,
    salt: [u8; SALT_LEN],
    sealed: Vec<u8>,
}

/// Which secret unlocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Secret {
    Passphrase,
    RecoveryKey,
}

impl Secret {
    fn aad(self, id: &DatabaseId) -> Vec<u8> {
        let mut aad = b"fokus-key/".to_vec();
        aad.extend_from_slice(match self {
            Secret::Passphrase => b"passphrase/",
            Secret::RecoveryKey => b"recovery/",
        });
        aad.extend_from_slice(id);
        aad
    }
}

/// The key file's contents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFile {
    pub id: DatabaseId,
    passphrase: Wrapped,
    recovery: Wrapped,
}

/// Why a key could not be unlocked, made or kept.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("the passphrase is not this database's")]
    WrongPassphrase,
    #[error("the recovery key is not this database's")]
    WrongRecoveryKey,
    #[error("the key file is damaged (both copies)")]
    Damaged,
    #[error("the key file was written by a newer Fokus (format {0})")]
    Newer(u16),
    #[error("{0}")]
    Random(#[from] NoRandomness),
    #[error("the key file cannot be read or written: {0}")]
    Io(#[from] io::Error),
}

impl Versioned for KeyFile {
    /// Key files are written from format 6 on; their layout has not changed since.
    fn upgrade(version: u16, body: &[u8]) -> Result<Self, CodecError> {
        match version {
            6 => crate::store::codec::payload(body),
            other => Err(CodecError::UnknownVersion(other)),
        }
    }
}

fn wrap(
    kdf: &Kdf,
    which: Secret,
    id: &DatabaseId,
    secret: &[u8],
    key: &[u8; KEY_LEN],
) -> Result<Wrapped, KeyError> {
    let mut salt = [0u8; SALT_LEN];
    vault::random(&mut salt)?;
    let wrapping = kdf.derive(secret, &salt)?;
    let sealed = vault::seal_with(&wrapping, &which.aad(id), key)?;
    Ok(Wrapped {
        kdf: *kdf,
        salt,
        sealed,
    })
}

impl KeyFile {
    /// A new database key, wrapped by `passphrase` and by `recovery`.
    pub fn create(
        passphrase: &[u8],
        recovery: &[u8],
        kdf: Kdf,
    ) -> Result<(KeyFile, Vault), KeyError> {
        let mut id = [0u8; ID_LEN];
        vault::random(&mut id)?;
        let key = vault::new_key()?;
        let file = KeyFile {
            id,
            passphrase: wrap(&kdf, Secret::Passphrase, &id, passphrase, &key)?,
            recovery: wrap(&kdf, Secret::RecoveryKey, &id, recovery, &key)?,
        };
        Ok((file, Vault::new(key, id)))
    }

    /// Unlocks the data key with `secret`.
    pub fn unlock(&self, which: Secret, secret: &[u8]) -> Result<Vault, KeyError> {
        let wrapped = match which {
            Secret::Passphrase => &self.passphrase,
            Secret::RecoveryKey => &self.recovery,
        };
        let wrapping = wrapped.kdf.derive(secret, &wrapped.salt)?;
        let opened =
            vault::open_with(&wrapping, &which.aad(&self.id), &wrapped.sealed).map_err(|_| {
                match which {
                    Secret::Passphrase => KeyError::WrongPassphrase,
                    Secret::RecoveryKey => KeyError::WrongRecoveryKey,
                }
            })?;
        let key: [u8; KEY_LEN] = opened
            .as_slice()
            .try_into()
            .map_err(|_| KeyError::Damaged)?;
        Ok(Vault::new(Zeroizing::new(key), self.id))
    }

    /// This key file with the data key of `vault` wrapped by a new passphrase, at the
    /// stored cost or the current default, whichever is higher; the recovery key's copy is
    /// kept as it is.
    pub fn with_passphrase(&self, vault: &Vault, passphrase: &[u8]) -> Result<KeyFile, KeyError> {
        let (old, new) = (self.passphrase.kdf, Kdf::default());
        let kdf = Kdf {
            memory_kib: old.memory_kib.max(new.memory_kib),
            passes: old.passes.max(new.passes),
            lanes: old.lanes.max(new.lanes),
        };
        Ok(KeyFile {
            id: self.id,
            passphrase: wrap(&kdf, Secret::Passphrase, &self.id, passphrase, vault.key())?,
            recovery: self.recovery.clone(),
        })
    }

    /// The cost of deriving the passphrase's key.
    pub fn passphrase_kdf(&self) -> Kdf {
        self.passphrase.kdf
    }

    /// Whether the database in `dir` has a key file (either copy, readable or not).
    pub fn exists(dir: &Path) -> bool {
        dir.join(FILE).exists() || dir.join(COPY).exists()
    }

    /// Reads the key file of the database in `dir`: `None` if it has none. A damaged copy
    /// is read from the other and mended.
    pub fn load(dir: &Path) -> Result<Option<KeyFile>, KeyError> {
        let first = read(&dir.join(FILE));
        let second = read(&dir.join(COPY));
        match (first, second) {
            (Read::Missing, Read::Missing) => Ok(None),
            (Read::Good(a), Read::Good(b)) if a == b => Ok(Some(a)),
            // The first is written first: where the two differ, a change stopped between
            // them, and the first holds it.
            (Read::Good(a), _) => {
                let _ = write(&dir.join(COPY), &a);
                Ok(Some(a))
            }
            (_, Read::Good(b)) => {
                let _ = write(&dir.join(FILE), &b);
                Ok(Some(b))
            }
            (Read::Newer(v), _) | (_, Read::Newer(v)) => Err(KeyError::Newer(v)),
            (Read::Failed(e), _) | (_, Read::Failed(e)) => Err(KeyError::Io(e)),
            _ => Err(KeyError::Damaged),
        }
    }

    /// The key file of the database in `dir` as it is, without mending a damaged copy:
    /// `None` if neither copy reads.
    pub fn peek(dir: &Path) -> Option<KeyFile> {
        [FILE, COPY]
            .into_iter()
            .find_map(|name| match read(&dir.join(name)) {
                Read::Good(file) => Some(file),
                _ => None,
            })
    }

    /// Writes both copies, the first first, each atomically and durably.
    pub fn save(&self, dir: &Path) -> Result<(), KeyError> {
        write(&dir.join(FILE), self)?;
        write(&dir.join(COPY), self)?;
        Ok(())
    }

    /// The key file's paths in `dir`.
    pub fn paths(dir: &Path) -> [PathBuf; 2] {
        [dir.join(FILE), dir.join(COPY)]
    }
}

enum Read {
    Good(KeyFile),
    Missing,
    Damaged,
    Newer(u16),
    Failed(io::Error),
}

fn read(path: &Path) -> Read {
    match std::fs::read(path) {
        Ok(bytes) => parse(&bytes),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Read::Missing,
        Err(e) => Read::Failed(e),
    }
}

fn parse(bytes: &[u8]) -> Read {
    if bytes.len() < 8 {
        return Read::Damaged;
    }
    let (body, sum) = bytes.split_at(bytes.len() - 8);
    if record_hash(FILE, &[], body).to_le_bytes() != sum {
        return Read::Damaged;
    }
    match codec::decode::<KeyFile>(body) {
        Ok(k) => Read::Good(k),
        Err(CodecError::NewerVersion { found, .. }) => Read::Newer(found),
        Err(_) => Read::Damaged,
    }
}

fn write(path: &Path, file: &KeyFile) -> io::Result<()> {
    atomic::write(path, &file.to_bytes()?)
}

impl KeyFile {
    /// The bytes of the key file, as written.
    pub fn to_bytes(&self) -> io::Result<Vec<u8>> {
        let mut bytes = codec::encode(self).map_err(io::Error::other)?;
        let sum = record_hash(FILE, &[], &bytes);
        bytes.extend_from_slice(&sum.to_le_bytes());
        Ok(bytes)
    }

    /// A key file from its bytes (a copy kept in a backup).
    pub fn from_bytes(bytes: &[u8]) -> Result<KeyFile, KeyError> {
        match parse(bytes) {
            Read::Good(file) => Ok(file),
            Read::Newer(v) => Err(KeyError::Newer(v)),
            _ => Err(KeyError::Damaged),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_passphrase_and_the_recovery_key_each_unlock_the_same_key() {
        let (file, vault) =
            KeyFile::create(b"lang nok saetning", b"RECOVERY", Kdf::cheapest()).unwrap();
        let sealed = vault.seal(b"x", b"data").unwrap();
        let by_pass = file
            .unlock(Secret::Passphrase, b"lang nok saetning")
            .unwrap();
        let by_recovery = file.unlock(Secret::RecoveryKey, b"RECOVERY").unwrap();
        assert_eq!(&*by_pass.open(b"x", &sealed).unwrap(), b"data");
        assert_eq!(&*by_recovery.open(b"x", &sealed).unwrap(), b"data");
        assert!(matches!(
            file.unlock(Secret::Passphrase, b"forkert"),
            Err(KeyError::WrongPassphrase)
        ));
        assert!(matches!(
            file.unlock(Secret::RecoveryKey, b"lang nok saetning"),
            Err(KeyError::WrongRecoveryKey)
        ));
    }

    #[test]
    fn a_new_passphrase_keeps_the_data_key_and_the_recovery_key() {
        let (file, vault) = KeyFile::create(b"gammel", b"R", Kdf::cheapest()).unwrap();
        let sealed = vault.seal(b"x", b"data").unwrap();
        let changed = file.with_passphrase(&vault, b"ny").unwrap();
        assert!(matches!(
            changed.unlock(Secret::Passphrase, b"gammel"),
            Err(KeyError::WrongPassphrase)
        ));
        let again = changed.unlock(Secret::Passphrase, b"ny").unwrap();
        assert_eq!(&*again.open(b"x", &sealed).unwrap(), b"data");
        assert!(changed.unlock(Secret::RecoveryKey, b"R").is_ok());
    }

    #[test]
    fn a_damaged_copy_is_read_from_the_other_and_mended() {
        let dir = tempfile::tempdir().unwrap();
        let (file, _) = KeyFile::create(b"p", b"r", Kdf::cheapest()).unwrap();
        file.save(dir.path()).unwrap();
        let path = dir.path().join(FILE);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[10] ^= 0x40;
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(KeyFile::load(dir.path()).unwrap(), Some(file.clone()));
        assert_eq!(
            std::fs::read(&path).unwrap(),
            std::fs::read(dir.path().join(COPY)).unwrap()
        );
        // Both damaged: said so, never taken for a wrong passphrase.
        for p in KeyFile::paths(dir.path()) {
            let mut bytes = std::fs::read(&p).unwrap();
            bytes[12] ^= 0x01;
            std::fs::write(&p, &bytes).unwrap();
        }
        assert!(matches!(KeyFile::load(dir.path()), Err(KeyError::Damaged)));
    }

    #[test]
    fn no_key_file_is_none() {
        let dir = tempfile::tempdir().unwrap();
        assert!(KeyFile::load(dir.path()).unwrap().is_none());
        assert!(!KeyFile::exists(dir.path()));
    }
}
