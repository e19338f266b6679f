//! Editing the curated YAML in place: appending records to a list while keeping every comment, blank line and the
//! order of what the file holds, and writing the result atomically.
//!
//! The curated files are written by people, so the program never re-serialises them. It finds the list in the text
//! (`indicators:` or `ignored:` of an indicator file, or the top-level list of `documents.yaml`), measures its
//! indentation from the items already there, and inserts the new items as text right after the list's last item —
//! before any comment or blank line that follows it, so a comment introducing the next section stays with it.
//!
//! An item is given as a block mapping at indentation 0, one `key: value` per line (a value may carry a trailing
//! `# comment`); [`scalar`] quotes a string value when YAML needs it. The file's line ending (`\n` or `\r\n`) is
//! kept.
//!
//! A list written in flow style (`indicators: [ {...}, {...} ]`) gets the new items as flow mappings before its
//! `]` (see [`flow`]). A form that cannot be appended to safely (an anchor, a tag, an alias, a key given twice, a
//! quoted key) is refused with the file's line, never guessed at: a second `indicators:` key would make the file
//! unreadable.
//!
//! Writes go through [`crate::atomic`] (a temporary file renamed over the old one, through symbolic links,
//! permissions kept); callers hold the dataset's lock ([`crate::atomic::lock_dataset`]) from reading the file to
//! writing it, so two writers queue instead of one undoing the other.

mod flow;

use std::fs;
use std::io;
use std::path::Path;

use crate::atomic::failed;

/// Why a list cannot be appended to safely: the 1-based line of the form refused, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The line (1-based) of the form refused.
    pub line: usize,
    /// What the form is and what to do.
    pub message: String,
}

impl Refusal {
    fn new(line: usize, message: impl Into<String>) -> Refusal {
        Refusal { line, message: message.into() }
    }

    /// The refusal as an I/O error naming the file and line, compiler-style.
    pub fn at(&self, path: &Path) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}:{}:1: error: {}", path.display(), self.line, self.message),
        )
    }
}

/// Which list of an indicator file to append to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// `indicators:`, the curated records.
    Indicators,
    /// `ignored:`, passages a curator looked at and chose not to curate.
    Ignored,
}

impl List {
    /// The key of the list in the file.
    pub fn key(self) -> &'static str {
        match self {
            List::Indicators => "indicators",
            List::Ignored => "ignored",
        }
    }
}

/// Words a YAML 1.1 reader takes for booleans or null: quoted so that every reader sees a string.
const YAML11_WORDS: &[&str] = &["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"];

/// Renders a string as a YAML scalar: plain when YAML reads it back unchanged, quoted otherwise.
pub fn scalar(s: &str) -> String {
    let plain_ok = !s.is_empty()
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.starts_with(|c: char| c.is_whitespace() || "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !s.ends_with(char::is_whitespace)
        && !s.contains(['\n', '\r', '\t'])
        && !YAML11_WORDS.contains(&s.to_ascii_lowercase().as_str())
        && serde_yaml::from_str::<serde_yaml::Value>(s).ok() == Some(serde_yaml::Value::String(s.to_string()));
    if plain_ok {
        s.to_string()
    } else {
        let escaped = s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n").replace('\r', "\\r");
        let escaped = escaped.replace('\t', "\\t");
        format!("\"{escaped}\"")
    }
}

/// The text of a new indicator file for document `doc`, with an empty `indicators:` list to append to.
pub fn new_indicator_file(doc: &str) -> String {
    format!("document: {}\nindicators:\n", scalar(doc))
}

/// A new indicator file for document `doc` holding `items` (block mappings at indentation 0).
pub fn new_indicator_file_with(doc: &str, items: &[String]) -> String {
    let mut out = new_indicator_file(doc);
    out.push_str(&render_items(items, 2, 4, "\n"));
    out
}

/// Appends `items` (block mappings at indentation 0) to the top-level list `key` of `text`; the list is added at the
/// end when the file has none. Everything else in the text is kept byte for byte. A form that cannot be appended
/// to safely is refused.
pub fn append_to_key(text: &str, key: &str, items: &[String]) -> Result<String, Refusal> {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let lines = split_lines(text);
    let mut found = None;
    for (i, line) in lines.iter().enumerate() {
        if let Some(quoted) = [format!("\"{key}\":"), format!("'{key}':")].iter().find(|q| line.starts_with(q.as_str()))
        {
            return Err(Refusal::new(i + 1, format!("`{quoted}` is a quoted key; write it `{key}:` to append to it")));
        }
        if key_rest(line, key).is_some() {
            if found.is_some() {
                return Err(Refusal::new(i + 1, format!("`{key}:` is given twice; keep one list")));
            }
            found = Some(i);
        }
    }
    let Some(k) = found else {
        let mut out = text.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(eol);
        }
        out.push_str(key);
        out.push(':');
        out.push_str(eol);
        out.push_str(&render_items(items, 2, 4, eol));
        return Ok(out);
    };
    let key_line = lines[k];
    let head_len: usize = lines[..k].iter().map(|l| l.len()).sum();
    let after_key = key_rest(key_line, key).unwrap_or("");
    let value = strip_comment(after_key).trim();
    let mut out = String::with_capacity(text.len() + 256);
    out.push_str(&text[..head_len]);
    if value == "[]" {
        // `key: []` (an empty flow list) becomes `key:` with the items below it; a trailing comment is kept.
        let comment = after_key.trim_start().strip_prefix("[]").unwrap_or("").trim();
        out.push_str(key);
        out.push(':');
        if !comment.is_empty() {
            out.push(' ');
            out.push_str(comment);
        }
        out.push_str(eol);
    } else if value.is_empty() {
        // The list is below the key: a block list, or a flow list that starts on a line of its own.
        let rest = &lines[k + 1..];
        if let Some((i, col)) = first_content(rest) {
            let body = &rest[i][col..];
            if body.starts_with('[') {
                let at = head_len + key_line.len() + rest[..i].iter().map(|l| l.len()).sum::<usize>() + col;
                return flow::append(text, at, items, eol);
            }
            if col > 0 && !(body == "-" || body.starts_with("- ") || body.starts_with("-\r") || body.starts_with("-\n"))
            {
                return Err(unsafe_form(k + 2 + i, key, body));
            }
        }
        out.push_str(key_line);
        if !key_line.ends_with('\n') {
            out.push_str(eol);
        }
    } else if value.starts_with('[') {
        let at = head_len + key.len() + 1 + (after_key.len() - after_key.trim_start().len());
        return flow::append(text, at, items, eol);
    } else {
        return Err(unsafe_form(k + 1, key, value));
    }
    let rest = &lines[k + 1..];
    let (last, dash, child) = list_extent(rest);
    let insert_at = last.map_or(0, |i| i + 1);
    out.push_str(&rest[..insert_at].concat());
    if insert_at > 0 && !out.ends_with('\n') {
        out.push_str(eol);
    }
    out.push_str(&render_items(items, dash, child, eol));
    out.push_str(&rest[insert_at..].concat());
    Ok(out)
}

/// The refusal of a list's form that is neither a block nor a flow list (an anchor, a tag, an alias, a scalar).
fn unsafe_form(line: usize, key: &str, value: &str) -> Refusal {
    let shown: String = value.trim_end().chars().take(40).collect();
    Refusal::new(
        line,
        format!(
            "cannot append to `{key}:` safely: its value starts `{shown}`, not a block list (`- `) or a flow list \
             (`[`); add the records by hand"
        ),
    )
}

/// Appends `items` to a file that is itself a top-level list (`documents.yaml`), after its last item.
pub fn append_to_sequence(text: &str, items: &[String]) -> Result<String, Refusal> {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let lines = split_lines(text);
    if let Some((i, col)) = first_content(&lines) {
        let body = &lines[i][col..];
        if body.starts_with('[') {
            let at = lines[..i].iter().map(|l| l.len()).sum::<usize>() + col;
            return flow::append(text, at, items, eol);
        }
        let is_item = body == "-" || body.starts_with("- ") || body.starts_with("-\r") || body.starts_with("-\n");
        if !is_item && !body.starts_with("---") {
            let shown: String = body.trim_end().chars().take(40).collect();
            return Err(Refusal::new(
                i + 1,
                format!("cannot append safely: the file should be a list of documents, but starts `{shown}`"),
            ));
        }
    }
    let (last, dash, child) = list_extent(&lines);
    let insert_at = last.map_or(lines.len(), |i| i + 1);
    let mut out: String = lines[..insert_at].concat();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(eol);
    }
    let (dash, child) = if last.is_some() { (dash, child) } else { (0, 2) };
    out.push_str(&render_items(items, dash, child, eol));
    out.push_str(&lines[insert_at..].concat());
    Ok(out)
}

/// An `ignored:` entry as an item for [`append_to_key`]: the passage, why it is left out, and its paragraph when the
/// passage occurs more than once in the document.
pub fn ignored_entry(quote: &str, reason: &str, paragraph: Option<usize>) -> String {
    let mut out = format!("quote: {}\nreason: {}\n", scalar(quote), scalar(reason));
    if let Some(p) = paragraph {
        out.push_str(&format!("paragraph: {p}\n"));
    }
    out
}

/// Appends records to list `list` of the indicator file at `path` (created with `document: doc` when missing),
/// atomically. The caller holds the dataset's lock.
pub fn append_to_indicator_file(path: &Path, doc: &str, list: List, items: &[String]) -> io::Result<()> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => new_indicator_file(doc),
        Err(e) => return Err(failed(path, "cannot read")(e)),
    };
    let out = append_to_key(&text, list.key(), items).map_err(|r| r.at(path))?;
    crate::atomic::write(path, out.as_bytes())
}

/// Appends entries to the list of `documents.yaml` at `path`, atomically. The caller holds the dataset's lock.
pub fn append_to_documents(path: &Path, items: &[String]) -> io::Result<()> {
    let text = fs::read_to_string(path).map_err(failed(path, "cannot read"))?;
    let out = append_to_sequence(&text, items).map_err(|r| r.at(path))?;
    crate::atomic::write(path, out.as_bytes())
}

/// The document an indicator file's text names in its top-level `document:` (quoted or plain, with or without a
/// trailing comment), as YAML reads it; `None` when it names none.
pub fn document_of(text: &str) -> Option<String> {
    let line = text.lines().find_map(|l| key_rest(l, "document"))?;
    match serde_yaml::from_str::<serde_yaml::Value>(line).ok()? {
        serde_yaml::Value::String(s) => Some(s),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The indicator file (relative to the dataset root `dir`) that holds the records of document `doc`: the file
/// whose `document:` names it (`data/indicators/<doc>.yaml` by convention, checked first), else that
/// conventional name for a new file.
pub fn indicator_file_for(dir: &Path, doc: &str) -> String {
    let conventional = format!("data/indicators/{doc}.yaml");
    let names_doc =
        |rel: &str| fs::read_to_string(dir.join(rel)).ok().and_then(|t| document_of(&t)).as_deref() == Some(doc);
    if dir.join(&conventional).is_file() && names_doc(&conventional) {
        return conventional;
    }
    let mut names: Vec<String> = fs::read_dir(dir.join("data/indicators"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| (n.ends_with(".yaml") || n.ends_with(".yml")) && !n.starts_with('.'))
        .collect();
    names.sort();
    names.into_iter().map(|name| format!("data/indicators/{name}")).find(|rel| names_doc(rel)).unwrap_or(conventional)
}

/// Where the record `id` stands in an indicators file's text: the 1-based line of its `- id:` (or of its flow
/// mapping `{id: …}`) and, for each of its fields still `TODO`, the key and its line.
pub fn record_todos(text: &str, id: &str) -> Option<(usize, Vec<(String, usize)>)> {
    let lines: Vec<&str> = text.lines().collect();
    let is_id = |v: &str| {
        let v = v.trim();
        v == id || v == scalar(id)
    };
    let block = lines.iter().position(|l| l.trim_start().strip_prefix("- id:").is_some_and(is_id));
    let Some(start) = block else {
        // A flow mapping on one line, as appended to a flow-style list.
        let n = lines.iter().position(|l| {
            let t = l.trim_start().trim_start_matches(['-', ' ']);
            t.strip_prefix("{id:").and_then(|v| v.split([',', '}']).next()).is_some_and(is_id)
        })?;
        let body = lines[n].trim_start().trim_start_matches(['-', ' ']);
        let todos = body
            .trim_start_matches('{')
            .split(", ")
            .filter_map(|pair| pair.split_once(':'))
            .filter(|(_, v)| v.trim().trim_start_matches(['"', '\'']).starts_with("TODO"))
            .map(|(k, _)| (k.trim().to_string(), n + 1))
            .collect();
        return Some((n + 1, todos));
    };
    let dash = lines[start].len() - lines[start].trim_start().len();
    let mut todos = Vec::new();
    for (n, line) in lines.iter().enumerate().skip(start + 1) {
        let body = line.trim_start();
        let col = line.len() - body.len();
        if !body.is_empty() && !body.starts_with('#') && col <= dash {
            break;
        }
        if let Some((key, value)) = body.split_once(':') {
            if value.trim_start().trim_start_matches(['"', '\'']).starts_with("TODO") {
                todos.push((key.trim().to_string(), n + 1));
            }
        }
    }
    Some((start + 1, todos))
}

/// The lines of `text`, each with its line ending.
fn split_lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// What follows `key:` on a line that starts with it at column 0 (`None` for any other line, `key_2:` included).
fn key_rest<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(key)?.strip_prefix(':')?;
    (rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n'])).then_some(rest)
}

/// A value without its trailing ` # comment` (the value itself not quoted text holding a `#`: a list's key line).
fn strip_comment(value: &str) -> &str {
    let t = value.trim_start();
    if t.starts_with('#') {
        return "";
    }
    match value.find(" #").or_else(|| value.find("\t#")) {
        Some(i) => &value[..i],
        None => value,
    }
}

/// The first line of `lines` with something other than blanks and comments: its index and the column it starts at.
fn first_content(lines: &[&str]) -> Option<(usize, usize)> {
    lines.iter().enumerate().find_map(|(i, l)| {
        let body = l.trim_end_matches(['\n', '\r']);
        let t = body.trim_start_matches([' ', '\t']);
        (!t.is_empty() && !t.starts_with('#')).then(|| (i, body.len() - t.len()))
    })
}

/// Where the block list at the start of `lines` ends, and its indentation: (index of its last content line, column
/// of its `-`, column of the keys inside an item). Defaults to 2 and 4 for a list with no items yet.
fn list_extent(lines: &[&str]) -> (Option<usize>, usize, usize) {
    let mut last = None;
    let mut indent = None;
    for (i, line) in lines.iter().enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let col = body.len() - trimmed.len();
        let is_item = trimmed == "-" || trimmed.starts_with("- ");
        if col == 0 && !is_item {
            break; // the next top-level key
        }
        if indent.is_none() && is_item {
            let after_dash = trimmed[1..].len() - trimmed[1..].trim_start_matches(' ').len();
            indent = Some((col, col + 1 + after_dash.max(1)));
        }
        last = Some(i);
    }
    let (dash, child) = indent.unwrap_or((2, 4));
    (last, dash, child)
}

/// The items as list entries: `-` at column `dash`, keys at column `child`.
fn render_items(items: &[String], dash: usize, child: usize, eol: &str) -> String {
    let mut out = String::new();
    for item in items {
        for (i, line) in item.lines().filter(|l| !l.trim().is_empty()).enumerate() {
            if i == 0 {
                out.push_str(&" ".repeat(dash));
                out.push('-');
                out.push_str(&" ".repeat(child - dash - 1));
            } else {
                out.push_str(&" ".repeat(child));
            }
            out.push_str(line);
            out.push_str(eol);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_quoted_only_when_yaml_needs_it() {
        assert_eq!(scalar("建成5G基站6.5万座"), "建成5G基站6.5万座");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("2022"), "\"2022\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("“五个示范”"), "“五个示范”");
        assert_eq!(scalar("'x'"), "\"'x'\"");
    }

    #[test]
    fn a_record_s_todo_fields_are_found_by_its_id() {
        let text = "document: d\nindicators:\n  - id: a\n    metric: m\n  - id: b\n    metric: TODO  # nearest: m\n    name: \"TODO\"\n    quote: q\n\n# next\nignored:\n  - quote: x\n    reason: TODO\n";
        assert_eq!(record_todos(text, "a"), Some((3, vec![])));
        assert_eq!(record_todos(text, "b"), Some((5, vec![("metric".to_string(), 6), ("name".to_string(), 7)])));
        assert_eq!(record_todos(text, "c"), None);
        let flow = "indicators: [\n  {id: a, value: 1},\n  # metric: nearest: m\n  {id: c, metric: TODO, name: \"TODO\", quote: q}\n]\n";
        let todos = vec![("metric".to_string(), 4), ("name".to_string(), 4)];
        assert_eq!(record_todos(flow, "c"), Some((4, todos)));
        assert_eq!(record_todos(flow, "a"), Some((2, vec![])));
    }

    #[test]
    fn key_lines_are_recognised_only_at_column_zero() {
        assert_eq!(key_rest("ignored:\n", "ignored"), Some("\n"));
        assert_eq!(key_rest("ignored: []  # none yet\n", "ignored"), Some(" []  # none yet\n"));
        assert_eq!(key_rest("  ignored:\n", "ignored"), None);
        assert_eq!(key_rest("ignored_by: x\n", "ignored"), None);
    }

    #[test]
    fn the_document_is_read_as_yaml_reads_it() {
        for text in
            ["document: D\n", "document: 'D'\n", "document: \"D\"\n", "document: D  # the plan\n", "document:   D\r\n"]
        {
            assert_eq!(document_of(&format!("# head\n{text}indicators: []\n")).as_deref(), Some("D"), "{text:?}");
        }
        assert_eq!(document_of("document: 'it''s'\n").as_deref(), Some("it's"));
        assert_eq!(document_of("  document: D\n"), None, "not top level");
        assert_eq!(document_of("documents: D\n"), None);
    }
}
