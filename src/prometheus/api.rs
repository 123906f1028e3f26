//! Prometheus's HTTP API (`/api/v1/query`), the only place kplan talks to a Prometheus
//! server: instant queries with a bounded timeout, read-only.
//!
//! Credentials (a bearer token, or basic auth from a file or from the URL itself) go
//! into the Authorization header and nowhere else: the URL kept for messages and output
//! has its user and password removed, and no error text is built from them.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use serde::Deserialize;

/// How to authenticate; never printed (its Debug hides the secret).
#[derive(Clone, Default)]
pub enum Credentials {
    #[default]
    None,
    Bearer(String),
    Basic {
        user: String,
        password: String,
    },
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Credentials::None => "None",
            Credentials::Bearer(_) => "Bearer(<hidden>)",
            Credentials::Basic { .. } => "Basic(<hidden>)",
        })
    }
}

impl Credentials {
    fn header(&self) -> Option<String> {
        use base64::Engine;
        match self {
            Credentials::None => None,
            Credentials::Bearer(token) => Some(format!("Bearer {token}")),
            Credentials::Basic { user, password } => {
                let pair = format!("{user}:{password}");
                let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
                Some(format!("Basic {encoded}"))
            }
        }
    }
}

/// A Prometheus server to query.
#[derive(Debug, Clone)]
pub struct Server {
    /// The URL without user or password, ending without a slash.
    pub url: String,
    pub credentials: Credentials,
    pub timeout: Duration,
}

/// Why a query has no answer.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// Not reached, or no answer in time: exit 3.
    Unreachable(String),
    /// Reached, and it refused the query or the credentials: exit 2.
    Refused(String),
}

/// A URL split into what may be shown and the credentials it held.
pub fn split_url(text: &str) -> Result<(String, Option<Credentials>), String> {
    let mut url = url::Url::parse(text.trim())
        .map_err(|e| format!("--prometheus: not a URL ({e}); expected http://HOST:PORT"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "--prometheus: {}:// is not http:// or https://",
            url.scheme()
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("--prometheus: the URL has no host".to_string());
    }
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    let credentials =
        (!url.username().is_empty() || url.password().is_some()).then(|| Credentials::Basic {
            user: decode(url.username()),
            password: decode(url.password().unwrap_or("")),
        });
    // Infallible for http(s) URLs with a host.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.set_query(None);
    url.set_fragment(None);
    let shown = url.as_str().trim_end_matches('/').to_string();
    Ok((shown, credentials))
}

/// The answer to an instant query: each series' labels and value.
pub type Vector = Vec<(BTreeMap<String, String>, f64)>;

#[derive(Deserialize)]
struct Answer {
    status: String,
    #[serde(default)]
    data: Option<Data>,
    #[serde(default)]
    error: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data {
    result_type: String,
    result: Vec<Element>,
}

#[derive(Deserialize)]
struct Element {
    metric: BTreeMap<String, String>,
    value: (f64, String),
}

/// Longest answer read: a `sum by (le)` vector is a few kilobytes.
const MAX_ANSWER_BYTES: u64 = 16 << 20;

impl Server {
    /// Runs an instant query at the server's current time.
    pub fn query(&self, promql: &str) -> Result<Vector, ApiError> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(self.timeout))
            .http_status_as_error(false)
            .build()
            .into();
        let mut request = agent
            .get(format!("{}/api/v1/query", self.url))
            .query("query", promql);
        if let Some(value) = self.credentials.header() {
            request = request.header("Authorization", value);
        }
        let mut response = request.call().map_err(|e| self.unreachable(&e))?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER_BYTES)
            .read_to_string()
            .map_err(|e| self.unreachable(&e))?;
        if status == 401 || status == 403 {
            return Err(ApiError::Refused(format!(
                "{} refused the credentials (HTTP {status}): check --bearer-token-file, KPLAN_PROMETHEUS_TOKEN or --basic-auth-file",
                self.url
            )));
        }
        let answer: Answer = serde_json::from_str(&body).map_err(|_| {
            let problem = format!(
                "{} answered HTTP {status} without a Prometheus API answer: is it a Prometheus server?",
                self.url
            );
            if status >= 500 {
                ApiError::Unreachable(problem)
            } else {
                ApiError::Refused(problem)
            }
        })?;
        if answer.status != "success" {
            let why = answer
                .error
                .unwrap_or_else(|| "no reason given".to_string());
            let problem = format!("{} refused the query {promql:?}: {why}", self.url);
            return Err(if status >= 500 {
                ApiError::Unreachable(problem)
            } else {
                ApiError::Refused(problem)
            });
        }
        vector(answer.data, &self.url)
    }

    fn unreachable(&self, error: &ureq::Error) -> ApiError {
        let why = match error {
            ureq::Error::Timeout(_) => format!("no answer within {} ms", self.timeout.as_millis()),
            ureq::Error::HostNotFound => "the host name does not resolve".to_string(),
            ureq::Error::ConnectionFailed => "the connection failed".to_string(),
            ureq::Error::Io(e) => crate::input::file::io_reason(e),
            ureq::Error::BodyExceedsLimit(_) => "the answer is too large".to_string(),
            other => other.to_string(),
        };
        ApiError::Unreachable(format!("cannot query Prometheus at {}: {why}", self.url))
    }
}

fn vector(data: Option<Data>, url: &str) -> Result<Vector, ApiError> {
    let Some(data) = data else {
        return Err(ApiError::Refused(format!("{url} answered without data")));
    };
    if data.result_type != "vector" {
        return Err(ApiError::Refused(format!(
            "{url} answered a {} where a vector was expected",
            data.result_type
        )));
    }
    Ok(data
        .result
        .into_iter()
        .map(|e| {
            let value = super::exposition::number(&e.value.1).unwrap_or(f64::NAN);
            (e.metric, value)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_leave_the_url() {
        let (url, credentials) =
            split_url("https://ops:s%3Acret@prom.example:9090/prometheus/?x=1").expect("a URL");
        assert_eq!(url, "https://prom.example:9090/prometheus");
        let Some(Credentials::Basic { user, password }) = credentials else {
            panic!("basic credentials");
        };
        assert_eq!((user.as_str(), password.as_str()), ("ops", "s:cret"));
        assert!(!format!("{:?}", Credentials::Bearer("t0ken".into())).contains("t0ken"));
        let (url, none) = split_url("http://127.0.0.1:9090").expect("a URL");
        assert_eq!(url, "http://127.0.0.1:9090");
        assert!(none.is_none());
        assert!(split_url("ftp://a").is_err());
        assert!(split_url("not a url").is_err());
    }

    #[test]
    fn basic_auth_is_base64_of_user_and_password() {
        // RFC 7617's example: Aladdin / open sesame.
        let c = Credentials::Basic {
            user: "Aladdin".into(),
            password: "open sesame".into(),
        };
        assert_eq!(
            c.header().as_deref(),
            Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        );
    }
}
