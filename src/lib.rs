//! Fokus: following up SOSU students who need special focus.

pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod crypto;
pub mod demo;
pub mod domain;
pub mod export;
pub mod files;
pub mod i18n;
pub mod import;
pub mod keymap;
pub mod ops;
pub mod platform;
pub mod privacy;
pub mod runner;
pub mod serve;
pub mod stats;
pub mod store;
pub mod team;
pub mod tui;
pub mod ui;
