//! `skiff container VERB`: the same verbs as the top-level container commands.
pub mod attach;
pub mod exec;
pub mod kill;
pub mod logs;
pub mod ls;
pub mod port;
pub mod prune;
pub mod rename;
pub mod restart;
pub mod rm;
pub mod start;
pub mod stop;
pub mod top;
pub mod wait;

use crate::cli::{create, inspect, run as run_verb};
use anyhow::Result;
use ls as ps;

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// List containers
    #[command(alias = "list", alias = "ps")]
    Ls(ps::Args),
    /// Remove one or more containers
    #[command(alias = "remove")]
    Rm(rm::Args),
    /// Display detailed information on one or more containers
    Inspect(inspect::Args),
    /// Create a new container
    Create(create::Args),
    /// Start one or more stopped containers
    Start(start::Args),
    /// Create and run a new container from an image
    Run(run_verb::Args),
    /// Stop one or more running containers
    Stop(stop::Args),
    /// Kill one or more running containers
    Kill(kill::Args),
    /// Restart one or more containers
    Restart(restart::Args),
    /// Block until one or more containers stop, then print their exit codes
    Wait(wait::Args),
    /// Fetch the logs of a container
    Logs(logs::Args),
    /// Execute a command in a running container
    Exec(exec::Args),
    /// Display the running processes of a container
    Top(top::Args),
    /// Rename a container
    Rename(rename::Args),
    /// Remove all stopped containers
    Prune(prune::Args),
    /// List port mappings or a specific mapping for the container
    Port(port::Args),
}

pub fn run(c: Cmd) -> Result<i32> {
    match c {
        Cmd::Ls(a) => ps::run(a),
        Cmd::Rm(a) => rm::run(a),
        Cmd::Inspect(a) => inspect::run_container(a),
        Cmd::Create(a) => create::run(a),
        Cmd::Start(a) => start::run(a),
        Cmd::Run(a) => run_verb::run(a),
        Cmd::Stop(a) => stop::run(a),
        Cmd::Kill(a) => kill::run(a),
        Cmd::Restart(a) => restart::run(a),
        Cmd::Wait(a) => wait::run(a),
        Cmd::Logs(a) => logs::run(a),
        Cmd::Exec(a) => exec::run(a),
        Cmd::Top(a) => top::run(a),
        Cmd::Rename(a) => rename::run(a),
        Cmd::Prune(a) => prune::run(a),
        Cmd::Port(a) => port::run(a),
    }
}
