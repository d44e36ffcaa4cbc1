//! What every command reads: the config source (a file, standard input or a built-in
//! example) and its format, and the command line's error type.

use std::io::Read;

use clap::ValueEnum;
use thiserror::Error;

use crate::diagnostics::{Level, RuleLevels};
use crate::render::merge;
use crate::Format;

#[derive(Debug, Clone, clap::Args)]
pub struct InputArgs {
    /// Input format; inferred from the file name (or the text, for stdin).
    #[arg(long = "input-format", value_enum)]
    pub input_format: Option<InputFormat>,
}

#[derive(Debug, Clone, clap::Args)]
pub struct SourceArgs {
    /// Config file (YAML, JSON, or Terraform `.tf`/`.tfvars`); `-` reads standard input.
    #[arg(required_unless_present = "example")]
    pub file: Option<String>,
    /// Use a built-in example instead of a file (see `talos-planner example`).
    #[arg(long, conflicts_with = "file")]
    pub example: Option<String>,
    #[command(flatten)]
    pub input: InputArgs,
}

/// Rule levels for one run, as clippy's: `--allow`, `--warn`, `--deny`, each repeatable
/// and taking a rule id or `all` (a rule named on its own wins over `all`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct LevelArgs {
    /// Do not report RULE (a rule id, or `all`); repeatable.
    #[arg(long, value_name = "RULE")]
    pub allow: Vec<String>,
    /// Report RULE as a warning; repeatable.
    #[arg(long, value_name = "RULE")]
    pub warn: Vec<String>,
    /// Report RULE as an error; repeatable.
    #[arg(long, value_name = "RULE")]
    pub deny: Vec<String>,
}

impl LevelArgs {
    /// The levels the flags set; a flag may also hold several ids separated by commas.
    pub fn levels(&self) -> Result<RuleLevels, CliError> {
        let mut levels = RuleLevels::default();
        for (names, level) in [
            (&self.allow, Level::Allow),
            (&self.warn, Level::Warn),
            (&self.deny, Level::Deny),
        ] {
            for name in names.iter().flat_map(|n| n.split(',')) {
                levels.set(name, level)?;
            }
        }
        Ok(levels)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Yaml,
    Json,
    /// Terraform: module blocks for terraform-proxmox-talos-cluster, or `.tfvars`.
    Hcl,
}

/// What can go wrong in the command line layer.
#[derive(Debug, Error)]
pub enum CliError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Output(#[from] serde_json::Error),
    #[error("cannot merge the patches of {node} into {base}: {source}")]
    Merge {
        node: String,
        base: String,
        source: merge::MergeError,
    },
    #[error(transparent)]
    Render(#[from] crate::RenderError),
    #[error(transparent)]
    Levels(#[from] crate::diagnostics::LevelError),
}

/// Reads a file's bytes, or standard input's for `-`.
pub(crate) fn read_bytes(path: &str) -> Result<Vec<u8>, CliError> {
    let mut bytes = Vec::new();
    let result = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(path).map(|b| bytes = b)
    };
    result.map_err(|source| CliError::Read {
        path: path.to_owned(),
        source,
    })?;
    Ok(bytes)
}

/// Reads a file, or standard input for `-`.
pub fn read_source(path: &str) -> Result<String, CliError> {
    let mut text = String::new();
    let result = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read(path).and_then(|bytes| {
            text = String::from_utf8(bytes).map_err(|e| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
                )
            })?;
            Ok(())
        })
    };
    result.map_err(|source| CliError::Read {
        path: path.to_owned(),
        source,
    })?;
    Ok(text)
}

pub(crate) fn format_for(path: &str, text: &str, input: &InputArgs) -> Format {
    match input.input_format {
        Some(InputFormat::Yaml) => Format::Yaml,
        Some(InputFormat::Json) => Format::Json,
        Some(InputFormat::Hcl) => Format::Hcl,
        None if path == "-" => Format::sniff(text),
        None => Format::from_path(path),
    }
}

/// The text, display name and format of a `SourceArgs`.
pub fn load(source: &SourceArgs) -> Result<(String, String, Format), CliError> {
    if let Some(name) = &source.example {
        let (file, text) = crate::examples::example(name).ok_or_else(|| {
            CliError::Usage(format!(
                "no built-in example `{name}`; `talos-planner example` lists them"
            ))
        })?;
        return Ok((
            text.to_owned(),
            format!("example:{file}"),
            Format::from_path(file),
        ));
    }
    let path = source
        .file
        .as_deref()
        .ok_or_else(|| CliError::Usage("give a config file or --example".into()))?;
    let text = read_source(path)?;
    let format = format_for(path, &text, &source.input);
    Ok((text, path.to_owned(), format))
}
