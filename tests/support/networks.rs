//! Helpers of the user-network test areas (`networks`, `network_names`, `network_faults`,
//! `dns`, `network`): containers serving and fetching on a network, the rootless netns's
//! processes and files, the published-port proxies (their descriptors and threads), what must
//! be gone after everything is removed, and the small servers and namespace scripts the tests
//! stand up on the host side.
use super::{Env, Out};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::time::Duration;

/// A web server on port 80 serving /etc (so `/hostname` answers the short id).
pub const HTTPD: [&str; 6] = ["httpd", "-f", "-p", "80", "-h", "/etc"];

/// `run -d --name NAME --network NET EXTRA… busybox httpd…`: the container's id.
pub fn run_d(env: &Env, name: &str, net: &str, extra: &[&str]) -> String {
    let mut args = vec!["run", "-d", "--name", name, "--network", net];
    args.extend_from_slice(extra);
    args.push("busybox");
    args.extend_from_slice(&HTTPD);
    env.skiff(args).ok().trim().to_string()
}

/// `sh -c SCRIPT` in a fresh `run --rm` container on `net`.
pub fn run_rm(env: &Env, net: &str, script: &str) -> Out {
    env.skiff([
        "run",
        "--rm",
        "--network",
        net,
        "busybox",
        "sh",
        "-c",
        script,
    ])
}

/// `wget -qO- URL` from a fresh container on `net` (5 s bound).
pub fn fetch(env: &Env, net: &str, url: &str) -> Out {
    // sh stays the container's init (no exec of the last command): wget as pid 1 would
    // ignore timeout's SIGTERM.
    run_rm(
        env,
        net,
        &format!("timeout 5 wget -qO- {url}; r=$?; exit $r"),
    )
}

/// `nslookup NAME` from a fresh container on `net` (5 s bound): its output and exit code.
pub fn lookup(env: &Env, net: &str, name: &str) -> Out {
    run_rm(
        env,
        net,
        &format!("timeout 5 nslookup {name}; r=$?; exit $r"),
    )
}

/// `inspect WHAT…`: the first object.
pub fn inspect(env: &Env, what: &[&str]) -> Value {
    let mut args = vec!["inspect"];
    args.extend_from_slice(what);
    let v: Value = serde_json::from_str(env.skiff(args).ok()).expect("inspect json");
    v[0].clone()
}

/// The address of container `ctr` on network `net` ("" if none).
pub fn ip_on(env: &Env, ctr: &str, net: &str) -> String {
    let v = inspect(env, &[ctr]);
    v["NetworkSettings"]["Networks"][net]["IPAddress"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

pub fn netns_json(env: &Env) -> PathBuf {
    env.runtime_dir.join("skiff/netns.json")
}

/// The pids of the holder, pasta and skiff-dns the rootless netns state names.
pub fn netns_pids(env: &Env) -> Vec<i32> {
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

/// The pid of the skiff-dns that netns.json records.
pub fn dns_pid(env: &Env) -> i32 {
    let text = std::fs::read_to_string(netns_json(env)).expect("netns.json");
    let v: Value = serde_json::from_str(&text).expect("netns.json");
    v["dns"]["pid"].as_i64().expect("a dns pid") as i32
}

/// The pid of the skiff-dns the holder last started (`netns-dns.json`), if any.
pub fn kept_dns_pid(env: &Env) -> Option<i32> {
    let text = std::fs::read_to_string(env.runtime_dir.join("skiff/netns-dns.json")).ok()?;
    let v: Value = serde_json::from_str(&text).ok()?;
    v["pid"].as_i64().map(|p| p as i32)
}

pub fn alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| !s.contains(") Z"))
        .unwrap_or(false)
}

/// kill -9 of a process the test's own store started.
pub fn kill9_and_wait(pid: i32) {
    // SAFETY: kill(2) by pid, of a process of this test's store (its pid from its records).
    assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0, "kill {pid}");
    super::wait_for("the killed process to die", Duration::from_secs(5), || {
        !alive(pid)
    });
}

/// After everything is removed: no holder, pasta or DNS process, no leases, no state.
pub fn assert_nothing_left(env: &Env, pids: &[i32]) {
    super::wait_for(
        "the rootless netns processes to end",
        Duration::from_secs(5),
        || pids.iter().all(|p| !alive(*p)),
    );
    for f in [
        "netns.json",
        "netns-pasta.pid",
        "netns.nft",
        "netns-dns.json",
    ] {
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
    // The processes may still be on their way out (skiff-dns dies with its holder).
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let left = strays(env);
        if left.is_empty() {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "processes left: {left:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Live processes of this store whose name starts with one of `names`: found by their command
/// line or environment naming the store's runtime directory. Their pids and names.
fn store_processes(env: &Env, names: &[&str]) -> Vec<(i32, String)> {
    let mark = env.runtime_dir.to_string_lossy().into_owned();
    let mut found = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        let comm = comm.trim();
        if !names.iter().any(|c| comm.starts_with(c)) || !alive(pid) {
            continue;
        }
        let text = |f: &str| {
            String::from_utf8_lossy(&std::fs::read(format!("/proc/{pid}/{f}")).unwrap_or_default())
                .into_owned()
        };
        if text("cmdline").contains(&mark) || text("environ").contains(&mark) {
            found.push((pid, comm.to_string()));
        }
    }
    found
}

/// Live holders, pasta and skiff-dns processes of this store, recorded or not.
fn strays(env: &Env) -> Vec<String> {
    store_processes(env, &["skiff-dns", "skiff-netns", "pasta", "passt"])
        .into_iter()
        .map(|(pid, comm)| format!("{pid} {comm}"))
        .collect()
}

/// The veth interfaces of the rootless netns: its holder's /proc/PID/net/dev.
pub fn rootless_veths(env: &Env) -> Vec<String> {
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

/// A free TCP port of the host (free when asked).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A one-page HTTP server on the host's loopback, answering every connection until dropped.
pub fn loopback_server(body: &'static str) -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = l.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for mut s in l.incoming().flatten() {
            let mut buf = [0u8; 1024];
            let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
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

/// `GET PATH` from the host's `127.0.0.1:PORT`: the whole answer, retried for 5 s while the
/// connection fails or closes with nothing; panics after that.
pub fn http_get(port: u16, path: &str) -> String {
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
                last = "the connection closed with no answer".into();
            }
            Err(e) => last = e.to_string(),
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("nothing answered on port {port}: {last}");
}

/// The host's default gateway, which pasta maps to the host's loopback.
pub fn host_gateway() -> String {
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

/// The first lines of a script run as root of a test's own user + network + mount namespace
/// (a "host"): a tap device with 10.99.0.1 and .2 as the way out, `$pids` killed at the end.
pub const HOST_PRELUDE: &str = r#"set -u
export PATH="$PATH:/usr/sbin:/sbin"
pids=""
trap 'kill $pids 2>/dev/null' EXIT
ip link set lo up
ip tuntap add tap0 mode tap && ip link set tap0 up
ip addr add 10.99.0.1/24 dev tap0 && ip addr add 10.99.0.2/24 dev tap0
ip route add default via 10.99.0.254 dev tap0
"#;

/// The published-port proxies (`skiff-proxy`) of this store: their pids.
pub fn proxy_pids(env: &Env) -> Vec<i32> {
    store_processes(env, &["skiff-proxy"])
        .into_iter()
        .filter(|(_, comm)| comm == "skiff-proxy")
        .map(|(pid, _)| pid)
        .collect()
}

/// How many descriptors and threads process `pid` has.
pub fn fds_and_threads(pid: i32) -> (usize, usize) {
    let count = |d: &str| {
        std::fs::read_dir(format!("/proc/{pid}/{d}"))
            .map(|r| r.count())
            .unwrap_or(0)
    };
    (count("fd"), count("task"))
}
