//! The secrets calls of the page's second package (feature `secrets`, built by
//! `www/scripts/build-package.sh secrets` into `pkg-secrets/`, loaded by the page's
//! Web Worker): make or check a secrets bundle, and every node's complete machine
//! config with the talosconfig. Randomness (a 32-byte seed from
//! `crypto.getRandomValues`) and the clock come from JavaScript; nothing leaves the
//! browser.

use wasm_bindgen::prelude::*;

use super::convert::{config_error, error, text, to_js, Call};
use super::wire::Options;
use crate::secrets::{Flavor, SecretsBundle};
use tsify::Ts;

#[wasm_bindgen(typescript_custom_section)]
const MACHINE_CONFIGS: &'static str = r#"
/** One node's complete machine config. */
export interface CompleteNode { key: string; role: "controlplane" | "worker"; hostname: string; config: string }
/** Every node's complete machine config and the talosconfig (both secrets). */
export interface MachineConfigs { nodes: CompleteNode[]; talosconfig: string }
"#;

fn seed_of(seed: &[u8]) -> Result<[u8; 32], JsValue> {
    seed.try_into()
        .map_err(|_| error("the seed must be 32 random bytes (crypto.getRandomValues)"))
}

fn unix(now: f64) -> Result<u64, JsValue> {
    if (0.0..1e12).contains(&now) {
        Ok(now as u64)
    } else {
        Err(error(
            "`now` must be seconds since 1970 (Date.now() / 1000)",
        ))
    }
}

/// A new secrets bundle, in the format of `talosctl gen secrets`, for the Talos release
/// `talosVersion` (`v1.12.0`). `progress(step, steps, what)` hears each step before it
/// runs; the RSA-4096 service account key takes longest.
#[wasm_bindgen(js_name = generateSecrets)]
pub fn generate_secrets(
    seed: &[u8],
    now: f64,
    #[wasm_bindgen(unchecked_param_type = "string")] talos_version: JsValue,
    progress: Option<js_sys::Function>,
) -> Result<String, JsValue> {
    let version = text(&talos_version, "talosVersion")?;
    let flavor = crate::plan::version::TalosVersion::parse(version.trim())
        .map(|v| Flavor::for_release(v.major, v.minor))
        .unwrap_or_else(Flavor::current);
    let mut report = |step: u32, steps: u32, what: &str| {
        if let Some(f) = &progress {
            let _ = f.call3(
                &JsValue::NULL,
                &JsValue::from(step),
                &JsValue::from(steps),
                &JsValue::from_str(what),
            );
        }
    };
    SecretsBundle::generate(seed_of(seed)?, unix(now)?, flavor, &mut report)
        .map(|b| b.to_yaml())
        .map_err(|e| error(&e.to_string()))
}

/// Checks a secrets bundle (`talosctl gen secrets` output or ours); throws an `Error`
/// naming every problem (never a value).
#[wasm_bindgen(js_name = checkSecrets)]
pub fn check_secrets(
    #[wasm_bindgen(unchecked_param_type = "string")] bundle: JsValue,
) -> Result<(), JsValue> {
    SecretsBundle::from_yaml(&text(&bundle, "bundle")?)
        .map(|_| ())
        .map_err(|e| error(&e.to_string()))
}

/// Every node's complete machine config and the talosconfig, from a config without
/// errors and a bundle. Throws a `ConfigError` (with `diagnostics`) for a config with
/// errors, an `Error` for a bad bundle.
#[wasm_bindgen(js_name = machineConfigs, unchecked_return_type = "MachineConfigs")]
pub fn machine_configs(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] bundle: JsValue,
    seed: &[u8],
    now: f64,
    options: Option<Ts<Options>>,
) -> Result<JsValue, JsValue> {
    let source = &text(&source, "source")?;
    let call = Call::new(source, options)?;
    let bundle =
        SecretsBundle::from_yaml(&text(&bundle, "bundle")?).map_err(|e| error(&e.to_string()))?;
    match crate::machine_configs(source, call.format, &bundle, unix(now)?, seed_of(seed)?) {
        Ok(configs) => to_js(&configs),
        Err(crate::RenderFailure::Diagnostics(diagnostics)) => {
            Err(config_error(source, &call, &diagnostics))
        }
        Err(crate::RenderFailure::Render(e)) => Err(error(&e.to_string())),
    }
}
