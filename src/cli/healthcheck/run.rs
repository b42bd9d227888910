//! `skiff healthcheck run`: run a container's health check once (podman's verb).
use crate::cli::common;
use crate::engine::container::{exec, health};
use anyhow::{bail, Result};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Run the health check of a container now
    Run(Args),
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The container
    pub container: String,
}

pub fn run(c: Cmd) -> Result<i32> {
    let Cmd::Run(args) = c;
    let paths = common::paths()?;
    common::enter_userns(&paths)?;
    let mut rec = exec::running(&paths, &args.container)?;
    if rec.healthcheck.is_none() {
        bail!("container {} has no health check defined", rec.name);
    }
    let code = health::run_check(&paths, &mut rec)?;
    let status = rec.state.health.map(|h| h.status).unwrap_or_default();
    println!("{status}");
    Ok(if code == 0 { 0 } else { 1 })
}
