//! Reading the documents' source texts while loading: each document entry's checks, its source file read (in
//! parallel), its recorded hash compared.

use std::collections::HashMap;

use super::yaml::io_reason;
use super::{Checker, Source, MAX_SOURCE_BYTES};
use crate::corpus::Text;
use crate::diagnostic::Diagnostic;
use crate::ids::CityId;
use crate::parallel;
use crate::root::check_source_path;
use crate::schema::DocumentEntry;
use crate::snapshot::TextEntry;
use crate::verify;
use crate::yamlpos::Step;

impl Checker<'_> {
    /// Reads every document's source text (in parallel) and resolves its city; `None` for what failed.
    /// `trusted` holds, per row, what the load cache recorded when the sources are unchanged since: such a text
    /// is not read now but on first use.
    pub(super) fn documents(
        &mut self,
        (src, rows): &(Option<Source>, Vec<DocumentEntry>),
        city_ids: &HashMap<&str, usize>,
        trusted: Option<&[Option<TextEntry>]>,
        counter: &super::LoadCounter,
    ) -> Vec<(Option<Text>, Option<CityId>)> {
        let Some(src) = src else { return Vec::new() };
        let recorded = trusted.filter(|t| t.len() == rows.len());
        let indexed: Vec<(usize, &DocumentEntry)> = rows.iter().enumerate().collect();
        let root = self.root;
        let read = parallel::map(&indexed, |&(i, d)| {
            let mut l = Checker { root, diags: Vec::new() };
            let city = city_ids.get(d.city.as_str()).copied().map(CityId::new);
            let entry = recorded.and_then(|t| t[i].as_ref());
            let text = l.document(src, i, d, city.is_some(), city_ids, (trusted.is_some(), entry));
            counter.tick();
            (text, city, l.diags)
        });
        read.into_iter()
            .map(|(text, city, diags)| {
                self.diags.extend(diags);
                (text, city)
            })
            .collect()
    }

    /// Checks one document entry and reads its source text.
    fn document(
        &mut self,
        src: &Source,
        i: usize,
        d: &DocumentEntry,
        city_known: bool,
        city_ids: &HashMap<&str, usize>,
        (trusted, entry): (bool, Option<&TextEntry>),
    ) -> Option<Text> {
        let at = |key: &str| src.at(&[Step::Index(i), Step::Key(key)]);
        if !city_known {
            self.unknown_ref(&src.shown, at("city"), "city", &d.city, city_ids.keys().copied());
        }
        if !verify::entry::valid_date(&d.date) {
            self.diags.push(
                Diagnostic::error(
                    &src.shown,
                    at("date"),
                    format!("date `{}` is not YYYY, YYYY-MM or YYYY-MM-DD", d.date),
                )
                .hint("quote the date if it is only a year: date: \"2020\""),
            );
        }
        if let Err(why) = check_source_path(&d.source) {
            self.diags.push(Diagnostic::error(
                &src.shown,
                at("source"),
                format!("source `{}` is refused: {why}", d.source),
            ));
            return None;
        }
        if let (crate::Root::Dir(dir), Some(e)) = (self.root, entry.filter(|e| e.is_sound())) {
            return Some(Text::deferred(dir.join(&d.source), e.len, e.crc, e.paragraphs.clone()));
        }
        match self.root.read(&d.source) {
            Ok(bytes) if bytes.len() > MAX_SOURCE_BYTES => {
                self.diags.push(Diagnostic::error(
                    &src.shown,
                    at("source"),
                    format!("source `{}` is larger than {} MiB", d.source, MAX_SOURCE_BYTES >> 20),
                ));
                None
            }
            Ok(bytes) => {
                match (trusted || self.source_unchanged(src, i, d, &bytes)).then(|| Text::decode(bytes.into_owned())) {
                    None => None,
                    Some(decoded) => match decoded {
                        Ok(t) => Some(t),
                        Err(e) => {
                            self.diags.push(
                                Diagnostic::error(
                                    &src.shown,
                                    at("source"),
                                    format!("source `{}` is not valid UTF-8 at byte offset {}", d.source, e.offset),
                                )
                                .hint("save the file as UTF-8 (a BOM and CRLF line ends are fine)"),
                            );
                            None
                        }
                    },
                }
            }
            Err(e) => {
                self.diags.push(
                    Diagnostic::error(
                        &src.shown,
                        at("source"),
                        format!("cannot read source `{}`: {}", d.source, io_reason(&e)),
                    )
                    .hint("the path is relative to the dataset root (the folder holding data/)"),
                );
                None
            }
        }
    }

    /// Compares the source's bytes with the `sha256` recorded for its document; false (and reported) if they
    /// changed.
    fn source_unchanged(&mut self, src: &Source, i: usize, d: &DocumentEntry, bytes: &[u8]) -> bool {
        let Some(recorded) = d.sha256.as_deref() else { return true };
        match verify::source::unchanged(recorded, bytes, &d.source, &d.id) {
            Ok(()) => true,
            Err(why) => {
                let at = src.at(&[Step::Index(i), Step::Key("sha256")]);
                self.diags.push(why.at(&src.shown, at));
                false
            }
        }
    }
}
