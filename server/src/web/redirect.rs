//! Where a browser may be sent back to (`next` after sign-in, the language switcher's links):
//! only a path on this site, as every URL parser reads it.
//!
//! String checks are not enough: WHATWG parsers drop tabs and newlines and read `\` as `/`, so
//! `/\t/evil.example` becomes `//evil.example`, another host. The value is therefore parsed with
//! `url` against the public origin, and whatever parsers could read differently is refused.

use url::Url;

/// `next` if it resolves to a path of `public_url`'s origin, else `/`.
pub fn same_site_path(public_url: &Url, next: Option<&str>) -> String {
    next.and_then(|n| resolve(public_url, n))
        .unwrap_or_else(|| "/".to_string())
}

fn resolve(base: &Url, next: &str) -> Option<String> {
    // Only an absolute path: no scheme, no host, no relative path that depends on the page.
    if !next.starts_with('/') || next.starts_with("//") {
        return None;
    }
    // Controls, whitespace and backslashes are what parsers silently drop or reinterpret.
    if next
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return None;
    }
    let joined = base.join(next).ok()?;
    if joined.origin() != base.origin() {
        return None;
    }
    let mut path = joined.path().to_string();
    // Dot segments can leave `//host` behind (`/a/..//evil.example`), read as another host.
    if !path.starts_with('/') || path.starts_with("//") {
        return None;
    }
    if let Some(query) = joined.query() {
        path.push('?');
        path.push_str(query);
    }
    if let Some(fragment) = joined.fragment() {
        path.push('#');
        path.push_str(fragment);
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::same_site_path;

    use url::Url;

    static ORIGIN: LazyLock<Url> =
        LazyLock::new(|| Url::parse("https://agora.example").expect("url"));

    #[test]
    fn same_site_paths_are_kept() {
        for path in [
            "/",
            "/profile",
            "/orgs/1/members?notice=member-updated",
            "/channels/3#m12",
        ] {
            assert_eq!(same_site_path(&ORIGIN, Some(path)), path);
        }
    }

    #[test]
    fn anything_else_becomes_the_home_page() {
        for next in [
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example/phish",
            "/\r\n/evil.example",
            "/a/..//evil.example",
            "/.//evil.example",
            "https://evil.example/",
            "https://agora.example.evil.example/",
            "javascript:alert(1)",
            "profile",
            "",
            "/\u{a0}/evil.example",
        ] {
            assert_eq!(same_site_path(&ORIGIN, Some(next)), "/", "{next:?}");
        }
        assert_eq!(same_site_path(&ORIGIN, None), "/");
    }

    #[test]
    fn encoded_slashes_stay_a_path_here() {
        assert_eq!(
            same_site_path(&ORIGIN, Some("/%2F%2Fevil.example")),
            "/%2F%2Fevil.example"
        );
        assert_eq!(
            same_site_path(&ORIGIN, Some("/%09/evil.example")),
            "/%09/evil.example"
        );
    }
}
