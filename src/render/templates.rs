//! The patch templates of `pkg-templates/`, embedded so that the browser, the editor
//! and the native binary render the very same patches.

use thiserror::Error;

use crate::config::yaml;

/// A template, by file name.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    pub name: &'static str,
    pub text: &'static str,
}

macro_rules! templates {
    ($($ident:ident => $file:literal),* $(,)?) => {
        $(pub const $ident: Template = Template {
            name: $file,
            text: include_str!(concat!("../../pkg-templates/", $file)),
        };)*
        /// Every embedded template.
        pub const ALL: &[Template] = &[$($ident),*];
    };
}

templates! {
    INSTALL_DISK => "install-disk.yaml.tmpl",
    HOSTNAME_V1ALPHA1 => "hostname-v1alpha1.yaml.tmpl",
    HOSTNAME_CONFIG => "hostname-config.yaml.tmpl",
    CP_SCHEDULING => "cp-scheduling.yaml",
    HA_VIP_V1ALPHA1 => "ha-vip-v1alpha1.yaml.tmpl",
    HA_VIP_LAYER2 => "ha-vip-layer2.yaml.tmpl",
    CLUSTER_ENDPOINT => "cluster-endpoint.yaml.tmpl",
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TemplateError {
    #[error("template {template} uses `${{{name}}}`, which the planner does not provide")]
    UnknownPlaceholder {
        template: &'static str,
        name: String,
    },
    #[error("template {template} has an unterminated `${{`")]
    Unterminated { template: &'static str },
}

impl Template {
    /// Replaces every `${name}` with its value. Placeholders always stand for a whole
    /// YAML scalar, so a value that would not read back as the same plain string is
    /// written double-quoted.
    pub fn render(&self, values: &[(&str, &str)]) -> Result<String, TemplateError> {
        let mut out = String::with_capacity(self.text.len() + 64);
        let mut rest = self.text;
        while let Some(at) = rest.find("${") {
            out.push_str(&rest[..at]);
            let after = &rest[at + 2..];
            let end = after.find('}').ok_or(TemplateError::Unterminated {
                template: self.name,
            })?;
            let name = &after[..end];
            let value = values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| *v)
                .ok_or_else(|| TemplateError::UnknownPlaceholder {
                    template: self.name,
                    name: name.to_owned(),
                })?;
            out.push_str(&yaml::scalar(value));
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_and_quotes() {
        let out = INSTALL_DISK
            .render(&[("install_disk", "/dev/sda")])
            .unwrap();
        assert_eq!(out, "machine:\n  install:\n    disk: /dev/sda\n");
        let out = INSTALL_DISK
            .render(&[("install_disk", "/dev/disk #1")])
            .unwrap();
        assert!(out.contains("disk: \"/dev/disk #1\""));
        let out = HOSTNAME_V1ALPHA1.render(&[("hostname", "true")]).unwrap();
        assert!(out.contains("hostname: \"true\""));
    }

    #[test]
    fn unknown_placeholders_are_errors() {
        assert!(matches!(
            INSTALL_DISK.render(&[]),
            Err(TemplateError::UnknownPlaceholder { .. })
        ));
    }

    #[test]
    fn every_template_is_yaml_after_rendering() {
        let values = [
            ("install_disk", "/dev/sda"),
            ("hostname", "homelab-controlplane-01"),
            ("interface", "eth0"),
            ("vip", "10.10.100.13"),
            ("endpoint", "https://10.10.100.13:6443"),
            ("cluster_name", "homelab"),
        ];
        for t in ALL {
            let text = t.render(&values).unwrap();
            let stream = crate::config::yaml::read_stream(&text, Default::default());
            assert!(
                stream.complete && stream.diagnostics.is_empty(),
                "{}: {:?}",
                t.name,
                stream.diagnostics
            );
        }
    }
}
