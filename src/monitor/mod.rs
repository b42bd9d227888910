//! The conmon-like leaf of a detached container: the loop binary (`watch`, run as
//! `skiff-monitor`), the attach protocol and the log format. It imports only the runtime; the
//! launch phase that reads records and starts the container is `engine::container::supervise`.
pub(crate) mod attach;
pub(crate) mod log;
mod memory;
pub mod watch;
