//! How `compose up` and `compose build` get a service's image: built from its `build:` (by the
//! same code as `skiff build`), or looked up and pulled per the pull policy.
use crate::cli::context::Context;
use crate::cli::flags::registry::RegistryFlags;
use crate::engine::compose::{plan, BuildConfig, Project, Service};
use crate::engine::container::run;
use crate::engine::image::pull::{PullOptions, PullPolicy};
use anyhow::{bail, Context as _, Result};
use clap::{Args as _, FromArgMatches as _};

/// `--build` / `--no-build` / neither (build only what is missing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BuildPolicy {
    Always,
    Missing,
    Never,
}

/// The image `up` creates the service's containers from.
pub(crate) fn image(
    ctx: &Context,
    p: &Project,
    name: &str,
    s: &Service,
    build: BuildPolicy,
    pull: Option<PullPolicy>,
) -> Result<run::Image> {
    let paths = ctx.paths()?;
    let image = plan::image_name(p, name, s);
    if let Some(b) = &s.build {
        let present = crate::engine::image::resolve(paths, &image).is_ok();
        let build_it = match build {
            BuildPolicy::Always => true,
            BuildPolicy::Missing => !present,
            BuildPolicy::Never => false,
        };
        if build_it {
            build_image(ctx, &image, b)?;
            return pulled(ctx, PullPolicy::Never);
        }
        if present {
            return pulled(ctx, PullPolicy::Never);
        }
        if s.image.is_none() {
            bail!("service {name:?} has no image {image:?}: build it with `compose build` or `up --build`");
        }
    }
    let policy = match (pull, s.pull_policy.as_deref()) {
        (Some(p), _) => p,
        (None, None | Some("missing") | Some("if_not_present") | Some("build")) => {
            PullPolicy::Missing
        }
        (None, Some("always") | Some("daily") | Some("weekly")) => PullPolicy::Always,
        (None, Some("never")) => PullPolicy::Never,
        (None, Some(o)) => {
            bail!("service {name:?}: pull_policy {o:?}: use always, missing, never or build")
        }
    };
    pulled(ctx, policy)
}

fn pulled(ctx: &Context, policy: PullPolicy) -> Result<run::Image> {
    let paths = ctx.paths()?;
    Ok(run::Image::Pull {
        policy,
        options: Box::new(PullOptions {
            registry: RegistryFlags::default().options(paths)?,
            platform: None,
            all_tags: false,
            mapping: ctx.userns()?.clone(),
        }),
    })
}

/// Builds `b` and tags it `image` (and its `tags`), through `skiff build`'s own code and flags.
pub(crate) fn build_image(ctx: &Context, image: &str, b: &BuildConfig) -> Result<()> {
    if let Some((k, _)) = b.extra.iter().next() {
        bail!("build: field {k:?} is not supported by skiff");
    }
    if b.dockerfile_inline.is_some() {
        bail!("build: dockerfile_inline is not supported by skiff: write the Dockerfile to a file");
    }
    let mut argv: Vec<String> = vec!["build".into(), "-t".into(), image.into()];
    for t in &b.tags {
        argv.extend(["-t".into(), t.clone()]);
    }
    if let Some(f) = &b.dockerfile {
        argv.extend([
            "-f".into(),
            b.context.join(f).to_string_lossy().into_owned(),
        ]);
    }
    if let Some(t) = &b.target {
        argv.extend(["--target".into(), t.clone()]);
    }
    for (k, v) in &b.args {
        argv.extend([
            "--build-arg".into(),
            match v {
                Some(v) => format!("{k}={v}"),
                None => k.clone(),
            },
        ]);
    }
    for (k, v) in &b.labels {
        argv.extend(["--label".into(), format!("{k}={v}")]);
    }
    for h in &b.extra_hosts {
        argv.extend(["--add-host".into(), h.replacen('=', ":", 1)]);
    }
    if let Some(n) = &b.network {
        argv.extend(["--network".into(), n.clone()]);
    }
    if b.no_cache {
        argv.push("--no-cache".into());
    }
    if b.pull {
        argv.push("--pull=always".into());
    }
    argv.push(b.context.to_string_lossy().into_owned());
    let cmd = crate::cli::image::build::Args::augment_args(clap::Command::new("build"));
    let m = cmd
        .try_get_matches_from(&argv)
        .context("cannot pass the service's build: to skiff build")?;
    let args = crate::cli::image::build::Args::from_arg_matches(&m)?;
    match crate::cli::image::build::run(ctx, args)? {
        0 => Ok(()),
        code => bail!("building {image} failed (exit code {code})"),
    }
}

/// `down --rmi`: the images of the services (`all`), or only those built under the project's
/// name (`local`: services without an `image:`), through `skiff rmi`'s code.
pub(crate) fn remove(ctx: &Context, p: &Project, all: bool) -> Result<()> {
    let paths = ctx.paths()?;
    let mut names: Vec<String> = p
        .services
        .iter()
        .filter(|(_, s)| all || s.image.is_none())
        .map(|(n, s)| plan::image_name(p, n, s))
        .filter(|i| crate::engine::image::resolve(paths, i).is_ok())
        .collect();
    names.sort();
    names.dedup();
    if names.is_empty() {
        return Ok(());
    }
    let mut argv = vec!["rm".to_string()];
    argv.extend(names);
    let cmd = crate::cli::image::rm::Args::augment_args(clap::Command::new("rm"));
    let args = crate::cli::image::rm::Args::from_arg_matches(&cmd.try_get_matches_from(&argv)?)?;
    crate::cli::image::rm::run(ctx, args).map(|_| ())
}
