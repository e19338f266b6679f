//! A document wrapped to a width: the lines the source view shows, and the map from byte offsets to lines that
//! lets it scroll exactly to a quote. Layouts are cached per (document, width), so a document is wrapped once
//! per width rather than on every frame.

use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use zhibiao_core::corpus::Text;
use zhibiao_core::ids::DocId;

use crate::text;

/// One screen line of a wrapped document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutLine {
    /// 1-based paragraph number.
    pub paragraph: usize,
    /// Byte range of the line in the document's text.
    pub range: Range<usize>,
    /// True for the first line of its paragraph (the one that shows the paragraph number).
    pub first: bool,
}

/// A document's paragraphs wrapped to a width.
#[derive(Debug, Clone, Default)]
pub struct DocLayout {
    /// The lines, in reading order.
    pub lines: Vec<LayoutLine>,
}

impl DocLayout {
    /// Wraps every paragraph of `text` to `width` columns.
    pub fn new(text: &Text, width: usize) -> DocLayout {
        let mut lines = Vec::new();
        for (i, para) in text.paragraphs.iter().enumerate() {
            let body = &text.text[para.clone()];
            for (j, r) in text::wrap(body, width).into_iter().enumerate() {
                lines.push(LayoutLine {
                    paragraph: i + 1,
                    range: para.start + r.start..para.start + r.end,
                    first: j == 0,
                });
            }
        }
        DocLayout { lines }
    }

    /// Index of the line holding byte `offset` (the last line starting at or before it; 0 when there are none).
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.partition_point(|l| l.range.start <= offset).saturating_sub(1)
    }

    /// Indices of the first and last line a byte range covers.
    pub fn lines_of(&self, range: &Range<usize>) -> (usize, usize) {
        let first = self.line_of(range.start);
        let last = self.line_of(range.end.saturating_sub(1).max(range.start));
        (first, last.max(first))
    }
}

/// Wrapped layouts by (document index, width). Small: a handful of widths is all a session sees.
#[derive(Debug, Default)]
pub struct LayoutCache {
    map: HashMap<(DocId, usize), Rc<DocLayout>>,
}

impl LayoutCache {
    /// Most layouts kept; when full, the cache starts over (resizing through many widths is rare).
    const CAPACITY: usize = 32;

    /// The layout of document `doc` at `width`, wrapping it on first use.
    pub fn get(&mut self, doc: DocId, text: &Text, width: usize) -> Rc<DocLayout> {
        if let Some(l) = self.map.get(&(doc, width)) {
            return Rc::clone(l);
        }
        if self.map.len() >= Self::CAPACITY {
            self.map.clear();
        }
        let layout = Rc::new(DocLayout::new(text, width));
        self.map.insert((doc, width), Rc::clone(&layout));
        layout
    }

    /// The layout if it is already cached (the view reads, it never wraps a whole document).
    pub fn peek(&self, doc: DocId, width: usize) -> Option<Rc<DocLayout>> {
        self.map.get(&(doc, width)).cloned()
    }

    /// Number of cached layouts.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_the_lines_that_hold_them() {
        let t = Text::from_string("第一段文字很长很长很长\n\n第二段,新建5G基站1万座。\n".to_string());
        let l = DocLayout::new(&t, 10);
        assert!(l.lines.len() >= 4);
        assert!(l.lines[0].first && l.lines[0].paragraph == 1);
        let q = t.text.find("5G基站").unwrap();
        let (a, b) = l.lines_of(&(q..q + "5G基站".len()));
        assert!(l.lines[a].range.start <= q && q < l.lines[a].range.end);
        assert_eq!(l.lines[b].paragraph, 2);
        let mut cache = LayoutCache::default();
        let first = cache.get(DocId::new(0), &t, 10);
        let again = cache.get(DocId::new(0), &t, 10);
        assert!(Rc::ptr_eq(&first, &again));
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn the_seed_documents_wrap_within_the_width_and_no_line_starts_with_punctuation() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).expect("seeds folder") {
            let bytes = std::fs::read(entry.expect("entry").path()).expect("seed");
            let Ok(text) = Text::decode(bytes) else { continue };
            seen += 1;
            for width in [20, 37, 58, 80, 113] {
                let l = DocLayout::new(&text, width);
                for line in &l.lines {
                    let s = &text.text[line.range.clone()];
                    assert!(crate::text::width(s) <= width, "{s:?} wider than {width}");
                    let first = s.chars().next().expect("no empty lines");
                    assert!(!crate::text::no_line_start(first), "{s:?} at width {width}");
                }
            }
        }
        assert!(seen >= 1);
    }
}
