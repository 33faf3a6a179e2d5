//! The address book and the distribution checklist.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Row, Table, TableState, Wrap};

use super::form::{self, FormText};
use super::{boxed, centered, fit, theme};
use crate::app::App;
use crate::app::dialogs::address_book::AddressBookDialog;
use crate::app::dialogs::distribution::DistributionDialog;
use crate::domain::ConversationState;
use crate::domain::rules::Recipient;
use crate::i18n::{self, T};

/// Columns for when and by whom a recipient was ticked off.
const SENT_WIDTH: usize = 40;

/// Draws the address book: the list, or the form of the organisation being edited.
pub fn address_book(frame: &mut Frame, app: &App, b: &AddressBookDialog, area: Rect) {
    let lang = app.lang;
    let rect = centered(area, 110, area.height);
    if let Some(e) = &b.editing {
        let title = if e.is_new {
            lang.t(T::BookNewTitle).to_string()
        } else {
            let name = app
                .address_book
                .iter()
                .find(|o| o.id == e.id)
                .map_or("", |o| o.name.as_str());
            lang.fill(T::BookEditTitle, &[("name", name)])
        };
        let inner = boxed(frame, &title, centered(area, 90, 9));
        let [fields, keys] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
        let text = FormText {
            empty_agreements: String::new(),
            today: app.today(),
            invited: false,
        };
        form::render(frame, lang, &e.form, &text, false, fields);
        frame.render_widget(
            Paragraph::new(lang.t(T::BookEditKeys)).style(theme::dim()),
            keys,
        );
        return;
    }
    let inner = boxed(frame, lang.t(T::BookTitle), rect);
    let [list, footer] = Layout::vertical([Constraint::Min(0), Constraint::Length(2)]).areas(inner);
    if app.address_book.is_empty() {
        frame.render_widget(
            Paragraph::new(lang.t(T::BookEmpty)).wrap(Wrap { trim: true }),
            list,
        );
    } else {
        let rows: Vec<Row> = app
            .address_book
            .iter()
            .map(|o| {
                let mail = if o.secure_mail.is_empty() {
                    Span::styled(lang.t(T::BookNoMail), theme::overdue())
                } else {
                    Span::raw(o.secure_mail.clone())
                };
                Row::new(vec![
                    Line::from(o.name.clone()),
                    Line::from(i18n::org_kind(lang, o.kind)),
                    Line::from(mail),
                ])
            })
            .collect();
        let table = Table::new(
            rows,
            [
                Constraint::Fill(3),
                Constraint::Length(22),
                Constraint::Fill(3),
            ],
        )
        .header(
            Row::new(vec![
                lang.t(T::BookColName),
                lang.t(T::BookColKind),
                lang.t(T::BookColMail),
            ])
            .style(theme::label()),
        )
        .row_highlight_style(theme::selected());
        let mut state = TableState::default().with_selected(Some(b.selected));
        frame.render_stateful_widget(table, list, &mut state);
    }
    let footer_text = match b
        .confirm_delete
        .and_then(|id| app.address_book.iter().find(|o| o.id == id))
    {
        Some(org) => Line::from(Span::styled(
            lang.fill(T::BookDeleteQuestion, &[("name", &org.name)]),
            theme::error(),
        )),
        None => Line::from(Span::styled(lang.t(T::BookKeys), theme::dim())),
    };
    frame.render_widget(
        Paragraph::new(footer_text).wrap(Wrap { trim: true }),
        footer,
    );
}

/// Draws the distribution checklist of a finalized conversation.
pub fn distribution(frame: &mut Frame, app: &App, d: &DistributionDialog, area: Rect) {
    let lang = app.lang;
    let Some(view) = &app.case else {
        return;
    };
    let Some(conversation) = view.case.conversation(d.conversation) else {
        return;
    };
    let held = match &conversation.state {
        ConversationState::Finalized { held_on, .. } => *held_on,
        _ => conversation.planned_at.date(),
    };
    let title = lang.fill(
        T::DistTitle,
        &[
            ("date", &crate::domain::dates::format_date(held)),
            ("n", &conversation.level.number().to_string()),
        ],
    );
    let rows = d.rows(&view.case, &app.address_book);
    // Narrower than 100 columns, when and by whom goes under the recipient instead of
    // beside it, so neither the address nor the name is cut.
    let stacked = area.width < 100;
    let per_row: u16 = if stacked { 4 } else { 2 };
    let height = (rows.len() as u16 * per_row + 7).min(area.height);
    let title = fit(&title, area.width.saturating_sub(6) as usize);
    let inner = boxed(frame, &title, centered(area, 110, height));
    let [intro, table_area, keys] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(lang.t(T::DistIntro))
            .style(theme::dim())
            .wrap(Wrap { trim: true }),
        intro,
    );
    let table_rows: Vec<Row> = rows
        .iter()
        .map(|r| {
            let tick = if r.sent.is_some() { "[✓]" } else { "[ ]" };
            let need = if r.required {
                lang.t(T::DistRequired)
            } else {
                lang.t(T::DistOptional)
            };
            let address = if !r.address.is_empty() {
                Span::raw(r.address.clone())
            } else if r.recipient == Recipient::NextWorkplace && r.to.is_empty() {
                Span::styled(lang.t(T::DistChooseWorkplace), theme::dim())
            } else if matches!(
                r.recipient,
                Recipient::EmployingAuthority | Recipient::School | Recipient::NextWorkplace
            ) {
                Span::styled(lang.t(T::DistNoAddress), theme::overdue())
            } else {
                Span::raw("")
            };
            let to = if r.recipient == Recipient::NextWorkplace && !r.to.is_empty() {
                format!("◀ {} ▶", r.to)
            } else {
                r.to.clone()
            };
            // When and by whom on two lines, so the name is not what gets cut.
            let sent = match &r.sent {
                Some((at, by)) => {
                    let when = at.format("%d.%m.%Y %H:%M").to_string();
                    let who = i18n::person(lang, by);
                    Text::from(vec![
                        Line::from(Span::styled(
                            fit(&lang.fill(T::DistSentAt, &[("at", &when)]), SENT_WIDTH),
                            theme::success(),
                        )),
                        Line::from(Span::styled(
                            fit(&lang.fill(T::DistSentBy, &[("by", &who)]), SENT_WIDTH),
                            theme::success(),
                        )),
                    ])
                }
                None if r.required => {
                    Text::from(Span::styled(lang.t(T::DistNotSent), theme::overdue()))
                }
                None => Text::from(Span::styled(lang.t(T::DistNotSent), theme::dim())),
            };
            // Two lines a recipient: who by the rules, then the name and the address to
            // copy, so the address is never the part that is cut off.
            let mut recipient = Text::from(vec![
                Line::from(vec![
                    Span::raw(i18n::recipient(lang, r.recipient)),
                    Span::styled(format!(" ({need})"), theme::dim()),
                ]),
                Line::from(vec![Span::raw(to), Span::raw("  "), address]),
            ]);
            if stacked {
                recipient.lines.extend(sent.lines);
                Row::new(vec![Text::from(tick), recipient]).height(per_row)
            } else {
                Row::new(vec![Text::from(tick), recipient, sent]).height(per_row)
            }
        })
        .collect();
    let widths = if stacked {
        vec![Constraint::Length(3), Constraint::Fill(1)]
    } else {
        vec![
            Constraint::Length(3),
            Constraint::Fill(1),
            Constraint::Length(SENT_WIDTH as u16),
        ]
    };
    let table = Table::new(table_rows, widths).row_highlight_style(theme::selected());
    let mut state = TableState::default().with_selected(Some(d.selected));
    frame.render_stateful_widget(table, table_area, &mut state);
    frame.render_widget(
        Paragraph::new(lang.t(T::DistKeys)).style(theme::dim()),
        keys,
    );
}
