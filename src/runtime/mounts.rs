//! Mounting with the new mount API (fsopen/fsmount/open_tree/move_mount), always onto file
//! descriptors opened inside the container root with `RESOLVE_IN_ROOT`, so that no symlink in an
//! image can point a mount, or a mount point's creation, outside the rootfs.
use anyhow::{anyhow, bail, Context, Result};
use oci_spec::runtime::Mount;
use rustix::fd::{AsFd, BorrowedFd, OwnedFd};
use rustix::fs::{Mode, OFlags, ResolveFlags, CWD};
use rustix::io::Errno;
use rustix::mount::{
    fsconfig_create, fsconfig_set_flag, fsconfig_set_string, fsmount, fsopen, move_mount,
    open_tree, FsMountFlags, FsOpenFlags, MountAttrFlags, MoveMountFlags, OpenTreeFlags,
};
use std::path::Path;

/// `openat2`, again when the kernel says EAGAIN: a lookup that resolves `..` with
/// RESOLVE_IN_ROOT or RESOLVE_BENEATH fails so when any rename or mount happened anywhere
/// during it, which a busy machine (other containers starting) makes common.
pub(crate) fn openat2_retry<Fd: AsFd>(
    dir: Fd,
    path: &str,
    flags: OFlags,
    mode: Mode,
    how: ResolveFlags,
) -> rustix::io::Result<OwnedFd> {
    let mut tries = 0;
    loop {
        match rustix::fs::openat2(dir.as_fd(), path, flags, mode, how) {
            Err(Errno::AGAIN) if tries < 100 => tries += 1,
            other => return other,
        }
    }
}

/// Opens `rel` inside `root` (resolved as if `root` were `/`), `O_PATH`. `Ok(None)` if missing.
pub(crate) fn open_in_root(root: BorrowedFd, rel: &str) -> Result<Option<OwnedFd>> {
    let rel = rel.trim_start_matches('/');
    let rel = if rel.is_empty() { "." } else { rel };
    match openat2_retry(
        root,
        rel,
        OFlags::PATH | OFlags::CLOEXEC,
        Mode::empty(),
        ResolveFlags::IN_ROOT | ResolveFlags::NO_MAGICLINKS,
    ) {
        Ok(fd) => Ok(Some(fd)),
        Err(Errno::NOENT) => Ok(None),
        Err(e) => Err(anyhow::Error::from(std::io::Error::from(e)))
            .with_context(|| format!("cannot open /{rel} in the container")),
    }
}

/// Opens `rel` inside `root`, creating it (and its parents, as directories) when missing: a
/// directory when `dir`, else an empty file. Every step resolves inside the root; a dangling
/// symlink on the way is created at its target inside the root, as runc's MkdirAll does.
pub(crate) fn mountpoint(root: BorrowedFd, rel: &str, dir: bool) -> Result<OwnedFd> {
    mountpoint_at_depth(root, rel, dir, 0)
}

fn mountpoint_at_depth(root: BorrowedFd, rel: &str, dir: bool, links: u32) -> Result<OwnedFd> {
    if let Some(fd) = open_in_root(root, rel)? {
        return Ok(fd);
    }
    let rel = rel.trim_matches('/');
    let (parent, name) = match rel.rsplit_once('/') {
        Some((p, n)) => (p, n),
        None => ("", rel),
    };
    let pfd = mountpoint_at_depth(root, parent, true, links)?;
    // O_PATH fds cannot be used with mkdirat/openat creation; reopen the parent for real.
    let pdir = rustix::fs::openat(
        &pfd,
        ".",
        OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .with_context(|| format!("cannot open /{parent} in the container"))?;
    let made = if dir {
        rustix::fs::mkdirat(&pdir, name, Mode::from_raw_mode(0o755))
    } else {
        rustix::fs::openat(
            &pdir,
            name,
            OFlags::CREATE | OFlags::EXCL | OFlags::WRONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o644),
        )
        .map(drop)
    };
    match made {
        Ok(()) => {}
        // A dangling symlink: make what it names (inside the root; `open_in_root` keeps an
        // absolute or `..` target there), bounded like the kernel's MAXSYMLINKS.
        Err(Errno::EXIST) if links < 40 => {
            if let Ok(target) = rustix::fs::readlinkat(&pdir, name, Vec::new()) {
                let target = target.to_string_lossy().into_owned();
                let next = match target.starts_with('/') {
                    true => target,
                    false => format!("{parent}/{target}"),
                };
                mountpoint_at_depth(root, &next, dir, links + 1)?;
            }
        }
        Err(Errno::EXIST) => {}
        Err(e) => {
            return Err(anyhow::Error::from(std::io::Error::from(e)))
                .with_context(|| format!("cannot create mount point /{rel} in the container"))
        }
    }
    open_in_root(root, rel)?.ok_or_else(|| anyhow!("mount point /{rel} vanished"))
}

/// Makes a detached mount of a new filesystem instance.
pub(crate) fn new_fs(
    fstype: &str,
    source: &str,
    data: &[String],
    attrs: MountAttrFlags,
) -> Result<OwnedFd> {
    let fs =
        fsopen(fstype, FsOpenFlags::FSOPEN_CLOEXEC).with_context(|| format!("fsopen {fstype}"))?;
    fsconfig_set_string(&fs, "source", source).ok();
    for opt in data {
        let r = match opt.split_once('=') {
            Some((k, v)) => fsconfig_set_string(&fs, k, v),
            None => fsconfig_set_flag(&fs, opt.as_str()),
        };
        r.with_context(|| format!("{fstype} option {opt}"))?;
    }
    fsconfig_create(&fs).with_context(|| format!("cannot create {fstype} filesystem"))?;
    fsmount(&fs, FsMountFlags::FSMOUNT_CLOEXEC, attrs).with_context(|| format!("fsmount {fstype}"))
}

/// A detached copy of the mount tree at `src` (a bind mount not yet attached).
pub(crate) fn clone_tree(dir: BorrowedFd, src: &str, recursive: bool) -> Result<OwnedFd> {
    let mut fl = OpenTreeFlags::OPEN_TREE_CLONE | OpenTreeFlags::OPEN_TREE_CLOEXEC;
    if recursive {
        fl |= OpenTreeFlags::AT_RECURSIVE;
    }
    if src.is_empty() {
        fl |= OpenTreeFlags::AT_EMPTY_PATH;
    }
    open_tree(dir, src, fl).with_context(|| format!("cannot bind {src}"))
}

/// `mount_setattr`: sets (and clears) mount attributes, on the whole tree when `recursive`.
/// Adding restrictions is always allowed; locked flags inherited from the host stay.
pub(crate) fn set_attrs(
    mnt: BorrowedFd,
    set: MountAttrFlags,
    clear: MountAttrFlags,
    recursive: bool,
) -> Result<()> {
    #[repr(C)]
    struct MountAttr {
        attr_set: u64,
        attr_clr: u64,
        propagation: u64,
        userns_fd: u64,
    }
    let attr = MountAttr {
        attr_set: set.bits() as u64,
        attr_clr: clear.bits() as u64,
        propagation: 0,
        userns_fd: 0,
    };
    let mut flags = libc::AT_EMPTY_PATH as libc::c_uint;
    if recursive {
        flags |= libc::AT_RECURSIVE as libc::c_uint;
    }
    // SAFETY: mount_setattr reads `attr` (valid, correctly sized) and the empty C string.
    let r = unsafe {
        libc::syscall(
            libc::SYS_mount_setattr,
            std::os::fd::AsRawFd::as_raw_fd(&mnt),
            c"".as_ptr(),
            flags,
            &attr as *const MountAttr,
            std::mem::size_of::<MountAttr>(),
        )
    };
    if r < 0 {
        return Err(std::io::Error::last_os_error()).context("mount_setattr");
    }
    Ok(())
}

/// Attaches a detached mount onto an open mount point.
pub(crate) fn attach(mnt: BorrowedFd, target: BorrowedFd) -> Result<()> {
    move_mount(
        mnt,
        "",
        target,
        "",
        MoveMountFlags::MOVE_MOUNT_F_EMPTY_PATH | MoveMountFlags::MOVE_MOUNT_T_EMPTY_PATH,
    )
    .context("move_mount")
}

/// Mounts the container's overlay at `target`: `lowers` bottom first, with `userxattr` (without
/// it, renaming or deleting a lower directory fails with EIO in a user namespace).
pub(crate) fn overlay(
    lowers: &[std::path::PathBuf],
    upper: &Path,
    work: &Path,
    target: &Path,
) -> Result<()> {
    let mnt = overlay_detached(lowers, upper, work)?;
    move_mount(
        &mnt,
        "",
        CWD,
        target,
        MoveMountFlags::MOVE_MOUNT_F_EMPTY_PATH,
    )
    .context("cannot attach the overlay")?;
    Ok(())
}

/// The container's overlay as a detached mount (its root directory's descriptor), attached
/// nowhere: `cp` into a stopped container works through it and it goes away with the
/// descriptor. The caller's mount namespace must belong to its user namespace.
pub(crate) fn overlay_detached(
    lowers: &[std::path::PathBuf],
    upper: &Path,
    work: &Path,
) -> Result<OwnedFd> {
    if lowers.is_empty() {
        bail!("the image has no layers");
    }
    let fs = fsopen("overlay", FsOpenFlags::FSOPEN_CLOEXEC).context("fsopen overlay")?;
    fsconfig_set_string(&fs, "source", "overlay").ok();
    for l in lowers.iter().rev() {
        fsconfig_set_string(&fs, "lowerdir+", l.as_path())
            .with_context(|| format!("overlay lower layer {}", l.display()))?;
    }
    fsconfig_set_string(&fs, "upperdir", upper).context("overlay upperdir")?;
    fsconfig_set_string(&fs, "workdir", work).context("overlay workdir")?;
    fsconfig_set_flag(&fs, "userxattr")
        .context("overlay userxattr (kernel 5.11 or newer needed)")?;
    fsconfig_create(&fs).map_err(|e| {
        anyhow!("cannot mount the container's overlay filesystem: {e} (the store must be on a filesystem with user xattrs, such as ext4 or xfs)")
    })?;
    fsmount(&fs, FsMountFlags::FSMOUNT_CLOEXEC, MountAttrFlags::empty()).context("fsmount overlay")
}

/// The mount attributes and filesystem data of an OCI mount's options.
pub(crate) struct Opts {
    pub(crate) attrs: MountAttrFlags,
    pub(crate) data: Vec<String>,
    pub(crate) bind: bool,
    pub(crate) recursive: bool,
}

pub(crate) fn parse_opts(options: Option<&Vec<String>>) -> Opts {
    let mut o = Opts {
        attrs: MountAttrFlags::empty(),
        data: Vec::new(),
        bind: false,
        recursive: false,
    };
    for opt in options.into_iter().flatten() {
        match opt.as_str() {
            "ro" => o.attrs |= MountAttrFlags::MOUNT_ATTR_RDONLY,
            "rw" | "private" | "rprivate" | "slave" | "rslave" | "shared" | "rshared"
            | "defaults" => {}
            "nosuid" => o.attrs |= MountAttrFlags::MOUNT_ATTR_NOSUID,
            "nodev" => o.attrs |= MountAttrFlags::MOUNT_ATTR_NODEV,
            "noexec" => o.attrs |= MountAttrFlags::MOUNT_ATTR_NOEXEC,
            "noatime" => o.attrs |= MountAttrFlags::MOUNT_ATTR_NOATIME,
            "strictatime" => o.attrs |= MountAttrFlags::MOUNT_ATTR_STRICTATIME,
            "relatime" => o.attrs |= MountAttrFlags::MOUNT_ATTR_RELATIME,
            "bind" => o.bind = true,
            "rbind" => {
                o.bind = true;
                o.recursive = true
            }
            other => o.data.push(other.to_string()),
        }
    }
    o
}

/// Performs one OCI mount inside the container root.
pub(crate) fn mount_one(root: BorrowedFd, m: &Mount) -> Result<()> {
    let dest = m.destination().to_string_lossy().to_string();
    let o = parse_opts(m.options().as_ref());
    let typ = m.typ().as_deref().unwrap_or("bind");
    let src = m
        .source()
        .as_ref()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let mnt = if o.bind || typ == "bind" {
        let is_dir = std::fs::metadata(&src)
            .with_context(|| format!("bind source {src}"))?
            .is_dir();
        let t = mountpoint(root, &dest, is_dir)?;
        super::binds::not_the_root(root, t.as_fd(), &dest)?;
        let mnt = clone_tree(CWD, &src, o.recursive)?;
        if !o.attrs.is_empty() {
            set_attrs(mnt.as_fd(), o.attrs, MountAttrFlags::empty(), true)?;
        }
        attach(mnt.as_fd(), t.as_fd()).with_context(|| format!("cannot mount {src} on {dest}"))?;
        return Ok(());
    } else {
        new_fs(typ, &src, &o.data, o.attrs)
            .with_context(|| format!("cannot mount {typ} on {dest}"))?
    };
    let t = mountpoint(root, &dest, true)?;
    super::binds::not_the_root(root, t.as_fd(), &dest)?;
    attach(mnt.as_fd(), t.as_fd()).with_context(|| format!("cannot mount {typ} on {dest}"))
}

/// The devices every container gets, bound from the host (mknod is not allowed rootless).
const DEVICES: [&str; 6] = ["null", "zero", "full", "random", "urandom", "tty"];

/// Fills a fresh tmpfs /dev: device binds and the standard symlinks.
pub(crate) fn populate_dev(root: BorrowedFd) -> Result<()> {
    for d in DEVICES {
        let t = mountpoint(root, &format!("dev/{d}"), false)?;
        let mnt = clone_tree(CWD, &format!("/dev/{d}"), false)?;
        attach(mnt.as_fd(), t.as_fd()).with_context(|| format!("cannot bind /dev/{d}"))?;
    }
    let dev = open_in_root(root, "dev")?.context("/dev is missing")?;
    let dev = rustix::fs::openat(
        &dev,
        ".",
        OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    for (name, target) in [
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
        ("ptmx", "pts/ptmx"),
        ("core", "/proc/kcore"),
    ] {
        match rustix::fs::symlinkat(target, &dev, name) {
            Ok(()) | Err(Errno::EXIST) => {}
            Err(e) => bail!("cannot create /dev/{name}: {e}"),
        }
    }
    Ok(())
}

/// Masks paths (Docker's list): directories get an empty read-only tmpfs, files /dev/null.
pub(crate) fn mask(root: BorrowedFd, paths: &[String]) -> Result<()> {
    for p in paths {
        let Some(fd) = open_in_root(root, p)? else {
            continue;
        };
        let is_dir = rustix::fs::fstat(&fd)
            .map(|s| rustix::fs::FileType::from_raw_mode(s.st_mode).is_dir())?;
        let mnt = if is_dir {
            new_fs("tmpfs", "tmpfs", &[], MountAttrFlags::MOUNT_ATTR_RDONLY)?
        } else {
            clone_tree(CWD, "/dev/null", false)?
        };
        attach(mnt.as_fd(), fd.as_fd()).with_context(|| format!("cannot mask {p}"))?;
    }
    Ok(())
}

/// Makes paths read-only (Docker's list, e.g. /proc/sys) by re-binding them onto themselves.
pub(crate) fn read_only(root: BorrowedFd, paths: &[String]) -> Result<()> {
    for p in paths {
        let Some(fd) = open_in_root(root, p)? else {
            continue;
        };
        let mnt = clone_tree(fd.as_fd(), "", true)?;
        set_attrs(
            mnt.as_fd(),
            MountAttrFlags::MOUNT_ATTR_RDONLY
                | MountAttrFlags::MOUNT_ATTR_NOSUID
                | MountAttrFlags::MOUNT_ATTR_NODEV,
            MountAttrFlags::empty(),
            true,
        )?;
        attach(mnt.as_fd(), fd.as_fd()).with_context(|| format!("cannot make {p} read-only"))?;
    }
    Ok(())
}

/// pivot_root the runc way: no put-old directory is needed in the image.
pub(crate) fn pivot(root: BorrowedFd) -> Result<()> {
    rustix::process::fchdir(root).context("chdir to the rootfs")?;
    rustix::process::pivot_root(".", ".").context("pivot_root")?;
    nix::mount::mount(
        None::<&str>,
        ".",
        None::<&str>,
        nix::mount::MsFlags::MS_SLAVE | nix::mount::MsFlags::MS_REC,
        None::<&str>,
    )
    .context("make the old root a slave")?;
    nix::mount::umount2(".", nix::mount::MntFlags::MNT_DETACH).context("detach the old root")?;
    std::env::set_current_dir("/").context("chdir /")?;
    Ok(())
}
