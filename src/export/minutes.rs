//! A conversation as a format-neutral document, laid out like the cooperation agreement's
//! template "Dagsorden/referat til samtale d. …".
//!
//! A conversation not yet held becomes an agenda that summons the participants: the
//! meeting's facts, who is invited, and the six agenda items with whatever was prepared
//! under them. A held or finalized conversation becomes its minutes: the same header, who
//! took part, each item with its minutes, dated addenda, and a footer saying who finalized
//! them — or that they are a draft.
//!
//! A document leaves the building, so it holds the meeting and nothing of Fokus's own
//! bookkeeping: where the minutes go is stated by the rules, never whether someone ticked
//! them off as sent. The document holds finished text only, so the Markdown and PDF writers
//! do layout and nothing else.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::dates::{format_date, format_time};
use crate::domain::organisation::resolve;
use crate::domain::rules::{self, Recipient};
use crate::domain::{
    Actor, Agreement, AgreementStatus, Case, Conversation, ConversationState, OrgId, Organisation,
    Role,
};
use crate::i18n::{self, Lang, T};

/// What a document is made with besides the case and the conversation.
#[derive(Clone, Copy, Debug)]
pub struct DocContext<'a> {
    /// The address book the employing authority and the school are looked up in.
    pub book: &'a [Organisation],
    pub lang: Lang,
    /// When the document is made.
    pub now: NaiveDateTime,
    /// Whether the line on every page names the student by initials instead of in full
    /// (`document_initials` in `config.toml`).
    pub initials: bool,
}

/// Whether a document summons to a meeting or records one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    /// The agenda of a meeting not held (planned or cancelled): who is invited and what
    /// will be discussed.
    Agenda,
    /// The minutes of a held meeting, a draft until finalized.
    Minutes,
}

/// A conversation's agenda or minutes, ready to be written as Markdown or PDF.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MinutesDoc {
    pub lang: Lang,
    pub kind: DocKind,
    /// The title, with the mark when there is one.
    pub title: String,
    /// "Type 2" under minutes, "Indkaldelse til type 2-samtale" under an agenda.
    pub level: String,
    /// Which student and conversation the document is about, on every page:
    /// "Åse Ørum-Hansen – type 1-samtale d. 23.11.2026".
    pub running: String,
    /// "KLADDE – ikke godkendt" on minutes not finalized, "AFLYST" on a cancelled meeting;
    /// shown on every page.
    pub mark: Option<String>,
    /// Date and time, place, workplace, student, meeting leader, minute-taker and so on.
    pub header: Vec<Field>,
    pub participants: Participants,
    /// The six agenda items, in the template's order.
    pub items: Vec<Section>,
    /// Dated corrections to finalized minutes, when there are any.
    pub addenda: Option<Section>,
    /// Who finalized the minutes and when, or the draft note.
    pub footer: Vec<String>,
    /// When this copy was made ("Dannet med Fokus …"). Printed in the PDF only and not
    /// part of the content: two copies of unchanged minutes differ in nothing else.
    pub generated: String,
}

/// A label with its value ("Sted: Mødelokale 2").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub label: String,
    pub value: String,
    /// The value stands in for something the minutes lack; shown subdued.
    pub placeholder: bool,
}

/// The people invited to, or present at, the meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participants {
    /// "Indkaldte" on an agenda, "Deltagere" on minutes.
    pub heading: String,
    /// Column headings: role and name, and on minutes whether they attended.
    pub columns: Vec<String>,
    pub rows: Vec<ParticipantRow>,
}

/// One participant, both as table cells and as one line for a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParticipantRow {
    /// One cell for each column.
    pub cells: Vec<String>,
    /// "Elev: Amira Hassan – deltog: ja" on minutes, "Elev: Amira Hassan" on an agenda.
    pub line: String,
}

/// A heading with its content: an agenda item or the addenda.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// A piece of a section's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A sub-heading within an item ("Hvad oplæringsstedet sikrer …").
    Label(String),
    /// Text written by the user; line breaks are kept.
    Text(String),
    /// Stands in for text the minutes must hold but do not yet; shown subdued.
    Placeholder(String),
    /// Labels with values.
    Fields(Vec<Field>),
    /// A table (the agreements).
    Table(Table),
    /// A list whose items have a title and lines of detail (the distribution).
    List(Vec<ListItem>),
    /// A network map: the student in the middle, people close by on an inner circle and
    /// the wider network on an outer one. Drawn in the PDF, listed in Markdown.
    Map(NetworkMap),
}

/// The people of a network map, each as a label ("Lis Berg (UU-vejleder)").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetworkMap {
    pub centre: String,
    pub close: Vec<String>,
    pub wider: Vec<String>,
    /// The names of the two circles.
    pub close_label: String,
    pub wider_label: String,
}

/// A table; cells may hold line breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A list item: a title with lines of detail under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListItem {
    pub title: String,
    pub lines: Vec<String>,
}

/// Lays out `conversation` in `case`: an agenda while it has not been held, its minutes
/// once it has.
pub fn document(case: &Case, conversation: &Conversation, cx: &DocContext) -> MinutesDoc {
    let lang = cx.lang;
    let c = conversation;
    let kind = match c.state {
        ConversationState::Planned | ConversationState::Cancelled { .. } => DocKind::Agenda,
        ConversationState::Held { .. } | ConversationState::Finalized { .. } => DocKind::Minutes,
    };
    let w = Writer {
        lang,
        case,
        book: cx.book,
        kind,
    };
    let date = format_date(c.date());
    let level_number = c.level.number().to_string();
    let mark = match &c.state {
        ConversationState::Held { .. } => Some(lang.t(T::DocDraftMark).to_string()),
        ConversationState::Cancelled { .. } => Some(lang.t(T::DocCancelledMark).to_string()),
        ConversationState::Planned | ConversationState::Finalized { .. } => None,
    };
    let (base_title, level) = match kind {
        DocKind::Agenda => (
            lang.fill(T::DocAgendaTitle, &[("date", &date)]),
            lang.fill(T::DocSummons, &[("n", &level_number)]),
        ),
        DocKind::Minutes => (
            lang.fill(T::DocTitle, &[("date", &date)]),
            i18n::level(lang, c.level),
        ),
    };
    let title = match &mark {
        Some(mark) => lang.fill(
            T::DocTitleWithMark,
            &[("title", &base_title), ("mark", mark)],
        ),
        None => base_title,
    };
    let student = if cx.initials {
        case.student.initials()
    } else {
        case.student.name.trim().to_string()
    };
    let running = lang.fill(
        T::DocRunning,
        &[("student", &student), ("n", &level_number), ("date", &date)],
    );
    let addenda = (!c.addenda.is_empty()).then(|| Section {
        heading: lang.t(T::DocAddenda).to_string(),
        blocks: c
            .addenda
            .iter()
            .flat_map(|a| {
                let heading = match w.person(c, &a.by) {
                    Some(who) => {
                        lang.fill(T::AddendumHeading, &[("at", &w.at(a.at)), ("user", &who)])
                    }
                    None => lang.fill(T::DocAddendumAt, &[("at", &w.at(a.at))]),
                };
                [Block::Label(heading), w.text(&a.text)]
            })
            .collect(),
    });
    let footer = match &c.state {
        ConversationState::Finalized { at, by, .. } => vec![match w.person(c, by) {
            Some(who) => lang.fill(T::DocFinalizedBy, &[("at", &w.at(*at)), ("by", &who)]),
            None => lang.fill(T::DocFinalized, &[("at", &w.at(*at))]),
        }],
        ConversationState::Held { .. } => vec![lang.t(T::DocDraftFooter).to_string()],
        ConversationState::Planned | ConversationState::Cancelled { .. } => Vec::new(),
    };
    MinutesDoc {
        lang,
        kind,
        title,
        level,
        running,
        mark,
        header: w.header(c),
        participants: w.participants(c),
        items: vec![
            w.plain_item(T::Item1, &c.minutes.welcome),
            w.learning_needs(c),
            w.action_plan(c),
            w.new_date(c),
            w.distribution(c),
            w.plain_item(T::Item6, &c.minutes.closing),
        ],
        addenda,
        footer,
        generated: lang.fill(T::DocGenerated, &[("at", &w.at(cx.now))]),
    }
}

struct Writer<'a> {
    lang: Lang,
    case: &'a Case,
    book: &'a [Organisation],
    kind: DocKind,
}

impl<'a> Writer<'a> {
    fn t(&self, key: T) -> String {
        self.lang.t(key).to_string()
    }

    fn minutes(&self) -> bool {
        self.kind == DocKind::Minutes
    }

    fn at(&self, at: NaiveDateTime) -> String {
        self.lang.fill(
            T::DocDateAtTime,
            &[
                ("date", &format_date(at.date())),
                ("time", &format_time(at.time())),
            ],
        )
    }

    fn date(&self, date: NaiveDate) -> String {
        format_date(date)
    }

    /// Who did something the document mentions — finalized the minutes, wrote an addendum —
    /// as the document names them, or `None` to leave the name out. Every name of that kind
    /// goes through here.
    ///
    /// People are named with the name and role they gave Fokus. Records from before Fokus
    /// asked hold only the operating-system login, and a login ("root", "hanne") is no name
    /// to put before a reader: such a record is named only when it is the name of one of
    /// the meeting's participants, and then with their role.
    fn person(&self, c: &Conversation, by: &Actor) -> Option<String> {
        if by.role.is_some() && !by.name.trim().is_empty() {
            return Some(i18n::person(self.lang, by));
        }
        let by = squash(&by.name);
        let p = c
            .participants
            .iter()
            .find(|p| !by.is_empty() && squash(&p.name).to_lowercase() == by.to_lowercase())?;
        Some(self.lang.fill(
            T::DocPerson,
            &[
                ("name", &squash(&p.name)),
                ("role", i18n::role(self.lang, p.role)),
            ],
        ))
    }

    /// The user's text, or a placeholder saying it was not filled in.
    fn text(&self, text: &str) -> Block {
        let text = text.trim_end();
        if text.trim().is_empty() {
            Block::Placeholder(self.t(T::DocNotFilled))
        } else {
            Block::Text(text.to_string())
        }
    }

    /// A labelled piece of text: on minutes always, with a placeholder when the template
    /// requires it and it is empty; on an agenda only when something was prepared.
    fn labelled(&self, blocks: &mut Vec<Block>, label: T, text: &str, required: bool) {
        let empty = text.trim().is_empty();
        if empty && !(required && self.minutes()) {
            return;
        }
        blocks.push(Block::Label(self.t(label)));
        blocks.push(self.text(text));
    }

    fn field(&self, label: T, value: impl Into<String>) -> Field {
        Field {
            label: self.t(label),
            value: value.into(),
            placeholder: false,
        }
    }

    /// A field for a value that may be missing: left out when it is.
    fn optional_field(&self, fields: &mut Vec<Field>, label: T, value: &str) {
        if !value.trim().is_empty() {
            fields.push(self.field(label, value.trim()));
        }
    }

    /// A field the minutes must hold: a subdued placeholder stands in while it is missing.
    fn required_field(&self, label: T, value: Option<String>, missing: T) -> Field {
        match value {
            Some(value) => self.field(label, value),
            None => Field {
                placeholder: true,
                ..self.field(label, self.t(missing))
            },
        }
    }

    /// "Ansættende myndighed (Esbjerg Kommune)", or the role alone when nobody is named.
    fn role_and_name(&self, c: &Conversation, role: Role) -> String {
        let name = c.name_of(role).trim();
        let role = i18n::role(self.lang, role);
        if name.is_empty() {
            role.to_string()
        } else {
            self.lang
                .fill(T::DocRoleAndName, &[("role", role), ("name", name)])
        }
    }

    fn header(&self, c: &Conversation) -> Vec<Field> {
        let s = &self.case.student;
        let lang = self.lang;
        let when = self.lang.fill(
            T::DocDateAtTime,
            &[
                ("date", &format_date(c.date())),
                ("time", &format_time(c.planned_at.time())),
            ],
        );
        let mut fields = vec![self.field(T::DocDateTime, when)];
        self.optional_field(&mut fields, T::FieldPlace, &c.place);
        self.optional_field(&mut fields, T::FieldWorkplace, &s.workplace);
        self.optional_field(&mut fields, T::FieldUnit, &s.unit);
        self.optional_field(&mut fields, T::RoleStudent, &s.name);
        fields.extend([
            self.field(T::FieldProgramme, i18n::programme(lang, s.programme)),
            self.field(T::FieldInitiator, i18n::initiator(lang, c.initiated_by)),
            self.field(
                T::FieldMeetingLeader,
                self.role_and_name(c, c.meeting_leader),
            ),
            self.field(T::FieldMinuteTaker, self.role_and_name(c, c.minute_taker)),
        ]);
        // Planned, held or finalized is said by the title and the mark; why a meeting was
        // called off is said here.
        if let ConversationState::Cancelled { reason } = &c.state {
            let state = if reason.trim().is_empty() {
                i18n::conversation_state(lang, &c.state).to_string()
            } else {
                lang.fill(T::DocCancelledBecause, &[("reason", reason.trim())])
            };
            fields.push(self.field(T::FieldStatus, state));
        }
        fields
    }

    /// The participants: invited (role and name) on an agenda; on minutes also whether
    /// each took part, as recorded.
    fn participants(&self, c: &Conversation) -> Participants {
        let lang = self.lang;
        let rows = c
            .participants
            .iter()
            .map(|p| {
                let role = i18n::role(lang, p.role).to_string();
                let name = p.name.trim().to_string();
                if !self.minutes() {
                    let line = if name.is_empty() {
                        role.clone()
                    } else {
                        lang.fill(T::DocRoleLine, &[("role", &role), ("text", &name)])
                    };
                    return ParticipantRow {
                        cells: vec![role, name],
                        line,
                    };
                }
                let name = if name.is_empty() {
                    self.t(T::DocNotFilled)
                } else {
                    name
                };
                let attended = self.t(if p.attended { T::DocYes } else { T::DocNo });
                let line = lang.fill(
                    T::DocParticipantLine,
                    &[("role", &role), ("name", &name), ("answer", &attended)],
                );
                ParticipantRow {
                    cells: vec![role, name, attended],
                    line,
                }
            })
            .collect();
        let mut columns = vec![self.t(T::DocColRole), self.t(T::ColName)];
        let heading = if self.minutes() {
            columns.push(self.t(T::DocColAttended));
            self.t(T::DocParticipants)
        } else {
            self.t(T::DocInvited)
        };
        Participants {
            heading,
            columns,
            rows,
        }
    }

    /// Items 1 and 6: the template asks for no particular content, so an empty one is
    /// just its heading.
    fn plain_item(&self, heading: T, text: &str) -> Section {
        let text = text.trim_end();
        Section {
            heading: self.t(heading),
            blocks: if text.trim().is_empty() {
                Vec::new()
            } else {
                vec![Block::Text(text.to_string())]
            },
        }
    }

    fn learning_needs(&self, c: &Conversation) -> Section {
        let mut blocks = Vec::new();
        self.labelled(
            &mut blocks,
            T::FieldLearningNeeds,
            &c.minutes.learning_needs,
            true,
        );
        Section {
            heading: self.t(T::Item2),
            blocks,
        }
    }

    fn action_plan(&self, c: &Conversation) -> Section {
        let m = &c.minutes;
        let mut blocks = Vec::new();
        self.labelled(
            &mut blocks,
            T::DocWorkplaceSecures,
            &m.workplace_secures,
            true,
        );
        self.labelled(&mut blocks, T::DocStudentCommits, &m.student_commits, true);
        self.labelled(&mut blocks, T::FieldMeasures, &m.measures, false);
        let rows: Vec<Vec<String>> = self
            .agreements(c)
            .into_iter()
            .map(|(a, earlier)| self.agreement_row(a, earlier))
            .collect();
        if !rows.is_empty() {
            blocks.push(Block::Label(self.t(T::FieldAgreements)));
            blocks.push(Block::Table(Table {
                columns: vec![
                    self.t(T::FieldAgreementText),
                    self.t(T::FieldAgreementOwner),
                    self.t(T::FieldAgreementDue),
                    self.t(T::FieldAgreementStatus),
                ],
                rows,
            }));
        } else if self.minutes() {
            blocks.push(Block::Label(self.t(T::FieldAgreements)));
            blocks.push(Block::Placeholder(self.t(T::DocNoAgreements)));
        }
        Section {
            heading: self.t(T::Item3),
            blocks,
        }
    }

    /// The agreements made here, then earlier ones this conversation reviewed — and, until
    /// the minutes are finalized, earlier ones still open that are up for review.
    fn agreements(&self, c: &Conversation) -> Vec<(&'a Agreement, Option<T>)> {
        let case = self.case;
        let mut out: Vec<(&Agreement, Option<T>)> = case
            .agreements_made_in(c.id)
            .into_iter()
            .map(|a| (a, None))
            .collect();
        let finalized = matches!(c.state, ConversationState::Finalized { .. });
        for a in &case.agreements {
            if a.made_in == c.id {
                continue;
            }
            if a.reviewed_in == Some(c.id) {
                out.push((a, Some(T::DocEarlierReviewed)));
            } else if !finalized
                && a.status == AgreementStatus::Open
                && case
                    .conversation(a.made_in)
                    .is_none_or(|made| made.date() <= c.date())
            {
                out.push((a, Some(T::DocEarlierToReview)));
            }
        }
        out
    }

    fn agreement_row(&self, a: &Agreement, earlier: Option<T>) -> Vec<String> {
        let lang = self.lang;
        let mut what = a.text.trim().to_string();
        if let Some(key) = earlier {
            let note = match self.case.conversation(a.made_in) {
                Some(made) => lang.fill(key, &[("date", &self.date(made.date()))]),
                None => self.t(T::EarlierAgreement),
            };
            what = format!("{what}\n({note})");
        }
        vec![
            what,
            i18n::agreement_owner(lang, a),
            i18n::date_or_dash(a.due),
            i18n::agreement_status(lang, a.status).to_string(),
        ]
    }

    /// Item 4. The minutes must name the follow-up date and the next type; an agenda has
    /// them only if they were agreed beforehand (the next type is filled in at planning by
    /// the rules, so an agenda leaves it to the meeting).
    fn new_date(&self, c: &Conversation) -> Section {
        let lang = self.lang;
        let follow_up = c.follow_up.map(|d| self.date(d));
        let mut fields = Vec::new();
        if self.minutes() {
            fields.push(self.required_field(T::FieldFollowUp, follow_up, T::DocNotFilled));
            fields.push(self.required_field(
                T::FieldNextLevel,
                c.next_level.map(|l| i18n::level(lang, l)),
                T::NotChosen,
            ));
            self.optional_field(&mut fields, T::FieldNextLevelReason, &c.next_level_reason);
        } else if let Some(date) = follow_up {
            fields.push(self.field(T::FieldFollowUp, date));
        }
        let mut blocks = Vec::new();
        if !fields.is_empty() {
            blocks.push(Block::Fields(fields));
        }
        self.labelled(
            &mut blocks,
            T::FieldNewDateNote,
            &c.minutes.new_date_note,
            false,
        );
        Section {
            heading: self.t(T::Item4),
            blocks,
        }
    }

    /// An organisation's name with its secure-mail address when the address book has one;
    /// `None` when the student's record names none.
    fn org_line(&self, id: Option<OrgId>, name: &str) -> Option<String> {
        match resolve(self.book, id, name) {
            Some(org) if !org.secure_mail.trim().is_empty() => Some(self.lang.fill(
                T::DocOrgAddress,
                &[
                    ("organisation", org.name.trim()),
                    ("address", org.secure_mail.trim()),
                ],
            )),
            Some(org) if !org.name.trim().is_empty() => Some(org.name.trim().to_string()),
            _ if name.trim().is_empty() => None,
            _ => Some(name.trim().to_string()),
        }
    }

    /// Whether the address book knows a secure-mail address for the organisation.
    fn has_address(&self, id: Option<OrgId>, name: &str) -> bool {
        resolve(self.book, id, name).is_some_and(|org| !org.secure_mail.trim().is_empty())
    }

    /// Item 5: where the minutes go by the rules for the conversation's type, by secure
    /// mail, with the addresses the address book knows.
    fn distribution(&self, c: &Conversation) -> Section {
        let lang = self.lang;
        let items = rules::distribution(c.level)
            .iter()
            .map(|&(r, required)| {
                let name = i18n::recipient(lang, r);
                let title = if required {
                    name.to_string()
                } else {
                    lang.fill(T::DocRecipientOptional, &[("recipient", name)])
                };
                // "SOSU Esbjerg" under "SOSU Esbjerg" says nothing new.
                let mut lines = self.recipient_lines(c, r);
                lines.retain(|l| l != name);
                ListItem { title, lines }
            })
            .collect();
        let mut blocks = vec![
            Block::Text(self.t(T::DocDistributionIntro)),
            Block::List(items),
        ];
        self.labelled(
            &mut blocks,
            T::FieldDistributionNote,
            &c.minutes.distribution_note,
            false,
        );
        Section {
            heading: self.t(T::Item5),
            blocks,
        }
    }

    /// Who and where a recipient is, as far as the case and the address book know.
    fn recipient_lines(&self, c: &Conversation, r: Recipient) -> Vec<String> {
        let lang = self.lang;
        let s = &self.case.student;
        match r {
            Recipient::Participants => {
                let names: Vec<&str> = c
                    .participants
                    .iter()
                    .map(|p| p.name.trim())
                    .filter(|n| !n.is_empty())
                    .collect();
                let mut lines = Vec::new();
                if !names.is_empty() {
                    lines.push(names.join(", "));
                }
                // Organisations taking part get their copy at their secure-mail address.
                for (role, id, name) in [
                    (Role::EmployingAuthority, s.employer_org, &s.employer),
                    (Role::SchoolCounsellor, s.school_org, &s.school),
                ] {
                    if c.participant(role).is_some()
                        && self.has_address(id, name)
                        && let Some(line) = self.org_line(id, name)
                    {
                        lines.push(lang.fill(
                            T::DocRoleLine,
                            &[("role", i18n::role(lang, role)), ("text", &line)],
                        ));
                    }
                }
                lines
            }
            Recipient::EmployingAuthority => self
                .org_line(s.employer_org, &s.employer)
                .into_iter()
                .collect(),
            Recipient::School => self.org_line(s.school_org, &s.school).into_iter().collect(),
            Recipient::TrainingBook | Recipient::NextWorkplace => Vec::new(),
        }
    }
}

/// `text` trimmed, with each run of whitespace as one space.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{Ctx, finalize_conversation, mark_sent, save_conversation};
    use crate::domain::organisation::default_book;
    use crate::domain::{AgreementId, AgreementOwner, ConversationId, IdSource, Level};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn ctx(m: u32, d: u32) -> Ctx {
        Ctx {
            now: day(m, d).and_hms_opt(15, 0, 0).unwrap(),
            by: crate::domain::Actor::new(
                "Hanne Krogh",
                crate::domain::Role::EducationOfficer,
                "hanne",
            ),
        }
    }

    fn book() -> Vec<Organisation> {
        let mut n = 1000;
        default_book(|| {
            n += 1;
            n
        })
    }

    /// A type-2 case: one finalized type-1 conversation with an agreement, and a held
    /// type-2 conversation that reviewed it.
    fn case() -> (Case, ConversationId, ConversationId) {
        let mut ids = 0u64;
        let mut case = Case::new(crate::domain::case::tests_support::student());
        let first = case.plan_conversation(
            ConversationId(ids.next_id()),
            Level::One,
            day(10, 1).and_hms_opt(9, 0, 0).unwrap(),
        );
        let mut held = first.clone();
        held.state = ConversationState::Held { on: day(10, 1) };
        held.minutes.learning_needs = "Fagsprog".into();
        held.minutes.workplace_secures = "Fast vejleder".into();
        held.minutes.student_commits = "Daglige notater".into();
        held.follow_up = Some(day(10, 20));
        held.next_level = Some(Level::Two);
        held.next_level_reason = "Fokusområderne består".into();
        for p in &mut held.participants {
            p.attended = true;
        }
        let agreement = Agreement {
            id: AgreementId(ids.next_id()),
            student: case.id(),
            text: "Dagligt notat".into(),
            owner: AgreementOwner::Student,
            owner_name: String::new(),
            due: Some(day(10, 20)),
            status: AgreementStatus::Open,
            made_in: first.id,
            reviewed_in: None,
        };
        // Finalizing escalates to type 2 and plans the type-2 conversation on the follow-up.
        let (change, next) =
            finalize_conversation(&case, held, vec![agreement.clone()], &ctx(10, 1), &mut ids)
                .unwrap();
        case.apply(&change);
        let mut second = case.conversation(next.unwrap()).unwrap().clone();
        second.planned_at = day(10, 20).and_hms_opt(10, 30, 0).unwrap();
        second.state = ConversationState::Held { on: day(10, 20) };
        for p in &mut second.participants {
            p.attended = true;
        }
        let reviewed = Agreement {
            status: AgreementStatus::NotMet,
            ..agreement
        };
        let change = save_conversation(
            &case,
            second.clone(),
            vec![reviewed],
            &ctx(10, 20),
            &mut ids,
        )
        .unwrap();
        case.apply(&change);
        (case, first.id, second.id)
    }

    fn now() -> NaiveDateTime {
        day(11, 23).and_hms_opt(12, 0, 0).unwrap()
    }

    fn document(case: &Case, c: &Conversation, book: &[Organisation], lang: Lang) -> MinutesDoc {
        let cx = DocContext {
            book,
            lang,
            now: now(),
            initials: false,
        };
        super::document(case, c, &cx)
    }

    fn planned(case: &Case, level: Level) -> Conversation {
        let mut c = case.plan_conversation(
            ConversationId(77),
            level,
            day(12, 3).and_hms_opt(13, 15, 0).unwrap(),
        );
        c.participants.push(crate::domain::Participant {
            role: Role::SchoolCounsellor,
            name: String::new(),
            attended: false,
        });
        c
    }

    fn blocks(doc: &MinutesDoc, item: usize) -> &[Block] {
        &doc.items[item].blocks
    }

    #[test]
    fn a_draft_is_marked_in_the_title_and_the_footer() {
        let (case, _, second) = case();
        let c = case.conversation(second).unwrap();
        let doc = document(&case, c, &book(), Lang::Da);
        assert_eq!(
            doc.title,
            "Dagsorden/referat til samtale d. 20.10.2026 – KLADDE – ikke godkendt"
        );
        assert_eq!(doc.level, "Type 2");
        assert_eq!(doc.kind, DocKind::Minutes);
        assert!(doc.footer[0].starts_with("KLADDE"));
        assert_eq!(doc.generated, "Dannet med Fokus 23.11.2026 kl. 12:00.");
    }

    #[test]
    fn finalized_minutes_carry_no_draft_mark_and_name_who_finalized_them() {
        let (case, first, _) = case();
        let c = case.conversation(first).unwrap();
        let doc = document(&case, c, &book(), Lang::Da);
        assert_eq!(doc.mark, None);
        assert!(!doc.title.contains("KLADDE"));
        assert_eq!(
            doc.footer,
            ["Referatet er godkendt 01.10.2026 kl. 15:00 af Hanne Krogh (Uddannelsesansvarlig)."]
        );
    }

    #[test]
    fn people_are_named_as_they_told_fokus_and_old_logins_only_as_participants() {
        use crate::domain::Actor;
        let (mut case, first, _) = case();
        let w = Writer {
            lang: Lang::Da,
            case: &case,
            book: &[],
            kind: DocKind::Minutes,
        };
        let c = case.conversation(first).unwrap();
        let bente = Actor::new("Bente Lund", Role::Supervisor, "blund");
        assert_eq!(
            w.person(c, &bente),
            Some("Bente Lund (Oplæringsvejleder)".into())
        );
        // Records from before Fokus asked hold a login: never printed as a name…
        assert_eq!(w.person(c, &Actor::login_only("root")), None);
        assert_eq!(w.person(c, &Actor::login_only("hanne")), None);
        assert_eq!(w.person(c, &Actor::login_only("")), None);
        // …unless it is a participant's name, then with the participant's role.
        assert_eq!(
            w.person(c, &Actor::login_only("  hanne   KROGH ")),
            Some("Hanne Krogh (Uddannelsesansvarlig)".into())
        );
        // The finalized footer and an addendum heading both go through it.
        let c = case
            .conversations
            .iter_mut()
            .find(|c| c.id == first)
            .unwrap();
        if let ConversationState::Finalized { by, .. } = &mut c.state {
            *by = Actor::login_only("root");
        }
        c.addenda.push(crate::domain::Addendum {
            at: day(10, 5).and_hms_opt(8, 0, 0).unwrap(),
            by: Actor::login_only("root"),
            text: "Rettet stavefejl.".into(),
        });
        c.addenda.push(crate::domain::Addendum {
            at: day(10, 6).and_hms_opt(9, 30, 0).unwrap(),
            by: bente,
            text: "Fristen er flyttet.".into(),
        });
        let c = case.conversation(first).unwrap();
        let doc = document(&case, c, &book(), Lang::Da);
        assert_eq!(doc.footer, ["Referatet er godkendt 01.10.2026 kl. 15:00."]);
        let headings: Vec<&str> = doc
            .addenda
            .as_ref()
            .unwrap()
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Label(l) => Some(l.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            headings,
            [
                "Tillæg 05.10.2026 kl. 08:00",
                "Tillæg 06.10.2026 kl. 09:30, Bente Lund (Oplæringsvejleder)"
            ]
        );
    }

    #[test]
    fn the_header_names_meeting_leader_and_minute_taker_with_role_and_name() {
        let (case, _, second) = case();
        let c = case.conversation(second).unwrap();
        let doc = document(&case, c, &book(), Lang::Da);
        let value = |label: &str| {
            doc.header
                .iter()
                .find(|f| f.label == label)
                .map(|f| f.value.clone())
                .unwrap()
        };
        assert_eq!(value("Dato og tid"), "20.10.2026 kl. 10:30");
        assert_eq!(value("Referent"), "Ansættende myndighed (Esbjerg Kommune)");
        assert_eq!(value("Mødeleder"), "Uddannelsesansvarlig (Hanne Krogh)");
        assert_eq!(value("Oplæringssted"), "Plejecenter Kastanjehaven");
        assert_eq!(value("Afdeling/enhed"), "Afsnit B");
        assert_eq!(doc.participants.rows.len(), 4);
        assert_eq!(
            doc.participants.rows[0].line,
            "Elev: Amira Hassan – deltog: ja"
        );
    }

    #[test]
    fn an_agreement_reviewed_here_is_in_the_table_marked_as_earlier() {
        let (case, _, second) = case();
        let c = case.conversation(second).unwrap();
        let doc = document(&case, c, &book(), Lang::Da);
        let table = blocks(&doc, 2)
            .iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .unwrap();
        assert_eq!(table.columns, ["Aftale", "Ansvarlig", "Frist", "Status"]);
        assert_eq!(
            table.rows[0],
            [
                "Dagligt notat\n(Fra samtalen d. 01.10.2026 – gennemgået her)",
                "Eleven",
                "20.10.2026",
                "Ikke opfyldt"
            ]
        );
    }

    #[test]
    fn both_parts_of_the_action_plan_are_labelled_even_when_empty() {
        let (case, _, second) = case();
        let c = case.conversation(second).unwrap();
        let doc = document(&case, c, &book(), Lang::En);
        let b = blocks(&doc, 2);
        assert!(matches!(&b[0], Block::Label(l) if l.starts_with("What the workplace secures")));
        assert_eq!(b[1], Block::Placeholder("(not filled in)".into()));
        assert!(matches!(&b[2], Block::Label(l) if l.starts_with("What the student commits to")));
    }

    #[test]
    fn distribution_follows_the_rules_and_says_nothing_of_what_was_ticked_off() {
        let (mut case, first, _) = case();
        let before = document(&case, case.conversation(first).unwrap(), &book(), Lang::Da);
        let mut ids = 500u64;
        let change = mark_sent(
            &case,
            first,
            Recipient::EmployingAuthority,
            Some(("Esbjerg Kommune", "s-o-sikkerpost@esbjerg.dk")),
            true,
            &ctx(10, 2),
            &mut ids,
        )
        .unwrap();
        case.apply(&change);
        let c = case.conversation(first).unwrap();
        let doc = document(&case, c, &book(), Lang::Da);
        assert_eq!(
            doc, before,
            "ticking a recipient off changes nothing in the document"
        );
        let Block::List(items) = &blocks(&doc, 4)[1] else {
            panic!("no list")
        };
        let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Mødets deltagere",
                "Uddannelsesbogen (eleven uploader)",
                "Ansættende myndighed (til orientering)",
                "SOSU Esbjerg (evt.)"
            ]
        );
        assert_eq!(
            items[2].lines,
            ["Esbjerg Kommune – sikker post: s-o-sikkerpost@esbjerg.dk"]
        );
        // The address book has no address for the school: its name is the title already.
        assert!(items[3].lines.is_empty(), "{:?}", items[3].lines);
    }

    #[test]
    fn an_organisation_without_an_address_is_named_and_no_empty_address_is_printed() {
        let (mut case, first, _) = case();
        case.student.employer = "Ribe Kommune".into();
        let c = case.conversation(first).unwrap();
        let mut book = book();
        let doc = document(&case, c, &book, Lang::Da);
        let Block::List(items) = &blocks(&doc, 4)[1] else {
            panic!("no list")
        };
        assert_eq!(items[2].lines, ["Ribe Kommune"], "not in the address book");
        for org in &mut book {
            org.secure_mail.clear();
        }
        case.student.employer = "Esbjerg Kommune".into();
        let c = case.conversation(first).unwrap();
        let doc = document(&case, c, &book, Lang::Da);
        let Block::List(items) = &blocks(&doc, 4)[1] else {
            panic!("no list")
        };
        assert_eq!(
            items[2].lines,
            ["Esbjerg Kommune"],
            "in the book without an address"
        );
    }

    #[test]
    fn a_planned_conversation_is_an_agenda_inviting_by_role_and_name() {
        let (mut case, _, _) = case();
        // The type-1 agreement still open, as if the type-2 meeting had not reviewed it.
        case.agreements[0].status = AgreementStatus::Open;
        case.agreements[0].reviewed_in = None;
        let c = planned(&case, Level::Two);
        let doc = document(&case, &c, &book(), Lang::Da);
        assert_eq!(doc.kind, DocKind::Agenda);
        assert_eq!(doc.title, "Dagsorden til samtale d. 03.12.2026");
        assert_eq!(doc.level, "Indkaldelse til type 2-samtale");
        assert_eq!(doc.mark, None, "an agenda is no draft of minutes");
        assert!(doc.footer.is_empty());
        assert_eq!(doc.participants.heading, "Indkaldte");
        assert_eq!(doc.participants.columns, ["Rolle", "Navn"]);
        let lines: Vec<&str> = doc
            .participants
            .rows
            .iter()
            .map(|r| r.line.as_str())
            .collect();
        assert_eq!(
            lines,
            [
                "Elev: Amira Hassan",
                "Oplæringsvejleder: Bente Lund",
                "Uddannelsesansvarlig: Hanne Krogh",
                "Ansættende myndighed: Esbjerg Kommune",
                "Uddannelses-/læringsvejleder"
            ]
        );
        assert!(doc.participants.rows.iter().all(|r| r.cells.len() == 2));
        let headings: Vec<&str> = doc.items.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(
            headings,
            [
                "1. Kort velkomst og præsentationsrunde",
                "2. Identificering af læringsmæssige behov",
                "3. Handleplan med henblik på at understøtte læringsforløbet",
                "4. Ny dato for samtale",
                "5. Referat og fordeling",
                "6. Afrunding af mødet"
            ]
        );
        // Nothing stands in for minutes of a meeting not held.
        for item in &doc.items {
            for b in &item.blocks {
                assert!(!matches!(b, Block::Placeholder(_)), "{b:?}");
                if let Block::Fields(fields) = b {
                    assert!(fields.iter().all(|f| !f.placeholder), "{fields:?}");
                }
            }
        }
        assert!(blocks(&doc, 1).is_empty());
        assert!(
            blocks(&doc, 3).is_empty(),
            "the next type is the meeting's to agree"
        );
        // The agreement still open from type 1 is on the agenda for review.
        assert!(matches!(
            blocks(&doc, 2),
            [Block::Label(_), Block::Table(t)] if t.rows[0][0].contains("til gennemgang")
        ));
    }

    #[test]
    fn what_was_prepared_before_the_meeting_is_on_the_agenda() {
        let (case, _, _) = case();
        let mut c = planned(&case, Level::One);
        c.minutes.learning_needs = "Fagsprog i journalen".into();
        let doc = document(&case, &c, &book(), Lang::En);
        assert_eq!(doc.title, "Agenda for the conversation on 03.12.2026");
        assert_eq!(doc.level, "Invitation to a type 1 conversation");
        assert_eq!(
            blocks(&doc, 1),
            [
                Block::Label("Purpose and needs".into()),
                Block::Text("Fagsprog i journalen".into())
            ]
        );
    }

    #[test]
    fn a_cancelled_meeting_is_an_agenda_marked_cancelled_with_the_reason() {
        let (case, _, _) = case();
        let mut c = planned(&case, Level::One);
        c.state = ConversationState::Cancelled {
            reason: "Eleven er syg".into(),
        };
        let doc = document(&case, &c, &book(), Lang::Da);
        assert_eq!(doc.kind, DocKind::Agenda);
        assert_eq!(doc.mark.as_deref(), Some("AFLYST"));
        assert_eq!(doc.title, "Dagsorden til samtale d. 03.12.2026 – AFLYST");
        let status = doc.header.iter().find(|f| f.label == "Status").unwrap();
        assert_eq!(status.value, "Aflyst: Eleven er syg");
    }

    #[test]
    fn held_minutes_show_attendance_as_recorded_and_required_items_as_placeholders() {
        let (mut case, _, second) = case();
        let c = case
            .conversations
            .iter_mut()
            .find(|c| c.id == second)
            .unwrap();
        c.participants[1].attended = false;
        c.follow_up = None;
        c.place.clear();
        let c = case.conversation(second).unwrap();
        let doc = document(&case, c, &book(), Lang::Da);
        assert_eq!(doc.participants.columns, ["Rolle", "Navn", "Deltog"]);
        assert_eq!(
            doc.participants.rows[0].cells,
            ["Elev", "Amira Hassan", "ja"]
        );
        assert_eq!(
            doc.participants.rows[1].cells,
            ["Oplæringsvejleder", "Bente Lund", "nej"]
        );
        assert!(
            doc.header.iter().all(|f| f.label != "Sted"),
            "an empty place is left out"
        );
        assert!(
            blocks(&doc, 0).is_empty(),
            "item 1 asks for nothing in particular"
        );
        assert_eq!(
            blocks(&doc, 1),
            [
                Block::Label("Formål og behov".into()),
                Block::Placeholder("(ikke udfyldt)".into())
            ]
        );
        let Block::Fields(fields) = &blocks(&doc, 3)[0] else {
            panic!("no fields")
        };
        assert_eq!(fields[0].value, "(ikke udfyldt)");
        assert!(fields[0].placeholder);
        assert_eq!(
            (fields[1].value.as_str(), fields[1].placeholder),
            ("Type 2", false)
        );
    }

    #[test]
    fn every_page_names_the_student_in_full_or_by_initials_with_type_and_date() {
        let (case, _, second) = case();
        let c = case.conversation(second).unwrap();
        let doc = document(&case, c, &book(), Lang::Da);
        assert_eq!(doc.running, "Amira Hassan – type 2-samtale d. 20.10.2026");
        let cx = DocContext {
            book: &[],
            lang: Lang::En,
            now: now(),
            initials: true,
        };
        let doc = super::document(&case, c, &cx);
        assert_eq!(doc.running, "AH – type 2 conversation on 20.10.2026");
        assert!(
            doc.header.iter().any(|f| f.value == "Amira Hassan"),
            "the header still names the student"
        );
    }

    #[test]
    fn at_type_2_the_employing_authoritys_address_comes_with_the_participants() {
        let (case, _, second) = case();
        let c = case.conversation(second).unwrap();
        let doc = document(&case, c, &book(), Lang::Da);
        let Block::List(items) = &blocks(&doc, 4)[1] else {
            panic!("no list")
        };
        assert_eq!(
            items[0].lines,
            [
                "Amira Hassan, Bente Lund, Hanne Krogh, Esbjerg Kommune",
                "Ansættende myndighed: Esbjerg Kommune – sikker post: s-o-sikkerpost@esbjerg.dk"
            ]
        );
        assert!(
            items
                .iter()
                .any(|i| i.title == "Kommende oplæringssted (evt.)")
        );
    }
}
