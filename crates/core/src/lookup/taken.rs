//! Every indicator id of the index, for the one question an edited file asks of them: is one of its ids taken
//! by a record of another file? Kept as 64-bit hashes sorted in pages, each page with its CRC-32 in a small
//! directory, so that the question reads the directory and one page per id (1.2 M ids: 14 MB in all, 48 KB
//! read per id) instead of decoding every id.
//!
//! A hash that matches is only a maybe: the id may differ and share the hash. Then the answer is "taken", and
//! the caller loads the normal way, which compares the ids themselves; a hash never misses an id that is there.
//!
//! Layout, at the place the head names: a part (length, CRC-32, postcard) holding the number of ids and per
//! page its first hash, its number of entries and its CRC-32; then the pages one after another, each entry a
//! hash (u64) and the id's position in the dataset (u32), little-endian, sorted by hash then position.

use serde::{Deserialize, Serialize};

use super::{part_at, read_at};
use crate::shared_str::Backing;

/// Entries per page.
const PAGE: usize = 4096;
/// Bytes per entry.
const ENTRY: usize = 12;

/// FNV-1a, 64 bits: a hash fixed by its definition, so that an index written by one build reads the same in
/// any other that shares its format (std's hashers may change between releases).
pub(super) fn hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

#[derive(Serialize, Deserialize)]
struct Directory {
    count: u32,
    /// Per page: its first hash, its number of entries and its CRC-32.
    pages: Vec<(u64, u32, u32)>,
}

/// The directory part and the pages for `ids` (in dataset order), to be appended where the head will say.
pub(super) fn encode<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> Option<Vec<u8>> {
    let count = u32::try_from(ids.len()).ok()?;
    let mut entries: Vec<(u64, u32)> =
        ids.enumerate().map(|(i, id)| Some((hash(id), u32::try_from(i).ok()?))).collect::<Option<_>>()?;
    entries.sort_unstable();
    let mut directory = Directory { count, pages: Vec::with_capacity(entries.len() / PAGE + 1) };
    let mut pages = Vec::with_capacity(entries.len() * ENTRY);
    for page in entries.chunks(PAGE) {
        let start = pages.len();
        for (h, i) in page {
            pages.extend_from_slice(&h.to_le_bytes());
            pages.extend_from_slice(&i.to_le_bytes());
        }
        directory.pages.push((page[0].0, u32::try_from(page.len()).ok()?, crc32fast::hash(&pages[start..])));
    }
    let mut out = Vec::new();
    super::write::put_part(&mut out, &postcard::to_allocvec(&directory).ok()?)?;
    out.extend_from_slice(&pages);
    Some(out)
}

/// The ids' table at offset `at` of `file` (of length `len`), opened: its directory read.
pub(super) struct Taken {
    directory: Directory,
    /// Where the first page starts.
    pages_at: u64,
}

impl Taken {
    pub(super) fn open(file: &Backing, len: u64, at: u64) -> Option<Taken> {
        let bytes = part_at(file, len, at)?;
        let directory: Directory = postcard::from_bytes(bytes).ok()?;
        let pages_at = at.checked_add(8 + bytes.len() as u64)?;
        Some(Taken { directory, pages_at })
    }

    /// The number of ids.
    pub(super) fn count(&self) -> usize {
        self.directory.count as usize
    }

    /// True when a record for which `gone` is false may have the id whose hash is `h`; `None` when a page is
    /// corrupt or out of bounds.
    pub(super) fn taken(&self, file: &Backing, len: u64, h: u64, gone: impl Fn(u32) -> bool) -> Option<bool> {
        let pages = &self.directory.pages;
        // The last page starting at or before `h`, and the pages after it that start with `h` too.
        let mut k = pages.partition_point(|p| p.0 <= h).saturating_sub(1);
        while let Some(&(first, entries, crc)) = pages.get(k) {
            if first > h {
                break;
            }
            let offset = self.pages_at.checked_add((k * PAGE * ENTRY) as u64)?;
            let bytes = read_at(file, len, offset, entries as usize * ENTRY)?;
            if crc32fast::hash(bytes) != crc {
                return None;
            }
            let entry = |e: &[u8]| -> Option<(u64, u32)> {
                Some((
                    u64::from_le_bytes(e.get(..8)?.try_into().ok()?),
                    u32::from_le_bytes(e.get(8..12)?.try_into().ok()?),
                ))
            };
            for e in bytes.chunks_exact(ENTRY) {
                let (eh, index) = entry(e)?;
                if eh == h && !gone(index) {
                    return Some(true);
                }
            }
            // Entries past `h` on this page: no later page can hold it.
            if entry(bytes.get(bytes.len().checked_sub(ENTRY)?..)?)?.0 > h {
                break;
            }
            k += 1;
        }
        Some(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_taken_unless_its_record_is_gone_and_a_corrupt_page_is_refused() {
        // More ids than two pages hold, so that a lookup lands on every kind of page.
        let ids: Vec<String> = (0..PAGE * 2 + 100).map(|k| format!("c{k:05}-sy2020-5g-stations")).collect();
        let mut bytes = vec![0u8; 5]; // the table need not start the file
        bytes.extend(encode(ids.iter().map(String::as_str)).expect("fits"));
        let len = bytes.len() as u64;
        let f = Backing::Owned(bytes.clone());
        let table = Taken::open(&f, len, 5).expect("opens");
        assert_eq!(table.count(), ids.len());
        for k in [0, 1, PAGE - 1, PAGE, PAGE * 2 + 99] {
            let h = hash(&ids[k]);
            assert_eq!(table.taken(&f, len, h, |_| false), Some(true), "id {k} is there");
            let own = u32::try_from(k).expect("small");
            assert_eq!(table.taken(&f, len, h, |i| i == own), Some(false), "id {k}'s own record is gone");
        }
        assert_eq!(table.taken(&f, len, hash("c99999-none"), |_| false), Some(false));

        // A byte of the last page flipped: that page is refused, the others still read.
        let mut bad = bytes.clone();
        let last = bad.len() - 3;
        bad[last] ^= 0xff;
        let g = Backing::Owned(bad);
        let table = Taken::open(&g, len, 5).expect("the directory is whole");
        let on_last_page = ids.iter().map(|id| hash(id)).max().expect("ids");
        assert_eq!(table.taken(&g, len, on_last_page, |_| false), None);
        let on_first_page = ids.iter().map(|id| hash(id)).min().expect("ids");
        assert_eq!(table.taken(&g, len, on_first_page, |_| false), Some(true));
    }

    #[test]
    fn the_hash_is_fnv_1a() {
        // The published test vectors: the format must not change with a library.
        assert_eq!(hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash("foobar"), 0x8594_4171_f739_67e8);
    }
}
