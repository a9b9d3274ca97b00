//! [`Fetch`] over HTTP: ureq, one connection, rustls for https, the
//! proxy `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY` name, redirects left to
//! the caller (which follows them only within the site).

use std::time::Duration;

use super::{Fetch, MAX_BODY, Reply};

pub struct Http {
    agent: ureq::Agent,
}

impl Http {
    pub fn new(user_agent: &str) -> Http {
        let config = ureq::Agent::config_builder()
            .user_agent(user_agent)
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_connect(Some(Duration::from_secs(15)))
            .timeout_global(Some(Duration::from_secs(60)))
            .max_idle_connections(1)
            .max_idle_connections_per_host(1)
            .proxy(ureq::Proxy::try_from_env())
            .build();
        Http {
            agent: config.into(),
        }
    }
}

impl Fetch for Http {
    fn get(&mut self, url: &str) -> Result<Reply, String> {
        let mut response = self.agent.get(url).call().map_err(|e| e.to_string())?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let retry_after = header("retry-after").and_then(|v| v.trim().parse().ok());
        let location = header("location");
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => {
                    format!("the answer is larger than {} MB; not read", MAX_BODY >> 20)
                }
                other => format!("the answer was cut short: {other}"),
            })?;
        Ok(Reply {
            status,
            body,
            retry_after,
            location,
        })
    }
}
