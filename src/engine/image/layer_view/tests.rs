//! Layer stacks built in a temp dir as skiff's unpack leaves them (whiteouts as char 0/0,
//! opaque dirs as `user.overlay.opaque=y`), and a "host" directory beside them that no lookup
//! may reach.
use super::*;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

const MAX: u64 = 4 << 20;

struct Stack {
    tmp: tempfile::TempDir,
    layers: Vec<PathBuf>,
}

impl Stack {
    /// `n` empty layers, and `host/` holding a passwd the image must never see.
    fn new(n: usize) -> Stack {
        let tmp = tempfile::tempdir().unwrap();
        let layers: Vec<PathBuf> = (0..n).map(|i| tmp.path().join(format!("l{i}"))).collect();
        for l in &layers {
            fs::create_dir(l).unwrap();
        }
        fs::create_dir(tmp.path().join("host")).unwrap();
        fs::write(tmp.path().join("host/passwd"), "host\n").unwrap();
        Stack { tmp, layers }
    }
    fn host(&self) -> String {
        self.tmp.path().join("host").to_str().unwrap().to_string()
    }
    /// `rel` in layer `i` (bottom is 0).
    fn at(&self, i: usize, rel: &str) -> PathBuf {
        let p = self.layers[i].join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        p
    }
    fn file(&self, i: usize, rel: &str, data: &str) -> &Self {
        fs::write(self.at(i, rel), data).unwrap();
        self
    }
    fn dir(&self, i: usize, rel: &str) -> &Self {
        fs::create_dir_all(self.at(i, rel)).unwrap();
        self
    }
    fn link(&self, i: usize, rel: &str, target: &str) -> &Self {
        symlink(target, self.at(i, rel)).unwrap();
        self
    }
    fn read(&self, path: &str) -> Result<Option<String>> {
        let v = LayerView::open(&self.layers)?.read(path, MAX)?;
        Ok(v.map(|b| String::from_utf8(b).unwrap()))
    }
    fn text(&self, path: &str) -> Option<String> {
        self.read(path).unwrap()
    }
}

/// A whiteout (char 0/0) at `p`: mknod needs a user namespace unless root, so it is made by
/// `unshare -r mknod` then. False where neither works (the caller skips).
fn whiteout(p: &Path) -> bool {
    let dev = rustix::fs::makedev(0, 0);
    let made = rustix::fs::mknodat(CWD, p, FileType::CharacterDevice, Mode::empty(), dev);
    made.is_ok()
        || std::process::Command::new("unshare")
            .args(["-r", "mknod"])
            .arg(p)
            .args(["c", "0", "0"])
            .status()
            .is_ok_and(|s| s.success())
}

/// Marks `p` opaque; false where the file system has no user xattrs (the caller skips).
fn opaque(p: &Path) -> bool {
    let flags = rustix::fs::XattrFlags::empty();
    rustix::fs::setxattr(p, "user.overlay.opaque", b"y", flags).is_ok()
}

#[test]
fn the_topmost_copy_wins_and_directories_merge() {
    let s = Stack::new(3);
    s.file(0, "etc/passwd", "bottom\n")
        .file(0, "etc/group", "bottom group\n")
        .file(2, "etc/passwd", "top\n")
        .dir(1, "etc");
    assert_eq!(s.text("/etc/passwd").as_deref(), Some("top\n"));
    assert_eq!(s.text("/etc/group").as_deref(), Some("bottom group\n"));
    assert_eq!(s.text("etc//./group").as_deref(), Some("bottom group\n"));
    assert_eq!(s.text("/etc/shadow"), None);
    assert_eq!(s.text("/etc"), None, "a directory is not a file");
    assert_eq!(s.text("/etc/passwd/"), None, "a file is not a directory");
}

#[test]
fn a_non_directory_above_hides_the_directory_below() {
    let s = Stack::new(2);
    s.file(0, "etc/passwd", "bottom\n")
        .file(1, "etc", "a file\n");
    assert_eq!(s.text("/etc/passwd"), None);
    // And a directory above a lower file is not merged with anything.
    let s = Stack::new(2);
    s.file(0, "etc", "a file\n").file(1, "etc/group", "top\n");
    assert_eq!(s.text("/etc/group").as_deref(), Some("top\n"));
}

#[test]
fn whiteouts_hide_the_entry_and_everything_below() {
    let s = Stack::new(3);
    s.file(0, "etc/passwd", "bottom\n")
        .file(0, "etc/group", "bottom group\n")
        .file(0, "opt/x/f", "f\n")
        .dir(2, "etc");
    if !whiteout(&s.at(1, "etc/passwd")) || !whiteout(&s.at(1, "opt")) {
        // Not as an unprivileged user: the integration test `hostile_links` covers whiteouts
        // in the layer view as one.
        return;
    }
    assert_eq!(s.text("/etc/passwd"), None);
    assert_eq!(s.text("/etc/group").as_deref(), Some("bottom group\n"));
    assert_eq!(s.text("/opt/x/f"), None);
    // A file above the whiteout is seen again.
    s.file(2, "etc/passwd", "top\n");
    assert_eq!(s.text("/etc/passwd").as_deref(), Some("top\n"));
}

#[test]
fn an_opaque_directory_hides_the_copies_below() {
    let s = Stack::new(3);
    s.file(0, "etc/passwd", "bottom\n")
        .file(0, "etc/group", "bottom group\n")
        .file(1, "etc/group", "middle group\n")
        .dir(2, "etc");
    if !opaque(&s.at(1, "etc")) {
        // No user xattrs on this file system: `hostile_links` covers opaque dirs end to end.
        return;
    }
    assert_eq!(s.text("/etc/passwd"), None);
    assert_eq!(s.text("/etc/group").as_deref(), Some("middle group\n"));
}

#[test]
fn symlink_chains_resolve_across_layers() {
    let s = Stack::new(3);
    s.file(0, "real/passwd", "real\n")
        .link(0, "hop", "/real")
        .link(2, "etc", "hop")
        .link(1, "real/group", "../real/passwd");
    assert_eq!(s.text("/etc/passwd").as_deref(), Some("real\n"));
    assert_eq!(s.text("/etc/group").as_deref(), Some("real\n"));
    // `..` after a symlink climbs from where the link led, as the kernel does.
    s.file(0, "sibling", "sibling\n");
    assert_eq!(s.text("/etc/../sibling").as_deref(), Some("sibling\n"));
}

#[test]
fn absolute_symlinks_restart_at_the_image_root() {
    let s = Stack::new(2);
    s.dir(0, "etc").link(1, "etc", &s.host());
    assert_eq!(s.text("/etc/passwd"), None, "the host's file was read");
    // The same target inside the image is what the container sees.
    s.file(0, &format!("{}/passwd", &s.host()[1..]), "inside\n");
    assert_eq!(s.text("/etc/passwd").as_deref(), Some("inside\n"));
}

#[test]
fn dotdot_never_climbs_above_the_root() {
    let s = Stack::new(1);
    let up = "../".repeat(32);
    let host = s.host();
    s.link(0, "etc", &format!("{up}{}", &host[1..])).link(
        0,
        "a/b/up",
        &format!("{up}{}", &host[1..]),
    );
    assert_eq!(s.text("/etc/passwd"), None, "the host's file was read");
    assert_eq!(s.text("/a/b/up/passwd"), None, "the host's file was read");
    assert_eq!(s.text(&format!("/../../{host}/passwd")), None);
    s.file(0, &format!("{}/passwd", &host[1..]), "inside\n");
    assert_eq!(s.text("/etc/passwd").as_deref(), Some("inside\n"));
    assert_eq!(s.text("/a/b/up/passwd").as_deref(), Some("inside\n"));
}

#[test]
fn a_final_symlink_to_a_host_file_is_not_followed() {
    let s = Stack::new(1);
    s.link(0, "etc/passwd", &format!("{}/passwd", s.host()));
    assert_eq!(s.text("/etc/passwd"), None);
}

#[test]
fn symlink_loops_are_an_error() {
    let s = Stack::new(2);
    s.link(0, "a", "b").link(1, "b", "/a").link(1, "etc", "a");
    let err = format!("{:#}", s.read("/etc/passwd").unwrap_err());
    assert!(err.contains("too many levels of symbolic links"), "{err}");
    assert!(err.contains("/etc/passwd"), "{err}");
    // 40 links are fine, 41 are not.
    let s = Stack::new(1);
    s.file(0, "l0", "end\n");
    for i in 1..=41 {
        s.link(0, &format!("l{i}"), &format!("l{}", i - 1));
    }
    assert_eq!(s.text("/l40").as_deref(), Some("end\n"));
    assert!(s.read("/l41").is_err());
}

#[test]
fn reads_are_bounded() {
    let s = Stack::new(1);
    let f = fs::File::create(s.at(0, "etc/passwd")).unwrap();
    f.set_len(MAX + 1).unwrap();
    let err = s.read("/etc/passwd").unwrap_err().to_string();
    assert_eq!(err, "the image's /etc/passwd is larger than 4 MiB");
    f.set_len(MAX).unwrap();
    assert_eq!(s.read("/etc/passwd").unwrap().unwrap().len() as u64, MAX);
}

#[test]
fn special_files_are_not_read() {
    let s = Stack::new(1);
    let fifo = s.at(0, "etc/passwd");
    rustix::fs::mknodat(CWD, &fifo, FileType::Fifo, Mode::from_raw_mode(0o644), 0).unwrap();
    assert_eq!(s.text("/etc/passwd"), None);
}

#[test]
fn a_missing_layer_directory_is_an_error() {
    let s = Stack::new(1);
    let mut layers = s.layers.clone();
    layers.push(s.tmp.path().join("gone"));
    let err = LayerView::open(&layers).err().unwrap().to_string();
    assert!(err.contains("gone"), "{err}");
}
