//! Article Annotator: tag claims, quotes and sources in news articles and export them with
//! exact code-point offsets.

pub mod app;
pub mod components;
pub mod keymap;
pub mod model;
pub mod state;
pub mod storage;
pub mod web;
