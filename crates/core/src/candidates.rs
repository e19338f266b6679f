//! The curation coverage report: quantities in the sources that no indicator cites and no curator ignored.

use crate::dataset::Dataset;
use crate::decimal::Decimal;
use crate::ids::DocId;
use crate::quantity::{find_all_quantities, normalize_unit, Quantity};

/// A quantity found in a source that the dataset does not account for.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Document index.
    pub doc: DocId,
    /// 1-based paragraph number.
    pub paragraph: usize,
    /// 1-based line of the source file where the quantity starts.
    pub line: usize,
    /// The quantity; its span is a byte range in the document's text. A quantity with a note (an uncertain
    /// reading such as `1万5个`) can never be cited, so it is always a candidate unless ignored.
    pub quantity: Quantity,
}

impl Candidate {
    /// The value with the unit's multiplier applied (`1.2 万个` → 12000), `None` if that overflows.
    pub fn base_value(&self) -> Option<Decimal> {
        self.quantity.value.scale_by_pow10(normalize_unit(&self.quantity.unit).exponent)
    }

    /// The upper end of a range with the multiplier applied.
    pub fn base_value_max(&self) -> Option<Decimal> {
        let exponent = normalize_unit(&self.quantity.unit).exponent;
        self.quantity.value_max.and_then(|v| v.scale_by_pow10(exponent))
    }

    /// The unit without its multiplier (`万个` → `个`, `成` → `%`).
    pub fn base_unit(&self) -> String {
        normalize_unit(&self.quantity.unit).base
    }
}

/// Every quantity in the documents (or in document `only`) that is neither cited by an indicator — inside
/// its quote, with its value and unit — nor inside a passage marked as ignored, nor inside the quote of an
/// unfinished draft (drafting the document again would only repeat it).
pub fn candidates(ds: &Dataset, only: Option<DocId>) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (d, doc) in ds.document_ids().zip(ds.documents()) {
        if only.is_some_and(|o| o != d) {
            continue;
        }
        let cited: Vec<_> = ds.indicators().iter().filter(|i| i.doc == d).collect();
        let ignored: Vec<_> = ds.ignored().iter().filter(|i| i.doc == d).collect();
        let drafted: Vec<_> =
            ds.unfinished().iter().filter(|u| u.doc == Some(d)).filter_map(|u| u.at.as_ref().map(|a| &a.1)).collect();
        let text = &doc.text.text;
        let mut line = 1;
        let mut counted_to = 0;
        for (p, range) in doc.text.paragraphs.iter().enumerate() {
            let para = &text[range.clone()];
            for mut q in find_all_quantities(para) {
                q.span = q.span.start + range.start..q.span.end + range.start;
                let inside = |span: &std::ops::Range<usize>| span.start <= q.span.start && q.span.end <= span.end;
                let is_cited =
                    q.note.is_none() && cited.iter().any(|i| inside(&i.span) && i.value == q.value && i.unit == q.unit);
                let is_ignored = ignored.iter().any(|i| inside(&i.span)) || drafted.iter().any(|s| inside(s));
                if !is_cited && !is_ignored {
                    line += text.get(counted_to..q.span.start).map_or(0, |s| s.matches('\n').count());
                    counted_to = q.span.start;
                    out.push(Candidate { doc: d, paragraph: p + 1, line, quantity: q });
                }
            }
        }
    }
    out
}
