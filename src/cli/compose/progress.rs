//! Docker Compose's progress lines on stderr: ` ✔ Container app-web-1  Started`.
use crate::engine::compose::up::Event;

pub(crate) fn event(e: Event) {
    eprintln!(" \u{2714} {} {}  {}", e.kind, e.name, e.action);
}

pub(crate) fn warn(w: String) {
    crate::cli::output::report::warn(&w);
}
