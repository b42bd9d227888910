//! `skiff compose [-f FILE]... [-p NAME] [--project-directory DIR] [--env-file FILE]...
//! [--profile P]... VERB`: multi-container projects from Compose files (the model and its
//! loading are `engine::compose`). The project flags come before the verb, as Docker's do.
pub(crate) mod build;
pub(crate) mod config;
pub(crate) mod down;
pub(crate) mod exec;
pub(crate) mod images;
pub(crate) mod kill;
pub(crate) mod logs;
pub(crate) mod ls;
pub(crate) mod pause;
pub(crate) mod port;
pub(crate) mod progress;
pub(crate) mod ps;
pub(crate) mod pull;
pub(crate) mod push;
pub(crate) mod restart;
pub(crate) mod rm;
pub(crate) mod run;
pub(crate) mod service_image;
pub(crate) mod start;
pub(crate) mod stop;
pub(crate) mod top;
pub(crate) mod unpause;
pub(crate) mod up;
pub(crate) mod version;
pub(crate) mod watch;

use crate::cli::context::Context;
use crate::cli::output::report;
use crate::engine::compose::model::Project;
use crate::engine::compose::state::{self, Member};
use crate::engine::compose::{self, LoadOptions, Loaded};
use anyhow::Result;
use std::path::PathBuf;

/// Define and run multi-container applications
#[derive(clap::Args, Debug)]
#[command(subcommand_required = true, arg_required_else_help = true)]
pub(crate) struct Args {
    #[command(flatten)]
    pub(crate) project: ProjectFlags,
    #[command(subcommand)]
    pub(crate) cmd: Cmd,
}

/// The flags that say which project: files, name, directory, environment and profiles.
#[derive(clap::Args, Debug, Clone, Default)]
pub(crate) struct ProjectFlags {
    /// Compose configuration files (default: compose.yaml, found in the current directory or a parent)
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,
    /// Project name (default: COMPOSE_PROJECT_NAME, the file's `name:`, or the project directory's name)
    #[arg(short = 'p', long = "project-name", value_name = "NAME")]
    pub(crate) project_name: Option<String>,
    /// Alternate working directory (default: the directory of the first Compose file)
    #[arg(long, value_name = "DIR")]
    pub(crate) project_directory: Option<PathBuf>,
    /// Alternate environment file (default: .env in the project directory)
    #[arg(long = "env-file", value_name = "FILE")]
    pub(crate) env_files: Vec<PathBuf>,
    /// Profile to enable (default: COMPOSE_PROFILES)
    #[arg(long = "profile", value_name = "PROFILE")]
    pub(crate) profiles: Vec<String>,
}

#[derive(clap::Subcommand, Debug)]
pub(crate) enum Cmd {
    Up(up::Args),
    Down(down::Args),
    Ps(ps::Args),
    Logs(logs::Args),
    Build(build::Args),
    Pull(pull::Args),
    Push(push::Args),
    Images(images::Args),
    #[command(alias = "convert")]
    Config(config::Args),
    Exec(exec::Args),
    Run(run::Args),
    Start(start::Args),
    Stop(stop::Args),
    Restart(restart::Args),
    Kill(kill::Args),
    Rm(rm::Args),
    Pause(pause::Args),
    Unpause(unpause::Args),
    Top(top::Args),
    Port(port::Args),
    Ls(ls::Args),
    Version(version::Args),
    Watch(watch::Args),
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    match a.cmd {
        Cmd::Up(c) => up::run(ctx, &a.project, c),
        Cmd::Down(c) => down::run(ctx, &a.project, c),
        Cmd::Ps(c) => ps::run(ctx, &a.project, c),
        Cmd::Logs(c) => logs::run(ctx, &a.project, c),
        Cmd::Build(c) => build::run(ctx, &a.project, c),
        Cmd::Pull(c) => pull::run(ctx, &a.project, c),
        Cmd::Push(c) => push::run(ctx, &a.project, c),
        Cmd::Images(c) => images::run(ctx, &a.project, c),
        Cmd::Config(c) => config::run(ctx, &a.project, c),
        Cmd::Exec(c) => exec::run(ctx, &a.project, c),
        Cmd::Run(c) => run::run(ctx, &a.project, c),
        Cmd::Start(c) => start::run(ctx, &a.project, c),
        Cmd::Stop(c) => stop::run(ctx, &a.project, c),
        Cmd::Restart(c) => restart::run(ctx, &a.project, c),
        Cmd::Kill(c) => kill::run(ctx, &a.project, c),
        Cmd::Rm(c) => rm::run(ctx, &a.project, c),
        Cmd::Pause(c) => pause::run(ctx, &a.project, c),
        Cmd::Unpause(c) => unpause::run(ctx, &a.project, c),
        Cmd::Top(c) => top::run(ctx, &a.project, c),
        Cmd::Port(c) => port::run(ctx, &a.project, c),
        Cmd::Ls(c) => ls::run(ctx, c),
        Cmd::Version(c) => version::run(ctx, c),
        Cmd::Watch(c) => watch::run(ctx, &a.project, c),
    }
}

impl ProjectFlags {
    /// The engine's options for these flags, in this process's directory and environment.
    pub(crate) fn load_options(&self) -> Result<LoadOptions> {
        Ok(LoadOptions {
            files: self.files.clone(),
            project_name: self.project_name.clone(),
            project_directory: self.project_directory.clone(),
            env_files: self.env_files.clone(),
            profiles: self.profiles.clone(),
            working_dir: std::env::current_dir()?,
            environ: std::env::vars().collect(),
            no_interpolate: false,
            skip_validation: false,
        })
    }

    /// For the verbs that only read the project's containers (ps, logs, exec, top, port,
    /// images): the file is not checked against the schema again (~6 ms a load), as `up`
    /// and `config` check it before anything is made.
    pub(crate) fn read_options(&self) -> Result<LoadOptions> {
        Ok(LoadOptions {
            skip_validation: true,
            ..self.load_options()?
        })
    }

    /// The project and its containers of `services` (all when empty), for a verb that acts on
    /// them: an unknown service is an error; `Change` checks the file against the schema and
    /// enters skiff's user namespace first, `Read` does neither.
    pub(crate) fn members(
        &self,
        ctx: &Context,
        services: &[String],
        access: Access,
    ) -> Result<(Project, Vec<Member>)> {
        let opts = match access {
            Access::Read => self.read_options()?,
            Access::Change => self.load_options()?,
        };
        let p = load(&opts)?.project;
        let paths = ctx.paths()?;
        if let Access::Change = access {
            ctx.userns()?;
        }
        let members = state::select(paths, &p, services)?;
        Ok((p, members))
    }
}

/// What a verb does to the project's containers (see `ProjectFlags::members`).
#[derive(Clone, Copy)]
pub(crate) enum Access {
    Read,
    Change,
}

/// Load the project, printing its warnings on stderr.
pub(crate) fn load(opts: &LoadOptions) -> Result<Loaded> {
    let loaded = compose::load(opts)?;
    for w in &loaded.warnings {
        report::warn(w);
    }
    Ok(loaded)
}
