//! The in-process OCI runtime: user namespace, mounts, rootfs, pivot_root, capabilities, seccomp,
//! exec. It takes an `oci_spec::runtime::Spec` and directories; it knows nothing of images.
pub mod seccomp;
pub mod userns;
