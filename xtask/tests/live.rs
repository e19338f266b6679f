//! The explorer's live reload (`zhibiao_core::load::Live`) against full loads of a synthetic dataset: a few saved
//! indicator files spliced into the dataset shown give the dataset a full load of the same files gives, record
//! for record (and its id lookup and search buffer, patched in place), from the first save after a load through
//! the cache on; a save that breaks it gives the errors a full load gives, and the fix is spliced into the last
//! good dataset (or, for a link broken across files, which the dataset shown refuses, loaded whole); a table
//! edited or a file added loads the whole dataset.

mod common;

use common::{edit, first_record_removed, full, rendered};

use zhibiao_core::dataset::{Moves, Splice};
use zhibiao_core::ids::IndicatorId;
use zhibiao_core::load::{Live, Reloaded};
use zhibiao_core::{Dataset, Loader, Root};

/// A reload of `root` that fails (`why`), with the errors a full load of the same files gives; those errors.
fn fails_as_full(root: &Root, live: &mut Live, why: &str) -> Vec<String> {
    let failed = Loader::new(root).reload_live(live).map(|_| ()).expect_err(why);
    let want = full(root).map(|_| ()).expect_err("the full load fails too");
    let (failed, want) = (rendered(failed), rendered(want));
    assert_eq!(failed, want);
    failed
}

/// `shown` is what a full load of `root` gives: the same records in the same order, every field; the same
/// ignored passages; each id found at the same place; the same search buffer.
fn assert_same_as_full(shown: &Dataset, root: &Root, what: &str) {
    let want = full(root).unwrap_or_else(|e| panic!("{what}: the full load fails: {e}"));
    assert_eq!(shown.indicators().len(), want.indicators().len(), "{what}: record count");
    for (k, (a, b)) in shown.indicators().iter().zip(want.indicators()).enumerate() {
        assert_eq!(format!("{a:?}"), format!("{b:?}"), "{what}: record {k}");
    }
    assert_eq!(format!("{:?}", shown.ignored()), format!("{:?}", want.ignored()), "{what}: ignored passages");
    assert!(shown.unfinished().is_empty() && want.unfinished().is_empty(), "{what}");
    for ind in want.indicators() {
        assert_eq!(shown.find_indicator(&ind.id), want.find_indicator(&ind.id), "{what}: where {} is", ind.id);
    }
    assert_eq!(shown.find_indicator("no-such-record"), None, "{what}");
    assert!(shown.search_buffer() == want.search_buffer(), "{what}: the search buffer differs");
    assert!(shown.keys() == want.keys(), "{what}: the filters' keys differ");
}

/// The next reload of `root`, which must be a splice.
fn next_splice(root: &Root, live: &mut Live, what: &str) -> Splice {
    match Loader::new(root).reload_live(live) {
        Ok(Reloaded::Spliced(s)) => s,
        Ok(Reloaded::Whole(_)) => panic!("{what}: loaded whole, not spliced"),
        Err(e) => panic!("{what}: {e}"),
    }
}

/// Every old record's id, by position, to check what [`Moves`] says of them.
fn ids(ds: &Dataset) -> Vec<String> {
    ds.indicators().iter().map(|i| i.id.to_string()).collect()
}

/// Each record of `before` is where `moves` says it went, with its id; a record it says is gone has no id there.
fn assert_moves(before: &[String], moves: &Moves, after: &Dataset) {
    for (k, id) in before.iter().enumerate() {
        match moves.indicator(after, IndicatorId::new(k)) {
            Some(now) => assert_eq!(&after.indicator_at(now).id, id, "record {k} moved to {now}"),
            None => assert_eq!(after.find_indicator(id), None, "record {k} ({id}) said gone"),
        }
    }
}

#[test]
fn saved_files_are_spliced_into_the_dataset_shown_as_a_full_load_reads_them() {
    let (_keep, dir) = common::dataset(10);
    let root = Root::dir(&dir).expect("a dataset root");
    let mut live = Live::default();
    let mut shown = match Loader::new(&root).reload_live(&mut live) {
        Ok(Reloaded::Whole(ds)) => *ds,
        Ok(Reloaded::Spliced(_)) => panic!("nothing was shown yet: the first reload is a whole load"),
        Err(e) => panic!("{e}"),
    };
    // The lookups and the filters' keys built, so that each splice has to bring them up to date.
    let _ = shown.search_buffer();
    let _ = shown.keys();
    assert!(shown.find_indicator(&shown.indicators()[0].id.clone()).is_some());
    let files = root.indicator_files().expect("listed");
    let file = |k: usize| dir.join(&files[k]);

    // A comment and an English name edited in the middle file: every record stays where it was.
    let middle = files.len() / 2;
    edit(&file(middle), |t| format!("{}# saved\n", t.replacen("name_en: ", "name_en: Edited ", 1)));
    let before = ids(&shown);
    let moves = shown.splice(next_splice(&root, &mut live, "a name")).expect("against the dataset shown");
    assert!(moves.in_place());
    assert_moves(&before, &moves, &shown);
    assert!(shown.indicators().iter().any(|i| i.name_en.starts_with("Edited ")));
    assert_same_as_full(&shown, &root, "a name edited");

    // A record removed early on and a name edited late, in one save: every record after the first moves.
    edit(&file(3), first_record_removed);
    edit(&file(files.len() - 2), |t| t.replacen("name_en: ", "name_en: Late ", 1));
    let before = ids(&shown);
    let moves = shown.splice(next_splice(&root, &mut live, "two files")).expect("against the dataset shown");
    assert!(!moves.in_place());
    assert_eq!(shown.indicators().len() + 1, before.len());
    assert_moves(&before, &moves, &shown);
    assert_same_as_full(&shown, &root, "a record removed");

    // A record given the id of another file's: the full load's errors, and the dataset shown stays as it was.
    let taken = shown.indicators().iter().find(|i| !files[0].contains(&shown.document(i.doc).id)).expect("a record");
    let (taken, victim) = (taken.id.clone(), file(0));
    let good = std::fs::read_to_string(&victim).expect("read");
    edit(&victim, |t| {
        let at = t.find("\n- id: ").expect("a record") + "\n- id: ".len();
        let end = at + t[at..].find('\n').expect("a line");
        format!("{}{taken}{}", &t[..at], &t[end..])
    });
    fails_as_full(&root, &mut live, "a duplicate id");
    // Fixed: spliced into the last good dataset, which the failed reload left the live state describing.
    std::fs::write(&victim, good).expect("write");
    shown.splice(next_splice(&root, &mut live, "the fix")).expect("against the dataset shown");
    assert_same_as_full(&shown, &root, "the duplicate fixed");
}

#[test]
fn a_link_broken_by_a_save_in_another_file_of_its_city_gives_the_full_load_s_errors() {
    let (_keep, dir) = common::dataset(4);
    let root = Root::dir(&dir).expect("a dataset root");
    let (linked, text, id) = common::restatement(&dir);
    let mut live = Live::default();
    let mut shown = match Loader::new(&root).reload_live(&mut live) {
        Ok(Reloaded::Whole(ds)) => *ds,
        Ok(Reloaded::Spliced(_)) => panic!("the first reload is a whole load"),
        Err(e) => panic!("the restatement verifies: {e}"),
    };
    assert_eq!(shown.indicator(&format!("{id}-again")).and_then(|i| i.restates()), Some(id.as_str()));

    // The record it restates renamed in its own file: the link in the file left alone no longer resolves. The
    // file verifies alone, so the splice is made, and the dataset shown refuses it (the links are checked where
    // the records are); the whole load then gives the errors a full load gives.
    edit(&linked, |t| t.replacen(&format!("- id: {id}\n"), &format!("- id: {id}-renamed\n"), 1));
    let s = next_splice(&root, &mut live, "a rename");
    let before = ids(&shown);
    let s = shown.splice(s).expect_err("the dataset shown refuses a splice that breaks a link");
    drop(s);
    assert_eq!(ids(&shown), before, "nothing was spliced");
    live.shown_elsewhere();
    let failed = fails_as_full(&root, &mut live, "a dangling link");
    assert!(failed.iter().any(|e| e.contains("zz-restated.yaml") && e.contains("restates")), "{failed:?}");
    // Mended: the dataset loaded whole (the live state no longer describes the one shown), and the next save
    // is spliced into that.
    std::fs::write(&linked, &text).expect("write");
    let Ok(Reloaded::Whole(mended)) = Loader::new(&root).reload_live(&mut live) else { panic!("the link mended") };
    assert_same_as_full(&mended, &root, "the link mended");
    let mut shown = *mended;
    edit(&linked, |t| format!("{t}# saved\n"));
    shown.splice(next_splice(&root, &mut live, "a comment")).expect("against the dataset shown");
    assert_same_as_full(&shown, &root, "a comment after the mend");
}

#[test]
fn the_first_save_after_a_load_through_the_cache_is_spliced() {
    let (_keep, dir) = common::dataset(6);
    let cache = tempfile::tempdir().expect("a cache folder");
    let root = Root::dir(&dir).expect("a dataset root");
    // Twice: a first start writes the cache, the second is the warm start an explorer usually makes.
    for _ in 0..2 {
        Loader::new(&root).cache(Some(cache.path())).load().expect("the dataset verifies");
    }
    let (mut shown, mut live) = Loader::new(&root).cache(Some(cache.path())).load_live().expect("a warm start");
    let _ = shown.keys();
    // The search buffer half built while nobody typed (the explorer's idle work) when the save comes: the build
    // starts over on the spliced dataset, and what it installs is the full load's.
    let mut search = zhibiao_core::dataset::SearchBuild::default();
    for _ in 0..shown.indicators().len().div_ceil(100) + 3 {
        assert!(shown.build_search_step(&mut search, 100), "not done yet");
    }
    let files = root.indicator_files().expect("listed");
    // The stamps a write checks its file against are those of the files the dataset was loaded from.
    let on_disk = |files: &[String]| -> std::collections::HashMap<String, zhibiao_core::cache::Stamp> {
        files.iter().map(|f| (f.clone(), root.stamp(f).expect("a stamp"))).collect()
    };
    assert_eq!(live.file_stamps(), Some(on_disk(&files)));
    let stamps_before = on_disk(&files);
    edit(&dir.join(&files[2]), first_record_removed);
    assert_eq!(live.file_stamps(), Some(stamps_before), "a save is not the dataset shown until spliced");
    let before = ids(&shown);
    let moves = shown.splice(next_splice(&root, &mut live, "the first save")).expect("against the dataset shown");
    assert_eq!(live.file_stamps(), Some(on_disk(&files)), "the spliced file's new stamp");
    assert_moves(&before, &moves, &shown);
    while shown.build_search_step(&mut search, 100) {}
    assert_same_as_full(&shown, &root, "the first save");
    // And the next, in another file.
    edit(&dir.join(&files[4]), |t| t.replacen("name_en: ", "name_en: Again ", 1));
    shown.splice(next_splice(&root, &mut live, "the second save")).expect("against the dataset shown");
    assert_same_as_full(&shown, &root, "the second save");
    // An id taken from a file read from the cache (its ids hashed as the cache decoded them): refused, with the
    // full load's errors.
    let victim = dir.join(&files[1]);
    let good = std::fs::read_to_string(&victim).expect("read");
    let taken = std::fs::read_to_string(dir.join(&files[5])).expect("read");
    let taken = taken.lines().find_map(|l| l.strip_prefix("- id: ")).expect("an id").to_string();
    edit(&victim, |t| {
        let at = t.find("\n- id: ").expect("a record") + "\n- id: ".len();
        let end = at + t[at..].find('\n').expect("a line");
        format!("{}{taken}{}", &t[..at], &t[end..])
    });
    let failed = fails_as_full(&root, &mut live, "an id taken");
    assert!(failed.iter().any(|e| e.contains(&format!("duplicate indicator id `{taken}`"))), "{failed:?}");
    std::fs::write(&victim, good).expect("write");
    shown.splice(next_splice(&root, &mut live, "the id given back")).expect("against the dataset shown");
    assert_same_as_full(&shown, &root, "the id given back");
    // A table edited: the whole dataset, through the cache the live state was loaded through.
    edit(&dir.join("data/themes.yaml"), |t| format!("{t}# a comment\n"));
    let Ok(Reloaded::Whole(whole)) = Loader::new(&root).reload_live(&mut live) else { panic!("a table edited") };
    assert_same_as_full(&whole, &root, "a table edited");
}

#[test]
fn a_table_edited_or_a_file_added_loads_the_whole_dataset_and_a_splice_refuses_another_dataset() {
    let (_keep, dir) = common::dataset(3);
    let root = Root::dir(&dir).expect("a dataset root");
    let mut live = Live::default();
    let Ok(Reloaded::Whole(first)) = Loader::new(&root).reload_live(&mut live) else { panic!("the first load") };
    edit(&dir.join("data/metrics.yaml"), |t| format!("{t}# a comment\n"));
    let Ok(Reloaded::Whole(second)) = Loader::new(&root).reload_live(&mut live) else { panic!("a table edited") };
    assert_same_as_full(&second, &root, "a table edited");

    let doc = &second.documents()[0].id;
    std::fs::write(dir.join("data/indicators/zz-added.yaml"), format!("document: {doc}\nindicators: []\n"))
        .expect("write");
    let Ok(Reloaded::Whole(third)) = Loader::new(&root).reload_live(&mut live) else { panic!("a file added") };
    assert_same_as_full(&third, &root, "a file added");
    // The files written in the second that load began are read again by the next one; the new file has no
    // record to say which document its records would cite, so that takes the whole load once more.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let third = match Loader::new(&root).reload_live(&mut live) {
        Ok(Reloaded::Whole(ds)) => ds,
        Ok(Reloaded::Spliced(s)) => {
            let mut third = third;
            third.splice(s).expect("nothing changed since");
            third
        }
        Err(e) => panic!("{e}"),
    };

    // A splice is computed against the dataset the live state last loaded, and no other takes it.
    let files = root.indicator_files().expect("listed");
    edit(&dir.join(&files[1]), |t| format!("{t}# saved\n"));
    let s = next_splice(&root, &mut live, "a comment");
    let mut other = *first;
    let s = other.splice(s).expect_err("another dataset refuses it");
    let mut third = *third;
    third.splice(s).expect("the dataset it was computed against takes it");
    assert_same_as_full(&third, &root, "after the refusal");
}

#[test]
fn the_stamps_a_write_checks_against_are_given_only_for_every_listed_file() {
    let (_keep, dir) = common::dataset(3);
    let root = Root::dir(&dir).expect("a dataset root");
    let files = root.indicator_files().expect("listed");
    let (_, live) = Loader::new(&root).load_live().expect("the dataset verifies");
    assert_eq!(live.file_stamps().map(|s| s.len()), Some(files.len()));
    // A file with an unfinished draft is no part of the live state; a write may still go to it, so the stamps
    // of the files are not vouched for (the explorer stats them instead).
    edit(&dir.join(&files[1]), |t| t.replacen("\n  name_en: ", "\n  name_en: TODO # ", 1));
    let (shown, live) = Loader::new(&root).load_live().expect("the rest verifies");
    assert_eq!(shown.unfinished().len(), 1);
    assert_eq!(live.file_stamps(), None);
}
