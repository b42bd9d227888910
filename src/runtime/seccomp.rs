//! seccomp: compile an OCI `LinuxSeccomp` into a classic-BPF program with libseccomp, cache the
//! program on disk, and install it in the container child with one raw syscall.
//!
//! Compiling Docker's default profile costs about 20 ms (libseccomp lays out ~370 rules for
//! three architectures, x86_64, x86 and x32, into ~1050 instructions); a cached program is one
//! 8 KiB file read.
//!
//! The cache key is the SHA-256 of the profile's canonical JSON (serde's serialisation of the
//! OCI struct, whose field order is fixed) prefixed with the cache format and the libseccomp
//! version, because a newer libseccomp knows more syscall names and so emits a different program.
//!
//! The cached file is the raw program, exactly what `seccomp_export_bpf` writes: an array of
//! `struct sock_filter` in host byte order (8 bytes each), so tools such as `seccomp-tools` or
//! `scmp_bpf_disasm` can read it.
use anyhow::{bail, Context, Result};
use libseccomp::{
    ScmpAction, ScmpArch, ScmpArgCompare, ScmpCompareOp, ScmpFilterContext, ScmpSyscall,
};
use oci_spec::runtime::{
    Arch, LinuxSeccomp, LinuxSeccompAction, LinuxSeccompArg, LinuxSeccompFilterFlag,
    LinuxSeccompOperator, LinuxSyscall,
};
use sha2::{Digest, Sha256};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Bumped whenever the compiler below changes what it emits for the same profile.
const CACHE_FORMAT: &str = "skiff-seccomp-bpf-v1";
/// The kernel refuses a seccomp program longer than this (`BPF_MAXINSNS`).
const MAX_INSNS: usize = 4096;
/// Classic BPF instruction class of a return (`BPF_RET`).
const BPF_RET: u16 = 0x06;
/// errno when a profile's `SCMP_ACT_ERRNO` rule names none (runc and crun do the same).
const DEFAULT_ERRNO: u32 = libc::EPERM as u32;

/// A compiled seccomp program, ready for [`install`]: the bytes `seccomp_export_bpf` wrote (an
/// array of `struct sock_filter` in host byte order, 8 bytes per instruction) plus the
/// `SECCOMP_FILTER_FLAG_*` bits from the profile's `flags`. Bytes rather than `sock_filter`s so
/// that a cache hit is one file read with no per-instruction conversion; the kernel copies the
/// program with `copy_from_user`, which needs no alignment. It owns its memory so that `install`
/// allocates nothing in the forked child.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Bpf {
    prog: Vec<u8>,
    flags: libc::c_ulong,
}

impl Bpf {
    /// Number of BPF instructions.
    pub(crate) fn len(&self) -> usize {
        self.prog.len() / 8
    }

    /// The program in `seccomp_export_bpf`'s format.
    #[cfg(test)]
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.prog
    }

    /// Takes a program in `seccomp_export_bpf`'s format; `None` when it cannot be a whole
    /// program (empty, torn, too long, or not ending in a return), so a damaged cache file is
    /// recompiled rather than installed. The kernel verifies the rest when it is installed.
    fn from_bytes(prog: Vec<u8>, flags: libc::c_ulong) -> Option<Bpf> {
        let n = prog.len();
        if n == 0 || n % 8 != 0 || n / 8 > MAX_INSNS {
            return None;
        }
        let code = u16::from_ne_bytes([prog[n - 8], prog[n - 7]]);
        (code & 0x07 == BPF_RET).then_some(Bpf { prog, flags })
    }
}

/// Compiles `s`, using `cache_dir/<key>.bpf` when present, where the key hashes the canonical
/// JSON of `s` (see the module doc). A miss compiles and stores the program atomically (temp
/// file + rename, mode 0600; `cache_dir` is created 0700 if missing). A cache that cannot be
/// written is skipped: the program is still returned.
pub(crate) fn prepare(s: &LinuxSeccomp, cache_dir: &Path) -> Result<Bpf> {
    let json = serde_json::to_vec(s).context("cannot serialise the seccomp profile")?;
    let flags = filter_flags(s)?;
    let key = cache_key(&json);
    if let Some(b) = load_cached(cache_dir, &key, flags) {
        return Ok(b);
    }
    let bpf = compile(s)?;
    // The cache only saves time: an unwritable cache dir must not stop the container.
    let _ = store_cached(cache_dir, &key, &bpf);
    Ok(bpf)
}

/// Like [`prepare`], for a caller that can name the profile more cheaply than by its JSON:
/// `key_input` must determine the profile completely (e.g. the embedded default profile's
/// bytes, the capability list, the arch and kernel version), and `make` is only called on a
/// miss. Profiles made here must carry no `flags` (they are not part of the cached program).
pub(crate) fn prepare_keyed(
    key_input: &[u8],
    cache_dir: &Path,
    make: impl FnOnce() -> Result<LinuxSeccomp>,
) -> Result<Bpf> {
    let key = cache_key(key_input);
    if let Some(b) = load_cached(cache_dir, &key, 0) {
        return Ok(b);
    }
    let s = make()?;
    if filter_flags(&s)? != 0 {
        bail!("internal error: a keyed seccomp profile carries flags; compile it with prepare");
    }
    let bpf = compile(&s)?;
    // As in `prepare`: a failed cache write costs time on the next run, nothing else.
    let _ = store_cached(cache_dir, &key, &bpf);
    Ok(bpf)
}

/// Installs `bpf` on the calling thread with one `seccomp(SECCOMP_SET_MODE_FILTER)` syscall,
/// falling back to `prctl(PR_SET_SECCOMP)` on kernels without `seccomp(2)` (before 3.17).
///
/// Meant for the forked child right before `execve`: it allocates nothing, takes no lock and
/// calls no libseccomp code, so it is async-signal-safe. The kernel accepts it only when
/// `no_new_privs` is set or the thread has CAP_SYS_ADMIN in its user namespace; the filter was
/// compiled with libseccomp's NNP attribute off, so the caller decides about NNP.
pub(crate) fn install(bpf: &Bpf) -> std::io::Result<()> {
    let len =
        u16::try_from(bpf.len()).map_err(|_| std::io::Error::from_raw_os_error(libc::EINVAL))?;
    // Only the kernel reads through this pointer (copy_from_user, no alignment needed); Rust
    // never dereferences it, so the byte buffer's alignment does not matter.
    let prog = libc::sock_fprog {
        len,
        filter: bpf.prog.as_ptr().cast::<libc::sock_filter>().cast_mut(),
    };
    // SAFETY: `prog` points at `bpf.prog`, `len` whole instructions long, which outlives the
    // call; the kernel only reads (copies) the program, and the flags are SECCOMP_FILTER_FLAG_*.
    let r = unsafe {
        libc::syscall(
            libc::SYS_seccomp,
            libc::SECCOMP_SET_MODE_FILTER,
            bpf.flags,
            &prog as *const libc::sock_fprog,
        )
    };
    if r == 0 {
        return Ok(());
    }
    let err = std::io::Error::last_os_error();
    if err.raw_os_error() != Some(libc::ENOSYS) || bpf.flags != 0 {
        return Err(err);
    }
    // SAFETY: as above; prctl(PR_SET_SECCOMP) takes the same program and cannot take flags,
    // which is why this path is only taken when there are none.
    let r = unsafe {
        libc::prctl(
            libc::PR_SET_SECCOMP,
            libc::SECCOMP_MODE_FILTER as libc::c_ulong,
            &prog as *const libc::sock_fprog,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Compiles `s` with libseccomp, without the cache.
pub(crate) fn compile(s: &LinuxSeccomp) -> Result<Bpf> {
    let flags = filter_flags(s)?;
    let default = action(s.default_action(), s.default_errno_ret())?;
    let mut ctx = ScmpFilterContext::new(default).context("cannot create a seccomp filter")?;
    // The runtime sets no_new_privs itself (or not, with `--security-opt no-new-privileges=false`);
    // libseccomp must not bake it into loading.
    ctx.set_ctl_nnp(false)
        .context("cannot clear the seccomp filter's no_new_privs attribute")?;
    for a in s.architectures().iter().flatten() {
        let arch = scmp_arch(*a)?;
        ctx.add_arch(arch)
            .with_context(|| format!("cannot add architecture {a} to the seccomp filter"))?;
    }
    for rule in s.syscalls().iter().flatten() {
        add_rule(&mut ctx, rule, default)?;
    }
    let mut bpf = export(&ctx)?;
    bpf.flags = flags;
    Ok(bpf)
}

fn add_rule(ctx: &mut ScmpFilterContext, rule: &LinuxSyscall, default: ScmpAction) -> Result<()> {
    let act = action(rule.action(), rule.errno_ret())?;
    // libseccomp refuses a rule whose action is the default one; it would change nothing.
    if act == default {
        return Ok(());
    }
    let conds = conditions(rule.args().as_deref().unwrap_or(&[]))?;
    for name in rule.names() {
        // A name this libseccomp does not know (a syscall newer than it) cannot be filtered by
        // number; Docker and runc skip it too, so the default action applies to it.
        let Ok(sc) = ScmpSyscall::from_name(name) else {
            continue;
        };
        for set in &conds {
            ctx.add_rule_conditional(act, sc, set).with_context(|| {
                format!("cannot add the seccomp rule for {name}; check its args in the profile")
            })?;
        }
    }
    Ok(())
}

/// The comparison sets for one rule, each becoming one libseccomp rule. Conditions on distinct
/// arguments are ANDed in one rule; libseccomp cannot AND two on the same argument, so then each
/// condition becomes its own rule (ORed), which is what runc does.
fn conditions(args: &[LinuxSeccompArg]) -> Result<Vec<Vec<ScmpArgCompare>>> {
    let cmps = args.iter().map(compare).collect::<Result<Vec<_>>>()?;
    let mut idx: Vec<usize> = args.iter().map(|a| a.index()).collect();
    idx.sort_unstable();
    idx.dedup();
    if idx.len() == args.len() {
        Ok(vec![cmps])
    } else {
        Ok(cmps.into_iter().map(|c| vec![c]).collect())
    }
}

fn compare(a: &LinuxSeccompArg) -> Result<ScmpArgCompare> {
    if a.index() > 5 {
        bail!(
            "seccomp profile compares syscall argument {}; only 0 to 5 exist",
            a.index()
        );
    }
    let (op, datum) = match a.op() {
        LinuxSeccompOperator::ScmpCmpNe => (ScmpCompareOp::NotEqual, a.value()),
        LinuxSeccompOperator::ScmpCmpLt => (ScmpCompareOp::Less, a.value()),
        LinuxSeccompOperator::ScmpCmpLe => (ScmpCompareOp::LessOrEqual, a.value()),
        LinuxSeccompOperator::ScmpCmpEq => (ScmpCompareOp::Equal, a.value()),
        LinuxSeccompOperator::ScmpCmpGe => (ScmpCompareOp::GreaterEqual, a.value()),
        LinuxSeccompOperator::ScmpCmpGt => (ScmpCompareOp::Greater, a.value()),
        // OCI: `value` is the mask, `valueTwo` what the masked argument must equal.
        LinuxSeccompOperator::ScmpCmpMaskedEq => (
            ScmpCompareOp::MaskedEqual(a.value()),
            a.value_two().unwrap_or(0),
        ),
    };
    Ok(ScmpArgCompare::new(a.index() as u32, op, datum))
}

fn action(a: LinuxSeccompAction, errno_ret: Option<u32>) -> Result<ScmpAction> {
    let ret = errno_ret.unwrap_or(DEFAULT_ERRNO);
    Ok(match a {
        LinuxSeccompAction::ScmpActKill | LinuxSeccompAction::ScmpActKillThread => {
            ScmpAction::KillThread
        }
        LinuxSeccompAction::ScmpActKillProcess => ScmpAction::KillProcess,
        LinuxSeccompAction::ScmpActTrap => ScmpAction::Trap,
        LinuxSeccompAction::ScmpActErrno => {
            if ret > 4095 {
                bail!("seccomp profile asks for errno {ret}; use a value from 1 to 4095");
            }
            ScmpAction::Errno(ret as i32)
        }
        LinuxSeccompAction::ScmpActTrace => ScmpAction::Trace(
            u16::try_from(ret)
                .with_context(|| format!("seccomp trace value {ret} is over 65535; lower it"))?,
        ),
        LinuxSeccompAction::ScmpActLog => ScmpAction::Log,
        LinuxSeccompAction::ScmpActAllow => ScmpAction::Allow,
        LinuxSeccompAction::ScmpActNotify => {
            bail!("skiff has no seccomp agent for SCMP_ACT_NOTIFY; remove it from the profile")
        }
    })
}

fn scmp_arch(a: Arch) -> Result<ScmpArch> {
    Ok(match a {
        Arch::ScmpArchNative => ScmpArch::Native,
        Arch::ScmpArchX86 => ScmpArch::X86,
        Arch::ScmpArchX86_64 => ScmpArch::X8664,
        Arch::ScmpArchX32 => ScmpArch::X32,
        Arch::ScmpArchArm => ScmpArch::Arm,
        Arch::ScmpArchAarch64 => ScmpArch::Aarch64,
        Arch::ScmpArchMips => ScmpArch::Mips,
        Arch::ScmpArchMips64 => ScmpArch::Mips64,
        Arch::ScmpArchMips64n32 => ScmpArch::Mips64N32,
        Arch::ScmpArchMipsel => ScmpArch::Mipsel,
        Arch::ScmpArchMipsel64 => ScmpArch::Mipsel64,
        Arch::ScmpArchMipsel64n32 => ScmpArch::Mipsel64N32,
        Arch::ScmpArchPpc => ScmpArch::Ppc,
        Arch::ScmpArchPpc64 => ScmpArch::Ppc64,
        Arch::ScmpArchPpc64le => ScmpArch::Ppc64Le,
        Arch::ScmpArchS390 => ScmpArch::S390,
        Arch::ScmpArchS390x => ScmpArch::S390X,
        Arch::ScmpArchParisc => ScmpArch::Parisc,
        Arch::ScmpArchParisc64 => ScmpArch::Parisc64,
        Arch::ScmpArchRiscv64 => ScmpArch::Riscv64,
        Arch::ScmpArchLoongarch64 => ScmpArch::Loongarch64,
        Arch::ScmpArchM68k => ScmpArch::M68k,
        Arch::ScmpArchSh => ScmpArch::Sh,
        Arch::ScmpArchSheb => ScmpArch::Sheb,
    })
}

fn filter_flags(s: &LinuxSeccomp) -> Result<libc::c_ulong> {
    let mut flags = 0;
    for f in s.flags().iter().flatten() {
        flags |= match f {
            LinuxSeccompFilterFlag::SeccompFilterFlagLog => libc::SECCOMP_FILTER_FLAG_LOG,
            LinuxSeccompFilterFlag::SeccompFilterFlagSpecAllow => {
                libc::SECCOMP_FILTER_FLAG_SPEC_ALLOW
            }
            // The child is single-threaded when it installs, so TSYNC changes nothing.
            LinuxSeccompFilterFlag::SeccompFilterFlagTsync => libc::SECCOMP_FILTER_FLAG_TSYNC,
            LinuxSeccompFilterFlag::SeccompFilterFlagWaitKillableRecv => {
                bail!(
                    "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV needs a seccomp agent, which skiff \
                     has not; remove it from the profile"
                )
            }
        };
    }
    Ok(flags)
}

/// Exports the filter through a memfd: libseccomp 2.5 can only write a program to an fd
/// (`seccomp_export_bpf_mem` is 2.6), and a pipe could fill up and block.
fn export(ctx: &ScmpFilterContext) -> Result<Bpf> {
    let fd = rustix::fs::memfd_create("skiff-seccomp", rustix::fs::MemfdFlags::CLOEXEC)
        .context("cannot create a memfd for the seccomp program")?;
    ctx.export_bpf(&fd)
        .context("libseccomp cannot generate the seccomp program")?;
    let mut f = File::from(fd);
    let mut b = Vec::new();
    f.seek(SeekFrom::Start(0))
        .and_then(|_| f.read_to_end(&mut b))
        .context("cannot read back the seccomp program")?;
    let n = b.len() / 8;
    match Bpf::from_bytes(b, 0) {
        Some(bpf) => Ok(bpf),
        None => bail!(
            "the seccomp program has {n} instructions, over the kernel's limit of \
             {MAX_INSNS}; shorten the profile"
        ),
    }
}

fn cache_key(input: &[u8]) -> String {
    let v = libseccomp::ScmpVersion::current()
        .map(|v| format!("{}.{}.{}", v.major, v.minor, v.micro))
        .unwrap_or_default();
    let mut h = Sha256::new();
    h.update(CACHE_FORMAT.as_bytes());
    h.update(b"\0libseccomp ");
    h.update(v.as_bytes());
    h.update(b"\0");
    h.update(input);
    hex::encode(h.finalize())
}

fn cache_path(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{key}.bpf"))
}

/// A cache miss is any failure to read a whole program: the caller just compiles again.
fn load_cached(dir: &Path, key: &str, flags: libc::c_ulong) -> Option<Bpf> {
    Bpf::from_bytes(std::fs::read(cache_path(dir, key)).ok()?, flags)
}

/// Writes the program atomically. The file is fsynced before the rename so that a crash cannot
/// leave a renamed but empty file; the directory is not, since losing the entry only costs a
/// recompile.
fn store_cached(dir: &Path, key: &str, bpf: &Bpf) -> Result<()> {
    crate::store::mkdir_private(dir)?;
    let tmp = dir.join(crate::store::tmp_name());
    let res = (|| -> std::io::Result<()> {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(&bpf.prog)?;
        f.sync_all()?;
        std::fs::rename(&tmp, cache_path(dir, key))
    })();
    if res.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    res.with_context(|| {
        format!(
            "cannot write the seccomp cache in {}; check that it is writable",
            dir.display()
        )
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use oci_spec::runtime::{LinuxSeccompArgBuilder, LinuxSeccompBuilder, LinuxSyscallBuilder};
    use std::os::unix::fs::PermissionsExt;

    /// Runs `f` in a forked child and returns its exit code. `f` must make raw syscalls only
    /// (no allocation, no locks): the test harness has other threads, whose locks the child
    /// would inherit held.
    pub(crate) fn in_child(f: impl FnOnce() -> i32) -> i32 {
        // SAFETY: the child runs `f`, which by contract only makes raw syscalls, then `_exit`s
        // without running destructors or atexit handlers.
        let pid = unsafe { libc::fork() };
        assert!(pid >= 0, "fork failed");
        if pid == 0 {
            let code = f();
            // SAFETY: ends the child at once; nothing of the parent's state is touched.
            unsafe { libc::_exit(code) };
        }
        let mut status = 0;
        loop {
            // SAFETY: waits for our own child; `status` is a valid out-pointer.
            let r = unsafe { libc::waitpid(pid, &mut status, 0) };
            if r == pid {
                break;
            }
            assert_eq!(
                std::io::Error::last_os_error().raw_os_error(),
                Some(libc::EINTR)
            );
        }
        assert!(libc::WIFEXITED(status), "child died: status {status:#x}");
        libc::WEXITSTATUS(status)
    }

    /// errno of the last failed call, read without allocating.
    pub(crate) fn errno() -> i32 {
        std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
    }

    /// Sets no_new_privs, which lets an unprivileged process install a filter.
    pub(crate) fn set_nnp() -> bool {
        // SAFETY: a plain prctl with integer arguments.
        unsafe { libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 }
    }

    fn rule(name: &str, action: LinuxSeccompAction, errno: Option<u32>) -> LinuxSyscall {
        let mut r = LinuxSyscallBuilder::default()
            .names(vec![name.to_string()])
            .action(action)
            .build()
            .unwrap();
        r.set_errno_ret(errno);
        r
    }

    /// Allows everything except keyctl (EPERM, the default errno), getppid (errno 77) and
    /// getpriority(123, ...) (EDOM, through an argument condition). It also names a syscall
    /// no libseccomp knows, which must be skipped.
    fn small_profile() -> LinuxSeccomp {
        let mut cond = rule(
            "getpriority",
            LinuxSeccompAction::ScmpActErrno,
            Some(libc::EDOM as u32),
        );
        cond.set_args(Some(vec![LinuxSeccompArgBuilder::default()
            .index(0usize)
            .value(123u64)
            .op(LinuxSeccompOperator::ScmpCmpEq)
            .build()
            .unwrap()]));
        LinuxSeccompBuilder::default()
            .default_action(LinuxSeccompAction::ScmpActAllow)
            .architectures(vec![Arch::ScmpArchNative])
            .syscalls(vec![
                rule("keyctl", LinuxSeccompAction::ScmpActErrno, None),
                rule("getppid", LinuxSeccompAction::ScmpActErrno, Some(77)),
                rule(
                    "no_such_syscall_skiff",
                    LinuxSeccompAction::ScmpActErrno,
                    None,
                ),
                rule("getpid", LinuxSeccompAction::ScmpActAllow, None),
                cond,
            ])
            .build()
            .unwrap()
    }

    #[test]
    fn small_profile_filters_in_a_child() {
        let bpf = compile(&small_profile()).unwrap();
        let code = in_child(|| {
            if !set_nnp() {
                return 10;
            }
            if install(&bpf).is_err() {
                return 11;
            }
            // SAFETY (all three): raw syscalls with integer arguments.
            // SAFETY: a raw syscall with integer arguments; it reads or writes no memory of ours.
            if unsafe { libc::syscall(libc::SYS_keyctl, 0, -3, 0) } != -1 || errno() != libc::EPERM
            {
                return 12;
            }
            // SAFETY: a raw syscall with integer arguments; it reads or writes no memory of ours.
            if unsafe { libc::syscall(libc::SYS_getppid) } != -1 || errno() != 77 {
                return 13;
            }
            // SAFETY: a raw syscall with integer arguments; it reads or writes no memory of ours.
            if unsafe { libc::syscall(libc::SYS_getpriority, 123, 0) } != -1
                || errno() != libc::EDOM
            {
                return 14;
            }
            // SAFETY: as above; the condition must not catch other arguments.
            if unsafe { libc::syscall(libc::SYS_getpriority, libc::PRIO_PROCESS, 0) } == -1 {
                return 15;
            }
            0
        });
        assert_eq!(code, 0);
    }

    #[test]
    fn install_without_nnp_or_cap_sys_admin_is_refused() {
        // SAFETY: geteuid has no arguments.
        if unsafe { libc::geteuid() } == 0 {
            return; // root may install without NNP; the refusal cannot be shown here.
        }
        let bpf = compile(&small_profile()).unwrap();
        let code = in_child(|| match install(&bpf) {
            Err(e) if e.raw_os_error() == Some(libc::EACCES) => 0,
            Err(_) => 1,
            Ok(()) => 2,
        });
        assert_eq!(code, 0);
    }

    #[test]
    fn cache_is_written_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("seccomp");
        let s = small_profile();
        let first = prepare(&s, &cache).unwrap();
        let files: Vec<_> = std::fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        let file = &files[0];
        assert_eq!(file.extension().unwrap(), "bpf");
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(file), 0o600);
        assert_eq!(mode(&cache), 0o700);
        assert_eq!(std::fs::read(file).unwrap(), first.as_bytes());

        // A hit must come from the file: plant a different (valid) program under the key.
        let other = compile(
            &LinuxSeccompBuilder::default()
                .default_action(LinuxSeccompAction::ScmpActAllow)
                .build()
                .unwrap(),
        )
        .unwrap();
        std::fs::write(file, other.as_bytes()).unwrap();
        assert_eq!(prepare(&s, &cache).unwrap().as_bytes(), other.as_bytes());

        // A torn file is a miss: recompiled and rewritten.
        std::fs::write(file, &first.as_bytes()[..13]).unwrap();
        assert_eq!(prepare(&s, &cache).unwrap().as_bytes(), first.as_bytes());
        assert_eq!(std::fs::read(file).unwrap(), first.as_bytes());
    }

    #[test]
    fn damaged_programs_are_rejected() {
        let good = compile(&small_profile()).unwrap().prog;
        let from = |b: &[u8]| Bpf::from_bytes(b.to_vec(), 0);
        assert!(from(&good).is_some());
        assert!(from(&[]).is_none());
        assert!(from(&good[..good.len() - 1]).is_none());
        // Torn right after an instruction that is not a return (libseccomp ends with several).
        let cut = good
            .chunks_exact(8)
            .rposition(|c| u16::from_ne_bytes([c[0], c[1]]) & 0x07 != BPF_RET)
            .unwrap();
        assert!(
            from(&good[..(cut + 1) * 8]).is_none(),
            "must end in a return"
        );
        assert!(from(&vec![6u8; 8 * (MAX_INSNS + 1)]).is_none());
    }

    #[test]
    fn notify_is_refused_with_advice() {
        let mut s = small_profile();
        s.set_default_action(LinuxSeccompAction::ScmpActNotify);
        let e = compile(&s).err().unwrap().to_string();
        assert!(e.contains("SCMP_ACT_NOTIFY"), "{e}");
    }
}
