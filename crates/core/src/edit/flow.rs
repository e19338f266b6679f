//! Appending to a list written in flow style (`indicators: [ {id: a, …}, … ]`, on one line or many): the new items
//! go in as flow mappings just before the closing `]`, everything else kept byte for byte.
//!
//! The list's extent is found by scanning its text with YAML's flow rules (quoted scalars, comments, nested
//! brackets); an item's `# comment`s, which a flow mapping cannot hold inside a line, become comment lines above
//! it. A list whose end cannot be found is refused with its line.

use super::Refusal;

/// Appends `items` (block mappings at indentation 0, one `key: value` a line) to the flow list whose `[` is at byte
/// `open` of `text`.
pub(super) fn append(text: &str, open: usize, items: &[String], eol: &str) -> Result<String, Refusal> {
    let line_of = |at: usize| text[..at].matches('\n').count() + 1;
    let close = matching_bracket(text, open).ok_or_else(|| {
        Refusal::new(line_of(open), "cannot append safely: this flow list (`[`) has no closing `]`; fix the file first")
    })?;
    // The last thing written in the list (its `[` when it is empty), so that a comma can follow it.
    let last = last_significant(text, open, close);
    let empty = last == open;
    let needs_comma = !empty && !text[..=last].ends_with(',');
    let line_start = text[..open].rfind('\n').map_or(0, |i| i + 1);
    let base = text[line_start..open].len() - text[line_start..open].trim_start().len();
    let indent = " ".repeat(base + 2);
    let mut new = String::new();
    for (n, item) in items.iter().enumerate() {
        let (mapping, comments) = flow_mapping(item);
        new.push_str(eol);
        for c in comments {
            new.push_str(&indent);
            new.push_str(&c);
            new.push_str(eol);
        }
        new.push_str(&indent);
        new.push_str(&mapping);
        if n + 1 < items.len() {
            new.push(',');
        }
    }
    // After the last item's line when the `]` is on a line of its own (a trailing comment stays with its item),
    // else right after the last item.
    let line_end = text[last..].find('\n').map_or(text.len(), |i| last + i);
    let line_end = if text[line_end.saturating_sub(1)..line_end].ends_with('\r') { line_end - 1 } else { line_end };
    let at = if close > line_end { line_end } else { last + 1 };
    let mut out = String::with_capacity(text.len() + new.len() + 2);
    if empty {
        out.push_str(&text[..=last]);
    } else {
        out.push_str(&text[..=last]);
        if needs_comma {
            out.push(',');
        }
    }
    out.push_str(&text[last + 1..at]);
    out.push_str(&new);
    if close <= line_end {
        // `]` on the item's line: it follows the new items on the last one's line.
        out.push(' ');
        out.push_str(text[at..].trim_start_matches([' ', '\t']));
    } else {
        out.push_str(&text[at..]);
    }
    Ok(out)
}

/// The byte of the `]` that closes the `[` at `open`, skipping quoted scalars, comments and nested brackets.
fn matching_bracket(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return (bytes[i] == b']').then_some(i);
                }
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' => {
                i += 1;
                while i < bytes.len() {
                    if bytes[i] == b'\'' {
                        if bytes.get(i + 1) == Some(&b'\'') {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
            }
            b'#' if i == 0 || bytes[i - 1].is_ascii_whitespace() => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The byte of the last character inside `[`…`]` (at `open`, `close`) that is not a blank or part of a comment;
/// `open` itself when there is none.
fn last_significant(text: &str, open: usize, close: usize) -> usize {
    let mut last = open;
    let inner = &text[open + 1..close];
    let mut at = open + 1;
    for line in inner.split_inclusive('\n') {
        let body = strip_flow_comment(line);
        if let Some(i) = body.trim_end().len().checked_sub(1) {
            if !body.trim().is_empty() {
                last = at + i;
            }
        }
        at += line.len();
    }
    last
}

/// A line of a flow list without its comment (a `#` after a blank, outside quotes).
fn strip_flow_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'#') if i == 0 || bytes[i - 1].is_ascii_whitespace() => return &line[..i],
            _ => {}
        }
    }
    line
}

/// An item (`key: value` lines, a value possibly followed by `# comment`) as a one-line flow mapping, with its
/// comments as `# key: comment` lines. A plain value holding a character that flow style reserves is quoted.
fn flow_mapping(item: &str) -> (String, Vec<String>) {
    let mut pairs = Vec::new();
    let mut comments = Vec::new();
    for line in item.lines().filter(|l| !l.trim().is_empty()) {
        let Some((key, rest)) = line.split_once(':') else { continue };
        let (value, comment) = split_value(rest.trim());
        let value = if value.starts_with(['"', '\'']) || !value.contains([',', '[', ']', '{', '}']) {
            value.to_string()
        } else {
            serde_json::to_string(value).unwrap_or_else(|_| format!("{value:?}"))
        };
        pairs.push(format!("{}: {value}", key.trim()));
        if let Some(c) = comment {
            comments.push(format!("# {}: {c}", key.trim()));
        }
    }
    (format!("{{{}}}", pairs.join(", ")), comments)
}

/// A value's text and its trailing comment, if any.
fn split_value(rest: &str) -> (&str, Option<&str>) {
    let end = match rest.as_bytes().first() {
        Some(&q @ (b'"' | b'\'')) => {
            let bytes = rest.as_bytes();
            let mut i = 1;
            while i < bytes.len() && bytes[i] != q {
                i += if q == b'"' && bytes[i] == b'\\' { 2 } else { 1 };
            }
            (i + 1).min(rest.len())
        }
        _ => rest.find(" #").unwrap_or(rest.len()),
    };
    let (value, after) = rest.split_at(end);
    let comment = after.trim().strip_prefix('#').map(str::trim).filter(|c| !c.is_empty());
    (value.trim_end(), comment)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<String> {
        vec!["id: x\nmetric: TODO  # nearest: gdp\nquote: 甲, 乙\n".into(), "id: y\nvalue: 2\n".into()]
    }

    fn parse(text: &str) -> serde_yaml::Value {
        serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    #[test]
    fn a_one_line_flow_list_gets_the_items_and_still_parses() {
        let text = "document: d\nindicators: [ {id: a, value: 1} ]  # all\nignored: []\n";
        let out = append(text, text.find('[').unwrap_or(0), &items(), "\n").expect("appends");
        let v = parse(&out);
        let list = v["indicators"].as_sequence().expect("a list");
        assert_eq!(list.len(), 3);
        assert_eq!(list[1]["quote"].as_str(), Some("甲, 乙"));
        assert_eq!(list[1]["metric"].as_str(), Some("TODO"));
        assert_eq!(list[2]["value"].as_u64(), Some(2));
        assert!(out.contains("# metric: nearest: gdp"), "{out}");
        assert!(
            out.starts_with("document: d\nindicators: [ {id: a, value: 1},")
                && out.ends_with("]  # all\nignored: []\n")
        );
    }

    #[test]
    fn a_multi_line_flow_list_keeps_its_comments_and_closing_line() {
        let text = "indicators: [\n  {id: a, quote: \"x # not a comment ]\"},  # first\n  # end\n]\n";
        let out = append(text, text.find('[').unwrap_or(0), &items(), "\n").expect("appends");
        let v = parse(&out);
        assert_eq!(v["indicators"].as_sequence().map(Vec::len), Some(3));
        assert!(
            out.starts_with("indicators: [\n  {id: a, quote: \"x # not a comment ]\"},  # first\n  # metric"),
            "{out}"
        );
        assert!(out.ends_with("  # end\n]\n"), "{out}");
        let empty = "indicators: [\n]\n";
        let out = append(empty, 12, &items()[1..], "\n").expect("appends");
        assert_eq!(parse(&out)["indicators"].as_sequence().map(Vec::len), Some(1));
    }

    #[test]
    fn windows_line_ends_are_kept() {
        let text = "indicators: [\r\n  {id: a}\r\n]\r\n";
        let out = append(text, 12, &items()[1..], "\r\n").expect("appends");
        assert_eq!(out, "indicators: [\r\n  {id: a},\r\n  {id: y, value: 2}\r\n]\r\n");
        assert_eq!(parse(&out)["indicators"].as_sequence().map(Vec::len), Some(2));
    }

    #[test]
    fn an_unclosed_list_is_refused_with_its_line() {
        let text = "document: d\nindicators: [ {id: a}\n";
        let r = append(text, text.find('[').unwrap_or(0), &items(), "\n").expect_err("refused");
        assert_eq!(r.line, 2);
    }
}
