//! A read-only merged view of a stack of layer directories, for the few files skiff itself
//! reads out of an image (`/etc/passwd`, `/etc/group`).
//!
//! Layers are untrusted: joining a layer directory with an image path and calling `std::fs`
//! would follow the layer's symlinks on the host (`etc -> /home/alice` reads the host's
//! `/home/alice/passwd`). So a path is resolved here as overlayfs and the container would see
//! it: one component at a time, each a single-name `*at` call with no-follow flags on a
//! directory fd of a layer, whiteouts and opaque directories applied, and the image's own
//! symlinks followed *in the image's root* (an absolute target restarts at the root, `..` stops
//! there, as `openat2(RESOLVE_IN_ROOT)` does). Reads are bounded in size.
use anyhow::{anyhow, bail, Context, Result};
use rustix::fs::{
    fgetxattr, fstat, openat, readlinkat, statat, AtFlags, FileType, Mode, OFlags, CWD,
};
use rustix::io::Errno;
use std::fs::File;
use std::io::Read;
use std::os::fd::OwnedFd;
use std::path::PathBuf;

/// Symlinks followed in one resolution before giving up, as Linux's `MAXSYMLINKS`.
const MAX_LINKS: usize = 40;

const DIR_FLAGS: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC);

/// The opaque markers overlayfs reads: `user.` with `userxattr` (how skiff mounts and unpacks),
/// `trusted.` for layers made by a privileged tool.
const OPAQUE_XATTRS: [&str; 2] = ["user.overlay.opaque", "trusted.overlay.opaque"];

/// One directory of the merged view: its copies in the layers that contribute to it, top first;
/// the last one is either opaque or the lowest copy.
type Merged = Vec<OwnedFd>;

/// What a name resolves to in the merged view.
enum Found {
    Missing,
    Dir(Merged),
    Link(Vec<u8>),
    /// A regular file, as its layer's directory and its name (opened only if it is read).
    File(OwnedFd, Vec<u8>),
    /// A fifo, socket or device node.
    Other,
}

pub(crate) struct LayerView {
    /// The layer directories, top layer first.
    roots: Vec<OwnedFd>,
}

impl LayerView {
    /// The view of `layers` (bottom layer first, as `ResolvedImage::layers`). The layer paths
    /// themselves belong to the store, so they are opened as they are.
    pub(crate) fn open(layers: &[PathBuf]) -> Result<LayerView> {
        let roots = layers
            .iter()
            .rev()
            .map(|l| {
                openat(
                    CWD,
                    l,
                    DIR_FLAGS.difference(OFlags::NOFOLLOW),
                    Mode::empty(),
                )
                .with_context(|| format!("cannot open the layer directory {}", l.display()))
            })
            .collect::<Result<_>>()?;
        Ok(LayerView { roots })
    }

    /// The content of the regular file at `path` (absolute in the image), or `None` if nothing
    /// is there or it is not a regular file. A file larger than `max` bytes is an error.
    pub(crate) fn read(&self, path: &str, max: u64) -> Result<Option<Vec<u8>>> {
        let found = self
            .resolve(path)
            .with_context(|| format!("cannot resolve the image's {path}"))?;
        let (dir, name) = match found {
            Found::File(dir, name) => (dir, name),
            _ => return Ok(None),
        };
        let cannot = |e: Errno| anyhow!("cannot read the image's {path}: {e}");
        // NONBLOCK: should the entry have become a fifo since it was looked up, do not hang.
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::NOCTTY;
        let fd = openat(
            &dir,
            name.as_slice(),
            flags | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(cannot)?;
        let st = fstat(&fd).map_err(cannot)?;
        if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile {
            return Ok(None);
        }
        let too_big = || anyhow!("the image's {path} is larger than {}", show_size(max));
        if st.st_size as u64 > max {
            return Err(too_big());
        }
        let mut data = Vec::new();
        File::from(fd)
            .take(max + 1)
            .read_to_end(&mut data)
            .with_context(|| format!("cannot read the image's {path}"))?;
        if data.len() as u64 > max {
            return Err(too_big());
        }
        Ok(Some(data))
    }

    /// Resolves `path` from the root, following the image's symlinks inside it.
    fn resolve(&self, path: &str) -> Result<Found> {
        let root = self
            .roots
            .iter()
            .map(|fd| fd.try_clone())
            .collect::<std::io::Result<Merged>>()
            .context("cannot duplicate a layer directory descriptor")?;
        // The directories walked so far, root first: `..` goes back one, never past the root.
        let mut walked = vec![root];
        // Components still to resolve, the next one last.
        let mut todo = components(path.as_bytes());
        let mut links = 0;
        while let Some(name) = todo.pop() {
            match name.as_slice() {
                b"" | b"." => continue,
                b".." => {
                    if walked.len() > 1 {
                        walked.pop();
                    }
                    continue;
                }
                _ => {}
            }
            let here = walked.last().expect("the root is never popped");
            match lookup(here, &name)? {
                Found::Dir(d) => walked.push(d),
                Found::Link(target) => {
                    links += 1;
                    if links > MAX_LINKS {
                        bail!("too many levels of symbolic links");
                    }
                    if target.starts_with(b"/") {
                        walked.truncate(1);
                    }
                    todo.extend(components(&target));
                }
                // Anything but a directory ends the walk; with components left that is ENOTDIR.
                found if todo.is_empty() => return Ok(found),
                _ => return Ok(Found::Missing),
            }
        }
        Ok(Found::Dir(walked.pop().expect("the root is never popped")))
    }
}

/// `path` split at `/`, reversed so that the next component is popped first.
fn components(path: &[u8]) -> Vec<Vec<u8>> {
    path.split(|&b| b == b'/')
        .rev()
        .map(<[u8]>::to_vec)
        .collect()
}

/// Looks `name` up in the merged directory `dir` as overlayfs does: the topmost layer with an
/// entry decides; a whiteout hides the name; a directory merges with the directories of the
/// same name below it until an opaque one or any non-directory.
fn lookup(dir: &[OwnedFd], name: &[u8]) -> Result<Found> {
    let failed = |what: &str, e: Errno| {
        anyhow!(
            "cannot {what} {:?} in a layer of the image: {e}",
            String::from_utf8_lossy(name)
        )
    };
    let mut merged = Merged::new();
    for layer in dir {
        let st = match statat(layer, name, AtFlags::SYMLINK_NOFOLLOW) {
            Ok(st) => st,
            Err(Errno::NOENT) => continue,
            Err(e) => return Err(failed("look up", e)),
        };
        let kind = FileType::from_raw_mode(st.st_mode);
        if !merged.is_empty() && kind != FileType::Directory {
            break;
        }
        match kind {
            FileType::Directory => {
                let fd =
                    openat(layer, name, DIR_FLAGS, Mode::empty()).map_err(|e| failed("open", e))?;
                let opaque = is_opaque(&fd);
                merged.push(fd);
                if opaque {
                    break;
                }
            }
            FileType::CharacterDevice if st.st_rdev == 0 => return Ok(Found::Missing),
            FileType::Symlink => {
                let target = readlinkat(layer, name, Vec::new()).map_err(|e| failed("read", e))?;
                return Ok(Found::Link(target.into_bytes()));
            }
            FileType::RegularFile => {
                let parent = layer
                    .try_clone()
                    .context("cannot duplicate a layer directory descriptor")?;
                return Ok(Found::File(parent, name.to_vec()));
            }
            _ => return Ok(Found::Other),
        }
    }
    Ok(if merged.is_empty() {
        Found::Missing
    } else {
        Found::Dir(merged)
    })
}

/// Whether a layer's directory hides the copies below it (`*.overlay.opaque` = `y`).
fn is_opaque(dir: &OwnedFd) -> bool {
    OPAQUE_XATTRS.iter().any(|x| {
        let mut v = [0u8; 2];
        // ENODATA (unmarked), ENOTSUP, or ERANGE for a longer value: not opaque.
        matches!(fgetxattr(dir, *x, &mut v), Ok(1) if v[0] == b'y')
    })
}

fn show_size(n: u64) -> String {
    if n % (1 << 20) == 0 {
        format!("{} MiB", n >> 20)
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests;
