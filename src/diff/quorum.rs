//! Whether a control plane may leave etcd: never the last member, and never when the
//! members that stay could not form a quorum. This is etcd's own check
//! (`RaftCluster.IsReadyToRemoveVotingMember` in etcd-io/etcd: the started members left
//! must be a majority of those left), made before anything is touched, with "healthy"
//! (answering, not a learner) standing for "started".

use serde::Serialize;

/// One etcd member as seen from the cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    /// The member's name: the node's hostname.
    pub name: String,
    /// Started, not a learner, and its node's etcd answers.
    pub healthy: bool,
}

/// `Ok` when `leaving` may leave (or is no member); otherwise why not.
pub fn may_leave(members: &[Member], leaving: &str) -> Result<(), String> {
    if !members.iter().any(|m| m.name == leaving) {
        return Ok(());
    }
    let staying: Vec<&Member> = members.iter().filter(|m| m.name != leaving).collect();
    if staying.is_empty() {
        return Err(format!(
            "`{leaving}` is the last etcd member: a cluster needs at least one control plane"
        ));
    }
    let healthy = staying.iter().filter(|m| m.healthy).count();
    let quorum = staying.len() / 2 + 1;
    if healthy < quorum {
        let sick: Vec<&str> = staying
            .iter()
            .filter(|m| !m.healthy)
            .map(|m| m.name.as_str())
            .collect();
        return Err(format!(
            "without `{leaving}`, {healthy} of the {} etcd members left are healthy, fewer \
             than the quorum of {quorum} (not healthy: {}); bring them back first",
            staying.len(),
            sick.join(", ")
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(spec: &[(&str, bool)]) -> Vec<Member> {
        spec.iter()
            .map(|(n, h)| Member {
                name: (*n).into(),
                healthy: *h,
            })
            .collect()
    }

    #[test]
    fn quorum_is_kept() {
        let three = members(&[("a", true), ("b", true), ("c", true)]);
        assert!(may_leave(&three, "c").is_ok());
        assert!(may_leave(&three, "z").is_ok());
        let two = members(&[("a", true), ("b", true)]);
        assert!(may_leave(&two, "b").is_ok());
        let one = members(&[("a", true)]);
        assert!(may_leave(&one, "a")
            .unwrap_err()
            .contains("last etcd member"));
        // Three left of four, one of them down: 2 healthy >= quorum 2.
        let four = members(&[("a", true), ("b", false), ("c", true), ("d", true)]);
        assert!(may_leave(&four, "d").is_ok());
        // Two left of three, one down: 1 healthy < quorum 2.
        let sick = members(&[("a", true), ("b", false), ("c", true)]);
        let err = may_leave(&sick, "c").unwrap_err();
        assert!(
            err.contains("1 of the 2 etcd members left are healthy"),
            "{err}"
        );
        assert!(err.contains("not healthy: b"), "{err}");
    }
}
