//! The bench's `draft` row: `zhibiao draft` as a process on a document of about 1 MB of text, in a small dataset
//! made for it (the bundled one plus that document, whose text is the bundled sources one after another until
//! it reaches a megabyte).

use std::fmt::Write as _;
use std::io;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use zhibiao_core::Root;

/// The document's size.
const BYTES: usize = 1 << 20;

/// Writes the dataset under `dir` (once), times `zhibiao draft --doc` on the document `runs` times (fresh
/// processes, `--no-cache`), and returns the result as a Markdown line.
pub(super) fn run(dir: &Path, runs: usize) -> io::Result<String> {
    let root = dir.join("draft-1mb");
    if !root.join("seeds/bench-1mb.txt").is_file() {
        if root.exists() {
            std::fs::remove_dir_all(&root)?;
        }
        write(&root)?;
    }
    let zhibiao = super::side::zhibiao_binary()?;
    let root_s = root.to_string_lossy().into_owned();
    let args = ["--no-cache", "--data", &root_s, "draft", "--doc", "bench-1mb"];
    let mut times = Vec::new();
    let mut lines = 0;
    for k in 0..runs.max(1) {
        eprint!("\rbench: draft on 1 MB: run {} of {} …", k + 1, runs.max(1));
        let t = Instant::now();
        let out = Command::new(&zhibiao).args(args).output()?;
        times.push(t.elapsed().as_secs_f64());
        if !out.status.success() {
            return Err(io::Error::other(format!("draft failed: {}", String::from_utf8_lossy(&out.stderr))));
        }
        lines = out.stdout.iter().filter(|&&b| b == b'\n').count();
    }
    eprintln!(" done");
    times.sort_by(f64::total_cmp);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "`zhibiao draft` on a document of {:.1} MB (whole process, the dataset's load included; median of {}): \
         {:.2} s (min {:.2} s), {lines} lines of draft printed",
        BYTES as f64 / 1e6,
        times.len(),
        times[times.len() / 2],
        times[0]
    );
    Ok(out)
}

/// A synthetic dataset of one city, plus a document `bench-1mb` of that city whose source is the dataset's
/// sources repeated to [`BYTES`].
fn write(root: &Path) -> io::Result<()> {
    let plan = xtask::synth::Plan::new(&Root::Embedded).map_err(|e| io::Error::other(e.to_string()))?;
    xtask::synth::write_dataset(&plan, 1, root, false).map_err(|e| io::Error::other(e.to_string()))?;
    let mut sources = Vec::new();
    // The synthetic city's sources are in a folder of their own under seeds/.
    let mut names: Vec<_> = super::dataset_files(root)?
        .into_iter()
        .filter(|p| p.starts_with(root.join("seeds")) && p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    for path in names {
        let bytes = std::fs::read(&path)?;
        sources.push(String::from_utf8_lossy(&bytes).trim_start_matches('\u{feff}').to_string());
    }
    let mut text = String::with_capacity(BYTES + 64 * 1024);
    while text.len() < BYTES && sources.iter().any(|s| !s.is_empty()) {
        for s in &sources {
            text.push_str(s);
            text.push('\n');
        }
    }
    if text.is_empty() {
        return Err(io::Error::other(format!("{}: no source text to repeat", root.display())));
    }
    std::fs::write(root.join("seeds/bench-1mb.txt"), &text)?;
    let cities: Vec<zhibiao_core::schema::CityEntry> =
        serde_yaml::from_str(&std::fs::read_to_string(root.join("data/cities.yaml"))?)
            .map_err(|e| io::Error::other(format!("data/cities.yaml: {e}")))?;
    let city = cities.first().ok_or_else(|| io::Error::other("no city"))?.id.clone();
    let sha = sha256_hex(text.as_bytes());
    let entry = format!(
        "- id: bench-1mb\n  source: seeds/bench-1mb.txt\n  sha256: \"sha256:{sha}\"\n  city: {city}\n  title: 基准测试文档\n  \
         title_en: Benchmark document\n  issuer: 基准\n  issuer_en: Benchmark\n  date: 2021-01-01\n  kind: work-plan\n"
    );
    let documents = root.join("data/documents.yaml");
    let mut yaml = std::fs::read_to_string(&documents)?;
    if !yaml.ends_with('\n') {
        yaml.push('\n');
    }
    yaml.push_str(&entry);
    std::fs::write(documents, yaml)
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
