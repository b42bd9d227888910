//! `skiff unshare [CMD...]`: runs a command inside skiff's user namespace, as podman unshare does,
//! e.g. to remove files owned by subordinate ids.
use anyhow::{Context, Result};
use std::os::unix::process::CommandExt;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The command and its arguments (default: $SHELL)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub command: Vec<String>,
}

pub fn run(args: Args) -> Result<i32> {
    let paths = crate::cli::common::paths()?;
    crate::cli::common::enter_userns(&paths)?;
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
