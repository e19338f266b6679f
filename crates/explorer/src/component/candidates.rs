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
    /// The drafted record as the indicators file would hold it (a block mapping, `key: value` lines).
    pub record: String,
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
    /// The reason being typed for an ignore, while the prompt is open.
    pub reason: Option<String>,
    /// Figures written to a file since the dataset last loaded (document id, span): hidden at once, since a
    /// record with TODO fields keeps the dataset from loading until it is filled in.
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

    /// A character typed into the reason for an ignore.
    pub fn type_reason(&mut self, c: char) {
        self.reason.get_or_insert_default().push(c);
    }

    /// Backspace (or, with `all`, Ctrl-u) in the reason for an ignore.
    pub fn erase_reason(&mut self, all: bool) {
        let r = self.reason.get_or_insert_default();
        if all {
            r.clear();
        } else {
            r.pop();
        }
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
    let mut used: HashSet<String> = ds.indicators().iter().map(|i| i.id.clone()).collect();
    used.extend(taken.iter().cloned());
    let all = candidates(ds, None);
    let mut out = Vec::with_capacity(all.len());
    let mut d = None;
    let mut ctx = None;
    for c in &all {
        let doc = ds.document(c.doc);
        if pending.iter().any(|(id, span)| *id == doc.id && *span == c.quantity.span) {
            continue;
        }
        if d != Some(c.doc) {
            d = Some(c.doc);
            ctx = Some(draft::doc_context(ds, c.doc.index()));
        }
        let Some(ctx) = ctx.as_ref() else { continue };
        let drafted = draft::draft_candidate(ds, ctx, c, &metrics);
        let record = draft::render_items(ctx, std::slice::from_ref(&drafted), &metrics, &used).remove(0);
        out.push(Row {
            doc: c.doc,
            paragraph: c.paragraph,
            line: c.line,
            span: c.quantity.span.clone(),
            text: c.quantity.text(&doc.text.text).to_string(),
            note: c.quantity.note.clone(),
            draft: drafted,
            record,
        });
    }
    out
}

/// The id a rendered record carries (its `id:` line).
pub(crate) fn record_id(record: &str) -> Option<String> {
    let line = record.lines().next()?.strip_prefix("id: ")?;
    Some(line.trim().trim_matches('"').to_string())
}
