//! `skiff compose up`: create and start the project's services (see `engine::compose::up`);
//! attached (without `-d`), follow their logs until they exit or Ctrl-C stops them.
use super::service_image::{self, BuildPolicy};
use super::{logs, progress, ProjectFlags};
use crate::cli::context::Context;
use crate::engine::compose::up::{self, Hooks, UpOptions};
use anyhow::{bail, Result};
use std::collections::BTreeMap;

/// Create and start containers
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Detached mode: run containers in the background
    #[arg(short = 'd', long)]
    pub(crate) detach: bool,
    /// Build images before starting containers
    #[arg(long)]
    pub(crate) build: bool,
    /// Don't build an image, even if it's missing
    #[arg(long)]
    pub(crate) no_build: bool,
    /// Recreate containers even if their configuration hasn't changed
    #[arg(long)]
    pub(crate) force_recreate: bool,
    /// If containers already exist, don't recreate them
    #[arg(long)]
    pub(crate) no_recreate: bool,
    /// Don't start linked services
    #[arg(long)]
    pub(crate) no_deps: bool,
    /// Don't start the services after creating them
    #[arg(long)]
    pub(crate) no_start: bool,
    /// Scale SERVICE to NUM instances (overrides the file's scale)
    #[arg(long, value_name = "SERVICE=NUM")]
    pub(crate) scale: Vec<String>,
    /// Wait for services to be running|healthy (implies detached mode)
    #[arg(long)]
    pub(crate) wait: bool,
    /// Stops all containers if any container was stopped (incompatible with -d)
    #[arg(long)]
    pub(crate) abort_on_container_exit: bool,
    /// Return the exit code of the selected service container (implies --abort-on-container-exit)
    #[arg(long, value_name = "SERVICE")]
    pub(crate) exit_code_from: Option<String>,
    /// Remove containers for services not defined in the Compose file
    #[arg(long)]
    pub(crate) remove_orphans: bool,
    /// Seconds to wait for a container to stop before killing it
    #[arg(short = 't', long, value_name = "SECONDS")]
    pub(crate) timeout: Option<u64>,
    /// Pull image before running (always, missing, never)
    #[arg(long, value_name = "POLICY")]
    pub(crate) pull: Option<String>,
    /// Produce monochrome output
    #[arg(long)]
    pub(crate) no_color: bool,
    /// Watch the services' develop.watch paths while attached, as `compose watch` does
    #[arg(long)]
    pub(crate) watch: bool,
    /// Don't print a prefix in the logs
    #[arg(long)]
    pub(crate) no_log_prefix: bool,
    /// Services to start (and what they depend on); default: all
    #[arg(value_name = "SERVICE")]
    pub(crate) services: Vec<String>,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    let abort = a.abort_on_container_exit || a.exit_code_from.is_some();
    if abort && (a.detach || a.wait) {
        bail!(
            "--abort-on-container-exit and --exit-code-from cannot be combined with -d or --wait"
        );
    }
    if a.watch && (a.detach || a.wait || a.no_start) {
        bail!("--watch follows the services while attached: it cannot be combined with -d, --wait or --no-start");
    }
    if a.build && a.no_build {
        bail!("--build and --no-build are incompatible");
    }
    if a.force_recreate && a.no_recreate {
        bail!("--force-recreate and --no-recreate are incompatible");
    }
    let pull = a.pull.as_deref().map(str::parse).transpose()?;
    let build = match (a.build, a.no_build) {
        (true, _) => BuildPolicy::Always,
        (_, true) => BuildPolicy::Never,
        _ => BuildPolicy::Missing,
    };
    let p = super::load(&flags.load_options()?)?.project;
    if let Some(s) = a
        .exit_code_from
        .as_ref()
        .filter(|s| !p.services.contains_key(*s))
    {
        bail!("no such service: {s}");
    }
    let o = UpOptions {
        services: a.services.clone(),
        no_deps: a.no_deps,
        force_recreate: a.force_recreate,
        no_recreate: a.no_recreate,
        no_start: a.no_start,
        scale: scale(&a.scale)?,
        remove_orphans: a.remove_orphans,
        wait: a.wait,
        timeout: a.timeout,
    };
    let (paths, mapping) = (ctx.paths()?, ctx.userns()?);
    let mut image = |name: &str, s: &_| service_image::image(ctx, &p, name, s, build, pull);
    let mut hooks = Hooks {
        image: &mut image,
        event: &mut progress::event,
        warn: &mut progress::warn,
    };
    let ids = up::up(paths, mapping, &p, &o, &mut hooks)?;
    if a.detach || a.wait || a.no_start {
        return Ok(0);
    }
    let follow = logs::Follow {
        prefix: !a.no_log_prefix,
        color: !a.no_color,
        abort,
        exit_code_from: a.exit_code_from.clone(),
    };
    let mut watcher = match a.watch {
        true => {
            let services = a.services.iter().cloned().collect();
            Some(crate::engine::compose::watch::Watcher::new(&p, &services)?)
        }
        false => None,
    };
    let mut tick = || match watcher.as_mut() {
        Some(w) => match w.poll(50) {
            Ok(changes) => super::watch::apply_all(ctx, &p, w, &changes),
            Err(e) => progress::warn(format!("watch: {e:#}")),
        },
        None => std::thread::sleep(std::time::Duration::from_millis(50)),
    };
    logs::attach(paths, &p, &ids, &follow, &mut tick)
}

/// `--scale SERVICE=NUM`, each checked.
fn scale(v: &[String]) -> Result<BTreeMap<String, u32>> {
    v.iter()
        .map(|s| match s.split_once('=') {
            Some((k, n)) => match n.parse() {
                Ok(n) => Ok((k.to_string(), n)),
                Err(_) => bail!("invalid --scale {s:?}: the count must be a number"),
            },
            None => bail!("invalid --scale {s:?}: use SERVICE=NUM"),
        })
        .collect()
}
