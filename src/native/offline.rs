//! The commands that need no cluster: lint, plan, render, rules, example.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::ValueEnum;

use super::input::{
    format_for, load, read_bytes, read_source, CliError, InputArgs, LevelArgs, SourceArgs,
};
use super::output;
use super::private_file::Existing;
use super::report::{self, LintedFile};
use super::root_module::{analyse, module_inputs, no_module_for_vars, VariableArgs};
use super::secrets;
use super::table::aligned;
use super::walk::{self, Target};
use crate::analyze_with;
use crate::diagnostics::{has_errors, Severity, Span};
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

/// `modules`: the files of Terraform root modules, already linted (see
/// `terraform_commands`), reported before `files`.
pub(crate) fn lint(
    files: &[String],
    format: LintFormat,
    strict: bool,
    input: &InputArgs,
    levels: &LevelArgs,
    vars: &VariableArgs,
) -> Result<ExitCode, CliError> {
    let levels = levels.levels()?;
    let (targets, mut unreadable) = walk::targets(files);
    for e in &unreadable {
        output::eprintln(&format!("error: {e}"));
    }
    let mut linted = Vec::new();
    let mut skipped = 0usize;
    let mut check = |path: &str, named: bool| match read_bytes(path) {
        Ok(bytes) => {
            let (text, diagnostics) = match crate::config::text_from_bytes(&bytes) {
                Ok(text) => {
                    let format = format_for(path, text, input);
                    if !named && !walk::is_cluster_config(text, format) {
                        skipped += 1;
                        return;
                    }
                    (text.to_owned(), crate::lint_with(text, format, &levels))
                }
                // Not text: one diagnostic (shown against the lossy text), not an I/O error.
                Err(d) => (String::from_utf8_lossy(&bytes).into_owned(), vec![d]),
            };
            linted.push(LintedFile {
                path: path.to_owned(),
                text,
                diagnostics,
            });
        }
        // Reported at once; the other files are still checked.
        Err(e) => {
            output::eprintln(&format!("error: {e}"));
            unreadable.push(e);
        }
    };
    // Terraform root modules (directories holding `.tf` files, and `.tf` files named,
    // each read with its directory) are read as wholes after the other files.
    let mut modules: Vec<&str> = Vec::new();
    for target in &targets {
        match target {
            Target::File { path, named } => check(path, *named),
            Target::Terraform { path } => modules.push(path),
        }
    }
    if modules.is_empty() && !vars.is_empty() {
        return Err(no_module_for_vars());
    }
    for input in module_inputs(modules.into_iter()) {
        match analyse(input, vars, &levels) {
            Ok(module) => linted.extend(module.linted_files()),
            Err(e) => {
                output::eprintln(&format!("error: {e}"));
                unreadable.push(e);
            }
        }
    }
    let out = match format {
        LintFormat::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let mut text = report::human(&linted, color);
            text.push_str(&summary(&linted, skipped));
            text
        }
        LintFormat::Json => serde_json::to_string_pretty(&report::json(&linted))? + "\n",
        LintFormat::Sarif => report::sarif(&linted)? + "\n",
        LintFormat::Github => report::github(&linted),
    };
    output::print(&out);
    if !unreadable.is_empty() {
        let n = unreadable.len();
        output::eprintln(&format!(
            "error: {n} {} could not be read",
            if n == 1 { "path" } else { "paths" }
        ));
        return Ok(ExitCode::from(2));
    }
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

fn summary(files: &[LintedFile], skipped: usize) -> String {
    let count = |s: Severity| {
        files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .filter(|d| d.severity == s)
            .count()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let notes = count(Severity::Info) + count(Severity::Hint);
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    // Notes are not problems: counted apart.
    let mut tail = String::new();
    if notes > 0 {
        tail.push_str(&format!(" ({})", plural(notes, "note")));
    }
    if skipped > 0 {
        tail.push_str(&format!(
            "; {} skipped (not cluster configs)",
            plural(skipped, "file")
        ));
    }
    // What was not checked is said, so that silence is never taken for a clean bill.
    let fired = |rule: crate::Rule| {
        files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .filter(|d| d.rule == rule)
            .count()
    };
    let mut unchecked = Vec::new();
    let nothing = fired(crate::Rule::NothingToCheck);
    if nothing > 0 {
        unchecked.push(format!("{} with nothing to check", plural(nothing, "file")));
    }
    let unknown = fired(crate::Rule::UnknownValues);
    if unknown > 0 {
        unchecked.push(format!(
            "{} with values unknown until Terraform runs (rules that need them were skipped)",
            plural(unknown, "config")
        ));
    }
    let unchecked = if unchecked.is_empty() {
        String::new()
    } else {
        format!("; {}", unchecked.join(", "))
    };
    if errors + warnings == 0 && unchecked.is_empty() {
        format!("{}: no problems found{tail}\n", plural(files.len(), "file"))
    } else {
        format!(
            "{} checked: {}, {}{unchecked}{tail}\n",
            plural(files.len(), "file"),
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    }
}

/// Prints the diagnostics of a config to stderr, rustc-style.
pub(crate) fn report_errors(name: &str, text: &str, diagnostics: Vec<crate::Diagnostic>) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let file = LintedFile {
        path: name.to_owned(),
        text: text.to_owned(),
        diagnostics,
    };
    output::eprint(&report::human(std::slice::from_ref(&file), color));
}

pub(crate) fn plan(
    source: &SourceArgs,
    format: PlanFormat,
    levels: &LevelArgs,
) -> Result<ExitCode, CliError> {
    let levels = levels.levels()?;
    let (text, name, input) = load(source)?;
    let analysis = analyze_with(&text, input, &levels);
    let errors = has_errors(&analysis.diagnostics);
    let Some(plan) = analysis.plan.as_ref() else {
        // No errors but no plan: node counts that are Terraform expressions.
        let diagnostics = match &analysis.config {
            Some(config) if !errors => crate::expression_errors(config, "the plan"),
            _ => analysis.diagnostics,
        };
        report_errors(&name, &text, diagnostics);
        return Ok(ExitCode::from(1));
    };
    // With errors the plan is still shown, the values they touch marked: the table on
    // standard output, the diagnostics on standard error.
    let failing = Failing::new(&analysis);
    if errors {
        report_errors(&name, &text, analysis.diagnostics.clone());
    }
    if let Some(config) = &analysis.config {
        if !config.expressions.is_empty() {
            output::eprintln(&format!(
                "note: {name} has {} Terraform expression(s); what depends on them is shown as `-`",
                config.expressions.len()
            ));
        }
    }
    match format {
        PlanFormat::Json => output::println(&serde_json::to_string_pretty(plan)?),
        PlanFormat::Table => output::print(&plan_table(plan, &failing)),
    }
    Ok(if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Where a config's errors are, for marking the plan's values they touch.
#[derive(Debug, Default)]
pub struct Failing {
    spans: Vec<Span>,
    /// The cluster name's span (hostnames come from it).
    name: Option<Span>,
    /// An error about the VIP.
    vip: bool,
}

impl Failing {
    pub fn new(analysis: &crate::Analysis) -> Failing {
        Failing::of(analysis.config.as_ref(), &analysis.diagnostics)
    }

    /// What the errors among `diagnostics` touch in `config`'s plan.
    pub fn of(config: Option<&crate::Config>, diagnostics: &[crate::Diagnostic]) -> Failing {
        let errors: Vec<&crate::Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        Failing {
            spans: errors.iter().map(|d| d.span).collect(),
            name: config
                .and_then(|c| c.cluster.name.known())
                .filter(|n| n.explicit)
                .map(|n| n.span),
            vip: errors
                .iter()
                .any(|d| crate::rules::info(d.rule).category == crate::rules::Category::Vip),
        }
    }

    /// Whether an error touches the text at `span` (a value the plan took).
    fn at(&self, span: Option<Span>) -> bool {
        span.is_some_and(|s| {
            self.spans.iter().any(|e| {
                (e.start < s.end && s.start < e.end)
                    || (e.is_empty() && s.start <= e.start && e.start < s.end.max(s.start + 1))
            })
        })
    }
}

/// What marks a value an error touches.
const MARK: &str = "!";

/// The plan as an aligned text table with the endpoint above it; values that an error
/// touches are marked with `!`, values not known are `-`.
pub fn plan_table(plan: &Plan, failing: &Failing) -> String {
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    let mark = |value: String, bad: bool| if bad { format!("{value}{MARK}") } else { value };
    let mut out = String::new();
    out.push_str(&format!(
        "cluster     {}\nendpoint    {}\nHA VIP      {}\n\n",
        mark(or_dash(plan.cluster_name.clone()), failing.at(failing.name)),
        or_dash(plan.cluster_endpoint.clone()),
        mark(
            match (plan.ha_vip_enabled, plan.ha_vip) {
                (true, Some(vip)) => format!(
                    "{vip} on {} (enabled: {} control planes)",
                    or_dash(plan.ha_vip_interface.clone()),
                    plan.talos_endpoints.len()
                ),
                (true, None) => "enabled, address unknown".into(),
                (false, _) => "disabled (one control plane)".into(),
            },
            failing.vip
        )
    ));
    let header = [
        "NODE", "ROLE", "HOSTNAME", "VM ID", "PROXMOX", "ADDRESS", "GATEWAY", "VLAN", "CPU",
        "MEMORY", "DISK",
    ];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|s| (*s).to_owned()).collect()];
    let none = crate::plan::NodeOrigin::default();
    for (i, n) in plan.nodes.iter().enumerate() {
        let o = plan.origins.get(i).unwrap_or(&none);
        rows.push(vec![
            n.key.clone(),
            match n.role {
                crate::config::RoleKind::Controlplane => "controlplane".into(),
                crate::config::RoleKind::Worker => "worker".into(),
            },
            mark(or_dash(n.hostname.clone()), failing.at(failing.name)),
            mark(or_dash(n.vm_id.map(|v| v.to_string())), failing.at(o.vm_id)),
            mark(or_dash(n.proxmox_node.clone()), failing.at(o.proxmox_node)),
            mark(
                match (n.ip_address, n.prefix) {
                    (Some(ip), Some(p)) => format!("{ip}/{p}"),
                    (Some(ip), None) => ip.to_string(),
                    _ => "-".into(),
                },
                failing.at(o.ip_address) || failing.at(o.cidr),
            ),
            mark(
                or_dash(n.gateway.map(|g| g.to_string())),
                failing.at(o.gateway),
            ),
            mark(
                or_dash(n.vlan_id.map(|v| v.to_string())),
                failing.at(o.vlan_id),
            ),
            mark(or_dash(n.cpu.map(|v| v.to_string())), failing.at(o.cpu)),
            mark(
                or_dash(n.memory.map(|v| format!("{v} MiB"))),
                failing.at(o.memory),
            ),
            mark(
                or_dash(n.disk.map(|v| format!("{v} GiB"))),
                failing.at(o.disk),
            ),
        ]);
    }
    out.push_str(&aligned(&rows));
    let image = plan.image.as_ref();
    out.push_str(&format!(
        "\nimage       {}\ninstaller   {}\n",
        or_dash(image.and_then(|i| i.disk_image_url.clone())),
        or_dash(image.and_then(|i| i.installer_image.clone())),
    ));
    if failing.vip || rows.iter().flatten().any(|cell| cell.ends_with(MARK)) {
        out.push_str(&format!(
            "\n{MARK} marks a value with an error (the diagnostics are on standard error)\n"
        ));
    }
    out
}

pub(crate) fn render(
    source: &SourceArgs,
    out: &Path,
    base_dir: Option<&Path>,
    secrets: Option<&Path>,
    levels: &LevelArgs,
) -> Result<ExitCode, CliError> {
    let levels = levels.levels()?;
    let (text, name, input) = load(source)?;
    let nodes = match crate::render_with(&text, input, &levels) {
        Ok(nodes) => nodes,
        Err(crate::RenderFailure::Diagnostics(diagnostics)) => {
            report_errors(&name, &text, diagnostics);
            return Ok(ExitCode::from(1));
        }
        Err(crate::RenderFailure::Render(e)) => return Err(e.into()),
    };
    let config = crate::analyze(&text, input).config;
    let bases = read_bases(base_dir, config.as_ref())?;
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
    write_rendered(&nodes, out, bases.as_ref(), complete.as_ref())
}

/// The `controlplane.yaml` and `worker.yaml` of `talosctl gen config` in `base_dir`,
/// refused when they were made for another Talos release than `config`'s.
pub(crate) fn read_bases(
    base_dir: Option<&Path>,
    config: Option<&crate::Config>,
) -> Result<Option<(String, String)>, CliError> {
    let Some(dir) = base_dir else {
        return Ok(None);
    };
    let version = config
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
    Ok(Some((read("controlplane.yaml")?, read("worker.yaml")?)))
}

/// Writes each node's patches under `out/<node>/`, with its machine config merged into
/// `bases` or made complete from a secrets bundle (0600: they hold keys and tokens),
/// and then the talosconfig.
pub(crate) fn write_rendered(
    nodes: &[crate::RenderedNode],
    out: &Path,
    bases: Option<&(String, String)>,
    complete: Option<&crate::MachineConfigs>,
) -> Result<ExitCode, CliError> {
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
    let write_secret =
        |path: &Path, content: &str| secrets::write_secret(path, content, Existing::Replace);
    let mut written = 0;
    for node in nodes {
        let dir = out.join(&node.key);
        for patch in &node.patches {
            write(&dir.join(&patch.name), &patch.content)?;
            written += 1;
        }
        if let Some((cp, worker)) = bases {
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
        if let Some(configs) = complete {
            if let Some(c) = configs.nodes.iter().find(|c| c.key == node.key) {
                write_secret(&dir.join("config.yaml"), &c.config)?;
                written += 1;
            }
        }
    }
    if let Some(configs) = complete {
        write_secret(&out.join("talosconfig"), &configs.talosconfig)?;
        written += 1;
    }
    output::eprintln(&format!(
        "wrote {written} files for {} nodes to {}",
        nodes.len(),
        out.display()
    ));
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
        RulesFormat::Json => output::println(&serde_json::to_string_pretty(&selected)?),
        RulesFormat::Markdown => output::print(&crate::rules::docs::markdown_table()),
        RulesFormat::Text => {
            let mut text = String::new();
            for r in &selected {
                if id.is_some() {
                    text.push_str(&crate::rules::docs::explain(r));
                } else {
                    text.push_str(&format!(
                        "{:<28} {:<8} {}\n",
                        r.id,
                        r.severity.as_str(),
                        r.summary
                    ));
                }
            }
            if id.is_none() {
                text.push_str(&format!("\n{}", crate::rules::docs::silencing()));
            }
            output::print(&text);
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn example(name: Option<&str>) -> Result<ExitCode, CliError> {
    match name {
        None => {
            let list: String = crate::examples::EXAMPLES
                .iter()
                .map(|(name, file, _)| format!("{name:<22} {file}\n"))
                .collect();
            output::print(&list);
        }
        Some(name) => {
            let (_, text) = crate::examples::example(name)
                .ok_or_else(|| CliError::Usage(format!("no built-in example `{name}`")))?;
            output::print(text);
        }
    }
    Ok(ExitCode::SUCCESS)
}
