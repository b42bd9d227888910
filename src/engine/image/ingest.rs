//! Writes of new images into the store, under the image lock: `Ingest` holds it, renames what
//! a writer verified and made durable with no lock into place, and rewrites `index.json` last.
//! A pull unpacks into owner-tagged temp names (see `store::leftovers`) and commits each layer
//! with `commit_pulled_layer`; `load` and `import` stage theirs (`staging`). The lock is held
//! for renames and the index only. If a write fails, what it added is removed again; if the
//! process is killed, what it added is either a temp leftover (collected once its owner is
//! dead) or an unreferenced blob or layer that the next writer reuses.
use super::digest::{ChainId, Digest};
use super::store::{self, blob_path, commit_blob_file, layer_path, Index, LayerRecord};
use super::unpack::UnpackOptions;
use crate::runtime::userns::Mapping;
use crate::store::{fault, tmp_name, write_json_atomic, Lock, Paths, Trash};
use anyhow::{Context, Result};
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

/// A temp file removed when dropped unless taken.
pub(crate) struct TempFile(pub PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.0.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.0);
        }
    }
}

impl TempFile {
    pub(crate) fn take(mut self) -> PathBuf {
        std::mem::take(&mut self.0)
    }
}

/// A temp directory inside the store, removed when dropped.
pub(crate) struct TempDir(pub PathBuf);

impl TempDir {
    /// Keeps the directory (it was renamed into place).
    pub(crate) fn disarm(mut self) {
        self.0 = PathBuf::new();
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !self.0.as_os_str().is_empty() {
            let _ = crate::store::remove_tree(&self.0);
        }
    }
}

pub(crate) struct Ingest<'a> {
    pub(crate) paths: &'a Paths,
    pub(crate) index: Index,
    /// Names the fault points: `<verb>.blob-written`, `<verb>.layer-unpacked`, `<verb>.before-index`.
    verb: &'static str,
    /// Blobs and layer dirs this write added, removed again if it does not finish.
    created: Vec<PathBuf>,
    blobs_committed: usize,
    finished: bool,
    /// Dropped before `trash`: what is to be deleted goes after the lock is released.
    _lock: Lock,
    trash: Trash,
}

/// How layer owners map into the user namespace, for the unpacker.
pub(crate) fn unpack_options(m: &Mapping) -> UnpackOptions {
    UnpackOptions {
        single_id: m.single(),
        uid_limit: m.uid_limit(),
        gid_limit: m.gid_limit(),
    }
}

impl<'a> Ingest<'a> {
    /// Takes the image lock, claims dead writers' temp files (deleted after the lock is
    /// released), reads the index.
    pub(crate) fn begin(paths: &'a Paths, verb: &'static str) -> Result<Ingest<'a>> {
        store::ensure_dirs(paths)?;
        let mut trash = Trash::new();
        trash.claim_leftovers(&paths.blobs())?;
        trash.claim_leftovers(&paths.layers())?;
        let lock = Lock::exclusive(&paths.image_lock())?;
        let index = Index::read(paths)?;
        Ok(Ingest {
            paths,
            index,
            verb,
            created: Vec::new(),
            blobs_committed: 0,
            finished: false,
            _lock: lock,
            trash,
        })
    }

    /// Moves a file whose digest the caller verified into `blobs/`.
    pub(crate) fn commit_blob_file(&mut self, tmp: &Path, digest: &Digest) -> Result<()> {
        if commit_blob_file(self.paths, tmp, digest)? {
            self.created.push(blob_path(self.paths, digest));
        }
        self.after_blob();
        Ok(())
    }

    /// Stores a small blob (manifest, config) from memory; returns its digest.
    pub(crate) fn commit_blob_bytes(&mut self, data: &[u8]) -> Result<Digest> {
        let digest = Digest::of(data);
        if !blob_path(self.paths, &digest).exists() {
            let tmp = self.paths.blobs().join(tmp_name());
            fs::write(&tmp, data).with_context(|| format!("cannot write {}", tmp.display()))?;
            self.commit_blob_file(&tmp, &digest)?;
        } else {
            self.after_blob();
        }
        Ok(digest)
    }

    fn after_blob(&mut self) {
        self.blobs_committed += 1;
        if self.blobs_committed == 1 {
            fault::point(&format!("{}.blob-written", self.verb));
        }
    }

    /// Renames a blob file the caller verified and synced into `blobs/`; false (and the file
    /// left where it is, for the caller to delete after the lock) when the blob is there already.
    pub(crate) fn commit_synced_blob(&mut self, tmp: &Path, digest: &Digest) -> Result<bool> {
        let dest = blob_path(self.paths, digest);
        let fresh = !dest.exists();
        if fresh {
            fs::rename(tmp, &dest).with_context(|| format!("cannot store blob {digest}"))?;
            self.created.push(dest);
        }
        self.after_blob();
        Ok(fresh)
    }

    /// Renames a layer dir the caller unpacked, verified and synced into place as `chain`,
    /// unless another writer committed that layer meanwhile: then ours goes, after the lock.
    pub(crate) fn commit_layer_dir(&mut self, layer: TempDir, chain: &ChainId) -> Result<()> {
        let dest = layer_path(self.paths, chain);
        if dest.join("layer.json").exists() {
            self.trash.take(&layer.0, &self.paths.layers())?;
            layer.disarm();
            return Ok(());
        }
        fs::rename(&layer.0, &dest).with_context(|| format!("cannot store layer {chain}"))?;
        layer.disarm();
        self.created.push(dest);
        fault::point(&format!("{}.layer-unpacked", self.verb));
        Ok(())
    }

    /// True when every layer in `chains` is in place (`layer.json` is written last). A pull checks
    /// it under the lock before writing the index: an `rmi` may have collected a layer the pull
    /// found in place while it downloaded the others.
    pub(crate) fn missing_layers(&self, chains: &[ChainId]) -> Vec<usize> {
        (0..chains.len())
            .filter(|&i| {
                !layer_path(self.paths, &chains[i])
                    .join("layer.json")
                    .exists()
            })
            .collect()
    }

    /// Writes the index: the commit point. The writer ran `sync_store` before taking the lock
    /// (a `syncfs` waits for every dirty page of the file system, other downloads' included,
    /// which is no wait to hold the lock through); what it committed since, it synced blob by
    /// blob (`commit_blob_file`) or had synced before (`commit_synced_blob`,
    /// `commit_layer_dir`): the directory entries of those renames are synced here.
    pub(crate) fn finish_synced(self) -> Result<()> {
        for dir in [self.paths.blobs(), self.paths.layers()] {
            File::open(&dir)
                .and_then(|d| d.sync_all())
                .with_context(|| format!("cannot sync {} to disk", dir.display()))?;
        }
        self.write_index()
    }

    fn write_index(mut self) -> Result<()> {
        fault::point(&format!("{}.before-index", self.verb));
        self.index.write(self.paths)?;
        self.finished = true;
        Ok(())
    }
}

impl Drop for Ingest<'_> {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        // Nothing in the index refers to these yet (we hold the lock), so they are garbage:
        // renamed away now, deleted once the lock is released.
        for p in self.created.iter().rev() {
            if let Some(dir) = p.parent() {
                let _ = self.trash.take(p, dir);
            }
        }
    }
}

/// Makes what was written to the store durable (`syncfs`).
pub(crate) fn sync_store(paths: &Paths) -> Result<()> {
    let dir = File::open(&paths.data)?;
    nix::unistd::syncfs(&dir).context("cannot sync the image store to disk")
}

/// A temp layer dir (`layers/.tmp-…/diff`) for an unpack with no lock.
pub(crate) fn temp_layer_dir(paths: &Paths) -> Result<TempDir> {
    let tmp = TempDir(paths.layers().join(tmp_name()));
    fs::DirBuilder::new()
        .mode(0o700)
        .create(&tmp.0)
        .and_then(|_| fs::create_dir(tmp.0.join("diff")))
        .with_context(|| format!("cannot create {}", tmp.0.display()))?;
    Ok(tmp)
}

/// Commits one layer a pull downloaded, unpacked and verified with no lock: its blob and then
/// its directory are renamed into place under the image lock, held for nothing else. Nothing
/// refers to them until the pull writes the index; until then they are reusable by any writer.
/// `first_blob` names the fault point `<verb>.blob-written` on the pull's first blob.
pub(crate) fn commit_pulled_layer(
    paths: &Paths,
    verb: &str,
    blob: TempFile,
    layer: TempDir,
    chain: &ChainId,
    rec: &LayerRecord,
    first_blob: bool,
) -> Result<()> {
    let dest = layer_path(paths, chain);
    write_json_atomic(&layer.0.join("layer.json"), rec, false)?;
    // Synced before the lock is taken, so the lock is held for the renames only.
    File::open(&blob.0)
        .and_then(|f| f.sync_all())
        .with_context(|| format!("cannot sync {}", blob.0.display()))?;
    let mut trash = Trash::new();
    let _lock = Lock::exclusive(&paths.image_lock())?;
    let blob_dest = blob_path(paths, &rec.blob);
    let blob = blob.take();
    if blob_dest.exists() {
        trash.take(&blob, &paths.blobs())?;
    } else {
        fs::rename(&blob, &blob_dest).with_context(|| format!("cannot store blob {}", rec.blob))?;
    }
    if first_blob {
        fault::point(&format!("{verb}.blob-written"));
    }
    if dest.join("layer.json").exists() {
        // Another pull committed it meanwhile: ours goes, after the lock.
        trash.take(&layer.0, &paths.layers())?;
        layer.disarm();
        return Ok(());
    }
    fs::rename(&layer.0, &dest).with_context(|| format!("cannot store layer {chain}"))?;
    layer.disarm();
    fault::point(&format!("{verb}.layer-unpacked"));
    Ok(())
}

/// Counts the uncompressed bytes of a layer (its size in layer.json).
pub(crate) struct Counting<R> {
    pub(crate) inner: R,
    pub(crate) count: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

/// The uncompressed stream of a layer or archive: gzip and zstd are sniffed and decoded.
pub(crate) fn decompressed<'a, R: Read + 'a>(r: R) -> Result<Box<dyn Read + 'a>> {
    let mut br = BufReader::with_capacity(256 << 10, r);
    let head = br.fill_buf().context("cannot read")?;
    if head.starts_with(&[0x1f, 0x8b]) {
        return Ok(Box::new(flate2::bufread::MultiGzDecoder::new(br)));
    }
    if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        return Ok(Box::new(
            zstd::stream::read::Decoder::with_buffer(br)
                .context("cannot start the zstd decoder")?,
        ));
    }
    Ok(Box::new(br))
}

/// True when the file starts with the gzip magic.
pub(crate) fn is_gzip_file(p: &Path) -> Result<bool> {
    let mut head = [0u8; 2];
    let mut f = File::open(p).with_context(|| format!("cannot open {}", p.display()))?;
    let n = f.read(&mut head)?;
    Ok(n == 2 && head == [0x1f, 0x8b])
}

/// A deterministic OCI manifest (same input, same bytes, same digest) for images skiff makes
/// itself: imports and docker-archive loads. `layers` are (digest, size, media type).
pub(crate) fn oci_manifest(
    config: &Digest,
    config_size: u64,
    layers: &[(&Digest, u64, &str)],
) -> Result<Vec<u8>> {
    use oci_spec::image::{Descriptor, Digest as OciDigest, ImageManifestBuilder, MediaType};
    let layers = layers
        .iter()
        .map(|(d, size, mt)| {
            Ok(Descriptor::new(
                MediaType::from(*mt),
                *size,
                d.as_str().parse::<OciDigest>()?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    let m = ImageManifestBuilder::default()
        .schema_version(2u32)
        .media_type(MediaType::ImageManifest)
        .config(Descriptor::new(
            MediaType::ImageConfig,
            config_size,
            config.as_str().parse::<OciDigest>()?,
        ))
        .layers(layers)
        .build()?;
    Ok(serde_json::to_vec(&m)?)
}
