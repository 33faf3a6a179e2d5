//! The Reminders pane: what is overdue, due today and coming up.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::theme;
use crate::app::{Action, App};
use crate::domain::dates::format_date;
use crate::domain::reminders::Urgency;
use crate::i18n::{self, T};
use crate::keymap::{Context, Keymap};

pub fn render(frame: &mut Frame, app: &App, keymap: &Keymap, area: Rect) {
    let lang = app.lang;
    let overdue = app
        .reminders
        .iter()
        .filter(|r| r.urgency == Urgency::Overdue)
        .count();
    let title = lang.fill(
        T::RemindersTitle,
        &[
            ("n", &app.reminders.len().to_string()),
            ("overdue", &overdue.to_string()),
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
    let rows: Vec<Row> = app
        .reminders
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
            Row::new(vec![
                Cell::from(Line::from(vec![
                    Span::styled(mark, style),
                    Span::raw(" "),
                    Span::styled(format_date(r.item.date), style),
                ])),
                Cell::from(i18n::due_kind(lang, r.item.kind)),
                Cell::from(app.student_name(r.item.student).to_string()),
                Cell::from(Span::styled(i18n::reminder_text(lang, r), style)),
            ])
        })
        .collect();
    let header = Row::new(vec![
        lang.t(T::ColDate),
        lang.t(T::ColKind),
        lang.t(T::ColStudent),
        lang.t(T::ColReminder),
    ])
    .style(theme::label());
    let table = Table::new(
        rows,
        [
            Constraint::Length(12),
            Constraint::Length(12),
            Constraint::Length(20),
            Constraint::Min(20),
        ],
    )
    .header(header)
    .block(block)
    .row_highlight_style(theme::selected());
    let mut state = TableState::default().with_selected(Some(app.reminder_selected));
    frame.render_stateful_widget(table, area, &mut state);
}
