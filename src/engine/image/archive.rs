//! Reading an image archive (docker-archive or oci-archive, plain or gzip) without unpacking it:
//! every regular member is spooled into a temp dir inside the store while its sha256 is
//! computed, so blobs are verified before use and can be renamed into `blobs/` without a copy.
//! Only safe relative member names are accepted; symlinks and hardlinks between members (docker
//! save emits them for repeated layers) are resolved within the archive.
use super::digest::{Digest, Hashing};
use super::ingest::decompressed;
use super::store::MAX_JSON;
use anyhow::{anyhow, bail, Context, Result};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Read};
use std::path::{Component, Path, PathBuf};

/// A spooled regular member.
#[derive(Debug, Clone)]
pub(crate) struct FileMember {
    pub(crate) path: PathBuf,
    /// The digest of its content, computed while spooling.
    pub(crate) digest: Digest,
    pub(crate) size: u64,
}

#[derive(Debug, Clone)]
enum Member {
    File(FileMember),
    /// A symlink or hardlink to another member (its normalized name).
    Link(String),
}

#[derive(Debug)]
pub(crate) struct Spool {
    members: HashMap<String, Member>,
}

/// Bounds a hostile archive's member count (real ones have a handful).
const MAX_MEMBERS: usize = 100_000;

impl Spool {
    /// Reads the whole archive from `input` into files in `dir`.
    pub(crate) fn read<R: Read + 'static>(input: R, dir: &Path) -> Result<Spool> {
        let mut archive =
            tar::Archive::new(decompressed(input).context("cannot read the archive")?);
        let mut members = HashMap::new();
        let entries = archive.entries().context("cannot read the archive")?;
        for (n, entry) in entries.enumerate() {
            if n >= MAX_MEMBERS {
                bail!(
                    "the archive has more than {MAX_MEMBERS} members; it is not an image archive"
                );
            }
            let mut entry =
                entry.context("cannot read the archive: it is truncated or not a tar file")?;
            let raw = entry
                .path()
                .context("the archive has a member with an unreadable name")?
                .into_owned();
            let Some(name) = clean_name(&raw)? else {
                continue;
            };
            use tar::EntryType as T;
            let member = match entry.header().entry_type() {
                T::Regular | T::Continuous => {
                    let path = dir.join(n.to_string());
                    let f = File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
                    let mut w = Hashing::new(BufWriter::with_capacity(256 << 10, f));
                    std::io::copy(&mut entry, &mut w)
                        .with_context(|| format!("cannot read archive member {name:?}"))?;
                    let (digest, size) = (w.digest(), w.count);
                    w.inner.into_inner().map_err(|e| e.into_error())?;
                    Member::File(FileMember { path, digest, size })
                }
                T::Symlink => Member::Link(link_target(&name, &entry)?),
                T::Link => {
                    let target = entry.link_name()?.ok_or_else(|| anyhow!("hardlink {name:?} has no target"))?;
                    Member::Link(clean_name(&target)?.ok_or_else(|| anyhow!("hardlink {name:?} has no target"))?)
                }
                T::Directory | T::XGlobalHeader | T::XHeader | T::GNULongName | T::GNULongLink => continue,
                other => bail!("archive member {name:?} has unexpected type {other:?}; this is not an image archive"),
            };
            members.insert(name, member);
        }
        if members.is_empty() {
            bail!("the archive is empty; give a docker-archive or oci-archive (skiff save writes both)");
        }
        Ok(Spool { members })
    }

    pub(crate) fn contains(&self, name: &str) -> bool {
        self.members.contains_key(name)
    }

    /// The regular file a member name denotes, following links between members.
    pub(crate) fn file(&self, name: &str) -> Result<&FileMember> {
        let mut cur = clean_name(Path::new(name))?.unwrap_or_default();
        for _ in 0..40 {
            match self.members.get(&cur) {
                Some(Member::File(f)) => return Ok(f),
                Some(Member::Link(t)) => cur = t.clone(),
                None => bail!("the archive has no member {name:?}: it is incomplete"),
            }
        }
        bail!("archive member {name:?} is a loop of links")
    }

    /// Parses a small JSON member.
    pub(crate) fn json<T: DeserializeOwned>(&self, name: &str) -> Result<T> {
        serde_json::from_slice(&self.bytes(name)?)
            .with_context(|| format!("archive member {name} is not valid JSON"))
    }

    /// Reads a small member (manifest, config, index) into memory.
    pub(crate) fn bytes(&self, name: &str) -> Result<Vec<u8>> {
        let f = self.file(name)?;
        if f.size > MAX_JSON {
            bail!(
                "archive member {name} is {} bytes, too large for metadata",
                f.size
            );
        }
        std::fs::read(&f.path).with_context(|| format!("cannot read spooled {name}"))
    }
}

/// A member name as a normalized relative path (`./a//b` → `a/b`); `None` for the root itself.
/// Absolute names and `..` are refused: a well-formed image archive never has them.
pub(crate) fn clean_name(raw: &Path) -> Result<Option<String>> {
    let mut parts = Vec::new();
    for c in raw.components() {
        match c {
            Component::Normal(p) => parts.push(
                p.to_str()
                    .ok_or_else(|| anyhow!("archive member {raw:?} has a name that is not UTF-8"))?,
            ),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => bail!(
                "archive member {:?} is not a safe relative name (absolute or with ..); refusing the archive",
                raw.display().to_string()
            ),
        }
    }
    Ok((!parts.is_empty()).then(|| parts.join("/")))
}

/// A symlink's target as a member name, resolved against the link's directory; it must stay
/// inside the archive.
fn link_target<R: Read>(name: &str, entry: &tar::Entry<R>) -> Result<String> {
    let target = entry
        .link_name()?
        .ok_or_else(|| anyhow!("symlink {name:?} has no target"))?;
    resolve_link(name, &target)
}

fn resolve_link(name: &str, target: &Path) -> Result<String> {
    let escape = || {
        anyhow!(
            "symlink {name:?} points outside the archive ({}); refusing the archive",
            target.display()
        )
    };
    let mut parts: Vec<&str> = name.split('/').collect();
    parts.pop();
    for c in target.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_str().ok_or_else(escape)?),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop().ok_or_else(escape)?;
            }
            Component::RootDir | Component::Prefix(_) => return Err(escape()),
        }
    }
    if parts.is_empty() {
        return Err(escape());
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Builds an in-memory tar from (name, content) pairs; content `None` with a target makes
    /// a symlink.
    pub(crate) fn tar_of(files: &[(&str, &[u8])], links: &[(&str, &str)]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        for (name, data) in files {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_entry_type(tar::EntryType::Regular);
            // set_path refuses `..`; write the raw name so hostile names can be tested.
            let raw = &mut h.as_old_mut().name;
            raw[..name.len()].copy_from_slice(name.as_bytes());
            h.set_cksum();
            b.append(&h, *data).unwrap();
        }
        for (name, target) in links {
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(tar::EntryType::Symlink);
            h.set_size(0);
            b.append_link(&mut h, name, target).unwrap();
        }
        b.into_inner().unwrap()
    }

    fn spool(data: Vec<u8>) -> Result<(Spool, tempfile::TempDir)> {
        let dir = tempfile::tempdir().unwrap();
        let s = Spool::read(std::io::Cursor::new(data), dir.path())?;
        Ok((s, dir))
    }

    #[test]
    fn spools_hashes_and_resolves_links() {
        let t = tar_of(
            &[("./manifest.json", b"[]"), ("abc.tar", b"layer")],
            &[
                ("dir/layer.tar", "../abc.tar"),
                ("again.tar", "dir/layer.tar"),
            ],
        );
        let (s, _d) = spool(t).unwrap();
        let f = s.file("again.tar").unwrap();
        assert_eq!(f.size, 5);
        assert_eq!(f.digest, Digest::of(b"layer"));
        assert!(s.contains("manifest.json"));
        assert_eq!(
            s.json::<Vec<u32>>("manifest.json").unwrap(),
            Vec::<u32>::new()
        );
        assert!(s
            .file("missing")
            .unwrap_err()
            .to_string()
            .contains("no member"));
    }

    #[test]
    fn gzip_archives_are_sniffed() {
        use std::io::Write;
        let t = tar_of(&[("index.json", b"{}")], &[]);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&t).unwrap();
        let (s, _d) = spool(gz.finish().unwrap()).unwrap();
        assert!(s.contains("index.json"));
    }

    #[test]
    fn hostile_names_are_refused() {
        let e = spool(tar_of(&[("../evil", b"x")], &[]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("not a safe relative name"), "{e}");
        let e = spool(tar_of(&[("/abs", b"x")], &[]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("not a safe relative name"), "{e}");
        let e = spool(tar_of(&[], &[("a", "../../etc/passwd")]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("points outside the archive"), "{e}");
        let e = spool(tar_of(&[], &[("a", "/etc/passwd")]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("points outside the archive"), "{e}");
        let (s, _d) = spool(tar_of(&[], &[("a", "b"), ("b", "a")])).unwrap();
        assert!(s.file("a").unwrap_err().to_string().contains("loop"));
        assert!(spool(b"not a tar at all, definitely not".repeat(20)).is_err());
    }
}
