//! What one keystroke in the minutes editor costs: `update` with the key, then a full
//! `ui::render` on a 120×40 `TestBackend`, which is what the app does per key. The editor
//! is open on a demo student's draft minutes holding a 5,000-word text. Also a 1 MiB paste
//! into the same field: the `update`, the render after it, and a keystroke once the field
//! holds the pasted text.
//!
//! Run with `cargo bench --bench typing`. Benchmarks print figures; they do not pass or
//! fail on time.

use std::hint::black_box;
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fokus::app::form::FieldId;
use fokus::app::{App, Effect, KeyReader, Modal, Msg, Pane, update};
use fokus::demo::demo_cases;
use fokus::domain::reminders::{self, DueItem};
use fokus::domain::{ConversationState, StudentSummary};
use fokus::i18n::Lang;
use fokus::keymap::Keymap;
use fokus::ui;
use fokus_testdata::minutes_text;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const DRAFT_WORDS: usize = 5_000;
const PASTE_BYTES: usize = 1 << 20;
const WINDOW_DAYS: u32 = 7;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

fn now() -> NaiveDateTime {
    today().and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default())
}

/// Typing `c` as the application takes it: read against the keymap, then `update`.
fn press(app: &mut App, keymap: &Keymap, ids: &mut u64, c: char) -> Vec<Effect> {
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    match KeyReader::new().read(app, keymap, key) {
        Some(msg) => update(app, ids, msg),
        None => Vec::new(),
    }
}

/// Fresh ids for `update`, far above the demo's.
fn ids() -> u64 {
    1_000_000
}

/// The app with the conversation editor open on a draft whose "learning needs" field
/// holds `draft`, the cursor at its end.
fn editor_with_draft(keymap: &Keymap, draft: Option<&str>) -> App {
    let mut next = 0u64;
    let mut cases = demo_cases(today(), &mut next).expect("the demo stories");
    let items: Vec<DueItem> = cases
        .iter()
        .flat_map(|c| reminders::due_items(&c.case))
        .collect();
    let shown = reminders::reminders(&items, |_| None, today(), WINDOW_DAYS);
    let summaries = cases.iter().map(|c| StudentSummary::of(&c.case)).collect();
    let mut app = App::new(
        Lang::Da,
        now(),
        fokus::domain::Actor::login_only("bench"),
        WINDOW_DAYS,
        summaries,
        shown,
    );
    let at = cases
        .iter()
        .position(|c| {
            c.case
                .conversations
                .iter()
                .any(|x| matches!(x.state, ConversationState::Held { .. }))
        })
        .expect("the demo has a student with draft minutes");
    let mut case = cases.swap_remove(at).case;
    if let Some(c) = case
        .conversations
        .iter_mut()
        .rfind(|c| matches!(c.state, ConversationState::Held { .. }))
        && let Some(draft) = draft
    {
        c.minutes.learning_needs = draft.to_string();
    }
    let mut ids = ids();
    app.pane = Pane::Students;
    app.students.select(case.id());
    update(&mut app, &mut ids, Msg::CaseLoaded(Ok(Box::new(case))));
    // "r" edits the current conversation: the held draft.
    press(&mut app, keymap, &mut ids, 'r');
    let editor = app
        .conversation_editor_mut()
        .expect("the conversation editor is open");
    editor.form.focus_on(FieldId::LearningNeeds);
    assert!(matches!(app.modal(), Some(Modal::Conversation(_))));
    // Drawn once, as the running app has: text areas learn their size (and wrap width)
    // from the first render.
    draw(&mut terminal(), &app, keymap);
    app
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(120, 40)).expect("a test terminal")
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App, keymap: &Keymap) {
    terminal
        .draw(|frame| ui::render(frame, app, keymap))
        .expect("drawing on a test backend");
}

/// About a mebibyte of minutes, in paragraphs, cut at a character boundary.
fn pasted_text() -> String {
    let mut text = minutes_text(PASTE_BYTES / 5, 99);
    let mut cut = PASTE_BYTES.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    text
}

fn keystroke(c: &mut Criterion) {
    let keymap = Keymap::default();
    {
        // For scale: the demo's own draft, a few sentences.
        let app = editor_with_draft(&keymap, None);
        let mut term = terminal();
        draw(&mut term, &app, &keymap);
        let mut group = c.benchmark_group("keystroke, demo draft");
        group.bench_function("update + render", |b| {
            b.iter_batched(
                || app.clone(),
                |mut app| {
                    let mut ids = ids();
                    black_box(press(&mut app, &keymap, &mut ids, 'a'));
                    draw(&mut term, &app, &keymap);
                    app
                },
                BatchSize::LargeInput,
            )
        });
        group.finish();
    }
    let draft = minutes_text(DRAFT_WORDS, 1);
    let app = editor_with_draft(&keymap, Some(&draft));
    let mut term = terminal();
    draw(&mut term, &app, &keymap);

    let mut group = c.benchmark_group(format!("keystroke, {DRAFT_WORDS}-word draft"));
    group.bench_function("update", |b| {
        b.iter_batched(
            || app.clone(),
            |mut app| {
                let mut ids = ids();
                black_box(press(&mut app, &keymap, &mut ids, 'a'));
                app
            },
            BatchSize::LargeInput,
        )
    });
    let mut typed = app.clone();
    press(&mut typed, &keymap, &mut ids(), 'a');
    group.bench_function("render 120x40", |b| {
        b.iter(|| draw(&mut term, &typed, &keymap))
    });
    group.bench_function("update + render", |b| {
        b.iter_batched(
            || app.clone(),
            |mut app| {
                let mut ids = ids();
                black_box(press(&mut app, &keymap, &mut ids, 'a'));
                draw(&mut term, &app, &keymap);
                app
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

fn paste(c: &mut Criterion) {
    let keymap = Keymap::default();
    let draft = minutes_text(DRAFT_WORDS, 1);
    let app = editor_with_draft(&keymap, Some(&draft));
    let text = pasted_text();
    let mut pasted = app.clone();
    update(&mut pasted, &mut ids(), Msg::Paste(text.clone()));

    let mut group = c.benchmark_group("paste 1 MiB into the draft");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("update", |b| {
        b.iter_batched(
            || (app.clone(), Msg::Paste(text.clone())),
            |(mut app, msg)| {
                let mut ids = ids();
                black_box(update(&mut app, &mut ids, msg));
                app
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("next render", |b| {
        b.iter_batched(
            || {
                // The screen as it was before the paste, so the render draws the change.
                let mut term = terminal();
                draw(&mut term, &app, &keymap);
                (term, pasted.clone())
            },
            |(mut term, app)| {
                draw(&mut term, &app, &keymap);
                (term, app)
            },
            BatchSize::PerIteration,
        )
    });
    let mut term = terminal();
    draw(&mut term, &pasted, &keymap);
    group.bench_function("then a keystroke: update + render", |b| {
        b.iter_batched(
            || pasted.clone(),
            |mut app| {
                let mut ids = ids();
                black_box(press(&mut app, &keymap, &mut ids, 'a'));
                draw(&mut term, &app, &keymap);
                app
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, keystroke, paste);
criterion_main!(benches);
