//! Terminals for `-t`: the pty is made inside the container's own devpts (so `tty` names a
//! device that exists there) and its master is passed to the parent over a socket.
use anyhow::{bail, Context, Result};
use nix::sys::socket::{recvmsg, sendmsg, ControlMessage, ControlMessageOwned, MsgFlags};
use nix::sys::termios::{self, SetArg, Termios};
use std::io::{IoSlice, IoSliceMut};
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};

/// Child side: opens a pty pair, sends the master, waits for the parent's go (so the window
/// size is set before the command starts), and makes the slave its controlling terminal.
pub(crate) fn child_side(sock: &OwnedFd) -> Result<()> {
    use nix::fcntl::OFlag;
    let master = nix::pty::posix_openpt(OFlag::O_RDWR | OFlag::O_NOCTTY | OFlag::O_CLOEXEC)
        .context("cannot open /dev/ptmx")?;
    nix::pty::grantpt(&master)?;
    nix::pty::unlockpt(&master)?;
    let name = nix::pty::ptsname_r(&master).context("ptsname")?;
    let slave = nix::fcntl::open(
        name.as_str(),
        OFlag::O_RDWR | OFlag::O_NOCTTY,
        nix::sys::stat::Mode::empty(),
    )
    .with_context(|| format!("cannot open {name}"))?;
    send_fd(sock, &master).context("cannot pass the terminal to skiff")?;
    drop(master);
    let mut go = [0u8; 1];
    nix::unistd::read(sock, &mut go).context("waiting for the terminal size")?;
    // SAFETY: TIOCSCTTY takes an int argument; slave is a valid open tty fd.
    if unsafe { libc::ioctl(slave.as_raw_fd(), libc::TIOCSCTTY, 0) } < 0 {
        return Err(std::io::Error::last_os_error()).context("cannot set the controlling terminal");
    }
    nix::unistd::dup2_stdin(&slave)?;
    nix::unistd::dup2_stdout(&slave)?;
    nix::unistd::dup2_stderr(&slave)?;
    Ok(())
}

/// The socket pair a `-t` child passes its terminal over: (ours, the child's); none without.
pub(crate) fn channel(terminal: bool) -> Result<(Option<OwnedFd>, Option<OwnedFd>)> {
    if !terminal {
        return Ok((None, None));
    }
    use nix::sys::socket::{socketpair, AddressFamily, SockFlag, SockType};
    let (a, b) = socketpair(
        AddressFamily::Unix,
        SockType::SeqPacket,
        None,
        SockFlag::SOCK_CLOEXEC,
    )?;
    Ok((Some(a), Some(b)))
}

/// A connected pair of close-on-exec stream sockets (a go channel to a child).
pub(crate) fn stream_pair() -> Result<(OwnedFd, OwnedFd)> {
    use nix::sys::socket::{socketpair, AddressFamily, SockFlag, SockType};
    Ok(socketpair(
        AddressFamily::Unix,
        SockType::Stream,
        None,
        SockFlag::SOCK_CLOEXEC,
    )?)
}

/// Tells a child waiting on a socket to go on. MSG_NOSIGNAL: a child that has already failed
/// and exited must give EPIPE (its error is read from its error pipe), never a SIGPIPE that
/// kills the CLI with no message.
pub(crate) fn send_go(sock: &OwnedFd) {
    let _ = nix::sys::socket::send(sock.as_raw_fd(), b"g", MsgFlags::MSG_NOSIGNAL);
}

/// Parent side of `channel`: takes the container's terminal, gives it our window size, and
/// lets the child go on to exec.
pub(crate) fn take_master(sock: Option<&OwnedFd>) -> Result<Option<OwnedFd>> {
    let Some(sock) = sock else { return Ok(None) };
    let m = receive_master(sock)?;
    if let Some(m) = &m {
        copy_winsize(m);
        send_go(sock);
    }
    Ok(m)
}

/// Passes `fd` over the socket (SCM_RIGHTS), with one byte.
pub(crate) fn send_fd(sock: &OwnedFd, fd: &impl AsRawFd) -> nix::Result<usize> {
    let fds = [fd.as_raw_fd()];
    sendmsg::<()>(
        sock.as_raw_fd(),
        &[IoSlice::new(b"m")],
        &[ControlMessage::ScmRights(&fds)],
        MsgFlags::empty(),
        None,
    )
}

/// Parent side: receives the master fd (None if the child failed before sending it).
pub(crate) fn receive_master(sock: &OwnedFd) -> Result<Option<OwnedFd>> {
    receive_fd(sock).context("cannot receive the terminal")
}

/// Receives a descriptor sent with `send_fd` (None if the sender ended without sending).
pub(crate) fn receive_fd(sock: &OwnedFd) -> Result<Option<OwnedFd>> {
    let mut buf = [0u8; 1];
    let mut iov = [IoSliceMut::new(&mut buf)];
    let mut space = nix::cmsg_space!([std::os::fd::RawFd; 1]);
    let msg = recvmsg::<()>(
        sock.as_raw_fd(),
        &mut iov,
        Some(&mut space),
        MsgFlags::MSG_CMSG_CLOEXEC,
    )?;
    for c in msg.cmsgs()? {
        if let ControlMessageOwned::ScmRights(fds) = c {
            if let Some(fd) = fds.first() {
                // SAFETY: the kernel just installed this fd for us via SCM_RIGHTS.
                return Ok(Some(unsafe { OwnedFd::from_raw_fd(*fd) }));
            }
        }
    }
    if msg.bytes == 0 {
        return Ok(None);
    }
    bail!("no descriptor received")
}

/// The size of our terminal (rows, columns), if stdout or stdin is one.
pub(crate) fn terminal_size() -> Option<(u16, u16)> {
    // SAFETY: winsize is plain old data.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    for fd in [libc::STDOUT_FILENO, libc::STDIN_FILENO] {
        // SAFETY: TIOCGWINSZ writes a winsize into `ws`.
        if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } == 0 && ws.ws_row > 0 {
            return Some((ws.ws_row, ws.ws_col));
        }
    }
    None
}

/// Copies the window size of our terminal (stdout or stdin) to the container's.
pub(crate) fn copy_winsize(master: &OwnedFd) {
    // SAFETY: winsize is plain old data.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    for fd in [libc::STDOUT_FILENO, libc::STDIN_FILENO] {
        // SAFETY: TIOCGWINSZ writes a winsize into `ws`.
        if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } == 0
            && ws.ws_row > 0
            && ws.ws_col > 0
        {
            // SAFETY: TIOCSWINSZ reads a valid winsize.
            unsafe { libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &ws) };
            return;
        }
    }
    // Not on a terminal (or one without a size): give the container the classic 24x80.
    ws.ws_row = 24;
    ws.ws_col = 80;
    // SAFETY: TIOCSWINSZ reads a valid winsize.
    unsafe { libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &ws) };
}

/// Puts our stdin terminal in raw mode for the life of the guard.
pub(crate) struct RawMode(Option<Termios>);

impl RawMode {
    pub(crate) fn enter() -> RawMode {
        let stdin = std::io::stdin();
        let Ok(orig) = termios::tcgetattr(stdin.as_fd()) else {
            return RawMode(None);
        };
        let mut raw = orig.clone();
        termios::cfmakeraw(&mut raw);
        if termios::tcsetattr(stdin.as_fd(), SetArg::TCSANOW, &raw).is_err() {
            return RawMode(None);
        }
        RawMode(Some(orig))
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        if let Some(t) = &self.0 {
            let _ = termios::tcsetattr(std::io::stdin().as_fd(), SetArg::TCSANOW, t);
        }
    }
}
