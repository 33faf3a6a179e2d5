//! Drawing the screen from the state. Rendering never changes the state.

mod book;
mod cooperation;
mod dialogs;
mod editor;
mod form;
mod help;
pub mod lock;
mod merge;
mod overview;
mod reminders;
mod students;
pub mod theme;
mod timeline;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::app::dialogs::prompt::PromptKind;
use crate::app::state::StatusKind;
use crate::app::{Action, App, Modal, Pane, input_context};
use crate::i18n::{self, T};
use crate::keymap::{Context, Keymap};

/// Below this size the screen only asks for a larger window.
pub const MIN_WIDTH: u16 = 60;
/// Below this size the screen only asks for a larger window.
pub const MIN_HEIGHT: u16 = 15;

/// Draws the whole screen: the lock screen alone while the screen is locked, else the
/// application.
pub fn render_screen(
    frame: &mut Frame,
    app: &App,
    keymap: &Keymap,
    locked: Option<&crate::app::lock::LockScreen>,
) {
    match locked {
        Some(screen) => lock::render(frame, screen, app.lang, keymap),
        None => render(frame, app, keymap),
    }
}

/// Draws the application's screen.
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
        Pane::Overview => overview::render(frame, app, body),
    }
    for modal in &app.modals {
        match modal {
            Modal::Help { scroll } => help::render(frame, app, keymap, body, *scroll),
            Modal::Student(e) => editor::student(frame, app, e, body),
            Modal::Team(e) => editor::team(frame, app, e, body),
            Modal::Conversation(e) => editor::conversation(frame, app, keymap, e, body),
            Modal::Prompt(p) => dialogs::prompt(frame, app, p, body),
            Modal::Snooze(d) => dialogs::snooze(frame, app, d, body),
            Modal::Confirm(c) => dialogs::confirm(frame, app, c, body),
            Modal::AddressBook(b) => book::address_book(frame, app, b, body),
            Modal::Distribution(d) => book::distribution(frame, app, d, body),
            Modal::ImportPreview(p) => dialogs::import_preview(frame, app, p, body),
            Modal::Message { title, lines } => dialogs::message(frame, app, title, lines, body),
            Modal::Merge(d) => merge::render(frame, app, d, body),
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
            lang.fill(T::TabReminders, &[("n", &app.reminder_count())]),
        ),
        (
            Pane::Students,
            lang.fill(
                T::TabStudents,
                &[(
                    "n",
                    &if app.students.loading {
                        "…".to_string()
                    } else {
                        app.students.all.len().to_string()
                    },
                )],
            ),
        ),
        (Pane::Timeline, timeline),
        (Pane::Overview, lang.t(T::TabOverview).to_string()),
    ];
    let banner = app
        .read_only
        .as_ref()
        .map(|_| format!(" {} ", lang.t(T::ReadOnlyBanner)));
    let date = crate::domain::dates::format_date(app.today());
    let app_name = format!(" {} ", lang.t(T::AppName));
    let tabs_width = |labels: &[(Pane, String); 4]| -> usize {
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
        Some(Modal::Team(_)) => &[
            Action::Save,
            Action::NextField,
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
            Pane::Overview => &[
                Action::ToggleCharts,
                Action::NextPeriod,
                Action::NextGrouping,
                Action::NextGroup,
                Action::ExportStats,
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
                Some(crate::app::Panel::Cooperation) => &[
                    Action::Open,
                    Action::NewNetworkMember,
                    Action::NewGoal,
                    Action::NewIntervention,
                    Action::NewTeamMeeting,
                    Action::ExportMinutes,
                    Action::ExportTeamFile,
                    Action::NextPanel,
                    Action::Help,
                    Action::Quit,
                ],
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
    wrap_words_upto(text, width, usize::MAX)
}

/// The first `most` rows of [`wrap_words`]: the work stops there, so a screen that shows
/// ten rows of a long text pays for ten rows, not for the text.
pub fn wrap_words_upto(text: &str, width: usize, most: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(1);
    let lone_mark = |word: &str| {
        word.chars()
            .all(|c| c.is_ascii_punctuation() || "–—…»«".contains(c))
    };
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    let mut words = text.split_whitespace().peekable();
    while let Some(first) = words.next() {
        if lines.len() >= most {
            return lines;
        }
        // A word with the punctuation marks standing alone after it, which never start a row.
        let mut unit = first.to_string();
        while let Some(mark) = words.next_if(|w| lone_mark(w)) {
            unit.push(' ');
            unit.push_str(mark);
        }
        let unit_width = unit.width();
        if !line.is_empty() && line_width + 1 + unit_width > width {
            lines.push(std::mem::take(&mut line));
            line_width = 0;
        }
        if !line.is_empty() {
            line.push(' ');
            line_width += 1;
        }
        line.push_str(&unit);
        line_width += unit_width;
        if line_width > width {
            // Longer than a row: cut it, a column short, as a cut with "…" would be.
            let whole = std::mem::take(&mut line);
            let mut rest = whole.as_str();
            while prefix_within(rest, width) < rest.len() && lines.len() < most {
                let mut cut = prefix_within(rest, width - 1);
                if cut == 0 {
                    // Not even one character fits beside the ellipsis: take one anyway.
                    cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
                }
                lines.push(rest[..cut].to_string());
                rest = &rest[cut..];
            }
            line = rest.to_string();
            line_width = line.width();
        }
    }
    if (!line.is_empty() || lines.is_empty()) && lines.len() < most {
        lines.push(line);
    }
    lines
}

/// The rows of a table `room` lines tall to build when row `selected` of `len` must be
/// shown: the same rows a ratatui table scrolled from the top would show, found by
/// looking only at the rows near `selected`, so a frame costs the same for ten rows or a
/// hundred thousand. `height` gives a row's height in lines.
pub fn table_window(
    len: usize,
    selected: usize,
    room: usize,
    height: impl Fn(usize) -> usize,
) -> std::ops::Range<usize> {
    if len == 0 {
        return 0..0;
    }
    let selected = selected.min(len - 1);
    // The first page, if it reaches the selected row.
    let mut used = 0;
    let mut end = 0;
    while end < len && used + height(end) <= room {
        used += height(end);
        end += 1;
    }
    let (start, end, used) = if selected < end {
        (0, end, used)
    } else {
        // Scrolled: the selected row is the last whole one, under as many as fit.
        let mut start = selected + 1;
        let mut used = 0;
        while start > 0 && used + height(start - 1) <= room {
            used += height(start - 1);
            start -= 1;
        }
        (start, selected + 1, used)
    };
    // A row that fits only in part is shown in part.
    if used < room && end < len {
        start..end + 1
    } else {
        start..end
    }
}

/// The length in bytes of the longest start of `text` that fits in `cols` columns.
fn prefix_within(text: &str, cols: usize) -> usize {
    use unicode_width::UnicodeWidthChar;
    let mut used = 0;
    for (i, c) in text.char_indices() {
        used += c.width().unwrap_or(0);
        if used > cols {
            return i;
        }
    }
    text.len()
}

/// Cuts `text` to at most `width` columns, marking the cut with an ellipsis.
pub fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    if prefix_within(text, width) == text.len() {
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

    proptest::proptest! {
        #[test]
        fn the_first_rows_of_a_text_are_the_rows_it_begins_with(
            text in "[a-zæø –.…👩‍⚕️\n]{0,200}",
            width in 1usize..30,
            most in 0usize..12,
        ) {
            let all = wrap_words(&text, width);
            let first = wrap_words_upto(&text, width, most);
            proptest::prop_assert_eq!(&first[..], &all[..most.min(all.len())]);
        }
    }

    /// The rows a ratatui table with a fresh state shows, found by rendering it.
    fn rows_ratatui_shows(heights: &[u16], selected: usize, room: u16) -> Vec<usize> {
        use ratatui::widgets::{Row, StatefulWidget, Table, TableState};
        let area = ratatui::layout::Rect::new(0, 0, 8, room);
        let mut buf = ratatui::buffer::Buffer::empty(area);
        let rows = heights.iter().enumerate().map(|(i, &h)| {
            let lines: Vec<String> = (0..h).map(|_| format!("{i:>5}")).collect();
            Row::new([ratatui::text::Text::from(lines.join("\n"))]).height(h)
        });
        let table = Table::new(rows, [ratatui::layout::Constraint::Length(6)]);
        let mut state = TableState::default().with_selected(Some(selected));
        StatefulWidget::render(table, area, &mut buf, &mut state);
        let mut shown: Vec<usize> = (0..room)
            .filter_map(|y| {
                let line: String = (0..6).map(|x| buf[(x, y)].symbol().to_string()).collect();
                line.trim().parse().ok()
            })
            .collect();
        shown.dedup();
        shown
    }

    proptest::proptest! {
        #[test]
        fn a_table_window_holds_the_rows_ratatui_shows(
            heights in proptest::collection::vec(1u16..4, 1..60),
            selected in 0usize..60,
            room in 1u16..20,
        ) {
            let selected = selected % heights.len();
            let window = table_window(heights.len(), selected, room as usize, |i| heights[i] as usize);
            let expected = rows_ratatui_shows(&heights, selected, room);
            proptest::prop_assert_eq!(window.collect::<Vec<_>>(), expected);
        }
    }

    #[test]
    fn a_long_text_is_wrapped_only_as_far_as_asked() {
        // A hundred thousand characters without a space, and as many words: ten rows each.
        let word = "x".repeat(100_000);
        let rows = wrap_words_upto(&word, 40, 10);
        assert_eq!(rows.len(), 10);
        assert!(rows.iter().all(|r| r.len() == 39), "{rows:?}");
        let words = "ord ".repeat(25_000);
        assert_eq!(wrap_words_upto(&words, 40, 10).len(), 10);
        assert_eq!(wrap_words(&words, 40).len(), 2_500);
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
