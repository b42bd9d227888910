//! `skiff network VERB`: user-defined networks, one verb per file (the resource is
//! `engine::network`).
pub(crate) mod connect;
pub(crate) mod create;
pub(crate) mod disconnect;
pub(crate) mod exists;
pub(crate) mod inspect;
pub(crate) mod ls;
pub(crate) mod proxy;
pub(crate) mod prune;
pub(crate) mod rm;

use crate::cli::context::Context;
use anyhow::Result;

#[derive(clap::Subcommand, Debug)]
pub(crate) enum Cmd {
    Create(create::Args),
    #[command(alias = "list")]
    Ls(ls::Args),
    Inspect(inspect::Args),
    #[command(alias = "remove")]
    Rm(rm::Args),
    Prune(prune::Args),
    Connect(connect::Args),
    Disconnect(disconnect::Args),
    Exists(exists::Args),
}

pub(crate) fn run(ctx: &Context, cmd: Cmd) -> Result<i32> {
    match cmd {
        Cmd::Create(a) => create::run(ctx, a),
        Cmd::Ls(a) => ls::run(ctx, a),
        Cmd::Inspect(a) => inspect::run(ctx, a),
        Cmd::Rm(a) => rm::run(ctx, a),
        Cmd::Prune(a) => prune::run(ctx, a),
        Cmd::Connect(a) => connect::run(ctx, a),
        Cmd::Disconnect(a) => disconnect::run(ctx, a),
        Cmd::Exists(a) => exists::run(ctx, a),
    }
}
