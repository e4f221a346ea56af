//! The pure annotation model: text, offsets, spans, segments and formats.
//! Nothing here knows about the browser or the UI.

pub mod annotations;
pub mod document;
pub mod formats;
pub mod intake;
pub mod label;
pub mod offsets;
pub mod sample;
pub mod segments;
pub mod span;
pub mod text;
