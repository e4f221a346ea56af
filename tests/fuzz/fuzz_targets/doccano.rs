//! Arbitrary text into the doccano importer, and whatever it reads into the review.
#![no_main]

use annotator_formats::doccano;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(drafts) = doccano::import(input) {
        annotator_fuzz_review(&drafts);
    }
});

include!("review.rs");
