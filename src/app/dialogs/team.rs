//! The team file's editors (samarbejdsmodellen): the coordinator, a consent, someone on the
//! network map, a goal or sub-goal, an intervention and a team meeting's checklist. Each is
//! a form saved into the student's record; what changed goes on the timeline.
//!
//! Someone the consent does not cover (a new network member, an intervention's provider)
//! is a warning, not a refusal: the first save names them, a second save goes ahead.

use chrono::{Duration, NaiveDate};
use crossterm::event::KeyEvent;
use serde::{Deserialize, Serialize};

use super::keys::{form_key, report};
use super::{close_editor, commit, loaded_case, not_in_editor};
use crate::app::Action;
use crate::app::form::{Check, Choice, Field, FieldError, FieldId, FieldKind, FieldOutcome, Form};
use crate::app::msg::{AfterCommit, Effect};
use crate::app::state::{App, Modal, StatusKind};
use crate::domain::cooperation::{
    Circle, Consent, Goal, GoalArea, GoalStatus, NetworkMember, SubGoal, TeamMeeting, Tie,
    looks_like_cpr,
};
use crate::domain::dates::format_date;
use crate::domain::{
    AgreementId, IdSource, Intervention, InterventionKind, InterventionStatus, Student, case,
};
use crate::i18n::T;

/// What a team editor edits; `None` is a new record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TeamTarget {
    Coordinator,
    Consent(Option<u64>),
    Member(Option<u64>),
    Goal(Option<u64>),
    SubGoal { goal: u64, sub: Option<u64> },
    Intervention(Option<u64>),
    Meeting(Option<u64>),
}

/// One of the team file's editors.
#[derive(Clone, Debug)]
pub struct TeamEditor {
    /// The student as when the editor opened (for the title, the links and the journal).
    pub student: Student,
    /// The case's agreements that may be linked, with their first line.
    pub agreements: Vec<(AgreementId, String)>,
    pub target: TeamTarget,
    pub form: Form,
    pub dirty: bool,
    /// The party last warned about as not covered by the consent; saving again with the
    /// same party goes ahead.
    pub warned: Option<String>,
}

fn lines_of(list: &[String]) -> String {
    list.join("\n")
}

fn dates_of(list: &[NaiveDate]) -> String {
    list.iter()
        .map(|d| format_date(*d))
        .collect::<Vec<_>>()
        .join("; ")
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(format_date).unwrap_or_default()
}

const FREE: Check = Check::NoCpr { required: false };
const REQUIRED: Check = Check::NoCpr { required: true };

impl TeamEditor {
    /// An editor for `target` in `student`'s team file, with the case's `agreements`.
    pub fn open(
        student: &Student,
        agreements: Vec<(AgreementId, String)>,
        target: TeamTarget,
        today: NaiveDate,
    ) -> TeamEditor {
        let team = &student.team;
        let links = |chosen: &[AgreementId]| -> Vec<Field> {
            agreements
                .iter()
                .map(|(id, text)| {
                    Field::ticked(FieldId::LinkAgreement(*id), text, chosen.contains(id))
                })
                .collect()
        };
        let fields = match target {
            TeamTarget::Coordinator => {
                vec![Field::line(FieldId::Coordinator, &team.coordinator, FREE)]
            }
            TeamTarget::Consent(id) => {
                let c = id.and_then(|id| team.consents.iter().find(|c| c.id == id));
                vec![
                    Field::multi(FieldId::ConsentShares, c.map_or("", |c| &c.shares)),
                    Field::multi(
                        FieldId::ConsentParties,
                        &c.map(|c| lines_of(&c.parties)).unwrap_or_default(),
                    ),
                    Field::line(
                        FieldId::ConsentGiven,
                        &format_date(c.map_or(today, |c| c.given_on)),
                        Check::Date { required: true },
                    ),
                    Field::line(
                        FieldId::ConsentUntil,
                        &date_text(c.and_then(|c| c.valid_until)),
                        Check::Date { required: false },
                    ),
                    Field::line(
                        FieldId::ConsentWithdrawn,
                        &date_text(c.and_then(|c| c.withdrawn_on)),
                        Check::Date { required: false },
                    ),
                ]
            }
            TeamTarget::Member(id) => {
                let m = id.and_then(|id| team.network.iter().find(|m| m.id == id));
                vec![
                    Field::line(FieldId::MemberName, m.map_or("", |m| &m.name), REQUIRED),
                    Field::line(
                        FieldId::MemberOrganisation,
                        m.map_or("", |m| &m.organisation),
                        FREE,
                    ),
                    Field::line(FieldId::MemberRole, m.map_or("", |m| &m.role), FREE),
                    Field::choice(
                        FieldId::MemberTie,
                        Tie::ALL.map(Choice::Tie).to_vec(),
                        Choice::Tie(m.map_or(Tie::Professional, |m| m.tie)),
                    ),
                    Field::choice(
                        FieldId::MemberCircle,
                        Circle::ALL.map(Choice::Circle).to_vec(),
                        Choice::Circle(m.map_or(Circle::Close, |m| m.circle)),
                    ),
                ]
            }
            TeamTarget::Goal(id) => {
                let g = id.and_then(|id| team.goals.iter().find(|g| g.id == id));
                vec![
                    Field::choice(
                        FieldId::GoalArea,
                        GoalArea::ALL.map(Choice::GoalArea).to_vec(),
                        Choice::GoalArea(g.map_or(GoalArea::Education, |g| g.area)),
                    ),
                    Field::multi(FieldId::GoalText, g.map_or("", |g| &g.text)),
                    Field::choice(
                        FieldId::GoalStatus,
                        GoalStatus::ALL.map(Choice::GoalStatus).to_vec(),
                        Choice::GoalStatus(g.map_or(GoalStatus::Open, |g| g.status)),
                    ),
                    Field::line(
                        FieldId::GoalReviewed,
                        &g.map(|g| dates_of(&g.reviewed_on)).unwrap_or_default(),
                        Check::Dates,
                    ),
                ]
            }
            TeamTarget::SubGoal { goal, sub } => {
                let s = team
                    .goals
                    .iter()
                    .find(|g| g.id == goal)
                    .and_then(|g| sub.and_then(|id| g.sub_goals.iter().find(|s| s.id == id)));
                let mut fields = vec![
                    Field::multi(FieldId::GoalText, s.map_or("", |s| &s.text)),
                    Field::choice(
                        FieldId::GoalStatus,
                        GoalStatus::ALL.map(Choice::GoalStatus).to_vec(),
                        Choice::GoalStatus(s.map_or(GoalStatus::Open, |s| s.status)),
                    ),
                    Field::line(
                        FieldId::GoalReviewed,
                        &s.map(|s| dates_of(&s.reviewed_on)).unwrap_or_default(),
                        Check::Dates,
                    ),
                ];
                fields.extend(links(s.map_or(&[][..], |s| &s.agreements)));
                for i in &student.interventions {
                    let chosen = s.is_some_and(|s| s.interventions.contains(&i.id));
                    let text = format!("{}, {}", i.provider, format_date(i.from));
                    fields.push(Field::ticked(
                        FieldId::LinkIntervention(i.id),
                        &text,
                        chosen,
                    ));
                }
                fields
            }
            TeamTarget::Intervention(id) => {
                let i = id.and_then(|id| student.interventions.iter().find(|i| i.id == id));
                let mut fields = vec![
                    Field::choice(
                        FieldId::InterventionKind,
                        InterventionKind::ALL.map(Choice::InterventionKind).to_vec(),
                        Choice::InterventionKind(i.map_or(InterventionKind::Mentor, |i| i.kind)),
                    ),
                    Field::line(
                        FieldId::InterventionProvider,
                        i.map_or("", |i| &i.provider),
                        REQUIRED,
                    ),
                    Field::line(FieldId::InterventionNote, i.map_or("", |i| &i.note), FREE),
                    Field::line(
                        FieldId::InterventionFrom,
                        &format_date(i.map_or(today, |i| i.from)),
                        Check::Date { required: true },
                    ),
                    Field::line(
                        FieldId::InterventionTo,
                        &date_text(i.and_then(|i| i.to)),
                        Check::Date { required: false },
                    ),
                    Field::choice(
                        FieldId::InterventionStatus,
                        InterventionStatus::ALL
                            .map(Choice::InterventionStatus)
                            .to_vec(),
                        Choice::InterventionStatus(
                            i.map_or(InterventionStatus::Planned, |i| i.status),
                        ),
                    ),
                ];
                let chosen: Vec<AgreementId> = i.and_then(|i| i.agreement).into_iter().collect();
                fields.extend(links(&chosen));
                fields
            }
            TeamTarget::Meeting(id) => {
                let m = id.and_then(|id| team.meetings.iter().find(|m| m.id == id));
                vec![
                    Field::line(
                        FieldId::MeetingOn,
                        &format_date(m.map_or(today, |m| m.on)),
                        Check::Date { required: true },
                    ),
                    Field::multi(
                        FieldId::MeetingParticipants,
                        &m.map_or_else(
                            || {
                                let mut names = vec![student.name.clone()];
                                if !team.coordinator.trim().is_empty() {
                                    names.push(team.coordinator.clone());
                                }
                                lines_of(&names)
                            },
                            |m| lines_of(&m.participants),
                        ),
                    ),
                    Field::choice(
                        FieldId::MeetingGoalsReviewed,
                        vec![Choice::YesNo(true), Choice::YesNo(false)],
                        Choice::YesNo(m.is_none_or(|m| m.goals_reviewed)),
                    ),
                    Field::choice(
                        FieldId::MeetingInterventionsChanged,
                        vec![Choice::YesNo(false), Choice::YesNo(true)],
                        Choice::YesNo(m.is_some_and(|m| m.interventions_changed)),
                    ),
                    Field::line(
                        FieldId::MeetingNext,
                        &date_text(m.and_then(|m| m.next_on)),
                        Check::Date { required: false },
                    ),
                    Field::multi(FieldId::MeetingNote, m.map_or("", |m| &m.note)),
                ]
            }
        };
        TeamEditor {
            student: student.clone(),
            agreements,
            target,
            form: Form::new(fields),
            dirty: false,
            warned: None,
        }
    }

    /// The title's catalog key.
    pub fn title_key(&self) -> T {
        match self.target {
            TeamTarget::Coordinator => T::TeamEditCoordinator,
            TeamTarget::Consent(_) => T::TeamEditConsent,
            TeamTarget::Member(_) => T::TeamEditMember,
            TeamTarget::Goal(_) => T::TeamEditGoal,
            TeamTarget::SubGoal { .. } => T::TeamEditSubGoal,
            TeamTarget::Intervention(_) => T::TeamEditIntervention,
            TeamTarget::Meeting(_) => T::TeamEditMeeting,
        }
    }

    fn text(&self, id: FieldId) -> String {
        self.form.text(id).trim().to_string()
    }

    fn refuse(&mut self, id: FieldId, error: FieldError) -> FieldId {
        if let Some(f) = self.form.field_mut(id) {
            f.error = Some(error);
        }
        id
    }

    /// A date field read, or refused when it lies before `start`.
    fn date_after(
        &mut self,
        id: FieldId,
        start: NaiveDate,
        today: NaiveDate,
    ) -> Result<Option<NaiveDate>, FieldId> {
        match self.form.date(id, today) {
            Some(d) if d < start => Err(self.refuse(id, FieldError::BeforeStart)),
            d => Ok(d),
        }
    }

    /// Lines of a text of several lines (or parts separated by `;`), without empty ones.
    fn list(&self, id: FieldId) -> Vec<String> {
        self.form
            .text(id)
            .split(['\n', ';'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    fn ticked_agreements(&self) -> Vec<AgreementId> {
        self.form
            .fields
            .iter()
            .filter_map(|f| match f.id {
                FieldId::LinkAgreement(id) if f.is_ticked() => Some(id),
                _ => None,
            })
            .collect()
    }

    fn ticked_interventions(&self) -> Vec<u64> {
        self.form
            .fields
            .iter()
            .filter_map(|f| match f.id {
                FieldId::LinkIntervention(id) if f.is_ticked() => Some(id),
                _ => None,
            })
            .collect()
    }

    /// `base` with what the form holds, or the first field not accepted. New records get
    /// fresh ids (a consent one unique among all records, as its reminder names it).
    pub fn apply(
        &mut self,
        base: &Student,
        today: NaiveDate,
        ids: &mut dyn IdSource,
    ) -> Result<Student, FieldId> {
        let valid = self.form.validate(today);
        // Texts of several lines have no check of their own: no CPR number in them either.
        // Marked together with the other fields' errors, so all show at once.
        let mut cpr = false;
        for f in &mut self.form.fields {
            if matches!(f.kind, FieldKind::Multi { .. }) && looks_like_cpr(&f.text()) {
                f.error = Some(FieldError::Cpr);
                cpr = true;
            }
        }
        if !valid || cpr {
            return Err(self.form.first_error().map_or(FieldId::Text, |f| f.id));
        }
        let mut s = base.clone();
        let team = &mut s.team;
        let status = |form: &Form| match form.choice(FieldId::GoalStatus) {
            Some(Choice::GoalStatus(st)) => st,
            _ => GoalStatus::Open,
        };
        let reviewed = |form: &Form| {
            crate::app::form::parse_dates(&form.text(FieldId::GoalReviewed), today)
                .unwrap_or_default()
        };
        match self.target {
            TeamTarget::Coordinator => team.coordinator = self.text(FieldId::Coordinator),
            TeamTarget::Consent(id) => {
                let given = self
                    .form
                    .date(FieldId::ConsentGiven, today)
                    .unwrap_or(today);
                let until = self.date_after(FieldId::ConsentUntil, given, today)?;
                let withdrawn = self.date_after(FieldId::ConsentWithdrawn, given, today)?;
                let parties = self.list(FieldId::ConsentParties);
                if parties.is_empty() {
                    return Err(self.refuse(FieldId::ConsentParties, FieldError::Required));
                }
                let consent = Consent {
                    id: id.unwrap_or_else(|| ids.next_id()),
                    shares: self.text(FieldId::ConsentShares),
                    parties,
                    given_on: given,
                    valid_until: until,
                    withdrawn_on: withdrawn,
                };
                upsert(&mut team.consents, consent, |c| c.id);
            }
            TeamTarget::Member(id) => {
                let member = NetworkMember {
                    id: id.unwrap_or_else(|| team.next_local_id()),
                    name: self.text(FieldId::MemberName),
                    organisation: self.text(FieldId::MemberOrganisation),
                    role: self.text(FieldId::MemberRole),
                    tie: match self.form.choice(FieldId::MemberTie) {
                        Some(Choice::Tie(t)) => t,
                        _ => Tie::Professional,
                    },
                    circle: match self.form.choice(FieldId::MemberCircle) {
                        Some(Choice::Circle(c)) => c,
                        _ => Circle::Close,
                    },
                };
                upsert(&mut team.network, member, |m| m.id);
            }
            TeamTarget::Goal(id) => {
                let text = self.text(FieldId::GoalText);
                if text.is_empty() {
                    return Err(self.refuse(FieldId::GoalText, FieldError::Required));
                }
                let old = id.and_then(|id| team.goals.iter().find(|g| g.id == id));
                let goal = Goal {
                    id: id.unwrap_or_else(|| team.next_local_id()),
                    area: match self.form.choice(FieldId::GoalArea) {
                        Some(Choice::GoalArea(a)) => a,
                        _ => GoalArea::Education,
                    },
                    text,
                    status: status(&self.form),
                    reviewed_on: reviewed(&self.form),
                    sub_goals: old.map(|g| g.sub_goals.clone()).unwrap_or_default(),
                };
                upsert(&mut team.goals, goal, |g| g.id);
            }
            TeamTarget::SubGoal { goal, sub } => {
                let text = self.text(FieldId::GoalText);
                if text.is_empty() {
                    return Err(self.refuse(FieldId::GoalText, FieldError::Required));
                }
                let agreements = self.ticked_agreements();
                let interventions = self.ticked_interventions();
                let Some(g) = team.goals.iter_mut().find(|g| g.id == goal) else {
                    return Err(FieldId::GoalText);
                };
                let sub_goal = SubGoal {
                    id: sub.unwrap_or_else(|| g.next_sub_id()),
                    text,
                    status: status(&self.form),
                    agreements,
                    interventions,
                    reviewed_on: reviewed(&self.form),
                };
                upsert(&mut g.sub_goals, sub_goal, |s| s.id);
            }
            TeamTarget::Intervention(id) => {
                let from = self
                    .form
                    .date(FieldId::InterventionFrom, today)
                    .unwrap_or(today);
                let to = self.date_after(FieldId::InterventionTo, from, today)?;
                let next = s.interventions.iter().map(|i| i.id).max().unwrap_or(0) + 1;
                let intervention = Intervention {
                    id: id.unwrap_or(next),
                    kind: match self.form.choice(FieldId::InterventionKind) {
                        Some(Choice::InterventionKind(k)) => k,
                        _ => InterventionKind::Other,
                    },
                    provider: self.text(FieldId::InterventionProvider),
                    note: self.text(FieldId::InterventionNote),
                    from,
                    to,
                    status: match self.form.choice(FieldId::InterventionStatus) {
                        Some(Choice::InterventionStatus(st)) => st,
                        _ => InterventionStatus::Planned,
                    },
                    agreement: self.ticked_agreements().first().copied(),
                };
                upsert(&mut s.interventions, intervention, |i| i.id);
            }
            TeamTarget::Meeting(id) => {
                let on = self.form.date(FieldId::MeetingOn, today).unwrap_or(today);
                let next = self.date_after(FieldId::MeetingNext, on + Duration::days(1), today)?;
                let participants = self.list(FieldId::MeetingParticipants);
                let yes =
                    |form: &Form, field| matches!(form.choice(field), Some(Choice::YesNo(true)));
                let meeting = TeamMeeting {
                    id: id.unwrap_or_else(|| team.next_local_id()),
                    on,
                    participants,
                    goals_reviewed: yes(&self.form, FieldId::MeetingGoalsReviewed),
                    interventions_changed: yes(&self.form, FieldId::MeetingInterventionsChanged),
                    next_on: next,
                    note: self.text(FieldId::MeetingNote),
                };
                upsert(&mut team.meetings, meeting, |m| m.id);
            }
        }
        s.team.start_if_new(today);
        Ok(s)
    }

    /// The party the consent does not cover on `today`, for a network member or an
    /// intervention's provider; `None` for anything else, or when covered.
    pub fn uncovered(&self, student: &Student, today: NaiveDate) -> Option<String> {
        let team = &student.team;
        match self.target {
            TeamTarget::Member(_) => team.uncovered(
                &[
                    &self.text(FieldId::MemberName),
                    &self.text(FieldId::MemberOrganisation),
                ],
                today,
            ),
            TeamTarget::Intervention(_) => {
                team.uncovered(&[&self.text(FieldId::InterventionProvider)], today)
            }
            _ => None,
        }
    }
}

/// Replaces the item with `item`'s key, or adds it at the end.
fn upsert<V, K: PartialEq>(list: &mut Vec<V>, item: V, key: impl Fn(&V) -> K) {
    let k = key(&item);
    match list.iter_mut().find(|v| key(v) == k) {
        Some(slot) => *slot = item,
        None => list.push(item),
    }
}

/// Opens the editor for `target` on the open case.
pub fn open(app: &mut App, target: TeamTarget) {
    let today = app.today();
    let Some(view) = &app.case else {
        return;
    };
    let case = &view.case;
    let agreements = view
        .agreements()
        .into_iter()
        .map(|a| (a.id, a.text.lines().next().unwrap_or("").to_string()))
        .collect();
    let editor = TeamEditor::open(&case.student, agreements, target, today);
    app.modals.push(Modal::Team(Box::new(editor)));
}

/// An action while a team editor is open.
pub(super) fn action(app: &mut App, ids: &mut dyn IdSource, action: Action) -> Vec<Effect> {
    let Some(Modal::Team(e)) = app.modal_mut() else {
        return Vec::new();
    };
    match action {
        Action::NextField | Action::Down => e.form.next(),
        Action::PrevField | Action::Up => e.form.prev(),
        Action::Toggle => {
            if let Some(f) = e.form.focused_mut() {
                e.dirty |= f.toggle();
            }
        }
        Action::Save => return save(app, ids),
        Action::Cancel => return close_editor(app, false),
        _ => return not_in_editor(app),
    }
    Vec::new()
}

/// A key no binding claimed: typed into the field in focus.
pub(super) fn raw_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let today = app.today();
    let Some(Modal::Team(e)) = app.modal_mut() else {
        return Vec::new();
    };
    let outcome = form_key(&mut e.form, key, today);
    if outcome == FieldOutcome::Changed {
        e.dirty = true;
        e.warned = None;
    }
    report(app, outcome);
    Vec::new()
}

/// Pasted text goes into the field in focus; true if it went in.
pub(super) fn paste(app: &mut App, text: &str) -> bool {
    let today = app.today();
    let Some(Modal::Team(e)) = app.modal_mut() else {
        return false;
    };
    let Some(f) = e.form.focused_mut() else {
        return false;
    };
    let done = f.paste(text);
    f.validate(today);
    e.dirty |= done;
    done
}

fn save(app: &mut App, ids: &mut dyn IdSource) -> Vec<Effect> {
    let today = app.today();
    let lang = app.lang;
    let Some(context) = super::profile::ctx(app) else {
        return Vec::new();
    };
    let Some(Modal::Team(e)) = app.modal() else {
        return Vec::new();
    };
    let Some(case) = loaded_case(app).filter(|c| c.id() == e.student.id) else {
        return Vec::new();
    };
    let Some(Modal::Team(e)) = app.modal_mut() else {
        return Vec::new();
    };
    let student = match e.apply(&case.student, today, ids) {
        Ok(s) => s,
        Err(field) => {
            e.form.focus_on(field);
            app.say(StatusKind::Error, app.t(T::FixFieldFirst));
            return Vec::new();
        }
    };
    if let Some(party) = e.uncovered(&case.student, today)
        && e.warned.as_deref() != Some(party.as_str())
    {
        e.warned = Some(party.clone());
        app.say(
            StatusKind::Error,
            lang.fill(T::TeamNotCovered, &[("party", &party)]),
        );
        return Vec::new();
    }
    let change = case::update_student(&case, student, &context, ids);
    if change.is_empty() {
        app.modals.pop();
        app.say(StatusKind::Info, app.t(T::NothingChanged));
        return Vec::new();
    }
    commit(change, &case, AfterCommit::TeamSaved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::tests_support::{case, day};

    fn set(e: &mut TeamEditor, id: FieldId, text: &str) {
        e.form.field_mut(id).unwrap().set_text(text);
    }

    #[test]
    fn a_cpr_number_typed_anywhere_is_refused_with_its_text_kept() {
        let s = case().student;
        let mut e = TeamEditor::open(&s, vec![], TeamTarget::Member(None), day(11, 23));
        set(&mut e, FieldId::MemberName, "Mor 010203-1234");
        let mut ids = 100u64;
        assert_eq!(e.apply(&s, day(11, 23), &mut ids), Err(FieldId::MemberName));
        let f = e.form.field(FieldId::MemberName).unwrap();
        assert_eq!(f.error, Some(FieldError::Cpr));
        assert_eq!(f.text(), "Mor 010203-1234");
        // In a text of several lines too.
        let mut m = TeamEditor::open(&s, vec![], TeamTarget::Meeting(None), day(11, 23));
        set(&mut m, FieldId::MeetingNote, "Elevens cpr: 0102031234");
        assert_eq!(
            m.apply(&s, day(11, 23), &mut ids),
            Err(FieldId::MeetingNote)
        );
    }

    #[test]
    fn a_member_the_consent_does_not_cover_is_named_and_the_file_is_started() {
        let s = case().student;
        let mut e = TeamEditor::open(&s, vec![], TeamTarget::Member(None), day(11, 23));
        set(&mut e, FieldId::MemberName, "Lis Berg");
        set(&mut e, FieldId::MemberOrganisation, "Jobcenter Esbjerg");
        assert_eq!(e.uncovered(&s, day(11, 23)), Some("Lis Berg".into()));
        let saved = e.apply(&s, day(11, 23), &mut 0u64).unwrap();
        assert_eq!(saved.team.network.len(), 1);
        assert_eq!(saved.team.started, Some(day(11, 23)));
    }

    #[test]
    fn a_wrong_date_keeps_its_text_and_an_end_before_the_start_is_refused() {
        let s = case().student;
        let mut e = TeamEditor::open(&s, vec![], TeamTarget::Consent(None), day(11, 23));
        set(&mut e, FieldId::ConsentParties, "SOSU Esbjerg");
        set(&mut e, FieldId::ConsentUntil, "31.02.2027");
        assert_eq!(
            e.apply(&s, day(11, 23), &mut 0u64),
            Err(FieldId::ConsentUntil)
        );
        assert_eq!(e.form.text(FieldId::ConsentUntil), "31.02.2027");
        set(&mut e, FieldId::ConsentUntil, "01.01.2026");
        assert_eq!(
            e.apply(&s, day(11, 23), &mut 0u64),
            Err(FieldId::ConsentUntil)
        );
        assert_eq!(
            e.form.field(FieldId::ConsentUntil).unwrap().error,
            Some(FieldError::BeforeStart)
        );
        set(&mut e, FieldId::ConsentUntil, "22.11.2027");
        let saved = e.apply(&s, day(11, 23), &mut 40u64).unwrap();
        assert_eq!(saved.team.consents[0].id, 41);
        assert!(saved.team.covers("sosu esbjerg", day(11, 23)));
    }
}
