//! Hovers for editors: what the text under the cursor means for the planned cluster
//! (the VM IDs, addresses, VIP, nodes or image a line resolves to), and why a
//! diagnostic there matters.
//!
//! Pure: text and a byte offset in, Markdown and the byte span it is about out. The
//! WASM facade only converts positions; the language server only forwards. Values come
//! from the plan (never recomputed here), rule text from the catalogue.

use std::fmt::Write as _;
use std::net::IpAddr;

use rustc_hash::FxHashMap as HashMap;

use crate::config::{Config, Override, RoleKind, Val};
use crate::diagnostics::{Diagnostic, LineIndex, Position, PositionEncoding, Span};
use crate::plan::version::TalosVersion;
use crate::plan::{NodeOrigin, Plan, PlannedNode};
use crate::{analyze_file, Document, FileAnalysis, Format};

/// What an editor shows for one place in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    /// Markdown: the problems at the place first, then the planned value.
    pub markdown: String,
    /// The text the hover is about, for the editor to highlight.
    pub span: Span,
}

/// Where a hover is asked for: editors send positions, browsers string offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// An offset from the start of the text, in the encoding's units.
    Offset(usize),
    /// A 0-based line and character, in the encoding's units.
    Position(Position),
}

/// The byte offset of `at` in `text`, clamped to the text and to a character start.
pub fn byte_offset(text: &str, at: At, encoding: PositionEncoding) -> usize {
    match at {
        At::Position(p) => LineIndex::new(text).offset(p, encoding),
        At::Offset(units) => {
            let mut seen = 0usize;
            for (i, ch) in text.char_indices() {
                if seen >= units {
                    return i;
                }
                seen += match encoding {
                    PositionEncoding::Utf8 => ch.len_utf8(),
                    PositionEncoding::Utf16 => ch.len_utf16(),
                    PositionEncoding::Utf32 => 1,
                };
                if seen > units {
                    // Inside a character (the middle of a surrogate pair): its start.
                    return i;
                }
            }
            text.len()
        }
    }
}

/// The hover at byte `offset` of a config text.
pub fn hover(text: &str, format: Format, offset: usize) -> Option<Hover> {
    hover_in(text, format, &analyze_file(text, format), offset)
}

/// The hover at byte `offset` with the user's rule levels (an allowed rule is not shown).
pub fn hover_with(
    text: &str,
    format: Format,
    levels: &crate::RuleLevels,
    offset: usize,
) -> Option<Hover> {
    hover_in(
        text,
        format,
        &crate::analyze_file_with(text, format, levels),
        offset,
    )
}

/// The hover at byte `offset`, from an analysis the caller already has (an editor that
/// hovers many places in one version of a file analyses it once).
pub fn hover_in(text: &str, format: Format, file: &FileAnalysis, offset: usize) -> Option<Hover> {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let problems: Vec<&Diagnostic> = file
        .diagnostics
        .iter()
        .filter(|d| touches(d.span, offset))
        .take(MAX_PROBLEMS)
        .collect();
    let doc = file.document_at(offset);
    let value = doc
        .and_then(|doc| unknown_at(text, format, doc, offset))
        .or_else(|| doc.and_then(|doc| value_at(text, doc, offset)));
    if problems.is_empty() && value.is_none() {
        return None;
    }
    let mut markdown = explain(&problems);
    let span = match (&value, problems.first()) {
        (Some((span, _)), _) => *span,
        (None, Some(d)) => d.span,
        (None, None) => Span::at(offset),
    };
    if let Some((_, planned)) = value {
        if !markdown.is_empty() {
            markdown.push_str("\n\n---\n\n");
        }
        markdown.push_str(&planned);
    }
    Some(Hover { markdown, span })
}

/// Problems shown in one hover; more at one place are noise.
const MAX_PROBLEMS: usize = 5;
/// Nodes listed in one table; a 10,000-node plan is summarised, not printed.
const MAX_ROWS: usize = 16;

/// Whether a diagnostic is at `offset` (an empty span counts at its position).
fn touches(span: Span, offset: usize) -> bool {
    span.start <= offset && (offset < span.end || offset == span.start)
}

/// The diagnostics with their rules' explanations from the catalogue: each rule's text
/// and fixes once, however many diagnostics it has here (one per control plane, say).
fn explain(problems: &[&Diagnostic]) -> String {
    let mut out = String::new();
    let mut done: Vec<crate::diagnostics::Rule> = Vec::new();
    for first in problems {
        if done.contains(&first.rule) {
            continue;
        }
        done.push(first.rule);
        let info = crate::rules::info(first.rule);
        let same: Vec<&&Diagnostic> = problems.iter().filter(|d| d.rule == first.rule).collect();
        for d in &same {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            let _ = write!(
                out,
                "**{}** `{}`: {}",
                d.severity.as_str(),
                info.id,
                d.message
            );
        }
        let _ = write!(out, "\n\n{} {}", info.summary, info.why);
        let mut titles: Vec<&str> = Vec::new();
        for fix in same.iter().flat_map(|d| &d.fixes) {
            if !titles.contains(&fix.title.as_str()) {
                titles.push(&fix.title);
                let _ = write!(out, "\n\nQuick fix: {}", fix.title);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------
// What the cursor is on

/// A column of the plan table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Hostname,
    VmId,
    Address,
    ProxmoxNode,
    Datastore,
    InstallDisk,
    Cpu,
    Memory,
    Disk,
    Gateway,
    Vlan,
}

impl Column {
    fn title(self) -> &'static str {
        match self {
            Column::Hostname => "Hostname",
            Column::VmId => "VM ID",
            Column::Address => "Address",
            Column::ProxmoxNode => "Proxmox node",
            Column::Datastore => "Datastore",
            Column::InstallDisk => "Install disk",
            Column::Cpu => "CPU",
            Column::Memory => "Memory",
            Column::Disk => "Disk",
            Column::Gateway => "Gateway",
            Column::Vlan => "VLAN",
        }
    }
}

/// The planned value a config entry resolves to.
#[derive(Clone, Copy)]
enum Target<'c> {
    Cluster,
    Hostnames,
    VmIds,
    /// `ip_base_offset`: every computed address, and the automatic VIP's start.
    Addresses,
    /// `worker.specs.ip_offset`.
    WorkerAddresses,
    Subnet,
    Gateway,
    Dns,
    Vlan,
    Bridge,
    Vip,
    Image,
    Patches,
    /// A value every node of a role (or of both, `None`) takes unless overridden.
    Column(Column, Option<RoleKind>),
    Role(RoleKind),
    Node(&'c Override, RoleKind),
}

/// The span and Markdown for a Terraform expression at `offset`: why its value is not
/// known here, and which checks and planned values it leaves out.
fn unknown_at(text: &str, format: Format, doc: &Document, offset: usize) -> Option<(Span, String)> {
    let expression = doc
        .config
        .expressions
        .iter()
        .filter(|e| e.span.start <= offset && offset < e.span.end.max(e.span.start + 1))
        .min_by_key(|e| e.span.len())?;
    let field = crate::config::field_at(text, format, expression.span.start).unwrap_or_default();
    let keys: Vec<&str> = field.iter().map(String::as_str).collect();
    let shown: String = expression.value.chars().take(80).collect();
    let more = if shown.len() < expression.value.len() {
        "…"
    } else {
        ""
    };
    let mut out = format!(
        "**Terraform expression** {}",
        code(&format!("{shown}{more}"))
    );
    if !keys.is_empty() {
        let _ = write!(out, " in {}", code(&keys.join(".")));
    }
    out.push_str(
        "\n\nIts value is known only when Terraform runs, so talos-planner does not guess it.",
    );
    let dependents = crate::rules::inputs::dependents(&keys);
    if dependents.counts {
        out.push_str("\n\n- Not planned: the nodes (the counts decide which nodes exist).");
    } else if !dependents.planned.is_empty() {
        let _ = write!(
            out,
            "\n\n- Not planned: {} (shown as `-`).",
            dependents.planned.join("; ")
        );
    }
    if !dependents.rules.is_empty() {
        let ids: Vec<String> = dependents.rules.iter().map(|r| code(r.id())).collect();
        let _ = write!(out, "\n- Checks skipped: {}.", ids.join(", "));
    }
    out.push_str("\n\n`render` and `apply` need the value written out.");
    Some((expression.span, out))
}

/// The span and Markdown of the planned value at `offset`, if the cursor is on an entry.
fn value_at(text: &str, doc: &Document, offset: usize) -> Option<(Span, String)> {
    let candidates = candidates(text, &doc.config);
    let (span, target) = pick(text, &candidates, offset)?;
    let markdown = describe(&doc.config, doc.plan.as_ref(), target)?;
    Some((span, markdown))
}

/// The entry containing `offset` (the innermost), or else the one nearest to it on
/// the same line, so a hover anywhere on `vm_base_id: 700  # ids` shows the VM IDs.
fn pick<'c>(
    text: &str,
    candidates: &[(Span, Target<'c>)],
    offset: usize,
) -> Option<(Span, Target<'c>)> {
    let inner = candidates
        .iter()
        .filter(|(s, _)| s.start <= offset && offset < s.end)
        .min_by_key(|(s, _)| s.len());
    if let Some(found) = inner {
        return Some(*found);
    }
    let index = LineIndex::new(text);
    let line = index.line_of(offset);
    candidates
        .iter()
        .filter(|(s, _)| index.line_of(s.start) == line)
        .min_by_key(|(s, _)| {
            if offset < s.start {
                s.start - offset
            } else {
                offset.saturating_sub(s.end)
            }
        })
        .copied()
}

/// Every entry of the config that resolves to a planned value, with its span (key to
/// end of value; defaults have no text and are skipped).
fn candidates<'c>(text: &str, config: &'c Config) -> Vec<(Span, Target<'c>)> {
    let mut out = Vec::new();
    let c = &config.cluster;
    section(text, c.span, "cluster", Target::Cluster, &mut out);
    entry(&c.name, Target::Hostnames, &mut out);
    entry(&c.node, Target::Column(Column::ProxmoxNode, None), &mut out);
    entry(
        &c.datastore,
        Target::Column(Column::Datastore, None),
        &mut out,
    );
    entry(&c.vm_base_id, Target::VmIds, &mut out);
    entry(
        &c.install_disk,
        Target::Column(Column::InstallDisk, None),
        &mut out,
    );
    entry(&c.ip_base_offset, Target::Addresses, &mut out);
    entry(&c.ha_vip, Target::Vip, &mut out);
    entry(&c.ha_vip_interface, Target::Vip, &mut out);
    entry(&c.config_patches, Target::Patches, &mut out);

    let i = &config.image;
    section(text, i.span, "image", Target::Image, &mut out);
    entry(&i.version, Target::Image, &mut out);
    entry(&i.extensions, Target::Image, &mut out);
    entry(&i.factory_url, Target::Image, &mut out);
    entry(&i.arch, Target::Image, &mut out);
    entry(&i.platform, Target::Image, &mut out);

    let n = &config.network;
    section(text, n.span, "network", Target::Subnet, &mut out);
    entry(&n.cidr, Target::Subnet, &mut out);
    entry(&n.gateway, Target::Gateway, &mut out);
    entry(&n.dns_servers, Target::Dns, &mut out);
    entry(&n.vlan_id, Target::Vlan, &mut out);
    entry(&n.bridge, Target::Bridge, &mut out);

    for role in [&config.controlplane, &config.worker] {
        let kind = role.kind;
        section(text, role.span, kind.prefix(), Target::Role(kind), &mut out);
        entry(&role.count, Target::Role(kind), &mut out);
        section(text, role.specs.span, "specs", Target::Role(kind), &mut out);
        let s = &role.specs;
        entry(&s.cpu, Target::Column(Column::Cpu, Some(kind)), &mut out);
        entry(
            &s.memory,
            Target::Column(Column::Memory, Some(kind)),
            &mut out,
        );
        entry(&s.disk, Target::Column(Column::Disk, Some(kind)), &mut out);
        entry(&s.ip_offset, Target::WorkerAddresses, &mut out);
        entry(&role.overrides, Target::Role(kind), &mut out);
        if let Val::Set(list) = &role.overrides {
            for ov in &list.value {
                out.push((ov.entry_span, Target::Node(ov, kind)));
            }
        }
    }
    out
}

/// A written value: from its key to the end of the value.
fn entry<'c, T>(val: &Val<T>, target: Target<'c>, out: &mut Vec<(Span, Target<'c>)>) {
    if let Val::Set(s) = val {
        if s.explicit {
            out.push((s.key.map_or(s.span, |k| k.cover(s.span)), target));
        }
    }
}

/// A section's key (`cluster:`), when the text there really is that key: a missing
/// section's span points elsewhere.
fn section<'c>(
    text: &str,
    span: Span,
    name: &str,
    target: Target<'c>,
    out: &mut Vec<(Span, Target<'c>)>,
) {
    let written = text.get(span.start..span.end).unwrap_or_default();
    if !span.is_empty() && written.trim_matches(['"', '\'']) == name {
        out.push((span, target));
    }
}

// ---------------------------------------------------------------------------------
// What it resolves to

/// The Markdown for a target; `None` when nothing is planned for it.
fn describe(config: &Config, plan: Option<&Plan>, target: Target<'_>) -> Option<String> {
    let Some(plan) = plan else {
        return Some(
            "Not planned: the node counts are not known (an expression, or an error).".into(),
        );
    };
    let view = View::new(config, plan);
    Some(match target {
        Target::Cluster => view.cluster(),
        Target::Hostnames => view.column_table(
            "**Hostnames** (`<name>-controlplane-NN`, `<name>-worker-NN`)",
            Column::Hostname,
            None,
        ),
        Target::VmIds => view.vm_ids(),
        Target::Addresses => view.addresses(None),
        Target::WorkerAddresses => view.addresses(Some(RoleKind::Worker)),
        Target::Subnet => view.subnet(),
        Target::Gateway => view.column_table(
            &format!("**Gateway** {}", opt_ip(plan.network.gateway)),
            Column::Gateway,
            None,
        ),
        Target::Dns => view.dns(),
        Target::Vlan => view.column_table(
            &format!(
                "**VLAN** {} on bridge {}",
                opt(plan.network.vlan_id),
                opt_code(plan.network.bridge.as_deref())
            ),
            Column::Vlan,
            None,
        ),
        Target::Bridge => format!(
            "**Bridge** {}, VLAN {}: the network device of every VM.",
            opt_code(plan.network.bridge.as_deref()),
            opt(plan.network.vlan_id)
        ),
        Target::Vip => view.vip(),
        Target::Image => view.image()?,
        Target::Patches => view.patches(),
        Target::Column(column, role) => {
            let whose = match role {
                Some(RoleKind::Controlplane) => " of the control planes",
                Some(RoleKind::Worker) => " of the workers",
                None => "",
            };
            view.column_table(&format!("**{}**{whose}", column.title()), column, role)
        }
        Target::Role(kind) => view.role(kind),
        Target::Node(ov, kind) => view.node(ov, kind),
    })
}

/// A plan with the config it came from, for tables that mark overridden values.
struct View<'a> {
    config: &'a Config,
    plan: &'a Plan,
    overrides: HashMap<&'a str, &'a Override>,
}

impl<'a> View<'a> {
    fn new(config: &'a Config, plan: &'a Plan) -> Self {
        let mut overrides = HashMap::default();
        for role in [&config.controlplane, &config.worker] {
            if let Val::Set(list) = &role.overrides {
                for ov in &list.value {
                    overrides.entry(ov.key.value.as_str()).or_insert(ov);
                }
            }
        }
        View {
            config,
            plan,
            overrides,
        }
    }

    fn nodes(&self) -> impl Iterator<Item = (&'a PlannedNode, Option<&'a NodeOrigin>)> + 'a {
        let origins = &self.plan.origins;
        self.plan
            .nodes
            .iter()
            .enumerate()
            .map(move |(i, n)| (n, origins.get(i)))
    }

    /// Whether the node's override sets the value of `column`.
    fn overridden(&self, node: &PlannedNode, column: Column) -> bool {
        let Some(ov) = self.overrides.get(node.key.as_str()) else {
            return false;
        };
        let network = |f: fn(&crate::config::OverrideNetwork) -> bool| match &ov.network {
            Val::Set(net) => f(&net.value),
            _ => false,
        };
        match column {
            Column::Hostname => false,
            Column::VmId => !ov.vm_id.is_unset(),
            Column::Address => network(|n| !n.ip_address.is_unset()),
            Column::ProxmoxNode => !ov.node.is_unset(),
            Column::Datastore => !ov.datastore.is_unset(),
            Column::InstallDisk => !ov.install_disk.is_unset(),
            Column::Cpu => !ov.cpu.is_unset(),
            Column::Memory => !ov.memory.is_unset(),
            Column::Disk => !ov.disk.is_unset(),
            Column::Gateway => network(|n| !n.gateway.is_unset()),
            Column::Vlan => network(|n| !n.vlan_id.is_unset()),
        }
    }

    /// Whether a node has no VLAN because none is set (rather than one not known).
    fn vlan_unset(&self, node: &PlannedNode) -> bool {
        let own = match self.overrides.get(node.key.as_str()).map(|o| &o.network) {
            Some(Val::Set(net)) => &net.value.vlan_id,
            Some(Val::Unknown) => return false,
            _ => &Val::Unset,
        };
        own.is_unset() && self.config.network.vlan_id.is_unset()
    }

    fn cell(&self, node: &PlannedNode, origin: Option<&NodeOrigin>, column: Column) -> String {
        let value = match column {
            Column::Hostname => opt_code(node.hostname.as_deref()),
            Column::VmId => opt(node.vm_id),
            Column::Address => address(node, origin),
            Column::ProxmoxNode => opt_code(node.proxmox_node.as_deref()),
            Column::Datastore => opt_code(node.datastore.as_deref()),
            Column::InstallDisk => opt_code(node.install_disk.as_deref()),
            Column::Cpu => opt(node.cpu),
            Column::Memory => node.memory.map_or(UNKNOWN.into(), |m| format!("{m} MiB")),
            Column::Disk => node.disk.map_or(UNKNOWN.into(), |d| format!("{d} GiB")),
            Column::Gateway => opt_ip(node.gateway),
            Column::Vlan => match node.vlan_id {
                Some(id) => id.to_string(),
                None if self.vlan_unset(node) => "none (untagged)".to_owned(),
                None => UNKNOWN.to_owned(),
            },
        };
        if self.overridden(node, column) {
            format!("{value} (override)")
        } else {
            value
        }
    }

    /// A heading and a table of nodes (of one role, or all) with the given columns.
    fn table(
        &self,
        heading: &str,
        columns: &[Column],
        keep: impl Fn(&PlannedNode, Option<&NodeOrigin>) -> bool,
    ) -> String {
        let mut out = format!("{heading}\n\n| Node |");
        for c in columns {
            let _ = write!(out, " {} |", c.title());
        }
        out.push_str("\n|---|");
        out.push_str(&"---|".repeat(columns.len()));
        let mut shown = 0usize;
        let mut hidden = 0usize;
        for (node, origin) in self.nodes().filter(|(n, o)| keep(n, *o)) {
            if shown == MAX_ROWS {
                hidden += 1;
                continue;
            }
            shown += 1;
            let _ = write!(out, "\n| {} |", node.key);
            for c in columns {
                let _ = write!(out, " {} |", cell(&self.cell(node, origin, *c)));
            }
        }
        if shown == 0 {
            return format!("{heading}\n\nNo nodes.");
        }
        if hidden > 0 {
            let _ = write!(out, "\n\n… and {hidden} more nodes.");
        }
        out
    }

    fn column_table(&self, heading: &str, column: Column, role: Option<RoleKind>) -> String {
        self.table(heading, &[column], |n, _| role.is_none_or(|r| n.role == r))
    }

    fn cluster(&self) -> String {
        let p = self.plan;
        let count = |kind| p.nodes.iter().filter(|n| n.role == kind).count();
        let mut out = format!(
            "**Cluster** {}: {}, {}",
            opt_code(p.cluster_name.as_deref()),
            plural(
                count(RoleKind::Controlplane),
                "control plane",
                "control planes"
            ),
            plural(count(RoleKind::Worker), "worker", "workers"),
        );
        let _ = write!(
            out,
            "\n\nEndpoint {}",
            opt_code(p.cluster_endpoint.as_deref())
        );
        if p.ha_vip_enabled {
            let _ = write!(out, " (the HA VIP {})", opt_ip(p.ha_vip));
        } else {
            out.push_str(" (controlplane-1: no HA VIP with one control plane)");
        }
        out
    }

    fn vm_ids(&self) -> String {
        let heading = match self.config.cluster.vm_base_id.get() {
            Some(base) => format!(
                "**VM IDs** from `vm_base_id` {base}: control planes from {base}, workers from {}",
                base.saturating_add(10)
            ),
            None => "**VM IDs**".to_owned(),
        };
        self.table(&heading, &[Column::VmId], |_, _| true)
    }

    /// The addresses `cidrhost` gives (nodes whose override sets an address are left
    /// out: `ip_base_offset` does not reach them), and where the automatic VIP starts.
    fn addresses(&self, role: Option<RoleKind>) -> String {
        let heading = match role {
            Some(_) => "**Worker addresses**: `cidrhost(cidr, ip_base_offset + ip_offset + j - 1)`",
            None => "**Addresses**: `cidrhost(cidr, ip_base_offset + i - 1)` for control planes, `+ ip_offset` for workers",
        };
        let mut out = self.table(heading, &[Column::Address], |n, _| {
            role.is_none_or(|r| n.role == r) && !self.overridden(n, Column::Address)
        });
        if role.is_none() && self.plan.ha_vip_enabled && self.config.cluster.ha_vip.is_unset() {
            let _ = write!(
                out,
                "\n\nHA VIP {}: the first free address from `ip_base_offset + controlplane.count` up.",
                opt_ip(self.plan.ha_vip)
            );
        }
        out
    }

    fn subnet(&self) -> String {
        let net = &self.plan.network;
        let Some(cidr) = net.parsed_cidr else {
            return "**Subnet** not known (no valid `network.cidr`).".to_owned();
        };
        let host_bits = u32::from(cidr.bits() - cidr.prefix());
        let hosts = if host_bits > 32 {
            format!("2^{host_bits} addresses")
        } else if cidr.reserved_broadcast().is_some() {
            format!("{} host addresses", (1u64 << host_bits) - 2)
        } else {
            format!("{} addresses", 1u64 << host_bits)
        };
        let last = if cidr.reserved_broadcast().is_some() {
            " (broadcast)"
        } else {
            ""
        };
        let mut heading = format!(
            "**Subnet** `{cidr}`: network address {}, last address {}{last}, {hosts}",
            cidr.network(),
            cidr.last()
        );
        let _ = write!(heading, "\n\nGateway {}", opt_ip(net.gateway));
        if let Some(dns) = &net.dns_servers {
            let _ = write!(heading, " · DNS {}", ip_list(dns));
        }
        if self.plan.ha_vip_enabled {
            let _ = write!(heading, " · HA VIP {}", opt_ip(self.plan.ha_vip));
        }
        self.table(&heading, &[Column::Address], |n, _| {
            n.ip_address.is_some_and(|ip| cidr.contains(ip))
        })
    }

    fn dns(&self) -> String {
        match &self.plan.network.dns_servers {
            Some(list) => format!(
                "**DNS servers** {}: every node's resolvers; the automatic HA VIP never takes one of these addresses.",
                ip_list(list)
            ),
            None => "**DNS servers** not known (an expression).".to_owned(),
        }
    }

    fn vip(&self) -> String {
        let p = self.plan;
        let cps = p
            .nodes
            .iter()
            .filter(|n| n.role == RoleKind::Controlplane)
            .count();
        let interface = opt_code(p.ha_vip_interface.as_deref());
        let mut out = if p.ha_vip_enabled {
            let how = match (&self.config.cluster.ha_vip, p.ha_vip) {
                (Val::Set(_), _) => "set by `ha_vip`".to_owned(),
                (_, Some(_)) => "chosen automatically: the first free address from \
                                 `ip_base_offset + controlplane.count` up"
                    .to_owned(),
                _ => "not known (an input is an expression or has an error)".to_owned(),
            };
            format!(
                "**HA VIP** {} on {interface}: enabled ({cps} control planes), {how}",
                opt_ip(p.ha_vip)
            )
        } else {
            let ignored = if self.config.cluster.ha_vip.known().is_some() {
                "; `ha_vip` is ignored"
            } else {
                ""
            };
            format!("**HA VIP** off: one control plane, so no shared address{ignored}")
        };
        let _ = write!(
            out,
            "\n\nEndpoint {}",
            opt_code(p.cluster_endpoint.as_deref())
        );
        if !p.talos_endpoints.is_empty() {
            let _ = write!(
                out,
                "\n\nTalos endpoints (talosctl): {}, the control planes themselves, never the VIP",
                p.talos_endpoints.join(", ")
            );
        }
        out
    }

    fn image(&self) -> Option<String> {
        let Some(image) = &self.plan.image else {
            return Some(
                "**Talos image** not known (a value of `image` is missing or an expression)."
                    .to_owned(),
            );
        };
        let i = &self.config.image;
        let version = i.version.get();
        let extensions = if image.extensions.is_empty() {
            "no extensions".to_owned()
        } else {
            image
                .extensions
                .iter()
                .map(|e| code(e))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = format!(
            "**Talos image** {} for {}\n\nSchematic ID `{}` ({extensions})",
            opt_code(version.map(String::as_str)),
            code(&format!(
                "{}-{}",
                i.platform.get().map_or(UNKNOWN, String::as_str),
                i.arch.get().map_or(UNKNOWN, String::as_str)
            )),
            image.schematic_id,
        );
        let _ = write!(
            out,
            "\n\n- Disk image: {}\n- Disk import (Proxmox 8.4+): {}\n- ISO: {}\n- Installer: {}",
            opt_code(image.disk_image_url.as_deref()),
            opt_code(image.disk_import_url.as_deref()),
            opt_code(image.iso_url.as_deref()),
            opt_code(image.installer_image.as_deref()),
        );
        if let Some(v) = version.and_then(|v| TalosVersion::parse(v)) {
            out.push_str(if v.at_least(1, 12) {
                "\n\nTalos v1.12 or later: the VIP is a `Layer2VIPConfig` document and the \
                 hostname a `HostnameConfig` document."
            } else {
                "\n\nBefore Talos v1.12: the VIP goes in `machine.network.interfaces[].vip` and \
                 the hostname in `machine.network.hostname`."
            });
        }
        Some(out)
    }

    fn patches(&self) -> String {
        let count = self.config.cluster.config_patches.get().map_or(0, Vec::len);
        format!(
            "**Config patches**: {} applied last, in order, to all {} nodes.",
            plural(count, "patch", "patches"),
            self.plan.nodes.len()
        )
    }

    fn role(&self, kind: RoleKind) -> String {
        let count = self.plan.nodes.iter().filter(|n| n.role == kind).count();
        let mut heading = match kind {
            RoleKind::Controlplane => {
                format!("**{}**", plural(count, "control plane", "control planes"))
            }
            RoleKind::Worker => format!("**{}**", plural(count, "worker", "workers")),
        };
        if kind == RoleKind::Controlplane {
            if self.plan.ha_vip_enabled {
                let _ = write!(heading, ": HA VIP {}", opt_ip(self.plan.ha_vip));
            } else if count == 1 {
                heading.push_str(": no HA VIP with one control plane");
            }
        }
        self.table(
            &heading,
            &[
                Column::Hostname,
                Column::VmId,
                Column::Address,
                Column::ProxmoxNode,
            ],
            |n, _| n.role == kind,
        )
    }

    /// The plan's row for an override's node, as a list (it is one wide row).
    fn node(&self, ov: &Override, kind: RoleKind) -> String {
        let key = ov.key.value.as_str();
        let Some((node, origin)) = self.nodes().find(|(n, _)| n.key == key) else {
            let count = self.plan.nodes.iter().filter(|n| n.role == kind).count();
            let range = match count {
                0 => format!("there are no {}s", kind.prefix()),
                1 => format!("the only one is `{}-1`", kind.prefix()),
                n => format!("they are `{p}-1` … `{p}-{n}`", p = kind.prefix()),
            };
            return format!(
                "**{}**: no such node, so this override applies to nothing ({range}).",
                code(key)
            );
        };
        let mut out = format!("**{}** · {}", node.key, opt_code(node.hostname.as_deref()));
        for column in [
            Column::VmId,
            Column::ProxmoxNode,
            Column::Datastore,
            Column::Address,
            Column::Gateway,
            Column::Vlan,
            Column::Cpu,
            Column::Memory,
            Column::Disk,
            Column::InstallDisk,
        ] {
            let _ = write!(
                out,
                "\n- {}: {}",
                column.title(),
                self.cell(node, origin, column)
            );
        }
        out
    }
}

// ---------------------------------------------------------------------------------
// Formatting

const UNKNOWN: &str = "unknown";

fn opt<T: std::fmt::Display>(value: Option<T>) -> String {
    value.map_or(UNKNOWN.into(), |v| v.to_string())
}

fn opt_ip(ip: Option<IpAddr>) -> String {
    opt(ip)
}

fn opt_code(value: Option<&str>) -> String {
    value.map_or(UNKNOWN.into(), code)
}

fn ip_list(list: &[IpAddr]) -> String {
    if list.is_empty() {
        return "none".to_owned();
    }
    list.iter()
        .map(IpAddr::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The address with its prefix length and host number (what `cidrhost` was given).
fn address(node: &PlannedNode, origin: Option<&NodeOrigin>) -> String {
    let Some(ip) = node.ip_address else {
        return UNKNOWN.into();
    };
    let mut out = match node.prefix {
        Some(p) => format!("{ip}/{p}"),
        None => ip.to_string(),
    };
    if let Some(host) = origin
        .and_then(|o| o.subnet)
        .and_then(|s| s.host_number(ip))
    {
        let _ = write!(out, " (host {host})");
    }
    out
}

/// User text as inline code: no Markdown inside it takes effect, line breaks become
/// spaces, and a backtick in the text gets a longer fence.
fn code(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.is_empty() {
        return "`\u{a0}`".to_owned();
    }
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// A table cell: a `|` would end the cell, even inside code.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../examples/three-controlplanes.yaml");

    fn at(text: &str, needle: &str) -> usize {
        text.find(needle)
            .unwrap_or_else(|| panic!("`{needle}` not in the text"))
    }

    fn hover_yaml(text: &str, needle: &str) -> Hover {
        hover(text, Format::Yaml, at(text, needle))
            .unwrap_or_else(|| panic!("no hover at `{needle}`"))
    }

    fn spanned<'t>(text: &'t str, h: &Hover) -> &'t str {
        &text[h.span.start..h.span.end]
    }

    #[test]
    fn vm_base_id_shows_every_vm_id() {
        let h = hover_yaml(EXAMPLE, "vm_base_id");
        assert_eq!(spanned(EXAMPLE, &h), "vm_base_id: 700");
        for row in [
            "| controlplane-1 | 700 |",
            "| controlplane-2 | 701 |",
            "| controlplane-3 | 702 |",
            "| worker-1 | 710 |",
            "| worker-2 | 711 |",
        ] {
            assert!(h.markdown.contains(row), "{row} missing in\n{}", h.markdown);
        }
        // The value and anywhere else on the line resolve to the same.
        let on_value = hover(EXAMPLE, Format::Yaml, at(EXAMPLE, "700")).unwrap();
        assert_eq!(on_value, h);
        let line_end = at(EXAMPLE, "vm_base_id: 700") + "vm_base_id: 700".len();
        assert_eq!(hover(EXAMPLE, Format::Yaml, line_end).unwrap(), h);
        let indent = at(EXAMPLE, "  vm_base_id");
        assert_eq!(hover(EXAMPLE, Format::Yaml, indent).unwrap(), h);
    }

    #[test]
    fn addresses_from_offsets_and_cidr() {
        let h = hover_yaml(EXAMPLE, "ip_base_offset");
        assert_eq!(spanned(EXAMPLE, &h), "ip_base_offset: 10");
        assert!(h
            .markdown
            .contains("| controlplane-1 | 10.10.100.10/24 (host 10) |"));
        assert!(h
            .markdown
            .contains("| worker-2 | 10.10.100.21/24 (host 21) |"));
        assert!(h.markdown.contains("HA VIP 10.10.100.13"), "{}", h.markdown);

        let h = hover_yaml(EXAMPLE, "ip_offset");
        assert_eq!(spanned(EXAMPLE, &h), "ip_offset: 10");
        assert!(h
            .markdown
            .contains("| worker-1 | 10.10.100.20/24 (host 20) |"));
        assert!(!h.markdown.contains("controlplane-1"), "{}", h.markdown);

        let h = hover_yaml(EXAMPLE, "cidr");
        assert_eq!(spanned(EXAMPLE, &h), "cidr: 10.10.100.0/24");
        assert!(h.markdown.contains("network address 10.10.100.0"));
        assert!(h
            .markdown
            .contains("last address 10.10.100.255 (broadcast)"));
        assert!(h.markdown.contains("254 host addresses"));
        assert!(h
            .markdown
            .contains("| controlplane-3 | 10.10.100.12/24 (host 12) |"));
        assert!(h.markdown.contains("HA VIP 10.10.100.13"));
    }

    #[test]
    fn vip_and_endpoint() {
        for needle in ["ha_vip_interface", "eth0"] {
            let h = hover_yaml(EXAMPLE, needle);
            assert_eq!(spanned(EXAMPLE, &h), "ha_vip_interface: eth0");
            assert!(
                h.markdown
                    .starts_with("**HA VIP** 10.10.100.13 on `eth0`: enabled (3 control planes)"),
                "{}",
                h.markdown
            );
            assert!(h.markdown.contains("Endpoint `https://10.10.100.13:6443`"));
            assert!(h
                .markdown
                .contains("10.10.100.10, 10.10.100.11, 10.10.100.12"));
        }
        let custom = EXAMPLE.replace("ha_vip_interface: eth0", "ha_vip: 10.10.100.50");
        let h = hover_yaml(&custom, "ha_vip");
        assert!(
            h.markdown.contains("10.10.100.50 on `eth0`"),
            "{}",
            h.markdown
        );
        assert!(h.markdown.contains("set by `ha_vip`"));
        let single = custom.replace("count: 3", "count: 1");
        let h = hover_yaml(&single, "10.10.100.50");
        // The rule that says so comes first, then the value.
        assert!(
            h.markdown.starts_with("**warning** `vip-ignored`"),
            "{}",
            h.markdown
        );
        assert!(h.markdown.contains("**HA VIP** off"));
        assert!(h.markdown.contains("`https://10.10.100.10:6443`"));
    }

    #[test]
    fn count_lists_the_nodes() {
        let h = hover_yaml(EXAMPLE, "count: 3");
        assert_eq!(spanned(EXAMPLE, &h), "count: 3");
        assert!(h
            .markdown
            .starts_with("**3 control planes**: HA VIP 10.10.100.13"));
        assert!(h.markdown.contains(
            "| controlplane-2 | `homelab-controlplane-02` | 701 | 10.10.100.11/24 (host 11) | `pve02` (override) |"
        ), "{}", h.markdown);
        let h = hover_yaml(EXAMPLE, "count: 2");
        assert!(h.markdown.starts_with("**2 workers**"));
        assert!(h
            .markdown
            .contains("| worker-2 | `homelab-worker-02` | 711 |"));
    }

    #[test]
    fn overrides_show_the_node_row() {
        for needle in ["controlplane-2:", "pve02"] {
            let h = hover_yaml(EXAMPLE, needle);
            assert_eq!(spanned(EXAMPLE, &h), "controlplane-2: { node: pve02 }");
            assert!(h
                .markdown
                .starts_with("**controlplane-2** · `homelab-controlplane-02`"));
            assert!(h.markdown.contains("\n- VM ID: 701\n"));
            assert!(h
                .markdown
                .contains("\n- Proxmox node: `pve02` (override)\n"));
            assert!(h
                .markdown
                .contains("\n- Address: 10.10.100.11/24 (host 11)\n"));
            assert!(h.markdown.contains("\n- Memory: 4096 MiB\n"));
            assert!(h.markdown.contains("\n- VLAN: 1100\n"));
        }
        let untagged = EXAMPLE.replace("  vlan_id: 1100\n", "");
        let h = hover_yaml(&untagged, "controlplane-2:");
        assert!(
            h.markdown.contains("\n- VLAN: none (untagged)\n"),
            "{}",
            h.markdown
        );
        let unused = EXAMPLE.replace("controlplane-3: {", "controlplane-4: {");
        let h = hover_yaml(&unused, "controlplane-4");
        assert!(h.markdown.contains("`unused-override`"), "{}", h.markdown);
        assert!(h.markdown.contains(
            "**`controlplane-4`**: no such node, so this override applies to nothing (they are `controlplane-1` … `controlplane-3`)."
        ), "{}", h.markdown);
    }

    #[test]
    fn name_shows_hostnames() {
        let h = hover_yaml(EXAMPLE, "homelab");
        assert_eq!(spanned(EXAMPLE, &h), "name: homelab");
        assert!(h
            .markdown
            .contains("| controlplane-1 | `homelab-controlplane-01` |"));
        assert!(h.markdown.contains("| worker-2 | `homelab-worker-02` |"));
    }

    #[test]
    fn image_shows_schematic_and_urls() {
        for needle in ["version", "qemu-guest-agent", "extensions"] {
            let h = hover_yaml(EXAMPLE, needle);
            assert!(h.markdown.contains(
                "Schematic ID `ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515` (`siderolabs/qemu-guest-agent`)"
            ), "{}", h.markdown);
            assert!(h.markdown.contains(
                "`https://factory.talos.dev/image/ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515/v1.12.0/nocloud-amd64.raw.gz`"
            ));
            assert!(h.markdown.contains("`Layer2VIPConfig`"));
        }
        let h = hover_yaml(EXAMPLE, "extensions");
        assert_eq!(spanned(EXAMPLE, &h), "extensions: [qemu-guest-agent]");
        let old = EXAMPLE.replace("v1.12.0", "v1.11.3");
        let h = hover_yaml(&old, "version");
        assert!(h.markdown.contains("machine.network.interfaces[].vip"));
    }

    #[test]
    fn diagnostics_come_with_the_rule_explanation() {
        let text = EXAMPLE.replace("bridge: vmbr0", "brige: vmbr0");
        let h = hover_yaml(&text, "brige");
        assert_eq!(spanned(&text, &h), "brige");
        let why = crate::rules::info(crate::diagnostics::Rule::UnknownField).why;
        assert!(h.markdown.starts_with(
            "**error** `unknown-field`: unknown field `brige` in `network`; did you mean `bridge`?"
        ), "{}", h.markdown);
        assert!(h.markdown.contains(why));
        assert!(h.markdown.contains("Quick fix: Rename to `bridge`"));
    }

    #[test]
    fn one_explanation_per_rule() {
        let text = EXAMPLE.replace("ha_vip_interface: eth0", "ha_vip: 10.10.200.5");
        let h = hover_yaml(&text, "10.10.200.5");
        let (problems, value) = h.markdown.split_once("\n\n---\n\n").unwrap();
        // One diagnostic for the three control planes it affects.
        assert_eq!(
            problems.matches("**error** `vip-outside-subnet`").count(),
            1
        );
        assert!(
            problems.contains("controlplane-1, controlplane-2, controlplane-3"),
            "{problems}"
        );
        let why = crate::rules::info(crate::diagnostics::Rule::VipOutsideSubnet).why;
        assert_eq!(problems.matches(why).count(), 1, "{problems}");
        assert_eq!(problems.matches("Quick fix:").count(), 1, "{problems}");
        assert!(value.starts_with("**HA VIP** 10.10.200.5"));
    }

    #[test]
    fn problems_and_values_together() {
        let text = EXAMPLE.replace("vm_base_id: 700", "vm_base_id: 50");
        let h = hover_yaml(&text, "50");
        assert!(
            h.markdown.starts_with("**error** `vm-id-out-of-range`"),
            "{}",
            h.markdown
        );
        assert!(h
            .markdown
            .contains("\n\n---\n\n**VM IDs** from `vm_base_id` 50"));
        assert!(h.markdown.contains("| worker-1 | 60 |"));
        assert_eq!(spanned(&text, &h), "vm_base_id: 50");
    }

    #[test]
    fn json_and_nothing_to_say() {
        let json = include_str!("../examples/terraform.tfvars.json");
        let h = hover(json, Format::Json, at(json, "\"vm_base_id\"")).unwrap();
        assert_eq!(spanned(json, &h), "\"vm_base_id\": 700");
        assert!(h.markdown.contains("| worker-1 | 710 |"));
        // A comment line says nothing.
        assert_eq!(hover(EXAMPLE, Format::Yaml, 3), None);
        // An empty text has only its problem to show.
        let empty = hover("", Format::Yaml, 0).unwrap();
        assert!(empty.markdown.starts_with("**error** `missing-field`"));
    }

    #[cfg(feature = "hcl")]
    #[test]
    fn terraform_files_hover_per_module_block() {
        let text = include_str!("../tests/hcl/several-modules.tf");
        let staging = at(text, "vm_base_id = 900");
        let h = hover(text, Format::Hcl, staging).unwrap();
        assert_eq!(spanned(text, &h), "vm_base_id = 900");
        assert!(h.markdown.contains("| controlplane-1 | 900 |"));
        assert!(h.markdown.contains("| worker-1 | 910 |"));
        assert!(!h.markdown.contains("800"));
        let prod = at(text, "vm_base_id = 800");
        let h = hover(text, Format::Hcl, prod).unwrap();
        assert!(h.markdown.contains("| controlplane-3 | 802 |"));
        let h = hover(text, Format::Hcl, at(text, "ha_vip     = \"10.20.0.21\"")).unwrap();
        assert!(h.markdown.contains("**HA VIP** 10.20.0.21 on `eth0`"));
        // Outside any module block of ours: nothing.
        assert_eq!(hover(text, Format::Hcl, at(text, "brige")), None);
    }

    #[test]
    fn expressions_say_why_they_are_unknown_and_what_they_skip() {
        let text = "module \"c\" {
  source = \"git::https://example.invalid/terraform-proxmox-talos-cluster.git\"
  cluster = { name = \"homelab\", node = \"pve01\", datastore = \"local-lvm\", vm_base_id = 700 }
  image = { version = var.talos_version, extensions = [\"qemu-guest-agent\"] }
  network = { cidr = \"10.10.100.0/24\", gateway = \"10.10.100.1\", dns_servers = [\"1.1.1.1\"] }
  controlplane = { count = 1, specs = { cpu = 4, memory = 4096, disk = 100 } }
  worker = { count = local.workers, specs = { cpu = 2, memory = 4096, disk = 100 } }
}
";
        let h = hover(text, Format::Hcl, at(text, "talos_version")).expect("a hover");
        assert_eq!(spanned(text, &h), "var.talos_version");
        assert!(
            // After the `unknown-values` note that names it with the file's other unknowns.
            h.markdown
                .contains("\n**Terraform expression** `var.talos_version` in `image.version`"),
            "{}",
            h.markdown
        );
        assert!(h.markdown.contains("known only when Terraform runs"));
        assert!(h
            .markdown
            .contains("Not planned: the image URLs and the installer"));
        assert!(
            h.markdown.contains("`invalid-talos-version`"),
            "{}",
            h.markdown
        );
        // On `version =` itself, the image as far as it is known.
        let counted = text.replace("local.workers", "2");
        let h = hover(&counted, Format::Hcl, at(&counted, "version =")).expect("a hover");
        assert!(
            h.markdown.contains("Schematic ID `ce4c9805"),
            "{}",
            h.markdown
        );
        assert!(h.markdown.contains("Disk image: unknown"), "{}", h.markdown);
        let h = hover(text, Format::Hcl, at(text, "local.workers")).expect("a hover");
        assert!(h.markdown.contains("in `worker.count`"));
        assert!(
            h.markdown.contains("Not planned: the nodes"),
            "{}",
            h.markdown
        );
    }

    #[test]
    fn offsets_in_every_encoding() {
        let text = "a: \"é😀\"\nbrige: 1\n";
        let b = text.find("brige").unwrap();
        for (at, encoding) in [
            (At::Offset(9), PositionEncoding::Utf16),
            (At::Offset(8), PositionEncoding::Utf32),
            (At::Offset(b), PositionEncoding::Utf8),
            (
                At::Position(Position {
                    line: 1,
                    character: 0,
                }),
                PositionEncoding::Utf16,
            ),
        ] {
            assert_eq!(byte_offset(text, at, encoding), b, "{at:?} {encoding:?}");
        }
        // Inside the surrogate pair: the emoji's start; past the end: the end.
        assert_eq!(
            byte_offset(text, At::Offset(6), PositionEncoding::Utf16),
            text.find('😀').unwrap()
        );
        assert_eq!(
            byte_offset(text, At::Offset(999), PositionEncoding::Utf16),
            text.len()
        );
    }

    #[test]
    fn every_offset_of_odd_inputs_is_safe() {
        let texts = [
            EXAMPLE.to_owned(),
            EXAMPLE.replace("count: 3", "count: 10000"),
            "cluster: [\n".to_owned(),
            "controlplane:\n  overrides:\n    controlplane-1: { vm_id: x, network: { ip_address: é } }\n"
                .to_owned(),
            "{\"cluster\": 3, \"worker\": {\"count\": \"2\"}}".to_owned(),
            "é😀: |\n  x\n".to_owned(),
        ];
        for text in &texts {
            for format in [Format::Yaml, Format::Json] {
                let file = analyze_file(text, format);
                for offset in 0..=text.len() + 2 {
                    if let Some(h) = hover_in(text, format, &file, offset) {
                        assert!(h.span.start <= h.span.end && h.span.end <= text.len());
                        assert!(!h.markdown.is_empty());
                    }
                }
            }
        }
    }

    #[test]
    fn large_plans_are_summarised() {
        let text = EXAMPLE.replace("count: 2", "count: 5000");
        let h = hover_yaml(&text, "vm_base_id");
        assert!(
            h.markdown.contains("… and 4987 more nodes."),
            "{}",
            h.markdown
        );
        assert!(h.markdown.lines().count() < 40);
    }

    #[test]
    fn user_text_stays_inert() {
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(code("x\ny"), "`x y`");
        assert_eq!(cell("`a|b`"), "`a\\|b`");
    }
}
