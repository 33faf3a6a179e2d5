//! The Students pane: everyone followed up, filtered as you type.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState, Wrap};

use super::{fit, theme};
use crate::app::{Action, App};
use crate::domain::dates::format_date;
use crate::i18n::{self, T};
use crate::keymap::{Context, Keymap};

pub fn render(frame: &mut Frame, app: &App, keymap: &Keymap, area: Rect) {
    let lang = app.lang;
    let list = &app.students;
    let title = if list.loading {
        lang.t(T::ContextStudents).to_string()
    } else {
        lang.fill(
            T::StudentsTitle,
            &[
                ("shown", &list.visible.len().to_string()),
                ("total", &list.all.len().to_string()),
            ],
        )
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border_focused())
        .title(Span::styled(format!(" {title} "), theme::title()));
    let key = |a: Action| {
        keymap
            .keys_for(Context::Students, a)
            .into_iter()
            .next()
            .unwrap_or_default()
    };
    if list.loading {
        frame.render_widget(
            Paragraph::new(lang.t(T::StudentsLoading))
                .style(theme::dim())
                .block(block),
            area,
        );
        return;
    }
    if list.all.is_empty() {
        let text = lang.fill(
            T::StudentsEmpty,
            &[
                ("key", &key(Action::NewStudent)),
                ("import", &key(Action::ImportStudents)),
            ],
        );
        frame.render_widget(
            Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let show_filter = list.filtering || !list.filter.is_empty();
    let [filter_area, table_area] = Layout::vertical([
        Constraint::Length(u16::from(show_filter)),
        Constraint::Min(0),
    ])
    .areas(inner);
    if show_filter {
        let cursor = if list.filtering { "▏" } else { "" };
        let line = Line::from(vec![
            Span::styled(format!("{} ", lang.t(T::FilterLabel)), theme::label()),
            Span::raw(format!("{}{cursor}", list.filter)),
        ]);
        frame.render_widget(Paragraph::new(line), filter_area);
    }
    if list.visible.is_empty() {
        frame.render_widget(
            Paragraph::new(lang.t(T::StudentsNoMatch)).style(theme::dim()),
            table_area,
        );
        return;
    }
    let wide = table_area.width >= 110;
    // On a narrow screen (80 columns) the name keeps 20 columns and the dates stay; the
    // workplace takes what is left, and the programme, open agreements and status wait
    // for the timeline.
    let workplace_width = if wide {
        0
    } else {
        (table_area.width as usize).saturating_sub(20 + 4 + 10 + 10 + 4)
    };
    // Only the rows on screen are built: the list may hold a hundred thousand.
    let window = super::table_window(
        list.visible.len(),
        list.selected,
        table_area.height.saturating_sub(1) as usize,
        |_| 1,
    );
    let first = window.start;
    let rows: Vec<Row> = list.visible[window]
        .iter()
        .map(|&i| {
            let s = &list.all[i];
            let place = if s.unit.is_empty() {
                s.workplace.clone()
            } else {
                format!("{}, {}", s.workplace, s.unit)
            };
            let next = s
                .next_conversation
                .map(|t| format_date(t.date()))
                .unwrap_or_else(|| "–".into());
            let cells = if wide {
                vec![
                    s.name.clone(),
                    i18n::programme(lang, s.programme).to_string(),
                    place,
                    s.level.number().to_string(),
                    next,
                    i18n::date_or_dash(s.follow_up),
                    s.open_agreements.to_string(),
                    i18n::student_status(lang, s.status).to_string(),
                ]
            } else {
                vec![
                    fit(&s.name, 20),
                    s.level.number().to_string(),
                    next,
                    i18n::date_or_dash(s.follow_up),
                    fit(&place, workplace_width),
                ]
            };
            let row = Row::new(cells);
            if s.status.is_followed_up() {
                row
            } else {
                row.style(theme::dim())
            }
        })
        .collect();
    let (header, widths) = if wide {
        (
            vec![
                lang.t(T::ColName),
                lang.t(T::ColProgramme),
                lang.t(T::ColWorkplace),
                lang.t(T::ColLevel),
                lang.t(T::ColNext),
                lang.t(T::ColFollowUp),
                lang.t(T::ColAgreements),
                lang.t(T::ColStatus),
            ],
            vec![
                Constraint::Fill(2),
                Constraint::Length(11),
                Constraint::Fill(3),
                Constraint::Length(4),
                Constraint::Length(13),
                Constraint::Length(10),
                Constraint::Length(9),
                Constraint::Length(12),
            ],
        )
    } else {
        (
            vec![
                lang.t(T::ColName),
                lang.t(T::ColLevel),
                lang.t(T::ColNextShort),
                lang.t(T::ColFollowUp),
                lang.t(T::ColWorkplace),
            ],
            vec![
                Constraint::Length(20),
                Constraint::Length(4),
                Constraint::Length(10),
                Constraint::Length(10),
                Constraint::Fill(1),
            ],
        )
    };
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme::label()))
        .row_highlight_style(theme::selected());
    let mut state = TableState::default().with_selected(list.selected.checked_sub(first));
    frame.render_stateful_widget(table, table_area, &mut state);
}
