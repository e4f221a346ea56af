//! A minimal zip container: enough to bundle a brat collection for download and to read
//! the zips people make with their own tools.
//!
//! Writing stores every file uncompressed (method 0) with its CRC-32, UTF-8 names and a
//! fixed date (1980-01-01 00:00), so the same files always give the same bytes. There is
//! no ZIP64: the app writes article texts and their annotations, far below the format's
//! 4 GiB and 65 535-file limits.
//!
//! Reading goes through the central directory (found from the end record, which may be
//! followed by a comment), accepts stored and deflated files, checks every CRC-32, skips
//! folders and macOS `__MACOSX` litter, and refuses archives that say they unpack to
//! more than [`MAX_TOTAL`] bytes (zip bombs); inflating never goes past a file's stated
//! size. Offsets in a hostile file are all checked: a
//! damaged zip gives a [`ReadError`], never a crash.

use crate::model::formats::draft::ReadError;

/// CRC-32 (IEEE 802.3, as zip uses it), a byte at a time through a 1 KiB table: article
/// files are small, and a faster crate's tables would cost 16 KiB of the app's download.
fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut n = 0;
        while n < 256 {
            let mut crc = n as u32;
            let mut bit = 0;
            while bit < 8 {
                crc = if crc & 1 == 1 {
                    0xEDB8_8320 ^ (crc >> 1)
                } else {
                    crc >> 1
                };
                bit += 1;
            }
            table[n] = crc;
            n += 1;
        }
        table
    };
    !data.iter().fold(!0u32, |crc, &byte| {
        TABLE[((crc ^ u32::from(byte)) & 0xFF) as usize] ^ (crc >> 8)
    })
}

/// The most a zip may unpack to, in bytes, all files together.
pub const MAX_TOTAL: usize = 64 << 20;
/// The most one file in a zip may unpack to, in bytes.
pub const MAX_ENTRY: usize = 16 << 20;
/// The most files a zip may hold.
pub const MAX_FILES: usize = 10_000;

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_RECORD: u32 = 0x0605_4b50;
/// APPNOTE 4.4.4: bit 0 = encrypted, bit 11 = the name is UTF-8.
const FLAG_ENCRYPTED: u16 = 1;
const FLAG_UTF8: u16 = 1 << 11;
/// Version 2.0 of the format: what stored files, deflate and folders need.
const VERSION: u16 = 20;
/// 1980-01-01 in MS-DOS date format ((year - 1980) << 9 | month << 5 | day); the time is 00:00.
const DOS_DATE: u16 = (1 << 5) | 1;
const END_RECORD_LEN: usize = 22;

/// Packs `(name, bytes)` files into a zip, stored uncompressed, in the given order.
pub fn write(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len();
        let crc = crc32(data);
        // Both headers share these fields, from "version needed" to the name's length.
        let mut common = Vec::with_capacity(26);
        push16(&mut common, VERSION);
        push16(&mut common, FLAG_UTF8);
        push16(&mut common, 0); // stored
        push16(&mut common, 0); // 00:00
        push16(&mut common, DOS_DATE);
        push32(&mut common, crc);
        push32(&mut common, size32(data.len()));
        push32(&mut common, size32(data.len()));
        push16(&mut common, size16(name.len()));
        push16(&mut common, 0); // extra field length

        push32(&mut out, LOCAL_HEADER);
        out.extend_from_slice(&common);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        push32(&mut central, CENTRAL_HEADER);
        push16(&mut central, VERSION); // made by: MS-DOS attributes, version 2.0
        central.extend_from_slice(&common);
        push16(&mut central, 0); // comment length
        push16(&mut central, 0); // disk number
        push16(&mut central, 0); // internal attributes
        push32(&mut central, 0); // external attributes
        push32(&mut central, size32(offset));
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len();
    out.extend_from_slice(&central);
    push32(&mut out, END_RECORD);
    push16(&mut out, 0); // this disk
    push16(&mut out, 0); // the disk with the central directory
    push16(&mut out, size16(entries.len()));
    push16(&mut out, size16(entries.len()));
    push32(&mut out, size32(central.len()));
    push32(&mut out, size32(central_offset));
    push16(&mut out, 0); // comment length
    out
}

fn push16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn push32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

// Sizes past the format's limits cannot occur for the files the app writes (see the
// module comment); saturating keeps the conversion total.
fn size16(value: usize) -> u16 {
    u16::try_from(value).unwrap_or(u16::MAX)
}

fn size32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// Unpacks a zip into its files, as `(path inside the zip, bytes)` in the order of its
/// central directory; folders are left out.
pub fn read(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, ReadError> {
    let end = find_end_record(bytes)
        .ok_or_else(|| damaged("it has no zip directory at its end (not a zip, or cut short)"))?;
    let count = usize::from(le16(bytes, end + 10).unwrap_or(0));
    let central_size = le32(bytes, end + 12).unwrap_or(0);
    let central_offset = le32(bytes, end + 16).unwrap_or(0);
    if count == usize::from(u16::MAX) || central_offset == u32::MAX || central_size == u32::MAX {
        return Err(ReadError::new(
            "",
            "the zip uses the ZIP64 extension, which this app cannot read; re-zip the files",
        ));
    }
    if count > MAX_FILES {
        return Err(ReadError::new(
            "",
            format!("the zip holds {count} files; this app reads at most {MAX_FILES}"),
        ));
    }
    let mut at = to_usize(central_offset);
    let mut files = Vec::new();
    let mut total = 0usize;
    for _ in 0..count {
        let header = |offset: usize| le32(bytes, at.saturating_add(offset));
        let half = |offset: usize| le16(bytes, at.saturating_add(offset));
        if header(0) != Some(CENTRAL_HEADER) {
            return Err(damaged("its directory is damaged"));
        }
        let (Some(flags), Some(method), Some(crc), Some(packed), Some(size)) =
            (half(8), half(10), header(16), header(20), header(24))
        else {
            return Err(damaged("its directory is cut short"));
        };
        let (Some(name_len), Some(extra_len), Some(comment_len), Some(local)) =
            (half(28), half(30), half(32), header(42))
        else {
            return Err(damaged("its directory is cut short"));
        };
        let name_start = at.saturating_add(46);
        let name_end = name_start.saturating_add(usize::from(name_len));
        let name_bytes = bytes
            .get(name_start..name_end)
            .ok_or_else(|| damaged("its directory is cut short"))?;
        // Names are UTF-8 when flag 11 says so; older tools write their code page, which
        // only matters here for matching file stems, so a lossy decoding is enough.
        let name = String::from_utf8_lossy(name_bytes).into_owned();
        at = name_end.saturating_add(usize::from(extra_len) + usize::from(comment_len));

        if name.ends_with('/') || name.ends_with('\\') || is_litter(&name) {
            continue;
        }
        if flags & FLAG_ENCRYPTED != 0 || method == 99 {
            return Err(entry_error(
                &name,
                "is encrypted; zip it again without a password",
            ));
        }
        let size = to_usize(size);
        if size > MAX_ENTRY || total.saturating_add(size) > MAX_TOTAL {
            return Err(too_big(&name));
        }
        let data = entry_data(bytes, to_usize(local), to_usize(packed))
            .ok_or_else(|| entry_error(&name, "is cut short or damaged"))?;
        let content = match method {
            0 => data.to_vec(),
            8 if size == 0 => Vec::new(),
            // Inflating stops at the stated size, so a lying header cannot make it grow.
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, size)
                .map_err(|_| entry_error(&name, "is damaged (its compressed data is invalid)"))?,
            other => {
                return Err(entry_error(
                    &name,
                    &format!(
                        "uses compression method {other}{}, which this app cannot read; re-zip with deflate",
                        method_name(other)
                    ),
                ))
            }
        };
        if content.len() != size || crc32(&content) != crc {
            return Err(entry_error(
                &name,
                "is damaged (its checksum does not match)",
            ));
        }
        total += content.len();
        files.push((name, content));
    }
    Ok(files)
}

/// The bytes of one file, found through its local header (whose name and extra field may
/// differ in length from the central directory's).
fn entry_data(bytes: &[u8], local: usize, packed: usize) -> Option<&[u8]> {
    if le32(bytes, local)? != LOCAL_HEADER {
        return None;
    }
    let name_len = usize::from(le16(bytes, local + 26)?);
    let extra_len = usize::from(le16(bytes, local + 28)?);
    let start = local.checked_add(30 + name_len + extra_len)?;
    bytes.get(start..start.checked_add(packed)?)
}

/// The offset of the end-of-central-directory record: the last one whose comment fits
/// in the file, searching back over at most a maximal comment.
fn find_end_record(bytes: &[u8]) -> Option<usize> {
    let last = bytes.len().checked_sub(END_RECORD_LEN)?;
    let first = last.saturating_sub(usize::from(u16::MAX));
    (first..=last).rev().find(|&at| {
        le32(bytes, at) == Some(END_RECORD)
            && le16(bytes, at + 20).is_some_and(|comment| {
                (at + END_RECORD_LEN).saturating_add(usize::from(comment)) <= bytes.len()
            })
    })
}

/// Files that archivers on macOS add beside the real ones (resource forks).
fn is_litter(name: &str) -> bool {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    name.starts_with("__MACOSX/") || base.starts_with("._")
}

fn method_name(method: u16) -> &'static str {
    match method {
        1 => " (Shrink)",
        6 => " (Implode)",
        9 => " (Deflate64)",
        12 => " (BZIP2)",
        14 => " (LZMA)",
        93 => " (Zstandard)",
        95 => " (XZ)",
        98 => " (PPMd)",
        _ => "",
    }
}

fn damaged(why: &str) -> ReadError {
    ReadError::new("", format!("the file is not a readable zip: {why}"))
}

fn entry_error(name: &str, why: &str) -> ReadError {
    ReadError::new("", format!("the zip's entry “{name}” {why}"))
}

fn too_big(name: &str) -> ReadError {
    entry_error(
        name,
        &format!(
            "unpacks to too much data (this app reads at most {} MiB per file, {} MiB in all)",
            MAX_ENTRY >> 20,
            MAX_TOTAL >> 20
        ),
    )
}

fn to_usize(value: u32) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
}

fn le16(bytes: &[u8], at: usize) -> Option<u16> {
    let field = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([*field.first()?, *field.get(1)?]))
}

fn le32(bytes: &[u8], at: usize) -> Option<u32> {
    let field = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes(field.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    #[test]
    fn crc32_matches_the_standard_check_values() {
        assert_eq!(super::crc32(b""), 0);
        assert_eq!(super::crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(super::crc32("ب 👍".as_bytes()), 0xBAB4_8377);
    }
}
