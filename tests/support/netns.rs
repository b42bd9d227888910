//! A network namespace of the test's own (`unshare --map-root-user --net`, held by a `sleep`),
//! commands run inside it with `nsenter`, `skiff-dns` started there, and DNS queries sent from
//! a chosen source address by the probe's `dns` subcommand (the test process cannot enter a
//! user namespace itself: it has threads).
use hickory_proto::op::{Message, MessageType, OpCode, Query, ResponseCode};
use hickory_proto::rr::{Name, RecordType};
use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use std::process::{Child, Command, Output, Stdio};

pub struct Netns {
    holder: Child,
    pid: u32,
    servers: Vec<Child>,
    /// A private directory for the test's files (removed on drop).
    pub dir: tempfile::TempDir,
}

impl Netns {
    /// A new user + network namespace with `lo` up, after `setup` (shell) ran as its root.
    pub fn new(setup: &str) -> Netns {
        let dir = temp_dir();
        let mut cmd = Command::new("unshare");
        cmd.args(["--map-root-user", "--net"]);
        Netns::hold(cmd, setup, dir)
    }

    /// Another network namespace in the same user namespace as `self` (so a veth can join them).
    pub fn sibling(&self, setup: &str) -> Netns {
        let dir = temp_dir();
        let mut cmd = self.enter_user();
        cmd.args(["unshare", "--net"]);
        Netns::hold(cmd, setup, dir)
    }

    fn hold(mut cmd: Command, setup: &str, dir: tempfile::TempDir) -> Netns {
        let script = format!(
            "set -e; export PATH=\"$PATH:/usr/sbin:/sbin\"; ip link set lo up; {setup}\n\
             echo ready; exec sleep 600"
        );
        let mut holder = cmd
            .args(["sh", "-c", &script])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run unshare");
        let mut line = String::new();
        let mut out = BufReader::new(holder.stdout.take().expect("stdout"));
        let _ = out.read_line(&mut line);
        if line.trim() != "ready" {
            let mut err = String::new();
            let _ = holder
                .stderr
                .take()
                .expect("stderr")
                .read_to_string(&mut err);
            panic!("the namespace set-up failed: {line}{err}");
        }
        let pid = holder.id();
        Netns {
            holder,
            pid,
            servers: Vec::new(),
            dir,
        }
    }

    /// The pid that holds the namespaces (for `ip link ... netns PID`).
    pub fn pid(&self) -> u32 {
        self.pid
    }

    fn enter_user(&self) -> Command {
        let mut c = Command::new("nsenter");
        c.args(["-t", &self.pid.to_string(), "-U", "--preserve-credentials"]);
        c
    }

    /// A command that runs `program` inside the namespaces.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut c = Command::new("nsenter");
        c.args([
            "-t",
            &self.pid.to_string(),
            "-U",
            "-n",
            "--preserve-credentials",
        ])
        .arg(program);
        c
    }

    /// Runs a shell script inside; panics with its output unless it succeeds.
    pub fn sh(&self, script: &str) -> String {
        let out = self
            .command("sh")
            .args([
                "-c",
                &format!("export PATH=\"$PATH:/usr/sbin:/sbin\"; {script}"),
            ])
            .output()
            .expect("run nsenter");
        assert!(out.status.success(), "{script}: {}", dump(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Starts `skiff-dns --dir DIR --ready-fd 3` inside, with fd 3 on a pipe, and returns once
    /// it reported ready: one byte, then EOF (the fd closed). Index into `servers`.
    pub fn start_dns(&mut self, dns_dir: &Path) -> usize {
        use std::os::fd::AsRawFd;
        use std::os::unix::process::CommandExt;
        std::fs::create_dir_all(dns_dir).expect("dns dir");
        let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).expect("pipe");
        let w_fd = w.as_raw_fd();
        let mut cmd = self.command(dns_bin());
        cmd.arg("--dir").arg(dns_dir).args(["--ready-fd", "3"]);
        cmd.stderr(Stdio::piped());
        // SAFETY: dup2 is async-signal-safe; it only makes fd 3 a copy (without CLOEXEC) of
        // the pipe's write end, which stays open in the parent until the spawn returned.
        unsafe {
            cmd.pre_exec(move || {
                if libc::dup2(w_fd, 3) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("start skiff-dns");
        drop(w);
        self.servers.push(child);
        // EOF comes when the server closes fd 3 or dies; a hung start fails after 30 s.
        let mut fds = [nix::poll::PollFd::new(
            std::os::fd::AsFd::as_fd(&r),
            nix::poll::PollFlags::POLLIN,
        )];
        let polled = nix::poll::poll(&mut fds, nix::poll::PollTimeout::from(30_000u16));
        assert_eq!(
            polled,
            Ok(1),
            "skiff-dns neither reported ready nor exited in 30 s"
        );
        let mut ready = Vec::new();
        let mut f = std::fs::File::from(r);
        let _ = f.read_to_end(&mut ready);
        if ready != b"1" {
            let mut child = self.servers.pop().expect("server");
            let _ = child.kill();
            let out = child.wait_with_output().expect("wait");
            panic!("skiff-dns did not report ready ({ready:?}): {}", dump(&out));
        }
        self.servers.len() - 1
    }

    /// The server started `n`th (to signal or wait for it).
    pub fn server(&mut self, n: usize) -> &mut Child {
        &mut self.servers[n]
    }

    /// Sends `queries` to `server`:53 from `from` ("-": any) over UDP or TCP (one connection);
    /// the replies in order, `None` for a timeout.
    pub fn ask(&self, tcp: bool, from: &str, server: &str, queries: &[Vec<u8>]) -> Vec<Reply> {
        let mut cmd = self.command(probe_path(self.dir.path()));
        cmd.args(["dns", if tcp { "tcp" } else { "udp" }, from, server]);
        cmd.args(queries.iter().map(hex::encode));
        let out = cmd.output().expect("run the probe");
        assert!(out.status.success(), "probe dns: {}", dump(&out));
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let replies: Vec<Reply> = text.lines().map(Reply::parse).collect();
        assert_eq!(replies.len(), queries.len(), "{text}");
        replies
    }

    /// One UDP query of `name` and `qtype` from `from` to `server`.
    pub fn lookup(&self, from: &str, server: &str, name: &str, qtype: RecordType) -> Reply {
        self.ask(false, from, server, &[query(name, qtype)])
            .pop()
            .expect("a reply")
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        for s in &mut self.servers {
            let _ = s.kill();
            let _ = s.wait();
        }
        let _ = self.holder.kill();
        let _ = self.holder.wait();
    }
}

/// A DNS reply as the tests compare it: its code and its answers' data as text, or what the
/// probe said instead (`timeout`, `closed`, or a reply that does not decode, as hex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Answer(ResponseCode, Vec<String>),
    Other(String),
}

impl Reply {
    fn parse(line: &str) -> Reply {
        let Ok(bytes) = hex::decode(line) else {
            return Reply::Other(line.to_string());
        };
        match Message::from_vec(&bytes) {
            Ok(m) => Reply::Answer(
                m.metadata.response_code,
                m.answers.iter().map(|r| r.data.to_string()).collect(),
            ),
            Err(_) => Reply::Other(line.to_string()),
        }
    }

    /// A NOERROR answer with these records.
    pub fn ok(data: &[&str]) -> Reply {
        Reply::Answer(
            ResponseCode::NoError,
            data.iter().map(|s| s.to_string()).collect(),
        )
    }

    /// An answer with `code` and no records.
    pub fn code(code: ResponseCode) -> Reply {
        Reply::Answer(code, Vec::new())
    }
}

/// A standard recursive query.
pub fn query(name: &str, qtype: RecordType) -> Vec<u8> {
    let mut m = Message::new(0x5a5a, MessageType::Query, OpCode::Query);
    m.metadata.recursion_desired = true;
    m.add_query(Query::query(Name::from_ascii(name).expect("name"), qtype));
    m.to_vec().expect("encode")
}

/// A directory for one namespace's files, named with the run's key so that other test
/// processes of this run leave it alone (`collect_stale`).
fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("dns-{}-", super::run_key()))
        .tempdir_in(super::base_dir())
        .expect("temp dir")
}

/// `skiff-dns` as built with the tests (nextest says where at run time, as for skiff).
pub fn dns_bin() -> PathBuf {
    ["NEXTEST_BIN_EXE_skiff-dns", "NEXTEST_BIN_EXE_skiff_dns"]
        .iter()
        .find_map(std::env::var_os)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_skiff-dns")))
}

/// The probe as a file in `dir` (the test user's, runnable inside the namespace).
fn probe_path(dir: &Path) -> PathBuf {
    let path = dir.join("probe");
    if !path.exists() {
        let bin = super::probe::probe_bin();
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, bin).expect("write the probe");
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        std::fs::rename(&tmp, &path).expect("rename the probe");
    }
    path
}

fn dump(out: &Output) -> String {
    format!(
        "{}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
