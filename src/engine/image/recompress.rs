//! `push --compression-format`: layers stored in another compression are recompressed into a
//! temporary blob (digest computed while writing) and the manifest is rewritten to name it.
use super::ingest::decompressed;
use crate::store::{self, Paths};
use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::PathBuf;

/// A layer blob made for one push, deleted when dropped (it is not part of any stored image).
pub struct TempBlob {
    pub path: PathBuf,
    pub digest: String,
    pub size: u64,
}

impl Drop for TempBlob {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// A writer that hashes and counts what passes through.
struct Hashing<W: Write> {
    inner: W,
    hash: Sha256,
    size: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(b)?;
        self.hash.update(&b[..n]);
        self.size += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The compression a layer media type names: "gzip", "zstd" or "" (plain tar).
pub fn of_media_type(mt: &str) -> &'static str {
    if mt.contains("zstd") {
        "zstd"
    } else if mt.contains("gzip") {
        "gzip"
    } else {
        ""
    }
}

/// The OCI media type for a layer in `format`.
pub fn media_type(format: &str) -> String {
    format!("application/vnd.oci.image.layer.v1.tar+{format}")
}

/// Recompresses stored blob `digest` into `format` (gzip or zstd).
pub fn recompress(paths: &Paths, digest: &str, format: &str) -> Result<TempBlob> {
    let src = std::fs::File::open(paths.blob(digest))
        .with_context(|| format!("cannot open blob {digest}"))?;
    let mut plain = decompressed(src)?;
    let path = paths.blobs().join(store::tmp_name());
    let file = std::fs::File::create(&path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    let mut out = Hashing {
        inner: std::io::BufWriter::new(file),
        hash: Sha256::new(),
        size: 0,
    };
    // Owned from here on, so an error below removes the partial file.
    let mut blob = TempBlob {
        path: path.clone(),
        digest: String::new(),
        size: 0,
    };
    match format {
        "gzip" => {
            let mut enc = flate2::write::GzEncoder::new(&mut out, flate2::Compression::default());
            std::io::copy(&mut plain, &mut enc).context("cannot recompress a layer")?;
            enc.finish()?;
        }
        "zstd" => {
            let mut enc = zstd::stream::write::Encoder::new(&mut out, 3)?;
            std::io::copy(&mut plain, &mut enc).context("cannot recompress a layer")?;
            enc.finish()?;
        }
        f => bail!("unknown --compression-format {f:?}: use gzip or zstd"),
    }
    out.flush()?;
    blob.size = out.size;
    blob.digest = format!("sha256:{}", hex::encode(out.hash.finalize()));
    Ok(blob)
}
