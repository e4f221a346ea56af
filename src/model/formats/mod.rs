//! One adapter per file format. Exporters take `Work`s; importers give `Draft`s, which
//! `review` checks against the text and the schema before anything is imported.

pub mod brat;
pub mod claim_review;
pub mod conll;
pub mod csv;
pub mod doccano;
pub mod draft;
pub mod label_studio;
pub mod native;
pub mod spacy;
pub mod tokens;
pub mod w3c;
pub mod zip;
