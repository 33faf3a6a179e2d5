//! The only code that touches the terminal: setting it up, restoring it (also after a
//! panic), and reading events.

use std::io::{self, Stdout};
use std::sync::Once;

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
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
    use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers, read};
    use std::io::Write;
    let mut err = io::stderr();
    let _ = write!(err, "{prompt} ");
    let _ = err.flush();
    enable_raw_mode().ok()?;
    let mut secret = zeroize::Zeroizing::new(String::new());
    let given = loop {
        let Ok(event) = read() else { break false };
        let Event::Key(key) = event else { continue };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        match key.code {
            KeyCode::Enter => break true,
            KeyCode::Esc => break false,
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => break false,
            KeyCode::Backspace => {
                secret.pop();
            }
            KeyCode::Char(c) => secret.push(c),
            _ => {}
        }
    };
    let _ = disable_raw_mode();
    let _ = writeln!(err);
    given.then_some(secret)
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
