//! Published ports of a container on user networks: a userspace proxy (rootlessport's way,
//! measured to work here where in-kernel DNAT from the host's own address did not). The
//! listening sockets are bound by the starter in the host's namespace, so a taken port fails
//! the start at once; the proxy (`skiff network-proxy`, hidden) inherits them, enters the
//! rootless netns, and for each connection connects to the container's address from there.
use super::helper::{self, Helper};
use super::ports::Port;
use crate::netns::rootless;
use crate::runtime::proc::Identity;
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use std::io::ErrorKind;
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::process::Command;
use std::sync::{Arc, Mutex};

/// The first descriptor number of the listeners in the proxy (3 is the rootless netns).
const FIRST: i32 = 4;

/// Binds `ports` on the host and starts the proxy to `target` (the container's address).
pub(crate) fn start(
    paths: &Paths,
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
pub(crate) fn serve(paths: &Paths, target: IpAddr, ports: &[u16]) -> Result<()> {
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
    // The holder whose namespace that is: none if our starter opened one that was replaced
    // meanwhile (the first connection then follows to the live one).
    let holder = rootless::load(paths)
        .map(|s| s.holder)
        .filter(|h| holds(h, &rn))
        .unwrap_or_default();
    drop(rn);
    let open = Open::default();
    let (p, o) = (paths.clone(), open.clone());
    std::thread::spawn(move || o.watch(&p));
    let mut threads = Vec::new();
    for (l, &port) in listeners.into_iter().zip(ports) {
        let to = SocketAddr::new(target, port);
        let (paths, open) = (paths.clone(), open.clone());
        threads.push(std::thread::spawn(move || {
            accept_loop(&paths, l, to, holder, &open)
        }));
    }
    for t in threads {
        let _ = t.join();
    }
    Ok(())
}

/// Whether `ns` is the network namespace of the live process `holder`.
fn holds(holder: &Identity, ns: &std::fs::File) -> bool {
    use std::os::unix::fs::MetadataExt;
    let theirs = std::fs::metadata(format!("/proc/{}/ns/net", holder.pid));
    match (theirs, ns.metadata()) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino() && holder.is_alive(),
        _ => false,
    }
}

/// Accepts connections and relays each from a thread of its own. The thread's network
/// namespace follows the rootless netns: when its holder was killed and a later command made
/// it again (plugging the container in there, same address), the old one, which this thread
/// alone keeps alive, leads nowhere.
fn accept_loop(paths: &Paths, l: TcpListener, to: SocketAddr, mut holder: Identity, open: &Open) {
    loop {
        match l.accept() {
            Ok((client, _)) => {
                follow(paths, &mut holder);
                let open = open.clone();
                std::thread::spawn(move || relay(client, to, holder, &open));
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => std::thread::sleep(std::time::Duration::from_millis(50)),
        }
    }
}

/// Moves this thread into the rootless netns `netns.json` names, if that is another one than
/// `holder`'s (a network namespace is a per-thread attribute; threads started after inherit it).
fn follow(paths: &Paths, holder: &mut Identity) {
    let Some(now) = rootless::load(paths).map(|s| s.holder) else {
        return;
    };
    if now == *holder || !now.is_alive() {
        return;
    }
    let Ok(ns) = std::fs::File::open(format!("/proc/{}/ns/net", now.pid)) else {
        return;
    };
    if nix::sched::setns(&ns, nix::sched::CloneFlags::CLONE_NEWNET).is_ok() && now.is_alive() {
        *holder = now;
    }
}

/// One relayed connection: its two sockets and the holder of the namespace it goes through.
struct Conn {
    id: u64,
    holder: Identity,
    client: TcpStream,
    server: TcpStream,
    ended: bool,
}

/// The connections being relayed. One made through a rootless netns that was replaced (its
/// holder killed, the namespace made again and the container plugged in there) leads nowhere:
/// its packets to the container are lost, and its client would wait for ever. `watch` ends it.
#[derive(Clone, Default)]
struct Open(Arc<Mutex<(u64, Vec<Conn>)>>);

impl Open {
    fn add(&self, holder: Identity, client: &TcpStream, server: &TcpStream) -> Option<u64> {
        let (client, server) = (client.try_clone().ok()?, server.try_clone().ok()?);
        let mut g = self.0.lock().unwrap_or_else(|e| e.into_inner());
        g.0 += 1;
        let id = g.0;
        g.1.push(Conn {
            id,
            holder,
            client,
            server,
            ended: false,
        });
        Some(id)
    }

    fn remove(&self, id: u64) {
        let mut g = self.0.lock().unwrap_or_else(|e| e.into_inner());
        g.1.retain(|c| c.id != id);
    }

    /// Every 250 ms while connections are open: those whose namespace is no longer the one
    /// `netns.json` names are shut down, the client's side with an end of file and the
    /// container's side reset (nothing of it is delivered any more), so their relays end.
    fn watch(&self, paths: &Paths) -> ! {
        loop {
            std::thread::sleep(std::time::Duration::from_millis(250));
            if self.0.lock().map(|g| g.1.is_empty()).unwrap_or(false) {
                continue;
            }
            let now = rootless::load(paths).map(|s| s.holder);
            let mut g = self.0.lock().unwrap_or_else(|e| e.into_inner());
            for c in g.1.iter_mut().filter(|c| !c.ended && now != Some(c.holder)) {
                let abort = libc::linger {
                    l_onoff: 1,
                    l_linger: 0,
                };
                let _ = nix::sys::socket::setsockopt(
                    &c.server,
                    nix::sys::socket::sockopt::Linger,
                    &abort,
                );
                let _ = c.server.shutdown(Shutdown::Both);
                let _ = c.client.shutdown(Shutdown::Both);
                c.ended = true;
            }
        }
    }
}

/// Copies both ways until each side has closed its half (or `open` ends the connection).
fn relay(client: TcpStream, to: SocketAddr, holder: Identity, open: &Open) {
    let Ok(server) = TcpStream::connect(to) else {
        return;
    };
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let Some(id) = open.add(holder, &client, &server) else {
        return;
    };
    if let (Ok(c2), Ok(s2)) = (client.try_clone(), server.try_clone()) {
        let up = std::thread::spawn(move || pump(c2, s2));
        pump(server, client);
        let _ = up.join();
    }
    open.remove(id);
}

/// The size asked for each direction's pipe: a splice moves up to this much per call.
const PIPE_SIZE: usize = 1 << 20;

/// Copies `from` to `to` until EOF, then closes `to`'s sending half. The bytes go through a
/// pipe with splice(2), never through user space (a copy through an 8 KiB buffer, what
/// `std::io::copy` does between two sockets, was the bottleneck of a published port).
fn pump(mut from: TcpStream, mut to: TcpStream) {
    if let Err(Some(_)) = splice_all(&from, &to) {
        // splice refused before any byte moved: plain copies, with a larger buffer.
        let mut buf = vec![0u8; 256 << 10];
        let _ = copy(&mut from, &mut to, &mut buf);
    }
    let _ = to.shutdown(Shutdown::Write);
}

/// Splices `from` into `to` until EOF. `Err(Some(e))`: splice cannot be used here (nothing
/// was moved yet); `Err(None)`: the connection failed. Two threads, one filling the pipe from
/// `from` and one draining it into `to`, so reading goes on while `to` has no room (with one
/// thread doing both in turn, each side waited for the other: 30% of the CPU idle during a
/// 1 GiB transfer to a published port, and throughput only level with podman's rootlessport).
fn splice_all(from: &TcpStream, to: &TcpStream) -> Result<(), Option<std::io::Error>> {
    use rustix::pipe::{pipe_with, PipeFlags};
    let (r, w) = pipe_with(PipeFlags::CLOEXEC).map_err(|e| Some(e.into()))?;
    // An unprivileged process may be capped below this (pipe-max-size); the default is fine.
    let _ = rustix::pipe::fcntl_setpipe_size(&w, PIPE_SIZE);
    std::thread::scope(|s| {
        // Ends at the pipe's EOF (the filler is done and dropped `w`) or when `to` fails; then
        // `r` is dropped and a filler still running gets EPIPE (the proxy keeps SIGPIPE
        // blocked, as its starter had it).
        let drainer = s.spawn(move || drain(r, to));
        let filled = fill(from, w);
        let drained = drainer.join().unwrap_or(false);
        match filled {
            Ok(()) if drained => Ok(()),
            Ok(()) => Err(None),
            Err(e) => Err(e),
        }
    })
}

/// `from` into the pipe until EOF (then `w` is dropped: the drainer sees the pipe's end). It
/// waits for `from` with poll, never inside splice: a splice from a socket holds the pipe's
/// lock while it waits for data, and the drainer could not take what is already in the pipe
/// (a request sat there until its client gave up).
fn fill(from: &TcpStream, w: OwnedFd) -> Result<(), Option<std::io::Error>> {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    use rustix::pipe::{splice, SpliceFlags};
    let mut moved = false;
    loop {
        let mut fds = [PollFd::new(from.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) => {}
            Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => return Err(None),
        }
        match splice(
            from,
            None,
            &w,
            None,
            PIPE_SIZE,
            SpliceFlags::MOVE | SpliceFlags::MORE,
        ) {
            Ok(0) => return Ok(()),
            Ok(_) => moved = true,
            Err(rustix::io::Errno::INTR) => {}
            Err(e) if !moved && e == rustix::io::Errno::INVAL => return Err(Some(e.into())),
            Err(_) => return Err(None),
        }
    }
}

/// The pipe into `to` until the pipe's EOF; false when `to` failed. It waits for the pipe with
/// poll and asks for exactly what it holds, so each splice ends once that is sent and the
/// kernel never marks a short request "more to come" (which holds it back).
fn drain(r: OwnedFd, to: &TcpStream) -> bool {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    use rustix::pipe::{splice, SpliceFlags};
    loop {
        let mut fds = [PollFd::new(r.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) | Err(nix::errno::Errno::EINTR) => {}
            Err(_) => return false,
        }
        let hup = fds[0]
            .revents()
            .is_some_and(|e| e.contains(PollFlags::POLLHUP));
        let mut left = rustix::io::ioctl_fionread(&r).unwrap_or(0) as usize;
        if left == 0 && hup {
            // Empty, and the filler closed its end: the stream is done.
            return true;
        }
        while left > 0 {
            match splice(&r, None, to, None, left, SpliceFlags::MOVE) {
                Ok(0) => return false,
                Ok(k) => left -= k,
                Err(rustix::io::Errno::INTR) => {}
                Err(_) => return false,
            }
        }
    }
}

fn copy(from: &mut TcpStream, to: &mut TcpStream, buf: &mut [u8]) -> std::io::Result<()> {
    use std::io::{Read, Write};
    loop {
        let n = match from.read(buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        to.write_all(&buf[..n])?;
    }
}
