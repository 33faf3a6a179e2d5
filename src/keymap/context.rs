//! The contexts a binding can belong to: one table per context in a keymap file.

use std::fmt;

/// Where a key press happens. Bindings of a pane context win over `Global` ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    /// Everywhere, unless the focused context binds the same keys.
    Global,
    /// The reminders pane.
    Reminders,
    /// The students pane.
    Students,
    /// The timeline of one student.
    Timeline,
    /// A form with text fields; printable keys are typed, so they cannot be bound here.
    Editor,
    /// The Overblik pane.
    Overview,
}

impl Context {
    /// Every context, in the order of the shipped keymap file.
    pub const ALL: [Context; 6] = [
        Context::Global,
        Context::Reminders,
        Context::Students,
        Context::Timeline,
        Context::Editor,
        Context::Overview,
    ];

    /// The context's table name in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Reminders => "reminders",
            Context::Students => "students",
            Context::Timeline => "timeline",
            Context::Editor => "editor",
            Context::Overview => "overview",
        }
    }

    /// The context whose table is named `name` in a keymap file.
    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }

    /// A dense index, so per-context data can live in a plain array.
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_names_read_back_and_indices_are_dense() {
        for (i, context) in Context::ALL.into_iter().enumerate() {
            assert_eq!(Context::from_name(context.name()), Some(context));
            assert_eq!(context.index(), i);
        }
        assert_eq!(Context::from_name("Global"), None);
    }
}
