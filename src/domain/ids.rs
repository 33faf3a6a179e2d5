//! Opaque record ids. Storage keys are built from these, never from names.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub struct $name(pub u64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// Identifies a student.
    StudentId
);
id_type!(
    /// Identifies a conversation (samtale).
    ConversationId
);
id_type!(
    /// Identifies a written agreement (aftale).
    AgreementId
);
id_type!(
    /// Identifies a timeline event.
    EventId
);
id_type!(
    /// Identifies an organisation in the address book.
    OrgId
);

/// Ids taken from the database before they are needed, so that the code handing them out
/// (`update`, while the user works) holds no database handle. Drawing from an empty
/// reserve gives 0 and is remembered: whatever was made with it must not be written
/// (see [`ReservedIds::ran_out`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReservedIds {
    /// Unused ids, the next one first.
    ids: std::collections::VecDeque<u64>,
    ran_out: bool,
}

impl ReservedIds {
    /// How many ids are left.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Adds fresh ids to the reserve; none of them may have been handed out before.
    pub fn extend(&mut self, fresh: impl IntoIterator<Item = u64>) {
        self.ids.extend(fresh);
    }

    /// Whether an id was asked for when none was left since the last call, and forgets it.
    pub fn ran_out(&mut self) -> bool {
        std::mem::take(&mut self.ran_out)
    }
}

impl super::IdSource for ReservedIds {
    fn next_id(&mut self) -> u64 {
        self.ids.pop_front().unwrap_or_else(|| {
            self.ran_out = true;
            0
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::IdSource;

    #[test]
    fn reserved_ids_come_in_order_and_running_out_is_reported_once() {
        let mut ids = ReservedIds::default();
        ids.extend([7, 8]);
        assert_eq!((ids.next_id(), ids.next_id()), (7, 8));
        assert!(!ids.ran_out());
        assert_eq!(ids.next_id(), 0);
        assert!(ids.ran_out());
        assert!(!ids.ran_out());
    }
}
