//! What the shell around zhibiao gets: the man page it prints, the completion scripts (completing the
//! dataset's names, tried in the shells that are installed), the nearest ids of a mistyped metric, and
//! `--help` with the global options under their own heading.

mod common;

use std::process::Command;

use common::{stderr, stdout, zhibiao};

#[test]
fn generate_man_prints_the_page_with_every_command_and_the_explorer_s_keys() {
    let out = zhibiao(&["--generate", "man"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = stdout(&out);
    let title = page.lines().position(|l| l.starts_with(".TH zhibiao 1")).expect("a title");
    assert!(title < 3, "{page:.200}");
    assert_eq!(page.matches(".ds Aq").count(), 2, "roff's preamble once, not once per part");
    for section in [
        "SYNOPSIS",
        "\"GLOBAL OPTIONS\"",
        "\"ZHIBIAO LIST\"",
        "\"ZHIBIAO ADD-DOC\"",
        "\"EXPLORER KEYS\"",
        "\"EXIT STATUS\"",
    ] {
        assert!(page.contains(&format!("\n.SH {section}\n")), "no {section}");
    }
    // Keys as the explorer's key table has them (written out here, not taken from the code).
    for key in ["copy a citation of the indicator (OSC 52)", "accept: append the drafted record", "pick a metric"] {
        assert!(page.contains(key), "{key}");
    }
    // The install command the README gives is in the page too.
    assert!(page.contains("zhibiao \\-\\-generate man > ~/.local/share/man/man1/zhibiao.1"), "install line");
}

/// The completions a shell offers for `line`, where `shell` is installed; `None` where it is not.
fn bash_completes(line: &[&str]) -> Option<Vec<String>> {
    let script = stdout(&zhibiao(&["completions", "bash"]));
    let dir = std::env::temp_dir().join(format!("zhibiao-complete-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let file = dir.join("zhibiao.bash");
    std::fs::write(&file, script).ok()?;
    let words: Vec<String> = line.iter().map(|w| format!("'{w}'")).collect();
    let test = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD=$((${{#COMP_WORDS[@]}}-1)); COMP_LINE='{}'; COMP_POINT=${{#COMP_LINE}}; \
         _zhibiao zhibiao \"${{COMP_WORDS[-1]}}\" \"${{COMP_WORDS[-2]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        file.display(),
        words.join(" "),
        line.join(" ")
    );
    let out = Command::new("bash").arg("-c").arg(test).current_dir(&dir).output().ok()?;
    let _ = std::fs::remove_dir_all(&dir);
    Some(String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect())
}

#[test]
fn bash_completes_cities_themes_and_metrics_not_file_names() {
    let Some(cities) = bash_completes(&["zhibiao", "list", "--city", ""]) else {
        eprintln!("SKIPPED: bash is not installed");
        return;
    };
    assert_eq!(cities, ["shenyang", "沈阳", "xuzhou", "徐州"]);
    let metrics = bash_completes(&["zhibiao", "progress", "--metric", "5g"]).unwrap_or_default();
    assert!(metrics.iter().all(|m| m.starts_with("5g")), "{metrics:?}");
    assert!(metrics.contains(&"5g_base_stations".into()) && metrics.contains(&"5g_base_stations_new".into()));
    let compare = bash_completes(&["zhibiao", "compare", "5g_base_stations_n"]).unwrap_or_default();
    assert_eq!(compare, ["5g_base_stations_new"]);
    let themes = bash_completes(&["zhibiao", "list", "--theme", "digital-i"]).unwrap_or_default();
    assert_eq!(themes, ["digital-infrastructure"]);
}

#[test]
fn fish_completes_cities_with_their_names() {
    let script = stdout(&zhibiao(&["completions", "fish"]));
    let dir = std::env::temp_dir().join(format!("zhibiao-fish-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("zhibiao.fish");
    std::fs::write(&file, script).unwrap();
    let run = Command::new("fish")
        .arg("-c")
        .arg(format!("source '{}'; complete -C 'zhibiao list --city '", file.display()))
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    let Ok(out) = run else {
        eprintln!("SKIPPED: fish is not installed");
        return;
    };
    let offered = String::from_utf8_lossy(&out.stdout);
    assert!(offered.lines().any(|l| l == "shenyang\t沈阳 Shenyang"), "{offered}");
    assert!(offered.lines().any(|l| l == "徐州\txuzhou Xuzhou"), "{offered}");
}

#[test]
fn zsh_script_offers_the_cities_with_their_names() {
    // zsh completes only inside its line editor; the script's value list for --city is what it offers.
    let script = stdout(&zhibiao(&["completions", "zsh"]));
    let at = script.find("'*--city=").expect("a --city spec");
    let city = script[at..].split("))'").next().unwrap_or_default();
    assert!(city.contains(r#"shenyang\:"沈阳 Shenyang""#) && city.contains(r#"徐州\:"xuzhou Xuzhou""#), "{city}");
}

#[test]
fn a_mistyped_metric_suggests_ids_it_begins_not_ids_a_few_edits_away() {
    let out = zhibiao(&["list", "--metric", "5g_base_station"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let nearest = err.split("nearest: ").nth(1).and_then(|r| r.split(" (").next()).expect(&err);
    let ids: Vec<&str> = nearest.split(", ").collect();
    assert_eq!(ids[..2], ["5g_base_stations", "5g_base_stations_new"], "{err}");
    assert!(!ids.contains(&"green_travel_share"), "{err}");
}

#[test]
fn list_help_lists_its_own_options_then_the_global_ones() {
    let help = stdout(&zhibiao(&["list", "--help"]));
    let own = help.find("\nOptions:\n").expect("Options");
    let global = help.find("\nGlobal options:\n").expect("Global options");
    assert!(own < global, "{help}");
    let at = |flag: &str| {
        let line = help.lines().position(|l| l.trim_start().split([' ', ',']).next() == Some(flag));
        let line = line.unwrap_or_else(|| panic!("{flag}: {help}"));
        help.lines().take(line).map(|l| l.len() + 1).sum::<usize>()
    };
    for own_flag in ["--city", "--format", "--bom"] {
        assert!(at(own_flag) < global, "{own_flag} is list's own");
    }
    for global_flag in ["--data", "--color", "--no-cache"] {
        assert!(at(global_flag) > global, "{global_flag} is global");
    }
}
