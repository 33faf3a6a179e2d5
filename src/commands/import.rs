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
    // The plan holds all that is needed from here; a long list is not kept twice.
    drop((table, existing));
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        for note in &plan.notes {
            let _ = writeln!(out, "{}", import::describe(note, lang));
        }
        for row in &plan.rows {
            let _ = writeln!(out, "{}", import::describe_row(row, lang));
        }
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
    let total = counts.create + counts.update;
    let mut progress = Progress::new(lang);
    let result = import::commit_plan(&store, &plan, &ctx, &mut |done, total| {
        progress.show(done, total)
    });
    progress.finish();
    match result {
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
        Err(stopped) => {
            let error = crate::i18n::store_error(lang, &stopped.error);
            let text = if stopped.written.is_empty() {
                lang.fill(T::ImpFailed, &[("error", &error)])
            } else {
                lang.fill(
                    T::ImpStopped,
                    &[
                        ("n", &stopped.written.len().to_string()),
                        ("total", &total.to_string()),
                        ("error", &error),
                    ],
                )
            };
            eprintln!("fokus: {text}");
            match stopped.error {
                crate::store::StoreError::Locked { .. } => ExitCode::from(3),
                _ => ExitCode::FAILURE,
            }
        }
    }
}

/// The progress line on stderr while the students are written: one line, rewritten in
/// place, and only when stderr is a terminal (a log gets the summary alone).
struct Progress {
    lang: crate::i18n::Lang,
    shown: bool,
    terminal: bool,
}

impl Progress {
    fn new(lang: crate::i18n::Lang) -> Progress {
        use std::io::IsTerminal;
        Progress {
            lang,
            shown: false,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    fn show(&mut self, done: usize, total: usize) {
        use std::io::Write;
        // A list written in one commit needs no progress.
        if !self.terminal || (done == total && !self.shown) {
            return;
        }
        let text = self.lang.fill(
            T::ImpProgress,
            &[("done", &done.to_string()), ("total", &total.to_string())],
        );
        let mut err = std::io::stderr();
        let _ = write!(err, "\r{text}");
        let _ = err.flush();
        self.shown = true;
    }

    fn finish(&mut self) {
        if self.shown {
            eprintln!();
        }
    }
}
