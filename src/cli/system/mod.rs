//! Top-level verbs that belong to no container or image: registry logins, the user namespace,
//! shell completion, and the hidden verbs skiff runs itself (the monitor, the docs generator).
pub mod completion;
pub mod docs;
pub mod login;
pub mod logout;
pub mod monitor;
pub mod unshare;
