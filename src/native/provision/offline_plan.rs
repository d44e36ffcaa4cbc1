//! `apply --dry-run` when Proxmox cannot be asked (options missing, or no answer): what
//! a first run would do, from the plan alone. Every VM's create request with its
//! parameters, the image download and disk steps, and the Talos steps. The disk path
//! depends on the Proxmox release, which is unknown here: the import path (8.4 and
//! later) is shown, and the ISO path named.

use std::collections::BTreeSet;

use super::desired::{image_choice, start_call, DiskPath, VmSpec};
use super::error::ProvisionError;
use super::events::{Event, Reporter};
use super::input::{ApplyOptions, ClusterInput};
use super::{factory, talos_phase};

/// Reports what `apply` would do on an empty Proxmox cluster.
pub(super) fn report(
    input: &ClusterInput,
    specs: &[VmSpec],
    opts: &ApplyOptions,
    out: &dyn Reporter,
) -> Result<(), ProvisionError> {
    let choice = image_choice(&input.config, &input.plan, DiskPath::Import)?;
    let iso = image_choice(&input.config, &input.plan, DiskPath::Iso)?;
    out.emit(&Event::Info {
        message: format!(
            "without Proxmox's state this shows a first run on Proxmox VE 8.4 or later \
             (disk import); before 8.4 the ISO {} boots next to a blank disk instead",
            iso.filename
        ),
    });
    let image = input
        .plan
        .image
        .as_ref()
        .ok_or_else(|| ProvisionError::Plan("the image is not known".into()))?;
    let factory = input
        .config
        .image
        .factory_url
        .get()
        .cloned()
        .unwrap_or_default();
    out.emit(&Event::WouldCall {
        node: None,
        call: factory::register_call(&factory, &image.schematic_id),
    });
    let mut nodes_with_image: BTreeSet<&str> = BTreeSet::new();
    for spec in specs {
        if nodes_with_image.insert(&spec.node) {
            out.emit(&Event::WouldCall {
                node: None,
                call: format!(
                    "{} (unless {} is already on {})",
                    choice.on(&spec.node).download_call(),
                    choice.filename,
                    spec.node
                ),
            });
        }
    }
    let volid = choice.volid();
    for spec in specs {
        out.emit(&Event::Step {
            node: spec.key.clone(),
            message: format!(
                "VM {} ({}) on {}: {} cores, {} MiB, {} GiB on {}, {}/{} via {}{}",
                spec.vmid,
                spec.hostname,
                spec.node,
                spec.cores,
                spec.memory,
                spec.disk_gib,
                spec.datastore,
                spec.ip,
                spec.prefix,
                spec.bridge,
                spec.vlan.map(|v| format!(" VLAN {v}")).unwrap_or_default()
            ),
        });
        for call in [
            spec.create_call(DiskPath::Import, &volid),
            spec.resize_call(&spec.node),
            start_call(&spec.node, spec.vmid),
        ] {
            out.emit(&Event::WouldCall {
                node: Some(spec.key.clone()),
                call: call.to_string(),
            });
        }
    }
    if let Some(t) = &opts.talos {
        talos_phase::report_dry_run(&input.plan, t, out)?;
    }
    Ok(())
}
