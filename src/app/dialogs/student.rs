//! The student editor: a student's record, new or existing, with the address book's names
//! offered in the organisation fields.

use chrono::{Duration, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent};

use super::keys::{form_key, report};
use super::{close_editor, commit, loaded_case, not_in_editor, text_of};
use crate::app::Action;
use crate::app::form::{Check, Choice, Field, FieldError, FieldId, FieldOutcome, Form};
use crate::app::msg::{AfterCommit, Effect};
use crate::app::state::{App, Modal, StatusKind};
use crate::domain::case;
use crate::domain::course::{format_periods, parse_periods};
use crate::domain::dates::format_date;
use crate::domain::{
    Case, CourseEnd, DropoutCause, FocusArea, FocusKind, IdSource, Level, Outcome, Programme,
    Student, StudentId, StudentStatus,
};
use crate::i18n::T;

/// Editing a student record, new or existing.
#[derive(Clone, Debug)]
pub struct StudentEditor {
    /// The record as stored; `None` for a new student.
    pub original: Option<Student>,
    pub id: StudentId,
    pub form: Form,
    pub dirty: bool,
    /// Names from the address book matching what is typed in an organisation field.
    pub suggestions: Vec<String>,
    /// The suggestion Enter takes, once chosen with the arrow keys.
    pub suggestion: Option<usize>,
}

impl StudentEditor {
    /// A form for a new student with sensible defaults.
    pub fn new_student(id: StudentId, today: NaiveDate) -> StudentEditor {
        let blank = Student {
            id,
            name: String::new(),
            programme: Programme::Ssa,
            start: today,
            expected_end: today + Duration::days(2 * 365),
            school: "SOSU Esbjerg".into(),
            workplace: String::new(),
            unit: String::new(),
            employer: String::new(),
            supervisor: String::new(),
            education_officer: String::new(),
            focus_areas: Vec::new(),
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
        };
        StudentEditor {
            form: Self::form(&blank),
            original: None,
            id,
            dirty: false,
            suggestions: Vec::new(),
            suggestion: None,
        }
    }

    /// A form for an existing student.
    pub fn edit(student: &Student) -> StudentEditor {
        StudentEditor {
            form: Self::form(student),
            original: Some(student.clone()),
            id: student.id,
            dirty: false,
            suggestions: Vec::new(),
            suggestion: None,
        }
    }

    /// The kind of organisation the field in focus names, if it names one.
    fn org_kind(&self) -> Option<crate::domain::OrgKind> {
        use crate::domain::OrgKind;
        match self.form.focused()?.id {
            FieldId::School => Some(OrgKind::School),
            FieldId::Workplace => Some(OrgKind::Workplace),
            FieldId::Employer => Some(OrgKind::EmployingAuthority),
            _ => None,
        }
    }

    /// Looks up the address book for what is typed in the organisation field in focus.
    pub fn suggest(&mut self, book: &[crate::domain::Organisation]) {
        self.suggestion = None;
        self.suggestions = match (self.org_kind(), self.form.focused()) {
            (Some(kind), Some(field)) => {
                crate::domain::organisation::suggestions(book, kind, &field.text(), 5)
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            }
            _ => Vec::new(),
        };
    }

    /// Moves the chosen suggestion `step` on (negative: back), none before the first.
    pub fn choose_suggestion(&mut self, step: isize) {
        let n = self.suggestions.len() as isize;
        if n == 0 {
            return;
        }
        let at = self.suggestion.map_or(-1, |i| i as isize) + step;
        self.suggestion = (0..n).contains(&at).then_some(at as usize);
    }

    /// Puts the chosen suggestion into the field; true if there was one.
    pub fn take_suggestion(&mut self) -> bool {
        let Some(name) = self
            .suggestion
            .and_then(|i| self.suggestions.get(i))
            .cloned()
        else {
            return false;
        };
        if let Some(f) = self.form.focused_mut() {
            f.set_text(&name);
            self.dirty = true;
        }
        self.suggestions.clear();
        self.suggestion = None;
        true
    }

    fn form(s: &Student) -> Form {
        let mut fields = vec![
            Field::line(FieldId::Name, &s.name, Check::Required),
            Field::choice(
                FieldId::Programme,
                Programme::ALL.map(Choice::Programme).to_vec(),
                Choice::Programme(s.programme),
            ),
            Field::line(
                FieldId::Start,
                &format_date(s.start),
                Check::Date { required: true },
            ),
            Field::line(
                FieldId::ExpectedEnd,
                &format_date(s.expected_end),
                Check::Date { required: true },
            ),
            Field::line(FieldId::School, &s.school, Check::Free),
            Field::line(FieldId::Workplace, &s.workplace, Check::Required),
            Field::line(FieldId::Unit, &s.unit, Check::Free),
            Field::line(FieldId::Employer, &s.employer, Check::Required),
            Field::line(FieldId::Supervisor, &s.supervisor, Check::Required),
            Field::line(
                FieldId::EducationOfficer,
                &s.education_officer,
                Check::Required,
            ),
        ];
        for kind in FocusKind::ALL {
            let area = s.focus_areas.iter().find(|f| f.kind == kind);
            fields.push(Field::ticked(
                FieldId::Focus(kind),
                area.map_or("", |f| f.note.as_str()),
                area.is_some(),
            ));
        }
        fields.push(Field::choice(
            FieldId::Status,
            StudentStatus::ALL.map(Choice::Status).to_vec(),
            Choice::Status(s.status),
        ));
        let ended = s.ended.as_ref();
        fields.push(Field::line(
            FieldId::EndedOn,
            &ended.map(|e| format_date(e.on)).unwrap_or_default(),
            Check::Date { required: false },
        ));
        let cause = ended.and_then(|e| match e.outcome {
            Outcome::DroppedOut(c) => Some(c),
            _ => None,
        });
        let causes = std::iter::once(None)
            .chain(DropoutCause::ALL.map(Some))
            .map(Choice::Cause)
            .collect();
        fields.push(Field::choice(FieldId::Cause, causes, Choice::Cause(cause)));
        fields.push(Field::line(
            FieldId::SchoolPeriods,
            &format_periods(&s.school_periods),
            Check::Periods,
        ));
        Form::new(fields)
    }

    /// The student as typed, or the first field that is not accepted (with its error set).
    pub fn to_student(&mut self, today: NaiveDate) -> Result<Student, FieldId> {
        if !self.form.validate(today) {
            return Err(self.form.first_error().map_or(FieldId::Name, |f| f.id));
        }
        let f = &self.form;
        let start = f.date(FieldId::Start, today).ok_or(FieldId::Start)?;
        let expected_end = f
            .date(FieldId::ExpectedEnd, today)
            .ok_or(FieldId::ExpectedEnd)?;
        if expected_end < start {
            if let Some(field) = self.form.field_mut(FieldId::ExpectedEnd) {
                field.error = Some(FieldError::BeforeStart);
            }
            return Err(FieldId::ExpectedEnd);
        }
        let f = &self.form;
        let focus_areas = FocusKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let field = f.field(FieldId::Focus(kind))?;
                // Writing a description ticks the area: the text alone says it matters.
                (field.is_ticked() || !field.text().trim().is_empty()).then(|| FocusArea {
                    kind,
                    note: field.text().trim().to_string(),
                })
            })
            .collect();
        let status = match f.choice(FieldId::Status) {
            Some(Choice::Status(s)) => s,
            _ => StudentStatus::Active,
        };
        let ended = if status.is_followed_up() {
            None
        } else {
            let on = f.date(FieldId::EndedOn, today).unwrap_or(today);
            if on < start {
                if let Some(field) = self.form.field_mut(FieldId::EndedOn) {
                    field.error = Some(FieldError::BeforeStart);
                }
                return Err(FieldId::EndedOn);
            }
            let outcome = match status {
                StudentStatus::Completed => Outcome::Completed,
                StudentStatus::Transferred => Outcome::Transferred,
                _ => match f.choice(FieldId::Cause) {
                    Some(Choice::Cause(Some(c))) => Outcome::DroppedOut(c),
                    _ => {
                        if let Some(field) = self.form.field_mut(FieldId::Cause) {
                            field.error = Some(FieldError::CauseNeeded);
                        }
                        return Err(FieldId::Cause);
                    }
                },
            };
            Some(CourseEnd { on, outcome })
        };
        let f = &self.form;
        let school_periods = parse_periods(&text_of(f, FieldId::SchoolPeriods), today)
            .map_err(|_| FieldId::SchoolPeriods)?;
        let base = self.original.clone();
        let (level, level_raised_on) = base
            .as_ref()
            .map_or((Level::One, None), |s| (s.level, s.level_raised_on));
        // Links to the address book are kept; saving makes new ones from the names typed.
        let (employer_org, school_org, workplace_org) =
            base.as_ref().map_or((None, None, None), |s| {
                (s.employer_org, s.school_org, s.workplace_org)
            });
        Ok(Student {
            id: self.id,
            name: text_of(f, FieldId::Name),
            programme: match f.choice(FieldId::Programme) {
                Some(Choice::Programme(p)) => p,
                _ => Programme::Ssa,
            },
            start,
            expected_end,
            school: text_of(f, FieldId::School),
            workplace: text_of(f, FieldId::Workplace),
            unit: text_of(f, FieldId::Unit),
            employer: text_of(f, FieldId::Employer),
            supervisor: text_of(f, FieldId::Supervisor),
            education_officer: text_of(f, FieldId::EducationOfficer),
            focus_areas,
            status,
            level,
            level_raised_on,
            employer_org,
            school_org,
            workplace_org,
            school_periods,
            ended,
            interventions: base
                .as_ref()
                .map(|s| s.interventions.clone())
                .unwrap_or_default(),
            team: base.as_ref().map(|s| s.team.clone()).unwrap_or_default(),
        })
    }
}

/// An action while the editor is open.
pub(super) fn action(app: &mut App, ids: &mut dyn IdSource, action: Action) -> Vec<Effect> {
    let Some(Modal::Student(e)) = app.modal_mut() else {
        return Vec::new();
    };
    match action {
        Action::NextField | Action::Down => {
            e.suggestions.clear();
            e.form.next();
            Vec::new()
        }
        Action::PrevField | Action::Up => {
            e.suggestions.clear();
            e.form.prev();
            Vec::new()
        }
        // Esc first closes the suggestions, then the editor.
        Action::Cancel if !e.suggestions.is_empty() => {
            e.suggestions.clear();
            e.suggestion = None;
            Vec::new()
        }
        Action::Toggle => {
            if let Some(f) = e.form.focused_mut() {
                e.dirty |= f.toggle();
            }
            Vec::new()
        }
        Action::Save => save(app, ids),
        Action::Cancel => close_editor(app, false),
        _ => not_in_editor(app),
    }
}

/// A key no binding claimed: typed into the field in focus, or choosing a suggestion.
pub(super) fn raw_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let today = app.today();
    let Some(Modal::Student(e)) = app.modal_mut() else {
        return Vec::new();
    };
    // The address book's names, while an organisation field has suggestions:
    // arrows choose, Enter takes the chosen one.
    if !e.suggestions.is_empty() {
        match key.code {
            KeyCode::Down => {
                e.choose_suggestion(1);
                return Vec::new();
            }
            KeyCode::Up => {
                e.choose_suggestion(-1);
                return Vec::new();
            }
            KeyCode::Enter if e.take_suggestion() => {
                e.form.next();
                return Vec::new();
            }
            _ => {}
        }
    }
    let outcome = form_key(&mut e.form, key, today);
    e.dirty |= outcome == FieldOutcome::Changed;
    if outcome == FieldOutcome::Changed {
        suggest(app);
    } else if outcome == FieldOutcome::Next
        && let Some(Modal::Student(e)) = app.modal_mut()
    {
        e.suggestions.clear();
    }
    report(app, outcome);
    Vec::new()
}

/// Pasted text goes into the field in focus; true if it went in.
pub(super) fn paste(app: &mut App, text: &str) -> bool {
    let today = app.today();
    let Some(Modal::Student(e)) = app.modal_mut() else {
        return false;
    };
    let mut done = false;
    if let Some(f) = e.form.focused_mut() {
        done = f.paste(text);
        f.validate(today);
        e.dirty |= done;
    }
    suggest(app);
    done
}

/// Offers the address book's names matching what the organisation field in focus holds.
fn suggest(app: &mut App) {
    let book = std::mem::take(&mut app.address_book);
    if let Some(Modal::Student(e)) = app.modal_mut() {
        e.suggest(&book);
    }
    app.address_book = book;
}

pub(super) fn save(app: &mut App, ids: &mut dyn IdSource) -> Vec<Effect> {
    let today = app.today();
    let Some(context) = super::profile::ctx(app) else {
        return Vec::new();
    };
    let book = app.address_book.clone();
    let Some(Modal::Student(e)) = app.modal_mut() else {
        return Vec::new();
    };
    match e.to_student(today) {
        Ok(mut student) => {
            crate::domain::organisation::link_student(&book, &mut student, e.original.as_ref());
            let new = e.original.is_none();
            if new {
                let change = case::create_student(student.clone(), &context, ids);
                commit(
                    change,
                    &Case::new(student),
                    AfterCommit::StudentSaved { new },
                )
            } else {
                let Some(case) = loaded_case(app).filter(|c| c.id() == student.id) else {
                    return Vec::new();
                };
                let change = case::update_student(&case, student, &context, ids);
                if change.is_empty() {
                    app.modals.pop();
                    app.say(StatusKind::Info, app.t(T::NothingChanged));
                    return Vec::new();
                }
                commit(change, &case, AfterCommit::StudentSaved { new })
            }
        }
        Err(field) => {
            e.form.focus_on(field);
            app.say(StatusKind::Error, app.t(T::FixFieldFirst));
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::tests_support::{case, day};

    #[test]
    fn a_student_round_trips_through_the_form() {
        let s = case().student;
        let mut e = StudentEditor::edit(&s);
        assert_eq!(e.to_student(day(11, 23)), Ok(s));
    }

    #[test]
    fn an_end_date_before_the_start_is_refused_on_the_end_field() {
        let mut e = StudentEditor::new_student(StudentId(3), day(11, 23));
        e.form.field_mut(FieldId::Name).unwrap().set_text("Ny Elev");
        for id in [
            FieldId::Workplace,
            FieldId::Employer,
            FieldId::Supervisor,
            FieldId::EducationOfficer,
        ] {
            e.form.field_mut(id).unwrap().set_text("x");
        }
        e.form
            .field_mut(FieldId::ExpectedEnd)
            .unwrap()
            .set_text("01.01.2020");
        assert_eq!(e.to_student(day(11, 23)), Err(FieldId::ExpectedEnd));
        assert_eq!(
            e.form.field(FieldId::ExpectedEnd).unwrap().error,
            Some(FieldError::BeforeStart)
        );
    }

    fn field(e: &mut StudentEditor, id: FieldId) -> &mut Field {
        e.form.field_mut(id).unwrap()
    }

    #[test]
    fn ending_a_course_records_the_day_and_a_dropout_needs_its_cause() {
        let s = case().student; // started 1 Feb 2026
        let mut e = StudentEditor::edit(&s);
        let status = FieldId::Status;
        field(&mut e, status).set_choice(Choice::Status(StudentStatus::DroppedOut));
        assert_eq!(e.to_student(day(11, 23)), Err(FieldId::Cause));
        assert_eq!(
            e.form.field(FieldId::Cause).unwrap().error,
            Some(FieldError::CauseNeeded)
        );
        let illness = Choice::Cause(Some(DropoutCause::Illness));
        field(&mut e, FieldId::Cause).set_choice(illness);
        let out = e.to_student(day(11, 23)).unwrap();
        let ended = CourseEnd {
            on: day(11, 23),
            outcome: Outcome::DroppedOut(DropoutCause::Illness),
        };
        assert_eq!(out.ended, Some(ended), "no day typed: today");
        // A day before the start is refused on its field; a day typed is kept.
        field(&mut e, FieldId::EndedOn).set_text("01.01.2026");
        assert_eq!(e.to_student(day(11, 23)), Err(FieldId::EndedOn));
        field(&mut e, FieldId::EndedOn).set_text("30.10.2026");
        let out = e.to_student(day(11, 23)).unwrap();
        assert_eq!(out.ended.map(|x| x.on), Some(day(10, 30)));
        // Completed needs no cause; active again has no end.
        field(&mut e, status).set_choice(Choice::Status(StudentStatus::Completed));
        let out = e.to_student(day(11, 23)).unwrap();
        assert_eq!(out.ended.map(|x| x.outcome), Some(Outcome::Completed));
        field(&mut e, status).set_choice(Choice::Status(StudentStatus::Active));
        assert_eq!(e.to_student(day(11, 23)).unwrap().ended, None);
    }

    #[test]
    fn school_periods_are_typed_as_a_line_and_move_the_trial_periods_end() {
        let s = case().student; // started 1 Feb 2026: trial period to 30 Apr 2026
        let mut e = StudentEditor::edit(&s);
        let periods = e.form.field_mut(FieldId::SchoolPeriods).unwrap();
        periods.set_text("01.03.2026-14.03.2026");
        let out = e.to_student(day(11, 23)).unwrap();
        assert_eq!(out.school_periods.len(), 1);
        assert_eq!(out.trial_end(), day(5, 14));
        // Shown again as typed in Fokus's own form.
        let again = StudentEditor::edit(&out);
        assert_eq!(
            again.form.field(FieldId::SchoolPeriods).unwrap().text(),
            "01.03.2026–14.03.2026"
        );
    }

    #[test]
    fn describing_a_focus_area_selects_it() {
        let mut s = case().student;
        s.focus_areas.clear();
        let mut e = StudentEditor::edit(&s);
        e.form
            .field_mut(FieldId::Focus(FocusKind::Social))
            .unwrap()
            .set_text("Trives ikke i teamet");
        let out = e.to_student(day(11, 23)).unwrap();
        assert_eq!(out.focus_areas.len(), 1);
        assert_eq!(out.focus_areas[0].kind, FocusKind::Social);
    }
}
