//! Name resolution in a container on the default network (pasta): queries go to pasta's DNS
//! forwarder and through it to the host's own resolver, and the names it answers are reachable.
//!
//! The "host" here is a user and network namespace of the test's own (`unshare --map-auto`),
//! with a tap interface and a default route for pasta to copy, a real resolver (dnsmasq) on
//! port 53, its own `/etc/resolv.conf` bind-mounted over the real one, and a web server on
//! an outside address. Nothing reaches the internet, and skiff runs unchanged inside it.
use crate::isolated_with_busybox;
use crate::support::networks::HOST_PRELUDE;
use crate::support::{in_ci, run_cmd, skiff_bin};
use std::path::Path;
use std::time::Duration;

/// False (skip) on a developer's machine without dnsmasq or ip; CI installs them.
fn have(paths: &[&str]) -> bool {
    for p in paths {
        if !Path::new(p).exists() {
            assert!(
                !in_ci(),
                "{p} is missing, but CI must install it (ci/test.sh)"
            );
            eprintln!("SKIPPED: {p} is not installed");
            return false;
        }
    }
    true
}

/// The script run as root of the test's namespaces. Prints `== CASE` before each container run.
fn script(dir: &Path) -> String {
    let d = dir.display();
    let skiff = skiff_bin();
    let skiff = skiff.display();
    format!(
        r#"{HOST_PRELUDE}: > {d}/resolv.conf && mount --bind {d}/resolv.conf /etc/resolv.conf
mkdir -p {d}/www && echo page-from-outside > {d}/www/index.html
busybox httpd -f -p 10.99.0.2:8080 -h {d}/www & pids="$pids $!"
dnsmasq --keep-in-foreground --no-resolv --no-hosts --conf-file=/dev/null --user=root \
  --group=root --pid-file= --bind-interfaces --listen-address=127.0.0.1 \
  --listen-address=10.99.0.1 --address=/web.skiff.test/10.99.0.2 --log-queries \
  --log-facility={d}/dns.log & pids="$pids $!"
for i in $(seq 50); do grep -q started {d}/dns.log 2>/dev/null && break; sleep 0.1; done
check='cat /etc/resolv.conf; nslookup -type=a web.skiff.test; wget -qO- http://web.skiff.test:8080/'
echo "== loopback"
echo "nameserver 127.0.0.1" > {d}/resolv.conf
{skiff} run --rm busybox sh -c "$check"
echo "== own-address"
echo "nameserver 10.99.0.1" > {d}/resolv.conf
{skiff} run --rm busybox sh -c "$check"
echo "== end"
"#
    )
}

#[test]
fn names_resolve_through_the_hosts_resolver_and_their_addresses_answer() {
    if !have(&["/usr/sbin/dnsmasq", "/usr/bin/unshare", "/usr/sbin/ip"]) {
        return;
    }
    let env = isolated_with_busybox();
    let path = env.root.join("dns-host.sh");
    std::fs::write(&path, script(&env.root)).expect("write the script");
    let mut cmd = env.command("unshare");
    cmd.args(["--map-auto", "--map-root-user", "--net", "--mount", "sh"])
        .arg(&path);
    let out = run_cmd(cmd, None, Duration::from_secs(90));
    let text = out.ok();
    let log = std::fs::read_to_string(env.root.join("dns.log")).unwrap_or_default();
    let case = |name: &str| {
        text.split(&format!("== {name}\n"))
            .nth(1)
            .and_then(|s| s.split("\n== ").next())
            .unwrap_or_else(|| panic!("no {name} case\n{}\n{log}", out.dump()))
            .to_string()
    };
    // A resolver on the host's loopback (systemd-resolved's stub, dnsmasq, unbound) and one
    // on the host's own address are both unreachable at that address from the container (its
    // loopback is its own; pasta gives it the host's address): it names pasta's forwarder.
    for name in ["loopback", "own-address"] {
        let c = case(name);
        assert!(c.starts_with("nameserver 169.254.1.1\n"), "{name}: {c}");
        assert!(c.contains("Name:\tweb.skiff.test"), "{name}: {c}\n{log}");
        assert!(c.contains("Address: 10.99.0.2"), "{name}: {c}\n{log}");
        assert!(c.ends_with("page-from-outside"), "{name}: {c}");
    }
    // The host's resolver answered them (dnsmasq logs each query it gets).
    let queries = log.matches("query[A] web.skiff.test").count();
    assert!(
        queries >= 4,
        "{queries} queries reached the host's resolver\n{log}"
    );
}

// ---------------------------------------------------------------------------------------------
// skiff-dns, the server of user networks, run alone in a user + network namespace of the test's
// own: the files it serves are written here as skiff writes them (`NetworkDns::save`), and the
// probe sends queries from chosen source addresses (the server picks networks by them).

use crate::support::netns::{query, Netns, Reply};
use hickory_proto::op::ResponseCode;
use hickory_proto::rr::RecordType;
use skiff::netns::dnsconf::{NetworkDns, Record};
use std::net::IpAddr;

/// Two networks on `lo`: appnet 10.89.7.0/24 and other 10.89.8.0/24, with client addresses .5
/// in each and 10.89.9.5 in none; the server is reached at 10.89.7.1 from all of them.
const TWO_NETS: &str = "for a in 10.89.7.1/24 10.89.8.1/24 10.89.7.5/32 10.89.8.5/32 \
                        10.89.9.5/32; do ip addr add $a dev lo; done";
const DB_ID: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn network(name: &str, subnet: &str, records: &[(&str, &str, &[&str])]) -> NetworkDns {
    NetworkDns {
        name: name.into(),
        subnets: vec![subnet.into()],
        records: records
            .iter()
            .map(|(id, addr, names)| Record {
                id: id.to_string(),
                ips: vec![ip(addr)],
                names: names.iter().map(|n| n.to_string()).collect(),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

fn two_networks(ns: &mut Netns) -> std::path::PathBuf {
    let dir = ns.dir.path().join("dns");
    std::fs::create_dir_all(&dir).unwrap();
    network(
        "appnet",
        "10.89.7.0/24",
        &[(DB_ID, "10.89.7.2", &["db", "database"])],
    )
    .save(&dir)
    .unwrap();
    network(
        "other",
        "10.89.8.0/24",
        &[("fedcba9876543210ab", "10.89.8.2", &["web"])],
    )
    .save(&dir)
    .unwrap();
    ns.start_dns(&dir);
    dir
}

#[test]
fn skiff_dns_answers_names_aliases_and_ids_of_the_clients_network_only() {
    let mut ns = Netns::new(TWO_NETS);
    two_networks(&mut ns);
    let a = |from, name, t| ns.lookup(from, "10.89.7.1", name, t);
    let db = Reply::ok(&["10.89.7.2"]);
    // (A full 64-character id is no DNS label: those stop at 63 bytes.)
    for name in ["db", "DB.", "Database", &DB_ID[..12], &DB_ID[..63]] {
        assert_eq!(a("10.89.7.5", name, RecordType::A), db, "{name}");
    }
    // The name exists, without an IPv6 address: NOERROR and no answer, not NXDOMAIN.
    assert_eq!(a("10.89.7.5", "db", RecordType::AAAA), Reply::ok(&[]));
    assert_eq!(
        a("10.89.7.5", "nope", RecordType::A),
        Reply::code(ResponseCode::NXDomain)
    );
    assert_eq!(
        a("10.89.7.5", "0123", RecordType::A),
        Reply::code(ResponseCode::NXDomain)
    );
    assert_eq!(
        a("10.89.7.5", "2.7.89.10.in-addr.arpa", RecordType::PTR),
        Reply::ok(&["db."])
    );
    // Same server address, another source: the other network's names, not appnet's.
    assert_eq!(
        a("10.89.8.5", "web", RecordType::A),
        Reply::ok(&["10.89.8.2"])
    );
    assert_eq!(
        a("10.89.8.5", "db", RecordType::A),
        Reply::code(ResponseCode::NXDomain)
    );
    assert_eq!(
        a("10.89.7.5", "web", RecordType::A),
        Reply::code(ResponseCode::NXDomain)
    );
    // A source on no network gets nothing (no open resolver).
    assert_eq!(
        a("10.89.9.5", "db", RecordType::A),
        Reply::code(ResponseCode::Refused)
    );
    // TCP, several queries on one connection.
    let tcp = ns.ask(
        true,
        "10.89.7.5",
        "10.89.7.1",
        &[query("db", RecordType::A), query("nope", RecordType::A)],
    );
    assert_eq!(tcp, vec![db, Reply::code(ResponseCode::NXDomain)]);
    // A real client (busybox's nslookup, as in a container) and IPv6 to the server.
    let out = ns.sh("busybox nslookup database 10.89.7.1");
    assert!(out.contains("Address: 10.89.7.2"), "{out}");
}

#[test]
fn skiff_dns_answers_records_renamed_in_at_the_very_next_query() {
    let mut ns = Netns::new(TWO_NETS);
    let dir = ns.dir.path().join("dns");
    ns.start_dns(&dir);
    let a = |name: &str| ns.lookup("10.89.7.5", "10.89.7.1", name, RecordType::A);
    assert_eq!(a("db"), Reply::code(ResponseCode::Refused));
    // A network made after the server started: found by the rescan.
    let mut net = network("appnet", "10.89.7.0/24", &[(DB_ID, "10.89.7.2", &["db"])]);
    net.save(&dir).unwrap();
    assert_eq!(a("db"), Reply::ok(&["10.89.7.2"]));
    // A container joins (as `run -d` writes it), one restarts with a new address, one leaves:
    // each answers the next query, with no signal and no wait.
    for round in 0..20u8 {
        let name = format!("c{round}");
        let addr = format!("10.89.7.{}", 100 + round);
        net.upsert(Record {
            id: format!("{round:02}{}", &DB_ID[2..]),
            ips: vec![ip(&addr)],
            names: vec![name.clone()],
            ..Default::default()
        });
        net.save(&dir).unwrap();
        assert_eq!(a(&name), Reply::ok(&[&addr]), "round {round}");
    }
    net.upsert(Record {
        id: DB_ID.into(),
        ips: vec![ip("10.89.7.3")],
        names: vec!["db".into()],
        ..Default::default()
    });
    net.save(&dir).unwrap();
    assert_eq!(a("db"), Reply::ok(&["10.89.7.3"]));
    net.remove(DB_ID);
    net.save(&dir).unwrap();
    assert_eq!(a("db"), Reply::code(ResponseCode::NXDomain));
    // The network removed: its clients are no one's.
    std::fs::remove_file(NetworkDns::path(&dir, "appnet")).unwrap();
    assert_eq!(a("c1"), Reply::code(ResponseCode::Refused));
}

#[test]
fn skiff_dns_forwards_other_names_upstream_unless_the_network_is_internal() {
    // The upstream lives in a second network namespace, joined by a veth: the server under
    // test holds port 53 of every address of its own.
    let mut ns = Netns::new(TWO_NETS);
    let mut up = ns.sibling("true");
    ns.sh(&format!(
        "ip link add v0 type veth peer name v1 netns {} && \
         ip addr add 10.99.0.1/24 dev v0 && ip link set v0 up",
        up.pid()
    ));
    up.sh("ip addr add 10.99.0.2/24 dev v1 && ip link set v1 up");
    let up_dir = up.dir.path().join("dns");
    std::fs::create_dir_all(&up_dir).unwrap();
    network(
        "wan",
        "10.99.0.0/24",
        &[("aa", "192.0.2.7", &["outside.example"])],
    )
    .save(&up_dir)
    .unwrap();
    up.start_dns(&up_dir);

    let dir = ns.dir.path().join("dns");
    std::fs::create_dir_all(&dir).unwrap();
    let mut appnet = network("appnet", "10.89.7.0/24", &[(DB_ID, "10.89.7.2", &["db"])]);
    appnet.upstreams = vec![ip("10.99.0.2")];
    appnet.save(&dir).unwrap();
    let mut internal = network("internal", "10.89.8.0/24", &[]);
    internal.upstreams = vec![ip("10.99.0.2")];
    internal.internal = true;
    internal.save(&dir).unwrap();
    ns.start_dns(&dir);

    let outside = Reply::ok(&["192.0.2.7"]);
    let q = [
        query("outside.example", RecordType::A),
        query("missing.example", RecordType::A),
        query("db", RecordType::A),
    ];
    for tcp in [false, true] {
        let r = ns.ask(tcp, "10.89.7.5", "10.89.7.1", &q);
        // The upstream's answer and its NXDOMAIN are relayed; local names stay local.
        assert_eq!(
            r,
            vec![
                outside.clone(),
                Reply::code(ResponseCode::NXDomain),
                Reply::ok(&["10.89.7.2"])
            ],
            "tcp={tcp}"
        );
        let r = ns.ask(tcp, "10.89.8.5", "10.89.7.1", &q[..1]);
        assert_eq!(
            r,
            vec![Reply::code(ResponseCode::NXDomain)],
            "internal, tcp={tcp}"
        );
    }
    // An upstream that does not answer: SERVFAIL after its timeout, not silence.
    appnet.upstreams = vec![ip("10.99.0.3")];
    appnet.save(&dir).unwrap();
    let r = ns.lookup("10.89.7.5", "10.89.7.1", "outside.example", RecordType::A);
    assert_eq!(r, Reply::code(ResponseCode::ServFail));
}

#[test]
fn skiff_dns_survives_malformed_packets_and_exits_0_on_sigterm_and_sigint() {
    for signal in [libc::SIGTERM, libc::SIGINT] {
        let mut ns = Netns::new(TWO_NETS);
        two_networks(&mut ns);
        // Garbage with a whole header and QR clear gets an answer (FORMERR mostly) over both
        // transports, and the good query after it still answers.
        let mut x: u32 = 0x2545_f491;
        let bad: Vec<Vec<u8>> = (0..40usize)
            .map(|n| {
                let mut p: Vec<u8> = (0..12 + n * 7 % 300)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 17;
                        x ^= x << 5;
                        x as u8
                    })
                    .collect();
                p[2] &= 0x7f;
                p
            })
            .collect();
        let good = query("db", RecordType::A);
        for tcp in [false, true] {
            for chunk in bad.chunks(8) {
                let mut batch = chunk.to_vec();
                batch.push(good.clone());
                let replies = ns.ask(tcp, "10.89.7.5", "10.89.7.1", &batch);
                assert_eq!(
                    replies.last(),
                    Some(&Reply::ok(&["10.89.7.2"])),
                    "tcp={tcp}"
                );
            }
        }
        let odd = [
            // Too short for a header: nothing to answer.
            vec![0xff],
            // A header that promises five questions and carries half of one.
            b"\x12\x34\x01\x00\x00\x05\x00\x00\x00\x00\x00\x00\x03ab".to_vec(),
            // A name that is a compression pointer to itself.
            b"\x12\x35\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\xc0\x0c\x00\x01\x00\x01".to_vec(),
            good.clone(),
        ];
        let r = ns.ask(false, "10.89.7.5", "10.89.7.1", &odd);
        assert_eq!(r[0], Reply::Other("timeout".into()));
        assert_eq!(r[1], Reply::code(ResponseCode::FormErr));
        assert_eq!(r[2], Reply::code(ResponseCode::FormErr));
        assert_eq!(r[3], Reply::ok(&["10.89.7.2"]));
        let server = ns.server(0);
        let comm = std::fs::read_to_string(format!("/proc/{}/comm", server.id())).unwrap();
        assert_eq!(comm.trim(), "skiff-dns");
        // SAFETY: kill(2) of our own child, by pid.
        assert_eq!(unsafe { libc::kill(server.id() as i32, signal) }, 0);
        let status = server.wait().unwrap();
        assert_eq!(status.code(), Some(0), "signal {signal}");
    }
}
