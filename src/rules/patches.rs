//! The user's `config_patches`: they must parse as Talos patches, and must not fight the
//! VIP and hostname documents the planner renders.

use super::{Context, Reporter};
use crate::config::tree::{Node, ReadLimits, Value};
use crate::config::yaml;
use crate::config::Spanned;
use crate::diagnostics::{Diagnostic, Span};
use crate::rules::Rule;

/// What a patch text turned out to be.
pub(crate) enum PatchShape {
    /// Strategic merge: one or more mapping documents.
    Strategic(Vec<Node>),
    /// An RFC 6902 JSON patch: a list of operations.
    JsonPatch(Node),
}

/// Classifies a patch text, or says why Talos would refuse it (the span is relative to
/// the patch text).
pub(crate) fn classify(text: &str) -> Result<PatchShape, (Span, String)> {
    let limits = ReadLimits {
        max_depth: 64,
        max_nodes: 200_000,
    };
    let stream = yaml::read_stream(text, limits);
    if let Some(first) = stream.diagnostics.first() {
        if !stream.complete || first.rule == Rule::SyntaxError {
            return Err((first.span, first.message.clone()));
        }
    }
    let docs: Vec<Node> = stream
        .documents
        .into_iter()
        .filter(|d| d.value != Value::Null)
        .collect();
    if docs.is_empty() {
        return Err((Span::at(0), "the patch is empty".into()));
    }
    if docs.len() == 1 {
        if let Value::Seq(ops) = &docs[0].value {
            for op in ops {
                let ok = op
                    .get("op")
                    .and_then(|e| e.value.as_str())
                    .is_some_and(|o| {
                        matches!(o, "add" | "remove" | "replace" | "move" | "copy" | "test")
                    })
                    && op.get("path").is_some_and(|e| e.value.as_str().is_some());
                if !ok {
                    return Err((
                        op.span,
                        "a list patch must be JSON patch operations with `op` and `path`".into(),
                    ));
                }
            }
            return Ok(PatchShape::JsonPatch(
                docs.into_iter().next().expect("one document"),
            ));
        }
    }
    for doc in &docs {
        if doc.as_map().is_none() {
            return Err((
                doc.span,
                format!(
                    "a patch document must be a mapping, found {}",
                    doc.type_name()
                ),
            ));
        }
    }
    Ok(PatchShape::Strategic(docs))
}

/// Spans of VIP settings found in a strategic patch.
#[derive(Default)]
pub(crate) struct VipUse {
    /// `machine.network.interfaces[].vip` (and `.vlans[].vip`).
    pub legacy: Vec<Span>,
    /// `Layer2VIPConfig` / `HCloudVIPConfig` documents (their `kind` value).
    pub documents: Vec<Span>,
}

pub(crate) fn vip_use(docs: &[Node]) -> VipUse {
    let mut found = VipUse::default();
    for doc in docs {
        if let Some(kind) = doc.get("kind") {
            if matches!(
                kind.value.as_str(),
                Some("Layer2VIPConfig" | "HCloudVIPConfig")
            ) {
                found.documents.push(kind.value.span);
            }
        }
        let interfaces = doc
            .get("machine")
            .and_then(|m| m.value.get("network"))
            .and_then(|n| n.value.get("interfaces"))
            .and_then(|i| i.value.as_seq());
        for iface in interfaces.into_iter().flatten() {
            if let Some(vip) = iface.get("vip") {
                found.legacy.push(vip.key_span);
            }
            let vlans = iface.get("vlans").and_then(|v| v.value.as_seq());
            for vlan in vlans.into_iter().flatten() {
                if let Some(vip) = vlan.get("vip") {
                    found.legacy.push(vip.key_span);
                }
            }
        }
    }
    found
}

pub(super) fn check(ctx: &Context<'_>, out: &mut Reporter) {
    let Some(patches) = ctx.config.cluster.config_patches.get() else {
        return;
    };
    let multidoc = ctx
        .version
        .as_ref()
        .is_some_and(|v| v.uses_network_documents());
    let workers = ctx.config.worker.count.get().copied();
    for patch in patches {
        let map = SourceMap::new(ctx.text, patch);
        match classify(&patch.value) {
            Err((span, message)) => out.push(Diagnostic::new(
                Rule::InvalidConfigPatch,
                map.span(span),
                format!("this config patch is not valid: {message}"),
            )),
            Ok(PatchShape::JsonPatch(node)) => {
                if multidoc {
                    let version = ctx
                        .version
                        .as_ref()
                        .map(|v| v.to_string())
                        .unwrap_or_default();
                    out.push(Diagnostic::new(
                        Rule::Json6902OnMultidoc,
                        map.span(node.span),
                        format!(
                            "JSON patches apply only to single-document machine configs, and {version} configs have several documents; write it as a strategic merge patch"
                        ),
                    ));
                }
            }
            Ok(PatchShape::Strategic(docs)) => {
                let vips = vip_use(&docs);
                if workers.is_some_and(|w| w > 0) {
                    if let Some(span) = vips.documents.iter().chain(&vips.legacy).next() {
                        out.push(Diagnostic::new(
                            Rule::VipOnWorker,
                            map.span(*span),
                            "config_patches reach every node, so this VIP would also be claimed by the workers; the planner already adds the VIP to the control planes",
                        ));
                    }
                }
                if multidoc {
                    for span in &vips.legacy {
                        out.push(Diagnostic::new(
                            Rule::LegacyVipPatch,
                            map.span(*span),
                            "`machine.network.interfaces[].vip` is deprecated from Talos v1.12; use a `Layer2VIPConfig` document (the planner renders one for the control planes)",
                        ));
                    }
                }
            }
        }
    }
}

/// Maps offsets in a patch's text back into the config file, line by line, when the
/// patch is written so that its lines appear verbatim (a YAML `|` block, an HCL
/// heredoc); otherwise everything maps to the whole patch value.
pub(crate) struct SourceMap {
    whole: Span,
    /// (offset in patch, offset in source, length) for each line.
    lines: Vec<(usize, usize, usize)>,
}

impl SourceMap {
    pub(crate) fn new(source: &str, patch: &Spanned<String>) -> SourceMap {
        let whole = patch.span;
        let mut lines = Vec::new();
        let region = source.get(whole.start..whole.end).unwrap_or("");
        let mut cursor = 0;
        let mut offset = 0;
        for line in patch.value.split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            if !content.is_empty() {
                match region[cursor..].find(content) {
                    Some(at) => {
                        lines.push((offset, whole.start + cursor + at, content.len()));
                        cursor += at + content.len();
                    }
                    None => {
                        lines.clear();
                        break;
                    }
                }
            }
            offset += line.len();
        }
        SourceMap { whole, lines }
    }

    fn offset(&self, at: usize) -> Option<usize> {
        self.lines
            .iter()
            .find(|(start, _, len)| at >= *start && at <= start + len)
            .map(|(start, source, _)| source + (at - start))
    }

    /// The source span of a span in the patch text.
    pub(crate) fn span(&self, span: Span) -> Span {
        match (self.offset(span.start), self.offset(span.end)) {
            (Some(start), Some(end)) if end >= start => Span::new(start, end),
            _ => self.whole,
        }
    }
}
