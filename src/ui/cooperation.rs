//! The cooperation panel of the timeline pane (samarbejdsmodellen): the coordinator, the
//! consent, the network map, the goals, the intervention overview and the team meetings.
//! Wide enough, the network is drawn as a map beside the list; otherwise the list alone
//! shows everyone, marked by circle.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Circle as CircleShape};
use ratatui::widgets::{Block, List, ListItem, ListState};
use unicode_width::UnicodeWidthStr;

use super::{fit, theme};
use crate::app::CaseView;
use crate::app::state::CoopRow;
use crate::domain::cooperation::{Circle, interventions_by_provider};
use crate::domain::dates::format_date;
use crate::export::cooperation::{consent_state, next_meeting, serves};
use crate::i18n::{self, Lang, T};

/// Narrowest and lowest area the map is drawn in; smaller, the list shows the network.
const MAP_MIN_W: u16 = 44;
const MAP_MIN_H: u16 = 14;

/// Draws the panel in `area` inside `block`.
pub fn render(
    frame: &mut Frame,
    lang: Lang,
    view: &CaseView,
    today: NaiveDate,
    area: Rect,
    block: Block<'static>,
) {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let network = &view.case.student.team.network;
    let map_w = inner.width * 9 / 20;
    if !network.is_empty() && map_w >= MAP_MIN_W && inner.height >= MAP_MIN_H {
        let [map, list] =
            Layout::horizontal([Constraint::Length(map_w), Constraint::Min(0)]).areas(inner);
        network_map(frame, lang, view, map);
        rows(frame, lang, view, today, list);
    } else {
        rows(frame, lang, view, today, inner);
    }
}

/// The network as a map: the student in the middle, the close network on the inner ring,
/// the wider network on the outer ring.
fn network_map(frame: &mut Frame, lang: Lang, view: &CaseView, area: Rect) {
    let student = &view.case.student;
    let team = &student.team;
    // A cell is about twice as high as it is wide: the y range counts half-cells so the
    // circles come out round.
    let w = f64::from(area.width);
    let h = f64::from(area.height) * 2.0;
    let outer = (w / 2.0 - 2.0).min(h / 2.0 - 2.0) * 0.8;
    let inner = outer * 0.5;
    let place = |circle: Circle| -> Vec<(f64, f64, String)> {
        let people: Vec<_> = team.network.iter().filter(|m| m.circle == circle).collect();
        let n = people.len().max(1) as f64;
        let r = if circle == Circle::Close {
            inner
        } else {
            outer
        };
        people
            .iter()
            .enumerate()
            .map(|(i, m)| {
                // Clockwise from the top, clear of the ring's name there.
                let angle =
                    std::f64::consts::FRAC_PI_2 - (i as f64 + 0.5) * std::f64::consts::TAU / n;
                (r * angle.cos(), r * angle.sin(), short_name(&m.name))
            })
            .collect()
    };
    let people: Vec<(f64, f64, String)> = place(Circle::Close)
        .into_iter()
        .chain(place(Circle::Wider))
        .collect();
    let centre = short_name(&student.name);
    let close = lang.t(T::CoopInner).to_string();
    let wider = lang.t(T::CoopOuter).to_string();
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([-w / 2.0, w / 2.0])
        .y_bounds([-h / 2.0, h / 2.0])
        .paint(move |ctx| {
            for (r, color) in [(outer, theme::dim()), (inner, theme::label())] {
                ctx.draw(&CircleShape {
                    x: 0.0,
                    y: 0.0,
                    radius: r,
                    color: color.fg.unwrap_or_default(),
                });
            }
            ctx.layer();
            let half = |s: &str| s.width() as f64 / 2.0;
            ctx.print(
                -half(&centre),
                0.0,
                Line::from(Span::styled(centre.clone(), theme::title())),
            );
            ctx.print(
                -half(&close),
                inner + 1.0,
                Line::from(Span::styled(close.clone(), theme::dim())),
            );
            ctx.print(
                -half(&wider),
                outer + 1.0,
                Line::from(Span::styled(wider.clone(), theme::dim())),
            );
            for (x, y, name) in &people {
                let label = format!("● {name}");
                let width = label.width() as f64;
                // Names on the left half end at their dot; every name stays inside the map
                // (the canvas leaves out what starts outside it).
                let x = if *x < -0.5 { x - width + 1.0 } else { *x };
                let x = x.clamp(-w / 2.0, (w / 2.0 - width).max(-w / 2.0));
                ctx.print(x, *y, Line::from(label));
            }
        });
    frame.render_widget(canvas, area);
}

/// A name as short as a map label needs: the first name and the last name's initial.
fn short_name(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => fit(one, 14),
        [first, .., last] => {
            let initial: String = last.chars().take(1).collect();
            fit(&format!("{first} {initial}."), 14)
        }
    }
}

/// One line of the list: a row the keys act on, or text between them.
enum Item {
    Row(CoopRow, Line<'static>),
    Text(Line<'static>),
}

fn heading(lang: Lang, key: T) -> Item {
    Item::Text(Line::from(Span::styled(
        lang.t(key).to_string(),
        theme::heading(),
    )))
}

fn dim(text: String) -> Item {
    Item::Text(Line::from(Span::styled(format!("  {text}"), theme::dim())))
}

fn labelled(label: &str, value: String, style: Style) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label}: "), theme::label()),
        Span::styled(value, style),
    ])
}

fn items(lang: Lang, view: &CaseView, today: NaiveDate) -> Vec<Item> {
    let case = &view.case;
    let student = &case.student;
    let team = &student.team;
    let mut out = Vec::new();
    let coordinator = team.coordinator.trim();
    out.push(Item::Row(
        CoopRow::Coordinator,
        if coordinator.is_empty() {
            labelled(
                lang.t(T::CoopCoordinator),
                lang.t(T::CoopNoCoordinator).to_string(),
                theme::dim(),
            )
        } else {
            labelled(
                lang.t(T::CoopCoordinator),
                coordinator.to_string(),
                Style::default(),
            )
        },
    ));
    let consent = match team.current_consent() {
        Some(c) => {
            let style = if c.valid_on(today) {
                Style::default()
            } else {
                theme::overdue()
            };
            (consent_state(lang, c, today), style)
        }
        None => (lang.t(T::CoopConsentNone).to_string(), theme::overdue()),
    };
    out.push(Item::Row(
        CoopRow::Consent,
        labelled(lang.t(T::CoopConsent), consent.0, consent.1),
    ));

    out.push(heading(lang, T::CoopNetwork));
    if team.network.is_empty() {
        out.push(dim(lang.t(T::CoopNetworkEmpty).to_string()));
    }
    for circle in Circle::ALL {
        for m in team.network.iter().filter(|m| m.circle == circle) {
            let mark = if circle == Circle::Close {
                "●"
            } else {
                "○"
            };
            let mut detail: Vec<&str> = Vec::new();
            for part in [m.role.as_str(), m.organisation.as_str()] {
                if !part.trim().is_empty() {
                    detail.push(part);
                }
            }
            let text = if detail.is_empty() {
                m.name.clone()
            } else {
                format!("{} – {}", m.name, detail.join(", "))
            };
            let uncovered = team.uncovered(&[&m.name, &m.organisation], today).is_some();
            let mut spans = vec![
                Span::raw(format!("  {mark} ")),
                Span::raw(text),
                Span::styled(format!("  {}", i18n::circle(lang, circle)), theme::dim()),
            ];
            if uncovered {
                spans.push(Span::styled(
                    format!(" · {}", lang.t(T::CoopNotCovered)),
                    theme::today(),
                ));
            }
            out.push(Item::Row(CoopRow::Member(m.id), Line::from(spans)));
        }
    }

    out.push(heading(lang, T::CoopGoals));
    if team.goals.is_empty() {
        out.push(dim(lang.t(T::CoopGoalsEmpty).to_string()));
    }
    for g in &team.goals {
        out.push(Item::Row(
            CoopRow::Goal(g.id),
            Line::from(vec![
                Span::styled(
                    format!("  {}: ", i18n::goal_area(lang, g.area)),
                    theme::label(),
                ),
                Span::raw(g.text.lines().next().unwrap_or("").to_string()),
                Span::styled(
                    format!("  [{}]", i18n::goal_status(lang, g.status)),
                    theme::dim(),
                ),
            ]),
        ));
        for s in &g.sub_goals {
            let links = format!(
                "  {}: {} · {}: {}",
                lang.t(T::DocColAgreements),
                s.agreements.len(),
                lang.t(T::DocColInterventions),
                s.interventions.len(),
            );
            out.push(Item::Row(
                CoopRow::SubGoal {
                    goal: g.id,
                    sub: s.id,
                },
                Line::from(vec![
                    Span::raw(format!("    › {}", s.text.lines().next().unwrap_or(""))),
                    Span::styled(
                        format!("  [{}]{links}", i18n::goal_status(lang, s.status)),
                        theme::dim(),
                    ),
                ]),
            ));
        }
    }

    out.push(heading(lang, T::CoopInterventions));
    let groups = interventions_by_provider(&student.interventions);
    if groups.is_empty() {
        out.push(dim(lang.t(T::CoopInterventionsEmpty).to_string()));
    }
    for (provider, list) in groups {
        out.push(Item::Text(Line::from(Span::styled(
            format!("  {provider}"),
            theme::label(),
        ))));
        for i in list {
            let what = serves(case, i);
            let serves = if what.is_empty() {
                String::new()
            } else {
                format!(" · {}", lang.fill(T::CoopServes, &[("what", &what)]))
            };
            out.push(Item::Row(
                CoopRow::Intervention(i.id),
                Line::from(vec![
                    Span::raw(format!(
                        "    {} {}–{} ",
                        i18n::intervention_kind(lang, i.kind),
                        format_date(i.from),
                        i.to.map(format_date).unwrap_or_default()
                    )),
                    Span::styled(
                        format!("[{}]{serves}", i18n::intervention_status(lang, i.status)),
                        theme::dim(),
                    ),
                ]),
            ));
        }
    }

    out.push(heading(lang, T::CoopMeetings));
    let due_style = match team.meeting_due() {
        Some(due) if due.date() <= today => theme::overdue(),
        _ => theme::dim(),
    };
    out.push(Item::Text(Line::from(Span::styled(
        format!("  {}", next_meeting(lang, team)),
        due_style,
    ))));
    let mut meetings: Vec<_> = team.meetings.iter().collect();
    meetings.sort_by_key(|m| std::cmp::Reverse((m.on, m.id)));
    for m in meetings {
        out.push(Item::Row(
            CoopRow::Meeting(m.id),
            Line::from(format!(
                "  {}",
                lang.fill(
                    T::CoopMeetingLine,
                    &[
                        ("date", &format_date(m.on)),
                        ("n", &m.participants.len().to_string()),
                        ("goals", i18n::yes_no(lang, m.goals_reviewed)),
                        ("changed", i18n::yes_no(lang, m.interventions_changed)),
                    ],
                )
            )),
        ));
    }
    out
}

/// The list of rows, the selected one marked while the panel has the keyboard.
fn rows(frame: &mut Frame, lang: Lang, view: &CaseView, today: NaiveDate, area: Rect) {
    let width = area.width as usize;
    let wanted = view.selected_coop();
    let mut selected = None;
    let list: Vec<ListItem> = items(lang, view, today)
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let line = match item {
                Item::Row(row, line) => {
                    if Some(row) == wanted {
                        selected = Some(i);
                    }
                    line
                }
                Item::Text(line) => line,
            };
            ListItem::new(fit_line(line, width))
        })
        .collect();
    let mut state = ListState::default().with_selected(selected);
    frame.render_stateful_widget(
        List::new(list).highlight_style(theme::selected()),
        area,
        &mut state,
    );
}

/// `line` cut to `width` columns, its last span ending in "…" when cut.
fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let mut used = 0;
    let mut spans = Vec::new();
    for span in line.spans {
        let w = span.content.width();
        if used + w <= width {
            used += w;
            spans.push(span);
            continue;
        }
        let room = width.saturating_sub(used);
        if room > 0 {
            spans.push(Span::styled(fit(&span.content, room), span.style));
        }
        break;
    }
    Line::from(spans)
}
