//! `pull` (and the registry client) against a real registry on loopback: plain HTTP, TLS with
//! a CA in certs.d, htpasswd basic auth and token auth; zstd layers, multi-arch indexes, bad
//! input and `kill -9` mid-pull.
use crate::support::image::{busybox, busybox_plus, Image};
use crate::support::registry::{
    self, http, image_id, pulled_id, pushed_digest, Hanging, Kind, Registry, PASS, USER,
};
use crate::support::{kill_group, parse_table, wait_timeout, Env};
use std::time::{Duration, Instant};

/// A fresh env and a registry of `kind` holding busybox as `busybox:latest`.
fn setup(kind: Kind) -> Option<(Env, Registry, Image)> {
    if !registry::available() || !crate::support::have_tool("skopeo") {
        return None;
    }
    let env = Env::isolated();
    let reg = Registry::start(kind);
    let img = busybox("busybox:latest");
    reg.seed(&env, &img, "busybox:latest", &[]);
    Some((env, reg, img))
}

/// The manifest digest the registry serves for `repo:tag`.
pub fn remote_digest(reg: &Registry, repo_tag: &str) -> String {
    let (repo, tag) = repo_tag.split_once(':').unwrap();
    let (status, headers, _) = http(
        reg.port,
        "HEAD",
        &format!("/v2/{repo}/manifests/{tag}"),
        &[(
            "Accept",
            "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json",
        )],
        b"",
    );
    assert_eq!(status, 200, "HEAD manifest {repo_tag}");
    headers
        .into_iter()
        .find(|(k, _)| k == "docker-content-digest")
        .map(|(_, v)| v)
        .expect("Docker-Content-Digest")
}

#[track_caller]
fn assert_store_usable(env: &Env) {
    env.skiff(["images"]).ok();
}

#[test]
fn pull_by_tag_then_by_digest_and_run() {
    let Some((env, reg, img)) = setup(Kind::Plain) else {
        return;
    };
    let name = format!("{}/busybox", reg.host());
    let out = env.skiff(["pull", &name]);
    assert_eq!(
        out.ok(),
        format!("{name}:latest\n"),
        "pull ends with the reference, as Docker's\n{}",
        out.dump()
    );
    assert_eq!(image_id(&env, &name), img.id());
    let digest = remote_digest(&reg, "busybox:latest");
    let rows = parse_table(env.skiff(["images", "--digests", "--no-trunc"]).ok());
    assert_eq!(
        rows[0]["DIGEST"], digest,
        "images --digests shows the registry's digest"
    );
    let v: serde_json::Value =
        serde_json::from_str(env.skiff(["image", "inspect", &name]).ok()).unwrap();
    assert_eq!(v[0]["RepoDigests"][0], format!("{name}@{digest}"));
    let out = env.skiff(["run", "--rm", &name, "echo", "pulled"]);
    assert_eq!(out.ok(), "pulled\n", "{}", out.dump());

    // -q prints only the reference, as Docker's; a second pull finds every layer in place.
    let out = env.skiff(["pull", "-q", &name]);
    assert_eq!(out.ok(), format!("{name}:latest\n"));
    assert!(out.stderr.trim().is_empty(), "{}", out.dump());

    env.skiff(["rmi", &name]).ok();
    let by_digest = format!("{name}@{digest}");
    let out = env.skiff(["pull", &by_digest]);
    assert_eq!(out.ok(), format!("{by_digest}\n"), "{}", out.dump());
    assert_eq!(image_id(&env, &by_digest), img.id());
    let out = env.skiff(["run", "--rm", &by_digest, "echo", "by-digest"]);
    assert_eq!(out.ok(), "by-digest\n", "{}", out.dump());
}

#[test]
fn zstd_image_pulls_and_runs() {
    let Some((env, reg, _)) = setup(Kind::Plain) else {
        return;
    };
    let img = busybox_plus("z:latest", |t| {
        t.file("zstd-file", 0o644, b"from a zstd layer\n");
    });
    reg.seed(
        &env,
        &img,
        "zimg:latest",
        &["--dest-compress-format", "zstd"],
    );
    let (_, _, body) = http(
        reg.port,
        "GET",
        "/v2/zimg/manifests/latest",
        &[("Accept", "application/vnd.oci.image.manifest.v1+json")],
        b"",
    );
    assert!(
        String::from_utf8_lossy(&body).contains("zstd"),
        "skopeo made zstd layers: {}",
        String::from_utf8_lossy(&body)
    );
    let name = format!("{}/zimg", reg.host());
    env.skiff(["pull", &name]).ok();
    let out = env.skiff(["run", "--rm", &name, "cat", "/zstd-file"]);
    assert_eq!(out.ok(), "from a zstd layer\n", "{}", out.dump());
}

#[test]
fn multi_arch_index_picks_the_platform() {
    let Some((env, reg, amd)) = setup(Kind::Plain) else {
        return;
    };
    let arm = busybox_plus("arm:latest", |t| {
        t.file("arch", 0o644, b"arm64\n");
    });
    reg.seed(&env, &arm, "busybox:arm64", &[]);
    let entry = |tag: &str, arch: &str| {
        let d = remote_digest(&reg, &format!("busybox:{tag}"));
        let (_, _, body) = http(
            reg.port,
            "GET",
            &format!("/v2/busybox/manifests/{d}"),
            &[("Accept", "application/vnd.oci.image.manifest.v1+json")],
            b"",
        );
        serde_json::json!({
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "digest": d, "size": body.len(),
            "platform": {"os": "linux", "architecture": arch}
        })
    };
    let index = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [entry("arm64", "arm64"), entry("latest", "amd64")],
    });
    let (status, _, body) = http(
        reg.port,
        "PUT",
        "/v2/busybox/manifests/multi",
        &[("Content-Type", "application/vnd.oci.image.index.v1+json")],
        index.to_string().as_bytes(),
    );
    assert_eq!(status, 201, "{}", String::from_utf8_lossy(&body));
    let name = format!("{}/busybox:multi", reg.host());
    let out = env.skiff(["pull", "-q", &name]);
    assert_eq!(
        pulled_id(&env, &out),
        amd.id(),
        "the host's platform (amd64)"
    );
    let out = env.skiff(["pull", "-q", "--platform", "linux/arm64", &name]);
    assert_eq!(pulled_id(&env, &out), arm.id(), "--platform picks arm64");
    env.skiff(["pull", "--platform", "linux/s390x", &name])
        .engine_error(&[
            "no image for platform linux/s390x",
            "linux/arm64, linux/amd64",
        ]);
}

#[test]
fn bad_references_and_unknown_images() {
    let Some((env, reg, _)) = setup(Kind::Plain) else {
        return;
    };
    env.skiff(["pull", "Busy:box"]).engine_error(&[
        "invalid reference format: repository name (library/Busy) must be lowercase",
    ]);
    env.skiff(["pull", "busybox:-bad"])
        .engine_error(&["tag \"-bad\""]);
    env.skiff(["pull", "busybox@sha256:123"])
        .engine_error(&["digest \"sha256:123\""]);
    let missing = format!("{}/nothere:v1", reg.host());
    env.skiff(["pull", &missing])
        .engine_error(&[&format!("image \"{missing}\" not found in {}", reg.host())]);
    env.skiff(["pull", &format!("{}/busybox:nosuchtag", reg.host())])
        .engine_error(&["not found in"]);
    assert_store_usable(&env);
}

#[test]
fn hanging_registry_times_out() {
    let env = Env::isolated();
    let h = Hanging::start();
    let out = env
        .sk(["pull", &format!("127.0.0.1:{}/x", h.port)])
        .env("SKIFF_REGISTRY_TIMEOUT", "1s")
        .run();
    out.engine_error(&[
        &format!("registry 127.0.0.1:{} did not answer within 1s", h.port),
        "SKIFF_REGISTRY_TIMEOUT",
    ]);
}

#[test]
fn corrupt_and_truncated_blobs_are_refused() {
    let Some((env, reg, img)) = setup(Kind::Plain) else {
        return;
    };
    let name = format!("{}/busybox", reg.host());
    let layer = &img.layers[0].digest;
    let data = reg.blob_data(layer);
    let good = std::fs::read(&data).unwrap();
    let mut bad = good.clone();
    let mid = bad.len() / 2;
    bad[mid] ^= 0xff;
    std::fs::write(&data, &bad).unwrap();
    env.skiff(["pull", &name]).engine_error(&[
        &format!("layer {layer} arrived with digest"),
        "nothing was stored",
    ]);
    assert_eq!(
        env.skiff(["images", "-q"]).ok(),
        "",
        "nothing half-pulled is listed"
    );
    std::fs::write(&data, &good[..good.len() / 3]).unwrap();
    env.skiff(["pull", &name])
        .engine_error(&[&format!("layer {layer} is truncated"), "pull again"]);
    assert_eq!(env.skiff(["images", "-q"]).ok(), "");
    std::fs::write(&data, &good).unwrap();
    let out = env.skiff(["pull", "-q", &name]);
    assert_eq!(pulled_id(&env, &out), img.id());
    let leftovers: Vec<_> = std::fs::read_dir(env.store().join("layers"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temp layers left: {leftovers:?}");
}

#[test]
fn tls_registry_needs_its_ca_in_certs_d() {
    let Some((env, reg, img)) = setup(Kind::Tls) else {
        return;
    };
    let name = format!("{}/busybox", reg.host());
    env.skiff(["pull", &name]).engine_error(&[
        &format!(
            "cannot verify the TLS certificate of registry {}",
            reg.host()
        ),
        &format!("certs.d/{}/ca.crt", reg.host()),
        "--tls-verify=false",
    ]);
    let out = env.skiff(["pull", "-q", "--tls-verify=false", &name]);
    assert_eq!(pulled_id(&env, &out), img.id());
    env.skiff(["rmi", &name]).ok();
    reg.trust(&env);
    let out = env.skiff(["pull", "-q", &name]);
    assert_eq!(pulled_id(&env, &out), img.id(), "{}", out.dump());
}

#[test]
fn basic_auth_registry_wants_credentials() {
    let Some((env, reg, img)) = setup(Kind::Basic) else {
        return;
    };
    let name = format!("{}/busybox", reg.host());
    env.skiff(["pull", &name]).engine_error(&[
        "authentication required",
        &format!("skiff login {}", reg.host()),
    ]);
    let out = env.skiff(["pull", "-q", "--creds", &format!("{USER}:wrong"), &name]);
    assert!(
        !out.stderr.contains("wrong"),
        "no password in errors\n{}",
        out.dump()
    );
    out.engine_error(&[&format!("skiff login {}", reg.host())]);
    let out = env.skiff(["pull", "-q", "--creds", &format!("{USER}:{PASS}"), &name]);
    assert_eq!(pulled_id(&env, &out), img.id(), "{}", out.dump());
}

#[test]
fn token_auth_registry_gives_anonymous_pull_tokens() {
    let Some((env, reg, img)) = setup(Kind::Token) else {
        return;
    };
    let name = format!("{}/busybox", reg.host());
    let out = env.skiff(["pull", "-q", &name]);
    assert_eq!(
        pulled_id(&env, &out),
        img.id(),
        "anonymous bearer token\n{}",
        out.dump()
    );
    env.skiff(["rmi", &name]).ok();
    let out = env.skiff(["pull", "-q", "--creds", &format!("{USER}:{PASS}"), &name]);
    assert_eq!(
        pulled_id(&env, &out),
        img.id(),
        "token for a user\n{}",
        out.dump()
    );
    env.skiff(["pull", "--creds", &format!("{USER}:nope"), &name])
        .engine_error(&[
            "refused the credentials",
            &format!("skiff login {}", reg.host()),
        ]);
}

#[test]
fn registries_conf_remaps_a_prefix_and_uses_a_mirror() {
    let Some((env, reg, img)) = setup(Kind::Plain) else {
        return;
    };
    let conf = env.config_home.join("containers");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(
        conf.join("registries.conf"),
        format!(
            "unqualified-search-registries = [\"example.invalid\"]\n\
             [[registry]]\nprefix = \"example.invalid/lib\"\nlocation = \"{0}\"\n\
             [[registry]]\nprefix = \"mirrored.invalid\"\nlocation = \"mirrored.invalid\"\n\
             [[registry.mirror]]\nlocation = \"{0}\"\n",
            reg.host()
        ),
    )
    .unwrap();
    let out = env.skiff(["pull", "-q", "example.invalid/lib/busybox"]);
    assert_eq!(pulled_id(&env, &out), img.id(), "{}", out.dump());
    let out = env.skiff(["pull", "-q", "mirrored.invalid/busybox"]);
    assert_eq!(pulled_id(&env, &out), img.id(), "{}", out.dump());
    let rows = parse_table(env.skiff(["images"]).ok());
    assert!(
        rows.iter()
            .any(|r| r["REPOSITORY"] == "example.invalid/lib/busybox"),
        "the image keeps the name the user asked for: {rows:?}"
    );
}

#[test]
fn concurrent_pulls_of_one_image_share_the_work() {
    let Some((env, reg, img)) = setup(Kind::Plain) else {
        return;
    };
    let name = format!("{}/busybox", reg.host());
    let a = env.sk(["pull", "-q", &name]).spawn();
    let b = env.sk(["pull", "-q", &name]).spawn();
    for c in [a, b] {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let reference = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert_eq!(reference, format!("{name}:latest"));
        assert_eq!(image_id(&env, &reference), img.id());
    }
    let out = env.skiff(["run", "--rm", &name, "echo", "ok"]);
    assert_eq!(out.ok(), "ok\n");
}

/// `kill -9` at a fault point of the pull, 20 times in a row (rotating over the points); the
/// store stays usable each time and the last pull completes and runs.
#[test]
fn pull_killed_twenty_times_leaves_a_usable_store() {
    let Some((env, reg, _)) = setup(Kind::Plain) else {
        return;
    };
    let img = busybox_plus("two:latest", |t| {
        t.file("second", 0o644, b"second layer\n");
    });
    reg.seed(&env, &img, "two:latest", &[]);
    let name = format!("{}/two", reg.host());
    let points = [
        "pull.blob-written",
        "pull.layer-unpacked",
        "pull.before-index",
    ];
    for i in 0..20 {
        let point = points[i % points.len()];
        let mark = env.root.join(format!("mark-{i}"));
        let mut child = env
            .sk(["pull", "-q", &name])
            .env("SKIFF_FAULT_POINT", point)
            .env("SKIFF_FAULT_MARK", &mark)
            .spawn();
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut finished = false;
        while !mark.exists() {
            if child.try_wait().unwrap().is_some() {
                finished = true; // nothing left to do at that point: the image is complete
                break;
            }
            if Instant::now() > deadline {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let reached = finished || mark.exists();
        if !finished {
            kill_group(child.id() as i32);
            let _ = child.kill();
            wait_timeout(&mut child, Duration::from_secs(10)).expect("killed");
        } else {
            let _ = child.wait();
        }
        assert!(reached, "pull did not reach {point} within 30 s");
        assert_store_usable(&env);
        if i % 7 == 6 {
            // Now and then a complete pull in between, and a removal, so later kills hit a
            // store with layers present.
            env.skiff(["pull", "-q", &name]).ok();
            env.skiff(["rmi", &name]).ok();
        }
    }
    let out = env.skiff(["pull", "-q", &name]);
    assert_eq!(pulled_id(&env, &out), img.id(), "{}", out.dump());
    let out = env.skiff(["run", "--rm", &name, "cat", "/second"]);
    assert_eq!(out.ok(), "second layer\n", "{}", out.dump());
}

#[test]
fn push_then_rmi_then_pull_gives_the_same_image() {
    if !registry::available() {
        return;
    }
    let env = crate::isolated_with_busybox();
    let reg = Registry::start(Kind::Plain);
    let name = format!("{}/mine:v1", reg.host());
    env.skiff(["tag", "busybox", &name]).ok();
    let digestfile = env.root.join("digest");
    let out = env.skiff(["push", "--digestfile", digestfile.to_str().unwrap(), &name]);
    let digest = pushed_digest(&reg, &out, "mine:v1");
    assert!(digest.starts_with("sha256:"), "{}", out.dump());
    assert_eq!(std::fs::read_to_string(&digestfile).unwrap(), digest);
    assert_eq!(
        remote_digest(&reg, "mine:v1"),
        digest,
        "the manifest went verbatim"
    );
    let again = env.skiff(["push", &name]);
    assert!(
        again.stderr.contains("Layer already exists"),
        "{}",
        again.dump()
    );
    // -q prints the reference pushed, as Docker's.
    let quiet = env.skiff(["push", "-q", &name]);
    assert_eq!(quiet.ok(), format!("{name}\n"), "{}", quiet.dump());
    env.skiff(["rmi", &name, "busybox"]).ok();
    let out = env.skiff(["pull", "-q", &name]);
    assert_eq!(pulled_id(&env, &out), busybox("busybox:latest").id());
    if crate::support::have_tool("skopeo") {
        let mut c = env.command("skopeo");
        c.args(["inspect", "--tls-verify=false", &format!("docker://{name}")]);
        let out = crate::support::run_cmd(c, None, Duration::from_secs(60));
        assert!(out.ok().contains(&digest), "{}", out.dump());
    }
    if crate::support::have_tool("podman") {
        let out = env.podman(["pull", "-q", "--tls-verify=false", &name]);
        assert_eq!(
            out.ok().trim(),
            &busybox("busybox:latest").id()[7..],
            "podman pulls it"
        );
    }
}

#[test]
fn login_writes_podmans_auth_json_and_logout_removes_it() {
    if !registry::available() {
        return;
    }
    let env = crate::isolated_with_busybox();
    let reg = Registry::start(Kind::Basic);
    let host = reg.host();
    let name = format!("{host}/private:v1");
    env.skiff(["tag", "busybox", &name]).ok();
    env.skiff(["push", &name])
        .engine_error(&["authentication required", &format!("skiff login {host}")]);
    let out = env
        .sk(["login", "-u", USER, "--password-stdin", &host])
        .stdin("wrong-password\n")
        .run();
    assert!(!out.stderr.contains("wrong-password"), "{}", out.dump());
    out.engine_error(&[&format!("skiff login {host}")]);
    let authfile = env.runtime_dir.join("containers/auth.json");
    assert!(!authfile.exists(), "a failed login stores nothing");
    let out = env
        .sk(["login", "-u", USER, "--password-stdin", &host])
        .stdin(format!("{PASS}\n"))
        .run();
    assert_eq!(out.ok(), "Login Succeeded!\n");
    use std::os::unix::fs::PermissionsExt;
    let md = std::fs::metadata(&authfile).expect("auth.json where podman keeps it");
    assert_eq!(md.permissions().mode() & 0o777, 0o600);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&authfile).unwrap()).unwrap();
    assert!(v["auths"][&host]["auth"].is_string(), "{v}");
    if crate::support::have_tool("podman") {
        let out = env.podman(["login", "--get-login", &host]);
        assert_eq!(out.ok().trim(), USER, "podman reads skiff's login");
    }
    env.skiff(["push", "-q", &name]).ok();
    env.skiff(["rmi", &name]).ok();
    env.skiff(["pull", "-q", &name]).ok();
    assert_eq!(
        env.skiff(["logout", &host]).ok(),
        format!("Removed login credentials for {host}\n")
    );
    env.skiff(["logout", &host])
        .engine_error(&[&format!("not logged into {host}")]);
    env.skiff(["pull", &format!("{host}/private:v1")])
        .engine_error(&[&format!("skiff login {host}")]);
}

#[test]
fn token_auth_push_after_login() {
    if !registry::available() {
        return;
    }
    let env = crate::isolated_with_busybox();
    let reg = Registry::start(Kind::Token);
    let host = reg.host();
    let name = format!("{host}/tok:v1");
    env.skiff(["tag", "busybox", &name]).ok();
    env.skiff(["push", &name])
        .engine_error(&[&format!("skiff login {host}")]);
    env.sk(["login", "-u", USER, "--password-stdin", &host])
        .stdin(PASS)
        .run()
        .ok();
    env.skiff(["push", "-q", &name]).ok();
    env.skiff(["rmi", &name]).ok();
    let out = env.skiff(["pull", "-q", &name]);
    assert_eq!(pulled_id(&env, &out), busybox("busybox:latest").id());
}

#[test]
fn run_pulls_a_missing_image_per_the_pull_policy() {
    let Some((env, reg, img)) = setup(Kind::Plain) else {
        return;
    };
    let name = format!("{}/busybox", reg.host());
    // --pull=never refuses, and nothing is stored.
    let out = env.skiff(["run", "--rm", "--pull", "never", &name, "true"]);
    out.engine_error(&["not found locally", "--pull=never"]);
    assert!(env.skiff(["images", "-q"]).ok().trim().is_empty());
    // The default (missing) pulls, then runs; the pulled image is the registry's.
    let out = env.skiff(["run", "--rm", &name, "echo", "ran"]);
    assert_eq!(out.ok(), "ran\n", "{}", out.dump());
    let ids = env.skiff(["images", "-q", "--no-trunc"]);
    assert_eq!(ids.ok().trim(), img.id());
    // create --pull=always checks the registry again and still creates.
    let out = env.skiff(["create", "--pull", "always", "-q", &name, "true"]);
    assert_eq!(
        out.ok().trim().len(),
        64,
        "create prints the id\n{}",
        out.dump()
    );
}

#[test]
fn push_compression_format_recompresses_the_layers() {
    if !registry::available() {
        return;
    }
    let env = crate::isolated_with_busybox();
    let reg = Registry::start(Kind::Plain);
    for (format, magic) in [
        ("zstd", &[0x28u8, 0xb5, 0x2f, 0xfd][..]),
        ("gzip", &[0x1f, 0x8b][..]),
    ] {
        let name = format!("{}/re-{format}:v1", reg.host());
        env.skiff(["tag", "busybox", &name]).ok();
        let out = env.skiff(["push", "--compression-format", format, &name]);
        let digest = pushed_digest(&reg, &out, &format!("re-{format}:v1"));
        assert_eq!(remote_digest(&reg, &format!("re-{format}:v1")), digest);
        // The registry holds a manifest naming the format, and layer bytes that really are it.
        let accept = [("Accept", "application/vnd.oci.image.manifest.v1+json")];
        let (_, _, body) = http(
            reg.port,
            "GET",
            &format!("/v2/re-{format}/manifests/v1"),
            &accept,
            b"",
        );
        let m: serde_json::Value = serde_json::from_slice(&body).expect("manifest json");
        let layer = &m["layers"][0];
        assert!(
            layer["mediaType"]
                .as_str()
                .unwrap()
                .ends_with(&format!("+{format}")),
            "{m}"
        );
        let blob_path = format!(
            "/v2/re-{format}/blobs/{}",
            layer["digest"].as_str().unwrap()
        );
        let (_, _, blob) = http(reg.port, "GET", &blob_path, &[], b"");
        assert!(blob.starts_with(magic), "a {format} layer");
        // Pulled back into a fresh store, it is the same image and runs.
        let other = Env::isolated();
        let out = other.skiff(["pull", "-q", &name]);
        assert_eq!(pulled_id(&other, &out), busybox("busybox:latest").id());
        let out = other.skiff(["run", "--rm", &name, "echo", "ok"]);
        assert_eq!(out.ok(), "ok\n", "{}", out.dump());
    }
}
