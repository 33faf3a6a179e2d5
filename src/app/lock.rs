//! The lock screen put over everything after a while without a key press: what its keys
//! do and what it says. It holds nothing about students (only the passphrase being typed
//! and how the last tries went), so nothing drawn from it can show any.
//!
//! The application underneath is left exactly as it was (same editor, text and cursor);
//! the runner decides when to lock and checks the passphrase (`runner::idle`).

use std::time::{Duration, SystemTime};

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use zeroize::Zeroizing;

use super::Action;
use crate::keymap::{Context, KeyPress, Keymap, Resolution};

/// Wrong passphrases in a row after which every further try waits [`WAIT_AFTER_WRONG`].
pub const WRONG_BEFORE_WAIT: u32 = 5;
/// How long a try waits after [`WRONG_BEFORE_WAIT`] wrong ones in a row.
pub const WAIT_AFTER_WRONG: Duration = Duration::from_secs(5);

/// The most bytes a passphrase may have. The field's buffer is this large from the start
/// and never grows, so no copy of a passphrase is left behind by a reallocation where
/// zeroizing cannot reach it.
const MAX_BYTES: usize = 512;

/// What the lock screen says under the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockNote {
    /// The passphrase is being checked (it takes a moment).
    Checking,
    /// The last passphrase was wrong.
    Wrong,
    /// Too many wrong tries in a row: the next one waits.
    Wait,
}

/// What a key on the lock screen asks of the runner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockStep {
    Nothing,
    /// Check the passphrase taken with [`LockScreen::take_passphrase`].
    Check,
    /// Quit: what was typed before locking is already in the draft journal.
    Quit,
}

/// The lock screen's state.
pub struct LockScreen {
    typed: Zeroizing<String>,
    /// A passphrase handed in with Enter, until the runner takes it to be checked.
    handed_in: Option<Zeroizing<String>>,
    note: Option<LockNote>,
    /// Wrong passphrases in a row.
    wrong: u32,
    /// No try is taken before this time (after too many wrong ones).
    wait_until: Option<SystemTime>,
}

// Never shows the passphrase, not even in a debug print.
impl std::fmt::Debug for LockScreen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LockScreen")
            .field("typed", &self.typed.chars().count())
            .field("note", &self.note)
            .field("wrong", &self.wrong)
            .finish_non_exhaustive()
    }
}

impl Default for LockScreen {
    fn default() -> LockScreen {
        LockScreen::new()
    }
}

fn empty_field() -> Zeroizing<String> {
    Zeroizing::new(String::with_capacity(MAX_BYTES))
}

impl LockScreen {
    pub fn new() -> LockScreen {
        LockScreen {
            typed: empty_field(),
            handed_in: None,
            note: None,
            wrong: 0,
            wait_until: None,
        }
    }

    /// How many characters are typed in the field (shown as bullets).
    pub fn typed_len(&self) -> usize {
        self.typed.chars().count()
    }

    /// What the screen says under the field, if anything.
    pub fn note(&self) -> Option<LockNote> {
        self.note
    }

    /// Whether a passphrase waits to be checked.
    pub fn checking(&self) -> bool {
        self.handed_in.is_some()
    }

    /// What `key` does. Printable characters go into the field, whatever they are bound
    /// to elsewhere (a `q` is part of a passphrase); only a non-printable key bound to
    /// quitting everywhere (Ctrl-Q, Ctrl-C by default) quits.
    pub fn key(&mut self, key: KeyEvent, keymap: &Keymap, now: SystemTime) -> LockStep {
        if key.kind == KeyEventKind::Release {
            return LockStep::Nothing;
        }
        if keymap.resolve(Context::Global, &[], KeyPress::from(key), true)
            == Resolution::Action(Action::Quit)
        {
            return LockStep::Quit;
        }
        if self.checking() {
            return LockStep::Nothing;
        }
        match key.code {
            KeyCode::Enter => return self.hand_in(now),
            KeyCode::Esc => {
                self.clear();
                self.note = None;
            }
            KeyCode::Backspace => {
                self.typed.pop();
            }
            KeyCode::Char(c)
                if (key.modifiers - KeyModifiers::SHIFT).is_empty() && !c.is_control() =>
            {
                self.push(c);
            }
            _ => {}
        }
        LockStep::Nothing
    }

    /// Pasted text goes into the field (a password manager's), without line breaks.
    pub fn paste(&mut self, text: &str) {
        if self.checking() {
            return;
        }
        text.chars().filter(|c| !c.is_control()).for_each(|c| {
            self.push(c);
        });
    }

    /// The passphrase handed in, for checking; it is zeroized when dropped.
    pub fn take_passphrase(&mut self) -> Option<Zeroizing<String>> {
        self.handed_in.take()
    }

    /// The passphrase taken was checked and is wrong: the field is empty again, the screen
    /// says so, and after [`WRONG_BEFORE_WAIT`] wrong ones in a row each try waits.
    pub fn wrong(&mut self, now: SystemTime) {
        self.handed_in = None;
        self.wrong = self.wrong.saturating_add(1);
        self.note = Some(LockNote::Wrong);
        if self.wrong >= WRONG_BEFORE_WAIT {
            self.wait_until = Some(now + WAIT_AFTER_WRONG);
        }
    }

    fn hand_in(&mut self, now: SystemTime) -> LockStep {
        if self.typed.is_empty() {
            return LockStep::Nothing;
        }
        if self.waiting(now) {
            self.note = Some(LockNote::Wait);
            return LockStep::Nothing;
        }
        // Moved, not copied: the one buffer goes to be checked and a fresh one takes its
        // place.
        self.handed_in = Some(std::mem::replace(&mut self.typed, empty_field()));
        self.note = Some(LockNote::Checking);
        LockStep::Check
    }

    /// Whether a try must still wait at `now`. A clock set back while waiting does not
    /// make the wait longer than [`WAIT_AFTER_WRONG`].
    fn waiting(&self, now: SystemTime) -> bool {
        self.wait_until
            .and_then(|until| until.duration_since(now).ok())
            .is_some_and(|left| !left.is_zero() && left <= WAIT_AFTER_WRONG)
    }

    fn push(&mut self, c: char) {
        if self.typed.len() + c.len_utf8() <= MAX_BYTES {
            self.typed.push(c);
        }
    }

    fn clear(&mut self) {
        use zeroize::Zeroize;
        // Overwritten in place and emptied; the buffer keeps its size.
        (*self.typed).zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn type_in(lock: &mut LockScreen, keymap: &Keymap, text: &str, now: SystemTime) {
        for c in text.chars() {
            assert_eq!(
                lock.key(press(KeyCode::Char(c)), keymap, now),
                LockStep::Nothing
            );
        }
    }

    #[test]
    fn the_quit_letter_is_typed_into_the_field_and_ctrl_q_quits() {
        let keymap = Keymap::builtin().0;
        let now = SystemTime::UNIX_EPOCH;
        let mut lock = LockScreen::new();
        type_in(&mut lock, &keymap, "quiet", now);
        assert_eq!(lock.typed_len(), 5);
        let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert_eq!(lock.key(ctrl_q, &keymap, now), LockStep::Quit);
    }

    #[test]
    fn enter_hands_the_passphrase_in_and_leaves_the_field_empty() {
        let keymap = Keymap::builtin().0;
        let now = SystemTime::UNIX_EPOCH;
        let mut lock = LockScreen::new();
        assert_eq!(
            lock.key(press(KeyCode::Enter), &keymap, now),
            LockStep::Nothing,
            "nothing typed, nothing to check"
        );
        type_in(&mut lock, &keymap, "hest", now);
        lock.key(press(KeyCode::Backspace), &keymap, now);
        assert_eq!(
            lock.key(press(KeyCode::Enter), &keymap, now),
            LockStep::Check
        );
        assert_eq!(lock.note(), Some(LockNote::Checking));
        assert_eq!(lock.typed_len(), 0);
        assert_eq!(
            lock.take_passphrase().as_deref().map(String::as_str),
            Some("hes")
        );
    }

    #[test]
    fn esc_clears_the_field() {
        let keymap = Keymap::builtin().0;
        let now = SystemTime::UNIX_EPOCH;
        let mut lock = LockScreen::new();
        type_in(&mut lock, &keymap, "hemmelig", now);
        lock.key(press(KeyCode::Esc), &keymap, now);
        assert_eq!(lock.typed_len(), 0);
        assert_eq!(
            lock.key(press(KeyCode::Enter), &keymap, now),
            LockStep::Nothing
        );
    }

    #[test]
    fn after_five_wrong_tries_in_a_row_the_next_waits_a_few_seconds() {
        let keymap = Keymap::builtin().0;
        let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let mut lock = LockScreen::new();
        for _ in 0..WRONG_BEFORE_WAIT {
            type_in(&mut lock, &keymap, "forkert", start);
            assert_eq!(
                lock.key(press(KeyCode::Enter), &keymap, start),
                LockStep::Check
            );
            lock.take_passphrase();
            lock.wrong(start);
            assert_eq!(lock.note(), Some(LockNote::Wrong));
            assert_eq!(lock.typed_len(), 0, "the field is cleared");
        }
        type_in(&mut lock, &keymap, "igen", start);
        let soon = start + Duration::from_secs(1);
        assert_eq!(
            lock.key(press(KeyCode::Enter), &keymap, soon),
            LockStep::Nothing
        );
        assert_eq!(lock.note(), Some(LockNote::Wait));
        assert_eq!(lock.typed_len(), 4, "what was typed waits in the field");
        let later = start + WAIT_AFTER_WRONG;
        assert_eq!(
            lock.key(press(KeyCode::Enter), &keymap, later),
            LockStep::Check
        );
    }

    #[test]
    fn the_debug_print_never_shows_the_passphrase() {
        let keymap = Keymap::builtin().0;
        let mut lock = LockScreen::new();
        type_in(&mut lock, &keymap, "sommerfugl", SystemTime::UNIX_EPOCH);
        assert!(!format!("{lock:?}").contains("sommerfugl"));
    }
}
