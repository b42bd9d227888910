//! An attach session on this terminal: the container's output as its monitor sends it, our
//! input to the container's stdin (or terminal) until EOF or the detach keys.
use crate::monitor::attach::{frame, read_frame, EXIT, RESIZE, STDERR, STDIN, STDIN_EOF, STDOUT};
use anyhow::Result;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use std::io::{IsTerminal, Write};
use std::os::fd::AsFd;
use std::os::unix::net::UnixStream;

/// How a session ended.
pub(crate) enum End {
    /// The container exited with this code.
    Exited(i32),
    /// The user typed the detach keys; the container runs on.
    Detached,
    /// The monitor went away without telling: the container's recorded exit is the answer.
    MonitorGone,
}

/// Relays until the container exits, the user detaches or the monitor goes. `tty`: the
/// container has a terminal, so ours goes raw and its size is sent; `stdin`: forward our input.
pub(crate) fn relay(mut sock: UnixStream, tty: bool, stdin: bool, keys: &[u8]) -> Result<End> {
    let input = std::io::stdin();
    let raw = (tty && stdin && input.is_terminal()).then(crate::runtime::RawMode::enter);
    if tty {
        send_size(&mut sock)?;
    }
    let mut stdin_open = stdin;
    let mut matched = 0;
    let mut buf = vec![0u8; 32 * 1024];
    let mut reader = sock.try_clone()?;
    loop {
        let mut fds = vec![PollFd::new(sock.as_fd(), PollFlags::POLLIN)];
        if stdin_open {
            fds.push(PollFd::new(input.as_fd(), PollFlags::POLLIN));
        }
        poll(&mut fds, PollTimeout::NONE)?;
        let ready: Vec<bool> = fds.iter().map(|f| f.any().unwrap_or(false)).collect();
        drop(fds);
        if ready[0] {
            match read_frame(&mut reader)? {
                Some((STDOUT, d)) => {
                    let mut o = std::io::stdout().lock();
                    o.write_all(&d)?;
                    o.flush()?;
                }
                Some((STDERR, d)) => std::io::stderr().write_all(&d)?,
                Some((EXIT, d)) => {
                    return Ok(End::Exited(
                        String::from_utf8_lossy(&d).parse().unwrap_or(0),
                    ))
                }
                Some(_) => {}
                None => return Ok(End::MonitorGone),
            }
        }
        if stdin_open && ready.get(1).copied().unwrap_or(false) {
            let n = nix::unistd::read(input.as_fd(), &mut buf).unwrap_or(0);
            if n == 0 {
                stdin_open = false;
                sock.write_all(&frame(STDIN_EOF, &[]))?;
                continue;
            }
            for &b in &buf[..n] {
                matched = if keys.get(matched) == Some(&b) {
                    matched + 1
                } else {
                    usize::from(keys.first() == Some(&b))
                };
                if !keys.is_empty() && matched == keys.len() {
                    // The terminal back to cooked mode first, so the line reads as one.
                    drop(raw);
                    eprintln!("\r\nread escape sequence");
                    return Ok(End::Detached);
                }
            }
            sock.write_all(&frame(STDIN, &buf[..n]))?;
        }
    }
}

/// Our terminal's size, for the container's terminal.
fn send_size(sock: &mut UnixStream) -> Result<()> {
    if let Some((rows, cols)) = crate::runtime::terminal_size() {
        let mut d = rows.to_be_bytes().to_vec();
        d.extend_from_slice(&cols.to_be_bytes());
        sock.write_all(&frame(RESIZE, &d))?;
    }
    Ok(())
}
