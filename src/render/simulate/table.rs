//! `kplan simulate` as tables for a terminal: the simulated outcome beside the planner's
//! prediction, the setup, and notes on where the two models differ.

use super::super::report::{Section, document};
use super::super::table::render_section;
use crate::human::{count, number};
use crate::simulate::report::{BatchResult, OnlineResult, Outcome, ServiceSource, Simulation};

pub fn render(sim: &Simulation) -> String {
    let heading = format!(
        "kplan simulate: {} ({}) - {} partitions, {}, seed {} - status: {}",
        sim.topic,
        sim.kind.as_str(),
        count(u64::from(sim.partitions)),
        match sim.runs {
            1 => "1 run".to_string(),
            runs => format!("{} runs", count(u64::from(runs))),
        },
        sim.seed,
        sim.verdict.as_str()
    );
    let comparison = match &sim.outcome {
        Outcome::Batch(b) => batch(b),
        Outcome::Online(o) => online(o),
    };
    let notes = Section::List {
        title: "Notes".to_string(),
        items: sim.notes.clone(),
    };
    document(&heading, &[comparison, setup(sim), notes], render_section)
}

fn row(measure: &str, simulated: String, planner: Option<String>) -> Vec<String> {
    vec![
        measure.to_string(),
        simulated,
        planner.unwrap_or_else(|| "-".to_string()),
    ]
}

fn comparison(rows: Vec<Vec<String>>) -> Section {
    Section::Table {
        title: "Simulated beside the planner's prediction".to_string(),
        header: ["Measure", "Simulated", "Planner"]
            .map(String::from)
            .to_vec(),
        rows,
    }
}

fn seconds(x: f64) -> String {
    format!("{} s ({} min)", number(x), number(x / 60.0))
}

fn ms(x: f64) -> String {
    format!("{} ms", number(x))
}

fn percent(share: f64) -> String {
    format!("{}%", number(share * 100.0))
}

fn batch(b: &BatchResult) -> Section {
    let s = &b.simulated;
    comparison(vec![
        row("drain time, mean", seconds(s.mean_seconds), None),
        row(
            "drain time, p50",
            seconds(s.p50_seconds),
            Some(seconds(b.predicted.p50_seconds)),
        ),
        row(
            "drain time, p95",
            seconds(s.p95_seconds),
            Some(seconds(b.predicted.p95_seconds)),
        ),
        row("drain time, p99", seconds(s.p99_seconds), None),
        row(
            &format!(
                "runs within the target of {} min",
                number(b.target_seconds / 60.0)
            ),
            percent(s.p_within_target),
            Some(format!("{} needed", percent(b.predicted.confidence))),
        ),
    ])
}

fn online(o: &OnlineResult) -> Section {
    let s = &o.simulated;
    let predicted = |x: Option<f64>| Some(x.map_or_else(|| "unbounded".to_string(), ms));
    let mut rows = vec![
        row(
            "delay, mean",
            ms(s.delay_ms.mean),
            predicted(o.predicted.mean_delay_ms),
        ),
        row("delay, p50", ms(s.delay_ms.p50), None),
        row("delay, p95", ms(s.delay_ms.p95), None),
        row(
            "delay, p99",
            ms(s.delay_ms.p99),
            predicted(o.predicted.p99_delay_ms),
        ),
        row("delay, max", ms(s.delay_ms.max), None),
        row(
            "utilisation",
            percent(s.utilization),
            Some(percent(o.predicted.utilization)),
        ),
        row(
            "busiest partition utilisation",
            percent(s.busiest_partition_utilization),
            None,
        ),
        row(
            "largest backlog on one partition",
            format!("{} messages", count(s.max_backlog)),
            None,
        ),
    ];
    if let (Some(objective), Some(share)) = (o.max_delay_ms, s.share_over_max_delay) {
        rows.push(row(
            &format!("messages over max_delay_ms ({})", ms(objective)),
            percent(share),
            None,
        ));
    }
    comparison(rows)
}

fn setup(sim: &Simulation) -> Section {
    let pair = |name: &str, value: String| vec![name.to_string(), value];
    let mut rows = vec![
        pair("messages per run", count(sim.messages)),
        pair(
            "partitions",
            format!(
                "{} (the plan recommends {})",
                count(u64::from(sim.partitions)),
                count(sim.recommended)
            ),
        ),
        pair(
            "workers",
            format!("{} per partition", sim.workers_per_partition),
        ),
        pair(
            "processing times",
            match sim.service {
                ServiceSource::Samples { count: n } => {
                    format!("bootstrap from {} samples", count(n))
                }
                ServiceSource::Summary { shape } => {
                    crate::render::report::latency_shape(crate::i18n::Lang::En, &shape)
                }
            },
        ),
    ];
    if let Outcome::Online(o) = &sim.outcome {
        rows.push(pair(
            "arrivals",
            format!("Poisson at {} msg/s (planned TPS)", number(o.arrival_tps)),
        ));
    }
    rows.push(pair("runs", count(u64::from(sim.runs))));
    rows.push(pair("seed", sim.seed.to_string()));
    Section::Table {
        title: "Setup".to_string(),
        header: ["Item", "Value"].map(String::from).to_vec(),
        rows,
    }
}
