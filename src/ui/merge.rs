//! The dialog for merging with a colleague's save: who saved and when, then each field
//! both changed with their value and the user's, the one kept marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{boxed, centered, theme, wrap_words_upto};
use crate::app::App;
use crate::app::dialogs::merge::MergeDialog;
use crate::i18n::{self, T};

/// The most rows one value takes; a longer text is cut with "…" (it is whole in the
/// editor and on the server).
const VALUE_ROWS: usize = 4;

pub fn render(frame: &mut Frame, app: &App, d: &MergeDialog, area: Rect) {
    let lang = app.lang;
    let width = 96.min(area.width);
    let inner_width = width.saturating_sub(2) as usize;
    let text_width = inner_width.saturating_sub(6);
    let c = &d.conflict;
    let mut lines: Vec<Line> = Vec::new();
    let said = i18n::conflict(lang, c);
    lines.extend(
        super::wrap_words(&said, inner_width)
            .into_iter()
            .map(Line::from),
    );
    lines.push(Line::from(Span::styled(lang.t(T::MergeRest), theme::dim())));
    let by = lang.fill(T::MergeTheirs, &[("by", &c.by)]);
    for (i, clash) in c.clashes.iter().enumerate() {
        let focused = i == d.selected;
        lines.push(Line::from(""));
        let place = i18n::clash_place(lang, &clash.path, &c.theirs);
        let marker = if focused { "▶ " } else { "  " };
        let style = if focused {
            theme::label_focused()
        } else {
            theme::label()
        };
        lines.push(Line::from(Span::styled(format!("{marker}{place}"), style)));
        let keep_theirs = d.keep_theirs.get(i).copied().unwrap_or(false);
        for (theirs, who, value) in [
            (true, &by, &clash.theirs),
            (false, &lang.t(T::MergeMine).to_string(), &clash.mine),
        ] {
            let kept = theirs == keep_theirs;
            let tick = if kept { "[x]" } else { "[ ]" };
            let text = i18n::clash_value(lang, value);
            let rows = wrap_words_upto(&format!("{who} {text}"), text_width, VALUE_ROWS);
            for (n, row) in rows.into_iter().enumerate() {
                let lead = if n == 0 {
                    format!("  {tick} ")
                } else {
                    "      ".to_string()
                };
                let style = if kept {
                    theme::selected()
                } else {
                    theme::dim()
                };
                lines.push(Line::from(vec![Span::raw(lead), Span::styled(row, style)]));
            }
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(lang.t(T::MergeKeys), theme::dim())));
    let height = (lines.len() as u16 + 2).min(area.height);
    // The field in focus stays on screen: the lines before it scroll away first.
    let focus_row = lines
        .iter()
        .position(|l| l.spans.first().is_some_and(|s| s.content.starts_with('▶')))
        .unwrap_or(0);
    let visible = height.saturating_sub(2) as usize;
    let scroll = if lines.len() <= visible {
        0
    } else {
        focus_row
            .saturating_sub(visible.saturating_sub(2 * VALUE_ROWS + 2))
            .min(lines.len() - visible)
    };
    let rect = centered(area, width, height);
    let title = super::fit(lang.t(T::MergeTitle), inner_width.saturating_sub(2));
    let inner = boxed(frame, &title, rect);
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}
