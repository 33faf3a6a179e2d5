//! The unlocked data key: seals and opens bytes with XChaCha20-Poly1305.
//!
//! Every sealing draws a fresh random 192-bit nonce (large enough that random nonces never
//! repeat in practice) and binds the bytes to where they belong through the associated
//! data, so sealed bytes moved to another place fail to open.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

/// Bytes in a data key.
pub const KEY_LEN: usize = 32;
/// Bytes in a nonce, written before the sealed bytes.
pub const NONCE_LEN: usize = 24;
/// Bytes the authentication tag adds.
pub const TAG_LEN: usize = 16;
/// Bytes in a database's id.
pub const ID_LEN: usize = 16;

/// A database's id: random, chosen with its key, stored in the clear beside it so that a
/// journal or a backup can say which database it belongs to.
pub type DatabaseId = [u8; ID_LEN];

/// Sealed bytes that do not open: changed, moved from another place, or sealed with
/// another key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the encrypted bytes do not open with this key: changed, moved or from elsewhere")]
pub struct Tampered;

/// Random bytes from the operating system failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the operating system gave no random bytes: {0}")]
pub struct NoRandomness(pub String);

/// Fills `buf` with random bytes from the operating system.
pub fn random(buf: &mut [u8]) -> Result<(), NoRandomness> {
    getrandom::fill(buf).map_err(|e| NoRandomness(e.to_string()))
}

/// A key in memory that is wiped when dropped.
pub type SecretKey = Zeroizing<[u8; KEY_LEN]>;

/// A fresh random key.
pub fn new_key() -> Result<SecretKey, NoRandomness> {
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    random(key.as_mut())?;
    Ok(key)
}

/// Seals `plaintext` with `key`: nonce, then ciphertext and tag.
pub fn seal_with(
    key: &[u8; KEY_LEN],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, NoRandomness> {
    let cipher = XChaCha20Poly1305::new(key.into());
    seal(&cipher, aad, plaintext)
}

/// Opens bytes from [`seal_with`].
pub fn open_with(
    key: &[u8; KEY_LEN],
    aad: &[u8],
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Tampered> {
    let cipher = XChaCha20Poly1305::new(key.into());
    open(&cipher, aad, sealed)
}

fn seal(cipher: &XChaCha20Poly1305, aad: &[u8], msg: &[u8]) -> Result<Vec<u8>, NoRandomness> {
    let mut nonce = [0u8; NONCE_LEN];
    random(&mut nonce)?;
    let nonce = XNonce::from(nonce);
    // Encryption fails only for messages longer than the cipher's limit (256 GiB).
    let sealed = cipher
        .encrypt(&nonce, Payload { msg, aad })
        .map_err(|_| NoRandomness("the message is too long to encrypt".into()))?;
    let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
    out.extend_from_slice(nonce.as_slice());
    out.extend_from_slice(&sealed);
    Ok(out)
}

fn open(
    cipher: &XChaCha20Poly1305,
    aad: &[u8],
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Tampered> {
    if sealed.len() < NONCE_LEN + TAG_LEN {
        return Err(Tampered);
    }
    let (nonce, body) = sealed.split_at(NONCE_LEN);
    let nonce = XNonce::try_from(nonce).map_err(|_| Tampered)?;
    cipher
        .decrypt(&nonce, Payload { msg: body, aad })
        .map(Zeroizing::new)
        .map_err(|_| Tampered)
}

/// A database's data key, unlocked, with the database's id.
pub struct Vault {
    key: SecretKey,
    cipher: XChaCha20Poly1305,
    id: DatabaseId,
}

impl Vault {
    /// The vault of the database `id` whose data key is `key`.
    pub fn new(key: SecretKey, id: DatabaseId) -> Vault {
        let cipher = XChaCha20Poly1305::new((&*key).into());
        Vault { key, cipher, id }
    }

    /// The database's id.
    pub fn id(&self) -> DatabaseId {
        self.id
    }

    /// The data key itself, to wrap it anew (a passphrase change).
    pub(crate) fn key(&self) -> &[u8; KEY_LEN] {
        &self.key
    }

    /// Seals `plaintext`, bound to `aad`.
    pub fn seal(&self, aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, NoRandomness> {
        seal(&self.cipher, aad, plaintext)
    }

    /// Opens bytes sealed with `aad`.
    pub fn open(&self, aad: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, Tampered> {
        open(&self.cipher, aad, sealed)
    }
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the key.
        f.debug_struct("Vault").field("id", &self.id).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vault() -> Vault {
        Vault::new(new_key().unwrap(), [7; ID_LEN])
    }

    #[test]
    fn sealed_bytes_open_only_with_their_key_and_place() {
        let v = vault();
        let sealed = v.seal(b"students/1", b"S\xc3\xb8ren").unwrap();
        assert_eq!(&*v.open(b"students/1", &sealed).unwrap(), b"S\xc3\xb8ren");
        assert_eq!(v.open(b"students/2", &sealed), Err(Tampered));
        assert_eq!(vault().open(b"students/1", &sealed), Err(Tampered));
        let mut flipped = sealed.clone();
        flipped[NONCE_LEN + 1] ^= 1;
        assert_eq!(v.open(b"students/1", &flipped), Err(Tampered));
        assert_eq!(v.open(b"students/1", &sealed[..10]), Err(Tampered));
    }

    #[test]
    fn the_same_value_sealed_twice_differs() {
        let v = vault();
        let a = v.seal(b"p", b"same").unwrap();
        let b = v.seal(b"p", b"same").unwrap();
        assert_ne!(a, b);
        assert!(!a.windows(4).any(|w| w == b"same"));
    }

    #[test]
    fn debug_output_never_shows_the_key() {
        let v = vault();
        let shown = format!("{v:?}");
        assert!(!shown.contains(&format!("{:?}", &v.key()[..4])));
    }
}
