//! `skiff container start` (also `skiff start`): start a created or stopped container.
use crate::cli::context::Context;
use crate::cli::output::report;
use crate::cli::output::session::{self, End};
use crate::engine::container::select::{self, Selection};
use crate::engine::container::{attach, detach, lifecycle, record, start};
use anyhow::{bail, Result};
use std::io::IsTerminal;

/// Start one or more stopped containers
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Attach STDOUT/STDERR and forward signals
    #[arg(short = 'a', long)]
    pub(crate) attach: bool,
    /// Attach container's STDIN
    #[arg(short = 'i', long)]
    pub(crate) interactive: bool,
    /// Start all containers (podman's; -a is --attach, as in Docker)
    #[arg(long)]
    pub(crate) all: bool,
    /// Start the latest created container
    #[arg(short = 'l', long)]
    pub(crate) latest: bool,
    /// Start only the containers that match a filter (ps's KEY=VALUE)
    #[arg(short = 'f', long = "filter", value_name = "KEY=VALUE")]
    pub(crate) filters: Vec<String>,
    /// Override the key sequence for detaching a container (with -ai on a terminal)
    #[arg(
        long = "detach-keys",
        value_name = "KEYS",
        default_value = "ctrl-p,ctrl-q"
    )]
    pub(crate) detach_keys: String,
    /// Containers to start
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest", "filters"])]
    pub(crate) containers: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    ctx.userns()?;
    let paths = ctx.paths()?;
    let which = Selection {
        names: args.containers,
        all: args.all,
        latest: args.latest,
        filters: args.filters,
    };
    let keys = select::select(paths, &which, |_| true)?;
    if args.attach && keys.len() > 1 {
        bail!("you cannot start and attach multiple containers at once");
    }
    if !args.attach {
        return report::each(&keys, |c| {
            let rec = record::find(paths, c)?;
            if rec.live_status() != record::Status::Running {
                detach::start(paths, &rec.id)?;
            }
            Ok(c.to_string())
        });
    }
    let Some(key) = keys.first() else {
        return Ok(0);
    };
    let rec = record::find(paths, key)?;
    // -ai on a terminal with a container that has one: a session that can be detached from,
    // under the container's monitor (as `run -it`).
    let stopped = rec.live_status() != record::Status::Running;
    if stopped && args.interactive && rec.config.tty && std::io::stdin().is_terminal() {
        let keys = attach::detach_keys(&args.detach_keys)?;
        let sock = detach::start_attached(paths, &rec.id)?;
        return match session::relay(sock, true, true, &keys)? {
            End::Exited(code) => Ok(code),
            End::Detached => Ok(0),
            End::MonitorGone => lifecycle::wait(paths, &rec.id),
        };
    }
    start::run_foreground(
        paths,
        rec,
        None,
        &start::StartOptions {
            stdin: args.interactive,
            preserve_fds: 0,
        },
    )
}
