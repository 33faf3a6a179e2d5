//! `fokus check`, `fokus backup` and `fokus restore`.

use std::path::Path;
use std::process::ExitCode;

use chrono::Local;

use super::{DAMAGED, Setup, fail, open};
use crate::domain::FileKind;
use crate::i18n::{self, Lang, T};
use crate::privacy::files;
use crate::store::backup::{self, BackupError, Summary};
use crate::store::integrity::Finding;
use crate::store::{Consent, Damage, Mode, ReadOnlyReason, SledStore, Store, TreeName};

fn counts_line(lang: Lang, counts: &std::collections::BTreeMap<String, u64>) -> String {
    // The counts are kept under the trees' names, as the manifest and backups hold them.
    let get = |tree: TreeName| counts.get(tree.name()).copied().unwrap_or(0).to_string();
    lang.fill(
        T::CountsLine,
        &[
            ("students", &get(TreeName::Students)),
            ("conversations", &get(TreeName::Conversations)),
            ("agreements", &get(TreeName::Agreements)),
            ("events", &get(TreeName::Events)),
            ("marks", &get(TreeName::Marks)),
        ],
    )
}

fn finding(lang: Lang, f: &Finding) -> String {
    match f {
        Finding::Unreadable {
            tree,
            student,
            error,
        } => lang.fill(
            T::FindUnreadable,
            &[
                ("tree", tree.name()),
                ("student", &student.to_string()),
                ("error", &i18n::codec_error(lang, error)),
            ],
        ),
        Finding::Orphan { tree, student } => lang.fill(
            T::FindOrphan,
            &[("tree", tree.name()), ("student", &student.to_string())],
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

/// What `fokus check` is asked to do besides checking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckMode {
    /// Check and report.
    Report,
    /// Make the manifest anew from the records (after comparing them with the newest
    /// backup, and asking before giving up anything it or the old manifest holds).
    Repair,
    /// Begin anew with an empty database where the records are gone (after asking).
    StartOver,
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
/// Exit 0 only when the database is sound, 4 when it is damaged. With `--repair` or
/// `--start-over`, acts on what it found — only after asking wherever records would be
/// given up.
pub fn check(setup: &Setup, mode: CheckMode) -> ExitCode {
    let lang = setup.lang;
    let store = match open(setup) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if mode == CheckMode::StartOver {
        return start_over(setup, &store);
    }
    let (sound, findings) = match report(setup, &store, mode == CheckMode::Report) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if mode == CheckMode::Repair {
        return repair(setup, &store, sound, &findings);
    }
    // Copies from before the database was encrypted are not damage, but they are said.
    let clear = super::unlock::in_the_clear(&setup.db_dir);
    if !clear.is_empty() {
        println!(
            "{}",
            lang.fill(T::CheckClearCopies, &[("n", &clear.len().to_string())])
        );
        for path in &clear {
            println!("  {}", path.display());
        }
    }
    if sound {
        println!("{}", lang.t(T::CheckSound));
        return ExitCode::SUCCESS;
    }
    match findings.len() {
        1 => println!("{}", lang.t(T::CheckUnsoundOne)),
        n => println!("{}", lang.fill(T::CheckUnsound, &[("n", &n.to_string())])),
    }
    // Records from a newer Fokus are not damage: that database is read-only but whole.
    if findings.iter().all(|f| matches!(f, Finding::Newer(_))) {
        ExitCode::FAILURE
    } else {
        ExitCode::from(DAMAGED)
    }
}

/// Whether a finding is about the manifest only, which `--repair` can set right.
fn about_manifest(f: &Finding) -> bool {
    matches!(
        f,
        Finding::ManifestDiffers { .. }
            | Finding::Damage(Damage::ManifestMissing | Damage::ManifestUnreadable)
    )
}

/// `fokus check --repair`: a new manifest from the records as they are, after comparing
/// them with the newest good backup and the old manifest and saying what was compared.
/// If that gives up records either holds, the user must type the confirmation first.
fn repair(setup: &Setup, store: &SledStore, sound: bool, findings: &[Finding]) -> ExitCode {
    let lang = setup.lang;
    if sound {
        println!("{}", lang.t(T::RepairNothing));
        return ExitCode::SUCCESS;
    }
    if let Some(Damage::Gone { .. }) = store.settled_mode().damage() {
        println!("{}", lang.t(T::RepairGone));
        return ExitCode::from(DAMAGED);
    }
    if let Mode::ReadOnly(ReadOnlyReason::Newer { .. }) = store.settled_mode() {
        println!("{}", lang.t(T::RepairNewer));
        return ExitCode::FAILURE;
    }
    if findings.iter().any(|f| !about_manifest(f)) {
        println!("{}", lang.t(T::RepairOtherProblems));
        return ExitCode::from(DAMAGED);
    }
    let now = match store.tally() {
        Ok(state) => state.tally.total(),
        Err(e) => return fail(lang, &e),
    };
    // What the old manifest said, if it can be read.
    let said = match store.manifest_on_disk() {
        Ok(Some(m)) => lang.fill(
            T::RepairManifestSaid,
            &[("n", &m.records().to_string()), ("now", &now.to_string())],
        ),
        Ok(None) => lang.fill(T::RepairManifestMissing, &[("now", &now.to_string())]),
        Err(_) => lang.fill(T::RepairManifestUnreadable, &[("now", &now.to_string())]),
    };
    println!("{said}");
    let disagrees = findings
        .iter()
        .any(|f| matches!(f, Finding::ManifestDiffers { .. }));
    let mut missing = 0;
    match backup::newest_good(&setup.db_dir) {
        Some(path) => match store.compare_with(&path) {
            Ok(comparison) => {
                print_comparison(lang, &path, &comparison);
                missing = comparison.missing_entered();
            }
            Err(e) => return backup_failed(lang, &e),
        },
        None => println!("{}", lang.t(T::RepairNoBackup)),
    }
    if disagrees || missing > 0 {
        let key = if missing > 0 {
            T::RepairWouldGiveUpBackup
        } else {
            T::RepairWouldGiveUpManifest
        };
        println!("{}", lang.fill(key, &[("n", &missing.to_string())]));
        if !confirmed(lang, T::ConfirmRepairWord) {
            println!("{}", lang.t(T::NothingChanged));
            return ExitCode::from(DAMAGED);
        }
    }
    match store.rebuild_manifest(Some(Consent::decided_by_user())) {
        Ok(state) => {
            let n = state.tally.total().to_string();
            println!("{}", lang.fill(T::RepairDone, &[("n", &n)]));
            ExitCode::SUCCESS
        }
        Err(e) => fail(lang, &e),
    }
}

/// The comparison with a backup, one line per kind of record.
fn print_comparison(lang: Lang, path: &Path, comparison: &backup::Comparison) {
    let made = comparison
        .created
        .map(|t| t.format("%d.%m.%Y %H:%M").to_string())
        .unwrap_or_else(|| "?".into());
    println!(
        "{}",
        lang.fill(
            T::RepairCompared,
            &[("path", &path.display().to_string()), ("made", &made)]
        )
    );
    let kinds: [(T, &[TreeName]); 8] = [
        (T::KindStudents, &[TreeName::Students]),
        (T::KindConversations, &[TreeName::Conversations]),
        (T::KindAgreements, &[TreeName::Agreements]),
        (T::KindEvents, &[TreeName::Events]),
        (T::KindMarks, &[TreeName::Marks]),
        (T::KindOrganisations, &[TreeName::Organisations]),
        (T::KindReceipts, &[TreeName::Receipts]),
        (
            T::KindIndexes,
            &[
                TreeName::Summaries,
                TreeName::Due,
                TreeName::DueKeys,
                TreeName::Facts,
            ],
        ),
    ];
    for (kind, trees) in kinds {
        let sum = |f: fn(&backup::Compared) -> u64| -> String {
            comparison
                .trees
                .iter()
                .filter(|t| trees.contains(&t.tree))
                .map(f)
                .sum::<u64>()
                .to_string()
        };
        println!(
            "  {}",
            lang.fill(
                T::RepairKind,
                &[
                    ("kind", lang.t(kind)),
                    ("backup", &sum(|t| t.in_backup)),
                    ("database", &sum(|t| t.in_database)),
                    ("missing", &sum(|t| t.missing)),
                    ("changed", &sum(|t| t.changed)),
                ],
            )
        );
    }
}

/// `fokus check --start-over`: where the records are gone, a new, empty database, once
/// the user has typed the confirmation. The backups stay.
fn start_over(setup: &Setup, store: &SledStore) -> ExitCode {
    let lang = setup.lang;
    println!(
        "{}",
        lang.fill(
            T::CheckHeading,
            &[("path", &setup.db_dir.display().to_string())]
        )
    );
    let reason = match store.settled_mode() {
        Mode::ReadOnly(
            reason @ ReadOnlyReason::Damaged {
                damage: Damage::Gone { .. },
                ..
            },
        ) => reason,
        _ => {
            println!("{}", lang.t(T::StartOverRefused));
            return ExitCode::FAILURE;
        }
    };
    let ReadOnlyReason::Damaged { damage, backup } = &reason else {
        return ExitCode::FAILURE;
    };
    println!("{}", finding(lang, &Finding::Damage(damage.clone())));
    match backup {
        Some(file) => {
            let file = file.display().to_string();
            println!("{}", lang.fill(T::DbRestoreHint, &[("backup", &file)]));
        }
        None => println!("{}", lang.t(T::DbNoBackup)),
    }
    let path = setup.db_dir.display().to_string();
    println!("{}", lang.fill(T::StartOverWhat, &[("path", &path)]));
    if !confirmed(lang, T::ConfirmStartOverWord) {
        println!("{}", lang.t(T::NothingChanged));
        return ExitCode::from(DAMAGED);
    }
    match store.start_over(Consent::decided_by_user(), Local::now().naive_local()) {
        Ok(aside) => {
            println!("{}", lang.fill(T::StartOverDone, &[("path", &path)]));
            if let Some(aside) = aside {
                let aside = aside.display().to_string();
                println!("{}", lang.fill(T::StartOverSetAside, &[("path", &aside)]));
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(lang, &e),
    }
}

/// Asks the user to type the word `word` names; true only if they did. No answer (end of
/// input, as from a script) is no.
pub(super) fn confirmed(lang: Lang, word: T) -> bool {
    use std::io::{BufRead, IsTerminal, Write};
    let word = lang.t(word);
    print!("{} ", lang.fill(T::ConfirmPrompt, &[("word", word)]));
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    let read = std::io::stdin().lock().read_line(&mut answer);
    // Typed at a terminal, the answer ended the line; from elsewhere it did not show.
    if !std::io::stdin().is_terminal() || matches!(read, Ok(0) | Err(_)) {
        println!();
    }
    matches!(read, Ok(n) if n > 0) && answer.trim().to_lowercase() == word.to_lowercase()
}

fn backup_failed(lang: Lang, e: &BackupError) -> ExitCode {
    failed(lang, T::BackupFailed, e)
}

/// Says that `what` (a backup, a restore) did not succeed, and why.
fn failed(lang: Lang, what: T, e: &BackupError) -> ExitCode {
    let why = i18n::backup_error(lang, e);
    eprintln!("fokus: {}", lang.fill(what, &[("error", &why)]));
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
    let done = match mode.damage() {
        Some(_) => ExitCode::from(DAMAGED),
        None => ExitCode::SUCCESS,
    };
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
        return done;
    }
    match files::note(
        &store,
        std::slice::from_ref(&path),
        FileKind::Backup,
        &students,
        now,
    ) {
        Ok(()) => done,
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
        Err(e) => failed(lang, T::RestoreFailed, &e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_finding_has_words_in_both_languages() {
        let all = [
            Finding::Unreadable {
                tree: TreeName::Students,
                student: crate::domain::StudentId(3),
                error: crate::store::CodecError::BadMagic,
            },
            Finding::Orphan {
                tree: TreeName::Events,
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

    #[test]
    fn an_unreadable_record_is_named_in_one_language_with_its_student() {
        let f = Finding::Unreadable {
            tree: TreeName::Events,
            student: crate::domain::StudentId(49),
            error: crate::store::CodecError::TrailingBytes(3),
        };
        assert_eq!(
            finding(Lang::Da, &f),
            "Posten om elev 49 i events kan ikke læses: posten har 3 uventede byte til sidst"
        );
        assert_eq!(
            finding(Lang::En, &f),
            "The record about student 49 in events cannot be read: \
             the record has 3 unexpected bytes at its end"
        );
    }
}
