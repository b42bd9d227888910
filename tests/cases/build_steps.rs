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
