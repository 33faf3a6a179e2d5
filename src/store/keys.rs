//! Storage keys. They are built from ids, dates and kind codes only, never from names or
//! other personal data, and sort in the order the application reads them.

use chrono::{Datelike, NaiveDate};

use crate::domain::StudentId;
use crate::domain::reminders::{DueItem, DueKind, ReminderKey};

/// Key of a student-level record.
pub fn student(id: StudentId) -> [u8; 8] {
    id.0.to_be_bytes()
}

/// Key of a record belonging to a student: student id then record id, so one prefix scan
/// reads a student's records in creation order.
pub fn owned(student: StudentId, record: u64) -> [u8; 16] {
    let mut k = [0u8; 16];
    k[..8].copy_from_slice(&student.0.to_be_bytes());
    k[8..].copy_from_slice(&record.to_be_bytes());
    k
}

/// Key of an organisation in the address book.
pub fn organisation(id: crate::domain::OrgId) -> [u8; 8] {
    id.0.to_be_bytes()
}

/// A date as four bytes that sort in date order.
pub fn date(d: NaiveDate) -> [u8; 4] {
    // Flipping the sign bit makes negative day numbers sort before positive ones.
    ((d.num_days_from_ce() as u32) ^ 0x8000_0000).to_be_bytes()
}

/// A key of the due index: date (4 bytes), kind (1), student (8), subject (8).
pub type DueKey = [u8; 21];

/// Key of an entry in the due index: date first, so a range scan up to a horizon reads
/// exactly what can be due by then.
pub fn due(item: &DueItem) -> DueKey {
    let mut k: DueKey = [0; 21];
    k[..4].copy_from_slice(&date(item.date));
    k[4] = item.kind.code();
    k[5..13].copy_from_slice(&item.student.0.to_be_bytes());
    k[13..].copy_from_slice(&item.subject.to_be_bytes());
    k
}

/// The first key after every due entry dated on or before `last`.
pub fn due_end(last: NaiveDate) -> [u8; 4] {
    let next = last.succ_opt().unwrap_or(last);
    date(next)
}

/// Key of a reminder mark.
pub fn mark(key: &ReminderKey) -> [u8; 13] {
    let mut k = [0u8; 13];
    k[0] = key.kind.code();
    k[1..9].copy_from_slice(&key.subject.to_be_bytes());
    k[9..].copy_from_slice(&date(key.date));
    k
}

/// The student a key of a student-level record or an owned record belongs to: its first
/// eight bytes. `None` for a key too short to be one.
pub fn owner(key: &[u8]) -> Option<StudentId> {
    key.get(..8)
        .and_then(|b| b.try_into().ok())
        .map(|b| StudentId(u64::from_be_bytes(b)))
}

/// The student of a due-index key (see [`due`]).
pub fn due_student(key: &[u8]) -> Option<StudentId> {
    key.get(5..13)
        .and_then(|b| b.try_into().ok())
        .map(|b| StudentId(u64::from_be_bytes(b)))
}

/// The subject (student, conversation or agreement id) of a reminder-mark key (see
/// [`mark`]).
pub fn mark_subject(key: &[u8]) -> Option<u64> {
    key.get(1..9)
        .and_then(|b| b.try_into().ok())
        .map(u64::from_be_bytes)
}

/// The kind code of a due-index key, used by integrity checks.
pub fn due_kind(key: &[u8]) -> Option<DueKind> {
    key.get(4).copied().and_then(DueKind::from_code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_gives_back_the_ids_it_was_built_from() {
        let item = DueItem {
            date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            kind: DueKind::Agreement,
            student: StudentId(41),
            subject: 77,
            level: None,
            detail: String::new(),
        };
        assert_eq!(due_student(&due(&item)), Some(StudentId(41)));
        assert_eq!(owner(&owned(StudentId(41), 9)), Some(StudentId(41)));
        assert_eq!(owner(&student(StudentId(41))), Some(StudentId(41)));
        let mark_key = ReminderKey {
            kind: DueKind::Agreement,
            subject: 77,
            date: item.date,
        };
        assert_eq!(mark_subject(&mark(&mark_key)), Some(77));
        assert_eq!(owner(&[1, 2, 3]), None);
    }

    #[test]
    fn date_keys_sort_in_date_order_across_years() {
        let a = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        let b = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let c = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert!(date(a) < date(b));
        assert!(date(b) < date(c));
        assert!(date(a) < due_end(a));
        assert!(due_end(a) <= date(b));
    }
}
