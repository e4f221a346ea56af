//! Inter-annotator agreement: how far several annotators' spans of the same articles
//! agree, by the measures fact-check datasets publish. Pure and in the worker's crate, so a
//! whole set's table is computed off the main thread.
//!
//! - `spans`: pairwise span F1, exact and overlapping (`bratiaa`'s instance F1 for exact);
//! - `coding`: Krippendorff's α (four levels), Cohen's κ and Fleiss' κ on coded units
//!   (token-level agreement codes each word "inside a span of this label or not");
//! - `unitizing`: Krippendorff's α_U on code-point offsets (DKPro Statistics', INCEpTION's);
//! - `report`: all of them for a whole study, overall, per label, pair and article;
//! - `gather`: several annotators' versions of the same articles, matched by text.
//!
//! docs/agreement.md states each definition; tests/agreement.rs checks the published
//! examples and, on generated data, Python's reference implementations.

pub mod coding;
pub mod gather;
pub mod report;
pub mod spans;
pub mod unitizing;
