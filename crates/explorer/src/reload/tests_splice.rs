//! Tests of a save spliced into the dataset shown: the screen is the one a full reload shows (selection, sort by
//! progress, the edited record), a broken save shows the full load's errors and its fix is spliced into the last
//! good dataset, and a model that loaded another dataset meanwhile refuses the splice and asks for a whole load.

use std::fs;
use std::path::Path;
use std::time::Duration;

use zhibiao_core::load::Live;

use super::tests::{drawn, select, selected_id};
use super::*;
use crate::action::Action;
use crate::app::scratch;
use crate::app::update as act;
use crate::sort::SortKey;

const FILE: &str = "data/indicators/test-plan.yaml";

/// A scratch dataset settled (a second has passed since it was written, so the live state may trust its files),
/// with the explorer open on it as it starts: the dataset and the live state from one load.
fn opened(tag: &str) -> (std::path::PathBuf, Live, Model) {
    let dir = scratch::dataset(tag);
    std::thread::sleep(Duration::from_millis(1100));
    let root = zhibiao_core::Root::dir(&dir).expect("a dataset root");
    let (ds, live) = zhibiao_core::Loader::new(&root).load_live().expect("the scratch dataset loads");
    let mut m = Model::new(ds, (120, 30));
    m.set_root(Some(dir.clone()));
    (dir, live, m)
}

/// All indicators sorted by progress, `t-green-travel` selected.
fn browse(m: &mut Model) {
    act(m, Action::ShowView(ViewKind::All));
    while m.ui.sort.key != SortKey::Status {
        act(m, Action::CycleSort);
    }
    act(m, Action::FocusTable);
    select(m, "t-green-travel");
}

fn edit(dir: &Path, f: impl FnOnce(&str) -> String) {
    let path = dir.join(FILE);
    fs::write(&path, f(&fs::read_to_string(&path).expect("read"))).expect("write");
}

#[test]
fn a_saved_file_is_spliced_in_and_the_screen_is_the_one_a_full_reload_shows() {
    let (dir, mut live, mut m) = opened("splice");
    let mut twin = scratch::model(&dir, (120, 30));
    browse(&mut m);
    browse(&mut twin);
    // A record added before the selected one, another renamed: the selection moves by one and stays on its id.
    let added = "  - id: a-first\n    metric: ev_charging_points\n    name: 新建充电桩\n    name_en: New charging points\n    kind: target\n    comparator: equal\n    value: 3000\n    unit: 个\n    year: 2024\n    quote: 全市新建充电桩3000个\n";
    edit(&dir, |t| {
        t.replacen("indicators:\n", &format!("indicators:\n{added}"), 1).replace("EV charging points", "EV chargers")
    });
    let msg = load_reusing_unchanged(&dir, &mut live);
    assert!(matches!(msg, Reload::Spliced(_)), "{msg:?}");
    assert_eq!(update(&mut m, msg), After::Shown);
    assert_eq!(update(&mut twin, load(&dir)), After::Shown);
    assert_eq!(m.ds.indicators().len(), 6);
    assert_eq!(selected_id(&m), Some("t-green-travel"));
    assert_eq!(m.ui.message.as_deref(), Some("reloaded: 6 indicators"));
    assert_eq!(m.ds.indicator("t-charging").map(|i| i.name_en.as_str()), Some("EV chargers"));
    let screen = drawn(&m);
    assert!(screen.contains("新建充电桩"), "{screen}");
    assert_eq!(screen, drawn(&twin));
    // The file as saved is the one view 6 may write to.
    let stamp = zhibiao_core::Root::dir(&dir).ok().and_then(|r| r.stamp(FILE));
    assert_eq!(m.loaded.get(FILE).copied(), stamp);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_broken_save_shows_the_full_load_s_errors_and_its_fix_is_spliced_into_the_last_good_dataset() {
    let (dir, mut live, mut m) = opened("splice-broken");
    browse(&mut m);
    let good = fs::read_to_string(dir.join(FILE)).expect("read");
    edit(&dir, |t| t.replacen("metric: ev_charging_points", "metric: ev_charging_pointz", 1));
    let msg = load_reusing_unchanged(&dir, &mut live);
    let Reload::Failed(errors) = &msg else { panic!("a bad metric id verifies: {msg:?}") };
    let Reload::Failed(want) = load(&dir) else { panic!("the full load verifies") };
    assert_eq!(errors, &want);
    assert!(errors.iter().any(|e| e.contains("unknown metric `ev_charging_pointz`")), "{errors:?}");
    assert_eq!(update(&mut m, msg), After::Shown);
    assert_eq!(m.load_errors, want);
    assert_eq!(selected_id(&m), Some("t-green-travel"));

    // Fixed, and renamed while at it: spliced into the dataset still shown, the errors gone.
    fs::write(dir.join(FILE), good.replace("EV charging points", "EV chargers")).expect("write");
    let msg = load_reusing_unchanged(&dir, &mut live);
    assert!(matches!(msg, Reload::Spliced(_)), "{msg:?}");
    assert_eq!(update(&mut m, msg), After::Shown);
    assert!(m.load_errors.is_empty());
    assert_eq!(selected_id(&m), Some("t-green-travel"));
    let mut twin = scratch::model(&dir, (120, 30));
    browse(&mut twin);
    twin.ui.message = m.ui.message.clone();
    assert_eq!(drawn(&m), drawn(&twin));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_model_that_loaded_another_dataset_refuses_the_splice_and_asks_for_a_whole_load() {
    let (dir, mut live, _) = opened("splice-refused");
    // The explorer loaded the dataset itself meanwhile (a write found its file changed, `reload_changed`).
    let mut m = scratch::model(&dir, (120, 30));
    edit(&dir, |t| t.replace("EV charging points", "EV chargers"));
    let msg = load_reusing_unchanged(&dir, &mut live);
    assert!(matches!(msg, Reload::Spliced(_)), "{msg:?}");
    assert_eq!(update(&mut m, msg), After::LoadWhole);
    assert!(m.ds.indicators().iter().any(|i| i.name_en == "EV charging points"), "nothing was spliced");
    // As the watcher then does.
    live.shown_elsewhere();
    let msg = load_reusing_unchanged(&dir, &mut live);
    assert!(matches!(msg, Reload::Loaded(_)), "{msg:?}");
    assert_eq!(update(&mut m, msg), After::Shown);
    assert!(m.ds.indicators().iter().any(|i| i.name_en == "EV chargers"));
    let _ = fs::remove_dir_all(&dir);
}
