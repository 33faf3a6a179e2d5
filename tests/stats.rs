//! The statistics on 200 students built with the domain's own operations, following a
//! pattern by index so that every figure can be worked out by hand. The expected figures
//! below are written out as numbers with the reasoning beside them, never computed.
//!
//! Student i (0..200), with j = i % 10 and k = i % 5 (so k = j % 5):
//! - programme by i % 3, workplace by i % 4, one school and one employer;
//! - start and expected end by k:
//!   k=0 2023-03-01 / 2026-06-30, k=1 2025-08-01 / 2028-06-30, k=2 2025-11-01 / 2028-09-30,
//!   k=3 2026-03-01 / 2029-02-28, k=4 2026-08-01 / 2029-06-30 (no school periods, so the
//!   trial period ends 2023-05-31, 2025-10-31, 2026-01-31, 2026-05-31, 2026-10-31 and six
//!   months fall on 2023-09-01, 2026-02-01, 2026-05-01, 2026-09-01, 2027-02-01);
//! - focus: even i academic; odd i language and mental;
//! - a type-1 conversation held 2026-03-02 with one agreement (j=5: held 2025-11-03):
//!   - even i: finalized the next day with the next conversation at type 2 (escalation
//!     1→2 on 2026-03-03), the type-2 conversation held 2026-04-06 with an agreement and
//!     finalized 2026-04-13 (7 days: late), staying at type 2; the type-1 agreement met;
//!   - j=7, 9 (and j=5, in 2025): finalized the next day staying at type 1; agreement not
//!     met (j=5: met);
//!   - j=1, 3: held, minutes not finalized, agreement open;
//!   - i % 4 == 0: the finalized type-1 minutes ticked off as sent to every required
//!     recipient;
//! - j=4: escalated 2→3 on 2026-06-01 and the type-3 conversation held 2026-06-15;
//!   j=8: de-escalated 2→1 on 2026-05-20;
//! - interventions: even i a mentor (active, from the start); odd i language support,
//!   only planned;
//! - team files: j=3 (meetings 2026-09-01, 2027-01-15) and j=4 (meetings 2026-08-15,
//!   2026-10-01, 2026-12-01);
//! - how the course ends, by j: 0 completed 2026-06-30, 1 regretted 2026-01-15,
//!   2 transferred 2026-04-01, 3 continuing, 4 continuing, 5 illness 2025-12-15,
//!   6 a job 2026-01-20, 7 not thriving 2026-01-31, 8 agreement ended 2026-12-15,
//!   9 another education 2027-01-10.
//!
//! The period is 2026 and the figures are made as on 30 June 2027.

mod support;

use chrono::{NaiveDate, NaiveDateTime};
use fokus::domain::case::{
    create_student, deescalate, escalate, finalize_conversation, mark_sent, resolve_agreement,
    save_conversation, update_student,
};
use fokus::domain::cooperation::TeamMeeting;
use fokus::domain::rules::Recipient;
use fokus::domain::{
    Actor, Agreement, AgreementId, AgreementOwner, AgreementStatus, Case, CaseChange,
    ConversationId, ConversationState, CourseEnd, Ctx, DropoutCause, FocusArea, FocusKind,
    IdSource, Intervention, InterventionKind, InterventionStatus, Level, Outcome, Programme, Role,
    Student, StudentFacts, StudentId, StudentStatus,
};
use fokus::i18n::Lang;
use fokus::stats::{self, Figures, Filter, Grouping, Median, Query, Share};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(10, 0, 0).unwrap()
}

fn ctx(day: NaiveDate) -> Ctx {
    Ctx {
        now: at(day),
        by: Actor::new("Hanne Krogh", Role::EducationOfficer, "hanne"),
    }
}

const WORKPLACES: [&str; 4] = [
    "Plejecenter Kastanjehaven",
    "Hjemmeplejen Vest",
    "Sydvestjysk Sygehus",
    "Psykiatrien Spangsbjerg",
];

/// One student's case, built step by step, and everything it took as one change.
struct Builder {
    case: Case,
    change: CaseChange,
    ids: u64,
}

impl Builder {
    fn apply(&mut self, change: CaseChange) {
        self.case.apply(&change);
        self.change.absorb(change);
    }

    fn agreement(&mut self, made_in: ConversationId) -> Agreement {
        Agreement {
            id: AgreementId(self.ids.next_id()),
            student: self.case.id(),
            text: "Læser op på journalføring".into(),
            owner: AgreementOwner::Student,
            owner_name: String::new(),
            due: None,
            status: AgreementStatus::Open,
            made_in,
            reviewed_in: None,
        }
    }

    /// Registers conversation `id` (planned or new) as held on `on` with complete minutes
    /// and one agreement; finalized on `finalize` with the next conversation of `next` on
    /// `follow_up`, when given. Returns the id of the conversation planned next.
    fn hold(
        &mut self,
        id: ConversationId,
        level: Level,
        on: NaiveDate,
        with_agreement: bool,
        finalize: Option<(NaiveDate, Level, NaiveDate)>,
    ) -> Option<ConversationId> {
        let mut c = match self.case.conversation(id) {
            Some(c) => c.clone(),
            None => self
                .case
                .plan_conversation(id, level, on.and_hms_opt(9, 0, 0).unwrap()),
        };
        c.state = ConversationState::Held { on };
        for p in &mut c.participants {
            p.attended = true;
        }
        c.minutes.learning_needs = "Fagsprog i dokumentation".into();
        c.minutes.workplace_secures = "Fast vejleder hver tirsdag".into();
        c.minutes.student_commits = "Skriver dagligt i journalen".into();
        let agreements = if with_agreement {
            vec![self.agreement(id)]
        } else {
            vec![]
        };
        match finalize {
            None => {
                let change =
                    save_conversation(&self.case, c, agreements, &ctx(on), &mut self.ids).unwrap();
                self.apply(change);
                None
            }
            Some((day, next, follow_up)) => {
                c.follow_up = Some(follow_up);
                c.next_level = Some(next);
                c.next_level_reason = "Fokusområderne består".into();
                let (change, planned) =
                    finalize_conversation(&self.case, c, agreements, &ctx(day), &mut self.ids)
                        .unwrap();
                self.apply(change);
                planned
            }
        }
    }

    fn resolve(&mut self, made_in: ConversationId, status: AgreementStatus, day: NaiveDate) {
        let id = self.case.agreements_made_in(made_in)[0].id;
        let change = resolve_agreement(&self.case, id, status, &ctx(day), &mut self.ids).unwrap();
        self.apply(change);
    }

    fn edit(&mut self, day: NaiveDate, edit: impl FnOnce(&mut Student)) {
        let mut student = self.case.student.clone();
        edit(&mut student);
        let change = update_student(&self.case, student, &ctx(day), &mut self.ids);
        self.apply(change);
    }
}

fn student(i: u64) -> Student {
    let k = i % 5;
    let (start, expected_end) = [
        (d(2023, 3, 1), d(2026, 6, 30)),
        (d(2025, 8, 1), d(2028, 6, 30)),
        (d(2025, 11, 1), d(2028, 9, 30)),
        (d(2026, 3, 1), d(2029, 2, 28)),
        (d(2026, 8, 1), d(2029, 6, 30)),
    ][k as usize];
    let focus = |kind| FocusArea {
        kind,
        note: String::new(),
    };
    Student {
        id: StudentId(i + 1),
        name: format!("Elev {i}"),
        programme: Programme::ALL[(i % 3) as usize],
        start,
        expected_end,
        school: "SOSU Esbjerg".into(),
        workplace: WORKPLACES[(i % 4) as usize].into(),
        unit: String::new(),
        employer: "Esbjerg Kommune".into(),
        supervisor: "Bente Lund".into(),
        education_officer: "Hanne Krogh".into(),
        focus_areas: if i.is_multiple_of(2) {
            vec![focus(FocusKind::Academic)]
        } else {
            vec![focus(FocusKind::Language), focus(FocusKind::Mental)]
        },
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
    }
}

/// Student i's case and the one change that writes all of it.
fn build(i: u64) -> (Case, CaseChange) {
    let j = i % 10;
    let even = i.is_multiple_of(2);
    let s = student(i);
    let start = s.start;
    let mut b = Builder {
        case: Case::new(s.clone()),
        change: CaseChange::default(),
        // Ids of records never clash between students: each has its own range.
        ids: (i + 1) * 1_000_000,
    };
    let created = create_student(s, &ctx(d(2025, 10, 1)), &mut b.ids);
    b.apply(created);
    b.edit(d(2025, 10, 2), |s| {
        s.interventions = vec![Intervention {
            id: 1,
            kind: if even {
                InterventionKind::Mentor
            } else {
                InterventionKind::LanguageSupport
            },
            provider: "Bente Lund".into(),
            note: String::new(),
            from: start,
            to: None,
            status: if even {
                InterventionStatus::Active
            } else {
                InterventionStatus::Planned
            },
            agreement: None,
        }];
    });
    // Team files: j=4 meets 15 Aug, 1 Oct and 1 Dec 2026; j=3 meets 1 Sep 2026 and
    // 15 Jan 2027.
    let meetings: &[NaiveDate] = match j {
        4 => &[d(2026, 8, 15), d(2026, 10, 1), d(2026, 12, 1)],
        3 => &[d(2026, 9, 1), d(2027, 1, 15)],
        _ => &[],
    };
    if !meetings.is_empty() {
        b.edit(d(2027, 1, 20), |s| {
            s.team.coordinator = "Karin Vest".into();
            s.team.started = Some(d(2026, 3, 1));
            s.team.meetings = meetings
                .iter()
                .enumerate()
                .map(|(n, on)| TeamMeeting {
                    id: n as u64 + 1,
                    on: *on,
                    participants: vec!["Karin Vest".into()],
                    goals_reviewed: true,
                    interventions_changed: false,
                    next_on: None,
                    note: String::new(),
                })
                .collect();
        });
    }
    let held_on = if j == 5 {
        d(2025, 11, 3)
    } else {
        d(2026, 3, 2)
    };
    let first = ConversationId(b.ids.next_id());
    if even {
        let follow_up = d(2026, 4, 6);
        let planned = b.hold(
            first,
            Level::One,
            held_on,
            true,
            Some((d(2026, 3, 3), Level::Two, follow_up)),
        );
        let second = planned.expect("a type-2 conversation is planned");
        b.hold(
            second,
            Level::Two,
            follow_up,
            true,
            Some((d(2026, 4, 13), Level::Two, d(2026, 5, 4))),
        );
        b.resolve(first, AgreementStatus::Met, d(2026, 4, 13));
    } else if matches!(j, 5 | 7 | 9) {
        let next_day = held_on.succ_opt().unwrap();
        let follow_up = held_on + chrono::Duration::days(28);
        b.hold(
            first,
            Level::One,
            held_on,
            true,
            Some((next_day, Level::One, follow_up)),
        );
        let status = if j == 5 {
            AgreementStatus::Met
        } else {
            AgreementStatus::NotMet
        };
        b.resolve(first, status, next_day + chrono::Duration::days(20));
    } else {
        b.hold(first, Level::One, held_on, true, None);
    }
    if i.is_multiple_of(4) {
        for recipient in [
            Recipient::Participants,
            Recipient::TrainingBook,
            Recipient::EmployingAuthority,
        ] {
            let change = mark_sent(
                &b.case,
                first,
                recipient,
                None,
                true,
                &ctx(d(2026, 3, 4)),
                &mut b.ids,
            )
            .unwrap();
            b.apply(change);
        }
    }
    if j == 4 {
        let (change, third) = escalate(
            &b.case,
            "Ingen progression",
            at(d(2026, 6, 15)),
            &ctx(d(2026, 6, 1)),
            &mut b.ids,
        )
        .unwrap();
        b.apply(change);
        b.hold(third, Level::Three, d(2026, 6, 15), false, None);
    }
    if j == 8 {
        let change = deescalate(&b.case, "God fremgang", &ctx(d(2026, 5, 20)), &mut b.ids).unwrap();
        b.apply(change);
    }
    let end = match j {
        0 => Some((d(2026, 6, 30), Outcome::Completed)),
        1 => Some((d(2026, 1, 15), Outcome::DroppedOut(DropoutCause::Regretted))),
        2 => Some((d(2026, 4, 1), Outcome::Transferred)),
        5 => Some((d(2025, 12, 15), Outcome::DroppedOut(DropoutCause::Illness))),
        6 => Some((d(2026, 1, 20), Outcome::DroppedOut(DropoutCause::Job))),
        7 => Some((
            d(2026, 1, 31),
            Outcome::DroppedOut(DropoutCause::NotThriving),
        )),
        8 => Some((
            d(2026, 12, 15),
            Outcome::DroppedOut(DropoutCause::AgreementEnded),
        )),
        9 => Some((
            d(2027, 1, 10),
            Outcome::DroppedOut(DropoutCause::OtherEducation),
        )),
        _ => None,
    };
    if let Some((on, outcome)) = end {
        b.edit(on, |s| {
            s.status = match outcome {
                Outcome::Completed => StudentStatus::Completed,
                Outcome::Transferred => StudentStatus::Transferred,
                Outcome::DroppedOut(_) => StudentStatus::DroppedOut,
            };
            s.ended = Some(CourseEnd { on, outcome });
        });
    }
    (b.case, b.change)
}

fn cases() -> Vec<(Case, CaseChange)> {
    (0..200).map(build).collect()
}

fn facts() -> Vec<StudentFacts> {
    cases().iter().map(|(c, _)| StudentFacts::of(c)).collect()
}

fn year_2026(by: Option<Grouping>) -> Query {
    Query {
        from: d(2026, 1, 1),
        to: d(2026, 12, 31),
        by,
        filter: Filter::default(),
    }
}

fn today() -> NaiveDate {
    d(2027, 6, 30)
}

fn share(part: u32, base: u32) -> Share {
    Share { part, base }
}

#[test]
fn every_figure_of_the_total_is_as_worked_out_by_hand() {
    let report = stats::compute(&facts(), &year_2026(None), today());
    let expected = Figures {
        // Everyone but j=5 (ended 2025-12-15, before the period): 200 - 20.
        in_focus: 180,
        // Even i academic: 100; odd i in focus (j=1,3,7,9): 80 language and 80 mental.
        focus: [100, 80, 0, 0, 80, 0],
        // Type 1: j=1,3,7,9 (80) and j=8 de-escalated (20) = 100; type 2: j=0,2,6 = 60;
        // type 3: j=4 = 20.
        current_level: [100, 60, 20],
        // Type 1 in 2026: all but j=5 = 180; type 2: even i = 100; type 3: j=4 = 20.
        held: [180, 100, 20],
        // 1→2: even i on 2026-03-03 = 100; 1→3: none; 2→3: j=4 = 20.
        escalations: [100, 0, 20],
        // 2→1: j=8 = 20.
        deescalations: [20, 0, 0],
        // Even i: 2 March to 6 April = 35 days, 100 students.
        one_to_two: Median {
            students: 100,
            twice: Some(70),
        },
        // j=4: 6 April to 15 June = 70 days, 20 students.
        two_to_three: Median {
            students: 20,
            twice: Some(140),
        },
        // Finalized in 2026: type 1 of even i (100, next day) and of j=7,9 (40, next day),
        // type 2 of even i (100, 7 days): 140 on time of 240.
        finalized_on_time: share(140, 240),
        // Type 1 minutes of i % 4 == 0 (all even, all in 2026): 50 of 240.
        distributed: share(50, 240),
        // Type-1 agreements of even i met (100); j=7,9 not met (40); j=1,3 open (40) and
        // the type-2 agreements of even i open (100): 140.
        agreements_met: 100,
        agreements_not_met: 40,
        agreements_open: 140,
        // j=0 completed 2026-06-30; j=2 transferred 2026-04-01.
        completed: 20,
        transferred: 20,
        // Regretted j=1, agreement ended j=8, not thriving j=7, illness j=5 in 2025 (0),
        // another education j=9 in 2027 (0), a job j=6, other none.
        dropped_out: [20, 20, 20, 0, 0, 20, 0],
        // Not ended by 31 Dec 2026: j=3, j=4 and j=9 (ends 2027) = 60.
        continuing: 60,
        // Trial ends in 2026 for k=2 (31 Jan: j=2 retained, j=7 dropped out that very day),
        // k=3 (31 May: j=3 and j=8, ending in December, retained) and k=4 (31 Oct: j=4 and
        // j=9, leaving in 2027, retained): 100 of 120.
        retention_trial: share(100, 120),
        // Six months in 2026 for k=1 (1 Feb: j=1 dropped out, j=6 left for a job and is
        // not counted), k=2 (1 May: j=2 transferred = retained, j=7 not) and k=3 (1 Sep:
        // both retained); k=4's falls in 2027: 0 + 20 + 40 = 60 of 20 + 40 + 40 = 100.
        retention_six_months: share(60, 100),
        // Expected end in 2026 only for k=0 (30 June): j=0 completed, j=5 dropped out.
        retention_completion: share(20, 40),
        // Mentor (even i) among the six-month base: j=2 and j=8, all retained: 40 of 40.
        // Nobody received anything else (language support was only planned).
        with_intervention: [
            share(40, 40),
            share(0, 0),
            share(0, 0),
            share(0, 0),
            share(0, 0),
            share(0, 0),
        ],
        // Without a mentor: j=1 (0 of 20), j=7 (0 of 20), j=3 (20 of 20): 20 of 60; without
        // each other kind: the whole base, 60 of 100.
        without_intervention: [
            share(20, 60),
            share(60, 100),
            share(60, 100),
            share(60, 100),
            share(60, 100),
            share(60, 100),
        ],
        // j=3 and j=4 have teams: 20 + 20, both in focus.
        with_team: 40,
        // j=4: 3 meetings in 2026 × 20; j=3: 1 in 2026 (the other is in 2027) × 20.
        team_meetings: 80,
        // At least 3 in the year up to 31 Dec 2026: only j=4.
        three_meetings: 20,
    };
    assert_eq!(report.total, expected);
    assert!(report.groups.is_empty());
}

#[test]
fn every_figure_of_a_cohort_is_as_worked_out_by_hand() {
    let report = stats::compute(&facts(), &year_2026(Some(Grouping::Cohort)), today());
    let keys: Vec<&str> = report.groups.iter().map(|(k, _)| k.as_str()).collect();
    // Every start month has figures in 2026 (k=0 through j=0's completion and the
    // completion milestone), sorted by name.
    assert_eq!(
        keys,
        ["2023-03", "2025-08", "2025-11", "2026-03", "2026-08"]
    );
    // The cohort of November 2025 is k=2: j=2 (even) and j=7 (odd), 20 each.
    let november = &report.groups[2].1;
    let expected = Figures {
        in_focus: 40,
        focus: [20, 20, 0, 0, 20, 0],
        // j=2 at type 2, j=7 at type 1.
        current_level: [20, 20, 0],
        held: [40, 20, 0],
        escalations: [20, 0, 0],
        deescalations: [0, 0, 0],
        one_to_two: Median {
            students: 20,
            twice: Some(70),
        },
        two_to_three: Median {
            students: 0,
            twice: None,
        },
        // j=2: type 1 on time, type 2 late; j=7: type 1 on time: 40 of 60.
        finalized_on_time: share(40, 60),
        // i % 4 == 0 among i % 10 == 2: i % 20 == 12, 10 students.
        distributed: share(10, 60),
        agreements_met: 20,
        agreements_not_met: 20,
        agreements_open: 20,
        completed: 0,
        transferred: 20,
        dropped_out: [0, 0, 20, 0, 0, 0, 0],
        continuing: 0,
        retention_trial: share(20, 40),
        retention_six_months: share(20, 40),
        retention_completion: share(0, 0),
        with_intervention: [
            share(20, 20),
            share(0, 0),
            share(0, 0),
            share(0, 0),
            share(0, 0),
            share(0, 0),
        ],
        without_intervention: [
            share(0, 20),
            share(20, 40),
            share(20, 40),
            share(20, 40),
            share(20, 40),
            share(20, 40),
        ],
        // The November cohort (j=2, 7) has no team.
        with_team: 0,
        team_meetings: 0,
        three_meetings: 0,
    };
    assert_eq!(*november, expected);
    // The groups add up to the total where the figures are counts.
    let total = stats::compute(&facts(), &year_2026(None), today()).total;
    let sum = |f: fn(&Figures) -> u32| report.groups.iter().map(|(_, g)| f(g)).sum::<u32>();
    assert_eq!(sum(|g| g.in_focus), total.in_focus);
    assert_eq!(sum(|g| g.continuing), total.continuing);
}

#[test]
fn a_filter_counts_only_the_students_matching_exactly() {
    let mut q = year_2026(Some(Grouping::Workplace));
    q.filter.workplace = Some(WORKPLACES[0].into());
    let report = stats::compute(&facts(), &q, today());
    // i % 4 == 0: 50 students, all even, so none is j=5: all 50 in focus.
    assert_eq!(report.total.in_focus, 50);
    assert_eq!(report.groups.len(), 1);
    assert_eq!(report.total.distributed, share(50, 100));
    q.filter.workplace = Some("plejecenter kastanjehaven".into());
    assert_eq!(stats::compute(&facts(), &q, today()).total.in_focus, 0);
}

#[test]
fn the_csv_opens_in_danish_excel_with_small_numbers_hidden() {
    let row = |text: &str, label: &str| {
        text.split("\r\n")
            .find(|r| r.starts_with(&format!("{label};")))
            .unwrap_or_else(|| panic!("no row {label}:\n{text}"))
            .to_string()
    };
    let mut q = year_2026(Some(Grouping::Workplace));
    // The cohort of March 2023 is k=0: j=0 (i % 4 is 0 or 2) and j=5 (i % 4 is 1 or 3),
    // 10 students in each workplace. Columns by name: Hjemmeplejen Vest (j=5),
    // Plejecenter Kastanjehaven (j=0), Psykiatrien Spangsbjerg (j=5), Sydvestjysk
    // Sygehus (j=0).
    q.filter.cohort = Some("2023-03".into());
    let report = stats::compute(&facts(), &q, today()).suppressed();
    let bytes = stats::csv(&report, Lang::Da);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.ends_with("\r\n"));
    assert_eq!(
        text.split("\r\n").next().unwrap(),
        format!(
            "Tal;I alt;{};{};{};{}",
            WORKPLACES[1], WORKPLACES[0], WORKPLACES[3], WORKPLACES[2]
        )
    );
    // j=5 left before 2026: only j=0's 20 are in focus.
    assert_eq!(
        row(&text, "Elever i fokus i perioden"),
        "Elever i fokus i perioden;20;0;10;0;10"
    );
    // Expected end 30 June 2026: j=0 completed (retained), j=5 dropped out: 10 of 10 or
    // 0 of 10 per workplace, 20 of 40 in all, with a decimal comma.
    assert_eq!(
        row(&text, "Fastholdt til forventet afslutning – andel (%)"),
        "Fastholdt til forventet afslutning – andel (%);50,0;0,0;100,0;0,0;100,0"
    );
    // Type-1 minutes sent: i % 20 == 0, all at Plejecenter Kastanjehaven.
    assert_eq!(
        row(&text, "Sendt til alle modtagere – antal"),
        "Sendt til alle modtagere – antal;10;0;10;0;0"
    );
    // The first 8 students: workplaces of 2 (Hjemmeplejen Vest: i=1, and i=5 who left
    // before 2026), 7 in all.
    let report = stats::compute(
        &facts()[..8],
        &year_2026(Some(Grouping::Workplace)),
        today(),
    );
    let text = String::from_utf8(stats::csv(&report.suppressed(), Lang::Da)[3..].to_vec()).unwrap();
    assert_eq!(
        row(&text, "Elever i fokus i perioden"),
        "Elever i fokus i perioden;7;<5;<5;<5;<5"
    );
    // Zero stays zero; a share of a base below 5 (k=0: i=0 and i=5) is hidden.
    assert_eq!(
        row(&text, "Fastholdt til forventet afslutning – andel (%)"),
        "Fastholdt til forventet afslutning – andel (%);<5;<5;<5;;"
    );
    assert_eq!(row(&text, "Frafald: sygdom"), "Frafald: sygdom;0;0;0;0;0");
    // A workplace with a semicolon in its name is quoted.
    let mut odd = facts()[..8].to_vec();
    odd[0].workplace = "Plejecenter A; afsnit \"B\"".into();
    let report = stats::compute(&odd, &year_2026(Some(Grouping::Workplace)), today());
    let text = String::from_utf8(stats::csv(&report, Lang::Da)[3..].to_vec()).unwrap();
    assert!(
        text.contains(";\"Plejecenter A; afsnit \"\"B\"\"\";"),
        "{text}"
    );
}

#[test]
fn the_table_fits_80_columns_and_names_each_group() {
    let report = stats::compute(&facts(), &year_2026(Some(Grouping::Programme)), today());
    let text = stats::table(&report, Lang::En);
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
    assert!(text.contains("Programme: EUX Welfare"), "{text}");
    assert!(text.contains("Programme: SSH"), "{text}");
    let in_focus = text
        .lines()
        .find(|l| l.contains("Students in focus in the period"))
        .unwrap();
    assert!(in_focus.ends_with(" 180"), "{in_focus}");
    assert!(text.contains("35 days (n = 100)"), "{text}");
    assert!(text.contains("100 of 120 (83.3 %)"), "{text}");
}

/// The text of each page of a PDF.
fn pages(pdf: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(pdf).expect("the PDF reads")
}

#[test]
fn the_pdf_has_a_page_for_the_total_and_one_per_group() {
    let report = stats::compute(&facts(), &year_2026(Some(Grouping::Workplace)), today());
    assert_eq!(report.groups.len(), 4);
    let pdf = stats::pdf(&report, Lang::Da).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let texts = pages(&pdf);
    assert_eq!(texts.len(), 5);
    // The total first, then each workplace by name, each page saying which it is.
    assert!(texts[0].contains("I alt"), "{}", texts[0]);
    for (page, workplace) in texts[1..].iter().zip([1, 0, 3, 2]) {
        let name = WORKPLACES[workplace];
        assert!(page.contains(name), "{name} missing:\n{page}");
    }
    assert!(
        texts[0].contains("Afholdte samtaler pr. type"),
        "{}",
        texts[0]
    );
    let total_only = stats::compute(&facts(), &year_2026(None), today());
    assert_eq!(pages(&stats::pdf(&total_only, Lang::En).unwrap()).len(), 1);
}

#[test]
fn fokus_stats_prints_the_figures_of_the_database() {
    let sandbox = support::Sandbox::new();
    // Creates the (empty, encrypted) database.
    let out = sandbox.run(["students"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    {
        let store = sandbox.open_store();
        let cases = cases();
        let writes: Vec<(&CaseChange, &Case)> = cases.iter().map(|(c, ch)| (ch, c)).collect();
        fokus::store::Store::commit_many(&store, &writes).unwrap();
    }
    let out = sandbox.run([
        "--lang",
        "en",
        "stats",
        "--from",
        "01.01.2026",
        "--to",
        "31.12.2026",
        "--by",
        "cohort",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    let in_focus = text
        .lines()
        .find(|l| l.contains("Students in focus in the period"))
        .unwrap();
    assert!(in_focus.ends_with(" 180"), "{text}");
    assert!(text.contains("Cohort (start month): 2025-11"), "{text}");
    let pdf = sandbox.root.path().join("tal.pdf");
    let out = sandbox.run([
        "stats".as_ref(),
        "--from".as_ref(),
        "01.01.2026".as_ref(),
        "--to".as_ref(),
        "31.12.2026".as_ref(),
        "--format".as_ref(),
        "pdf".as_ref(),
        "--out".as_ref(),
        pdf.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(pages(&std::fs::read(&pdf).unwrap()).len(), 1);
    let bad = sandbox.run(["stats", "--cohort", "2026-13"]);
    assert_eq!(bad.status.code(), Some(2));
}
