//! The cross-disciplinary team around a student (samarbejdsmodellen "Vejen til uddannelse
//! og beskæftigelse"): one fixed coordinator, the consent to share information, the network
//! map, the student's goals and agreements, and the checklist of each team meeting. The
//! intervention overview is made from the student's interventions.
//!
//! No CPR number or private address is kept: there is no field for either, and text that
//! looks like a CPR number is refused ([`looks_like_cpr`]).

use chrono::{Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::course::Intervention;
use super::ids::AgreementId;
use super::timeline::EventKind;

/// Months after a team meeting before the next one is due: three meetings a year.
pub const MEETING_INTERVAL_MONTHS: u32 = 4;
/// Days before a consent runs out at which a reminder is raised.
pub const CONSENT_REMINDER_DAYS: i64 = 30;

/// Everything the team keeps about the student. Empty until a coordinator or a first
/// record is entered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamFile {
    /// The one fixed coordinator (koordinator) of the student's team.
    pub coordinator: String,
    /// The day the team file was started (its first save); team meetings are due from it.
    pub started: Option<NaiveDate>,
    /// Consents given (samtykkeerklæringer), oldest first.
    pub consents: Vec<Consent>,
    /// The network map (netværkskort).
    pub network: Vec<NetworkMember>,
    /// The student's own goals (mål- og aftaleskema).
    pub goals: Vec<Goal>,
    /// The checklists of the team meetings held (mødetjekliste), in the order entered.
    pub meetings: Vec<TeamMeeting>,
}

/// A consent to share information (samtykkeerklæring).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    /// Unique among all records, so a reminder about it can be told from others.
    pub id: u64,
    /// What may be shared.
    pub shares: String,
    /// With whom: organisations or people.
    pub parties: Vec<String>,
    pub given_on: NaiveDate,
    /// The last day it is valid, when limited.
    pub valid_until: Option<NaiveDate>,
    /// The day it was withdrawn; it is not valid from that day on.
    pub withdrawn_on: Option<NaiveDate>,
}

impl Consent {
    /// Whether the consent holds on `day`: given on or before it, valid until it or later
    /// (both days included), and not withdrawn on or before it.
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        self.given_on <= day
            && self.valid_until.is_none_or(|until| day <= until)
            && self.withdrawn_on.is_none_or(|w| day < w)
    }

    /// Whether it names `party` (compared without case and spaces).
    pub fn names(&self, party: &str) -> bool {
        let wanted = normalized(party);
        !wanted.is_empty() && self.parties.iter().any(|p| normalized(p) == wanted)
    }
}

/// A party's name as compared: lower case, without white space.
fn normalized(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether someone in the network is a professional or from the student's own life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tie {
    Professional,
    Personal,
}

impl Tie {
    /// Both ties, in the order offered.
    pub const ALL: [Tie; 2] = [Tie::Professional, Tie::Personal];
}

/// How close to the student someone in the network is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Circle {
    Close,
    Wider,
}

impl Circle {
    /// Both circles, the inner first.
    pub const ALL: [Circle; 2] = [Circle::Close, Circle::Wider];
}

/// Someone on the network map. No CPR number, no private address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkMember {
    /// Unique within the team file.
    pub id: u64,
    pub name: String,
    pub organisation: String,
    /// Their role for the student ("UU-vejleder", "mor", "jobkonsulent").
    pub role: String,
    pub tie: Tie,
    pub circle: Circle,
}

/// What a goal is about: the model's two aims.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GoalArea {
    Education,
    Employment,
}

impl GoalArea {
    /// Both areas, in the order offered.
    pub const ALL: [GoalArea; 2] = [GoalArea::Education, GoalArea::Employment];
}

/// Where a goal or sub-goal stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GoalStatus {
    Open,
    Reached,
    Dropped,
}

impl GoalStatus {
    /// Every status, in the order the user cycles through them.
    pub const ALL: [GoalStatus; 3] = [GoalStatus::Open, GoalStatus::Reached, GoalStatus::Dropped];
}

/// One of the student's own goals, for education or employment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    /// Unique within the team file.
    pub id: u64,
    pub area: GoalArea,
    /// The goal in the student's own words.
    pub text: String,
    pub status: GoalStatus,
    /// The days the goal was reviewed, in order.
    pub reviewed_on: Vec<NaiveDate>,
    pub sub_goals: Vec<SubGoal>,
}

/// A step towards a goal, with the agreements and interventions that serve it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubGoal {
    /// Unique within its goal.
    pub id: u64,
    pub text: String,
    pub status: GoalStatus,
    /// Agreements of the case that serve it.
    pub agreements: Vec<AgreementId>,
    /// Interventions of the student (their ids) that serve it.
    pub interventions: Vec<u64>,
    /// The days it was reviewed, in order.
    pub reviewed_on: Vec<NaiveDate>,
}

/// The checklist of one team meeting (mødetjekliste).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMeeting {
    /// Unique within the team file.
    pub id: u64,
    pub on: NaiveDate,
    /// Who took part, by name.
    pub participants: Vec<String>,
    pub goals_reviewed: bool,
    pub interventions_changed: bool,
    /// The next meeting agreed, if any.
    pub next_on: Option<NaiveDate>,
    pub note: String,
}

/// When the next team meeting falls due and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeetingDue {
    /// The day after the planned meeting: it is due when not registered as held by then.
    Planned(NaiveDate),
    /// More than four months after the last meeting, none planned: due from this day.
    Overdue { last: NaiveDate, due: NaiveDate },
    /// No meeting held since the team file was started (due from that day).
    NoneHeld { since: NaiveDate },
}

impl MeetingDue {
    /// The day from which the reminder shows.
    pub fn date(self) -> NaiveDate {
        match self {
            MeetingDue::Planned(day) => day + Duration::days(1),
            MeetingDue::Overdue { due, .. } => due,
            MeetingDue::NoneHeld { since } => since,
        }
    }
}

impl TeamFile {
    /// Whether nothing has been entered.
    pub fn is_empty(&self) -> bool {
        self.coordinator.trim().is_empty()
            && self.consents.is_empty()
            && self.network.is_empty()
            && self.goals.is_empty()
            && self.meetings.is_empty()
    }

    /// Whether a consent valid on `on` names `party` (case and spaces do not matter).
    pub fn covers(&self, party: &str, on: NaiveDate) -> bool {
        self.consents
            .iter()
            .any(|c| c.valid_on(on) && c.names(party))
    }

    /// The consent shown as the current one: the newest given, whatever its state.
    pub fn current_consent(&self) -> Option<&Consent> {
        self.consents.iter().max_by_key(|c| (c.given_on, c.id))
    }

    /// Which of `names` (a member's name and organisation, an intervention's provider) no
    /// consent valid on `on` covers: `None` when one of them is covered, or when nothing
    /// is named. A provider written "SOSU Esbjerg, SPS" is also looked up as "SOSU Esbjerg".
    pub fn uncovered(&self, names: &[&str], on: NaiveDate) -> Option<String> {
        let names: Vec<&str> = names
            .iter()
            .map(|n| n.trim())
            .filter(|n| !n.is_empty())
            .collect();
        let first = names.first()?;
        let covered = names.iter().any(|n| {
            self.covers(n, on)
                || n.split_once(',')
                    .is_some_and(|(head, _)| self.covers(head, on))
        });
        (!covered).then(|| first.to_string())
    }

    /// The last team meeting held, by date.
    pub fn last_meeting(&self) -> Option<&TeamMeeting> {
        self.meetings.iter().max_by_key(|m| (m.on, m.id))
    }

    /// When the next team meeting is due: the planned one, or four months after the last
    /// one, or at once when none has been held since the file was started. `None` for a
    /// team file not started.
    pub fn meeting_due(&self) -> Option<MeetingDue> {
        let started = self.started?;
        let Some(last) = self.last_meeting() else {
            return Some(MeetingDue::NoneHeld { since: started });
        };
        if let Some(next) = last.next_on.filter(|n| *n > last.on) {
            return Some(MeetingDue::Planned(next));
        }
        let due = last
            .on
            .checked_add_months(Months::new(MEETING_INTERVAL_MONTHS))?
            .succ_opt()?;
        Some(MeetingDue::Overdue { last: last.on, due })
    }

    /// Consents that run out and are not withdrawn, with the day their reminder starts.
    pub fn expiring_consents(&self) -> Vec<(&Consent, NaiveDate)> {
        self.consents
            .iter()
            .filter(|c| c.withdrawn_on.is_none())
            .filter_map(|c| {
                let until = c.valid_until?;
                let from = until.checked_sub_signed(Duration::days(CONSENT_REMINDER_DAYS))?;
                Some((c, from))
            })
            .collect()
    }

    /// The sub-goals an intervention serves, as "goal › sub-goal".
    pub fn served_by_intervention(&self, intervention: u64) -> Vec<(&Goal, &SubGoal)> {
        self.sub_goals()
            .filter(|(_, s)| s.interventions.contains(&intervention))
            .collect()
    }

    /// Every sub-goal with its goal.
    pub fn sub_goals(&self) -> impl Iterator<Item = (&Goal, &SubGoal)> {
        self.goals
            .iter()
            .flat_map(|g| g.sub_goals.iter().map(move |s| (g, s)))
    }

    /// A fresh id for a member, goal or meeting of this file.
    pub fn next_local_id(&self) -> u64 {
        let members = self.network.iter().map(|m| m.id);
        let goals = self.goals.iter().map(|g| g.id);
        let meetings = self.meetings.iter().map(|m| m.id);
        members.chain(goals).chain(meetings).max().unwrap_or(0) + 1
    }

    /// Marks the file started on `today` once something is entered.
    pub fn start_if_new(&mut self, today: NaiveDate) {
        if self.started.is_none() && !self.is_empty() {
            self.started = Some(today);
        }
    }
}

impl Goal {
    /// A fresh id for a sub-goal of this goal.
    pub fn next_sub_id(&self) -> u64 {
        self.sub_goals.iter().map(|s| s.id).max().unwrap_or(0) + 1
    }
}

/// The timeline events that tell what changed from `old` to `new`.
pub fn changes(old: &TeamFile, new: &TeamFile) -> Vec<EventKind> {
    let mut out = Vec::new();
    if old.coordinator.trim() != new.coordinator.trim() && !new.coordinator.trim().is_empty() {
        out.push(EventKind::CoordinatorSet {
            name: new.coordinator.trim().to_string(),
        });
    }
    for c in &new.consents {
        match old.consents.iter().find(|o| o.id == c.id) {
            None => out.push(EventKind::ConsentRecorded {
                consent: c.id,
                until: c.valid_until,
            }),
            Some(o) if o.withdrawn_on.is_none() && c.withdrawn_on.is_some() => {
                out.push(EventKind::ConsentWithdrawn {
                    consent: c.id,
                    on: c.withdrawn_on.unwrap_or(c.given_on),
                })
            }
            Some(o) if o != c => out.push(EventKind::ConsentChanged { consent: c.id }),
            Some(_) => {}
        }
    }
    for m in &new.network {
        match old.network.iter().find(|o| o.id == m.id) {
            None => out.push(EventKind::NetworkMemberAdded {
                name: m.name.clone(),
            }),
            Some(o) if o != m => out.push(EventKind::NetworkMemberChanged {
                name: m.name.clone(),
            }),
            Some(_) => {}
        }
    }
    for g in &new.goals {
        match old.goals.iter().find(|o| o.id == g.id) {
            None => out.push(EventKind::GoalAdded {
                text: g.text.clone(),
            }),
            Some(o) if o != g => out.push(EventKind::GoalChanged {
                text: g.text.clone(),
                status: g.status,
            }),
            Some(_) => {}
        }
    }
    for m in &new.meetings {
        match old.meetings.iter().find(|o| o.id == m.id) {
            None => out.push(EventKind::TeamMeetingHeld { on: m.on }),
            Some(o) if o != m => out.push(EventKind::TeamMeetingChanged { on: m.on }),
            Some(_) => {}
        }
    }
    out
}

/// The interventions grouped per provider for the overview (indsatsoverblik): providers in
/// the order first met (names compared without case and spaces), each with its
/// interventions oldest first.
pub fn interventions_by_provider(
    interventions: &[Intervention],
) -> Vec<(String, Vec<&Intervention>)> {
    let mut groups: Vec<(String, Vec<&Intervention>)> = Vec::new();
    for i in interventions {
        let key = normalized(&i.provider);
        match groups.iter_mut().find(|(p, _)| normalized(p) == key) {
            Some((_, list)) => list.push(i),
            None => groups.push((i.provider.trim().to_string(), vec![i])),
        }
    }
    for (_, list) in &mut groups {
        list.sort_by_key(|i| (i.from, i.id));
    }
    groups
}

/// Whether `text` holds something that looks like a CPR number: six digits forming a
/// day and month (ddmmyy), then four digits, with or without a hyphen or space between,
/// not part of a longer number.
pub fn looks_like_cpr(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    for start in 0..chars.len() {
        if !digit(start) || (start > 0 && digit(start - 1)) {
            continue;
        }
        if !(start..start + 6).all(digit) {
            continue;
        }
        let mut rest = start + 6;
        if matches!(chars.get(rest), Some('-' | ' ')) {
            rest += 1;
        }
        if !(rest..rest + 4).all(digit) || digit(rest + 4) {
            continue;
        }
        let num = |i: usize| {
            chars[i].to_digit(10).unwrap_or(0) * 10 + chars[i + 1].to_digit(10).unwrap_or(0)
        };
        let (day, month) = (num(start), num(start + 2));
        if (1..=31).contains(&day) && (1..=12).contains(&month) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::course::{InterventionKind, InterventionStatus};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn consent(
        given: NaiveDate,
        until: Option<NaiveDate>,
        withdrawn: Option<NaiveDate>,
    ) -> Consent {
        Consent {
            id: 7,
            shares: "Fravær og trivsel".into(),
            parties: vec!["SOSU Esbjerg".into(), "Jobcenter Esbjerg".into()],
            given_on: given,
            valid_until: until,
            withdrawn_on: withdrawn,
        }
    }

    fn file(c: Consent) -> TeamFile {
        TeamFile {
            consents: vec![c],
            ..TeamFile::default()
        }
    }

    #[test]
    fn a_consent_covers_its_parties_from_the_day_given_to_the_day_it_ends_both_included() {
        let f = file(consent(d(2026, 3, 1), Some(d(2027, 2, 28)), None));
        assert!(!f.covers("SOSU Esbjerg", d(2026, 2, 28)));
        assert!(f.covers("SOSU Esbjerg", d(2026, 3, 1)));
        assert!(f.covers("SOSU Esbjerg", d(2027, 2, 28)));
        assert!(!f.covers("SOSU Esbjerg", d(2027, 3, 1)));
        // Case and spaces do not matter; another party is not covered.
        assert!(f.covers("  sosu  ESBJERG", d(2026, 6, 1)));
        assert!(f.covers("jobcenteresbjerg", d(2026, 6, 1)));
        assert!(!f.covers("Plejecenter Solbakken", d(2026, 6, 1)));
        assert!(!f.covers("", d(2026, 6, 1)));
    }

    #[test]
    fn a_withdrawn_consent_covers_nobody_from_the_day_it_was_withdrawn() {
        let f = file(consent(d(2026, 3, 1), None, Some(d(2026, 9, 15))));
        assert!(f.covers("SOSU Esbjerg", d(2026, 9, 14)));
        assert!(!f.covers("SOSU Esbjerg", d(2026, 9, 15)));
        assert!(!f.covers("SOSU Esbjerg", d(2027, 1, 1)));
    }

    #[test]
    fn a_provider_is_covered_by_its_organisation_before_the_comma() {
        let f = file(consent(d(2026, 3, 1), None, None));
        let on = d(2026, 6, 1);
        assert_eq!(f.uncovered(&["SOSU Esbjerg, SPS"], on), None);
        assert_eq!(f.uncovered(&["Bente Lund", "Jobcenter Esbjerg"], on), None);
        assert_eq!(
            f.uncovered(&["Bente Lund", "Plejecenter Solbakken"], on),
            Some("Bente Lund".into())
        );
        assert_eq!(f.uncovered(&["", " "], on), None);
    }

    #[test]
    fn text_that_looks_like_a_cpr_number_is_recognised() {
        for cpr in [
            "010203-1234",
            "0102031234",
            "cpr 311299 4321",
            "født 150805-1111.",
        ] {
            assert!(looks_like_cpr(cpr), "{cpr}");
        }
        for fine in [
            "75 12 34 56",
            "12345678",
            "01.02.2003",
            "2026-11-23",
            "Plejecenter 2",
            "991399-1234",  // no 99th day
            "010203-12345", // part of a longer number
            "12010203-1234",
        ] {
            assert!(!looks_like_cpr(fine), "{fine}");
        }
    }

    fn meeting(id: u64, on: NaiveDate, next: Option<NaiveDate>) -> TeamMeeting {
        TeamMeeting {
            id,
            on,
            participants: vec!["Jonas".into()],
            goals_reviewed: true,
            interventions_changed: false,
            next_on: next,
            note: String::new(),
        }
    }

    #[test]
    fn a_team_meeting_is_due_four_months_after_the_last_unless_one_is_planned() {
        let mut f = TeamFile {
            coordinator: "Lene Vest".into(),
            started: Some(d(2026, 1, 10)),
            ..TeamFile::default()
        };
        // None held since the file was started: due from that day.
        assert_eq!(
            f.meeting_due(),
            Some(MeetingDue::NoneHeld {
                since: d(2026, 1, 10)
            })
        );
        assert_eq!(f.meeting_due().unwrap().date(), d(2026, 1, 10));
        f.meetings.push(meeting(1, d(2026, 2, 1), None));
        f.meetings.push(meeting(2, d(2026, 6, 15), None));
        // More than four months after the last: from the day after 15 October.
        let due = f.meeting_due().unwrap();
        assert_eq!(due.date(), d(2026, 10, 16));
        // A meeting planned: due only if not held by the day after it.
        f.meetings[1].next_on = Some(d(2026, 9, 1));
        assert_eq!(f.meeting_due(), Some(MeetingDue::Planned(d(2026, 9, 1))));
        assert_eq!(f.meeting_due().unwrap().date(), d(2026, 9, 2));
        // A file never started has no meetings due.
        assert_eq!(TeamFile::default().meeting_due(), None);
    }

    #[test]
    fn a_consent_that_runs_out_is_reminded_thirty_days_before_unless_withdrawn() {
        let mut f = file(consent(d(2026, 3, 1), Some(d(2027, 2, 28)), None));
        let list = f.expiring_consents();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].1, d(2027, 1, 29));
        f.consents[0].withdrawn_on = Some(d(2026, 5, 1));
        assert!(f.expiring_consents().is_empty());
        let open = file(consent(d(2026, 3, 1), None, None));
        assert!(open.expiring_consents().is_empty());
    }

    #[test]
    fn interventions_are_grouped_per_provider_whatever_the_case() {
        let iv = |id, provider: &str, from| Intervention {
            id,
            kind: InterventionKind::Mentor,
            provider: provider.into(),
            note: String::new(),
            from,
            to: None,
            status: InterventionStatus::Active,
            agreement: None,
        };
        let list = vec![
            iv(1, "SOSU Esbjerg", d(2026, 5, 1)),
            iv(2, "Bente Lund", d(2026, 4, 1)),
            iv(3, "sosu esbjerg ", d(2026, 3, 1)),
        ];
        let groups = interventions_by_provider(&list);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].0, "SOSU Esbjerg");
        assert_eq!(
            groups[0].1.iter().map(|i| i.id).collect::<Vec<_>>(),
            vec![3, 1]
        );
    }
}
