//! The files a `lint` run checks: the files named on the command line, and in each
//! directory named there the config files below it (YAML, JSON, `.tfvars`), skipping
//! hidden entries, `node_modules` and `target`, and files that are not cluster configs
//! (a CI workflow, a `package.json`), as the language server does. A directory holding
//! `.tf` files is a Terraform root module, read as one (`super::root_module`), as is a
//! `.tf` file named on the command line, with the rest of its directory.

use std::path::Path;

use super::input::CliError;
use crate::config::hcl::MODULE_SOURCE;
use crate::terraform::is_module_file;
use crate::Format;

/// What to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// One config file. `named`: given on the command line (checked whatever it
    /// holds), rather than found in a directory (checked when it is a cluster config).
    File { path: String, named: bool },
    /// A Terraform root module: a directory holding `.tf` files, or one `.tf` file
    /// named on the command line (read with its directory, its results shown).
    Terraform { path: String },
}

/// The targets of the command line's paths, and the directories that could not be read.
pub fn targets(paths: &[String]) -> (Vec<Target>, Vec<CliError>) {
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path != "-" && Path::new(path).is_dir() {
            walk(Path::new(path), &mut targets, &mut errors);
        } else if path.to_ascii_lowercase().ends_with(".tf") {
            targets.push(Target::Terraform { path: path.clone() });
        } else {
            targets.push(Target::File {
                path: path.clone(),
                named: true,
            });
        }
    }
    (targets, errors)
}

/// Directories never worth walking into.
const SKIPPED_DIRS: &[&str] = &["node_modules", "target"];

fn walk(dir: &Path, targets: &mut Vec<Target>, errors: &mut Vec<CliError>) {
    let read_error = |source| CliError::Read {
        path: dir.display().to_string(),
        source,
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(read_error(e));
            return;
        }
    };
    let mut names: Vec<(String, std::fs::FileType)> = Vec::new();
    for entry in entries {
        match entry.and_then(|e| Ok((e.file_name(), e.file_type()?))) {
            Ok((name, kind)) => {
                let name = name.to_string_lossy().into_owned();
                if !name.starts_with('.') {
                    names.push((name, kind));
                }
            }
            Err(e) => errors.push(read_error(e)),
        }
    }
    names.sort_by(|a, b| a.0.cmp(&b.0));
    // Terraform reads every `.tf` file of a directory, with its automatic variable
    // files, as one root module.
    let root_module = names
        .iter()
        .any(|(name, kind)| !kind.is_dir() && name.to_ascii_lowercase().ends_with(".tf"));
    if root_module {
        targets.push(Target::Terraform {
            path: dir.display().to_string(),
        });
    }
    let mut subdirs = Vec::new();
    for (name, kind) in names {
        let path = dir.join(&name);
        // Symbolic links to directories are not followed (no cycles); to files, are.
        if kind.is_dir() {
            if !SKIPPED_DIRS.contains(&name.as_str()) {
                subdirs.push(path);
            }
            continue;
        }
        if kind.is_symlink() && !path.is_file() {
            continue;
        }
        if root_module && is_module_file(&name) {
            continue; // read with the root module
        }
        let lower = name.to_ascii_lowercase();
        if [".yaml", ".yml", ".json", ".tfvars"]
            .iter()
            .any(|ext| lower.ends_with(ext))
        {
            targets.push(Target::File {
                path: path.display().to_string(),
                named: false,
            });
        }
    }
    for sub in subdirs {
        walk(&sub, targets, errors);
    }
}

/// Whether a file found in a directory is a cluster config: a top-level `cluster` or
/// `controlplane` key (or the schema modeline), in Terraform the module's source or
/// its `cluster`/`controlplane` arguments. The language server decides the same way.
pub fn is_cluster_config(text: &str, format: Format) -> bool {
    let key = |line: &str, sep: char| {
        let line = line.trim_start_matches(['"', '\'']);
        ["cluster", "controlplane"].iter().any(|k| {
            line.strip_prefix(k).is_some_and(|rest| {
                rest.trim_start_matches(['"', '\''])
                    .trim_start_matches([' ', '\t'])
                    .starts_with(sep)
            })
        })
    };
    match format {
        Format::Yaml => text.lines().any(|line| {
            key(line, ':')
                || (line.starts_with('#')
                    && line.contains("yaml-language-server")
                    && line.contains("$schema=")
                    && line.contains("talos-planner"))
        }),
        Format::Json => ["\"cluster\"", "\"controlplane\""].iter().any(|k| {
            text.match_indices(k)
                .any(|(at, _)| text[at + k.len()..].trim_start().starts_with(':'))
        }),
        Format::Hcl => {
            text.contains(MODULE_SOURCE) || text.lines().any(|line| key(line.trim_start(), '='))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configs_are_told_from_other_files() {
        assert!(is_cluster_config(
            "# c\ncluster:\n  name: x\n",
            Format::Yaml
        ));
        assert!(is_cluster_config("\"controlplane\" : {}\n", Format::Yaml));
        assert!(is_cluster_config(
            "# yaml-language-server: $schema=./talos-planner.schema.json\n",
            Format::Yaml
        ));
        assert!(!is_cluster_config(
            "on: push\njobs:\n  cluster:\n",
            Format::Yaml
        ));
        assert!(is_cluster_config("{ \"cluster\" : {} }", Format::Json));
        assert!(!is_cluster_config(
            "{ \"name\": \"cluster\" }",
            Format::Json
        ));
        assert!(is_cluster_config(
            "module \"x\" {\n  cluster = {}\n}\n",
            Format::Hcl
        ));
        assert!(is_cluster_config(
            "module \"x\" { source = \"git::x/terraform-proxmox-talos-cluster\" }",
            Format::Hcl
        ));
        assert!(!is_cluster_config("resource \"a\" \"b\" {}\n", Format::Hcl));
    }

    #[test]
    fn directories_are_walked_in_order_skipping_the_rest() {
        let dir = std::env::temp_dir().join(format!("talos-planner-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for sub in ["b", ".git", "node_modules", "a"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        for file in [
            "b/z.yaml",
            "b/main.tf",
            "b/vars.tf",
            "b/terraform.tfvars",
            "a/c.json",
            "a/notes.md",
            ".git/config.yaml",
            "node_modules/x.json",
            "top.tfvars",
        ] {
            std::fs::write(dir.join(file), "").unwrap();
        }
        let root = dir.display().to_string();
        let (found, errors) = targets(&[
            root.clone(),
            format!("{root}/missing.yaml"),
            format!("{root}/b/main.tf"),
        ]);
        assert!(errors.is_empty());
        let shown: Vec<String> = found
            .iter()
            .map(|t| match t {
                Target::File { path, named } => format!(
                    "{}{}",
                    &path[root.len()..],
                    if *named { " (named)" } else { "" }
                ),
                Target::Terraform { path } => format!("{} (root module)", &path[root.len()..]),
            })
            .collect();
        assert_eq!(
            shown,
            [
                "/top.tfvars",
                "/a/c.json",
                "/b (root module)",
                "/b/z.yaml",
                "/missing.yaml (named)",
                "/b/main.tf (root module)"
            ]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
