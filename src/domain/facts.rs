//! What the statistics need of one case, and nothing more: a small digest that can be
//! stored per student and read in bulk when the figures are made, instead of loading every
//! conversation's minutes. No person is named; workplace, school and employer are kept
//! only because the figures are grouped and filtered by them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::agreement::AgreementStatus;
use super::case::Case;
use super::conversation::ConversationState;
use super::course::{CourseEnd, InterventionKind};
use super::ids::StudentId;
use super::reminders::missing_recipients;
use super::student::{FocusKind, Level, Programme};
use super::timeline::EventKind;

/// The digest of one student's case the statistics are computed from.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct StudentFacts {
    pub id: StudentId,
    pub programme: Programme,
    pub start: NaiveDate,
    pub expected_end: NaiveDate,
    pub school: String,
    pub workplace: String,
    pub employer: String,
    /// The kinds of the student's focus areas, each once, in [`FocusKind`]'s order.
    pub focus: Vec<FocusKind>,
    /// The conversation type the case is at now (at its end, for an ended course).
    pub level: Level,
    /// The last day of the trial period.
    pub trial_end: NaiveDate,
    /// How and when the course ended, once it has.
    pub ended: Option<CourseEnd>,
    /// The conversations that were held, by held date.
    pub held: Vec<HeldFact>,
    /// Every change of the case's type, in the order they happened.
    pub level_changes: Vec<LevelChangeFact>,
    /// The agreements made at a conversation that was held.
    pub agreements: Vec<AgreementFact>,
    /// The interventions the student actually received (active or ended).
    pub interventions: Vec<InterventionFact>,
    /// Whether the student has a cross-disciplinary team (a team file was started).
    pub has_team: bool,
    /// The days the student's team met (from the meeting checklists).
    pub team_meetings: Vec<NaiveDate>,
}

/// A held (or finalized) conversation.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeldFact {
    pub held_on: NaiveDate,
    pub level: Level,
    /// The day the minutes were finalized, if they are.
    pub finalized_on: Option<NaiveDate>,
    /// Whether the finalized minutes have gone to every required recipient (always true
    /// for minutes from before sending was tracked; false while not finalized).
    pub distributed: bool,
}

/// A change of the case's type: an escalation when `to` is heavier than `from`.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct LevelChangeFact {
    pub on: NaiveDate,
    pub from: Level,
    pub to: Level,
}

/// An agreement with the day of the meeting it was made at.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct AgreementFact {
    pub meeting: NaiveDate,
    pub status: AgreementStatus,
}

/// An intervention the student received, from when to when (open-ended while it runs).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct InterventionFact {
    pub kind: InterventionKind,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

impl InterventionFact {
    /// Whether it was given at some time in `from..=to`.
    pub fn given_between(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.from <= to && self.to.is_none_or(|end| end >= from)
    }
}

impl StudentFacts {
    /// The digest of `case`.
    pub fn of(case: &Case) -> StudentFacts {
        let s = &case.student;
        let mut focus: Vec<FocusKind> = s.focus_areas.iter().map(|a| a.kind).collect();
        focus.sort();
        focus.dedup();
        let mut held: Vec<HeldFact> = case
            .conversations
            .iter()
            .filter_map(|c| {
                let held_on = c.state.held_on()?;
                let finalized_on = match &c.state {
                    ConversationState::Finalized { at, .. } => Some(at.date()),
                    _ => None,
                };
                Some(HeldFact {
                    held_on,
                    level: c.level,
                    finalized_on,
                    distributed: finalized_on.is_some() && missing_recipients(c).is_empty(),
                })
            })
            .collect();
        held.sort_by_key(|h| (h.held_on, h.level));
        let level_changes =
            case.events
                .iter()
                .filter_map(|e| match e.kind {
                    EventKind::Escalated { from, to, .. }
                    | EventKind::Deescalated { from, to, .. } => Some(LevelChangeFact {
                        on: e.at.date(),
                        from,
                        to,
                    }),
                    _ => None,
                })
                .collect();
        let agreements = case
            .agreements
            .iter()
            .filter_map(|a| {
                let meeting = case.conversation(a.made_in)?.state.held_on()?;
                Some(AgreementFact {
                    meeting,
                    status: a.status,
                })
            })
            .collect();
        let interventions = s
            .interventions
            .iter()
            .filter(|i| i.status.was_given())
            .map(|i| InterventionFact {
                kind: i.kind,
                from: i.from,
                to: i.to,
            })
            .collect();
        StudentFacts {
            id: s.id,
            programme: s.programme,
            start: s.start,
            expected_end: s.expected_end,
            school: s.school.clone(),
            workplace: s.workplace.clone(),
            employer: s.employer.clone(),
            focus,
            level: s.level,
            trial_end: s.trial_end(),
            ended: s.ended,
            has_team: s.team.started.is_some(),
            team_meetings: s.team.meetings.iter().map(|m| m.on).collect(),
            held,
            level_changes,
            agreements,
            interventions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::tests_support::{conv, day, student};
    use crate::domain::{
        Agreement, AgreementId, AgreementOwner, ConversationId, Intervention, InterventionStatus,
    };

    #[test]
    fn the_digest_keeps_held_conversations_agreements_of_held_meetings_and_given_support() {
        let mut s = student();
        s.interventions = vec![
            Intervention {
                id: 1,
                kind: InterventionKind::Mentor,
                provider: "Bente Lund".into(),
                note: String::new(),
                from: day(3, 1),
                to: None,
                status: InterventionStatus::Active,
                agreement: None,
            },
            Intervention {
                id: 2,
                kind: InterventionKind::SpsSupport,
                provider: "SOSU".into(),
                note: String::new(),
                from: day(3, 1),
                to: None,
                status: InterventionStatus::Planned,
                agreement: None,
            },
        ];
        let held = conv(10, day(3, 2), ConversationState::Held { on: day(3, 2) });
        let planned = conv(11, day(4, 2), ConversationState::Planned);
        let sid = s.id;
        let agreement = |id, made_in| Agreement {
            id: AgreementId(id),
            student: sid,
            text: "Læser op".into(),
            owner: AgreementOwner::Student,
            owner_name: String::new(),
            due: None,
            status: AgreementStatus::Met,
            made_in: ConversationId(made_in),
            reviewed_in: None,
        };
        let case = Case::from_records(
            s,
            vec![held, planned],
            vec![agreement(20, 10), agreement(21, 11)],
            vec![],
        );
        let facts = StudentFacts::of(&case);
        assert_eq!(facts.held.len(), 1);
        assert_eq!(facts.held[0].held_on, day(3, 2));
        assert!(!facts.held[0].distributed);
        assert_eq!(facts.agreements.len(), 1);
        assert_eq!(facts.interventions.len(), 1);
        assert_eq!(facts.interventions[0].kind, InterventionKind::Mentor);
        assert_eq!(facts.focus, vec![FocusKind::Language]);
    }
}
