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
    build(&env, &["-t", "parent", ctx.to_str().unwrap()]).ok();
    // The triggers do not fire in the parent: neither file is in its image.
    assert_eq!(
        sh(
            &env,
            "parent",
            "test -e /order || test -e /f || echo none-fired"
        ),
        "none-fired\n"
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
    // Not inherited: a grandchild fires nothing (a trigger would add a line to /order).
    assert!(config(&env, "child")["OnBuild"].is_null());
    let df = "FROM child\nRUN cat /order > /seen2\n";
    let ctx = context(&env, "grandchild", &[("Dockerfile", df), ("f", "g\n")]);
    let out = build(&env, &["-t", "grandchild", ctx.to_str().unwrap()]);
    assert!(!out.ok().contains("ONBUILD"), "{}", out.stdout);
    assert_eq!(cat(&env, "grandchild", "/seen2"), "one\ntwo\n");

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

fn write(path: &std::path::Path, data: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, data).unwrap();
}

/// `data` compressed as `kind` (gz, bz2, xz, zst).
fn compress(kind: &str, data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    match kind {
        "gz" => crate::support::image::gzip(data),
        "bz2" => {
            let mut e = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
            e.write_all(data).unwrap();
            e.finish().unwrap()
        }
        "xz" => {
            let mut out = Vec::new();
            lzma_rs::xz_compress(&mut std::io::Cursor::new(data), &mut out).unwrap();
            out
        }
        "zst" => zstd::encode_all(data, 1).unwrap(),
        _ => data.to_vec(),
    }
}

#[test]
fn add_extracts_local_archives_of_every_compression() {
    let env = isolated_with_busybox();
    let ctx = context(&env, "archives", &[]);
    let mut df = String::from("FROM busybox\n");
    for kind in ["tar", "gz", "bz2", "xz", "zst"] {
        let tar = crate::support::image::Tar::new()
            .dir("d", 0o755)
            .file_owned("d/f", 0o640, 1000, 1000, kind.as_bytes())
            .symlink("d/l", "f")
            .hardlink("d/h", "d/f")
            .finish();
        write(&ctx.join(format!("a-{kind}.bin")), &compress(kind, &tar));
        df.push_str(&format!("ADD a-{kind}.bin /x/{kind}/\n"));
    }
    // gzip, but not a tar: copied as it is (Docker's rule), as is a COPY of an archive.
    write(&ctx.join("plain.gz"), &compress("gz", b"not a tar"));
    df.push_str("ADD plain.gz /x/\nCOPY a-tar.bin /x/copied.tar\n");
    write(&ctx.join("Dockerfile"), df.as_bytes());
    build(&env, &["-t", "arch", ctx.to_str().unwrap()]).ok();
    let script = "for k in tar gz bz2 xz zst; do cat /x/$k/d/f /x/$k/d/h; readlink /x/$k/d/l; \
                  stat -c '%a %u' /x/$k/d/f; echo; done; test -f /x/plain.gz && test -f /x/copied.tar && echo kept";
    let want = ["tar", "gz", "bz2", "xz", "zst"]
        .iter()
        .map(|k| format!("{k}{k}f\n640 1000\n\n"))
        .collect::<String>()
        + "kept\n";
    assert_eq!(sh(&env, "arch", script), want);
}

#[test]
fn add_of_a_hostile_archive_writes_nothing_outside() {
    let env = isolated_with_busybox();
    let cases: [(&str, Vec<u8>, &str); 3] = [
        (
            "dotdot",
            crate::support::image::Tar::new()
                .file("../../escape", 0o644, b"x")
                .finish(),
            "outside",
        ),
        (
            "through-link",
            crate::support::image::Tar::new()
                .symlink("l", "/tmp")
                .file("l/escape", 0o644, b"x")
                .finish(),
            "beneath the symlink",
        ),
        (
            "hardlink-out",
            crate::support::image::Tar::new()
                .hardlink("h", "/etc/passwd")
                .finish(),
            "hard link",
        ),
    ];
    for (name, tar, what) in cases {
        let df = "FROM busybox\nADD evil.tar /in/\n";
        let ctx = context(&env, name, &[("Dockerfile", df)]);
        write(&ctx.join("evil.tar"), &tar);
        let out = build(&env, &["-t", "evil", ctx.to_str().unwrap()]);
        refused(&out, what);
    }
    assert!(!std::path::Path::new("/tmp/escape").exists());
    // An absolute name lands under the destination.
    let df = "FROM busybox\nADD abs.tar /in/\n";
    let ctx = context(&env, "abs", &[("Dockerfile", df)]);
    let tar = crate::support::image::Tar::new()
        .file("/abs/f", 0o644, b"abs\n")
        .finish();
    write(&ctx.join("abs.tar"), &tar);
    build(&env, &["-t", "abs", ctx.to_str().unwrap()]).ok();
    assert_eq!(cat(&env, "abs", "/in/abs/f"), "abs\n");
}

/// A one-file HTTP server on 127.0.0.1 for `requests` requests; its URL.
fn serve(body: &'static [u8], requests: usize) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let mut s = stream.unwrap();
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nLast-Modified: Wed, 21 Oct 2015 07:28:00 GMT\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = s.write_all(head.as_bytes());
            let _ = s.write_all(body);
        }
    });
    format!("http://127.0.0.1:{port}")
}

#[test]
fn add_of_a_url_downloads_it_and_checks_its_checksum() {
    let env = isolated_with_busybox();
    let body: &[u8] = b"downloaded-content\n";
    let url = serve(body, 3);
    let sum = crate::support::image::sha256(body);
    let df = format!(
        "FROM busybox\nADD --checksum={sum} {url}/files/remote.txt /dl/\nADD {url}/other /dl/named\n"
    );
    let ctx = context(&env, "url", &[("Dockerfile", &df)]);
    build(&env, &["-t", "url", ctx.to_str().unwrap()]).ok();
    assert_eq!(cat(&env, "url", "/dl/remote.txt"), "downloaded-content\n");
    assert_eq!(
        sh(&env, "url", "stat -c '%a %Y' /dl/remote.txt; cat /dl/named"),
        "600 1445412480\ndownloaded-content\n"
    );
    let bad = format!(
        "FROM busybox\nADD --checksum=sha256:{} {url}/f /f\n",
        "0".repeat(64)
    );
    let ctx = context(&env, "urlbad", &[("Dockerfile", &bad)]);
    let out = build(&env, &["-t", "urlbad", ctx.to_str().unwrap()]);
    refused(&out, "checksum mismatch");
    assert_eq!(
        env.skiff(["image", "exists", "urlbad"]).code,
        1,
        "nothing tagged"
    );
}

#[test]
fn copy_chown_by_name_parents_exclude_and_link() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\n\
        COPY --chown=daemon:www-data a/one.txt /owned\n\
        COPY --chown=www-data a/one.txt /owned2\n\
        COPY --parents a/one.txt b/c/two.txt /p/\n\
        COPY --parents ./a/./sub/deep.txt /q/\n\
        COPY --exclude=*.log --exclude=sub a/ /e/\n\
        COPY --link a/one.txt /linked\n";
    let files = [
        ("Dockerfile", df),
        ("a/one.txt", "1\n"),
        ("a/x.log", "log\n"),
        ("a/sub/deep.txt", "deep\n"),
        ("b/c/two.txt", "2\n"),
    ];
    let ctx = context(&env, "copyflags", &files);
    build(&env, &["-t", "cf", ctx.to_str().unwrap()]).ok();
    let script = "stat -c '%u:%g' /owned /owned2; cat /p/a/one.txt /p/b/c/two.txt /q/sub/deep.txt /linked; ls /e";
    assert_eq!(
        sh(&env, "cf", script),
        "1:33\n33:33\n1\n2\ndeep\n1\none.txt\n"
    );
    let df = "FROM busybox\nCOPY --chown=nobody-here a/one.txt /x\n";
    let ctx = context(&env, "chownbad", &[("Dockerfile", df), ("a/one.txt", "1")]);
    refused(&build(&env, &[ctx.to_str().unwrap()]), "nobody-here");
}

/// The host's `linux/ARCH`, as Go (and so Docker) names the architecture.
fn host_platform() -> String {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    };
    format!("linux/{arch}")
}

#[test]
fn platform_args_and_the_host_platform_only() {
    let env = isolated_with_busybox();
    let host = host_platform();
    let arch = host.trim_start_matches("linux/").to_string();
    let df = "FROM --platform=$BUILDPLATFORM busybox AS one\n\
        RUN echo \"undeclared=[$TARGETARCH]\"\n\
        ARG TARGETPLATFORM\n\
        ARG TARGETOS TARGETARCH\n\
        ARG BUILDARCH\n\
        RUN echo \"declared=$TARGETPLATFORM $TARGETOS $TARGETARCH $BUILDARCH\"\n\
        RUN echo \"proxy=$HTTP_PROXY\"\n";
    let ctx = context(&env, "platform", &[("Dockerfile", df)]);
    let c = ctx.to_str().unwrap();
    let out = build(
        &env,
        &[
            "--platform",
            &host,
            "--build-arg",
            "HTTP_PROXY=http://proxy.invalid:3128",
            "-t",
            "plat",
            c,
        ],
    );
    let stdout = out.ok();
    let want = format!("declared={host} linux {arch} {arch}");
    for line in ["undeclared=[]", &want, "proxy=http://proxy.invalid:3128"] {
        assert!(stdout.lines().any(|l| l == line), "{line}: {stdout}");
    }
    let history = env.skiff(["history", "--no-trunc", "plat"]);
    assert!(
        !history.ok().contains("proxy.invalid"),
        "{}",
        history.stdout
    );
    // Another proxy value is still a cache hit (proxies are not in the key).
    let out = build(
        &env,
        &[
            "--build-arg",
            "HTTP_PROXY=http://other.invalid",
            "-t",
            "plat",
            c,
        ],
    );
    assert!(
        !out.ok().lines().any(|l| l.starts_with("proxy=")),
        "{}",
        out.stdout
    );

    let other = if arch == "arm64" {
        "linux/amd64"
    } else {
        "linux/arm64"
    };
    refused(
        &build(&env, &["--platform", other, c]),
        "host's platform only",
    );
    let df = format!("FROM --platform={other} busybox\nRUN true\n");
    let ctx = context(&env, "platbad", &[("Dockerfile", &df)]);
    let out = build(&env, &[ctx.to_str().unwrap()]);
    refused(&out, "host's platform only");
    assert!(out.stderr.contains("Dockerfile:1"), "{}", out.stderr);
}

#[test]
fn a_stage_arg_default_wins_over_the_global_value() {
    let env = isolated_with_busybox();
    let df = "ARG V=global W=global-w\nFROM busybox\nARG V=stage\nARG W\nRUN echo \"v=$V w=$W\"\n";
    let ctx = context(&env, "argscope", &[("Dockerfile", df)]);
    let c = ctx.to_str().unwrap();
    let out = build(&env, &[c]);
    assert!(
        out.ok().lines().any(|l| l == "v=stage w=global-w"),
        "{}",
        out.stdout
    );
    let out = build(&env, &["--build-arg", "V=flag", c]);
    assert!(
        out.ok().lines().any(|l| l == "v=flag w=global-w"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_arg_declared_without_a_value_stays_unset() {
    let env = isolated_with_busybox();
    // Docker: an ARG with no default and no --build-arg is declared but unset, in the
    // Dockerfile's expansion (`${V-x}` gives x) and in a RUN's environment; given, even
    // empty, it is set.
    let df = "ARG G\nFROM ${G-busybox}\nARG V\nENV E=${V-unset}\n\
        RUN echo \"run=${V-unset} ${V+set}\"\n";
    let ctx = context(&env, "unset", &[("Dockerfile", df)]);
    let c = ctx.to_str().unwrap();
    let out = build(&env, &["-t", "unset", c]);
    assert!(
        out.ok().lines().any(|l| l == "run=unset "),
        "{}",
        out.dump()
    );
    let env_of = |env: &Env| config(env, "unset")["Env"].to_string();
    assert!(env_of(&env).contains("\"E=unset\""), "{}", env_of(&env));
    let out = build(&env, &["--build-arg", "V=", "-t", "unset", c]);
    assert!(out.ok().lines().any(|l| l == "run= set"), "{}", out.dump());
    assert!(env_of(&env).contains("\"E=\""), "{}", env_of(&env));
}
