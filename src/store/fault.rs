//! Named fault points for crash and race tests. With `SKIFF_FAULT_POINT=<name>` in the
//! environment, the process reaching `point("<name>")` creates the file `$SKIFF_FAULT_MARK` (if
//! set) and waits there for a minute, so a test can `kill -9` it at exactly that instant, or run
//! something else then and let it go on by removing the mark (the wait ends when the mark is
//! gone). Without the variable this is a single env lookup.
use std::time::{Duration, Instant};

pub(crate) fn point(name: &str) {
    let Some(want) = std::env::var_os("SKIFF_FAULT_POINT") else {
        return;
    };
    if want != name {
        return;
    }
    let wait = Duration::from_secs(60);
    let Some(mark) = std::env::var_os("SKIFF_FAULT_MARK") else {
        std::thread::sleep(wait);
        return;
    };
    let _ = std::fs::write(&mark, name);
    let start = Instant::now();
    while start.elapsed() < wait && std::path::Path::new(&mark).exists() {
        std::thread::sleep(Duration::from_millis(10));
    }
}
