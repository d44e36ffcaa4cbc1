//! `apply`, `destroy` and `status` against the in-process fake Proxmox, with faults: a
//! 500 in the middle, a failed task, slow tasks, a 401, a VM ID taken by someone else, a
//! killed run. Each ends with the right message, and a re-run converges to the plan.
//! Every request sent is checked against the real schema of the fake's release.
#![cfg(feature = "native")]

#[path = "support/provision/mod.rs"]
mod provision_support;

use std::time::Duration;

use provision_support::fake_pve::{FakeFactory, FakePve, Vm};
use provision_support::{check_requests, client, cluster_yaml, input, options, SECRET};
use talos_planner::native::provision::desired::DiskPath;
use talos_planner::native::provision::events::Collect;
use talos_planner::native::provision::{
    self, ApplyOptions, ApplySummary, ClusterInput, Event, ProvisionError, StatusOptions,
};

struct Rig {
    fake: FakePve,
    factory: FakeFactory,
    input: ClusterInput,
}

async fn new_rig(release: &str) -> Rig {
    let fake = FakePve::start(release, SECRET).await;
    let factory = FakeFactory::start().await;
    let input = input(&cluster_yaml(&factory.url, "v1.12.0"));
    Rig {
        fake,
        factory,
        input,
    }
}

impl Rig {
    async fn apply(
        &self,
        opts: &ApplyOptions,
    ) -> (Result<ApplySummary, ProvisionError>, Vec<Event>) {
        let events = Collect::default();
        let c = client(&self.fake);
        let result = provision::apply(&self.input, &c, opts, &events).await;
        let events = events.events();
        assert_no_secret(&events);
        if let Err(e) = &result {
            assert!(!format!("{e} {e:?}").contains(SECRET));
        }
        (result, events)
    }

    fn writes(&self) -> usize {
        self.fake.state().writes().len()
    }

    fn creates(&self) -> usize {
        self.fake
            .state()
            .requests
            .iter()
            .filter(|r| r.method == "POST" && r.path.ends_with("/qemu") && r.status == 200)
            .count()
    }

    /// Every planned VM exists, runs, and has its planned disk size.
    fn assert_converged(&self) {
        let st = self.fake.state();
        let planned = [
            (700, "pve01", "50G"),
            (701, "pve02", "50G"),
            (702, "pve03", "50G"),
            (710, "pve01", "40G"),
            (711, "pve01", "40G"),
        ];
        for (id, node, size) in planned {
            let vm = st.vms.get(&id).unwrap_or_else(|| panic!("VM {id} missing"));
            assert_eq!(vm.node, node, "VM {id}");
            assert_eq!(vm.status, "running", "VM {id}");
            assert!(vm.lock.is_none(), "VM {id} locked");
            assert!(
                vm.config["scsi0"].ends_with(&format!("size={size}")),
                "VM {id}: {}",
                vm.config["scsi0"]
            );
        }
        assert_eq!(st.vms.len(), planned.len());
    }
}

fn assert_no_secret(events: &[Event]) {
    let all = serde_json::to_string(events).unwrap();
    assert!(!all.contains(SECRET), "the token leaked into events");
}

fn finish_message(events: &[Event]) -> String {
    events
        .iter()
        .find_map(|e| match e {
            Event::Finish { message, .. } => Some(message.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_builds_the_plan_and_a_second_apply_changes_nothing() {
    for release in ["9.1", "8.4"] {
        let rig = new_rig(release).await;
        let (result, events) = rig.apply(&options()).await;
        let summary = result.unwrap();
        assert_eq!(summary.disk_path, Some(DiskPath::Import));
        assert_eq!(
            (
                summary.vms_created,
                summary.vms_started,
                summary.disks_grown,
                summary.images_downloaded
            ),
            (5, 5, 5, 3),
            "{release}"
        );
        rig.assert_converged();
        {
            let st = rig.fake.state();
            let cp1 = &st.vms[&700].config;
            assert_eq!(cp1["name"], "homelab-controlplane-01");
            assert_eq!(cp1["cores"], "2");
            assert_eq!(cp1["memory"], "4096");
            assert_eq!(cp1["cpu"], "host");
            assert_eq!(cp1["machine"], "q35");
            assert_eq!(cp1["scsihw"], "virtio-scsi-single");
            assert!(
                cp1["net0"].ends_with(",bridge=vmbr0,tag=1100"),
                "{}",
                cp1["net0"]
            );
            assert_eq!(cp1["ipconfig0"], "ip=10.10.100.10/24,gw=10.10.100.1");
            assert_eq!(cp1["nameserver"], "1.1.1.1 9.9.9.9");
            assert_eq!(cp1["agent"], "enabled=1");
            assert_eq!(cp1["tags"], "homelab;talos-planner");
            assert!(cp1["scsi0"].starts_with("local-lvm:vm-700-disk-0,"));
            assert!(cp1["ide2"].starts_with("local-lvm:vm-700-cloudinit"));
            assert_eq!(
                st.vms[&711].config["ipconfig0"],
                "ip=10.10.100.21/24,gw=10.10.100.1"
            );
            // One image per Proxmox node, from the factory's uncompressed qcow2.
            let downloads: Vec<_> = st
                .requests
                .iter()
                .filter(|r| r.path.ends_with("/download-url"))
                .collect();
            assert_eq!(downloads.len(), 3);
            for d in &downloads {
                let url = d.params.iter().find(|(k, _)| k == "url").unwrap();
                assert!(url.1.ends_with("/v1.12.0/nocloud-amd64.qcow2"), "{}", url.1);
                assert!(d.params.contains(&("content".into(), "import".into())));
            }
        }
        assert_eq!(rig.factory.received.lock().unwrap().len(), 1);
        assert!(finish_message(&events).starts_with("applied in"));
        check_requests(&rig.fake);

        let writes = rig.writes();
        let (again, events) = rig.apply(&options()).await;
        let again = again.unwrap();
        assert!(!again.changed, "{again:?}");
        assert_eq!(rig.writes(), writes, "a second apply sent writes");
        assert!(finish_message(&events).starts_with("no changes"));
        assert_eq!(rig.factory.received.lock().unwrap().len(), 1);
        check_requests(&rig.fake);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn before_8_4_the_iso_boots_next_to_a_blank_disk() {
    let rig = new_rig("8.0").await;
    let (result, _) = rig.apply(&options()).await;
    let summary = result.unwrap();
    assert_eq!(summary.disk_path, Some(DiskPath::Iso));
    assert_eq!(summary.disks_grown, 0);
    rig.assert_converged();
    {
        let st = rig.fake.state();
        let cp1 = &st.vms[&700].config;
        assert!(cp1["ide0"].contains(":iso/talos-"), "{}", cp1["ide0"]);
        assert!(cp1["ide0"].ends_with(".iso,media=cdrom"));
        assert_eq!(cp1["boot"], "order=scsi0;ide0");
        assert!(st
            .requests
            .iter()
            .filter(|r| r.path.ends_with("/download-url"))
            .all(|r| r.params.contains(&("content".into(), "iso".into()))));
    }
    check_requests(&rig.fake);
    let writes = rig.writes();
    assert!(!rig.apply(&options()).await.0.unwrap().changed);
    assert_eq!(rig.writes(), writes);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vm_id_taken_by_someone_else_stops_the_run_before_any_change() {
    for tags in ["", "talos-planner;othercluster", "homelab"] {
        let rig = new_rig("8.4").await;
        rig.fake
            .state()
            .vms
            .insert(701, Vm::foreign("pve02", "database", tags));
        let (result, events) = rig.apply(&options()).await;
        let err = result.unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, ProvisionError::Refused { .. }), "{text}");
        assert!(text.contains("VM 701 on pve02 (`database`"), "{text}");
        assert!(
            text.contains("not managed by talos-planner for cluster homelab"),
            "{text}"
        );
        assert!(text.contains("nothing was changed"), "{text}");
        assert!(text.contains("vm_base_id"), "{text}");
        assert_eq!(rig.writes(), 0, "tags {tags:?}");
        assert!(events.iter().any(|e| matches!(e, Event::Error { .. })));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_container_on_a_planned_id_stops_the_run_too() {
    // Containers and VMs share one ID space, and a container cannot be ours.
    for tags in ["", "talos-planner;homelab"] {
        let rig = new_rig("8.4").await;
        rig.fake
            .state()
            .vms
            .insert(710, Vm::container("pve01", "pihole", tags));
        let (result, _) = rig.apply(&options()).await;
        let text = result.unwrap_err().to_string();
        assert!(
            text.contains("container 710 on pve01 (`pihole`, tags: "),
            "{text}"
        );
        assert!(text.contains("(vm-id-taken)"), "{text}");
        assert!(text.contains("nothing was changed"), "{text}");
        assert_eq!(rig.writes(), 0, "tags {tags:?}");
        // destroy leaves it alone as well.
        let c = client(&rig.fake);
        let events = Collect::default();
        let summary = provision::destroy(&rig.input, &c, &options(), &events)
            .await
            .unwrap();
        assert_eq!(summary.left_alone, vec![710]);
        assert!(events.events().iter().any(|e| matches!(e,
            Event::Warning { message, .. } if message.starts_with("container 710 has a planned VM ID"))));
        assert_eq!(rig.writes(), 0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_500_in_the_middle_then_a_rerun_converges() {
    let rig = new_rig("8.4").await;
    rig.fake.state().fail(
        "POST",
        "/qemu/702/status/start",
        500,
        "VM 702 qmp command 'cont' failed - got timeout",
        1,
    );
    let (result, _) = rig.apply(&options()).await;
    let err = result.unwrap_err();
    assert_eq!(err.node(), Some("controlplane-3"));
    assert_eq!(
        err.to_string(),
        "controlplane-3: starting VM 702 failed: Proxmox refused POST /nodes/pve03/qemu/702/status/start: \
         500 VM 702 qmp command 'cont' failed - got timeout. Proxmox had a problem; run the command \
         again: it continues where it stopped"
    );
    let (again, _) = rig.apply(&options()).await;
    let again = again.unwrap();
    // VMs not begun when the error stopped the run are created now; the others are not.
    assert!(
        again.vms_started >= 1 && again.vms_created <= 1,
        "{again:?}"
    );
    rig.assert_converged();
    assert_eq!(rig.creates(), 5, "a VM was created twice");
    check_requests(&rig.fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_task_then_a_rerun_converges() {
    let rig = new_rig("8.4").await;
    rig.fake.state().task_faults.push((
        "qmcreate".into(),
        "unable to create VM 700 - lvcreate 'pve/vm-700-disk-0' error: Volume group \"pve\" has insufficient free space".into(),
        1,
    ));
    let mut opts = options();
    opts.concurrency = 1;
    let (result, _) = rig.apply(&opts).await;
    let text = result.unwrap_err().to_string();
    assert!(
        text.starts_with("controlplane-1: creating VM 700 failed: Proxmox task qmcreate on node pve01 failed: unable to create VM 700"),
        "{text}"
    );
    assert!(
        text.contains("See the task log on Proxmox node pve01"),
        "{text}"
    );
    // The failed create left nothing behind; the run stopped before the next VMs.
    assert!(rig.fake.state().vms.is_empty());
    let (again, _) = rig.apply(&opts).await;
    assert_eq!(again.unwrap().vms_created, 5);
    rig.assert_converged();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_tasks_run_a_bounded_number_of_vms_at_once() {
    for concurrency in [1, 2, 4] {
        let rig = new_rig("9.1").await;
        rig.fake.state().task_duration = Duration::from_millis(120);
        let mut opts = options();
        opts.concurrency = concurrency;
        let (result, _) = rig.apply(&opts).await;
        result.unwrap();
        rig.assert_converged();
        let max = rig.fake.state().max_parallel_creates;
        assert!(
            max <= concurrency,
            "{max} creates at once with --concurrency {concurrency}"
        );
        if concurrency > 1 {
            assert!(max > 1, "no VMs were created at the same time");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_401_says_what_to_check() {
    let rig = new_rig("8.4").await;
    rig.fake.state().token = Some(("root@pam!ci".into(), "someone-rotated-it".into()));
    let (result, _) = rig.apply(&options()).await;
    let text = result.unwrap_err().to_string();
    assert!(
        text.starts_with(
            "reading the Proxmox version failed: Proxmox refused the credentials (401"
        ),
        "{text}"
    );
    assert!(text.contains("check PROXMOX_VE_API_TOKEN"), "{text}");
    assert_eq!(rig.writes(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_run_is_finished_by_the_next() {
    let rig = new_rig("8.4").await;
    rig.fake.state().task_duration = Duration::from_millis(300);
    // The process dies while VMs are being created: the future is dropped mid-way.
    let c = client(&rig.fake);
    let events = Collect::default();
    let opts = options();
    let creating = async {
        loop {
            let busy = rig.fake.state().vms.values().any(|vm| vm.lock.is_some());
            if busy {
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    };
    tokio::select! {
        _ = provision::apply(&rig.input, &c, &opts, &events) => {
            panic!("the run finished before it was killed")
        }
        _ = creating => {}
    }
    assert!(rig.creates() < 5, "every VM was created before the kill");
    // As in Proxmox, a VM being created has no name and no tags yet: only its lock.
    let locked: Vec<u64> = {
        let st = rig.fake.state();
        st.vms
            .iter()
            .filter(|(_, vm)| vm.lock.as_deref() == Some("create"))
            .map(|(id, vm)| {
                assert!(!vm.config.contains_key("tags") && !vm.config.contains_key("name"));
                *id
            })
            .collect()
    };
    assert!(!locked.is_empty());
    // Run again at once: it waits for those creations instead of refusing the VMs.
    let (again, events) = rig.apply(&options()).await;
    again.unwrap();
    for id in &locked {
        assert!(
            events
                .iter()
                .any(|e| matches!(e, Event::Step { message, .. }
                if message.starts_with(&format!("VM {id} is being created")))),
            "VM {id}: {events:#?}"
        );
    }
    rig.assert_converged();
    assert_eq!(rig.creates(), 5, "a VM was created twice");
    assert_eq!(
        rig.fake
            .state()
            .requests
            .iter()
            .filter(|r| r.path.ends_with("/download-url"))
            .count(),
        3,
        "an image was downloaded twice"
    );
    check_requests(&rig.fake);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn running_vms_get_new_memory_and_drift_is_reported() {
    let rig = new_rig("8.4").await;
    rig.apply(&options()).await.0.unwrap();
    {
        let mut st = rig.fake.state();
        st.vms
            .get_mut(&700)
            .unwrap()
            .config
            .insert("memory".into(), "2048".into());
        st.vms.get_mut(&711).unwrap().node = "pve02".into();
    }
    let writes = rig.writes();
    let (result, events) = rig.apply(&options()).await;
    let summary = result.unwrap();
    // Memory: one PUT; the VM runs, so Proxmox keeps it pending until its next start.
    assert_eq!(rig.writes(), writes + 1);
    assert_eq!(summary.vms_resized, 1);
    assert_eq!(summary.restart_needed, vec!["controlplane-1".to_owned()]);
    {
        let st = rig.fake.state();
        let vm = &st.vms[&700];
        assert_eq!(vm.config["memory"], "2048");
        assert_eq!(vm.pending["memory"], Some("4096".into()));
    }
    assert!(events.iter().any(|e| matches!(e, Event::Diff { node, line, .. } if node == "controlplane-1" && line.contains("memory 2048 -> 4096 MiB (new cores and memory apply at the VM's next start from Proxmox)"))));
    // A VM on another Proxmox node is reported, never moved.
    assert!(summary.drift.contains(&(
        "worker-2".into(),
        "Proxmox node is pve02, the plan says pve01".into()
    )));
    assert!(
        finish_message(&events).contains("restart from Proxmox"),
        "{events:#?}"
    );
    check_requests(&rig.fake);

    // Again: nothing to write; the pending memory is a note.
    let writes = rig.writes();
    let (again, events) = rig.apply(&options()).await;
    assert!(!again.unwrap().changed);
    assert_eq!(rig.writes(), writes);
    assert!(events.iter().any(|e| matches!(e, Event::Diff { node, details, .. } if node == "controlplane-1" && details.iter().any(|d| d.starts_with("note: memory 4096 MiB is pending (now 2048 MiB)")))));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dry_run_prints_calls_and_changes_nothing() {
    let rig = new_rig("8.4").await;
    let mut opts = options();
    opts.dry_run = true;
    let (result, events) = rig.apply(&opts).await;
    assert!(result.unwrap().changed);
    assert_eq!(rig.writes(), 0);
    assert!(rig.factory.received.lock().unwrap().is_empty());
    let calls: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            Event::WouldCall { call, .. } => Some(call.as_str()),
            _ => None,
        })
        .collect();
    assert!(calls
        .iter()
        .any(|c| c.starts_with("POST /nodes/pve01/qemu vmid=700 name=homelab-controlplane-01")));
    assert!(calls
        .iter()
        .any(|c| c.starts_with("POST /nodes/pve03/storage/local/download-url content=import")));
    assert!(calls.contains(&"POST /nodes/pve02/qemu/701/status/start"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn images_are_downloaded_once_per_node_and_storage() {
    let rig = new_rig("8.4").await;
    let image = rig.input.plan.image.clone().unwrap();
    let volid = format!(
        "local:import/talos-{}-v1.12.0-nocloud-amd64.qcow2",
        image.schematic_id
    );
    rig.fake
        .state()
        .storages
        .get_mut("local")
        .unwrap()
        .files
        .insert(("pve01".into(), volid));
    let summary = rig.apply(&options()).await.0.unwrap();
    assert_eq!(summary.images_downloaded, 2);
    // A shared storage holds one copy for every node.
    let rig = rig_shared().await;
    let summary = rig.apply(&options()).await.0.unwrap();
    assert_eq!(summary.images_downloaded, 1);
    rig.assert_converged();
}

async fn rig_shared() -> Rig {
    let rig = new_rig("9.1").await;
    rig.fake.state().storages.get_mut("local").unwrap().shared = true;
    rig
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_factory_must_agree_on_the_schematic_id() {
    let rig = new_rig("8.4").await;
    *rig.factory.wrong_id.lock().unwrap() = true;
    let (result, _) = rig.apply(&options()).await;
    let text = result.unwrap_err().to_string();
    assert!(text.contains("gave schematic ID 0000"), "{text}");
    assert!(text.contains("but the planner computed ce4c9805"), "{text}");
    assert_eq!(rig.writes(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_nodes_and_unfit_storages_are_refused() {
    let rig = new_rig("8.4").await;
    rig.fake.state().nodes.retain(|(n, _)| n != "pve03");
    let text = rig.apply(&options()).await.0.unwrap_err().to_string();
    assert!(
        text.contains(
            "Proxmox node `pve03` is not in this cluster (its nodes: pve01, pve02) \
             (proxmox-node-unavailable)"
        ),
        "{text}"
    );
    assert_eq!(rig.writes(), 0);

    let unfit = new_rig("8.4").await;
    unfit
        .fake
        .state()
        .storages
        .get_mut("local")
        .unwrap()
        .content = vec!["iso".into()];
    let text = unfit.apply(&options()).await.0.unwrap_err().to_string();
    assert!(
        text.contains("image storage `local` on Proxmox node `pve01` does not take `import` content (it takes: iso;"),
        "{text}"
    );
    assert!(text.contains("Datacenter > Storage"), "{text}");
    assert_eq!(unfit.writes(), 0);

    // Every VM's datastore is checked, not only the first on each node.
    let mut rig = new_rig("8.4").await;
    let yaml = cluster_yaml(&rig.factory.url, "v1.12.0").replace(
        "  specs: { ip_offset: 10, cpu: 2, memory: 6144, disk: 40 }\n",
        "  specs: { ip_offset: 10, cpu: 2, memory: 6144, disk: 40 }\n  overrides:\n    \
         worker-2: { datastore: fast }\n",
    );
    rig.input = input(&yaml);
    let text = rig.apply(&options()).await.0.unwrap_err().to_string();
    assert!(
        text.contains("datastore `fast` on Proxmox node `pve01` does not exist"),
        "{text}"
    );
    assert_eq!(rig.writes(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn destroy_removes_only_this_clusters_vms() {
    let rig = new_rig("8.4").await;
    rig.apply(&options()).await.0.unwrap();
    {
        let mut st = rig.fake.state();
        st.vms.insert(
            900,
            Vm::foreign("pve01", "other", "talos-planner;othercluster"),
        );
        st.vms.insert(901, Vm::foreign("pve01", "pet", "homelab"));
    }
    let c = client(&rig.fake);
    let events = Collect::default();
    let summary = provision::destroy(&rig.input, &c, &options(), &events)
        .await
        .unwrap();
    assert_eq!(summary.destroyed, vec![700, 701, 702, 710, 711]);
    let left: Vec<u64> = rig.fake.state().vms.keys().copied().collect();
    assert_eq!(left, vec![900, 901]);
    check_requests(&rig.fake);
    let again = provision::destroy(&rig.input, &c, &options(), &events)
        .await
        .unwrap();
    assert!(again.destroyed.is_empty());
    assert_no_secret(&events.events());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_shows_each_vm() {
    let rig = new_rig("8.4").await;
    rig.apply(&options()).await.0.unwrap();
    rig.fake.state().vms.get_mut(&711).unwrap().status = "stopped".into();
    rig.fake.state().vms.remove(&710);
    let c = client(&rig.fake);
    let status = provision::status(
        &rig.input,
        &c,
        &StatusOptions {
            concurrency: 4,
            talos: None,
        },
    )
    .await
    .unwrap();
    let states: Vec<(&str, &str)> = status
        .nodes
        .iter()
        .map(|n| (n.node.as_str(), n.vm.as_str()))
        .collect();
    assert_eq!(
        states,
        vec![
            ("controlplane-1", "running"),
            ("controlplane-2", "running"),
            ("controlplane-3", "running"),
            ("worker-1", "missing"),
            ("worker-2", "stopped")
        ]
    );
    assert!(!status.healthy);
}
