//! COPY and ADD: the sources (context files, another stage's or image's, heredocs) placed
//! under the destination as Docker places them, hashed for the cache key, written as a layer.
use super::dockerfile::{CopyHeredoc, CopySpec};
use super::expand::{self, Vars};
use super::sources::{self, Entry, Found};
use super::stage::{cached_or, cfg, history, image_top, packed, source_image, Built, Env, State};
use super::{cache, layer, Event};
use crate::engine::image::commit::write_image;
use crate::engine::image::digest::Digest;
use crate::engine::image::store::layer_dirs;
use anyhow::{bail, Result};
use serde_json::Value;
use std::collections::BTreeMap;

pub(super) fn copy_step(
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
    let (entries, sum) = match &from_id {
        Some(_) if !c.heredocs.is_empty() => {
            bail!("{inst} --from with a heredoc source: give the heredoc without --from")
        }
        Some(id) => (None, id.to_string()),
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
            for h in &c.heredocs {
                found.push(heredoc_file(h, vars)?);
            }
            let entries = place(found, &dest, &workdir, c, inst)?;
            let sum = sources::checksum(&entries)?;
            (Some(entries), sum)
        }
    };
    let shown = format!("{inst} {srcs:?} {dest} {:?} {:?}", c.chown, c.chmod);
    let key = cache::key(&st.chain, &[&shown, &sum]);
    let diff_ids: Vec<Digest> =
        serde_json::from_value(st.top["rootfs"]["diff_ids"].clone()).unwrap_or_default();
    let lowers = layer_dirs(env.paths, &diff_ids);
    let mut top = st.top.clone();
    history(
        &mut top,
        &format!(
            "{inst} {}:{sum} in {dest}",
            if c.from.is_some() { "stage" } else { "dir" }
        ),
        false,
    );
    let id = cached_or(env, &key, events, &mut |events| {
        let entries = match (&entries, &from_id) {
            (Some(e), _) => e.clone(),
            (None, Some(id)) => place(packed(env, id, &srcs, inst)?, &dest, &workdir, c, inst)?,
            (None, None) => Vec::new(),
        };
        let entries = layer::with_parents(entries, &lowers);
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

/// A heredoc source: a file named after its delimiter, mode 0644, owned by root.
fn heredoc_file(h: &CopyHeredoc, vars: &Vars) -> Result<Found> {
    let content = match h.expand {
        true => expand::heredoc(&h.content, vars)?,
        false => h.content.clone(),
    };
    Ok(Found {
        is_dir: false,
        name: h.name.clone(),
        entries: vec![Entry {
            path: String::new(),
            content: sources::Content::Bytes(content.into_bytes()),
            mode: 0o644,
            uid: 0,
            gid: 0,
            mtime: layer::now(),
        }],
    })
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
