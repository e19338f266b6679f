//! Fuzzes the quantity parser: any UTF-8 text, no panic, spans on character boundaries and in order.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut last = 0;
    for q in zhibiao::quantity::find_quantities(text) {
        assert!(q.span.start >= last && q.span.start < q.span.end && q.span.end <= text.len());
        assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
        last = q.span.end;
    }
});
