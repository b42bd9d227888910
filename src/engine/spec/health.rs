//! The health check a container runs: `--no-healthcheck`, then `--health-cmd` & co. over the
//! image's HEALTHCHECK, with Docker's defaults.
use super::config::HealthRequest;
use crate::engine::container::record::HealthCheck;

const NANOS: fn(std::time::Duration) -> u64 = |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);

/// The effective check, None when there is none (or it is `NONE`). `image` is the image
/// config's `Healthcheck` object.
pub(crate) fn healthcheck(
    h: &HealthRequest,
    image: Option<&serde_json::Value>,
) -> Option<HealthCheck> {
    if h.disable {
        return None;
    }
    let mut hc: HealthCheck = match image {
        Some(v) => HealthCheck {
            test: v
                .get("Test")
                .and_then(|t| serde_json::from_value(t.clone()).ok())
                .unwrap_or_default(),
            interval: v.get("Interval").and_then(|x| x.as_u64()).unwrap_or(0),
            timeout: v.get("Timeout").and_then(|x| x.as_u64()).unwrap_or(0),
            start_period: v.get("StartPeriod").and_then(|x| x.as_u64()).unwrap_or(0),
            retries: v
                .get("Retries")
                .and_then(|x| x.as_u64())
                .and_then(|r| u32::try_from(r).ok())
                .unwrap_or(0),
        },
        None => HealthCheck::default(),
    };
    if let Some(t) = &h.test {
        hc.test = t.clone();
    }
    if let Some(d) = h.interval {
        hc.interval = NANOS(d);
    }
    if let Some(d) = h.timeout {
        hc.timeout = NANOS(d);
    }
    if let Some(d) = h.start_period {
        hc.start_period = NANOS(d);
    }
    if let Some(r) = h.retries {
        hc.retries = r;
    }
    if hc.test.is_empty() || hc.test[0] == "NONE" {
        return None;
    }
    // Docker's defaults: 30s interval and timeout, 3 retries.
    if hc.interval == 0 {
        hc.interval = 30_000_000_000;
    }
    if hc.timeout == 0 {
        hc.timeout = 30_000_000_000;
    }
    if hc.retries == 0 {
        hc.retries = 3;
    }
    Some(hc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::time::Duration;

    #[test]
    fn flags_override_the_image_and_defaults_fill_the_rest() {
        let image = json!({"Test": ["CMD", "true"], "Interval": 5_000_000_000u64, "Retries": 7});
        let h = healthcheck(&HealthRequest::default(), Some(&image)).unwrap();
        assert_eq!(
            (h.interval, h.timeout, h.retries),
            (5_000_000_000, 30_000_000_000, 7)
        );
        let req = HealthRequest {
            test: Some(vec!["CMD-SHELL".into(), "exit 0".into()]),
            interval: Some(Duration::from_secs(1)),
            ..Default::default()
        };
        let h = healthcheck(&req, Some(&image)).unwrap();
        assert_eq!(h.test[0], "CMD-SHELL");
        assert_eq!(h.interval, 1_000_000_000);
        let off = HealthRequest {
            disable: true,
            ..Default::default()
        };
        assert!(healthcheck(&off, Some(&image)).is_none());
        assert!(healthcheck(&HealthRequest::default(), Some(&json!({"Test": ["NONE"]}))).is_none());
        assert!(healthcheck(&HealthRequest::default(), None).is_none());
    }
}
