//! The content digests of context files, remembered across builds (BuildKit's idea): a file
//! whose device, inode, size, mtime and ctime are those it had when it was hashed is not read
//! again. ctime cannot be set by a user, so a file rewritten with its old size and mtime is
//! still hashed anew. Kept in `build-cache/file-sums-v1` (records of fixed size, written
//! atomically when a build hashed something new); a damaged file is an empty cache.
//!
//! A file changed within the clock tick it was hashed in could keep every stamp (git's "racy"
//! case): digests of files whose ctime is under two seconds old are used but never saved.
use crate::store::Paths;
use anyhow::{Context, Result};
use sha2::{Digest as _, Sha256};
use std::cell::RefCell;
use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

const FILE: &str = "file-sums-v1";
/// dev, ino, size, mtime ns, ctime ns (u64 each), then the sha256.
const RECORD: usize = 5 * 8 + 32;
/// Entries kept beyond this build's: older ones are dropped past this many.
const MAX_KEPT: usize = 200_000;

type Stamp = [u64; 5];

struct Sums {
    file: PathBuf,
    known: HashMap<Stamp, [u8; 32]>,
    /// Hashed (or found) by this build.
    used: HashMap<Stamp, [u8; 32]>,
    dirty: bool,
}

thread_local! {
    static SUMS: RefCell<Option<Sums>> = const { RefCell::new(None) };
}

/// The cache in use for a build, saved when dropped (if it learnt anything).
pub(crate) struct Scope;

impl Scope {
    pub(crate) fn enter(paths: &Paths) -> Scope {
        let file = paths.build_cache().join(FILE);
        let known = std::fs::read(&file).map(|b| parse(&b)).unwrap_or_default();
        SUMS.with(|s| {
            *s.borrow_mut() = Some(Sums {
                file,
                known,
                used: HashMap::new(),
                dirty: false,
            })
        });
        Scope
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        if let Some(s) = SUMS.with(|s| s.borrow_mut().take()) {
            if s.dirty {
                // Best effort: the next build hashes again what could not be saved.
                let _ = save(s);
            }
        }
    }
}

fn parse(bytes: &[u8]) -> HashMap<Stamp, [u8; 32]> {
    let mut out = HashMap::with_capacity(bytes.len() / RECORD);
    for r in bytes.chunks_exact(RECORD) {
        let mut stamp = [0u64; 5];
        for (i, v) in stamp.iter_mut().enumerate() {
            *v = u64::from_le_bytes(r[i * 8..i * 8 + 8].try_into().unwrap_or_default());
        }
        let mut sum = [0u8; 32];
        sum.copy_from_slice(&r[40..]);
        out.insert(stamp, sum);
    }
    out
}

fn save(s: Sums) -> Result<()> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let settled = |st: &Stamp| st[4].saturating_add(2_000_000_000) < now;
    let mut all = s.used;
    if all.len() < MAX_KEPT {
        for (k, v) in s.known {
            if all.len() >= MAX_KEPT {
                break;
            }
            all.entry(k).or_insert(v);
        }
    }
    let mut bytes = Vec::with_capacity(all.len() * RECORD);
    for (k, v) in all.iter().filter(|(k, _)| settled(k)) {
        for x in k {
            bytes.extend_from_slice(&x.to_le_bytes());
        }
        bytes.extend_from_slice(v);
    }
    if bytes.is_empty() {
        return Ok(());
    }
    let dir = s.file.parent().context("the build cache has no parent")?;
    crate::store::mkdir_private(dir)?;
    let tmp = dir.join(crate::store::tmp_name());
    std::fs::write(&tmp, &bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, &s.file).with_context(|| format!("cannot write {}", s.file.display()))
}

fn stamp(md: &std::fs::Metadata) -> Stamp {
    let ns = |s: i64, n: i64| (s.max(0) as u64).saturating_mul(1_000_000_000) + n.max(0) as u64;
    [
        md.dev(),
        md.ino(),
        md.size(),
        ns(md.mtime(), md.mtime_nsec()),
        ns(md.ctime(), md.ctime_nsec()),
    ]
}

/// The sha256 of file `p`'s content: remembered when its stamp is unchanged, else read.
pub(crate) fn file_sum(p: &Path) -> Result<[u8; 32]> {
    let cannot = || format!("cannot read {}", p.display());
    let before = std::fs::symlink_metadata(p).with_context(cannot)?;
    let key = stamp(&before);
    let found = SUMS.with(|s| {
        let mut s = s.borrow_mut();
        let s = s.as_mut()?;
        let sum = *s.known.get(&key).or_else(|| s.used.get(&key))?;
        s.used.insert(key, sum);
        Some(sum)
    });
    if let Some(sum) = found {
        return Ok(sum);
    }
    let mut f = std::fs::File::open(p).with_context(cannot)?;
    let mut h = Sha256::new();
    std::io::copy(&mut f, &mut h).with_context(cannot)?;
    let sum: [u8; 32] = h.finalize().into();
    // Remembered only if the file did not change while it was read.
    let after = f.metadata().with_context(cannot)?;
    if stamp(&after) == key {
        SUMS.with(|s| {
            if let Some(s) = s.borrow_mut().as_mut() {
                s.used.insert(key, sum);
                s.dirty = true;
            }
        });
    }
    Ok(sum)
}
