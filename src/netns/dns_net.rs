//! The sockets of `skiff-dns`: port 53 over UDP and TCP on every address (IPv4, and IPv6 when
//! the namespace has it), a thread per listening socket, and a thread per forwarded query or
//! TCP connection, so a slow upstream never holds back the answer of a container name. Plain
//! threads and blocking sockets, no async runtime: the work per query is microseconds, and the
//! number of threads is bounded (`MAX_FORWARDS`, `MAX_CONNECTIONS`).
use super::dns_server::{handle, Action};
use super::dns_zones::Zones;
use anyhow::Context;
use std::io::{ErrorKind, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How long one upstream resolver has to answer before the next is tried.
const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(2);
/// At most this many upstreams are tried per query.
const MAX_UPSTREAMS: usize = 3;
/// Queries being forwarded at once; past this, SERVFAIL at once (memory stays bounded).
const MAX_FORWARDS: usize = 128;
/// Open TCP connections at once; past this, new ones are closed.
const MAX_CONNECTIONS: usize = 64;
/// A TCP client silent for this long is disconnected.
const TCP_IDLE: Duration = Duration::from_secs(10);
/// The largest UDP query read (EDNS clients send up to 4096).
const UDP_BUF: usize = 4096;

/// The bound sockets (bind first, report ready, then serve).
pub struct Sockets {
    udp: Vec<UdpSocket>,
    tcp: Vec<TcpListener>,
}

impl Sockets {
    /// Binds `port` on [::] and 0.0.0.0, UDP and TCP. The IPv6 socket is dual-stack where the
    /// namespace allows (`bindv6only` 0, the default), and then the IPv4 bind fails with
    /// EADDRINUSE because [::] already holds IPv4 too; without IPv6, IPv4 alone serves.
    pub fn bind(port: u16) -> anyhow::Result<Sockets> {
        let v6 = SocketAddr::from((Ipv6Addr::UNSPECIFIED, port));
        let v4 = SocketAddr::from((Ipv4Addr::UNSPECIFIED, port));
        let mut s = Sockets {
            udp: Vec::new(),
            tcp: Vec::new(),
        };
        // IPv6 is optional: a namespace may have it disabled.
        if let (Ok(udp), Ok(tcp)) = (UdpSocket::bind(v6), TcpListener::bind(v6)) {
            s.udp.push(udp);
            s.tcp.push(tcp);
        }
        let dual = !s.udp.is_empty();
        match UdpSocket::bind(v4) {
            Ok(udp) => s.udp.push(udp),
            Err(e) if dual && e.kind() == ErrorKind::AddrInUse => {}
            Err(e) => return Err(e).with_context(|| format!("cannot bind UDP {v4}")),
        }
        match TcpListener::bind(v4) {
            Ok(tcp) => s.tcp.push(tcp),
            Err(e) if dual && e.kind() == ErrorKind::AddrInUse => {}
            Err(e) => return Err(e).with_context(|| format!("cannot bind TCP {v4}")),
        }
        Ok(s)
    }

    /// Serves `dir` on these sockets from threads of their own; returns once they run.
    pub fn serve(self, dir: &std::path::Path) -> anyhow::Result<()> {
        let shared = Arc::new(Shared {
            zones: Mutex::new(Zones::new(dir)),
            forwards: Arc::new(AtomicUsize::new(0)),
            connections: Arc::new(AtomicUsize::new(0)),
        });
        for sock in self.udp {
            let sh = shared.clone();
            std::thread::Builder::new()
                .name("dns-udp".into())
                .spawn(move || udp_loop(&sh, sock))
                .context("cannot start a thread")?;
        }
        for listener in self.tcp {
            let sh = shared.clone();
            std::thread::Builder::new()
                .name("dns-tcp".into())
                .spawn(move || tcp_loop(&sh, listener))
                .context("cannot start a thread")?;
        }
        Ok(())
    }
}

struct Shared {
    zones: Mutex<Zones>,
    forwards: Arc<AtomicUsize>,
    connections: Arc<AtomicUsize>,
}

impl Shared {
    fn decide(&self, packet: &[u8], source: IpAddr, udp: bool) -> Action {
        let mut zones = self.zones.lock().unwrap_or_else(PoisonError::into_inner);
        handle(&mut zones, packet, source, udp)
    }
}

/// A slot of a bounded counter, taken before a thread is started and given back on drop (when
/// the thread ends, or at once if it could not start).
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(counter: &Arc<AtomicUsize>, max: usize) -> Option<Slot> {
        let prev = counter.fetch_add(1, Ordering::AcqRel);
        let slot = Slot(counter.clone());
        (prev < max).then_some(slot)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

fn udp_loop(shared: &Arc<Shared>, sock: UdpSocket) {
    let mut buf = vec![0u8; UDP_BUF];
    loop {
        let (n, peer) = match sock.recv_from(&mut buf) {
            Ok(x) => x,
            // ICMP errors of earlier sends and the like: the socket is still good.
            Err(_) => continue,
        };
        let packet = &buf[..n];
        match shared.decide(packet, peer.ip(), true) {
            Action::Reply(bytes) => {
                let _ = sock.send_to(&bytes, peer);
            }
            Action::Forward { upstreams, fail } => {
                forward_udp_async(shared, &sock, packet.to_vec(), peer, upstreams, fail);
            }
            Action::Drop => {}
        }
    }
}

/// Relays a UDP query from a thread of its own, so the loop answers the next query at once.
fn forward_udp_async(
    shared: &Shared,
    sock: &UdpSocket,
    query: Vec<u8>,
    peer: SocketAddr,
    upstreams: Vec<IpAddr>,
    fail: Vec<u8>,
) {
    let Some(slot) = Slot::take(&shared.forwards, MAX_FORWARDS) else {
        let _ = sock.send_to(&fail, peer);
        return;
    };
    let Ok(reply_sock) = sock.try_clone() else {
        let _ = sock.send_to(&fail, peer);
        return;
    };
    let fallback = fail.clone();
    let spawned = std::thread::Builder::new()
        .name("dns-forward".into())
        .spawn(move || {
            let _slot = slot;
            let answer = ask_udp(&query, &upstreams);
            let _ = reply_sock.send_to(answer.as_deref().unwrap_or(&fail), peer);
        });
    if spawned.is_err() {
        let _ = sock.send_to(&fallback, peer);
    }
}

/// The first upstream's answer to `query` over UDP (same id, a response), or `None`.
fn ask_udp(query: &[u8], upstreams: &[IpAddr]) -> Option<Vec<u8>> {
    for up in upstreams.iter().take(MAX_UPSTREAMS) {
        let local: SocketAddr = match up {
            IpAddr::V4(_) => (Ipv4Addr::UNSPECIFIED, 0).into(),
            IpAddr::V6(_) => (Ipv6Addr::UNSPECIFIED, 0).into(),
        };
        let Ok(sock) = UdpSocket::bind(local) else {
            continue;
        };
        if sock.connect((*up, 53)).is_err() || sock.send(query).is_err() {
            continue;
        }
        let deadline = Instant::now() + UPSTREAM_TIMEOUT;
        let mut buf = vec![0u8; UDP_BUF];
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            if left.is_zero() || sock.set_read_timeout(Some(left)).is_err() {
                break;
            }
            match sock.recv(&mut buf) {
                Ok(n) if answers(query, &buf[..n]) => {
                    buf.truncate(n);
                    return Some(buf);
                }
                Ok(_) => continue,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(_) => break,
            }
        }
    }
    None
}

/// Whether `reply` is a response carrying the id of `query`.
fn answers(query: &[u8], reply: &[u8]) -> bool {
    reply.len() >= 12 && query.len() >= 2 && reply[..2] == query[..2] && reply[2] & 0x80 != 0
}

fn tcp_loop(shared: &Arc<Shared>, listener: TcpListener) {
    loop {
        let Ok((stream, peer)) = listener.accept() else {
            // EMFILE and the like: back off a little rather than spin.
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        // Past the limit the stream is dropped: the client sees the connection closed.
        let Some(slot) = Slot::take(&shared.connections, MAX_CONNECTIONS) else {
            continue;
        };
        let sh = shared.clone();
        let _ = std::thread::Builder::new()
            .name("dns-conn".into())
            .spawn(move || {
                let _slot = slot;
                tcp_connection(&sh, stream, peer.ip());
            });
    }
}

/// Serves the queries of one TCP connection (each framed by a 2-byte length) until the client
/// closes it, sends garbage framing, or stays silent for `TCP_IDLE`.
fn tcp_connection(shared: &Shared, mut stream: TcpStream, source: IpAddr) {
    if stream.set_read_timeout(Some(TCP_IDLE)).is_err()
        || stream.set_write_timeout(Some(TCP_IDLE)).is_err()
    {
        return;
    }
    let _ = stream.set_nodelay(true);
    while let Some(query) = read_framed(&mut stream) {
        let reply = match shared.decide(&query, source, false) {
            Action::Reply(bytes) => bytes,
            Action::Forward { upstreams, fail } => ask_tcp(&query, &upstreams).unwrap_or(fail),
            Action::Drop => continue,
        };
        if write_framed(&mut stream, &reply).is_err() {
            return;
        }
    }
}

/// One length-framed DNS message; `None` at EOF, on a timeout or an empty frame.
fn read_framed(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut len = [0u8; 2];
    stream.read_exact(&mut len).ok()?;
    let len = usize::from(u16::from_be_bytes(len));
    if len == 0 {
        return None;
    }
    let mut buf = vec![0u8; len];
    stream.read_exact(&mut buf).ok()?;
    Some(buf)
}

fn write_framed(stream: &mut TcpStream, msg: &[u8]) -> std::io::Result<()> {
    let len = u16::try_from(msg.len()).map_err(|_| ErrorKind::InvalidData)?;
    let mut out = Vec::with_capacity(msg.len() + 2);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(msg);
    stream.write_all(&out)
}

/// The first upstream's answer to `query` over TCP, or `None`.
fn ask_tcp(query: &[u8], upstreams: &[IpAddr]) -> Option<Vec<u8>> {
    for up in upstreams.iter().take(MAX_UPSTREAMS) {
        let addr = SocketAddr::new(*up, 53);
        let Ok(mut s) = TcpStream::connect_timeout(&addr, UPSTREAM_TIMEOUT) else {
            continue;
        };
        if s.set_read_timeout(Some(UPSTREAM_TIMEOUT)).is_err()
            || s.set_write_timeout(Some(UPSTREAM_TIMEOUT)).is_err()
            || write_framed(&mut s, query).is_err()
        {
            continue;
        }
        if let Some(reply) = read_framed(&mut s).filter(|r| answers(query, r)) {
            return Some(reply);
        }
    }
    None
}
