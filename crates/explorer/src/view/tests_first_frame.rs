//! The first frame judges only what it shows: the progress of the first group's city, every other city judged
//! when it is shown or while nobody types. What is on screen is right either way.

use super::tests::{draw, screen};
use crate::action::Action;
use crate::app::{update, Model};
use crate::sample;
use crate::vocab::ViewKind;

/// The line of the screen that holds `text` (a value shown in one row only).
fn line_with(m: &Model, text: &str) -> String {
    let s = screen(&draw(m));
    s.lines().find(|l| l.contains(text)).unwrap_or_else(|| panic!("no line with {text} in\n{s}")).to_string()
}

#[test]
fn the_first_frame_shows_its_citys_progress_and_the_work_left_for_later_changes_nothing_on_screen() {
    let mut m = Model::new(sample::dataset(), (140, 40));
    assert!(m.has_work_ahead(), "Xuzhou is left for later");
    // Shenyang, the first group: the 2025 target is at 1202 of 3000, and the 2020 figure counts toward it.
    assert!(line_with(&m, "≥ 3000 个").trim_end_matches([' ', '│']).ends_with("target  40%"));
    assert!(line_with(&m, "1202 个").trim_end_matches([' ', '│']).ends_with("actual  → 1 target"));
    assert!(line_with(&m, "下降 15 %").trim_end_matches([' ', '│']).ends_with("target  no-data"));
    let before = screen(&draw(&m));
    let mut steps = 0;
    while m.has_work_ahead() {
        update(&mut m, Action::WorkAhead);
        steps += 1;
        assert!(steps < 10, "the work ahead ends");
    }
    assert_eq!(screen(&draw(&m)), before);
}

#[test]
fn a_view_over_every_city_shows_every_citys_progress_without_waiting_for_the_work_ahead() {
    let mut m = Model::new(sample::dataset(), (140, 40));
    update(&mut m, Action::ShowView(ViewKind::All));
    assert!(line_with(&m, "≥ 3000 个").trim_end_matches([' ', '│']).ends_with("沈阳  40%"));
    // Xuzhou's targets have no actual: judged, not blank.
    for value in ["1 万座", "4000 个", "> 3 个百分点"] {
        assert!(line_with(&m, value).trim_end_matches([' ', '│']).ends_with("徐州  no-data"), "{value}");
    }
}

#[test]
fn picking_the_second_city_shows_its_progress() {
    let mut m = Model::new(sample::dataset(), (140, 40));
    update(&mut m, Action::FocusGroups);
    update(&mut m, Action::Down);
    assert!(line_with(&m, "4000 个").trim_end_matches([' ', '│']).ends_with("target  no-data"));
    // The detail pane of the selected Xuzhou target says why it has no progress.
    update(&mut m, Action::FocusTable);
    assert!(line_with(&m, "progress  no-data").contains("no actual of new_5g_base_stations for xuzhou"));
}

#[test]
fn sorting_by_status_before_the_work_ahead_orders_by_the_judged_status() {
    let mut m = Model::new(sample::dataset(), (140, 40));
    // Document → year → value → city → name → status.
    for _ in 0..5 {
        update(&mut m, Action::CycleSort);
    }
    assert_eq!(m.ui.sort.label(), "sort: status ↑");
    // In progress first, then the targets without data, then the actuals (no status).
    let ids: Vec<&str> = m.rows().iter().map(|&i| m.ds.indicators()[i].id.as_str()).collect();
    assert_eq!(ids, ["sy-5g-2025", "sy-energy", "sy-leasing", "sy-digital-economy", "sy-5g-2020"]);
}
