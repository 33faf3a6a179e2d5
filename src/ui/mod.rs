//! Drawing the screen from the state. Rendering never changes the state.

mod book;
mod dialogs;
mod editor;
mod form;
mod help;
mod reminders;
mod students;
pub mod theme;
mod timeline;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::app::editors::PromptKind;
use crate::app::state::StatusKind;
use crate::app::{Action, App, Modal, Pane, input_context};
use crate::i18n::{self, T};
use crate::keymap::{Context, Keymap};

/// Below this size the screen only asks for a larger window.
pub const MIN_WIDTH: u16 = 60;
/// Below this size the screen only asks for a larger window.
pub const MIN_HEIGHT: u16 = 15;

/// Draws the whole screen.
pub fn render(frame: &mut Frame, app: &App, keymap: &Keymap) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = app.lang.fill(
            T::TooSmall,
            &[
                ("width", &MIN_WIDTH.to_string()),
                ("height", &MIN_HEIGHT.to_string()),
            ],
        );
        frame.render_widget(Paragraph::new(text).style(theme::error()), area);
        return;
    }
    let [top, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    tabs(frame, app, top);
    match app.pane {
        Pane::Reminders => reminders::render(frame, app, keymap, body),
        Pane::Students => students::render(frame, app, keymap, body),
        Pane::Timeline => timeline::render(frame, app, body),
    }
    for modal in &app.modals {
        match modal {
            Modal::Help { scroll } => help::render(frame, app, keymap, body, *scroll),
            Modal::Student(e) => editor::student(frame, app, e, body),
            Modal::Conversation(e) => editor::conversation(frame, app, keymap, e, body),
            Modal::Prompt(p) => dialogs::prompt(frame, app, p, body),
            Modal::Snooze(d) => dialogs::snooze(frame, app, d, body),
            Modal::Confirm(c) => dialogs::confirm(frame, app, c, body),
            Modal::AddressBook(b) => book::address_book(frame, app, b, body),
            Modal::Distribution(d) => book::distribution(frame, app, d, body),
            Modal::ImportPreview(p) => dialogs::import_preview(frame, app, p, body),
            Modal::Message { title, lines } => dialogs::message(frame, app, title, lines, body),
            Modal::Profile(d) => dialogs::profile(frame, app, keymap, d, body),
        }
    }
    status_line(frame, app, status);
    hint_line(frame, app, keymap, hints);
    scrub(frame.buffer_mut());
}

/// Characters that reorder or hide text (bidirectional overrides and isolates, zero-width
/// marks): a terminal honouring them could show a name or note other than it is stored.
fn is_invisible_control(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Removes such characters from what is drawn; the stored text is left as it is.
fn scrub(buffer: &mut ratatui::buffer::Buffer) {
    for cell in buffer.content.iter_mut() {
        if cell.symbol().chars().any(is_invisible_control) {
            let clean: String = cell
                .symbol()
                .chars()
                .filter(|c| !is_invisible_control(*c))
                .collect();
            cell.set_symbol(if clean.is_empty() { " " } else { &clean });
        }
    }
}

fn tabs(frame: &mut Frame, app: &App, area: Rect) {
    let lang = app.lang;
    let width = area.width as usize;
    let timeline = match &app.case {
        Some(v) => lang.fill(T::TabTimelineOf, &[("name", &v.case.student.name)]),
        None => lang.t(T::TabTimeline).to_string(),
    };
    let mut labels = [
        (
            Pane::Reminders,
            lang.fill(T::TabReminders, &[("n", &app.reminders.len().to_string())]),
        ),
        (
            Pane::Students,
            lang.fill(
                T::TabStudents,
                &[("n", &app.students.all.len().to_string())],
            ),
        ),
        (Pane::Timeline, timeline),
    ];
    let banner = app
        .read_only
        .as_ref()
        .map(|_| format!(" {} ", lang.t(T::ReadOnlyBanner)));
    let date = crate::domain::dates::format_date(app.today());
    let app_name = format!(" {} ", lang.t(T::AppName));
    let tabs_width = |labels: &[(Pane, String); 3]| -> usize {
        app_name.width()
            + labels.iter().map(|(_, l)| l.width() + 5).sum::<usize>()
            + banner.as_ref().map_or(0, |b| b.width() + 1)
    };
    // On a narrow screen the date goes first, then the student's name is shortened:
    // nothing is cut off mid-word.
    let show_date = tabs_width(&labels) + date.width() < width;
    if !show_date && tabs_width(&labels) > width {
        let over = tabs_width(&labels) - width;
        let label = &mut labels[2].1;
        *label = fit(label, label.width().saturating_sub(over));
    }
    let mut spans = vec![Span::styled(app_name.clone(), theme::title())];
    for (n, (pane, label)) in labels.iter().enumerate() {
        let style = if *pane == app.pane {
            theme::tab_active()
        } else {
            theme::tab()
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!(" {} {} ", n + 1, label), style));
    }
    if let Some(banner) = banner {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            banner,
            theme::overdue().add_modifier(ratatui::style::Modifier::REVERSED),
        ));
    }
    if show_date {
        let used: usize = spans.iter().map(Span::width).sum();
        let room = width.saturating_sub(used + date.width() + 1);
        spans.push(Span::raw(" ".repeat(room)));
        spans.push(Span::styled(date, theme::dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn status_line(frame: &mut Frame, app: &App, area: Rect) {
    let Some(status) = app.status.as_ref().filter(|s| s.is_current(app.now)) else {
        return;
    };
    let style = match status.kind {
        StatusKind::Info => theme::today(),
        StatusKind::Success => theme::success(),
        StatusKind::Error => theme::error(),
    };
    frame.render_widget(Clear, area);
    // One row: a message too long for it ends in "…" rather than mid-word.
    let text = wrap_words(&status.text, area.width as usize);
    let shown = match text.as_slice() {
        [one] => one.clone(),
        [first, ..] => fit(&format!("{first} …"), area.width as usize),
        [] => String::new(),
    };
    frame.render_widget(Paragraph::new(shown).style(style), area);
}

/// The actions worth a hint in each situation, most useful first.
fn hint_actions(app: &App) -> &'static [Action] {
    match app.modal() {
        Some(Modal::Conversation(e)) if e.agreement.is_some() => &[
            Action::Save,
            Action::NextField,
            Action::Toggle,
            Action::Cancel,
        ],
        // Addenda are for finalized minutes; a cancelled meeting is only looked at.
        Some(Modal::Conversation(e))
            if matches!(
                e.base.state,
                crate::domain::ConversationState::Cancelled { .. }
            ) =>
        {
            &[Action::NextField, Action::Cancel, Action::Help]
        }
        Some(Modal::Conversation(e)) if e.form.read_only => &[
            Action::NextField,
            Action::AddAddendum,
            Action::Cancel,
            Action::Help,
        ],
        Some(Modal::Conversation(_)) => &[
            Action::Save,
            Action::Finalize,
            Action::NextField,
            Action::AddAgreement,
            Action::Toggle,
            Action::Cancel,
            Action::Help,
        ],
        Some(Modal::Student(_)) => &[
            Action::Save,
            Action::NextField,
            Action::Toggle,
            Action::Cancel,
            Action::Help,
        ],
        // Erasing and importing go ahead with Enter, as their labels say; "save" would
        // misname what happens.
        Some(Modal::Prompt(p)) if matches!(p.kind, PromptKind::Erase | PromptKind::ImportFile) => {
            &[Action::Cancel]
        }
        Some(Modal::Prompt(_) | Modal::Snooze(_)) => &[Action::Save, Action::Cancel],
        Some(Modal::AddressBook(b)) if b.editing.is_some() => &[Action::Save, Action::Cancel],
        Some(Modal::AddressBook(_)) => &[Action::Cancel, Action::Help],
        Some(Modal::Distribution(_)) => &[
            Action::ExportMinutes,
            Action::CopyRecipients,
            Action::Cancel,
            Action::Help,
        ],
        Some(Modal::Confirm(_)) => &[Action::Open, Action::Down, Action::Cancel],
        Some(_) => &[Action::Cancel],
        None => match app.pane {
            Pane::Reminders => &[
                Action::Open,
                Action::Snooze,
                Action::Done,
                Action::NextPane,
                Action::Help,
                Action::Quit,
            ],
            Pane::Students => &[
                Action::Open,
                Action::Filter,
                Action::NewStudent,
                Action::NewConversation,
                Action::Escalate,
                Action::ImportStudents,
                Action::Help,
                Action::Quit,
            ],
            Pane::Timeline => match app.case.as_ref().map(|v| v.panel) {
                Some(crate::app::Panel::Conversations) => &[
                    Action::Open,
                    Action::ExportMinutes,
                    Action::Distribution,
                    Action::AddAddendum,
                    Action::CancelConversation,
                    Action::NextPanel,
                    Action::Help,
                    Action::Quit,
                ],
                Some(crate::app::Panel::Agreements) => {
                    &[Action::Done, Action::NextPanel, Action::Help, Action::Quit]
                }
                _ => &[
                    Action::Open,
                    Action::NextPanel,
                    Action::EditConversation,
                    Action::NewConversation,
                    Action::Escalate,
                    Action::AddNote,
                    Action::ExportMinutes,
                    Action::Help,
                    Action::Quit,
                ],
            },
        },
    }
}

fn hint_line(frame: &mut Frame, app: &App, keymap: &Keymap, area: Rect) {
    let (context, _) = input_context(app);
    let context = match app.modal() {
        Some(Modal::Conversation(e)) if e.form.read_only => Context::Timeline,
        _ => context,
    };
    // Every hint that has a key, as (key, label, width); help and quit are never the ones
    // left out for lack of room.
    let hints: Vec<(Action, String, &str, usize)> = hint_actions(app)
        .iter()
        .filter_map(|action| {
            // In a question, Enter (always, whatever the keymap) takes the answer marked
            // and the arrows move the mark.
            let question = matches!(app.modal(), Some(Modal::Confirm(_)));
            let key = match keymap.keys_for(context, *action).into_iter().next() {
                Some(key) => key,
                None if question && *action == Action::Open => "Enter".to_string(),
                None => return None,
            };
            let label = match (question, *action) {
                (true, Action::Open) => app.t(T::HintChoose),
                (true, Action::Down) => app.t(T::HintOtherAnswer),
                _ => i18n::action_hint(app.lang, *action),
            };
            let w = key.chars().count() + label.chars().count() + 4;
            Some((*action, key, label, w))
        })
        .collect();
    let essential = |a: Action| matches!(a, Action::Help | Action::Quit);
    let reserved: usize = hints.iter().filter(|h| essential(h.0)).map(|h| h.3).sum();
    let mut room = (area.width as usize).saturating_sub(reserved);
    let mut shown = Vec::new();
    for h in &hints {
        if essential(h.0) {
            shown.push(h);
        } else if h.3 <= room {
            room -= h.3;
            shown.push(h);
        }
    }
    let mut spans = Vec::new();
    for (_, key, label, _) in shown {
        spans.push(Span::styled(format!(" {key} "), theme::key()));
        spans.push(Span::raw(format!(" {label} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Clears `rect` and draws a focused box titled `title` around it; returns the inside.
pub fn boxed(frame: &mut Frame, title: &str, rect: Rect) -> Rect {
    frame.render_widget(Clear, rect);
    let block = ratatui::widgets::Block::default()
        .borders(ratatui::widgets::Borders::ALL)
        .border_style(theme::border_focused())
        .title(Span::styled(format!(" {title} "), theme::title()));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// A rectangle of `width` × `height` centred in `area`, never larger than it.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Breaks `text` into lines of at most `width` columns at spaces (words longer than a
/// line are cut). A dash or other punctuation standing alone stays with the word before
/// it, so no line starts with "–" or holds a lone ".".
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(1);
    let mut units: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let lone_mark = word
            .chars()
            .all(|c| c.is_ascii_punctuation() || "–—…»«".contains(c));
        match units.last_mut() {
            Some(last) if lone_mark => {
                last.push(' ');
                last.push_str(word);
            }
            _ => units.push(word.to_string()),
        }
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in &units {
        let needed = if line.is_empty() {
            word.width()
        } else {
            line.width() + 1 + word.width()
        };
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.width() > width {
            let cut = fit(&line, width);
            let mut kept: String = cut
                .chars()
                .take(cut.chars().count().saturating_sub(1))
                .collect();
            if kept.is_empty() {
                // Not even one character fits beside the ellipsis: take one anyway.
                kept = line.chars().take(1).collect();
            }
            let rest = line[kept.len()..].to_string();
            lines.push(kept);
            line = rest;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Cuts `text` to at most `width` columns, marking the cut with an ellipsis.
pub fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_at_spaces_and_long_words_are_cut() {
        assert_eq!(
            wrap_words("Eskaleret fra type 1 til type 2", 14),
            vec!["Eskaleret fra", "type 1 til", "type 2"]
        );
        assert_eq!(wrap_words("", 5), vec![""]);
        let long = wrap_words("Læringsmæssigeudfordringer", 10);
        assert!(long.iter().all(|l| l.chars().count() <= 10), "{long:?}");
        assert_eq!(long.concat(), "Læringsmæssigeudfordringer");
        assert_eq!(wrap_words("ab cd", 1).concat(), "abcd");
    }

    #[test]
    fn a_dash_or_mark_standing_alone_stays_with_the_word_before_it() {
        let lines = wrap_words("Fokusområde: Sprogligt – Fagsprog i dokumentationen", 22);
        assert!(
            lines
                .iter()
                .all(|l| !l.starts_with('–') && !l.starts_with(' ')),
            "{lines:?}"
        );
        assert_eq!(lines[0], "Fokusområde:");
        assert_eq!(lines[1], "Sprogligt – Fagsprog i");
        let lines = wrap_words("Eleven skriver dagligt notat .", 21);
        assert_eq!(lines, vec!["Eleven skriver", "dagligt notat ."]);
    }

    #[test]
    fn text_direction_overrides_never_reach_the_screen() {
        let mut buffer = ratatui::buffer::Buffer::empty(Rect::new(0, 0, 20, 1));
        buffer.set_string(
            0,
            0,
            "Anna\u{202e}nesnaH\u{200b}",
            ratatui::style::Style::default(),
        );
        scrub(&mut buffer);
        let drawn: String = buffer.content.iter().map(|c| c.symbol()).collect();
        assert!(!drawn.chars().any(is_invisible_control), "{drawn:?}");
        assert!(drawn.starts_with("Anna"));
    }

    #[test]
    fn fit_marks_a_cut_with_an_ellipsis() {
        assert_eq!(fit("Ærø", 3), "Ærø");
        assert_eq!(fit("Ærøskøbing", 5), "Ærøs…");
        assert_eq!(fit("abc", 0), "");
    }
}
