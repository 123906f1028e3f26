//! What `kplan plan --chart` draws: the topic's objective measure at each partition
//! count, from the same model functions the plan uses. Batch: the slowest partition's
//! drain time at the drain confidence. Online: the predicted p99 end-to-end delay at the
//! busiest partition.

use super::delay::DelayModel;
use super::sizing::{busiest_rate, slowest_drain_minutes};
use super::{Plan, PlanInput, planned_sizing_input};
use crate::request::TopicType;

/// Beyond this many points a curve is sampled; the marked counts are always included.
const MAX_POINTS: u64 = 400;
/// Fewer points where each is a simulation (more than one thread per partition).
const MAX_SIMULATED_POINTS: u64 = 40;

/// What the curve measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    DrainMinutes,
    P99DelayMs,
}

/// One partition count and the measure there; `None` when consumers cannot keep up, so
/// the delay grows without bound.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurvePoint {
    pub partitions: u64,
    pub value: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    pub measure: Measure,
    /// Ascending partition counts from 1 to somewhat past the cap and the need.
    pub points: Vec<CurvePoint>,
    /// target_minutes (batch) or max_delay_ms (online, when set).
    pub target: Option<f64>,
    /// Online: the p99 processing latency, below which no delay can fall.
    pub floor: Option<f64>,
    /// Online: the partition count at which consumers run at 100%; at or below it they
    /// cannot keep up and the delay grows without bound.
    pub saturation: Option<f64>,
    pub cap: u32,
    pub needed: u64,
    pub recommended: u64,
}

impl Curve {
    /// The measure at `partitions`, when the curve holds that count.
    pub fn at(&self, partitions: u64) -> Option<f64> {
        self.points
            .iter()
            .find(|p| p.partitions == partitions)
            .and_then(|p| p.value)
    }
}

/// The curve of `plan`, planned from `input`.
pub fn curve(input: &PlanInput, plan: &Plan) -> Curve {
    let sizing = planned_sizing_input(input);
    let mut delay = DelayModel::new(sizing.service, sizing.concurrency);
    let (measure, target, floor, saturation) = match plan.kind {
        TopicType::Batch => (
            Measure::DrainMinutes,
            Some(plan.inputs.target_minutes),
            None,
            None,
        ),
        TopicType::Online => (
            Measure::P99DelayMs,
            plan.inputs.max_delay_ms,
            Some(sizing.service.p99_ms),
            Some(plan.planned_tps / plan.per_partition_tps),
        ),
    };
    let confidence = sizing.drain_confidence.unwrap_or(0.95);
    let mut value = |partitions: u64| -> Option<f64> {
        let v = match measure {
            Measure::DrainMinutes => slowest_drain_minutes(&sizing, partitions, confidence),
            Measure::P99DelayMs => {
                delay.p99_ms(busiest_rate(sizing.keys, plan.planned_tps, partitions))
            }
        };
        Some(v).filter(|v| v.is_finite())
    };
    let most = if measure == Measure::P99DelayMs && sizing.concurrency > 1 {
        MAX_SIMULATED_POINTS
    } else {
        MAX_POINTS
    };
    let marked = [plan.recommended, u64::from(plan.cap), plan.needed];
    let points = partition_counts(&marked, most)
        .into_iter()
        .map(|partitions| CurvePoint {
            partitions,
            value: value(partitions),
        })
        .collect();
    Curve {
        measure,
        points,
        target,
        floor,
        saturation,
        cap: plan.cap,
        needed: plan.needed,
        recommended: plan.recommended,
    }
}

/// 1 to a quarter past the largest marked count, every count or an even sample of them,
/// always with the marked counts.
fn partition_counts(marked: &[u64], most: u64) -> Vec<u64> {
    let largest = marked.iter().copied().max().unwrap_or(1).max(1);
    let last = (largest + largest.div_ceil(4)).max(largest + 2);
    let step = last.div_ceil(most).max(1);
    let mut counts: Vec<u64> = (1..=last).step_by(step as usize).collect();
    counts.extend(marked.iter().copied().filter(|&p| p >= 1));
    counts.push(last);
    counts.sort_unstable();
    counts.dedup();
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_plans::example_curve;

    #[test]
    fn batch_drain_time_at_the_recommendation_is_the_plans_prediction() {
        let (plan, c) = example_curve("orders-settlement");
        assert_eq!(c.measure, Measure::DrainMinutes);
        assert_eq!(
            c.at(plan.recommended),
            plan.predicted.drain_minutes_at_confidence
        );
        assert_eq!(c.target, Some(30.0));
        // 3.6 million messages at 81.98 msg/s on one partition: about 732 minutes, the
        // p95 of a sum of 3.6 million times a hair above its mean.
        let one = c.at(1).unwrap_or_default();
        let mean = 3_600_000.0 / plan.per_partition_tps / 60.0;
        assert!(one > mean && one < mean * 1.001, "{one} vs {mean}");
        let values: Vec<f64> = c.points.iter().filter_map(|p| p.value).collect();
        assert!(values.windows(2).all(|w| w[1] < w[0]), "drain time falls");
    }

    #[test]
    fn online_delay_at_the_recommendation_is_the_plans_prediction() {
        let (plan, c) = example_curve("payments-authorized");
        assert_eq!(c.measure, Measure::P99DelayMs);
        assert_eq!(c.at(plan.recommended), plan.predicted.p99_delay_ms);
        assert_eq!(c.target, Some(500.0));
        assert_eq!(c.floor, Some(plan.latency_ms.p99));
    }

    #[test]
    fn counts_where_consumers_cannot_keep_up_have_no_delay() {
        // 25,000 msg/s at 250 msg/s per partition: 100 partitions run at 100%.
        let (_, c) = example_curve("clickstream-events");
        assert_eq!(c.at(30), None);
        assert_eq!(c.saturation, Some(100.0));
        assert!(
            c.points
                .iter()
                .any(|p| p.partitions == 143 && p.value.is_some())
        );
        assert!(
            c.points
                .iter()
                .all(|p| p.partitions > 100 || p.value.is_none())
        );
    }

    #[test]
    fn counts_run_past_the_marks_and_are_sampled_when_many() {
        assert_eq!(
            partition_counts(&[25, 30, 25], MAX_POINTS).last(),
            Some(&38)
        );
        let many = partition_counts(&[5_000, 30, 5_000], MAX_POINTS);
        assert!(many.len() <= MAX_POINTS as usize + 4, "{}", many.len());
        assert!(many.contains(&5_000) && many.contains(&30) && many.contains(&1));
    }
}
