//! talos-planner: plans and validates Talos Linux Kubernetes clusters on Proxmox VE,
//! with a shared virtual IP for the Kubernetes API when there is more than one control
//! plane.
//!
//! Data flows one way: text -> [`config`] (with spans) -> [`plan`] -> [`rules`] ->
//! diagnostics, and [`render`] for the Talos patches. This crate root is the whole
//! public API; the WASM facade and the native binary only convert at the edges.

pub mod config;
pub mod diagnostics;
pub mod diff;
pub mod edit;
pub mod examples;
pub mod export;
mod fix_check;
pub mod hover;
mod order;
pub mod plan;
pub mod render;
pub mod rules;
mod schema;
#[cfg(feature = "secrets")]
pub mod secrets;
pub mod spread;
#[cfg(feature = "hcl")]
pub mod terraform;

#[cfg(feature = "native")]
pub mod native;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use config::{Config, Format};
pub use diagnostics::{
    Diagnostic, Fix, Level, LineIndex, Position, PositionEncoding, Rule, RuleLevels, Severity,
    Span, TextEdit,
};
pub use plan::Plan;
pub use render::{RenderError, RenderedNode, RenderedPatch};
pub use rules::RuleInfo;

/// Everything known about one config: the first (usually the only) one in a text.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub config: Option<Config>,
    pub plan: Option<Plan>,
    /// Every diagnostic of the text, sorted by position; see [`diagnostics::normalize`].
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        diagnostics::has_errors(&self.diagnostics)
    }
}

/// One config of a text and its plan: the whole file for YAML and JSON, one per
/// `module` block of a Terraform file.
#[derive(Debug, Clone)]
pub struct Document {
    /// The module block's name, for Terraform files.
    pub name: Option<String>,
    /// Where the config is in the text.
    pub span: Span,
    pub config: Config,
    pub plan: Option<Plan>,
}

/// Everything known about a text that may hold several configs.
#[derive(Debug, Clone, Default)]
pub struct FileAnalysis {
    pub documents: Vec<Document>,
    /// Every diagnostic of every config, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl FileAnalysis {
    pub fn has_errors(&self) -> bool {
        diagnostics::has_errors(&self.diagnostics)
    }

    /// The config whose text contains `offset` (for hovers and code actions).
    pub fn document_at(&self, offset: usize) -> Option<&Document> {
        self.documents
            .iter()
            .find(|d| d.span.start <= offset && offset <= d.span.end)
    }
}

/// Reads, plans and checks every config in a text (ignore comments apply; every rule at
/// its default level).
pub fn analyze_file(text: &str, format: Format) -> FileAnalysis {
    analyze_file_with(text, format, &RuleLevels::default())
}

/// [`analyze_file`] with the user's rule levels (`--allow/--warn/--deny`, editor
/// settings), applied after the file's ignore comments: `rules::control`, the one place
/// every surface goes through.
pub fn analyze_file_with(text: &str, format: Format, levels: &RuleLevels) -> FileAnalysis {
    let mut file = analyze_untried(text, format, levels);
    fix_check::drop_unfinished(text, &mut file.diagnostics, |fixed| {
        analyze_untried(fixed, format, levels).diagnostics
    });
    file
}

/// Everything of [`analyze_file_with`] but trying the fixes that depend on the whole
/// config (`fix_check`). Never inlined: it has two callers, and the whole pipeline
/// inlined twice would add its size twice to the WASM package.
#[inline(never)]
fn analyze_untried(text: &str, format: Format, levels: &RuleLevels) -> FileAnalysis {
    analyze_parsed(text, format, config::parse_file(text, format), levels)
}

/// Plans and checks the configs read from a text, then applies the file's ignore
/// comments and the user's rule levels. Terraform input also gets the checks of where
/// the module's code differs from the plan, and what was resolved from a variable says
/// where its value came from (and offers no fix: it is not written here).
pub(crate) fn analyze_parsed(
    text: &str,
    format: Format,
    parsed: config::ParsedFile,
    levels: &RuleLevels,
) -> FileAnalysis {
    let ignores = parsed.ignores;
    let mut diagnostics = parsed.diagnostics;
    let documents: Vec<Document> = parsed
        .documents
        .into_iter()
        .map(|doc| {
            let (plan, mut more) = plan::plan(&doc.config);
            more.extend(rules::check(text, &doc.config, plan.as_ref()));
            // Terraform input only reaches here with the `hcl` feature; the page's
            // YAML-only package leaves these checks out.
            #[cfg(feature = "hcl")]
            if format == Format::Hcl {
                more.extend(rules::module_code::check(text, &doc.config, plan.as_ref()));
                config::attribute_resolved(&mut more, &doc.resolved);
            }
            diagnostics.extend(more);
            Document {
                name: doc.name,
                span: doc.span,
                config: doc.config,
                plan,
            }
        })
        .collect();
    rules::control::apply(&ignores, levels, &mut diagnostics);
    // After the user's choices, so a silenced rule costs nothing.
    let configs: Vec<(Span, &Config)> = documents.iter().map(|d| (d.span, &d.config)).collect();
    spread::offer_fixes(text, format, &configs, &mut diagnostics);
    diagnostics::normalize(&mut diagnostics);
    FileAnalysis {
        documents,
        diagnostics,
    }
}

/// Reads, plans and checks a config (the first one, for a Terraform file with several
/// module blocks; its diagnostics still cover them all).
pub fn analyze(text: &str, format: Format) -> Analysis {
    analyze_with(text, format, &RuleLevels::default())
}

/// [`analyze`] with the user's rule levels.
pub fn analyze_with(text: &str, format: Format, levels: &RuleLevels) -> Analysis {
    let file = analyze_file_with(text, format, levels);
    let (config, plan) = match file.documents.into_iter().next() {
        Some(doc) => (Some(doc.config), doc.plan),
        None => (None, None),
    };
    Analysis {
        config,
        plan,
        diagnostics: file.diagnostics,
    }
}

/// The diagnostics of a config.
pub fn lint(text: &str, format: Format) -> Vec<Diagnostic> {
    analyze_file(text, format).diagnostics
}

/// The diagnostics of a config, with the user's rule levels.
pub fn lint_with(text: &str, format: Format, levels: &RuleLevels) -> Vec<Diagnostic> {
    analyze_file_with(text, format, levels).diagnostics
}

/// The live preflight of a config without errors against a Proxmox cluster's
/// inventory (see [`rules::live`]); the config's own diagnostics when it has errors.
pub fn preflight(
    text: &str,
    format: Format,
    inventory: &rules::live::Inventory,
) -> Vec<Diagnostic> {
    match complete_plan(text, format, "the preflight") {
        Ok((config, plan)) => preflight_of(text, format, &config, &plan, inventory),
        Err(diagnostics) => diagnostics,
    }
}

/// The live preflight of `config` and `plan`, read from `text`: the text's ignore
/// comments silence what they name (`# talos-planner: ignore[datastore-full] thin pool`).
pub fn preflight_of(
    text: &str,
    format: Format,
    config: &Config,
    plan: &Plan,
    inventory: &rules::live::Inventory,
) -> Vec<Diagnostic> {
    let mut found = rules::live::preflight(config, plan, inventory);
    if !found.is_empty() {
        let ignores = config::parse_file(text, format).ignores;
        rules::control::silence(&ignores, &mut found);
    }
    found
}

/// Why patches were not rendered.
#[derive(Debug, Clone, thiserror::Error)]
pub enum RenderFailure {
    #[error("the config has errors")]
    Diagnostics(Vec<Diagnostic>),
    #[error(transparent)]
    Render(#[from] RenderError),
}

/// One error per Terraform expression in the config, for what needs every value
/// (`needs`: "rendering the patches", "apply"). Lint stays silent about expressions, as
/// it must; rendering and provisioning cannot guess what Terraform would compute.
pub fn expression_errors(config: &Config, needs: &str) -> Vec<Diagnostic> {
    config
        .expressions
        .iter()
        .map(|e| {
            let text: String = e.value.chars().take(60).collect();
            let more = if text.len() < e.value.len() { "…" } else { "" };
            Diagnostic::new(
                Rule::InvalidValue,
                e.span,
                format!(
                    "`{text}{more}` is a Terraform expression, known only when Terraform runs; {needs} needs its value written out"
                ),
            )
        })
        .collect()
}

/// The config and plan of a text that has no errors and no Terraform expressions: what
/// rendering and provisioning start from (`needs` names them in the expressions'
/// errors). Otherwise the diagnostics that say why not.
pub fn complete_plan(
    text: &str,
    format: Format,
    needs: &str,
) -> Result<(Config, Plan), Vec<Diagnostic>> {
    complete_plan_with(text, format, needs, &RuleLevels::default())
}

/// [`complete_plan`] with the user's rule levels: an error they allowed does not stop it.
pub fn complete_plan_with(
    text: &str,
    format: Format,
    needs: &str,
    levels: &RuleLevels,
) -> Result<(Config, Plan), Vec<Diagnostic>> {
    let analysis = analyze_with(text, format, levels);
    if analysis.has_errors() {
        return Err(analysis.diagnostics);
    }
    match (analysis.config, analysis.plan) {
        (Some(config), _) if !config.expressions.is_empty() => {
            Err(expression_errors(&config, needs))
        }
        (Some(config), Some(plan)) => Ok((config, plan)),
        _ => Err(analysis.diagnostics),
    }
}

/// The per-node Talos patches of a config without errors.
pub fn render(text: &str, format: Format) -> Result<Vec<RenderedNode>, RenderFailure> {
    render_with(text, format, &RuleLevels::default())
}

/// [`render`] with the user's rule levels.
pub fn render_with(
    text: &str,
    format: Format,
    levels: &RuleLevels,
) -> Result<Vec<RenderedNode>, RenderFailure> {
    let (config, plan) = complete_plan_with(text, format, "rendering the patches", levels)
        .map_err(RenderFailure::Diagnostics)?;
    Ok(render::render(&config, &plan)?)
}

/// Every node's complete machine config and the talosconfig, made from a secrets bundle.
#[cfg(feature = "secrets")]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MachineConfigs {
    pub nodes: Vec<render::machine_config::CompleteNode>,
    /// The client config for `talosctl` (an admin certificate: a secret).
    pub talosconfig: String,
}

/// The complete machine configs of a config without errors, from `bundle`: what
/// `apply` sends and `render --secrets` writes. `now` and `seed` make the
/// talosconfig's admin certificate (the core has no clock and no randomness).
#[cfg(feature = "secrets")]
pub fn machine_configs(
    text: &str,
    format: Format,
    bundle: &secrets::SecretsBundle,
    now: secrets::UnixTime,
    seed: [u8; 32],
) -> Result<MachineConfigs, RenderFailure> {
    let (config, plan) = complete_plan(text, format, "making the machine configs")
        .map_err(RenderFailure::Diagnostics)?;
    Ok(machine_configs_of(&config, &plan, bundle, now, seed)?)
}

/// [`machine_configs`] of a config and plan already known to be complete (a module
/// block of a Terraform root module, say).
#[cfg(feature = "secrets")]
pub fn machine_configs_of(
    config: &Config,
    plan: &Plan,
    bundle: &secrets::SecretsBundle,
    now: secrets::UnixTime,
    seed: [u8; 32],
) -> Result<MachineConfigs, RenderError> {
    let version = render::talos_version(config)?;
    let rendered = render::render(config, plan)?;
    Ok(MachineConfigs {
        nodes: render::machine_config::complete_configs(plan, &version, &rendered, bundle)?,
        talosconfig: render::machine_config::talosconfig(plan, bundle, now, seed)?,
    })
}

/// The JSON Schema (draft-07) of the config.
pub fn schema() -> serde_json::Value {
    schema::schema()
}

/// The rule catalogue.
pub fn rules() -> &'static [RuleInfo] {
    rules::RULES
}

/// This crate's version.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
