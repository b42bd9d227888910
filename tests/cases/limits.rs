//! Resource limits (issue 15) through the cgroups delegated to the test user, as CI (and
//! `ci/cgroups.sh`) delegates them: applied or refused, never ignored; the container's cgroups
//! gone after it. The refusal without delegation is in `single_id` (CI's user without a range
//! gets no cgroup either).
use crate::support::wait::{until, Cleanup};
use crate::support::Env;
use crate::{shared, unique_name};
use std::path::PathBuf;
use std::time::Duration;

/// The test process's cgroup directories (v1 hierarchies and v2): where skiff makes its leaves.
fn our_cgroups() -> Vec<PathBuf> {
    let text = std::fs::read_to_string("/proc/self/cgroup").unwrap();
    let mountinfo = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
    let mut out = Vec::new();
    for line in text.lines() {
        let mut f = line.splitn(3, ':');
        let (_, ctrls, path) = (f.next(), f.next().unwrap_or(""), f.next().unwrap_or(""));
        for m in mountinfo.lines() {
            let Some((l, r)) = m.split_once(" - ") else {
                continue;
            };
            let l: Vec<&str> = l.split(' ').collect();
            let r: Vec<&str> = r.split(' ').collect();
            let hit = match ctrls {
                "" => r[0] == "cgroup2",
                c => r[0] == "cgroup" && c.split(',').all(|c| r[2].split(',').any(|o| o == c)),
            };
            if hit && l[3] == "/" {
                out.push(PathBuf::from(format!("{}{}", l[4], path)));
                break;
            }
        }
    }
    out
}

/// The cgroup directories skiff left for container `id`.
fn leaves(id: &str) -> Vec<PathBuf> {
    our_cgroups()
        .into_iter()
        .map(|d| d.join(format!("skiff-{id}")))
        .filter(|d| d.exists())
        .collect()
}

fn inspect(env: &Env, name: &str, field: &str) -> String {
    let out = env.skiff(["inspect", "--format", &format!("{{{{{field}}}}}"), name]);
    out.ok().trim().to_string()
}

#[test]
fn a_memory_limit_ends_a_hog_with_137_and_oomkilled() {
    let env = shared();
    let name = unique_name("oom");
    let _c = Cleanup::names(env, &[&name]);
    // tail keeps a "line" of /dev/zero in memory: it grows until the limit.
    let out = env
        .sk([
            "run",
            "--name",
            &name,
            "-m",
            "32m",
            "busybox",
            "tail",
            "/dev/zero",
        ])
        .timeout(Duration::from_secs(60))
        .run();
    assert_eq!(out.code, 137, "{}", out.dump());
    assert_eq!(inspect(env, &name, ".State.OOMKilled"), "true");
    assert_eq!(
        inspect(env, &name, ".HostConfig.Memory"),
        (32 << 20).to_string()
    );
    let id = env.container_id(&name);
    assert!(leaves(&id).is_empty(), "left: {:?}", leaves(&id));
    // Without a limit the same container is not OOM killed (its record says so).
    let ok = env.skiff([
        "run",
        "--rm",
        "-m",
        "64m",
        "busybox",
        "sh",
        "-c",
        "head -c 1000000 /dev/zero | wc -c",
    ]);
    assert_eq!(ok.ok().trim(), "1000000");
}

#[test]
fn a_pids_limit_makes_the_eleventh_fork_fail() {
    let env = shared();
    let script = "for i in $(seq 1 20); do sleep 2 & done; wait; echo done";
    let out = env.skiff([
        "run",
        "--rm",
        "--pids-limit",
        "10",
        "busybox",
        "sh",
        "-c",
        script,
    ]);
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(
        text.contains("can't fork") || text.contains("Resource temporarily unavailable"),
        "{}",
        out.dump()
    );
    let free = env.skiff(["run", "--rm", "busybox", "sh", "-c", script]);
    assert!(!free.stderr.contains("can't fork"), "{}", free.dump());
}

#[test]
fn exec_joins_the_containers_cgroups() {
    let env = shared();
    let name = unique_name("pidsexec");
    let _c = Cleanup::names(env, &[&name]);
    env.skiff([
        "run",
        "-d",
        "--name",
        &name,
        "--pids-limit",
        "6",
        "busybox",
        "sleep",
        "60",
    ])
    .ok();
    let script = "for i in $(seq 1 10); do sleep 2 & done; wait; echo done";
    let out = env.skiff(["exec", &name, "sh", "-c", script]);
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(
        text.contains("can't fork") || text.contains("Resource temporarily unavailable"),
        "{}",
        out.dump()
    );
    // Inside its cgroup namespace the container's cgroup is the root.
    let out = env.skiff(["exec", &name, "cat", "/proc/self/cgroup"]);
    assert!(
        out.ok()
            .lines()
            .any(|l| l.ends_with(":pids:/") || l == "0::/"),
        "{}",
        out.dump()
    );
}

#[test]
fn cpus_caps_a_busy_loop_and_cpuset_pins_it() {
    let env = shared();
    let name = unique_name("cpus");
    let _c = Cleanup::names(env, &[&name]);
    env.skiff([
        "run",
        "-d",
        "--name",
        &name,
        "--cpus",
        "0.5",
        "busybox",
        "sh",
        "-c",
        "while :; do :; done",
    ])
    .ok();
    let pid = inspect(env, &name, ".State.Pid");
    let ticks = || -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
        let after = &stat[stat.rfind(')').unwrap() + 2..];
        let f: Vec<&str> = after.split(' ').collect();
        f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap()
    };
    std::thread::sleep(Duration::from_millis(500));
    let (t0, a) = (std::time::Instant::now(), ticks());
    std::thread::sleep(Duration::from_secs(2));
    let used = (ticks() - a) as f64 / 100.0 / t0.elapsed().as_secs_f64();
    assert!(used <= 0.6, "a 0.5 cpu container used {used:.2} of a core");
    let id = env.container_id(&name);
    assert!(!leaves(&id).is_empty(), "no cgroup while it runs");
    env.skiff(["rm", "-f", &name]).ok();
    until(
        "the cgroups removed",
        Duration::from_secs(5),
        || match leaves(&id).is_empty() {
            true => Ok(()),
            false => Err(format!("left after rm: {:?}", leaves(&id))),
        },
    );

    let out = env.skiff([
        "run",
        "--rm",
        "--cpuset-cpus",
        "0",
        "busybox",
        "grep",
        "Cpus_allowed_list",
        "/proc/self/status",
    ]);
    assert!(out.ok().trim().ends_with("\t0"), "{}", out.dump());
}

#[test]
fn oom_score_adj_is_set_and_bad_values_are_refused() {
    let env = shared();
    let out = env.skiff([
        "run",
        "--rm",
        "--oom-score-adj",
        "500",
        "busybox",
        "cat",
        "/proc/self/oom_score_adj",
    ]);
    assert_eq!(out.ok().trim(), "500");
    for (flag, value, words) in [
        (
            "--oom-score-adj",
            "5000",
            "valid range is from -1000 to 1000",
        ),
        ("--memory", "1k", "minimum memory limit allowed is 6MB"),
        ("--memory", "lots", "invalid --memory"),
        ("--cpus", "-1", "invalid --cpus"),
        ("--cgroups", "sometimes", "invalid --cgroups"),
    ] {
        let out = env.skiff(["run", "--rm", &format!("{flag}={value}"), "busybox", "true"]);
        out.engine_error(&[words]);
    }
    let out = env.skiff([
        "run",
        "--rm",
        "--cgroups=disabled",
        "-m",
        "64m",
        "busybox",
        "true",
    ]);
    out.engine_error(&["--cgroups=disabled cannot be combined"]);
}
