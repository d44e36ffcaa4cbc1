//! Helpers shared by the integration tests: the `../shared/reference` data (absent in a
//! user's fresh clone, so every use skips with a message) and Talos schema validation.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use yaml_serde::Value;

/// A folder of `../shared/reference`, or `None` (after saying so) when it is not there.
pub fn reference(folder: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference")
        .join(folder);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} is absent (the shared reference data is not beside this checkout)",
            dir.display()
        );
        None
    }
}

pub fn read(dir: &Path, file: &str) -> String {
    let path = dir.join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The schema file of a Talos minor release (`v1.11`, `v1.12`, `v1.13`).
pub fn schema_file(minor: &str) -> &'static str {
    match minor {
        "v1.11" => "talos-v1.11.0.schema.json",
        "v1.12" => "talos-v1.12.0.schema.json",
        _ => "talos-v1.13.9.schema.json",
    }
}

/// Checks each document against the Talos JSON schema of that release; returns the
/// problems (empty when valid, or when the reference data is absent).
///
/// The schema does not list the v1alpha1 document's top-level `persist` key, which
/// `talosctl gen config` writes (so the bases themselves fail on it): it is left out here.
pub fn schema_errors(minor: &str, docs: &[Value]) -> Vec<String> {
    let Some(dir) = reference("talos-schema") else {
        return Vec::new();
    };
    let schema: serde_json::Value =
        serde_json::from_str(&read(&dir, schema_file(minor))).expect("schema is JSON");
    let mut errors = Vec::new();
    for doc in docs {
        let kind = doc
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or("v1alpha1");
        let mut instance = serde_json::to_value(doc).expect("document as JSON");
        if doc.get("kind").is_none() {
            if let Some(object) = instance.as_object_mut() {
                object.remove("persist");
            }
        }
        // Validate against the one document definition of this kind (the root is a
        // `oneOf` over all of them, whose errors say nothing useful).
        let Some(definition) = definition_for(&schema, kind) else {
            errors.push(format!("{minor}: no schema definition for kind {kind}"));
            continue;
        };
        let mut focused = schema.clone();
        if let Some(object) = focused.as_object_mut() {
            object.remove("oneOf");
            object.insert("$ref".into(), format!("#/$defs/{definition}").into());
        }
        let validator = jsonschema::validator_for(&focused).expect("schema compiles");
        errors.extend(
            validator
                .iter_errors(&instance)
                .map(|e| format!("{minor} {kind}: {e} at {}", e.instance_path())),
        );
    }
    errors
}

/// The `$defs` entry that defines documents of `kind` (`v1alpha1` for the main one).
fn definition_for(schema: &serde_json::Value, kind: &str) -> Option<String> {
    if kind == "v1alpha1" {
        return Some("v1alpha1.Config".into());
    }
    schema["$defs"].as_object()?.iter().find_map(|(name, def)| {
        let kinds = def["properties"]["kind"]["enum"].as_array()?;
        kinds
            .iter()
            .any(|k| k.as_str() == Some(kind))
            .then(|| name.clone())
    })
}
