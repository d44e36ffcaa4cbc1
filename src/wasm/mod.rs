//! The WebAssembly facade (wasm-bindgen): the planner for the web page and editors.
//!
//! Thin on purpose: it picks the format and position encoding, calls the crate root,
//! and converts results into plain JSON-compatible objects. The core speaks byte spans;
//! here they gain LSP ranges (0-based line, character in the chosen encoding) and
//! offsets in the same units (with UTF-16, the default, these are JavaScript string
//! indices and CodeMirror positions).
//!
//! The wire types (`wire.rs`) mirror the core's serialised types field by field (converted,
//! never re-computed). They exist so that `tsify` can type every argument and result in
//! the generated `.d.ts`; the package's tests compare their JSON with the CLI's, so a
//! field added to the core and missed here is caught.
//!
//! The results of the per-keystroke calls (`lint`, `analyze`, `plan`, `render`,
//! `hover`, `setValue`) cross as a tape of numbers and strings that `build.js` turns
//! into objects (`tape.rs` says why); the rest as JSON (`serde_json` then `JSON.parse`).
//! Both give the same values: every number the core holds fits, whereas a 64-bit
//! integer beyond 2^53 would make a JS-value serializer fail.
//! Nothing here panics on input: bad arguments throw a JavaScript `Error`.

mod convert;
#[cfg(feature = "secrets")]
mod secrets;
mod tape;
mod wire;

use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::diagnostics;
use crate::edit::{self, Scalar};
use convert::{
    config_error, error, plan_wire, rendered_node, scalar_from_js, strings, text, Call, Positions,
};
#[cfg(feature = "editor")]
use convert::{hover_at, rule_info, to_js, to_ts};
use wire::*;

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
/** A rule's level: `allow` (not reported), `warn`, `deny` (reported as an error). */
export type RuleLevel = "allow" | "warn" | "deny";
"#;

// ---------------------------------------------------------------------------------
// Exports

/// The diagnostics of a config, sorted by position.
#[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
pub fn lint(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    options: Option<Ts<Options>>,
) -> Result<JsValue, JsValue> {
    let source = &text(&source, "source")?;
    let call = Call::new(source, options)?;
    let diagnostics = crate::lint_with(source, call.format, &call.levels);
    let at = Positions::new(source, call.encoding);
    let converted: Vec<Diagnostic> = diagnostics.iter().map(|d| at.diagnostic(d)).collect();
    // One crossing for the whole list: crossing into JavaScript once per diagnostic
    // costs more than linting does.
    tape::cross(&converted)
}

/// Diagnostics and the plan in one pass (the plan even when there are errors).
#[wasm_bindgen]
pub fn analyze(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    options: Option<Ts<Options>>,
) -> Result<Ts<Analysis<'static>>, JsValue> {
    let source = &text(&source, "source")?;
    let call = Call::new(source, options)?;
    let analysis = crate::analyze_with(source, call.format, &call.levels);
    let at = Positions::new(source, call.encoding);
    let analysis = Analysis {
        diagnostics: analysis
            .diagnostics
            .iter()
            .map(|d| at.diagnostic(d))
            .collect(),
        plan: analysis.plan.as_ref().map(plan_wire),
    };
    tape::cross(&analysis).map(Ts::new_unchecked)
}

/// The plan of a config without errors. Throws an `Error` named `ConfigError`, with
/// the `diagnostics`, when the config has errors (as the CLI refuses to plan).
#[wasm_bindgen]
pub fn plan(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    options: Option<Ts<Options>>,
) -> Result<Ts<Plan<'static>>, JsValue> {
    let source = &text(&source, "source")?;
    let call = Call::new(source, options)?;
    let analysis = crate::analyze_with(source, call.format, &call.levels);
    match &analysis.plan {
        Some(plan) if !analysis.has_errors() => {
            tape::cross(&plan_wire(plan)).map(Ts::new_unchecked)
        }
        _ => Err(config_error(source, &call, &analysis.diagnostics)),
    }
}

/// Every node's Talos patches. Throws a `ConfigError` (with `diagnostics`) when the
/// config has errors.
#[wasm_bindgen(unchecked_return_type = "RenderedNode[]")]
pub fn render(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    options: Option<Ts<Options>>,
) -> Result<JsValue, JsValue> {
    let source = &text(&source, "source")?;
    let call = Call::new(source, options)?;
    let nodes = match crate::render_with(source, call.format, &call.levels) {
        Ok(nodes) => nodes,
        Err(crate::RenderFailure::Diagnostics(diagnostics)) => {
            return Err(config_error(source, &call, &diagnostics))
        }
        Err(crate::RenderFailure::Render(e)) => return Err(error(&e.to_string())),
    };
    let nodes: Vec<RenderedNode> = nodes.into_iter().map(rendered_node).collect();
    tape::cross(&nodes)
}

/// The hover at `at`: an offset in the chosen encoding (with `utf-16`, a JavaScript
/// string index) or an LSP-style `{ line, character }`. `null` where there is nothing
/// to say.
#[cfg(feature = "editor")]
#[wasm_bindgen(unchecked_return_type = "Hover | null")]
pub fn hover(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | Position")] at: JsValue,
    options: Option<Ts<Options>>,
) -> Result<JsValue, JsValue> {
    let source = &text(&source, "source")?;
    let call = Call::new(source, options)?;
    let offset = crate::hover::byte_offset(source, hover_at(&at)?, call.encoding);
    let Some(found) = crate::hover::hover_with(source, call.format, &call.levels, offset) else {
        return Ok(JsValue::NULL);
    };
    let (range, span, offsets) = Positions::new(source, call.encoding).locate(found.span);
    tape::cross(&Hover {
        contents: found.markdown,
        range,
        span,
        offsets,
    })
}

/// The JSON Schema (draft-07) of the config.
#[cfg(feature = "editor")]
#[wasm_bindgen(unchecked_return_type = "{ [key: string]: JsonValue }")]
pub fn schema() -> Result<JsValue, JsValue> {
    to_js(&crate::schema())
}

/// The rule catalogue.
#[cfg(feature = "editor")]
#[wasm_bindgen]
pub fn rules() -> Result<Vec<Ts<RuleInfo>>, JsValue> {
    crate::rules()
        .iter()
        .map(|r| to_ts(&rule_info(r)))
        .collect()
}

/// Every rule id, in catalogue order (the page keeps only the silenced rules it knows;
/// the whole catalogue, `rules()`, is in the editor's package).
#[wasm_bindgen(js_name = ruleIds, unchecked_return_type = "string[]")]
pub fn rule_ids() -> JsValue {
    crate::Rule::ALL
        .iter()
        .map(|r| JsValue::from_str(r.id()))
        .collect::<js_sys::Array>()
        .into()
}

/// This package's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::version().to_owned()
}

/// The built-in example configs, the default first.
#[wasm_bindgen]
pub fn examples() -> Result<Vec<Ts<BuiltInExample>>, JsValue> {
    // Built field by field: four small objects need no serializer.
    crate::examples::EXAMPLES
        .iter()
        .map(|(name, file, text)| {
            let example = js_sys::Object::new();
            for (key, value) in [("name", name), ("file", file), ("text", text)] {
                js_sys::Reflect::set(&example, &JsValue::from_str(key), &JsValue::from_str(value))?;
            }
            Ok(Ts::new_unchecked(example.into()))
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
) -> Result<Ts<EditResult<'static>>, JsValue> {
    let source = &text(&source, "source")?;
    let call = Call::new(source, options)?;
    let path = strings(&path, "path").map_err(|_| error("path must be an array of strings"))?;
    let value = scalar_from_js(&value)?;
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    let edits = edit::set(source, call.format, &path, &value).map_err(|e| error(&e.to_string()))?;
    edit_result(source, &call, &edits)
}

/// Spreads the control planes round-robin over `hosts` (Proxmox node names):
/// `controlplane-N` goes on `hosts[(N - 1) % hosts.length]`, through the overrides'
/// `node` (added where missing); the rest of the text is kept byte for byte. Throws
/// when a host is not a node name or the text cannot be edited.
#[wasm_bindgen(js_name = spreadControlplanes)]
pub fn spread_controlplanes(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string[]")] hosts: JsValue,
    options: Option<Ts<Options>>,
) -> Result<Ts<EditResult<'static>>, JsValue> {
    let source = &text(&source, "source")?;
    let call = Call::new(source, options)?;
    let hosts = strings(&hosts, "hosts").map_err(|_| error("hosts must be an array of strings"))?;
    let edit = crate::spread::spread_controlplanes(source, call.format, &hosts)
        .map_err(|e| error(&e.to_string()))?;
    let edits: Vec<crate::TextEdit> = edit.into_iter().collect();
    edit_result(source, &call, &edits)
}

/// A Talos version as typed (`1.12`, `v1.12`, `V1.12.0`) as its full release tag
/// (`v1.12.0`), or `null` when it is not a version.
#[wasm_bindgen(js_name = releaseTag, unchecked_return_type = "string | null")]
pub fn release_tag(
    #[wasm_bindgen(unchecked_param_type = "string")] typed: JsValue,
) -> Result<JsValue, JsValue> {
    let typed = text(&typed, "version")?;
    Ok(crate::config::release_tag::release_tag(&typed)
        .map_or(JsValue::NULL, |tag| JsValue::from_str(&tag)))
}

/// The text with `edits` applied, and the edits in the caller's positions.
fn edit_result(
    source: &str,
    call: &Call,
    edits: &[crate::TextEdit],
) -> Result<Ts<EditResult<'static>>, JsValue> {
    let text = diagnostics::apply_edits(source, edits)
        .ok_or_else(|| error("internal error: the edits overlap"))?;
    let at = Positions::new(source, call.encoding);
    tape::cross(&EditResult {
        text,
        edits: edits.iter().map(|e| at.edit(e)).collect(),
    })
    .map(Ts::new_unchecked)
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
    let bad = || error("paths must be arrays of strings");
    if !js_sys::Array::is_array(&paths) {
        return Err(bad());
    }
    let paths: Vec<Vec<String>> = paths
        .unchecked_ref::<js_sys::Array>()
        .iter()
        .map(|path| strings(&path, "paths"))
        .collect::<Result<_, _>>()?;
    let root = edit::read(source, call.format).ok();
    let values: js_sys::Array = paths
        .iter()
        .map(|path| {
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            match root.as_ref().and_then(|root| edit::lookup(root, &path)) {
                Some(Scalar::Bool(b)) => JsValue::from_bool(b),
                // A double, as `JSON.parse` would read the integer.
                Some(Scalar::Int(i)) => JsValue::from_f64(i as f64),
                Some(Scalar::String(s)) => JsValue::from_str(&s),
                Some(Scalar::Null) | None => JsValue::NULL,
            }
        })
        .collect();
    Ok(values.into())
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

/// The format a text is read in when no `format` option is given: `"json"` when it
/// starts with `{`, `"hcl"` (Terraform) with `module` blocks or `name = value` lines,
/// else `"yaml"`. The page loads its Terraform reader when this says `"hcl"`.
#[wasm_bindgen(js_name = detectFormat, unchecked_return_type = "\"yaml\" | \"json\" | \"hcl\"")]
pub fn detect_format(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
) -> Result<JsValue, JsValue> {
    let source = text(&source, "source")?;
    Ok(JsValue::from_str(match crate::Format::sniff(&source) {
        crate::Format::Yaml => "yaml",
        crate::Format::Json => "json",
        crate::Format::Hcl => "hcl",
    }))
}

/// Where Terraform, running the module's code, would build something other than the
/// plan, which no export can change (an override's gateway or VLAN, IPv6): shown next
/// to the Terraform exports.
#[wasm_bindgen(js_name = exportDifferences, unchecked_return_type = "Diagnostic[]")]
pub fn export_differences(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    options: Option<Ts<Options>>,
) -> Result<JsValue, JsValue> {
    let source = &text(&source, "source")?;
    let call = Call::new(source, options)?;
    let at = Positions::new(source, call.encoding);
    let differences = crate::export::differences(source, call.format);
    let converted: Vec<Diagnostic> = differences.iter().map(|d| at.diagnostic(d)).collect();
    tape::cross(&converted)
}

/// The config as YAML (the same variables; Terraform expressions cannot be converted
/// and throw). In the Terraform package only: YAML needs no converting.
#[cfg(feature = "hcl")]
#[wasm_bindgen(js_name = exportYaml)]
pub fn export_yaml(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    options: Option<Ts<Options>>,
) -> Result<String, JsValue> {
    let source = &text(&source, "source")?;
    let call = Call::new(source, options)?;
    crate::export::yaml(source, call.format).map_err(|e| error(&e.to_string()))
}
