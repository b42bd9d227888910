//! Name resolution in a container on the default network (pasta): queries go to pasta's DNS
//! forwarder and through it to the host's own resolver, and the names it answers are reachable.
//!
//! The "host" here is a user and network namespace of the test's own (`unshare --map-auto`),
//! with a tap interface and a default route for pasta to copy, a real resolver (dnsmasq) on
//! port 53, its own `/etc/resolv.conf` bind-mounted over the real one, and a web server on
//! an outside address. Nothing reaches the internet, and skiff runs unchanged inside it.
use crate::isolated_with_busybox;
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
        r#"set -u
export PATH="$PATH:/usr/sbin:/sbin"
pids=""
trap 'kill $pids 2>/dev/null' EXIT
ip link set lo up
ip tuntap add tap0 mode tap && ip link set tap0 up
ip addr add 10.99.0.1/24 dev tap0 && ip addr add 10.99.0.2/24 dev tap0
ip route add default via 10.99.0.254 dev tap0
: > {d}/resolv.conf && mount --bind {d}/resolv.conf /etc/resolv.conf
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
