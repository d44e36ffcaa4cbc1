//! The wire types: what crosses into JavaScript, typed by `tsify` for the `.d.ts`.
//! They mirror the core's serialised types field by field; `convert.rs` fills them.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

// ---------------------------------------------------------------------------------
// Arguments

/// Options of every call that reads a config.
#[derive(Debug, Default, Deserialize, Tsify)]
#[serde(default)]
pub struct Options {
    /// The input format; inferred from the text when absent (JSON starts with `{`,
    /// Terraform has `module` blocks or `name = value` lines).
    #[tsify(optional)]
    pub format: Option<InputFormat>,
    /// How `character` and `offsets` count: `utf-16` (default; JavaScript strings,
    /// CodeMirror, LSP), `utf-8` (bytes) or `utf-32` (code points).
    #[tsify(optional)]
    pub position_encoding: Option<Encoding>,
}

#[derive(Debug, Clone, Copy, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    Yaml,
    Json,
    /// Terraform: `module` blocks of terraform-proxmox-talos-cluster, or `.tfvars`.
    Hcl,
}

#[derive(Debug, Clone, Copy, Deserialize, Tsify)]
pub enum Encoding {
    #[serde(rename = "utf-16")]
    Utf16,
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "utf-32")]
    Utf32,
}

// ---------------------------------------------------------------------------------
// Results

/// A 0-based line and a character offset in the chosen encoding (as in LSP).
#[derive(Serialize, Tsify)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

#[derive(Serialize, Tsify)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

/// A half-open `[start, end)` range of offsets.
#[derive(Serialize, Tsify)]
pub struct Offsets {
    pub start: u32,
    pub end: u32,
}

#[derive(Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

/// Replace the text of `range` with `new_text`.
#[derive(Serialize, Tsify)]
pub struct TextEdit {
    pub range: Range,
    /// Byte offsets into the UTF-8 source.
    pub span: Offsets,
    /// Offsets from the start of the text in the chosen encoding (with `utf-16`, the
    /// positions CodeMirror and `String.prototype.slice` use).
    pub offsets: Offsets,
    pub new_text: String,
}

/// A repair offered by a rule.
#[derive(Serialize, Tsify)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
}

/// Another place that explains a diagnostic.
#[derive(Serialize, Tsify)]
pub struct Related {
    pub message: String,
    pub range: Range,
    pub span: Offsets,
    pub offsets: Offsets,
}

/// One problem in a config.
#[derive(Serialize, Tsify)]
pub struct Diagnostic {
    /// The rule id, e.g. `unknown-field` (see `rules()`).
    pub code: String,
    pub severity: Severity,
    pub message: String,
    pub range: Range,
    /// Byte offsets into the UTF-8 source.
    pub span: Offsets,
    /// Offsets in the chosen encoding.
    pub offsets: Offsets,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
}

#[derive(Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Controlplane,
    Worker,
}

/// One VM of the plan.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PlannedNode {
    /// `controlplane-1`, `worker-2`, ...
    pub key: String,
    pub role: Role,
    pub hostname: Option<String>,
    pub vm_id: Option<i64>,
    pub proxmox_node: Option<String>,
    pub datastore: Option<String>,
    pub ip_address: Option<String>,
    pub prefix: Option<u8>,
    pub gateway: Option<String>,
    pub vlan_id: Option<i64>,
    pub cpu: Option<i64>,
    /// MiB.
    pub memory: Option<i64>,
    /// GiB.
    pub disk: Option<i64>,
    pub install_disk: Option<String>,
}

/// The Talos image from the Image Factory.
#[derive(Serialize, Tsify)]
pub struct ImagePlan {
    pub schematic: String,
    pub schematic_id: String,
    pub disk_image_url: String,
    /// Uncompressed qcow2, for Proxmox 8.4's disk import.
    pub disk_import_url: String,
    pub iso_url: String,
    pub installer_image: String,
    pub extensions: Vec<String>,
}

/// The cluster's default network.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct NetworkPlan {
    pub cidr: Option<String>,
    pub prefix: Option<u8>,
    pub network_address: Option<String>,
    /// The last address of the prefix (the IPv4 broadcast address).
    pub last_address: Option<String>,
    pub gateway: Option<String>,
    pub dns_servers: Option<Vec<String>>,
    pub bridge: Option<String>,
    pub vlan_id: Option<i64>,
}

/// The planned cluster (the CLI's `plan --format json`).
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Plan {
    pub cluster_name: Option<String>,
    pub ha_vip_enabled: bool,
    /// `null` when HA is off (one control plane).
    pub ha_vip: Option<String>,
    pub ha_vip_interface: Option<String>,
    pub cluster_endpoint: Option<String>,
    /// Where talosctl connects: the control planes, never the VIP.
    pub talos_endpoints: Vec<String>,
    pub nodes: Vec<PlannedNode>,
    pub image: Option<ImagePlan>,
    pub network: NetworkPlan,
}

/// Diagnostics and, unless the counts themselves are unknown, the plan, even when the
/// config has errors (a page shows what it can).
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Analysis {
    pub diagnostics: Vec<Diagnostic>,
    pub plan: Option<Plan>,
}

#[derive(Serialize, Tsify)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum PatchOrigin {
    Template,
    /// `cluster.config_patches[index]`.
    User {
        index: usize,
    },
}

/// One patch file.
#[derive(Serialize, Tsify)]
pub struct RenderedPatch {
    /// Sorts in application order (`01-install-disk.yaml`).
    pub name: String,
    pub content: String,
    pub origin: PatchOrigin,
}

/// One node's patches, in the order Talos applies them.
#[derive(Serialize, Tsify)]
pub struct RenderedNode {
    pub key: String,
    pub role: Role,
    pub hostname: String,
    pub patches: Vec<RenderedPatch>,
}

#[derive(Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Structure,
    Cluster,
    Addresses,
    Vip,
    Topology,
    Resources,
    Image,
    Proxmox,
}

/// A documentation example: a YAML overlay on the catalogue's base config, a whole
/// document, or (rules of the live Proxmox) overlays on the base config and the base
/// inventory.
#[derive(Serialize, Tsify)]
#[serde(tag = "kind", content = "text", rename_all = "lowercase")]
pub enum RuleExample {
    Overlay(String),
    Document(String),
    Live { config: String, inventory: String },
}

/// One rule of the catalogue.
#[derive(Serialize, Tsify)]
pub struct RuleInfo {
    pub id: String,
    pub severity: Severity,
    pub category: Category,
    pub summary: String,
    pub why: String,
    pub example: RuleExample,
    pub valid: RuleExample,
    pub fixable: bool,
}

/// A built-in example config.
#[derive(Serialize, Tsify)]
pub struct BuiltInExample {
    pub name: String,
    pub file: String,
    pub text: String,
}

/// What an editor shows for one place in a config.
#[derive(Serialize, Tsify)]
pub struct Hover {
    /// Markdown: the diagnostics there with their rules' explanations, then the planned
    /// value the entry resolves to (VM IDs, addresses, the VIP, the node, the image).
    pub contents: String,
    /// The text the hover is about.
    pub range: Range,
    /// Byte offsets into the UTF-8 source.
    pub span: Offsets,
    /// Offsets in the chosen encoding.
    pub offsets: Offsets,
}

/// A position argument (the wire `Position` only serialises). Other keys are ignored:
/// serde-wasm-bindgen reads only the fields it knows.
#[derive(Deserialize)]
pub(crate) struct PositionArg {
    pub line: u32,
    pub character: u32,
}

/// The result of a form edit: the new text and the edits that made it.
#[derive(Serialize, Tsify)]
pub struct EditResult {
    pub text: String,
    pub edits: Vec<TextEdit>,
}
