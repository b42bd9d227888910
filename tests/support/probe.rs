//! The probe (`tests/probe/probe.c`): compiled once per source version with `cc -static`, and
//! put at `/probe` in an image built on busybox.
use super::image::{busybox_layer, Image, Layer, Tar};
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// The compiled probe. Cached under the test base dir by a hash of its source, so concurrent
/// test processes and later runs reuse it (written to a temp name, then renamed).
pub fn probe_bin() -> &'static [u8] {
    static BIN: OnceLock<Vec<u8>> = OnceLock::new();
    BIN.get_or_init(|| {
        let src = super::repo_dir().join("tests/probe/probe.c");
        let code =
            std::fs::read(&src).unwrap_or_else(|e| panic!("cannot read {}: {e}", src.display()));
        let out = super::base_dir().join(format!(
            "probe-{}",
            &hex::encode(Sha256::digest(&code))[..16]
        ));
        if !out.exists() {
            let tmp = PathBuf::from(format!("{}.{}.tmp", out.display(), std::process::id()));
            let res = Command::new("cc")
                .args(["-static", "-O2", "-o"])
                .arg(&tmp)
                .arg(&src)
                .output();
            let res = match res {
                Ok(r) => r,
                Err(e) => panic!(
                    "cannot run cc ({e}): the probe helper needs a C compiler and a static libc \
                     (apt-get install gcc libc6-dev)"
                ),
            };
            assert!(
                res.status.success(),
                "cc -static failed to build the probe (is libc6-dev installed?)\n{}",
                String::from_utf8_lossy(&res.stderr)
            );
            std::fs::rename(&tmp, &out).expect("rename probe");
        }
        std::fs::read(&out).expect("read probe")
    })
}

/// busybox + a layer with `/probe` (0755) and `/owned-by-1000` (uid/gid 1000, to see where
/// image owners land on the host and in the single-id fallback).
pub fn probe_image(name: &str) -> Image {
    let mut t = Tar::new();
    t.file("probe", 0o755, probe_bin());
    t.file_owned("owned-by-1000", 0o644, 1000, 1000, b"mine\n");
    Image::new(
        name,
        vec![busybox_layer(), Layer::gzip(t.finish())],
        &["sh"],
    )
}
