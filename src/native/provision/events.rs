//! What a run reports, and the three ways of showing it: progress bars on a terminal,
//! plain lines otherwise, and one JSON object per line (`--output json`).

use std::collections::HashMap;
use std::sync::Mutex;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::native::output;

/// One thing that happened. Serialised with `"event": "<kind>"` for `--output json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// The run begins; `steps` is how many `done` events a full run reports.
    Start {
        command: String,
        cluster: String,
        nodes: usize,
        steps: u64,
        dry_run: bool,
    },
    /// A fact about the whole run (Proxmox release, disk path, image state).
    Info { message: String },
    /// Something the user should look at; the run goes on.
    Warning {
        #[serde(skip_serializing_if = "Option::is_none")]
        node: Option<String>,
        message: String,
    },
    /// A node's step began.
    Step { node: String, message: String },
    /// A node finished one phase (`proxmox`, `talos`), or a cluster-wide step (`node`
    /// is then `cluster`).
    Done {
        node: String,
        phase: String,
        changed: bool,
        message: String,
    },
    /// One node of the diff (`apply` shows them before it acts): what happens to it and
    /// why, with the machine config diff and notes as `details`.
    Diff {
        node: String,
        action: crate::diff::Action,
        line: String,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        details: Vec<String>,
    },
    /// A finding of the live preflight (a rule of the catalogue).
    Finding {
        rule: String,
        severity: String,
        message: String,
    },
    /// `--dry-run`: a write that would be sent.
    WouldCall {
        #[serde(skip_serializing_if = "Option::is_none")]
        node: Option<String>,
        call: String,
    },
    /// The run failed.
    Error {
        #[serde(skip_serializing_if = "Option::is_none")]
        node: Option<String>,
        message: String,
    },
    /// The run is over.
    Finish {
        changed: bool,
        message: String,
        /// HTTP requests sent to Proxmox.
        proxmox_requests: u64,
    },
}

/// Where events go. Implementations must not block for long: they are called from the
/// provisioning tasks.
pub trait Reporter: Send + Sync {
    fn emit(&self, event: &Event);
}

/// One JSON object per line on standard output.
#[derive(Debug, Default)]
pub struct JsonLines;

impl Reporter for JsonLines {
    fn emit(&self, event: &Event) {
        if let Ok(line) = serde_json::to_string(event) {
            output::println(&line);
        }
    }
}

/// A human line for an event.
pub fn human_line(event: &Event) -> String {
    match event {
        Event::Start {
            command,
            cluster,
            nodes,
            dry_run,
            ..
        } => format!(
            "{command} cluster {cluster} ({nodes} nodes){}",
            if *dry_run {
                ": dry run, nothing will be changed"
            } else {
                ""
            }
        ),
        Event::Info { message } => message.clone(),
        Event::Warning {
            node: Some(node),
            message,
        } => format!("warning: {node}: {message}"),
        Event::Warning {
            node: None,
            message,
        } => format!("warning: {message}"),
        Event::Step { node, message } => format!("{node}: {message}"),
        Event::Diff {
            action,
            line,
            details,
            ..
        } => {
            let mut text = format!("{} {line}", action.sign());
            for d in details {
                text.push_str("\n    ");
                text.push_str(d);
            }
            text
        }
        Event::Finding {
            rule,
            severity,
            message,
        } => format!("{severity}[{rule}]: {message}"),
        Event::Done { node, message, .. } => format!("{node}: {message}"),
        Event::WouldCall {
            node: Some(node),
            call,
        } => format!("{node}: would call {call}"),
        Event::WouldCall { node: None, call } => format!("would call {call}"),
        Event::Error {
            node: Some(node),
            message,
        } if !message.starts_with(&format!("{node}: ")) => format!("error: {node}: {message}"),
        Event::Error { message, .. } => format!("error: {message}"),
        Event::Finish { message, .. } => message.clone(),
    }
}

/// Plain lines: progress on standard output, errors on standard error.
#[derive(Debug, Default)]
pub struct PlainLines;

impl Reporter for PlainLines {
    fn emit(&self, event: &Event) {
        let line = human_line(event);
        if matches!(event, Event::Error { .. }) {
            output::eprintln(&line);
        } else {
            output::println(&line);
        }
    }
}

/// Progress bars: one overall, one spinner per node; other lines print above them.
pub struct Progress {
    multi: MultiProgress,
    overall: ProgressBar,
    nodes: Mutex<HashMap<String, ProgressBar>>,
}

impl Progress {
    pub fn new() -> Self {
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        let overall = multi.add(ProgressBar::new(0));
        overall.set_style(
            ProgressStyle::with_template("{prefix:>14} [{bar:30}] {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        overall.set_prefix("overall");
        Progress {
            multi,
            overall,
            nodes: Mutex::new(HashMap::new()),
        }
    }

    fn node_bar(&self, node: &str) -> ProgressBar {
        let Ok(mut nodes) = self.nodes.lock() else {
            return ProgressBar::hidden();
        };
        nodes
            .entry(node.to_owned())
            .or_insert_with(|| {
                let bar = self.multi.add(ProgressBar::new_spinner());
                bar.set_style(
                    ProgressStyle::with_template("{prefix:>14} {spinner} {wide_msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                bar.set_prefix(node.to_owned());
                bar.enable_steady_tick(std::time::Duration::from_millis(120));
                bar
            })
            .clone()
    }
}

impl Default for Progress {
    fn default() -> Self {
        Self::new()
    }
}

impl Reporter for Progress {
    fn emit(&self, event: &Event) {
        match event {
            Event::Start { steps, .. } => {
                self.overall.set_length(*steps);
                let _ = self.multi.println(human_line(event));
            }
            Event::Step { node, message } => self.node_bar(node).set_message(message.clone()),
            Event::Done { node, message, .. } => {
                self.overall.inc(1);
                self.node_bar(node).set_message(message.clone());
            }
            Event::Finish { message, .. } => {
                if let Ok(nodes) = self.nodes.lock() {
                    for bar in nodes.values() {
                        bar.finish();
                    }
                }
                self.overall.finish_with_message(message.clone());
            }
            Event::Error { .. } => {
                if let Ok(nodes) = self.nodes.lock() {
                    for bar in nodes.values() {
                        bar.abandon();
                    }
                }
                self.overall.abandon();
                output::eprintln(&human_line(event));
            }
            _ => {
                let _ = self.multi.println(human_line(event));
            }
        }
    }
}

/// Keeps every event (tests, and the summary of a run).
#[derive(Debug, Default)]
pub struct Collect {
    events: Mutex<Vec<Event>>,
}

impl Collect {
    pub fn events(&self) -> Vec<Event> {
        self.events.lock().map(|e| e.clone()).unwrap_or_default()
    }
}

impl Reporter for Collect {
    fn emit(&self, event: &Event) {
        if let Ok(mut events) = self.events.lock() {
            events.push(event.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shape() {
        let e = Event::Done {
            node: "controlplane-1".into(),
            phase: "proxmox".into(),
            changed: true,
            message: "VM 700 created and started".into(),
        };
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"event":"done","node":"controlplane-1","phase":"proxmox","changed":true,"message":"VM 700 created and started"}"#
        );
        let w = Event::Warning {
            node: None,
            message: "m".into(),
        };
        assert_eq!(
            serde_json::to_string(&w).unwrap(),
            r#"{"event":"warning","message":"m"}"#
        );
    }
}
