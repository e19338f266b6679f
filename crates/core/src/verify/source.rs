//! The rule that a source cannot change silently: its bytes still hash to the `sha256` its document records.

use crate::diagnostic::Diagnostic;

/// `sha256:` followed by the hex SHA-256 of `bytes`, as `documents.yaml` records it.
pub fn sha256_of(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest.iter() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Why a source fails its recorded hash: a diagnostic waiting for its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashProblem {
    message: String,
    details: Vec<(&'static str, String)>,
    hint: String,
}

impl HashProblem {
    /// The diagnostic at `at` in file `shown`.
    pub fn at(self, shown: &str, at: (usize, usize)) -> Diagnostic {
        let mut d = Diagnostic::error(shown, at, self.message);
        for (label, text) in self.details {
            d = d.detail(label, text);
        }
        d.hint(self.hint)
    }
}

/// The source's bytes still hash to `recorded` (`sha256:…`), which is well-formed.
pub fn unchanged(recorded: &str, bytes: &[u8], source: &str, doc_id: &str) -> Result<(), HashProblem> {
    let actual = sha256_of(bytes);
    if !well_formed(recorded) {
        return Err(HashProblem {
            message: format!("`{recorded}` is not `sha256:` and 64 lowercase hex digits"),
            details: Vec::new(),
            hint: format!("the source's hash is {actual}"),
        });
    }
    if recorded != actual {
        return Err(HashProblem {
            message: format!("source `{source}` changed since it was curated"),
            details: vec![("recorded", recorded.to_string()), ("now", actual.clone())],
            hint: format!(
                "re-verify the records of document {doc_id} against the new text, then record sha256: \"{actual}\""
            ),
        });
    }
    Ok(())
}

/// Whether `recorded` is written as `sha256:` and 64 lowercase hex digits.
pub fn well_formed(recorded: &str) -> bool {
    recorded
        .strip_prefix("sha256:")
        .is_some_and(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_the_published_test_vector() {
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        assert_eq!(sha256_of(b"abc"), "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert!(well_formed(&sha256_of(b"")));
        assert!(!well_formed("sha256:ABC") && !well_formed("ba7816bf"));
        let abc = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert!(unchanged(abc, b"abc", "s.txt", "d").is_ok());
        assert!(unchanged(abc, b"abd", "s.txt", "d").is_err());
        assert!(unchanged("sha256:abc", b"abc", "s.txt", "d").is_err());
    }
}
