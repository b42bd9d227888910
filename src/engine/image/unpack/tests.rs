//! Well-formed layers. The helpers are shared with `tests_hostile`. Everything here runs as an
//! unprivileged user outside any user namespace: single-id mode, no device nodes, no chown.
use super::{unpack, UnpackOptions, UnpackReport};
use anyhow::Result;
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Write;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use tar::{EntryType, Header};

pub(super) const MTIME: u64 = 1_600_000_000;

pub(super) fn single_id() -> UnpackOptions {
    UnpackOptions {
        single_id: true,
        uid_limit: 1,
        gid_limit: 1,
    }
}

/// Builds a layer tar in memory.
pub(super) struct Layer(tar::Builder<Vec<u8>>);

impl Layer {
    pub(super) fn new() -> Layer {
        Layer(tar::Builder::new(Vec::new()))
    }

    pub(super) fn header(kind: EntryType, mode: u32) -> Header {
        let mut h = Header::new_gnu();
        h.set_entry_type(kind);
        h.set_mode(mode);
        h.set_mtime(MTIME);
        h.set_uid(0);
        h.set_gid(0);
        h.set_size(0);
        h
    }

    pub(super) fn file(mut self, path: &str, data: &[u8], mode: u32) -> Layer {
        let mut h = Self::header(EntryType::Regular, mode);
        h.set_size(data.len() as u64);
        self.0.append_data(&mut h, path, data).unwrap();
        self
    }

    pub(super) fn dir(mut self, path: &str, mode: u32) -> Layer {
        let mut h = Self::header(EntryType::Directory, mode);
        self.0.append_data(&mut h, path, &[][..]).unwrap();
        self
    }

    pub(super) fn link(mut self, kind: EntryType, path: &str, target: &str) -> Layer {
        let mut h = Self::header(kind, 0o777);
        self.0.append_link(&mut h, path, target).unwrap();
        self
    }

    pub(super) fn symlink(self, path: &str, target: &str) -> Layer {
        self.link(EntryType::Symlink, path, target)
    }

    pub(super) fn hardlink(self, path: &str, target: &str) -> Layer {
        self.link(EntryType::Link, path, target)
    }

    pub(super) fn special(mut self, kind: EntryType, path: &str, mode: u32) -> Layer {
        let mut h = Self::header(kind, mode);
        self.0.append_data(&mut h, path, &[][..]).unwrap();
        self
    }

    /// An entry with names the tar crate refuses to write (`..`, absolute).
    pub(super) fn raw(mut self, kind: EntryType, name: &str, link: &str, data: &[u8]) -> Layer {
        let mut h = Self::header(kind, 0o644);
        h.set_size(data.len() as u64);
        let old = h.as_old_mut();
        old.name[..name.len()].copy_from_slice(name.as_bytes());
        old.linkname[..link.len()].copy_from_slice(link.as_bytes());
        h.set_cksum();
        self.0.append(&h, data).unwrap();
        self
    }

    /// A PAX extended header for the next entry.
    pub(super) fn pax(mut self, records: &[(&str, &str)]) -> Layer {
        let mut data = Vec::new();
        for (key, value) in records {
            let body = format!(" {key}={value}\n");
            let mut len = body.len() + 1;
            while format!("{len}").len() + body.len() != len {
                len += 1;
            }
            data.extend_from_slice(format!("{len}{body}").as_bytes());
        }
        let mut h = Self::header(EntryType::XHeader, 0o644);
        h.set_size(data.len() as u64);
        h.set_path("PaxHeaders/x").unwrap();
        h.set_cksum();
        self.0.append(&h, data.as_slice()).unwrap();
        self
    }

    pub(super) fn bytes(self) -> Vec<u8> {
        self.0.into_inner().unwrap()
    }
}

pub(super) fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

pub(super) fn sha256(data: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(data)))
}

/// `<tmp>/dest` is the layer directory; `<tmp>/outside` is where escapes would land.
pub(super) struct Scratch {
    tmp: tempfile::TempDir,
    pub(crate) dest: PathBuf,
    pub(crate) outside: PathBuf,
}

impl Scratch {
    pub(super) fn new() -> Scratch {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("dest");
        let outside = tmp.path().join("outside");
        fs::create_dir(&dest).unwrap();
        fs::create_dir(&outside).unwrap();
        Scratch { tmp, dest, outside }
    }

    pub(super) fn unpack(&self, layer: &[u8]) -> Result<UnpackReport> {
        unpack(layer, &self.dest, &single_id())
    }

    /// Unpacks, expecting an error that names `entry`, and nothing written outside `dest`.
    pub(super) fn refuse(&self, layer: &[u8], entry: &str, why: &str) -> String {
        let err = match self.unpack(layer) {
            Ok(report) => panic!("a layer with {entry:?} was accepted: {report:?}"),
            Err(e) => format!("{e:#}"),
        };
        assert!(
            err.contains(&format!("{entry:?}")),
            "{err:?} does not name {entry:?}"
        );
        assert!(err.contains(why), "{err:?} does not say {why:?}");
        assert!(!err.contains('\n'), "{err:?} is not one line");
        self.assert_contained();
        err
    }

    pub(super) fn assert_contained(&self) {
        let mut top: Vec<_> = names(self.tmp.path());
        top.sort();
        assert_eq!(
            top,
            ["dest", "outside"],
            "something was written next to dest"
        );
        assert_eq!(
            names(&self.outside),
            Vec::<String>::new(),
            "something escaped dest"
        );
    }
}

impl Drop for Scratch {
    /// Read-only directories from a layer would stop the temp dir's removal.
    fn drop(&mut self) {
        fn open_up(dir: &Path) {
            let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o755));
            for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
                if entry.file_type().is_ok_and(|t| t.is_dir()) {
                    open_up(&entry.path());
                }
            }
        }
        open_up(self.tmp.path());
    }
}

pub(super) fn names(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().mode() & 0o7777
}

fn long(c: char, n: usize) -> String {
    std::iter::repeat_n(c, n).collect()
}

fn normal_layer() -> Vec<u8> {
    let deep = format!("deep/{}/{}", long('x', 150), long('y', 120));
    Layer::new()
        .dir("./", 0o755)
        .dir("./etc/", 0o755)
        .file("./etc/hostname", b"skiff\n", 0o644)
        .file("./usr/bin/tool", b"#!/bin/sh\necho hi\n", 0o4755)
        .symlink("./etc/localtime", "/usr/share/zoneinfo/UTC")
        .symlink("bin", "usr/bin")
        .hardlink("./usr/bin/tool2", "./usr/bin/tool")
        .special(EntryType::Fifo, "run/fifo", 0o620)
        .file(&deep, b"long", 0o600)
        .hardlink("deep/short", &deep)
        .symlink("dangling", &format!("../../{}", long('z', 200)))
        .dir("ro/", 0o555)
        .file("ro/child", b"c", 0o444)
        .dir("ro/sub/", 0o500)
        .file("a/b/f", b"", 0o640)
        .dir("a/", 0o750)
        .pax(&[("path", "pax/named/file"), ("mtime", "1600000000.25")])
        .file("placeholder", b"pax", 0o644)
        .bytes()
}

#[test]
fn normal_layer_unpacks() {
    let s = Scratch::new();
    let layer = normal_layer();
    let report = s.unpack(&layer).unwrap();
    let d = &s.dest;
    assert_eq!(report.diff_id, sha256(&layer));
    assert_eq!(
        report.size,
        6 + 18 + 4 + 1 + 3,
        "hard links are not counted twice"
    );
    assert!(report.notes.is_empty(), "{:?}", report.notes);

    assert_eq!(fs::read(d.join("etc/hostname")).unwrap(), b"skiff\n");
    assert_eq!(mode(&d.join("etc/hostname")), 0o644);
    assert_eq!(mode(&d.join("usr/bin/tool")), 0o4755);
    assert_eq!(mode(&d.join("usr")), 0o755, "implicit parents are 0755");
    let tool = fs::metadata(d.join("usr/bin/tool")).unwrap();
    let tool2 = fs::metadata(d.join("usr/bin/tool2")).unwrap();
    assert_eq!((tool.ino(), tool.nlink()), (tool2.ino(), 2));
    assert_eq!(
        fs::read_link(d.join("etc/localtime")).unwrap(),
        Path::new("/usr/share/zoneinfo/UTC")
    );
    assert_eq!(fs::read_link(d.join("bin")).unwrap(), Path::new("usr/bin"));
    let long_target = fs::read_link(d.join("dangling")).unwrap();
    assert_eq!(long_target.as_os_str().len(), 206);
    assert!(fs::symlink_metadata(d.join("run/fifo"))
        .unwrap()
        .file_type()
        .is_fifo());
    assert_eq!(mode(&d.join("run/fifo")), 0o620);
    let deep = d.join(format!("deep/{}/{}", long('x', 150), long('y', 120)));
    assert_eq!(fs::read(&deep).unwrap(), b"long");
    assert_eq!(
        fs::metadata(d.join("deep/short")).unwrap().ino(),
        fs::metadata(&deep).unwrap().ino()
    );
    assert_eq!(mode(&d.join("ro")), 0o555);
    assert_eq!(mode(&d.join("ro/sub")), 0o500);
    assert_eq!(fs::read(d.join("ro/child")).unwrap(), b"c");
    assert_eq!(
        mode(&d.join("a")),
        0o750,
        "a directory entry after its children applies"
    );
    assert!(d.join("a/b/f").is_file());
    assert_eq!(fs::read(d.join("pax/named/file")).unwrap(), b"pax");
    assert!(!d.join("placeholder").exists());

    let mtime = |p: &str| {
        let m = fs::symlink_metadata(d.join(p)).unwrap();
        (m.mtime(), m.mtime_nsec())
    };
    let whole = (MTIME as i64, 0);
    assert_eq!(mtime("etc/hostname"), whole);
    assert_eq!(
        mtime("etc"),
        whole,
        "children must not disturb a directory's mtime"
    );
    assert_eq!(mtime("ro"), whole);
    assert_eq!(
        mtime("etc/localtime"),
        whole,
        "symlink times are set on the link"
    );
    assert_eq!(mtime("pax/named/file"), (MTIME as i64, 250_000_000));
}

#[test]
fn gzip_and_plain_give_the_diff_id_of_the_tar() {
    let layer = normal_layer();
    let plain = Scratch::new().unpack(&layer).unwrap();
    let zipped = Scratch::new().unpack(&gzip(&layer)).unwrap();
    assert_eq!(plain.diff_id, sha256(&layer));
    assert_eq!(zipped.diff_id, plain.diff_id);
    assert_eq!(zipped.size, plain.size);

    // Several gzip members (pigz, appended streams) form one stream.
    let (head, tail) = layer.split_at(layer.len() / 3);
    let multi = [gzip(head), gzip(tail)].concat();
    assert_eq!(
        Scratch::new().unpack(&multi).unwrap().diff_id,
        plain.diff_id
    );
}

#[test]
fn bytes_after_the_archive_count_in_the_diff_id() {
    let mut layer = Layer::new().file("f", b"data", 0o644).bytes();
    layer.extend_from_slice(&[0; 10240]);
    let report = Scratch::new().unpack(&layer).unwrap();
    assert_eq!(report.diff_id, sha256(&layer));
}

#[test]
fn empty_archive_is_an_empty_layer() {
    let s = Scratch::new();
    let layer = Layer::new().bytes();
    assert_eq!(s.unpack(&layer).unwrap().diff_id, sha256(&layer));
    assert!(names(&s.dest).is_empty());
}

#[test]
fn device_nodes_are_skipped_with_a_note() {
    let s = Scratch::new();
    let layer = Layer::new()
        .special(EntryType::Char, "dev/null", 0o666)
        .special(EntryType::Block, "dev/sda", 0o660)
        .hardlink("dev/null2", "dev/null")
        .bytes();
    let report = s.unpack(&layer).unwrap();
    assert!(report
        .notes
        .contains(&"skipped device node dev/null".to_string()));
    assert!(report
        .notes
        .contains(&"skipped device node dev/sda".to_string()));
    assert!(!s.dest.join("dev/null").exists() && !s.dest.join("dev/null2").exists());
}

#[test]
fn unrepresentable_owner_is_an_error() {
    let s = Scratch::new();
    let mut h = Layer::header(EntryType::Regular, 0o644);
    h.set_uid(70000);
    let mut b = tar::Builder::new(Vec::new());
    b.append_data(&mut h, "home/big", &[][..]).unwrap();
    let opts = UnpackOptions {
        single_id: false,
        uid_limit: 65536,
        gid_limit: 65536,
    };
    let err = format!(
        "{:#}",
        unpack(&b.into_inner().unwrap()[..], &s.dest, &opts).unwrap_err()
    );
    assert!(
        err.contains("\"home/big\"") && err.contains("uid 70000"),
        "{err}"
    );
    assert!(err.contains("/etc/subuid"), "{err}");
}

#[test]
fn destination_must_be_empty() {
    let s = Scratch::new();
    fs::write(s.dest.join("old"), b"").unwrap();
    let err = format!("{:#}", s.unpack(&Layer::new().bytes()).unwrap_err());
    assert!(err.contains("not empty"), "{err}");
}

#[test]
fn old_style_directories_end_in_a_slash() {
    let s = Scratch::new();
    let layer = Layer::new()
        .raw(EntryType::Regular, "olddir/", "", b"")
        .file("olddir/f", b"f", 0o644)
        .bytes();
    s.unpack(&layer).unwrap();
    assert!(s.dest.join("olddir").is_dir());
    assert_eq!(mode(&s.dest.join("olddir")), 0o644);
}

/// Outside a user namespace mknod(c 0 0) is EPERM; the error must then say where to run.
#[test]
fn whiteouts_become_char_0_0() {
    let s = Scratch::new();
    let layer = Layer::new()
        .file("etc/.wh.gone", b"", 0o644)
        .file(".wh.d", b"", 0o644)
        .file("d/new", b"n", 0o644)
        .bytes();
    match s.unpack(&layer) {
        Ok(_) => {
            let gone = fs::symlink_metadata(s.dest.join("etc/gone")).unwrap();
            assert!(gone.file_type().is_char_device() && gone.rdev() == 0);
            assert!(!s.dest.join("etc/.wh.gone").exists());
            assert!(
                s.dest.join("d").is_dir(),
                "this layer's d replaces its whiteout"
            );
            assert_eq!(opaque(&s.dest.join("d")).as_deref(), Some(&b"y"[..]));
        }
        Err(e) => {
            let err = format!("{e:#}");
            assert!(
                err.contains("\"etc/.wh.gone\"") && err.contains("user namespace"),
                "{err}"
            );
        }
    }
}

fn opaque(dir: &Path) -> Option<Vec<u8>> {
    let mut value = [0u8; 8];
    let n = rustix::fs::getxattr(dir, "user.overlay.opaque", &mut value).ok()?;
    Some(value[..n].to_vec())
}

/// Filesystems without user xattrs cannot hold overlay layers; that must be a clear error.
#[test]
fn opaque_markers_set_the_overlay_xattr() {
    let s = Scratch::new();
    let layer = Layer::new()
        .dir("var/", 0o755)
        .file("var/.wh..wh..opq", b"", 0o644)
        .file("new/.wh..wh..opq", b"", 0o644)
        .bytes();
    match s.unpack(&layer) {
        Ok(_) => {
            assert_eq!(opaque(&s.dest.join("var")).as_deref(), Some(&b"y"[..]));
            assert_eq!(opaque(&s.dest.join("new")).as_deref(), Some(&b"y"[..]));
            assert!(!s.dest.join("var/.wh..wh..opq").exists());
        }
        Err(e) => assert!(format!("{e:#}").contains("user xattrs"), "{e:#}"),
    }
}
