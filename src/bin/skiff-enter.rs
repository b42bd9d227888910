//! `skiff-enter`: the process that joins a running container's namespaces for `exec` and health
//! checks (see `skiff::runtime::tenant`). skiff runs it from a sealed in-memory copy, so nothing
//! inside a container can ever reach a host file through `/proc/PID/exe`.
fn main() {
    std::process::exit(skiff::runtime::tenant::main());
}
