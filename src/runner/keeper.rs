//! Keeps the draft journal up to date with what is being typed: at most half a second
//! after the first unsaved change, at least every 200 typed characters, at once when
//! asked (quitting, a signal, a panic), and removes it once nothing unsaved is left.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::app::App;
use crate::app::draft;
use crate::store::codec::Sealing;
use crate::store::journal;

/// How long a change may wait before it is journaled.
pub const DELAY: Duration = Duration::from_millis(500);
/// How many typed characters may wait before they are journaled.
pub const CHARS: usize = 200;

/// The journal of one database folder.
pub struct Keeper {
    dir: PathBuf,
    /// How the journal is sealed: with the database's key where it has one.
    sealing: Sealing,
    /// When the first change not yet journaled was made.
    since: Option<Instant>,
    /// Characters typed since the last write.
    typed: usize,
    /// What the journal file holds now, to skip writing the same again.
    written: Option<draft::Draft>,
    /// Whether a journal file exists (one left over from an earlier session counts).
    on_disk: bool,
}

impl Keeper {
    /// A keeper for the database folder `dir`; `on_disk` says a journal is already there.
    pub fn new(dir: PathBuf, sealing: Sealing, on_disk: bool) -> Keeper {
        Keeper {
            dir,
            sealing,
            since: None,
            typed: 0,
            written: None,
            on_disk,
        }
    }

    /// The database folder the journal is kept in.
    pub fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    /// Notes a change; `typed` is how many characters it added.
    pub fn changed(&mut self, typed: usize) {
        self.since.get_or_insert_with(Instant::now);
        self.typed += typed;
    }

    /// How long until the journal is due to be written, if a change waits for it; none
    /// while a journal offered for recovery waits for the user's choice.
    pub fn due_in(&self, app: &App) -> Option<Duration> {
        if app.recovered.is_some() || app.restore_after_load.is_some() {
            return None;
        }
        let since = self.since?;
        Some(if self.typed >= CHARS {
            Duration::ZERO
        } else {
            DELAY.saturating_sub(since.elapsed())
        })
    }

    /// Writes or removes the journal if it is time to; `force` writes now.
    pub fn tick(&mut self, app: &App, force: bool) -> std::io::Result<()> {
        let due = self.since.is_some_and(|t| t.elapsed() >= DELAY) || self.typed >= CHARS;
        if !(force || due) {
            return Ok(());
        }
        // A journal offered for recovery is left alone until the user has chosen.
        if app.recovered.is_some() || app.restore_after_load.is_some() {
            return Ok(());
        }
        self.since = None;
        self.typed = 0;
        match draft::snapshot(app) {
            Some(d) => {
                // The time of writing differs every time; what matters is the text.
                let same = self
                    .written
                    .as_ref()
                    .is_some_and(|w| w.editors == d.editors && w.student == d.student);
                if !same {
                    if let Err(e) = journal::write(&self.dir, &self.sealing, &d) {
                        // Not written (a full disk): try again after the delay.
                        self.since = Some(Instant::now());
                        return Err(e);
                    }
                    self.written = Some(d);
                    self.on_disk = true;
                }
            }
            None if self.on_disk => {
                journal::remove(&self.dir)?;
                self.written = None;
                self.on_disk = false;
            }
            None => {}
        }
        Ok(())
    }

    /// Removes the journal at the user's choice.
    pub fn discard(&mut self) -> std::io::Result<()> {
        journal::remove(&self.dir)?;
        self.written = None;
        self.on_disk = false;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::dialogs::prompt::{Prompt, PromptKind};
    use crate::app::form::FieldId;
    use crate::app::state::Modal;
    use crate::domain::StudentId;

    fn app_with_note(text: &str) -> App {
        let mut a = App::new(
            crate::i18n::Lang::Da,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
                .unwrap()
                .and_hms_opt(10, 0, 0)
                .unwrap(),
            crate::domain::Actor::new(
                "Hanne Krogh",
                crate::domain::Role::EducationOfficer,
                "hanne",
            ),
            7,
            vec![],
            vec![],
        );
        let mut p = Prompt::new(PromptKind::Note, StudentId(1));
        p.form.field_mut(FieldId::Text).unwrap().set_text(text);
        a.modals.push(Modal::Prompt(p));
        a
    }

    #[test]
    fn two_hundred_typed_characters_are_journaled_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let mut k = Keeper::new(dir.path().to_path_buf(), Sealing::plain(), false);
        let a = app_with_note("x");
        k.changed(199);
        k.tick(&a, false).unwrap();
        assert!(!journal::path(dir.path()).exists());
        k.changed(1);
        k.tick(&a, false).unwrap();
        assert!(journal::path(dir.path()).exists());
    }

    #[test]
    fn the_journal_goes_once_nothing_unsaved_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let mut k = Keeper::new(dir.path().to_path_buf(), Sealing::plain(), false);
        let mut a = app_with_note("noget");
        k.tick(&a, true).unwrap();
        assert!(journal::path(dir.path()).exists());
        a.modals.clear();
        k.tick(&a, true).unwrap();
        assert!(!journal::path(dir.path()).exists());
    }

    #[test]
    fn a_journal_offered_for_recovery_is_not_overwritten_or_removed() {
        let dir = tempfile::tempdir().unwrap();
        let earlier = app_with_note("fra i går");
        crate::store::journal::write(
            dir.path(),
            &Sealing::plain(),
            &draft::snapshot(&earlier).unwrap(),
        )
        .unwrap();
        let before = std::fs::read(journal::path(dir.path())).unwrap();
        let mut k = Keeper::new(dir.path().to_path_buf(), Sealing::plain(), true);
        let mut a = app_with_note("i dag");
        a.recovered = Some(Box::new(draft::snapshot(&earlier).unwrap()));
        k.tick(&a, true).unwrap();
        a.modals.clear();
        k.tick(&a, true).unwrap();
        assert_eq!(std::fs::read(journal::path(dir.path())).unwrap(), before);
    }
}
