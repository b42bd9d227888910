//! The sockets of `skiff-dns`: port 53 over UDP and TCP on every address (IPv4, and IPv6 when
//! the namespace has it), a thread per listening socket, and a thread per forwarded query or
//! TCP connection, so a slow upstream never holds back the answer of a container name. Plain
//! threads and blocking sockets, no async runtime: the work per query is microseconds, and the
//! number of threads is bounded (`MAX_FORWARDS`, `MAX_CONNECTIONS`).
use super::dns_server::{handle, Action};
use super::dns_zones::Zones;
use anyhow::Context;
use nix::sys::socket::{
    recvmsg, sendmsg, setsockopt, sockopt, ControlMessage, ControlMessageOwned, MsgFlags,
    SockaddrIn, SockaddrIn6, SockaddrStorage,
};
use std::io::{ErrorKind, IoSlice, IoSliceMut, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::os::fd::AsRawFd;
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
    /// Binds `port` on 0.0.0.0 (required) and [::] (IPv6-only sockets, skipped when the
    /// namespace has no IPv6), UDP and TCP. The UDP sockets report each query's destination
    /// address (`IP_PKTINFO`), which the answer is sent from.
    pub fn bind(port: u16) -> anyhow::Result<Sockets> {
        let v4 = SocketAddr::from((Ipv4Addr::UNSPECIFIED, port));
        let udp = UdpSocket::bind(v4).with_context(|| format!("cannot bind UDP {v4}"))?;
        setsockopt(&udp, sockopt::Ipv4PacketInfo, &true)
            .with_context(|| format!("cannot set IP_PKTINFO on UDP {v4}"))?;
        let tcp = TcpListener::bind(v4).with_context(|| format!("cannot bind TCP {v4}"))?;
        let mut s = Sockets {
            udp: vec![udp],
            tcp: vec![tcp],
        };
        if let Ok((udp, tcp)) = bind_v6(port) {
            s.udp.push(udp);
            s.tcp.push(tcp);
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

/// `[::]:port` as IPv6-only sockets, so they do not collide with the IPv4 ones.
fn bind_v6(port: u16) -> nix::Result<(UdpSocket, TcpListener)> {
    use nix::sys::socket::{bind, listen, socket, AddressFamily, Backlog, SockFlag, SockType};
    let addr = SockaddrIn6::from(std::net::SocketAddrV6::new(
        Ipv6Addr::UNSPECIFIED,
        port,
        0,
        0,
    ));
    let flags = SockFlag::SOCK_CLOEXEC;
    let udp = socket(AddressFamily::Inet6, SockType::Datagram, flags, None)?;
    setsockopt(&udp, sockopt::Ipv6V6Only, &true)?;
    setsockopt(&udp, sockopt::Ipv6RecvPacketInfo, &true)?;
    bind(udp.as_raw_fd(), &addr)?;
    let tcp = socket(AddressFamily::Inet6, SockType::Stream, flags, None)?;
    setsockopt(&tcp, sockopt::Ipv6V6Only, &true)?;
    setsockopt(&tcp, sockopt::ReuseAddr, &true)?;
    bind(tcp.as_raw_fd(), &addr)?;
    listen(&tcp, Backlog::new(128)?)?;
    Ok((UdpSocket::from(udp), TcpListener::from(tcp)))
}

/// The address a UDP query was sent to, and its interface. The answer must leave from that
/// address: the kernel would otherwise pick one by route (on a bridge with several addresses,
/// or for a client on the same host, another one), and a client that `connect()`ed its socket,
/// as musl and glibc do, drops an answer from an address it did not ask.
#[derive(Clone, Copy)]
enum Local {
    V4(libc::in_pktinfo),
    V6(libc::in6_pktinfo),
    Unknown,
}

/// One datagram: its length, its sender and where it was sent to.
fn recv_from(sock: &UdpSocket, buf: &mut [u8]) -> std::io::Result<(usize, SocketAddr, Local)> {
    let mut cmsg = nix::cmsg_space!(libc::in_pktinfo, libc::in6_pktinfo);
    let mut iov = [IoSliceMut::new(buf)];
    let msg = recvmsg::<SockaddrStorage>(
        sock.as_raw_fd(),
        &mut iov,
        Some(&mut cmsg),
        MsgFlags::empty(),
    )?;
    let peer = msg.address.and_then(|a| {
        a.as_sockaddr_in()
            .map(|v4| SocketAddr::V4((*v4).into()))
            .or_else(|| a.as_sockaddr_in6().map(|v6| SocketAddr::V6((*v6).into())))
    });
    let peer = peer.ok_or(ErrorKind::InvalidData)?;
    let mut local = Local::Unknown;
    for c in msg.cmsgs()? {
        match c {
            ControlMessageOwned::Ipv4PacketInfo(pi) => local = Local::V4(pi),
            ControlMessageOwned::Ipv6PacketInfo(pi) => local = Local::V6(pi),
            _ => {}
        }
    }
    Ok((msg.bytes, peer, local))
}

/// Sends `bytes` to `peer` from the address the query was sent to (a plain `send_to` when
/// that is unknown or refused, e.g. for a broadcast destination).
fn send_to(sock: &UdpSocket, bytes: &[u8], peer: SocketAddr, local: Local) {
    let iov = [IoSlice::new(bytes)];
    let fd = sock.as_raw_fd();
    let sent = match (peer, local) {
        (SocketAddr::V4(p), Local::V4(pi)) => {
            let out = libc::in_pktinfo {
                ipi_ifindex: 0,
                ipi_spec_dst: pi.ipi_addr,
                ipi_addr: pi.ipi_addr,
            };
            let cmsg = [ControlMessage::Ipv4PacketInfo(&out)];
            sendmsg(
                fd,
                &iov,
                &cmsg,
                MsgFlags::empty(),
                Some(&SockaddrIn::from(p)),
            )
        }
        (SocketAddr::V6(p), Local::V6(pi)) => {
            let cmsg = [ControlMessage::Ipv6PacketInfo(&pi)];
            sendmsg(
                fd,
                &iov,
                &cmsg,
                MsgFlags::empty(),
                Some(&SockaddrIn6::from(p)),
            )
        }
        _ => Err(nix::errno::Errno::EINVAL),
    };
    if sent.is_err() {
        let _ = sock.send_to(bytes, peer);
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
        let (n, peer, local) = match recv_from(&sock, &mut buf) {
            Ok(x) => x,
            // ICMP errors of earlier sends and the like: the socket is still good.
            Err(_) => continue,
        };
        let packet = &buf[..n];
        match shared.decide(packet, peer.ip(), true) {
            Action::Reply(bytes) => send_to(&sock, &bytes, peer, local),
            Action::Forward { upstreams, fail } => {
                let to = (peer, local);
                forward_udp_async(shared, &sock, packet.to_vec(), to, upstreams, fail);
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
    (peer, local): (SocketAddr, Local),
    upstreams: Vec<IpAddr>,
    fail: Vec<u8>,
) {
    let Some(slot) = Slot::take(&shared.forwards, MAX_FORWARDS) else {
        send_to(sock, &fail, peer, local);
        return;
    };
    let Ok(reply_sock) = sock.try_clone() else {
        send_to(sock, &fail, peer, local);
        return;
    };
    let fallback = fail.clone();
    let spawned = std::thread::Builder::new()
        .name("dns-forward".into())
        .spawn(move || {
            let _slot = slot;
            let answer = ask_udp(&query, &upstreams);
            let bytes = answer.as_deref().unwrap_or(&fail);
            send_to(&reply_sock, bytes, peer, local);
        });
    if spawned.is_err() {
        send_to(sock, &fallback, peer, local);
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
            // A response, or less than a header: no resolver's client; hang up.
            Action::Drop => return,
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
