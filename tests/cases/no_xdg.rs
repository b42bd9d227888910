//! skiff without `XDG_RUNTIME_DIR` (`su - user`, `sudo -u`, cron, ssh without logind): the run
//! dir falls back to podman's rule (`/run/user/UID` when it is the user's, else
//! `${TMPDIR:-/tmp}/skiff-run-UID`), worked out once by the CLI and handed to every process it
//! starts (issue 11, defect 0: the monitor, uid 0 in the user namespace, used to reach
//! `/tmp/skiff-run-0`).
use crate::support::image::busybox;
use crate::support::wait::{until, SETTLE};
use crate::support::{kill_pidfile, Env, Out};
use std::fs::Permissions;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// An isolated store whose commands run with no `XDG_RUNTIME_DIR` and `TMPDIR` set to a dir
/// of the test's own; its user-namespace holder (in the fallback run dir) ends on drop.
struct NoXdg {
    env: Env,
    tmp: PathBuf,
}

impl NoXdg {
    fn new() -> NoXdg {
        let env = Env::isolated();
        let tmp = env.root.join("t");
        std::fs::create_dir(&tmp).unwrap();
        NoXdg { env, tmp }
    }

    fn run_dir(&self) -> PathBuf {
        let uid =
            std::fs::metadata(&self.env.root).map(|m| std::os::unix::fs::MetadataExt::uid(&m));
        self.tmp.join(format!("skiff-run-{}", uid.unwrap()))
    }

    fn sk(&self, args: &[&str]) -> Out {
        self.sk_tmp(args, &self.tmp)
    }

    fn sk_tmp(&self, args: &[&str], tmp: &Path) -> Out {
        let mut s = self.env.sk(args).timeout(Duration::from_secs(30));
        s.cmd.env_remove("XDG_RUNTIME_DIR").env("TMPDIR", tmp);
        s.run()
    }
}

impl Drop for NoXdg {
    fn drop(&mut self) {
        let _ = self.sk(&["rm", "-f", "-a"]);
        kill_pidfile(&self.run_dir().join("userns.pid"));
    }
}

#[test]
fn the_lifecycle_works_without_xdg_runtime_dir() {
    let n = NoXdg::new();
    let tar = n.env.root.join("busybox.tar");
    busybox("busybox:latest").write_oci(&tar);
    n.sk(&["load", "-i", tar.to_str().unwrap()]).ok();
    let out = n.sk(&[
        "run",
        "-d",
        "--name",
        "c1",
        "busybox",
        "sh",
        "-c",
        "echo started; exec sleep 60",
    ]);
    let id = out.ok().trim().to_string();
    // The monitor's state is in the CLI's fallback run dir, under TMPDIR.
    assert!(
        n.run_dir().join("containers").join(&id).is_dir(),
        "the run dir is {}\n{}",
        n.run_dir().display(),
        out.dump()
    );
    let ps = n.sk(&["ps", "--format", "{{.Names}} {{.Status}}"]);
    assert!(ps.ok().starts_with("c1 Up"), "{}", ps.dump());
    assert_eq!(n.sk(&["exec", "c1", "echo", "hi"]).ok(), "hi\n");
    let logs = until("the log", SETTLE, || {
        let l = n.sk(&["logs", "c1"]);
        (l.stdout == "started\n")
            .then_some(l)
            .ok_or_else(|| "no log yet".to_string())
    });
    assert_eq!(logs.stdout, "started\n");
    n.sk(&["stop", "-t", "1", "c1"]).ok();
    let st = n.sk(&["inspect", "--format", "{{.State.Status}}", "c1"]);
    assert_eq!(st.ok(), "exited\n");
    n.sk(&["start", "c1"]).ok();
    let st = n.sk(&["inspect", "--format", "{{.State.Status}}", "c1"]);
    assert_eq!(st.ok(), "running\n");
    n.sk(&["rm", "-f", "c1"]).ok();
    assert_eq!(n.sk(&["ps", "-a", "-q"]).ok(), "");
    let fg = n.sk(&["run", "--rm", "busybox", "echo", "foreground"]);
    assert_eq!(fg.ok(), "foreground\n");
}

#[test]
fn an_unusable_fallback_run_dir_is_named_in_the_error() {
    // A TMPDIR where the user cannot create the run dir: the error says which directory and
    // what skiff was doing, not a bare "Permission denied (os error 13)".
    let n = NoXdg::new();
    let locked = n.env.root.join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, Permissions::from_mode(0o500)).unwrap();
    let out = n.sk_tmp(&["run", "--rm", "busybox", "true"], &locked);
    std::fs::set_permissions(&locked, Permissions::from_mode(0o700)).unwrap();
    assert_eq!(out.code, 125, "{}", out.dump());
    let want = locked.join("skiff-run-");
    assert!(
        out.stderr.contains(&*want.to_string_lossy()) && out.stderr.contains("cannot create"),
        "the error names the directory and the operation\n{}",
        out.dump()
    );
}
