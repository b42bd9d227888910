//! `extends:`: a service built on another, from this file or another.
use super::load::Ctx;
use super::values::Json;
use super::ComposeError;
use std::path::Path;

pub(crate) fn apply(
    _ctx: &mut Ctx,
    _doc: &mut Json,
    _file: &Path,
    _base: &Path,
) -> Result<(), ComposeError> {
    Ok(())
}
