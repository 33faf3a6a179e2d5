//! The commands that only read — `remind`, `students`, `addresses`, `receipts` and `ics` —
//! print the same whether the database is free or open in the application. Each is a
//! [`Query`] whose text one function makes, in the command's own module. It runs on the
//! database opened here; or, while the application holds the database, in the
//! application, which is asked over its local endpoint ([`crate::serve`]) and reads its
//! own open database.
//!
//! Either way the answer comes after the checks made at opening, and one function
//! ([`answer_from`]) decides it: on a damaged database the text is still printed where
//! that is safe, the damage is named on stderr and the status is 4; a calendar is not
//! made from it at all. The one write among them goes the same way: `ics` has the
//! calendar file it wrote noted in the register of written files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{DAMAGED, Setup, exchange, open_store, remind, status};
use crate::domain::reminders::Window;
use crate::i18n::{self, Lang, T};
use crate::ops;
use crate::serve::{self, NoAnswer, Server};
use crate::store::{Compare, Holder, Mode, ReadOnlyReason, SledStore, Store, StoreError, backup};

/// The version of [`Request`] and [`Reply`]; a request of another version is refused.
const PROTOCOL: u32 = 2;

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
        /// The most reminders to print; every one when `None`.
        #[serde(default)]
        limit: Option<usize>,
    },
    Students,
    Addresses,
    Receipts,
    /// The statistics' digest of every student, as JSON; the command makes the figures.
    Facts,
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
    /// Whether the command's output may be made from a damaged database, with a warning.
    /// A listing on the screen may; a calendar file imported into Outlook may not.
    fn safe_when_damaged(&self) -> bool {
        // Nor are figures for management made from records that may be missing.
        !matches!(
            self,
            Query::Calendar { .. } | Query::CalendarWritten { .. } | Query::Facts
        )
    }

    /// The command's output, read from `store`, in `lang`, as on `today`.
    fn text(&self, store: &dyn Store, lang: Lang, today: NaiveDate) -> Result<String, StoreError> {
        match *self {
            Query::Remind {
                days,
                retention_months,
                say_when_empty,
                limit,
            } => {
                let window = Window {
                    days,
                    retention_months,
                };
                remind::remind_text(store, today, window, lang, say_when_empty, limit)
            }
            Query::Students => exchange::students_text(store, lang),
            Query::Addresses => exchange::addresses_text(store, lang),
            Query::Receipts => exchange::receipts_text(store, lang),
            // The digests are plain data: serialising them cannot fail.
            Query::Facts => Ok(serde_json::to_string(&store.facts()?).unwrap_or_default()),
            Query::Calendar {
                from,
                to,
                full_names,
            } => {
                let options = crate::export::ics::IcsOptions { full_names };
                ops::calendar::text(store, from, to, &options, lang)
            }
            Query::CalendarWritten {
                ref path,
                sha256,
                from,
                to,
                at,
            } => ops::calendar::note_written(store, path, sha256, from, to, at)
                .map(|()| String::new()),
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

/// How a read-only command ends: what goes to stdout, what to stderr (a line or more,
/// each shown after `fokus: `), and the exit status. The application sends it over the
/// endpoint; the command opening the database itself makes it the same way.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Reply {
    pub status: u8,
    pub out: String,
    pub err: String,
}

impl Reply {
    fn failed(status: u8, err: String) -> Reply {
        Reply {
            status,
            out: String::new(),
            err,
        }
    }

    /// Prints the reply and gives its exit status.
    pub fn print(&self) -> ExitCode {
        print_text(&self.out);
        for line in self.err.lines() {
            eprintln!("fokus: {line}");
        }
        ExitCode::from(self.status)
    }
}

/// Runs `query` and prints its text; the exit status says how it went.
pub(super) fn print(setup: &Setup, query: &Query) -> ExitCode {
    match fetch(setup, query, Afterwards::Exit) {
        Ok(reply) => reply.print(),
        Err((status, message)) => {
            eprintln!("fokus: {message}");
            ExitCode::from(status)
        }
    }
}

/// What the process does once a query is answered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Afterwards {
    /// Goes on, and may open the database again.
    GoOn,
    /// Prints the answer and exits: the database is left without tearing down sled.
    Exit,
}

/// Writes `text` to standard output; a reader that has gone (`| head`) is no error.
pub(super) fn print_text(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// The answer to `query`: from the database opened here, or from the application that
/// has it open. `Err` when neither answered; the reason is printed and the exit status
/// returned.
pub(super) fn read(setup: &Setup, query: &Query) -> Result<Reply, ExitCode> {
    fetch(setup, query, Afterwards::GoOn).map_err(|(status, message)| {
        eprintln!("fokus: {message}");
        ExitCode::from(status)
    })
}

/// The text of `query`, or the exit status and why not: for a command that prints
/// nothing of it, only what went wrong.
pub(super) fn ask_for(setup: &Setup, query: &Query) -> Result<String, (u8, String)> {
    match fetch(setup, query, Afterwards::GoOn)? {
        Reply { status: 0, out, .. } => Ok(out),
        Reply { status, err, .. } => Err((status, err)),
    }
}

/// The answer to `query`, or the exit status and why no one answered.
fn fetch(setup: &Setup, query: &Query, afterwards: Afterwards) -> Result<Reply, (u8, String)> {
    let lang = setup.lang;
    let today = Local::now().date_naive();
    let request = Request {
        protocol: PROTOCOL,
        lang,
        today,
        query: query.clone(),
    };
    // On the team's server, the server answers (as the user's login allows).
    if let Some(url) = super::team::app_server(setup).map_err(|why| (1, why))? {
        let store =
            crate::team::store::PgStore::open(&url).map_err(|e| (1, i18n::team_error(lang, &e)))?;
        return query
            .text(&store, lang, today)
            .map(|out| Reply {
                status: 0,
                out,
                err: String::new(),
            })
            .map_err(|e| (status(&e), i18n::store_error(lang, &e)));
    }
    let give_up = Instant::now() + PATIENCE;
    loop {
        let failed = |e: StoreError| (status(&e), i18n::store_error(lang, &e));
        // A running application answers without the passphrase being asked for again.
        if let Ok(reply) = ask(&setup.db_dir, &request) {
            return Ok(reply);
        }
        let (path, holder) = match open_store(setup, Compare::Never) {
            Ok(store) => {
                let reply = answer_from(&store, query, lang, today);
                if afterwards == Afterwards::Exit {
                    store.leave();
                }
                return Ok(reply);
            }
            Err(StoreError::Locked { path, holder }) => (path, holder),
            Err(e) => return Err(failed(e)),
        };
        let why = match ask(&setup.db_dir, &request) {
            Ok(reply) => return Ok(reply),
            Err(why) => why,
        };
        if matches!(why, Unanswered::Absent) && Instant::now() < give_up {
            std::thread::sleep(RETRY);
            continue;
        }
        return Err((3, unanswered(lang, &path, &holder, &why)));
    }
}

/// The answer to `query` from `store`, once the checks made at opening have concluded.
/// A damaged database is named on stderr with status 4; what is safe to show of it is
/// shown.
fn answer_from(store: &SledStore, query: &Query, lang: Lang, today: NaiveDate) -> Reply {
    let damage = match store.settled_mode() {
        Mode::ReadOnly(reason @ ReadOnlyReason::Damaged { .. }) => Some(reason),
        _ => None,
    };
    let warning = damage.as_ref().map(|r| i18n::read_only(lang, r));
    if let Some(warning) = &warning
        && !query.safe_when_damaged()
    {
        let nothing = lang.t(T::DbDamagedNothingWritten);
        return Reply::failed(DAMAGED, format!("{warning}\n{nothing}"));
    }
    // Read between commits, so the output never shows half of a save; a write is a
    // commit of its own.
    let text = |store: &SledStore| query.text(store, lang, today);
    let result = if query.writes() {
        text(store)
    } else {
        store.consistent(text)
    };
    match result {
        Ok(out) => match warning {
            None => Reply {
                status: 0,
                out,
                err: String::new(),
            },
            Some(warning) if out.is_empty() => Reply::failed(DAMAGED, warning),
            Some(warning) => Reply {
                status: DAMAGED,
                out,
                err: format!("{warning}\n{}", lang.t(T::DbDamagedShown)),
            },
        },
        Err(e) => {
            let err = match (warning, e.damage()) {
                (Some(warning), _) => warning,
                // Reading met damage the opening checks could not see (a file gone).
                (None, Some(damage)) => i18n::read_only(
                    lang,
                    &ReadOnlyReason::Damaged {
                        damage,
                        backup: backup::newest_good(store.dir()),
                    },
                ),
                (None, None) => i18n::store_error(lang, &e),
            };
            let code = if damage.is_some() {
                DAMAGED
            } else {
                status(&e)
            };
            Reply::failed(code, err)
        }
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
            answer_from(store, &query, lang, today)
        }
        // Another version: refuse in the language asked for, if it can be read.
        _ => {
            let lang = serde_json::from_slice::<serde_json::Value>(request)
                .ok()
                .and_then(|v| v.get("lang")?.as_str().and_then(Lang::parse))
                .unwrap_or_default();
            let path = store.dir().display().to_string();
            Reply::failed(3, lang.fill(T::AskOtherVersion, &[("path", &path)]))
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
        crate::demo::fill(&store, today()).unwrap();
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
            limit: None,
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
                assert_eq!(got.status, 0, "{query:?}: {}", got.err);
                assert!(got.err.is_empty(), "{query:?}: {}", got.err);
                assert_eq!(got.out, query.text(&store, lang, day).unwrap(), "{query:?}");
            }
        }
        // The day is the command's: forty days on, more is overdue.
        let now = reply(&answer(&store, &request(Lang::Da, today(), remind.clone())));
        let then = reply(&answer(&store, &request(Lang::Da, later, remind)));
        assert_ne!(now.out, then.out);
        let english = reply(&answer(
            &store,
            &request(Lang::En, today(), Query::Students),
        ));
        assert!(english.out.contains("Active"), "{}", english.out);
    }

    #[test]
    fn remind_prints_the_most_pressing_first_and_says_when_there_are_more() {
        let dir = tempfile::tempdir().unwrap();
        let store = demo_store(dir.path());
        let query = |limit| Query::Remind {
            days: 7,
            retention_months: 12,
            say_when_empty: false,
            limit,
        };
        let all = query(None).text(&store, Lang::Da, today()).unwrap();
        let lines: Vec<&str> = all.lines().collect();
        assert!(lines.len() > 3, "{all}");
        assert!(!all.contains("og flere"), "{all}");
        let first = query(Some(3)).text(&store, Lang::Da, today()).unwrap();
        let shown: Vec<&str> = first.lines().collect();
        assert_eq!(shown[..3], lines[..3]);
        assert_eq!(shown.len(), 4, "{first}");
        assert!(shown[3].contains("fokus remind --all"), "{first}");
        // Exactly as many as there are: no line about more.
        let exact = query(Some(lines.len())).text(&store, Lang::Da, today());
        assert_eq!(exact.unwrap(), all);
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
        assert_eq!((got.status, got.out.as_str()), (0, ""));
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
        let newer = br#"{"protocol":3,"lang":"en","today":"2026-11-23","query":"students"}"#;
        let got = reply(&answer(&store, newer));
        assert_eq!(got.status, 3);
        assert!(got.err.contains("different version"), "{}", got.err);
        let unknown = br#"{"protocol":2,"lang":"da","today":"2026-11-23","query":"teleport"}"#;
        let got = reply(&answer(&store, unknown));
        assert_eq!(got.status, 3);
        assert!(got.err.contains("anden udgave"), "{}", got.err);
        assert_eq!(reply(&answer(&store, b"\xff garbage")).status, 3);
    }

    #[test]
    fn a_damaged_database_is_named_with_status_4_and_no_calendar_is_made_from_it() {
        let dir = tempfile::tempdir().unwrap();
        drop(demo_store(dir.path()));
        // The manifest is lost: nothing shows any more whether records were.
        std::fs::remove_file(dir.path().join(crate::store::manifest::FILE)).unwrap();
        let now = today().and_hms_opt(10, 0, 0).unwrap();
        let store = SledStore::open_with(dir.path(), OpenOptions::now(now)).unwrap();
        let got = reply(&answer(
            &store,
            &request(Lang::En, today(), Query::Students),
        ));
        assert_eq!(got.status, DAMAGED);
        assert_eq!(
            got.out,
            Query::Students.text(&store, Lang::En, today()).unwrap()
        );
        assert!(got.err.contains("manifest is missing"), "{}", got.err);
        assert!(got.err.contains("fokus check --repair"), "{}", got.err);
        let calendar = Query::Calendar {
            from: today(),
            to: today() + chrono::Duration::days(30),
            full_names: false,
        };
        let got = reply(&answer(&store, &request(Lang::Da, today(), calendar)));
        assert_eq!(got.status, DAMAGED);
        assert!(got.out.is_empty());
        assert!(got.err.contains("Der er ikke skrevet noget"), "{}", got.err);
    }
}
