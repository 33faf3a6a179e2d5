//! The questions asked on the terminal before the screen starts: choosing a passphrase,
//! writing the recovery key down, and typing the passphrase to open the data.
//!
//! Each question is a [`LinePrompt`]: a small state machine that is told one key at a
//! time what was typed and answers with what to show. The tests feed it keys; the
//! functions at the top hand it to [`crate::tui::ask_on_terminal`], which owns the
//! terminal. No line shown ever holds a passphrase.

use crossterm::event::{KeyCode, KeyEvent};
use zeroize::Zeroizing;

use super::recovery::RecoveryKey;
use super::strength::{self, refusal};
use crate::i18n::{self, Lang, T};
use crate::tui::{
    LinePrompt, PromptScreen, PromptStep, SecretEdit, ask_on_terminal, edit_secret, new_secret,
};

/// How many times the passphrase may be typed to open the data.
pub const UNLOCK_ATTEMPTS: u8 = 3;

/// Words an attacker would try first in a passphrase chosen for this program.
const OBVIOUS_WORDS: &[&str] = &["fokus", "sosu", "elev", "vejleder", "oplæring"];

/// Asks for a new passphrase, shows its strength while it is typed, refuses one that is
/// too weak, and asks for it twice. `None` when the user gives up.
pub fn ask_new_passphrase(lang: Lang) -> Option<Zeroizing<String>> {
    let intro = [
        lang.t(T::PassIntro).to_string(),
        lang.t(T::PassKeys).to_string(),
    ];
    ask_on_terminal(&intro, &mut NewPassphrase::new(lang), PromptScreen::Inline)
}

/// Shows the recovery key once and has the user type its last group back, to be sure it
/// is written down. `false` when the user gives up. The key is shown on the alternate
/// screen, which is wiped afterwards, so it stays out of the terminal's scrollback.
pub fn show_recovery_key(lang: Lang, key: &RecoveryKey) -> bool {
    ask_on_terminal(
        &recovery_intro(lang, key),
        &mut ConfirmRecoveryKey::new(lang, key),
        PromptScreen::Private,
    )
    .is_some()
}

/// Asks for the passphrase that opens the data; `attempt` counts from 1, and from the
/// second on the user is told the last one was wrong. `None` when the user gives up.
pub fn ask_passphrase(lang: Lang, attempt: u8) -> Option<Zeroizing<String>> {
    ask_on_terminal(
        &unlock_intro(lang, attempt),
        &mut Passphrase::new(lang),
        PromptScreen::Inline,
    )
}

/// The lines above the passphrase prompt: none the first time, then that it was wrong.
pub fn unlock_intro(lang: Lang, attempt: u8) -> Vec<String> {
    if attempt > 1 {
        vec![lang.fill(
            T::PassWrong,
            &[
                ("n", &attempt.to_string()),
                ("max", &UNLOCK_ATTEMPTS.to_string()),
            ],
        )]
    } else {
        Vec::new()
    }
}

/// The lines that show the recovery key: a title, the key in two rows of four spaced-out
/// groups, and what to do with it.
pub fn recovery_intro(lang: Lang, key: &RecoveryKey) -> Vec<String> {
    let groups: Vec<String> = key
        .groups()
        .map(|g| {
            let spaced: Vec<String> = g.chars().map(String::from).collect();
            spaced.join(" ")
        })
        .collect();
    vec![
        lang.t(T::RecoveryTitle).to_string(),
        String::new(),
        format!("    {}", groups[..4].join("   ")),
        format!("    {}", groups[4..].join("   ")),
        String::new(),
        lang.t(T::RecoveryWriteDown).to_string(),
        String::new(),
    ]
}

/// Choosing a passphrase: typed once with a live strength line, then again to confirm.
pub struct NewPassphrase {
    lang: Lang,
    typed: Zeroizing<String>,
    /// The accepted first entry, while the second is typed.
    first: Option<Zeroizing<String>>,
}

impl NewPassphrase {
    pub fn new(lang: Lang) -> NewPassphrase {
        NewPassphrase {
            lang,
            typed: new_secret(),
            first: None,
        }
    }

    fn choosing_line(&self) -> String {
        if self.typed.is_empty() {
            format!("{} ", self.lang.t(T::PassNewPrompt))
        } else {
            self.choosing_line_for(&self.typed)
        }
    }

    fn enter(&mut self) -> PromptStep<Zeroizing<String>> {
        let typed = std::mem::replace(&mut self.typed, new_secret());
        match self.first.take() {
            None => {
                let line = self.choosing_line_for(&typed);
                match refusal(&strength::strength(&typed, OBVIOUS_WORDS)) {
                    Some(why) => PromptStep::Say(vec![line, i18n::refusal(self.lang, why)]),
                    None => {
                        self.first = Some(typed);
                        PromptStep::Say(vec![line])
                    }
                }
            }
            Some(first) if *first == *typed => PromptStep::Answer(first),
            Some(_) => PromptStep::Say(vec![
                format!("{} ", self.lang.t(T::PassConfirmPrompt)),
                self.lang.t(T::PassMismatch).to_string(),
            ]),
        }
    }

    /// The choosing line as it stood when Enter was pressed, kept on screen.
    fn choosing_line_for(&self, typed: &str) -> String {
        let s = strength::strength(typed, OBVIOUS_WORDS);
        format!(
            "{}  {}",
            self.lang.t(T::PassNewPrompt),
            i18n::strength_line(self.lang, &s)
        )
    }
}

impl LinePrompt for NewPassphrase {
    type Answer = Zeroizing<String>;

    fn line(&self) -> String {
        match self.first {
            None => self.choosing_line(),
            Some(_) => format!("{} ", self.lang.t(T::PassConfirmPrompt)),
        }
    }

    fn key(&mut self, key: KeyEvent) -> PromptStep<Zeroizing<String>> {
        match edit_secret(&mut self.typed, &key) {
            SecretEdit::Typing => PromptStep::Ask,
            SecretEdit::Enter => self.enter(),
            SecretEdit::Cancel => PromptStep::GiveUp,
        }
    }
}

/// Typing the passphrase to open the data.
pub struct Passphrase {
    lang: Lang,
    typed: Zeroizing<String>,
}

impl Passphrase {
    pub fn new(lang: Lang) -> Passphrase {
        Passphrase {
            lang,
            typed: new_secret(),
        }
    }
}

impl LinePrompt for Passphrase {
    type Answer = Zeroizing<String>;

    fn line(&self) -> String {
        format!("{} ", self.lang.t(T::PassUnlockPrompt))
    }

    fn key(&mut self, key: KeyEvent) -> PromptStep<Zeroizing<String>> {
        match edit_secret(&mut self.typed, &key) {
            // Nothing typed cannot be the passphrase: Enter alone is a slip.
            SecretEdit::Enter if self.typed.is_empty() => PromptStep::Ask,
            SecretEdit::Enter => {
                PromptStep::Answer(std::mem::replace(&mut self.typed, new_secret()))
            }
            SecretEdit::Typing => PromptStep::Ask,
            SecretEdit::Cancel => PromptStep::GiveUp,
        }
    }
}

/// Typing the recovery key's last group back. What is typed is shown: it is copied
/// from the key on the screen just above.
pub struct ConfirmRecoveryKey<'a> {
    lang: Lang,
    key: &'a RecoveryKey,
    typed: Zeroizing<String>,
}

impl<'a> ConfirmRecoveryKey<'a> {
    pub fn new(lang: Lang, key: &'a RecoveryKey) -> ConfirmRecoveryKey<'a> {
        ConfirmRecoveryKey {
            lang,
            key,
            typed: new_secret(),
        }
    }
}

impl LinePrompt for ConfirmRecoveryKey<'_> {
    type Answer = ();

    fn line(&self) -> String {
        format!(
            "{} {}",
            self.lang.t(T::RecoveryConfirmPrompt),
            self.typed.as_str()
        )
    }

    fn key(&mut self, key: KeyEvent) -> PromptStep<()> {
        // A group is short; anything longer is not it and would only run off the line.
        if matches!(key.code, KeyCode::Char(_)) && self.typed.chars().count() >= 16 {
            return PromptStep::Ask;
        }
        match edit_secret(&mut self.typed, &key) {
            SecretEdit::Typing => PromptStep::Ask,
            SecretEdit::Cancel => PromptStep::GiveUp,
            SecretEdit::Enter if self.key.last_group_matches(&self.typed) => PromptStep::Answer(()),
            SecretEdit::Enter => {
                let line = self.line();
                self.typed = new_secret();
                PromptStep::Say(vec![line, self.lang.t(T::RecoveryWrongGroup).to_string()])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    /// Types `text`, returning what each key did.
    fn type_text<P: LinePrompt>(prompt: &mut P, text: &str) -> Vec<PromptStep<P::Answer>> {
        text.chars()
            .map(|c| prompt.key(press(KeyCode::Char(c))))
            .collect()
    }

    fn enter<P: LinePrompt>(prompt: &mut P) -> PromptStep<P::Answer> {
        prompt.key(press(KeyCode::Enter))
    }

    fn said<A>(step: PromptStep<A>) -> Vec<String> {
        match step {
            PromptStep::Say(lines) => lines,
            _ => panic!("expected lines to be said"),
        }
    }

    const GOOD: &str = "hesten spiser gule æbler ved fjorden";

    #[test]
    fn the_strength_line_follows_each_key_without_showing_the_passphrase() {
        let mut p = NewPassphrase::new(Lang::Da);
        assert_eq!(p.line(), "Vælg en adgangssætning: ");
        type_text(&mut p, "abc");
        assert!(
            p.line().contains("Styrke: ■□□□□ meget svag"),
            "{}",
            p.line()
        );
        type_text(&mut p, &GOOD[3..]);
        assert!(p.line().contains("■■■■■ stærk"), "{}", p.line());
        assert!(!p.line().contains("abc"));
        assert!(!p.line().contains("fjorden"));
        for _ in 0..GOOD.chars().count() {
            p.key(press(KeyCode::Backspace));
        }
        assert_eq!(p.line(), "Vælg en adgangssætning: ");
    }

    #[test]
    fn a_weak_passphrase_is_refused_with_the_reason_and_asked_again() {
        let mut p = NewPassphrase::new(Lang::En);
        type_text(&mut p, "password1234");
        let lines = said(enter(&mut p));
        assert!(lines[1].contains("too easy to guess"), "{lines:?}");
        assert!(lines.iter().all(|l| !l.contains("password")));
        assert_eq!(p.line(), "Choose a passphrase: ");
    }

    #[test]
    fn a_short_passphrase_is_refused_for_its_length() {
        let mut p = NewPassphrase::new(Lang::En);
        type_text(&mut p, "Zq8#");
        let lines = said(enter(&mut p));
        assert!(lines[1].contains("too short"), "{lines:?}");
    }

    #[test]
    fn a_strong_passphrase_typed_twice_is_the_answer() {
        let mut p = NewPassphrase::new(Lang::Da);
        type_text(&mut p, GOOD);
        let lines = said(enter(&mut p));
        assert_eq!(lines.len(), 1, "only the strength is kept on screen");
        assert_eq!(p.line(), "Skriv den samme igen: ");
        type_text(&mut p, GOOD);
        match enter(&mut p) {
            PromptStep::Answer(pass) => assert_eq!(pass.as_str(), GOOD),
            _ => panic!("expected the passphrase"),
        }
    }

    #[test]
    fn a_mismatch_says_so_and_starts_over() {
        let mut p = NewPassphrase::new(Lang::En);
        type_text(&mut p, GOOD);
        enter(&mut p);
        type_text(&mut p, "hesten spiser gule æbler ved fjorde");
        let lines = said(enter(&mut p));
        assert!(lines[1].contains("did not match"));
        assert_eq!(p.line(), "Choose a passphrase: ");
        // The first entry is gone: a new one must be chosen and confirmed.
        type_text(&mut p, GOOD);
        assert!(matches!(enter(&mut p), PromptStep::Say(_)));
    }

    #[test]
    fn esc_or_ctrl_c_gives_up_at_any_point() {
        let mut p = NewPassphrase::new(Lang::Da);
        type_text(&mut p, "abc");
        assert_eq!(p.key(press(KeyCode::Esc)), PromptStep::GiveUp);
        let mut p = NewPassphrase::new(Lang::Da);
        type_text(&mut p, GOOD);
        enter(&mut p);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(p.key(ctrl_c), PromptStep::GiveUp);
    }

    #[test]
    fn altgr_characters_are_typed_not_taken_as_commands() {
        let mut p = Passphrase::new(Lang::Da);
        let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
        assert_eq!(
            p.key(KeyEvent::new(KeyCode::Char('c'), altgr)),
            PromptStep::Ask
        );
        assert!(matches!(enter(&mut p), PromptStep::Answer(s) if s.as_str() == "c"));
    }

    #[test]
    fn the_unlock_prompt_answers_what_was_typed_and_ignores_a_bare_enter() {
        let mut p = Passphrase::new(Lang::En);
        assert_eq!(enter(&mut p), PromptStep::Ask);
        type_text(&mut p, "secret words");
        assert_eq!(p.line(), "Passphrase: ");
        assert!(matches!(enter(&mut p), PromptStep::Answer(s) if s.as_str() == "secret words"));
    }

    #[test]
    fn a_second_attempt_says_the_first_was_wrong() {
        assert!(unlock_intro(Lang::En, 1).is_empty());
        assert_eq!(
            unlock_intro(Lang::En, 2),
            vec!["Wrong passphrase – try again (2 of 3).".to_string()]
        );
    }

    #[test]
    fn the_recovery_key_is_shown_in_spaced_groups_on_two_rows() {
        let key = RecoveryKey::from_bytes(&[0xff; 20]);
        let lines = recovery_intro(Lang::Da, &key);
        assert!(lines.contains(&"    Z Z Z Z   Z Z Z Z   Z Z Z Z   Z Z Z Z".to_string()));
        assert_eq!(lines.iter().filter(|l| l.contains("Z Z Z Z")).count(), 2);
    }

    #[test]
    fn typing_the_last_group_confirms_the_recovery_key() {
        let key = RecoveryKey::from_bytes(&[0; 20]);
        let mut p = ConfirmRecoveryKey::new(Lang::En, &key);
        type_text(&mut p, "0O0");
        assert!(p.line().ends_with(" 0O0"));
        let lines = said(enter(&mut p));
        assert!(lines[1].contains("not the key's last group"));
        assert!(p.line().ends_with(": "));
        type_text(&mut p, "oo0o");
        assert_eq!(enter(&mut p), PromptStep::Answer(()));
    }

    #[test]
    fn esc_leaves_the_recovery_key_unconfirmed() {
        let key = RecoveryKey::from_bytes(&[0; 20]);
        let mut p = ConfirmRecoveryKey::new(Lang::Da, &key);
        assert_eq!(p.key(press(KeyCode::Esc)), PromptStep::GiveUp);
    }
}
