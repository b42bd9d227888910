//! pasta (passt's namespace mode): copies the host's addressing into the container's netns,
//! proxies its traffic through host sockets, and forwards published ports (`-t`/`-u`).
use super::helper::{self, Helper};
use super::ports::Port;
use anyhow::Result;
use std::path::Path;
use std::process::Command;

/// The address the container's resolv.conf names (as podman 5 does): pasta forwards DNS sent
/// there to the host's first resolver. The host's own addresses cannot be named instead: a
/// resolver on its loopback is not the container's loopback, and one on the host's address is
/// unreachable because pasta gives the container that same address.
pub(crate) const DNS_FORWARD: &str = "169.254.1.1";

/// pasta's port option for one protocol: `none`, or `[ADDR/]HOST:CTR` items.
fn spec(ports: &[Port], proto: &str) -> Vec<String> {
    let v: Vec<String> = ports
        .iter()
        .filter(|p| p.proto == proto)
        .map(|p| {
            if p.host_ip.is_empty() {
                format!("{}:{}", p.host_port, p.container_port)
            } else {
                format!("{}/{}:{}", p.host_ip, p.host_port, p.container_port)
            }
        })
        .collect();
    if v.is_empty() {
        vec!["none".into()]
    } else {
        v
    }
}

pub(crate) fn start(
    run_dir: &Path,
    netns: &std::fs::File,
    ports: &[Port],
    record: Option<helper::Record>,
) -> Result<Helper> {
    let (ready_r, ready_w) = helper::pipe()?;
    let mut cmd = Command::new("pasta");
    // -f: stay our child (reaped by the monitor); -q: no informational noise. The pid file is written
    // once the namespace is configured and the ports are bound: it is the readiness signal.
    cmd.args([
        "--config-net",
        "-f",
        "-q",
        "--netns",
        "/proc/self/fd/3",
        "-P",
        "/proc/self/fd/4",
    ]);
    for (flag, proto) in [("-t", "tcp"), ("-u", "udp")] {
        for s in spec(ports, proto) {
            cmd.args([flag, &s]);
        }
    }
    // No automatic forwarding from the container to the host's ports; DNS via the forwarder.
    cmd.args(["-T", "none", "-U", "none", "--dns-forward", DNS_FORWARD]);
    let mut h = helper::spawn(
        "pasta",
        cmd,
        &[(helper::raw(netns), 3), (helper::raw(&ready_w), 4)],
        run_dir,
        None,
        record,
    )?;
    drop(ready_w);
    h.wait_ready(&ready_r)?;
    Ok(h)
}
