//! Containers: records, create/start/rm, and spec generation from image config and flags.
