//! Fictional demo data, dated relative to a given day, built with the same domain
//! operations a user performs so the timelines read as real ones would.
//!
//! The fixture databases in `tests/fixtures/` hold this data as each release wrote it, and
//! a test compares them with it: changing the stories means writing a new fixture for
//! every format, so add to them rather than rewrite them.

pub mod builder;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::reminders::{self, DueKind, ReminderKey};
use crate::domain::rules::{self, Recipient};
use crate::domain::{
    Actor, AgreementOwner, AgreementStatus, Case, ConversationId, ConversationState, CourseEnd,
    DropoutCause, FocusArea, FocusKind, IdSource, Intervention, InterventionKind,
    InterventionStatus, Level, Outcome, Programme, Role, SchoolPeriod, Student, StudentId,
    StudentStatus,
};
use builder::{BuiltCase, CaseBuilder, Refusal, Step};

/// Who did everything in the demo: its education officer, under the login "demo".
fn user() -> Actor {
    Actor::new("Hanne Krogh", Role::EducationOfficer, "demo")
}

/// One student's story, told in days relative to today.
struct Story<'a> {
    today: NaiveDate,
    b: CaseBuilder<'a>,
}

impl<'a> Story<'a> {
    /// A new student's story, starting with their registration.
    fn start(s: Student, today: NaiveDate, ids: &'a mut dyn IdSource) -> Story<'a> {
        let registered = (s.start + Duration::days(20))
            .and_hms_opt(12, 0, 0)
            .unwrap_or_default();
        Story {
            today,
            b: CaseBuilder::register(s, user(), registered, ids),
        }
    }

    /// Goes on with a story already told.
    fn resume(built: BuiltCase, today: NaiveDate, ids: &'a mut dyn IdSource) -> Story<'a> {
        Story {
            today,
            b: CaseBuilder::resume(built, user(), ids),
        }
    }

    /// Minutes finalized more than twelve days ago went to everyone required the day after;
    /// newer ones are still waiting, which makes a distribution reminder.
    fn distribute_older_minutes(&mut self) -> Result<(), Refusal> {
        let finalized: Vec<_> = self
            .b
            .case()
            .conversations
            .iter()
            .filter(|c| matches!(c.state, ConversationState::Finalized { .. }))
            .filter(|c| c.date() < self.today - Duration::days(12))
            .map(|c| (c.id, c.date(), c.level))
            .collect();
        for (id, held, level) in finalized {
            let days = (held - self.today).num_days() + 1;
            for (recipient, required) in rules::distribution(level) {
                if !required {
                    continue;
                }
                let employer = &self.b.case().student.employer;
                let to = (*recipient == Recipient::EmployingAuthority)
                    .then(|| {
                        crate::domain::organisation::DEFAULTS
                            .iter()
                            .find(|(name, _, _)| name == employer)
                            .map(|(name, _, mail)| (*name, *mail))
                    })
                    .flatten();
                let now = self.at(days, 15);
                self.b.mark_sent(id, *recipient, to, now)?;
            }
        }
        Ok(())
    }

    fn at(&self, days: i64, hour: u32) -> NaiveDateTime {
        (self.today + Duration::days(days))
            .and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default())
    }

    /// When something done `days` from today was done.
    fn when(&self, days: i64) -> NaiveDateTime {
        self.at(days, 15)
    }

    fn day(&self, days: i64) -> NaiveDate {
        self.today + Duration::days(days)
    }

    /// Plans a conversation `days` from today (negative: in the past), planned a week
    /// before it takes place.
    fn plan(&mut self, level: Level, days: i64) -> Result<ConversationId, Refusal> {
        let at = self.at(days, 9);
        let now = self.when(days.min(0) - 7);
        self.b.plan(level, at, now)
    }

    /// Holds a planned conversation with the given minutes and agreements; finalizes it
    /// when `finalize` is set.
    fn hold(
        &mut self,
        id: ConversationId,
        minutes: &Minutes,
        finalize: bool,
    ) -> Result<(), Refusal> {
        let step = if finalize { Step::Finalize } else { Step::Hold };
        let mut c = self.b.held(id, step)?;
        let days = (c.planned_at.date() - self.today).num_days();
        // Everyone invited came.
        for p in &mut c.participants {
            p.attended = true;
        }
        c.minutes.welcome =
            "Præsentationsrunde. Eleven fortalte kort om forløbet indtil nu.".into();
        c.minutes.learning_needs = minutes.needs.into();
        c.minutes.workplace_secures = minutes.workplace.into();
        c.minutes.student_commits = minutes.student.into();
        c.minutes.measures = minutes.measures.into();
        c.minutes.closing = "Mødet afrundet. Alle parter er enige om planen.".into();
        c.follow_up = Some(self.day(days + minutes.follow_up_days));
        c.next_level = Some(minutes.next);
        if let Some(reason) = minutes.next_reason {
            c.next_level_reason = reason.into();
        }
        let reviewed = if minutes.earlier_met {
            AgreementStatus::Met
        } else {
            AgreementStatus::NotMet
        };
        let mut agreements = self.b.review(id, |_| reviewed);
        for (text, owner, due_days) in minutes.agreements {
            // What the workplace agrees to, the supervisor sees to by name.
            let owner_name = match owner {
                AgreementOwner::Workplace => self.b.case().student.supervisor.clone(),
                _ => String::new(),
            };
            let due = Some(self.day(days + due_days));
            agreements.push(self.b.new_agreement(id, text, *owner, owner_name, due));
        }
        let now = self.when(days);
        if finalize {
            self.b.finalize(c, agreements, now)?;
        } else {
            self.b.save_minutes(c, agreements, now)?;
        }
        Ok(())
    }

    /// Holds the conversation planned next (the one finalized minutes planned).
    fn hold_next(&mut self, minutes: &Minutes, finalize: bool) -> Result<(), Refusal> {
        let step = if finalize { Step::Finalize } else { Step::Hold };
        let id = self.b.next_planned(step)?;
        self.hold(id, minutes, finalize)
    }

    /// Calls off the conversation planned next, `days` from today.
    fn cancel_next(&mut self, reason: &str, days: i64) -> Result<(), Refusal> {
        let id = self.b.next_planned(Step::Cancel)?;
        let now = self.when(days);
        self.b.cancel(id, reason, now)
    }

    fn note(&mut self, text: &str, days: i64) -> Result<(), Refusal> {
        let now = self.when(days);
        self.b.note(text, now)
    }

    /// The student's status changes `days` from today.
    fn set_status(&mut self, status: StudentStatus, days: i64) {
        let mut s = self.b.case().student.clone();
        s.status = status;
        let outcome = match status {
            StudentStatus::Completed => Some(Outcome::Completed),
            StudentStatus::Transferred => Some(Outcome::Transferred),
            StudentStatus::DroppedOut => Some(Outcome::DroppedOut(DropoutCause::Other)),
            StudentStatus::Active | StudentStatus::OnLeave => None,
        };
        s.ended = outcome.map(|outcome| CourseEnd {
            on: self.day(days),
            outcome,
        });
        let now = self.when(days);
        self.b.update_student(s, now);
    }

    /// Enters the school periods, as the student list from the school gives them: a
    /// first period of five weeks two months in, a second half a year later.
    fn school_periods(&mut self, days: i64) {
        let mut s = self.b.case().student.clone();
        let first = s.start + Duration::days(56);
        let second = s.start + Duration::days(240);
        s.school_periods = vec![
            SchoolPeriod::new(first, first + Duration::days(34)),
            SchoolPeriod::new(second, second + Duration::days(27)),
        ];
        let now = self.when(days);
        self.b.update_student(s, now);
    }

    /// Adds an intervention given from `from_days` (relative to today), still going.
    fn intervention(&mut self, kind: InterventionKind, provider: &str, from_days: i64) {
        let mut s = self.b.case().student.clone();
        let id = s.interventions.iter().map(|i| i.id).max().unwrap_or(0) + 1;
        s.interventions.push(Intervention {
            id,
            kind,
            provider: provider.into(),
            note: String::new(),
            from: self.day(from_days),
            to: None,
            status: InterventionStatus::Active,
            agreement: None,
        });
        let now = self.when(from_days.min(0));
        self.b.update_student(s, now);
    }
}

impl Story<'_> {
    /// The team file of a student followed by a cross-disciplinary team, typed in when
    /// the student was registered: a coordinator, a consent given a year ago less 20 days
    /// (so it runs out soon), a network of six, two goals whose sub-goals the student's
    /// agreements and interventions serve, and two team meetings, the last five months ago
    /// (so a team meeting is due).
    fn team_file(&mut self) {
        use crate::domain::cooperation::{
            Circle, Consent, Goal, GoalArea, GoalStatus, NetworkMember, SubGoal, TeamMeeting, Tie,
        };
        let entered = (self.b.case().student.start - self.today).num_days() + 21;
        let mut s = self.b.case().student.clone();
        let given = self.day(-345);
        s.team.coordinator = "Karin Vest, Esbjerg Kommune".into();
        s.team.started = Some(given);
        s.team.consents.push(Consent {
            id: self.b.next_id(),
            shares: "Fremmøde, trivsel og fremskridt i uddannelsen; aftaler og indsatser".into(),
            parties: vec![
                "SOSU Esbjerg".into(),
                "Jobcenter Esbjerg".into(),
                "Psykiatrien Spangsbjerg".into(),
            ],
            given_on: given,
            valid_until: given
                .checked_add_months(chrono::Months::new(12))
                .and_then(|d| d.pred_opt()),
            withdrawn_on: None,
        });
        self.b.update_student(s.clone(), self.when(entered));
        let people = [
            (
                "Maja Kjær",
                "Psykiatrien Spangsbjerg",
                "oplæringsvejleder",
                Tie::Professional,
                Circle::Close,
            ),
            (
                "Bente Lund",
                "Psykiatrien Spangsbjerg",
                "mentor",
                Tie::Professional,
                Circle::Close,
            ),
            ("Hanne Ærenlund", "", "mor", Tie::Personal, Circle::Close),
            (
                "Lis Berg",
                "Jobcenter Esbjerg",
                "jobkonsulent",
                Tie::Professional,
                Circle::Wider,
            ),
            (
                "Per Holt",
                "SOSU Esbjerg",
                "uddannelsesvejleder",
                Tie::Professional,
                Circle::Wider,
            ),
            (
                "Mikkel Sand",
                "",
                "ven fra fodboldklubben",
                Tie::Personal,
                Circle::Wider,
            ),
        ];
        for (i, (name, organisation, role, tie, circle)) in people.into_iter().enumerate() {
            s.team.network.push(NetworkMember {
                id: i as u64 + 1,
                name: name.into(),
                organisation: organisation.into(),
                role: role.into(),
                tie,
                circle,
            });
        }
        self.b.update_student(s.clone(), self.when(entered));
        let agreements: Vec<_> = self.b.case().agreements.iter().map(|a| a.id).collect();
        let pick = |i: usize| agreements.get(i).copied().into_iter().collect::<Vec<_>>();
        let intervention = |kind: InterventionKind| {
            s.interventions
                .iter()
                .filter(|i| i.kind == kind)
                .map(|i| i.id)
                .collect::<Vec<_>>()
        };
        let reviewed = vec![self.day(-240), self.day(-150)];
        s.team.goals = vec![
            Goal {
                id: 7,
                area: GoalArea::Education,
                text: "Jeg vil gøre SSA-uddannelsen færdig til tiden".into(),
                status: GoalStatus::Open,
                reviewed_on: reviewed.clone(),
                sub_goals: vec![
                    SubGoal {
                        id: 1,
                        text: "Bestå medicinhåndtering i næste skoleperiode".into(),
                        status: GoalStatus::Open,
                        agreements: pick(0),
                        interventions: intervention(InterventionKind::SpsSupport),
                        reviewed_on: vec![self.day(-150)],
                    },
                    SubGoal {
                        id: 2,
                        text: "Dosere medicin selv med oplæringsvejlederen ved siden af".into(),
                        status: GoalStatus::Open,
                        agreements: pick(1),
                        interventions: intervention(InterventionKind::Mentor),
                        reviewed_on: vec![self.day(-150)],
                    },
                ],
            },
            Goal {
                id: 8,
                area: GoalArea::Employment,
                text: "Jeg vil have fast arbejde i psykiatrien bagefter".into(),
                status: GoalStatus::Open,
                reviewed_on: vec![self.day(-150)],
                sub_goals: vec![SubGoal {
                    id: 1,
                    text: "Tale med jobkonsulenten om sommerafløsning".into(),
                    status: GoalStatus::Reached,
                    agreements: pick(2),
                    interventions: Vec::new(),
                    reviewed_on: vec![self.day(-150)],
                }],
            },
        ];
        self.b.update_student(s.clone(), self.when(entered));
        let team = [
            "Jonas Ærenlund",
            "Karin Vest",
            "Maja Kjær",
            "Lis Berg",
            "Per Holt",
        ];
        s.team.meetings = vec![
            TeamMeeting {
                id: 9,
                on: self.day(-240),
                participants: team.iter().map(|n| n.to_string()).collect(),
                goals_reviewed: true,
                interventions_changed: true,
                next_on: Some(self.day(-150)),
                note: "Teamet er sat; mentor og SPS aftalt".into(),
            },
            TeamMeeting {
                id: 10,
                on: self.day(-150),
                participants: team[..4].iter().map(|n| n.to_string()).collect(),
                goals_reviewed: true,
                interventions_changed: false,
                next_on: None,
                note: "Mål gennemgået; næste møde aftales af koordinatoren".into(),
            },
        ];
        self.b.update_student(s, self.when(entered));
    }
}

struct Minutes {
    needs: &'static str,
    workplace: &'static str,
    student: &'static str,
    /// Other measures: mentor, SPS, language support.
    measures: &'static str,
    agreements: &'static [(&'static str, AgreementOwner, i64)],
    follow_up_days: i64,
    next: Level,
    next_reason: Option<&'static str>,
    earlier_met: bool,
}

struct Person {
    name: &'static str,
    programme: Programme,
    workplace: &'static str,
    unit: &'static str,
    employer: &'static str,
    supervisor: &'static str,
    officer: &'static str,
    focus: &'static [(FocusKind, &'static str)],
}

const PEOPLE: [Person; 14] = [
    Person {
        name: "Amira Hassan",
        programme: Programme::Ssa,
        workplace: "Plejecenter Kastanjehaven",
        unit: "Afsnit B",
        employer: "Esbjerg Kommune",
        supervisor: "Bente Lund",
        officer: "Hanne Krogh",
        focus: &[(
            FocusKind::Language,
            "Fagsprog i den skriftlige dokumentation",
        )],
    },
    Person {
        name: "Mikkel Sørensen",
        programme: Programme::Ssh,
        workplace: "Hjemmeplejen Varde Nord",
        unit: "Gruppe 3",
        employer: "Varde Kommune",
        supervisor: "Lone Ravn",
        officer: "Per Winther",
        focus: &[
            (FocusKind::Social, "Samarbejde i teamet og med borgerne"),
            (FocusKind::Mental, "Stress og søvn"),
        ],
    },
    Person {
        name: "Freja Østergaard",
        programme: Programme::EuxVelfaerd,
        workplace: "Sydvestjysk Sygehus",
        unit: "Medicinsk afdeling M2",
        employer: "Sydvestjysk Sygehus",
        supervisor: "Jens Bach",
        officer: "Rikke Dam",
        focus: &[(
            FocusKind::BiggerChallenges,
            "Ønsker mere ansvar for patientforløb",
        )],
    },
    Person {
        name: "Jonas Ærenlund",
        programme: Programme::Ssa,
        workplace: "Psykiatrien Spangsbjerg",
        unit: "Afsnit S4",
        employer: "Psykiatrien Spangsbjerg",
        supervisor: "Maja Kjær",
        officer: "Ole Frost",
        focus: &[(FocusKind::Academic, "Medicinhåndtering og farmakologi")],
    },
    Person {
        name: "Sofie Lindholm",
        programme: Programme::Ssh,
        workplace: "Fanø Plejecenter",
        unit: "Stuen",
        employer: "Fanø Kommune",
        supervisor: "Karen Holm",
        officer: "Per Winther",
        focus: &[(FocusKind::Physical, "Rygproblemer ved forflytning")],
    },
    Person {
        name: "Ahmad Karimi",
        programme: Programme::Ssa,
        workplace: "Vejen Sundhedscenter",
        unit: "Rehabilitering",
        employer: "Vejen Kommune",
        supervisor: "Tina Mørk",
        officer: "Hanne Krogh",
        focus: &[
            (FocusKind::Language, "Mundtlig overlevering til kolleger"),
            (FocusKind::Academic, "Sygeplejefaglige begreber"),
        ],
    },
    Person {
        name: "Emma Bjerre",
        programme: Programme::Ssa,
        workplace: "Socialpsykiatrien Esbjerg",
        unit: "Botilbud Vestergade",
        employer: "Esbjerg Kommune",
        supervisor: "Lars Nygaard",
        officer: "Rikke Dam",
        focus: &[(FocusKind::Mental, "Grænsesætning over for beboere")],
    },
    Person {
        name: "Noah Kristensen",
        programme: Programme::Ssh,
        workplace: "Billund Hjemmepleje",
        unit: "Team Grindsted",
        employer: "Billund Kommune",
        supervisor: "Susanne Friis",
        officer: "Ole Frost",
        focus: &[(FocusKind::Social, "Mødestabilitet")],
    },
    Person {
        name: "Laura Thomsen",
        programme: Programme::EuxVelfaerd,
        workplace: "Plejecenter Kastanjehaven",
        unit: "Afsnit A",
        employer: "Esbjerg Kommune",
        supervisor: "Bente Lund",
        officer: "Hanne Krogh",
        focus: &[(
            FocusKind::BiggerChallenges,
            "Vil gerne prøve aftenvagter og koordinering",
        )],
    },
    Person {
        name: "Yusuf Demir",
        programme: Programme::Ssa,
        workplace: "Sydvestjysk Sygehus",
        unit: "Ortopædkirurgisk afdeling",
        employer: "Sydvestjysk Sygehus",
        supervisor: "Pia Vestergaard",
        officer: "Rikke Dam",
        focus: &[(
            FocusKind::Academic,
            "Observation og dokumentation af vitale værdier",
        )],
    },
    Person {
        name: "Ida Mølgaard",
        programme: Programme::Ssh,
        workplace: "Hjemmeplejen Varde Syd",
        unit: "Gruppe 1",
        employer: "Varde Kommune",
        supervisor: "Lone Ravn",
        officer: "Per Winther",
        focus: &[(FocusKind::Mental, "Angst ved alenearbejde")],
    },
    Person {
        name: "Oliver Brandt",
        programme: Programme::Ssa,
        workplace: "Psykiatrien Spangsbjerg",
        unit: "Afsnit S2",
        employer: "Psykiatrien Spangsbjerg",
        supervisor: "Maja Kjær",
        officer: "Ole Frost",
        focus: &[(FocusKind::Academic, "Psykiatrisk sygdomslære")],
    },
    Person {
        name: "Clara Munk",
        programme: Programme::Ssh,
        workplace: "Vejen Plejecenter Elmely",
        unit: "Afdeling Øst",
        employer: "Vejen Kommune",
        supervisor: "Tina Mørk",
        officer: "Hanne Krogh",
        focus: &[(FocusKind::Language, "Dansk som andetsprog")],
    },
    Person {
        name: "William Juhl",
        programme: Programme::Ssa,
        workplace: "Fanø Hjemmepleje",
        unit: "Nordby",
        employer: "Fanø Kommune",
        supervisor: "Karen Holm",
        officer: "Per Winther",
        focus: &[(FocusKind::Physical, "Genoptræning efter knæskade")],
    },
];

const LANGUAGE_PLAN: Minutes = Minutes {
    needs: "Eleven har svært ved fagsproget i dokumentationen og undgår at skrive journalnotater.",
    workplace: "Vejlederen gennemgår to journalnotater om ugen med eleven og afsætter 30 minutter til det om fredagen.",
    student: "Eleven skriver mindst ét journalnotat pr. vagt og bruger ordlisten fra skolen.",
    measures: "Eleven tilbydes dansk som andetsprog på skolen.",
    agreements: &[
        (
            "Eleven skriver ét journalnotat pr. vagt",
            AgreementOwner::Student,
            14,
        ),
        (
            "Vejleder afsætter 30 min. om fredagen til gennemgang",
            AgreementOwner::Workplace,
            14,
        ),
    ],
    follow_up_days: 14,
    next: Level::One,
    next_reason: None,
    earlier_met: false,
};

const ESCALATE_PLAN: Minutes = Minutes {
    needs: "Fokusområderne er fortsat til stede; der er ikke sket den forventede progression.",
    workplace: "Oplæringsstedet tilbyder fast vejleder på alle vagter og ugentlig status.",
    student: "Eleven forbereder sig til hver vagt med skriftlig plan og møder stabilt.",
    measures: "",
    agreements: &[(
        "Ugentlig statussamtale med vejleder",
        AgreementOwner::Workplace,
        21,
    )],
    follow_up_days: 21,
    next: Level::Two,
    next_reason: Some("Fokusområderne er fortsat til stede ved opfølgningen"),
    earlier_met: false,
};

const TYPE2_PLAN: Minutes = Minutes {
    needs: "Drøftelse af elevens læring og trivsel med ansættende myndighed. Eleven ønsker at gennemføre.",
    workplace: "Ansættende myndighed tilbyder mentor; oplæringsstedet sikrer faste vagter i dagtimerne.",
    student: "Eleven deltager i mentorsamtaler hver 14. dag og fører logbog over læringsmål.",
    measures: "Mentor fra ansættende myndighed; fast vejleder på alle vagter.",
    agreements: &[
        (
            "Mentorordning etableres",
            AgreementOwner::EmployingAuthority,
            7,
        ),
        (
            "Eleven fører logbog over læringsmål",
            AgreementOwner::Student,
            28,
        ),
    ],
    follow_up_days: 28,
    next: Level::Two,
    next_reason: None,
    earlier_met: false,
};

const TYPE2_TO_3_PLAN: Minutes = Minutes {
    needs: "Ingen progression siden type 2-samtalen; læringsvanskelighederne er af svær karakter.",
    workplace: "Oplæringsstedet fortsætter med fast vejleder og ugentlig status.",
    student: "Eleven fører logbog og deltager i mentorsamtalerne.",
    measures: "Mentor fra ansættende myndighed.",
    agreements: &[(
        "Vejleder og eleven gennemgår logbogen hver fredag",
        AgreementOwner::Workplace,
        14,
    )],
    follow_up_days: 28,
    next: Level::Three,
    next_reason: Some("Læringsmæssige udfordringer af svær karakter"),
    earlier_met: false,
};

const TYPE3_PLAN: Minutes = Minutes {
    needs: "Manglende læringsmæssig progression af svær karakter. Eleven ønsker fortsat at gennemføre.",
    workplace: "Ansættende myndighed og SOSU Esbjerg aftaler forlænget oplæringsperiode med SPS-støtte.",
    student: "Eleven tager imod SPS-støtte og deltager i alle aftalte møder.",
    measures: "SPS-støtte i skole- og oplæringsperioden.",
    agreements: &[("Ansøgning om SPS-støtte sendes", AgreementOwner::School, 10)],
    follow_up_days: 30,
    next: Level::Three,
    next_reason: None,
    earlier_met: false,
};

const CHALLENGE_PLAN: Minutes = Minutes {
    needs: "Eleven efterspørger større læringsmæssige udfordringer.",
    workplace: "Oplæringsstedet giver eleven ansvar for to borgeres forløb under supervision.",
    student: "Eleven reflekterer skriftligt over forløbene og fremlægger dem på personalemødet.",
    measures: "",
    agreements: &[(
        "Eleven fremlægger et borgerforløb på personalemødet",
        AgreementOwner::Student,
        21,
    )],
    follow_up_days: 30,
    next: Level::One,
    next_reason: None,
    earlier_met: true,
};

const PROGRESS_PLAN: Minutes = Minutes {
    needs: "Gennemgang af aftalerne fra sidst: god progression på alle fokusområder.",
    workplace: "Oplæringsstedet fortsætter med fast vejleder, men uden ekstra statusmøder.",
    student: "Eleven fortsætter den faste forberedelse og giver selv besked ved behov.",
    measures: "",
    agreements: &[(
        "Eleven giver besked til vejleder ved nye udfordringer",
        AgreementOwner::Student,
        30,
    )],
    follow_up_days: 30,
    next: Level::One,
    next_reason: Some("God progression; fokusområderne kan følges op i en type 1-samtale"),
    earlier_met: true,
};

fn student(p: &Person, id: StudentId, today: NaiveDate, n: usize) -> Student {
    let start = today - Duration::days(120 + 15 * n as i64);
    Student {
        id,
        name: p.name.into(),
        programme: p.programme,
        start,
        expected_end: start
            + Duration::days(match p.programme {
                Programme::Ssh => 14 * 30,
                Programme::Ssa | Programme::EuxVelfaerd => 28 * 30,
            }),
        school: "SOSU Esbjerg".into(),
        workplace: p.workplace.into(),
        unit: p.unit.into(),
        employer: p.employer.into(),
        supervisor: p.supervisor.into(),
        education_officer: p.officer.into(),
        focus_areas: p
            .focus
            .iter()
            .map(|(kind, note)| FocusArea {
                kind: *kind,
                note: (*note).into(),
            })
            .collect(),
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

/// Builds the fictional cases, dated relative to `today`, with ids from `ids`. Together
/// they give every kind of reminder, all three types, finalized and draft minutes. A step
/// the domain refuses is a bug in the stories, reported instead of leaving a case short.
pub fn demo_cases(today: NaiveDate, ids: &mut dyn IdSource) -> Result<Vec<BuiltCase>, Refusal> {
    let mut told = Vec::new();
    for (n, person) in PEOPLE.iter().enumerate() {
        let s = student(person, StudentId(ids.next_id()), today, n);
        let mut story = Story::start(s, today, ids);
        script(&mut story, n)?;
        told.push(story.b.build());
    }
    // Added with format 3; kept after everything above so older fixtures keep their ids.
    let mut out = Vec::new();
    for built in told {
        let mut story = Story::resume(built, today, ids);
        story.distribute_older_minutes()?;
        out.push(story.b.build());
    }
    for person in &LATER {
        let mut s = student(person, StudentId(ids.next_id()), today, 0);
        s.start = today - Duration::days(900);
        s.expected_end = today - Duration::days(400);
        let mut story = Story::start(s, today, ids);
        transferred_long_ago(&mut story)?;
        out.push(story.b.build());
    }
    // Added with format 7: school periods (the first student's trial period ends in five
    // days), and interventions for the students the stories give them.
    let mut with_course = Vec::new();
    for (n, built) in out.into_iter().enumerate() {
        let mut story = Story::resume(built, today, ids);
        if story.b.case().student.status.is_followed_up() {
            let entered = (story.b.case().student.start - today).num_days() + 21;
            story.school_periods(entered);
        }
        match n {
            0 => story.intervention(InterventionKind::LanguageSupport, "SOSU Esbjerg, DSA", -18),
            1 => story.intervention(InterventionKind::LearningBuddy, "Sara Holm, elev", -28),
            3 => {
                story.intervention(InterventionKind::Mentor, "Bente Lund, mentor", -60);
                story.intervention(InterventionKind::SpsSupport, "SOSU Esbjerg, SPS", -40);
            }
            _ => {}
        }
        with_course.push(story.b.build());
    }
    // Added with the team file: the type-3 student has a cross-disciplinary team.
    let mut with_team = Vec::new();
    for (n, built) in with_course.into_iter().enumerate() {
        let mut story = Story::resume(built, today, ids);
        if n == 3 {
            story.team_file();
        }
        with_team.push(story.b.build());
    }
    Ok(with_team)
}

/// The reminders the demo's user has marked done: trial periods that ended more than a
/// week ago were talked over at the time.
pub fn done_marks(cases: &[Case], today: NaiveDate) -> Vec<ReminderKey> {
    cases
        .iter()
        .flat_map(reminders::due_items)
        .filter(|item| {
            item.kind == DueKind::TrialPeriodEnds
                && reminders::trial_end_of(item) < today - Duration::days(7)
        })
        .map(|item| reminders::as_shown(&item, today).key())
        .collect()
}

/// Students added to the demo data after the first fourteen.
const LATER: [Person; 1] = [Person {
    name: "Nanna Frederiksen",
    programme: Programme::Ssh,
    workplace: "Hjemmeplejen Varde Nord",
    unit: "Gruppe 2",
    employer: "Varde Kommune",
    supervisor: "Lone Ravn",
    officer: "Per Winther",
    focus: &[(FocusKind::Social, "Ensomhed i oplæringsperioden")],
}];

/// Finished long ago: transferred to another municipality 14 months back, so her data is
/// up for review.
fn transferred_long_ago(b: &mut Story) -> Result<(), Refusal> {
    let c = b.plan(Level::One, -700)?;
    b.hold(c, &PROGRESS_PLAN, true)?;
    b.distribute_older_minutes()?;
    b.cancel_next("Eleven skifter oplæringssted", -672)?;
    b.set_status(StudentStatus::Transferred, -420);
    Ok(())
}

/// Each student's story. The comments name the reminder each one produces. Finalized
/// minutes plan the next conversation on their follow-up date, of the type they name.
fn script(b: &mut Story, n: usize) -> Result<(), Refusal> {
    match n {
        0 => {
            // Finalized type 1 with open agreements; the follow-up meeting was called off
            // when the student fell ill, so the follow-up is overdue with nothing planned.
            let c = b.plan(Level::One, -20)?;
            b.hold(c, &LANGUAGE_PLAN, true)?;
            b.cancel_next("Eleven er syg", -7)?;
            b.note("Eleven har været syg i tre dage.", -4)?;
        }
        1 => {
            // Type 1 followed up by type 1, whose minutes escalated to type 2; the type-2
            // meeting is in 5 days.
            let c = b.plan(Level::One, -30)?;
            b.hold(c, &LANGUAGE_PLAN, true)?;
            b.hold_next(&ESCALATE_PLAN, true)?;
        }
        2 => {
            // Wants bigger challenges; type 1 held four days ago, minutes still a draft.
            let c = b.plan(Level::One, -4)?;
            b.hold(c, &CHALLENGE_PLAN, false)?;
        }
        3 => {
            // Type 3 case: type 1 → 2 → 3, type 3 held and finalized, follow-up ahead.
            let c = b.plan(Level::One, -70)?;
            b.hold(c, &ESCALATE_PLAN, true)?;
            b.hold_next(&TYPE2_TO_3_PLAN, true)?;
            b.hold_next(&TYPE3_PLAN, true)?;
        }
        4 => {
            // A conversation today: the follow-up planned by the last minutes.
            let c = b.plan(Level::One, -14)?;
            b.hold(c, &LANGUAGE_PLAN, true)?;
        }
        5 => {
            // Raised to type 2 but the planned meeting was cancelled: no type-2 conversation.
            let c = b.plan(Level::One, -25)?;
            b.hold(c, &ESCALATE_PLAN, true)?;
            b.cancel_next("Ansættende myndighed kunne ikke deltage", -12)?;
        }
        6 => {
            // A planned type 1 that passed yesterday without being registered as held.
            b.plan(Level::One, -1)?;
        }
        7 => {
            // Type 2 finalized; the mentor agreement is overdue, the next type 2 is near.
            let c = b.plan(Level::One, -45)?;
            b.hold(c, &ESCALATE_PLAN, true)?;
            b.hold_next(&TYPE2_PLAN, true)?;
        }
        8 => {
            // Bigger challenges, doing well: finalized, follow-up in three weeks.
            let c = b.plan(Level::One, -10)?;
            b.hold(c, &CHALLENGE_PLAN, true)?;
        }
        9 => {
            // Conversation planned in 6 days.
            b.plan(Level::One, 6)?;
        }
        10 => {
            // Type 2 de-escalated after progress; the type-1 follow-up is in 6 days.
            let c = b.plan(Level::One, -45)?;
            b.hold(c, &ESCALATE_PLAN, true)?;
            b.hold_next(&PROGRESS_PLAN, true)?;
        }
        11 => {
            // Type 2 held yesterday; minutes not finalized yet (not yet overdue).
            let c = b.plan(Level::One, -22)?;
            b.hold(c, &ESCALATE_PLAN, true)?;
            b.hold_next(&TYPE2_PLAN, false)?;
        }
        12 => {
            // New student, first conversation planned in 2 weeks.
            b.plan(Level::One, 14)?;
        }
        _ => {
            // Completed: no reminders.
            let c = b.plan(Level::One, -100)?;
            b.hold(c, &CHALLENGE_PLAN, true)?;
            b.cancel_next("Eleven klarer sig godt – ingen opfølgning nødvendig", -72)?;
            b.set_status(StudentStatus::Completed, -5);
        }
    }
    Ok(())
}

pub use crate::ops::demo::fill;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Case;
    use crate::domain::reminders::{self, DueKind, Urgency};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn demo_data_covers_every_reminder_kind_some_overdue() {
        let mut ids = 0u64;
        let cases = demo_cases(today(), &mut ids).unwrap();
        assert!(cases.len() >= 12);
        let items: Vec<_> = cases
            .iter()
            .flat_map(|c| reminders::due_items(&c.case))
            .collect();
        let shown = reminders::reminders(&items, |_| None, today(), 7);
        for kind in DueKind::ALL {
            assert!(
                shown.iter().any(|r| r.item.kind == kind),
                "no {kind:?} reminder"
            );
        }
        assert!(shown.iter().any(|r| r.urgency == Urgency::Overdue));
        assert!(shown.iter().any(|r| r.urgency == Urgency::Today));
    }

    #[test]
    fn demo_data_has_all_types_and_both_finalized_and_draft_minutes() {
        let mut ids = 0u64;
        let cases = demo_cases(today(), &mut ids).unwrap();
        let convs: Vec<_> = cases.iter().flat_map(|c| &c.case.conversations).collect();
        for level in Level::ALL {
            assert!(convs.iter().any(|c| c.level == level), "{level:?}");
        }
        assert!(
            convs
                .iter()
                .any(|c| matches!(c.state, ConversationState::Finalized { .. }))
        );
        assert!(
            convs
                .iter()
                .any(|c| matches!(c.state, ConversationState::Held { .. }))
        );
        assert!(cases.iter().any(|c| !c.case.agreements.is_empty()));
        let employers: std::collections::HashSet<_> = cases
            .iter()
            .map(|c| c.case.student.employer.as_str())
            .collect();
        assert!(employers.len() >= 7);
    }

    #[test]
    fn every_story_is_told_without_a_refusal_whatever_the_day() {
        let days = [
            (2026, 11, 23), // a Monday
            (2026, 11, 27), // a Friday
            (2026, 11, 28), // a Saturday
            (2026, 11, 29), // a Sunday
            (2026, 11, 30), // the end of a month
            (2026, 12, 31),
            (2027, 1, 1),
            (2027, 2, 28),
            (2028, 2, 29),
            (2026, 6, 30),
        ];
        for (y, m, d) in days {
            let today = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let cases = demo_cases(today, &mut 0u64);
            assert!(cases.is_ok(), "{today}: {:?}", cases.err());
        }
    }

    #[test]
    fn the_change_recreates_the_whole_case() {
        let mut ids = 0u64;
        for demo in demo_cases(today(), &mut ids).unwrap() {
            let mut rebuilt = Case::new(demo.change.student.clone().unwrap());
            rebuilt.apply(&demo.change);
            assert_eq!(rebuilt, demo.case);
        }
    }
}
