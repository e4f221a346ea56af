//! Arbitrary text into the label_studio importer, and whatever it reads into the review.
#![no_main]

use annotator_formats::label_studio;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(drafts) = label_studio::import(input) {
        annotator_fuzz_review(&drafts);
    }
});

include!("review.rs");
