//! `builder prune`: removes build cache entries and the untagged step images they name, through
//! the same removal (and layer GC) as `rmi`. Without `all`, only what no image uses: entries
//! whose image is gone, and step images that are no step of a tagged image or of a container's
//! image (the steps of an older build of a moved tag, a builder stage). With `all`, every entry
//! goes, and every step image no container uses; tagged images stay, whatever built them.
use super::cache;
use crate::engine::image::digest::{diff_ids, Digest};
use crate::engine::image::remove::{remove, RemoveEvent, RemoveOptions, UsersOf};
use crate::engine::image::store::{read_config, Index};
use crate::store::Paths;
use anyhow::Result;
use oci_spec::image::ImageConfiguration;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Default)]
pub(crate) struct PruneReport {
    /// The removed entries' keys.
    pub(crate) removed: Vec<String>,
    /// Bytes of blobs and unpacked layers no longer in the store.
    pub(crate) reclaimed: u64,
}

/// Must run inside the user namespace (a step image's layer holds subordinate-owned files).
pub(crate) fn prune(paths: &Paths, all: bool, users_of: UsersOf) -> Result<PruneReport> {
    let before = store_bytes(paths);
    let index = Index::read(paths)?;
    let mut by_image: HashMap<Digest, Vec<std::path::PathBuf>> = HashMap::new();
    for (path, image) in cache::entries(paths)? {
        by_image.entry(image).or_default().push(path);
    }
    let untagged = |id: &Digest| {
        index
            .by_id(id.as_str())
            .is_some_and(|i| index.images[i].names.is_empty())
    };
    let mut steps: Vec<Digest> = by_image.keys().filter(|id| untagged(id)).cloned().collect();
    if !all {
        let used = used_steps(paths, &index, &steps, users_of)?;
        steps.retain(|id| !used.contains(id));
    }
    let refs: Vec<String> = steps.iter().map(|d| d.to_string()).collect();
    let mut gone: HashSet<Digest> = HashSet::new();
    let opts = RemoveOptions::default();
    for o in remove(paths, &refs, &opts, users_of)? {
        // An image a container uses is refused: it and its entries stay.
        for e in o.result.unwrap_or_default() {
            if let RemoveEvent::Deleted(id) = e {
                gone.insert(id);
            }
        }
    }
    let mut report = PruneReport::default();
    for (image, files) in by_image {
        let dangling = index.by_id(image.as_str()).is_none();
        if !(all || dangling || gone.contains(&image)) {
            continue;
        }
        for f in files {
            if std::fs::remove_file(&f).is_ok() {
                let key = f.file_stem().map(|s| s.to_string_lossy().into_owned());
                report.removed.extend(key);
            }
        }
    }
    report.reclaimed = before.saturating_sub(store_bytes(paths));
    Ok(report)
}

/// The step images among `steps` that a tagged image or a container's image is built on: its
/// history and layers start with theirs.
fn used_steps(
    paths: &Paths,
    index: &Index,
    steps: &[Digest],
    users_of: UsersOf,
) -> Result<HashSet<Digest>> {
    let mut used = HashSet::new();
    let configs: Vec<(Digest, ImageConfiguration)> = steps
        .iter()
        .filter_map(|id| Some((id.clone(), read_config(paths, id).ok()?)))
        .collect();
    for img in &index.images {
        let root = !img.names.is_empty() || !users_of(&img.id)?.is_empty();
        if !root {
            continue;
        }
        used.insert(img.id.clone());
        let Ok(top) = read_config(paths, &img.id) else {
            continue;
        };
        for (id, c) in &configs {
            if built_on(&top, c) {
                used.insert(id.clone());
            }
        }
    }
    Ok(used)
}

/// True when `top`'s history and layers begin with all of `step`'s.
fn built_on(top: &ImageConfiguration, step: &ImageConfiguration) -> bool {
    let (th, sh) = (
        top.history().as_deref().unwrap_or_default(),
        step.history().as_deref().unwrap_or_default(),
    );
    let same = |a: &oci_spec::image::History, b: &oci_spec::image::History| {
        a.created() == b.created() && a.created_by() == b.created_by()
    };
    let layers = match (diff_ids(top), diff_ids(step)) {
        (Ok(t), Ok(s)) => t.starts_with(&s),
        _ => false,
    };
    !sh.is_empty() && th.len() >= sh.len() && th.iter().zip(sh).all(|(a, b)| same(a, b)) && layers
}

/// Bytes of the blobs and the unpacked layers (as their records give them).
fn store_bytes(paths: &Paths) -> u64 {
    let sum_dir = |dir: std::path::PathBuf, f: &dyn Fn(&std::fs::DirEntry) -> u64| {
        std::fs::read_dir(dir)
            .map(|d| d.flatten().map(|e| f(&e)).sum::<u64>())
            .unwrap_or(0)
    };
    let blobs = sum_dir(paths.blobs(), &|e| e.metadata().map_or(0, |m| m.len()));
    let layers = sum_dir(paths.layers(), &|e| {
        crate::store::read_json::<crate::engine::image::store::LayerRecord>(
            &e.path().join("layer.json"),
        )
        .ok()
        .flatten()
        .map_or(0, |r| r.size)
    });
    blobs + layers
}
