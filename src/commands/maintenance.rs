//! `fokus check`, `fokus backup` and `fokus restore`.

use std::path::Path;
use std::process::ExitCode;

use chrono::Local;

use super::{Setup, fail, open};
use crate::domain::FileKind;
use crate::i18n::{self, Lang, T};
use crate::privacy::files;
use crate::store::backup::{self, BackupError, Summary};
use crate::store::integrity::Finding;
use crate::store::{Mode, Store};

fn counts_line(lang: Lang, counts: &std::collections::BTreeMap<String, u64>) -> String {
    let get = |tree: &str| counts.get(tree).copied().unwrap_or(0).to_string();
    lang.fill(
        T::CountsLine,
        &[
            ("students", &get("students")),
            ("conversations", &get("conversations")),
            ("agreements", &get("agreements")),
            ("events", &get("events")),
            ("marks", &get("marks")),
        ],
    )
}

fn finding(lang: Lang, f: &Finding) -> String {
    match f {
        Finding::Unreadable { tree, error } => {
            lang.fill(T::FindUnreadable, &[("tree", tree), ("error", error)])
        }
        Finding::Orphan { tree, student } => lang.fill(
            T::FindOrphan,
            &[("tree", tree), ("student", &student.to_string())],
        ),
        Finding::SummaryDiffers(id) | Finding::SummaryMissing(id) => {
            lang.fill(T::FindSummary, &[("student", &id.to_string())])
        }
        Finding::DueIndexDiffers(id) => lang.fill(T::FindDue, &[("student", &id.to_string())]),
        Finding::DueIndexStray(n) => lang.fill(T::FindDueStray, &[("n", &n.to_string())]),
        Finding::Manifest(detail) => lang.fill(T::FindManifest, &[("detail", detail)]),
    }
}

/// `fokus check`: reads every record, compares indexes and manifest, prints a report.
/// Exit 0 only when the database is sound.
pub fn check(setup: &Setup) -> ExitCode {
    let lang = setup.lang;
    let store = match open(setup) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let report = match store.check() {
        Ok(r) => r,
        Err(e) => return fail(lang, &e),
    };
    println!(
        "{}",
        lang.fill(
            T::CheckHeading,
            &[("path", &setup.db_dir.display().to_string())]
        )
    );
    println!("{}", counts_line(lang, &report.counts));
    if let Mode::ReadOnly(reason) = store.mode() {
        println!("{}", i18n::read_only(lang, &reason));
    }
    for f in &report.findings {
        println!("  • {}", finding(lang, f));
    }
    if report.is_sound() {
        println!("{}", lang.t(T::CheckSound));
        ExitCode::SUCCESS
    } else {
        println!(
            "{}",
            lang.fill(
                T::CheckUnsound,
                &[("n", &report.findings.len().to_string())]
            )
        );
        ExitCode::FAILURE
    }
}

fn backup_failed(lang: Lang, e: &BackupError) -> ExitCode {
    let why = i18n::backup_error(lang, e);
    eprintln!("fokus: {}", lang.fill(T::BackupFailed, &[("error", &why)]));
    ExitCode::FAILURE
}

fn print_summary(lang: Lang, key: T, path: &Path, summary: &Summary) {
    println!(
        "{}",
        lang.fill(
            key,
            &[
                ("path", &path.display().to_string()),
                ("n", &summary.total().to_string())
            ]
        )
    );
    println!("{}", counts_line(lang, &summary.counts));
}

/// `fokus backup [FILE]`: a backup of every record, by default in the database's backup
/// folder.
pub fn backup(setup: &Setup, file: Option<&Path>) -> ExitCode {
    let lang = setup.lang;
    let store = match open(setup) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Mode::ReadOnly(reason) = store.mode() {
        eprintln!("fokus: {}", i18n::read_only(lang, &reason));
    }
    let now = Local::now().naive_local();
    let path = file.map_or_else(
        || backup::manual_path(&setup.db_dir, now),
        Path::to_path_buf,
    );
    let students = match store.summaries() {
        Ok(all) => all.iter().map(|s| s.id).collect::<Vec<_>>(),
        Err(e) => return fail(lang, &e),
    };
    let summary = match store.backup(&path, now) {
        Ok(summary) => summary,
        Err(e) => return backup_failed(lang, &e),
    };
    print_summary(lang, T::BackupDone, &path, &summary);
    // The backup folder is purged at every erasure; a backup anywhere else is found
    // through the register.
    let in_folder = files::absolute(&path).is_ok_and(|p| {
        std::fs::canonicalize(setup.db_dir.join(backup::DIR)).is_ok_and(|d| p.starts_with(d))
    });
    if in_folder {
        return ExitCode::SUCCESS;
    }
    match files::note(
        &store,
        std::slice::from_ref(&path),
        FileKind::Backup,
        &students,
        now,
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fokus: {}", e.message(lang, &[path]));
            ExitCode::FAILURE
        }
    }
}

/// `fokus restore FILE`: verifies the backup, then restores it into the database folder,
/// which must be empty or new.
pub fn restore(setup: &Setup, file: &Path) -> ExitCode {
    let lang = setup.lang;
    match backup::restore(file, &setup.db_dir) {
        Ok(summary) => {
            print_summary(lang, T::RestoreDone, &setup.db_dir, &summary);
            ExitCode::SUCCESS
        }
        Err(e) => backup_failed(lang, &e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_finding_has_words_in_both_languages() {
        let all = [
            Finding::Unreadable {
                tree: "students",
                error: "x".into(),
            },
            Finding::Orphan {
                tree: "events",
                student: crate::domain::StudentId(3),
            },
            Finding::SummaryDiffers(crate::domain::StudentId(3)),
            Finding::SummaryMissing(crate::domain::StudentId(3)),
            Finding::DueIndexDiffers(crate::domain::StudentId(3)),
            Finding::DueIndexStray(2),
            Finding::Manifest("m".into()),
        ];
        for f in &all {
            for lang in [Lang::Da, Lang::En] {
                assert!(!finding(lang, f).contains('{'));
            }
        }
    }
}
