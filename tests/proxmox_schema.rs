//! The requests provisioning builds, checked against the real Proxmox VE API schema of
//! each release in `../shared/reference/pve-api/` (skipped with a message when absent);
//! and the checker itself refuses what Proxmox refuses.
#![cfg(feature = "native")]

#[path = "support/provision/mod.rs"]
mod provision_support;

use provision_support::pve_schema::PveSchema;
use provision_support::{cluster_yaml, input};
use talos_planner::native::provision::desired::{
    destroy_call, image_choice, start_call, stop_call, vm_specs, DiskPath,
};
use talos_planner::native::proxmox::Call;

fn check(schema: &PveSchema, call: &Call) -> Result<(), String> {
    schema.check(call.method.as_str(), &call.path, &call.params)
}

#[test]
fn every_write_is_valid_for_its_release() {
    let input = input(&cluster_yaml("https://factory.talos.dev", "v1.12.0"));
    let specs = vm_specs(&input.plan).unwrap();
    for (release, path) in [
        ("8.0", DiskPath::Iso),
        ("8.4", DiskPath::Import),
        ("9.1", DiskPath::Import),
        ("8.4", DiskPath::Iso),
    ] {
        let Some(schema) = PveSchema::load(release) else {
            return;
        };
        let image = image_choice(&input.config, &input.plan, path).unwrap();
        check(&schema, &image.on("pve01").download_call()).unwrap();
        for spec in &specs {
            check(&schema, &spec.create_call(path, &image.volid())).unwrap();
            check(&schema, &spec.resize_call(&spec.node)).unwrap();
            check(&schema, &start_call(&spec.node, spec.vmid)).unwrap();
            check(&schema, &stop_call(&spec.node, spec.vmid)).unwrap();
            check(&schema, &destroy_call(&spec.node, spec.vmid)).unwrap();
        }
    }
}

#[test]
fn the_checker_refuses_what_proxmox_refuses() {
    let (Some(v80), Some(v84)) = (PveSchema::load("8.0"), PveSchema::load("8.4")) else {
        return;
    };
    let p = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    };
    let create = "/nodes/pve01/qemu";
    // Fine.
    v84.check(
        "POST",
        create,
        &p(&[("vmid", "700"), ("net0", "virtio,bridge=vmbr0,tag=1100")]),
    )
    .unwrap();
    // `import` content came with 8.4.
    let dl = p(&[
        ("content", "import"),
        ("filename", "t.qcow2"),
        ("url", "https://f/t.qcow2"),
    ]);
    v84.check("POST", "/nodes/pve01/storage/local/download-url", &dl)
        .unwrap();
    assert!(v80
        .check("POST", "/nodes/pve01/storage/local/download-url", &dl)
        .is_err());
    let bad = [
        p(&[("vmid", "99")]),                                    // below the minimum
        p(&[("vmid", "700"), ("net0", "bridge=vmbr0")]),         // no model
        p(&[("vmid", "700"), ("net0", "virtio,tag=5000")]),      // VLAN out of range
        p(&[("vmid", "700"), ("scsi0", "local-lvm:0,bogus=1")]), // unknown disk option
        p(&[("vmid", "700"), ("ipconfig0", "ip=10.0.0.1")]),     // no prefix
        p(&[("vmid", "700"), ("tags", "a b!")]),                 // bad tag
        p(&[("vmid", "700"), ("nameservers", "1.1.1.1")]),       // not a parameter
        p(&[("vmid", "700"), ("scsihw", "virtio")]),             // not in the enum
        p(&[("name", "x")]),                                     // vmid missing
    ];
    for params in bad {
        assert!(v84.check("POST", create, &params).is_err(), "{params:?}");
    }
    assert!(v84.check("GET", "/nodes/pve01/nonsense", &[]).is_err());
}
