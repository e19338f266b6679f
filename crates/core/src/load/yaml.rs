//! Reading one YAML file for the load: its bytes as UTF-8, then its schema type, every problem located; a TODO
//! in a field that is not text read as absent, so that its record is set aside as an unfinished draft rather than
//! failing the whole file; and the reports every reader shares (an unknown reference, an I/O reason).

use super::{Checker, Source};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::{verify, yamlfile};

impl Checker<'_> {
    /// Reads and parses a YAML file; problems are recorded and `None` returned.
    pub(super) fn yaml<T: serde::de::DeserializeOwned>(
        &mut self,
        rel: &str,
        sequences: &[&str],
    ) -> Option<(Source, T)> {
        let shown = self.root.display(rel);
        let bytes = match self.root.read(rel) {
            Ok(b) => b,
            Err(e) => {
                self.diags.push(Diagnostic::error(&shown, (1, 1), format!("cannot read file: {}", io_reason(&e))));
                return None;
            }
        };
        // A YAML file is decoded, not split into paragraphs.
        let text = match crate::corpus::decode_utf8(bytes.into_owned()) {
            Ok(t) => t,
            Err(e) => {
                self.diags.push(Diagnostic::error(
                    &shown,
                    (1, 1),
                    format!("not valid UTF-8 at byte offset {}", e.offset),
                ));
                return None;
            }
        };
        self.diags.extend(verify::todo::diagnostics(&shown, &text));
        let before = self.diags.len();
        let mut value = yamlfile::parse::<T>(&shown, &text, sequences, &mut self.diags);
        if value.is_none() {
            // A TODO in a field that is not text (`baseline_year: TODO`, as `draft` writes it) fails the parse,
            // and with it every record of the file. When every error is on such a line, those values are read as
            // absent instead: the record parses and is set aside as an unfinished draft, its TODO reported as
            // always. An error anywhere else, or one the blank does not cure (a required number), stands.
            let lines: Vec<usize> = self.diags[before..].iter().map(|d| d.line).collect();
            let todos = verify::todo::find(&text);
            if !lines.is_empty() && lines.iter().all(|&n| todos.iter().any(|t| t.line == n)) {
                let blanked = verify::todo::blank(&text, &lines);
                if let Some(v) = yamlfile::parse::<T>(&shown, &blanked, sequences, &mut Vec::new()) {
                    self.diags.truncate(before);
                    value = Some(v);
                }
            }
        }
        Some((Source { shown, text: std::sync::OnceLock::from(text), unread: None }, value?))
    }

    /// Reports an unknown reference with a "did you mean" when one is close.
    pub(super) fn unknown_ref<'a>(
        &mut self,
        shown: &str,
        at: (usize, usize),
        what: &str,
        name: &str,
        known: impl Iterator<Item = &'a str>,
    ) {
        let known: Vec<&str> = known.collect();
        let mut d = Diagnostic::error(shown, at, format!("unknown {what} `{name}`"));
        d = match did_you_mean(name, known.iter().copied()) {
            Some(best) => d.hint(format!("did you mean `{best}`?")),
            None => {
                let mut sorted = known;
                sorted.sort_unstable();
                d.hint(format!("known {what} ids: {}", sorted.join(", ")))
            }
        };
        self.diags.push(d);
    }
}

/// A short reason for an I/O error, without Rust's error-kind noise.
pub(super) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
