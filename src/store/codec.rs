//! The one place records are turned into bytes and back.
//!
//! Every stored value is an envelope: two magic bytes, a little-endian `u16` format
//! version, then the bincode payload. In an encrypted database the magic is `FS` (sealed)
//! and the payload is sealed with the database's key (see [`Sealing`]), bound to the
//! record's tree and key and to the header; `FK` marks a record in the clear. Decoding checks the magic and the version before the
//! payload is looked at, and the payload is decoded with an explicit size limit so a
//! damaged or forged length prefix cannot make the process allocate without bound.
//!
//! A record written in an older version is read through its type's [`Versioned::upgrade`]
//! (see `legacy.rs` for the old layouts); one written by a newer Fokus is an error naming
//! the version, never a guess.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Marks a Fokus record in the clear.
pub const MAGIC: [u8; 2] = *b"FK";
/// Marks a Fokus record sealed with its database's key.
pub const SEALED_MAGIC: [u8; 2] = *b"FS";
/// The record format this build writes.
///
/// 1: the first release. 2: conversation minutes gained "other measures". 3: the address
/// book; students link to it, conversations track where their minutes were sent. 4: people
/// are recorded by the name and role they gave Fokus, not their login; an agreement may be
/// owned by a named person; planned conversations can change type. 5: the register of the
/// files Fokus wrote outside its database folder (a new tree, which an older Fokus would
/// leave out of its backups and lose when it erases); receipts name the files an erasure
/// could not remove. 6: records are encrypted (sealed) with the database's key; the
/// layouts inside are those of 5.
pub const FORMAT_VERSION: u16 = 7;

/// The oldest format this build still reads.
pub const OLDEST_VERSION: u16 = 1;
/// The largest payload a record may have (a pasted text block included).
pub const MAX_RECORD_BYTES: usize = 64 * 1024 * 1024;

const HEADER_LEN: usize = MAGIC.len() + 2;

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<MAX_RECORD_BYTES>()
}

/// Why bytes could not be read as a record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodecError {
    #[error("the record is too short to hold a header ({0} bytes)")]
    TooShort(usize),
    #[error("the record does not start with the Fokus marker")]
    BadMagic,
    #[error(
        "the record was written in format version {found} by a newer Fokus; this one knows version {known}"
    )]
    NewerVersion { found: u16, known: u16 },
    #[error("the record's format version {0} is not known")]
    UnknownVersion(u16),
    #[error("the record's contents are damaged: {0}")]
    Payload(String),
    #[error("the record has {0} unexpected bytes at its end")]
    TrailingBytes(usize),
    #[error("the record could not be written: {0}")]
    Encode(String),
    #[error("the record is encrypted and the database's key was not given")]
    Locked,
    #[error("the record does not decrypt with this database's key: it was changed or moved")]
    Tampered,
}

/// Encodes `value` in the current format.
pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, CodecError> {
    let mut out = Vec::with_capacity(64);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    let payload = bincode::serde::encode_to_vec(value, config())
        .map_err(|e| CodecError::Encode(e.to_string()))?;
    if payload.len() > MAX_RECORD_BYTES {
        return Err(CodecError::Encode(format!(
            "{} bytes is more than the limit of {MAX_RECORD_BYTES}",
            payload.len()
        )));
    }
    out.extend_from_slice(&payload);
    Ok(out)
}

/// Reads the envelope's format version without decoding the payload.
pub fn version_of(bytes: &[u8]) -> Result<u16, CodecError> {
    if bytes.len() < HEADER_LEN {
        return Err(CodecError::TooShort(bytes.len()));
    }
    if bytes[..2] != MAGIC && bytes[..2] != SEALED_MAGIC {
        return Err(CodecError::BadMagic);
    }
    Ok(u16::from_le_bytes([bytes[2], bytes[3]]))
}

/// Whether stored bytes are a sealed record.
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(&SEALED_MAGIC)
}

/// A stored type, with how to read it from the formats older than the current one.
pub trait Versioned: DeserializeOwned {
    /// Reads a payload written in format `version` (older than [`FORMAT_VERSION`]).
    fn upgrade(version: u16, payload: &[u8]) -> Result<Self, CodecError>;
}

/// Decodes the bincode payload of an envelope as `T`, all of it.
pub fn payload<T: DeserializeOwned>(payload: &[u8]) -> Result<T, CodecError> {
    let (value, used) = bincode::serde::decode_from_slice(payload, config())
        .map_err(|e| CodecError::Payload(e.to_string()))?;
    if used != payload.len() {
        return Err(CodecError::TrailingBytes(payload.len() - used));
    }
    Ok(value)
}

/// Decodes a record written in the current format or, through its upgrade, an older one.
pub fn decode<T: Versioned>(bytes: &[u8]) -> Result<T, CodecError> {
    let version = version_of(bytes)?;
    if is_sealed(bytes) {
        return Err(CodecError::Locked);
    }
    decode_body(version, &bytes[HEADER_LEN..])
}

/// Decodes a payload written in format `version`.
fn decode_body<T: Versioned>(version: u16, body: &[u8]) -> Result<T, CodecError> {
    match version {
        FORMAT_VERSION => payload(body),
        found if found > FORMAT_VERSION => Err(CodecError::NewerVersion {
            found,
            known: FORMAT_VERSION,
        }),
        old if old >= OLDEST_VERSION => T::upgrade(old, body),
        other => Err(CodecError::UnknownVersion(other)),
    }
}

/// Whether stored bytes were written in an older format and should be rewritten.
pub fn is_outdated(bytes: &[u8]) -> bool {
    version_of(bytes).is_ok_and(|v| v < FORMAT_VERSION)
}

/// How a database's records become bytes: sealed with its key, or in the clear where it
/// has none. Cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct Sealing(Option<std::sync::Arc<crate::crypto::Vault>>);

impl Sealing {
    /// Records in the clear: a database without a key (from before encryption, or made
    /// by a test of the storage itself).
    pub fn plain() -> Sealing {
        Sealing(None)
    }

    /// Records sealed with `vault`'s key.
    pub fn with(vault: std::sync::Arc<crate::crypto::Vault>) -> Sealing {
        Sealing(Some(vault))
    }

    /// The key, if records are sealed.
    pub fn vault(&self) -> Option<&crate::crypto::Vault> {
        self.0.as_deref()
    }

    /// Whether records are sealed.
    pub fn is_sealed(&self) -> bool {
        self.0.is_some()
    }

    /// What binds a sealed record to its place: its tree, its key and its header.
    fn aad(tree: &str, key: &[u8], header: &[u8]) -> Vec<u8> {
        let mut aad = Vec::with_capacity(tree.len() + key.len() + 16);
        aad.extend_from_slice(tree.as_bytes());
        aad.push(0xff);
        aad.extend_from_slice(&(key.len() as u32).to_le_bytes());
        aad.extend_from_slice(key);
        aad.extend_from_slice(header);
        aad
    }

    /// Encodes `value`, stored under `key` in `tree`, in the current format.
    pub fn encode<T: Serialize>(
        &self,
        tree: &str,
        key: &[u8],
        value: &T,
    ) -> Result<Vec<u8>, CodecError> {
        let Some(vault) = &self.0 else {
            return encode(value);
        };
        let plain = zeroize::Zeroizing::new(encode(value)?);
        let mut header = SEALED_MAGIC.to_vec();
        header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        let sealed = vault
            .seal(&Self::aad(tree, key, &header), &plain[HEADER_LEN..])
            .map_err(|e| CodecError::Encode(e.to_string()))?;
        header.extend_from_slice(&sealed);
        Ok(header)
    }

    /// Decodes the record stored under `key` in `tree`. In a sealed database a record in
    /// the clear is one waiting to be sealed (from before the database had a key): the
    /// migration at opening rewrites it. One put there afterwards by something else than
    /// Fokus disagrees with the manifest's checksum, which finds it as damage.
    pub fn decode<T: Versioned>(
        &self,
        tree: &str,
        key: &[u8],
        bytes: &[u8],
    ) -> Result<T, CodecError> {
        let version = version_of(bytes)?;
        match (&self.0, is_sealed(bytes)) {
            (None, true) => Err(CodecError::Locked),
            (_, false) => decode(bytes),
            (Some(vault), true) => {
                if version > FORMAT_VERSION {
                    return Err(CodecError::NewerVersion {
                        found: version,
                        known: FORMAT_VERSION,
                    });
                }
                let (header, body) = bytes.split_at(HEADER_LEN);
                let plain = vault
                    .open(&Self::aad(tree, key, header), body)
                    .map_err(|_| CodecError::Tampered)?;
                decode_body(version, &plain)
            }
        }
    }

    /// Whether stored bytes must be rewritten: an older format, or in the clear where
    /// records are sealed.
    pub fn is_outdated(&self, bytes: &[u8]) -> bool {
        is_outdated(bytes) || (self.is_sealed() && !is_sealed(bytes))
    }
}

/// Types whose layout has not changed since `$since`: an older payload reads as is.
macro_rules! unchanged_since {
    ($since:expr => $($t:ty),* $(,)?) => {
        $(impl Versioned for $t {
            fn upgrade(version: u16, body: &[u8]) -> Result<Self, CodecError> {
                if version >= $since {
                    payload(body)
                } else {
                    Err(CodecError::UnknownVersion(version))
                }
            }
        })*
    };
}

unchanged_since!(1 =>
    crate::domain::StudentSummary,
    crate::domain::reminders::DueItem,
    crate::domain::reminders::Mark,
    u16,
    u32,
    u64,
    String,
    Vec<u64>,
    Vec<super::keys::DueKey>,
);

unchanged_since!(2 => super::manifest::Manifest);
unchanged_since!(3 => crate::domain::Organisation);
unchanged_since!(5 => crate::domain::WrittenFile);
unchanged_since!(7 => crate::domain::StudentFacts);

impl Versioned for crate::domain::Conversation {
    fn upgrade(version: u16, body: &[u8]) -> Result<Self, CodecError> {
        use super::legacy::{ConversationV1, ConversationV2, ConversationV3};
        match version {
            1 => payload::<ConversationV1>(body).map(|c| ConversationV2::from(c).into()),
            2 => payload::<ConversationV2>(body).map(Into::into),
            3 => payload::<ConversationV3>(body).map(Into::into),
            4..=6 => payload(body),
            other => Err(CodecError::UnknownVersion(other)),
        }
    }
}

impl Versioned for crate::domain::Agreement {
    fn upgrade(version: u16, body: &[u8]) -> Result<Self, CodecError> {
        match version {
            1..=3 => payload::<super::legacy::AgreementV3>(body).map(Into::into),
            4..=6 => payload(body),
            other => Err(CodecError::UnknownVersion(other)),
        }
    }
}

impl Versioned for crate::domain::Event {
    fn upgrade(version: u16, body: &[u8]) -> Result<Self, CodecError> {
        match version {
            1..=3 => payload::<super::legacy::EventV3>(body).map(Into::into),
            4..=6 => payload(body),
            other => Err(CodecError::UnknownVersion(other)),
        }
    }
}

impl Versioned for crate::domain::Receipt {
    fn upgrade(version: u16, body: &[u8]) -> Result<Self, CodecError> {
        match version {
            3 => payload::<super::legacy::ReceiptV3>(body).map(Into::into),
            4 => payload::<super::legacy::ReceiptV4>(body).map(Into::into),
            5 | 6 => payload(body),
            other => Err(CodecError::UnknownVersion(other)),
        }
    }
}

impl Versioned for crate::domain::Student {
    fn upgrade(version: u16, body: &[u8]) -> Result<Self, CodecError> {
        match version {
            1 | 2 => payload::<super::legacy::StudentV1>(body).map(Into::into),
            3..=6 => payload::<super::legacy::StudentV6>(body).map(Into::into),
            other => Err(CodecError::UnknownVersion(other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Student;
    use crate::domain::case::tests_support::student;

    #[test]
    fn a_student_survives_a_round_trip() {
        let s = student();
        let bytes = encode(&s).unwrap();
        assert_eq!(&bytes[..2], b"FK");
        assert_eq!(decode::<Student>(&bytes).unwrap(), s);
    }

    /// `value` encoded as format `version` wrote it (the layout is the caller's).
    fn as_version<T: serde::Serialize>(value: &T, version: u16) -> Vec<u8> {
        let mut bytes = encode(value).unwrap();
        bytes[2..4].copy_from_slice(&version.to_le_bytes());
        bytes
    }

    fn student_v6() -> super::super::legacy::StudentV6 {
        let s = student();
        super::super::legacy::StudentV6 {
            id: s.id,
            name: s.name,
            programme: s.programme,
            start: s.start,
            expected_end: s.expected_end,
            school: s.school,
            workplace: s.workplace,
            unit: s.unit,
            employer: s.employer,
            supervisor: s.supervisor,
            education_officer: s.education_officer,
            focus_areas: s.focus_areas,
            status: s.status,
            level: s.level,
            level_raised_on: s.level_raised_on,
            employer_org: s.employer_org,
            school_org: s.school_org,
            workplace_org: s.workplace_org,
        }
    }

    #[test]
    fn a_format_6_student_reads_with_no_school_periods_outcome_or_interventions() {
        let back = decode::<Student>(&as_version(&student_v6(), 6)).unwrap();
        assert_eq!(back, student());
        assert!(back.school_periods.is_empty() && back.ended.is_none());
    }

    #[test]
    fn a_format_6_draft_with_a_student_editor_comes_back_whole() {
        use super::super::legacy::{DraftV6, EditorDraftV6};
        use crate::app::draft::{Draft, EditorDraft};
        use crate::app::form::{FieldId, Value};
        let fields = vec![(FieldId::Name, Value::Text("Amira Hassan-Jensen".into()))];
        let old = DraftV6 {
            written_at: student().start.and_hms_opt(10, 0, 0).unwrap(),
            student: student().id,
            student_name: "Amira Hassan".into(),
            editors: vec![EditorDraftV6::Student {
                id: student().id,
                original: Some(Box::new(student_v6())),
                fields: fields.clone(),
            }],
        };
        let back = decode::<Draft>(&as_version(&old, 6)).unwrap();
        assert_eq!(
            back.editors,
            vec![EditorDraft::Student {
                id: student().id,
                original: Some(Box::new(student())),
                fields,
            }]
        );
    }

    #[test]
    fn a_newer_format_version_is_an_error_naming_the_version() {
        let mut bytes = encode(&student()).unwrap();
        bytes[2..4].copy_from_slice(&8u16.to_le_bytes());
        let err = decode::<Student>(&bytes).unwrap_err();
        assert_eq!(
            err,
            CodecError::NewerVersion {
                found: 8,
                known: FORMAT_VERSION
            }
        );
        assert!(err.to_string().contains("version 8"));
    }

    #[test]
    fn a_first_format_conversation_reads_with_empty_other_measures() {
        use crate::domain::Conversation;
        use crate::domain::case::tests_support::{conv, day};
        let current = conv(3, day(11, 20), crate::domain::ConversationState::Planned);
        let old = super::super::legacy::ConversationV1::from_current(&current);
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&1u16.to_le_bytes());
        bytes.extend_from_slice(&bincode::serde::encode_to_vec(&old, config()).unwrap());
        assert!(is_outdated(&bytes));
        let read: Conversation = decode(&bytes).unwrap();
        // Whether old minutes were sent was never recorded, so none is claimed.
        let expected = Conversation {
            distribution_tracked: false,
            ..current
        };
        assert_eq!(read, expected);
        assert!(!is_outdated(&encode(&read).unwrap()));
    }

    #[test]
    fn version_zero_is_unknown_not_misread() {
        let mut bytes = encode(&student()).unwrap();
        bytes[2..4].copy_from_slice(&0u16.to_le_bytes());
        assert_eq!(
            decode::<Student>(&bytes),
            Err(CodecError::UnknownVersion(0))
        );
    }

    #[test]
    fn foreign_and_truncated_bytes_are_rejected() {
        assert_eq!(decode::<Student>(b"FK"), Err(CodecError::TooShort(2)));
        assert_eq!(
            decode::<Student>(b"XX\x01\x00abc"),
            Err(CodecError::BadMagic)
        );
        let bytes = encode(&student()).unwrap();
        assert!(matches!(
            decode::<Student>(&bytes[..bytes.len() - 3]),
            Err(CodecError::Payload(_))
        ));
    }

    #[test]
    fn an_oversized_length_prefix_is_refused_without_allocating_it() {
        // A String whose varint length claims u64::MAX - 1 bytes.
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        bytes.push(0xFD);
        bytes.extend_from_slice(&(u64::MAX - 1).to_le_bytes());
        bytes.extend_from_slice(b"abc");
        assert!(matches!(
            decode::<String>(&bytes),
            Err(CodecError::Payload(_))
        ));
        // A Vec claiming a billion elements.
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        bytes.push(0xFC);
        bytes.extend_from_slice(&1_000_000_000u32.to_le_bytes());
        assert!(matches!(
            decode::<Vec<u64>>(&bytes),
            Err(CodecError::Payload(_))
        ));
    }

    #[test]
    fn trailing_bytes_are_damage() {
        let mut bytes = encode(&5u32).unwrap();
        bytes.push(0);
        assert_eq!(decode::<u32>(&bytes), Err(CodecError::TrailingBytes(1)));
    }
}
