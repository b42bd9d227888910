//! The image store: an OCI layout in the data dir (`blobs/sha256/<hex>`, `index.json`) plus the
//! unpacked layers (`layers/<chain-id-hex>/{diff/,layer.json}`).
//!
//! `index.json` holds one descriptor per (manifest, name) pair, or one without a name for an
//! unnamed image. Each descriptor also carries what `images` shows (image id, size, created), so
//! listing reads index.json and nothing else. One image id (config digest) has one manifest.
use super::digest::{self, ChainId, Digest};
use crate::store::{self, Paths};
use anyhow::{Context, Result};
use oci_spec::image::{Descriptor, ImageIndex, ImageIndexBuilder, MediaType};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

pub(crate) const ANN_REF_NAME: &str = "org.opencontainers.image.ref.name";
pub(crate) const ANN_CREATED: &str = "org.opencontainers.image.created";
/// The config digest (Docker's image id), so listing need not open the manifest.
pub(crate) const ANN_ID: &str = "io.skiff.image.id";
/// Sum of the uncompressed layer sizes in bytes.
pub(crate) const ANN_SIZE: &str = "io.skiff.image.size";
/// When this name was given (Docker's `Metadata.LastTagTime`).
pub(crate) const ANN_TAGGED: &str = "io.skiff.tagged";

/// Largest manifest or config we read into memory; real ones are a few kB.
pub(crate) const MAX_JSON: u64 = 8 << 20;

/// One image as the index records it. The digests are parsed when `index.json` is read (it may
/// have been written by another tool), so every user of a record has valid ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImageRecord {
    /// The digest of the config blob (Docker's image id).
    pub(crate) id: Digest,
    /// The digest of the manifest blob, its size and media type.
    pub(crate) manifest: Digest,
    pub(crate) manifest_size: u64,
    pub(crate) manifest_type: String,
    /// Full normalized names (`docker.io/library/busybox:latest`), in the order given.
    pub(crate) names: Vec<String>,
    /// When each name was given (RFC 3339), parallel to `names`.
    pub(crate) tagged: Vec<String>,
    /// The config's `created` (RFC 3339), if any.
    pub(crate) created: Option<String>,
    /// Uncompressed bytes of all layers.
    pub(crate) size: u64,
}

/// The whole index, in file order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    pub(crate) images: Vec<ImageRecord>,
}

/// `layers/<chain>/layer.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct LayerRecord {
    pub(crate) diff_id: Digest,
    /// Bytes of the uncompressed layer tar.
    pub(crate) size: u64,
    /// The layer blob as stored in `blobs/` and its media type.
    pub(crate) blob: Digest,
    pub(crate) media_type: String,
}

/// `blobs/sha256/<hex>`: only a parsed digest names a blob file.
pub(crate) fn blob_path(paths: &Paths, digest: &Digest) -> PathBuf {
    paths.blobs().join(digest.hex())
}

/// `layers/<chain-hex>`: only a chain id computed from parsed diff ids names a layer dir.
pub(crate) fn layer_path(paths: &Paths, chain: &ChainId) -> PathBuf {
    paths.layers().join(chain.hex())
}

/// Reads a small JSON blob (manifest, config) from the store.
pub(crate) fn read_blob(paths: &Paths, digest: &Digest) -> Result<Vec<u8>> {
    let p = blob_path(paths, digest);
    let f = std::fs::File::open(&p)
        .with_context(|| format!("blob {digest} is missing from the store ({})", p.display()))?;
    let mut v = Vec::new();
    f.take(MAX_JSON).read_to_end(&mut v)?;
    Ok(v)
}

pub(crate) fn read_layer_record(paths: &Paths, chain: &ChainId) -> Result<LayerRecord> {
    let p = layer_path(paths, chain).join("layer.json");
    store::read_json(&p)?
        .with_context(|| format!("layer {chain} is missing from the store ({})", p.display()))
}

impl Index {
    /// Reads `index.json`; a missing file is an empty store.
    pub(crate) fn read(paths: &Paths) -> Result<Index> {
        let Some(raw) = store::read_json::<ImageIndex>(&paths.index_json())? else {
            return Ok(Index::default());
        };
        let mut images: Vec<ImageRecord> = Vec::new();
        let mut at: HashMap<Digest, usize> = HashMap::new();
        let file = paths.index_json();
        for d in raw.manifests() {
            let manifest = Digest::from_oci(
                d.digest(),
                &format!("{} (a manifest digest)", file.display()),
            )?;
            let ann = d.annotations().clone().unwrap_or_default();
            let i = match at.get(&manifest) {
                Some(&i) => i,
                None => {
                    let rec = record_from(paths, &file, d, manifest.clone(), &ann)?;
                    images.push(rec);
                    at.insert(manifest, images.len() - 1);
                    images.len() - 1
                }
            };
            if let Some(name) = ann.get(ANN_REF_NAME) {
                if !images[i].names.contains(name) {
                    images[i].names.push(name.clone());
                    images[i]
                        .tagged
                        .push(ann.get(ANN_TAGGED).cloned().unwrap_or_default());
                }
            }
        }
        Ok(Index { images })
    }

    /// Replaces `index.json` atomically and durably.
    pub(crate) fn write(&self, paths: &Paths) -> Result<()> {
        let mut descs = Vec::new();
        for img in &self.images {
            if img.names.is_empty() {
                descs.push(descriptor(img, None, None)?);
            }
            for (n, t) in img.names.iter().zip(&img.tagged) {
                descs.push(descriptor(img, Some(n), Some(t))?);
            }
        }
        let index = ImageIndexBuilder::default()
            .schema_version(2u32)
            .media_type(MediaType::ImageIndex)
            .manifests(descs)
            .build()?;
        store::write_json_atomic(&paths.index_json(), &index, true)
    }

    /// The image with id `id` (a container record's image id is text).
    pub(crate) fn by_id(&self, id: &str) -> Option<usize> {
        self.images.iter().position(|i| i.id == id)
    }

    /// The image holding `name`, if any.
    pub(crate) fn by_name(&self, name: &str) -> Option<usize> {
        self.images
            .iter()
            .position(|i| i.names.iter().any(|n| n == name))
    }

    /// Gives `name` to image `idx`, taking it from whichever image had it (that image stays,
    /// unnamed if it was its last name, as Docker leaves a `<none>` image behind).
    pub(crate) fn set_name(&mut self, idx: usize, name: &str, now: &str) {
        for (i, img) in self.images.iter_mut().enumerate() {
            if i == idx {
                continue;
            }
            if let Some(p) = img.names.iter().position(|n| n == name) {
                img.names.remove(p);
                img.tagged.remove(p);
            }
        }
        let img = &mut self.images[idx];
        match img.names.iter().position(|n| n == name) {
            Some(p) => img.tagged[p] = now.to_string(),
            None => {
                img.names.push(name.to_string());
                img.tagged.push(now.to_string());
            }
        }
    }

    /// Removes `name` from image `idx`; true if it had it.
    pub(crate) fn remove_name(&mut self, idx: usize, name: &str) -> bool {
        let img = &mut self.images[idx];
        match img.names.iter().position(|n| n == name) {
            Some(p) => {
                img.names.remove(p);
                img.tagged.remove(p);
                true
            }
            None => false,
        }
    }

    /// Adds an image (unnamed) unless one with its id exists; returns its position.
    pub(crate) fn upsert(&mut self, rec: ImageRecord) -> usize {
        match self.by_id(rec.id.as_str()) {
            Some(i) => i,
            None => {
                self.images.push(rec);
                self.images.len() - 1
            }
        }
    }
}

fn descriptor(
    img: &ImageRecord,
    name: Option<&String>,
    tagged: Option<&String>,
) -> Result<Descriptor> {
    let mut ann = HashMap::new();
    ann.insert(ANN_ID.to_string(), img.id.to_string());
    ann.insert(ANN_SIZE.to_string(), img.size.to_string());
    if let Some(c) = &img.created {
        ann.insert(ANN_CREATED.to_string(), c.clone());
    }
    if let Some(n) = name {
        ann.insert(ANN_REF_NAME.to_string(), n.clone());
    }
    if let Some(t) = tagged.filter(|t| !t.is_empty()) {
        ann.insert(ANN_TAGGED.to_string(), t.clone());
    }
    let mut d = Descriptor::new(
        MediaType::from(img.manifest_type.as_str()),
        img.manifest_size,
        img.manifest.to_oci()?,
    );
    d.set_annotations(Some(ann));
    Ok(d)
}

/// The record of index entry `d` (from `file`), whose manifest digest is `manifest`. An entry
/// without skiff's annotations (written by another tool) has its manifest, config and layer
/// records read to fill them in.
fn record_from(
    paths: &Paths,
    file: &Path,
    d: &Descriptor,
    manifest: Digest,
    ann: &HashMap<String, String>,
) -> Result<ImageRecord> {
    let id = ann
        .get(ANN_ID)
        .map(|s| Digest::parse(s, &format!("{} (an image id)", file.display())))
        .transpose()?;
    let size = ann.get(ANN_SIZE).and_then(|s| s.parse().ok());
    let (id, created, size) = match (id, size) {
        (Some(id), Some(size)) => (id, ann.get(ANN_CREATED).cloned(), size),
        _ => from_blobs(paths, &manifest)?,
    };
    Ok(ImageRecord {
        id,
        manifest,
        manifest_size: d.size(),
        manifest_type: d.media_type().to_string(),
        names: Vec::new(),
        tagged: Vec::new(),
        created,
        size,
    })
}

/// The image id, created time and size of the image whose manifest is `manifest`, read from
/// its blobs and layer records.
fn from_blobs(paths: &Paths, manifest: &Digest) -> Result<(Digest, Option<String>, u64)> {
    let m: oci_spec::image::ImageManifest = serde_json::from_slice(&read_blob(paths, manifest)?)
        .with_context(|| format!("manifest {manifest} is corrupt"))?;
    let id = Digest::from_oci(m.config().digest(), "a stored manifest")?;
    let config = read_config(paths, &id)?;
    let mut size = 0;
    for chain in digest::chain_ids(&digest::diff_ids(&config)?) {
        size += read_layer_record(paths, &chain)
            .map(|l| l.size)
            .unwrap_or(0);
    }
    Ok((id, config.created().clone(), size))
}

/// Reads and parses an image config blob.
pub(crate) fn read_config(
    paths: &Paths,
    id: &Digest,
) -> Result<oci_spec::image::ImageConfiguration> {
    serde_json::from_slice(&read_blob(paths, id)?)
        .with_context(|| format!("image config {id} is corrupt"))
}

/// The layer directories of a config, bottom first: `layers/<chain>/diff`.
pub(crate) fn layer_dirs(paths: &Paths, diff_ids: &[Digest]) -> Vec<PathBuf> {
    digest::chain_ids(diff_ids)
        .iter()
        .map(|c| layer_path(paths, c).join("diff"))
        .collect()
}

/// Moves a verified temp file into `blobs/sha256/<hex>` with one fsync. Returns false (and
/// drops the temp file) when the blob was already there.
pub(crate) fn commit_blob_file(paths: &Paths, tmp: &Path, digest: &Digest) -> Result<bool> {
    let dest = blob_path(paths, digest);
    if dest.exists() {
        let _ = std::fs::remove_file(tmp);
        return Ok(false);
    }
    let f = std::fs::File::open(tmp).with_context(|| format!("cannot open {}", tmp.display()))?;
    f.sync_all()
        .with_context(|| format!("cannot sync {}", tmp.display()))?;
    std::fs::rename(tmp, &dest).with_context(|| format!("cannot store blob {digest}"))?;
    Ok(true)
}

/// Makes sure `blobs/sha256` and `layers` exist.
pub(crate) fn ensure_dirs(paths: &Paths) -> Result<()> {
    paths.ensure()?;
    for d in [paths.blobs(), paths.layers()] {
        std::fs::create_dir_all(&d).with_context(|| format!("cannot create {}", d.display()))?;
    }
    Ok(())
}

/// The host's architecture in Go's naming (amd64, arm64...), as images name platforms.
pub(crate) fn host_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "powerpc64" => "ppc64le",
        "loongarch64" => "loong64",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_round_trips_names() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths {
            data: dir.path().into(),
            run: dir.path().join("run"),
            config: dir.path().into(),
        };
        let mut idx = Index::default();
        let rec = ImageRecord {
            id: format!("sha256:{}", "1".repeat(64)).parse().unwrap(),
            manifest: format!("sha256:{}", "2".repeat(64)).parse().unwrap(),
            manifest_size: 10,
            manifest_type: "application/vnd.oci.image.manifest.v1+json".into(),
            names: vec![],
            tagged: vec![],
            created: Some("1970-01-01T00:00:00Z".into()),
            size: 42,
        };
        let i = idx.upsert(rec.clone());
        idx.set_name(i, "docker.io/library/a:latest", "t1");
        idx.set_name(i, "localhost/b:latest", "t2");
        let j = idx.upsert(ImageRecord {
            id: format!("sha256:{}", "3".repeat(64)).parse().unwrap(),
            manifest: format!("sha256:{}", "4".repeat(64)).parse().unwrap(),
            ..rec
        });
        idx.set_name(j, "localhost/b:latest", "t3");
        idx.write(&paths).unwrap();
        let back = Index::read(&paths).unwrap();
        assert_eq!(back.images.len(), 2);
        assert_eq!(back.images[0].names, ["docker.io/library/a:latest"]);
        assert_eq!(back.images[1].names, ["localhost/b:latest"]);
        assert_eq!(back.images[1].tagged, ["t3"]);
        assert_eq!(back.images[0].size, 42);
        let mut back = back;
        assert!(back.remove_name(0, "docker.io/library/a:latest"));
        back.write(&paths).unwrap();
        let again = Index::read(&paths).unwrap();
        assert!(again.images[0].names.is_empty(), "unnamed image kept");
    }
}
