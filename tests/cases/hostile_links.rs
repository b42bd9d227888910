//! Images whose symlinks point at the host (`etc -> /some/host/dir`) load fine: a symlink is
//! legal in a layer. What matters is that skiff, reading files of the image for the container
//! (`/etc/passwd` and `/etc/group` for HOME, the uid and the groups) or creating its working
//! directory, resolves them inside the image as the container would see them, never on the
//! host. The host directory here is one the test user can read and write, holding a passwd and
//! a group with markers that must never show up.
use crate::support::image::{busybox_layer, Image, Layer, Tar, PATH_ENV};
use crate::support::Env;
use serde_json::json;
use std::path::{Path, PathBuf};

const MARKER: &str = "MARKER";

/// An isolated store and a host directory with a marked passwd and group.
fn setup() -> (Env, PathBuf) {
    let env = Env::isolated();
    let host = env.root.join("hostdir");
    std::fs::create_dir(&host).expect("host dir");
    std::fs::write(
        host.join("passwd"),
        format!(
            "root:x:0:0:root:/{MARKER}-home:/bin/sh\n\
             marker:x:4242:4242:marker:/{MARKER}-marker:/bin/sh\n"
        ),
    )
    .expect("host passwd");
    std::fs::write(
        host.join("group"),
        "root:x:0:\nmarkergroup:x:4343:root,marker\n",
    )
    .expect("host group");
    (env, host)
}

/// busybox plus a layer with `link -> host` and, when `copy`, the image's own directory at the
/// same path (so the link resolves inside the container) with a passwd and a group of its own.
fn load(env: &Env, name: &str, link: &str, host: &Path, copy: bool, workdir: &str) {
    let mut t = Tar::new();
    t.symlink(link, host.to_str().expect("utf-8 path"));
    if copy {
        let inside = host.to_str().unwrap().trim_start_matches('/');
        t.file(
            &format!("{inside}/passwd"),
            0o644,
            b"root:x:0:0:root:/home/in-image:/bin/sh\n",
        );
        t.file(&format!("{inside}/group"), 0o644, b"root:x:0:\n");
    }
    let mut config = json!({ "Env": [PATH_ENV], "Cmd": ["sh"] });
    if !workdir.is_empty() {
        config["WorkingDir"] = json!(workdir);
    }
    let layers = vec![busybox_layer(), Layer::gzip(t.finish())];
    let path = env.root.join("img.tar");
    Image::with_config(name, layers, config).write_oci(&path);
    env.load(&path);
}

/// The names in `dir` (nothing may be created in the host directory).
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("list the host dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn passwd_and_group_behind_a_host_symlink_are_not_read_at_create() {
    let (env, host) = setup();
    load(&env, "hostlink:latest", "etc", &host, false, "");
    let name = crate::unique_name("hostlink");
    env.skiff(["create", "--name", &name, "hostlink"]).ok();
    let out = env.skiff(["inspect", &name]);
    assert!(!out.ok().contains(MARKER), "{}", out.dump());
    let out = env.skiff(["inspect", "-f", "{{json .Config.Env}}", &name]);
    let list: Vec<String> = serde_json::from_str(out.ok().trim()).expect("a JSON list");
    assert!(
        list.iter().any(|e| e == "HOME=/root"),
        "no passwd in the image: root's HOME is /root\n{}",
        out.dump()
    );
    // The host's group file is not consulted either.
    let out = env.skiff(["create", "--user", "0:markergroup", "hostlink"]);
    out.engine_error(&["unable to find group markergroup"]);
    let out = env.skiff(["create", "--user", "marker", "hostlink"]);
    out.engine_error(&["unable to find user marker"]);
}

#[test]
fn run_reads_the_images_own_passwd_where_its_symlink_leads_inside() {
    let (env, host) = setup();
    load(&env, "hostcopy:latest", "etc", &host, true, "");
    let out = env.skiff(["run", "--rm", "hostcopy", "sh", "-c", "env; id -G"]);
    let text = out.ok();
    assert!(!text.contains(MARKER), "{}", out.dump());
    assert!(
        text.lines().any(|l| l == "HOME=/home/in-image"),
        "HOME comes from the passwd the container sees\n{}",
        out.dump()
    );
    assert_eq!(
        text.lines().last(),
        Some("0"),
        "no supplementary group from the host's group file\n{}",
        out.dump()
    );
    let out = env.skiff(["run", "--rm", "-u", "root:markergroup", "hostcopy", "true"]);
    out.engine_error(&["unable to find group markergroup"]);
}

#[test]
fn working_dir_behind_a_host_symlink_is_not_created_on_the_host() {
    let (env, host) = setup();
    let before = listing(&host);
    // The link leads to a directory of the image: the working directory is made there.
    load(&env, "wdcopy:latest", "etc", &host, true, "/etc/sub");
    let out = env.skiff(["run", "--rm", "wdcopy", "pwd"]);
    let inside = format!("{}/sub\n", host.display());
    assert_eq!(out.ok(), inside, "{}", out.dump());
    // The link leads nowhere in the image: as with Docker (runc's MkdirAll), the directory is
    // made where the link points, inside the container's root; the host is left alone.
    load(&env, "wdlink:latest", "work", &host, false, "/work/sub");
    let out = env.skiff(["run", "--rm", "wdlink", "pwd"]);
    assert_eq!(out.ok(), inside, "{}", out.dump());
    assert_eq!(listing(&host), before, "{}", out.dump());
}

/// The layer view applies the layers as overlayfs does (the unit tests of whiteouts and opaque
/// directories need a char 0/0 node and user xattrs, which an unprivileged user cannot make on
/// the host; unpacking does, inside the user namespace).
#[test]
fn whiteouts_and_opaque_dirs_hide_lower_passwd_entries() {
    let env = Env::isolated();
    let ghost = b"root:x:0:0:root:/root:/bin/sh\nghost:x:4444:4444:g:/ghosthome:/bin/sh\n";
    let root_only = b"root:x:0:0:root:/root:/bin/sh\n";
    let tops: [(&str, Option<Vec<u8>>); 3] = [
        ("visible", None),
        ("whited", Some(Tar::new().whiteout("etc/passwd").finish())),
        (
            "opaque",
            Some(
                Tar::new()
                    .opaque("etc")
                    .file("etc/passwd", 0o644, root_only)
                    .finish(),
            ),
        ),
    ];
    for (name, top) in tops {
        let lower = Tar::new().file("etc/passwd", 0o644, ghost).finish();
        let mut layers = vec![busybox_layer(), Layer::gzip(lower)];
        layers.extend(top.map(Layer::gzip));
        let config = json!({ "Env": [PATH_ENV], "Cmd": ["true"] });
        let path = env.root.join(format!("{name}.tar"));
        Image::with_config(&format!("{name}:latest"), layers, config).write_oci(&path);
        env.load(&path);
        let out = env.skiff(["create", "--user", "ghost", name]);
        match name {
            // The control: the lower layer's entry is found when nothing hides it.
            "visible" => {
                out.ok();
            }
            _ => out.engine_error(&["unable to find user ghost"]),
        }
    }
}
