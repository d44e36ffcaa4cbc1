//! Strategic merge, as Talos's configpatcher does it.
//!
//! Documents (pkg/machinery/config/configpatcher/strategic.go): a patch document is merged
//! into the config document with the same `(apiVersion, kind, name)`; without one it is
//! appended (and later patch documents with that identity merge into it). Deletes
//! ([`super::directives`]) run in patch order, before the document they came from.
//!
//! Values (pkg/machinery/config/merge/merge.go), with the exceptions of [`super::rules`]:
//! - mappings merge key by key; a key missing (or null) on the left takes the patch's value;
//! - lists append the patch's items;
//! - scalars are overridden, except that a null patch value changes nothing and an empty
//!   string or a zero number does not override a value that is set (Go's zero values);
//!   `false` always overrides;
//! - a value of another shape than the config's replaces it.

use yaml_serde::{Mapping, Value};

use super::directives::{apply_delete, split_patch, DeleteTarget, PatchStep};
use super::document::DocumentId;
use super::error::{Input, MergeError};
use super::rules::{rule_for, FieldRule, ListKey, PathSegment};

/// Applies strategic patch documents to config documents.
pub fn apply_strategic(documents: &mut Vec<Value>, patch: &[Value]) -> Result<(), MergeError> {
    for step in split_patch(patch)? {
        match step {
            PatchStep::Delete(selector) => {
                let Some(position) = find_document(documents, &selector.document)? else {
                    // Talos skips a delete whose document is not in the config.
                    continue;
                };
                if selector.target == DeleteTarget::Document {
                    documents.remove(position);
                } else if let Some(document) = documents.get_mut(position) {
                    apply_delete(&selector, document)?;
                }
            }
            PatchStep::Merge { id, document } => match find_document(documents, &id)? {
                Some(position) => {
                    if let Some(target) = documents.get_mut(position) {
                        merge_value(target, Value::Mapping(document), &id.kind, &mut Vec::new());
                    }
                }
                None => documents.push(Value::Mapping(document)),
            },
        }
    }
    Ok(())
}

/// The position of the config document with this identity.
fn find_document(documents: &[Value], id: &DocumentId) -> Result<Option<usize>, MergeError> {
    for (position, document) in documents.iter().enumerate() {
        let mapping = document.as_mapping().ok_or_else(|| MergeError::Document {
            input: Input::Config,
            index: position + 1,
            reason: "expected a mapping".to_owned(),
        })?;
        let document_id = DocumentId::of(mapping).map_err(|reason| MergeError::Document {
            input: Input::Config,
            index: position + 1,
            reason,
        })?;
        if &document_id == id {
            return Ok(Some(position));
        }
    }
    Ok(None)
}

/// Merges `right` (from the patch) into `left` (from the config) at `path`.
fn merge_value(left: &mut Value, right: Value, kind: &str, path: &mut Vec<PathSegment>) {
    if right.is_null() {
        return;
    }
    match rule_for(kind, path) {
        FieldRule::Replace => *left = right,
        FieldRule::Args => match (&mut *left, right) {
            (Value::Mapping(args), Value::Mapping(patch)) => {
                for (key, value) in patch {
                    args.insert(key, value);
                }
            }
            (_, right) => *left = right,
        },
        FieldRule::Keyed(key) => match (&mut *left, right) {
            (Value::Sequence(items), Value::Sequence(patch)) => {
                merge_keyed(items, patch, key, kind, path);
            }
            (Value::Null, Value::Sequence(patch)) => {
                let mut items = Vec::new();
                merge_keyed(&mut items, patch, key, kind, path);
                *left = Value::Sequence(items);
            }
            (_, right) => merge_default(left, right, kind, path),
        },
        FieldRule::Merge => merge_default(left, right, kind, path),
    }
}

fn merge_default(left: &mut Value, right: Value, kind: &str, path: &mut Vec<PathSegment>) {
    match (&mut *left, right) {
        (Value::Mapping(left_map), Value::Mapping(right_map)) => {
            for (key, value) in right_map {
                if value.is_null() {
                    continue;
                }
                let segment = PathSegment::Key(key.as_str().unwrap_or_default().to_owned());
                path.push(segment);
                match left_map.get_mut(&key) {
                    Some(existing) => merge_value(existing, value, kind, path),
                    None => {
                        let mut slot = Value::Null;
                        merge_value(&mut slot, value, kind, path);
                        left_map.insert(key, slot);
                    }
                }
                path.pop();
            }
        }
        (Value::Sequence(items), Value::Sequence(more)) => items.extend(more),
        (Value::Null, right) => *left = right,
        (_, right) if is_zero_scalar(&right) => {}
        (_, right) => *left = right,
    }
}

/// Go's zero values that a Talos patch cannot set over an existing value.
fn is_zero_scalar(value: &Value) -> bool {
    match value {
        Value::String(text) => text.is_empty(),
        Value::Number(number) => number.as_f64() == Some(0.0),
        _ => false,
    }
}

fn merge_keyed(
    items: &mut Vec<Value>,
    patch: Vec<Value>,
    key: ListKey,
    kind: &str,
    path: &mut Vec<PathSegment>,
) {
    let original_len = items.len();
    path.push(PathSegment::Item);
    for item in patch {
        let matched = match key {
            ListKey::NetworkDevice => items
                .iter()
                .position(|existing| same_device(existing, &item)),
            ListKey::MergeBy(field) => items
                .iter()
                .position(|existing| key_value(existing, field) == key_value(&item, field)),
            ListKey::ReplaceBy(field) => items
                .get(..original_len)
                .unwrap_or_default()
                .iter()
                .rposition(|existing| key_value(existing, field) == key_value(&item, field)),
        };
        match (matched.and_then(|position| items.get_mut(position)), key) {
            (Some(existing), ListKey::ReplaceBy(_)) => *existing = item,
            (Some(existing), _) if item.is_mapping() => merge_value(existing, item, kind, path),
            _ => items.push(item),
        }
    }
    path.pop();
}

/// The value of a key field, with Go's zero values (missing, null, `""`, `0`) as `None`.
fn key_value<'a>(item: &'a Value, field: &str) -> Option<&'a Value> {
    item.as_mapping()?
        .get(field)
        .filter(|value| !value.is_null() && !is_zero_scalar(value))
}

/// Talos's network device matching: by `interface` when the patch item has one, otherwise by
/// an equal `deviceSelector`; an item with neither never matches.
fn same_device(existing: &Value, item: &Value) -> bool {
    if let Some(interface) = key_value(item, "interface") {
        return key_value(existing, "interface") == Some(interface);
    }
    match (
        key_value(item, "deviceSelector"),
        key_value(existing, "deviceSelector"),
    ) {
        (Some(wanted), Some(present)) => same_selector(wanted, present),
        _ => false,
    }
}

/// Selectors are equal when their set fields are equal (unset and zero fields are alike, as
/// in the Go struct comparison Talos makes).
fn same_selector(left: &Value, right: &Value) -> bool {
    match (left.as_mapping(), right.as_mapping()) {
        (Some(left), Some(right)) => {
            let set = |mapping: &Mapping| {
                let mut fields: Vec<(String, Value)> = mapping
                    .iter()
                    .filter(|(_, value)| !value.is_null() && !is_zero_scalar(value))
                    .map(|(key, value)| {
                        (key.as_str().unwrap_or_default().to_owned(), value.clone())
                    })
                    .collect();
                fields.sort_by(|a, b| a.0.cmp(&b.0));
                fields
            };
            set(left) == set(right)
        }
        _ => left == right,
    }
}
