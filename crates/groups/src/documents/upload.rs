//! Reading an upload form (`multipart/form-data`, as a browser sends it without JavaScript, or
//! an API client): the text fields and one file, with the size limit enforced while the bytes
//! stream in. A file over the limit is not kept: its remaining bytes are read and dropped (up
//! to a bound, so the form's other fields still arrive and every error can be shown at once),
//! and the form answers 422 with every problem.

use actix_multipart::Multipart;
use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use prassi_core::error::{AppError, AppResult};

/// The largest text field read, in bytes (a description of 20,000 characters fits).
const MAX_TEXT_FIELD: usize = 128 * 1024;
/// The most parts read from one form.
const MAX_PARTS: usize = 16;
/// How much past the limit is read (and dropped) to reach the fields after an oversized file.
const DRAIN_SLACK: u64 = 4 * 1024 * 1024;

/// What an upload form carried.
#[derive(Debug, Default)]
pub struct UploadForm {
    pub title: String,
    pub description_md: String,
    pub folder: String,
    /// The file part, if one with a name and some bytes arrived.
    pub file: Option<UploadedFile>,
    /// The file was larger than the limit (its bytes were dropped).
    pub too_large: bool,
    /// The body could not be read as a form.
    pub malformed: bool,
}

/// The file of an upload form.
#[derive(Debug, Clone)]
pub struct UploadedFile {
    /// The name the client gave, as sent (cleaned later).
    pub name: String,
    pub bytes: Bytes,
}

/// Reads the form, keeping at most `max_bytes` of file.
pub async fn read_form(mut payload: Multipart, max_bytes: u64) -> UploadForm {
    let mut form = UploadForm::default();
    let mut parts = 0;
    let mut total: u64 = 0;
    while let Some(field) = payload.next().await {
        let Ok(mut field) = field else {
            form.malformed = true;
            break;
        };
        parts += 1;
        if parts > MAX_PARTS {
            form.malformed = true;
            break;
        }
        let name = field.name().unwrap_or("").to_owned();
        let file_name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(str::to_owned);
        let is_file = name == "file";
        let limit = if is_file {
            max_bytes
        } else {
            MAX_TEXT_FIELD as u64
        };
        let mut buf = BytesMut::new();
        let mut over = false;
        while let Some(chunk) = field.next().await {
            let Ok(chunk) = chunk else {
                form.malformed = true;
                return form;
            };
            total = total.saturating_add(chunk.len() as u64);
            if total > max_bytes.saturating_add(DRAIN_SLACK) {
                // Far past the limit: stop reading; what arrived so far is all we answer on.
                if is_file {
                    form.too_large = true;
                } else {
                    form.malformed = true;
                }
                return form;
            }
            if over {
                continue;
            }
            if (buf.len() + chunk.len()) as u64 > limit {
                over = true;
                buf.clear();
                continue;
            }
            buf.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "file" => {
                if over {
                    form.too_large = true;
                } else if let Some(n) = file_name {
                    if !(n.is_empty() && buf.is_empty()) {
                        form.file = Some(UploadedFile {
                            name: n,
                            bytes: buf.freeze(),
                        });
                    }
                }
            }
            "title" | "description_md" | "folder" => {
                let text = if over {
                    form.malformed = true;
                    String::new()
                } else {
                    String::from_utf8_lossy(&buf).into_owned()
                };
                match name.as_str() {
                    "title" => form.title = text,
                    "description_md" => form.description_md = text,
                    _ => form.folder = text,
                }
            }
            // The CSRF token (checked by the middleware) and anything else: ignored.
            _ => {}
        }
    }
    form
}

/// The errors of the transport itself, as a form error on the `file` field.
pub fn transport_errors(form: &UploadForm, checks: &mut prassi_core::input::Checks) {
    if form.too_large {
        checks.fail("file", "documents-file-too-large");
    } else if form.malformed {
        checks.fail("file", "documents-upload-malformed");
    }
}

/// A bad request body as an error (for callers with no form to show).
pub fn malformed() -> AppError {
    AppError::invalid("file", "documents-upload-malformed")
}

/// Result alias.
pub type Upload = AppResult<UploadForm>;
