//! The group-protocol check: the kind of group the broker describes against the kind
//! the plan runs, and the lag check's limit for share groups.

use super::*;
use crate::cluster::{ClassicGroup, GroupKind};
use crate::model::settings::GroupPlan;
use crate::request::GroupProtocol;

fn plan_with(protocol: GroupProtocol) -> Plan {
    let mut plan = keyed_plan();
    plan.group = (protocol != GroupProtocol::Classic).then(|| GroupPlan {
        protocol,
        min_kafka_version: protocol.min_kafka_version(),
        configs: Vec::new(),
    });
    plan
}

fn classic(state: &str, protocol_type: &str, assignor: &str, members: usize) -> GroupKind {
    GroupKind::Classic(ClassicGroup {
        state: state.to_string(),
        protocol_type: protocol_type.to_string(),
        assignor: assignor.to_string(),
        members,
    })
}

fn with_group(kind: Answer<GroupKind>) -> Snapshot {
    let mut snapshot = snapshot(4);
    let mut group = offsets([Some(30), Some(30)]);
    group.group = "settlement".to_string();
    snapshot.group = Some(group);
    snapshot.group_kind = Some(kind);
    snapshot
}

fn judged(protocol: GroupProtocol, kind: Answer<GroupKind>) -> Vec<(Severity, String)> {
    of(
        &validate(&plan_with(protocol), None, &with_group(kind)),
        Check::GroupProtocol,
    )
}

#[test]
fn an_active_classic_group_is_judged_against_the_planned_protocol() {
    use GroupProtocol::*;
    let active = || Answer::Answered(classic("Stable", "consumer", "cooperative-sticky", 3));
    // classic as planned; consumer: members migrate as they restart; share: the id is
    // taken, and share consumers would be refused.
    let expected = [
        (Classic, Severity::Info),
        (Consumer, Severity::Warning),
        (Share, Severity::Error),
    ];
    for (protocol, severity) in expected {
        let found = judged(protocol, active());
        assert_eq!(found.len(), 1, "{protocol:?}: {found:?}");
        assert_eq!(found[0].0, severity, "{protocol:?}: {}", found[0].1);
        assert!(
            found[0].1.starts_with(
                "classic group settlement (Stable, 3 members, assignor cooperative-sticky)"
            ),
            "{}",
            found[0].1
        );
    }
}

#[test]
fn an_empty_classic_group_becomes_a_consumer_group_when_a_member_joins() {
    let found = judged(
        GroupProtocol::Consumer,
        Answer::Answered(classic("Empty", "", "", 0)),
    );
    assert_eq!(found[0].0, Severity::Info, "{}", found[0].1);
    assert!(found[0].1.contains("(Empty, 0 members)"), "{}", found[0].1);
}

#[test]
fn a_group_of_another_kind_of_client_is_an_error() {
    let found = judged(
        GroupProtocol::Classic,
        Answer::Answered(classic("Stable", "connect", "sessioned", 2)),
    );
    assert_eq!(found[0].0, Severity::Error, "{}", found[0].1);
    assert!(found[0].1.contains("is a connect group"), "{}", found[0].1);
}

#[test]
fn what_the_broker_cannot_describe_is_not_checked_and_never_fails() {
    for protocol in [
        GroupProtocol::Classic,
        GroupProtocol::Consumer,
        GroupProtocol::Share,
    ] {
        for kind in [
            Answer::Answered(GroupKind::NotClassic),
            Answer::NotAnswered("Broker: Unsupported version".to_string()),
        ] {
            let v = validate(&plan_with(protocol), None, &with_group(kind.clone()));
            let found = of(&v, Check::GroupProtocol);
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].0, Severity::Warning, "{}", found[0].1);
            assert!(
                found[0]
                    .1
                    .starts_with("not checked: the type of group settlement: "),
                "{}",
                found[0].1
            );
        }
    }
}

#[test]
fn without_a_group_there_is_no_group_check() {
    let v = validate(&keyed_plan(), None, &snapshot(4));
    assert!(of(&v, Check::GroupProtocol).is_empty());
}

#[test]
fn a_share_groups_lag_is_not_read_from_committed_offsets() {
    let v = validate(
        &plan_with(GroupProtocol::Share),
        None,
        &with_group(Answer::Answered(GroupKind::NotClassic)),
    );
    let lag = of(&v, Check::ConsumerLag);
    assert_eq!(lag.len(), 1);
    assert_eq!(lag[0].0, Severity::Warning);
    assert!(
        lag[0]
            .1
            .starts_with("not checked: the lag of share group settlement")
    );
    assert_eq!(v.group, None);
}
