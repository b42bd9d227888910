//! `build` against the other tools: the same Dockerfile built by `buildah bud` gives the same
//! config and files, base images pulled from a registry as `--pull` says, and a skiff-built
//! image pushed there is pulled and run by podman.
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

#[test]
fn buildah_bud_of_the_same_dockerfile_gives_the_same_config_and_files() {
    if !crate::support::have_tool("buildah") || !crate::support::have_tool("podman") {
        assert!(!crate::support::in_ci(), "buildah and podman are missing");
        eprintln!("SKIPPED: buildah or podman is missing");
        return;
    }
    let env = isolated_with_busybox();
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
    // buildah needs runroot and graphroot set (podman's defaults); podman and buildah share
    // this storage.
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
    // The same base in podman's storage.
    let saved = env.root.join("busybox-saved.tar");
    env.skiff(["tag", "busybox", "localhost/base:1"]).ok();
    env.skiff(["save", "-o", saved.to_str().unwrap(), "localhost/base:1"])
        .ok();
    env.podman(["load", "-i", saved.to_str().unwrap()]).ok();
    build(&env, &["-q", "-t", "by-skiff", c]).ok();
    let mut bud = env.command("buildah");
    bud.args(["bud", "-q", "--network", "none", "-t", "by-buildah", c]);
    crate::support::run_cmd(bud, None, std::time::Duration::from_secs(300)).ok();

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

    env.skiff(["create", "--name", "sc", "by-skiff"]).ok();
    let ours = env.skiff(["export", "sc"]);
    env.podman(["create", "--name", "pc", "localhost/by-buildah"])
        .ok();
    let file = env.root.join("podman-export.tar");
    env.podman(["export", "-o", file.to_str().unwrap(), "pc"])
        .ok();
    let (a, b) = (
        tree(&ours.stdout_bytes),
        tree(&std::fs::read(&file).unwrap()),
    );
    let show = |t: &[TreeEntry]| -> Vec<String> {
        t.iter()
            .map(|e| format!("{} {} {:o} {}:{} {}", e.0, e.1, e.2, e.3, e.4, e.5))
            .collect()
    };
    let (sa, sb) = (show(&a), show(&b));
    let only_a: Vec<&String> = sa.iter().filter(|x| !sb.contains(x)).collect();
    let only_b: Vec<&String> = sb.iter().filter(|x| !sa.contains(x)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "only skiff: {only_a:#?}\nonly buildah: {only_b:#?}"
    );
    assert_eq!(a, b, "same paths and metadata, different contents");
    env.skiff(["rm", "sc"]).ok();
}
