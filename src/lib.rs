//! Fokus: following up SOSU students who need special focus.

pub mod domain;
pub mod store;
