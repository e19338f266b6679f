//! Drafting indicator records from a document's text: for each quantity the parser finds, the quote, value, unit,
//! comparator, year, kind, as-of date, period, status and metric a curator would most likely write, with `TODO`
//! where the text does not decide. No terminal code; the command line (`zhibiao draft`) and the explorer render and
//! append what this produces.
//!
//! - [`clause`]: the quote, the shortest clause around the number that is unique in its paragraph and reads alone;
//! - [`context`]: year, kind, as-of, period and status from the governing time phrase and the wording;
//! - [`metric`]: the metric from a registry passed in as a slice of [`MetricEntry`];
//! - [`table`]: the cells of an indicator table, with their row's name and unit and their column's year.

pub mod clause;
pub mod context;
pub mod metric;
pub mod outline;
pub mod table;
pub mod traps;

use std::collections::{HashMap, HashSet};

use crate::candidates::Candidate;
use crate::dataset::Dataset;
use crate::decimal::Decimal;
use crate::edit::scalar;
use crate::ids::{CityId, DocId};
use crate::quantity::{find_quantities, Comparator, Quantity};
use crate::schema::Kind;

pub use context::{DocDate, Status};
pub use metric::{Choice, MetricEntry};

/// The document being drafted.
#[derive(Debug, Clone, Default)]
pub struct DocContext<'a> {
    /// Document id (`document:` of the indicators file, prefix of drafted ids).
    pub id: &'a str,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: &'a str,
    /// The `kind` of documents.yaml (`work-plan`, `news-report`, `proposal-reply`, …).
    pub kind: &'a str,
    /// Its paragraphs in order (paragraph `n` is `paragraphs[n - 1]`).
    pub paragraphs: Vec<&'a str>,
    /// The firm targets its city already has, without a scope: (metric id, year, record id). A draft that would
    /// be a second one leaves `restates: TODO` for the curator, as `check` would ask.
    pub firm_targets: Vec<(String, i32, String)>,
}

impl DocContext<'_> {
    /// True for a document that reports what happened rather than plans.
    pub fn is_report(&self) -> bool {
        ["report", "reply", "bulletin", "summary", "review", "news"].iter().any(|w| self.kind.contains(w))
    }

    /// The section of each paragraph, from the document's headings (see [`outline`]).
    pub fn sections(&self) -> Vec<outline::Section> {
        let year = self.date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
        outline::sections(&self.paragraphs, year, self.is_report())
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
    /// What a margin is measured over (`全国` in `高于全国2个百分点`), as the parser reads it.
    pub reference: Option<String>,
    /// The year a change is measured from (`比2020年下降13.5%`).
    pub baseline_year: Option<i32>,
    /// The figure's own clause says it grows or falls (`增长6%左右`, `涨幅3%`): with no year named, a change over
    /// the year before, as a work report's growth rates are.
    pub year_on_year: bool,
}

/// Drafts a record for quantity `q` of paragraph `paragraph` (1-based; the quantity's span is relative to it).
pub fn draft_quantity(doc: &DocContext<'_>, paragraph: usize, q: &Quantity, metrics: &[MetricEntry]) -> Draft {
    let sections = doc.sections();
    let mut d = draft_one(doc, &sections, paragraph, q, metrics);
    d.unique = doc.paragraphs.iter().map(|p| p.matches(d.quote.as_str()).count()).sum::<usize>() == 1;
    d
}

/// [`draft_quantity`] without the uniqueness of the quote, which a batch settles for all its drafts at once
/// ([`settle_unique`]): asked one draft at a time it scans the document once per figure, and drafting a long
/// document became quadratic.
fn draft_one(
    doc: &DocContext<'_>,
    sections: &[outline::Section],
    paragraph: usize,
    q: &Quantity,
    metrics: &[MetricEntry],
) -> Draft {
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
    let before = &doc.paragraphs[..paragraph.saturating_sub(1).min(doc.paragraphs.len())];
    let section = sections.get(paragraph.wrapping_sub(1)).copied().unwrap_or_default();
    let date = DocDate { date: doc.date, is_report: doc.is_report() };
    let reading = context::read(para, q.span.start, before, date, section);
    // The measure is read from the figure's own clause (`新建5G基站3000个，累计达到1.2万个`: the second is a
    // stock), the name from the quote; `分别` pairs the k-th figure with the k-th subject.
    let clause_start = para[..q.span.start].rfind(['，', '；', '。', '：']).map_or(0, |i| i + '，'.len_utf8());
    let own_clause = &para[clause_start.min(q.span.start)..q.span.end];
    let named = clause::respectively(para, q).unwrap_or_else(|| quote.clone());
    let mut chosen = metric::choose_in(metrics, &named, own_clause, &q.unit);
    if matches!(chosen, Choice::Undecided { .. }) && metric::asks_for_a_measure(own_clause, &q.unit) {
        chosen = Choice::undecided(None);
    }
    if chosen == Choice::undecided(None) {
        // The quote names nothing (`累计建成9360个` after `新建5G基站3260个`): the name is looked for in the
        // sentence up to the figure, the measure still read from the quote's own words.
        let start = para[..q.span.start].rfind(['。', '；', '！', '？']).map_or(0, |i| i + '。'.len_utf8());
        // Only a single fit is taken from there: another figure's name is no hint for this one.
        let wider = metric::choose_in(metrics, &para[start.min(q.span.end)..q.span.end], &quote, &q.unit);
        if matches!(wider, Choice::Chosen(_)) {
            chosen = wider;
        }
    }
    Draft {
        paragraph,
        metric: chosen,
        span: q.span.clone(),
        name_hint: clause::respectively(para, q).unwrap_or_else(|| clause::name_hint(para, &quote, q)),
        quote,
        unique: true,
        value: q.value,
        value_max: q.value_max,
        unit: q.unit.clone(),
        comparator: q.comparator,
        year: reading.year,
        kind: reading.kind,
        as_of: reading.as_of,
        period: reading.period,
        status: reading.status,
        reference: q.reference.clone(),
        baseline_year: context::baseline_year(own_clause),
        year_on_year: ["增长", "增速", "涨幅", "增幅", "下降", "降低"].iter().any(|w| own_clause.contains(w)),
    }
}

/// Drafts a record for each (1-based paragraph, quantity of it) of `found`, in one batch (see [`settle_unique`]).
pub fn draft_found(doc: &DocContext<'_>, found: &[(usize, Quantity)], metrics: &[MetricEntry]) -> Vec<Draft> {
    let sections = doc.sections();
    let cells = table_cells_at(doc);
    let mut out: Vec<Draft> = found
        .iter()
        .map(|(p, q)| {
            let cell = cells.get(&(*p, q.span.start)).filter(|c| c.quantity.span == q.span);
            match cell.and_then(|c| table::draft_cell(doc, c, metrics)) {
                Some(d) => d,
                None => draft_one(doc, &sections, *p, q, metrics),
            }
        })
        .collect();
    settle_unique(doc, &mut out);
    out
}

/// The document's table cells by (1-based paragraph, start of the number in it).
fn table_cells_at(doc: &DocContext<'_>) -> HashMap<(usize, usize), crate::quantity::table::Cell> {
    crate::quantity::table::table_cells(&doc.paragraphs)
        .into_iter()
        .map(|c| ((c.paragraph, c.quantity.span.start), c))
        .collect()
}

/// Sets each draft's `unique`: whether its quote occurs once in the document (a quote never spans paragraphs).
/// One pass of an automaton of every distinct quote over the paragraphs, overlapping matches counted.
fn settle_unique(doc: &DocContext<'_>, drafts: &mut [Draft]) {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut quotes: Vec<&str> = Vec::new();
    let of: Vec<usize> = drafts
        .iter()
        .map(|d| {
            *index.entry(d.quote.as_str()).or_insert_with(|| {
                quotes.push(d.quote.as_str());
                quotes.len() - 1
            })
        })
        .collect();
    let mut counts = vec![0usize; quotes.len()];
    match aho_corasick::AhoCorasick::new(&quotes) {
        Ok(ac) => {
            for p in &doc.paragraphs {
                for m in ac.find_overlapping_iter(*p) {
                    counts[m.pattern().as_usize()] += 1;
                }
            }
        }
        // Too many patterns for an automaton (not seen in practice): one scan per quote.
        Err(_) => {
            for (k, q) in quotes.iter().enumerate() {
                counts[k] = doc.paragraphs.iter().map(|p| p.matches(q).count()).sum();
            }
        }
    }
    for (d, k) in drafts.iter_mut().zip(of) {
        d.unique = counts[k] == 1;
    }
}

/// The drafting context of document `d` of a loaded dataset.
pub fn doc_context(ds: &Dataset, d: DocId) -> DocContext<'_> {
    let doc = ds.document(d);
    let paragraphs: Vec<&str> = (1..=doc.text.paragraphs.len()).filter_map(|n| doc.text.paragraph(n)).collect();
    DocContext { id: &doc.id, date: &doc.date, kind: &doc.kind, paragraphs, firm_targets: Vec::new() }
}

/// The firm targets without a scope of every city, as [`DocContext::firm_targets`] wants them: made once for a
/// dataset (one pass over its records), then handed to the context of each document drafted.
pub fn firm_targets_by_city(ds: &Dataset) -> HashMap<CityId, Vec<(String, i32, String)>> {
    let mut out: HashMap<CityId, Vec<(String, i32, String)>> = HashMap::new();
    for i in ds.indicators() {
        if i.kind == Kind::Target && i.status == Status::Firm && i.scope().is_none() {
            out.entry(i.city).or_default().push((ds.metrics()[i.metric].id.clone(), i.year, i.id.to_string()));
        }
    }
    out
}

/// Drafts the record of candidate `c` (a quantity no record or ignored passage accounts for) of the document
/// `ctx` was made from by [`doc_context`].
pub fn draft_candidate(ds: &Dataset, ctx: &DocContext<'_>, c: &Candidate, metrics: &[MetricEntry]) -> Draft {
    let mut q = c.quantity.clone();
    // The candidate's span is in the document; drafting works in its paragraph.
    let start = ds.documents()[c.doc].text.paragraphs.get(c.paragraph.wrapping_sub(1)).map_or(0, |r| r.start);
    q.span = q.span.start.saturating_sub(start)..q.span.end.saturating_sub(start);
    let cells = crate::quantity::table::row_cells(&ctx.paragraphs, c.paragraph);
    if let Some(d) =
        cells.iter().find(|cell| cell.quantity.span == q.span).and_then(|cell| table::draft_cell(ctx, cell, metrics))
    {
        return d;
    }
    draft_quantity(ctx, c.paragraph, &q, metrics)
}

/// Drafts the records of candidates `cands` of the document `ctx` was made from, in time proportional to the
/// document's length.
pub fn draft_candidates(
    ds: &Dataset,
    ctx: &DocContext<'_>,
    cands: &[Candidate],
    metrics: &[MetricEntry],
) -> Vec<Draft> {
    let sections = ctx.sections();
    let cells = table_cells_at(ctx);
    let mut out: Vec<Draft> = cands
        .iter()
        .map(|c| {
            let mut q = c.quantity.clone();
            let start = ds.documents()[c.doc].text.paragraphs.get(c.paragraph.wrapping_sub(1)).map_or(0, |r| r.start);
            q.span = q.span.start.saturating_sub(start)..q.span.end.saturating_sub(start);
            let cell = cells.get(&(c.paragraph, q.span.start)).filter(|cell| cell.quantity.span == q.span);
            match cell.and_then(|cell| table::draft_cell(ctx, cell, metrics)) {
                Some(d) => d,
                None => draft_one(ctx, &sections, c.paragraph, &q, metrics),
            }
        })
        .collect();
    settle_unique(ctx, &mut out);
    out
}

/// Drafts a record for every quantity of the document.
pub fn draft_document(doc: &DocContext<'_>, metrics: &[MetricEntry]) -> Vec<Draft> {
    let mut out = Vec::new();
    let sections = doc.sections();
    let cells = crate::quantity::table::table_cells(&doc.paragraphs);
    let mut next_cell = cells.iter().peekable();
    for (i, para) in doc.paragraphs.iter().enumerate() {
        // A table row is read by its cells (its unit is a column of its own); a cell whose column names no year
        // is not drafted.
        if next_cell.peek().is_some_and(|c| c.paragraph == i + 1) {
            while let Some(c) = next_cell.next_if(|c| c.paragraph == i + 1) {
                out.extend(table::draft_cell(doc, c, metrics));
            }
            continue;
        }
        for q in find_quantities(para).into_iter().filter(|q| !traps::is_trap(para, q)) {
            out.push(draft_one(doc, &sections, i + 1, &q, metrics));
        }
    }
    settle_unique(doc, &mut out);
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
    let mut firm = doc.firm_targets.clone();
    drafts.iter().map(|d| render_item(doc, d, metrics, &mut used, &mut firm).0).collect()
}

/// Each draft as the list item it would be if it were written alone (its id unique against `taken` only): what
/// the explorer offers to accept one figure at a time. Linear in the drafts, `taken` cloned once.
pub fn render_each(
    doc: &DocContext<'_>,
    drafts: &[Draft],
    metrics: &[MetricEntry],
    taken: &HashSet<String>,
) -> Vec<String> {
    let mut used = taken.clone();
    drafts
        .iter()
        .map(|d| {
            let mut firm = doc.firm_targets.clone();
            let (item, id) = render_item(doc, d, metrics, &mut used, &mut firm);
            used.remove(&id);
            item
        })
        .collect()
}

/// A complete indicators file (`document:` + `indicators:`) holding the drafts.
pub fn render_file(doc: &DocContext<'_>, drafts: &[Draft], metrics: &[MetricEntry], taken: &HashSet<String>) -> String {
    let items = render_items(doc, drafts, metrics, taken);
    crate::edit::new_indicator_file_with(doc.id, &items)
}

fn render_item(
    doc: &DocContext<'_>,
    d: &Draft,
    metrics: &[MetricEntry],
    used: &mut HashSet<String>,
    firm: &mut Vec<(String, i32, String)>,
) -> (String, String) {
    let chosen = match d.metric {
        Choice::Chosen(i) => metric::entry(metrics, i),
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
        (None, Choice::Undecided { nearest: Some(i), also }) => {
            let hint = metric::entry(metrics, *i).map_or("", |m| m.id.as_str());
            let hint = match also.and_then(|j| metric::entry(metrics, j)) {
                Some(other) => format!("{hint} or {}", other.id),
                None => hint.to_string(),
            };
            out += &format!("metric: TODO  # nearest: {hint}\n{}name_en: TODO\n", name_line(d));
        }
        _ => out += &format!("metric: TODO\n{}name_en: TODO\n", name_line(d)),
    }
    out += &format!("kind: {}\n", d.kind.as_str());
    if d.status != Status::Firm {
        out += &format!("status: {}\n", d.status.as_str());
    }
    out += &format!("comparator: {}\nvalue: {}\n", d.comparator.as_str(), d.value);
    if let Some(r) = &d.reference {
        out += &format!("reference: {}\n", scalar(r));
    }
    if let Some(max) = d.value_max {
        out += &format!("value_max: {max}\n");
    }
    out += &format!("unit: {}\nyear: {}\n", scalar(&d.unit), d.year);
    if let Some(a) = &d.as_of {
        out += &format!("as_of: {}\n", scalar(a));
    }
    let baseline = d.baseline_year.filter(|b| *b < d.year);
    if let Some(b) = baseline {
        out += &format!("baseline_year: {b}\n");
    } else if chosen.is_some_and(|m| m.measure == crate::schema::Measure::Change)
        && d.reference.is_none()
        && !matches!(d.comparator, Comparator::Increase | Comparator::Decrease)
    {
        // `check` asks a change what it changes from.
        if d.year_on_year {
            out += &format!("baseline_year: {}  # year on year\n", d.year - 1);
        } else {
            out += "baseline_year: TODO  # the year it changes from\n";
        }
    }
    // A stock, a share, a level or a rank stands at a moment: `check` refuses a period on it.
    let at_a_moment =
        chosen.is_some_and(|m| !matches!(m.measure, crate::schema::Measure::Flow | crate::schema::Measure::Change));
    if let Some(p) = d.period.as_ref().filter(|_| !at_a_moment) {
        out += &format!("period: {}\n", scalar(p));
    }
    if let Some(m) = chosen.filter(|_| d.kind == Kind::Target && d.status == Status::Firm) {
        // A second firm target of one metric and year: `check` asks how the two relate; the curator says.
        match firm.iter().find(|(metric, year, _)| *metric == m.id && *year == d.year) {
            Some((_, _, first)) => {
                out += &format!("restates: TODO  # a firm target of the same metric and year as {first}: restates it, supersedes it, or another metric?\n");
            }
            None => firm.push((m.id.clone(), d.year, id.clone())),
        }
    }
    if !d.unique {
        out += &format!("paragraph: {}\n", d.paragraph);
    }
    out += &format!("quote: {}\n", scalar(&d.quote));
    (out, id)
}

/// `name: TODO`, with the quote's words as a hint when there are some.
fn name_line(d: &Draft) -> String {
    if d.name_hint.is_empty() {
        "name: TODO\n".to_string()
    } else {
        format!("name: TODO  # {}\n", d.name_hint)
    }
}
