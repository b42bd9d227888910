//! The default network (pasta, slirp4netns), published ports, DNS and hosts files, against
//! servers on this host's loopback only (never the internet).
use crate::support::networks::loopback_server;
use crate::support::{self, image, Env};
use crate::{shared, unique_name};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Child;
use std::time::{Duration, Instant};

pub const HTTPD: [&str; 6] = ["httpd", "-f", "-p", "80", "-h", "/var/www"];
pub const PAGE: &str = "hello from busybox";

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("bind port 0")
        .port()
}

/// An HTTP GET of `/` on 127.0.0.1:port, retried for up to 5 s while nothing answers.
pub fn get(port: u16) -> String {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let attempt = (|| -> std::io::Result<String> {
            let mut s = TcpStream::connect(("127.0.0.1", port))?;
            s.set_read_timeout(Some(Duration::from_secs(2)))?;
            s.write_all(b"GET / HTTP/1.0\r\n\r\n")?;
            let mut body = String::new();
            s.read_to_string(&mut body)?;
            Ok(body)
        })();
        match attempt {
            Ok(b) if !b.is_empty() => return b,
            _ if Instant::now() >= deadline => {
                panic!("nothing answered on 127.0.0.1:{port} within 5 s: {attempt:?}")
            }
            _ => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

/// A foreground `skiff run` in the background; on drop, the container is removed (which ends
/// the run) and the run reaped, so no test leaves a container or a helper behind.
struct Bg<'a> {
    env: &'a Env,
    name: String,
    child: Child,
}

impl<'a> Bg<'a> {
    fn start(env: &'a Env, name: &str, args: &[&str]) -> Bg<'a> {
        let mut full = vec!["run", "--rm", "--name", name];
        full.extend_from_slice(args);
        let child = env.sk(full).spawn();
        Bg {
            env,
            name: name.to_string(),
            child,
        }
    }

    /// Waits until `ps` shows the container running (bounded).
    fn wait_running(&mut self) {
        let name = self.name.clone();
        support::wait_for(
            &format!("container {name} to run"),
            Duration::from_secs(20),
            || {
                if let Ok(Some(st)) = self.child.try_wait() {
                    panic!("skiff run {name} ended early: {st}");
                }
                self.env.skiff(["ps"]).ok().contains(&name)
            },
        );
    }
}

impl Drop for Bg<'_> {
    fn drop(&mut self) {
        let _ = self.env.skiff(["rm", "-f", &self.name]);
        // Kills the run's process group itself if it does not end.
        let _ = support::wait_timeout(&mut self.child, Duration::from_secs(10));
    }
}

/// Processes of ours whose command line mentions `needle` (a leftover helper).
fn helpers_with(needle: &str) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        if let Ok(c) = std::fs::read(e.path().join("cmdline")) {
            let c = String::from_utf8_lossy(&c).replace('\0', " ");
            if (c.starts_with("pasta") || c.starts_with("slirp4netns")) && c.contains(needle) {
                out.push(c);
            }
        }
    }
    out
}

/// Waits (≤ 5 s) for the host port to be free again: the helper is killed when the container
/// ends and gives its ports back as it exits.
fn wait_port_free(port: u16) {
    support::wait_for(
        &format!("host port {port} to be released"),
        Duration::from_secs(5),
        || TcpListener::bind(("0.0.0.0", port)).is_ok(),
    );
}

fn inspect(env: &Env, name: &str) -> Value {
    let out = env.skiff(["inspect", name]);
    let v: Value = serde_json::from_str(out.ok()).expect("inspect json");
    v[0].clone()
}

#[test]
fn publish_serves_the_page_and_shows_in_port_ps_and_inspect() {
    if !support::have_tool("pasta") {
        return;
    }
    let env = shared();
    let name = unique_name("web");
    let port = free_port();
    let spec = format!("{port}:80");
    let mut bg = Bg::start(
        env,
        &name,
        &["-p", &spec, "busybox:latest"]
            .iter()
            .chain(&HTTPD)
            .copied()
            .collect::<Vec<_>>(),
    );
    bg.wait_running();
    assert!(
        get(port).contains(PAGE),
        "the page through 127.0.0.1:{port}"
    );
    assert_eq!(
        env.skiff(["port", &name]).ok().trim(),
        format!("80/tcp -> 0.0.0.0:{port}")
    );
    assert_eq!(
        env.skiff(["port", &name, "80/tcp"]).ok().trim(),
        format!("0.0.0.0:{port}")
    );
    let v = inspect(env, &name);
    assert_eq!(
        v["NetworkSettings"]["Ports"]["80/tcp"],
        json!([{"HostIp": "0.0.0.0", "HostPort": port.to_string()}])
    );
    assert_eq!(
        v["HostConfig"]["PortBindings"]["80/tcp"],
        json!([{"HostIp": "", "HostPort": port.to_string()}])
    );
    assert_eq!(v["HostConfig"]["NetworkMode"], "pasta");
    assert!(!v["NetworkSettings"]["IPAddress"]
        .as_str()
        .unwrap_or("")
        .is_empty());
    drop(bg);
    wait_port_free(port);
    support::wait_for(
        "pasta to end with the container",
        Duration::from_secs(5),
        || helpers_with(&format!("{port}:80")).is_empty(),
    );
}

/// As Docker and podman: a `run` whose host port is taken fails with 125 and leaves the
/// container `Created` (with `--rm`, nothing), so `start` works once the port is free.
#[test]
fn host_port_in_use_is_125_and_leaves_the_container_created() {
    if !support::have_tool("pasta") {
        return;
    }
    let env = shared();
    let busy = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = busy.local_addr().expect("addr").port();
    let spec = format!("{port}:80");
    let gone = unique_name("busy");
    let kept = unique_name("busy");
    let _c = crate::support::wait::Cleanup::names(env, &[&gone, &kept]);
    for (name, rm) in [(&gone, true), (&kept, false)] {
        let mut args = vec!["run", "--name", name, "-p", &spec, "busybox:latest", "true"];
        if rm {
            args.insert(1, "--rm");
        }
        let out = env.skiff(&args);
        out.engine_error(&["already in use", &port.to_string()]);
    }
    let ps = env.skiff(["ps", "-a", "--format", "{{.Names}} {{.Status}}"]);
    let rows: Vec<&str> = ps.ok().lines().collect();
    assert!(
        !rows.iter().any(|r| r.starts_with(&format!("{gone} "))),
        "--rm left it\n{}",
        ps.dump()
    );
    assert!(
        rows.contains(&format!("{kept} Created").as_str()),
        "{}",
        ps.dump()
    );
    assert!(helpers_with(&format!("{port}:80")).is_empty());
    drop(busy);
    wait_port_free(port);
    let out = env.skiff(["start", "-a", &kept]);
    assert_eq!(
        out.ok(),
        "",
        "start works once the port is free\n{}",
        out.dump()
    );
    assert!(
        crate::support::wait::status(env, &kept).starts_with("Exited (0)"),
        "{}",
        env.skiff(["ps", "-a"]).dump()
    );
}

/// Docker's warning: with `--network host` the container binds the host's ports itself, and
/// `-p` is discarded, which a user must hear about.
#[test]
fn publish_with_network_host_warns_that_the_ports_are_discarded() {
    let env = shared();
    let out = env.skiff([
        "run",
        "--rm",
        "--network",
        "host",
        "-p",
        "8080:80",
        "busybox:latest",
        "true",
    ]);
    out.ok();
    assert_eq!(
        out.err_lines(),
        ["warning: published ports are discarded when using host network mode"],
        "{}",
        out.dump()
    );
    let name = unique_name("hostp");
    let _c = crate::support::wait::Cleanup::names(env, &[&name]);
    let out = env.skiff([
        "create",
        "--name",
        &name,
        "--network",
        "host",
        "-p",
        "8080:80",
        "busybox:latest",
    ]);
    out.ok();
    assert!(
        out.stderr.contains("published ports are discarded"),
        "{}",
        out.dump()
    );
    let out = env.skiff(["run", "--rm", "--network", "host", "busybox:latest", "true"]);
    assert_eq!(out.ok(), "");
    assert_eq!(out.stderr, "", "no warning without -p");
}

#[test]
fn host_loopback_is_reached_only_through_the_pasta_gateway() {
    if !support::have_tool("pasta") {
        return;
    }
    let env = shared();
    let port = loopback_server("pong");
    let fetch = |net: &[&str], host: &str| {
        let url = format!("http://{host}:{port}/");
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(net);
        args.extend([
            "busybox:latest",
            "sh",
            "-c",
            "timeout 5 wget -q -O- \"$0\"",
            &url,
        ]);
        env.skiff(&args)
    };
    let out = fetch(&[], "host.containers.internal");
    assert_eq!(
        out.ok().trim(),
        "pong",
        "pasta maps its gateway to the host's loopback"
    );
    let out = fetch(&["--add-host", "hostside:host-gateway"], "hostside");
    assert_eq!(out.ok().trim(), "pong", "--add-host NAME:host-gateway");
    // The container's own loopback is not the host's.
    assert_ne!(fetch(&[], "127.0.0.1").code, 0);
    assert_ne!(
        fetch(&["--network", "none"], "host.containers.internal").code,
        0
    );
}

#[test]
fn resolv_conf_and_hosts_follow_the_flags() {
    if !support::have_tool("pasta") {
        return;
    }
    let env = shared();
    let cat = |extra: &[&str]| {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(extra);
        args.extend(["busybox:latest", "cat", "/etc/resolv.conf", "/etc/hosts"]);
        env.skiff(&args).ok().to_string()
    };
    let text = cat(&[]);
    let servers: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("nameserver "))
        .collect();
    assert!(!servers.is_empty(), "no nameserver in\n{text}");
    for s in &servers {
        let ip: std::net::IpAddr = s.trim().parse().expect("nameserver address");
        assert!(
            !ip.is_loopback(),
            "a loopback resolver is unreachable from the container: {s}"
        );
    }
    let text = cat(&[
        "--dns",
        "1.2.3.4",
        "--dns-search",
        "example.test",
        "--dns-option",
        "ndots:3",
        "--add-host",
        "db:10.0.0.5",
    ]);
    for want in [
        "nameserver 1.2.3.4",
        "search example.test",
        "options ndots:3",
        "10.0.0.5\tdb",
    ] {
        assert!(text.contains(want), "{want:?} missing in\n{text}");
    }
    // A name given with --add-host resolves inside.
    let out = env.skiff([
        "run",
        "--rm",
        "--add-host",
        "db:10.0.0.5",
        "busybox:latest",
        "ping",
        "-c",
        "1",
        "-W",
        "1",
        "db",
    ]);
    assert!(out.stdout.contains("10.0.0.5"), "{}", out.dump());
    let out = env.skiff(["run", "--rm", "--dns", "nope", "busybox:latest", "true"]);
    out.code_is(125);
    out.engine_error(&["--dns"]);
}

#[test]
fn publish_all_publishes_the_image_expose_and_expose_flags() {
    if !support::have_tool("pasta") {
        return;
    }
    let env = crate::isolated_with_busybox();
    let img = image::Image::with_config(
        "exposed:latest",
        vec![image::busybox_layer()],
        json!({"Env": [image::PATH_ENV], "Cmd": ["sh"], "ExposedPorts": {"80/tcp": {}}}),
    );
    let path = env.root.join("exposed.tar");
    img.write_oci(&path);
    env.load(&path);
    let name = unique_name("pall");
    let mut bg = Bg::start(
        &env,
        &name,
        &[
            "-P",
            "--expose",
            "9000/udp",
            "exposed:latest",
            "httpd",
            "-f",
            "-p",
            "80",
            "-h",
            "/var/www",
        ],
    );
    bg.wait_running();
    let line = env.skiff(["port", &name, "80"]).ok().trim().to_string();
    let port: u16 = line
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("port 80 not published: {line:?}"));
    assert!(get(port).contains(PAGE));
    assert!(env
        .skiff(["port", &name])
        .ok()
        .contains("9000/udp -> 0.0.0.0:"));
    let v = inspect(&env, &name);
    assert!(v["Config"]["ExposedPorts"].get("80/tcp").is_some());
    assert!(v["Config"]["ExposedPorts"].get("9000/udp").is_some());
}

#[test]
fn slirp4netns_publishes_and_reaches_out() {
    if !support::have_tool("slirp4netns") {
        return;
    }
    let env = shared();
    let name = unique_name("slirp");
    let port = free_port();
    let spec = format!("{port}:80");
    let mut bg = Bg::start(
        env,
        &name,
        &[
            "--network",
            "slirp4netns",
            "-p",
            &spec,
            "busybox:latest",
            "httpd",
            "-f",
            "-p",
            "80",
            "-h",
            "/var/www",
        ],
    );
    bg.wait_running();
    assert!(get(port).contains(PAGE));
    let v = inspect(env, &name);
    assert_eq!(v["NetworkSettings"]["IPAddress"], "10.0.2.100");
    assert_eq!(v["HostConfig"]["NetworkMode"], "slirp4netns");
    let text = env.skiff([
        "run",
        "--rm",
        "--network",
        "slirp4netns",
        "busybox:latest",
        "cat",
        "/etc/resolv.conf",
    ]);
    assert!(text.ok().contains("nameserver 10.0.2.3"));
    drop(bg);
    wait_port_free(port);
}

#[test]
fn container_network_joins_the_other_container() {
    if !support::have_tool("pasta") {
        return;
    }
    let env = shared();
    let name = unique_name("netowner");
    let mut bg = Bg::start(
        env,
        &name,
        &[
            "busybox:latest",
            "httpd",
            "-f",
            "-p",
            "80",
            "-h",
            "/var/www",
        ],
    );
    bg.wait_running();
    let net = format!("container:{name}");
    let out = env.skiff([
        "run",
        "--rm",
        "--network",
        &net,
        "busybox:latest",
        "sh",
        "-c",
        "timeout 5 wget -q -O- http://127.0.0.1:80/",
    ]);
    assert!(out.ok().contains(PAGE), "{}", out.dump());
    let out = env.skiff([
        "run",
        "--rm",
        "--network",
        &net,
        "-p",
        "8080:80",
        "busybox:latest",
        "true",
    ]);
    out.code_is(125);
}

#[test]
fn bad_network_flags_are_clear_125_errors() {
    let env = shared();
    for (args, needle) in [
        (vec!["-p", "0:80"], "port"),
        (vec!["-p", "80/icmp"], "protocol"),
        (vec!["-p", "1-3:1-2"], "ranges"),
        (vec!["--network", "bogus"], "bogus"),
        (vec!["--network", "none", "-p", "8080:80"], "publish"),
        (vec!["--add-host", "nocolon"], "--add-host"),
        (vec!["--network", "container:no-such-ctr"], "no-such-ctr"),
    ] {
        let mut full = vec!["run", "--rm"];
        full.extend(args.iter().copied());
        full.extend(["busybox:latest", "true"]);
        let out = env.skiff(&full);
        out.code_is(125);
        out.engine_error(&[needle]);
    }
}

#[test]
fn a_host_port_is_reusable_right_after_its_container_ends() {
    if !support::have_tool("pasta") {
        return;
    }
    let env = shared();
    let port = free_port();
    let spec = format!("{port}:80");
    for _ in 0..2 {
        // No wait in between: the next run waits for the last helper to let go of the port.
        let name = unique_name("again");
        let mut bg = Bg::start(
            env,
            &name,
            &[
                "-p",
                &spec,
                "busybox:latest",
                "httpd",
                "-f",
                "-p",
                "80",
                "-h",
                "/var/www",
            ],
        );
        bg.wait_running();
        assert!(get(port).contains(PAGE));
    }
}

#[test]
fn a_port_range_publishes_every_port() {
    if !support::have_tool("pasta") {
        return;
    }
    let env = shared();
    // Two consecutive free ports: the kernel gives one, its neighbour is tried.
    let (a, b) = (0..50)
        .find_map(|_| {
            let a = free_port();
            (a < 65535 && TcpListener::bind(("0.0.0.0", a + 1)).is_ok()).then_some((a, a + 1))
        })
        .expect("two consecutive free ports");
    let name = unique_name("range");
    let spec = format!("{a}-{b}:80-81");
    let mut bg = Bg::start(
        env,
        &name,
        &[
            "-p",
            &spec,
            "busybox:latest",
            "httpd",
            "-f",
            "-p",
            "80",
            "-h",
            "/var/www",
        ],
    );
    bg.wait_running();
    assert!(get(a).contains(PAGE));
    let out = env.skiff(["port", &name]);
    assert_eq!(
        out.ok().lines().collect::<Vec<_>>(),
        vec![
            format!("80/tcp -> 0.0.0.0:{a}"),
            format!("81/tcp -> 0.0.0.0:{b}")
        ]
    );
}
