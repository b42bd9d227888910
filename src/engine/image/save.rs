//! `save`: images to a docker-archive (`docker save` layout: `manifest.json`, `<hex>.json`
//! configs, `<diffid-hex>.tar` uncompressed layers, `repositories`) or an oci-archive (a tar of
//! an OCI layout holding the stored blobs bit for bit, so manifest digests survive).
use super::digest::{chain_ids, diff_ids, ChainId, Digest};
use super::lookup;
use super::reference::split_name;
use super::store::{
    blob_path, read_blob, read_config, read_layer_record, ImageRecord, Index, ANN_REF_NAME,
};
use crate::store::{tmp_name, Lock, Paths};
use anyhow::{bail, Context, Result};
use oci_spec::image::{Descriptor, ImageIndexBuilder, ImageManifest, MediaType};
use serde_json::json;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SaveFormat {
    DockerArchive,
    OciArchive,
}

impl std::str::FromStr for SaveFormat {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "docker-archive" | "docker" => Ok(SaveFormat::DockerArchive),
            "oci-archive" | "oci" => Ok(SaveFormat::OciArchive),
            _ => bail!("unknown format {s:?}: use docker-archive or oci-archive"),
        }
    }
}

pub(crate) struct SaveOptions {
    pub(crate) format: SaveFormat,
    /// References as the user typed them.
    pub(crate) images: Vec<String>,
}

/// An image to write and the names to write it under.
struct Chosen {
    rec: ImageRecord,
    names: Vec<String>,
}

/// Writes the archive to `path` through a temp file next to it, renamed when complete.
pub(crate) fn save_to_file(paths: &Paths, opts: &SaveOptions, path: &Path) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(tmp_name());
    let res = (|| {
        let f = File::create(&tmp).with_context(|| format!("cannot write {}", path.display()))?;
        let mut w = BufWriter::with_capacity(256 << 10, f);
        save(paths, opts, &mut w)?;
        let f = w.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
    })();
    if res.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    res
}

/// Writes the archive to `out`. Holds the image lock shared, so no `rmi` removes a blob while
/// it is being copied.
pub(crate) fn save(paths: &Paths, opts: &SaveOptions, out: &mut dyn Write) -> Result<()> {
    if opts.images.is_empty() {
        bail!("give at least one image to save");
    }
    if !paths.index_json().exists() {
        // An empty store: still, an invalid reference is reported as such.
        for r in &opts.images {
            lookup::parse_query(r)?;
        }
        return Err(lookup::not_found(&opts.images[0]));
    }
    let _lock = Lock::shared(&paths.image_lock())?;
    let chosen = choose(paths, &opts.images)?;
    let mut tar = tar::Builder::new(out);
    match opts.format {
        SaveFormat::DockerArchive => docker_archive(paths, &chosen, &mut tar)?,
        SaveFormat::OciArchive => oci_archive(paths, &chosen, &mut tar)?,
    }
    tar.into_inner()?.flush()?;
    for c in &chosen {
        let id = c.rec.id.to_string();
        let name = c.rec.names.first().unwrap_or(&id);
        crate::engine::events::image(paths, "save", &id, name);
    }
    Ok(())
}

/// Resolves every reference before writing anything; the same image named twice is written once
/// with both names. An image named by id is written with no name, as `docker save ID` does
/// (`RepoTags: null`): naming it by id asked for the image, not for its names.
fn choose(paths: &Paths, refs: &[String]) -> Result<Vec<Chosen>> {
    let index = Index::read(paths)?;
    let mut out: Vec<Chosen> = Vec::new();
    for r in refs {
        let found = lookup::find(&index, r)?;
        let rec = &index.images[found.idx];
        let names: Vec<String> = found.name.into_iter().collect();
        match out.iter_mut().find(|c| c.rec.id == rec.id) {
            Some(c) => {
                for n in names {
                    if !c.names.contains(&n) {
                        c.names.push(n);
                    }
                }
            }
            None => out.push(Chosen {
                rec: rec.clone(),
                names,
            }),
        }
    }
    Ok(out)
}

fn header(size: u64) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_size(size);
    h.set_mode(0o644);
    h.set_mtime(0);
    h.set_uid(0);
    h.set_gid(0);
    h.set_entry_type(tar::EntryType::Regular);
    h
}

fn append_bytes(tar: &mut tar::Builder<&mut dyn Write>, name: &str, data: &[u8]) -> Result<()> {
    tar.append_data(&mut header(data.len() as u64), name, data)
        .with_context(|| format!("cannot write {name} to the archive"))
}

fn append_blob(
    paths: &Paths,
    tar: &mut tar::Builder<&mut dyn Write>,
    digest: &Digest,
    name: &str,
) -> Result<()> {
    let p = blob_path(paths, digest);
    let f = File::open(&p).with_context(|| format!("blob {digest} is missing from the store"))?;
    let size = f.metadata()?.len();
    tar.append_data(&mut header(size), name, Exact::new(f, size))
        .with_context(|| format!("cannot write blob {digest} to the archive"))
}

fn docker_archive(
    paths: &Paths,
    chosen: &[Chosen],
    tar: &mut tar::Builder<&mut dyn Write>,
) -> Result<()> {
    let mut manifest = Vec::new();
    let mut repositories: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut written = HashSet::new();
    for c in chosen {
        let id = c.rec.id.clone();
        let config = read_config(paths, &id)?;
        let diff_ids = diff_ids(&config)?;
        let mut layers = Vec::new();
        for (diff_id, chain) in diff_ids.iter().zip(chain_ids(&diff_ids)) {
            let name = format!("{}.tar", diff_id.hex());
            if written.insert(name.clone()) {
                append_layer_tar(paths, tar, &chain, &name)?;
            }
            layers.push(name);
        }
        let config_name = format!("{}.json", id.hex());
        append_blob(paths, tar, &id, &config_name)?;
        // Full names: docker load accepts them, and podman load would otherwise turn
        // `busybox:latest` into `localhost/busybox:latest`.
        for t in &c.names {
            let (repo, tag) = split_name(t);
            let top = diff_ids
                .last()
                .map(|d| d.hex().to_string())
                .unwrap_or_default();
            repositories
                .entry(repo.to_string())
                .or_default()
                .insert(tag.to_string(), top);
        }
        // Docker writes null, not [], for an image saved without a name.
        let tags = (!c.names.is_empty()).then_some(&c.names);
        manifest.push(json!({ "Config": config_name, "RepoTags": tags, "Layers": layers }));
    }
    append_bytes(tar, "manifest.json", &serde_json::to_vec(&manifest)?)?;
    append_bytes(tar, "repositories", &serde_json::to_vec(&repositories)?)?;
    Ok(())
}

/// A layer as an uncompressed tar: the stored blob, gunzipped while streaming if needed. Its
/// length is known from layer.json, so the archive header is written before the data.
fn append_layer_tar(
    paths: &Paths,
    tar: &mut tar::Builder<&mut dyn Write>,
    chain: &ChainId,
    name: &str,
) -> Result<()> {
    let rec = read_layer_record(paths, chain)?;
    let f = File::open(blob_path(paths, &rec.blob))
        .with_context(|| format!("blob {} is missing from the store", rec.blob))?;
    let data = super::ingest::decompressed(f)?;
    tar.append_data(&mut header(rec.size), name, Exact::new(data, rec.size))
        .with_context(|| format!("cannot write layer {} to the archive", rec.diff_id))
}

fn oci_archive(
    paths: &Paths,
    chosen: &[Chosen],
    tar: &mut tar::Builder<&mut dyn Write>,
) -> Result<()> {
    append_bytes(tar, "oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#)?;
    let mut written = HashSet::new();
    let mut descs = Vec::new();
    for c in chosen {
        let manifest = c.rec.manifest.clone();
        let m: ImageManifest = serde_json::from_slice(&read_blob(paths, &manifest)?)
            .with_context(|| format!("manifest {} is corrupt", c.rec.manifest))?;
        let mut blobs = vec![Digest::from_oci(m.config().digest(), "a stored manifest")?];
        for l in m.layers() {
            blobs.push(Digest::from_oci(l.digest(), "a stored manifest")?);
        }
        blobs.push(manifest);
        for b in blobs {
            if written.insert(b.clone()) {
                append_blob(paths, tar, &b, &format!("blobs/sha256/{}", b.hex()))?;
            }
        }
        let desc = |name: Option<&String>| -> Result<Descriptor> {
            let mut d = Descriptor::new(
                MediaType::from(c.rec.manifest_type.as_str()),
                c.rec.manifest_size,
                c.rec.manifest.to_oci()?,
            );
            if let Some(n) = name {
                d.set_annotations(Some(HashMap::from([(ANN_REF_NAME.to_string(), n.clone())])));
            }
            Ok(d)
        };
        if c.names.is_empty() {
            descs.push(desc(None)?);
        }
        for n in &c.names {
            descs.push(desc(Some(n))?);
        }
    }
    let index = ImageIndexBuilder::default()
        .schema_version(2u32)
        .media_type(MediaType::ImageIndex)
        .manifests(descs)
        .build()?;
    append_bytes(tar, "index.json", &serde_json::to_vec(&index)?)
}

/// Yields exactly `size` bytes of `inner`, failing if it has fewer or more: a stored blob that
/// changed size would otherwise make a corrupt archive.
struct Exact<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Exact<R> {
    fn new(inner: R, size: u64) -> Self {
        Exact { inner, left: size }
    }
}

impl<R: Read> Read for Exact<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(io::Error::other(
                    "the stored data is longer than recorded; the store is damaged",
                )),
            };
        }
        let want = buf.len().min(self.left.min(usize::MAX as u64) as usize);
        let n = self.inner.read(&mut buf[..want])?;
        if n == 0 {
            return Err(io::Error::other(
                "the stored data is shorter than recorded; the store is damaged",
            ));
        }
        self.left -= n as u64;
        Ok(n)
    }
}
