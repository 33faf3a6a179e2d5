//! The only code that touches the terminal: setting it up, restoring it (also after a
//! panic), and reading events.

use std::io::{self, Stdout};
use std::sync::Once;

use crossterm::event::{
    DisableBracketedPaste, EnableBracketedPaste, KeyCode, KeyEvent, KeyModifiers,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

static PANIC_HOOK: Once = Once::new();

/// Puts the terminal in full-screen raw mode with bracketed paste, and makes sure a panic
/// restores it before the panic message is printed.
pub fn enter() -> io::Result<Term> {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
    // Whatever step fails, the terminal is given back before the error is reported, so
    // the message lands on the normal screen of a usable shell.
    let result = (|| {
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
        let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        terminal.clear()?;
        Ok(terminal)
    })();
    if result.is_err() {
        restore();
    }
    result
}

/// Gives the terminal back as it was. Safe to call more than once.
pub fn restore() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        crossterm::event::DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

/// Asks for a secret on the terminal before the screen starts: `prompt` on stderr, the
/// keys typed read without echo until Enter. `None` when the user gives up (Esc, Ctrl-C)
/// or the terminal cannot be read.
pub fn ask_secret(prompt: &str) -> Option<zeroize::Zeroizing<String>> {
    struct Secret<'a> {
        prompt: &'a str,
        typed: zeroize::Zeroizing<String>,
    }
    impl LinePrompt for Secret<'_> {
        type Answer = zeroize::Zeroizing<String>;
        fn line(&self) -> String {
            format!("{} ", self.prompt)
        }
        fn key(&mut self, key: KeyEvent) -> PromptStep<Self::Answer> {
            match edit_secret(&mut self.typed, &key) {
                SecretEdit::Typing => PromptStep::Ask,
                SecretEdit::Enter => PromptStep::Answer(std::mem::take(&mut self.typed)),
                SecretEdit::Cancel => PromptStep::GiveUp,
            }
        }
    }
    let mut secret = Secret {
        prompt,
        typed: new_secret(),
    };
    ask_on_terminal(&[], &mut secret, PromptScreen::Inline)
}

/// A question answered on the terminal before the screen starts, one key at a time. The
/// logic lives in the implementation and is tested by feeding it keys; only
/// [`ask_on_terminal`] reads and writes the terminal.
pub trait LinePrompt {
    type Answer;
    /// The line being typed on, redrawn after every key. It must not hold a secret.
    fn line(&self) -> String;
    /// What a key press does.
    fn key(&mut self, key: KeyEvent) -> PromptStep<Self::Answer>;
}

/// What a [`LinePrompt`] does after a key.
#[derive(Debug, PartialEq, Eq)]
pub enum PromptStep<A> {
    /// Keep asking: the line is redrawn.
    Ask,
    /// Keep asking, after leaving these lines above the line for good.
    Say(Vec<String>),
    /// Done with this answer.
    Answer(A),
    /// The user gave up.
    GiveUp,
}

/// Where a prompt is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptScreen {
    /// In the shell's scrolling text, where it stays afterwards.
    Inline,
    /// On the alternate screen, wiped when the prompt is done: what it showed does not
    /// go into the terminal's scrollback.
    Private,
}

/// How a key typed into a hidden secret changes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretEdit {
    /// A character added or removed, or a key that does nothing here.
    Typing,
    Enter,
    /// Esc or Ctrl-C.
    Cancel,
}

/// An empty secret with room for a long passphrase, so typing does not move it in memory
/// and leave copies behind.
pub fn new_secret() -> zeroize::Zeroizing<String> {
    zeroize::Zeroizing::new(String::with_capacity(256))
}

/// Applies a key to a secret being typed.
pub fn edit_secret(typed: &mut zeroize::Zeroizing<String>, key: &KeyEvent) -> SecretEdit {
    match key.code {
        KeyCode::Enter => SecretEdit::Enter,
        KeyCode::Esc => SecretEdit::Cancel,
        KeyCode::Char('c') if is_ctrl(key) => SecretEdit::Cancel,
        KeyCode::Backspace => {
            typed.pop();
            SecretEdit::Typing
        }
        KeyCode::Char(c) => {
            if typed.len() + c.len_utf8() > typed.capacity() {
                // Growing would leave the old buffer unwiped; copy into a wiped-on-drop one.
                let mut bigger =
                    zeroize::Zeroizing::new(String::with_capacity(typed.capacity() * 2));
                bigger.push_str(typed);
                *typed = bigger;
            }
            typed.push(c);
            SecretEdit::Typing
        }
        _ => SecretEdit::Typing,
    }
}

/// Ctrl held without Alt: Windows reports AltGr (which types @, £, $, { on a Danish
/// keyboard) as Ctrl+Alt, and those are characters, not commands.
fn is_ctrl(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && !key.modifiers.contains(KeyModifiers::ALT)
}

/// Asks `prompt` on stderr: `intro` first, then the prompt's line, redrawn in place after
/// every key, until it has an answer or the user gives up. `None` also when the terminal
/// cannot be read.
pub fn ask_on_terminal<P: LinePrompt>(
    intro: &[String],
    prompt: &mut P,
    screen: PromptScreen,
) -> Option<P::Answer> {
    use crossterm::cursor::MoveTo;
    use crossterm::event::{Event, KeyEventKind, read};
    use crossterm::queue;
    use crossterm::terminal::{Clear, ClearType};
    use std::io::Write;

    /// Gives the terminal back however the prompt ends, a panic included.
    struct Raw(PromptScreen);
    impl Drop for Raw {
        fn drop(&mut self) {
            let _ = disable_raw_mode();
            let mut err = io::stderr();
            if self.0 == PromptScreen::Private {
                let _ = execute!(err, Clear(ClearType::All), LeaveAlternateScreen);
            } else {
                let _ = write!(err, "\r\n");
                let _ = err.flush();
            }
        }
    }

    let mut err = io::stderr();
    if screen == PromptScreen::Private {
        execute!(
            err,
            EnterAlternateScreen,
            Clear(ClearType::All),
            MoveTo(0, 0)
        )
        .ok()?;
    }
    let raw = Raw(screen);
    enable_raw_mode().ok()?;
    // In raw mode a line feed does not go back to the first column.
    let say = |err: &mut io::Stderr, lines: &[String]| {
        let _ = write!(err, "\r");
        let _ = queue!(err, Clear(ClearType::CurrentLine));
        for line in lines {
            let _ = write!(err, "\r{line}\r\n");
        }
    };
    let draw = |err: &mut io::Stderr, line: String| {
        let _ = write!(err, "\r");
        let _ = queue!(err, Clear(ClearType::CurrentLine));
        let _ = write!(err, "{line}");
        let _ = err.flush();
    };
    say(&mut err, intro);
    draw(&mut err, prompt.line());
    let answer = loop {
        let Ok(event) = read() else { break None };
        let Event::Key(key) = event else { continue };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        match prompt.key(key) {
            PromptStep::Ask => {}
            PromptStep::Say(lines) => say(&mut err, &lines),
            PromptStep::Answer(answer) => break Some(answer),
            PromptStep::GiveUp => break None,
        }
        draw(&mut err, prompt.line());
    };
    drop(raw);
    answer
}

/// Asks the terminal to put `text` on the system clipboard (OSC 52). Terminals that do
/// not support it ignore the request, which is why the text is also shown on screen.
pub fn copy_to_clipboard(text: &str) -> io::Result<()> {
    execute!(
        io::stdout(),
        crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
    )
}

/// Whether a key (or another terminal event) can be read without waiting.
///
/// Input is watched level-triggered (crossterm's `use-dev-tty` source): the default source
/// watches edges and, handed more than a kilobyte at once (a paste that arrives as
/// keystrokes), leaves the rest unread until the next key. That source does not look at
/// all when asked with no time to wait, so it is asked with a millisecond.
pub fn event_waiting() -> io::Result<bool> {
    crossterm::event::poll(std::time::Duration::from_millis(1))
}
