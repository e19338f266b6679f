//! The explorer in a real terminal: the built binary inside tmux, driven by keys, checked on what tmux shows.
//!
//! Each test runs its own tmux server (a private socket) at 120×40 and kills it when done, pass or fail. The
//! binary runs as `sh -c 'zhibiao; echo EXITED:$?'`, so after `q` the test can see both the exit code and that
//! the terminal is back to normal (alternate screen left, shell output visible). Waits poll the screen with a
//! timeout rather than sleeping a fixed time.
//!
//! Without tmux the tests say so and pass, unless the environment variable CI is set (CI installs tmux).

mod common;

use common::tmux::{counts, explorer_command, resize, Tmux, TIMEOUT};

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// `quote 3/18` in the source view's bottom line → (3, 18).
fn quote_position(screen: &str) -> Option<(usize, usize)> {
    let at = screen.find("quote ")?;
    let rest = &screen[at + "quote ".len()..];
    let (n, rest) = rest.split_once('/')?;
    let total: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((n.parse().ok()?, total.parse().ok()?))
}

#[test]
fn filter_for_5g_open_the_source_jump_go_back_and_quit_restoring_the_terminal() {
    let Some(t) = Tmux::start("flow", &explorer_command(None)) else { return };
    let s = t.wait("the explorer", |s| s.contains(" 1 Cities ") && counts(s).is_some());
    let (all, total) = counts(&s).unwrap_or_default();
    assert_eq!(all, total, "nothing is filtered at the start:\n{s}");
    assert_eq!(t.var("alternate_on"), "1", "the explorer draws on the alternate screen");

    // Type the filter: the match count is live, matches show in the table.
    t.keys(&["/"]);
    t.text("5G");
    let s = t.wait("the 5G filter", |s| s.contains("/5G") && s.contains("matches"));
    let (n, m) = counts(&s).expect("the status bar counts");
    assert!(n >= 1 && n < m, "5G narrows the list: {n} of {m}\n{s}");
    t.keys(&["Enter"]);
    let s = t.wait("the filter kept", |s| s.contains("Enter source") && s.contains("/5G"));
    assert!(s.lines().any(|l| l.contains("5G") && l.contains("20")), "a 5G row with its year:\n{s}");

    // Enter opens the source view at the selected indicator's quote.
    t.keys(&["Enter"]);
    let s = t.wait("the source view", |s| s.contains("› source") && quote_position(s).is_some());
    let (first, stops) = quote_position(&s).expect("quote position");
    assert!(stops >= 1);
    assert!(s.contains("5G"), "the 5G quote is in view:\n{s}");

    // n jumps to the next cited quote, Ctrl-o jumps back.
    t.keys(&["n"]);
    let next = if stops == 1 { first } else { first % stops + 1 };
    t.wait("the next quote", |s| quote_position(s) == Some((next, stops)));
    t.keys(&["C-o"]);
    t.wait("the jump back", |s| quote_position(s) == Some((first, stops)));

    // Esc goes back to the table, filter still on.
    t.keys(&["Escape"]);
    let s = t.wait("the table again", |s| !s.contains("› source") && s.contains("Enter source"));
    assert_eq!(counts(&s), Some((n, m)), "the filter survives the round trip:\n{s}");

    // q quits: exit code 0, alternate screen left, the shell's output visible.
    t.keys(&["q"]);
    let s = t.wait("the exit", |s| s.contains("EXITED:"));
    assert!(s.contains("EXITED:0"), "exit code 0:\n{s}");
    assert!(!s.contains("Enter source"), "the explorer's screen is gone:\n{s}");
    assert_eq!(t.var("alternate_on"), "0", "the alternate screen was left");
}

#[test]
fn resizing_redraws_and_a_tiny_terminal_is_told_the_minimum() {
    let Some(t) = Tmux::start("resize", &explorer_command(None)) else { return };
    t.wait("the explorer", |s| s.contains(" 1 Cities "));
    let out = t.tmux(&["resize-window", "-t", &t.session, "-x", "40", "-y", "10"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s = t.wait("the too-small message", |s| s.contains("too small"));
    assert!(s.contains("50×14"), "it says how large the terminal must be:\n{s}");
    let out = t.tmux(&["resize-window", "-t", &t.session, "-x", "60", "-y", "20"]);
    assert!(out.status.success());
    // At 60 columns the six tabs shorten their titles (` 1 Cit `).
    t.wait("the explorer at 60×20", |s| s.contains(" 1 Cit") && counts(s).is_some());
    t.keys(&["C-c"]);
    let s = t.wait("the exit", |s| s.contains("EXITED:"));
    assert!(s.contains("EXITED:0"), "Ctrl-C quits cleanly:\n{s}");
    assert_eq!(t.var("alternate_on"), "0");
}

#[test]
fn sigterm_restores_the_terminal() {
    let pid_file = std::env::temp_dir().join(format!("zhibiao-tmux-sigterm-{}.pid", std::process::id()));
    let _ = std::fs::remove_file(&pid_file);
    let Some(t) = Tmux::start("sigterm", &explorer_command(Some(&pid_file))) else { return };
    t.wait("the explorer", |s| s.contains(" 1 Cities "));
    let pid = std::fs::read_to_string(&pid_file).expect("the pid file").trim().to_string();
    let _ = std::fs::remove_file(&pid_file);
    let status = Command::new("kill").args(["-TERM", &pid]).status().expect("kill runs");
    assert!(status.success());
    let s = t.wait("the exit", |s| s.contains("EXITED:"));
    assert!(s.contains("EXITED:0"), "the explorer exits cleanly on SIGTERM:\n{s}");
    assert_eq!(t.var("alternate_on"), "0", "the alternate screen was left");
}

/// A shell script that runs the explorer with `env` (e.g. `TERM=dumb`), then prints its exit code and the
/// terminal's line discipline (`icanon echo` when raw mode was turned off again), so a test can see that the
/// terminal was given back. Returns the command to start it.
fn explorer_script(test: &str, env: &str) -> (String, PathBuf) {
    let bin = env!("CARGO_BIN_EXE_zhibiao");
    let path = std::env::temp_dir().join(format!("zhibiao-tmux-{test}-{}.sh", std::process::id()));
    let script = format!(
        "#!/bin/sh\n{env} \"{bin}\"\necho EXITED:$?\necho STTY: $(stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo)\n"
    );
    std::fs::write(&path, script).expect("write the script");
    (format!("sh {}", path.display()), path)
}

#[test]
fn a_panic_gives_the_terminal_back() {
    // The trigger exists only in debug builds, which is what `cargo test` builds.
    if !cfg!(debug_assertions) {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED panic: the panic trigger exists only in debug builds; run `cargo test` without --release"
        );
        return;
    }
    let (cmd, script) = explorer_script("panic", "RUST_BACKTRACE=0 ZHIBIAO_TEST_PANIC=1");
    let Some(t) = Tmux::start("panic", &cmd) else { return };
    let s = t.wait("the exit after the panic", |s| s.contains("STTY:"));
    let _ = std::fs::remove_file(script);
    assert!(s.contains("EXITED:101"), "a panic exits with Rust's panic code:\n{s}");
    assert!(s.contains("test-only panic requested by ZHIBIAO_TEST_PANIC"), "the panic report is readable:\n{s}");
    assert!(s.contains("STTY: icanon echo"), "raw mode is off again:\n{s}");
    assert_eq!(t.var("alternate_on"), "0", "the alternate screen was left");
    assert_eq!(t.var("cursor_flag"), "1", "the cursor is shown");
}

#[test]
fn odd_terminal_sizes_and_a_dumb_term_do_not_crash() {
    let (cmd, script) = explorer_script("sizes", "TERM=dumb");
    let Some(t) = Tmux::start("sizes", &cmd) else { return };
    t.wait("the explorer under TERM=dumb", |s| s.contains(" 1 Cities ") && counts(s).is_some());
    for (w, h) in [("20", "5"), ("1", "1"), ("300", "100"), ("20", "5"), ("120", "40")] {
        let out = t.tmux(&["resize-window", "-t", &t.session, "-x", w, "-y", h]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        // Give the explorer a moment to redraw at this size; a crash would end it with an exit code.
        std::thread::sleep(Duration::from_millis(300));
        let s = t.screen();
        assert!(!s.contains("EXITED:"), "the explorer ended at {w}×{h}:\n{s}");
        if w == "300" {
            t.wait("the explorer at 300×100", |s| s.contains(" 1 Cities "));
        }
    }
    t.wait("the explorer back at 120×40", |s| s.contains(" 1 Cities ") && counts(s).is_some());
    t.keys(&["q"]);
    let s = t.wait("the exit", |s| s.contains("STTY:"));
    let _ = std::fs::remove_file(script);
    assert!(s.contains("EXITED:0"), "{s}");
    assert!(s.contains("STTY: icanon echo"), "raw mode is off again:\n{s}");
}

#[test]
fn a_hung_up_terminal_ends_the_explorer() {
    // Closing the terminal (here: killing tmux) must not leave the explorer running, spinning on a dead tty.
    let pid_file = std::env::temp_dir().join(format!("zhibiao-tmux-hangup-{}.pid", std::process::id()));
    let _ = std::fs::remove_file(&pid_file);
    let Some(t) = Tmux::start("hangup", &explorer_command(Some(&pid_file))) else { return };
    t.wait("the explorer", |s| s.contains(" 1 Cities "));
    let pid = std::fs::read_to_string(&pid_file).expect("the pid file").trim().to_string();
    let _ = std::fs::remove_file(&pid_file);
    let _ = t.tmux(&["kill-server"]);
    let proc_dir = PathBuf::from(format!("/proc/{pid}"));
    let start = Instant::now();
    // A zombie (exited, not yet reaped) counts as gone.
    let alive = || std::fs::read_to_string(proc_dir.join("stat")).is_ok_and(|s| !s.contains(") Z "));
    while alive() && start.elapsed() < TIMEOUT {
        std::thread::sleep(Duration::from_millis(50));
    }
    if alive() {
        let _ = Command::new("kill").args(["-9", &pid]).status();
        panic!("the explorer kept running after its terminal hung up");
    }
}

#[test]
fn at_80x24_the_status_line_keeps_help_and_quit_and_backspace_drops_one_filter() {
    let Some(t) = Tmux::start("narrow", &explorer_command(None)) else { return };
    t.wait("the explorer", |s| s.contains(" 1 Cities "));
    resize(&t, "80", "24");
    // The hints line (the 24th) keeps `? help` and `q quit` once the explorer has redrawn at 80 columns.
    let last = |s: &str| s.lines().nth(23).unwrap_or_default().to_string();
    t.wait("the hints at 80×24 with help and quit", |s| {
        s.lines().all(|l| l.chars().count() <= 80) && last(s).contains("? help") && last(s).contains("q quit")
    });
    // A text filter and the kind filter, then Backspace drops only the kind.
    t.keys(&["/"]);
    t.text("5G");
    t.keys(&["Enter", "K"]);
    t.wait("two chips", |s| s.contains("/5G") && s.contains("kind:target"));
    t.keys(&["BSpace"]);
    // The chip goes, and the message names the filter dropped: the one added last.
    let s = t.wait("the kind chip dropped", |s| {
        !s.lines().nth(22).unwrap_or_default().contains("kind:target")
            && s.contains("dropped kind:target, the filter added last")
    });
    assert!(s.contains("/5G"), "the text filter stays:\n{s}");
    t.keys(&["q"]);
    let s = t.wait("the exit", |s| s.contains("EXITED:"));
    assert!(s.contains("EXITED:0"), "{s}");
}

#[test]
fn at_101x30_the_help_overlay_keeps_its_left_border_over_chinese_text() {
    let Some(t) = Tmux::start("overlay", &explorer_command(None)) else { return };
    t.wait("the explorer", |s| s.contains(" 1 Cities "));
    resize(&t, "101", "30");
    t.keys(&["4"]);
    t.wait("the All view", |s| s.contains("全部指标"));
    t.keys(&["?"]);
    let s = t.wait("the help overlay", |s| s.contains("Keys"));
    let lines: Vec<&str> = s.lines().collect();
    let top = lines.iter().position(|l| l.contains(" Keys ")).expect("the overlay's title row");
    let bottom = (top + 1..lines.len()).find(|&y| lines[y].matches('└').count() >= 1).expect("the overlay's bottom");
    for (y, line) in lines.iter().enumerate().take(bottom).skip(top + 1) {
        // The groups pane's border, then (a space at most) the overlay's left border — not a wide character of
        // the table drawn over it — and the overlay's right border further on.
        let left = line.chars().skip(1).find(|c| *c != ' ');
        assert!(
            line.starts_with('│') && left == Some('│') && line.matches('│').count() >= 3,
            "row {y} lost a border (a wide character straddles the overlay's edge):\n{s}"
        );
    }
    // Esc alone (followed at once by `q` a terminal reads Alt-q), then q.
    t.keys(&["Escape"]);
    t.wait("the overlay closed", |s| !s.contains(" Keys "));
    t.keys(&["q"]);
    let s = t.wait("the exit", |s| s.contains("EXITED:"));
    assert!(s.contains("EXITED:0"), "{s}");
}

/// Live reload in a real terminal: the explorer on a copy of a dataset (`--data`), a file saved in another
/// "pane" (here, by the test) shows at once; a save that breaks the dataset shows `check`'s error in a panel while
/// the last good dataset stays; the fix takes the panel away.
#[test]
fn a_saved_edit_shows_in_the_explorer_and_a_broken_save_shows_its_error_until_fixed() {
    let dir = std::env::temp_dir().join(format!("zhibiao-tmux-reload-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    common::copy_dir(&common::fixture("base"), &dir);
    let bin = env!("CARGO_BIN_EXE_zhibiao");
    let command = format!("sh -c '\"{bin}\" --data \"{}\"; echo EXITED:$?'", dir.display());
    let Some(t) = Tmux::start("reload", &command) else { return };
    t.wait("the explorer", |s| s.contains(" 1 Cities ") && counts(s) == Some((5, 5)));
    t.keys(&["4"]);
    t.wait("all indicators", |s| s.contains("电动汽车充电桩"));

    let path = dir.join("data/indicators/test-plan.yaml");
    let text = std::fs::read_to_string(&path).expect("the indicator file");
    std::fs::write(&path, text.replace("name: 电动汽车充电桩\n", "name: 公共充电桩\n")).expect("save");
    let s = t.wait("the reload", |s| s.contains("公共充电桩"));
    assert!(s.lines().any(|l| l.contains("公共充电桩") && l.contains("4000 个")), "the renamed row:\n{s}");

    std::fs::write(&path, text.replace("    value: 4000\n", "    value: 400\n")).expect("a broken save");
    let s = t.wait("the error panel", |s| s.contains("check: 1 error"));
    assert!(s.contains("公共充电桩") && counts(&s) == Some((5, 5)), "the last good dataset stays:\n{s}");
    assert!(s.contains("test-plan.yaml:"), "the error is located:\n{s}");

    std::fs::write(&path, &text).expect("the fix");
    let s = t.wait("the panel gone", |s| !s.contains("check: 1 error") && !s.contains("公共充电桩"));
    assert_eq!(counts(&s), Some((5, 5)));
    t.keys(&["q"]);
    let s = t.wait("the exit", |s| s.contains("EXITED:"));
    assert!(s.contains("EXITED:0"), "{s}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn key_5_shows_the_metrics_view_and_e_exports_the_records_shown_as_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bin = env!("CARGO_BIN_EXE_zhibiao");
    // Run in a fresh folder: an export goes to the working directory.
    let command = format!("sh -c 'cd \"{}\" && \"{bin}\"; echo EXITED:$?'", dir.path().display());
    let Some(t) = Tmux::start("metrics", &command) else { return };
    t.wait("the explorer", |s| s.contains(" 1 Cities "));
    t.keys(&["5"]);
    // The list by theme with counts, the chart's axis (years across) and the records with their progress. Waited
    // for down to the target's row: tmux can show a frame half drawn over the Cities view's, whose headers match.
    let drawn = |s: &str| s.lines().any(|l| l.contains("3000 个") && l.contains("40%"));
    let s = t.wait("the metrics view", |s| {
        s.contains("Metrics ") && s.contains(" records") && s.contains("progress") && drawn(s)
    });
    assert!(s.contains("1c 1t 1a"), "counts of cities, targets and actuals:\n{s}");
    assert!(s.contains("5G基站") && s.contains("2020") && s.contains('█'), "chart of the 5G metric:\n{s}");
    assert!(s.lines().any(|l| l.contains("3000 个") && l.contains("40%")), "the target's progress:\n{s}");
    let shown: usize = s
        .lines()
        .find_map(|l| l.split(" records").next().and_then(|p| p.rsplit(' ').next()).and_then(|n| n.parse().ok()))
        .expect("the records count");
    // Export the records shown, as JSON under a typed name.
    t.keys(&["e"]);
    t.wait("the export prompt", |s| s.contains("export to: zhibiao-export.csv"));
    t.keys(&["C-u"]);
    t.text("5g.json");
    t.keys(&["Enter"]);
    let s = t.wait("the export written", |s| s.contains("wrote "));
    assert!(s.contains("5g.json"), "the path is shown:\n{s}");
    let text = std::fs::read_to_string(dir.path().join("5g.json")).expect("the file is written");
    let records: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let records = records.as_array().expect("an array of records");
    assert_eq!(records.len(), shown);
    // It loads back as the same records `list` gives for that metric.
    let metric = records[0]["metric"].as_str().expect("a metric").to_string();
    let out = Command::new(bin).args(["list", "--format", "json"]).output().expect("list runs");
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).expect("list's JSON");
    let mut expected: Vec<&serde_json::Value> =
        all.as_array().expect("array").iter().filter(|r| r["metric"] == metric.as_str()).collect();
    let mut got: Vec<&serde_json::Value> = records.iter().collect();
    let by_id = |r: &&serde_json::Value| r["id"].as_str().unwrap_or_default().to_string();
    expected.sort_by_key(by_id);
    got.sort_by_key(by_id);
    assert_eq!(got, expected);
    t.keys(&["q"]);
    let s = t.wait("the exit", |s| s.contains("EXITED:"));
    assert!(s.contains("EXITED:0"), "{s}");
}

/// A warm start draws the first cities from the cache's index while the whole dataset loads, says so in the
/// status lines, and applies the keys typed meanwhile, in order, once it is loaded.
#[test]
fn keys_typed_over_the_first_cities_are_applied_once_the_dataset_is_loaded() {
    // The pause that keeps the first cities on screen long enough to type exists only in debug builds.
    if !cfg!(debug_assertions) {
        let _ = writeln!(std::io::stderr(), "SKIPPED first cities: the load's test pause exists only in debug builds");
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let (data, cache) = (tmp.path().join("root"), tmp.path().join("cache"));
    common::copy_dir(&common::fixture("base"), &data);
    // Files a second old, so that the cache's index trusts them; a first command writes the cache.
    std::thread::sleep(Duration::from_millis(1100));
    let bin = env!("CARGO_BIN_EXE_zhibiao");
    let out = Command::new(bin).arg("--data").arg(&data).arg("list").env("XDG_CACHE_HOME", &cache).output();
    assert!(out.expect("zhibiao list runs").status.success());
    let command = format!(
        "sh -c 'XDG_CACHE_HOME=\"{}\" ZHIBIAO_TEST_HOLD_LOAD=4000 \"{bin}\" --data \"{}\"; echo EXITED:$?'",
        cache.display(),
        data.display()
    );
    let Some(t) = Tmux::start("first", &command) else { return };
    let s = t.wait("the first cities", |s| s.contains("the first cities are shown"));
    assert!(s.contains("loading 5 indicators") && s.contains("新建5G基站") && s.contains("徐州"), "{s}");
    assert_eq!(counts(&s), None, "no count of a dataset not loaded yet:\n{s}");
    t.keys(&["4", "/"]);
    t.text("充电");
    t.keys(&["Enter"]);
    t.wait("the keys counted while it loads", |s| s.contains("5 keys typed, applied once it is loaded"));
    let s = t.wait("the whole dataset, filtered as typed", |s| counts(s).is_some_and(|(_, of)| of == 5));
    assert!(s.contains("┌ All ") && s.contains(" /充电 "), "view 4 and the filter typed:\n{s}");
    assert!(s.contains("电动汽车充电桩") && !s.contains("绿色出行比例"), "{s}");
    t.keys(&["q"]);
    let s = t.wait("the exit", |s| s.contains("EXITED:"));
    assert!(s.contains("EXITED:0"), "{s}");
}
