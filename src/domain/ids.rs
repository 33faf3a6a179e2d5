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
