//! The first cities' records read from the query index: what the explorer shows as its first frame while the
//! full load decodes every record (a second or more at 12,000 cities), so that a warm start shows the dataset
//! after a stat of its files rather than after the whole decode.

use std::collections::HashMap;
use std::path::Path;

use super::{block, Answer, Lookup};
use crate::ids::CityId;
use crate::query::Filter;
use crate::root::Root;

/// More records than this in the first cities and there is no first frame ahead of the load: reading them would
/// cost a good part of what the whole load costs (a few cities of a very large dataset holding most of it).
pub const FIRST_AT_MOST: usize = 50_000;

/// The records of the first `groups` cities (in the cities' table order) that hold any, every record of each,
/// with the tables and the documents they cite: the groups a view by city shows first, as a full load would
/// show them. The index is trusted under the rules of [`super::open`] (every file stat'ed, edited indicator
/// files verified alone); `None` when there is no index to trust, and then only the full load can tell, or when
/// those cities hold more than [`FIRST_AT_MOST`] records.
pub fn first_cities(root: &Root, dir: &Path, groups: usize) -> Option<Answer> {
    let opened = super::open_head(root, dir)?;
    let changed = opened.changed_every()?;
    opened.trust(&changed)?.first_cities(groups)
}

impl Lookup {
    /// [`first_cities`] of an index trusted already (its changed files known by a watcher, say).
    pub fn first_cities(self, groups: usize) -> Option<Answer> {
        self.first_cities_within(groups, FIRST_AT_MOST)
    }

    /// [`Lookup::first_cities`], `None` when they hold more than `records` records.
    pub fn first_cities_within(mut self, groups: usize, records: usize) -> Option<Answer> {
        let wanted = self.first_held(groups, records)?;
        if !self.fill(&wanted) {
            return None;
        }
        let city: Vec<CityId> = wanted.iter().enumerate().filter(|(_, w)| **w).map(|(k, _)| CityId::new(k)).collect();
        if city.is_empty() {
            // No city holds a record: an empty filter would read every city's block to find none.
            return Some(Answer { dataset: self.tables.with_indicators(Vec::new()), total: self.total });
        }
        self.select(&Filter { city, ..Filter::default() })
    }

    /// The first `groups` cities that hold a record, by position (each city's block read until then: a city of
    /// the table without documents is passed over, as a grouping leaves it out); `None` when a block is corrupt,
    /// or when they hold more than `at_most` records.
    fn first_held(&self, groups: usize, at_most: usize) -> Option<Vec<bool>> {
        let mut wanted = vec![false; self.filled.len()];
        // A record of an edited file counts where the file now puts it, not where the index had it.
        let mut edited: HashMap<usize, usize> = HashMap::new();
        for ind in self.replaced.iter().flat_map(|f| &f.records) {
            *edited.entry(ind.city.index()).or_default() += 1;
        }
        let (mut found, mut records) = (0, 0);
        for (city, want) in wanted.iter_mut().enumerate() {
            if found == groups {
                break;
            }
            let rows = block(&self.file, self.len, &self.blocks, city)?.rows;
            let indexed = rows.iter().filter(|r| !self.replaced.iter().any(|f| f.holds(r.index))).count();
            let edited = edited.get(&city).copied().unwrap_or(0);
            if indexed + edited > 0 {
                *want = true;
                found += 1;
                records += indexed + edited;
            }
            if records > at_most {
                return None;
            }
        }
        Some(wanted)
    }
}
