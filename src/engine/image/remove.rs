//! `rmi`: untag names and delete images, Docker's way. A name goes first; the image goes with
//! its last name (or when named by id), and then the blobs and layers no other image uses are
//! garbage-collected. Images that containers use are refused, or with `force` only untagged
//! (they stay as `<none>` while the containers need their layers). The collection marks and
//! renames away under the image lock and deletes the trees after releasing it, so a `run` or a
//! pull never waits for a big layer's files to go. Which images containers use (the GC's roots)
//! the caller hands in: this module never reads container records.
use super::digest::{chain_ids, diff_ids, ChainId, Digest};
use super::lookup;
use super::store::{blob_path, layer_path, read_blob, read_config, ImageRecord, Index};
use crate::store::{Lock, Paths, Trash};
use anyhow::{anyhow, Context, Result};
use std::collections::HashSet;

#[derive(Debug, Default)]
pub(crate) struct RemoveOptions {
    pub(crate) force: bool,
    /// `rmi --ignore` (podman's): a reference that names no image is no error.
    pub(crate) ignore_missing: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RemoveEvent {
    /// A name was removed (`Untagged: NAME`).
    Untagged(String),
    /// The image was deleted (`Deleted: sha256:...`).
    Deleted(Digest),
}

/// The names of the containers made from an image (by id): the roots of the collection, which
/// the caller reads from the container side. `remove` asks it with the images lock held, and
/// `create` holds that lock (shared) while it records its image, so no container can start
/// using an image between the check and the removal.
pub(crate) type UsersOf<'a> = &'a dyn Fn(&Digest) -> Result<Vec<String>>;

/// What happened for one reference; one failure does not stop the others.
pub(crate) struct RemoveOutcome {
    pub(crate) result: Result<Vec<RemoveEvent>>,
}

/// Removes each reference in turn, refusing images `users_of` names users for. Must run inside
/// the user namespace (layer dirs hold subordinate-owned files). The returned error is for
/// store-wide failures only.
pub(crate) fn remove(
    paths: &Paths,
    refs: &[String],
    opts: &RemoveOptions,
    users_of: UsersOf,
) -> Result<Vec<RemoveOutcome>> {
    let forgive = |result: Result<Vec<RemoveEvent>>| match result {
        Err(e) if opts.ignore_missing && lookup::is_not_found(&e) => Ok(Vec::new()),
        other => other,
    };
    if !paths.index_json().exists() {
        // An empty store: still, an invalid reference is reported as such.
        let none = |r: &String| RemoveOutcome {
            result: forgive(lookup::parse_query(r).and_then(|_| Err(lookup::not_found(r)))),
        };
        return Ok(refs.iter().map(none).collect());
    }
    // Declared first, so the lock below is released before the trash is deleted.
    let mut trash = Trash::new();
    trash.claim_leftovers(&paths.blobs())?;
    trash.claim_leftovers(&paths.layers())?;
    let lock = Lock::exclusive(&paths.image_lock())?;
    let mut index = Index::read(paths)?;
    let mut deleted: Vec<ImageRecord> = Vec::new();
    let mut outcomes = Vec::new();
    for r in refs {
        let result = forgive(remove_one(
            &mut index,
            r,
            opts.force,
            users_of,
            &mut deleted,
        ));
        outcomes.push(RemoveOutcome { result });
    }
    if outcomes
        .iter()
        .any(|o| o.result.as_ref().is_ok_and(|e| !e.is_empty()))
    {
        // The index first: once it is written nothing refers to the garbage below.
        index.write(paths)?;
        collect_garbage(paths, &index, &deleted, &mut trash)?;
        log_events(paths, &outcomes);
    }
    drop(lock);
    trash.empty()?;
    Ok(outcomes)
}

/// An `untag` per name taken away and a `delete` per image deleted, as Docker logs them.
fn log_events(paths: &Paths, outcomes: &[RemoveOutcome]) {
    for ev in outcomes
        .iter()
        .filter_map(|o| o.result.as_ref().ok())
        .flatten()
    {
        match ev {
            RemoveEvent::Untagged(n) => crate::engine::events::image(paths, "untag", n, n),
            RemoveEvent::Deleted(d) => {
                crate::engine::events::image(paths, "delete", &d.to_string(), &d.to_string())
            }
        }
    }
}

/// `rmi -a`: every image, as the references that remove it whole: each of its names (the last
/// one deletes it, so an image with several names needs no force), or its id when it has none.
pub(crate) fn every_image(paths: &Paths) -> Result<Vec<String>> {
    if !paths.index_json().exists() {
        return Ok(Vec::new());
    }
    let index = Index::read(paths)?;
    Ok(index
        .images
        .iter()
        .flat_map(|i| match i.names.is_empty() {
            true => vec![i.id.to_string()],
            false => i.names.clone(),
        })
        .collect())
}

fn remove_one(
    index: &mut Index,
    reference: &str,
    force: bool,
    users_of: UsersOf,
    deleted: &mut Vec<ImageRecord>,
) -> Result<Vec<RemoveEvent>> {
    let found = lookup::find(index, reference)?;
    let img = index.images[found.idx].clone();
    let users = users_of(&img.id)?;
    let short = &img.id.hex()[..12];
    let mut events = Vec::new();
    let untag = match &found.name {
        Some(name) if img.names.len() > 1 => vec![name.clone()],
        Some(name) => {
            if !users.is_empty() && !force {
                return Err(in_use(&users));
            }
            vec![name.clone()]
        }
        None => {
            if !users.is_empty() && !force {
                return Err(in_use(&users));
            }
            if img.names.len() > 1 && !force {
                return Err(anyhow!(
                    "conflict: unable to delete {short} (must be forced) - image is referenced in multiple repositories"
                ));
            }
            img.names.clone()
        }
    };
    for n in untag {
        index.remove_name(found.idx, &n);
        events.push(RemoveEvent::Untagged(n));
    }
    // The image itself goes when nothing names it and no container needs its layers.
    if index.images[found.idx].names.is_empty() && users.is_empty() {
        index.images.remove(found.idx);
        events.push(RemoveEvent::Deleted(img.id.clone()));
        deleted.push(img);
    }
    Ok(events)
}

fn in_use(users: &[String]) -> anyhow::Error {
    anyhow!(
        "image is in use by container {}: remove the container first (skiff rm {}) or use skiff rmi -f",
        users.join(", "),
        users.join(" ")
    )
}

/// The blobs (manifest, config, layer blobs) and layer chain ids an image uses.
fn parts(paths: &Paths, img: &ImageRecord) -> Result<(Vec<Digest>, Vec<ChainId>)> {
    let mut blobs = vec![img.manifest.clone(), img.id.clone()];
    let m: oci_spec::image::ImageManifest =
        serde_json::from_slice(&read_blob(paths, &blobs[0])?)
            .with_context(|| format!("manifest {} is corrupt", img.manifest))?;
    for l in m.layers() {
        blobs.push(Digest::from_oci(l.digest(), "a stored manifest")?);
    }
    let config = read_config(paths, &blobs[1])?;
    Ok((blobs, chain_ids(&diff_ids(&config)?)))
}

/// Renames away what the deleted images used and no remaining image uses (into `trash`, to be
/// deleted once the lock is released). Only their parts are candidates: blobs that other writers
/// (build cache) keep outside the index, and layers a pull committed but has not indexed yet, are
/// left alone (a pull checks its layers again under the lock before writing the index).
fn collect_garbage(
    paths: &Paths,
    index: &Index,
    deleted: &[ImageRecord],
    trash: &mut Trash,
) -> Result<()> {
    if deleted.is_empty() {
        return Ok(());
    }
    let (mut blobs, mut layers) = (HashSet::new(), HashSet::new());
    for img in deleted {
        // A half-written or damaged image still has its manifest and config to remove.
        let (b, l) = parts(paths, img)
            .unwrap_or_else(|_| (vec![img.manifest.clone(), img.id.clone()], vec![]));
        blobs.extend(b);
        layers.extend(l);
    }
    for img in &index.images {
        // If a remaining image cannot be read we cannot know what it uses: keep everything
        // (garbage is harmless, a deleted layer in use is not).
        let Ok((b, l)) = parts(paths, img) else {
            return Ok(());
        };
        for x in b {
            blobs.remove(&x);
        }
        for x in l {
            layers.remove(&x);
        }
    }
    for chain in &layers {
        // Renamed away whole, so a crash mid-delete leaves a trash leftover, not a half layer.
        trash
            .take(&layer_path(paths, chain), &paths.layers())
            .with_context(|| format!("cannot remove layer {chain}"))?;
    }
    for b in &blobs {
        trash
            .take(&blob_path(paths, b), &paths.blobs())
            .with_context(|| format!("cannot remove blob {b}"))?;
    }
    Ok(())
}
