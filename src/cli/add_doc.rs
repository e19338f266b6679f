//! `zhibiao add-doc`: copies a new source text into a dataset folder and registers it in `data/documents.yaml`
//! (with the SHA-256 of its bytes), refusing to overwrite anything, so that `zhibiao draft` can take it from there.
//! It runs under the dataset's lock, so concurrent runs queue; run again with the same text and name it does
//! nothing (or finishes a registration a kill cut short between the copy and the entry).

use std::fs;
use std::io::Read;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use zhibiao_core::corpus::Text;
use zhibiao_core::edit::{self, scalar};

/// Arguments of `zhibiao add-doc`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The source text (UTF-8), copied byte for byte into the dataset's seeds/ folder under its own file name.
    pub file: PathBuf,
    /// City id, as in data/cities.yaml.
    #[arg(long)]
    pub city: String,
    /// Title as the document gives it.
    #[arg(long)]
    pub title: String,
    /// Date of the document: YYYY-MM-DD, YYYY-MM or YYYY.
    #[arg(long)]
    pub date: String,
    /// Title in English.
    #[arg(long)]
    pub title_en: Option<String>,
    /// Issuing body.
    #[arg(long)]
    pub issuer: Option<String>,
    /// Issuing body in English.
    #[arg(long)]
    pub issuer_en: Option<String>,
    /// Kind of document: work-plan, policy-opinions, news-report, proposal-reply, …
    #[arg(long)]
    pub kind: Option<String>,
    /// Document id (lowercase letters, digits and hyphens); default: CITY-YEAR-<file name>.
    #[arg(long)]
    pub id: Option<String>,
}

/// Runs `zhibiao add-doc`. Every refusal is a usage error (exit 2) and leaves the dataset as it was.
pub fn run(data: &Option<PathBuf>, args: &Args) -> ExitCode {
    match add(data, args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("zhibiao: add-doc: {msg}");
            ExitCode::from(2)
        }
    }
}

fn add(data: &Option<PathBuf>, args: &Args) -> Result<(), String> {
    let Some(root) = data else {
        return Err("the bundled dataset is read-only; name the dataset folder to add to with --data DIR".into());
    };
    zhibiao_core::Root::dir(root).map_err(|e| e.to_string())?;
    let year = check_date(&args.date)?;
    let bytes = fs::read(&args.file).map_err(|e| format!("{}: cannot read: {e}", args.file.display()))?;
    Text::decode(bytes.clone()).map_err(|e| {
        format!("{}: not UTF-8 (byte {}); convert the text to UTF-8 first", args.file.display(), e.offset)
    })?;
    let name = args
        .file
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| format!("{}: not a file name", args.file.display()))?;
    let source = format!("seeds/{name}");

    let cities = read_list(&root.join("data/cities.yaml"))?;
    if !cities.iter().any(|c| field(c, "id") == Some(args.city.as_str())) {
        let known: Vec<_> = cities.iter().filter_map(|c| field(c, "id")).collect();
        return Err(format!(
            "unknown city `{}` (known: {}); add it to data/cities.yaml first",
            args.city,
            known.join(", ")
        ));
    }
    let id = match &args.id {
        Some(id) => id.clone(),
        None => default_id(&args.city, year, name),
    };
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Err(format!("document id `{id}`: use lowercase letters, digits and hyphens (--id)"));
    }
    // From reading documents.yaml to writing it, no other writer of the dataset runs: two add-doc at once queue.
    let _lock = zhibiao_core::atomic::lock_dataset(root).map_err(|e| e.to_string())?;
    let docs_path = root.join("data/documents.yaml");
    let docs = read_list(&docs_path)?;
    // As the loader checks it: `sha256:` and the hex digest, quoted like the bundled documents.yaml.
    let sha = zhibiao_core::verify::source::sha256_of(&bytes);
    let dest = root.join(&source);
    let same_copy = || {
        let mut copy = Vec::new();
        let read = zhibiao_core::atomic::open_regular(&dest, u64::MAX).and_then(|mut f| f.read_to_end(&mut copy));
        read.is_ok() && copy == bytes
    };
    let registered =
        |d: &serde_yaml::Value| field(d, "source") == Some(source.as_str()) && field(d, "sha256") == Some(sha.as_str());
    if let Some(d) = docs.iter().find(|d| field(d, "id") == Some(id.as_str())) {
        // The same text under the same name and id: already done, or the text's copy is what is missing.
        if registered(d) && same_copy() {
            println!("document `{id}` is already registered with this text ({source}); nothing to do");
            return Ok(());
        }
        return Err(format!("data/documents.yaml already has a document `{id}`; choose another --id"));
    }
    if let Some(d) = docs.iter().find(|d| field(d, "source") == Some(source.as_str())) {
        let other = field(d, "id").unwrap_or("?");
        if registered(d) && same_copy() && args.id.is_none() {
            println!("{source} is already registered as document `{other}` with this text; nothing to do");
            return Ok(());
        }
        return Err(format!("{source} is already the source of document `{other}`; refusing to overwrite"));
    }
    // A copy with these very bytes and no entry: a registration cut short (killed between its two writes).
    let resumed = fs::symlink_metadata(&dest).is_ok() && same_copy();
    if fs::symlink_metadata(&dest).is_ok() && !resumed {
        return Err(format!(
            "{}: already exists with other contents; refusing to overwrite (rename the file to add)",
            dest.display()
        ));
    }
    let todo = |v: &Option<String>| v.as_deref().map_or_else(|| "TODO".to_string(), scalar);
    let entry = format!(
        "id: {}\nsource: {}\ncity: {}\ntitle: {}\ntitle_en: {}\nissuer: {}\nissuer_en: {}\ndate: {}\nkind: {}\nsha256: \"{sha}\"\n",
        scalar(&id),
        scalar(&source),
        scalar(&args.city),
        scalar(&args.title),
        todo(&args.title_en),
        todo(&args.issuer),
        todo(&args.issuer_en),
        scalar(&args.date),
        todo(&args.kind),
    );
    let seeds = root.join("seeds");
    fs::create_dir_all(&seeds).map_err(|e| format!("{}: cannot create the folder: {e}", seeds.display()))?;
    if !resumed {
        zhibiao_core::atomic::write(&dest, &bytes).map_err(|e| e.to_string())?;
    }
    if let Err(e) = edit::append_to_documents(&docs_path, &[entry]) {
        if !resumed {
            let _ = fs::remove_file(&dest);
        }
        return Err(e.to_string());
    }
    let missing: Vec<&str> =
        [("title_en", &args.title_en), ("issuer", &args.issuer), ("issuer_en", &args.issuer_en), ("kind", &args.kind)]
            .into_iter()
            .filter(|(_, v)| v.is_none())
            .map(|(k, _)| k)
            .collect();
    let dir = root.display();
    if resumed {
        println!("found {source} already copied, byte for byte ({} bytes, {sha})", bytes.len());
    } else {
        println!("copied {} to {source} ({} bytes, {sha})", args.file.display(), bytes.len());
    }
    println!("registered document `{id}` in data/documents.yaml");
    if !missing.is_empty() {
        let flags: Vec<String> = missing.iter().map(|m| format!("--{}", m.replace('_', "-"))).collect();
        println!("still TODO in its entry: {}", missing.join(", "));
        println!("fill them in data/documents.yaml first: every command, draft included, refuses a dataset with a");
        println!("TODO left (`zhibiao --data {dir} check` shows where); or give {} when adding", flags.join(" "));
    }
    println!("next:");
    println!("  zhibiao --data {dir} source {id}          its paragraphs");
    println!("  zhibiao --data {dir} draft --doc {id}     a draft of its records (--write appends them)");
    Ok(())
}

/// The year of a `YYYY-MM-DD`, `YYYY-MM` or `YYYY` date.
fn check_date(date: &str) -> Result<i32, String> {
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let shape_ok = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
                && (1..=31).contains(&d.parse::<u32>().unwrap_or(0))
        }
        _ => false,
    };
    if !shape_ok {
        return Err(format!("--date `{date}`: write YYYY-MM-DD, YYYY-MM or YYYY"));
    }
    parts[0].parse().map_err(|_| format!("--date `{date}`: write YYYY-MM-DD, YYYY-MM or YYYY"))
}

/// `city-year-<file name>`, the file name reduced to lowercase ASCII words.
fn default_id(city: &str, year: i32, file: &str) -> String {
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let mut slug = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("{city}-{year}-doc")
    } else {
        format!("{city}-{year}-{slug}")
    }
}

/// A YAML list of mappings, read only for its keys.
fn read_list(path: &Path) -> Result<Vec<serde_yaml::Value>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let value: Option<Vec<serde_yaml::Value>> =
        serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}; run `zhibiao check`", path.display()))?;
    Ok(value.unwrap_or_default())
}

fn field<'a>(v: &'a serde_yaml::Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(serde_yaml::Value::as_str)
}
