//! Predicted delay of an online topic: M/G/1 queues per consumer thread.
//!
//! s = P x c independent servers each receive lambda = planned_tps / s. The mean wait is
//! Pollaczek-Khinchine, Wq = lambda E[S^2] / (2 (1 - rho)); its tail is taken as
//! exponential with the conditional mean Wq / rho, so the 99th percentile wait is
//! (Wq / rho) ln(100 rho), and 0 when rho <= 0.01 (fewer than 1% of messages wait).

/// Service time moments in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Service {
    pub mean_ms: f64,
    /// E[S^2], ms^2.
    pub mean_square_ms2: f64,
    pub p99_ms: f64,
}

impl Service {
    /// Exponential service with this mean, as the model assumes without samples:
    /// E[S^2] = 2 mean^2, p99 = mean ln(100).
    pub fn exponential(mean_ms: f64) -> Service {
        Service {
            mean_ms,
            mean_square_ms2: 2.0 * mean_ms * mean_ms,
            p99_ms: mean_ms * 100f64.ln(),
        }
    }
}

/// Utilisation of each of `servers` servers sharing `tps`.
pub fn utilization(tps: f64, servers: f64, service: &Service) -> f64 {
    tps / servers * service.mean_ms / 1000.0
}

/// The mean queueing wait in ms (Pollaczek-Khinchine); infinite when the servers
/// cannot keep up.
pub fn mean_wait_ms(tps: f64, servers: f64, service: &Service) -> f64 {
    let lambda_per_ms = tps / servers / 1000.0;
    let rho = lambda_per_ms * service.mean_ms;
    if rho >= 1.0 {
        return f64::INFINITY;
    }
    lambda_per_ms * service.mean_square_ms2 / (2.0 * (1.0 - rho))
}

/// The 99th percentile queueing wait in ms; infinite when the servers cannot keep up.
pub fn p99_wait_ms(tps: f64, servers: f64, service: &Service) -> f64 {
    let rho = tps / servers / 1000.0 * service.mean_ms;
    if rho >= 1.0 {
        return f64::INFINITY;
    }
    if rho <= 0.01 {
        return 0.0;
    }
    mean_wait_ms(tps, servers, service) / rho * (100.0 * rho).ln()
}

/// Predicted mean end-to-end delay (wait + processing) with `partitions` x `concurrency`.
pub fn mean_delay_ms(tps: f64, partitions: u64, concurrency: u32, service: &Service) -> f64 {
    let servers = partitions as f64 * f64::from(concurrency);
    mean_wait_ms(tps, servers, service) + service.mean_ms
}

/// Predicted p99 end-to-end delay (wait + processing) with `partitions` x `concurrency`.
pub fn p99_delay_ms(tps: f64, partitions: u64, concurrency: u32, service: &Service) -> f64 {
    let servers = partitions as f64 * f64::from(concurrency);
    p99_wait_ms(tps, servers, service) + service.p99_ms
}

/// The smallest partition count from `from` upward, and at most `limit`, whose predicted
/// p99 delay is within `objective_ms`; `None` when there is none: always when the
/// objective is below the p99 latency itself.
pub fn partitions_for_delay(
    tps: f64,
    concurrency: u32,
    service: &Service,
    objective_ms: f64,
    from: u64,
    limit: u64,
) -> Option<u64> {
    if objective_ms < service.p99_ms {
        return None;
    }
    let fits = |p: u64| p99_delay_ms(tps, p, concurrency, service) <= objective_ms;
    let mut lo = from.max(1);
    if fits(lo) {
        return Some(lo);
    }
    // The delay falls as partitions grow (lambda per server falls, and with it both the
    // wait and its tail), so double to bracket the answer, then bisect.
    let mut hi = lo;
    while !fits(hi) {
        if hi >= limit {
            return None;
        }
        lo = hi;
        hi = hi.saturating_mul(2).min(limit);
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if fits(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exponential(mean_ms: f64) -> Service {
        Service::exponential(mean_ms)
    }

    #[test]
    fn mm1_wait_by_hand() {
        // 25 msg/s on one server, 20 ms each: rho = 0.5, Wq = 0.025 * 800 / 1 = 20 ms,
        // p99 wait = 20 / 0.5 * ln(50) = 40 ln 50.
        let wait = p99_wait_ms(25.0, 1.0, &exponential(20.0));
        assert!((wait - 40.0 * 50f64.ln()).abs() < 1e-9, "{wait}");
    }

    #[test]
    fn light_load_has_no_wait_and_overload_has_no_bound() {
        assert_eq!(p99_wait_ms(0.4, 1.0, &exponential(20.0)), 0.0);
        assert_eq!(p99_wait_ms(50.0, 1.0, &exponential(20.0)), f64::INFINITY);
    }

    #[test]
    fn search_finds_the_smallest_count_within_the_objective() {
        let service = exponential(20.0);
        let objective = 200.0;
        let p = partitions_for_delay(500.0, 1, &service, objective, 1, 1 << 30).unwrap();
        assert!(p > 15, "{p}");
        assert!(p99_delay_ms(500.0, p, 1, &service) <= objective);
        assert!(p99_delay_ms(500.0, p - 1, 1, &service) > objective);
    }

    #[test]
    fn the_search_stops_at_its_limit() {
        // Within 0.001 ms of the p99 latency: only a vanishing load per server fits.
        let service = exponential(20.0);
        let objective = service.p99_ms + 0.001;
        assert_eq!(
            partitions_for_delay(1e6, 1, &service, objective, 1, 1000),
            None
        );
    }

    #[test]
    fn an_objective_below_the_p99_latency_is_infeasible() {
        assert_eq!(
            partitions_for_delay(500.0, 1, &exponential(20.0), 50.0, 15, 1 << 30),
            None
        );
    }
}
