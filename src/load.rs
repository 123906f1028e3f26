//! Reads everything a plan needs from disk: the request, its latency samples, its key
//! sample, and the profile for its type. The only place `plan` touches the file system.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::i18n::Message;
use crate::keys::{KeySample, parse_key_sample, read_key_sample};
use crate::limits::{max_distinct_keys, max_latency_samples};
use crate::model::histogram::PiecewiseUniform;
use crate::model::sizing::MAX_MODELLED_PARTITIONS;
use crate::model::{PlanInput, ScaleProblem, scale_problem};
use crate::profile::Profile;
use crate::prometheus::latency::MetricLatency;
use crate::prometheus::{parse_latency_bytes, read_latency_file};
use crate::request::parse::min_insync_above_replication;
use crate::request::samples::{Keep, SampleLimits, Samples, parse_samples, read_samples, room_for};
use crate::request::spec::{MAX_LATENCY_MS, MIN_LATENCY_MS};
use crate::request::{LatencySource, Limits, Request, TopicType, load_request};
use crate::stats::LatencyStats;
use crate::stats::predicted::WantedBuckets;

/// The profiles to plan with, parsed once for any number of requests.
#[derive(Debug, Clone)]
pub struct Profiles {
    online: Profile,
    batch: Profile,
    /// A user's profile (`--profile`), which must match the request's type.
    custom: Option<(Profile, std::path::PathBuf)>,
}

impl Profiles {
    pub fn builtin() -> Profiles {
        Profiles {
            online: Profile::builtin(TopicType::Online),
            batch: Profile::builtin(TopicType::Batch),
            custom: None,
        }
    }

    /// The shipped profiles, or a user's profile file when one is given.
    pub fn with_custom(path: Option<&Path>) -> Result<Profiles, Vec<Diagnostic>> {
        let mut profiles = Profiles::builtin();
        if let Some(path) = path {
            profiles.custom = Some((Profile::load(path)?, path.to_path_buf()));
        }
        Ok(profiles)
    }

    /// The profile for a request of type `kind`.
    pub fn for_type(&self, kind: TopicType, request_file: &Path) -> Result<&Profile, Diagnostic> {
        match &self.custom {
            Some((profile, _)) if profile.kind == kind => Ok(profile),
            Some((profile, path)) => {
                let message = Message::new("input-profile-type")
                    .arg("type", kind.as_str())
                    .arg("profile", path.display().to_string())
                    .arg("profile_type", profile.kind.as_str());
                Err(Diagnostic::says(request_file, message).for_key("topic.type"))
            }
            None => Ok(match kind {
                TopicType::Online => &self.online,
                TopicType::Batch => &self.batch,
            }),
        }
    }
}

/// A request with everything it refers to read and summarised.
#[derive(Debug, Clone)]
pub struct Loaded<'p> {
    pub request: Request,
    pub profile: &'p Profile,
    pub latency: LatencyStats,
    /// The raw samples (reordered), for the online models and simulation; `None` for
    /// a summary, and for a batch request's samples (but in [`load_for_simulation`]),
    /// whose model needs their statistics alone.
    pub samples: Option<Vec<f64>>,
    /// The distribution of a latency histogram, when the request names one.
    pub histogram: Option<PiecewiseUniform>,
    pub keys: Option<KeySample>,
}

impl Loaded<'_> {
    pub fn plan_input(&self) -> PlanInput<'_> {
        PlanInput {
            request: &self.request,
            profile: self.profile,
            latency: &self.latency,
            samples: self.samples.as_deref(),
            histogram: self.histogram.as_ref(),
            keys: self.keys.as_ref(),
        }
    }
}

/// Reads a request and what it refers to, reporting every problem found.
pub fn load<'p>(path: &Path, profiles: &'p Profiles) -> Result<Loaded<'p>, Vec<Diagnostic>> {
    let request = load_request(path)?;
    load_parsed(request, path, profiles)
}

/// Like [`load`], keeping every latency sample, which a simulation draws from.
pub fn load_for_simulation<'p>(
    path: &Path,
    profiles: &'p Profiles,
) -> Result<Loaded<'p>, Vec<Diagnostic>> {
    let request = load_request(path)?;
    load_keeping(request, path, profiles, &Contents::default(), Keep::All)
}

/// What a plan keeps of a request's latency samples: an online topic's models draw on
/// every sample; a batch topic's needs their statistics alone.
fn keep_for(request: &Request) -> Keep {
    match request.topic.kind {
        TopicType::Online => Keep::All,
        TopicType::Batch => Keep::Summary,
    }
}

/// Reads what an already parsed request refers to (its samples, its key sample) and
/// picks its profile; `path` is the request file, named in problems.
pub fn load_parsed<'p>(
    request: Request,
    path: &Path,
    profiles: &'p Profiles,
) -> Result<Loaded<'p>, Vec<Diagnostic>> {
    load_parsed_from(request, path, profiles, &Contents::default())
}

/// The contents of files as another version had them (a git revision), by the path the
/// request resolves them to; a path not held is read from disk.
#[derive(Debug, Clone, Default)]
pub struct Contents {
    files: std::collections::HashMap<std::path::PathBuf, (String, Vec<u8>)>,
}

impl Contents {
    /// Holds `bytes` for `path`; `shown` names it in problems (such as `main:a.txt`).
    pub fn insert(&mut self, path: &Path, shown: String, bytes: Vec<u8>) {
        self.files.insert(path.to_path_buf(), (shown, bytes));
    }

    fn get(&self, path: &Path) -> Option<(&Path, &[u8])> {
        self.files
            .get(path)
            .map(|(shown, bytes)| (Path::new(shown.as_str()), bytes.as_slice()))
    }
}

/// Like [`load_parsed`], with sample and key files taken from `contents` where it holds
/// them.
pub fn load_parsed_from<'p>(
    request: Request,
    path: &Path,
    profiles: &'p Profiles,
    contents: &Contents,
) -> Result<Loaded<'p>, Vec<Diagnostic>> {
    let keep = keep_for(&request);
    load_keeping(request, path, profiles, contents, keep)
}

fn load_keeping<'p>(
    request: Request,
    path: &Path,
    profiles: &'p Profiles,
    contents: &Contents,
    keep: Keep,
) -> Result<Loaded<'p>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let profile = profiles
        .for_type(request.topic.kind, path)
        .map_err(|d| problems.push(d))
        .ok();
    let latency =
        read_latency(&request.subscribe.latency, contents, keep).map_err(|d| problems.push(d));
    let keys = match &request.publish.key_sample_file {
        Some(file) => max_distinct_keys()
            .map_err(|problem| Diagnostic::says(file, problem))
            .and_then(|limit| match contents.get(file) {
                Some((shown, bytes)) => parse_key_sample(bytes, shown, limit),
                None => read_key_sample(file, limit),
            })
            .map(Some)
            .map_err(|d| problems.push(d)),
        None => Ok(None),
    };
    let (Some(profile), Ok(measured), Ok(keys)) = (profile, latency, keys) else {
        return Err(problems);
    };
    if let Some(problem) = replication_problem(&request.limits, profile, path) {
        return Err(vec![problem]);
    }
    let loaded = Loaded {
        request,
        profile,
        latency: measured.stats,
        samples: measured.samples,
        histogram: measured.histogram,
        keys,
    };
    match scale_problem(&loaded.plan_input()) {
        None => Ok(loaded),
        Some(problem) => Err(vec![Diagnostic::says(path, scale_message(problem))]),
    }
}

/// "needs about 1.23e10 partitions for its consumers: ...".
fn scale_message(problem: ScaleProblem) -> Message {
    Message::new("input-beyond-any-cluster")
        .arg("partitions", format!("{:.2e}", problem.partitions))
        .arg(
            "side",
            if problem.consumers {
                "consumers"
            } else {
                "producers"
            },
        )
        .arg("most", format!("{MAX_MODELLED_PARTITIONS:e}"))
}

/// min.insync.replicas above the replication factor, when one of the two comes from the
/// request and the other from the profile (the request's reader checks a pair it holds).
fn replication_problem(limits: &Limits, profile: &Profile, path: &Path) -> Option<Diagnostic> {
    let rf = limits
        .replication_factor
        .unwrap_or(profile.topic.replication_factor);
    let min_isr = limits
        .min_insync_replicas
        .unwrap_or(profile.topic.min_insync_replicas);
    if min_isr <= rf {
        return None;
    }
    let (key, problem) = match limits.min_insync_replicas {
        Some(_) => (
            "limits.min_insync_replicas",
            min_insync_above_replication(u64::from(min_isr), u64::from(rf)),
        ),
        None => (
            "limits.replication_factor",
            Message::new("input-replication-below-profile-isr")
                .arg("replication_factor", rf.to_string())
                .arg("min_isr", min_isr.to_string()),
        ),
    };
    Some(Diagnostic::says(path, problem).for_key(key))
}

/// The latency statistics and what they were computed from.
struct Measured {
    stats: LatencyStats,
    samples: Option<Vec<f64>>,
    histogram: Option<PiecewiseUniform>,
}

fn read_latency(
    source: &LatencySource,
    contents: &Contents,
    keep: Keep,
) -> Result<Measured, Diagnostic> {
    let measured = |stats, samples, histogram| Measured {
        stats,
        samples,
        histogram,
    };
    match source {
        LatencySource::Summary { mean_ms, p99_ms } => Ok(measured(
            LatencyStats::from_summary(*mean_ms, *p99_ms),
            None,
            None,
        )),
        LatencySource::Samples { path, unit, column } => {
            let read = |keep| {
                let limit = max_latency_samples().map_err(|p| Diagnostic::says(path, p))?;
                match contents.get(path) {
                    Some((shown, bytes)) => {
                        let limits = SampleLimits {
                            capacity_hint: room_for(bytes.len() as u64),
                            max_samples: limit,
                            keep,
                        };
                        parse_samples(bytes, *unit, column.as_deref(), shown, limits)
                    }
                    None => read_samples(path, *unit, column.as_deref(), limit, keep),
                }
            };
            let (stats, values) = match summary_stats(read(keep)?) {
                Ok(done) => done,
                // The values drifted from the buckets predicted: read them again for the
                // buckets the whole histogram names, or, when those are too many to
                // gather, keeping every sample.
                Err(wanted) => match summary_stats(read(Keep::Buckets(wanted))?) {
                    Ok(done) => done,
                    Err(_) => all_stats(read(Keep::All)?),
                },
            };
            check_mean(&stats, path)?;
            Ok(measured(stats, (keep == Keep::All).then_some(values), None))
        }
        LatencySource::Histogram {
            path,
            metric,
            labels,
            unit,
        } => {
            let read = match contents.get(path) {
                Some((shown, bytes)) => parse_latency_bytes(bytes, shown, metric, labels, *unit),
                None => read_latency_file(path, metric, labels, *unit),
            };
            let stats = match read? {
                MetricLatency::Histogram(histogram) => {
                    let stats = LatencyStats::from_histogram(&histogram);
                    check_mean(&stats, path).map_err(|d| d.for_key(metric.as_str()))?;
                    return Ok(measured(stats, None, Some(histogram)));
                }
                MetricLatency::Summary {
                    mean_ms,
                    p99_ms,
                    count,
                } => LatencyStats {
                    count: Some(count.round() as u64),
                    ..LatencyStats::from_summary(mean_ms, p99_ms)
                },
            };
            check_mean(&stats, path).map_err(|d| d.for_key(metric.as_str()))?;
            Ok(measured(stats, None, None))
        }
    }
}

/// The statistics of samples read, and the samples kept; when a summary did not gather
/// its percentiles' samples, the buckets that hold them, to read again.
fn summary_stats(samples: Samples) -> Result<(LatencyStats, Vec<f64>), WantedBuckets> {
    match &samples.unkept {
        None => Ok(all_stats(samples)),
        Some(unkept) => LatencyStats::from_unkept(&samples.values, &samples.tally, unkept)
            .map(|stats| (stats, samples.values))
            .ok_or_else(|| WantedBuckets::of(&samples.tally)),
    }
}

/// The statistics of samples all kept.
fn all_stats(samples: Samples) -> (LatencyStats, Vec<f64>) {
    let Samples {
        mut values, tally, ..
    } = samples;
    (LatencyStats::from_tallied(&mut values, &tally), values)
}

/// The model divides by the mean; keep it where that stays finite and meaningful.
fn check_mean(stats: &LatencyStats, path: &Path) -> Result<(), Diagnostic> {
    if stats.mean < MIN_LATENCY_MS {
        let message =
            Message::new("input-mean-below-nanosecond").arg("mean", stats.mean.to_string());
        return Err(Diagnostic::says(path, message));
    }
    if stats.mean > MAX_LATENCY_MS || stats.p99 > MAX_LATENCY_MS {
        let message = Message::new("input-latency-above-hour");
        return Err(Diagnostic::says(path, message));
    }
    Ok(())
}
