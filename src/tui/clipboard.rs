//! Copying a citation: its text, and the OSC 52 escape sequence that asks the terminal to put it on the
//! clipboard (works over SSH and inside tmux with `set-clipboard on`).

use zhibiao::dataset::Dataset;

use super::vocab::Lang;

/// A ready-to-paste citation of indicator `ind`: the quote, then title, issuer, date and paragraph. In English
/// the title and issuer are the English ones (the Chinese title follows in 《》 so the source can be found); the
/// quote stays as written, numbers and units included.
pub fn citation(ds: &Dataset, ind: usize, lang: Lang) -> String {
    let i = &ds.indicators[ind];
    let d = &ds.documents[i.doc];
    match lang {
        Lang::En if !d.title_en.is_empty() => {
            let issuer = if d.issuer_en.is_empty() { &d.issuer } else { &d.issuer_en };
            format!("“{}” — {} 《{}》, {}, {}, para. {}", i.quote, d.title_en, d.title, issuer, d.date, i.paragraph)
        }
        _ => format!("“{}” — 《{}》, {}, {}, ¶{}", i.quote, d.title, d.issuer, d.date, i.paragraph),
    }
}

/// The OSC 52 sequence that sets the system clipboard to `text`.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * k) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_vectors() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64("指标".as_bytes()), "5oyH5qCH");
        assert_eq!(osc52("foo"), "\x1b]52;c;Zm9v\x07");
    }

    #[test]
    fn citation_names_quote_document_issuer_date_and_paragraph() {
        let ds = crate::tui::sample::dataset();
        let c = citation(&ds, 0, Lang::Zh);
        let i = &ds.indicators[0];
        let d = &ds.documents[i.doc];
        assert_eq!(c, format!("“{}” — 《{}》, {}, {}, ¶{}", i.quote, d.title, d.issuer, d.date, i.paragraph));
        // In English: the English title and issuer, the Chinese title kept for finding the source, the quote and
        // its numbers as written.
        assert!(!d.title_en.is_empty() && !d.issuer_en.is_empty(), "the sample has English titles");
        let en = citation(&ds, 0, Lang::En);
        assert_eq!(
            en,
            format!(
                "“{}” — {} 《{}》, {}, {}, para. {}",
                i.quote, d.title_en, d.title, d.issuer_en, d.date, i.paragraph
            )
        );
    }
}
