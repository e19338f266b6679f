//! View 6's update over the whole model: computing its rows for the dataset, keeping the selection across a
//! reload, and the writes — accepting a candidate appends its drafted record to the document's indicator file,
//! ignoring appends an `ignored:` entry with a typed reason. Both write through `zhibiao_core::edit` (atomic, comments
//! kept) and the row leaves the view at once, before the file watcher's reload confirms it. The view's own state
//! and the moves within it are [`crate::component::candidates`].

use std::ops::Range;
use std::path::{Path, PathBuf};

use zhibiao_core::edit::{self, List};
use zhibiao_core::ids::DocId;

use super::Model;
use crate::action::{Append, AppendResult, Effect, Purpose};
use crate::component::candidates::{record_id, rows_of, CandidateKey, Written};
use crate::nav::{BrowseLoc, Location};
use crate::state::Input;
use crate::vocab::ViewKind;

impl Model {
    /// Where the selection of view 6 is, by ids that survive a reload: the selected figure (document id, span)
    /// and the selected document.
    pub(crate) fn candidate_key(&self) -> CandidateKey {
        let c = &self.cands;
        let doc_id = |d: DocId| self.ds.documents().get(d.index()).map(|x| x.id.clone());
        CandidateKey {
            figure: c.selected().and_then(|r| Some((doc_id(r.doc)?, r.span.clone()))),
            doc: c.docs.get(c.doc_sel).and_then(|(d, _)| doc_id(*d)),
        }
    }

    /// Recomputes view 6 for the dataset, keeping the selection on the same document and figure when they remain.
    pub(crate) fn refresh_candidates(&mut self) {
        let keep = self.candidate_key();
        self.refresh_candidates_keeping(keep);
    }

    /// Recomputes view 6, selecting `keep` where it remains.
    pub(crate) fn refresh_candidates_keeping(&mut self, keep: CandidateKey) {
        let CandidateKey { figure: keep, doc: keep_doc } = keep;
        let rows = rows_of(&self.ds, &self.cands.pending, &self.cands.pending_ids);
        let mut docs: Vec<(DocId, Range<usize>)> = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            match docs.last_mut() {
                Some((d, range)) if *d == r.doc => range.end = i + 1,
                _ => docs.push((r.doc, i..i + 1)),
            }
        }
        let c = &mut self.cands;
        c.rows = rows;
        c.docs = docs;
        c.fresh = true;
        let ds = &self.ds;
        let doc_of = |id: &str| c.docs.iter().position(|(d, _)| ds.documents()[*d].id == id);
        let (doc_sel, row_sel) = match (&keep, &keep_doc) {
            (Some((id, span)), _) if doc_of(id).is_some() => {
                let g = doc_of(id).unwrap_or(0);
                let rows = &c.rows[c.docs[g].1.clone()];
                // The same figure, else the one now in its place.
                let r = rows.iter().position(|r| r.span == *span).unwrap_or_else(|| c.row_sel.min(rows.len() - 1));
                (g, r)
            }
            (_, Some(id)) => (doc_of(id).unwrap_or(c.doc_sel), 0),
            _ => (c.doc_sel, c.row_sel),
        };
        c.doc_sel = doc_sel.min(c.docs.len().saturating_sub(1));
        c.row_sel = row_sel.min(c.doc_rows().len().saturating_sub(1));
        self.keep_candidates_in_view();
    }

    /// Scrolls both lists of view 6 so their selections show.
    pub(crate) fn keep_candidates_in_view(&mut self) {
        let a = self.areas();
        self.cands.keep_in_view(&a);
    }

    /// Moves the selection of view 6 by `delta` in the focused list.
    pub(crate) fn move_candidates(&mut self, delta: isize) {
        let a = self.areas();
        self.cands.move_by(self.ui.focus, delta, &a);
    }

    /// Sets the dataset folder writes go to, and notes its indicator files' stamps as the dataset shown has them
    /// (a write goes only to a file still so; see `crate::effect`).
    pub fn set_root(&mut self, root: Option<PathBuf>) {
        self.set_root_loaded(root, None);
    }

    /// [`Model::set_root`] with the stamps the load found the indicator files with, when it gives them
    /// (`zhibiao_core::load::Live::file_stamps`): no stat of every file, and a file saved between the load and
    /// this call is not taken for the one the dataset shows.
    pub fn set_root_loaded(
        &mut self,
        root: Option<PathBuf>,
        loaded: Option<std::collections::HashMap<String, zhibiao_core::cache::Stamp>>,
    ) {
        self.loaded = match (&root, loaded) {
            (Some(_), Some(loaded)) => loaded,
            (Some(dir), None) => stamps_of(dir),
            (None, _) => Default::default(),
        };
        self.ui.root = root;
    }

    /// The dataset folder writes go to, or why there is none.
    fn writable_root(&self) -> Result<PathBuf, String> {
        match &self.ui.root {
            Some(dir) => Ok(dir.clone()),
            None => Err("the bundled dataset is read-only: start zhibiao with --data DIR to accept or ignore".into()),
        }
    }

    /// Accepts the selected candidate: asks for its drafted record to be appended to the document's indicator
    /// file (see [`Model::appended`] for what follows).
    pub(crate) fn accept_candidate(&mut self) -> Option<Effect> {
        let Some(row) = self.cands.selected().cloned() else {
            self.ui.message = Some("no candidate selected".to_string());
            return None;
        };
        if let Some(at) = &row.unfinished {
            self.ui.message = Some(format!("already drafted at {at}: fill in its TODOs there and save"));
            return None;
        }
        let root = match self.writable_root() {
            Ok(d) => d,
            Err(msg) => {
                self.ui.message = Some(msg);
                return None;
            }
        };
        let doc_id = self.ds.documents()[row.doc].id.clone();
        let rel = edit::indicator_file_for(&root, &doc_id);
        let id = record_id(&row.record).unwrap_or_default();
        let purpose = Purpose::Accept { id, span: row.span };
        let loaded = self.loaded.get(&rel).copied();
        Some(Effect::Append(Append { root, rel, doc_id, list: List::Indicators, entry: row.record, loaded, purpose }))
    }

    /// Opens the prompt for the reason of an ignore.
    pub(crate) fn start_ignore(&mut self) {
        if self.cands.selected().is_none() {
            self.ui.message = Some("no candidate selected".to_string());
        } else if let Some(at) = self.cands.selected().and_then(|r| r.unfinished.clone()) {
            self.ui.message = Some(format!("already drafted at {at}: finish or delete that record there"));
        } else if let Err(msg) = self.writable_root() {
            self.ui.message = Some(msg);
        } else {
            self.ui.input = Input::Reason(String::new());
        }
    }

    /// Ignores the selected candidate with the typed reason: asks for an `ignored:` entry quoting its clause.
    pub(crate) fn finish_ignore(&mut self, reason: &str) -> Option<Effect> {
        let reason = reason.trim().to_string();
        if reason.is_empty() {
            self.ui.message = Some("an ignored figure needs a reason; nothing was written".to_string());
            return None;
        }
        let (Some(row), Ok(root)) = (self.cands.selected().cloned(), self.writable_root()) else { return None };
        let doc_id = self.ds.documents()[row.doc].id.clone();
        let rel = edit::indicator_file_for(&root, &doc_id);
        let entry = edit::ignored_entry(&row.draft.quote, &reason, (!row.draft.unique).then_some(row.paragraph));
        let summary = format!("ignored: {} ({reason}) appended to {rel}", row.draft.quote);
        // Every figure inside the ignored clause is accounted for, not only the selected one.
        let text = &self.ds.documents()[row.doc].text;
        let para = text.paragraphs.get(row.paragraph - 1).cloned().unwrap_or(0..0);
        let clause = text.text[para.clone()]
            .match_indices(row.draft.quote.as_str())
            .map(|(at, q)| para.start + at..para.start + at + q.len())
            .find(|c| c.start <= row.span.start && row.span.end <= c.end)
            .unwrap_or(row.span.clone());
        let covered: Vec<Range<usize>> = self
            .cands
            .doc_rows()
            .iter()
            .filter(|r| clause.start <= r.span.start && r.span.end <= clause.end)
            .map(|r| r.span.clone())
            .collect();
        let purpose = Purpose::Ignore { summary, span: row.span, covered };
        let loaded = self.loaded.get(&rel).copied();
        Some(Effect::Append(Append { root, rel, doc_id, list: List::Ignored, entry, loaded, purpose }))
    }

    /// An append to an indicator file done (`Ok` with the file's new text) or refused: says what happened and
    /// takes the figures written away out of view 6 at once (the reload that follows confirms it; a record
    /// with TODO fields keeps the dataset from loading until they are filled in).
    pub(crate) fn appended(&mut self, a: Append, result: AppendResult) {
        let rel = &a.rel;
        let text = match result {
            Ok((text, stamp)) => {
                // The file's new stamp is the explorer's own doing, not someone else's edit.
                if let Some(stamp) = stamp {
                    self.loaded.insert(rel.clone(), stamp);
                }
                text
            }
            Err(e) => {
                self.ui.message = Some(format!("{rel}: {e}; nothing was written"));
                return;
            }
        };
        match a.purpose {
            Purpose::Accept { id, span } => {
                let (line, todo) = edit::record_todos(&text, &id).unwrap_or((0, Vec::new()));
                let todo: Vec<String> = todo.into_iter().map(|(key, l)| format!("{rel}:{l}  {key}")).collect();
                // While the dataset does not verify the explorer shows the last good one: no save reloads it
                // until every error is fixed, so the message says so rather than promise a reload.
                let broken = (!self.load_errors.is_empty()).then(|| {
                    format!(
                        "the dataset does not verify ({}), so nothing reloads until they are fixed",
                        crate::text::count(self.load_errors.len(), "error")
                    )
                });
                let next = match (todo.is_empty(), broken) {
                    (true, None) => "complete, the explorer reloads it".to_string(),
                    (true, Some(b)) => format!("complete, but {b}"),
                    (false, None) => format!("fill in {} TODO, then save", todo.len()),
                    (false, Some(b)) => format!("fill in {} TODO and save; {b}", todo.len()),
                };
                let summary = format!("accepted: {id} appended to {rel}:{line}; {next}");
                self.ui.message = Some(summary.clone());
                self.cands.written = Some(Written { summary, todo });
                self.cands.pending_ids.insert(id);
                self.written_away(a.doc_id, span);
            }
            Purpose::Ignore { summary, span, covered } => {
                self.ui.message = Some(summary.clone());
                self.cands.written = Some(Written { summary, todo: Vec::new() });
                for s in covered {
                    self.cands.pending.push((a.doc_id.clone(), s));
                }
                self.written_away(a.doc_id, span);
            }
        }
    }

    /// Hides a figure just written away and recomputes the view (the reload that follows confirms it).
    fn written_away(&mut self, doc_id: String, span: Range<usize>) {
        self.cands.pending.push((doc_id, span));
        self.refresh_candidates();
    }

    /// Enter in view 6: the source view of the figure's document at its paragraph (when the document has records
    /// to show there), else the paragraph stays in the context pane.
    pub(crate) fn open_candidate(&mut self) {
        let Some(row) = self.cands.selected().cloned() else { return };
        let nearest = self.ds.indicators_of_document(row.doc).min_by_key(|&i| {
            let s = self.ds.indicators()[i].span.start;
            (s as isize - row.span.start as isize).unsigned_abs()
        });
        let Some(ind) = nearest else {
            self.ui.message = Some(format!(
                "¶{} is shown below; the document has no records yet, so it has no source view",
                row.paragraph
            ));
            return;
        };
        let back = BrowseLoc { view: ViewKind::Candidates, group: None, indicator: None };
        self.jump(Location::Source { indicator: ind, back });
        let start = self.ds.documents()[row.doc].text.paragraphs.get(row.paragraph - 1).map_or(0, |p| p.start);
        if let Some(s) = self.ui.source.as_mut() {
            s.top = start;
        }
        self.scroll_source(0);
        self.ui.message = Some(format!(
            "¶{}, line {} of the source (the highlighted quote is the nearest record's)",
            row.paragraph, row.line
        ));
    }
}

/// The stamps of the indicator files of the dataset folder `dir`.
pub(super) fn stamps_of(dir: &Path) -> std::collections::HashMap<String, zhibiao_core::cache::Stamp> {
    let root = zhibiao_core::Root::Dir(dir.to_path_buf());
    let files = root.indicator_files().unwrap_or_default();
    // On every core, one fstatat per file in its open folder: 60,000 files at 12,000 cities.
    let stamps = root.stamps(&files.iter().map(String::as_str).collect::<Vec<_>>());
    files.into_iter().zip(stamps).filter_map(|(rel, s)| Some((rel, s?))).collect()
}

/// A scratch dataset for the explorer's write and reload tests: the base fixture with one more paragraph, whose
/// two figures (`3000个` charging points, `50万户` 5G users) no record accounts for.
#[cfg(test)]
pub(crate) mod scratch {
    use std::path::{Path, PathBuf};

    /// The new paragraph (paragraph 7 of the base plan).
    pub const PARAGRAPH: &str = "到2024年,全市新建充电桩3000个,5G用户数达到50万户。";

    /// A fresh copy under the temporary folder, unique to `tag` and this process; the caller removes it.
    pub fn dataset(tag: &str) -> PathBuf {
        let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/base");
        let dir = std::env::temp_dir().join(format!("zhibiao-tui-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy(&base, &dir);
        let plan = dir.join("seeds/plan.txt");
        let text = std::fs::read_to_string(&plan).expect("the plan") + PARAGRAPH + "\n";
        std::fs::write(plan, text).expect("write the plan");
        dir
    }

    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("create folder");
        for e in std::fs::read_dir(from).expect("read folder").flatten() {
            let target = to.join(e.file_name());
            if e.path().is_dir() {
                copy(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), target).expect("copy");
            }
        }
    }

    /// The model of the explorer on the dataset at `dir`, with writes going there, at `size`.
    pub fn model(dir: &Path, size: (u16, u16)) -> crate::app::Model {
        let root = zhibiao_core::Root::dir(dir).expect("a dataset root");
        let ds = zhibiao_core::load(&root).unwrap_or_else(|e| panic!("the scratch dataset loads:\n{e}"));
        let mut m = crate::app::Model::new(ds, size);
        m.set_root(Some(dir.to_path_buf()));
        m
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::scratch;
    use crate::action::Action;
    use crate::app::{update, Model};
    use crate::reload;
    use crate::step;
    use crate::vocab::ViewKind;

    const FILE: &str = "data/indicators/test-plan.yaml";

    /// Puts comments at the top, between the lists and at the end of the indicator file; returns its text.
    fn with_comments(dir: &std::path::Path) -> String {
        let path = dir.join(FILE);
        let text = fs::read_to_string(&path).unwrap();
        let text =
            format!("# Curated by hand; keep this line.\n{}", text.replace("ignored:\n", "# Left out:\nignored:\n"));
        let text = text + "# end of file\n";
        fs::write(&path, &text).unwrap();
        text
    }

    fn leftovers(dir: &std::path::Path) -> Vec<String> {
        fs::read_dir(dir.join("data/indicators"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != "test-plan.yaml")
            .collect()
    }

    fn figures(m: &Model) -> Vec<&str> {
        m.cands.rows.iter().map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn a_file_saved_by_someone_else_since_the_load_is_reloaded_not_written_over() {
        let dir = scratch::dataset("edited-beside");
        let mut m = scratch::model(&dir, (100, 30));
        update(&mut m, Action::ShowView(ViewKind::Candidates));
        assert_eq!(figures(&m), ["3000个", "50万户"]);
        // An editor's save the explorer has not reloaded yet (no watcher here): a note at the end.
        let path = dir.join(FILE);
        let edited = format!("{}# a note saved from an editor\n", fs::read_to_string(&path).unwrap());
        fs::write(&path, &edited).unwrap();
        // What the write found: the file changed since the load, so nothing is written; the loop reloads.
        let effect = update(&mut m, Action::AcceptCandidate).expect("an append is asked for");
        assert_eq!(crate::effect::perform(effect, &m.ds), Some(crate::action::Done::Changed(FILE.to_string())));
        assert_eq!(fs::read_to_string(&path).unwrap(), edited, "nothing written");
        step(&mut m, Action::AcceptCandidate);
        assert_eq!(fs::read_to_string(&path).unwrap(), edited, "nothing written");
        let msg = m.ui.message.clone().unwrap_or_default();
        assert!(msg.contains(FILE) && msg.contains("changed on disk") && msg.contains("reloaded"), "{msg}");
        assert_eq!(figures(&m), ["3000个", "50万户"], "the selection is still there to accept");
        // Pressed again, with the edit now loaded: the record goes in after the note, which stays.
        step(&mut m, Action::AcceptCandidate);
        let after = fs::read_to_string(&path).unwrap();
        assert!(after.contains("# a note saved from an editor\n") && after.contains("3000个"), "{after}");
        assert_eq!(figures(&m), ["50万户"]);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_reload_after_a_file_saved_elsewhere_goes_through_the_load_cache_the_explorer_loaded_through() {
        let dir = scratch::dataset("edited-beside-cached");
        let cache = dir.with_extension("cache");
        let mut m = scratch::model(&dir, (100, 30));
        m.ui.load_cache = Some(cache.clone());
        update(&mut m, Action::ShowView(ViewKind::Candidates));
        let path = dir.join(FILE);
        let edited = format!("{}# a note saved from an editor\n", fs::read_to_string(&path).unwrap());
        fs::write(&path, &edited).unwrap();
        step(&mut m, Action::AcceptCandidate);
        assert_eq!(fs::read_to_string(&path).unwrap(), edited, "nothing written");
        let msg = m.ui.message.clone().unwrap_or_default();
        assert!(msg.contains("changed on disk") && msg.contains("reloaded"), "{msg}");
        // The reload wrote the cache it went through (a load without one writes nothing there).
        let written =
            fs::read_dir(&cache).map(|d| d.flatten().any(|e| e.path().extension().is_some_and(|x| x == "bin")));
        assert!(written.unwrap_or(false), "a cache file in {}", cache.display());
        step(&mut m, Action::AcceptCandidate);
        assert!(fs::read_to_string(&path).unwrap().contains("3000个"), "written once the edit is loaded");
        let _ = fs::remove_dir_all(&dir);
        let _ = fs::remove_dir_all(&cache);
    }

    #[test]
    fn accept_appends_the_drafted_record_keeping_comments_and_points_at_each_todo() {
        let dir = scratch::dataset("accept");
        let before = with_comments(&dir);
        let mut m = scratch::model(&dir, (100, 30));
        update(&mut m, Action::ShowView(ViewKind::Candidates));
        assert_eq!(figures(&m), ["3000个", "50万户"]);
        step(&mut m, Action::AcceptCandidate);

        let after = fs::read_to_string(dir.join(FILE)).unwrap();
        let record = [
            "  - id: test-plan-p7",
            "    metric: TODO",
            "    name: TODO  # 全市新建充电桩",
            "    name_en: TODO",
            "    kind: target",
            "    comparator: equal",
            "    value: 3000",
            "    unit: 个",
            "    year: 2024",
            "    quote: 全市新建充电桩3000个\n",
        ]
        .join("\n");
        // Everything the file held is still there, byte for byte, the record right after the last indicator.
        let (head, tail) = before.split_at(before.find("# Left out:").unwrap());
        assert_eq!(after, format!("{head}{record}{tail}"));
        assert!(leftovers(&dir).is_empty(), "no temporary file is left: {:?}", leftovers(&dir));

        // The row leaves the view at once; the view says which lines to fill in.
        assert_eq!(figures(&m), ["50万户"]);
        let line = |key: &str| after.lines().position(|l| l.starts_with(&format!("    {key}: TODO"))).unwrap() + 1;
        let todo = &m.cands.written.as_ref().expect("the write is reported").todo;
        let want: Vec<String> =
            ["metric", "name", "name_en"].iter().map(|k| format!("{FILE}:{}  {k}", line(k))).collect();
        assert_eq!(todo, &want);

        // Until they are filled in, the reload sets the record aside (the rest loads) and the view lists it again
        // as an unfinished draft beside the other figure, pointing at its file; it cannot be accepted twice.
        let n = m.ds.indicators().len();
        reload::update(&mut m, reload::load(&dir));
        assert_eq!(m.ds.indicators().len(), n);
        assert!(m.load_errors.is_empty(), "{:?}", m.load_errors);
        assert_eq!(m.ds.unfinished().len(), 1);
        assert!(
            m.ui.message.as_deref().is_some_and(|s| s.contains("1 unfinished drafts set aside")),
            "{:?}",
            m.ui.message
        );
        assert_eq!(figures(&m), ["3000个", "50万户"]);
        let row = &m.cands.rows[0];
        let start = after.lines().position(|l| l == "  - id: test-plan-p7").unwrap() + 1;
        assert_eq!(row.unfinished.as_deref(), Some(format!("{}:{start}", dir.join(FILE).display()).as_str()));
        assert!(row.record.contains(&format!("{FILE}:{}  metric", line("metric"))), "{}", row.record);
        m.cands.row_sel = 0;
        update(&mut m, Action::AcceptCandidate);
        assert_eq!(fs::read_to_string(dir.join(FILE)).unwrap(), after, "nothing is appended twice");
        assert!(m.ui.message.as_deref().is_some_and(|s| s.starts_with("already drafted at")), "{:?}", m.ui.message);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn update_only_asks_for_the_write_and_the_row_leaves_view_6_once_it_is_done() {
        let dir = scratch::dataset("accept-effect");
        let before = fs::read_to_string(dir.join(FILE)).unwrap();
        let mut m = scratch::model(&dir, (100, 30));
        update(&mut m, Action::ShowView(ViewKind::Candidates));
        let effect = update(&mut m, Action::AcceptCandidate).expect("an append is asked for");
        assert!(matches!(&effect, crate::action::Effect::Append(a) if a.rel == FILE));
        assert_eq!(fs::read_to_string(dir.join(FILE)).unwrap(), before, "update wrote nothing");
        assert_eq!(figures(&m), ["3000个", "50万户"]);
        let done = crate::effect::perform(effect, &m.ds).expect("performed");
        crate::app::finish(&mut m, done);
        assert_ne!(fs::read_to_string(dir.join(FILE)).unwrap(), before);
        assert_eq!(figures(&m), ["50万户"]);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn accepting_while_the_dataset_is_broken_does_not_promise_a_reload() {
        let dir = scratch::dataset("accept-broken");
        let mut m = scratch::model(&dir, (100, 30));
        // Another file broken (the one written to is refused while it differs from the load, see above).
        let cities = dir.join("data/cities.yaml");
        fs::write(&cities, fs::read_to_string(&cities).unwrap() + "- id: broken\n").unwrap();
        reload::update(&mut m, reload::load(&dir));
        assert!(!m.load_errors.is_empty());
        update(&mut m, Action::ShowView(ViewKind::Candidates));
        step(&mut m, Action::AcceptCandidate);
        let msg = m.ui.message.clone().unwrap_or_default();
        assert!(msg.starts_with("accepted: "), "{msg}");
        assert!(msg.contains("does not verify (") && !msg.contains("reloads it"), "{msg}");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn yank_in_view_6_copies_the_citation_of_its_selected_figure() {
        let dir = scratch::dataset("yank6");
        let mut m = scratch::model(&dir, (100, 30));
        update(&mut m, Action::ShowView(ViewKind::All));
        update(&mut m, Action::FocusTable);
        assert!(m.selected().is_some(), "a record is selected in view 4");
        update(&mut m, Action::ShowView(ViewKind::Candidates));
        update(&mut m, Action::Down);
        assert_eq!(m.cands.selected().map(|r| r.text.as_str()), Some("50万户"));
        let copied = step(&mut m, Action::Yank).expect("a citation is copied");
        assert!(copied.starts_with("“5G用户数达到50万户” — 《"), "{copied}");
        assert!(copied.ends_with("¶7"), "{copied}");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn ignore_asks_for_a_reason_appends_to_ignored_and_the_reload_confirms_it() {
        let dir = scratch::dataset("ignore");
        let before = with_comments(&dir);
        let mut m = scratch::model(&dir, (100, 30));
        update(&mut m, Action::ShowView(ViewKind::Candidates));
        update(&mut m, Action::Down);
        assert_eq!(m.cands.selected().map(|r| r.text.as_str()), Some("50万户"));
        update(&mut m, Action::IgnoreCandidate);
        assert_eq!(m.mode(), crate::vocab::Mode::FilterInput, "the reason is typed next");
        // An empty reason writes nothing.
        step(&mut m, Action::Accept);
        assert_eq!(fs::read_to_string(dir.join(FILE)).unwrap(), before);
        update(&mut m, Action::IgnoreCandidate);
        for c in "users, not stations".chars() {
            update(&mut m, Action::InputChar(c));
        }
        step(&mut m, Action::Accept);
        let after = fs::read_to_string(dir.join(FILE)).unwrap();
        let entry = "  - quote: 5G用户数达到50万户\n    reason: users, not stations\n";
        let (head, tail) = before.split_at(before.find("# end of file").unwrap());
        assert_eq!(after, format!("{head}{entry}{tail}"));
        assert_eq!(figures(&m), ["3000个"]);

        // The dataset still verifies; the reload takes the entry in and the figure stays gone.
        reload::update(&mut m, reload::load(&dir));
        assert!(m.load_errors.is_empty(), "{:?}", m.load_errors);
        assert_eq!(m.ds.ignored().len(), 2);
        assert_eq!(figures(&m), ["3000个"]);
        assert_eq!(m.ui.view, ViewKind::Candidates);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn keys_and_the_wheel_move_through_the_figures_and_enter_keeps_the_paragraph_in_view() {
        let dir = scratch::dataset("keys");
        let mut m = scratch::model(&dir, (100, 30));
        update(&mut m, Action::ShowView(ViewKind::Candidates));
        assert_eq!(m.mode(), crate::vocab::Mode::Candidates);
        let a = m.areas();
        update(&mut m, Action::Wheel(a.table.x + 2, a.table.y + 3, true));
        assert_eq!(m.cands.selected().map(|r| r.text.as_str()), Some("50万户"));
        update(&mut m, Action::Up);
        assert_eq!(m.cands.selected().map(|r| r.text.as_str()), Some("3000个"));
        // The document has records: Enter opens its source at the figure's paragraph; Esc comes back to view 6.
        update(&mut m, Action::Open);
        let top = m.ui.source.as_ref().expect("the source view").top;
        let para = m.ds.documents()[0].text.paragraphs[6].clone();
        assert!(top <= para.start && para.start < m.ds.documents()[0].text.text.len(), "{top} {para:?}");
        update(&mut m, Action::Back);
        assert_eq!((m.ui.view, m.ui.source.is_none()), (ViewKind::Candidates, true));
        assert_eq!(m.cands.selected().map(|r| r.text.as_str()), Some("3000个"));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn without_a_dataset_folder_writes_are_refused_with_a_clear_message() {
        // The bundled dataset has no folder (and no unaccounted figure left); a model without a root is that case.
        let dir = scratch::dataset("read-only");
        let before = fs::read_to_string(dir.join(FILE)).unwrap();
        let mut m = scratch::model(&dir, (100, 30));
        m.set_root(None);
        update(&mut m, Action::ShowView(ViewKind::Candidates));
        step(&mut m, Action::AcceptCandidate);
        assert!(
            m.ui.message.as_deref().is_some_and(|s| s.contains("read-only") && s.contains("--data")),
            "{:?}",
            m.ui.message
        );
        update(&mut m, Action::IgnoreCandidate);
        assert!(
            m.ui.input == crate::state::Input::None && m.ui.message.as_deref().is_some_and(|s| s.contains("read-only"))
        );
        assert_eq!(figures(&m), ["3000个", "50万户"]);
        assert_eq!(fs::read_to_string(dir.join(FILE)).unwrap(), before);
        let _ = fs::remove_dir_all(&dir);
    }
}
