//! The calendar export read back with a real iCalendar parser (the `ical` crate), as
//! Outlook or another calendar would read it.

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufReader;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use fokus::domain::reminders::{DueKind, due_items};
use fokus::domain::{Case, ConversationState};
use fokus::export::ics::{IcsOptions, calendar, write_calendar};
use fokus::i18n::Lang;
use ical::parser::ical::component::{IcalCalendar, IcalEvent};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    day(2026, 11, 23)
}

fn demo() -> Vec<Case> {
    fokus::demo::demo_cases(today(), &mut 0u64)
        .expect("the demo stories")
        .into_iter()
        .map(|d| d.case)
        .collect()
}

fn initials_only() -> IcsOptions {
    IcsOptions { full_names: false }
}

fn parse(text: &str) -> IcalCalendar {
    let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = parser.next().expect("one calendar").expect("it parses");
    assert!(parser.next().is_none(), "exactly one calendar");
    cal
}

fn prop<'a>(event: &'a IcalEvent, name: &str) -> Option<&'a str> {
    event
        .properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
}

fn params(event: &IcalEvent, name: &str) -> Vec<(String, Vec<String>)> {
    event
        .properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.params.clone())
        .unwrap_or_default()
}

/// Reverses RFC 5545 TEXT escaping (the `ical` crate hands values back as written).
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn uids(cal: &IcalCalendar) -> Vec<String> {
    cal.events
        .iter()
        .map(|e| prop(e, "UID").unwrap().to_string())
        .collect()
}

/// What the export should hold: planned conversations and pending follow-ups in range,
/// worked out here from the records rather than from the exporter.
fn expected_uids(cases: &[Case], from: NaiveDate, to: NaiveDate) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for case in cases.iter().filter(|c| c.student.status.is_followed_up()) {
        for c in &case.conversations {
            let d = c.planned_at.date();
            if c.state == ConversationState::Planned && d >= from && d <= to {
                out.insert(format!("conversation-{}@fokus", c.id));
            }
        }
        for item in due_items(case) {
            if item.kind == DueKind::FollowUp && item.date >= from && item.date <= to {
                out.insert(format!("followup-{}@fokus", item.subject));
            }
        }
    }
    out
}

fn start_date(event: &IcalEvent) -> NaiveDate {
    let v = prop(event, "DTSTART").unwrap();
    NaiveDate::parse_from_str(&v[..8], "%Y%m%d").unwrap()
}

#[test]
fn one_event_per_planned_conversation_and_pending_follow_up_in_range() {
    let cases = demo();
    let (from, to) = (today() - Duration::days(3), today() + Duration::days(60));
    let cal = parse(&calendar(&cases, from, to, &initials_only(), Lang::Da));
    let got: BTreeSet<String> = uids(&cal).into_iter().collect();
    let want = expected_uids(&cases, from, to);
    assert_eq!(got, want);
    let meetings = want
        .iter()
        .filter(|u| u.starts_with("conversation-"))
        .count();
    let follow_ups = want.iter().filter(|u| u.starts_with("followup-")).count();
    assert!(meetings >= 2, "the demo has planned meetings ahead");
    assert!(follow_ups >= 1, "the demo has follow-ups without a meeting");
    assert_eq!(cal.events.len(), meetings + follow_ups);
}

#[test]
fn meetings_are_an_hour_in_copenhagen_time_and_follow_ups_are_all_day() {
    let cases = demo();
    let (from, to) = (today(), today() + Duration::days(60));
    let text = calendar(&cases, from, to, &initials_only(), Lang::Da);
    let cal = parse(&text);
    assert_eq!(
        cal.timezones.len(),
        1,
        "the zone the times refer to is defined"
    );
    let tz = &cal.timezones[0];
    assert!(
        tz.properties
            .iter()
            .any(|p| p.name == "TZID" && p.value.as_deref() == Some("Europe/Copenhagen"))
    );
    assert_eq!(tz.transitions.len(), 2, "summer and winter time");

    let by_uid: BTreeMap<String, &Case> = cases
        .iter()
        .flat_map(|c| {
            c.conversations
                .iter()
                .map(move |v| (format!("conversation-{}@fokus", v.id), c))
        })
        .collect();
    for event in &cal.events {
        let uid = prop(event, "UID").unwrap();
        if uid.starts_with("conversation-") {
            let tzid = params(event, "DTSTART");
            assert_eq!(
                tzid,
                vec![("TZID".to_string(), vec!["Europe/Copenhagen".to_string()])]
            );
            let start =
                NaiveDateTime::parse_from_str(prop(event, "DTSTART").unwrap(), "%Y%m%dT%H%M%S")
                    .unwrap();
            let end = NaiveDateTime::parse_from_str(prop(event, "DTEND").unwrap(), "%Y%m%dT%H%M%S")
                .unwrap();
            assert_eq!(end - start, Duration::hours(1));
            let case = by_uid[uid];
            let c = case
                .conversations
                .iter()
                .find(|c| format!("conversation-{}@fokus", c.id) == uid)
                .unwrap();
            assert_eq!(start, c.planned_at, "local time as planned");
            assert_eq!(prop(event, "LOCATION").map(unescape), Some(c.place.clone()));
            assert_eq!(prop(event, "TRANSP"), Some("OPAQUE"));
        } else {
            assert_eq!(
                params(event, "DTSTART"),
                vec![("VALUE".to_string(), vec!["DATE".to_string()])]
            );
            let start = start_date(event);
            let end = NaiveDate::parse_from_str(prop(event, "DTEND").unwrap(), "%Y%m%d").unwrap();
            assert_eq!(end, start + Duration::days(1));
            assert_eq!(prop(event, "TRANSP"), Some("TRANSPARENT"));
        }
        assert_eq!(prop(event, "CLASS"), Some("PRIVATE"));
        assert!(prop(event, "DTSTAMP").unwrap().ends_with('Z'));
        assert!(prop(event, "LAST-MODIFIED").unwrap().ends_with('Z'));
        assert!(prop(event, "SEQUENCE").unwrap().parse::<u32>().is_ok());
    }
}

#[test]
fn summaries_hold_initials_unless_full_names_are_asked_for() {
    let cases = demo();
    let (from, to) = (today(), today() + Duration::days(60));
    let names: Vec<&str> = cases.iter().map(|c| c.student.name.as_str()).collect();

    let text = calendar(&cases, from, to, &initials_only(), Lang::Da);
    for name in &names {
        assert!(!text.contains(name), "{name} appears in the calendar");
        for part in name.split_whitespace() {
            assert!(!text.contains(part), "part of a name, {part}, appears");
        }
    }
    let cal = parse(&text);
    let meeting = cal
        .events
        .iter()
        .find(|e| prop(e, "UID").unwrap().starts_with("conversation-"))
        .unwrap();
    let summary = unescape(prop(meeting, "SUMMARY").unwrap());
    let (kind, who) = summary.split_once(" – ").unwrap();
    assert!(
        kind.starts_with("Type ") && kind.ends_with("-samtale"),
        "{summary}"
    );
    assert!(
        cases.iter().any(|c| c.student.initials() == who),
        "{who} is someone's initials"
    );

    let full = parse(&calendar(
        &cases,
        from,
        to,
        &IcsOptions { full_names: true },
        Lang::Da,
    ));
    let summaries: Vec<String> = full
        .events
        .iter()
        .map(|e| unescape(prop(e, "SUMMARY").unwrap()))
        .collect();
    assert!(
        summaries
            .iter()
            .all(|s| names.iter().any(|n| s.ends_with(&format!(" – {n}")))),
        "{summaries:?}"
    );
}

#[test]
fn uids_are_stable_across_exports_and_unique() {
    let (from, to) = (today() - Duration::days(30), today() + Duration::days(90));
    let first = calendar(&demo(), from, to, &initials_only(), Lang::Da);
    let second = calendar(&demo(), from, to, &initials_only(), Lang::Da);
    assert_eq!(first, second, "the same data gives the same file");
    let a = uids(&parse(&first));
    let b = uids(&parse(&second));
    assert_eq!(a, b);
    let unique: BTreeSet<&String> = a.iter().collect();
    assert_eq!(unique.len(), a.len(), "no UID is used twice");
    assert!(a.iter().all(|u| u.ends_with("@fokus")));

    // A new language or full names change the texts but not which entries they are.
    let english = uids(&parse(&calendar(
        &demo(),
        from,
        to,
        &IcsOptions { full_names: true },
        Lang::En,
    )));
    assert_eq!(a, english);
}

#[test]
fn a_changed_meeting_keeps_its_uid_and_gets_a_new_sequence() {
    let mut cases = demo();
    let (from, to) = (today(), today() + Duration::days(60));
    let before = parse(&calendar(&cases, from, to, &initials_only(), Lang::Da));
    let target = cases
        .iter_mut()
        .flat_map(|c| c.conversations.iter_mut())
        .find(|c| c.state == ConversationState::Planned && c.planned_at.date() >= from)
        .unwrap();
    let uid = format!("conversation-{}@fokus", target.id);
    target.place = "Mødelokale 2, Rådhuset".into();
    let after = parse(&calendar(&cases, from, to, &initials_only(), Lang::Da));
    let find = |cal: &IcalCalendar| {
        cal.events
            .iter()
            .find(|e| prop(e, "UID") == Some(uid.as_str()))
            .cloned()
            .unwrap()
    };
    let (old, new) = (find(&before), find(&after));
    assert_ne!(prop(&old, "SEQUENCE"), prop(&new, "SEQUENCE"));
    assert_eq!(
        prop(&new, "LOCATION").map(unescape).as_deref(),
        Some("Mødelokale 2, Rådhuset")
    );
    // Entries that did not change keep their sequence.
    let unchanged = |cal: &IcalCalendar| -> Vec<(String, String)> {
        cal.events
            .iter()
            .filter(|e| prop(e, "UID") != Some(uid.as_str()))
            .map(|e| {
                (
                    prop(e, "UID").unwrap().to_string(),
                    prop(e, "SEQUENCE").unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(unchanged(&before), unchanged(&after));
}

#[test]
fn every_event_has_a_display_alarm_the_day_before() {
    let (from, to) = (today(), today() + Duration::days(60));
    let cal = parse(&calendar(&demo(), from, to, &initials_only(), Lang::Da));
    assert!(!cal.events.is_empty());
    for event in &cal.events {
        assert_eq!(event.alarms.len(), 1);
        let alarm = &event.alarms[0];
        let get = |name: &str| {
            alarm
                .properties
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.value.clone())
        };
        assert_eq!(get("TRIGGER").as_deref(), Some("-P1D"));
        assert_eq!(get("ACTION").as_deref(), Some("DISPLAY"));
        assert!(get("DESCRIPTION").unwrap().starts_with("I morgen: "));
    }
}

#[test]
fn the_range_is_respected() {
    let cases = demo();
    let (from, to) = (today() + Duration::days(1), today() + Duration::days(14));
    let cal = parse(&calendar(&cases, from, to, &initials_only(), Lang::Da));
    assert_eq!(
        uids(&cal).into_iter().collect::<BTreeSet<_>>(),
        expected_uids(&cases, from, to)
    );
    for event in &cal.events {
        let d = start_date(event);
        assert!(d >= from && d <= to, "{d} is outside {from}–{to}");
    }
    // The demo's meeting today is left out of a range starting tomorrow, and in a range of
    // today alone.
    let today_only = parse(&calendar(
        &cases,
        today(),
        today(),
        &initials_only(),
        Lang::Da,
    ));
    assert!(!today_only.events.is_empty());
    assert!(today_only.events.iter().all(|e| start_date(e) == today()));
    let nothing = calendar(&cases, to, from, &initials_only(), Lang::Da);
    assert!(parse(&nothing).events.is_empty(), "an empty range");
}

#[test]
fn cancelled_held_and_finished_students_meetings_are_left_out() {
    let mut cases = demo();
    let (from, to) = (today(), today() + Duration::days(60));
    let planned: Vec<(usize, usize)> = cases
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            c.conversations
                .iter()
                .enumerate()
                .filter(|(_, v)| v.state == ConversationState::Planned)
                .map(move |(j, _)| (i, j))
        })
        .collect();
    assert!(planned.len() >= 3);
    let (a, b, c) = (planned[0], planned[1], planned[2]);
    cases[a.0].conversations[a.1].state = ConversationState::Cancelled {
        reason: "Syg".into(),
    };
    cases[b.0].conversations[b.1].state = ConversationState::Held { on: today() };
    cases[c.0].student.status = fokus::domain::StudentStatus::DroppedOut;
    let text = calendar(&cases, from, to, &initials_only(), Lang::Da);
    for (i, j) in [a, b, c] {
        let uid = format!("conversation-{}@fokus", cases[i].conversations[j].id);
        assert!(!text.contains(&uid), "{uid} is still exported");
    }
}

#[test]
fn danish_letters_survive_and_english_is_english() {
    let mut cases = demo();
    let (from, to) = (today(), today() + Duration::days(60));
    let with_meeting = cases
        .iter_mut()
        .find(|c| {
            c.conversations
                .iter()
                .any(|v| v.state == ConversationState::Planned && v.planned_at.date() >= from)
        })
        .unwrap();
    with_meeting.student.name = "Åse Ørum-Æbelø".into();
    let text = calendar(&cases, from, to, &initials_only(), Lang::Da);
    let cal = parse(&text);
    let texts: Vec<String> = cal
        .events
        .iter()
        .flat_map(|e| e.properties.iter())
        .filter_map(|p| p.value.as_deref().map(unescape))
        .collect();
    let all = texts.join("\n");
    assert!(all.contains("samtale – ÅØ"), "initials with Danish letters");
    assert!(all.contains("Beslutningsreferatet skrives af: "));
    assert!(all.contains("Opfølgning"));
    assert!(all.contains("Uddannelsesansvarlig") || all.contains("Ansættende myndighed"));

    let english = calendar(&cases, from, to, &initials_only(), Lang::En);
    let cal = parse(&english);
    let summaries: Vec<String> = cal
        .events
        .iter()
        .map(|e| unescape(prop(e, "SUMMARY").unwrap()))
        .collect();
    assert!(summaries.iter().any(|s| s.contains(" conversation – ÅØ")));
    assert!(summaries.iter().any(|s| s.starts_with("Follow-up")));
    assert!(english.contains("The decision minutes are written by: "));
}

#[test]
fn follow_ups_say_what_to_do() {
    let (from, to) = (today() - Duration::days(30), today() + Duration::days(60));
    let cal = parse(&calendar(&demo(), from, to, &initials_only(), Lang::Da));
    let follow_up = cal
        .events
        .iter()
        .find(|e| prop(e, "UID").unwrap().starts_with("followup-"))
        .unwrap();
    let description = unescape(prop(follow_up, "DESCRIPTION").unwrap());
    assert!(
        description.contains("Opfølgning aftalt ved type "),
        "{description}"
    );
    assert!(
        description.contains("Planlæg den opfølgende samtale"),
        "{description}"
    );
    assert!(
        prop(follow_up, "SUMMARY")
            .unwrap()
            .starts_with("Opfølgning")
    );
}

#[test]
fn lines_are_folded_at_75_octets_and_parse_back() {
    let mut cases = demo();
    let (from, to) = (today(), today() + Duration::days(60));
    let long_place = "Plejecenter Kastanjehaven, Afsnit B, mødelokalet på 2. sal ved siden af \
                      personalestuen – spørg efter Bente i receptionen; husk nøglekort, æøå ÆØÅ";
    let target = cases
        .iter_mut()
        .flat_map(|c| c.conversations.iter_mut())
        .find(|c| c.state == ConversationState::Planned && c.planned_at.date() >= from)
        .unwrap();
    target.place = long_place.into();
    let text = calendar(&cases, from, to, &initials_only(), Lang::Da);

    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let body = text.strip_suffix("\r\n").unwrap();
    let mut folded = 0;
    for line in body.split("\r\n") {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break"
        );
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        if line.starts_with(' ') {
            folded += 1;
        }
    }
    assert!(folded > 0, "the long place is folded");
    // Unfolding (RFC 5545 3.1) gives the long line back whole.
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains(&format!(
        "LOCATION:{}",
        long_place.replace(',', "\\,").replace(';', "\\;")
    )));
    // And a real parser reads it back the same.
    let cal = parse(&text);
    let locations: Vec<String> = cal
        .events
        .iter()
        .filter_map(|e| prop(e, "LOCATION").map(unescape))
        .collect();
    assert!(locations.iter().any(|l| l == long_place), "{locations:?}");
}

#[test]
fn the_calendar_file_is_written_owner_only_into_a_new_folder() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("eksport").join("fokus.ics");
    let cases = demo();
    let (from, to) = (today(), today() + Duration::days(60));
    write_calendar(&path, &cases, from, to, &initials_only(), Lang::Da).unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        written,
        calendar(&cases, from, to, &initials_only(), Lang::Da)
    );
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    // Writing again replaces the file whole and leaves no temporary file behind.
    write_calendar(&path, &cases, from, to, &initials_only(), Lang::En).unwrap();
    assert_eq!(
        std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
        1
    );
}
