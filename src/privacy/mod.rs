//! A person's data: everything held about one student, for an access request, and erasing
//! it all, leaving only a receipt that says it was done.

pub mod erase;
pub mod files;

use std::collections::HashSet;

use chrono::NaiveDateTime;

use crate::domain::{Case, Receipt, StudentId};
use crate::store::{TreeName, keys};

/// Which stored records belong to one student, recognised from their keys alone (keys hold
/// ids only, so this needs the ids of the student's conversations and agreements).
#[derive(Clone, Debug)]
pub struct Footprint {
    student: StudentId,
    /// Ids a reminder mark may name: the student's, their conversations' and agreements'.
    subjects: HashSet<u64>,
}

impl Footprint {
    /// The footprint of `case`.
    pub fn of(case: &Case) -> Footprint {
        let mut subjects: HashSet<u64> = case.conversations.iter().map(|c| c.id.0).collect();
        subjects.extend(case.agreements.iter().map(|a| a.id.0));
        subjects.insert(case.id().0);
        Footprint {
            student: case.id(),
            subjects,
        }
    }

    /// The student.
    pub fn student(&self) -> StudentId {
        self.student
    }

    /// Whether the record under `key` in `tree` is this student's.
    pub fn owns(&self, tree: TreeName, key: &[u8]) -> bool {
        let me = Some(self.student);
        match tree {
            TreeName::Students | TreeName::Summaries | TreeName::DueKeys | TreeName::Facts => {
                key.len() == 8 && keys::owner(key) == me
            }
            TreeName::Conversations | TreeName::Agreements | TreeName::Events => {
                keys::owner(key) == me
            }
            TreeName::Due => keys::due_student(key) == me,
            TreeName::Marks => keys::mark_subject(key).is_some_and(|s| self.subjects.contains(&s)),
            // The address book and the receipts hold nothing of a student's; the register
            // names students in its values, not its keys (see `register::purge`).
            TreeName::Organisations | TreeName::Receipts | TreeName::Files => false,
        }
    }
}

/// A receipt for an erasure done now by `by`, under a random id.
pub fn receipt(now: NaiveDateTime, by: &crate::domain::Actor) -> Receipt {
    Receipt {
        id: random_id(),
        at: now,
        by: by.clone(),
        left: Vec::new(),
    }
}

/// Whether `typed` is the student's `name`, as asked before an erasure: case and runs of
/// spaces do not matter, every letter does.
pub fn same_name(typed: &str, name: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    !name.trim().is_empty() && norm(typed) == norm(name)
}

/// 32 hex digits from the operating system's randomness (via the standard library's
/// randomly seeded hasher), with the time mixed in.
pub fn random_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::with_capacity(32);
    for round in 0..2u8 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u8(round);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ConversationState;
    use crate::domain::case::tests_support::{case, conv, day};

    #[test]
    fn a_footprint_recognises_every_kind_of_key_of_its_student_only() {
        let mut c = case();
        c.conversations
            .push(conv(40, day(11, 27), ConversationState::Planned));
        let f = Footprint::of(&c);
        let me = c.id().0.to_be_bytes();
        let other = 99u64.to_be_bytes();
        assert!(f.owns(TreeName::Students, &me));
        assert!(!f.owns(TreeName::Students, &other));
        let mut owned = me.to_vec();
        owned.extend_from_slice(&7u64.to_be_bytes());
        assert!(f.owns(TreeName::Events, &owned));
        let mut due = vec![0u8; 5];
        due.extend_from_slice(&me);
        due.extend_from_slice(&40u64.to_be_bytes());
        assert!(f.owns(TreeName::Due, &due));
        let mut mark = vec![2u8];
        mark.extend_from_slice(&40u64.to_be_bytes());
        mark.extend_from_slice(&[0, 0, 0, 0]);
        assert!(f.owns(TreeName::Marks, &mark));
        mark[1..9].copy_from_slice(&41u64.to_be_bytes());
        assert!(!f.owns(TreeName::Marks, &mark));
        assert!(!f.owns(TreeName::Organisations, &me));
    }

    #[test]
    fn erasure_is_confirmed_by_the_full_name_in_any_case() {
        assert!(same_name("åse  ørum-hansen ", "Åse Ørum-Hansen"));
        assert!(!same_name("Åse", "Åse Ørum-Hansen"));
        assert!(!same_name("", ""));
    }

    #[test]
    fn receipts_get_different_random_ids_and_hold_no_student() {
        let now = day(11, 23).and_hms_opt(10, 0, 0).unwrap();
        let hanne = crate::domain::Actor::login_only("hanne");
        let a = receipt(now, &hanne);
        let b = receipt(now, &hanne);
        assert_ne!(a.id, b.id);
        assert_eq!(a.id.len(), 32);
        assert!(a.id.chars().all(|c| c.is_ascii_hexdigit()));
    }
}
