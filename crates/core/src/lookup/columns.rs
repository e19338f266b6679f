//! The parts of the index's head that grow with the number of cities, laid out so that opening the head costs a
//! copy of bytes rather than a decode per city: fixed-width numbers in raw little-endian bytes, and the cities'
//! names as one text cut by those numbers. A city's names become strings only when a filter needs them.

use serde::{Deserialize, Serialize};

use crate::dataset::City;
use crate::schema::CityEntry;

/// Bytes kept as they are: written as one byte string, read back with one copy (a `Vec<u8>` of serde's own
/// would be decoded as a sequence, byte by byte).
#[derive(Default)]
pub(super) struct Raw(Vec<u8>);

impl Serialize for Raw {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Raw, D::Error> {
        struct Bytes;
        impl serde::de::Visitor<'_> for Bytes {
            type Value = Raw;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Raw, E> {
                Ok(Raw(v.to_vec()))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Raw, E> {
                Ok(Raw(v))
            }
        }
        d.deserialize_byte_buf(Bytes)
    }
}

impl Raw {
    fn u32_at(&self, i: usize) -> Option<u32> {
        let at = i.checked_mul(4)?;
        Some(u32::from_le_bytes(self.0.get(at..at + 4)?.try_into().ok()?))
    }
}

/// Bytes per city block's place: offset (u64), length and CRC-32 (u32 each).
const PLACE: usize = 16;

/// Where each city's block lies: offset, length and CRC-32.
#[derive(Default, Serialize, Deserialize)]
pub(super) struct Places(Raw);

impl Places {
    pub(super) fn push(&mut self, (at, len, crc): (u64, u32, u32)) {
        let bytes = &mut (self.0).0;
        bytes.extend_from_slice(&at.to_le_bytes());
        bytes.extend_from_slice(&len.to_le_bytes());
        bytes.extend_from_slice(&crc.to_le_bytes());
    }

    /// The number of places; `None` when the bytes are not whole places.
    pub(super) fn len(&self) -> Option<usize> {
        let bytes = &(self.0).0;
        bytes.len().is_multiple_of(PLACE).then_some(bytes.len() / PLACE)
    }

    pub(super) fn get(&self, k: usize) -> Option<(u64, u32, u32)> {
        let e = (self.0).0.get(k.checked_mul(PLACE)?..k * PLACE + PLACE)?;
        let at = u64::from_le_bytes(e[..8].try_into().ok()?);
        let len = u32::from_le_bytes(e[8..12].try_into().ok()?);
        Some((at, len, u32::from_le_bytes(e[12..16].try_into().ok()?)))
    }
}

/// The cities' table as one text and where each field ends in it (u32 each): per city its id, name, English
/// name, province and English province.
#[derive(Serialize, Deserialize)]
pub(super) struct CityColumns {
    text: String,
    ends: Raw,
}

impl CityColumns {
    pub(super) fn of(rows: &[CityEntry]) -> Option<CityColumns> {
        let mut columns = CityColumns { text: String::new(), ends: Raw(Vec::with_capacity(rows.len() * 20)) };
        for c in rows {
            for field in [&c.id, &c.name, &c.name_en, &c.province, &c.province_en] {
                columns.text.push_str(field);
                columns.ends.0.extend_from_slice(&u32::try_from(columns.text.len()).ok()?.to_le_bytes());
            }
        }
        Some(columns)
    }

    /// The number of cities; `None` when the ends are not whole cities or the last one does not end the text.
    pub(super) fn count(&self) -> Option<usize> {
        let fields = self.ends.0.len() / 4;
        let whole = self.ends.0.len().is_multiple_of(20)
            && match fields {
                0 => self.text.is_empty(),
                _ => self.ends.u32_at(fields - 1)? as usize == self.text.len(),
            };
        whole.then_some(fields / 5)
    }

    /// City `k`'s id, name, English name, province and English province; `None` when its ends are not sound.
    pub(super) fn fields(&self, k: usize) -> Option<[&str; 5]> {
        let first = k.checked_mul(5)?;
        let mut at = match first {
            0 => 0,
            _ => self.ends.u32_at(first - 1)? as usize,
        };
        let mut out = [""; 5];
        for (i, field) in out.iter_mut().enumerate() {
            let end = self.ends.u32_at(first + i)? as usize;
            *field = self.text.get(at..end)?;
            at = end;
        }
        Some(out)
    }

    pub(super) fn city(&self, k: usize) -> Option<City> {
        let [id, name, name_en, province, province_en] = self.fields(k)?.map(str::to_string);
        Some(City { id, name, name_en, province, province_en })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, name: &str, en: &str) -> CityEntry {
        CityEntry {
            id: id.into(),
            name: name.into(),
            name_en: en.into(),
            province: "辽宁".into(),
            province_en: "Liaoning".into(),
        }
    }

    #[test]
    fn the_cities_columns_give_back_every_city_and_refuse_ends_that_do_not_cut_whole_fields() {
        let rows: Vec<CityEntry> =
            (0..3000).map(|k| entry(&format!("c{k:05}"), &format!("城{k}"), &format!("City {k}"))).collect();
        let bytes = postcard::to_allocvec(&CityColumns::of(&rows).expect("fits")).expect("encodes");
        let columns: CityColumns = postcard::from_bytes(&bytes).expect("decodes");
        assert_eq!(columns.count(), Some(3000));
        for k in [0usize, 1, 2999] {
            let c = columns.city(k).expect("whole fields");
            assert_eq!((c.id.as_str(), c.name.as_str()), (format!("c{k:05}").as_str(), format!("城{k}").as_str()));
            assert_eq!((c.name_en.as_str(), c.province.as_str()), (format!("City {k}").as_str(), "辽宁"));
        }
        assert!(columns.city(3000).is_none(), "past the last city");
        let mut short = CityColumns::of(&rows).expect("fits");
        short.text.pop();
        assert_eq!(short.count(), None, "an end past the text");
        let mut odd = CityColumns::of(&rows).expect("fits");
        odd.ends.0.truncate(odd.ends.0.len() - 4);
        assert_eq!(odd.count(), None, "a city with four fields");
        let mut inside = CityColumns::of(&rows[..1]).expect("fits");
        inside.ends.0[4..8].copy_from_slice(&2u32.to_le_bytes()); // inside 城's three bytes
        assert!(inside.city(0).is_none(), "an end inside a character");
    }

    #[test]
    fn places_read_back_as_written_and_a_cut_one_is_refused() {
        let mut places = Places::default();
        places.push((1 << 40, 7, 0xdead_beef));
        places.push((3, u32::MAX, 1));
        let bytes = postcard::to_allocvec(&places).expect("encodes");
        // One byte string: its length, then the bytes as they are.
        assert_eq!(bytes.len(), 1 + 2 * PLACE);
        let places: Places = postcard::from_bytes(&bytes).expect("decodes");
        assert_eq!(places.len(), Some(2));
        assert_eq!(places.get(0), Some((1 << 40, 7, 0xdead_beef)));
        assert_eq!(places.get(1), Some((3, u32::MAX, 1)));
        assert_eq!(places.get(2), None);
        let mut cut = places;
        (cut.0).0.pop();
        assert_eq!(cut.len(), None);
    }
}
