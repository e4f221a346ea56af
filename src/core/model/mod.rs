//! The pure annotation model: text, offsets, spans, segments, history and the native format.
//! Nothing here knows about the browser or the UI.

pub mod annotations;
pub mod curation;
pub mod document;
pub mod formats;
pub mod history;
pub mod intake;
pub mod offsets;
pub mod project;
pub mod rich_text;
pub mod sample;
pub mod schema;
pub mod schema_builder;
pub mod search;
pub mod segments;
pub mod span;
pub mod suggestion;
pub mod sync;
pub mod text;
pub mod web_page;
pub mod words;
