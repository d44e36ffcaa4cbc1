//! Terraform root modules: every file of the module analysed together, as Terraform
//! reads them (see [`crate::config::root_module`]), each file with its own diagnostics.

use crate::config::root_module::{self, FileRole};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, RuleLevels};
use crate::plan::Plan;
use crate::{analyze_parsed, expression_errors, FileAnalysis};

pub use crate::config::root_module::{file_role, NamedText, RootModule, ValueOption};

/// One file of a root module, analysed.
#[derive(Debug, Clone)]
pub struct ModuleFile {
    pub name: String,
    pub role: FileRole,
    /// Its configs (module blocks) with their plans, and its diagnostics.
    pub analysis: FileAnalysis,
}

/// A root module, analysed.
#[derive(Debug, Clone, Default)]
pub struct RootModuleAnalysis {
    /// The files Terraform loads (configuration, then variable files), then the
    /// `--var-file`s; names as given.
    pub files: Vec<ModuleFile>,
    /// `--var` names that no `variable` block declares: Terraform refuses them.
    pub undeclared_options: Vec<String>,
}

impl RootModuleAnalysis {
    pub fn has_errors(&self) -> bool {
        self.files.iter().any(|f| f.analysis.has_errors())
    }

    /// Every config of the module with its file: (file, module name, config, plan).
    pub fn documents(&self) -> impl Iterator<Item = (&ModuleFile, &crate::Document)> {
        self.files
            .iter()
            .flat_map(|f| f.analysis.documents.iter().map(move |d| (f, d)))
    }

    /// The config and plan of each module block, when the whole module has no errors
    /// and no value stays unknown (what rendering and provisioning need; `needs` names
    /// them in the errors); otherwise each file's diagnostics that say why not.
    #[allow(clippy::type_complexity)]
    pub fn complete_plans(
        &self,
        needs: &str,
    ) -> Result<Vec<(&ModuleFile, &crate::Document, &Plan)>, Vec<(&ModuleFile, Vec<Diagnostic>)>>
    {
        if self.has_errors() {
            return Err(self
                .files
                .iter()
                .filter(|f| f.analysis.has_errors())
                .map(|f| (f, f.analysis.diagnostics.clone()))
                .collect());
        }
        let mut complete = Vec::new();
        let mut missing: Vec<(&ModuleFile, Vec<Diagnostic>)> = Vec::new();
        for (file, doc) in self.documents() {
            let unknown: Vec<Diagnostic> = unknown_errors(&doc.config, needs);
            match (&doc.plan, unknown.is_empty()) {
                (Some(plan), true) => complete.push((file, doc, plan)),
                _ => match missing.iter_mut().find(|(f, _)| f.name == file.name) {
                    Some((_, list)) => list.extend(unknown),
                    None => missing.push((file, unknown)),
                },
            }
        }
        if missing.is_empty() {
            Ok(complete)
        } else {
            Err(missing)
        }
    }
}

fn unknown_errors(config: &Config, needs: &str) -> Vec<Diagnostic> {
    expression_errors(config, needs)
}

/// Reads, plans and checks a root module (ignore comments apply; every rule at its
/// default level).
pub fn analyze_root_module(module: &RootModule<'_>) -> RootModuleAnalysis {
    analyze_root_module_with(module, &RuleLevels::default())
}

/// [`analyze_root_module`] with the user's rule levels.
pub fn analyze_root_module_with(
    module: &RootModule<'_>,
    levels: &RuleLevels,
) -> RootModuleAnalysis {
    let read = root_module::read(module);
    let files = read
        .files
        .into_iter()
        .map(|file| {
            let text = file.text;
            let format = root_module::format_of(&file.name);
            ModuleFile {
                analysis: analyze_parsed(text, format, file.parsed, levels),
                name: file.name,
                role: file.role,
            }
        })
        .collect();
    RootModuleAnalysis {
        files,
        undeclared_options: read.undeclared_options,
    }
}

/// Whether `name` is a file Terraform loads into a root module.
pub fn is_module_file(name: &str) -> bool {
    file_role(name) != FileRole::Ignored
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file<'a>(name: &'a str, text: &'a str) -> NamedText<'a> {
        NamedText { name, text }
    }

    #[test]
    fn has_errors_and_complete_plans() {
        let main = "module \"k8s\" {\n  source = \"./terraform-proxmox-talos-cluster\"\n  cluster = { name = var.name, node = \"pve01\", datastore = \"local-lvm\", vm_base_id = 700 }\n  image = { version = \"v1.12.0\", extensions = [] }\n  network = { cidr = \"10.0.0.0/24\", gateway = \"10.0.0.1\", dns_servers = [\"1.1.1.1\"] }\n  controlplane = { count = 1, specs = { cpu = 4, memory = 4096, disk = 100 } }\n  worker = { count = 0, specs = { cpu = 2, memory = 4096, disk = 100 } }\n}\nvariable \"name\" {}\n";
        let module = RootModule {
            files: vec![file("main.tf", main)],
            ..RootModule::default()
        };
        let analysis = analyze_root_module(&module);
        assert!(!analysis.has_errors());
        assert!(analysis.complete_plans("rendering").is_err());
        let module = RootModule {
            files: vec![file("main.tf", main)],
            options: vec![ValueOption::Assignment {
                name: "name",
                value: "lab",
            }],
            ..RootModule::default()
        };
        let analysis = analyze_root_module(&module);
        let plans = analysis.complete_plans("rendering").unwrap();
        assert_eq!(plans[0].2.cluster_name.as_deref(), Some("lab"));
    }
}
