//! The search buffer a text filter scans: every indicator's lower-cased fields as one record a line, then each
//! city's and theme's names; the record of one indicator or city on its own, for the cache's index; and how a
//! typed city name is matched.

use super::{Dataset, Indicator, Metric};

/// Separates the fields of one indicator's record in the search buffer (see [`Dataset::search_record`]).
pub const FIELD_SEPARATOR: char = '\u{1f}';

/// Appends `s` lower-cased; ASCII and CJK (which have no case) skip the Unicode case tables. Line breaks become
/// spaces, so a record never spans two lines of the search buffer.
fn push_lowercase(out: &mut String, s: &str) {
    for c in s.chars() {
        if c == '\n' || c == '\r' {
            out.push(' ');
        } else if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if ('\u{3000}'..='\u{9FFF}').contains(&c) || ('\u{FF00}'..='\u{FF20}').contains(&c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// Appends one record of the search buffer: its lower-cased parts joined by [`FIELD_SEPARATOR`], then a newline.
pub(super) fn push_record(text: &mut String, starts: &mut Vec<usize>, parts: &[Option<&str>]) {
    starts.push(text.len());
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            text.push(FIELD_SEPARATOR);
        }
        if let Some(part) = part {
            push_lowercase(text, part);
        }
    }
    text.push('\n');
}
/// The parts of an indicator's search record (see [`Dataset::search_buffer`]).
pub(super) fn indicator_parts<'a>(ind: &'a Indicator, metrics: &'a [Metric]) -> [Option<&'a str>; 6] {
    let (name, en, unit, quote) = (&ind.name, &ind.name_en, &ind.unit, &ind.quote);
    let metric = &metrics[ind.metric].id;
    [Some(name), Some(en), Some(metric), Some(unit), Some(quote), ind.note.as_deref()]
}
/// The search record of one indicator, as [`Dataset::haystack`] holds it (the load cache's index stores it, so
/// that a filter is answered without the records).
pub(crate) fn haystack_of(ind: &Indicator, metrics: &[Metric]) -> String {
    let (mut text, mut starts) = (String::new(), Vec::new());
    push_record(&mut text, &mut starts, &indicator_parts(ind, metrics));
    text.pop();
    text
}

/// What a user typed to name a city (`shenyang`, `沈阳`, `沈阳市`, `Shenyang`), ready to test cities with.
pub(crate) struct CityKey<'a> {
    key: &'a str,
    lower: String,
}

impl<'a> CityKey<'a> {
    pub(crate) fn new(key: &'a str) -> CityKey<'a> {
        let key = key.trim();
        CityKey { key, lower: key.to_lowercase() }
    }

    /// Does it name the city with this id, Chinese name and English name?
    pub(crate) fn names(&self, id: &str, name: &str, name_en: &str) -> bool {
        id == self.lower
            || name == self.key
            || self.key.strip_suffix('市') == Some(name)
            || if name_en.is_ascii() {
                // The same as lower-casing it, without a string for each of 12,000 cities.
                name_en.eq_ignore_ascii_case(&self.lower)
            } else {
                name_en.to_lowercase() == self.lower
            }
    }
}

/// The search record of a city's or theme's names, as [`Dataset::search_record`] holds it: for a filter that
/// asks about a few cities without the whole buffer.
pub(crate) fn names_haystack(name: &str, name_en: &str) -> String {
    let (mut text, mut starts) = (String::new(), Vec::new());
    push_record(&mut text, &mut starts, &[Some(name), Some(name_en)]);
    text.pop();
    text
}

/// The search buffer built a run of records at a time (see [`Dataset::build_search_step`]), so that a caller
/// with idle moments (the explorer between keys) has it ready before the first text filter asks for it.
#[derive(Debug, Default)]
pub struct SearchBuild {
    /// The lineage of the dataset it is begun on: a splice moves the records, and the build starts over.
    lineage: u64,
    /// Records measured so far, and the bytes they take, before the buffer is allocated at its final size.
    measured: usize,
    bytes: usize,
    /// Records pushed so far, into a buffer sized once every record was measured.
    pushed: usize,
    text: String,
    starts: Vec<usize>,
}

/// The two names of a city or a theme, as search-record parts.
fn names<'a>(name: &'a str, en: &'a str) -> [Option<&'a str>; 2] {
    [Some(name), Some(en)]
}

/// The bytes a record of these parts takes (a part's bytes, plus one for the separator or newline after it):
/// lower-casing keeps the length of ASCII and CJK text, so one allocation usually holds the whole buffer.
fn size(parts: &[Option<&str>]) -> usize {
    parts.iter().map(|p| p.map_or(0, str::len) + 1).sum()
}

impl Dataset {
    /// Builds the search buffer (see [`Dataset::search_buffer`]) in one go.
    pub(super) fn build_search(&self) -> (String, Vec<usize>) {
        let mut b = SearchBuild::default();
        loop {
            if let Some(built) = self.search_step(&mut b, usize::MAX) {
                return built;
            }
        }
    }

    /// True once the search buffer is built.
    pub fn search_is_built(&self) -> bool {
        self.search.get().is_some()
    }

    /// Measures or adds up to `n` more records to `b` and, once every indicator is in, adds the cities' and
    /// themes' names and makes it this dataset's search buffer. A build begun on another dataset (before a
    /// splice) starts over. True while some is left; false once the buffer is built, by this or by a text
    /// filter that needed it first.
    pub fn build_search_step(&self, b: &mut SearchBuild, n: usize) -> bool {
        if self.search_is_built() {
            *b = SearchBuild::default();
            return false;
        }
        match self.search_step(b, n) {
            Some(built) => {
                let _ = self.search.set(built);
                false
            }
            None => true,
        }
    }

    /// One step of a build: `None` while some is left, the buffer and its starts once done. Sized before it is
    /// filled: grown by doubling, the buffer was copied and the old copies stayed resident (+8 MB in the explorer
    /// at N = 1000). One thread: building it in chunks on both cores and joining them was faster but held the
    /// buffer twice at its peak (+23 MB).
    fn search_step(&self, b: &mut SearchBuild, n: usize) -> Option<(String, Vec<usize>)> {
        if b.lineage != self.lineage {
            *b = SearchBuild { lineage: self.lineage, ..SearchBuild::default() };
        }
        let records = self.indicators.len();
        if b.measured < records {
            let end = b.measured.saturating_add(n).min(records);
            b.bytes += self.indicators[b.measured..end]
                .iter()
                .map(|i| size(&indicator_parts(i, &self.metrics)))
                .sum::<usize>();
            b.measured = end;
            if b.measured < records {
                return None;
            }
            let names_bytes = self.cities.iter().map(|c| size(&names(&c.name, &c.name_en))).sum::<usize>()
                + self.themes.iter().map(|t| size(&names(&t.name, &t.name_en))).sum::<usize>();
            b.text = String::with_capacity(b.bytes + names_bytes);
            b.starts = Vec::with_capacity(records + self.cities.len() + self.themes.len());
            return None;
        }
        let end = b.pushed.saturating_add(n).min(records);
        for ind in &self.indicators[b.pushed..end] {
            push_record(&mut b.text, &mut b.starts, &indicator_parts(ind, &self.metrics));
        }
        b.pushed = end;
        if b.pushed < records {
            return None;
        }
        // Each city's and theme's names once, after the indicators: a hit there selects their indicators.
        for c in &self.cities {
            push_record(&mut b.text, &mut b.starts, &names(&c.name, &c.name_en));
        }
        for t in &self.themes {
            push_record(&mut b.text, &mut b.starts, &names(&t.name, &t.name_en));
        }
        let mut text = std::mem::take(&mut b.text);
        text.shrink_to_fit();
        let starts = std::mem::take(&mut b.starts);
        *b = SearchBuild::default();
        Some((text, starts))
    }
}

#[cfg(test)]
mod tests {
    use super::SearchBuild;

    #[test]
    fn a_search_buffer_built_a_few_records_at_a_time_is_the_one_built_at_once() {
        let ds = crate::load_embedded().expect("the bundled dataset verifies");
        let whole = ds.build_search();
        let mut b = SearchBuild::default();
        let mut steps = 0;
        while ds.build_search_step(&mut b, 7) {
            steps += 1;
            assert!(!ds.search_is_built(), "installed only when complete");
        }
        // Every record measured, then pushed, 7 at a time; the step that pushes the last installs the buffer.
        assert_eq!(steps, 2 * ds.indicators().len().div_ceil(7) - 1);
        assert!(ds.search_is_built());
        let (text, starts) = ds.search_buffer();
        assert!(text == whole.0 && starts == whole.1.as_slice());
        // Built: a further step does nothing and says so.
        assert!(!ds.build_search_step(&mut b, 7));
    }
}
