//! Encryption at rest: the passphrase, the recovery key and where a secret is remembered.

pub mod keystore;
pub mod prompt;
pub mod recovery;
pub mod strength;
