//! axe-core's WCAG 2.0/2.1 A and AA rules run in the page, and a readable report of what failed.

use std::fmt::Write as _;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::json;

use super::{AXE_JS, Browser, unavailable};

/// One failed axe-core rule, with every element that failed it.
#[derive(Debug, Clone, Deserialize)]
pub struct AxeViolation {
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: Option<String>,
    pub help: String,
    /// One entry per failing element: its CSS target, then its HTML.
    pub nodes: Vec<String>,
}

impl Browser {
    /// Runs axe-core's WCAG 2.0/2.1 A and AA rules on the current page.
    /// axe is injected through WebDriver, which page CSP does not restrict.
    /// Without axe (`AGORA_TEST_AXE_JS` unset or unreadable) this prints
    /// `SKIPPED: ...` and returns no violations, or panics under
    /// `AGORA_TEST_REQUIRE_ALL`.
    pub async fn axe(&self) -> Vec<AxeViolation> {
        let source = match axe_source() {
            Ok(source) => source,
            Err(reason) => return unavailable("axe-core", reason).unwrap_or_default(),
        };
        // Inject once per page: the script is large and a new page loses it.
        let result = self.client.execute(AXE_LOADED, vec![]).await;
        let loaded = self.ok("checking for axe-core", result).await;
        if loaded != json!(true) {
            let result = self.client.execute(source, vec![]).await;
            self.ok("injecting axe-core", result).await;
        }

        let result = self.client.execute_async(AXE_RUN, vec![]).await;
        let outcome = self.ok("running axe-core", result).await;
        if let Some(error) = outcome.get("error") {
            let url = self.current_url().await;
            panic!("axe-core failed on {url}: {error}");
        }
        serde_json::from_value(outcome["violations"].clone())
            .unwrap_or_else(|e| panic!("unexpected axe-core result {outcome}: {e}"))
    }
}

/// A readable report for an assertion message, e.g.
/// `assert!(v.is_empty(), "{}", format_violations(&url, &v))`.
pub fn format_violations(url: &str, violations: &[AxeViolation]) -> String {
    let mut report = format!(
        "{} accessibility violation(s) on {url}:\n",
        violations.len()
    );
    for violation in violations {
        let impact = violation.impact.as_deref().unwrap_or("unknown impact");
        let _ = writeln!(report, "- [{impact}] {}: {}", violation.id, violation.help);
        for node in &violation.nodes {
            let _ = writeln!(report, "    {node}");
        }
    }
    report
}

const AXE_LOADED: &str = "return typeof window.axe === 'object';";
const AXE_RUN: &str = r#"
    const done = arguments[arguments.length - 1];
    axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
    }).then(
        (results) => done({
            violations: results.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + n.html),
            })),
        }),
        (error) => done({ error: String(error) }),
    );
"#;

/// axe-core's source, read once per test process.
pub(super) fn axe_source() -> Result<&'static str, &'static str> {
    static SOURCE: OnceLock<Result<String, String>> = OnceLock::new();
    SOURCE
        .get_or_init(|| {
            let path =
                std::env::var(AXE_JS).map_err(|_| format!("{AXE_JS} is not set (see .ci/run)"))?;
            std::fs::read_to_string(&path).map_err(|e| format!("{AXE_JS}={path}: {e}"))
        })
        .as_ref()
        .map(String::as_str)
        .map_err(String::as_str)
}
