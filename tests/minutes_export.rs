//! The minutes as PDF and Markdown files: what they hold, how they are marked, named and
//! written. The PDF is checked by extracting its text again.

use std::time::Instant;

use chrono::{NaiveDate, NaiveDateTime};
use fokus::demo::demo_cases;
use fokus::domain::case::{self, Ctx};
use fokus::domain::organisation::default_book;
use fokus::domain::{
    Agreement, AgreementId, AgreementOwner, AgreementStatus, Case, Conversation, ConversationId,
    ConversationState, FocusArea, FocusKind, IdSource, Level, Organisation, Programme, Student,
    StudentId, StudentStatus,
};
use fokus::export::{self, file_stem, markdown, pdf, write_minutes};
use fokus::i18n::Lang;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(14, 5, 0).unwrap()
}

fn book() -> Vec<Organisation> {
    let mut n = 10_000;
    default_book(|| {
        n += 1;
        n
    })
}

fn demo(name: &str) -> Case {
    let mut ids = 0u64;
    demo_cases(today(), &mut ids)
        .into_iter()
        .map(|d| d.case)
        .find(|c| c.student.name == name)
        .unwrap_or_else(|| panic!("no demo student {name}"))
}

fn conversation(case: &Case, level: Level, finalized: bool) -> Conversation {
    case.conversations
        .iter()
        .filter(|c| c.level == level)
        .find(|c| matches!(c.state, ConversationState::Finalized { .. }) == finalized)
        .filter(|c| c.state.held_on().is_some())
        .cloned()
        .unwrap_or_else(|| panic!("no such conversation for {}", case.student.name))
}

/// The PDF's text with every run of whitespace as one space, so wrapped lines still match.
fn pdf_text(bytes: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(bytes).expect("the PDF can be read back");
    squash(&text)
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdf_of(case: &Case, c: &Conversation, lang: Lang) -> Vec<u8> {
    pdf(&export::document(case, c, &book(), lang, now())).expect("a PDF")
}

fn assert_has(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "{w:?} is missing from the text:\n{text}");
    }
}

/// A type-1 student with Danish letters everywhere, built with the domain operations.
fn danish_case(minutes: &str, finalize: bool) -> (Case, ConversationId) {
    let mut ids = 0u64;
    let student = Student {
        id: StudentId(ids.next_id()),
        name: "Åse Ørum-Hansen".into(),
        programme: Programme::Ssa,
        start: NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
        expected_end: NaiveDate::from_ymd_opt(2028, 6, 30).unwrap(),
        school: "SOSU Esbjerg".into(),
        workplace: "Plejecenter Ærtebjerghave".into(),
        unit: "Afsnit Ø".into(),
        employer: "Fanø Kommune".into(),
        supervisor: "Bjørn Læsø".into(),
        education_officer: "Gitte Åkjær".into(),
        focus_areas: vec![FocusArea {
            kind: FocusKind::Language,
            note: "Fagsprog".into(),
        }],
        status: StudentStatus::Active,
        level: Level::One,
        level_raised_on: None,
        employer_org: None,
        school_org: None,
        workplace_org: None,
    };
    let ctx = Ctx {
        now: today().and_hms_opt(15, 30, 0).unwrap(),
        by: fokus::domain::Actor::new("Gitte Holm", fokus::domain::Role::EducationOfficer, "gitte"),
    };
    let mut case = Case::new(student.clone());
    case.apply(&case::create_student(student, &ctx, &mut ids));
    let id = ConversationId(ids.next_id());
    let mut c = case.plan_conversation(id, Level::One, today().and_hms_opt(9, 0, 0).unwrap());
    c.state = ConversationState::Held { on: today() };
    c.minutes.welcome = "Velkommen. Æ Ø Å og æ ø å.".into();
    c.minutes.learning_needs = minutes.into();
    c.minutes.workplace_secures = "Vejlederen gennemgår to journalnotater om ugen.".into();
    c.minutes.student_commits = "Eleven skriver ét notat pr. vagt på dansk.".into();
    c.follow_up = Some(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap());
    c.next_level = Some(Level::One);
    let agreement = Agreement {
        id: AgreementId(ids.next_id()),
        student: case.id(),
        text: "Øve fagord | læse op hver fredag".into(),
        owner: AgreementOwner::Workplace,
        owner_name: String::new(),
        due: Some(NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()),
        status: AgreementStatus::Open,
        made_in: id,
        reviewed_in: None,
    };
    let change = if finalize {
        case::finalize_conversation(&case, c, vec![agreement], &ctx, &mut ids).unwrap()
    } else {
        case::save_conversation(&case, c, vec![agreement], &ctx, &mut ids).unwrap()
    };
    case.apply(&change);
    (case, id)
}

#[test]
fn a_finalized_type_2_pdf_holds_what_the_template_asks_for() {
    let case = demo("Noah Kristensen");
    let c = conversation(&case, Level::Two, true);
    let text = pdf_text(&pdf_of(&case, &c, Lang::Da));
    let follow_up = c.follow_up.unwrap().format("%d.%m.%Y").to_string();
    assert_has(
        &text,
        &[
            "Dagsorden/referat til samtale d.",
            "Type 2",
            "Noah Kristensen",
            "Billund Hjemmepleje",
            // participants with their roles
            "Oplæringsvejleder",
            "Susanne Friis",
            "Uddannelsesansvarlig",
            "Ole Frost",
            "Billund Kommune",
            // the two required parts of the action plan, labelled
            "Hvad oplæringsstedet sikrer",
            "Hvad eleven forpligter sig til",
            // an agreement with its owner
            "Mentorordning etableres",
            "Ansættende myndighed",
            // the follow-up date and the next type
            &follow_up,
            // the distribution with the employing authority's address
            "voksenstoette@billund.dk",
            "Uddannelsesbogen",
            "Afkrydset som sendt",
            "Referatet er godkendt",
            "Side 1 af",
        ],
    );
    assert!(!text.contains("KLADDE"), "finalized minutes are no draft");
}

#[test]
fn a_type_1_pdf_sends_the_employer_its_copy_by_secure_mail() {
    let case = demo("Amira Hassan");
    let c = conversation(&case, Level::One, true);
    let text = pdf_text(&pdf_of(&case, &c, Lang::Da));
    assert_has(
        &text,
        &[
            "Type 1",
            "Ansættende myndighed (til orientering)",
            "s-o-sikkerpost@esbjerg.dk",
            "Eleven skriver ét journalnotat pr. vagt",
        ],
    );
}

#[test]
fn a_draft_carries_the_draft_mark_on_every_page() {
    let case = demo("Oliver Brandt");
    let mut c = conversation(&case, Level::Two, false);
    c.minutes.learning_needs = "Lang drøftelse. ".repeat(3000);
    let doc = export::document(&case, &c, &book(), Lang::Da, now());
    assert!(doc.title.contains("KLADDE – ikke godkendt"));
    let bytes = pdf(&doc).unwrap();
    let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap();
    assert!(pages.len() > 2, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert!(
            squash(page).contains("KLADDE – ikke godkendt"),
            "page {} has no draft mark",
            i + 1
        );
    }
}

#[test]
fn finalizing_removes_the_draft_mark() {
    let (draft, id) = danish_case("Fagsprog.", false);
    let text = pdf_text(&pdf_of(&draft, draft.conversation(id).unwrap(), Lang::Da));
    assert!(text.contains("KLADDE – ikke godkendt"));
    let (done, id) = danish_case("Fagsprog.", true);
    let text = pdf_text(&pdf_of(&done, done.conversation(id).unwrap(), Lang::Da));
    assert!(!text.contains("KLADDE"));
    assert!(text.contains("Referatet er godkendt 23.11.2026 kl. 15:30 af Gitte Holm"));
    assert!(
        !text.contains("gitte"),
        "the login never appears in a document"
    );
}

#[test]
fn danish_letters_survive_the_round_trip_in_names_and_minutes() {
    let (case, id) = danish_case("Æbler, øer og ål: ÆØÅ æøå.", true);
    let text = pdf_text(&pdf_of(&case, case.conversation(id).unwrap(), Lang::Da));
    assert_has(
        &text,
        &[
            "Åse Ørum-Hansen",
            "Bjørn Læsø",
            "Gitte Åkjær",
            "Plejecenter Ærtebjerghave",
            "Æ Ø Å og æ ø å",
            "Æbler, øer og ål: ÆØÅ æøå.",
            "sikkerpost@fanoe.dk",
        ],
    );
    let demo_case = demo("Jonas Ærenlund");
    let c = conversation(&demo_case, Level::Three, true);
    assert_has(
        &pdf_text(&pdf_of(&demo_case, &c, Lang::Da)),
        &["Jonas Ærenlund", "Type 3"],
    );
}

#[test]
fn english_minutes_use_the_english_catalog() {
    let case = demo("Oliver Brandt");
    let c = conversation(&case, Level::Two, false);
    let text = pdf_text(&pdf_of(&case, &c, Lang::En));
    assert_has(
        &text,
        &[
            "Agenda/minutes for the conversation on",
            "DRAFT – not finalized",
            "What the workplace secures",
            "What the student commits to",
            "Participants",
            "Page 1 of",
        ],
    );
    assert!(!text.contains("KLADDE"));
    assert!(!text.contains("Side 1"));
}

#[test]
fn long_minutes_span_pages_numbered_side_n_af_total() {
    let paragraph = "Eleven og vejlederen gennemgik forløbet grundigt, og der blev talt om \
                     læringsmål, trivsel og fremmøde på afdelingen. ";
    let long = paragraph.repeat((200 * 1024_usize).div_ceil(paragraph.len()));
    assert!(long.len() >= 200 * 1024);
    let (case, id) = danish_case(&long, false);
    let started = Instant::now();
    let bytes = pdf_of(&case, case.conversation(id).unwrap(), Lang::Da);
    let made = started.elapsed();
    let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap();
    let n = pages.len();
    println!(
        "200 KB of minutes: {n} pages, {} KB of PDF in {made:?}",
        bytes.len() / 1024
    );
    assert!(n > 10, "{n} pages");
    assert!(squash(&pages[0]).contains(&format!("Side 1 af {n}")));
    assert!(squash(&pages[n - 1]).contains(&format!("Side {n} af {n}")));
    // The closing items come after the long text, on the last pages.
    assert!(squash(&pages[n - 1]).contains("Dannet med Fokus 23.11.2026 kl. 14:05."));
}

#[test]
fn a_mebibyte_of_minutes_or_one_endless_word_does_not_hang_or_panic() {
    for text in [
        "Referat med mange ord. ".repeat(1024 * 1024 / 23),
        "ø".repeat(512 * 1024),
    ] {
        let (case, id) = danish_case(&text, false);
        let c = case.conversation(id).unwrap();
        let started = Instant::now();
        let bytes = pdf_of(&case, c, Lang::Da);
        println!(
            "{} KB of minutes: {} KB of PDF in {:?}",
            text.len() / 1024,
            bytes.len() / 1024,
            started.elapsed()
        );
        assert!(bytes.starts_with(b"%PDF"));
        let md = markdown(&export::document(&case, c, &book(), Lang::Da, now()));
        assert!(md.len() > text.len());
    }
}

#[test]
fn markdown_has_headings_lists_and_an_agreements_table_with_pipes_escaped() {
    let (case, id) = danish_case("Fagsprog | dokumentation *fed*", false);
    let doc = export::document(
        &case,
        case.conversation(id).unwrap(),
        &book(),
        Lang::Da,
        now(),
    );
    let md = markdown(&doc);
    assert!(
        md.starts_with("# Dagsorden/referat til samtale d. 23.11.2026 – KLADDE – ikke godkendt\n")
    );
    assert_has(
        &md,
        &[
            "\n## 1. Kort velkomst og præsentationsrunde\n",
            "\n## 3. Handleplan med henblik på at understøtte læringsforløbet\n",
            "\n### Hvad oplæringsstedet sikrer",
            "\n- Elev: Åse Ørum-Hansen – deltog: ja\n",
            "| Aftale | Ansvarlig | Frist | Status |\n| --- | --- | --- | --- |\n",
            "| Øve fagord \\| læse op hver fredag | Oplæringsstedet | 04.12.2026 | Åben |",
            "Fagsprog \\| dokumentation \\*fed\\*",
            "\n- **Ansættende myndighed (til orientering)**\n  - Fanø Kommune – sikker post: sikkerpost@fanoe.dk\n",
        ],
    );
    for line in md.lines().filter(|l| l.starts_with('|')) {
        let unescaped = line.replace("\\|", "");
        assert_eq!(unescaped.matches('|').count(), 5, "{line}");
    }
}

#[test]
fn file_names_sort_by_date_differ_the_same_day_and_hide_the_name() {
    let (case, first) = danish_case("Fagsprog.", true);
    let mut case = case;
    let second_id = ConversationId(9_999);
    let mut second = case.plan_conversation(
        second_id,
        Level::Two,
        today().and_hms_opt(13, 0, 0).unwrap(),
    );
    second.state = ConversationState::Held { on: today() };
    case.conversations.push(second);
    let a = file_stem(&case, case.conversation(first).unwrap());
    let b = file_stem(&case, case.conversation(second_id).unwrap());
    assert!(a.starts_with("2026-11-23_type1_AAOE_"), "{a}");
    assert!(b.starts_with("2026-11-23_type2_AAOE_"), "{b}");
    assert_ne!(a, b);
    let mut same_type = case.conversation(second_id).unwrap().clone();
    same_type.level = Level::One;
    assert_ne!(
        a,
        file_stem(&case, &same_type),
        "the short id tells them apart"
    );

    let jonas = demo("Jonas Ærenlund");
    let mut stems: Vec<String> = jonas
        .conversations
        .iter()
        .map(|c| file_stem(&jonas, c))
        .collect();
    let by_date: Vec<String> = stems.clone();
    stems.sort();
    assert_eq!(stems, by_date, "conversations are kept in date order");
    for stem in stems.iter().chain([&a, &b]) {
        assert!(
            stem.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'),
            "{stem}"
        );
        assert!(!stem.contains("Jonas") && !stem.contains("renlund") && !stem.contains("Ase"));
        assert!(stem.contains("_JAE_") || stem.contains("_AAOE_"), "{stem}");
    }
}

#[test]
fn minutes_are_written_as_pdf_and_markdown_readable_by_the_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let (case, id) = danish_case("Fagsprog.", true);
    let c = case.conversation(id).unwrap();
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("referater");
    let (pdf_path, md_path) = write_minutes(&dir, &case, c, &book(), Lang::Da, now()).unwrap();
    let stem = file_stem(&case, c);
    assert_eq!(pdf_path, dir.join(format!("{stem}.pdf")));
    assert_eq!(md_path, dir.join(format!("{stem}.md")));
    for path in [&pdf_path, &md_path] {
        let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", path.display());
    }
    let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    assert!(std::fs::read(&pdf_path).unwrap().starts_with(b"%PDF"));
    assert!(
        std::fs::read_to_string(&md_path)
            .unwrap()
            .contains("Åse Ørum-Hansen")
    );
    // Writing again replaces the files and leaves nothing else behind.
    write_minutes(&dir, &case, c, &book(), Lang::Da, now()).unwrap();
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
}

#[test]
fn an_unwritable_folder_is_an_error_with_a_message_not_a_panic() {
    let (case, id) = danish_case("Fagsprog.", true);
    let root = tempfile::tempdir().unwrap();
    let blocker = root.path().join("fil");
    std::fs::write(&blocker, b"x").unwrap();
    let err = write_minutes(
        &blocker.join("referater"),
        &case,
        case.conversation(id).unwrap(),
        &book(),
        Lang::Da,
        now(),
    )
    .unwrap_err();
    assert!(err.message(Lang::Da).contains("kunne ikke skrives"));
    assert!(err.message(Lang::En).contains("could not be written"));
}
