//! `skiff container VERB`: the container verbs, one per file. The top-level `ps`, `rm`, `stop`,
//! ... are aliases of these (see `cli::verbs`), not copies.
pub(crate) mod attach;
pub(crate) mod commit;
pub(crate) mod cp;
pub(crate) mod create;
pub(crate) mod diff;
pub(crate) mod exec;
pub(crate) mod exists;
pub(crate) mod export;
pub(crate) mod kill;
pub(crate) mod logs;
pub(crate) mod ls;
pub(crate) mod pause;
pub(crate) mod port;
pub(crate) mod prune;
pub(crate) mod rename;
pub(crate) mod restart;
pub(crate) mod rm;
pub(crate) mod run;
pub(crate) mod start;
pub(crate) mod stats;
pub(crate) mod stop;
pub(crate) mod top;
pub(crate) mod unpause;
pub(crate) mod update;
pub(crate) mod wait;

use crate::cli::context::Context;
use crate::cli::inspect::{self, Kind};
use anyhow::Result;

#[derive(clap::Subcommand, Debug)]
pub(crate) enum Cmd {
    #[command(alias = "list", alias = "ps")]
    Ls(ls::Args),
    #[command(alias = "remove")]
    Rm(rm::Args),
    /// Display detailed information on one or more containers
    Inspect(inspect::Args),
    Create(create::Args),
    Start(start::Args),
    Run(run::Args),
    Attach(attach::Args),
    Stop(stop::Args),
    Kill(kill::Args),
    Restart(restart::Args),
    Wait(wait::Args),
    Logs(logs::Args),
    Exec(exec::Args),
    Top(top::Args),
    Pause(pause::Args),
    Stats(stats::Args),
    Unpause(unpause::Args),
    Update(update::Args),
    Rename(rename::Args),
    Prune(prune::Args),
    Port(port::Args),
    Exists(exists::Args),
    Commit(commit::Args),
    Cp(cp::Args),
    Diff(diff::Args),
    Export(export::Args),
}

pub(crate) fn run(ctx: &Context, cmd: Cmd) -> Result<i32> {
    match cmd {
        Cmd::Ls(a) => ls::run(ctx, a),
        Cmd::Rm(a) => rm::run(ctx, a),
        Cmd::Inspect(a) => inspect::run_kind(ctx, a, Kind::Container),
        Cmd::Create(a) => create::run(ctx, a),
        Cmd::Start(a) => start::run(ctx, a),
        Cmd::Run(a) => run::run(ctx, a),
        Cmd::Attach(a) => attach::run(ctx, a),
        Cmd::Stop(a) => stop::run(ctx, a),
        Cmd::Kill(a) => kill::run(ctx, a),
        Cmd::Restart(a) => restart::run(ctx, a),
        Cmd::Wait(a) => wait::run(ctx, a),
        Cmd::Logs(a) => logs::run(ctx, a),
        Cmd::Exec(a) => exec::run(ctx, a),
        Cmd::Top(a) => top::run(ctx, a),
        Cmd::Pause(a) => pause::run(ctx, a),
        Cmd::Stats(a) => stats::run(ctx, a),
        Cmd::Unpause(a) => unpause::run(ctx, a),
        Cmd::Update(a) => update::run(ctx, a),
        Cmd::Rename(a) => rename::run(ctx, a),
        Cmd::Prune(a) => prune::run(ctx, a),
        Cmd::Port(a) => port::run(ctx, a),
        Cmd::Exists(a) => exists::run(ctx, a),
        Cmd::Commit(a) => commit::run(ctx, a),
        Cmd::Cp(a) => cp::run(ctx, a),
        Cmd::Diff(a) => diff::run(ctx, a),
        Cmd::Export(a) => export::run(ctx, a),
    }
}
