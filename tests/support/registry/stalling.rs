//! `Stalling`: a proxy that holds back one blob, for the `locks` tests.
use super::{Kind, Registry};
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A plain-HTTP proxy in front of a registry that holds back its answer to every `GET` of one
/// blob for `stall`, to measure what waits behind a slow download. Each request gets its own
/// connection (`Connection: close` is forced both ways), so every request is seen here.
pub struct Stalling {
    pub port: u16,
    /// How many requests for the blob have begun their stall so far.
    stalled: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Stalling {
    /// Proxies to the plain registry `upstream`, stalling `GET …/blobs/<digest>` for `stall`.
    pub fn start(upstream: &Registry, digest: &str, stall: Duration) -> Stalling {
        assert_eq!(upstream.kind, Kind::Plain, "the proxy speaks plain HTTP");
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let stalled = Arc::new(AtomicUsize::new(0));
        let (s2, n2, up) = (stop.clone(), stalled.clone(), upstream.port);
        let want = format!("/blobs/{digest}");
        let thread = std::thread::spawn(move || {
            for conn in l.incoming() {
                if s2.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(c) = conn else { continue };
                let (want, n2) = (want.clone(), n2.clone());
                std::thread::spawn(move || {
                    let _ = proxy_one(c, up, &want, stall, &n2);
                });
            }
        });
        Stalling {
            port,
            stalled,
            stop,
            thread: Some(thread),
        }
    }

    /// `127.0.0.1:PORT`.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Waits (up to `timeout`) until `n` requests for the blob have begun their stall.
    pub fn wait_stalled(&self, n: usize, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while self.stalled.load(Ordering::SeqCst) < n {
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        true
    }
}

impl Drop for Stalling {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// One request: read its head (the client's requests here have no body), stall it if it asks
/// for the blob, forward it with `Connection: close`, copy the answer back until the registry
/// closes.
fn proxy_one(
    mut c: TcpStream,
    upstream: u16,
    want: &str,
    stall: Duration,
    stalled: &AtomicUsize,
) -> std::io::Result<()> {
    c.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut r = BufReader::new(c.try_clone()?);
    // skiff tries HTTPS first on loopback: a TLS hello (0x16) is closed at once, as a plain
    // registry's refusal, so it falls back to HTTP.
    if r.fill_buf()?.first() == Some(&0x16) {
        return c.shutdown(Shutdown::Both);
    }
    let mut line = String::new();
    r.read_line(&mut line)?;
    let mut head = line.clone();
    loop {
        let mut h = String::new();
        if r.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if !h.to_ascii_lowercase().starts_with("connection:") {
            head.push_str(&h);
        }
    }
    head.push_str("Connection: close\r\n\r\n");
    let mut f = line.split_whitespace();
    if f.next() == Some("GET") && f.next().is_some_and(|p| p.ends_with(want)) {
        stalled.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(stall);
    }
    let mut up = TcpStream::connect(("127.0.0.1", upstream))?;
    up.write_all(head.as_bytes())?;
    std::io::copy(&mut up, &mut c)?;
    c.flush()?;
    c.shutdown(Shutdown::Both)
}
