//! Copying a citation: its text, and the OSC 52 escape sequence that asks the terminal to put it on the
//! clipboard (works over SSH and inside tmux with `set-clipboard on`).

use crossterm::clipboard::CopyToClipboard;
use crossterm::Command;
use zhibiao_core::dataset::Dataset;
use zhibiao_core::ids::{DocId, IndicatorId};

use crate::vocab::Lang;

/// A ready-to-paste citation of indicator `ind`: the quote, then title, issuer, date and paragraph. In English
/// the title and issuer are the English ones (the Chinese title follows in 《》 so the source can be found); the
/// quote stays as written, numbers and units included.
pub fn citation(ds: &Dataset, ind: IndicatorId, lang: Lang) -> String {
    let i = &ds.indicators()[ind];
    cite(ds, i.doc, &i.quote, i.paragraph, lang)
}

/// A citation of `quote` in paragraph `paragraph` of document `doc` (see [`citation`]): also for a figure no
/// record cites yet (view 6).
pub fn cite(ds: &Dataset, doc: DocId, quote: &str, paragraph: usize, lang: Lang) -> String {
    let d = ds.document(doc);
    match lang {
        Lang::En if !d.title_en.is_empty() => {
            let issuer = if d.issuer_en.is_empty() { &d.issuer } else { &d.issuer_en };
            format!("“{quote}” — {} 《{}》, {}, {}, para. {paragraph}", d.title_en, d.title, issuer, d.date)
        }
        _ => format!("“{quote}” — 《{}》, {}, {}, ¶{paragraph}", d.title, d.issuer, d.date),
    }
}

/// The OSC 52 sequence that sets the system clipboard to `text` (crossterm's `CopyToClipboard` writes it).
pub fn osc52(text: &str) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = Command::write_ansi(&CopyToClipboard::to_clipboard_from(text.as_bytes()), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_carries_standard_base64_of_the_utf8_text() {
        // RFC 4648 test vectors, and Chinese text as its UTF-8 bytes.
        assert_eq!(osc52("f"), "\x1b]52;c;Zg==\x1b\\");
        assert_eq!(osc52("fo"), "\x1b]52;c;Zm8=\x1b\\");
        assert_eq!(osc52("foobar"), "\x1b]52;c;Zm9vYmFy\x1b\\");
        assert_eq!(osc52("指标"), "\x1b]52;c;5oyH5qCH\x1b\\");
    }

    #[test]
    fn citation_names_quote_document_issuer_date_and_paragraph() {
        let ds = crate::sample::dataset();
        let first = IndicatorId::new(0);
        let c = citation(&ds, first, Lang::Zh);
        let i = ds.indicator_at(first);
        let d = &ds.documents()[i.doc];
        assert_eq!(c, format!("“{}” — 《{}》, {}, {}, ¶{}", i.quote, d.title, d.issuer, d.date, i.paragraph));
        // In English: the English title and issuer, the Chinese title kept for finding the source, the quote and
        // its numbers as written.
        assert!(!d.title_en.is_empty() && !d.issuer_en.is_empty(), "the sample has English titles");
        let en = citation(&ds, first, Lang::En);
        assert_eq!(
            en,
            format!(
                "“{}” — {} 《{}》, {}, {}, para. {}",
                i.quote, d.title_en, d.title, d.issuer_en, d.date, i.paragraph
            )
        );
    }
}
