//! What a group may deposit, decided by the bytes and never by the name or the type a browser
//! claims: PDF, OpenDocument (odt, ods, odp: a zip whose first entry `mimetype` names the
//! type), Office Open XML (docx, xlsx, pptx: a zip with `[Content_Types].xml` and the part of
//! its kind; macro-enabled files refused), PNG, JPEG, GIF and WebP images, and CSV or plain
//! text (valid UTF-8 without NUL, only with a `.csv` or `.txt` name). HTML and SVG (and any
//! other markup posing as text) are refused whatever they are called.
//!
//! The content decides the stored type: a PDF named `report.txt` is stored as
//! `application/pdf` under the name `report.pdf`, since the name is only a label and a
//! download must open in the program its bytes belong to.
//!
//! Names are cleaned here too ([`clean_file_name`]): no folders, no control or direction
//! characters, no leading dots, at most [`MAX_NAME_CHARS`] characters.

/// One allowed type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// The `Content-Type` stored and served.
    pub content_type: &'static str,
    /// The file name extensions of the type, the usual one first.
    pub extensions: &'static [&'static str],
    /// A short label for lists (`PDF`, `ODT`, …).
    pub label: &'static str,
}

macro_rules! kind {
    ($name:ident, $ct:expr, [$($ext:expr),+], $label:expr) => {
        pub const $name: Kind = Kind { content_type: $ct, extensions: &[$($ext),+], label: $label };
    };
}

kind!(PDF, "application/pdf", ["pdf"], "PDF");
kind!(
    ODT,
    "application/vnd.oasis.opendocument.text",
    ["odt"],
    "ODT"
);
kind!(
    ODS,
    "application/vnd.oasis.opendocument.spreadsheet",
    ["ods"],
    "ODS"
);
kind!(
    ODP,
    "application/vnd.oasis.opendocument.presentation",
    ["odp"],
    "ODP"
);
kind!(
    DOCX,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ["docx"],
    "DOCX"
);
kind!(
    XLSX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ["xlsx"],
    "XLSX"
);
kind!(
    PPTX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ["pptx"],
    "PPTX"
);
kind!(PNG, "image/png", ["png"], "PNG");
kind!(JPEG, "image/jpeg", ["jpg", "jpeg"], "JPEG");
kind!(GIF, "image/gif", ["gif"], "GIF");
kind!(WEBP, "image/webp", ["webp"], "WebP");
kind!(CSV, "text/csv; charset=utf-8", ["csv"], "CSV");
kind!(TEXT, "text/plain; charset=utf-8", ["txt"], "TXT");

/// Every allowed type.
pub const ALLOWED: &[Kind] = &[
    PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG, JPEG, GIF, WEBP, CSV, TEXT,
];

/// The longest file name kept, in characters (extension included).
pub const MAX_NAME_CHARS: usize = 120;

/// The type of `bytes` named `file_name` (already cleaned), or the message key saying why it
/// is refused.
pub fn detect(bytes: &[u8], file_name: &str) -> Result<Kind, &'static str> {
    if bytes.is_empty() {
        return Err("documents-file-empty");
    }
    if bytes.starts_with(b"%PDF-") {
        return Ok(PDF);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(PNG);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(JPEG);
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Ok(GIF);
    }
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Ok(WEBP);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return zip_kind(bytes);
    }
    if looks_like_markup(bytes) {
        return Err("documents-type-markup");
    }
    let ext = extension(file_name).map(|e| e.to_ascii_lowercase());
    let kind = match ext.as_deref() {
        Some("csv") => CSV,
        Some("txt") => TEXT,
        _ => return Err("documents-type-not-allowed"),
    };
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if text.contains(&0) || std::str::from_utf8(text).is_err() {
        return Err("documents-type-text-invalid");
    }
    Ok(kind)
}

/// HTML, SVG, XML and other markup at the start of a file (after a byte-order mark and white
/// space), in any letter case: refused even when named `.txt` or `.pdf`.
fn looks_like_markup(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let head: Vec<u8> = text[start..]
        .iter()
        .take(64)
        .map(u8::to_ascii_lowercase)
        .collect();
    if !head.starts_with(b"<") {
        // UTF-16 markup (`<` followed by NUL) is refused as text anyway (NUL bytes).
        return false;
    }
    [
        &b"<!doctype"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<svg",
        b"<?xml",
        b"<script",
        b"<!--",
        b"<iframe",
        b"<meta",
        b"<style",
        b"<a ",
        b"<div",
        b"<p>",
        b"<img",
        b"<title",
        b"<object",
        b"<embed",
    ]
    .iter()
    .any(|tag| head.starts_with(tag))
}

fn le16(b: &[u8], at: usize) -> Option<usize> {
    b.get(at..at + 2)
        .map(|s| usize::from(u16::from_le_bytes([s[0], s[1]])))
}

fn le32(b: &[u8], at: usize) -> Option<usize> {
    b.get(at..at + 4)
        .and_then(|s| usize::try_from(u32::from_le_bytes([s[0], s[1], s[2], s[3]])).ok())
}

/// ODF or OOXML, by the zip's entries; any other zip is refused.
fn zip_kind(bytes: &[u8]) -> Result<Kind, &'static str> {
    // OpenDocument: the first entry is `mimetype`, stored uncompressed, holding the type.
    if bytes.get(30..38) == Some(b"mimetype") && le16(bytes, 8) == Some(0) {
        let size = le32(bytes, 18).ok_or("documents-type-not-allowed")?;
        let start = 30 + le16(bytes, 26).unwrap_or(0) + le16(bytes, 28).unwrap_or(0);
        let value = bytes
            .get(start..start.saturating_add(size))
            .ok_or("documents-type-not-allowed")?;
        return [ODT, ODS, ODP]
            .into_iter()
            .find(|k| k.content_type.as_bytes() == value)
            .ok_or("documents-type-not-allowed");
    }
    let names = zip_entry_names(bytes).ok_or("documents-type-not-allowed")?;
    let has = |n: &str| names.iter().any(|e| e == n);
    if !has("[Content_Types].xml") {
        return Err("documents-type-not-allowed");
    }
    if names
        .iter()
        .any(|n| n.to_ascii_lowercase().ends_with("vbaproject.bin"))
    {
        return Err("documents-type-macros");
    }
    if has("word/document.xml") {
        Ok(DOCX)
    } else if has("xl/workbook.xml") {
        Ok(XLSX)
    } else if has("ppt/presentation.xml") {
        Ok(PPTX)
    } else {
        Err("documents-type-not-allowed")
    }
}

/// The entry names of a zip, read from its central directory; `None` if it is not a
/// well-formed zip.
fn zip_entry_names(bytes: &[u8]) -> Option<Vec<String>> {
    const EOCD: &[u8] = b"PK\x05\x06";
    // The end record is at most 22 + 65,535 (comment) bytes from the end.
    let window = bytes.len().saturating_sub(22 + 65_535);
    let eocd = (window..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes.get(i..i + 4) == Some(EOCD))?;
    let count = le16(bytes, eocd + 10)?;
    let mut at = le32(bytes, eocd + 16)?;
    let mut names = Vec::with_capacity(count.min(4096));
    for _ in 0..count.min(10_000) {
        if bytes.get(at..at + 4) != Some(b"PK\x01\x02") {
            return None;
        }
        let name_len = le16(bytes, at + 28)?;
        let extra_len = le16(bytes, at + 30)?;
        let comment_len = le16(bytes, at + 32)?;
        let name = bytes.get(at + 46..at + 46 + name_len)?;
        names.push(String::from_utf8_lossy(name).into_owned());
        at += 46 + name_len + extra_len + comment_len;
    }
    Some(names)
}

/// The extension of `name` (after the last dot), if it has one.
pub fn extension(name: &str) -> Option<&str> {
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then_some(ext)
}

/// A file name safe to store and offer: the last path component only (`../../etc/passwd`
/// becomes `passwd`, `C:\Users\x\a.pdf` becomes `a.pdf`), without control or text-direction
/// characters, without leading dots or surrounding spaces, at most [`MAX_NAME_CHARS`]
/// characters (the extension kept). `None` when nothing usable is left.
pub fn clean_file_name(raw: &str) -> Option<String> {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !is_direction_mark(*c))
        .map(|c| {
            if matches!(c, '"' | '<' | '>' | ':' | '|' | '?' | '*') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_owned();
    let cleaned = cleaned.trim_end_matches(['.', ' ']).to_owned();
    if cleaned.is_empty() {
        return None;
    }
    Some(shorten(&cleaned))
}

fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

fn shorten(name: &str) -> String {
    if name.chars().count() <= MAX_NAME_CHARS {
        return name.to_owned();
    }
    match extension(name).filter(|e| e.chars().count() <= 10) {
        Some(ext) => {
            let keep = MAX_NAME_CHARS - ext.chars().count() - 1;
            let stem: String = name.chars().take(keep).collect();
            format!("{}.{ext}", stem.trim_end())
        }
        None => name.chars().take(MAX_NAME_CHARS).collect(),
    }
}

/// `name` with the extension its content calls for: kept when it is one of the type's,
/// replaced when it is another short extension, added otherwise.
pub fn name_for(name: &str, kind: Kind) -> String {
    let want = kind.extensions[0];
    match extension(name) {
        Some(ext) if kind.extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)) => name.to_owned(),
        Some(ext) if ext.len() <= 5 && ext.chars().all(|c| c.is_ascii_alphanumeric()) => {
            let stem = &name[..name.len() - ext.len() - 1];
            shorten(&format!("{stem}.{want}"))
        }
        _ => shorten(&format!("{name}.{want}")),
    }
}

/// The `Content-Disposition` value for a download: always `attachment`, with an ASCII
/// fallback (`filename="…"`, other characters as `_`) and the exact name in UTF-8
/// (`filename*=UTF-8''…`, RFC 6266 and 8187).
pub fn attachment_header(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::with_capacity(name.len() * 3);
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_folders_controls_and_leading_dots() {
        assert_eq!(
            clean_file_name("../../etc/passwd").as_deref(),
            Some("passwd")
        );
        assert_eq!(
            clean_file_name("C:\\Users\\x\\a.pdf").as_deref(),
            Some("a.pdf")
        );
        assert_eq!(clean_file_name("..").as_deref(), None);
        assert_eq!(clean_file_name("/").as_deref(), None);
        assert_eq!(clean_file_name(".htaccess").as_deref(), Some("htaccess"));
        assert_eq!(
            clean_file_name("a\u{202E}fdp.exe\n").as_deref(),
            Some("afdp.exe")
        );
        let long = format!("{}.pdf", "x".repeat(300));
        let short = clean_file_name(&long).unwrap_or_default();
        assert_eq!(short.chars().count(), MAX_NAME_CHARS);
        assert!(short.ends_with(".pdf"));
    }

    #[test]
    fn the_content_decides_the_type_and_the_extension() {
        assert_eq!(detect(b"%PDF-1.7 x", "a.txt"), Ok(PDF));
        assert_eq!(name_for("a.txt", PDF), "a.pdf");
        assert_eq!(name_for("a", PDF), "a.pdf");
        assert_eq!(name_for("a.JPEG", JPEG), "a.JPEG");
        assert_eq!(
            detect(b"<!DOCTYPE html><p>", "a.pdf"),
            Err("documents-type-markup")
        );
        assert_eq!(
            detect(b"  <svg xmlns=", "a.txt"),
            Err("documents-type-markup")
        );
        assert_eq!(detect(b"a;b\n1;2\n", "a.csv"), Ok(CSV));
        assert_eq!(
            detect(b"a;b\n1;2\n", "a.exe"),
            Err("documents-type-not-allowed")
        );
        assert_eq!(detect(b"a\0b", "a.txt"), Err("documents-type-text-invalid"));
        assert_eq!(
            detect(b"\xff\xfe", "a.txt"),
            Err("documents-type-text-invalid")
        );
        assert_eq!(detect(b"", "a.txt"), Err("documents-file-empty"));
    }

    #[test]
    fn downloads_are_attachments_with_an_ascii_fallback() {
        assert_eq!(
            attachment_header("Relazione è \"finale\".pdf"),
            "attachment; filename=\"Relazione _ _finale_.pdf\"; filename*=UTF-8''Relazione%20%C3%A8%20%22finale%22.pdf"
        );
    }
}
