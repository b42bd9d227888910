//! Names on user networks, end to end: containers find each other by name, `--network-alias`
//! and short id through skiff-dns in the rootless netns (and only on their own networks), a
//! restart with a new address is followed, other names go to the host's resolver (a dnsmasq in
//! a namespace of the test's own, as in `dns`) or the container's `--dns`, and `--internal`
//! networks keep their names. The address-level tests are `networks`; kill -9 of skiff-dns is
//! `network_faults`.
use crate::isolated_with_busybox;
use crate::support::networks::{
    assert_nothing_left, fetch, ip_on, lookup, netns_pids, run_d, HOST_PRELUDE,
};
use crate::support::{run_cmd, skiff_bin};
use std::time::Duration;

#[test]
fn names_aliases_and_short_ids_resolve_on_their_network_only() {
    let env = isolated_with_busybox();
    env.skiff(["network", "create", "appnet"]).ok();
    env.skiff(["network", "create", "othernet"]).ok();
    let id = run_d(&env, "db", "appnet", &["--network-alias", "database"]);
    let short = &id[..12];
    for name in ["db", "database", short] {
        let page = fetch(&env, "appnet", &format!("http://{name}/hostname"));
        assert_eq!(page.ok().trim(), short, "by {name}");
    }
    // Another network's container knows none of them (NXDOMAIN, not a timeout).
    for name in ["db", "database", short] {
        let out = lookup(&env, "othernet", name);
        assert_ne!(out.code, 0, "{name} resolved from othernet: {}", out.stdout);
        assert!(out.stdout.contains("NXDOMAIN"), "{name}: {}", out.stdout);
        assert_ne!(fetch(&env, "othernet", &format!("http://{name}/")).code, 0);
    }
    env.skiff(["network", "rm", "othernet"]).ok();
}

#[test]
fn a_container_on_two_networks_resolves_both_and_connect_aliases_come_and_go() {
    let env = isolated_with_busybox();
    env.skiff(["network", "create", "neta"]).ok();
    env.skiff(["network", "create", "netb"]).ok();
    let pa = run_d(&env, "pa", "neta", &[]);
    let pb = run_d(&env, "pb", "netb", &[]);
    let both = |url: &str| {
        let script = format!("timeout 5 wget -qO- {url}; r=$?; exit $r");
        let args = [
            "run",
            "--rm",
            "--network",
            "neta,netb",
            "busybox",
            "sh",
            "-c",
        ];
        let mut args = args.to_vec();
        args.push(&script);
        env.skiff(args)
    };
    // Asked from its first network's address, names of the second answer too.
    assert_eq!(both("http://pa/hostname").ok().trim(), &pa[..12]);
    assert_eq!(both("http://pb/hostname").ok().trim(), &pb[..12]);
    // Not the other way round: pa, on neta only, does not see netb's names.
    let out = env.skiff(["exec", "pa", "timeout", "5", "nslookup", "pb"]);
    assert!(out.stdout.contains("NXDOMAIN"), "{}", out.stdout);
    // connect --alias: the container answers on the network it joined, under the alias too,
    // at once; disconnect forgets both names there.
    env.skiff(["network", "connect", "--alias", "cache", "netb", "pa"])
        .ok();
    for name in ["pa", "cache"] {
        let page = fetch(&env, "netb", &format!("http://{name}/hostname"));
        assert_eq!(page.ok().trim(), &pa[..12], "{name}");
    }
    env.skiff(["network", "disconnect", "netb", "pa"]).ok();
    for name in ["pa", "cache"] {
        let out = lookup(&env, "netb", name);
        assert!(out.stdout.contains("NXDOMAIN"), "{name}: {}", out.stdout);
    }
    let pids = netns_pids(&env);
    env.skiff(["rm", "-f", "pa", "pb"]).ok();
    assert_nothing_left(&env, &pids);
}

#[test]
fn a_restarted_or_replaced_container_is_found_at_its_new_address() {
    let env = isolated_with_busybox();
    env.skiff(["network", "create", "appnet"]).ok();
    let id = run_d(&env, "db", "appnet", &[]);
    let old = ip_on(&env, "db", "appnet");
    // A container that outlives the restarts and asks again each time (no cache of its own).
    run_d(&env, "client", "appnet", &[]);
    env.skiff(["stop", "-t", "0", "db"]).ok();
    // Stopped: forgotten at once, by a DNS server that outlived the container that started it.
    let out = env.skiff(["exec", "client", "timeout", "5", "nslookup", "db"]);
    assert!(out.stdout.contains("NXDOMAIN"), "{}", out.stdout);
    // The squatter takes the address db had (addresses go in turn: it must ask for it).
    run_d(&env, "squat", "appnet", &["--ip", &old]);
    assert_eq!(ip_on(&env, "squat", "appnet"), old);
    env.skiff(["start", "db"]).ok();
    let new = ip_on(&env, "db", "appnet");
    assert!(!new.is_empty() && new != old, "{old} -> {new}");
    let page = fetch(&env, "appnet", "http://db/hostname");
    assert_eq!(page.ok().trim(), &id[..12]);
    let out = lookup(&env, "appnet", "db").ok().to_string();
    assert!(out.contains(&format!("Address: {new}")), "{out}");
    assert!(!out.contains(&format!("Address: {old}")), "{out}");
    let out = env
        .skiff(["exec", "client", "wget", "-qO-", "http://db/hostname"])
        .ok()
        .to_string();
    assert_eq!(out.trim(), &id[..12]);
    // Removed and run again under the same name: the new container answers, the old id not.
    env.skiff(["rm", "-f", "db"]).ok();
    let out = lookup(&env, "appnet", "db");
    assert!(out.stdout.contains("NXDOMAIN"), "{}", out.stdout);
    let id2 = run_d(&env, "db", "appnet", &[]);
    let page = fetch(&env, "appnet", "http://db/hostname");
    assert_eq!(page.ok().trim(), &id2[..12]);
    assert!(lookup(&env, "appnet", &id[..12])
        .stdout
        .contains("NXDOMAIN"));
    let pids = netns_pids(&env);
    env.skiff(["rm", "-f", "db", "client", "squat"]).ok();
    assert_nothing_left(&env, &pids);
}

#[test]
fn names_resolve_inside_an_internal_network_and_nothing_is_forwarded() {
    let env = isolated_with_busybox();
    env.skiff(["network", "create", "--internal", "innet"]).ok();
    let id = run_d(&env, "db", "innet", &["--network-alias", "database"]);
    for name in ["db", "database", &id[..12]] {
        let page = fetch(&env, "innet", &format!("http://{name}/hostname"));
        assert_eq!(page.ok().trim(), &id[..12], "by {name}");
    }
    // No way out, so no upstream: an outside name is NXDOMAIN at once.
    let out = lookup(&env, "innet", "example.com");
    assert!(out.stdout.contains("NXDOMAIN"), "{}", out.stdout);
    let pids = netns_pids(&env);
    env.skiff(["rm", "-f", "db"]).ok();
    assert_nothing_left(&env, &pids);
}

/// The script run as root of the test's own user + network + mount namespace: a "host" with a
/// resolver (dnsmasq: `web.skiff.test` and NXDOMAIN for the rest of `skiff.test`) named by
/// its /etc/resolv.conf and a web server, then skiff's user networks inside it.
fn upstream_script(dir: &std::path::Path) -> String {
    let d = dir.display();
    let skiff = skiff_bin();
    let skiff = skiff.display();
    format!(
        r#"{HOST_PRELUDE}echo "nameserver 127.0.0.1" > {d}/resolv.conf && mount --bind {d}/resolv.conf /etc/resolv.conf
mkdir -p {d}/www && echo page-from-outside > {d}/www/index.html
busybox httpd -f -p 10.99.0.2:8080 -h {d}/www & pids="$pids $!"
dnsmasq --keep-in-foreground --no-resolv --no-hosts --conf-file=/dev/null --user=root \
  --group=root --pid-file= --bind-interfaces --listen-address=127.0.0.1 \
  --address=/web.skiff.test/10.99.0.2 --local=/skiff.test/ --log-queries \
  --log-facility={d}/dns.log & pids="$pids $!"
dnsmasq --keep-in-foreground --no-resolv --no-hosts --conf-file=/dev/null --user=root \
  --group=root --pid-file= --bind-interfaces --listen-address=10.99.0.2 \
  --address=/web.skiff.test/10.99.0.42 --log-queries \
  --log-facility={d}/dns2.log & pids="$pids $!"
for i in $(seq 50); do grep -q started {d}/dns.log 2>/dev/null && grep -q started {d}/dns2.log \
  2>/dev/null && break; sleep 0.1; done
S={skiff}
$S network create upnet >/dev/null && $S network create --internal innet >/dev/null
$S run -d --name db --network upnet busybox httpd -f -p 80 -h /etc >/dev/null
echo "== user network"
$S run --rm --network upnet busybox sh -c 'timeout 5 nslookup web.skiff.test; \
  timeout 5 nslookup missing.skiff.test; echo "rc=$?"; \
  timeout 5 wget -qO- http://web.skiff.test:8080/; timeout 5 wget -qO- http://db/hostname'
echo "== own dns"
$S run --rm --network upnet --dns 10.99.0.2 busybox sh -c 'cat /etc/resolv.conf; \
  timeout 5 nslookup web.skiff.test; timeout 5 wget -qO- http://db/hostname'
echo "== internal"
$S run --rm --network innet busybox sh -c 'timeout 5 nslookup inside.skiff.test; echo "rc=$?"'
$S rm -f db >/dev/null
$S network rm upnet innet >/dev/null
echo "== end"
"#
    )
}

#[test]
fn other_names_are_forwarded_to_the_hosts_resolver() {
    for tool in ["/usr/sbin/dnsmasq", "/usr/bin/unshare", "/usr/sbin/ip"] {
        assert!(std::path::Path::new(tool).exists(), "{tool} is missing");
    }
    let env = isolated_with_busybox();
    let path = env.root.join("dns-host.sh");
    std::fs::write(&path, upstream_script(&env.root)).expect("write the script");
    let mut cmd = env.command("unshare");
    cmd.args(["--map-auto", "--map-root-user", "--net", "--mount", "sh"])
        .arg(&path);
    let out = run_cmd(cmd, None, Duration::from_secs(120));
    let text = out.ok().to_string();
    let log = std::fs::read_to_string(env.root.join("dns.log")).unwrap_or_default();
    let case = |name: &str| {
        text.split(&format!("== {name}\n"))
            .nth(1)
            .and_then(|s| s.split("\n== ").next())
            .unwrap_or_else(|| panic!("no {name} case\n{}\n{log}", out.dump()))
            .to_string()
    };
    let user = case("user network");
    assert!(user.contains("Address: 10.99.0.2"), "{user}\n{log}");
    // The host's NXDOMAIN comes back as such (not SERVFAIL, not a timeout).
    assert!(
        user.contains("can't find missing.skiff.test: NXDOMAIN") && user.contains("rc=1"),
        "{user}\n{log}"
    );
    assert!(user.contains("page-from-outside"), "{user}");
    let db_id = user.lines().last().unwrap_or_default();
    assert_eq!(db_id.len(), 12, "{user}");
    // Both outside names reached the host's resolver; db never did.
    assert!(log.contains("query[A] web.skiff.test"), "{log}");
    assert!(log.contains("query[A] missing.skiff.test"), "{log}");
    assert!(!log.contains("] db "), "{log}");
    // `--dns` on a user network: resolv.conf still names the network's DNS (container names
    // resolve), which forwards the container's other names to its own server, as Docker's.
    let own = case("own dns");
    assert!(own.starts_with("nameserver 10.89."), "{own}");
    assert!(own.contains("Address: 10.99.0.42"), "{own}");
    assert!(own.ends_with(db_id), "{own}");
    let log2 = std::fs::read_to_string(env.root.join("dns2.log")).unwrap_or_default();
    assert!(log2.contains("query[A] web.skiff.test"), "{log2}");
    // An internal network forwards nothing: NXDOMAIN from skiff-dns itself.
    let internal = case("internal");
    assert!(
        internal.contains("NXDOMAIN") && internal.contains("rc=1"),
        "{internal}"
    );
    assert!(!log.contains("inside.skiff.test"), "{log}");
}
