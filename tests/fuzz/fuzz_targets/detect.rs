//! Arbitrary bytes as a picked file: recognition, then the recognised importer.
#![no_main]

use annotator::model::formats::InFile;
use annotator_formats::read;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let file = InFile {
        name: "input.json".to_owned(),
        bytes: input.to_vec(),
    };
    if let Ok((_, drafts)) = read(&[file]) {
        annotator_fuzz_review(&drafts);
    }
});

include!("review.rs");
