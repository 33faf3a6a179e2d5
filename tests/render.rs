//! Rendering tests: each pane and dialog drawn on a `TestBackend` at a fixed date from the
//! demo data, compared with reviewed snapshots in `tests/snapshots/`.

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fokus::app::{App, KeyReader, Msg, update};
use fokus::demo::demo_cases;
use fokus::domain::reminders::{self, Urgency};
use fokus::domain::{Case, StudentFacts, StudentSummary};
use fokus::i18n::Lang;
use fokus::keymap::Keymap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

/// The application over the demo data, as it starts on 23 November 2026, with the cases
/// kept so tests can feed them in as the store would.
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
        let cases: Vec<Case> = demo_cases(now().date(), &mut ids)
            .expect("the demo stories")
            .into_iter()
            .map(|d| d.case)
            .collect();
        let summaries = cases.iter().map(StudentSummary::of).collect();
        let items: Vec<_> = cases.iter().flat_map(reminders::due_items).collect();
        let done = fokus::demo::done_marks(&cases, now().date());
        let mark = |k: &reminders::ReminderKey| done.contains(k).then_some(reminders::Mark::Done);
        let shown = reminders::reminders(&items, mark, now().date(), 7);
        let mut app = App::new(
            lang,
            now(),
            fokus::domain::Actor::new(
                "Hanne Krogh",
                fokus::domain::Role::EducationOfficer,
                "hanne",
            ),
            7,
            summaries,
            shown,
        );
        app.db_path = "/home/hanne/.local/share/fokus/database".into();
        let mut next = 20_000;
        app.address_book = fokus::domain::organisation::default_book(|| {
            next += 1;
            next
        });
        let mut h = Harness {
            app,
            keymap: Keymap::builtin().0,
            keys: KeyReader::new(),
            ids: 10_000,
            cases,
        };
        h.load_selected();
        h
    }

    /// Plays the store: whatever case the app asks for is handed to it.
    fn load_selected(&mut self) {
        if let Some(id) = self.app.students.selected_id() {
            let case = self.cases.iter().find(|c| c.id() == id).cloned();
            if let Some(case) = case {
                self.msg(Msg::CaseLoaded(Ok(Box::new(case))));
            }
        }
    }

    fn msg(&mut self, msg: Msg) {
        for effect in update(&mut self.app, &mut self.ids, msg) {
            // Plays the runner: the figures are made from the cases' digests.
            if let fokus::app::Effect::ComputeStats(query) = &effect {
                let facts: Vec<_> = self.cases.iter().map(StudentFacts::of).collect();
                let report = fokus::stats::compute(&facts, query, now().date());
                update(
                    &mut self.app,
                    &mut self.ids,
                    Msg::Stats {
                        query: query.clone(),
                        result: Ok(Box::new(report)),
                    },
                );
            }
            if let fokus::app::Effect::LoadCase(id) = effect {
                let case = self.cases.iter().find(|c| c.id() == id).cloned();
                if let Some(case) = case {
                    update(
                        &mut self.app,
                        &mut self.ids,
                        Msg::CaseLoaded(Ok(Box::new(case))),
                    );
                }
            }
        }
    }

    fn press(&mut self, key: KeyEvent) {
        if let Some(msg) = self.keys.read(&self.app, &self.keymap, key) {
            self.msg(msg);
        }
    }

    fn key(&mut self, code: KeyCode) {
        self.press(KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn ctrl(&mut self, c: char) {
        self.press(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Finds a student by typing part of the name after `/`; Enter opens the timeline.
    fn open_student(&mut self, name: &str) {
        self.key(KeyCode::Char('2'));
        self.key(KeyCode::Char('/'));
        self.type_text(name);
        self.key(KeyCode::Enter);
    }

    fn draw(&self, width: u16, height: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|f| fokus::ui::render(f, &self.app, &self.keymap))
            .unwrap();
        terminal
    }
}

#[test]
fn startup_shows_reminders_first_with_overdue_ones_on_top() {
    let h = Harness::new(Lang::Da);
    insta::assert_snapshot!("startup_da", h.draw(120, 35).backend());
}

#[test]
fn startup_in_english() {
    let h = Harness::new(Lang::En);
    insta::assert_snapshot!("startup_en", h.draw(120, 35).backend());
}

#[test]
fn overdue_reminders_are_drawn_in_red_and_todays_in_yellow() {
    let h = Harness::new(Lang::Da);
    let terminal = h.draw(120, 35);
    let buffer = terminal.backend().buffer();
    let row_of = |urgency: Urgency| {
        // Not the first row: the selection is there, and it must keep the colour too.
        let index = h
            .app
            .reminders
            .iter()
            .enumerate()
            .filter(|(_, r)| r.urgency == urgency)
            .map(|(i, _)| i)
            .next_back()
            .unwrap();
        // Tab bar, border, header, then one row per reminder.
        index as u16 + 3
    };
    // The date column starts after the border and the urgency mark.
    let overdue = &buffer[(3, row_of(Urgency::Overdue))];
    assert_eq!(overdue.fg, Color::Red, "overdue date cell: {overdue:?}");
    let today = &buffer[(3, row_of(Urgency::Today))];
    assert_eq!(today.fg, Color::Yellow, "today's date cell: {today:?}");
    let selected = &buffer[(3, 3)];
    assert_eq!(
        selected.fg,
        Color::Red,
        "selected overdue cell: {selected:?}"
    );
}

#[test]
fn students_pane_lists_everyone_sorted_by_name() {
    let mut h = Harness::new(Lang::Da);
    h.key(KeyCode::Char('2'));
    insta::assert_snapshot!("students", h.draw(120, 30).backend());
}

#[test]
fn the_students_pane_says_the_students_are_being_read_until_they_arrive() {
    let mut h = Harness::new(Lang::Da);
    let all = std::mem::take(&mut h.app.students.all);
    h.app.students = fokus::app::state::StudentList::loading();
    h.key(KeyCode::Char('2'));
    insta::assert_snapshot!("students_loading", h.draw(80, 16).backend());
    let list = fokus::app::state::StudentList::ready(all);
    h.msg(Msg::Students(Ok(Box::new(list))));
    let screen = format!("{:?}", h.draw(120, 30).backend());
    assert!(screen.contains("Elever (15)"), "{screen}");
    assert!(!screen.contains("Læser eleverne"), "{screen}");
}

#[test]
fn students_filter_as_you_type() {
    let mut h = Harness::new(Lang::Da);
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('/'));
    h.type_text("fanø");
    insta::assert_snapshot!("students_filtered", h.draw(120, 20).backend());
}

#[test]
fn timeline_shows_record_history_conversations_and_agreements() {
    let mut h = Harness::new(Lang::Da);
    h.open_student("Jonas");
    insta::assert_snapshot!("timeline", h.draw(120, 35).backend());
}

#[test]
fn finalized_minutes_open_locked_with_their_content() {
    let mut h = Harness::new(Lang::Da);
    h.open_student("Amira");
    h.key(KeyCode::Char('r'));
    insta::assert_snapshot!("editor_finalized", h.draw(120, 50).backend());
}

#[test]
fn the_address_book_lists_organisations_with_their_secure_mail() {
    let mut h = Harness::new(Lang::Da);
    h.key(KeyCode::F(4));
    h.key(KeyCode::Down);
    insta::assert_snapshot!("address_book", h.draw(100, 24).backend());
    h.key(KeyCode::Enter);
    insta::assert_snapshot!("address_book_edit", h.draw(100, 24).backend());
}

#[test]
fn the_distribution_checklist_proposes_recipients_with_addresses() {
    let mut h = Harness::new(Lang::Da);
    h.open_student("Amira");
    h.key(KeyCode::Char('f'));
    insta::assert_snapshot!("distribution", h.draw(120, 30).backend());
}

#[test]
fn an_import_shows_its_dry_run_before_anything_is_written() {
    let mut h = Harness::new(Lang::Da);
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('i'));
    let csv = "Navn;CPR-nr.;Uddannelse;Startdato;Slutdato;Oplæringssted;Afdeling\n\
               Amira Hassan;;SSA;01-02-2026;01-03-2028;Sydvestjysk Sygehus;Afsnit 7\n\
               Bo Ærø;;SSH;03-08-2026;15-11-2027;Plejecenter Åhusene;\n\
               Carla Sø;;SSH;31-02-2026;15-11-2027;Plejecenter Åhusene;\n\
               ;;SSH;03-08-2026;15-11-2027;;\n";
    let table = fokus::import::read(csv.as_bytes()).unwrap();
    let students: Vec<_> = h.cases.iter().map(|c| c.student.clone()).collect();
    let plan = fokus::import::plan(&table, &students, now().date());
    h.msg(Msg::ImportPlanned(Ok(Box::new(
        fokus::app::dialogs::import_preview::ImportPreview {
            file: "elever.csv".into(),
            read: fokus::import::describe_table(&table, Lang::Da),
            lines: fokus::import::describe_plan(&plan, Lang::Da),
            summary: plan.summary(Lang::Da),
            plan,
            scroll: 0,
        },
    ))));
    insta::assert_snapshot!("import_preview", h.draw(110, 24).backend());
}

#[test]
fn a_new_conversation_starts_with_participants_from_the_record() {
    let mut h = Harness::new(Lang::Da);
    h.open_student("Mikkel");
    h.key(KeyCode::Char('s'));
    insta::assert_snapshot!("editor_new_type2", h.draw(120, 40).backend());
}

#[test]
fn finalizing_incomplete_minutes_lists_what_is_missing() {
    let mut h = Harness::new(Lang::Da);
    h.open_student("Yusuf");
    h.key(KeyCode::Char('r'));
    h.ctrl('f');
    insta::assert_snapshot!("finalize_refused", h.draw(120, 40).backend());
}

#[test]
fn a_wrong_date_keeps_its_text_and_says_why_under_the_field() {
    let mut h = Harness::new(Lang::Da);
    h.open_student("Yusuf");
    h.key(KeyCode::Char('r'));
    for _ in 0..10 {
        h.key(KeyCode::Backspace);
    }
    h.type_text("31.02.2027");
    insta::assert_snapshot!("editor_bad_date", h.draw(100, 16).backend());
}

#[test]
fn the_editor_fits_an_80_column_terminal() {
    let mut h = Harness::new(Lang::Da);
    h.open_student("Freja");
    h.key(KeyCode::Char('r'));
    insta::assert_snapshot!("editor_narrow", h.draw(80, 24).backend());
}

#[test]
fn new_student_form() {
    let mut h = Harness::new(Lang::Da);
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('n'));
    insta::assert_snapshot!("student_form", h.draw(110, 36).backend());
}

#[test]
fn help_lists_the_keys_of_the_current_pane_and_the_global_ones() {
    let mut h = Harness::new(Lang::Da);
    h.key(KeyCode::Char('?'));
    insta::assert_snapshot!("help_reminders", h.draw(100, 45).backend());
}

#[test]
fn escalation_asks_for_a_reason() {
    let mut h = Harness::new(Lang::Da);
    h.open_student("Amira");
    h.key(KeyCode::Char('+'));
    h.type_text("Fokusområdet fylder fortsat");
    insta::assert_snapshot!("escalate_prompt", h.draw(100, 20).backend());
}

#[test]
fn snoozing_offers_a_day_a_week_or_a_date() {
    let mut h = Harness::new(Lang::Da);
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    insta::assert_snapshot!("snooze", h.draw(100, 20).backend());
}

#[test]
fn a_tiny_terminal_gets_one_line_asking_for_a_larger_window() {
    let h = Harness::new(Lang::Da);
    insta::assert_snapshot!("too_small", h.draw(40, 10).backend());
}

#[test]
fn every_size_from_nothing_to_large_renders_without_panicking() {
    let mut h = Harness::new(Lang::Da);
    h.open_student("Amira");
    h.key(KeyCode::Char('r'));
    for width in (0..=160).step_by(7) {
        for height in (0..=50).step_by(3) {
            h.draw(width, height);
        }
    }
}

// ---------------------------------------------------------------------------------------
// 80 × 24, the size of a workplace PC's default terminal: every pane and dialog.

const W: u16 = 80;
const H: u16 = 24;

/// The screen as text lines, to check what must stay visible.
fn text_of(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect()
}

/// Help and quit are in the hint line of every pane.
fn hints_offer_help_and_quit(terminal: &Terminal<TestBackend>) {
    let lines = text_of(terminal);
    let hints = lines.last().unwrap();
    assert!(
        hints.contains(" hjælp ") && hints.contains(" afslut "),
        "{hints}"
    );
}

#[test]
fn at_80x24_the_reminders_show_every_task_in_full() {
    let h = Harness::new(Lang::Da);
    let t = h.draw(W, H);
    insta::assert_snapshot!("small_reminders", t.backend());
    hints_offer_help_and_quit(&t);
    // The first reminder's task wraps under itself instead of being cut.
    let text = text_of(&t).join("\n");
    assert!(text.contains("gennemgå, om"), "{text}");
    assert!(text.contains("oplysningerne stadig skal gemmes"), "{text}");
}

#[test]
fn at_80x24_the_students_keep_names_of_20_characters() {
    let mut h = Harness::new(Lang::Da);
    h.app.students.upsert({
        let mut s = StudentSummary::of(&h.cases[0]);
        s.name = "Aaaaaaaaa Bbbbbbbbbb".into(); // 20 characters
        s
    });
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Home);
    let t = h.draw(W, H);
    insta::assert_snapshot!("small_students", t.backend());
    hints_offer_help_and_quit(&t);
    assert!(
        text_of(&t)
            .iter()
            .any(|l| l.contains("Aaaaaaaaa Bbbbbbbbbb "))
    );
}

#[test]
fn at_80x24_the_timeline_panels_take_turns_under_one_title() {
    let mut h = Harness::new(Lang::Da);
    h.open_student("Jonas");
    let t = h.draw(W, H);
    insta::assert_snapshot!("small_timeline", t.backend());
    hints_offer_help_and_quit(&t);
    h.key(KeyCode::Right);
    insta::assert_snapshot!("small_timeline_conversations", h.draw(W, H).backend());
    h.key(KeyCode::Right);
    let t = h.draw(W, H);
    insta::assert_snapshot!("small_timeline_agreements", t.backend());
    hints_offer_help_and_quit(&t);
}

#[test]
fn at_80x24_a_planned_conversation_lists_the_invited() {
    let mut h = Harness::new(Lang::Da);
    h.open_student("Mikkel");
    h.key(KeyCode::Char('s'));
    insta::assert_snapshot!("small_editor_planned", h.draw(W, H).backend());
}

#[test]
fn at_80x24_finalizing_asks_and_says_what_it_does() {
    let mut h = Harness::new(Lang::Da);
    h.open_student("Freja");
    h.key(KeyCode::Right);
    let at = h
        .app
        .case
        .as_ref()
        .unwrap()
        .conversations()
        .iter()
        .position(|c| matches!(c.state, fokus::domain::ConversationState::Held { .. }))
        .unwrap();
    for _ in 0..at {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    h.ctrl('f');
    let t = h.draw(W, H);
    insta::assert_snapshot!("small_finalize_confirm", t.backend());
    let text = text_of(&t).join("\n");
    assert!(text.contains("Nej, tilbage til referatet"), "{text}");
    assert!(text.contains("Ja, godkend og lås"), "{text}");
}

#[test]
fn at_80x24_a_refused_finalizing_lists_what_is_missing() {
    let mut h = Harness::new(Lang::Da);
    h.open_student("Yusuf");
    h.key(KeyCode::Char('r'));
    h.ctrl('f');
    insta::assert_snapshot!("small_finalize_refused", h.draw(W, H).backend());
}

#[test]
fn at_80x24_closing_an_agreement_asks_whether_it_was_met() {
    let mut h = Harness::new(Lang::Da);
    let at = h
        .app
        .reminders
        .iter()
        .position(|r| r.item.kind == reminders::DueKind::Agreement)
        .unwrap();
    for _ in 0..at {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Char('d'));
    insta::assert_snapshot!("small_resolve_agreement", h.draw(W, H).backend());
}

#[test]
fn at_80x24_the_user_is_asked_who_they_are() {
    let mut h = Harness::new(Lang::Da);
    h.key(KeyCode::F(3));
    insta::assert_snapshot!("small_profile", h.draw(W, H).backend());
}

#[test]
fn at_80x24_help_snooze_and_prompts_fit() {
    let mut h = Harness::new(Lang::Da);
    h.key(KeyCode::Char('?'));
    insta::assert_snapshot!("small_help", h.draw(W, H).backend());
    let mut h = Harness::new(Lang::Da);
    h.key(KeyCode::Char('s'));
    insta::assert_snapshot!("small_snooze", h.draw(W, H).backend());
    let mut h = Harness::new(Lang::Da);
    h.open_student("Amira");
    h.key(KeyCode::Char('+'));
    h.type_text(
        "Fokusområderne er fortsat til stede ved opfølgningen, og eleven har selv bedt om en \
         type 2-samtale med ansættende myndighed",
    );
    let t = h.draw(W, H);
    insta::assert_snapshot!("small_escalate_prompt", t.backend());
    let text = text_of(&t).join("\n");
    assert!(
        text.contains("type 2-samtale med ansættende"),
        "the reason wraps:\n{text}"
    );
    let mut h = Harness::new(Lang::Da);
    h.open_student("Amira");
    h.key(KeyCode::Char('b'));
    h.type_text("Ringede til eleven om fraværet.");
    insta::assert_snapshot!("small_note_prompt", h.draw(W, H).backend());
}

#[test]
fn at_80x24_the_address_book_distribution_and_import_fit() {
    let mut h = Harness::new(Lang::Da);
    h.key(KeyCode::F(4));
    insta::assert_snapshot!("small_address_book", h.draw(W, H).backend());
    h.key(KeyCode::Enter);
    insta::assert_snapshot!("small_address_book_edit", h.draw(W, H).backend());
    let mut h = Harness::new(Lang::Da);
    h.open_student("Amira");
    h.key(KeyCode::Char('f'));
    insta::assert_snapshot!("small_distribution", h.draw(W, H).backend());
    let mut h = Harness::new(Lang::Da);
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('i'));
    let csv = "Navn;Uddannelse;Startdato;Slutdato;Oplæringssted\n\
               Bo Ærø;SSH;03-08-2026;15-11-2027;Plejecenter Åhusene\n\
               Carla Sø;SSH;31-02-2026;15-11-2027;Plejecenter Åhusene\n";
    let table = fokus::import::read(csv.as_bytes()).unwrap();
    let students: Vec<_> = h.cases.iter().map(|c| c.student.clone()).collect();
    let plan = fokus::import::plan(&table, &students, now().date());
    h.msg(Msg::ImportPlanned(Ok(Box::new(
        fokus::app::dialogs::import_preview::ImportPreview {
            file: "elever.csv".into(),
            read: fokus::import::describe_table(&table, Lang::Da),
            lines: fokus::import::describe_plan(&plan, Lang::Da),
            summary: plan.summary(Lang::Da),
            plan,
            scroll: 0,
        },
    ))));
    insta::assert_snapshot!("small_import_preview", h.draw(W, H).backend());
}

#[test]
fn at_80x24_the_files_written_are_listed_in_full() {
    let mut h = Harness::new(Lang::Da);
    h.msg(Msg::Exported(Ok(vec![
        std::path::PathBuf::from("/home/hanne/Dokumenter/Fokus/2026-11-19_type1_FØ_0000abcd.pdf"),
        std::path::PathBuf::from("/home/hanne/Dokumenter/Fokus/2026-11-19_type1_FØ_0000abcd.md"),
    ]
    .into())));
    let t = h.draw(W, H);
    insta::assert_snapshot!("small_exported", t.backend());
    let text = text_of(&t).join("\n");
    assert!(text.contains("_0000abcd.pdf"), "{text}");
}

#[test]
fn at_80x24_the_student_form_suggests_organisations() {
    let mut h = Harness::new(Lang::Da);
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('n'));
    for _ in 0..20 {
        let on_employer = matches!(
            h.app.modal(),
            Some(fokus::app::Modal::Student(e))
                if e.form.focused().map(|f| f.id) == Some(fokus::app::form::FieldId::Employer)
        );
        if on_employer {
            break;
        }
        h.key(KeyCode::Tab);
    }
    h.type_text("ve");
    let t = h.draw(W, H);
    insta::assert_snapshot!("small_student_form_suggestions", t.backend());
    assert!(text_of(&t).iter().any(|l| l.contains("Vejen Kommune")));
}

#[test]
fn at_80x24_closing_with_unsaved_changes_asks() {
    let mut h = Harness::new(Lang::Da);
    h.open_student("Amira");
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Tab);
    h.type_text("9");
    h.key(KeyCode::Esc);
    insta::assert_snapshot!("small_confirm_unsaved", h.draw(W, H).backend());
}

#[test]
fn the_selected_row_is_reversed_so_no_text_is_grey_on_grey() {
    use ratatui::style::Modifier;
    let mut h = Harness::new(Lang::Da);
    h.open_student("Jonas");
    for (panel, key) in [
        ("timeline", None),
        ("conversations", Some(KeyCode::Right)),
        ("agreements", Some(KeyCode::Right)),
    ] {
        if let Some(k) = key {
            h.key(k);
        }
        for (w, hh) in [(W, H), (120, 40)] {
            let t = h.draw(w, hh);
            let buffer = t.backend().buffer();
            let rows: Vec<u16> = (0..hh)
                .filter(|&y| (0..w).any(|x| buffer[(x, y)].modifier.contains(Modifier::REVERSED)))
                .collect();
            assert!(!rows.is_empty(), "{panel} at {w}×{hh}: a selected row");
            for y in rows {
                for x in 0..w {
                    let cell = &buffer[(x, y)];
                    let dim_alone = cell.fg == Color::DarkGray
                        && !cell.modifier.contains(Modifier::REVERSED)
                        && cell.bg == Color::DarkGray;
                    assert!(!dim_alone, "{panel} at {w}×{hh}: grey on grey at {x},{y}");
                }
            }
        }
    }
}

/// Bente saved the minutes' learning needs and the student's school while Hanne was
/// writing them too: Hanne's save is refused and the merge dialog opens over her editor.
fn refused_by_bente(h: &mut Harness) {
    h.open_student("Yusuf");
    h.key(KeyCode::Char('r'));
    let case = h.app.case.as_ref().unwrap().case.clone();
    let conversation = case.current_conversation().expect("a conversation").id;
    let clash = |path: &[&str], theirs: &str, mine: &str| fokus::store::merge::Clash {
        path: path.iter().map(|p| p.to_string()).collect(),
        base: serde_json::Value::String(String::new()),
        theirs: theirs.into(),
        mine: mine.into(),
    };
    let minutes = format!("#{}", conversation.0);
    let conflict = fokus::store::Conflict {
        student: case.id(),
        by: "Bente Lund".into(),
        role: Some(fokus::domain::Role::Supervisor),
        at: now(),
        parts: vec![
            fokus::store::ConflictPart::Student,
            fokus::store::ConflictPart::Conversation(conversation, now().date()),
        ],
        clashes: vec![
            clash(
                &["conversations", &minutes, "minutes", "learning_needs"],
                "Yusuf har brug for ro til dokumentationen og en fast makker på aftenvagterne, \
                 så han kan spørge undervejs.",
                "Fagsprog i journalen; aftalt med sprogvejlederen på skolen.",
            ),
            clash(&["student", "school"], "SOSU Syd", "SOSU Esbjerg"),
        ],
        merged: fokus::team::store::record(&case).unwrap(),
        theirs: Box::new(case),
        version: 7,
    };
    h.msg(Msg::Conflicted {
        conflict: Box::new(conflict),
        then: fokus::app::msg::AfterCommit::ConversationSaved {
            id: conversation,
            close: false,
        },
    });
}

#[test]
fn a_save_someone_else_beat_shows_both_values_of_each_field_to_choose_from() {
    let mut h = Harness::new(Lang::Da);
    refused_by_bente(&mut h);
    // The second field in focus, their value chosen for it.
    h.key(KeyCode::Down);
    h.key(KeyCode::Left);
    insta::assert_snapshot!("merge_dialog", h.draw(100, 30).backend());
    insta::assert_snapshot!("merge_dialog_80x24", h.draw(80, 24).backend());
    // However small the terminal, it is drawn without a panic.
    for (w, hgt) in [(40, 12), (20, 5), (8, 3), (1, 1)] {
        h.draw(w, hgt);
    }
}

// ---------------------------------------------------------------------------------------
// The idle lock: the screen hides everything behind a passphrase field.

/// The screen as the event loop draws it while locked, over `h` as it was.
fn draw_locked(
    h: &Harness,
    lock: &fokus::app::lock::LockScreen,
    width: u16,
    height: u16,
) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| fokus::ui::render_screen(f, &h.app, &h.keymap, Some(lock)))
        .unwrap();
    terminal
}

#[test]
fn at_80x24_the_lock_screen_shows_no_student_and_no_passphrase() {
    let mut h = Harness::new(Lang::Da);
    h.open_student("Freja");
    h.key(KeyCode::Char('r'));
    h.type_text("Skrevet lige før låsen");
    let mut lock = fokus::app::lock::LockScreen::new();
    let now = std::time::SystemTime::UNIX_EPOCH;
    for c in "hemmelig".chars() {
        lock.key(
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            &h.keymap,
            now,
        );
    }
    let terminal = draw_locked(&h, &lock, W, H);
    let screen = text_of(&terminal).join("\n");
    assert!(screen.contains("Skærmen er låst."), "{screen}");
    assert!(screen.contains("••••••••"), "{screen}");
    assert!(!screen.contains("hemmelig"), "{screen}");
    assert!(!screen.contains("Skrevet lige før"), "{screen}");
    for case in &h.cases {
        let name = &case.student.name;
        let first = name.split_whitespace().next().unwrap();
        assert!(
            !screen.contains(first),
            "{name} is on the lock screen:\n{screen}"
        );
    }
    insta::assert_snapshot!("lock_screen_80x24", terminal.backend());
    // Under the lock the application is as it was.
    assert!(
        text_of(&h.draw(W, H))
            .join("\n")
            .contains("Skrevet lige før låsen")
    );
}

#[test]
fn the_lock_screen_in_english_says_a_wrong_passphrase_and_renders_at_every_size() {
    let mut h = Harness::new(Lang::En);
    h.open_student("Amira");
    let mut lock = fokus::app::lock::LockScreen::new();
    let now = std::time::SystemTime::UNIX_EPOCH;
    for code in [KeyCode::Char('x'), KeyCode::Enter] {
        lock.key(KeyEvent::new(code, KeyModifiers::NONE), &h.keymap, now);
    }
    lock.take_passphrase();
    lock.wrong(now);
    let screen = text_of(&draw_locked(&h, &lock, W, H)).join("\n");
    assert!(screen.contains("The screen is locked."), "{screen}");
    assert!(screen.contains("Wrong passphrase. Try again."), "{screen}");
    assert!(!screen.contains("Amira"), "{screen}");
    h.app.lang = Lang::Da;
    for width in (0..=160).step_by(7) {
        for height in (0..=50).step_by(3) {
            let screen = text_of(&draw_locked(&h, &lock, width, height)).join("\n");
            assert!(!screen.contains("Amira"), "{width}×{height}: {screen}");
        }
    }
}

#[test]
fn the_cooperation_panel_shows_the_team_file_with_its_network_drawn_as_a_map() {
    let mut h = Harness::new(Lang::Da);
    h.open_student("Jonas");
    for _ in 0..3 {
        h.key(KeyCode::Right);
    }
    assert_eq!(
        h.app.case.as_ref().unwrap().panel,
        fokus::app::Panel::Cooperation
    );
    let t = h.draw(120, 40);
    insta::assert_snapshot!("cooperation", t.backend());
    let screen = text_of(&t).join("\n");
    assert!(screen.contains("Karin Vest"), "{screen}");
    assert!(
        screen.contains("Teammøde") || screen.contains("teammøde"),
        "{screen}"
    );
    hints_offer_help_and_quit(&t);
}

#[test]
fn at_80x24_the_cooperation_panel_lists_the_network_instead_of_drawing_it() {
    let mut h = Harness::new(Lang::Da);
    h.open_student("Jonas");
    h.key(KeyCode::Left);
    let t = h.draw(W, H);
    insta::assert_snapshot!("small_cooperation", t.backend());
    hints_offer_help_and_quit(&t);
    // Down to the first person of the network, and Enter opens their form.
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    let t = h.draw(W, H);
    insta::assert_snapshot!("small_network_member_form", t.backend());
    assert!(text_of(&t).join("\n").contains("Maja Kjær"));
}

#[test]
fn a_team_meeting_checklist_says_what_is_wrong_under_its_fields() {
    let mut h = Harness::new(Lang::Da);
    h.open_student("Jonas");
    h.key(KeyCode::Char('o'));
    // The meeting date: a day that does not exist keeps its text.
    for _ in 0..10 {
        h.key(KeyCode::Backspace);
    }
    h.type_text("31.02.2027");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Enter);
    h.type_text("Mor, cpr 010203-1234");
    h.ctrl('s');
    let t = h.draw(120, 35);
    insta::assert_snapshot!("team_meeting_form", t.backend());
    let screen = text_of(&t).join("\n");
    assert!(screen.contains("31.02.2027"), "{screen}");
    assert!(screen.contains("CPR-numre gemmes ikke"), "{screen}");
}

#[test]
fn the_overview_draws_the_figures_as_charts_and_as_a_table_at_both_sizes() {
    let mut h = Harness::new(Lang::Da);
    h.key(KeyCode::Char('4'));
    insta::assert_snapshot!("overview_charts", h.draw(120, 35).backend());
    insta::assert_snapshot!("small_overview_charts", h.draw(80, 24).backend());
    h.key(KeyCode::Char('v'));
    insta::assert_snapshot!("small_overview_table", h.draw(80, 24).backend());
    // By workplace, the first group.
    h.key(KeyCode::Char('o'));
    h.key(KeyCode::Right);
    insta::assert_snapshot!("small_overview_group", h.draw(80, 24).backend());
}

#[test]
fn the_overview_in_english() {
    let mut h = Harness::new(Lang::En);
    h.key(KeyCode::Char('4'));
    insta::assert_snapshot!("overview_charts_en", h.draw(120, 35).backend());
}
