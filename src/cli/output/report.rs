//! What goes to stderr: errors (ours and clap's) as one line with their exit code, warnings, and
//! the per-item report of verbs that take several containers.
use crate::error;
use anyhow::{Context, Result};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Prints an error as one lowercase line on stderr and returns its exit code (125 unless coded).
pub(crate) fn error(e: &anyhow::Error) -> i32 {
    eprintln!("error: {}", one_line(&error::describe(e)));
    error::exit_code(e)
}

fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// clap's errors: help and version go to stdout with exit 0; a bad flag is one line and 125.
/// `argv` names the verb in the hint (`see 'skiff run --help'`), as Docker does.
pub(crate) fn parse_error(e: clap::Error, argv: &[std::ffi::OsString]) -> i32 {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                return error::ENGINE;
            }
            0
        }
        _ => {
            eprintln!(
                "error: {}; see '{} --help'",
                parse_error_text(&e),
                verb_path(argv)
            );
            error::ENGINE
        }
    }
}

/// The text of a clap error on one line: Docker's `unknown flag: --x` for a flag the verb does
/// not have (no usage: the flag is the whole story), else all of clap's message (the values it
/// would take, its "did you mean") and the usage.
fn parse_error_text(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let invalid = e.get(ContextKind::InvalidArg);
    let tip = match e.get(ContextKind::SuggestedArg) {
        Some(ContextValue::String(s)) => format!(" (did you mean '{s}'?)"),
        _ => String::new(),
    };
    match (e.kind(), invalid) {
        (ErrorKind::UnknownArgument, Some(ContextValue::String(arg))) if arg.starts_with('-') => {
            return format!("unknown flag: {arg}{tip}");
        }
        _ => {}
    }
    let text = e.render().to_string();
    let mut parts: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with("Usage: ") || line.starts_with("For more information") {
            break;
        }
        parts.push(match line.strip_prefix("tip: ") {
            Some(t) => match t.rsplit_once(" exists: ").or(t.rsplit_once(" exist: ")) {
                Some((_, what)) => format!("(did you mean {}?)", what.replace(", ", " or ")),
                None => format!("({t})"),
            },
            None => line.trim_start_matches("error: ").to_string(),
        });
    }
    // clap lists missing arguments on the lines after its first one: name them in one.
    if let (ErrorKind::MissingRequiredArgument, Some(ContextValue::Strings(names))) =
        (e.kind(), invalid)
    {
        let names: Vec<_> = names.iter().map(|n| bare_name(n)).collect();
        let s = if names.len() > 1 { "s" } else { "" };
        parts = vec![format!("missing argument{s}: {}", names.join(", "))];
    }
    if parts.is_empty() {
        parts.push("invalid arguments".into());
    }
    let usage = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Usage: "))
        .map(|u| format!(" (usage: {u})"))
        .unwrap_or_default();
    format!("{}{usage}", parts.join(" "))
}

/// `<IMAGE [COMMAND] [ARG...]>...` -> `IMAGE`: the argument a user left out, without clap's
/// decoration (the usage that follows shows the rest).
fn bare_name(rendered: &str) -> &str {
    let s = rendered.trim_start_matches(['<', '[']);
    s.split([' ', '>', ']', '.']).next().unwrap_or(s)
}

/// `skiff`, then the (sub)commands named at the start of `argv` (`skiff container rm`).
fn verb_path(argv: &[std::ffi::OsString]) -> String {
    let mut cmd = crate::cli::command();
    let mut path = vec![cmd.get_name().to_string()];
    for arg in argv.iter().skip(1) {
        let Some(sub) = arg.to_str().and_then(|a| cmd.find_subcommand(a)) else {
            break;
        };
        path.push(sub.get_name().to_string());
        cmd = sub.clone();
    }
    path.join(" ")
}

/// The least severe messages shown (`--log-level`), as an index into trace, debug, info,
/// warn, error, fatal, panic: warn by default. Errors are always shown.
static LEVEL: AtomicUsize = AtomicUsize::new(WARN);
const DEBUG: usize = 1;
const WARN: usize = 3;

pub(crate) fn set_level(level: usize) {
    LEVEL.store(level, Ordering::Relaxed);
}

/// Prints a warning line on stderr (unless `--log-level` is above warn).
pub(crate) fn warn(msg: &str) {
    if LEVEL.load(Ordering::Relaxed) <= WARN {
        eprintln!("warning: {msg}");
    }
}

/// Prints a debug line on stderr with `--log-level debug` (or trace).
pub(crate) fn debug(msg: &str) {
    if LEVEL.load(Ordering::Relaxed) <= DEBUG {
        eprintln!("debug: {msg}");
    }
}

/// `--noout`: what skiff prints on stdout goes to /dev/null (podman's global flag).
pub(crate) fn stdout_to_null() -> Result<()> {
    use std::os::fd::AsRawFd;
    let null = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/null")
        .context("cannot open /dev/null")?;
    // SAFETY: dup2 onto the standard output descriptor, which stays open.
    if unsafe { libc::dup2(null.as_raw_fd(), 1) } < 0 {
        return Err(std::io::Error::last_os_error()).context("cannot redirect stdout");
    }
    Ok(())
}

/// Runs `f` for each argument, printing its output line or its error; exit 1 if any failed
/// (Docker's code for multi-container verbs).
pub(crate) fn each(items: &[String], mut f: impl FnMut(&str) -> Result<String>) -> Result<i32> {
    each_some(items, |it| f(it).map(Some))
}

/// As `each`, for verbs with nothing to say of some items (`rm --ignore` of a missing
/// container): `None` prints no line.
pub(crate) fn each_some(
    items: &[String],
    mut f: impl FnMut(&str) -> Result<Option<String>>,
) -> Result<i32> {
    let mut code = 0;
    for it in items {
        match f(it) {
            Ok(None) => {}
            Ok(Some(line)) => println!("{line}"),
            Err(e) => {
                let c = error(&e);
                code = if c == error::ENGINE && items.len() == 1 {
                    c
                } else {
                    1
                };
            }
        }
    }
    Ok(code)
}
