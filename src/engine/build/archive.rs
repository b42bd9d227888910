//! ADD of a local archive: a tar, plain or compressed with gzip, bzip2, xz or zstd (recognised
//! by its content, as Docker does, not by its name), is extracted into the destination; any
//! other file is copied as is. The archive is untrusted: every name is resolved lexically
//! inside the destination (`..` may not climb out, a leading `/` is dropped), nothing is written
//! beneath a symlink of the archive, hard links become copies of files the archive already
//! had, and devices and FIFOs are left out (rootless cannot make them). The entries become a
//! tar layer like COPY's, which the store unpacks with its own checks.
use super::sources::{self, Content, Entry, Found};
use anyhow::{bail, Context, Result};
use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Read};
use std::path::Path;

/// At most this much is read from one archive (decompressed), against decompression bombs.
const MAX_BYTES: u64 = 8 << 30;

enum Kind {
    Plain,
    Gzip,
    Bzip2,
    Xz,
    Zstd,
}

fn kind(head: &[u8]) -> Kind {
    match head {
        [0x1f, 0x8b, ..] => Kind::Gzip,
        [b'B', b'Z', b'h', ..] => Kind::Bzip2,
        [0xfd, b'7', b'z', b'X', b'Z', 0, ..] => Kind::Xz,
        [0x28, 0xb5, 0x2f, 0xfd, ..] => Kind::Zstd,
        _ => Kind::Plain,
    }
}

/// The decompressed stream of `path`.
fn open(path: &Path) -> Result<Box<dyn Read>> {
    let cannot = || format!("cannot read {}", path.display());
    let mut f = std::fs::File::open(path).with_context(cannot)?;
    let mut head = [0u8; 6];
    let n = f.read(&mut head).with_context(cannot)?;
    let f = BufReader::new(std::fs::File::open(path).with_context(cannot)?);
    Ok(match kind(&head[..n]) {
        Kind::Plain => Box::new(f),
        Kind::Gzip => Box::new(flate2::read::MultiGzDecoder::new(f)),
        Kind::Bzip2 => Box::new(bzip2::read::MultiBzDecoder::new(f)),
        Kind::Zstd => Box::new(zstd::stream::read::Decoder::new(f).with_context(cannot)?),
        Kind::Xz => {
            // lzma-rs decompresses into a writer, not as a reader: a bounded buffer.
            let mut out = Vec::new();
            let mut limited = LimitedWriter(&mut out, MAX_BYTES);
            lzma_rs::xz_decompress(&mut { f }, &mut limited)
                .map_err(|e| anyhow::anyhow!("{}: not a valid xz file: {e:?}", path.display()))?;
            Box::new(std::io::Cursor::new(out))
        }
    })
}

struct LimitedWriter<'a>(&'a mut Vec<u8>, u64);

impl std::io::Write for LimitedWriter<'_> {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        if self.0.len() as u64 + b.len() as u64 > self.1 {
            return Err(std::io::Error::other("the archive is too big"));
        }
        self.0.extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// True when the stream starts with a tar header (ustar or GNU magic at 257).
fn is_tar(path: &Path) -> Result<bool> {
    let mut r = open(path)?;
    let mut block = [0u8; 512];
    let mut got = 0;
    while got < 512 {
        match r.read(&mut block[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            // Not a valid compressed stream after all: a plain file to copy.
            Err(_) => return Ok(false),
        }
    }
    Ok(got == 512 && &block[257..262] == b"ustar")
}

/// The archive's entries, if `path` is a tar archive (else None: ADD copies the file).
pub(crate) fn extract(path: &Path, name: &str) -> Result<Option<Found>> {
    if !is_tar(path)? {
        return Ok(None);
    }
    let mut ar = tar::Archive::new(open(path)?.take(MAX_BYTES));
    let mut entries: Vec<Entry> = Vec::new();
    // Where each path is in `entries` (a later entry of the same name replaces it).
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut links: HashSet<String> = HashSet::new();
    let bad = |what: String| anyhow::anyhow!("ADD {name}: {what}");
    for e in ar
        .entries()
        .map_err(|e| bad(format!("not a readable tar: {e}")))?
    {
        let mut e = e.map_err(|e| bad(format!("not a readable tar: {e}")))?;
        let raw = e.path_bytes().into_owned();
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let parts = sources::clean(&raw, "ADD")
            .map_err(|_| bad(format!("the entry {raw} points outside the destination")))?;
        let path = parts.join("/");
        if path.is_empty() {
            continue;
        }
        if let Some(l) = parts
            .iter()
            .scan(String::new(), |acc, p| {
                if !acc.is_empty() {
                    acc.push('/');
                }
                acc.push_str(p);
                Some(acc.clone())
            })
            .find(|p| *p != path && links.contains(p))
        {
            bail!("ADD {name}: the entry {raw} is beneath the symlink {l} of the archive");
        }
        let h = e.header().clone();
        let Some(content) = content(&mut e, &raw, &mut links, &path, |t| {
            index.get(t).map(|i| &entries[*i].content)
        })
        .map_err(|e| bad(format!("{e:#}")))?
        else {
            continue;
        };
        let entry = Entry {
            path: path.clone(),
            content,
            mode: h.mode().unwrap_or(0o644) & 0o7777,
            uid: h.uid().unwrap_or(0),
            gid: h.gid().unwrap_or(0),
            mtime: h.mtime().unwrap_or(0),
        };
        match index.get(&path) {
            Some(i) => entries[*i] = entry,
            None => {
                index.insert(path, entries.len());
                entries.push(entry);
            }
        }
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Some(Found {
        is_dir: true,
        name: name.to_string(),
        entries,
    }))
}

/// An archive entry's content: None for what is left out (devices, FIFOs). `earlier` finds the
/// content of a path the archive already had (a hard link's target).
fn content<'a, R: Read>(
    e: &mut tar::Entry<R>,
    raw: &str,
    links: &mut HashSet<String>,
    path: &str,
    earlier: impl Fn(&str) -> Option<&'a Content>,
) -> Result<Option<Content>> {
    let link_name = |e: &tar::Entry<R>| -> Result<String> {
        Ok(e.link_name()?
            .map(|l| l.to_string_lossy().into_owned())
            .unwrap_or_default())
    };
    Ok(Some(match e.header().entry_type() {
        t if t.is_dir() => Content::Dir,
        t if t.is_symlink() => {
            links.insert(path.to_string());
            Content::Symlink(link_name(e)?)
        }
        t if t.is_hard_link() => {
            let target = link_name(e)?;
            let target = sources::clean(&target, "ADD")
                .map_err(|_| anyhow::anyhow!("the hard link {raw} points outside the destination"))?
                .join("/");
            match earlier(&target) {
                Some(Content::Bytes(b)) => Content::Bytes(b.clone()),
                _ => bail!("the hard link {raw} names {target}, which is not an earlier file of the archive"),
            }
        }
        t if t.is_file() => {
            let mut data = Vec::new();
            e.read_to_end(&mut data)
                .map_err(|err| anyhow::anyhow!("cannot read {raw}: {err}"))?;
            Content::Bytes(data)
        }
        _ => return Ok(None),
    }))
}
