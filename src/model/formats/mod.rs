//! One adapter per file format.

pub mod native;
