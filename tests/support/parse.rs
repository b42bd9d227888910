//! Parsing what skiff prints: Docker tables, ids, durations; polling for a condition.
use std::collections::HashMap;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// Output parsing

/// Each line of `text` with its words joined by one space (for tab- or space-aligned output
/// such as /proc/self/uid_map).
pub fn squeeze_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

pub fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Parses a Docker table (tabwriter output: columns start where the header's labels start;
/// labels are separated by two or more spaces and may contain one, as `IMAGE ID`). Offsets are
/// counted in characters, as Go's tabwriter counts runes.
pub fn parse_table(text: &str) -> Vec<HashMap<String, String>> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let Some(header) = lines.next() else {
        return Vec::new();
    };
    let h: Vec<char> = header.chars().collect();
    let mut cols: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    while i < h.len() {
        if h[i] == ' ' {
            i += 1;
            continue;
        }
        let start = i;
        while i < h.len() && !(h[i] == ' ' && (i + 1 >= h.len() || h[i + 1] == ' ')) {
            i += 1;
        }
        cols.push((start, h[start..i].iter().collect()));
    }
    lines
        .map(|l| {
            let c: Vec<char> = l.chars().collect();
            cols.iter()
                .enumerate()
                .map(|(k, (start, name))| {
                    let end = cols.get(k + 1).map(|n| n.0).unwrap_or(c.len()).min(c.len());
                    let v: String = c
                        .get(*start..end)
                        .map(|s| s.iter().collect())
                        .unwrap_or_default();
                    (name.clone(), v.trim().to_string())
                })
                .collect()
        })
        .collect()
}

/// The header labels of a Docker table.
pub fn table_header(text: &str) -> Vec<String> {
    text.lines()
        .next()
        .unwrap_or("")
        .split("  ")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Docker's `HumanDuration` texts for durations under an hour ("Less than a second",
/// "1 second", "N seconds", "About a minute", "N minutes").
pub fn is_docker_duration(s: &str) -> bool {
    if s == "Less than a second" || s == "1 second" || s == "About a minute" {
        return true;
    }
    for unit in [" seconds", " minutes"] {
        if let Some(n) = s.strip_suffix(unit) {
            return n.parse::<u32>().is_ok_and(|n| n >= 2);
        }
    }
    false
}

/// Waits until `cond` holds, polling; panics with `what` after `timeout`.
#[track_caller]
pub fn wait_for(what: &str, timeout: Duration, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !cond() {
        assert!(
            Instant::now() < deadline,
            "timed out after {timeout:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
