//! The wire types: what crosses into JavaScript, typed by `tsify` for the `.d.ts`.
//! They mirror the core's serialised types field by field; `convert.rs` fills them,
//! mostly with borrowed text, and `tape.rs` and `build.js` carry the per-keystroke ones
//! across (`build.js` knows their fields in this order).

use std::net::IpAddr;

use serde::{Deserialize, Serialize, Serializer};
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
    /// Rule levels, as the CLI's `--allow/--warn/--deny`: a rule id (or `all`) to
    /// `allow` (not reported), `warn` or `deny` (an error). A rule named on its own wins
    /// over `all`; `syntax-error` cannot be changed.
    /// (Read from the JavaScript object directly, in `convert.rs`.)
    #[tsify(optional, type = "Record<string, RuleLevel>")]
    pub rules: Option<serde::de::IgnoredAny>,
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
pub struct TextEdit<'a> {
    pub range: Range,
    /// Byte offsets into the UTF-8 source.
    pub span: Offsets,
    /// Offsets from the start of the text in the chosen encoding (with `utf-16`, the
    /// positions CodeMirror and `String.prototype.slice` use).
    pub offsets: Offsets,
    pub new_text: &'a str,
}

/// A repair offered by a rule.
#[derive(Serialize, Tsify)]
pub struct Fix<'a> {
    pub title: &'a str,
    pub edits: Vec<TextEdit<'a>>,
}

/// Another place that explains a diagnostic.
#[derive(Serialize, Tsify)]
pub struct Related<'a> {
    pub message: &'a str,
    pub range: Range,
    pub span: Offsets,
    pub offsets: Offsets,
}

/// One problem in a config.
#[derive(Serialize, Tsify)]
pub struct Diagnostic<'a> {
    /// The rule id, e.g. `unknown-field` (see `rules()`).
    pub code: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub range: Range,
    /// Byte offsets into the UTF-8 source.
    pub span: Offsets,
    /// Offsets in the chosen encoding.
    pub offsets: Offsets,
    pub related: Vec<Related<'a>>,
    pub fixes: Vec<Fix<'a>>,
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
pub struct PlannedNode<'a> {
    /// `controlplane-1`, `worker-2`, ...
    pub key: &'a str,
    pub role: Role,
    pub hostname: Option<&'a str>,
    pub vm_id: Option<i64>,
    pub proxmox_node: Option<&'a str>,
    pub datastore: Option<&'a str>,
    #[tsify(type = "string | null")]
    pub ip_address: Option<IpText>,
    pub prefix: Option<u8>,
    #[tsify(type = "string | null")]
    pub gateway: Option<IpText>,
    pub vlan_id: Option<i64>,
    pub cpu: Option<i64>,
    /// MiB.
    pub memory: Option<i64>,
    /// GiB.
    pub disk: Option<i64>,
    pub install_disk: Option<&'a str>,
}

/// The Talos image from the Image Factory. The URLs are `null` while the factory,
/// version, platform or architecture is not known; the schematic needs only the
/// extensions.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct ImagePlan<'a> {
    pub schematic: &'a str,
    pub schematic_id: &'a str,
    pub disk_image_url: Option<&'a str>,
    /// Uncompressed qcow2, for Proxmox 8.4's disk import.
    pub disk_import_url: Option<&'a str>,
    pub iso_url: Option<&'a str>,
    pub installer_image: Option<&'a str>,
    pub extensions: &'a [String],
}

/// The cluster's default network.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct NetworkPlan<'a> {
    pub cidr: Option<&'a str>,
    pub prefix: Option<u8>,
    #[tsify(type = "string | null")]
    pub network_address: Option<IpText>,
    /// The last address of the prefix (the IPv4 broadcast address).
    #[tsify(type = "string | null")]
    pub last_address: Option<IpText>,
    #[tsify(type = "string | null")]
    pub gateway: Option<IpText>,
    #[tsify(type = "string[] | null")]
    pub dns_servers: Option<Vec<IpText>>,
    pub bridge: Option<&'a str>,
    pub vlan_id: Option<i64>,
}

/// The planned cluster (the CLI's `plan --format json`).
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Plan<'a> {
    pub cluster_name: Option<&'a str>,
    pub ha_vip_enabled: bool,
    /// `null` when HA is off (one control plane).
    #[tsify(type = "string | null")]
    pub ha_vip: Option<IpText>,
    pub ha_vip_interface: Option<&'a str>,
    pub cluster_endpoint: Option<&'a str>,
    /// Where talosctl connects: the control planes, never the VIP.
    pub talos_endpoints: &'a [String],
    pub nodes: Vec<PlannedNode<'a>>,
    pub image: Option<ImagePlan<'a>>,
    pub network: NetworkPlan<'a>,
}

/// Diagnostics and, unless the counts themselves are unknown, the plan, even when the
/// config has errors (a page shows what it can).
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Analysis<'a> {
    pub diagnostics: Vec<Diagnostic<'a>>,
    pub plan: Option<Plan<'a>>,
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

#[cfg(feature = "editor")]
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
    Terraform,
    Proxmox,
}

#[cfg(feature = "editor")]
/// A documentation example: a YAML overlay on the catalogue's base config, a whole
/// document, a Terraform text, or (rules of the live Proxmox) overlays on the base
/// config and the base inventory.
#[derive(Serialize, Tsify)]
#[serde(tag = "kind", content = "text", rename_all = "lowercase")]
pub enum RuleExample {
    Overlay(String),
    Document(String),
    Terraform(String),
    Live { config: String, inventory: String },
}

#[cfg(feature = "editor")]
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

#[cfg(feature = "editor")]
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

/// The result of a form edit: the new text and the edits that made it.
#[derive(Serialize, Tsify)]
pub struct EditResult<'a> {
    pub text: String,
    pub edits: Vec<TextEdit<'a>>,
}

/// An IP address, crossing as its text (`10.0.0.1`, `fd00::1`). IPv4 is written digit
/// by digit: `Display` goes through `core::fmt`, and formatting the plan's addresses
/// that way was a tenth of `analyze` in WebAssembly; an integer formatter per octet
/// still cost a copy of variable length (a `memory.copy`) per octet.
#[derive(Clone, Copy)]
pub struct IpText(pub IpAddr);

impl Serialize for IpText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let IpAddr::V4(v4) = self.0 else {
            return serializer.collect_str(&self.0);
        };
        let mut text = [0u8; 15];
        let mut len = 0;
        for (i, octet) in v4.octets().into_iter().enumerate() {
            if i > 0 {
                text[len] = b'.';
                len += 1;
            }
            if octet >= 100 {
                text[len] = b'0' + octet / 100;
                len += 1;
            }
            if octet >= 10 {
                text[len] = b'0' + octet / 10 % 10;
                len += 1;
            }
            text[len] = b'0' + octet % 10;
            len += 1;
        }
        serializer.serialize_str(std::str::from_utf8(&text[..len]).unwrap_or_default())
    }
}
