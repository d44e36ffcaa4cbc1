//! Talos machine-config patching ("configpatcher"), without I/O: text in, text out.
//!
//! The rendered per-node patches and the user's `config_patches` are merged into the base
//! configs of `talosctl gen config` exactly as Talos itself would merge them, so that the
//! planner can show and validate the final configs (in the browser too: no files, threads or
//! network here).
//!
//! Semantics follow github.com/siderolabs/talos, pkg/machinery/config/configpatcher and
//! pkg/machinery/config/merge; see the submodules for each part:
//! [`strategic`] (documents and values), [`rules`] (fields Talos merges differently),
//! [`directives`] (`$patch: delete`), [`json6902`] (RFC 6902 patches).

mod directives;
mod document;
mod emit;
mod error;
mod json6902;
mod rules;
mod strategic;

use std::collections::HashSet;

use yaml_serde::Value;

pub use document::DocumentId;
pub use error::{Input, MergeError};

/// One Talos machine config: an ordered list of YAML documents (the v1alpha1 document,
/// HostnameConfig, Layer2VIPConfig, ...).
///
/// Every document is a mapping; documents are told apart by [`DocumentId`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MachineConfig {
    /// The documents, in order.
    pub documents: Vec<Value>,
}

impl MachineConfig {
    /// Reads a (possibly multi-document) machine config, with the checks Talos's loader makes
    /// that do not need its typed schema: every document is a mapping with a valid identity,
    /// no identity appears twice, and no `$patch` directive is left in it. Null documents are
    /// skipped.
    pub fn parse(text: &str) -> Result<Self, MergeError> {
        let mut documents = Vec::new();
        let mut seen = HashSet::new();
        for (position, document) in document::parse_documents(text, Input::Config)?
            .into_iter()
            .enumerate()
        {
            let index = position + 1;
            let invalid = |reason: String| MergeError::Document {
                input: Input::Config,
                index,
                reason,
            };
            let mut mapping = match document {
                Value::Null => continue,
                Value::Mapping(mapping) => mapping,
                other => {
                    return Err(invalid(format!(
                        "expected a mapping (a Talos config document), found {}",
                        document::shape_name(&other)
                    )))
                }
            };
            let id = DocumentId::of(&mapping).map_err(invalid)?;
            if !seen.insert(id.clone()) {
                return Err(invalid(format!("duplicate document {id} is not allowed")));
            }
            let value = Value::Mapping(mapping.clone());
            if document::contains_directive(&value) {
                return Err(invalid(
                    "`$patch` directives belong in patches, not in a machine config".to_owned(),
                ));
            }
            document::normalize_loaded(&mut mapping, &id);
            documents.push(Value::Mapping(mapping));
        }
        Ok(MachineConfig { documents })
    }

    /// Writes the config as YAML, documents separated by `---` lines, with every string
    /// that a YAML 1.1 or 1.2 reader could take for something else quoted.
    pub fn to_yaml(&self) -> String {
        let mut text = String::new();
        for (position, document) in self.documents.iter().enumerate() {
            if position > 0 {
                text.push_str("---\n");
            }
            text.push_str(&emit::document(document));
        }
        text
    }

    /// Whether the config has more than one document (JSON patches need exactly one).
    pub fn is_multi_document(&self) -> bool {
        self.documents.len() > 1
    }

    /// The document with this `kind` (and `name`, for named documents such as
    /// `Layer2VIPConfig`); `"v1alpha1"` finds the legacy document.
    pub fn document(&self, kind: &str, name: Option<&str>) -> Option<&Value> {
        self.documents.iter().find(|document| {
            document
                .as_mapping()
                .and_then(|mapping| DocumentId::of(mapping).ok())
                .is_some_and(|id| id.kind == kind && name.is_none_or(|name| id.name == name))
        })
    }
}

/// A Talos config patch.
#[derive(Debug, Clone, PartialEq)]
pub enum Patch {
    /// Strategic merge patch: one or more documents merged into the config's documents
    /// (with `$patch: delete` directives still in them; they are applied with the patch).
    Strategic(Vec<Value>),
    /// RFC 6902 JSON patch: a list of `{op, path, ...}` operations, for single-document
    /// configs only.
    JsonPatch(json_patch::Patch),
}

impl Patch {
    /// Reads a patch: one YAML or JSON list of operations is a JSON patch; mappings (possibly
    /// several documents) are a strategic patch. An empty text is an empty strategic patch.
    ///
    /// Strategic patches are checked here (document identities, `$patch` directives) so that
    /// a bad patch is reported before anything is applied.
    pub fn parse(text: &str) -> Result<Self, MergeError> {
        let documents = match document::parse_documents(text, Input::Patch) {
            Ok(documents) => documents,
            Err(yaml_error) => return parse_json_fallback(text).ok_or(yaml_error)?,
        };
        let documents: Vec<Value> = documents.into_iter().filter(|d| !d.is_null()).collect();

        if let [list @ Value::Sequence(_)] = documents.as_slice() {
            return json6902::parse_operations(list).map(Patch::JsonPatch);
        }
        if let Some(position) = documents.iter().position(|d| !d.is_mapping()) {
            let found = documents
                .get(position)
                .map_or("nothing", document::shape_name);
            return Err(MergeError::PatchShape(format!(
                "patch document {} is {found}: a patch is either strategic merge documents \
                 (mappings) or a single JSON patch (one list of operations)",
                position + 1
            )));
        }
        directives::split_patch(&documents)?;
        Ok(Patch::Strategic(documents))
    }
}

/// JSON that YAML does not read (tabs used for indentation, say) is still a valid patch text.
fn parse_json_fallback(text: &str) -> Option<Result<Patch, MergeError>> {
    let trimmed = text.trim_start();
    if !trimmed.starts_with('[') && !trimmed.starts_with('{') {
        return None;
    }
    let json: serde_json::Value = serde_json::from_str(text).ok()?;
    Some(match json {
        serde_json::Value::Array(_) => serde_json::from_value(json)
            .map(Patch::JsonPatch)
            .map_err(|error| MergeError::JsonPatchInvalid(error.to_string())),
        other => yaml_serde::to_value(other)
            .map_err(|error| MergeError::Yaml {
                input: Input::Patch,
                error,
            })
            .and_then(|document| {
                let documents = vec![document];
                directives::split_patch(&documents)?;
                Ok(Patch::Strategic(documents))
            }),
    })
}

/// Applies one patch to a config. On error the config is left as it was.
pub fn apply(config: &mut MachineConfig, patch: &Patch) -> Result<(), MergeError> {
    let mut documents = config.documents.clone();
    match patch {
        Patch::Strategic(patch) => strategic::apply_strategic(&mut documents, patch)?,
        Patch::JsonPatch(patch) => json6902::apply_json_patch(&mut documents, patch)?,
    }
    config.documents = documents;
    Ok(())
}

/// Parses `base`, applies `patches` in order and writes the result: the whole pipeline
/// of `talosctl gen config --config-patch ...` on text. Errors of a patch come wrapped in
/// [`MergeError::InPatch`], which says which patch it was.
pub fn apply_all(base: &str, patches: &[&str]) -> Result<String, MergeError> {
    let mut config = MachineConfig::parse(base)?;
    for (position, text) in patches.iter().enumerate() {
        Patch::parse(text)
            .and_then(|patch| apply(&mut config, &patch))
            .map_err(|error| MergeError::InPatch {
                patch: position + 1,
                error: Box::new(error),
            })?;
    }
    Ok(config.to_yaml())
}
