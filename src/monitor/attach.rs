//! The attach socket a monitor serves: `skiff attach` connects to it to see the container's
//! output live and to type into its stdin (or terminal). Frames both ways are
//! `[kind: u8][len: u32 big-endian][payload]`.
use anyhow::{Context, Result};
use nix::sys::socket::{
    accept4, bind, socket, AddressFamily, Backlog, SockFlag, SockType, UnixAddr,
};
use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::path::Path;

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

pub(crate) struct Server {
    listener: OwnedFd,
    clients: Vec<UnixStream>,
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
    pub(crate) fn clients(&self) -> impl Iterator<Item = BorrowedFd<'_>> {
        self.clients.iter().map(|c| c.as_fd())
    }
    pub(crate) fn client_count(&self) -> usize {
        self.clients.len()
    }

    /// A client connected before the container started (`run -it`'s CLI, through a socket
    /// pair): it sees the output from the first byte.
    pub(crate) fn add(&mut self, client: OwnedFd) {
        self.clients.push(UnixStream::from(client));
    }

    pub(crate) fn accept(&mut self) {
        if let Ok(fd) = accept4(self.listener.as_raw_fd(), SockFlag::SOCK_CLOEXEC) {
            // SAFETY: accept4 returned a new descriptor that nothing else owns.
            let s = unsafe { <UnixStream as std::os::fd::FromRawFd>::from_raw_fd(fd) };
            self.clients.push(s);
        }
    }

    /// Sends output to every client; one that cannot keep up (or is gone) is dropped rather than
    /// stalling the container's log.
    pub(crate) fn broadcast(&mut self, kind: u8, data: &[u8]) {
        let f = frame(kind, data);
        self.clients.retain_mut(|c| {
            let _ = c.set_nonblocking(true);
            c.write_all(&f).is_ok()
        });
    }

    /// Reads what client `i` sent; None when it is gone (then removed).
    pub(crate) fn read(&mut self, i: usize) -> Option<Input> {
        let c = &mut self.clients[i];
        let _ = c.set_nonblocking(false);
        let msg = match read_frame(c) {
            Ok(Some(m)) => m,
            _ => {
                self.clients.remove(i);
                return None;
            }
        };
        Some(match msg {
            (RESIZE, d) if d.len() == 4 => Input::Resize(
                u16::from_be_bytes([d[0], d[1]]),
                u16::from_be_bytes([d[2], d[3]]),
            ),
            (STDIN_EOF, _) => Input::Eof,
            (_, d) => Input::Data(d),
        })
    }
}
