//! Shared by the fault-injection tests (`tests/crash.rs`, `tests/byteflip.rs`) and the
//! program they kill (`examples/crash_driver.rs` includes this file): the wire format of
//! the driver's report lines, a seeded random generator, and ways to read the text fields
//! the driver types from a stored case and from a draft journal.
//!
//! The driver's report, one line each, fields separated by single spaces, texts as hex of
//! their UTF-8 bytes, `len` in bytes, `fnv` as 16 hex digits of [`fnv64`], `ms` since the
//! driver started (its `START` line gives that instant on the system's monotonic clock):
//!
//! ```text
//! START <monotonic ms>
//! OPENED <students>
//! RECOVERING                                   a draft journal was found and is restored
//! RECOVERED <sid> <id> <field> <len> <fnv>     one text field of a restored editor
//! RECOVERY_DONE                                the restored editors are saved and closed
//! EDIT <sid> <cid> new|existing                a conversation editor is open
//! NOTE <sid>                                   a note prompt is open
//! SESSION <sid> <id> <field> <aid> <ms> <base> <plan>
//!                                              typing starts: the field holds <base>, the
//!                                              driver now types <plan> one key a character
//! TYPED <sid> <id> <field> <n> <ms>            <n> characters of the plan were typed by <ms>
//! SAVING <sid> <id> <field> <len> <fnv> <text> a save holding <text> starts
//! SAVED <sid> <id> <field> <len> <fnv> <text>  ... and is durable
//! REFUSED / FINALIZED <sid> <cid>              finalizing was refused / done
//! RESTORE_REFUSED <sid> <cid> <status>         a restored draft could not be saved
//! CLOSED <sid> <id> saved|discarded            the editor is closed
//! ERROR <words>                                the driver gives up (exit status 2)
//! ```
//!
//! `<id>` is the conversation for minutes fields, the agreement for `AgreementText` in
//! `SAVED` (the conversation elsewhere), the note's event in `SAVED Note` (0 elsewhere).

#![allow(dead_code)]

use fokus::app::dialogs::prompt::PromptKind;
use fokus::app::draft::{Draft, EditorDraft};
use fokus::app::form::{FieldId, Value};
use fokus::domain::{Case, Conversation, EventKind};

/// The minutes fields the driver types into.
pub const MINUTES: [FieldId; 8] = [
    FieldId::Welcome,
    FieldId::LearningNeeds,
    FieldId::WorkplaceSecures,
    FieldId::StudentCommits,
    FieldId::Measures,
    FieldId::NewDateNote,
    FieldId::DistributionNote,
    FieldId::Closing,
];

/// The name of a note's text in the report (a note is not a form field of its own).
pub const NOTE: &str = "Note";
/// The name of an agreement's text in the report.
pub const AGREEMENT: &str = "AgreementText";

/// 64-bit FNV-1a, the report's hash of a text.
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// `<len> <fnv> <hex>` of a text, as `SAVING` and `SAVED` carry it.
pub fn described(text: &str) -> String {
    format!(
        "{} {:016x} {}",
        text.len(),
        fnv64(text.as_bytes()),
        hex(text.as_bytes())
    )
}

/// Lower-case hex of `bytes`; an empty text is written as `-` so no field is empty.
pub fn hex(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "-".into();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The text written by [`hex`].
pub fn unhex(s: &str) -> Option<String> {
    if s == "-" {
        return Some(String::new());
    }
    if !s.len().is_multiple_of(2) {
        return None;
    }
    let bytes = (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    String::from_utf8(bytes).ok()
}

/// The system's monotonic clock in milliseconds: the same clock in every process, so the
/// test can place its kill on the driver's time line.
pub fn monotonic_ms() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as u64 * 1000 + ts.tv_nsec as u64 / 1_000_000
}

/// SplitMix64: small, seeded, the same sequence everywhere.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// The report's name of a field.
pub fn field_name(id: FieldId) -> String {
    format!("{id:?}")
}

/// The minutes field named `name` in the report.
pub fn minutes_field(name: &str) -> Option<FieldId> {
    MINUTES.into_iter().find(|f| field_name(*f) == name)
}

/// The stored text of minutes field `field` of `c`.
pub fn minutes_text(c: &Conversation, field: FieldId) -> Option<&str> {
    let m = &c.minutes;
    Some(match field {
        FieldId::Welcome => &m.welcome,
        FieldId::LearningNeeds => &m.learning_needs,
        FieldId::WorkplaceSecures => &m.workplace_secures,
        FieldId::StudentCommits => &m.student_commits,
        FieldId::Measures => &m.measures,
        FieldId::NewDateNote => &m.new_date_note,
        FieldId::DistributionNote => &m.distribution_note,
        FieldId::Closing => &m.closing,
        _ => return None,
    })
}

/// The stored text of the record a `SAVED` line names: a minutes field of conversation
/// `id`, agreement `id`'s text, or the text of note event `id`.
pub fn stored_text(case: &Case, id: u64, field: &str) -> Option<String> {
    if field == AGREEMENT {
        return case
            .agreements
            .iter()
            .find(|a| a.id.0 == id)
            .map(|a| a.text.clone());
    }
    if field == NOTE {
        return case
            .events
            .iter()
            .find(|e| e.id.0 == id)
            .and_then(|e| match &e.kind {
                EventKind::Note { text } => Some(text.clone()),
                _ => None,
            });
    }
    let c = case.conversations.iter().find(|c| c.id.0 == id)?;
    minutes_text(c, minutes_field(field)?).map(str::to_string)
}

/// Where a text sits in a draft journal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// In an open field, exactly as typed.
    Field(String),
    /// In the conversation editor's agreement list (the agreement editor was closed), as
    /// the agreement will be stored: trimmed.
    Listed(String),
}

/// The text the draft holds for field `field` of student `sid`: `id` is the conversation
/// (0 for a note), `aid` the agreement for `AgreementText`.
pub fn draft_text(draft: &Draft, sid: u64, id: u64, field: &str, aid: u64) -> Option<Found> {
    for editor in &draft.editors {
        match editor {
            EditorDraft::Prompt {
                kind: PromptKind::Note,
                student,
                text,
            } if field == NOTE && student.0 == sid => return Some(Found::Field(text.clone())),
            EditorDraft::Conversation {
                student,
                base,
                fields,
                agreement,
                ..
            } if student.id.0 == sid && base.id.0 == id => {
                if field == AGREEMENT {
                    if let Some(a) = agreement.as_ref().filter(|a| a.base.id.0 == aid) {
                        return value_text(&a.fields, FieldId::AgreementText).map(Found::Field);
                    }
                    let listed = fields.iter().find_map(|(f, v)| match (f, v) {
                        (FieldId::Agreements, Value::Agreements(items)) => {
                            items.iter().find(|a| a.id.0 == aid).map(|a| a.text.clone())
                        }
                        _ => None,
                    });
                    return listed.map(Found::Listed);
                }
                return value_text(fields, minutes_field(field)?).map(Found::Field);
            }
            _ => {}
        }
    }
    None
}

fn value_text(fields: &[(FieldId, Value)], id: FieldId) -> Option<String> {
    fields.iter().find_map(|(f, v)| match v {
        Value::Text(t) if *f == id => Some(t.clone()),
        _ => None,
    })
}

/// Every text a draft would put back into an editor, as `(sid, id, field, text)` with the
/// same ids the driver's `RECOVERED` lines use, sorted.
pub fn draft_texts(draft: &Draft) -> Vec<(u64, u64, String, String)> {
    let mut out = Vec::new();
    for editor in &draft.editors {
        match editor {
            EditorDraft::Prompt {
                kind: PromptKind::Note,
                student,
                text,
            } => out.push((student.0, 0, NOTE.to_string(), text.clone())),
            EditorDraft::Conversation {
                student,
                base,
                fields,
                agreement,
                ..
            } => {
                for f in MINUTES {
                    if let Some(t) = value_text(fields, f) {
                        out.push((student.id.0, base.id.0, field_name(f), t));
                    }
                }
                if let Some(a) = agreement
                    && let Some(t) = value_text(&a.fields, FieldId::AgreementText)
                {
                    out.push((student.id.0, base.id.0, AGREEMENT.to_string(), t));
                }
            }
            _ => {}
        }
    }
    out.sort();
    out
}

/// The passphrase of the crash tests' databases.
pub const PASSPHRASE: &[u8] = b"crash suite";

/// The key of the database in `dir`: unlocked from its key file, or made there first (at
/// the cheapest cost; the crash tests are about what survives a kill, not the key's cost).
/// The databases are encrypted, as every database the application makes is.
pub fn key_for(dir: &std::path::Path) -> std::sync::Arc<fokus::crypto::Vault> {
    use fokus::crypto::{Kdf, KeyFile, Secret};
    let vault = match KeyFile::load(dir).expect("the key file reads") {
        Some(file) => file
            .unlock(Secret::Passphrase, PASSPHRASE)
            .expect("the crash tests' passphrase"),
        None => {
            std::fs::create_dir_all(dir).expect("the database folder");
            let (file, vault) =
                KeyFile::create(PASSPHRASE, b"recovery", Kdf::cheapest()).expect("a key");
            file.save(dir).expect("the key file");
            vault
        }
    };
    std::sync::Arc::new(vault)
}
