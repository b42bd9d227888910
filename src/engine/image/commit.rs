//! `commit`: a container's image plus one layer packed from its upper dir (`pack`), or with
//! `--squash` one layer holding the whole merged file system. The layer is spooled and hashed
//! with no lock, then unpacked and checked against its diff_id by the same staging code as
//! `import` and `load`; the image lock is held only to rename it into place and tag.
use super::changes;
use super::digest::{chain_ids, Digest, Hashing};
use super::ingest::{oci_manifest, unpack_options};
use super::pack;
use super::reference::{normalize_name, Origin};
use super::staging::{LayerSource, NewImage, Staging};
use super::store::{blob_path, read_blob, read_layer_record};
use crate::runtime::userns::Mapping;
use crate::store::Paths;
use anyhow::{Context, Result};
use oci_spec::image::MediaType;
use serde_json::{json, Map, Value};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

pub(crate) struct CommitOptions {
    /// `REPOSITORY[:TAG]` (`localhost/` is added when it has no domain); none leaves the image
    /// untagged, as Docker does.
    pub(crate) reference: Option<String>,
    /// `-c` Dockerfile instructions for the config.
    pub(crate) changes: Vec<String>,
    /// `-m`: the history entry's comment.
    pub(crate) message: Option<String>,
    /// `-a`: the image's and the history entry's author.
    pub(crate) author: Option<String>,
    /// podman's `--squash`: one layer with the whole file system.
    pub(crate) squash: bool,
}

/// What a container contributes: its files and what its config says.
pub(crate) struct CommitSource {
    pub(crate) upper: PathBuf,
    /// The image's layer dirs, bottom first.
    pub(crate) lowers: Vec<PathBuf>,
    pub(crate) image_id: Digest,
    /// Docker `Config` fields the container sets (Env, Cmd, Entrypoint...), replacing the image's.
    pub(crate) config: Map<String, Value>,
    /// The history entry's `created_by`: the container's command.
    pub(crate) created_by: String,
    /// The container's mount points, whose empty stubs stay out of the layer (`pack_layer`).
    pub(crate) stubs: std::collections::HashSet<String>,
    /// The maps of the container's own user namespace (`--userns`), if it has one.
    pub(crate) ids: Option<(
        Vec<crate::runtime::userns::IdMap>,
        Vec<crate::runtime::userns::IdMap>,
    )>,
}

/// A commit whose options are checked: nothing has been read or written yet.
pub(crate) struct Plan {
    name: Option<String>,
    opts: CommitOptions,
}

/// Checks the name and the `--change` instructions before any work (and before the container
/// is paused): a bad one is an error with nothing written.
pub(crate) fn plan(opts: CommitOptions) -> Result<Plan> {
    let name = opts
        .reference
        .as_deref()
        .map(|r| normalize_name(r, Origin::Local))
        .transpose()?;
    let mut scratch = Map::new();
    for c in &opts.changes {
        changes::apply(&mut scratch, c)?;
    }
    Ok(Plan { name, opts })
}

#[derive(Debug)]
pub(crate) struct CommitReport {
    pub(crate) id: Digest,
    pub(crate) notes: Vec<String>,
}

impl Plan {
    /// Writes the image; `mapping` is skiff's user namespace, which the layer is unpacked in.
    /// `packed` runs once the container's files are read (a paused container resumes there).
    pub(crate) fn write(
        &self,
        paths: &Paths,
        src: &CommitSource,
        mapping: &Mapping,
        packed: &mut dyn FnMut(),
    ) -> Result<CommitReport> {
        let base: Value = serde_json::from_slice(&read_blob(paths, &src.image_id)?)
            .with_context(|| format!("image config {} is corrupt", src.image_id))?;
        let base_diff_ids: Vec<Digest> = match self.opts.squash {
            true => Vec::new(),
            false => serde_json::from_value(base["rootfs"]["diff_ids"].clone())
                .with_context(|| format!("image config {} has no valid diff_ids", src.image_id))?,
        };
        let mut st = Staging::begin(paths, "commit")?;
        let tmp = st.dir().join("layer.tar");
        let spooled = spool_layer(src, self.opts.squash, &tmp);
        packed();
        let (diff_id, size) = spooled?;
        st.add_blob_file(&tmp, &diff_id);
        let created = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true);
        let mut diff_ids = base_diff_ids;
        diff_ids.push(diff_id.clone());
        let config = self.config(base, src, &diff_ids, &created)?;
        let config_bytes = serde_json::to_vec(&config)?;
        let id = st.add_blob_bytes(&config_bytes)?;
        let (len, when) = (config_bytes.len(), Some(created.clone()));
        let img = new_image(paths, &mut st, &id, len, &diff_ids, Some(size), when)?;
        let mut ing = st.lock(std::slice::from_ref(&img), &unpack_options(mapping))?;
        let idx = st.commit_image(&mut ing, &img)?;
        if let Some(n) = &self.name {
            ing.index.set_name(idx, n, &created);
        }
        ing.finish_synced()?;
        Ok(CommitReport {
            id,
            notes: st.take_notes(),
        })
    }

    /// The new config: the image's, with the container's settings, the `--change`s, the new
    /// layer and a history entry (Docker's shape: `created_by`, `author`, `comment`).
    fn config(
        &self,
        mut base: Value,
        src: &CommitSource,
        diff_ids: &[Digest],
        created: &str,
    ) -> Result<Value> {
        let o = &self.opts;
        let mut cfg = base["config"].as_object().cloned().unwrap_or_default();
        for (k, v) in &src.config {
            cfg.insert(k.clone(), v.clone());
        }
        for c in &o.changes {
            changes::apply(&mut cfg, c)?;
        }
        let mut entry = json!({ "created": created, "created_by": src.created_by });
        let top = base
            .as_object_mut()
            .context("the image config is not an object")?;
        for (key, val) in [("author", &o.author), ("comment", &o.message)] {
            match val {
                Some(v) => {
                    top.insert(key.into(), json!(v));
                    entry[key] = json!(v);
                }
                None => {
                    top.remove(key);
                }
            }
        }
        let mut history = match o.squash {
            true => Vec::new(),
            false => top
                .get("history")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
        };
        history.push(entry);
        top.insert("created".into(), json!(created));
        top.insert("config".into(), Value::Object(cfg));
        top.insert("history".into(), Value::Array(history));
        top.insert(
            "rootfs".into(),
            json!({ "type": "layers", "diff_ids": diff_ids }),
        );
        // Docker's legacy copies describe the container that built the base: not this image.
        top.remove("container_config");
        top.remove("container");
        Ok(base)
    }
}

/// Packs the container's changes (or, squashed, its whole file system) into `tmp`, returning
/// the tar's digest (the diff_id and blob digest: it is stored uncompressed) and size.
fn spool_layer(src: &CommitSource, squash: bool, tmp: &std::path::Path) -> Result<(Digest, u64)> {
    let f =
        std::fs::File::create(tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let out = Hashing::new(BufWriter::with_capacity(256 << 10, f));
    let mut out = if squash {
        let mut layers = vec![src.upper.clone()];
        layers.extend(src.lowers.iter().rev().cloned());
        pack::pack_merged_as(&layers, src.ids.as_ref(), out)?
    } else {
        pack::pack_layer_as(&src.upper, &src.stubs, src.ids.as_ref(), out)?
    };
    out.flush()
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    Ok((out.digest(), out.count))
}

/// Every layer of the new image: the base image's as the store holds them (their blobs and
/// media types are in the layer records), the new one last as a plain tar.
fn layer_sources(paths: &Paths, diff_ids: &[Digest], new_last: bool) -> Result<Vec<LayerSource>> {
    let chains = chain_ids(diff_ids);
    let last = match new_last {
        true => diff_ids.len() - 1,
        false => usize::MAX,
    };
    let mut out = Vec::new();
    for (i, (diff_id, chain)) in diff_ids.iter().zip(chains).enumerate() {
        let (blob, media_type) = match i == last {
            true => (diff_id.clone(), MediaType::ImageLayer.to_string()),
            false => {
                let rec = read_layer_record(paths, &chain).with_context(|| {
                    format!("layer {chain} of the container's image is missing from the store")
                })?;
                (rec.blob, rec.media_type)
            }
        };
        out.push(LayerSource {
            blob,
            media_type,
            diff_id: diff_id.clone(),
            chain,
        });
    }
    Ok(out)
}

/// Writes a layer tar to the file it is handed; returns the tar's digest and size.
pub(crate) type SpoolLayer<'a> = dyn FnMut(&std::path::Path) -> Result<(Digest, u64)> + 'a;

/// A build step's image: `config` (whose `rootfs.diff_ids` are the parent's layers) plus,
/// when `layer` is given, one new layer that it writes to the file it is handed (returning the
/// tar's digest and size), stored through the same staging as `commit`. Returns the image id;
/// the image is left untagged (the build tags its last one).
pub(crate) fn write_image(
    paths: &Paths,
    mapping: &Mapping,
    mut config: Value,
    layer: Option<&mut SpoolLayer>,
) -> Result<Digest> {
    let mut diff_ids: Vec<Digest> =
        serde_json::from_value(config["rootfs"]["diff_ids"].clone()).unwrap_or_default();
    let mut st = Staging::begin(paths, "build")?;
    let new = match layer {
        Some(write) => {
            let tmp = st.dir().join("layer.tar");
            let (diff_id, size) = write(&tmp)?;
            st.add_blob_file(&tmp, &diff_id);
            diff_ids.push(diff_id);
            Some(size)
        }
        None => None,
    };
    config["rootfs"] = json!({ "type": "layers", "diff_ids": diff_ids });
    let config_bytes = serde_json::to_vec(&config)?;
    let id = st.add_blob_bytes(&config_bytes)?;
    let when = config["created"].as_str().map(str::to_string);
    let img = new_image(
        paths,
        &mut st,
        &id,
        config_bytes.len(),
        &diff_ids,
        new,
        when,
    )?;
    let mut ing = st.lock(std::slice::from_ref(&img), &unpack_options(mapping))?;
    st.commit_image(&mut ing, &img)?;
    ing.finish_synced()?;
    Ok(id)
}

/// The image record of config `id` over `diff_ids`, its manifest added to `st`; with `new`, the
/// last layer is the one just staged, of that many bytes (the others' sizes come from the store).
/// Shared by `commit` and the build's `write_image`.
fn new_image(
    paths: &Paths,
    st: &mut Staging,
    id: &Digest,
    config_len: usize,
    diff_ids: &[Digest],
    new: Option<u64>,
    created: Option<String>,
) -> Result<NewImage> {
    let layers = layer_sources(paths, diff_ids, new.is_some())?;
    let mut descriptors = Vec::new();
    for (i, l) in layers.iter().enumerate() {
        let len = match (i + 1 == layers.len(), new) {
            (true, Some(size)) => size,
            _ => blob_size(paths, &l.blob)?,
        };
        descriptors.push((&l.blob, len, l.media_type.as_str()));
    }
    let manifest = oci_manifest(id, config_len as u64, &descriptors)?;
    Ok(NewImage {
        id: id.clone(),
        manifest: st.add_blob_bytes(&manifest)?,
        manifest_size: manifest.len() as u64,
        manifest_type: MediaType::ImageManifest.to_string(),
        created,
        layers,
    })
}

/// The media types of Docker's v2 schema 2 (what `build --format docker` writes, as buildah).
const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";

/// The Docker layer media type for a stored layer's OCI (or Docker) one.
fn docker_layer_type(mt: &str) -> Result<&'static str> {
    match super::recompress::of_media_type(mt) {
        "" => Ok("application/vnd.docker.image.rootfs.diff.tar"),
        "gzip" => Ok("application/vnd.docker.image.rootfs.diff.tar.gzip"),
        _ => anyhow::bail!(
            "a layer is stored as {mt}, which Docker's manifest format cannot describe: build with --format oci"
        ),
    }
}

/// `config` (every layer already in the store) as an image whose manifest has Docker's v2
/// schema 2 media types, as buildah's `--format docker` writes it. Returns the image id.
pub(crate) fn write_docker_image(
    paths: &Paths,
    mapping: &Mapping,
    config: Value,
) -> Result<Digest> {
    let diff_ids: Vec<Digest> =
        serde_json::from_value(config["rootfs"]["diff_ids"].clone()).unwrap_or_default();
    let mut st = Staging::begin(paths, "build")?;
    let config_bytes = serde_json::to_vec(&config)?;
    let id = st.add_blob_bytes(&config_bytes)?;
    let layers = layer_sources(paths, &diff_ids, false)?;
    let mut descriptors = Vec::new();
    for l in &layers {
        descriptors.push(json!({
            "mediaType": docker_layer_type(&l.media_type)?,
            "size": blob_size(paths, &l.blob)?,
            "digest": l.blob,
        }));
    }
    let manifest = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": super::registry::DOCKER_MANIFEST,
        "config": { "mediaType": DOCKER_CONFIG, "size": config_bytes.len(), "digest": id },
        "layers": descriptors,
    }))?;
    let img = NewImage {
        id: id.clone(),
        manifest: st.add_blob_bytes(&manifest)?,
        manifest_size: manifest.len() as u64,
        manifest_type: super::registry::DOCKER_MANIFEST.to_string(),
        created: config["created"].as_str().map(str::to_string),
        layers,
    };
    let mut ing = st.lock(std::slice::from_ref(&img), &unpack_options(mapping))?;
    st.commit_image(&mut ing, &img)?;
    ing.finish_synced()?;
    Ok(id)
}

/// Packs an upper dir (a build step's container) into `tmp` as a plain tar layer, its mtimes
/// stamped for a reproducible build.
pub(crate) fn spool_upper(
    upper: &std::path::Path,
    stubs: &std::collections::HashSet<String>,
    tmp: &std::path::Path,
    stamp: Option<pack::Stamp>,
) -> Result<(Digest, u64)> {
    let f =
        std::fs::File::create(tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let out = Hashing::new(BufWriter::with_capacity(256 << 10, f));
    let mut out = pack::pack_layer_stamped(upper, stubs, out, stamp)?;
    out.flush()
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    Ok((out.digest(), out.count))
}

fn blob_size(paths: &Paths, digest: &Digest) -> Result<u64> {
    let p = blob_path(paths, digest);
    Ok(std::fs::metadata(&p)
        .with_context(|| format!("blob {digest} is missing from the store ({})", p.display()))?
        .len())
}
