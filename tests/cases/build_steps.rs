//! `build` instructions beyond the first slice: HEALTHCHECK, ONBUILD, heredocs, RUN --mount and
//! --network, ADD of archives and URLs, and the predefined ARGs. Each test checks the effect
//! where a user sees it: the built image's config (inspect), files seen by `run`, the build's
//! output and exit code.
use crate::isolated_with_busybox;
use crate::support::{Env, Out};
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

fn build(env: &Env, args: &[&str]) -> Out {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    env.skiff(all)
}

fn config(env: &Env, image: &str) -> serde_json::Value {
    let out = env.skiff(["image", "inspect", image]);
    let v: serde_json::Value = serde_json::from_str(out.ok()).unwrap();
    v[0]["Config"].clone()
}

/// `cat`s `path` in a container of `image`.
fn cat(env: &Env, image: &str, path: &str) -> String {
    let out = env.skiff(["run", "--rm", "--network", "none", image, "cat", path]);
    out.ok().to_string()
}

/// A failed build: skiff's own error (125) naming `what`, one `error: ` line.
fn refused(out: &Out, what: &str) {
    assert_eq!(out.code, 125, "{} {}", out.stdout, out.stderr);
    assert!(out.stderr.contains(what), "{}", out.stderr);
}

#[test]
fn healthcheck_is_written_as_docker_writes_it() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\n\
        HEALTHCHECK --interval=5m --timeout=3s --start-period=1m30s --start-interval=500ms \\\n\
        --retries=2 CMD wget -q -O- http://localhost/ || exit 1\n";
    let ctx = context(&env, "hc", &[("Dockerfile", df)]);
    build(&env, &["-t", "hc", ctx.to_str().unwrap()]).ok();
    let hc = &config(&env, "hc")["Healthcheck"];
    assert_eq!(
        hc["Test"],
        serde_json::json!(["CMD-SHELL", "wget -q -O- http://localhost/ || exit 1"])
    );
    assert_eq!(hc["Interval"], 300_000_000_000u64);
    assert_eq!(hc["Timeout"], 3_000_000_000u64);
    assert_eq!(hc["StartPeriod"], 90_000_000_000u64);
    assert_eq!(hc["StartInterval"], 500_000_000u64);
    assert_eq!(hc["Retries"], 2);

    // Exec form, Docker's defaults left out (the runtime applies 30s/30s/0s/3).
    let df = "FROM hc\nHEALTHCHECK CMD [\"true\"]\n";
    let ctx = context(&env, "hc2", &[("Dockerfile", df)]);
    build(&env, &["-t", "hc2", ctx.to_str().unwrap()]).ok();
    assert_eq!(
        config(&env, "hc2")["Healthcheck"],
        serde_json::json!({ "Test": ["CMD", "true"] })
    );

    // NONE disables the base image's check.
    let df = "FROM hc\nHEALTHCHECK NONE\n";
    let ctx = context(&env, "hc3", &[("Dockerfile", df)]);
    build(&env, &["-t", "hc3", ctx.to_str().unwrap()]).ok();
    assert_eq!(
        config(&env, "hc3")["Healthcheck"],
        serde_json::json!({ "Test": ["NONE"] })
    );

    for (bad, what) in [
        ("HEALTHCHECK --interval=10 CMD true", "--interval"),
        ("HEALTHCHECK --interval=10us CMD true", "less than 1ms"),
        ("HEALTHCHECK --retries=-1 CMD true", "negative"),
        ("HEALTHCHECK --bogus=1 CMD true", "--bogus"),
    ] {
        let ctx = context(
            &env,
            "hcbad",
            &[("Dockerfile", &format!("FROM busybox\n{bad}\n"))],
        );
        let out = build(&env, &[ctx.to_str().unwrap()]);
        refused(&out, what);
        assert!(out.stderr.contains("Dockerfile:2"), "{}", out.stderr);
    }
}

#[test]
fn onbuild_triggers_are_stored_and_fire_in_order_in_a_child_build() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\n\
        ONBUILD RUN echo one > /order\n\
        ONBUILD COPY f /f\n\
        ONBUILD RUN echo two >> /order\n";
    let ctx = context(&env, "parent", &[("Dockerfile", df), ("f", "parent-ctx\n")]);
    let out = build(&env, &["-t", "parent", ctx.to_str().unwrap()]);
    assert!(
        !out.ok().contains("\none\n"),
        "triggers do not fire in the parent"
    );
    assert_eq!(
        config(&env, "parent")["OnBuild"],
        serde_json::json!([
            "RUN echo one > /order",
            "COPY f /f",
            "RUN echo two >> /order"
        ])
    );

    let df = "FROM parent\nRUN cat /order /f > /seen\n";
    let ctx = context(&env, "child", &[("Dockerfile", df), ("f", "child-ctx\n")]);
    build(&env, &["-t", "child", ctx.to_str().unwrap()]).ok();
    assert_eq!(cat(&env, "child", "/seen"), "one\ntwo\nchild-ctx\n");
    // Not inherited: a grandchild fires nothing.
    assert!(config(&env, "child")["OnBuild"].is_null());

    for (bad, what) in [
        ("ONBUILD ONBUILD RUN true", "ONBUILD ONBUILD"),
        (
            "ONBUILD FROM busybox",
            "FROM isn't allowed as an ONBUILD trigger",
        ),
        ("ONBUILD MAINTAINER me", "MAINTAINER isn't allowed"),
    ] {
        let ctx = context(
            &env,
            "obbad",
            &[("Dockerfile", &format!("FROM busybox\n{bad}\n"))],
        );
        let out = build(&env, &[ctx.to_str().unwrap()]);
        refused(&out, what);
    }
}

/// Runs `script` with sh in a container of `image`; its stdout.
fn sh(env: &Env, image: &str, script: &str) -> String {
    let out = env.skiff([
        "run",
        "--rm",
        "--network",
        "none",
        image,
        "sh",
        "-c",
        script,
    ]);
    out.ok().to_string()
}

const HEREDOCS: &str = "FROM busybox
ARG WHO=world
RUN <<EOF
echo script-ran
echo \"hello $WHO\" > /script
EOF
RUN cat <<-'A' > /two && cat <<B >> /two
\tquoted $WHO
\tA
plain $WHO
B
RUN <<EOF
#!/bin/sh -e
echo \"$0\" > /shebang
EOF
COPY <<EOF /copied
copied $WHO \"q\"
EOF
COPY <<\"EOF\" /raw
raw $WHO
EOF
";

#[test]
fn heredocs_run_as_scripts_feed_the_shell_and_make_files() {
    let env = isolated_with_busybox();
    let ctx = context(&env, "heredocs", &[("Dockerfile", HEREDOCS)]);
    let out = build(&env, &["-t", "hd", ctx.to_str().unwrap()]);
    assert!(
        out.ok().lines().any(|l| l == "script-ran"),
        "{}",
        out.stdout
    );
    assert_eq!(cat(&env, "hd", "/script"), "hello world\n");
    // <<- strips the tabs and a quoted delimiter keeps $WHO for the shell not to expand.
    assert_eq!(cat(&env, "hd", "/two"), "quoted $WHO\nplain world\n");
    // A lone heredoc is a script file run by the shell: its #! line picks the interpreter.
    assert_eq!(cat(&env, "hd", "/shebang"), "/dev/pipes/EOF\n");
    assert_eq!(cat(&env, "hd", "/copied"), "copied world \"q\"\n");
    assert_eq!(cat(&env, "hd", "/raw"), "raw $WHO\n");
    assert_eq!(
        sh(
            &env,
            "hd",
            "stat -c %a /copied; test -e /dev/pipes/EOF || echo gone"
        ),
        "644\ngone\n"
    );

    let ctx = context(
        &env,
        "hdbad",
        &[("Dockerfile", "FROM busybox\nRUN <<EOF\ntrue\n")],
    );
    refused(&build(&env, &[ctx.to_str().unwrap()]), "EOF");
}

#[test]
fn cache_mounts_keep_their_content_across_builds_and_out_of_layers() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\n\
        RUN --mount=type=cache,target=/root/.cache echo x >> /root/.cache/n && echo count=$(wc -l < /root/.cache/n)\n\
        RUN --mount=type=cache,id=shared,target=/c1,sharing=locked echo y > /c1/y\n\
        RUN --mount=type=cache,id=shared,target=/c2,ro cat /c2/y\n";
    let ctx = context(&env, "cache", &[("Dockerfile", df)]);
    let first = build(&env, &["-t", "cm", ctx.to_str().unwrap()]);
    assert!(
        first.ok().lines().any(|l| l == "count=1"),
        "{}",
        first.stdout
    );
    assert!(
        first.stdout.lines().any(|l| l == "y"),
        "same id, same cache: {}",
        first.stdout
    );
    let second = build(&env, &["--no-cache", "-t", "cm", ctx.to_str().unwrap()]);
    assert!(
        second.ok().lines().any(|l| l == "count=2"),
        "{}",
        second.stdout
    );
    assert_eq!(
        sh(&env, "cm", "ls -a /root; test -e /c1 || echo no-c1"),
        ".\n..\nno-c1\n"
    );
    let bad = "FROM busybox\nRUN --mount=type=cache,target=/c,sharing=sometimes true\n";
    let ctx = context(&env, "cachebad", &[("Dockerfile", bad)]);
    let out = build(&env, &[ctx.to_str().unwrap()]);
    refused(&out, "sharing=sometimes");
    assert!(out.stderr.contains("Dockerfile:2"), "{}", out.stderr);
}

/// Every file under `dir` whose bytes contain `needle`.
fn files_containing(dir: &std::path::Path, needle: &[u8]) -> Vec<PathBuf> {
    let mut hits = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            let Ok(md) = std::fs::symlink_metadata(&p) else {
                continue;
            };
            if md.is_dir() {
                todo.push(p);
            } else if md.is_file() {
                if let Ok(b) = std::fs::read(&p) {
                    if b.windows(needle.len()).any(|w| w == needle) {
                        hits.push(p);
                    }
                }
            }
        }
    }
    hits
}

#[test]
fn secrets_are_readable_in_their_step_only() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\n\
        RUN --mount=type=secret,id=tok tr a-z A-Z < /run/secrets/tok && echo\n\
        RUN --mount=type=secret,id=api,target=/etc/api.key,required=true cat /etc/api.key && echo\n\
        RUN --mount=type=secret,id=missing test ! -e /run/secrets/missing && echo absent-ok\n";
    let ctx = context(&env, "secret", &[("Dockerfile", df)]);
    let file = env.root.join("tok.txt");
    std::fs::write(&file, "tok-6f1d2c").unwrap();
    let secret = format!("id=tok,src={}", file.display());
    let out = env
        .sk([
            "build",
            "--secret",
            &secret,
            "--secret",
            "id=api,env=API_KEY",
            "-t",
            "sec",
        ])
        .args([ctx.to_str().unwrap()])
        .env("API_KEY", "api-93be1a")
        .run();
    let stdout = out.ok();
    // Upper-cased: the Dockerfile and the output must not hold the secret itself.
    for line in ["TOK-6F1D2C", "api-93be1a", "absent-ok"] {
        assert!(stdout.lines().any(|l| l == line), "{stdout}");
    }
    assert_eq!(
        sh(
            &env,
            "sec",
            "test -e /run/secrets || echo none; test -e /etc/api.key || echo nokey"
        ),
        "none\nnokey\n"
    );
    let history = env.skiff(["history", "--no-trunc", "sec"]);
    assert!(!history.ok().contains("tok-6f1d2c"), "{}", history.stdout);
    for needle in ["tok-6f1d2c", "api-93be1a"] {
        let hits = files_containing(&env.store(), needle.as_bytes());
        assert!(hits.is_empty(), "{needle} is in the store: {hits:?}");
    }
    // required=true without the secret: a clear error when the step runs (a cache hit needs
    // no secret, as with BuildKit), nothing tagged.
    let c = ctx.to_str().unwrap();
    let out = build(&env, &["--no-cache", "--secret", &secret, "-t", "nosec", c]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("secret api is required"),
        "{}",
        out.stderr
    );
    let out = build(
        &env,
        &["--secret", "src=/nonexistent", ctx.to_str().unwrap()],
    );
    refused(&out, "--secret");
}

#[test]
fn bind_tmpfs_and_network_mounts() {
    let env = isolated_with_busybox();
    let df = "FROM busybox AS stage\n\
        RUN echo from-stage > /st\n\
        FROM busybox\n\
        RUN --mount=type=bind,source=data,target=/b cat /b/f && (touch /b/new 2>/dev/null || echo read-only)\n\
        RUN --mount=type=bind,source=data,target=/w,rw echo changed > /w/f && cat /w/f\n\
        RUN --mount=type=bind,from=stage,source=/st,target=/st cat /st\n\
        RUN --mount=type=tmpfs,target=/tt touch /tt/x && ls /tt\n\
        RUN --network=none echo links=$(ls /sys/class/net | tr '\\n' ' ')\n";
    let ctx = context(
        &env,
        "binds",
        &[("Dockerfile", df), ("data/f", "bound-1\n")],
    );
    let c = ctx.to_str().unwrap();
    let out = build(&env, &["-t", "binds", c]);
    let stdout = out.ok();
    for line in [
        "bound-1",
        "read-only",
        "changed",
        "from-stage",
        "x",
        "links=lo",
    ] {
        assert!(stdout.lines().any(|l| l == line), "{line}: {stdout}");
    }
    assert_eq!(
        std::fs::read_to_string(ctx.join("data/f")).unwrap(),
        "bound-1\n"
    );
    assert_eq!(
        sh(
            &env,
            "binds",
            "for p in /b /w /st /tt; do test -e $p || echo no$p; done"
        ),
        "no/b\nno/w\nno/st\nno/tt\n"
    );
    // The bound files decide the key: a change re-runs the step.
    std::fs::write(ctx.join("data/f"), "bound-2\n").unwrap();
    let out = build(&env, &["-t", "binds", c]);
    assert!(out.ok().lines().any(|l| l == "bound-2"), "{}", out.stdout);

    // --network none for every RUN.
    let df = "FROM busybox\nRUN echo links=$(ls /sys/class/net | tr '\\n' ' ')\n";
    let ctx = context(&env, "netflag", &[("Dockerfile", df)]);
    let out = build(&env, &["--network", "none", ctx.to_str().unwrap()]);
    assert!(out.ok().lines().any(|l| l == "links=lo"), "{}", out.stdout);
    refused(
        &build(&env, &["--network", "bogus", ctx.to_str().unwrap()]),
        "bogus",
    );
    let df = "FROM busybox\nRUN --network=bogus true\n";
    let ctx = context(&env, "netbad", &[("Dockerfile", df)]);
    refused(&build(&env, &[ctx.to_str().unwrap()]), "--network=bogus");
}
