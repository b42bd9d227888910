//! `build` against the other tools: the same Dockerfiles (one stage; several stages with
//! `COPY --from` and `--target`; every instruction) built by `buildah bud` give the same config
//! and files, base images are pulled from a registry as `--pull` says, and a skiff-built image
//! pushed there is pulled and run by podman.
use crate::build_flags::{build, context, image_config};
use crate::isolated_with_busybox;

#[test]
fn pull_policies_fetch_missing_bases_and_podman_runs_the_pushed_build() {
    use crate::support::registry::{self, Kind, Registry};
    if !registry::available() {
        return;
    }
    let env = isolated_with_busybox();
    let reg = Registry::start(Kind::Plain);
    let base = format!("{}/base:v1", reg.host());
    let other = format!("{}/other:v1", reg.host());
    for n in [&base, &other] {
        env.skiff(["tag", "busybox", n]).ok();
        env.skiff(["push", "-q", n]).ok();
        env.skiff(["rmi", n]).ok();
    }
    let df = format!("FROM {base}\nCOPY --from={other} /bin/busybox /bb\nRUN echo built-on-pulled\nCMD [\"echo\", \"from-skiff\"]\n");
    let ctx = context(&env, "pull", &[("Dockerfile", &df)]);
    let c = ctx.to_str().unwrap();

    // --pull=never: a missing base is an error, nothing pulled.
    let out = build(&env, &["--pull=never", c]);
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.stderr.contains("--pull=never"), "{}", out.dump());
    // The default (missing) pulls the base and the COPY --from image.
    let out = build(&env, &["-t", "app", c]);
    assert!(out.ok().contains("built-on-pulled"), "{}", out.dump());
    // (Its one layer is busybox's, already in the store.)
    assert!(out.stderr.contains("Already exists"), "{}", out.dump());
    env.skiff(["image", "exists", &base]).ok();
    env.skiff(["image", "exists", &other]).ok();
    // Present now: missing pulls nothing, never is fine, always (or bare --pull) pulls again.
    for flag in ["--pull=missing", "--pull=never", "--pull=false"] {
        let out = build(&env, &[flag, c]);
        assert!(
            !out.stderr.contains("Already exists"),
            "{flag}: {}",
            out.dump()
        );
        assert!(
            !out.stderr.contains("Pull complete"),
            "{flag}: {}",
            out.dump()
        );
    }
    for flag in ["--pull=always", "--pull", "--pull=true"] {
        let out = build(&env, &[flag, c]);
        assert!(
            out.stderr.contains("Already exists"),
            "{flag}: {}",
            out.dump()
        );
    }
    let out = build(&env, &["--pull=sometimes", c]);
    assert_eq!(out.code, 125, "{}", out.dump());

    // The built image, pushed, is pulled and run by podman.
    let pushed = format!("{}/built:v1", reg.host());
    env.skiff(["tag", "app", &pushed]).ok();
    env.skiff(["push", "-q", &pushed]).ok();
    if crate::support::have_tool("podman") {
        let run = env.podman([
            "run",
            "--rm",
            "--network",
            "none",
            "--tls-verify=false",
            &pushed,
        ]);
        assert_eq!(run.ok().trim(), "from-skiff", "{}", run.dump());
        let run = env.podman([
            "run",
            "--rm",
            "--network",
            "none",
            &pushed,
            "sh",
            "-c",
            "test -x /bb && echo ok",
        ]);
        assert_eq!(run.ok(), "ok\n", "the COPY --from image's file is there");
    } else if crate::support::in_ci() {
        panic!("podman is missing");
    } else {
        eprintln!("SKIPPED: podman is missing");
    }
}

/// A file system tar as (path, type, mode, uid, gid, link target, content), sorted, without
/// what an engine makes for a container rather than the image (mount stubs, /dev, /proc...).
type TreeEntry = (String, String, u32, u64, u64, String, Vec<u8>);

fn tree(tar_bytes: &[u8]) -> Vec<TreeEntry> {
    let skip = [
        "dev",
        "proc",
        "sys",
        "run",
        "etc/hosts",
        "etc/hostname",
        "etc/resolv.conf",
    ];
    let mut ar = tar::Archive::new(tar_bytes);
    let mut out = Vec::new();
    for e in ar.entries().unwrap() {
        let mut e = e.unwrap();
        let path = e
            .path()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches('/')
            .to_string();
        let path = path.trim_start_matches("./").to_string();
        if path.is_empty()
            || skip
                .iter()
                .any(|s| path == *s || path.starts_with(&format!("{s}/")))
        {
            continue;
        }
        let h = e.header().clone();
        let link = e
            .link_name()
            .unwrap()
            .map(|l| l.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut content = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut content).unwrap();
        let kind = format!("{:?}", h.entry_type());
        out.push((
            path,
            kind,
            h.mode().unwrap() & 0o7777,
            h.uid().unwrap(),
            h.gid().unwrap(),
            link,
            content,
        ));
    }
    out.sort();
    out
}

const INTEROP: &str = "\
FROM localhost/base:1
ENV A=1 B=\"two words\"
LABEL org.example.x=y other=\"z w\"
WORKDIR /app
COPY f ./f
COPY --chmod=600 s /app/s
COPY d /data/
COPY --chown=1000:1000 d/x /owned-x
COPY --chown=1000:1001 f /new/dir/
COPY --chown=1000:1001 d /new2/sub/
RUN mkdir -p /made && echo made > /made/m && chmod 700 /made && ln -s /made/m /app/link && chown 2:2 /made/m && rm /etc/group
USER 1000:1000
EXPOSE 8080/tcp 53/udp
VOLUME /vol
STOPSIGNAL SIGUSR1
ENTRYPOINT [\"/bin/sh\", \"-c\"]
CMD [\"echo hi\"]
";

/// An environment where podman and buildah share one storage (under the test's XDG dirs)
/// holding skiff's busybox as `localhost/base:1`, also in skiff's store; None (a skip) when
/// they are missing outside CI.
fn buildah_env() -> Option<crate::support::Env> {
    if !crate::support::have_tool("buildah") || !crate::support::have_tool("podman") {
        assert!(!crate::support::in_ci(), "buildah and podman are missing");
        eprintln!("SKIPPED: buildah or podman is missing");
        return None;
    }
    let env = isolated_with_busybox();
    // buildah needs runroot and graphroot set (podman's defaults).
    let conf = env.config_home.join("containers");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(
        conf.join("storage.conf"),
        format!(
            "[storage]\ndriver = \"overlay\"\nrunroot = \"{}\"\ngraphroot = \"{}\"\n",
            env.runtime_dir.join("containers").display(),
            env.data_home.join("containers/storage").display()
        ),
    )
    .unwrap();
    std::fs::write(
        conf.join("containers.conf"),
        "[engine]\ncgroup_manager = \"cgroupfs\"\nevents_logger = \"file\"\n",
    )
    .unwrap();
    let saved = env.root.join("busybox-saved.tar");
    env.skiff(["tag", "busybox", "localhost/base:1"]).ok();
    env.skiff(["save", "-o", saved.to_str().unwrap(), "localhost/base:1"])
        .ok();
    env.podman(["load", "-i", saved.to_str().unwrap()]).ok();
    Some(env)
}

/// `buildah bud` with `args` (no network: nothing here needs one).
fn bud(env: &crate::support::Env, args: &[&str]) -> crate::support::Out {
    let mut bud = env.command("buildah");
    bud.args(["bud", "--network", "none"]).args(args);
    crate::support::run_cmd(bud, None, std::time::Duration::from_secs(300))
}

/// The flattened file system of skiff's `image` (a container's export).
fn skiff_tree(env: &crate::support::Env, image: &str) -> Vec<TreeEntry> {
    let name = crate::unique_name("tree");
    env.skiff(["create", "--name", &name, image]).ok();
    let out = env.skiff(["export", &name]);
    env.skiff(["rm", &name]).ok();
    tree(&out.stdout_bytes)
}

/// The flattened file system of podman's `image`.
fn podman_tree(env: &crate::support::Env, image: &str) -> Vec<TreeEntry> {
    let name = crate::unique_name("ptree");
    env.podman(["create", "--name", &name, image]).ok();
    let file = env.root.join(format!("{name}.tar"));
    env.podman(["export", "-o", file.to_str().unwrap(), &name])
        .ok();
    env.podman(["rm", &name]).ok();
    tree(&std::fs::read(&file).unwrap())
}

/// Both trees hold the same paths with the same type, mode, owner, link and content.
fn same_trees(what: &str, a: &[TreeEntry], b: &[TreeEntry]) {
    let show = |t: &[TreeEntry]| -> Vec<String> {
        t.iter()
            .map(|e| format!("{} {} {:o} {}:{} {}", e.0, e.1, e.2, e.3, e.4, e.5))
            .collect()
    };
    let (sa, sb) = (show(a), show(b));
    let only_a: Vec<&String> = sa.iter().filter(|x| !sb.contains(x)).collect();
    let only_b: Vec<&String> = sb.iter().filter(|x| !sa.contains(x)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "{what}: only skiff: {only_a:#?}\nonly buildah: {only_b:#?}"
    );
    assert_eq!(a, b, "{what}: same paths and metadata, different contents");
}

/// The path's entry in a tree.
fn entry<'a>(t: &'a [TreeEntry], path: &str) -> Option<&'a TreeEntry> {
    t.iter().find(|e| e.0 == path)
}

/// The config of buildah's `image` as the Docker format holds it (Healthcheck, OnBuild and
/// Shell exist only there: buildah drops them from an OCI image, with a warning).
fn buildah_config(env: &crate::support::Env, image: &str) -> serde_json::Value {
    let mut c = env.command("buildah");
    c.args(["inspect", "--type", "image", image]);
    let out = crate::support::run_cmd(c, None, std::time::Duration::from_secs(60));
    let v: serde_json::Value = serde_json::from_str(out.ok()).unwrap();
    v["Docker"].clone()
}

#[test]
fn buildah_bud_of_the_same_dockerfile_gives_the_same_config_and_files() {
    let Some(env) = buildah_env() else {
        return;
    };
    let ctx = context(
        &env,
        "interop",
        &[
            ("Dockerfile", INTEROP),
            ("f", "f\n"),
            ("s", "s\n"),
            ("d/x", "x\n"),
            ("d/sub/y", "y\n"),
        ],
    );
    let c = ctx.to_str().unwrap();
    build(&env, &["-q", "-t", "by-skiff", c]).ok();
    bud(&env, &["-q", "-t", "by-buildah", c]).ok();

    let mine = image_config(&env, "by-skiff")["config"].clone();
    let out = env.podman([
        "image",
        "inspect",
        "--format",
        "{{json .Config}}",
        "localhost/by-buildah",
    ]);
    let theirs: serde_json::Value = serde_json::from_str(out.ok().trim()).unwrap();
    for field in [
        "Env",
        "Cmd",
        "Entrypoint",
        "WorkingDir",
        "User",
        "ExposedPorts",
        "Volumes",
        "Labels",
        "StopSignal",
    ] {
        let mut t = theirs[field].clone();
        if field == "Labels" {
            t.as_object_mut().unwrap().remove("io.buildah.version");
        }
        assert_eq!(mine[field], t, "{field}: skiff {mine} buildah {theirs}");
    }
    same_trees(
        "single stage",
        &skiff_tree(&env, "by-skiff"),
        &podman_tree(&env, "localhost/by-buildah"),
    );
}

/// A builder stage that generates files (a directory, modes, a symlink, junk the final image
/// must not have), a stage nothing needs, and a final stage that copies only the artefacts.
const MULTI: &str = "\
FROM localhost/base:1 AS builder
RUN mkdir -p /out/sub && echo artefact > /out/app && chmod 750 /out/app \\
 && echo s > /out/sub/s && ln -s app /out/link && echo junk > /builder-junk
FROM localhost/base:1 AS unused
RUN echo unused > /unused
FROM localhost/base:1
COPY --from=builder /out /opt/
COPY --from=builder --chown=5:6 /out/app /usr/local/bin/app
CMD [\"/usr/local/bin/app\"]
";

#[test]
fn buildah_bud_of_a_multi_stage_dockerfile_and_its_target_give_the_same_files() {
    let Some(env) = buildah_env() else {
        return;
    };
    let ctx = context(&env, "multi", &[("Dockerfile", MULTI)]);
    let c = ctx.to_str().unwrap();
    build(&env, &["-q", "-t", "multi-skiff", c]).ok();
    bud(&env, &["-q", "-t", "multi-buildah", c]).ok();
    let (mine, theirs) = (
        skiff_tree(&env, "multi-skiff"),
        podman_tree(&env, "localhost/multi-buildah"),
    );
    same_trees("final stage", &mine, &theirs);
    // What the comparison covers, so two equally wrong trees would not pass: the artefacts
    // and nothing else of the builder or the unused stage.
    let app = entry(&mine, "opt/app").expect("opt/app");
    assert_eq!((app.2, app.6.as_slice()), (0o750, &b"artefact\n"[..]));
    assert_eq!(entry(&mine, "opt/link").unwrap().5, "app");
    assert_eq!(entry(&mine, "opt/sub/s").unwrap().6, b"s\n");
    let bin = entry(&mine, "usr/local/bin/app").expect("usr/local/bin/app");
    assert_eq!((bin.3, bin.4), (5, 6));
    for gone in ["builder-junk", "unused", "out"] {
        assert!(entry(&mine, gone).is_none(), "{gone} is in the final image");
    }
    let cmd = image_config(&env, "multi-skiff")["config"]["Cmd"].clone();
    assert_eq!(cmd, serde_json::json!(["/usr/local/bin/app"]));

    // --target builder: that stage's files, the junk included.
    build(
        &env,
        &["-q", "--target", "builder", "-t", "multi-skiff-b", c],
    )
    .ok();
    bud(
        &env,
        &["-q", "--target", "builder", "-t", "multi-buildah-b", c],
    )
    .ok();
    let (mine, theirs) = (
        skiff_tree(&env, "multi-skiff-b"),
        podman_tree(&env, "localhost/multi-buildah-b"),
    );
    same_trees("--target builder", &mine, &theirs);
    assert!(entry(&mine, "builder-junk").is_some() && entry(&mine, "out/app").is_some());
    assert!(entry(&mine, "opt").is_none() && entry(&mine, "unused").is_none());
}

/// Every instruction (heredocs left out: buildah 1.28, Debian's, reads `RUN <<EOF` lines as
/// instructions of their own; tests/cases/build_steps.rs checks skiff's heredocs alone).
const EVERY: &str = "\
ARG BASE=localhost/base:1
FROM $BASE AS builder
ARG GEN=generated
RUN mkdir /out && echo \"$GEN\" > /out/artefact
FROM ${BASE}
MAINTAINER Some One <one@example.com>
ARG V=1
ENV A=1 B=\"two words\" C=${V}
ENV D $V-legacy
LABEL org.example.x=y other=\"z w\" v=$V
WORKDIR /app
WORKDIR sub
COPY --from=builder /out/artefact ./artefact
COPY --chown=1000:1001 --chmod=640 f /owned/f
ADD --chown=7:8 d /added/
ADD --chmod=755 s /added/s
ADD t.tar /untar/
RUN echo \"shell $V\" > /shell-form && chmod 600 /shell-form
RUN [\"/bin/sh\", \"-c\", \"echo exec > /exec-form\"]
SHELL [\"/bin/sh\", \"-e\", \"-c\"]
RUN echo \"$0 $-\" > /after-shell
USER 1000:1001
EXPOSE 8080/tcp 53/udp 9000
VOLUME /vol
VOLUME [\"/vol2\", \"/vol3\"]
STOPSIGNAL SIGUSR1
HEALTHCHECK --interval=5s --timeout=2s --start-period=1s --retries=4 CMD wget -q -O- http://localhost/ || exit 1
ONBUILD RUN echo child
ONBUILD COPY f /from-child
ENTRYPOINT [\"/bin/sh\", \"-c\"]
CMD echo hi
";

/// A tar for `ADD t.tar`: a directory and a file with their own modes and owners.
fn small_tar() -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(tar::EntryType::Directory);
    h.set_mode(0o750);
    h.set_uid(3);
    h.set_gid(4);
    h.set_size(0);
    h.set_mtime(1);
    b.append_data(&mut h, "in/", std::io::empty()).unwrap();
    let mut h = tar::Header::new_gnu();
    h.set_mode(0o640);
    h.set_uid(3);
    h.set_gid(4);
    h.set_size(4);
    h.set_mtime(1);
    b.append_data(&mut h, "in/t", &b"tar\n"[..]).unwrap();
    b.into_inner().unwrap()
}

#[test]
fn buildah_bud_of_a_dockerfile_using_every_instruction_gives_the_same_config_and_files() {
    let Some(env) = buildah_env() else {
        return;
    };
    let files = [
        ("Dockerfile", EVERY),
        ("f", "f\n"),
        ("s", "s\n"),
        ("d/x", "x\n"),
        ("d/sub/y", "y\n"),
    ];
    let ctx = context(&env, "every", &files);
    std::fs::write(ctx.join("t.tar"), small_tar()).unwrap();
    let c = ctx.to_str().unwrap();
    build(&env, &["-q", "--build-arg", "V=2", "-t", "every-skiff", c]).ok();
    // The Docker format: buildah keeps HEALTHCHECK, ONBUILD and SHELL only there.
    let args = ["-q", "--format", "docker", "--build-arg", "V=2"];
    bud(&env, &[&args[..], &["-t", "every-buildah", c]].concat()).ok();
    let top = image_config(&env, "every-skiff");
    let mine = top["config"].clone();
    let theirs_top = buildah_config(&env, "localhost/every-buildah");
    let theirs = theirs_top["config"].clone();
    // Docker's values, each checked in skiff's image, so that the comparison with buildah
    // cannot pass with both wrong alike.
    let docker = serde_json::json!({
        "Env": [
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "A=1", "B=two words", "C=2", "D=2-legacy"
        ],
        // Docker: a shell-form CMD runs with the SHELL in force.
        "Cmd": ["/bin/sh", "-e", "-c", "echo hi"],
        "Entrypoint": ["/bin/sh", "-c"],
        "WorkingDir": "/app/sub",
        "User": "1000:1001",
        "ExposedPorts": { "8080/tcp": {}, "53/udp": {}, "9000/tcp": {} },
        // Both forms add to the set; no directory is made in the image for them.
        "Volumes": { "/vol": {}, "/vol2": {}, "/vol3": {} },
        "Labels": { "org.example.x": "y", "other": "z w", "v": "2" },
        "Healthcheck": {
            "Test": ["CMD-SHELL", "wget -q -O- http://localhost/ || exit 1"],
            "Interval": 5_000_000_000u64, "Timeout": 2_000_000_000u64,
            "StartPeriod": 1_000_000_000u64, "Retries": 4
        },
        "StopSignal": "SIGUSR1",
        "OnBuild": ["RUN echo child", "COPY f /from-child"],
        "Shell": ["/bin/sh", "-e", "-c"],
    });
    // Where buildah 1.28 (Debian's) differs from Docker, skiff follows Docker; buildah's value
    // is checked too, so a buildah that changes shows here.
    let differs = serde_json::json!({
        // buildah runs a shell-form CMD with /bin/sh -c whatever SHELL says (Docker's
        // reference: "SHELL ... affects shell form commands of RUN, CMD and ENTRYPOINT").
        "Cmd": ["/bin/sh", "-c", "echo hi"],
    });
    for (field, want) in docker.as_object().unwrap() {
        assert_eq!(&mine[field], want, "{field}: skiff {mine:#}");
        let mut t = theirs[field].clone();
        if field == "Labels" {
            t.as_object_mut().unwrap().remove("io.buildah.version");
        }
        let buildahs = differs.get(field).unwrap_or(want);
        assert_eq!(&t, buildahs, "{field}: buildah {theirs:#}");
    }
    assert_eq!(top["author"], "Some One <one@example.com>");
    assert_eq!(top["author"], theirs_top["author"]);
    let mine = skiff_tree(&env, "every-skiff");
    same_trees(
        "every instruction",
        &mine,
        &podman_tree(&env, "localhost/every-buildah"),
    );
    // What the trees hold, so two equally wrong ones would not pass.
    let file = |p: &str| -> (u32, u64, u64, String) {
        let e = entry(&mine, p).unwrap_or_else(|| panic!("{p} is missing"));
        (e.2, e.3, e.4, String::from_utf8_lossy(&e.6).into_owned())
    };
    let root = |m: u32, text: &str| (m, 0, 0, text.to_string());
    assert_eq!(file("app/sub/artefact"), root(0o644, "generated\n"));
    assert_eq!(file("owned/f"), (0o640, 1000, 1001, "f\n".into()));
    assert_eq!(file("added/x"), (0o644, 7, 8, "x\n".into()));
    assert_eq!(file("added/sub/y"), (0o644, 7, 8, "y\n".into()));
    assert_eq!(file("added/s"), root(0o755, "s\n"));
    assert_eq!(file("untar/in/t"), (0o640, 3, 4, "tar\n".into()));
    assert_eq!(file("untar/in"), (0o750, 3, 4, String::new()));
    assert_eq!(file("shell-form"), root(0o600, "shell 2\n"));
    assert_eq!(file("exec-form"), root(0o644, "exec\n"));
    // The RUN after SHELL ran with its -e.
    let after = file("after-shell").3;
    let flags = after
        .strip_prefix("/bin/sh ")
        .unwrap_or_else(|| panic!("{after}"));
    assert!(flags.contains('e'), "{after}");
    for absent in ["vol", "vol2", "vol3", "out", "t.tar", "untar/t.tar"] {
        assert!(entry(&mine, absent).is_none(), "{absent} is in the image");
    }
}
