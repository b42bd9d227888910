//! `skiff container VERB`: the same verbs as the top-level container commands.
use super::{create, inspect, port, ps, rm, run as run_verb, start};
use anyhow::Result;

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
        Cmd::Port(a) => port::run(a),
    }
}
