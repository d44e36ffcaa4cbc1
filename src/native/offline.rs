//! The commands that need no cluster: lint, plan, render, rules, example.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::ValueEnum;

use super::input::{format_for, load, read_bytes, read_source, CliError, InputArgs, SourceArgs};
use super::private_file::Existing;
use super::report::{self, LintedFile};
use super::secrets;
use super::table::aligned;
use crate::analyze;
use crate::diagnostics::{has_errors, Severity};
use crate::plan::Plan;
use crate::render::{machine_config, merge};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
    Markdown,
}

pub(crate) fn lint(
    files: &[String],
    format: LintFormat,
    strict: bool,
    input: &InputArgs,
) -> Result<ExitCode, CliError> {
    let mut linted = Vec::new();
    for path in files {
        let bytes = read_bytes(path)?;
        let (text, diagnostics) = match crate::config::text_from_bytes(&bytes) {
            Ok(text) => (
                text.to_owned(),
                crate::lint(text, format_for(path, text, input)),
            ),
            // Not text: one diagnostic (shown against the lossy text), not an I/O error.
            Err(d) => (String::from_utf8_lossy(&bytes).into_owned(), vec![d]),
        };
        linted.push(LintedFile {
            path: path.clone(),
            text,
            diagnostics,
        });
    }
    let out = match format {
        LintFormat::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let mut text = report::human(&linted, color);
            text.push_str(&summary(&linted));
            text
        }
        LintFormat::Json => serde_json::to_string_pretty(&report::json(&linted))? + "\n",
        LintFormat::Sarif => report::sarif(&linted)? + "\n",
        LintFormat::Github => report::github(&linted),
    };
    print!("{out}");
    let failed = linted.iter().any(|f| {
        f.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error || (strict && d.severity == Severity::Warning))
    });
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn summary(files: &[LintedFile]) -> String {
    let count = |s: Severity| {
        files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .filter(|d| d.severity == s)
            .count()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if errors + warnings == 0 {
        format!("{}: no problems found\n", plural(files.len(), "file"))
    } else {
        format!(
            "{} checked: {}, {}\n",
            plural(files.len(), "file"),
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    }
}

/// Prints the diagnostics of a config that has errors to stderr, rustc-style.
fn report_errors(name: &str, text: &str, diagnostics: Vec<crate::Diagnostic>) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let file = LintedFile {
        path: name.to_owned(),
        text: text.to_owned(),
        diagnostics,
    };
    eprint!("{}", report::human(std::slice::from_ref(&file), color));
}

pub(crate) fn plan(source: &SourceArgs, format: PlanFormat) -> Result<ExitCode, CliError> {
    let (text, name, input) = load(source)?;
    let analysis = analyze(&text, input);
    let Some(plan) = analysis
        .plan
        .as_ref()
        .filter(|_| !has_errors(&analysis.diagnostics))
    else {
        // No errors but no plan: node counts that are Terraform expressions.
        let diagnostics = match &analysis.config {
            Some(config) if !has_errors(&analysis.diagnostics) => {
                crate::expression_errors(config, "the plan")
            }
            _ => analysis.diagnostics,
        };
        report_errors(&name, &text, diagnostics);
        return Ok(ExitCode::from(1));
    };
    if let Some(config) = &analysis.config {
        if !config.expressions.is_empty() {
            eprintln!(
                "note: {name} has {} Terraform expression(s); what depends on them is shown as `-`",
                config.expressions.len()
            );
        }
    }
    match format {
        PlanFormat::Json => println!("{}", serde_json::to_string_pretty(plan)?),
        PlanFormat::Table => print!("{}", plan_table(plan)),
    }
    Ok(ExitCode::SUCCESS)
}

/// The plan as an aligned text table with the endpoint above it.
pub fn plan_table(plan: &Plan) -> String {
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    let mut out = String::new();
    out.push_str(&format!(
        "cluster     {}\nendpoint    {}\nHA VIP      {}\n\n",
        or_dash(plan.cluster_name.clone()),
        or_dash(plan.cluster_endpoint.clone()),
        match (plan.ha_vip_enabled, plan.ha_vip) {
            (true, Some(vip)) => format!(
                "{vip} on {} (enabled: {} control planes)",
                or_dash(plan.ha_vip_interface.clone()),
                plan.talos_endpoints.len()
            ),
            (true, None) => "enabled, address unknown".into(),
            (false, _) => "disabled (one control plane)".into(),
        }
    ));
    let header = [
        "NODE", "ROLE", "HOSTNAME", "VM ID", "PROXMOX", "ADDRESS", "GATEWAY", "VLAN", "CPU",
        "MEMORY", "DISK",
    ];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|s| (*s).to_owned()).collect()];
    for n in &plan.nodes {
        rows.push(vec![
            n.key.clone(),
            match n.role {
                crate::config::RoleKind::Controlplane => "controlplane".into(),
                crate::config::RoleKind::Worker => "worker".into(),
            },
            or_dash(n.hostname.clone()),
            or_dash(n.vm_id.map(|v| v.to_string())),
            or_dash(n.proxmox_node.clone()),
            match (n.ip_address, n.prefix) {
                (Some(ip), Some(p)) => format!("{ip}/{p}"),
                (Some(ip), None) => ip.to_string(),
                _ => "-".into(),
            },
            or_dash(n.gateway.map(|g| g.to_string())),
            or_dash(n.vlan_id.map(|v| v.to_string())),
            or_dash(n.cpu.map(|v| v.to_string())),
            or_dash(n.memory.map(|v| format!("{v} MiB"))),
            or_dash(n.disk.map(|v| format!("{v} GiB"))),
        ]);
    }
    out.push_str(&aligned(&rows));
    if let Some(image) = &plan.image {
        out.push_str(&format!(
            "\nimage       {}\ninstaller   {}\n",
            image.disk_image_url, image.installer_image
        ));
    }
    out
}

pub(crate) fn render(
    source: &SourceArgs,
    out: &Path,
    base_dir: Option<&Path>,
    secrets: Option<&Path>,
) -> Result<ExitCode, CliError> {
    let (text, name, input) = load(source)?;
    let nodes = match crate::render(&text, input) {
        Ok(nodes) => nodes,
        Err(crate::RenderFailure::Diagnostics(diagnostics)) => {
            report_errors(&name, &text, diagnostics);
            return Ok(ExitCode::from(1));
        }
        Err(crate::RenderFailure::Render(e)) => return Err(e.into()),
    };
    let bases = match base_dir {
        Some(dir) => {
            let version = crate::analyze(&text, input)
                .config
                .and_then(|c| c.image.version.get().cloned())
                .and_then(|v| crate::plan::version::TalosVersion::parse(&v));
            let read = |file: &str| -> Result<String, CliError> {
                let path = dir.join(file);
                let base = read_source(&path.to_string_lossy())?;
                if let Some(version) = &version {
                    machine_config::check_base(&path.display().to_string(), &base, version)?;
                }
                Ok(base)
            };
            Some((read("controlplane.yaml")?, read("worker.yaml")?))
        }
        None => None,
    };
    let complete = match secrets {
        Some(path) => {
            let bundle = secrets::load_bundle(path)?;
            match crate::machine_configs(
                &text,
                input,
                &bundle,
                secrets::unix_now(),
                secrets::os_seed()?,
            ) {
                Ok(configs) => Some(configs),
                Err(crate::RenderFailure::Diagnostics(diagnostics)) => {
                    report_errors(&name, &text, diagnostics);
                    return Ok(ExitCode::from(1));
                }
                Err(crate::RenderFailure::Render(e)) => return Err(e.into()),
            }
        }
        None => None,
    };
    let write = |path: &Path, content: &str| -> Result<(), CliError> {
        let err = |source| CliError::Write {
            path: path.display().to_string(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(err)?;
        }
        std::fs::File::create(path)
            .and_then(|mut f| f.write_all(content.as_bytes()))
            .map_err(err)
    };
    // Machine configs and the talosconfig hold keys and tokens: 0600.
    let write_secret =
        |path: &Path, content: &str| secrets::write_secret(path, content, Existing::Replace);
    let mut written = 0;
    for node in &nodes {
        let dir = out.join(&node.key);
        for patch in &node.patches {
            write(&dir.join(&patch.name), &patch.content)?;
            written += 1;
        }
        if let Some((cp, worker)) = &bases {
            let (base, base_name) = match node.role {
                crate::config::RoleKind::Controlplane => (cp, "controlplane.yaml"),
                crate::config::RoleKind::Worker => (worker, "worker.yaml"),
            };
            let patches: Vec<&str> = node.patches.iter().map(|p| p.content.as_str()).collect();
            let merged = merge::apply_all(base, &patches).map_err(|source| CliError::Merge {
                node: node.key.clone(),
                base: base_name.into(),
                source,
            })?;
            write_secret(&dir.join("config.yaml"), &merged)?;
            written += 1;
        }
        if let Some(configs) = &complete {
            if let Some(c) = configs.nodes.iter().find(|c| c.key == node.key) {
                write_secret(&dir.join("config.yaml"), &c.config)?;
                written += 1;
            }
        }
    }
    if let Some(configs) = &complete {
        write_secret(&out.join("talosconfig"), &configs.talosconfig)?;
        written += 1;
    }
    eprintln!(
        "wrote {written} files for {} nodes to {}",
        nodes.len(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn rules(id: Option<&str>, format: RulesFormat) -> Result<ExitCode, CliError> {
    let selected: Vec<&crate::RuleInfo> = match id {
        Some(id) => vec![crate::rules::info(crate::Rule::from_id(id).ok_or_else(
            || CliError::Usage(format!("no rule `{id}`; `talos-planner rules` lists them")),
        )?)],
        None => crate::rules().iter().collect(),
    };
    match format {
        RulesFormat::Json => println!("{}", serde_json::to_string_pretty(&selected)?),
        RulesFormat::Markdown => print!("{}", crate::rules::docs::markdown_table()),
        RulesFormat::Text => {
            for r in &selected {
                if id.is_some() {
                    print!("{}", crate::rules::docs::explain(r));
                } else {
                    println!("{:<28} {:<8} {}", r.id, r.severity.as_str(), r.summary);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn example(name: Option<&str>) -> Result<ExitCode, CliError> {
    match name {
        None => {
            for (name, file, _) in crate::examples::EXAMPLES {
                println!("{name:<22} {file}");
            }
        }
        Some(name) => {
            let (_, text) = crate::examples::example(name)
                .ok_or_else(|| CliError::Usage(format!("no built-in example `{name}`")))?;
            print!("{text}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
