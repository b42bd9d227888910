//! `system df`: what the store holds, by kind (images, containers, local volumes, build cache),
//! measured on disk. An unpacked layer that several images share is counted once; the images'
//! size is their unpacked layers (`layers/<chain>/diff`), a container's its writable layer
//! (`upper/`), a volume's its `_data`, the build cache's the layers of step images that no
//! listed image uses.
use super::size::tree_bytes;
use crate::engine::build::cache;
use crate::engine::container::record::{self, Record, Status};
use crate::engine::image::digest::{chain_ids, diff_ids, ChainId, Digest};
use crate::engine::image::store::{layer_path, read_config, ImageRecord, Index};
use crate::engine::volume::{self, Volume};
use crate::store::Paths;
use anyhow::Result;
use std::collections::{HashMap, HashSet};

pub(crate) struct ImageUsage {
    pub(crate) record: ImageRecord,
    /// Bytes of all its layers.
    pub(crate) size: u64,
    /// Bytes of its layers that another image uses too.
    pub(crate) shared: u64,
    /// Containers made from it.
    pub(crate) containers: usize,
    chains: Vec<ChainId>,
}

pub(crate) struct ContainerUsage {
    pub(crate) record: Record,
    /// Bytes of its writable layer.
    pub(crate) size: u64,
}

pub(crate) struct VolumeUsage {
    pub(crate) volume: Volume,
    /// Containers mounting it.
    pub(crate) links: usize,
    pub(crate) size: u64,
}

pub(crate) struct CacheUsage {
    /// The entry's key (`build-cache/<key>.json`).
    pub(crate) key: String,
    /// Bytes of the step image's layers no listed image uses.
    pub(crate) size: u64,
    pub(crate) created: Option<std::time::SystemTime>,
    /// A container uses the step image.
    pub(crate) in_use: bool,
}

/// One line of `system df`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Summary {
    pub(crate) kind: &'static str,
    pub(crate) total: usize,
    pub(crate) active: usize,
    pub(crate) size: u64,
    pub(crate) reclaimable: u64,
}

pub(crate) struct Usage {
    pub(crate) images: Vec<ImageUsage>,
    pub(crate) containers: Vec<ContainerUsage>,
    pub(crate) volumes: Vec<VolumeUsage>,
    pub(crate) cache: Vec<CacheUsage>,
    /// Bytes of each unpacked layer any image uses.
    layers: HashMap<ChainId, u64>,
    /// The layers of step images only (the build cache's).
    cache_layers: HashSet<ChainId>,
}

/// Measures the store. Must run inside the user namespace (see the module doc of `system`).
pub(crate) fn usage(paths: &Paths) -> Result<Usage> {
    let index = Index::read(paths)?;
    let records = record::list(paths)?;
    let entries = cache::entries(paths)?;
    let steps: HashSet<&Digest> = entries.iter().map(|(_, d)| d).collect();
    let mut users: HashMap<&Digest, usize> = HashMap::new();
    for r in &records {
        *users.entry(&r.image_id).or_default() += 1;
    }
    let mut layers: HashMap<ChainId, u64> = HashMap::new();
    let mut step_chains: HashMap<Digest, Vec<ChainId>> = HashMap::new();
    let mut images = Vec::new();
    for img in &index.images {
        // A damaged image (`system check` reports it) has no layers to count.
        let chains = read_config(paths, &img.id)
            .and_then(|c| diff_ids(&c))
            .map(|d| chain_ids(&d))
            .unwrap_or_default();
        for c in &chains {
            layers
                .entry(c.clone())
                .or_insert_with(|| tree_bytes(&layer_path(paths, c).join("diff")));
        }
        if img.names.is_empty() && steps.contains(&img.id) {
            step_chains.insert(img.id.clone(), chains);
            continue;
        }
        images.push(ImageUsage {
            record: img.clone(),
            size: chains.iter().map(|c| layers[c]).sum(),
            shared: 0,
            containers: users.get(&img.id).copied().unwrap_or(0),
            chains,
        });
    }
    let mut count: HashMap<&ChainId, usize> = HashMap::new();
    for c in images.iter().flat_map(|i| &i.chains) {
        *count.entry(c).or_default() += 1;
    }
    let shared: Vec<u64> = (images.iter())
        .map(|i| {
            (i.chains.iter().filter(|c| count[c] > 1))
                .map(|c| layers[c])
                .sum()
        })
        .collect();
    for (i, s) in images.iter_mut().zip(shared) {
        i.shared = s;
    }
    let listed: HashSet<ChainId> = images.iter().flat_map(|i| i.chains.clone()).collect();
    let cache_layers: HashSet<ChainId> = (step_chains.values().flatten())
        .filter(|c| !listed.contains(c))
        .cloned()
        .collect();
    let cache = entries
        .into_iter()
        .map(|(path, image)| {
            let chains = step_chains.get(&image).map_or(&[][..], |v| v);
            CacheUsage {
                key: path
                    .file_stem()
                    .map_or(String::new(), |s| s.to_string_lossy().into()),
                size: (chains.iter().filter(|c| cache_layers.contains(c)))
                    .map(|c| layers[c])
                    .sum(),
                created: std::fs::metadata(&path).and_then(|m| m.modified()).ok(),
                in_use: users.contains_key(&image),
            }
        })
        .collect();
    let volumes = volume::list(paths)?
        .into_iter()
        .map(|v| VolumeUsage {
            links: (records.iter())
                .filter(|r| volume::uses(&r.config.mounts, &v.name))
                .count(),
            size: tree_bytes(&volume::data_dir(paths, &v.name)),
            volume: v,
        })
        .collect();
    let containers = records
        .into_iter()
        .map(|r| ContainerUsage {
            size: tree_bytes(&paths.container(&r.id).join("upper")),
            record: r,
        })
        .collect();
    Ok(Usage {
        images,
        containers,
        volumes,
        cache,
        layers,
        cache_layers,
    })
}

impl Usage {
    /// Docker's four lines: Images, Containers, Local Volumes, Build Cache.
    pub(crate) fn summary(&self) -> [Summary; 4] {
        let bytes = |set: &HashSet<&ChainId>| set.iter().map(|c| self.layers[*c]).sum::<u64>();
        let all: HashSet<&ChainId> = self.images.iter().flat_map(|i| &i.chains).collect();
        let active: Vec<&ImageUsage> = self.images.iter().filter(|i| i.containers > 0).collect();
        let used: HashSet<&ChainId> = active.iter().flat_map(|i| &i.chains).collect();
        let images = Summary {
            kind: "Images",
            total: self.images.len(),
            active: active.len(),
            size: bytes(&all),
            reclaimable: bytes(&all) - bytes(&used),
        };
        let running = |c: &&ContainerUsage| c.record.live_status() == Status::Running;
        let containers = Summary {
            kind: "Containers",
            total: self.containers.len(),
            active: self.containers.iter().filter(running).count(),
            size: self.containers.iter().map(|c| c.size).sum(),
            reclaimable: (self.containers.iter())
                .filter(|c| !running(c))
                .map(|c| c.size)
                .sum(),
        };
        let volumes = Summary {
            kind: "Local Volumes",
            total: self.volumes.len(),
            active: self.volumes.iter().filter(|v| v.links > 0).count(),
            size: self.volumes.iter().map(|v| v.size).sum(),
            reclaimable: (self.volumes.iter())
                .filter(|v| v.links == 0)
                .map(|v| v.size)
                .sum(),
        };
        let cache_bytes = bytes(&self.cache_layers.iter().collect());
        let cache = Summary {
            kind: "Build Cache",
            total: self.cache.len(),
            active: self.cache.iter().filter(|c| c.in_use).count(),
            size: cache_bytes,
            reclaimable: cache_bytes,
        };
        [images, containers, volumes, cache]
    }

    /// Every byte the four lines count.
    pub(crate) fn total(&self) -> u64 {
        self.summary().iter().map(|s| s.size).sum()
    }
}
