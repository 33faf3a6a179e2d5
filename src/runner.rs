//! Runs the application: feeds messages to `update`, carries out the effects it returns
//! against the store, and feeds their results back, until nothing is left to do.

use std::collections::VecDeque;

use crate::app::state::StatusKind;
use crate::app::{App, Effect, Msg, update};
use crate::i18n;
use crate::keymap::Keymap;
use crate::store::{self, Store};

/// The application with its store and keymap.
pub struct Runner<'s> {
    pub app: App,
    pub keymap: Keymap,
    store: &'s dyn Store,
}

impl<'s> Runner<'s> {
    pub fn new(app: App, keymap: Keymap, store: &'s dyn Store) -> Runner<'s> {
        Runner { app, keymap, store }
    }

    /// Handles one message and everything it leads to.
    pub fn dispatch(&mut self, msg: Msg) {
        let effects = self.update(msg);
        self.run(effects);
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

    /// Carries out `effects` and whatever their results lead to.
    pub fn run(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            let msg = self.execute(effect);
            queue.extend(self.update(msg));
        }
    }

    fn execute(&self, effect: Effect) -> Msg {
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
            Effect::LoadReminders => Msg::Reminders(
                store::current_reminders(self.store, self.app.today(), self.app.window_days)
                    .map_err(describe),
            ),
        }
    }
}
