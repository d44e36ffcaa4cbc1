//! How a run writes: each Proxmox call sent (or shown, in a dry run) and its task
//! awaited, errors reported as events, work spread over a bounded number of nodes.

use std::sync::Arc;

use super::error::ProvisionError;
use super::events::{Event, Reporter};
use super::input::ApplyOptions;
use crate::native::proxmox::client::{Call, Client};
use crate::native::proxmox::task::{self, TaskOutcome, TaskPolicy};

/// Runs a command's body; its error is also reported as an [`Event::Error`].
pub(crate) async fn reported<T>(
    out: &dyn Reporter,
    body: impl std::future::Future<Output = Result<T, ProvisionError>>,
) -> Result<T, ProvisionError> {
    let result = body.await;
    if let Err(e) = &result {
        out.emit(&Event::Error {
            node: e.node().map(str::to_owned),
            message: e.to_string(),
        });
    }
    result
}

/// Sends writes (or prints them in a dry run) and waits for their tasks.
pub(crate) struct Writer<'a> {
    pub client: &'a Client,
    pub out: &'a dyn Reporter,
    pub dry_run: bool,
    pub tasks: TaskPolicy,
}

impl<'a> Writer<'a> {
    pub fn new(client: &'a Client, out: &'a dyn Reporter, opts: &ApplyOptions) -> Self {
        Writer {
            client,
            out,
            dry_run: opts.dry_run,
            tasks: opts.tasks,
        }
    }

    /// One step of a node: shows `step`, then writes `call` (`what` names it in errors).
    pub async fn step(
        &self,
        node: &str,
        step: String,
        what: &str,
        call: Call,
    ) -> Result<bool, ProvisionError> {
        self.out.emit(&Event::Step {
            node: node.to_owned(),
            message: step,
        });
        self.write(Some(node), what, call).await
    }

    /// Sends `call`; when it answers with a task, waits for the task. Returns whether
    /// it was sent (false in a dry run).
    pub async fn write(
        &self,
        node: Option<&str>,
        what: &str,
        call: Call,
    ) -> Result<bool, ProvisionError> {
        if self.dry_run {
            self.out.emit(&Event::WouldCall {
                node: node.map(str::to_owned),
                call: call.to_string(),
            });
            return Ok(false);
        }
        let data = self
            .client
            .execute(&call)
            .await
            .map_err(|e| ProvisionError::proxmox(node, what, &e))?;
        if let Some(upid) = data.as_str().filter(|s| s.starts_with("UPID:")) {
            match task::wait(self.client, upid, &self.tasks).await {
                Ok(TaskOutcome::Warnings(n)) => self.out.emit(&Event::Warning {
                    node: node.map(str::to_owned),
                    message: format!("{what} finished with {n} warning(s); see its task log"),
                }),
                Ok(TaskOutcome::Ok) => {}
                Err(e) => return Err(ProvisionError::proxmox(node, what, &e)),
            }
        }
        Ok(true)
    }
}

/// Runs `f` over `items` with at most `limit` at once; after the first error no new
/// item starts, the running ones finish, and the first error is returned.
pub(crate) async fn bounded<T, R, F, Fut>(
    items: Vec<T>,
    limit: usize,
    f: F,
) -> Result<Vec<R>, ProvisionError>
where
    F: Fn(T) -> Fut,
    Fut: std::future::Future<Output = Result<R, ProvisionError>>,
{
    use futures_util::stream::{self, StreamExt};
    use std::sync::atomic::{AtomicBool, Ordering};

    let failed = Arc::new(AtomicBool::new(false));
    let results: Vec<Option<Result<R, ProvisionError>>> = stream::iter(items)
        .map(|item| {
            let failed = failed.clone();
            let fut = f(item);
            async move {
                if failed.load(Ordering::SeqCst) {
                    return None;
                }
                let result = fut.await;
                if result.is_err() {
                    failed.store(true, Ordering::SeqCst);
                }
                Some(result)
            }
        })
        .buffer_unordered(limit.max(1))
        .collect()
        .await;
    let mut out = Vec::new();
    for r in results.into_iter().flatten() {
        out.push(r?);
    }
    Ok(out)
}
