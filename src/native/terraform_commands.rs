//! `lint`, `plan` and `render` of Terraform root modules (a directory, or `.tf` files
//! read with the rest of their directory); see [`super::root_module`].

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use super::input::{CliError, LevelArgs};
use super::offline::{plan_table, read_bases, write_rendered, Failing, PlanFormat};
use super::output;
use super::report;
use super::root_module::{analyse, module_inputs, AnalysedModule, VariableArgs};
use super::secrets;
use crate::diagnostics::{RuleLevels, Severity};

/// The module blocks of a root module, each with its plan.
pub(crate) fn plan(
    path: &str,
    vars: &VariableArgs,
    format: PlanFormat,
    levels: &LevelArgs,
) -> Result<ExitCode, CliError> {
    let module = analysed(path, vars, &levels.levels()?)?;
    let plans: Vec<_> = module
        .analysis
        .documents()
        .filter(|(file, _)| module.shown(&file.name))
        .collect();
    if plans.is_empty() {
        nothing_to_plan(path, &module);
        return Ok(ExitCode::from(1));
    }
    let shown_errors = module
        .linted_files()
        .iter()
        .any(|f| crate::diagnostics::has_errors(&f.diagnostics));
    // With errors the plans are still shown, the values they touch marked: the tables
    // on standard output, the diagnostics on standard error (as for a single file).
    if shown_errors {
        report_files(&module, |_| true);
    }
    let mut notes = Vec::new();
    let mut json = Vec::new();
    for (i, (file, doc)) in plans.iter().enumerate() {
        let name = doc.name.as_deref().unwrap_or("-");
        let where_ = format!("module.{name} ({})", module.path_of(&file.name));
        let Some(plan) = &doc.plan else {
            // No counts: the plan cannot be made without Terraform's values.
            let text = module.text_of(&file.name);
            let errors = crate::expression_errors(&doc.config, "the plan");
            super::offline::report_errors(&module.path_of(&file.name), text, errors);
            return Ok(ExitCode::from(1));
        };
        if !doc.config.expressions.is_empty() {
            notes.push(format!(
                "note: {where_} has {} Terraform expression(s) whose values are unknown (set them with --var or --var-file); what depends on them is shown as `-`",
                doc.config.expressions.len()
            ));
        }
        match format {
            PlanFormat::Table => {
                if plans.len() > 1 {
                    if i > 0 {
                        output::println("");
                    }
                    output::println(&format!("# {where_}"));
                }
                let failing = Failing::of(Some(&doc.config), &file.analysis.diagnostics);
                output::print(&plan_table(plan, &failing));
            }
            PlanFormat::Json => json.push(serde_json::json!({
                "module": name,
                "file": module.path_of(&file.name),
                "plan": plan,
            })),
        }
    }
    if format == PlanFormat::Json {
        // One module block: its plan, as for a single file; several: a list.
        let out = match json.len() {
            1 => json.remove(0)["plan"].take(),
            _ => serde_json::Value::Array(json),
        };
        output::println(&serde_json::to_string_pretty(&out)?);
    }
    for note in notes {
        output::eprintln(&note);
    }
    Ok(if shown_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Each module block's patches: under `out/<node>/`, or `out/<module>/<node>/` when the
/// root module has several module blocks.
pub(crate) fn render(
    path: &str,
    vars: &VariableArgs,
    out: &Path,
    base_dir: Option<&Path>,
    secrets: Option<&Path>,
    levels: &LevelArgs,
) -> Result<ExitCode, CliError> {
    let module = analysed(path, vars, &levels.levels()?)?;
    let plans = match module.analysis.complete_plans("rendering the patches") {
        Ok(plans) => plans,
        Err(problems) => {
            for (file, diagnostics) in problems {
                let text = module.text_of(&file.name);
                super::offline::report_errors(&module.path_of(&file.name), text, diagnostics);
            }
            return Ok(ExitCode::from(1));
        }
    };
    let plans: Vec<_> = plans
        .into_iter()
        .filter(|(file, _, _)| module.shown(&file.name))
        .collect();
    if plans.is_empty() {
        nothing_to_plan(path, &module);
        return Ok(ExitCode::from(1));
    }
    let bundle = secrets.map(secrets::load_bundle).transpose()?;
    let several = plans.len() > 1;
    for (_, doc, plan) in plans {
        let nodes = crate::render::render(&doc.config, plan)?;
        let dir = match (&doc.name, several) {
            (Some(name), true) => out.join(name),
            _ => out.to_path_buf(),
        };
        let bases = read_bases(base_dir, Some(&doc.config))?;
        let complete = match &bundle {
            Some(bundle) => Some(crate::machine_configs_of(
                &doc.config,
                plan,
                bundle,
                secrets::unix_now(),
                secrets::os_seed()?,
            )?),
            None => None,
        };
        write_rendered(&nodes, &dir, bases.as_ref(), complete.as_ref())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Says that there is no module block to plan, and where the root module has some.
fn nothing_to_plan(path: &str, module: &AnalysedModule) {
    report_files(module, |d| {
        d.severity == Severity::Error || d.rule == crate::Rule::NothingToCheck
    });
    let elsewhere: Vec<String> = module
        .analysis
        .documents()
        .map(|(file, _)| module.path_of(&file.name))
        .collect();
    let hint = if elsewhere.is_empty() {
        String::new()
    } else {
        format!(
            "; the root module's module blocks are in {} (`talos-planner plan {}`)",
            elsewhere.join(", "),
            module.dir.display()
        )
    };
    output::eprintln(&format!(
        "{path}: nothing to plan: no module block for {}{hint}",
        crate::config::hcl::MODULE_SOURCE
    ));
}

fn analysed(
    path: &str,
    vars: &VariableArgs,
    levels: &RuleLevels,
) -> Result<AnalysedModule, CliError> {
    let input = module_inputs(std::iter::once(path))
        .into_iter()
        .next()
        .ok_or_else(|| CliError::Usage(format!("{path} is not a Terraform root module")))?;
    analyse(input, vars, levels)
}

/// Prints the shown files' diagnostics (those `keep` selects) to stderr.
fn report_files(module: &AnalysedModule, keep: impl Fn(&crate::Diagnostic) -> bool) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut files = module.linted_files();
    for f in &mut files {
        f.diagnostics.retain(&keep);
    }
    output::eprint(&report::human(&files, color));
}
