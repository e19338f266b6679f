//! The explorer's modules import one way only: no module of the explorer crate reaches, through its imports, a module
//! that imports it back. Components sit below the model (`app`), the model below the views, shared vocabulary
//! below everything. This reads the sources, as `tests/layering.rs` does for the library.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a file belongs to, as the import graph counts it: `app` for `app.rs` and `app/*`, `view` for the
/// views, `component::x` for each component, the file's name otherwise; `None` for the explorer's root
/// (`lib.rs`, which composes everything) and for test-only files.
fn unit(rel: &Path) -> Option<String> {
    let parts: Vec<String> =
        rel.with_extension("").iter().map(|p| p.to_string_lossy().into_owned()).collect::<Vec<_>>();
    let last = parts.last()?;
    if last.contains("tests") || last == "sample" {
        return None;
    }
    match parts.as_slice() {
        [m] if m == "lib" => None,
        [m] => Some(m.clone()),
        [c, m] if c == "component" => Some(format!("component::{m}")),
        [top, ..] => Some(top.clone()),
        [] => None,
    }
}

/// The modules named by a path that follows `crate::` (or `super::` at the top level), such as
/// `app::{Model, Overlay}`, `component::source::SourceState` or `{layout, text}`.
fn targets(path: &str) -> Vec<String> {
    let path = path.trim_start();
    let names: Vec<&str> = match path.strip_prefix('{') {
        Some(rest) => rest.split('}').next().unwrap_or("").split(',').map(str::trim).collect(),
        None => vec![path],
    };
    names
        .into_iter()
        .filter_map(|n| {
            let mut segs = n.split("::").map(|s| s.trim_matches(|c: char| !(c.is_alphanumeric() || c == '_')));
            let first = segs.next().filter(|s| !s.is_empty())?;
            match first {
                "component" => segs.next().filter(|s| !s.is_empty()).map(|s| format!("component::{s}")),
                "self" => None,
                _ => Some(first.to_string()),
            }
        })
        .collect()
}

/// The import graph of the explorer's non-test code: module → modules it names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let tui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&tui, &mut files);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(&tui).expect("under src");
        let Some(from) = unit(rel) else { continue };
        let top_level = rel.components().count() == 1;
        let text = std::fs::read_to_string(&file).expect("read source");
        let edges = g.entry(from.clone()).or_default();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let code = line.trim_start();
            if code == "#[cfg(test)]" {
                // A test module ends the code that counts (they come last); another test-only item is skipped.
                match lines.next().map(str::trim_start) {
                    Some(next) if next.contains("mod ") && next.ends_with('{') => break,
                    _ => continue,
                }
            }
            if code.starts_with("//") {
                continue;
            }
            let mut named: Vec<String> = code.split("crate::").skip(1).flat_map(targets).collect();
            if top_level {
                if let Some(rest) = code.strip_prefix("use super::") {
                    named.extend(targets(rest));
                }
            } else if rel.starts_with("component") {
                if let Some(rest) = code.strip_prefix("use super::") {
                    named.extend(targets(rest).into_iter().map(|m| format!("component::{m}")));
                }
            }
            edges.extend(named.into_iter().filter(|m| *m != from));
        }
    }
    g
}

/// A cycle through `start`, if the graph has one: the modules in order.
fn cycle_from(g: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((at, path)) = stack.pop() {
        for next in g.get(&at).into_iter().flatten() {
            if next == start {
                let mut cycle = path.clone();
                cycle.push(start.to_string());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut p = path.clone();
                p.push(next.clone());
                stack.push((next.clone(), p));
            }
        }
    }
    None
}

#[test]
fn the_explorers_modules_import_one_way() {
    let g = graph();
    assert!(g.contains_key("app") && g.contains_key("component::source") && g.contains_key("view"), "{g:?}");
    assert!(g["view"].contains("app"), "the views read the model: {:?}", g["view"]);
    let cycles: Vec<String> = g.keys().filter_map(|m| cycle_from(&g, m)).map(|c| c.join(" → ")).collect();
    assert!(cycles.is_empty(), "import cycles in the explorer:\n{}", cycles.join("\n"));
}

#[test]
fn components_do_not_import_the_model() {
    let g = graph();
    for (m, to) in g.iter().filter(|(m, _)| m.starts_with("component::")) {
        assert!(!to.contains("app"), "{m} imports the model (app); app should call it with the parts it needs");
    }
}

#[test]
fn a_cycle_is_found() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("app".into()).or_default().insert("component::browse".into());
    g.entry("component::browse".into()).or_default().insert("layout".into());
    assert_eq!(cycle_from(&g, "app"), None);
    g.entry("layout".into()).or_default().insert("app".into());
    assert_eq!(cycle_from(&g, "app").map(|c| c.join(" → ")).as_deref(), Some("app → component::browse → layout → app"));
    assert_eq!(targets("app::{Model, Overlay};"), ["app"]);
    assert_eq!(targets("{layout, component::source::SourceState};"), ["layout", "component::source"]);
}
