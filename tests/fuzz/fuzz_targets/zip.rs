//! Arbitrary bytes into the zip reader.
#![no_main]

use annotator_formats::zip;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let _ = zip::read(input);
});
