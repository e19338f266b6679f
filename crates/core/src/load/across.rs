//! The checks across files (unique ids, links) when only a few indicator files were read again: a load through
//! the cache after an edit, or a start with a file edited since the cache was written. Every other file's records
//! were taken from a snapshot whose load ran these checks on them together, so they still pass among themselves;
//! only what the files read again (and the files gone since) can break them. These answer "do they still pass?"
//! from those records alone and the cities they touch, instead of hashing every id and checking the links of
//! every record (about a second at 12,000 cities). A "no" is not reported from here: the full checks run and
//! report it, with every problem and hint exactly as ever.

use rustc_hash::FxHashSet;

use super::FileResult;
use crate::corpus::Text;
use crate::dataset::Metric;
use crate::ids::CityId;
use crate::snapshot::Snapshot;

/// Files read again above this many: the full checks, which cost the same whatever changed. The same "few edits"
/// as the one that leaves the cache unwritten, so that every start such a cache makes takes this way.
const AT_MOST: usize = super::REREAD_BEFORE_REWRITE;

/// True when no record of a file read again (`!reused`) shares its id with any other record. Records of the
/// files reused never share one among themselves (their snapshot's load checked them together).
pub(super) fn ids_unique(results: &[FileResult]) -> bool {
    if results.iter().filter(|r| !r.reused).count() > AT_MOST {
        return false;
    }
    let fresh: FxHashSet<&str> =
        results.iter().filter(|r| !r.reused).flat_map(|r| r.indicators.iter().map(|(_, i)| i.id.as_str())).collect();
    if fresh.is_empty() {
        return true;
    }
    let mut seen: FxHashSet<&str> = FxHashSet::with_capacity_and_hasher(fresh.len(), Default::default());
    results
        .iter()
        .flat_map(|r| &r.indicators)
        .map(|(_, i)| i.id.as_str())
        .filter(|id| fresh.contains(id))
        .all(|id| seen.insert(id))
}

/// True when the links hold over every record of each city a file read again has records in, had records in
/// (in `previous`, which after the load took its reused entries holds those of the files read again and of the
/// files gone), or whose set-aside file it was. A link across cities is an error of its own, so no record of
/// another city can link to what changed.
pub(super) fn links_hold(
    results: &[FileResult],
    previous: &Snapshot,
    docs: &[(Option<Text>, Option<CityId>)],
    metrics: &[Metric],
) -> bool {
    if results.iter().filter(|r| !r.reused).count() > AT_MOST || previous.files.len() > AT_MOST {
        return false;
    }
    let mut cities: Vec<CityId> = results
        .iter()
        .filter(|r| !r.reused)
        .flat_map(|r| r.indicators.iter().map(|(_, i)| i.city))
        .chain(previous.files.values().flat_map(|e| e.indicators.iter().map(|(_, i)| i.city)))
        .collect();
    for a in &previous.set_aside {
        let Some(city) = a.doc.and_then(|d| docs.get(d.index())).and_then(|(_, city)| *city) else { return false };
        cities.push(city);
    }
    cities.sort_unstable();
    cities.dedup();
    if cities.is_empty() {
        return true;
    }
    let touched: Vec<&crate::dataset::Indicator> = results
        .iter()
        .flat_map(|r| &r.indicators)
        .map(|(_, i)| i)
        .filter(|i| cities.binary_search(&i.city).is_ok())
        .collect();
    crate::verify::links::check_links(&touched, metrics).is_empty()
}
