//! The explorer's layout in a real terminal at the two sizes people use most, 80×24 and 200×50: what is cut ends
//! with `…`, the panes grow with the terminal, names that share a beginning stay apart, the errors of a broken
//! save can all be read. The built binary inside tmux (see `common::tmux`).

mod common;

use common::tmux::{counts, Tmux};
use unicode_width::UnicodeWidthStr;

/// The command running the explorer (on `data`, when given) and reporting its exit code.
fn command(data: Option<&std::path::Path>) -> String {
    let bin = env!("CARGO_BIN_EXE_zhibiao");
    match data {
        Some(d) => format!("sh -c '\"{bin}\" --data \"{}\"; echo EXITED:$?'", d.display()),
        None => format!("sh -c '\"{bin}\"; echo EXITED:$?'"),
    }
}

/// Quits and checks the exit code.
fn quit(t: &Tmux) {
    t.keys(&["q"]);
    let s = t.wait("the exit", |s| s.contains("EXITED:"));
    assert!(s.contains("EXITED:0"), "{s}");
}

/// The column (display width from the left) where the first `┐` of line `y` is: the groups pane's right edge.
fn left_pane_width(screen: &str) -> usize {
    let line = screen.lines().nth(1).unwrap_or_default();
    let at = line.find('┐').expect("the groups pane's corner");
    line[..at].width() + 1
}

#[test]
fn at_80x24_cut_text_ends_with_an_ellipsis_and_similar_metric_names_stay_apart() {
    let Some(t) = Tmux::start_sized("layout80", &command(None), (80, 24)) else { return };
    let s = t.wait("the explorer", |s| s.contains(" 1 Cities ") && counts(s).is_some());
    assert!(s.lines().all(|l| l.width() <= 80), "{s}");
    assert_eq!(left_pane_width(&s), 22, "28 % of 80 columns:\n{s}");
    // The source view's tab does not fit: the tab bar says it is cut.
    t.keys(&["Enter"]);
    let s = t.wait("the source view", |s| s.contains("quote "));
    let tabs = s.lines().next().unwrap_or_default().trim_end().to_string();
    assert!(tabs.ends_with('…') && tabs.contains(" › "), "{tabs}");
    t.keys(&["Escape"]);
    t.wait("the table again", |s| !s.contains("quote "));
    t.keys(&["5", "h"]);
    // The metrics list: two metrics that begin alike keep their different ends.
    let s = t.wait("the metrics view", |s| s.contains("Metrics ") && s.contains("record"));
    assert!(s.contains("数字经济…产业规模") && s.contains("数字经济…规模增长"), "{s}");
    quit(&t);
}

#[test]
fn at_80x24_every_error_of_a_broken_save_can_be_read_and_the_status_line_is_whole() {
    let dir = std::env::temp_dir().join(format!("zhibiao-tmux-errors-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    common::copy_dir(&common::fixture("base"), &dir);
    let Some(t) = Tmux::start_sized("errors80", &command(Some(&dir)), (80, 24)) else { return };
    t.wait("the explorer", |s| counts(s) == Some((5, 5)));
    // Every record's year broken: five errors, more than the panel holds at 24 rows.
    let path = dir.join("data/indicators/test-plan.yaml");
    let text = std::fs::read_to_string(&path).expect("the indicator file");
    std::fs::write(&path, text.replace("    year: ", "    year: x")).expect("a broken save");
    // Both the panel and the status line: tmux may show a frame half drawn (the panel's rows come first).
    let s = t.wait("the error panel", |s| s.contains("check: 5 errors") && s.contains("does not verify"));
    let status = s.lines().nth(23).unwrap_or_default().trim_end().to_string();
    assert_eq!(status, " the dataset does not verify (5 errors): showing the last good one", "{s}");
    assert!(s.contains("(E scrolls)"), "the panel says more is below:\n{s}");
    let located = |s: &str| s.lines().filter(|l| l.contains("test-plan.yaml:")).map(str::to_string).collect::<Vec<_>>();
    let mut seen = located(&s);
    for _ in 0..4 {
        t.keys(&["E"]);
        std::thread::sleep(std::time::Duration::from_millis(300));
        seen.extend(located(&t.screen()));
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 5, "all five errors were shown: {seen:#?}");
    std::fs::write(&path, &text).expect("the fix");
    t.wait("the panel gone", |s| !s.contains("check: "));
    quit(&t);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn at_200x50_the_left_pane_grows_pickers_show_whole_metric_ids_and_large_figures_read_compactly() {
    let Some(t) = Tmux::start_sized("layout200", &command(None), (200, 50)) else { return };
    let s = t.wait("the explorer", |s| s.contains(" 1 Cities ") && counts(s).is_some());
    assert_eq!(left_pane_width(&s), 56, "28 % of 200 columns:\n{s}");
    t.keys(&["m"]);
    t.wait("the metric picker", |s| s.contains("Metric 指标"));
    // Narrowed first: the registry (with the drafting catalogue) holds more metrics than fit on one screen.
    let id = "gov_data_sharing_platform_connected_departments";
    t.text("gov_data_sharing");
    let s = t.wait("the narrowed picker", |s| s.contains(&format!("{id} · ")));
    assert!(s.lines().any(|l| l.contains(&format!("{id} · ")) && !l.contains('…')), "{s}");
    t.keys(&["Escape"]);
    t.wait("the picker closed", |s| !s.contains("Metric 指标"));
    t.keys(&["4", "v"]);
    let s = t.wait("the normalised column", |s| s.contains("normalised"));
    let row = s.lines().find(|l| l.contains("数字经济核心产业规模 ")).expect("the 2062 亿元 row");
    assert!(row.contains("2062 亿元") && !row.contains("206200000000"), "{row}");
    quit(&t);
}
