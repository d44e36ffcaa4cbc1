//! The Talos image and the values Talos and the factory are strict about.

use super::decode_suggest;
use super::fixes::replace_scalar;
use super::{Context, Reporter};
use crate::config::fields::{ARCHES, PLATFORMS};
use crate::config::release_tag::release_tag;
use crate::diagnostics::Diagnostic;
use crate::diagnostics::Rule;
use crate::plan::version::TalosVersion;

pub(super) fn check(ctx: &Context<'_>, out: &mut Reporter) {
    let image = &ctx.config.image;
    if let Some(version) = image.version.known() {
        if TalosVersion::parse(&version.value).is_none() {
            let mut d = Diagnostic::new(
                Rule::InvalidTalosVersion,
                version.span,
                format!(
                    "image.version `{}` is not a Talos release tag like v1.12.0",
                    version.value
                ),
            );
            // `1.12`, `v1.12`, `V1.12.0`: the full tag the factory knows.
            if let Some(tag) = release_tag(&version.value)
                .filter(|tag| *tag != version.value && TalosVersion::parse(tag).is_some())
            {
                d = d.with_fix(replace_scalar(
                    ctx.text,
                    version.span,
                    &tag,
                    format!("Use `{tag}`"),
                ));
            }
            out.push(d);
        }
    }

    if let Some(arch) = image.arch.known() {
        if !ARCHES.contains(&arch.value.as_str()) {
            let mapped = match arch.value.to_ascii_lowercase().as_str() {
                "x86_64" | "x86-64" | "x64" | "amd" => Some("amd64"),
                "aarch64" | "arm" | "armv8" => Some("arm64"),
                other => decode_suggest(other, ARCHES.iter().copied()),
            };
            let mut d = Diagnostic::new(
                Rule::InvalidArch,
                arch.span,
                format!(
                    "image.arch `{}` is not one of {}",
                    arch.value,
                    ARCHES.join(", ")
                ),
            );
            if let Some(m) = mapped {
                d = d.with_fix(replace_scalar(ctx.text, arch.span, m, format!("Use `{m}`")));
            }
            out.push(d);
        }
    }

    if let Some(platform) = image.platform.known() {
        if !PLATFORMS.contains(&platform.value.as_str()) {
            let mut d = Diagnostic::new(
                Rule::InvalidPlatform,
                platform.span,
                format!(
                    "image.platform `{}` is not an Image Factory platform; on Proxmox use `nocloud` or `metal`",
                    platform.value
                ),
            );
            let suggestion = decode_suggest(&platform.value, PLATFORMS.iter().copied()).or(
                if platform.value.eq_ignore_ascii_case("proxmox") {
                    Some("nocloud")
                } else {
                    None
                },
            );
            if let Some(s) = suggestion {
                d = d.with_fix(replace_scalar(
                    ctx.text,
                    platform.span,
                    s,
                    format!("Use `{s}`"),
                ));
            }
            out.push(d);
        }
    }

    if let Some(url) = image.factory_url.known() {
        let ok = ["https://", "http://"].iter().any(|p| {
            url.value
                .strip_prefix(p)
                .is_some_and(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace))
        });
        if !ok {
            out.push(Diagnostic::new(
                Rule::InvalidValue,
                url.span,
                format!("image.factory_url `{}` is not an http(s) URL", url.value),
            ));
        }
    }

    for ext in image.extensions.get().into_iter().flatten() {
        let name = ext.value.trim();
        let ok = !name.is_empty()
            && name.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '/' | '.')
            });
        if !ok {
            out.push(Diagnostic::new(
                Rule::InvalidValue,
                ext.span,
                format!(
                    "`{}` is not an official extension name like `qemu-guest-agent`",
                    ext.value
                ),
            ));
        }
    }

    let mut install_disks = vec![&ctx.config.cluster.install_disk];
    for role in [&ctx.config.controlplane, &ctx.config.worker] {
        for o in role.overrides.get().into_iter().flatten() {
            install_disks.push(&o.install_disk);
        }
    }
    for disk in install_disks.into_iter().filter_map(|d| d.known()) {
        if !disk.value.starts_with("/dev/") || disk.value.len() <= "/dev/".len() {
            out.push(Diagnostic::new(
                Rule::InvalidValue,
                disk.span,
                format!(
                    "install_disk `{}` is not a device path like /dev/sda",
                    disk.value
                ),
            ));
        }
    }
}
