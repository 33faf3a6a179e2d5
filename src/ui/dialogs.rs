//! Small dialogs: prompts for a reason or a note, snoozing, confirmations, messages.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{boxed, centered, theme};
use crate::app::App;
use crate::app::dialogs::confirm::{Confirm, ConfirmKind};
use crate::app::dialogs::import_preview::{ImportPreview, LineKind};
use crate::app::dialogs::prompt::{Prompt, PromptKind};
use crate::app::dialogs::snooze::{SnoozeChoice, SnoozeDialog};
use crate::i18n::{self, T};

pub fn prompt(frame: &mut Frame, app: &App, p: &Prompt, area: Rect) {
    let lang = app.lang;
    let name = app.student_name(p.student).to_string();
    let (title, label) = match p.kind {
        PromptKind::Escalate { from, to } => (
            lang.fill(
                T::PromptEscalate,
                &[
                    ("name", &name),
                    ("from", &from.number().to_string()),
                    ("to", &to.number().to_string()),
                ],
            ),
            T::PromptReason,
        ),
        PromptKind::Deescalate { from, to } => (
            lang.fill(
                T::PromptDeescalate,
                &[
                    ("name", &name),
                    ("from", &from.number().to_string()),
                    ("to", &to.number().to_string()),
                ],
            ),
            T::PromptReason,
        ),
        PromptKind::Note => (
            lang.fill(T::PromptNote, &[("name", &name)]),
            T::PromptNoteLabel,
        ),
        PromptKind::Addendum(_) => (lang.t(T::PromptAddendum).to_string(), T::PromptNoteLabel),
        PromptKind::CancelConversation(_) => (
            lang.t(T::PromptCancelConversation).to_string(),
            T::PromptReason,
        ),
        PromptKind::Erase => (
            lang.fill(T::PromptErase, &[("name", &name)]),
            T::PromptEraseLabel,
        ),
        PromptKind::ImportFile => (lang.t(T::PromptImport).to_string(), T::PromptImportLabel),
    };
    let multi = matches!(p.kind, PromptKind::Note | PromptKind::Addendum(_));
    let width = 76.min(area.width);
    // A reason wraps onto more rows as it grows, instead of scrolling out of sight.
    let typed = p.form.fields.first().and_then(|f| f.area()).map_or(1, |a| {
        super::form::wrapped_rows(a.lines(), width.saturating_sub(2), 8)
    });
    let height = if multi {
        14
    } else {
        (typed as u16 + 4).clamp(5, 12)
    };
    let rect = centered(area, width, height);
    let title = super::fit(&title, width.saturating_sub(4) as usize);
    let inner = boxed(frame, &title, rect);
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    frame.render_widget(Paragraph::new(lang.t(label)).style(theme::label()), head);
    if let Some(field) = p.form.fields.first()
        && let Some(area) = field.area()
    {
        frame.render_widget(area, body);
    }
}

pub fn snooze(frame: &mut Frame, app: &App, d: &SnoozeDialog, area: Rect) {
    let lang = app.lang;
    let title = lang.fill(T::SnoozeTitle, &[("name", &d.student_name)]);
    let rect = centered(area, 60, 8);
    let inner = boxed(frame, &title, rect);
    let options = [
        (SnoozeChoice::OneDay, T::SnoozeDay),
        (SnoozeChoice::OneWeek, T::SnoozeWeek),
        (SnoozeChoice::Until, T::SnoozeUntil),
    ];
    let mut lines: Vec<Line> = options
        .iter()
        .map(|(choice, t)| {
            let style = if *choice == d.choice {
                theme::selected()
            } else {
                ratatui::style::Style::default()
            };
            Line::from(Span::styled(format!("  {}  ", lang.t(*t)), style))
        })
        .collect();
    if let Some(e) = d.date.error {
        lines.push(Line::from(Span::styled(
            format!("⚠ {}", i18n::field_error(lang, e)),
            theme::error(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(area) = d.date.area() {
        let row = Rect::new(inner.x + 24, inner.y + 2, inner.width.saturating_sub(24), 1);
        if d.choice == SnoozeChoice::Until {
            frame.render_widget(area, row);
        }
    }
}

/// What the recovery dialog says about the draft found.
fn recovery_text(app: &App) -> Vec<String> {
    let lang = app.lang;
    let Some(draft) = &app.recovered else {
        return Vec::new();
    };
    let what = match (draft.conversation(), draft.editors.first()) {
        (Some(c), _) => lang.fill(
            T::RecoverConversation,
            &[
                ("n", &c.level.number().to_string()),
                (
                    "date",
                    &crate::domain::dates::format_date(c.planned_at.date()),
                ),
            ],
        ),
        (None, Some(crate::app::draft::EditorDraft::Student { .. })) => {
            lang.t(T::RecoverStudent).to_string()
        }
        _ => lang.t(T::RecoverPrompt).to_string(),
    };
    let when = draft.written_at.format("%d.%m.%Y %H:%M").to_string();
    let mut lines = vec![
        lang.t(T::RecoverIntro).to_string(),
        lang.fill(
            T::RecoverWhat,
            &[
                ("what", &what),
                ("name", &draft.student_name),
                ("when", &when),
                ("chars", &draft.size().to_string()),
            ],
        ),
    ];
    if app.recovered_is_older {
        lines.push(lang.t(T::RecoverOlder).to_string());
    }
    lines
}

/// What finalizing the minutes in the editor does: what is locked, the change of type and
/// the next conversation, as the domain will carry it out.
fn finalize_text(app: &App) -> Vec<String> {
    use crate::domain::case::NextMeeting;
    use crate::domain::dates::{format_date, format_time};
    let lang = app.lang;
    let editor = app.modals.iter().rev().find_map(|m| match m {
        crate::app::Modal::Conversation(e) => Some(e),
        _ => None,
    });
    let (Some(e), Some(view)) = (editor, &app.case) else {
        return Vec::new();
    };
    let c = e.preview(app.today());
    let mut lines = vec![lang.fill(
        T::FinalizeWhat,
        &[
            ("n", &c.level.number().to_string()),
            ("name", &e.student.name),
            ("date", &format_date(c.date())),
        ],
    )];
    let plan = view.case.follow_through(&c);
    if let Some((from, to)) = plan.level_change {
        let key = if to > from {
            T::FinalizeEscalates
        } else {
            T::FinalizeDeescalates
        };
        lines.push(lang.fill(
            key,
            &[
                ("from", &from.number().to_string()),
                ("to", &to.number().to_string()),
                ("reason", &plan.reason),
            ],
        ));
    }
    let taker = |level| i18n::role(lang, crate::domain::rules::minute_taker_role(level));
    let when = |at: chrono::NaiveDateTime| (format_date(at.date()), format_time(at.time()));
    match plan.next {
        NextMeeting::Plan { level, at } => {
            let roles: Vec<&str> = crate::domain::rules::required_roles(level)
                .iter()
                .map(|r| i18n::role(lang, *r))
                .collect();
            let (date, time) = when(at);
            lines.push(lang.fill(
                T::FinalizePlans,
                &[
                    ("n", &level.number().to_string()),
                    ("date", &date),
                    ("time", &time),
                    ("roles", &i18n::list(lang, &roles)),
                    ("taker", taker(level)),
                ],
            ));
        }
        NextMeeting::Update { from, to, .. } if from == to => {
            let (date, time) = when(to.1);
            lines.push(lang.fill(
                T::FinalizeKeeps,
                &[
                    ("n", &to.0.number().to_string()),
                    ("date", &date),
                    ("time", &time),
                ],
            ));
        }
        NextMeeting::Update { from, to, .. } => {
            let (old_date, old_time) = when(from.1);
            let (date, time) = when(to.1);
            let old = lang.fill(
                T::DocDateAtTime,
                &[("date", &old_date), ("time", &old_time)],
            );
            let key = if from.1 == to.1 {
                T::FinalizeRetypes
            } else {
                T::FinalizeMoves
            };
            lines.push(lang.fill(
                key,
                &[
                    ("old", &old),
                    ("n", &to.0.number().to_string()),
                    ("date", &date),
                    ("time", &time),
                    ("taker", taker(to.0)),
                ],
            ));
        }
        NextMeeting::None => {}
    }
    lines
}

pub fn confirm(frame: &mut Frame, app: &App, c: &Confirm, area: Rect) {
    let lang = app.lang;
    let (title, message) = match c.kind {
        ConfirmKind::CloseEditor { .. } => (
            lang.t(T::ConfirmUnsavedTitle),
            vec![lang.t(T::ConfirmUnsaved).to_string()],
        ),
        ConfirmKind::Recover => (lang.t(T::RecoverTitle), recovery_text(app)),
        ConfirmKind::DiscardDraft => (
            lang.t(T::DiscardTitle),
            vec![lang.t(T::DiscardQuestion).to_string()],
        ),
        ConfirmKind::Finalize => (lang.t(T::FinalizeTitle), finalize_text(app)),
        ConfirmKind::ResolveAgreement { student, agreement } => (
            lang.t(T::ResolveTitle),
            crate::app::dialogs::agreement::resolution_question(app, student, agreement),
        ),
    };
    let width = 72u16.min(area.width);
    let spaced = matches!(
        c.kind,
        ConfirmKind::Finalize | ConfirmKind::ResolveAgreement { .. }
    );
    let gaps = if spaced {
        message.len().saturating_sub(1)
    } else {
        0
    };
    let text_rows: usize = message
        .iter()
        .map(|m| super::wrap_words(m, (width as usize).saturating_sub(2)).len())
        .sum::<usize>()
        + gaps;
    let height = (text_rows + c.kind.options().len() + 3) as u16;
    let rect = centered(area, width, height);
    let inner = boxed(frame, title, rect);
    // Paragraphs apart, each wrapped at words.
    let mut lines: Vec<Line> = Vec::new();
    for (i, m) in message.iter().enumerate() {
        if i > 0 && spaced {
            lines.push(Line::from(""));
        }
        lines.extend(
            super::wrap_words(m, inner.width as usize)
                .into_iter()
                .map(Line::from),
        );
    }
    lines.push(Line::from(""));
    for (i, option) in c.kind.options().iter().enumerate() {
        let style = if i == c.selected {
            theme::selected()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::from(Span::styled(
            format!("  {}  ", lang.t(*option)),
            style,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn message(frame: &mut Frame, app: &App, title: &str, lines: &[String], area: Rect) {
    let lang = app.lang;
    let width = 76.min(area.width);
    let inner_width = width.saturating_sub(2) as usize;
    // Every line in full, wrapped at words (a path longer than the box goes on over the
    // next row); the box grows to hold them.
    let mut text: Vec<Line> = lines
        .iter()
        .flat_map(|l| super::wrap_words(l, inner_width))
        .map(Line::from)
        .collect();
    text.push(Line::from(""));
    text.push(Line::from(Span::styled(
        lang.t(T::MessageFooter),
        theme::dim(),
    )));
    let height = (text.len() as u16 + 2).clamp(6, area.height);
    let rect = centered(area, width, height);
    let title = super::fit(title, inner_width.saturating_sub(2));
    let inner = boxed(frame, &title, rect);
    frame.render_widget(Paragraph::new(text), inner);
}

/// The dry run of a student import: how the file was read, a line per row coloured by
/// what happens to it, the totals, and the keys to go ahead or cancel.
pub fn import_preview(frame: &mut Frame, app: &App, p: &ImportPreview, area: Rect) {
    let lang = app.lang;
    let wanted = p.lines.len() as u16 + 6;
    let rect = centered(area, 96, wanted.max(8));
    let title = lang.fill(T::ImpPreviewTitle, &[("file", &p.file)]);
    let inner = boxed(frame, &title, rect);
    let [read, body, summary, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(Span::styled(&p.read, theme::dim())), read);
    let lines: Vec<Line> = p
        .lines
        .iter()
        .zip(p.kinds())
        .map(|(text, kind)| {
            let style = match kind {
                LineKind::Note | LineKind::Unchanged => theme::dim(),
                LineKind::Create | LineKind::Update => theme::success(),
                LineKind::CreateNamesake => theme::today(),
                LineKind::Rejected => theme::error(),
            };
            Line::from(Span::styled(text.as_str(), style))
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((p.scroll, 0)),
        body,
    );
    frame.render_widget(
        Paragraph::new(Span::styled(&p.summary, theme::heading())),
        summary,
    );
    let keys = match p.writes() {
        0 => lang.t(T::ImpPreviewNothing).to_string(),
        n => lang.fill(T::ImpPreviewApply, &[("n", &n.to_string())]),
    };
    frame.render_widget(Paragraph::new(Span::styled(keys, theme::key())), footer);
}

/// Asks who is using Fokus: a sentence on why, the name and the role.
pub fn profile(
    frame: &mut Frame,
    app: &App,
    keymap: &crate::keymap::Keymap,
    d: &crate::app::dialogs::profile::ProfileDialog,
    area: Rect,
) {
    let lang = app.lang;
    let key = keymap
        .keys_for(crate::keymap::Context::Global, crate::app::Action::Profile)
        .into_iter()
        .next()
        .unwrap_or_default();
    let width = 72.min(area.width);
    let intro = super::wrap_words(
        &lang.fill(T::ProfileIntro, &[("key", &key)]),
        width.saturating_sub(2) as usize,
    );
    let height = intro.len() as u16 + 7;
    let rect = centered(area, width, height);
    let inner = boxed(frame, lang.t(T::ProfileTitle), rect);
    let [text, _, form, _, keys] = Layout::vertical([
        Constraint::Length(intro.len() as u16),
        Constraint::Length(1),
        Constraint::Length(2 + u16::from(d.form.first_error().is_some())),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(inner);
    let lines: Vec<Line> = intro.into_iter().map(Line::from).collect();
    frame.render_widget(Paragraph::new(lines), text);
    let form_text = super::form::FormText {
        empty_agreements: String::new(),
        today: app.today(),
        invited: false,
    };
    super::form::render(frame, lang, &d.form, &form_text, false, form);
    frame.render_widget(
        Paragraph::new(Span::styled(lang.t(T::ProfileKeys), theme::dim())),
        keys,
    );
}
