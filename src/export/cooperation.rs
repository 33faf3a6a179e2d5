//! The team file's five tools as documents in the style of the minutes: the consent form,
//! the network map (drawn as a map in the PDF), the goal and agreement form, the
//! intervention overview and the meeting checklist. Each is a [`MinutesDoc`], so
//! [`super::pdf`] and [`super::markdown`] write them as they write the minutes.

use std::path::Path;

use super::minutes::{
    Block, DocContext, DocKind, Field, MinutesDoc, NetworkMap, Participants, Section, Table,
};
use super::{ExportError, Written};
use crate::domain::Case;
use crate::domain::cooperation::{Circle, MeetingDue, interventions_by_provider};
use crate::domain::dates::format_date;
use crate::i18n::{self, Lang, T};

/// One of the five tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tool {
    Consent,
    Network,
    Goals,
    Interventions,
    Meetings,
}

impl Tool {
    /// The five tools, in the model's order.
    pub const ALL: [Tool; 5] = [
        Tool::Consent,
        Tool::Network,
        Tool::Goals,
        Tool::Interventions,
        Tool::Meetings,
    ];

    /// The tool's title.
    pub fn title(self, lang: Lang) -> &'static str {
        lang.t(match self {
            Tool::Consent => T::DocConsentTitle,
            Tool::Network => T::DocNetworkTitle,
            Tool::Goals => T::DocGoalsTitle,
            Tool::Interventions => T::DocInterventionsTitle,
            Tool::Meetings => T::DocMeetingsTitle,
        })
    }

    /// The tool's part of a file name.
    fn slug(self) -> &'static str {
        match self {
            Tool::Consent => "samtykke",
            Tool::Network => "netvaerkskort",
            Tool::Goals => "maal",
            Tool::Interventions => "indsatser",
            Tool::Meetings => "moeder",
        }
    }
}

/// The document of `tool`, or of all five tools when `None`.
pub fn document(case: &Case, tool: Option<Tool>, cx: &DocContext) -> MinutesDoc {
    let lang = cx.lang;
    let s = &case.student;
    let name = if cx.initials {
        s.initials()
    } else {
        s.name.trim().to_string()
    };
    let (title, level, items) = match tool {
        Some(t) => (
            t.title(lang).to_string(),
            lang.t(T::DocTeamTitle).to_string(),
            sections(case, t, cx),
        ),
        None => (
            lang.t(T::DocTeamTitle).to_string(),
            Tool::ALL.map(|t| t.title(lang)).join(" · "),
            Tool::ALL
                .iter()
                .flat_map(|t| sections(case, *t, cx))
                .collect(),
        ),
    };
    let coordinator = s.team.coordinator.trim();
    MinutesDoc {
        lang,
        kind: DocKind::Minutes,
        running: lang.fill(T::DocTeamRunning, &[("name", &name), ("tool", &title)]),
        title,
        level,
        mark: None,
        header: vec![
            field(lang.t(T::DocStudent), &s.name),
            field(
                lang.t(T::FieldProgramme),
                i18n::programme(lang, s.programme),
            ),
            field(lang.t(T::FieldWorkplace), &s.workplace),
            Field {
                label: lang.t(T::CoopCoordinator).to_string(),
                value: if coordinator.is_empty() {
                    lang.t(T::DocNone).to_string()
                } else {
                    coordinator.to_string()
                },
                placeholder: coordinator.is_empty(),
            },
        ],
        participants: Participants {
            heading: String::new(),
            columns: Vec::new(),
            rows: Vec::new(),
        },
        items,
        addenda: None,
        footer: Vec::new(),
        generated: lang.fill(
            T::DocGenerated,
            &[("at", &cx.now.format("%d.%m.%Y %H:%M").to_string())],
        ),
    }
}

fn field(label: &str, value: &str) -> Field {
    Field {
        label: label.to_string(),
        value: value.to_string(),
        placeholder: false,
    }
}

fn none(lang: Lang) -> Block {
    Block::Placeholder(lang.t(T::DocNone).to_string())
}

fn sections(case: &Case, tool: Tool, cx: &DocContext) -> Vec<Section> {
    let lang = cx.lang;
    let today = cx.now.date();
    let team = &case.student.team;
    let heading = tool.title(lang).to_string();
    let blocks = match tool {
        Tool::Consent => {
            let mut blocks = Vec::new();
            let mut consents: Vec<_> = team.consents.iter().collect();
            consents.sort_by_key(|c| std::cmp::Reverse((c.given_on, c.id)));
            for c in consents {
                blocks.push(Block::Fields(vec![
                    field(lang.t(T::FieldConsentShares), &c.shares),
                    field(lang.t(T::DocColName), &c.parties.join("\n")),
                    field(lang.t(T::FieldConsentGiven), &format_date(c.given_on)),
                    field(
                        lang.t(T::FieldConsentUntil),
                        &i18n::date_or_dash(c.valid_until),
                    ),
                    field(
                        lang.t(T::FieldConsentWithdrawn),
                        &i18n::date_or_dash(c.withdrawn_on),
                    ),
                    field(lang.t(T::DocConsentState), &consent_state(lang, c, today)),
                ]));
                blocks.push(Block::Text(lang.t(T::DocSigned).to_string()));
            }
            if blocks.is_empty() {
                blocks.push(none(lang));
            }
            blocks
        }
        Tool::Network => {
            if team.network.is_empty() {
                vec![none(lang)]
            } else {
                let label = |m: &crate::domain::cooperation::NetworkMember| {
                    if m.role.trim().is_empty() {
                        m.name.clone()
                    } else {
                        format!("{} ({})", m.name, m.role)
                    }
                };
                let circle = |c: Circle| {
                    team.network
                        .iter()
                        .filter(|m| m.circle == c)
                        .map(label)
                        .collect()
                };
                vec![
                    Block::Map(NetworkMap {
                        centre: case.student.name.clone(),
                        close: circle(Circle::Close),
                        wider: circle(Circle::Wider),
                        close_label: lang.t(T::CoopInner).to_string(),
                        wider_label: lang.t(T::CoopOuter).to_string(),
                    }),
                    Block::Table(Table {
                        columns: [
                            T::DocColName,
                            T::DocColOrganisation,
                            T::DocColRole,
                            T::DocColTie,
                            T::DocColCircle,
                        ]
                        .map(|t| lang.t(t).to_string())
                        .to_vec(),
                        rows: team
                            .network
                            .iter()
                            .map(|m| {
                                vec![
                                    m.name.clone(),
                                    m.organisation.clone(),
                                    m.role.clone(),
                                    i18n::tie(lang, m.tie).to_string(),
                                    i18n::circle(lang, m.circle).to_string(),
                                ]
                            })
                            .collect(),
                    }),
                ]
            }
        }
        Tool::Goals => {
            let mut blocks = Vec::new();
            for g in &team.goals {
                blocks.push(Block::Label(format!(
                    "{}: {} ({})",
                    i18n::goal_area(lang, g.area),
                    g.text,
                    i18n::goal_status(lang, g.status)
                )));
                if !g.reviewed_on.is_empty() {
                    blocks.push(Block::Text(
                        lang.fill(T::CoopReviewed, &[("dates", &dates(&g.reviewed_on))]),
                    ));
                }
                if g.sub_goals.is_empty() {
                    continue;
                }
                blocks.push(Block::Table(Table {
                    columns: [
                        T::FieldSubGoalText,
                        T::DocColStatus,
                        T::DocColAgreements,
                        T::DocColInterventions,
                        T::FieldGoalReviewed,
                    ]
                    .map(|t| lang.t(t).to_string())
                    .to_vec(),
                    rows: g
                        .sub_goals
                        .iter()
                        .map(|sub| {
                            let agreements = sub
                                .agreements
                                .iter()
                                .filter_map(|id| case.agreements.iter().find(|a| a.id == *id))
                                .map(|a| a.text.lines().next().unwrap_or("").to_string())
                                .collect::<Vec<_>>()
                                .join("\n");
                            let interventions = sub
                                .interventions
                                .iter()
                                .filter_map(|id| {
                                    case.student.interventions.iter().find(|i| i.id == *id)
                                })
                                .map(|i| {
                                    format!(
                                        "{} ({})",
                                        i18n::intervention_kind(lang, i.kind),
                                        i.provider
                                    )
                                })
                                .collect::<Vec<_>>()
                                .join("\n");
                            vec![
                                sub.text.clone(),
                                i18n::goal_status(lang, sub.status).to_string(),
                                agreements,
                                interventions,
                                dates(&sub.reviewed_on),
                            ]
                        })
                        .collect(),
                }));
            }
            if blocks.is_empty() {
                blocks.push(none(lang));
            }
            blocks
        }
        Tool::Interventions => {
            let mut blocks = Vec::new();
            for (provider, list) in interventions_by_provider(&case.student.interventions) {
                blocks.push(Block::Label(provider));
                blocks.push(Block::Table(Table {
                    columns: [
                        T::DocColKind,
                        T::DocColPeriod,
                        T::DocColStatus,
                        T::DocColServes,
                    ]
                    .map(|t| lang.t(t).to_string())
                    .to_vec(),
                    rows: list
                        .iter()
                        .map(|i| {
                            let kind = if i.note.trim().is_empty() {
                                i18n::intervention_kind(lang, i.kind).to_string()
                            } else {
                                format!("{}: {}", i18n::intervention_kind(lang, i.kind), i.note)
                            };
                            vec![
                                kind,
                                format!("{} – {}", format_date(i.from), i18n::date_or_dash(i.to)),
                                i18n::intervention_status(lang, i.status).to_string(),
                                serves(case, i),
                            ]
                        })
                        .collect(),
                }));
            }
            if blocks.is_empty() {
                blocks.push(none(lang));
            }
            blocks
        }
        Tool::Meetings => {
            let mut blocks = vec![Block::Text(next_meeting(lang, team))];
            let mut meetings: Vec<_> = team.meetings.iter().collect();
            meetings.sort_by_key(|m| (m.on, m.id));
            if meetings.is_empty() {
                blocks.push(none(lang));
            } else {
                blocks.push(Block::Table(Table {
                    columns: [
                        T::FieldMeetingOn,
                        T::FieldMeetingParticipants,
                        T::FieldMeetingGoalsReviewed,
                        T::FieldMeetingInterventionsChanged,
                        T::FieldMeetingNext,
                        T::FieldMeetingNote,
                    ]
                    .map(|t| lang.t(t).to_string())
                    .to_vec(),
                    rows: meetings
                        .iter()
                        .map(|m| {
                            vec![
                                format_date(m.on),
                                m.participants.join("\n"),
                                i18n::yes_no(lang, m.goals_reviewed).to_string(),
                                i18n::yes_no(lang, m.interventions_changed).to_string(),
                                i18n::date_or_dash(m.next_on),
                                m.note.clone(),
                            ]
                        })
                        .collect(),
                }));
            }
            blocks
        }
    };
    vec![Section { heading, blocks }]
}

fn dates(list: &[chrono::NaiveDate]) -> String {
    list.iter()
        .map(|d| format_date(*d))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What an intervention serves: its agreement and the sub-goals it is linked to.
pub fn serves(case: &Case, i: &crate::domain::Intervention) -> String {
    let mut what: Vec<String> = i
        .agreement
        .and_then(|id| case.agreements.iter().find(|a| a.id == id))
        .map(|a| a.text.lines().next().unwrap_or("").to_string())
        .into_iter()
        .collect();
    what.extend(
        case.student
            .team
            .served_by_intervention(i.id)
            .into_iter()
            .map(|(_, s)| s.text.lines().next().unwrap_or("").to_string()),
    );
    what.join("; ")
}

/// The consent's state on `today` in a few words.
pub fn consent_state(
    lang: Lang,
    c: &crate::domain::cooperation::Consent,
    today: chrono::NaiveDate,
) -> String {
    let parties = c.parties.join(", ");
    if let Some(w) = c.withdrawn_on.filter(|w| *w <= today) {
        return lang.fill(T::CoopConsentWithdrawn, &[("date", &format_date(w))]);
    }
    if c.given_on > today {
        return lang.fill(T::CoopConsentNotYet, &[("date", &format_date(c.given_on))]);
    }
    match c.valid_until {
        Some(until) if until < today => {
            lang.fill(T::CoopConsentExpired, &[("date", &format_date(until))])
        }
        Some(until) => lang.fill(
            T::CoopConsentValid,
            &[("until", &format_date(until)), ("parties", &parties)],
        ),
        None => lang.fill(T::CoopConsentOpen, &[("parties", &parties)]),
    }
}

/// When the next team meeting is planned or due, in a sentence.
pub fn next_meeting(lang: Lang, team: &crate::domain::TeamFile) -> String {
    match team.meeting_due() {
        Some(MeetingDue::Planned(on)) => {
            lang.fill(T::CoopNextPlanned, &[("date", &format_date(on))])
        }
        Some(MeetingDue::Overdue { due, .. }) => lang.fill(
            T::CoopNextDue,
            &[("date", &format_date(due.pred_opt().unwrap_or(due)))],
        ),
        Some(MeetingDue::NoneHeld { .. }) => lang.t(T::CoopNextNow).to_string(),
        None => lang.t(T::CoopMeetingsEmpty).to_string(),
    }
}

/// Writes the document of `tool` (all five when `None`) of `case` to `dir` as PDF and
/// Markdown, named `2026-11-23_samarbejde_netvaerkskort_JAE`; an unchanged document
/// already there is left as it is, a changed one becomes a new version beside it.
pub fn write(
    dir: &Path,
    case: &Case,
    tool: Option<Tool>,
    cx: &DocContext,
) -> Result<Written, ExportError> {
    let doc = document(case, tool, cx);
    let slug = tool.map_or("alle", Tool::slug);
    let initials = super::names::ascii_initials(&case.student.name);
    let date = cx.now.format("%Y-%m-%d");
    let base = if initials.is_empty() {
        format!("{date}_samarbejde_{slug}")
    } else {
        format!("{date}_samarbejde_{slug}_{initials}")
    };
    super::names::write_versioned(dir, &base, &doc)
}
