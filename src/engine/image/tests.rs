//! Whole-store tests: in-memory archives loaded into a temp store (single-id mode, so they run as
//! any user outside a user namespace), then listed, resolved, saved, removed and loaded again.
use super::archive::tests::tar_of;
use super::digest::Digest;
use super::load::{load, LoadOptions, LoadReport};
use super::remove::{remove, RemoveEvent, RemoveOptions};
use super::save::{save, SaveFormat, SaveOptions};
use super::*;
use crate::runtime::userns::{IdMap, Mapping};
use serde_json::json;
use std::io::Cursor;

fn digest_of(data: &[u8]) -> String {
    Digest::of(data).to_string()
}

fn sha256_hex(data: &[u8]) -> String {
    Digest::of(data).hex().to_string()
}

/// No container uses any image.
fn unused(_: &Digest) -> anyhow::Result<Vec<String>> {
    Ok(Vec::new())
}

pub(crate) fn temp_store() -> (tempfile::TempDir, Paths) {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths {
        data: dir.path().join("data"),
        run: dir.path().join("run"),
        config: dir.path().join("cfg"),
    };
    (dir, paths)
}

fn single() -> LoadOptions {
    let one = vec![IdMap {
        container: 0,
        host: 1000,
        size: 1,
    }];
    LoadOptions {
        mapping: Mapping {
            uids: one.clone(),
            gids: one,
        },
    }
}

/// A layer tar holding one file.
fn layer(name: &str, data: &[u8]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
    h.set_entry_type(tar::EntryType::Regular);
    b.append_data(&mut h, name, data).unwrap();
    b.into_inner().unwrap()
}

fn config(diff_ids: &[String], created: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "architecture": "amd64", "os": "linux", "created": created,
        "config": { "Env": ["PATH=/bin"], "Cmd": ["sh"] },
        "rootfs": { "type": "layers", "diff_ids": diff_ids },
        "history": [{ "created": created, "created_by": "/bin/sh -c #(nop) ADD file:0123456789abcdef0123456789abcdef in /" }],
    }))
    .unwrap()
}

/// A docker-archive with one image of `layers`, named `tags`.
fn docker_archive(layers: &[Vec<u8>], tags: &[&str]) -> (Vec<u8>, String) {
    let diff_ids: Vec<String> = layers.iter().map(|l| digest_of(l)).collect();
    let cfg = config(&diff_ids, "2020-01-01T00:00:00Z");
    let cfg_name = format!("{}.json", sha256_hex(&cfg));
    let names: Vec<String> = layers
        .iter()
        .map(|l| format!("{}/layer.tar", sha256_hex(l)))
        .collect();
    let manifest =
        serde_json::to_vec(&json!([{ "Config": cfg_name, "RepoTags": tags, "Layers": names }]))
            .unwrap();
    let mut files: Vec<(&str, &[u8])> = vec![("manifest.json", &manifest), (&cfg_name, &cfg)];
    for (n, l) in names.iter().zip(layers) {
        files.push((n, l));
    }
    (tar_of(&files, &[]), digest_of(&cfg))
}

fn load_bytes(paths: &Paths, data: Vec<u8>) -> Result<LoadReport> {
    load(paths, Cursor::new(data), &single())
}

#[test]
fn docker_archive_round_trip() {
    let (_d, paths) = temp_store();
    let (archive, id) = docker_archive(
        &[layer("a.txt", b"hello"), layer("b.txt", b"world")],
        &["busybox:latest"],
    );
    let r = load_bytes(&paths, archive).unwrap();
    assert_eq!(
        r.images,
        [load::LoadedImage {
            id: id.parse().unwrap(),
            names: vec!["docker.io/library/busybox:latest".into()]
        }]
    );

    let img = resolve(&paths, "busybox").unwrap();
    assert_eq!(img.id, id);
    assert_eq!(img.layers.len(), 2);
    assert!(img.layers[1].join("b.txt").exists());
    assert_eq!(resolve(&paths, &id[7..19]).unwrap().name, id);

    let rows = list::list(&paths, &Default::default()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].repository, "docker.io/library/busybox");
    let h = history::history(&paths, "busybox").unwrap();
    assert_eq!(h[0].id, Some(id.parse().unwrap()));
    let i = inspect::inspect(&paths, "busybox").unwrap();
    assert_eq!(i["Id"], json!(id));
    assert_eq!(i["RepoTags"], json!(["docker.io/library/busybox:latest"]));
    assert_eq!(i["Config"]["Cmd"], json!(["sh"]));
    assert_eq!(i["RootFS"]["Layers"].as_array().unwrap().len(), 2);

    for format in [SaveFormat::DockerArchive, SaveFormat::OciArchive] {
        let mut out = Vec::new();
        save(
            &paths,
            &SaveOptions {
                format,
                images: vec!["busybox".into()],
            },
            &mut out,
        )
        .unwrap();
        let gone = remove(
            &paths,
            &["busybox".into()],
            &RemoveOptions::default(),
            &unused,
        )
        .unwrap();
        let events = gone[0].result.as_ref().unwrap();
        assert!(
            events.contains(&RemoveEvent::Deleted(id.parse().unwrap())),
            "{format:?}"
        );
        assert!(
            std::fs::read_dir(paths.layers()).unwrap().next().is_none(),
            "layers collected"
        );
        assert!(
            std::fs::read_dir(paths.blobs()).unwrap().next().is_none(),
            "blobs collected"
        );
        let back = load_bytes(&paths, out).unwrap();
        assert_eq!(back.images[0].id, id, "{format:?}");
        assert_eq!(back.images[0].names, ["docker.io/library/busybox:latest"]);
        assert_eq!(
            resolve(&paths, "busybox").unwrap().digest,
            img.digest,
            "{format:?} keeps the manifest digest"
        );
    }
}

#[test]
fn corrupt_archives_commit_nothing() {
    let (_d, paths) = temp_store();
    // A config whose diff_id does not match the layer.
    let l = layer("a", b"x");
    let cfg = config(&[digest_of(b"something else")], "2020-01-01T00:00:00Z");
    let manifest = serde_json::to_vec(
        &json!([{ "Config": "c.json", "RepoTags": ["x:1"], "Layers": ["l.tar"] }]),
    )
    .unwrap();
    let bad = tar_of(
        &[
            ("manifest.json", &manifest),
            ("c.json", &cfg),
            ("l.tar", &l),
        ],
        &[],
    );
    let e = load_bytes(&paths, bad).unwrap_err().to_string();
    assert!(e.contains("diff_id"), "{e}");
    assert!(
        std::fs::read_dir(paths.blobs()).unwrap().next().is_none(),
        "rolled back"
    );
    assert!(
        std::fs::read_dir(paths.layers()).unwrap().next().is_none(),
        "rolled back"
    );
    assert!(list::list(&paths, &Default::default()).unwrap().is_empty());
    assert!(load_bytes(&paths, tar_of(&[("x", b"y")], &[]))
        .unwrap_err()
        .to_string()
        .contains("neither"));
}

#[test]
fn a_diff_id_that_is_a_path_is_refused_before_it_names_a_layer() {
    let (d, paths) = temp_store();
    // A "layer" outside the store that a diff_id of `sha256:../../<dir>` would name: before
    // digests were parsed, load took it as an existing layer and rmi removed it.
    let outside = d.path().join("outside");
    std::fs::create_dir_all(outside.join("diff")).unwrap();
    let rec = json!({ "diff_id": digest_of(b"x"), "size": 1, "blob": digest_of(b"x"),
                      "media_type": "application/vnd.oci.image.layer.v1.tar" });
    std::fs::write(outside.join("layer.json"), rec.to_string()).unwrap();
    let hostile = "sha256:../../outside".to_string();
    let cfg = config(std::slice::from_ref(&hostile), "2020-01-01T00:00:00Z");
    let manifest = serde_json::to_vec(
        &json!([{ "Config": "c.json", "RepoTags": ["x:1"], "Layers": ["l.tar"] }]),
    )
    .unwrap();
    let l = layer("a", b"x");
    let bad = tar_of(
        &[
            ("manifest.json", &manifest),
            ("c.json", &cfg),
            ("l.tar", &l),
        ],
        &[],
    );
    let e = format!("{:#}", load_bytes(&paths, bad).unwrap_err());
    assert!(
        e.contains("invalid digest \"sha256:../../outside\" in the image config's diff_ids"),
        "{e}"
    );
    assert!(list::list(&paths, &Default::default()).unwrap().is_empty());
    assert!(outside.join("layer.json").exists(), "left alone");
}

#[test]
fn names_move_and_rmi_rules() {
    let (_d, paths) = temp_store();
    let (a, id_a) = docker_archive(&[layer("a", b"1")], &["app:latest"]);
    let (b, id_b) = docker_archive(&[layer("a", b"2")], &["app:latest", "other:v1"]);
    load_bytes(&paths, a).unwrap();
    load_bytes(&paths, b).unwrap();
    // The name moved; the first image is left unnamed.
    let rows = list::list(&paths, &Default::default()).unwrap();
    let none = rows.iter().find(|r| r.id == id_a).unwrap();
    assert_eq!(
        (none.repository.as_str(), none.tag.as_str()),
        ("<none>", "<none>")
    );
    assert_eq!(resolve(&paths, "app").unwrap().id, id_b);
    tag::tag(&paths, &id_a, "mine").unwrap();
    assert_eq!(resolve(&paths, "localhost/mine:latest").unwrap().id, id_a);

    let by_id = remove(
        &paths,
        std::slice::from_ref(&id_b),
        &RemoveOptions::default(),
        &unused,
    )
    .unwrap();
    let e = by_id[0].result.as_ref().unwrap_err().to_string();
    assert!(
        e.contains("must be forced) - image is referenced in multiple repositories"),
        "{e}"
    );
    let forced = remove(
        &paths,
        &[id_b[7..19].to_string(), "nothere".into()],
        &RemoveOptions {
            force: true,
            ..Default::default()
        },
        &unused,
    )
    .unwrap();
    let ev = forced[0].result.as_ref().unwrap();
    assert_eq!(
        ev.last(),
        Some(&RemoveEvent::Deleted(id_b.parse().unwrap()))
    );
    assert_eq!(
        forced[1].result.as_ref().unwrap_err().to_string(),
        "image \"nothere\" not found locally"
    );
    // The other image's layer (different content) survives the GC.
    assert!(resolve(&paths, "mine").unwrap().layers[0]
        .join("a")
        .exists());
}

#[test]
fn oci_archive_names_and_digests() {
    let (_d, paths) = temp_store();
    let l = layer("f", b"data");
    let cfg = config(&[digest_of(&l)], "2021-01-01T00:00:00Z");
    let desc =
        |mt: &str, b: &[u8]| json!({ "mediaType": mt, "digest": digest_of(b), "size": b.len() });
    let manifest = serde_json::to_vec(&json!({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": desc("application/vnd.oci.image.config.v1+json", &cfg),
        "layers": [desc("application/vnd.oci.image.layer.v1.tar", &l)],
    }))
    .unwrap();
    let entry = |name: &str| {
        let mut d = desc("application/vnd.oci.image.manifest.v1+json", &manifest);
        d["annotations"] = json!({ "org.opencontainers.image.ref.name": name });
        d
    };
    let index = serde_json::to_vec(
        &json!({ "schemaVersion": 2, "manifests": [entry("busybox:1"), entry("latest")] }),
    )
    .unwrap();
    let blob = |b: &[u8]| format!("blobs/sha256/{}", sha256_hex(b));
    let (bm, bc, bl) = (blob(&manifest), blob(&cfg), blob(&l));
    let files = |layer_bytes: &[u8]| {
        tar_of(
            &[
                ("oci-layout", b"{}"),
                ("index.json", &index),
                (&bm, &manifest),
                (&bc, &cfg),
                (&bl, layer_bytes),
            ],
            &[],
        )
    };
    let e = load_bytes(&paths, files(b"tampered"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains(&format!("blob {} does not match its digest", digest_of(&l))),
        "{e}"
    );
    assert!(std::fs::read_dir(paths.blobs()).unwrap().next().is_none());
    let r = load_bytes(&paths, files(&l)).unwrap();
    // `latest` alone is a tag, not a name.
    assert_eq!(r.images[0].names, ["localhost/busybox:1"]);
    assert_eq!(
        resolve(&paths, "busybox:1").unwrap().digest,
        digest_of(&manifest)
    );
    assert_eq!(
        resolve(&paths, &format!("busybox@{}", digest_of(&manifest)))
            .unwrap()
            .id,
        digest_of(&cfg)
    );
}

#[test]
fn nested_indexes_pick_the_host_platform() {
    let (_d, paths) = temp_store();
    let l = layer("f", b"amd64");
    let cfg = config(&[digest_of(&l)], "2021-01-01T00:00:00Z");
    let desc =
        |mt: &str, b: &[u8]| json!({ "mediaType": mt, "digest": digest_of(b), "size": b.len() });
    let manifest = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "config": desc("application/vnd.oci.image.config.v1+json", &cfg),
        "layers": [desc("application/vnd.oci.image.layer.v1.tar", &l)],
    }))
    .unwrap();
    let mt = "application/vnd.oci.image.manifest.v1+json";
    let plat = |arch: &str, b: &[u8]| {
        let mut d = desc(mt, b);
        d["platform"] = json!({ "architecture": arch, "os": "linux" });
        d
    };
    // The arm64 entry points at a blob the archive lacks: choosing it would fail.
    let missing = b"not in the archive".to_vec();
    let nested = |entries: Vec<serde_json::Value>| {
        serde_json::to_vec(&json!({ "schemaVersion": 2, "manifests": entries })).unwrap()
    };
    let blob = |b: &[u8]| format!("blobs/sha256/{}", sha256_hex(b));
    let archive = |nested: &[u8]| {
        let mut top = desc("application/vnd.oci.image.index.v1+json", nested);
        top["annotations"] = json!({ "org.opencontainers.image.ref.name": "quay.io/x/multi:1" });
        let index = serde_json::to_vec(&json!({ "schemaVersion": 2, "manifests": [top] })).unwrap();
        let (bn, bm, bc, bl) = (blob(nested), blob(&manifest), blob(&cfg), blob(&l));
        tar_of(
            &[
                ("index.json", &index),
                (&bn, nested),
                (&bm, &manifest),
                (&bc, &cfg),
                (&bl, &l),
            ],
            &[],
        )
    };
    let good = nested(vec![
        plat("arm64", &missing),
        plat(store::host_arch(), &manifest),
    ]);
    let r = load_bytes(&paths, archive(&good)).unwrap();
    assert_eq!(r.images[0].names, ["quay.io/x/multi:1"]);
    assert_eq!(r.images[0].id, digest_of(&cfg));
    let other = nested(vec![plat("s390x", &manifest)]);
    let e = load_bytes(&paths, archive(&other)).unwrap_err().to_string();
    assert!(
        e.contains(&format!("no image for linux/{}", store::host_arch()))
            && e.contains("linux/s390x"),
        "{e}"
    );
}

#[test]
fn rmi_asks_the_caller_for_users_and_refuses_images_in_use() {
    let (_d, paths) = temp_store();
    let (a, id) = docker_archive(&[layer("a", b"1")], &["app:latest"]);
    load_bytes(&paths, a).unwrap();
    let asked = std::cell::RefCell::new(Vec::new());
    let users = |d: &Digest| {
        asked.borrow_mut().push(d.clone());
        Ok(vec!["web".to_string()])
    };
    let out = remove(&paths, &["app".into()], &RemoveOptions::default(), &users).unwrap();
    let e = out[0].result.as_ref().unwrap_err().to_string();
    assert!(e.starts_with("image is in use by container web: "), "{e}");
    assert_eq!(*asked.borrow(), [id.parse::<Digest>().unwrap()]);
    // Forced: untagged, but the image stays while the container needs its layers.
    let out = remove(
        &paths,
        &["app".into()],
        &RemoveOptions {
            force: true,
            ..Default::default()
        },
        &users,
    )
    .unwrap();
    assert_eq!(
        out[0].result.as_ref().unwrap(),
        &[RemoveEvent::Untagged("docker.io/library/app:latest".into())]
    );
    assert!(resolve(&paths, &id).is_ok());
}

#[test]
fn an_index_entry_with_a_bad_digest_is_an_error_naming_index_json() {
    let (_d, paths) = temp_store();
    let (a, id) = docker_archive(&[layer("a", b"1")], &["app:latest"]);
    load_bytes(&paths, a).unwrap();
    let file = paths.index_json();
    let good = std::fs::read_to_string(&file).unwrap();
    for (from, to) in [
        // An image id annotation that is a path, and a manifest digest of another algorithm
        // (oci-spec accepts it, skiff stores sha256 only).
        (id.clone(), "sha256:../../etc".to_string()),
        (
            digest_of(b"").replace("sha256:", "sha384:") + &"0".repeat(32),
            String::new(),
        ),
    ] {
        let bad = if to.is_empty() {
            let v: serde_json::Value = serde_json::from_str(&good).unwrap();
            let m = v["manifests"][0]["digest"].as_str().unwrap().to_string();
            good.replace(&m, &from)
        } else {
            good.replace(&from, &to)
        };
        assert_ne!(bad, good);
        std::fs::write(&file, bad).unwrap();
        let e = format!("{:#}", list::list(&paths, &Default::default()).unwrap_err());
        assert!(e.contains(&file.display().to_string()), "{e}");
        assert!(e.contains("invalid digest"), "{e}");
        assert!(resolve(&paths, "app").is_err());
    }
}
