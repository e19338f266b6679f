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

impl Dataset {
    /// Builds the search buffer (see [`Dataset::search_buffer`]).
    pub(super) fn build_search(&self) -> (String, Vec<usize>) {
        fn names<'a>(name: &'a str, en: &'a str) -> [Option<&'a str>; 2] {
            [Some(name), Some(en)]
        }
        // Sized before it is filled (a part's bytes, plus one for the separator or newline after it): lower-casing
        // keeps the length of ASCII and CJK text, so one allocation usually holds it all. Grown by doubling, the
        // buffer was copied and the old copies stayed resident (+8 MB in the explorer at N = 1000).
        // One thread: building it in chunks on both cores and joining them was faster but held the buffer twice
        // at its peak (the explorer's peak RSS grew by 23 MB at N = 1000).
        let size = |parts: &[Option<&str>]| parts.iter().map(|p| p.map_or(0, str::len) + 1).sum::<usize>();
        let n = self.indicators.len() + self.cities.len() + self.themes.len();
        let bytes = self.indicators.iter().map(|i| size(&indicator_parts(i, &self.metrics))).sum::<usize>()
            + self.cities.iter().map(|c| size(&names(&c.name, &c.name_en))).sum::<usize>()
            + self.themes.iter().map(|t| size(&names(&t.name, &t.name_en))).sum::<usize>();
        let (mut search_text, mut search_starts) = (String::with_capacity(bytes), Vec::with_capacity(n));
        for ind in &self.indicators {
            push_record(&mut search_text, &mut search_starts, &indicator_parts(ind, &self.metrics));
        }
        // Each city's and theme's names once, after the indicators: a hit there selects their indicators.
        for c in &self.cities {
            push_record(&mut search_text, &mut search_starts, &names(&c.name, &c.name_en));
        }
        for t in &self.themes {
            push_record(&mut search_text, &mut search_starts, &names(&t.name, &t.name_en));
        }
        search_text.shrink_to_fit();
        (search_text, search_starts)
    }
}
