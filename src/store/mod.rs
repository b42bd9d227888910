//! The on-disk state (DESIGN §3): XDG paths, file locks, atomic writes and test fault points.
//! Every other module writes through these helpers so that a `kill -9` at any instant leaves
//! a store that reads back whole.
mod atomic;
pub(crate) mod fault;
mod leftovers;
mod lock;
mod paths;
mod tree;
pub(crate) use paths::mkdir_private;

pub(crate) use atomic::{
    read_json, read_json_at, write_atomic, write_json_atomic, write_json_compact,
};
pub(crate) use leftovers::{
    is_dead_leftover, is_dead_owner, owner_tagged, remove_tmp_leftovers, tmp_name, Trash,
    TMP_PREFIX, TRASH_PREFIX,
};
pub(crate) use lock::Lock;
pub(crate) use paths::Paths;
pub(crate) use tree::remove_tree;
