//! Drawing a form: section headings, labels, inputs and inline errors, scrolled so the
//! focused field is always in view.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{fit, theme, wrap_words_upto};
use crate::app::form::{Check, Field, FieldKind, Form};
use crate::domain::dates::{format_date, parse_date};
use crate::i18n::{self, Lang, T};

/// Tallest a multi-line field grows before it scrolls inside itself.
const MAX_MULTI: u16 = 10;

enum Row {
    Heading(T),
    Field(usize),
    Error(usize),
}

/// What a form needs besides its fields: the text of an empty agreement list (it names
/// the key that adds one) and today, to show what a relative date means.
pub struct FormText {
    pub empty_agreements: String,
    pub today: NaiveDate,
    /// The meeting is not held yet: participants are the invited, without attendance.
    pub invited: bool,
}

/// The rows `lines` take wrapped at words in `width` columns.
pub fn wrapped_rows(lines: &[String], width: u16, most: usize) -> usize {
    let mut rows = 0;
    for line in lines {
        if rows >= most {
            break;
        }
        rows += wrap_words_upto(line, width.max(1) as usize, most - rows).len();
    }
    rows.min(most)
}

fn input_height(field: &Field, width: u16, focused: bool) -> u16 {
    match &field.kind {
        FieldKind::Multi { area } => {
            let wrapped = wrapped_rows(area.lines(), width, usize::from(MAX_MULTI));
            let wanted = wrapped as u16 + u16::from(focused);
            wanted.clamp(2, MAX_MULTI)
        }
        FieldKind::Agreements(list) => (list.items.len() as u16).clamp(1, 8),
        _ => 1,
    }
}

fn rows(form: &Form, sections: bool) -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, field) in form.fields.iter().enumerate() {
        if sections && let Some(heading) = i18n::section_before(field.id) {
            rows.push(Row::Heading(heading));
        }
        rows.push(Row::Field(i));
        if field.error.is_some() {
            rows.push(Row::Error(i));
        }
    }
    rows
}

/// Draws `form` in `area`.
pub fn render(
    frame: &mut Frame,
    lang: Lang,
    form: &Form,
    text: &FormText,
    sections: bool,
    area: Rect,
) {
    if area.width < 10 || area.height == 0 {
        return;
    }
    let label_width = (area.width / 3).clamp(12, 30);
    let input_x = area.x + label_width + 1;
    let input_width = area.width.saturating_sub(label_width + 1);
    let rows = rows(form, sections);
    let heights: Vec<u16> = rows
        .iter()
        .map(|r| match r {
            Row::Heading(_) | Row::Error(_) => 1,
            Row::Field(i) => input_height(&form.fields[*i], input_width, *i == form.focus),
        })
        .collect();
    // Scroll so that the focused field, with its heading and error, is in view.
    let (mut y, mut start, mut end) = (0u16, 0u16, 0u16);
    let mut heading_at: Option<u16> = None;
    for (row, h) in rows.iter().zip(&heights) {
        match row {
            Row::Heading(_) => heading_at = Some(y),
            Row::Field(i) if *i == form.focus => {
                start = heading_at.unwrap_or(y);
                end = y + h;
                heading_at = None;
            }
            Row::Error(i) if *i == form.focus => end = y + h,
            _ => heading_at = None,
        }
        y += h;
    }
    let offset = if end > area.height {
        (end - area.height).min(start)
    } else {
        0
    };
    let mut y = 0u16;
    for (row, h) in rows.iter().zip(heights) {
        let top = y;
        y += h;
        if top < offset {
            continue;
        }
        let screen_y = area.y + (top - offset);
        if screen_y >= area.y + area.height {
            break;
        }
        let h = h.min(area.y + area.height - screen_y);
        match row {
            Row::Heading(t) => {
                let rect = Rect::new(area.x, screen_y, area.width, 1);
                let t = match t {
                    T::SectionParticipants if text.invited => T::SectionInvited,
                    t => *t,
                };
                frame.render_widget(
                    Paragraph::new(fit(lang.t(t), area.width as usize)).style(theme::heading()),
                    rect,
                );
            }
            Row::Error(i) => {
                if let Some(e) = form.fields[*i].error {
                    let rect = Rect::new(input_x, screen_y, input_width, 1);
                    let msg = format!("⚠ {}", i18n::field_error(lang, e));
                    frame.render_widget(Paragraph::new(msg).style(theme::error()), rect);
                }
            }
            Row::Field(i) => {
                let field = &form.fields[*i];
                let focused = *i == form.focus;
                let label_style = if focused {
                    theme::label_focused()
                } else {
                    theme::label()
                };
                let label = fit(&i18n::field_label(lang, field.id), label_width as usize);
                frame.render_widget(
                    Paragraph::new(label).style(label_style),
                    Rect::new(area.x, screen_y, label_width, 1),
                );
                let rect = Rect::new(input_x, screen_y, input_width, h);
                input(frame, lang, field, focused, text, rect);
            }
        }
    }
}

/// A text field without the cursor: from its first line, wrapped at words, and cut with
/// "…" where it does not fit, so a field you leave shows how it begins.
fn resting_text(text: &str, rect: Rect, wrap: bool) -> Paragraph<'static> {
    let width = rect.width as usize;
    let room = (rect.height as usize).max(1);
    let mut lines: Vec<String> = if wrap {
        // One row more than there is room for says whether the text goes on.
        let mut lines = Vec::new();
        for l in text.split('\n') {
            if lines.len() > room {
                break;
            }
            lines.extend(wrap_words_upto(l, width, room + 1 - lines.len()));
        }
        lines
    } else {
        vec![fit(text.lines().next().unwrap_or(""), width)]
    };
    if lines.len() > room {
        lines.truncate(room);
        if let Some(last) = lines.last_mut() {
            *last = fit(&format!("{last} …"), width);
        }
    }
    Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>())
}

fn input(frame: &mut Frame, lang: Lang, field: &Field, focused: bool, text: &FormText, rect: Rect) {
    match &field.kind {
        FieldKind::Line { area, check } => {
            if focused {
                frame.render_widget(area, rect);
            } else {
                frame.render_widget(resting_text(&field.text(), rect, false), rect);
            }
            if let Check::Date { .. } = check {
                date_hint(frame, &field.text(), text.today, rect);
            }
        }
        FieldKind::Multi { area } => {
            if focused {
                frame.render_widget(area, rect);
            } else {
                frame.render_widget(resting_text(&field.text(), rect, true), rect);
            }
        }
        FieldKind::Ticked { area, ticked } => {
            let invited =
                text.invited && matches!(field.id, crate::app::form::FieldId::Participant(_));
            let mark = match (invited, *ticked) {
                (true, _) => "    ",
                (false, true) => "[✓] ",
                (false, false) => "[ ] ",
            };
            frame.render_widget(
                Paragraph::new(mark).style(if focused {
                    theme::label()
                } else {
                    Style::default()
                }),
                Rect::new(rect.x, rect.y, 4.min(rect.width), 1),
            );
            if rect.width > 4 {
                let at = Rect::new(rect.x + 4, rect.y, rect.width - 4, rect.height);
                if focused {
                    frame.render_widget(area, at);
                } else {
                    frame.render_widget(resting_text(&field.text(), at, false), at);
                }
            }
        }
        FieldKind::Choice { .. } => {
            let value = field
                .choice_value()
                .map(|c| i18n::choice(lang, c))
                .unwrap_or_default();
            if field.is_fixed() {
                // Not a choice: the agreement fixes it (the minute-taker).
                let shown = format!("  {value}");
                let room = (rect.width as usize).saturating_sub(shown.width() + 2);
                let note = format!("({})", lang.t(T::FixedByAgreement));
                let note = if room >= 10 {
                    format!("  {}", fit(&note, room))
                } else {
                    String::new()
                };
                let line = Line::from(vec![Span::raw(shown), Span::styled(note, theme::dim())]);
                frame.render_widget(Paragraph::new(line), rect);
                return;
            }
            let (text, style) = if focused {
                (format!("‹ {value} ›"), theme::selected())
            } else {
                (format!("  {value}"), Style::default())
            };
            frame.render_widget(Paragraph::new(text).style(style), rect);
        }
        FieldKind::Agreements(list) => {
            if list.items.is_empty() {
                frame.render_widget(
                    Paragraph::new(text.empty_agreements.as_str()).style(theme::dim()),
                    rect,
                );
                return;
            }
            let width = rect.width as usize;
            let first = list
                .selected
                .saturating_sub(rect.height.saturating_sub(1) as usize);
            let lines: Vec<Line> = list
                .items
                .iter()
                .enumerate()
                .skip(first)
                .take(rect.height as usize)
                .map(|(i, a)| {
                    let earlier = if list.conversation != Some(a.made_in) {
                        format!(" ({})", lang.t(T::EarlierAgreement))
                    } else {
                        String::new()
                    };
                    let line = format!(
                        "[{}] {} · {} · {}{earlier}",
                        i18n::agreement_status(lang, a.status),
                        a.text.lines().next().unwrap_or(""),
                        i18n::agreement_owner(lang, a),
                        i18n::date_or_dash(a.due),
                    );
                    let style = if focused && i == list.selected {
                        theme::selected()
                    } else {
                        Style::default()
                    };
                    Line::from(Span::styled(fit(&line, width), style))
                })
                .collect();
            frame.render_widget(Paragraph::new(lines), rect);
        }
    }
}

/// After a date typed as "+14" or "1.2", shows the date it means at the end of the row.
fn date_hint(frame: &mut Frame, typed: &str, today: NaiveDate, rect: Rect) {
    let Ok(date) = parse_date(typed, today) else {
        return;
    };
    let canonical = format_date(date);
    if canonical == typed.trim() {
        return;
    }
    let hint = format!("= {canonical}");
    let width = hint.width() as u16;
    let used = typed.width() as u16 + 2;
    if rect.width > width + used {
        let at = Rect::new(rect.x + rect.width - width, rect.y, width, 1);
        frame.render_widget(Paragraph::new(hint).style(theme::dim()), at);
    }
}
