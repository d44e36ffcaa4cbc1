//! The WebAssembly facade (wasm-bindgen): the planner for the web page and editors.
//!
//! Thin on purpose: it picks the format and position encoding, calls the crate root,
//! and converts results into plain JSON-compatible objects. The core speaks byte spans;
//! here they gain LSP ranges (0-based line, character in the chosen encoding) and
//! offsets in the same units (with UTF-16, the default, these are JavaScript string
//! indices and CodeMirror positions).
//!
//! The wire types below mirror the core's serialised types field by field (converted,
//! never re-computed). They exist so that `tsify` can type every argument and result in
//! the generated `.d.ts`; the package's tests compare their JSON with the CLI's, so a
//! field added to the core and missed here is caught.
//!
//! Values cross as JSON (`serde_json` then `JSON.parse`): every number the core holds
//! fits, whereas a 64-bit integer beyond 2^53 would make a JS-value serializer fail.
//! Nothing here panics on input: bad arguments throw a JavaScript `Error`.

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::config::RoleKind;
use crate::diagnostics::{self, LineIndex, PositionEncoding};
use crate::edit::{self, Scalar};
use crate::Format;

/// Runs when the module is instantiated: a bug that panics logs its message to the
/// console before the module traps.
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

#[wasm_bindgen(typescript_custom_section)]
const JSON_VALUE: &'static str = r#"
/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** A scalar a form can write into the config; `null` removes the key. */
export type ConfigScalar = string | number | boolean | null;
"#;

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

/// The options of one call, resolved.
struct Call {
    format: Format,
    encoding: PositionEncoding,
}

impl Call {
    fn new(source: &str, options: Option<Ts<Options>>) -> Result<Call, JsValue> {
        let options = match options {
            Some(o) => {
                reject_unknown_keys(&o.js_value())?;
                o.to_rust()
                    .map_err(|e| error(&format!("invalid options: {e}")))?
            }
            None => Options::default(),
        };
        Ok(Call {
            format: match options.format {
                Some(InputFormat::Yaml) => Format::Yaml,
                Some(InputFormat::Json) => Format::Json,
                Some(InputFormat::Hcl) => Format::Hcl,
                None => Format::sniff(source),
            },
            encoding: match options.position_encoding {
                None | Some(Encoding::Utf16) => PositionEncoding::Utf16,
                Some(Encoding::Utf8) => PositionEncoding::Utf8,
                Some(Encoding::Utf32) => PositionEncoding::Utf32,
            },
        })
    }
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
}

/// A documentation example: a YAML overlay on the catalogue's base config, or a whole
/// document.
#[derive(Serialize, Tsify)]
#[serde(tag = "kind", content = "text", rename_all = "lowercase")]
pub enum RuleExample {
    Overlay(String),
    Document(String),
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
struct PositionArg {
    line: u32,
    character: u32,
}

/// The result of a form edit: the new text and the edits that made it.
#[derive(Serialize, Tsify)]
pub struct EditResult {
    pub text: String,
    pub edits: Vec<TextEdit>,
}

// ---------------------------------------------------------------------------------
// Exports

/// The diagnostics of a config, sorted by position.
#[wasm_bindgen]
pub fn lint(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    options: Option<Ts<Options>>,
) -> Result<Vec<Ts<Diagnostic>>, JsValue> {
    let source = &text(&source, "source")?;
    let call = Call::new(source, options)?;
    let diagnostics = crate::lint(source, call.format);
    let at = Positions::new(source, call.encoding);
    let converted: Vec<Diagnostic> = diagnostics.iter().map(|d| at.diagnostic(d)).collect();
    // One JSON round trip for the whole list: crossing into JavaScript once per
    // diagnostic costs more than linting does.
    let array: js_sys::Array = to_js(&converted)?.unchecked_into();
    Ok(array.iter().map(Ts::new_unchecked).collect())
}

/// Diagnostics and the plan in one pass (the plan even when there are errors).
#[wasm_bindgen]
pub fn analyze(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    options: Option<Ts<Options>>,
) -> Result<Ts<Analysis>, JsValue> {
    let source = &text(&source, "source")?;
    let call = Call::new(source, options)?;
    let analysis = crate::analyze(source, call.format);
    let at = Positions::new(source, call.encoding);
    to_ts(&Analysis {
        diagnostics: analysis
            .diagnostics
            .iter()
            .map(|d| at.diagnostic(d))
            .collect(),
        plan: analysis.plan.as_ref().map(plan_wire),
    })
}

/// The plan of a config without errors. Throws an `Error` named `ConfigError`, with
/// the `diagnostics`, when the config has errors (as the CLI refuses to plan).
#[wasm_bindgen]
pub fn plan(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    options: Option<Ts<Options>>,
) -> Result<Ts<Plan>, JsValue> {
    let source = &text(&source, "source")?;
    let call = Call::new(source, options)?;
    let analysis = crate::analyze(source, call.format);
    match &analysis.plan {
        Some(plan) if !analysis.has_errors() => to_ts(&plan_wire(plan)),
        _ => Err(config_error(source, &call, &analysis.diagnostics)),
    }
}

/// Every node's Talos patches. Throws a `ConfigError` (with `diagnostics`) when the
/// config has errors.
#[wasm_bindgen]
pub fn render(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    options: Option<Ts<Options>>,
) -> Result<Vec<Ts<RenderedNode>>, JsValue> {
    let source = &text(&source, "source")?;
    let call = Call::new(source, options)?;
    let nodes = match crate::render(source, call.format) {
        Ok(nodes) => nodes,
        Err(crate::RenderFailure::Diagnostics(diagnostics)) => {
            return Err(config_error(source, &call, &diagnostics))
        }
        Err(crate::RenderFailure::Render(e)) => return Err(error(&e.to_string())),
    };
    nodes
        .into_iter()
        .map(|n| {
            to_ts(&RenderedNode {
                key: n.key,
                role: role(n.role),
                hostname: n.hostname,
                patches: n
                    .patches
                    .into_iter()
                    .map(|p| RenderedPatch {
                        name: p.name,
                        content: p.content,
                        origin: match p.origin {
                            crate::render::PatchOrigin::Template => PatchOrigin::Template,
                            crate::render::PatchOrigin::User { index } => {
                                PatchOrigin::User { index }
                            }
                        },
                    })
                    .collect(),
            })
        })
        .collect()
}

/// The hover at `at`: an offset in the chosen encoding (with `utf-16`, a JavaScript
/// string index) or an LSP-style `{ line, character }`. `null` where there is nothing
/// to say.
#[wasm_bindgen(unchecked_return_type = "Hover | null")]
pub fn hover(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | Position")] at: JsValue,
    options: Option<Ts<Options>>,
) -> Result<JsValue, JsValue> {
    let source = &text(&source, "source")?;
    let call = Call::new(source, options)?;
    let offset = crate::hover::byte_offset(source, hover_at(&at)?, call.encoding);
    let Some(found) = crate::hover::hover(source, call.format, offset) else {
        return Ok(JsValue::NULL);
    };
    let (range, span, offsets) = Positions::new(source, call.encoding).locate(found.span);
    to_js(&Hover {
        contents: found.markdown,
        range,
        span,
        offsets,
    })
}

/// The JSON Schema (draft-07) of the config.
#[wasm_bindgen(unchecked_return_type = "{ [key: string]: JsonValue }")]
pub fn schema() -> Result<JsValue, JsValue> {
    to_js(&crate::schema())
}

/// The rule catalogue.
#[wasm_bindgen]
pub fn rules() -> Result<Vec<Ts<RuleInfo>>, JsValue> {
    crate::rules()
        .iter()
        .map(|r| {
            to_ts(&RuleInfo {
                id: r.id.to_owned(),
                severity: severity(r.severity),
                category: match r.category {
                    crate::rules::Category::Structure => Category::Structure,
                    crate::rules::Category::Cluster => Category::Cluster,
                    crate::rules::Category::Addresses => Category::Addresses,
                    crate::rules::Category::Vip => Category::Vip,
                    crate::rules::Category::Topology => Category::Topology,
                    crate::rules::Category::Resources => Category::Resources,
                    crate::rules::Category::Image => Category::Image,
                },
                summary: r.summary.to_owned(),
                why: r.why.to_owned(),
                example: example(r.example),
                valid: example(r.valid),
                fixable: r.fixable,
            })
        })
        .collect()
}

/// This package's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::version().to_owned()
}

/// The built-in example configs, the default first.
#[wasm_bindgen]
pub fn examples() -> Result<Vec<Ts<BuiltInExample>>, JsValue> {
    crate::examples::EXAMPLES
        .iter()
        .map(|(name, file, text)| {
            to_ts(&BuiltInExample {
                name: (*name).to_owned(),
                file: (*file).to_owned(),
                text: (*text).to_owned(),
            })
        })
        .collect()
}

/// Sets the scalar at `path` (e.g. `["controlplane", "count"]`), inserting the key and
/// any missing parents; `null` removes the key. The rest of the text is kept byte for
/// byte. Throws when the text does not parse or a parent is not a mapping.
#[wasm_bindgen(js_name = setValue)]
pub fn set_value(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string[]")] path: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ConfigScalar")] value: JsValue,
    options: Option<Ts<Options>>,
) -> Result<Ts<EditResult>, JsValue> {
    let source = &text(&source, "source")?;
    let call = Call::new(source, options)?;
    let path: Vec<String> = serde_wasm_bindgen::from_value(path)
        .map_err(|e| error(&format!("path must be an array of strings: {e}")))?;
    let value = scalar_from_js(&value)?;
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    let edits = edit::set(source, call.format, &path, &value).map_err(|e| error(&e.to_string()))?;
    let text = diagnostics::apply_edits(source, &edits)
        .ok_or_else(|| error("internal error: the edits overlap"))?;
    let at = Positions::new(source, call.encoding);
    to_ts(&EditResult {
        text,
        edits: edits.iter().map(|e| at.edit(e)).collect(),
    })
}

/// The scalars written at each path (`null` where there is none, or it is a list or
/// mapping, or the text does not parse).
#[wasm_bindgen(js_name = getValues, unchecked_return_type = "ConfigScalar[]")]
pub fn get_values(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string[][]")] paths: JsValue,
    options: Option<Ts<Options>>,
) -> Result<JsValue, JsValue> {
    let source = &text(&source, "source")?;
    let call = Call::new(source, options)?;
    let paths: Vec<Vec<String>> = serde_wasm_bindgen::from_value(paths)
        .map_err(|e| error(&format!("paths must be arrays of strings: {e}")))?;
    let root = edit::read(source, call.format).ok();
    let values: Vec<serde_json::Value> = paths
        .iter()
        .map(|path| {
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            match root.as_ref().and_then(|root| edit::lookup(root, &path)) {
                Some(Scalar::Bool(b)) => serde_json::Value::Bool(b),
                Some(Scalar::Int(i)) => serde_json::Value::from(i),
                Some(Scalar::String(s)) => serde_json::Value::String(s),
                Some(Scalar::Null) | None => serde_json::Value::Null,
            }
        })
        .collect();
    to_js(&values)
}

/// The config as `terraform.tfvars.json` for terraform-proxmox-talos-cluster.
#[wasm_bindgen(js_name = exportTfvarsJson)]
pub fn export_tfvars_json(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    options: Option<Ts<Options>>,
) -> Result<String, JsValue> {
    let source = &text(&source, "source")?;
    let call = Call::new(source, options)?;
    crate::export::tfvars_json(source, call.format).map_err(|e| error(&e.to_string()))
}

/// The config as a Terraform `module` block for terraform-proxmox-talos-cluster.
#[wasm_bindgen(js_name = exportModule)]
pub fn export_module(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] name: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: Option<Ts<Options>>,
) -> Result<String, JsValue> {
    let source = &text(&source, "source")?;
    let call = Call::new(source, options)?;
    let name = match name.filter(|n| !n.is_null() && !n.is_undefined()) {
        Some(n) => text(&n, "name")?,
        None => crate::export::DEFAULT_MODULE_NAME.to_owned(),
    };
    let name = name.as_str();
    crate::export::module_block(source, call.format, name).map_err(|e| error(&e.to_string()))
}

// ---------------------------------------------------------------------------------
// Conversions

/// A string argument. Arguments are taken as `JsValue` and checked here because
/// wasm-bindgen's glue for `&str` reads whatever it is given as a string, and a number
/// passed by untyped JavaScript then corrupts the module's memory.
fn text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| js_sys::TypeError::new(&format!("{what} must be a string")).into())
}

/// A hover's place: a non-negative integer offset, or a `{ line, character }` object.
fn hover_at(value: &JsValue) -> Result<crate::hover::At, JsValue> {
    if let Some(n) = value.as_f64() {
        if n >= 0.0 && n.fract() == 0.0 {
            // Saturating: an offset past the end is clamped to it anyway.
            return Ok(crate::hover::At::Offset(n as usize));
        }
        return Err(error(&format!("{n} is not an offset")));
    }
    if value.is_object() {
        let p: PositionArg = serde_wasm_bindgen::from_value(value.clone())
            .map_err(|e| error(&format!("invalid position: {e}")))?;
        return Ok(crate::hover::At::Position(crate::Position {
            line: p.line,
            character: p.character,
        }));
    }
    Err(
        js_sys::TypeError::new("the place must be an offset or a { line, character } position")
            .into(),
    )
}

fn error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

/// A `ConfigError` carrying the config's diagnostics.
fn config_error(source: &str, call: &Call, found: &[crate::Diagnostic]) -> JsValue {
    let errors = found
        .iter()
        .filter(|d| d.severity == crate::Severity::Error)
        .count();
    let first = found
        .iter()
        .find(|d| d.severity == crate::Severity::Error)
        .map(|d| format!(": {} ({})", d.message, d.code()))
        .unwrap_or_default();
    let err = js_sys::Error::new(&format!("the config has {errors} error(s){first}"));
    err.set_name("ConfigError");
    let at = Positions::new(source, call.encoding);
    let list: Vec<Diagnostic> = found.iter().map(|d| at.diagnostic(d)).collect();
    if let Ok(value) = to_js(&list) {
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str("diagnostics"), &value);
    }
    err.into()
}

/// serde-wasm-bindgen only looks up the fields it knows, so a misspelt option
/// (`formt`) would be ignored silently; name it instead.
fn reject_unknown_keys(options: &JsValue) -> Result<(), JsValue> {
    if !options.is_object() {
        return Ok(()); // to_rust reports the wrong type
    }
    for key in js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !matches!(key.as_str(), "format" | "position_encoding") {
            return Err(error(&format!(
                "invalid options: unknown option `{key}`, expected `format` or `position_encoding`"
            )));
        }
    }
    Ok(())
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| error(&e.to_string()))?;
    js_sys::JSON::parse(&text)
}

fn to_ts<T: Serialize + Tsify>(value: &T) -> Result<Ts<T>, JsValue> {
    to_js(value).map(Ts::new_unchecked)
}

fn scalar_from_js(value: &JsValue) -> Result<Scalar, JsValue> {
    if value.is_null() || value.is_undefined() {
        return Ok(Scalar::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Scalar::Bool(b));
    }
    if let Some(s) = value.as_string() {
        return Ok(Scalar::String(s));
    }
    if let Some(n) = value.as_f64() {
        // Only integers that a double holds exactly.
        if n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0 {
            return Ok(Scalar::Int(n as i64));
        }
        return Err(error(&format!(
            "{n} is not an integer this config can hold"
        )));
    }
    Err(error(
        "a config value must be a string, an integer, a boolean or null",
    ))
}

fn severity(s: crate::Severity) -> Severity {
    match s {
        crate::Severity::Error => Severity::Error,
        crate::Severity::Warning => Severity::Warning,
        crate::Severity::Info => Severity::Info,
        crate::Severity::Hint => Severity::Hint,
    }
}

fn role(r: RoleKind) -> Role {
    match r {
        RoleKind::Controlplane => Role::Controlplane,
        RoleKind::Worker => Role::Worker,
    }
}

fn example(e: crate::rules::Example) -> RuleExample {
    match e {
        crate::rules::Example::Overlay(t) => RuleExample::Overlay(t.to_owned()),
        crate::rules::Example::Document(t) => RuleExample::Document(t.to_owned()),
    }
}

fn ip(ip: Option<std::net::IpAddr>) -> Option<String> {
    ip.map(|i| i.to_string())
}

fn plan_wire(p: &crate::Plan) -> Plan {
    let n = &p.network;
    Plan {
        cluster_name: p.cluster_name.clone(),
        ha_vip_enabled: p.ha_vip_enabled,
        ha_vip: ip(p.ha_vip),
        ha_vip_interface: p.ha_vip_interface.clone(),
        cluster_endpoint: p.cluster_endpoint.clone(),
        talos_endpoints: p.talos_endpoints.clone(),
        nodes: p
            .nodes
            .iter()
            .map(|n| PlannedNode {
                key: n.key.clone(),
                role: role(n.role),
                hostname: n.hostname.clone(),
                vm_id: n.vm_id,
                proxmox_node: n.proxmox_node.clone(),
                datastore: n.datastore.clone(),
                ip_address: ip(n.ip_address),
                prefix: n.prefix,
                gateway: ip(n.gateway),
                vlan_id: n.vlan_id,
                cpu: n.cpu,
                memory: n.memory,
                disk: n.disk,
                install_disk: n.install_disk.clone(),
            })
            .collect(),
        image: p.image.as_ref().map(|i| ImagePlan {
            schematic: i.schematic.clone(),
            schematic_id: i.schematic_id.clone(),
            disk_image_url: i.disk_image_url.clone(),
            disk_import_url: i.disk_import_url.clone(),
            iso_url: i.iso_url.clone(),
            installer_image: i.installer_image.clone(),
            extensions: i.extensions.clone(),
        }),
        network: NetworkPlan {
            cidr: n.cidr.clone(),
            prefix: n.prefix,
            network_address: ip(n.network_address),
            last_address: ip(n.last_address),
            gateway: ip(n.gateway),
            dns_servers: n
                .dns_servers
                .as_ref()
                .map(|d| d.iter().map(|a| a.to_string()).collect()),
            bridge: n.bridge.clone(),
            vlan_id: n.vlan_id,
        },
    }
}

/// Byte spans to positions and offsets in one encoding.
struct Positions<'a> {
    index: LineIndex<'a>,
    encoding: PositionEncoding,
    /// Where each line starts, in the encoding's units (empty for UTF-8: bytes).
    line_units: Vec<u32>,
}

impl<'a> Positions<'a> {
    fn new(text: &'a str, encoding: PositionEncoding) -> Self {
        let mut line_units = Vec::new();
        if encoding != PositionEncoding::Utf8 {
            let mut units = 0u32;
            line_units.push(0);
            for c in text.chars() {
                units = units.saturating_add(match encoding {
                    PositionEncoding::Utf16 => c.len_utf16() as u32,
                    _ => 1,
                });
                if c == '\n' {
                    line_units.push(units);
                }
            }
        }
        Positions {
            index: LineIndex::new(text),
            encoding,
            line_units,
        }
    }

    fn position(&self, offset: usize) -> (Position, u32) {
        let p = self.index.position(offset, self.encoding);
        let units = match self.encoding {
            PositionEncoding::Utf8 => {
                let line_start = self.index.line_start(p.line as usize);
                u32::try_from(line_start)
                    .unwrap_or(u32::MAX)
                    .saturating_add(p.character)
            }
            _ => self
                .line_units
                .get(p.line as usize)
                .copied()
                .unwrap_or(0)
                .saturating_add(p.character),
        };
        (
            Position {
                line: p.line,
                character: p.character,
            },
            units,
        )
    }

    /// (range, byte span, offsets in the encoding)
    fn locate(&self, span: diagnostics::Span) -> (Range, Offsets, Offsets) {
        let (start, start_units) = self.position(span.start);
        let (end, end_units) = self.position(span.end);
        let bytes = |o: usize| u32::try_from(o).unwrap_or(u32::MAX);
        (
            Range { start, end },
            Offsets {
                start: bytes(span.start),
                end: bytes(span.end),
            },
            Offsets {
                start: start_units,
                end: end_units,
            },
        )
    }

    fn edit(&self, e: &diagnostics::TextEdit) -> TextEdit {
        let (range, span, offsets) = self.locate(e.span);
        TextEdit {
            range,
            span,
            offsets,
            new_text: e.new_text.clone(),
        }
    }

    fn diagnostic(&self, d: &crate::Diagnostic) -> Diagnostic {
        let (range, span, offsets) = self.locate(d.span);
        Diagnostic {
            code: d.code().to_owned(),
            severity: severity(d.severity),
            message: d.message.clone(),
            range,
            span,
            offsets,
            related: d
                .related
                .iter()
                .map(|r| {
                    let (range, span, offsets) = self.locate(r.span);
                    Related {
                        message: r.message.clone(),
                        range,
                        span,
                        offsets,
                    }
                })
                .collect(),
            fixes: d
                .fixes
                .iter()
                .map(|f| Fix {
                    title: f.title.clone(),
                    edits: f.edits.iter().map(|e| self.edit(e)).collect(),
                })
                .collect(),
        }
    }
}
