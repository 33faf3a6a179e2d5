//! Builds one fictional student's case step by step with the operations a user performs
//! (register, plan, hold, finalize, call off, note, mark as sent), so the demo's cases and
//! the generated ones read as real ones would.
//!
//! A story that breaks a rule is a bug in the story: every step the domain refuses comes
//! back as a [`Refusal`] naming the student, the step and why, and the caller decides
//! what to do with it.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::case::{self, FinalizeError, SaveError};
use crate::domain::rules::{Missing, Recipient};
use crate::domain::{
    Actor, Agreement, AgreementId, AgreementOwner, AgreementStatus, Case, CaseChange, Conversation,
    ConversationId, ConversationState, Ctx, IdSource, Level, Student, StudentId,
};

/// One fictional student's case, as the change that creates all of it.
#[derive(Clone, Debug, PartialEq)]
pub struct BuiltCase {
    pub case: Case,
    pub change: CaseChange,
}

/// A step of a story that the domain refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{student} ({id}): {step} was refused: {reason}")]
pub struct Refusal {
    /// The student's name.
    pub student: String,
    pub id: StudentId,
    pub step: Step,
    pub reason: Reason,
}

/// The steps of a story that the domain may refuse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Plan,
    /// Registering a conversation as held with draft minutes.
    Hold,
    Finalize,
    Cancel,
    Note,
    MarkSent,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::Plan => "planning a conversation",
            Step::Hold => "saving the minutes of a held conversation",
            Step::Finalize => "finalizing minutes",
            Step::Cancel => "calling off a conversation",
            Step::Note => "adding a note",
            Step::MarkSent => "marking minutes as sent",
        })
    }
}

/// Why a step was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Reason {
    /// The story names a conversation the case does not hold.
    #[error("no conversation {0}")]
    NoSuchConversation(ConversationId),
    /// The story goes on with the next planned conversation, but none is planned.
    #[error("no conversation is planned")]
    NothingPlanned,
    #[error(transparent)]
    Save(#[from] SaveError),
    /// The minutes lack what the rules require before they may be finalized.
    #[error("the minutes lack {0:?}")]
    Incomplete(Vec<Missing>),
}

impl From<FinalizeError> for Reason {
    fn from(e: FinalizeError) -> Reason {
        match e {
            FinalizeError::Save(e) => Reason::Save(e),
            FinalizeError::Incomplete(missing) => Reason::Incomplete(missing),
        }
    }
}

/// A case under construction. Every step is taken by one actor, at the time the caller
/// gives; the caller keeps the times in order.
pub struct CaseBuilder<'a> {
    ids: &'a mut dyn IdSource,
    by: Actor,
    case: Case,
    change: CaseChange,
}

impl<'a> CaseBuilder<'a> {
    /// Registers `student` at `now`, the first step of every story.
    pub fn register(
        student: Student,
        by: Actor,
        now: NaiveDateTime,
        ids: &'a mut dyn IdSource,
    ) -> CaseBuilder<'a> {
        let created = case::create_student(
            student.clone(),
            &Ctx {
                now,
                by: by.clone(),
            },
            ids,
        );
        let mut b = CaseBuilder {
            ids,
            by,
            case: Case::new(student),
            change: CaseChange::default(),
        };
        b.apply(created);
        b
    }

    /// Goes on with a case already built.
    pub fn resume(built: BuiltCase, by: Actor, ids: &'a mut dyn IdSource) -> CaseBuilder<'a> {
        CaseBuilder {
            ids,
            by,
            case: built.case,
            change: built.change,
        }
    }

    /// The case and the change that creates it.
    pub fn build(self) -> BuiltCase {
        BuiltCase {
            case: self.case,
            change: self.change,
        }
    }

    /// The case as built so far.
    pub fn case(&self) -> &Case {
        &self.case
    }

    fn ctx(&self, now: NaiveDateTime) -> Ctx {
        Ctx {
            now,
            by: self.by.clone(),
        }
    }

    fn apply(&mut self, change: CaseChange) {
        self.case.apply(&change);
        self.change.absorb(change);
    }

    fn refusal(&self, step: Step, reason: impl Into<Reason>) -> Refusal {
        Refusal {
            student: self.case.student.name.clone(),
            id: self.case.id(),
            step,
            reason: reason.into(),
        }
    }

    /// Plans a conversation of `level` at `at`; `now` is when it was planned.
    pub fn plan(
        &mut self,
        level: Level,
        at: NaiveDateTime,
        now: NaiveDateTime,
    ) -> Result<ConversationId, Refusal> {
        let id = ConversationId(self.ids.next_id());
        let planned = self.case.plan_conversation(id, level, at);
        let ctx = self.ctx(now);
        let change = case::save_conversation(&self.case, planned, vec![], &ctx, self.ids)
            .map_err(|e| self.refusal(Step::Plan, e))?;
        self.apply(change);
        Ok(id)
    }

    /// The conversation planned next, for `step` to go on with.
    pub fn next_planned(&self, step: Step) -> Result<ConversationId, Refusal> {
        self.case
            .next_planned()
            .map(|c| c.id)
            .ok_or_else(|| self.refusal(step, Reason::NothingPlanned))
    }

    /// A copy of conversation `id` registered as held on its planned day, for `step` to
    /// fill in and save with [`CaseBuilder::save_minutes`] or [`CaseBuilder::finalize`].
    pub fn held(&self, id: ConversationId, step: Step) -> Result<Conversation, Refusal> {
        let mut c = self
            .case
            .conversation(id)
            .cloned()
            .ok_or_else(|| self.refusal(step, Reason::NoSuchConversation(id)))?;
        c.state = ConversationState::Held {
            on: c.planned_at.date(),
        };
        Ok(c)
    }

    /// The agreements conversation `id` reviews, each with the status `status` gives it.
    pub fn review(
        &self,
        id: ConversationId,
        mut status: impl FnMut(&Agreement) -> AgreementStatus,
    ) -> Vec<Agreement> {
        self.case
            .agreements_to_review(id)
            .into_iter()
            .map(|a| Agreement {
                status: status(a),
                ..a.clone()
            })
            .collect()
    }

    /// A new open agreement made in conversation `made_in`, with a fresh id.
    pub fn new_agreement(
        &mut self,
        made_in: ConversationId,
        text: &str,
        owner: AgreementOwner,
        owner_name: String,
        due: Option<NaiveDate>,
    ) -> Agreement {
        Agreement {
            id: AgreementId(self.ids.next_id()),
            student: self.case.id(),
            text: text.into(),
            owner,
            owner_name,
            due,
            status: AgreementStatus::Open,
            made_in,
            reviewed_in: None,
        }
    }

    /// Saves the minutes of a held conversation as a draft, with the agreements shown in
    /// its editor (those made in it and those it reviews).
    pub fn save_minutes(
        &mut self,
        held: Conversation,
        agreements: Vec<Agreement>,
        now: NaiveDateTime,
    ) -> Result<(), Refusal> {
        let ctx = self.ctx(now);
        let change = case::save_conversation(&self.case, held, agreements, &ctx, self.ids)
            .map_err(|e| self.refusal(Step::Hold, e))?;
        self.apply(change);
        Ok(())
    }

    /// Finalizes the minutes of a held conversation, which plans the next conversation
    /// when they agree a follow-up; returns that conversation.
    pub fn finalize(
        &mut self,
        held: Conversation,
        agreements: Vec<Agreement>,
        now: NaiveDateTime,
    ) -> Result<Option<ConversationId>, Refusal> {
        let ctx = self.ctx(now);
        let (change, next) =
            case::finalize_conversation(&self.case, held, agreements, &ctx, self.ids)
                .map_err(|e| self.refusal(Step::Finalize, e))?;
        self.apply(change);
        Ok(next)
    }

    /// Calls off conversation `id` for `reason`.
    pub fn cancel(
        &mut self,
        id: ConversationId,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<(), Refusal> {
        let mut c = self
            .case
            .conversation(id)
            .cloned()
            .ok_or_else(|| self.refusal(Step::Cancel, Reason::NoSuchConversation(id)))?;
        c.state = ConversationState::Cancelled {
            reason: reason.into(),
        };
        let ctx = self.ctx(now);
        let change = case::save_conversation(&self.case, c, vec![], &ctx, self.ids)
            .map_err(|e| self.refusal(Step::Cancel, e))?;
        self.apply(change);
        Ok(())
    }

    /// Adds a note to the timeline.
    pub fn note(&mut self, text: &str, now: NaiveDateTime) -> Result<(), Refusal> {
        let ctx = self.ctx(now);
        let change = case::add_note(&self.case, text, &ctx, self.ids)
            .map_err(|e| self.refusal(Step::Note, e))?;
        self.apply(change);
        Ok(())
    }

    /// A fresh record id, for records kept inside the student's own (a consent).
    pub fn next_id(&mut self) -> u64 {
        self.ids.next_id()
    }

    /// Saves the student's record as edited: a new workplace, a new status. Never refused.
    pub fn update_student(&mut self, edited: Student, now: NaiveDateTime) {
        let ctx = self.ctx(now);
        let change = case::update_student(&self.case, edited, &ctx, self.ids);
        self.apply(change);
    }

    /// Ticks off that the finalized minutes of conversation `id` went to `recipient`
    /// (`to`: the organisation's name and address).
    pub fn mark_sent(
        &mut self,
        id: ConversationId,
        recipient: Recipient,
        to: Option<(&str, &str)>,
        now: NaiveDateTime,
    ) -> Result<(), Refusal> {
        let ctx = self.ctx(now);
        let change = case::mark_sent(&self.case, id, recipient, to, true, &ctx, self.ids)
            .map_err(|e| self.refusal(Step::MarkSent, e))?;
        self.apply(change);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::tests_support::{day, student};

    fn officer() -> Actor {
        Actor::new(
            "Hanne Krogh",
            crate::domain::Role::EducationOfficer,
            "hkrogh",
        )
    }

    fn at(m: u32, d: u32) -> NaiveDateTime {
        day(m, d).and_hms_opt(9, 0, 0).unwrap()
    }

    #[test]
    fn holding_a_meeting_before_its_day_is_refused_naming_the_student_and_step() {
        let mut ids = 100u64;
        let mut b = CaseBuilder::register(student(), officer(), at(3, 1), &mut ids);
        let id = b.plan(Level::One, at(3, 20), at(3, 10)).unwrap();
        let held = b.held(id, Step::Hold).unwrap();
        let refusal = b.save_minutes(held, vec![], at(3, 12)).unwrap_err();
        assert_eq!(refusal.step, Step::Hold);
        assert_eq!(
            refusal.reason,
            Reason::Save(SaveError::NotYetHeld { on: day(3, 20) })
        );
        let message = refusal.to_string();
        assert!(message.contains("Amira Hassan"), "{message}");
        assert!(message.contains("saving the minutes"), "{message}");
        // Nothing of the refused step reached the case.
        assert!(matches!(
            b.case().conversation(id).unwrap().state,
            ConversationState::Planned
        ));
    }

    #[test]
    fn finalizing_incomplete_minutes_is_refused_with_what_they_lack() {
        let mut ids = 100u64;
        let mut b = CaseBuilder::register(student(), officer(), at(3, 1), &mut ids);
        let id = b.plan(Level::One, at(3, 20), at(3, 10)).unwrap();
        let held = b.held(id, Step::Finalize).unwrap();
        let refusal = b.finalize(held, vec![], at(3, 21)).unwrap_err();
        assert_eq!(refusal.step, Step::Finalize);
        let Reason::Incomplete(missing) = refusal.reason else {
            panic!("{refusal}");
        };
        assert!(missing.contains(&Missing::LearningNeeds));
    }

    #[test]
    fn a_story_going_on_with_a_conversation_the_case_lacks_is_refused() {
        let mut ids = 100u64;
        let mut b = CaseBuilder::register(student(), officer(), at(3, 1), &mut ids);
        let refusal = b.held(ConversationId(7), Step::Hold).unwrap_err();
        assert_eq!(
            refusal.reason,
            Reason::NoSuchConversation(ConversationId(7))
        );
        let refusal = b.next_planned(Step::Cancel).unwrap_err();
        assert_eq!(
            (refusal.step, refusal.reason),
            (Step::Cancel, Reason::NothingPlanned)
        );
        let refusal = b.note("  ", at(3, 2)).unwrap_err();
        assert_eq!(refusal.reason, Reason::Save(SaveError::EmptyText));
    }

    #[test]
    fn the_built_change_recreates_the_case() {
        let mut ids = 100u64;
        let mut b = CaseBuilder::register(student(), officer(), at(3, 1), &mut ids);
        let id = b.plan(Level::One, at(3, 20), at(3, 10)).unwrap();
        b.note("Eleven ringede.", at(3, 11)).unwrap();
        b.cancel(id, "Eleven var syg", at(3, 19)).unwrap();
        let built = b.build();
        let mut rebuilt = Case::new(built.change.student.clone().unwrap());
        rebuilt.apply(&built.change);
        assert_eq!(rebuilt, built.case);
        assert_eq!(built.case.events.len(), 4);
    }
}
