//! What needs doing and when: due items derived from a case, and the reminders shown for a
//! given day.
//!
//! Due items do not depend on today's date, so storage can keep them in a date-ordered
//! index that is updated whenever a case changes; startup then reads only the part of the
//! index up to the end of the reminder window instead of every record.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::agreement::AgreementStatus;
use super::case::Case;
use super::conversation::ConversationState;
use super::course::TRIAL_REMINDER_DAYS;
use super::ids::StudentId;
use super::student::Level;

/// The kinds of reminder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DueKind {
    /// A follow-up date was agreed and no later conversation is planned yet.
    FollowUp,
    /// A planned conversation; past its date it still waits to be registered as held.
    Conversation,
    /// An open agreement with a due date.
    Agreement,
    /// A held conversation whose minutes are not finalized (due 2 days after the meeting).
    MinutesPending,
    /// The type was raised but no conversation of the new type is planned.
    LevelWithoutConversation,
    /// Finalized minutes have not reached everyone the rules require (due 2 days after).
    DistributionPending,
    /// A student who completed, dropped out or transferred: review whether their data is
    /// still needed (dated when the status was set; shown after the retention period).
    RetentionReview,
    /// The trial period ends: shown from 30 days before its end, again 14 and 7 days
    /// before (each stage has its own snooze and done mark), and after the end until done.
    TrialPeriodEnds,
    /// No team meeting is planned and the last was more than four months ago (or none has
    /// been held since the team file was started); or a planned one has passed unregistered.
    TeamMeetingDue,
    /// A consent to share information runs out: shown from 30 days before its last day.
    ConsentExpires,
}

impl DueKind {
    /// Whether its items are stored dated before the day they are shown at (see
    /// [`as_shown`]), so that the index is read far enough ahead for them.
    pub fn shown_later(self) -> bool {
        matches!(self, DueKind::TrialPeriodEnds | DueKind::ConsentExpires)
    }

    /// Every kind, in a fixed order used for keys and sorting.
    pub const ALL: [DueKind; 10] = [
        DueKind::FollowUp,
        DueKind::Conversation,
        DueKind::Agreement,
        DueKind::MinutesPending,
        DueKind::LevelWithoutConversation,
        DueKind::DistributionPending,
        DueKind::RetentionReview,
        DueKind::TrialPeriodEnds,
        DueKind::TeamMeetingDue,
        DueKind::ConsentExpires,
    ];

    /// A small stable code for storage keys.
    pub fn code(self) -> u8 {
        match self {
            DueKind::FollowUp => 1,
            DueKind::Conversation => 2,
            DueKind::Agreement => 3,
            DueKind::MinutesPending => 4,
            DueKind::LevelWithoutConversation => 5,
            DueKind::DistributionPending => 6,
            DueKind::RetentionReview => 7,
            DueKind::TrialPeriodEnds => 8,
            DueKind::TeamMeetingDue => 9,
            DueKind::ConsentExpires => 10,
        }
    }

    /// The kind with the given storage code.
    pub fn from_code(code: u8) -> Option<DueKind> {
        DueKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether the reminder shows up ahead of its date (within the reminder window) or only
    /// once the date is reached.
    fn shows_ahead(self) -> bool {
        matches!(
            self,
            DueKind::FollowUp | DueKind::Conversation | DueKind::Agreement
        )
    }
}

/// Days after a conversation was held before unfinalized minutes are a reminder.
pub const MINUTES_GRACE_DAYS: i64 = 2;
/// Days after finalizing before incomplete distribution is a reminder.
pub const DISTRIBUTION_GRACE_DAYS: i64 = 2;
/// Months after a student finished before their data is up for review, by default.
pub const DEFAULT_RETENTION_MONTHS: u32 = 12;

/// How far reminders look: days ahead for coming items, and the retention period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub days: u32,
    pub retention_months: u32,
}

impl From<u32> for Window {
    /// `days` ahead with the default retention period.
    fn from(days: u32) -> Window {
        Window {
            days,
            retention_months: DEFAULT_RETENTION_MONTHS,
        }
    }
}

/// Something that falls due on a date for one student.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DueItem {
    pub date: NaiveDate,
    pub kind: DueKind,
    pub student: StudentId,
    /// The conversation or agreement concerned; the student's id for level reminders.
    pub subject: u64,
    /// The conversation type concerned, where there is one.
    pub level: Option<Level>,
    /// What the reminder is about in a few words: an agreement's text, a meeting's time.
    pub detail: String,
}

/// The longest detail kept in the due index; the full text stays in the record.
const DETAIL_CHARS: usize = 120;

fn detail(text: &str) -> String {
    let first = text.lines().next().unwrap_or("").trim();
    if first.chars().count() > DETAIL_CHARS {
        let cut: String = first.chars().take(DETAIL_CHARS - 1).collect();
        format!("{cut}…")
    } else {
        first.to_string()
    }
}

impl DueItem {
    /// The key under which the user's snooze or done mark for this item is kept. A new due
    /// date makes a new reminder, so an old mark does not hide it.
    pub fn key(&self) -> ReminderKey {
        ReminderKey {
            kind: self.kind,
            subject: self.subject,
            date: if self.kind == DueKind::TrialPeriodEnds {
                trial_stage_of(self)
            } else {
                self.date
            },
        }
    }
}

/// Identifies one reminder for snoozing or marking done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ReminderKey {
    pub kind: DueKind,
    pub subject: u64,
    pub date: NaiveDate,
}

/// What the user did with a reminder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mark {
    /// Hidden until this day.
    SnoozedUntil(NaiveDate),
    /// Dismissed for good.
    Done,
}

/// Everything in `case` that falls due, whatever today's date.
pub fn due_items(case: &Case) -> Vec<DueItem> {
    let student = &case.student;
    if !student.status.is_followed_up() {
        return retention(case).into_iter().collect();
    }
    let sid = student.id;
    let mut items = Vec::new();
    let live = || case.conversations.iter().filter(|c| c.is_live());

    if let Some(last) = case.last_held()
        && let Some(follow_up) = last.follow_up
    {
        let covered = live().any(|c| c.id != last.id && c.planned_at.date() > last.date());
        if !covered {
            items.push(DueItem {
                date: follow_up,
                kind: DueKind::FollowUp,
                student: sid,
                subject: last.id.0,
                level: last.next_level,
                detail: String::new(),
            });
        }
    }
    for c in live() {
        match c.state {
            ConversationState::Planned => items.push(DueItem {
                date: c.planned_at.date(),
                kind: DueKind::Conversation,
                student: sid,
                subject: c.id.0,
                level: Some(c.level),
                detail: c.planned_at.format("%H:%M").to_string(),
            }),
            ConversationState::Held { on } => items.push(DueItem {
                date: on + Duration::days(MINUTES_GRACE_DAYS),
                kind: DueKind::MinutesPending,
                student: sid,
                subject: c.id.0,
                level: Some(c.level),
                detail: String::new(),
            }),
            ConversationState::Finalized { at, .. } if !missing_recipients(c).is_empty() => items
                .push(DueItem {
                    date: at.date() + Duration::days(DISTRIBUTION_GRACE_DAYS),
                    kind: DueKind::DistributionPending,
                    student: sid,
                    subject: c.id.0,
                    level: Some(c.level),
                    detail: c.date().format("%d.%m.%Y").to_string(),
                }),
            _ => {}
        }
    }
    for a in &case.agreements {
        if let (AgreementStatus::Open, Some(due)) = (a.status, a.due) {
            items.push(DueItem {
                date: due,
                kind: DueKind::Agreement,
                student: sid,
                subject: a.id.0,
                level: None,
                detail: detail(&a.text),
            });
        }
    }
    if let Some(item) = trial_period(case) {
        items.push(item);
    }
    items.extend(team_file(case));
    if let Some(raised) = student.level_raised_on {
        let planned = live().any(|c| c.level == student.level && c.planned_at.date() >= raised);
        if !planned {
            items.push(DueItem {
                date: raised,
                kind: DueKind::LevelWithoutConversation,
                student: sid,
                subject: sid.0,
                level: Some(student.level),
                detail: String::new(),
            });
        }
    }
    items.sort();
    items
}

/// The trial-period reminder of a student followed up, when the trial period ended no
/// earlier than the day the student was entered in Fokus (an old trial period is not
/// news). Stored dated at the first stage, 30 days before the end, so the index reads it
/// in time; [`as_shown`] gives the form the user sees.
fn trial_period(case: &Case) -> Option<DueItem> {
    let end = case.student.trial_end();
    let first = end.checked_sub_signed(Duration::days(TRIAL_REMINDER_DAYS[0]))?;
    let entered = case.events.first().map(|e| e.at.date())?;
    if end < entered {
        return None;
    }
    Some(DueItem {
        date: first,
        kind: DueKind::TrialPeriodEnds,
        student: case.id(),
        subject: case.id().0,
        level: None,
        detail: String::new(),
    })
}

/// The team meeting due and the consents running out, for a student with a team file.
/// A consent's item is dated when its reminder starts, 30 days before its last day, which
/// its `detail` holds.
fn team_file(case: &Case) -> Vec<DueItem> {
    use super::cooperation::{CONSENT_REMINDER_DAYS, MeetingDue};
    let team = &case.student.team;
    let mut items = Vec::new();
    if let Some(due) = team.meeting_due() {
        let detail = match due {
            MeetingDue::Planned(on) => on.format("%d.%m.%Y").to_string(),
            MeetingDue::Overdue { last, .. } => last.format("%d.%m.%Y").to_string(),
            MeetingDue::NoneHeld { .. } => String::new(),
        };
        items.push(DueItem {
            date: due.date(),
            kind: DueKind::TeamMeetingDue,
            student: case.id(),
            subject: case.id().0,
            level: None,
            detail,
        });
    }
    for (consent, from) in team.expiring_consents() {
        items.push(DueItem {
            date: from,
            kind: DueKind::ConsentExpires,
            student: case.id(),
            subject: consent.id,
            level: None,
            detail: (from + Duration::days(CONSENT_REMINDER_DAYS))
                .format("%d.%m.%Y")
                .to_string(),
        });
    }
    items
}

/// The last day of the trial period a stored trial-period item is about.
pub fn trial_end_of(stored: &DueItem) -> NaiveDate {
    stored.date + Duration::days(TRIAL_REMINDER_DAYS[0])
}

/// An item of the due index as the user sees it on `today`. A trial-period item is dated
/// at the trial period's end, and its `detail` names the stage reached (30, 14 or 7 days
/// before the end) so that each stage has its own key: a mark on one leaves the next.
/// A consent's item is dated at its last valid day. Every other item is shown as stored.
pub fn as_shown(stored: &DueItem, today: NaiveDate) -> DueItem {
    if stored.kind == DueKind::ConsentExpires {
        return DueItem {
            date: stored.date + Duration::days(super::cooperation::CONSENT_REMINDER_DAYS),
            ..stored.clone()
        };
    }
    if stored.kind != DueKind::TrialPeriodEnds {
        return stored.clone();
    }
    let end = trial_end_of(stored);
    let stage = TRIAL_REMINDER_DAYS
        .iter()
        .map(|d| end - Duration::days(*d))
        .filter(|d| *d <= today)
        .max()
        .unwrap_or(stored.date);
    DueItem {
        date: end,
        detail: stage.format("%d.%m.%Y").to_string(),
        ..stored.clone()
    }
}

/// The stage a shown trial-period item is at (see [`as_shown`]).
fn trial_stage_of(shown: &DueItem) -> NaiveDate {
    crate::domain::dates::parse_date(&shown.detail, shown.date)
        .unwrap_or(shown.date - Duration::days(TRIAL_REMINDER_DAYS[0]))
}

/// The retention review of a student no longer followed up, dated when their status was
/// last set (or when they were registered, if it never changed).
fn retention(case: &Case) -> Option<DueItem> {
    let since = case
        .events
        .iter()
        .rev()
        .find_map(|e| match e.kind {
            super::timeline::EventKind::StatusChanged { to, .. } if to == case.student.status => {
                Some(e.at.date())
            }
            _ => None,
        })
        .or_else(|| case.events.first().map(|e| e.at.date()))?;
    Some(DueItem {
        date: since,
        kind: DueKind::RetentionReview,
        student: case.id(),
        subject: case.id().0,
        level: None,
        detail: String::new(),
    })
}

/// The recipients the rules require that finalized minutes have not been sent to yet.
pub fn missing_recipients(c: &super::conversation::Conversation) -> Vec<super::rules::Recipient> {
    if !c.distribution_tracked {
        return Vec::new();
    }
    super::rules::distribution(c.level)
        .iter()
        .filter(|(r, required)| *required && !c.distribution.iter().any(|s| s.recipient == *r))
        .map(|(r, _)| *r)
        .collect()
}

/// How pressing a reminder is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    Overdue,
    Today,
    Upcoming,
}

/// A reminder to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reminder {
    pub item: DueItem,
    pub urgency: Urgency,
}

/// The last date whose items can show up today with a window of `window_days`; storage
/// reads the due index up to this date.
pub fn horizon(today: NaiveDate, window_days: u32) -> NaiveDate {
    today
        .checked_add_signed(Duration::days(i64::from(window_days)))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether `item` is a reminder today, and how urgent; `None` when it is not yet time.
pub fn urgency(item: &DueItem, today: NaiveDate, window: impl Into<Window>) -> Option<Urgency> {
    let window = window.into();
    if item.kind == DueKind::TrialPeriodEnds {
        // Shown form: dated at the end, visible from its stage on.
        if trial_stage_of(item) > today {
            return None;
        }
        return Some(match item.date.cmp(&today) {
            std::cmp::Ordering::Less => Urgency::Overdue,
            std::cmp::Ordering::Equal => Urgency::Today,
            std::cmp::Ordering::Greater => Urgency::Upcoming,
        });
    }
    if item.kind == DueKind::ConsentExpires {
        // Shown form: dated at the last day, visible from 30 days before it; overdue once
        // that day has passed.
        let last_day = item.date;
        if last_day - Duration::days(super::cooperation::CONSENT_REMINDER_DAYS) > today {
            return None;
        }
        return Some(match last_day.cmp(&today) {
            std::cmp::Ordering::Less => Urgency::Overdue,
            std::cmp::Ordering::Equal => Urgency::Today,
            std::cmp::Ordering::Greater => Urgency::Upcoming,
        });
    }
    let last_visible = if item.kind == DueKind::RetentionReview {
        today
            .checked_sub_months(chrono::Months::new(window.retention_months))
            .unwrap_or(today)
    } else if item.kind.shows_ahead() {
        horizon(today, window.days)
    } else {
        today
    };
    if item.date > last_visible {
        None
    } else if item.date < today
        || matches!(
            item.kind,
            DueKind::MinutesPending
                | DueKind::LevelWithoutConversation
                | DueKind::DistributionPending
                | DueKind::RetentionReview
                | DueKind::TeamMeetingDue
        )
    {
        Some(Urgency::Overdue)
    } else if item.date == today {
        Some(Urgency::Today)
    } else {
        Some(Urgency::Upcoming)
    }
}

/// The reminders to show today: items that are due within the window, not marked done and
/// not snoozed past today, most pressing first and then by date.
pub fn reminders(
    items: &[DueItem],
    mark: impl Fn(&ReminderKey) -> Option<Mark>,
    today: NaiveDate,
    window: impl Into<Window>,
) -> Vec<Reminder> {
    let window = window.into();
    let mut out: Vec<Reminder> = items
        .iter()
        .filter_map(|item| {
            let item = &as_shown(item, today);
            let urgency = urgency(item, today, window)?;
            match mark(&item.key()) {
                Some(Mark::Done) => None,
                Some(Mark::SnoozedUntil(until)) if until > today => None,
                _ => Some(Reminder {
                    item: item.clone(),
                    urgency,
                }),
            }
        })
        .collect();
    in_shown_order(&mut out);
    out
}

/// Puts reminders in the order they are shown: most pressing first, then by date, kind
/// and student.
pub fn in_shown_order(list: &mut [Reminder]) {
    list.sort_by(|a, b| {
        (a.urgency, a.item.date, a.item.kind, a.item.student).cmp(&(
            b.urgency,
            b.item.date,
            b.item.kind,
            b.item.student,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agreement::{Agreement, AgreementOwner};
    use crate::domain::case::tests_support::{case, conv, day};
    use crate::domain::ids::{AgreementId, ConversationId};
    use crate::domain::student::StudentStatus;

    /// The test student (start 1 Feb 2026, trial period to 30 Apr 2026) entered on `on`.
    fn entered(on: NaiveDate) -> Case {
        let mut c = case();
        c.events.push(crate::domain::Event {
            id: crate::domain::EventId(1),
            student: c.id(),
            at: on.and_hms_opt(9, 0, 0).unwrap(),
            by: crate::domain::Actor::new("Hanne Krogh", crate::domain::Role::EducationOfficer, ""),
            kind: crate::domain::EventKind::Created,
        });
        c
    }

    fn trial_shown(c: &Case, today: NaiveDate, marks: &[ReminderKey]) -> Vec<Reminder> {
        let items = due_items(c);
        reminders(
            &items,
            |k| marks.contains(k).then_some(Mark::Done),
            today,
            7,
        )
        .into_iter()
        .filter(|r| r.item.kind == DueKind::TrialPeriodEnds)
        .collect()
    }

    #[test]
    fn the_trial_period_is_reminded_30_14_and_7_days_before_and_each_stage_can_be_done() {
        let c = entered(day(2, 1));
        assert!(
            trial_shown(&c, day(3, 30), &[]).is_empty(),
            "31 days before"
        );
        let first = trial_shown(&c, day(3, 31), &[]);
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].item.date, day(4, 30), "dated at the end");
        assert_eq!(first[0].urgency, Urgency::Upcoming);
        // Done at 30 days: gone until 14 days before, then back.
        let done = [first[0].item.key()];
        assert!(trial_shown(&c, day(4, 15), &done).is_empty());
        let second = trial_shown(&c, day(4, 16), &done);
        assert_eq!(second.len(), 1);
        let done = [done[0], second[0].item.key()];
        assert!(trial_shown(&c, day(4, 22), &done).is_empty());
        let third = trial_shown(&c, day(4, 23), &done);
        assert_eq!(third.len(), 1);
        assert_eq!(
            trial_shown(&c, day(4, 30), &done)[0].urgency,
            Urgency::Today
        );
        // Not done at 7 days: after the end it stays, overdue, until it is.
        assert_eq!(
            trial_shown(&c, day(5, 20), &done)[0].urgency,
            Urgency::Overdue
        );
        let all = [done[0], done[1], third[0].item.key()];
        assert!(trial_shown(&c, day(5, 20), &all).is_empty());
    }

    #[test]
    fn school_periods_move_the_reminder_and_an_old_trial_period_is_not_reminded() {
        let mut c = entered(day(2, 1));
        c.student.school_periods = vec![crate::domain::SchoolPeriod::new(day(3, 1), day(3, 14))];
        let shown = trial_shown(&c, day(4, 16), &[]);
        assert_eq!(shown[0].item.date, day(5, 14));
        // Entered after the trial period ended: nothing to remind.
        let late = entered(day(6, 1));
        assert!(trial_shown(&late, day(6, 2), &[]).is_empty());
        // A course that ended has no trial-period reminder.
        let mut ended = entered(day(2, 1));
        ended.student.status = StudentStatus::DroppedOut;
        assert!(trial_shown(&ended, day(4, 20), &[]).is_empty());
    }

    fn kinds(items: &[DueItem]) -> Vec<DueKind> {
        items.iter().map(|i| i.kind).collect()
    }

    #[test]
    fn a_planned_conversation_is_due_on_its_date() {
        let mut c = case();
        c.conversations
            .push(conv(1, day(11, 27), ConversationState::Planned));
        let items = due_items(&c);
        assert_eq!(kinds(&items), vec![DueKind::Conversation]);
        assert_eq!(items[0].date, day(11, 27));
    }

    #[test]
    fn an_agreed_follow_up_is_due_until_a_later_conversation_is_planned() {
        let mut c = case();
        let mut held = conv(
            1,
            day(11, 2),
            ConversationState::Finalized {
                held_on: day(11, 2),
                at: day(11, 3).and_hms_opt(8, 0, 0).unwrap(),
                by: crate::domain::Actor::login_only("x"),
            },
        );
        held.follow_up = Some(day(11, 16));
        c.conversations.push(held);
        assert!(kinds(&due_items(&c)).contains(&DueKind::FollowUp));
        c.conversations
            .push(conv(2, day(11, 30), ConversationState::Planned));
        let after = kinds(&due_items(&c));
        assert!(!after.contains(&DueKind::FollowUp));
        assert!(after.contains(&DueKind::Conversation));
    }

    #[test]
    fn a_cancelled_follow_up_conversation_brings_the_follow_up_back() {
        let mut c = case();
        let mut held = conv(1, day(11, 2), ConversationState::Held { on: day(11, 2) });
        held.follow_up = Some(day(11, 16));
        c.conversations.push(held);
        c.conversations.push(conv(
            2,
            day(11, 30),
            ConversationState::Cancelled {
                reason: "syg".into(),
            },
        ));
        assert!(kinds(&due_items(&c)).contains(&DueKind::FollowUp));
    }

    #[test]
    fn held_minutes_are_due_two_days_after_the_meeting() {
        let mut c = case();
        c.conversations.push(conv(
            1,
            day(11, 20),
            ConversationState::Held { on: day(11, 20) },
        ));
        let items = due_items(&c);
        assert_eq!(kinds(&items), vec![DueKind::MinutesPending]);
        assert_eq!(items[0].date, day(11, 22));
        assert_eq!(urgency(&items[0], day(11, 21), 7), None);
        assert_eq!(urgency(&items[0], day(11, 22), 7), Some(Urgency::Overdue));
    }

    #[test]
    fn open_agreements_with_a_due_date_are_due_and_met_ones_are_not() {
        let mut c = case();
        let mut a = Agreement {
            id: AgreementId(9),
            student: c.id(),
            text: "x".into(),
            owner: AgreementOwner::Workplace,
            owner_name: String::new(),
            due: Some(day(11, 25)),
            status: AgreementStatus::Open,
            made_in: ConversationId(1),
            reviewed_in: None,
        };
        c.agreements.push(a.clone());
        assert_eq!(kinds(&due_items(&c)), vec![DueKind::Agreement]);
        a.status = AgreementStatus::Met;
        c.agreements = vec![a];
        assert!(due_items(&c).is_empty());
    }

    #[test]
    fn a_raised_type_without_a_planned_conversation_of_that_type_is_due() {
        let mut c = case();
        c.student.level = Level::Two;
        c.student.level_raised_on = Some(day(11, 10));
        assert_eq!(
            kinds(&due_items(&c)),
            vec![DueKind::LevelWithoutConversation]
        );
        let mut type1 = conv(1, day(11, 28), ConversationState::Planned);
        type1.level = Level::One;
        c.conversations.push(type1);
        assert!(kinds(&due_items(&c)).contains(&DueKind::LevelWithoutConversation));
        let mut type2 = conv(2, day(11, 29), ConversationState::Planned);
        type2.level = Level::Two;
        c.conversations.push(type2);
        assert!(!kinds(&due_items(&c)).contains(&DueKind::LevelWithoutConversation));
    }

    #[test]
    fn finished_students_raise_no_reminders() {
        let mut c = case();
        c.conversations
            .push(conv(1, day(11, 27), ConversationState::Planned));
        c.student.status = StudentStatus::Completed;
        assert!(due_items(&c).is_empty());
    }

    #[test]
    fn the_window_decides_how_far_ahead_conversations_show() {
        let mut c = case();
        c.conversations
            .push(conv(1, day(11, 30), ConversationState::Planned));
        let items = due_items(&c);
        let today = day(11, 23);
        assert_eq!(reminders(&items, |_| None, today, 7).len(), 1);
        assert_eq!(reminders(&items, |_| None, today, 6).len(), 0);
        assert_eq!(
            reminders(&items, |_| None, day(11, 30), 0)[0].urgency,
            Urgency::Today
        );
        assert_eq!(
            reminders(&items, |_| None, day(12, 1), 7)[0].urgency,
            Urgency::Overdue
        );
    }

    #[test]
    fn snoozed_reminders_return_on_the_chosen_day_and_done_ones_never() {
        let mut c = case();
        c.conversations
            .push(conv(1, day(11, 20), ConversationState::Planned));
        let items = due_items(&c);
        let key = items[0].key();
        let snoozed = |k: &ReminderKey| (*k == key).then_some(Mark::SnoozedUntil(day(11, 25)));
        assert!(reminders(&items, snoozed, day(11, 24), 7).is_empty());
        assert_eq!(reminders(&items, snoozed, day(11, 25), 7).len(), 1);
        let done = |k: &ReminderKey| (*k == key).then_some(Mark::Done);
        assert!(reminders(&items, done, day(12, 25), 7).is_empty());
    }

    #[test]
    fn overdue_reminders_come_before_todays_and_upcoming_ones() {
        let mut c = case();
        c.conversations
            .push(conv(1, day(11, 26), ConversationState::Planned));
        c.conversations
            .push(conv(2, day(11, 23), ConversationState::Planned));
        c.conversations
            .push(conv(3, day(11, 1), ConversationState::Planned));
        let r = reminders(&due_items(&c), |_| None, day(11, 23), 7);
        let order: Vec<_> = r.iter().map(|r| r.urgency).collect();
        assert_eq!(
            order,
            vec![Urgency::Overdue, Urgency::Today, Urgency::Upcoming]
        );
    }

    #[test]
    fn an_agreement_reminder_carries_the_first_line_of_its_text_shortened() {
        let mut c = case();
        c.agreements.push(Agreement {
            id: AgreementId(9),
            student: c.id(),
            text: format!("{}\nanden linje", "x".repeat(300)),
            owner: AgreementOwner::Workplace,
            owner_name: String::new(),
            due: Some(day(11, 25)),
            status: AgreementStatus::Open,
            made_in: ConversationId(1),
            reviewed_in: None,
        });
        let detail = &due_items(&c)[0].detail;
        assert_eq!(detail.chars().count(), DETAIL_CHARS);
        assert!(detail.ends_with('…'));
    }

    #[test]
    fn finished_students_come_up_for_review_after_the_retention_period() {
        use crate::domain::timeline::{Event, EventKind};
        let mut c = case();
        c.student.status = StudentStatus::Completed;
        c.events.push(Event {
            id: crate::domain::EventId(1),
            student: c.id(),
            at: day(1, 10).and_hms_opt(12, 0, 0).unwrap(),
            by: crate::domain::Actor::login_only("x"),
            kind: EventKind::StatusChanged {
                from: StudentStatus::Active,
                to: StudentStatus::Completed,
            },
        });
        let items = due_items(&c);
        assert_eq!(kinds(&items), vec![DueKind::RetentionReview]);
        assert_eq!(items[0].date, day(1, 10));
        let twelve = Window {
            days: 7,
            retention_months: 12,
        };
        let nine = Window {
            days: 7,
            retention_months: 9,
        };
        assert!(reminders(&items, |_| None, day(11, 23), twelve).is_empty());
        assert_eq!(reminders(&items, |_| None, day(11, 23), nine).len(), 1);
        let next_year = NaiveDate::from_ymd_opt(2027, 1, 10).unwrap();
        assert_eq!(reminders(&items, |_| None, next_year, twelve).len(), 1);
    }

    #[test]
    fn due_kind_codes_round_trip() {
        for k in DueKind::ALL {
            assert_eq!(DueKind::from_code(k.code()), Some(k));
        }
        assert_eq!(DueKind::from_code(0), None);
    }

    #[test]
    fn a_team_meeting_reminder_comes_when_the_last_meeting_is_more_than_four_months_old() {
        use crate::domain::cooperation::{TeamFile, TeamMeeting};
        let mut c = case();
        c.student.team = TeamFile {
            coordinator: "Lene Vest".into(),
            started: Some(day(1, 5)),
            meetings: vec![TeamMeeting {
                id: 1,
                on: day(6, 15),
                participants: vec!["Amira Hassan".into()],
                goals_reviewed: true,
                interventions_changed: false,
                next_on: None,
                note: String::new(),
            }],
            ..TeamFile::default()
        };
        let items: Vec<_> = due_items(&c)
            .into_iter()
            .filter(|i| i.kind == DueKind::TeamMeetingDue)
            .collect();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].date, day(10, 16));
        assert!(
            reminders(&items, |_| None, day(10, 15), 30).is_empty(),
            "not shown ahead"
        );
        let shown = reminders(&items, |_| None, day(10, 16), 7);
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].urgency, Urgency::Overdue);
        // A meeting planned: nothing until the day after it.
        c.student.team.meetings[0].next_on = Some(day(11, 2));
        let items = due_items(&c);
        let planned = items
            .iter()
            .find(|i| i.kind == DueKind::TeamMeetingDue)
            .unwrap();
        assert_eq!(planned.date, day(11, 3));
        // Without a team file, no reminder at all.
        c.student.team = TeamFile::default();
        assert!(
            due_items(&c)
                .iter()
                .all(|i| i.kind != DueKind::TeamMeetingDue)
        );
    }

    #[test]
    fn a_consent_reminder_shows_from_thirty_days_before_it_runs_out() {
        use crate::domain::cooperation::{Consent, TeamFile};
        let mut c = case();
        c.student.team = TeamFile {
            consents: vec![Consent {
                id: 77,
                shares: "Fremmøde".into(),
                parties: vec!["SOSU Esbjerg".into()],
                given_on: day(1, 10),
                valid_until: Some(day(12, 31)),
                withdrawn_on: None,
            }],
            ..TeamFile::default()
        };
        let items: Vec<_> = due_items(&c)
            .into_iter()
            .filter(|i| i.kind == DueKind::ConsentExpires)
            .collect();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].date, day(12, 1));
        assert_eq!(items[0].subject, 77);
        assert!(reminders(&items, |_| None, day(11, 30), 7).is_empty());
        let first = reminders(&items, |_| None, day(12, 1), 7);
        assert_eq!(first[0].urgency, Urgency::Upcoming);
        assert_eq!(
            reminders(&items, |_| None, day(12, 31), 7)[0].urgency,
            Urgency::Today
        );
        let after = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(
            reminders(&items, |_| None, after, 7)[0].urgency,
            Urgency::Overdue
        );
        // Withdrawn: no reminder.
        c.student.team.consents[0].withdrawn_on = Some(day(6, 1));
        assert!(
            due_items(&c)
                .iter()
                .all(|i| i.kind != DueKind::ConsentExpires)
        );
    }
}
