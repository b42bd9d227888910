//! `build`: Dockerfiles built into images (multi-stage, the layer cache, config instructions)
//! and the errors that must leave nothing behind.
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

/// True when a line of `out` is `word` (RUN output, not the STEP line naming it).
fn printed(out: &str, word: &str) -> bool {
    out.lines().any(|l| l == word)
}

fn inspect_config(env: &Env, image: &str) -> serde_json::Value {
    let out = env.skiff(["image", "inspect", image]);
    let v: serde_json::Value = serde_json::from_str(out.ok()).unwrap();
    v[0]["Config"].clone()
}

const MULTI: &str = "\
FROM busybox AS builder
RUN echo builder-ran && echo artefact-content > /artefact && touch /builder-only
FROM busybox
RUN echo final-ran
COPY --from=builder /artefact /app/artefact
CMD [\"cat\", \"/app/artefact\"]
";

#[test]
fn multi_stage_keeps_only_the_artefact_and_target_builds_only_its_stage() {
    let env = isolated_with_busybox();
    let ctx = context(&env, "multi", &[("Dockerfile", MULTI)]);
    let ctx = ctx.to_str().unwrap();
    let out = build(&env, &["-t", "app", ctx]);
    let stdout = out.ok();
    assert!(
        stdout.contains("[1/2] STEP 1/2: FROM busybox AS builder"),
        "{stdout}"
    );
    assert!(
        printed(stdout, "builder-ran") && printed(stdout, "final-ran"),
        "{stdout}"
    );
    assert!(stdout.contains("COMMIT app"), "{stdout}");
    let id = stdout.lines().last().unwrap();
    assert_eq!(id.len(), 64, "the image id is printed last: {stdout}");

    let run = env.skiff(["run", "--rm", "--network", "none", "app"]);
    assert_eq!(run.ok().trim(), "artefact-content");
    let probe = [
        "run",
        "--rm",
        "--network",
        "none",
        "app",
        "test",
        "-e",
        "/builder-only",
    ];
    assert_eq!(
        env.skiff(probe).code,
        1,
        "the final image has no builder files"
    );

    let out = build(
        &env,
        &["--no-cache", "--target", "builder", "-t", "stage1", ctx],
    );
    let stdout = out.ok();
    assert!(printed(stdout, "builder-ran"), "{stdout}");
    assert!(
        !stdout.contains("final-ran"),
        "the final stage must not run: {stdout}"
    );
    assert!(!stdout.contains("[1/2]"), "one stage is built: {stdout}");
    let probe = [
        "run",
        "--rm",
        "--network",
        "none",
        "stage1",
        "test",
        "-e",
        "/builder-only",
    ];
    env.skiff(probe).ok();
}

const CACHED: &str = "\
FROM busybox
RUN echo ran-early && touch /early-run
COPY early.txt /early.txt
RUN echo ran-mid
COPY late.txt /late.txt
RUN echo ran-late && cat /late.txt
";

#[test]
fn cache_hits_rebuild_from_the_changed_copy_and_ignore_mtimes() {
    let env = isolated_with_busybox();
    let files = [
        ("Dockerfile", CACHED),
        ("early.txt", "e"),
        ("late.txt", "one\n"),
    ];
    let dir = context(&env, "cached", &files);
    let ctx = dir.to_str().unwrap();
    let first = build(&env, &["-t", "c", ctx]);
    let first_out = first.ok().to_string();
    for word in ["ran-early", "ran-mid", "ran-late"] {
        assert!(printed(&first_out, word), "{first_out}");
    }
    let first_id = first_out.lines().last().unwrap().to_string();

    let second = build(&env, &["-t", "c", ctx]);
    let out = second.ok();
    assert!(
        !out.lines().any(|l| l.starts_with("ran-")),
        "nothing runs: {out}"
    );
    assert_eq!(out.matches("--> Using cache").count(), 5, "{out}");
    assert_eq!(out.lines().last().unwrap(), first_id);

    // Only the mtime changes: still a hit.
    let f = std::fs::File::options()
        .write(true)
        .open(dir.join("late.txt"))
        .unwrap();
    f.set_modified(std::time::SystemTime::UNIX_EPOCH).unwrap();
    let out = build(&env, &["-t", "c", ctx]);
    assert!(
        !out.ok().lines().any(|l| l.starts_with("ran-")),
        "{}",
        out.stdout
    );
    assert_eq!(out.stdout.lines().last().unwrap(), first_id);

    // The late file's content changes: only the steps from its COPY run again.
    std::fs::write(dir.join("late.txt"), "two\n").unwrap();
    let out = build(&env, &["-t", "c", ctx]);
    let stdout = out.ok();
    assert!(
        !printed(stdout, "ran-early") && !printed(stdout, "ran-mid"),
        "{stdout}"
    );
    assert!(
        printed(stdout, "ran-late") && printed(stdout, "two"),
        "{stdout}"
    );
    assert_eq!(stdout.matches("--> Using cache").count(), 3, "{stdout}");

    let out = build(&env, &["--no-cache", "-t", "c", ctx]);
    let stdout = out.ok();
    assert!(!stdout.contains("Using cache"), "{stdout}");
    for word in ["ran-early", "ran-mid", "ran-late"] {
        assert!(printed(stdout, word), "{stdout}");
    }
}

const CONFIG: &str = "\
FROM busybox
ARG VERSION=1.0
ENV APP_HOME=/srv/app GREETING=\"hello world\"
WORKDIR $APP_HOME
WORKDIR sub
USER 1000:1000
EXPOSE 8080 53/udp
LABEL version=${VERSION} \"other key\"=${MISSING:-fallback}
STOPSIGNAL SIGINT
ENTRYPOINT [\"/bin/sh\", \"-c\"]
CMD echo $GREETING
";

#[test]
fn config_instructions_land_in_the_image_config() {
    let env = isolated_with_busybox();
    let ctx = context(&env, "config", &[("Dockerfile", CONFIG)]);
    let args = [
        "-q",
        "--build-arg",
        "VERSION=2.5",
        "--label",
        "from=cli",
        "-t",
        "cfg",
    ];
    let mut all: Vec<&str> = args.to_vec();
    all.push(ctx.to_str().unwrap());
    let out = build(&env, &all);
    assert_eq!(
        out.ok().lines().count(),
        1,
        "-q prints only the id: {}",
        out.stdout
    );
    let c = inspect_config(&env, "cfg");
    let e = c["Env"].as_array().unwrap();
    assert!(e.contains(&"APP_HOME=/srv/app".into()), "{c}");
    assert!(e.contains(&"GREETING=hello world".into()), "{c}");
    assert_eq!(c["WorkingDir"], "/srv/app/sub");
    assert_eq!(c["User"], "1000:1000");
    assert_eq!(
        c["ExposedPorts"],
        serde_json::json!({"8080/tcp": {}, "53/udp": {}})
    );
    assert_eq!(c["Labels"]["version"], "2.5");
    assert_eq!(c["Labels"]["other key"], "fallback");
    assert_eq!(c["Labels"]["from"], "cli");
    assert_eq!(c["StopSignal"], "SIGINT");
    assert_eq!(c["Entrypoint"], serde_json::json!(["/bin/sh", "-c"]));
    assert_eq!(
        c["Cmd"],
        serde_json::json!(["/bin/sh", "-c", "echo $GREETING"])
    );
}

#[test]
fn copy_from_outside_the_context_is_an_error() {
    let env = isolated_with_busybox();
    std::fs::write(env.root.join("secret"), "s").unwrap();
    let df = "FROM busybox\nCOPY ../secret /secret\n";
    let ctx = context(&env, "outside", &[("Dockerfile", df)]);
    let out = build(&env, &["-t", "bad", ctx.to_str().unwrap()]);
    assert_eq!(out.code, 125, "{}", out.stderr);
    assert!(
        out.stderr.contains("outside the build context"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("Dockerfile:2"), "{}", out.stderr);
    assert!(!env.skiff(["images"]).ok().contains("localhost/bad"));
}

#[test]
fn a_failing_run_tags_nothing_and_leaves_no_container() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\nRUN echo before > /f\nRUN exit 3\n";
    let ctx = context(&env, "failing", &[("Dockerfile", df)]);
    let out = build(&env, &["-t", "broken", ctx.to_str().unwrap()]);
    assert_eq!(out.code, 1, "docker build exits 1: {}", out.stderr);
    assert!(
        out.stderr
            .contains("error building at STEP \"RUN exit 3\": exit status 3"),
        "{}",
        out.stderr
    );
    assert!(!env.skiff(["images"]).ok().contains("localhost/broken"));
    assert_eq!(
        env.skiff(["ps", "-a", "-q"]).ok().trim(),
        "",
        "no container is left"
    );
}

#[test]
fn what_is_not_supported_yet_is_refused_with_its_line() {
    let env = isolated_with_busybox();
    let cases = [("FROM busybox\nRUN --mount=type=ssh true\n", "type=ssh")];
    for (i, (df, what)) in cases.iter().enumerate() {
        let ctx = context(&env, &format!("unsupported{i}"), &[("Dockerfile", df)]);
        let out = build(&env, &[ctx.to_str().unwrap()]);
        assert_eq!(out.code, 125, "{df}: {}", out.stderr);
        assert!(out.stderr.contains("Dockerfile:2"), "{}", out.stderr);
        assert!(out.stderr.contains(what), "{}", out.stderr);
    }
}

#[test]
fn symlinks_are_copied_as_symlinks_and_dockerignore_applies() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\nCOPY . /app/\n";
    let files = [
        ("Dockerfile", df),
        (".dockerignore", "**/*.log\n!keep.log\nsecret\n"),
        ("src/a.txt", "a"),
        ("src/deep/x.log", "x"),
        ("keep.log", "k"),
        ("secret/key", "k"),
    ];
    let ctx = context(&env, "links", &files);
    std::os::unix::fs::symlink("/etc", ctx.join("etc-link")).unwrap();
    build(&env, &["-t", "links", ctx.to_str().unwrap()]).ok();
    let script =
        "readlink /app/etc-link; ls /app /app/src; test -e /app/src/deep/x.log || echo no-log";
    let out = env.skiff([
        "run",
        "--rm",
        "--network",
        "none",
        "links",
        "sh",
        "-c",
        script,
    ]);
    let stdout = out.ok();
    assert!(stdout.starts_with("/etc\n"), "{stdout}");
    assert!(
        stdout.contains("keep.log") && stdout.contains("a.txt"),
        "{stdout}"
    );
    assert!(!stdout.contains("secret"), "{stdout}");
    assert!(stdout.contains("no-log"), "{stdout}");
}

#[test]
fn build_arg_without_a_value_comes_from_the_environment() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\nARG V\nARG W\nLABEL v=$V w=${W:-unset}\n";
    let ctx = context(&env, "argenv", &[("Dockerfile", df)]);
    let args = [
        "build",
        "--build-arg",
        "V",
        "--build-arg",
        "W",
        "-t",
        "argenv",
    ];
    let mut all: Vec<&str> = args.to_vec();
    all.push(ctx.to_str().unwrap());
    let out = env.sk(all).env("V", "from-env").run();
    out.ok();
    let c = inspect_config(&env, "argenv");
    assert_eq!(c["Labels"]["v"], "from-env", "{c}");
    assert_eq!(
        c["Labels"]["w"], "unset",
        "an unset variable stays unset: {c}"
    );
}

#[test]
fn a_syntax_directive_is_ignored_with_a_note() {
    let env = isolated_with_busybox();
    let df = "# syntax=docker/dockerfile:1\nFROM busybox\nENV A=1\n";
    let ctx = context(&env, "syntax", &[("Dockerfile", df)]);
    let out = build(&env, &["-q", ctx.to_str().unwrap()]);
    out.ok();
    assert!(
        out.stderr.contains("syntax=docker/dockerfile:1"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("ignored"), "{}", out.stderr);
}

#[test]
fn images_hides_build_steps_untagged_images_unless_all() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\nRUN echo one > /one\nRUN echo two > /two\n";
    let ctx = context(&env, "steps", &[("Dockerfile", df)]);
    build(&env, &["-t", "stepped", ctx.to_str().unwrap()]).ok();
    let none = |args: &[&str]| {
        let out = env.skiff(args);
        out.ok().lines().filter(|l| l.starts_with("<none>")).count()
    };
    assert_eq!(none(&["images"]), 0, "intermediate images are hidden");
    assert_eq!(none(&["images", "-a"]), 1, "-a shows the first RUN's image");
    // An untagged image that no build made (a dangling one) is still listed.
    env.skiff(["tag", "busybox", "spare:1"]).ok();
    let busybox_id = env
        .skiff(["images", "-q", "busybox"])
        .ok()
        .trim()
        .to_string();
    env.skiff(["rmi", "busybox"]).ok();
    env.skiff(["untag", "spare:1"]).ok();
    let out = env.skiff(["images"]);
    assert!(
        out.ok()
            .lines()
            .any(|l| l.starts_with("<none>") && l.contains(&busybox_id)),
        "{}",
        out.stdout
    );
}
