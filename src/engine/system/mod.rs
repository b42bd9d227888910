//! The engine looking after itself: what the store holds (`system df`), pruning what nothing
//! uses (`system prune`, `image prune`), verifying the store (`system check`) and removing it
//! all (`system reset`). Must run inside the user namespace: layer and volume trees hold
//! subordinate-owned files and directories the user alone may not read or delete.
pub(crate) mod check;
mod check_images;
pub(crate) mod df;
pub(crate) mod prune;
pub(crate) mod reset;
pub(crate) mod size;
