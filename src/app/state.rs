//! Everything the screen shows, in one value that `update` changes and `render` reads.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::dialogs::address_book::AddressBookDialog;
use super::dialogs::confirm::{Confirm, ConfirmKind};
use super::dialogs::conversation::ConversationEditor;
use super::dialogs::distribution::DistributionDialog;
use super::dialogs::prompt::Prompt;
use super::dialogs::snooze::SnoozeDialog;
use super::dialogs::student::StudentEditor;
use super::draft::Draft;
use crate::domain::reminders::Reminder;
use crate::domain::{Case, StudentId, StudentSummary};
use crate::i18n::{Lang, T};

/// The main panes, in Tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Reminders,
    Students,
    Timeline,
    /// Overblik: the figures for management.
    Overview,
}

impl Pane {
    /// Panes in the order Tab visits them.
    pub const ALL: [Pane; 4] = [
        Pane::Reminders,
        Pane::Students,
        Pane::Timeline,
        Pane::Overview,
    ];
}

/// A line in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
    /// When it was said; the status bar lets it fade after a few seconds.
    pub at: NaiveDateTime,
}

impl Status {
    /// Whether it is still worth showing at `now`: errors stay longer than confirmations.
    pub fn is_current(&self, now: NaiveDateTime) -> bool {
        now < self.until()
    }

    /// When it stops being shown.
    pub fn until(&self) -> NaiveDateTime {
        let seconds = match self.kind {
            StatusKind::Error => 30,
            StatusKind::Info | StatusKind::Success => 8,
        };
        self.at + chrono::Duration::seconds(seconds)
    }
}

/// Whether a status line reports success, information or a problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Success,
    Error,
}

/// The student list with its filter.
#[derive(Clone, Debug, Default)]
pub struct StudentList {
    pub all: Vec<StudentSummary>,
    /// Position of each student in `all`.
    pub index: HashMap<StudentId, usize>,
    pub filter: String,
    /// Whether the user is typing in the filter.
    pub filtering: bool,
    /// Indices into `all` of the students the filter lets through, in display order.
    pub visible: Vec<usize>,
    /// Position in `visible`.
    pub selected: usize,
    /// Each student's text a filter is matched against, made at the first filter and
    /// kept with `all`; empty until then.
    haystacks: Vec<String>,
    /// `haystacks` end to end, for looking through everyone at once; made when a filter
    /// starts afresh and dropped when a haystack changes.
    joined: Option<Joined>,
    /// The filter `visible` was worked out for: a filter that only adds to it can only
    /// narrow `visible`, so typing looks at the students still shown, not at everyone.
    shown_for: String,
    /// Whether the students are still being read (in the background, after the first
    /// screen); changes saved meanwhile wait in `waiting` and are applied on arrival.
    pub loading: bool,
    waiting: Vec<Waiting>,
}

/// A change to the list saved while it was being read.
#[derive(Clone, Debug)]
enum Waiting {
    Upsert(StudentSummary),
    Remove(StudentId),
}

impl StudentList {
    /// A list of `all`, sorted by name.
    pub fn new(mut all: Vec<StudentSummary>) -> StudentList {
        all.sort_by_cached_key(|s| (sort_key(&s.name), s.id));
        let mut list = StudentList {
            all,
            ..StudentList::default()
        };
        list.reindex();
        list.show(None);
        list
    }

    /// A list whose students are still being read; see [`StudentList::loaded`].
    pub fn loading() -> StudentList {
        StudentList {
            loading: true,
            ..StudentList::default()
        }
    }

    /// A list of `all` ready to be filtered: sorted, with the text each student is matched
    /// against made already. For a list read on a thread of its own, so that neither the
    /// sorting nor the first letter typed into the filter waits on the main thread.
    pub fn ready(all: Vec<StudentSummary>) -> StudentList {
        let mut list = StudentList::new(all);
        list.prepare_filter();
        list
    }

    /// Makes the text each student is matched against, if not made yet.
    fn prepare_filter(&mut self) {
        if self.haystacks.len() != self.all.len() {
            self.haystacks = self.all.iter().map(StudentSummary::haystack).collect();
            self.joined = None;
        }
    }

    /// The students have been read into `list`: it takes this one's place, with the filter
    /// typed so far and the changes saved since they were read.
    pub fn loaded(&mut self, mut list: StudentList) {
        list.filter = std::mem::take(&mut self.filter);
        list.filtering = self.filtering;
        for change in std::mem::take(&mut self.waiting) {
            match change {
                Waiting::Upsert(summary) => list.upsert(summary),
                Waiting::Remove(id) => list.remove(id),
            }
        }
        list.show(None);
        *self = list;
    }

    fn reindex(&mut self) {
        self.index = self
            .all
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        self.haystacks.clear();
        self.joined = None;
        self.shown_for.clear();
    }

    /// Applies the filter again, keeping the selected student if still visible.
    pub fn refilter(&mut self) {
        let keep = self.selected_id();
        self.show(keep);
    }

    /// Recomputes which students the filter lets through and selects `keep` if among them.
    fn show(&mut self, keep: Option<StudentId>) {
        let words = crate::domain::summary::filter_words(&self.filter);
        if words.is_empty() {
            self.visible = (0..self.all.len()).collect();
        } else {
            self.prepare_filter();
            let narrowing = !self.shown_for.trim().is_empty()
                && self.filter.starts_with(self.shown_for.as_str());
            let (candidates, rest) = if narrowing {
                (std::mem::take(&mut self.visible), &words[..])
            } else {
                // Everyone is looked through for the first word in one pass over their
                // texts end to end; only those holding it are looked at for the others.
                let joined = self
                    .joined
                    .get_or_insert_with(|| Joined::of(&self.haystacks));
                (joined.holding(&words[0]), &words[1..])
            };
            let haystacks = &self.haystacks;
            self.visible = candidates
                .into_iter()
                .filter(|&i| crate::domain::summary::matches_words(&haystacks[i], rest))
                .collect();
        }
        self.shown_for.clone_from(&self.filter);
        self.selected = keep.and_then(|id| self.position(id)).unwrap_or(0);
    }

    /// Where student `id` is among those shown, if shown: `visible` is in list order, so
    /// the student's place in the list is looked up, not every row compared.
    fn position(&self, id: StudentId) -> Option<usize> {
        let at = *self.index.get(&id)?;
        self.visible.binary_search(&at).ok()
    }

    /// The selected student.
    pub fn selected(&self) -> Option<&StudentSummary> {
        self.visible.get(self.selected).map(|&i| &self.all[i])
    }

    /// The selected student's id.
    pub fn selected_id(&self) -> Option<StudentId> {
        self.selected().map(|s| s.id)
    }

    /// The summary of student `id`.
    pub fn get(&self, id: StudentId) -> Option<&StudentSummary> {
        self.index.get(&id).map(|&i| &self.all[i])
    }

    /// Removes student `id` from the list (erased).
    pub fn remove(&mut self, id: StudentId) {
        if self.loading {
            self.waiting.push(Waiting::Remove(id));
            return;
        }
        let keep = self.selected_id().filter(|k| *k != id);
        self.all.retain(|s| s.id != id);
        self.reindex();
        self.show(keep);
    }

    /// Selects student `id`, clearing the filter if it hides them.
    pub fn select(&mut self, id: StudentId) {
        if self.position(id).is_none() {
            self.filter.clear();
            self.filtering = false;
            self.refilter();
        }
        if let Some(pos) = self.position(id) {
            self.selected = pos;
        }
    }

    /// Adds or replaces many students' summaries at once, as an import does: one sort and
    /// one re-index for all of them, where one at a time would re-index the whole list per
    /// student. Keeps the name order and the selection as [`StudentList::upsert`] does.
    pub fn upsert_many(&mut self, summaries: Vec<StudentSummary>) {
        if self.loading || summaries.len() < 2 {
            summaries.into_iter().for_each(|s| self.upsert(s));
            return;
        }
        let keep = self.selected_id();
        let ids: std::collections::HashSet<StudentId> = summaries.iter().map(|s| s.id).collect();
        self.all.retain(|s| !ids.contains(&s.id));
        self.all.extend(summaries);
        self.all.sort_by_cached_key(|s| (sort_key(&s.name), s.id));
        self.reindex();
        self.show(keep);
    }

    /// Adds or replaces one student's summary, keeping the name order and the selection.
    pub fn upsert(&mut self, summary: StudentSummary) {
        if self.loading {
            self.waiting.push(Waiting::Upsert(summary));
            return;
        }
        let keep = self.selected_id();
        let id = summary.id;
        match self.index.get(&id) {
            Some(&i) if self.all[i].name == summary.name => {
                if let Some(h) = self.haystacks.get_mut(i) {
                    *h = summary.haystack();
                    self.joined = None;
                }
                self.all[i] = summary;
                // The student may match now where they did not: look at everyone again.
                self.shown_for.clear();
            }
            _ => {
                self.all.retain(|s| s.id != id);
                let key = (sort_key(&summary.name), id);
                let at = self
                    .all
                    .partition_point(|s| (sort_key(&s.name), s.id) < key);
                self.all.insert(at, summary);
                self.reindex();
            }
        }
        // A changed workplace or name can move the student in or out of the filter.
        self.show(keep);
    }
}

/// The texts a filter is matched against, end to end with a line break between them (a
/// filter word holds no white space, so none is found across two students).
#[derive(Clone, Debug, Default)]
struct Joined {
    text: String,
    /// Where each student's text starts in `text`, in list order.
    starts: Vec<usize>,
}

impl Joined {
    fn of(haystacks: &[String]) -> Joined {
        let mut joined = Joined {
            text: String::with_capacity(haystacks.iter().map(|h| h.len() + 1).sum()),
            starts: Vec::with_capacity(haystacks.len()),
        };
        for h in haystacks {
            joined.starts.push(joined.text.len());
            joined.text.push_str(h);
            joined.text.push('\n');
        }
        joined
    }

    /// The students whose text holds `word`, in list order: one pass of a substring
    /// search over all of them, moving on to the next student after each find.
    fn holding(&self, word: &str) -> Vec<usize> {
        let finder = memchr::memmem::Finder::new(word.as_bytes());
        let text = self.text.as_bytes();
        let mut found = Vec::new();
        let (mut from, mut student) = (0, 0);
        while let Some(at) = finder.find(&text[from..]) {
            let at = from + at;
            // The student whose text holds `at`: finds come in order, so the students
            // between the last find and this one are stepped over, not searched for.
            while self.starts.get(student + 1).is_some_and(|&next| next <= at) {
                student += 1;
            }
            found.push(student);
            student += 1;
            match self.starts.get(student) {
                Some(&next) => from = next,
                None => break,
            }
        }
        found
    }
}

/// Names sort case-insensitively, with æ, ø, å after z as in Danish.
pub fn sort_key(name: &str) -> Vec<u32> {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'æ' | 'ä' => 'z' as u32 + 1,
            'ø' | 'ö' => 'z' as u32 + 2,
            'å' => 'z' as u32 + 3,
            c => c as u32,
        })
        .collect()
}

/// The parts of the timeline pane the keyboard can be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    /// The timeline itself.
    Events,
    Conversations,
    Agreements,
    /// The team file (samarbejdsmodellen).
    Cooperation,
}

impl Panel {
    /// The panels in the order the arrow keys visit them.
    pub const ALL: [Panel; 4] = [
        Panel::Events,
        Panel::Conversations,
        Panel::Agreements,
        Panel::Cooperation,
    ];

    /// The panels Tab visits before it leaves the pane (the cooperation panel is reached
    /// with the arrow keys, so Tab goes on to the next pane as it always has).
    pub const TAB: [Panel; 3] = [Panel::Events, Panel::Conversations, Panel::Agreements];
}

/// A row of the cooperation panel the keys can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoopRow {
    Coordinator,
    Consent,
    Member(u64),
    Goal(u64),
    SubGoal { goal: u64, sub: u64 },
    Intervention(u64),
    Meeting(u64),
}

/// The open student's case with what is selected in each panel of the timeline pane.
#[derive(Clone, Debug)]
pub struct CaseView {
    pub case: Case,
    /// Position in the timeline, newest first.
    pub selected: usize,
    /// The panel with the keyboard.
    pub panel: Panel,
    /// Position in the conversations panel (newest first).
    pub conversation: usize,
    /// Position in the agreements panel (open first, soonest due first).
    pub agreement: usize,
    /// Position in the cooperation panel's rows.
    pub coop: usize,
}

impl CaseView {
    /// A view of `case` with the newest of everything selected, in the timeline.
    pub fn new(case: Case) -> CaseView {
        CaseView {
            case,
            selected: 0,
            panel: Panel::Events,
            conversation: 0,
            agreement: 0,
            coop: 0,
        }
    }

    /// The same view showing `case` as it is now, keeping the selections in range.
    pub fn updated(&self, case: Case) -> CaseView {
        let mut view = CaseView {
            case,
            ..self.clone()
        };
        view.clamp();
        view
    }

    fn clamp(&mut self) {
        let last = |n: usize| n.saturating_sub(1);
        self.selected = self.selected.min(last(self.case.events.len()));
        self.conversation = self.conversation.min(last(self.case.conversations.len()));
        self.agreement = self.agreement.min(last(self.case.agreements.len()));
        self.coop = self.coop.min(last(self.coop_rows().len()));
    }

    /// The conversations as the panel lists them: newest first.
    pub fn conversations(&self) -> Vec<&crate::domain::Conversation> {
        self.case.conversations.iter().rev().collect()
    }

    /// The agreements as the panel lists them: open first, soonest due first.
    pub fn agreements(&self) -> Vec<&crate::domain::Agreement> {
        let mut list: Vec<_> = self.case.agreements.iter().collect();
        list.sort_by_key(|a| {
            (
                a.status != crate::domain::AgreementStatus::Open,
                a.due.is_none(),
                a.due,
                a.id,
            )
        });
        list
    }

    /// The selected timeline entry.
    pub fn selected_event(&self) -> Option<&crate::domain::Event> {
        self.case.events_newest_first().nth(self.selected)
    }

    /// The conversation the keys act on: the one selected in the conversations panel, or
    /// the one the selected timeline entry is about.
    pub fn selected_conversation(&self) -> Option<&crate::domain::Conversation> {
        match self.panel {
            Panel::Conversations => self.conversations().get(self.conversation).copied(),
            Panel::Events => {
                let event = self.selected_event()?;
                let id = crate::app::dialogs::event_conversation(&self.case, &event.kind)?;
                self.case.conversation(id)
            }
            Panel::Agreements => {
                let a = self.selected_agreement()?;
                self.case.conversation(a.reviewed_in.unwrap_or(a.made_in))
            }
            Panel::Cooperation => None,
        }
    }

    /// The rows of the cooperation panel, in the order shown: coordinator, consent,
    /// network (close circle first), goals with their sub-goals, interventions per
    /// provider, meetings newest first.
    pub fn coop_rows(&self) -> Vec<CoopRow> {
        use crate::domain::cooperation::{Circle, interventions_by_provider};
        let s = &self.case.student;
        let team = &s.team;
        let mut rows = vec![CoopRow::Coordinator, CoopRow::Consent];
        for circle in Circle::ALL {
            rows.extend(
                team.network
                    .iter()
                    .filter(|m| m.circle == circle)
                    .map(|m| CoopRow::Member(m.id)),
            );
        }
        for g in &team.goals {
            rows.push(CoopRow::Goal(g.id));
            rows.extend(g.sub_goals.iter().map(|sub| CoopRow::SubGoal {
                goal: g.id,
                sub: sub.id,
            }));
        }
        for (_, list) in interventions_by_provider(&s.interventions) {
            rows.extend(list.iter().map(|i| CoopRow::Intervention(i.id)));
        }
        let mut meetings: Vec<_> = team.meetings.iter().collect();
        meetings.sort_by_key(|m| std::cmp::Reverse((m.on, m.id)));
        rows.extend(meetings.iter().map(|m| CoopRow::Meeting(m.id)));
        rows
    }

    /// The row selected in the cooperation panel.
    pub fn selected_coop(&self) -> Option<CoopRow> {
        self.coop_rows().get(self.coop).copied()
    }

    /// The agreement selected in the agreements panel.
    pub fn selected_agreement(&self) -> Option<&crate::domain::Agreement> {
        self.agreements().get(self.agreement).copied()
    }
}

/// What lies over the panes.
#[derive(Clone, Debug)]
pub enum Modal {
    Help {
        scroll: u16,
    },
    Student(Box<StudentEditor>),
    /// One of the team file's editors (samarbejdsmodellen).
    Team(Box<crate::app::dialogs::team::TeamEditor>),
    Conversation(Box<ConversationEditor>),
    Prompt(Prompt),
    Snooze(Box<SnoozeDialog>),
    Confirm(Confirm),
    AddressBook(Box<AddressBookDialog>),
    Distribution(Box<DistributionDialog>),
    /// The dry run of a student import, waiting for the user's go-ahead.
    ImportPreview(Box<crate::app::dialogs::import_preview::ImportPreview>),
    /// Who is using Fokus: their name and role.
    Profile(Box<crate::app::dialogs::profile::ProfileDialog>),
    /// Someone else saved the same fields first: keep theirs or one's own, per field.
    Merge(Box<crate::app::dialogs::merge::MergeDialog>),
    /// A message with a title, closed with Enter or Esc.
    Message {
        title: String,
        lines: Vec<String>,
    },
}

/// How many reminders are loaded at a time.
pub const REMINDER_PAGE: usize = 200;

/// A count, followed by "+" when there are more than it says.
fn counted(n: usize, more: bool) -> String {
    if more { format!("{n}+") } else { n.to_string() }
}

/// The whole application state.
#[derive(Clone, Debug)]
pub struct App {
    pub lang: Lang,
    /// The current time, set by the runner before each update.
    pub now: NaiveDateTime,
    /// Who is using Fokus; the name is empty until they have said.
    pub user: crate::domain::Actor,
    /// Days ahead the reminders look.
    pub window_days: u32,
    pub pane: Pane,
    /// The first reminders, as many as [`App::reminders_wanted`] asks for.
    pub reminders: Vec<Reminder>,
    /// Whether more reminders are due after those loaded.
    pub more_reminders: bool,
    /// How many reminders to load: a page at startup, a page more each time the selection
    /// nears the end of those loaded, so no more is read than the user looks at.
    pub reminders_wanted: usize,
    pub reminder_selected: usize,
    pub students: StudentList,
    pub case: Option<CaseView>,
    /// Editors and dialogs, the top one last; an editor may have a dialog over it.
    pub modals: Vec<Modal>,
    pub status: Option<Status>,
    /// Where the database lives, for the help screen.
    pub db_path: String,
    pub quit: bool,
    /// Quit once the save under way is on disk (the user chose "save" when quitting).
    pub quit_after_save: bool,
    /// Why nothing can be saved, when the database is open for reading only.
    pub read_only: Option<String>,
    /// Unsaved text found in the draft journal at startup, waiting for the user's choice.
    pub recovered: Option<Box<Draft>>,
    /// The conversation in that draft was saved again after the draft was written, so the
    /// draft may hold older text.
    pub recovered_is_older: bool,
    /// A draft to put back into its editors once its student's case is loaded.
    pub restore_after_load: Option<Box<Draft>>,
    /// The recovered draft is put back once the students have been read.
    pub restore_when_loaded: bool,
    /// The address book, by name.
    pub address_book: Vec<crate::domain::Organisation>,
    /// The open case was changed by someone else while the user was busy with it; it is
    /// read again once they are done.
    pub stale_case: Option<StudentId>,
    /// Months after a student finished before their data comes up for review.
    pub retention_months: u32,
    /// The Overblik pane.
    pub overview: super::overview::Overview,
}

impl App {
    /// The state at startup: the Reminders pane when anything is due, else the students.
    pub fn new(
        lang: Lang,
        now: NaiveDateTime,
        user: crate::domain::Actor,
        window_days: u32,
        summaries: Vec<StudentSummary>,
        reminders: Vec<Reminder>,
    ) -> App {
        let pane = if reminders.is_empty() {
            Pane::Students
        } else {
            Pane::Reminders
        };
        App {
            lang,
            now,
            user,
            window_days,
            pane,
            reminders,
            more_reminders: false,
            reminders_wanted: REMINDER_PAGE,
            reminder_selected: 0,
            students: StudentList::new(summaries),
            case: None,
            modals: Vec::new(),
            status: None,
            db_path: String::new(),
            quit: false,
            quit_after_save: false,
            read_only: None,
            recovered: None,
            recovered_is_older: false,
            restore_after_load: None,
            restore_when_loaded: false,
            address_book: Vec::new(),
            stale_case: None,
            retention_months: crate::domain::reminders::DEFAULT_RETENTION_MONTHS,
            overview: super::overview::Overview::default(),
        }
    }

    /// How many reminders are due, as the tabs and the title say it: "200+" while more
    /// are due after those loaded.
    pub fn reminder_count(&self) -> String {
        counted(self.reminders.len(), self.more_reminders)
    }

    /// How many loaded reminders are overdue, with "+" when those not loaded may be too.
    pub fn overdue_count(&self) -> String {
        use crate::domain::reminders::Urgency;
        let overdue = self
            .reminders
            .iter()
            .filter(|r| r.urgency == Urgency::Overdue)
            .count();
        let last_overdue = self
            .reminders
            .last()
            .is_some_and(|r| r.urgency == Urgency::Overdue);
        counted(overdue, self.more_reminders && last_overdue)
    }

    /// Today's date.
    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }

    /// The text of `key` in the user's language.
    pub fn t(&self, key: T) -> &'static str {
        self.lang.t(key)
    }

    /// Shows `text` in the status bar.
    pub fn say(&mut self, kind: StatusKind, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind,
            at: self.now,
        });
    }

    /// The top modal.
    pub fn modal(&self) -> Option<&Modal> {
        self.modals.last()
    }

    /// The top modal, for changing.
    pub fn modal_mut(&mut self) -> Option<&mut Modal> {
        self.modals.last_mut()
    }

    /// The conversation editor, wherever it is in the stack.
    pub fn conversation_editor_mut(&mut self) -> Option<&mut ConversationEditor> {
        self.modals.iter_mut().rev().find_map(|m| match m {
            Modal::Conversation(e) => Some(e.as_mut()),
            _ => None,
        })
    }

    /// Offers the draft found in the journal for recovery; nothing else happens until the
    /// user has chosen.
    pub fn offer_recovery(&mut self, draft: Draft) {
        self.recovered = Some(Box::new(draft));
        self.modals.push(Modal::Confirm(Confirm {
            kind: ConfirmKind::Recover,
            selected: 0,
        }));
    }

    /// How far the reminders look.
    pub fn window(&self) -> crate::domain::reminders::Window {
        crate::domain::reminders::Window {
            days: self.window_days,
            retention_months: self.retention_months,
        }
    }

    /// The name of student `id`, or "" if unknown.
    pub fn student_name(&self, id: StudentId) -> &str {
        self.students.get(id).map_or("", |s| s.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(id: u64, name: &str) -> StudentSummary {
        let mut case = crate::domain::case::tests_support::case();
        case.student.id = StudentId(id);
        case.student.name = name.into();
        StudentSummary::of(&case)
    }

    #[test]
    fn a_renamed_student_moves_in_the_list_and_stays_selected() {
        let mut list = StudentList::new(vec![
            summary(1, "Anna"),
            summary(2, "Bo"),
            summary(3, "Carl"),
        ]);
        list.select(StudentId(2));
        list.upsert(summary(2, "Åge"));
        let names: Vec<_> = list.all.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, vec!["Anna", "Carl", "Åge"]);
        assert_eq!(list.selected_id(), Some(StudentId(2)));
        list.upsert(summary(4, "Bent"));
        assert_eq!(list.selected_id(), Some(StudentId(2)));
        assert_eq!(
            list.get(StudentId(4)).map(|s| s.name.as_str()),
            Some("Bent")
        );
    }

    #[test]
    fn one_pass_over_everyone_finds_each_student_holding_a_word_once_and_never_across_two() {
        let texts: Vec<String> = ["anna bo", "bo", "", "hanna annette", "ab"]
            .map(String::from)
            .to_vec();
        let joined = Joined::of(&texts);
        assert_eq!(joined.holding("an"), vec![0, 3]);
        assert_eq!(joined.holding("bo"), vec![0, 1]);
        assert_eq!(
            joined.holding("ab"),
            vec![4],
            "not the end of one and the start of the next"
        );
        assert_eq!(joined.holding("x"), Vec::<usize>::new());
        for word in ["a", "n", "nn", "o", "b", "te"] {
            let naive: Vec<usize> = (0..texts.len())
                .filter(|&i| texts[i].contains(word))
                .collect();
            assert_eq!(joined.holding(word), naive, "{word}");
        }
    }

    #[test]
    fn many_students_saved_at_once_sort_and_filter_as_one_at_a_time_would() {
        let start = vec![summary(1, "Anna"), summary(2, "Bo"), summary(3, "Carl")];
        let changes = vec![
            summary(2, "Åge"),
            summary(4, "Bent"),
            summary(5, "anders"),
            summary(3, "Carl"),
        ];
        let mut one_by_one = StudentList::new(start.clone());
        let mut at_once = StudentList::new(start);
        for list in [&mut one_by_one, &mut at_once] {
            list.filter = "a".into();
            list.refilter();
            list.select(StudentId(3));
        }
        for s in changes.clone() {
            one_by_one.upsert(s);
        }
        at_once.upsert_many(changes);
        let names = |l: &StudentList| l.all.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&at_once), names(&one_by_one));
        assert_eq!(names(&at_once), ["anders", "Anna", "Bent", "Carl", "Åge"]);
        assert_eq!(shown(&at_once), shown(&one_by_one));
        assert_eq!(at_once.selected_id(), Some(StudentId(3)));
        assert_eq!(
            at_once.get(StudentId(2)).map(|s| s.name.as_str()),
            Some("Åge")
        );
    }

    /// The names the filter shows.
    fn shown(list: &StudentList) -> Vec<&str> {
        list.visible
            .iter()
            .map(|&i| list.all[i].name.as_str())
            .collect()
    }

    #[test]
    fn typing_backspacing_and_changing_the_filter_shows_what_a_fresh_filter_would() {
        let names = [
            "Anna Berg",
            "Bo Andersen",
            "Carl Bang",
            "Dorthe Ås",
            "Erik Bo",
            "Åse Banke",
        ];
        let all: Vec<_> = (1..).zip(names).map(|(i, n)| summary(i, n)).collect();
        let mut list = StudentList::new(all.clone());
        let mut typed = String::new();
        // Type, add a word, take letters back, type something else.
        let steps = [
            "b", "ba", "ban", "ban ", "ban k", "ban", "b", "", "bo", "bo a",
        ];
        for step in steps {
            typed.clear();
            typed.push_str(step);
            list.filter = typed.clone();
            list.refilter();
            let mut fresh = StudentList::new(all.clone());
            fresh.filter = typed.clone();
            fresh.refilter();
            assert_eq!(shown(&list), shown(&fresh), "after typing {step:?}");
        }
        assert!(shown(&list).contains(&"Bo Andersen"));
        assert!(!shown(&list).contains(&"Anna Berg"));
    }

    #[test]
    fn a_student_changed_while_filtered_comes_into_the_filter() {
        let mut list = StudentList::new(vec![summary(1, "Anna"), summary(2, "Bo")]);
        list.filter = "odense".into();
        list.refilter();
        assert!(shown(&list).is_empty());
        let mut moved = summary(2, "Bo");
        moved.workplace = "Odense Plejecenter".into();
        list.upsert(moved);
        assert_eq!(shown(&list), vec!["Bo"]);
        // Narrowing from here still sees the changed student.
        list.filter = "odense p".into();
        list.refilter();
        assert_eq!(shown(&list), vec!["Bo"]);
    }

    #[test]
    fn students_read_after_the_first_screen_keep_the_filter_and_changes_saved_meanwhile() {
        let mut list = StudentList::loading();
        // While the list is read: a filter is typed, one student saved, one erased.
        list.filter = "b".into();
        list.refilter();
        assert!(list.selected().is_none());
        list.upsert(summary(2, "Bodil"));
        list.upsert(summary(4, "Bent"));
        list.remove(StudentId(3));
        // What was read predates those changes.
        list.loaded(StudentList::ready(vec![
            summary(1, "Anna"),
            summary(2, "Bo"),
            summary(3, "Birk"),
        ]));
        assert!(!list.loading);
        let names: Vec<_> = list.all.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, vec!["Anna", "Bent", "Bodil"]);
        let mut fresh = StudentList::new(vec![
            summary(1, "Anna"),
            summary(2, "Bodil"),
            summary(4, "Bent"),
        ]);
        fresh.filter = "b".into();
        fresh.refilter();
        assert_eq!(shown(&list), shown(&fresh));
        assert!(shown(&list).contains(&"Bent"));
        assert_eq!(list.filter, "b");
    }

    #[test]
    fn danish_names_sort_with_ae_oe_aa_last() {
        let mut names = vec!["Åse", "Øjvind", "Ærbar", "Zeta", "anna"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, vec!["anna", "Zeta", "Ærbar", "Øjvind", "Åse"]);
    }
}
