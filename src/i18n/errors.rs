//! Problems worded for the user: database, keymap and config errors.

use super::{Lang, T};
use crate::app::Action;
use crate::keymap::{KeymapError, KeymapErrorKind};
use crate::store::{CodecError, Damage, Holder, ReadOnlyReason, StoreError};

/// Who holds the database: process id and program, as far as known.
pub fn holder(lang: Lang, h: &Holder) -> String {
    match (h.pid, &h.program) {
        (Some(pid), Some(program)) => lang.fill(
            T::HolderPidProgram,
            &[("pid", &pid.to_string()), ("program", program)],
        ),
        (Some(pid), None) => lang.fill(T::HolderPid, &[("pid", &pid.to_string())]),
        _ => lang.t(T::HolderUnknown).to_string(),
    }
}

/// A database problem, in words a supervisor understands.
pub fn store_error(lang: Lang, e: &StoreError) -> String {
    match e {
        // Reading met a file or record that is not there as written.
        StoreError::Engine(_) | StoreError::Codec { .. } if e.damage().is_some() => {
            let damage = e.damage().unwrap_or(Damage::CheckStopped);
            lang.fill(T::DbDamaged, &[("detail", &damage_detail(lang, &damage))])
        }
        StoreError::Locked { path, holder: h } => lang.fill(
            T::DbLocked,
            &[
                ("path", &path.display().to_string()),
                ("holder", &holder(lang, h)),
            ],
        ),
        StoreError::Io { path, source } => lang.fill(
            T::DbIo,
            &[
                ("path", &path.display().to_string()),
                ("error", &io_error(lang, source.kind(), &source.to_string())),
            ],
        ),
        StoreError::Engine(err) => lang.fill(T::DbEngine, &[("error", &err.to_string())]),
        StoreError::Codec { tree, source } => lang.fill(
            T::DbCodec,
            &[("tree", tree), ("error", &codec_error(lang, source))],
        ),
        StoreError::Damaged { damage, backup } => damaged(lang, damage, backup.as_deref()),
        StoreError::ReadOnly(reason) => read_only(lang, reason),
        StoreError::NoSuchStudent(_) => lang.t(T::DbNoStudent).to_string(),
        StoreError::NotEmpty => lang.t(T::DbNotEmpty).to_string(),
        StoreError::Unreachable(error) => lang.fill(T::DbUnreachable, &[("error", error)]),
        StoreError::Server(error) => lang.fill(T::DbServer, &[("error", error)]),
        StoreError::NotAllowed => lang.t(T::DbNotAllowed).to_string(),
        StoreError::Conflict(c) => conflict(lang, c),
        StoreError::KeyNeeded => lang.t(T::DbKeyNeeded).to_string(),
        StoreError::ForeignKey => lang.t(T::DbForeignKey).to_string(),
        StoreError::Unlock(e) => key_error(lang, e),
        StoreError::PassphraseFileOpen(path) => lang.fill(
            T::DbPassphraseFileOpen,
            &[("path", &path.display().to_string())],
        ),
        StoreError::DemoRefused(refusal) => {
            lang.fill(T::DbDemoRefused, &[("detail", &refusal.to_string())])
        }
    }
}

/// Why a record could not be read (or written), as the end of a sentence.
pub fn codec_error(lang: Lang, e: &CodecError) -> String {
    match e {
        CodecError::TooShort(n) => lang.fill(T::CodecTooShort, &[("n", &n.to_string())]),
        CodecError::BadMagic => lang.t(T::CodecBadMagic).to_string(),
        CodecError::NewerVersion { found, known } => lang.fill(
            T::CodecNewer,
            &[("found", &found.to_string()), ("known", &known.to_string())],
        ),
        CodecError::UnknownVersion(n) => lang.fill(T::CodecUnknown, &[("n", &n.to_string())]),
        CodecError::Payload(detail) => lang.fill(T::CodecPayload, &[("detail", detail)]),
        CodecError::TrailingBytes(n) => lang.fill(T::CodecTrailing, &[("n", &n.to_string())]),
        CodecError::Encode(detail) => lang.fill(T::CodecEncode, &[("detail", detail)]),
        CodecError::Locked => lang.t(T::CodecLocked).to_string(),
        CodecError::Tampered => lang.t(T::CodecTampered).to_string(),
    }
}

/// What is wrong, as the middle of a sentence ("The database is damaged: …").
pub fn damage_detail(lang: Lang, damage: &Damage) -> String {
    match damage {
        Damage::Records { expected, found } => lang.fill(
            T::DamageRecords,
            &[
                ("expected", &expected.to_string()),
                ("found", &found.to_string()),
            ],
        ),
        Damage::Gone {
            expected: Some(n), ..
        } => lang.fill(T::DamageGoneManifest, &[("expected", &n.to_string())]),
        Damage::Gone {
            expected: None,
            backups: 0,
        } => lang.t(T::DamageGoneUnreadable).to_string(),
        Damage::Gone {
            expected: None,
            backups,
        } => lang.fill(T::DamageGoneBackups, &[("n", &backups.to_string())]),
        Damage::ManifestMissing => lang.t(T::DamageManifestMissing).to_string(),
        Damage::ManifestUnreadable => lang.t(T::DamageManifestUnreadable).to_string(),
        Damage::FileMissing => lang.t(T::DamageFileMissing).to_string(),
        Damage::Engine(error) => lang.fill(T::DamageEngine, &[("error", error)]),
        Damage::UnreadableRecord { tree } => {
            lang.fill(T::DamageUnreadableRecord, &[("tree", tree)])
        }
        Damage::CheckStopped => lang.t(T::DamageCheckStopped).to_string(),
    }
}

/// A damaged database: what is wrong, and what to do — where there are other ways than a
/// restore, repair the manifest or start over; then restore the backup named.
fn damaged(lang: Lang, damage: &Damage, backup: Option<&std::path::Path>) -> String {
    let mut text = lang.fill(T::DbDamaged, &[("detail", &damage_detail(lang, damage))]);
    let mut add = |line: String| {
        text.push(' ');
        text.push_str(&line);
    };
    if matches!(damage, Damage::ManifestMissing | Damage::ManifestUnreadable) {
        add(lang.t(T::DbRepairHint).to_string());
    }
    if matches!(damage, Damage::Gone { .. }) {
        add(lang.t(T::DbStartOverHint).to_string());
    }
    // Last, as it ends in a command to copy.
    add(match backup {
        Some(path) => lang.fill(T::DbRestoreHint, &[("backup", &path.display().to_string())]),
        None => lang.t(T::DbNoBackup).to_string(),
    });
    text
}

/// Why the database can only be read, and what to do about it.
pub fn read_only(lang: Lang, reason: &ReadOnlyReason) -> String {
    match reason {
        ReadOnlyReason::Damaged { damage, backup } => damaged(lang, damage, backup.as_deref()),
        ReadOnlyReason::Newer { version } => lang.fill(
            T::DbNewer,
            &[
                ("found", &version.to_string()),
                ("known", &crate::store::codec::FORMAT_VERSION.to_string()),
            ],
        ),
        ReadOnlyReason::NoBackupForMigration(error) => {
            lang.fill(T::DbNoMigrationBackup, &[("error", error)])
        }
    }
}

/// A backup problem.
pub fn backup_error(lang: Lang, e: &crate::store::backup::BackupError) -> String {
    use crate::store::backup::BackupError as B;
    match e {
        B::Io(err) => lang.fill(
            T::BakIo,
            &[("error", &io_error(lang, err.kind(), &err.to_string()))],
        ),
        B::Engine(err) => lang.fill(T::DbEngine, &[("error", &err.to_string())]),
        B::NotABackup => lang.t(T::BakNotABackup).to_string(),
        B::ChecksumMismatch => lang.t(T::BakChecksum).to_string(),
        B::Damaged(what) => lang.fill(T::BakDamaged, &[("what", what)]),
        B::NewerFormat(v) => lang.fill(T::BakNewer, &[("version", &v.to_string())]),
        B::TargetNotEmpty(path) => lang.fill(
            T::BakTargetNotEmpty,
            &[("path", &path.display().to_string())],
        ),
    }
}

/// A keymap problem with its file, line and key.
pub fn keymap_error(lang: Lang, e: &KeymapError) -> String {
    let name = |a: &Action| a.name().to_string();
    let what = match &e.kind {
        KeymapErrorKind::Unreadable { reason } => lang.fill(T::KmUnreadable, &[("reason", reason)]),
        KeymapErrorKind::Syntax { message } => {
            let first = message.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            lang.fill(T::KmSyntax, &[("message", first.trim())])
        }
        KeymapErrorKind::MissingField { field } => {
            lang.fill(T::KmMissingField, &[("field", field)])
        }
        KeymapErrorKind::UnknownField { field } => {
            lang.fill(T::KmUnknownField, &[("field", field)])
        }
        KeymapErrorKind::WrongType { field, .. } => lang.fill(T::KmWrongType, &[("field", field)]),
        KeymapErrorKind::UnknownContext { name } => {
            lang.fill(T::KmUnknownContext, &[("name", name)])
        }
        KeymapErrorKind::UnknownAction { name } => lang.fill(T::KmUnknownAction, &[("name", name)]),
        KeymapErrorKind::InvalidKey(reason) => {
            lang.fill(T::KmInvalidKey, &[("reason", &reason.to_string())])
        }
        KeymapErrorKind::Duplicate {
            first,
            first_line,
            second,
        } => lang.fill(
            T::KmDuplicate,
            &[
                ("first", &name(first)),
                ("line", &first_line.to_string()),
                ("second", &name(second)),
            ],
        ),
        KeymapErrorKind::PrefixConflict {
            action,
            other_keys,
            other_action,
            ..
        } => lang.fill(
            T::KmPrefix,
            &[
                ("action", &name(action)),
                ("other", other_keys),
                ("other_action", &name(other_action)),
            ],
        ),
        KeymapErrorKind::PrintableInEditor { action } => {
            lang.fill(T::KmPrintable, &[("action", &name(action))])
        }
        KeymapErrorKind::Unreachable { action, context } => lang.fill(
            T::KmUnreachable,
            &[("action", &name(action)), ("context", context.name())],
        ),
    };
    let file = e.file.display().to_string();
    let place = match (e.line, &e.key) {
        (Some(line), Some(key)) => lang.fill(
            T::KmPlaceLineKey,
            &[("file", &file), ("line", &line.to_string()), ("key", key)],
        ),
        (Some(line), None) => lang.fill(
            T::KmPlaceLine,
            &[("file", &file), ("line", &line.to_string())],
        ),
        _ => file,
    };
    format!("{place}: {what}")
}

/// A file-system problem in the user's language; `detail` is the system's own wording,
/// used for the rarer kinds that have no sentence of their own.
pub fn io_error(lang: Lang, kind: std::io::ErrorKind, detail: &str) -> String {
    use std::io::ErrorKind;
    match kind {
        ErrorKind::NotFound => lang.t(T::IoNotFound).to_string(),
        ErrorKind::PermissionDenied => lang.t(T::IoPermission).to_string(),
        ErrorKind::IsADirectory => lang.t(T::IoIsDirectory).to_string(),
        _ => detail.to_string(),
    }
}

/// What went wrong with the team's server, in `lang`.
pub fn team_error(lang: Lang, e: &crate::team::TeamError) -> String {
    use crate::team::TeamError;
    match e {
        TeamError::Address(url, error) => {
            lang.fill(T::TeamAddress, &[("url", url), ("error", error)])
        }
        TeamError::NeedsTls(server) => lang.fill(T::TeamNeedsTls, &[("server", server)]),
        TeamError::RootCert(path, error) => lang.fill(
            T::TeamRootCert,
            &[("path", &path.display().to_string()), ("error", error)],
        ),
        TeamError::NoTrustedRoots => lang.t(T::TeamNoTrustedRoots).to_string(),
        TeamError::CertNotTrusted(server) => {
            lang.fill(T::TeamCertNotTrusted, &[("server", server)])
        }
        TeamError::CertWrongName(server) => lang.fill(T::TeamCertWrongName, &[("server", server)]),
        TeamError::CertInvalid(server, error) => {
            lang.fill(T::TeamCertInvalid, &[("server", server), ("error", error)])
        }
        TeamError::NoTlsOffered(server) => lang.fill(T::TeamNoTlsOffered, &[("server", server)]),
        TeamError::Tls(error) => lang.fill(T::TeamTls, &[("error", error)]),
        TeamError::Server(error) => {
            // The server's own words (in its language) say what it refused.
            let said = error
                .as_db_error()
                .map_or_else(|| error.to_string(), |db| db.message().to_string());
            lang.fill(T::TeamServer, &[("error", &said)])
        }
        TeamError::UnknownRole(role) => lang.fill(T::TeamUnknownRole, &[("role", role)]),
        TeamError::BadLogin(login) => lang.fill(T::TeamBadLogin, &[("login", login)]),
        TeamError::NoSuchUser(login) => lang.fill(T::TeamNoSuchUser, &[("login", login)]),
        TeamError::NotSupervisor(login) => lang.fill(T::TeamNotSupervisor, &[("login", login)]),
        TeamError::NoSuchStudent(student) => {
            lang.fill(T::TeamNoSuchStudent, &[("student", &student.to_string())])
        }
        TeamError::PasswordFileOpen(path) => lang.fill(
            T::TeamPasswordFileOpen,
            &[("path", &path.display().to_string())],
        ),
        TeamError::AlreadyThere(n) => lang.fill(T::TeamAlreadyThere, &[("n", &n.to_string())]),
        TeamError::NoAuthority(student) => {
            lang.fill(T::TeamNoAuthority, &[("student", &student.to_string())])
        }
        TeamError::CountsDiffer => lang.t(T::TeamCountsDiffer).to_string(),
        TeamError::Local(e) => lang.fill(T::TeamLocal, &[("error", &store_error(lang, e))]),
        TeamError::PasswordNeeded => lang.t(T::TeamPasswordNeeded).to_string(),
        TeamError::PasswordRefused => lang.t(T::TeamPasswordRefused).to_string(),
        TeamError::OwnerBoundByPolicies => lang.t(T::TeamOwnerBound).to_string(),
        TeamError::OlderSchema(found, needed) => lang.fill(
            T::TeamOlderSchema,
            &[
                ("found", &found.to_string()),
                ("needed", &needed.to_string()),
            ],
        ),
        TeamError::NewerSchema(version) => {
            lang.fill(T::TeamNewerSchema, &[("version", &version.to_string())])
        }
    }
}

/// Who saved first, when and what, for a refused save.
pub fn conflict(lang: Lang, c: &crate::store::Conflict) -> String {
    use crate::store::ConflictPart;
    let by = match c.role {
        Some(role) => format!("{} ({})", c.by, super::words::role(lang, role)),
        None => c.by.clone(),
    };
    let what: Vec<String> = c
        .parts
        .iter()
        .map(|p| match p {
            ConflictPart::Student => lang.t(T::ConflictStudent).to_string(),
            ConflictPart::Conversation(_, date) => lang.fill(
                T::ConflictConversation,
                &[("date", &date.format("%d.%m.%Y").to_string())],
            ),
            ConflictPart::Agreement(_) => lang.t(T::ConflictAgreement).to_string(),
        })
        .collect();
    lang.fill(
        T::DbConflict,
        &[
            ("by", &by),
            ("at", &c.at.format("%H:%M").to_string()),
            ("what", &what.join(", ")),
        ],
    )
}

/// Where a clashing field is, for the user: "the conversation on 12.11.2026 › Læringsbehov".
pub fn clash_place(lang: Lang, path: &[String], theirs: &crate::domain::Case) -> String {
    use crate::app::form::FieldId;
    let mut words = Vec::new();
    let record = || {
        path.get(1)
            .and_then(|p| p.strip_prefix('#'))
            .and_then(|p| p.parse::<u64>().ok())
    };
    match path.first().map(String::as_str) {
        Some("student") => words.push(lang.t(T::ConflictStudent).to_string()),
        Some("conversations") => {
            let date = record()
                .and_then(|id| theirs.conversation(crate::domain::ConversationId(id)))
                .map(|c| c.planned_at.date().format("%d.%m.%Y").to_string())
                .unwrap_or_default();
            words.push(lang.fill(T::ConflictConversation, &[("date", &date)]));
        }
        Some("agreements") => words.push(lang.t(T::ConflictAgreement).to_string()),
        Some(other) => words.push(other.to_string()),
        None => {}
    }
    for key in path.iter().skip(1) {
        if key.starts_with('#') || key == "minutes" {
            continue;
        }
        let field = match key.as_str() {
            "name" => Some(FieldId::Name),
            "programme" => Some(FieldId::Programme),
            "start" => Some(FieldId::Start),
            "expected_end" => Some(FieldId::ExpectedEnd),
            "school" => Some(FieldId::School),
            "workplace" => Some(FieldId::Workplace),
            "unit" => Some(FieldId::Unit),
            "employer" => Some(FieldId::Employer),
            "supervisor" => Some(FieldId::Supervisor),
            "education_officer" => Some(FieldId::EducationOfficer),
            "status" if path.first().is_some_and(|p| p == "agreements") => {
                Some(FieldId::AgreementStatus)
            }
            "status" => Some(FieldId::Status),
            "planned_at" => Some(FieldId::Date),
            "place" => Some(FieldId::Place),
            "welcome" => Some(FieldId::Welcome),
            "learning_needs" => Some(FieldId::LearningNeeds),
            "workplace_secures" => Some(FieldId::WorkplaceSecures),
            "student_commits" => Some(FieldId::StudentCommits),
            "measures" => Some(FieldId::Measures),
            "new_date_note" => Some(FieldId::NewDateNote),
            "distribution_note" => Some(FieldId::DistributionNote),
            "closing" => Some(FieldId::Closing),
            "text" => Some(FieldId::AgreementText),
            "owner" => Some(FieldId::AgreementOwner),
            "owner_name" => Some(FieldId::AgreementOwnerName),
            "due" => Some(FieldId::AgreementDue),
            _ => None,
        };
        words.push(match field {
            Some(id) => super::words::field_label(lang, id),
            None => key.replace('_', " "),
        });
    }
    words.join(" › ")
}

/// A clashing field's value as text: a text as it is, anything else briefly.
pub fn clash_value(lang: Lang, value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) if s.is_empty() => lang.t(T::MergeEmpty).to_string(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => lang.t(T::MergeGone).to_string(),
        other => other.to_string(),
    }
}

/// Why the database's key could not be unlocked, made or kept.
pub fn key_error(lang: Lang, e: &crate::crypto::KeyError) -> String {
    use crate::crypto::KeyError;
    match e {
        KeyError::WrongPassphrase => lang.t(T::KeyWrongPassphrase).to_string(),
        KeyError::WrongRecoveryKey => lang.t(T::KeyWrongRecovery).to_string(),
        KeyError::Damaged => lang.t(T::KeyDamaged).to_string(),
        KeyError::Newer(v) => lang.fill(T::KeyNewer, &[("n", &v.to_string())]),
        KeyError::Random(e) => lang.fill(T::KeyRandom, &[("error", &e.to_string())]),
        KeyError::Io(e) => lang.fill(T::KeyIo, &[("error", &e.to_string())]),
    }
}
