//! COPY and ADD: the sources (context files, another stage's or image's, heredocs) placed
//! under the destination as Docker places them, hashed for the cache key, written as a layer.
use super::created_by::Kind;
use super::dockerfile::{CopyHeredoc, CopySpec};
use super::dockerignore::Ignore;
use super::expand::{self, Vars};
use super::sources::{self, Content, Entry, Found};
use super::stage::{self, cached_or, history, image_top, packed, source_image, Built, Env, State};
use super::{archive, url};
use super::{cache, layer, Event};
use crate::engine::container::user;
use crate::engine::image::commit::write_image;
use crate::engine::image::digest::Digest;
use anyhow::{bail, Result};
use std::collections::BTreeMap;
use std::path::PathBuf;

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
    let c = &expanded(c, vars)?;
    let srcs: Vec<String> = c
        .sources
        .iter()
        .map(|s| expand::word(s, vars))
        .collect::<Result<_>>()?;
    let dest = expand::word(&c.dest, vars)?;
    let lowers = stage::lowers(env, &st.top);
    let shape = Shape::new(c, &dest, &stage::workdir(&st.top), &lowers, inst)?;
    let from_id = match &c.from {
        Some(f) => Some(source_image(env, f, idx, built, inst)?),
        None => None,
    };
    // Context sources are hashed for the key; another stage's files are keyed by its image id
    // and read only on a miss. Downloads stay until the layer is written.
    let mut downloads = Vec::new();
    let (entries, sum, kind) = match &from_id {
        Some(_) if !c.heredocs.is_empty() => {
            bail!("{inst} --from with a heredoc source: give the heredoc without --from")
        }
        Some(id) => (None, id.to_string(), Kind::of_sources(srcs.len(), false)),
        None => {
            let found = context_sources(env, c, &srcs, vars, &mut downloads)?;
            let kind = Kind::of_sources(found.len(), found.iter().all(|f| f.is_dir));
            let entries = shape.place(found)?;
            let sum = sources::checksum(&entries)?;
            (Some(entries), sum, kind)
        }
    };
    // Everything here is expanded: the ARG values a COPY uses are in its key, the others are
    // not (they do not change what it makes, so a changed one still hits, as in Docker).
    let mut shown = format!(
        "{inst} {srcs:?} {dest} {:?} {:?} {} {:?}",
        c.chown, c.chmod, c.parents, c.excludes
    );
    if c.chown.is_some() {
        // Entries made before the directories a COPY creates were chowned too are stale.
        shown.push_str(" chown-new-dirs");
    }
    let key = cache::key(&st.chain, &[&shown, &sum]);
    let mut top = st.top.clone();
    history(
        &mut top,
        &super::created_by::copy(inst, kind, &sum, &dest),
        false,
    );
    let id = cached_or(env, &key, events, &mut |events| {
        let entries = match (&entries, &from_id) {
            (Some(e), _) => e.clone(),
            (None, Some(id)) => from_image(env, id, &srcs, &shape)?,
            (None, None) => Vec::new(),
        };
        let mut entries = layer::with_parents(entries, &lowers, shape.owner);
        entries
            .iter_mut()
            .for_each(|e| e.mtime = super::clock::mtime(e.mtime));
        let id = write_image(
            env.paths,
            env.mapping,
            top.clone(),
            Some(&mut |tmp| layer::write(&entries, tmp)),
        )?;
        events(Event::Made(&id));
        Ok(id)
    })?;
    drop(downloads);
    st.top = image_top(env.paths, &id)?;
    st.id = Some(id);
    st.chain = key;
    Ok(())
}

/// `c` with its flags expanded as Docker expands them (`--from`, `--chown`, `--chmod`,
/// `--exclude`), so that what the step does and what its key holds are the same text.
fn expanded(c: &CopySpec, vars: &Vars) -> Result<CopySpec> {
    let opt = |o: &Option<String>| o.as_deref().map(|v| expand::word(v, vars)).transpose();
    Ok(CopySpec {
        from: opt(&c.from)?,
        chown: opt(&c.chown)?,
        chmod: opt(&c.chmod)?,
        excludes: (c.excludes.iter())
            .map(|e| expand::word(e, vars))
            .collect::<Result<_>>()?,
        ..c.clone()
    })
}

/// The sources `srcs` of image `id` (`--from`), placed.
fn from_image(env: &Env, id: &Digest, srcs: &[String], shape: &Shape) -> Result<Vec<Entry>> {
    let mut found = packed(env, id, srcs, shape.inst)?;
    for (f, s) in found.iter_mut().zip(srcs) {
        shape.shape(f, s)?;
    }
    shape.place(found)
}

/// The sources of a COPY/ADD without --from: context files (a local archive extracted by
/// ADD), URLs (ADD), heredocs; each shaped by --parents and --exclude.
fn context_sources(
    env: &Env,
    c: &CopySpec,
    srcs: &[String],
    vars: &Vars,
    downloads: &mut Vec<url::Download>,
) -> Result<Vec<Found>> {
    let inst = if c.add { "ADD" } else { "COPY" };
    let mut out = Vec::new();
    let shape = Shape::for_sources(c)?;
    for s in srcs {
        if c.add && url::is_url(s) {
            let (found, dl) = url::fetch(env.paths, s, c.checksum.as_deref())?;
            downloads.push(dl);
            out.push(found);
            continue;
        }
        for mut f in sources::from_context(&env.opts.context, s, env.ignore, inst)? {
            if let (true, false, Some(sources::Content::File(p))) =
                (c.add, f.is_dir, f.entries.first().map(|e| &e.content))
            {
                if let Some(x) = archive::extract(p, &f.name)? {
                    f = x;
                }
            }
            shape.shape(&mut f, s)?;
            out.push(f);
        }
    }
    for h in &c.heredocs {
        out.push(heredoc_file(h, vars)?);
    }
    Ok(out)
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
            content: Content::Bytes(content.into_bytes()),
            mode: 0o644,
            uid: 0,
            gid: 0,
            mtime: layer::now(),
        }],
    })
}

fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (_, true) => a.to_string(),
        (true, false) => b.to_string(),
        _ => format!("{a}/{b}"),
    }
}

/// How sources land under the destination: Docker's placement rules, --chown, --chmod,
/// --parents and --exclude.
struct Shape<'a> {
    base: String,
    dest: &'a str,
    parents: bool,
    exclude: Option<Ignore>,
    owner: Option<(u64, u64)>,
    mode: Option<u32>,
    inst: &'a str,
}

impl<'a> Shape<'a> {
    fn new(
        c: &CopySpec,
        dest: &'a str,
        workdir: &str,
        lowers: &[PathBuf],
        inst: &'a str,
    ) -> Result<Shape<'a>> {
        let abs = match dest.starts_with('/') {
            true => dest.to_string(),
            false => format!("{}/{dest}", workdir.trim_end_matches('/')),
        };
        let mode = match &c.chmod {
            Some(m) => Some(u32::from_str_radix(m, 8).map_err(|_| {
                anyhow::anyhow!("--chmod={m}: not an octal mode (write --chmod=755)")
            })?),
            None => None,
        };
        Ok(Shape {
            base: sources::clean(&abs, inst)?.join("/"),
            dest,
            owner: c.chown.as_deref().map(|o| chown(o, lowers)).transpose()?,
            mode,
            inst,
            ..Shape::for_sources(c)?
        })
    }

    /// Only what shaping a source needs (--parents, --exclude).
    fn for_sources(c: &CopySpec) -> Result<Shape<'static>> {
        let exclude = match c.excludes.is_empty() {
            true => None,
            false => Some(Ignore::parse(&c.excludes.join("\n"))?),
        };
        Ok(Shape {
            base: String::new(),
            dest: "",
            parents: c.parents,
            exclude,
            owner: None,
            mode: None,
            inst: "",
        })
    }

    /// Applies --exclude (patterns match the path under the source, or with the source's
    /// name) and --parents (the source's parent path, after a `/./` pivot, kept in its name).
    fn shape(&self, f: &mut Found, src: &str) -> Result<()> {
        if let Some(ex) = &self.exclude {
            let name = f.name.clone();
            f.entries.retain(|e| {
                let with_name = join(&name, &e.path);
                !(ex.excluded(&with_name) || !e.path.is_empty() && ex.excluded(&e.path))
            });
        }
        if self.parents {
            let pivot = match src.split_once("/./") {
                Some((_, after)) => after,
                None => src,
            };
            let mut parts = sources::clean(pivot, "COPY --parents")?;
            parts.pop();
            f.name = join(&parts.join("/"), &f.name);
        }
        Ok(())
    }

    /// Places the sources under the destination, as Docker does: a directory's contents go
    /// into it; a file goes to the destination itself, or into it when it ends in `/` or there
    /// are several sources; with --parents every source goes in under its kept path.
    fn place(&self, found: Vec<Found>) -> Result<Vec<Entry>> {
        let (dest, inst) = (self.dest, self.inst);
        let into_dir =
            dest.ends_with('/') || dest.ends_with("/.") || dest == "." || found.len() > 1;
        if found.len() > 1 && !(dest.ends_with('/') || dest == ".") {
            bail!("{inst} with more than one source needs a directory destination ending in / (write {dest}/)");
        }
        let mut out = Vec::new();
        for f in found {
            let root = match (f.is_dir, into_dir || self.parents) {
                (true, _) if self.parents => join(&self.base, &f.name),
                (true, _) | (false, false) => self.base.clone(),
                (false, true) => join(&self.base, &f.name),
            };
            for mut e in f.entries {
                if f.is_dir && e.path.is_empty() && !self.parents {
                    continue;
                }
                e.path = join(&root, &e.path);
                if let Some((u, g)) = self.owner {
                    e.uid = u;
                    e.gid = g;
                }
                if let (Some(m), false) = (self.mode, matches!(e.content, Content::Symlink(_))) {
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
}

/// `--chown=USER[:GROUP]`: ids, or names looked up in the stage's own /etc/passwd and
/// /etc/group (through its layers, never the host's). Without a group, the gid is the uid
/// (Docker's rule).
fn chown(o: &str, lowers: &[PathBuf]) -> Result<(u64, u64)> {
    let (u, g) = match o.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (o, None),
    };
    let uid = match u.parse::<u64>() {
        Ok(n) => n,
        Err(_) => u64::from(
            user::resolve(lowers, Some(u))
                .map_err(|e| anyhow::anyhow!("--chown={o}: {e:#}"))?
                .uid,
        ),
    };
    let gid = match g {
        None => uid,
        Some(g) => match g.parse::<u64>() {
            Ok(n) => n,
            Err(_) => u64::from(
                user::group_ids(lowers, &[g.to_string()])
                    .map_err(|e| anyhow::anyhow!("--chown={o}: {e:#}"))?[0],
            ),
        },
    };
    Ok((uid, gid))
}
