//! Unfinished drafts: records a load set aside because a field still says `TODO`, so that one unfinished draft
//! does not keep every command from running; what the dataset says about them.

use super::Dataset;
use crate::ids::DocId;

/// A drafted record whose fields are not all filled in (a `TODO` is left): not part of the dataset, so that one
/// unfinished draft does not keep every command from running; `check` reports each of its TODOs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unfinished {
    /// The file as shown in messages (`data/indicators/x.yaml`, under the `--data` folder when one was given).
    pub path: String,
    /// 1-based line where the record starts.
    pub line: usize,
    /// The record's id as written.
    pub id: String,
    /// Its document's index, when the file's document is known.
    pub doc: Option<DocId>,
    /// Where its quote stands in the document (paragraph and the quote's byte range in the document's text),
    /// when it was found.
    pub at: Option<(usize, std::ops::Range<usize>)>,
    /// Its quote as written.
    pub quote: String,
    /// One diagnostic per `TODO` left, at the value's own line and column.
    pub todos: Vec<crate::diagnostic::Diagnostic>,
}

impl Dataset {
    /// The records set aside because a field still says `TODO`, in file order.
    pub fn unfinished(&self) -> &[Unfinished] {
        &self.unfinished
    }

    /// One line saying how many unfinished drafts were set aside and in which files (`None` when there are
    /// none), for a command to print once; `check` names each TODO.
    pub fn unfinished_summary(&self) -> Option<String> {
        summary(&self.unfinished)
    }
}

/// What [`Dataset::unfinished_summary`] says of the drafts `unfinished`.
pub fn summary(unfinished: &[Unfinished]) -> Option<String> {
    if unfinished.is_empty() {
        return None;
    }
    let mut files: Vec<(&str, usize)> = Vec::new();
    for u in unfinished {
        match files.iter_mut().find(|(p, _)| *p == u.path) {
            Some((_, n)) => *n += 1,
            None => files.push((&u.path, 1)),
        }
    }
    let n = unfinished.len();
    let list: Vec<String> = files.iter().map(|(p, k)| format!("{p} ({k})")).collect();
    let records = if n == 1 { "record" } else { "records" };
    Some(format!("{n} unfinished drafted {records} set aside (a field still says TODO): {}", list.join(", ")))
}
