//! The command line's output conventions as a user meets them: through a closed pipe, under a pseudo-terminal
//! (`script`), with NO_COLOR and --color, and on a source text holding terminal escape sequences.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_zhibiao");

fn zhibiao(args: &[&str]) -> Output {
    Command::new(BIN).args(args).env_remove("NO_COLOR").output().expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs the binary under a pseudo-terminal (util-linux `script`), returning what the terminal received, or
/// `None` (after printing SKIPPED) where `script` is not available.
fn on_terminal(args: &[&str], no_color: bool) -> Option<String> {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("SKIPPED: `script` (util-linux) is not installed");
        return None;
    }
    let quoted: Vec<String> = std::iter::once(BIN).chain(args.iter().copied()).map(|a| format!("'{a}'")).collect();
    let mut cmd = Command::new("script");
    cmd.args(["-qec", &quoted.join(" "), "/dev/null"]).stdin(Stdio::null());
    if no_color {
        cmd.env("NO_COLOR", "1");
    } else {
        cmd.env_remove("NO_COLOR");
    }
    let out = cmd.output().expect("script runs");
    Some(text(&out.stdout).replace("\r\n", "\n"))
}

/// The paragraph appended to the fixture's source: a window title, a clipboard write, a colour, a C1 CSI.
const HOSTILE: &str = "标题\x1b]0;pwned\x07剪贴板\x1b]52;c;aGk=\x07红\x1b[31m字\u{9b}0m完";

/// A copy of the base fixture whose source ends with [`HOSTILE`] and whose document note holds `"\e[31m"`.
fn hostile_dataset(tag: &str) -> PathBuf {
    let dir = common::scratch_copy("base", tag);
    let plan = dir.join("seeds/plan.txt");
    let mut source = std::fs::read_to_string(&plan).unwrap();
    source.push_str(HOSTILE);
    source.push('\n');
    std::fs::write(&plan, source).unwrap();
    let docs = dir.join("data/documents.yaml");
    let mut yaml = std::fs::read_to_string(&docs).unwrap();
    yaml.push_str("  note: \"red \\e[31m here\"\n");
    std::fs::write(&docs, yaml).unwrap();
    dir
}

fn arg(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn a_closed_stdout_ends_quietly_with_exit_0() {
    for format in ["json", "csv", "table"] {
        let mut child = Command::new(BIN)
            .args(["list", "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        // The reader goes away before the first byte is written, as `head` does after its lines.
        drop(child.stdout.take());
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "--format {format}: {err}");
        assert_eq!(err, "", "--format {format}");
    }
}

#[test]
fn piped_output_is_byte_faithful_and_a_terminal_sees_escapes_only_as_text() {
    let dir = hostile_dataset("escapes");
    let piped = zhibiao(&["source", "test-plan", "--para", "7", "--data", &arg(&dir)]);
    assert_eq!(piped.status.code(), Some(0), "{}", text(&piped.stderr));
    assert_eq!(text(&piped.stdout), format!("7  {HOSTILE}\n"), "piped output must be the source, byte for byte");

    let Some(shown) = on_terminal(&["source", "test-plan", "--data", &arg(&dir)], false) else { return };
    assert!(shown.contains("7  标题\\x1b]0;pwned\\x07剪贴板\\x1b]52;c;aGk=\\x07红\\x1b[31m字\\u{9b}0m完"), "{shown:?}");
    // The only escape sequences the terminal receives are the tool's own underline on/off.
    let own = shown.replace("\x1b[1;4m", "").replace("\x1b[0m", "");
    assert!(!own.contains('\x1b') && !own.contains('\u{9b}') && !own.contains('\x07'), "{own:?}");
    assert!(shown.contains("\x1b[1;4m"), "cited quotes are underlined on a terminal: {shown:?}");

    // show, too: the document title and note pass through the same writer.
    let Some(shown) = on_terminal(&["show", "t-green-travel", "--data", &arg(&dir)], true) else { return };
    assert!(!shown.contains('\x1b'), "{shown:?}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn check_warns_located_about_control_characters_and_still_passes() {
    let dir = hostile_dataset("check-controls");
    let out = zhibiao(&["check", "--data", &arg(&dir)]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "warnings do not fail check: {err}");
    let plan = arg(&dir.join("seeds/plan.txt"));
    let docs = arg(&dir.join("data/documents.yaml"));
    // Line 7 of the source: 标题 is two characters, so ESC stands in column 3.
    assert!(err.contains(&format!("{plan}:7:3: warning: control character \\x1b in source text")), "{err}");
    assert!(err.contains(&format!("{plan}:7:12: warning: control character \\x07")), "{err}");
    assert!(err.contains(&format!("{docs}:10:14: warning: control character \\x1b in YAML")), "{err}");
    assert!(err.contains("0 errors, 7 warnings"), "{err}");
    // Piped stderr is byte-faithful too, but a diagnostic only ever names the character.
    assert!(!err.contains('\x1b'), "{err:?}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn check_scans_every_table_the_loader_reads_for_control_characters() {
    let dir = common::scratch_copy("base", "check-metric-controls");
    let metrics = dir.join("data/metrics.yaml");
    let mut yaml = std::fs::read_to_string(&metrics).unwrap();
    let line = yaml.lines().count() + 1;
    yaml.push_str("  description: \"red \\e[31m here\"\n");
    std::fs::write(&metrics, yaml).unwrap();
    let out = zhibiao(&["check", "--data", &arg(&dir)]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "a warning does not fail check: {err}");
    // `  description: "red ` is 20 characters: the escape starts in column 21.
    let want = format!("{}:{line}:21: warning: control character \\x1b in YAML", arg(&metrics));
    assert!(err.contains(&want), "{err}");
    assert!(err.contains("0 errors, 1 warning"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn long_problem_lists_are_capped_unless_all_is_asked() {
    let dir = common::scratch_copy("base", "capped");
    let plan = dir.join("seeds/plan.txt");
    let mut source = std::fs::read_to_string(&plan).unwrap();
    source.push_str(&"\x1b".repeat(60));
    source.push('\n');
    std::fs::write(&plan, source).unwrap();
    let out = zhibiao(&["check", "--data", &arg(&dir)]);
    let err = text(&out.stderr);
    assert_eq!(err.matches(": warning: ").count(), 50, "{err}");
    assert!(err.contains("… and 10 more; `zhibiao check --all` shows them all\n0 errors, 60 warnings\n"), "{err}");
    let out = zhibiao(&["check", "--all", "--data", &arg(&dir)]);
    assert_eq!(text(&out.stderr).matches(": warning: ").count(), 60);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn colour_only_on_a_terminal_never_with_no_color_and_as_the_flag_says() {
    let base = arg(&common::fixture("base"));
    let show = ["show", "t-green-travel", "--data", base.as_str()];
    // Piped: no escape codes, unless --color always.
    assert!(!zhibiao(&show).stdout.contains(&0x1b));
    let always = zhibiao(&[&show[..], &["--color", "always"]].concat());
    assert!(text(&always.stdout).contains("\x1b[1;7m绿色出行比例提高到75%以上\x1b[0m"));
    let Some(tty) = on_terminal(&show, false) else { return };
    assert!(tty.contains("\x1b[1;7m"), "{tty:?}");
    let Some(tty) = on_terminal(&show, true) else { return };
    assert!(!tty.contains('\x1b'), "NO_COLOR: {tty:?}");
    let Some(tty) = on_terminal(&[&show[..], &["--color", "never"]].concat(), false) else { return };
    assert!(!tty.contains('\x1b'), "--color never: {tty:?}");
}

#[test]
fn table_cells_are_cut_on_a_terminal_and_whole_in_a_pipe() {
    let dir = common::scratch_copy("base", "long-id");
    let file = dir.join("data/indicators/test-plan.yaml");
    let long = "t-green-travel-share-of-trips-by-public-transport-cycling-and-walking";
    let yaml = std::fs::read_to_string(&file).unwrap().replace("id: t-green-travel\n", &format!("id: {long}\n"));
    std::fs::write(&file, yaml).unwrap();
    let piped = text(&zhibiao(&["list", "--data", &arg(&dir)]).stdout);
    assert!(piped.lines().any(|l| l.starts_with(&format!("{long}  "))), "{piped}");
    let Some(tty) = on_terminal(&["list", "--data", &arg(&dir)], true) else { return };
    assert!(!tty.contains(long) && tty.contains("t-green-travel-share-of-trips-by-public…"), "{tty}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_name_that_does_not_exist_is_a_usage_error_everywhere() {
    let base = arg(&common::fixture("base"));
    for args in [
        vec!["source", "no-such-doc"],
        vec!["show", "no-such-id"],
        vec!["list", "--doc", "no-such-doc"],
        vec!["candidates", "--doc", "no-such-doc"],
    ] {
        let out = zhibiao(&[&args[..], &["--data", base.as_str()]].concat());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains("no-such-"), "{args:?}");
    }
}

#[test]
fn help_examples_line_up_by_display_width() {
    use unicode_width::UnicodeWidthStr;
    let help = text(&zhibiao(&["--help"]).stdout);
    let examples: Vec<&str> = help.split("Examples:\n").nth(1).expect("an Examples section").lines().collect();
    // Where each description starts, in columns: after the last run of three spaces.
    let starts: Vec<usize> = examples
        .iter()
        .filter_map(|l| l.rfind("   ").map(|i| l[..i].width() + l[i..].len() - l[i..].trim_start().len()))
        .collect();
    assert!(starts.len() >= 5, "{help}");
    assert!(starts.iter().all(|&s| s == starts[0]), "{starts:?}\n{help}");
    assert!(examples.iter().any(|l| l.contains("沈阳")));
    // Developer tools are not user commands.
    assert!(!help.contains("synth") && !help.contains("bench"), "{help}");
}

#[test]
fn completions_are_generated_for_each_shell() {
    for (shell, marker) in [("bash", "_zhibiao()"), ("zsh", "#compdef zhibiao"), ("fish", "complete -c zhibiao")] {
        let out = zhibiao(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = text(&out.stdout);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(script.contains("candidates") && script.contains("color"), "{shell}");
    }
    assert_eq!(zhibiao(&["completions", "tcsh"]).status.code(), Some(2));
}
