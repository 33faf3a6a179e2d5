//! Planned conversations and agreed follow-ups as an iCalendar file (RFC 5545) for Outlook
//! or any other calendar, so the supervisor no longer copies dates into Outlook by hand.
//!
//! Decisions worth knowing:
//! - **Time zone.** Meetings are written in Danish local time with `TZID=Europe/Copenhagen`
//!   and the matching `VTIMEZONE` (CET/CEST, EU rules) in the file, as Outlook itself
//!   exports. Floating times (no zone) would be read as UTC by Outlook on the web and by
//!   subscribed calendars in Outlook.com, moving every meeting one or two hours, and as the
//!   PC's own zone by desktop Outlook; with a zone they land right everywhere.
//! - **Stable UIDs.** `conversation-<id>@fokus` and `followup-<conversation id>@fokus`,
//!   from record ids only, so importing the file again updates the entries instead of
//!   adding copies, whatever was renamed or moved.
//! - **Revisions.** `DTSTAMP` and `LAST-MODIFIED` are the time of the case's last recorded
//!   change; `SEQUENCE` is the day of that change (days since 2020) times 10 000 plus a
//!   four-digit hash of everything the entry shows. Any change to the entry changes the
//!   number, and a change recorded on a later day always raises it, which is what
//!   calendars that compare `SEQUENCE` need to accept the update. The same data gives the
//!   same file, byte for byte; nothing here reads the clock.
//! - **Privacy.** Titles carry the student's initials unless full names are asked for,
//!   descriptions name roles rather than people, and every entry is `CLASS:PRIVATE`.
//!
//! The file is written by hand rather than with the `icalendar` crate: that crate adds a
//! random `UID` and the current time as `DTSTAMP` to every sub-component it writes (alarms,
//! time-zone rules), which breaks stable output, and it cannot write a `VTIMEZONE`.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use sha2::{Digest, Sha256};

use super::ExportError;
use crate::domain::dates::format_date;
use crate::domain::reminders::{DueItem, DueKind, due_items};
use crate::domain::rules;
use crate::domain::{Case, Conversation, ConversationId, ConversationState, Level, StudentId};
use crate::i18n::{self, Lang, T};

/// How the calendar is made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IcsOptions {
    /// Put the student's full name in titles instead of their initials. Off by default:
    /// calendars are often shared with colleagues and synchronised to phones.
    pub full_names: bool,
}

/// How long a conversation is booked for.
pub const DURATION_MINUTES: i64 = 60;

/// The time zone every meeting time is given in.
pub const TZID: &str = "Europe/Copenhagen";

/// The longest content line, in octets, before it is folded (RFC 5545 section 3.1).
const LINE_OCTETS: usize = 75;

/// The Copenhagen time zone as RFC 5545 describes it: CEST from the last Sunday of March
/// at 02:00 to the last Sunday of October at 03:00, CET otherwise.
const VTIMEZONE: [&str; 18] = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Copenhagen",
    "X-LIC-LOCATION:Europe/Copenhagen",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// When an entry takes place.
enum When {
    /// A meeting from `start` for [`DURATION_MINUTES`], in Copenhagen time.
    Meeting(NaiveDateTime),
    /// A whole day, shown as free time.
    AllDay(NaiveDate),
}

/// One calendar entry before it is written.
struct Entry {
    uid: String,
    when: When,
    summary: String,
    location: String,
    description: String,
    /// The case's last recorded change, in Copenhagen time.
    changed: NaiveDateTime,
}

/// The calendar with one event for each planned conversation dated from `from` to `to`
/// (both included) and one all-day event for each agreed follow-up date in that range that
/// no later conversation covers yet, worded in `lang`.
///
/// Only students still followed up (active or on leave) are included, as on the reminder
/// screen: both kinds are taken from [`due_items`].
pub fn calendar(
    cases: &[Case],
    from: NaiveDate,
    to: NaiveDate,
    options: &IcsOptions,
    lang: Lang,
) -> String {
    let mut entries: Vec<Entry> = Vec::new();
    for case in cases {
        let who = if options.full_names {
            case.student.name.trim().to_string()
        } else {
            case.student.initials()
        };
        let changed = last_change(case);
        for (item, conversation) in due_in(case, from, to) {
            let entry = match item.kind {
                DueKind::FollowUp => follow_up(conversation, item.date, item.level, &who, lang),
                _ => meeting(conversation, &who, lang),
            };
            entries.push(Entry { changed, ..entry });
        }
    }
    entries.sort_by(|a, b| (a.when.sort_key(), &a.uid).cmp(&(b.when.sort_key(), &b.uid)));

    let mut out = Lines::default();
    out.raw("BEGIN:VCALENDAR");
    out.raw("VERSION:2.0");
    out.raw(&format!(
        "PRODID:-//Fokus//Fokus {}//{}",
        env!("CARGO_PKG_VERSION"),
        match lang {
            Lang::Da => "DA",
            Lang::En => "EN",
        }
    ));
    out.raw("CALSCALE:GREGORIAN");
    out.raw("METHOD:PUBLISH");
    out.text("X-WR-CALNAME", lang.t(T::IcsCalendarName));
    out.raw(&format!("X-WR-TIMEZONE:{TZID}"));
    for line in VTIMEZONE {
        out.raw(line);
    }
    for entry in &entries {
        write_entry(&mut out, entry, lang);
    }
    out.raw("END:VCALENDAR");
    out.0
}

/// What becomes an entry of the calendar from `from` to `to`: each planned conversation
/// and agreed follow-up of `case` dated in that range, with the conversation it is about.
fn due_in(case: &Case, from: NaiveDate, to: NaiveDate) -> Vec<(DueItem, &Conversation)> {
    due_items(case)
        .into_iter()
        .filter(|item| item.date >= from && item.date <= to)
        .filter_map(|item| {
            let conversation = case.conversations.iter().find(|c| c.id.0 == item.subject)?;
            let shown = match item.kind {
                DueKind::Conversation => conversation.state == ConversationState::Planned,
                DueKind::FollowUp => true,
                _ => false,
            };
            shown.then_some((item, conversation))
        })
        .collect()
}

/// The students of `cases` who have an entry in the calendar from `from` to `to`.
pub fn students(cases: &[Case], from: NaiveDate, to: NaiveDate) -> Vec<StudentId> {
    cases
        .iter()
        .filter(|case| !due_in(case, from, to).is_empty())
        .map(Case::id)
        .collect()
}

/// The calendar `text` without the entries about the conversations `conversations`: what
/// is left when their student is erased. Every other line stays exactly as it was.
/// Returns `None` when the calendar has no such entry.
pub fn without(text: &str, conversations: &[ConversationId]) -> Option<String> {
    let uids: Vec<String> = conversations
        .iter()
        .flat_map(|id| {
            [
                format!("UID:conversation-{id}@fokus"),
                format!("UID:followup-{id}@fokus"),
            ]
        })
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut event: Option<(String, bool)> = None;
    let mut removed = false;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\r', '\n']);
        match &mut event {
            None if bare == "BEGIN:VEVENT" => event = Some((line.to_string(), false)),
            None => out.push_str(line),
            Some((held, theirs)) => {
                held.push_str(line);
                *theirs |= uids.iter().any(|uid| uid == bare);
                if bare == "END:VEVENT" {
                    if *theirs {
                        removed = true;
                    } else {
                        out.push_str(held);
                    }
                    event = None;
                }
            }
        }
    }
    // An event never closed is kept, unless it is theirs.
    if let Some((held, theirs)) = event {
        if theirs {
            removed = true;
        } else {
            out.push_str(&held);
        }
    }
    removed.then_some(out)
}

/// Writes [`calendar`] to `path`, atomically and readable by the owner only, creating the
/// folder if needed.
pub fn write_calendar(
    path: &Path,
    cases: &[Case],
    from: NaiveDate,
    to: NaiveDate,
    options: &IcsOptions,
    lang: Lang,
) -> Result<(), ExportError> {
    save_calendar(path, &calendar(cases, from, to, options, lang))
}

/// Writes the calendar `text` to `path`, atomically and readable by the owner only,
/// creating the folder if needed.
pub fn save_calendar(path: &Path, text: &str) -> Result<(), ExportError> {
    let io = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::files::fsperm::private_dir(dir).map_err(io)?;
    }
    crate::files::atomic::write(path, text.as_bytes()).map_err(io)
}

fn meeting(c: &Conversation, who: &str, lang: Lang) -> Entry {
    let n = c.level.number().to_string();
    let summary = lang.fill(T::IcsConversationTitle, &[("n", &n), ("name", who)]);
    let roles: Vec<&str> = c
        .participants
        .iter()
        .map(|p| i18n::role(lang, p.role))
        .collect();
    let mut description = vec![
        lang.fill(T::IcsType, &[("n", &n)]),
        lang.fill(
            T::IcsMinuteTaker,
            &[("role", i18n::role(lang, c.minute_taker))],
        ),
    ];
    if !roles.is_empty() {
        description.push(lang.fill(T::IcsParticipants, &[("roles", &roles.join(", "))]));
    }
    Entry {
        uid: format!("conversation-{}@fokus", c.id),
        when: When::Meeting(c.planned_at),
        summary,
        location: c.place.trim().to_string(),
        description: description.join("\n"),
        changed: NaiveDateTime::default(),
    }
}

fn follow_up(
    last: &Conversation,
    date: NaiveDate,
    next: Option<Level>,
    who: &str,
    lang: Lang,
) -> Entry {
    let summary = match next {
        Some(level) => lang.fill(
            T::IcsFollowUpLevelTitle,
            &[("n", &level.number().to_string()), ("name", who)],
        ),
        None => lang.fill(T::IcsFollowUpTitle, &[("name", who)]),
    };
    let mut description = vec![
        lang.fill(
            T::IcsFollowUpAgreed,
            &[
                ("n", &last.level.number().to_string()),
                ("date", &format_date(last.date())),
            ],
        ),
        lang.t(T::IcsFollowUpTodo).to_string(),
    ];
    if let Some(level) = next {
        let n = level.number().to_string();
        let roles: Vec<&str> = rules::required_roles(level)
            .iter()
            .map(|r| i18n::role(lang, *r))
            .collect();
        description.push(lang.fill(T::IcsNextLevel, &[("n", &n)]));
        description.push(lang.fill(T::IcsParticipants, &[("roles", &roles.join(", "))]));
        description.push(lang.fill(
            T::IcsMinuteTaker,
            &[("role", i18n::role(lang, rules::minute_taker_role(level)))],
        ));
    }
    Entry {
        uid: format!("followup-{}@fokus", last.id),
        when: When::AllDay(date),
        summary,
        location: String::new(),
        description: description.join("\n"),
        changed: NaiveDateTime::default(),
    }
}

impl When {
    fn sort_key(&self) -> NaiveDateTime {
        match self {
            When::Meeting(at) => *at,
            When::AllDay(day) => day.and_time(NaiveTime::MIN),
        }
    }
}

fn write_entry(out: &mut Lines, e: &Entry, lang: Lang) {
    let stamp = utc_stamp(e.changed);
    out.raw("BEGIN:VEVENT");
    out.raw(&format!("UID:{}", e.uid));
    out.raw(&format!("DTSTAMP:{stamp}"));
    out.raw(&format!("LAST-MODIFIED:{stamp}"));
    out.raw(&format!("SEQUENCE:{}", sequence(e)));
    match e.when {
        When::Meeting(at) => {
            let end = at + Duration::minutes(DURATION_MINUTES);
            out.raw(&format!(
                "DTSTART;TZID={TZID}:{}",
                at.format("%Y%m%dT%H%M%S")
            ));
            out.raw(&format!(
                "DTEND;TZID={TZID}:{}",
                end.format("%Y%m%dT%H%M%S")
            ));
            out.raw("TRANSP:OPAQUE");
        }
        When::AllDay(day) => {
            let next = day + Duration::days(1);
            out.raw(&format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")));
            out.raw(&format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
            // A reminder to plan something, not time taken: shown as free in Outlook.
            out.raw("TRANSP:TRANSPARENT");
            out.raw("X-MICROSOFT-CDO-ALLDAYEVENT:TRUE");
            out.raw("X-MICROSOFT-CDO-BUSYSTATUS:FREE");
        }
    }
    out.text("SUMMARY", &e.summary);
    if !e.location.is_empty() {
        out.text("LOCATION", &e.location);
    }
    out.text("DESCRIPTION", &e.description);
    out.raw("CLASS:PRIVATE");
    out.raw("STATUS:CONFIRMED");
    out.raw("BEGIN:VALARM");
    out.raw("ACTION:DISPLAY");
    out.raw("TRIGGER:-P1D");
    out.text(
        "DESCRIPTION",
        &lang.fill(T::IcsAlarm, &[("title", &e.summary)]),
    );
    out.raw("END:VALARM");
    out.raw("END:VEVENT");
}

/// The time of the last change recorded on the case; 2020-01-01 for a case with no
/// timeline (never the case for saved data).
fn last_change(case: &Case) -> NaiveDateTime {
    case.events.iter().map(|e| e.at).max().unwrap_or_else(epoch)
}

fn epoch() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2020, 1, 1)
        .unwrap_or_default()
        .and_time(NaiveTime::MIN)
}

/// Day of the last change × 10 000 + a hash of the content below 10 000: see the module
/// documentation. Fits in the 31 bits RFC 5545 allows until the year 2600.
fn sequence(e: &Entry) -> u32 {
    let (start, kind) = match e.when {
        When::Meeting(at) => (at.format("%Y%m%dT%H%M%S").to_string(), "meeting"),
        When::AllDay(day) => (day.format("%Y%m%d").to_string(), "day"),
    };
    let content = [
        e.uid.as_str(),
        kind,
        &start,
        &e.summary,
        &e.location,
        &e.description,
    ]
    .join("\u{1f}");
    let digest = Sha256::digest(content.as_bytes());
    let hash = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]) % 10_000;
    let days = (e.changed - epoch()).num_days().clamp(0, 200_000) as u32;
    days * 10_000 + hash
}

/// A Copenhagen wall-clock time in UTC, written as RFC 5545 wants it (`20261123T090000Z`).
fn utc_stamp(local: NaiveDateTime) -> String {
    let offset = if is_summer_time(local) { 2 } else { 1 };
    (local - Duration::hours(offset))
        .format("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// Whether Danish summer time applies at a local time: from 02:00 on the last Sunday of
/// March until 03:00 on the last Sunday of October.
fn is_summer_time(local: NaiveDateTime) -> bool {
    let year = local.year();
    let begins = last_sunday(year, 3).and_hms_opt(2, 0, 0);
    let ends = last_sunday(year, 10).and_hms_opt(3, 0, 0);
    match (begins, ends) {
        (Some(b), Some(e)) => local >= b && local < e,
        _ => false,
    }
}

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let mut day = NaiveDate::from_ymd_opt(year, month + 1, 1)
        .unwrap_or_default()
        .pred_opt()
        .unwrap_or_default();
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt().unwrap_or_default();
    }
    day
}

/// Content lines joined by CRLF, each folded at [`LINE_OCTETS`].
#[derive(Default)]
struct Lines(String);

impl Lines {
    /// A line written as given (its value needs no escaping).
    fn raw(&mut self, line: &str) {
        fold_into(&mut self.0, line);
        self.0.push_str("\r\n");
    }

    /// A property with a TEXT value, escaped as RFC 5545 section 3.3.11 requires.
    fn text(&mut self, name: &str, value: &str) {
        self.raw(&format!("{name}:{}", escape(value)));
    }
}

fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.trim().chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded so no physical line exceeds [`LINE_OCTETS`] octets, breaking only
/// between characters (never inside a UTF-8 sequence such as `ø`). A physical line never
/// ends in white space, because some readers (the `ical` crate among them) trim it before
/// unfolding; the space then starts the continuation line after the folding space.
fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = LINE_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut trimmed = cut;
        while trimmed > 0 && rest[..trimmed].ends_with(char::is_whitespace) {
            trimmed -= rest[..trimmed]
                .chars()
                .next_back()
                .map_or(1, char::len_utf8);
        }
        if trimmed > 0 {
            cut = trimmed;
        }
        let _ = write!(out, "{}\r\n ", &rest[..cut]);
        rest = &rest[cut..];
        // The folding space counts towards the next line's octets.
        limit = LINE_OCTETS - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn danish_time_is_turned_into_utc_with_summer_time() {
        assert_eq!(utc_stamp(t(2026, 11, 23, 10)), "20261123T090000Z");
        assert_eq!(utc_stamp(t(2026, 6, 1, 10)), "20260601T080000Z");
        // 2026: summer time from 29 March 02:00 to 25 October 03:00.
        assert!(!is_summer_time(t(2026, 3, 29, 1)));
        assert!(is_summer_time(t(2026, 3, 29, 2)));
        assert!(is_summer_time(t(2026, 10, 25, 2)));
        assert!(!is_summer_time(t(2026, 10, 25, 3)));
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(escape("a,b;c\\d\ne\r"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn folding_keeps_lines_short_whole_characters_and_no_trailing_space() {
        let line = format!("DESCRIPTION:{}", "Æbleø og blåbær ".repeat(20));
        let mut out = String::new();
        fold_into(&mut out, line.trim_end());
        for physical in out.split("\r\n") {
            assert!(physical.len() <= LINE_OCTETS, "{physical:?}");
            assert!(!physical.ends_with(' '), "{physical:?}");
        }
        assert_eq!(out.replace("\r\n ", ""), line.trim_end());
    }

    #[test]
    fn a_calendar_without_a_student_loses_their_entries_and_nothing_else() {
        use crate::domain::case::tests_support::{case, conv, day};
        let mut amira = case();
        amira
            .conversations
            .push(conv(40, day(12, 1), ConversationState::Planned));
        let mut jonas = case();
        jonas.student.id = StudentId(2);
        jonas.student.name = "Jonas Ærenlund".into();
        jonas
            .conversations
            .push(conv(41, day(12, 2), ConversationState::Planned));
        let both = [amira.clone(), jonas.clone()];
        let options = IcsOptions { full_names: true };
        let (from, to) = (day(11, 23), day(12, 31));
        assert_eq!(students(&both, from, to), vec![amira.id(), jonas.id()]);
        assert_eq!(students(&both, day(12, 2), to), vec![jonas.id()]);
        let text = calendar(&both, from, to, &options, Lang::Da);
        assert!(text.contains("Jonas"));
        let ids: Vec<ConversationId> = jonas.conversations.iter().map(|c| c.id).collect();
        let rest = without(&text, &ids).expect("Jonas had an entry");
        assert!(
            !rest.contains("Jonas") && !rest.contains("conversation-41@"),
            "{rest}"
        );
        // What is left is exactly the calendar of the others.
        assert_eq!(rest, calendar(&[amira], from, to, &options, Lang::Da));
        assert_eq!(without(&rest, &ids), None, "nothing more to take out");
    }
}
