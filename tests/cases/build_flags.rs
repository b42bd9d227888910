//! `build` beyond the Dockerfile's instructions: the history a build writes, `builder prune`
//! and the cache's life cycle, the build flags (`--timestamp`, `--squash-all`, `-` as the
//! context...), and the store after a killed build.
use crate::isolated_with_busybox;
use crate::support::Env;
use std::path::PathBuf;

/// A build context under the test's root with `files` (path, content) in it.
pub(crate) fn context(env: &Env, name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = env.root.join(name);
    for (path, content) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }
    dir
}

pub(crate) fn build(env: &Env, args: &[&str]) -> crate::support::Out {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    env.skiff(all)
}

fn is_hex(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The image's config blob as the store holds it.
pub(crate) fn image_config(env: &Env, image: &str) -> serde_json::Value {
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

/// The untagged images `images -a` lists (`<none>` rows), by short id.
fn untagged(env: &Env) -> Vec<String> {
    let out = env.skiff(["images", "-a", "--format", "{{.Repository}} {{.ID}}"]);
    out.ok()
        .lines()
        .filter_map(|l| l.strip_prefix("<none> ").map(str::to_string))
        .collect()
}

const PRUNED: &str = "\
FROM busybox AS builder
RUN echo built > /artefact
FROM busybox
COPY f /f
RUN cat /f > /g
COPY --from=builder /artefact /artefact
";

#[test]
fn builder_prune_removes_unused_steps_and_all_with_a() {
    let env = isolated_with_busybox();
    let ctx = context(&env, "prune", &[("Dockerfile", PRUNED), ("f", "one\n")]);
    let ctx = ctx.to_str().unwrap();
    build(&env, &["-t", "app", ctx]).ok();
    let first = untagged(&env);
    assert!(first.len() >= 3, "{first:?}");

    // Without -f and without a terminal it refuses and removes nothing.
    let out = env.sk(["builder", "prune"]).stdin("y\n").run();
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.stderr.contains("-f"), "{}", out.dump());
    assert_eq!(untagged(&env), first);

    // The tag moves to a new build: the old build's steps are no step of a tagged image.
    std::fs::write(format!("{ctx}/f"), "two\n").unwrap();
    build(&env, &["-t", "app", ctx]).ok();
    let out = env.skiff(["builder", "prune", "-f"]);
    let text = out.ok();
    assert!(text.starts_with("Deleted build cache objects:\n"), "{text}");
    assert!(
        text.lines()
            .last()
            .unwrap()
            .starts_with("Total reclaimed space: "),
        "{text}"
    );
    assert!(!text.ends_with("space: 0B\n"), "{text}");
    let left = untagged(&env);
    assert!(left.len() < first.len() + 3, "{first:?} then {left:?}");
    // The steps app is built on are still cached; the builder stage's step is no step of a
    // tagged image (Docker's classic dangling images): it runs again, and the COPY --from of
    // its new image after it.
    let again = build(&env, &["-t", "app", ctx]);
    assert_eq!(
        again.ok().matches("--> Using cache").count(),
        2,
        "{}",
        again.ok()
    );
    env.skiff(["builder", "prune", "-f"]).ok();
    // Nothing unused is left: a second prune removes nothing.
    let out = env.skiff(["builder", "prune", "-f"]);
    assert_eq!(out.ok(), "Total reclaimed space: 0B\n");

    // -a removes every entry and step image; the tagged image stays and runs.
    env.skiff(["builder", "prune", "-a", "-f"]).ok();
    assert_eq!(untagged(&env), Vec::<String>::new());
    let run = env.skiff([
        "run",
        "--rm",
        "--network",
        "none",
        "app",
        "cat",
        "/g",
        "/artefact",
    ]);
    assert_eq!(run.ok(), "two\nbuilt\n");
    let again = build(&env, &["-t", "app", ctx]);
    assert!(!again.ok().contains("Using cache"), "{}", again.ok());
}

#[test]
fn a_removed_step_image_is_a_cache_miss_and_its_entry_goes() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\nRUN echo one > /one\nRUN echo two > /two\n";
    let ctx = context(&env, "miss", &[("Dockerfile", df)]);
    let ctx = ctx.to_str().unwrap();
    let out = build(&env, &["-t", "app", ctx]);
    let made: Vec<&str> = out
        .ok()
        .lines()
        .filter_map(|l| l.strip_prefix("--> "))
        .collect();
    // Untag app (the second step's image), then remove the first RUN's: both entries now name
    // a gone image.
    env.skiff(["rmi", "app"]).ok();
    env.skiff(["rmi", made[0]]).ok();
    let cache = env.store().join("build-cache");
    let entries = || std::fs::read_dir(&cache).unwrap().count();
    assert_eq!(entries(), 2);
    // Dangling entries are what prune without -a removes first.
    let out = env.skiff(["builder", "prune", "-f"]);
    assert_eq!(out.ok().lines().count(), 5, "two keys: {}", out.ok());
    assert_eq!(entries(), 0);
    let out = build(&env, &["-t", "app", ctx]);
    assert!(!out.ok().contains("Using cache"), "{}", out.ok());
    assert_eq!(entries(), 2);
    // An entry whose image went (rmi) is a miss, and is removed when the build finds it.
    let made: Vec<String> = out
        .ok()
        .lines()
        .filter_map(|l| l.strip_prefix("--> ").map(str::to_string))
        .collect();
    env.skiff(["rmi", "app"]).ok();
    env.skiff(["rmi", &made[0]]).ok();
    let df2 = "FROM busybox\nRUN echo one > /one\nRUN exit 3\n";
    std::fs::write(format!("{ctx}/Dockerfile"), df2).unwrap();
    assert_eq!(build(&env, &[ctx]).code, 1);
    // The first step's entry names its new image; the second's still names a gone one. Prune
    // collects it, and the failed build's step, which no tagged image uses.
    assert_eq!(entries(), 2);
    let out = env.skiff(["builder", "prune", "-f"]);
    assert_eq!(out.ok().lines().count(), 5, "two keys: {}", out.ok());
    assert_eq!(entries(), 0);
    std::fs::write(format!("{ctx}/Dockerfile"), df).unwrap();
    build(&env, &["-t", "app", ctx]).ok();
    env.skiff([
        "run",
        "--rm",
        "--network",
        "none",
        "app",
        "cat",
        "/one",
        "/two",
    ])
    .ok();
}

/// Sets `path`'s mtime to `secs` since the epoch.
fn set_mtime(path: &std::path::Path, secs: u64) {
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

const REPRO: &str = "\
FROM busybox
COPY f /app/f
RUN echo x > /x && mkdir -p /made/here
ENV A=1
";

#[test]
fn timestamp_and_source_date_epoch_make_one_image_id_from_different_mtimes() {
    let env = isolated_with_busybox();
    let ctx = context(&env, "repro", &[("Dockerfile", REPRO), ("f", "same\n")]);
    let f = ctx.join("f");
    let c = ctx.to_str().unwrap();
    let id = |args: &[&str]| {
        let mut all = vec!["-q", "--no-cache"];
        all.extend_from_slice(args);
        all.push(c);
        build(&env, &all).ok().trim().to_string()
    };
    set_mtime(&f, 1_000_000_000);
    let a = id(&["--timestamp", "0", "-t", "repro"]);
    set_mtime(&f, 1_700_000_000);
    // A second apart, so that anything taken from the clock would differ.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let b = id(&["--timestamp", "0"]);
    assert_eq!(a, b, "--timestamp 0 twice gives one image id");
    assert_ne!(id(&[]), a, "without it, the created times differ");

    let created = env.skiff(["image", "inspect", "--format", "{{.Created}}", "repro"]);
    assert!(created.ok().starts_with("1970-01-01"), "{}", created.ok());
    let run = [
        "run",
        "--rm",
        "--network",
        "none",
        "repro",
        "stat",
        "-c",
        "%Y %n",
        "/app/f",
        "/app",
        "/x",
        "/made/here",
    ];
    let out = env.skiff(run);
    assert_eq!(
        out.ok(),
        "0 /app/f\n0 /app\n0 /x\n0 /made/here\n",
        "every file of the new layers has mtime 0"
    );

    // SOURCE_DATE_EPOCH (the environment, or a build arg) sets the created times and clamps
    // mtimes: the same id from different mtimes, and no later mtime than the epoch.
    let epoch = 1_600_000_000u64;
    let with_epoch = |mtime: u64| {
        set_mtime(&f, mtime);
        let out = env
            .sk(["build", "-q", "--no-cache", c])
            .env("SOURCE_DATE_EPOCH", epoch.to_string())
            .run();
        out.ok().trim().to_string()
    };
    let a = with_epoch(1_700_000_000);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let b = with_epoch(1_650_000_000);
    assert_eq!(a, b);
    let arg = format!("SOURCE_DATE_EPOCH={epoch}");
    assert_eq!(id(&["--build-arg", &arg]), a);
    let out = env.skiff([
        "run",
        "--rm",
        "--network",
        "none",
        &a,
        "stat",
        "-c",
        "%Y",
        "/x",
    ]);
    assert_eq!(out.ok().trim(), epoch.to_string());
    // An older file keeps its mtime under the clamp.
    set_mtime(&f, 1_000_000_000);
    let old = id(&["--build-arg", &arg]);
    let out = env.skiff([
        "run",
        "--rm",
        "--network",
        "none",
        &old,
        "stat",
        "-c",
        "%Y",
        "/app/f",
    ]);
    assert_eq!(out.ok().trim(), "1000000000");

    let bad = build(&env, &["--timestamp", "yesterday", c]);
    assert_eq!(bad.code, 125, "{}", bad.dump());
    assert!(bad.stderr.contains("--timestamp"), "{}", bad.dump());
}

#[test]
fn a_tar_or_a_dockerfile_on_stdin_is_the_context() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\nCOPY f /f\nRUN cat /f\n";
    let ctx = context(
        &env,
        "stdin",
        &[("Dockerfile", df), ("f", "from-the-tar\n")],
    );
    let tar = std::process::Command::new("tar")
        .args(["-C", ctx.to_str().unwrap(), "-czf", "-", "."])
        .output()
        .unwrap();
    assert!(tar.status.success());
    let out = env
        .sk(["build", "-t", "fromtar", "-"])
        .stdin(tar.stdout)
        .run();
    assert!(
        out.ok().lines().any(|l| l == "from-the-tar"),
        "{}",
        out.dump()
    );

    // A bare Dockerfile: an empty context, so RUN works and COPY has nothing to copy.
    let out = env
        .sk(["build", "-t", "bare", "-"])
        .stdin("FROM busybox\nRUN echo bare-ran\n")
        .run();
    assert!(out.ok().lines().any(|l| l == "bare-ran"), "{}", out.dump());
    let out = env.sk(["build", "-"]).stdin(df).run();
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.stderr.contains("f"), "{}", out.dump());
    // Both from stdin is an error.
    let out = env.sk(["build", "-f", "-", "-"]).stdin(df).run();
    assert_eq!(out.code, 125, "{}", out.dump());
    // No temp context is left beside the blobs.
    let left: Vec<_> = std::fs::read_dir(env.store().join("blobs/sha256"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_type().unwrap().is_dir())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_dockerfiles_own_ignore_file_wins_over_the_contexts() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\nCOPY . /app/\n";
    let ctx = context(
        &env,
        "ign",
        &[
            ("build/app.Dockerfile", df),
            ("build/app.Dockerfile.dockerignore", "b\n"),
            (".dockerignore", "a\n"),
            ("a", "a"),
            ("b", "b"),
        ],
    );
    let c = ctx.to_str().unwrap();
    let file = ctx.join("build/app.Dockerfile");
    build(&env, &["-q", "-t", "ign", "-f", file.to_str().unwrap(), c]).ok();
    let ls = ["run", "--rm", "--network", "none", "ign", "ls", "/app"];
    let out = env.skiff(ls);
    let names: Vec<&str> = out.ok().lines().collect();
    assert!(names.contains(&"a") && !names.contains(&"b"), "{names:?}");
    // Without it, the context's .dockerignore applies.
    std::fs::remove_file(ctx.join("build/app.Dockerfile.dockerignore")).unwrap();
    build(&env, &["-q", "-t", "ign", "-f", file.to_str().unwrap(), c]).ok();
    let out = env.skiff(ls);
    let names: Vec<&str> = out.ok().lines().collect();
    assert!(!names.contains(&"a") && names.contains(&"b"), "{names:?}");
}

#[test]
fn add_host_reaches_run_steps_and_rm_false_is_refused() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\nRUN cat /etc/hosts\n";
    let ctx = context(&env, "hosts", &[("Dockerfile", df)]);
    let c = ctx.to_str().unwrap();
    let out = build(&env, &["--add-host", "db.example:10.1.2.3", c]);
    let text = out.ok();
    assert!(
        text.lines()
            .any(|l| l.starts_with("10.1.2.3") && l.contains("db.example")),
        "{text}"
    );
    let bad = build(&env, &["--add-host", "nocolon", c]);
    assert_eq!(bad.code, 125, "{}", bad.dump());
    for flag in ["--rm=false", "--force-rm=false"] {
        let out = build(&env, &[flag, c]);
        assert_eq!(out.code, 125, "{}", out.dump());
        assert!(
            out.stderr.contains("intermediate containers"),
            "{}",
            out.dump()
        );
    }
    build(&env, &["--rm", "--force-rm=true", "-q", c]).ok();
}

const KILLED: &str = "\
FROM busybox
COPY f /f
RUN sleep 0.1 && echo a > /a
COPY g /g
RUN sleep 0.1 && cat /f /g > /fg
ENV X=1
RUN echo done > /done
";

#[test]
fn kill_9_of_a_build_at_random_points_leaves_a_usable_store() {
    let env = isolated_with_busybox();
    let ctx = context(
        &env,
        "killed",
        &[("Dockerfile", KILLED), ("f", "f\n"), ("g", "g\n")],
    );
    let c = ctx.to_str().unwrap();
    // Even runs rebuild all; odd ones use the cache the earlier ones left. Each kind is timed
    // once, and the kills land at 5-90% of its duration, so each lands mid-build.
    let args = |no_cache: bool| {
        let mut a = vec!["build", "-t", "app", c];
        if no_cache {
            a.insert(1, "--no-cache");
        }
        a
    };
    let timed = |no_cache: bool| {
        let t = std::time::Instant::now();
        env.sk(args(no_cache)).run().ok();
        t.elapsed().as_millis() as u64
    };
    // The first build fills the cache, so the cached one is timed as it then runs.
    let spans = [timed(true), timed(false), timed(true)];
    let spans = [spans[1], spans[2]];
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    let (mut delays, mut early) = (Vec::new(), Vec::new());
    while delays.len() < 10 {
        assert!(
            early.len() < 30,
            "builds of {spans:?} ms ended before their kill: {early:?}"
        );
        let no_cache = delays.len() % 2 == 0;
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let ms = spans[usize::from(no_cache)] * (5 + (seed >> 33) % 86) / 100;
        let child = env.sk(args(no_cache)).spawn();
        std::thread::sleep(std::time::Duration::from_millis(ms));
        // No `try_wait` first: here it reported running builds as exited 0. A build that had
        // ended shows its exit code, not the signal, and does not count.
        crate::support::kill_group(child.id() as i32);
        let out = child.wait_with_output().unwrap();
        match std::os::unix::process::ExitStatusExt::signal(&out.status) {
            Some(9) => delays.push(ms),
            _ => early.push((ms, out.status)),
        }
    }
    eprintln!("builds took {spans:?} ms; killed at {delays:?} ms; ended first at {early:?} ms");
    // The next build works, and collects the killed builds' step containers.
    let out = build(&env, &["-t", "app", c]);
    assert_eq!(out.code, 0, "delays {delays:?}: {}", out.dump());
    let ps = env.skiff(["ps", "-a", "-q"]);
    assert_eq!(ps.ok(), "", "delays {delays:?}: a step container is left");
    // ps hides a killed build's step container: the store must not have one either, nor the
    // trash of one whose removal a kill cut short.
    let containers: Vec<String> = std::fs::read_dir(env.store().join("containers"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let check = env.skiff(["system", "check"]);
    assert_eq!(
        containers,
        Vec::<String>::new(),
        "delays {delays:?}: a step container is left; {}",
        check.dump()
    );
    // Nothing is damaged: `system check` finds at most leftovers of the killed work (temp
    // and trash entries no later command has collected yet), which its repair removes.
    assert!(
        check
            .stdout
            .lines()
            .all(|l| l.contains("left by interrupted work")),
        "delays {delays:?}: {}",
        check.dump()
    );
    env.skiff(["system", "check", "--repair"]).ok();
    assert_eq!(env.skiff(["system", "check"]).ok(), "", "delays {delays:?}");
    let images = env.skiff(["images", "-a", "-q", "--no-trunc"]);
    let ids = images.ok().to_string();
    // Every cache entry names an image of the store.
    for e in std::fs::read_dir(env.store().join("build-cache"))
        .unwrap()
        .flatten()
    {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".json") {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(e.path()).unwrap()).unwrap();
        let image = v["image"].as_str().unwrap();
        assert!(
            ids.contains(image),
            "delays {delays:?}: {name} names {image}, not in {ids}"
        );
    }
    let run = [
        "run",
        "--rm",
        "--network",
        "none",
        "app",
        "cat",
        "/fg",
        "/done",
    ];
    assert_eq!(env.skiff(run).ok(), "f\ng\ndone\n");
    let again = build(&env, &["-t", "app", c]);
    assert_eq!(
        again.ok().matches("Using cache").count(),
        5,
        "{}",
        again.ok()
    );
}

#[test]
fn a_change_in_an_early_run_rebuilds_every_later_step() {
    let env = isolated_with_busybox();
    let df = |early: &str| {
        format!("FROM busybox\nRUN echo {early} > /early\nCOPY f /f\nRUN cat /early /f > /both\nENV Z=1\n")
    };
    let ctx = context(&env, "early", &[("Dockerfile", &df("one")), ("f", "f\n")]);
    let c = ctx.to_str().unwrap();
    build(&env, &["-t", "app", c]).ok();
    let again = build(&env, &["-t", "app", c]);
    assert_eq!(
        again.ok().matches("Using cache").count(),
        4,
        "{}",
        again.ok()
    );
    std::fs::write(ctx.join("Dockerfile"), df("two")).unwrap();
    let out = build(&env, &["-t", "app", c]);
    assert!(!out.ok().contains("Using cache"), "{}", out.ok());
    let run = ["run", "--rm", "--network", "none", "app", "cat", "/both"];
    assert_eq!(env.skiff(run).ok(), "two\nf\n");
}

#[test]
fn squash_all_gives_one_layer_with_the_whole_file_system() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\nRUN echo one > /one && mkdir /gone && touch /gone/x\nRUN rm -r /gone && echo two > /two\nCMD [\"cat\", \"/one\", \"/two\"]\n";
    let ctx = context(&env, "squash", &[("Dockerfile", df)]);
    build(
        &env,
        &["-q", "--squash-all", "-t", "sq", ctx.to_str().unwrap()],
    )
    .ok();
    let config = image_config(&env, "sq");
    assert_eq!(
        config["rootfs"]["diff_ids"].as_array().unwrap().len(),
        1,
        "{config}"
    );
    let run = env.skiff(["run", "--rm", "--network", "none", "sq"]);
    assert_eq!(run.ok(), "one\ntwo\n");
    let probe = [
        "run",
        "--rm",
        "--network",
        "none",
        "sq",
        "test",
        "-e",
        "/gone",
    ];
    assert_eq!(
        env.skiff(probe).code,
        1,
        "a removed directory stays removed"
    );
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
    // The history still tells the steps, all of them empty but the squashed layer's.
    let h = config["history"].as_array().unwrap();
    let layers = h.iter().filter(|e| e["empty_layer"] != true).count();
    assert_eq!(layers, 1, "{h:?}");
    assert!(h
        .iter()
        .any(|e| e["created_by"].as_str().unwrap().contains("rm -r /gone")));
}

#[test]
fn layers_false_keeps_no_step_image_and_no_cache() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\nRUN echo one > /one\nENV A=1\nCOPY f /f\nRUN cat /one /f > /both\n";
    let ctx = context(&env, "nolayers", &[("Dockerfile", df), ("f", "f\n")]);
    let c = ctx.to_str().unwrap();
    let cache = env.store().join("build-cache");
    let entries = || {
        std::fs::read_dir(&cache).map_or(0, |d| {
            d.flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
                .count()
        })
    };
    build(&env, &["-q", "--layers=false", "-t", "app", c]).ok();
    assert_eq!(untagged(&env), Vec::<String>::new());
    assert_eq!(entries(), 0);
    let run = ["run", "--rm", "--network", "none", "app", "cat", "/both"];
    assert_eq!(env.skiff(run).ok(), "one\nf\n");
    // Nothing cached, so nothing hit (the first app, untagged, is the only <none> image); a
    // failing build leaves nothing either.
    let first = env.skiff(["image", "inspect", "--format", "{{.Id}}", "app"]);
    let first = first.ok().trim().trim_start_matches("sha256:")[..12].to_string();
    let out = build(&env, &["--layers=false", "-t", "app", c]);
    assert!(!out.ok().contains("Using cache"), "{}", out.ok());
    std::fs::write(ctx.join("Dockerfile"), format!("{df}RUN exit 4\n")).unwrap();
    assert_eq!(build(&env, &["--layers=false", c]).code, 1);
    assert_eq!(untagged(&env), vec![first]);
    assert_eq!(entries(), 0);
    // The default keeps them.
    assert_eq!(build(&env, &["-q", "--layers", c]).code, 1);
    assert!(untagged(&env).len() > 1);
    assert!(entries() > 0);
}
