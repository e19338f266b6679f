//! The rule that a draft cannot pass unread: no field of a curated file may still say `TODO`.
//!
//! `zhibiao draft` and `zhibiao add-doc` write `TODO` where the text does not decide (`metric: TODO  # nearest:
//! 5g_base_stations`); this rule finds every such value in a file's text, wherever it stands (an indicator, an
//! ignored entry, a document), and reports it at the value's own line and column. It reads the text, not the
//! parsed file, so a `TODO` in a typed field (`year: TODO`) is reported as a TODO and not only as a wrong type.

use crate::diagnostic::Diagnostic;

/// One remaining `TODO`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Todo {
    /// 1-based line.
    pub line: usize,
    /// 1-based column of the `TODO` (in characters).
    pub col: usize,
    /// The key whose value it is (`metric`); empty for a bare list item.
    pub key: String,
    /// The comment after it, without `#` (`nearest: 5g_base_stations`), when there is one.
    pub comment: Option<String>,
}

/// The message every TODO diagnostic starts with; [`shadowed`] recognises its own diagnostics by it.
const MESSAGE_START: &str = "still TODO: ";

/// Every value in `yaml` that is `TODO` (plain or quoted, alone or followed by more words: `TODO 5G基站`).
pub fn find(yaml: &str) -> Vec<Todo> {
    if !yaml.contains("TODO") {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (n, line) in yaml.lines().enumerate() {
        if !line.contains("TODO") {
            continue;
        }
        let Some((key, value_at)) = value_start(line) else { continue };
        let value = &line[value_at..];
        let unquoted = value.strip_prefix(['"', '\'']).unwrap_or(value);
        let Some(rest) = unquoted.strip_prefix("TODO") else { continue };
        if rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            continue; // `TODOS`, `TODO_x`: another word
        }
        let quote_len = value.len() - unquoted.len();
        let comment = rest.find(" #").map(|i| rest[i + 2..].trim().to_string()).filter(|c| !c.is_empty());
        out.push(Todo { line: n + 1, col: line[..value_at + quote_len].chars().count() + 1, key, comment });
    }
    out
}

/// Where the value of a `key: value` or `- value` line starts (byte offset), and its key; `None` for a comment,
/// a key without a value, or a line that is neither.
fn value_start(line: &str) -> Option<(String, usize)> {
    let body = line.trim_start_matches(' ');
    if body.starts_with('#') {
        return None;
    }
    let mut at = line.len() - body.len();
    let mut rest = body;
    // A list item: `- key: value` or `- value`.
    while let Some(r) = rest.strip_prefix("- ") {
        let r2 = r.trim_start_matches(' ');
        at += rest.len() - r2.len();
        rest = r2;
    }
    match rest.find(": ") {
        Some(i) if !rest[..i].contains(['"', '\'']) => {
            let key = rest[..i].trim().to_string();
            let after = &rest[i + 2..];
            let value = after.trim_start_matches(' ');
            Some((key, at + i + 2 + after.len() - value.len()))
        }
        _ if at > line.len() - body.len() => Some((String::new(), at)),
        _ => None,
    }
}

/// The diagnostics for the TODOs of the file shown as `shown`.
pub fn diagnostics(shown: &str, yaml: &str) -> Vec<Diagnostic> {
    find(yaml)
        .into_iter()
        .map(|t| {
            let what = if t.key.is_empty() { "a list item".to_string() } else { format!("`{}`", t.key) };
            let mut d = Diagnostic::error(shown, (t.line, t.col), format!("{MESSAGE_START}{what} was left to fill in"));
            if let Some(c) = &t.comment {
                d = d.detail("draft", c.clone());
            }
            d.hint(
                "a draft leaves TODO where the text does not decide: read the quote in its paragraph, write the value",
            )
        })
        .collect()
}

/// True for a diagnostic of this rule.
pub fn is_todo(d: &Diagnostic) -> bool {
    d.message.starts_with(MESSAGE_START)
}

/// The 1-based first lines of the entries of the block list under the top-level key `key` (`indicators`), and the
/// line after the list ends, in one pass over the text: which record a TODO belongs to. `None` when the list is
/// not written as a block list of mappings (a flow list, say), so that its TODOs stay errors of the file.
pub fn entry_starts(yaml: &str, key: &str) -> Option<(Vec<usize>, usize)> {
    let mut starts = Vec::new();
    let mut inside = false;
    let mut indent = None;
    let header = format!("{key}:");
    for (n, line) in yaml.lines().enumerate() {
        let body = line.trim_start_matches(' ');
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let at = line.len() - body.len();
        if at == 0 && !body.starts_with('-') {
            if inside {
                return Some((starts, n + 1));
            }
            if body.trim_end() == header || body.starts_with(&format!("{header} ")) {
                let rest = body[header.len()..].trim();
                if !(rest.is_empty() || rest.starts_with('#')) {
                    return None;
                }
                inside = true;
            }
            continue;
        }
        if inside && (body.starts_with("- ") || body == "-") {
            match indent {
                None => indent = Some(at),
                Some(i) if i != at => continue,
                _ => {}
            }
            starts.push(n + 1);
        }
    }
    inside.then(|| (starts, yaml.lines().count() + 1))
}

/// Drops the diagnostics that a TODO on the same line explains (`unknown metric `TODO``, a wrong type for
/// `year: TODO`): the TODO diagnostic says what to do, the others would only repeat it.
pub fn shadowed(diags: &mut Vec<Diagnostic>) {
    let todo_lines: Vec<(String, usize)> =
        diags.iter().filter(|d| d.message.starts_with(MESSAGE_START)).map(|d| (d.path.clone(), d.line)).collect();
    if todo_lines.is_empty() {
        return;
    }
    diags.retain(|d| {
        d.message.starts_with(MESSAGE_START) || !todo_lines.iter().any(|(p, l)| *p == d.path && *l == d.line)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn todos_are_found_at_their_value_in_any_field() {
        let yaml = "\
document: d
indicators:
  - id: d-p1
    metric: TODO  # nearest: 5g_base_stations
    name: TODO  # 新建5G基站
    name_en: \"TODO\"
    year: TODO
    quote: 新建5G基站TODO以外
    note: TODOS are fine
  - TODO
# TODO: a comment is not a field
";
        let found = find(yaml);
        let at: Vec<(usize, usize, &str)> = found.iter().map(|t| (t.line, t.col, t.key.as_str())).collect();
        assert_eq!(at, [(4, 13, "metric"), (5, 11, "name"), (6, 15, "name_en"), (7, 11, "year"), (10, 5, "")]);
        assert_eq!(found[0].comment.as_deref(), Some("nearest: 5g_base_stations"));
        assert_eq!(found[1].comment.as_deref(), Some("新建5G基站"));
        assert_eq!(find("- id: x\n  title: 标题\n"), []);
    }

    #[test]
    fn entries_are_found_in_one_pass_and_a_flow_list_is_not_read() {
        let yaml = "document: d\nindicators:\n  - id: a\n    name: x\n  # note\n  - id: b\n    note: \"- y\"\nignored:\n- quote: q\n";
        assert_eq!(entry_starts(yaml, "indicators"), Some((vec![3, 6], 8)));
        assert_eq!(entry_starts(yaml, "ignored"), Some((vec![9], 10)));
        assert_eq!(entry_starts("indicators: [a, b]\n", "indicators"), None);
        assert_eq!(entry_starts("document: d\n", "indicators"), None);
    }

    #[test]
    fn a_todo_shadows_the_other_errors_of_its_line_only() {
        let mut diags = diagnostics("f.yaml", "metric: TODO\n");
        diags.push(Diagnostic::error("f.yaml", (1, 1), "unknown metric `TODO`"));
        diags.push(Diagnostic::error("f.yaml", (2, 1), "quote not found"));
        diags.push(Diagnostic::error("g.yaml", (1, 1), "unknown metric `x`"));
        shadowed(&mut diags);
        let kept: Vec<String> = diags.iter().map(|d| format!("{}:{}: {}", d.path, d.line, d.message)).collect();
        assert_eq!(
            kept,
            [
                "f.yaml:1: still TODO: `metric` was left to fill in",
                "f.yaml:2: quote not found",
                "g.yaml:1: unknown metric `x`"
            ]
        );
    }
}
