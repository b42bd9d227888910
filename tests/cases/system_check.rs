//! `system check` (issue 16): each damage the test makes is reported on a line of its own (exit
//! 1), `--repair` fixes it, `system check` then accepts the store (exit 0, no output) and `run`
//! works; a container's writable layer goes only with `-f`. Then many `kill -9`s at random
//! moments of load, run, rm, rmi and tag: nothing committed is lost, and whatever the kills
//! left, `--repair` fixes.
use crate::isolated_with_busybox;
use crate::support::image::{busybox_plus, Image};
use crate::support::registry::{self, Kind, Registry};
use crate::support::{kill_group, wait_timeout, Env};
use std::time::{Duration, Instant};

fn extra(name: &str) -> Image {
    busybox_plus(name, |t| {
        t.file("extra", 0o644, b"extra layer\n");
    })
}

fn load(env: &Env, img: &Image) {
    let path = env.root.join("extra.tar");
    img.write_oci(&path);
    env.load(&path);
}

/// `system check` fails naming `needle` on one of its lines; `--repair` (with `extra` flags)
/// fixes everything; `system check` then passes, and busybox runs.
#[track_caller]
fn check_repair(env: &Env, needle: &str, extra: &[&str]) {
    let out = env.skiff(["system", "check"]);
    out.code_is(1);
    assert!(
        out.stdout.lines().any(|l| l.contains(needle)),
        "no line names {needle:?}\n{}",
        out.dump()
    );
    let mut args = vec!["system", "check", "--repair"];
    args.extend(extra);
    let out = env.skiff(&args);
    assert!(
        out.ok().lines().all(|l| l.ends_with(": repaired")),
        "{}",
        out.dump()
    );
    assert_eq!(env.skiff(["system", "check"]).ok(), "");
    assert_eq!(
        env.skiff(["run", "--rm", "busybox", "echo", "ok"]).ok(),
        "ok\n"
    );
}

fn blob(env: &Env, digest: &str) -> std::path::PathBuf {
    env.store()
        .join("blobs/sha256")
        .join(digest.trim_start_matches("sha256:"))
}

#[test]
fn a_sound_store_passes() {
    let env = isolated_with_busybox();
    env.skiff(["run", "--name", "done", "busybox", "true"]).ok();
    let out = env.skiff(["system", "check"]);
    assert_eq!(out.ok(), "", "{}", out.dump());
    env.skiff(["system", "check", "-f"])
        .engine_error(&["--repair"]);
}

#[test]
fn a_corrupt_blob_is_reported_and_its_image_removed() {
    let env = isolated_with_busybox();
    let img = extra("extra:1");
    load(&env, &img);
    std::fs::write(blob(&env, &img.id()), b"{\"not\": \"the config\"}").unwrap();
    check_repair(&env, "corrupt", &[]);
    assert_eq!(
        env.skiff(["images", "-q", "extra"]).ok(),
        "",
        "the broken image is gone"
    );
    load(&env, &img);
    env.skiff(["run", "--rm", "extra:1", "cat", "/extra"]).ok();
}

#[test]
fn a_removed_layer_dir_is_reported_and_its_image_removed() {
    let env = isolated_with_busybox();
    let img = extra("extra:1");
    load(&env, &img);
    let inspect = env.skiff([
        "image",
        "inspect",
        "--format",
        "{{json .RootFS.Layers}}",
        "extra:1",
    ]);
    let diffs: Vec<String> = serde_json::from_str(inspect.ok()).unwrap();
    assert_eq!(diffs.len(), 2);
    // The top layer's chain id: sha256(lower chain + " " + diff id).
    let chain = {
        use sha2::Digest;
        let text = format!("{} {}", diffs[0], diffs[1]);
        hex::encode(sha2::Sha256::digest(text.as_bytes()))
    };
    let dir = env.store().join("layers").join(&chain);
    assert!(dir.is_dir(), "{}", dir.display());
    let rm = format!("{}", dir.display());
    env.skiff(["unshare", "rm", "-rf", &rm]).ok();
    check_repair(&env, "missing", &[]);
    load(&env, &img);
    env.skiff(["run", "--rm", "extra:1", "cat", "/extra"]).ok();
}

#[test]
fn a_container_naming_a_missing_image_is_removed_only_with_force() {
    let env = isolated_with_busybox();
    env.skiff(["create", "--name", "orphan", "busybox", "true"])
        .ok();
    let id = env.container_id("orphan");
    let file = env
        .store()
        .join("containers")
        .join(&id)
        .join("container.json");
    let text = std::fs::read_to_string(&file).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["image"]["id"] = format!("sha256:{}", "0".repeat(64)).into();
    std::fs::write(&file, v.to_string()).unwrap();
    let _ = std::fs::remove_file(env.store().join("containers.cache"));
    let out = env.skiff(["system", "check", "--repair"]);
    out.code_is(1);
    assert!(
        out.stdout.contains("orphan") && out.stdout.contains("not repaired"),
        "{}",
        out.dump()
    );
    assert!(file.exists(), "the writable layer stays without -f");
    check_repair(&env, "is not in the store", &["-f"]);
    assert!(!file.exists());
}

#[test]
fn a_temp_dir_of_an_interrupted_load_is_reported_and_removed() {
    let env = isolated_with_busybox();
    let img = extra("extra:1");
    let path = env.root.join("extra.tar");
    img.write_oci(&path);
    let mark = env.root.join("fault.mark");
    let p = path.display().to_string();
    let mut child = env
        .sk(["load", "-i", &p])
        .env("SKIFF_FAULT_POINT", "load.before-lock")
        .env("SKIFF_FAULT_MARK", &mark)
        .spawn();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !mark.exists() {
        assert!(
            Instant::now() < deadline,
            "load did not reach its fault point"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    kill_group(child.id() as i32);
    wait_timeout(&mut child, Duration::from_secs(10)).expect("skiff did not die");
    check_repair(&env, "left by interrupted work", &[]);
    let left: Vec<_> = ["blobs/sha256", "layers"]
        .iter()
        .flat_map(|d| std::fs::read_dir(env.store().join(d)).unwrap())
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// The pids of live processes whose command line names `needle`.
fn processes_naming(needle: &str) -> Vec<String> {
    let me = std::process::id().to_string();
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| {
            let pid = e.file_name().to_string_lossy().into_owned();
            let cmd = std::fs::read(e.path().join("cmdline")).ok()?;
            let cmd = String::from_utf8_lossy(&cmd).replace('\0', " ");
            (pid != me && cmd.contains(needle)).then(|| format!("{pid}: {cmd}"))
        })
        .collect()
}

fn alive(pid: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        !s.rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z')
    })
}

/// `system reset -f` with containers running: the containers, their monitors and the namespace
/// holder end, the store and runtime dirs are gone, no mount names them; skiff then starts
/// afresh.
#[test]
fn system_reset_removes_everything_with_containers_running() {
    let env = isolated_with_busybox();
    let mut pids = Vec::new();
    for n in ["r1", "r2"] {
        env.skiff([
            "run", "-d", "--name", n, "-v", "/anon", "busybox", "sleep", "600",
        ])
        .ok();
        let pid = env.skiff(["inspect", "--format", "{{.State.Pid}}", n]);
        pids.push(pid.ok().trim().to_string());
    }
    env.skiff(["volume", "create", "named"]).ok();
    let holder = std::fs::read_to_string(env.runtime_dir.join("skiff/userns.pid")).unwrap();
    let holder = holder.split_whitespace().next().unwrap().to_string();
    pids.push(holder);
    let store = env.store().display().to_string();
    assert!(
        !processes_naming(&store).is_empty(),
        "the monitors name the store"
    );
    env.skiff(["system", "reset"]).engine_error(&["-f"]);
    assert!(
        env.store().join("index.json").exists(),
        "refused without -f"
    );

    let out = env.skiff(["system", "reset", "-f"]);
    assert_eq!(out.ok(), "");
    assert!(!env.store().exists(), "the store is gone");
    assert!(
        !env.runtime_dir.join("skiff").exists(),
        "the runtime dir is gone"
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while pids.iter().any(|p| alive(p)) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    for p in &pids {
        assert!(!alive(p), "process {p} outlived the reset");
    }
    assert_eq!(processes_naming(&store), Vec::<String>::new());
    let mounts = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
    let root = env.root.display().to_string();
    assert!(!mounts.contains(&root), "{mounts}");
    // A reset store is an empty one.
    assert_eq!(env.skiff(["images", "-q"]).ok(), "");
    assert_eq!(env.skiff(["ps", "-a", "-q"]).ok(), "");
}

/// A small xorshift generator: the test prints its seed, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// What the loop knows exists: what completed and was not undone since. A killed command's
/// object is neither expected nor forbidden afterwards.
#[derive(Default)]
struct Known {
    images: std::collections::BTreeSet<String>,
    containers: std::collections::BTreeSet<String>,
}

/// `kill -9` at random moments of load, pull, run, rm, rmi and tag, in a loop: afterwards every
/// image and container whose command completed is still there, `system check --repair` fixes
/// every problem the kills left (no -f: no container is removed), `system check` then accepts
/// the store, and busybox runs. The loop goes on until 200 commands were killed, as the issue
/// asks (a debug build here: ~330 iterations, ~20 s); 150 s bounds it on a machine gone wrong.
#[test]
fn kill_9_at_random_moments_loses_nothing_committed_and_repair_fixes_the_rest() {
    let env = isolated_with_busybox();
    let extra_tar = env.root.join("extra.tar");
    extra("extra:1").write_oci(&extra_tar);
    let extra_tar = extra_tar.display().to_string();
    let reg = registry::available().then(|| Registry::start(Kind::Plain));
    if let Some(r) = &reg {
        r.push_raw(&extra("remote:1"), "remote", "v1");
    }
    let remote = reg.as_ref().map(|r| format!("{}/remote:v1", r.host()));
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("seed {seed}");
    let mut rng = Rng(seed);
    let mut known = Known::default();
    let (mut kills, mut iterations) = (0, 0);
    let start = Instant::now();
    while kills < 200 && start.elapsed() < Duration::from_secs(150) {
        iterations += 1;
        let n = iterations.to_string();
        let pick = |set: &std::collections::BTreeSet<String>, rng: &mut Rng| {
            let v: Vec<&String> = set.iter().collect();
            (!v.is_empty()).then(|| v[rng.below(v.len() as u64) as usize].clone())
        };
        // (arguments, what completing it adds, what it removes)
        let (args, add_img, add_ctr, del_img, del_ctr): (Vec<String>, _, _, _, _) =
            match rng.below(7) {
                0 => (
                    vec!["load".into(), "-i".into(), extra_tar.clone()],
                    Some("localhost/extra:1".to_string()),
                    None,
                    None,
                    None,
                ),
                1 if remote.is_some() => {
                    let r = remote.clone().unwrap();
                    (
                        vec!["pull".into(), "-q".into(), r.clone()],
                        Some(r),
                        None,
                        None,
                        None,
                    )
                }
                2 | 1 => {
                    let t = format!("t{n}:latest");
                    (
                        vec!["tag".into(), "busybox".into(), t.clone()],
                        Some(format!("localhost/{t}")),
                        None,
                        None,
                        None,
                    )
                }
                3 => match pick(&known.images, &mut rng) {
                    Some(i) => (vec!["rmi".into(), i.clone()], None, None, Some(i), None),
                    None => continue,
                },
                4 => {
                    let c = format!("c{n}");
                    (
                        vec![
                            "run".into(),
                            "--name".into(),
                            c.clone(),
                            "busybox".into(),
                            "true".into(),
                        ],
                        None,
                        Some(c),
                        None,
                        None,
                    )
                }
                5 => match pick(&known.containers, &mut rng) {
                    Some(c) => (vec!["rm".into(), c.clone()], None, None, None, Some(c)),
                    None => continue,
                },
                _ => (
                    vec!["run".into(), "--rm".into(), "busybox".into(), "true".into()],
                    None,
                    None,
                    None,
                    None,
                ),
            };
        let mut child = env.sk(&args).spawn();
        std::thread::sleep(Duration::from_millis(rng.below(120)));
        let done = matches!(child.try_wait(), Ok(Some(st)) if st.success());
        if !done {
            kill_group(child.id() as i32);
            kills += 1;
        }
        let status = wait_timeout(&mut child, Duration::from_secs(30)).expect("skiff ended");
        // Finished between the check and the kill: it completed all the same.
        let done = done || status.success();
        let (imgs, ctrs) = (&mut known.images, &mut known.containers);
        for (set, add, del) in [(imgs, &add_img, &del_img), (ctrs, &add_ctr, &del_ctr)] {
            // A killed command's object may or may not exist: no longer known either way.
            for name in add.iter().chain(del.iter()) {
                set.remove(name);
            }
            if done {
                set.extend(add.iter().cloned());
            }
        }
    }
    eprintln!(
        "{iterations} iterations, {kills} kills in {:?}",
        start.elapsed()
    );
    assert_eq!(kills, 200, "only {kills} kills in {iterations} iterations");
    let lost = |env: &Env, known: &Known| {
        let images = env.skiff(["images", "--format", "{{.Repository}}:{{.Tag}}"]);
        let containers = env.skiff(["ps", "-a", "--format", "{{.Names}}"]);
        let (images, containers) = (images.ok().to_string(), containers.ok().to_string());
        let mut lost: Vec<&String> = known
            .images
            .iter()
            .filter(|i| !images.lines().any(|l| l == *i))
            .collect();
        lost.extend(
            known
                .containers
                .iter()
                .filter(|c| !containers.lines().any(|l| l == *c)),
        );
        assert!(
            lost.is_empty(),
            "lost {lost:?}\nimages:\n{images}\ncontainers:\n{containers}"
        );
    };
    lost(&env, &known);
    let out = env.skiff(["system", "check", "--repair"]);
    assert_eq!(
        out.code,
        0,
        "problems --repair could not fix\n{}",
        out.dump()
    );
    assert_eq!(env.skiff(["system", "check"]).ok(), "");
    lost(&env, &known);
    assert_eq!(
        env.skiff(["run", "--rm", "busybox", "echo", "ok"]).ok(),
        "ok\n"
    );
}

/// A detached container whose monitor was killed: `system check` names it; `--repair -f` ends
/// it (if it still runs) and records its exit, and the store then checks clean.
#[test]
fn a_container_whose_monitor_died_is_reported_and_repaired() {
    let env = isolated_with_busybox();
    env.skiff(["run", "-d", "--name", "lost", "busybox", "sleep", "600"])
        .ok();
    let id = env.container_id("lost");
    let state = env.store().join("containers").join(&id).join("state.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    let monitor = v["monitor_pid"]
        .as_i64()
        .or_else(|| v["state"]["monitor_pid"].as_i64())
        .unwrap_or_else(|| panic!("no monitor pid in {v}"));
    assert!(monitor > 0, "{v}");
    // SAFETY: kill(2) of the monitor this test's skiff started.
    unsafe { libc::kill(monitor as i32, libc::SIGKILL) };
    std::thread::sleep(Duration::from_millis(300));
    let out = env.skiff(["system", "check"]);
    out.code_is(1);
    assert!(
        out.stdout.contains("lost") && out.stdout.contains("monitor"),
        "{}",
        out.dump()
    );
    let out = env.skiff(["system", "check", "--repair", "-f"]);
    assert!(
        out.ok().lines().all(|l| l.ends_with(": repaired")),
        "{}",
        out.dump()
    );
    assert_eq!(env.skiff(["system", "check"]).ok(), "");
    let status = env.skiff(["ps", "-a", "--format", "{{.Status}}"]);
    assert!(status.ok().starts_with("Exited"), "{}", status.dump());
}
