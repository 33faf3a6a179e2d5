//! The application: state, the actions that change it, and the effects it asks for.

pub mod action;

pub use action::Action;
