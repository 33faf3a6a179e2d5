//! Writing the management figures as files: the CSV for Excel and the PDF with its
//! charts, both with small numbers hidden, as `fokus stats` and the Overblik pane write
//! them.

use std::path::{Path, PathBuf};

use crate::export::ExportError;
use crate::i18n::{Lang, T};
use crate::stats::{self, Report};

/// The file the figures of `report` are written to by default, in `dir`.
pub fn file_name(report: &Report, lang: Lang, extension: &str) -> String {
    format!(
        "{}-{}-{}.{extension}",
        lang.t(T::StatsFileName),
        report.query.from.format("%Y-%m-%d"),
        report.query.to.format("%Y-%m-%d")
    )
}

/// The CSV file of `report`, small numbers hidden.
pub fn csv(report: &Report, lang: Lang) -> Vec<u8> {
    stats::csv(&report.clone().suppressed(), lang)
}

/// Writes the CSV and the PDF of `report` into `dir`; their paths.
pub fn write_both(report: &Report, lang: Lang, dir: &Path) -> Result<Vec<PathBuf>, ExportError> {
    // The PDF always hides small numbers.
    let pdf = stats::pdf(report, lang)?;
    let mut written = Vec::new();
    for (bytes, extension) in [(csv(report, lang), "csv"), (pdf, "pdf")] {
        let path = dir.join(file_name(report, lang, extension));
        write(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// Writes the file owner-only and whole, or not at all.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let io = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::files::fsperm::private_dir(dir).map_err(io)?;
    }
    crate::files::atomic::write(path, bytes).map_err(io)
}
