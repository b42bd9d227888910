//! `skiff run`: create a container and run it in the foreground.
use crate::cli::context::Context;
use crate::cli::flags::create::CreateFlags;
use crate::cli::output::progress::Progress;
use crate::cli::output::report::warn;
use crate::engine::container::run;
use anyhow::Result;

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
    #[command(flatten)]
    pub(crate) flags: CreateFlags,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    let config = args.flags.config(args.rm)?;
    let mapping = ctx.userns()?;
    let paths = ctx.paths()?;
    let mode = match args.detach {
        true => run::Mode::Detached,
        false => run::Mode::Foreground,
    };
    let mut progress = Progress::new(args.flags.quiet);
    let image = args.flags.image(paths, mapping)?;
    let created = run::create(paths, mapping, config, image, &mut |e| progress.event(e));
    progress.finish();
    let created = created?;
    created.warnings.iter().for_each(|w| warn(w));
    match run::start(paths, created, mode)? {
        run::Outcome::Created(id) => {
            println!("{id}");
            Ok(0)
        }
        run::Outcome::Exited(code) => Ok(code),
    }
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
  - Image names are shown in full (docker.io/library/busybox, localhost/name), as podman does.
  - The default IPC mode is shareable, as with podman (Docker's is private), so --ipc \
container:NAME works with a container started without --ipc. --pid host is not supported.
  - exec enters a container through skiff-enter, run from a sealed in-memory copy (installed \
next to skiff; without it, exec fails with 125).";
