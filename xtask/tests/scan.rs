//! The text filter's scan of the search buffer, which a large dataset's buffer cuts into runs scanned on every
//! core: it must find exactly the records a search of each record alone finds (the definition of a match),
//! whatever runs the cuts fall between.

mod common;

use zhibiao_core::query::TextFilter;
use zhibiao_core::Root;

#[test]
fn the_scan_on_every_core_finds_what_a_search_of_each_record_finds() {
    // 200 cities: a search buffer of a few megabytes, above the size scanned on one core.
    let (_keep, dir) = common::dataset(200);
    let ds = zhibiao_core::load(&Root::dir(&dir).expect("a root")).expect("the dataset verifies");
    let (buf, starts) = ds.search_buffer();
    assert!(buf.len() > 2 << 20, "the buffer is large enough to be cut: {} bytes", buf.len());
    // Literal text (ASCII, Chinese; `新建` and `已建成` begin many records' names, so matches start at a record's
    // first byte), regular expressions, one that could run across a record's end, one that matches almost
    // everything and one that matches nothing.
    for pattern in
        ["5g", "基站", "新建", "已建成", "5g|充电", "亿元.*个", "站$", "^c0", "[0-9]{4}", "e", "no such text"]
    {
        let t = TextFilter::new(pattern);
        let want: Vec<usize> = (0..starts.len()).filter(|&r| t.matches(ds.search_record(r))).collect();
        assert_eq!(t.matching(&ds), want, "`{pattern}`");
    }
}
