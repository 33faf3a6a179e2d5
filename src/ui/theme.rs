//! Colours and styles, in one place so the screens stay consistent.

use ratatui::style::{Color, Modifier, Style};

pub fn title() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

pub fn tab_active() -> Style {
    Style::default()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}

pub fn tab() -> Style {
    Style::default().fg(Color::Gray)
}

/// The selected row is drawn in reverse: its own colour becomes the background (an overdue
/// reminder stays red), so no colour is ever drawn on a grey of its own shade.
pub fn selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

pub fn overdue() -> Style {
    Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn today() -> Style {
    Style::default().fg(Color::Yellow)
}

pub fn dim() -> Style {
    Style::default().fg(Color::DarkGray)
}

pub fn label() -> Style {
    Style::default().fg(Color::Cyan)
}

pub fn label_focused() -> Style {
    Style::default()
        .fg(Color::Cyan)
        .add_modifier(Modifier::BOLD | Modifier::REVERSED)
}

pub fn error() -> Style {
    Style::default().fg(Color::Red)
}

pub fn success() -> Style {
    Style::default().fg(Color::Green)
}

pub fn heading() -> Style {
    Style::default()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}

pub fn key() -> Style {
    Style::default().fg(Color::Black).bg(Color::Gray)
}

pub fn border_focused() -> Style {
    Style::default().fg(Color::Cyan)
}

pub fn border() -> Style {
    Style::default().fg(Color::DarkGray)
}
