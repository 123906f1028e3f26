//! The `--group` protocol check: whether the group the cluster knows by that id is the
//! kind the plan runs (classic, KIP-848 consumer, KIP-932 share), where the broker can
//! tell, and "not checked" where it cannot.

use super::{Check, Context, Finding};
use crate::cluster::{Answer, ClassicGroup, GroupKind};
use crate::human::count;
use crate::request::GroupProtocol;

pub fn findings(context: &Context) -> Option<Finding> {
    let answer = context.snapshot.group_kind.as_ref()?;
    let group = context
        .snapshot
        .group
        .as_ref()
        .map_or("", |g| g.group.as_str());
    let planned = planned_protocol(context);
    Some(match answer {
        Answer::Answered(GroupKind::Classic(found)) => judge_classic(group, found, planned),
        Answer::Answered(GroupKind::NotClassic) => Finding::not_checked(
            Check::GroupProtocol,
            &format!("the type of group {group}"),
            "the broker describes no classic group by that id, and a consumer or share \
             group is described only by ConsumerGroupDescribe or ShareGroupDescribe, \
             which librdkafka's group listing does not send (kafka-consumer-groups.sh \
             --describe --group or kafka-share-groups.sh --describe --group shows it)",
        ),
        Answer::NotAnswered(why) => Finding::not_checked(
            Check::GroupProtocol,
            &format!("the type of group {group}"),
            why,
        ),
        Answer::NotAsked => return None,
    })
}

fn planned_protocol(context: &Context) -> GroupProtocol {
    context
        .plan
        .group
        .as_ref()
        .map_or(GroupProtocol::Classic, |g| g.protocol)
}

/// `classic group settlement (Stable, 3 members, assignor cooperative-sticky)`
fn describe(group: &str, found: &ClassicGroup) -> String {
    let mut facts = vec![found.state.clone()];
    facts.push(match found.members {
        1 => "1 member".to_string(),
        n => format!("{} members", count(n as u64)),
    });
    if !found.assignor.is_empty() {
        facts.push(format!("assignor {}", found.assignor));
    }
    format!("classic group {group} ({})", facts.join(", "))
}

fn judge_classic(group: &str, found: &ClassicGroup, planned: GroupProtocol) -> Finding {
    let check = Check::GroupProtocol;
    let what = describe(group, found);
    // Kafka Connect workers and other group users share the id space with consumers.
    if !found.protocol_type.is_empty() && found.protocol_type != "consumer" {
        return Finding::error(
            check,
            format!(
                "{what} is a {} group, not consumers: give the topic's consumers a group id of their own",
                found.protocol_type
            ),
        );
    }
    match planned {
        GroupProtocol::Classic => Finding::info(check, format!("{what}, as planned")),
        GroupProtocol::Consumer if found.members == 0 => Finding::info(
            check,
            format!(
                "{what}: the first member with group.protocol=consumer turns it into a \
                 consumer group, as planned (Kafka 4.0+)"
            ),
        ),
        GroupProtocol::Consumer => Finding::warning(
            check,
            format!(
                "{what}, but the plan runs the consumer protocol: members move to it as \
                 they restart with group.protocol=consumer, while the broker's \
                 group.consumer.migration.policy allows an upgrade (bidirectional by \
                 default); until then the classic settings rule the group"
            ),
        ),
        GroupProtocol::Share => Finding::error(
            check,
            format!(
                "{what} holds the id the plan gives a share group: share consumers are \
                 refused (GROUP_ID_NOT_FOUND, \"not a share group\"); choose another group id"
            ),
        ),
    }
}
