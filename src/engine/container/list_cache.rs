//! A copy of every container's `container.json` in one file, for listing. `ps -a` of a thousand
//! containers spent most of its time opening, reading and closing two thousand small files;
//! `container.json` never changes after create and ids are never reused, so a copy keyed by id
//! stays right for as long as the container exists, and listing then opens one file per
//! container (its `state.json`) plus this one. It is only a copy: missing, stale or corrupt, it is
//! rebuilt from the records, and no decision is taken on it alone (a container listed from it
//! must still have its state file).
use super::files::{ContainerFile, SCHEMA};
use super::record::Record;
use crate::store::{self, Paths};
use serde::{Deserialize, Serialize};

const FILE: &str = "containers.cache";
/// Bumped with any change of what is cached; a cache of another version is rebuilt.
const VERSION: u32 = SCHEMA;

#[derive(Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    containers: Vec<ContainerFile>,
}

/// The cache as read, consumed by a listing: what the listing found missing or no longer there
/// decides whether it is written again.
pub(super) struct Cache {
    /// Sorted by id (as written), each taken once: a thousand records are megabytes, and a
    /// hash map of them cost more in page faults than it saved in lookups.
    entries: Vec<Option<ContainerFile>>,
    /// The entries' ids, in the same order (kept when an entry is taken).
    ids: Vec<String>,
    left: usize,
    missed: bool,
}

impl Cache {
    /// The cache on disk; empty when there is none or it cannot be used.
    pub(super) fn read(paths: &Paths) -> Cache {
        // Read whole and exactly sized: the shared record buffer would grow (zeroed) to its size.
        let mut containers = std::fs::read(paths.data.join(FILE))
            .ok()
            .and_then(|b| serde_json::from_slice::<CacheFile>(&b).ok())
            .filter(|f| f.version == VERSION)
            .map(|f| f.containers)
            .unwrap_or_default();
        containers.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        Cache {
            left: containers.len(),
            ids: containers.iter().map(|c| c.id.clone()).collect(),
            entries: containers.into_iter().map(Some).collect(),
            missed: false,
        }
    }

    /// How many containers the cache knows: a listing's likely length.
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The cached `container.json` of `id`, if there is one (a miss is remembered).
    pub(super) fn take(&mut self, id: &str) -> Option<ContainerFile> {
        let found = self.ids.binary_search_by(|e| e.as_str().cmp(id));
        let c = found.ok().and_then(|i| self.entries[i].take());
        match c.is_some() {
            true => self.left -= 1,
            false => self.missed = true,
        }
        c
    }

    /// Writes the cache again when it missed a container or holds one that is gone. Failing to
    /// write it only costs the next listing its speed, so errors are dropped.
    pub(super) fn refresh(self, paths: &Paths, listed: &[Record]) {
        if !self.missed && self.left == 0 {
            return;
        }
        let file = CacheFile {
            version: VERSION,
            containers: listed.iter().map(ContainerFile::of).collect(),
        };
        // Not durable: a cache lost in a power cut is rebuilt by the next listing.
        let _ = store::write_json_compact(&paths.data.join(FILE), &file, false);
    }
}
