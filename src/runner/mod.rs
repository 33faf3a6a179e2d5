//! Runs the application: feeds messages to `update`, carries out the effects it returns
//! against the store, and feeds their results back, until nothing is left to do.

mod idle;
mod keeper;

use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::Duration;

pub use idle::{IdleLock, IdleTimer, WallClock};
pub use keeper::Keeper;

use crossterm::event::KeyEvent;

use crate::app::lock::{LockScreen, LockStep};
use crate::app::state::StatusKind;
use crate::app::{App, Effect, KeyReader, Msg, update};
use crate::domain::ReservedIds;
use crate::i18n::{self, T};
use crate::keymap::Keymap;
use crate::ops;
use crate::privacy::erase;
use crate::store::{self, Mode, Store};

/// How often the event loop looks whether the checks made at opening have ended.
const SETTLING_POLL: Duration = Duration::from_millis(100);

/// How many fresh ids are kept reserved for `update`: more than any one message makes
/// records (a conversation's minutes with their agreements and events), so a message never
/// runs out; the reserve is filled up again before a message when half of it is used.
const ID_RESERVE: usize = 256;

/// How often changes announced by the team's server are looked for: well within the two
/// seconds in which a colleague's change should show.
const CHANGES_POLL: Duration = Duration::from_millis(300);

/// Input from the terminal, read against the keymap before `update`.
#[derive(Clone, Debug)]
pub enum Input {
    Key(KeyEvent),
    /// Printable keys that arrived together while a text field had the keyboard.
    Keys(Vec<KeyEvent>),
    Paste(String),
}

impl Input {
    /// How many characters it types, for the draft journal's count of unsaved typing.
    fn typed(&self) -> usize {
        match self {
            Input::Key(k) => usize::from(matches!(k.code, crossterm::event::KeyCode::Char(_))),
            Input::Keys(keys) => keys.len(),
            Input::Paste(text) => text.chars().count(),
        }
    }
}

/// Where exported files go and what they may show.
#[derive(Clone, Debug)]
pub struct Exports {
    /// The folder minutes, calendars and student exports are written to.
    pub dir: PathBuf,
    /// Whether calendar events carry the student's full name rather than initials.
    pub ics_full_names: bool,
    /// Whether every page of an agenda or minutes names the student by initials rather
    /// than in full.
    pub document_initials: bool,
}

impl Default for Exports {
    fn default() -> Exports {
        Exports {
            dir: crate::config::default_export_dir(),
            ics_full_names: false,
            document_initials: false,
        }
    }
}

/// The application with its store, keymap and draft journal.
pub struct Runner<'s> {
    pub app: App,
    pub keymap: Keymap,
    /// Reads keys against the keymap, keeping the first keys of a sequence.
    keys: KeyReader,
    /// Fresh ids reserved for `update`, and why the last reservation failed, if it did.
    ids: ReservedIds,
    ids_failed: Option<String>,
    store: &'s dyn Store,
    keeper: Option<Keeper>,
    exports: Exports,
    /// Whether effects that take noticeable time wait in `deferred` until the screen has
    /// said what is under way (see [`Runner::run_deferred`]).
    defer_slow: bool,
    deferred: Vec<Effect>,
    /// Where `config.toml` lives, for keeping the user's name and role.
    config_dir: Option<PathBuf>,
    /// The students being read in the background, when they are.
    students: Option<std::sync::mpsc::Receiver<Msg>>,
    /// Input typed in the student list while it was being read, handled in order once
    /// the students are there: typing ahead ("2", Enter) does what it would have done.
    held: Vec<Input>,
    /// Text copied for the terminal's clipboard, waiting for the event loop to put it there.
    clipboard: Option<String>,
    /// Students changed on the team's server, as announced (see [`Runner::with_changes`]).
    changes: Option<std::sync::mpsc::Receiver<crate::domain::StudentId>>,
    /// A save that did not reach the team's server, tried again by itself.
    retry: Option<Retry>,
    /// Characters typed so far: a save is only tried again while nothing was typed since.
    typed: usize,
    /// The idle lock, when the screen locks after a while without a key press.
    guard: Option<idle::Guard>,
    /// The students' digests, read for the Overblik pane and kept until a save.
    facts: Option<Vec<crate::domain::StudentFacts>>,
}

/// A save tried again until the team's server answers.
struct Retry {
    change: Box<crate::domain::CaseChange>,
    after: Box<crate::domain::Case>,
    then: crate::app::AfterCommit,
    /// [`Runner::typed`] when it failed.
    typed: usize,
    /// When to try next.
    at: std::time::Instant,
}

/// How often a save that did not reach the server is tried again.
const RETRY_EVERY: Duration = Duration::from_secs(2);

impl<'s> Runner<'s> {
    pub fn new(app: App, keymap: Keymap, store: &'s dyn Store) -> Runner<'s> {
        Runner {
            app,
            keymap,
            keys: KeyReader::new(),
            ids: ReservedIds::default(),
            ids_failed: None,
            store,
            keeper: None,
            exports: Exports::default(),
            defer_slow: false,
            deferred: Vec::new(),
            config_dir: None,
            students: None,
            held: Vec::new(),
            clipboard: None,
            changes: None,
            retry: None,
            typed: 0,
            guard: None,
            facts: None,
        }
    }

    /// Locks the screen after `lock.after` without a key press, until the passphrase
    /// `lock.verify` accepts is typed; `None` never locks.
    pub fn with_idle_lock(self, lock: Option<IdleLock>) -> Runner<'s> {
        self.with_idle_lock_on(lock, Box::new(std::time::SystemTime::now))
    }

    /// [`Runner::with_idle_lock`] with the time without a key press read on `clock`.
    pub fn with_idle_lock_on(mut self, lock: Option<IdleLock>, clock: WallClock) -> Runner<'s> {
        self.guard = lock.map(|lock| idle::Guard::new(lock, clock));
        self
    }

    /// The lock screen, while the screen is locked: draw it instead of the application.
    pub fn lock_screen(&self) -> Option<&LockScreen> {
        self.guard.as_ref().and_then(|g| g.screen.as_ref())
    }

    /// Whether the screen is locked.
    pub fn locked(&self) -> bool {
        self.lock_screen().is_some()
    }

    /// Whether the session is to end: the user quit, in the application or from the lock
    /// screen.
    pub fn quitting(&self) -> bool {
        self.app.quit || self.guard.as_ref().is_some_and(|g| g.quit)
    }

    /// Locks the screen if it has been idle long enough; whether it did. What is typed
    /// goes to the draft journal first, so a process ended while locked loses nothing;
    /// the application itself is left exactly as it is, to come back on unlocking.
    fn check_idle(&mut self) -> bool {
        let Some(guard) = &mut self.guard else {
            return false;
        };
        let now = guard.now();
        if guard.screen.is_some() || !guard.timer.due(now) {
            return false;
        }
        guard.screen = Some(LockScreen::new());
        // The first keys of a sequence typed before are forgotten, not finished after.
        self.keys = KeyReader::new();
        self.keep_journal(true);
        true
    }

    /// The idle lock's part in `input`: a key press starts the wait again, and while the
    /// screen is locked the lock screen takes the input. Whether it did.
    fn guarded(&mut self, input: &Input) -> bool {
        self.check_idle();
        let Some(guard) = &mut self.guard else {
            return false;
        };
        let now = guard.now();
        let Some(screen) = &mut guard.screen else {
            guard.timer.touch(now);
            return false;
        };
        let step = match input {
            Input::Key(key) => screen.key(*key, &self.keymap, now),
            // The rest of a run after Enter or a quit key is not the passphrase's.
            Input::Keys(keys) => keys
                .iter()
                .map(|key| screen.key(*key, &self.keymap, now))
                .find(|step| *step != LockStep::Nothing)
                .unwrap_or(LockStep::Nothing),
            Input::Paste(text) => {
                screen.paste(text);
                LockStep::Nothing
            }
        };
        match step {
            LockStep::Quit => guard.quit = true,
            // Checked once the screen says so, when the event loop draws it first.
            LockStep::Check if !self.defer_slow => self.check_passphrase(),
            LockStep::Check | LockStep::Nothing => {}
        }
        true
    }

    /// Checks the passphrase handed in on the lock screen: the right one unlocks (the
    /// application is back as it was), a wrong one says so.
    fn check_passphrase(&mut self) {
        let Some(guard) = &mut self.guard else {
            return;
        };
        let Some(passphrase) = guard.screen.as_mut().and_then(LockScreen::take_passphrase) else {
            return;
        };
        let right = (guard.lock.verify)(&passphrase);
        drop(passphrase);
        let now = guard.now();
        if right {
            guard.screen = None;
            guard.timer.touch(now);
        } else if let Some(screen) = &mut guard.screen {
            screen.wrong(now);
        }
    }

    /// The students arrive from `reading` (a [`Msg::Students`]), read after the first
    /// screen; until then the list says it is being read.
    pub fn with_students_from(mut self, reading: std::sync::mpsc::Receiver<Msg>) -> Runner<'s> {
        self.handle(Msg::ReadingStudents);
        self.students = Some(reading);
        self
    }

    /// Takes the students if they have been read; whether the screen changed.
    pub fn poll_students(&mut self) -> bool {
        let Some(reading) = &self.students else {
            return false;
        };
        let msg = match reading.try_recv() {
            Ok(msg) => msg,
            Err(std::sync::mpsc::TryRecvError::Empty) => return false,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Msg::Students(Err(self.app.t(T::StudentsUnread).to_string()))
            }
        };
        self.students = None;
        self.dispatch(msg);
        // Typed before any lock: theirs to the application, not to the lock screen.
        for input in std::mem::take(&mut self.held) {
            self.route(input);
        }
        self.keep_journal(false);
        true
    }

    /// Takes the ids of students changed on the team's server from `changes` (id 0:
    /// the announcements may have been missed, everything is read again; `u64::MAX`: only
    /// a sign of life).
    pub fn with_changes(
        mut self,
        changes: std::sync::mpsc::Receiver<crate::domain::StudentId>,
    ) -> Runner<'s> {
        self.changes = Some(changes);
        self
    }

    /// Tries a save that did not reach the team's server again, when it is time and the
    /// user has typed nothing since (else their own next save carries the newer text).
    /// Whether the screen changed.
    pub fn retry_save(&mut self) -> bool {
        let Some(retry) = self.retry.take() else {
            return false;
        };
        if retry.typed != self.typed {
            return false;
        }
        if std::time::Instant::now() < retry.at {
            self.retry = Some(retry);
            return false;
        }
        let lang = self.app.lang;
        match self.store.commit(&retry.change, &retry.after) {
            Err(store::StoreError::Unreachable(_)) => {
                self.retry = Some(Retry {
                    at: std::time::Instant::now() + RETRY_EVERY,
                    ..retry
                });
                false
            }
            Err(store::StoreError::Conflict(conflict)) => {
                self.close_save_failed();
                self.dispatch(Msg::Conflicted {
                    conflict,
                    then: retry.then,
                });
                true
            }
            result => {
                self.close_save_failed();
                self.handle(Msg::Committed {
                    result: result.map_err(|e| i18n::store_error(lang, &e)),
                    after: retry.after,
                    then: retry.then,
                });
                self.keep_journal(true);
                true
            }
        }
    }

    /// Closes the message that said a save did not go through, if it is on top.
    fn close_save_failed(&mut self) {
        let title = self.app.t(T::SaveFailedTitle);
        if let Some(crate::app::Modal::Message { title: shown, .. }) = self.app.modal()
            && shown == title
        {
            self.app.modals.pop();
        }
    }

    /// Reads again what others changed since last asked; whether the screen changed.
    pub fn poll_changes(&mut self) -> bool {
        let Some(changes) = &self.changes else {
            return false;
        };
        let mut ids: Vec<crate::domain::StudentId> =
            changes.try_iter().filter(|id| id.0 != u64::MAX).collect();
        if ids.is_empty() || self.students.is_some() {
            return false;
        }
        ids.sort_unstable();
        ids.dedup();
        let lang = self.app.lang;
        if ids.first().is_some_and(|id| id.0 == 0) {
            let all = self
                .store
                .summaries()
                .map(|all| Box::new(crate::app::state::StudentList::ready(all)))
                .map_err(|e| i18n::store_error(lang, &e));
            self.dispatch(Msg::Students(all));
            self.facts = None;
            self.dispatch(Msg::Changed(Vec::new()));
            return true;
        }
        let mut changed = Vec::with_capacity(ids.len());
        for id in ids {
            match self.store.summary(id) {
                Ok(summary) => changed.push((id, summary)),
                Err(e) => {
                    let text = i18n::store_error(lang, &e);
                    self.dispatch(Msg::Say {
                        kind: StatusKind::Error,
                        text,
                    });
                    return true;
                }
            }
        }
        // Someone else's save: the digests read before are out of date.
        self.facts = None;
        self.dispatch(Msg::Changed(changed));
        true
    }

    /// Keeps the user's name and role in `config.toml` in `dir`.
    pub fn with_config_dir(mut self, dir: Option<PathBuf>) -> Runner<'s> {
        self.config_dir = dir;
        self
    }

    /// Lets slow effects (erasing a student, an import, writing files) wait until the
    /// screen has been drawn once with a note that the work is under way, so a pause of a
    /// second or two never looks like a hung program. The event loop then calls
    /// [`Runner::run_deferred`].
    pub fn deferring_slow_work(mut self) -> Runner<'s> {
        self.defer_slow = true;
        self
    }

    /// Text to put on the terminal's clipboard, if any was copied since last asked.
    pub fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }

    /// Whether slow work waits for [`Runner::run_deferred`] (a passphrase to check
    /// included).
    pub fn has_deferred(&self) -> bool {
        !self.deferred.is_empty() || self.lock_screen().is_some_and(LockScreen::checking)
    }

    /// Carries out the slow work put off by [`Runner::run`], and checks a passphrase
    /// handed in on the lock screen.
    pub fn run_deferred(&mut self) {
        self.check_passphrase();
        let effects = std::mem::take(&mut self.deferred);
        let defer = std::mem::replace(&mut self.defer_slow, false);
        self.run(effects);
        self.defer_slow = defer;
    }

    /// What the status line says while `effect` runs, if it may take a while.
    fn slow_work(&self, effect: &Effect) -> Option<T> {
        match effect {
            Effect::EraseStudent(_) => Some(T::WorkErasing),
            Effect::PlanImport(_) | Effect::ApplyImport(_) => Some(T::WorkImporting),
            Effect::ExportMinutes { .. }
            | Effect::ExportCalendar
            | Effect::ExportStudent(_)
            | Effect::ExportTeamFile { .. } => Some(T::WorkExporting),
            // Reading every student's digest the first time.
            Effect::ComputeStats(_) | Effect::ExportStats(_) if self.facts.is_none() => {
                Some(T::OverviewMaking)
            }
            _ => None,
        }
    }

    /// Writes exported files as `exports` says.
    pub fn with_exports(mut self, exports: Exports) -> Runner<'s> {
        self.exports = exports;
        self
    }

    /// Journals what is typed in the database folder `dir`; `existing` says a journal
    /// from an earlier session is there (it is only replaced after the user's choice).
    pub fn with_journal(mut self, dir: PathBuf, existing: bool) -> Runner<'s> {
        self.keeper = Some(Keeper::new(dir, self.store.sealing(), existing));
        self
    }

    /// Handles one message and everything it leads to, and keeps the journal up to date.
    pub fn dispatch(&mut self, msg: Msg) {
        self.handle(msg);
        self.keep_journal(false);
    }

    /// Handles `input` and everything it leads to, and keeps the journal up to date.
    pub fn dispatch_input(&mut self, input: Input) {
        self.input(input);
        self.keep_journal(false);
    }

    /// Handles `msg` and runs its effects, leaving the draft journal to the next
    /// [`Runner::keep_journal`].
    pub fn handle(&mut self, msg: Msg) {
        let effects = self.update(msg);
        self.run(effects);
    }

    /// Reads `input` against the keymap where the keyboard is now and handles what it
    /// means, leaving the draft journal to the next [`Runner::keep_journal`]: for input
    /// that is waiting in a row, so the journal is written once after it rather than every
    /// few hundred characters of it. While the screen is locked, the lock screen takes it.
    pub fn input(&mut self, input: Input) {
        if !self.guarded(&input) {
            self.route(input);
        }
    }

    /// Hands `input` to the application.
    fn route(&mut self, input: Input) {
        let in_list = self.app.pane == crate::app::Pane::Students && self.app.modals.is_empty();
        if self.students.is_some() && (in_list || !self.held.is_empty()) {
            self.held.push(input);
            return;
        }
        let typed = input.typed();
        self.typed += typed;
        match input {
            Input::Key(key) => self.key(key),
            Input::Keys(keys) => match self.keys.read_run(&self.app, &self.keymap, &keys) {
                Some(text) => self.handle(text),
                // Each key where the keyboard is after the one before.
                None => keys.into_iter().for_each(|key| self.key(key)),
            },
            Input::Paste(text) => self.handle(Msg::Paste(text)),
        }
        // A case others changed while the user was busy is read once they are done.
        if let Some(effect) = crate::app::update::reload_stale(&mut self.app) {
            self.run(vec![effect]);
        }
        if let Some(keeper) = &mut self.keeper {
            keeper.changed(typed);
        }
    }

    fn key(&mut self, key: KeyEvent) {
        if let Some(msg) = self.keys.read(&self.app, &self.keymap, key) {
            self.handle(msg);
        }
    }

    /// The clock says `now`: the app takes the time (a new day brings its reminders), and
    /// the screen locks if it has been idle long enough.
    /// Whether the screen changed: it locked, a new day, or a status line that faded.
    pub fn tick(&mut self, now: chrono::NaiveDateTime) -> bool {
        let locked = self.check_idle();
        let shown = |app: &App| app.status.as_ref().is_some_and(|s| s.is_current(app.now));
        let was_shown = shown(&self.app);
        let new_day = now.date() != self.app.today();
        self.handle(Msg::Clock(now));
        locked || new_day || was_shown != shown(&self.app)
    }

    /// Writes (or removes) the draft journal if it is due; `now` forces it. True when it
    /// had something to say (it could not be written).
    pub fn keep_journal(&mut self, now: bool) -> bool {
        let Some(keeper) = &mut self.keeper else {
            return false;
        };
        if let Err(e) = keeper.tick(&self.app, now) {
            let lang = self.app.lang;
            let text = lang.fill(T::JournalFailed, &[("error", &e.to_string())]);
            self.handle(Msg::Say {
                kind: StatusKind::Error,
                text,
            });
            return true;
        }
        false
    }

    /// How long the event loop may sleep at `now` when no key comes: until the draft
    /// journal is due, the status line fades, the checks made at opening may have ended,
    /// the screen is due to lock or the date changes, and never longer than `most`.
    pub fn next_wake(&self, now: chrono::NaiveDateTime, most: Duration) -> Duration {
        let mut wake = most;
        if let Some(guard) = self.guard.as_ref().filter(|g| g.screen.is_none()) {
            // A few milliseconds late, so the moment has surely passed on waking.
            wake = wake.min(guard.timer.left(guard.now()) + Duration::from_millis(5));
        }
        if let Some(due) = self.keeper.as_ref().and_then(|k| k.due_in(&self.app)) {
            wake = wake.min(due);
        }
        if self.store.settling() || self.students.is_some() {
            wake = wake.min(SETTLING_POLL);
        }
        if self.changes.is_some() {
            wake = wake.min(CHANGES_POLL);
        }
        if self.retry.is_some() {
            wake = wake.min(RETRY_EVERY);
        }
        let mut at = Vec::with_capacity(2);
        if let Some(status) = self.app.status.as_ref().filter(|s| s.is_current(now)) {
            at.push(status.until());
        }
        if let Some(midnight) = now.date().succ_opt().and_then(|d| d.and_hms_opt(0, 0, 0)) {
            at.push(midnight);
        }
        for when in at {
            // A few milliseconds late, so the moment has surely passed on waking.
            let until = (when - now).to_std().unwrap_or_default() + Duration::from_millis(5);
            wake = wake.min(until);
        }
        wake
    }

    /// `update` with ids reserved before it. A message that needed an id it could not
    /// have (the reserve ran dry because the database could not hand out more) changes
    /// nothing and is not carried out, and the user is told why.
    fn update(&mut self, msg: Msg) -> Vec<Effect> {
        self.reserve_ids();
        // Only when the database would not hand out ids can the reserve run dry: then the
        // app is kept as it was, so nothing is begun with an id that is not fresh.
        let before = (self.ids.len() < ID_RESERVE / 2).then(|| self.app.clone());
        let effects = update(&mut self.app, &mut self.ids, msg);
        if !self.ids.ran_out() {
            return effects;
        }
        if let Some(before) = before {
            self.app = before;
        }
        let text = self
            .ids_failed
            .clone()
            .unwrap_or_else(|| self.app.t(T::IdsRanOut).to_string());
        update(
            &mut self.app,
            &mut self.ids,
            Msg::Say {
                kind: StatusKind::Error,
                text,
            },
        );
        Vec::new()
    }

    /// Fills the reserve of fresh ids up again when half of it is used.
    fn reserve_ids(&mut self) {
        if self.ids.len() >= ID_RESERVE / 2 {
            return;
        }
        match self.store.reserve_ids(ID_RESERVE - self.ids.len()) {
            Ok(fresh) => {
                self.ids.extend(fresh);
                self.ids_failed = None;
            }
            Err(e) => self.ids_failed = Some(i18n::store_error(self.app.lang, &e)),
        }
    }

    /// Takes note of the database becoming read-only (the check made at opening may end
    /// while the user works) and tells the user once, plainly.
    /// True when it did (the screen must show it).
    pub fn poll_store(&mut self) -> bool {
        if self.app.read_only.is_some() {
            return false;
        }
        let Mode::ReadOnly(reason) = self.store.mode() else {
            return false;
        };
        let text = i18n::read_only(self.app.lang, &reason);
        self.handle(Msg::ReadOnly(text));
        true
    }

    /// Carries out `effects` and whatever their results lead to.
    pub fn run(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        let mut committed = false;
        while let Some(effect) = queue.pop_front() {
            if self.defer_slow
                && let Some(work) = self.slow_work(&effect)
            {
                let text = self.app.t(work).to_string();
                queue.extend(self.update(Msg::Say {
                    kind: StatusKind::Info,
                    text,
                }));
                self.deferred.push(effect);
                continue;
            }
            committed |= matches!(
                effect,
                Effect::Commit { .. } | Effect::SaveMerged { .. } | Effect::EraseStudent(_)
            );
            // Whatever may change a student makes the digests read before out of date.
            if matches!(
                effect,
                Effect::Commit { .. }
                    | Effect::SaveMerged { .. }
                    | Effect::EraseStudent(_)
                    | Effect::ApplyImport(_)
            ) {
                self.facts = None;
                self.app.overview.stale = true;
            }
            if let Some(msg) = self.execute(effect) {
                queue.extend(self.update(msg));
            }
        }
        // After a save the journal must not hold the text from before it: a journal left
        // then would offer older text as unsaved and, restored, undo the save.
        if committed {
            self.keep_journal(true);
        }
    }

    /// Carries out `effect`; what came of it, for `update`, if anything.
    fn execute(&mut self, effect: Effect) -> Option<Msg> {
        let lang = self.app.lang;
        let describe = |e: store::StoreError| i18n::store_error(lang, &e);
        let msg = match effect {
            Effect::Copy(text) => {
                self.clipboard = Some(text);
                return None;
            }
            Effect::Rebase(base) => {
                self.store.rebase(&base);
                return None;
            }
            Effect::LoadCase(id) => {
                Msg::CaseLoaded(self.store.load_case(id).map(Box::new).map_err(describe))
            }
            Effect::Commit {
                change,
                after,
                then,
            } => match self.store.commit(&change, &after) {
                Err(store::StoreError::Conflict(conflict)) => Msg::Conflicted { conflict, then },
                Err(e @ store::StoreError::Unreachable(_)) => {
                    self.retry = Some(Retry {
                        change,
                        after,
                        then,
                        typed: self.typed,
                        at: std::time::Instant::now() + RETRY_EVERY,
                    });
                    Msg::SaveWaiting(describe(e))
                }
                result => Msg::Committed {
                    result: result.map_err(describe),
                    after,
                    then,
                },
            },
            Effect::SaveMerged {
                conflict,
                keep_theirs,
                then,
            } => {
                let merged =
                    store::merge::with_picks(&conflict.merged, &conflict.clashes, &keep_theirs);
                match crate::team::store::case_from_record(merged) {
                    Ok(after) => {
                        match self
                            .store
                            .save_merged(&conflict.theirs, conflict.version, &after)
                        {
                            Err(store::StoreError::Conflict(again)) => Msg::Conflicted {
                                conflict: again,
                                then,
                            },
                            result => Msg::Committed {
                                result: result.map_err(describe),
                                after: Box::new(after),
                                then,
                            },
                        }
                    }
                    Err(e) => Msg::Committed {
                        result: Err(describe(e)),
                        after: conflict.theirs,
                        then,
                    },
                }
            }
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
                store::first_reminders(
                    self.store,
                    self.app.today(),
                    self.app.window(),
                    self.app.reminders_wanted,
                )
                .map_err(describe),
            ),
            Effect::SaveOrganisation(org) => Msg::AddressBook(
                self.store
                    .save_organisation(&org)
                    .and_then(|()| self.store.organisations())
                    .map(|book| (book, Some(org.id)))
                    .map_err(describe),
            ),
            Effect::RemoveOrganisation(id) => Msg::AddressBook(
                self.store
                    .remove_organisation(id)
                    .and_then(|()| self.store.organisations())
                    .map(|book| (book, None))
                    .map_err(describe),
            ),
            Effect::ExportMinutes {
                student,
                conversation,
            } => Msg::Exported(self.export_minutes(student, conversation)),
            Effect::ExportTeamFile { student, tool } => {
                let cx = self.doc_context();
                Msg::TeamExported(
                    ops::cooperation::export(self.store, &self.exports.dir, student, tool, &cx)
                        .map(|w| vec![w.pdf, w.md])
                        .map_err(|e| e.message(self.app.lang)),
                )
            }
            Effect::ExportCalendar => Msg::Exported(self.export_calendar().map(Into::into)),
            Effect::ComputeStats(query) => {
                let today = self.app.today();
                let result = self
                    .read_facts()
                    .map(|facts| Box::new(crate::stats::compute(facts, &query, today)));
                Msg::Stats { query, result }
            }
            Effect::ExportStats(query) => {
                let today = self.app.today();
                let dir = self.exports.dir.clone();
                Msg::Exported(self.read_facts().and_then(|facts| {
                    let report = crate::stats::compute(facts, &query, today);
                    ops::stats::write_both(&report, lang, &dir)
                        .map(Into::into)
                        .map_err(|e| e.message(lang))
                }))
            }
            Effect::ExportStudent(student) => {
                Msg::Exported(self.export_student(student).map(Into::into))
            }
            Effect::PlanImport(path) => Msg::ImportPlanned(self.plan_import(&path)),
            Effect::ApplyImport(plan) => {
                let ctx = crate::domain::Ctx {
                    now: self.app.now,
                    by: self.app.user.clone(),
                };
                let applied = ops::import::apply(self.store, &plan, &ctx, &mut |_, _| {});
                Msg::Imported {
                    written: applied.written,
                    error: applied.stopped.map(describe),
                    total: applied.total,
                    rejected: applied.rejected,
                }
            }
            Effect::SaveUser(user) => {
                let result = match &self.config_dir {
                    Some(dir) => crate::config::save_user(
                        dir,
                        &user.name,
                        user.role.unwrap_or(crate::domain::Role::EducationOfficer),
                    )
                    .map(|_| ()),
                    None => Err(lang.t(T::NoConfigFolder).to_string()),
                };
                Msg::UserSaved { user, result }
            }
            Effect::EraseStudent(case) => {
                let places = erase::Places {
                    db_dir: self.keeper.as_ref().map(Keeper::dir),
                    export_dir: &self.exports.dir,
                };
                let (by, now) = (&self.app.user, self.app.now);
                let result = ops::erase::erase(self.store, &case, by, now, places, lang);
                Msg::Erased {
                    student: case.id(),
                    result: result.map(Box::new).map_err(describe),
                }
            }
        };
        Some(msg)
    }

    fn export_minutes(
        &self,
        student: crate::domain::StudentId,
        conversation: crate::domain::ConversationId,
    ) -> Result<crate::app::Exported, String> {
        let cx = self.doc_context();
        let written =
            ops::minutes::export(self.store, &self.exports.dir, student, conversation, &cx)
                .map_err(|e| e.message(self.app.lang))?;
        Ok(crate::app::Exported {
            paths: vec![written.pdf, written.md],
            unchanged: !written.new,
        })
    }

    fn export_student(&self, student: crate::domain::StudentId) -> Result<Vec<PathBuf>, String> {
        let dir = &self.exports.dir;
        let cx = self.doc_context();
        ops::student::export(self.store, dir, dir, student, &cx, &self.app.user.name)
            .map_err(|e| e.message(self.app.lang))
    }

    /// What the agendas and minutes are made with now.
    fn doc_context(&self) -> crate::export::DocContext<'_> {
        crate::export::DocContext {
            book: &self.app.address_book,
            lang: self.app.lang,
            now: self.app.now,
            initials: self.exports.document_initials,
        }
    }

    /// Reads a student list and makes its dry run against the students it could match.
    fn plan_import(
        &self,
        path: &std::path::Path,
    ) -> Result<Box<crate::app::dialogs::import_preview::ImportPreview>, String> {
        use crate::import;
        let lang = self.app.lang;
        let planned = ops::import::plan_file(self.store, path, self.app.today())
            .map_err(|e| e.message(lang))?;
        let clean = import::clean_path(path);
        let file = clean.file_name().map_or_else(
            || clean.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        Ok(Box::new(
            crate::app::dialogs::import_preview::ImportPreview {
                file,
                read: import::describe_table(&planned.table, lang),
                lines: import::describe_plan(&planned.plan, lang),
                summary: planned.plan.summary(lang),
                plan: planned.plan,
                scroll: 0,
            },
        ))
    }

    /// Writes the calendar from today a year ahead to the export folder.
    /// The students' digests, read once and kept until something is saved.
    fn read_facts(&mut self) -> Result<&[crate::domain::StudentFacts], String> {
        if self.facts.is_none() {
            let lang = self.app.lang;
            let read = self
                .store
                .facts()
                .map_err(|e| i18n::store_error(lang, &e))?;
            self.facts = Some(read);
        }
        Ok(self.facts.as_deref().unwrap_or_default())
    }

    fn export_calendar(&self) -> Result<Vec<PathBuf>, String> {
        use crate::export::{self, ics::IcsOptions};
        let lang = self.app.lang;
        let from = self.app.today();
        let to = from + chrono::Duration::days(export::CALENDAR_DAYS);
        let path = self.exports.dir.join(export::CALENDAR_FILE);
        let options = IcsOptions {
            full_names: self.exports.ics_full_names,
        };
        ops::calendar::export(self.store, &path, from, to, &options, lang, self.app.now)
            .map_err(|e| e.message(lang))
    }
}
