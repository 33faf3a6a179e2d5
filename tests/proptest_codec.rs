//! Property tests of the record codec: every record Fokus stores comes back from its bytes
//! unchanged, whatever text a user typed into it, and damaged bytes (cut short or with
//! flipped bits) are either refused with an error or read as some value, never a panic.

use std::fmt::Debug;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use fokus::domain::reminders::{DueItem, DueKind, Mark};
use fokus::domain::rules::Recipient;
use fokus::domain::{
    Addendum, Agreement, AgreementId, AgreementOwner, AgreementStatus, Conversation,
    ConversationId, ConversationState, Event, EventId, EventKind, FocusArea, FocusKind, Initiator,
    Level, Minutes, Participant, Programme, Role, Student, StudentId, StudentStatus,
    StudentSummary,
};
use fokus::domain::{
    CourseEnd, DropoutCause, Intervention, InterventionKind, InterventionStatus, OrgId, Outcome,
    SchoolPeriod, Sent, TeamFile,
};
use fokus::store::codec::{CodecError, decode, encode};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;

// ---------------------------------------------------------------------------------------
// Text: what supervisors type and paste, and what breaks naive text handling.

const DANISH: &[&str] = &[
    "æ", "ø", "å", "Æ", "Ø", "Å", "é", "ü", "Søren", "Ærø", "Åse",
];
const EMOJI: &[&str] = &["👩‍⚕️", "🇩🇰", "🇸🇾", "🧑🏽‍🎓", "👨‍👩‍👧‍👦", "❤️", "😀", "🫶🏿"];
const RTL: &[&str] = &[
    "أمينة حسن",
    "שרה כהן",
    "\u{202B}",
    "\u{202E}",
    "\u{200F}",
    "مرحبا 123",
];
const ODD: &[&str] = &[
    "e\u{301}",
    "a\u{308}\u{308}\u{308}",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\u{0}",
    "\u{FEFF}",
    "\u{200B}",
    "\u{1b}[31m",
    "山田太郎",
    "\u{10FFFF}",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[A-Za-z0-9 .,:;()-]{1,12}",
        2 => select(DANISH).prop_map(str::to_string),
        1 => select(EMOJI).prop_map(str::to_string),
        1 => select(RTL).prop_map(str::to_string),
        1 => select(ODD).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Text of up to `pieces` pieces of the kinds above.
fn text(pieces: usize) -> impl Strategy<Value = String> {
    vec(piece(), 0..=pieces).prop_map(|p| p.concat())
}

/// A person's name: usually short, sometimes far longer than any screen.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => text(5),
        1 => (text(3), 70..100usize).prop_map(|(t, n)| [t.as_str(), "-Ø "].concat().repeat(n)),
        1 => Just(String::new()),
    ]
}

/// Minutes text: empty, a few words, a paragraph, or pages pasted in.
fn minutes_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just(String::new()),
        4 => text(12),
        1 => text(60),
        // Pages of text, cheaply: a generated paragraph repeated.
        1 => (text(20), 20..400usize).prop_map(|(t, n)| [t.as_str(), "\n\n"].concat().repeat(n)),
    ]
}

// ---------------------------------------------------------------------------------------
// Dates: mostly plausible ones, but anything chrono can hold must survive.

fn days(from: NaiveDate, to: NaiveDate) -> impl Strategy<Value = NaiveDate> {
    (from.num_days_from_ce()..=to.num_days_from_ce())
        .prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap_or_default())
}

fn date() -> impl Strategy<Value = NaiveDate> {
    let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    prop_oneof![
        4 => days(ymd(2000, 1, 1), ymd(2100, 12, 31)),
        1 => days(NaiveDate::MIN, NaiveDate::MAX),
    ]
}

fn time() -> impl Strategy<Value = NaiveTime> {
    let at = |s, n| NaiveTime::from_num_seconds_from_midnight_opt(s, n).unwrap_or_default();
    prop_oneof![
        // As typed in the editor: hours and minutes.
        4 => (0u32..24, 0u32..60).prop_map(move |(h, m)| at(h * 3600 + m * 60, 0)),
        // As read from the clock.
        2 => (0u32..86_400, 0u32..1_000_000_000).prop_map(move |(s, n)| at(s, n)),
        // A leap second, which chrono can represent.
        1 => (0u32..24 * 60, 1_000_000_000u32..2_000_000_000)
            .prop_map(move |(m, n)| at(m * 60 + 59, n)),
    ]
}

fn datetime() -> impl Strategy<Value = NaiveDateTime> {
    (date(), time()).prop_map(|(d, t)| NaiveDateTime::new(d, t))
}

// ---------------------------------------------------------------------------------------
// Domain records.

fn level() -> impl Strategy<Value = Level> {
    select(Level::ALL.to_vec())
}

fn focus_area() -> impl Strategy<Value = FocusArea> {
    (select(FocusKind::ALL.to_vec()), text(20)).prop_map(|(kind, note)| FocusArea { kind, note })
}

fn student() -> impl Strategy<Value = Student> {
    (
        (
            any::<u64>(),
            name(),
            select(Programme::ALL.to_vec()),
            date(),
            date(),
        ),
        (text(6), text(6), text(4), text(6), name(), name()),
        (
            vec(focus_area(), 0..=6),
            select(StudentStatus::ALL.to_vec()),
            level(),
            option::of(date()),
        ),
        (
            option::of(any::<u64>()),
            option::of(any::<u64>()),
            option::of(any::<u64>()),
        ),
        (
            vec((date(), date()), 0..=4),
            option::of((date(), select(DropoutCause::ALL.to_vec()), 0..3u8)),
            vec(intervention(), 0..=3),
            team(),
        ),
    )
        .prop_map(
            |(
                (id, name, programme, start, expected_end),
                (school, workplace, unit, employer, supervisor, education_officer),
                (focus_areas, status, level, level_raised_on),
                (employer_org, school_org, workplace_org),
                (periods, ended, interventions, team),
            )| Student {
                id: StudentId(id),
                name,
                programme,
                start,
                expected_end,
                school,
                workplace,
                unit,
                employer,
                supervisor,
                education_officer,
                focus_areas,
                status,
                level,
                level_raised_on,
                employer_org: employer_org.map(OrgId),
                school_org: school_org.map(OrgId),
                workplace_org: workplace_org.map(OrgId),
                school_periods: periods
                    .into_iter()
                    .map(|(a, b)| SchoolPeriod::new(a, b))
                    .collect(),
                ended: ended.map(|(on, cause, which)| CourseEnd {
                    on,
                    outcome: match which {
                        0 => Outcome::Completed,
                        1 => Outcome::Transferred,
                        _ => Outcome::DroppedOut(cause),
                    },
                }),
                interventions,
                team,
            },
        )
}

/// A team file (samarbejdsmodellen) with some of each record.
fn team() -> impl Strategy<Value = TeamFile> {
    use fokus::domain::cooperation::{
        Circle, Consent, Goal, GoalArea, GoalStatus, NetworkMember, SubGoal, TeamMeeting, Tie,
    };
    let consent = (
        any::<u64>(),
        text(6),
        vec(name(), 0..=3),
        date(),
        option::of(date()),
        option::of(date()),
    )
        .prop_map(
            |(id, shares, parties, given_on, valid_until, withdrawn_on)| Consent {
                id,
                shares,
                parties,
                given_on,
                valid_until,
                withdrawn_on,
            },
        );
    let member = (
        any::<u64>(),
        name(),
        name(),
        text(3),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(id, name, organisation, role, personal, wider)| NetworkMember {
                id,
                name,
                organisation,
                role,
                tie: if personal {
                    Tie::Personal
                } else {
                    Tie::Professional
                },
                circle: if wider { Circle::Wider } else { Circle::Close },
            },
        );
    let status = select(GoalStatus::ALL.to_vec());
    let sub_goal = (
        any::<u64>(),
        text(6),
        status.clone(),
        vec(any::<u64>(), 0..=2),
        vec(date(), 0..=2),
    )
        .prop_map(|(id, text, status, links, reviewed_on)| SubGoal {
            id,
            text,
            status,
            agreements: links.iter().copied().map(AgreementId).collect(),
            interventions: links,
            reviewed_on,
        });
    let goal = (
        any::<u64>(),
        any::<bool>(),
        text(6),
        status,
        vec(date(), 0..=2),
        vec(sub_goal, 0..=2),
    )
        .prop_map(|(id, job, text, status, reviewed_on, sub_goals)| Goal {
            id,
            area: if job {
                GoalArea::Employment
            } else {
                GoalArea::Education
            },
            text,
            status,
            reviewed_on,
            sub_goals,
        });
    let meeting = (
        any::<u64>(),
        date(),
        vec(name(), 0..=4),
        any::<(bool, bool)>(),
        option::of(date()),
        text(6),
    )
        .prop_map(
            |(id, on, participants, (goals_reviewed, interventions_changed), next_on, note)| {
                TeamMeeting {
                    id,
                    on,
                    participants,
                    goals_reviewed,
                    interventions_changed,
                    next_on,
                    note,
                }
            },
        );
    (
        name(),
        option::of(date()),
        vec(consent, 0..=2),
        vec(member, 0..=3),
        vec(goal, 0..=2),
        vec(meeting, 0..=2),
    )
        .prop_map(
            |(coordinator, started, consents, network, goals, meetings)| TeamFile {
                coordinator,
                started,
                consents,
                network,
                goals,
                meetings,
            },
        )
}

fn intervention() -> impl Strategy<Value = Intervention> {
    (
        any::<u64>(),
        select(InterventionKind::ALL.to_vec()),
        name(),
        text(10),
        (date(), option::of(date())),
        select(InterventionStatus::ALL.to_vec()),
        option::of(any::<u64>()),
    )
        .prop_map(
            |(id, kind, provider, note, (from, to), status, agreement)| Intervention {
                id,
                kind,
                provider,
                note,
                from,
                to,
                status,
                agreement: agreement.map(AgreementId),
            },
        )
}

fn sent() -> impl Strategy<Value = Sent> {
    (
        select(vec![
            Recipient::Participants,
            Recipient::TrainingBook,
            Recipient::EmployingAuthority,
            Recipient::School,
            Recipient::NextWorkplace,
        ]),
        name(),
        text(6),
        datetime(),
        actor(),
    )
        .prop_map(|(recipient, organisation, address, at, by)| Sent {
            recipient,
            organisation,
            address,
            at,
            by,
        })
}

fn role() -> impl Strategy<Value = Role> {
    select(Role::ALL.to_vec())
}

fn actor() -> impl Strategy<Value = fokus::domain::Actor> {
    (name(), proptest::option::of(role()), name())
        .prop_map(|(name, role, login)| fokus::domain::Actor { name, role, login })
}

fn participant() -> impl Strategy<Value = Participant> {
    (role(), name(), any::<bool>()).prop_map(|(role, name, attended)| Participant {
        role,
        name,
        attended,
    })
}

fn minutes() -> impl Strategy<Value = Minutes> {
    (
        (
            minutes_text(),
            minutes_text(),
            minutes_text(),
            minutes_text(),
        ),
        (
            minutes_text(),
            minutes_text(),
            minutes_text(),
            minutes_text(),
        ),
    )
        .prop_map(
            |(
                (welcome, learning_needs, workplace_secures, student_commits),
                (measures, new_date_note, distribution_note, closing),
            )| Minutes {
                welcome,
                learning_needs,
                workplace_secures,
                student_commits,
                measures,
                new_date_note,
                distribution_note,
                closing,
            },
        )
}

fn addendum() -> impl Strategy<Value = Addendum> {
    (datetime(), actor(), minutes_text()).prop_map(|(at, by, text)| Addendum { at, by, text })
}

fn finalized() -> impl Strategy<Value = ConversationState> {
    (date(), datetime(), actor()).prop_map(|(held_on, at, by)| ConversationState::Finalized {
        held_on,
        at,
        by,
    })
}

fn state() -> impl Strategy<Value = ConversationState> {
    prop_oneof![
        Just(ConversationState::Planned),
        date().prop_map(|on| ConversationState::Held { on }),
        finalized(),
        text(10).prop_map(|reason| ConversationState::Cancelled { reason }),
    ]
}

fn conversation_with(
    state: impl Strategy<Value = ConversationState>,
    addenda: impl Strategy<Value = Vec<Addendum>>,
) -> impl Strategy<Value = Conversation> {
    (
        (any::<u64>(), any::<u64>(), level(), datetime(), text(8)),
        (
            select(Initiator::ALL.to_vec()),
            vec(participant(), 0..8),
            role(),
            role(),
            minutes(),
        ),
        (
            option::of(date()),
            option::of(level()),
            text(10),
            state,
            addenda,
        ),
        (vec(sent(), 0..4), any::<bool>()),
    )
        .prop_map(
            |(
                (id, student, level, planned_at, place),
                (initiated_by, participants, meeting_leader, minute_taker, minutes),
                (follow_up, next_level, next_level_reason, state, addenda),
                (distribution, distribution_tracked),
            )| Conversation {
                id: ConversationId(id),
                student: StudentId(student),
                level,
                planned_at,
                place,
                initiated_by,
                participants,
                meeting_leader,
                minute_taker,
                minutes,
                follow_up,
                next_level,
                next_level_reason,
                state,
                addenda,
                distribution,
                distribution_tracked,
            },
        )
}

fn conversation() -> impl Strategy<Value = Conversation> {
    conversation_with(state(), vec(addendum(), 0..3))
}

fn agreement() -> impl Strategy<Value = Agreement> {
    (
        (any::<u64>(), any::<u64>(), minutes_text(), name()),
        (
            select(AgreementOwner::ALL.to_vec()),
            option::of(date()),
            select(AgreementStatus::ALL.to_vec()),
            any::<u64>(),
            option::of(any::<u64>()),
        ),
    )
        .prop_map(
            |((id, student, text, owner_name), (owner, due, status, made_in, reviewed_in))| {
                Agreement {
                    id: AgreementId(id),
                    student: StudentId(student),
                    text,
                    owner,
                    owner_name,
                    due,
                    status,
                    made_in: ConversationId(made_in),
                    reviewed_in: reviewed_in.map(ConversationId),
                }
            },
        )
}

/// Every kind of timeline event, each equally likely.
fn event_kind() -> impl Strategy<Value = EventKind> {
    let conv = || any::<u64>().prop_map(ConversationId);
    let status = || select(StudentStatus::ALL.to_vec());
    prop_oneof![
        Just(EventKind::Created),
        Just(EventKind::Edited),
        (text(6), text(6)).prop_map(|(from, to)| EventKind::WorkplaceChanged { from, to }),
        (status(), status()).prop_map(|(from, to)| EventKind::StatusChanged { from, to }),
        (conv(), level(), datetime()).prop_map(|(conversation, level, at)| {
            EventKind::ConversationPlanned {
                conversation,
                level,
                at,
            }
        }),
        (conv(), datetime()).prop_map(|(conversation, at)| {
            EventKind::ConversationRescheduled { conversation, at }
        }),
        (conv(), level()).prop_map(|(conversation, level)| EventKind::ConversationHeld {
            conversation,
            level
        }),
        (conv(), level()).prop_map(|(conversation, level)| {
            EventKind::ConversationFinalized {
                conversation,
                level,
            }
        }),
        (conv(), text(10)).prop_map(|(conversation, reason)| {
            EventKind::ConversationCancelled {
                conversation,
                reason,
            }
        }),
        (conv(), minutes_text())
            .prop_map(|(conversation, text)| EventKind::AddendumAdded { conversation, text }),
        (level(), level(), text(10)).prop_map(|(from, to, reason)| EventKind::Escalated {
            from,
            to,
            reason
        }),
        (level(), level(), text(10)).prop_map(|(from, to, reason)| EventKind::Deescalated {
            from,
            to,
            reason
        }),
        (any::<u64>(), text(20)).prop_map(|(a, text)| EventKind::AgreementAdded {
            agreement: AgreementId(a),
            text
        }),
        (
            any::<u64>(),
            select(AgreementStatus::ALL.to_vec()),
            text(20)
        )
            .prop_map(|(a, status, text)| EventKind::AgreementResolved {
                agreement: AgreementId(a),
                status,
                text
            }),
        minutes_text().prop_map(|text| EventKind::Note { text }),
        (conv(), level(), level()).prop_map(|(conversation, from, to)| {
            EventKind::ConversationRetyped {
                conversation,
                from,
                to,
            }
        }),
    ]
}

fn event() -> impl Strategy<Value = Event> {
    (
        any::<u64>(),
        any::<u64>(),
        datetime(),
        actor(),
        event_kind(),
    )
        .prop_map(|(id, student, at, by, kind)| Event {
            id: EventId(id),
            student: StudentId(student),
            at,
            by,
            kind,
        })
}

fn summary() -> impl Strategy<Value = StudentSummary> {
    (
        (
            any::<u64>(),
            name(),
            select(Programme::ALL.to_vec()),
            select(StudentStatus::ALL.to_vec()),
            text(6),
            text(4),
        ),
        (
            level(),
            vec(select(FocusKind::ALL.to_vec()), 0..=6),
            option::of(datetime()),
            option::of(date()),
            any::<u32>(),
        ),
    )
        .prop_map(
            |(
                (id, name, programme, status, workplace, unit),
                (level, focus, next_conversation, follow_up, open_agreements),
            )| StudentSummary {
                id: StudentId(id),
                name,
                programme,
                status,
                workplace,
                unit,
                level,
                focus,
                next_conversation,
                follow_up,
                open_agreements,
            },
        )
}

fn due_item() -> impl Strategy<Value = DueItem> {
    (
        date(),
        select(DueKind::ALL.to_vec()),
        any::<u64>(),
        any::<u64>(),
        option::of(level()),
        text(12),
    )
        .prop_map(|(date, kind, student, subject, level, detail)| DueItem {
            date,
            kind,
            student: StudentId(student),
            subject,
            level,
            detail,
        })
}

fn mark() -> impl Strategy<Value = Mark> {
    prop_oneof![Just(Mark::Done), date().prop_map(Mark::SnoozedUntil)]
}

// ---------------------------------------------------------------------------------------
// Checks shared by every record type. The codec's decoder is passed in as a function of
// the concrete type, so these helpers do not depend on the traits the codec asks for.

type Read<T> = fn(&[u8]) -> Result<T, CodecError>;

fn encoded<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, TestCaseError> {
    encode(value).map_err(|e| TestCaseError::fail(format!("encoding failed: {e}")))
}

fn round_trips<T>(value: &T, read: Read<T>) -> Result<(), TestCaseError>
where
    T: serde::Serialize + PartialEq + Debug,
{
    let bytes = encoded(value)?;
    prop_assert_eq!(&bytes[..2], b"FK");
    match read(&bytes) {
        Ok(back) => prop_assert_eq!(&back, value),
        Err(e) => return Err(TestCaseError::fail(format!("decoding failed: {e}"))),
    }
    Ok(())
}

/// Where to cut an encoding: every length when it is short, else every length near
/// either end and a stride through the middle (the decoder reads front to back, so the
/// middle holds nothing the ends do not).
fn cuts(len: usize) -> Vec<usize> {
    if len <= 1024 {
        return (0..len).collect();
    }
    let mut cuts: Vec<usize> = (0..256).chain(len - 256..len).collect();
    cuts.extend((256..len - 256).step_by((len / 256).max(1)));
    cuts
}

fn truncations_fail<T>(value: &T, read: Read<T>) -> Result<(), TestCaseError>
where
    T: serde::Serialize + Debug,
{
    let bytes = encoded(value)?;
    for cut in cuts(bytes.len()) {
        match read(&bytes[..cut]) {
            Ok(v) => {
                return Err(TestCaseError::fail(format!(
                    "{cut} of {} bytes decoded to {v:?}",
                    bytes.len()
                )));
            }
            Err(CodecError::TooShort(n)) => prop_assert!(cut < 4 && n == cut),
            Err(_) => prop_assert!(cut >= 4),
        }
    }
    Ok(())
}

/// Flips bits in an encoding; whatever still decodes must be a value that itself
/// survives a round trip, so a damaged record that reads is at least stable.
fn flips_are_harmless<T>(
    value: &T,
    flips: &[(prop::sample::Index, u8)],
    read: Read<T>,
) -> Result<(), TestCaseError>
where
    T: serde::Serialize + PartialEq + Debug,
{
    let mut bytes = encoded(value)?;
    for (at, mask) in flips {
        let i = at.index(bytes.len());
        bytes[i] ^= mask;
    }
    if let Ok(damaged) = read(&bytes) {
        round_trips(&damaged, read)?;
    }
    Ok(())
}

fn flips() -> impl Strategy<Value = Vec<(prop::sample::Index, u8)>> {
    vec((any::<prop::sample::Index>(), 1u8..=255), 1..=4)
}

// ---------------------------------------------------------------------------------------
// The properties.

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_student_survives_a_round_trip(s in student()) {
        round_trips(&s, decode::<Student>)?;
    }

    #[test]
    fn a_conversation_survives_a_round_trip(c in conversation()) {
        round_trips(&c, decode::<Conversation>)?;
    }

    #[test]
    fn finalized_minutes_with_addenda_survive_a_round_trip(
        c in conversation_with(finalized(), vec(addendum(), 1..5))
    ) {
        round_trips(&c, decode::<Conversation>)?;
    }

    #[test]
    fn an_agreement_survives_a_round_trip(a in agreement()) {
        round_trips(&a, decode::<Agreement>)?;
    }

    #[test]
    fn every_kind_of_event_survives_a_round_trip(e in event()) {
        round_trips(&e, decode::<Event>)?;
    }

    #[test]
    fn index_records_survive_a_round_trip(
        s in summary(),
        d in due_item(),
        m in mark(),
        keys in vec(any::<[u8; 21]>(), 0..20),
        v in any::<u16>(),
    ) {
        round_trips(&s, decode::<StudentSummary>)?;
        round_trips(&d, decode::<DueItem>)?;
        round_trips(&m, decode::<Mark>)?;
        round_trips(&keys, decode::<Vec<[u8; 21]>>)?;
        round_trips(&v, decode::<u16>)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_truncated_record_never_decodes(
        s in student(),
        c in conversation(),
        a in agreement(),
        e in event(),
        d in due_item(),
    ) {
        truncations_fail(&s, decode::<Student>)?;
        truncations_fail(&c, decode::<Conversation>)?;
        truncations_fail(&a, decode::<Agreement>)?;
        truncations_fail(&e, decode::<Event>)?;
        truncations_fail(&d, decode::<DueItem>)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn flipped_bits_fail_or_decode_without_panicking(
        s in student(),
        c in conversation(),
        a in agreement(),
        e in event(),
        rest in (summary(), due_item(), mark()),
        flips in flips(),
    ) {
        let (summary, due, mark) = rest;
        flips_are_harmless(&s, &flips, decode::<Student>)?;
        flips_are_harmless(&c, &flips, decode::<Conversation>)?;
        flips_are_harmless(&a, &flips, decode::<Agreement>)?;
        flips_are_harmless(&e, &flips, decode::<Event>)?;
        flips_are_harmless(&summary, &flips, decode::<StudentSummary>)?;
        flips_are_harmless(&due, &flips, decode::<DueItem>)?;
        flips_are_harmless(&mark, &flips, decode::<Mark>)?;
    }
}

// ---------------------------------------------------------------------------------------
// Seeds for the fuzz target.
