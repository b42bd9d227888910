//! One stage: its base (an image, `scratch` or an earlier stage), then its steps in order, each
//! found in the cache or made. A step's cache key chains from the one before it, so a change
//! rebuilds from that step down and nothing above it.
use super::dockerfile::{Dockerfile, Op, Step};
use super::dockerignore::Ignore;
use super::expand::{self, Vars};
use super::sources::{self, Found};
use super::{cache, config, created_by, stage_ref, BuildOptions, Event};
use crate::engine::image::commit::write_image;
use crate::engine::image::digest::Digest;
use crate::engine::image::store::{host_arch, layer_dirs, read_blob};
use crate::runtime::userns::Mapping;
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What every stage of a build shares.
pub(crate) struct Env<'a> {
    pub(crate) paths: &'a Paths,
    pub(crate) mapping: &'a Mapping,
    pub(crate) opts: &'a BuildOptions,
    pub(crate) df: &'a Dockerfile,
    pub(crate) global: &'a Vars,
    pub(crate) ignore: &'a Ignore,
    /// `--label`s, for the target stage.
    pub(crate) labels: &'a [(String, String)],
    pub(crate) position: Option<(usize, usize)>,
}

/// A built stage: its image and config.
pub(crate) struct Built {
    pub(crate) id: Digest,
    pub(crate) top: Value,
    /// How many layers and history entries came from the stage's base (for `--squash`).
    pub(crate) base: (usize, usize),
}

/// The stage being built.
pub(super) struct State {
    /// The image config so far (top level: architecture, os, config, rootfs, history).
    pub(super) top: Value,
    /// The last image written (or found) for this stage, if the config has not changed since.
    pub(super) id: Option<Digest>,
    /// The cache chain: the base's id, then each step's key.
    pub(super) chain: String,
    /// The stage's ARGs in scope, with their values.
    pub(super) args: Vars,
    pub(super) cmd_set: bool,
}

pub(crate) fn build(
    env: &Env,
    idx: usize,
    built: &BTreeMap<usize, Built>,
    events: &mut dyn FnMut(Event),
) -> Result<Built> {
    let stage = &env.df.stages[idx];
    let m = stage.steps.len() + 1 + usize::from(!env.labels.is_empty());
    events(Event::Step {
        stage: env.position,
        n: 1,
        m,
        text: &stage.text,
    });
    let base = expand::word(&stage.image, env.global)
        .with_context(|| format!("{}:{}", env.opts.dockerfile_name, stage.line))?;
    if base.is_empty() {
        bail!(
            "{}:{}: FROM {} names no image: an ARG it uses is undefined (declare it with a default before the first FROM, or give --build-arg)",
            env.opts.dockerfile_name,
            stage.line,
            stage.image
        );
    }
    if let Some(p) = &stage.platform {
        let p = expand::word(p, env.global)?;
        super::platform::check(&p, "FROM --platform")
            .with_context(|| format!("{}:{}", env.opts.dockerfile_name, stage.line))?;
    }
    let mut st = base_state(env, idx, &base, built)?;
    let base_counts = (
        st.top["rootfs"]["diff_ids"].as_array().map_or(0, Vec::len),
        st.top["history"].as_array().map_or(0, Vec::len),
    );
    fire_triggers(env, &mut st, idx, built, &base, m, events)?;
    for (i, step) in stage.steps.iter().enumerate() {
        events(Event::Step {
            stage: env.position,
            n: i + 2,
            m,
            text: &step.text,
        });
        step_one(env, &mut st, step, idx, built, events).with_context(|| {
            format!("{}:{}: {}", env.opts.dockerfile_name, step.line, step.text)
        })?;
    }
    if !env.labels.is_empty() {
        let text: Vec<String> = env
            .labels
            .iter()
            .map(|(k, v)| format!("{k}={}", serde_json::to_string(v).unwrap_or_default()))
            .collect();
        let text = text.join(" ");
        events(Event::Step {
            stage: env.position,
            n: m,
            m,
            text: &format!("LABEL {text}"),
        });
        config_step(&mut st, &Op::Label(text), &Vars::new())?;
    }
    let id = match st.id.clone() {
        Some(id) => id,
        None => {
            let key = cache::key(&st.chain, &["image"]);
            cached_or(env, &key, events, &mut |_| {
                write_image(env.paths, env.mapping, st.top.clone(), None)
            })?
        }
    };
    Ok(Built {
        id,
        top: st.top,
        base: base_counts,
    })
}

/// The base image's ONBUILD triggers, run in order as the steps right after FROM; the stage's
/// config then has no `OnBuild` of its own (Docker does not inherit them).
fn fire_triggers(
    env: &Env,
    st: &mut State,
    idx: usize,
    built: &BTreeMap<usize, Built>,
    base: &str,
    m: usize,
    events: &mut dyn FnMut(Event),
) -> Result<()> {
    let triggers: Vec<String> =
        serde_json::from_value(st.top["config"]["OnBuild"].clone()).unwrap_or_default();
    if triggers.is_empty() {
        return Ok(());
    }
    if let Some(c) = st.top["config"].as_object_mut() {
        c.remove("OnBuild");
    }
    st.id = None;
    st.chain = cache::key(&st.chain, &["ONBUILD fired"]);
    for step in super::onbuild::steps(&triggers, base)? {
        events(Event::Step {
            stage: env.position,
            n: 1,
            m,
            text: &step.text,
        });
        step_one(env, st, &step, idx, built, events).with_context(|| {
            format!(
                "{}:{}: {}",
                env.opts.dockerfile_name, env.df.stages[idx].line, step.text
            )
        })?;
    }
    Ok(())
}

fn base_state(env: &Env, idx: usize, base: &str, built: &BTreeMap<usize, Built>) -> Result<State> {
    let (top, id) = if base == "scratch" {
        let top = json!({
            "architecture": host_arch(), "os": "linux", "config": {},
            "rootfs": { "type": "layers", "diff_ids": [] }, "history": [],
        });
        (top, None)
    } else if let Some(b) = stage_ref(env.df, idx, base).and_then(|i| built.get(&i)) {
        (b.top.clone(), Some(b.id.clone()))
    } else {
        let img = crate::engine::image::resolve(env.paths, base)?;
        (image_top(env.paths, &img.id)?, Some(img.id))
    };
    let chain = match &id {
        Some(id) => id.to_string(),
        None => "scratch".to_string(),
    };
    Ok(State {
        top,
        id,
        chain,
        args: Vars::new(),
        cmd_set: false,
    })
}

pub(super) fn image_top(paths: &Paths, id: &Digest) -> Result<Value> {
    serde_json::from_slice(&read_blob(paths, id)?)
        .with_context(|| format!("image config {id} is corrupt"))
}

/// `name[=default]` of an ARG, the default expanded.
pub(crate) fn arg_decl(decl: &str, vars: &Vars) -> Result<(String, Option<String>)> {
    match decl.split_once('=') {
        Some((k, v)) => Ok((k.trim().to_string(), Some(expand::word(v, vars)?))),
        None => Ok((decl.trim().to_string(), None)),
    }
}

pub(super) fn cfg(top: &Value) -> Map<String, Value> {
    top["config"].as_object().cloned().unwrap_or_default()
}

/// The stage's working directory so far.
pub(super) fn workdir(top: &Value) -> String {
    top["config"]["WorkingDir"]
        .as_str()
        .filter(|w| !w.is_empty())
        .unwrap_or("/")
        .to_string()
}

/// The layer directories of the image `top` describes, bottom first.
pub(super) fn lowers(env: &Env, top: &Value) -> Vec<PathBuf> {
    let diff_ids: Vec<Digest> =
        serde_json::from_value(top["rootfs"]["diff_ids"].clone()).unwrap_or_default();
    layer_dirs(env.paths, &diff_ids)
}

/// The variables a step's expansion sees: its ARGs, then the image's ENV over them.
pub(super) fn vars(st: &State) -> Vars {
    let mut v = st.args.clone();
    v.extend(config::env_vars(&cfg(&st.top)));
    v
}

fn step_one(
    env: &Env,
    st: &mut State,
    step: &Step,
    idx: usize,
    built: &BTreeMap<usize, Built>,
    events: &mut dyn FnMut(Event),
) -> Result<()> {
    let vars = vars(st);
    match &step.op {
        Op::Arg(decls) => {
            // `ARG A B=2`: several names (BuildKit's). A stage default wins over the global
            // ARG's value; a --build-arg over both.
            for decl in expand::split(decls) {
                let (name, default) = arg_decl(&decl, &vars)?;
                let value = env
                    .opts
                    .build_args
                    .get(&name)
                    .cloned()
                    .or(default)
                    .or_else(|| env.global.get(&name).cloned());
                // The declaration as written, not the value: like Docker, a changed value
                // misses only where it is used (a RUN's environment, an expanded word), so
                // the steps in between still hit.
                st.chain = cache::key(&st.chain, &["ARG", &decl]);
                history(&mut st.top, &created_by::nop(&format!("ARG {name}")), true);
                st.id = None;
                // Without a value it stays unset (Docker's): `${V-x}` gives x, a RUN has
                // no V in its environment.
                if let Some(value) = value {
                    st.args.insert(name, value);
                }
            }
        }
        Op::Run(spec) => super::run_step::run_step(env, st, step, spec, idx, built, events)?,
        Op::Copy(c) => super::copy_step::copy_step(env, st, c, &vars, idx, built, events)?,
        op => config_step(st, op, &vars)?,
    }
    Ok(())
}

fn config_step(st: &mut State, op: &Op, vars: &Vars) -> Result<()> {
    let before = cfg(&st.top).get("Cmd").cloned();
    let top = st
        .top
        .as_object_mut()
        .context("the image config is not an object")?;
    let shown = config::apply(top, op, vars)?;
    match op {
        Op::Cmd(_) => st.cmd_set = true,
        // An ENTRYPOINT resets the base image's CMD, not one this stage set (Docker's rule).
        Op::Entrypoint(_) if st.cmd_set => {
            st.top["config"]["Cmd"] = before.unwrap_or(Value::Null);
        }
        _ => {}
    }
    history(&mut st.top, &created_by::nop(&shown), true);
    st.chain = cache::key(&st.chain, &[&shown]);
    st.id = None;
    Ok(())
}

pub(super) fn history(top: &mut Value, created_by: &str, empty: bool) {
    let now = super::clock::now();
    let mut entry = json!({ "created": now, "created_by": created_by });
    if empty {
        entry["empty_layer"] = json!(true);
    }
    top["created"] = json!(now);
    match top["history"].as_array_mut() {
        Some(h) => h.push(entry),
        None => top["history"] = json!([entry]),
    }
}

/// Makes a step's image, reporting to the events it is handed.
type MakeImage<'a> = dyn FnMut(&mut dyn FnMut(Event)) -> Result<Digest> + 'a;

/// The image under `key` when the cache has it (and `--no-cache` is not given), else `make`'s.
pub(super) fn cached_or(
    env: &Env,
    key: &str,
    events: &mut dyn FnMut(Event),
    make: &mut MakeImage,
) -> Result<Digest> {
    if let Some(id) = lookup(env, key)? {
        events(Event::CacheHit(&id));
        return Ok(id);
    }
    let id = make(events)?;
    remember(env, key, &id)?;
    Ok(id)
}

/// The image cached under `key` (none with `--no-cache`): the store's entry, else a
/// `--cache-from` repository's `REPO:KEY`, which then gets an entry too. `--cache-to` tags a hit.
pub(super) fn lookup(env: &Env, key: &str) -> Result<Option<Digest>> {
    if env.opts.no_cache {
        return Ok(None);
    }
    let id = match cache::lookup(env.paths, key)? {
        Some(id) => id,
        None => match super::cache_repo::lookup(env.paths, &env.opts.cache_from, key)? {
            Some(id) => {
                cache::record(env.paths, key, &id)?;
                id
            }
            None => return Ok(None),
        },
    };
    if let Some(repo) = &env.opts.cache_to {
        super::cache_repo::tag(env.paths, repo, key, &id)?;
    }
    Ok(Some(id))
}

/// Records a step's new image under `key`, and tags it into the `--cache-to` repository.
pub(super) fn remember(env: &Env, key: &str, id: &Digest) -> Result<()> {
    cache::record(env.paths, key, id)?;
    if let Some(repo) = &env.opts.cache_to {
        super::cache_repo::tag(env.paths, repo, key, id)?;
    }
    Ok(())
}

/// The stage's current image, written first when config steps changed it since the last one.
pub(super) fn current_image(env: &Env, st: &mut State) -> Result<Digest> {
    if let Some(id) = &st.id {
        return Ok(id.clone());
    }
    let key = cache::key(&st.chain, &["image"]);
    let top = st.top.clone();
    let id = cached_or(env, &key, &mut |_| {}, &mut |_| {
        write_image(env.paths, env.mapping, top.clone(), None)
    })?;
    st.id = Some(id.clone());
    Ok(id)
}

/// The image a `--from` names: an earlier stage's, else a local image.
pub(super) fn source_image(
    env: &Env,
    from: &str,
    idx: usize,
    built: &BTreeMap<usize, Built>,
    inst: &str,
) -> Result<Digest> {
    Ok(
        match stage_ref(env.df, idx, from).and_then(|i| built.get(&i)) {
            Some(b) => b.id.clone(),
            None => {
                crate::engine::image::resolve(env.paths, from)
                    .with_context(|| {
                        format!("{inst} --from={from}: no such stage, and no such local image")
                    })?
                    .id
            }
        },
    )
}

/// The sources `srcs` in image `id`'s merged file system, packed once to a temp file.
pub(super) fn packed(env: &Env, id: &Digest, srcs: &[String], inst: &str) -> Result<Vec<Found>> {
    let top = image_top(env.paths, id)?;
    let diff_ids: Vec<Digest> =
        serde_json::from_value(top["rootfs"]["diff_ids"].clone()).unwrap_or_default();
    let mut layers: Vec<PathBuf> = layer_dirs(env.paths, &diff_ids);
    layers.reverse();
    let tmp = env.paths.blobs().join(crate::store::tmp_name());
    let found = (|| -> Result<Vec<Found>> {
        let f = std::fs::File::create(&tmp)
            .with_context(|| format!("cannot create {}", tmp.display()))?;
        let mut w = crate::engine::image::pack::pack_merged(&layers, std::io::BufWriter::new(f))?;
        std::io::Write::flush(&mut w)?;
        let mut out = Vec::new();
        for s in srcs {
            out.extend(sources::from_tar(&tmp, s, inst)?);
        }
        Ok(out)
    })();
    let _ = std::fs::remove_file(&tmp);
    found
}
