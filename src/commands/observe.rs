//! `kplan observe latency`: reads the credentials and the answers (the I/O), leaves the
//! meaning to `prometheus::observe` and the words to `render::observe`.

use std::path::Path;
use std::time::Duration;

use crate::cli::{ObserveArgs, ObserveCommand, ObserveLatencyArgs, ObserveLatencyFormatArg};
use crate::diagnostic::Diagnostic;
use crate::error::Failure;
use crate::exit::Exit;
use crate::prometheus::api::{ApiError, Credentials, Server, split_url};
use crate::prometheus::observe::{LatencyQuery, observed};
use crate::render::observe::{LatencyFormat, render_latency};
use crate::request::parse::read_text;

/// The environment variable a bearer token may come from.
pub const TOKEN_VARIABLE: &str = "KPLAN_PROMETHEUS_TOKEN";

pub fn run(args: ObserveArgs) -> Result<Exit, Failure> {
    match args.command {
        ObserveCommand::Latency(args) => latency(args),
    }
}

fn latency(args: ObserveLatencyArgs) -> Result<Exit, Failure> {
    let query = LatencyQuery::new(&args.metric, args.labels.as_deref(), &args.window)
        .map_err(Failure::Usage)?;
    let (url, in_url) = split_url(&args.prometheus).map_err(Failure::Usage)?;
    let credentials = credentials(&args, in_url)?;
    let server = Server {
        url,
        credentials,
        timeout: Duration::from_millis(args.timeout_ms),
    };
    let ask = |promql: String| server.query(&promql).map_err(api_failure);
    let buckets = ask(query.buckets())?;
    let sum = ask(query.total("sum"))?;
    let count = ask(query.total("count"))?;
    let observation = observed(&server.url, &query, &buckets, &sum, &count)
        .map_err(|why| Failure::Usage(format!("--metric {}: {why}", query.metric)))?;
    let format = match args.format {
        ObserveLatencyFormatArg::Table => LatencyFormat::Table,
        ObserveLatencyFormatArg::Json => LatencyFormat::Json,
        ObserveLatencyFormatArg::Prom => LatencyFormat::Prom,
    };
    super::print(&render_latency(&observation, format))?;
    Ok(Exit::Holds)
}

fn api_failure(error: ApiError) -> Failure {
    match error {
        ApiError::Unreachable(why) => Failure::Unreachable(why),
        ApiError::Refused(why) => Failure::Usage(why),
    }
}

/// The credentials from the flags, the environment or the URL; a file's content is
/// never part of a message.
fn credentials(
    args: &ObserveLatencyArgs,
    in_url: Option<Credentials>,
) -> Result<Credentials, Failure> {
    if let Some(path) = &args.bearer_token_file {
        return Ok(Credentials::Bearer(secret(path, "a bearer token")?));
    }
    if let Some(path) = &args.basic_auth_file {
        let pair = secret(path, "user:password")?;
        let Some((user, password)) = pair.split_once(':') else {
            return Err(Failure::Input(vec![Diagnostic::new(
                path,
                "expected user:password on its first line",
            )]));
        };
        return Ok(Credentials::Basic {
            user: user.to_string(),
            password: password.to_string(),
        });
    }
    if let Some(token) = std::env::var(TOKEN_VARIABLE)
        .ok()
        .filter(|t| !t.trim().is_empty())
    {
        return Ok(Credentials::Bearer(token.trim().to_string()));
    }
    Ok(in_url.unwrap_or_default())
}

/// The first line of a secret file, trimmed.
fn secret(path: &Path, what: &str) -> Result<String, Failure> {
    let text = read_text(path)?;
    let first = text.lines().next().unwrap_or("").trim().to_string();
    if first.is_empty() {
        return Err(Failure::Input(vec![Diagnostic::new(
            path,
            format!("is empty; expected {what}"),
        )]));
    }
    Ok(first)
}
