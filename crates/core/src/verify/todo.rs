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

/// `yaml` with the `TODO` value of each line of `lines` (1-based) removed, its comment kept: the key then reads as
/// absent (null) rather than as the word `TODO`.
pub fn blank(yaml: &str, lines: &[usize]) -> String {
    let mut out = String::with_capacity(yaml.len());
    for (n, line) in yaml.split_inclusive('\n').enumerate() {
        let todo = lines.contains(&(n + 1)) && find(line).len() == 1;
        match value_start(line.trim_end_matches(['\n', '\r'])).filter(|_| todo) {
            Some((_, at)) => {
                out.push_str(&line[..at]);
                // What follows the value: its comment, and the line's end.
                let rest = &line[at..];
                let end = rest.find(" #").or_else(|| rest.find(['\n', '\r'])).unwrap_or(rest.len());
                out.push_str(&rest[end..]);
            }
            None => out.push_str(line),
        }
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
    let file = FileKind::of(shown);
    find(yaml)
        .into_iter()
        .map(|t| {
            let what = if t.key.is_empty() { "a list item".to_string() } else { format!("`{}`", t.key) };
            let mut d = Diagnostic::error(shown, (t.line, t.col), format!("{MESSAGE_START}{what} was left to fill in"));
            if let Some(c) = &t.comment {
                d = d.detail("draft", c.clone());
            }
            d.hint(hint(file, &t.key, t.comment.as_deref().and_then(|c| c.strip_prefix("nearest: "))))
        })
        .collect()
}

/// Which table a file is: the same key (`kind`, `name`) means another thing in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Documents,
    Cities,
    Other,
}

impl FileKind {
    fn of(shown: &str) -> FileKind {
        if shown.ends_with("documents.yaml") {
            FileKind::Documents
        } else if shown.ends_with("cities.yaml") {
            FileKind::Cities
        } else {
            FileKind::Other
        }
    }
}

/// What to write in place of a TODO of `key`. For `metric`, `nearest` is the ids the draft or the registry
/// found closest, if any.
fn hint(file: FileKind, key: &str, nearest: Option<&str>) -> String {
    let text = match (file, key) {
        (FileKind::Documents, "title") => "the title as the document gives it",
        (FileKind::Documents, "title_en") => "the document's title in English, for readers who do not read Chinese",
        (FileKind::Documents, "issuer") => "the issuing body as the document names it (沈阳市发展和改革委员会)",
        (FileKind::Documents, "issuer_en") => {
            "the issuing body in English (Shenyang Development and Reform Commission)"
        }
        (FileKind::Documents, "kind") => {
            "the kind of document: work-plan, policy-opinions, news-report, proposal-reply, …"
        }
        (FileKind::Documents, "date") => "the document's date: YYYY-MM-DD, YYYY-MM or \"YYYY\" (quoted)",
        (FileKind::Cities, "name") => "the city's Chinese name (沈阳)",
        (FileKind::Cities, "name_en") => "the city's English name (Shenyang)",
        (FileKind::Cities, "province") => "the province in Chinese (辽宁)",
        (FileKind::Cities, "province_en") => "the province in English (Liaoning)",
        (_, "metric") => {
            let mut h =
                "pick the registry metric this figure measures — the same thing, measure (a stock like 累计, a \
                         flow like 新建) and unit — from `zhibiao metrics`"
                    .to_string();
            if let Some(ids) = nearest.filter(|n| !n.is_empty()) {
                h.push_str(&format!("; nearest: {ids}"));
            }
            h.push_str("; a new one is declared in data/metrics.yaml");
            return h;
        }
        (_, "name") => {
            "the indicator's precise Chinese name, in the source's words (the draft's comment holds the clause's)"
        }
        (_, "name_en") => "an English name a foreign researcher understands (5G base stations newly built)",
        (_, "kind") => "`target` for a goal, `actual` for a figure reported as reached",
        (_, "value") => "the number as the quote writes it, before its multiplier: 1 for 1万座, 48.02 for 48.02亿元",
        (_, "value_max") => "the upper end of a range: 20 for 10-20亿",
        (_, "unit") => "the unit as the quote writes it, multiplier included: 万座, 亿元, %, 个百分点",
        (_, "year") => "the target year, or the year a reported figure refers to (到2025年 → 2025), as a number",
        (_, "comparator") => {
            "the comparator the quote's wording gives: equal, at-least (以上), more-than (超过), at-most (以内), \
             less-than (低于), about (约), range, rank, increase, decrease"
        }
        (_, "quote") => {
            "the exact text of the source holding the number, its unit and comparator word, in one paragraph"
        }
        (_, "status") => "firm, stretch (力争, 争取) or estimate (预计); leave the field out for a firm figure",
        (_, "as_of") => "when the figure was measured, \"YYYY-MM-DD\" or \"YYYY-MM\", within `year`",
        (_, "period") => "the years a flow covers, \"YYYY\" or \"YYYY-YYYY\", ending in `year`",
        (_, "baseline_year") => "the year the change is measured from (比2020年 → 2020)",
        (_, "reason") => {
            "why these quantities are not curated (a national figure, a document number, a count of clauses)"
        }
        (_, "scope") => {
            "the part of the city the figure covers (a district, a park), or drop the field for the whole city"
        }
        _ => "write the value this field needs (README: The data format), or drop the field if it is optional",
    };
    text.to_string()
}

/// The ids of up to `n` metrics of `registry` (id, Chinese name) whose name `text` (a record's name and quote)
/// shares the longest run of characters with, longest first; only names of which the text holds three
/// characters in a row, or two and half the name (a shared `新建` alone says nothing).
pub fn nearest_metrics<'a>(
    registry: impl IntoIterator<Item = (&'a str, &'a str)>,
    text: &str,
    n: usize,
) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str)> = registry
        .into_iter()
        .filter_map(|(id, name)| {
            let core = name.split(['(', '（']).next().unwrap_or(name).chars().count();
            let run = common_run(name, text);
            (run >= 3 || (run >= 2 && run * 2 >= core)).then_some((run, id))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(n).map(|(_, id)| id).collect()
}

/// The length in characters of the longest run of `name` (without its bracketed qualifier) found in `text`.
fn common_run(name: &str, text: &str) -> usize {
    let core = name.split(['(', '（']).next().unwrap_or(name);
    let chars: Vec<char> = core.chars().collect();
    let mut best = 0;
    for i in 0..chars.len() {
        let mut j = i + best + 1;
        while j <= chars.len() && text.contains(&chars[i..j].iter().collect::<String>()) {
            best = j - i;
            j += 1;
        }
    }
    best
}

/// Names the nearest metric ids in the hint of the `metric: TODO` diagnostic at `line` of `shown`: the draft's
/// own guess (its `# nearest:` comment) first, then `ids`.
pub fn name_nearest_metrics(diags: &mut [Diagnostic], shown: &str, line: usize, ids: &[&str]) {
    let start = format!("{MESSAGE_START}`metric`");
    for d in diags.iter_mut().filter(|d| d.path == shown && d.line == line && d.message.starts_with(&start)) {
        let drafted =
            d.details.iter().find(|(label, _)| label == "draft").and_then(|(_, c)| c.strip_prefix("nearest: "));
        let mut all: Vec<&str> = drafted.into_iter().flat_map(|c| c.split(", ")).collect();
        for id in ids {
            if !all.contains(id) {
                all.push(id);
            }
        }
        if !all.is_empty() {
            d.hint = Some(hint(FileKind::of(shown), "metric", Some(&all.join(", "))));
        }
    }
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

    #[test]
    fn each_field_gets_its_own_hint() {
        let hint_of = |shown: &str, yaml: &str| diagnostics(shown, yaml)[0].hint.clone().unwrap_or_default();
        assert!(hint_of("data/documents.yaml", "- id: d\n  title_en: TODO\n").contains("title in English"));
        assert!(hint_of("data/documents.yaml", "- id: d\n  kind: TODO\n").contains("work-plan"));
        assert!(hint_of("f.yaml", "  - kind: TODO\n").contains("`target`"));
        assert!(hint_of("f.yaml", "  - value: TODO\n").contains("before its multiplier"));
        assert!(hint_of("f.yaml", "  - unit: TODO\n").contains("multiplier included"));
        assert!(hint_of("f.yaml", "  - year: TODO\n").contains("target year"));
        let metric = hint_of("f.yaml", "  - metric: TODO  # nearest: 5g_base_stations\n");
        assert!(metric.contains("`zhibiao metrics`") && metric.contains("nearest: 5g_base_stations"), "{metric}");
    }

    #[test]
    fn the_nearest_metrics_share_the_longest_run_of_the_name() {
        let registry = [
            ("5g_base_stations", "5G基站(累计)"),
            ("5g_base_stations_new", "新建5G基站"),
            ("green_travel_share", "绿色出行比例"),
            ("charging_points", "充电桩"),
        ];
        let near = nearest_metrics(registry, "全市5G基站累计达到1.5万个", 3);
        assert_eq!(near, ["5g_base_stations", "5g_base_stations_new"]);
        assert_eq!(nearest_metrics(registry, "软件业务收入", 3), Vec::<&str>::new());
        let mut diags = diagnostics("f.yaml", "x: 1\nmetric: TODO\n");
        name_nearest_metrics(&mut diags, "f.yaml", 2, &near);
        let hint = diags[0].hint.clone().unwrap_or_default();
        assert!(hint.contains("nearest: 5g_base_stations, 5g_base_stations_new"), "{hint}");
    }
}
