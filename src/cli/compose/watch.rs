//! `skiff compose watch`: brings the services up, then follows their `develop.watch` rules:
//! `sync` copies a changed file into the running containers (a removed one is removed there),
//! `sync+restart` restarts them after, `restart` only restarts, `rebuild` builds the service's
//! image again and recreates only that service. Ctrl-C ends it; the services keep running.
use super::service_image::{self, BuildPolicy};
use super::{progress, ProjectFlags};
use crate::cli::context::Context;
use crate::engine::compose::state::Member;
use crate::engine::compose::up::{self, Hooks, UpOptions};
use crate::engine::compose::watch::{self, Change, Watcher};
use crate::engine::compose::{plan, state, Project};
use crate::engine::container::cp;
use anyhow::Result;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};

/// Watch build context for service and rebuild/refresh containers when files are updated
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Do not build and start services before watching
    #[arg(long)]
    pub(crate) no_up: bool,
    /// Services to watch; default: all that have rules
    #[arg(value_name = "SERVICE")]
    pub(crate) services: Vec<String>,
}

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn stop(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    let p = super::load(&flags.load_options()?)?.project;
    state::check_services(&p, &a.services)?;
    ctx.userns()?;
    if !a.no_up {
        bring_up(ctx, &p, &a.services, false)?;
    }
    let mut w = Watcher::new(&p, &a.services.iter().cloned().collect())?;
    // SAFETY: the handlers only store to an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, stop as *const () as libc::sighandler_t);
        libc::signal(libc::SIGTERM, stop as *const () as libc::sighandler_t);
    }
    eprintln!("Watch enabled");
    loop {
        let changes = w.next(&STOP)?;
        if STOP.load(Ordering::SeqCst) {
            return Ok(0);
        }
        apply_all(ctx, &p, &w, &changes);
    }
}

/// Applies a burst of changes, service by service; a failure is a warning (watch goes on).
pub(crate) fn apply_all(ctx: &Context, p: &Project, w: &Watcher, changes: &[Change]) {
    let services: BTreeSet<String> = changes.iter().map(|c| c.service.clone()).collect();
    for s in services {
        let mine: Vec<&Change> = changes.iter().filter(|c| c.service == s).collect();
        if let Err(e) = apply(ctx, p, w, &s, &mine) {
            progress::warn(format!("service {s:?}: {e:#}"));
        }
    }
}

/// `up -d` of `services` (with their dependencies), `force` recreating them.
fn bring_up(ctx: &Context, p: &Project, services: &[String], force: bool) -> Result<()> {
    let mut image = |n: &str, s: &_| service_image::image(ctx, p, n, s, BuildPolicy::Missing, None);
    let mut hooks = Hooks {
        image: &mut image,
        event: &mut progress::event,
        warn: &mut progress::warn,
    };
    let o = UpOptions {
        services: services.to_vec(),
        no_deps: force,
        force_recreate: force,
        ..Default::default()
    };
    up::up(ctx.paths()?, ctx.userns()?, p, &o, &mut hooks).map(drop)
}

/// What a burst of changes to one service's rules asks for: a rebuild wins over the rest.
fn apply(ctx: &Context, p: &Project, w: &Watcher, s: &str, changes: &[&Change]) -> Result<()> {
    let actions: BTreeSet<&str> = changes
        .iter()
        .filter_map(|c| w.rule(c))
        .map(|r| r.action.as_str())
        .collect();
    if actions.contains("rebuild") {
        let svc = &p.services[s];
        if let Some(b) = &svc.build {
            service_image::build_image(ctx, &plan::image_name(p, s, svc), b)?;
        }
        return bring_up(ctx, p, &[s.to_string()], true);
    }
    let paths = ctx.paths()?;
    let members: Vec<Member> = state::select(paths, p, &[s.to_string()])?
        .into_iter()
        .filter(Member::running)
        .collect();
    for c in changes {
        let Some(rule) = w.rule(c) else { continue };
        if !rule.action.starts_with("sync") {
            continue;
        }
        let Some(target) = watch::target(rule, &c.path) else {
            continue;
        };
        for m in &members {
            sync(ctx, m, c, &target)?;
        }
        eprintln!("Syncing service {s:?} after {} changed", c.path.display());
    }
    if actions
        .iter()
        .any(|a| *a == "restart" || *a == "sync+restart")
    {
        super::restart::restart(paths, &members, None)?;
    }
    Ok(())
}

/// One change into one container: the file copied in, or removed there (as Docker Compose
/// does, with `rm -rf` in the container).
fn sync(ctx: &Context, m: &Member, c: &Change, target: &str) -> Result<()> {
    if c.removed || !c.path.exists() {
        let args = crate::cli::container::exec::Args {
            interactive: false,
            tty: false,
            detach: false,
            env: vec![],
            env_file: vec![],
            user: None,
            workdir: None,
            privileged: false,
            container_and_command: vec![
                m.record.id.clone(),
                "rm".into(),
                "-rf".into(),
                target.into(),
            ],
        };
        return crate::cli::container::exec::run(ctx, args).map(drop);
    }
    if c.path.is_dir() {
        return Ok(());
    }
    let o = cp::CpOptions {
        archive: false,
        follow_link: false,
    };
    let src = c.path.to_string_lossy();
    cp::copy_in(
        ctx.paths()?,
        &m.record,
        Some(&src),
        std::io::empty(),
        target,
        o,
    )
    .map(drop)
}
