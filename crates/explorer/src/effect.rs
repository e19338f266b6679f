//! The event loop's side of an [`Effect`]: the file writes the model asks for, carried out here and reported back
//! as a [`Done`] (the clipboard, which writes to the terminal, is the loop's own).

use zhibiao_core::dataset::Dataset;
use zhibiao_core::edit;

use crate::action::{Done, Effect};
use crate::export;

/// Carries out `effect` over `ds`; `None` for an effect this module does not perform (the clipboard copy).
pub fn perform(effect: Effect, ds: &Dataset) -> Option<Done> {
    match effect {
        Effect::Copy(_) => None,
        Effect::Export { dir, name, rows } => {
            Some(Done::Exported(rows.len(), export::write(ds, &rows, &dir, &name).map_err(|e| e.to_string())))
        }
        Effect::Append(a) => {
            let path = a.root.join(&a.rel);
            let result = edit::append_to_indicator_file(&path, &a.doc_id, a.list, std::slice::from_ref(&a.entry))
                .map(|()| std::fs::read_to_string(&path).unwrap_or_default())
                .map_err(|e| e.to_string());
            Some(Done::Appended(a, result))
        }
    }
}
