//! Writing the query index: the parts `lookup.rs` describes, laid out after the cache's own, from the dataset a
//! load verified and the snapshot it kept.

use super::{changed, stamps, taken, Block, CityColumns, DocPart, Head, Places, Row, DOC_ENTRY, TRAILER};
use crate::dataset::Dataset;
use crate::load::tables::TABLES;
use crate::root::Stamp;
use crate::snapshot::Snapshot;

/// The index's bytes for `ds`, the dataset loaded with `snapshot`, to be written at offset `base` of the cache
/// file; `None` when something does not fit it (then the file has no index and every start loads).
pub(crate) fn encode(ds: &Dataset, snapshot: &Snapshot, base: u64) -> Option<Vec<u8>> {
    let tables = snapshot.tables.as_ref()?;
    let (folder, listed) = snapshot.folder?;
    // Every listed file verified, kept or set aside for its unfinished drafts, and every table row made it into
    // the dataset.
    let complete = listed == snapshot.files.len() + snapshot.set_aside.len()
        && tables.metrics.len() == ds.metrics().len()
        && tables.documents.len() == ds.documents().len()
        && tables.cities.len() == ds.cities().len()
        && snapshot.texts.len() == ds.documents().len()
        && snapshot.shared.len() == TABLES.len() + ds.documents().len();
    if !complete {
        return None;
    }
    let (tables_stamps, sources) = snapshot.shared.split_at(TABLES.len());
    let mut files: Vec<(&str, Stamp)> = Vec::with_capacity(sources.len() + snapshot.files.len());
    for (rel, stamp) in sources {
        files.push((rel.as_str(), (*stamp)?));
    }
    files.extend(snapshot.files.iter().map(|(rel, e)| (rel.as_str(), e.stamp)));
    // A file with unfinished drafts is read again by every load, so by every answer too: its stamp is one no file
    // has, and it is always among the changed files (see `changed.rs`).
    files.extend(snapshot.set_aside.iter().map(|a| (a.rel.as_str(), stamps::NEVER)));
    let stamps = stamps::encode(&mut files)?;

    let mut by_city: Vec<Vec<usize>> = vec![Vec::new(); ds.cities().len()];
    for (i, ind) in ds.indicators().iter().enumerate() {
        by_city.get_mut(ind.city.index())?.push(i);
    }
    let encoded = crate::parallel::map(&by_city, |ids| {
        let records: Vec<Vec<u8>> =
            ids.iter().map(|&i| postcard::to_allocvec(&ds.indicators()[i]).ok()).collect::<Option<_>>()?;
        let haystacks: Vec<String> =
            ids.iter().map(|&i| crate::dataset::haystack_of(&ds.indicators()[i], ds.metrics())).collect();
        Some((records, haystacks))
    });
    // Sized once: a buffer of a gigabyte doubled as it grows would hold two copies at the moment it moves (the
    // room not written to is never touched, so it costs no memory).
    let records_len: usize = encoded.iter().flatten().flat_map(|(r, _)| r.iter().map(Vec::len)).sum();
    let haystacks_len: usize = encoded.iter().flatten().flat_map(|(_, h)| h.iter().map(String::len)).sum();
    let rows = ds.indicators().len();
    let mut out = Vec::with_capacity(2 * (records_len + haystacks_len) + 64 * rows + 256 * ds.documents().len());
    let at = |out: &Vec<u8>| base + out.len() as u64;
    let mut blocks = Vec::with_capacity(by_city.len());
    // Each city's encoded records and search texts are let go of as soon as they are copied.
    for (ids, encoded) in by_city.iter().zip(encoded) {
        let (records, haystacks) = encoded?;
        let len = haystacks.iter().map(String::len).sum();
        let mut block = Block { rows: Vec::with_capacity(ids.len()), haystacks: String::with_capacity(len) };
        for ((&i, record), haystack) in ids.iter().zip(records).zip(haystacks) {
            let ind = &ds.indicators()[i];
            block.haystacks.push_str(&haystack);
            block.rows.push(Row {
                index: u32::try_from(i).ok()?,
                theme: u32::try_from(ind.theme.index()).ok()?,
                year: ind.year,
                kind: ind.kind,
                metric: u32::try_from(ind.metric.index()).ok()?,
                doc: u32::try_from(ind.doc.index()).ok()?,
                at: at(&out),
                len: u32::try_from(record.len()).ok()?,
                crc: crc32fast::hash(&record),
                haystack_end: u32::try_from(block.haystacks.len()).ok()?,
            });
            out.extend_from_slice(&record);
        }
        blocks.push(block);
    }
    let mut places = Places::default();
    for block in &blocks {
        let bytes = postcard::to_allocvec(block).ok()?;
        places.push((at(&out) + 8, u32::try_from(bytes.len()).ok()?, crc32fast::hash(&bytes)));
        put_part(&mut out, &bytes)?;
    }
    let mut doc_table = Vec::with_capacity(DOC_ENTRY * ds.documents().len());
    for ((entry, d), text) in tables.documents.iter().zip(ds.documents()).zip(&snapshot.texts) {
        let part = DocPart { entry: entry.clone(), city: u32::try_from(d.city.index()).ok()?, text: text.clone()? };
        let bytes = postcard::to_allocvec(&part).ok()?;
        doc_table.extend_from_slice(&at(&out).to_le_bytes());
        doc_table.extend_from_slice(&u32::try_from(bytes.len()).ok()?.to_le_bytes());
        doc_table.extend_from_slice(&crc32fast::hash(&bytes).to_le_bytes());
        out.extend_from_slice(&bytes);
    }
    let doc_table_at = at(&out);
    put_part(&mut out, &doc_table)?;
    let stamps_at = at(&out);
    put_part(&mut out, &stamps)?;
    let files_at = at(&out);
    put_part(&mut out, &postcard::to_allocvec(&changed::encode(ds, snapshot)?).ok()?)?;
    let ids_at = at(&out);
    out.extend_from_slice(&taken::encode(ds.indicators().iter().map(|i| i.id.as_str()))?);
    let head = Head {
        started: snapshot.started,
        tables_stamps: tables_stamps.to_vec(),
        folder,
        cities: CityColumns::of(&tables.cities)?,
        themes: tables.themes.clone(),
        metrics: tables.metrics.clone(),
        metric_themes: ds.metrics().iter().map(|m| u32::try_from(m.theme.index()).ok()).collect::<Option<_>>()?,
        documents: ds.documents().len(),
        total: ds.indicators().len(),
        blocks: places,
        doc_table_at,
        stamps_at,
        files_at,
        ids_at,
    };
    let head_at = at(&out);
    put_part(&mut out, &postcard::to_allocvec(&head).ok()?)?;
    out.extend_from_slice(&head_at.to_le_bytes());
    out.extend_from_slice(TRAILER);
    Some(out)
}

/// Appends a length (u32), the CRC-32 of `bytes` and `bytes`.
pub(super) fn put_part(out: &mut Vec<u8>, bytes: &[u8]) -> Option<()> {
    out.extend_from_slice(&u32::try_from(bytes.len()).ok()?.to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(bytes).to_le_bytes());
    out.extend_from_slice(bytes);
    Some(())
}
