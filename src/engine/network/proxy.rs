//! Published ports of a container on user networks: a userspace proxy (rootlessport's way,
//! measured to work here where in-kernel DNAT from the host's own address did not). The
//! listening sockets are bound by the starter in the host's namespace, so a taken port fails
//! the start at once; the proxy (`skiff network-proxy`, hidden) inherits them, enters the
//! rootless netns, and for each connection connects to the container's address from there.
use super::helper::{self, Helper};
use super::ports::Port;
use anyhow::{bail, Context, Result};
use std::io::ErrorKind;
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::os::fd::{AsRawFd, FromRawFd};
use std::process::Command;

/// The first descriptor number of the listeners in the proxy (3 is the rootless netns).
const FIRST: i32 = 4;

/// Binds `ports` on the host and starts the proxy to `target` (the container's address).
pub(crate) fn start(
    paths: &crate::store::Paths,
    rn: &std::fs::File,
    ports: &[Port],
    target: IpAddr,
    record: Option<helper::Record>,
) -> Result<Helper> {
    let mut listeners = Vec::new();
    let mut spec = Vec::new();
    for p in ports {
        if p.proto != "tcp" {
            bail!("publishing {}/{} on a user network is not supported: skiff forwards TCP ports of user networks only", p.container_port, p.proto);
        }
        let ip = if p.host_ip.is_empty() {
            "0.0.0.0"
        } else {
            &p.host_ip
        };
        let addr = SocketAddr::new(ip.parse()?, p.host_port);
        let l = TcpListener::bind(addr).with_context(|| {
            format!(
                "cannot publish port {addr}: it is in use or not allowed; choose another host port"
            )
        })?;
        listeners.push(l);
        spec.push(p.container_port.to_string());
    }
    let exe = std::env::current_exe().context("cannot find skiff's own binary")?;
    let mut cmd = Command::new(exe);
    // The same store as ours: a monitor's environment may not name one.
    cmd.args(paths.global_args());
    cmd.args(["network-proxy", "--target", &target.to_string(), "--ports"])
        .arg(spec.join(","));
    let mut fds = vec![(helper::raw(rn), 3)];
    for (i, l) in listeners.iter().enumerate() {
        fds.push((l.as_raw_fd(), FIRST + i as i32));
    }
    helper::spawn("skiff-proxy", cmd, &fds, &paths.run, None, record)
}

/// The proxy's life (`skiff network-proxy`): never returns but on a setup error.
pub(crate) fn serve(target: IpAddr, ports: &[u16]) -> Result<()> {
    crate::runtime::proc::set_name(c"skiff-proxy");
    // SAFETY: descriptor 3 was placed here by our starter and is owned by nothing else.
    let rn = unsafe { std::fs::File::from_raw_fd(3) };
    let mut listeners = Vec::new();
    for (i, _) in ports.iter().enumerate() {
        // SAFETY: the starter placed one listening socket at each of these numbers.
        listeners.push(unsafe { TcpListener::from_raw_fd(FIRST + i as i32) });
    }
    // Every connection to the container is made from inside the rootless netns.
    nix::sched::setns(&rn, nix::sched::CloneFlags::CLONE_NEWNET)
        .context("cannot enter the rootless network namespace")?;
    drop(rn);
    let mut threads = Vec::new();
    for (l, &port) in listeners.into_iter().zip(ports) {
        let to = SocketAddr::new(target, port);
        threads.push(std::thread::spawn(move || accept_loop(l, to)));
    }
    for t in threads {
        let _ = t.join();
    }
    Ok(())
}

fn accept_loop(l: TcpListener, to: SocketAddr) {
    loop {
        match l.accept() {
            Ok((client, _)) => {
                std::thread::spawn(move || relay(client, to));
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => std::thread::sleep(std::time::Duration::from_millis(50)),
        }
    }
}

/// Copies both ways until each side has closed its half.
fn relay(client: TcpStream, to: SocketAddr) {
    let Ok(server) = TcpStream::connect(to) else {
        return;
    };
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let (Ok(c2), Ok(s2)) = (client.try_clone(), server.try_clone()) else {
        return;
    };
    let up = std::thread::spawn(move || pump(c2, s2));
    pump(server, client);
    let _ = up.join();
}

fn pump(mut from: TcpStream, mut to: TcpStream) {
    let _ = std::io::copy(&mut from, &mut to);
    let _ = to.shutdown(Shutdown::Write);
}
