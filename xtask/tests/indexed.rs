//! The load cache's query index answers `list` exactly as a full load does: on synthetic datasets of 10 and 50
//! cities, for many combinations of filters, the records it selects (as JSON and CSV, every key) and the
//! dataset's size are those of `--no-cache`; and it is used only while nothing changed.

mod common;

use std::path::Path;

use zhibiao::cli::list::{filter, Args, KindArg};
use zhibiao::cli::Format;
use zhibiao_core::ids::IndicatorId;
use zhibiao_core::{record, Dataset, Root};

fn args() -> Args {
    Args {
        city: Vec::new(),
        theme: Vec::new(),
        year: Vec::new(),
        kind: None,
        metric: Vec::new(),
        doc: None,
        grep: None,
        format: Format::Json,
        sheet: Default::default(),
    }
}

/// JSON and CSV of the indicators `ids` of `ds`.
fn printed(ds: &Dataset, ids: &[IndicatorId]) -> (String, String) {
    let (mut json, mut csv) = (Vec::new(), Vec::new());
    record::write_json(&mut json, ds, ids).expect("json");
    record::write_csv(&mut csv, ds, ids).expect("csv");
    (String::from_utf8(json).expect("UTF-8"), String::from_utf8(csv).expect("UTF-8"))
}

/// Filter combinations over `ds`: single fields, pairs, several values, and text forms (literal, regex,
/// anchored, a city's or a theme's name, one matching everything, one matching nothing).
fn combinations(ds: &Dataset) -> Vec<Args> {
    let city = |k: usize| ds.cities()[k % ds.cities().len()].name.clone();
    let theme = |k: usize| ds.themes()[k % ds.themes().len()].id.clone();
    let metric = |k: usize| ds.metrics()[ds.indicators()[k % ds.indicators().len()].metric].id.clone();
    let year = |k: usize| ds.indicators()[k % ds.indicators().len()].year;
    let mut all = Vec::new();
    let greps = ["5G", "^5g", "充电|公里", "\\b2025\\b", "", "zzz-nothing", "Shenyang|沈阳", "energy", "个$"];
    for g in greps {
        all.push(Args { grep: Some(g.to_string()), ..args() });
        all.push(Args { city: vec![city(3)], grep: Some(g.to_string()), ..args() });
    }
    // A city's own name as the text: every indicator of that city matches by name.
    all.push(Args { grep: Some(city(7)), ..args() });
    all.push(Args {
        city: vec![city(1), city(5)],
        grep: Some(ds.cities()[5 % ds.cities().len()].name_en.clone()),
        ..args()
    });
    all.push(Args { grep: Some(ds.themes()[0].name.clone()), year: vec![year(11)], ..args() });
    all.push(Args { city: vec![city(2)], ..args() });
    // A city named every way `--city` takes: `临川市` for 临川, its English name in capitals, its id.
    let (en, id) =
        (ds.cities()[6 % ds.cities().len()].name_en.to_uppercase(), ds.cities()[8 % ds.cities().len()].id.clone());
    all.push(Args { city: vec![format!("{}市", city(3)), en, id], grep: Some("5G|%".into()), ..args() });
    all.push(Args { city: vec![city(2), city(4), city(2)], ..args() });
    all.push(Args { theme: vec![theme(1)], ..args() });
    all.push(Args { theme: vec![theme(0), theme(2)], kind: Some(KindArg::Target), ..args() });
    all.push(Args { year: vec![year(0), year(40)], ..args() });
    all.push(Args { kind: Some(KindArg::Actual), city: vec![city(9)], ..args() });
    all.push(Args { metric: vec![metric(0)], ..args() });
    all.push(Args { metric: vec![metric(3), metric(77)], city: vec![city(0)], grep: Some("5".into()), ..args() });
    all.push(Args { doc: Some(ds.documents()[ds.documents().len() / 2].id.clone()), ..args() });
    all.push(Args { doc: Some(ds.documents()[1].id.clone()), grep: Some("%".into()), ..args() });
    all.push(args());
    all
}

/// What `list` does with the filter `a` against the cache's index of `root` in `cache`, which must be trusted
/// (`why` says why): what it says of the unfinished drafts, and the answer.
fn index_answer(root: &Root, cache: &Path, a: &Args, why: &str) -> (Option<String>, zhibiao_core::lookup::Answer) {
    let lookup = opened_as_list(root, cache, &a.city).expect(why);
    let drafts = lookup.unfinished_summary();
    // As `list` does: the documents' table is read only when a document is named.
    let lookup = if a.doc.is_some() { lookup.with_documents().expect("the documents' table reads") } else { lookup };
    let f = filter(lookup.tables(), a).expect("the same filter against the index's tables");
    (drafts, lookup.select(&f).expect("the index answers"))
}

/// The index opened as `list` opens it: every file stat'ed, and only the cities `cities` names read.
fn opened_as_list(root: &Root, cache: &Path, cities: &[String]) -> Option<zhibiao_core::lookup::Lookup> {
    let opened = zhibiao_core::lookup::open_head(root, cache)?;
    let changed = opened.changed_every()?;
    opened.trust(&changed)?.with_cities(cities)
}

/// The index's `answer` to `a` counts every indicator of `full` and prints (JSON and CSV, every key) as the
/// records `a` selects of `full` do.
fn assert_answers_as(full: &Dataset, answer: &zhibiao_core::lookup::Answer, a: &Args, label: &str) {
    assert_eq!(answer.total, full.indicators().len(), "{label}: {a:?}");
    let ids = filter(full, a).expect("a valid filter").apply(full);
    let picked: Vec<IndicatorId> = answer.dataset.indicator_ids().collect();
    let ((json, csv), (want_json, want_csv)) = (printed(&answer.dataset, &picked), printed(full, &ids));
    let shown = (picked.len(), ids.len());
    assert!(json == want_json, "{label}: {a:?}: the index gave {} records (JSON), the full load {}", shown.0, shown.1);
    assert!(csv == want_csv, "{label}: {a:?}: the CSV differs");
}

fn same_answers(n: usize) {
    let (_keep, root_dir) = common::dataset(n);
    let cache = tempfile::tempdir().expect("temp dir");
    let root = Root::dir(&root_dir).expect("a dataset root");
    let full = zhibiao_core::load(&root).expect("the synthetic dataset verifies");
    // The first start through the cache writes it (with its index).
    zhibiao_core::Loader::new(&root).cache(Some(cache.path())).load().expect("loads through the cache");
    let cases = combinations(&full);
    for a in &cases {
        let (_, answer) = index_answer(&root, cache.path(), a, "the index is trusted: nothing changed");
        assert_answers_as(&full, &answer, a, &format!("N = {n}"));
    }
    // Some cases select something and some nothing: the comparison is not vacuous.
    let sizes: Vec<usize> = cases.iter().map(|a| filter(&full, a).expect("filter").apply(&full).len()).collect();
    assert!(sizes.contains(&0) && sizes.iter().any(|&s| s > 0 && s < full.indicators().len()), "{sizes:?}");
    // An unknown city is the same usage error either way.
    let unknown = Args { city: vec!["nowhere".into()], ..args() };
    let lookup = opened_as_list(&root, cache.path(), &unknown.city).expect("trusted");
    let (a, b) = (filter(&full, &unknown).map(|_| ()), filter(lookup.tables(), &unknown).map(|_| ()));
    assert_eq!(a.map_err(|e| e.to_string()), b.map_err(|e| e.to_string()));
}

#[test]
fn the_index_answers_as_a_full_load_at_10_cities() {
    same_answers(10);
}

#[test]
fn the_index_answers_as_a_full_load_at_50_cities() {
    same_answers(50);
}

/// Appends `text` to the file at `path`, keeping it valid YAML (a comment).
fn touch(path: &Path) {
    let mut text = std::fs::read_to_string(path).expect("read");
    text.push_str("# seen\n");
    std::fs::write(path, text).expect("write");
}

#[test]
fn the_index_is_not_trusted_once_a_file_changed_and_is_again_after_the_next_load() {
    let (_keep, root_dir) = common::dataset(10);
    let cache = tempfile::tempdir().expect("temp dir");
    let root = Root::dir(&root_dir).expect("a dataset root");
    zhibiao_core::Loader::new(&root).cache(Some(cache.path())).load().expect("loads");
    assert!(zhibiao_core::lookup::open(&root, cache.path()).is_some());
    let first = root.indicator_files().expect("listed").into_iter().next().expect("a file");
    // An indicator file that no longer verifies, a table edited, a source edited, an indicator file added: each
    // is a change the index cannot answer for, and it is refused. (An indicator file edited and still verifying
    // is verified alone: see the test after this one.)
    let changes: [&dyn Fn(); 4] = [
        &|| {
            let path = root_dir.join(&first);
            let text = std::fs::read_to_string(&path).expect("read");
            std::fs::write(&path, text.replacen("  quote: ", "  quote: x", 1)).expect("write");
        },
        &|| touch(&root_dir.join("data/themes.yaml")),
        &|| {
            let ds = zhibiao_core::load(&root).expect("verifies");
            let source = root_dir.join(&ds.documents()[0].source);
            let bytes = std::fs::read(&source).expect("read");
            std::fs::write(&source, bytes).expect("rewrite the same bytes: a new stamp");
        },
        &|| {
            std::fs::copy(root_dir.join(&first), root_dir.join("data/indicators/zz-copy.yaml"))
                .map(|_| ())
                .expect("copy")
        },
    ];
    let original = std::fs::read_to_string(root_dir.join(&first)).expect("read");
    for (k, change) in changes.iter().enumerate() {
        change();
        assert!(zhibiao_core::lookup::open(&root, cache.path()).is_none(), "change {k}: the index was trusted");
        if k == 0 {
            // The quote no longer verifies: the full load fails too; put the file back as it was.
            assert!(zhibiao_core::Loader::new(&root).cache(Some(cache.path())).load().is_err());
            std::fs::write(root_dir.join(&first), &original).expect("restore");
        }
        if k == 3 {
            // The copy duplicates every id of the file: the dataset no longer verifies, and stays unindexed.
            assert!(zhibiao_core::Loader::new(&root).cache(Some(cache.path())).load().is_err());
            std::fs::remove_file(root_dir.join("data/indicators/zz-copy.yaml")).expect("remove");
        }
        std::thread::sleep(std::time::Duration::from_millis(1100));
        zhibiao_core::Loader::new(&root).cache(Some(cache.path())).load().expect("loads");
        std::thread::sleep(std::time::Duration::from_millis(1100));
        // Written by a load that started in the same second as the change: racy, so the next load rewrites it.
        zhibiao_core::Loader::new(&root).cache(Some(cache.path())).load().expect("loads");
        assert!(zhibiao_core::lookup::open(&root, cache.path()).is_some(), "change {k}: a load indexes again");
    }
}

#[test]
fn an_edited_indicator_file_is_answered_from_the_index_as_a_full_load_does() {
    let (_keep, root_dir) = common::dataset(20);
    let cache = tempfile::tempdir().expect("temp dir");
    let root = Root::dir(&root_dir).expect("a dataset root");
    zhibiao_core::Loader::new(&root).cache(Some(cache.path())).load().expect("loads");
    // Files of several cities edited: one gains a comment, one has a record's English name changed, one loses
    // its stretch figure (nothing links to it).
    let files = root.indicator_files().expect("listed");
    let edit = |rel: &str, f: &dyn Fn(String) -> String| {
        let path = root_dir.join(rel);
        std::fs::write(&path, f(std::fs::read_to_string(&path).expect("read"))).expect("write");
    };
    edit(&files[0], &|t| t + "# edited\n");
    edit(&files[7], &|t| t.replacen("  name_en: ", "  name_en: Edited ", 1));
    let stretch = files.iter().find(|f| f.contains("five-demonstrations")).expect("a file with a stretch figure");
    edit(stretch, &|t| {
        let at = t.find("stretch_of:").expect("a stretch figure");
        let start = t[..at].rfind("\n- id: ").expect("its record") + 1;
        let next = [t[at..].find("\n- id: "), t[at..].find("\nignored:")];
        let end = next.into_iter().flatten().min().map(|e| at + e + 1).expect("what follows");
        format!("{}{}", &t[..start], &t[end..])
    });
    let full = zhibiao_core::load(&root).expect("the edited dataset verifies");
    let edited = full.indicators().iter().filter(|i| i.name_en.starts_with("Edited ")).count();
    assert_eq!(edited, 1, "the edit is in the dataset");
    for a in combinations(&full) {
        let (_, answer) = index_answer(&root, cache.path(), &a, "the changed files verify alone");
        assert_answers_as(&full, &answer, &a, "edited files");
    }
}

#[test]
fn a_corrupt_record_or_block_is_refused_not_shown() {
    let (_keep, root_dir) = common::dataset(10);
    let cache = tempfile::tempdir().expect("temp dir");
    let root = Root::dir(&root_dir).expect("a dataset root");
    let full = zhibiao_core::Loader::new(&root).cache(Some(cache.path())).load().expect("loads");
    let file = std::fs::read_dir(cache.path())
        .expect("listed")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "bin"))
        .expect("a cache file");
    let bytes = std::fs::read(&file).expect("read");
    let everything = args();
    let f = filter(&full, &everything).expect("filter");
    // Flip one byte at many places of the index's end of the file: the answer is refused, or (a byte no part
    // covers: none should be) identical.
    let len = bytes.len();
    let mut refused = 0;
    for at in (len * 2 / 3..len - 16).step_by(997) {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x5a;
        std::fs::write(&file, &flipped).expect("write");
        match zhibiao_core::lookup::open(&root, cache.path()).and_then(|l| {
            let f = filter(l.tables(), &everything).expect("filter");
            l.select(&f)
        }) {
            None => refused += 1,
            Some(answer) => {
                let picked: Vec<IndicatorId> = answer.dataset.indicator_ids().collect();
                let same = printed(&answer.dataset, &picked) == printed(&full, &f.apply(&full));
                assert!(same, "byte {at} flipped: a different answer was shown");
            }
        }
    }
    assert!(refused > 0, "no flipped byte was refused");
}

#[test]
fn a_file_with_an_unfinished_draft_is_read_again_and_the_index_still_answers() {
    let (_keep, root_dir) = common::dataset(10);
    let files = zhibiao_core::Root::dir(&root_dir).expect("root").indicator_files().expect("listed");
    // One file with a draft among its records, one whose every record is a draft.
    let draft = |rel: &str, all: bool| {
        let path = root_dir.join(rel);
        let text = std::fs::read_to_string(&path).expect("read");
        let n = if all { usize::MAX } else { 1 };
        let mut out = String::new();
        for (k, piece) in text.split("\n  name_en: ").enumerate() {
            if k > 0 {
                out.push_str(if k <= n { "\n  name_en: TODO # " } else { "\n  name_en: " });
            }
            out.push_str(piece);
        }
        std::fs::write(&path, out).expect("write");
    };
    draft(&files[2], false);
    draft(&files[5], true);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let cache = tempfile::tempdir().expect("temp dir");
    let root = Root::dir(&root_dir).expect("a dataset root");
    let full = zhibiao_core::load(&root).expect("the rest verifies");
    let per_file = |k: usize| full.unfinished().iter().filter(|u| u.path.ends_with(files[k].as_str())).count();
    assert_eq!(per_file(2), 1, "one draft among the records of one file");
    assert!(per_file(5) > 1 && full.unfinished().len() == 1 + per_file(5), "every record of the other");
    zhibiao_core::Loader::new(&root).cache(Some(cache.path())).load().expect("loads");
    for a in combinations(&full) {
        let (drafts, answer) = index_answer(&root, cache.path(), &a, "indexed, the drafts read again");
        assert_eq!(drafts, full.unfinished_summary());
        assert_answers_as(&full, &answer, &a, "with drafts");
    }
}

#[test]
fn a_few_edited_files_leave_the_cache_as_it_is_and_many_rewrite_it() {
    let (_keep, root_dir) = common::dataset(10);
    let cache = tempfile::tempdir().expect("temp dir");
    let root = Root::dir(&root_dir).expect("a dataset root");
    zhibiao_core::Loader::new(&root).cache(Some(cache.path())).load().expect("loads");
    let bin = || {
        let dir = std::fs::read_dir(cache.path()).expect("the cache folder");
        let file = dir.map(|e| e.expect("entry").path()).find(|p| p.extension().is_some_and(|e| e == "bin"));
        let meta = std::fs::metadata(file.expect("a cache file")).expect("stat");
        (meta.modified().expect("mtime"), std::os::unix::fs::MetadataExt::ino(&meta))
    };
    let written = bin();
    let files = root.indicator_files().expect("listed");
    assert!(files.len() > 20, "{}", files.len());
    let edit = |rel: &String| {
        let path = root_dir.join(rel);
        std::fs::write(&path, std::fs::read_to_string(&path).expect("read") + "# edited\n").expect("write");
    };
    std::thread::sleep(std::time::Duration::from_millis(1100));
    files.iter().take(3).for_each(edit);
    let ds = zhibiao_core::Loader::new(&root).cache(Some(cache.path())).load().expect("loads");
    assert_eq!(bin(), written, "three edited files rewrote the cache");
    assert_eq!(printed_all(&ds), printed_all(&zhibiao_core::load(&root).expect("verifies")));
    files.iter().skip(3).take(17).for_each(edit);
    zhibiao_core::Loader::new(&root).cache(Some(cache.path())).load().expect("loads");
    assert_ne!(bin(), written, "twenty edited files did not rewrite the cache");
}

/// JSON and CSV of every indicator of `ds`.
fn printed_all(ds: &Dataset) -> (String, String) {
    printed(ds, &ds.indicator_ids().collect::<Vec<_>>())
}
