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
    /// The document's city: id, Chinese or English name, as in data/cities.yaml (hefei, 合肥, Hefei).
    #[arg(long, required_unless_present = "new_city", conflicts_with = "new_city")]
    pub city: Option<String>,
    /// A city not yet in data/cities.yaml, added to it (comments kept, atomically): ID,NAME,NAME_EN, e.g.
    /// `--new-city hefei,合肥,Hefei`; needs --province.
    #[arg(long, value_name = "ID,NAME,NAME_EN", requires = "province")]
    pub new_city: Option<String>,
    /// The new city's province, in Chinese and English: NAME,NAME_EN, e.g. `--province 安徽,Anhui`.
    #[arg(long, value_name = "NAME,NAME_EN", requires = "new_city")]
    pub province: Option<String>,
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
    /// Document id (lowercase letters, digits and hyphens); default: CITY-YEAR-<file name>, without repeating
    /// the city or the year the file name already holds (hefei-2022-5g-plan.txt → hefei-2022-5g-plan).
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

    // From reading cities.yaml and documents.yaml to writing them, no other writer of the dataset runs: two
    // add-doc at once queue.
    let _lock = zhibiao_core::atomic::lock_dataset(root).map_err(|e| e.to_string())?;
    let cities_path = root.join("data/cities.yaml");
    let cities = read_list(&cities_path)?;
    let (city, new_city) = match (&args.city, &args.new_city) {
        (Some(c), _) => (known_city(&cities, c)?, None),
        (None, Some(spec)) => match same_city(&cities, spec) {
            // Run again after it was added: the city is there exactly as given.
            Some(city) => (city, None),
            None => {
                let new = NewCity::parse(spec, args.province.as_deref().unwrap_or_default(), &cities)?;
                (City { id: new.id.clone(), name_en: new.name_en.clone() }, Some(new))
            }
        },
        (None, None) => return Err("name the document's city with --city (or add one with --new-city)".into()),
    };
    let id = match &args.id {
        Some(id) => id.clone(),
        None => default_id(&city, year, name),
    };
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Err(format!("document id `{id}`: use lowercase letters, digits and hyphens (--id)"));
    }
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
        scalar(&city.id),
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
    // The city goes in before the document that names it; if the document cannot be registered, the city list
    // and the seeds folder are put back as they were.
    let cities_before = match &new_city {
        Some(new) => {
            let added = fs::read(&cities_path).map_err(|e| format!("{}: {e}", cities_path.display())).and_then(|b| {
                edit::append_to_documents(&cities_path, &[new.entry()]).map(|()| b).map_err(|e| e.to_string())
            });
            match added {
                Ok(b) => Some(b),
                Err(e) => {
                    if !resumed {
                        let _ = fs::remove_file(&dest);
                    }
                    return Err(e);
                }
            }
        }
        None => None,
    };
    if let Err(e) = edit::append_to_documents(&docs_path, &[entry]) {
        if !resumed {
            let _ = fs::remove_file(&dest);
        }
        if let Some(before) = cities_before {
            let _ = zhibiao_core::atomic::write(&cities_path, &before);
        }
        return Err(e.to_string());
    }
    let missing: Vec<&str> =
        [("title_en", &args.title_en), ("issuer", &args.issuer), ("issuer_en", &args.issuer_en), ("kind", &args.kind)]
            .into_iter()
            .filter(|(_, v)| v.is_none())
            .map(|(k, _)| k)
            .collect();
    let command = super::suggest::command;
    if resumed {
        println!("found {source} already copied, byte for byte ({} bytes, {sha})", bytes.len());
    } else {
        println!("copied {} to {source} ({} bytes, {sha})", args.file.display(), bytes.len());
    }
    if let Some(new) = &new_city {
        println!("added city `{}` ({}, {}) to data/cities.yaml", new.id, new.name, new.name_en);
    }
    println!("registered document `{id}` in data/documents.yaml");
    if !missing.is_empty() {
        let flags: Vec<String> = missing.iter().map(|m| format!("--{}", m.replace('_', "-"))).collect();
        println!("still TODO in its entry: {}", missing.join(", "));
        println!("fill them in data/documents.yaml first: every command, draft included, refuses a dataset with a");
        println!("TODO left (`{}` shows where); or give {} when adding", command("check"), flags.join(" "));
    }
    println!("next:");
    let next = [
        (command(&format!("source {id}")), "its paragraphs"),
        (command(&format!("draft --doc {id}")), "a draft of its records (--write appends them)"),
    ];
    let width = next.iter().map(|(c, _)| c.chars().count()).max().unwrap_or(0);
    for (c, what) in next {
        println!("  {c:width$}  {what}");
    }
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

/// A city of data/cities.yaml, as the document's id is built from it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct City {
    id: String,
    name_en: String,
}

/// The city of `data/cities.yaml` named `given` by its id, Chinese or English name (ASCII case ignored).
fn known_city(cities: &[serde_yaml::Value], given: &str) -> Result<City, String> {
    let given = given.trim();
    let matches = |c: &&serde_yaml::Value| {
        ["id", "name", "name_en"].iter().any(|k| field(c, k).is_some_and(|v| v.eq_ignore_ascii_case(given)))
    };
    match cities.iter().find(matches) {
        Some(c) => Ok(City {
            id: field(c, "id").unwrap_or_default().to_string(),
            name_en: field(c, "name_en").unwrap_or_default().to_string(),
        }),
        None => {
            let known: Vec<String> = cities
                .iter()
                .map(|c| {
                    let f = |k| field(c, k).unwrap_or("?");
                    format!("{} ({}, {})", f("id"), f("name"), f("name_en"))
                })
                .collect();
            Err(format!(
                "unknown city `{given}` (known: {}); to add it, give --new-city ID,NAME,NAME_EN --province \
                 NAME,NAME_EN instead of --city (e.g. --new-city luoyang,洛阳,Luoyang --province 河南,Henan)",
                known.join(", ")
            ))
        }
    }
}

/// The city of `cities` that is exactly the `ID,NAME,NAME_EN` of `--new-city`, if it is there already.
fn same_city(cities: &[serde_yaml::Value], spec: &str) -> Option<City> {
    let parts: Vec<&str> = spec.split([',', '，']).map(str::trim).collect();
    let [id, name, name_en] = parts.as_slice() else { return None };
    cities
        .iter()
        .find(|c| field(c, "id") == Some(id) && field(c, "name") == Some(name) && field(c, "name_en") == Some(name_en))
        .map(|_| City { id: id.to_string(), name_en: name_en.to_string() })
}

/// A city `--new-city` and `--province` add to data/cities.yaml.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NewCity {
    id: String,
    name: String,
    name_en: String,
    province: String,
    province_en: String,
}

impl NewCity {
    /// Reads `ID,NAME,NAME_EN` and `NAME,NAME_EN` (commas may be full-width), refusing an id or a name that
    /// `cities` already has.
    fn parse(spec: &str, province: &str, cities: &[serde_yaml::Value]) -> Result<NewCity, String> {
        let parts = |s: &str| s.split([',', '，']).map(|p| p.trim().to_string()).collect::<Vec<_>>();
        let (city, prov) = (parts(spec), parts(province));
        let [id, name, name_en] = <[String; 3]>::try_from(city)
            .map_err(|_| format!("--new-city `{spec}`: write ID,NAME,NAME_EN, e.g. --new-city luoyang,洛阳,Luoyang"))?;
        let [province, province_en] = <[String; 2]>::try_from(prov)
            .map_err(|_| format!("--province `{province}`: write NAME,NAME_EN, e.g. --province 河南,Henan"))?;
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            return Err(format!("--new-city: city id `{id}`: use lowercase letters, digits and hyphens"));
        }
        if [&name, &name_en, &province, &province_en].iter().any(|s| s.is_empty()) {
            return Err("--new-city and --province: every part needs a value".into());
        }
        for given in [&id, &name, &name_en] {
            if let Ok(c) = known_city(cities, given) {
                return Err(format!(
                    "data/cities.yaml already has `{given}` (city `{}`); give --city {} instead",
                    c.id, c.id
                ));
            }
        }
        Ok(NewCity { id, name, name_en, province, province_en })
    }

    /// Its entry in data/cities.yaml.
    fn entry(&self) -> String {
        format!(
            "id: {}\nname: {}\nname_en: {}\nprovince: {}\nprovince_en: {}\n",
            scalar(&self.id),
            scalar(&self.name),
            scalar(&self.name_en),
            scalar(&self.province),
            scalar(&self.province_en)
        )
    }
}

/// `city-year-<file name>`, the file name reduced to lowercase ASCII words, less the words that repeat the city
/// (its id or English name) or the year: `luoyang-2023-work-report.txt` gives `luoyang-2023-work-report`.
fn default_id(city: &City, year: i32, file: &str) -> String {
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let slug = |s: &str| {
        let mut out = String::new();
        for c in s.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        out.trim_end_matches('-').to_string()
    };
    let mut words: Vec<String> = slug(stem).split('-').filter(|w| !w.is_empty()).map(str::to_string).collect();
    let year = year.to_string();
    for repeated in [slug(&city.id), slug(&city.name_en), year.clone()] {
        let parts: Vec<&str> = repeated.split('-').filter(|w| !w.is_empty()).collect();
        if parts.is_empty() {
            continue;
        }
        if let Some(at) =
            words.windows(parts.len()).position(|w| w.iter().map(String::as_str).eq(parts.iter().copied()))
        {
            words.drain(at..at + parts.len());
        }
    }
    let rest = words.join("-");
    let prefix = format!("{}-{year}", city.id);
    if rest.is_empty() {
        format!("{prefix}-doc")
    } else {
        format!("{prefix}-{rest}")
    }
}

/// A YAML list of mappings, read only for its keys.
fn read_list(path: &Path) -> Result<Vec<serde_yaml::Value>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let value: Option<Vec<serde_yaml::Value>> = serde_yaml::from_str(&text)
        .map_err(|e| format!("{}: {e}; run `{}`", path.display(), super::suggest::command("check")))?;
    Ok(value.unwrap_or_default())
}

fn field<'a>(v: &'a serde_yaml::Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(serde_yaml::Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn city(id: &str, name_en: &str) -> City {
        City { id: id.into(), name_en: name_en.into() }
    }

    #[test]
    fn an_id_from_the_file_name_does_not_repeat_the_city_or_the_year() {
        let luoyang = city("luoyang", "Luoyang");
        assert_eq!(default_id(&luoyang, 2023, "luoyang-2023-work-report.txt"), "luoyang-2023-work-report");
        assert_eq!(default_id(&luoyang, 2023, "2023_Luoyang_Work Report.txt"), "luoyang-2023-work-report");
        assert_eq!(default_id(&luoyang, 2023, "work-report-2022.txt"), "luoyang-2023-work-report-2022");
        assert_eq!(default_id(&luoyang, 2023, "洛阳市政府工作报告.txt"), "luoyang-2023-doc");
        let xian = city("xian", "Xi'an");
        assert_eq!(default_id(&xian, 2021, "xi-an-2021-plan.txt"), "xian-2021-plan");
    }

    #[test]
    fn a_city_is_found_by_id_chinese_or_english_name() {
        let cities: Vec<serde_yaml::Value> =
            serde_yaml::from_str("- id: xiangyang\n  name: 襄阳\n  name_en: Xiangyang\n").unwrap();
        for given in ["xiangyang", "襄阳", "Xiangyang", "XIANGYANG"] {
            assert_eq!(known_city(&cities, given).map(|c| c.id), Ok("xiangyang".to_string()), "{given}");
        }
        let err = known_city(&cities, "洛阳").unwrap_err();
        assert!(err.contains("--new-city ID,NAME,NAME_EN"), "{err}");
        let new = NewCity::parse("luoyang,洛阳,Luoyang", "河南，Henan", &cities).unwrap();
        assert_eq!(new.entry(), "id: luoyang\nname: 洛阳\nname_en: Luoyang\nprovince: 河南\nprovince_en: Henan\n");
        assert!(NewCity::parse("xiangyang,襄阳,Xiangyang", "湖北,Hubei", &cities)
            .unwrap_err()
            .contains("--city xiangyang"));
        assert!(NewCity::parse("luoyang,洛阳", "河南,Henan", &cities).is_err());
    }
}
