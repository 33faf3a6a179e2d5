//! Fokus: following up SOSU students who need special focus.

pub mod app;
pub mod domain;
pub mod keymap;
pub mod store;
