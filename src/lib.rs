//! talos-planner: plans and validates Talos Linux Kubernetes clusters on Proxmox VE,
//! with a shared virtual IP for the Kubernetes API when there is more than one control
//! plane.
//!
//! Data flows one way: text -> [`config`] (with spans) -> [`plan`] -> [`rules`] ->
//! diagnostics, and [`render`] for the Talos patches. This crate root is the whole
//! public API; the WASM facade and the native binary only convert at the edges.

pub mod config;
pub mod diagnostics;
pub mod examples;
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
    Diagnostic, Fix, LineIndex, Position, PositionEncoding, Severity, Span, TextEdit,
};
pub use plan::Plan;
pub use render::{RenderError, RenderedNode, RenderedPatch};
pub use rules::{Rule, RuleInfo};

/// Everything known about one config text.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub config: Option<Config>,
    pub plan: Option<Plan>,
    /// Sorted by position; see [`diagnostics::normalize`].
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        diagnostics::has_errors(&self.diagnostics)
    }
}

/// Reads, plans and checks a config.
pub fn analyze(text: &str, format: Format) -> Analysis {
    let parsed = config::parse(text, format);
    let mut diagnostics = parsed.diagnostics;
    let mut plan = None;
    if let Some(config) = &parsed.config {
        let (p, more) = plan::plan(config);
        diagnostics.extend(more);
        diagnostics.extend(rules::check(text, config, p.as_ref()));
        plan = p;
    }
    diagnostics::normalize(&mut diagnostics);
    Analysis {
        config: parsed.config,
        plan,
        diagnostics,
    }
}

/// The diagnostics of a config.
pub fn lint(text: &str, format: Format) -> Vec<Diagnostic> {
    analyze(text, format).diagnostics
}

/// Why patches were not rendered.
#[derive(Debug, Clone, thiserror::Error)]
pub enum RenderFailure {
    #[error("the config has errors")]
    Diagnostics(Vec<Diagnostic>),
    #[error(transparent)]
    Render(#[from] RenderError),
}

/// The per-node Talos patches of a config without errors.
pub fn render(text: &str, format: Format) -> Result<Vec<RenderedNode>, RenderFailure> {
    let analysis = analyze(text, format);
    if analysis.has_errors() {
        return Err(RenderFailure::Diagnostics(analysis.diagnostics));
    }
    match (&analysis.config, &analysis.plan) {
        (Some(config), Some(plan)) => Ok(render::render(config, plan)?),
        _ => Err(RenderFailure::Diagnostics(analysis.diagnostics)),
    }
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
