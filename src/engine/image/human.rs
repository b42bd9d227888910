//! Docker's human-readable forms (go-units `HumanDuration`, `HumanSizeWithPrecision`) and its
//! table layout (Go's tabwriter as the docker CLI configures it), shared by `images`, `history`
//! and `ps`.
use chrono::{DateTime, Utc};

/// go-units `HumanDuration`: "Less than a second", "About a minute", "3 hours", "2 weeks"...
pub(crate) fn human_duration(secs: i64) -> String {
    let s = secs.max(0);
    let minutes = s / 60;
    // Go rounds hours half away from zero before comparing.
    let hours = (s + 1800) / 3600;
    match () {
        _ if s < 1 => "Less than a second".into(),
        _ if s == 1 => "1 second".into(),
        _ if s < 60 => format!("{s} seconds"),
        _ if minutes == 1 => "About a minute".into(),
        _ if minutes < 60 => format!("{minutes} minutes"),
        _ if hours == 1 => "About an hour".into(),
        _ if hours < 48 => format!("{hours} hours"),
        _ if hours < 24 * 7 * 2 => format!("{} days", hours / 24),
        _ if hours < 24 * 30 * 2 => format!("{} weeks", hours / 24 / 7),
        _ if hours < 24 * 365 * 2 => format!("{} months", hours / 24 / 30),
        _ => format!("{} years", s / 3600 / 24 / 365),
    }
}

/// "2 hours ago", as `docker images` prints CREATED; `None` (no date) prints "N/A".
pub(crate) fn human_since(created: Option<DateTime<Utc>>, now: DateTime<Utc>) -> String {
    match created {
        Some(t) => format!("{} ago", human_duration((now - t).num_seconds())),
        None => "N/A".into(),
    }
}

/// Parses an RFC 3339 date as found in image configs.
pub(crate) fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// go-units `HumanSizeWithPrecision(size, 3)`: decimal units, 3 significant digits, as Go's
/// `%.3g` prints them ("2.14MB", "870kB", "1e+03kB" at the rare boundary).
pub(crate) fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    let mut size = bytes as f64;
    let mut i = 0;
    while size >= 1000.0 && i < UNITS.len() - 1 {
        size /= 1000.0;
        i += 1;
    }
    format!("{}{}", go_g(size, 3), UNITS[i])
}

/// go-units `HumanSize` (precision 4: "16.43MB"), as `system df` and the prunes' `Total
/// reclaimed space` print sizes.
pub(crate) fn human_size4(bytes: u64) -> String {
    const UNITS: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    let mut size = bytes as f64;
    let mut i = 0;
    while size >= 1000.0 && i < UNITS.len() - 1 {
        size /= 1000.0;
        i += 1;
    }
    format!("{}{}", go_g(size, 4), UNITS[i])
}

/// go-units' `BytesSize`: binary units with 4 significant digits (`1.035MiB`), as Docker's
/// `stats` shows memory.
pub(crate) fn binary_size(bytes: u64) -> String {
    const UNITS: [&str; 9] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];
    let mut size = bytes as f64;
    let mut i = 0;
    while size >= 1024.0 && i < UNITS.len() - 1 {
        size /= 1024.0;
        i += 1;
    }
    format!("{}{}", go_g(size, 4), UNITS[i])
}

/// Go's `%.{prec}g` for a non-negative finite number.
fn go_g(x: f64, prec: usize) -> String {
    if x == 0.0 {
        return "0".into();
    }
    // Round to `prec` significant digits first; the exponent after rounding decides the form.
    let sci = format!("{:.*e}", prec - 1, x);
    let (mant, exp) = sci.split_once('e').expect("rust e-format");
    let exp: i32 = exp.parse().expect("rust e-format exponent");
    if exp < -4 || exp >= prec as i32 {
        let mant = trim_zeros(mant);
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mant}e{sign}{:02}", exp.abs());
    }
    let decimals = (prec as i32 - 1 - exp).max(0) as usize;
    trim_zeros(&format!("{x:.decimals$}")).to_string()
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// Docker's `stringutils.Ellipsis`: at most `max` characters, the last one `…` when cut.
pub(crate) fn ellipsis(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Lays out rows as the docker CLI's tabwriter does (min width 10, padding 3, spaces): every
/// cell but the last of a row is padded to its column's width. Returns lines with `\n`.
pub(crate) fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut width = vec![0usize; cols];
    for r in rows {
        for (i, c) in r.iter().enumerate().take(r.len().saturating_sub(1)) {
            width[i] = width[i].max((c.chars().count() + 3).max(10));
        }
    }
    let mut out = String::new();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            out.push_str(c);
            if i + 1 < r.len() {
                let pad = width[i] - c.chars().count();
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_match_go_units() {
        let cases = [
            (0, "Less than a second"),
            (1, "1 second"),
            (59, "59 seconds"),
            (60, "About a minute"),
            (119, "About a minute"),
            (120, "2 minutes"),
            (3599, "59 minutes"),
            (3600, "About an hour"),
            (5399, "About an hour"),
            (5400, "2 hours"),
            (47 * 3600, "47 hours"),
            (48 * 3600, "2 days"),
            (13 * 86400, "13 days"),
            (14 * 86400, "2 weeks"),
            (59 * 86400, "8 weeks"),
            (60 * 86400, "2 months"),
            (729 * 86400, "24 months"),
            (730 * 86400, "2 years"),
        ];
        for (s, want) in cases {
            assert_eq!(human_duration(s), want, "{s}s");
        }
        let t = parse_time("1970-01-01T00:00:00Z").unwrap();
        let now = parse_time("2026-11-24T04:00:00Z").unwrap();
        assert_eq!(human_since(Some(t), now), "56 years ago");
        assert_eq!(human_since(None, now), "N/A");
    }

    #[test]
    fn sizes_match_go_units() {
        let cases = [
            (0, "0B"),
            (999, "999B"),
            (1000, "1kB"),
            (870_000, "870kB"),
            (4_270_000, "4.27MB"),
            (4_274_999, "4.27MB"),
            (2_140_160, "2.14MB"),
            (1_500, "1.5kB"),
            (999_999, "1e+03kB"),
            (7_000_000_000, "7GB"),
            (12_345_678, "12.3MB"),
        ];
        for (b, want) in cases {
            assert_eq!(human_size(b), want, "{b}");
        }
    }

    #[test]
    fn table_pads_like_tabwriter() {
        let rows = vec![
            vec!["REPOSITORY".into(), "TAG".into(), "SIZE".into()],
            vec!["busybox".into(), "latest".into(), "2.14MB".into()],
        ];
        assert_eq!(
            table(&rows),
            "REPOSITORY   TAG       SIZE\nbusybox      latest    2.14MB\n"
        );
        assert_eq!(ellipsis("abcdef", 4), "abc…");
        assert_eq!(ellipsis("abc", 4), "abc");
    }
}
