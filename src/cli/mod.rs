//! The command line: clap structs, one verb per file, and the only layer that prints.
//! Each verb module has `Args` and `run(args) -> Result<i32>` (the exit code).
use clap::{CommandFactory, Parser, Subcommand};

pub mod common;
pub mod container;
pub mod container_flags;
pub mod create;
pub mod healthcheck;
pub mod image;
pub mod inspect;
pub mod output;
pub mod run;
pub mod system;

use container::{
    attach, exec, kill, logs, ls as ps, port, rename, restart, rm, start, stop, top, wait,
};
use image::{history, import, load, ls as images, pull, push, rm as rmi, save, tag};
use system::{completion, docs, login, logout, monitor, unshare};

#[derive(Parser, Debug)]
#[command(
    name = "skiff",
    version,
    about = "A daemonless, rootless container engine",
    long_about = "A daemonless, rootless container engine.\n\nskiff runs containers as an unprivileged user, with no background server, and speaks Docker's verbs and flags.",
    disable_help_subcommand = true,
    subcommand_help_heading = "Commands",
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create and run a new container from an image
    Run(run::Args),
    /// Create a new container
    Create(create::Args),
    /// Start one or more stopped containers
    Start(start::Args),
    /// List containers
    Ps(ps::Args),
    /// Remove one or more containers
    Rm(rm::Args),
    /// Attach local standard input, output, and error streams to a running container
    Attach(attach::Args),
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
    /// Manage health checks of containers
    #[command(subcommand)]
    Healthcheck(healthcheck::Cmd),
    /// List port mappings or a specific mapping for the container
    Port(port::Args),
    /// Return low-level information on containers or images
    Inspect(inspect::Args),
    /// List images
    Images(images::Args),
    /// Remove one or more images
    Rmi(rmi::Args),
    /// Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
    Tag(tag::Args),
    /// Show the history of an image
    History(history::Args),
    /// Download an image from a registry
    Pull(pull::Args),
    /// Upload an image to a registry
    Push(push::Args),
    /// Log in to a registry
    Login(login::Args),
    /// Log out from a registry
    Logout(logout::Args),
    /// Load an image from a tar archive or STDIN
    Load(load::Args),
    /// Save one or more images to a tar archive
    Save(save::Args),
    /// Import the contents from a tarball to create a filesystem image
    Import(import::Args),
    /// Manage images
    #[command(subcommand)]
    Image(image::Cmd),
    /// Manage containers
    #[command(subcommand)]
    Container(container::Cmd),
    /// Run a command in skiff's user namespace
    Unshare(unshare::Args),
    /// Print a shell completion script (bash, zsh, fish)
    Completion(completion::Args),
    /// Supervise one detached container (started by run -d and start)
    #[command(hide = true)]
    Monitor(monitor::Args),
    /// Write the man pages and completions generated from these definitions
    #[command(hide = true)]
    GenerateDocs(docs::Args),
}

/// Runs the command line; returns the process exit code.
pub fn main() -> i32 {
    let argv: Vec<_> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&argv) {
        Ok(c) => c,
        Err(e) => return common::report_parse_error(e, &argv),
    };
    let res = match cli.command {
        Command::Run(a) => run::run(a),
        Command::Create(a) => create::run(a),
        Command::Start(a) => start::run(a),
        Command::Ps(a) => ps::run(a),
        Command::Rm(a) => rm::run(a),
        Command::Attach(a) => attach::run(a),
        Command::Stop(a) => stop::run(a),
        Command::Kill(a) => kill::run(a),
        Command::Restart(a) => restart::run(a),
        Command::Wait(a) => wait::run(a),
        Command::Logs(a) => logs::run(a),
        Command::Exec(a) => exec::run(a),
        Command::Top(a) => top::run(a),
        Command::Rename(a) => rename::run(a),
        Command::Healthcheck(c) => healthcheck::run(c),
        Command::Monitor(a) => monitor::run(a),
        Command::Port(a) => port::run(a),
        Command::Inspect(a) => inspect::run(a),
        Command::Images(a) => images::run(a),
        Command::Rmi(a) => rmi::run(a),
        Command::Tag(a) => tag::run(a),
        Command::History(a) => history::run(a),
        Command::Pull(a) => pull::run(a),
        Command::Push(a) => push::run(a),
        Command::Login(a) => login::run(a),
        Command::Logout(a) => logout::run(a),
        Command::Load(a) => load::run(a),
        Command::Save(a) => save::run(a),
        Command::Import(a) => import::run(a),
        Command::Image(c) => image::run(c),
        Command::Container(c) => container::run(c),
        Command::Unshare(a) => unshare::run(a),
        Command::Completion(a) => completion::run(a),
        Command::GenerateDocs(a) => docs::run(a),
    };
    match res {
        Ok(code) => code,
        Err(e) => common::report_error(&e),
    }
}

/// The clap command tree, for the man pages and completions.
pub fn command() -> clap::Command {
    Cli::command()
}
