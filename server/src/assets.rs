//! Static files embedded in the binary and served under content-hashed names, cached for a year.

use sha2::{Digest, Sha256};

const CSS: &str = include_str!("../static/agora.css");
/// Our own script: live updates over the event websocket and the htmx settings.
const JS: &str = include_str!("../static/agora.js");
/// The composer's script: mention suggestions, Enter to send, drafts, pasted and dropped files.
const COMPOSE_JS: &str = include_str!("../static/compose.js");
/// htmx, vendored unchanged (with its licence line) from the `htmx.org` npm package.
const HTMX: &str = include_str!("../static/htmx.min.js");

/// The tab icon: an "A" on the brand colour.
const FAVICON: &str = include_str!("../static/favicon.svg");

const SVG_TYPE: &str = "image/svg+xml";
const CSS_TYPE: &str = "text/css; charset=utf-8";
const JS_TYPE: &str = "text/javascript; charset=utf-8";

pub struct Assets {
    /// `/static/agora-<hash>.css`
    pub css_path: String,
    /// `/static/agora-<hash>.js`
    pub js_path: String,
    /// `/static/htmx-<hash>.js`
    pub htmx_path: String,
    /// `/static/compose-<hash>.js`
    pub compose_path: String,
    /// `/static/favicon-<hash>.svg`
    pub favicon_path: String,
}

/// `/static/<stem>-<first 10 hex digits of the SHA-256 of body>.<ext>`
fn hashed(stem: &str, ext: &str, body: &str) -> String {
    let hash = Sha256::digest(body.as_bytes());
    let short: String = hash.iter().take(5).map(|b| format!("{b:02x}")).collect();
    format!("/static/{stem}-{short}.{ext}")
}

impl Assets {
    pub fn new() -> Assets {
        Assets {
            css_path: hashed("agora", "css", CSS),
            js_path: hashed("agora", "js", JS),
            htmx_path: hashed("htmx", "js", HTMX),
            compose_path: hashed("compose", "js", COMPOSE_JS),
            favicon_path: hashed("favicon", "svg", FAVICON),
        }
    }

    /// The body and content type served at `path`, if it is one of ours.
    pub fn lookup(&self, path: &str) -> Option<(&'static str, &'static str)> {
        if path == self.css_path {
            Some((CSS, CSS_TYPE))
        } else if path == self.js_path {
            Some((JS, JS_TYPE))
        } else if path == self.htmx_path {
            Some((HTMX, JS_TYPE))
        } else if path == self.compose_path {
            Some((COMPOSE_JS, JS_TYPE))
        } else if path == self.favicon_path {
            Some((FAVICON, SVG_TYPE))
        } else {
            None
        }
    }
}

impl Default for Assets {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_has_its_own_hashed_name() {
        let a = Assets::new();
        assert!(a.css_path.starts_with("/static/agora-") && a.css_path.ends_with(".css"));
        assert!(a.js_path.starts_with("/static/agora-") && a.js_path.ends_with(".js"));
        assert!(a.htmx_path.starts_with("/static/htmx-") && a.htmx_path.ends_with(".js"));
        assert_eq!(a.lookup(&a.js_path).map(|(_, t)| t), Some(JS_TYPE));
        assert!(a.lookup("/static/agora.js").is_none());
    }

    #[test]
    fn htmx_keeps_its_licence_line() {
        assert!(HTMX.starts_with("/*! htmx 2.0.11"));
    }
}
