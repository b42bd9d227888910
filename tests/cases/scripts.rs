//! Scripts written for podman and Docker run unchanged with skiff under their names (issue 11's
//! acceptance): the first lines of podman's test helpers, and the idioms of Docker-based CI
//! jobs. Each script runs in bash with `set -eu`, where `podman` and `docker` are skiff.
use crate::isolated_with_busybox;
use crate::support::{skiff_bin, Env, Out};
use std::path::{Path, PathBuf};

/// A `bin` dir holding `podman` and `docker`, each exec'ing this build's skiff.
fn alias_dir(env: &Env) -> PathBuf {
    let bin = env.root.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    for name in ["podman", "docker"] {
        let script = format!("#!/bin/sh\nexec '{}' \"$@\"\n", skiff_bin().display());
        let path = bin.join(name);
        std::fs::write(&path, script).unwrap();
        std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .unwrap();
    }
    bin
}

/// Runs `script` in bash (`set -eu`, `-x` so a failure shows its line) with the aliases first
/// on PATH.
fn run_script(env: &Env, script: &str) -> Out {
    let bin = alias_dir(env);
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into())
    );
    let mut cmd = env.command("bash");
    cmd.env("PATH", path)
        .env("ALT", env.root.join("alt"))
        .args(["-euxc", script]);
    crate::support::run_cmd(cmd, None, std::time::Duration::from_secs(120))
}

/// Ends the user-namespace holder a second store (`--runroot DIR`) started, if any.
fn end_holder(runroot: &Path) {
    let pid = std::fs::read_to_string(runroot.join("userns.pid")).unwrap_or_default();
    if let Some(pid) = pid.split_whitespace().next().and_then(|p| p.parse().ok()) {
        // SAFETY: kill(2) of the holder this test's second store started.
        unsafe { libc::kill(pid, libc::SIGKILL) };
    }
}

const PODMAN_STYLE: &str = r#"
podman rm -t 0 --all --force --ignore
[ -z "$(podman ps --all --external --format '{{.ID}} {{.Names}}')" ]
podman run -d --name web busybox sleep 300
podman create --name idle busybox sleep 300
podman container exists web
if podman container exists nosuch; then exit 10; fi
podman image exists busybox
if podman image exists nosuch:tag; then exit 11; fi
podman tag busybox localhost/extra:1
podman image exists localhost/extra:1
podman untag localhost/extra:1
if podman image exists localhost/extra:1; then exit 12; fi
id=$(podman inspect --format '{{.ID}}' web)
[ ${#id} = 64 ]
podman ps --all --external --format '{{.ID}} {{.Names}}' | grep -qx "${id:0:12} web"
podman stop -t 0 web
podman start --all
[ "$(podman ps --format '{{.Names}}' | sort | tr '\n' ' ')" = "idle web " ]
[ -z "$(podman --root "$ALT/root" --runroot "$ALT/run" ps -a --format '{{.Names}}')" ]
podman rm -t 0 --all --force --ignore
[ -z "$(podman ps -aq)" ]
podman rmi -a -f
[ -z "$(podman images -q)" ]
podman rm -t 0 --all --force --ignore
echo script-done
"#;

#[test]
fn a_script_in_the_style_of_podmans_test_helpers_runs_green() {
    let env = isolated_with_busybox();
    let out = run_script(&env, PODMAN_STYLE);
    end_holder(&env.root.join("alt/run"));
    assert!(out.ok().contains("script-done"), "{}", out.dump());
}

const DOCKER_STYLE: &str = r#"
docker run --name fg busybox sh -c 'echo out-line; echo err-line >&2'
docker logs fg > logs.out 2> logs.err
grep -qx out-line logs.out
grep -qx err-line logs.err
docker run -d --name bg busybox sh -c 'exit 3'
[ "$(docker wait bg)" = 3 ]
[ "$(docker inspect -f '{{.State.ExitCode}}' bg)" = 3 ]
docker create --name never busybox true
[ "$(docker wait never)" = 0 ]
docker rm -f $(docker ps -aq)
[ -z "$(docker ps -aq)" ]
echo script-done
"#;

#[test]
fn a_script_in_the_style_of_docker_based_ci_jobs_runs_green() {
    let env = isolated_with_busybox();
    let out = run_script(&env, DOCKER_STYLE);
    assert!(out.ok().contains("script-done"), "{}", out.dump());
}
