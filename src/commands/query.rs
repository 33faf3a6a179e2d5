//! The commands that only read — `remind`, `students`, `addresses`, `receipts` and `ics` —
//! print the same whether the database is free or open in the application. Each is a
//! [`Query`] whose text one function makes, in the command's own module. It runs on the
//! database opened here; or, while the application holds the database, in the
//! application, which is asked over its local endpoint ([`crate::serve`]) and reads its
//! own open database. The one write among them goes the same way: `ics` has the calendar
//! file it wrote noted in the register of written files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{Setup, exchange, open_store, remind, status};
use crate::domain::reminders::Window;
use crate::i18n::{self, Lang, T};
use crate::serve::{self, NoAnswer, Server};
use crate::store::{Holder, SledStore, Store, StoreError};

/// The version of [`Request`] and [`Reply`]; a request of another version is refused.
const PROTOCOL: u32 = 1;

/// How long to keep trying when the database is held by a process that does not answer:
/// a command that writes (`fokus backup`, `import`) is usually done in a moment, and the
/// application answers shortly after it has opened the database.
const PATIENCE: Duration = Duration::from_secs(2);
const RETRY: Duration = Duration::from_millis(100);

/// A read-only command with everything that decides its output, so the application makes
/// the same text as the command would.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Query {
    Remind {
        days: u32,
        retention_months: u32,
        say_when_empty: bool,
    },
    Students,
    Addresses,
    Receipts,
    /// The calendar text; the command writes the file itself.
    Calendar {
        from: NaiveDate,
        to: NaiveDate,
        full_names: bool,
    },
    /// The calendar `ics` wrote, to note in the register with the students who have
    /// entries from `from` to `to`; answered with no text.
    CalendarWritten {
        path: PathBuf,
        sha256: [u8; 32],
        from: NaiveDate,
        to: NaiveDate,
        at: NaiveDateTime,
    },
}

impl Query {
    /// The command's output, read from `store`, in `lang`, as on `today`.
    fn text(&self, store: &dyn Store, lang: Lang, today: NaiveDate) -> Result<String, StoreError> {
        match *self {
            Query::Remind {
                days,
                retention_months,
                say_when_empty,
            } => {
                let window = Window {
                    days,
                    retention_months,
                };
                remind::remind_text(store, today, window, lang, say_when_empty)
            }
            Query::Students => exchange::students_text(store, lang),
            Query::Addresses => exchange::addresses_text(store, lang),
            Query::Receipts => exchange::receipts_text(store, lang),
            Query::Calendar {
                from,
                to,
                full_names,
            } => exchange::calendar_text(store, from, to, full_names, lang),
            Query::CalendarWritten {
                ref path,
                sha256,
                from,
                to,
                at,
            } => exchange::note_calendar(store, path, sha256, from, to, at).map(|()| String::new()),
        }
    }

    /// Whether answering writes to the database.
    fn writes(&self) -> bool {
        matches!(self, Query::CalendarWritten { .. })
    }
}

/// What a command sends the application: the query, in the command's language, as on the
/// command's today.
#[derive(Debug, Serialize, Deserialize)]
struct Request {
    protocol: u32,
    lang: Lang,
    today: NaiveDate,
    query: Query,
}

/// The application's reply: status 0 and the command's output, or the exit status and
/// the message to show.
#[derive(Debug, Serialize, Deserialize)]
struct Reply {
    status: u8,
    text: String,
}

/// Runs `query` and prints its text; the exit status says how it went.
pub(super) fn print(setup: &Setup, query: &Query) -> ExitCode {
    match read(setup, query) {
        Ok(text) => {
            print_text(&text);
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

/// Writes `text` to standard output; a reader that has gone (`| head`) is no error.
pub(super) fn print_text(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// The text of `query`: from the database opened here, or from the application that has
/// it open. On failure the reason is printed and the exit status returned.
pub(super) fn read(setup: &Setup, query: &Query) -> Result<String, ExitCode> {
    ask_for(setup, query).map_err(|(status, message)| {
        eprintln!("fokus: {message}");
        ExitCode::from(status)
    })
}

/// The text of `query`, or the exit status and why not.
pub(super) fn ask_for(setup: &Setup, query: &Query) -> Result<String, (u8, String)> {
    let lang = setup.lang;
    let today = Local::now().date_naive();
    let request = Request {
        protocol: PROTOCOL,
        lang,
        today,
        query: query.clone(),
    };
    let give_up = Instant::now() + PATIENCE;
    loop {
        let failed = |e: StoreError| (status(&e), i18n::store_error(lang, &e));
        let (path, holder) = match open_store(setup, false) {
            Ok(store) => return query.text(&store, lang, today).map_err(failed),
            Err(StoreError::Locked { path, holder }) => (path, holder),
            Err(e) => return Err(failed(e)),
        };
        let why = match ask(&setup.db_dir, &request) {
            Ok(Reply { status: 0, text }) => return Ok(text),
            Ok(Reply { status, text }) => return Err((status, text)),
            Err(why) => why,
        };
        if matches!(why, Unanswered::Absent) && Instant::now() < give_up {
            std::thread::sleep(RETRY);
            continue;
        }
        return Err((3, unanswered(lang, &path, &holder, &why)));
    }
}

/// Why the process holding the database gave no usable reply.
enum Unanswered {
    /// Nothing answers: an older Fokus, a command that writes, one that was killed, or one
    /// closing down.
    Absent,
    /// It did not answer in time.
    Silent,
    /// The reply could not be read: another version.
    Garbled,
}

fn ask(dir: &Path, request: &Request) -> Result<Reply, Unanswered> {
    let bytes = serde_json::to_vec(request).map_err(|_| Unanswered::Garbled)?;
    let reply = serve::ask(dir, &bytes).map_err(|e| match e {
        NoAnswer::Absent => Unanswered::Absent,
        NoAnswer::Silent => Unanswered::Silent,
        // A connection closed without a reply: the application is on its way out (its
        // lock goes in a moment) — try again, as when nobody answers.
        NoAnswer::Broken(_) => Unanswered::Absent,
    })?;
    serde_json::from_slice(&reply).map_err(|_| Unanswered::Garbled)
}

fn unanswered(lang: Lang, path: &Path, holder: &Holder, why: &Unanswered) -> String {
    let path = path.display().to_string();
    let holder = i18n::holder(lang, holder);
    match why {
        Unanswered::Absent => lang.fill(T::AskNoAnswer, &[("path", &path), ("holder", &holder)]),
        Unanswered::Silent => lang.fill(
            T::AskSilent,
            &[
                ("path", &path),
                ("holder", &holder),
                ("seconds", &serve::REPLY_TIMEOUT.as_secs().to_string()),
            ],
        ),
        Unanswered::Garbled => lang.fill(T::AskOtherVersion, &[("path", &path)]),
    }
}

/// Answers the read-only commands from `store` while the application has it open, until
/// the returned server is dropped. `None` when no endpoint could be made (a database
/// folder whose path is too long for a socket, say): the commands then say that nobody
/// answers, as with an older Fokus.
pub(super) fn answer_while_open(store: Arc<SledStore>) -> Option<Server> {
    let dir = store.dir().to_path_buf();
    Server::start(&dir, move |request| answer(&store, request)).ok()
}

/// The reply to one request, as bytes to send.
fn answer(store: &SledStore, request: &[u8]) -> Vec<u8> {
    let reply = match serde_json::from_slice::<Request>(request) {
        Ok(request) if request.protocol == PROTOCOL => {
            let Request {
                lang, today, query, ..
            } = request;
            // Read between commits, so the output never shows half of a save; a write
            // is a commit of its own.
            let text = |store: &SledStore| query.text(store, lang, today);
            let result = if query.writes() {
                text(store)
            } else {
                store.consistent(text)
            };
            match result {
                Ok(text) => Reply { status: 0, text },
                Err(e) => Reply {
                    status: status(&e),
                    text: i18n::store_error(lang, &e),
                },
            }
        }
        // Another version: refuse in the language asked for, if it can be read.
        _ => {
            let lang = serde_json::from_slice::<serde_json::Value>(request)
                .ok()
                .and_then(|v| v.get("lang")?.as_str().and_then(Lang::parse))
                .unwrap_or_default();
            let path = store.dir().display().to_string();
            Reply {
                status: 3,
                text: lang.fill(T::AskOtherVersion, &[("path", &path)]),
            }
        }
    };
    // A reply of a string and a number always serialises.
    serde_json::to_vec(&reply).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::OpenOptions;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn demo_store(dir: &Path) -> SledStore {
        let now = today().and_hms_opt(10, 0, 0).unwrap();
        let store = SledStore::open_with(dir, OpenOptions::now(now)).unwrap();
        crate::store::fill_demo(&store, today()).unwrap();
        store
    }

    fn request(lang: Lang, today: NaiveDate, query: Query) -> Vec<u8> {
        let request = Request {
            protocol: PROTOCOL,
            lang,
            today,
            query,
        };
        serde_json::to_vec(&request).unwrap()
    }

    fn reply(bytes: &[u8]) -> Reply {
        serde_json::from_slice(bytes).unwrap()
    }

    #[test]
    fn the_application_answers_with_the_text_the_command_makes_in_its_language_and_day() {
        let dir = tempfile::tempdir().unwrap();
        let store = demo_store(dir.path());
        let remind = Query::Remind {
            days: 7,
            retention_months: 12,
            say_when_empty: false,
        };
        let later = today() + chrono::Duration::days(40);
        for (lang, day) in [(Lang::Da, today()), (Lang::En, today()), (Lang::Da, later)] {
            for query in [
                remind.clone(),
                Query::Students,
                Query::Addresses,
                Query::Receipts,
                Query::Calendar {
                    from: day,
                    to: day + chrono::Duration::days(365),
                    full_names: false,
                },
            ] {
                let got = reply(&answer(&store, &request(lang, day, query.clone())));
                assert_eq!(got.status, 0, "{query:?}: {}", got.text);
                assert_eq!(
                    got.text,
                    query.text(&store, lang, day).unwrap(),
                    "{query:?}"
                );
            }
        }
        // The day is the command's: forty days on, more is overdue.
        let now = reply(&answer(&store, &request(Lang::Da, today(), remind.clone())));
        let then = reply(&answer(&store, &request(Lang::Da, later, remind)));
        assert_ne!(now.text, then.text);
        let english = reply(&answer(
            &store,
            &request(Lang::En, today(), Query::Students),
        ));
        assert!(english.text.contains("Active"), "{}", english.text);
    }

    #[test]
    fn a_calendar_the_command_wrote_is_noted_by_the_application_with_whose_entries_it_holds() {
        let dir = tempfile::tempdir().unwrap();
        let store = demo_store(dir.path());
        let (from, to) = (today(), today() + chrono::Duration::days(365));
        let written = Query::CalendarWritten {
            path: dir.path().join("k.ics"),
            sha256: [1; 32],
            from,
            to,
            at: today().and_hms_opt(12, 0, 0).unwrap(),
        };
        let got = reply(&answer(&store, &request(Lang::Da, today(), written)));
        assert_eq!((got.status, got.text.as_str()), (0, ""));
        let noted = store.written_files().unwrap();
        assert_eq!(noted.len(), 1);
        assert_eq!(noted[0].kind, crate::domain::FileKind::Calendar);
        assert_eq!(noted[0].sha256, Some([1; 32]));
        let cases = crate::store::calendar_cases(&store).unwrap();
        let expected = crate::export::ics::students(&cases, from, to);
        assert!(!expected.is_empty());
        assert_eq!(noted[0].students, expected);
    }

    #[test]
    fn a_request_of_another_version_is_refused_with_status_3_in_its_language() {
        let dir = tempfile::tempdir().unwrap();
        let store = demo_store(dir.path());
        let newer = br#"{"protocol":2,"lang":"en","today":"2026-11-23","query":"students"}"#;
        let got = reply(&answer(&store, newer));
        assert_eq!(got.status, 3);
        assert!(got.text.contains("different version"), "{}", got.text);
        let unknown = br#"{"protocol":1,"lang":"da","today":"2026-11-23","query":"teleport"}"#;
        let got = reply(&answer(&store, unknown));
        assert_eq!(got.status, 3);
        assert!(got.text.contains("anden udgave"), "{}", got.text);
        assert_eq!(reply(&answer(&store, b"\xff garbage")).status, 3);
    }
}
