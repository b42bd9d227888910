//! Named and anonymous volumes (issue 13): shared between containers with rootless ownership,
//! kept after `rm`, refused by `volume rm` while in use, copied up from the image (or not, with
//! `nocopy`), `--volumes-from`, the image's VOLUME, the `volume` verbs, `inspect`'s `Mounts`,
//! `ps --filter volume`, and `kill -9` at every step that writes a volume.
use crate::support::image::{busybox_layer, Image, Layer, Tar};
use crate::support::{kill_group, sub_ranges, wait_timeout, Env};
use crate::{isolated_with_busybox, shared, unique_name};
use serde_json::Value;
use std::os::unix::fs::MetadataExt;
use std::time::{Duration, Instant};

fn data(env: &Env, vol: &str) -> std::path::PathBuf {
    env.store().join("volumes").join(vol).join("_data")
}

fn inspect(env: &Env, what: &[&str]) -> Value {
    let mut args = vec!["inspect"];
    args.extend(what);
    serde_json::from_str(env.skiff(args).ok()).unwrap()
}

/// Written by uid 1000 in one container, read and appended by another, kept after both are
/// removed; `volume rm` fails naming the containers while they exist.
#[test]
fn named_volume_is_shared_owned_by_the_subordinate_id_and_outlives_containers() {
    let env = shared();
    let (vol, a, b) = (unique_name("vol"), unique_name("va"), unique_name("vb"));
    // U: the volume is chowned to the container's user (1000), who can then write it.
    let va = format!("{vol}:/d:U");
    let vb = format!("{vol}:/d");
    env.skiff([
        "run",
        "--name",
        &a,
        "-u",
        "1000",
        "-v",
        &va,
        "busybox",
        "sh",
        "-c",
        "echo one > /d/f",
    ])
    .ok();
    let out = env.skiff([
        "run",
        "--name",
        &b,
        "-u",
        "1000",
        "-v",
        &vb,
        "busybox",
        "sh",
        "-c",
        "cat /d/f; echo two >> /d/f",
    ]);
    assert_eq!(out.ok(), "one\n");
    let ((uid0, _), _) = sub_ranges();
    let md = std::fs::metadata(data(env, &vol).join("f")).unwrap();
    assert_eq!(
        md.uid(),
        uid0 + 999,
        "uid 1000 inside is the subordinate id 1000-1 outside"
    );
    let out = env.skiff(["volume", "rm", &vol]);
    out.engine_error(&["in use", &a, &b]);
    env.skiff(["rm", &a, &b]).ok();
    let out = env.skiff(["run", "--rm", "-v", &vb, "busybox", "cat", "/d/f"]);
    assert_eq!(out.ok(), "one\ntwo\n");
    assert_eq!(env.skiff(["volume", "rm", &vol]).ok(), format!("{vol}\n"));
    env.skiff(["volume", "exists", &vol]).code_is(1);
}

#[test]
fn a_new_volume_is_copied_up_from_the_image_unless_nocopy() {
    let env = shared();
    let (v1, v2, v3) = (unique_name("cu"), unique_name("nc"), unique_name("nc"));
    let m1 = format!("{v1}:/etc");
    let out = env.skiff(["run", "--rm", "-v", &m1, "busybox", "ls", "/etc"]);
    assert!(out.ok().lines().any(|l| l == "passwd"), "{}", out.stdout);
    assert!(data(env, &v1).join("passwd").exists());
    let m2 = format!("{v2}:/etc:nocopy");
    let out = env.skiff(["run", "--rm", "-v", &m2, "busybox", "ls", "/etc"]);
    assert!(!out.ok().lines().any(|l| l == "passwd"), "{}", out.stdout);
    let m3 = format!("type=volume,src={v3},dst=/etc,volume-nocopy");
    let out = env.skiff(["run", "--rm", "--mount", &m3, "busybox", "ls", "/etc"]);
    assert!(!out.ok().lines().any(|l| l == "passwd"), "{}", out.stdout);
    // A volume with content is not copied into again.
    let out = env.skiff(["run", "--rm", "-v", &m2, "busybox", "ls", "/etc"]);
    assert!(!out.ok().lines().any(|l| l == "passwd"));
    env.skiff(["volume", "rm", &v1, &v2, &v3]).ok();
}

#[test]
fn volume_names_follow_docker_pattern() {
    let env = shared();
    env.skiff(["volume", "create", "../x"])
        .engine_error(&["\"../x\"", "invalid characters"]);
    let out = env.skiff([
        "create",
        "--mount",
        "type=volume,src=../x,dst=/x",
        "busybox",
    ]);
    out.engine_error(&["invalid characters"]);
    env.skiff(["volume", "inspect", "../x"])
        .engine_error(&["no such volume"]);
}

#[test]
fn volumes_from_shares_mounts_read_only_with_ro() {
    let env = shared();
    let (vol, src) = (unique_name("vf"), unique_name("vfsrc"));
    let v = format!("{vol}:/shared");
    env.skiff(["create", "--name", &src, "-v", &v, "busybox"])
        .ok();
    env.skiff([
        "run",
        "--rm",
        "--volumes-from",
        &src,
        "busybox",
        "sh",
        "-c",
        "echo hi > /shared/f",
    ])
    .ok();
    let ro = format!("{src}:ro");
    let out = env.skiff([
        "run",
        "--rm",
        "--volumes-from",
        &ro,
        "busybox",
        "sh",
        "-c",
        "cat /shared/f; touch /shared/g",
    ]);
    assert_eq!(out.stdout, "hi\n");
    assert!(
        out.stderr.contains("Read-only file system"),
        "{}",
        out.stderr
    );
    env.skiff(["rm", &src]).ok();
    env.skiff(["volume", "rm", &vol]).ok();
}

#[test]
fn inspect_shows_mounts_and_ps_filters_by_volume() {
    let env = shared();
    let (vol, name, dir) = (unique_name("iv"), unique_name("ic"), unique_name("ib"));
    let v = format!("{vol}:/data");
    let b = format!("./{dir}:/b:ro");
    env.skiff([
        "create",
        "--name",
        &name,
        "-v",
        &v,
        "-v",
        &b,
        "--mount",
        "type=tmpfs,dst=/t,tmpfs-size=1m",
        "busybox",
    ])
    .ok();
    let j = &inspect(env, &[&name])[0];
    let mounts = j["Mounts"].as_array().unwrap();
    let by = |d: &str| {
        mounts
            .iter()
            .find(|m| m["Destination"] == d)
            .unwrap()
            .clone()
    };
    let m = by("/data");
    assert_eq!(
        (m["Type"].as_str(), m["Name"].as_str(), m["Driver"].as_str()),
        (Some("volume"), Some(vol.as_str()), Some("local"))
    );
    assert_eq!(m["RW"], true);
    assert_eq!(m["Source"], data(env, &vol).to_string_lossy().as_ref());
    let m = by("/b");
    assert_eq!(
        (m["Type"].as_str(), m["Mode"].as_str(), m["RW"].as_bool()),
        (Some("bind"), Some("ro"), Some(false))
    );
    assert_eq!(m["Propagation"], "rprivate");
    assert_eq!(m["Source"], env.root.join(&dir).to_string_lossy().as_ref());
    assert_eq!(by("/t")["Type"], "tmpfs");
    let binds = j["HostConfig"]["Binds"].as_array().unwrap();
    assert!(binds.contains(&Value::from(v.clone())), "{binds:?}");
    assert_eq!(j["HostConfig"]["Mounts"][0]["Target"], "/t");
    let fv = format!("volume={vol}");
    let ps = env.skiff(["ps", "-a", "--filter", &fv, "--format", "{{.Names}}"]);
    assert_eq!(ps.ok(), format!("{name}\n"));
    env.skiff(["rm", &name]).ok();
    env.skiff(["volume", "rm", &vol]).ok();
}

/// busybox with `/data/seed` and `VOLUME /data`.
fn volume_image(name: &str) -> Image {
    let mut t = Tar::new();
    t.dir("data", 0o755)
        .file("data/seed", 0o644, b"from the image\n");
    Image::with_config(
        name,
        vec![busybox_layer(), Layer::gzip(t.finish())],
        serde_json::json!({"Cmd": ["sh"], "Volumes": {"/data": {}}}),
    )
}

#[test]
fn image_volume_is_an_anonymous_volume_removed_by_rm_v_and_run_rm() {
    let env = isolated_with_busybox();
    let tar = env.root.join("vimg.tar");
    volume_image("vimg:latest").write_oci(&tar);
    env.load(&tar);
    env.skiff(["volume", "create", "named"]).ok();
    env.skiff([
        "create",
        "--name",
        "cv",
        "-v",
        "named:/n",
        "vimg",
        "cat",
        "/data/seed",
    ])
    .ok();
    let anon = env
        .skiff([
            "volume",
            "ls",
            "-q",
            "--filter",
            "label=com.docker.volume.anonymous",
        ])
        .ok()
        .trim()
        .to_string();
    assert_eq!(anon.len(), 64, "one anonymous volume: {anon:?}");
    assert_eq!(env.skiff(["start", "-a", "cv"]).ok(), "from the image\n");
    assert_eq!(
        inspect(&env, &["cv"])[0]["Config"]["Volumes"],
        serde_json::json!({"/data": {}})
    );
    env.skiff(["rm", "-v", "cv"]).ok();
    assert_eq!(
        env.skiff(["volume", "ls", "-q"]).ok(),
        "named\n",
        "rm -v keeps named volumes"
    );
    env.skiff([
        "run", "--rm", "-v", "/tmpvol", "-v", "named:/n", "vimg", "true",
    ])
    .ok();
    assert_eq!(
        env.skiff(["volume", "ls", "-q"]).ok(),
        "named\n",
        "run --rm removes its anonymous volumes"
    );
}

#[test]
fn volume_verbs_create_ls_inspect_prune_export_import() {
    let env = isolated_with_busybox();
    assert_eq!(
        env.skiff(["volume", "create", "--label", "app=web", "web"])
            .ok(),
        "web\n"
    );
    let gen = env.skiff(["volume", "create"]).ok().trim().to_string();
    assert_eq!(gen.len(), 64);
    let j: Value = serde_json::from_str(env.skiff(["volume", "inspect", "web"]).ok()).unwrap();
    let j = &j[0];
    for k in [
        "Name",
        "Driver",
        "Mountpoint",
        "Labels",
        "Options",
        "Scope",
        "CreatedAt",
    ] {
        assert!(j.get(k).is_some(), "volume inspect lacks {k}: {j}");
    }
    assert_eq!(
        (j["Driver"].as_str(), j["Scope"].as_str()),
        (Some("local"), Some("local"))
    );
    assert_eq!(j["Labels"]["app"], "web");
    let ls = env.skiff(["volume", "ls"]).ok().to_string();
    assert!(ls.starts_with("DRIVER    VOLUME NAME\n"), "{ls}");
    assert_eq!(
        env.skiff(["volume", "ls", "-q", "--filter", "label=app=web"])
            .ok(),
        "web\n"
    );
    assert_eq!(
        env.skiff([
            "volume",
            "ls",
            "--filter",
            "name=we",
            "--format",
            "{{.Name}} {{.Driver}}"
        ])
        .ok(),
        "web local\n"
    );
    env.skiff(["create", "--name", "user", "-v", "web:/w", "busybox"])
        .ok();
    assert_eq!(
        env.skiff(["volume", "ls", "-q", "--filter", "dangling=true"])
            .ok(),
        format!("{gen}\n")
    );
    env.skiff(["volume", "exists", "web"]).code_is(0);
    env.skiff(["volume", "rm", "nosuch"])
        .engine_error(&["no such volume"]);
    env.skiff(["volume", "rm", "-f", "nosuch"]).ok();
    // export / import: a tar round trip into another volume.
    env.skiff([
        "run",
        "--rm",
        "-v",
        "web:/w",
        "busybox",
        "sh",
        "-c",
        "mkdir /w/d; echo x > /w/d/f",
    ])
    .ok();
    let tar = env.root.join("web.tar");
    env.skiff(["volume", "export", "-o", tar.to_str().unwrap(), "web"])
        .ok();
    env.skiff(["volume", "create", "copy"]).ok();
    env.skiff(["volume", "import", "copy", tar.to_str().unwrap()])
        .ok();
    assert_eq!(
        env.skiff(["run", "--rm", "-v", "copy:/c", "busybox", "cat", "/c/d/f"])
            .ok(),
        "x\n"
    );
    // prune: anonymous volumes only, unless -a; never one in use.
    env.skiff(["run", "-v", "/anon", "--name", "keep", "busybox", "true"])
        .ok();
    env.skiff(["rm", "keep"]).ok();
    let pruned = env.skiff(["volume", "prune", "-f"]).ok().to_string();
    assert!(pruned.starts_with("Deleted Volumes:\n"), "{pruned}");
    assert!(
        !pruned.contains("copy") && !pruned.contains(&gen),
        "{pruned}"
    );
    let all = env.skiff(["volume", "prune", "-af"]).ok().to_string();
    assert!(
        all.contains("copy") && all.contains(&gen) && !all.contains("web"),
        "{all}"
    );
    assert_eq!(env.skiff(["volume", "ls", "-q"]).ok(), "web\n");
}

/// Runs `args` until it reaches `point`, then kills its process group.
fn kill_at(env: &Env, args: &[&str], point: &str) {
    let mark = env.root.join("fault.mark");
    let _ = std::fs::remove_file(&mark);
    let mut child = env
        .sk(args)
        .env("SKIFF_FAULT_POINT", point)
        .env("SKIFF_FAULT_MARK", &mark)
        .spawn();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !mark.exists() {
        if let Some(st) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            panic!(
                "{args:?} ended ({st}) before {point}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert!(Instant::now() < deadline, "{args:?} did not reach {point}");
        std::thread::sleep(Duration::from_millis(10));
    }
    kill_group(child.id() as i32);
    wait_timeout(&mut child, Duration::from_secs(10)).expect("skiff did not die");
}

/// After each kill: every listed volume is whole, and the next run with a volume works.
fn check_store(env: &Env) {
    let ls = env.skiff(["volume", "ls", "-q"]).ok().to_string();
    for v in ls.lines() {
        assert!(
            data(env, v).is_dir(),
            "volume {v} listed without its data dir"
        );
    }
    let out = env.skiff([
        "run",
        "--rm",
        "-v",
        "after:/etc",
        "busybox",
        "cat",
        "/etc/passwd",
    ]);
    assert!(out.ok().starts_with("root:"), "{}", out.stdout);
}

#[test]
fn kill_9_during_volume_create_rm_v_and_copy_up_leaves_no_half_volume() {
    let env = isolated_with_busybox();
    for i in 0..10 {
        let n = format!("k{i}");
        kill_at(&env, &["volume", "create", &n], "volume.create-tmp");
        env.skiff(["volume", "exists", &n]).code_is(1);
        let m = format!("cu{i}:/etc");
        kill_at(
            &env,
            &["run", "--rm", "-v", &m, "busybox", "true"],
            "volume.copy-up",
        );
        // The volume is there, empty: the next container copies up again.
        let out = env.skiff(["run", "--rm", "-v", &m, "busybox", "cat", "/etc/passwd"]);
        assert!(out.ok().starts_with("root:"), "{}", out.stdout);
        let c = format!("rv{i}");
        env.skiff(["create", "--name", &c, "-v", "/anon", "busybox"])
            .ok();
        kill_at(&env, &["rm", "-v", &c], "remove.volumes");
        env.skiff(["container", "exists", &c]).code_is(1);
        check_store(&env);
    }
    // What the killed rm -v left is an unused anonymous volume: prune collects it.
    env.skiff(["volume", "prune", "-f"]).ok();
    let left = env.skiff(["volume", "ls", "-q"]).ok().to_string();
    assert!(left.lines().all(|l| l.len() < 64), "{left}");
}

/// The local driver's `device=DIR,o=bind` and `type=tmpfs`; others are refused.
#[test]
fn local_driver_options_bind_a_dir_or_make_a_tmpfs() {
    let env = shared();
    let (bv, tv, dir) = (
        unique_name("devb"),
        unique_name("devt"),
        unique_name("devdir"),
    );
    let d = env.root.join(&dir);
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("host-file"), "hi\n").unwrap();
    let dev = format!("device={}", d.display());
    env.skiff(["volume", "create", "-o", &dev, "-o", "o=bind", &bv])
        .ok();
    let m = format!("{bv}:/b");
    assert_eq!(
        env.skiff(["run", "--rm", "-v", &m, "busybox", "cat", "/b/host-file"])
            .ok(),
        "hi\n"
    );
    env.skiff([
        "volume",
        "create",
        "-o",
        "type=tmpfs",
        "-o",
        "o=size=1m",
        &tv,
    ])
    .ok();
    let m = format!("{tv}:/t");
    let out = env.skiff([
        "run",
        "--rm",
        "-v",
        &m,
        "busybox",
        "grep",
        " /t ",
        "/proc/mounts",
    ]);
    assert!(out.ok().starts_with("tmpfs /t tmpfs"), "{}", out.stdout);
    env.skiff([
        "volume",
        "create",
        "-o",
        "type=nfs",
        "-o",
        "device=:/x",
        &unique_name("nfs"),
    ])
    .engine_error(&["not supported rootless"]);
    env.skiff(["volume", "rm", &bv, &tv]).ok();
    assert!(
        d.join("host-file").exists(),
        "volume rm of a bind volume keeps the host's files"
    );
}
