//! Layer handling on overlayfs: changing lower files and directories inside a container, and OCI
//! whiteouts and opaque directories in images.
use crate::shared;
use crate::support::image::{busybox_layer, usr_bin_applet, Image, Layer, Tar};

/// busybox plus three layers:
/// 1. `/data/{a,b,c}`, `/opq/{x,y}`, `/gone/f`, `/keep/k`
/// 2. whiteouts for `/data/a`, `/data/c` and the directory `/gone`; `/opq` made opaque with a new
///    `/opq/z`; a new `/keep/new`
/// 3. `/data/a` again, with new content
pub fn layered_image() -> Image {
    let mut l1 = Tar::new();
    l1.dir("data", 0o755)
        .file("data/a", 0o644, b"a1\n")
        .file("data/b", 0o644, b"b1\n")
        .file("data/c", 0o644, b"c1\n");
    l1.dir("opq", 0o755)
        .file("opq/x", 0o644, b"x\n")
        .file("opq/y", 0o644, b"y\n");
    l1.dir("gone", 0o755).file("gone/f", 0o644, b"f\n");
    l1.dir("keep", 0o755).file("keep/k", 0o644, b"k\n");
    let mut l2 = Tar::new();
    l2.dir("data", 0o755).whiteout("data/a").whiteout("data/c");
    l2.whiteout("gone");
    l2.dir("opq", 0o755)
        .opaque("opq")
        .file("opq/z", 0o644, b"z\n");
    l2.dir("keep", 0o755).file("keep/new", 0o644, b"new\n");
    let mut l3 = Tar::new();
    l3.dir("data", 0o755).file("data/a", 0o644, b"again\n");
    Image::new(
        "layered:latest",
        vec![
            busybox_layer(),
            Layer::gzip(l1.finish()),
            Layer::plain(l2.finish()),
            Layer::gzip(l3.finish()),
        ],
        &["sh"],
    )
}

#[test]
fn whiteouts_and_opaque_dirs_show_exactly_the_top_view() {
    let out = shared().skiff([
        "run", "--rm", "layered", "sh", "-c",
        "echo data: $(ls -A /data); cat /data/a; echo opq: $(ls -A /opq); echo keep: $(ls -A /keep); \
         test -e /gone && echo gone: present; echo wh: $(find / -xdev -name '.wh.*' | wc -l)",
    ]);
    assert_eq!(
        out.ok(),
        "data: a b\nagain\nopq: z\nkeep: k new\nwh: 0\n",
        "{}",
        out.dump()
    );
}

#[test]
fn deleting_and_renaming_lower_files_and_directories_works() {
    let env = shared();
    let applet = usr_bin_applet();
    // /bin/sh and /bin/busybox stay; everything touched is a lower-layer file or directory.
    let script = format!(
        "set -e
         rm /var/www/index.html; test ! -e /var/www/index.html
         rm -r /usr/sbin; test ! -e /usr/sbin
         mv /usr/bin /usr/bin2; test ! -e /usr/bin; test -L /usr/bin2/{applet}
         mv /etc/group /etc/group.moved; test ! -e /etc/group; grep -q www-data /etc/group.moved
         mv /home /home2; test -d /home2
         rm -rf /var/www; mkdir /var/www; test -z \"$(ls -A /var/www)\"
         mkdir /usr/bin; echo new > /usr/bin/new; cat /usr/bin/new"
    );
    let out = env.skiff(["run", "--rm", "busybox", "sh", "-c", &script]);
    assert_eq!(out.ok(), "new\n", "{}", out.dump());
    // The image is untouched: a new container sees every lower file again.
    let check = format!(
        "test -f /var/www/index.html && test -d /usr/sbin && test -L /usr/bin/{applet} && test -f /etc/group \
         && test -d /home && test ! -e /usr/bin2 && echo intact"
    );
    let out = env.skiff(["run", "--rm", "busybox", "sh", "-c", &check]);
    assert_eq!(out.ok(), "intact\n", "{}", out.dump());
}

#[test]
fn changes_stay_in_the_containers_upper_dir() {
    let env = shared();
    let name = crate::unique_name("upper");
    env.skiff([
        "run",
        "--name",
        &name,
        "busybox",
        "sh",
        "-c",
        "echo changed > /var/www/index.html && rm /etc/group",
    ])
    .ok();
    let id = env.container_id(&name);
    let upper = env.store().join("containers").join(&id).join("upper");
    let changed = std::fs::read_to_string(upper.join("var/www/index.html"))
        .expect("copied-up file in upper/");
    assert_eq!(changed, "changed\n");
    let wh = std::fs::symlink_metadata(upper.join("etc/group")).expect("whiteout in upper/");
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    assert!(
        wh.file_type().is_char_device() && wh.rdev() == 0,
        "a deleted lower file is a 0/0 char device in upper/"
    );
    env.skiff(["rm", &name]).ok();
}
