//! The README's curation walkthrough, run as written: the `sh` block under "Adding a document" is read from the
//! README and each line run in a shell from the repository's folder, with the built `zhibiao` first on PATH and
//! the dataset folder in a temporary place. Every command must exit as the README says (0, or the exit code its
//! comment names), and the closing `check` may report nothing but the TODOs the README predicts.

use std::path::Path;
use std::process::Command;

/// The lines of the README's walkthrough block.
fn walkthrough() -> Vec<String> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README");
    let section = readme.split("### Adding a document: the workbench").nth(1).expect("the walkthrough section");
    let block = section.split("```sh\n").nth(1).and_then(|b| b.split("```").next()).expect("an sh block");
    block.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect()
}

#[test]
fn the_readme_walkthrough_runs_as_written_with_data() {
    let lines = walkthrough();
    assert!(lines.len() >= 4, "{lines:?}");
    let tmp = std::env::temp_dir().join(format!("zhibiao-walkthrough-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let dataset = tmp.join("my-dataset");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_zhibiao")).parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let mut outputs = Vec::new();
    for line in &lines {
        let run = line.replace("my-dataset", &dataset.display().to_string());
        let out = Command::new("sh")
            .arg("-c")
            .arg(&run)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("PATH", &path)
            .env("XDG_CACHE_HOME", tmp.join("cache"))
            .env("NO_COLOR", "1")
            .output()
            .expect("sh runs");
        let expected = line.split("# exit ").nth(1).and_then(|c| c.split(':').next()).map_or(0, |c| c.parse().unwrap());
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert_eq!(out.status.code(), Some(expected), "`{run}`\nstdout:\n{stdout}\nstderr:\n{stderr}");
        outputs.push((run, stdout.into_owned(), stderr.into_owned()));
    }
    let shown = dataset.display().to_string();
    // add-doc suggests the next commands with the same --data; draft's `next:` names check with it too.
    let (_, add_doc, _) = outputs.iter().find(|(run, ..)| run.contains(" add-doc ")).expect("add-doc");
    assert!(add_doc.contains(&format!("zhibiao --data {shown} source hefei-2022-5g-plan")), "{add_doc}");
    assert!(add_doc.contains("added city `hefei`"), "{add_doc}");
    let (_, draft, _) = outputs.iter().find(|(run, ..)| run.contains(" draft ")).expect("draft");
    assert!(draft.contains(&format!("`zhibiao --data {shown} check`")), "{draft}");
    // The closing check: only the TODOs the README predicts, each with a hint naming the dataset's commands.
    let (_, _, check) = outputs.iter().find(|(run, ..)| run.contains(" check")).expect("check");
    let errors: Vec<&str> = check.lines().filter(|l| l.contains(": error: ")).collect();
    assert!(!errors.is_empty(), "{check}");
    for e in &errors {
        assert!(e.contains("still TODO: "), "an error the README does not predict: {e}");
    }
    assert!(check.contains(&format!("`zhibiao --data {shown} metrics`")), "{check}");
    // ... and that command lists the registry to pick from, though the dataset does not load yet.
    let (_, metrics, _) = outputs.iter().find(|(run, ..)| run.contains(" metrics")).expect("metrics");
    assert!(metrics.lines().any(|l| l.starts_with("5g_base_stations_new ")), "{metrics}");
    std::fs::remove_dir_all(&tmp).unwrap();
}
