//! Published UDP ports (`-p HOST:CTR/udp`) on both rootless networks: a datagram sent to the
//! host port reaches a UDP echo server in the container (the probe) and its answer comes back.
//!
//! The datagrams go to the host's own address, as another machine's would. From the host's
//! loopback the answer is lost with Debian 12's pasta (2023-03; its loopback UDP path drops
//! replies) and with slirp4netns (`--disable-host-loopback`); the run man page says so.
use crate::support::wait::{until, Cleanup};
use crate::support::{self, Env};
use crate::{shared, unique_name};
use std::net::{IpAddr, UdpSocket};
use std::time::Duration;

/// A UDP port free on the host right now.
fn free_udp_port() -> u16 {
    UdpSocket::bind("127.0.0.1:0")
        .and_then(|s| s.local_addr())
        .expect("bind udp port 0")
        .port()
}

/// The host's address on its default route (what pasta copies into the container, and what
/// other machines reach it at): the source address the kernel picks for an outside target.
fn host_address() -> IpAddr {
    let s = UdpSocket::bind("0.0.0.0:0").expect("bind");
    s.connect("203.0.113.1:9")
        .expect("the host has a default route");
    s.local_addr().expect("addr").ip()
}

/// Sends `ping` to the host's port until the echo comes back (≤ 10 s); returns the answer.
fn echo(port: u16) -> String {
    let host = host_address();
    let s = UdpSocket::bind("0.0.0.0:0").expect("bind");
    s.set_read_timeout(Some(Duration::from_millis(300)))
        .expect("timeout");
    until(
        &format!("an answer from {host} udp port {port}"),
        Duration::from_secs(10),
        || {
            s.send_to(b"ping", (host, port))
                .map_err(|e| e.to_string())?;
            let mut buf = [0u8; 64];
            let (n, _) = s.recv_from(&mut buf).map_err(|e| e.to_string())?;
            Ok(String::from_utf8_lossy(&buf[..n]).into_owned())
        },
    )
}

fn publishes_udp_on(env: &Env, network: &str) {
    let name = unique_name(&format!("udp-{network}"));
    let _c = Cleanup::names(env, &[&name]);
    let port = free_udp_port();
    let spec = format!("{port}:7777/udp");
    let out = env.skiff([
        "run",
        "-d",
        "--name",
        &name,
        "--network",
        network,
        "-p",
        &spec,
        "probe:latest",
        "/probe",
        "udp-echo",
        "7777",
    ]);
    out.ok();
    until("the echo server", Duration::from_secs(10), || {
        let logs = env.skiff(["logs", &name]);
        match logs.ok() {
            "ready\n" => Ok(()),
            other => Err(other.to_string()),
        }
    });
    assert_eq!(echo(port), "echo:ping", "{network}");
    let p = env.skiff(["port", &name]);
    assert_eq!(p.ok(), format!("7777/udp -> 0.0.0.0:{port}\n"), "{network}");
    let ps = env.skiff([
        "ps",
        "--format",
        "{{.Ports}}",
        "--filter",
        &format!("name={name}"),
    ]);
    assert_eq!(ps.ok(), format!("0.0.0.0:{port}->7777/udp\n"), "{network}");
    env.skiff(["rm", "-f", &name]).ok();
    // The helper gives the port back as it ends with the container.
    support::wait_for(
        &format!("udp port {port} to be released"),
        Duration::from_secs(5),
        || UdpSocket::bind(("0.0.0.0", port)).is_ok(),
    );
}

#[test]
fn pasta_publishes_a_udp_port() {
    publishes_udp_on(shared(), "pasta");
}

#[test]
fn slirp4netns_publishes_a_udp_port() {
    if !support::have_tool("slirp4netns") {
        return;
    }
    publishes_udp_on(shared(), "slirp4netns");
}

#[test]
fn a_udp_host_port_in_use_is_125_and_leaves_the_container_created() {
    let env = shared();
    let taken = UdpSocket::bind("0.0.0.0:0").expect("bind");
    let port = taken.local_addr().expect("addr").port();
    let name = unique_name("udp-taken");
    let _c = Cleanup::names(env, &[&name]);
    let out = env.skiff([
        "run",
        "-d",
        "--name",
        &name,
        "-p",
        &format!("{port}:7777/udp"),
        "probe:latest",
        "/probe",
        "udp-echo",
        "7777",
    ]);
    out.code_is(125);
    assert!(
        out.stderr.contains(&format!("{port}")) && out.stderr.starts_with("error: "),
        "{}",
        out.dump()
    );
    // As Docker and podman: the container stays, created, for a start once the port is free.
    let ps = env.skiff(["ps", "-a", "--format", "{{.Names}} {{.Status}}"]);
    assert!(
        ps.ok().lines().any(|l| l == format!("{name} Created")),
        "{}",
        ps.dump()
    );
}
