//! The Image Factory: register the schematic (`POST /schematics`) before Proxmox
//! downloads an image built from it, and check that the factory computed the same ID
//! as the planner did offline.

use std::time::Duration;

use serde::Deserialize;

use crate::native::proxmox::client::error_chain;
use crate::native::tls::{client_config_builder, Trust};

#[derive(Debug, Deserialize)]
struct SchematicAnswer {
    id: String,
}

/// What a dry run says instead of registering the schematic.
pub fn register_call(factory_url: &str, schematic_id: &str) -> String {
    format!(
        "POST {}/schematics (schematic {schematic_id})",
        factory_url.trim_end_matches('/')
    )
}

/// Registers `schematic` with the factory at `factory_url` and checks the answered ID.
pub async fn register_schematic(
    factory_url: &str,
    schematic: &str,
    expected_id: &str,
) -> Result<(), String> {
    let tls = client_config_builder(&Trust::System)
        .map_err(|e| e.to_string())?
        .with_no_client_auth();
    let http = reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .timeout(Duration::from_secs(60))
        .user_agent(concat!("talos-planner/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| error_chain(&e))?;
    let url = format!("{}/schematics", factory_url.trim_end_matches('/'));
    let resp = http
        .post(&url)
        .header(reqwest::header::CONTENT_TYPE, "application/yaml")
        .body(schematic.to_owned())
        .send()
        .await
        .map_err(|e| format!("POST {url}: {}", error_chain(&e)))?;
    let status = resp.status();
    let body = resp
        .text()
        .await
        .map_err(|e| format!("POST {url}: {}", error_chain(&e)))?;
    if !status.is_success() {
        return Err(format!(
            "POST {url} answered {status}: {}",
            body.trim().chars().take(300).collect::<String>()
        ));
    }
    let answer: SchematicAnswer = serde_json::from_str(&body)
        .map_err(|e| format!("POST {url} answered without a schematic ID ({e})"))?;
    if answer.id != expected_id {
        return Err(format!(
            "the Image Factory at {factory_url} gave schematic ID {} but the planner computed \
             {expected_id}; the image would not be the planned one",
            answer.id
        ));
    }
    Ok(())
}
