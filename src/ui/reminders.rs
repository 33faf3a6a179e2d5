//! The Reminders pane: what is overdue, due today and coming up.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::{fit, theme, wrap_words_upto};
use crate::app::{Action, App};
use crate::domain::dates::format_date;
use crate::domain::reminders::Urgency;
use crate::i18n::{self, T};
use crate::keymap::{Context, Keymap};

pub fn render(frame: &mut Frame, app: &App, keymap: &Keymap, area: Rect) {
    let lang = app.lang;
    let title = lang.fill(
        T::RemindersTitle,
        &[
            ("n", &app.reminder_count()),
            ("overdue", &app.overdue_count()),
            ("days", &app.window_days.to_string()),
        ],
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border_focused())
        .title(Span::styled(format!(" {title} "), theme::title()));
    if app.reminders.is_empty() {
        let key = keymap
            .keys_for(Context::Global, Action::ShowStudents)
            .into_iter()
            .next()
            .unwrap_or_default();
        let text = lang.fill(
            T::RemindersEmpty,
            &[("days", &app.window_days.to_string()), ("key", &key)],
        );
        frame.render_widget(
            Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    // The task is never cut off: it wraps under itself (below 100 columns the kind of
    // reminder, which the task names anyway, makes room for it).
    let with_kind = area.width >= 100;
    let fixed = 12 + 20 + if with_kind { 12 + 1 } else { 0 } + 2;
    let task_width = (area.width as usize).saturating_sub(fixed + 2).max(10);
    let task_lines = |r: &crate::domain::reminders::Reminder| {
        let mut task = wrap_words_upto(&i18n::reminder_text(lang, r), task_width, 4);
        if task.len() > 3 {
            task.truncate(3);
            if let Some(last) = task.last_mut() {
                *last = fit(&format!("{last} …"), task_width);
            }
        }
        task
    };
    // Only the rows on screen are built, found from the selected one.
    let window = super::table_window(
        app.reminders.len(),
        app.reminder_selected,
        area.height.saturating_sub(3) as usize,
        |i| task_lines(&app.reminders[i]).len().max(1),
    );
    let first = window.start;
    let rows: Vec<Row> = app.reminders[window]
        .iter()
        .map(|r| {
            let style = match r.urgency {
                Urgency::Overdue => theme::overdue(),
                Urgency::Today => theme::today(),
                Urgency::Upcoming => ratatui::style::Style::default(),
            };
            let mark = match r.urgency {
                Urgency::Overdue => "!",
                Urgency::Today => "•",
                Urgency::Upcoming => " ",
            };
            let task = task_lines(r);
            let height = task.len().max(1) as u16;
            let task = Text::from(
                task.into_iter()
                    .map(|l| Line::from(Span::styled(l, style)))
                    .collect::<Vec<_>>(),
            );
            let mut cells = vec![Cell::from(Line::from(vec![
                Span::styled(mark, style),
                Span::raw(" "),
                Span::styled(format_date(r.item.date), style),
            ]))];
            if with_kind {
                cells.push(Cell::from(i18n::due_kind(lang, r.item.kind)));
            }
            cells.push(Cell::from(fit(app.student_name(r.item.student), 20)));
            cells.push(Cell::from(task));
            Row::new(cells).height(height)
        })
        .collect();
    let mut header = vec![lang.t(T::ColDate)];
    if with_kind {
        header.push(lang.t(T::ColKind));
    }
    header.extend([lang.t(T::ColStudent), lang.t(T::ColReminder)]);
    let header = Row::new(header).style(theme::label());
    let mut widths = vec![Constraint::Length(12)];
    if with_kind {
        widths.push(Constraint::Length(12));
    }
    widths.extend([Constraint::Length(20), Constraint::Min(10)]);
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(theme::selected());
    let mut state = TableState::default().with_selected(app.reminder_selected.checked_sub(first));
    frame.render_stateful_widget(table, area, &mut state);
}
