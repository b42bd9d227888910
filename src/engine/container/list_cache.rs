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
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashMap};

const FILE: &str = "containers.cache";
/// Bumped with any change of what is cached; a cache of another version is rebuilt.
const VERSION: u32 = SCHEMA;

/// The file as read: each container's JSON is kept as text and parsed only when a listing takes
/// it, straight into its record (a thousand parsed copies held side by side cost more in page
/// faults than the parsing itself).
#[derive(Deserialize)]
struct CacheIn<'a> {
    version: u32,
    #[serde(borrow)]
    containers: HashMap<&'a str, &'a RawValue>,
}

#[derive(Serialize)]
struct CacheOut {
    version: u32,
    containers: BTreeMap<String, ContainerFile>,
}

/// The cache file's bytes (empty when there is none); `Cache::parse` borrows from them.
pub(super) fn read(paths: &Paths) -> Vec<u8> {
    // Read whole and exactly sized: the shared record buffer would grow (zeroed) to its size.
    std::fs::read(paths.data.join(FILE)).unwrap_or_default()
}

/// The cache as read, consumed by a listing: what the listing found missing or no longer there
/// decides whether it is written again.
pub(super) struct Cache<'a> {
    entries: HashMap<&'a str, &'a RawValue>,
    missed: bool,
}

impl<'a> Cache<'a> {
    /// The cache in `bytes`; empty when it cannot be used.
    pub(super) fn parse(bytes: &'a [u8]) -> Cache<'a> {
        let entries = serde_json::from_slice::<CacheIn>(bytes)
            .ok()
            .filter(|c| c.version == VERSION)
            .map(|c| c.containers)
            .unwrap_or_default();
        Cache {
            entries,
            missed: false,
        }
    }

    /// How many containers the cache knows: a listing's likely length.
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The cached `container.json` of `id`, if there is one and it reads (a miss is remembered).
    pub(super) fn take(&mut self, id: &str) -> Option<ContainerFile> {
        let c = self
            .entries
            .remove(id)
            .and_then(|raw| serde_json::from_str::<ContainerFile>(raw.get()).ok())
            .filter(|c| c.id == id);
        self.missed |= c.is_none();
        c
    }

    /// Writes the cache again when it missed a container or holds one that is gone. Failing to
    /// write it only costs the next listing its speed, so errors are dropped.
    pub(super) fn refresh(self, paths: &Paths, listed: &[Record]) {
        if !self.missed && self.entries.is_empty() {
            return;
        }
        let file = CacheOut {
            version: VERSION,
            containers: listed
                .iter()
                .map(|r| (r.id.clone(), ContainerFile::of(r)))
                .collect(),
        };
        // Not durable: a cache lost in a power cut is rebuilt by the next listing.
        let _ = store::write_json_compact(&paths.data.join(FILE), &file, false);
    }
}
