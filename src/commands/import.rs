//! `fokus import`: a student list from Excel into the database, or only its dry run.

use std::path::Path;
use std::process::ExitCode;

use chrono::Local;

use super::{Setup, failed, open, user_or_fail};
use crate::domain::Ctx;
use crate::i18n::T;
use crate::import;
use crate::ops;

/// `fokus import FILE [--dry-run]`: prints what each row means (created, updated,
/// unchanged or rejected with its line number and why), then writes the students in one
/// commit unless `dry_run`. Rejected rows are left out; the rest is written whole or not
/// at all.
pub fn import(setup: &Setup, file: &Path, dry_run: bool) -> ExitCode {
    let lang = setup.lang;
    // The file is read before the database is opened, so a list that cannot be read is
    // said to be so even when the database is in use.
    let table = match ops::import::read(file) {
        Ok(t) => t,
        Err(e) => return failed(lang, &e),
    };
    let store = match open(setup) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Err(code) = super::refuse_damaged(setup, &store) {
        return code;
    }
    let now = Local::now().naive_local();
    let planned = match ops::import::plan(&store, table, now.date()) {
        Ok(planned) => planned,
        Err(e) => return failed(lang, &e),
    };
    println!("{}", import::describe_table(&planned.table, lang));
    // The plan holds all that is needed from here; a long list is not kept twice.
    let plan = planned.plan;
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
    let mut progress = Progress::new(lang);
    let applied = ops::import::apply(&store, &plan, &ctx, &mut |done, total| {
        progress.show(done, total)
    });
    progress.finish();
    let n = applied.written.len().to_string();
    match applied.stopped {
        None => {
            if applied.rejected == 0 {
                println!("{}", lang.fill(T::ImpDone, &[("n", &n)]));
            } else {
                let rejected = applied.rejected.to_string();
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
        Some(error) => {
            let text = crate::i18n::store_error(lang, &error);
            let text = if applied.written.is_empty() {
                lang.fill(T::ImpFailed, &[("error", &text)])
            } else {
                lang.fill(
                    T::ImpStopped,
                    &[
                        ("n", &n),
                        ("total", &applied.total.to_string()),
                        ("error", &text),
                    ],
                )
            };
            eprintln!("fokus: {text}");
            match error {
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
