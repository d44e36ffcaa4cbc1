//! Spreading the control planes over Proxmox hosts in one step, round-robin: the fix of
//! `controlplanes-share-host` (over the hosts the config already names), the page's
//! "Proxmox hosts" setting (over the hosts typed there), and, with a live cluster, the
//! suggestion of `diff`/`apply` (over the online nodes, most free memory first; see
//! [`by_free_memory`]).
//!
//! The edits go through [`crate::edit`], so the rest of the file is kept byte for byte,
//! and they are returned as one text edit from the first change to the last.

use thiserror::Error;

use crate::config::{parse_file, Config, Format, Val};
use crate::diagnostics::{apply_edits, Diagnostic, Fix, Rule, Span, TextEdit};
use crate::edit::{self, EditError, Scalar};

/// Why the control planes could not be spread.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SpreadError {
    #[error("give at least one Proxmox host")]
    NoHosts,
    #[error("`{0}` is not a Proxmox node name")]
    BadHost(String),
    #[error("the config has no control plane count to spread")]
    UnknownCount,
    #[error(transparent)]
    Edit(#[from] EditError),
}

/// A Proxmox node of a live cluster that is online, with its free memory in bytes (what
/// `GET /nodes` reports as `maxmem - mem`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnlineHost {
    pub name: String,
    pub free_memory: u64,
}

/// The online hosts to spread over, the one with the most free memory first (ties by
/// name, so the suggestion does not change from one run to the next).
pub fn by_free_memory(hosts: &[OnlineHost]) -> Vec<String> {
    let mut sorted: Vec<&OnlineHost> = hosts.iter().collect();
    sorted.sort_by(|a, b| {
        b.free_memory
            .cmp(&a.free_memory)
            .then_with(|| a.name.cmp(&b.name))
    });
    let mut names: Vec<String> = Vec::new();
    for host in sorted {
        if !names.contains(&host.name) {
            names.push(host.name.clone());
        }
    }
    names
}

/// The Proxmox hosts a config names, each once: `cluster.node` first, then the
/// overrides' `node` values (control planes, then workers) in the order written.
pub fn named_hosts(config: &Config) -> Vec<String> {
    let mut hosts: Vec<String> = config.cluster.node.get().into_iter().cloned().collect();
    for role in [&config.controlplane, &config.worker] {
        for o in role.overrides.get().into_iter().flatten() {
            if let Some(node) = o.node.get() {
                if !hosts.contains(node) {
                    hosts.push(node.clone());
                }
            }
        }
    }
    hosts
}

/// The Proxmox host of each control plane (`controlplane-1` first) as planned now.
pub fn controlplane_hosts(config: &Config) -> Vec<Option<String>> {
    let count = config.controlplane.count.get().copied().unwrap_or(0).max(0);
    let count = usize::try_from(count.min(crate::config::fields::MAX_NODES_PER_ROLE)).unwrap_or(0);
    (1..=count)
        .map(|i| {
            let key = format!("controlplane-{i}");
            let own = config
                .controlplane
                .overrides
                .get()
                .and_then(|list| list.iter().find(|o| o.key.value == key))
                .map(|o| &o.node);
            match own {
                Some(Val::Unknown) => None,
                Some(Val::Set(node)) => Some(node.value.clone()),
                _ => config.cluster.node.get().cloned(),
            }
        })
        .collect()
}

/// The edit that puts control plane `i` on `hosts[(i - 1) % hosts.len()]`: the
/// override's `node` is set where the planned host differs (added, with the override,
/// when missing). `None` when every control plane is already there.
pub fn spread_controlplanes(
    text: &str,
    format: Format,
    hosts: &[String],
) -> Result<Option<TextEdit>, SpreadError> {
    let hosts: Vec<&str> = hosts
        .iter()
        .map(|h| h.trim())
        .filter(|h| !h.is_empty())
        .collect();
    if hosts.is_empty() {
        return Err(SpreadError::NoHosts);
    }
    if let Some(bad) = hosts.iter().find(|h| !is_node_name(h)) {
        return Err(SpreadError::BadHost((*bad).to_owned()));
    }
    let parsed = parse_file(text, format);
    let config = parsed
        .documents
        .first()
        .map(|d| &d.config)
        .ok_or(SpreadError::UnknownCount)?;
    spread_in(text, format, config, &hosts)
}

/// [`spread_controlplanes`] on a config already read from `text` (the hosts checked).
fn spread_in(
    text: &str,
    format: Format,
    config: &Config,
    hosts: &[&str],
) -> Result<Option<TextEdit>, SpreadError> {
    if config.controlplane.count.get().is_none() {
        return Err(SpreadError::UnknownCount);
    }
    let current = controlplane_hosts(config);
    let sets: Vec<(String, &str)> = current
        .iter()
        .enumerate()
        .filter(|(i, now)| now.as_deref() != Some(hosts[i % hosts.len()]))
        .map(|(i, _)| (format!("controlplane-{}", i + 1), hosts[i % hosts.len()]))
        .collect();
    // The `controlplane` section alone when it can be edited alone (a 1,000-line file's
    // fix then costs what a small file's does); else, or if that fails, the whole text.
    let edited = section(text, format, config).and_then(|span| {
        set_nodes(&text[span.start..span.end], format, &sets)
            .ok()
            .map(|part| format!("{}{part}{}", &text[..span.start], &text[span.end..]))
    });
    let out = match edited {
        Some(out) => out,
        None => set_nodes(text, format, &sets)?,
    };
    Ok(difference(text, &out))
}

/// `text` with `controlplane.overrides.<key>.node` set for each (key, host), one after
/// the other (each edit is computed on the text the previous one left).
fn set_nodes(text: &str, format: Format, sets: &[(String, &str)]) -> Result<String, SpreadError> {
    let mut out = text.to_owned();
    for (key, host) in sets {
        let path = ["controlplane", "overrides", key.as_str(), "node"];
        let edits = edit::set(&out, format, &path, &Scalar::String((*host).to_owned()))?;
        out = apply_edits(&out, &edits)
            .ok_or_else(|| EditError::Unparsable("internal error: overlapping edits".into()))?;
    }
    Ok(out)
}

/// The lines of a YAML block `controlplane:` entry at the start of a line (the one the
/// config was read from), through the line before the next top-level key: a document of
/// its own, edited the same way.
fn section(text: &str, format: Format, config: &Config) -> Option<Span> {
    let start = config.controlplane.span.start;
    let at_line_start = start == 0 || text.as_bytes().get(start - 1) == Some(&b'\n');
    if format != Format::Yaml || !at_line_start || !text[start..].starts_with("controlplane:") {
        return None;
    }
    let mut end = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    while end < text.len() {
        // A top-level key (or document marker) ends the section; indented lines,
        // comments and blank lines belong to it.
        if !matches!(text.as_bytes()[end], b' ' | b'\t' | b'#' | b'\n' | b'\r') {
            break;
        }
        end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    }
    Some(Span::new(start, end))
}

/// One edit that turns `before` into `after`: from the first byte that differs to the
/// last (on character boundaries).
fn difference(before: &str, after: &str) -> Option<TextEdit> {
    if before == after {
        return None;
    }
    let mut start = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !before.is_char_boundary(start) || !after.is_char_boundary(start) {
        start -= 1;
    }
    let max_suffix = before.len().min(after.len()) - start;
    let mut suffix = before
        .bytes()
        .rev()
        .zip(after.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !before.is_char_boundary(before.len() - suffix)
        || !after.is_char_boundary(after.len() - suffix)
    {
        suffix -= 1;
    }
    Some(TextEdit {
        span: Span::new(start, before.len() - suffix),
        new_text: after[start..after.len() - suffix].to_owned(),
    })
}

/// Proxmox node names are DNS labels (`pve-node` in the API schema): letters, digits
/// and `-`, at most 63 characters.
fn is_node_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-')
}

/// Gives `controlplanes-share-host` its fix: spread over the hosts the config names,
/// when it names more than one.
pub(crate) fn offer_fixes(
    text: &str,
    format: Format,
    configs: &[(Span, &Config)],
    diagnostics: &mut [Diagnostic],
) {
    // Terraform files may hold several module blocks; the form edits read the first.
    // A text too large to try the fix on (`fix_check`) does not get one.
    if (format == Format::Hcl && configs.len() > 1) || text.len() > crate::fix_check::MAX_TRIED_LEN
    {
        return;
    }
    for d in diagnostics
        .iter_mut()
        .filter(|d| d.rule == Rule::ControlplanesShareHost && d.fixes.is_empty())
    {
        let Some((_, config)) = configs
            .iter()
            .find(|(span, _)| span.start <= d.span.start && d.span.start <= span.end)
        else {
            continue;
        };
        let hosts = named_hosts(config);
        if hosts.len() < 2 {
            continue;
        }
        let names: Vec<&str> = hosts.iter().map(String::as_str).collect();
        if let Ok(Some(edit)) = spread_in(text, format, config, &names) {
            d.fixes.push(Fix {
                title: format!("Spread the control planes over {}", hosts.join(", ")),
                edits: vec![edit],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint;

    /// The catalogue's base with every control plane on pve01 and a worker on pve02.
    fn config() -> String {
        crate::rules::EXAMPLE_BASE
            .replace(
                "  count: 3\n",
                "  count: 3 # odd, for etcd\n",
            )
            .replace(
                "  overrides:\n    controlplane-2: { node: pve02 }\n    controlplane-3: { node: pve03 }\n",
                "",
            )
            + "  overrides:\n    worker-2: { node: pve02 }\n"
    }

    fn spread(text: &str, format: Format, hosts: &[&str]) -> String {
        let hosts: Vec<String> = hosts.iter().map(|h| (*h).to_owned()).collect();
        let edit = spread_controlplanes(text, format, &hosts).unwrap().unwrap();
        apply_edits(text, &[edit]).unwrap()
    }

    /// The control planes' hosts in a YAML text.
    fn hosts_of(text: &str) -> Vec<String> {
        let config = parse_file(text, Format::Yaml).documents.remove(0).config;
        controlplane_hosts(&config).into_iter().flatten().collect()
    }

    #[test]
    fn round_robin_over_the_given_hosts() {
        let out = spread(&config(), Format::Yaml, &["pve01", "pve02", "pve03"]);
        assert!(
            out.contains("  count: 3 # odd, for etcd\n  specs: { cpu: 4, memory: 4096, disk: 100 }\n  overrides:\n    controlplane-2:\n      node: pve02\n    controlplane-3:\n      node: pve03\nworker:"),
            "{out}"
        );
        assert_eq!(hosts_of(&out), ["pve01", "pve02", "pve03"]);
        // Again: nothing left to do.
        let hosts = ["pve01".to_owned(), "pve02".to_owned(), "pve03".to_owned()];
        assert_eq!(spread_controlplanes(&out, Format::Yaml, &hosts), Ok(None));
        // Fewer hosts than control planes: round-robin; a host first in the list that is
        // not `cluster.node` moves controlplane-1 too.
        let out = spread(&out, Format::Yaml, &["pve02", "pve01"]);
        assert_eq!(hosts_of(&out), ["pve02", "pve01", "pve02"]);
    }

    #[test]
    fn the_controlplane_section_alone_is_edited_like_the_whole_file() {
        // Last in the file, with a comment at the start of a line inside it.
        let base = config();
        let (cp, worker) = (
            base.find("controlplane:").unwrap(),
            base.find("worker:").unwrap(),
        );
        let section = base[cp..worker].replace(
            "  specs: { cpu: 4, memory: 4096, disk: 100 }\n",
            "# the control planes' sizes\n  specs: { cpu: 4, memory: 4096, disk: 100 } # small\n",
        );
        let text = format!("{}{}{section}", &base[..cp], &base[worker..]);
        assert!(text.trim_end().ends_with("disk: 100 } # small"), "{text}");
        let out = spread(&text, Format::Yaml, &["pve01", "pve02", "pve03"]);
        assert!(
            out.ends_with("disk: 100 } # small\n  overrides:\n    controlplane-2:\n      node: pve02\n    controlplane-3:\n      node: pve03\n"),
            "{out}"
        );
        assert_eq!(hosts_of(&out), ["pve01", "pve02", "pve03"]);
    }

    #[test]
    fn json_and_bad_input() {
        let json = r#"{
  "cluster": { "name": "homelab", "node": "pve01", "datastore": "local-lvm", "vm_base_id": 700 },
  "image": { "version": "v1.12.0", "extensions": [] },
  "network": { "cidr": "10.10.100.0/24", "gateway": "10.10.100.1", "dns_servers": ["1.1.1.1"] },
  "controlplane": { "count": 3, "specs": { "cpu": 4, "memory": 4096, "disk": 100 }, "overrides": {} },
  "worker": { "count": 0, "specs": { "cpu": 2, "memory": 4096, "disk": 100 } }
}"#;
        let out = spread(json, Format::Json, &["pve01", "pve02"]);
        assert!(
            out.contains(r#""overrides": {"controlplane-2": { "node": "pve02" }}"#),
            "{out}"
        );
        assert!(lint(&out, Format::Json)
            .iter()
            .all(|d| d.rule != Rule::SyntaxError));
        let none: Vec<String> = vec![" ".into()];
        assert_eq!(
            spread_controlplanes(json, Format::Json, &none),
            Err(SpreadError::NoHosts)
        );
        let bad = vec!["pve 01".to_owned()];
        assert!(matches!(
            spread_controlplanes(json, Format::Json, &bad),
            Err(SpreadError::BadHost(_))
        ));
    }

    #[test]
    fn the_rule_offers_the_hosts_the_config_names() {
        let text = config();
        let diagnostics = lint(&text, Format::Yaml);
        let d = diagnostics
            .iter()
            .find(|d| d.rule == Rule::ControlplanesShareHost)
            .expect("fires");
        assert_eq!(
            d.fixes[0].title,
            "Spread the control planes over pve01, pve02"
        );
        let fixed = apply_edits(&text, &d.fixes[0].edits).unwrap();
        assert!(lint(&fixed, Format::Yaml)
            .iter()
            .all(|d| d.rule != Rule::ControlplanesShareHost));
        // One host named: nothing to spread over.
        let alone = text.replace("  overrides:\n    worker-2: { node: pve02 }\n", "");
        let d = lint(&alone, Format::Yaml)
            .into_iter()
            .find(|d| d.rule == Rule::ControlplanesShareHost)
            .expect("fires");
        assert!(d.fixes.is_empty());
    }

    #[test]
    fn live_hosts_by_free_memory() {
        let hosts = [
            OnlineHost {
                name: "pve01".into(),
                free_memory: 8 << 30,
            },
            OnlineHost {
                name: "pve03".into(),
                free_memory: 32 << 30,
            },
            OnlineHost {
                name: "pve02".into(),
                free_memory: 8 << 30,
            },
        ];
        assert_eq!(by_free_memory(&hosts), ["pve03", "pve01", "pve02"]);
    }
}
