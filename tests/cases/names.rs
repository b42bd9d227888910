//! Container names (issue 10 §4): reserved with O_EXCL files under `names/containers/`, never by
//! listing every record. Many `run --name` at once, rename, rm and `--rm` freeing names, stale
//! reservations left by a crash, stores made before `names/` existed, and kill -9 of `create`.
use crate::isolated_with_busybox;
use crate::support::wait::{kill9, Cleanup};
use crate::support::{kill_group, parse_table, wait_timeout, Env};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

fn names_dir(env: &Env) -> std::path::PathBuf {
    env.store().join("names/containers")
}

/// How many containers `ps -a` lists under `name`.
fn named(env: &Env, name: &str) -> usize {
    let ps = env.skiff(["ps", "-a"]);
    parse_table(ps.ok())
        .iter()
        .filter(|r| r["NAMES"] == name)
        .count()
}

#[test]
fn twenty_runs_with_one_name_at_once_exactly_one_wins() {
    let env = Arc::new(isolated_with_busybox());
    let _c = Cleanup::all(&env);
    let n = 20;
    let barrier = Arc::new(Barrier::new(n));
    let handles: Vec<_> = (0..n)
        .map(|_| {
            let (env, barrier) = (Arc::clone(&env), Arc::clone(&barrier));
            std::thread::spawn(move || {
                barrier.wait();
                env.skiff(["run", "-d", "--name", "same", "busybox", "sleep", "60"])
            })
        })
        .collect();
    let outs: Vec<_> = handles
        .into_iter()
        .map(|h| h.join().expect("thread"))
        .collect();
    let won: Vec<_> = outs.iter().filter(|o| o.code == 0).collect();
    assert_eq!(
        won.len(),
        1,
        "exactly one run wins\n{}",
        outs.iter().map(|o| o.dump()).collect::<Vec<_>>().join("\n")
    );
    let id = won[0].stdout.trim();
    for lost in outs.iter().filter(|o| o.code != 0) {
        lost.engine_error(&["\"same\"", "already in use", id]);
        assert_eq!(lost.stdout, "", "{}", lost.dump());
    }
    let ps = env.skiff(["ps", "-a"]);
    let rows = parse_table(ps.ok());
    assert_eq!(rows.len(), 1, "the losers left nothing\n{}", ps.dump());
    assert_eq!(rows[0]["NAMES"], "same", "{}", ps.dump());
    env.skiff(["rm", "-f", "same"]).ok();
    assert_eq!(named(&env, "same"), 0);
}

#[test]
fn rename_to_a_taken_name_fails_and_to_a_free_one_frees_the_old() {
    let env = isolated_with_busybox();
    let _c = Cleanup::all(&env);
    for n in ["old", "taken"] {
        env.skiff(["create", "--name", n, "busybox", "true"]).ok();
    }
    let out = env.skiff(["rename", "old", "taken"]);
    out.engine_error(&["\"taken\"", "already in use"]);
    assert_eq!(named(&env, "old"), 1, "the failed rename kept the name");
    assert_eq!(named(&env, "taken"), 1);

    env.skiff(["rename", "old", "new"]).ok();
    assert_eq!(named(&env, "new"), 1);
    assert_eq!(named(&env, "old"), 0);
    let out = env.skiff(["inspect", "-f", "{{.Name}}", "new"]);
    assert_eq!(out.ok(), "/new\n", "{}", out.dump());
    // The old name is free again, and the new one is held.
    env.skiff(["run", "--name", "old", "busybox", "true"]).ok();
    let out = env.skiff(["create", "--name", "new", "busybox", "true"]);
    out.engine_error(&["\"new\"", "already in use"]);
}

#[test]
fn rm_and_run_rm_free_the_name() {
    let env = isolated_with_busybox();
    let _c = Cleanup::all(&env);
    env.skiff(["create", "--name", "gone", "busybox", "true"])
        .ok();
    env.skiff(["rm", "gone"]).ok();
    assert!(
        !names_dir(&env).join("gone").exists(),
        "rm released the name"
    );
    env.skiff(["create", "--name", "gone", "busybox", "true"])
        .ok();
    env.skiff(["rm", "gone"]).ok();

    for _ in 0..2 {
        let out = env.skiff(["run", "--rm", "--name", "brief", "busybox", "echo", "hi"]);
        assert_eq!(out.ok(), "hi\n", "{}", out.dump());
    }
    assert_eq!(named(&env, "brief"), 0);
    assert!(
        !names_dir(&env).join("brief").exists(),
        "--rm released the name"
    );
}

#[test]
fn a_stale_reservation_does_not_block_the_name() {
    let env = isolated_with_busybox();
    let _c = Cleanup::all(&env);
    // Makes the names dir (a container must exist for the store to have one).
    env.skiff(["create", "--name", "first", "busybox", "true"])
        .ok();
    let ghost_id = "ab".repeat(32);
    std::fs::write(names_dir(&env).join("ghost"), format!("{ghost_id}\n")).unwrap();
    let out = env.skiff(["inspect", "ghost"]);
    assert_eq!(out.code, 125, "a stale name finds nothing\n{}", out.dump());
    let out = env.skiff(["run", "--name", "ghost", "busybox", "echo", "mine"]);
    assert_eq!(out.ok(), "mine\n", "{}", out.dump());
    assert_eq!(named(&env, "ghost"), 1);
    let held = std::fs::read_to_string(names_dir(&env).join("ghost")).unwrap();
    assert!(
        !held.contains(&ghost_id),
        "the reservation is the new one: {held}"
    );
}

#[test]
fn a_store_made_before_names_keeps_its_names() {
    let env = isolated_with_busybox();
    let _c = Cleanup::all(&env);
    for n in ["alpha", "beta"] {
        env.skiff(["create", "--name", n, "busybox", "true"]).ok();
    }
    env.skiff(["run", "-d", "--name", "gamma", "busybox", "sleep", "60"])
        .ok();
    // The previous version kept no names/ directory.
    std::fs::remove_dir_all(env.store().join("names")).unwrap();

    let ps = env.skiff(["ps", "-a"]);
    let mut got: Vec<String> = parse_table(ps.ok())
        .iter()
        .map(|r| r["NAMES"].clone())
        .collect();
    got.sort();
    assert_eq!(got, ["alpha", "beta", "gamma"], "{}", ps.dump());
    for n in ["alpha", "gamma"] {
        let out = env.skiff(["run", "--name", n, "busybox", "true"]);
        out.engine_error(&[&format!("\"{n}\""), "already in use"]);
    }
    let out = env.skiff(["rename", "beta", "alpha"]);
    out.engine_error(&["\"alpha\"", "already in use"]);
    env.skiff(["rm", "alpha"]).ok();
    env.skiff(["rm", "-f", "gamma"]).ok();
    env.skiff(["run", "--rm", "--name", "alpha", "busybox", "true"])
        .ok();
    assert_eq!(named(&env, "beta"), 1);
    assert_eq!(named(&env, "alpha"), 0);
}

/// After `create --name NAME` died at some instant: the name is free, or held by a container that
/// exists (and then removing that container frees it).
#[track_caller]
fn name_usable_after_kill(env: &Env, name: &str) {
    let out = env.skiff(["run", "--rm", "--name", name, "busybox", "true"]);
    if out.code == 0 {
        return;
    }
    out.engine_error(&[&format!("\"{name}\""), "already in use"]);
    assert_eq!(
        named(env, name),
        1,
        "a conflict names a container that exists\n{}",
        out.dump()
    );
    env.skiff(["rm", "-f", name]).ok();
    env.skiff(["run", "--rm", "--name", name, "busybox", "true"])
        .ok();
}

#[test]
fn kill_9_of_create_never_leaves_the_name_held_by_nothing() {
    let env = isolated_with_busybox();
    let _c = Cleanup::all(&env);
    let seed = std::process::id() as u64;
    let mut delays: Vec<u64> = vec![0, 1_000, 3_000, 6_000, 10_000, 20_000, 40_000];
    delays.extend((0..5).map(|i| (seed.wrapping_mul(2654435761).rotate_left(i * 7)) % 60_000));
    for (i, d) in delays.iter().enumerate() {
        let name = format!("killed{i}");
        let mut child = env
            .sk(["create", "--name", &name, "busybox", "true"])
            .spawn();
        std::thread::sleep(Duration::from_micros(*d));
        kill9(child.id() as i32);
        wait_timeout(&mut child, Duration::from_secs(10)).expect("the killed CLI is reaped");
        name_usable_after_kill(&env, &name);
    }
}

/// kill -9 of `create --name` or `rm` exactly where the name and the container disagree: between
/// the reservation and the record, and between the removal and the release.
fn kill_at(env: &Env, point: &str, args: &[&str]) {
    let mark = env.root.join(format!("{point}.mark"));
    let mut child = env
        .sk(args)
        .env("SKIFF_FAULT_POINT", point)
        .env("SKIFF_FAULT_MARK", &mark)
        .spawn();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !mark.exists() {
        if let Some(st) = child.try_wait().expect("wait") {
            let out = child.wait_with_output().expect("output");
            panic!(
                "skiff {args:?} ended ({st}) before the fault point {point}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert!(Instant::now() < deadline, "{point} not reached in 30 s");
        std::thread::sleep(Duration::from_millis(20));
    }
    kill_group(child.id() as i32);
    wait_timeout(&mut child, Duration::from_secs(10)).expect("skiff died on SIGKILL");
}

#[test]
fn kill_9_between_the_name_and_the_container_self_heals() {
    let env = isolated_with_busybox();
    let _c = Cleanup::all(&env);
    kill_at(
        &env,
        "create.name-reserved",
        &["create", "--name", "xx", "busybox", "true"],
    );
    assert!(names_dir(&env).join("xx").exists(), "the name was reserved");
    assert_eq!(named(&env, "xx"), 0, "no container was made");
    env.skiff(["create", "--name", "xx", "busybox", "true"])
        .ok();

    kill_at(&env, "remove.dir-gone", &["rm", "xx"]);
    assert!(
        names_dir(&env).join("xx").exists(),
        "killed before the release"
    );
    assert_eq!(named(&env, "xx"), 0, "the container is gone");
    env.skiff(["run", "--rm", "--name", "xx", "busybox", "true"])
        .ok();
}
