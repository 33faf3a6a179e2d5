//! Agendas and minutes as PDF and Markdown files: what they hold (and what they must not),
//! how they are marked, named and written, and that nothing already written is overwritten.
//! The PDF is checked by extracting its text again.

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
use fokus::export::{self, DocContext, file_stem, markdown, pdf, write_minutes};
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
        .expect("the demo stories")
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

fn doc_of(case: &Case, c: &Conversation, lang: Lang) -> export::MinutesDoc {
    let book = book();
    let cx = DocContext {
        book: &book,
        lang,
        now: now(),
        initials: false,
    };
    export::document(case, c, &cx)
}

fn pdf_of(case: &Case, c: &Conversation, lang: Lang) -> Vec<u8> {
    pdf(&doc_of(case, c, lang)).expect("a PDF")
}

fn cx(book: &[Organisation]) -> DocContext<'_> {
    DocContext {
        book,
        lang: Lang::Da,
        now: now(),
        initials: false,
    }
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
        school_periods: Vec::new(),
        ended: None,
        interventions: Vec::new(),
        team: Default::default(),
    };
    let ctx = Ctx {
        now: today().and_hms_opt(15, 30, 0).unwrap(),
        // The person as she told Fokus; her login ("gitte") is never printed.
        by: fokus::domain::Actor::new("Gitte Holm", fokus::domain::Role::EducationOfficer, "gitte"),
    };
    let mut case = Case::new(student.clone());
    case.apply(&case::create_student(student, &ctx, &mut ids));
    let id = ConversationId(ids.next_id());
    let mut c = case.plan_conversation(id, Level::One, today().and_hms_opt(9, 0, 0).unwrap());
    c.state = ConversationState::Held { on: today() };
    for p in &mut c.participants {
        p.attended = true;
    }
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
        case::finalize_conversation(&case, c, vec![agreement], &ctx, &mut ids)
            .unwrap()
            .0
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
            "Referatet er godkendt",
            &format!(
                "Noah Kristensen – type 2-samtale d. {}",
                c.date().format("%d.%m.%Y")
            ),
            "Side 1 af",
        ],
    );
    assert!(!text.contains("KLADDE"), "finalized minutes are no draft");
    assert_no_bookkeeping(&text);
}

/// Fokus's own tracking of the minutes is no part of them.
fn assert_no_bookkeeping(text: &str) {
    for unwanted in [
        "afkrydset",
        "Afkrydset",
        "ikke afkrydset",
        "mangler i adressebogen",
        "findes ikke i adressebogen",
        "ticked",
        "Ticked",
        "missing from the address book",
        "not in the address book",
        " af demo",
        " by demo",
        "root",
    ] {
        assert!(
            !text.contains(unwanted),
            "{unwanted:?} is in the text:\n{text}"
        );
    }
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
    let doc = doc_of(&case, &c, Lang::Da);
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
    assert!(
        text.contains(
            "Referatet er godkendt 23.11.2026 kl. 15:30 af Gitte Holm (Uddannelsesansvarlig)."
        ),
        "{text}"
    );
    assert!(
        !text.contains("gitte"),
        "the login that finalized is not printed"
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
        let md = markdown(&doc_of(&case, c, Lang::Da));
        assert!(md.len() > text.len());
    }
}

#[test]
fn markdown_has_headings_lists_and_an_agreements_table_with_pipes_escaped() {
    let (case, id) = danish_case("Fagsprog | dokumentation *fed*", false);
    let doc = doc_of(&case, case.conversation(id).unwrap(), Lang::Da);
    let md = markdown(&doc);
    assert!(
        md.starts_with(
            "*Åse Ørum-Hansen – type 1-samtale d. 23.11.2026*\n\n\
             # Dagsorden/referat til samtale d. 23.11.2026 – KLADDE – ikke godkendt\n"
        ),
        "{md}"
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
    let book = book();
    let written = write_minutes(&dir, &case, c, &cx(&book)).unwrap();
    assert!(written.new);
    let (pdf_path, md_path) = (written.pdf, written.md);
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
    // Writing again leaves the files and nothing else behind.
    write_minutes(&dir, &case, c, &cx(&book)).unwrap();
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
}

#[test]
fn an_unwritable_folder_is_an_error_with_a_message_not_a_panic() {
    let (case, id) = danish_case("Fagsprog.", true);
    let root = tempfile::tempdir().unwrap();
    let blocker = root.path().join("fil");
    std::fs::write(&blocker, b"x").unwrap();
    let book = book();
    let err = write_minutes(
        &blocker.join("referater"),
        &case,
        case.conversation(id).unwrap(),
        &cx(&book),
    )
    .unwrap_err();
    assert!(err.message(Lang::Da).contains("kunne ikke skrives"));
    assert!(err.message(Lang::En).contains("could not be written"));
}

/// Every agenda and minutes of the demo students, in both languages.
fn every_demo_document() -> Vec<(Case, Conversation, Lang, export::MinutesDoc)> {
    let mut ids = 0u64;
    let mut out = Vec::new();
    for d in demo_cases(today(), &mut ids).expect("the demo stories") {
        for c in &d.case.conversations {
            for lang in [Lang::Da, Lang::En] {
                let doc = doc_of(&d.case, c, lang);
                out.push((d.case.clone(), c.clone(), lang, doc));
            }
        }
    }
    out
}

#[test]
fn no_document_holds_bookkeeping_or_a_label_without_a_value() {
    let docs = every_demo_document();
    assert!(docs.len() > 30, "{} documents", docs.len());
    for (case, c, lang, doc) in &docs {
        let what = format!("{} {:?} {lang:?}", case.student.name, c.state);
        for f in doc.header.iter().chain(doc.items.iter().flat_map(|s| {
            s.blocks.iter().flat_map(|b| match b {
                export::Block::Fields(f) => f.as_slice(),
                _ => &[],
            })
        })) {
            assert!(!f.value.trim().is_empty(), "{what}: {} is empty", f.label);
        }
        for section in doc.items.iter().chain(&doc.addenda) {
            for (i, b) in section.blocks.iter().enumerate() {
                match b {
                    export::Block::Label(label) => assert!(
                        matches!(
                            section.blocks.get(i + 1),
                            Some(
                                export::Block::Text(_)
                                    | export::Block::Placeholder(_)
                                    | export::Block::Table(_)
                            )
                        ),
                        "{what}: {label:?} labels nothing"
                    ),
                    export::Block::List(items) => {
                        for item in items {
                            assert!(item.lines.iter().all(|l| !l.trim().is_empty()), "{what}");
                        }
                    }
                    _ => {}
                }
            }
        }
        let md = markdown(doc);
        assert_no_bookkeeping(&md);
        let lines: Vec<&str> = md.lines().map(str::trim_end).collect();
        for (i, line) in lines.iter().enumerate() {
            // A sentence ending in a colon introduces the list after it.
            let next = lines[i + 1..].iter().find(|l| !l.is_empty());
            let introduces_a_list = next.is_some_and(|l| l.starts_with("- "));
            assert!(
                !line.ends_with(":**") && (!line.ends_with(':') || introduces_a_list),
                "{what}: a label without a value: {line:?}"
            );
        }
        for (label, value) in [("sikker post:", ""), ("secure mail:", "")] {
            for (at, _) in md.match_indices(label) {
                let after = md[at + label.len()..].lines().next().unwrap_or(value);
                assert!(after.contains('@'), "{what}: {label} without an address");
            }
        }
        if *lang == Lang::Da {
            assert_no_bookkeeping(&pdf_text(&pdf(doc).unwrap()));
        }
    }
}

#[test]
fn a_planned_conversation_exports_as_an_agenda_that_summons_the_invited() {
    let case = demo("Mikkel Sørensen");
    let c = case
        .conversations
        .iter()
        .find(|c| c.state == ConversationState::Planned)
        .expect("a planned conversation");
    let date = c.date().format("%d.%m.%Y").to_string();
    let text = pdf_text(&pdf_of(&case, c, Lang::Da));
    assert_has(
        &text,
        &[
            &format!("Dagsorden til samtale d. {date}"),
            &format!("Indkaldelse til type {}-samtale", c.level.number()),
            "Indkaldte",
            "Rolle",
            "Navn",
            "Oplæringsvejleder",
            "Lone Ravn",
            "1. Kort velkomst og præsentationsrunde",
            "2. Identificering af læringsmæssige behov",
            "3. Handleplan med henblik på at understøtte læringsforløbet",
            "4. Ny dato for samtale",
            "5. Referat og fordeling",
            "6. Afrunding af mødet",
            "Side 1 af 1",
        ],
    );
    for absent in [
        "Deltog",
        "deltog",
        "(ikke udfyldt)",
        "Ikke valgt",
        "Ingen aftaler registreret",
        "KLADDE",
        "Referatet er godkendt",
        "Dagsorden/referat",
    ] {
        assert!(
            !text.contains(absent),
            "{absent:?} is in the agenda:\n{text}"
        );
    }
    let md = markdown(&doc_of(&case, c, Lang::Da));
    assert!(md.contains("\n- Oplæringsvejleder: Lone Ravn\n"), "{md}");
    assert!(!md.contains("deltog"));
    let english = pdf_text(&pdf_of(&case, c, Lang::En));
    assert_has(&english, &["Agenda for the conversation on", "Invited"]);
    assert!(!english.contains("Attended"));
}

#[test]
fn held_minutes_show_who_attended_as_recorded() {
    let (mut case, id) = danish_case("Fagsprog.", false);
    let c = case.conversations.iter_mut().find(|c| c.id == id).unwrap();
    c.participants[1].attended = false;
    let c = case.conversation(id).unwrap().clone();
    let text = pdf_text(&pdf_of(&case, &c, Lang::Da));
    assert_has(
        &text,
        &[
            "Deltagere",
            "Deltog",
            "Åse Ørum-Hansen ja",
            "Bjørn Læsø nej",
        ],
    );
    let md = markdown(&doc_of(&case, &c, Lang::Da));
    assert!(
        md.contains("\n- Oplæringsvejleder: Bjørn Læsø – deltog: nej\n"),
        "{md}"
    );
}

#[test]
fn every_page_names_the_student_the_type_and_the_date() {
    let long = "Eleven og vejlederen gennemgik forløbet. ".repeat(600);
    let (case, id) = danish_case(&long, false);
    let c = case.conversation(id).unwrap();
    let book = book();
    for (lang, initials, running, page) in [
        (
            Lang::Da,
            false,
            "Åse Ørum-Hansen – type 1-samtale d. 23.11.2026",
            "Side",
        ),
        (Lang::Da, true, "ÅØ – type 1-samtale d. 23.11.2026", "Side"),
        (
            Lang::En,
            true,
            "ÅØ – type 1 conversation on 23.11.2026",
            "Page",
        ),
    ] {
        let cx = DocContext {
            book: &book,
            lang,
            now: now(),
            initials,
        };
        let doc = export::document(&case, c, &cx);
        let pages = pdf_extract::extract_text_from_mem_by_pages(&pdf(&doc).unwrap()).unwrap();
        let n = pages.len();
        assert!(n >= 3, "{n} pages");
        let of = if lang == Lang::Da { "af" } else { "of" };
        for (i, text) in pages.iter().map(|p| squash(p)).enumerate() {
            assert!(
                text.contains(running),
                "page {} lacks {running:?}:\n{text}",
                i + 1
            );
            assert!(
                text.contains(&format!("{page} {} {of} {n}", i + 1)),
                "page {} is not numbered:\n{text}",
                i + 1
            );
            // The pages between the header and the distribution hold only the long text
            // and what every page carries.
            if initials && i > 0 && i + 1 < n {
                assert!(!text.contains("Åse Ørum-Hansen"), "page {}", i + 1);
            }
        }
        let md = markdown(&doc);
        assert!(md.starts_with(&format!("*{running}*\n\n# ")), "{md}");
        assert!(!md.contains(page), "no page numbers in Markdown");
    }
}

#[test]
fn a_very_long_name_is_cut_in_the_page_footer_not_run_into_the_page_number() {
    let (mut case, id) = danish_case("Fagsprog.", false);
    case.student.name = "Åse ".repeat(40) + "Ørum-Hansen";
    let c = case.conversation(id).unwrap();
    let text = pdf_text(&pdf_of(&case, c, Lang::Da));
    assert!(text.contains("Åse Åse…"), "cut at a word: {text}");
    assert!(text.contains("Side 1 af"));
}

fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn exporting_unchanged_minutes_again_leaves_the_files_as_they_are() {
    let (case, id) = danish_case("Fagsprog.", true);
    let c = case.conversation(id).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let book = book();
    let first = write_minutes(dir.path(), &case, c, &cx(&book)).unwrap();
    assert!(first.new);
    let pdf_bytes = std::fs::read(&first.pdf).unwrap();
    // An hour later the PDF would say another time of writing; the content is the same.
    let later = DocContext {
        now: now() + chrono::Duration::hours(1),
        ..cx(&book)
    };
    let again = write_minutes(dir.path(), &case, c, &later).unwrap();
    assert!(!again.new, "reported as the file already there");
    assert_eq!((&again.pdf, &again.md), (&first.pdf, &first.md));
    assert_eq!(
        std::fs::read(&first.pdf).unwrap(),
        pdf_bytes,
        "left as it is"
    );
    assert_eq!(names_in(dir.path()).len(), 2);
}

#[test]
fn changed_minutes_become_a_new_version_and_the_earlier_ones_stay() {
    let (mut case, id) = danish_case("Fagsprog.", false);
    let dir = tempfile::tempdir().unwrap();
    let book = book();
    let stem = file_stem(&case, case.conversation(id).unwrap());
    let write = |case: &Case| {
        write_minutes(dir.path(), case, case.conversation(id).unwrap(), &cx(&book)).unwrap()
    };
    let v1 = write(&case);
    let v1_md = std::fs::read_to_string(&v1.md).unwrap();
    let v1_pdf = std::fs::read(&v1.pdf).unwrap();
    let set_needs = |case: &mut Case, text: &str| {
        let c = case.conversations.iter_mut().find(|c| c.id == id).unwrap();
        c.minutes.learning_needs = text.into();
    };
    set_needs(&mut case, "Fagsprog og dokumentation.");
    let v2 = write(&case);
    assert!(v2.new);
    assert_eq!(
        v2.pdf.file_name().unwrap().to_string_lossy(),
        format!("{stem}-2.pdf")
    );
    assert_eq!(
        v2.md.file_name().unwrap().to_string_lossy(),
        format!("{stem}-2.md")
    );
    set_needs(&mut case, "Fagsprog, dokumentation og fremmøde.");
    let v3 = write(&case);
    assert!(v3.md.to_string_lossy().ends_with(&format!("{stem}-3.md")));
    assert_eq!(
        std::fs::read_to_string(&v1.md).unwrap(),
        v1_md,
        "version 1 stays"
    );
    assert_eq!(std::fs::read(&v1.pdf).unwrap(), v1_pdf);
    assert!(
        std::fs::read_to_string(&v2.md)
            .unwrap()
            .contains("Fagsprog og dokumentation.")
    );
    // Back to what version 1 said: that is the file already there.
    set_needs(&mut case, "Fagsprog.");
    let back = write(&case);
    assert!(!back.new);
    assert_eq!(back.md, v1.md);
    // A version whose PDF was moved away gets it again, from the same content.
    std::fs::remove_file(&v2.pdf).unwrap();
    set_needs(&mut case, "Fagsprog og dokumentation.");
    let again = write(&case);
    assert_eq!((again.new, &again.pdf), (false, &v2.pdf));
    assert!(std::fs::read(&v2.pdf).unwrap().starts_with(b"%PDF"));
    assert_eq!(names_in(dir.path()).len(), 6);
}

#[test]
fn a_file_without_its_markdown_is_never_written_over() {
    let (case, id) = danish_case("Fagsprog.", true);
    let c = case.conversation(id).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let stem = file_stem(&case, c);
    let mine = dir.path().join(format!("{stem}.pdf"));
    std::fs::write(&mine, b"the copy that was sent").unwrap();
    let book = book();
    let written = write_minutes(dir.path(), &case, c, &cx(&book)).unwrap();
    assert!(written.new);
    assert_eq!(written.pdf, dir.path().join(format!("{stem}-2.pdf")));
    assert_eq!(std::fs::read(&mine).unwrap(), b"the copy that was sent");
}

#[test]
fn every_document_written_about_a_student_is_in_the_access_export_and_goes_at_erasure() {
    let (mut case, id) = danish_case("Fagsprog.", false);
    let dir = tempfile::tempdir().unwrap();
    let book = book();
    let mut written = Vec::new();
    let mut write = |case: &Case| {
        let w =
            write_minutes(dir.path(), case, case.conversation(id).unwrap(), &cx(&book)).unwrap();
        written.extend([w.pdf, w.md]);
    };
    write(&case);
    // A new version, then the same conversation under another date and type: each name
    // differs, all are hers.
    let edit = |case: &mut Case, f: &dyn Fn(&mut Conversation)| {
        f(case.conversations.iter_mut().find(|c| c.id == id).unwrap());
    };
    edit(&mut case, &|c| c.minutes.closing = "Tak for i dag.".into());
    write(&case);
    edit(&mut case, &|c| {
        c.state = ConversationState::Held {
            on: today().succ_opt().unwrap(),
        }
    });
    edit(&mut case, &|c| c.level = Level::Two);
    write(&case);
    let names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let distinct: std::collections::BTreeSet<_> = names.iter().collect();
    assert_eq!(distinct.len(), 6, "{names:?}");
    // A crash left a half-written file behind.
    let half = dir.path().join(format!(".{}.4711.tmp", names[0]));
    std::fs::write(&half, b"half").unwrap();
    // Another student's minutes in the same folder — from another database (the demo),
    // where the same conversation id names another conversation.
    let other = demo("Amira Hassan");
    let other_c = conversation(&other, Level::One, true);
    let theirs = write_minutes(dir.path(), &other, &other_c, &cx(&book)).unwrap();

    let access = tempfile::tempdir().unwrap();
    let paths =
        export::student::write(access.path(), dir.path(), &case, &cx(&book), "root").unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&paths[1]).unwrap()).unwrap();
    let mut listed: Vec<String> = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    listed.sort();
    let mut expected = names.clone();
    expected.sort();
    assert_eq!(listed, expected);
    for name in &names {
        let copy = paths[0].join(export::student::DOCUMENTS_FOLDER).join(name);
        assert_eq!(
            std::fs::read(&copy).unwrap(),
            std::fs::read(dir.path().join(name)).unwrap(),
            "{name} is copied as written"
        );
    }

    assert_eq!(
        file_stem(&other, &other_c).rsplit('_').next(),
        names[0].trim_end_matches(".pdf").rsplit('_').next(),
        "the same tag"
    );
    // Found by name, for an erasure: every version and the half-written file, not theirs.
    let found = export::found_by_name(dir.path(), &case);
    assert_eq!(found.len(), 7, "{found:?}");
    for path in &found {
        std::fs::remove_file(path).unwrap();
    }
    assert_eq!(
        names_in(dir.path()),
        [
            theirs
                .md
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned(),
            theirs
                .pdf
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        ]
    );
}
