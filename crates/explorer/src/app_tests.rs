//! Key-driven tests of the explorer's update: key sequences through the key table, as the event loop feeds them.

use crate::action::{Action, Effect};
use crate::app::*;
use crate::filters::FilterPath;
use crate::keymap;
use crate::sample;
use crate::vocab::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use zhibiao_core::ids::{CityId, IndicatorId};
use zhibiao_core::query::GroupKey;
use zhibiao_core::schema::Kind;

/// Feeds keys through the key table and the update function, as the event loop does.
fn keys(m: &mut Model, keys: &[KeyEvent]) -> Vec<Effect> {
    let mut effects = Vec::new();
    for k in keys {
        if let Some(a) = keymap::action_for(m.mode(), k) {
            effects.extend(update(m, a));
        }
    }
    effects
}

fn k(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn code(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn typed(s: &str) -> Vec<KeyEvent> {
    s.chars().map(k).collect()
}

fn id(m: &Model, i: IndicatorId) -> &str {
    &m.ds.indicators()[i].id
}

#[test]
fn filter_pick_city_open_source_next_quote_and_back() {
    let mut m = Model::new(sample::dataset(), (120, 40));
    assert_eq!(m.matched.len(), m.ds.indicators().len());
    // `/5g` narrows live; Enter keeps the filter.
    keys(&mut m, &[k('/')]);
    assert_eq!(m.mode(), Mode::FilterInput);
    keys(&mut m, &typed("5g"));
    assert_eq!(m.ui.filters.text, "5g");
    let fiveg: Vec<&str> = m.matched.iter().map(|&i| id(&m, i)).collect();
    assert_eq!(fiveg, vec!["sy-5g-2020", "sy-5g-2025", "xz-5g-new"]);
    keys(&mut m, &[code(KeyCode::Enter)]);
    assert_eq!(m.mode(), Mode::Browse);
    // `c` opens the city picker; typing narrows it; Enter picks 徐州.
    keys(&mut m, &[k('c')]);
    assert_eq!(m.mode(), Mode::Picker);
    keys(&mut m, &typed("xu"));
    let crate::state::Input::Picker(p) = &m.ui.input else { panic!("picker closed") };
    assert_eq!(p.shown.len(), 1);
    assert_eq!(p.options[p.shown[0]].label, "徐州 · Xuzhou");
    keys(&mut m, &[code(KeyCode::Enter)]);
    assert_eq!(m.ui.filters.city, vec![CityId::new(1)]);
    assert_eq!(m.matched.iter().map(|&i| id(&m, i)).collect::<Vec<_>>(), vec!["xz-5g-new"]);
    assert_eq!(m.selected().map(|i| id(&m, i)), Some("xz-5g-new"));
    // Enter opens the source at that quote.
    keys(&mut m, &[code(KeyCode::Enter)]);
    assert_eq!(m.mode(), Mode::Source);
    let s = m.ui.source.as_ref().unwrap();
    assert_eq!(m.ds.documents()[s.doc].id, "xz-doc");
    assert_eq!(id(&m, s.indicator()), "xz-5g-new");
    // `n` goes to the next cited quote of the document, whatever the filters.
    keys(&mut m, &[k('n')]);
    assert_eq!(id(&m, m.ui.source.as_ref().unwrap().indicator()), "xz-charging");
    keys(&mut m, &[k('N'), k('N')]);
    assert_eq!(id(&m, m.ui.source.as_ref().unwrap().indicator()), "xz-growth");
    assert!(m.ui.message.as_deref().unwrap_or("").contains("wrapped"));
    // Esc goes back to the table, with the filters and selection as they were.
    keys(&mut m, &[code(KeyCode::Esc)]);
    assert_eq!(m.mode(), Mode::Browse);
    assert_eq!(m.selected().map(|i| id(&m, i)), Some("xz-5g-new"));
    assert_eq!(m.ui.filters.text, "5g");
    // Ctrl-o retraces the jumps: the source at the last quote, then the quotes before it.
    keys(&mut m, &[ctrl('o')]);
    assert_eq!(m.mode(), Mode::Source);
    assert_eq!(id(&m, m.ui.source.as_ref().unwrap().indicator()), "xz-growth");
    keys(&mut m, &[ctrl('o'), ctrl('o'), ctrl('o'), ctrl('o')]);
    assert_eq!(m.mode(), Mode::Browse);
    assert_eq!(m.ui.message.as_deref(), None);
    // …and Ctrl-i goes forward again.
    keys(&mut m, &[ctrl('i')]);
    assert_eq!(m.mode(), Mode::Source);
    assert_eq!(id(&m, m.ui.source.as_ref().unwrap().indicator()), "xz-5g-new");
    // Esc in the browse screen clears every filter.
    keys(&mut m, &[code(KeyCode::Esc), code(KeyCode::Esc)]);
    assert!(m.ui.filters.is_empty());
    assert_eq!(m.matched.len(), m.ds.indicators().len());
}

#[test]
fn enter_on_a_quote_goes_to_its_indicator_even_when_filtered_out() {
    let mut m = Model::new(sample::dataset(), (120, 40));
    keys(&mut m, &[k('4'), k('/')]);
    keys(&mut m, &typed("1万座"));
    keys(&mut m, &[code(KeyCode::Enter), code(KeyCode::Enter), k('n')]);
    let target = m.ui.source.as_ref().unwrap().indicator();
    assert_eq!(id(&m, target), "xz-charging");
    keys(&mut m, &[code(KeyCode::Enter)]);
    assert_eq!(m.mode(), Mode::Browse);
    assert_eq!(m.ui.view, ViewKind::All);
    assert!(m.ui.filters.is_empty(), "the filter hiding the indicator was cleared");
    assert_eq!(m.selected(), Some(target));
    // Ctrl-o goes back to the quote and brings the cleared filter back; Ctrl-i clears it again.
    keys(&mut m, &[ctrl('o')]);
    assert_eq!(m.mode(), Mode::Source);
    assert_eq!(m.ui.filters.text, "1万座");
    assert_eq!(m.matched.len(), 1);
    keys(&mut m, &[KeyEvent::new(KeyCode::Right, KeyModifiers::ALT)]);
    assert_eq!(m.mode(), Mode::Browse);
    assert!(m.ui.filters.is_empty());
    assert_eq!(m.selected(), Some(target));
}

#[test]
fn backspace_drops_one_filter_at_a_time_and_any_drops_a_picked_one() {
    let mut m = Model::new(sample::dataset(), (120, 40));
    let all = m.ds.indicators().len();
    keys(&mut m, &[k('/')]);
    keys(&mut m, &typed("5g"));
    keys(&mut m, &[code(KeyCode::Enter), k('K')]);
    assert_eq!((m.ui.filters.text.as_str(), m.ui.filters.kind), ("5g", Some(Kind::Target)));
    let with_kind = m.matched.len();
    keys(&mut m, &[code(KeyCode::Backspace)]);
    assert_eq!((m.ui.filters.text.as_str(), m.ui.filters.kind), ("5g", None), "only the kind was dropped");
    assert!(m.matched.len() > with_kind);
    keys(&mut m, &[code(KeyCode::Backspace)]);
    assert!(m.ui.filters.is_empty());
    assert_eq!(m.matched.len(), all);
    // A picked city is dropped by picking "(any)".
    keys(&mut m, &[k('c')]);
    keys(&mut m, &typed("xu"));
    keys(&mut m, &[code(KeyCode::Enter)]);
    assert_eq!(m.ui.filters.city, vec![CityId::new(1)]);
    keys(&mut m, &[k('c'), code(KeyCode::Home), ctrl('p'), ctrl('p'), ctrl('p'), code(KeyCode::Tab)]);
    keys(&mut m, &[code(KeyCode::Enter)]);
    assert!(m.ui.filters.city.is_empty(), "(any) drops the city filter");
    assert_eq!(m.matched.len(), all);
}

#[test]
fn a_picker_picks_several_cities_side_by_side_and_the_metric_picker_picks_a_metric() {
    let mut m = Model::new(sample::dataset(), (120, 40));
    let all = m.ds.indicators().len();
    // Tab marks 沈阳, ↓ Tab marks 徐州, Enter picks both.
    keys(&mut m, &[k('c'), ctrl('n'), code(KeyCode::Tab), ctrl('n'), code(KeyCode::Tab), code(KeyCode::Enter)]);
    assert_eq!(m.ui.filters.city, vec![CityId::new(0), CityId::new(1)]);
    assert_eq!(m.matched.len(), all, "the sample's two cities together are everything");
    assert_eq!(m.groups.len(), 2, "both cities are listed side by side");
    // `m` lists metric ids; typing narrows; Enter filters on the metric.
    keys(&mut m, &[k('m')]);
    assert_eq!(m.mode(), Mode::Picker);
    keys(&mut m, &typed("5g_base"));
    keys(&mut m, &[code(KeyCode::Enter)]);
    assert_eq!(m.ui.filters.metric, vec![m.ds.find_metric("5g_base_stations").expect("the sample's 5G metric")]);
    assert!(!m.matched.is_empty());
    assert!(m.matched.iter().all(|&i| m.ds.metric_key(&m.ds.indicators()[i]) == "5g_base_stations"));
}

#[test]
fn a_longer_literal_filter_refines_the_previous_result() {
    let mut m = Model::new(sample::dataset(), (120, 40));
    keys(&mut m, &[k('/'), k('5')]);
    assert_eq!(m.filter_path, FilterPath::Full);
    keys(&mut m, &[k('G')]);
    assert_eq!(m.filter_path, FilterPath::Refined);
    let refined = m.matched.clone();
    assert_eq!(refined, m.ui.filters.query().apply(&m.ds));
    // Deleting or turning the text into a regex scans again.
    keys(&mut m, &[code(KeyCode::Backspace)]);
    assert_eq!(m.filter_path, FilterPath::Full);
    keys(&mut m, &typed("G|充电"));
    assert_eq!(m.filter_path, FilterPath::Full);
    assert_eq!(m.matched.len(), 4);
    // Esc while typing drops the text filter.
    keys(&mut m, &[code(KeyCode::Esc)]);
    assert_eq!(m.mode(), Mode::Browse);
    assert!(m.ui.filters.text.is_empty());
}

#[test]
fn kind_cycles_and_views_open_on_their_first_group() {
    let mut m = Model::new(sample::dataset(), (120, 40));
    keys(&mut m, &[k('j')]);
    let sel = m.selected();
    keys(&mut m, &[code(KeyCode::Tab)]);
    assert_eq!(m.ui.view, ViewKind::Themes);
    // The first theme of the taxonomy, at its first row, whatever was selected before.
    assert_eq!(m.group().map(|g| g.key), Some(GroupKey::Theme(zhibiao_core::ids::ThemeId::new(0))));
    assert_eq!(m.ui.row_sel, 0);
    let first_theme = m.ds.indicators()[m.selected().unwrap()].theme;
    assert_eq!(first_theme, m.ds.indicators().iter().map(|i| i.theme).min().unwrap());
    // Ctrl-o goes back to the indicator selected before.
    keys(&mut m, &[ctrl('o')]);
    assert_eq!((m.ui.view, m.selected()), (ViewKind::Cities, sel));
    keys(&mut m, &[KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT), k('3')]);
    assert_eq!(m.ui.view, ViewKind::Years);
    assert_eq!(m.ui.group_sel, 0);
    // Years: earliest first, targets before actuals within a year.
    let years: Vec<i32> = m.groups.iter().filter_map(|g| g.key.year()).collect();
    assert_eq!(years.len(), m.groups.len());
    assert!(years.windows(2).all(|w| w[0] < w[1]));
    for g in &m.groups {
        let kinds: Vec<Kind> = g.members.iter().map(|&i| m.ds.indicators()[i].kind).collect();
        assert!(kinds.windows(2).all(|w| w[0] <= w[1]));
    }
    keys(&mut m, &[k('K')]);
    assert_eq!(m.ui.filters.kind, Some(Kind::Target));
    assert!(m.matched.iter().all(|&i| m.ds.indicators()[i].kind == Kind::Target));
    keys(&mut m, &[k('K'), k('K')]);
    assert_eq!(m.ui.filters.kind, None);
    keys(&mut m, &[k('y')]);
    keys(&mut m, &typed("2025"));
    keys(&mut m, &[code(KeyCode::Enter)]);
    assert_eq!(m.ui.filters.year, vec![2025]);
    keys(&mut m, &[k('x')]);
    assert!(m.ui.filters.is_empty());
}

#[test]
fn yank_returns_a_citation_to_copy_and_says_so() {
    let mut m = Model::new(sample::dataset(), (120, 40));
    let effects = keys(&mut m, &[k('Y')]);
    let Some(Effect::Copy(text)) = effects.first() else { panic!("no copy effect") };
    let ind = &m.ds.indicators()[m.selected().unwrap()];
    assert!(text.contains(ind.quote.as_str()));
    assert!(text.contains(&m.ds.documents()[ind.doc].title));
    assert!(m.ui.message.as_deref().unwrap().contains("clipboard"));
    // The next key clears the message.
    keys(&mut m, &[k('j')]);
    assert!(m.ui.message.is_none());
}

#[test]
fn help_overlay_and_quit() {
    let mut m = Model::new(sample::dataset(), (120, 40));
    keys(&mut m, &[k('?')]);
    assert_eq!(m.mode(), Mode::Help);
    keys(&mut m, &[k('j'), k('k'), k('q')]);
    assert_eq!(m.mode(), Mode::Browse);
    assert!(!m.ui.quit);
    keys(&mut m, &[ctrl('c')]);
    assert!(m.ui.quit);
}

#[test]
fn groups_focus_moves_between_groups_and_mouse_selects() {
    let mut m = Model::new(sample::dataset(), (120, 40));
    assert_eq!(m.ui.group_sel, 0);
    keys(&mut m, &[k('h'), k('j')]);
    assert_eq!(m.ui.group_sel, 1);
    assert_eq!(m.ui.row_sel, 0);
    keys(&mut m, &[k('l'), k('G')]);
    assert_eq!(m.ui.row_sel, m.rows().len() - 1);
    keys(&mut m, &[k('g')]);
    assert_eq!(m.ui.row_sel, 0);
    let a = m.areas();
    update(&mut m, Action::Click(a.groups.x + 2, a.groups.y + 1));
    assert_eq!(m.ui.group_sel, 0);
    update(&mut m, Action::Click(a.table.x + 2, a.table.y + 3));
    assert_eq!(m.ui.row_sel, 1);
    // The wheel over the table moves the selection three rows; over the source it scrolls.
    update(&mut m, Action::Wheel(a.table.x + 2, a.table.y + 3, true));
    assert_eq!(m.ui.row_sel, 4);
    update(&mut m, Action::Wheel(a.table.x + 2, a.table.y + 3, false));
    assert_eq!(m.ui.row_sel, 1);
    let tab = a.tab_ranges()[3].1.start;
    update(&mut m, Action::Click(tab, 0));
    assert_eq!(m.ui.view, ViewKind::All);
}

#[test]
fn source_scrolls_and_keeps_its_place_across_a_resize() {
    let mut m = Model::new(sample::dataset(), (60, 20));
    keys(&mut m, &[code(KeyCode::Enter)]);
    let top = m.ui.source.as_ref().unwrap().top;
    keys(&mut m, &[k('G')]);
    let bottom = m.ui.source.as_ref().unwrap().top;
    assert!(bottom >= top);
    update(&mut m, Action::Resize(120, 40));
    let layout = m.source_layout().unwrap();
    let s = m.ui.source.as_ref().unwrap();
    assert!(layout.lines.iter().any(|l| l.range.start == s.top));
}

#[test]
fn backspace_drops_the_filter_added_last_and_says_which() {
    let mut m = Model::new(sample::dataset(), (120, 40));
    // A theme first, then a city: the status bar shows the city's chip before the theme's.
    keys(&mut m, &[k('t')]);
    keys(&mut m, &typed("digital"));
    keys(&mut m, &[code(KeyCode::Enter), k('c')]);
    keys(&mut m, &typed("xu"));
    keys(&mut m, &[code(KeyCode::Enter)]);
    assert_eq!((m.ui.filters.city.len(), m.ui.filters.theme.len()), (1, 1));
    keys(&mut m, &[code(KeyCode::Backspace)]);
    assert_eq!((m.ui.filters.city.len(), m.ui.filters.theme.len()), (0, 1), "the city went, added last");
    assert_eq!(m.ui.message.as_deref(), Some("dropped city:徐州, the filter added last"));
    keys(&mut m, &[k('K'), code(KeyCode::Backspace)]);
    assert_eq!((m.ui.filters.kind, m.ui.filters.theme.len()), (None, 1));
    keys(&mut m, &[code(KeyCode::Backspace)]);
    assert_eq!(m.ui.message.as_deref(), Some("dropped theme:数字基础设施, the filter added last"));
    assert!(m.ui.filters.is_empty());
    keys(&mut m, &[code(KeyCode::Backspace)]);
    assert_eq!(m.ui.message.as_deref(), Some("no filter to drop"));
}

#[test]
fn the_metric_picker_names_a_metric_as_the_registry_does_not_as_one_record_words_it() {
    let dir = scratch::dataset("picker-names");
    let file = dir.join("data/indicators/test-plan.yaml");
    let text = std::fs::read_to_string(&file).expect("the indicator file");
    std::fs::write(&file, text.replacen("name: 新建5G基站\n", "name: 新建5G宏基站\n", 1)).expect("write");
    let mut m = scratch::model(&dir, (120, 40));
    keys(&mut m, &[k('m')]);
    let crate::state::Input::Picker(p) = &m.ui.input else { panic!("no picker") };
    let labels: Vec<&str> = p.options.iter().map(|o| o.label.as_str()).collect();
    assert!(labels.contains(&"5g_base_stations_new · 新建5G基站"), "{labels:?}");
    // The record's own wording still finds it.
    keys(&mut m, &typed("宏基站"));
    let crate::state::Input::Picker(p) = &m.ui.input else { panic!("no picker") };
    assert_eq!(
        p.shown.iter().map(|&i| p.options[i].label.as_str()).collect::<Vec<_>>(),
        ["5g_base_stations_new · 新建5G基站"]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sort_by_value_keeps_each_measure_and_unit_apart_and_reads_a_fall_as_below_zero() {
    let dir = scratch::dataset("value-sort");
    let mut m = scratch::model(&dir, (120, 40));
    keys(&mut m, &[k('4'), k('s'), k('s')]);
    assert_eq!(m.ui.sort.key, crate::sort::SortKey::Value);
    let order = |m: &Model| m.rows().iter().map(|&i| id(m, i).to_string()).collect::<Vec<_>>();
    // Stock (4000 个), flow (1万座), share (75 %, 100 %), change (a fall of 15 %: −15 %).
    assert_eq!(order(&m), ["t-charging", "t-5g", "t-green-travel", "t-clean-transit", "t-energy-intensity"]);
    keys(&mut m, &[k('S')]);
    assert_eq!(order(&m), ["t-charging", "t-5g", "t-clean-transit", "t-green-travel", "t-energy-intensity"]);
    let _ = std::fs::remove_dir_all(&dir);
}
