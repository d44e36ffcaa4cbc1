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
//! Values cross as JSON (`serde_json` then `JSON.parse`): every number the core holds
//! fits, whereas a 64-bit integer beyond 2^53 would make a JS-value serializer fail.
//! Nothing here panics on input: bad arguments throw a JavaScript `Error`.

mod convert;
#[cfg(feature = "secrets")]
mod secrets;
mod wire;

use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::diagnostics;
use crate::edit::{self, Scalar};
use convert::{
    config_error, error, hover_at, plan_wire, rendered_node, rule_info, scalar_from_js, text,
    to_js, to_ts, Call, Positions,
};
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
"#;

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
        .map(|n| to_ts(&rendered_node(n)))
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
        .map(|r| to_ts(&rule_info(r)))
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
