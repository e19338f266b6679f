//! A source text's characters, either held since the load decoded them or read from disk on first use when the
//! load cache vouched for them (a warm start reads none of the 79 MB of sources at N = 1000).

use std::fmt;
use std::ops::Deref;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// The characters of a source text: a `str` through `Deref`. Texts that came from the load cache are read on
/// first use; their length and CRC-32 were recorded when they were verified, and a file that no longer has them
/// (edited or removed since the start) reads as that many spaces, so every span and paragraph of the records
/// still falls on valid character boundaries (the explorer's live reload then loads the new version).
#[derive(Clone, Default)]
pub struct SourceText {
    chars: OnceLock<String>,
    pending: Option<Arc<Pending>>,
}

/// Where a deferred text is and what it must be.
#[derive(Debug)]
struct Pending {
    path: PathBuf,
    len: usize,
    crc: u32,
}

impl SourceText {
    /// A text already in memory.
    pub fn new(chars: String) -> SourceText {
        SourceText { chars: OnceLock::from(chars), pending: None }
    }

    /// A text read from `path` on first use, which must be `len` bytes (without a byte-order mark) with CRC-32
    /// `crc`.
    pub(crate) fn deferred(path: PathBuf, len: usize, crc: u32) -> SourceText {
        SourceText { chars: OnceLock::new(), pending: Some(Arc::new(Pending { path, len, crc })) }
    }

    /// The characters (read now if they were deferred).
    pub fn as_str(&self) -> &str {
        self.chars.get_or_init(|| self.pending.as_deref().map_or_else(String::new, Pending::read))
    }

    /// The characters as an owned string (read now if they were deferred).
    pub fn into_string(self) -> String {
        self.as_str();
        self.chars.into_inner().unwrap_or_default()
    }

    /// Length in bytes and CRC-32, without reading a deferred text.
    pub(crate) fn fingerprint(&self) -> (usize, u32) {
        match (&self.pending, self.chars.get()) {
            (Some(p), _) => (p.len, p.crc),
            (None, chars) => {
                let s = chars.map_or("", String::as_str);
                (s.len(), crc32fast::hash(s.as_bytes()))
            }
        }
    }
}

impl Pending {
    fn read(&self) -> String {
        let bytes = crate::root::read_regular(&self.path).unwrap_or_default();
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(&bytes);
        if bytes.len() == self.len && crc32fast::hash(bytes) == self.crc {
            if let Ok(s) = std::str::from_utf8(bytes) {
                return s.to_string();
            }
        }
        " ".repeat(self.len)
    }
}

impl Deref for SourceText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for SourceText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.chars.get(), &self.pending) {
            (Some(s), _) => fmt::Debug::fmt(s, f),
            (None, Some(p)) => write!(f, "<{} bytes of {}, not read yet>", p.len, p.path.display()),
            (None, None) => f.write_str("\"\""),
        }
    }
}

impl fmt::Display for SourceText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for SourceText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SourceText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl AsRef<str> for SourceText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::SourceText;

    #[test]
    fn a_deferred_text_is_read_on_first_use_and_a_changed_file_reads_as_spaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        let text = "第一段\n第二段";
        std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
        let crc = crc32fast::hash(text.as_bytes());
        let lazy = SourceText::deferred(path.clone(), text.len(), crc);
        assert_eq!(lazy.fingerprint(), (text.len(), crc), "known without reading");
        std::fs::write(&path, text).unwrap();
        assert_eq!(lazy, text, "read on first use, BOM or not");

        std::fs::write(&path, "第一段\n第三段").unwrap();
        let stale = SourceText::deferred(path.clone(), text.len(), crc);
        assert_eq!(stale.len(), text.len());
        assert!(stale.chars().all(|c| c == ' '), "same length, no character to cut through: {stale:?}");
        std::fs::remove_file(&path).unwrap();
        assert_eq!(&*SourceText::deferred(path, 3, crc), "   ", "a removed file too");
        assert_eq!(SourceText::new("甲".into()).fingerprint(), (3, crc32fast::hash("甲".as_bytes())));
    }
}
