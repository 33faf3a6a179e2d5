//! The Overblik pane: the figures for management for a period, all students or one group
//! at a time, as bar charts or as the table of every figure. The figures are exact here
//! (the user may see these students); the files written for management hide small ones.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{fit, theme};
use crate::app::overview::Overview;
use crate::app::state::App;
use crate::domain::dates::format_date;
use crate::i18n::{Lang, T};
use crate::stats::lines;
use crate::stats::{Figures, Share};

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let lang = app.lang;
    let o = &app.overview;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border_focused())
        .title(Span::styled(title(lang, o, app.today()), theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some((_, figures)) = o.current() else {
        let text = match &o.error {
            Some(e) => lang.fill(T::OverviewFailed, &[("error", e)]),
            None => lang.t(T::OverviewMaking).to_string(),
        };
        let style = if o.error.is_some() {
            theme::error()
        } else {
            theme::dim()
        };
        frame.render_widget(Paragraph::new(text).style(style), inner);
        return;
    };
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(inner);
    frame.render_widget(Paragraph::new(key_figures(lang, figures, head.width)), head);
    if figures.in_focus == 0 && figures.held == [0; 3] {
        frame.render_widget(
            Paragraph::new(lang.t(T::OverviewEmpty)).style(theme::dim()),
            body,
        );
    } else if o.charts {
        charts(frame, lang, figures, body);
    } else {
        table(frame, lang, o, figures, body);
    }
}

/// "Overblik 01.01.2026–02.12.2026 · alle elever" (or the group shown, "2 af 5").
fn title(lang: Lang, o: &Overview, today: chrono::NaiveDate) -> String {
    let q = o.query(today);
    let from = if q.from == chrono::NaiveDate::MIN {
        lang.t(T::OverviewSince).to_string()
    } else {
        format_date(q.from)
    };
    let set = match o.current() {
        Some((Some(name), _)) => lang.fill(
            T::OverviewSet,
            &[
                ("name", &lines::group_title(lang, o.grouping, Some(name))),
                ("i", &o.shown.to_string()),
                ("n", &(o.sets() - 1).to_string()),
            ],
        ),
        _ => lang.t(T::OverviewAll).to_string(),
    };
    format!(
        " {} ",
        lang.fill(
            T::OverviewTitle,
            &[("from", &from), ("to", &format_date(q.to)), ("set", &set)]
        )
    )
}

/// Two lines of the figures a leader asks for first, and the note that they are exact.
fn key_figures(lang: Lang, f: &Figures, width: u16) -> Vec<Line<'static>> {
    let pct = |s: Share| percent(s).map_or_else(|| "–".to_string(), |p| format!("{p} %"));
    let parts = [
        (lang.t(T::KeyInFocus), f.in_focus.to_string()),
        (lang.t(T::KeyOnTime), pct(f.finalized_on_time)),
        (lang.t(T::KeyRetained), pct(f.retention_six_months)),
    ];
    let mut spans = Vec::new();
    for (label, v) in parts {
        if !spans.is_empty() {
            spans.push(Span::styled("  ·  ", theme::dim()));
        }
        spans.push(Span::styled(format!("{label}: "), theme::label()));
        spans.push(Span::raw(v));
    }
    let first = Line::from(spans);
    let fits = first.width() <= width as usize;
    vec![
        if fits {
            first
        } else {
            Line::from(fit(&first.to_string(), width as usize))
        },
        Line::from(Span::styled(
            fit(lang.t(T::OverviewExact), width as usize),
            theme::dim(),
        )),
    ]
}

/// A whole per cent, rounded half up, or `None` without a base.
fn percent(s: Share) -> Option<u64> {
    s.permille().map(|p| (p + 5) / 10)
}

/// Four bar charts in a 2×2 grid (or one above the other when narrow).
fn charts(frame: &mut Frame, lang: Lang, f: &Figures, area: Rect) {
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let split = |r: Rect| {
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas::<2>(r)
    };
    let [a, b] = split(top);
    let [c, d] = split(bottom);
    let type_bars = |counts: [u32; 3]| -> Vec<(String, u64)> {
        counts
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let label = lang.fill(T::ChartType, &[("n", &(i + 1).to_string())]);
                (label, u64::from(*n))
            })
            .collect()
    };
    chart(frame, lang.t(T::ChartHeld), &type_bars(f.held), "", a);
    chart(
        frame,
        lang.t(T::ChartLevels),
        &type_bars(f.current_level),
        "",
        b,
    );
    let negative: u32 = crate::domain::DropoutCause::ALL
        .iter()
        .zip(f.dropped_out)
        .filter(|(c, _)| !c.is_positive())
        .map(|(_, n)| n)
        .sum();
    let positive: u32 = crate::domain::DropoutCause::ALL
        .iter()
        .zip(f.dropped_out)
        .filter(|(c, _)| c.is_positive())
        .map(|(_, n)| n)
        .sum();
    let outcomes = [
        (T::ChartCompleted, f.completed),
        (T::ChartTransferred, f.transferred),
        (T::ChartDropped, negative),
        (T::ChartPositive, positive),
        (T::ChartContinuing, f.continuing),
    ]
    .map(|(t, n)| (lang.t(t).to_string(), u64::from(n)));
    chart(frame, lang.t(T::ChartOutcomes), &outcomes, "", c);
    let retention: Vec<(String, u64)> = [
        (T::ChartTrial, f.retention_trial),
        (T::ChartSixMonths, f.retention_six_months),
        (T::ChartCompletion, f.retention_completion),
    ]
    .into_iter()
    .filter_map(|(t, s)| percent(s).map(|p| (lang.t(t).to_string(), p)))
    .collect();
    chart(frame, lang.t(T::ChartRetention), &retention, "%", d);
}

/// One bar chart: a bar per (label, value), the value written on or above it.
fn chart(frame: &mut Frame, title: &str, bars: &[(String, u64)], unit: &str, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(Span::styled(format!(" {title} "), theme::heading()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if bars.is_empty() || inner.width < 4 || inner.height < 3 {
        return;
    }
    let n = bars.len() as u16;
    // As wide as the room allows, one column between bars, the labels cut to fit.
    let width = (inner.width.saturating_sub(n - 1) / n).clamp(1, 9);
    let items: Vec<Bar> = bars
        .iter()
        .map(|(label, value)| {
            Bar::default()
                .value(*value)
                .label(Line::from(fit(label, width as usize)))
                .text_value(format!("{value}{unit}"))
                .style(Style::default().fg(ratatui::style::Color::Cyan))
                .value_style(theme::selected())
        })
        .collect();
    let max = if unit == "%" {
        100
    } else {
        bars.iter().map(|(_, v)| *v).max().unwrap_or(1).max(1)
    };
    let widget = BarChart::default()
        .data(BarGroup::default().bars(&items))
        .bar_width(width)
        .bar_gap(1)
        .max(max);
    frame.render_widget(widget, inner);
}

/// Every figure, label and value, scrolled to `o.scroll`.
fn table(frame: &mut Frame, lang: Lang, o: &Overview, f: &Figures, area: Rect) {
    let width = area.width as usize;
    let rows: Vec<Line> = lines::lines(f, lang)
        .into_iter()
        .map(|line| match line {
            lines::Line::Heading(text) => Line::from(Span::styled(text, theme::heading())),
            lines::Line::Figure(label, value) => {
                let value = lines::value_text(value, false, lang);
                let room = width.saturating_sub(value.width() + 2);
                let label = fit(&format!("  {label}"), room);
                let pad = width.saturating_sub(label.width() + value.width());
                Line::from(vec![
                    Span::raw(label),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(value, theme::label()),
                ])
            }
        })
        .collect();
    let visible = area.height as usize;
    let first = o.scroll.min(rows.len().saturating_sub(visible));
    let shown: Vec<Line> = rows.into_iter().skip(first).take(visible).collect();
    frame.render_widget(Paragraph::new(shown), area);
}
