//! The candidates component (view 6), its state and the moves within it: the quantities of the dataset that no
//! record cites and no curator ignored, by document, each with its context and the record `zhibiao draft` would
//! write for it ([`rows_of`]); the two lists and their selection ([`Candidates`]). Accepting and ignoring, which
//! write to the dataset's files and touch the rest of the explorer, are in `app/candidates.rs`. Its keys are the
//! `Candidates` rows of the key table.

use std::collections::HashSet;
use std::ops::Range;

use zhibiao_core::candidates::candidates;
use zhibiao_core::draft::{self, metric::registry_of, Draft, MetricEntry};
use zhibiao_core::ids::DocId;
use zhibiao_core::Dataset;

use crate::layout::Areas;
use crate::scroll::{scrolled, step};
use crate::vocab::Focus;

/// One unaccounted quantity with its draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Its document.
    pub doc: DocId,
    /// 1-based paragraph.
    pub paragraph: usize,
    /// 1-based line of the source file.
    pub line: usize,
    /// Byte range of the figure in the document's text.
    pub span: Range<usize>,
    /// The figure as written.
    pub text: String,
    /// Why the reading is uncertain, if it is.
    pub note: Option<String>,
    /// The drafted record.
    pub draft: Draft,
    /// The drafted record as the indicators file would hold it (a block mapping, `key: value` lines); for an
    /// unfinished draft, where it is and what is left.
    pub record: String,
    /// For a figure already drafted whose record still has a TODO: where that record is (`file:line`). Such a row
    /// is finished in the file, not accepted again.
    pub unfinished: Option<String>,
}

/// What was written last, shown in the view until the next write: where to go to finish the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// One line saying what was appended where.
    pub summary: String,
    /// `file:line  key` for each field still TODO.
    pub todo: Vec<String>,
}

/// The state of view 6.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Candidates {
    /// Every row, by document, in reading order.
    pub rows: Vec<Row>,
    /// The documents with rows: (document index, range of `rows`).
    pub docs: Vec<(DocId, Range<usize>)>,
    /// Selected document (index into `docs`) and the first shown.
    pub doc_sel: usize,
    /// First document shown.
    pub doc_top: usize,
    /// Selected row within the document, and the first shown.
    pub row_sel: usize,
    /// First row shown.
    pub row_top: usize,
    /// Figures written to a file since the dataset last loaded (document id, span): hidden at once, before the
    /// reload shows them again as unfinished drafts (or as records, when nothing was left TODO).
    pub pending: Vec<(String, Range<usize>)>,
    /// Ids appended since the dataset last loaded, so a second accept does not reuse one.
    pub pending_ids: HashSet<String>,
    /// The last write.
    pub written: Option<Written>,
    /// False until computed for the current dataset.
    pub fresh: bool,
}

impl Candidates {
    /// The rows of the selected document.
    pub fn doc_rows(&self) -> &[Row] {
        self.docs.get(self.doc_sel).map_or(&[], |(_, r)| &self.rows[r.clone()])
    }

    /// The selected row.
    pub fn selected(&self) -> Option<&Row> {
        self.doc_rows().get(self.row_sel)
    }

    /// Scrolls both lists so their selections show, in the panes of `a`.
    pub fn keep_in_view(&mut self, a: &Areas) {
        self.doc_top = scrolled(self.doc_top, self.doc_sel, a.group_rows(), self.docs.len());
        let n = self.doc_rows().len();
        self.row_top = scrolled(self.row_top, self.row_sel, a.table_rows(), n);
    }

    /// Moves the selection by `delta` in the focused list (the documents on the left, their figures on the
    /// right), then scrolls it into view.
    pub fn move_by(&mut self, focus: Focus, delta: isize, a: &Areas) {
        match focus {
            Focus::Groups => {
                let g = step(self.doc_sel, delta, self.docs.len());
                if g != self.doc_sel {
                    self.doc_sel = g;
                    self.row_sel = 0;
                    self.row_top = 0;
                }
            }
            Focus::Table => self.row_sel = step(self.row_sel, delta, self.doc_rows().len()),
        }
        self.keep_in_view(a);
    }
}

/// The selection of view 6 by ids (the explorer computes it before a reload and restores it after).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CandidateKey {
    /// The selected figure: document id and byte range.
    pub figure: Option<(String, Range<usize>)>,
    /// The selected document's id.
    pub doc: Option<String>,
}

/// The rows for `ds`: every candidate with its draft, without those in `pending`.
pub fn rows_of(ds: &Dataset, pending: &[(String, Range<usize>)], taken: &HashSet<String>) -> Vec<Row> {
    let metrics: Vec<MetricEntry> = registry_of(ds);
    let mut used: HashSet<String> = ds.indicators().iter().map(|i| i.id.to_string()).collect();
    used.extend(taken.iter().cloned());
    let all: Vec<_> = candidates(ds, None)
        .into_iter()
        .filter(|c| {
            let id = &ds.documents()[c.doc].id;
            !pending.iter().any(|(p, span)| p == id && *span == c.quantity.span)
        })
        .collect();
    let mut out = Vec::with_capacity(all.len());
    let firm = draft::firm_targets_by_city(ds);
    // One document at a time: its drafts and records are made in one batch (linear in the document's length).
    for same in all.chunk_by(|a, b| a.doc == b.doc) {
        let d = same[0].doc;
        let doc = ds.document(d);
        let mut ctx = draft::doc_context(ds, d);
        ctx.firm_targets = firm.get(&doc.city).cloned().unwrap_or_default();
        let drafts = draft::draft_candidates(ds, &ctx, same, &metrics);
        // Each record as it would be written alone: no row's id depends on another row being accepted.
        let records = draft::render_each(&ctx, &drafts, &metrics, &used);
        for ((c, drafted), record) in same.iter().zip(drafts).zip(records) {
            out.push(Row {
                doc: c.doc,
                paragraph: c.paragraph,
                line: c.line,
                span: c.quantity.span.clone(),
                text: c.quantity.text(&doc.text.text).to_string(),
                note: c.quantity.note.clone(),
                draft: drafted,
                record,
                unfinished: None,
            });
        }
    }
    out.extend(unfinished_rows(ds, &metrics));
    // Beside the uncurated figures of their document, in reading order.
    out.sort_by_key(|r| (r.doc, r.span.start));
    out
}

/// A row for each unfinished draft whose quote was found: its figure (the k-th of the quote for the k-th draft
/// citing that quote), the draft as the text reads it, and the TODOs left in its file.
fn unfinished_rows(ds: &Dataset, metrics: &[MetricEntry]) -> Vec<Row> {
    // Their figures first, document by document, then drafted in one batch per document.
    let mut found: Vec<(DocId, usize, usize, zhibiao_core::quantity::Quantity, &zhibiao_core::dataset::Unfinished)> =
        Vec::new();
    for u in ds.unfinished() {
        let (Some(d), Some((paragraph, span))) = (u.doc, u.at.clone()) else { continue };
        let Some(doc) = ds.documents().get(d.index()) else { continue };
        let Some(para) = doc.text.paragraphs.get(paragraph.wrapping_sub(1)).cloned() else { continue };
        let body = &doc.text.text[para.clone()];
        let local = span.start.saturating_sub(para.start)..span.end.saturating_sub(para.start);
        let mut inside: Vec<_> = zhibiao_core::quantity::find_quantities(body)
            .into_iter()
            .filter(|q| local.start <= q.span.start && q.span.end <= local.end)
            .collect();
        if inside.is_empty() {
            // A table row's figures are its cells (their unit is a column of its own).
            let paragraphs: Vec<&str> = doc.text.paragraphs.iter().map(|r| &doc.text.text[r.clone()]).collect();
            inside = zhibiao_core::quantity::table::row_cells(&paragraphs, paragraph)
                .into_iter()
                .map(|c| c.quantity)
                .filter(|q| q.note.is_none() && local.start <= q.span.start && q.span.end <= local.end)
                .collect();
        }
        // The k-th draft citing a quote is taken to be of its k-th figure.
        let earlier = found
            .iter()
            .filter(|f| f.0 == d && f.1 == paragraph && local.start <= f.3.span.start && f.3.span.end <= local.end)
            .count();
        let Some(q) = inside.get(earlier).or(inside.first()) else { continue };
        found.push((d, paragraph, para.start, q.clone(), u));
    }
    found.sort_by_key(|f| (f.0, f.2 + f.3.span.start));
    let mut out: Vec<Row> = Vec::new();
    for same in found.chunk_by(|a, b| a.0 == b.0) {
        let d = same[0].0;
        let doc = ds.document(d);
        let ctx = draft::doc_context(ds, d);
        let items: Vec<(usize, zhibiao_core::quantity::Quantity)> = same.iter().map(|f| (f.1, f.3.clone())).collect();
        let drafts = draft::draft_found(&ctx, &items, metrics);
        // Lines counted as the figures go, in reading order (not from the start for each).
        let (mut line, mut counted_to) = (1, 0);
        for ((_, paragraph, start, q, u), drafted) in same.iter().zip(drafts) {
            let at = start + q.span.start;
            line += doc.text.text.get(counted_to..at).map_or(0, |s| s.matches('\n').count());
            counted_to = at;
            let mut record = format!("unfinished draft `{}` at {}:{}; still TODO:\n", u.id, u.path, u.line);
            for t in &u.todos {
                let key = t.message.split('`').nth(1).unwrap_or("a list item");
                record += &format!("{}:{}  {key}\n", t.path, t.line);
            }
            out.push(Row {
                doc: d,
                paragraph: *paragraph,
                line,
                span: start + q.span.start..start + q.span.end,
                text: doc.text.text[start + q.span.start..start + q.span.end].to_string(),
                note: None,
                draft: drafted,
                record,
                unfinished: Some(format!("{}:{}", u.path, u.line)),
            });
        }
    }
    out
}

/// The id a rendered record carries (its `id:` line).
pub(crate) fn record_id(record: &str) -> Option<String> {
    let line = record.lines().next()?.strip_prefix("id: ")?;
    Some(line.trim().trim_matches('"').to_string())
}
