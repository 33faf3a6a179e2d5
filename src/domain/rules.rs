//! The cooperation agreement's rules: who attends, who writes the decision minutes, what
//! the minutes must contain before they can be finalized, and where they go.

use chrono::NaiveDate;

use super::agreement::Agreement;
use super::conversation::{Conversation, ConversationState, Role};
use super::student::Level;

/// Roles that must take part in a conversation of `level`.
pub fn required_roles(level: Level) -> &'static [Role] {
    match level {
        Level::One => &[Role::Student, Role::Supervisor, Role::EducationOfficer],
        Level::Two | Level::Three => &[
            Role::Student,
            Role::Supervisor,
            Role::EducationOfficer,
            Role::EmployingAuthority,
        ],
    }
}

/// Roles that may be invited to a conversation of `level` in addition to the required ones.
pub fn optional_roles(level: Level) -> &'static [Role] {
    match level {
        Level::One => &[],
        Level::Two | Level::Three => &[Role::SchoolCounsellor, Role::WorkplaceManager],
    }
}

/// The role whose holder writes the decision minutes (beslutningsreferat).
pub fn minute_taker_role(level: Level) -> Role {
    match level {
        Level::One => Role::EducationOfficer,
        Level::Two | Level::Three => Role::EmployingAuthority,
    }
}

/// The type the rules expect the next conversation to have when nothing else is chosen:
/// type 2 and 3 are followed up by a conversation of the same type.
pub fn expected_next_level(level: Level) -> Option<Level> {
    match level {
        Level::One => None,
        Level::Two | Level::Three => Some(level),
    }
}

/// Something the minutes lack before they may be finalized.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    /// The conversation has not been registered as held.
    NotHeld,
    /// The meeting's day has not come yet: it cannot have been held.
    MeetingAhead { on: NaiveDate },
    /// Held, but nobody is ticked as having attended.
    Attendance,
    /// A required participant is not listed by name.
    Participant(Role),
    /// The minute-taker does not have the role the rules name for this type.
    MinuteTaker { expected: Role },
    /// Item 2: the purpose / the identified learning needs.
    LearningNeeds,
    /// Item 3: how the workplace secures the learning conditions.
    WorkplaceSecures,
    /// Item 3: how the student commits to the effort.
    StudentCommits,
    /// At least one written agreement.
    Agreement,
    /// Item 4: the date of the follow-up conversation.
    FollowUpDate,
    /// The follow-up date is not after the conversation itself.
    FollowUpNotAfterConversation,
    /// Item 4: the type of the next conversation.
    NextLevel,
    /// The next conversation changes the case's type (escalation or de-escalation): the
    /// reason is required, as for any change of type.
    NextLevelReason { from: Level, to: Level },
}

/// Everything the minutes of `conversation` lack before they can be finalized on `today`,
/// in the order of the template. `agreements` are all the case's agreements; those made in
/// this conversation count. `student_level` is the case's type now: a next conversation of
/// another type changes it and needs a reason. An empty list means the minutes may be
/// finalized.
pub fn missing_for_finalize(
    conversation: &Conversation,
    agreements: &[Agreement],
    student_level: Level,
    today: NaiveDate,
) -> Vec<Missing> {
    let mut missing = Vec::new();
    let held = matches!(conversation.state, ConversationState::Held { .. });
    if conversation.date() > today {
        missing.push(Missing::MeetingAhead {
            on: conversation.date(),
        });
    } else if !held {
        missing.push(Missing::NotHeld);
    } else if !conversation.participants.iter().any(|p| p.attended) {
        missing.push(Missing::Attendance);
    }
    for role in required_roles(conversation.level) {
        if conversation.name_of(*role).trim().is_empty() {
            missing.push(Missing::Participant(*role));
        }
    }
    let expected_taker = minute_taker_role(conversation.level);
    if conversation.minute_taker != expected_taker {
        missing.push(Missing::MinuteTaker {
            expected: expected_taker,
        });
    }
    let m = &conversation.minutes;
    if m.learning_needs.trim().is_empty() {
        missing.push(Missing::LearningNeeds);
    }
    if m.workplace_secures.trim().is_empty() {
        missing.push(Missing::WorkplaceSecures);
    }
    if m.student_commits.trim().is_empty() {
        missing.push(Missing::StudentCommits);
    }
    if !agreements
        .iter()
        .any(|a| a.made_in == conversation.id && !a.text.trim().is_empty())
    {
        missing.push(Missing::Agreement);
    }
    match conversation.follow_up {
        None => missing.push(Missing::FollowUpDate),
        Some(date) if date <= conversation.date() => {
            missing.push(Missing::FollowUpNotAfterConversation)
        }
        Some(_) => {}
    }
    match conversation.next_level {
        None => missing.push(Missing::NextLevel),
        Some(next) => {
            if next != student_level && conversation.next_level_reason.trim().is_empty() {
                missing.push(Missing::NextLevelReason {
                    from: student_level,
                    to: next,
                });
            }
        }
    }
    missing
}

/// Whether a conversation dated `date` may be registered as held on `today`: not before
/// the meeting's day.
pub fn may_be_held(date: NaiveDate, today: NaiveDate) -> bool {
    date <= today
}

/// Someone the finalized minutes go to.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Recipient {
    /// Everyone who took part, by secure mail.
    Participants,
    /// The student uploads them to the training book (uddannelsesbogen).
    TrainingBook,
    /// The employing authority, for information (type 1; at types 2–3 it takes part).
    EmployingAuthority,
    /// SOSU Esbjerg, when relevant.
    School,
    /// The next workplace (kommende oplæringssted), when relevant.
    NextWorkplace,
}

/// Where the minutes of a conversation of `level` go, each with whether it is required.
pub fn distribution(level: Level) -> &'static [(Recipient, bool)] {
    match level {
        Level::One => &[
            (Recipient::Participants, true),
            (Recipient::TrainingBook, true),
            (Recipient::EmployingAuthority, true),
            (Recipient::School, false),
        ],
        Level::Two | Level::Three => &[
            (Recipient::Participants, true),
            (Recipient::TrainingBook, true),
            (Recipient::School, false),
            (Recipient::NextWorkplace, false),
        ],
    }
}

/// Why an escalation or de-escalation was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LevelChangeError {
    #[error("already at type 3")]
    AlreadyHighest,
    #[error("already at type 1")]
    AlreadyLowest,
    #[error("a reason is required")]
    ReasonRequired,
}

/// The level an escalation from `current` leads to, if a reason is given.
pub fn escalation(current: Level, reason: &str) -> Result<Level, LevelChangeError> {
    let to = current.raised().ok_or(LevelChangeError::AlreadyHighest)?;
    if reason.trim().is_empty() {
        return Err(LevelChangeError::ReasonRequired);
    }
    Ok(to)
}

/// The level a de-escalation from `current` leads to, if a reason is given.
pub fn deescalation(current: Level, reason: &str) -> Result<Level, LevelChangeError> {
    let to = current.lowered().ok_or(LevelChangeError::AlreadyLowest)?;
    if reason.trim().is_empty() {
        return Err(LevelChangeError::ReasonRequired);
    }
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agreement::{AgreementOwner, AgreementStatus};
    use crate::domain::conversation::{Initiator, Minutes, Participant};
    use crate::domain::ids::{AgreementId, ConversationId, StudentId};
    use chrono::NaiveDate;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    /// What finalizing lacks two days after the meeting, the case at the meeting's type.
    fn check(c: &Conversation, a: &[Agreement]) -> Vec<Missing> {
        missing_for_finalize(c, a, c.level, day(12))
    }

    fn participant(role: Role, name: &str) -> Participant {
        Participant {
            role,
            name: name.into(),
            attended: true,
        }
    }

    fn complete(level: Level) -> (Conversation, Vec<Agreement>) {
        let mut participants = vec![
            participant(Role::Student, "Anna"),
            participant(Role::Supervisor, "Bo"),
            participant(Role::EducationOfficer, "Carla"),
        ];
        if level != Level::One {
            participants.push(participant(Role::EmployingAuthority, "Dorte"));
        }
        let conversation = Conversation {
            id: ConversationId(7),
            student: StudentId(1),
            level,
            planned_at: day(10).and_hms_opt(9, 0, 0).unwrap(),
            place: "Mødelokale 2".into(),
            initiated_by: Initiator::Supervisor,
            participants,
            meeting_leader: Role::EducationOfficer,
            minute_taker: minute_taker_role(level),
            minutes: Minutes {
                learning_needs: "Dokumentation i journalen".into(),
                workplace_secures: "Fast vejleder to dage om ugen".into(),
                student_commits: "Eleven skriver dagligt notat".into(),
                ..Minutes::default()
            },
            follow_up: Some(day(24)),
            next_level: Some(level),
            next_level_reason: String::new(),
            state: ConversationState::Held { on: day(10) },
            addenda: vec![],
            distribution: vec![],
            distribution_tracked: true,
        };
        let agreements = vec![Agreement {
            id: AgreementId(1),
            student: StudentId(1),
            text: "Dagligt notat".into(),
            owner: AgreementOwner::Student,
            owner_name: String::new(),
            due: Some(day(24)),
            status: AgreementStatus::Open,
            made_in: ConversationId(7),
            reviewed_in: None,
        }];
        (conversation, agreements)
    }

    #[test]
    fn type_1_requires_student_supervisor_and_education_officer() {
        assert_eq!(
            required_roles(Level::One),
            &[Role::Student, Role::Supervisor, Role::EducationOfficer]
        );
        assert!(optional_roles(Level::One).is_empty());
    }

    #[test]
    fn types_2_and_3_also_require_the_employing_authority() {
        for level in [Level::Two, Level::Three] {
            assert!(required_roles(level).contains(&Role::EmployingAuthority));
            assert!(required_roles(level).contains(&Role::Student));
            assert_eq!(
                optional_roles(level),
                &[Role::SchoolCounsellor, Role::WorkplaceManager]
            );
        }
    }

    #[test]
    fn education_officer_writes_type_1_minutes_and_employing_authority_types_2_and_3() {
        assert_eq!(minute_taker_role(Level::One), Role::EducationOfficer);
        assert_eq!(minute_taker_role(Level::Two), Role::EmployingAuthority);
        assert_eq!(minute_taker_role(Level::Three), Role::EmployingAuthority);
    }

    #[test]
    fn complete_minutes_of_every_type_may_be_finalized() {
        for level in Level::ALL {
            let (c, a) = complete(level);
            assert_eq!(check(&c, &a), vec![], "type {level:?}");
        }
    }

    #[test]
    fn empty_held_minutes_list_everything_missing_in_template_order() {
        let (mut c, _) = complete(Level::Two);
        c.participants.clear();
        c.minutes = Minutes::default();
        c.follow_up = None;
        c.next_level = None;
        c.minute_taker = Role::Supervisor;
        assert_eq!(
            check(&c, &[]),
            vec![
                Missing::Attendance,
                Missing::Participant(Role::Student),
                Missing::Participant(Role::Supervisor),
                Missing::Participant(Role::EducationOfficer),
                Missing::Participant(Role::EmployingAuthority),
                Missing::MinuteTaker {
                    expected: Role::EmployingAuthority
                },
                Missing::LearningNeeds,
                Missing::WorkplaceSecures,
                Missing::StudentCommits,
                Missing::Agreement,
                Missing::FollowUpDate,
                Missing::NextLevel,
            ]
        );
    }

    #[test]
    fn a_planned_conversation_cannot_be_finalized_before_it_is_held() {
        let (mut c, a) = complete(Level::One);
        c.state = ConversationState::Planned;
        assert_eq!(check(&c, &a), vec![Missing::NotHeld]);
    }

    #[test]
    fn both_parts_of_the_action_plan_are_required() {
        let (mut c, a) = complete(Level::One);
        c.minutes.student_commits = "   ".into();
        assert_eq!(check(&c, &a), vec![Missing::StudentCommits]);
        let (mut c, a) = complete(Level::One);
        c.minutes.workplace_secures.clear();
        assert_eq!(check(&c, &a), vec![Missing::WorkplaceSecures]);
    }

    #[test]
    fn only_agreements_made_in_this_conversation_count() {
        let (c, mut a) = complete(Level::One);
        a[0].made_in = ConversationId(99);
        assert_eq!(check(&c, &a), vec![Missing::Agreement]);
    }

    #[test]
    fn follow_up_must_be_after_the_conversation() {
        let (mut c, a) = complete(Level::One);
        c.follow_up = Some(day(10));
        assert_eq!(check(&c, &a), vec![Missing::FollowUpNotAfterConversation]);
    }

    #[test]
    fn a_next_conversation_that_changes_the_type_needs_a_reason_in_either_direction() {
        let (mut c, a) = complete(Level::One);
        assert!(check(&c, &a).is_empty(), "type 1 followed by type 1");
        c.next_level = Some(Level::Two);
        assert_eq!(
            check(&c, &a),
            vec![Missing::NextLevelReason {
                from: Level::One,
                to: Level::Two
            }]
        );
        c.next_level_reason = "Fokusområderne består".into();
        assert!(check(&c, &a).is_empty());

        let (mut c, a) = complete(Level::Two);
        c.next_level = Some(Level::One);
        assert_eq!(
            check(&c, &a),
            vec![Missing::NextLevelReason {
                from: Level::Two,
                to: Level::One
            }]
        );
        c.next_level_reason = "Fokusområderne er løst".into();
        assert!(check(&c, &a).is_empty());
    }

    #[test]
    fn type_3_followed_by_type_3_needs_no_reason_but_type_2_does() {
        let (mut c, a) = complete(Level::Three);
        assert!(check(&c, &a).is_empty());
        c.next_level = Some(Level::Two);
        assert_eq!(
            check(&c, &a),
            vec![Missing::NextLevelReason {
                from: Level::Three,
                to: Level::Two
            }]
        );
    }

    #[test]
    fn the_reason_is_asked_against_the_cases_type_now_not_the_meetings() {
        // A type-1 meeting of a student raised to type 2 since: next type 2 changes nothing.
        let (mut c, a) = complete(Level::One);
        c.next_level = Some(Level::Two);
        assert!(missing_for_finalize(&c, &a, Level::Two, day(12)).is_empty());
    }

    #[test]
    fn a_meeting_cannot_be_finalized_before_its_day_even_if_marked_held() {
        let (c, a) = complete(Level::One);
        assert_eq!(
            missing_for_finalize(&c, &a, Level::One, day(9)),
            vec![Missing::MeetingAhead { on: day(10) }]
        );
        assert!(missing_for_finalize(&c, &a, Level::One, day(10)).is_empty());
        assert!(!may_be_held(day(11), day(10)));
        assert!(may_be_held(day(10), day(10)));
    }

    #[test]
    fn held_minutes_must_say_who_attended() {
        let (mut c, a) = complete(Level::One);
        for p in &mut c.participants {
            p.attended = false;
        }
        assert_eq!(check(&c, &a), vec![Missing::Attendance]);
        c.participants[0].attended = true;
        assert!(check(&c, &a).is_empty());
    }

    #[test]
    fn escalation_goes_one_step_up_and_needs_a_reason() {
        assert_eq!(escalation(Level::One, "fokus fortsætter"), Ok(Level::Two));
        assert_eq!(
            escalation(Level::Two, "ingen progression"),
            Ok(Level::Three)
        );
        assert_eq!(
            escalation(Level::Three, "x"),
            Err(LevelChangeError::AlreadyHighest)
        );
        assert_eq!(
            escalation(Level::One, "  "),
            Err(LevelChangeError::ReasonRequired)
        );
    }

    #[test]
    fn deescalation_goes_one_step_down_and_needs_a_reason() {
        assert_eq!(deescalation(Level::Three, "progression"), Ok(Level::Two));
        assert_eq!(deescalation(Level::Two, "progression"), Ok(Level::One));
        assert_eq!(
            deescalation(Level::One, "x"),
            Err(LevelChangeError::AlreadyLowest)
        );
        assert_eq!(
            deescalation(Level::Two, ""),
            Err(LevelChangeError::ReasonRequired)
        );
    }

    #[test]
    fn type_1_minutes_inform_the_employing_authority_and_type_2_may_go_to_next_workplace() {
        assert!(distribution(Level::One).contains(&(Recipient::EmployingAuthority, true)));
        assert!(
            !distribution(Level::One)
                .iter()
                .any(|(r, _)| *r == Recipient::NextWorkplace)
        );
        assert!(distribution(Level::Two).contains(&(Recipient::NextWorkplace, false)));
        for level in Level::ALL {
            assert!(distribution(level).contains(&(Recipient::TrainingBook, true)));
            assert!(distribution(level).contains(&(Recipient::Participants, true)));
        }
    }
}
