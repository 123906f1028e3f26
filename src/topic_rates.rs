//! What offsets read across a window say about a topic (`kplan observe topic`): produce
//! and consume rates, lag and its trend, the time to drain it, and, where a partition
//! stayed backlogged the whole window, how fast its consumer can go. Pure: samples in,
//! numbers out.

use serde::Serialize;

use crate::cluster::OffsetSample;

/// One partition over the window; rates in messages per second.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartitionRates {
    pub partition: i32,
    pub produce_rate: f64,
    /// `None` without a group, or when the group committed nothing here.
    pub consume_rate: Option<f64>,
    /// At the last reading.
    pub lag: Option<i64>,
    pub lag_trend_per_second: Option<f64>,
    /// At the observed rates; `None` when the lag grows or is unknown.
    pub drain_seconds: Option<f64>,
    /// At every reading more messages waited than the consumer processed before the
    /// next: it was never idle here.
    pub backlogged: bool,
    /// The consume rate of a backlogged partition whose consumer moved: as fast as it
    /// goes.
    pub capacity_per_second: Option<f64>,
}

/// The topic over the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicRates {
    pub window_seconds: f64,
    pub samples: usize,
    pub produce_rate: f64,
    /// The highest produce rate between two consecutive readings.
    pub peak_produce_rate: f64,
    pub consume_rate: Option<f64>,
    pub lag: Option<i64>,
    pub lag_trend_per_second: Option<f64>,
    pub drain_seconds: Option<f64>,
    pub partitions: Vec<PartitionRates>,
    /// 1000 / the mean capacity of the backlogged partitions: the processing time of
    /// one message on one thread, ms.
    pub implied_latency_ms: Option<f64>,
    /// The busiest partition's share of the produce rate.
    pub busiest_share: Option<f64>,
}

/// The time to drain `lag` when it changes by `trend` a second; 0 for no lag.
fn drain(lag: i64, trend: f64) -> Option<f64> {
    if lag <= 0 {
        Some(0.0)
    } else if trend < 0.0 {
        Some(lag as f64 / -trend)
    } else {
        None
    }
}

/// The rates over `samples` (at least two, in time order). Partitions missing from a
/// reading (their leader was down) are left out.
pub fn topic_rates(samples: &[OffsetSample]) -> Option<TopicRates> {
    let (first, last) = (samples.first()?, samples.last()?);
    let seconds = last.elapsed_seconds - first.elapsed_seconds;
    if samples.len() < 2 || seconds <= 0.0 {
        return None;
    }
    let series = |partition: i32| -> Option<Vec<(i64, Option<i64>)>> {
        samples
            .iter()
            .map(|s| {
                s.partitions
                    .iter()
                    .find(|p| p.partition == partition)
                    .map(|p| (p.high, p.committed))
            })
            .collect()
    };
    let mut partitions = Vec::new();
    for p in &first.partitions {
        let Some(readings) = series(p.partition) else {
            continue;
        };
        partitions.push(partition_rates(p.partition, &readings, seconds));
    }
    let produce_rate: f64 = partitions.iter().map(|p| p.produce_rate).sum();
    let kept: Vec<i32> = partitions.iter().map(|p| p.partition).collect();
    let total_high = |s: &OffsetSample| -> i64 {
        s.partitions
            .iter()
            .filter(|p| kept.contains(&p.partition))
            .map(|p| p.high)
            .sum()
    };
    let peak_produce_rate = samples
        .windows(2)
        .map(|w| {
            let dt = w[1].elapsed_seconds - w[0].elapsed_seconds;
            let rise = (total_high(&w[1]) - total_high(&w[0])) as f64;
            if dt > 0.0 { rise / dt } else { 0.0 }
        })
        .fold(0.0, f64::max);
    let with_group: Vec<&PartitionRates> = partitions
        .iter()
        .filter(|p| p.consume_rate.is_some())
        .collect();
    let grouped = !with_group.is_empty();
    let consume_rate = grouped.then(|| with_group.iter().filter_map(|p| p.consume_rate).sum());
    let lag: Option<i64> = grouped.then(|| with_group.iter().filter_map(|p| p.lag).sum());
    let lag_trend_per_second = grouped.then(|| {
        with_group
            .iter()
            .filter_map(|p| p.lag_trend_per_second)
            .sum()
    });
    let drain_seconds = match (lag, lag_trend_per_second) {
        (Some(lag), Some(trend)) => drain(lag, trend),
        _ => None,
    };
    let capacities: Vec<f64> = partitions
        .iter()
        .filter_map(|p| p.capacity_per_second)
        .collect();
    let implied_latency_ms = (!capacities.is_empty())
        .then(|| 1000.0 * capacities.len() as f64 / capacities.iter().sum::<f64>());
    let busiest_share = (produce_rate > 0.0).then(|| {
        partitions
            .iter()
            .map(|p| p.produce_rate)
            .fold(0.0, f64::max)
            / produce_rate
    });
    Some(TopicRates {
        window_seconds: seconds,
        samples: samples.len(),
        produce_rate,
        peak_produce_rate,
        consume_rate,
        lag,
        lag_trend_per_second,
        drain_seconds,
        partitions,
        implied_latency_ms,
        busiest_share,
    })
}

fn partition_rates(
    partition: i32,
    readings: &[(i64, Option<i64>)],
    seconds: f64,
) -> PartitionRates {
    let (high_first, committed_first) = readings[0];
    let (high_last, committed_last) = readings[readings.len() - 1];
    let produce_rate = (high_last - high_first) as f64 / seconds;
    let committed: Option<(i64, i64)> = committed_first.zip(committed_last);
    let consume_rate = committed.map(|(a, b)| (b - a) as f64 / seconds);
    let lag = committed_last.map(|c| high_last - c);
    let lag_trend_per_second = committed.map(|(a, b)| {
        let (lag_first, lag_last) = (high_first - a, high_last - b);
        (lag_last - lag_first) as f64 / seconds
    });
    // Backlogged: at every reading more messages were waiting than the consumer went on
    // to process before the next one, so it never ran dry; a consumer that keeps up has
    // a few messages in flight at any moment, which this does not count.
    let backlogged = readings.windows(2).all(|w| match (w[0].1, w[1].1) {
        (Some(now), Some(next)) => w[0].0 - now > 0 && w[0].0 - now >= next - now,
        _ => false,
    });
    let capacity_per_second = consume_rate.filter(|r| backlogged && *r > 0.0);
    PartitionRates {
        partition,
        produce_rate,
        consume_rate,
        lag,
        lag_trend_per_second,
        drain_seconds: lag.zip(lag_trend_per_second).and_then(|(l, t)| drain(l, t)),
        backlogged,
        capacity_per_second,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::OffsetSample;
    use crate::cluster::PartitionOffsets;

    fn sample(at: f64, partitions: &[(i32, i64, Option<i64>)]) -> OffsetSample {
        OffsetSample {
            elapsed_seconds: at,
            partitions: partitions
                .iter()
                .map(|&(partition, high, committed)| PartitionOffsets {
                    partition,
                    low: 0,
                    high,
                    committed,
                })
                .collect(),
        }
    }

    #[test]
    fn rates_lag_drain_and_capacity_by_hand() {
        // p0: 20 msg/s in, keeps up (lag 0 at the readings); p1: 20 in, 10 out, lag 100
        // growing by 10 a second; p2: 10 in, 30 out from a backlog of 300 that stays.
        let readings = [
            sample(
                0.0,
                &[(0, 0, Some(0)), (1, 100, Some(0)), (2, 500, Some(200))],
            ),
            sample(
                5.0,
                &[(0, 100, Some(100)), (1, 200, Some(50)), (2, 550, Some(350))],
            ),
            sample(
                10.0,
                &[
                    (0, 200, Some(200)),
                    (1, 300, Some(100)),
                    (2, 600, Some(500)),
                ],
            ),
        ];
        let r = topic_rates(&readings).expect("rates");
        assert_eq!(r.window_seconds, 10.0);
        assert_eq!(r.produce_rate, 20.0 + 20.0 + 10.0);
        assert_eq!(r.peak_produce_rate, 50.0);
        assert_eq!(r.consume_rate, Some(20.0 + 10.0 + 30.0));
        let p = &r.partitions;
        assert_eq!(
            (p[0].lag, p[0].backlogged, p[0].drain_seconds),
            (Some(0), false, Some(0.0))
        );
        assert_eq!(p[1].lag, Some(200));
        assert_eq!(p[1].lag_trend_per_second, Some(10.0));
        assert_eq!(p[1].drain_seconds, None);
        assert_eq!(p[1].capacity_per_second, Some(10.0));
        // p2: lag 300 -> 100, falling by 20 a second: drains in 5 s.
        assert_eq!(p[2].drain_seconds, Some(5.0));
        assert_eq!(p[2].capacity_per_second, Some(30.0));
        // Total lag 0 + 200 + 100 = 300, trend 0 + 10 - 20 = -10: 30 s.
        assert_eq!(r.lag, Some(300));
        assert_eq!(r.drain_seconds, Some(30.0));
        // Per message: 1000 / mean(10, 30) = 50 ms.
        assert_eq!(r.implied_latency_ms, Some(50.0));
        assert_eq!(r.busiest_share, Some(0.4));
    }

    #[test]
    fn without_a_group_only_production_is_measured() {
        let readings = [sample(0.0, &[(0, 0, None)]), sample(2.0, &[(0, 10, None)])];
        let r = topic_rates(&readings).expect("rates");
        assert_eq!(r.produce_rate, 5.0);
        assert_eq!((r.consume_rate, r.lag, r.drain_seconds), (None, None, None));
        assert!(!r.partitions[0].backlogged);
        assert_eq!(r.implied_latency_ms, None);
        assert!(topic_rates(&readings[..1]).is_none());
    }
}
