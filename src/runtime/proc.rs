//! Processes: identity (pid + start time), names, and the only ways the runtime makes a process.
//!
//! Every fork or clone in `runtime` goes through a [`SingleThreaded`] proof, which only
//! [`single_threaded`] makes, after reading the thread count from /proc. Forking a process that
//! has other threads copies their locks (the allocator's, stdio's...) held, and the child,
//! which runs ordinary Rust until its execve, could deadlock on the first one: the check makes
//! that a clear error instead of a hang that happens once in a thousand starts.
use nix::unistd::ForkResult;
use std::ffi::CStr;
use std::marker::PhantomData;
use std::os::fd::AsFd;

/// A process named for the life of the machine: a pid alone may be reused after its process
/// ends, a pid with its start time never is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Identity {
    pub(crate) pid: i32,
    pub(crate) start: u64,
}

impl Identity {
    /// The identity of the live process `pid`, if it runs (not a zombie).
    pub(crate) fn of(pid: i32) -> Option<Identity> {
        start_time(pid).map(|start| Identity { pid, start })
    }

    /// True while this very process runs (not another one that got its pid).
    pub(crate) fn is_alive(&self) -> bool {
        self.pid > 0 && start_time(self.pid) == Some(self.start)
    }
}

/// Field 22 of /proc/PID/stat: the start time of a live process in clock ticks since boot; with
/// the pid it names one process for the life of the machine. None for a zombie, which has ended
/// (an orphan whose reaper is slow, such as the init of a container whose CLI was killed, must
/// not look like it still runs).
pub(crate) fn start_time(pid: i32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let mut rest = stat_fields(&s)?;
    if matches!(rest.next()?, "Z" | "X") {
        return None;
    }
    rest.nth(18)?.parse().ok()
}

/// The fields of a /proc/PID/stat line after the command name, state first. The name is in
/// parentheses and may itself hold spaces and parentheses, so the last `)` ends it.
fn stat_fields(s: &str) -> Option<std::str::SplitWhitespace<'_>> {
    Some(s.get(s.rfind(')')? + 1..)?.split_whitespace())
}

/// The user namespace holder's name (see `userns`).
pub(crate) const HOLDER_NAME: &CStr = c"skiff-userns";
/// exec's helper's name (see `tenant`); also its binary's name, so `ps` agrees with `ls`.
pub(crate) const ENTER_NAME: &CStr = c"skiff-enter";

/// Names the calling process (`prctl(PR_SET_NAME)`, what `ps` and /proc/PID/comm show), so a
/// long-lived process of ours does not show as a second `skiff` (the name survives fork).
/// Best effort: a name is for people, and no caller should fail for lack of one.
pub(crate) fn set_name(name: &CStr) {
    let _ = nix::sys::prctl::set_name(name);
}

/// Why the calling process may not fork.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ThreadError {
    /// It runs `threads` threads.
    #[error(
        "refusing to fork: skiff runs {0} threads, and a child forked from a multi-threaded \
         process can deadlock (a bug in skiff; please report it)"
    )]
    Threads(u64),
    /// /proc/self/stat could not be read or parsed, so the count is unknown.
    #[error("cannot count skiff's threads before forking (/proc/self/stat: {0})")]
    Unknown(std::io::Error),
}

impl ThreadError {
    /// An errno standing for the error, for a child that can only report a number.
    pub(crate) fn errno(&self) -> i32 {
        match self {
            // "resource deadlock would occur": what the check prevents.
            ThreadError::Threads(_) => libc::EDEADLK,
            ThreadError::Unknown(e) => e.raw_os_error().unwrap_or(libc::EIO),
        }
    }
}

/// Proof that the calling process had one thread when it was made: the only key to
/// [`SingleThreaded::fork`] and [`SingleThreaded::clone`]. Neither `Send` nor `Clone`, so it
/// cannot reach another thread or serve twice; whoever holds one must not start a thread before
/// using it.
#[derive(Debug)]
pub(crate) struct SingleThreaded(PhantomData<*const ()>);

/// Checks that the calling process runs a single thread (field 20 of /proc/self/stat): three
/// syscalls, no allocation (so a forked child may call it too). Fails if the count cannot be
/// read: an unknown count must not pass.
pub(crate) fn single_threaded() -> Result<SingleThreaded, ThreadError> {
    match thread_count().map_err(ThreadError::Unknown)? {
        1 => Ok(SingleThreaded(PhantomData)),
        n => Err(ThreadError::Threads(n)),
    }
}

/// The calling process's thread count, read into a stack buffer.
fn thread_count() -> std::io::Result<u64> {
    use rustix::fs::{Mode, OFlags};
    let fd = rustix::fs::open(
        c"/proc/self/stat",
        OFlags::RDONLY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    // A stat line is ~300 bytes: the name is at most 15, the 52 fields are numbers.
    let mut buf = [0u8; 1024];
    let mut len = 0;
    while len < buf.len() {
        match rustix::io::read(fd.as_fd(), &mut buf[len..]) {
            Ok(0) => break,
            Ok(n) => len += n,
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let bad = || std::io::Error::from_raw_os_error(libc::EINVAL);
    let text = std::str::from_utf8(&buf[..len]).map_err(|_| bad())?;
    // Field 20 (num_threads) is the 18th after the name.
    let field = stat_fields(text)
        .and_then(|mut f| f.nth(17))
        .ok_or_else(bad)?;
    field.parse().map_err(|_| bad())
}

/// fork(2) after the check: [`single_threaded`], then [`SingleThreaded::fork`].
pub(crate) fn fork() -> anyhow::Result<ForkResult> {
    Ok(single_threaded()?.fork()?)
}

impl SingleThreaded {
    /// fork(2) through libc (its atfork handlers run). The child goes on to execve or _exit.
    pub(crate) fn fork(self) -> nix::Result<ForkResult> {
        // SAFETY: this process has one thread (the proof), so no lock is held by a thread the
        // child would not have; the caller's child ends in execve or _exit.
        unsafe { nix::unistd::fork() }
    }

    /// A fork-like clone with `flags` (new namespaces, CLONE_PARENT: no CLONE_VM, no new
    /// stack, SIGCHLD to the parent at exit): 0 in the child, its pid in the parent, or the
    /// errno. clone3(2) where the kernel has it (5.3+) and no seccomp filter hides it; clone(2)
    /// otherwise, which cannot take CLONE_NEWTIME (its bit is the exit signal's there).
    pub(crate) fn clone(self, flags: libc::c_int) -> Result<i32, i32> {
        match clone3(flags, None) {
            Err(libc::ENOSYS) => clone2(flags),
            r => r,
        }
    }

    /// `clone`, with the child born in the cgroup v2 directory `cgroup` (CLONE_INTO_CGROUP,
    /// Linux 5.7+): moving a process between cgroups later waits for an RCU grace period
    /// (~11 ms here), being born there costs nothing. The bool says whether it was; where the
    /// kernel or a seccomp filter refuses, the clone is made without (the child then moves).
    pub(crate) fn clone_placed(
        self,
        flags: libc::c_int,
        cgroup: std::os::fd::BorrowedFd,
    ) -> Result<(i32, bool), i32> {
        use std::os::fd::AsRawFd;
        match clone3(flags, Some(cgroup.as_raw_fd())) {
            Ok(pid) => Ok((pid, true)),
            Err(_) => self.clone(flags).map(|pid| (pid, false)),
        }
    }
}

/// The errno of the last failed call.
fn errno() -> i32 {
    std::io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EINVAL)
}

/// Flags that make a clone no fork: shared memory or threads, or pointers (a pidfd, tids, a
/// tls) that these helpers do not pass.
const NOT_FORK_LIKE: libc::c_int = libc::CLONE_VM
    | libc::CLONE_THREAD
    | libc::CLONE_SIGHAND
    | libc::CLONE_SETTLS
    | libc::CLONE_PIDFD
    | libc::CLONE_PARENT_SETTID
    | libc::CLONE_CHILD_SETTID
    | libc::CLONE_CHILD_CLEARTID;

/// clone3(2) with fork semantics (see `SingleThreaded::clone`).
fn clone3(flags: libc::c_int, cgroup: Option<std::os::fd::RawFd>) -> Result<i32, i32> {
    if flags & NOT_FORK_LIKE != 0 {
        return Err(libc::EINVAL);
    }
    // SAFETY: clone_args is plain integers; all zero asks for no pidfd, no tid writes, no
    // stack (the child goes on on a copy of this one, as after fork) and no cgroup.
    let mut args: libc::clone_args = unsafe { std::mem::zeroed() };
    args.flags = flags as u32 as u64;
    if let Some(fd) = cgroup {
        // CLONE_INTO_CGROUP (0x200000000), a clone3-only flag; libc's constant is an i32.
        args.flags |= 0x2_0000_0000;
        args.cgroup = fd as u64;
    }
    // With CLONE_PARENT the kernel gives the child our own exit signal (SIGCHLD: we were
    // forked), as clone(2) does, and clone3 refuses to be told one (EINVAL).
    if flags & libc::CLONE_PARENT == 0 {
        args.exit_signal = libc::SIGCHLD as u64;
    }
    // `args` is a valid clone_args of the size given, read by the kernel during the call only,
    // with no pointers in it; without CLONE_VM (refused above) the child has its own copy of
    // this stack and memory, like after fork. Callers hold a `SingleThreaded` (the tests'
    // children only _exit), so the copy holds no lock taken by another thread.
    // SAFETY: as just said: fork semantics, from a single-threaded caller.
    let pid = unsafe {
        libc::syscall(
            libc::SYS_clone3,
            &mut args as *mut libc::clone_args,
            std::mem::size_of::<libc::clone_args>(),
        )
    };
    match pid {
        p if p < 0 => Err(errno()),
        p => Ok(p as i32),
    }
}

/// clone(2) with fork semantics, for kernels before 5.3 (see `SingleThreaded::clone`).
fn clone2(flags: libc::c_int) -> Result<i32, i32> {
    // The low byte is the exit signal for clone(2): a flag there (CLONE_NEWTIME) would
    // silently become part of the signal number.
    if flags & NOT_FORK_LIKE != 0 || flags & libc::CSIGNAL != 0 {
        return Err(libc::EINVAL);
    }
    // As in `clone3`: no CLONE_VM and no stack (0), so the child runs on its own copy of this
    // stack like after fork; no pointer-taking flag, and the tid and tls arguments are 0.
    // SAFETY: as just said: fork semantics, from a single-threaded caller.
    let pid = unsafe {
        libc::syscall(
            libc::SYS_clone,
            (flags | libc::SIGCHLD) as libc::c_ulong,
            0usize,
            0usize,
            0usize,
            0usize,
        )
    };
    match pid {
        p if p < 0 => Err(errno()),
        p => Ok(p as i32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::seccomp::tests::{in_child, set_nnp};
    use std::os::fd::AsRawFd;

    #[test]
    fn start_time_names_a_live_process() {
        let me = std::process::id() as i32;
        let id = Identity::of(me).expect("we run");
        assert!(id.is_alive());
        assert!(!Identity {
            pid: me,
            start: id.start + 1
        }
        .is_alive());
    }

    #[test]
    fn stat_fields_skip_a_name_with_parentheses() {
        let line = "42 (a) b) (c) S 1 42 42 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 3 0 99";
        let f = stat_fields(line).unwrap();
        assert_eq!(f.clone().next(), Some("S"));
        // num_threads (field 20), as `thread_count` reads it; starttime (22), as `start_time`.
        assert_eq!(f.clone().nth(17), Some("3"));
        assert_eq!(f.clone().nth(19), Some("99"));
    }

    /// The test harness runs a thread per test: the check must refuse here.
    #[test]
    fn check_refuses_with_threads() {
        let e = single_threaded().expect_err("the harness has threads");
        assert!(matches!(e, ThreadError::Threads(n) if n > 1), "{e}");
        assert!(e.to_string().starts_with("refusing to fork: skiff runs"));
        assert_eq!(e.errno(), libc::EDEADLK);
    }

    /// In a forked child (one thread): passes, refuses while a thread runs, passes once it is
    /// joined. glibc's fork resets its allocator's locks in the child, so spawning works there.
    #[test]
    fn check_follows_the_thread_count() {
        let code = in_child(|| {
            if single_threaded().is_err() {
                return 1;
            }
            let (tx, rx) = std::sync::mpsc::channel::<()>();
            let t = std::thread::spawn(move || rx.recv().ok());
            let refused = matches!(single_threaded(), Err(ThreadError::Threads(2)));
            drop(tx);
            let _ = t.join();
            match (refused, single_threaded().is_ok()) {
                (false, _) => 2,
                (true, false) => 3,
                (true, true) => 0,
            }
        });
        assert_eq!(code, 0);
    }

    /// Waits for `pid` (a child of the caller) with raw syscalls; its exit code.
    fn reap(pid: i32) -> i32 {
        let mut status = 0;
        // SAFETY: waits for our own child; `status` is a valid out-pointer.
        while unsafe { libc::waitpid(pid, &mut status, 0) } != pid {}
        libc::WEXITSTATUS(status)
    }

    #[test]
    fn clone3_and_clone_fork() {
        let fs: [fn(libc::c_int) -> Result<i32, i32>; 2] = [|f| clone3(f, None), clone2];
        for f in fs {
            let pid = f(0).expect("clone");
            if pid == 0 {
                // SAFETY: the child ends at once, touching nothing of the parent's state.
                unsafe { libc::_exit(7) };
            }
            assert_eq!(reap(pid), 7);
        }
        assert_eq!(clone2(libc::CLONE_NEWTIME), Err(libc::EINVAL));
        assert_eq!(clone3(libc::CLONE_VM, None), Err(libc::EINVAL));
    }

    /// A sibling made with CLONE_PARENT is the test process's child, as with clone(2).
    #[test]
    fn clone_parent_makes_a_sibling() {
        let fs: [fn(libc::c_int) -> Result<i32, i32>; 2] = [|f| clone3(f, None), clone2];
        for f in fs {
            let (r, w) = nix::unistd::pipe().unwrap();
            let code = in_child(|| match f(libc::CLONE_PARENT) {
                // SAFETY: the sibling ends at once.
                Ok(0) => unsafe { libc::_exit(4) },
                Ok(pid) => {
                    // SAFETY: writes 4 bytes from a live local to our pipe.
                    unsafe { libc::write(w.as_raw_fd(), (&pid as *const i32).cast(), 4) };
                    0
                }
                Err(e) => e,
            });
            assert_eq!(code, 0, "clone with CLONE_PARENT: errno {code}");
            let mut buf = [0u8; 4];
            assert_eq!(nix::unistd::read(&r, &mut buf), Ok(4));
            assert_eq!(reap(i32::from_ne_bytes(buf)), 4);
        }
    }

    /// Under a seccomp filter that answers clone3 with ENOSYS (old kernels; container engines'
    /// default profiles), `SingleThreaded::clone` falls back to clone.
    #[test]
    fn clone_falls_back_without_clone3() {
        let filter = enosys_for_clone3();
        let code = in_child(|| {
            let prog = libc::sock_fprog {
                len: filter.len() as u16,
                filter: filter.as_ptr() as *mut libc::sock_filter,
            };
            // SAFETY: installs a valid filter program that outlives the call.
            let ok = set_nnp()
                && unsafe { libc::prctl(libc::PR_SET_SECCOMP, libc::SECCOMP_MODE_FILTER, &prog) }
                    == 0;
            if !ok {
                return 1;
            }
            if clone3(0, None) != Err(libc::ENOSYS) {
                return 2;
            }
            match SingleThreaded(PhantomData).clone(0) {
                // SAFETY: the grandchild ends at once.
                Ok(0) => unsafe { libc::_exit(9) },
                Ok(pid) if reap(pid) == 9 => 0,
                _ => 3,
            }
        });
        assert_eq!(code, 0);
    }

    /// A filter: clone3 fails with ENOSYS, everything else is allowed.
    fn enosys_for_clone3() -> Vec<libc::sock_filter> {
        let stmt = |code: u32, k: u32| libc::sock_filter {
            code: code as u16,
            jt: 0,
            jf: 0,
            k,
        };
        let nr = std::mem::offset_of!(libc::seccomp_data, nr) as u32;
        vec![
            stmt(libc::BPF_LD | libc::BPF_W | libc::BPF_ABS, nr),
            libc::sock_filter {
                code: (libc::BPF_JMP | libc::BPF_JEQ | libc::BPF_K) as u16,
                jt: 0,
                jf: 1,
                k: libc::SYS_clone3 as u32,
            },
            stmt(
                libc::BPF_RET | libc::BPF_K,
                libc::SECCOMP_RET_ERRNO | libc::ENOSYS as u32,
            ),
            stmt(libc::BPF_RET | libc::BPF_K, libc::SECCOMP_RET_ALLOW),
        ]
    }
}
