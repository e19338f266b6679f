//! Tests of live reload: a reload keeps the view state by id, a broken save keeps the last good dataset and
//! shows its errors, a save made while loading is reloaded, the watcher ignores temporary files.

use std::fs;

use super::*;
use crate::action::Action;
use crate::app::scratch;
use crate::app::update as act;
use crate::vocab::PickerKind;

const FILE: &str = "data/indicators/test-plan.yaml";

/// The screen as text (a wide character once).
pub(super) fn drawn(m: &Model) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(m.ui.size.0, m.ui.size.1)).unwrap();
    t.draw(|f| crate::view::render(m, f)).unwrap();
    let b = t.backend().buffer();
    let mut out = String::new();
    for y in 0..b.area.height {
        let mut x = 0;
        while x < b.area.width {
            let sym = b[(x, y)].symbol();
            out.push_str(sym);
            x += (crate::text::width(sym) as u16).max(1);
        }
        out.push('\n');
    }
    out
}

pub(super) fn selected_id(m: &Model) -> Option<&str> {
    m.selected().map(|i| m.ds.indicators()[i].id.as_str())
}

/// Selects the row of indicator `id` in the table.
pub(super) fn select(m: &mut Model, id: &str) {
    act(m, Action::Top);
    while selected_id(m) != Some(id) {
        let before = m.ui.row_sel;
        act(m, Action::Down);
        assert_ne!(m.ui.row_sel, before, "{id} is not in the table");
    }
}

#[test]
fn a_reload_keeps_view_filters_and_selection_by_id_and_a_broken_save_keeps_the_last_good_dataset() {
    let dir = scratch::dataset("reload");
    let mut m = scratch::model(&dir, (100, 30));
    act(&mut m, Action::ShowView(ViewKind::Themes));
    act(&mut m, Action::OpenPicker(PickerKind::Theme));
    for c in "transport".chars() {
        act(&mut m, Action::InputChar(c));
    }
    act(&mut m, Action::Accept);
    act(&mut m, Action::FocusTable);
    select(&mut m, "t-green-travel");
    let filters = m.ui.filters.clone();

    // A record is added before the selected one: every index after it moves, the ids stay.
    let path = dir.join(FILE);
    let text = fs::read_to_string(&path).unwrap();
    let added = "  - id: a-first\n    metric: ev_charging_points\n    name: 新建充电桩\n    name_en: New charging points\n    kind: target\n    comparator: equal\n    value: 3000\n    unit: 个\n    year: 2024\n    quote: 全市新建充电桩3000个\n";
    fs::write(&path, text.replacen("indicators:\n", &format!("indicators:\n{added}"), 1)).unwrap();
    update(&mut m, load(&dir));
    assert!(m.load_errors.is_empty(), "{:?}", m.load_errors);
    assert_eq!(m.ds.indicators().len(), 6);
    assert_eq!(m.ui.view, ViewKind::Themes);
    assert_eq!(m.ui.filters, filters, "the theme filter, remapped by id");
    assert_eq!(selected_id(&m), Some("t-green-travel"));
    assert_eq!(m.rows().len(), 4, "the three transport records and the new charging target");

    // A broken save: the dataset shown stays, the selection too, and the errors are there to read.
    fs::write(&path, fs::read_to_string(&path).unwrap().replace("    value: 3000\n", "    value: 300\n")).unwrap();
    update(&mut m, load(&dir));
    assert_eq!(m.ds.indicators().len(), 6);
    assert_eq!(selected_id(&m), Some("t-green-travel"));
    assert_eq!(m.load_errors.len(), 1, "{:?}", m.load_errors);
    let said = m.ui.message.clone().unwrap_or_default();
    assert!(said.contains("(1 error)"), "one error is counted in the singular: {said}");
    assert!(m.load_errors[0].contains("test-plan.yaml:") && m.load_errors[0].contains("error:"), "{:?}", m.load_errors);
    let screen = drawn(&m);
    assert!(screen.contains("check: 1 error") && screen.contains("value"), "{screen}");

    // Fixed: the errors go, the selection stays.
    fs::write(&path, fs::read_to_string(&path).unwrap().replace("    value: 300\n", "    value: 3000\n")).unwrap();
    update(&mut m, load(&dir));
    assert!(m.load_errors.is_empty());
    assert_eq!(selected_id(&m), Some("t-green-travel"));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_reload_keeps_the_sort_the_normalised_column_a_half_typed_export_name_and_the_jump_history() {
    let dir = scratch::dataset("reload-state");
    let mut m = scratch::model(&dir, (120, 30));
    act(&mut m, Action::ShowView(ViewKind::All));
    act(&mut m, Action::CycleSort);
    act(&mut m, Action::CycleSort);
    act(&mut m, Action::ReverseSort);
    act(&mut m, Action::ToggleBaseValue);
    select(&mut m, "t-green-travel");
    act(&mut m, Action::Open);
    act(&mut m, Action::Back);
    let (sort, history) = (m.ui.sort, m.ui.history.depth());
    assert_ne!(history, (0, 0));
    act(&mut m, Action::StartExport);
    for c in "-transport".chars() {
        act(&mut m, Action::InputChar(c));
    }
    let path = dir.join(FILE);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("EV charging points", "EV charging points (public)")).unwrap();
    update(&mut m, load(&dir));
    assert!(m.load_errors.is_empty(), "{:?}", m.load_errors);
    assert_eq!(m.ui.sort, sort);
    assert!(m.ui.show_base, "the normalised column stays");
    assert_eq!(m.ui.input, crate::state::Input::Export("zhibiao-export.csv-transport".to_string()));
    assert_eq!(m.ui.history.depth(), history);
    assert_eq!(selected_id(&m), Some("t-green-travel"));
    // Ctrl-o still goes back to the source view left before the reload, on the same record.
    act(&mut m, Action::Cancel);
    act(&mut m, Action::JumpBack);
    let s = m.ui.source.as_ref().expect("Ctrl-o goes back to the source view");
    assert_eq!(m.ds.indicators()[s.indicator()].id, "t-green-travel");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_metric_filter_and_group_follow_their_metric_when_the_registry_is_reordered() {
    let dir = scratch::dataset("reload-metrics");
    let mut m = scratch::model(&dir, (100, 30));
    act(&mut m, Action::ShowView(ViewKind::Metrics));
    act(&mut m, Action::OpenPicker(PickerKind::Metric));
    for c in "green_travel".chars() {
        act(&mut m, Action::InputChar(c));
    }
    act(&mut m, Action::Accept);
    let picked: Vec<&str> = m.ui.filters.metric.iter().map(|&k| m.ds.metric(k).id.as_str()).collect();
    assert_eq!(picked, ["green_travel_share"]);
    let rows: Vec<String> = m.rows().iter().map(|&i| m.ds.indicators()[i].id.to_string()).collect();
    assert!(!rows.is_empty());

    // The registry's first metric moved to the end: every metric after it is numbered one less.
    let path = dir.join("data/metrics.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let second = text.find("\n- id:").expect("a second metric") + 1;
    fs::write(&path, format!("{}{}", &text[second..], &text[..second])).unwrap();
    update(&mut m, load(&dir));
    assert!(m.load_errors.is_empty(), "{:?}", m.load_errors);
    let picked: Vec<&str> = m.ui.filters.metric.iter().map(|&k| m.ds.metric(k).id.as_str()).collect();
    assert_eq!(picked, ["green_travel_share"], "the filter names the same metric, not the same number");
    let group = m.group().and_then(|g| g.key.metric()).map(|k| m.ds.metric(k).id.as_str());
    assert_eq!(group, Some("green_travel_share"));
    let after: Vec<String> = m.rows().iter().map(|&i| m.ds.indicators()[i].id.to_string()).collect();
    assert_eq!(after, rows);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn at_80x24_every_error_of_a_failed_reload_can_be_read_and_the_status_line_is_whole() {
    let mut m = Model::new(crate::sample::dataset(), (80, 24));
    let errors: Vec<String> =
        (1..=12).map(|k| format!("data/indicators/x.yaml:{k}:5: error: problem number {k}")).collect();
    update(&mut m, Reload::Failed(errors.clone()));
    let mut read = Vec::new();
    for page in 0..4 {
        let screen = drawn(&m);
        if page == 0 {
            let status = screen.lines().nth(23).unwrap_or_default().trim_end().to_string();
            assert_eq!(status, " the dataset does not verify (12 errors): showing the last good one");
            assert!(screen.contains("… and 8 more below (E scrolls)"), "{screen}");
            assert!(screen.contains(" check: 12 errors — the last good dataset is shown; save a fix to reload "));
        }
        read.extend(errors.iter().filter(|e| screen.contains(e.as_str())).cloned());
        act(&mut m, Action::ScrollErrors);
    }
    read.sort();
    read.dedup();
    assert_eq!(read.len(), 12, "every error was on some page: {read:?}");
}

#[test]
fn the_open_source_view_survives_a_reload_and_closes_if_its_record_is_gone() {
    let dir = scratch::dataset("reload-source");
    let mut m = scratch::model(&dir, (100, 30));
    act(&mut m, Action::ShowView(ViewKind::All));
    act(&mut m, Action::FocusTable);
    select(&mut m, "t-charging");
    act(&mut m, Action::Open);
    let path = dir.join(FILE);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("EV charging points", "EV charging points (public)")).unwrap();
    update(&mut m, load(&dir));
    let s = m.ui.source.as_ref().expect("the source view stays open");
    assert_eq!(m.ds.indicators()[s.indicator()].id, "t-charging");
    assert_eq!(m.ds.indicators()[s.indicator()].name_en, "EV charging points (public)");
    // The record removed: back to the table.
    let start = text.find("  - id: t-charging").unwrap();
    let end = text.find("  - id: t-green-travel").unwrap();
    fs::write(&path, format!("{}{}", &text[..start], &text[end..])).unwrap();
    update(&mut m, load(&dir));
    assert!(m.load_errors.is_empty(), "{:?}", m.load_errors);
    assert!(m.ui.source.is_none());
    assert!(m.ds.indicator("t-charging").is_none());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_save_made_while_the_dataset_loads_is_reloaded() {
    let dir = scratch::dataset("early-watch");
    // The watch starts before the load, as the explorer starts it before the loading frame.
    let early = EarlyWatch::start(&dir).expect("watch data/");
    let root = zhibiao_core::Root::dir(&dir).expect("a dataset root");
    let (loaded, live) = zhibiao_core::Loader::new(&root).load_live().expect("the scratch dataset loads");
    // Saved after the load read the file, before the explorer's watcher took over.
    let path = dir.join(FILE);
    let text = fs::read_to_string(&path).unwrap();
    let wrong = "  - id: a-first\n    metric: ev_charging_points\n    name: 新建充电桩\n    name_en: New charging points\n    kind: target\n    comparator: equal\n    value: 300\n    unit: 个\n    year: 2024\n    quote: 全市新建充电桩3000个\n";
    fs::write(&path, text.replacen("indicators:\n", &format!("indicators:\n{wrong}"), 1)).unwrap();
    let watcher = Watcher::take_over(early, dir.clone(), &loaded, live).expect("watcher");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let msg = loop {
        if let Some(msg) = watcher.ready().pop() {
            break msg;
        }
        assert!(std::time::Instant::now() < deadline, "the save made during the load was never reloaded");
        std::thread::sleep(Duration::from_millis(20));
    };
    // The reload read the saved file: its broken figure is reported.
    match msg {
        Reload::Failed(errors) => assert!(errors.iter().any(|e| e.contains("test-plan.yaml:")), "{errors:?}"),
        _ => panic!("the reload did not see the save"),
    }
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn temporary_and_hidden_files_and_reads_do_not_trigger_a_reload() {
    use notify::event::{AccessKind, CreateKind, ModifyKind};
    let ev = |kind, path: &str| notify::Event::new(kind).add_path(PathBuf::from(path));
    let modify = EventKind::Modify(ModifyKind::Any);
    assert!(relevant(&ev(modify, "/d/data/indicators/a.yaml")));
    assert!(relevant(&ev(EventKind::Create(CreateKind::File), "/d/seeds/new.txt")));
    assert!(!relevant(&ev(modify, "/d/data/indicators/.a.yaml.x1y2.tmp")));
    assert!(!relevant(&ev(modify, "/d/data/indicators/a.yaml.swp")));
    assert!(!relevant(&ev(EventKind::Access(AccessKind::Any), "/d/data/indicators/a.yaml")));
}
