//! The unlocked half of `load` and `import` (DESIGN §3): their blobs are spooled and their layers
//! unpacked and verified with no lock, into owner-tagged temp names (`store::leftovers`) that a
//! killed writer leaves for the next one to collect. The image lock is taken only to rename them
//! into place and write `index.json` (`Staging::lock`, `Staging::commit_image`, then
//! `Ingest::finish_synced`); what the commit finds already in place is left in the temp names,
//! deleted after the lock is released.
//!
//! Everything is made durable with one `syncfs` before the lock is taken, so the lock is held for
//! renames and the index only, never behind another writer's dirty pages.
use super::digest::{verify, ChainId, Digest, Source};
use super::ingest::{decompressed, sync_store, temp_layer_dir, Counting, Ingest, TempDir};
use super::store::{self, blob_path, layer_path, ImageRecord, Index, LayerRecord};
use super::unpack::{unpack, UnpackOptions};
use crate::store::{fault, tmp_name, write_json_atomic, Paths, Trash};
use anyhow::{bail, Context, Result};
use std::collections::HashMap;
use std::fs::{self, File};
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

/// Rounds of "unpack what is missing, then lock" before a write gives up on a store whose
/// layers keep being removed under it (a concurrent `rmi`), as a pull does.
const MAX_ROUNDS: usize = 3;

/// One layer of an image being written: its blob and what it must unpack to.
pub(crate) struct LayerSource {
    pub(crate) blob: Digest,
    pub(crate) media_type: String,
    pub(crate) diff_id: Digest,
    pub(crate) chain: ChainId,
}

/// An image whose blobs are staged; `commit_image` adds it unless the index has it.
pub(crate) struct NewImage {
    pub(crate) id: Digest,
    pub(crate) manifest: Digest,
    pub(crate) manifest_size: u64,
    pub(crate) manifest_type: String,
    pub(crate) created: Option<String>,
    pub(crate) layers: Vec<LayerSource>,
}

/// A layer this write unpacked and verified, not yet in place.
struct Unpacked {
    dir: TempDir,
    record: LayerRecord,
}

pub(crate) struct Staging<'a> {
    paths: &'a Paths,
    /// Names the fault points (`<verb>.before-lock`, and `Ingest`'s).
    verb: &'static str,
    /// `blobs/.tmp-…`: the spooled input and the small blobs made here; removed when dropped.
    dir: TempDir,
    /// The staged blob files by digest, until renamed into `blobs/`.
    blobs: HashMap<Digest, PathBuf>,
    layers: HashMap<ChainId, Unpacked>,
    /// The unpacker's notes, for the CLI.
    notes: Vec<String>,
    /// Leftovers of dead writers, claimed at the start and deleted at the end.
    _trash: Trash,
}

impl<'a> Staging<'a> {
    /// Claims dead writers' leftovers and makes the private temp dir. Takes no lock.
    pub(crate) fn begin(paths: &'a Paths, verb: &'static str) -> Result<Staging<'a>> {
        store::ensure_dirs(paths)?;
        let mut trash = Trash::new();
        trash.claim_leftovers(&paths.blobs())?;
        trash.claim_leftovers(&paths.layers())?;
        // Next to the blobs, so staged files are renamed into place without a copy.
        let dir = TempDir(paths.blobs().join(tmp_name()));
        fs::DirBuilder::new()
            .mode(0o700)
            .create(&dir.0)
            .with_context(|| format!("cannot create {}", dir.0.display()))?;
        Ok(Staging {
            paths,
            verb,
            dir,
            blobs: HashMap::new(),
            layers: HashMap::new(),
            notes: Vec::new(),
            _trash: trash,
        })
    }

    /// The private temp dir, for the caller's spooled files.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir.0
    }

    /// Stages `file` (in `dir()`) as the blob `digest`, which the caller has verified.
    pub(crate) fn add_blob_file(&mut self, file: &Path, digest: &Digest) {
        self.blobs
            .entry(digest.clone())
            .or_insert_with(|| file.to_path_buf());
    }

    /// Stages a small blob (manifest, config) from memory; returns its digest.
    pub(crate) fn add_blob_bytes(&mut self, data: &[u8]) -> Result<Digest> {
        let digest = Digest::of(data);
        if !self.blobs.contains_key(&digest) {
            let p = self.dir.0.join(format!("blob-{}", digest.hex()));
            fs::write(&p, data).with_context(|| format!("cannot write {}", p.display()))?;
            self.blobs.insert(digest.clone(), p);
        }
        Ok(digest)
    }

    /// The unpacker's notes so far.
    pub(crate) fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }

    /// Unpacks the layers `images` need that are not in place (no lock), makes everything
    /// durable, and takes the image lock with every layer of every image the index lacks either
    /// in place or unpacked here. A layer found in place may be collected by an `rmi` before the
    /// lock is taken: checked again under it, and unpacked if so.
    pub(crate) fn lock(&mut self, images: &[NewImage], opts: &UnpackOptions) -> Result<Ingest<'a>> {
        let unlocked = Index::read(self.paths)?;
        let mut want = self.wanted(images, &unlocked);
        for _ in 0..MAX_ROUNDS {
            for src in want {
                self.unpack_layer(src, opts)?;
            }
            sync_store(self.paths)?;
            fault::point(&format!("{}.before-lock", self.verb));
            let ing = Ingest::begin(self.paths, self.verb)?;
            want = self.wanted(images, &ing.index);
            if want.is_empty() {
                return Ok(ing);
            }
        }
        bail!(
            "the layers of this image were removed {MAX_ROUNDS} times while it was being written \
             (a concurrent rmi); try again"
        )
    }

    /// The layers of the images `index` lacks that are neither in place nor unpacked here.
    fn wanted<'i>(&self, images: &'i [NewImage], index: &Index) -> Vec<&'i LayerSource> {
        let mut out: Vec<&LayerSource> = Vec::new();
        for img in images
            .iter()
            .filter(|i| index.by_id(i.id.as_str()).is_none())
        {
            for l in &img.layers {
                if !self.layers.contains_key(&l.chain)
                    && !in_place(self.paths, &l.chain)
                    && !out.iter().any(|o| o.chain == l.chain)
                {
                    out.push(l);
                }
            }
        }
        out
    }

    /// Unpacks `src` from its staged blob into a temp layer dir, checking its diff_id.
    fn unpack_layer(&mut self, src: &LayerSource, opts: &UnpackOptions) -> Result<()> {
        if in_place(self.paths, &src.chain) {
            return Ok(());
        }
        let digest = &src.blob;
        let file = self
            .blobs
            .get(digest)
            .with_context(|| format!("layer blob {digest} was not staged"))?;
        let blob = File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
        let tmp = temp_layer_dir(self.paths)?;
        let mut stream = Counting {
            inner: decompressed(blob)?,
            count: 0,
        };
        let report = unpack(&mut stream, &tmp.0.join("diff"), opts)
            .with_context(|| format!("cannot unpack layer {digest}"))?;
        // The unpacker reads (and hashes) to the end of the stream, padding included.
        io::copy(&mut stream, &mut io::sink())
            .with_context(|| format!("cannot read layer {digest}"))?;
        verify(
            &report.diff_id,
            src.diff_id.as_str(),
            Source::DiffId { blob: digest },
        )?;
        let record = LayerRecord {
            diff_id: src.diff_id.clone(),
            size: stream.count,
            blob: digest.clone(),
            media_type: src.media_type.clone(),
        };
        write_json_atomic(&tmp.0.join("layer.json"), &record, false)?;
        self.notes.extend(report.notes);
        self.layers
            .insert(src.chain.clone(), Unpacked { dir: tmp, record });
        Ok(())
    }

    /// Under the lock `lock` returned: adds `img` to the index unless it is there, renaming its
    /// blobs and the layers unpacked here into place (what another writer committed meanwhile
    /// is kept, ours left to be deleted). Returns the image's position in the index.
    pub(crate) fn commit_image(&mut self, ing: &mut Ingest, img: &NewImage) -> Result<usize> {
        if let Some(i) = ing.index.by_id(img.id.as_str()) {
            return Ok(i);
        }
        self.commit_blob(ing, &img.id)?;
        let mut size = 0;
        for l in &img.layers {
            self.commit_blob(ing, &l.blob)?;
            size += match self.layers.remove(&l.chain) {
                Some(u) => {
                    ing.commit_layer_dir(u.dir, &l.chain)?;
                    u.record.size
                }
                None => store::read_layer_record(self.paths, &l.chain)?.size,
            };
        }
        self.commit_blob(ing, &img.manifest)?;
        Ok(ing.index.upsert(ImageRecord {
            id: img.id.clone(),
            manifest: img.manifest.clone(),
            manifest_size: img.manifest_size,
            manifest_type: img.manifest_type.clone(),
            names: Vec::new(),
            tagged: Vec::new(),
            created: img.created.clone(),
            size,
        }))
    }

    fn commit_blob(&mut self, ing: &mut Ingest, digest: &Digest) -> Result<()> {
        match self.blobs.get(digest) {
            Some(file) => {
                if ing.commit_synced_blob(file, digest)? {
                    self.blobs.remove(digest);
                }
            }
            // Renamed into place for an image committed before (they share it).
            None if blob_path(self.paths, digest).exists() => {}
            None => bail!("blob {digest} was not staged"),
        }
        Ok(())
    }
}

/// True when layer `chain` is in place (`layer.json` is written last).
fn in_place(paths: &Paths, chain: &ChainId) -> bool {
    layer_path(paths, chain).join("layer.json").exists()
}
