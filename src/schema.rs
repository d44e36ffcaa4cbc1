//! JSON Schema (draft-07) of the config, generated from the field tables, so editors
//! with a YAML language server complete and check `cluster.yaml` as the planner does.

use serde_json::{json, Map, Value};

use crate::config::fields::{Constraint, DefaultValue, Field, Kind, ROOT};

/// The schema document.
pub fn schema() -> Value {
    let mut root = object_schema(ROOT, "");
    if let Value::Object(map) = &mut root {
        map.insert(
            "$schema".into(),
            json!("http://json-schema.org/draft-07/schema#"),
        );
        map.insert("$id".into(), json!("urn:talos-planner:cluster-config"));
        map.insert("title".into(), json!("talos-planner cluster config"));
        map.insert(
            "description".into(),
            json!("A Talos Linux cluster on Proxmox VE, with the variables of the Terraform module terraform-proxmox-talos-cluster."),
        );
    }
    root
}

fn object_schema(fields: &[Field], name: &str) -> Value {
    let mut properties = Map::new();
    for f in fields {
        properties.insert(f.name.into(), field_schema(f, name));
    }
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.is_required())
        .map(|f| f.name)
        .collect();
    let mut schema = json!({
        "type": "object",
        "additionalProperties": false,
        "properties": properties,
    });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    schema
}

fn field_schema(f: &Field, parent: &str) -> Value {
    let mut s = match f.kind {
        Kind::String => json!({ "type": "string" }),
        Kind::Integer => json!({ "type": "integer" }),
        Kind::StringList => json!({ "type": "array", "items": { "type": "string" } }),
        Kind::Object(fields) => object_schema(fields, f.name),
        Kind::ObjectMap(fields) => json!({
            "type": "object",
            "propertyNames": { "pattern": format!("^{parent}-[1-9][0-9]*$") },
            "additionalProperties": object_schema(fields, f.name),
        }),
    };
    s["description"] = json!(f.doc);
    match f.constraint {
        Constraint::None => {}
        Constraint::Pattern(p) => s["pattern"] = json!(p),
        Constraint::OneOf(values) => s["enum"] = json!(values),
        Constraint::Range(min, max) => {
            s["minimum"] = json!(min);
            s["maximum"] = json!(max);
        }
    }
    match f.default {
        DefaultValue::Required => {}
        DefaultValue::None => {}
        DefaultValue::Str(v) => s["default"] = json!(v),
        DefaultValue::Int(v) => s["default"] = json!(v),
        DefaultValue::EmptyList => s["default"] = json!([]),
        DefaultValue::EmptyMap => s["default"] = json!({}),
    }
    if !f.is_required() {
        // `key:` with no value is null in YAML, and Terraform treats null as unset.
        s = json!({ "anyOf": [s, { "type": "null" }] });
    }
    s
}
