//! Terraform root modules on the command line: `lint`, `plan` and `render` of a
//! directory (or of `.tf` files, read with the rest of their directory, as Terraform
//! reads them), with `--var-file` and `--var`. This layer only lists and reads the
//! files; the core ([`crate::terraform`]) reads them as Terraform does.
//!
//! [`read_root_module`] is the one function that touches the directory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::{Arg, ArgAction, ArgMatches, Args, Command, FromArgMatches};

use super::input::{read_source, CliError};
use super::report::LintedFile;
use crate::diagnostics::RuleLevels;
use crate::terraform::{
    analyze_root_module_with, is_module_file, NamedText, RootModule, RootModuleAnalysis,
    ValueOption,
};

/// `--var-file` and `--var`, kept in command-line order (later ones win, whichever kind
/// they are, as in Terraform).
#[derive(Debug, Clone, Default)]
pub struct VariableArgs {
    pub options: Vec<VariableOption>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariableOption {
    File(String),
    Assignment { name: String, value: String },
}

impl VariableArgs {
    pub fn is_empty(&self) -> bool {
        self.options.is_empty()
    }
}

const VAR_FILE: &str = "var_file";
const VAR: &str = "var";

impl FromArgMatches for VariableArgs {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut indexed: Vec<(usize, VariableOption)> = Vec::new();
        if let (Some(values), Some(indices)) = (
            matches.get_many::<String>(VAR_FILE),
            matches.indices_of(VAR_FILE),
        ) {
            for (value, index) in values.zip(indices) {
                indexed.push((index, VariableOption::File(value.clone())));
            }
        }
        if let (Some(values), Some(indices)) =
            (matches.get_many::<String>(VAR), matches.indices_of(VAR))
        {
            for (value, index) in values.zip(indices) {
                let (name, value) = value.split_once('=').ok_or_else(|| {
                    clap::Error::raw(
                        clap::error::ErrorKind::InvalidValue,
                        format!("--var {value}: expected NAME=VALUE\n"),
                    )
                })?;
                indexed.push((
                    index,
                    VariableOption::Assignment {
                        name: name.to_owned(),
                        value: value.to_owned(),
                    },
                ));
            }
        }
        indexed.sort_by_key(|(index, _)| *index);
        Ok(VariableArgs {
            options: indexed.into_iter().map(|(_, o)| o).collect(),
        })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl Args for VariableArgs {
    fn augment_args(cmd: Command) -> Command {
        cmd.arg(
            Arg::new(VAR_FILE)
                .long("var-file")
                .value_name("FILE")
                .action(ArgAction::Append)
                .help("Terraform root modules: a variable definitions file, as `terraform -var-file`"),
        )
        .arg(
            Arg::new(VAR)
                .long("var")
                .value_name("NAME=VALUE")
                .action(ArgAction::Append)
                .help("Terraform root modules: a variable's value, as `terraform -var` (later options win)"),
        )
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

/// Whether a command-line input is a Terraform root module (a directory) or a file of
/// one (`.tf`), rather than a config file of its own.
pub fn is_root_module_input(path: &str) -> bool {
    path != "-" && (Path::new(path).is_dir() || path.to_ascii_lowercase().ends_with(".tf"))
}

/// The files Terraform loads from a root module's directory (`.tf`, `terraform.tfvars`,
/// `*.auto.tfvars(.json)`), by name, sorted: the only place that lists a directory.
pub fn read_root_module(dir: &Path) -> Result<Vec<(String, String)>, CliError> {
    let read_err = |source| CliError::Read {
        path: dir.display().to_string(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_err)? {
        let entry = entry.map_err(read_err)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_module_file(&name) || !entry.path().is_file() {
            continue;
        }
        let mut text = read_source(&entry.path().to_string_lossy())?;
        // A byte-order mark (Windows editors write one; Terraform ignores it) becomes
        // three spaces, so every offset stays the same.
        if let Some(rest) = text.strip_prefix('\u{feff}') {
            text = format!("   {rest}");
        }
        files.push((name, text));
    }
    files.sort();
    Ok(files)
}

/// A root module on the command line: its directory, and the `.tf` files named (all of
/// them when the directory itself was named).
pub struct ModuleInput {
    pub dir: PathBuf,
    /// File names within `dir` whose results are shown; `None`: every file.
    pub focus: Option<Vec<String>>,
}

/// Groups the command line's root-module inputs by directory, in order of appearance.
pub fn module_inputs<'p>(paths: impl Iterator<Item = &'p str>) -> Vec<ModuleInput> {
    let mut groups: BTreeMap<PathBuf, (usize, Option<Vec<String>>)> = BTreeMap::new();
    for (i, path) in paths.enumerate() {
        let p = Path::new(path);
        let (dir, file) = if p.is_dir() {
            (p.to_path_buf(), None)
        } else {
            let dir = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (dir, Some(name))
        };
        let group = groups.entry(dir).or_insert((i, Some(Vec::new())));
        match (&mut group.1, file) {
            (Some(names), Some(name)) => names.push(name),
            (focus, None) => *focus = None,
            (None, Some(_)) => {}
        }
    }
    let mut inputs: Vec<(usize, ModuleInput)> = groups
        .into_iter()
        .map(|(dir, (first, focus))| (first, ModuleInput { dir, focus }))
        .collect();
    inputs.sort_by_key(|(first, _)| *first);
    inputs.into_iter().map(|(_, input)| input).collect()
}

/// A root module read and analysed, with the texts its diagnostics point into.
pub struct AnalysedModule {
    pub dir: PathBuf,
    pub focus: Option<Vec<String>>,
    pub texts: Vec<(String, String)>,
    pub analysis: RootModuleAnalysis,
}

impl AnalysedModule {
    /// The display path of one of the module's files.
    pub fn path_of(&self, name: &str) -> String {
        if Path::new(name).is_absolute() || name.contains('/') {
            return name.to_owned();
        }
        self.dir.join(name).display().to_string()
    }

    /// Whether a file's results are shown: a focused `.tf` file, and the variable files
    /// (their values reach every module block).
    pub fn shown(&self, name: &str) -> bool {
        match &self.focus {
            None => true,
            Some(names) => names.iter().any(|n| n == name) || !name.ends_with(".tf"),
        }
    }

    /// Each shown file with its diagnostics, for the lint reports.
    pub fn linted_files(&self) -> Vec<LintedFile> {
        self.analysis
            .files
            .iter()
            .filter(|f| self.shown(&f.name))
            .map(|f| {
                let text = self.text_of(&f.name);
                let mut diagnostics = f.analysis.diagnostics.clone();
                // A `.tf` file named on the command line that holds no module block says
                // so, even when another file of its directory has one.
                let named = self.focus.as_ref().is_some_and(|n| n.contains(&f.name));
                if named
                    && f.analysis.documents.is_empty()
                    && !diagnostics.iter().any(|d| {
                        d.severity == crate::Severity::Error
                            || d.rule == crate::Rule::NothingToCheck
                    })
                {
                    diagnostics.push(crate::config::root_module::nothing_to_check(text));
                }
                LintedFile {
                    path: self.path_of(&f.name),
                    text: text.to_owned(),
                    diagnostics,
                }
            })
            .collect()
    }

    pub fn text_of(&self, name: &str) -> &str {
        self.texts
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, t)| t.as_str())
    }
}

/// `--var` and `--var-file` without a root module.
pub(crate) fn no_module_for_vars() -> CliError {
    CliError::Usage(
        "--var and --var-file apply to Terraform root modules: give a directory or a `.tf` file"
            .into(),
    )
}

/// Reads and analyses a root module with the command line's variables (and the
/// `TF_VAR_` environment variables, Terraform's weakest source) and rule levels.
pub fn analyse(
    input: ModuleInput,
    vars: &VariableArgs,
    levels: &RuleLevels,
) -> Result<AnalysedModule, CliError> {
    let mut texts = read_root_module(&input.dir)?;
    if texts.iter().all(|(name, _)| !name.ends_with(".tf")) {
        return Err(CliError::Usage(format!(
            "{} has no `.tf` files: it is not a Terraform root module",
            input.dir.display()
        )));
    }
    for name in input.focus.iter().flatten() {
        if !texts.iter().any(|(n, _)| n == name) {
            return Err(CliError::Read {
                path: input.dir.join(name).display().to_string(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such `.tf` file"),
            });
        }
    }
    let dir_files = texts.len();
    for option in &vars.options {
        if let VariableOption::File(path) = option {
            texts.push((path.clone(), read_source(path)?));
        }
    }
    let environment: Vec<(String, String)> = std::env::vars()
        .filter_map(|(k, v)| k.strip_prefix("TF_VAR_").map(|n| (n.to_owned(), v)))
        .collect();
    let analysis = {
        let mut option_files = texts[dir_files..].iter();
        let options = vars
            .options
            .iter()
            .map(|o| match o {
                VariableOption::File(_) => {
                    let (name, text) = option_files.next().expect("read above");
                    ValueOption::File(NamedText { name, text })
                }
                VariableOption::Assignment { name, value } => {
                    ValueOption::Assignment { name, value }
                }
            })
            .collect();
        let module = RootModule {
            files: texts[..dir_files]
                .iter()
                .map(|(name, text)| NamedText { name, text })
                .collect(),
            environment: environment
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect(),
            options,
        };
        analyze_root_module_with(&module, levels)
    };
    if let Some(name) = analysis.undeclared_options.first() {
        return Err(CliError::Usage(format!(
            "--var {name}: no `variable \"{name}\"` block is declared in {}",
            input.dir.display()
        )));
    }
    Ok(AnalysedModule {
        dir: input.dir,
        focus: input.focus,
        texts,
        analysis,
    })
}
