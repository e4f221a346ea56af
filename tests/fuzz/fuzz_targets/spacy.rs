//! Arbitrary text into the spacy importer, and whatever it reads into the review.
#![no_main]

use annotator_formats::spacy;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(drafts) = spacy::import(input) {
        annotator_fuzz_review(&drafts);
    }
});

include!("review.rs");
