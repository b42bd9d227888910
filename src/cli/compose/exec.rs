//! `skiff compose exec`: run a command in a service's running container (`--index`, the
//! first by default), through `skiff exec`'s own code.
use super::{Access, ProjectFlags};
use crate::cli::context::Context;
use anyhow::{bail, Result};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Execute a command in a running container
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Detached mode: run the command in the background
    #[arg(short = 'd', long)]
    pub(crate) detach: bool,
    /// Set environment variables
    #[arg(short = 'e', long = "env", value_name = "NAME=VALUE")]
    pub(crate) env: Vec<String>,
    /// Index of the container if the service has multiple replicas
    #[arg(long, default_value_t = 1)]
    pub(crate) index: u32,
    /// Disable pseudo-TTY allocation (by default one is allocated when stdin is a terminal)
    #[arg(short = 'T', long = "no-TTY")]
    pub(crate) no_tty: bool,
    /// Give extended privileges to the process
    #[arg(long)]
    pub(crate) privileged: bool,
    /// Run the command as this user
    #[arg(short = 'u', long)]
    pub(crate) user: Option<String>,
    /// Path to workdir directory for this command
    #[arg(short = 'w', long)]
    pub(crate) workdir: Option<String>,
    /// The service, then the command and its arguments
    #[arg(value_name = "SERVICE COMMAND [ARG...]", required = true, num_args = 2.., trailing_var_arg = true)]
    pub(crate) service_and_command: Vec<String>,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    let service = a.service_and_command[0].clone();
    let (_, members) = flags.members(ctx, std::slice::from_ref(&service), Access::Read)?;
    let Some(m) = members.iter().find(|m| m.number == a.index) else {
        bail!("service {service:?} is not running: start it with `compose up -d {service}`");
    };
    if !m.running() {
        bail!("container {} is not running", m.record.name);
    }
    let mut command = vec![m.record.id.clone()];
    command.extend(a.service_and_command[1..].iter().cloned());
    let tty = !a.no_tty && !a.detach && std::io::stdin().is_terminal();
    let args = crate::cli::container::exec::Args {
        interactive: !a.detach,
        tty,
        detach: a.detach,
        env: a.env,
        env_file: Vec::<PathBuf>::new(),
        user: a.user,
        workdir: a.workdir,
        privileged: a.privileged,
        container_and_command: command,
    };
    crate::cli::container::exec::run(ctx, args)
}
