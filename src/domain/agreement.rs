//! Written agreements (skriftlige aftaler) made at conversations.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{AgreementId, ConversationId, StudentId};

/// Who is responsible for keeping an agreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgreementOwner {
    Student,
    Workplace,
    School,
    EmployingAuthority,
}

impl AgreementOwner {
    /// Every owner, in the order the user cycles through them.
    pub const ALL: [AgreementOwner; 4] = [
        AgreementOwner::Student,
        AgreementOwner::Workplace,
        AgreementOwner::School,
        AgreementOwner::EmployingAuthority,
    ];
}

/// Whether an agreement was kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgreementStatus {
    Open,
    Met,
    NotMet,
}

impl AgreementStatus {
    /// Every status, in the order the user cycles through them.
    pub const ALL: [AgreementStatus; 3] = [
        AgreementStatus::Open,
        AgreementStatus::Met,
        AgreementStatus::NotMet,
    ];
}

/// One written agreement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub id: AgreementId,
    pub student: StudentId,
    pub text: String,
    /// The party responsible for keeping it.
    pub owner: AgreementOwner,
    /// The person responsible, when a named person is (the mentor, "Bente Lund"); empty
    /// when the party as a whole is.
    pub owner_name: String,
    pub due: Option<NaiveDate>,
    pub status: AgreementStatus,
    /// The conversation at which it was made.
    pub made_in: ConversationId,
    /// The conversation at which it was reviewed, once it has been.
    pub reviewed_in: Option<ConversationId>,
}
