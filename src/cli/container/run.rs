//! `skiff run`: create a container and run it in the foreground.
use crate::cli::context::Context;
use crate::cli::flags::create::CreateFlags;
use crate::cli::output::progress::Progress;
use crate::cli::output::report::warn;
use crate::cli::output::session::{self, End};
use crate::engine::container::{attach, detach, lifecycle, run};
use crate::engine::spec::logging::LogDriver;
use crate::error::{coded, ENGINE};
use anyhow::{bail, Result};
use std::io::IsTerminal;

/// Create and run a new container from an image
#[derive(clap::Args, Debug)]
#[command(
    disable_help_flag = true,
    override_usage = "skiff run [OPTIONS] IMAGE [COMMAND] [ARG...]",
    after_long_help = DIFFERENCES
)]
pub(crate) struct Args {
    /// Automatically remove the container when it exits
    #[arg(long)]
    pub(crate) rm: bool,
    /// Run container in background and print container ID
    #[arg(short = 'd', long)]
    pub(crate) detach: bool,
    /// Pass N more file descriptors to the container, from 3 (podman's)
    #[arg(
        long = "preserve-fds",
        value_name = "N",
        default_value_t = 0,
        hide_default_value = true
    )]
    pub(crate) preserve_fds: u32,
    /// Override the key sequence for detaching a container (with -it)
    #[arg(
        long = "detach-keys",
        value_name = "KEYS",
        default_value = "ctrl-p,ctrl-q"
    )]
    pub(crate) detach_keys: String,
    #[command(flatten)]
    pub(crate) flags: CreateFlags,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    // -it: a terminal session with the container, as Docker's, which can be detached from
    // (the detach keys) and attached to again: the container runs under its monitor and this
    // command attaches to it. Checked first: nothing is created or pulled for a run that
    // cannot be one.
    let it = args.flags.interactive && args.flags.tty && !args.detach;
    if it && !std::io::stdin().is_terminal() {
        return Err(coded(ENGINE, "the input device is not a TTY"));
    }
    // (passthrough gives the container this terminal itself: no monitor, no session.)
    let passthrough = args.flags.logging.log()?.driver == LogDriver::Passthrough;
    let session = it && !passthrough;
    let keys = attach::detach_keys(&args.detach_keys)?;
    let mode = match args.detach {
        true if args.preserve_fds > 0 => bail!("--preserve-fds cannot be used with --detach: the descriptors are handed to a container that runs under this command"),
        true => {
            args.flags.logging.check_detached()?;
            run::Mode::Detached
        }
        false => run::Mode::Foreground {
            preserve_fds: preserved_fds(args.preserve_fds)?,
        },
    };
    let config = args.flags.config(args.rm)?;
    let mapping = ctx.userns()?;
    let paths = ctx.paths()?;
    let mut progress = Progress::new(args.flags.quiet);
    let image = args.flags.image(paths, mapping)?;
    let created = run::create(paths, mapping, config, image, &mut |e| progress.event(e));
    progress.finish();
    let created = created?;
    created.warnings.iter().for_each(|w| warn(w));
    if session && args.preserve_fds == 0 {
        let id = created.record.id.clone();
        let sock = detach::start_attached(paths, &id)?;
        return match session::relay(sock, true, true, &keys)? {
            End::Exited(code) => {
                if args.rm {
                    lifecycle::wait_removed(paths, &id, std::time::Duration::from_secs(10));
                }
                Ok(code)
            }
            End::Detached => Ok(0),
            End::MonitorGone => lifecycle::wait(paths, &id),
        };
    }
    match run::start(paths, created, mode)? {
        run::Outcome::Created(id) => {
            println!("{id}");
            Ok(0)
        }
        run::Outcome::Exited(code) => Ok(code),
    }
}

/// `--preserve-fds N`: 3 to 3+N-1 must be open, handed to us (podman's check): a number skiff
/// gave to a file of its own would hand that file to the container.
fn preserved_fds(n: u32) -> Result<u32> {
    for fd in 3..3 + n as i32 {
        // SAFETY: F_GETFD only reads the flags of a descriptor number, which may be closed.
        if unsafe { libc::fcntl(fd, libc::F_GETFD) } < 0 {
            bail!("file descriptor {fd} is not available: --preserve-fds {n} needs descriptors 3 to {} open for skiff", 2 + n);
        }
    }
    Ok(n)
}

/// The man page's note on where skiff differs from Docker on purpose.
const DIFFERENCES: &str = "Where skiff differs from Docker on purpose:

  - There is no daemon. A detached container (-d) is supervised by its own small monitor process, \
which applies --restart while it lives. Nothing restarts containers after a reboot or after their \
monitor is killed: start them again with `skiff start NAME` (from a login script or a systemd \
user unit, for example).
  - The default network is a private network namespace given outbound access by pasta (or \
slirp4netns when pasta is missing); published ports (-p) are forwarded by that helper. The \
container's resolv.conf names pasta's DNS forwarder (169.254.1.1), which relays to the host's \
resolver. A published UDP port answers clients that reach the host at its address (other \
machines, or the host's own address); from the host's loopback (127.0.0.1) the replies are lost \
with Debian 12's pasta and with slirp4netns.
  - Containers run in the user's namespace: uid 0 inside is the user outside, other uids map to \
the user's /etc/subuid range (without one, every file is owned by root inside, with a warning).
  - --userns (podman's) takes host (the default: skiff's own namespace) and keep-id[:uid=N,gid=N]; --uidmap/--gidmap take CONTAINER:HOST:SIZE with HOST an id of skiff's namespace (0 is you) and must map 0, since the store is yours only; auto, nomap, private, ns: and container: are refused. Such a container gets a user namespace of its own, and the image's layers are copied once per mapping with their owners shifted (kept beside the layer and reused), because the kernel does not let an unprivileged user idmap a mount of the store's file system. It cannot join another container's pid namespace yet.
  - Image names are shown in full (docker.io/library/busybox, localhost/name), as podman does.
  - The default IPC mode is shareable, as with podman (Docker's is private), so --ipc \
container:NAME works with a container started without --ipc. --pid host is not supported.
  - podman's run flags work as podman's, but for these: --sdnotify takes only ignore (skiff \
takes no part in systemd's notify protocol, and no process it starts gets NOTIFY_SOCKET); \
--preserve-fds cannot be used with -d; a --user uid the image does not know gets an /etc/passwd \
entry only with --passwd-entry (Docker's way; podman adds one by default); --tz copies the \
host's zone file into the container. A container --timeout ends is killed and exits with \
podman's code: -1 in inspect and ps, 255 from run.
  - --kernel-memory is accepted with Docker's deprecation warning and has no effect, as with \
Docker on cgroup v2.
  - RESOURCE LIMITS (-m, --memory-reservation, --memory-swap, --cpus, --cpu-shares, \
--cpu-period, --cpu-quota, --cpuset-cpus, --cpuset-mems, --pids-limit, --blkio-weight) need a \
cgroup the user may write: the container gets its own cgroup (skiff-ID) under the user's, in \
each hierarchy that has the controller (cgroup v1 hierarchies the user owns, or on cgroup v2 \
the nearest ancestor the user owns whose cgroup.subtree_control enables it), removed when it \
ends. Where there is none, a limit is refused with exit code 125 and never ignored (podman on \
cgroup v1 runs the container with no limit and a warning). systemd delegates a v2 subtree to \
every user session; elsewhere an administrator delegates, e.g. for cgroup v1: `mkdir \
/sys/fs/cgroup/memory/alice && chown alice /sys/fs/cgroup/memory/alice \
/sys/fs/cgroup/memory/alice/cgroup.procs /sys/fs/cgroup/memory/alice/tasks` (the same for cpu, \
pids, cpuset with its cpuset.cpus and cpuset.mems filled in) and the user's session placed \
in it (`echo PID > .../cgroup.procs`); for cgroup v2 the directory, cgroup.procs, \
cgroup.subtree_control and cgroup.threads are chowned and the controllers enabled in the \
parent's cgroup.subtree_control. skiff's ci/cgroups.sh does both. Under systemd, skiff \
does not yet ask the user manager for a transient scope over D-Bus as podman does: a login \
or ssh session's scope is not delegated, so run skiff inside one that is, e.g. `systemd-run \
--user --scope skiff run -m 512m ...`. A container without limits gets only its cgroup v2 \
directory where one is writable, which it is cloned into (CLONE_INTO_CGROUP: moving a process \
into a cgroup waits for an RCU grace period, ~10 ms): pause freezes it there and stats counts \
its tasks, CPU time and resident memory; it gets no cgroup v1 directory, so on a cgroup \
v1-only host it can be neither paused nor counted. --cgroups disabled gives the container no \
cgroup at all and refuses limits; enabled, no-conmon and split are accepted (skiff's monitor \
is never in the container's cgroup). --cgroup-parent PATH puts its cgroups under PATH: from \
each hierarchy's root when absolute, under skiff's own cgroup when relative, made if missing \
and left after it. Processes started by exec join the container's cgroups; skiff update \
changes the limits of a running container. --oom-score-adj can raise the container's score, \
not lower it below skiff's own. --ulimit NAME=SOFT[:HARD] (Docker's names, -1 unlimited) \
sets the container's rlimits without any cgroup; a hard limit above skiff's own is refused, \
since a rootless container cannot raise it.
  - Every run is logged, in podman's k8s-file format (a file of `TIME STREAM F|P TEXT` lines). \
--log-driver json-file is accepted, as podman does, and writes that same format (logs reads it; \
tools that parse Docker's JSON lines cannot). journald is not available (skiff does not use the \
systemd journal). passthrough (podman's) gives the container this command's stdio and keeps no \
log, so it cannot be used with -d. --log-opt tag= is stored and shown by inspect, and has no \
other effect: the k8s-file format has no field for it. --log-opt path= writes the log there \
(podman's); rm leaves that file.
  - run -it (stdin a terminal) runs the container under its monitor, as run -d does, and \
attaches this terminal to it: the detach keys (--detach-keys, ctrl-p,ctrl-q by default) leave it \
running, and `skiff attach` attaches again; run waits for the exit and returns its code (and \
with --rm, for the removal). --pidfile and --conmon-pidfile are podman's: the second gets the \
pid of the container's monitor (skiff's own process for a foreground run, which supervises \
the container itself); both files are written at each start and removed with the container.
  - Volumes and bind mounts (-v, --mount, --volumes-from, --tmpfs) work as Docker's, with \
these differences: z and Z are accepted and do nothing (no SELinux label can be set in a user \
namespace); U chowns the source to the container's user (podman's); O (podman's overlay \
mount) and --mount type=image are refused. Files a container writes into a volume or bind \
mount as uid N belong on the host to the subordinate id of N (uid 0: the user). A :ro mount is \
read-only for good: its flags are locked (the container then runs in a user namespace of its \
own, nested in skiff's and mapping every id to itself, which /proc/self/uid_map shows), so not \
even --privileged can remount it read-write. A volume made with -o type=tmpfs gives each container a tmpfs of \
its own. A build's RUN steps get no anonymous volumes for the image's VOLUMEs (BuildKit's \
behaviour: what RUN writes there stays in the layer).
  - exec enters a container through skiff-enter, run from a sealed in-memory copy (installed \
next to skiff; without it, exec fails with 125).";
