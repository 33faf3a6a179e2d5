//! What is being typed, as a value that can be written to the draft journal and put back
//! into the editors after a crash, a killed process or a closed window.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::dialogs::agreement::AgreementEditor;
use super::dialogs::conversation::ConversationEditor;
use super::dialogs::prompt::{Prompt, PromptKind};
use super::dialogs::student::StudentEditor;
use super::dialogs::team::{TeamEditor, TeamTarget};
use super::form::{FieldId, Value};
use super::msg::Effect;
use super::state::{App, Modal, StatusKind};
use crate::domain::{Agreement, AgreementId, Conversation, Student, StudentId};
use crate::i18n::T;

/// An agreement being written on top of the conversation editor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementDraft {
    pub base: Agreement,
    /// Its place in the editor's list; `None` for a new one.
    pub index: Option<usize>,
    pub fields: Vec<(FieldId, Value)>,
}

/// The content of one open editor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EditorDraft {
    Student {
        id: StudentId,
        original: Option<Box<Student>>,
        fields: Vec<(FieldId, Value)>,
    },
    Conversation {
        student: Box<Student>,
        /// The conversation as it was when the editor opened (id, type, state).
        base: Box<Conversation>,
        is_new: bool,
        fields: Vec<(FieldId, Value)>,
        agreement: Option<AgreementDraft>,
    },
    Prompt {
        kind: PromptKind,
        student: StudentId,
        text: String,
    },
    /// One of the team file's editors.
    Team {
        /// The student as when the editor opened.
        student: Box<Student>,
        /// The agreements it could link, with their first lines.
        agreements: Vec<(AgreementId, String)>,
        target: TeamTarget,
        fields: Vec<(FieldId, Value)>,
    },
}

/// Everything unsaved at one moment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub written_at: NaiveDateTime,
    /// Whose case the editors belong to.
    pub student: StudentId,
    pub student_name: String,
    /// Open editors, bottom first.
    pub editors: Vec<EditorDraft>,
}

impl Draft {
    /// The conversation the draft is about, if any: for the recovery dialog.
    pub fn conversation(&self) -> Option<&Conversation> {
        self.editors.iter().find_map(|e| match e {
            EditorDraft::Conversation { base, .. } => Some(base.as_ref()),
            _ => None,
        })
    }

    /// Every student the draft is about: whose case it belongs to and each editor's.
    pub fn students(&self) -> Vec<StudentId> {
        let mut all = vec![self.student];
        for editor in &self.editors {
            all.push(match editor {
                EditorDraft::Student { id, .. } => *id,
                EditorDraft::Conversation { student, .. } => student.id,
                EditorDraft::Prompt { student, .. } => *student,
                EditorDraft::Team { student, .. } => student.id,
            });
        }
        all.sort();
        all.dedup();
        all
    }

    /// How many characters were typed into it, roughly, for the recovery dialog: what the
    /// fields hold beyond what their editors opened with (names filled in from the record,
    /// a proposed date), not the fields' whole text.
    pub fn size(&self) -> usize {
        let day = self.written_at.date();
        self.editors
            .iter()
            .map(|e| match e {
                EditorDraft::Student {
                    id,
                    original,
                    fields,
                } => {
                    let opened = match original {
                        Some(s) => StudentEditor::edit(s),
                        None => StudentEditor::new_student(*id, day),
                    };
                    typed(fields, &opened.form.values())
                }
                EditorDraft::Conversation {
                    student,
                    base,
                    is_new,
                    fields,
                    agreement,
                } => {
                    let opened = ConversationEditor::open(student, base, Vec::new(), *is_new, day);
                    let sub = agreement.as_ref().map_or(0, |a| {
                        let opened = AgreementEditor::new(a.base.clone(), a.index);
                        typed(&a.fields, &opened.form.values())
                    });
                    typed(fields, &opened.form.values()) + sub
                }
                EditorDraft::Prompt { text, .. } => text.chars().count(),
                EditorDraft::Team {
                    student,
                    agreements,
                    target,
                    fields,
                } => {
                    let opened = TeamEditor::open(student, agreements.clone(), *target, day);
                    typed(fields, &opened.form.values())
                }
            })
            .sum()
    }
}

/// The characters `fields` hold beyond `opened` (the same form as it opened): for each
/// text that changed, how much longer or shorter it got, at least one.
fn typed(fields: &[(FieldId, Value)], opened: &[(FieldId, Value)]) -> usize {
    let text = |v: &Value| match v {
        Value::Text(t) | Value::Ticked(t, _) => Some(t.chars().count()),
        _ => None,
    };
    fields
        .iter()
        .filter_map(|(id, now)| {
            let was = opened.iter().find(|(i, _)| i == id).map(|(_, v)| v);
            match (text(now), was) {
                (Some(n), Some(w)) if w != now => Some(n.abs_diff(text(w).unwrap_or(0)).max(1)),
                (Some(n), None) => Some(n),
                _ => None,
            }
        })
        .sum()
}

impl crate::store::codec::Versioned for Draft {
    fn upgrade(version: u16, body: &[u8]) -> Result<Self, crate::store::codec::CodecError> {
        use crate::store::codec::{CodecError, payload};
        use crate::store::legacy::{ConversationV2, ConversationV3, DraftV3, DraftV6};
        // Drafts are journaled from format 2 on.
        match version {
            2 => payload::<DraftV3<ConversationV2>>(body).map(Into::into),
            3 => payload::<DraftV3<ConversationV3>>(body).map(Into::into),
            4..=6 => payload::<DraftV6>(body).map(Into::into),
            other => Err(CodecError::UnknownVersion(other)),
        }
    }
}

/// The unsaved content of the open editors, or `None` when nothing typed is at risk.
pub fn snapshot(app: &App) -> Option<Draft> {
    let mut editors = Vec::new();
    let mut student = None;
    for modal in &app.modals {
        match modal {
            Modal::Student(e) if e.dirty => {
                student.get_or_insert((e.id, text_name(e)));
                editors.push(EditorDraft::Student {
                    id: e.id,
                    original: e.original.clone().map(Box::new),
                    fields: e.form.values(),
                });
            }
            Modal::Conversation(e) if e.dirty || e.agreement.is_some() => {
                student.get_or_insert((e.student.id, e.student.name.clone()));
                editors.push(EditorDraft::Conversation {
                    student: Box::new(e.student.clone()),
                    base: Box::new(e.base.clone()),
                    is_new: e.original.is_none(),
                    fields: e.form.values(),
                    agreement: e.agreement.as_ref().map(|a| AgreementDraft {
                        base: a.base.clone(),
                        index: a.index,
                        fields: a.form.values(),
                    }),
                });
            }
            Modal::Team(e) if e.dirty => {
                student.get_or_insert((e.student.id, e.student.name.clone()));
                editors.push(EditorDraft::Team {
                    student: Box::new(e.student.clone()),
                    agreements: e.agreements.clone(),
                    target: e.target,
                    fields: e.form.values(),
                });
            }
            Modal::Prompt(p) if p.holds_text() => {
                student.get_or_insert((p.student, app.student_name(p.student).to_string()));
                editors.push(EditorDraft::Prompt {
                    kind: p.kind,
                    student: p.student,
                    text: p.form.text(FieldId::Text),
                });
            }
            _ => {}
        }
    }
    let (id, name) = student?;
    Some(Draft {
        written_at: app.now,
        student: id,
        student_name: name,
        editors,
    })
}

fn text_name(e: &StudentEditor) -> String {
    let typed = e.form.text(FieldId::Name);
    if typed.trim().is_empty() {
        e.original
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_default()
    } else {
        typed.trim().to_string()
    }
}

/// Opens the journaled editors again with what was typed in them, marked unsaved.
pub fn restore(app: &mut App, draft: &Draft) {
    let today = app.today();
    for editor in &draft.editors {
        let modal = match editor {
            EditorDraft::Student {
                id,
                original,
                fields,
            } => {
                let mut e = match original {
                    Some(s) => StudentEditor::edit(s),
                    None => StudentEditor::new_student(*id, today),
                };
                e.form.restore(fields, today);
                e.dirty = true;
                Modal::Student(Box::new(e))
            }
            EditorDraft::Conversation {
                student,
                base,
                is_new,
                fields,
                agreement,
            } => {
                let mut e = ConversationEditor::open(student, base, Vec::new(), *is_new, today);
                e.form.restore(fields, today);
                if let Some(a) = agreement {
                    let mut sub = AgreementEditor::new(a.base.clone(), a.index);
                    sub.form.restore(&a.fields, today);
                    e.agreement = Some(sub);
                }
                e.dirty = true;
                e.refresh(today);
                Modal::Conversation(Box::new(e))
            }
            EditorDraft::Prompt {
                kind,
                student,
                text,
            } => {
                let mut p = Prompt::new(*kind, *student);
                if let Some(f) = p.form.field_mut(FieldId::Text) {
                    f.set_text(text);
                }
                Modal::Prompt(p)
            }
            EditorDraft::Team {
                student,
                agreements,
                target,
                fields,
            } => {
                let mut e = TeamEditor::open(student, agreements.clone(), *target, today);
                e.form.restore(fields, today);
                e.dirty = true;
                Modal::Team(Box::new(e))
            }
        };
        app.modals.push(modal);
    }
}

/// Puts the recovered draft back: loads its student's case first when its editors save
/// into one, then opens them with what was typed.
pub fn restore_draft(app: &mut App) -> Vec<Effect> {
    if app.students.loading {
        // Whether the draft's student is stored is known once the students are read.
        app.restore_when_loaded = true;
        return Vec::new();
    }
    let Some(draft) = app.recovered.take() else {
        return Vec::new();
    };
    let known = app.students.get(draft.student).is_some();
    if known {
        app.students.select(draft.student);
        app.pane = crate::app::Pane::Timeline;
        if app
            .case
            .as_ref()
            .is_some_and(|v| v.case.id() == draft.student)
        {
            return finish_restore(app, &draft);
        }
        app.restore_after_load = Some(draft.clone());
        return vec![Effect::LoadCase(draft.student)];
    }
    finish_restore(app, &draft)
}

/// Opens the draft's editors; called once the case is there. When what the editors were
/// opened on differs from the case as it is now (someone saved since), the store is told
/// the case they were typed against, so their save is merged with the later one rather
/// than putting back what the other changed.
pub fn finish_restore(app: &mut App, draft: &Draft) -> Vec<Effect> {
    restore(app, draft);
    app.say(StatusKind::Info, app.t(T::RecoverDone));
    typed_against(app, draft)
        .map(|base| Effect::Rebase(Box::new(base)))
        .into_iter()
        .collect()
}

/// The case as the draft's editors saw it when they opened, if that differs from the
/// open case: its student and conversation as the draft holds them.
fn typed_against(app: &App, draft: &Draft) -> Option<crate::domain::Case> {
    let now = &app
        .case
        .as_ref()
        .filter(|v| v.case.id() == draft.student)?
        .case;
    let mut base = now.clone();
    for editor in &draft.editors {
        match editor {
            EditorDraft::Student {
                id,
                original: Some(original),
                ..
            } if *id == base.id() => base.student = (**original).clone(),
            EditorDraft::Team { student, .. } if student.id == base.id() => {
                base.student = (**student).clone()
            }
            EditorDraft::Conversation {
                base: conversation,
                is_new: false,
                ..
            } => {
                if let Some(slot) = base
                    .conversations
                    .iter_mut()
                    .find(|c| c.id == conversation.id)
                {
                    *slot = (**conversation).clone();
                }
            }
            _ => {}
        }
    }
    (base != *now).then_some(base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::form::FieldId;
    use crate::domain::case::tests_support::{case, day};
    use crate::domain::{ConversationId, Level};

    #[test]
    fn a_draft_journaled_by_format_3_is_read_with_its_agreements_and_prompt() {
        use crate::store::legacy::{AgreementV3, ConversationV3, DraftV3, EditorDraftV3, ValueV3};
        let agreement = AgreementV3 {
            id: crate::domain::AgreementId(5),
            student: StudentId(1),
            text: "Dagligt notat".into(),
            owner: crate::domain::AgreementOwner::Student,
            due: Some(day(12, 4)),
            status: crate::domain::AgreementStatus::Open,
            made_in: ConversationId(3),
            reviewed_in: None,
        };
        let old: DraftV3<ConversationV3> = DraftV3 {
            written_at: day(11, 23).and_hms_opt(9, 0, 0).unwrap(),
            student: StudentId(1),
            student_name: "Amira Hassan".into(),
            editors: vec![
                EditorDraftV3::Student {
                    id: StudentId(1),
                    original: None,
                    fields: vec![
                        (FieldId::Name, ValueV3::Text("Amira Hassan".into())),
                        (FieldId::Agreements, ValueV3::Agreements(vec![agreement])),
                    ],
                },
                EditorDraftV3::Prompt {
                    kind: PromptKind::Note,
                    student: StudentId(1),
                    text: "Ringede til eleven".into(),
                },
            ],
        };
        let mut bytes = crate::store::codec::MAGIC.to_vec();
        bytes.extend_from_slice(&3u16.to_le_bytes());
        bytes.extend_from_slice(
            &bincode::serde::encode_to_vec(&old, bincode::config::standard()).unwrap(),
        );
        let draft: Draft = crate::store::codec::decode(&bytes).unwrap();
        assert_eq!(draft.student_name, "Amira Hassan");
        let EditorDraft::Student { fields, .. } = &draft.editors[0] else {
            panic!("the student editor comes first")
        };
        let Value::Agreements(list) = &fields[1].1 else {
            panic!("agreements kept")
        };
        assert_eq!(list[0].text, "Dagligt notat");
        assert_eq!(list[0].owner_name, "");
        assert!(matches!(
            &draft.editors[1],
            EditorDraft::Prompt { text, .. } if text == "Ringede til eleven"
        ));
    }

    fn app() -> App {
        let c = case();
        let summary = crate::domain::StudentSummary::of(&c);
        App::new(
            crate::i18n::Lang::Da,
            day(11, 23).and_hms_opt(10, 0, 0).unwrap(),
            crate::domain::Actor::new(
                "Hanne Krogh",
                crate::domain::Role::EducationOfficer,
                "hanne",
            ),
            7,
            vec![summary],
            vec![],
        )
    }

    #[test]
    fn a_restored_form_tells_the_store_what_it_was_typed_against_when_that_changed_since() {
        let mut a = app();
        let c = case();
        a.case = Some(crate::app::state::CaseView::new(c.clone()));
        let draft = |original: crate::domain::Student| Draft {
            written_at: day(11, 23).and_hms_opt(9, 0, 0).unwrap(),
            student: c.id(),
            student_name: c.student.name.clone(),
            editors: vec![EditorDraft::Student {
                id: c.id(),
                original: Some(Box::new(original)),
                fields: Vec::new(),
            }],
        };
        // Opened on the student as they still are: nothing to tell.
        assert!(finish_restore(&mut a, &draft(c.student.clone())).is_empty());
        // Opened before a colleague changed the school: the store hears of the old one.
        a.modals.clear();
        let mut older = c.student.clone();
        older.school = "SOSU Esbjerg (før)".into();
        let effects = finish_restore(&mut a, &draft(older.clone()));
        let [Effect::Rebase(base)] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        assert_eq!(base.student, older);
        assert_eq!(base.conversations, c.conversations);
    }

    #[test]
    fn the_size_offered_for_recovery_counts_what_was_typed_not_what_was_filled_in() {
        let mut a = app();
        let c = case();
        let conv = c.plan_conversation(
            ConversationId(9),
            Level::One,
            day(11, 23).and_hms_opt(9, 0, 0).unwrap(),
        );
        let mut e = ConversationEditor::open(&c.student, &conv, vec![], true, day(11, 23));
        // The editor opened with names, a place and a date filled in; 12 characters typed.
        e.form
            .field_mut(FieldId::LearningNeeds)
            .unwrap()
            .set_text("Fagsprog fra");
        e.dirty = true;
        a.modals.push(Modal::Conversation(Box::new(e)));
        let draft = snapshot(&a).unwrap();
        assert_eq!(draft.size(), 12);
    }

    #[test]
    fn nothing_is_journaled_until_something_is_typed() {
        let mut a = app();
        assert!(snapshot(&a).is_none());
        let c = case();
        let conv = c.plan_conversation(
            ConversationId(9),
            Level::One,
            day(11, 23).and_hms_opt(9, 0, 0).unwrap(),
        );
        let e = ConversationEditor::open(&c.student, &conv, vec![], true, day(11, 23));
        a.modals.push(Modal::Conversation(Box::new(e)));
        assert!(
            snapshot(&a).is_none(),
            "an untouched editor holds nothing at risk"
        );
    }

    #[test]
    fn typed_minutes_and_a_half_written_agreement_come_back_as_they_were() {
        let mut a = app();
        let c = case();
        let conv = c.plan_conversation(
            ConversationId(9),
            Level::One,
            day(11, 23).and_hms_opt(9, 0, 0).unwrap(),
        );
        let mut e = ConversationEditor::open(&c.student, &conv, vec![], true, day(11, 23));
        e.form
            .field_mut(FieldId::LearningNeeds)
            .unwrap()
            .set_text("Fagsprog – æøå\nanden linje");
        e.form
            .field_mut(FieldId::FollowUp)
            .unwrap()
            .set_text("31.02.2027");
        e.dirty = true;
        let mut sub = AgreementEditor::blank(crate::domain::AgreementId(5), c.id(), conv.id);
        sub.form
            .field_mut(FieldId::AgreementText)
            .unwrap()
            .set_text("Halvt skrevet aftale");
        e.agreement = Some(sub);
        a.modals.push(Modal::Conversation(Box::new(e)));
        let draft = snapshot(&a).unwrap();
        assert_eq!(draft.student, c.id());
        assert_eq!(draft.conversation().map(|c| c.id), Some(ConversationId(9)));

        let mut b = app();
        restore(&mut b, &draft);
        let Some(Modal::Conversation(back)) = b.modals.last() else {
            panic!("no editor restored")
        };
        assert!(back.dirty);
        assert_eq!(
            back.form.text(FieldId::LearningNeeds),
            "Fagsprog – æøå\nanden linje"
        );
        // The wrong date is kept as typed, with its warning.
        assert_eq!(back.form.text(FieldId::FollowUp), "31.02.2027");
        assert!(back.form.field(FieldId::FollowUp).unwrap().error.is_some());
        let sub = back.agreement.as_ref().unwrap();
        assert_eq!(
            sub.form.text(FieldId::AgreementText),
            "Halvt skrevet aftale"
        );
        assert_eq!(snapshot(&b).map(|d| d.editors), Some(draft.editors));
    }

    #[test]
    fn a_note_being_written_is_kept_too() {
        let mut a = app();
        let mut p = Prompt::new(PromptKind::Note, case().id());
        p.form
            .field_mut(FieldId::Text)
            .unwrap()
            .set_text("Ringede til eleven");
        a.modals.push(Modal::Prompt(p));
        let draft = snapshot(&a).unwrap();
        assert_eq!(draft.student_name, "Amira Hassan");
        let mut b = app();
        restore(&mut b, &draft);
        let Some(Modal::Prompt(p)) = b.modals.last() else {
            panic!("no prompt restored")
        };
        assert_eq!(p.text(), "Ringede til eleven");
    }

    #[test]
    fn a_half_filled_team_meeting_checklist_comes_back_with_its_wrong_date() {
        use crate::app::dialogs::team::{TeamEditor, TeamTarget};
        let mut a = app();
        let c = case();
        let mut e = TeamEditor::open(&c.student, vec![], TeamTarget::Meeting(None), day(11, 23));
        e.form
            .field_mut(FieldId::MeetingNote)
            .unwrap()
            .set_text("Jobcentret deltog – æøå");
        e.form
            .field_mut(FieldId::MeetingNext)
            .unwrap()
            .set_text("31.02.2027");
        e.dirty = true;
        a.modals.push(Modal::Team(Box::new(e)));
        let draft = snapshot(&a).unwrap();
        assert_eq!(draft.student, c.id());
        let mut b = app();
        restore(&mut b, &draft);
        let Some(Modal::Team(back)) = b.modals.last() else {
            panic!("no team editor restored")
        };
        assert!(back.dirty);
        assert_eq!(
            back.form.text(FieldId::MeetingNote),
            "Jobcentret deltog – æøå"
        );
        assert_eq!(back.form.text(FieldId::MeetingNext), "31.02.2027");
        assert!(
            back.form
                .field(FieldId::MeetingNext)
                .unwrap()
                .error
                .is_some()
        );
        assert_eq!(snapshot(&b).map(|d| d.editors), Some(draft.editors));
    }
}
