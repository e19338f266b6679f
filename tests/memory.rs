//! Heap memory a load freed goes back to the system (`zhibiao_core::memory`), measured on this test process's
//! resident set (its only test, so no other thread allocates meanwhile).

/// This process's resident set in kB (`VmRSS` of /proc/self/status).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status is readable on Linux");
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).expect("a VmRSS line");
    line.split_whitespace().nth(1).and_then(|kb| kb.parse().ok()).expect("VmRSS in kB")
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn freed_heap_pages_go_back_to_the_system() {
    const MB: u64 = 1024;
    // 64 MB in small blocks, as a parser leaves them, then one more block above them all so that their free space
    // does not border the top of the heap (which glibc returns on its own).
    let blocks: Vec<Vec<u8>> = (0..32_768).map(|i| vec![i as u8; 2048]).collect();
    let guard = vec![1u8; 2048];
    let before = rss_kb();
    drop(blocks);
    zhibiao_core::memory::release_free_memory();
    let after = rss_kb();
    std::hint::black_box(&guard);
    assert!(
        after + 48 * MB <= before,
        "of 64 MB freed, only {} kB left the resident set ({before} kB -> {after} kB)",
        before.saturating_sub(after)
    );
}
