//! What is left when a student's data is erased: that it was done, when and by whom, under
//! a random id, and which files the erasure could not remove — nothing else about the
//! student.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// A deletion receipt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// A random id, to refer to the erasure by (e.g. in a reply to the student).
    pub id: String,
    pub at: NaiveDateTime,
    /// Who erased.
    pub by: super::actor::Actor,
    /// The files that may still hold the student's data because the erasure could not
    /// remove them (changed, moved, not empty …), for the user to deal with.
    pub left: Vec<super::written::LeftFile>,
}
