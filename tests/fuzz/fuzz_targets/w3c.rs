//! Arbitrary text into the w3c importer, and whatever it reads into the review.
#![no_main]

use annotator_formats::w3c;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(drafts) = w3c::import(input) {
        annotator_fuzz_review(&drafts);
    }
});

include!("review.rs");
