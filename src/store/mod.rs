//! The on-disk state (DESIGN §3): XDG paths, file locks, atomic writes and test fault points.
//! Every other module writes through these helpers so that a `kill -9` at any instant leaves
//! a store that reads back whole.
mod atomic;
pub mod fault;
mod leftovers;
mod lock;
mod paths;
pub use paths::mkdir_private;

pub use atomic::{read_json, read_json_at, write_atomic, write_json_atomic, write_json_compact};
pub use leftovers::{
    is_dead_leftover, remove_tmp_leftovers, tmp_name, trash_name, Trash, TMP_PREFIX, TRASH_PREFIX,
};
pub use lock::Lock;
pub use paths::Paths;
