//! `skiff compose run`: a one-off container of a service (Docker Compose's
//! `PROJECT-SERVICE-run-ID`, labelled oneoff), after its dependencies are up; its ports are
//! published only with `--service-ports`, and it gets the service's name as an alias only
//! with `--use-aliases`.
use super::service_image::{self, BuildPolicy};
use super::{progress, ProjectFlags};
use crate::cli::context::Context;
use crate::cli::output::session::{self, End};
use crate::engine::compose::plan::{self, Replica};
use crate::engine::compose::up::{self, Hooks, UpOptions};
use crate::engine::container::{attach, detach, lifecycle, run};
use anyhow::{bail, Result};
use std::collections::BTreeSet;
use std::io::IsTerminal;

/// Run a one-off command on a service
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Run container in background and print container ID
    #[arg(short = 'd', long)]
    pub(crate) detach: bool,
    /// Automatically remove the container when it exits
    #[arg(long)]
    pub(crate) rm: bool,
    /// Set environment variables
    #[arg(short = 'e', long = "env", value_name = "KEY=VAL")]
    pub(crate) env: Vec<String>,
    /// Add or override a label
    #[arg(short = 'l', long = "label", value_name = "KEY=VAL")]
    pub(crate) label: Vec<String>,
    /// Assign a name to the container
    #[arg(long)]
    pub(crate) name: Option<String>,
    /// Override the entrypoint of the image
    #[arg(long)]
    pub(crate) entrypoint: Option<String>,
    /// Don't start linked services
    #[arg(long)]
    pub(crate) no_deps: bool,
    /// Run command with the service's ports enabled and mapped to the host
    #[arg(long)]
    pub(crate) service_ports: bool,
    /// Use the service's network aliases in the network(s) the container connects to
    #[arg(long)]
    pub(crate) use_aliases: bool,
    /// Disable pseudo-TTY allocation (by default one is allocated when stdin is a terminal)
    #[arg(short = 'T', long = "no-TTY")]
    pub(crate) no_tty: bool,
    /// Run as specified username or uid
    #[arg(short = 'u', long)]
    pub(crate) user: Option<String>,
    /// Working directory inside the container
    #[arg(short = 'w', long)]
    pub(crate) workdir: Option<String>,
    /// The service, then the command and its arguments (default: the service's)
    #[arg(value_name = "SERVICE [COMMAND] [ARG...]", required = true, num_args = 1.., trailing_var_arg = true)]
    pub(crate) service_and_command: Vec<String>,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    let p = super::load(&flags.load_options()?)?.project;
    let name = a.service_and_command[0].clone();
    let Some(s) = p.services.get(&name) else {
        bail!("no such service: {name}")
    };
    let (paths, mapping) = (ctx.paths()?, ctx.userns()?);
    let mut image =
        |n: &str, s: &_| service_image::image(ctx, &p, n, s, BuildPolicy::Missing, None);
    let mut hooks = Hooks {
        image: &mut image,
        event: &mut progress::event,
        warn: &mut progress::warn,
    };
    let deps: Vec<String> = s
        .depends_on
        .keys()
        .filter(|d| p.services.contains_key(*d))
        .cloned()
        .collect();
    if !a.no_deps && !deps.is_empty() {
        let o = UpOptions {
            services: deps,
            ..Default::default()
        };
        up::up(paths, mapping, &p, &o, &mut hooks)?;
    }
    up::resources(paths, &p, &BTreeSet::from([name.clone()]), &mut hooks)?;
    let (mut c, warnings) = config(&p, &name, &a)?;
    warnings.into_iter().for_each(progress::warn);
    let tty = !a.no_tty && !a.detach && std::io::stdin().is_terminal();
    (c.tty, c.interactive, c.auto_remove) = (tty, !a.detach, a.rm);
    let img = service_image::image(ctx, &p, &name, s, BuildPolicy::Missing, None)?;
    let created = run::create(paths, mapping, c, img, &mut |_| {})?;
    created
        .warnings
        .iter()
        .for_each(|w| progress::warn(w.clone()));
    let id = created.record.id.clone();
    if tty {
        let sock = detach::start_attached(paths, &id)?;
        let keys = attach::detach_keys("ctrl-p,ctrl-q")?;
        return match session::relay(sock, true, true, &keys)? {
            End::Exited(code) => {
                if a.rm {
                    lifecycle::wait_removed(paths, &id, std::time::Duration::from_secs(10));
                }
                Ok(code)
            }
            End::Detached => Ok(0),
            End::MonitorGone => lifecycle::wait(paths, &id),
        };
    }
    let mode = match a.detach {
        true => run::Mode::Detached,
        false => run::Mode::Foreground { preserve_fds: 0 },
    };
    match run::start(paths, created, mode)? {
        run::Outcome::Created(id) => {
            println!("{id}");
            Ok(0)
        }
        run::Outcome::Exited(code) => Ok(code),
    }
}

/// The service's replica config, made a one-off by the flags.
fn config(
    p: &crate::engine::compose::Project,
    name: &str,
    a: &Args,
) -> Result<(crate::engine::spec::config::ContainerConfig, Vec<String>)> {
    let s = &p.services[name];
    let hash = crate::engine::compose::config_hash(s);
    let first_of = |svc: &str| match p.services.get(svc) {
        Some(o) => plan::container_name(p, svc, o, 1),
        None => svc.to_string(),
    };
    let r = Replica {
        project: p,
        name,
        service: s,
        number: 1,
        hash: &hash,
        first_of: &first_of,
    };
    let (mut c, warnings) = plan::config(&r)?;
    let suffix = crate::engine::volume::create::generated_name();
    let generated = format!("{}-{name}-run-{}", p.name, &suffix[..12]);
    c.name = Some(a.name.clone().unwrap_or(generated));
    c.labels.insert(plan::ONEOFF.into(), "True".into());
    c.labels.remove(plan::NUMBER);
    for l in &a.label {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        c.labels.insert(k.into(), v.into());
    }
    if a.service_and_command.len() > 1 {
        c.command = a.service_and_command[1..].to_vec();
    }
    if let Some(e) = &a.entrypoint {
        c.entrypoint = Some(if e.is_empty() {
            vec![]
        } else {
            shlex::split(e).unwrap_or_default()
        });
    }
    c.env
        .extend(crate::engine::spec::parse::environment(&[], &a.env)?);
    if a.user.is_some() {
        c.user = a.user.clone();
    }
    if a.workdir.is_some() {
        c.workdir = a.workdir.clone();
    }
    if !a.service_ports {
        c.ports.clear();
    }
    if !a.use_aliases {
        c.network_aliases.clear();
    }
    c.restart = Default::default();
    Ok((c, warnings))
}
