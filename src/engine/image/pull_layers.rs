//! Downloading the missing layers of an image, a few at a time and with no store lock: each
//! layer is one streaming pass (download → sha256 of the compressed bytes, copied to a temp blob
//! file → decompress → unpack into a temp layer dir, hashing the diff_id), then committed on its
//! own under a short hold of the image lock (`ingest::commit_pulled_layer`). A per-layer lock in
//! the run dir makes a second pull of the same layer wait for the first and reuse its work
//! instead of downloading it again. All threads are joined before this returns.
use super::digest::{verify, ChainId, Digest, Source, Verified};
use super::ingest::{
    commit_pulled_layer, decompressed, temp_layer_dir, Counting, TempDir, TempFile,
};
use super::manifest::Desc;
use super::registry::Client;
use super::store::{layer_path, LayerRecord};
use super::unpack::{unpack, UnpackOptions};
use crate::store::{tmp_name, Lock, Paths};
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
pub(crate) enum LayerEvent {
    Started { digest: Digest, size: u64 },
    Bytes { digest: Digest, done: u64 },
    Done { digest: Digest },
}

/// A verified layer, not yet committed.
struct Fetched {
    layer: TempDir,
    blob: TempFile,
    record: LayerRecord,
}

pub(crate) struct Job<'a> {
    pub(crate) paths: &'a Paths,
    pub(crate) client: &'a Client,
    pub(crate) repo: &'a str,
    pub(crate) layers: &'a [Desc],
    pub(crate) diff_ids: &'a [Digest],
    pub(crate) chains: &'a [ChainId],
    pub(crate) uopts: &'a UnpackOptions,
    /// Blobs this pull committed so far (the first one is a fault point).
    pub(crate) blobs_committed: AtomicUsize,
}

/// Fetches and commits `want` (indices into `job.layers`).
pub(crate) fn fetch_all(
    job: &Job,
    want: &[usize],
    progress: &mut dyn FnMut(LayerEvent),
) -> Result<()> {
    let next = AtomicUsize::new(0);
    let cancel = AtomicBool::new(false);
    let first_err: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    std::thread::scope(|s| {
        let (tx, rx) = mpsc::channel::<LayerEvent>();
        for _ in 0..PARALLEL.min(want.len()) {
            let tx = tx.clone();
            let (next, cancel, first_err) = (&next, &cancel, &first_err);
            s.spawn(move || loop {
                let k = next.fetch_add(1, Ordering::SeqCst);
                if k >= want.len() || cancel.load(Ordering::SeqCst) {
                    return;
                }
                if let Err(e) = fetch_one(job, want[k], cancel, &tx) {
                    cancel.store(true, Ordering::SeqCst);
                    first_err
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .get_or_insert(e);
                    return;
                }
            });
        }
        drop(tx);
        for ev in rx {
            progress(ev);
        }
    });
    match first_err
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
    {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Fetches layer `i` and commits it, unless another pull did (it waits for one downloading it).
fn fetch_one(
    job: &Job,
    i: usize,
    cancel: &AtomicBool,
    tx: &mpsc::Sender<LayerEvent>,
) -> Result<()> {
    let desc = &job.layers[i];
    let digest = &desc.digest;
    let _ = tx.send(LayerEvent::Started {
        digest: digest.clone(),
        size: desc.size,
    });
    let chain = &job.chains[i];
    let _pulling = PullLock::take(job.paths, chain)?;
    if !layer_path(job.paths, chain).join("layer.json").exists() {
        let f = download(job, i, cancel, tx)?;
        let first = job.blobs_committed.fetch_add(1, Ordering::SeqCst) == 0;
        commit_pulled_layer(job.paths, "pull", f.blob, f.layer, chain, &f.record, first)?;
    }
    let _ = tx.send(LayerEvent::Done {
        digest: digest.clone(),
    });
    Ok(())
}

/// `$run/pulls/<chain>.lock`, held while one process downloads that layer. The file is unlinked
/// before it is unlocked: a process that opened it meanwhile and then gets the lock finds the
/// layer committed (or, if this pull failed, downloads it itself, as a newcomer may beside it:
/// twice the work, never a wrong layer, since commits are renames of verified content).
struct PullLock {
    path: PathBuf,
    _lock: Lock,
}

impl PullLock {
    fn take(paths: &Paths, chain: &ChainId) -> Result<PullLock> {
        let dir = paths.run.join("pulls");
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        let path = dir.join(format!("{}.lock", chain.hex()));
        let lock = Lock::exclusive(&path)?;
        Ok(PullLock { path, _lock: lock })
    }
}

impl Drop for PullLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Downloads and unpacks layer `i` into temp names, verifying its digest and diff_id.
fn download(
    job: &Job,
    i: usize,
    cancel: &AtomicBool,
    tx: &mpsc::Sender<LayerEvent>,
) -> Result<Fetched> {
    let desc = &job.layers[i];
    let digest = &desc.digest;
    let layer = temp_layer_dir(job.paths)?;
    let blob = TempFile(job.paths.blobs().join(tmp_name()));
    let file =
        File::create(&blob.0).with_context(|| format!("cannot create {}", blob.0.display()))?;
    let body = job.client.blob(job.repo, digest)?;
    let mut tee = Tee {
        src: body,
        out: Verified::new(BufWriter::with_capacity(1 << 20, file), digest),
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
    let short = tee.out.count() < desc.size;
    if !short && drained.is_ok() {
        tee.out.verify(Source::RegistryLayer)?;
    }
    if short {
        bail!(
            "layer {digest} is truncated: the registry sent {} of {} bytes; nothing was stored, \
             pull again",
            tee.out.count(),
            desc.size
        );
    }
    drained.with_context(|| format!("cannot download layer {digest}"))?;
    let report = unpacked.with_context(|| format!("cannot unpack layer {digest}"))?;
    let diff_id = &job.diff_ids[i];
    let layer_blob = Source::DiffId { blob: digest };
    verify(&report.diff_id, diff_id.as_str(), layer_blob)?;
    tee.out.flush()?;
    Ok(Fetched {
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
    out: Verified<BufWriter<File>>,
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
        if self.out.count() + n as u64 > self.limit {
            return Err(io::Error::other(format!(
                "layer {} is larger than the {} bytes its manifest says",
                self.digest, self.limit
            )));
        }
        self.out.write_all(&buf[..n])?;
        let count = self.out.count();
        if count - self.reported >= 512 << 10 || (n == 0 && count != self.reported) {
            self.reported = count;
            let _ = self.tx.send(LayerEvent::Bytes {
                digest: self.digest.clone(),
                done: count,
            });
        }
        Ok(n)
    }
}
