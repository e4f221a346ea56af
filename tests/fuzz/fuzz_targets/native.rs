//! Arbitrary text into the native importer, and whatever it reads into the review.
#![no_main]

use annotator::model::formats::native;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(drafts) = native::import(input) {
        annotator_fuzz_review(&drafts);
    }
});

include!("review.rs");
