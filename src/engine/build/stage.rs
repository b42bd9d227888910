//! One stage: its base (an image, `scratch` or an earlier stage), then its steps in order, each
//! found in the cache or made. A step's cache key chains from the one before it, so a change
//! rebuilds from that step down and nothing above it.
use super::dockerfile::{CopySpec, Dockerfile, Op, Step};
use super::dockerignore::Ignore;
use super::expand::{self, Vars};
use super::sources::{self, Entry, Found};
use super::{
    cache, clock, config, created_by, layer, run, stage_ref, BuildOptions, Event, StepFailed,
};
use crate::engine::image::commit::{spool_upper, write_image};
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
}

/// The stage being built.
struct State {
    /// The image config so far (top level: architecture, os, config, rootfs, history).
    top: Value,
    /// The last image written (or found) for this stage, if the config has not changed since.
    id: Option<Digest>,
    /// The cache chain: the base's id, then each step's key.
    chain: String,
    /// The stage's ARGs in scope, with their values.
    args: Vars,
    cmd_set: bool,
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
        .with_context(|| format!("Dockerfile:{}", stage.line))?;
    if base.is_empty() {
        bail!(
            "{}:{}: FROM names no image (is an ARG undefined?)",
            env.opts.dockerfile_name,
            stage.line
        );
    }
    let mut st = base_state(env, idx, &base, built)?;
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
    Ok(Built { id, top: st.top })
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

fn image_top(paths: &Paths, id: &Digest) -> Result<Value> {
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

fn cfg(top: &Value) -> Map<String, Value> {
    top["config"].as_object().cloned().unwrap_or_default()
}

/// The variables a step's expansion sees: its ARGs, then the image's ENV over them.
fn vars(st: &State) -> Vars {
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
        Op::Arg(decl) => {
            let (name, default) = arg_decl(decl, &vars)?;
            let value = env
                .opts
                .build_args
                .get(&name)
                .or_else(|| env.global.get(&name))
                .cloned()
                .or(default)
                .unwrap_or_default();
            st.chain = cache::key(&st.chain, &["ARG", &format!("{name}={value}")]);
            history(&mut st.top, &created_by::nop(&format!("ARG {name}")), true);
            st.id = None;
            st.args.insert(name, value);
        }
        Op::Run(cmd) => run_step(env, st, step, config::argv(cmd, &cfg(&st.top)), events)?,
        Op::Copy(c) => copy_step(env, st, c, &vars, idx, built, events)?,
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

fn history(top: &mut Value, created_by: &str, empty: bool) {
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
fn cached_or(
    env: &Env,
    key: &str,
    events: &mut dyn FnMut(Event),
    make: &mut MakeImage,
) -> Result<Digest> {
    if !env.opts.no_cache {
        if let Some(id) = cache::lookup(env.paths, key)? {
            events(Event::CacheHit(&id));
            return Ok(id);
        }
    }
    let id = make(events)?;
    cache::record(env.paths, key, &id)?;
    Ok(id)
}

/// The stage's current image, written first when config steps changed it since the last one.
fn current_image(env: &Env, st: &mut State) -> Result<Digest> {
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

fn run_step(
    env: &Env,
    st: &mut State,
    step: &Step,
    argv: Vec<String>,
    events: &mut dyn FnMut(Event),
) -> Result<()> {
    let args: Vec<String> = st.args.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let key = cache::key(
        &st.chain,
        &["RUN", &serde_json::to_string(&argv)?, &args.join("\n")],
    );
    let image_env = config::env_vars(&cfg(&st.top));
    let run_env: Vec<String> = st
        .args
        .iter()
        .filter(|(k, _)| !image_env.contains_key(*k))
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let mut top = st.top.clone();
    history(&mut top, &created_by::run(&step.op, &argv, &st.args), false);
    let hit = match env.opts.no_cache {
        true => None,
        false => cache::lookup(env.paths, &key)?,
    };
    let id = match hit {
        Some(id) => {
            events(Event::CacheHit(&id));
            id
        }
        None => {
            let parent = current_image(env, st)?;
            let (container, code) =
                run::run_step(env.paths, env.mapping, &parent, argv, run_env, env.opts)?;
            if code != 0 {
                return Err(StepFailed {
                    step: step.text.clone(),
                    code,
                }
                .into());
            }
            let id = write_image(
                env.paths,
                env.mapping,
                top,
                Some(&mut |tmp| {
                    spool_upper(&container.upper, &container.stubs, tmp, clock::stamp())
                }),
            )?;
            drop(container);
            cache::record(env.paths, &key, &id)?;
            events(Event::Made(&id));
            id
        }
    };
    st.top = image_top(env.paths, &id)?;
    st.id = Some(id);
    st.chain = key;
    Ok(())
}

fn copy_step(
    env: &Env,
    st: &mut State,
    c: &CopySpec,
    vars: &Vars,
    idx: usize,
    built: &BTreeMap<usize, Built>,
    events: &mut dyn FnMut(Event),
) -> Result<()> {
    let inst = if c.add { "ADD" } else { "COPY" };
    let srcs: Vec<String> = c
        .sources
        .iter()
        .map(|s| expand::word(s, vars))
        .collect::<Result<_>>()?;
    let dest = expand::word(&c.dest, vars)?;
    let workdir = cfg(&st.top)
        .get("WorkingDir")
        .and_then(Value::as_str)
        .unwrap_or("/")
        .to_string();
    let from_id = match &c.from {
        Some(from) => Some(source_image(
            env,
            &expand::word(from, vars)?,
            idx,
            built,
            inst,
        )?),
        None => None,
    };
    // Context sources are hashed for the key; another stage's files are keyed by its image id
    // and read only on a miss.
    let (entries, sum, kind) = match &from_id {
        Some(id) => (
            None,
            id.to_string(),
            created_by::Kind::of_sources(srcs.len(), false),
        ),
        None => {
            let mut found = Vec::new();
            for s in &srcs {
                found.extend(sources::from_context(
                    &env.opts.context,
                    s,
                    env.ignore,
                    inst,
                )?);
            }
            if c.add {
                refuse_archives(&found)?;
            }
            let kind = created_by::Kind::of_sources(found.len(), found.iter().all(|f| f.is_dir));
            let entries = place(found, &dest, &workdir, c, inst)?;
            let sum = sources::checksum(&entries)?;
            (Some(entries), sum, kind)
        }
    };
    let shown = format!("{inst} {srcs:?} {dest} {:?} {:?}", c.chown, c.chmod);
    let key = cache::key(&st.chain, &[&shown, &sum]);
    let diff_ids: Vec<Digest> =
        serde_json::from_value(st.top["rootfs"]["diff_ids"].clone()).unwrap_or_default();
    let lowers = layer_dirs(env.paths, &diff_ids);
    let mut top = st.top.clone();
    history(&mut top, &created_by::copy(inst, kind, &sum, &dest), false);
    let id = cached_or(env, &key, events, &mut |events| {
        let entries = match (&entries, &from_id) {
            (Some(e), _) => e.clone(),
            (None, Some(id)) => place(packed(env, id, &srcs, inst)?, &dest, &workdir, c, inst)?,
            (None, None) => Vec::new(),
        };
        let mut entries = layer::with_parents(entries, &lowers);
        entries
            .iter_mut()
            .for_each(|e| e.mtime = clock::mtime(e.mtime));
        let id = write_image(
            env.paths,
            env.mapping,
            top.clone(),
            Some(&mut |tmp| layer::write(&entries, tmp)),
        )?;
        events(Event::Made(&id));
        Ok(id)
    })?;
    st.top = image_top(env.paths, &id)?;
    st.id = Some(id);
    st.chain = key;
    Ok(())
}

/// `ADD` of a local archive is extracted by Docker: not done yet, so refused rather than copied.
fn refuse_archives(found: &[Found]) -> Result<()> {
    for f in found.iter().filter(|f| !f.is_dir) {
        let name = &f.name;
        let archive = [
            ".tar", ".tgz", ".tar.gz", ".tar.xz", ".tar.bz2", ".tar.zst", ".txz",
        ]
        .iter()
        .any(|ext| name.ends_with(ext));
        if archive {
            bail!("ADD of a local archive ({name}) is not supported by skiff build yet: extracting it is to come; use COPY and RUN tar x");
        }
    }
    Ok(())
}

/// The image a `--from` names: an earlier stage's, else a local image.
fn source_image(
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
fn packed(env: &Env, id: &Digest, srcs: &[String], inst: &str) -> Result<Vec<Found>> {
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

/// Places the sources under `dest` (relative to the working dir), as Docker does: a directory's
/// contents go into `dest`; a file goes to `dest` itself, or into it when it ends in `/` or
/// there are several sources.
fn place(
    found: Vec<Found>,
    dest: &str,
    workdir: &str,
    c: &CopySpec,
    inst: &str,
) -> Result<Vec<Entry>> {
    let abs = match dest.starts_with('/') {
        true => dest.to_string(),
        false => format!("{}/{dest}", workdir.trim_end_matches('/')),
    };
    let into_dir = dest.ends_with('/') || dest.ends_with("/.") || dest == "." || found.len() > 1;
    if found.len() > 1 && !(dest.ends_with('/') || dest == ".") {
        bail!("{inst} with more than one source needs a directory destination ending in / (write {dest}/)");
    }
    let base = sources::clean(&abs, inst)?.join("/");
    let (uid, gid) = match &c.chown {
        Some(o) => chown(o)?,
        None => (None, None),
    };
    let mode =
        match &c.chmod {
            Some(m) => Some(u32::from_str_radix(m, 8).map_err(|_| {
                anyhow::anyhow!("--chmod={m}: not an octal mode (write --chmod=755)")
            })?),
            None => None,
        };
    let mut out = Vec::new();
    for f in found {
        let root = match (f.is_dir, into_dir) {
            (true, _) | (false, false) => base.clone(),
            (false, true) => join(&base, &f.name),
        };
        for mut e in f.entries {
            if f.is_dir && e.path.is_empty() {
                continue;
            }
            e.path = join(&root, &e.path);
            if let Some(u) = uid {
                e.uid = u;
                e.gid = gid.unwrap_or(u);
            }
            if let (Some(m), false) = (mode, matches!(e.content, sources::Content::Symlink(_))) {
                e.mode = m;
            }
            out.push(e);
        }
    }
    if out.iter().any(|e| e.path.is_empty()) {
        bail!("{inst}: cannot copy a file onto / (name a destination path)");
    }
    Ok(out)
}

fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (_, true) => a.to_string(),
        (true, false) => b.to_string(),
        _ => format!("{a}/{b}"),
    }
}

/// `--chown=UID[:GID]`; names need the image's passwd, which this slice does not read yet.
fn chown(o: &str) -> Result<(Option<u64>, Option<u64>)> {
    let (u, g) = match o.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (o, None),
    };
    let num = |s: &str| {
        s.parse::<u64>().map_err(|_| {
            anyhow::anyhow!("--chown={o}: user and group names are not supported by skiff build yet; give numeric ids (--chown=1000:1000)")
        })
    };
    Ok((Some(num(u)?), g.map(num).transpose()?))
}
