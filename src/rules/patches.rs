//! The user's `config_patches`: they must parse as Talos patches, and must not fight the
//! VIP and hostname documents the planner renders.

use super::{Context, Reporter};
use crate::config::tree::{Node, ReadLimits, Value};
use crate::config::yaml;
use crate::config::Spanned;
use crate::diagnostics::Rule;
use crate::diagnostics::{Diagnostic, Span};

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

/// Spans of hostname settings in a strategic patch: `machine.network.hostname` (its
/// key) and `HostnameConfig` documents (their `kind` value).
fn hostname_use(docs: &[Node]) -> Vec<(Span, &'static str)> {
    let mut found = Vec::new();
    for doc in docs {
        if let Some(kind) = doc.get("kind") {
            if kind.value.as_str() == Some("HostnameConfig") {
                found.push((kind.value.span, "a `HostnameConfig` document"));
            }
        }
        let hostname = doc
            .get("machine")
            .and_then(|m| m.value.get("network"))
            .and_then(|n| n.value.get("hostname"));
        if let Some(entry) = hostname {
            found.push((entry.key_span, "`machine.network.hostname`"));
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
                for (span, what) in hostname_use(&docs) {
                    let mut message = format!(
                        "{what} in config_patches reaches every node and replaces the hostnames the planner gives each one"
                    );
                    if multidoc {
                        message.push_str(
                            "; from Talos v1.12 it also fails validation next to the planned `HostnameConfig` (`auto` and `hostname` cannot be set together, and `machine.network.hostname` conflicts with the document)",
                        );
                    }
                    out.push(Diagnostic::new(
                        Rule::HostnameInPatch,
                        map.span(span),
                        message,
                    ));
                }
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

#[cfg(test)]
mod tests {
    use crate::rules::catalogue::EXAMPLE_BASE;
    use crate::{lint, Format};

    /// The base config with these patches (a YAML block each) and this Talos version.
    fn with_patches(version: &str, patches: &[&str]) -> String {
        let mut text = EXAMPLE_BASE.replace("v1.12.0", version).replace(
            "  vm_base_id: 700\n",
            "  vm_base_id: 700\n  config_patches:\n",
        );
        let at = text.find("image:").expect("base has image");
        let block: String = patches
            .iter()
            .map(|p| {
                let body: String = p.lines().map(|l| format!("      {l}\n")).collect();
                format!("    - |\n{body}")
            })
            .collect();
        text.insert_str(at, &block);
        text
    }

    fn hostname_findings(text: &str) -> Vec<(String, String)> {
        lint(text, Format::Yaml)
            .into_iter()
            .filter(|d| d.code() == "hostname-in-patch")
            .map(|d| (text[d.span.start..d.span.end].to_owned(), d.message))
            .collect()
    }

    #[test]
    fn hostname_in_a_patch_is_reported_where_it_is_written() {
        let text = with_patches("v1.12.0", &["machine:\n  network:\n    hostname: foo\n"]);
        let found = hostname_findings(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "hostname");
        assert!(found[0].1.contains("v1.12"), "{}", found[0].1);

        let text = with_patches(
            "v1.13.0",
            &["apiVersion: v1alpha1\nkind: HostnameConfig\nauto: stable\n"],
        );
        let found = hostname_findings(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "HostnameConfig");
    }

    #[test]
    fn below_v1_12_the_hostname_still_replaces_every_node_s() {
        let text = with_patches("v1.11.5", &["machine:\n  network:\n    hostname: foo\n"]);
        let found = hostname_findings(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(!found[0].1.contains("v1.12"), "{}", found[0].1);
    }

    #[test]
    fn other_network_settings_and_other_documents_are_fine() {
        let text = with_patches(
            "v1.12.0",
            &[
                "machine:\n  network:\n    nameservers: [1.1.1.1]\n",
                "apiVersion: v1alpha1\nkind: ResolverConfig\nnameservers:\n  - address: 1.1.1.1\n",
            ],
        );
        assert_eq!(hostname_findings(&text), []);
        assert!(
            lint(&text, Format::Yaml)
                .iter()
                .all(|d| d.severity != crate::Severity::Error),
            "{:?}",
            lint(&text, Format::Yaml)
        );
    }
}
