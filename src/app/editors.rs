//! The forms behind each editor: how a record becomes fields and fields become a record.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::form::{AgreementList, Check, Choice, Field, FieldError, FieldId, FieldKind, Form};
use crate::domain::dates::{self, format_date, format_time};
use crate::domain::reminders::ReminderKey;
use crate::domain::rules::{self, Missing};
use crate::domain::{
    Agreement, AgreementId, AgreementOwner, AgreementStatus, Conversation, ConversationId,
    ConversationState, FocusArea, FocusKind, Initiator, Level, Programme, Role, Student, StudentId,
    StudentStatus,
};

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

fn text_of(form: &Form, id: FieldId) -> String {
    form.text(id).trim().to_string()
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
            status: match f.choice(FieldId::Status) {
                Some(Choice::Status(s)) => s,
                _ => StudentStatus::Active,
            },
            level,
            level_raised_on,
            employer_org,
            school_org,
            workplace_org,
        })
    }
}

/// Editing the agenda and minutes of one conversation.
#[derive(Clone, Debug)]
pub struct ConversationEditor {
    pub student: Student,
    /// The conversation as stored; `None` until it is first saved.
    pub original: Option<Conversation>,
    /// Carries what the form does not show: id, type, state, addenda.
    pub base: Conversation,
    pub form: Form,
    pub dirty: bool,
    /// An agreement being added or edited on top of the editor.
    pub agreement: Option<AgreementEditor>,
    /// What finalizing still needs, kept up to date as the user types.
    pub missing: Vec<Missing>,
}

/// The roles shown as participant rows: those the rules name plus anyone already listed.
fn participant_roles(c: &Conversation) -> Vec<Role> {
    let mut roles: Vec<Role> = rules::required_roles(c.level)
        .iter()
        .chain(rules::optional_roles(c.level))
        .copied()
        .collect();
    for p in &c.participants {
        if !roles.contains(&p.role) {
            roles.push(p.role);
        }
    }
    roles
}

impl ConversationEditor {
    /// Opens `conversation` with `agreements` (made in it, and earlier open ones it reviews).
    pub fn open(
        student: &Student,
        conversation: &Conversation,
        agreements: Vec<Agreement>,
        is_new: bool,
        today: NaiveDate,
    ) -> ConversationEditor {
        let c = conversation;
        let mut fields = vec![
            Field::line(
                FieldId::Date,
                &format_date(c.planned_at.date()),
                Check::Date { required: true },
            ),
            Field::line(
                FieldId::Time,
                &format_time(c.planned_at.time()),
                Check::Time,
            ),
            Field::line(FieldId::Place, &c.place, Check::Free),
            Field::choice(
                FieldId::Initiator,
                Initiator::ALL.map(Choice::Initiator).to_vec(),
                Choice::Initiator(c.initiated_by),
            ),
        ];
        for role in participant_roles(c) {
            let p = c.participant(role);
            fields.push(Field::ticked(
                FieldId::Participant(role),
                p.map_or("", |p| p.name.as_str()),
                p.is_some_and(|p| p.attended),
            ));
        }
        let roles: Vec<Choice> = Role::ALL.map(Choice::Role).to_vec();
        // The agreement names the minute-taker for each type: shown, not chosen. The
        // meeting leader is the user's choice.
        let taker = Choice::Role(rules::minute_taker_role(c.level));
        fields.extend([
            Field::choice(
                FieldId::MeetingLeader,
                roles,
                Choice::Role(c.meeting_leader),
            ),
            Field::choice(FieldId::MinuteTaker, vec![taker], taker),
            Field::choice(
                FieldId::Held,
                vec![Choice::Held(false), Choice::Held(true)],
                Choice::Held(c.state.held_on().is_some()),
            ),
            Field::multi(FieldId::Welcome, &c.minutes.welcome),
            Field::multi(FieldId::LearningNeeds, &c.minutes.learning_needs),
            Field::multi(FieldId::WorkplaceSecures, &c.minutes.workplace_secures),
            Field::multi(FieldId::StudentCommits, &c.minutes.student_commits),
            Field::multi(FieldId::Measures, &c.minutes.measures),
            Field {
                id: FieldId::Agreements,
                kind: FieldKind::Agreements(AgreementList {
                    items: agreements,
                    selected: 0,
                    conversation: Some(c.id),
                }),
                error: None,
            },
            Field::line(
                FieldId::FollowUp,
                &c.follow_up.map(format_date).unwrap_or_default(),
                Check::Date { required: false },
            ),
            Field::choice(
                FieldId::NextLevel,
                vec![
                    Choice::Level(None),
                    Choice::Level(Some(Level::One)),
                    Choice::Level(Some(Level::Two)),
                    Choice::Level(Some(Level::Three)),
                ],
                Choice::Level(c.next_level),
            ),
            Field::line(FieldId::NextLevelReason, &c.next_level_reason, Check::Free),
            Field::multi(FieldId::NewDateNote, &c.minutes.new_date_note),
            Field::multi(FieldId::DistributionNote, &c.minutes.distribution_note),
            Field::multi(FieldId::Closing, &c.minutes.closing),
        ]);
        let mut form = Form::new(fields);
        form.set_read_only(!c.state.is_editable());
        let mut editor = ConversationEditor {
            student: student.clone(),
            original: (!is_new).then(|| c.clone()),
            base: c.clone(),
            form,
            dirty: false,
            agreement: None,
            missing: Vec::new(),
        };
        editor.form.validate(today);
        editor.refresh(today);
        editor
    }

    /// The conversation's id.
    pub fn id(&self) -> ConversationId {
        self.base.id
    }

    /// The agreements shown in the editor.
    pub fn agreements(&self) -> &[Agreement] {
        match self.form.field(FieldId::Agreements).map(|f| &f.kind) {
            Some(FieldKind::Agreements(list)) => &list.items,
            _ => &[],
        }
    }

    /// The agreement list, for changing.
    pub fn agreement_list_mut(&mut self) -> Option<&mut AgreementList> {
        match self
            .form
            .field_mut(FieldId::Agreements)
            .map(|f| &mut f.kind)
        {
            Some(FieldKind::Agreements(list)) => Some(list),
            _ => None,
        }
    }

    /// The conversation as typed so far, using the stored values where a field does not
    /// (yet) read; used to show what is missing while the user types.
    pub fn preview(&self, today: NaiveDate) -> Conversation {
        let f = &self.form;
        let mut c = self.base.clone();
        let date = f.date(FieldId::Date, today).unwrap_or(c.planned_at.date());
        let time = dates::parse_time(&f.text(FieldId::Time)).unwrap_or(c.planned_at.time());
        c.planned_at = NaiveDateTime::new(date, time);
        c.place = text_of(f, FieldId::Place);
        if let Some(Choice::Initiator(i)) = f.choice(FieldId::Initiator) {
            c.initiated_by = i;
        }
        c.participants = f
            .fields
            .iter()
            .filter_map(|field| match field.id {
                FieldId::Participant(role) => Some(crate::domain::Participant {
                    role,
                    name: field.text().trim().to_string(),
                    attended: field.is_ticked(),
                }),
                _ => None,
            })
            .filter(|p| !p.name.is_empty() || rules::required_roles(c.level).contains(&p.role))
            .collect();
        if let Some(Choice::Role(r)) = f.choice(FieldId::MeetingLeader) {
            c.meeting_leader = r;
        }
        c.minute_taker = rules::minute_taker_role(c.level);
        if c.state.is_editable() {
            c.state = match f.choice(FieldId::Held) {
                Some(Choice::Held(true)) => ConversationState::Held { on: date },
                _ => ConversationState::Planned,
            };
        }
        // Attendance is ticked when the meeting is held; a planned one lists the invited.
        if c.state == ConversationState::Planned {
            for p in &mut c.participants {
                p.attended = false;
            }
        }
        let m = &mut c.minutes;
        m.welcome = f.text(FieldId::Welcome);
        m.learning_needs = f.text(FieldId::LearningNeeds);
        m.workplace_secures = f.text(FieldId::WorkplaceSecures);
        m.student_commits = f.text(FieldId::StudentCommits);
        m.measures = f.text(FieldId::Measures);
        m.new_date_note = f.text(FieldId::NewDateNote);
        m.distribution_note = f.text(FieldId::DistributionNote);
        m.closing = f.text(FieldId::Closing);
        c.follow_up = f.date(FieldId::FollowUp, today);
        if let Some(Choice::Level(l)) = f.choice(FieldId::NextLevel) {
            c.next_level = l;
        }
        c.next_level_reason = text_of(f, FieldId::NextLevelReason);
        c
    }

    /// The conversation and agreements to save, or the first field that is not accepted.
    pub fn to_conversation(
        &mut self,
        today: NaiveDate,
    ) -> Result<(Conversation, Vec<Agreement>), FieldId> {
        let fields_ok = self.form.validate(today);
        let held_ok = self.check_held(today);
        if !fields_ok || !held_ok {
            return Err(self.form.first_error().map_or(FieldId::Date, |f| f.id));
        }
        Ok((self.preview(today), self.agreements().to_vec()))
    }

    /// Whether the meeting is held, by what is typed (finalized minutes always are).
    pub fn is_held(&self) -> bool {
        self.form.choice(FieldId::Held) == Some(Choice::Held(true))
            || matches!(self.base.state, ConversationState::Finalized { .. })
    }

    /// A meeting cannot be held before its day: marks the "held" choice with the date from
    /// which it can be, while the typed date lies ahead of `today`. True when all is well.
    fn check_held(&mut self, today: NaiveDate) -> bool {
        let held = self.form.choice(FieldId::Held) == Some(Choice::Held(true));
        let date = self
            .form
            .date(FieldId::Date, today)
            .unwrap_or(self.base.planned_at.date());
        let Some(field) = self.form.field_mut(FieldId::Held) else {
            return true;
        };
        if held && self.base.state.is_editable() && !rules::may_be_held(date, today) {
            field.error = Some(FieldError::NotHeldYet(date));
            false
        } else {
            field.error = None;
            true
        }
    }

    /// After a save, dates and times typed as "+3" or "i morgen" show as what they were
    /// understood to be: the values stored.
    pub fn show_saved_dates(&mut self, stored: &Conversation) {
        let texts = [
            (FieldId::Date, format_date(stored.planned_at.date())),
            (FieldId::Time, format_time(stored.planned_at.time())),
            (
                FieldId::FollowUp,
                stored.follow_up.map(format_date).unwrap_or_default(),
            ),
        ];
        for (id, text) in texts {
            if let Some(field) = self.form.field_mut(id)
                && field.text().trim() != text
            {
                field.set_text(&text);
            }
        }
    }

    /// The user set "held" on the held field itself while the meeting's day lies ahead:
    /// refused, the choice goes back to planned (everything typed stays), and the day is
    /// returned so the refusal can say when it can be registered.
    pub fn refuse_early_held(&mut self, today: NaiveDate) -> Option<NaiveDate> {
        let on_held = self.form.focused().map(|f| f.id) == Some(FieldId::Held);
        let held = self.form.choice(FieldId::Held) == Some(Choice::Held(true));
        let ahead = self.meeting_ahead(today)?;
        if !(on_held && held && self.base.state.is_editable()) {
            return None;
        }
        if let Some(field) = self.form.field_mut(FieldId::Held) {
            field.set_choice(Choice::Held(false));
        }
        Some(ahead)
    }

    /// The day the meeting is planned for, if the date typed reads and lies after `today`:
    /// it cannot be registered as held yet.
    pub fn meeting_ahead(&self, today: NaiveDate) -> Option<NaiveDate> {
        let date = self
            .form
            .date(FieldId::Date, today)
            .unwrap_or(self.base.planned_at.date());
        (!rules::may_be_held(date, today)).then_some(date)
    }

    /// Recomputes what finalizing still needs.
    pub fn refresh(&mut self, today: NaiveDate) {
        self.check_held(today);
        let preview = self.preview(today);
        self.missing =
            rules::missing_for_finalize(&preview, self.agreements(), self.student.level, today);
    }

    /// Writing minutes on or after the meeting's day means it is being held: marks the
    /// conversation held (once) and says so. Agendas written ahead stay planned.
    pub fn note_minutes_written(&mut self, today: NaiveDate) -> bool {
        let writing = matches!(
            self.form.focused().map(|f| f.id),
            Some(
                FieldId::Welcome
                    | FieldId::LearningNeeds
                    | FieldId::WorkplaceSecures
                    | FieldId::StudentCommits
                    | FieldId::Measures
                    | FieldId::NewDateNote
                    | FieldId::DistributionNote
                    | FieldId::Closing
            )
        );
        let held = self.form.choice(FieldId::Held) == Some(Choice::Held(true));
        let day = self
            .form
            .date(FieldId::Date, today)
            .unwrap_or(self.base.planned_at.date());
        if !writing || held || self.base.state != ConversationState::Planned || day > today {
            return false;
        }
        if let Some(field) = self.form.field_mut(FieldId::Held) {
            field.set_choice(Choice::Held(true));
        }
        true
    }

    /// The field where the user fixes `missing`.
    pub fn field_for(missing: &Missing) -> FieldId {
        match missing {
            Missing::NotHeld => FieldId::Held,
            Missing::MeetingAhead { .. } => FieldId::Date,
            Missing::Attendance => FieldId::Participant(Role::Student),
            Missing::Participant(role) => FieldId::Participant(*role),
            Missing::MinuteTaker { .. } => FieldId::MinuteTaker,
            Missing::LearningNeeds => FieldId::LearningNeeds,
            Missing::WorkplaceSecures => FieldId::WorkplaceSecures,
            Missing::StudentCommits => FieldId::StudentCommits,
            Missing::Agreement => FieldId::Agreements,
            Missing::FollowUpDate | Missing::FollowUpNotAfterConversation => FieldId::FollowUp,
            Missing::NextLevel => FieldId::NextLevel,
            Missing::NextLevelReason { .. } => FieldId::NextLevelReason,
        }
    }
}

/// Adding or editing one agreement inside the conversation editor.
#[derive(Clone, Debug)]
pub struct AgreementEditor {
    /// The agreement as it was; its id, student and conversation links are kept.
    pub base: Agreement,
    /// Position in the editor's list; `None` for a new agreement.
    pub index: Option<usize>,
    pub form: Form,
}

impl AgreementEditor {
    /// A form for `agreement`.
    pub fn new(agreement: Agreement, index: Option<usize>) -> AgreementEditor {
        let a = &agreement;
        let form = Form::new(vec![
            Field::multi(FieldId::AgreementText, &a.text),
            Field::choice(
                FieldId::AgreementOwner,
                AgreementOwner::ALL.map(Choice::Owner).to_vec(),
                Choice::Owner(a.owner),
            ),
            Field::line(FieldId::AgreementOwnerName, &a.owner_name, Check::Free),
            Field::line(
                FieldId::AgreementDue,
                &a.due.map(format_date).unwrap_or_default(),
                Check::Date { required: false },
            ),
            Field::choice(
                FieldId::AgreementStatus,
                AgreementStatus::ALL.map(Choice::AgreementStatus).to_vec(),
                Choice::AgreementStatus(a.status),
            ),
        ]);
        AgreementEditor {
            base: agreement,
            index,
            form,
        }
    }

    /// A blank agreement made at `conversation`.
    pub fn blank(
        id: AgreementId,
        student: StudentId,
        conversation: ConversationId,
    ) -> AgreementEditor {
        AgreementEditor::new(
            Agreement {
                id,
                student,
                text: String::new(),
                owner: AgreementOwner::Student,
                owner_name: String::new(),
                due: None,
                status: AgreementStatus::Open,
                made_in: conversation,
                reviewed_in: None,
            },
            None,
        )
    }

    /// The agreement as typed, or the first field not accepted.
    pub fn to_agreement(&mut self, today: NaiveDate) -> Result<Agreement, FieldId> {
        if !self.form.validate(today) {
            return Err(self
                .form
                .first_error()
                .map_or(FieldId::AgreementText, |f| f.id));
        }
        let text = self.form.text(FieldId::AgreementText).trim().to_string();
        if text.is_empty() {
            if let Some(f) = self.form.field_mut(FieldId::AgreementText) {
                f.error = Some(FieldError::Required);
            }
            return Err(FieldId::AgreementText);
        }
        let mut a = self.base.clone();
        a.text = text;
        if let Some(Choice::Owner(o)) = self.form.choice(FieldId::AgreementOwner) {
            a.owner = o;
        }
        a.owner_name = self
            .form
            .text(FieldId::AgreementOwnerName)
            .trim()
            .to_string();
        a.due = self.form.date(FieldId::AgreementDue, today);
        if let Some(Choice::AgreementStatus(s)) = self.form.choice(FieldId::AgreementStatus) {
            a.status = s;
        }
        Ok(a)
    }
}

/// What a free-text prompt is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PromptKind {
    Escalate {
        from: Level,
        to: Level,
    },
    Deescalate {
        from: Level,
        to: Level,
    },
    Note,
    Addendum(ConversationId),
    CancelConversation(ConversationId),
    /// Erasing the student: the full name must be typed to confirm.
    Erase,
    /// The path of a CSV file of students to import.
    ImportFile,
}

/// Asks for a reason or a note.
#[derive(Clone, Debug)]
pub struct Prompt {
    pub kind: PromptKind,
    pub student: StudentId,
    pub form: Form,
}

impl Prompt {
    /// An empty prompt; notes and addenda take several lines, reasons one.
    pub fn new(kind: PromptKind, student: StudentId) -> Prompt {
        let field = match kind {
            PromptKind::Note | PromptKind::Addendum(_) => Field::multi(FieldId::Text, ""),
            _ => Field::line(FieldId::Text, "", Check::Required).wrapping(),
        };
        Prompt {
            kind,
            student,
            form: Form::new(vec![field]),
        }
    }

    /// The text typed.
    pub fn text(&self) -> String {
        self.form.text(FieldId::Text).trim().to_string()
    }

    /// Whether closing the prompt would throw away writing worth keeping: a reason or a
    /// note. The name typed to confirm an erasure is not; it is never saved or journaled.
    pub fn holds_text(&self) -> bool {
        !matches!(self.kind, PromptKind::Erase | PromptKind::ImportFile) && !self.text().is_empty()
    }
}

/// How long to snooze a reminder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SnoozeChoice {
    OneDay,
    OneWeek,
    Until,
}

/// Choosing how long to snooze a reminder.
#[derive(Clone, Debug)]
pub struct SnoozeDialog {
    pub key: ReminderKey,
    pub student_name: String,
    pub choice: SnoozeChoice,
    pub date: Field,
}

impl SnoozeDialog {
    /// A dialog for `key`, with the date field proposing two weeks ahead.
    pub fn new(key: ReminderKey, student_name: String, today: NaiveDate) -> SnoozeDialog {
        SnoozeDialog {
            key,
            student_name,
            choice: SnoozeChoice::OneDay,
            date: Field::line(
                FieldId::Text,
                &format_date(today + Duration::days(14)),
                Check::Date { required: true },
            ),
        }
    }

    /// The day the reminder comes back, or the error in the date field.
    pub fn until(&mut self, today: NaiveDate) -> Result<NaiveDate, FieldError> {
        match self.choice {
            SnoozeChoice::OneDay => Ok(today + Duration::days(1)),
            SnoozeChoice::OneWeek => Ok(today + Duration::days(7)),
            SnoozeChoice::Until => {
                self.date.validate(today);
                if let Some(e) = self.date.error {
                    return Err(e);
                }
                match dates::parse_date(&self.date.text(), today) {
                    Ok(d) if d > today => Ok(d),
                    Ok(_) => {
                        self.date.error = Some(FieldError::NotAfterToday);
                        Err(FieldError::NotAfterToday)
                    }
                    Err(e) => Err(FieldError::Date(e)),
                }
            }
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

    #[test]
    fn a_conversation_round_trips_through_the_editor() {
        let c0 = case();
        let conv = c0.plan_conversation(
            ConversationId(4),
            Level::Two,
            day(12, 1).and_hms_opt(13, 30, 0).unwrap(),
        );
        let mut e = ConversationEditor::open(&c0.student, &conv, vec![], true, day(11, 23));
        let (out, agreements) = e.to_conversation(day(11, 23)).unwrap();
        assert_eq!(out, conv);
        assert!(agreements.is_empty());
        // Planned for 01.12, opened on 23.11: it cannot have been held yet.
        assert!(
            e.missing
                .contains(&Missing::MeetingAhead { on: day(12, 1) })
        );
    }

    #[test]
    fn marking_held_and_typing_minutes_updates_what_is_missing() {
        let c0 = case();
        let conv = c0.plan_conversation(
            ConversationId(4),
            Level::One,
            day(11, 23).and_hms_opt(9, 0, 0).unwrap(),
        );
        let mut e = ConversationEditor::open(&c0.student, &conv, vec![], true, day(11, 23));
        e.form
            .field_mut(FieldId::Held)
            .unwrap()
            .set_choice(Choice::Held(true));
        e.form
            .field_mut(FieldId::LearningNeeds)
            .unwrap()
            .set_text("Fagsprog");
        e.refresh(day(11, 23));
        assert!(!e.missing.contains(&Missing::NotHeld));
        assert!(!e.missing.contains(&Missing::LearningNeeds));
        assert!(e.missing.contains(&Missing::WorkplaceSecures));
    }

    #[test]
    fn a_bad_follow_up_date_blocks_saving_and_names_the_field() {
        let c0 = case();
        let conv = c0.plan_conversation(
            ConversationId(4),
            Level::One,
            day(11, 23).and_hms_opt(9, 0, 0).unwrap(),
        );
        let mut e = ConversationEditor::open(&c0.student, &conv, vec![], true, day(11, 23));
        e.form
            .field_mut(FieldId::FollowUp)
            .unwrap()
            .set_text("32.12.2026");
        assert_eq!(e.to_conversation(day(11, 23)), Err(FieldId::FollowUp));
        assert_eq!(e.form.text(FieldId::FollowUp), "32.12.2026");
    }

    #[test]
    fn snoozing_until_a_past_day_is_refused() {
        let key = ReminderKey {
            kind: crate::domain::reminders::DueKind::Conversation,
            subject: 1,
            date: day(11, 23),
        };
        let mut d = SnoozeDialog::new(key, "x".into(), day(11, 23));
        assert_eq!(d.until(day(11, 23)), Ok(day(11, 24)));
        d.choice = SnoozeChoice::Until;
        d.date.set_text("01.11.2026");
        assert_eq!(d.until(day(11, 23)), Err(FieldError::NotAfterToday));
        d.date.set_text("+3u");
        assert_eq!(d.until(day(11, 23)), Ok(day(12, 14)));
    }
}
