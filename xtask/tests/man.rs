//! `cargo xtask man` writes zhibiao's man pages from the command line's definition: zhibiao's own name,
//! version and description, every user command, and none of the developer tasks.

use std::process::Command;

#[test]
fn the_man_page_describes_zhibiao_and_its_user_commands() {
    let dir = std::env::temp_dir().join(format!("zhibiao-man-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = Command::new(env!("CARGO_BIN_EXE_xtask")).args(["man", "--out"]).arg(&dir).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let page = std::fs::read_to_string(dir.join("zhibiao.1")).expect("zhibiao.1 written");
    assert!(page.contains(".TH zhibiao 1"), "{page}");
    assert!(page.contains(&format!("zhibiao {}", zhibiao_core::VERSION)), "{page}");
    assert!(page.contains("Explore the numeric goals"), "{page}");
    for command in ["list", "show", "source", "check", "candidates", "summary", "completions"] {
        assert!(dir.join(format!("zhibiao-{command}.1")).exists(), "{command}");
    }
    assert!(!page.contains("synth") && !page.contains("bench"), "{page}");
    assert!(page.contains("NO_COLOR"), "the --color option is documented: {page}");
    // The explorer's keys, from its key table, and every command's own options.
    assert!(page.contains(".SH \"EXPLORER KEYS\""), "{page}");
    assert!(page.contains("copy a citation of the indicator"), "{page}");
    assert!(page.contains(".SH \"ZHIBIAO LIST\"") && page.contains("\\-\\-bom"), "{page}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn without_out_the_pages_go_into_cargo_s_target_folder() {
    let target = std::env::temp_dir().join(format!("zhibiao-man-target-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&target);
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("man")
        .env("CARGO_TARGET_DIR", &target)
        .current_dir(std::env::temp_dir())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(target.join("man/zhibiao.1").is_file(), "{}", String::from_utf8_lossy(&out.stdout));
    std::fs::remove_dir_all(target).unwrap();
}
