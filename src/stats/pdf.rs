//! The report as an A4 PDF for management: one page per set of figures (the total first,
//! then each group) with the title, the period, the figures in two compact columns and
//! three bar charts drawn as filled rectangles. Small numbers are always hidden: the PDF
//! is meant to leave the case work.

use super::lines::{Line, SMALL, count_text, group_title, lines, percent, preamble, value_text};
use super::{Figures, Report, Share};
use crate::domain::DropoutCause;
use crate::export::ExportError;
use crate::export::pdf::{
    BLACK, BOTTOM, CONTENT_W, Fonts, GREY, MARGIN_X, Op, PAGE_H, RULE, Rgb, Style, TOP, draw_pages,
    fit,
};
use crate::i18n::{Lang, T};

const TITLE: Style = Style::new(true, 14.0, BLACK);
const SUBTITLE: Style = Style::new(true, 11.5, BLACK);
const NOTE: Style = Style::new(false, 8.5, GREY);
const CELL: Style = Style::new(false, 7.5, BLACK);
const CELL_HEAD: Style = Style::new(true, 7.5, BLACK);
const CHART_HEAD: Style = Style::new(true, 8.5, BLACK);
const FOOTER: Style = Style::new(false, 7.5, GREY);
const BAR: Rgb = Rgb(54, 104, 160);

/// The gap between the two columns of figures.
const GUTTER: f32 = 16.0;
/// The height of a line of figures.
const ROW: f32 = 10.0;
/// The width kept for a value in a column of figures.
const VALUE_W: f32 = 82.0;

/// The report as a PDF in `lang`, small numbers hidden whether or not it was suppressed.
pub fn pdf(report: &Report, lang: Lang) -> Result<Vec<u8>, ExportError> {
    let fonts = Fonts::load()?;
    let mut report = report.clone();
    report.suppress = true;
    let mut sets = vec![(group_title(lang, None, None), &report.total)];
    for (key, figures) in &report.groups {
        sets.push((group_title(lang, report.query.by, Some(key)), figures));
    }
    let count = sets.len();
    let pages: Vec<Vec<Op>> = sets
        .iter()
        .enumerate()
        .map(|(i, (title, figures))| page(&fonts, &report, lang, title, figures, (i + 1, count)))
        .collect();
    draw_pages(&fonts, pages, lang.t(T::StatsTitle), lang)
}

/// Draws onto one page, keeping track of where the next thing goes.
struct Page<'f> {
    fonts: &'f Fonts,
    ops: Vec<Op>,
}

impl Page<'_> {
    /// `text` with its top at `y`, cut to `width`; its width.
    fn text(&mut self, x: f32, y: f32, style: Style, text: &str, width: f32) -> f32 {
        let text = fit(self.fonts, style, text, width);
        let w = self.fonts.width(style, &text);
        self.ops.push(Op::Text {
            x,
            y: y + style.ascent(),
            style,
            text,
        });
        w
    }

    /// `text` with its top at `y`, ending at `right`.
    fn text_right(&mut self, right: f32, y: f32, style: Style, text: &str) {
        let w = self.fonts.width(style, text);
        self.ops.push(Op::Text {
            x: right - w,
            y: y + style.ascent(),
            style,
            text: text.to_string(),
        });
    }

    fn rule(&mut self, y: f32) {
        self.ops.push(Op::Rule {
            x: MARGIN_X,
            y,
            w: CONTENT_W,
            color: RULE,
        });
    }
}

fn page(
    fonts: &Fonts,
    report: &Report,
    lang: Lang,
    title: &str,
    figures: &Figures,
    (number, pages): (usize, usize),
) -> Vec<Op> {
    let mut p = Page {
        fonts,
        ops: Vec::new(),
    };
    let mut y = TOP;
    let preamble = preamble(report, lang);
    p.text(MARGIN_X, y, TITLE, &preamble[0], CONTENT_W);
    y += TITLE.line_height();
    p.text(MARGIN_X, y, SUBTITLE, title, CONTENT_W);
    y += SUBTITLE.line_height() + 2.0;
    for line in &preamble[1..] {
        p.text(MARGIN_X, y, NOTE, line, CONTENT_W);
        y += NOTE.line_height();
    }
    y += 4.0;
    p.rule(y);
    y += 6.0;

    // The figures in two columns, split before the outcomes.
    let all = lines(figures, lang);
    let split = all
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l, Line::Heading(_)))
        .map(|(i, _)| i)
        .nth(4)
        .unwrap_or(all.len());
    let column_w = (CONTENT_W - GUTTER) / 2.0;
    let mut bottom = y;
    for (x, part) in [
        (MARGIN_X, &all[..split]),
        (MARGIN_X + column_w + GUTTER, &all[split..]),
    ] {
        let mut row_y = y;
        for line in part {
            match line {
                Line::Heading(text) => {
                    if row_y > y {
                        row_y += 3.0;
                    }
                    p.text(x, row_y, CELL_HEAD, text, column_w);
                }
                Line::Figure(label, value) => {
                    p.text(x + 4.0, row_y, CELL, label, column_w - VALUE_W - 6.0);
                    let shown = value_text(*value, true, lang);
                    p.text_right(x + column_w, row_y, CELL, &shown);
                }
            }
            row_y += ROW;
        }
        bottom = bottom.max(row_y);
    }
    y = bottom + 8.0;
    p.rule(y);
    y += 10.0;

    // The charts.
    let level = |n: u8| lang.fill(T::StatsBarType, &[("n", &n.to_string())]);
    let held: Vec<(String, Bar)> = (0..3)
        .map(|i| (level(i as u8 + 1), Bar::Count(figures.held[i])))
        .collect();
    y = chart(&mut p, lang, y, lang.t(T::StatsChartHeld), &held);
    let positive: u32 = DropoutCause::ALL
        .iter()
        .zip(figures.dropped_out)
        .filter(|(c, _)| c.is_positive())
        .map(|(_, n)| n)
        .sum();
    let negative: u32 = figures.dropped_out.iter().sum::<u32>() - positive;
    let outcomes = vec![
        (
            lang.t(T::StatsCompleted).to_string(),
            Bar::Count(figures.completed),
        ),
        (
            lang.t(T::StatsTransferred).to_string(),
            Bar::Count(figures.transferred),
        ),
        (lang.t(T::StatsBarDropout).to_string(), Bar::Count(negative)),
        (
            lang.t(T::StatsBarPositive).to_string(),
            Bar::Count(positive),
        ),
    ];
    y = chart(
        &mut p,
        lang,
        y + 8.0,
        lang.t(T::StatsChartOutcomes),
        &outcomes,
    );
    let retention = vec![
        (
            lang.t(T::StatsBarTrial).to_string(),
            Bar::Share(figures.retention_trial),
        ),
        (
            lang.t(T::StatsBarSix).to_string(),
            Bar::Share(figures.retention_six_months),
        ),
        (
            lang.t(T::StatsBarCompletion).to_string(),
            Bar::Share(figures.retention_completion),
        ),
    ];
    chart(
        &mut p,
        lang,
        y + 8.0,
        lang.t(T::StatsChartRetention),
        &retention,
    );

    let footer = lang.fill(
        T::DocPageOf,
        &[("page", &number.to_string()), ("pages", &pages.to_string())],
    );
    let footer_y = (BOTTOM + 14.0).min(PAGE_H - 30.0);
    p.text(MARGIN_X, footer_y, FOOTER, title, CONTENT_W - 80.0);
    p.text_right(MARGIN_X + CONTENT_W, footer_y, FOOTER, &footer);
    p.ops
}

/// One bar's value: a count (scaled to the largest in the chart) or a share (of 100 %).
#[derive(Clone, Copy)]
enum Bar {
    Count(u32),
    Share(Share),
}

const BAR_LABEL_W: f32 = 110.0;
const BAR_H: f32 = 9.0;
const BAR_STEP: f32 = 13.0;
const BAR_VALUE_W: f32 = 90.0;

/// A horizontal bar chart with its heading at `y`; returns the y below it. A hidden small
/// number gets no bar, only "<5", so its length cannot give it away.
fn chart(p: &mut Page, lang: Lang, y: f32, heading: &str, bars: &[(String, Bar)]) -> f32 {
    p.text(MARGIN_X, y, CHART_HEAD, heading, CONTENT_W);
    let mut y = y + CHART_HEAD.line_height() + 2.0;
    let area = CONTENT_W - BAR_LABEL_W - BAR_VALUE_W;
    let largest = bars
        .iter()
        .filter_map(|(_, b)| match b {
            Bar::Count(n) if !super::lines::hidden(*n, true) => Some(*n),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    for (label, bar) in bars {
        p.text(MARGIN_X, y, CELL, label, BAR_LABEL_W - 6.0);
        let (fraction, shown) = match *bar {
            Bar::Count(n) if super::lines::hidden(n, true) => (None, SMALL.to_string()),
            Bar::Count(n) => {
                let f = (largest > 0).then(|| n as f32 / largest as f32);
                (f, count_text(n, true))
            }
            Bar::Share(s) if s.base == 0 => (None, "–".to_string()),
            Bar::Share(s) => match (s.permille(), percent(s, true, lang)) {
                (Some(pm), Some(pct)) => (Some(pm as f32 / 1000.0), format!("{pct} %")),
                _ => (None, SMALL.to_string()),
            },
        };
        let x = MARGIN_X + BAR_LABEL_W;
        let mut end = x;
        if let Some(f) = fraction.filter(|f| *f > 0.0) {
            let w = area * f.min(1.0);
            p.ops.push(Op::Bar {
                x,
                y: y + (ROW - BAR_H) / 2.0,
                w,
                h: BAR_H,
                color: BAR,
            });
            end = x + w;
        }
        p.text(end + 4.0, y, CELL, &shown, BAR_VALUE_W - 4.0);
        y += BAR_STEP;
    }
    y
}
