//! The conversation editor: the agenda and minutes of one conversation, its agreements,
//! saving and finalizing, and opening it from the timeline.

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent};

use super::agreement::{
    AgreementEditor, agreement_action, cycle_agreement, delete_agreement, edit_selected_agreement,
    move_agreement,
};
use super::keys::{form_key, report};
use super::prompt::{Prompt, PromptKind};
use super::{close_editor, commit, loaded_case, not_in_editor, text_of};
use crate::app::Action;
use crate::app::dialogs::confirm::{Confirm, ConfirmKind};
use crate::app::form::{
    AgreementList, Check, Choice, Field, FieldError, FieldId, FieldKind, FieldOutcome, Form,
};
use crate::app::msg::{AfterCommit, Effect};
use crate::app::state::{App, Modal, StatusKind};
use crate::domain::case::{self, FinalizeError};
use crate::domain::dates::{self, format_date, format_time};
use crate::domain::rules::{self, Missing};
use crate::domain::{
    Agreement, AgreementId, Case, Conversation, ConversationId, ConversationState, EventKind,
    IdSource, Initiator, Level, Role, Student,
};
use crate::i18n::{self, T};

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

/// An action while the editor is open (or the agreement being edited on top of it).
pub(super) fn action(app: &mut App, ids: &mut dyn IdSource, action: Action) -> Vec<Effect> {
    let today = app.today();
    let Some(Modal::Conversation(e)) = app.modal_mut() else {
        return Vec::new();
    };
    if e.agreement.is_some() {
        return agreement_action(app, action, today);
    }
    let on_list = e.form.focused().map(|f| f.id) == Some(FieldId::Agreements);
    match action {
        Action::NextField => e.form.next(),
        Action::PrevField => e.form.prev(),
        Action::Down if on_list => move_agreement(e, 1),
        Action::Up if on_list => move_agreement(e, -1),
        Action::Down => e.form.next(),
        Action::Up => e.form.prev(),
        Action::Toggle if on_list && !e.form.read_only => cycle_agreement(e, today),
        Action::Toggle if !e.form.read_only => {
            let on_participant = matches!(
                e.form.focused().map(|f| f.id),
                Some(FieldId::Participant(_))
            );
            if on_participant && !e.is_held() {
                app.say(StatusKind::Info, app.t(T::AttendanceWhenHeld));
                return Vec::new();
            }
            if let Some(f) = e.form.focused_mut()
                && f.toggle()
            {
                e.dirty = true;
                let refused = e.refuse_early_held(today);
                e.refresh(today);
                if let Some(on) = refused {
                    say_not_held_yet(app, on);
                }
            }
        }
        Action::AddAgreement if !e.form.read_only => {
            let blank = AgreementEditor::blank(AgreementId(ids.next_id()), e.student.id, e.id());
            e.agreement = Some(blank);
        }
        Action::Delete if on_list && !e.form.read_only => return delete_agreement(app),
        Action::Save if !e.form.read_only => return save(app, ids, false),
        Action::Finalize if !e.form.read_only => return ask_finalize(app),
        Action::Cancel => return close_editor(app, false),
        Action::Open if on_list => edit_selected_agreement(e),
        Action::ExportMinutes if e.original.is_none() || e.dirty => {
            app.say(StatusKind::Info, app.t(T::SaveBeforeExport));
        }
        Action::ExportMinutes => {
            return vec![Effect::ExportMinutes {
                student: e.student.id,
                conversation: e.id(),
            }];
        }
        Action::AddAddendum if matches!(e.base.state, ConversationState::Finalized { .. }) => {
            let (sid, id) = (e.student.id, e.id());
            app.modals
                .push(Modal::Prompt(Prompt::new(PromptKind::Addendum(id), sid)));
        }
        _ if e.form.read_only => app.say(StatusKind::Info, app.t(T::MinutesLocked)),
        _ => return not_in_editor(app),
    }
    Vec::new()
}

/// A key no binding claimed: typed into the field in focus (or the agreement's), Enter and
/// Space on the agreement list open and cycle the selected one.
pub(super) fn raw_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let today = app.today();
    let lang = app.lang;
    let Some(Modal::Conversation(e)) = app.modal_mut() else {
        return Vec::new();
    };
    if let Some(a) = &mut e.agreement {
        let outcome = form_key(&mut a.form, key, today);
        report(app, outcome);
        return Vec::new();
    }
    if e.form.read_only {
        if matches!(
            key.code,
            KeyCode::Char(_) | KeyCode::Enter | KeyCode::Backspace
        ) {
            app.say(StatusKind::Info, lang.t(T::MinutesLocked));
        }
        return Vec::new();
    }
    if e.form.focused().map(|f| f.id) == Some(FieldId::Agreements) {
        if key.code == KeyCode::Enter {
            edit_selected_agreement(e);
            return Vec::new();
        }
        if key.code == KeyCode::Char(' ') {
            cycle_agreement(e, today);
            return Vec::new();
        }
    }
    let outcome = form_key(&mut e.form, key, today);
    let mut marked_held = false;
    let mut refused = None;
    if outcome == FieldOutcome::Changed {
        e.dirty = true;
        marked_held = e.note_minutes_written(today);
        refused = e.refuse_early_held(today);
        e.refresh(today);
    }
    report(app, outcome);
    if marked_held {
        app.say(StatusKind::Info, lang.t(T::MarkedHeld));
    }
    if let Some(on) = refused {
        say_not_held_yet(app, on);
    }
    Vec::new()
}

/// Pasted text goes into the field in focus (or the agreement's); true if it went in.
pub(super) fn paste(app: &mut App, text: &str) -> bool {
    let today = app.today();
    let Some(Modal::Conversation(e)) = app.modal_mut() else {
        return false;
    };
    let mut done = false;
    let mut marked_held = false;
    let form = match &mut e.agreement {
        Some(a) => &mut a.form,
        None => &mut e.form,
    };
    if !form.read_only
        && let Some(f) = form.focused_mut()
    {
        done = f.paste(text);
        f.validate(today);
    }
    if done {
        e.dirty = true;
        marked_held = e.agreement.is_none() && e.note_minutes_written(today);
        e.refresh(today);
    }
    if marked_held {
        app.say(StatusKind::Info, app.t(T::MarkedHeld));
    }
    done
}

/// Says that a meeting cannot be registered as held before its day (and that nothing
/// typed is lost).
fn say_not_held_yet(app: &mut App, on: NaiveDate) {
    let date = format_date(on);
    let text = app.lang.fill(T::HeldRefused, &[("date", &date)]);
    app.say(StatusKind::Error, text);
}

/// Opens an editor for a conversation not yet saved.
pub fn open_new_conversation(app: &mut App, conversation: Conversation) {
    let Some(case) = loaded_case(app) else {
        return;
    };
    // What was said about another conversation does not belong to this one.
    app.status = None;
    let agreements = case
        .agreements_to_review(conversation.id)
        .into_iter()
        .cloned()
        .collect();
    let editor =
        ConversationEditor::open(&case.student, &conversation, agreements, true, app.today());
    app.modals.push(Modal::Conversation(Box::new(editor)));
}

/// Opens the editor on a stored conversation of the loaded case.
pub fn open_conversation(app: &mut App, id: ConversationId, focus_minutes: bool) {
    let Some(case) = loaded_case(app) else {
        return;
    };
    let Some(conversation) = case.conversation(id) else {
        return;
    };
    app.status = None;
    let mut agreements: Vec<_> = case.agreements_made_in(id).into_iter().cloned().collect();
    agreements.extend(case.agreements_to_review(id).into_iter().cloned());
    let mut editor =
        ConversationEditor::open(&case.student, conversation, agreements, false, app.today());
    if focus_minutes {
        editor.form.focus_on(FieldId::LearningNeeds);
    }
    if editor.form.read_only {
        app.say(StatusKind::Info, app.t(T::MinutesLocked));
    }
    app.modals.push(Modal::Conversation(Box::new(editor)));
}

/// The conversation an event is about, also for agreement events.
pub fn event_conversation(case: &Case, kind: &EventKind) -> Option<ConversationId> {
    kind.conversation().or_else(|| match kind {
        EventKind::AgreementAdded { agreement, .. }
        | EventKind::AgreementResolved { agreement, .. } => case
            .agreements
            .iter()
            .find(|a| a.id == *agreement)
            .map(|a| a.reviewed_in.unwrap_or(a.made_in)),
        _ => None,
    })
}

/// Enter on a timeline entry: open its conversation, or show a note in full.
pub fn open_timeline_entry(app: &mut App) {
    let Some(view) = &app.case else {
        return;
    };
    let Some(event) = view.case.events.iter().rev().nth(view.selected) else {
        return;
    };
    if let Some(id) = event_conversation(&view.case, &event.kind)
        && view.case.conversation(id).is_some()
    {
        open_conversation(app, id, false);
        return;
    }
    let lines = i18n::event_details(app.lang, event);
    let title = i18n::event_title(app.lang, event);
    app.modals.push(Modal::Message { title, lines });
}

/// After a save: the editor now shows the stored conversation; closes it if asked.
pub fn conversation_saved(app: &mut App, id: ConversationId, close: bool) {
    let today = app.today();
    let Some(case) = loaded_case(app) else {
        return;
    };
    if close {
        app.modals
            .retain(|m| !matches!(m, Modal::Conversation(e) if e.id() == id));
        return;
    }
    let Some(stored) = case.conversation(id).cloned() else {
        return;
    };
    if let Some(editor) = app.conversation_editor_mut()
        && editor.id() == id
    {
        editor.original = Some(stored.clone());
        editor.show_saved_dates(&stored);
        editor.base = stored;
        editor.dirty = false;
        editor.student = case.student.clone();
        // Agreements now carry what was stored (reviewed_in set on review).
        let mut agreements: Vec<_> = case.agreements_made_in(id).into_iter().cloned().collect();
        agreements.extend(case.agreements_to_review(id).into_iter().cloned());
        if let Some(list) = editor.agreement_list_mut() {
            list.items = agreements;
            list.selected = list.selected.min(list.items.len().saturating_sub(1));
        }
        editor.refresh(today);
    }
}

pub(super) fn save(app: &mut App, ids: &mut dyn IdSource, close: bool) -> Vec<Effect> {
    let today = app.today();
    let Some(context) = super::profile::ctx(app) else {
        return Vec::new();
    };
    let Some(case) = loaded_case(app) else {
        return Vec::new();
    };
    let Some(e) = app.conversation_editor_mut() else {
        return Vec::new();
    };
    let id = e.id();
    match e.to_conversation(today) {
        Ok((conversation, agreements)) => {
            match case::save_conversation(&case, conversation, agreements, &context, ids) {
                Ok(change) if change.is_empty() => {
                    e.dirty = false;
                    if close {
                        app.modals.pop();
                    }
                    app.say(StatusKind::Info, app.t(T::NothingChanged));
                    Vec::new()
                }
                Ok(change) => commit(change, &case, AfterCommit::ConversationSaved { id, close }),
                Err(e) => {
                    app.say(StatusKind::Error, i18n::save_error(app.lang, &e));
                    Vec::new()
                }
            }
        }
        Err(field) => {
            e.form.focus_on(field);
            app.say(StatusKind::Error, app.t(T::FixFieldFirst));
            Vec::new()
        }
    }
}

/// The finalize key: minutes that lack something are refused with the list of what is
/// missing; complete minutes are not locked yet, but a confirmation says what locking does
/// and waits for an explicit yes (a Word user's Ctrl-F for "find" locks nothing).
pub(super) fn ask_finalize(app: &mut App) -> Vec<Effect> {
    let today = app.today();
    let lang = app.lang;
    let Some(e) = app.conversation_editor_mut() else {
        return Vec::new();
    };
    if let Err(field) = e.to_conversation(today) {
        e.form.focus_on(field);
        app.say(StatusKind::Error, app.t(T::FixFieldFirst));
        return Vec::new();
    }
    e.refresh(today);
    if !e.missing.is_empty() {
        let missing = e.missing.clone();
        refuse(app, lang, &missing);
        return Vec::new();
    }
    app.modals.push(Modal::Confirm(Confirm {
        kind: ConfirmKind::Finalize,
        selected: 0,
    }));
    Vec::new()
}

/// Shows what the minutes lack, with the first field to fix in focus.
fn refuse(app: &mut App, lang: crate::i18n::Lang, missing: &[crate::domain::rules::Missing]) {
    if let Some(e) = app.conversation_editor_mut() {
        if let Some(first) = missing.first() {
            e.form.focus_on(ConversationEditor::field_for(first));
        }
        e.missing = missing.to_vec();
    }
    let lines = missing
        .iter()
        .map(|m| format!("• {}", i18n::missing(lang, m)))
        .collect();
    app.modals.push(Modal::Message {
        title: lang.t(T::FinalizeRefusedTitle).to_string(),
        lines,
    });
}

/// Finalizes the minutes in the editor: locks them, changes the case's type as they
/// decide and plans the next conversation, in one commit.
pub(super) fn finalize(app: &mut App, ids: &mut dyn IdSource) -> Vec<Effect> {
    let today = app.today();
    let lang = app.lang;
    let Some(context) = super::profile::ctx(app) else {
        return Vec::new();
    };
    let Some(case) = loaded_case(app) else {
        return Vec::new();
    };
    let Some(e) = app.conversation_editor_mut() else {
        return Vec::new();
    };
    let id = e.id();
    let (conversation, agreements) = match e.to_conversation(today) {
        Ok(v) => v,
        Err(field) => {
            e.form.focus_on(field);
            app.say(StatusKind::Error, app.t(T::FixFieldFirst));
            return Vec::new();
        }
    };
    match case::finalize_conversation(&case, conversation, agreements, &context, ids) {
        Ok((change, next)) => commit(change, &case, AfterCommit::Finalized { id, next }),
        Err(FinalizeError::Incomplete(missing)) => {
            refuse(app, lang, &missing);
            Vec::new()
        }
        Err(FinalizeError::Save(e)) => {
            app.say(StatusKind::Error, i18n::save_error(lang, &e));
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::tests_support::{case, day};

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
}
