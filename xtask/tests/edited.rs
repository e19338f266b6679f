//! A load through the cache after a few indicator files were edited since the cache was written (the explorer's
//! start, `show`): the files edited are read again and the checks across files run on what they can have broken
//! only. Whatever they broke — an id another file has, a link from a file left alone, a file removed that another
//! links to — the load reports exactly what a full load reports; and a good edit loads what a full load loads.

mod common;

use std::path::Path;

use common::{edit, first_record_removed, full, rendered};
use zhibiao_core::{Loader, Root};

/// A dataset of 4 cities with a link from one file to another (see `common::restatement`), its cache written
/// and trusted: the folder, its cache folder, the file holding the restated record, that file's text, the id.
fn cached() -> (tempfile::TempDir, tempfile::TempDir, std::path::PathBuf, std::path::PathBuf, String, String) {
    let (keep, dir) = common::dataset(4);
    let (linked, text, id) = common::restatement(&dir);
    let cache = tempfile::tempdir().expect("a cache folder");
    let root = Root::dir(&dir).expect("a dataset root");
    Loader::new(&root).cache(Some(cache.path())).load().expect("the dataset verifies");
    (keep, cache, dir, linked, text, id)
}

/// The load through the cache in `cache` fails (`why`) with the errors a full load gives.
fn fails_as_full(dir: &Path, cache: &Path, why: &str) -> Vec<String> {
    let root = Root::dir(dir).expect("a dataset root");
    let failed = Loader::new(&root).cache(Some(cache)).load().map(|_| ()).expect_err(why);
    let want = full(&root).map(|_| ()).expect_err("the full load fails too");
    let (failed, want) = (rendered(failed), rendered(want));
    assert_eq!(failed, want, "{why}");
    failed
}

/// The load through the cache gives what a full load gives, record for record.
fn loads_as_full(dir: &Path, cache: &Path, what: &str) {
    let root = Root::dir(dir).expect("a dataset root");
    let got = Loader::new(&root).cache(Some(cache)).load().unwrap_or_else(|e| panic!("{what}: {e}"));
    let want = full(&root).unwrap_or_else(|e| panic!("{what}: the full load fails: {e}"));
    assert_eq!(format!("{:?}", got.indicators()), format!("{:?}", want.indicators()), "{what}");
}

#[test]
fn an_id_taken_from_a_file_left_alone_is_reported_as_a_full_load_reports_it() {
    let (_keep, cache, dir, linked, _, id) = cached();
    // The restating record takes the restated record's own id (the file left alone keeps it).
    let restating = dir.join("data/indicators/zz-restated.yaml");
    edit(&restating, |t| t.replacen(&format!("- id: {id}-again\n"), &format!("- id: {id}\n"), 1));
    let failed = fails_as_full(&dir, cache.path(), "a duplicate id");
    assert!(failed.iter().any(|e| e.contains(&format!("duplicate indicator id `{id}`"))), "{failed:?}");
    // A good edit of another file meanwhile changes nothing of that.
    edit(&linked, |t| t.replacen("name_en: ", "name_en: Edited ", 1));
    fails_as_full(&dir, cache.path(), "a duplicate id and an edit");
    edit(&restating, |t| t.replacen(&format!("- id: {id}\n"), &format!("- id: {id}-again\n"), 1));
    loads_as_full(&dir, cache.path(), "the id given back");
}

#[test]
fn a_link_from_a_file_left_alone_broken_by_an_edit_or_a_removal_is_reported() {
    let (_keep, cache, dir, linked, text, id) = cached();
    // The restated record renamed in its own file: the restating file, read from the cache, no longer resolves.
    edit(&linked, |t| t.replacen(&format!("- id: {id}\n"), &format!("- id: {id}-renamed\n"), 1));
    let failed = fails_as_full(&dir, cache.path(), "a renamed record");
    assert!(failed.iter().any(|e| e.contains("zz-restated.yaml") && e.contains("restates")), "{failed:?}");
    // The restated record removed with its file.
    std::fs::remove_file(&linked).expect("remove");
    let failed = fails_as_full(&dir, cache.path(), "a removed file");
    assert!(failed.iter().any(|e| e.contains("zz-restated.yaml") && e.contains("restates")), "{failed:?}");
    std::fs::write(&linked, &text).expect("write");
    loads_as_full(&dir, cache.path(), "the file put back");
}

#[test]
fn a_good_edit_loads_as_a_full_load_does() {
    let (_keep, cache, dir, linked, _, _) = cached();
    let root = Root::dir(&dir).expect("a dataset root");
    let files = root.indicator_files().expect("listed");
    edit(&dir.join(&files[1]), first_record_removed);
    edit(&linked, |t| t.replacen("name_en: ", "name_en: Edited ", 1));
    loads_as_full(&dir, cache.path(), "two files edited");
}
