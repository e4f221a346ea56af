//! The minimal zip container used by the brat export and import.

use annotator_formats::zip;

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats/foreign")
        .join(name);
    std::fs::read(path).expect("fixture")
}

fn sample_entries() -> Vec<(String, Vec<u8>)> {
    vec![
        (
            "news/Zoë Müller 🌍.txt".to_owned(),
            "Zoë said 🌍.\n".as_bytes().to_vec(),
        ),
        ("empty.ann".to_owned(), Vec::new()),
        (
            "binary.bin".to_owned(),
            (0..=255u8).cycle().take(3000).collect(),
        ),
    ]
}

/// Little-endian field writers for hand-made zips.
fn le16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn le32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// A one-file zip with any method, flags, sizes and data, as other tools could write it.
fn hand_made(name: &str, method: u16, flags: u16, data: &[u8], size: u32, crc: u32) -> Vec<u8> {
    let mut out = Vec::new();
    le32(&mut out, 0x0403_4b50);
    for value in [20, flags, method, 0, 0x21] {
        le16(&mut out, value);
    }
    le32(&mut out, crc);
    le32(&mut out, data.len() as u32);
    le32(&mut out, size);
    le16(&mut out, name.len() as u16);
    le16(&mut out, 0);
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(data);
    let central = out.len();
    le32(&mut out, 0x0201_4b50);
    for value in [20, 20, flags, method, 0, 0x21] {
        le16(&mut out, value);
    }
    le32(&mut out, crc);
    le32(&mut out, data.len() as u32);
    le32(&mut out, size);
    le16(&mut out, name.len() as u16);
    for value in [0, 0, 0, 0] {
        le16(&mut out, value);
    }
    le32(&mut out, 0);
    le32(&mut out, 0);
    out.extend_from_slice(name.as_bytes());
    let central_size = out.len() - central;
    le32(&mut out, 0x0605_4b50);
    for value in [0, 0, 1, 1] {
        le16(&mut out, value);
    }
    le32(&mut out, central_size as u32);
    le32(&mut out, central as u32);
    le16(&mut out, 0);
    out
}

#[test]
fn a_written_zip_reads_back_with_the_same_files_in_order() {
    let entries = sample_entries();
    let bytes = zip::write(&entries);
    assert_eq!(zip::read(&bytes).unwrap(), entries);
}

#[test]
fn writing_the_same_files_twice_gives_the_same_bytes() {
    assert_eq!(zip::write(&sample_entries()), zip::write(&sample_entries()));
}

#[test]
fn an_empty_zip_is_valid_and_reads_back_empty() {
    let bytes = zip::write(&[]);
    assert_eq!(bytes.len(), 22);
    assert!(zip::read(&bytes).unwrap().is_empty());
}

#[test]
fn a_zip_made_by_pythons_zipfile_with_deflate_and_a_comment_is_read() {
    let files = zip::read(&fixture("brat-news-python.zip")).unwrap();
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    // The folder entry and the macOS resource fork are left out.
    assert_eq!(
        names,
        [
            "news/doc1.txt",
            "news/doc1.ann",
            "news/empty.txt",
            "news/annotation.conf",
            "news/visual.conf"
        ]
    );
    assert_eq!(files[0].1, fixture("brat-news.txt"));
    assert_eq!(files[1].1, fixture("brat-news.ann"));
    assert!(files[2].1.is_empty());
}

#[test]
fn a_zip_made_by_info_zip_is_read() {
    let files = zip::read(&fixture("brat-news-infozip.zip")).unwrap();
    let doc = files
        .iter()
        .find(|(name, _)| name == "news/doc1.ann")
        .unwrap();
    assert_eq!(doc.1, fixture("brat-news.ann"));
    assert_eq!(files.len(), 4);
}

#[test]
fn every_truncation_of_a_zip_is_an_error_not_a_crash() {
    let bytes = zip::write(&sample_entries());
    for length in 0..bytes.len() {
        assert!(
            zip::read(&bytes[..length]).is_err(),
            "a zip cut to {length} bytes was read"
        );
    }
    let python = fixture("brat-news-python.zip");
    for length in 0..python.len() {
        let _ = zip::read(&python[..length]);
    }
}

#[test]
fn damaged_bytes_anywhere_never_crash_the_reader() {
    for original in [
        zip::write(&sample_entries()),
        fixture("brat-news-python.zip"),
    ] {
        for at in 0..original.len() {
            for value in [0x00, 0xff, original[at] ^ 0x5a] {
                let mut bytes = original.clone();
                bytes[at] = value;
                let _ = zip::read(&bytes);
            }
        }
    }
}

#[test]
fn a_changed_byte_of_content_fails_the_checksum() {
    let entries = vec![("a.txt".to_owned(), b"hello world".to_vec())];
    let mut bytes = zip::write(&entries);
    let at = bytes.windows(5).position(|w| w == b"hello").unwrap();
    bytes[at] = b'j';
    let error = zip::read(&bytes).unwrap_err();
    assert_eq!(
        error.message,
        "the zip's entry “a.txt” is damaged (its checksum does not match)"
    );
}

#[test]
fn not_a_zip_says_so() {
    let error = zip::read(b"T1\tClaim 0 5\thello\n").unwrap_err();
    assert!(error.message.contains("not a readable zip"), "{error}");
}

#[test]
fn an_encrypted_entry_is_refused_with_its_name() {
    let bytes = hand_made("x.ann", 0, 1, b"secret", 6, 0);
    assert_eq!(
        zip::read(&bytes).unwrap_err().message,
        "the zip's entry “x.ann” is encrypted; zip it again without a password"
    );
}

#[test]
fn an_lzma_entry_is_refused_with_advice() {
    let bytes = hand_made("x.ann", 14, 0, b"whatever", 8, 0);
    assert_eq!(
        zip::read(&bytes).unwrap_err().message,
        "the zip's entry “x.ann” uses compression method 14 (LZMA), which this app cannot read; re-zip with deflate"
    );
}

#[test]
fn a_zip_bomb_is_refused_by_its_stated_size() {
    let big = vec![0u8; zip::MAX_ENTRY + 1];
    let packed = miniz_oxide::deflate::compress_to_vec(&big, 6);
    let bytes = hand_made(
        "bomb.txt",
        8,
        0,
        &packed,
        big.len() as u32,
        crc32fast::hash(&big),
    );
    let error = zip::read(&bytes).unwrap_err();
    assert!(
        error.message.contains("unpacks to too much data"),
        "{error}"
    );
}

#[test]
fn a_bomb_that_lies_about_its_size_is_not_inflated_past_it() {
    let big = vec![0u8; zip::MAX_ENTRY + 1];
    let packed = miniz_oxide::deflate::compress_to_vec(&big, 6);
    let bytes = hand_made("bomb.txt", 8, 0, &packed, 100, 0);
    let error = zip::read(&bytes).unwrap_err();
    assert!(error.message.contains("is damaged"), "{error}");
}

#[test]
fn many_files_adding_up_past_the_total_limit_are_refused() {
    let chunk = vec![b'a'; zip::MAX_ENTRY];
    let entries: Vec<(String, Vec<u8>)> = (0..=(zip::MAX_TOTAL / zip::MAX_ENTRY))
        .map(|index| (format!("{index}.txt"), chunk.clone()))
        .collect();
    let error = zip::read(&zip::write(&entries)).unwrap_err();
    assert!(error.message.contains("too much data"), "{error}");
}

#[test]
fn a_deflated_entry_of_exactly_its_stated_size_is_read() {
    let text = "Zoë said 🌍 fell.\n".repeat(500).into_bytes();
    let packed = miniz_oxide::deflate::compress_to_vec(&text, 9);
    let bytes = hand_made(
        "a.txt",
        8,
        0,
        &packed,
        text.len() as u32,
        crc32fast::hash(&text),
    );
    assert_eq!(zip::read(&bytes).unwrap(), vec![("a.txt".to_owned(), text)]);
}
