//! The course of a student's education: the school periods that interrupt the workplace
//! training, the trial period they push back, the interventions (indsatser) that support
//! the student, and the outcome the course ends with.

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::ids::AgreementId;

/// Why a student left the education. The list is fixed so that figures can be compared
/// between workplaces and years; "other education" and "job" are *positive* dropout,
/// reported apart from the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DropoutCause {
    /// Regretted the choice of education (fortrudt uddannelsesvalget).
    Regretted,
    /// The training agreement was ended (uddannelsesaftalen ophævet).
    AgreementEnded,
    /// Did not thrive (mistrivsel).
    NotThriving,
    Illness,
    /// Left for another education: positive dropout.
    OtherEducation,
    /// Left for a job: positive dropout.
    Job,
    Other,
}

impl DropoutCause {
    /// Every cause, in the order they are offered and reported.
    pub const ALL: [DropoutCause; 7] = [
        DropoutCause::Regretted,
        DropoutCause::AgreementEnded,
        DropoutCause::NotThriving,
        DropoutCause::Illness,
        DropoutCause::OtherEducation,
        DropoutCause::Job,
        DropoutCause::Other,
    ];

    /// Whether the student left for something else (another education or a job).
    pub fn is_positive(self) -> bool {
        matches!(self, DropoutCause::OtherEducation | DropoutCause::Job)
    }
}

/// How a course ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    Completed,
    /// Continued at another school or with another employing authority.
    Transferred,
    DroppedOut(DropoutCause),
}

impl Outcome {
    /// Whether the student left the education without a positive cause: the dropout
    /// retention figures count.
    pub fn is_negative_dropout(self) -> bool {
        matches!(self, Outcome::DroppedOut(c) if !c.is_positive())
    }
}

/// The end of a course: when and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseEnd {
    pub on: NaiveDate,
    pub outcome: Outcome,
}

/// A period at school, both days included. School periods do not count towards the trial
/// period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SchoolPeriod {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl SchoolPeriod {
    /// The period with its days in order, whichever way they were typed.
    pub fn new(a: NaiveDate, b: NaiveDate) -> SchoolPeriod {
        SchoolPeriod {
            from: a.min(b),
            to: a.max(b),
        }
    }

    /// Whether `day` is a school day of this period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

/// Reads school periods typed as `01.03.2027–14.03.2027; 03.05.2027–09.05.2027`: periods
/// separated by `;`, `,` or a new line, each two dates (any form `parse_date` reads)
/// joined by an en dash, ` - `, `..` or the word `til` / `to`. Nothing typed is no periods.
pub fn parse_periods(
    input: &str,
    today: NaiveDate,
) -> Result<Vec<SchoolPeriod>, super::dates::DateError> {
    use super::dates::{DateError, parse_date};
    let mut out = Vec::new();
    for part in input.split([';', ',', '\n']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (a, b) = ["–", "—", " - ", "..", " til ", " to "]
            .iter()
            .find_map(|sep| part.split_once(sep))
            // As typed in a spreadsheet: `01.03.2027-14.03.2027` (one hyphen, so dates
            // written with hyphens themselves need one of the separators above).
            .or_else(|| match part.split('-').collect::<Vec<_>>()[..] {
                [a, b] => Some((a, b)),
                _ => None,
            })
            .ok_or(DateError::Format)?;
        out.push(SchoolPeriod::new(
            parse_date(a, today)?,
            parse_date(b, today)?,
        ));
    }
    out.sort();
    Ok(out)
}

/// School periods as the user types them, the form [`parse_periods`] reads.
pub fn format_periods(periods: &[SchoolPeriod]) -> String {
    use super::dates::format_date;
    periods
        .iter()
        .map(|p| format!("{}–{}", format_date(p.from), format_date(p.to)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Months of workplace training in the trial period.
pub const TRIAL_MONTHS: u32 = 3;
/// Days before the trial period's end at which a reminder is raised.
pub const TRIAL_REMINDER_DAYS: [i64; 3] = [30, 14, 7];

/// The last day of the trial period without school periods: the day before the same date
/// three months later, or the last day of that month when the date does not exist there
/// (1 Feb → 30 Apr, 31 Jan → 30 Apr, 30 Nov 2023 → 29 Feb 2024).
pub fn nominal_trial_end(start: NaiveDate) -> NaiveDate {
    let months = Months::new(TRIAL_MONTHS);
    let Some(same_day) = start.checked_add_months(months) else {
        return NaiveDate::MAX;
    };
    if same_day.day() == start.day() {
        same_day.pred_opt().unwrap_or(same_day)
    } else {
        // chrono clamps a missing day to the month's last day: the period ends there.
        same_day
    }
}

/// The last day of the trial period of workplace training starting on `start`: as many
/// workplace days as the three months hold, counted from `start` and skipping every day of
/// `school` (in any order, overlapping or not).
pub fn trial_end(start: NaiveDate, school: &[SchoolPeriod]) -> NaiveDate {
    let nominal = nominal_trial_end(start);
    let needed = (nominal - start).num_days() + 1;
    let mut periods: Vec<SchoolPeriod> = school.iter().copied().filter(|p| p.to >= start).collect();
    periods.sort();
    let mut day = start;
    let mut left = needed;
    let mut next = periods.iter().peekable();
    loop {
        // Skip the school periods that begin on or before `day`.
        while let Some(p) = next.peek() {
            if p.to < day {
                next.next();
            } else if p.from <= day {
                day = match p.to.succ_opt() {
                    Some(d) => d,
                    None => return NaiveDate::MAX,
                };
                next.next();
            } else {
                break;
            }
        }
        // Workplace days until the next school period (or all that are left).
        let run = match next.peek() {
            Some(p) => (p.from - day).num_days().min(left),
            None => left,
        };
        left -= run;
        if left == 0 {
            return day + Duration::days(run - 1);
        }
        day += Duration::days(run);
    }
}

/// The kinds of intervention the cooperation report names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum InterventionKind {
    Mentor,
    /// Individual Danish-as-second-language support.
    LanguageSupport,
    /// Special-needs educational support (SPS).
    SpsSupport,
    /// A fellow student as learning buddy (læremakker).
    LearningBuddy,
    FullTimeSupervisor,
    Other,
}

impl InterventionKind {
    /// Every kind, in the order offered and reported.
    pub const ALL: [InterventionKind; 6] = [
        InterventionKind::Mentor,
        InterventionKind::LanguageSupport,
        InterventionKind::SpsSupport,
        InterventionKind::LearningBuddy,
        InterventionKind::FullTimeSupervisor,
        InterventionKind::Other,
    ];
}

/// Where an intervention stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InterventionStatus {
    Planned,
    Active,
    Ended,
    /// Agreed but never given.
    Cancelled,
}

impl InterventionStatus {
    /// Every status, in the order the user cycles through them.
    pub const ALL: [InterventionStatus; 4] = [
        InterventionStatus::Planned,
        InterventionStatus::Active,
        InterventionStatus::Ended,
        InterventionStatus::Cancelled,
    ];

    /// Whether the student actually received it (the with/without figures count these).
    pub fn was_given(self) -> bool {
        matches!(self, InterventionStatus::Active | InterventionStatus::Ended)
    }
}

/// Support given to a student (indsats): what, by whom, from when to when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intervention {
    /// Unique within the student; stable, so the timeline can name it.
    pub id: u64,
    pub kind: InterventionKind,
    /// Who provides it: a person or an organisation ("Bente Lund, mentor", "SOSU Syd").
    pub provider: String,
    /// What it is, in a few words, for kind "other" or anything the kind does not say.
    pub note: String,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub status: InterventionStatus,
    /// The agreement it carries out, when it came from one.
    pub agreement: Option<AgreementId>,
}

impl Intervention {
    /// Whether it was given at some time in `from..=to`.
    pub fn given_between(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.status.was_given() && self.from <= to && self.to.is_none_or(|end| end >= from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn without_school_the_trial_period_is_three_calendar_months() {
        assert_eq!(trial_end(d(2027, 2, 1), &[]), d(2027, 4, 30));
        assert_eq!(trial_end(d(2027, 1, 15), &[]), d(2027, 4, 14));
        assert_eq!(trial_end(d(2026, 11, 2), &[]), d(2027, 2, 1));
    }

    #[test]
    fn a_start_on_the_last_day_of_a_month_ends_on_the_last_day_three_months_on() {
        assert_eq!(trial_end(d(2027, 1, 31), &[]), d(2027, 4, 30));
        assert_eq!(trial_end(d(2027, 11, 30), &[]), d(2028, 2, 29));
        assert_eq!(trial_end(d(2026, 11, 30), &[]), d(2027, 2, 28));
        // 31 March: 30 June exists but 31 June does not.
        assert_eq!(trial_end(d(2027, 3, 31), &[]), d(2027, 6, 30));
        // 30 April: 30 July exists, so the day before.
        assert_eq!(trial_end(d(2027, 4, 30), &[]), d(2027, 7, 29));
    }

    #[test]
    fn leap_years_count_the_29th_of_february_as_a_workplace_day() {
        // 1 Dec 2027 to 29 Feb 2028: 91 days, the 29th included.
        assert_eq!(trial_end(d(2027, 12, 1), &[]), d(2028, 2, 29));
        // The same start a year earlier has 90 days.
        assert_eq!(trial_end(d(2026, 12, 1), &[]), d(2027, 2, 28));
        // A school week across 29 Feb 2028 pushes the end by its 7 days.
        let school = [SchoolPeriod::new(d(2028, 2, 26), d(2028, 3, 3))];
        assert_eq!(trial_end(d(2027, 12, 1), &school), d(2028, 3, 7));
    }

    #[test]
    fn school_periods_inside_the_trial_period_push_its_end_by_their_length() {
        let start = d(2027, 2, 1); // 89 workplace days: 1 Feb – 30 Apr 2027
        let school = [SchoolPeriod::new(d(2027, 3, 1), d(2027, 3, 14))];
        assert_eq!(trial_end(start, &school), d(2027, 5, 14));
    }

    #[test]
    fn a_trial_period_split_by_several_school_stays_counts_only_workplace_days() {
        let start = d(2027, 2, 1);
        // Typed out of order, one of them reached only because the first pushed the end.
        let school = [
            SchoolPeriod::new(d(2027, 5, 3), d(2027, 5, 9)),
            SchoolPeriod::new(d(2027, 3, 1), d(2027, 3, 14)),
        ];
        // 30 Apr + 14 days = 14 May, but 3–9 May is school: 7 more days.
        assert_eq!(trial_end(start, &school), d(2027, 5, 21));
    }

    #[test]
    fn school_at_the_start_and_periods_outside_do_not_count() {
        let start = d(2027, 2, 1);
        let school = [
            SchoolPeriod::new(d(2026, 12, 1), d(2027, 2, 7)), // ends a week in
            SchoolPeriod::new(d(2027, 9, 1), d(2027, 9, 30)), // long after
        ];
        assert_eq!(trial_end(start, &school), d(2027, 5, 7));
        // Overlapping periods count each school day once.
        let overlapping = [
            SchoolPeriod::new(d(2027, 3, 1), d(2027, 3, 10)),
            SchoolPeriod::new(d(2027, 3, 5), d(2027, 3, 14)),
        ];
        assert_eq!(trial_end(start, &overlapping), d(2027, 5, 14));
    }

    #[test]
    fn a_school_period_ending_the_day_before_the_end_moves_it_past_the_period() {
        let start = d(2027, 2, 1);
        // The last nominal day (30 Apr) is school: the trial ends on the next workplace day.
        let school = [SchoolPeriod::new(d(2027, 4, 30), d(2027, 5, 4))];
        assert_eq!(trial_end(start, &school), d(2027, 5, 5));
    }

    #[test]
    fn school_periods_are_read_as_typed_and_written_back_the_same_way() {
        let today = d(2027, 1, 10);
        let typed = "03.05.2027 - 09.05.2027;1.3.2027-14.3.2027\n 2027-06-01..2027-06-05, ";
        let periods = parse_periods(typed, today).unwrap();
        assert_eq!(
            periods,
            vec![
                SchoolPeriod::new(d(2027, 3, 1), d(2027, 3, 14)),
                SchoolPeriod::new(d(2027, 5, 3), d(2027, 5, 9)),
                SchoolPeriod::new(d(2027, 6, 1), d(2027, 6, 5)),
            ]
        );
        let written = format_periods(&periods);
        assert_eq!(
            written,
            "01.03.2027–14.03.2027; 03.05.2027–09.05.2027; 01.06.2027–05.06.2027"
        );
        assert_eq!(parse_periods(&written, today).unwrap(), periods);
        assert_eq!(parse_periods("  ", today).unwrap(), vec![]);
        assert!(parse_periods("01.03.2027", today).is_err());
        assert!(parse_periods("31.02.2027–04.03.2027", today).is_err());
    }

    #[test]
    fn positive_dropout_is_not_counted_as_dropout() {
        assert!(Outcome::DroppedOut(DropoutCause::Illness).is_negative_dropout());
        assert!(!Outcome::DroppedOut(DropoutCause::Job).is_negative_dropout());
        assert!(!Outcome::DroppedOut(DropoutCause::OtherEducation).is_negative_dropout());
        assert!(!Outcome::Completed.is_negative_dropout());
        assert!(!Outcome::Transferred.is_negative_dropout());
    }

    #[test]
    fn an_intervention_counts_only_when_given_within_the_span() {
        let i = Intervention {
            id: 1,
            kind: InterventionKind::Mentor,
            provider: "Bente Lund".into(),
            note: String::new(),
            from: d(2027, 3, 1),
            to: Some(d(2027, 4, 30)),
            status: InterventionStatus::Ended,
            agreement: None,
        };
        assert!(i.given_between(d(2027, 4, 30), d(2027, 6, 1)));
        assert!(!i.given_between(d(2027, 5, 1), d(2027, 6, 1)));
        let planned = Intervention {
            status: InterventionStatus::Planned,
            ..i
        };
        assert!(!planned.given_between(d(2027, 3, 1), d(2027, 6, 1)));
    }
}
