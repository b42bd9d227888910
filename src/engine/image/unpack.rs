//! Unpacking one layer tar (untrusted input; gzip, zstd or plain) into an empty directory, inside the user namespace.
//!
//! The tar crate only parses; every object is created here with no-follow `*at` calls relative
//! to a directory fd of `dest` (see `tree`), OCI whiteouts become overlayfs ones (char 0/0 and
//! `user.overlay.opaque=y`), and the uncompressed stream is hashed for the diff_id on the way.
mod entry;
mod meta;
mod name;
mod tree;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_hostile;

use super::digest::{Digest, Hashing};
use anyhow::{anyhow, bail, Result};
use std::io::{self, BufReader, Read};
use std::path::Path;

pub(crate) struct UnpackOptions {
    /// Single-id mapping: every file is owned by 0 (the user), whatever the tar says.
    pub(crate) single_id: bool,
    /// Owners at or above these limits cannot be represented; they are an error.
    pub(crate) uid_limit: u64,
    pub(crate) gid_limit: u64,
}

#[derive(Debug)]
pub(crate) struct UnpackReport {
    /// The digest of the whole uncompressed stream (to check against the config's diff_id).
    pub(crate) diff_id: Digest,
    /// Bytes of regular file content written (what the unpack tests check it wrote).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) size: u64,
    /// Things skipped, for the CLI to mention (e.g. device nodes).
    pub(crate) notes: Vec<String>,
}

/// What the entries add up to while the stream is read (the digest comes at its end).
#[derive(Debug, Default)]
pub(super) struct Tally {
    pub(crate) size: u64,
    pub(crate) notes: Vec<String>,
}

/// Appended to errors about entries no honest layer contains.
const HOSTILE: &str = "the image is malformed or malicious; do not use it";
/// Appended to errors about a stream that ends early.
const TRUNCATED: &str = "the layer is truncated; download or export it again";

/// Appended to errors of calls that need skiff's user namespace (mknod 0/0, chown).
const IN_USERNS: &str = "layers must be unpacked inside skiff's user namespace";

/// Large enough that a big file takes few read/write calls.
const BUF_SIZE: usize = 256 * 1024;

/// Unpacks `layer` (gzip, zstd or plain; sniffed) into `dest`, which must exist and be empty.
///
/// On error `dest` may hold part of the layer; nothing is ever written outside it.
pub(crate) fn unpack(layer: impl Read, dest: &Path, opts: &UnpackOptions) -> Result<UnpackReport> {
    let mut layer = layer;
    let mut magic = [0u8; 4];
    let sniffed = read_up_to(&mut layer, &mut magic)?;
    let input = BufReader::with_capacity(BUF_SIZE, (&magic[..sniffed]).chain(layer));
    let decoded: Box<dyn Read + '_> = match magic[..sniffed] {
        [0x1f, 0x8b, ..] => Box::new(flate2::bufread::MultiGzDecoder::new(input)),
        [0x28, 0xb5, 0x2f, 0xfd] => Box::new(
            zstd::stream::read::Decoder::with_buffer(input)
                .map_err(|e| anyhow!("cannot start the zstd decoder: {e}"))?,
        ),
        _ => Box::new(input),
    };
    let mut stream = Digesting::new(decoded);
    let mut tree = tree::Tree::open(dest)?;
    let mut cx = entry::Ctx {
        opts,
        report: Tally::default(),
        xattrs: meta::Xattrs::default(),
        buf: vec![0; BUF_SIZE],
    };
    {
        let mut archive = tar::Archive::new(&mut stream);
        for entry in archive.entries().map_err(read_failure)? {
            let mut entry = entry.map_err(read_failure)?;
            entry::unpack_entry(&mut tree, &mut entry, &mut cx)?;
        }
    }
    // The tar reader stops at the first zero block without reading past it, so an EOF it saw
    // means the stream ended before the end-of-archive marker.
    if stream.eof {
        bail!("the layer ends before its end-of-archive marker; {TRUNCATED}");
    }
    // The rest (the second zero block, record padding, the gzip trailer) is part of the
    // diff_id, and reading it makes gzip check its CRC.
    io::copy(&mut stream, &mut io::sink()).map_err(read_failure)?;
    tree.finish()?;
    let mut notes = cx.report.notes;
    notes.extend(cx.xattrs.notes());
    Ok(UnpackReport {
        diff_id: stream.inner.digest(),
        size: cx.report.size,
        notes,
    })
}

fn read_up_to(input: &mut impl Read, buf: &mut [u8]) -> Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(anyhow!("cannot read the layer: {e}")),
        }
    }
    Ok(filled)
}

/// A failure of the decompressor or the tar parser, which both mean a damaged stream.
fn read_failure(e: io::Error) -> anyhow::Error {
    let text = e.to_string();
    anyhow!(
        "cannot read the layer ({text}); it is truncated or corrupt: download or export it again"
    )
}

/// Hashes everything read through it, and remembers whether the end was reached.
struct Digesting<R> {
    inner: Hashing<R>,
    eof: bool,
}

impl<R> Digesting<R> {
    fn new(inner: R) -> Self {
        Digesting {
            inner: Hashing::new(inner),
            eof: false,
        }
    }
}

impl<R: Read> Read for Digesting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.eof = true;
        }
        Ok(n)
    }
}
