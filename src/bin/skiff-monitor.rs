//! `skiff-monitor`: the small binary a detached container's monitor runs while the container
//! does (see `skiff::monitor::watch`). Kept apart from `skiff` so the resident memory of each
//! monitor is only what its loop uses.
fn main() {
    std::process::exit(skiff::monitor::watch::main());
}
