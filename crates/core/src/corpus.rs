//! Source texts: decoding, paragraph splitting and finding quotes.
//!
//! The paragraph rule is deliberately simple so that anyone can count along: **every line that is not blank is
//! one paragraph, numbered from 1 in reading order**. A line is blank when it holds only white space (Unicode
//! `White_Space`, so the ideographic space U+3000 and the no-break space U+00A0 count as blank). A paragraph's
//! span excludes its leading and trailing white space and the line ending (`\n` or `\r\n`). A UTF-8 byte-order
//! mark at the start of a file is dropped.

use std::ops::Range;

mod lazy;

pub use lazy::SourceText;

/// A decoded source text and its paragraphs.
#[derive(Debug, Clone, Default)]
pub struct Text {
    /// The text, without a byte-order mark (read on first use when it came from the load cache).
    pub text: SourceText,
    /// Byte range in `text` of each paragraph, in order; paragraph number `n` is `paragraphs[n - 1]`.
    pub paragraphs: Vec<Range<usize>>,
}

/// Why bytes could not be read as a source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Offset of the first byte that is not valid UTF-8.
    pub offset: usize,
}

impl Text {
    /// Decodes UTF-8 bytes (with or without a BOM, with `\n` or `\r\n` line ends) and splits them into
    /// paragraphs. Invalid UTF-8 is an error naming the byte offset (counted in the file, BOM included).
    pub fn decode(bytes: Vec<u8>) -> Result<Text, DecodeError> {
        decode_utf8(bytes).map(Text::from_string)
    }

    /// Splits an already-decoded text into paragraphs.
    pub fn from_string(text: String) -> Text {
        let paragraphs = split_paragraphs(&text);
        Text { text: SourceText::new(text), paragraphs }
    }

    /// A text the load cache vouched for: read from `path` on first use (see [`SourceText`]), its paragraphs
    /// as recorded.
    pub(crate) fn deferred(path: std::path::PathBuf, len: usize, crc: u32, paragraphs: Vec<Range<usize>>) -> Text {
        Text { text: SourceText::deferred(path, len, crc), paragraphs }
    }

    /// The text of paragraph `n` (1-based), or `None` if there is no such paragraph.
    pub fn paragraph(&self, n: usize) -> Option<&str> {
        let range = self.paragraphs.get(n.checked_sub(1)?)?;
        self.text.get(range.clone())
    }

    /// The 1-based number of the paragraph containing byte `offset`, if any.
    pub fn paragraph_of(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.end < offset);
        let p = self.paragraphs.get(i)?;
        (p.start <= offset && offset <= p.end).then_some(i + 1)
    }

    /// Every occurrence of `needle` that lies inside a single paragraph: `(paragraph number, byte range)`.
    pub fn find(&self, needle: &str) -> Vec<(usize, Range<usize>)> {
        let mut found = Vec::new();
        if needle.is_empty() {
            return found;
        }
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let bytes = self.text.as_bytes();
        let mut from = 0;
        while let Some(pos) = bytes.get(from..).and_then(|rest| finder.find(rest)) {
            let start = from + pos;
            let end = start + needle.len();
            if let Some(n) = self.paragraph_of(start) {
                if self.paragraphs[n - 1].end >= end {
                    found.push((n, start..end));
                }
            }
            // Step one character so that overlapping occurrences are found too.
            from = start + self.text[start..].chars().next().map_or(1, char::len_utf8);
        }
        found
    }
}

/// Decodes UTF-8 bytes, dropping a byte-order mark; invalid UTF-8 is an error naming the byte offset (counted in
/// the file, BOM included).
pub fn decode_utf8(mut bytes: Vec<u8>) -> Result<String, DecodeError> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let bom_len = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    bytes.drain(..bom_len);
    // simdutf8 validates Chinese text about ten times faster than the standard library (whose fast path is for
    // ASCII); the standard library still finds the offset of a bad byte for the message.
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return Err(match std::str::from_utf8(&bytes) {
            Err(e) => DecodeError { offset: bom_len + e.valid_up_to() },
            Ok(_) => DecodeError { offset: bom_len + bytes.len() },
        });
    }
    // SAFETY: `bytes` was validated as UTF-8 just above and is not changed in between.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// Every occurrence, inside a single paragraph, of each of many needles: `result[i]` lists `(paragraph number,
/// byte range)` for `needles[i]`. Each needle is searched once with a SIMD substring finder; for the handful of
/// quotes a document has this beats building an automaton (which was measured at 25× slower here).
pub fn find_many(text: &Text, needles: &[&str]) -> Vec<Vec<(usize, Range<usize>)>> {
    needles.iter().map(|n| text.find(n)).collect()
}

/// Byte ranges of the non-blank lines of `text`, trimmed of surrounding white space.
fn split_paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut paragraphs = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed_start = line.trim_start();
        let lead = line.len() - trimmed_start.len();
        let trimmed = trimmed_start.trim_end();
        if !trimmed.is_empty() {
            let start = line_start + lead;
            paragraphs.push(start..start + trimmed.len());
        }
        line_start += line.len();
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_including_cjk_and_nbsp_spaces_are_not_paragraphs() {
        let t = Text::from_string("第一段\n\n\u{3000}\u{3000}\n\u{a0}\n  第二段 \r\n第三段".to_string());
        assert_eq!(t.paragraphs.len(), 3);
        assert_eq!(t.paragraph(1), Some("第一段"));
        assert_eq!(t.paragraph(2), Some("第二段"));
        assert_eq!(t.paragraph(3), Some("第三段"));
        assert_eq!(t.paragraph(0), None);
        assert_eq!(t.paragraph(4), None);
    }

    #[test]
    fn bom_is_dropped_and_invalid_utf8_names_its_offset() {
        let t = Text::decode(b"\xEF\xBB\xBFabc\r\ndef\r\n".to_vec()).unwrap();
        assert_eq!(t.text, "abc\r\ndef\r\n");
        assert_eq!(t.paragraph(2), Some("def"));
        let err = Text::decode(b"ab\xFFcd".to_vec()).unwrap_err();
        assert_eq!(err.offset, 2);
        let err = Text::decode(b"\xEF\xBB\xBFab\xFF".to_vec()).unwrap_err();
        assert_eq!(err.offset, 5);
    }

    #[test]
    fn find_reports_paragraph_numbers_and_never_crosses_lines() {
        let t = Text::from_string("甲乙丙\n\n丙丁甲乙\n".to_string());
        let hits = t.find("甲乙");
        assert_eq!(hits.iter().map(|h| h.0).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(&t.text[hits[1].1.clone()], "甲乙");
        assert!(t.find("丙\n").is_empty());
        assert!(t.find("").is_empty());
    }

    #[test]
    fn find_many_finds_overlaps_hits_in_several_paragraphs_and_nothing_across_a_break() {
        // Paragraphs: 1 = bytes 0..9 (啊啊啊), 2 = 10..16 (甲乙), 3 = 18..27 (乙丙甲); a CJK character is 3 bytes.
        let t = Text::from_string("啊啊啊\n甲乙\n\n乙丙甲".to_string());
        let needles = ["啊啊", "乙", "戊", "乙\n\n乙", "", "甲", "啊啊"];
        let many = find_many(&t, &needles);
        assert_eq!(many.len(), needles.len(), "one answer per needle, in order");
        assert_eq!(many[0], vec![(1, 0..6), (1, 3..9)], "overlapping occurrences");
        assert_eq!(many[1], vec![(2, 13..16), (3, 18..21)], "one in each of two paragraphs");
        assert_eq!(many[2], vec![], "absent");
        assert_eq!(many[3], vec![], "a match across a paragraph break is not a quote");
        assert_eq!(many[4], vec![], "the empty needle");
        assert_eq!(many[5], vec![(2, 10..13), (3, 24..27)]);
        assert_eq!(many[6], many[0], "a repeated needle gets the same answer");
        assert_eq!(&t.text[13..16], "乙");
    }

    #[test]
    fn seeds_split_as_documented() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds/004_65cc04307ce8a7c8.txt");
        let t = Text::decode(std::fs::read(path).unwrap()).unwrap();
        assert_eq!(t.paragraph(1), Some("市政府办公室关于印发推进全市新型基础设施建设若干意见的通知"));
        assert_eq!(t.paragraph(2), Some("徐委办〔2020〕84号"));
        // The no-break-space lines around the title are blank, so the title is paragraph 5.
        assert_eq!(t.paragraph(5), Some("关于推进全市新型基础设施建设的若干意见"));
    }
}
