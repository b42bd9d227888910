//! `skiff container attach` (also `skiff attach`): the running container's output live, our input to its stdin or terminal.
use crate::cli::context::Context;
use crate::engine::container::{attach, lifecycle};
use crate::monitor::attach::{frame, read_frame, EXIT, RESIZE, STDERR, STDIN, STDIN_EOF, STDOUT};
use anyhow::Result;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use std::io::{IsTerminal, Write};
use std::os::fd::AsFd;

/// Attach local standard input, output, and error streams to a running container
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Override the key sequence for detaching a container
    #[arg(long = "detach-keys", default_value = "ctrl-p,ctrl-q")]
    pub detach_keys: String,
    /// Do not attach STDIN
    #[arg(long = "no-stdin")]
    pub no_stdin: bool,
    /// The container
    pub container: String,
}

pub fn run(ctx: &Context, args: Args) -> Result<i32> {
    let keys = attach::detach_keys(&args.detach_keys)?;
    let paths = ctx.paths()?;
    let (rec, mut sock) = attach::connect(paths, &args.container)?;
    let stdin = std::io::stdin();
    let _raw = (rec.options.tty && !args.no_stdin && stdin.is_terminal())
        .then(crate::runtime::RawMode::enter);
    if rec.options.tty {
        if let Some((rows, cols)) = crate::runtime::terminal_size() {
            let mut d = rows.to_be_bytes().to_vec();
            d.extend_from_slice(&cols.to_be_bytes());
            sock.write_all(&frame(RESIZE, &d))?;
        }
    }
    let mut stdin_open = !args.no_stdin;
    let mut matched = 0;
    let mut buf = vec![0u8; 32 * 1024];
    let mut reader = sock.try_clone()?;
    loop {
        let mut fds = vec![PollFd::new(sock.as_fd(), PollFlags::POLLIN)];
        if stdin_open {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
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
                Some((EXIT, d)) => return Ok(String::from_utf8_lossy(&d).parse().unwrap_or(0)),
                Some(_) => {}
                // The monitor is gone: its container's recorded exit is the answer.
                None => return lifecycle::wait(paths, &rec.id),
            }
        }
        if stdin_open && ready.get(1).copied().unwrap_or(false) {
            let n = nix::unistd::read(stdin.as_fd(), &mut buf).unwrap_or(0);
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
                    drop(_raw);
                    eprintln!("\r\nread escape sequence");
                    return Ok(0);
                }
            }
            sock.write_all(&frame(STDIN, &buf[..n]))?;
        }
    }
}
