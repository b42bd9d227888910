//! The attach socket a monitor serves: `skiff attach` connects to it to see the container's
//! output live and to type into its stdin (or terminal). Frames both ways are
//! `[kind: u8][len: u32 big-endian][payload]`.
use anyhow::{Context, Result};
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::socket::{
    accept4, bind, socket, AddressFamily, Backlog, SockFlag, SockType, UnixAddr,
};
use std::io::{ErrorKind, Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::{Duration, Instant};

pub(crate) const STDOUT: u8 = 1;
pub(crate) const STDERR: u8 = 2;
/// Monitor → client: the container exited; the payload is its exit code in decimal.
pub(crate) const EXIT: u8 = 3;
/// Client → monitor: bytes for the container's stdin or terminal.
pub(crate) const STDIN: u8 = 0;
/// Client → monitor: the terminal's size, rows then columns (u16 big-endian each).
pub(crate) const RESIZE: u8 = 4;
/// Client → monitor: no more stdin.
pub(crate) const STDIN_EOF: u8 = 5;

pub(crate) const SOCKET: &str = "attach.sock";

/// An address for `dir/attach.sock` that fits in sun_path however long `dir` is: the path goes
/// through our descriptor of the directory.
pub(crate) fn address(dir: &std::fs::File) -> Result<UnixAddr> {
    let p = format!("/proc/self/fd/{}/{SOCKET}", dir.as_raw_fd());
    Ok(UnixAddr::new(p.as_str())?)
}

pub(crate) fn frame(kind: u8, data: &[u8]) -> Vec<u8> {
    let mut f = Vec::with_capacity(data.len() + 5);
    f.push(kind);
    f.extend_from_slice(&(data.len() as u32).to_be_bytes());
    f.extend_from_slice(data);
    f
}

/// Reads one frame (blocking).
pub(crate) fn read_frame(r: &mut impl Read) -> std::io::Result<Option<(u8, Vec<u8>)>> {
    let mut head = [0u8; 5];
    match r.read_exact(&mut head) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = u32::from_be_bytes([head[1], head[2], head[3], head[4]]) as usize;
    let mut data = vec![0u8; len.min(1 << 20)];
    r.read_exact(&mut data)?;
    Ok(Some((head[0], data)))
}

/// Output queued for a client that reads slowly, beyond which the container's output is held
/// back (not read) until the client takes some: as with Docker, whose attach writes block, a
/// slow client slows the container but loses nothing. Below it, a client that falls behind for
/// a moment (a loaded machine) costs the container nothing.
pub(crate) const BACKLOG: usize = 256 * 1024;

/// A client that takes no output for this long while holding the container back is dropped:
/// a stuck `attach` (stopped with ctrl-z, say) must not stop the container for good.
pub(crate) const STALL: Duration = Duration::from_secs(10);

/// The most a frame from a client may carry (ours send at most 32 KiB).
const MAX_FRAME: usize = 1 << 20;

pub(crate) struct Server {
    listener: OwnedFd,
    clients: Vec<Client>,
}

/// One attached client. Its socket is nonblocking: output it cannot take yet waits in `out`,
/// and input is taken as it comes (a frame may arrive in pieces), so one client never blocks
/// the loop, the container or the other clients.
struct Client {
    sock: UnixStream,
    /// Frames not yet written.
    out: Vec<u8>,
    /// A frame (or frames) read in part.
    input: Vec<u8>,
    /// When it last took output, or when output began to wait for it.
    progress: Instant,
    /// Gone or dropped: removed by `sweep`, so the indexes of one poll stay valid until then.
    gone: bool,
}

impl Client {
    fn new(sock: UnixStream) -> Client {
        // Nonblocking from here on: no call on it may stall the monitor.
        let _ = sock.set_nonblocking(true);
        Client {
            sock,
            out: Vec::new(),
            input: Vec::new(),
            progress: Instant::now(),
            gone: false,
        }
    }

    /// Writes what waits, as much as the socket takes now.
    fn flush(&mut self) {
        let mut sent = 0;
        while sent < self.out.len() && !self.gone {
            match self.sock.write(&self.out[sent..]) {
                Ok(0) => self.gone = true,
                Ok(n) => sent += n,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(_) => self.gone = true,
            }
        }
        if sent > 0 {
            self.out.drain(..sent);
            self.progress = Instant::now();
        }
    }

    fn queue(&mut self, f: &[u8]) {
        if self.gone {
            return;
        }
        if self.out.is_empty() {
            self.progress = Instant::now();
        }
        self.out.extend_from_slice(f);
        self.flush();
    }

    /// Reads what the client sent; its complete frames.
    fn take_input(&mut self) -> Vec<Input> {
        let mut buf = [0u8; 16 * 1024];
        match self.sock.read(&mut buf) {
            Ok(0) => self.gone = true,
            Ok(n) => self.input.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::Interrupted) => {}
            Err(_) => self.gone = true,
        }
        let mut got = Vec::new();
        let mut used = 0;
        while let Some(head) = self.input.get(used..used + 5) {
            let len = u32::from_be_bytes([head[1], head[2], head[3], head[4]]) as usize;
            if len > MAX_FRAME {
                self.gone = true; // not our protocol
                break;
            }
            let Some(data) = self.input.get(used + 5..used + 5 + len) else {
                break;
            };
            got.push(match (head[0], data) {
                (RESIZE, d) if d.len() == 4 => Input::Resize(
                    u16::from_be_bytes([d[0], d[1]]),
                    u16::from_be_bytes([d[2], d[3]]),
                ),
                (STDIN_EOF, _) => Input::Eof,
                (_, d) => Input::Data(d.to_vec()),
            });
            used += 5 + len;
        }
        self.input.drain(..used);
        got
    }

    fn behind(&self) -> bool {
        !self.gone && self.out.len() >= BACKLOG
    }
}

/// What a client asked for.
pub(crate) enum Input {
    Data(Vec<u8>),
    Resize(u16, u16),
    Eof,
}

/// Binds `dir/attach.sock` (replacing a stale one) and listens on it.
pub(crate) fn listen(dir: &Path) -> Result<OwnedFd> {
    std::fs::create_dir_all(dir)?;
    let d = std::fs::File::open(dir)?;
    let _ = std::fs::remove_file(dir.join(SOCKET));
    let listener = socket(
        AddressFamily::Unix,
        SockType::Stream,
        SockFlag::SOCK_CLOEXEC | SockFlag::SOCK_NONBLOCK,
        None,
    )?;
    bind(listener.as_raw_fd(), &address(&d)?).context("cannot bind the attach socket")?;
    nix::sys::socket::listen(&listener, Backlog::new(8)?)?;
    Ok(listener)
}

impl Server {
    /// Serves clients that connect to `listener` (from `listen`).
    pub(crate) fn new(listener: OwnedFd) -> Server {
        Server {
            listener,
            clients: Vec::new(),
        }
    }

    pub(crate) fn listener(&self) -> BorrowedFd<'_> {
        self.listener.as_fd()
    }

    /// Each client's descriptor and what to poll it for: its input, and room for what waits.
    pub(crate) fn poll_fds(&self) -> impl Iterator<Item = PollFd<'_>> {
        self.clients.iter().map(|c| {
            let mut flags = PollFlags::POLLIN;
            if !c.out.is_empty() {
                flags |= PollFlags::POLLOUT;
            }
            PollFd::new(c.sock.as_fd(), flags)
        })
    }

    pub(crate) fn client_count(&self) -> usize {
        self.clients.len()
    }

    /// A client connected before the container started (`run -it`'s CLI, through a socket
    /// pair): it sees the output from the first byte.
    pub(crate) fn add(&mut self, client: OwnedFd) {
        self.clients.push(Client::new(UnixStream::from(client)));
    }

    pub(crate) fn accept(&mut self) {
        if let Ok(fd) = accept4(self.listener.as_raw_fd(), SockFlag::SOCK_CLOEXEC) {
            // SAFETY: accept4 returned a new descriptor that nothing else owns.
            let s = unsafe { <UnixStream as std::os::fd::FromRawFd>::from_raw_fd(fd) };
            self.clients.push(Client::new(s));
        }
    }

    /// Sends output to every client: what one cannot take now waits for it (see `BACKLOG`).
    /// Before, a client whose socket was full for a moment was dropped, and closing its
    /// socket with its input unread reset its connection ("connection reset by peer").
    pub(crate) fn broadcast(&mut self, kind: u8, data: &[u8]) {
        let f = frame(kind, data);
        for c in &mut self.clients {
            c.queue(&f);
        }
    }

    /// Client `i` (in `poll_fds` order, until the next `sweep`) polled ready: writes what
    /// waits for it and reads what it sent.
    pub(crate) fn serve(&mut self, i: usize) -> Vec<Input> {
        let c = &mut self.clients[i];
        c.flush();
        c.take_input()
    }

    /// True while a client has `BACKLOG` waiting: the container's output is not read meanwhile.
    pub(crate) fn held_back(&self) -> bool {
        self.clients.iter().any(Client::behind)
    }

    /// Drops the clients that are gone, and those that took nothing for `STALL` while holding
    /// the container back.
    pub(crate) fn sweep(&mut self) {
        for c in &mut self.clients {
            if c.behind() && c.progress.elapsed() >= STALL {
                c.gone = true;
            }
        }
        self.clients.retain(|c| !c.gone);
    }

    /// Before the monitor execs away (closing the clients): writes what waits, for up to
    /// `limit`, so a slow client still gets the last output and the exit code.
    pub(crate) fn drain(&mut self, limit: Duration) {
        let end = Instant::now() + limit;
        loop {
            self.clients.retain(|c| !c.gone && !c.out.is_empty());
            let left = end.saturating_duration_since(Instant::now());
            if self.clients.is_empty() || left.is_zero() {
                return;
            }
            let mut fds: Vec<PollFd> = self
                .clients
                .iter()
                .map(|c| PollFd::new(c.sock.as_fd(), PollFlags::POLLOUT))
                .collect();
            let timeout = PollTimeout::try_from(left).unwrap_or(PollTimeout::MAX);
            if matches!(poll(&mut fds, timeout), Err(e) if e != nix::errno::Errno::EINTR) {
                return;
            }
            drop(fds);
            for c in &mut self.clients {
                c.flush();
            }
        }
    }
}
