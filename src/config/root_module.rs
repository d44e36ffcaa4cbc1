//! A Terraform root module, read the way Terraform reads it: the `.tf` files of a
//! directory (their `variable` and `locals` blocks, and the module blocks of
//! terraform-proxmox-talos-cluster), the variable values of `terraform.tfvars`,
//! `terraform.tfvars.json` and `*.auto.tfvars(.json)` (in lexical order), then
//! `--var-file` and `--var` in command-line order, later ones winning; `TF_VAR_name`
//! environment variables are the weakest source, a declaration's default weaker still.
//!
//! Pure: the caller lists and reads the files and passes their names and texts.

use super::decode;
use super::hcl::{self, HclDocument};
use super::json;
use super::tf_values::{Missing, ParsingMode, Scope};
use super::tree::{Node, ReadLimits, Value};
use super::{Format, ParsedFile, SourceDocument};
use crate::diagnostics::{Diagnostic, Rule, Severity, Span};

/// A file's name (as Terraform sees it: the name within the directory) and its text.
#[derive(Debug, Clone, Copy)]
pub struct NamedText<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// A `--var-file` or `--var` option.
#[derive(Debug, Clone, Copy)]
pub enum ValueOption<'a> {
    /// A variable definitions file (JSON when its name ends in `.json`, else HCL).
    File(NamedText<'a>),
    /// `--var NAME=VALUE`.
    Assignment { name: &'a str, value: &'a str },
}

/// Everything Terraform reads for a root module.
#[derive(Debug, Clone, Default)]
pub struct RootModule<'a> {
    /// The directory's files; [`file_role`] decides what each one is (files Terraform
    /// does not load are skipped).
    pub files: Vec<NamedText<'a>>,
    /// `TF_VAR_<name>` environment variables, as (name, value).
    pub environment: Vec<(&'a str, &'a str)>,
    /// `--var-file` and `--var`, in command-line order.
    pub options: Vec<ValueOption<'a>>,
}

/// What Terraform makes of a file in a root module's directory, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    /// `*.tf`.
    Configuration,
    /// `override.tf` and `*_override.tf`, read after the others.
    Override,
    /// `terraform.tfvars` and `terraform.tfvars.json`.
    Values,
    /// `*.auto.tfvars` and `*.auto.tfvars.json`.
    AutoValues,
    /// Anything else, including editor backups and hidden files (and `.tf.json`
    /// configuration, which this planner does not read).
    Ignored,
}

/// Terraform's rules for a root module's files (its config loader and its automatic
/// variable files).
pub fn file_role(name: &str) -> FileRole {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let hidden_or_backup = base.starts_with('.')
        || base.ends_with('~')
        || (base.starts_with('#') && base.ends_with('#'));
    if let Some(stem) = base.strip_suffix(".tf") {
        if hidden_or_backup {
            return FileRole::Ignored;
        }
        return if stem == "override" || stem.ends_with("_override") {
            FileRole::Override
        } else {
            FileRole::Configuration
        };
    }
    if base == "terraform.tfvars" || base == "terraform.tfvars.json" {
        FileRole::Values
    } else if base.ends_with(".auto.tfvars") || base.ends_with(".auto.tfvars.json") {
        FileRole::AutoValues
    } else {
        FileRole::Ignored
    }
}

/// One file of a root module, read.
#[derive(Debug, Clone)]
pub struct ReadFile<'a> {
    pub name: String,
    pub text: &'a str,
    pub role: FileRole,
    /// The configs found in it (module blocks, or a variable file that sets the cluster
    /// variables when no module block is there) and the problems met reading it.
    pub parsed: ParsedFile,
}

/// A root module, read: every file that Terraform loads, then the `--var-file`s.
#[derive(Debug, Clone, Default)]
pub struct ReadRootModule<'a> {
    pub files: Vec<ReadFile<'a>>,
    /// `--var` names that no `variable` block declares (Terraform refuses them).
    pub undeclared_options: Vec<String>,
}

impl ReadRootModule<'_> {
    /// How many configs were found.
    pub fn document_count(&self) -> usize {
        self.files.iter().map(|f| f.parsed.documents.len()).sum()
    }
}

/// A variable definitions file, parsed.
enum Values {
    Hcl(hcl_edit::structure::Body),
    Json(Option<Node>),
    Broken,
}

/// Reads a root module.
pub fn read<'a>(module: &RootModule<'a>) -> ReadRootModule<'a> {
    let mut files: Vec<(NamedText<'_>, FileRole)> = module
        .files
        .iter()
        .map(|f| (*f, file_role(f.name)))
        .filter(|(_, role)| *role != FileRole::Ignored)
        .collect();
    // Terraform's order: configuration files by name, overrides after them; value files
    // terraform.tfvars, terraform.tfvars.json, then the automatic ones by name.
    files.sort_by(|(a, ra), (b, rb)| order(*ra, a.name).cmp(&order(*rb, b.name)));
    let option_files = module.options.iter().filter_map(|o| match o {
        ValueOption::File(f) => Some(*f),
        ValueOption::Assignment { .. } => None,
    });
    let all: Vec<(NamedText<'_>, FileRole)> = files
        .into_iter()
        .chain(option_files.map(|f| (f, FileRole::Values)))
        .collect();

    let mut diagnostics: Vec<Vec<Diagnostic>> = vec![Vec::new(); all.len()];
    let configuration: Vec<Option<hcl_edit::structure::Body>> = all
        .iter()
        .zip(diagnostics.iter_mut())
        .map(|((file, role), diags)| match role {
            FileRole::Configuration | FileRole::Override => match hcl::parse(file.text) {
                Ok(body) => Some(body),
                Err(d) => {
                    diags.push(d);
                    None
                }
            },
            _ => None,
        })
        .collect();
    let values: Vec<Option<Values>> = all
        .iter()
        .zip(diagnostics.iter_mut())
        .map(|((file, role), diags)| match role {
            FileRole::Values | FileRole::AutoValues => Some(parse_values(*file, diags)),
            _ => None,
        })
        .collect();

    let mut scope = Scope::default();
    for ((file, _), body) in all.iter().zip(&configuration) {
        if let Some(body) = body {
            scope.add_configuration(file.name, file.text, body);
        }
    }
    for (name, value) in &module.environment {
        if let Some(declaration) = scope.declaration(name) {
            let node = text_value(value, declaration.mode);
            scope.set(
                name,
                node,
                format!("the environment variable TF_VAR_{name}"),
            );
        }
    }
    let mut undeclared_options = Vec::new();
    // Value files of the directory first (already in Terraform's order), then the
    // options in command-line order.
    let option_files = module
        .options
        .iter()
        .filter(|o| matches!(o, ValueOption::File(_)))
        .count();
    let mut next_option_file = all.len() - option_files;
    for i in 0..next_option_file {
        if let Some(parsed) = &values[i] {
            set_from_file(&mut scope, all[i].0, parsed, &mut diagnostics[i]);
        }
    }
    for option in &module.options {
        match option {
            ValueOption::File(file) => {
                if let Some(Some(parsed)) = values.get(next_option_file) {
                    set_from_file(
                        &mut scope,
                        *file,
                        parsed,
                        &mut diagnostics[next_option_file],
                    );
                }
                next_option_file += 1;
            }
            ValueOption::Assignment { name, value } => match scope.declaration(name) {
                Some(declaration) => {
                    let node = text_value(value, declaration.mode);
                    scope.set(name, node, format!("--var {name}=…"));
                }
                None => undeclared_options.push((*name).to_owned()),
            },
        }
    }

    let mut read_files = Vec::with_capacity(all.len());
    for (i, ((file, role), body)) in all.iter().zip(&configuration).enumerate() {
        let mut documents = Vec::new();
        let diags = &mut diagnostics[i];
        // Override files are merged into the blocks they name by Terraform; their
        // module blocks are not configs of their own.
        if let (FileRole::Configuration, Some(body)) = (role, body) {
            scope.begin(file.text);
            let found = hcl::documents_in(file.text, body, Some(&scope), diags);
            for doc in found.into_iter().filter(|d| d.name.is_some()) {
                documents.push(decode_document(file.text, doc, &scope, true, diags));
            }
        }
        read_files.push(ReadFile {
            name: file.name.to_owned(),
            text: file.text,
            role: *role,
            parsed: ParsedFile {
                documents,
                diagnostics: std::mem::take(diags),
                ignores: super::ignores::find(file.text, format_of(file.name), &[]),
            },
        });
    }
    // Without a module block, a variable file that sets the cluster's variables is the
    // config (the root module is a copy of the module itself).
    if read_files.iter().all(|f| f.parsed.documents.is_empty()) {
        for ((file, role), read) in all.iter().zip(read_files.iter_mut()) {
            if matches!(role, FileRole::Values | FileRole::AutoValues) {
                let parsed = super::parse_file(file.text, format_of(file.name));
                if !parsed.documents.is_empty() {
                    // The file is the config: its own reading's problems replace the
                    // warnings about values that no `variable` block declares.
                    read.parsed = parsed;
                }
            }
        }
    }
    if read_files.iter().all(|f| f.parsed.documents.is_empty()) {
        let has_errors = read_files.iter().any(|f| {
            f.parsed
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
        });
        let first = all
            .iter()
            .position(|(_, role)| *role == FileRole::Configuration);
        if let (false, Some(i)) = (has_errors, first) {
            read_files[i]
                .parsed
                .diagnostics
                .push(nothing_to_check(all[i].0.text));
        }
    }
    ReadRootModule {
        files: read_files,
        undeclared_options,
    }
}

/// One text as a root module of its own (a pasted module block, `lint main.tf` of
/// standard input): its variable defaults and locals resolve, nothing else is known.
pub fn read_text(text: &str) -> ParsedFile {
    // Terraform's comments are read from the text alone (no tree needed).
    let ignores = super::ignores::find(text, Format::Hcl, &[]);
    let body = match hcl::parse(text) {
        Ok(body) => body,
        Err(d) => {
            return ParsedFile {
                documents: Vec::new(),
                diagnostics: vec![d],
                ignores,
            }
        }
    };
    let mut scope = Scope::default();
    scope.add_configuration("this file", text, &body);
    scope.begin(text);
    let mut diagnostics = Vec::new();
    let found = hcl::documents_in(text, &body, Some(&scope), &mut diagnostics);
    let documents: Vec<SourceDocument> = found
        .into_iter()
        .map(|doc| decode_document(text, doc, &scope, false, &mut diagnostics))
        .collect();
    if documents.is_empty() && !diagnostics.iter().any(|d| d.severity == Severity::Error) {
        diagnostics.push(nothing_to_check(text));
    }
    ParsedFile {
        documents,
        diagnostics,
        ignores,
    }
}

/// How a root module's file is read: `.tfvars.json` as JSON, the rest as HCL.
pub fn format_of(name: &str) -> Format {
    if name.ends_with(".json") {
        Format::Json
    } else {
        Format::Hcl
    }
}

/// The diagnostic of a Terraform text that holds no config: nothing was checked.
pub fn nothing_to_check(text: &str) -> Diagnostic {
    let end = text.find('\n').unwrap_or(text.len());
    Diagnostic::new(
        Rule::NothingToCheck,
        Span::new(0, end),
        format!(
            "nothing to check: no `module` block for {} and no `cluster` or `controlplane` values",
            hcl::MODULE_SOURCE
        ),
    )
}

fn order(role: FileRole, name: &str) -> (u8, u8, &str) {
    match role {
        FileRole::Configuration => (0, 0, name),
        FileRole::Override => (1, 0, name),
        FileRole::Values if name.ends_with(".json") => (2, 1, name),
        FileRole::Values => (2, 0, name),
        FileRole::AutoValues => (3, 0, name),
        FileRole::Ignored => (4, 0, name),
    }
}

fn parse_values(file: NamedText<'_>, diagnostics: &mut Vec<Diagnostic>) -> Values {
    if file.name.ends_with(".json") {
        let (root, diags) = json::read_document(file.text, ReadLimits::default());
        diagnostics.extend(diags);
        return Values::Json(root);
    }
    match hcl::parse(file.text) {
        Ok(body) => Values::Hcl(body),
        Err(d) => {
            diagnostics.push(d);
            Values::Broken
        }
    }
}

/// Sets the variables of a definitions file; one that no block declares gets the
/// warning Terraform gives.
fn set_from_file(
    scope: &mut Scope<'_>,
    file: NamedText<'_>,
    parsed: &Values,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let root = match parsed {
        // Variable files hold values only: Terraform evaluates them without variables.
        Values::Hcl(body) => hcl::attributes(file.text, body, None, &mut Vec::new()),
        Values::Json(Some(root)) => root.clone(),
        Values::Json(None) | Values::Broken => return,
    };
    let Some(entries) = root.as_map() else {
        return;
    };
    for entry in entries {
        if scope.declaration(&entry.key).is_none() {
            let mut d = Diagnostic::new(
                Rule::UnknownField,
                entry.key_span,
                format!(
                    "no `variable \"{}\"` block declares this; Terraform warns and ignores the value",
                    entry.key
                ),
            );
            d.severity = Severity::Warning;
            diagnostics.push(d);
            continue;
        }
        scope.set(&entry.key, entry.value.clone(), file.name);
    }
}

/// A value given as text, parsed as Terraform parses it for the variable's type.
fn text_value(value: &str, mode: ParsingMode) -> Node {
    let literal = || Node::new(Span::new(0, value.len()), Value::String(value.to_owned()));
    match mode {
        ParsingMode::Literal => literal(),
        ParsingMode::Hcl => match hcl_edit::parser::parse_expr(value) {
            Ok(expr) => hcl::expression(value, &expr, None),
            Err(_) => Node::new(Span::new(0, value.len()), Value::Unknown(value.to_owned())),
        },
    }
}

/// Decodes a module block (or a variable file) read with resolved references, and
/// says which values stay unknown.
fn decode_document(
    text: &str,
    doc: HclDocument,
    scope: &Scope<'_>,
    complete: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> SourceDocument {
    let variables_file = doc.name.is_none();
    let (config, more) = decode::decode(&doc.root, text, Format::Hcl, variables_file);
    diagnostics.extend(more);
    let resolved = scope
        .take_resolved()
        .into_iter()
        .filter(|r| doc.span.start <= r.span.start && r.span.end <= doc.span.end)
        .collect();
    if let Some(d) = unknown_values(&config.expressions, scope, complete) {
        diagnostics.push(d);
    }
    SourceDocument {
        name: doc.name,
        span: doc.span,
        config,
        resolved,
    }
}

/// "3 values unknown: …; rules that need them were skipped", at the first of them.
fn unknown_values(
    expressions: &[super::Spanned<String>],
    scope: &Scope<'_>,
    complete: bool,
) -> Option<Diagnostic> {
    let first = expressions.first()?;
    let mut names: Vec<String> = Vec::new();
    for e in expressions {
        let written: String = e.value.split_whitespace().collect::<Vec<_>>().join(" ");
        let short: String = written.chars().take(40).collect();
        let mut name = if short.len() < written.len() {
            format!("`{short}…`")
        } else {
            format!("`{short}`")
        };
        if let Some(variable) = written
            .strip_prefix("var.")
            .map(|rest| rest.split(['.', '[']).next().unwrap_or(rest))
        {
            match scope.missing(variable, complete) {
                Some(Missing::NoValue) => name.push_str(" (no value set)"),
                Some(Missing::Undeclared) => {
                    name.push_str(" (no `variable` block declares it: Terraform refuses it)")
                }
                None => {}
            }
        }
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let count = names.len();
    let shown: Vec<&str> = names.iter().take(8).map(String::as_str).collect();
    let more = if count > shown.len() {
        format!(" and {} more", count - shown.len())
    } else {
        String::new()
    };
    let mut d = Diagnostic::new(
        Rule::UnknownValues,
        first.span,
        format!(
            "{count} value{} unknown until Terraform runs: {}{more}; rules that need {} were skipped",
            if count == 1 { "" } else { "s" },
            shown.join(", "),
            if count == 1 { "it" } else { "them" },
        ),
    );
    for e in expressions.iter().skip(1).take(9) {
        d = d.with_related(e.span, "unknown");
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_roles_follow_terraform() {
        assert_eq!(file_role("main.tf"), FileRole::Configuration);
        assert_eq!(file_role("dir/override.tf"), FileRole::Override);
        assert_eq!(file_role("cp_override.tf"), FileRole::Override);
        assert_eq!(file_role(".hidden.tf"), FileRole::Ignored);
        assert_eq!(file_role("main.tf~"), FileRole::Ignored);
        assert_eq!(file_role("#main.tf#"), FileRole::Ignored);
        assert_eq!(file_role("terraform.tfvars"), FileRole::Values);
        assert_eq!(file_role("terraform.tfvars.json"), FileRole::Values);
        assert_eq!(file_role("lab.auto.tfvars"), FileRole::AutoValues);
        assert_eq!(file_role("lab.auto.tfvars.json"), FileRole::AutoValues);
        assert_eq!(file_role("prod.tfvars"), FileRole::Ignored);
        assert_eq!(file_role("main.tf.json"), FileRole::Ignored);
    }
}
