//! skiff: a daemonless, rootless container engine. All logic lives in the library; see `cli`.
fn main() {
    // Rust starts with SIGPIPE ignored, so printing into a closed pipe (`skiff ps | head -1`)
    // panics. Die of the signal instead, quietly, as docker and other CLI tools do. Processes
    // that supervise a container (a foreground run, exec, the monitor) block it, so they see
    // EPIPE and go on supervising.
    // SAFETY: setting a default disposition before any other code runs; no handler involved.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    std::process::exit(skiff::cli::main());
}
