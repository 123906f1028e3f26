//! The one place input files are read: a size cap, UTF-8 with the line of the first bad
//! byte, a byte order mark dropped, and I/O errors put into words.

use std::io::Read;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::i18n::Message;

/// The largest request, policy, profile or properties file: each is a few kilobytes of
/// hand-written TOML, so anything this large is the wrong file, read before it fills
/// memory.
pub const MAX_CONFIG_BYTES: u64 = 16 << 20;

/// A configuration file as UTF-8 text, refused beyond [`MAX_CONFIG_BYTES`].
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let too_large = Message::new("input-too-large").arg("limit", "16 MiB");
    read_text_within(path, MAX_CONFIG_BYTES, too_large)
}

/// A file as UTF-8 text without its byte order mark; `too_large` is the problem when it
/// holds more than `max_bytes`.
pub fn read_text_within(
    path: &Path,
    max_bytes: u64,
    too_large: Message,
) -> Result<String, Diagnostic> {
    text_of(read_bytes_within(path, max_bytes, too_large)?, path)
}

/// A configuration file's bytes, for a format that is not UTF-8 (a Java properties
/// file), refused beyond [`MAX_CONFIG_BYTES`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let too_large = Message::new("input-too-large").arg("limit", "16 MiB");
    read_bytes_within(path, MAX_CONFIG_BYTES, too_large)
}

fn read_bytes_within(
    path: &Path,
    max_bytes: u64,
    too_large: Message,
) -> Result<Vec<u8>, Diagnostic> {
    if path.is_dir() {
        return Err(Diagnostic::says(path, Message::new("input-is-folder")));
    }
    let file = std::fs::File::open(path).map_err(|e| cannot_read(path, &e))?;
    // One byte past the cap tells a file at the cap from a larger one, and a file that
    // grows while it is read is still cut off.
    let mut bytes = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| cannot_read(path, &e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(Diagnostic::says(path, too_large));
    }
    Ok(bytes)
}

/// `bytes` as UTF-8 text without a byte order mark; `path` names them in problems.
pub fn text_of(bytes: Vec<u8>, path: &Path) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(match text.strip_prefix(BOM) {
            Some(rest) => rest.to_string(),
            None => text,
        }),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..valid]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            Err(Diagnostic::says(path, Message::new("input-not-utf8")).at_line(line))
        }
    }
}

const BOM: char = '\u{feff}';

/// Text without the byte order mark some Windows editors write first, for text that did
/// not come through [`text_of`] (a git revision, a test).
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix(BOM).unwrap_or(text)
}

/// "cannot read: <reason>"; a common reason is put into words in every language, any
/// other is the operating system's own, inside a translated frame.
pub fn cannot_read(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::says(path, cannot_read_message(e))
}

/// The problem of [`cannot_read`] alone.
pub fn cannot_read_message(e: &std::io::Error) -> Message {
    let reason = match e.kind() {
        std::io::ErrorKind::NotFound => "not-found",
        std::io::ErrorKind::PermissionDenied => "permission-denied",
        _ => return Message::new("input-cannot-read-os").arg("reason", io_reason(e)),
    };
    Message::new("input-cannot-read").arg("reason", reason)
}

/// An I/O error's reason without the "(os error N)" noise.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_string(),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_dropped_once() {
        let bytes = "\u{feff}[topic]\n".as_bytes().to_vec();
        assert_eq!(
            text_of(bytes, Path::new("a.toml")).ok().as_deref(),
            Some("[topic]\n")
        );
        assert_eq!(without_bom("\u{feff}x"), "x");
        assert_eq!(without_bom("x\u{feff}"), "x\u{feff}");
    }

    #[test]
    fn invalid_utf8_names_its_line() {
        let bytes = b"a\nb\n\xff\n".to_vec();
        let problem = text_of(bytes, Path::new("a.toml")).err();
        assert_eq!(problem.and_then(|d| d.line), Some(3));
    }

    #[test]
    fn a_file_over_the_cap_is_refused_and_one_at_it_is_read() {
        let dir = std::env::temp_dir().join(format!("kplan-read-cap-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        let path = dir.join("big.toml");
        std::fs::write(&path, "x".repeat(11)).ok();
        let cap = |max| read_text_within(&path, max, Message::new("input-too-large"));
        assert!(cap(11).is_ok());
        assert!(cap(10).is_err());
        std::fs::remove_dir_all(&dir).ok();
    }
}
