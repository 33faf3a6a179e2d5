//! Runs the application: feeds messages to `update`, carries out the effects it returns
//! against the store, and feeds their results back, until nothing is left to do.

mod keeper;

use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::Duration;

pub use keeper::Keeper;

use crate::app::state::StatusKind;
use crate::app::{App, Effect, Modal, Msg, update};
use crate::i18n::{self, T};
use crate::keymap::Keymap;
use crate::ops;
use crate::privacy::erase;
use crate::store::{self, Mode, Store};

/// How often the event loop looks whether the checks made at opening have ended.
const SETTLING_POLL: Duration = Duration::from_millis(100);

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
    held: Vec<Msg>,
}

impl<'s> Runner<'s> {
    pub fn new(app: App, keymap: Keymap, store: &'s dyn Store) -> Runner<'s> {
        Runner {
            app,
            keymap,
            store,
            keeper: None,
            exports: Exports::default(),
            defer_slow: false,
            deferred: Vec::new(),
            config_dir: None,
            students: None,
            held: Vec::new(),
        }
    }

    /// The students arrive from `reading` (a [`Msg::Students`]), read after the first
    /// screen; until then the list says it is being read.
    pub fn with_students_from(mut self, reading: std::sync::mpsc::Receiver<Msg>) -> Runner<'s> {
        self.app.students = crate::app::state::StudentList::loading();
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
        for input in std::mem::take(&mut self.held) {
            self.handle(input);
        }
        self.keep_journal(false);
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

    /// Whether slow work waits for [`Runner::run_deferred`].
    pub fn has_deferred(&self) -> bool {
        !self.deferred.is_empty()
    }

    /// Carries out the slow work put off by [`Runner::run`].
    pub fn run_deferred(&mut self) {
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
            Effect::ExportMinutes { .. } | Effect::ExportCalendar | Effect::ExportStudent(_) => {
                Some(T::WorkExporting)
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
        self.keeper = Some(Keeper::new(dir, existing));
        self
    }

    /// Handles one message and everything it leads to, and keeps the journal up to date.
    pub fn dispatch(&mut self, msg: Msg) {
        self.handle(msg);
        self.keep_journal(false);
    }

    /// Handles `msg` and runs its effects, leaving the draft journal to the next
    /// [`Runner::keep_journal`]: for input that is waiting in a row, so the journal is
    /// written once after it rather than every few hundred characters of it.
    pub fn handle(&mut self, msg: Msg) {
        let input = matches!(msg, Msg::Key(_) | Msg::Typed(_) | Msg::Paste(_));
        let in_list = self.app.pane == crate::app::Pane::Students && self.app.modals.is_empty();
        if input && self.students.is_some() && (in_list || !self.held.is_empty()) {
            self.held.push(msg);
            return;
        }
        let typed = match &msg {
            Msg::Key(k) => usize::from(matches!(k.code, crossterm::event::KeyCode::Char(_))),
            Msg::Typed(keys) => keys.len(),
            Msg::Paste(text) => text.chars().count(),
            _ => 0,
        };
        let effects = self.update(msg);
        self.run(effects);
        if input && let Some(keeper) = &mut self.keeper {
            keeper.changed(typed);
        }
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
            self.app.say(StatusKind::Error, text);
            return true;
        }
        false
    }

    /// How long the event loop may sleep at `now` when no key comes: until the draft
    /// journal is due, the status line fades, the checks made at opening may have ended
    /// or the date changes, and never longer than `most`.
    pub fn next_wake(&self, now: chrono::NaiveDateTime, most: Duration) -> Duration {
        let mut wake = most;
        if let Some(due) = self.keeper.as_ref().and_then(|k| k.due_in(&self.app)) {
            wake = wake.min(due);
        }
        if self.store.settling() || self.students.is_some() {
            wake = wake.min(SETTLING_POLL);
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
    /// True when it did (the screen must show it).
    pub fn poll_store(&mut self) -> bool {
        if self.app.read_only.is_some() {
            return false;
        }
        let Mode::ReadOnly(reason) = self.store.mode() else {
            return false;
        };
        let lang = self.app.lang;
        let text = i18n::read_only(lang, &reason);
        self.app.read_only = Some(text.clone());
        self.app.modals.push(Modal::Message {
            title: lang.t(T::ReadOnlyTitle).to_string(),
            lines: vec![text],
        });
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
                self.app.say(StatusKind::Info, self.app.t(work));
                self.deferred.push(effect);
                continue;
            }
            committed |= matches!(effect, Effect::Commit { .. } | Effect::EraseStudent(_));
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
            Effect::ExportCalendar => Msg::Exported(self.export_calendar().map(Into::into)),
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
        }
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
