//! Storages: each new or growing disk's datastore exists on its Proxmox node, is
//! enabled, takes `images` and has room; the image storage takes the Talos image
//! (`import` from Proxmox VE 8.4, `iso` before) on every node that gets a new VM.

use std::collections::BTreeMap;

use super::inventory::Storage;
use super::{Live, Reporter};
use crate::diagnostics::{Diagnostic, Rule, Span};

/// Why a storage cannot be used for `content`, if it cannot.
fn unusable(storage: Option<&Storage>, content: &str) -> Option<String> {
    let Some(s) = storage else {
        return Some("does not exist".into());
    };
    if !s.enabled {
        return Some("is disabled".into());
    }
    if !s.active {
        return Some("is not active".into());
    }
    if !s.content.iter().any(|c| c == content) {
        return Some(format!(
            "does not take `{content}` content (it takes: {}; add it in Datacenter > Storage > \
             Edit)",
            if s.content.is_empty() {
                "nothing".to_owned()
            } else {
                s.content.join(", ")
            }
        ));
    }
    None
}

/// Disks that need room on one storage.
struct Demand {
    gib: u64,
    avail: Option<u64>,
    keys: Vec<String>,
    span: Span,
    label: String,
}

pub(super) fn check(live: &Live<'_>, out: &mut Reporter) {
    let inventory = live.inventory;
    let image_content = if inventory.imports_disks() {
        "import"
    } else {
        "iso"
    };
    let image_storage = live.config.image.proxmox_datastore.get();
    let image_span = live
        .config
        .image
        .proxmox_datastore
        .span()
        .unwrap_or(live.config.image.span);
    let mut demands: BTreeMap<(String, String), Demand> = BTreeMap::new();
    for (node, _) in live.nodes() {
        let (Some(host), Some(datastore), Some(disk)) = (
            node.proxmox_node.as_deref(),
            node.datastore.as_deref(),
            node.disk.and_then(|d| u64::try_from(d).ok()),
        ) else {
            continue;
        };
        if !inventory.nodes.get(host).is_some_and(|h| h.online) {
            continue;
        }
        let existing = live.existing(node);
        let id_taken = node
            .vm_id
            .and_then(|v| u64::try_from(v).ok())
            .is_some_and(|id| inventory.guests.contains_key(&id));
        // What this node still needs on its datastore: a whole new disk, or the growth.
        let needs = match existing {
            None if id_taken => continue,
            None => disk,
            Some(g) => match g.disk_gib {
                Some(size) if size + 0.01 < disk as f64 => disk.saturating_sub(size.floor() as u64),
                _ => 0,
            },
        };
        if existing.is_none() {
            if let Some(image) = image_storage {
                if let Some(why) = unusable(inventory.storage(host, image), image_content) {
                    out.per_node(
                        &node.key,
                        Diagnostic::new(
                            Rule::ImageStorageUnusable,
                            image_span,
                            format!(
                                "image storage `{image}` on Proxmox node `{host}` {why}; the Talos \
                                 image needs `{image_content}` content there"
                            ),
                        ),
                    );
                }
            }
        }
        if needs == 0 {
            continue;
        }
        let storage = inventory.storage(host, datastore);
        let span = live.datastore_span(node);
        if let Some(why) = unusable(storage, "images") {
            out.per_node(
                &node.key,
                Diagnostic::new(
                    Rule::DatastoreUnusable,
                    span,
                    format!("datastore `{datastore}` on Proxmox node `{host}` {why}"),
                ),
            );
            continue;
        }
        let shared = storage.is_some_and(|s| s.shared);
        let group = (
            if shared {
                String::new()
            } else {
                host.to_owned()
            },
            datastore.to_owned(),
        );
        let demand = demands.entry(group).or_insert_with(|| Demand {
            gib: 0,
            avail: storage.and_then(|s| s.avail_gib),
            keys: Vec::new(),
            span,
            label: if shared {
                format!("shared datastore `{datastore}`")
            } else {
                format!("datastore `{datastore}` on Proxmox node `{host}`")
            },
        });
        demand.gib += needs;
        demand.keys.push(node.key.clone());
    }
    for demand in demands.into_values() {
        let Some(avail) = demand.avail else {
            continue;
        };
        if demand.gib > avail {
            out.push(Diagnostic::new(
                Rule::DatastoreFull,
                demand.span,
                format!(
                    "{} has {avail} GiB free; the disks of {} need {} GiB",
                    demand.label,
                    demand.keys.join(", "),
                    demand.gib
                ),
            ));
        }
    }
}
