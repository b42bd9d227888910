//! COPY/ADD sources: resolved inside the build context (never out of it: `..` past the root is
//! an error, a symlink is copied as a symlink, never followed), or read from another stage's
//! image. Each becomes a list of entries placed under the destination, which `layer` writes as
//! a tar layer and `checksum` hashes for the cache (content and metadata, never mtimes).
use super::dockerignore::Ignore;
use anyhow::{bail, Context, Result};
use std::io::Read;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub(crate) enum Content {
    File(PathBuf),
    Bytes(Vec<u8>),
    Dir,
    Symlink(String),
}

/// One entry of a COPY's layer: its path in the image (relative to `/`) and metadata.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) path: String,
    pub(crate) content: Content,
    pub(crate) mode: u32,
    pub(crate) uid: u64,
    pub(crate) gid: u64,
    pub(crate) mtime: u64,
}

/// A source found: its name relative to where it was looked up, and its entries relative to it
/// (`""` for the source itself).
pub(crate) struct Found {
    pub(crate) is_dir: bool,
    pub(crate) name: String,
    pub(crate) entries: Vec<Entry>,
}

/// Lexically resolves `src` inside a root: `..` may not climb above it.
pub(crate) fn clean(src: &str, inst: &str) -> Result<Vec<String>> {
    let mut parts: Vec<String> = Vec::new();
    for c in src.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    bail!("{inst} {src}: the source is outside the build context (only files under the context directory can be copied)");
                }
            }
            c => parts.push(c.to_string()),
        }
    }
    Ok(parts)
}

/// The context's sources matching `src` (a path, or a path whose last part has `*`/`?`).
pub(crate) fn from_context(
    root: &Path,
    src: &str,
    ignore: &Ignore,
    inst: &str,
) -> Result<Vec<Found>> {
    let parts = clean(src, inst)?;
    let mut dir = root.to_path_buf();
    let (last, parents) = match parts.split_last() {
        Some((l, p)) => (Some(l.clone()), p.to_vec()),
        None => (None, Vec::new()),
    };
    for p in &parents {
        dir.push(p);
        let md = std::fs::symlink_metadata(&dir)
            .with_context(|| format!("{inst} {src}: {} not found in the build context", p))?;
        if md.file_type().is_symlink() {
            bail!("{inst} {src}: {p} is a symlink; skiff build does not follow symlinks in a source's path yet");
        }
    }
    let names: Vec<String> = match &last {
        None => return Ok(vec![walk(root, "", ignore)?.with_name("")]),
        Some(l) if l.contains(['*', '?']) => {
            let mut names: Vec<String> = std::fs::read_dir(&dir)
                .with_context(|| format!("cannot read {}", dir.display()))?
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| wildcard(l, n))
                .collect();
            names.sort();
            names
        }
        Some(l) => vec![l.clone()],
    };
    let mut out = Vec::new();
    let prefix = parents.join("/");
    for n in names {
        let rel = match prefix.is_empty() {
            true => n.clone(),
            false => format!("{prefix}/{n}"),
        };
        if ignore.excluded(&rel) {
            continue;
        }
        let path = dir.join(&n);
        if std::fs::symlink_metadata(&path).is_err() {
            continue;
        }
        out.push(walk(&path, &rel, ignore)?.with_name(&n));
    }
    if out.is_empty() {
        bail!("{inst} {src}: no such file or directory in the build context");
    }
    Ok(out)
}

impl Found {
    fn with_name(mut self, name: &str) -> Found {
        self.name = name.to_string();
        self
    }
}

/// `path` and, for a directory, everything under it that `.dockerignore` keeps.
fn walk(path: &Path, rel: &str, ignore: &Ignore) -> Result<Found> {
    let md = std::fs::symlink_metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let mut entries = Vec::new();
    push(&mut entries, path, "", &md)?;
    if md.is_dir() {
        let mut stack = vec![(path.to_path_buf(), String::new())];
        while let Some((dir, sub)) = stack.pop() {
            let mut names: Vec<_> = std::fs::read_dir(&dir)
                .with_context(|| format!("cannot read {}", dir.display()))?
                .filter_map(|e| e.ok())
                .map(|e| e.file_name())
                .collect();
            names.sort();
            for n in names {
                let n = n.to_string_lossy().into_owned();
                let inner = match sub.is_empty() {
                    true => n.clone(),
                    false => format!("{sub}/{n}"),
                };
                let full_rel = match rel.is_empty() {
                    true => inner.clone(),
                    false => format!("{rel}/{inner}"),
                };
                if ignore.excluded(&full_rel) && !ignore.may_include_under(&full_rel) {
                    continue;
                }
                let p = dir.join(&n);
                let md = std::fs::symlink_metadata(&p)
                    .with_context(|| format!("cannot read {}", p.display()))?;
                if md.is_dir() {
                    stack.push((p.clone(), inner.clone()));
                } else if ignore.excluded(&full_rel) {
                    continue;
                }
                push(&mut entries, &p, &inner, &md)?;
            }
        }
        entries.sort_by(|a, b| a.path.cmp(&b.path));
    }
    Ok(Found {
        is_dir: md.is_dir(),
        name: String::new(),
        entries,
    })
}

fn push(out: &mut Vec<Entry>, p: &Path, rel: &str, md: &std::fs::Metadata) -> Result<()> {
    let ft = md.file_type();
    let content = if ft.is_dir() {
        Content::Dir
    } else if ft.is_symlink() {
        let t = std::fs::read_link(p).with_context(|| format!("cannot read {}", p.display()))?;
        Content::Symlink(t.to_string_lossy().into_owned())
    } else if ft.is_file() {
        Content::File(p.to_path_buf())
    } else {
        bail!(
            "{}: only files, directories and symlinks can be copied",
            p.display()
        );
    };
    out.push(Entry {
        path: rel.to_string(),
        content,
        mode: md.permissions().mode() & 0o7777,
        uid: 0,
        gid: 0,
        mtime: md.mtime().max(0) as u64,
    });
    Ok(())
}

/// `*` and `?` in one path component.
pub(crate) fn wildcard(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut pi, mut ni, mut star, mut mark) = (0, 0, None, 0);
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// A tar stream's entries under `src` (another stage's image, packed merged).
pub(crate) fn from_tar(tar_path: &Path, src: &str, inst: &str) -> Result<Vec<Found>> {
    let parts = clean(src, inst)?;
    let want = parts.join("/");
    let f = std::fs::File::open(tar_path)
        .with_context(|| format!("cannot open {}", tar_path.display()))?;
    let mut ar = tar::Archive::new(f);
    let mut found = Found {
        is_dir: want.is_empty(),
        name: parts.last().cloned().unwrap_or_default(),
        entries: Vec::new(),
    };
    let mut seen = false;
    for e in ar.entries()? {
        let mut e = e?;
        let path = e
            .path()?
            .to_string_lossy()
            .trim_end_matches('/')
            .to_string();
        let rel = if path == want {
            seen = true;
            found.is_dir = e.header().entry_type().is_dir();
            String::new()
        } else if want.is_empty() {
            path.clone()
        } else if let Some(r) = path.strip_prefix(&format!("{want}/")) {
            r.to_string()
        } else {
            continue;
        };
        let h = e.header().clone();
        let content = match h.entry_type() {
            t if t.is_dir() => Content::Dir,
            t if t.is_symlink() => Content::Symlink(
                e.link_name()?
                    .map(|l| l.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            ),
            t if t.is_file() => {
                let mut data = Vec::new();
                e.read_to_end(&mut data)?;
                Content::Bytes(data)
            }
            // Hard links, devices: left out of this slice (documented in the man page).
            _ => continue,
        };
        found.entries.push(Entry {
            path: rel,
            content,
            mode: h.mode()? & 0o7777,
            uid: h.uid()?,
            gid: h.gid()?,
            mtime: h.mtime()?,
        });
    }
    if !seen && !want.is_empty() {
        bail!("{inst} {src}: no such file or directory in the source stage");
    }
    found.entries.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(vec![found])
}

/// Hashes the content and metadata of `entries` (paths, types, modes, owners, link targets,
/// file contents; not mtimes) for the cache key.
pub(crate) fn checksum(entries: &[Entry]) -> Result<String> {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for e in entries {
        h.update(format!("{}\0{:o}\0{}:{}\0", e.path, e.mode, e.uid, e.gid));
        match &e.content {
            Content::Dir => h.update(b"d\0"),
            Content::Symlink(t) => h.update(format!("l{t}\0")),
            Content::Bytes(b) => {
                h.update(b"f\0");
                h.update(Sha256::digest(b));
            }
            Content::File(p) => {
                h.update(b"f\0");
                h.update(super::file_sums::file_sum(p)?);
            }
        }
    }
    Ok(hex::encode(h.finalize()))
}
