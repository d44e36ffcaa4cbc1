//! Talos config documents: reading a multi-document text, telling documents apart, and the
//! small normalisations Talos's config loader applies to every document it reads.

use std::fmt;

use serde::Deserialize;
use yaml_serde::{Mapping, Value};

use super::error::{Input, MergeError};

/// The kind Talos reports for the legacy `v1alpha1` document (it has no `kind` field).
pub const LEGACY_KIND: &str = "v1alpha1";

/// Top-level keys that mark a document without `kind` as the legacy `v1alpha1` document
/// (Talos's config decoder treats them so, whatever `version` says).
const LEGACY_KEYS: [&str; 4] = ["machine", "cluster", "debug", "persist"];

/// How Talos matches documents of a config and a patch: `(apiVersion, kind, name)`.
///
/// The legacy `v1alpha1` document is `("", "v1alpha1", "")`; `name` is empty for documents
/// that have none (such as `HostnameConfig`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocumentId {
    /// `apiVersion`, empty for the legacy document.
    pub api_version: String,
    /// `kind`, `v1alpha1` for the legacy document.
    pub kind: String,
    /// `name`, empty when the document has none.
    pub name: String,
}

impl DocumentId {
    /// The identity of the legacy `v1alpha1` document.
    pub fn legacy() -> Self {
        DocumentId {
            api_version: String::new(),
            kind: LEGACY_KIND.to_owned(),
            name: String::new(),
        }
    }

    /// Whether this is the legacy `v1alpha1` document.
    pub fn is_legacy(&self) -> bool {
        self.api_version.is_empty() && self.kind == LEGACY_KIND
    }

    /// Reads the identity of a document the way Talos's config decoder does.
    ///
    /// A document without `kind` is the legacy `v1alpha1` document when it has
    /// `apiVersion: v1alpha1` or one of `machine`, `cluster`, `debug`, `persist`; any other
    /// document needs both `apiVersion` and `kind`.
    pub fn of(document: &Mapping) -> Result<Self, String> {
        let kind = field_text(document, "kind");
        let api_version = field_text(document, "apiVersion");
        if kind.is_empty() {
            let legacy_key = LEGACY_KEYS.iter().any(|key| document.contains_key(*key));
            if legacy_key || api_version == LEGACY_KIND {
                return Ok(DocumentId::legacy());
            }
            return Err(
                "missing kind (a document without `kind` must be the v1alpha1 document, \
                 with a `machine`, `cluster`, `debug` or `persist` key)"
                    .to_owned(),
            );
        }
        if api_version.is_empty() {
            return Err(format!("missing apiVersion in {kind} document"));
        }
        Ok(DocumentId {
            api_version,
            kind,
            name: field_text(document, "name"),
        })
    }
}

impl fmt::Display for DocumentId {
    /// `apiVersion/kind[/name]`, as Talos prints it (`/v1alpha1` for the legacy document).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.api_version, self.kind)?;
        if !self.name.is_empty() {
            write!(f, "/{}", self.name)?;
        }
        Ok(())
    }
}

/// The text of a scalar (`"100"` for `100`), `None` for null, sequences and mappings.
///
/// Talos compares list items and reads identities through the scalar's text.
pub fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Tagged(tagged) => scalar_text(&tagged.value),
        Value::Null | Value::Sequence(_) | Value::Mapping(_) => None,
    }
}

/// The scalar text of a top-level field, empty when it is missing or not a scalar.
fn field_text(document: &Mapping, key: &str) -> String {
    document.get(key).and_then(scalar_text).unwrap_or_default()
}

/// Splits a YAML text into its documents (null documents included).
pub fn parse_documents(text: &str, input: Input) -> Result<Vec<Value>, MergeError> {
    let mut documents = Vec::new();
    for deserializer in yaml_serde::Deserializer::from_str(text) {
        let document =
            Value::deserialize(deserializer).map_err(|error| MergeError::Yaml { input, error })?;
        documents.push(document);
    }
    Ok(documents)
}

/// Applies what Talos's loader does to a freshly read document: leading line breaks and tabs
/// of `cluster.inlineManifests[].contents` are dropped (a `|` block that starts with an empty
/// line would otherwise produce an invalid manifest).
pub fn normalize_loaded(document: &mut Mapping, id: &DocumentId) {
    if !id.is_legacy() {
        return;
    }
    let manifests = document
        .get_mut("cluster")
        .and_then(Value::as_mapping_mut)
        .and_then(|cluster| cluster.get_mut("inlineManifests"))
        .and_then(Value::as_sequence_mut);
    let Some(manifests) = manifests else {
        return;
    };
    for manifest in manifests.iter_mut().filter_map(Value::as_mapping_mut) {
        if let Some(Value::String(contents)) = manifest.get_mut("contents") {
            let trimmed = contents.trim_start_matches(['\t', '\n', '\x0B', '\x0C', '\r']);
            if trimmed.len() != contents.len() {
                *contents = trimmed.to_owned();
            }
        }
    }
}

/// Whether a value contains a `$patch` key anywhere (used to keep directives out of configs).
pub fn contains_directive(value: &Value) -> bool {
    match value {
        Value::Mapping(mapping) => mapping
            .iter()
            .any(|(key, child)| key.as_str() == Some("$patch") || contains_directive(child)),
        Value::Sequence(items) => items.iter().any(contains_directive),
        Value::Tagged(tagged) => contains_directive(&tagged.value),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => false,
    }
}

/// A short name for the shape of a value, for error messages.
pub fn shape_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}
