//! The editors: a conversation's agenda and minutes, and the student record.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::form::{self, FormText};
use super::{boxed, centered, fit, theme};
use crate::app::dialogs::agreement::AgreementEditor;
use crate::app::dialogs::conversation::ConversationEditor;
use crate::app::dialogs::student::StudentEditor;
use crate::app::{Action, App};
use crate::domain::rules;
use crate::i18n::{self, Lang, T};
use crate::keymap::{Context, Keymap};

fn form_text(lang: Lang, keymap: &Keymap, today: chrono::NaiveDate, invited: bool) -> FormText {
    let key = keymap
        .keys_for(Context::Editor, Action::AddAgreement)
        .into_iter()
        .next()
        .unwrap_or_default();
    FormText {
        empty_agreements: lang.fill(T::AgreementsEmpty, &[("key", &key)]),
        today,
        invited,
    }
}

/// The conversation editor fills the space below the tab bar.
pub fn conversation(
    frame: &mut Frame,
    app: &App,
    keymap: &Keymap,
    e: &ConversationEditor,
    area: Rect,
) {
    let lang = app.lang;
    frame.render_widget(Clear, area);
    let preview_state = e.preview(app.today()).state;
    let dirty = if e.dirty { " *" } else { "" };
    let title = lang.fill(
        T::EditorTitle,
        &[
            ("n", &e.base.level.number().to_string()),
            ("name", &e.student.name),
            ("state", i18n::conversation_state(lang, &preview_state)),
        ],
    );
    let inner = boxed(frame, &format!("{title}{dirty}"), area);
    let (form_area, side) = if inner.width >= 100 {
        let [l, r] = Layout::horizontal([Constraint::Min(60), Constraint::Length(36)]).areas(inner);
        (l, Some(r))
    } else {
        let [l, r] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
        let summary = if e.form.read_only {
            Span::styled(lang.t(T::MinutesLockedShort), theme::today())
        } else if e.missing.is_empty() {
            Span::styled(lang.t(T::SidebarReady), theme::success())
        } else if e.missing.len() == 1 {
            Span::styled(lang.t(T::MissingOne), theme::today())
        } else {
            Span::styled(
                lang.fill(T::MissingCount, &[("n", &e.missing.len().to_string())]),
                theme::today(),
            )
        };
        frame.render_widget(Paragraph::new(Line::from(summary)), r);
        (l, None)
    };
    let text = form_text(lang, keymap, app.today(), !e.is_held());
    form::render(frame, lang, &e.form, &text, true, form_area);
    if let Some(side) = side {
        sidebar(frame, app, e, side);
    }
    if let Some(sub) = &e.agreement {
        agreement(frame, app, sub, &text, area);
    }
}

fn sidebar(frame: &mut Frame, app: &App, e: &ConversationEditor, area: Rect) {
    let lang = app.lang;
    let mut lines = Vec::new();
    if let crate::domain::ConversationState::Cancelled { reason } = &e.base.state {
        lines.push(Line::from(Span::styled(
            lang.fill(T::DocCancelledBecause, &[("reason", reason)]),
            theme::today(),
        )));
    } else if e.form.read_only {
        lines.push(Line::from(Span::styled(
            lang.t(T::MinutesLockedShort),
            theme::today(),
        )));
        for a in &e.base.addenda {
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                lang.fill(
                    T::AddendumHeading,
                    &[
                        ("at", &a.at.format("%d.%m.%Y %H:%M").to_string()),
                        ("user", &i18n::person(lang, &a.by)),
                    ],
                ),
                theme::label(),
            )));
            lines.extend(a.text.lines().map(|l| Line::from(l.to_string())));
        }
    } else if e.missing.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t(T::SidebarReady),
            theme::success(),
        )));
    } else {
        lines.push(Line::from(Span::styled(
            lang.t(T::SidebarMissing),
            theme::heading(),
        )));
        for m in &e.missing {
            lines.push(Line::from(format!("• {}", i18n::missing(lang, m))));
        }
    }
    let to_review = e
        .agreements()
        .iter()
        .filter(|a| a.made_in != e.id() && a.status == crate::domain::AgreementStatus::Open)
        .count();
    if to_review > 0 && !e.form.read_only {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            lang.fill(T::EarlierToReview, &[("n", &to_review.to_string())]),
            theme::today(),
        )));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        lang.t(T::SidebarMinuteTaker),
        theme::heading(),
    )));
    lines.push(Line::from(
        i18n::role(lang, rules::minute_taker_role(e.base.level)).to_string(),
    ));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        lang.t(T::SidebarDistribution),
        theme::heading(),
    )));
    for (recipient, required) in rules::distribution(e.base.level) {
        let optional = if *required {
            String::new()
        } else {
            format!(" ({})", lang.t(T::Optional))
        };
        lines.push(Line::from(format!(
            "• {}{optional}",
            i18n::recipient(lang, *recipient)
        )));
    }
    lines.push(Line::from(Span::styled(
        lang.t(T::BySecureMail),
        theme::dim(),
    )));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::LEFT)
                .border_style(theme::border()),
        ),
        area,
    );
}

fn agreement(frame: &mut Frame, app: &App, sub: &AgreementEditor, text: &FormText, area: Rect) {
    let lang = app.lang;
    let rect = centered(area, 80, 13);
    let title = if sub.index.is_some() {
        lang.t(T::AgreementEditTitle)
    } else {
        lang.t(T::AgreementNewTitle)
    };
    let inner = boxed(frame, title, rect);
    form::render(frame, lang, &sub.form, text, false, inner);
}

/// The student record, in a box over the panes.
pub fn student(frame: &mut Frame, app: &App, e: &StudentEditor, area: Rect) {
    let lang = app.lang;
    let rect = centered(area, 100, area.height);
    let title = match &e.original {
        Some(s) => lang.fill(T::EditStudentTitle, &[("name", &s.name)]),
        None => lang.t(T::NewStudentTitle).to_string(),
    };
    let dirty = if e.dirty { " *" } else { "" };
    let inner = boxed(frame, &format!("{title}{dirty}"), rect);
    let text = FormText {
        empty_agreements: String::new(),
        today: app.today(),
        invited: false,
    };
    if e.suggestions.is_empty() {
        form::render(frame, lang, &e.form, &text, true, inner);
        return;
    }
    let [form_area, line] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
    form::render(frame, lang, &e.form, &text, true, form_area);
    suggestions(frame, lang, e, line);
}

/// One of the team file's editors, with the consent warning under the form when the
/// party typed is not covered.
pub fn team(frame: &mut Frame, app: &App, e: &crate::app::dialogs::team::TeamEditor, area: Rect) {
    let lang = app.lang;
    let rect = centered(area, 90, area.height);
    let title = lang.fill(e.title_key(), &[("name", &e.student.name)]);
    let dirty = if e.dirty { " *" } else { "" };
    let inner = boxed(frame, &format!("{title}{dirty}"), rect);
    let text = FormText {
        empty_agreements: String::new(),
        today: app.today(),
        invited: false,
    };
    let warning = e
        .uncovered(&e.student, app.today())
        .map(|party| lang.fill(T::TeamNotCoveredShort, &[("party", &party)]));
    match warning {
        Some(warning) if inner.height > 3 => {
            let [form_area, line] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
            form::render(frame, lang, &e.form, &text, false, form_area);
            frame.render_widget(
                Paragraph::new(fit(&warning, line.width as usize)).style(theme::today()),
                line,
            );
        }
        _ => form::render(frame, lang, &e.form, &text, false, inner),
    }
}

/// "Fra adressebogen: Esbjerg Kommune · Vejen Kommune" under the form, the chosen name
/// marked, with the keys that choose and take one.
fn suggestions(frame: &mut Frame, lang: Lang, e: &StudentEditor, area: Rect) {
    let mut spans = vec![Span::styled(
        format!("{} ", lang.t(T::SuggestFromBook)),
        theme::label(),
    )];
    for (i, name) in e.suggestions.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme::dim()));
        }
        let style = if e.suggestion == Some(i) {
            theme::selected()
        } else {
            Style::default()
        };
        spans.push(Span::styled(name.clone(), style));
    }
    // The keys come last and only when they fit whole.
    let keys = format!("   {}", lang.t(T::SuggestKeys));
    let used: usize = spans.iter().map(Span::width).sum();
    if used + keys.chars().count() <= area.width as usize {
        spans.push(Span::styled(keys, theme::dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
