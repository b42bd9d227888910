//! `system check`'s image side: every blob against its digest, every image's manifest, config,
//! layer blobs and unpacked layers (each layer's recorded diff id where the image's chain puts
//! it), and the repairs: an image with a broken part leaves the index (the GC then collects
//! what only it used), a corrupt blob is deleted.
use super::check::{Fix, Problem};
use crate::engine::image::digest::{chain_ids, diff_ids, Digest, Hashing};
use crate::engine::image::store::{blob_path, layer_path, read_blob, read_layer_record, Index};
use crate::engine::image::store::{ImageRecord, MAX_JSON};
use crate::store::{self, Paths};
use anyhow::Result;
use oci_spec::image::{ImageConfiguration, ImageManifest};
use std::collections::HashSet;

/// The blobs whose content does not hash to their name.
pub(super) fn blobs(paths: &Paths, out: &mut Vec<Problem>) -> Result<HashSet<Digest>> {
    let mut bad = HashSet::new();
    let Ok(dir) = std::fs::read_dir(paths.blobs()) else {
        return Ok(bad);
    };
    for e in dir.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(store::TMP_PREFIX) || name.starts_with(store::TRASH_PREFIX) {
            continue;
        }
        let Ok(digest) = Digest::parse(&format!("sha256:{name}"), "a blob's name") else {
            out.push(Problem::new(
                format!("blob {}: not named by a digest", e.path().display()),
                Fix::Blob(e.path()),
            ));
            continue;
        };
        let mut h = Hashing::new(std::fs::File::open(e.path())?);
        std::io::copy(&mut h, &mut std::io::sink())?;
        if h.digest() != digest {
            out.push(Problem::new(
                format!("blob {digest}: its content does not match its digest (corrupt)"),
                Fix::Blob(e.path()),
            ));
            bad.insert(digest);
        }
    }
    Ok(bad)
}

/// Each image's parts, present and sound.
pub(super) fn images(paths: &Paths, bad: &HashSet<Digest>, out: &mut Vec<Problem>) -> Result<()> {
    for img in &Index::read(paths)?.images {
        if let Err(why) = image(paths, img, bad) {
            let names = match img.names.is_empty() {
                true => String::new(),
                false => format!(" ({})", img.names.join(", ")),
            };
            out.push(Problem::new(
                format!("image {}{names}: {why}", &img.id.hex()[..12]),
                Fix::Image(img.id.clone()),
            ));
        }
    }
    Ok(())
}

/// What is wrong with one image, if anything.
fn image(paths: &Paths, img: &ImageRecord, bad: &HashSet<Digest>) -> Result<(), String> {
    let blob = |d: &Digest, what: &str| -> Result<Vec<u8>, String> {
        if bad.contains(d) {
            return Err(format!("its {what} {d} is corrupt"));
        }
        match std::fs::metadata(blob_path(paths, d)) {
            Ok(m) if m.len() > MAX_JSON && what != "layer blob" => {
                Err(format!("its {what} {d} is too big"))
            }
            Ok(_) if what == "layer blob" => Ok(Vec::new()),
            Ok(_) => read_blob(paths, d).map_err(|e| format!("{e:#}")),
            Err(_) => Err(format!("its {what} {d} is missing")),
        }
    };
    let m: ImageManifest = serde_json::from_slice(&blob(&img.manifest, "manifest")?)
        .map_err(|e| format!("its manifest {} does not parse: {e}", img.manifest))?;
    let config: ImageConfiguration = serde_json::from_slice(&blob(&img.id, "config")?)
        .map_err(|e| format!("its config does not parse: {e}"))?;
    for l in m.layers() {
        let d = Digest::from_oci(l.digest(), "a stored manifest").map_err(|e| format!("{e:#}"))?;
        blob(&d, "layer blob")?;
    }
    let diffs = diff_ids(&config).map_err(|e| format!("{e:#}"))?;
    for (chain, diff) in chain_ids(&diffs).iter().zip(&diffs) {
        let rec =
            read_layer_record(paths, chain).map_err(|_| format!("its layer {chain} is missing"))?;
        if rec.diff_id != *diff {
            return Err(format!(
                "its layer {chain} records diff id {} for {diff}",
                rec.diff_id
            ));
        }
        if !layer_path(paths, chain).join("diff").is_dir() {
            return Err(format!("its layer {chain} has no diff directory"));
        }
    }
    Ok(())
}
