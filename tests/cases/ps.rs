//! `skiff ps` / `container ls`: Docker's columns and status texts for created, running and
//! exited containers, `-a -q --no-trunc -n -l`, and `rm` (`-f`) of a running container. Each
//! test has its own store, since `ps -a`, `-n` and `-l` see every container in it.
use crate::isolated_with_busybox;
use crate::support::{
    is_docker_duration, is_hex, kill_group, parse_table, table_header, wait_for, wait_timeout, Env,
};
use std::collections::HashMap;
use std::process::Child;
use std::time::Duration;

/// A `skiff run` in the background, killed (with its process group) if the test fails early.
struct Background(Child);

impl Drop for Background {
    fn drop(&mut self) {
        if self.0.try_wait().ok().flatten().is_none() {
            kill_group(self.0.id() as i32);
            let _ = self.0.wait();
        }
    }
}

/// Starts `run --name NAME busybox sleep 30` and waits until `ps` lists it.
fn start_running(env: &Env, name: &str) -> Background {
    let bg = Background(
        env.sk(["run", "--name", name, "busybox", "sleep", "30"])
            .spawn(),
    );
    wait_for(
        &format!("{name} to show in skiff ps"),
        Duration::from_secs(20),
        || {
            parse_table(&env.skiff(["ps"]).stdout)
                .iter()
                .any(|r| r["NAMES"] == name)
        },
    );
    bg
}

/// The three kinds of container, made oldest first: created, exited (code 3), running.
fn three_containers(env: &Env) -> Background {
    env.skiff(["create", "--name", "c-created", "busybox"]).ok();
    env.skiff(["run", "--name", "c-exited", "busybox", "sh", "-c", "exit 3"])
        .code_is(3);
    start_running(env, "c-running")
}

fn names(text: &str) -> Vec<String> {
    parse_table(text)
        .into_iter()
        .map(|r| r["NAMES"].clone())
        .collect()
}

fn by_name(text: &str) -> HashMap<String, HashMap<String, String>> {
    parse_table(text)
        .into_iter()
        .map(|r| (r["NAMES"].clone(), r))
        .collect()
}

#[test]
fn ps_a_shows_created_running_and_exited_with_dockers_texts() {
    let env = isolated_with_busybox();
    let _bg = three_containers(&env);
    let out = env.skiff(["ps", "-a"]);
    let text = out.ok();
    assert_eq!(
        table_header(text),
        [
            "CONTAINER ID",
            "IMAGE",
            "COMMAND",
            "CREATED",
            "STATUS",
            "PORTS",
            "NAMES"
        ],
        "{}",
        out.dump()
    );
    assert_eq!(
        names(text),
        ["c-running", "c-exited", "c-created"],
        "newest first\n{}",
        out.dump()
    );
    let rows = by_name(text);
    for (name, r) in &rows {
        assert!(
            is_hex(&r["CONTAINER ID"], 12),
            "{name}: short id\n{}",
            out.dump()
        );
        assert!(
            r["IMAGE"].contains("busybox"),
            "{name}: image\n{}",
            out.dump()
        );
        let created = r["CREATED"].strip_suffix(" ago").unwrap_or("");
        assert!(
            is_docker_duration(created),
            "{name}: CREATED {:?}\n{}",
            r["CREATED"],
            out.dump()
        );
        assert_eq!(r["PORTS"], "", "{name}\n{}", out.dump());
    }
    assert_eq!(rows["c-created"]["STATUS"], "Created", "{}", out.dump());
    assert_eq!(rows["c-created"]["COMMAND"], "\"sh\"", "{}", out.dump());
    let exited = &rows["c-exited"]["STATUS"];
    let ago = exited
        .strip_prefix("Exited (3) ")
        .and_then(|s| s.strip_suffix(" ago"))
        .unwrap_or("");
    assert!(
        is_docker_duration(ago),
        "exited STATUS {exited:?}\n{}",
        out.dump()
    );
    let up = &rows["c-running"]["STATUS"];
    assert!(
        up.strip_prefix("Up ").is_some_and(is_docker_duration),
        "running STATUS {up:?}\n{}",
        out.dump()
    );
    assert_eq!(
        rows["c-running"]["COMMAND"],
        "\"sleep 30\"",
        "{}",
        out.dump()
    );

    let ls = env.skiff(["container", "ls", "-a"]);
    assert_eq!(
        names(ls.ok()),
        names(text),
        "container ls is ps\n{}",
        ls.dump()
    );
}

#[test]
fn ps_without_a_shows_only_running_containers() {
    let env = isolated_with_busybox();
    let _bg = three_containers(&env);
    let out = env.skiff(["ps"]);
    assert_eq!(names(out.ok()), ["c-running"], "{}", out.dump());
    let q = env.skiff(["ps", "-q"]);
    assert_eq!(
        q.ok().trim(),
        &env.container_id("c-running")[..12],
        "{}",
        q.dump()
    );
}

#[test]
fn ps_quiet_no_trunc_last_and_n() {
    let env = isolated_with_busybox();
    let _bg = three_containers(&env);
    let ids: Vec<String> = ["c-running", "c-exited", "c-created"]
        .iter()
        .map(|n| env.container_id(n))
        .collect();
    let short: Vec<&str> = ids.iter().map(|i| &i[..12]).collect();

    let q = env.skiff(["ps", "-a", "-q"]);
    assert_eq!(q.ok().lines().collect::<Vec<_>>(), short, "{}", q.dump());
    let qn = env.skiff(["ps", "-a", "-q", "--no-trunc"]);
    assert_eq!(qn.ok().lines().collect::<Vec<_>>(), ids, "{}", qn.dump());
    let nt = env.skiff(["ps", "-a", "--no-trunc"]);
    let rows = parse_table(nt.ok());
    assert_eq!(
        rows.iter()
            .map(|r| r["CONTAINER ID"].as_str())
            .collect::<Vec<_>>(),
        ids,
        "{}",
        nt.dump()
    );

    let n2 = env.skiff(["ps", "-n", "2"]);
    assert_eq!(
        names(n2.ok()),
        ["c-running", "c-exited"],
        "-n N: the N newest, any state\n{}",
        n2.dump()
    );
    let l = env.skiff(["ps", "-l"]);
    assert_eq!(names(l.ok()), ["c-running"], "-l: the newest\n{}", l.dump());
    let lq = env.skiff(["ps", "-l", "-q"]);
    assert_eq!(lq.ok().trim(), short[0], "{}", lq.dump());
}

#[test]
fn rm_refuses_a_running_container_and_rm_f_kills_it() {
    let env = isolated_with_busybox();
    let mut bg = start_running(&env, "c-victim");
    let out = env.skiff(["rm", "c-victim"]);
    assert_ne!(
        out.code,
        0,
        "rm without -f must refuse a running container\n{}",
        out.dump()
    );
    assert!(out.stderr.contains("c-victim"), "{}", out.dump());
    assert_eq!(names(env.skiff(["ps"]).ok()), ["c-victim"]);

    let out = env.skiff(["rm", "-f", "c-victim"]);
    assert_eq!(out.ok(), "c-victim\n", "{}", out.dump());
    let st = wait_timeout(&mut bg.0, Duration::from_secs(20))
        .expect("the foreground run ends when its container is removed");
    let mut err = String::new();
    if let Some(mut e) = bg.0.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut err);
    }
    assert_eq!(
        st.code(),
        Some(137),
        "the foreground run exits 128+9 (SIGKILL), as docker run does; its stderr:\n{err}"
    );
    let all = env.skiff(["ps", "-a"]);
    assert_eq!(names(all.ok()), Vec::<String>::new(), "{}", all.dump());
}

#[test]
fn listing_into_a_closed_pipe_ends_quietly_like_docker() {
    use std::os::unix::process::ExitStatusExt;
    let env = crate::shared();
    for args in [
        &["images"][..],
        &["ps", "-a"],
        &["image", "inspect", "busybox"],
    ] {
        // A pipe whose reader is already gone, as with `skiff images | head -0`.
        let (r, w) = nix::unistd::pipe().expect("pipe");
        drop(r);
        let mut cmd = env.command(crate::support::skiff_bin());
        cmd.args(args)
            .stdout(std::process::Stdio::from(w))
            .stderr(std::process::Stdio::piped());
        let out = cmd.output().expect("run skiff");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.signal(), Some(libc::SIGPIPE), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?} printed: {err}");
    }
}

/// `ps` keeps a copy of every container's record in `containers.cache` (read by the thousand,
/// they were most of `ps -a`'s time). The copy must never show what the records do not: a
/// container made or removed since it was written, a rename, a state written since, a corrupt or
/// foreign cache.
#[test]
fn the_listing_cache_never_shows_what_the_records_do_not() {
    let env = isolated_with_busybox();
    let cache = env.store().join("containers.cache");
    env.skiff(["create", "--name", "one", "busybox"]).ok();
    env.skiff(["create", "--name", "two", "busybox"]).ok();
    assert_eq!(names(env.skiff(["ps", "-a"]).ok()), ["two", "one"]);
    assert!(cache.exists(), "ps -a wrote no cache");

    env.skiff(["create", "--name", "three", "busybox"]).ok();
    env.skiff(["rm", "one"]).ok();
    env.skiff(["rename", "two", "deux"]).ok();
    let ps = env.skiff(["ps", "-a"]);
    assert_eq!(names(ps.ok()), ["three", "deux"], "{}", ps.dump());
    // A second listing reads what the first wrote.
    assert_eq!(names(env.skiff(["ps", "-a"]).ok()), ["three", "deux"]);
    let id = env.container_id("deux");

    // A state written since the cache was (by start, by the monitor) is what `ps` shows.
    env.skiff(["start", "-a", "deux"]).ok();
    let row = &by_name(env.skiff(["ps", "-a"]).ok())["deux"];
    assert!(row["STATUS"].starts_with("Exited (0)"), "{row:?}");
    env.skiff(["run", "-d", "--name", "four", "busybox", "sleep", "600"])
        .ok();
    let row = &by_name(env.skiff(["ps", "-a"]).ok())["four"];
    assert!(row["STATUS"].starts_with("Up"), "{row:?}");
    env.skiff(["kill", "four"]).ok();
    env.skiff(["wait", "four"]).ok();
    let row = &by_name(env.skiff(["ps", "-a"]).ok())["four"];
    assert!(row["STATUS"].starts_with("Exited (137)"), "{row:?}");
    env.skiff(["rm", "four"]).ok();
    assert_eq!(names(env.skiff(["ps", "-a"]).ok()), ["three", "deux"]);

    // A writer killed between its state write and telling listings leaves a cache that looks
    // current: its states are trusted for a bounded time only.
    let text = std::fs::read_to_string(&cache).unwrap();
    assert!(text.contains("\"status\":\"exited\""), "{text}");
    std::fs::write(
        &cache,
        text.replace("\"status\":\"exited\"", "\"status\":\"created\""),
    )
    .unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(120);
    std::fs::File::options()
        .write(true)
        .open(&cache)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let row = &by_name(env.skiff(["ps", "-a"]).ok())["deux"];
    assert!(row["STATUS"].starts_with("Exited (0)"), "{row:?}");

    for bad in [
        &b"{not json"[..],
        b"{\"version\":999,\"containers\":[]}",
        b"",
    ] {
        std::fs::write(&cache, bad).unwrap();
        let ps = env.skiff(["ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.Names}}"]);
        assert!(
            ps.ok().lines().any(|l| l == format!("{id} deux")),
            "{}",
            ps.dump()
        );
        assert_eq!(names(env.skiff(["ps", "-a"]).ok()), ["three", "deux"]);
    }
    // A cache naming a container that is not there lists nothing of it.
    let text = std::fs::read_to_string(&cache).unwrap();
    std::fs::write(&cache, text.replace(&id, &"f".repeat(64))).unwrap();
    assert_eq!(names(env.skiff(["ps", "-a"]).ok()), ["three", "deux"]);
    std::fs::remove_file(&cache).unwrap();
    assert_eq!(names(env.skiff(["ps", "-a"]).ok()), ["three", "deux"]);
}
