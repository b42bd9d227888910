//! `skiff unshare [CMD...]`: runs a command inside skiff's user namespace, as podman unshare does,
//! e.g. to remove files owned by subordinate ids.
use crate::cli::context::Context;
use anyhow::{Context as _, Result};
use std::os::unix::process::CommandExt;

/// Run a command in skiff's user namespace
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// The command and its arguments (default: $SHELL)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub(crate) command: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    ctx.userns()?;
    let paths = ctx.paths()?;
    let mut argv = args.command;
    if argv.is_empty() {
        argv.push(std::env::var("SHELL").unwrap_or_else(|_| "/bin/sh".into()));
    }
    let err = std::process::Command::new(&argv[0])
        .args(&argv[1..])
        .env("SKIFF_DATA_DIR", &paths.data)
        .exec();
    Err(err).with_context(|| format!("cannot run {}", argv[0]))
}
