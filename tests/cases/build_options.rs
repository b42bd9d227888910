//! `build` flags that shape the RUN steps' processes (`--no-hosts`, `--ulimit`) and the
//! image written (`--format`, `--squash`), and the cache repositories (`--cache-to`,
//! `--cache-from`).
use crate::build_flags::{build, context, image_config};
use crate::isolated_with_busybox;
use crate::support::Env;

#[test]
fn no_hosts_and_ulimit_reach_the_run_steps() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\nCOPY hosts /etc/hosts\nRUN cat /etc/hosts\nRUN ulimit -n; ulimit -Hn\n";
    let ctx = context(
        &env,
        "opts",
        &[("Dockerfile", df), ("hosts", "10.9.8.7 image-marker\n")],
    );
    let c = ctx.to_str().unwrap();
    let out = build(&env, &["--no-hosts", "--ulimit", "nofile=64:128", c]);
    let text = out.ok();
    assert!(text.contains("10.9.8.7 image-marker"), "{}", out.dump());
    assert!(text.contains("\n64\n128\n"), "{}", out.dump());
    // Without them, skiff's /etc/hosts hides the image's and the limit is the default.
    let out = build(&env, &["--no-cache", c]);
    let text = out.ok();
    assert!(!text.contains("image-marker"), "{}", out.dump());
    assert!(text.contains("localhost"), "{}", out.dump());
    assert!(!text.contains("\n64\n128\n"), "{}", out.dump());
    // Bad values and a contradiction are errors before any step.
    for bad in [
        &["--ulimit", "nofile=x", c][..],
        &["--ulimit", "bogus=1", c],
        &["--ulimit", "nofile=10:5", c],
        &["--ulimit", "nofile=99999999999:99999999999", c],
        &["--no-hosts", "--add-host", "a:1.2.3.4", c],
    ] {
        let out = build(&env, bad);
        assert_eq!(out.code, 125, "{bad:?}: {}", out.dump());
        assert!(!out.stdout.contains("STEP"), "{bad:?}: {}", out.dump());
    }
}

/// The media type the store's index gives the image named `name`, and its manifest.
fn stored_manifest(env: &Env, name: &str) -> (String, serde_json::Value) {
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(env.store().join("index.json")).unwrap()).unwrap();
    let d = index["manifests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["annotations"]["org.opencontainers.image.ref.name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {index}"))
        .clone();
    let hex = d["digest"].as_str().unwrap().trim_start_matches("sha256:");
    let blob = std::fs::read(env.store().join("blobs/sha256").join(hex)).unwrap();
    (
        d["mediaType"].as_str().unwrap().to_string(),
        serde_json::from_slice(&blob).unwrap(),
    )
}

#[test]
fn format_docker_writes_docker_media_types_and_pushes_a_docker_manifest() {
    use crate::support::registry::{self, Kind, Registry};
    let env = isolated_with_busybox();
    let df = "FROM busybox\nRUN echo x > /x\nCMD [\"cat\", \"/x\"]\n";
    let ctx = context(&env, "fmt", &[("Dockerfile", df)]);
    let c = ctx.to_str().unwrap();
    build(&env, &["-q", "--format", "docker", "-t", "d", c]).ok();
    build(&env, &["-q", "--format", "oci", "-t", "o", c]).ok();
    let docker = "application/vnd.docker.distribution.manifest.v2+json";
    let (mt, m) = stored_manifest(&env, "localhost/d:latest");
    assert_eq!(mt, docker);
    assert_eq!(m["mediaType"], docker, "{m}");
    assert_eq!(
        m["config"]["mediaType"],
        "application/vnd.docker.container.image.v1+json"
    );
    for l in m["layers"].as_array().unwrap() {
        let t = l["mediaType"].as_str().unwrap();
        assert!(
            t.starts_with("application/vnd.docker.image.rootfs.diff.tar"),
            "{m}"
        );
    }
    // As buildah writes a Docker config: container_config is there (another id than OCI's).
    assert_eq!(image_config(&env, "d")["container_config"]["Cmd"][0], "cat");
    let (mt, m) = stored_manifest(&env, "localhost/o:latest");
    assert_eq!(mt, "application/vnd.oci.image.manifest.v1+json");
    assert_eq!(
        m["config"]["mediaType"],
        "application/vnd.oci.image.config.v1+json"
    );
    let run = ["run", "--rm", "--network", "none", "d"];
    assert_eq!(env.skiff(run).ok(), "x\n");
    let out = build(&env, &["--format", "v1", c]);
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.stderr.contains("oci or docker"), "{}", out.dump());
    // Pushed, the registry holds a Docker manifest.
    if !registry::available() {
        return;
    }
    let reg = Registry::start(Kind::Plain);
    let dest = format!("{}/fmt:v1", reg.host());
    env.skiff(["tag", "d", &dest]).ok();
    env.skiff(["push", "-q", &dest]).ok();
    let accept = format!("{docker}, application/vnd.oci.image.manifest.v1+json");
    let (status, headers, body) = registry::http(
        reg.port,
        "GET",
        "/v2/fmt/manifests/v1",
        &[("Accept", &accept)],
        b"",
    );
    assert_eq!(status, 200);
    let ct = headers.iter().find(|(k, _)| k == "content-type").unwrap();
    assert_eq!(ct.1, docker);
    let m: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(m["mediaType"], docker);
}

#[test]
fn squash_makes_the_final_stages_layers_one_over_the_base() {
    let env = isolated_with_busybox();
    let base_layers = image_config(&env, "busybox")["rootfs"]["diff_ids"]
        .as_array()
        .unwrap()
        .len();
    let df = "FROM busybox AS b\nRUN echo b > /b\nFROM busybox\nRUN echo one > /one && mkdir /gone && touch /gone/x\nRUN rm -r /gone /bin/ls && echo two > /two\nCOPY --from=b /b /b\nCMD [\"cat\", \"/one\", \"/two\", \"/b\"]\n";
    let ctx = context(&env, "squash", &[("Dockerfile", df)]);
    build(&env, &["-q", "--squash", "-t", "sq", ctx.to_str().unwrap()]).ok();
    let config = image_config(&env, "sq");
    let diff_ids = config["rootfs"]["diff_ids"].as_array().unwrap();
    assert_eq!(diff_ids.len(), base_layers + 1, "{config}");
    let base = image_config(&env, "busybox");
    assert_eq!(
        diff_ids[..base_layers],
        base["rootfs"]["diff_ids"].as_array().unwrap()[..]
    );
    let run = env.skiff(["run", "--rm", "--network", "none", "sq"]);
    assert_eq!(run.ok(), "one\ntwo\nb\n");
    // What the steps removed from the base stays removed (a whiteout in the one layer).
    for gone in ["/gone", "/bin/ls"] {
        let probe = ["run", "--rm", "--network", "none", "sq", "test", "-e", gone];
        assert_eq!(env.skiff(probe).code, 1, "{gone} is removed");
    }
    let probe = [
        "run",
        "--rm",
        "--network",
        "none",
        "sq",
        "/bin/busybox",
        "true",
    ];
    env.skiff(probe).ok();
    let h = config["history"].as_array().unwrap();
    let layers = h.iter().filter(|e| e["empty_layer"] != true).count();
    assert_eq!(layers, base_layers + 1, "{h:?}");
    let out = build(&env, &["--squash", "--squash-all", ctx.to_str().unwrap()]);
    assert_eq!(out.code, 125, "{}", out.dump());
}

#[test]
fn cache_to_tags_each_step_and_cache_from_finds_them_after_a_prune() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\nRUN echo one > /one\nCOPY f /f\nENV A=1\nRUN cat /one /f > /both\n";
    let ctx = context(&env, "cache", &[("Dockerfile", df), ("f", "f\n")]);
    let c = ctx.to_str().unwrap();
    build(&env, &["-q", "--cache-to", "stepcache", "-t", "app", c]).ok();
    let names = env.skiff(["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    let tagged: Vec<&str> = names
        .ok()
        .lines()
        .filter(|l| l.starts_with("localhost/stepcache:"))
        .collect();
    assert!(tagged.len() >= 3, "{tagged:?}");
    env.skiff(["rmi", "app"]).ok();
    env.skiff(["builder", "prune", "-a", "-f"]).ok();
    // No entries left: without --cache-from every step runs again...
    let out = build(&env, &[c]);
    assert!(!out.ok().contains("Using cache"), "{}", out.dump());
    env.skiff(["builder", "prune", "-a", "-f"]).ok();
    // ...and with it, each step is the repository's image.
    let out = build(&env, &["--cache-from", "localhost/stepcache", c]);
    let text = out.ok();
    assert_eq!(text.matches("Using cache").count(), 3, "{}", out.dump());
    // A registry's repository, or a tag, is refused, never ignored.
    for bad in [
        &["--cache-from", "registry.example.com/cache", c][..],
        &["--cache-to", "quay.io/user/cache", c],
        &["--cache-from", "stepcache:v1", c],
    ] {
        let out = build(&env, bad);
        assert_eq!(out.code, 125, "{bad:?}: {}", out.dump());
    }
}

#[test]
fn copy_chown_owns_the_directories_it_creates_as_buildah_does() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\nCOPY --chown=1000:1001 f /new/dir/\nCOPY --chown=7:8 d /new2/sub/\nCOPY --chown=5:6 f /etc/f\n";
    let ctx = context(
        &env,
        "chown",
        &[("Dockerfile", df), ("f", "f\n"), ("d/x", "x\n")],
    );
    build(&env, &["-q", "-t", "owned", ctx.to_str().unwrap()]).ok();
    let script =
        "stat -c '%n %u:%g' /new /new/dir /new/dir/f /new2 /new2/sub /new2/sub/x /etc /etc/f";
    let run = [
        "run",
        "--rm",
        "--network",
        "none",
        "owned",
        "sh",
        "-c",
        script,
    ];
    assert_eq!(
        env.skiff(run).ok(),
        "/new 1000:1001\n/new/dir 1000:1001\n/new/dir/f 1000:1001\n/new2 7:8\n/new2/sub 7:8\n/new2/sub/x 7:8\n/etc 0:0\n/etc/f 5:6\n"
    );
}

#[test]
fn a_killed_builds_secret_files_are_collected_by_the_next_build() {
    let env = isolated_with_busybox();
    let tok = env.root.join("tok");
    std::fs::write(&tok, "s3cret\n").unwrap();
    let df = "FROM busybox\nRUN --mount=type=secret,id=tok cat /run/secrets/tok && sleep 60\n";
    let ctx = context(&env, "secret", &[("Dockerfile", df)]);
    let temps = env.runtime_dir.join("skiff/build");
    let leftovers = || -> Vec<String> {
        std::fs::read_dir(&temps)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.starts_with(".tmp-"))
                    .collect()
            })
            .unwrap_or_default()
    };
    let secret = format!("id=tok,src={}", tok.display());
    let child = env
        .sk(["build", "--secret", &secret, ctx.to_str().unwrap()])
        .spawn();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while leftovers().is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // The step is running (its secret file exists): kill the build there.
    std::thread::sleep(std::time::Duration::from_millis(300));
    crate::support::kill_group(child.id() as i32);
    let _ = child.wait_with_output();
    assert_eq!(leftovers().len(), 1, "the killed build's secret file");
    let other = context(&env, "other", &[("Dockerfile", "FROM busybox\nRUN true\n")]);
    build(&env, &["-q", other.to_str().unwrap()]).ok();
    assert_eq!(leftovers(), Vec::<String>::new());
    assert_eq!(env.skiff(["ps", "-a", "-q"]).ok(), "");
}

#[test]
fn a_file_rewritten_with_its_old_size_and_mtime_is_hashed_again() {
    // Digests of context files are remembered by their stamps (device, inode, size, mtime,
    // ctime); a rewrite that restores size and mtime still changes ctime, so it is no hit.
    let env = isolated_with_busybox();
    let df = "FROM busybox\nCOPY f /f\n";
    let ctx = context(&env, "sums", &[("Dockerfile", df), ("f", "aaaa\n")]);
    let f = ctx.join("f");
    let old = std::fs::metadata(&f).unwrap().modified().unwrap();
    // Digests of files changed in the last two seconds are not kept (the racy case).
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let c = ctx.to_str().unwrap();
    build(&env, &["-q", "-t", "sums", c]).ok();
    assert!(env.store().join("build-cache/file-sums-v1").exists());
    assert!(build(&env, &["-t", "sums", c]).ok().contains("Using cache"));
    std::fs::write(&f, "bbbb\n").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&f)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let out = build(&env, &["-t", "sums", c]);
    assert!(!out.ok().contains("Using cache"), "{}", out.dump());
    let run = ["run", "--rm", "--network", "none", "sums", "cat", "/f"];
    assert_eq!(env.skiff(run).ok(), "bbbb\n");
}
