//! A user at work, for the crash tests: `crash_driver DB_DIR SEED`.
//!
//! Opens the database the way the application does (filling it with the demo students if
//! it is empty, and offering a draft journal left by an earlier run, which it restores
//! and saves), then works until it is killed: opens a student's conversation or plans a
//! new one, types minutes one key at a time with real time passing between keys, saves
//! now and then, adds agreements, tries to finalize, writes notes, closes the editor
//! saving or discarding, and moves on. The journal is kept by the application's own
//! keeper, ticked as the application's loop ticks it.
//!
//! Every step is reported on stdout, one line at a time, flushed (the lines are described
//! in `tests/faults/mod.rs`), so the test that kills it knows what was durably saved and
//! what was being typed, and when, at the moment of the kill. The same seed always does
//! the same things in the same order on the same database; only the timing differs from
//! run to run. A journal that cannot be read is an error here (the application would set
//! it aside): it is written atomically, so no kill may leave it unreadable.

use std::cell::Cell;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fokus::app::dialogs::conversation::ConversationEditor;
use fokus::app::dialogs::prompt::PromptKind;
use fokus::app::draft::Draft;
use fokus::app::form::{FieldId, Form};
use fokus::app::state::StatusKind;
use fokus::app::{App, Modal, Pane};
use fokus::domain::reminders::{DueItem, Mark, ReminderKey};
use fokus::domain::{Case, CaseChange, EventKind, StudentId, StudentSummary};
use fokus::i18n::Lang;
use fokus::keymap::Keymap;
use fokus::runner::{Input, Runner};
use fokus::store::{self, Mode, OpenOptions, SledStore, Store, StoreError, StoreIds, journal};

#[path = "../tests/faults/mod.rs"]
mod faults;

use faults::{AGREEMENT, MINUTES, NOTE, Rng, described, field_name, hex};

/// Writes one report line and flushes it. A closed pipe means the test is gone: stop.
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{line}").and_then(|_| out.flush()).is_err() {
        std::process::exit(3);
    }
}

/// Gives up with a reason the test shows.
fn fail(why: &str) -> ! {
    say(&format!("ERROR {}", why.replace('\n', " | ")));
    std::process::exit(2);
}

/// The store, counting the writes that returned success: a save is reported only once
/// the store has said it is durable.
struct Watched<'a> {
    store: &'a SledStore,
    commits: Cell<u64>,
}

impl Watched<'_> {
    fn count<T>(&self, result: Result<T, StoreError>) -> Result<T, StoreError> {
        if result.is_ok() {
            self.commits.set(self.commits.get() + 1);
        }
        result
    }
}

impl Store for Watched<'_> {
    fn summaries(&self) -> Result<Vec<StudentSummary>, StoreError> {
        self.store.summaries()
    }
    fn due_items(
        &self,
        after: Option<&DueItem>,
        last: NaiveDate,
        limit: usize,
    ) -> Result<Vec<DueItem>, StoreError> {
        self.store.due_items(after, last, limit)
    }
    fn summary(&self, id: StudentId) -> Result<Option<fokus::domain::StudentSummary>, StoreError> {
        self.store.summary(id)
    }
    fn load_case(&self, id: StudentId) -> Result<Case, StoreError> {
        self.store.load_case(id)
    }
    fn commit(&self, change: &CaseChange, after: &Case) -> Result<(), StoreError> {
        self.count(self.store.commit(change, after))
    }
    fn mark(&self, key: &ReminderKey) -> Result<Option<Mark>, StoreError> {
        self.store.mark(key)
    }
    fn set_mark(&self, key: &ReminderKey, mark: Mark) -> Result<(), StoreError> {
        self.count(self.store.set_mark(key, mark))
    }
    fn ids(&self) -> Box<dyn StoreIds + '_> {
        self.store.ids()
    }
    fn sealing(&self) -> fokus::store::codec::Sealing {
        self.store.sealing()
    }
    fn is_empty(&self) -> Result<bool, StoreError> {
        self.store.is_empty()
    }
    fn commit_many(&self, cases: &[(&CaseChange, &Case)]) -> Result<(), StoreError> {
        self.count(self.store.commit_many(cases))
    }
    fn mode(&self) -> Mode {
        self.store.mode()
    }
    fn organisations(&self) -> Result<Vec<fokus::domain::Organisation>, StoreError> {
        self.store.organisations()
    }
    fn save_organisation(&self, org: &fokus::domain::Organisation) -> Result<(), StoreError> {
        self.count(self.store.save_organisation(org))
    }
    fn remove_organisation(&self, id: fokus::domain::OrgId) -> Result<(), StoreError> {
        self.count(self.store.remove_organisation(id))
    }
    fn erase_student(
        &self,
        case: &Case,
        receipt: &fokus::domain::Receipt,
    ) -> Result<(), StoreError> {
        self.count(self.store.erase_student(case, receipt))
    }
    fn receipts(&self) -> Result<Vec<fokus::domain::Receipt>, StoreError> {
        self.store.receipts()
    }
    fn note_files(&self, files: &[fokus::domain::WrittenFile]) -> Result<(), StoreError> {
        self.count(self.store.note_files(files))
    }
    fn written_files(&self) -> Result<Vec<fokus::domain::WrittenFile>, StoreError> {
        self.store.written_files()
    }
}

/// A field's text exactly as it is, trailing blanks and line breaks included.
fn raw(form: &Form, id: FieldId) -> String {
    form.field(id).map(|f| f.text()).unwrap_or_default()
}

/// Where the keys of a typing session go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Minutes(FieldId),
    /// The text of the agreement being written in the conversation editor.
    Agreement(u64),
    Note,
}

/// One open editor: what was typed in it, for the records a save must hold.
struct Editor {
    sid: u64,
    /// The conversation; 0 for a note.
    cid: u64,
    touched: Vec<FieldId>,
    agreements: Vec<u64>,
}

/// How a save is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum How {
    CtrlS,
    /// Esc, then the default answer "save" of the close dialog.
    Close,
    Finalize,
}

struct Driver<'s> {
    runner: Runner<'s>,
    store: &'s Watched<'s>,
    rng: Rng,
    start: Instant,
    seed: u64,
    texts: u64,
}

impl Driver<'_> {
    fn ms(&self) -> u128 {
        self.start.elapsed().as_millis()
    }

    /// What the application's loop does every tick: the clock, the database check, the
    /// journal.
    fn tick(&mut self) {
        self.runner.tick(Local::now().naive_local());
        self.runner.poll_store();
        if let Some(why) = &self.runner.app.read_only {
            fail(&format!("the database became read-only: {why}"));
        }
        self.runner.keep_journal(false);
    }

    /// Lets `ms` milliseconds pass, ticking as the application does.
    fn wait(&mut self, ms: u64) {
        let until = Instant::now() + Duration::from_millis(ms);
        loop {
            self.tick();
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            std::thread::sleep(left.min(Duration::from_millis(20)));
        }
    }

    fn key_with(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        self.runner.tick(Local::now().naive_local());
        self.runner
            .dispatch_input(Input::Key(KeyEvent::new(code, modifiers)));
    }

    fn press(&mut self, code: KeyCode) {
        self.key_with(code, KeyModifiers::NONE);
    }

    fn ctrl(&mut self, c: char) {
        self.key_with(KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    fn commits(&self) -> u64 {
        self.store.commits.get()
    }

    fn editor(&self) -> Option<&ConversationEditor> {
        match self.runner.app.modal() {
            Some(Modal::Conversation(e)) => Some(e),
            _ => None,
        }
    }

    fn top_is_confirm(&self) -> bool {
        matches!(self.runner.app.modal(), Some(Modal::Confirm(_)))
    }

    fn status_error(&self) -> Option<String> {
        self.runner
            .app
            .status
            .as_ref()
            .filter(|s| s.kind == StatusKind::Error)
            .map(|s| s.text.clone())
    }

    /// The text the keys of `target` land in, exactly as the field holds it (a save
    /// stores it without trailing blanks; the journal keeps it as it is).
    fn field_text(&self, target: Target) -> Option<String> {
        let form = match (self.runner.app.modal()?, target) {
            (Modal::Conversation(e), Target::Minutes(_)) if e.agreement.is_none() => &e.form,
            (Modal::Conversation(e), Target::Agreement(aid)) => {
                &e.agreement.as_ref().filter(|a| a.base.id.0 == aid)?.form
            }
            (Modal::Prompt(p), Target::Note) if p.kind == PromptKind::Note => &p.form,
            _ => return None,
        };
        let id = match target {
            Target::Minutes(f) => f,
            Target::Agreement(_) => FieldId::AgreementText,
            Target::Note => FieldId::Text,
        };
        form.field(id).map(|f| f.text())
    }

    /// Text to type: Danish minutes, `lo..=hi` characters, on one line if asked.
    fn plan(&mut self, lo: u64, hi: u64, one_line: bool) -> String {
        let chars = self.rng.range(lo, hi) as usize;
        self.texts += 1;
        let text = fokus_testdata::minutes_text(chars / 5 + 8, self.seed ^ self.texts);
        let mut plan: String = text.chars().take(chars).collect();
        if one_line {
            plan = plan.replace('\n', " ").trim().to_string();
        }
        plan
    }

    /// Esc past any message left on the screen; anything else there is a driver error.
    fn clear_modals(&mut self) {
        for _ in 0..5 {
            match self.runner.app.modal() {
                None => return,
                Some(Modal::Message { .. } | Modal::Help { .. }) => self.press(KeyCode::Esc),
                Some(other) => fail(&format!("unexpected dialog: {other:?}")),
            }
        }
        fail("dialogs do not close");
    }

    /// Picks a student in the list with the arrow keys and opens their timeline.
    fn open_student(&mut self) -> u64 {
        self.clear_modals();
        self.press(KeyCode::Char('2'));
        let n = self.runner.app.students.visible.len() as u64;
        if n == 0 {
            fail("no students");
        }
        let k = self.rng.below(n);
        self.press(KeyCode::Home);
        for _ in 0..k {
            self.press(KeyCode::Down);
        }
        let Some(sid) = self.runner.app.students.selected_id() else {
            fail("no student selected");
        };
        self.press(KeyCode::Enter);
        let loaded = self.runner.app.case.as_ref().map(|v| v.case.id());
        if self.runner.app.pane != Pane::Timeline || loaded != Some(sid) {
            fail(&format!("student {sid} did not open"));
        }
        sid.0
    }

    /// Tabs to minutes field `field` of the conversation editor.
    fn tab_to(&mut self, field: FieldId) {
        for _ in 0..80 {
            let focused = self.editor().and_then(|e| e.form.focused()).map(|f| f.id);
            if focused == Some(field) {
                return;
            }
            self.press(KeyCode::Tab);
        }
        fail(&format!("no field {field:?}"));
    }

    fn typed(&self, ed: &Editor, id: u64, name: &str, n: usize) {
        say(&format!("TYPED {} {id} {name} {n} {}", ed.sid, self.ms()));
    }

    /// Types `plan` into `target` one key at a time, checking after every key that the
    /// field holds what was there before plus what was typed.
    fn type_into(&mut self, ed: &mut Editor, target: Target, plan: &str) {
        let (id, name, aid) = match target {
            Target::Minutes(f) => (ed.cid, field_name(f), 0),
            Target::Agreement(aid) => (ed.cid, AGREEMENT.to_string(), aid),
            Target::Note => (0, NOTE.to_string(), 0),
        };
        let Some(base) = self.field_text(target) else {
            fail(&format!("{target:?} is not open"));
        };
        say(&format!(
            "SESSION {} {id} {name} {aid} {} {} {}",
            ed.sid,
            self.ms(),
            hex(base.as_bytes()),
            hex(plan.as_bytes())
        ));
        let mut expected = base;
        let chars: Vec<char> = plan.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            self.press(if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            });
            expected.push(c);
            let n = i + 1;
            if self.field_text(target).as_deref() != Some(expected.as_str()) {
                fail(&format!(
                    "{name}: after {n} keys the field holds {:?}, expected {:?}",
                    self.field_text(target),
                    expected
                ));
            }
            if n % 20 == 0 {
                self.typed(ed, id, &name, n);
            }
            let roll = self.rng.below(1000);
            if roll < 3 && matches!(target, Target::Minutes(_)) && n < chars.len() {
                self.typed(ed, id, &name, n);
                self.save(ed, How::CtrlS);
                continue;
            }
            // Mostly a few milliseconds a key; now and then a moment's thought, rarely
            // long enough for the journal's half-second rule to act.
            let pause = match roll {
                3..8 => self.rng.range(150, 900),
                8..83 => self.rng.range(10, 40),
                _ => self.rng.range(1, 6),
            };
            if pause >= 100 && n % 20 != 0 {
                self.typed(ed, id, &name, n);
            }
            self.wait(pause);
        }
        self.typed(ed, id, &name, chars.len());
    }

    /// The records a save of the open conversation editor writes that the driver typed.
    fn records(&self, ed: &Editor) -> Vec<(u64, String, String)> {
        let Some(e) = self.editor() else {
            return Vec::new();
        };
        let mut out: Vec<(u64, String, String)> = ed
            .touched
            .iter()
            .map(|f| (ed.cid, field_name(*f), e.form.text(*f)))
            .collect();
        for aid in &ed.agreements {
            if let Some(a) = e.agreements().iter().find(|a| a.id.0 == *aid) {
                out.push((*aid, AGREEMENT.to_string(), a.text.clone()));
            }
        }
        out
    }

    /// Saves the conversation editor; reports `SAVED` once the store said the commit is
    /// durable. Returns whether anything was written.
    fn save(&mut self, ed: &mut Editor, how: How) -> bool {
        let records = self.records(ed);
        for (id, field, text) in &records {
            say(&format!(
                "SAVING {} {id} {field} {}",
                ed.sid,
                described(text)
            ));
        }
        let before = self.commits();
        self.runner.app.status = None;
        match how {
            How::CtrlS => self.ctrl('s'),
            How::Finalize => self.ctrl('f'),
            How::Close => {
                self.press(KeyCode::Esc);
                if self.top_is_confirm() {
                    self.press(KeyCode::Enter);
                }
            }
        }
        if self.commits() > before {
            for (id, field, text) in &records {
                say(&format!(
                    "SAVED {} {id} {field} {}",
                    ed.sid,
                    described(text)
                ));
            }
            return true;
        }
        if let Some(error) = self.status_error() {
            fail(&format!("save refused: {error}"));
        }
        false
    }

    /// Saves a restored conversation editor. A draft restored over minutes finalized
    /// since it was written cannot be saved; that is reported and the draft discarded.
    fn restore_save(&mut self, ed: &mut Editor) {
        let records = self.records(ed);
        for (id, field, text) in &records {
            say(&format!(
                "SAVING {} {id} {field} {}",
                ed.sid,
                described(text)
            ));
        }
        let before = self.commits();
        self.runner.app.status = None;
        self.ctrl('s');
        if self.commits() > before {
            for (id, field, text) in &records {
                say(&format!(
                    "SAVED {} {id} {field} {}",
                    ed.sid,
                    described(text)
                ));
            }
        } else if let Some(error) = self.status_error() {
            say(&format!(
                "RESTORE_REFUSED {} {} {}",
                ed.sid,
                ed.cid,
                hex(error.as_bytes())
            ));
        }
    }

    /// Adds an agreement: Ctrl-A, its text, Ctrl-S into the list, Ctrl-S to save.
    fn agreement(&mut self, ed: &mut Editor) {
        self.ctrl('a');
        let Some(aid) = self
            .editor()
            .and_then(|e| e.agreement.as_ref())
            .map(|a| a.base.id.0)
        else {
            fail("Ctrl-A opened no agreement");
        };
        let plan = self.plan(15, 120, true);
        self.type_into(ed, Target::Agreement(aid), &plan);
        self.ctrl('s');
        if self.editor().is_none_or(|e| e.agreement.is_some()) {
            fail("the agreement did not go into the list");
        }
        ed.agreements.push(aid);
        self.save(ed, How::CtrlS);
    }

    /// Ctrl-F: finalized (the editor closes) or refused (a message says what is missing).
    fn finalize(&mut self, ed: &mut Editor) -> bool {
        if self.save(ed, How::Finalize) {
            if self.editor().is_some() {
                fail("finalized minutes stay open");
            }
            say(&format!("FINALIZED {} {}", ed.sid, ed.cid));
            say(&format!("CLOSED {} {} saved", ed.sid, ed.cid));
            return true;
        }
        match self.runner.app.modal() {
            Some(Modal::Message { .. }) => {
                say(&format!("REFUSED {} {}", ed.sid, ed.cid));
                self.press(KeyCode::Esc);
                false
            }
            _ => fail("finalizing was neither done nor refused"),
        }
    }

    /// Closes the editor: save then Esc, Esc and "save", or Esc and "discard".
    fn close(&mut self, ed: &mut Editor) {
        let roll = self.rng.below(100);
        let how = if roll < 55 {
            self.save(ed, How::CtrlS);
            self.press(KeyCode::Esc);
            "saved"
        } else if roll < 80 {
            self.save(ed, How::Close);
            "saved"
        } else {
            self.press(KeyCode::Esc);
            if self.top_is_confirm() {
                self.press(KeyCode::Down);
                self.press(KeyCode::Enter);
            }
            "discarded"
        };
        if self.runner.app.modal().is_some() {
            fail(&format!(
                "the editor did not close: {:?}",
                self.runner.app.modal()
            ));
        }
        say(&format!("CLOSED {} {} {how}", ed.sid, ed.cid));
    }

    /// A conversation: open the current one (or plan one), type into one to three minutes
    /// fields, perhaps add an agreement or try to finalize, close.
    fn conversation(&mut self) {
        let sid = self.open_student();
        let mut opened = false;
        if self.rng.chance(0.6) {
            self.press(KeyCode::Char('r'));
            match self.editor() {
                Some(e) if !e.form.read_only => opened = true,
                Some(_) => self.press(KeyCode::Esc),
                None => {}
            }
        }
        if !opened {
            self.press(KeyCode::Char('s'));
        }
        let Some(e) = self.editor() else {
            fail("no conversation editor opened");
        };
        let cid = e.id().0;
        let kind = if e.original.is_none() {
            "new"
        } else {
            "existing"
        };
        say(&format!("EDIT {sid} {cid} {kind}"));
        let mut ed = Editor {
            sid,
            cid,
            touched: Vec::new(),
            agreements: Vec::new(),
        };
        for _ in 0..self.rng.range(1, 3) {
            let field = MINUTES[self.rng.below(MINUTES.len() as u64) as usize];
            self.tab_to(field);
            if !ed.touched.contains(&field) {
                ed.touched.push(field);
            }
            let plan = self.plan(20, 400, false);
            self.type_into(&mut ed, Target::Minutes(field), &plan);
        }
        if self.rng.chance(0.25) {
            self.agreement(&mut ed);
        }
        if self.rng.chance(0.15) && self.finalize(&mut ed) {
            return;
        }
        self.close(&mut ed);
    }

    /// A note on a student's timeline, submitted or discarded.
    fn note(&mut self) {
        let sid = self.open_student();
        self.press(KeyCode::Char('b'));
        if !matches!(self.runner.app.modal(), Some(Modal::Prompt(p)) if p.kind == PromptKind::Note)
        {
            fail("no note prompt opened");
        }
        say(&format!("NOTE {sid}"));
        let mut ed = Editor {
            sid,
            cid: 0,
            touched: Vec::new(),
            agreements: Vec::new(),
        };
        let plan = self.plan(20, 200, true);
        self.type_into(&mut ed, Target::Note, &plan);
        if self.rng.chance(0.7) {
            self.submit_note(sid);
            say(&format!("CLOSED {sid} 0 saved"));
        } else {
            self.press(KeyCode::Esc);
            if self.top_is_confirm() {
                self.press(KeyCode::Down);
                self.press(KeyCode::Enter);
            }
            if self.runner.app.modal().is_some() {
                fail("the note prompt did not close");
            }
            say(&format!("CLOSED {sid} 0 discarded"));
        }
    }

    /// Ctrl-S on the note prompt on top; reports the note's event once it is durable.
    fn submit_note(&mut self, sid: u64) {
        let Some(Modal::Prompt(p)) = self.runner.app.modal() else {
            fail("no note prompt");
        };
        // Stored as the prompt reads it: without surrounding blanks.
        let text = p.text();
        say(&format!("SAVING {sid} 0 {NOTE} {}", described(&text)));
        let before = self.commits();
        self.ctrl('s');
        if self.commits() == before {
            fail(&format!(
                "the note was not saved: {:?}",
                self.status_error()
            ));
        }
        let event = self.runner.app.case.as_ref().and_then(|v| {
            v.case
                .events
                .iter()
                .filter(|e| matches!(&e.kind, EventKind::Note { text: t } if *t == text))
                .map(|e| e.id.0)
                .max()
        });
        let Some(eid) = event else {
            fail("the saved note is not on the timeline");
        };
        say(&format!("SAVED {sid} {eid} {NOTE} {}", described(&text)));
    }

    /// A journal from an earlier run was offered: restore it (the dialog's default), then
    /// save what came back and close it.
    fn recover(&mut self) {
        if self.runner.app.recovered.is_none() {
            return;
        }
        say("RECOVERING");
        self.press(KeyCode::Enter);
        if self.runner.app.restore_after_load.is_some() || self.runner.app.recovered.is_some() {
            fail("the draft was not restored");
        }
        let mut lines = Vec::new();
        for modal in &self.runner.app.modals {
            match modal {
                Modal::Conversation(e) => {
                    let (sid, cid) = (e.student.id.0, e.id().0);
                    for f in MINUTES {
                        let text = raw(&e.form, f);
                        lines.push(format!(
                            "RECOVERED {sid} {cid} {} {}",
                            field_name(f),
                            described(&text)
                        ));
                    }
                    if let Some(a) = &e.agreement {
                        let text = raw(&a.form, FieldId::AgreementText);
                        lines.push(format!(
                            "RECOVERED {sid} {cid} {AGREEMENT} {}",
                            described(&text)
                        ));
                    }
                }
                Modal::Prompt(p) if p.kind == PromptKind::Note => {
                    let text = raw(&p.form, FieldId::Text);
                    lines.push(format!(
                        "RECOVERED {} 0 {NOTE} {}",
                        p.student.0,
                        described(&text)
                    ));
                }
                other => fail(&format!("unexpected restored dialog: {other:?}")),
            }
        }
        for line in lines {
            say(&line);
        }
        for _ in 0..4 {
            match self.runner.app.modal() {
                None => break,
                Some(Modal::Prompt(p)) => {
                    let sid = p.student.0;
                    if p.text().is_empty() {
                        self.press(KeyCode::Esc);
                    } else {
                        self.submit_note(sid);
                    }
                }
                Some(Modal::Conversation(e)) => {
                    let (sid, cid) = (e.student.id.0, e.id().0);
                    if let Some(a) = &e.agreement {
                        if a.form.text(FieldId::AgreementText).trim().is_empty() {
                            self.press(KeyCode::Esc);
                        } else {
                            self.ctrl('s');
                        }
                    }
                    let agreements = self
                        .editor()
                        .map(|e| {
                            e.agreements()
                                .iter()
                                .filter(|a| a.made_in.0 == cid)
                                .map(|a| a.id.0)
                                .collect()
                        })
                        .unwrap_or_default();
                    let mut ed = Editor {
                        sid,
                        cid,
                        touched: MINUTES.to_vec(),
                        agreements,
                    };
                    self.restore_save(&mut ed);
                    self.press(KeyCode::Esc);
                    if self.top_is_confirm() {
                        // Refused: "discard" is the second answer.
                        self.press(KeyCode::Down);
                        self.press(KeyCode::Enter);
                    }
                    if self.editor().is_some_and(|e| e.id().0 == cid) || self.top_is_confirm() {
                        fail("the restored editor did not close");
                    }
                }
                Some(other) => fail(&format!("unexpected dialog after restoring: {other:?}")),
            }
        }
        say("RECOVERY_DONE");
    }

    fn round(&mut self) {
        match self.rng.below(10) {
            0..7 => self.conversation(),
            7..9 => self.note(),
            _ => {
                let ms = self.rng.range(100, 800);
                self.wait(ms);
            }
        }
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(seed)) = (args.next(), args.next()) else {
        eprintln!("usage: crash_driver DB_DIR SEED");
        return ExitCode::from(2);
    };
    let Ok(seed) = seed.parse::<u64>() else {
        eprintln!("crash_driver: SEED must be a number");
        return ExitCode::from(2);
    };
    // Never outlive the test that started it.
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_PDEATHSIG only sets a flag on this process.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong);
    }
    let start = Instant::now();
    say(&format!("START {}", faults::monotonic_ms()));
    let dir = PathBuf::from(dir);
    let now = Local::now().naive_local();
    // As the application opens it: the check against the manifest runs in the background.
    let options = OpenOptions {
        compare: fokus::store::Compare::InBackground,
        ..OpenOptions::now(now).sealed(faults::key_for(&dir))
    };
    let sled = SledStore::open_with(&dir, options)
        .unwrap_or_else(|e| fail(&format!("the database did not open: {e}")));
    if sled.is_empty().unwrap_or(false) {
        fokus::demo::fill(&sled, now.date())
            .unwrap_or_else(|e| fail(&format!("no demo data: {e}")));
    }
    let watched = Watched {
        store: &sled,
        commits: Cell::new(0),
    };
    let summaries = watched
        .summaries()
        .unwrap_or_else(|e| fail(&format!("no student list: {e}")));
    let reminders = store::current_reminders(&watched, now.date(), 7)
        .unwrap_or_else(|e| fail(&format!("no reminders: {e}")));
    say(&format!("OPENED {}", summaries.len()));
    let mut app = App::new(
        Lang::Da,
        now,
        fokus::domain::Actor::login_only("crash-driver"),
        7,
        summaries,
        reminders,
    );
    app.db_path = dir.display().to_string();
    let left_over = match journal::read::<Draft>(&dir, &sled.sealing()) {
        Ok(Some(draft)) => {
            app.offer_recovery(draft);
            true
        }
        Ok(None) => false,
        Err(e) => fail(&format!("the draft journal cannot be read: {e}")),
    };
    let mut runner =
        Runner::new(app, Keymap::builtin().0, &watched).with_journal(dir.clone(), left_over);
    let first = fokus::app::update::initial_effects(&runner.app);
    runner.run(first);
    let mut driver = Driver {
        runner,
        store: &watched,
        rng: Rng::new(seed),
        start,
        seed,
        texts: 0,
    };
    driver.recover();
    loop {
        driver.round();
    }
}
