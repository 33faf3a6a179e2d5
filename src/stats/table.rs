//! The report as plain text for the terminal: the total first, then each group, every
//! figure on a line of its own, at most 80 columns wide.

use super::Report;
use super::lines::{Line, group_title, lines, preamble, value_text};
use crate::i18n::{Lang, T};

/// The widest a line gets.
const WIDTH: usize = 80;
/// The widest a value gets ("123 af 456 (100,0 %)", "12,5 dage (n = 123)").
const VALUE: usize = 24;

/// The report as text, in `lang`; small numbers hidden when the report is suppressed.
pub fn table(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    for line in preamble(report, lang) {
        out.push_str(&cut(&line, WIDTH));
        out.push('\n');
    }
    let mut blocks = vec![(group_title(lang, None, None), &report.total)];
    for (key, figures) in &report.groups {
        blocks.push((group_title(lang, report.query.by, Some(key)), figures));
    }
    for (title, figures) in blocks {
        out.push('\n');
        out.push_str(&cut(&title, WIDTH));
        out.push('\n');
        out.push_str(&"=".repeat(title.chars().count().min(WIDTH)));
        out.push('\n');
        for line in lines(figures, lang) {
            match line {
                Line::Heading(text) => {
                    out.push('\n');
                    out.push_str(&cut(&text, WIDTH));
                    out.push('\n');
                }
                Line::Figure(label, value) => {
                    let value = value_text(value, report.suppress, lang);
                    let label_room = WIDTH - 2 - 1 - VALUE.max(value.chars().count());
                    let label = cut(&label, label_room);
                    let pad = WIDTH - 2 - label.chars().count() - value.chars().count();
                    out.push_str(&format!("  {label}{}{value}\n", " ".repeat(pad)));
                }
            }
        }
    }
    if report.query.by.is_some() && report.groups.is_empty() {
        out.push('\n');
        out.push_str(lang.t(T::StatsNoGroups));
        out.push('\n');
    }
    out
}

/// `text` cut to `width` characters, ending in "…" when it was longer.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut kept: String = text.chars().take(width.saturating_sub(1)).collect();
    kept.push('…');
    kept
}
