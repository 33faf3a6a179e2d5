//! Large fictional databases for tests and benchmarks.
//!
//! Every student is built with the same domain operations a user performs (register,
//! plan, hold, finalize, escalate, notes), through the case builder the demo uses, so the
//! timelines, agreements and due items are the kind a real database holds: some overdue,
//! some upcoming, many with nothing due. A step the domain refuses is a bug in the
//! generator and is returned, never dropped. All randomness comes from a small SplitMix64
//! generator seeded by the caller, so a seed always gives the same students in the same
//! order. Student `i` depends only on the seed and `i`, not on how many students are
//! generated; only the record ids come from outside.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::demo::builder::{BuiltCase, CaseBuilder, Refusal, Step};
use crate::domain::{
    Actor, AgreementOwner, AgreementStatus, ConversationId, FocusArea, FocusKind, IdSource, Level,
    Participant, Programme, Role, Student, StudentId, StudentStatus,
};
use crate::store::{Store, StoreError};

/// Why a database could not be filled with generated students.
#[derive(Debug, thiserror::Error)]
pub enum FillError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The generator told a story the domain refused.
    #[error(transparent)]
    Refused(#[from] Refusal),
}

/// Builds `n` fictional students' cases dated relative to `today`, with ids from `ids`.
/// The same `seed` (and `today`) always gives the same students.
pub fn generated_cases(
    n: usize,
    today: NaiveDate,
    seed: u64,
    ids: &mut dyn IdSource,
) -> Result<Vec<BuiltCase>, Refusal> {
    (0..n)
        .map(|index| generated_case(index, today, seed, ids))
        .collect()
}

/// Fills an empty database with `n` generated students and returns how many were added.
/// The cases are built a batch at a time, so memory stays small however many students
/// are asked for.
pub fn fill_generated(
    store: &dyn Store,
    n: usize,
    today: NaiveDate,
    seed: u64,
) -> Result<usize, FillError> {
    if !store.is_empty()? {
        return Err(StoreError::NotEmpty.into());
    }
    // Commits in batches: one commit per case would spend most of the time syncing.
    const BATCH: usize = 250;
    let mut start = 0;
    while start < n {
        let end = (start + BATCH).min(n);
        let mut ids = store.ids();
        let batch = (start..end)
            .map(|index| generated_case(index, today, seed, &mut *ids))
            .collect::<Result<Vec<_>, _>>()?;
        ids.finish()?;
        drop(ids);
        let all: Vec<_> = batch.iter().map(|d| (&d.change, &d.case)).collect();
        store.commit_many(&all)?;
        start = end;
    }
    Ok(n)
}

/// Fictional minutes of about `words` words in paragraphs of 60–150 words separated by
/// a blank line, the way a long draft is typed. The same seed gives the same text.
pub fn minutes_text(words: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::new();
    let mut written = 0;
    while written < words {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        let paragraph = rng.range(60, 150) as usize;
        let mut in_paragraph = 0;
        while in_paragraph < paragraph && written < words {
            if in_paragraph > 0 {
                out.push(' ');
            }
            let sentence = rng.pick(LONG_SENTENCES);
            out.push_str(sentence);
            let n = sentence.split_whitespace().count();
            in_paragraph += n;
            written += n;
        }
    }
    out
}

/// SplitMix64: tiny, fast and good enough to vary fictional data; no crate needed.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The generator for student `index`: the seed and the index mixed, so each student
    /// is independent of how many come before it.
    fn for_student(seed: u64, index: usize) -> Rng {
        let mut mixer = Rng::new(seed ^ 0x5EED_F0C5_5EED_F0C5);
        let base = mixer.next_u64();
        Rng::new(base.wrapping_add((index as u64).wrapping_mul(0xA076_1D64_78BD_642F)))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True `percent` times in a hundred.
    fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// An index into `weights`, chosen in proportion to the weights.
    fn weighted(&mut self, weights: &[u64]) -> usize {
        let total: u64 = weights.iter().sum();
        let mut roll = self.below(total.max(1));
        for (i, w) in weights.iter().enumerate() {
            if roll < *w {
                return i;
            }
            roll -= w;
        }
        weights.len().saturating_sub(1)
    }
}

fn day(d: NaiveDate, days: i64) -> NaiveDate {
    d + Duration::days(days)
}

fn at(d: NaiveDate, hour: u32) -> NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default())
}

/// How a student's story ends as of today; decides which reminder, if any, they give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ending {
    /// The next conversation is planned within the coming month.
    Upcoming,
    /// A conversation today.
    Today,
    /// A conversation passed without being registered as held.
    NotRegistered,
    /// Held recently; the minutes are still a draft.
    Draft,
    /// The last minutes are finalized; a follow-up date and open agreements remain.
    Finalized,
}

/// What follows a finalized conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Next {
    Same,
    Raise(&'static str),
    Lower(&'static str),
}

/// Builds one student's case on top of the case builder, with a clock that keeps the
/// steps in order.
struct Gen<'a> {
    rng: Rng,
    today: NaiveDate,
    /// The time of the last step; steps are kept in order on the timeline.
    clock: NaiveDateTime,
    b: CaseBuilder<'a>,
}

impl Gen<'_> {
    /// When a step at `hour` on `on` is taken: never after today, never before the last
    /// step.
    fn when(&mut self, on: NaiveDate, hour: u32) -> NaiveDateTime {
        let wanted = at(on.min(self.today), hour);
        let now = wanted.max(self.clock + Duration::minutes(7));
        self.clock = now;
        now
    }

    /// Plans a conversation of the student's current type on `on`, a week or two ahead.
    fn plan(&mut self, on: NaiveDate) -> Result<ConversationId, Refusal> {
        let hour = self.rng.pick(&[8, 9, 10, 13, 14]);
        let level = self.b.case().student.level;
        let ahead = self.rng.range(5, 14);
        let now = self.when(day(on, -ahead), 10);
        self.b.plan(level, at(on, hour), now)
    }

    /// Holds conversation `id`; finalizes complete minutes when `finalize`, else leaves a
    /// partly written draft. Finalized minutes agree the follow-up on `follow_up` (a few
    /// weeks on when not given) and so plan the next conversation then; its id is returned.
    fn hold(
        &mut self,
        id: ConversationId,
        finalize: bool,
        next: Next,
        follow_up: Option<NaiveDate>,
    ) -> Result<Option<ConversationId>, Refusal> {
        let step = if finalize { Step::Finalize } else { Step::Hold };
        let mut c = self.b.held(id, step)?;
        let on = c.planned_at.date();
        for p in &mut c.participants {
            p.attended = self.rng.percent(96);
        }
        if let Some(first) = c.participants.first_mut() {
            // The student came: the meeting is about them.
            first.attended = true;
        }
        let draft = !finalize;
        let focus: Vec<FocusKind> = self
            .b
            .case()
            .student
            .focus_areas
            .iter()
            .map(|f| f.kind)
            .collect();
        let m = &mut c.minutes;
        m.welcome = self.rng.pick(WELCOMES).into();
        m.learning_needs = learning_needs(&mut self.rng, &focus, c.level);
        if !draft || self.rng.percent(60) {
            m.workplace_secures = sentences(&mut self.rng, WORKPLACE_SECURES, 1, 2);
        }
        if !draft || self.rng.percent(40) {
            m.student_commits = sentences(&mut self.rng, STUDENT_COMMITS, 1, 2);
        }
        if self.rng.percent(30) {
            m.new_date_note = self.rng.pick(NEW_DATE_NOTES).into();
        }
        if self.rng.percent(20) {
            m.distribution_note = self.rng.pick(DISTRIBUTION_NOTES).into();
        }
        if !draft || self.rng.percent(30) {
            m.closing = self.rng.pick(CLOSINGS).into();
        }
        if c.level != Level::One && self.rng.percent(35) {
            c.participants.push(Participant {
                role: Role::SchoolCounsellor,
                name: person_name(&mut self.rng),
                attended: self.rng.percent(85),
            });
        }
        if !draft || self.rng.percent(50) {
            c.follow_up = Some(follow_up.unwrap_or_else(|| day(on, self.rng.range(14, 42))));
        }
        let (next_level, reason) = match next {
            Next::Same => (c.level, None),
            Next::Raise(reason) => (c.level.raised().unwrap_or(c.level), Some(reason)),
            Next::Lower(reason) => (c.level.lowered().unwrap_or(c.level), Some(reason)),
        };
        c.next_level = Some(next_level);
        if let Some(reason) = reason {
            c.next_level_reason = reason.into();
        }
        let met_share = self.rng.range(40, 90) as u64;
        let mut agreements = self.b.review(id, |_| {
            if self.rng.below(100) < met_share {
                AgreementStatus::Met
            } else {
                AgreementStatus::NotMet
            }
        });
        let new = if draft {
            self.rng.range(0, 2)
        } else {
            self.rng.range(1, 3)
        };
        for _ in 0..new {
            let owner = AgreementOwner::ALL[self.rng.weighted(&[50, 30, 10, 10])];
            let text = self.rng.pick(agreement_texts(owner));
            let due = (!self.rng.percent(15)).then(|| day(on, self.rng.range(10, 45)));
            agreements.push(self.b.new_agreement(id, text, owner, String::new(), due));
        }
        if finalize {
            let later = self.rng.range(0, 2);
            let now = self.when(day(on, later), 15);
            self.b.finalize(c, agreements, now)
        } else {
            let now = self.when(on, 15);
            self.b.save_minutes(c, agreements, now).map(|()| None)
        }
    }

    fn cancel(&mut self, id: ConversationId, on: NaiveDate) -> Result<(), Refusal> {
        let reason = self.rng.pick(CANCEL_REASONS);
        let now = self.when(on, 12);
        self.b.cancel(id, reason, now)
    }

    fn note(&mut self, on: NaiveDate) -> Result<(), Refusal> {
        let text = self.rng.pick(NOTES);
        let now = self.when(on, 12);
        self.b.note(text, now)
    }

    fn move_workplace(&mut self, on: NaiveDate) {
        let mut s = self.b.case().student.clone();
        let place = self.rng.pick(WORKPLACES);
        if place.name == s.workplace {
            return;
        }
        s.workplace = place.name.into();
        s.unit = self.rng.pick(place.units).into();
        s.employer = place.employer.into();
        s.supervisor = person_name(&mut self.rng);
        let now = self.when(on, 13);
        self.b.update_student(s, now);
    }

    fn set_status(&mut self, status: StudentStatus, on: NaiveDate) {
        let mut s = self.b.case().student.clone();
        s.status = status;
        let now = self.when(on, 14);
        self.b.update_student(s, now);
    }

    /// Now and then, something between two conversations: a note or a new workplace.
    fn between(&mut self, from: NaiveDate, until: NaiveDate) -> Result<(), Refusal> {
        let until = until.min(self.today);
        if until <= from {
            return Ok(());
        }
        let span = (until - from).num_days();
        if self.rng.percent(35) {
            let on = day(from, self.rng.range(0, span));
            self.note(on)?;
        }
        if self.rng.percent(5) {
            let on = day(from, self.rng.range(0, span));
            self.move_workplace(on);
        }
        Ok(())
    }
}

/// Student `index` of the set given by `seed`, or the first step of their story the
/// domain refused.
fn generated_case(
    index: usize,
    today: NaiveDate,
    seed: u64,
    ids: &mut dyn IdSource,
) -> Result<BuiltCase, Refusal> {
    let mut rng = Rng::for_student(seed, index);
    let id = StudentId(ids.next_id());
    let (officer, login) = rng.pick(OFFICERS);
    let user = Actor::new(officer, Role::EducationOfficer, login);
    let student = new_student(&mut rng, id, today, officer);
    let created_on = day(student.start, rng.range(3, 20)).min(today);
    let mut g = Gen {
        rng,
        today,
        clock: at(created_on, 9),
        b: CaseBuilder::register(student, user, at(created_on, 9), ids),
    };
    story(&mut g, created_on)?;
    Ok(g.b.build())
}

fn new_student(rng: &mut Rng, id: StudentId, today: NaiveDate, officer: &str) -> Student {
    let programme = Programme::ALL[rng.weighted(&[30, 50, 20])];
    let length = match programme {
        Programme::Ssh => 14 * 30,
        Programme::Ssa | Programme::EuxVelfaerd => 33 * 30,
    };
    let start = day(today, -rng.range(20, (length - 20).min(560)));
    let place = rng.pick(WORKPLACES);
    let areas = if rng.percent(30) { 2 } else { 1 };
    let mut focus_areas: Vec<FocusArea> = Vec::new();
    while focus_areas.len() < areas {
        let kind = FocusKind::ALL[rng.weighted(&[25, 20, 15, 10, 20, 10])];
        if focus_areas.iter().all(|f| f.kind != kind) {
            focus_areas.push(FocusArea {
                kind,
                note: rng.pick(focus_notes(kind)).into(),
            });
        }
    }
    focus_areas.sort_by_key(|f| f.kind);
    Student {
        id,
        name: person_name(rng),
        programme,
        start,
        expected_end: day(start, length),
        school: "SOSU Esbjerg".into(),
        workplace: place.name.into(),
        unit: rng.pick(place.units).into(),
        employer: place.employer.into(),
        supervisor: person_name(rng),
        education_officer: officer.into(),
        focus_areas,
        status: StudentStatus::Active,
        level: Level::One,
        level_raised_on: None,
        employer_org: None,
        school_org: None,
        workplace_org: None,
    }
}

/// The student's conversations over the past year, ending in one of the [`Ending`]s.
fn story(g: &mut Gen, created_on: NaiveDate) -> Result<(), Refusal> {
    let today = g.today;
    let count = g.rng.weighted(&[12, 20, 20, 17, 13, 10, 8]);
    if count == 0 {
        g.between(day(created_on, 1), today)?;
        finish(g, true);
        return Ok(());
    }
    let mut ending = [
        Ending::Upcoming,
        Ending::Today,
        Ending::NotRegistered,
        Ending::Draft,
        Ending::Finalized,
    ][g.rng.weighted(&[22, 3, 8, 12, 55])];
    let earliest = day(created_on, 7).max(day(today, -365));
    let mut last = match ending {
        Ending::Draft => day(today, -g.rng.range(0, 12)),
        Ending::NotRegistered => day(today, -g.rng.range(1, 10)),
        Ending::Finalized => day(today, -g.rng.range(1, 45)),
        Ending::Upcoming | Ending::Today => day(today, -g.rng.range(10, 50)),
    };
    let future = matches!(ending, Ending::Upcoming | Ending::Today);
    let past_count = if future { count - 1 } else { count };
    let mut dates = Vec::new();
    while dates.len() < past_count && last >= earliest {
        dates.push(last);
        last = day(last, -g.rng.range(14, 60));
    }
    dates.reverse();
    if dates.is_empty() && !future {
        // Too new for any conversation to have been held: the first one lies ahead.
        ending = Ending::Upcoming;
    }
    let future_date = match ending {
        Ending::Upcoming => Some(day(today, g.rng.range(1, 30))),
        Ending::Today => Some(today),
        _ => None,
    };
    let first = dates.first().map_or(today, |d| day(*d, -1));
    g.between(day(created_on, 1), first)?;
    let mut planned: Option<ConversationId> = None;
    for (i, &date) in dates.iter().enumerate() {
        let last_past = i + 1 == dates.len();
        let id = match planned.take() {
            Some(id) => id,
            None => g.plan(date)?,
        };
        let role = if last_past && !future {
            ending
        } else {
            Ending::Finalized
        };
        let next_date = dates.get(i + 1).copied().or(future_date);
        match role {
            Ending::NotRegistered => {}
            Ending::Draft => {
                g.hold(id, false, Next::Same, None)?;
            }
            _ => {
                let level = g.b.case().student.level;
                let raise = match level {
                    Level::One => 18,
                    Level::Two => 12,
                    Level::Three => 0,
                };
                let lower = if level == Level::One { 0 } else { 20 };
                let roll = g.rng.below(100);
                let next = if roll < raise && (next_date.is_some() || g.rng.percent(70)) {
                    Next::Raise(g.rng.pick(ESCALATION_REASONS))
                } else if roll >= 100 - lower {
                    Next::Lower(g.rng.pick(DEESCALATION_REASONS))
                } else {
                    Next::Same
                };
                // The minutes change the type as they decide and plan the next meeting.
                let follow_up = next_date.or_else(|| match next {
                    Next::Raise(_) => Some(day(today, g.rng.range(2, 21))),
                    _ => None,
                });
                planned = g.hold(id, true, next, follow_up)?;
                if next_date.is_none()
                    && g.rng.percent(30)
                    && let Some(p) = planned.take()
                {
                    // The meeting planned was called off: nothing planned.
                    g.cancel(p, day(date, 2))?;
                }
            }
        }
        let until = next_date.map_or(today, |d| day(d, -1));
        g.between(day(date, 3), until)?;
    }
    if let Some(on) = future_date
        && planned.is_none()
    {
        g.plan(on)?;
    }
    finish(g, ending == Ending::Finalized);
    Ok(())
}

/// A few students leave or go on leave; those who leave have no reminders any more.
fn finish(g: &mut Gen, may_leave: bool) {
    let today = g.today;
    let on = day(today, -g.rng.range(0, 20));
    if may_leave && g.rng.percent(10) {
        let status = [
            StudentStatus::Completed,
            StudentStatus::DroppedOut,
            StudentStatus::Transferred,
        ][g.rng.weighted(&[6, 2, 2])];
        g.set_status(status, on);
    } else if g.rng.percent(4) {
        g.set_status(StudentStatus::OnLeave, on);
    }
}

fn person_name(rng: &mut Rng) -> String {
    let mut name = rng.pick(FIRST_NAMES).to_string();
    if rng.percent(15) {
        name.push(' ');
        name.push_str(rng.pick(FIRST_NAMES));
    }
    if rng.percent(12) {
        name.push(' ');
        name.push_str(rng.pick(SURNAMES));
    }
    name.push(' ');
    name.push_str(rng.pick(SURNAMES));
    name
}

fn sentences(rng: &mut Rng, pool: &[&str], min: i64, max: i64) -> String {
    let n = rng.range(min, max);
    let mut out: Vec<&str> = Vec::new();
    while (out.len() as i64) < n {
        let s = rng.pick(pool);
        if !out.contains(&s) {
            out.push(s);
        }
        if out.len() == pool.len() {
            break;
        }
    }
    out.join(" ")
}

fn learning_needs(rng: &mut Rng, focus: &[FocusKind], level: Level) -> String {
    let mut parts: Vec<&str> = focus.iter().map(|k| rng.pick(focus_needs(*k))).collect();
    if level != Level::One {
        parts.push(rng.pick(SEVERE_NEEDS));
    }
    parts.join(" ")
}

#[derive(Clone, Copy)]
struct Workplace {
    name: &'static str,
    employer: &'static str,
    units: &'static [&'static str],
}

const WORKPLACES: &[Workplace] = &[
    Workplace {
        name: "Plejecenter Kastanjehaven",
        employer: "Esbjerg Kommune",
        units: &["Afsnit A", "Afsnit B", "Demensafsnittet"],
    },
    Workplace {
        name: "Plejecenter Sønderbo",
        employer: "Esbjerg Kommune",
        units: &["Stuen", "1. sal", "Skærmet enhed"],
    },
    Workplace {
        name: "Hjemmeplejen Esbjerg Øst",
        employer: "Esbjerg Kommune",
        units: &["Team 1", "Team 2", "Aftenteamet"],
    },
    Workplace {
        name: "Hjemmesygeplejen Ribe",
        employer: "Esbjerg Kommune",
        units: &["Dagholdet", "Sårklinikken"],
    },
    Workplace {
        name: "Rehabiliteringscenter Strandbo",
        employer: "Esbjerg Kommune",
        units: &["Midlertidige pladser", "Genoptræning"],
    },
    Workplace {
        name: "Socialpsykiatrien Esbjerg",
        employer: "Esbjerg Kommune",
        units: &["Botilbud Vestergade", "Bostøtten"],
    },
    Workplace {
        name: "Hjemmeplejen Varde Nord",
        employer: "Varde Kommune",
        units: &["Gruppe 1", "Gruppe 3"],
    },
    Workplace {
        name: "Plejecentret Åhaven",
        employer: "Varde Kommune",
        units: &["Bo-enhed Øst", "Bo-enhed Vest"],
    },
    Workplace {
        name: "Fanø Plejecenter",
        employer: "Fanø Kommune",
        units: &["Stuen", "Nordby"],
    },
    Workplace {
        name: "Billund Hjemmepleje",
        employer: "Billund Kommune",
        units: &["Team Grindsted", "Team Billund"],
    },
    Workplace {
        name: "Vejen Sundhedscenter",
        employer: "Vejen Kommune",
        units: &["Rehabilitering", "Akutteamet"],
    },
    Workplace {
        name: "Plejecenter Elmely",
        employer: "Vejen Kommune",
        units: &["Afdeling Øst", "Afdeling Syd"],
    },
    Workplace {
        name: "Sydvestjysk Sygehus",
        employer: "Region Syddanmark",
        units: &[
            "Medicinsk afdeling M2",
            "Ortopædkirurgisk afdeling",
            "Akutmodtagelsen",
            "Geriatrisk afsnit",
        ],
    },
    Workplace {
        name: "Psykiatrien Esbjerg",
        employer: "Region Syddanmark",
        units: &["Afsnit S2", "Afsnit S4", "Distriktspsykiatrien"],
    },
];

const OFFICERS: &[(&str, &str)] = &[
    ("Hanne Krogh", "hkrogh"),
    ("Per Winther", "pwinther"),
    ("Rikke Dam", "rdam"),
    ("Ole Frost", "ofrost"),
    ("Søren Bøgh", "sbogh"),
    ("Lærke Østergaard", "lostergaard"),
    ("Åse Kjærgaard", "akjaergaard"),
];

const FIRST_NAMES: &[&str] = &[
    "Anna", "Sofie", "Freja", "Ida", "Emma", "Clara", "Laura", "Maja", "Ella", "Karla", "Josefine",
    "Mathilde", "Signe", "Cecilie", "Nanna", "Lærke", "Astrid", "Liv", "Thea", "Sølvi", "Åse",
    "Bodil", "Dorthe", "Mette", "Camilla", "Fatima", "Amina", "Zainab", "Sara", "Rikke", "Gry",
    "Trine", "Mikkel", "Jonas", "Noah", "William", "Oliver", "Emil", "Magnus", "Frederik", "Mads",
    "Søren", "Bjørn", "Jørgen", "Kåre", "Børge", "Rasmus", "Tobias", "Aske", "Villads", "Kasper",
    "Anders", "Niels", "Ahmad", "Yusuf", "Omar", "Ali", "Mohammed", "Tenzin", "Minh",
];

const SURNAMES: &[&str] = &[
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
    "Møller",
    "Mortensen",
    "Østergaard",
    "Kjærgaard",
    "Frølund",
    "Lykkegaard",
    "Bækgaard",
    "Nørgaard",
    "Søndergaard",
    "Ærenlund",
    "Mølgaard",
    "Ågesen",
    "Bøgh",
    "Kræmer",
    "Holm",
    "Bach",
    "Lund",
    "Juhl",
    "Munk",
    "Friis",
    "Vestergaard",
    "Overgaard",
    "Thygesen",
    "Hassan",
    "Yilmaz",
    "Nguyen",
    "Ahmadi",
    "Karimi",
    "Demir",
    "Kowalski",
];

fn focus_notes(kind: FocusKind) -> &'static [&'static str] {
    match kind {
        FocusKind::Academic => &[
            "Medicinhåndtering og farmakologi",
            "Sygdomslære og observationer",
            "Dokumentation af vitale værdier",
            "Psykiatrisk sygdomslære",
        ],
        FocusKind::Language => &[
            "Fagsprog i den skriftlige dokumentation",
            "Mundtlig overlevering til kolleger",
            "Dansk som andetsprog",
        ],
        FocusKind::Social => &[
            "Samarbejde i teamet",
            "Mødestabilitet og fremmøde",
            "Kontakt med borgere og pårørende",
        ],
        FocusKind::Physical => &[
            "Rygproblemer ved forflytning",
            "Genoptræning efter knæskade",
            "Træthed på lange vagter",
        ],
        FocusKind::Mental => &[
            "Stress og søvn",
            "Angst ved alenearbejde",
            "Grænsesætning over for borgere",
        ],
        FocusKind::BiggerChallenges => &[
            "Ønsker mere ansvar for borgerforløb",
            "Vil gerne prøve aftenvagter og koordinering",
        ],
    }
}

fn focus_needs(kind: FocusKind) -> &'static [&'static str] {
    match kind {
        FocusKind::Academic => &[
            "Eleven er usikker på medicinhåndtering og beder sjældent om hjælp.",
            "Eleven har svært ved at koble sygdomslæren fra skolen til borgerne på stedet.",
            "Observationer af vitale værdier bliver ikke altid fulgt op eller dokumenteret.",
        ],
        FocusKind::Language => &[
            "Eleven har svært ved fagsproget i dokumentationen og undgår at skrive journalnotater.",
            "Den mundtlige overlevering til kolleger er kort og mangler de vigtige observationer.",
            "Eleven forstår instrukserne, men har brug for tid til at læse dem igennem.",
        ],
        FocusKind::Social => &[
            "Eleven har flere sene fremmøder og giver ikke altid besked.",
            "Samarbejdet i teamet er anstrengt; eleven trækker sig i fælles opgaver.",
            "Eleven er usikker i kontakten med pårørende.",
        ],
        FocusKind::Physical => &[
            "Eleven har ondt i ryggen efter forflytninger og mangler teknik med hjælpemidler.",
            "Eleven er træt efter lange vagter og har brug for en plan for pauser.",
        ],
        FocusKind::Mental => &[
            "Eleven fortæller om stress og dårlig søvn i perioder med mange vagter.",
            "Eleven bliver urolig ved alenearbejde og ringer ofte til kolleger.",
            "Eleven har svært ved at sætte grænser over for borgere.",
        ],
        FocusKind::BiggerChallenges => &[
            "Eleven efterspørger større læringsmæssige udfordringer og mere ansvar.",
            "Eleven er fagligt stærk og vil gerne koordinere et borgerforløb.",
        ],
    }
}

const SEVERE_NEEDS: &[&str] = &[
    "Fokusområderne er fortsat til stede; der er ikke sket den forventede progression.",
    "Drøftelse med ansættende myndighed af elevens læring og trivsel. Eleven ønsker at gennemføre.",
    "Manglende læringsmæssig progression af svær karakter; praktikmålene er i fare.",
];

const WELCOMES: &[&str] = &[
    "Præsentationsrunde. Eleven fortalte kort om forløbet indtil nu.",
    "Kort velkomst. Alle parter kender hinanden fra sidste samtale.",
    "Velkomst og præsentation. Formålet med samtalen blev gennemgået.",
];

const WORKPLACE_SECURES: &[&str] = &[
    "Vejlederen gennemgår to journalnotater om ugen med eleven og afsætter 30 minutter til det.",
    "Oplæringsstedet sikrer fast vejleder på alle dagvagter i den kommende periode.",
    "Eleven får ansvar for to borgeres forløb under supervision.",
    "Ugentlig statussamtale med vejleder om fredagen.",
    "Eleven følger en erfaren kollega på aftenvagter to gange om ugen.",
    "Oplæringsstedet planlægger vagterne, så eleven ikke arbejder alene.",
];

const STUDENT_COMMITS: &[&str] = &[
    "Eleven skriver mindst ét journalnotat pr. vagt og bruger ordlisten fra skolen.",
    "Eleven forbereder sig til hver vagt med en skriftlig plan.",
    "Eleven giver besked til vejleder ved sygdom inden kl. 7.",
    "Eleven fører logbog over læringsmål og tager den med til samtalerne.",
    "Eleven øver mundtlig overlevering på personalemødet.",
    "Eleven tager selv kontakt til vejleder, når noget er svært.",
];

const CLOSINGS: &[&str] = &[
    "Mødet afrundet. Alle parter er enige om planen.",
    "Eleven er tilfreds med aftalerne. Mødet sluttede til tiden.",
    "Mødet afsluttet; referatet sendes ud inden for en uge.",
];

const NEW_DATE_NOTES: &[&str] = &[
    "Samme mødelokale som i dag.",
    "Samtalen holdes på skolen.",
    "Elevkonsulenten deltager, hvis det kan nås.",
];

const DISTRIBUTION_NOTES: &[&str] = &[
    "Referatet sendes også til det kommende oplæringssted.",
    "Eleven uploader referatet til uddannelsesbogen samme dag.",
];

fn agreement_texts(owner: AgreementOwner) -> &'static [&'static str] {
    match owner {
        AgreementOwner::Student => &[
            "Eleven skriver ét journalnotat pr. vagt",
            "Eleven læser op på farmakologi inden næste samtale",
            "Eleven giver besked ved sygdom inden kl. 7",
            "Eleven fører logbog over læringsmål",
            "Eleven fremlægger et borgerforløb på personalemødet",
        ],
        AgreementOwner::Workplace => &[
            "Vejleder afsætter 30 min. om fredagen til gennemgang",
            "Fast vejleder på alle dagvagter",
            "Ugentlig statussamtale med vejleder",
            "Eleven følger en erfaren kollega på aftenvagt",
        ],
        AgreementOwner::School => &[
            "Skolen tilbyder ekstra undervisning i farmakologi",
            "Ansøgning om SPS-støtte sendes",
            "Læringsvejleder kontakter eleven",
        ],
        AgreementOwner::EmployingAuthority => &[
            "Mentorordning etableres",
            "Forlængelse af oplæringsperioden vurderes",
            "Elevkonsulent deltager i næste samtale",
        ],
    }
}

const ESCALATION_REASONS: &[&str] = &[
    "Fokusområderne er fortsat til stede ved opfølgningen",
    "Ingen progression efter type 1-samtalen",
    "Gentagne fravær trods aftalerne",
    "Eleven har selv bedt om en samtale med ansættende myndighed",
    "Læringsmæssige udfordringer af svær karakter",
];

const DEESCALATION_REASONS: &[&str] = &[
    "God progression; fokusområderne kan følges op i en lettere samtale",
    "Aftalerne er overholdt, og eleven trives",
];

const CANCEL_REASONS: &[&str] = &[
    "Ansættende myndighed kunne ikke deltage",
    "Eleven var syg",
    "Vejleder på kursus",
];

const NOTES: &[&str] = &[
    "Eleven har været syg i tre dage.",
    "Telefonsamtale med vejleder om fremmøde.",
    "Eleven ringede og bad om at rykke samtalen.",
    "Mail fra skolen om ekstra undervisning.",
    "Vejleder fortæller om god udvikling i dokumentationen.",
    "Eleven har haft fri to dage efter aftale med leder.",
    "Kort snak med eleven på gangen; alt går efter planen.",
    "Pårørende har rost eleven over for lederen.",
];

const LONG_SENTENCES: &[&str] = &[
    "Eleven fortalte, at de første uger på afsnittet har været travle, men lærerige.",
    "Vejlederen oplever, at eleven møder forberedt og tager ansvar for egne opgaver.",
    "Der er fortsat udfordringer med den skriftlige dokumentation efter morgenplejen.",
    "Vi talte om, hvordan eleven kan bruge ordlisten fra skolen i journalnotaterne.",
    "Eleven har selv taget initiativ til at følge sygeplejersken på medicinrunden.",
    "Kollegerne beskriver eleven som rolig og god i kontakten med borgerne.",
    "Ved overleveringen mangler der stadig observationer af væske og ernæring.",
    "Eleven er blevet bedre til at spørge, når en instruks er uklar.",
    "Vi aftalte, at vejlederen gennemgår to notater om ugen sammen med eleven.",
    "Eleven har haft fravær i to perioder og har ikke altid givet besked i tide.",
    "Lederen understreger, at oplæringsstedet gerne vil hjælpe eleven til at gennemføre.",
    "Eleven ønsker flere vagter sammen med den faste vejleder i dagtimerne.",
    "Forflytning med lift går nu sikkert, og eleven vejleder selv nye kolleger.",
    "Vi gennemgik praktikmålene ét for ét og markerede dem, der er nået.",
    "Eleven beskrev en svær situation med en pårørende og hvordan den blev løst.",
    "Næste periode skal bruges på at arbejde mere selvstændigt med borgerforløb.",
    "Skolen tilbyder ekstra undervisning i farmakologi to eftermiddage om måneden.",
    "Eleven fortæller om stress i perioder med mange skiftende vagter.",
    "Vejlederen har lagt en plan, så eleven ikke arbejder alene de første uger.",
    "Alle parter er enige om, at udviklingen går den rigtige vej.",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reminders::{self, DueKind, Urgency};
    use crate::domain::{Case, ConversationState};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn the_same_seed_gives_the_same_students() {
        let a = generated_cases(60, today(), 7, &mut 0u64).unwrap();
        let b = generated_cases(60, today(), 7, &mut 0u64).unwrap();
        assert_eq!(a.len(), 60);
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.case, y.case);
            assert_eq!(x.change, y.change);
        }
        let other = generated_cases(60, today(), 8, &mut 0u64).unwrap();
        assert!(a.iter().zip(&other).any(|(x, y)| x.case != y.case));
    }

    #[test]
    fn a_student_does_not_depend_on_how_many_are_generated() {
        let few = generated_cases(5, today(), 3, &mut 0u64).unwrap();
        let many = generated_cases(50, today(), 3, &mut 0u64).unwrap();
        for (x, y) in few.iter().zip(&many) {
            assert_eq!(x.case, y.case);
        }
    }

    #[test]
    fn five_hundred_students_are_built_without_a_refusal_whatever_the_day() {
        let days = [
            (2026, 11, 23), // a Monday
            (2026, 11, 28), // a Saturday
            (2026, 11, 29), // a Sunday
            (2026, 11, 30), // the end of a month
            (2026, 12, 31),
            (2027, 1, 1),
            (2028, 2, 29),
        ];
        for seed in [7, 2026] {
            for (y, m, d) in days {
                let today = NaiveDate::from_ymd_opt(y, m, d).unwrap();
                let cases = generated_cases(500, today, seed, &mut 0u64);
                assert!(cases.is_ok(), "seed {seed}, {today}: {:?}", cases.err());
            }
        }
    }

    #[test]
    fn every_generated_case_has_events_and_the_change_recreates_it() {
        let mut ids = 0u64;
        for index in 0..300 {
            let demo = generated_case(index, today(), 11, &mut ids).unwrap();
            assert!(!demo.case.events.is_empty());
            let mut rebuilt = Case::new(demo.change.student.clone().unwrap());
            rebuilt.apply(&demo.change);
            assert_eq!(rebuilt, demo.case);
            let mut times: Vec<_> = demo.case.events.iter().map(|e| e.at).collect();
            let in_order = times.windows(2).all(|w| w[0] <= w[1]);
            assert!(in_order, "{}: events out of order", demo.case.student.name);
            times.sort();
            assert!(times.last().unwrap().date() <= today());
        }
    }

    #[test]
    fn names_are_danish_with_aeoeaa_and_conversations_span_all_types() {
        let cases = generated_cases(200, today(), 1, &mut 0u64).unwrap();
        assert!(
            cases
                .iter()
                .any(|c| c.case.student.name.contains(['æ', 'ø', 'å', 'Æ', 'Ø', 'Å']))
        );
        let convs: Vec<_> = cases.iter().flat_map(|c| &c.case.conversations).collect();
        for level in Level::ALL {
            assert!(convs.iter().any(|c| c.level == level), "{level:?}");
        }
        assert!(
            convs
                .iter()
                .any(|c| matches!(c.state, ConversationState::Finalized { .. }))
        );
        let per_student: Vec<usize> = cases.iter().map(|c| c.case.conversations.len()).collect();
        assert!(per_student.contains(&0));
        assert!(per_student.iter().all(|&n| n <= 7));
        assert!(per_student.iter().any(|&n| n >= 5));
        let oldest = convs.iter().map(|c| c.planned_at.date()).min().unwrap();
        assert!(oldest >= today() - Duration::days(366));
    }

    #[test]
    fn two_hundred_students_give_reminders_of_several_kinds() {
        let cases = generated_cases(200, today(), 42, &mut 0u64).unwrap();
        let items: Vec<_> = cases
            .iter()
            .flat_map(|c| reminders::due_items(&c.case))
            .collect();
        let shown = reminders::reminders(&items, |_| None, today(), 7);
        let kinds: std::collections::HashSet<DueKind> = shown.iter().map(|r| r.item.kind).collect();
        assert!(kinds.len() >= 4, "only {kinds:?}");
        assert!(shown.iter().any(|r| r.urgency == Urgency::Overdue));
        assert!(shown.iter().any(|r| r.urgency == Urgency::Upcoming));
        let quiet = cases
            .iter()
            .filter(|c| {
                let due = reminders::due_items(&c.case);
                due.iter()
                    .all(|i| reminders::urgency(i, today(), 7).is_none())
            })
            .count();
        assert!(quiet > 10, "every student has a reminder");
    }

    #[test]
    fn long_minutes_have_about_the_words_asked_for_in_paragraphs() {
        let text = minutes_text(5_000, 1);
        let words = text.split_whitespace().count();
        assert!((5_000..5_020).contains(&words), "{words}");
        assert!(text.lines().count() > 40);
        assert_eq!(text, minutes_text(5_000, 1));
    }

    #[test]
    fn filling_a_database_commits_every_student() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::SledStore::open(dir.path()).unwrap();
        assert_eq!(fill_generated(&store, 25, today(), 5).unwrap(), 25);
        assert_eq!(store.summaries().unwrap().len(), 25);
        let expected = generated_cases(25, today(), 5, &mut 0u64).unwrap();
        let stored = store.load_case(store.summaries().unwrap()[3].id).unwrap();
        assert!(
            expected
                .iter()
                .any(|c| c.case.student.name == stored.student.name
                    && c.case.events.len() == stored.events.len())
        );
        assert!(matches!(
            fill_generated(&store, 1, today(), 5),
            Err(FillError::Store(StoreError::NotEmpty))
        ));
    }
}
