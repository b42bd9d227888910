//! A build's clock: `--timestamp N` (podman's) or `SOURCE_DATE_EPOCH` make a build
//! reproducible. Every `created` (the config's, each history entry's) is that instant, and the
//! new layers' mtimes are set to it (`--timestamp`) or clamped to it (`SOURCE_DATE_EPOCH`), so
//! two builds of one context give one image id whatever the files' mtimes. The stamp takes part
//! in every cache key: an image built without it is never reused by a build with it.
//!
//! Held per thread for the duration of `build` (a `Scope`), so the history writer and the cache
//! key need no new parameter threaded through every step.
use crate::engine::image::pack::Stamp;
use std::cell::Cell;

thread_local! {
    static STAMP: Cell<Option<Stamp>> = const { Cell::new(None) };
}

/// The stamp in force while it lives.
pub(crate) struct Scope(Option<Stamp>);

impl Scope {
    pub(crate) fn enter(stamp: Option<Stamp>) -> Scope {
        Scope(STAMP.with(|s| s.replace(stamp)))
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        STAMP.with(|s| s.set(self.0));
    }
}

pub(crate) fn stamp() -> Option<Stamp> {
    STAMP.with(Cell::get)
}

/// A `created` time: the stamp's instant, else now (RFC 3339, nanoseconds, as podman writes).
pub(crate) fn now() -> String {
    let when = match stamp() {
        Some(Stamp::Set(t) | Stamp::Clamp(t)) => {
            chrono::DateTime::from_timestamp(t.min(i64::MAX as u64) as i64, 0).unwrap_or_default()
        }
        None => chrono::Utc::now(),
    };
    when.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

/// A file's mtime in a new layer.
pub(crate) fn mtime(m: u64) -> u64 {
    stamp().map_or(m, |s| s.apply(m))
}

/// What the stamp adds to a cache key (nothing without one).
pub(crate) fn key_part() -> String {
    match stamp() {
        None => String::new(),
        Some(Stamp::Set(t)) => format!("\ntimestamp {t}"),
        Some(Stamp::Clamp(t)) => format!("\nsource-date-epoch {t}"),
    }
}

/// `--timestamp`, else `SOURCE_DATE_EPOCH` (a build arg, else skiff's environment): the text is
/// whole seconds since the epoch.
pub(crate) fn parse(timestamp: Option<&str>, epoch: Option<&str>) -> anyhow::Result<Option<Stamp>> {
    let secs = |what: &str, v: &str| {
        v.trim().parse::<u64>().map_err(|_| {
            anyhow::anyhow!(
                "{what} {v:?}: expected whole seconds since the epoch (such as 0 or 1700000000)"
            )
        })
    };
    Ok(match (timestamp, epoch) {
        (Some(t), _) => Some(Stamp::Set(secs("--timestamp", t)?)),
        (None, Some(e)) if !e.is_empty() => Some(Stamp::Clamp(secs("SOURCE_DATE_EPOCH", e)?)),
        _ => None,
    })
}
