//! The per-user rootless network namespace (DESIGN §2): its holder, the bridges and veths of
//! user networks, and what `skiff-dns` serves. A leaf: it never imports the engine.
pub(crate) mod dns_keeper;
pub mod dns_net;
pub mod dns_server;
pub mod dns_zones;
pub mod dnsconf;
pub(crate) mod holder;
pub(crate) mod link;
pub(crate) mod rootless;
