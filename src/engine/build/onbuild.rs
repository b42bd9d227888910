//! ONBUILD: a trigger kept as written in the image config's `OnBuild`, and fired, in order,
//! right after the FROM of a later build (or stage) based on that image, as Docker does. The
//! triggers are not inherited: the child's config has no `OnBuild` unless it adds its own.
use super::dockerfile::{self, At};
use anyhow::{bail, Result};
use parse_dockerfile::{Instruction, OnbuildInstruction};

/// The trigger's text (after `ONBUILD`, continuations joined); refuses what Docker refuses.
pub(crate) fn trigger(o: &OnbuildInstruction, text: &str, at: &At) -> Result<String> {
    let (file, line) = (at.file, at.line);
    match &*o.instruction {
        Instruction::Onbuild(_) => {
            bail!("{file}:{line}: chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed")
        }
        Instruction::From(_) => bail!("{file}:{line}: FROM isn't allowed as an ONBUILD trigger"),
        Instruction::Maintainer(_) => {
            bail!("{file}:{line}: MAINTAINER isn't allowed as an ONBUILD trigger")
        }
        _ => {}
    }
    let span = dockerfile::span(&o.instruction);
    Ok(text[span].replace("\\\n", "").trim().to_string())
}

/// The steps of `triggers` (an image's `OnBuild`), parsed as the Dockerfile lines they were.
pub(crate) fn steps(triggers: &[String], image: &str) -> Result<Vec<dockerfile::Step>> {
    let text = format!("FROM scratch\n{}\n", triggers.join("\n"));
    let name = format!("ONBUILD trigger of {image}");
    let df = dockerfile::parse(&text, &name)?;
    let mut steps = df
        .stages
        .into_iter()
        .flat_map(|s| s.steps)
        .collect::<Vec<_>>();
    if steps.len() != triggers.len() {
        bail!("{name}: the triggers {triggers:?} are not one instruction each");
    }
    for s in &mut steps {
        s.text = format!("ONBUILD {}", s.text);
    }
    Ok(steps)
}
