//! `events` lines: Docker's text (`TIME TYPE ACTION ID (k=v, ...)`), the stored JSON for
//! `json` and `{{json .}}`, or a template over Docker's field names (`.Action`, `.Actor.ID`).
use super::format::{self, InspectFormat};
use crate::engine::events::Event;
use anyhow::Result;
use serde_json::json;
use std::fmt::Write;

pub(crate) enum EventFormat {
    Text,
    /// The record as stored: Docker's JSON message, keys as its API sends them.
    Json,
    Template(InspectFormat),
}

impl EventFormat {
    pub(crate) fn parse(f: Option<&str>) -> Result<EventFormat> {
        let compact = f.map(|f| f.replace(' ', ""));
        Ok(match f.filter(|f| !f.is_empty()) {
            None => EventFormat::Text,
            Some("json") => EventFormat::Json,
            _ if compact.as_deref() == Some("{{json.}}") => EventFormat::Json,
            Some(f) => EventFormat::Template(format::parse_inspect(Some(f))?),
        })
    }

    /// Appends `e`'s line to `out`; `stored` is its line in the log (which `json` prints).
    pub(crate) fn render(&self, e: &Event, stored: &[u8], out: &mut String) -> Result<()> {
        match self {
            EventFormat::Text => text(e, out),
            EventFormat::Json => {
                out.push_str(&String::from_utf8_lossy(stored));
                out.push('\n');
            }
            EventFormat::Template(t) => out.push_str(&format::render_inspect(t, &[go_fields(e)])?),
        }
        Ok(())
    }
}

/// The docker CLI's line: the time (local, nanoseconds, as RFC3339NanoFixed), then type,
/// action, actor and its attributes sorted by key. Written field by field: chrono's `format`
/// parses its pattern at every call, a third of the time `events` took over 10,000 events.
fn text(e: &Event, out: &mut String) {
    use chrono::{Datelike, Timelike};
    let t = chrono::DateTime::from_timestamp_nanos(e.time_nano).with_timezone(&chrono::Local);
    let _ = write!(
        out,
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:09}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.nanosecond() % 1_000_000_000
    );
    // Go's `Z07:00`: `Z` for UTC, else `+01:00`.
    match t.offset().local_minus_utc() {
        0 => out.push('Z'),
        off => {
            let sign = if off < 0 { '-' } else { '+' };
            let m = off.unsigned_abs() / 60;
            let _ = write!(out, "{sign}{:02}:{:02}", m / 60, m % 60);
        }
    }
    let _ = write!(out, " {} {} {}", e.typ, e.action, e.actor.id);
    for (i, (k, v)) in e.actor.attributes.iter().enumerate() {
        out.push_str(if i == 0 { " (" } else { ", " });
        let _ = write!(out, "{k}={v}");
    }
    if !e.actor.attributes.is_empty() {
        out.push(')');
    }
    out.push('\n');
}

/// The event under the names of Docker's Go struct, which templates use.
fn go_fields(e: &Event) -> serde_json::Value {
    json!({
        "Status": e.status.clone().unwrap_or_default(),
        "ID": e.id.clone().unwrap_or_default(),
        "From": e.from.clone().unwrap_or_default(),
        "Type": e.typ,
        "Action": e.action,
        "Actor": {"ID": e.actor.id, "Attributes": e.actor.attributes},
        "Scope": e.scope,
        "Time": e.time,
        "TimeNano": e.time_nano,
    })
}
