//! The help overlay, generated from the active keymap so it always tells the truth.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{centered, theme};
use crate::app::App;
use crate::app::update::context_of;
use crate::i18n::{self, Lang, T};
use crate::keymap::{Context, Keymap};

fn context_name(lang: Lang, c: Context) -> &'static str {
    lang.t(match c {
        Context::Global => T::ContextGlobal,
        Context::Reminders => T::ContextReminders,
        Context::Students => T::ContextStudents,
        Context::Timeline => T::ContextTimeline,
        Context::Overview => T::ContextOverview,
        Context::Editor => T::ContextEditor,
    })
}

/// The help text: the current context first, then the keys that work everywhere.
pub fn lines(app: &App, keymap: &Keymap) -> Vec<Line<'static>> {
    let lang = app.lang;
    // The help itself is a modal; describe what lies under it.
    let below = app
        .modals
        .iter()
        .rev()
        .find(|m| !matches!(m, crate::app::Modal::Help { .. }));
    let under = context_of(app, below).0;
    let mut contexts = vec![under];
    if under != Context::Global {
        contexts.push(Context::Global);
    }
    let mut out = Vec::new();
    for context in contexts {
        out.push(Line::from(Span::styled(
            context_name(lang, context).to_string(),
            theme::heading(),
        )));
        let mut entries: Vec<(String, crate::app::Action)> = Vec::new();
        for (keys, action) in keymap.bindings(context) {
            let text = keys
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" ");
            match entries.iter_mut().find(|(_, a)| *a == action) {
                Some((k, _)) => {
                    k.push_str(", ");
                    k.push_str(&text);
                }
                None => entries.push((text, action)),
            }
        }
        for (keys, action) in entries {
            out.push(Line::from(vec![
                Span::styled(format!("  {keys:<18}"), theme::label()),
                Span::raw(i18n::action_help(lang, action).to_string()),
            ]));
        }
        out.push(Line::from(""));
    }
    out.push(Line::from(Span::styled(
        lang.fill(T::HelpDates, &[]),
        theme::dim(),
    )));
    let key = keymap
        .keys_for(Context::Global, crate::app::Action::Profile)
        .into_iter()
        .next()
        .unwrap_or_default();
    let you = if app.user.name.trim().is_empty() {
        lang.fill(T::HelpYouAreUnknown, &[("key", &key)])
    } else {
        let person = i18n::person(lang, &app.user);
        lang.fill(T::HelpYouAre, &[("person", &person), ("key", &key)])
    };
    out.push(Line::from(Span::styled(you, theme::dim())));
    out.push(Line::from(Span::styled(
        lang.fill(T::HelpDatabase, &[("path", &app.db_path)]),
        theme::dim(),
    )));
    out
}

pub fn render(frame: &mut Frame, app: &App, keymap: &Keymap, area: Rect, scroll: u16) {
    let lang = app.lang;
    let text = lines(app, keymap);
    let rect = centered(area, 84, area.height);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border_focused())
        .title(Span::styled(
            format!(" {} ", lang.t(T::HelpTitle)),
            theme::title(),
        ));
    let max_scroll = (text.len() as u16).saturating_sub(rect.height.saturating_sub(2));
    frame.render_widget(
        Paragraph::new(text)
            .block(block)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .scroll((scroll.min(max_scroll), 0)),
        rect,
    );
}
