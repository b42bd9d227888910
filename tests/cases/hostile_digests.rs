//! Hostile digests: an image config whose `rootfs.diff_ids` are paths (`sha256:../../..`). The
//! first diff id is the first layer's chain id, which names its directory under `layers/`; an
//! unparsed one led outside the store, where an existing `layer.json` was taken as a stored
//! layer (and `rmi` would have removed that directory). Each is refused at `load` (OCI and
//! docker archives) and at `pull` with one error line naming the value, exit 125; the store
//! is as it was, nothing appears at the traversal target, and a decoy layer there is untouched.
use crate::isolated_with_busybox;
use crate::support::image::{busybox, busybox_layer, sha256, Image};
use crate::support::registry::{self, Kind, Registry};
use crate::support::{parse_table, Env, Out};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Targets outside the store that hostile diff ids point at.
struct Targets {
    /// A directory shaped like a stored layer (`layer.json`, `diff/`), which the old code
    /// accepted as the image's layer.
    decoy: PathBuf,
    /// A path that must not come to exist.
    fresh: PathBuf,
}

impl Targets {
    fn new(env: &Env) -> Targets {
        let decoy = env.root.join("decoy-layer");
        std::fs::create_dir_all(decoy.join("diff")).expect("decoy");
        std::fs::write(decoy.join("diff/secret"), "outside the store\n").expect("decoy file");
        let rec = serde_json::json!({
            "diff_id": sha256(b"decoy"), "size": 1, "blob": sha256(b"decoy"),
            "media_type": "application/vnd.oci.image.layer.v1.tar",
        });
        std::fs::write(decoy.join("layer.json"), rec.to_string()).expect("decoy record");
        Targets {
            decoy,
            fresh: env.root.join("fresh-target"),
        }
    }

    /// `sha256:` and enough `../` to climb from `layers/` to `/`, then the absolute `target`.
    fn diff_id(target: &Path) -> String {
        let abs = target.to_str().expect("utf-8 path").trim_start_matches('/');
        format!("sha256:{}{abs}", "../".repeat(24))
    }

    /// The hostile diff ids, one image each.
    fn diff_ids(&self) -> Vec<String> {
        vec![Targets::diff_id(&self.decoy), Targets::diff_id(&self.fresh)]
    }

    /// Contents of the decoy (names and bytes), to see that nothing touched it.
    fn decoy_state(&self) -> BTreeMap<String, Vec<u8>> {
        ["layer.json", "diff/secret"]
            .iter()
            .map(|n| (n.to_string(), std::fs::read(self.decoy.join(n)).unwrap()))
            .collect()
    }
}

/// The store's layout down to `blobs/sha256/<hex>` and `layers/<hex>/{diff,layer.json}`
/// (below `diff/` are files owned by subordinate ids).
fn store_listing(store: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![(store.to_path_buf(), 0)];
    while let Some((dir, depth)) = todo.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            out.push(p.strip_prefix(store).unwrap().display().to_string());
            if depth < 2 && e.file_type().is_ok_and(|t| t.is_dir()) {
                todo.push((p, depth + 1));
            }
        }
    }
    out.sort();
    out
}

/// The command failed with one error line naming `diff_id`, and the store, the decoy and the
/// fresh target are as they were; `images` still lists busybox and nothing else.
#[track_caller]
fn assert_refused(env: &Env, t: &Targets, out: &Out, diff_id: &str, before: &[String]) {
    out.engine_error(&[&format!(
        "invalid digest {diff_id:?} in the image config's diff_ids"
    )]);
    assert_eq!(
        store_listing(&env.store()),
        before,
        "the store changed\n{}",
        out.dump()
    );
    assert!(!t.fresh.exists(), "{} was created", t.fresh.display());
    let images = env.skiff(["images"]);
    let rows = parse_table(images.ok());
    let repos: Vec<&str> = rows.iter().map(|r| r["REPOSITORY"].as_str()).collect();
    assert!(
        repos.len() == 1 && repos[0].ends_with("busybox"),
        "only busybox is listed\n{}",
        images.dump()
    );
}

fn hostile_image(diff_id: &str) -> Image {
    Image::new("evil:latest", vec![busybox_layer()], &["sh"]).with_diff_ids(&[diff_id])
}

#[test]
fn load_refuses_diff_ids_that_are_paths() {
    let env = isolated_with_busybox();
    let t = Targets::new(&env);
    let decoy = t.decoy_state();
    let before = store_listing(&env.store());
    for diff_id in t.diff_ids() {
        let img = hostile_image(&diff_id);
        for (format, bytes) in [("oci", img.oci_archive()), ("docker", img.docker_archive())] {
            let path = env.root.join(format!("evil-{format}.tar"));
            std::fs::write(&path, bytes).unwrap();
            let out = env.skiff(["load", "-i", path.to_str().unwrap()]);
            assert_refused(&env, &t, &out, &diff_id, &before);
        }
    }
    assert_eq!(t.decoy_state(), decoy, "the decoy layer was touched");
    let out = env.skiff(["run", "--rm", "busybox", "echo", "still works"]);
    assert_eq!(out.ok(), "still works\n", "{}", out.dump());
}

#[test]
fn pull_refuses_diff_ids_that_are_paths() {
    // Skips loudly, and fails in CI.
    if !registry::available() {
        return;
    }
    let env = Env::isolated();
    let path = env.root.join("busybox.tar");
    busybox("busybox:latest").write_oci(&path);
    env.load(&path);
    let reg = Registry::start(Kind::Plain);
    let t = Targets::new(&env);
    let decoy = t.decoy_state();
    let before = store_listing(&env.store());
    for (i, diff_id) in t.diff_ids().iter().enumerate() {
        let tag = format!("t{i}");
        reg.push_raw(&hostile_image(diff_id), "evil", &tag);
        let out = env.skiff(["pull", &format!("{}/evil:{tag}", reg.host())]);
        assert_refused(&env, &t, &out, diff_id, &before);
    }
    assert_eq!(t.decoy_state(), decoy, "the decoy layer was touched");
}

/// `index.json` written by another tool with a digest skiff cannot use (an image id that is a
/// path, a manifest digest of another algorithm): every image verb fails with one error line
/// naming index.json and the value, exit 125, never a panic; the image is usable again once
/// the entry is repaired.
#[test]
fn an_index_entry_with_a_bad_digest_is_a_clear_error() {
    let env = isolated_with_busybox();
    let file = env.store().join("index.json");
    let good = std::fs::read_to_string(&file).expect("index.json");
    let v: serde_json::Value = serde_json::from_str(&good).expect("index.json is JSON");
    let entry = &v["manifests"][0];
    let manifest = entry["digest"].as_str().expect("a digest").to_string();
    let id = entry["annotations"]["io.skiff.image.id"]
        .as_str()
        .expect("an id")
        .to_string();
    let other_algo = format!("sha384:{}", "0".repeat(96));
    for (from, to) in [(&id, "sha256:../../../tmp/x"), (&manifest, &other_algo[..])] {
        std::fs::write(&file, good.replace(from.as_str(), to)).expect("write index.json");
        for args in [
            &["images"][..],
            &["run", "--rm", "busybox", "true"],
            &["rmi", "busybox"],
        ] {
            let out = env.skiff(args);
            assert!(!out.stderr.contains("panicked"), "{}", out.dump());
            out.engine_error(&["index.json", "invalid digest", to]);
        }
    }
    std::fs::write(&file, good).expect("restore index.json");
    env.skiff(["run", "--rm", "busybox", "true"]).ok();
}
