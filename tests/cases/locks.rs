//! Locks are short and per object (DESIGN §3): what a user runs does not wait behind a slow
//! download, a big deletion or other containers' health checks. Unlike the rest of the suite these
//! tests measure time, because waiting is the behaviour under test (issue 10's acceptance): each
//! compares a median of a few runs with the median of the same command measured idle in the same
//! test, with the bounds the issue sets, and checks that the slow work really was in progress
//! while it measured (else it would prove nothing).
use crate::isolated_with_busybox;
use crate::support::image::busybox_plus;
use crate::support::registry::{self, Kind, Registry, Stalling};
use crate::support::wait::Cleanup;
use crate::support::{have_tool, Env};
use std::process::Child;
use std::time::{Duration, Instant};

/// How long the registry holds back the slow layer.
const STALL: Duration = Duration::from_secs(5);
/// Runs per median.
const RUNS: usize = 3;

fn timed(f: impl FnOnce()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// A registry holding `slow:latest` (busybox + a layer it stalls for `STALL` on every download)
/// and `other:latest` (busybox + a layer of its own), reached through the stalling proxy.
struct SlowRegistry {
    _reg: Registry,
    proxy: Stalling,
}

impl SlowRegistry {
    fn start(env: &Env) -> Option<SlowRegistry> {
        if !registry::available() || !have_tool("skopeo") {
            return None;
        }
        let reg = Registry::start(Kind::Plain);
        let slow = busybox_plus("slow:latest", |t| {
            t.file("slow", 0o644, b"the stalled layer\n");
        });
        let other = busybox_plus("other:latest", |t| {
            t.file("other", 0o644, b"another image's layer\n");
        });
        reg.seed(env, &slow, "slow:latest", &[]);
        reg.seed(env, &other, "other:latest", &[]);
        let proxy = Stalling::start(&reg, &slow.layers[1].digest, STALL);
        Some(SlowRegistry { _reg: reg, proxy })
    }

    fn name(&self, repo: &str) -> String {
        format!("{}/{repo}", self.proxy.host())
    }

    /// Starts `pull slow` and returns once it is stalled in the slow layer's download.
    fn start_slow_pull(&self, env: &Env, n: usize) -> Child {
        let child = env.sk(["pull", "-q", &self.name("slow")]).spawn();
        assert!(
            self.proxy.wait_stalled(n, Duration::from_secs(60)),
            "the pull never asked for the stalled layer"
        );
        child
    }
}

/// Runs `measure` `RUNS` times while a pull of `slow` is stalled; returns the median, and checks
/// that the pull was still stalled when the last run ended and that it then completed.
fn during_a_stalled_pull(
    env: &Env,
    reg: &SlowRegistry,
    mut measure: impl FnMut() -> Duration,
) -> Duration {
    let mut pull = reg.start_slow_pull(env, 1);
    let times: Vec<Duration> = (0..RUNS).map(|_| measure()).collect();
    let still_stalled = pull.try_wait().unwrap().is_none();
    let out = pull.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the slow pull failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A median alone would hide one run that waited for the whole stall: every run must have
    // ended while the pull was still stalled.
    assert!(
        still_stalled,
        "the runs took {times:?}, together longer than the pull's {STALL:?} stall: one of them \
         waited for the pull"
    );
    median(times)
}

#[test]
fn run_of_a_local_image_does_not_wait_for_a_stalled_pull() {
    let env = isolated_with_busybox();
    let Some(reg) = SlowRegistry::start(&env) else {
        return;
    };
    let run = || timed(|| assert_eq!(env.skiff(["run", "--rm", "busybox", "true"]).ok(), ""));
    run(); // warm-up: the user namespace holder, the page cache
    let idle = median((0..RUNS).map(|_| run()).collect());
    let during = during_a_stalled_pull(&env, &reg, run);
    eprintln!("run --rm: {idle:?} idle, {during:?} during a stalled pull");
    assert!(
        during <= idle * 2,
        "run --rm of a local image took {during:?} during a stalled pull, {idle:?} idle: it waited \
         for the pull's lock"
    );
    // The pulled image is whole.
    let out = env.skiff(["run", "--rm", &reg.name("slow"), "cat", "/slow"]);
    assert_eq!(out.ok(), "the stalled layer\n", "{}", out.dump());
}

#[test]
fn a_pull_of_another_image_does_not_wait_for_a_stalled_pull() {
    let env = isolated_with_busybox();
    let Some(reg) = SlowRegistry::start(&env) else {
        return;
    };
    let other = reg.name("other");
    let pull = || {
        let t = timed(|| {
            env.skiff(["pull", "-q", &other]).ok();
        });
        env.skiff(["rmi", &other]).ok();
        t
    };
    pull(); // warm-up
    let idle = median((0..RUNS).map(|_| pull()).collect());
    let during = during_a_stalled_pull(&env, &reg, pull);
    eprintln!("pull of another image: {idle:?} idle, {during:?} during a stalled pull");
    assert!(
        during <= idle * 2,
        "a pull of another image took {during:?} during a stalled pull, {idle:?} idle: it \
         waited for the stalled one"
    );
}

#[test]
fn two_pulls_of_a_stalled_image_share_its_download() {
    let env = isolated_with_busybox();
    let Some(reg) = SlowRegistry::start(&env) else {
        return;
    };
    let a = reg.start_slow_pull(&env, 1);
    let b = env.sk(["pull", "-q", &reg.name("slow")]).spawn();
    for c in [a, b] {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(
        !reg.proxy.wait_stalled(2, Duration::ZERO),
        "the second pull downloaded the layer the first was downloading"
    );
    let out = env.skiff(["run", "--rm", &reg.name("slow"), "cat", "/slow"]);
    assert_eq!(out.ok(), "the stalled layer\n", "{}", out.dump());
}

/// Enough small files in a container's upper dir that deleting them takes seconds here (many
/// files are slow to delete; one big file is not).
const BIG_UPPER_FILES: u32 = 60_000;

#[test]
fn rm_of_a_big_container_does_not_delay_another_start() {
    let env = isolated_with_busybox();
    let _c = Cleanup::all(&env);
    env.skiff(["create", "--name", "quick", "busybox", "true"])
        .ok();
    let start = || {
        let t = timed(|| {
            env.skiff(["start", "quick"]).ok();
        });
        env.skiff(["wait", "quick"]).ok();
        t
    };
    start(); // warm-up
    let idle = median((0..RUNS).map(|_| start()).collect());
    let fill = format!("mkdir /d && cd /d && seq 1 {BIG_UPPER_FILES} | xargs touch");
    env.sk(["run", "--name", "big", "busybox", "sh", "-c", &fill])
        .timeout(Duration::from_secs(300))
        .run()
        .ok();
    let dir = env.store().join("containers").join(env.container_id("big"));
    let rm_started = Instant::now();
    let mut rm = env.sk(["rm", "big"]).spawn();
    // The directory is renamed away first: from then on, the rm is deleting files.
    while dir.exists() {
        assert!(
            rm_started.elapsed() < Duration::from_secs(60),
            "rm did not start"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    let during = start();
    let rm_running = rm.try_wait().unwrap().is_none();
    let out = rm.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rm_took = rm_started.elapsed();
    eprintln!("start: {idle:?} idle, {during:?} during an rm of {rm_took:?}");
    assert!(
        during <= idle + Duration::from_millis(100),
        "start took {during:?} while rm deleted a big container ({rm_took:?}), {idle:?} idle: \
         it waited for the rm's lock"
    );
    assert!(
        rm_running,
        "rm ({rm_took:?}) ended before start did: the test needs a slower rm (more files)"
    );
    let trash: Vec<_> = std::fs::read_dir(env.store().join("containers"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(trash.is_empty(), "rm left {trash:?}");
}

/// Depends on the per-container state lock (issue 10): with one `containers.lock`, every health
/// check's state update contends with every create and start.
#[test]
fn thirty_health_checked_containers_do_not_slow_run() {
    let env = isolated_with_busybox();
    let _c = Cleanup::all(&env);
    let run = || timed(|| assert_eq!(env.skiff(["run", "--rm", "busybox", "true"]).ok(), ""));
    run(); // warm-up
    let idle = median((0..5).map(|_| run()).collect());
    for i in 0..30 {
        env.skiff([
            "run",
            "-d",
            "--name",
            &format!("h{i}"),
            "--health-cmd",
            "true",
            "--health-interval",
            "1s",
            "busybox",
            "sleep",
            "600",
        ])
        .ok();
    }
    // Long enough for every container's checks to be running in step.
    std::thread::sleep(Duration::from_secs(3));
    let busy = median((0..5).map(|_| run()).collect());
    eprintln!("run --rm: {idle:?} idle, {busy:?} with 30 health-checked containers");
    let healthy = env.skiff(["ps", "--filter", "health=healthy", "-q"]);
    assert_eq!(
        healthy.ok().lines().count(),
        30,
        "the health checks run\n{}",
        healthy.dump()
    );
    assert!(
        busy.as_secs_f64() <= idle.as_secs_f64() * 1.3,
        "run --rm took {busy:?} with 30 health-checked containers, {idle:?} idle"
    );
}
