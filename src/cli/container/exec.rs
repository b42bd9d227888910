//! `skiff container exec` (also `skiff exec`): run a command in a running container.
use crate::cli::context::Context;
use crate::engine::container::exec::{self, ExecOptions};
use anyhow::Result;
use std::path::PathBuf;

/// Execute a command in a running container
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Keep STDIN open even if not attached
    #[arg(short = 'i', long)]
    pub(crate) interactive: bool,
    /// Allocate a pseudo-TTY
    #[arg(short = 't', long)]
    pub(crate) tty: bool,
    /// Detached mode: run command in the background
    #[arg(short = 'd', long)]
    pub(crate) detach: bool,
    /// Set environment variables
    #[arg(short = 'e', long = "env", value_name = "NAME=VALUE")]
    pub(crate) env: Vec<String>,
    /// Read in a file of environment variables
    #[arg(long = "env-file", value_name = "FILE")]
    pub(crate) env_file: Vec<PathBuf>,
    /// Username or UID (format: "<name|uid>[:<group|gid>]")
    #[arg(short = 'u', long)]
    pub(crate) user: Option<String>,
    /// Working directory inside the container
    #[arg(short = 'w', long)]
    pub(crate) workdir: Option<String>,
    /// Give extended privileges to the command
    #[arg(long)]
    pub(crate) privileged: bool,
    /// The container, then the command and its arguments
    // As `run`'s IMAGE: a '-' word before the container is an unknown flag, the rest is the command.
    #[arg(value_name = "CONTAINER COMMAND [ARG...]", required = true, num_args = 1.., trailing_var_arg = true)]
    pub(crate) container_and_command: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    ctx.userns()?;
    let paths = ctx.paths()?;
    let mut it = args.container_and_command.into_iter();
    let container = it.next().unwrap_or_default();
    let o = ExecOptions {
        command: it.collect(),
        env: args.env,
        env_files: args.env_file,
        user: args.user,
        workdir: args.workdir,
        tty: args.tty,
        interactive: args.interactive && !args.detach,
        privileged: args.privileged,
    };
    if args.detach {
        exec::detached(paths, &container, &o)?;
        return Ok(0);
    }
    exec::exec(paths, &container, &o)
}
