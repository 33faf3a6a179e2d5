//! A generic form: labelled fields the user moves between with Tab, each holding a text
//! area, a choice or a list. Student records, conversations, agreements and prompts are all
//! forms, so typing, validation, rendering and draft journaling work the same everywhere.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use serde::{Deserialize, Serialize};

use crate::domain::dates::{self, DateError};
use crate::domain::{
    Agreement, AgreementOwner, AgreementStatus, FocusKind, Initiator, Level, Programme, Role,
    StudentStatus,
};

/// Identifies a field across every form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FieldId {
    // Student record
    Name,
    Programme,
    Start,
    ExpectedEnd,
    School,
    Workplace,
    Unit,
    Employer,
    Supervisor,
    EducationOfficer,
    Focus(FocusKind),
    Status,
    // Conversation header
    Date,
    Time,
    Place,
    Initiator,
    Participant(Role),
    MeetingLeader,
    MinuteTaker,
    Held,
    // Agenda items
    Welcome,
    LearningNeeds,
    WorkplaceSecures,
    StudentCommits,
    Measures,
    Agreements,
    FollowUp,
    NextLevel,
    NextLevelReason,
    NewDateNote,
    DistributionNote,
    Closing,
    // Agreement
    AgreementText,
    AgreementOwner,
    AgreementDue,
    AgreementStatus,
    // Prompts
    Text,
    // Address book
    OrgName,
    OrgKind,
    OrgMail,
    // Who is using Fokus (new variants go last: drafts store these ids)
    UserName,
    UserRole,
    // Agreement, continued
    AgreementOwnerName,
    // Student record, continued: the course
    SchoolPeriods,
    EndedOn,
    Cause,
    // The team file (samarbejdsmodellen)
    Coordinator,
    ConsentShares,
    ConsentParties,
    ConsentGiven,
    ConsentUntil,
    ConsentWithdrawn,
    MemberName,
    MemberOrganisation,
    MemberRole,
    MemberTie,
    MemberCircle,
    GoalArea,
    GoalText,
    GoalStatus,
    GoalReviewed,
    /// Ticked when the agreement serves the goal or intervention edited.
    LinkAgreement(crate::domain::AgreementId),
    /// Ticked when the intervention (by id) serves the sub-goal edited.
    LinkIntervention(u64),
    InterventionKind,
    InterventionProvider,
    InterventionNote,
    InterventionFrom,
    InterventionTo,
    InterventionStatus,
    MeetingOn,
    MeetingParticipants,
    MeetingGoalsReviewed,
    MeetingInterventionsChanged,
    MeetingNext,
    MeetingNote,
}

/// A value a choice field can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Choice {
    Programme(Programme),
    Status(StudentStatus),
    Initiator(Initiator),
    Role(Role),
    Level(Option<Level>),
    Owner(AgreementOwner),
    AgreementStatus(AgreementStatus),
    Held(bool),
    OrgKind(crate::domain::OrgKind),
    /// Why a student dropped out; `None` while not chosen.
    Cause(Option<crate::domain::DropoutCause>),
    Tie(crate::domain::cooperation::Tie),
    Circle(crate::domain::cooperation::Circle),
    GoalArea(crate::domain::cooperation::GoalArea),
    GoalStatus(crate::domain::cooperation::GoalStatus),
    InterventionKind(crate::domain::InterventionKind),
    InterventionStatus(crate::domain::InterventionStatus),
    YesNo(bool),
}

/// What a text field accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// Anything, including nothing.
    Free,
    /// Must not be empty.
    Required,
    /// A date; `required` says whether it may be left empty.
    Date { required: bool },
    /// A clock time.
    Time,
    /// School periods, `01.03.2027–14.03.2027; …`.
    Periods,
    /// Text that must not hold a CPR number; `required` says whether it may be empty.
    NoCpr { required: bool },
    /// Dates separated by `;` or `,` (days a goal was reviewed).
    Dates,
}

/// Why a field's text is not accepted. The text itself is always kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldError {
    Required,
    Date(DateError),
    Time(DateError),
    /// An end date before the start date.
    BeforeStart,
    /// A day that must lie ahead of today.
    NotAfterToday,
    /// Not an e-mail address.
    Mail,
    /// A meeting marked held before its day (the day it can be registered from).
    NotHeldYet(NaiveDate),
    /// A dropout without its cause.
    CauseNeeded,
    /// Text that looks like a CPR number, which is never kept.
    Cpr,
}

/// The agreements shown in a conversation editor: those made there and those it reviews.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AgreementList {
    pub items: Vec<Agreement>,
    pub selected: usize,
    /// The conversation being edited; agreements made elsewhere are earlier ones it reviews.
    pub conversation: Option<crate::domain::ConversationId>,
}

/// The kind of input a field holds.
#[derive(Clone, Debug)]
pub enum FieldKind {
    /// One line of text; Enter moves to the next field.
    Line {
        area: TextArea<'static>,
        check: Check,
    },
    /// Free text over several lines; Enter starts a new line.
    Multi { area: TextArea<'static> },
    /// One of a fixed set of values, cycled with Space or the arrow keys.
    Choice {
        options: Vec<Choice>,
        selected: usize,
    },
    /// A line of text with a tick box (attended, focus area chosen).
    Ticked {
        area: TextArea<'static>,
        ticked: bool,
    },
    /// The agreements of a conversation.
    Agreements(AgreementList),
}

/// One labelled field.
#[derive(Clone, Debug)]
pub struct Field {
    pub id: FieldId,
    pub kind: FieldKind,
    pub error: Option<FieldError>,
}

/// A field's content as a plain value, for the draft journal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    Text(String),
    Choice(Choice),
    Ticked(String, bool),
    Agreements(Vec<Agreement>),
}

/// What a key did inside a field, for the form to act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldOutcome {
    /// The field's value changed.
    Changed,
    /// Nothing changed (a cursor move, or a key the field ignores).
    Unchanged,
    /// Enter in a one-line field: move on.
    Next,
    /// A printable key where nothing can be typed.
    NotTypable,
}

fn text_area(text: &str, multi: bool) -> TextArea<'static> {
    let lines: Vec<String> = if multi {
        // split, not lines: a final line break is kept, so typing goes on a new line.
        text.replace("\r\n", "\n")
            .split('\n')
            .map(str::to_string)
            .collect()
    } else {
        vec![text.replace(['\n', '\r'], " ")]
    };
    let mut area = TextArea::new(lines);
    area.set_cursor_line_style(ratatui::style::Style::default());
    area.set_wrap_mode(if multi {
        WrapMode::WordOrGlyph
    } else {
        WrapMode::None
    });
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area
}

impl Field {
    /// A one-line text field.
    pub fn line(id: FieldId, text: &str, check: Check) -> Field {
        Field {
            id,
            kind: FieldKind::Line {
                area: text_area(text, false),
                check,
            },
            error: None,
        }
    }

    /// This one-line field wraps its text onto more rows instead of scrolling sideways
    /// (a reason in a prompt); Enter still moves on.
    pub fn wrapping(mut self) -> Field {
        if let FieldKind::Line { area, .. } = &mut self.kind {
            area.set_wrap_mode(WrapMode::WordOrGlyph);
        }
        self
    }

    /// A multi-line text field.
    pub fn multi(id: FieldId, text: &str) -> Field {
        Field {
            id,
            kind: FieldKind::Multi {
                area: text_area(text, true),
            },
            error: None,
        }
    }

    /// A choice among `options`, starting at `current` (the first option if absent).
    pub fn choice(id: FieldId, options: Vec<Choice>, current: Choice) -> Field {
        let selected = options.iter().position(|o| *o == current).unwrap_or(0);
        Field {
            id,
            kind: FieldKind::Choice { options, selected },
            error: None,
        }
    }

    /// A text line with a tick box.
    pub fn ticked(id: FieldId, text: &str, ticked: bool) -> Field {
        Field {
            id,
            kind: FieldKind::Ticked {
                area: text_area(text, false),
                ticked,
            },
            error: None,
        }
    }

    /// The field's text (all lines joined by newlines), or "" for non-text fields.
    pub fn text(&self) -> String {
        match &self.kind {
            FieldKind::Line { area, .. }
            | FieldKind::Multi { area }
            | FieldKind::Ticked { area, .. } => area.lines().join("\n"),
            _ => String::new(),
        }
    }

    /// The text area, for text fields.
    pub fn area(&self) -> Option<&TextArea<'static>> {
        match &self.kind {
            FieldKind::Line { area, .. }
            | FieldKind::Multi { area }
            | FieldKind::Ticked { area, .. } => Some(area),
            _ => None,
        }
    }

    fn area_mut(&mut self) -> Option<&mut TextArea<'static>> {
        match &mut self.kind {
            FieldKind::Line { area, .. }
            | FieldKind::Multi { area }
            | FieldKind::Ticked { area, .. } => Some(area),
            _ => None,
        }
    }

    /// Replaces the text of a text field, keeping the cursor at the end.
    pub fn set_text(&mut self, text: &str) {
        let multi = matches!(self.kind, FieldKind::Multi { .. });
        if let Some(area) = self.area_mut() {
            let cursor = area.cursor_style();
            *area = text_area(text, multi);
            area.set_cursor_style(cursor);
        }
    }

    /// The chosen value, for choice fields.
    pub fn choice_value(&self) -> Option<Choice> {
        match &self.kind {
            FieldKind::Choice { options, selected } => options.get(*selected).copied(),
            _ => None,
        }
    }

    /// Selects `value` in a choice field if it is one of the options.
    pub fn set_choice(&mut self, value: Choice) {
        if let FieldKind::Choice { options, selected } = &mut self.kind
            && let Some(i) = options.iter().position(|o| *o == value)
        {
            *selected = i;
        }
    }

    /// Whether the tick box is ticked, for ticked fields.
    pub fn is_ticked(&self) -> bool {
        matches!(self.kind, FieldKind::Ticked { ticked: true, .. })
    }

    /// The text selected in a text field, if any.
    pub fn selected_text(&self) -> Option<String> {
        let area = self.area()?;
        let ((r0, c0), (r1, c1)) = area.selection_range()?;
        let lines = area.lines();
        let mut out = String::new();
        let last = r1.min(lines.len().saturating_sub(1));
        for (row, text) in lines.iter().enumerate().take(last + 1).skip(r0) {
            let line: Vec<char> = text.chars().collect();
            let from = if row == r0 { c0.min(line.len()) } else { 0 };
            let to = if row == r1 {
                c1.min(line.len())
            } else {
                line.len()
            };
            if row > r0 {
                out.push('\n');
            }
            out.extend(&line[from..to.max(from)]);
        }
        (!out.is_empty()).then_some(out)
    }

    /// Whether the field only shows a value that cannot be changed (a choice of one, such
    /// as the minute-taker the agreement names); Tab passes it by.
    pub fn is_fixed(&self) -> bool {
        matches!(&self.kind, FieldKind::Choice { options, .. } if options.len() <= 1)
    }

    /// Whether printable keys are typed into this field.
    pub fn takes_text(&self) -> bool {
        self.area().is_some()
    }

    /// Ticks or unticks a tick box; steps a choice forward.
    pub fn toggle(&mut self) -> bool {
        match &mut self.kind {
            FieldKind::Ticked { ticked, .. } => {
                *ticked = !*ticked;
                true
            }
            FieldKind::Choice { .. } => self.cycle(1),
            _ => false,
        }
    }

    /// Moves a choice `step` options on, wrapping around.
    pub fn cycle(&mut self, step: isize) -> bool {
        if let FieldKind::Choice { options, selected } = &mut self.kind
            && !options.is_empty()
        {
            let n = options.len() as isize;
            *selected = ((*selected as isize + step).rem_euclid(n)) as usize;
            return true;
        }
        false
    }

    /// Handles a key press that no binding claimed.
    pub fn key(&mut self, key: KeyEvent) -> FieldOutcome {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let focus_area = matches!(self.id, FieldId::Focus(_));
        match &mut self.kind {
            FieldKind::Ticked { area, ticked } => {
                if key.code == KeyCode::Enter {
                    return FieldOutcome::Next;
                }
                if key.modifiers.contains(KeyModifiers::CONTROL)
                    && matches!(key.code, KeyCode::Char('m' | 'j'))
                {
                    return FieldOutcome::Unchanged;
                }
                let was_empty = area.is_empty();
                let outcome = changed(area.input(key));
                // Describing a focus area means it applies. (Typing a participant's name
                // invites them; attendance is ticked only once the meeting is held.)
                if focus_area && was_empty && !area.is_empty() {
                    *ticked = true;
                }
                outcome
            }
            FieldKind::Line { area, .. } => {
                if key.code == KeyCode::Enter {
                    return FieldOutcome::Next;
                }
                // Ctrl-M and Ctrl-J would insert a line break into a one-line field.
                if key.modifiers.contains(KeyModifiers::CONTROL)
                    && matches!(key.code, KeyCode::Char('m' | 'j'))
                {
                    return FieldOutcome::Unchanged;
                }
                changed(area.input(key))
            }
            // Ctrl-J is a line feed, which is what some terminals send for a line break
            // (a pasted text arriving as keys, Shift-Enter): a new line, never the
            // editing shortcut that deletes back to the start of the line.
            FieldKind::Multi { area } if is_line_feed(&key) => {
                area.insert_newline();
                FieldOutcome::Changed
            }
            FieldKind::Multi { area } => changed(area.input(key)),
            FieldKind::Choice { .. } => match key.code {
                KeyCode::Char(' ') | KeyCode::Right | KeyCode::Char('+') => changed(self.cycle(1)),
                KeyCode::Left | KeyCode::Char('-') => changed(self.cycle(-1)),
                KeyCode::Enter => FieldOutcome::Next,
                KeyCode::Char(_) if plain => FieldOutcome::NotTypable,
                _ => FieldOutcome::Unchanged,
            },
            FieldKind::Agreements(_) => match key.code {
                KeyCode::Char(_) if plain => FieldOutcome::NotTypable,
                _ => FieldOutcome::Unchanged,
            },
        }
    }

    /// Inserts pasted text; one-line fields get it on one line. As with typing, describing
    /// a focus area ticks it.
    pub fn paste(&mut self, text: &str) -> bool {
        let multi = matches!(self.kind, FieldKind::Multi { .. });
        let focus_area = matches!(self.id, FieldId::Focus(_));
        let Some(area) = self.area_mut() else {
            return false;
        };
        let was_empty = area.is_empty();
        let clean = text.replace("\r\n", "\n").replace('\r', "\n");
        let changed = if multi {
            area.insert_str(clean)
        } else {
            area.insert_str(clean.replace('\n', " "))
        };
        let described = !area.is_empty();
        if let FieldKind::Ticked { ticked, .. } = &mut self.kind
            && focus_area
            && was_empty
            && described
        {
            *ticked = true;
        }
        changed
    }

    /// Moves the cursor of a text field (arrow keys and the like, when bound elsewhere).
    pub fn move_cursor(&mut self, m: CursorMove) {
        if let Some(area) = self.area_mut() {
            area.move_cursor(m);
        }
    }

    /// Checks the field's text and records why it is not accepted.
    pub fn validate(&mut self, today: NaiveDate) {
        self.error = match &self.kind {
            FieldKind::Line { check, .. } => check_text(*check, &self.text(), today).err(),
            _ => None,
        };
    }
}

/// Whether `key` is Ctrl-J, a line feed as a terminal reports it.
pub fn is_line_feed(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char('j') && key.modifiers == KeyModifiers::CONTROL
}

fn changed(modified: bool) -> FieldOutcome {
    if modified {
        FieldOutcome::Changed
    } else {
        FieldOutcome::Unchanged
    }
}

fn check_text(check: Check, text: &str, today: NaiveDate) -> Result<(), FieldError> {
    match check {
        Check::Free => Ok(()),
        Check::Required if text.trim().is_empty() => Err(FieldError::Required),
        Check::Required => Ok(()),
        Check::Date { required } => match dates::parse_date(text, today) {
            Ok(_) => Ok(()),
            Err(DateError::Empty) if !required => Ok(()),
            Err(DateError::Empty) => Err(FieldError::Required),
            Err(e) => Err(FieldError::Date(e)),
        },
        Check::Time => dates::parse_time(text)
            .map(|_| ())
            .map_err(FieldError::Time),
        Check::Periods => crate::domain::course::parse_periods(text, today)
            .map(|_| ())
            .map_err(FieldError::Date),
        Check::NoCpr { .. } if crate::domain::cooperation::looks_like_cpr(text) => {
            Err(FieldError::Cpr)
        }
        Check::NoCpr { required: true } if text.trim().is_empty() => Err(FieldError::Required),
        Check::NoCpr { .. } => Ok(()),
        Check::Dates => parse_dates(text, today)
            .map(|_| ())
            .map_err(FieldError::Date),
    }
}

/// Dates separated by `;`, `,` or line breaks, in order; nothing typed is no dates.
pub fn parse_dates(text: &str, today: NaiveDate) -> Result<Vec<NaiveDate>, DateError> {
    let mut out = text
        .split([';', ',', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| dates::parse_date(p, today))
        .collect::<Result<Vec<_>, _>>()?;
    out.sort();
    out.dedup();
    Ok(out)
}

/// A set of fields with one in focus.
#[derive(Clone, Debug)]
pub struct Form {
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Set when the record is locked (finalized minutes): nothing can be typed.
    pub read_only: bool,
}

impl Form {
    /// A form over `fields`, focus on the first.
    pub fn new(fields: Vec<Field>) -> Form {
        let mut form = Form {
            fields,
            focus: 0,
            read_only: false,
        };
        form.restyle();
        form
    }

    /// Locks or unlocks the form.
    pub fn set_read_only(&mut self, read_only: bool) {
        self.read_only = read_only;
        self.restyle();
    }

    /// Shows the text cursor in the focused field only, and nowhere in a locked form. A
    /// date or time field is selected as a whole when it gets focus, so typing replaces it
    /// (a proposed date is usually retyped, not edited).
    fn restyle(&mut self) {
        let focus = self.focus;
        let locked = self.read_only;
        for (i, field) in self.fields.iter_mut().enumerate() {
            let whole = matches!(
                field.kind,
                FieldKind::Line {
                    check: Check::Date { .. } | Check::Time,
                    ..
                }
            );
            if let Some(area) = field.area_mut() {
                if i == focus && whole && !locked && !area.is_empty() {
                    area.select_all();
                } else {
                    area.cancel_selection();
                }
                let style = if i == focus && !locked {
                    ratatui::style::Style::default()
                        .add_modifier(ratatui::style::Modifier::REVERSED)
                } else {
                    ratatui::style::Style::default()
                };
                area.set_cursor_style(style);
            }
        }
    }

    /// The field in focus.
    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// The field in focus, for changing.
    pub fn focused_mut(&mut self) -> Option<&mut Field> {
        self.fields.get_mut(self.focus)
    }

    /// The field with `id`.
    pub fn field(&self, id: FieldId) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The field with `id`, for changing.
    pub fn field_mut(&mut self, id: FieldId) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.id == id)
    }

    /// The text of field `id`, trimmed at the end; "" if there is no such field.
    pub fn text(&self, id: FieldId) -> String {
        self.field(id)
            .map(|f| f.text().trim_end().to_string())
            .unwrap_or_default()
    }

    /// The chosen value of field `id`.
    pub fn choice(&self, id: FieldId) -> Option<Choice> {
        self.field(id).and_then(Field::choice_value)
    }

    /// Moves focus to the next field that can be changed, wrapping around.
    pub fn next(&mut self) {
        self.step(1);
    }

    /// Moves focus to the previous field that can be changed, wrapping around.
    pub fn prev(&mut self) {
        self.step(self.fields.len().saturating_sub(1));
    }

    fn step(&mut self, by: usize) {
        let n = self.fields.len();
        for _ in 0..n {
            self.focus = (self.focus + by) % n;
            if !self.fields[self.focus].is_fixed() {
                break;
            }
        }
        if n > 0 {
            self.restyle();
        }
    }

    /// Puts focus on field `id`.
    pub fn focus_on(&mut self, id: FieldId) {
        if let Some(i) = self.fields.iter().position(|f| f.id == id) {
            self.focus = i;
            self.restyle();
        }
    }

    /// Whether printable keys go to the focused field.
    pub fn is_typing(&self) -> bool {
        !self.read_only && self.focused().is_some_and(Field::takes_text)
    }

    /// Validates every field; true when all are accepted.
    pub fn validate(&mut self, today: NaiveDate) -> bool {
        for f in &mut self.fields {
            f.validate(today);
        }
        self.fields.iter().all(|f| f.error.is_none())
    }

    /// The first field with an error, if any.
    pub fn first_error(&self) -> Option<&Field> {
        self.fields.iter().find(|f| f.error.is_some())
    }

    /// Every field's content, for the draft journal.
    pub fn values(&self) -> Vec<(FieldId, Value)> {
        self.fields
            .iter()
            .map(|f| {
                let value = match &f.kind {
                    FieldKind::Line { .. } | FieldKind::Multi { .. } => Value::Text(f.text()),
                    FieldKind::Ticked { ticked, .. } => Value::Ticked(f.text(), *ticked),
                    FieldKind::Choice { .. } => match f.choice_value() {
                        Some(c) => Value::Choice(c),
                        None => Value::Text(String::new()),
                    },
                    FieldKind::Agreements(list) => Value::Agreements(list.items.clone()),
                };
                (f.id, value)
            })
            .collect()
    }

    /// Puts journaled values back into the fields they came from; values for fields this
    /// form does not have are ignored.
    pub fn restore(&mut self, values: &[(FieldId, Value)], today: NaiveDate) {
        for (id, value) in values {
            let Some(field) = self.field_mut(*id) else {
                continue;
            };
            match (value, &mut field.kind) {
                (Value::Text(text), FieldKind::Line { .. } | FieldKind::Multi { .. }) => {
                    field.set_text(text)
                }
                (Value::Ticked(text, tick), FieldKind::Ticked { .. }) => {
                    field.set_text(text);
                    if let FieldKind::Ticked { ticked, .. } = &mut field.kind {
                        *ticked = *tick;
                    }
                }
                (Value::Choice(c), FieldKind::Choice { .. }) => field.set_choice(*c),
                (Value::Agreements(items), FieldKind::Agreements(list)) => {
                    list.items = items.clone();
                    list.selected = 0;
                }
                _ => {}
            }
            field.validate(today);
        }
        self.restyle();
    }

    /// The date typed in field `id`, if it reads as one.
    pub fn date(&self, id: FieldId, today: NaiveDate) -> Option<NaiveDate> {
        dates::parse_date(&self.text(id), today).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn a_line_feed_in_a_text_of_several_lines_starts_a_new_line_and_deletes_nothing() {
        let mut f = Field::multi(FieldId::LearningNeeds, "");
        for c in "Første linje".chars() {
            f.key(press(c));
        }
        let line_feed = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL);
        assert_eq!(f.key(line_feed), FieldOutcome::Changed);
        f.key(press('x'));
        assert_eq!(f.text(), "Første linje\nx");
    }

    #[test]
    fn pasting_a_description_into_a_focus_area_ticks_it_and_a_name_invites_only() {
        let mut area = Field::ticked(FieldId::Focus(FocusKind::Language), "", false);
        assert!(area.paste("Læser langsomt"));
        assert!(area.is_ticked(), "describing a focus area means it applies");
        let mut person = Field::ticked(FieldId::Participant(Role::Supervisor), "", false);
        assert!(person.paste("Lone Berg"));
        assert!(
            !person.is_ticked(),
            "attendance is ticked when the meeting is held"
        );
    }

    #[test]
    fn a_wrong_date_keeps_its_text_and_says_why() {
        let mut f = Field::line(
            FieldId::FollowUp,
            "31.02.2027",
            Check::Date { required: true },
        );
        f.validate(today());
        assert_eq!(f.error, Some(FieldError::Date(DateError::NoSuchDay)));
        assert_eq!(f.text(), "31.02.2027");
        f.set_text("28.02.2027");
        f.validate(today());
        assert_eq!(f.error, None);
    }

    #[test]
    fn an_optional_date_may_be_empty_but_a_required_one_may_not() {
        let mut f = Field::line(FieldId::FollowUp, "", Check::Date { required: false });
        f.validate(today());
        assert_eq!(f.error, None);
        let mut f = Field::line(FieldId::Date, " ", Check::Date { required: true });
        f.validate(today());
        assert_eq!(f.error, Some(FieldError::Required));
    }

    #[test]
    fn enter_in_a_line_moves_on_but_starts_a_new_line_in_minutes() {
        let mut line = Field::line(FieldId::Place, "", Check::Free);
        assert_eq!(
            line.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            FieldOutcome::Next
        );
        let mut multi = Field::multi(FieldId::Welcome, "a");
        multi.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        multi.key(press('b'));
        assert_eq!(multi.text(), "a\nb");
    }

    #[test]
    fn typing_danish_letters_reaches_the_text() {
        let mut f = Field::line(FieldId::Name, "", Check::Required);
        for c in "Søren Ærø Åen".chars() {
            f.key(press(c));
        }
        assert_eq!(f.text(), "Søren Ærø Åen");
    }

    #[test]
    fn choices_cycle_both_ways_and_ignore_letters() {
        let mut f = Field::choice(
            FieldId::Programme,
            Programme::ALL.map(Choice::Programme).to_vec(),
            Choice::Programme(Programme::Ssa),
        );
        assert_eq!(f.key(press(' ')), FieldOutcome::Changed);
        assert_eq!(
            f.choice_value(),
            Some(Choice::Programme(Programme::EuxVelfaerd))
        );
        f.key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        assert_eq!(f.choice_value(), Some(Choice::Programme(Programme::Ssh)));
        f.key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        assert_eq!(
            f.choice_value(),
            Some(Choice::Programme(Programme::EuxVelfaerd))
        );
        assert_eq!(f.key(press('x')), FieldOutcome::NotTypable);
    }

    #[test]
    fn pasting_into_a_line_keeps_it_on_one_line() {
        let mut f = Field::line(FieldId::Place, "", Check::Free);
        f.paste("Mødelokale\r\n2");
        assert_eq!(f.text(), "Mødelokale 2");
        let mut m = Field::multi(FieldId::Closing, "");
        m.paste("a\r\nb");
        assert_eq!(m.text(), "a\nb");
    }

    #[test]
    fn typing_into_a_date_field_just_tabbed_to_replaces_the_proposed_date() {
        let mut form = Form::new(vec![
            Field::line(FieldId::Place, "Kontoret", Check::Free),
            Field::line(FieldId::Date, "30.11.2026", Check::Date { required: true }),
        ]);
        form.next();
        for c in "+0".chars() {
            form.focused_mut().unwrap().key(press(c));
        }
        assert_eq!(form.text(FieldId::Date), "+0");
        // Other fields are edited where the cursor is, not replaced.
        form.next();
        form.focused_mut().unwrap().key(press('!'));
        assert_eq!(form.text(FieldId::Place), "Kontoret!");
    }

    #[test]
    fn tab_order_wraps_around() {
        let mut form = Form::new(vec![
            Field::line(FieldId::Name, "", Check::Free),
            Field::line(FieldId::School, "", Check::Free),
        ]);
        form.next();
        assert_eq!(form.focused().map(|f| f.id), Some(FieldId::School));
        form.next();
        assert_eq!(form.focus, 0);
        form.prev();
        assert_eq!(form.focus, 1);
    }
}
