//! The explorer's first frame from the cache's query index: the first cities it reads are those a full load
//! groups first, with every record of each, and drawn they give the screen the whole dataset gives (but for the
//! status lines, which say the rest is loading) — after an edit, a city without records, and at two sizes.

mod common;

use std::path::Path;

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use zhibiao_core::ids::CityId;
use zhibiao_core::lookup::first_cities;
use zhibiao_core::{record, Dataset, Loader, Root};
use zhibiao_explorer::action::Action;
use zhibiao_explorer::app::{self, Model};

/// The screen `draw` gives at `size`, a string per row.
fn screen(size: (u16, u16), draw: impl FnOnce(&mut ratatui::Frame)) -> Vec<String> {
    let mut term = Terminal::new(TestBackend::new(size.0, size.1)).unwrap_or_else(|e| match e {});
    term.draw(draw).unwrap_or_else(|e| match e {});
    let buf = term.backend().buffer().clone();
    (0..size.1).map(|y| (0..size.0).map(|x| buf[(x, y)].symbol()).collect::<String>()).collect()
}

/// The model the explorer starts on for `ds` at `size`.
fn model(ds: Dataset, size: (u16, u16)) -> Model {
    let mut m = Model::new(ds, size);
    app::update(&mut m, Action::Resize(size.0, size.1));
    m
}

/// JSON of every indicator of `ds` in the cities `cities`, in dataset order.
fn json_of(ds: &Dataset, cities: &[CityId]) -> String {
    let ids: Vec<_> = ds.indicator_ids().filter(|&i| cities.contains(&ds.indicator_at(i).city)).collect();
    let mut out = Vec::new();
    record::write_json(&mut out, ds, &ids).expect("json");
    String::from_utf8(out).expect("UTF-8")
}

/// The first `groups` cities of `ds` (table order) that hold a record, worked out from the full load.
fn first_held(ds: &Dataset, groups: usize) -> Vec<CityId> {
    let held = |c: CityId| ds.indicators().iter().any(|i| i.city == c);
    (0..ds.cities().len()).map(CityId::new).filter(|&c| held(c)).take(groups).collect()
}

/// The first cities read from the index of `root`'s cache in `cache` hold exactly the records the full load
/// `full` has for its first cities, and, drawn at each size (as many cities as its list shows, as the explorer
/// asks), give the screen the full dataset gives but for the two status lines.
fn assert_first_frame_as_full(root: &Root, cache: &Path, full: &Dataset, what: &str) {
    for size in [(120, 30), (97, 21)] {
        let groups = zhibiao_explorer::loading::cities_shown(size);
        let first = first_cities(root, cache, groups).unwrap_or_else(|| panic!("{what}: the index is trusted"));
        assert_eq!(first.total, full.indicators().len(), "{what}: the whole dataset's count");
        let cities = first_held(full, groups);
        let mut shown: Vec<CityId> = first.dataset.indicators().iter().map(|i| i.city).collect();
        shown.dedup();
        assert_eq!(shown, cities, "{what}: the first cities that hold records, in order");
        assert_eq!(json_of(&first.dataset, &cities), json_of(full, &cities), "{what}: their records");
        let (m, all) = (model(first.dataset, size), model(full.clone(), size));
        let early = screen(size, |f| zhibiao_explorer::draw_first(f, &m, first.total, (3, 40), 0));
        let later = screen(size, |f| zhibiao_explorer::view::render(&all, f));
        let body = usize::from(size.1) - 2;
        assert_eq!(early[..body], later[..body], "{what}: the screen above the status lines at {size:?}");
        // The first row of the cities' list (a wide character's second cell is a blank of its own here).
        let city = full.city(cities[0]);
        let listed = early[2].replace(' ', "");
        assert!(listed.contains(&format!("{}·{}", city.name, city.name_en)), "{what}: the first city: {}", early[2]);
        assert!(early[body].contains(&format!("loading {} indicators (3 / 40 files)", full.indicators().len())));
        assert!(early[body + 1].contains("q quits"), "{}", early[body + 1]);
    }
}

#[test]
fn the_first_cities_from_the_index_draw_the_screen_the_full_dataset_draws() {
    let (_tmp, dir) = common::dataset(40);
    let root = Root::dir(&dir).expect("a dataset root");
    let cache = tempfile::tempdir().expect("temp dir");
    // No cache yet: nothing to show before the load.
    assert!(first_cities(&root, cache.path(), 30).is_none());
    let full = Loader::new(&root).cache(Some(cache.path())).load().expect("loads through the cache");
    assert_first_frame_as_full(&root, cache.path(), &full, "as written");
    // Read where the mapped cache file holds them, as the full load's records are read.
    let first = first_cities(&root, cache.path(), 30).expect("trusted");
    assert!(first.dataset.indicators().iter().all(|i| i.id.is_borrowed() && i.quote.is_borrowed()));
    let warm = Loader::new(&root).cache(Some(cache.path())).load().expect("loads through the cache");
    assert!(warm.indicators().iter().all(|i| i.name.is_borrowed()));

    // A record of the first city renamed since the cache was written: read again and verified, as `list` does.
    let files = root.indicator_files().expect("listed");
    let first_file = dir.join(&files[0]);
    common::edit(&first_file, |t| t.replacen("  name_en: ", "  name_en: Renamed ", 1));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let full = common::full(&root).expect("still verifies");
    assert!(full.indicators().iter().any(|i| i.name_en.starts_with("Renamed ")));
    assert_first_frame_as_full(&root, cache.path(), &full, "one file edited");

    // A broken edit is not shown: only the full load can say what is wrong with it.
    common::edit(&first_file, |t| t.replacen("  quote: ", "  quote: 不在原文中的话", 1));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert!(common::full(&root).is_err());
    assert!(first_cities(&root, cache.path(), 30).is_none(), "a file that no longer verifies");
}

#[test]
fn cities_without_records_are_passed_over_as_the_grouping_passes_them_over() {
    let (_tmp, dir) = common::dataset(12);
    // Two cities no document names, one before every other and one in the middle of the table.
    let cities = dir.join("data/cities.yaml");
    let empty = |id: &str| {
        format!("- id: {id}\n  name: 空城{id}\n  name_en: Empty {id}\n  province: 无\n  province_en: None\n")
    };
    common::edit(&cities, |t| {
        let first = t.find("- id: ").expect("a city");
        let middle = first + t[first..].match_indices("\n- id: ").nth(5).expect("six cities").0 + 1;
        format!("{}{}{}{}{}", &t[..first], empty("z0000"), &t[first..middle], empty("z0001"), &t[middle..])
    });
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let root = Root::dir(&dir).expect("a dataset root");
    let cache = tempfile::tempdir().expect("temp dir");
    let full = Loader::new(&root).cache(Some(cache.path())).load().expect("loads through the cache");
    assert_eq!(full.cities()[0].id, "z0000");
    assert_first_frame_as_full(&root, cache.path(), &full, "two cities without records");
    // Three groups asked for: the first three cities that hold records, past the empty one.
    let first = first_cities(&root, cache.path(), 3).expect("trusted");
    let mut shown: Vec<CityId> = first.dataset.indicators().iter().map(|i| i.city).collect();
    shown.dedup();
    assert_eq!(shown, vec![CityId::new(1), CityId::new(2), CityId::new(3)]);

    // First cities holding too many records are not read ahead of the load (100 records a city here).
    let trusted = || zhibiao_core::lookup::open(&root, cache.path()).expect("trusted");
    assert!(trusted().first_cities_within(3, 299).is_none(), "300 records");
    let within = trusted().first_cities_within(3, 300).expect("300 records at most");
    assert_eq!(within.dataset.indicators().len(), 300);

    // A table changed since the cache was written: the index is not trusted, the loading frame stays.
    common::edit(&cities, |t| t.replacen("name_en: Empty z0000", "name_en: Still empty", 1));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert!(first_cities(&root, cache.path(), 30).is_none());
}
