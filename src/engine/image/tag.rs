//! `tag`: gives an image one more name. A bare name without a domain is a local one
//! (`localhost/NAME:latest`), a namespaced one Docker Hub's (see `Origin::Local`); a name another
//! image had moves here (that image keeps its others, or stays as `<none>`). `untag` takes names
//! away.
use super::lookup;
use super::reference::{
    candidates, normalize_name, repo_ends_with, split_name, Origin, Reference, DEFAULT_TAG,
};
use super::store::{self, ImageRecord, Index};
use crate::store::{Lock, Paths};
use anyhow::{bail, Result};

/// Tags `source` as `target`; returns the full new name.
pub(crate) fn tag(paths: &Paths, source: &str, target: &str) -> Result<String> {
    let name = normalize_name(target, Origin::Local)?;
    store::ensure_dirs(paths)?;
    // Only index.json changes, so no temp cleanup here: that needs the user namespace, and
    // tag does not need to join it.
    let _lock = Lock::exclusive(&paths.image_lock())?;
    let mut index = Index::read(paths)?;
    let found = lookup::find(&index, source)?;
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true);
    index.set_name(found.idx, &name, &now);
    index.write(paths)?;
    let id = index.images[found.idx].id.to_string();
    crate::engine::events::image(paths, "tag", &id, &name);
    Ok(name)
}

/// `untag IMAGE [NAME...]` (podman's): takes `names` from the image `image` names, or every name
/// when none are given. The image stays (as `<none>` once it has no name); `rmi` removes images.
pub(crate) fn untag(paths: &Paths, image: &str, names: &[String]) -> Result<()> {
    // Only index.json changes: no user namespace needed, as for tag.
    let _lock = Lock::exclusive(&paths.image_lock())?;
    let mut index = Index::read(paths)?;
    let found = lookup::find(&index, image)?;
    let img = &index.images[found.idx];
    let gone: Vec<String> = match names.is_empty() {
        true => img.names.clone(),
        false => names
            .iter()
            .map(|n| name_of(img, image, n))
            .collect::<Result<_>>()?,
    };
    for n in &gone {
        index.remove_name(found.idx, n);
    }
    index.write(paths)?;
    let id = index.images[found.idx].id.to_string();
    for n in &gone {
        crate::engine::events::image(paths, "untag", &id, n);
    }
    Ok(())
}

/// The stored name of `img` that `given` means, looked up as any reference is (a short name
/// finds `localhost/NAME` or `docker.io/library/NAME`).
fn name_of(img: &ImageRecord, image: &str, given: &str) -> Result<String> {
    let r = Reference::parse(given)?;
    if r.digest.is_some() {
        bail!("invalid name {given:?}: untag takes names, not digests");
    }
    let tag = r.tag.as_deref().unwrap_or(DEFAULT_TAG);
    let hit = candidates(&r)
        .into_iter()
        .find(|c| img.names.contains(c))
        .or_else(|| {
            let short = |n: &&String| {
                let (repo, t) = split_name(n);
                t == tag && r.domain.is_none() && repo_ends_with(repo, &r.path)
            };
            img.names.iter().find(short).cloned()
        });
    match hit {
        Some(n) => Ok(n),
        None if img.names.is_empty() => bail!("image {image:?} has no names to remove"),
        None => bail!(
            "{given:?} is not a name of image {image:?}; its names are {}",
            img.names.join(", ")
        ),
    }
}
