//! User-defined networks: the verbs and their records, bridged containers in the rootless
//! netns (reachability, isolation, internal networks, published ports, the way out through
//! pasta), what is left after everything is removed, and kill -9 of the netns holder. Every
//! address is on this machine (a server on the host's loopback, reached through pasta's
//! gateway mapping).
use crate::isolated_with_busybox;
use crate::support::networks::{
    assert_nothing_left, fetch, free_port, host_gateway, http_get, inspect, ip_on, loopback_server,
    netns_pids, rootless_veths, run_d, run_rm,
};
use serde_json::Value;
use std::net::TcpListener;
use std::time::Duration;

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
    // And it reaches a peer on each network (by name: each network's DNS answers it).
    let pa = run_d(&env, "peera", "neta", &[]);
    let pb = run_d(&env, "peerb", "netb", &[]);
    let from_both = |peer: &str| {
        let url = format!("http://{peer}/hostname");
        env.skiff(["exec", "both", "timeout", "5", "wget", "-qO-", &url])
    };
    assert_eq!(from_both("peera").ok().trim(), &pa[..12]);
    assert_eq!(from_both("peerb").ok().trim(), &pb[..12]);
    env.skiff(["network", "disconnect", "netb", "both"]).ok();
    assert_ne!(
        fetch(&env, "netb", &format!("http://{ib}/hostname")).code,
        0
    );
    let ipb = ip_on(&env, "peerb", "netb");
    let cut = env.skiff([
        "exec",
        "both",
        "timeout",
        "5",
        "wget",
        "-qO-",
        &format!("http://{ipb}/hostname"),
    ]);
    assert_ne!(cut.code, 0, "disconnected, it still reached peerb");
    assert_eq!(from_both("peera").ok().trim(), &pa[..12]);
    fetch(&env, "neta", &format!("http://{ia}/hostname")).ok();
    let v = inspect(&env, &["both"]);
    assert!(v["NetworkSettings"]["Networks"]["netb"].is_null(), "{v}");
    // connect brings it back, live.
    env.skiff(["network", "connect", "--alias", "again", "netb", "both"])
        .ok();
    let ib2 = ip_on(&env, "both", "netb");
    fetch(&env, "netb", &format!("http://{ib2}/hostname")).ok();
    let pids = netns_pids(&env);
    env.skiff(["rm", "-f", "both", "peera", "peerb"]).ok();
    assert_nothing_left(&env, &pids);
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
    let port = free_port();
    let id = run_d(&env, "web", "pubnet", &["-p", &format!("{port}:80")]);
    let page = http_get(port, "/hostname");
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
    // The run --rm's veth goes when the kernel cleans its namespace up, which it does in the
    // background (CI once saw it still there): what is checked is that it goes.
    crate::support::wait_for("the veth of run --rm to go", Duration::from_secs(5), || {
        rootless_veths(&env).len() == 2
    });
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

/// The IPv4 address of `eth0` in a fresh `run --rm` container on `net`: its last number.
fn next_address(env: &crate::support::Env, net: &str) -> u8 {
    let out = run_rm(env, net, "ip -4 -o addr show eth0").ok().to_string();
    let ip = out
        .split_whitespace()
        .skip_while(|w| *w != "inet")
        .nth(1)
        .unwrap_or_else(|| panic!("no address: {out}"));
    ip.split('/')
        .next()
        .unwrap()
        .rsplit('.')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Addresses are handed out in turn (the next after the last one, wrapping, skipping those in
/// use), as netavark does, never the lowest free one: an address given back may still be on
/// a veth the kernel tears down, or in a peer's caches.
#[test]
fn addresses_are_handed_out_in_turn_and_wrap_in_a_small_subnet() {
    let env = isolated_with_busybox();
    // .1 is the gateway and .7 the broadcast address: .2 to .6 are the containers'.
    env.skiff(["network", "create", "--subnet", "10.66.6.0/29", "tiny"])
        .ok();
    run_d(&env, "keep", "tiny", &[]);
    assert_eq!(ip_on(&env, "keep", "tiny"), "10.66.6.2");
    let got: Vec<u8> = (0..5).map(|_| next_address(&env, "tiny")).collect();
    // Each run --rm gave its address back at once; .2 is still held when the turn wraps.
    assert_eq!(got, [3, 4, 5, 6, 3]);
    // run, rm, run: another address.
    let first = {
        run_d(&env, "ca", "tiny", &[]);
        ip_on(&env, "ca", "tiny")
    };
    env.skiff(["rm", "-f", "ca"]).ok();
    run_d(&env, "cb", "tiny", &[]);
    let second = ip_on(&env, "cb", "tiny");
    assert_eq!(
        (first.as_str(), second.as_str()),
        ("10.66.6.4", "10.66.6.5")
    );
    let pids = netns_pids(&env);
    env.skiff(["rm", "-f", "keep", "cb"]).ok();
    env.skiff(["network", "rm", "tiny"]).ok();
    assert_nothing_left(&env, &pids);
    // The order goes with the network: made again, it starts from the first address.
    env.skiff(["network", "create", "--subnet", "10.66.6.0/29", "tiny"])
        .ok();
    assert_eq!(next_address(&env, "tiny"), 2);
}
