//! File names for exported agendas and minutes, and writing them.
//!
//! One convention, `2026-11-23_type2_AH_3f9a0c1e`: the date first so a folder lists the
//! documents in order, the type, the student's initials (never the full name — a file name
//! shows up in mail attachments, backups and recently-used lists) and eight hex digits from
//! a hash of the conversation's id, so two conversations the same day get different names,
//! the internal id is not exposed, and every file written about a conversation can be found
//! again, whatever date or type it was written under. Only `[A-Za-z0-9_-]`, so the name is
//! safe on every file system and in every mail client.
//!
//! A document may have been sent the moment it was written, so none is ever overwritten:
//! writing a conversation whose document is already there unchanged leaves that file as it
//! is, and a changed one is written beside it as a new version, `…_3f9a0c1e-2`, `-3` and
//! so on. "Unchanged" is decided on the Markdown, which holds the content and no time of
//! writing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::ExportError;
use super::minutes::DocContext;
use crate::domain::{Case, Conversation, ConversationId};
use crate::files::{atomic, fsperm};

/// At most this many initials go into a name, for people with very many names.
const MAX_INITIALS: usize = 6;

/// The name, without extension, of the first version of the documents of `conversation`.
pub fn file_stem(case: &Case, conversation: &Conversation) -> String {
    stem_with_tag(case, conversation, &short_tag(conversation.id))
}

fn stem_with_tag(case: &Case, conversation: &Conversation, tag: &str) -> String {
    let date = conversation.date().format("%Y-%m-%d");
    let level = conversation.level.number();
    let initials = ascii_initials(&case.student.name);
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
    /// The PDF of a document already there had been moved away and was written again.
    pub pdf_again: bool,
}

impl Written {
    /// The files that hold what Fokus wrote now: both, unless the document was already
    /// there and its PDF was left as it was — that PDF may have been changed since (a
    /// signature), so only the Markdown, which holds exactly this content, is named.
    pub fn files(&self) -> Vec<PathBuf> {
        if self.new || self.pdf_again {
            vec![self.pdf.clone(), self.md.clone()]
        } else {
            vec![self.md.clone()]
        }
    }
}

/// Writes the agenda or minutes of `conversation` as `<stem>.pdf` and `<stem>.md` in `dir`
/// (created owner-only if needed), each atomically and readable by the owner only — unless
/// a version with the same content is already there, which is then left as it is. A changed
/// document becomes a new version beside the earlier ones; nothing is overwritten.
pub fn write_minutes(
    dir: &Path,
    case: &Case,
    conversation: &Conversation,
    cx: &DocContext,
) -> Result<Written, ExportError> {
    let doc = super::minutes::document(case, conversation, cx);
    write_versioned(dir, &file_stem(case, conversation), &doc)
}

/// Writes `doc` as `<base>.pdf` and `<base>.md` in `dir` the way [`write_minutes`] does:
/// an unchanged version already there is left as it is, a changed one is written beside
/// the earlier ones as the next version.
pub fn write_versioned(
    dir: &Path,
    base: &str,
    doc: &super::minutes::MinutesDoc,
) -> Result<Written, ExportError> {
    let md = super::markdown::markdown(doc);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::Io { path, source }
    };
    fsperm::private_dir(dir).map_err(io(dir))?;
    let versions = versions(dir, base).map_err(io(dir))?;
    let paths = |n: u32| {
        let stem = versioned(base, n);
        (
            dir.join(format!("{stem}.pdf")),
            dir.join(format!("{stem}.md")),
        )
    };
    for &n in &versions {
        let (pdf_path, md_path) = paths(n);
        if std::fs::read(&md_path).is_ok_and(|bytes| bytes == md.as_bytes()) {
            // The PDF of an unchanged document may have been moved away; the Markdown
            // says what it held, so it is written again, never over anything.
            let pdf_again = !pdf_path.exists();
            if pdf_again {
                let pdf = super::pdf::pdf(doc)?;
                atomic::write(&pdf_path, &pdf).map_err(io(&pdf_path))?;
            }
            return Ok(Written {
                pdf: pdf_path,
                md: md_path,
                new: false,
                pdf_again,
            });
        }
    }
    let (pdf_path, md_path) = paths(versions.last().map_or(1, |last| last + 1));
    let pdf = super::pdf::pdf(doc)?;
    // The Markdown last: a version whose Markdown is there is complete.
    atomic::write(&pdf_path, &pdf).map_err(io(&pdf_path))?;
    atomic::write(&md_path, md.as_bytes()).map_err(io(&md_path))?;
    Ok(Written {
        pdf: pdf_path,
        md: md_path,
        new: true,
        pdf_again: false,
    })
}

/// `base` for the first version, `base-n` for the n-th.
fn versioned(base: &str, n: u32) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}-{n}")
    }
}

/// The versions of `base` in `dir` that have a PDF or a Markdown file, in order.
fn versions(dir: &Path, base: &str) -> std::io::Result<BTreeSet<u32>> {
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name();
        if let Some(n) = name.to_str().and_then(|name| version_of(name, base)) {
            found.insert(n);
        }
    }
    Ok(found)
}

/// Which version of `base` the file `name` is: 1 for `base.pdf`, n for `base-n.md`.
fn version_of(name: &str, base: &str) -> Option<u32> {
    let stem = document_stem(name)?;
    let (head, n) = split_version(stem);
    (head == base).then_some(n)
}

/// A file name without `.pdf` or `.md`, if it has one of them.
fn document_stem(name: &str) -> Option<&str> {
    name.strip_suffix(".pdf")
        .or_else(|| name.strip_suffix(".md"))
}

/// `stem` split into the first version's name and the version number.
fn split_version(stem: &str) -> (&str, u32) {
    if let Some((head, n)) = stem.rsplit_once('-')
        && !n.starts_with('0')
        && n.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = n.parse::<u32>()
        && n >= 2
    {
        return (head, n);
    }
    (stem, 1)
}

/// Every file in `dir` that Fokus wrote about a conversation of `case`: each version, as
/// PDF and Markdown, under any date and type the conversation has had — and a temporary
/// file left half-written by a crash. Sorted by name.
///
/// A file is known by the conversation's tag and the student's initials together. The tag
/// alone would do within one database, but the demo database shares the export folder and
/// numbers its conversations from the same start, so its files may carry the same tags;
/// the initials keep an erasure in one from taking the other's files. Files written under
/// initials the student no longer has (a name corrected since) are therefore not found.
pub(crate) fn minutes_files(dir: &Path, case: &Case) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    // Names from before the tags were eight digits long, as that version wrote them.
    let legacy: Vec<String> = case
        .conversations
        .iter()
        .map(|c| stem_with_tag(case, c, &tag(MINUTES_DOMAIN, c.id.0)))
        .flat_map(|stem| [format!("{stem}.pdf"), format!("{stem}.md")])
        .collect();
    let initials = ascii_initials(&case.student.name);
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| {
            let name = e.file_name();
            let Some(name) = name.to_str() else {
                return false;
            };
            legacy.iter().any(|l| l == name)
                || case
                    .conversations
                    .iter()
                    .any(|c| written_for(name, c.id, &initials))
        })
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

/// Whether `name` is a document written about conversation `id` of a student with these
/// (ASCII) initials, in any version, or a temporary file one was written through.
fn written_for(name: &str, id: ConversationId, initials: &str) -> bool {
    let name = half_written(name).unwrap_or(name);
    let Some(stem) = document_stem(name) else {
        return false;
    };
    let (stem, _) = split_version(stem);
    let Some(head) = stem.strip_suffix(&short_tag(id)) else {
        return false;
    };
    let Some(head) = head.strip_suffix('_') else {
        return false;
    };
    // What comes before the tag: `2026-11-23_type2`, with `_INITIALS` if there are any.
    let Some((dated, rest)) = head.split_once("_type") else {
        return false;
    };
    let date_ok = dated.len() == 10
        && dated.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let mut rest = rest.chars();
    let level_ok = matches!(rest.next(), Some('1'..='3'));
    let rest = rest.as_str();
    let initials_ok = if initials.is_empty() {
        rest.is_empty()
    } else {
        rest.strip_prefix('_') == Some(initials)
    };
    date_ok && level_ok && initials_ok
}

/// The name of the file a temporary file `.<name>.<pid>.tmp` was written for.
fn half_written(name: &str) -> Option<&str> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (target, pid) = inner.rsplit_once('.')?;
    pid.bytes().all(|b| b.is_ascii_digit()).then_some(target)
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

/// Eight hex digits from a hash of the conversation id: stable across runs and versions
/// (unlike std's hasher), not the id itself, and long enough that a file of another
/// conversation shares them only by a one-in-four-billion chance — files are found and
/// erased by them.
fn short_tag(id: ConversationId) -> String {
    hex_digest(MINUTES_DOMAIN, id.0, 4)
}

/// The name space of the minutes' tags.
const MINUTES_DOMAIN: &str = "fokus-minutes";

/// Four hex digits from a hash of `id` in the name space `domain`.
pub(crate) fn tag(domain: &str, id: u64) -> String {
    hex_digest(domain, id, 2)
}

/// `bytes` bytes of a hash of `id` in the name space `domain`, in hex.
fn hex_digest(domain: &str, id: u64, bytes: usize) -> String {
    let digest = Sha256::digest(format!("{domain}:{id}").as_bytes());
    digest[..bytes].iter().map(|b| format!("{b:02x}")).collect()
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
    fn a_version_is_the_first_name_or_the_first_name_with_a_number_from_two() {
        let base = "2026-11-23_type1_AH_0a1b2c3d";
        assert_eq!(version_of(&format!("{base}.pdf"), base), Some(1));
        assert_eq!(version_of(&format!("{base}.md"), base), Some(1));
        assert_eq!(version_of(&format!("{base}-2.md"), base), Some(2));
        assert_eq!(version_of(&format!("{base}-17.pdf"), base), Some(17));
        for other in [
            format!("{base}-1.pdf"),
            format!("{base}-02.pdf"),
            format!("{base}-.pdf"),
            format!("{base}-2.txt"),
            format!("{base}x.pdf"),
            format!(".{base}.pdf.123.tmp"),
            "2026-11-23_type1_AH_0a1b2c3e.pdf".to_string(),
        ] {
            assert_eq!(version_of(&other, base), None, "{other}");
        }
    }

    #[test]
    fn files_of_a_conversation_are_known_under_any_date_type_initials_and_version() {
        let id = ConversationId(42);
        let tag = short_tag(id);
        for name in [
            format!("2026-11-23_type1_AH_{tag}.pdf"),
            format!("2026-11-23_type1_AH_{tag}-3.md"),
            format!("2025-01-02_type3_AH_{tag}.md"),
            format!("2026-11-23_type2_AH_{tag}-2.pdf"),
            format!(".2026-11-23_type2_AH_{tag}.pdf.4711.tmp"),
        ] {
            assert!(written_for(&name, id, "AH"), "{name}");
        }
        assert!(written_for(&format!("2025-01-02_type3_{tag}.md"), id, ""));
        for name in [
            format!("2026-11-23_type1_AH_{}.pdf", short_tag(ConversationId(43))),
            format!("2026-11-23_type1_AK_{tag}.pdf"),
            format!("2026-11-23_type1_{tag}.pdf"),
            format!("2026-11-23_type4_AH_{tag}.pdf"),
            format!("2026-11-23_type1_A-H_{tag}.pdf"),
            format!("26-11-23_type1_AH_{tag}.pdf"),
            format!("2026-11-23_type1_AH_{tag}.docx"),
            format!("mine_{tag}.pdf"),
            format!("2026-11-23_indsigt_AH_{tag}"),
        ] {
            assert!(!written_for(&name, id, "AH"), "{name}");
        }
    }

    #[test]
    fn the_tag_is_eight_hex_digits_that_differ_between_ids() {
        let a = short_tag(ConversationId(1));
        let b = short_tag(ConversationId(2));
        assert_eq!(a.len(), 8);
        assert!(
            a.starts_with(&tag(MINUTES_DOMAIN, 1)),
            "longer than before, same start"
        );
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert_eq!(a, short_tag(ConversationId(1)));
    }
}
