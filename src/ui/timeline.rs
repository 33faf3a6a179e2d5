//! The Timeline pane: one student's record, conversations, agreements and history.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

use super::{fit, theme, wrap_words};
use crate::app::App;
use crate::domain::dates::format_date;
use crate::domain::{AgreementStatus, Case, ConversationState};
use crate::i18n::{self, Lang, T};

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let lang = app.lang;
    let Some(view) = &app.case else {
        let block = Block::default()
            .borders(Borders::ALL)
            .title(format!(" {} ", lang.t(T::TabTimeline)));
        frame.render_widget(
            Paragraph::new(lang.t(T::TimelineNoStudent)).block(block),
            area,
        );
        return;
    };
    let case = &view.case;
    let header = header_lines(lang, case);
    // Lines wrap inside the box, so count the rows they will take.
    let inner_width = area.width.saturating_sub(2).max(1) as usize;
    let rows: usize = header
        .iter()
        .map(|l| l.width().div_ceil(inner_width).max(1))
        .sum();
    let header_height = (rows as u16 + 2).min(area.height / 2);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(header_height), Constraint::Min(0)]).areas(area);
    let title = format!(
        " {} · {} · {} ",
        case.student.name,
        i18n::level(lang, case.student.level),
        i18n::student_status(lang, case.student.status)
    );
    frame.render_widget(
        Paragraph::new(header).wrap(Wrap { trim: true }).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme::border())
                .title(Span::styled(title, theme::title())),
        ),
        top,
    );
    let (events_area, side) = if bottom.width >= 100 {
        let [l, r] = Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
            .areas(bottom);
        (l, Some(r))
    } else {
        (bottom, None)
    };
    events(frame, app, case, view.selected, events_area);
    if let Some(side) = side {
        let [convs, agreements] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(side);
        conversations(frame, lang, case, convs);
        agreement_list(frame, lang, case, agreements);
    }
}

fn header_lines(lang: Lang, case: &Case) -> Vec<Line<'static>> {
    let s = &case.student;
    let label = |t: T| Span::styled(format!("{}: ", lang.t(t)), theme::label());
    let place = if s.unit.is_empty() {
        s.workplace.clone()
    } else {
        format!("{}, {}", s.workplace, s.unit)
    };
    let mut lines = vec![
        Line::from(vec![
            label(T::FieldProgramme),
            Span::raw(format!(
                "{}  {} – {}   ",
                i18n::programme(lang, s.programme),
                format_date(s.start),
                format_date(s.expected_end)
            )),
            label(T::FieldSchool),
            Span::raw(s.school.clone()),
        ]),
        Line::from(vec![label(T::FieldWorkplace), Span::raw(place)]),
        Line::from(vec![
            label(T::FieldEmployer),
            Span::raw(format!("{}   ", s.employer)),
            label(T::FieldSupervisor),
            Span::raw(format!("{}   ", s.supervisor)),
            label(T::FieldEducationOfficer),
            Span::raw(s.education_officer.clone()),
        ]),
    ];
    if s.focus_areas.is_empty() {
        lines.push(Line::from(vec![
            label(T::SectionFocus),
            Span::styled(lang.t(T::NoFocusAreas), theme::dim()),
        ]));
    }
    for f in &s.focus_areas {
        let note = if f.note.is_empty() {
            String::new()
        } else {
            format!(" – {}", f.note)
        };
        lines.push(Line::from(vec![
            label(T::FocusArea),
            Span::raw(format!("{}{note}", i18n::focus(lang, f.kind))),
        ]));
    }
    lines
}

fn events(frame: &mut Frame, app: &App, case: &Case, selected: usize, area: Rect) {
    let lang = app.lang;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border_focused())
        .title(Span::styled(
            format!(" {} ", lang.t(T::TimelineTitle)),
            theme::title(),
        ));
    if case.events.is_empty() {
        frame.render_widget(
            Paragraph::new(lang.t(T::NoEvents))
                .block(block)
                .style(theme::dim()),
            area,
        );
        return;
    }
    let width = area.width.saturating_sub(2) as usize;
    let items: Vec<ListItem> = case
        .events
        .iter()
        .rev()
        .map(|e| {
            let when = e.at.format("%d.%m.%Y %H:%M").to_string();
            let head = format!("{when}  {:<8} ", fit(&e.by.name, 8));
            let indent = head.chars().count();
            let room = width.saturating_sub(indent).max(10);
            // Long summaries (a reason, a note) wrap under themselves, at most three lines.
            let mut wrapped = wrap_words(&i18n::event_summary(lang, e), room);
            if wrapped.len() > 3 {
                wrapped.truncate(3);
                if let Some(last) = wrapped.last_mut() {
                    *last = fit(&format!("{last} …"), room);
                }
            }
            let mut lines = Vec::new();
            for (i, text) in wrapped.into_iter().enumerate() {
                let lead = if i == 0 {
                    head.clone()
                } else {
                    " ".repeat(indent)
                };
                lines.push(Line::from(vec![
                    Span::styled(lead, theme::dim()),
                    Span::raw(text),
                ]));
            }
            ListItem::new(lines)
        })
        .collect();
    let list = List::new(items)
        .block(block)
        .highlight_style(theme::selected());
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(list, area, &mut state);
}

fn conversations(frame: &mut Frame, lang: Lang, case: &Case, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(format!(" {} ", lang.t(T::ConversationsTitle)));
    let width = area.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = case
        .conversations
        .iter()
        .rev()
        .map(|c| {
            let style = match c.state {
                ConversationState::Held { .. } => theme::today(),
                ConversationState::Cancelled { .. } => theme::dim(),
                _ => ratatui::style::Style::default(),
            };
            let text = format!(
                "{} {}  {}  {}",
                format_date(c.date()),
                c.planned_at.format("%H:%M"),
                i18n::level(lang, c.level),
                i18n::conversation_state(lang, &c.state)
            );
            Line::from(Span::styled(fit(&text, width), style))
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t(T::NoConversations),
            theme::dim(),
        )));
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn agreement_list(frame: &mut Frame, lang: Lang, case: &Case, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border())
        .title(format!(" {} ", lang.t(T::AgreementsTitle)));
    let width = area.width.saturating_sub(2) as usize;
    let mut open: Vec<_> = case.agreements.iter().collect();
    // Open agreements first, soonest due first.
    open.sort_by_key(|a| (a.status != AgreementStatus::Open, a.due));
    let mut lines: Vec<Line> = open
        .iter()
        .map(|a| {
            let style = if a.status == AgreementStatus::Open {
                ratatui::style::Style::default()
            } else {
                theme::dim()
            };
            let text = format!(
                "[{}] {} · {} · {}",
                i18n::agreement_status(lang, a.status),
                i18n::date_or_dash(a.due),
                i18n::owner(lang, a.owner),
                a.text.lines().next().unwrap_or("")
            );
            Line::from(Span::styled(fit(&text, width), style))
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t(T::NoAgreements),
            theme::dim(),
        )));
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
