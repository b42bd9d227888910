//! `kill -9` of the processes of user networks while containers run (issue 14 §5): the
//! rootless netns holder (the next command makes it again and plugs the running containers
//! back in, their published ports included) and skiff-dns (its holder starts it again by
//! itself, so running containers resolve names with no skiff command; the next `run` finds it
//! serving). Each ends with everything removed and nothing left behind.
use crate::isolated_with_busybox;
use crate::support::networks::{
    alive, assert_nothing_left, dns_pid, fds_and_threads, fetch, free_port, http_get, kept_dns_pid,
    kill9_and_wait, netns_pids, proxy_pids, run_d, HTTPD,
};
use std::time::Duration;

/// The first `run --rm` on network faultnet after a kill (it repairs, with a 30 s bound).
fn first_run(env: &crate::support::Env, cmd: &[&str]) -> crate::support::Out {
    let mut args = vec!["run", "--rm", "--network", "faultnet", "busybox"];
    args.extend_from_slice(cmd);
    env.sk(args).timeout(Duration::from_secs(30)).run()
}

#[test]
fn killing_the_netns_holder_does_not_break_the_next_run_nor_published_ports() {
    let env = isolated_with_busybox();
    env.skiff(["network", "create", "faultnet"]).ok();
    let port = free_port();
    let id = run_d(&env, "victim", "faultnet", &["-p", &format!("{port}:80")]);
    assert!(http_get(port, "/hostname").contains(&id[..12]));
    let pids = netns_pids(&env);
    kill9_and_wait(pids[0]);
    let out = first_run(&env, &["ip", "-4", "addr", "show", "eth0"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("10.89."), "{}", out.stdout);
    // The container that ran all along is plugged into the new namespace again: reachable
    // by name, at its address, and through the host port it published.
    let url = "http://victim/hostname";
    assert_eq!(fetch(&env, "faultnet", url).ok().trim(), &id[..12]);
    let page = http_get(port, "/hostname");
    assert!(page.contains(&id[..12]), "{page}");
    let mut all = pids.clone();
    all.extend(netns_pids(&env));
    env.skiff(["rm", "-f", "victim"]).ok();
    assert_nothing_left(&env, &all);
}

#[test]
fn killing_skiff_dns_is_repaired_by_the_next_run_and_leaves_nothing() {
    let env = isolated_with_busybox();
    env.skiff(["network", "create", "faultnet"]).ok();
    let id = run_d(&env, "db", "faultnet", &[]);
    run_d(&env, "client", "faultnet", &[]);
    let first = dns_pid(&env);
    let comm = std::fs::read_to_string(format!("/proc/{first}/comm")).unwrap();
    assert_eq!(comm.trim(), "skiff-dns");
    let mut pids = netns_pids(&env);
    kill9_and_wait(first);
    let out = first_run(
        &env,
        &["sh", "-c", "timeout 5 wget -qO- http://db/hostname"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), &id[..12]);
    let second = dns_pid(&env);
    assert!(second != first && crate::support::networks::alive(second));
    // The containers that ran all along resolve again too.
    let out = env
        .skiff(["exec", "client", "wget", "-qO-", "http://db/hostname"])
        .ok()
        .to_string();
    assert_eq!(out.trim(), &id[..12]);
    pids.extend(netns_pids(&env));
    env.skiff(["rm", "-f", "db", "client"]).ok();
    assert_nothing_left(&env, &pids);
}

/// The newest line a looping container wrote to the host: its number and verdict.
fn last_lookup(dir: &std::path::Path) -> (u64, String) {
    let text = std::fs::read_to_string(dir.join("last")).unwrap_or_default();
    let mut f = text.split_whitespace();
    let n = f.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    (n, f.next().unwrap_or_default().to_string())
}

/// A running container resolves its peer again soon after skiff-dns is killed, with no skiff
/// command at all in between: the container's lookups are read from a directory of the host.
#[test]
fn killed_skiff_dns_comes_back_by_itself_for_running_containers() {
    let env = isolated_with_busybox();
    env.skiff(["network", "create", "selfnet"]).ok();
    run_d(&env, "db", "selfnet", &[]);
    let dir = env.root.join("lookups");
    std::fs::create_dir(&dir).unwrap();
    let script = "i=0; while :; do i=$((i+1)); r=fail; \
        timeout 2 nslookup db >/dev/null 2>&1 && r=ok; \
        echo \"$i $r\" > /out/.t && mv /out/.t /out/last; usleep 50000; done";
    let volume = format!("{}:/out", dir.display());
    env.skiff([
        "run",
        "-d",
        "--name",
        "client",
        "--network",
        "selfnet",
        "-v",
        &volume,
        "busybox",
        "sh",
        "-c",
        script,
    ])
    .ok();
    crate::support::wait_for("a first answer", Duration::from_secs(10), || {
        last_lookup(&dir).1 == "ok"
    });
    let first = dns_pid(&env);
    let mut pids = netns_pids(&env);
    kill9_and_wait(first);
    let killed_at = last_lookup(&dir).0;
    // No skiff command from here: a lookup begun after the kill answers again.
    crate::support::wait_for(
        "a lookup after the kill to answer again",
        Duration::from_secs(15),
        || {
            let (n, verdict) = last_lookup(&dir);
            n > killed_at + 1 && verdict == "ok"
        },
    );
    let again = kept_dns_pid(&env).expect("the holder's record of its skiff-dns");
    assert!(again != first && crate::support::networks::alive(again));
    pids.push(again);
    env.skiff(["rm", "-f", "db", "client"]).ok();
    assert_nothing_left(&env, &pids);
}

/// Runs `args` until it pauses at fault point `point` (outside netns.lock, in the middle of
/// plugging a container in), kills the holder, lets `run -d --name second --network NET` make
/// the namespace again, then lets `args` go on: the pids of the first namespace, the second
/// container's id and what `args` printed (it must succeed).
fn overtake(
    env: &crate::support::Env,
    args: &[&str],
    point: &str,
    net: &str,
) -> (Vec<i32>, String, std::process::Output) {
    let mark = env.root.join("fault.mark");
    let mut paused = env
        .sk(args)
        .env("SKIFF_FAULT_POINT", point)
        .env("SKIFF_FAULT_MARK", &mark)
        .spawn();
    crate::support::wait_for("the pause", Duration::from_secs(30), || {
        mark.exists() || paused.try_wait().unwrap().is_some()
    });
    assert!(mark.exists(), "{args:?} ended before {point}");
    let old = netns_pids(env);
    kill9_and_wait(old[0]);
    let second = run_d(env, "second", net, &[]);
    assert_ne!(
        netns_pids(env)[0],
        old[0],
        "the second run made the namespace again"
    );
    std::fs::remove_file(&mark).unwrap();
    let st = crate::support::wait_timeout(&mut paused, Duration::from_secs(60));
    let out = paused.wait_with_output().unwrap();
    assert!(
        st.is_some_and(|s| s.success()),
        "{args:?}: {st:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (old, second, out)
}

/// A container joining while another command makes the rootless netns again: the joiner is
/// paused right after it let go of `netns.lock` (its namespace and bridge ready, its veth not
/// made yet), the holder is killed, another `run` makes the namespace again (the joiner has no
/// veth yet, so that run cannot plug it in), and then the joiner goes on. It must end up in the
/// new namespace, not the old one (which dies with its last descriptor, taking the veth along).
#[test]
fn a_join_racing_a_rebuild_of_the_killed_holder_ends_in_the_new_namespace() {
    let env = isolated_with_busybox();
    env.skiff(["network", "create", "racenet"]).ok();
    let mut args = vec![
        "run",
        "-d",
        "--name",
        "first",
        "--network",
        "racenet",
        "busybox",
    ];
    args.extend_from_slice(&HTTPD);
    let (old, second, out) = overtake(&env, &args, "join.unlocked", "racenet");
    let first = String::from_utf8_lossy(&out.stdout).trim().to_string();
    // Both ways, by name: the joiner's veth is on the new namespace's bridge.
    let get = |from: &str, to: &str| {
        let url = format!("http://{to}/hostname");
        env.skiff(["exec", from, "timeout", "5", "wget", "-qO-", &url])
    };
    assert_eq!(get("second", "first").ok().trim(), &first[..12]);
    assert_eq!(get("first", "second").ok().trim(), &second[..12]);
    let mut all = old.clone();
    all.extend(netns_pids(&env));
    env.skiff(["rm", "-f", "first", "second"]).ok();
    assert_nothing_left(&env, &all);
}

/// `network connect` of a running container is the first command after the holder's kill: it
/// makes the namespace again and plugs the container in there on its other networks too, not
/// only on the network it connects.
#[test]
fn connect_after_a_killed_holder_plugs_the_container_back_on_its_other_networks() {
    let env = isolated_with_busybox();
    env.skiff(["network", "create", "olda"]).ok();
    env.skiff(["network", "create", "newb"]).ok();
    let id = run_d(&env, "victim", "olda", &[]);
    let old = netns_pids(&env);
    kill9_and_wait(old[0]);
    env.skiff(["network", "connect", "newb", "victim"]).ok();
    for net in ["newb", "olda"] {
        let got = fetch(&env, net, "http://victim/hostname");
        assert_eq!(got.code, 0, "on {net}: {}", got.stderr);
        assert_eq!(got.stdout.trim(), &id[..12], "on {net}");
    }
    let mut all = old.clone();
    all.extend(netns_pids(&env));
    env.skiff(["rm", "-f", "victim"]).ok();
    assert_nothing_left(&env, &all);
}

/// A line sent on `s` comes back (an echo server behind a published port).
fn echoes(s: &mut std::net::TcpStream, line: &str) -> bool {
    use std::io::{BufRead, BufReader, Write};
    if s.write_all(format!("{line}\n").as_bytes()).is_err() {
        return false;
    }
    let mut got = String::new();
    let _ = BufReader::new(&*s).read_line(&mut got);
    got == format!("{line}\n")
}

/// A connection to the echo server on the host's `port`, once it echoes.
fn echo_connection(port: u16) -> std::net::TcpStream {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            s.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
            if echoes(&mut s, "hello") {
                return s;
            }
        }
        assert!(std::time::Instant::now() < deadline, "no echo on {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A connection through a published port that was open when the holder was killed cannot
/// survive the namespace being made again, but it must end cleanly (end of file or reset for
/// its client, never a hang) and leave no descriptor or thread behind in the proxy; new
/// connections work. Until the namespace is made again it keeps working.
#[test]
fn an_open_published_connection_ends_cleanly_when_the_killed_holder_is_replaced() {
    let env = isolated_with_busybox();
    env.skiff(["network", "create", "faultnet"]).ok();
    let port = free_port();
    let publish = format!("{port}:80");
    env.skiff([
        "run",
        "-d",
        "--name",
        "echo",
        "--network",
        "faultnet",
        "-p",
        &publish,
        "busybox",
        "nc",
        "-ll",
        "-p",
        "80",
        "-e",
        "cat",
    ])
    .ok();
    let proxy = proxy_pids(&env);
    assert_eq!(proxy.len(), 1, "{proxy:?}");
    let proxy = proxy[0];
    let idle = fds_and_threads(proxy);
    // A connection's descriptors and threads are given back once it ends.
    drop(echo_connection(port));
    crate::support::wait_for("the first connection's end", Duration::from_secs(5), || {
        fds_and_threads(proxy) == idle
    });
    let mut open = echo_connection(port);
    let mut pids = netns_pids(&env);
    kill9_and_wait(pids[0]);
    assert!(echoes(&mut open, "still"), "no echo before the rebuild");
    // The next run makes the namespace again and plugs the server in there.
    let out = first_run(&env, &["true"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    open.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut buf = [0u8; 64];
    let _ = std::io::Write::write_all(&mut open, b"after\n");
    match std::io::Read::read(&mut open, &mut buf) {
        Ok(0) => {}
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
        other => panic!("the connection did not end: {other:?}"),
    }
    let mut again = echo_connection(port);
    assert!(echoes(&mut again, "new"));
    drop(again);
    drop(open);
    crate::support::wait_for(
        "the proxy to give back what the connections held",
        Duration::from_secs(5),
        || fds_and_threads(proxy) == idle,
    );
    pids.extend(netns_pids(&env));
    env.skiff(["rm", "-f", "echo"]).ok();
    crate::support::wait_for("the proxy to end", Duration::from_secs(5), || !alive(proxy));
    assert_nothing_left(&env, &pids);
}

/// `network connect` of a running container, overtaken as `join` is above: the container ends
/// up reachable on the new network in the new namespace, and on its first one too.
#[test]
fn a_connect_racing_a_rebuild_of_the_killed_holder_ends_in_the_new_namespace() {
    let env = isolated_with_busybox();
    env.skiff(["network", "create", "olda"]).ok();
    env.skiff(["network", "create", "newb"]).ok();
    let id = run_d(&env, "victim", "olda", &[]);
    let args = ["network", "connect", "newb", "victim"];
    let (old, _, _) = overtake(&env, &args, "connect.unlocked", "newb");
    let get = |from: &str| {
        let url = "http://victim/hostname";
        env.skiff(["exec", from, "timeout", "5", "wget", "-qO-", url])
    };
    assert_eq!(get("second").ok().trim(), &id[..12]);
    let on_a = fetch(&env, "olda", "http://victim/hostname");
    assert_eq!(on_a.ok().trim(), &id[..12]);
    let mut all = old.clone();
    all.extend(netns_pids(&env));
    env.skiff(["rm", "-f", "victim", "second"]).ok();
    assert_nothing_left(&env, &all);
}

/// A server that closes its connections without reading what the client sends makes the
/// proxy's splices into them fail (EPIPE, also into the relay's pipe once its drainer is
/// gone): the proxy must live on with its port, not die of SIGPIPE (skiff's main() sets it
/// back to its default; the proxy keeps the signal blocked, as its starter had it).
#[test]
fn a_server_that_drops_uploads_does_not_end_the_published_port() {
    let env = isolated_with_busybox();
    env.skiff(["network", "create", "faultnet"]).ok();
    let port = free_port();
    let publish = format!("{port}:80");
    let server = ["nc", "-ll", "-p", "80", "-e", "true"];
    let mut args = vec!["run", "-d", "--name", "rude", "--network", "faultnet"];
    args.extend_from_slice(&["-p", &publish, "busybox"]);
    args.extend_from_slice(&server);
    env.skiff(args).ok();
    let proxy = proxy_pids(&env);
    assert_eq!(proxy.len(), 1, "{proxy:?}");
    for _ in 0..5 {
        upload_until_refused(port);
    }
    assert!(alive(proxy[0]), "the proxy died");
    assert_eq!(proxy_pids(&env), proxy);
    // Still serving: a connection is accepted, relayed and closed by the server.
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut buf = [0u8; 16];
    match std::io::Read::read(&mut s, &mut buf) {
        Ok(0) => {}
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
        other => panic!("the connection was not relayed to the server: {other:?}"),
    }
    env.skiff(["rm", "-f", "rude"]).ok();
}

/// Sends up to 64 MiB to 127.0.0.1:PORT, until a write fails (the connection was dropped).
fn upload_until_refused(port: u16) {
    use std::io::Write;
    let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return;
    };
    s.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
    let chunk = vec![0u8; 64 << 10];
    for _ in 0..1024 {
        if s.write_all(&chunk).is_err() {
            return;
        }
    }
}
