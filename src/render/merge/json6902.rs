//! JSON patches (RFC 6902), as Talos's configpatcher applies them
//! (pkg/machinery/config/configpatcher/json6902.go): only to a single-document config, on its
//! JSON form, the result read back as YAML.
//!
//! The operations themselves are the `json-patch` crate's; this module converts between YAML
//! and JSON values and makes the Talos checks around it.

use yaml_serde::{Mapping, Number, Value};

use super::document::{normalize_loaded, shape_name, DocumentId};
use super::error::{Input, MergeError};

/// Reads a JSON patch from its YAML (or JSON) list of operations.
pub fn parse_operations(list: &Value) -> Result<json_patch::Patch, MergeError> {
    let json = to_json(list).map_err(MergeError::JsonPatchInvalid)?;
    serde_json::from_value(json).map_err(|error| MergeError::JsonPatchInvalid(error.to_string()))
}

/// Applies a JSON patch to the only document of `documents`.
pub fn apply_json_patch(
    documents: &mut [Value],
    patch: &json_patch::Patch,
) -> Result<(), MergeError> {
    let document = match documents {
        [] => return Err(MergeError::JsonPatchEmptyConfig),
        [document] => document,
        _ => return Err(MergeError::JsonPatchMultiDocument),
    };
    let mut json = to_json(document).map_err(MergeError::JsonConversion)?;
    // `json` is our own copy, dropped on failure, so the crate's in-place variant without an
    // undo log is enough.
    json_patch::patch_unsafe(&mut json, &patch.0).map_err(MergeError::JsonPatchFailed)?;

    // Talos reads the result back as a machine config: it must still be one valid document.
    let Value::Mapping(mut patched) = from_json(json) else {
        return Err(MergeError::Document {
            input: Input::Config,
            index: 1,
            reason: "the JSON patch left something other than a mapping".to_owned(),
        });
    };
    let id = DocumentId::of(&patched).map_err(|reason| MergeError::Document {
        input: Input::Config,
        index: 1,
        reason: format!("after the JSON patch: {reason}"),
    })?;
    normalize_loaded(&mut patched, &id);
    *document = Value::Mapping(patched);
    Ok(())
}

/// YAML to JSON: scalar keys become strings (as Talos's YAML-to-JSON conversion does), tags are
/// dropped; NaN, infinities and non-scalar keys have no JSON form.
fn to_json(value: &Value) -> Result<serde_json::Value, String> {
    Ok(match value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(flag) => serde_json::Value::Bool(*flag),
        Value::Number(number) => serde_json::Value::Number(json_number(number)?),
        Value::String(text) => serde_json::Value::String(text.clone()),
        Value::Sequence(items) => {
            serde_json::Value::Array(items.iter().map(to_json).collect::<Result<_, _>>()?)
        }
        Value::Mapping(mapping) => {
            let mut object = serde_json::Map::new();
            for (key, child) in mapping {
                object.insert(json_key(key)?, to_json(child)?);
            }
            serde_json::Value::Object(object)
        }
        Value::Tagged(tagged) => to_json(&tagged.value)?,
    })
}

fn json_number(number: &Number) -> Result<serde_json::Number, String> {
    if let Some(unsigned) = number.as_u64() {
        Ok(unsigned.into())
    } else if let Some(signed) = number.as_i64() {
        Ok(signed.into())
    } else {
        number
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .ok_or_else(|| format!("the number {number} has no JSON form"))
    }
}

fn json_key(key: &Value) -> Result<String, String> {
    match key {
        Value::String(text) => Ok(text.clone()),
        Value::Number(number) => Ok(number.to_string()),
        Value::Bool(flag) => Ok(flag.to_string()),
        Value::Null => Ok("null".to_owned()),
        Value::Tagged(tagged) => json_key(&tagged.value),
        other => Err(format!(
            "a mapping key is {}, JSON keys are strings",
            shape_name(other)
        )),
    }
}

/// JSON back to YAML.
fn from_json(value: serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(flag) => Value::Bool(flag),
        serde_json::Value::Number(number) => Value::Number(yaml_number(&number)),
        serde_json::Value::String(text) => Value::String(text),
        serde_json::Value::Array(items) => {
            Value::Sequence(items.into_iter().map(from_json).collect())
        }
        serde_json::Value::Object(object) => {
            let mut mapping = Mapping::with_capacity(object.len());
            for (key, child) in object {
                mapping.insert(Value::String(key), from_json(child));
            }
            Value::Mapping(mapping)
        }
    }
}

fn yaml_number(number: &serde_json::Number) -> Number {
    if let Some(unsigned) = number.as_u64() {
        unsigned.into()
    } else if let Some(signed) = number.as_i64() {
        signed.into()
    } else {
        // serde_json numbers are finite, so this always has a value.
        number.as_f64().unwrap_or_default().into()
    }
}
