//! The curation coverage report: quantities in the sources that no indicator cites and no curator ignored.

use crate::dataset::Dataset;
use crate::quantity::{find_quantities, Quantity};

/// A quantity found in a source that the dataset does not account for.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Document index.
    pub doc: usize,
    /// 1-based paragraph number.
    pub paragraph: usize,
    /// The quantity; its span is a byte range in the document's text.
    pub quantity: Quantity,
}

/// Every quantity in the documents (or in document `only`) that is neither cited by an indicator — inside
/// its quote, with its value and unit — nor inside a passage marked as ignored.
pub fn candidates(ds: &Dataset, only: Option<usize>) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (d, doc) in ds.documents().iter().enumerate() {
        if only.is_some_and(|o| o != d) {
            continue;
        }
        let cited: Vec<_> = ds.indicators().iter().filter(|i| i.doc == d).collect();
        let ignored: Vec<_> = ds.ignored().iter().filter(|i| i.doc == d).collect();
        for (p, range) in doc.text.paragraphs.iter().enumerate() {
            let para = &doc.text.text[range.clone()];
            for mut q in find_quantities(para) {
                q.span = q.span.start + range.start..q.span.end + range.start;
                let inside = |span: &std::ops::Range<usize>| span.start <= q.span.start && q.span.end <= span.end;
                let is_cited = cited.iter().any(|i| inside(&i.span) && i.value == q.value && i.unit == q.unit);
                let is_ignored = ignored.iter().any(|i| inside(&i.span));
                if !is_cited && !is_ignored {
                    out.push(Candidate { doc: d, paragraph: p + 1, quantity: q });
                }
            }
        }
    }
    out
}
