//! A RUN step: its command (heredocs as BuildKit runs them), its `--mount`s and `--network`,
//! the cache key over all of that (never a secret's content), and on a miss the step's
//! container, whose upper dir becomes the layer once the mount points it needed are gone.
use super::dockerfile::{Cmd, RunSpec, Step};
use super::mount_hold::{hold, made_by_mounts, remove_stubs, write_private, Held};
use super::mounts::{self, RunMount};
use super::stage::{self, Built, Env, State};
use super::{cache, config, expand, run, sources, Event, StepFailed};
use crate::engine::image::commit::{spool_upper, write_image};
use crate::engine::image::digest::Digest;
use crate::engine::spec::config::Network;
use anyhow::{bail, Result};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The argv of a RUN, and for a lone heredoc (`RUN <<EOF`) the script it runs: BuildKit binds
/// it at /dev/pipes/NAME and runs that file with the shell (so a `#!` line picks the
/// interpreter). Other heredocs go to the shell as written: its own heredoc syntax reads them.
fn command(spec: &RunSpec, cfg: &Map<String, Value>) -> (Vec<String>, Option<(String, String)>) {
    match (&spec.cmd, spec.heredocs.as_slice()) {
        (Cmd::Shell(s), [h]) if s.trim() == h.marker => {
            let mut argv = config::shell(cfg);
            argv.push(format!("/dev/pipes/{}", h.name));
            (argv, Some((h.name.clone(), h.content())))
        }
        (Cmd::Shell(s), docs) if !docs.is_empty() => {
            let mut text = s.clone();
            for h in docs {
                text.push('\n');
                text.push_str(&h.body);
                text.push_str(&h.name);
            }
            (config::argv(&Cmd::Shell(text), cfg), None)
        }
        (cmd, _) => (config::argv(cmd, cfg), None),
    }
}

/// The network a RUN gets: its `--network`, else the build's, else the default.
pub(super) fn network(step: Option<&str>, build: Option<&str>) -> Result<Network> {
    let pick = match step {
        None | Some("default") => build.unwrap_or("default"),
        Some(n @ ("none" | "host")) => n,
        Some(other) => bail!("RUN --network={other}: use none, host or default"),
    };
    match pick {
        "default" => Ok(Network::Default),
        n if n.starts_with("container:") => {
            bail!("--network={n}: a build step cannot join another container's network")
        }
        n => crate::engine::spec::parse::network(n),
    }
}

/// What each mount adds to the key: its options, and for a bind its sources' checksum (or
/// the image they come from). A secret adds its id only.
fn describe(env: &Env, m: &RunMount, idx: usize, built: &BTreeMap<usize, Built>) -> Result<String> {
    Ok(match m {
        RunMount::Bind {
            target,
            source,
            from,
            rw,
        } => {
            let sum = match from {
                Some(f) => stage::source_image(env, f, idx, built, "RUN --mount")?.to_string(),
                None => {
                    let found = sources::from_context(
                        &env.opts.context,
                        source,
                        env.ignore,
                        "RUN --mount",
                    )?;
                    let entries: Vec<_> = found.into_iter().flat_map(|f| f.entries).collect();
                    sources::checksum(&entries)?
                }
            };
            format!("bind {target} {source} {from:?} {rw} {sum}")
        }
        RunMount::Cache {
            target,
            id,
            sharing,
            mode,
            ro,
        } => format!("cache {target} {id} {sharing:?} {mode:o} {ro}"),
        RunMount::Tmpfs { target, size } => format!("tmpfs {target} {size:?}"),
        RunMount::Secret {
            id,
            target,
            required,
            mode,
        } => format!("secret {id} {target} {required} {mode:o}"),
    })
}

pub(super) fn run_step(
    env: &Env,
    st: &mut State,
    step: &Step,
    spec: &RunSpec,
    idx: usize,
    built: &BTreeMap<usize, Built>,
    events: &mut dyn FnMut(Event),
) -> Result<()> {
    let cfg = stage::cfg(&st.top);
    let vars = stage::vars(st);
    let workdir = cfg
        .get("WorkingDir")
        .and_then(Value::as_str)
        .unwrap_or("/")
        .to_string();
    let (argv, script) = command(spec, &cfg);
    let run_mounts = spec
        .mounts
        .iter()
        .map(|m| mounts::parse(&expand::word(m, &vars)?, &workdir))
        .collect::<Result<Vec<_>>>()?;
    let net = network(spec.network.as_deref(), env.opts.network.as_deref())?;
    let key = step_key(
        env,
        st,
        &argv,
        &run_mounts,
        &net,
        script.as_ref(),
        (idx, built),
    )?;
    let created_by = match &script {
        Some((name, content)) => format!(
            "{} <<{name}\n{content}{name}",
            argv[..argv.len() - 1].join(" ")
        ),
        None => super::created_by::run(&spec.cmd, &argv, &run_args(st)),
    };
    let mut top = st.top.clone();
    stage::history(&mut top, &created_by, false);
    let hit = stage::lookup(env, &key)?;
    let id = match hit {
        Some(id) => {
            events(Event::CacheHit(&id));
            id
        }
        None => {
            let mut held = Held::default();
            for m in &run_mounts {
                hold(env, &mut held, m, idx, built)?;
            }
            if let Some((name, content)) = &script {
                let file = held.temp(env, false)?;
                write_private(&file, content.as_bytes(), 0o755)?;
                held.bind(&file, &format!("/dev/pipes/{name}"), false);
            }
            let extra = run::Extras {
                mounts: held.mounts.clone(),
                tmpfs: held.tmpfs.clone(),
                network: net,
            };
            let id = make(env, st, step, argv, top, &run_mounts, extra)?;
            drop(held);
            stage::remember(env, &key, &id)?;
            events(Event::Made(&id));
            id
        }
    };
    st.top = stage::image_top(env.paths, &id)?;
    st.id = Some(id);
    st.chain = key;
    Ok(())
}

/// The ARGs a RUN gets in its environment, and so in its key and history: every ARG declared
/// in the stage so far, used or not, but those an ENV of the same name hides (Docker's rule:
/// `BuildArgs.FilterAllowed`). A changed value misses from the first RUN after its ARG.
fn run_args(st: &State) -> expand::Vars {
    let image_env = config::env_vars(&stage::cfg(&st.top));
    let mut args = st.args.clone();
    args.retain(|k, _| !image_env.contains_key(k));
    args
}

/// The step's cache key: its argv, the ARGs it sees, and (only when present, so plain RUNs keep
/// the keys earlier builds made) its mounts, network and heredoc script.
fn step_key(
    env: &Env,
    st: &State,
    argv: &[String],
    run_mounts: &[RunMount],
    net: &Network,
    script: Option<&(String, String)>,
    (idx, built): (usize, &BTreeMap<usize, Built>),
) -> Result<String> {
    let args: Vec<String> = run_args(st)
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let mut parts = vec![
        "RUN".to_string(),
        serde_json::to_string(argv)?,
        args.join("\n"),
    ];
    for m in run_mounts {
        parts.push(describe(env, m, idx, built)?);
    }
    if *net != Network::Default {
        parts.push(format!("network {net:?}"));
    }
    if let Some((name, content)) = script {
        parts.push(format!("heredoc {name}\n{content}"));
    }
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    Ok(cache::key(&st.chain, &refs))
}

/// Runs the step's container and writes its layer (mount points the runtime made left out).
fn make(
    env: &Env,
    st: &mut State,
    step: &Step,
    argv: Vec<String>,
    top: Value,
    run_mounts: &[RunMount],
    extra: run::Extras,
) -> Result<Digest> {
    let image_env = config::env_vars(&stage::cfg(&st.top));
    let mut run_env: Vec<String> = run_args(st)
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    // The proxy ARGs need no ARG; undeclared, they stay out of the key and the history.
    for name in super::platform::PROXY_ARGS {
        if let (Some(v), false) = (env.opts.build_args.get(name), st.args.contains_key(name)) {
            if !image_env.contains_key(name) {
                run_env.push(format!("{name}={v}"));
            }
        }
    }
    let lowers = stage::lowers(env, &st.top);
    let targets: Vec<&str> = run_mounts.iter().map(RunMount::target).collect();
    let made = made_by_mounts(&targets, &lowers);
    let parent = stage::current_image(env, st)?;
    let (container, code) = run::run_step(
        env.paths,
        env.mapping,
        &parent,
        argv,
        run_env,
        env.opts,
        extra,
    )?;
    if code != 0 {
        return Err(StepFailed {
            step: step.text.clone(),
            code,
        }
        .into());
    }
    remove_stubs(&container.upper, &made);
    write_image(
        env.paths,
        env.mapping,
        top,
        Some(&mut |tmp| {
            spool_upper(
                &container.upper,
                &container.stubs,
                tmp,
                super::clock::stamp(),
            )
        }),
    )
}
