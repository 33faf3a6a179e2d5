//! The figures in the order every format shows them, with their labels: one list, so the
//! table, the CSV file and the PDF can never disagree on what is reported.

use super::{DEESCALATIONS, ESCALATIONS, Figures, Grouping, Median, Report, Share};
use crate::domain::dates::format_date;
use crate::domain::{DropoutCause, FocusKind, InterventionKind, Level};
use crate::i18n::{self, Lang, T};

/// One figure's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    Count(u32),
    Share(Share),
    Median(Median),
}

/// A line of the report: a section heading or a figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Line {
    Heading(String),
    Figure(String, Value),
}

/// The lines of one set of figures.
pub(crate) fn lines(f: &Figures, lang: Lang) -> Vec<Line> {
    let heading = |key: T| Line::Heading(lang.t(key).to_string());
    let count = |label: String, n: u32| Line::Figure(label, Value::Count(n));
    let share = |label: String, s: Share| Line::Figure(label, Value::Share(s));
    let level_n = |l: Level| l.number().to_string();
    let mut out = vec![
        heading(T::StatsSecFocus),
        count(lang.t(T::StatsInFocus).into(), f.in_focus),
    ];
    for (kind, n) in FocusKind::ALL.iter().zip(f.focus) {
        let area = i18n::focus(lang, *kind);
        out.push(count(lang.fill(T::StatsFocusArea, &[("area", area)]), n));
    }
    for (level, n) in Level::ALL.iter().zip(f.current_level) {
        let label = lang.fill(T::StatsCurrentLevel, &[("n", &level_n(*level))]);
        out.push(count(label, n));
    }
    out.push(heading(T::StatsSecConversations));
    for (level, n) in Level::ALL.iter().zip(f.held) {
        out.push(count(
            lang.fill(T::StatsHeld, &[("n", &level_n(*level))]),
            n,
        ));
    }
    for ((from, to), n) in ESCALATIONS.iter().zip(f.escalations) {
        let args = [("from", level_n(*from)), ("to", level_n(*to))];
        out.push(count(fill(lang, T::StatsEscalated, &args), n));
    }
    for ((from, to), n) in DEESCALATIONS.iter().zip(f.deescalations) {
        let args = [("from", level_n(*from)), ("to", level_n(*to))];
        out.push(count(fill(lang, T::StatsDeescalated, &args), n));
    }
    for (from, to, m) in [(1, 2, f.one_to_two), (2, 3, f.two_to_three)] {
        let args = [("from", from.to_string()), ("to", to.to_string())];
        out.push(Line::Figure(
            fill(lang, T::StatsMedianDays, &args),
            Value::Median(m),
        ));
    }
    out.push(heading(T::StatsSecMinutes));
    out.push(share(lang.t(T::StatsOnTime).into(), f.finalized_on_time));
    out.push(share(lang.t(T::StatsDistributed).into(), f.distributed));
    out.push(heading(T::StatsSecAgreements));
    out.push(count(
        lang.t(T::StatsAgreementsMet).into(),
        f.agreements_met,
    ));
    out.push(count(
        lang.t(T::StatsAgreementsNotMet).into(),
        f.agreements_not_met,
    ));
    out.push(count(
        lang.t(T::StatsAgreementsOpen).into(),
        f.agreements_open,
    ));
    out.push(heading(T::StatsSecOutcomes));
    out.push(count(lang.t(T::StatsCompleted).into(), f.completed));
    out.push(count(lang.t(T::StatsTransferred).into(), f.transferred));
    let causes = DropoutCause::ALL.iter().zip(f.dropped_out);
    for (cause, n) in causes.clone().filter(|(c, _)| !c.is_positive()) {
        let label = lang.fill(
            T::StatsDropout,
            &[("cause", i18n::dropout_cause(lang, *cause))],
        );
        out.push(count(label, n));
    }
    for (cause, n) in causes.filter(|(c, _)| c.is_positive()) {
        let key = match cause {
            DropoutCause::Job => T::StatsPositiveJob,
            _ => T::StatsPositiveEducation,
        };
        out.push(count(lang.t(key).into(), n));
    }
    out.push(count(lang.t(T::StatsContinuing).into(), f.continuing));
    out.push(heading(T::StatsSecRetention));
    out.push(share(
        lang.t(T::StatsRetentionTrial).into(),
        f.retention_trial,
    ));
    out.push(share(
        lang.t(T::StatsRetentionSix).into(),
        f.retention_six_months,
    ));
    out.push(share(
        lang.t(T::StatsRetentionCompletion).into(),
        f.retention_completion,
    ));
    out.push(heading(T::StatsSecTeam));
    out.push(count(lang.t(T::StatsWithTeam).into(), f.with_team));
    out.push(count(lang.t(T::StatsTeamMeetings).into(), f.team_meetings));
    out.push(count(
        lang.t(T::StatsThreeMeetings).into(),
        f.three_meetings,
    ));
    out.push(heading(T::StatsSecInterventions));
    for (i, kind) in InterventionKind::ALL.iter().enumerate() {
        let kind = i18n::intervention_kind(lang, *kind);
        out.push(share(
            lang.fill(T::StatsWith, &[("kind", kind)]),
            f.with_intervention[i],
        ));
        out.push(share(
            lang.fill(T::StatsWithout, &[("kind", kind)]),
            f.without_intervention[i],
        ));
    }
    out
}

fn fill(lang: Lang, key: T, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    lang.fill(key, &args)
}

/// A group's name as shown: its key, or for a programme the programme's name.
pub(super) fn group_name(lang: Lang, by: Option<Grouping>, key: &str) -> String {
    match by {
        Some(Grouping::Programme) => programme_name(lang, key),
        _ => key.to_string(),
    }
}

/// The heading of a set of figures: the total, or the group's name with what it groups by.
pub(crate) fn group_title(lang: Lang, by: Option<Grouping>, key: Option<&str>) -> String {
    match (by, key) {
        (Some(by), Some(key)) => {
            let (label, name) = match by {
                Grouping::Workplace => (T::StatsGroupWorkplace, key.to_string()),
                Grouping::School => (T::StatsGroupSchool, key.to_string()),
                Grouping::Programme => (T::StatsGroupProgramme, programme_name(lang, key)),
                Grouping::Cohort => (T::StatsGroupCohort, key.to_string()),
            };
            lang.fill(label, &[("name", &name)])
        }
        _ => lang.t(T::StatsTotal).to_string(),
    }
}

fn programme_name(lang: Lang, code: &str) -> String {
    super::parse_programme(code).map_or_else(
        || code.to_string(),
        |p| i18n::programme(lang, p).to_string(),
    )
}

/// The report's title, its period and (when it has one) its filter, one a line.
pub(super) fn preamble(report: &Report, lang: Lang) -> Vec<String> {
    let q = &report.query;
    let mut out = vec![
        lang.t(T::StatsTitle).to_string(),
        lang.fill(
            T::StatsPeriod,
            &[("from", &format_date(q.from)), ("to", &format_date(q.to))],
        ),
    ];
    let f = &q.filter;
    let mut parts = Vec::new();
    let mut part = |key: T, value: &Option<String>| {
        if let Some(v) = value {
            parts.push(lang.fill(key, &[("name", v)]));
        }
    };
    part(T::StatsGroupEmployer, &f.employer);
    part(T::StatsGroupWorkplace, &f.workplace);
    part(T::StatsGroupSchool, &f.school);
    let programme = f.programme.map(|p| i18n::programme(lang, p).to_string());
    part(T::StatsGroupProgramme, &programme);
    part(T::StatsGroupCohort, &f.cohort);
    if !parts.is_empty() {
        out.push(lang.fill(T::StatsFilter, &[("filter", &parts.join(", "))]));
    }
    if report.suppress {
        out.push(lang.t(T::StatsSuppressedNote).to_string());
    }
    out
}

/// Whether a count is hidden as "<5".
pub(super) fn hidden(n: u32, suppress: bool) -> bool {
    suppress && (1..5).contains(&n)
}

/// A count as shown: the number, or "<5".
pub(super) fn count_text(n: u32, suppress: bool) -> String {
    if hidden(n, suppress) {
        SMALL.to_string()
    } else {
        n.to_string()
    }
}

/// What a hidden small number shows.
pub(super) const SMALL: &str = "<5";

/// A share in per cent with one decimal and the language's decimal sign ("66,7"); `None`
/// for an empty base, or a hidden one.
pub(super) fn percent(s: Share, suppress: bool, lang: Lang) -> Option<String> {
    // A share of a small part tells the part as surely as the count would.
    if suppress && (s.base < 5 || (1..5).contains(&s.part)) {
        return None;
    }
    let permille = s.permille()?;
    Some(decimal(permille / 10, permille % 10, lang))
}

/// A median in days ("7,5" or "7"), or `None` when there is none or it is hidden.
pub(super) fn median_days(m: Median, suppress: bool, lang: Lang) -> Option<String> {
    if suppress && m.students < 5 {
        return None;
    }
    let twice = m.twice?;
    Some(if twice % 2 == 0 {
        (twice / 2).to_string()
    } else {
        decimal(twice.div_euclid(2), 5, lang)
    })
}

fn decimal(whole: impl std::fmt::Display, tenth: impl std::fmt::Display, lang: Lang) -> String {
    let sign = match lang {
        Lang::Da => ',',
        Lang::En => '.',
    };
    format!("{whole}{sign}{tenth}")
}

/// A value in one cell, as the table and the PDF show it: "12", "12 af 15 (80,0 %)",
/// "7,5 dage (n = 4)", "<5" or "–".
pub(crate) fn value_text(v: Value, suppress: bool, lang: Lang) -> String {
    match v {
        Value::Count(n) => count_text(n, suppress),
        Value::Share(s) if s.base == 0 => "–".into(),
        Value::Share(s) => match percent(s, suppress, lang) {
            Some(pct) => lang.fill(
                T::StatsShare,
                &[
                    ("part", &count_text(s.part, suppress)),
                    ("base", &count_text(s.base, suppress)),
                    ("pct", &pct),
                ],
            ),
            None => SMALL.into(),
        },
        Value::Median(m) if m.students == 0 => "–".into(),
        Value::Median(m) => match median_days(m, suppress, lang) {
            Some(days) => lang.fill(
                T::StatsDays,
                &[("days", &days), ("n", &count_text(m.students, suppress))],
            ),
            None => SMALL.into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_and_shares_of_small_bases_are_hidden_and_zero_stays_zero() {
        assert_eq!(count_text(0, true), "0");
        assert_eq!(count_text(1, true), "<5");
        assert_eq!(count_text(4, true), "<5");
        assert_eq!(count_text(5, true), "5");
        assert_eq!(count_text(3, false), "3");
        let small = Value::Share(Share { part: 4, base: 4 });
        assert_eq!(value_text(small, true, Lang::Da), "<5");
        assert_eq!(value_text(small, false, Lang::Da), "4 af 4 (100,0 %)");
        // A share of a small part would tell the part: hidden too.
        let few = Value::Share(Share { part: 2, base: 6 });
        assert_eq!(value_text(few, true, Lang::En), "<5");
        let most = Value::Share(Share { part: 5, base: 6 });
        assert_eq!(value_text(most, true, Lang::En), "5 of 6 (83.3 %)");
        let big = Value::Share(Share { part: 6, base: 12 });
        assert_eq!(value_text(big, true, Lang::En), "6 of 12 (50.0 %)");
        assert_eq!(value_text(few, false, Lang::En), "2 of 6 (33.3 %)");
        let m = Median {
            students: 3,
            twice: Some(15),
        };
        assert_eq!(value_text(Value::Median(m), true, Lang::Da), "<5");
        assert_eq!(
            value_text(Value::Median(m), false, Lang::Da),
            "7,5 dage (n = 3)"
        );
        assert_eq!(
            value_text(Value::Share(Share::default()), true, Lang::Da),
            "–"
        );
    }
}
