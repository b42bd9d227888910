//! User-defined networks: the verbs and their records, bridged containers in the rootless
//! netns (reachability, isolation, internal networks, published ports, the way out through
//! pasta), what is left after everything is removed, and kill -9 of the netns holder. Every
//! address is on this machine (a server on the host's loopback, reached through pasta's
//! gateway mapping).
use crate::isolated_with_busybox;
use crate::support::Env;
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::time::Duration;

pub(crate) const HTTPD: [&str; 6] = ["httpd", "-f", "-p", "80", "-h", "/etc"];

pub(crate) fn run_d(env: &Env, name: &str, net: &str, extra: &[&str]) -> String {
    let mut args = vec!["run", "-d", "--name", name, "--network", net];
    args.extend_from_slice(extra);
    args.push("busybox");
    args.extend_from_slice(&HTTPD);
    env.skiff(args).ok().trim().to_string()
}

/// `wget -qO- URL` from a fresh container on `net` (5 s bound).
pub(crate) fn fetch(env: &Env, net: &str, url: &str) -> crate::support::Out {
    // sh stays the container's init (no exec of the last command): wget as pid 1 would
    // ignore timeout's SIGTERM.
    let script = format!("timeout 5 wget -qO- {url}; r=$?; exit $r");
    env.skiff([
        "run",
        "--rm",
        "--network",
        net,
        "busybox",
        "sh",
        "-c",
        &script,
    ])
}

pub(crate) fn inspect(env: &Env, what: &[&str]) -> Value {
    let mut args = vec!["inspect"];
    args.extend_from_slice(what);
    let v: Value = serde_json::from_str(env.skiff(args).ok()).expect("inspect json");
    v[0].clone()
}

pub(crate) fn ip_on(env: &Env, ctr: &str, net: &str) -> String {
    let v = inspect(env, &[ctr]);
    v["NetworkSettings"]["Networks"][net]["IPAddress"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

pub(crate) fn netns_json(env: &Env) -> PathBuf {
    env.runtime_dir.join("skiff/netns.json")
}

/// The pids of the holder, pasta and skiff-dns the rootless netns state names.
pub(crate) fn netns_pids(env: &Env) -> Vec<i32> {
    let Ok(text) = std::fs::read_to_string(netns_json(env)) else {
        return vec![];
    };
    let v: Value = serde_json::from_str(&text).expect("netns.json");
    ["holder", "pasta", "dns"]
        .iter()
        .filter_map(|k| v[k]["pid"].as_i64())
        .map(|p| p as i32)
        .collect()
}

pub(crate) fn alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| !s.contains(") Z"))
        .unwrap_or(false)
}

/// After everything is removed: no holder, pasta or DNS process, no leases, no state.
pub(crate) fn assert_nothing_left(env: &Env, pids: &[i32]) {
    crate::support::wait_for(
        "the rootless netns processes to end",
        Duration::from_secs(5),
        || pids.iter().all(|p| !alive(*p)),
    );
    for f in ["netns.json", "netns-pasta.pid", "netns.nft"] {
        let path = env.runtime_dir.join("skiff").join(f);
        assert!(!path.exists(), "{f} is left");
    }
    let ipam = env.runtime_dir.join("skiff/ipam");
    let leases: Vec<_> = std::fs::read_dir(&ipam)
        .into_iter()
        .flatten()
        .flatten()
        .collect();
    assert!(leases.is_empty(), "leases left: {leases:?}");
    let dns: Vec<_> = std::fs::read_dir(env.runtime_dir.join("skiff/dns"))
        .into_iter()
        .flatten()
        .flatten()
        .collect();
    assert!(dns.is_empty(), "DNS files left: {dns:?}");
    let strays = strays(env);
    assert!(strays.is_empty(), "processes left: {strays:?}");
}

/// Live holders, pasta and skiff-dns processes of this store, recorded or not: found by their
/// command line or environment naming the store's runtime directory.
fn strays(env: &Env) -> Vec<String> {
    let mark = env.runtime_dir.to_string_lossy().into_owned();
    let mut found = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        let comm = comm.trim();
        if !["skiff-dns", "skiff-netns", "pasta", "passt"]
            .iter()
            .any(|c| comm.starts_with(c))
            || !alive(pid)
        {
            continue;
        }
        let text = |f: &str| {
            String::from_utf8_lossy(&std::fs::read(format!("/proc/{pid}/{f}")).unwrap_or_default())
                .into_owned()
        };
        if text("cmdline").contains(&mark) || text("environ").contains(&mark) {
            found.push(format!("{pid} {comm}"));
        }
    }
    found
}

#[test]
fn network_verbs_keep_records_and_refuse_bad_requests() {
    let env = isolated_with_busybox();
    let id = env
        .skiff(["network", "create", "appnet"])
        .ok()
        .trim()
        .to_string();
    assert_eq!(id.len(), 64, "{id}");
    let ls = env.skiff(["network", "ls"]).ok().to_string();
    assert!(ls.starts_with("NETWORK ID"), "{ls}");
    assert!(ls.contains("appnet") && ls.contains(&id[..12]), "{ls}");
    assert_eq!(env.skiff(["network", "ls", "-q"]).ok().trim(), &id[..12]);
    env.skiff(["network", "create", "--internal", "--label", "k=v", "other"])
        .ok();
    let names = env
        .skiff([
            "network",
            "ls",
            "--filter",
            "label=k=v",
            "--format",
            "{{.Name}}",
        ])
        .ok()
        .to_string();
    assert_eq!(names.trim(), "other");
    let v: Value =
        serde_json::from_str(env.skiff(["network", "inspect", "appnet", "other"]).ok()).unwrap();
    let s0 = v[0]["IPAM"]["Config"][0]["Subnet"]
        .as_str()
        .unwrap()
        .to_string();
    let s1 = v[1]["IPAM"]["Config"][0]["Subnet"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(s0.starts_with("10.89.") && s0.ends_with(".0/24"), "{s0}");
    assert_ne!(s0, s1);
    assert_eq!(v[1]["Internal"], true);
    assert_eq!(v[0]["Id"], id.as_str());
    // Taken name, overlapping subnet, bad CIDR, reserved name: 125 with a clear error.
    for (args, want) in [
        (vec!["network", "create", "appnet"], "already exists"),
        (vec!["network", "create", "--subnet", &s0, "x"], "overlaps"),
        (
            vec!["network", "create", "--subnet", "10.1.2.0/33", "x"],
            "invalid subnet",
        ),
        (
            vec!["network", "create", "--subnet", "nonsense", "x"],
            "invalid subnet",
        ),
        (vec!["network", "create", "host"], "reserved"),
        (vec!["network", "rm", "nosuch"], "not found"),
    ] {
        let out = env.skiff(&args);
        out.code_is(125);
        assert!(
            out.stderr.starts_with("error: ") && out.stderr.contains(want),
            "{args:?}: {}",
            out.stderr
        );
    }
    env.skiff(["network", "rm", "-f", "nosuch"]).ok();
    env.skiff([
        "network",
        "create",
        "--subnet",
        "10.123.0.0/16",
        "--gateway",
        "10.123.0.254",
        "custom",
    ])
    .ok();
    let v: Value = serde_json::from_str(env.skiff(["network", "inspect", "custom"]).ok()).unwrap();
    assert_eq!(v[0]["IPAM"]["Config"][0]["Gateway"], "10.123.0.254");
    env.skiff(["network", "rm", "other"]).ok();
    let gone = env.skiff(["network", "prune", "-f"]).ok().to_string();
    assert!(gone.contains("appnet") && gone.contains("custom"), "{gone}");
    assert_eq!(env.skiff(["network", "ls", "-q"]).ok().trim(), "");
}

#[test]
fn bridged_containers_reach_each_other_and_not_across_networks() {
    let env = isolated_with_busybox();
    env.skiff(["network", "create", "appnet"]).ok();
    env.skiff(["network", "create", "othernet"]).ok();
    let id = run_d(&env, "db", "appnet", &["--network-alias", "database"]);
    let ip = ip_on(&env, "db", "appnet");
    assert!(ip.starts_with("10.89."), "{ip}");
    let url = format!("http://{ip}/hostname");
    assert_eq!(fetch(&env, "appnet", &url).ok().trim(), &id[..12]);
    let other = fetch(&env, "othernet", &url);
    assert_ne!(other.code, 0, "a container on another network reached db");
    // Docker's view of the container.
    let v = inspect(&env, &["db"]);
    let n = &v["NetworkSettings"]["Networks"]["appnet"];
    assert_eq!(n["IPAddress"], ip.as_str());
    assert!(n["Gateway"].as_str().unwrap().ends_with(".1"), "{n}");
    assert_eq!(n["MacAddress"].as_str().unwrap().len(), 17, "{n}");
    assert!(n["Aliases"].to_string().contains("database"), "{n}");
    let net: Value =
        serde_json::from_str(env.skiff(["network", "inspect", "appnet"]).ok()).unwrap();
    assert_eq!(n["NetworkID"], net[0]["Id"]);
    assert!(net[0]["Containers"][&id].is_object(), "{net}");
    let hosts = env
        .skiff(["exec", "db", "cat", "/etc/hosts"])
        .ok()
        .to_string();
    assert!(
        hosts
            .lines()
            .any(|l| l.starts_with(&ip) && l.contains("db")),
        "{hosts}"
    );
    let resolv = env
        .skiff(["exec", "db", "cat", "/etc/resolv.conf"])
        .ok()
        .to_string();
    assert!(
        resolv.contains(&format!("nameserver {}", n["Gateway"].as_str().unwrap())),
        "{resolv}"
    );
    // In use: refused, naming the container.
    let out = env.skiff(["network", "rm", "appnet"]);
    out.code_is(125);
    assert!(out.stderr.contains("db"), "{}", out.stderr);
    let pids = netns_pids(&env);
    assert!(pids.len() >= 2, "no holder and pasta recorded");
    env.skiff(["rm", "-f", "db"]).ok();
    assert_nothing_left(&env, &pids);
    env.skiff(["network", "rm", "appnet", "othernet"]).ok();
}

#[test]
fn a_container_on_two_networks_reaches_both_until_disconnected() {
    let env = isolated_with_busybox();
    env.skiff(["network", "create", "neta"]).ok();
    env.skiff(["network", "create", "netb"]).ok();
    run_d(&env, "both", "neta,netb", &[]);
    let (ia, ib) = (ip_on(&env, "both", "neta"), ip_on(&env, "both", "netb"));
    assert!(!ia.is_empty() && !ib.is_empty() && ia != ib);
    fetch(&env, "neta", &format!("http://{ia}/hostname")).ok();
    fetch(&env, "netb", &format!("http://{ib}/hostname")).ok();
    env.skiff(["network", "disconnect", "netb", "both"]).ok();
    assert_ne!(
        fetch(&env, "netb", &format!("http://{ib}/hostname")).code,
        0
    );
    fetch(&env, "neta", &format!("http://{ia}/hostname")).ok();
    let v = inspect(&env, &["both"]);
    assert!(v["NetworkSettings"]["Networks"]["netb"].is_null(), "{v}");
    // connect brings it back, live.
    env.skiff(["network", "connect", "--alias", "again", "netb", "both"])
        .ok();
    let ib2 = ip_on(&env, "both", "netb");
    fetch(&env, "netb", &format!("http://{ib2}/hostname")).ok();
    let pids = netns_pids(&env);
    env.skiff(["rm", "-f", "both"]).ok();
    assert_nothing_left(&env, &pids);
}

/// The host's default gateway, which pasta maps to the host's loopback.
fn host_gateway() -> String {
    let routes = std::fs::read_to_string("/proc/net/route").unwrap();
    routes
        .lines()
        .skip(1)
        .find_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f.get(1) == Some(&"00000000")).then(|| {
                let g = u32::from_str_radix(f[2], 16).unwrap();
                std::net::Ipv4Addr::from(g.to_le_bytes()).to_string()
            })
        })
        .expect("a default route")
}

/// A one-page HTTP server on the host's loopback, answering every connection until dropped.
fn loopback_server(body: &'static str) -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut s in l.incoming().flatten() {
            let mut buf = [0u8; 1024];
            let _ = s.read(&mut buf);
            let _ = write!(
                s,
                "HTTP/1.0 200 OK\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            );
        }
    });
    port
}

#[test]
fn outbound_goes_through_pasta_and_internal_networks_have_no_way_out() {
    let env = isolated_with_busybox();
    env.skiff(["network", "create", "outnet"]).ok();
    env.skiff(["network", "create", "--internal", "innet"]).ok();
    let port = loopback_server("from the host");
    let url = format!("http://{}:{port}/", host_gateway());
    assert_eq!(fetch(&env, "outnet", &url).ok(), "from the host");
    let out = fetch(&env, "innet", &url);
    assert_ne!(out.code, 0, "an internal network reached the host");
    let route = env
        .skiff([
            "run",
            "--rm",
            "--network",
            "innet",
            "busybox",
            "ip",
            "route",
        ])
        .ok()
        .to_string();
    assert!(!route.contains("default"), "{route}");
    assert_nothing_left(&env, &[]);
}

#[test]
fn published_port_of_a_bridged_container_serves_the_hosts_loopback() {
    let env = isolated_with_busybox();
    env.skiff(["network", "create", "pubnet"]).ok();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let id = run_d(&env, "web", "pubnet", &["-p", &format!("{port}:80")]);
    let page = get(port, "/hostname");
    assert!(page.contains(&id[..12]), "{page}");
    let ps = env.skiff(["ps"]).ok().to_string();
    assert!(ps.contains(&format!("0.0.0.0:{port}->80/tcp")), "{ps}");
    let pids = netns_pids(&env);
    env.skiff(["rm", "-f", "web"]).ok();
    assert_nothing_left(&env, &pids);
    crate::support::wait_for("the port to be free", Duration::from_secs(5), || {
        TcpListener::bind(("0.0.0.0", port)).is_ok()
    });
}

fn get(port: u16, path: &str) -> String {
    let mut last = String::new();
    for _ in 0..50 {
        match std::net::TcpStream::connect(("127.0.0.1", port)) {
            Ok(mut s) => {
                s.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
                let _ = write!(s, "GET {path} HTTP/1.0\r\n\r\n");
                let mut body = String::new();
                let _ = s.read_to_string(&mut body);
                if !body.is_empty() {
                    return body;
                }
            }
            Err(e) => last = e.to_string(),
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("nothing answered on port {port}: {last}");
}

#[test]
fn run_on_a_network_that_does_not_exist_and_flags_without_one_fail_clearly() {
    let env = isolated_with_busybox();
    let out = env.skiff(["run", "--rm", "--network", "nosuchnet", "busybox", "true"]);
    out.code_is(125);
    assert!(
        out.stderr.contains("network nosuchnet not found"),
        "{}",
        out.stderr
    );
    let out = env.skiff(["run", "--rm", "--ip", "10.89.0.9", "busybox", "true"]);
    out.code_is(125);
    assert!(
        out.stderr.contains("user-defined network"),
        "{}",
        out.stderr
    );
    env.skiff(["network", "create", "--subnet", "10.77.0.0/24", "ipnet"])
        .ok();
    let out = env.skiff([
        "run",
        "--rm",
        "--network",
        "ipnet",
        "--ip",
        "10.78.0.9",
        "busybox",
        "true",
    ]);
    out.code_is(125);
    assert!(out.stderr.contains("not in a subnet"), "{}", out.stderr);
    let got = env
        .skiff([
            "run",
            "--rm",
            "--network",
            "ipnet",
            "--ip",
            "10.77.0.9",
            "--mac-address",
            "92:d0:c6:0a:29:33",
            "busybox",
            "ip",
            "addr",
            "show",
            "eth0",
        ])
        .ok()
        .to_string();
    assert!(
        got.contains("10.77.0.9/24") && got.contains("92:d0:c6:0a:29:33"),
        "{got}"
    );
}

#[test]
fn killing_the_netns_holder_does_not_break_the_next_run() {
    let env = isolated_with_busybox();
    env.skiff(["network", "create", "faultnet"]).ok();
    let id = run_d(&env, "victim", "faultnet", &[]);
    let pids = netns_pids(&env);
    // SAFETY: kill(2) of the holder this test's store started (its pid from netns.json).
    unsafe { libc::kill(pids[0], libc::SIGKILL) };
    let out = env
        .sk([
            "run",
            "--rm",
            "--network",
            "faultnet",
            "busybox",
            "ip",
            "-4",
            "addr",
            "show",
            "eth0",
        ])
        .timeout(Duration::from_secs(30))
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("10.89."), "{}", out.stdout);
    // The container that ran all along is plugged into the new namespace again: reachable
    // by name, at its address.
    let url = "http://victim/hostname";
    assert_eq!(fetch(&env, "faultnet", url).ok().trim(), &id[..12]);
    let mut all = pids.clone();
    all.extend(netns_pids(&env));
    env.skiff(["rm", "-f", "victim"]).ok();
    assert_nothing_left(&env, &all);
}

/// 10 cycles of (network, 3 containers, every name fetched from every container, all removed):
/// each new name answers from the containers already running the moment `run -d` returned (no
/// sleep), and every fetch by name reaches the right container; 0 failures allowed.
#[test]
fn ten_cycles_of_network_three_containers_and_removal() {
    let env = isolated_with_busybox();
    let names: Vec<String> = (0..3).map(|i| format!("c{i}")).collect();
    // From one container: every name fetched, each answer (its hostname, the short id) on a
    // line, or `FAIL name`.
    let fetch_all = |from: &str, to: &[String]| {
        let script = to
            .iter()
            .map(|n| format!("timeout 5 wget -qO- http://{n}/hostname || echo FAIL {n}"))
            .collect::<Vec<_>>()
            .join("; ");
        env.skiff(["exec", from, "sh", "-c", &script])
            .ok()
            .to_string()
    };
    for cycle in 0..10 {
        env.skiff(["network", "create", "cyc"]).ok();
        let mut ids: Vec<String> = Vec::new();
        for (i, n) in names.iter().enumerate() {
            ids.push(run_d(&env, n, "cyc", &[])[..12].to_string());
            // At once, from the ones already up (by DNS: /etc/hosts has only its own name).
            let mut answers = Vec::new();
            for from in &names[..i] {
                let out = env.skiff(["exec", from, "timeout", "5", "nslookup", n]);
                assert_eq!(
                    out.code, 0,
                    "cycle {cycle}: {from} -> {n} at once: {}",
                    out.stdout
                );
                answers.push(out.stdout);
            }
            let ip = ip_on(&env, n, "cyc");
            for a in answers {
                assert!(
                    a.contains(&format!("Address: {ip}\n")),
                    "cycle {cycle}: {n}: {a}"
                );
            }
        }
        for from in &names {
            let got = fetch_all(from, &names);
            let got: Vec<&str> = got.lines().collect();
            assert_eq!(got, ids, "cycle {cycle}: from {from}");
        }
        let pids = netns_pids(&env);
        let mut rm = vec!["rm", "-f"];
        rm.extend(names.iter().map(String::as_str));
        env.skiff(rm).ok();
        env.skiff(["network", "rm", "cyc"]).ok();
        assert_nothing_left(&env, &pids);
    }
}

/// The interfaces of the rootless netns: its holder's /proc/PID/net/dev.
fn rootless_veths(env: &Env) -> Vec<String> {
    let holder = netns_pids(env)[0];
    let dev = std::fs::read_to_string(format!("/proc/{holder}/net/dev")).expect("net/dev");
    let mut v: Vec<String> = dev
        .lines()
        .skip(2)
        .filter_map(|l| l.split(':').next())
        .map(|n| n.trim().to_string())
        .filter(|n| n.starts_with("ve"))
        .collect();
    v.sort();
    v
}

/// The veth of a container goes with its network namespace (the kernel deletes both ends when
/// the namespace dies, which skiff need not wait for), whichever way it ends; a namespace
/// another container joined lives on, so its veth is deleted when its owner stops, and the
/// joined container is left without the owner's interface, as in Docker.
#[test]
fn veths_go_with_their_container_even_when_another_joined_its_namespace() {
    let env = isolated_with_busybox();
    env.skiff(["network", "create", "vethnet"]).ok();
    run_d(&env, "anchor", "vethnet", &[]);
    let anchor = rootless_veths(&env);
    assert_eq!(anchor.len(), 1, "{anchor:?}");
    let only_anchor = |what: &str| {
        crate::support::wait_for(what, Duration::from_secs(5), || {
            rootless_veths(&env) == anchor
        })
    };
    env.skiff(["run", "--rm", "--network", "vethnet", "busybox", "true"])
        .ok();
    run_d(&env, "gone", "vethnet", &[]);
    assert_eq!(rootless_veths(&env).len(), 2);
    env.skiff(["rm", "-f", "gone"]).ok();
    only_anchor("the veths of run --rm and rm -f to go");
    run_d(&env, "owner", "vethnet", &[]);
    env.skiff([
        "run",
        "-d",
        "--name",
        "guest",
        "--network",
        "container:owner",
        "busybox",
        "sleep",
        "600",
    ])
    .ok();
    let links = || {
        env.skiff(["exec", "guest", "ip", "-o", "link"])
            .ok()
            .to_string()
    };
    assert!(links().contains("eth0"), "{}", links());
    env.skiff(["stop", "-t", "0", "owner"]).ok();
    // The namespace lives on in guest: without an explicit delete, the veth would stay (with
    // an address given back to the network) as long as guest runs.
    only_anchor("the veth of owner to go while guest runs");
    assert!(!links().contains("eth0"), "{}", links());
    let pids = netns_pids(&env);
    env.skiff(["rm", "-f", "guest", "owner", "anchor"]).ok();
    assert_nothing_left(&env, &pids);
}
