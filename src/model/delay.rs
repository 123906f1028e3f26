//! Predicted delay of an online topic (PRODUCT.md, "Queue model"): each partition is one
//! FCFS queue served by its c threads, fed by Poisson arrivals at its share of the rate.
//! A message's delay is its wait plus its own processing; the p99 is of that sum.
//!
//! c = 1 is an M/G/1 queue, computed exactly within a bracket ([`super::mg1`]); c > 1 is
//! M/G/c, simulated with a fixed seed ([`super::mgc`]).

use super::mg1::Mg1;
use super::mgc::{self, SharedQueue};
use super::search::first_fitting;
use super::service::ServiceTime;

/// How a delay was computed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DelayMethod {
    /// M/G/1, Pollaczek-Khinchine on a lattice: the exact p99 lies within the bracket,
    /// whose midpoint is reported.
    MG1Lattice { low_ms: f64, high_ms: f64 },
    /// M/G/c, a simulation of the partition's queue with a fixed seed.
    MGCSimulation { messages: u64, seed: u64 },
}

/// The delay at one partition's arrival rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Delay {
    pub p99_ms: f64,
    pub mean_ms: f64,
    pub method: DelayMethod,
}

/// A partition's queue for one service distribution and thread count, at any rate.
/// What does not depend on the rate (lattices, draws) is made once and kept.
pub struct DelayModel<'s> {
    service: ServiceTime<'s>,
    workers: u32,
    engine: Engine<'s>,
}

enum Engine<'s> {
    Single(Box<Mg1<'s>>),
    Shared(SharedQueue<'s>),
}

impl<'s> DelayModel<'s> {
    pub fn new(service: ServiceTime<'s>, workers: u32) -> DelayModel<'s> {
        let workers = workers.max(1);
        let engine = if workers == 1 {
            Engine::Single(Box::new(Mg1::new(service)))
        } else {
            Engine::Shared(SharedQueue::new(service, workers))
        };
        DelayModel {
            service,
            workers,
            engine,
        }
    }

    pub fn service(&self) -> &ServiceTime<'s> {
        &self.service
    }

    /// Per-thread utilisation at `tps` arrivals a second on the partition.
    pub fn utilization(&self, tps: f64) -> f64 {
        tps * self.service.mean_ms() / 1000.0 / f64::from(self.workers)
    }

    /// The delay at `tps` arrivals a second on the partition; `None` when its threads
    /// cannot keep up.
    pub fn at(&mut self, tps: f64) -> Option<Delay> {
        let rho = self.utilization(tps);
        match &mut self.engine {
            Engine::Single(queue) => {
                let bracket = queue.p99_sojourn(rho)?;
                Some(Delay {
                    p99_ms: bracket.midpoint_ms(),
                    mean_ms: queue.mean_sojourn_ms(rho),
                    method: DelayMethod::MG1Lattice {
                        low_ms: bracket.low_ms,
                        high_ms: bracket.high_ms,
                    },
                })
            }
            Engine::Shared(queue) => {
                let estimate = queue.estimate(tps)?;
                Some(Delay {
                    p99_ms: estimate.p99_ms,
                    mean_ms: estimate.mean_ms,
                    method: DelayMethod::MGCSimulation {
                        messages: estimate.messages,
                        seed: mgc::SEED,
                    },
                })
            }
        }
    }

    /// The p99 delay at `tps`, infinite when the threads cannot keep up.
    pub fn p99_ms(&mut self, tps: f64) -> f64 {
        self.at(tps).map_or(f64::INFINITY, |d| d.p99_ms)
    }

    /// Whether the p99 at `tps` meets `objective_ms`.
    pub fn meets(&mut self, tps: f64, objective_ms: f64) -> bool {
        match &mut self.engine {
            Engine::Shared(queue) => queue.meets(tps, objective_ms),
            Engine::Single(queue) => {
                let rho = tps * self.service.mean_ms() / 1000.0;
                queue.p99_sojourn_bound(rho) <= objective_ms || self.p99_ms(tps) <= objective_ms
            }
        }
    }

    /// The highest rate on one partition whose p99 delay is within `objective_ms`;
    /// `None` when the objective is below the p99 processing time itself.
    pub fn max_rate_for(&mut self, objective_ms: f64) -> Option<f64> {
        if objective_ms < self.service.p99_ms {
            return None;
        }
        let capacity = f64::from(self.workers) * 1000.0 / self.service.mean_ms();
        let (mut lo, mut hi) = (0.0, capacity);
        // 40 halvings: far below any partition count's resolution.
        for _ in 0..40 {
            let mid = (lo + hi) / 2.0;
            if self.meets(mid, objective_ms) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Some(lo)
    }
}

/// The smallest partition count from `from` upward, and at most `limit`, at which
/// `tps` spread evenly meets `objective_ms`; `None` when there is none: always when the
/// objective is below the p99 processing time itself.
pub fn partitions_for_delay(
    model: &mut DelayModel,
    tps: f64,
    objective_ms: f64,
    from: u64,
    limit: u64,
) -> Option<u64> {
    if objective_ms < model.service().p99_ms {
        return None;
    }
    first_fitting(from, limit, |p| model.meets(tps / p as f64, objective_ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_finds_the_smallest_count_within_the_objective() {
        let mut model = DelayModel::new(ServiceTime::exponential(20.0), 1);
        let p = partitions_for_delay(&mut model, 500.0, 200.0, 1, 1 << 30).unwrap_or(0);
        assert!(model.p99_ms(500.0 / p as f64) <= 200.0);
        assert!(model.p99_ms(500.0 / (p - 1) as f64) > 200.0);
        // Independently, M/M/1: ln(100) / (mu - lambda) <= 200 ms with mu = 50/s.
        let lambda = 50.0 - 100f64.ln() / 0.2;
        assert_eq!(p, (500.0 / lambda).ceil() as u64);
    }

    #[test]
    fn an_objective_below_the_p99_latency_is_infeasible() {
        let mut model = DelayModel::new(ServiceTime::exponential(20.0), 1);
        assert_eq!(
            partitions_for_delay(&mut model, 500.0, 50.0, 15, 1 << 30),
            None
        );
        assert_eq!(model.max_rate_for(50.0), None);
    }

    #[test]
    fn overload_has_no_bound() {
        let mut model = DelayModel::new(ServiceTime::exponential(20.0), 1);
        assert_eq!(model.at(50.0), None);
        let mut shared = DelayModel::new(ServiceTime::exponential(20.0), 2);
        assert_eq!(shared.at(100.0), None);
    }
}
