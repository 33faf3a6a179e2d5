//! The Overblik pane's state: which period and grouping the management figures are for,
//! whether they are drawn as charts or listed as a table, and the figures once made.
//!
//! The figures are made by the runner from the students' digests, never here: a key
//! press only changes the question, so no key's work grows with the number of students.

use chrono::{Datelike, Months, NaiveDate};

use crate::stats::{Filter, Grouping, Query, Report};

/// The periods offered, in the order a key cycles through them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// From 1 January to today.
    ThisYear,
    /// The twelve months up to today.
    LastTwelveMonths,
    /// The whole of last year.
    LastYear,
    /// Everything Fokus holds.
    All,
}

impl Period {
    pub const ALL: [Period; 4] = [
        Period::ThisYear,
        Period::LastTwelveMonths,
        Period::LastYear,
        Period::All,
    ];

    /// The first and last day of the period on `today`.
    pub fn span(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let jan_1 = |year| NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today);
        match self {
            Period::ThisYear => (jan_1(today.year()), today),
            Period::LastTwelveMonths => (
                today
                    .checked_sub_months(Months::new(12))
                    .and_then(|d| d.succ_opt())
                    .unwrap_or(today),
                today,
            ),
            Period::LastYear => {
                let year = today.year() - 1;
                let dec_31 = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today);
                (jan_1(year), dec_31)
            }
            Period::All => (NaiveDate::MIN, today),
        }
    }

    fn next(self) -> Period {
        let i = Period::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Period::ALL[(i + 1) % Period::ALL.len()]
    }
}

/// The groupings offered, in the order a key cycles through them (none first).
pub const GROUPINGS: [Option<Grouping>; 5] = [
    None,
    Some(Grouping::Workplace),
    Some(Grouping::School),
    Some(Grouping::Programme),
    Some(Grouping::Cohort),
];

/// What the Overblik pane shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Overview {
    pub period: Period,
    pub grouping: Option<Grouping>,
    /// The set of figures shown: 0 for all students, then each group in turn.
    pub shown: usize,
    /// Charts (true) or the table of every figure.
    pub charts: bool,
    /// The first table line shown.
    pub scroll: usize,
    /// The figures for the question asked, once the runner has made them.
    pub report: Option<Box<Report>>,
    /// The figures shown are for an earlier question or from before a save.
    pub stale: bool,
    /// Why the figures could not be made.
    pub error: Option<String>,
}

impl Default for Overview {
    fn default() -> Overview {
        Overview {
            period: Period::ThisYear,
            grouping: None,
            shown: 0,
            charts: true,
            scroll: 0,
            report: None,
            stale: true,
            error: None,
        }
    }
}

impl Overview {
    /// The question the pane asks on `today`.
    pub fn query(&self, today: NaiveDate) -> Query {
        let (from, to) = self.period.span(today);
        Query {
            from,
            to,
            by: self.grouping,
            filter: Filter::default(),
        }
    }

    /// The next period; the figures are then out of date.
    pub fn next_period(&mut self) {
        self.period = self.period.next();
        self.asked_anew();
    }

    /// The next grouping; the figures are then out of date.
    pub fn next_grouping(&mut self) {
        let i = GROUPINGS
            .iter()
            .position(|g| *g == self.grouping)
            .unwrap_or(0);
        self.grouping = GROUPINGS[(i + 1) % GROUPINGS.len()];
        self.asked_anew();
    }

    fn asked_anew(&mut self) {
        self.shown = 0;
        self.scroll = 0;
        self.stale = true;
    }

    /// How many sets of figures there are to page through: all students and each group.
    pub fn sets(&self) -> usize {
        1 + self.report.as_ref().map_or(0, |r| r.groups.len())
    }

    /// Moves to the set `step` on (negative: back), wrapping round.
    pub fn page(&mut self, step: isize) {
        let n = self.sets() as isize;
        self.shown = (self.shown as isize + step).rem_euclid(n) as usize;
        self.scroll = 0;
    }

    /// The name of the set shown (`None` for all students) and its figures.
    pub fn current(&self) -> Option<(Option<&str>, &crate::stats::Figures)> {
        let report = self.report.as_ref()?;
        match self.shown {
            0 => Some((None, &report.total)),
            i => report
                .groups
                .get(i - 1)
                .map(|(name, f)| (Some(name.as_str()), f)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_periods_are_whole_days_up_to_today_or_last_year() {
        let today = d(2026, 12, 2);
        assert_eq!(Period::ThisYear.span(today), (d(2026, 1, 1), today));
        assert_eq!(
            Period::LastTwelveMonths.span(today),
            (d(2025, 12, 3), today)
        );
        assert_eq!(
            Period::LastYear.span(today),
            (d(2025, 1, 1), d(2025, 12, 31))
        );
        assert_eq!(Period::All.span(today).1, today);
    }

    #[test]
    fn a_new_question_makes_the_figures_stale_and_shows_all_students_first() {
        let mut o = Overview {
            stale: false,
            shown: 2,
            ..Overview::default()
        };
        o.next_grouping();
        assert_eq!(o.grouping, Some(Grouping::Workplace));
        assert!(o.stale);
        assert_eq!(o.shown, 0);
        for _ in 0..4 {
            o.next_grouping();
        }
        assert_eq!(o.grouping, None, "the cycle comes round");
        o.stale = false;
        o.next_period();
        assert_eq!(o.period, Period::LastTwelveMonths);
        assert!(o.stale);
    }
}
