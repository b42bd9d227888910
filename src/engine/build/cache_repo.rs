//! `--cache-from` and `--cache-to` (podman's): a repository that holds a build's step images
//! tagged `REPO:KEY`, where KEY is the step's cache key (`cache.rs`). `--cache-to` tags every
//! step's image there; `--cache-from` finds a step's image there when the store has no entry
//! for it (after `builder prune`, or in another store the images were copied to). Only local
//! repositories (`localhost/NAME`) are supported: a registry's is refused, never ignored.
use crate::engine::image::digest::Digest;
use crate::engine::image::reference::{Origin, Reference};
use crate::engine::image::store::Index;
use crate::store::Paths;
use anyhow::{bail, Result};

/// The local repository `r` names (`cache` and `localhost/cache` are `localhost/cache`).
pub(crate) fn repository(r: &str, flag: &str) -> Result<String> {
    let parsed = Reference::parse(r)?;
    if parsed.tag.is_some() || parsed.digest.is_some() {
        bail!("{flag} {r}: give a repository without a tag or digest (skiff tags each step as REPO:KEY)");
    }
    let n = parsed.normalized(Origin::Local);
    if n.domain.as_deref() != Some("localhost") {
        bail!("{flag} {r}: only local repositories are supported (skiff neither pulls nor pushes cache images); name one such as localhost/{}", parsed.path.rsplit('/').next().unwrap_or("cache"));
    }
    Ok(n.repository())
}

/// The image tagged `REPO:KEY` in the first of `repos` that has one.
pub(crate) fn lookup(paths: &Paths, repos: &[String], key: &str) -> Result<Option<Digest>> {
    if repos.is_empty() {
        return Ok(None);
    }
    let index = Index::read(paths)?;
    Ok(repos.iter().find_map(|r| {
        let i = index.by_name(&format!("{r}:{key}"))?;
        Some(index.images[i].id.clone())
    }))
}

/// Tags `id` as `REPO:KEY`.
pub(crate) fn tag(paths: &Paths, repo: &str, key: &str, id: &Digest) -> Result<()> {
    crate::engine::image::tag::tag(paths, id.as_str(), &format!("{repo}:{key}"))?;
    Ok(())
}
