//! `skiff builder VERB` (Docker's noun for the build cache).
pub(crate) mod prune;

use crate::cli::context::Context;
use anyhow::Result;

#[derive(clap::Subcommand, Debug)]
pub(crate) enum Cmd {
    Prune(prune::Args),
}

pub(crate) fn run(ctx: &Context, cmd: Cmd) -> Result<i32> {
    match cmd {
        Cmd::Prune(a) => prune::run(ctx, a),
    }
}
