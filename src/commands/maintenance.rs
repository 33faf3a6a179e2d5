//! `fokus check`, `fokus backup` and `fokus restore`.

use std::path::Path;
use std::process::ExitCode;

use chrono::Local;

use super::{DAMAGED, Setup, fail, open};
use crate::i18n::{self, Lang, T};
use crate::store::backup::{self, BackupError, Summary};
use crate::store::integrity::Finding;
use crate::store::{Damage, Mode, SledStore};

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
        Finding::ManifestDiffers {
            expected,
            found,
            expected_sum,
            found_sum,
        } => lang.fill(
            T::FindManifest,
            &[
                ("expected", &expected.to_string()),
                ("found", &found.to_string()),
                ("expected_sum", &format!("{expected_sum:016x}")),
                ("found_sum", &format!("{found_sum:016x}")),
            ],
        ),
        Finding::Newer(version) => lang.fill(T::FindNewer, &[("version", &version.to_string())]),
        Finding::Damage(damage) => lang.fill(
            T::FindDamage,
            &[("detail", &i18n::damage_detail(lang, damage))],
        ),
    }
}

/// The report of a check: heading, counts, why the database is read-only and what to do
/// (unless `advise` is off, as while repairing), the findings. Returns whether the
/// database is sound.
fn report(
    setup: &Setup,
    store: &SledStore,
    advise: bool,
) -> Result<(bool, Vec<Finding>), ExitCode> {
    let lang = setup.lang;
    let mode = store.settled_mode();
    let mut report = store.check().map_err(|e| fail(lang, &e))?;
    println!(
        "{}",
        lang.fill(
            T::CheckHeading,
            &[("path", &setup.db_dir.display().to_string())]
        )
    );
    println!("{}", counts_line(lang, &report.counts));
    if let Mode::ReadOnly(reason) = &mode
        && advise
    {
        println!("{}", i18n::read_only(lang, reason));
    }
    if report.findings.is_empty()
        && let Some(damage) = mode.damage()
    {
        report.findings.push(Finding::Damage(damage.clone()));
    }
    for f in &report.findings {
        println!("  • {}", finding(lang, f));
    }
    Ok((report.is_sound(), report.findings))
}

/// `fokus check`: reads every record, compares indexes and manifest, prints a report.
/// Exit 0 only when the database is sound, 4 when it is damaged.
pub fn check(setup: &Setup) -> ExitCode {
    let lang = setup.lang;
    let store = match open(setup) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let (sound, findings) = match report(setup, &store, true) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if sound {
        println!("{}", lang.t(T::CheckSound));
        return ExitCode::SUCCESS;
    }
    println!(
        "{}",
        lang.fill(T::CheckUnsound, &[("n", &findings.len().to_string())])
    );
    // Records from a newer Fokus are not damage: that database is read-only but whole.
    if findings.iter().all(|f| matches!(f, Finding::Newer(_))) {
        ExitCode::FAILURE
    } else {
        ExitCode::from(DAMAGED)
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
/// folder. A damaged database is backed up as it is (status 4), by default as
/// `damaged-….fokusbak`, which is never named as the backup to restore.
pub fn backup(setup: &Setup, file: Option<&Path>) -> ExitCode {
    let lang = setup.lang;
    let store = match open(setup) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mode = store.settled_mode();
    if let Mode::ReadOnly(reason) = &mode {
        eprintln!("fokus: {}", i18n::read_only(lang, reason));
    }
    if let Some(Damage::Gone { .. }) = mode.damage() {
        eprintln!("fokus: {}", lang.t(T::BackupNothing));
        return ExitCode::from(DAMAGED);
    }
    let now = Local::now().naive_local();
    let path = match (file, mode.damage()) {
        (Some(file), _) => file.to_path_buf(),
        (None, Some(_)) => backup::damaged_path(&setup.db_dir, now),
        (None, None) => backup::manual_path(&setup.db_dir, now),
    };
    match store.backup(&path, now) {
        Ok(summary) => {
            print_summary(lang, T::BackupDone, &path, &summary);
            match mode.damage() {
                Some(_) => ExitCode::from(DAMAGED),
                None => ExitCode::SUCCESS,
            }
        }
        Err(e) => backup_failed(lang, &e),
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
            Finding::ManifestDiffers {
                expected: 3,
                found: 2,
                expected_sum: 1,
                found_sum: 2,
            },
            Finding::Newer(9),
            Finding::Damage(Damage::ManifestMissing),
            Finding::Damage(Damage::Gone {
                expected: None,
                backups: 2,
            }),
        ];
        for f in &all {
            for lang in [Lang::Da, Lang::En] {
                assert!(!finding(lang, f).contains('{'));
            }
        }
    }
}
