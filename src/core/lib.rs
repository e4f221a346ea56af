//! The pure core of Article Annotator: the annotation model (text, code-point offsets, spans,
//! segments, history, the native format), the reducer that changes it, and the contract of
//! storage. Nothing here knows about the browser: its manifest has no web dependency.

pub mod agreement;
pub mod jobs;
pub mod model;
pub mod state;
pub mod storage;
pub mod team;
