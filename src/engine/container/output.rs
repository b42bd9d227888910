//! A foreground container's output (`run` without -d, `start -a`): the CLI is its supervisor,
//! so it does what a monitor does for a detached one. The container writes to pipes (or its
//! terminal), and each chunk goes to the log and, for the streams `-a` attaches, to our own
//! stdout or stderr: every run is logged, attached or not, as Docker and podman do.
use super::record::Record;
use crate::engine::spec::logging::{Attach, LogDriver};
use crate::monitor::log::{LogWriter, Rotation};
use crate::runtime::ChildFds;
use crate::store::Paths;
use anyhow::Result;
use std::os::fd::{AsFd, OwnedFd};
use std::path::PathBuf;

/// Why a passthrough container cannot run detached (podman refuses it too): its stdio is
/// the caller's, and a detached container has no caller.
pub(crate) const PASSTHROUGH_DETACHED: &str = "the passthrough log driver gives the container \
this command's stdio, so it cannot run detached: run it in the foreground (without -d), or \
use --log-driver k8s-file";

/// The file `rec` logs to: `--log-opt path=`, else ctr.log in its directory.
pub(crate) fn log_path(paths: &Paths, rec: &Record) -> PathBuf {
    match &rec.config.log.path {
        Some(p) => p.clone(),
        None => paths.container(&rec.id).join("ctr.log"),
    }
}

/// `--log-opt max-size/max-file` for the writer.
pub(crate) fn rotation(rec: &Record) -> Rotation {
    Rotation {
        max_size: rec.config.log.max_size.unwrap_or(0),
        files: rec.config.log.files(),
    }
}

/// The log writer for a run of `rec` (None when its driver keeps no log).
pub(crate) fn writer(paths: &Paths, rec: &Record) -> Result<Option<LogWriter>> {
    if !rec.config.log.driver.keeps_log() {
        return Ok(None);
    }
    LogWriter::open(&log_path(paths, rec), rotation(rec)).map(Some)
}

/// Where a foreground run's output goes.
pub(crate) struct Relay {
    log: Option<LogWriter>,
    attach: Attach,
    /// Our stdout and stderr, until a write to them fails (a closed pipe: the container goes
    /// on, and so does its log).
    open: [bool; 2],
}

/// The container's side of the relay: what `Launch::fds` gets, and the read ends we keep.
pub(crate) struct Pipes {
    pub(crate) child: Option<ChildFds>,
    pub(crate) ours: Vec<(usize, OwnedFd)>,
}

impl Relay {
    pub(crate) fn new(paths: &Paths, rec: &Record) -> Result<Relay> {
        Ok(Relay {
            log: writer(paths, rec)?,
            attach: rec.config.attach,
            open: [true, true],
        })
    }

    /// Pipes for stdout and stderr (and our stdin for `-i`, given as is), unless the container
    /// has a terminal (read through its master) or the passthrough driver (our stdio is its).
    pub(crate) fn pipes(rec: &Record, stdin: bool) -> Result<Pipes> {
        let pass = rec.config.log.driver == LogDriver::Passthrough;
        if rec.config.tty || pass {
            return Ok(Pipes {
                child: None,
                ours: Vec::new(),
            });
        }
        let pipe = || nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC);
        let (out_r, out_w) = pipe()?;
        let (err_r, err_w) = pipe()?;
        let stdin = match stdin {
            true => Some(std::io::stdin().as_fd().try_clone_to_owned()?),
            false => None,
        };
        Ok(Pipes {
            child: Some(ChildFds {
                stdin,
                stdout: out_w,
                stderr: err_w,
            }),
            ours: vec![(0, out_r), (1, err_r)],
        })
    }

    /// One chunk of stream `s` (0 stdout or the terminal, 1 stderr).
    pub(crate) fn output(&mut self, s: usize, data: &[u8]) {
        if let Some(log) = &mut self.log {
            log.write(s, data);
        }
        if !self.attach.shows(s) || !self.open[s] {
            return;
        }
        let ok = match s {
            0 => crate::runtime::write_fd(std::io::stdout().as_fd(), data),
            _ => crate::runtime::write_fd(std::io::stderr().as_fd(), data),
        };
        self.open[s] = ok.is_ok();
    }

    /// Writes what is left of unterminated lines.
    pub(crate) fn finish(&mut self) {
        if let Some(log) = &mut self.log {
            log.flush();
        }
    }
}
