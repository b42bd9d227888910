//! The image verbs on a local store: `load`, `images`/`image ls`, `image inspect`, `history`,
//! `tag`, `rmi`, `import`, and how references resolve.
use crate::support::image::{busybox, busybox_rootfs, gzip, PATH_ENV};
use crate::support::{is_hex, parse_table, table_header, Env};
use crate::{isolated_with_busybox, shared};
use std::collections::HashMap;

/// The `images` row whose REPOSITORY ends with `/repo` (or is `repo`) and whose TAG is `tag`.
#[track_caller]
fn row(text: &str, repo: &str, tag: &str) -> HashMap<String, String> {
    parse_table(text)
        .into_iter()
        .find(|r| {
            (r["REPOSITORY"] == repo || r["REPOSITORY"].ends_with(&format!("/{repo}")))
                && r["TAG"] == tag
        })
        .unwrap_or_else(|| panic!("no {repo}:{tag} row in\n{text}"))
}

#[test]
fn images_shows_dockers_columns_and_the_short_id() {
    let out = shared().skiff(["images"]);
    let text = out.ok();
    assert_eq!(
        table_header(text),
        ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"],
        "{}",
        out.dump()
    );
    let r = row(text, "busybox", "latest");
    assert_eq!(
        r["IMAGE ID"],
        busybox("busybox:latest").short_id(),
        "{}",
        out.dump()
    );
    assert!(r["CREATED"].ends_with(" ago"), "{}", out.dump());
    assert!(
        r["SIZE"].ends_with("MB") || r["SIZE"].ends_with("kB"),
        "{}",
        out.dump()
    );
}

#[test]
fn image_ls_is_images() {
    let env = shared();
    let a = env.skiff(["images"]);
    let b = env.skiff(["image", "ls"]);
    assert_eq!(table_header(a.ok()), table_header(b.ok()));
    let (a, b) = (
        row(a.ok(), "busybox", "latest"),
        row(b.ok(), "busybox", "latest"),
    );
    assert_eq!(a, b);
}

#[test]
fn images_quiet_no_trunc_and_digests() {
    let env = shared();
    let img = busybox("busybox:latest");
    let q = env.skiff(["images", "-q"]);
    assert!(
        q.ok().lines().all(|l| is_hex(l, 12)),
        "-q prints 12-hex ids only\n{}",
        q.dump()
    );
    assert!(q.ok().lines().any(|l| l == img.short_id()), "{}", q.dump());
    let nt = env.skiff(["images", "--no-trunc"]);
    assert_eq!(
        row(nt.ok(), "busybox", "latest")["IMAGE ID"],
        img.id(),
        "{}",
        nt.dump()
    );
    let d = env.skiff(["images", "--digests"]);
    assert_eq!(
        table_header(d.ok()),
        ["REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE"],
        "{}",
        d.dump()
    );
    assert_eq!(
        row(d.ok(), "busybox", "latest")["DIGEST"],
        img.manifest_digest(),
        "{}",
        d.dump()
    );
    let a = env.skiff(["images", "-a"]);
    row(a.ok(), "busybox", "latest");
}

#[test]
fn image_inspect_shows_the_config() {
    let env = shared();
    let img = busybox("busybox:latest");
    for argv in [
        &["image", "inspect", "busybox"][..],
        &["inspect", "busybox"][..],
    ] {
        let out = env.skiff(argv);
        let v: serde_json::Value = serde_json::from_str(out.ok())
            .unwrap_or_else(|e| panic!("not JSON: {e}\n{}", out.dump()));
        let i = &v[0];
        assert_eq!(i["Id"], img.id().as_str(), "{}", out.dump());
        assert_eq!(
            i["Config"]["Cmd"],
            serde_json::json!(["sh"]),
            "{}",
            out.dump()
        );
        assert_eq!(
            i["Config"]["Env"],
            serde_json::json!([PATH_ENV]),
            "{}",
            out.dump()
        );
        assert_eq!(i["Os"], "linux", "{}", out.dump());
        assert_eq!(i["Architecture"], "amd64", "{}", out.dump());
        assert_eq!(
            i["RootFS"]["Layers"],
            serde_json::json!(img.diff_ids()),
            "{}",
            out.dump()
        );
    }
}

#[test]
fn history_lists_the_layers() {
    let out = shared().skiff(["history", "busybox"]);
    let text = out.ok();
    assert_eq!(
        table_header(text),
        ["IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"],
        "{}",
        out.dump()
    );
    let rows = parse_table(text);
    assert_eq!(rows.len(), 1, "one history entry\n{}", out.dump());
    assert!(
        rows[0]["CREATED BY"].contains("skiff-tests layer 0"),
        "{}",
        out.dump()
    );
}

#[test]
fn references_resolve_by_name_id_prefix_and_digest() {
    let env = shared();
    let img = busybox("busybox:latest");
    let hex = img.id()[7..].to_string();
    let by_digest = format!("busybox@{}", img.manifest_digest());
    // The fully qualified name as `images` shows it (whichever registry prefix skiff gives a
    // loaded `busybox:latest`, the short name must resolve to it).
    let images = env.skiff(["images"]);
    let full = format!(
        "{}:latest",
        row(images.ok(), "busybox", "latest")["REPOSITORY"]
    );
    for r in [
        "busybox",
        "busybox:latest",
        &full,
        &hex[..12],
        &hex,
        &img.id(),
        &by_digest,
    ] {
        let out = env.skiff(["run", "--rm", r, "echo", "resolved"]);
        assert_eq!(out.ok(), "resolved\n", "reference {r}\n{}", out.dump());
    }
}

#[test]
fn unknown_tag_and_malformed_references_are_errors() {
    let env = shared();
    env.skiff(["run", "--rm", "busybox:no-such-tag", "true"])
        .engine_error(&["busybox:no-such-tag"]);
    // Docker's text: `Upper` is a registry host by Docker's rule, `Case` the repository.
    env.skiff(["run", "--rm", "Upper/Case", "true"])
        .engine_error(&["invalid reference format: repository name (Case) must be lowercase"]);
}

#[test]
fn load_prints_the_loaded_name() {
    let env = Env::isolated();
    let path = env.root.join("bb.tar");
    busybox("busybox:latest").write_oci(&path);
    let out = env.load(&path);
    assert!(
        out.stdout
            .lines()
            .any(|l| l.starts_with("Loaded image: ") && l.ends_with("busybox:latest")),
        "{}",
        out.dump()
    );
}

#[test]
fn load_reads_stdin_and_gzipped_docker_archives() {
    let env = Env::isolated();
    let img = busybox("busybox:latest");
    let out = env.sk(["load"]).stdin(img.oci_archive()).run();
    out.ok();
    // docker save | gzip, under another name: same image, second name.
    let named = busybox("gzipped:v1");
    let path = env.root.join("d.tar.gz");
    std::fs::write(&path, gzip(&named.docker_archive())).expect("write");
    env.load(&path);
    let images = env.skiff(["images"]);
    assert_eq!(
        row(images.ok(), "busybox", "latest")["IMAGE ID"],
        img.short_id()
    );
    assert_eq!(
        row(images.ok(), "gzipped", "v1")["IMAGE ID"],
        img.short_id()
    );
    let out = env.skiff(["run", "--rm", "gzipped:v1", "echo", "from docker-archive"]);
    assert_eq!(out.ok(), "from docker-archive\n", "{}", out.dump());
}

#[test]
fn load_warns_of_an_invalid_name_and_loads_the_image_untagged() {
    let env = Env::isolated();
    let mut img = busybox("");
    let path = env.root.join("named.tar");
    img.name = Some("Bad//Name".into());
    img.write_oci(&path);
    let out = env.load(&path);
    let warning = out.stderr.lines().find(|l| l.starts_with("warning: "));
    assert!(
        warning.is_some_and(|w| w.starts_with(
            "warning: ignoring the invalid image name \"Bad//Name\" in the archive: invalid reference format"
        )),
        "{}",
        out.dump()
    );
    assert_eq!(out.stdout, format!("Loaded image ID: {}\n", img.id()));
    let rows = parse_table(env.skiff(["images"]).ok());
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["REPOSITORY"], "<none>", "{rows:?}");
    assert_eq!(rows[0]["IMAGE ID"], img.short_id());

    // A docker-archive RepoTags entry that does not parse: the same.
    img.name = Some("Busybox:latest".into());
    std::fs::write(&path, img.docker_archive()).expect("write");
    let out = env.load(&path);
    assert!(
        out.stderr.contains(
            "warning: ignoring the invalid image name \"Busybox:latest\" in the archive: \
             invalid reference format: repository name (library/Busybox) must be lowercase"
        ),
        "{}",
        out.dump()
    );
    // A bare tag is what the OCI annotation may legitimately hold: no name, and no warning.
    img.name = Some("Stable-1.0".into());
    img.write_oci(&path);
    let out = env.load(&path);
    assert_eq!(out.stderr, "", "{}", out.dump());
    assert_eq!(parse_table(env.skiff(["images"]).ok()).len(), 1);
}

#[test]
fn tag_then_rmi_untags_then_deletes() {
    let env = isolated_with_busybox();
    let img = busybox("busybox:latest");
    env.skiff(["tag", "busybox", "mybox:v1"]).ok();
    let images = env.skiff(["images"]);
    assert_eq!(
        row(images.ok(), "mybox", "v1")["IMAGE ID"],
        img.short_id(),
        "{}",
        images.dump()
    );
    let out = env.skiff(["run", "--rm", "mybox:v1", "echo", "tagged"]);
    assert_eq!(out.ok(), "tagged\n");

    let out = env.skiff(["rmi", "mybox:v1"]);
    let text = out.ok();
    assert!(
        text.lines()
            .any(|l| l.starts_with("Untagged: ") && l.ends_with("mybox:v1")),
        "{}",
        out.dump()
    );
    assert!(
        !text.contains("Deleted:"),
        "another name still holds the image\n{}",
        out.dump()
    );
    env.skiff(["run", "--rm", "busybox", "true"]).ok();

    let out = env.skiff(["rmi", "busybox"]);
    assert!(
        out.ok()
            .lines()
            .any(|l| l == format!("Deleted: {}", img.id())),
        "{}",
        out.dump()
    );
    let q = env.skiff(["images", "-q"]);
    assert_eq!(q.ok(), "", "{}", q.dump());
    env.skiff(["run", "--rm", "busybox", "true"])
        .engine_error(&["busybox"]);
}

#[test]
fn rmi_refuses_an_image_a_container_uses() {
    let env = isolated_with_busybox();
    env.skiff(["create", "--name", "holder", "busybox", "true"])
        .ok();
    let short = env.container_id("holder")[..12].to_string();
    let out = env.skiff(["rmi", "busybox"]);
    assert_ne!(out.code, 0, "{}", out.dump());
    assert!(
        out.stderr.contains("holder") || out.stderr.contains(&short),
        "the error names the container\n{}",
        out.dump()
    );
    env.skiff(["run", "--rm", "busybox", "true"]).ok();
    env.skiff(["rm", "holder"]).ok();
    env.skiff(["rmi", "busybox"]).ok();
}

#[test]
fn import_makes_a_one_layer_image() {
    let env = Env::isolated();
    let path = env.root.join("rootfs.tar");
    std::fs::write(&path, busybox_rootfs()).expect("write rootfs");
    let out = env.skiff([
        "import",
        "--change",
        r#"CMD ["sh"]"#,
        "--change",
        "ENV FOO=imported",
        path.to_str().unwrap(),
        "imported",
    ]);
    let id = out.ok().trim().to_string();
    assert!(
        id.starts_with("sha256:") && is_hex(&id[7..], 64),
        "import prints the image id\n{}",
        out.dump()
    );
    let out = env
        .sk(["run", "--rm", "-i", "imported"])
        .stdin("echo $FOO\n")
        .run();
    assert_eq!(out.ok(), "imported\n", "{}", out.dump());
    // From stdin, with a gzipped tarball.
    env.sk(["import", "-", "fromstdin:v2"])
        .stdin(gzip(busybox_rootfs()))
        .run()
        .ok();
    let out = env.skiff(["run", "--rm", "fromstdin:v2", "echo", "hi"]);
    assert_eq!(out.ok(), "hi\n", "{}", out.dump());
    let inspect = env.skiff(["image", "inspect", "imported"]);
    let v: serde_json::Value = serde_json::from_str(inspect.ok()).expect("inspect JSON");
    assert_eq!(
        v[0]["RootFS"]["Layers"].as_array().map(Vec::len),
        Some(1),
        "{}",
        inspect.dump()
    );
}
