//! The rules: the catalogue of every diagnostic, and the checks that run on a decoded
//! config and its plan. Structural rules (syntax, unknown fields, types) fire in the
//! readers and the decoder; problems that stop an address from being computed fire in
//! the planner; everything else is here, one file per concern.

mod addresses;
pub mod catalogue;
mod cluster;
pub mod control;
pub mod docs;
pub mod fixes;
mod image;
pub mod inputs;
pub mod live;
pub mod module_code;
mod patches;
mod resources;
mod topology;
mod vip;

pub use catalogue::{info, Category, Example, RuleInfo, EXAMPLE_BASE, EXAMPLE_INVENTORY, RULES};

use rustc_hash::FxHashMap as HashMap;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Rule, Span};
use crate::plan::version::TalosVersion;
use crate::plan::Plan;

/// What the checks look at.
pub struct Context<'a> {
    pub text: &'a str,
    pub config: &'a Config,
    pub plan: Option<&'a Plan>,
    /// `image.version`, when it is a valid release tag.
    pub version: Option<TalosVersion>,
}

/// Runs every check.
pub fn check(text: &str, config: &Config, plan: Option<&Plan>) -> Vec<Diagnostic> {
    let ctx = Context {
        text,
        config,
        plan,
        version: config
            .image
            .version
            .get()
            .and_then(|v| TalosVersion::parse(v)),
    };
    let mut out = Reporter::default();
    cluster::check(&ctx, &mut out);
    addresses::check(&ctx, &mut out);
    vip::check(&ctx, &mut out);
    topology::check(&ctx, &mut out);
    resources::check(&ctx, &mut out);
    image::check(&ctx, &mut out);
    patches::check(&ctx, &mut out);
    out.finish()
}

/// Collects diagnostics, folding repeats of one rule at one span (the same spec value
/// behind 1,000 workers) into a single diagnostic that counts the nodes.
#[derive(Default)]
pub(crate) struct Reporter {
    diagnostics: Vec<Diagnostic>,
    /// (rule, span) -> (index of the diagnostic, nodes it applies to).
    groups: HashMap<(Rule, Span), (usize, Vec<String>)>,
}

impl Reporter {
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Reports `diagnostic` for `node`, unless the same rule already fired at the same
    /// span for another node; then the node is only counted.
    pub(crate) fn per_node(&mut self, node: &str, diagnostic: Diagnostic) {
        let index = self.diagnostics.len();
        let group = self
            .groups
            .entry((diagnostic.rule, diagnostic.span))
            .or_insert((index, Vec::new()));
        group.1.push(node.to_owned());
        if group.0 == index {
            self.diagnostics.push(diagnostic);
        }
    }

    fn finish(mut self) -> Vec<Diagnostic> {
        for (index, nodes) in self.groups.into_values() {
            if nodes.len() > 1 {
                let d = &mut self.diagnostics[index];
                let shown: Vec<&str> = nodes.iter().take(3).map(String::as_str).collect();
                let more = if nodes.len() > 3 {
                    format!(" and {} more", nodes.len() - 3)
                } else {
                    String::new()
                };
                d.message
                    .push_str(&format!(" (applies to {}{more})", shown.join(", ")));
            }
        }
        self.diagnostics
    }
}

pub(crate) use crate::config::decode::suggest as decode_suggest;
