//! Curating a dataset as a user runs the binary: suggested commands repeat `--data`, `add-doc` finds a city by
//! any of its names, TODOs get hints for their own field, counts of one are singular, and one text registered
//! under two ids is reported.

mod common;

use std::path::{Path, PathBuf};

use common::{scratch_copy, stderr, stdout, zhibiao};

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--data", dir.to_str().unwrap()];
    all.extend_from_slice(args);
    zhibiao(&all)
}

/// A copy of the base fixture with one more plan, holding exactly one figure, in its own file.
fn with_plan(tag: &str) -> (PathBuf, PathBuf) {
    let dir = scratch_copy("base", tag);
    let plan = dir.join("xuzhou-2024-charging-plan.txt");
    std::fs::write(&plan, "徐州市充电设施建设方案\n到2025年，全市新建公共充电桩500个。\n").unwrap();
    (dir, plan)
}

#[test]
fn add_doc_takes_the_city_by_its_chinese_name_and_does_not_repeat_it_in_the_id() {
    let (dir, plan) = with_plan("curation-city");
    let out = run(
        &dir,
        &[
            "add-doc",
            plan.to_str().unwrap(),
            "--city",
            "徐州",
            "--title",
            "徐州市充电设施建设方案",
            "--date",
            "2024-05",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("registered document `xuzhou-2024-charging-plan`"), "{text}");
    // The fields left TODO are named, and the command to see where repeats --data.
    assert!(text.contains(&format!("`zhibiao --data {} check`", dir.display())), "{text}");
    let docs = std::fs::read_to_string(dir.join("data/documents.yaml")).unwrap();
    assert!(docs.contains("id: xuzhou-2024-charging-plan\n") && docs.contains("city: xuzhou\n"), "{docs}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn add_doc_adds_a_new_city_keeping_the_comments_of_cities_yaml() {
    let (dir, plan) = with_plan("curation-new-city");
    let cities = dir.join("data/cities.yaml");
    let before = format!("# Cities, by hand.\n{}", std::fs::read_to_string(&cities).unwrap());
    std::fs::write(&cities, &before).unwrap();
    let args = ["--new-city", "luoyang,洛阳,Luoyang", "--province", "河南,Henan", "--title", "方案", "--date", "2023"];
    let mut all = vec!["add-doc", plan.to_str().unwrap()];
    all.extend(args);
    let out = run(&dir, &all);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = std::fs::read_to_string(&cities).unwrap();
    assert!(after.starts_with(&before), "the file as it was, then the city:\n{after}");
    assert!(
        after.ends_with("- id: luoyang\n  name: 洛阳\n  name_en: Luoyang\n  province: 河南\n  province_en: Henan\n")
    );
    // The document's id drops nothing it should keep: the file names another city and year.
    assert!(stdout(&out).contains("registered document `luoyang-2023-xuzhou-2024-charging-plan`"), "{}", stdout(&out));
    // Run again as it was: nothing to do, the city is not added twice.
    let out = run(&dir, &all);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("nothing to do"), "{}", stdout(&out));
    assert_eq!(std::fs::read_to_string(&cities).unwrap(), after);
    // The same id under other names is refused, pointing at --city.
    let clash = ["--new-city", "luoyang,洛阳市,Luoyang", "--province", "河南,Henan", "--title", "t", "--date", "2023"];
    let mut again = vec!["add-doc", plan.to_str().unwrap()];
    again.extend(clash);
    let out = run(&dir, &again);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("give --city luoyang instead"), "{}", stderr(&out));
    // An unknown --city says how to add it.
    let out = run(&dir, &["add-doc", plan.to_str().unwrap(), "--city", "襄阳", "--title", "t", "--date", "2023"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown city `襄阳`") && stderr(&out).contains("--new-city"), "{}", stderr(&out));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn one_figure_reads_in_the_singular_and_every_suggested_command_repeats_data() {
    let (dir, plan) = with_plan("curation-one");
    let out = run(
        &dir,
        &[
            "add-doc",
            plan.to_str().unwrap(),
            "--city",
            "xuzhou",
            "--title",
            "徐州市充电设施建设方案",
            "--title-en",
            "Xuzhou charging plan",
            "--issuer",
            "徐州市人民政府",
            "--issuer-en",
            "Xuzhou government",
            "--date",
            "2024-05",
            "--kind",
            "work-plan",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(&dir, &["candidates"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).ends_with("1 unaccounted quantity in 2 documents\n"), "{}", stdout(&out));
    let out = run(&dir, &["draft", "--doc", "xuzhou-2024-charging-plan", "--write"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(said.starts_with("appended 1 drafted record to "), "{said}");
    let shown = dir.display().to_string();
    assert!(said.contains(&format!("then `zhibiao --data {shown} check`")), "{said}");
    // The dataset now holds an unfinished draft: a command sets it aside and names the check of this folder.
    let out = run(&dir, &["list"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("`zhibiao --data {shown} check` lists each TODO")), "{}", stderr(&out));
    // ... and the hints name the commands of this folder, each for its own field.
    let out = run(&dir, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let report = stderr(&out);
    assert!(report.contains(&format!("`zhibiao --data {shown} metrics`")), "{report}");
    assert!(report.contains("nearest: ev_charging_points"), "the registry id nearest 充电桩: {report}");
    assert!(report.contains("an English name a foreign researcher understands"), "{report}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn todo_hints_in_documents_yaml_say_what_the_field_is() {
    let (dir, plan) = with_plan("curation-doc-todo");
    let out = run(&dir, &["add-doc", plan.to_str().unwrap(), "--city", "Xuzhou", "--title", "方案", "--date", "2024"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(&dir, &["check"]);
    let report = stderr(&out);
    let hint_after = |field: &str| -> String {
        let at = report.find(&format!("still TODO: `{field}`")).unwrap_or_else(|| panic!("{field}: {report}"));
        report[at..].lines().find(|l| l.trim_start().starts_with("hint:")).unwrap_or_default().to_string()
    };
    assert!(hint_after("title_en").contains("title in English"), "{report}");
    assert!(hint_after("issuer").contains("issuing body"), "{report}");
    assert!(hint_after("kind").contains("work-plan"), "{report}");
    // Not the hint for an indicator's figure.
    assert!(!report.contains("read the quote in its paragraph"), "{report}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn one_text_under_two_ids_is_a_warning_naming_both() {
    let dir = scratch_copy("base", "curation-same-text");
    let docs: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(dir.join("data/documents.yaml")).unwrap()).unwrap();
    let first = &docs[0];
    let (id, source) = (first["id"].as_str().unwrap(), first["source"].as_str().unwrap());
    let copy = dir.join("copy-of-the-plan.txt");
    std::fs::copy(dir.join(source), &copy).unwrap();
    let out = run(
        &dir,
        &[
            "add-doc",
            copy.to_str().unwrap(),
            "--city",
            "xuzhou",
            "--title",
            "t",
            "--title-en",
            "t",
            "--issuer",
            "i",
            "--issuer-en",
            "i",
            "--date",
            "2024",
            "--kind",
            "work-plan",
            "--id",
            "the-copy",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(&dir, &["check"]);
    assert_eq!(out.status.code(), Some(0), "a warning does not fail check: {}", stderr(&out));
    let report = stderr(&out);
    assert!(
        report.contains(&format!("warning: document `the-copy` has the same source text as document `{id}`")),
        "{report}"
    );
    assert!(report.ends_with("0 errors, 1 warning\n"), "{report}");
    std::fs::remove_dir_all(dir).unwrap();
}
