//! `save` and `load` round trips in both formats, and interop with podman both ways.
use crate::isolated_with_busybox;
use crate::support::image::busybox;
use crate::support::{have_tool, parse_table, Env};
use std::ffi::OsStr;
use std::path::Path;

/// (id, RootFS diff_ids) of `image` from `skiff image inspect`.
#[track_caller]
fn id_and_layers(env: &Env, image: &str) -> (String, serde_json::Value) {
    let out = env.skiff(["image", "inspect", image]);
    let v: serde_json::Value =
        serde_json::from_str(out.ok()).unwrap_or_else(|e| panic!("not JSON: {e}\n{}", out.dump()));
    (
        v[0]["Id"].as_str().unwrap_or_default().to_string(),
        v[0]["RootFS"]["Layers"].clone(),
    )
}

#[track_caller]
fn digest_of(env: &Env, repo: &str) -> String {
    let out = env.skiff(["images", "--digests", "--no-trunc"]);
    parse_table(out.ok())
        .into_iter()
        .find(|r| r["REPOSITORY"].ends_with(repo))
        .map(|r| r["DIGEST"].clone())
        .unwrap_or_else(|| panic!("{repo} not listed\n{}", out.dump()))
}

/// `skiff save -o FILE --format FORMAT busybox`, asserting success.
fn save(env: &Env, format: &str, file: &Path) {
    let out = env.skiff([
        OsStr::new("save"),
        OsStr::new("-o"),
        file.as_os_str(),
        OsStr::new("--format"),
        OsStr::new(format),
        OsStr::new("busybox"),
    ]);
    out.ok();
}

fn roundtrip(format: &str) {
    let env = isolated_with_busybox();
    let img = busybox("busybox:latest");
    let (id, layers) = id_and_layers(&env, "busybox");
    assert_eq!(id, img.id());
    let digest = digest_of(&env, "busybox");
    let file = env.root.join(format!("saved-{format}.tar"));
    save(&env, format, &file);
    env.skiff(["rmi", "busybox"]).ok();
    assert_eq!(
        env.skiff(["images", "-q"]).ok(),
        "",
        "the image is gone before the reload"
    );
    let out = env.load(&file);
    assert!(
        out.stdout.contains("busybox"),
        "the name comes back from the archive\n{}",
        out.dump()
    );
    assert_eq!(
        id_and_layers(&env, "busybox"),
        (id, layers),
        "same id and layers after save, rmi, load"
    );
    if format == "oci-archive" {
        assert_eq!(
            digest_of(&env, "busybox"),
            digest,
            "same manifest digest after the round trip"
        );
    }
    let run = env.skiff(["run", "--rm", "busybox", "echo", "reloaded"]);
    assert_eq!(run.ok(), "reloaded\n", "{}", run.dump());
}

#[test]
fn save_rmi_load_roundtrip_oci_archive() {
    roundtrip("oci-archive");
}

#[test]
fn save_rmi_load_roundtrip_docker_archive() {
    roundtrip("docker-archive");
}

#[test]
fn save_writes_to_stdout_without_o() {
    let env = isolated_with_busybox();
    let out = env.skiff(["save", "busybox"]);
    out.ok();
    let other = Env::isolated();
    other.sk(["load"]).stdin(&out.stdout_bytes).run().ok();
    let run = other.skiff(["run", "--rm", "busybox", "echo", "via stdout"]);
    assert_eq!(run.ok(), "via stdout\n", "{}", run.dump());
}

/// podman loads what skiff saved, with the same image id, and runs it.
fn podman_loads_skiff(format: &str) {
    if !have_tool("podman") {
        return;
    }
    let env = isolated_with_busybox();
    let img = busybox("busybox:latest");
    let file = env.root.join(format!("for-podman-{format}.tar"));
    save(&env, format, &file);
    env.podman(["load", "-i", file.to_str().unwrap()]).ok();
    let ids = env.podman(["images", "-q", "--no-trunc"]);
    assert!(
        ids.ok().lines().any(|l| l == img.id()),
        "podman has the same image id\n{}",
        ids.dump()
    );
    let run = env.podman([
        "run",
        "--rm",
        "--network",
        "none",
        &img.id()[7..19],
        "echo",
        "podman ran it",
    ]);
    assert_eq!(run.ok(), "podman ran it\n", "{}", run.dump());
}

#[test]
fn podman_loads_skiff_oci_archive() {
    podman_loads_skiff("oci-archive");
}

#[test]
fn podman_loads_skiff_docker_archive() {
    podman_loads_skiff("docker-archive");
}

/// skiff loads what podman saved (podman's own layout: e.g. docker-archives with symlinked
/// layer.tar files), with the same image id, and runs it by name.
fn skiff_loads_podman(format: &str) {
    if !have_tool("podman") {
        return;
    }
    let env = Env::isolated();
    let img = busybox("busybox:latest");
    let src = env.root.join("src.tar");
    img.write_oci(&src);
    env.podman(["load", "-i", src.to_str().unwrap()]).ok();
    env.podman(["tag", &img.id()[7..19], "podimg:latest"]).ok();
    let file = env.root.join(format!("from-podman-{format}.tar"));
    env.podman([
        "save",
        "--format",
        format,
        "-o",
        file.to_str().unwrap(),
        "podimg:latest",
    ])
    .ok();
    load_and_run(&env, &file, "podimg", &img.id());
}

fn load_and_run(env: &Env, file: &Path, name: &str, id: &str) {
    env.load(file);
    assert_eq!(id_and_layers(env, name).0, id, "same image id as podman's");
    let run = env.skiff(["run", "--rm", name, "echo", "skiff ran it"]);
    assert_eq!(run.ok(), "skiff ran it\n", "{}", run.dump());
}

#[test]
fn skiff_loads_podman_oci_archive() {
    skiff_loads_podman("oci-archive");
}

#[test]
fn skiff_loads_podman_docker_archive() {
    skiff_loads_podman("docker-archive");
}

/// A file of the tar archive `data`, parsed as JSON.
fn archive_json(data: &[u8], name: &str) -> serde_json::Value {
    let mut ar = tar::Archive::new(data);
    for e in ar.entries().expect("a tar archive") {
        let mut e = e.expect("an entry");
        if e.path().expect("a path").to_str() == Some(name) {
            return serde_json::from_reader(&mut e).expect("JSON");
        }
    }
    panic!("{name} is not in the archive");
}

/// As `docker save`: an image saved by id carries no name (`RepoTags: null`, no
/// `repositories` entry, no OCI ref name); saved by a name, it carries that name and no other.
#[test]
fn save_by_id_writes_no_name_and_by_name_only_that_name() {
    let env = isolated_with_busybox();
    env.skiff(["tag", "busybox", "other:v2"]).ok();
    let id = busybox("busybox:latest").id();
    let saved = |format: &str, what: &str| {
        let out = env.skiff(["save", "--format", format, what]);
        out.ok();
        out.stdout_bytes
    };
    for what in [&id[7..19], id.as_str()] {
        let docker = saved("docker-archive", what);
        let m = archive_json(&docker, "manifest.json");
        assert_eq!(
            m[0]["RepoTags"],
            serde_json::Value::Null,
            "by id {what}: {m}"
        );
        let repos = archive_json(&docker, "repositories");
        assert_eq!(repos, serde_json::json!({}), "by id {what}");
        let oci = archive_json(&saved("oci-archive", what), "index.json");
        assert_eq!(oci["manifests"].as_array().map(Vec::len), Some(1), "{oci}");
        assert!(oci["manifests"][0]["annotations"].is_null(), "{oci}");
    }
    let m = archive_json(&saved("docker-archive", "busybox"), "manifest.json");
    assert_eq!(
        m[0]["RepoTags"],
        serde_json::json!(["localhost/busybox:latest"]),
        "{m}"
    );
    let oci = archive_json(&saved("oci-archive", "other:v2"), "index.json");
    let names: Vec<_> = oci["manifests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["annotations"]["org.opencontainers.image.ref.name"].clone())
        .collect();
    assert_eq!(names, [serde_json::json!("localhost/other:v2")], "{oci}");
}
