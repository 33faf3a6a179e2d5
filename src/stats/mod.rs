//! Management information (ledelsesinformation): the figures for a period, in total and
//! per workplace, school, programme or cohort, computed from the students' digests
//! ([`StudentFacts`]) and written as a table, a CSV file or a PDF.
//!
//! Every figure is defined on the field that holds it in [`Figures`]. A date "in the
//! period" lies in `from..=to`, both days included.

mod csv;
pub mod lines;
mod pdf;
mod table;

use chrono::{Datelike, Months, NaiveDate};

use crate::domain::facts::StudentFacts;
use crate::domain::{AgreementStatus, DropoutCause, FocusKind, InterventionKind, Level, Programme};

pub use csv::csv;
pub use pdf::pdf;
pub use table::table;

/// What to compute: the period, how to group and which students to count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub by: Option<Grouping>,
    pub filter: Filter,
}

/// How the students are grouped besides the total.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    Workplace,
    School,
    Programme,
    /// The start month, as "2026-08".
    Cohort,
}

impl Grouping {
    /// The grouping a command-line word names.
    pub fn parse(word: &str) -> Option<Grouping> {
        Some(match word {
            "workplace" => Grouping::Workplace,
            "school" => Grouping::School,
            "programme" => Grouping::Programme,
            "cohort" => Grouping::Cohort,
            _ => return None,
        })
    }

    /// The group `facts` belongs to; for a programme its code ([`programme_code`]).
    pub fn key(self, facts: &StudentFacts) -> String {
        match self {
            Grouping::Workplace => facts.workplace.clone(),
            Grouping::School => facts.school.clone(),
            Grouping::Programme => programme_code(facts.programme).to_string(),
            Grouping::Cohort => cohort(facts.start),
        }
    }
}

/// Which students are counted: each field set must match exactly.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub employer: Option<String>,
    pub workplace: Option<String>,
    pub school: Option<String>,
    pub programme: Option<Programme>,
    /// The start month, as "2026-08".
    pub cohort: Option<String>,
}

impl Filter {
    /// Whether `facts` is one of the students counted.
    pub fn admits(&self, facts: &StudentFacts) -> bool {
        let same = |want: &Option<String>, have: &str| want.as_deref().is_none_or(|w| w == have);
        same(&self.employer, &facts.employer)
            && same(&self.workplace, &facts.workplace)
            && same(&self.school, &facts.school)
            && self.programme.is_none_or(|p| p == facts.programme)
            && same(&self.cohort, &cohort(facts.start))
    }

    /// Whether no field is set.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// The cohort of a student starting on `start`: the start month, "2026-08".
pub fn cohort(start: NaiveDate) -> String {
    format!("{:04}-{:02}", start.year(), start.month())
}

/// Whether `text` is a cohort as [`cohort`] writes it.
pub fn is_cohort(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit)
        && matches!(text[5..].parse::<u32>(), Ok(1..=12))
}

/// The programme's code on the command line and in group keys.
pub fn programme_code(p: Programme) -> &'static str {
    match p {
        Programme::Ssh => "ssh",
        Programme::Ssa => "ssa",
        Programme::EuxVelfaerd => "eux",
    }
}

/// The programme a code names.
pub fn parse_programme(code: &str) -> Option<Programme> {
    Programme::ALL
        .into_iter()
        .find(|p| programme_code(*p) == code)
}

/// A part of a base, such as students retained of those counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Share {
    pub part: u32,
    pub base: u32,
}

impl Share {
    /// The share in tenths of a per cent, rounded half up; `None` for an empty base.
    pub fn permille(self) -> Option<u64> {
        (self.base > 0).then(|| {
            let base = u64::from(self.base);
            (u64::from(self.part) * 1000 + base / 2) / base
        })
    }

    fn count(&mut self, included: bool) {
        self.base += 1;
        if included {
            self.part += 1;
        }
    }
}

/// The median of a number of days over students. With an even number of students it is
/// the mean of the two middle values, which may end in a half day: it is kept doubled so
/// that no rounding is needed, and shown with ",5" where it has one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Median {
    /// How many students the median is over.
    pub students: u32,
    /// Twice the median in days; `None` when there are no students.
    pub twice: Option<i64>,
}

impl Median {
    /// The median of `values` (in any order).
    pub fn of(values: &mut [i64]) -> Median {
        values.sort_unstable();
        let n = values.len();
        let twice = match n {
            0 => None,
            n if n % 2 == 1 => Some(2 * values[n / 2]),
            n => Some(values[n / 2 - 1] + values[n / 2]),
        };
        Median {
            students: u32::try_from(n).unwrap_or(u32::MAX),
            twice,
        }
    }
}

/// The changes of type counted as escalations, in the order reported.
pub const ESCALATIONS: [(Level, Level); 3] = [
    (Level::One, Level::Two),
    (Level::One, Level::Three),
    (Level::Two, Level::Three),
];
/// The changes of type counted as de-escalations, in the order reported.
pub const DEESCALATIONS: [(Level, Level); 3] = [
    (Level::Two, Level::One),
    (Level::Three, Level::One),
    (Level::Three, Level::Two),
];

/// Minutes finalized this many days after the meeting or sooner are on time.
pub const FINALIZED_WITHIN_DAYS: i64 = 2;

/// Months from the start to the middle retention milestone.
pub const RETENTION_MONTHS: u32 = 6;

/// The figures of one set of students.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    /// Students in focus in the period: their course overlaps the period — they started
    /// on or before its last day and did not end before its first day.
    pub in_focus: u32,
    /// Students in focus by focus area, in [`FocusKind::ALL`]'s order; a student counts
    /// once in each of their areas.
    pub focus: [u32; 6],
    /// Students in focus by the type their case is at now (at its end, for an ended
    /// course): type 1, 2, 3.
    pub current_level: [u32; 3],
    /// Conversations held in the period (held date in the period), by their type 1, 2, 3.
    pub held: [u32; 3],
    /// Escalations dated in the period, by from → to as in [`ESCALATIONS`].
    pub escalations: [u32; 3],
    /// De-escalations dated in the period, by from → to as in [`DEESCALATIONS`].
    pub deescalations: [u32; 3],
    /// Days from type 1 to type 2: for each student, from their first held type-1
    /// conversation to their first held type-2 conversation on or after it, counted when
    /// that type-2 conversation was held in the period; the median over those students.
    pub one_to_two: Median,
    /// Days from type 2 to type 3: as `one_to_two`, from the first held type-2
    /// conversation to the first held type-3 conversation on or after it.
    pub two_to_three: Median,
    /// Of the conversations held in the period whose minutes are finalized: those
    /// finalized within [`FINALIZED_WITHIN_DAYS`] days of the meeting (part) of all
    /// finalized (base).
    pub finalized_on_time: Share,
    /// Of the same finalized minutes: those sent to every required recipient (part).
    pub distributed: Share,
    /// Agreements made at a conversation held in the period, by their status now: met.
    pub agreements_met: u32,
    /// … not met.
    pub agreements_not_met: u32,
    /// … still open.
    pub agreements_open: u32,
    /// Courses ended in the period (end date in the period) as completed.
    pub completed: u32,
    /// … as transferred.
    pub transferred: u32,
    /// … as dropped out, by cause in [`DropoutCause::ALL`]'s order; the positive causes
    /// (another education, a job) are among them and reported apart.
    pub dropped_out: [u32; 7],
    /// Students in focus in the period whose course had not ended by its last day.
    pub continuing: u32,
    /// Retention at the end of the trial period; see [`Figures::retention_six_months`].
    pub retention_trial: Share,
    /// Retention 6 months after the start (the same day six months on, or the month's
    /// last day): over the students whose milestone lies in the period and is not after
    /// today, leaving out those who left with a positive cause on or before it (base);
    /// retained are those who had not dropped out with a negative cause on or before it
    /// (part). Completing or transferring before the milestone counts as retained.
    pub retention_six_months: Share,
    /// Retention at completion: as above, with the expected end as the milestone.
    pub retention_completion: Share,
    /// Retention 6 months after the start of the students who received each kind of
    /// intervention at some time from the start to that milestone, in
    /// [`InterventionKind::ALL`]'s order; the base is that of `retention_six_months`.
    pub with_intervention: [Share; 6],
    /// … of those who did not receive it.
    pub without_intervention: [Share; 6],
    /// Students in focus in the period with a cross-disciplinary team (a team file).
    pub with_team: u32,
    /// Team meetings held in the period (their checklists).
    pub team_meetings: u32,
    /// Students with a team who held at least three team meetings in the twelve months up
    /// to the period's last day, as the cooperation model asks.
    pub three_meetings: u32,
}

/// The figures for a query: the total and one set per group, sorted by the group's key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub query: Query,
    /// The day the figures were made for; milestones after it are not counted yet.
    pub today: NaiveDate,
    pub total: Figures,
    /// Each group with figures (groups whose figures are all 0 are left out).
    pub groups: Vec<(String, Figures)>,
    /// Whether small numbers are hidden ([`Report::suppressed`]).
    pub suppress: bool,
}

impl Report {
    /// The report for readers outside the case work (management): every count from 1 to
    /// 4 is shown as "<5", and so is every share whose base is below 5 and every median
    /// over fewer than 5 students; 0 stays 0. Nothing is computed differently, only
    /// shown. The PDF always shows it so.
    pub fn suppressed(mut self) -> Report {
        self.suppress = true;
        self
    }
}

/// The figures for `q` from `facts`, as on `today`.
pub fn compute(facts: &[StudentFacts], q: &Query, today: NaiveDate) -> Report {
    let chosen: Vec<&StudentFacts> = facts.iter().filter(|f| q.filter.admits(f)).collect();
    let total = figures(&chosen, q, today);
    let mut groups = Vec::new();
    if let Some(by) = q.by {
        let mut keyed: Vec<(String, &StudentFacts)> =
            chosen.iter().map(|f| (by.key(f), *f)).collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        for chunk in keyed.chunk_by(|a, b| a.0 == b.0) {
            let members: Vec<&StudentFacts> = chunk.iter().map(|(_, f)| *f).collect();
            let figures = figures(&members, q, today);
            if figures != Figures::default() {
                groups.push((chunk[0].0.clone(), figures));
            }
        }
    }
    Report {
        query: q.clone(),
        today,
        total,
        groups,
        suppress: false,
    }
}

fn index_of<T: PartialEq>(all: &[T], item: &T) -> usize {
    all.iter().position(|x| x == item).unwrap_or(0)
}

fn figures(students: &[&StudentFacts], q: &Query, today: NaiveDate) -> Figures {
    let in_period = |d: NaiveDate| q.from <= d && d <= q.to;
    let mut f = Figures::default();
    let mut one_to_two = Vec::new();
    let mut two_to_three = Vec::new();
    for s in students {
        let in_focus = s.start <= q.to && s.ended.is_none_or(|e| e.on >= q.from);
        if in_focus {
            f.in_focus += 1;
            for kind in &s.focus {
                f.focus[index_of(&FocusKind::ALL, kind)] += 1;
            }
            f.current_level[index_of(&Level::ALL, &s.level)] += 1;
            if s.ended.is_none_or(|e| e.on > q.to) {
                f.continuing += 1;
            }
            if s.has_team {
                f.with_team += 1;
                let year_before = q.to - chrono::Duration::days(365);
                let in_year = s
                    .team_meetings
                    .iter()
                    .filter(|d| year_before < **d && **d <= q.to)
                    .count();
                if in_year >= 3 {
                    f.three_meetings += 1;
                }
            }
        }
        f.team_meetings += u32::try_from(s.team_meetings.iter().filter(|d| in_period(**d)).count())
            .unwrap_or(u32::MAX);
        for h in s.held.iter().filter(|h| in_period(h.held_on)) {
            f.held[index_of(&Level::ALL, &h.level)] += 1;
            if let Some(on) = h.finalized_on {
                let on_time = (on - h.held_on).num_days() <= FINALIZED_WITHIN_DAYS;
                f.finalized_on_time.count(on_time);
                f.distributed.count(h.distributed);
            }
        }
        for c in s.level_changes.iter().filter(|c| in_period(c.on)) {
            if let Some(i) = ESCALATIONS.iter().position(|p| *p == (c.from, c.to)) {
                f.escalations[i] += 1;
            }
            if let Some(i) = DEESCALATIONS.iter().position(|p| *p == (c.from, c.to)) {
                f.deescalations[i] += 1;
            }
        }
        if let Some(days) = days_between(s, Level::One, Level::Two, in_period) {
            one_to_two.push(days);
        }
        if let Some(days) = days_between(s, Level::Two, Level::Three, in_period) {
            two_to_three.push(days);
        }
        for a in s.agreements.iter().filter(|a| in_period(a.meeting)) {
            match a.status {
                AgreementStatus::Met => f.agreements_met += 1,
                AgreementStatus::NotMet => f.agreements_not_met += 1,
                AgreementStatus::Open => f.agreements_open += 1,
            }
        }
        if let Some(end) = s.ended.filter(|e| in_period(e.on)) {
            match end.outcome {
                crate::domain::Outcome::Completed => f.completed += 1,
                crate::domain::Outcome::Transferred => f.transferred += 1,
                crate::domain::Outcome::DroppedOut(cause) => {
                    f.dropped_out[index_of(&DropoutCause::ALL, &cause)] += 1;
                }
            }
        }
        let counted = |milestone: NaiveDate| in_period(milestone) && milestone <= today;
        if let Some(retained) = retained_at(s, s.trial_end).filter(|_| counted(s.trial_end)) {
            f.retention_trial.count(retained);
        }
        if let Some(six) = six_months(s.start).filter(|m| counted(*m))
            && let Some(retained) = retained_at(s, six)
        {
            f.retention_six_months.count(retained);
            for (i, kind) in InterventionKind::ALL.iter().enumerate() {
                let given = s
                    .interventions
                    .iter()
                    .any(|g| g.kind == *kind && g.given_between(s.start, six));
                if given {
                    f.with_intervention[i].count(retained);
                } else {
                    f.without_intervention[i].count(retained);
                }
            }
        }
        if let Some(retained) = retained_at(s, s.expected_end).filter(|_| counted(s.expected_end)) {
            f.retention_completion.count(retained);
        }
    }
    f.one_to_two = Median::of(&mut one_to_two);
    f.two_to_three = Median::of(&mut two_to_three);
    f
}

/// The milestone six months after `start`.
pub fn six_months(start: NaiveDate) -> Option<NaiveDate> {
    start.checked_add_months(Months::new(RETENTION_MONTHS))
}

/// Whether the student was retained at `milestone`: `None` when they left with a positive
/// cause on or before it (they are not in the base), else whether they had not dropped
/// out with a negative cause on or before it.
pub fn retained_at(s: &StudentFacts, milestone: NaiveDate) -> Option<bool> {
    match s.ended.filter(|e| e.on <= milestone).map(|e| e.outcome) {
        Some(crate::domain::Outcome::DroppedOut(cause)) if cause.is_positive() => None,
        Some(outcome) => Some(!outcome.is_negative_dropout()),
        None => Some(true),
    }
}

/// Days from the student's first held conversation of type `a` to their first held
/// conversation of type `b` on or after it, when that one was held on a day `counted`.
fn days_between(
    s: &StudentFacts,
    a: Level,
    b: Level,
    counted: impl Fn(NaiveDate) -> bool,
) -> Option<i64> {
    let first = s
        .held
        .iter()
        .filter(|h| h.level == a)
        .map(|h| h.held_on)
        .min()?;
    let next = s
        .held
        .iter()
        .filter(|h| h.level == b && h.held_on >= first)
        .map(|h| h.held_on)
        .min()?;
    counted(next).then(|| (next - first).num_days())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::facts::{HeldFact, InterventionFact};
    use crate::domain::{CourseEnd, Outcome, StudentId};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn facts(start: NaiveDate) -> StudentFacts {
        StudentFacts {
            id: StudentId(1),
            programme: Programme::Ssa,
            start,
            expected_end: d(2028, 6, 30),
            school: "SOSU Esbjerg".into(),
            workplace: "Kastanjehaven".into(),
            employer: "Esbjerg Kommune".into(),
            focus: vec![],
            level: Level::One,
            trial_end: crate::domain::course::trial_end(start, &[]),
            ended: None,
            held: vec![],
            level_changes: vec![],
            agreements: vec![],
            interventions: vec![],
            has_team: false,
            team_meetings: vec![],
        }
    }

    #[test]
    fn team_meetings_count_in_the_period_and_three_in_the_year_before_its_end() {
        let mut s = facts(d(2026, 1, 5));
        s.has_team = true;
        s.team_meetings = vec![d(2025, 11, 1), d(2026, 2, 1), d(2026, 6, 1), d(2027, 1, 5)];
        let f = figures(&[&s], &query(d(2026, 1, 1), d(2026, 12, 31)), d(2027, 6, 1));
        assert_eq!((f.with_team, f.team_meetings, f.three_meetings), (1, 2, 0));
        // To 31 Oct 2026 the year before holds 1 Nov 2025 too: three meetings.
        let f = figures(&[&s], &query(d(2026, 1, 1), d(2026, 10, 31)), d(2027, 6, 1));
        assert_eq!((f.with_team, f.team_meetings, f.three_meetings), (1, 2, 1));
        s.has_team = false;
        let f = figures(&[&s], &query(d(2026, 1, 1), d(2026, 10, 31)), d(2027, 6, 1));
        assert_eq!(f.with_team, 0);
    }

    fn query(from: NaiveDate, to: NaiveDate) -> Query {
        Query {
            from,
            to,
            by: None,
            filter: Filter::default(),
        }
    }

    fn ended(mut f: StudentFacts, on: NaiveDate, outcome: Outcome) -> StudentFacts {
        f.ended = Some(CourseEnd { on, outcome });
        f
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two_kept_doubled() {
        assert_eq!(Median::of(&mut []).twice, None);
        assert_eq!(Median::of(&mut [7]).twice, Some(14));
        assert_eq!(Median::of(&mut [9, 1, 5]).twice, Some(10));
        let m = Median::of(&mut [10, 3, 12, 5]);
        assert_eq!(
            (m.students, m.twice),
            (4, Some(15)),
            "(5 + 10) / 2 = 7.5 days"
        );
    }

    #[test]
    fn shares_are_rounded_half_up_to_a_tenth_of_a_per_cent() {
        assert_eq!(Share { part: 2, base: 3 }.permille(), Some(667));
        assert_eq!(Share { part: 1, base: 8 }.permille(), Some(125));
        assert_eq!(Share { part: 0, base: 0 }.permille(), None);
    }

    #[test]
    fn dropping_out_on_the_milestone_day_counts_as_not_retained() {
        let start = d(2026, 1, 1);
        let six = six_months(start).unwrap();
        assert_eq!(six, d(2026, 7, 1));
        let on_the_day = ended(
            facts(start),
            six,
            Outcome::DroppedOut(DropoutCause::Illness),
        );
        assert_eq!(retained_at(&on_the_day, six), Some(false));
        let day_after = ended(
            facts(start),
            d(2026, 7, 2),
            Outcome::DroppedOut(DropoutCause::Illness),
        );
        assert_eq!(retained_at(&day_after, six), Some(true));
    }

    #[test]
    fn leaving_for_a_job_before_the_milestone_leaves_the_student_out_of_the_base() {
        let start = d(2026, 1, 1);
        let six = six_months(start).unwrap();
        let job = ended(
            facts(start),
            d(2026, 3, 1),
            Outcome::DroppedOut(DropoutCause::Job),
        );
        assert_eq!(retained_at(&job, six), None);
        let completed = ended(facts(start), d(2026, 3, 1), Outcome::Completed);
        assert_eq!(retained_at(&completed, six), Some(true));
        let q = query(d(2026, 1, 1), d(2026, 12, 31));
        let report = compute(&[job, completed], &q, d(2026, 12, 31));
        assert_eq!(
            report.total.retention_six_months,
            Share { part: 1, base: 1 }
        );
    }

    #[test]
    fn milestones_after_today_or_outside_the_period_are_not_counted_yet() {
        let s = facts(d(2026, 1, 1)); // six months: 1 July 2026
        let q = query(d(2026, 1, 1), d(2026, 12, 31));
        let before = compute(std::slice::from_ref(&s), &q, d(2026, 6, 30));
        assert_eq!(before.total.retention_six_months.base, 0);
        let on = compute(std::slice::from_ref(&s), &q, d(2026, 7, 1));
        assert_eq!(on.total.retention_six_months, Share { part: 1, base: 1 });
        let q = query(d(2026, 8, 1), d(2026, 12, 31));
        let outside = compute(&[s], &q, d(2026, 12, 31));
        assert_eq!(outside.total.retention_six_months.base, 0);
    }

    #[test]
    fn an_intervention_counts_for_retention_only_when_given_before_the_milestone() {
        let start = d(2026, 1, 1);
        let mut early = facts(start);
        early.interventions = vec![InterventionFact {
            kind: InterventionKind::Mentor,
            from: d(2026, 2, 1),
            to: Some(d(2026, 3, 1)),
        }];
        let mut late = facts(start);
        late.interventions = vec![InterventionFact {
            kind: InterventionKind::Mentor,
            from: d(2026, 7, 2),
            to: None,
        }];
        let q = query(d(2026, 1, 1), d(2026, 12, 31));
        let r = compute(&[early, late], &q, d(2026, 12, 31));
        assert_eq!(r.total.with_intervention[0], Share { part: 1, base: 1 });
        assert_eq!(r.total.without_intervention[0], Share { part: 1, base: 1 });
    }

    #[test]
    fn days_to_type_2_run_from_the_first_type_1_and_count_in_the_period_of_the_type_2() {
        let mut s = facts(d(2025, 8, 1));
        let held = |on, level| HeldFact {
            held_on: on,
            level,
            finalized_on: None,
            distributed: false,
        };
        s.held = vec![
            held(d(2025, 12, 1), Level::Two), // before any type 1: not the one
            held(d(2025, 12, 10), Level::One),
            held(d(2026, 1, 5), Level::One),
            held(d(2026, 1, 20), Level::Two),
        ];
        let q = query(d(2026, 1, 1), d(2026, 12, 31));
        let r = compute(std::slice::from_ref(&s), &q, d(2026, 12, 31));
        assert_eq!(r.total.one_to_two.twice, Some(2 * 41));
        let earlier = query(d(2025, 1, 1), d(2025, 12, 31));
        let r = compute(&[s], &earlier, d(2026, 12, 31));
        assert_eq!(r.total.one_to_two.students, 0);
    }

    #[test]
    fn cohorts_are_start_months_and_only_real_months_pass() {
        assert_eq!(cohort(d(2026, 8, 15)), "2026-08");
        assert!(is_cohort("2026-08"));
        assert!(!is_cohort("2026-13"));
        assert!(!is_cohort("2026-8"));
        assert!(!is_cohort("26-08-1"));
    }
}
