//! One generated student's story: their registration and a year of conversations,
//! ending in one of the ways a real case stands today.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use fokus::demo::builder::{BuiltCase, CaseBuilder, Refusal, Step};
use fokus::domain::{
    Actor, AgreementOwner, AgreementStatus, ConversationId, FocusArea, FocusKind, IdSource, Level,
    Participant, Programme, Role, Student, StudentId, StudentStatus,
};

use crate::pools::{
    CANCEL_REASONS, CLOSINGS, DEESCALATION_REASONS, DISTRIBUTION_NOTES, ESCALATION_REASONS,
    FIRST_NAMES, NEW_DATE_NOTES, NOTES, OFFICERS, SEVERE_NEEDS, STUDENT_COMMITS, SURNAMES,
    WELCOMES, WORKPLACE_SECURES, WORKPLACES, agreement_texts, focus_needs, focus_notes,
};
use crate::rng::Rng;

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
pub(crate) fn generated_case(
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
        school_periods: Vec::new(),
        ended: None,
        interventions: Vec::new(),
        team: Default::default(),
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
