//! Fuzzes the quantity parser: any UTF-8 text, no panic, spans on character boundaries and in order, and the
//! figures `check` may use are exactly those without a note.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let all = zhibiao_core::quantity::find_all_quantities(text);
    let sure: Vec<_> = all.iter().filter(|q| q.note.is_none()).cloned().collect();
    assert_eq!(zhibiao_core::quantity::find_quantities(text), sure);
    let mut last = 0;
    for q in all {
        assert!(q.span.start >= last && q.span.start < q.span.end && q.span.end <= text.len());
        assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
        last = q.span.end;
    }
});
