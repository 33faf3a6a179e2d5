//! Encryption at rest: the data key that seals every record, the key file that keeps it
//! wrapped by the passphrase and the recovery key, and the passphrase, the recovery key
//! and where a key is remembered.

pub mod keyfile;
pub mod keystore;
pub mod prompt;
pub mod recovery;
pub mod strength;
pub mod vault;

pub use keyfile::{Kdf, KeyError, KeyFile, Secret};
pub use vault::{DatabaseId, Vault};
