//! Top-level verbs that belong to no container or image: registry logins, the user namespace,
//! shell completion, and the hidden verbs skiff runs itself (the monitor, the docs generator).
pub(crate) mod completion;
pub(crate) mod docs;
pub(crate) mod events;
pub(crate) mod info;
pub(crate) mod login;
pub(crate) mod logout;
pub(crate) mod monitor;
pub(crate) mod unshare;
pub(crate) mod version;
