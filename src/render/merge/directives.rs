//! `$patch: delete` directives, as Talos's config loader handles them.
//!
//! Talos (pkg/machinery/config/configloader/internal/decoder/delete.go and selector.go) takes
//! every `$patch: delete` out of a patch document before merging it: each becomes a delete
//! selector, applied before what is left of the document is merged. This module does the
//! same on untyped YAML:
//!
//! - on the root mapping of a document (which must then have `apiVersion` and `kind`): the
//!   whole matching document is removed;
//! - on a mapping under a key (`foo: {$patch: delete}`): that key is removed;
//! - on a list item: the first item of the config's list whose field matches the patch item's
//!   first other field (`- interface: eth0` + `$patch: delete`) is removed.
//!
//! A selector whose document is not in the config is skipped, as in Talos; a selector whose
//! document is there but whose target is not is an error. The mapping holding the directive
//! (with its other keys) is dropped from the patch, and so are mappings and lists that are
//! left empty by that; a document left with only `version`, `kind` and `name` is dropped too.

use yaml_serde::{Mapping, Value};

use super::document::{normalize_loaded, scalar_text, shape_name, DocumentId};
use super::error::{Input, MergeError};

/// What one `$patch: delete` removes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeleteTarget {
    /// The whole document.
    Document,
    /// The last key of the selector's path.
    Key,
    /// From the list at the selector's path, the first mapping whose `field` has this text.
    ListItem {
        /// Field compared (the first field of the patch's item).
        field: String,
        /// Its scalar text.
        value: String,
    },
}

/// One delete, with the document it applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteSelector {
    /// The document the delete applies to.
    pub document: DocumentId,
    /// Mapping keys from the document root (to the key to delete, or to the list).
    pub path: Vec<String>,
    /// What is removed.
    pub target: DeleteTarget,
    /// 1-based index of the patch document, for messages.
    pub patch_document: usize,
}

/// One step of a strategic patch, in the order Talos applies them.
#[derive(Debug, Clone)]
pub enum PatchStep {
    /// Remove something.
    Delete(DeleteSelector),
    /// Merge this document into the one with the same identity, or append it.
    Merge {
        /// Identity of the document.
        id: DocumentId,
        /// The document, without its directives.
        document: Mapping,
    },
}

/// Splits strategic patch documents into delete selectors and documents to merge.
pub fn split_patch(documents: &[Value]) -> Result<Vec<PatchStep>, MergeError> {
    let mut steps = Vec::new();
    for (position, document) in documents.iter().enumerate() {
        split_document(position + 1, document, &mut steps)?;
    }
    Ok(steps)
}

fn split_document(
    index: usize,
    document: &Value,
    steps: &mut Vec<PatchStep>,
) -> Result<(), MergeError> {
    let root = match document {
        Value::Null => return Ok(()),
        Value::Mapping(root) => root,
        other => {
            return Err(MergeError::Document {
                input: Input::Patch,
                index,
                reason: format!(
                    "expected a mapping (a Talos config document), found {}",
                    shape_name(other)
                ),
            })
        }
    };

    let mut remaining = Value::Mapping(root.clone());
    let mut found = Vec::new();
    let mut path = Vec::new();
    let root_deleted = collect(&mut remaining, &mut path, Parent::Document, &mut found)
        .map_err(|reason| MergeError::Directive { index, reason })?;

    for directive in &found {
        let selector = make_selector(index, root, directive)
            .map_err(|reason| MergeError::Directive { index, reason })?;
        steps.push(PatchStep::Delete(selector));
    }

    let Value::Mapping(mut remaining) = remaining else {
        return Ok(());
    };
    if root_deleted || is_empty_document(&remaining) {
        return Ok(());
    }
    let id = DocumentId::of(&remaining).map_err(|reason| MergeError::Document {
        input: Input::Patch,
        index,
        reason,
    })?;
    normalize_loaded(&mut remaining, &id);
    steps.push(PatchStep::Merge {
        id,
        document: remaining,
    });
    Ok(())
}

/// A document with nothing but `version`, `kind` and `name` has nothing to merge (Talos drops
/// it; note that `apiVersion` is not in that list, exactly as in Talos).
fn is_empty_document(document: &Mapping) -> bool {
    document.iter().all(|(key, value)| {
        matches!(key.as_str(), Some("version" | "kind" | "name")) && scalar_text(value).is_some()
    })
}

/// What holds the mapping being walked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parent {
    Document,
    Mapping,
    Sequence,
}

/// A `$patch: delete` found while walking a patch document.
struct Found {
    /// Keys and list positions from the root to the mapping holding the directive.
    path: Vec<Step>,
    parent: Parent,
    /// For list items: the first other field of the item.
    item_field: Option<(Value, Value)>,
}

#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn dotted(path: &[Step]) -> String {
    path.iter()
        .map(|step| match step {
            Step::Key(key) => key.clone(),
            Step::Index(index) => format!("[{index}]"),
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// Walks `value` in document order, records every `$patch: delete`, removes the mappings that
/// hold one, and returns whether `value` itself must be removed from its parent.
fn collect(
    value: &mut Value,
    path: &mut Vec<Step>,
    parent: Parent,
    found: &mut Vec<Found>,
) -> Result<bool, String> {
    match value {
        Value::Mapping(mapping) => collect_mapping(mapping, path, parent, found),
        Value::Sequence(items) => {
            let mut position = 0;
            while position < items.len() {
                path.push(Step::Index(position));
                let remove = match items.get_mut(position) {
                    Some(item) => collect(item, path, Parent::Sequence, found)?,
                    None => false,
                };
                path.pop();
                if remove {
                    items.remove(position);
                    if items.is_empty() {
                        return Ok(true);
                    }
                } else {
                    position += 1;
                }
            }
            Ok(false)
        }
        Value::Tagged(tagged) => collect(&mut tagged.value, path, parent, found),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => Ok(false),
    }
}

fn collect_mapping(
    mapping: &mut Mapping,
    path: &mut Vec<Step>,
    parent: Parent,
    found: &mut Vec<Found>,
) -> Result<bool, String> {
    let keys: Vec<Value> = mapping.keys().cloned().collect();
    for key in keys {
        if key.as_str() == Some("$patch") {
            let directive = mapping.get(&key).and_then(scalar_text);
            if directive.as_deref() != Some("delete") {
                return Err(format!(
                    "unsupported directive `$patch` at '{}': Talos supports only `$patch: delete`",
                    dotted(path)
                ));
            }
            let item_field = if parent == Parent::Sequence {
                first_other_field(mapping)
            } else {
                None
            };
            found.push(Found {
                path: path.clone(),
                parent,
                item_field,
            });
            return Ok(true);
        }
        let Some(child) = mapping.get_mut(&key) else {
            continue;
        };
        path.push(Step::Key(scalar_text(&key).unwrap_or_default()));
        let remove = collect(child, path, Parent::Mapping, found)?;
        path.pop();
        if remove {
            mapping.shift_remove(&key);
            if mapping.is_empty() {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// The first field of a list item other than the `$patch: delete` pair: Talos's item selector.
fn first_other_field(mapping: &Mapping) -> Option<(Value, Value)> {
    mapping
        .iter()
        .find(|(key, _)| key.as_str() != Some("$patch"))
        .map(|(key, value)| (key.clone(), value.clone()))
}

/// Turns a found directive into a selector, with the checks Talos makes.
fn make_selector(
    patch_document: usize,
    root: &Mapping,
    found: &Found,
) -> Result<DeleteSelector, String> {
    let at = dotted(&found.path);
    let document = selector_document(root, found, &at)?;
    let mut keys = Vec::with_capacity(found.path.len());
    let target = match found.parent {
        Parent::Document => DeleteTarget::Document,
        Parent::Mapping => {
            if found.path.iter().any(|step| matches!(step, Step::Index(_))) {
                return Err(format!(
                    "cannot delete an inner key in '{at}': only whole list items can be deleted"
                ));
            }
            DeleteTarget::Key
        }
        Parent::Sequence => {
            let (field, value) = found.item_field.clone().ok_or_else(|| {
                format!("no key:val found in sequence node for path {at}: a deleted list item needs a field to match on")
            })?;
            let field = field.as_str().map(str::to_owned).ok_or_else(|| {
                format!("list item delete at '{at}': the field to match on must have a string key")
            })?;
            let value = scalar_text(&value).ok_or_else(|| {
                format!(
                    "list item delete at '{at}': `{field}` is {}, Talos matches list items on a scalar field",
                    shape_name(&value)
                )
            })?;
            DeleteTarget::ListItem { field, value }
        }
    };
    let list_steps = match target {
        DeleteTarget::ListItem { .. } => found.path.len().saturating_sub(1),
        DeleteTarget::Document | DeleteTarget::Key => found.path.len(),
    };
    for step in found.path.iter().take(list_steps) {
        match step {
            Step::Key(key) => keys.push(key.clone()),
            Step::Index(_) => {
                return Err(format!(
                    "cannot delete '{at}': searching for complex paths in lists is not supported"
                ))
            }
        }
    }
    Ok(DeleteSelector {
        document,
        path: keys,
        target,
        patch_document,
    })
}

/// The document a selector applies to, read as Talos's selector does: `apiVersion` and `kind`
/// both absent means the legacy document, otherwise both are needed (always for a whole
/// document delete).
fn selector_document(root: &Mapping, found: &Found, at: &str) -> Result<DocumentId, String> {
    let text = |key: &str| root.get(key).and_then(scalar_text).unwrap_or_default();
    let api_version = text("apiVersion");
    let kind = text("kind");
    if found.parent == Parent::Document {
        if api_version.is_empty() {
            return Err("missing apiVersion in document for which $patch: delete is used (the v1alpha1 document cannot be deleted)".to_owned());
        }
        if kind.is_empty() {
            return Err("missing kind in document for which $patch: delete is used".to_owned());
        }
    }
    match (api_version.is_empty(), kind.is_empty()) {
        (true, true) => Ok(DocumentId::legacy()),
        (false, false) => Ok(DocumentId {
            api_version,
            kind,
            name: text("name"),
        }),
        _ => Err(format!(
            "kind and apiVersion must be both set for path {at}"
        )),
    }
}

/// Applies one delete to the document it matched.
pub fn apply_delete(selector: &DeleteSelector, document: &mut Value) -> Result<(), MergeError> {
    let fail = |reason: String| MergeError::DeleteTarget {
        path: selector_path(selector),
        document: selector.document.to_string(),
        reason,
    };
    match &selector.target {
        DeleteTarget::Document => Err(fail(
            "a whole document is removed from the config, not from inside a document".to_owned(),
        )),
        DeleteTarget::Key => {
            let Some((last, parents)) = selector.path.split_last() else {
                return Err(fail("empty path".to_owned()));
            };
            let mapping = walk(document, parents).map_err(fail)?;
            match mapping {
                Value::Mapping(mapping) if mapping.contains_key(last.as_str()) => {
                    mapping.shift_remove(last.as_str());
                    Ok(())
                }
                Value::Mapping(_) => Err(fail(format!(
                    "lookup failed: there is no '{last}' to delete"
                ))),
                other => Err(fail(format!(
                    "lookup failed: the parent of '{last}' is {}, not a mapping",
                    shape_name(other)
                ))),
            }
        }
        DeleteTarget::ListItem { field, value } => {
            let list = walk(document, &selector.path).map_err(fail)?;
            let Value::Sequence(items) = list else {
                return Err(fail(format!(
                    "lookup failed: expected a list, found {}",
                    shape_name(list)
                )));
            };
            let position = items.iter().position(|item| {
                item.as_mapping()
                    .and_then(|mapping| mapping.get(field.as_str()))
                    .and_then(scalar_text)
                    .is_some_and(|text| &text == value)
            });
            match position {
                Some(position) => {
                    items.remove(position);
                    Ok(())
                }
                None => Err(fail(format!(
                    "lookup failed: no list item with {field}: {value}"
                ))),
            }
        }
    }
}

/// Follows mapping keys from the document root; a missing or null step is "lookup failed".
fn walk<'a>(mut value: &'a mut Value, keys: &[String]) -> Result<&'a mut Value, String> {
    for (depth, key) in keys.iter().enumerate() {
        let next = match value {
            Value::Mapping(mapping) => mapping.get_mut(key.as_str()),
            _ => None,
        };
        match next {
            Some(child) if !child.is_null() => value = child,
            _ => {
                return Err(format!(
                    "lookup failed: '{}' does not exist",
                    keys.get(..=depth).unwrap_or(keys).join(".")
                ))
            }
        }
    }
    Ok(value)
}

/// The selector's path as Talos prints it (`machine.network.interfaces.[0]` style for items).
fn selector_path(selector: &DeleteSelector) -> String {
    let mut path = selector.path.join(".");
    if let DeleteTarget::ListItem { field, value } = &selector.target {
        if !path.is_empty() {
            path.push('.');
        }
        path.push('[');
        path.push_str(field);
        path.push('=');
        path.push_str(value);
        path.push(']');
    }
    path
}
