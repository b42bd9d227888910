//! `build` beyond the Dockerfile's instructions: the history a build writes, `builder prune`
//! and the cache's life cycle, the build flags (`--timestamp`, `--layers`, `--pull`...), and the
//! store after a killed build.
use crate::isolated_with_busybox;
use crate::support::Env;
use std::path::PathBuf;

/// A build context under the test's root with `files` (path, content) in it.
fn context(env: &Env, name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = env.root.join(name);
    for (path, content) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }
    dir
}

fn build(env: &Env, args: &[&str]) -> crate::support::Out {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    env.skiff(all)
}

fn is_hex(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The image's config blob as the store holds it.
fn image_config(env: &Env, image: &str) -> serde_json::Value {
    let out = env.skiff(["image", "inspect", "--format", "{{.Id}}", image]);
    let id = out.ok().trim().trim_start_matches("sha256:").to_string();
    let blob = env.store().join("blobs/sha256").join(id);
    serde_json::from_slice(&std::fs::read(&blob).unwrap()).unwrap()
}

const STEPS: &str = "\
FROM busybox
ARG V=1
ENV A=1
RUN echo x > /x
RUN [\"sh\", \"-c\", \"echo $V > /v\"]
COPY f /f
COPY d /d/
COPY f d /m/
WORKDIR /w
CMD [\"sh\"]
";

#[test]
fn history_shows_each_step_as_buildah_writes_it() {
    let env = isolated_with_busybox();
    let ctx = context(
        &env,
        "hist",
        &[("Dockerfile", STEPS), ("f", "hello\n"), ("d/y", "y\n")],
    );
    build(&env, &["-q", "-t", "hist", ctx.to_str().unwrap()]).ok();
    let out = env.skiff([
        "history",
        "--no-trunc",
        "--format",
        "{{.CreatedBy}}|{{.Size}}",
        "hist",
    ]);
    let lines: Vec<&str> = out.ok().lines().collect();
    let by: Vec<&str> = lines
        .iter()
        .map(|l| l.rsplit_once('|').unwrap().0)
        .collect();
    let hash = |s: &str, kind: &str, dest: &str| {
        let rest = s
            .strip_prefix(&format!("/bin/sh -c #(nop) COPY {kind}:"))
            .unwrap_or_else(|| panic!("{s:?} is no COPY {kind}:"));
        let (h, d) = rest.split_once(" in ").unwrap();
        assert!(is_hex(h, 64) && d == dest, "{s:?}");
    };
    assert_eq!(by[0], "/bin/sh -c #(nop) CMD [\"sh\"]", "{lines:?}");
    assert_eq!(by[1], "/bin/sh -c #(nop) WORKDIR /w");
    hash(by[2], "multi", "/m/");
    hash(by[3], "dir", "/d/");
    hash(by[4], "file", "/f");
    assert_eq!(
        by[5],
        "|1 V=1 /bin/sh -c [\"sh\", \"-c\", \"echo $V > /v\"]"
    );
    assert_eq!(by[6], "|1 V=1 /bin/sh -c echo x > /x");
    assert_eq!(by[7], "/bin/sh -c #(nop) ENV A=1");
    assert_eq!(by[8], "/bin/sh -c #(nop) ARG V");
    // Metadata-only steps made no layer: size 0, and the config marks them empty_layer.
    for i in [0, 1, 7, 8] {
        assert!(lines[i].ends_with("|0B"), "{}", lines[i]);
    }
    for l in &lines[2..=6] {
        assert!(!l.ends_with("|0B"), "{l}");
    }
    let config = image_config(&env, "hist");
    let h = config["history"].as_array().unwrap();
    let empty: Vec<bool> = h.iter().map(|e| e["empty_layer"] == true).collect();
    assert_eq!(
        &empty[empty.len() - 9..],
        &[true, true, false, false, false, false, false, true, true]
    );

    // Truncated by default; -q lists one id per row, the steps' own images where they exist.
    let table = env.skiff(["history", "hist"]);
    assert!(
        table.ok().contains("/bin/sh -c #(nop) COPY multi:") && table.ok().contains('…'),
        "{}",
        table.ok()
    );
    let q = env.skiff(["history", "-q", "hist"]);
    let ids: Vec<&str> = q.ok().lines().collect();
    assert_eq!(ids.len(), lines.len(), "{}", q.ok());
    assert!(is_hex(ids[0], 12), "{ids:?}");
    // The RUN and COPY steps' images are local: their ids show, as docker and podman show them.
    for id in &ids[2..=6] {
        assert!(is_hex(id, 12), "a step's image id, got {id}: {ids:?}");
    }
}
