//! `--format` of the list verbs (ps, images, history).
#[derive(clap::Args, Debug, Clone, Default)]
pub(crate) struct FormatFlag {
    /// Format output with a Go template, 'table TEMPLATE' or 'json'
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
}

impl FormatFlag {
    /// The user's template, unless none was given or it is a bare `table`, which asks for the
    /// verb's own table (Docker's meaning).
    pub(crate) fn custom(&self) -> Option<&str> {
        self.format.as_deref().filter(|f| *f != "table")
    }
}
