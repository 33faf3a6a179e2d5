//! What every implementation of [`Store`] must do, as a user of Fokus would notice it:
//! plain functions that work only through the trait, run against each store by
//! [`conformance_suite!`], so the sled store and the PostgreSQL store are held to the same
//! behaviour. Each function starts from a fresh, empty store and reopens it where what
//! matters is what a later start of Fokus sees.

#![allow(dead_code)]

use std::collections::HashSet;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use fokus::domain::case::{self, Ctx};
use fokus::domain::organisation::DEFAULTS;
use fokus::domain::reminders::{self, DueItem, DueKind, Mark};
use fokus::domain::{
    Actor, Agreement, AgreementId, AgreementOwner, AgreementStatus, Case, CaseChange,
    ConversationId, ConversationState, FileKind, IdSource, LeftFile, LeftWhy, Level, OrgId,
    OrgKind, Organisation, Programme, Receipt, ReservedIds, Role, Student, StudentId,
    StudentStatus, StudentSummary, WrittenFile,
};
use fokus::store::{Store, StoreError};

/// A store under test, with whatever keeps it alive (a temporary folder, a server).
pub trait Subject {
    fn store(&self) -> &dyn Store;
    /// Closes the store and opens it again (a new process would see the same).
    fn reopen(&mut self);
}

/// One `#[test]` per conformance function, each run on a fresh store from `$fresh`, an
/// expression callable as `$fresh()` that returns a `Box<dyn Subject>`. Every public
/// function of this module is listed here, so a store that uses the macro runs them all.
macro_rules! conformance_suite {
    ($fresh:expr) => {
        conformance_suite!(@tests $fresh;
            an_empty_store_holds_no_students_reminders_receipts_or_files,
            a_new_address_book_holds_the_cooperation_agreements_organisations,
            a_new_student_is_there_after_reopening,
            summaries_come_in_id_order,
            a_later_commit_replaces_the_records_it_names,
            an_unknown_student_is_no_such_student,
            due_items_come_in_date_kind_student_subject_order,
            due_items_read_in_pages_give_every_item_once,
            due_until_stops_at_the_last_day,
            moving_a_planned_conversation_moves_its_due_item,
            marks_are_kept_and_a_later_mark_replaces_the_earlier,
            reserved_ids_are_new_every_time_and_after_reopening,
            ids_reserved_after_an_erasure_are_still_new,
            saved_organisations_are_listed_by_name_after_reopening,
            a_changed_organisation_replaces_the_old_one,
            a_removed_organisation_is_gone,
            erasing_a_student_leaves_nothing_of_them_and_spares_the_others,
            erasing_the_last_student_leaves_an_empty_store_that_takes_new_students,
            receipts_are_listed_oldest_first,
            noted_files_are_registered_and_a_path_noted_again_is_replaced,
            the_register_leaves_out_students_not_stored,
            a_file_naming_only_students_not_stored_stays_registered_naming_none,
            erasing_a_student_takes_them_out_of_the_register,
            commit_many_writes_every_case,
        );
    };
    (@tests $fresh:expr; $($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                let mut subject: Box<dyn $crate::conformance::Subject> = ($fresh)();
                $crate::conformance::$name(&mut *subject);
            }
        )*
    };
}

// ---------------------------------------------------------------------------------------
// Building cases through the domain's own operations.

/// A Monday.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn day(offset: i64) -> NaiveDate {
    today() + Duration::days(offset)
}

fn at(offset: i64, hour: u32) -> NaiveDateTime {
    day(offset).and_hms_opt(hour, 0, 0).unwrap()
}

/// Far enough ahead to see every due item the tests make.
fn far() -> NaiveDate {
    day(3650)
}

fn ctx() -> Ctx {
    Ctx {
        now: at(0, 10),
        by: Actor::new("Hanne Krogh", Role::EducationOfficer, "hanne"),
    }
}

/// Fresh ids from the store, enough for one operation.
fn ids(store: &dyn Store) -> ReservedIds {
    let mut ids = ReservedIds::default();
    ids.extend(store.reserve_ids(8).unwrap());
    ids
}

fn student(id: StudentId, name: &str) -> Student {
    Student {
        id,
        name: name.into(),
        programme: Programme::Ssa,
        start: NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
        expected_end: NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
        school: "SOSU Esbjerg".into(),
        workplace: "Plejecenter Kastanjehaven".into(),
        unit: "Afsnit B".into(),
        employer: "Esbjerg Kommune".into(),
        supervisor: "Bente Lund".into(),
        education_officer: "Hanne Krogh".into(),
        focus_areas: Vec::new(),
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

/// Commits `change` made on `before`; returns the case as it now is.
fn commit(store: &dyn Store, before: &Case, change: CaseChange) -> Case {
    let mut after = before.clone();
    after.apply(&change);
    store.commit(&change, &after).unwrap();
    after
}

/// A new student and the change that registers them, not yet committed.
fn registration(store: &dyn Store, name: &str) -> (CaseChange, Case) {
    let mut ids = ids(store);
    let new = student(StudentId(ids.next_id()), name);
    let change = case::create_student(new.clone(), &ctx(), &mut ids);
    let mut after = Case::new(new);
    after.apply(&change);
    (change, after)
}

/// Registers a new student; returns their case.
fn add_student(store: &dyn Store, name: &str) -> Case {
    let (change, after) = registration(store, name);
    store.commit(&change, &after).unwrap();
    after
}

/// Plans a conversation for `case` at `when`; returns the case and the conversation's id.
fn plan(store: &dyn Store, case: &Case, when: NaiveDateTime) -> (Case, ConversationId) {
    let mut ids = ids(store);
    let id = ConversationId(ids.next_id());
    let planned = case.plan_conversation(id, case.student.level, when);
    let change = case::save_conversation(case, planned, Vec::new(), &ctx(), &mut ids).unwrap();
    (commit(store, case, change), id)
}

/// Moves the planned conversation `id` of `case` to `when`.
fn reschedule(store: &dyn Store, case: &Case, id: ConversationId, when: NaiveDateTime) -> Case {
    let mut moved = case.conversation(id).unwrap().clone();
    moved.planned_at = when;
    let change = case::save_conversation(case, moved, Vec::new(), &ctx(), &mut ids(store)).unwrap();
    commit(store, case, change)
}

/// Registers conversation `id` of `case` as held today, with minutes and one agreement due
/// on `due`.
fn hold(store: &dyn Store, case: &Case, id: ConversationId, due: NaiveDate) -> Case {
    let mut ids = ids(store);
    let mut held = case.conversation(id).unwrap().clone();
    held.state = ConversationState::Held { on: today() };
    held.minutes.learning_needs = "Fagsprog i dokumentationen".into();
    held.minutes.student_commits = "Skriver dagens notat færdigt før vagtskifte".into();
    let agreement = Agreement {
        id: AgreementId(ids.next_id()),
        student: case.id(),
        text: "Læser to journalnotater om ugen med vejlederen".into(),
        owner: AgreementOwner::Student,
        owner_name: String::new(),
        due: Some(due),
        status: AgreementStatus::Open,
        made_in: id,
        reviewed_in: None,
    };
    let change = case::save_conversation(case, held, vec![agreement], &ctx(), &mut ids).unwrap();
    commit(store, case, change)
}

/// Every due item of `cases`, in the due index's order.
fn due_of(cases: &[&Case]) -> Vec<DueItem> {
    let mut items: Vec<DueItem> = cases.iter().flat_map(|c| reminders::due_items(c)).collect();
    items.sort_by_key(|i| (i.date, i.kind, i.student, i.subject));
    items
}

fn receipt(id: &str, at: NaiveDateTime) -> Receipt {
    Receipt {
        id: id.into(),
        at,
        by: Actor::login_only("hanne"),
        left: Vec::new(),
    }
}

fn file(path: &str, kind: FileKind, students: &[StudentId], hash: u8) -> WrittenFile {
    WrittenFile {
        path: path.into(),
        kind,
        students: students.to_vec(),
        sha256: Some([hash; 32]),
        written_at: at(0, 10),
    }
}

/// The register, in path order (the trait promises no order).
fn register(store: &dyn Store) -> Vec<WrittenFile> {
    by_path(store.written_files().unwrap())
}

fn by_path(mut files: Vec<WrittenFile>) -> Vec<WrittenFile> {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// `orgs` in the order the address book lists them: by name, whatever its case.
fn by_name(mut orgs: Vec<Organisation>) -> Vec<Organisation> {
    orgs.sort_by_key(|o| o.name.to_lowercase());
    orgs
}

fn no_such_student(result: Result<Case, StoreError>, id: StudentId) {
    match result {
        Err(StoreError::NoSuchStudent(found)) => assert_eq!(found, id),
        Err(other) => panic!("expected NoSuchStudent({id}), got {other}"),
        Ok(case) => panic!("expected NoSuchStudent({id}), got {}", case.student.name),
    }
}

// ---------------------------------------------------------------------------------------
// Students, cases and summaries.

pub fn an_empty_store_holds_no_students_reminders_receipts_or_files(t: &mut dyn Subject) {
    for _ in 0..2 {
        let store = t.store();
        assert!(store.is_empty().unwrap());
        assert!(store.summaries().unwrap().is_empty());
        assert!(store.due_until(far()).unwrap().is_empty());
        assert!(store.due_items(None, far(), 10).unwrap().is_empty());
        assert!(store.receipts().unwrap().is_empty());
        assert!(store.written_files().unwrap().is_empty());
        t.reopen();
    }
}

/// A new address book is not empty: it starts with the organisations and secure-mail
/// addresses of the cooperation agreement, each once, listed by name.
pub fn a_new_address_book_holds_the_cooperation_agreements_organisations(t: &mut dyn Subject) {
    let expected: Vec<(String, OrgKind, String)> = {
        let mut d: Vec<_> = DEFAULTS
            .iter()
            .map(|(name, kind, mail)| (name.to_string(), *kind, mail.to_string()))
            .collect();
        d.sort_by_key(|(name, _, _)| name.to_lowercase());
        d
    };
    for _ in 0..2 {
        let book = t.store().organisations().unwrap();
        let found: Vec<_> = book
            .iter()
            .map(|o| (o.name.clone(), o.kind, o.secure_mail.clone()))
            .collect();
        assert_eq!(found, expected);
        let ids: HashSet<OrgId> = book.iter().map(|o| o.id).collect();
        assert_eq!(ids.len(), book.len(), "two organisations share an id");
        assert!(!ids.contains(&OrgId(0)));
        // Seeded once: opening again adds no second copy.
        t.reopen();
    }
}

pub fn a_new_student_is_there_after_reopening(t: &mut dyn Subject) {
    let amira = add_student(t.store(), "Amira Hassan");
    t.reopen();
    let store = t.store();
    assert!(!store.is_empty().unwrap());
    assert_eq!(store.load_case(amira.id()).unwrap(), amira);
    assert_eq!(
        store.summary(amira.id()).unwrap(),
        Some(StudentSummary::of(&amira))
    );
    assert_eq!(store.summaries().unwrap(), vec![StudentSummary::of(&amira)]);
}

pub fn summaries_come_in_id_order(t: &mut dyn Subject) {
    let store = t.store();
    let first = registration(store, "Amira Hassan");
    let second = registration(store, "Bo Jensen");
    let third = registration(store, "Cecilie Nørgaard");
    // Committed in another order than their ids'.
    for (change, after) in [&third, &first, &second] {
        store.commit(change, after).unwrap();
    }
    t.reopen();
    let mut cases = [&first.1, &second.1, &third.1];
    cases.sort_by_key(|c| c.id());
    let expected: Vec<_> = cases.iter().map(|c| StudentSummary::of(c)).collect();
    assert_eq!(t.store().summaries().unwrap(), expected);
}

/// A conversation planned, then held with minutes and an agreement, then saved again
/// without the agreement: each commit replaces what the one before wrote.
pub fn a_later_commit_replaces_the_records_it_names(t: &mut dyn Subject) {
    let store = t.store();
    let amira = add_student(store, "Amira Hassan");
    let (planned, conv) = plan(store, &amira, at(0, 9));
    let held = hold(store, &planned, conv, day(14));
    t.reopen();
    let store = t.store();
    let back = store.load_case(amira.id()).unwrap();
    assert_eq!(back, held);
    assert_eq!(back.conversations.len(), 1, "the planned version was kept");
    assert_eq!(back.agreements.len(), 1);
    assert_eq!(
        store.summary(amira.id()).unwrap(),
        Some(StudentSummary::of(&held))
    );
    let kinds: Vec<DueKind> = store
        .due_until(far())
        .unwrap()
        .iter()
        .map(|i| i.kind)
        .collect();
    assert_eq!(kinds, [DueKind::MinutesPending, DueKind::Agreement]);

    let unchanged = held.conversation(conv).unwrap().clone();
    let change =
        case::save_conversation(&held, unchanged, Vec::new(), &ctx(), &mut ids(store)).unwrap();
    assert_eq!(change.removed_agreements.len(), 1);
    let without = commit(store, &held, change);
    t.reopen();
    let store = t.store();
    assert_eq!(store.load_case(amira.id()).unwrap(), without);
    assert!(without.agreements.is_empty());
    assert_eq!(store.due_until(far()).unwrap(), due_of(&[&without]));
}

pub fn an_unknown_student_is_no_such_student(t: &mut dyn Subject) {
    no_such_student(t.store().load_case(StudentId(4711)), StudentId(4711));
    let amira = add_student(t.store(), "Amira Hassan");
    t.reopen();
    let unknown = StudentId(amira.id().0 + 1000);
    no_such_student(t.store().load_case(unknown), unknown);
    assert_eq!(t.store().summary(unknown).unwrap(), None);
}

// ---------------------------------------------------------------------------------------
// The due index.

/// Three students with seven due items: four on one day, of two kinds, two students and
/// two conversations of one student; one before today; two later. The student registered
/// first has only the day's last kind, and the conversation with the lower id on that day
/// belongs to the student with the higher id.
fn due_fixture(store: &dyn Store) -> Vec<Case> {
    let cecilie = add_student(store, "Cecilie Nørgaard");
    let amira = add_student(store, "Amira Hassan");
    let bo = add_student(store, "Bo Jensen");
    let (bo, _) = plan(store, &bo, at(2, 9));
    let (amira, _) = plan(store, &amira, at(2, 13));
    let (amira, _) = plan(store, &amira, at(2, 9));
    let (bo, _) = plan(store, &bo, at(-3, 9));
    let (bo, _) = plan(store, &bo, at(9, 9));
    // Minutes pending two days after today, and an agreement due in five.
    let (cecilie, conv) = plan(store, &cecilie, at(0, 9));
    let cecilie = hold(store, &cecilie, conv, day(5));
    vec![cecilie, amira, bo]
}

pub fn due_items_come_in_date_kind_student_subject_order(t: &mut dyn Subject) {
    let cases = due_fixture(t.store());
    t.reopen();
    let [cecilie, amira, bo] = [&cases[0], &cases[1], &cases[2]];
    let all = t.store().due_until(far()).unwrap();
    let conv = |c: &Case, when: NaiveDateTime| {
        c.conversations
            .iter()
            .find(|x| x.planned_at == when)
            .unwrap()
            .id
            .0
    };
    let held = cecilie.conversations[0].id.0;
    let expected = vec![
        (day(-3), DueKind::Conversation, bo.id(), conv(bo, at(-3, 9))),
        (
            day(2),
            DueKind::Conversation,
            amira.id(),
            conv(amira, at(2, 13)),
        ),
        (
            day(2),
            DueKind::Conversation,
            amira.id(),
            conv(amira, at(2, 9)),
        ),
        (day(2), DueKind::Conversation, bo.id(), conv(bo, at(2, 9))),
        (day(2), DueKind::MinutesPending, cecilie.id(), held),
        (
            day(5),
            DueKind::Agreement,
            cecilie.id(),
            cecilie.agreements[0].id.0,
        ),
        (day(9), DueKind::Conversation, bo.id(), conv(bo, at(9, 9))),
    ];
    let found: Vec<_> = all
        .iter()
        .map(|i| (i.date, i.kind, i.student, i.subject))
        .collect();
    assert_eq!(found, expected);
    // The whole items, as the domain derives them from the cases.
    assert_eq!(all, due_of(&[cecilie, amira, bo]));
}

pub fn due_items_read_in_pages_give_every_item_once(t: &mut dyn Subject) {
    let cases = due_fixture(t.store());
    t.reopen();
    let store = t.store();
    let all = store.due_until(far()).unwrap();
    assert_eq!(all, due_of(&cases.iter().collect::<Vec<_>>()));
    assert!(store.due_items(None, far(), 0).unwrap().is_empty());
    for limit in 1..=all.len() + 1 {
        let mut read: Vec<DueItem> = Vec::new();
        let mut after: Option<DueItem> = None;
        for _ in 0..=all.len() {
            let page = store.due_items(after.as_ref(), far(), limit).unwrap();
            assert!(page.len() <= limit, "limit {limit}: {} items", page.len());
            let Some(last) = page.last().cloned() else {
                break;
            };
            read.extend(page);
            after = Some(last);
        }
        assert_eq!(read, all, "limit {limit}");
    }
    // Reading on after an item that is not stored (done with since the last page) goes on
    // where that item would sort: here, after the day's planned conversations.
    let gone = DueItem {
        date: day(2),
        kind: DueKind::Agreement,
        student: StudentId(1),
        subject: 1,
        level: None,
        detail: String::new(),
    };
    let rest = store.due_items(Some(&gone), far(), usize::MAX).unwrap();
    assert_eq!(rest, all[4..]);
    // Paging stops at `last` too.
    let until = store.due_items(Some(&all[0]), day(2), usize::MAX).unwrap();
    assert_eq!(until, all[1..5]);
}

pub fn due_until_stops_at_the_last_day(t: &mut dyn Subject) {
    let cases = due_fixture(t.store());
    t.reopen();
    let store = t.store();
    let all = due_of(&cases.iter().collect::<Vec<_>>());
    assert!(store.due_until(day(-4)).unwrap().is_empty());
    assert_eq!(store.due_until(day(-3)).unwrap(), all[..1]);
    assert_eq!(store.due_until(day(1)).unwrap(), all[..1]);
    // On the last day itself, every item of the day.
    assert_eq!(store.due_until(day(2)).unwrap(), all[..5]);
    assert_eq!(store.due_until(day(8)).unwrap(), all[..6]);
    assert_eq!(store.due_until(day(9)).unwrap(), all);
}

pub fn moving_a_planned_conversation_moves_its_due_item(t: &mut dyn Subject) {
    let store = t.store();
    let amira = add_student(store, "Amira Hassan");
    let (amira, conv) = plan(store, &amira, at(3, 9));
    let moved = reschedule(store, &amira, conv, at(20, 13));
    t.reopen();
    let store = t.store();
    assert!(
        store.due_until(day(19)).unwrap().is_empty(),
        "the entry at the old date was left behind"
    );
    let all = store.due_until(far()).unwrap();
    assert_eq!(all, due_of(&[&moved]));
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].date, all[0].subject), (day(20), conv.0));
    // Moved back, to an earlier day than the first, by a new session: it reads the case
    // before changing it (a shared store refuses a save from a case it never handed out).
    let reread = store.load_case(moved.id()).unwrap();
    assert_eq!(reread, moved);
    let back = reschedule(store, &reread, conv, at(1, 9));
    t.reopen();
    assert_eq!(t.store().due_until(far()).unwrap(), due_of(&[&back]));
}

// ---------------------------------------------------------------------------------------
// Reminder marks.

pub fn marks_are_kept_and_a_later_mark_replaces_the_earlier(t: &mut dyn Subject) {
    let store = t.store();
    let amira = add_student(store, "Amira Hassan");
    let (amira, _) = plan(store, &amira, at(1, 9));
    plan(store, &amira, at(8, 9));
    let items = store.due_until(far()).unwrap();
    let (first, second) = (items[0].key(), items[1].key());
    assert_eq!(store.mark(&first).unwrap(), None);
    store.set_mark(&first, Mark::SnoozedUntil(day(1))).unwrap();
    t.reopen();
    let store = t.store();
    assert_eq!(
        store.mark(&first).unwrap(),
        Some(Mark::SnoozedUntil(day(1)))
    );
    assert_eq!(store.mark(&second).unwrap(), None);
    store.set_mark(&first, Mark::Done).unwrap();
    store.set_mark(&second, Mark::SnoozedUntil(day(3))).unwrap();
    store.set_mark(&second, Mark::SnoozedUntil(day(5))).unwrap();
    t.reopen();
    let store = t.store();
    assert_eq!(store.mark(&first).unwrap(), Some(Mark::Done));
    assert_eq!(
        store.mark(&second).unwrap(),
        Some(Mark::SnoozedUntil(day(5)))
    );
    // A mark belongs to one date of its reminder: the same subject on another day has none.
    let moved = fokus::domain::reminders::ReminderKey {
        date: day(2),
        ..first
    };
    assert_eq!(store.mark(&moved).unwrap(), None);
}

// ---------------------------------------------------------------------------------------
// Ids.

/// Every id a record holds, of the cases and the address book.
fn ids_in_use(store: &dyn Store) -> HashSet<u64> {
    let mut used = HashSet::new();
    for s in store.summaries().unwrap() {
        let case = store.load_case(s.id).unwrap();
        used.insert(case.id().0);
        used.extend(case.conversations.iter().map(|c| c.id.0));
        used.extend(case.agreements.iter().map(|a| a.id.0));
        used.extend(case.events.iter().map(|e| e.id.0));
    }
    used.extend(store.organisations().unwrap().iter().map(|o| o.id.0));
    used
}

/// Asserts that none of `fresh` is 0, in `taken`, or twice in `fresh`; adds them to
/// `taken`.
fn all_new(taken: &mut HashSet<u64>, fresh: impl IntoIterator<Item = u64>) {
    for id in fresh {
        assert_ne!(id, 0, "0 is no id");
        assert!(
            taken.insert(id),
            "id {id} was handed out before or is in use"
        );
    }
}

pub fn reserved_ids_are_new_every_time_and_after_reopening(t: &mut dyn Subject) {
    let store = t.store();
    let amira = add_student(store, "Amira Hassan");
    let (amira, conv) = plan(store, &amira, at(0, 9));
    hold(store, &amira, conv, day(7));
    let mut taken = ids_in_use(store);
    all_new(&mut taken, store.reserve_ids(20).unwrap());
    all_new(&mut taken, store.reserve_ids(1).unwrap());
    assert!(store.reserve_ids(0).unwrap().is_empty());
    {
        let mut source = store.ids();
        let fresh: Vec<u64> = (0..5).map(|_| source.next_id()).collect();
        source.finish().unwrap();
        all_new(&mut taken, fresh);
    }
    t.reopen();
    all_new(&mut taken, t.store().reserve_ids(50).unwrap());
    t.reopen();
    all_new(&mut taken, t.store().reserve_ids(50).unwrap());
}

/// An erasure may rewrite the store's files; ids handed out afterwards must still be new,
/// in a store opened many times before as much as in a new one.
pub fn ids_reserved_after_an_erasure_are_still_new(t: &mut dyn Subject) {
    let amira = add_student(t.store(), "Amira Hassan");
    // Fokus started a few more times, a student registered on each start.
    let mut others = Vec::new();
    for name in ["Bo Jensen", "Cecilie Nørgaard", "Dorte Lund"] {
        t.reopen();
        let other = add_student(t.store(), name);
        let (other, _) = plan(t.store(), &other, at(2, 9));
        others.push(other);
    }
    let mut taken = ids_in_use(t.store());
    t.store()
        .erase_student(&amira, &receipt("sletning", at(0, 11)))
        .unwrap();
    all_new(&mut taken, t.store().reserve_ids(50).unwrap());
    t.reopen();
    all_new(&mut taken, t.store().reserve_ids(50).unwrap());
    // A student registered now is stored beside the others, replacing none of their records.
    let emil = add_student(t.store(), "Emil Skov");
    let (emil, _) = plan(t.store(), &emil, at(3, 9));
    t.reopen();
    for case in others.iter().chain([&emil]) {
        assert_eq!(t.store().load_case(case.id()).unwrap(), *case);
    }
}

// ---------------------------------------------------------------------------------------
// The address book.

fn org(store: &dyn Store, name: &str, kind: OrgKind, mail: &str) -> Organisation {
    Organisation {
        id: OrgId(store.reserve_ids(1).unwrap()[0]),
        name: name.into(),
        kind,
        secure_mail: mail.into(),
    }
}

pub fn saved_organisations_are_listed_by_name_after_reopening(t: &mut dyn Subject) {
    let store = t.store();
    let mut expected = store.organisations().unwrap();
    let added = [
        org(
            store,
            "kolding Kommune",
            OrgKind::EmployingAuthority,
            "sikkerpost@kolding.dk",
        ),
        org(store, "Haderslev Kommune", OrgKind::EmployingAuthority, ""),
        org(store, "Aabenraa Plejecenter", OrgKind::Workplace, ""),
    ];
    for o in &added {
        store.save_organisation(o).unwrap();
    }
    expected.extend(added);
    t.reopen();
    assert_eq!(t.store().organisations().unwrap(), by_name(expected));
}

pub fn a_changed_organisation_replaces_the_old_one(t: &mut dyn Subject) {
    let store = t.store();
    let mut book = store.organisations().unwrap();
    let mut added = org(store, "Kolding Kommune", OrgKind::Other, "");
    store.save_organisation(&added).unwrap();
    added.name = "Kolding Kommune, Ældre og Sundhed".into();
    added.kind = OrgKind::EmployingAuthority;
    added.secure_mail = "sikkerpost@kolding.dk".into();
    store.save_organisation(&added).unwrap();
    // One of the agreement's own, given its address.
    let school = book.iter_mut().find(|o| o.kind == OrgKind::School).unwrap();
    school.secure_mail = "sikkerpost@sosuesbjerg.dk".into();
    store.save_organisation(school).unwrap();
    book.push(added);
    t.reopen();
    assert_eq!(t.store().organisations().unwrap(), by_name(book));
}

pub fn a_removed_organisation_is_gone(t: &mut dyn Subject) {
    let store = t.store();
    let mut book = store.organisations().unwrap();
    let added = org(store, "Kolding Kommune", OrgKind::EmployingAuthority, "");
    store.save_organisation(&added).unwrap();
    let default = book.remove(0);
    store.remove_organisation(default.id).unwrap();
    store.remove_organisation(added.id).unwrap();
    // Removing one that is not there is no error and changes nothing.
    store.remove_organisation(OrgId(added.id.0 + 1000)).unwrap();
    t.reopen();
    assert_eq!(t.store().organisations().unwrap(), by_name(book));
}

// ---------------------------------------------------------------------------------------
// Erasure and receipts.

pub fn erasing_a_student_leaves_nothing_of_them_and_spares_the_others(t: &mut dyn Subject) {
    let store = t.store();
    let amira = add_student(store, "Amira Hassan");
    let (amira, conv) = plan(store, &amira, at(0, 9));
    let amira = hold(store, &amira, conv, day(7));
    let bo = add_student(store, "Bo Jensen");
    let (bo, _) = plan(store, &bo, at(2, 9));
    let amiras = store.due_until(far()).unwrap();
    let amiras: Vec<_> = amiras.iter().filter(|i| i.student == amira.id()).collect();
    let bos = &due_of(&[&bo])[0];
    for item in &amiras {
        store.set_mark(&item.key(), Mark::Done).unwrap();
    }
    store.set_mark(&bos.key(), Mark::Done).unwrap();
    t.reopen();
    let stored = t.store().load_case(amira.id()).unwrap();
    let kept = receipt("7f3a-sletning", at(0, 11));
    t.store().erase_student(&stored, &kept).unwrap();
    t.reopen();
    let store = t.store();
    no_such_student(store.load_case(amira.id()), amira.id());
    assert_eq!(store.summary(amira.id()).unwrap(), None);
    assert_eq!(store.summaries().unwrap(), vec![StudentSummary::of(&bo)]);
    assert_eq!(store.due_until(far()).unwrap(), due_of(&[&bo]));
    for item in &amiras {
        assert_eq!(store.mark(&item.key()).unwrap(), None, "{:?}", item.kind);
    }
    assert_eq!(store.mark(&bos.key()).unwrap(), Some(Mark::Done));
    assert_eq!(store.load_case(bo.id()).unwrap(), bo);
    assert!(!store.is_empty().unwrap());
    assert_eq!(store.receipts().unwrap(), vec![kept]);
}

pub fn erasing_the_last_student_leaves_an_empty_store_that_takes_new_students(t: &mut dyn Subject) {
    let store = t.store();
    let amira = add_student(store, "Amira Hassan");
    let (amira, _) = plan(store, &amira, at(2, 9));
    store
        .erase_student(&amira, &receipt("sletning", at(0, 11)))
        .unwrap();
    assert!(store.is_empty().unwrap());
    t.reopen();
    let store = t.store();
    assert!(store.is_empty().unwrap());
    assert!(store.summaries().unwrap().is_empty());
    assert!(store.due_until(far()).unwrap().is_empty());
    let bo = add_student(store, "Bo Jensen");
    let (bo, _) = plan(store, &bo, at(3, 9));
    t.reopen();
    let store = t.store();
    assert_eq!(store.load_case(bo.id()).unwrap(), bo);
    assert_eq!(store.due_until(far()).unwrap(), due_of(&[&bo]));
}

pub fn receipts_are_listed_oldest_first(t: &mut dyn Subject) {
    let store = t.store();
    let amira = add_student(store, "Amira Hassan");
    let bo = add_student(store, "Bo Jensen");
    // Ids that sort the other way round from the times.
    let first = Receipt {
        left: vec![LeftFile {
            path: "/home/hanne/Referater/2026-11-20_type1_AH.pdf".into(),
            kind: FileKind::Minutes,
            why: LeftWhy::Changed,
        }],
        ..receipt("zz-first", at(0, 11))
    };
    let second = receipt("aa-second", at(0, 12));
    store.erase_student(&amira, &first).unwrap();
    store.erase_student(&bo, &second).unwrap();
    t.reopen();
    assert_eq!(t.store().receipts().unwrap(), vec![first, second]);
}

// ---------------------------------------------------------------------------------------
// The register of written files.

pub fn noted_files_are_registered_and_a_path_noted_again_is_replaced(t: &mut dyn Subject) {
    let store = t.store();
    let amira = add_student(store, "Amira Hassan").id();
    let bo = add_student(store, "Bo Jensen").id();
    let minutes = file(
        "/home/hanne/Referater/a.pdf",
        FileKind::Minutes,
        &[amira],
        1,
    );
    let calendar = file("/home/hanne/fokus.ics", FileKind::Calendar, &[amira, bo], 2);
    store
        .note_files(&[minutes.clone(), calendar.clone()])
        .unwrap();
    t.reopen();
    assert_eq!(
        register(t.store()),
        by_path(vec![calendar.clone(), minutes.clone()])
    );
    // The calendar written again, now for Bo alone; a folder (no hash) beside it.
    let calendar = WrittenFile {
        students: vec![bo],
        sha256: Some([3; 32]),
        written_at: at(1, 8),
        ..calendar
    };
    let folder = WrittenFile {
        sha256: None,
        ..file("/home/hanne/Indsigt/Bo", FileKind::AccessFolder, &[bo], 0)
    };
    t.store()
        .note_files(&[calendar.clone(), folder.clone()])
        .unwrap();
    t.reopen();
    assert_eq!(
        register(t.store()),
        by_path(vec![calendar, folder, minutes])
    );
}

/// Students no longer stored (erased while the file was written) are not named.
pub fn the_register_leaves_out_students_not_stored(t: &mut dyn Subject) {
    let store = t.store();
    let amira = add_student(store, "Amira Hassan").id();
    let never = StudentId(amira.0 + 1000);
    store
        .note_files(&[file(
            "/home/hanne/fokus.ics",
            FileKind::Calendar,
            &[amira, never],
            1,
        )])
        .unwrap();
    t.reopen();
    let noted = register(t.store());
    assert_eq!(noted.len(), 1);
    assert_eq!(noted[0].students, vec![amira]);
}

/// As the trait words it, the students are left out, not the file: a file naming no
/// stored student is kept, naming no one.
pub fn a_file_naming_only_students_not_stored_stays_registered_naming_none(t: &mut dyn Subject) {
    let store = t.store();
    let never = StudentId(4711);
    let written = file(
        "/home/hanne/Referater/x.pdf",
        FileKind::Minutes,
        &[never],
        1,
    );
    store.note_files(std::slice::from_ref(&written)).unwrap();
    t.reopen();
    let expected = WrittenFile {
        students: Vec::new(),
        ..written
    };
    assert_eq!(register(t.store()), vec![expected]);
}

pub fn erasing_a_student_takes_them_out_of_the_register(t: &mut dyn Subject) {
    let store = t.store();
    let amira = add_student(store, "Amira Hassan");
    let bo = add_student(store, "Bo Jensen").id();
    let only_amira = file(
        "/home/hanne/Referater/a.pdf",
        FileKind::Minutes,
        &[amira.id()],
        1,
    );
    let both = file(
        "/home/hanne/fokus.ics",
        FileKind::Calendar,
        &[amira.id(), bo],
        2,
    );
    let only_bo = file("/home/hanne/Referater/b.pdf", FileKind::Minutes, &[bo], 3);
    store
        .note_files(&[only_amira, both.clone(), only_bo.clone()])
        .unwrap();
    store
        .erase_student(&amira, &receipt("sletning", at(0, 11)))
        .unwrap();
    t.reopen();
    let both = WrittenFile {
        students: vec![bo],
        ..both
    };
    assert_eq!(register(t.store()), by_path(vec![both, only_bo]));
}

// ---------------------------------------------------------------------------------------
// Several cases at once.

pub fn commit_many_writes_every_case(t: &mut dyn Subject) {
    let store = t.store();
    let existing = add_student(store, "Amira Hassan");
    let (planned, conv) = {
        let mut ids = ids(store);
        let id = ConversationId(ids.next_id());
        let c = existing.plan_conversation(id, Level::One, at(4, 9));
        let change = case::save_conversation(&existing, c, Vec::new(), &ctx(), &mut ids).unwrap();
        (change, id)
    };
    let mut amira = existing.clone();
    amira.apply(&planned);
    let bo = registration(store, "Bo Jensen");
    let cecilie = registration(store, "Cecilie Nørgaard");
    store
        .commit_many(&[(&planned, &amira), (&bo.0, &bo.1), (&cecilie.0, &cecilie.1)])
        .unwrap();
    t.reopen();
    let store = t.store();
    for case in [&amira, &bo.1, &cecilie.1] {
        assert_eq!(store.load_case(case.id()).unwrap(), *case);
    }
    assert!(amira.conversation(conv).is_some());
    let mut summaries: Vec<_> = [&amira, &bo.1, &cecilie.1]
        .iter()
        .map(|c| StudentSummary::of(c))
        .collect();
    summaries.sort_by_key(|s| s.id);
    assert_eq!(store.summaries().unwrap(), summaries);
    assert_eq!(
        store.due_until(far()).unwrap(),
        due_of(&[&amira, &bo.1, &cecilie.1])
    );
}
