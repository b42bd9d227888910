//! Top-level verbs that belong to no container or image: registry logins, the user namespace,
//! shell completion, and the hidden verbs skiff runs itself (the monitor, the docs generator).
pub(crate) mod check;
pub(crate) mod completion;
pub(crate) mod df;
pub(crate) mod docs;
pub(crate) mod events;
pub(crate) mod info;
pub(crate) mod login;
pub(crate) mod logout;
pub(crate) mod monitor;
pub(crate) mod prune;
pub(crate) mod reset;
pub(crate) mod unshare;
pub(crate) mod version;

use crate::cli::context::Context;
use anyhow::Result;

/// `skiff system VERB`: the engine looking after its store.
#[derive(clap::Subcommand, Debug)]
pub(crate) enum Cmd {
    Check(check::Args),
    Df(df::Args),
    Events(events::Args),
    Info(info::Args),
    Prune(prune::Args),
    Reset(reset::Args),
}

pub(crate) fn run(ctx: &Context, cmd: Cmd) -> Result<i32> {
    match cmd {
        Cmd::Check(a) => check::run(ctx, a),
        Cmd::Df(a) => df::run(ctx, a),
        Cmd::Events(a) => events::run(ctx, a),
        Cmd::Info(a) => info::run(ctx, a),
        Cmd::Prune(a) => prune::run(ctx, a),
        Cmd::Reset(a) => reset::run(ctx, a),
    }
}
