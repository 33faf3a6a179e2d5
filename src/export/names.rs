//! File names for exported minutes, and writing them.
//!
//! One convention, `2026-11-23_type2_AH_3f9a`: the date first so a folder lists the
//! minutes in order, the type, the student's initials (never the full name — a file name
//! shows up in mail attachments, backups and recently-used lists) and four hex digits from a
//! hash of the conversation's id, so two conversations the same day get different names and
//! the internal id is not exposed. Only `[A-Za-z0-9_-]`, so the name is safe on every file
//! system and in every mail client.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::ExportError;
use super::minutes::DocContext;
use crate::domain::{Case, Conversation, ConversationId};
use crate::store::{atomic, fsperm};

/// At most this many initials go into a name, for people with very many names.
const MAX_INITIALS: usize = 6;

/// The name, without extension, for the minutes of `conversation`.
pub fn file_stem(case: &Case, conversation: &Conversation) -> String {
    let date = conversation.date().format("%Y-%m-%d");
    let level = conversation.level.number();
    let initials = ascii_initials(&case.student.name);
    let tag = short_tag(conversation.id);
    if initials.is_empty() {
        format!("{date}_type{level}_{tag}")
    } else {
        format!("{date}_type{level}_{initials}_{tag}")
    }
}

/// What [`write_minutes`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub pdf: PathBuf,
    pub md: PathBuf,
    /// False when the document was already there with the same content: it was left as
    /// it is, and these are its paths.
    pub new: bool,
}

/// Writes the agenda or minutes of `conversation` as `<stem>.pdf` and `<stem>.md` in `dir`
/// (created owner-only if needed), each atomically and readable by the owner only.
pub fn write_minutes(
    dir: &Path,
    case: &Case,
    conversation: &Conversation,
    cx: &DocContext,
) -> Result<Written, ExportError> {
    let doc = super::minutes::document(case, conversation, cx);
    let pdf = super::pdf::pdf(&doc)?;
    let md = super::markdown::markdown(&doc);
    fsperm::private_dir(dir).map_err(|source| ExportError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let stem = file_stem(case, conversation);
    let pdf_path = dir.join(format!("{stem}.pdf"));
    let md_path = dir.join(format!("{stem}.md"));
    for (path, bytes) in [(&pdf_path, pdf.as_slice()), (&md_path, md.as_bytes())] {
        atomic::write(path, bytes).map_err(|source| ExportError::Io {
            path: path.clone(),
            source,
        })?;
    }
    Ok(Written {
        pdf: pdf_path,
        md: md_path,
        new: true,
    })
}

/// The initials of `name` in ASCII: Æ, Ø and Å spelled AE, OE and AA as Danes do when the
/// letters are not available; anything else outside ASCII dropped.
pub(crate) fn ascii_initials(name: &str) -> String {
    let mut out = String::new();
    for initial in crate::domain::student::initials(name)
        .chars()
        .take(MAX_INITIALS)
    {
        match initial {
            'Æ' | 'æ' => out.push_str("AE"),
            'Ø' | 'ø' => out.push_str("OE"),
            'Å' | 'å' => out.push_str("AA"),
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_uppercase()),
            _ => {}
        }
    }
    out
}

/// Four hex digits from a hash of the conversation id: stable across runs and versions
/// (unlike std's hasher), and not the id itself.
fn short_tag(id: ConversationId) -> String {
    tag("fokus-minutes", id.0)
}

/// Four hex digits from a hash of `id` in the name space `domain`.
pub(crate) fn tag(domain: &str, id: u64) -> String {
    let digest = Sha256::digest(format!("{domain}:{id}").as_bytes());
    format!("{:02x}{:02x}", digest[0], digest[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_initials_are_spelled_out_in_ascii() {
        assert_eq!(ascii_initials("Åse Ørum-Hansen"), "AAOE");
        assert_eq!(ascii_initials("Jonas Ærenlund"), "JAE");
        assert_eq!(ascii_initials("Émile Zoë"), "Z");
        assert_eq!(ascii_initials("李 小龙"), "");
        assert_eq!(ascii_initials("a b c d e f g h"), "ABCDEF");
    }

    #[test]
    fn the_tag_is_four_hex_digits_that_differ_between_ids() {
        let a = short_tag(ConversationId(1));
        let b = short_tag(ConversationId(2));
        assert_eq!(a.len(), 4);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert_eq!(a, short_tag(ConversationId(1)));
    }
}
