//! Article Annotator: tag claims, quotes and sources in news articles and export them with
//! exact code-point offsets.
//!
//! This crate is the app: the Yew shell, its components and the browser glue. The model
//! and the reducer are `annotator-core` (re-exported here as `model`, `state` and
//! `storage`); every format but the native one is `annotator-formats`, which runs in the
//! worker (`src/worker`) and is not linked into the app.

pub mod app;
pub mod components;
pub mod keymap;
pub mod web;

pub use annotator_core::{agreement, model, state, storage, team};
