//! `skiff healthcheck run`: run a container's health check once (podman's verb).
use crate::cli::context::Context;
use crate::engine::container::{exec, health};
use anyhow::{bail, Result};

/// Run the health check of a container now
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// The container
    pub(crate) container: String,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    ctx.userns()?;
    let paths = ctx.paths()?;
    let mut rec = exec::running(paths, &args.container)?;
    if rec.healthcheck.is_none() {
        bail!("container {} has no health check defined", rec.name);
    }
    let code = health::run_check(paths, &mut rec)?;
    let status = rec.state.health.map(|h| h.status).unwrap_or_default();
    println!("{status}");
    Ok(if code == 0 { 0 } else { 1 })
}
