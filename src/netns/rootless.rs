//! The per-user rootless netns and the processes around it: the holder (`holder.rs`), one pasta
//! attached to it (the way out for every user network, with no masquerade: pasta proxies
//! whatever source address comes), `skiff-dns` inside it, and an nftables table that keeps the
//! bridges of different networks (and internal networks) apart. `$run/netns.json` names them
//! by pid and start time; `$run/netns.lock` serialises making, using and ending them.
//!
//! Made by the first container that needs it (`ensure`), ended when the last one leaves
//! (`stop`). A holder found dead (kill -9) is replaced with everything around it, so the next
//! container works (and `engine::network::bridge` plugs the running ones in again); a dead
//! `skiff-dns` is started again by the holder itself (`dns_keeper`), with no command needed.
use super::{dns_keeper, holder};
use crate::runtime::proc::Identity;
use crate::store::{self, Lock, Paths};
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The address pasta forwards DNS queries to the host's resolver on (as in `engine::network`).
pub(crate) const DNS_FORWARD: &str = "169.254.1.1";

/// What `$run/netns.json` keeps.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct State {
    pub(crate) holder: Identity,
    pub(crate) pasta: Option<Identity>,
    pub(crate) dns: Option<Identity>,
    /// The holder keeps `skiff-dns` running (`dns_keeper`): its identity is in
    /// `$run/netns-dns.json` (`dns` is what a command last saw). False for a holder started by
    /// an older skiff: its server is started by the commands that find it dead.
    pub(crate) dns_kept: bool,
    /// Bridges set up in this namespace (with their firewall rule).
    pub(crate) bridges: Vec<String>,
}

fn state_file(paths: &Paths) -> PathBuf {
    paths.run.join("netns.json")
}

/// Where the holder records the `skiff-dns` it keeps running.
fn dns_record(paths: &Paths) -> PathBuf {
    paths.run.join("netns-dns.json")
}

/// The DNS directory `skiff-dns` serves.
pub(crate) fn dns_dir(paths: &Paths) -> PathBuf {
    paths.run.join("dns")
}

/// The lock for the rootless netns, its leases and DNS files (last in the store's lock order).
pub(crate) fn lock(paths: &Paths) -> Result<Lock> {
    paths.ensure()?;
    Lock::exclusive(&paths.run.join("netns.lock"))
}

pub(crate) fn load(paths: &Paths) -> Option<State> {
    store::read_json::<State>(&state_file(paths)).ok().flatten()
}

fn save(paths: &Paths, s: &State) -> Result<()> {
    store::write_json_atomic(&state_file(paths), s, false)
}

/// The live rootless netns (it must exist: a container has just joined it).
pub(crate) fn open(paths: &Paths) -> Result<File> {
    let s = load(paths)
        .filter(|s| s.holder.is_alive())
        .context("the rootless network namespace is gone")?;
    open_ns(s.holder)
}

/// The network namespace of `holder`, checked to be that very process's after the open: a
/// pid checked only before could be another process's by then (the holder killed, its pid
/// reused), and the descriptor a namespace that is not the rootless one.
pub(crate) fn open_ns(holder: Identity) -> Result<File> {
    let ns = File::open(format!("/proc/{}/ns/net", holder.pid));
    match ns {
        Ok(ns) if holder.is_alive() => Ok(ns),
        Ok(_) => bail!("the rootless network namespace's holder died while it was opened"),
        Err(e) => Err(e).context("cannot open the rootless network namespace"),
    }
}

/// Whether `holder` still holds the live rootless netns: the one `netns.json` names, alive.
/// Asked under `lock`, it stays so until the lock is let go.
pub(crate) fn is_current(paths: &Paths, holder: Identity) -> bool {
    load(paths).is_some_and(|s| s.holder == holder) && holder.is_alive()
}

/// The rootless netns, made if needed, with its holder's state. Called under `lock`, by a
/// single-threaded process inside skiff's user namespace.
pub(crate) fn ensure(paths: &Paths) -> Result<(File, State)> {
    if let Some(s) = load(paths).filter(|s| s.holder.is_alive()) {
        // Killed between the check and the open, it is made again below.
        if let Ok(ns) = open_ns(s.holder) {
            let s = ensure_pasta(paths, &ns, s)?;
            return Ok((ns, s));
        }
    }
    // A holder killed: what was around it goes too, and the namespace is made again.
    stop_processes(paths);
    let launch = dns_launch(paths)?;
    let log = tmp_log(&paths.run)?;
    let (pid, dns) = holder::spawn(launch.as_ref(), Some(&log))?;
    let mut s = State {
        holder: Identity::of(pid).context("the rootless network namespace holder died at once")?,
        dns: dns.and_then(Identity::of),
        dns_kept: launch.is_some(),
        ..State::default()
    };
    save(paths, &s)?;
    let ns = open_ns(s.holder)?;
    firewall_base(paths, &ns)?;
    s = ensure_pasta(paths, &ns, s)?;
    Ok((ns, s))
}

fn ensure_pasta(paths: &Paths, ns: &File, mut s: State) -> Result<State> {
    if s.pasta.is_some_and(|p| p.is_alive()) {
        return Ok(s);
    }
    s.pasta = Some(start_pasta(paths, ns)?);
    save(paths, &s)?;
    Ok(s)
}

/// Records a bridge as set up.
pub(crate) fn add_bridge(paths: &Paths, mut s: State, name: &str) -> Result<State> {
    if !s.bridges.iter().any(|b| b == name) {
        s.bridges.push(name.into());
        save(paths, &s)?;
    }
    Ok(s)
}

fn nft() -> PathBuf {
    ["/usr/sbin/nft", "/sbin/nft", "/usr/bin/nft"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from("nft"))
}

/// The table whose forward chain each bridge adds its rule to (`isolate`).
fn firewall_base(paths: &Paths, ns: &File) -> Result<()> {
    let f = paths.run.join("netns.nft");
    // nft 1.0.6 wants the chain's spec on lines of their own.
    let rules = "table inet skiff {\n chain forward {\n  type filter hook forward priority 0\n  policy accept\n }\n}\n";
    std::fs::write(&f, rules).with_context(|| format!("cannot write {}", f.display()))?;
    let mut cmd = Command::new(nft());
    cmd.arg("-f").arg(&f);
    holder::run_in(ns, cmd).context(
        "cannot set up the firewall that keeps user networks apart (nft, package nftables)",
    )?;
    Ok(())
}

/// Keeps bridge `br` apart: nothing from it is forwarded to another network's bridge, and for
/// an internal network nothing is forwarded anywhere (no way out).
pub(crate) fn isolate(ns: &File, br: &str, internal: bool) -> Result<()> {
    let quoted = format!("\"{br}\"");
    let mut cmd = Command::new(nft());
    cmd.args([
        "add", "rule", "inet", "skiff", "forward", "iifname", &quoted,
    ]);
    if internal {
        cmd.args(["oifname", "!=", &quoted, "drop"]);
    } else {
        cmd.args(["oifname", "\"skbr*\"", "oifname", "!=", &quoted, "drop"]);
    }
    holder::run_in(ns, cmd).context("cannot add the network's firewall rule (nft)")?;
    if internal {
        // Nothing comes in from outside either.
        let mut cmd = Command::new(nft());
        cmd.args([
            "add", "rule", "inet", "skiff", "forward", "oifname", &quoted,
        ]);
        cmd.args(["iifname", "!=", &quoted, "drop"]);
        holder::run_in(ns, cmd).context("cannot add the network's firewall rule (nft)")?;
    }
    Ok(())
}

/// pasta in the background (its own daemon: no process of ours is its parent), attached to the
/// rootless netns; its pid file says which process it became.
fn start_pasta(paths: &Paths, ns: &File) -> Result<Identity> {
    let pidfile = paths.run.join("netns-pasta.pid");
    let _ = std::fs::remove_file(&pidfile);
    let log = tmp_log(&paths.run)?;
    let mut cmd = Command::new("pasta");
    cmd.args(["--config-net", "-q", "--netns", "/proc/self/fd/3", "-P"])
        .arg(&pidfile)
        .args(["-t", "none", "-u", "none", "-T", "none", "-U", "none"])
        .args(["--dns-forward", DNS_FORWARD])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log.try_clone()?);
    inherit(&mut cmd, vec![(ns.as_raw_fd(), 3)], false);
    let st = cmd
        .status()
        .context("cannot start pasta for user networks: install it (package passt)")?;
    if !st.success() {
        bail!(
            "pasta failed to give user networks a way out ({st}): {}",
            read_log(&log)
        );
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let pid = std::fs::read_to_string(&pidfile)
            .ok()
            .and_then(|s| s.trim().parse::<i32>().ok());
        if let Some(id) = pid.and_then(Identity::of) {
            return Ok(id);
        }
        if Instant::now() > deadline {
            bail!(
                "pasta for user networks did not write its pid file {}",
                pidfile.display()
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn tmp_log(dir: &Path) -> Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .mode(0o600)
        .custom_flags(libc::O_TMPFILE)
        .open(dir)
        .with_context(|| format!("cannot create a log file in {}", dir.display()))
}

pub(crate) fn read_log(mut f: &File) -> String {
    use std::io::{Read, Seek};
    let mut s = String::new();
    let _ = f.rewind();
    let _ = f.read_to_string(&mut s);
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.contains("to syslog"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Places `fds` at their numbers in the child (nothing else is inherited: ours are
/// close-on-exec); with `netns`, the child enters the first one's network namespace, and
/// starts its own session so it belongs to no terminal of ours.
fn inherit(cmd: &mut Command, fds: Vec<(i32, i32)>, enter_first: bool) {
    // SAFETY: the closure runs in the forked child before exec and only calls setsid, setns,
    // fcntl and dup2 on descriptors this process owns.
    unsafe {
        cmd.pre_exec(move || {
            libc::setsid();
            if enter_first {
                if let Some((fd, _)) = fds.first() {
                    if libc::setns(*fd, libc::CLONE_NEWNET) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                }
            }
            let mut high = Vec::with_capacity(fds.len());
            for (src, _) in &fds {
                let h = libc::fcntl(*src, libc::F_DUPFD_CLOEXEC, 100);
                if h < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                high.push(h);
            }
            for (h, (_, dst)) in high.iter().zip(&fds) {
                if libc::dup2(*h, *dst) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            Ok(())
        });
    }
}

/// The DNS server's binary, next to skiff's.
fn dns_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let p = exe.with_file_name("skiff-dns");
    p.is_file().then_some(p)
}

/// How the holder starts `skiff-dns` (None when the binary is not installed); its directory
/// is made here.
fn dns_launch(paths: &Paths) -> Result<Option<dns_keeper::Launch>> {
    let Some(bin) = dns_binary() else {
        return Ok(None);
    };
    let dir = dns_dir(paths);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let _ = std::fs::remove_file(dns_record(paths));
    Ok(Some(dns_keeper::Launch {
        bin,
        dir,
        record: dns_record(paths),
    }))
}

/// Makes sure `skiff-dns` serves in the rootless netns; returns whether names are served
/// (false when the binary is not installed). The holder restarts a dead one after a short
/// backoff: this waits for that, so names answer once the caller's container has joined.
pub(crate) fn ensure_dns(paths: &Paths, ns: &File, mut s: State) -> Result<(State, bool)> {
    if s.dns_kept {
        let deadline = Instant::now() + dns_keeper::READY_TIMEOUT * 2;
        loop {
            if let Some(id) = dns_keeper::current(&dns_record(paths)) {
                if s.dns != Some(id) {
                    s.dns = Some(id);
                    save(paths, &s)?;
                }
                return Ok((s, true));
            }
            if !s.holder.is_alive() || Instant::now() > deadline {
                bail!("skiff-dns is not running in the rootless network namespace and its holder did not start it again; remove the containers of user networks (skiff rm -f) so it is made anew");
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    if s.dns.is_some_and(|d| d.is_alive()) {
        return Ok((s, true));
    }
    let Some(bin) = dns_binary() else {
        return Ok((s, false));
    };
    let dir = dns_dir(paths);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
    let log = tmp_log(&paths.run)?;
    let mut cmd = Command::new(&bin);
    cmd.arg("--dir")
        .arg(&dir)
        .args(["--ready-fd", "4"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log.try_clone()?);
    inherit(
        &mut cmd,
        vec![(ns.as_raw_fd(), 3), (w.as_raw_fd(), 4)],
        true,
    );
    let mut child = cmd
        .spawn()
        .with_context(|| format!("cannot start {}", bin.display()))?;
    drop(w);
    let ready = dns_keeper::wait_byte(r, dns_keeper::READY_TIMEOUT);
    if !ready {
        let _ = child.kill();
        let _ = child.wait();
        bail!("skiff-dns did not start serving names: {}", read_log(&log));
    }
    s.dns = Identity::of(child.id() as i32);
    save(paths, &s)?;
    Ok((s, true))
}

/// Ends the holder, pasta and skiff-dns (each only if it is still the recorded process) and
/// forgets them; the namespace goes with its last user.
pub(crate) fn stop(paths: &Paths) {
    stop_processes(paths);
    let _ = std::fs::remove_file(state_file(paths));
    let _ = std::fs::remove_file(dns_record(paths));
    // pasta's pid file (its process is gone) and the rules file made for the namespace.
    let _ = std::fs::remove_file(paths.run.join("netns-pasta.pid"));
    let _ = std::fs::remove_file(paths.run.join("netns.nft"));
    if let Ok(rd) = std::fs::read_dir(dns_dir(paths)) {
        for e in rd.flatten() {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn stop_processes(paths: &Paths) {
    let Some(s) = load(paths) else {
        return;
    };
    // The holder first: it would start a killed skiff-dns again (which dies with it anyway).
    let kept = dns_keeper::current(&dns_record(paths));
    for p in [Some(s.holder), kept, s.dns, s.pasta].into_iter().flatten() {
        kill(p);
    }
}

/// SIGKILLs `p` through a pidfd if it is still that process.
pub(crate) fn kill(p: Identity) {
    // SAFETY: pidfd_open takes a pid and flags and returns a new descriptor or -1.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, p.pid, 0) };
    if fd < 0 {
        return;
    }
    // SAFETY: a descriptor pidfd_open just returned, owned by nothing else.
    let fd = unsafe { OwnedFd::from_raw_fd(fd as i32) };
    if !p.is_alive() {
        return;
    }
    // SAFETY: pidfd_send_signal on our pidfd, with no siginfo.
    unsafe {
        libc::syscall(
            libc::SYS_pidfd_send_signal,
            fd.as_raw_fd(),
            libc::SIGKILL,
            std::ptr::null::<libc::siginfo_t>(),
            0,
        )
    };
}
