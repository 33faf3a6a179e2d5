//! The Timeline pane: one student's record, conversations, agreements and history.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{fit, theme, wrap_words};
use crate::app::{App, CaseView, Panel};
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
                .title(Span::styled(fit(&title, inner_width), theme::title())),
        ),
        top,
    );
    if view.panel == Panel::Cooperation {
        // The team file needs the room: it takes the whole pane below the header, its
        // title naming all four panels.
        let block = panel_block(
            lang,
            view,
            Panel::Cooperation,
            Some(panel_tabs(lang, view.panel)),
        );
        super::cooperation::render(frame, lang, view, app.today(), bottom, block);
    } else if bottom.width >= 100 {
        // Wide: the timeline beside the conversations and the agreements.
        let [l, r] = Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
            .areas(bottom);
        let [convs, agreements] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(r);
        events(frame, app, view, l, None);
        conversations(frame, lang, view, convs, None);
        agreement_list(frame, lang, view, agreements, None);
    } else {
        // Narrow: one panel at a time; its title names all three, the shown one marked.
        let tabs = panel_tabs(lang, view.panel);
        match view.panel {
            Panel::Events => events(frame, app, view, bottom, Some(tabs)),
            Panel::Conversations => conversations(frame, lang, view, bottom, Some(tabs)),
            Panel::Agreements => agreement_list(frame, lang, view, bottom, Some(tabs)),
            Panel::Cooperation => {}
        }
    }
}

/// The panel's block: focused (cyan) when it has the keyboard, its title either its own
/// name or, on a narrow screen, the names of all three.
fn panel_block(
    lang: Lang,
    view: &CaseView,
    panel: Panel,
    tabs: Option<Line<'static>>,
) -> Block<'static> {
    let focused = view.panel == panel;
    let title = tabs.unwrap_or_else(|| {
        Line::from(Span::styled(
            format!(" {} ", lang.t(panel_title(panel))),
            if focused {
                theme::title()
            } else {
                Style::default()
            },
        ))
    });
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme::border_focused()
        } else {
            theme::border()
        })
        .title(title)
}

fn panel_title(panel: Panel) -> T {
    match panel {
        Panel::Events => T::TimelineTitle,
        Panel::Conversations => T::ConversationsTitle,
        Panel::Agreements => T::AgreementsTitle,
        Panel::Cooperation => T::CoopTitle,
    }
}

/// "Tidslinje · Samtaler · Aftaler" with the shown panel marked.
fn panel_tabs(lang: Lang, shown: Panel) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (i, p) in Panel::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme::dim()));
        }
        let name = match p {
            Panel::Events => lang.t(T::TabTimeline),
            _ => lang.t(panel_title(*p)),
        };
        let style = if *p == shown {
            theme::tab_active()
        } else {
            theme::dim()
        };
        spans.push(Span::styled(name.to_string(), style));
    }
    spans.push(Span::raw(" "));
    Line::from(spans)
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
        Line::from(match s.ended {
            // How the course ended says more than a trial period long gone.
            Some(end) => vec![
                label(T::FieldWorkplace),
                Span::raw(format!("{place}   ")),
                label(T::FieldEndedOn),
                Span::raw(format!(
                    "{} – {}",
                    format_date(end.on),
                    i18n::outcome_text(lang, end.outcome)
                )),
            ],
            None => vec![
                label(T::FieldWorkplace),
                Span::raw(format!("{place}   ")),
                label(T::TrialEnds),
                Span::raw(format_date(s.trial_end())),
            ],
        }),
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

fn events(frame: &mut Frame, app: &App, view: &CaseView, area: Rect, tabs: Option<Line<'static>>) {
    let lang = app.lang;
    let case = &view.case;
    let block = panel_block(lang, view, Panel::Events, tabs);
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
    // Who did it, by the name they gave Fokus: as wide as the longest name allows.
    let longest = case
        .events
        .iter()
        .map(|e| e.by.name.width())
        .max()
        .unwrap_or(0);
    let who_width = longest.clamp(4, if width >= 60 { 14 } else { 10 });
    let items: Vec<ListItem> = case
        .events_newest_first()
        .map(|e| {
            let when = e.at.format("%d.%m.%Y %H:%M").to_string();
            let who = fit(&e.by.name, who_width);
            let pad = who_width.saturating_sub(who.width());
            let head = format!("{when}  {who}{} ", " ".repeat(pad));
            let indent = head.width();
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
    let focused = view.panel == Panel::Events;
    let list = List::new(items).block(block).highlight_style(if focused {
        theme::selected()
    } else {
        Style::default()
    });
    let mut state = ListState::default().with_selected(Some(view.selected));
    frame.render_stateful_widget(list, area, &mut state);
}

fn conversations(
    frame: &mut Frame,
    lang: Lang,
    view: &CaseView,
    area: Rect,
    tabs: Option<Line<'static>>,
) {
    let block = panel_block(lang, view, Panel::Conversations, tabs);
    let width = area.width.saturating_sub(2) as usize;
    let items: Vec<ListItem> = view
        .conversations()
        .into_iter()
        .map(|c| {
            let style = match c.state {
                ConversationState::Held { .. } => theme::today(),
                ConversationState::Cancelled { .. } => theme::dim(),
                _ => Style::default(),
            };
            let text = format!(
                "{} {}  {}  {}",
                format_date(c.date()),
                c.planned_at.format("%H:%M"),
                i18n::level(lang, c.level),
                i18n::conversation_state(lang, &c.state)
            );
            ListItem::new(Line::from(Span::styled(fit(&text, width), style)))
        })
        .collect();
    if items.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(lang.t(T::NoConversations), theme::dim())).block(block),
            area,
        );
        return;
    }
    let focused = view.panel == Panel::Conversations;
    let list = List::new(items).block(block).highlight_style(if focused {
        theme::selected()
    } else {
        Style::default()
    });
    let mut state = ListState::default().with_selected(focused.then_some(view.conversation));
    frame.render_stateful_widget(list, area, &mut state);
}

fn agreement_list(
    frame: &mut Frame,
    lang: Lang,
    view: &CaseView,
    area: Rect,
    tabs: Option<Line<'static>>,
) {
    let block = panel_block(lang, view, Panel::Agreements, tabs);
    let width = area.width.saturating_sub(2) as usize;
    let items: Vec<ListItem> = view
        .agreements()
        .into_iter()
        .map(|a| {
            let style = if a.status == AgreementStatus::Open {
                Style::default()
            } else {
                theme::dim()
            };
            let text = format!(
                "[{}] {} · {} · {}",
                i18n::agreement_status(lang, a.status),
                i18n::date_or_dash(a.due),
                i18n::agreement_owner(lang, a),
                a.text.lines().next().unwrap_or("")
            );
            ListItem::new(Line::from(Span::styled(fit(&text, width), style)))
        })
        .collect();
    if items.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(lang.t(T::NoAgreements), theme::dim())).block(block),
            area,
        );
        return;
    }
    let focused = view.panel == Panel::Agreements;
    let list = List::new(items).block(block).highlight_style(if focused {
        theme::selected()
    } else {
        Style::default()
    });
    let mut state = ListState::default().with_selected(focused.then_some(view.agreement));
    frame.render_stateful_widget(list, area, &mut state);
}
