//! `skiff healthcheck VERB` (podman's noun).
pub(crate) mod run;

use crate::cli::context::Context;
use anyhow::Result;

#[derive(clap::Subcommand, Debug)]
pub(crate) enum Cmd {
    Run(run::Args),
}

pub(crate) fn run(ctx: &Context, cmd: Cmd) -> Result<i32> {
    match cmd {
        Cmd::Run(a) => run::run(ctx, a),
    }
}
