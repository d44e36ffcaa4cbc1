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
pub mod hover;
pub mod plan;
pub mod render;
pub mod rules;
mod schema;

#[cfg(feature = "native")]
pub mod native;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use config::{Config, Format};
pub use diagnostics::{
    Diagnostic, Fix, LineIndex, Position, PositionEncoding, Rule, Severity, Span, TextEdit,
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

/// Reads, plans and checks every config in a text.
pub fn analyze_file(text: &str, format: Format) -> FileAnalysis {
    let parsed = config::parse_file(text, format);
    let mut diagnostics = parsed.diagnostics;
    let documents = parsed
        .documents
        .into_iter()
        .map(|doc| {
            let (plan, more) = plan::plan(&doc.config);
            diagnostics.extend(more);
            diagnostics.extend(rules::check(text, &doc.config, plan.as_ref()));
            Document {
                name: doc.name,
                span: doc.span,
                config: doc.config,
                plan,
            }
        })
        .collect();
    diagnostics::normalize(&mut diagnostics);
    FileAnalysis {
        documents,
        diagnostics,
    }
}

/// Reads, plans and checks a config (the first one, for a Terraform file with several
/// module blocks; its diagnostics still cover them all).
pub fn analyze(text: &str, format: Format) -> Analysis {
    let file = analyze_file(text, format);
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

/// The live preflight of a config without errors against a Proxmox cluster's
/// inventory (see [`rules::live`]); the config's own diagnostics when it has errors.
pub fn preflight(
    text: &str,
    format: Format,
    inventory: &rules::live::Inventory,
) -> Vec<Diagnostic> {
    match complete_plan(text, format, "the preflight") {
        Ok((config, plan)) => rules::live::preflight(&config, &plan, inventory),
        Err(diagnostics) => diagnostics,
    }
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
    let analysis = analyze(text, format);
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
    let (config, plan) =
        complete_plan(text, format, "rendering the patches").map_err(RenderFailure::Diagnostics)?;
    Ok(render::render(&config, &plan)?)
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
