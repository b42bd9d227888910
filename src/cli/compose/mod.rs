//! `skiff compose [-f FILE]... [-p NAME] [--project-directory DIR] [--env-file FILE]...
//! [--profile P]... VERB`: multi-container projects from Compose files (the model and its
//! loading are `engine::compose`). The project flags come before the verb, as Docker's do.
pub(crate) mod config;

use crate::cli::context::Context;
use crate::cli::output::report;
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
    #[command(alias = "convert")]
    Config(config::Args),
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    match a.cmd {
        Cmd::Config(c) => config::run(ctx, &a.project, c),
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
}

/// Load the project, printing its warnings on stderr.
pub(crate) fn load(opts: &LoadOptions) -> Result<Loaded> {
    let loaded = compose::load(opts)?;
    for w in &loaded.warnings {
        report::warn(w);
    }
    Ok(loaded)
}
