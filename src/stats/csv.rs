//! The report as a CSV file for Excel: UTF-8 with a byte-order mark, semicolons between
//! fields and a decimal comma, as Danish Excel opens it without an import dialog. One row
//! per figure, one column for the total and one per group; a share takes three rows
//! (count, base, per cent) and a median two (days, students).

use super::lines::{
    Line, SMALL, Value, count_text, group_name, lines, median_days, percent, preamble,
};
use super::{Figures, Report};
use crate::i18n::{Lang, T};

/// The report as CSV bytes, in `lang`; small numbers hidden when the report is suppressed.
pub fn csv(report: &Report, lang: Lang) -> Vec<u8> {
    let suppress = report.suppress;
    let mut columns: Vec<&Figures> = vec![&report.total];
    columns.extend(report.groups.iter().map(|(_, f)| f));
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut header = vec![
        lang.t(T::StatsCsvFigure).to_string(),
        lang.t(T::StatsTotal).to_string(),
    ];
    header.extend(
        report
            .groups
            .iter()
            .map(|(key, _)| group_name(lang, report.query.by, key)),
    );
    rows.push(header);
    let per_column: Vec<Vec<Line>> = columns.iter().map(|f| lines(f, lang)).collect();
    for (i, line) in per_column[0].iter().enumerate() {
        let values = || {
            per_column.iter().map(move |c| match &c[i] {
                Line::Figure(_, v) => Some(*v),
                Line::Heading(_) => None,
            })
        };
        match line {
            Line::Heading(text) => rows.push(vec![text.clone()]),
            Line::Figure(label, Value::Count(_)) => {
                let mut row = vec![label.clone()];
                row.extend(values().map(|v| match v {
                    Some(Value::Count(n)) => count_text(n, suppress),
                    _ => String::new(),
                }));
                rows.push(row);
            }
            Line::Figure(label, Value::Share(_)) => {
                let shares: Vec<_> = values()
                    .map(|v| match v {
                        Some(Value::Share(s)) => s,
                        _ => super::Share::default(),
                    })
                    .collect();
                let mut part = vec![lang.fill(T::StatsCsvCount, &[("label", label)])];
                part.extend(shares.iter().map(|s| count_text(s.part, suppress)));
                let mut base = vec![lang.fill(T::StatsCsvBase, &[("label", label)])];
                base.extend(shares.iter().map(|s| count_text(s.base, suppress)));
                let mut pct = vec![lang.fill(T::StatsCsvPercent, &[("label", label)])];
                pct.extend(
                    shares
                        .iter()
                        .map(|s| match percent(*s, suppress, Lang::Da) {
                            Some(p) => p,
                            None if s.base > 0 => SMALL.to_string(),
                            None => String::new(),
                        }),
                );
                rows.extend([part, base, pct]);
            }
            Line::Figure(label, Value::Median(_)) => {
                let medians: Vec<_> = values()
                    .map(|v| match v {
                        Some(Value::Median(m)) => m,
                        _ => super::Median::default(),
                    })
                    .collect();
                let mut days = vec![lang.fill(T::StatsCsvMedian, &[("label", label)])];
                days.extend(
                    medians
                        .iter()
                        .map(|m| match median_days(*m, suppress, Lang::Da) {
                            Some(d) => d,
                            None if m.students > 0 => SMALL.to_string(),
                            None => String::new(),
                        }),
                );
                let mut students = vec![lang.fill(T::StatsCsvStudents, &[("label", label)])];
                students.extend(medians.iter().map(|m| count_text(m.students, suppress)));
                rows.extend([days, students]);
            }
        }
    }
    rows.push(Vec::new());
    rows.extend(preamble(report, lang).into_iter().map(|line| vec![line]));
    let mut out = "\u{feff}".as_bytes().to_vec();
    for row in rows {
        let fields: Vec<String> = row.iter().map(|f| field(f)).collect();
        out.extend_from_slice(fields.join(";").as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// A field as written: quoted, with its quotes doubled, when it holds a semicolon, a quote
/// or a line break.
fn field(text: &str) -> String {
    if text.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_separators_quotes_or_line_breaks_are_quoted() {
        assert_eq!(field("Kastanjehaven"), "Kastanjehaven");
        assert_eq!(field("A;B"), "\"A;B\"");
        assert_eq!(field("Det \"gamle\" hus"), "\"Det \"\"gamle\"\" hus\"");
        assert_eq!(field("to\nlinjer"), "\"to\nlinjer\"");
    }
}
