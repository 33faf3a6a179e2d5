//! The team file's five tools (samarbejdsmodellen) as PDF and Markdown: each is produced,
//! holds its title, and the network map's people are drawn in the PDF.

use chrono::{NaiveDate, NaiveDateTime};
use fokus::demo::demo_cases;
use fokus::domain::Case;
use fokus::export::cooperation::{self, Tool};
use fokus::export::{DocContext, markdown, pdf};
use fokus::i18n::Lang;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(14, 5, 0).unwrap()
}

fn jonas() -> Case {
    let mut ids = 0u64;
    demo_cases(today(), &mut ids)
        .expect("the demo stories")
        .into_iter()
        .map(|d| d.case)
        .find(|c| c.student.name == "Jonas Ærenlund")
        .expect("the type-3 student")
}

fn cx(lang: Lang) -> DocContext<'static> {
    DocContext {
        book: &[],
        lang,
        now: now(),
        initials: false,
    }
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn each_of_the_five_tools_is_a_pdf_and_its_markdown_carries_its_title() {
    let case = jonas();
    for lang in [Lang::Da, Lang::En] {
        for tool in Tool::ALL {
            let doc = cooperation::document(&case, Some(tool), &cx(lang));
            let bytes = pdf(&doc).expect("the PDF is made");
            assert!(bytes.starts_with(b"%PDF-"), "{tool:?}");
            assert!(bytes.len() > 1000, "{tool:?}");
            let md = markdown(&doc);
            assert!(
                md.contains(&format!("# {}", tool.title(lang))),
                "{tool:?}: {md}"
            );
            assert!(md.contains("Jonas Ærenlund"), "{tool:?}");
        }
    }
}

#[test]
fn the_pdfs_hold_what_each_tool_is_about() {
    let case = jonas();
    let text = |tool| {
        let doc = cooperation::document(&case, Some(tool), &cx(Lang::Da));
        squash(&pdf_extract::extract_text_from_mem(&pdf(&doc).unwrap()).unwrap())
    };
    let consent = text(Tool::Consent);
    assert!(consent.contains("Samtykkeerklæring"), "{consent}");
    assert!(consent.contains("Jobcenter Esbjerg"), "{consent}");
    // The map's people are drawn as labels round the circles, and listed in the table.
    let network = text(Tool::Network);
    for name in [
        "Maja Kjær",
        "Hanne Ærenlund",
        "Mikkel Sand",
        "Tæt på",
        "Længere væk",
    ] {
        assert!(network.contains(name), "{name}: {network}");
    }
    let goals = text(Tool::Goals);
    assert!(goals.contains("Bestå medicinhåndtering"), "{goals}");
    let overview = text(Tool::Interventions);
    assert!(overview.contains("SOSU Esbjerg, SPS"), "{overview}");
    let meetings = text(Tool::Meetings);
    assert!(meetings.contains("26.06.2026"), "{meetings}");
}

#[test]
fn all_five_tools_print_as_one_document_written_once_to_the_export_folder() {
    let case = jonas();
    let doc = cooperation::document(&case, None, &cx(Lang::Da));
    let md = markdown(&doc);
    for tool in Tool::ALL {
        assert!(
            md.contains(&format!("## {}", tool.title(Lang::Da))),
            "{tool:?}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let first = cooperation::write(dir.path(), &case, None, &cx(Lang::Da)).unwrap();
    assert!(first.new);
    assert!(std::fs::read(&first.pdf).unwrap().starts_with(b"%PDF-"));
    assert_eq!(
        first.md.file_name().unwrap().to_string_lossy(),
        "2026-11-23_samarbejde_alle_JAE.md"
    );
    // Unchanged: the document already there is left as it is.
    let again = cooperation::write(dir.path(), &case, None, &cx(Lang::Da)).unwrap();
    assert!(!again.new);
    assert_eq!(again.pdf, first.pdf);
}

#[test]
fn a_student_without_a_team_file_gets_documents_saying_nothing_is_recorded() {
    let mut case = jonas();
    case.student.team = Default::default();
    case.student.interventions.clear();
    for tool in Tool::ALL {
        let doc = cooperation::document(&case, Some(tool), &cx(Lang::Da));
        assert!(pdf(&doc).unwrap().starts_with(b"%PDF-"));
        assert!(markdown(&doc).contains("Intet registreret"), "{tool:?}");
    }
}
