//! Reading one YAML file of the dataset into its schema type, with every problem located.
//!
//! The whole file is deserialized at once: first by the subset reader ([`subset`]), which reads the YAML the
//! dataset is written in several times faster and gives up on anything else, then by `yaml_serde`. When
//! that fails on an entry of a sequence (a wrong type, an unknown or missing field), the sequence's entries are
//! read again one by one, each from its own lines of the file, so that every bad entry is reported in one run
//! with the parser's exact line and column — not just the first.

use serde::de::DeserializeOwned;

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::yamlpos::{locate, Step};

pub mod subset;

/// Hard limits that keep a hostile or broken file from taking unbounded time or memory.
pub const MAX_YAML_BYTES: usize = 64 * 1024 * 1024;

/// Deserializes `text` (the file shown to the user as `path`) into `T`, or reports why not.
///
/// `sequences` names the top-level keys whose values are lists of entries (`indicators`, `ignored`), or is
/// `&[""]` when the file itself is a list: those are the lists re-read entry by entry after a failure.
pub fn parse<T: DeserializeOwned>(path: &str, text: &str, sequences: &[&str], out: &mut Vec<Diagnostic>) -> Option<T> {
    if text.len() > MAX_YAML_BYTES {
        out.push(Diagnostic::error(path, (1, 1), format!("file is larger than {} MiB", MAX_YAML_BYTES >> 20)));
        return None;
    }
    if let Some(d) = reject_aliases(path, text).or_else(|| reject_deep_nesting(path, text)) {
        out.push(d);
        return None;
    }
    // Most files are in the subset of YAML the dataset is written in, which reads several times faster; anything
    // else, and every error, goes to yaml_serde.
    if let Some(value) = subset::from_str::<T>(text) {
        return Some(value);
    }
    let err = match serde_yaml::from_str::<T>(text) {
        Ok(value) => return Some(value),
        Err(err) => err,
    };
    let first = to_diagnostic(path, &err, 0, text);
    // serde_yaml names an entry of a top-level list `.[n]`; show it as `[n]`, like entries under a key.
    // Was it an entry of a known list? Then read every entry of that list separately.
    let in_list = sequences.iter().find(|key| {
        let prefix = if key.is_empty() { "[".to_string() } else { format!("{key}[") };
        first.message.starts_with(&prefix)
    });
    let Some(key) = in_list else {
        out.push(first);
        return None;
    };
    let before = out.len();
    let entries = entry_lines(text, key);
    for (index, &(start, end)) in entries.iter().enumerate() {
        let slice: String = text.lines().skip(start).take(end - start).map(|l| format!("{l}\n")).collect();
        if let Err(err) = check_entry::<T>(&slice, key) {
            // An entry under a key is re-read below a one-line `key:` header, hence the shift of one line.
            let delta = if key.is_empty() { start as isize } else { start as isize - 1 };
            let mut d = to_diagnostic(path, &err, delta, text);
            // The slice is a list of one entry; name the entry by its place in the whole file.
            d.message = rename_index(&d.message, key, index);
            out.push(d);
        }
    }
    if out.len() == before {
        out.push(first);
    }
    None
}

/// Deserializes one entry's lines as a file of type `T` holding just that entry, and returns the error that
/// concerns the entry, if any. For a top-level list the slice itself is such a file; an entry of a list under
/// `key` is put back under a `key:` line, and errors about the file's other (absent) keys are disregarded.
fn check_entry<T: DeserializeOwned>(slice: &str, key: &str) -> Result<(), serde_yaml::Error> {
    if key.is_empty() {
        return serde_yaml::from_str::<T>(slice).map(|_| ());
    }
    match serde_yaml::from_str::<T>(&format!("{key}:\n{slice}")) {
        Err(e) if e.to_string().starts_with(&format!("{key}[")) => Err(e),
        _ => Ok(()),
    }
}

/// Converts a parser error into a diagnostic, with its line shifted by `line_delta`.
fn to_diagnostic(path: &str, err: &serde_yaml::Error, line_delta: isize, text: &str) -> Diagnostic {
    let mut message = err.to_string();
    if message.starts_with(".[") {
        message.remove(0);
    }
    // The location is reported separately: drop serde_yaml's " at line X column Y" for it, and say where any
    // other position it mentions (the start of an unclosed quote) is.
    if let Some(loc) = err.location() {
        message = message.replace(&format!(" at line {} column {}", loc.line(), loc.column()), "");
    }
    let (line, col) = match err.location() {
        Some(loc) => (loc.line(), loc.column()),
        None => (1, 1),
    };
    let line = (line as isize + line_delta).max(1) as usize;
    let mut d = Diagnostic::error(path, (line, col), message.clone());
    if let Some(hint) = hint_for(&message, text) {
        d = d.hint(hint);
    }
    d
}

/// A "did you mean" for unknown fields, and advice for the commonest syntax slips.
fn hint_for(message: &str, text: &str) -> Option<String> {
    if let Some(rest) = message.split("unknown field `").nth(1) {
        let unknown = rest.split('`').next()?;
        let expected: Vec<&str> = rest.split("expected ").nth(1)?.split('`').skip(1).step_by(2).collect();
        return match did_you_mean(unknown, expected.iter().copied()) {
            Some(best) => Some(format!("did you mean `{best}`?")),
            None => Some(format!("the fields are: {}", expected.join(", "))),
        };
    }
    if message.contains("tab character") || (message.contains("while scanning") && text.contains('\t')) {
        return Some("YAML indentation must use spaces, not tabs".to_string());
    }
    if let Some(line) = unbalanced_quote_line(text) {
        if message.contains("while scanning") || message.contains("did not find expected") {
            return Some(format!("the quoted value opened on line {line} is not closed"));
        }
    }
    if message.contains("invalid type") && message.contains("expected i32") {
        return Some("write the year as a plain number, e.g. 2025".to_string());
    }
    if message.contains("invalid type") && message.contains("expected a number") {
        return Some("write the value as a plain number, e.g. 1500 or 48.02; the unit goes in `unit`".to_string());
    }
    None
}

/// The first line (1-based) with an odd number of double quotes outside comments: a quote left open.
fn unbalanced_quote_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let code = l.split(" #").next().unwrap_or(l);
            let quotes = code.matches('"').count().saturating_sub(code.matches("\\\"").count());
            quotes % 2 == 1
        })
        .map(|n| n + 1)
}

/// The 0-based `(first, end)` line ranges of each entry of the list under top-level `key` (or of the file's
/// own list when `key` is empty), as found by [`locate`].
fn entry_lines(text: &str, key: &str) -> Vec<(usize, usize)> {
    let total = text.lines().count();
    let mut starts = Vec::new();
    let mut i = 0;
    loop {
        let path: Vec<Step<'_>> =
            if key.is_empty() { vec![Step::Index(i)] } else { vec![Step::Key(key), Step::Index(i)] };
        let (line, _) = locate(text, &path);
        let found_item = text.lines().nth(line - 1).is_some_and(|l| l.trim_start().starts_with('-'));
        if !found_item || starts.last().is_some_and(|&last| line - 1 <= last) {
            break;
        }
        starts.push(line - 1);
        i += 1;
    }
    let list_end = list_end(text, key, starts.last().copied().unwrap_or(0), total);
    starts.iter().enumerate().map(|(n, &s)| (s, starts.get(n + 1).copied().unwrap_or(list_end))).collect()
}

/// The line after the last line of the list that starts before `last_start`: the next top-level key.
fn list_end(text: &str, key: &str, last_start: usize, total: usize) -> usize {
    if key.is_empty() {
        return total;
    }
    text.lines()
        .enumerate()
        .skip(last_start + 1)
        .find(|(_, l)| {
            let first = l.chars().next();
            first.is_some_and(|c| !c.is_whitespace() && c != '#' && c != '-')
        })
        .map_or(total, |(n, _)| n)
}

/// Rewrites the `[0]` of a one-entry slice's error path to the entry's real index.
fn rename_index(message: &str, key: &str, index: usize) -> String {
    let prefix = format!("{key}[0]");
    match message.strip_prefix(&prefix) {
        Some(rest) => format!("{key}[{index}]{rest}"),
        None => message.to_string(),
    }
}

/// Refuses YAML anchors and aliases: the dataset format never needs them, and aliases are how a small file
/// expands into gigabytes ("billion laughs").
fn reject_aliases(path: &str, text: &str) -> Option<Diagnostic> {
    for (n, line) in lines_hit(text, memchr::memchr2_iter(b'&', b'*', text.as_bytes())) {
        if !may_hold_marker(line) {
            continue;
        }
        let content = strip_quoted_and_comment(line);
        for (marker, what) in [('&', "anchor"), ('*', "alias")] {
            if let Some(col) = yaml_marker_col(&content, marker) {
                return Some(
                    Diagnostic::error(path, (n + 1, col + 1), format!("YAML {what}s are not allowed in a dataset"))
                        .hint(
                        "write each value out in full; anchors and aliases can make a small file expand without bound",
                    ),
                );
            }
        }
    }
    None
}

/// Flow collections (`[…]`, `{…}`) nested deeper than this are refused before parsing. The dataset format needs
/// two levels at most; the YAML parser's time grows with the square of the depth (50,000 levels: seconds;
/// 200,000: minutes), so a small hostile file must be stopped by this linear scan.
pub const MAX_FLOW_DEPTH: usize = 64;

/// Refuses flow collections nested deeper than [`MAX_FLOW_DEPTH`], located at the bracket that goes too deep.
/// One pass over the text: quoted strings and comments are skipped, and outside a flow collection only a
/// bracket where a value starts opens one (`标准[2020]` in plain text does not).
fn reject_deep_nesting(path: &str, text: &str) -> Option<Diagnostic> {
    memchr::memchr2(b'[', b'{', text.as_bytes())?;
    // Only lines holding a bracket can change the depth.
    let bytes = text.as_bytes();
    let brackets = merge_sorted(memchr::memchr2_iter(b'[', b'{', bytes), memchr::memchr2_iter(b']', b'}', bytes));
    let mut depth = 0usize;
    for (n, line) in lines_hit(text, brackets) {
        if depth == 0 && !may_open_flow(line) {
            continue;
        }
        let content = strip_quoted_and_comment(line);
        let mut prev_non_space: Option<char> = None;
        for (col, c) in content.chars().enumerate() {
            match c {
                '[' | '{' if depth > 0 || matches!(prev_non_space, None | Some(':' | '-' | '?')) => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some(
                            Diagnostic::error(
                                path,
                                (n + 1, col + 1),
                                format!("YAML nested more than {MAX_FLOW_DEPTH} levels deep"),
                            )
                            .hint("a dataset file needs two levels of [ ] or { } at most; is this the right file?"),
                        );
                    }
                }
                ']' | '}' if depth > 0 => depth -= 1,
                _ => {}
            }
            if c != ' ' {
                prev_non_space = Some(c);
            }
        }
    }
    None
}

/// The lines of `text` (0-based number, text without its line end) that hold at least one of the byte offsets
/// `hits` (ascending), each once and in order; the text between them is only counted for line ends.
fn lines_hit(text: &str, hits: impl Iterator<Item = usize>) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let (mut line_no, mut counted_to, mut next_line) = (0usize, 0usize, 0usize);
    hits.filter_map(move |hit| {
        if hit < next_line {
            return None;
        }
        let start = memchr::memrchr(b'\n', &bytes[..hit]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[hit..]).map_or(bytes.len(), |i| hit + i);
        line_no += memchr::memchr_iter(b'\n', &bytes[counted_to..start]).count();
        counted_to = start;
        next_line = end + 1;
        let line = &text[start..end];
        Some((line_no, line.strip_suffix('\r').unwrap_or(line)))
    })
}

/// Two ascending sequences merged into one.
fn merge_sorted(a: impl Iterator<Item = usize>, b: impl Iterator<Item = usize>) -> impl Iterator<Item = usize> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if x <= y => a.next(),
        (Some(_), Some(_)) | (None, Some(_)) => b.next(),
        (Some(_), None) => a.next(),
        (None, None) => None,
    })
}

/// A quick look that lets most lines skip [`reject_aliases`]'s full scan: true when some `&` or `*` stands where
/// a marker could, after a space, a quote, `[`, `,` or `{` (or at the start), with a word character after it.
/// Never false where the full scan would find a marker (blanking quoted text only turns characters into spaces).
fn may_hold_marker(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr2_iter(b'&', b'*', b).any(|i| {
        let before_ok = i == 0 || matches!(b[i - 1], b' ' | b'[' | b',' | b'{' | b'"' | b'\'');
        let after_ok = b.get(i + 1).is_some_and(|&n| n.is_ascii_alphanumeric() || n == b'_' || n >= 0x80);
        before_ok && after_ok
    })
}

/// A quick look that lets most lines outside any flow collection skip [`reject_deep_nesting`]'s full scan: true
/// when some `[` or `{` follows nothing, `:`, `-`, `?` or a quote (ignoring spaces). Never false where the full
/// scan would open a collection at depth 0.
fn may_open_flow(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr2_iter(b'[', b'{', b).any(|i| {
        let prev = b[..i].iter().rev().find(|&&c| c != b' ');
        matches!(prev, None | Some(b':' | b'-' | b'?' | b'"' | b'\''))
    })
}

/// The line with quoted strings blanked out and any comment removed, same length in characters.
fn strip_quoted_and_comment(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for c in line.chars() {
        match quote {
            Some(q) if c == q => {
                quote = None;
                out.push(' ');
            }
            Some(_) => out.push(' '),
            None if (c == '"' || c == '\'')
                && (prev == ' ' || prev == ':' || prev == '-' || prev == '[' || prev == ',') =>
            {
                quote = Some(c);
                out.push(' ');
            }
            None if c == '#' && (prev == ' ' || out.is_empty()) => break,
            None => out.push(c),
        }
        prev = c;
    }
    out
}

/// Column (0-based, in characters) of an anchor or alias marker: `&name`/`*name` at the start of a value.
fn yaml_marker_col(content: &str, marker: char) -> Option<usize> {
    let chars: Vec<char> = content.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c != marker {
            continue;
        }
        let before = if i == 0 { ' ' } else { chars[i - 1] };
        let after = chars.get(i + 1).copied().unwrap_or(' ');
        let at_value_start = matches!(before, ' ' | '[' | ',' | '{')
            && (i == 0 || {
                // Only after `key:`, `- `, `[`, `,` or `{` (ignoring spaces): a value position.
                let prev_non_space = chars[..i].iter().rev().find(|c| **c != ' ').copied();
                matches!(prev_non_space, None | Some(':' | '-' | '[' | ',' | '{'))
            });
        if at_value_start && (after.is_alphanumeric() || after == '_') {
            return Some(i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{CityEntry, IndicatorFile};

    fn errors<T: DeserializeOwned>(text: &str, seqs: &[&str]) -> Vec<String> {
        let mut out = Vec::new();
        let r = parse::<T>("f.yaml", text, seqs, &mut out);
        assert!(r.is_none() != out.is_empty());
        out.iter()
            .map(|d| {
                format!(
                    "{}:{}: {}{}",
                    d.line,
                    d.col,
                    d.message,
                    d.hint.as_ref().map(|h| format!(" ({h})")).unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn every_bad_entry_is_reported_with_its_own_location() {
        let text = "\
- id: a
  name: 甲
  name_en: A
  province: p
  province_en: P
- id: b
  nmae: 乙
  name_en: B
  province: p
  province_en: P
- id: c
  name: 丙
  name_en: 3
  province: p
";
        let e = errors::<Vec<CityEntry>>(text, &[""]);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert!(e[0].starts_with("7:3: [1]: unknown field `nmae`"), "{}", e[0]);
        assert!(e[0].ends_with("(did you mean `name`?)"), "{}", e[0]);
        assert!(e[1].starts_with("11:3: [2]: missing field `province_en`"), "{}", e[1]);
    }

    #[test]
    fn entries_under_a_key_are_reported_with_file_line_numbers() {
        let text = "\
document: d
indicators:
  - id: a
    metric: m
    name: 名
    name_en: n
    theme: t
    kind: target
    comparator: equal
    value: 1
    unit: 个
    year: 2025年
    quote: q
  - id: b
    metric: m
    name: 名
    name_en: n
    theme: t
    kind: goal
    comparator: equal
    value: 1
    unit: 个
    year: 2025
    quote: q
";
        let e = errors::<IndicatorFile>(text, &["indicators", "ignored"]);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert!(e[0].starts_with("12:11: indicators[0].year: invalid type: string \"2025年\""), "{}", e[0]);
        assert!(e[0].contains("write the year as a plain number"), "{}", e[0]);
        assert!(e[1].starts_with("19:11: indicators[1].kind: unknown variant `goal`"), "{}", e[1]);
    }

    #[test]
    fn syntax_errors_are_reported_once_with_a_hint() {
        let e = errors::<Vec<CityEntry>>("- id: a\n\tname: b\n", &[""]);
        assert_eq!(e.len(), 1);
        assert!(e[0].contains("tab"), "{}", e[0]);
        let e = errors::<Vec<CityEntry>>("- id: \"a\n  name: b\n", &[""]);
        assert!(e[0].contains("the quoted value opened on line 1 is not closed"), "{}", e[0]);
    }

    #[test]
    fn deep_flow_nesting_is_refused_at_the_bracket_too_deep_and_text_brackets_do_not_count() {
        let deep = format!("document: x\nindicators: {}{}\n", "[".repeat(100), "]".repeat(100));
        let d = reject_deep_nesting("f", &deep).expect("refused");
        assert_eq!((d.line, d.col), (2, 13 + MAX_FLOW_DEPTH));
        let ok = format!("a: {}{}\n", "[".repeat(MAX_FLOW_DEPTH), "]".repeat(MAX_FLOW_DEPTH));
        assert!(reject_deep_nesting("f", &ok).is_none());
        let prose = "- quote: 标准[2020\n".repeat(200) + "- note: \"[[[[\" # [[[[\n";
        assert!(reject_deep_nesting("f", &prose).is_none());
    }

    #[test]
    fn lines_are_visited_once_each_with_their_numbers() {
        let text = "a\nb [x] [y]\n\nc {\r\nd\n[";
        let b = text.as_bytes();
        let hits = merge_sorted(memchr::memchr2_iter(b'[', b'{', b), memchr::memchr2_iter(b']', b'}', b));
        let lines: Vec<(usize, &str)> = lines_hit(text, hits).collect();
        assert_eq!(lines, [(1, "b [x] [y]"), (3, "c {"), (5, "[")]);
        let deep = format!("a: 1\n\nb: x\nc: {}\n", "[".repeat(MAX_FLOW_DEPTH + 1));
        let d = reject_deep_nesting("f", &deep).expect("refused");
        assert_eq!((d.line, d.col), (4, 4 + MAX_FLOW_DEPTH));
        let d = reject_aliases("f", "a: 1\nb: R&D\n\nc: *x\n").expect("refused");
        assert_eq!((d.line, d.col), (4, 4));
    }

    #[test]
    fn the_quick_looks_pass_every_line_the_full_scans_would_refuse() {
        // Each of these lines is refused by the full scan; the quick look must let it through to be.
        for line in ["- &x", "a: *b", "a: [*b]", "a: {k: &v x}", "- \"q\"*a", "a: 'q' &甲", "*x"] {
            assert!(may_hold_marker(line), "{line}");
            assert!(reject_aliases("f", line).is_some(), "{line}");
        }
        for line in ["a: [", "- [", "? {", "a: \"q\"[", "[", "a:    {"] {
            assert!(may_open_flow(line), "{line}");
        }
        // Text that only looks like markers or brackets is skipped at once.
        assert!(!may_hold_marker("quote: R&D投入 3*4 a&b"));
        assert!(!may_open_flow("quote: 标准[2020] 和{注}"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn a_line_the_quick_looks_skip_holds_nothing_the_full_scans_would_refuse(
            tokens in proptest::collection::vec(
                proptest::sample::select(vec![
                    "- ", "a: ", "a:", "? ", "\"q\"", "'q'", "\"", "'", "*", "&", "x", "甲", "[", "{", "]", ",", " ", " #", "R&D",
                ]),
                0..8,
            )
        ) {
            let line = tokens.concat();
            let content = strip_quoted_and_comment(&line);
            if !may_hold_marker(&line) {
                proptest::prop_assert_eq!(yaml_marker_col(&content, '&'), None);
                proptest::prop_assert_eq!(yaml_marker_col(&content, '*'), None);
            }
            if !may_open_flow(&line) {
                let opened = {
                    let mut prev: Option<char> = None;
                    content.chars().any(|c| {
                        let opens = matches!(c, '[' | '{') && matches!(prev, None | Some(':' | '-' | '?'));
                        if c != ' ' {
                            prev = Some(c);
                        }
                        opens
                    })
                };
                proptest::prop_assert!(!opened, "{line:?}");
            }
        }
    }

    #[test]
    fn anchors_and_aliases_are_refused_but_not_in_text() {
        let e = errors::<Vec<CityEntry>>("- &x\n  id: a\n- *x\n", &[""]);
        assert!(e[0].starts_with("1:3: YAML anchors are not allowed"), "{}", e[0]);
        assert!(reject_aliases("f", "- quote: \"*星号* & 和\"\n  reason: a & b * c # *x\n").is_none());
        assert!(reject_aliases("f", "a: [*b]\n").is_some());
    }
}
