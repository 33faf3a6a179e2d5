//! `fokus import`: a student list from Excel into the database, or only its dry run.

use std::path::Path;
use std::process::ExitCode;

use chrono::Local;

use super::{Setup, fail, open, user_or_fail};
use crate::domain::Ctx;
use crate::i18n::T;
use crate::import;

/// `fokus import FILE [--dry-run]`: prints what each row means (created, updated,
/// unchanged or rejected with its line number and why), then writes the students in one
/// commit unless `dry_run`. Rejected rows are left out; the rest is written whole or not
/// at all.
pub fn import(setup: &Setup, file: &Path, dry_run: bool) -> ExitCode {
    let lang = setup.lang;
    let table = match import::read_file(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("fokus: {}", e.message(lang));
            return ExitCode::FAILURE;
        }
    };
    let store = match open(setup) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Err(code) = super::refuse_damaged(setup, &store) {
        return code;
    }
    let existing = match import::existing_for(&store, &table) {
        Ok(e) => e,
        Err(e) => return fail(lang, &e),
    };
    let now = Local::now().naive_local();
    let plan = import::plan(&table, &existing, now.date());
    println!("{}", import::describe_table(&table, lang));
    for line in import::describe_plan(&plan, lang) {
        println!("{line}");
    }
    println!("{}", plan.summary(lang));
    let counts = plan.counts();
    if dry_run {
        println!("{}", lang.t(T::ImpDryRunDone));
        return ExitCode::SUCCESS;
    }
    if counts.create + counts.update == 0 {
        println!("{}", lang.t(T::ImpNothingToDo));
        return ExitCode::SUCCESS;
    }
    let ctx = match user_or_fail(setup) {
        Ok(by) => Ctx { now, by },
        Err(code) => return code,
    };
    match import::commit_plan(&store, &plan, &existing, &ctx) {
        Ok(written) => {
            let n = written.len().to_string();
            if counts.rejected == 0 {
                println!("{}", lang.fill(T::ImpDone, &[("n", &n)]));
            } else {
                let rejected = counts.rejected.to_string();
                println!(
                    "{}",
                    lang.fill(
                        T::ImpDoneWithRejected,
                        &[("n", &n), ("rejected", &rejected)]
                    )
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let error = crate::i18n::store_error(lang, &e);
            eprintln!("fokus: {}", lang.fill(T::ImpFailed, &[("error", &error)]));
            match e {
                crate::store::StoreError::Locked { .. } => ExitCode::from(3),
                _ => ExitCode::FAILURE,
            }
        }
    }
}
