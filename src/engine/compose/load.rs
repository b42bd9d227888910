//! `load`: which files, which environment, which project name, and the pipeline that turns
//! them into a `Project` (see the module's documentation for its order).
use super::model::Project;
use super::normalize::Base;
use super::values::Json;
use super::{check, envfile, finish, interpolate, merge, normalize, schema, yaml, ComposeError};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The names a project's file is found under, in compose-go's order, and its override's.
pub const FILE_NAMES: [&str; 4] = [
    "compose.yaml",
    "compose.yml",
    "docker-compose.yml",
    "docker-compose.yaml",
];
const OVERRIDE_NAMES: [&str; 4] = [
    "compose.override.yaml",
    "compose.override.yml",
    "docker-compose.override.yml",
    "docker-compose.override.yaml",
];

/// What `load` reads. Everything from the outside world is here (the process environment
/// too), so that loading is a pure function of its options and the files.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// `-f`, in order, relative to `working_dir`; empty: COMPOSE_FILE, else discovery of
    /// `compose.yaml` (and its `compose.override.yaml`) in `working_dir` or a parent.
    pub files: Vec<PathBuf>,
    /// `-p`.
    pub project_name: Option<String>,
    /// `--project-directory`; default: the first file's directory.
    pub project_directory: Option<PathBuf>,
    /// `--env-file`, in order (later files win); default: the project directory's `.env`.
    pub env_files: Vec<PathBuf>,
    /// `--profile`; empty: COMPOSE_PROFILES (comma-separated). `*` enables every service.
    pub profiles: Vec<String>,
    /// The current directory.
    pub working_dir: PathBuf,
    /// The process environment; it wins over the env files.
    pub environ: BTreeMap<String, String>,
    /// `config --no-interpolate`: leave `$VAR` as written.
    pub no_interpolate: bool,
    /// Skip the JSON-schema validation, which costs ~6 ms per load (compiling the schema;
    /// measured on the release binary): for hot read-only paths such as `ps`. A file the
    /// schema would refuse then loads if it can be typed, its unknown keys as warnings.
    pub skip_validation: bool,
}

/// A loaded project and what the user should be told about it (unsupported fields, obsolete
/// keys, ambiguous file names), one line each, without a "warning: " prefix.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub project: Project,
    pub warnings: Vec<String>,
}

/// What a file's own processing needs: its environment and where paths resolve.
pub(crate) struct Ctx<'a> {
    pub environ: &'a BTreeMap<String, String>,
    pub interpolate: bool,
    pub validate: bool,
    pub warnings: &'a mut Vec<String>,
}

impl Ctx<'_> {
    pub(crate) fn lookup(&self, k: &str) -> Option<String> {
        self.environ.get(k).cloned()
    }

    /// Where relative paths resolve: `dir`, and HOME (of the project environment) for `~`.
    pub(crate) fn base<'b>(&'b self, dir: &'b Path) -> Base<'b> {
        Base {
            dir,
            home: self.environ.get("HOME").map(String::as_str),
        }
    }
}

/// Load, merge, normalise and check the project `opts` describes.
pub fn load(opts: &LoadOptions) -> Result<Loaded, ComposeError> {
    let mut warnings = Vec::new();
    let files = compose_files(opts, &mut warnings)?;
    let project_dir = match &opts.project_directory {
        Some(d) => PathBuf::from(super::short::host_path(
            &opts.working_dir,
            None,
            &d.to_string_lossy(),
        )),
        None => files[0].parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    let environ = environment(opts, &project_dir)?;
    let mut ctx = Ctx {
        environ: &environ,
        interpolate: !opts.no_interpolate,
        validate: !opts.skip_validation,
        warnings: &mut warnings,
    };
    let mut merged = Value::Null;
    for f in &files {
        let doc = read_file(&mut ctx, f, &project_dir)?;
        merged = merge::documents(merged, doc);
    }
    merge::strip_markers(&mut merged);
    let name = project_name(opts, &environ, &merged, &project_dir)?;
    let profiles = active_profiles(opts, &environ);
    let mut project = finish::project(&mut ctx, merged, &name, &profiles)?;
    project.working_dir = project_dir;
    project.compose_files = files;
    project.environment = environ;
    check::project(&project)?;
    Ok(Loaded { project, warnings })
}

/// One file through parsing, interpolation, validation, `include`, `extends` and the long
/// form; relative paths in it resolve against `base_dir`.
pub(crate) fn read_file(ctx: &mut Ctx, file: &Path, base_dir: &Path) -> Result<Json, ComposeError> {
    let mut doc = parse_raw(ctx, file)?;
    super::include::apply(ctx, &mut doc, file)?;
    super::extends::apply(ctx, &mut doc, file, base_dir)?;
    normalize::document(&mut doc, &ctx.base(base_dir))?;
    Ok(doc)
}

/// One file parsed, interpolated and validated: still in the file's own (short) forms.
pub(crate) fn parse_raw(ctx: &Ctx, file: &Path) -> Result<Json, ComposeError> {
    let text = std::fs::read_to_string(file).map_err(|source| ComposeError::Io {
        path: file.to_path_buf(),
        source,
    })?;
    let mut doc = yaml::parse(file, &text)?;
    if ctx.interpolate {
        interpolate::document(&mut doc, &|k| ctx.lookup(k))?;
    }
    if ctx.validate {
        schema::validate(file, &doc)?;
    }
    Ok(doc)
}

/// The files to read: `-f`, COMPOSE_FILE, or the discovered file and its override.
fn compose_files(
    opts: &LoadOptions,
    warnings: &mut Vec<String>,
) -> Result<Vec<PathBuf>, ComposeError> {
    let abs = |p: &Path| {
        PathBuf::from(super::short::host_path(
            &opts.working_dir,
            None,
            &p.to_string_lossy(),
        ))
    };
    if opts.files.iter().any(|f| f.as_os_str() == "-") {
        return Err(ComposeError::invalid(
            "reading a compose file from standard input (-f -) is not supported: give the file's name",
        ));
    }
    if !opts.files.is_empty() {
        return Ok(opts.files.iter().map(|f| abs(f)).collect());
    }
    if let Some(list) = opts.environ.get("COMPOSE_FILE").filter(|l| !l.is_empty()) {
        let sep = opts
            .environ
            .get("COMPOSE_PATH_SEPARATOR")
            .map_or(":", String::as_str);
        return Ok(list
            .split(sep)
            .filter(|f| !f.is_empty())
            .map(|f| abs(Path::new(f)))
            .collect());
    }
    let mut dir = Some(opts.working_dir.as_path());
    while let Some(d) = dir {
        let found: Vec<PathBuf> = FILE_NAMES
            .iter()
            .map(|n| d.join(n))
            .filter(|p| p.is_file())
            .collect();
        if let Some(first) = found.first() {
            if found.len() > 1 {
                let names: Vec<String> = found.iter().map(|p| p.display().to_string()).collect();
                warnings.push(format!(
                    "found multiple config files with supported names: {}; using {}",
                    names.join(", "),
                    first.display()
                ));
            }
            let mut files = vec![first.clone()];
            files.extend(
                OVERRIDE_NAMES
                    .iter()
                    .map(|n| d.join(n))
                    .find(|p| p.is_file()),
            );
            return Ok(files);
        }
        dir = d.parent();
    }
    Err(ComposeError::NotFound(opts.working_dir.clone()))
}

/// The project environment: the env files (`--env-file`, or `.env` in the project
/// directory if there is one), with the process environment over them.
fn environment(
    opts: &LoadOptions,
    project_dir: &Path,
) -> Result<BTreeMap<String, String>, ComposeError> {
    let files: Vec<PathBuf> = if opts.env_files.is_empty() {
        Some(project_dir.join(".env"))
            .filter(|p| p.is_file())
            .into_iter()
            .collect()
    } else {
        let wd = &opts.working_dir;
        opts.env_files
            .iter()
            .map(|f| PathBuf::from(super::short::host_path(wd, None, &f.to_string_lossy())))
            .collect()
    };
    let mut env = BTreeMap::new();
    for f in files {
        let lookup = |k: &str| opts.environ.get(k).or_else(|| env.get(k)).cloned();
        let vars = envfile::read(&f, &lookup)?;
        env.extend(vars);
    }
    env.extend(opts.environ.iter().map(|(k, v)| (k.clone(), v.clone())));
    Ok(env)
}

fn active_profiles(opts: &LoadOptions, environ: &BTreeMap<String, String>) -> Vec<String> {
    if !opts.profiles.is_empty() {
        return opts.profiles.clone();
    }
    environ
        .get("COMPOSE_PROFILES")
        .map(|p| {
            p.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// compose-go's `NormalizeProjectName`: lowercase, only `[a-z0-9_-]`, no leading `_`/`-`.
pub fn normalize_project_name(s: &str) -> String {
    let lower: String = s
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-')
        .collect();
    lower.trim_start_matches(['_', '-']).to_string()
}

fn checked(name: &str) -> Result<String, ComposeError> {
    if name.is_empty() || normalize_project_name(name) != name {
        return Err(ComposeError::invalid(format!(
            "invalid project name {name:?}: must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number"
        )));
    }
    Ok(name.to_string())
}

/// `-p` > COMPOSE_PROJECT_NAME > `name:` > the project directory's name. A name given
/// explicitly (`-p`, `name:`) must already be valid; the others are normalised.
fn project_name(
    opts: &LoadOptions,
    environ: &BTreeMap<String, String>,
    doc: &Json,
    project_dir: &Path,
) -> Result<String, ComposeError> {
    if let Some(p) = &opts.project_name {
        return checked(p);
    }
    if let Some(e) = environ
        .get("COMPOSE_PROJECT_NAME")
        .filter(|e| !e.is_empty())
    {
        return checked(&normalize_project_name(e));
    }
    if let Some(n) = doc
        .get("name")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())
    {
        return checked(n);
    }
    let base = project_dir
        .file_name()
        .map(|b| b.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = normalize_project_name(&base);
    if name.is_empty() {
        return Err(ComposeError::invalid(format!(
            "cannot make a project name of the directory name {base:?}: give one with -p or name:"
        )));
    }
    Ok(name)
}
