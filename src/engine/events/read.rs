//! Reading the event log: the rotated file then the current one, filtered by time and by
//! Docker's `--filter` keys; and following it: the store's directory is watched with inotify
//! (a write to `events.log` wakes us, as does its rotation), never polled.
use super::{Event, FILE, ROTATED};
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::fs::MetadataExt;
use std::time::{Duration, Instant};

/// `--filter` of `events`: different keys must all match, values of one key are alternatives.
#[derive(Debug, Default)]
pub(crate) struct Filters {
    types: Vec<String>,
    events: Vec<String>,
    containers: Vec<String>,
    images: Vec<String>,
    volumes: Vec<String>,
    networks: Vec<String>,
    labels: Vec<(String, Option<String>)>,
}

const TYPES: [&str; 4] = ["container", "image", "network", "volume"];

impl Filters {
    pub(crate) fn parse(specs: &[String]) -> Result<Filters> {
        let mut f = Filters::default();
        for s in specs {
            let Some((k, v)) = s.split_once('=') else {
                bail!("bad format of filter {s:?} (expected name=value)");
            };
            let v = v.to_string();
            match k {
                "type" if TYPES.contains(&v.as_str()) => f.types.push(v),
                "type" => {
                    bail!("invalid filter 'type={v}': the types are container, image, network and volume")
                }
                "event" => f.events.push(v),
                "container" => f.containers.push(v),
                "image" => f.images.push(v),
                "volume" => f.volumes.push(v),
                "network" => f.networks.push(v),
                "label" => f.labels.push(match v.split_once('=') {
                    Some((k, v)) => (k.to_string(), Some(v.to_string())),
                    None => (v, None),
                }),
                _ => bail!(
                    "invalid filter '{k}': use type, event, container, image, network, volume or label"
                ),
            }
        }
        Ok(f)
    }

    pub(crate) fn matches(&self, e: &Event) -> bool {
        let any = |vals: &[String], f: &dyn Fn(&str) -> bool| {
            vals.is_empty() || vals.iter().any(|v| f(v))
        };
        let attr = |k: &str| e.actor.attributes.get(k).map(String::as_str);
        // `health_status: healthy` is the event `health_status`.
        let action = e.action.split(':').next().unwrap_or("");
        any(&self.types, &|t| t == e.typ)
            && any(&self.events, &|v| v == e.action || v == action)
            && any(&self.containers, &|c| {
                e.typ == "container"
                    && (attr("name") == Some(c) || (!c.is_empty() && e.actor.id.starts_with(c)))
            })
            && any(&self.images, &|i| image_matches(e, i))
            && any(&self.volumes, &|v| e.typ == "volume" && e.actor.id == v)
            && any(&self.networks, &|n| {
                e.typ == "network"
                    && (attr("name") == Some(n) || (!n.is_empty() && e.actor.id.starts_with(n)))
            })
            && self.labels.iter().all(|(k, v)| match v {
                Some(v) => attr(k) == Some(v.as_str()),
                None => attr(k).is_some(),
            })
    }
}

/// `image=` matches an image's events (by id or name) and containers' of that image, with
/// Docker's short forms (`busybox` is `docker.io/library/busybox:latest`).
fn image_matches(e: &Event, want: &str) -> bool {
    let short = |s: &str| -> String {
        let s = s.strip_prefix("docker.io/").unwrap_or(s);
        let s = s.strip_prefix("library/").unwrap_or(s);
        s.strip_suffix(":latest").unwrap_or(s).to_string()
    };
    let want = short(want);
    let name = |k: &str| e.actor.attributes.get(k).is_some_and(|v| short(v) == want);
    // An id prefix of at least 4 hex digits, as `image inspect` takes.
    let hex = want.trim_start_matches("sha256:");
    let id_prefix = hex.len() >= 4 && e.actor.id.trim_start_matches("sha256:").starts_with(hex);
    match e.typ.as_str() {
        "image" => name("name") || id_prefix || short(&e.actor.id) == want,
        "container" => name("image"),
        _ => false,
    }
}

/// What `events` asks for: a time window (nanoseconds since the epoch) and filters.
#[derive(Debug, Default)]
pub(crate) struct Query {
    pub(crate) since: Option<i64>,
    pub(crate) until: Option<i64>,
    pub(crate) filters: Filters,
}

impl Query {
    fn wants(&self, e: &Event) -> bool {
        self.since.is_none_or(|s| e.time_nano >= s)
            && self.until.is_none_or(|u| e.time_nano <= u)
            && self.filters.matches(e)
    }
}

/// Where `events` puts what it reads; `flush` is called when no more is to be read for now.
pub(crate) trait Sink {
    /// `e`, and its line as stored (without the newline).
    fn event(&mut self, e: &Event, line: &[u8]) -> Result<()>;
    fn flush(&mut self) -> Result<()>;
}

/// An open log file and what of it is read.
struct Cursor {
    file: File,
    ino: u64,
    /// The end of a line not yet complete (a write seen half-way).
    partial: Vec<u8>,
}

impl Cursor {
    fn open(paths: &Paths, name: &str) -> Result<Option<Cursor>> {
        let path = paths.data.join(name);
        match File::open(&path) {
            Ok(file) => {
                let ino = file.metadata()?.ino();
                Ok(Some(Cursor {
                    file,
                    ino,
                    partial: Vec::new(),
                }))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Reads to the end, handing over each complete line's event that `q` wants. A line that
    /// is not an event (a write cut short by a full disk) is skipped.
    fn drain(&mut self, q: &Query, out: &mut dyn Sink) -> Result<()> {
        let mut buf = std::mem::take(&mut self.partial);
        self.file.read_to_end(&mut buf)?;
        let end = buf.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        for line in buf[..end].split(|&b| b == b'\n') {
            if line.is_empty() {
                continue;
            }
            if let Ok(e) = serde_json::from_slice::<Event>(line) {
                if q.wants(&e) {
                    out.event(&e, line)?;
                }
            }
        }
        self.partial = buf[end..].to_vec();
        Ok(())
    }
}

/// Every recorded event `q` wants, oldest first.
pub(crate) fn read(paths: &Paths, q: &Query, out: &mut dyn Sink) -> Result<()> {
    for name in [ROTATED, FILE] {
        if let Some(mut c) = Cursor::open(paths, name)? {
            c.drain(q, out)?;
        }
    }
    out.flush()
}

/// Prints events as they are written until `q.until` (or forever): the recorded ones first when
/// `q.since` asks for them (Docker shows only new events otherwise).
pub(crate) fn follow(paths: &Paths, q: &Query, out: &mut dyn Sink) -> Result<()> {
    use rustix::fs::inotify;
    paths.ensure()?;
    // Watched before anything is read, so no event written in between is missed.
    let ino = inotify::init(inotify::CreateFlags::CLOEXEC | inotify::CreateFlags::NONBLOCK)?;
    let mask =
        inotify::WatchFlags::MODIFY | inotify::WatchFlags::CREATE | inotify::WatchFlags::MOVED_TO;
    inotify::add_watch(&ino, &paths.data, mask)
        .with_context(|| format!("cannot watch {}", paths.data.display()))?;
    let mut cur = Cursor::open(paths, FILE)?;
    if q.since.is_some() {
        if let Some(mut old) = Cursor::open(paths, ROTATED)? {
            old.drain(q, out)?;
        }
        if let Some(c) = cur.as_mut() {
            c.drain(q, out)?;
        }
    } else if let Some(c) = cur.as_mut() {
        c.file.seek(SeekFrom::End(0))?;
    }
    out.flush()?;
    let deadline = q.until.map(|u| {
        let left = u - chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0);
        Instant::now() + Duration::from_nanos(left.max(0) as u64)
    });
    let mut buf = vec![std::mem::MaybeUninit::<u8>::uninit(); 4096];
    loop {
        let timeout = match deadline {
            Some(d) => match d.checked_duration_since(Instant::now()) {
                Some(left) => Some(left),
                None => return Ok(()),
            },
            None => None,
        };
        wait(&ino, timeout)?;
        // Which file changed does not matter: whatever is new in ours is read.
        let mut events = inotify::Reader::new(&ino, &mut buf);
        while events.next().is_ok() {}
        if let Some(c) = cur.as_mut() {
            c.drain(q, out)?;
        }
        // Rotated (or first made): the rest of the old file is read above, the new one whole.
        let now = std::fs::metadata(paths.data.join(FILE))
            .map(|m| m.ino())
            .ok();
        if now.is_some() && now != cur.as_ref().map(|c| c.ino) {
            cur = Cursor::open(paths, FILE)?;
            if let Some(c) = cur.as_mut() {
                c.drain(q, out)?;
            }
        }
        out.flush()?;
    }
}

/// Waits until the inotify descriptor is readable, or `timeout` passes.
fn wait(fd: &impl std::os::fd::AsFd, timeout: Option<Duration>) -> Result<()> {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    let t = match timeout {
        Some(d) => PollTimeout::try_from(d.as_millis().min(i32::MAX as u128) as i32 + 1)
            .unwrap_or(PollTimeout::MAX),
        None => PollTimeout::NONE,
    };
    let mut fds = [PollFd::new(fd.as_fd(), PollFlags::POLLIN)];
    match poll(&mut fds, t) {
        Ok(_) | Err(nix::errno::Errno::EINTR) => Ok(()),
        Err(e) => Err(e).context("cannot wait for events"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn ev(typ: &str, action: &str, id: &str, attrs: &[(&str, &str)]) -> Event {
        let attributes: BTreeMap<String, String> = attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Event::new(typ, action, id, attributes)
    }

    fn filters(f: &[&str]) -> Filters {
        Filters::parse(&f.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn filters_match_as_dockers() {
        let c = ev(
            "container",
            "health_status: healthy",
            "abcdef0123",
            &[
                ("name", "web"),
                ("image", "docker.io/library/nginx:latest"),
                ("tier", "front"),
            ],
        );
        assert!(filters(&["event=health_status"]).matches(&c));
        assert!(filters(&["container=web", "container=other"]).matches(&c));
        assert!(filters(&["container=abcd"]).matches(&c));
        assert!(!filters(&["container=web", "type=image"]).matches(&c));
        assert!(filters(&["image=nginx"]).matches(&c));
        assert!(filters(&["label=tier=front", "label=tier"]).matches(&c));
        assert!(!filters(&["label=tier=back"]).matches(&c));
        let i = ev(
            "image",
            "tag",
            "sha256:0123456789",
            &[("name", "localhost/x:latest")],
        );
        assert!(filters(&["image=sha256:0123"]).matches(&i));
        assert!(filters(&["image=localhost/x"]).matches(&i));
        assert!(!filters(&["container=x"]).matches(&i));
        for bad in ["colour=red", "type=daemon", "nokey"] {
            assert!(Filters::parse(&[bad.to_string()]).is_err(), "{bad}");
        }
    }
}
