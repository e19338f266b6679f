//! Loading one indicator file: its YAML read, each distinct quote placed once in its document, each entry
//! verified (quote, figure, baseline, the metric's rules) and built into an [`Indicator`] — the part of a load
//! that runs on both cores, one file per task; and verifying edited files alone against what already verified
//! (the query index's way, see `crate::lookup`).

use std::collections::HashMap;

use super::{Checker, Context, FileResult, Source};
use crate::corpus::Text;
use crate::dataset::{Ignored, Indicator, Qualifiers, SharedStr, Unfinished};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::ids::{CityId, DocId, MetricId, ThemeId};
use crate::root::Root;
use crate::schema::{IndicatorEntry, IndicatorFile, MetricEntry, ThemeEntry};
use crate::verify::{self, report, Claim};
use crate::yamlpos::Step;

/// What a verified entry refers to, resolved: an [`Indicator`] is built with them.
#[derive(Clone, Copy)]
struct Refs {
    doc: DocId,
    city: CityId,
    theme: ThemeId,
    metric: MetricId,
}

/// The document a file's entries are checked against: its text and its id (for messages).
#[derive(Clone, Copy)]
struct InDoc<'a> {
    text: &'a Text,
    id: &'a str,
}

/// The numeric cells of the table row at `paragraph` when `quote` is that whole row, else none. Only a quote with
/// a cell separator (tab, two spaces, a full-width space) can be one, so other quotes cost nothing here.
fn table_row(text: &Text, paragraph: usize, quote: &str) -> Vec<crate::quantity::table::Cell> {
    let separated = quote.contains('\t') || quote.contains('\u{3000}') || quote.contains("  ");
    if !separated || text.paragraph(paragraph).is_none_or(|p| p.trim() != quote.trim()) {
        return Vec::new();
    }
    let paragraphs: Vec<&str> = (1..=text.paragraphs.len()).filter_map(|n| text.paragraph(n)).collect();
    crate::quantity::table::row_cells(&paragraphs, paragraph)
}

impl Context<'_> {
    /// Loads and verifies one file under `data/indicators/`.
    pub(super) fn indicator_file(&self, rel: &str) -> FileResult {
        let mut l = Checker { root: self.root, diags: Vec::new() };
        let mut result = FileResult {
            rel: rel.to_string(),
            indicators: Vec::new(),
            ignored: Vec::new(),
            entries: 0,
            diags: Vec::new(),
            reused: false,
            unfinished: Vec::new(),
            doc: None,
        };
        let Some((src, mut file)) = l.yaml::<IndicatorFile>(rel, &["indicators", "ignored"]) else {
            result.diags = l.diags;
            return result;
        };
        result.entries = file.indicators.len();
        let mut drafts = DraftTodos::sort(&src, &mut l.diags, file.indicators.len());
        let Some(doc) = self.doc_ids.get(file.document.as_str()).copied().map(DocId::new) else {
            let mut d = Diagnostic::error(
                &src.shown,
                src.at(&[Step::Key("document")]),
                format!("unknown document `{}`", file.document),
            );
            if let Some(h) = did_you_mean(&file.document, self.doc_ids.keys().copied()) {
                d = d.hint(format!("did you mean `{h}`?"));
            }
            result.diags.push(d);
            return result;
        };
        let (text, city) = match self.docs.get(doc.index()) {
            Some((Some(text), Some(city))) => {
                result.doc = Some(doc);
                (text, *city)
            }
            // The document itself failed and was reported; its quotes cannot be checked.
            _ => {
                result.diags = l.diags;
                return result;
            }
        };
        // Place each distinct quote of the file once (many records cite one sentence), then hand each entry the
        // occurrences of its quote.
        let (all_hits, hit_of) = {
            let mut quote_index: HashMap<&str, usize> = HashMap::new();
            let quotes =
                file.indicators.iter().map(|e| e.quote.as_str()).chain(file.ignored.iter().map(|e| e.quote.as_str()));
            let hit_of: Vec<usize> = quotes
                .map(|q| {
                    let next = quote_index.len();
                    *quote_index.entry(q).or_insert(next)
                })
                .collect();
            let mut needles = vec![""; quote_index.len()];
            for (q, &i) in &quote_index {
                needles[i] = q;
            }
            (crate::corpus::find_many(text, &needles), hit_of)
        };
        let indicator_count = file.indicators.len();
        // The quantities of each distinct quote, parsed on first use.
        let mut quantities: Vec<Option<Vec<crate::quantity::Quantity>>> = vec![None; all_hits.len()];
        // The entries are consumed: their strings move into the indicators instead of being copied.
        for (i, entry) in std::mem::take(&mut file.indicators).into_iter().enumerate() {
            // A record with a TODO left is an unfinished draft: checked as far as it goes (a bad quote still
            // stops the load), then set aside instead of joining the dataset.
            let mut todos = drafts.take(i);
            let before = l.diags.len();
            let draft_of = (!todos.is_empty()).then(|| (entry.id.clone(), entry.quote.clone(), entry.paragraph));
            let metric = match self.metric_ids.get(entry.metric.as_str()) {
                Some(&m) => Some(m),
                None => {
                    let at = src.at(&[Step::Key("indicators"), Step::Index(i), Step::Key("metric")]);
                    l.unknown_ref(&src.shown, at, "metric", &entry.metric, self.metric_ids.keys().copied());
                    if entry.metric.starts_with("TODO") {
                        // The TODO's hint names the registry's metrics closest to the record's words.
                        let words = format!("{} {}", entry.name, entry.quote);
                        let registry = self.metrics.iter().map(|m| (m.id.as_str(), m.name.as_str()));
                        let near = verify::todo::nearest_metrics(registry, &words, 3);
                        verify::todo::name_nearest_metrics(&mut l.diags, &src.shown, at.0, &near);
                        verify::todo::name_nearest_metrics(&mut todos, &src.shown, at.0, &near);
                    }
                    None
                }
            };
            // The theme is the metric's; an unknown theme on the metric was reported in metrics.yaml.
            let theme =
                metric.and_then(|m| self.theme_ids.get(self.metrics[m].theme.as_str()).copied().map(ThemeId::new));
            let hits = &all_hits[hit_of[i]];
            let found = quantities[hit_of[i]].get_or_insert_with(|| crate::quantity::find_quantities(&entry.quote));
            // A metric whose own theme is unknown was reported in metrics.yaml; its records are checked against
            // it no further.
            let registry = metric.filter(|_| theme.is_some()).map(|m| &self.metrics[m]);
            // Built only when everything it refers to is known; its entry is verified either way.
            let refs =
                theme.zip(metric).map(|(theme, metric)| Refs { doc, city, theme, metric: MetricId::new(metric) });
            let in_doc = InDoc { text, id: &file.document };
            let built = l.indicator((&src, i), entry, in_doc, (hits, found), (registry, refs));
            if let Some((id, quote, hint)) = draft_of {
                // What the TODOs explain (`unknown metric `TODO``) is not a problem of its own.
                let mut own = l.diags.split_off(before);
                own.retain(|d| !todos.iter().any(|t| t.line == d.line));
                l.diags.extend(own);
                let line = drafts.starts.get(i).copied().unwrap_or(1);
                // Placed on its own: a TODO in another field (`metric: TODO`) keeps the record from being built.
                let at = verify::place_quote(text, &quote, hint, hits).ok().map(|loc| (loc.paragraph, loc.span));
                let path = src.shown.clone();
                result.unfinished.push(Unfinished { path, line, id, doc: Some(doc), at, quote, todos });
                continue;
            }
            if let Some(ind) = built {
                result.indicators.push((i, ind));
            }
        }
        for (i, entry) in std::mem::take(&mut file.ignored).into_iter().enumerate() {
            let at = |key: &str| src.at(&[Step::Key("ignored"), Step::Index(i), Step::Key(key)]);
            if entry.reason.trim().is_empty() {
                l.diags.push(Diagnostic::error(&src.shown, at("reason"), "an ignored passage needs a reason"));
            }
            let hits = &all_hits[hit_of[indicator_count + i]];
            let Some(loc) = l.quote(
                &src.shown,
                || at("quote"),
                InDoc { text, id: &file.document },
                (&entry.quote, entry.paragraph),
                hits,
            ) else {
                continue;
            };
            if crate::quantity::find_quantities(&entry.quote).is_empty() {
                l.diags.push(
                    Diagnostic::error(&src.shown, at("quote"), "ignored passage holds no quantity")
                        .detail("quote", &entry.quote)
                        .hint("the parser finds no figure in it, so there is nothing to ignore; remove the entry"),
                );
            }
            result.ignored.push(Ignored {
                doc,
                quote: entry.quote,
                reason: entry.reason,
                paragraph: loc.paragraph,
                span: loc.span,
            });
        }
        result.diags = l.diags;
        result
    }
}

/// The TODOs of a file's records, by record: those of an entry of `indicators:` make it an unfinished draft;
/// any other (in an ignored entry, the `document:` key, or a file whose list could not be read line by line)
/// stays a problem of the file.
struct DraftTodos {
    /// The first line of each record.
    starts: Vec<usize>,
    /// Each record's TODO diagnostics.
    by_entry: Vec<Vec<Diagnostic>>,
}

impl DraftTodos {
    /// Takes the TODO diagnostics of records out of `diags` (a file of `entries` records, read from `src`).
    fn sort(src: &Source, diags: &mut Vec<Diagnostic>, entries: usize) -> DraftTodos {
        let mut out = DraftTodos { starts: Vec::new(), by_entry: vec![Vec::new(); entries] };
        if !diags.iter().any(verify::todo::is_todo) {
            return out;
        }
        let text = src.text.get().map_or("", String::as_str);
        let Some((starts, end)) = verify::todo::entry_starts(text, "indicators").filter(|(s, _)| s.len() == entries)
        else {
            return out;
        };
        let (todos, rest): (Vec<Diagnostic>, Vec<Diagnostic>) =
            std::mem::take(diags).into_iter().partition(verify::todo::is_todo);
        *diags = rest;
        for d in todos {
            // The last record starting at or before the TODO's line, if the line is still inside the list.
            let k = starts.partition_point(|&s| s <= d.line);
            if k > 0 && d.line < end {
                out.by_entry[k - 1].push(d);
            } else {
                diags.push(d);
            }
        }
        out.starts = starts;
        out
    }

    /// The TODOs of record `i` (empty for a finished record).
    fn take(&mut self, i: usize) -> Vec<Diagnostic> {
        self.by_entry.get_mut(i).map(std::mem::take).unwrap_or_default()
    }
}

impl Checker<'_> {
    /// Places a quote in its document, reporting why not.
    fn quote(
        &mut self,
        shown: &str,
        at: impl Fn() -> (usize, usize),
        doc: InDoc<'_>,
        (quote, hint): (&str, Option<usize>),
        hits: &[(usize, std::ops::Range<usize>)],
    ) -> Option<verify::Located> {
        match verify::place_quote(doc.text, quote, hint, hits) {
            Ok(loc) => Some(loc),
            Err(problem) => {
                self.diags.push(report::quote_diagnostic(shown, at(), quote, doc.id, problem));
                None
            }
        }
    }

    /// Verifies one indicator entry against its document and its metric, and builds it when it verifies and
    /// `refs` (what it refers to) are known.
    fn indicator(
        &mut self,
        (src, i): (&Source, usize),
        e: IndicatorEntry,
        doc: InDoc<'_>,
        (hits, found): (&[(usize, std::ops::Range<usize>)], &[crate::quantity::Quantity]),
        (metric, refs): (Option<&MetricEntry>, Option<Refs>),
    ) -> Option<Indicator> {
        let at = |key: &str| src.at(&[Step::Key("indicators"), Step::Index(i), Step::Key(key)]);
        let shown = src.shown.as_str();
        let before = self.diags.len();
        for problem in verify::entry::well_formed(&e) {
            self.diags.push(report::problem_diagnostic(shown, at(problem.key), problem));
        }
        let loc = self.quote(shown, || at("quote"), doc, (&e.quote, e.paragraph), hits);
        let claim = Claim::of(&e);
        if let Some(loc) = &loc {
            // A quote that is a whole row of an indicator table is read cell by cell, the cell of the record's year.
            let cells = table_row(doc.text, loc.paragraph, &e.quote);
            let matched = if cells.is_empty() {
                verify::match_figure_in(found, &claim)
            } else {
                verify::match_table_cell(&cells, &claim, e.year)
            };
            if let Err(problem) = matched {
                self.diags.push(report::figure_diagnostic(shown, at, &e, problem));
            }
            if let Some(b) = e.baseline_value {
                if let Err(problem) = verify::baseline_in_quote(found, b) {
                    self.diags.push(report::baseline_diagnostic(shown, at("baseline_value"), &e, b, problem));
                }
            }
        }
        if let Some(m) = metric {
            use verify::entry as r;
            let checks = [
                r::unit_converts(&e.unit, m),
                r::theme_is_the_metric_s(e.theme.as_deref(), m),
                r::change_has_a_baseline(&e, m),
                r::rank_counts_places(&e.unit, m),
                r::period_ends_in_year(&e, m),
                r::as_of_in_year(&e),
            ];
            for problem in checks.into_iter().filter_map(Result::err) {
                self.diags.push(report::problem_diagnostic(shown, at(problem.key), problem));
            }
        }
        let normalized = verify::normalize_value(e.value, &e.unit);
        let normalized_max = e.value_max.map(|m| verify::normalize_value(m, &e.unit));
        if normalized.is_none() || normalized_max.as_ref().is_some_and(Option::is_none) {
            self.diags.push(Diagnostic::error(
                shown,
                at("value"),
                "the value is too large once its unit's multiplier is applied",
            ));
        }
        if self.diags.len() > before {
            return None;
        }
        let (loc, refs) = (loc?, refs?);
        let (base_value, mut base_unit) = normalized?;
        if let Some(m) = metric {
            // An alias or a bare multiplier counts as the metric's unit.
            base_unit = m.unit.clone();
        }
        let mut e = e;
        let qualifiers = Qualifiers::take_from(&mut e).boxed();
        Some(Indicator {
            id: e.id.into(),
            doc: refs.doc,
            city: refs.city,
            theme: refs.theme,
            metric: refs.metric,
            name: e.name.into(),
            name_en: e.name_en.into(),
            kind: e.kind,
            comparator: e.comparator,
            value: e.value,
            value_max: e.value_max,
            unit: e.unit.into(),
            base_value,
            base_value_max: normalized_max.flatten().map(|(v, _)| v),
            base_unit: base_unit.into(),
            year: e.year,
            baseline_year: e.baseline_year,
            baseline_value: e.baseline_value,
            quote: e.quote.into(),
            paragraph: loc.paragraph,
            span: loc.span,
            status: e.status.unwrap_or_default(),
            qualifiers,
            note: e.note.map(SharedStr::from),
        })
    }
}

/// What is already verified about a dataset when only some indicator files changed (a query index holds it):
/// its tables as parsed and each document's text and city, in table order.
pub(crate) struct Verified<'a> {
    pub themes: &'a [ThemeEntry],
    pub metrics: &'a [MetricEntry],
    /// The documents' ids, in table order.
    pub documents: &'a [String],
    /// Per document, its text and city; a document whose text is not given here is one no file may cite.
    pub docs: &'a [(Option<Text>, Option<CityId>)],
}

/// What one indicator file verified to on its own (see [`verify_alone`]).
pub(crate) struct Alone {
    /// Its records, each with its index among the file's entries.
    pub indicators: Vec<(usize, Indicator)>,
    /// Its ignored passages.
    pub ignored: Vec<Ignored>,
    /// Its entries, verified or set aside.
    pub entries: usize,
    /// Its unfinished drafts, set aside as a load sets them aside.
    pub unfinished: Vec<Unfinished>,
}

/// The indicator files `files` of `root` read and verified alone, against tables and documents that verified
/// and have not changed since: per file what it verified to, its unfinished drafts set aside as a load sets them
/// aside. `None` when any of them has a problem or cites a document whose text is not given (the caller then
/// loads the normal way, which reports it); the checks across files are the caller's.
pub(crate) fn verify_alone(root: &Root, known: &Verified, files: &[String]) -> Option<Vec<Alone>> {
    fn ids<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
        ids.enumerate().map(|(i, id)| (id, i)).collect()
    }
    let doc_ids = ids(known.documents.iter().map(String::as_str));
    let theme_ids = ids(known.themes.iter().map(|t| t.id.as_str()));
    let metric_ids = ids(known.metrics.iter().map(|m| m.id.as_str()));
    let ctx = Context {
        root,
        doc_ids: &doc_ids,
        theme_ids: &theme_ids,
        metric_ids: &metric_ids,
        metrics: known.metrics,
        docs: known.docs,
    };
    files
        .iter()
        .map(|rel| {
            let r = ctx.indicator_file(rel);
            let read = r.doc.is_some_and(|d| known.docs.get(d.index()).is_some_and(|(text, _)| text.is_some()));
            let all = r.indicators.len() + r.unfinished.len() == r.entries;
            let clean = read && r.diags.is_empty() && all;
            clean.then_some(Alone {
                indicators: r.indicators,
                ignored: r.ignored,
                entries: r.entries,
                unfinished: r.unfinished,
            })
        })
        .collect()
}
