//! Drafting indicator records from a document's text: for each quantity the parser finds, the quote, value, unit,
//! comparator, year, kind, as-of date, period, status and metric a curator would most likely write, with `TODO`
//! where the text does not decide. No terminal code; the command line (`zhibiao draft`) and the explorer render and
//! append what this produces.
//!
//! - [`clause`]: the quote, the shortest clause around the number that is unique in its paragraph and reads alone;
//! - [`context`]: year, kind, as-of, period and status from the governing time phrase and the wording;
//! - [`metric`]: the metric from a registry passed in as a slice of [`MetricEntry`].

pub mod clause;
pub mod context;
pub mod metric;

use std::collections::HashSet;

use crate::candidates::Candidate;
use crate::dataset::Dataset;
use crate::decimal::Decimal;
use crate::edit::scalar;
use crate::quantity::{find_quantities, Comparator, Quantity};
use crate::schema::Kind;

pub use context::{DocDate, Status};
pub use metric::{Choice, MetricEntry};

/// The document being drafted.
#[derive(Debug, Clone)]
pub struct DocContext<'a> {
    /// Document id (`document:` of the indicators file, prefix of drafted ids).
    pub id: &'a str,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: &'a str,
    /// The `kind` of documents.yaml (`work-plan`, `news-report`, `proposal-reply`, …).
    pub kind: &'a str,
    /// Its paragraphs in order (paragraph `n` is `paragraphs[n - 1]`).
    pub paragraphs: Vec<&'a str>,
}

impl DocContext<'_> {
    /// True for a document that reports what happened rather than plans.
    pub fn is_report(&self) -> bool {
        ["report", "reply", "bulletin", "summary", "review", "news"].iter().any(|w| self.kind.contains(w))
    }
}

/// One drafted record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// 1-based paragraph number.
    pub paragraph: usize,
    /// Byte range of the number in its paragraph.
    pub span: std::ops::Range<usize>,
    /// The quote.
    pub quote: String,
    /// False when the quote occurs more than once in the document (the record then needs `paragraph:`).
    pub unique: bool,
    /// The number as written.
    pub value: Decimal,
    /// Upper end of a range.
    pub value_max: Option<Decimal>,
    /// Unit as written.
    pub unit: String,
    /// Comparator as the parser reads it.
    pub comparator: Comparator,
    /// Year the figure refers to.
    pub year: i32,
    /// Target or actual.
    pub kind: Kind,
    /// As-of date of a dated actual.
    pub as_of: Option<String>,
    /// Years a flow spans.
    pub period: Option<String>,
    /// Firm, stretch or estimate.
    pub status: Status,
    /// The metric, or why not.
    pub metric: Choice,
    /// The quote's words for what is counted, a hint for `name` when no metric is chosen (may be empty).
    pub name_hint: String,
}

/// Drafts a record for quantity `q` of paragraph `paragraph` (1-based; the quantity's span is relative to it).
pub fn draft_quantity(doc: &DocContext<'_>, paragraph: usize, q: &Quantity, metrics: &[MetricEntry]) -> Draft {
    let para = doc.paragraphs.get(paragraph.wrapping_sub(1)).copied().unwrap_or("");
    // A quantity that does not fit its paragraph (a caller's mistake) is drafted from an empty context, not a panic.
    let fitted;
    let q = if para.get(q.span.clone()).is_some() {
        q
    } else {
        fitted = Quantity { span: 0..0, ..q.clone() };
        &fitted
    };
    let (quote, _) = clause::quote(para, q);
    let unique = doc.paragraphs.iter().map(|p| p.matches(quote.as_str()).count()).sum::<usize>() == 1;
    let before = &doc.paragraphs[..paragraph.saturating_sub(1).min(doc.paragraphs.len())];
    let reading = context::read(para, q.span.start, before, DocDate { date: doc.date, is_report: doc.is_report() });
    Draft {
        paragraph,
        metric: metric::choose(metrics, &quote, &q.unit),
        span: q.span.clone(),
        name_hint: clause::name_hint(para, &quote, q),
        quote,
        unique,
        value: q.value,
        value_max: q.value_max,
        unit: q.unit.clone(),
        comparator: q.comparator,
        year: reading.year,
        kind: reading.kind,
        as_of: reading.as_of,
        period: reading.period,
        status: reading.status,
    }
}

/// The drafting context of document `d` of a loaded dataset.
pub fn doc_context(ds: &Dataset, d: usize) -> DocContext<'_> {
    let doc = &ds.documents()[d];
    let paragraphs: Vec<&str> = (1..=doc.text.paragraphs.len()).filter_map(|n| doc.text.paragraph(n)).collect();
    DocContext { id: &doc.id, date: &doc.date, kind: &doc.kind, paragraphs }
}

/// Drafts the record of candidate `c` (a quantity no record or ignored passage accounts for) of the document
/// `ctx` was made from by [`doc_context`].
pub fn draft_candidate(ds: &Dataset, ctx: &DocContext<'_>, c: &Candidate, metrics: &[MetricEntry]) -> Draft {
    let mut q = c.quantity.clone();
    // The candidate's span is in the document; drafting works in its paragraph.
    let start = ds.documents()[c.doc].text.paragraphs.get(c.paragraph.wrapping_sub(1)).map_or(0, |r| r.start);
    q.span = q.span.start.saturating_sub(start)..q.span.end.saturating_sub(start);
    draft_quantity(ctx, c.paragraph, &q, metrics)
}

/// Drafts a record for every quantity of the document.
pub fn draft_document(doc: &DocContext<'_>, metrics: &[MetricEntry]) -> Vec<Draft> {
    let mut out = Vec::new();
    for (i, para) in doc.paragraphs.iter().enumerate() {
        for q in find_quantities(para) {
            out.push(draft_quantity(doc, i + 1, &q, metrics));
        }
    }
    out
}

/// The drafts as list items for an indicators file (block mappings at indentation 0, see [`crate::edit`]); ids are
/// made unique among themselves and against `taken`.
pub fn render_items(
    doc: &DocContext<'_>,
    drafts: &[Draft],
    metrics: &[MetricEntry],
    taken: &HashSet<String>,
) -> Vec<String> {
    let mut used = taken.clone();
    drafts.iter().map(|d| render_item(doc, d, metrics, &mut used)).collect()
}

/// A complete indicators file (`document:` + `indicators:`) holding the drafts.
pub fn render_file(doc: &DocContext<'_>, drafts: &[Draft], metrics: &[MetricEntry], taken: &HashSet<String>) -> String {
    let items = render_items(doc, drafts, metrics, taken);
    crate::edit::new_indicator_file_with(doc.id, &items)
}

fn render_item(doc: &DocContext<'_>, d: &Draft, metrics: &[MetricEntry], used: &mut HashSet<String>) -> String {
    let chosen = match d.metric {
        Choice::Chosen(i) => metrics.get(i),
        Choice::Undecided { .. } => None,
    };
    let stem = match chosen {
        Some(m) => format!("{}-{}", doc.id, m.id.replace('_', "-")),
        None => format!("{}-p{}", doc.id, d.paragraph),
    };
    let mut id = stem.clone();
    let mut n = 2;
    while !used.insert(id.clone()) {
        id = format!("{stem}-{n}");
        n += 1;
    }
    let mut out = format!("id: {}\n", scalar(&id));
    match (chosen, &d.metric) {
        (Some(m), _) => {
            out += &format!("metric: {}\nname: {}\nname_en: {}\n", scalar(&m.id), scalar(&m.name), scalar(&m.name_en));
        }
        (None, Choice::Undecided { nearest: Some(i) }) => {
            let hint = metrics.get(*i).map_or("", |m| m.id.as_str());
            out += &format!("metric: TODO  # nearest: {hint}\n{}name_en: TODO\n", name_line(d));
        }
        _ => out += &format!("metric: TODO\n{}name_en: TODO\n", name_line(d)),
    }
    out += &format!("kind: {}\n", d.kind.as_str());
    if d.status != Status::Firm {
        out += &format!("status: {}\n", d.status.as_str());
    }
    out += &format!("comparator: {}\nvalue: {}\n", d.comparator.as_str(), d.value);
    if let Some(max) = d.value_max {
        out += &format!("value_max: {max}\n");
    }
    out += &format!("unit: {}\nyear: {}\n", scalar(&d.unit), d.year);
    if let Some(a) = &d.as_of {
        out += &format!("as_of: {}\n", scalar(a));
    }
    if let Some(p) = &d.period {
        out += &format!("period: {}\n", scalar(p));
    }
    if !d.unique {
        out += &format!("paragraph: {}\n", d.paragraph);
    }
    out += &format!("quote: {}\n", scalar(&d.quote));
    out
}

/// `name: TODO`, with the quote's words as a hint when there are some.
fn name_line(d: &Draft) -> String {
    if d.name_hint.is_empty() {
        "name: TODO\n".to_string()
    } else {
        format!("name: TODO  # {}\n", d.name_hint)
    }
}
