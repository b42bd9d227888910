//! Downloading the missing layers of an image, a few at a time: each layer is one streaming
//! pass (download → sha256 of the compressed bytes, copied to a temp blob file → decompress →
//! unpack into a temp layer dir, hashing the diff_id). Nothing is committed here: the caller
//! renames the temp files into place once every layer verified. All threads are joined before
//! this returns.
use super::digest::{Digest, Hashing};
use super::ingest::{decompressed, Counting, Ingest, TempDir};
use super::manifest::Desc;
use super::registry::Client;
use super::store::LayerRecord;
use super::unpack::{unpack, UnpackOptions};
use crate::store::tmp_name;
use anyhow::{bail, Context, Result};
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};

/// Layers downloaded at once (as Docker and podman do, a handful).
const PARALLEL: usize = 3;

/// What a layer download reports, for the progress display.
#[derive(Debug, Clone)]
pub enum LayerEvent {
    Started {
        digest: String,
        size: u64,
    },
    Bytes {
        digest: String,
        done: u64,
        total: u64,
    },
    Done {
        digest: String,
    },
}

/// A verified, not yet committed layer.
pub struct Fetched {
    pub index: usize,
    pub layer: TempDir,
    pub blob: TempFile,
    pub record: LayerRecord,
}

/// A temp file removed when dropped unless taken.
pub struct TempFile(pub PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.0.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.0);
        }
    }
}

impl TempFile {
    pub fn take(mut self) -> PathBuf {
        std::mem::take(&mut self.0)
    }
}

pub struct Job<'a> {
    pub client: &'a Client,
    pub repo: &'a str,
    pub layers: &'a [Desc],
    pub diff_ids: &'a [Digest],
    pub uopts: &'a UnpackOptions,
}

/// Fetches `want` (indices into `job.layers`); results in index order.
pub fn fetch_all(
    ing: &Ingest,
    job: &Job,
    want: &[usize],
    progress: &mut dyn FnMut(LayerEvent),
) -> Result<Vec<Fetched>> {
    let next = AtomicUsize::new(0);
    let cancel = AtomicBool::new(false);
    let results: Mutex<Vec<Fetched>> = Mutex::new(Vec::new());
    let first_err: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    std::thread::scope(|s| {
        let (tx, rx) = mpsc::channel::<LayerEvent>();
        for _ in 0..PARALLEL.min(want.len()) {
            let tx = tx.clone();
            let (next, cancel, results, first_err) = (&next, &cancel, &results, &first_err);
            s.spawn(move || loop {
                let k = next.fetch_add(1, Ordering::SeqCst);
                if k >= want.len() || cancel.load(Ordering::SeqCst) {
                    return;
                }
                match fetch_one(ing, job, want[k], cancel, &tx) {
                    Ok(f) => results.lock().unwrap().push(f),
                    Err(e) => {
                        cancel.store(true, Ordering::SeqCst);
                        first_err.lock().unwrap().get_or_insert(e);
                        return;
                    }
                }
            });
        }
        drop(tx);
        for ev in rx {
            progress(ev);
        }
    });
    if let Some(e) = first_err.into_inner().unwrap() {
        return Err(e);
    }
    let mut v = results.into_inner().unwrap();
    v.sort_by_key(|f| f.index);
    Ok(v)
}

fn fetch_one(
    ing: &Ingest,
    job: &Job,
    i: usize,
    cancel: &AtomicBool,
    tx: &mpsc::Sender<LayerEvent>,
) -> Result<Fetched> {
    let desc = &job.layers[i];
    let digest = &desc.digest;
    let _ = tx.send(LayerEvent::Started {
        digest: digest.to_string(),
        size: desc.size,
    });
    let layer = ing.temp_layer_dir()?;
    let blob = TempFile(ing.paths.blobs().join(tmp_name()));
    let file =
        File::create(&blob.0).with_context(|| format!("cannot create {}", blob.0.display()))?;
    let body = job.client.blob(job.repo, digest)?;
    let mut tee = Tee {
        src: body,
        out: Hashing::new(BufWriter::with_capacity(1 << 20, file)),
        limit: desc.size,
        reported: 0,
        cancel,
        tx,
        digest,
    };
    let (unpacked, tar_size) = {
        let mut stream = Counting {
            inner: decompressed(&mut tee).context("cannot read the layer")?,
            count: 0,
        };
        let r = unpack(&mut stream, &layer.0.join("diff"), job.uopts);
        // The tar's padding belongs to the diff_id and to the size.
        let r = r.and_then(|rep| {
            io::copy(&mut stream, &mut io::sink())?;
            Ok(rep)
        });
        (r, stream.count)
    };
    // The rest of the compressed stream (a trailer, or what a broken unpack left unread), so
    // the digest below speaks for the whole blob: a wrong blob is reported as such.
    let drained = io::copy(&mut tee, &mut io::sink());
    let short = tee.out.count < desc.size;
    if !short && drained.is_ok() {
        let got = tee.out.digest();
        if &got != digest {
            bail!(
                "layer {digest} arrived with digest {got}: the registry sent corrupt data; \
                 nothing was stored"
            );
        }
    }
    if short {
        bail!(
            "layer {digest} is truncated: the registry sent {} of {} bytes; nothing was stored, \
             pull again",
            tee.out.count,
            desc.size
        );
    }
    drained.with_context(|| format!("cannot download layer {digest}"))?;
    let report = unpacked.with_context(|| format!("cannot unpack layer {digest}"))?;
    let diff_id = &job.diff_ids[i];
    if diff_id != &report.diff_id {
        bail!(
            "layer {digest} has diff_id {} but the image config says {diff_id}: the image is \
             corrupt, nothing was stored",
            report.diff_id
        );
    }
    tee.out.flush()?;
    tee.out.inner.get_ref().sync_data()?;
    let _ = tx.send(LayerEvent::Done {
        digest: digest.to_string(),
    });
    Ok(Fetched {
        index: i,
        layer,
        blob,
        record: LayerRecord {
            diff_id: diff_id.clone(),
            size: tar_size,
            blob: digest.clone(),
            media_type: desc.media_type.clone(),
        },
    })
}

/// Copies the compressed stream to the temp blob file, hashing and counting what it writes;
/// refuses more than the manifest's size, and stops when another layer failed.
struct Tee<'a, R> {
    src: R,
    out: Hashing<BufWriter<File>>,
    limit: u64,
    reported: u64,
    cancel: &'a AtomicBool,
    tx: &'a mpsc::Sender<LayerEvent>,
    digest: &'a Digest,
}

impl<R: Read> Read for Tee<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(io::Error::other("cancelled: another layer failed"));
        }
        let n = self.src.read(buf)?;
        if self.out.count + n as u64 > self.limit {
            return Err(io::Error::other(format!(
                "layer {} is larger than the {} bytes its manifest says",
                self.digest, self.limit
            )));
        }
        self.out.write_all(&buf[..n])?;
        let count = self.out.count;
        if count - self.reported >= 512 << 10 || (n == 0 && count != self.reported) {
            self.reported = count;
            let _ = self.tx.send(LayerEvent::Bytes {
                digest: self.digest.to_string(),
                done: count,
                total: self.limit,
            });
        }
        Ok(n)
    }
}
