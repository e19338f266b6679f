//! Where an entry or a key stands in a YAML file, for diagnostics.
//!
//! The YAML parser reports positions only for syntax and type errors. For problems found later (a quote not in
//! its document, an unknown theme) we look the position up again in the file's text, only when there is a
//! problem to report, so loading pays nothing for it. The lookup understands the block style the dataset is
//! written in (`key: value` mappings, `- ` sequences, comments); for anything it cannot follow it returns the
//! closest enclosing position it did find, and at worst line 1, column 1.

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// A mapping key.
    Key(&'a str),
    /// A sequence index (0-based).
    Index(usize),
}

/// A non-blank, non-comment line: its 0-based number, indentation in characters and text after it.
struct Line<'a> {
    number: usize,
    indent: usize,
    text: &'a str,
}

/// The 1-based `(line, column)` of the node at `path` in `yaml` (the key for a `Key` step, the `-` for an
/// `Index` step), or of its closest ancestor that could be found.
pub fn locate(yaml: &str, path: &[Step<'_>]) -> (usize, usize) {
    let lines: Vec<Line<'_>> = yaml
        .lines()
        .enumerate()
        .filter_map(|(number, raw)| {
            let text = raw.trim_start_matches([' ', '\u{feff}']);
            if text.is_empty() || text.starts_with('#') {
                return None;
            }
            Some(Line { number, indent: raw.chars().count() - text.chars().count(), text })
        })
        .collect();
    let mut best = (1, 1);
    // The node being searched: a run of lines, and the column its first line's content starts at (which is
    // further right than the indentation on the first line of a sequence item, `- key: value`).
    let mut range = 0..lines.len();
    let mut first_col: Option<usize> = None;
    for step in path {
        let Some(first) = lines.get(range.start).filter(|_| !range.is_empty()) else { break };
        let node_col = first_col.unwrap_or(first.indent);
        let found = match step {
            Step::Key(key) => find_key(&lines, range.clone(), node_col, first_col.is_some(), key),
            Step::Index(i) => find_item(&lines, range.clone(), node_col, first_col.is_some(), *i),
        };
        match found {
            Some((line, col, sub, sub_first_col)) => {
                best = (line + 1, col + 1);
                range = sub;
                first_col = sub_first_col;
            }
            None => break,
        }
    }
    best
}

/// The text of a line at `col` (in characters), for the first line of an item whose content starts mid-line.
fn text_at<'a>(line: &Line<'a>, col: usize) -> &'a str {
    let skip = col.saturating_sub(line.indent);
    match line.text.char_indices().nth(skip) {
        Some((i, _)) => &line.text[i..],
        None => "",
    }
}

/// Finds `key:` among the keys of the mapping whose keys stand at column `col`.
fn find_key(
    lines: &[Line<'_>],
    range: std::ops::Range<usize>,
    col: usize,
    first_is_inline: bool,
    key: &str,
) -> Option<(usize, usize, std::ops::Range<usize>, Option<usize>)> {
    for i in range.clone() {
        let line = &lines[i];
        let inline = first_is_inline && i == range.start;
        if !inline && line.indent != col {
            continue;
        }
        let text = if inline { text_at(line, col) } else { line.text };
        let rest = text
            .strip_prefix(key)
            .or_else(|| text.strip_prefix('"').and_then(|t| t.strip_prefix(key)).and_then(|t| t.strip_prefix('"')));
        if let Some(rest) = rest {
            if rest.starts_with(':') {
                let end = block_end(lines, i + 1, range.end, col, true);
                // A value on the same line (`key: value`) has no child lines worth searching.
                return Some((line.number, col, i + 1..end, None));
            }
        }
    }
    None
}

/// Finds the `index`-th `- ` item of the sequence whose dashes stand at the indentation of the range's first
/// line (or at `col` when the sequence starts on a line it shares with its parent's key).
fn find_item(
    lines: &[Line<'_>],
    range: std::ops::Range<usize>,
    col: usize,
    first_is_inline: bool,
    index: usize,
) -> Option<(usize, usize, std::ops::Range<usize>, Option<usize>)> {
    let mut seen = 0;
    for i in range.clone() {
        let line = &lines[i];
        let inline = first_is_inline && i == range.start;
        if !inline && line.indent != col {
            continue;
        }
        let text = if inline { text_at(line, col) } else { line.text };
        if text == "-" || text.starts_with("- ") {
            if seen == index {
                let end = block_end(lines, i + 1, range.end, col, false);
                let content_col = col + 1 + text[1..].chars().take_while(|c| *c == ' ').count();
                let first_col = (text.trim_end() != "-").then_some(content_col);
                let sub = if first_col.is_some() { i..end } else { i + 1..end };
                return Some((line.number, col, sub, first_col));
            }
            seen += 1;
        }
    }
    None
}

/// The index after the last line that belongs to a node whose own line is at column `col`: the block ends at
/// the first line indented no deeper, except that `- ` items at the same column belong to a key above them
/// (`key:` followed by a sequence that is not indented).
fn block_end(lines: &[Line<'_>], from: usize, limit: usize, col: usize, is_key: bool) -> usize {
    (from..limit)
        .find(|&j| {
            let line = &lines[j];
            let compact_item = is_key && line.indent == col && (line.text == "-" || line.text.starts_with("- "));
            line.indent < col || (line.indent == col && !compact_item)
        })
        .unwrap_or(limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\
# comment
document: d1
indicators:
  - id: a
    metric: m
    quote: 甲乙

  - id: b   # second
    quote: 丙丁
    note: x
ignored:
- quote: 戊
  reason: r
";

    #[test]
    fn finds_keys_inside_sequence_items() {
        assert_eq!(locate(FILE, &[Step::Key("document")]), (2, 1));
        assert_eq!(locate(FILE, &[Step::Key("indicators"), Step::Index(0)]), (4, 3));
        assert_eq!(locate(FILE, &[Step::Key("indicators"), Step::Index(0), Step::Key("id")]), (4, 5));
        assert_eq!(locate(FILE, &[Step::Key("indicators"), Step::Index(0), Step::Key("quote")]), (6, 5));
        assert_eq!(locate(FILE, &[Step::Key("indicators"), Step::Index(1), Step::Key("quote")]), (9, 5));
        assert_eq!(locate(FILE, &[Step::Key("indicators"), Step::Index(1), Step::Key("note")]), (10, 5));
        // Sequences may sit at the same column as their key.
        assert_eq!(locate(FILE, &[Step::Key("ignored"), Step::Index(0), Step::Key("reason")]), (13, 3));
    }

    #[test]
    fn falls_back_to_the_closest_ancestor() {
        assert_eq!(locate(FILE, &[Step::Key("indicators"), Step::Index(1), Step::Key("unit")]), (8, 3));
        assert_eq!(locate(FILE, &[Step::Key("indicators"), Step::Index(7)]), (3, 1));
        assert_eq!(locate(FILE, &[Step::Key("nothing")]), (1, 1));
        assert_eq!(locate("", &[Step::Index(0)]), (1, 1));
    }

    #[test]
    fn root_sequences_work() {
        let yaml = "- id: a\n  name: 甲\n- id: b\n  name: 乙\n";
        assert_eq!(locate(yaml, &[Step::Index(1), Step::Key("name")]), (4, 3));
        assert_eq!(locate(yaml, &[Step::Index(0), Step::Key("id")]), (1, 3));
    }
}
