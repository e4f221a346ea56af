//! Arbitrary bytes split into an .ann and a .txt (or taken as a zip) into the brat importer.
#![no_main]

use annotator_formats::brat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let (first, rest) = input.split_at(input.len() / 3);
    let pair = [
        ("a.txt".to_owned(), first.to_vec()),
        ("a.ann".to_owned(), rest.to_vec()),
    ];
    if let Ok(drafts) = brat::import_files(&pair) {
        annotator_fuzz_review(&drafts);
    }
    if let Ok(drafts) = brat::import_files(&[("a.zip".to_owned(), input.to_vec())]) {
        annotator_fuzz_review(&drafts);
    }
});

include!("review.rs");
