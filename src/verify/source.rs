//! The rule that a source cannot change silently: its bytes still hash to the `sha256` its document records.

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
    }
}
