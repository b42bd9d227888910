//! `import`: a rootfs tarball (plain or gzip) becomes a one-layer image. The layer blob is the
//! uncompressed tar, so its digest is the diff_id; the config is made here, with `--change`
//! instructions applied, and looks like Docker's (`Imported from FILE` in the history).
use super::changes;
use super::digest::{Digest, Hashing};
use super::ingest::{decompressed, oci_manifest, unpack_options};
use super::reference::{normalize_name, Origin};
use super::staging::{LayerSource, NewImage, Staging};
use super::store::host_arch;
use crate::runtime::userns::Mapping;
use crate::store::Paths;
use anyhow::{Context, Result};
use oci_spec::image::MediaType;
use serde_json::{json, Map, Value};
use std::io::{BufWriter, Read, Write};

pub(crate) struct ImportOptions {
    /// What the tarball was (a path, or `-` for stdin), for the history comment.
    pub(crate) source: String,
    /// Dockerfile instructions for the config (`CMD ["sh"]`, `ENV A=1`...).
    pub(crate) changes: Vec<String>,
    /// The history comment instead of `Imported from SOURCE`.
    pub(crate) message: Option<String>,
    /// The name to give (`localhost/` is added when it has no domain).
    pub(crate) reference: Option<String>,
    pub(crate) mapping: Mapping,
}

#[derive(Debug)]
pub(crate) struct ImportReport {
    pub(crate) id: Digest,
    pub(crate) notes: Vec<String>,
}

pub(crate) fn import<R: Read + 'static>(
    paths: &Paths,
    input: R,
    opts: &ImportOptions,
) -> Result<ImportReport> {
    // Check everything the user typed before reading a possibly large tarball.
    let name = opts
        .reference
        .as_deref()
        .map(|r| normalize_name(r, Origin::Local))
        .transpose()?;
    let mut config = Map::new();
    for c in &opts.changes {
        changes::apply(&mut config, c)?;
    }
    // Spooled and unpacked with no lock (`staging`); the image lock is held only to commit.
    let mut st = Staging::begin(paths, "import")?;
    let tmp = st.dir().join("layer.tar");
    let (diff_id, size) = spool_plain(input, &tmp)?;
    st.add_blob_file(&tmp, &diff_id);
    let layer_type = MediaType::ImageLayer.to_string();
    let created = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true);
    let comment = opts
        .message
        .clone()
        .unwrap_or_else(|| format!("Imported from {}", opts.source));
    let config_json = make_config(config, &diff_id, &created, &comment);
    let config_bytes = serde_json::to_vec(&config_json)?;
    let id = st.add_blob_bytes(&config_bytes)?;
    let manifest = oci_manifest(
        &id,
        config_bytes.len() as u64,
        &[(&diff_id, size, &layer_type)],
    )?;
    let img = NewImage {
        id: id.clone(),
        manifest: st.add_blob_bytes(&manifest)?,
        manifest_size: manifest.len() as u64,
        manifest_type: MediaType::ImageManifest.to_string(),
        created: Some(created.clone()),
        layers: vec![LayerSource {
            blob: diff_id.clone(),
            media_type: layer_type,
            // A one-layer image: its chain id is its diff id.
            chain: super::digest::chain_ids(std::slice::from_ref(&diff_id)).remove(0),
            diff_id,
        }],
    };
    let mut ing = st.lock(std::slice::from_ref(&img), &unpack_options(&opts.mapping))?;
    let idx = st.commit_image(&mut ing, &img)?;
    if let Some(n) = &name {
        ing.index.set_name(idx, n, &created);
    }
    ing.finish_synced()?;
    let shown = name.clone().unwrap_or_else(|| id.to_string());
    crate::engine::events::image(paths, "import", &id.to_string(), &shown);
    Ok(ImportReport {
        id,
        notes: st.take_notes(),
    })
}

/// Writes the uncompressed tarball to `tmp`, returning its digest and size.
fn spool_plain<R: Read + 'static>(input: R, tmp: &std::path::Path) -> Result<(Digest, u64)> {
    let f =
        std::fs::File::create(tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let mut w = Hashing::new(BufWriter::with_capacity(256 << 10, f));
    let mut r = decompressed(input).context("cannot read the tarball")?;
    std::io::copy(&mut r, &mut w)
        .context("cannot read the tarball (is it a tar or tar.gz file?)")?;
    w.flush()?;
    if w.count == 0 {
        anyhow::bail!("the tarball is empty; give a tar or tar.gz of a root filesystem");
    }
    Ok((w.digest(), w.count))
}

/// The image config of an import, in the shape Docker writes (keys sorted, so deterministic).
fn make_config(
    config: Map<String, Value>,
    diff_id: &Digest,
    created: &str,
    comment: &str,
) -> Value {
    json!({
        "architecture": host_arch(),
        "os": "linux",
        "created": created,
        "comment": comment,
        "config": config,
        "rootfs": { "type": "layers", "diff_ids": [diff_id] },
        "history": [{ "created": created, "created_by": "", "comment": comment }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_is_a_valid_oci_config() {
        let mut c = Map::new();
        changes::apply(&mut c, "CMD [\"sh\"]").unwrap();
        let d = format!("sha256:{}", "a".repeat(64));
        let v = make_config(
            c,
            &d.parse().unwrap(),
            "2026-01-01T00:00:00Z",
            "Imported from -",
        );
        let parsed: oci_spec::image::ImageConfiguration =
            serde_json::from_value(v.clone()).unwrap();
        assert_eq!(parsed.rootfs().diff_ids(), &[d]);
        assert_eq!(
            parsed.config().as_ref().unwrap().cmd().as_ref().unwrap(),
            &["sh"]
        );
        assert_eq!(v["history"][0]["comment"], "Imported from -");
        assert_eq!(v["architecture"], host_arch());
    }
}
