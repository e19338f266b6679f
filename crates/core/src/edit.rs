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
//! Writes go through [`write_atomic`]: a temporary file in the same folder, flushed to disk, then renamed over the
//! old one, so a crash or kill mid-write leaves the old file as it was.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

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

/// Appends `items` (block mappings at indentation 0) to the top-level list `key` of `text`; the list is added at the
/// end when the file has none. Everything else in the text is kept byte for byte.
pub fn append_to_key(text: &str, key: &str, items: &[String]) -> String {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let lines = split_lines(text);
    let Some(k) = lines.iter().position(|l| is_key_line(l, key)) else {
        let mut out = text.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(eol);
        }
        out.push_str(key);
        out.push(':');
        out.push_str(eol);
        out.push_str(&render_items(items, 2, 4, eol));
        return out;
    };
    let mut out = String::with_capacity(text.len() + 256);
    // `key: []` (an empty flow list) becomes `key:` with the items below it; a trailing comment is kept.
    let key_line = lines[k];
    let head: String = lines[..k].concat();
    out.push_str(&head);
    let body = key_line.trim_end_matches(['\n', '\r']);
    let after_key = body[key.len() + 1..].trim_start();
    if let Some(comment) = after_key.strip_prefix("[]") {
        let comment = comment.trim();
        out.push_str(key);
        out.push(':');
        if !comment.is_empty() {
            out.push(' ');
            out.push_str(comment);
        }
        out.push_str(eol);
    } else {
        out.push_str(key_line);
        if !key_line.ends_with('\n') {
            out.push_str(eol);
        }
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
    out
}

/// Appends `items` to a file that is itself a top-level list (`documents.yaml`), after its last item.
pub fn append_to_sequence(text: &str, items: &[String]) -> String {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let lines = split_lines(text);
    let (last, dash, child) = list_extent(&lines);
    let insert_at = last.map_or(lines.len(), |i| i + 1);
    let mut out: String = lines[..insert_at].concat();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(eol);
    }
    let (dash, child) = if last.is_some() { (dash, child) } else { (0, 2) };
    out.push_str(&render_items(items, dash, child, eol));
    out.push_str(&lines[insert_at..].concat());
    out
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
/// atomically.
pub fn append_to_indicator_file(path: &Path, doc: &str, list: List, items: &[String]) -> io::Result<()> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => new_indicator_file(doc),
        Err(e) => return Err(e),
    };
    write_atomic(path, append_to_key(&text, list.key(), items).as_bytes())
}

/// Appends entries to the list of `documents.yaml` at `path`, atomically.
pub fn append_to_documents(path: &Path, items: &[String]) -> io::Result<()> {
    let text = fs::read_to_string(path)?;
    write_atomic(path, append_to_sequence(&text, items).as_bytes())
}

/// Writes `bytes` to `path` atomically: see [`write_atomic_with`].
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// Writes `path` atomically: `write` fills a temporary file in the same folder, which is flushed to disk and then
/// renamed over `path` (keeping the old file's permissions). If `write` fails, or the process dies before the
/// rename, `path` is untouched and the temporary file is removed (or, after a kill, left under a `.tmp` name).
pub fn write_atomic_with(path: &Path, write: impl FnOnce(&mut fs::File) -> io::Result<()>) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut tmp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(dir)?;
    write(tmp.as_file_mut())?;
    tmp.as_file_mut().flush()?;
    if let Ok(meta) = fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// The indicator file (relative to the dataset root `dir`) that holds the records of document `doc`: the file
/// whose `document:` names it (`data/indicators/<doc>.yaml` by convention, checked first), else that
/// conventional name for a new file.
pub fn indicator_file_for(dir: &Path, doc: &str) -> String {
    let conventional = format!("data/indicators/{doc}.yaml");
    if dir.join(&conventional).is_file() {
        return conventional;
    }
    let wanted = [format!("document: {doc}"), format!("document: {}", scalar(doc))];
    let mut names: Vec<String> = fs::read_dir(dir.join("data/indicators"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    for name in names {
        let rel = format!("data/indicators/{name}");
        if let Ok(text) = fs::read_to_string(dir.join(&rel)) {
            if text.lines().any(|l| wanted.iter().any(|w| l.trim_end() == w)) {
                return rel;
            }
        }
    }
    conventional
}

/// Where the record `id` stands in an indicators file's text: the 1-based line of its `- id:` and, for each of
/// its fields still `TODO`, the key and its line.
pub fn record_todos(text: &str, id: &str) -> Option<(usize, Vec<(String, usize)>)> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| {
        let t = l.trim_start();
        t.strip_prefix("- id:").is_some_and(|v| {
            let v = v.trim();
            v == id || v == scalar(id)
        })
    })?;
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

/// Flushes a folder's entry list so a rename survives a power cut (best effort; not possible everywhere).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// The lines of `text`, each with its line ending.
fn split_lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// True for `key:` at column 0, followed by nothing, a comment or `[]`.
fn is_key_line(line: &str, key: &str) -> bool {
    let Some(rest) = line.strip_prefix(key).and_then(|r| r.strip_prefix(':')) else {
        return false;
    };
    let rest = rest.trim();
    rest.is_empty() || rest.starts_with('#') || rest.starts_with("[]")
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
    }

    #[test]
    fn key_lines_are_recognised_only_at_column_zero() {
        assert!(is_key_line("ignored:\n", "ignored"));
        assert!(is_key_line("ignored: []  # none yet\n", "ignored"));
        assert!(!is_key_line("  ignored:\n", "ignored"));
        assert!(!is_key_line("ignored_by: x\n", "ignored"));
    }
}
