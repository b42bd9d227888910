//! Hostile layers: each is rejected at `load` with an error naming the entry, exit 125, and
//! nothing is written outside the store (a canary directory on the host, which the user and so
//! the unpacker inside the user namespace could write, stays exactly as it was). Afterwards the
//! store still lists the good image and runs it.
use crate::isolated_with_busybox;
use crate::support::image::{busybox_layer, Image, Layer, Tar};
use crate::support::{parse_table, Env, Out};
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

struct Case {
    env: Env,
    canary: PathBuf,
}

impl Case {
    fn new() -> Case {
        let env = isolated_with_busybox();
        let canary = env.root.join("canary");
        std::fs::create_dir_all(canary.join("sub")).expect("canary");
        std::fs::write(canary.join("file"), "original\n").expect("canary file");
        Case { env, canary }
    }
    /// The canary's absolute path without the leading `/`, for names that lead into it.
    fn canary_rel(&self) -> String {
        self.canary
            .to_str()
            .expect("utf-8 path")
            .trim_start_matches('/')
            .to_string()
    }
    /// Enough `../` to climb from any store directory to `/`.
    fn up(&self) -> String {
        "../".repeat(24)
    }

    /// Loads busybox + `layer` as `hostile:latest` and returns the outcome, after checking that
    /// nothing outside the store changed and that the store still works.
    fn load(&self, layer: Layer) -> Out {
        self.load_image(Image::new(
            "hostile:latest",
            vec![busybox_layer(), layer],
            &["sh"],
        ))
    }

    fn load_image(&self, img: Image) -> Out {
        let path = self.env.root.join("hostile.tar");
        img.write_oci(&path);
        let before = snapshot(&self.canary);
        let out = self.env.skiff(["load", "-i", path.to_str().unwrap()]);
        assert_eq!(
            snapshot(&self.canary),
            before,
            "the canary outside the store changed\n{}",
            out.dump()
        );
        out
    }

    /// The load must have failed with exit 125 and an `error: ` line containing every needle;
    /// then `images` lists busybox but not the hostile image, and busybox still runs.
    #[track_caller]
    fn assert_rejected(&self, out: &Out, needles: &[&str]) {
        out.code_is(125);
        let line = out
            .err_lines()
            .into_iter()
            .find(|l| l.starts_with("error: "));
        let line = line.unwrap_or_else(|| panic!("no 'error: ' line\n{}", out.dump()));
        for n in needles {
            assert!(
                line.contains(n),
                "the error must name {n:?}\n{}",
                out.dump()
            );
        }
        self.assert_store_works(&["hostile"]);
    }

    #[track_caller]
    fn assert_store_works(&self, absent: &[&str]) {
        let images = self.env.skiff(["images"]);
        let rows = parse_table(images.ok());
        assert!(
            rows.iter().any(|r| r["REPOSITORY"].ends_with("busybox")),
            "busybox is still listed\n{}",
            images.dump()
        );
        for a in absent {
            assert!(
                !rows.iter().any(|r| r["REPOSITORY"].ends_with(a)),
                "{a} must not be listed\n{}",
                images.dump()
            );
        }
        let out = self
            .env
            .skiff(["run", "--rm", "busybox", "echo", "still works"]);
        assert_eq!(out.ok(), "still works\n", "{}", out.dump());
    }
}

/// Every path below `dir` with its type, mode, size, link count and content.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (u32, u64, u64, Vec<u8>)> {
    let mut m = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(p) = todo.pop() {
        let md = std::fs::symlink_metadata(&p).expect("lstat canary");
        let content = if md.is_file() {
            std::fs::read(&p).unwrap_or_default()
        } else {
            Vec::new()
        };
        if md.is_dir() {
            todo.extend(
                std::fs::read_dir(&p)
                    .expect("readdir canary")
                    .flatten()
                    .map(|e| e.path()),
            );
        }
        m.insert(p, (md.mode(), md.len(), md.nlink(), content));
    }
    m
}

fn one_file(name: &str) -> Layer {
    let mut t = Tar::new();
    t.file(name, 0o644, b"pwned\n");
    Layer::gzip(t.finish())
}

#[test]
fn dotdot_path_is_rejected() {
    let c = Case::new();
    let name = format!("{}{}/dotdot-escape", c.up(), c.canary_rel());
    let out = c.load(one_file(&name));
    c.assert_rejected(&out, &["dotdot-escape"]);
}

#[test]
fn absolute_path_is_rejected() {
    let c = Case::new();
    let name = format!("/{}/absolute-escape", c.canary_rel());
    let out = c.load(one_file(&name));
    c.assert_rejected(&out, &["absolute-escape"]);
}

#[test]
fn file_through_a_symlink_to_root_is_rejected() {
    let c = Case::new();
    let mut t = Tar::new();
    t.symlink("rootlink", "/");
    t.file(
        &format!("rootlink/{}/through-root", c.canary_rel()),
        0o644,
        b"pwned\n",
    );
    let out = c.load(Layer::gzip(t.finish()));
    c.assert_rejected(&out, &["through-root"]);
}

#[test]
fn file_through_an_escaping_symlink_chain_is_rejected() {
    let c = Case::new();
    let mut t = Tar::new();
    t.symlink("chain2", c.up().trim_end_matches('/'));
    t.symlink("chain1", "chain2");
    t.file(
        &format!("chain1/{}/through-chain", c.canary_rel()),
        0o644,
        b"pwned\n",
    );
    let out = c.load(Layer::gzip(t.finish()));
    c.assert_rejected(&out, &["through-chain"]);
}

#[test]
fn hardlink_to_a_host_file_is_rejected() {
    let c = Case::new();
    let mut t = Tar::new();
    t.hardlink("hardlink-out", c.canary.join("file").to_str().unwrap());
    let out = c.load(Layer::gzip(t.finish()));
    c.assert_rejected(&out, &["hardlink-out"]);
}

#[test]
fn hardlink_climbing_out_with_dotdot_is_rejected() {
    let c = Case::new();
    let mut t = Tar::new();
    t.hardlink("hardlink-up", &format!("{}{}/file", c.up(), c.canary_rel()));
    let out = c.load(Layer::gzip(t.finish()));
    c.assert_rejected(&out, &["hardlink-up"]);
}

#[test]
fn symlink_then_directory_of_the_same_name_is_rejected() {
    // A naive unpacker finds the directory "exists" (through the link) and chmods the target.
    let c = Case::new();
    let mut t = Tar::new();
    t.symlink("dirlink", c.canary.to_str().unwrap());
    t.dir("dirlink", 0o777);
    t.file("dirlink/through-dirlink", 0o644, b"pwned\n");
    let out = c.load(Layer::gzip(t.finish()));
    c.assert_rejected(&out, &["dirlink"]);
}

#[test]
fn duplicate_entries_are_rejected() {
    let mut t = Tar::new();
    t.file("dup-entry", 0o644, b"first\n")
        .file("dup-entry", 0o644, b"second\n");
    let c = Case::new();
    let out = c.load(Layer::gzip(t.finish()));
    c.assert_rejected(&out, &["dup-entry"]);
}

/// Content that does not compress away, so a cut gzip stream is cut mid-data.
fn noise(n: usize) -> Vec<u8> {
    let mut x: u32 = 12345;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect()
}

#[test]
fn blob_whose_digest_does_not_match_is_rejected() {
    let c = Case::new();
    let mut t = Tar::new();
    t.file("noise", 0o644, &noise(64 * 1024));
    let layer = Layer::gzip(t.finish()).corrupted();
    let hex12 = layer.digest[7..19].to_string();
    let out = c.load(layer);
    c.assert_rejected(&out, &[&hex12]);
}

#[test]
fn truncated_gzip_is_rejected() {
    let c = Case::new();
    let mut t = Tar::new();
    t.file("noise", 0o644, &noise(256 * 1024));
    let layer = Layer::truncated_gzip(t.finish());
    let hex12 = layer.digest[7..19].to_string();
    let out = c.load(layer);
    c.assert_rejected(&out, &[&hex12]);
}

#[test]
fn layer_whose_diff_id_does_not_match_is_rejected() {
    let c = Case::new();
    let mut layer = one_file("innocent");
    let hex12 = layer.digest[7..19].to_string();
    layer.diff_id = crate::support::image::sha256(b"not this layer");
    let out = c.load(layer);
    c.assert_rejected(&out, &[&hex12]);
}

#[test]
fn device_nodes_are_skipped_with_a_note() {
    // Not hostile, but impossible rootless (mknod EPERM): skipped, the rest of the layer loads.
    let c = Case::new();
    let mut t = Tar::new();
    t.char_dev("devnode", 1, 3)
        .file("beside-devnode", 0o644, b"here\n");
    let img = Image::new(
        "devimg:latest",
        vec![busybox_layer(), Layer::gzip(t.finish())],
        &["sh"],
    );
    let out = c.load_image(img);
    out.ok();
    assert!(
        format!("{}{}", out.stdout, out.stderr).contains("devnode"),
        "the note names the skipped node\n{}",
        out.dump()
    );
    let run = c.env.skiff([
        "run",
        "--rm",
        "devimg",
        "sh",
        "-c",
        "cat /beside-devnode; test -e /devnode && echo present || echo absent",
    ]);
    assert_eq!(run.ok(), "here\nabsent\n", "{}", run.dump());
    c.assert_store_works(&[]);
}
