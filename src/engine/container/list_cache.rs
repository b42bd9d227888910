//! A copy of every container's record in one file, for listing. `ps -a` of a thousand
//! containers spent most of its time opening, reading and closing two thousand small files.
//! `container.json` never changes after create and ids are never reused, so its copy stays right
//! for as long as the container exists. `state.json` does change, so its copy is used only while
//! the store's state generation (see `bump`) is the one the cache was written at; otherwise every
//! state file is read again. It is only a copy: missing, stale or corrupt, it is rebuilt from the
//! records.
use super::files::{ContainerFile, StateFile, SCHEMA};
use super::record::Record;
use crate::store::{self, Paths};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::os::unix::fs::MetadataExt;
use std::time::{Duration, SystemTime};

const FILE: &str = "containers.cache";
/// Grows by one byte at each state write (see `bump`).
const GENERATION: &str = "containers.gen";
/// Bumped with any change of what is cached; a cache of another version is rebuilt.
const VERSION: u32 = SCHEMA * 100 + 1;
/// The generation file is replaced (a new inode, so every cache is stale) past this size.
const GENERATION_MAX: u64 = 1 << 20;
/// Cached states older than this are read again: a writer killed between its state write and
/// its `bump` leaves a cache that looks current, and this bounds how long `ps` can show it.
const STATES_MAX_AGE: Duration = Duration::from_secs(30);

/// Which state writes a cache has seen: the generation file's inode and length.
#[derive(Serialize, Deserialize, PartialEq, Eq, Clone, Copy, Default, Debug)]
pub(super) struct Stamp(u64, u64);

/// The generation now (zero when no state was ever rewritten).
fn stamp(paths: &Paths) -> Stamp {
    match std::fs::metadata(paths.data.join(GENERATION)) {
        Ok(m) => Stamp(m.ino(), m.len()),
        Err(_) => Stamp::default(),
    }
}

/// Tells listings that a state file changed: called after the state file is renamed into place
/// (a listing that read the generation before the rename then sees it moved; one that reads it
/// after also reads the new state). An append is atomic, so concurrent writers never lose one.
/// Failing only costs a listing its cache, so errors are dropped.
pub(super) fn bump(paths: &Paths) {
    let path = paths.data.join(GENERATION);
    let file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path);
    let Ok(mut file) = file else { return };
    let _ = file.write_all(b".");
    if file.metadata().is_ok_and(|m| m.len() > GENERATION_MAX) {
        // A fresh, empty file under the same name: its new inode makes every cache stale. A
        // writer still appending to the old inode wrote its state before opening it, so before
        // any listing that reads the new inode's stamp.
        let tmp = paths
            .data
            .join(format!("{GENERATION}.{}", std::process::id()));
        if std::fs::write(&tmp, b".").is_ok() {
            let _ = std::fs::rename(&tmp, &path);
        }
    }
}

/// The cache file as read: each container's JSON is kept as text and parsed only when a listing
/// takes it, straight into its record (a thousand parsed copies held side by side cost more in
/// page faults than the parsing itself).
#[derive(Deserialize)]
struct CacheIn<'a> {
    version: u32,
    stamp: Stamp,
    #[serde(borrow)]
    containers: HashMap<&'a str, EntryIn<'a>>,
}

#[derive(Deserialize)]
struct EntryIn<'a> {
    #[serde(borrow)]
    c: &'a RawValue,
    #[serde(borrow)]
    s: &'a RawValue,
}

#[derive(Serialize)]
struct CacheOut {
    version: u32,
    stamp: Stamp,
    containers: BTreeMap<String, EntryOut>,
}

#[derive(Serialize)]
struct EntryOut {
    c: ContainerFile,
    s: StateFile,
}

/// The cache file's bytes (empty when there is none) and whether it is young enough for its
/// states to be trusted; `Cache::parse` borrows from the bytes.
pub(super) fn read(paths: &Paths) -> (Vec<u8>, bool) {
    let Ok(mut f) = std::fs::File::open(paths.data.join(FILE)) else {
        return (Vec::new(), false);
    };
    let Ok(meta) = f.metadata() else {
        return (Vec::new(), false);
    };
    let young = meta
        .modified()
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age < STATES_MAX_AGE);
    // Read whole and exactly sized: the shared record buffer would grow (zeroed) to its size.
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    match f.read_to_end(&mut bytes) {
        Ok(_) => (bytes, young),
        Err(_) => (Vec::new(), false),
    }
}

/// The cache as read, consumed by a listing: what the listing found missing, changed or no
/// longer there decides whether it is written again.
pub(super) struct Cache<'a> {
    entries: HashMap<&'a str, EntryIn<'a>>,
    /// The generation when this listing began; the cache is written again at it.
    now: Stamp,
    /// The cached states are current (same generation, young cache).
    states: bool,
    missed: bool,
}

impl<'a> Cache<'a> {
    /// The cache in `bytes` (`young` as `read` says); empty when it cannot be used. The
    /// generation is read before any state file, so a state written during the listing makes
    /// the cache written by it stale.
    pub(super) fn parse(paths: &Paths, bytes: &'a [u8], young: bool) -> Cache<'a> {
        let now = stamp(paths);
        let cache = serde_json::from_slice::<CacheIn>(bytes)
            .ok()
            .filter(|c| c.version == VERSION);
        let states = young && cache.as_ref().is_some_and(|c| c.stamp == now);
        Cache {
            entries: cache.map(|c| c.containers).unwrap_or_default(),
            now,
            states,
            missed: !states,
        }
    }

    /// How many containers the cache knows: a listing's likely length.
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The cached `container.json` of `id`, with its state when the cached states are current
    /// (a miss is remembered).
    pub(super) fn take(&mut self, id: &str) -> Option<(ContainerFile, Option<StateFile>)> {
        let e = self.entries.remove(id);
        let c = e
            .as_ref()
            .and_then(|e| serde_json::from_str::<ContainerFile>(e.c.get()).ok())
            .filter(|c| c.id == id);
        let s = e
            .filter(|_| self.states && c.is_some())
            .and_then(|e| serde_json::from_str::<StateFile>(e.s.get()).ok());
        self.missed |= c.is_none() || (self.states && s.is_none());
        c.map(|c| (c, s))
    }

    /// Writes the cache again when it missed a container or a state, or holds one that is gone.
    /// Failing to write it only costs the next listing its speed, so errors are dropped.
    pub(super) fn refresh(self, paths: &Paths, listed: &[Record]) {
        if !self.missed && self.entries.is_empty() {
            return;
        }
        let file = CacheOut {
            version: VERSION,
            stamp: self.now,
            containers: listed
                .iter()
                .map(|r| {
                    let e = EntryOut {
                        c: ContainerFile::of(r),
                        s: StateFile::of(r),
                    };
                    (r.id.clone(), e)
                })
                .collect(),
        };
        // Not durable: a cache lost in a power cut is rebuilt by the next listing.
        let _ = store::write_json_compact(&paths.data.join(FILE), &file, false);
    }
}
