//! Runs the application: feeds messages to `update`, carries out the effects it returns
//! against the store, and feeds their results back, until nothing is left to do.

mod keeper;

use std::collections::VecDeque;
use std::path::PathBuf;

pub use keeper::Keeper;

use crate::app::state::StatusKind;
use crate::app::{App, Effect, Modal, Msg, update};
use crate::i18n::{self, T};
use crate::keymap::Keymap;
use crate::store::{self, Mode, Store};

/// The application with its store, keymap and draft journal.
pub struct Runner<'s> {
    pub app: App,
    pub keymap: Keymap,
    store: &'s dyn Store,
    keeper: Option<Keeper>,
}

impl<'s> Runner<'s> {
    pub fn new(app: App, keymap: Keymap, store: &'s dyn Store) -> Runner<'s> {
        Runner {
            app,
            keymap,
            store,
            keeper: None,
        }
    }

    /// Journals what is typed in the database folder `dir`; `existing` says a journal
    /// from an earlier session is there (it is only replaced after the user's choice).
    pub fn with_journal(mut self, dir: PathBuf, existing: bool) -> Runner<'s> {
        self.keeper = Some(Keeper::new(dir, existing));
        self
    }

    /// Handles one message and everything it leads to, and keeps the journal up to date.
    pub fn dispatch(&mut self, msg: Msg) {
        let typed = match &msg {
            Msg::Key(k) => usize::from(matches!(k.code, crossterm::event::KeyCode::Char(_))),
            Msg::Paste(text) => text.chars().count(),
            _ => 0,
        };
        let input = matches!(msg, Msg::Key(_) | Msg::Paste(_));
        let effects = self.update(msg);
        self.run(effects);
        if input && let Some(keeper) = &mut self.keeper {
            keeper.changed(typed);
        }
        self.keep_journal(false);
    }

    /// Writes (or removes) the draft journal if it is due; `now` forces it.
    pub fn keep_journal(&mut self, now: bool) {
        let Some(keeper) = &mut self.keeper else {
            return;
        };
        if let Err(e) = keeper.tick(&self.app, now) {
            let lang = self.app.lang;
            let text = lang.fill(T::JournalFailed, &[("error", &e.to_string())]);
            self.app.say(StatusKind::Error, text);
        }
    }

    fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let mut ids = self.store.ids();
        let effects = update(&mut self.app, &self.keymap, &mut *ids, msg);
        match ids.finish() {
            Ok(()) => effects,
            Err(e) => {
                let text = i18n::store_error(self.app.lang, &e);
                self.app.say(StatusKind::Error, text);
                Vec::new()
            }
        }
    }

    /// Takes note of the database becoming read-only (the check made at opening may end
    /// while the user works) and tells the user once, plainly.
    pub fn poll_store(&mut self) {
        if self.app.read_only.is_some() {
            return;
        }
        if let Mode::ReadOnly(reason) = self.store.mode() {
            let lang = self.app.lang;
            let text = i18n::read_only(lang, &reason);
            self.app.read_only = Some(text.clone());
            self.app.modals.push(Modal::Message {
                title: lang.t(T::ReadOnlyTitle).to_string(),
                lines: vec![text],
            });
        }
    }

    /// Carries out `effects` and whatever their results lead to.
    pub fn run(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        let mut committed = false;
        while let Some(effect) = queue.pop_front() {
            committed |= matches!(effect, Effect::Commit { .. });
            let msg = self.execute(effect);
            queue.extend(self.update(msg));
        }
        // After a save the journal must not hold the text from before it: a journal left
        // then would offer older text as unsaved and, restored, undo the save.
        if committed {
            self.keep_journal(true);
        }
    }

    fn execute(&mut self, effect: Effect) -> Msg {
        let lang = self.app.lang;
        let describe = |e: store::StoreError| i18n::store_error(lang, &e);
        match effect {
            Effect::LoadCase(id) => {
                Msg::CaseLoaded(self.store.load_case(id).map(Box::new).map_err(describe))
            }
            Effect::Commit {
                change,
                after,
                then,
            } => Msg::Committed {
                result: self.store.commit(&change, &after).map_err(describe),
                after,
                then,
            },
            Effect::SetMark {
                key,
                mark,
                confirmation,
            } => Msg::Marked {
                result: self.store.set_mark(&key, mark).map_err(describe),
                confirmation,
            },
            Effect::DiscardDraft => Msg::DraftDiscarded(match &mut self.keeper {
                Some(keeper) => keeper.discard().map_err(|e| e.to_string()),
                None => Ok(()),
            }),
            Effect::LoadReminders => Msg::Reminders(
                store::current_reminders(self.store, self.app.today(), self.app.window_days)
                    .map_err(describe),
            ),
        }
    }
}
