//! Tar archives made from overlay directories, the inverse of `unpack`: a container's upper dir
//! as an OCI layer (`commit`: overlay whiteouts become `.wh.` entries, opaque directories get a
//! `.wh..wh..opq`), or the merged file system of a stack of layers (`export`, `commit --squash`:
//! whiteouts applied, nothing of them left).
//!
//! Runs inside skiff's user namespace, where `stat` shows owners as the container sees them
//! (the user is 0, subordinate ids are 1..), which is what the tar records. Every object is
//! reached with no-follow `*at` calls on directory fds: a symlink is archived as a symlink,
//! never followed (a container's `etc -> /etc` cannot make skiff archive the host's files).
use super::merged::{self, Found};
use super::walk::{self, Visitor};
use crate::engine::spec::userns::UserNs;
use crate::runtime::userns::IdMap;
use anyhow::{anyhow, Context, Result};
use rustix::fs::{openat, readlinkat, FileType, Mode, OFlags, Stat};
use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use tar::{EntryType, Header};

/// The OCI whiteout prefix and the opaque-directory marker.
const WHITEOUT: &str = ".wh.";
const OPAQUE: &str = ".wh..wh..opq";

/// Packs `upper` as a layer tar into `out` (returned when done). `stubs` are the container's
/// mount points (absolute paths): an empty file or directory there is what the runtime made to
/// mount on, not a change of the container's, and is left out (Docker keeps those in an init
/// layer that commits never include).
/// For a container with a user namespace of its own, `ids` are its maps, and the archive
/// records its ids.
pub(crate) fn pack_layer_as<W: Write>(
    upper: &std::path::Path,
    stubs: &HashSet<String>,
    ids: Option<&(Vec<IdMap>, Vec<IdMap>)>,
    out: W,
) -> Result<W> {
    pack_layer_with(upper, stubs, ids, None, out)
}

/// What a reproducible build does to mtimes: `--timestamp` sets them all, `SOURCE_DATE_EPOCH`
/// clamps the later ones (seconds since the epoch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stamp {
    Set(u64),
    Clamp(u64),
}

impl Stamp {
    pub(crate) fn apply(self, mtime: u64) -> u64 {
        match self {
            Stamp::Set(t) => t,
            Stamp::Clamp(t) => mtime.min(t),
        }
    }
}

/// `pack_layer_as` with every mtime as `stamp` says.
pub(crate) fn pack_layer_stamped<W: Write>(
    upper: &std::path::Path,
    stubs: &HashSet<String>,
    out: W,
    stamp: Option<Stamp>,
) -> Result<W> {
    pack_layer_with(upper, stubs, None, stamp, out)
}

fn pack_layer_with<W: Write>(
    upper: &std::path::Path,
    stubs: &HashSet<String>,
    ids: Option<&(Vec<IdMap>, Vec<IdMap>)>,
    stamp: Option<Stamp>,
    out: W,
) -> Result<W> {
    let roots = merged::open_roots(&[upper.to_path_buf()])?;
    let mut p = Packer::new(out, false);
    p.stubs = stubs.clone();
    p.ids = ids.cloned();
    p.stamp = stamp;
    walk::walk(&mut p, roots)?;
    p.finish()
}

/// Packs the merged file system of `layers` (top first) into `out` (returned when done).
pub(crate) fn pack_merged<W: Write>(layers: &[PathBuf], out: W) -> Result<W> {
    pack_merged_with(layers, None, None, out)
}

/// `pack_merged` with a container's maps (see `pack_layer_as`).
pub(crate) fn pack_merged_as<W: Write>(
    layers: &[PathBuf],
    ids: Option<&(Vec<IdMap>, Vec<IdMap>)>,
    out: W,
) -> Result<W> {
    pack_merged_with(layers, ids, None, out)
}

/// `pack_merged` with every mtime as `stamp` says.
pub(crate) fn pack_merged_stamped<W: Write>(
    layers: &[PathBuf],
    out: W,
    stamp: Option<Stamp>,
) -> Result<W> {
    pack_merged_with(layers, None, stamp, out)
}

/// The layers `layers` (top first) as one layer over the layers below them (`build --squash`):
/// their merged tree, where a name they delete stays a whiteout and a directory that hides the
/// lower copies (opaque, or over something else in these layers) gets the opaque marker.
pub(crate) fn pack_squashed<W: Write>(
    layers: &[PathBuf],
    out: W,
    stamp: Option<Stamp>,
) -> Result<W> {
    let roots = merged::open_roots(layers)?;
    let mut p = Packer::new(out, true);
    p.keep_whiteouts = true;
    p.stamp = stamp;
    walk::walk(&mut p, roots)?;
    p.finish()
}

fn pack_merged_with<W: Write>(
    layers: &[PathBuf],
    ids: Option<&(Vec<IdMap>, Vec<IdMap>)>,
    stamp: Option<Stamp>,
    out: W,
) -> Result<W> {
    let roots = merged::open_roots(layers)?;
    let mut p = Packer::new(out, true);
    p.ids = ids.cloned();
    p.stamp = stamp;
    walk::walk(&mut p, roots)?;
    p.finish()
}

/// Packs one object of a plain directory tree for `cp`: `name` in `dir` (a file, a symlink, or a
/// directory with everything below it), named `top` in the archive, or, with `top` None, a
/// directory's contents under their own names. Nothing is followed, and nothing is read as an
/// overlay whiteout (a char device 0/0 here is a device).
pub(crate) fn pack_tree<W: Write>(
    dir: BorrowedFd<'_>,
    name: &[u8],
    top: Option<&str>,
    ids: Option<(&[IdMap], &[IdMap])>,
    out: W,
) -> Result<W> {
    let mut p = Packer::new(out, false);
    p.plain = true;
    p.ids = ids.map(|(u, g)| (u.to_vec(), g.to_vec()));
    let st = merged::lstat(dir, name)?
        .ok_or_else(|| anyhow!("{} was removed while it was copied", merged::show(name)))?;
    if let Some(t) = top {
        p.entry(dir, name, &st, t)?;
    }
    if FileType::from_raw_mode(st.st_mode) == FileType::Directory {
        p.root = top.unwrap_or_default().trim_end_matches('/').to_string();
        walk::walk(&mut p, vec![merged::open_dir(dir, name)?])?;
    }
    p.finish()
}

/// Packs the merged tree whose root copies are `stack` (top first, as `merged::lookup` gives a
/// directory's): a volume's copy-up of the image's content at its mount point.
pub(crate) fn pack_stack<W: Write>(stack: merged::Stack, out: W) -> Result<W> {
    let mut p = Packer::new(out, true);
    walk::walk(&mut p, stack)?;
    p.finish()
}

struct Packer<W: Write> {
    tar: tar::Builder<W>,
    /// A plain tree (`cp`): every entry as it is, below `root` in the archive.
    plain: bool,
    /// A container's user namespace maps (container ids to skiff's): the archive records the
    /// container's ids (65534, nobody, for one it does not map).
    ids: Option<(Vec<IdMap>, Vec<IdMap>)>,
    root: String,
    /// Files with more than one link already archived, by (dev, inode): later ones are links.
    links: HashMap<(u64, u64), Vec<u8>>,
    /// Mount points to leave out when empty (`pack_layer`).
    stubs: HashSet<String>,
    /// The merged view of a stack (`pack_merged`), or one upper dir's own entries.
    merged: bool,
    /// With `merged`: the stack is some layers over others (`pack_squashed`), so whiteouts and
    /// opaque directories stay.
    keep_whiteouts: bool,
    stamp: Option<Stamp>,
}

impl<W: Write> Packer<W> {
    fn new(out: W, merged: bool) -> Self {
        let mut tar = tar::Builder::new(out);
        tar.follow_symlinks(false);
        Packer {
            tar,
            links: HashMap::new(),
            plain: false,
            ids: None,
            root: String::new(),
            stubs: HashSet::new(),
            merged,
            keep_whiteouts: false,
            stamp: None,
        }
    }

    /// `st`'s header, its mtime stamped.
    fn header(&self, st: &Stat, kind: EntryType) -> Header {
        let mut h = header(st, kind);
        if let Some(s) = self.stamp {
            h.set_mtime(s.apply(st.st_mtime.max(0) as u64));
        }
        h
    }

    fn finish(self) -> Result<W> {
        self.tar
            .into_inner()
            .context("cannot finish the tar archive")
    }

    /// `header` (stamped), with the owners as the container sees them when it has maps.
    fn head(&self, st: &Stat, kind: EntryType) -> Header {
        let mut h = self.header(st, kind);
        if let Some((uids, gids)) = &self.ids {
            let inner = |maps: &[IdMap], id: u32| UserNs::inner(maps, id).unwrap_or(65534);
            h.set_uid(inner(uids, st.st_uid).into());
            h.set_gid(inner(gids, st.st_gid).into());
        }
        h
    }

    /// An entry with no content (whiteouts, the opaque marker), owned as `like`.
    fn plain(&mut self, like: &Stat, path: &str, kind: EntryType, mode: u32) -> Result<()> {
        let mut h = self.header(like, kind);
        h.set_mode(mode);
        h.set_size(0);
        self.tar
            .append_data(&mut h, path, io::empty())
            .with_context(|| format!("cannot add {path} to the archive"))
    }

    /// The object `name` of `dir` (metadata `st`) as `path` in the archive.
    fn entry(&mut self, dir: BorrowedFd<'_>, name: &[u8], st: &Stat, path: &str) -> Result<()> {
        let cannot = |e: rustix::io::Errno| anyhow!("cannot read {path}: {e}");
        let path_os = OsStr::from_bytes(path.as_bytes());
        match FileType::from_raw_mode(st.st_mode) {
            FileType::Directory => {
                let mut h = self.head(st, EntryType::Directory);
                self.tar
                    .append_data(&mut h, format!("{path}/"), io::empty())?;
            }
            FileType::Symlink => {
                let target = readlinkat(dir, name, Vec::new()).map_err(cannot)?;
                let mut h = self.head(st, EntryType::Symlink);
                // The tar crate rewrites a link name it is given as a path (`/` came out as
                // `//`): a target that fits the header goes in byte for byte.
                if target.as_bytes().len() <= 100 {
                    h.set_link_name_literal(target.as_bytes())?;
                    self.tar.append_data(&mut h, path_os, io::empty())?;
                } else {
                    let target = OsStr::from_bytes(target.as_bytes());
                    self.tar.append_link(&mut h, path_os, target)?;
                }
            }
            FileType::RegularFile => {
                let key = (st.st_dev, st.st_ino);
                if st.st_nlink > 1 {
                    if let Some(first) = self.links.get(&key) {
                        let mut h = self.head(st, EntryType::Link);
                        h.set_size(0);
                        let first = OsStr::from_bytes(first).to_os_string();
                        self.tar.append_link(&mut h, path_os, first)?;
                        return Ok(());
                    }
                    self.links.insert(key, path.as_bytes().to_vec());
                }
                let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::NOCTTY;
                let fd =
                    openat(dir, name, flags | OFlags::CLOEXEC, Mode::empty()).map_err(cannot)?;
                let pax = xattrs(&fd);
                if !pax.is_empty() {
                    let records = pax.iter().map(|(k, v)| (k.as_str(), v.as_slice()));
                    self.tar.append_pax_extensions(records)?;
                }
                let size = st.st_size as u64;
                let mut h = self.head(st, EntryType::Regular);
                h.set_size(size);
                // A running container may change the file meanwhile: exactly `size` bytes
                // go in, zeros after an early end, so the archive stays well formed.
                let data = std::fs::File::from(fd)
                    .take(size)
                    .chain(io::repeat(0))
                    .take(size);
                self.tar
                    .append_data(&mut h, path_os, data)
                    .with_context(|| format!("cannot add {path} to the archive"))?;
            }
            kind @ (FileType::CharacterDevice | FileType::BlockDevice | FileType::Fifo) => {
                let et = match kind {
                    FileType::CharacterDevice => EntryType::Char,
                    FileType::BlockDevice => EntryType::Block,
                    _ => EntryType::Fifo,
                };
                let mut h = self.head(st, et);
                h.set_device_major(rustix::fs::major(st.st_rdev))?;
                h.set_device_minor(rustix::fs::minor(st.st_rdev))?;
                self.tar.append_data(&mut h, path_os, io::empty())?;
            }
            // Sockets cannot be archived (Docker skips them too).
            _ => {}
        }
        Ok(())
    }
}

impl<W: Write> Visitor for Packer<W> {
    fn names(&self, dirs: &[OwnedFd]) -> Result<Vec<Vec<u8>>> {
        let dirs = if self.merged { dirs } else { &dirs[..1] };
        Ok(merged::names(dirs)?.into_iter().collect())
    }

    fn visit(
        &mut self,
        dirs: &[OwnedFd],
        name: &[u8],
        prefix: &str,
    ) -> Result<Option<Vec<OwnedFd>>> {
        if self.plain {
            let path = match (self.root.as_str(), prefix) {
                ("", p) => join(p, name),
                (r, "") => join(r, name),
                (r, p) => join(&format!("{r}/{p}"), name),
            };
            let Some(st) = merged::lstat(dirs[0].as_fd(), name)? else {
                return Ok(None); // removed while we read (a running container)
            };
            self.entry(dirs[0].as_fd(), name, &st, &path)?;
            if FileType::from_raw_mode(st.st_mode) != FileType::Directory {
                return Ok(None);
            }
            return Ok(Some(vec![merged::open_dir(dirs[0].as_fd(), name)?]));
        }
        let path = join(prefix, name);
        if self.keep_whiteouts {
            if let Some(st) = merged::top_whiteout(dirs, name)? {
                let wh = join(
                    prefix,
                    format!("{WHITEOUT}{}", merged::show(name)).as_bytes(),
                );
                self.plain(&st, &wh, EntryType::Regular, 0o600)?;
                return Ok(None);
            }
        }
        if self.merged {
            return Ok(match merged::lookup(dirs, name)? {
                Found::Missing => None,
                Found::Dir(st, sub) => {
                    self.entry(dirs[0].as_fd(), name, &st, &path)?;
                    if self.keep_whiteouts && merged::hides_below(dirs, name, &sub)? {
                        let opq = format!("{path}/{OPAQUE}");
                        self.plain(&st, &opq, EntryType::Regular, 0o600)?;
                    }
                    Some(sub)
                }
                Found::Other(layer, st) => {
                    self.entry(dirs[layer].as_fd(), name, &st, &path)?;
                    None
                }
            });
        }
        self.layer_entry(dirs[0].as_fd(), name, &path)
    }

    fn descend(&self, dirs: &[OwnedFd], name: &[u8]) -> Result<Option<Vec<OwnedFd>>> {
        if self.merged {
            return Ok(match merged::lookup(dirs, name)? {
                Found::Dir(_, sub) => Some(sub),
                _ => None,
            });
        }
        Ok(Some(vec![merged::open_dir(dirs[0].as_fd(), name)?]))
    }
}

impl<W: Write> Packer<W> {
    /// One entry of an upper dir: a whiteout becomes `.wh.NAME`, an opaque directory gets its
    /// `.wh..wh..opq` right after its own entry. Returns the directory to walk into.
    fn layer_entry(
        &mut self,
        dir: BorrowedFd<'_>,
        name: &[u8],
        path: &str,
    ) -> Result<Option<Vec<OwnedFd>>> {
        let Some(st) = merged::lstat(dir, name)? else {
            return Ok(None); // removed while we read (a running container)
        };
        if self.stubs.contains(&format!("/{path}")) && merged::is_empty(dir, name, &st)? {
            return Ok(None);
        }
        if merged::is_whiteout(dir, name, &st) {
            let base = path.rsplit_once('/').map_or("", |(d, _)| d);
            let wh = join(base, format!("{WHITEOUT}{}", merged::show(name)).as_bytes());
            self.plain(&st, &wh, EntryType::Regular, 0o600)?;
            return Ok(None);
        }
        self.entry(dir, name, &st, path)?;
        if FileType::from_raw_mode(st.st_mode) != FileType::Directory {
            return Ok(None);
        }
        let sub = merged::open_dir(dir, name)?;
        if merged::is_opaque(&sub) {
            let opq = format!("{path}/{OPAQUE}");
            self.plain(&st, &opq, EntryType::Regular, 0o600)?;
        }
        Ok(Some(vec![sub]))
    }
}

/// The xattrs of a regular file that a layer carries, as `SCHILY.xattr.` PAX records: file
/// capabilities (`setcap` in a container) and `user.*`, but never `user.overlay.*`, which are
/// overlayfs's own bookkeeping and would read as whiteouts when the layer is mounted.
fn xattrs(fd: &rustix::fd::OwnedFd) -> Vec<(String, Vec<u8>)> {
    let mut names = vec![0u8; 4096];
    let Ok(n) = rustix::fs::flistxattr(fd, &mut names[..]) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for name in names[..n].split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let name = String::from_utf8_lossy(name).into_owned();
        let keep = name == "security.capability"
            || (name.starts_with("user.") && !name.starts_with("user.overlay."));
        let mut value = vec![0u8; 4096];
        if let (true, Ok(len)) = (keep, rustix::fs::fgetxattr(fd, &name, &mut value[..])) {
            value.truncate(len);
            out.push((format!("SCHILY.xattr.{name}"), value));
        }
    }
    out
}

/// A GNU header (long names as GNU extensions) with `st`'s mode, owners and mtime.
fn header(st: &Stat, kind: EntryType) -> Header {
    let mut h = Header::new_gnu();
    h.set_entry_type(kind);
    h.set_mode(st.st_mode & 0o7777);
    h.set_uid(u64::from(st.st_uid));
    h.set_gid(u64::from(st.st_gid));
    h.set_mtime(st.st_mtime.max(0) as u64);
    h.set_size(0);
    h
}

fn join(prefix: &str, name: &[u8]) -> String {
    let name = merged::show(name);
    if prefix.is_empty() {
        name
    } else {
        format!("{prefix}/{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_tar_has_files_links_and_whiteout_names() {
        let d = tempfile::tempdir().unwrap();
        let up = d.path();
        std::fs::create_dir(up.join("etc")).unwrap();
        std::fs::write(up.join("etc/a"), b"hello").unwrap();
        std::fs::hard_link(up.join("etc/a"), up.join("etc/b")).unwrap();
        std::os::unix::fs::symlink("/etc", up.join("hostile")).unwrap();
        let out = pack_layer_as(up, &HashSet::new(), None, Vec::new()).unwrap();
        let mut ar = tar::Archive::new(&out[..]);
        let mut seen = Vec::new();
        for e in ar.entries().unwrap() {
            let mut e = e.unwrap();
            let p = e.path().unwrap().to_string_lossy().to_string();
            let kind = e.header().entry_type();
            if p == "etc/a" {
                let mut s = String::new();
                e.read_to_string(&mut s).unwrap();
                assert_eq!(s, "hello");
            }
            if p == "hostile" {
                assert_eq!(kind, EntryType::Symlink);
                assert_eq!(e.link_name().unwrap().unwrap().to_str(), Some("/etc"));
            }
            if p == "etc/b" {
                assert_eq!(kind, EntryType::Link);
            }
            seen.push(p);
        }
        assert_eq!(seen, ["etc/", "etc/a", "etc/b", "hostile"]);
    }

    #[test]
    fn user_xattrs_go_in_and_overlay_ones_stay_out() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("f");
        std::fs::write(&f, b"x").unwrap();
        let set = |k: &str| rustix::fs::setxattr(&f, k, b"v", rustix::fs::XattrFlags::empty());
        // The temp dir's file system must take user xattrs (ext4, xfs, tmpfs do): a test that
        // skipped where it cannot run would pass without checking anything.
        set("user.keep").unwrap();
        set("user.overlay.origin").unwrap();
        let out = pack_layer_as(d.path(), &HashSet::new(), None, Vec::new()).unwrap();
        let mut ar = tar::Archive::new(&out[..]);
        let mut e = ar.entries().unwrap().next().unwrap().unwrap();
        let keys: Vec<String> = e
            .pax_extensions()
            .unwrap()
            .unwrap()
            .map(|x| x.unwrap().key().unwrap().to_string())
            .collect();
        assert_eq!(keys, ["SCHILY.xattr.user.keep"]);
    }

    /// Makes `d`×`depth` below `top` (relative to each level: deeper than PATH_MAX is fine)
    /// and writes `file` at the bottom.
    fn nest(top: &std::path::Path, depth: usize, file: &str) {
        let flags = OFlags::RDONLY | OFlags::DIRECTORY;
        let mut cur = openat(rustix::fs::CWD, top, flags, Mode::empty()).unwrap();
        for _ in 0..depth {
            let _ = rustix::fs::mkdirat(&cur, "d", Mode::from_raw_mode(0o755));
            cur = openat(&cur, "d", flags, Mode::empty()).unwrap();
        }
        let f = openat(
            &cur,
            file,
            OFlags::WRONLY | OFlags::CREATE,
            Mode::from_raw_mode(0o644),
        );
        drop(f.unwrap());
    }

    #[test]
    fn deep_trees_merge_whole_past_the_descriptor_budget() {
        let d = tempfile::tempdir().unwrap();
        let (up, low) = (d.path().join("up"), d.path().join("low"));
        std::fs::create_dir(&up).unwrap();
        std::fs::create_dir(&low).unwrap();
        // The lower layer's copies end at 200: coming back up from 201 opens them again by
        // name, and the upper's through `..`.
        nest(&low, 200, "x");
        nest(&up, 300, "y");
        let out = pack_merged(&[up.clone(), low.clone()], Vec::new()).unwrap();
        let mut ar = tar::Archive::new(&out[..]);
        let names: Vec<String> = ar
            .entries()
            .unwrap()
            .map(|e| e.unwrap().path().unwrap().to_string_lossy().into_owned())
            .collect();
        let dirs = names.iter().filter(|n| n.ends_with("d/")).count();
        assert_eq!(dirs, 300);
        let x = format!("{}x", "d/".repeat(200));
        let y = format!("{}y", "d/".repeat(300));
        assert!(names.contains(&x) && names.contains(&y), "{x} and {y}");
        let x_at = names.iter().position(|n| *n == x).unwrap();
        let below = format!("{}d/", "d/".repeat(200));
        assert!(
            names[x_at - 1].starts_with(&below),
            "x after the subtree before it"
        );
        let out = pack_layer_as(&up, &HashSet::new(), None, Vec::new()).unwrap();
        let n = tar::Archive::new(&out[..]).entries().unwrap().count();
        assert_eq!(n, 301);
    }
}
