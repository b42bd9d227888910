//! slirp4netns: a tap device in the container's netns (10.0.2.100/24, gateway 10.0.2.2, DNS
//! 10.0.2.3) backed by a user-mode TCP/IP stack; ports are added through its API socket.
use super::helper::{self, Helper};
use super::ports::Port;
use anyhow::{bail, Context, Result};
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::Command;

pub(crate) const IP: &str = "10.0.2.100";
pub(crate) const GATEWAY: &str = "10.0.2.2";
pub(crate) const DNS: &str = "10.0.2.3";

pub(crate) fn start(
    run_dir: &Path,
    id: &str,
    netns: &std::fs::File,
    ports: &[Port],
    record: Option<helper::Record>,
) -> Result<Helper> {
    let (ready_r, ready_w) = helper::pipe()?;
    let (exit_r, exit_w) = helper::pipe()?;
    // --exit-fd ends slirp4netns with whoever holds the pipe's other end: only a tied helper
    // (see `helper::spawn`) has one.
    let tied = record.is_none();
    // A short path: unix socket paths are limited to 107 bytes.
    let sock = run_dir.join(format!("slirp-{}.sock", &id[..12]));
    let _ = std::fs::remove_file(&sock);
    let mut cmd = Command::new("slirp4netns");
    cmd.args([
        "--configure",
        "--mtu=65520",
        "--disable-host-loopback",
        "--netns-type=path",
        "--ready-fd=4",
    ])
    .args(tied.then_some("--exit-fd=5"))
    .arg("--api-socket")
    .arg(&sock)
    .args(["/proc/self/fd/3", "tap0"]);
    let fds = [
        (helper::raw(netns), 3),
        (helper::raw(&ready_w), 4),
        (helper::raw(&exit_r), 5),
    ];
    let exit = tied.then_some(exit_w);
    let mut h = helper::spawn("slirp4netns", cmd, &fds, run_dir, exit, record)?;
    drop((ready_w, exit_r));
    let res = h.wait_ready(&ready_r).and_then(|_| forward(&sock, ports));
    // slirp4netns has the socket open; the name is only needed to connect.
    let _ = std::fs::remove_file(&sock);
    res.map(|_| h)
}

fn forward(sock: &Path, ports: &[Port]) -> Result<()> {
    for p in ports {
        let host_addr = if p.host_ip.is_empty() {
            "0.0.0.0"
        } else {
            &p.host_ip
        };
        let req = serde_json::json!({"execute": "add_hostfwd", "arguments": {
            "proto": p.proto, "host_addr": host_addr, "host_port": p.host_port, "guest_port": p.container_port}});
        let mut s = UnixStream::connect(sock)
            .with_context(|| format!("cannot reach slirp4netns at {}", sock.display()))?;
        s.write_all(req.to_string().as_bytes())?;
        s.shutdown(std::net::Shutdown::Write)?;
        let mut reply = String::new();
        s.read_to_string(&mut reply)?;
        let v: serde_json::Value = serde_json::from_str(&reply).unwrap_or_default();
        if let Some(e) = v.get("error") {
            let desc = e
                .get("desc")
                .and_then(|d| d.as_str())
                .unwrap_or("unknown error");
            bail!(
                "cannot publish port {} on host port {host_addr}:{}: slirp4netns: {desc}",
                p.key(),
                p.host_port
            );
        }
    }
    Ok(())
}
