//! `fokus demo`.

use std::process::ExitCode;

use chrono::Local;

use super::{Setup, fail};
use crate::i18n::T;

/// `fokus demo`: fills an empty database with fictional students.
pub fn demo(setup: &Setup) -> ExitCode {
    let store = match super::open(setup) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Err(code) = super::refuse_damaged(setup, &store) {
        return code;
    }
    match crate::ops::demo::fill(&store, Local::now().date_naive()) {
        Ok(n) => {
            println!(
                "{}",
                setup.lang.fill(
                    T::DemoDone,
                    &[
                        ("n", &n.to_string()),
                        ("path", &setup.db_dir.display().to_string())
                    ]
                )
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(setup.lang, &e),
    }
}
