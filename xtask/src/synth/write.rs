//! Writing a synthetic dataset to a folder: the YAML files and source texts, into a temporary sibling first.

use super::*;

/// A comment line, then `value` as YAML.
pub(super) fn yaml_bytes<T: Serialize + ?Sized>(header: &str, value: &T) -> Result<Vec<u8>, SynthError> {
    let body =
        serde_yaml::to_string(value).map_err(|e| SynthError::Broken(format!("YAML serialization failed: {e}")))?;
    let mut out = String::with_capacity(header.len() + body.len());
    out.push_str(header);
    out.push_str(&body);
    Ok(out.into_bytes())
}

/// Writes a synthetic dataset of `n` cities made from `plan` to the folder `out`, safely.
///
/// A non-empty `out` is refused unless `force` is set, and even then only when it looks like a dataset root (it
/// holds `data/`), so a mistyped path cannot wipe an unrelated folder. Files are written into a temporary
/// sibling folder that is renamed to `out` only when complete: an interrupted run leaves nothing half-written
/// at `out` (at worst a hidden `.NAME.synth-tmp-PID` sibling).
pub fn write_dataset(plan: &Plan, n: usize, out: &Path, force: bool) -> Result<Written, SynthError> {
    plan.check_count(n)?;
    let io_err = |what: &str, path: &Path, e: io::Error| SynthError::Io(format!("{what} {}: {e}", path.display()));
    if out.exists() {
        if !out.is_dir() {
            return Err(SynthError::Usage(format!("{} exists and is not a folder", out.display())));
        }
        let empty = std::fs::read_dir(out).map_err(|e| io_err("cannot read", out, e))?.next().is_none();
        if !empty && !force {
            return Err(SynthError::Usage(format!("{} is not empty; add --force to replace it", out.display())));
        }
        if !empty && !out.join("data").is_dir() {
            return Err(SynthError::Usage(format!(
                "{} is not empty and is not a dataset root (no data/ folder); refusing to replace it even with --force",
                out.display()
            )));
        }
    }
    let name = out
        .file_name()
        .ok_or_else(|| SynthError::Usage(format!("{}: --out needs a folder name", out.display())))?
        .to_string_lossy()
        .into_owned();
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| io_err("cannot create", &parent, e))?;
    let tmp = parent.join(format!(".{name}.synth-tmp-{}", std::process::id()));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(|e| io_err("cannot remove", &tmp, e))?;
    }
    std::fs::create_dir(&tmp).map_err(|e| io_err("cannot create", &tmp, e))?;

    let result = plan.files(n, |rel, bytes| {
        let path = tmp.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io_err("cannot create", dir, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| io_err("cannot write", &path, e))
    });
    let written = match result {
        Ok(w) => w,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    let old = parent.join(format!(".{name}.synth-old-{}", std::process::id()));
    if out.exists() {
        if let Err(e) = std::fs::rename(out, &old) {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(io_err("cannot move aside", out, e));
        }
    }
    if let Err(e) = std::fs::rename(&tmp, out) {
        if old.exists() {
            let _ = std::fs::rename(&old, out);
        }
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(io_err("cannot rename into", out, e));
    }
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|e| io_err("cannot remove", &old, e))?;
    }
    Ok(written)
}
