//! Structured logs, the request span and the request log line.

use std::time::Instant;

use actix_web::HttpMessage;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use tracing::Span;
use tracing_actix_web::{RequestId, RootSpanBuilder, TracingLogger};
use tracing_subscriber::EnvFilter;

/// The response header that names the request, so a person's report can be found in the logs.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Text logs for people, JSON for machines (`AGORA_LOG_FORMAT=json`); level from `AGORA_LOG`.
pub fn init(format: &str) {
    let filter = EnvFilter::try_from_env("AGORA_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = if format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// Opens one span per request with a fresh request id; wrap it around [`log_requests`].
pub fn request_spans() -> TracingLogger<RequestSpan> {
    TracingLogger::new()
}

/// The fields of a request span. Unlike the crate's default span it leaves out the raw path
/// (`http.target`), the client address and the user agent: paths carry tokens, and the others
/// are personal data the logs do not need.
pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let route = request
            .match_pattern()
            .unwrap_or_else(|| "<unmatched>".into());
        let request_id = request
            .extensions()
            .get::<RequestId>()
            .map(ToString::to_string)
            .unwrap_or_default();
        tracing::info_span!(
            "request",
            http.method = %request.method(),
            http.route = %route,
            request_id = %request_id,
            http.status_code = tracing::field::Empty,
        )
    }

    fn on_request_end<B: MessageBody>(
        span: Span,
        outcome: &Result<ServiceResponse<B>, actix_web::Error>,
    ) {
        let status = match outcome {
            Ok(res) => res.status(),
            Err(e) => e.as_response_error().status_code(),
        };
        span.record("http.status_code", status.as_u16());
    }
}

/// One line per request, inside the request span, and the request id as a response header. The route pattern is logged, never the raw path: paths carry tokens.
pub async fn log_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let start = Instant::now();
    let method = req.method().to_string();
    let route = req.match_pattern().unwrap_or_else(|| "<unmatched>".into());
    let request_id = req.extensions().get::<RequestId>().copied();
    let mut res = next.call(req).await?;
    if let Some(id) = request_id
        && let Ok(value) = HeaderValue::from_str(&id.to_string())
    {
        res.headers_mut()
            .insert(HeaderName::from_static(REQUEST_ID_HEADER), value);
    }
    tracing::info!(
        http.method = %method,
        http.route = %route,
        http.status = res.status().as_u16(),
        elapsed_ms = start.elapsed().as_secs_f64() * 1000.0,
        "request"
    );
    Ok(res)
}
