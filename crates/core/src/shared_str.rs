//! `SharedStr`: a record's string, either its own or borrowed from the memory-mapped cache file it was decoded
//! from, so that a warm start does not copy every record's strings onto the heap (at 1.2 M records, about ten
//! million allocations) and the explorer's views read them where the cache holds them.
//!
//! A `SharedStr` reads as a `&str` (`Deref`), compares, hashes and orders as one, and serialises as one. It
//! borrows only while [`decoding_from`] names the bytes postcard decodes from; any other decode (YAML, JSON, a
//! buffer of the query index) makes a string of its own.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// Bytes that never change while anything borrows from them: a read-only mapping of a cache file (which is only
/// ever replaced by a rename, never written in place) or bytes read into memory.
pub enum Backing {
    /// The cache file, mapped.
    Mapped(memmap2::Mmap),
    /// Bytes in memory (where mapping failed, and in tests).
    Owned(Vec<u8>),
}

impl Backing {
    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Backing::Mapped(m) => m,
            Backing::Owned(v) => v,
        }
    }
}

/// A string a record holds: its own, or a range of a [`Backing`] that postcard checked to be UTF-8.
#[derive(Clone)]
pub struct SharedStr(Repr);

#[derive(Clone)]
enum Repr {
    Own(String),
    // `u32` places: a cache file is at most 2 GiB (`cache::MAX_LEN`), and a larger one is never mapped.
    Borrowed { from: Arc<Part>, start: u32, len: u32 },
}

/// The backing as one decode on one thread shares it: each string counts its references here, not on the
/// backing itself, so that the cores decoding at once do not all count on one counter (its cache line would
/// move from core to core for every string).
struct Part(Arc<Backing>);

impl SharedStr {
    /// The string.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Own(s) => s,
            Repr::Borrowed { from, start, len } => {
                let bytes = &from.0.bytes()[*start as usize..*start as usize + *len as usize];
                // SAFETY: a `Borrowed` is made only in `visit_borrowed_str`, from a `&str` (UTF-8, checked by
                // postcard) that lies at exactly these places of these bytes, and the bytes never change: the
                // `Vec` is never written again, and the mapping is read-only of a file the cache replaces by a
                // rename (the caveat of every mapped file, as `Mmap::map` says: one truncated or written in place
                // by another program would be read as it then is).
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }
        }
    }

    /// Whether the string is borrowed from a cache file rather than its own (for tests and measurements).
    pub fn is_borrowed(&self) -> bool {
        matches!(self.0, Repr::Borrowed { .. })
    }

    /// The bytes it holds on the heap: its capacity when its own, none when borrowed (for measurements).
    pub fn heap_bytes(&self) -> usize {
        match &self.0 {
            Repr::Own(s) => s.capacity(),
            Repr::Borrowed { .. } => 0,
        }
    }
}

thread_local! {
    /// The bytes postcard is decoding from on this thread, if strings may borrow from them.
    static DECODING: RefCell<Option<Arc<Part>>> = const { RefCell::new(None) };
}

/// Runs `decode` with the strings postcard decodes from `backing`'s bytes on this thread borrowed from it
/// (strings from any other bytes are copied as usual).
pub fn decoding_from<R>(backing: &Arc<Backing>, decode: impl FnOnce() -> R) -> R {
    /// Puts back what was there before, also when `decode` panics.
    struct Restore(Option<Arc<Part>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let before = self.0.take();
            DECODING.with(|d| *d.borrow_mut() = before);
        }
    }
    let part = Arc::new(Part(Arc::clone(backing)));
    let _restore = Restore(DECODING.with(|d| d.borrow_mut().replace(part)));
    decode()
}

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        self
    }
}

impl Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        self
    }
}

impl Default for SharedStr {
    fn default() -> SharedStr {
        SharedStr(Repr::Own(String::new()))
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> SharedStr {
        SharedStr(Repr::Own(s))
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> SharedStr {
        SharedStr(Repr::Own(s.to_string()))
    }
}

impl From<SharedStr> for String {
    fn from(s: SharedStr) -> String {
        match s.0 {
            Repr::Own(s) => s,
            Repr::Borrowed { .. } => s.as_str().to_string(),
        }
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<SharedStr> for str {
    fn eq(&self, other: &SharedStr) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<SharedStr> for String {
    fn eq(&self, other: &SharedStr) -> bool {
        self == other.as_str()
    }
}

impl PartialOrd for SharedStr {
    fn partial_cmp(&self, other: &SharedStr) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedStr {
    fn cmp(&self, other: &SharedStr) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for SharedStr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl serde::Serialize for SharedStr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for SharedStr {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SharedStr, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = SharedStr;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, s: &'de str) -> Result<SharedStr, E> {
                Ok(SharedStr(borrow(s).unwrap_or_else(|| Repr::Own(s.to_string()))))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<SharedStr, E> {
                Ok(SharedStr::from(s))
            }
            fn visit_string<E: serde::de::Error>(self, s: String) -> Result<SharedStr, E> {
                Ok(SharedStr::from(s))
            }
            fn visit_borrowed_bytes<E: serde::de::Error>(self, b: &'de [u8]) -> Result<SharedStr, E> {
                self.visit_borrowed_str(utf8(b)?)
            }
            fn visit_bytes<E: serde::de::Error>(self, b: &[u8]) -> Result<SharedStr, E> {
                self.visit_str(utf8(b)?)
            }
        }
        /// `b` as UTF-8, checked with SIMD (`std`'s check was a tenth of a warm start's time).
        fn utf8<E: serde::de::Error>(b: &[u8]) -> Result<&str, E> {
            simdutf8::basic::from_utf8(b).map_err(|_| E::invalid_value(serde::de::Unexpected::Bytes(b), &"UTF-8"))
        }
        /// `s` as a range of the bytes being decoded from on this thread, if it lies within them.
        fn borrow(s: &str) -> Option<Repr> {
            DECODING.with(|d| {
                let d = d.borrow();
                let from = d.as_ref()?;
                let bytes = from.0.bytes();
                let start = (s.as_ptr() as usize).checked_sub(bytes.as_ptr() as usize)?;
                let within = start.checked_add(s.len())? <= bytes.len();
                let (start, len) = (u32::try_from(start).ok()?, u32::try_from(s.len()).ok()?);
                within.then(|| Repr::Borrowed { from: Arc::clone(from), start, len })
            })
        }
        // A binary format (postcard) writes a string as its bytes: read them as bytes and check them here. A
        // text format reads them as a string.
        if d.is_human_readable() {
            d.deserialize_str(Visitor)
        } else {
            d.deserialize_bytes(Visitor)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(strings: &[&str]) -> Arc<Backing> {
        let owned: Vec<String> = strings.iter().map(|s| s.to_string()).collect();
        Arc::new(Backing::Owned(postcard::to_allocvec(&owned).expect("encodes")))
    }

    #[test]
    fn strings_decoded_from_the_named_bytes_borrow_from_them_and_read_back_the_same() {
        let backing = encoded(&["十四五", "", "5G基站"]);
        let got: Vec<SharedStr> = decoding_from(&backing, || postcard::from_bytes(backing.bytes())).expect("decodes");
        assert_eq!(got, ["十四五", "", "5G基站"]);
        assert!(got.iter().all(SharedStr::is_borrowed));
        // The strings keep the bytes alive after the decode.
        assert_eq!(Arc::strong_count(&backing), 2);
        drop(got);
        assert_eq!(Arc::strong_count(&backing), 1);
    }

    #[test]
    fn strings_decoded_from_other_bytes_or_outside_decoding_from_are_their_own() {
        let backing = encoded(&["甲"]);
        let other = encoded(&["乙"]);
        let got: Vec<SharedStr> = decoding_from(&backing, || postcard::from_bytes(other.bytes())).expect("decodes");
        assert_eq!(got, ["乙"]);
        assert!(!got[0].is_borrowed());
        let plain: Vec<SharedStr> = postcard::from_bytes(backing.bytes()).expect("decodes");
        assert!(!plain[0].is_borrowed());
        let json: SharedStr = serde_json::from_str("\"丙\"").expect("JSON");
        assert_eq!(json, "丙");
    }

    #[test]
    fn bytes_that_are_not_utf8_are_refused_in_place_or_not() {
        // postcard writes a string and a byte string alike: a length, then the bytes.
        let bad = Arc::new(Backing::Owned(postcard::to_allocvec(&serde_bytes_of(b"\xe5\x8d")).expect("encodes")));
        assert!(decoding_from(&bad, || postcard::from_bytes::<SharedStr>(bad.bytes())).is_err());
        assert!(postcard::from_bytes::<SharedStr>(bad.bytes()).is_err());
        let good = Arc::new(Backing::Owned(postcard::to_allocvec(&serde_bytes_of("十".as_bytes())).expect("encodes")));
        assert_eq!(postcard::from_bytes::<SharedStr>(good.bytes()).expect("UTF-8"), "十");
    }

    /// `b` serialised as a byte string.
    fn serde_bytes_of(b: &[u8]) -> impl serde::Serialize + '_ {
        struct Bytes<'a>(&'a [u8]);
        impl serde::Serialize for Bytes<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(self.0)
            }
        }
        Bytes(b)
    }

    #[test]
    fn a_shared_string_compares_hashes_and_orders_as_its_text() {
        let backing = encoded(&["b", "a"]);
        let mut got: Vec<SharedStr> = decoding_from(&backing, || postcard::from_bytes(backing.bytes())).unwrap();
        got.push(SharedStr::from("a"));
        got.sort();
        assert_eq!(got, ["a", "a", "b"]);
        let set: std::collections::HashSet<&str> = got.iter().map(|s| s.as_str()).collect();
        assert_eq!(set.len(), 2);
        assert_eq!(got[0], got[1]);
        assert_eq!(format!("{}|{:?}", got[2], got[2]), "b|\"b\"");
        assert_eq!(std::mem::size_of::<SharedStr>(), std::mem::size_of::<String>());
    }
}
