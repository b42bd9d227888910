//! skiff: a daemonless, rootless container engine. All logic lives in the library; see `cli`.
fn main() {
    std::process::exit(skiff::cli::main());
}
