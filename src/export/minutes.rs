//! The minutes of one conversation as a format-neutral document, laid out like the
//! cooperation agreement's template "Dagsorden/referat til samtale d. …": a header with the
//! meeting's facts and participants, the six agenda items with their minutes, dated
//! addenda, and a footer saying who finalized them — or that they are a draft.
//!
//! The document holds finished text only, so the Markdown and PDF writers do layout and
//! nothing else.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::dates::{format_date, format_time};
use crate::domain::organisation::resolve;
use crate::domain::rules::{self, Recipient};
use crate::domain::{
    Agreement, AgreementStatus, Case, Conversation, ConversationState, OrgId, Organisation, Role,
};
use crate::i18n::{self, Lang, T};

/// The minutes of a conversation, ready to be written as Markdown or PDF.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MinutesDoc {
    pub lang: Lang,
    /// The title, with the draft mark when the minutes are not finalized.
    pub title: String,
    /// "Type 2".
    pub level: String,
    /// "KLADDE – ikke godkendt" for anything not finalized; shown on every page.
    pub draft_mark: Option<String>,
    /// Date and time, place, workplace, student, meeting leader, minute-taker and so on.
    pub header: Vec<Field>,
    pub participants: Participants,
    /// The six agenda items, in the template's order.
    pub items: Vec<Section>,
    /// Dated corrections to finalized minutes, when there are any.
    pub addenda: Option<Section>,
    /// Who finalized the minutes and when (or the draft note), and when this was made.
    pub footer: Vec<String>,
}

/// A label with its value ("Sted: Mødelokale 2").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub label: String,
    pub value: String,
}

/// The people at the meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participants {
    pub heading: String,
    /// Column headings: role, name, attended.
    pub columns: [String; 3],
    pub rows: Vec<ParticipantRow>,
}

/// One participant, both as table cells and as one line for a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParticipantRow {
    pub role: String,
    pub name: String,
    /// "ja" or "nej".
    pub attended: String,
    /// "Elev: Amira Hassan – deltog: ja".
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
    /// Stands in for text not filled in; shown subdued.
    Placeholder(String),
    /// Labels with values.
    Fields(Vec<Field>),
    /// A table (the agreements).
    Table(Table),
    /// A list whose items have a title and lines of detail (the distribution).
    List(Vec<ListItem>),
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

/// Lays out the minutes of `conversation` in `case`. `book` is the address book the
/// employing authority and the school are looked up in; `now` is when the document is made.
pub fn document(
    case: &Case,
    conversation: &Conversation,
    book: &[Organisation],
    lang: Lang,
    now: NaiveDateTime,
) -> MinutesDoc {
    let w = Writer { lang, case, book };
    let c = conversation;
    let finalized = matches!(c.state, ConversationState::Finalized { .. });
    let draft_mark = (!finalized).then(|| lang.t(T::DocDraftMark).to_string());
    let base_title = lang.fill(T::DocTitle, &[("date", &format_date(c.date()))]);
    let title = match &draft_mark {
        Some(mark) => lang.fill(
            T::DocTitleWithMark,
            &[("title", &base_title), ("mark", mark)],
        ),
        None => base_title,
    };
    let addenda = (!c.addenda.is_empty()).then(|| Section {
        heading: lang.t(T::DocAddenda).to_string(),
        blocks: c
            .addenda
            .iter()
            .flat_map(|a| {
                [
                    Block::Label(lang.fill(
                        T::AddendumHeading,
                        &[("at", &w.at(a.at)), ("user", &i18n::person(lang, &a.by))],
                    )),
                    w.text(&a.text),
                ]
            })
            .collect(),
    });
    let mut footer = Vec::new();
    match &c.state {
        ConversationState::Finalized { at, by, .. } => {
            footer.push(lang.fill(
                T::DocFinalizedBy,
                &[("at", &w.at(*at)), ("by", &i18n::person(lang, by))],
            ));
        }
        _ => footer.push(lang.t(T::DocDraftFooter).to_string()),
    }
    footer.push(lang.fill(T::DocGenerated, &[("at", &w.at(now))]));
    MinutesDoc {
        lang,
        title,
        level: i18n::level(lang, c.level),
        draft_mark,
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
    }
}

struct Writer<'a> {
    lang: Lang,
    case: &'a Case,
    book: &'a [Organisation],
}

impl<'a> Writer<'a> {
    fn t(&self, key: T) -> String {
        self.lang.t(key).to_string()
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

    /// The user's text, or a placeholder saying it was not filled in.
    fn text(&self, text: &str) -> Block {
        let text = text.trim_end();
        if text.trim().is_empty() {
            Block::Placeholder(self.t(T::DocNotFilled))
        } else {
            Block::Text(text.to_string())
        }
    }

    fn field(&self, label: T, value: impl Into<String>) -> Field {
        Field {
            label: self.t(label),
            value: value.into(),
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
        let not_filled = |v: &str| {
            if v.trim().is_empty() {
                self.t(T::DocNotFilled)
            } else {
                v.trim().to_string()
            }
        };
        let when = self.lang.fill(
            T::DocDateAtTime,
            &[
                ("date", &format_date(c.date())),
                ("time", &format_time(c.planned_at.time())),
            ],
        );
        let mut fields = vec![
            self.field(T::DocDateTime, when),
            self.field(T::FieldPlace, not_filled(&c.place)),
            self.field(T::FieldWorkplace, not_filled(&s.workplace)),
        ];
        if !s.unit.trim().is_empty() {
            fields.push(self.field(T::FieldUnit, s.unit.trim()));
        }
        fields.extend([
            self.field(T::RoleStudent, not_filled(&s.name)),
            self.field(T::FieldProgramme, i18n::programme(lang, s.programme)),
            self.field(T::FieldInitiator, i18n::initiator(lang, c.initiated_by)),
            self.field(
                T::FieldMeetingLeader,
                self.role_and_name(c, c.meeting_leader),
            ),
            self.field(T::FieldMinuteTaker, self.role_and_name(c, c.minute_taker)),
        ]);
        let state = match &c.state {
            ConversationState::Cancelled { reason } if !reason.trim().is_empty() => {
                lang.fill(T::DocCancelledBecause, &[("reason", reason.trim())])
            }
            state => i18n::conversation_state(lang, state).to_string(),
        };
        fields.push(self.field(T::FieldStatus, state));
        fields
    }

    fn participants(&self, c: &Conversation) -> Participants {
        let lang = self.lang;
        let rows = c
            .participants
            .iter()
            .map(|p| {
                let role = i18n::role(lang, p.role).to_string();
                let name = if p.name.trim().is_empty() {
                    self.t(T::DocNotFilled)
                } else {
                    p.name.trim().to_string()
                };
                let attended = self.t(if p.attended { T::DocYes } else { T::DocNo });
                let line = lang.fill(
                    T::DocParticipantLine,
                    &[("role", &role), ("name", &name), ("answer", &attended)],
                );
                ParticipantRow {
                    role,
                    name,
                    attended,
                    line,
                }
            })
            .collect();
        Participants {
            heading: self.t(T::DocParticipants),
            columns: [
                self.t(T::DocColRole),
                self.t(T::ColName),
                self.t(T::DocColAttended),
            ],
            rows,
        }
    }

    fn plain_item(&self, heading: T, text: &str) -> Section {
        Section {
            heading: self.t(heading),
            blocks: vec![self.text(text)],
        }
    }

    fn learning_needs(&self, c: &Conversation) -> Section {
        Section {
            heading: self.t(T::Item2),
            blocks: vec![
                Block::Label(self.t(T::FieldLearningNeeds)),
                self.text(&c.minutes.learning_needs),
            ],
        }
    }

    fn action_plan(&self, c: &Conversation) -> Section {
        let m = &c.minutes;
        let mut blocks = vec![
            Block::Label(self.t(T::DocWorkplaceSecures)),
            self.text(&m.workplace_secures),
            Block::Label(self.t(T::DocStudentCommits)),
            self.text(&m.student_commits),
        ];
        if !m.measures.trim().is_empty() {
            blocks.push(Block::Label(self.t(T::FieldMeasures)));
            blocks.push(self.text(&m.measures));
        }
        blocks.push(Block::Label(self.t(T::FieldAgreements)));
        let rows: Vec<Vec<String>> = self
            .agreements(c)
            .into_iter()
            .map(|(a, earlier)| self.agreement_row(a, earlier))
            .collect();
        if rows.is_empty() {
            blocks.push(Block::Placeholder(self.t(T::DocNoAgreements)));
        } else {
            blocks.push(Block::Table(Table {
                columns: vec![
                    self.t(T::FieldAgreementText),
                    self.t(T::FieldAgreementOwner),
                    self.t(T::FieldAgreementDue),
                    self.t(T::FieldAgreementStatus),
                ],
                rows,
            }));
        }
        Section {
            heading: self.t(T::Item3),
            blocks,
        }
    }

    /// The agreements made here, then earlier ones this conversation reviewed — and, while
    /// the minutes are a draft, earlier ones still open that are up for review.
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
            i18n::owner(lang, a.owner).to_string(),
            i18n::date_or_dash(a.due),
            i18n::agreement_status(lang, a.status).to_string(),
        ]
    }

    fn new_date(&self, c: &Conversation) -> Section {
        let lang = self.lang;
        let follow_up = c
            .follow_up
            .map(|d| self.date(d))
            .unwrap_or_else(|| self.t(T::DocNotFilled));
        let next = c
            .next_level
            .map(|l| i18n::level(lang, l))
            .unwrap_or_else(|| self.t(T::NotChosen));
        let mut fields = vec![
            self.field(T::FieldFollowUp, follow_up),
            self.field(T::FieldNextLevel, next),
        ];
        if !c.next_level_reason.trim().is_empty() {
            fields.push(self.field(T::FieldNextLevelReason, c.next_level_reason.trim()));
        }
        let mut blocks = vec![Block::Fields(fields)];
        if !c.minutes.new_date_note.trim().is_empty() {
            blocks.push(Block::Label(self.t(T::FieldNewDateNote)));
            blocks.push(self.text(&c.minutes.new_date_note));
        }
        Section {
            heading: self.t(T::Item4),
            blocks,
        }
    }

    /// Where an organisation's copy goes: its name and secure-mail address, or what is
    /// missing to send it.
    fn org_line(&self, id: Option<OrgId>, name: &str) -> Option<String> {
        let lang = self.lang;
        match resolve(self.book, id, name) {
            Some(org) if !org.secure_mail.trim().is_empty() => Some(lang.fill(
                T::DocOrgAddress,
                &[
                    ("organisation", org.name.trim()),
                    ("address", org.secure_mail.trim()),
                ],
            )),
            Some(org) => Some(lang.fill(T::DocOrgNoAddress, &[("organisation", org.name.trim())])),
            None if name.trim().is_empty() => None,
            None => Some(lang.fill(T::DocOrgNotInBook, &[("organisation", name.trim())])),
        }
    }

    fn employer_line(&self) -> Option<String> {
        let s = &self.case.student;
        self.org_line(s.employer_org, &s.employer)
    }

    fn school_line(&self) -> Option<String> {
        let s = &self.case.student;
        self.org_line(s.school_org, &s.school)
    }

    fn distribution(&self, c: &Conversation) -> Section {
        let lang = self.lang;
        let finalized = matches!(c.state, ConversationState::Finalized { .. });
        let mut recipients: Vec<(Recipient, bool)> = rules::distribution(c.level).to_vec();
        // Ticked off before a change of type: still shown, as it happened.
        for sent in &c.distribution {
            if !recipients.iter().any(|(r, _)| *r == sent.recipient) {
                recipients.push((sent.recipient, false));
            }
        }
        let items = recipients
            .into_iter()
            .map(|(r, required)| {
                let name = i18n::recipient(lang, r);
                let title = if required {
                    name.to_string()
                } else {
                    lang.fill(T::DocRecipientOptional, &[("recipient", name)])
                };
                let sent = c.distribution.iter().find(|s| s.recipient == r);
                let mut lines = Vec::new();
                match sent {
                    Some(s)
                        if !s.organisation.trim().is_empty() || !s.address.trim().is_empty() =>
                    {
                        lines.push(lang.fill(
                            T::DocOrgAddress,
                            &[
                                ("organisation", s.organisation.trim()),
                                ("address", s.address.trim()),
                            ],
                        ));
                    }
                    _ => lines.extend(self.recipient_lines(c, r)),
                }
                if finalized && c.distribution_tracked {
                    lines.push(match sent {
                        Some(s) => lang.fill(
                            T::DocSentAt,
                            &[("at", &self.at(s.at)), ("by", &i18n::person(lang, &s.by))],
                        ),
                        None => self.t(T::DocNotSentYet),
                    });
                }
                ListItem { title, lines }
            })
            .collect();
        let mut blocks = vec![
            Block::Text(self.t(T::DocDistributionIntro)),
            Block::List(items),
        ];
        if !c.minutes.distribution_note.trim().is_empty() {
            blocks.push(Block::Label(self.t(T::FieldDistributionNote)));
            blocks.push(self.text(&c.minutes.distribution_note));
        }
        Section {
            heading: self.t(T::Item5),
            blocks,
        }
    }

    /// Who and where a recipient is, as far as the case and the address book know.
    fn recipient_lines(&self, c: &Conversation, r: Recipient) -> Vec<String> {
        let lang = self.lang;
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
                for (role, line) in [
                    (Role::EmployingAuthority, self.employer_line()),
                    (Role::SchoolCounsellor, self.school_line()),
                ] {
                    if let (Some(_), Some(line)) = (c.participant(role), line) {
                        lines.push(lang.fill(
                            T::DocRoleLine,
                            &[("role", i18n::role(lang, role)), ("text", &line)],
                        ));
                    }
                }
                lines
            }
            Recipient::EmployingAuthority => self.employer_line().into_iter().collect(),
            Recipient::School => self.school_line().into_iter().collect(),
            Recipient::TrainingBook | Recipient::NextWorkplace => Vec::new(),
        }
    }
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
        let change =
            finalize_conversation(&case, held, vec![agreement.clone()], &ctx(10, 1), &mut ids)
                .unwrap();
        case.apply(&change);
        let mut second = case.plan_conversation(
            ConversationId(ids.next_id()),
            Level::Two,
            day(10, 20).and_hms_opt(10, 30, 0).unwrap(),
        );
        second.state = ConversationState::Held { on: day(10, 20) };
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

    fn blocks(doc: &MinutesDoc, item: usize) -> &[Block] {
        &doc.items[item].blocks
    }

    #[test]
    fn a_draft_is_marked_in_the_title_and_the_footer() {
        let (case, _, second) = case();
        let c = case.conversation(second).unwrap();
        let doc = document(&case, c, &book(), Lang::Da, now());
        assert_eq!(
            doc.title,
            "Dagsorden/referat til samtale d. 20.10.2026 – KLADDE – ikke godkendt"
        );
        assert_eq!(doc.level, "Type 2");
        assert!(doc.footer[0].starts_with("KLADDE"));
        assert!(doc.footer[1].contains("23.11.2026 kl. 12:00"));
    }

    #[test]
    fn finalized_minutes_name_who_finalized_them_and_carry_no_draft_mark() {
        let (case, first, _) = case();
        let c = case.conversation(first).unwrap();
        let doc = document(&case, c, &book(), Lang::Da, now());
        assert_eq!(doc.draft_mark, None);
        assert!(!doc.title.contains("KLADDE"));
        assert_eq!(
            doc.footer[0],
            "Referatet er godkendt 01.10.2026 kl. 15:00 af Hanne Krogh (Uddannelsesansvarlig)."
        );
    }

    #[test]
    fn the_header_names_meeting_leader_and_minute_taker_with_role_and_name() {
        let (case, _, second) = case();
        let c = case.conversation(second).unwrap();
        let doc = document(&case, c, &book(), Lang::Da, now());
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
        let doc = document(&case, c, &book(), Lang::Da, now());
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
        let doc = document(&case, c, &book(), Lang::En, now());
        let b = blocks(&doc, 2);
        assert!(matches!(&b[0], Block::Label(l) if l.starts_with("What the workplace secures")));
        assert_eq!(b[1], Block::Placeholder("(not filled in)".into()));
        assert!(matches!(&b[2], Block::Label(l) if l.starts_with("What the student commits to")));
    }

    #[test]
    fn distribution_names_organisations_addresses_and_what_was_ticked_off() {
        let (mut case, first, _) = case();
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
        let doc = document(&case, c, &book(), Lang::Da, now());
        let Block::List(items) = &blocks(&doc, 4)[1] else {
            panic!("no list")
        };
        let employer = items
            .iter()
            .find(|i| i.title.starts_with("Ansættende myndighed"))
            .unwrap();
        assert_eq!(
            employer.lines,
            [
                "Esbjerg Kommune – sikker post: s-o-sikkerpost@esbjerg.dk",
                "Afkrydset som sendt 02.10.2026 kl. 15:00 af Hanne Krogh (Uddannelsesansvarlig)"
            ]
        );
        let school = items.iter().find(|i| i.title.contains("evt.")).unwrap();
        assert_eq!(
            school.lines[0],
            "SOSU Esbjerg – adressen til sikker post mangler i adressebogen"
        );
        assert_eq!(school.lines[1], "Endnu ikke afkrydset som sendt");
    }

    #[test]
    fn at_type_2_the_employing_authoritys_address_comes_with_the_participants() {
        let (case, _, second) = case();
        let c = case.conversation(second).unwrap();
        let doc = document(&case, c, &book(), Lang::Da, now());
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
