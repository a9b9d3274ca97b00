//! verbatim: a terminal reader for political transcripts.
//!
//! Layers, each depending only on those above it: [`model`] (plain data),
//! [`people`] and [`parse`] (text to model), [`corpus`] (files, folders,
//! JSON), [`check`] (the parser's own report).

pub mod app;
pub mod bookmarks;
pub mod cache;
pub mod check;
pub mod cite;
pub mod config;
pub mod corpus;
pub mod model;
pub mod parallel;
pub mod parse;
pub mod people;
pub mod platform;
pub mod record;
pub mod search;
pub mod sync;
pub mod text;
pub mod typo;
pub mod ui;
pub mod user_files;
