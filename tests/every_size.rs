//! Every pane and the main dialogs drawn at every terminal size from 0×0 to 200×60, with
//! data chosen to break layout: names longer than any screen, Danish letters, emoji made
//! of several code points, right-to-left text, combining marks, tabs and line breaks
//! inside one-line fields, and empty strings. Drawing must never panic.
//!
//! The states are built the way a user reaches them (keys and pastes through `update`),
//! and each is checked to be the state it claims to be before it is drawn. The sizes are
//! shared out over the machine's cores; each thread resizes one terminal from size to size
//! and draws every state at each.

use std::panic::AssertUnwindSafe;

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fokus::app::dialogs::import_preview::ImportPreview;
use fokus::app::{App, Effect, KeyReader, Modal, Msg, Pane, update};
use fokus::demo::demo_cases;
use fokus::domain::organisation::default_book;
use fokus::domain::reminders;
use fokus::domain::{
    Case, ConversationState, EventKind, OrgId, OrgKind, Organisation, StudentId, StudentSummary,
};
use fokus::i18n::Lang;
use fokus::keymap::Keymap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const MAX_WIDTH: u16 = 200;
const MAX_HEIGHT: u16 = 60;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// Text that stresses layout.

/// A name of well over 200 characters.
fn long_name() -> String {
    "Anne-Sofie Østergaard Bjørnholm-Kristiansen ".repeat(6)
}

fn names() -> Vec<String> {
    vec![
        long_name(),
        "👩‍⚕️ Åse 🇩🇰🇸🇾 Ærø O'Brien 🧑🏽‍🎓 👨‍👩‍👧‍👦".into(),
        "أمينة الحسن".into(),
        "שרה כהן-לוי".into(),
        "Zoe\u{308} Mari\u{301}a Ba\u{308}\u{308}\u{308}\u{308}kke\u{301}\u{302}\u{303}".into(),
        "Tab\there\nand a\r\nline break".into(),
        String::new(),
        "山田 太郎 ＷＩＤＥ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢\u{200B}\u{FEFF}".into(),
        "\u{202E}omvendt retning\u{202C} og \u{1b}[31mescape".into(),
        "Æ".into(),
        format!("{}🇩🇰", "Ø".repeat(230)),
    ]
}

/// One word far wider than any screen, which word wrapping cannot break at a space.
fn long_word() -> String {
    "Uddannelsesforløbskoordinationsmedarbejderstillingsbeskrivelse".repeat(4)
}

/// Minutes as they come out of a paste: paragraphs, tabs, mixed scripts.
fn long_minutes(seed: usize) -> String {
    let names = names();
    let mut out = String::new();
    for i in 0..4 {
        out.push_str(&names[(seed + i) % names.len()]);
        out.push_str(" skal øve fagsproget hver dag 🙂 — وسوف نتابع ذلك.\t");
        if i % 2 == 0 {
            out.push_str(&long_word());
        }
        out.push_str(if i % 3 == 0 { "\n\n" } else { "\n" });
    }
    out
}

/// Replaces every text a case holds with stress text, keeping its structure (which
/// conversations are planned, held or finalized, which agreements are open).
fn stress(case: &mut Case, n: usize) {
    let names = names();
    let pick = |i: usize| names[(n + i) % names.len()].clone();
    let s = &mut case.student;
    s.name = pick(0);
    s.school = pick(1);
    s.workplace = pick(2);
    s.unit = pick(3);
    s.employer = pick(4);
    s.supervisor = pick(5);
    s.education_officer = pick(6);
    for (i, area) in s.focus_areas.iter_mut().enumerate() {
        area.note = if i == 0 { long_minutes(n + i) } else { pick(i) };
    }
    for (i, c) in case.conversations.iter_mut().enumerate() {
        c.place = pick(i + 7);
        for (j, p) in c.participants.iter_mut().enumerate() {
            p.name = pick(i + j);
        }
        let m = &mut c.minutes;
        m.welcome = pick(i);
        m.learning_needs = long_minutes(n + i);
        m.workplace_secures = pick(i + 1);
        m.student_commits = pick(i + 2);
        m.new_date_note = long_word();
        m.distribution_note = String::new();
        m.closing = long_minutes(n + i + 3);
        c.next_level_reason = pick(i + 4);
        for a in &mut c.addenda {
            a.by.name = pick(i + 5);
            a.text = long_minutes(n + i + 5);
        }
        match &mut c.state {
            ConversationState::Finalized { by, .. } => by.name = pick(i + 6),
            ConversationState::Cancelled { reason } => *reason = long_minutes(i),
            _ => {}
        }
    }
    for (i, a) in case.agreements.iter_mut().enumerate() {
        a.text = if i % 2 == 0 {
            long_minutes(n + i)
        } else {
            pick(i)
        };
    }
    for (i, e) in case.events.iter_mut().enumerate() {
        e.by.name = pick(i + 3);
        match &mut e.kind {
            EventKind::WorkplaceChanged { from, to } => {
                *from = pick(i);
                *to = pick(i + 1);
            }
            EventKind::ConversationCancelled { reason, .. }
            | EventKind::Escalated { reason, .. }
            | EventKind::Deescalated { reason, .. } => *reason = pick(i),
            EventKind::AgreementAdded { text, .. } | EventKind::AgreementResolved { text, .. } => {
                *text = pick(i)
            }
            EventKind::AddendumAdded { text, .. } | EventKind::Note { text } => {
                *text = long_minutes(n + i)
            }
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------
// Driving the app, playing the store.

struct Harness {
    app: App,
    keymap: Keymap,
    keys: KeyReader,
    ids: u64,
    cases: Vec<Case>,
}

impl Harness {
    fn new(lang: Lang) -> Harness {
        let mut ids = 0u64;
        let mut cases: Vec<Case> = demo_cases(now().date(), &mut ids)
            .expect("the demo stories")
            .into_iter()
            .map(|d| d.case)
            .collect();
        for (n, case) in cases.iter_mut().enumerate() {
            stress(case, n);
        }
        let summaries = cases.iter().map(StudentSummary::of).collect();
        let items: Vec<_> = cases.iter().flat_map(reminders::due_items).collect();
        let shown = reminders::reminders(&items, |_| None, now().date(), 7);
        let mut app = App::new(
            lang,
            now(),
            fokus::domain::Actor {
                name: long_name(),
                role: Some(fokus::domain::Role::WorkplaceManager),
                login: long_name(),
            },
            7,
            summaries,
            shown,
        );
        app.db_path = format!("/home/{}/.local/share/fokus/database", long_name());
        Harness {
            app,
            keymap: Keymap::builtin().0,
            keys: KeyReader::new(),
            ids: 100_000,
            cases,
        }
    }

    fn msg(&mut self, msg: Msg) {
        for effect in update(&mut self.app, &mut self.ids, msg) {
            if let Effect::LoadCase(id) = effect {
                self.load(id);
            }
        }
    }

    fn load(&mut self, id: StudentId) {
        if let Some(case) = self.cases.iter().find(|c| c.id() == id).cloned() {
            self.msg(Msg::CaseLoaded(Ok(Box::new(case))));
        }
    }

    fn press(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        let key = KeyEvent::new(code, modifiers);
        if let Some(msg) = self.keys.read(&self.app, &self.keymap, key) {
            self.msg(msg);
        }
    }

    fn key(&mut self, code: KeyCode) {
        self.press(code, KeyModifiers::NONE);
    }

    fn char(&mut self, c: char) {
        self.key(KeyCode::Char(c));
    }

    fn ctrl(&mut self, c: char) {
        self.press(KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    fn paste(&mut self, text: &str) {
        self.msg(Msg::Paste(text.to_string()));
    }

    /// Opens the timeline of the first student whose case satisfies `wanted`.
    fn open_case(&mut self, wanted: impl Fn(&Case) -> bool) -> &mut Harness {
        let id = self
            .cases
            .iter()
            .find(|c| wanted(c))
            .map(Case::id)
            .expect("the demo data has such a case");
        self.char('2');
        self.app.students.select(id);
        self.load(id);
        self.char('3');
        assert_eq!(self.app.pane, Pane::Timeline);
        assert_eq!(self.app.case.as_ref().map(|v| v.case.id()), Some(id));
        self
    }
}

impl Harness {
    /// Opens the first conversation in the conversations panel whose state is `wanted`.
    fn open_conversation(&mut self, wanted: fn(&ConversationState) -> bool) {
        self.key(KeyCode::Right);
        let at = self
            .app
            .case
            .as_ref()
            .and_then(|v| v.conversations().iter().position(|c| wanted(&c.state)))
            .expect("such a conversation");
        for _ in 0..at {
            self.key(KeyCode::Down);
        }
        self.key(KeyCode::Enter);
    }
}

fn has_state(case: &Case, wanted: fn(&ConversationState) -> bool) -> bool {
    case.conversations.iter().any(|c| wanted(&c.state))
}

fn is_held(s: &ConversationState) -> bool {
    matches!(s, ConversationState::Held { .. })
}

fn is_planned(s: &ConversationState) -> bool {
    matches!(s, ConversationState::Planned)
}

fn is_finalized(s: &ConversationState) -> bool {
    matches!(s, ConversationState::Finalized { .. })
}

/// The top modal's kind, for checking that a state is what it claims to be.
fn top(app: &App) -> &'static str {
    match app.modal() {
        None => "none",
        Some(Modal::Help { .. }) => "help",
        Some(Modal::Student(_)) => "student",
        Some(Modal::Team(_)) => "team",
        Some(Modal::Conversation(e)) if e.agreement.is_some() => "agreement",
        Some(Modal::Conversation(e)) if e.form.read_only => "locked",
        Some(Modal::Conversation(_)) => "conversation",
        Some(Modal::Prompt(_)) => "prompt",
        Some(Modal::Snooze(_)) => "snooze",
        Some(Modal::Confirm(_)) => "confirm",
        Some(Modal::Message { .. }) => "message",
        Some(Modal::AddressBook(b)) if b.editing.is_some() => "organisation",
        Some(Modal::AddressBook(_)) => "address book",
        Some(Modal::Distribution(_)) => "distribution",
        Some(Modal::ImportPreview(_)) => "import",
        Some(Modal::Profile(_)) => "profile",
        Some(Modal::Merge(_)) => "merge",
    }
}

// ---------------------------------------------------------------------------------------
// The states drawn.

type State = (&'static str, App);

fn checked(name: &'static str, h: &Harness, modal: &'static str) -> State {
    assert_eq!(top(&h.app), modal, "state {name}");
    (name, h.app.clone())
}

fn panes() -> Vec<State> {
    let mut states = Vec::new();
    let mut h = Harness::new(Lang::Da);
    assert_eq!(h.app.pane, Pane::Reminders);
    assert!(!h.app.reminders.is_empty());
    h.key(KeyCode::End);
    states.push(checked("reminders, the last selected", &h, "none"));

    let mut h = Harness::new(Lang::En);
    h.char('2');
    assert_eq!(h.app.pane, Pane::Students);
    states.push(checked("students", &h, "none"));
    h.char('/');
    h.paste(&long_name());
    assert!(h.app.students.filtering);
    assert!(!h.app.students.visible.is_empty());
    states.push(checked("students, typing a long filter", &h, "none"));
    h.paste(" ingen-elev-hedder-sådan 🦄");
    h.key(KeyCode::Enter);
    assert!(!h.app.students.filtering);
    assert!(h.app.students.visible.is_empty());
    states.push(checked("students filtered to nobody", &h, "none"));

    let mut h = Harness::new(Lang::Da);
    h.open_case(|c| c.events.len() > 5);
    h.key(KeyCode::Down);
    states.push(checked("timeline", &h, "none"));
    let mut h = Harness::new(Lang::Da);
    h.open_case(|c| {
        c.events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Note { .. }))
    });
    let newest_note = h
        .app
        .case
        .as_ref()
        .and_then(|v| {
            v.case
                .events
                .iter()
                .rev()
                .position(|e| matches!(e.kind, EventKind::Note { .. }))
        })
        .unwrap_or(0);
    for _ in 0..newest_note {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    states.push(checked("a note shown in full", &h, "message"));

    // The cooperation panel with its map, and a team editor with a long text in it.
    let mut h = Harness::new(Lang::Da);
    h.open_case(|c| !c.student.team.network.is_empty());
    h.key(KeyCode::Left);
    h.key(KeyCode::Down);
    states.push(checked("the cooperation panel", &h, "none"));
    h.char('o');
    h.key(KeyCode::Tab);
    h.paste(&long_minutes(2));
    states.push(checked("a team meeting checklist", &h, "team"));
    states
}

fn conversation_editors() -> Vec<State> {
    let mut states = Vec::new();
    let mut h = Harness::new(Lang::Da);
    h.open_case(|c| !has_state(c, is_held) && has_state(c, is_planned));
    h.open_conversation(is_planned);
    assert_eq!(top(&h.app), "conversation");
    h.key(KeyCode::BackTab);
    states.push(checked("planned, on the last field", &h, "conversation"));

    let mut h = Harness::new(Lang::Da);
    h.open_case(|c| has_state(c, is_held));
    h.open_conversation(is_held);
    for _ in 0..12 {
        h.key(KeyCode::Tab);
    }
    h.paste(&long_minutes(3));
    assert_eq!(top(&h.app), "conversation");
    h.ctrl('a');
    h.paste(&long_minutes(4));
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.paste("31.02.2027");
    states.push(checked(
        "agreement sub-editor over a held draft",
        &h,
        "agreement",
    ));

    let mut h = Harness::new(Lang::Da);
    h.open_case(|c| {
        !has_state(c, is_held) && !has_state(c, is_planned) && has_state(c, is_finalized)
    });
    h.open_conversation(is_finalized);
    assert_eq!(top(&h.app), "locked");
    for _ in 0..14 {
        h.key(KeyCode::Down);
    }
    states.push(checked("locked minutes, scrolled down", &h, "locked"));

    let mut h = Harness::new(Lang::Da);
    h.open_case(|c| has_state(c, is_held));
    h.char('s');
    assert_eq!(top(&h.app), "conversation");
    h.ctrl('f');
    assert_eq!(top(&h.app), "message", "finalizing refused");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Tab);
    h.paste(&names()[5]);
    h.key(KeyCode::Esc);
    states.push(checked("confirm closing with changes", &h, "confirm"));
    states
}

fn dialogs() -> Vec<State> {
    let mut states = Vec::new();
    let mut h = Harness::new(Lang::Da);
    h.char('?');
    for _ in 0..2 {
        h.key(KeyCode::PageDown);
    }
    states.push(checked("help, scrolled", &h, "help"));

    let mut h = Harness::new(Lang::Da);
    h.char('s');
    assert_eq!(top(&h.app), "snooze");
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.paste(&names()[1]);
    states.push(checked("snooze until a bad date", &h, "snooze"));

    let mut h = Harness::new(Lang::Da);
    h.open_case(|c| c.student.name == long_name());
    h.char('e');
    assert_eq!(top(&h.app), "student");
    for _ in 0..12 {
        h.key(KeyCode::Tab);
    }
    h.paste(&long_minutes(1));
    states.push(checked("student form, on a focus area", &h, "student"));

    let mut h = Harness::new(Lang::Da);
    h.key(KeyCode::F(3));
    h.paste(&long_name());
    h.key(KeyCode::Tab);
    states.push(checked("who the user is, with a long name", &h, "profile"));

    states
}

/// The address book, the distribution checklist and an import's dry run, all holding
/// stress text (organisation names and addresses, rows of a student list).
fn exchange_dialogs() -> Vec<State> {
    let mut states = Vec::new();
    let mut h = Harness::new(Lang::Da);
    let mut next = 900_000;
    h.app.address_book = default_book(|| {
        next += 1;
        next
    });
    for (i, name) in names().into_iter().enumerate() {
        h.app.address_book.push(Organisation {
            id: OrgId(800_000 + i as u64),
            name: name.clone(),
            kind: OrgKind::ALL[i % OrgKind::ALL.len()],
            secure_mail: format!("{name}@{}", long_word()),
        });
    }
    h.key(KeyCode::F(4));
    h.key(KeyCode::End);
    states.push(checked(
        "address book, the last selected",
        &h,
        "address book",
    ));
    h.key(KeyCode::Enter);
    h.paste(&long_minutes(2));
    states.push(checked("an organisation being edited", &h, "organisation"));

    let mut h = Harness::new(Lang::En);
    h.open_case(|c| has_state(c, is_finalized));
    h.char('f');
    assert_eq!(top(&h.app), "distribution");
    h.key(KeyCode::Down);
    h.key(KeyCode::Char(' '));
    states.push(checked("distribution checklist", &h, "distribution"));

    let mut h = Harness::new(Lang::Da);
    let mut csv = String::from("Navn;Uddannelse;Startdato;Slutdato;Oplæringssted;Afdeling\n");
    for (i, name) in names().iter().enumerate() {
        let name = name.replace(['\n', '\r', '"'], " ");
        let start = if i % 3 == 0 {
            "31-02-2026"
        } else {
            "01-02-2026"
        };
        csv.push_str(&format!(
            "\"{name}\";SSA;{start};01-03-2027;\"{name}\";{}\n",
            long_word()
        ));
    }
    let table = fokus::import::read(csv.as_bytes()).expect("the stress list reads");
    let students: Vec<_> = h.cases.iter().map(|c| c.student.clone()).collect();
    let plan = fokus::import::plan(&table, &students, now().date());
    h.msg(Msg::ImportPlanned(Ok(Box::new(ImportPreview {
        file: format!("{}.csv", long_name()),
        read: fokus::import::describe_table(&table, Lang::Da),
        lines: fokus::import::describe_plan(&plan, Lang::Da),
        summary: plan.summary(Lang::Da),
        plan,
        scroll: 0,
    }))));
    h.key(KeyCode::Down);
    states.push(checked("an import's dry run, scrolled", &h, "import"));
    states
}

// ---------------------------------------------------------------------------------------
// Drawing.

/// Draws every state at every size, the widths shared out over the machine's cores. Each
/// thread has its own copy of the states (text areas cache their layout inside, so they
/// are not shared) and one terminal it resizes.
fn draw_everywhere(states: &[State]) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()) as u16;
    std::thread::scope(|scope| {
        for first in 0..threads {
            let states = states.to_vec();
            scope.spawn(move || {
                draw_widths(&states, (first..=MAX_WIDTH).step_by(threads.into()));
            });
        }
    });
}

fn draw_widths(states: &[State], widths: impl Iterator<Item = u16>) {
    let keymap = Keymap::builtin().0;
    let mut terminal = match Terminal::new(TestBackend::new(0, 0)) {
        Ok(t) => t,
        Err(e) => panic!("a test terminal: {e}"),
    };
    for width in widths {
        for height in 0..=MAX_HEIGHT {
            terminal.backend_mut().resize(width, height);
            for (name, app) in states {
                // Name the state and size: the panic message alone does not say which.
                let drawn = std::panic::catch_unwind(AssertUnwindSafe(|| {
                    terminal
                        .draw(|f| fokus::ui::render(f, app, &keymap))
                        .is_ok()
                }));
                match drawn {
                    Ok(true) => {}
                    Ok(false) => panic!("{name} at {width}×{height}: the draw failed"),
                    Err(_) => panic!("{name} at {width}×{height}: rendering panicked"),
                }
            }
        }
    }
}

#[test]
fn panes_render_at_every_size() {
    draw_everywhere(&panes());
}

#[test]
fn conversation_editors_render_at_every_size() {
    draw_everywhere(&conversation_editors());
}

#[test]
fn dialogs_and_forms_render_at_every_size() {
    draw_everywhere(&dialogs());
}

#[test]
fn address_book_distribution_and_import_render_at_every_size() {
    draw_everywhere(&exchange_dialogs());
}
