//! The Proxmox client against the in-process fake on loopback HTTPS: authentication
//! (token header; ticket and CSRF), trust (CA file, pinned fingerprint, explicit
//! insecure), error sentences, tasks (polling, not found at first, warnings, failures),
//! and that the token never shows in errors or debug output.
#![cfg(feature = "native")]

#[path = "support/provision/mod.rs"]
mod provision_support;

use std::time::Duration;

use provision_support::fake_pve::FakePve;
use provision_support::{client, client_with, fast_tasks, SECRET};
use talos_planner::native::proxmox::{
    api, task, Call, Client, Credentials, Method, ProxmoxError, Secret, Settings, TaskOutcome,
};
use talos_planner::native::tls::{Fingerprint, Trust};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_header_and_envelope() {
    let fake = FakePve::start("8.4", SECRET).await;
    let c = client(&fake);
    let info = api::version(&c).await.unwrap();
    assert_eq!(info.release.as_deref(), Some("8.4"));
    let st = fake.state();
    assert_eq!(
        st.requests[0].authorization.as_deref(),
        Some(format!("PVEAPIToken=root@pam!ci={SECRET}").as_str())
    );
    assert_eq!(c.request_count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ticket_login_sends_csrf_on_writes() {
    let fake = FakePve::start("8.4", SECRET).await;
    fake.state().vms.insert(
        700,
        provision_support::fake_pve::Vm::foreign("pve01", "x", "talos-planner;homelab"),
    );
    fake.state().vms.get_mut(&700).unwrap().status = "stopped".into();
    let c = Client::new(&Settings {
        endpoint: fake.url.clone(),
        credentials: Credentials::Password {
            username: "root@pam".into(),
            password: Secret::new(SECRET),
        },
        trust: Trust::CaPem(fake.ca_pem.clone()),
        timeout: Duration::from_secs(10),
    })
    .unwrap();
    let upid = c
        .execute(&Call::new(
            Method::Post,
            "/nodes/pve01/qemu/700/status/start",
        ))
        .await
        .unwrap();
    let upid = upid.as_str().unwrap().to_owned();
    assert_eq!(
        task::wait(&c, &upid, &fast_tasks()).await.unwrap(),
        TaskOutcome::Ok
    );
    assert_eq!(fake.state().vms[&700].status, "running");
    // The login happened once; the CSRF header made the write pass.
    {
        let st = fake.state();
        assert_eq!(
            st.requests
                .iter()
                .filter(|r| r.path == "/access/ticket")
                .count(),
            1
        );
        assert!(st.requests.iter().all(|r| r.status == 200));
    }
    // A wrong password is a clear sentence without the password.
    let bad = Client::new(&Settings {
        endpoint: fake.url.clone(),
        credentials: Credentials::Password {
            username: "root@pam".into(),
            password: Secret::new("wrong-password-value"),
        },
        trust: Trust::CaPem(fake.ca_pem.clone()),
        timeout: Duration::from_secs(10),
    })
    .unwrap();
    let err = api::version(&bad).await.unwrap_err();
    let text = err.to_string();
    assert!(text.contains("refused the credentials"), "{text}");
    assert!(text.contains("PROXMOX_VE_PASSWORD"), "{text}");
    assert!(!text.contains("wrong-password-value"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trust_choices() {
    let fake = FakePve::start("8.4", SECRET).await;
    // The system trust store does not know the fake's CA.
    let err = api::version(&client_with(&fake, Trust::System))
        .await
        .unwrap_err();
    assert!(matches!(err, ProxmoxError::Transport { .. }), "{err}");
    assert!(err.to_string().contains("cannot reach Proxmox"), "{err}");
    // A pinned fingerprint works; a wrong one is refused with both fingerprints named.
    let pin = Fingerprint::parse(&fake.fingerprint).unwrap();
    api::version(&client_with(&fake, Trust::Pinned(pin)))
        .await
        .unwrap();
    let wrong = Fingerprint([7; 32]);
    let err = api::version(&client_with(&fake, Trust::Pinned(wrong)))
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("fingerprint"), "{err}");
    // Insecure accepts anything, but only when asked.
    api::version(&client_with(&fake, Trust::Insecure))
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_are_one_sentence_and_never_show_the_token() {
    let fake = FakePve::start("8.4", SECRET).await;
    {
        let mut st = fake.state();
        st.faults.push(provision_support::fake_pve::Fault {
            method: "POST".into(),
            path_suffix: "/qemu".into(),
            status: 400,
            message: "Parameter verification failed.".into(),
            errors: vec![("net0".into(), "invalid format - missing bridge".into())],
            times: 1,
        });
    }
    let c = client(&fake);
    let err = c
        .execute(&Call::new(Method::Post, "/nodes/pve01/qemu").param("vmid", 700))
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Proxmox refused POST /nodes/pve01/qemu: 400 Parameter verification failed (net0: invalid format - missing bridge)"
    );
    // 401 with the token: what to check, not the token.
    fake.state().token = Some(("root@pam!ci".into(), "rotated".into()));
    let err = api::version(&c).await.unwrap_err();
    let text = format!("{err} {err:?} {c:?}");
    assert!(text.contains("PROXMOX_VE_API_TOKEN"), "{text}");
    assert!(!text.contains(SECRET), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tasks_polled_until_stopped() {
    let fake = FakePve::start("8.4", SECRET).await;
    {
        let mut st = fake.state();
        st.vms.insert(
            700,
            provision_support::fake_pve::Vm::foreign("pve01", "x", ""),
        );
        st.vms.get_mut(&700).unwrap().status = "stopped".into();
        st.task_duration = Duration::from_millis(150);
        st.hide_new_tasks = 2;
    }
    let c = client(&fake);
    let start = Call::new(Method::Post, "/nodes/pve01/qemu/700/status/start");
    let upid = c.execute(&start).await.unwrap();
    // Not found twice, then running, then stopped: all tolerated.
    let outcome = task::wait(&c, upid.as_str().unwrap(), &fast_tasks())
        .await
        .unwrap();
    assert_eq!(outcome, TaskOutcome::Ok);
    assert!(
        fake.state()
            .requests
            .iter()
            .filter(|r| r.path.contains("/tasks/"))
            .count()
            >= 4
    );

    // WARNINGS: n is success; anything else is the task's error.
    {
        let mut st = fake.state();
        st.hide_new_tasks = 0;
        st.task_duration = Duration::ZERO;
        st.task_faults
            .push(("qmstop".into(), "WARNINGS: 2".into(), 1));
        st.task_faults.push((
            "qmstart".into(),
            "start failed: QEMU exited with code 1".into(),
            1,
        ));
    }
    let stop = Call::new(Method::Post, "/nodes/pve01/qemu/700/status/stop");
    let upid = c.execute(&stop).await.unwrap();
    assert_eq!(
        task::wait(&c, upid.as_str().unwrap(), &fast_tasks())
            .await
            .unwrap(),
        TaskOutcome::Warnings(2)
    );
    let upid = c.execute(&start).await.unwrap();
    let err = task::wait(&c, upid.as_str().unwrap(), &fast_tasks())
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Proxmox task qmstart on node pve01 failed: start failed: QEMU exited with code 1"
    );

    // A task that never stops times out with its ID in the message.
    fake.state().task_duration = Duration::from_secs(60);
    let upid = c.execute(&stop).await.unwrap();
    let mut policy = fast_tasks();
    policy.timeout = Duration::from_millis(200);
    let err = task::wait(&c, upid.as_str().unwrap(), &policy)
        .await
        .unwrap_err();
    assert!(matches!(err, ProxmoxError::TaskTimeout { .. }), "{err}");
}
