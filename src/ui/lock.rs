//! The lock screen: the product name, a line saying the screen is locked and the
//! passphrase as bullets. It is drawn from the lock screen's state and the language
//! alone, never from the application, so it cannot show anything about a student.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{boxed, centered, theme};
use crate::app::Action;
use crate::app::lock::{LockNote, LockScreen};
use crate::i18n::{Lang, T};
use crate::keymap::{Context, Keymap};

/// How wide the lock box is at most.
const WIDTH: u16 = 64;

/// Draws the lock screen over the whole of the frame.
pub fn render(frame: &mut Frame, lock: &LockScreen, lang: Lang, keymap: &Keymap) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    let field = lang.t(T::LockField);
    // Bullets, as many as fit: the count shows a key press was taken, nothing more.
    let room = (WIDTH as usize).saturating_sub(field.chars().count() + 5);
    let bullets = "•".repeat(lock.typed_len().min(room));
    let note = lock.note().map(|note| match note {
        LockNote::Checking => Span::styled(lang.t(T::LockChecking), theme::dim()),
        LockNote::Wrong => Span::styled(lang.t(T::LockWrong), theme::error()),
        LockNote::Wait => Span::styled(lang.t(T::LockWait), theme::error()),
    });
    let mut text = vec![
        Line::from(Span::styled(lang.t(T::LockLocked), theme::heading())),
        Line::from(lang.t(T::LockPrompt)),
        Line::from(""),
        Line::from(vec![
            Span::styled(field, theme::label()),
            Span::raw(" "),
            Span::raw(bullets),
        ]),
        Line::from(""),
        Line::from(note.unwrap_or_default()),
    ];
    text.push(Line::from(""));
    text.extend(hints(lang, keymap));
    let height = text.len() as u16 + 2;
    let rect = centered(area, WIDTH, height);
    let inner = boxed(frame, lang.t(T::AppName), rect);
    frame.render_widget(
        Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: false }),
        inner,
    );
}

/// The keys of the lock screen, one to a line so none is cut off: Enter, Esc, and the
/// first key that quits everywhere and is not a character (a `q` goes into the field).
fn hints(lang: Lang, keymap: &Keymap) -> Vec<Line<'static>> {
    let quit = keymap
        .keys_for(Context::Global, Action::Quit)
        .into_iter()
        .find(|key| key.chars().count() > 1);
    let mut keys = vec![
        ("Enter".to_string(), T::HintUnlock),
        ("Esc".to_string(), T::HintClearField),
    ];
    keys.extend(quit.map(|key| (key, T::HintQuitLocked)));
    keys.into_iter()
        .map(|(key, label)| {
            Line::from(vec![
                Span::styled(format!(" {key} "), theme::key()),
                Span::raw(format!(" {}", lang.t(label))),
            ])
        })
        .collect()
}
