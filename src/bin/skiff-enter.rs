//! `skiff-enter`: the process that joins a running container's namespaces for `exec` and health
//! checks (see `skiff::runtime::tenant`). skiff runs it from a sealed in-memory copy, so nothing
//! inside a container can ever reach a host file through `/proc/PID/exe`.
fn main() {
    // Returns only when the request from skiff could not be read.
    std::process::exit(skiff::cli::enter_main());
}
