//! Reading what the sink received: the MIME part of a content type, with its transfer encoding
//! (quoted-printable, base64) undone.

/// Finds the first MIME part whose media type is `content_type` (for example
/// `text/plain` or `text/html`; parameters are ignored) and returns its body,
/// with quoted-printable or base64 transfer encoding undone. Nested multiparts
/// are searched depth first; a non-multipart message is its own single part.
/// Line endings in the result are `\n`. The decoded bytes are read as UTF-8.
pub fn mime_part(raw: &str, content_type: &str) -> Option<String> {
    let wanted = media_type(content_type);
    // Normalising CRLF first keeps all the splitting below simple.
    let normalized = raw.replace("\r\n", "\n");
    find_part(&normalized, &wanted)
}

fn find_part(entity: &str, wanted: &str) -> Option<String> {
    // A part may have no header fields at all: then it starts with the blank line.
    let (head, body) = match entity.strip_prefix('\n') {
        Some(body) => ("", body),
        None => entity
            .split_once("\n\n")
            .unwrap_or((entity.trim_end_matches('\n'), "")),
    };
    let headers = parse_headers(head);
    let content_type = header(&headers, "content-type").unwrap_or("text/plain");
    let media = media_type(content_type);

    if media.starts_with("multipart/") {
        let boundary = param(content_type, "boundary")?;
        return multipart_parts(body, &boundary)
            .into_iter()
            .find_map(|part| find_part(&part, wanted));
    }
    if media != wanted {
        return None;
    }
    let encoding = header(&headers, "content-transfer-encoding")
        .unwrap_or("7bit")
        .trim()
        .to_ascii_lowercase();
    let bytes = match encoding.as_str() {
        "quoted-printable" => decode_quoted_printable(body),
        "base64" => decode_base64(body)?,
        _ => body.as_bytes().to_vec(),
    };
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// Header fields as (lowercase name, unfolded value), in order.
fn parse_headers(head: &str) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            // A folded continuation of the previous field.
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    headers
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// `text/HTML; charset=utf-8` -> `text/html`.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// A parameter of a Content-Type value, unquoted (`boundary="x"` -> `x`).
fn param(content_type: &str, name: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (key, value) = p.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().trim_matches('"').to_string())
    })
}

/// The body parts between `--boundary` delimiter lines. The line break before
/// a delimiter belongs to the delimiter (RFC 2046), so it is not in the part.
fn multipart_parts(body: &str, boundary: &str) -> Vec<String> {
    let delimiter = format!("--{boundary}");
    let close = format!("--{boundary}--");
    let mut parts = Vec::new();
    let mut current: Option<Vec<&str>> = None; // None while in the preamble
    for line in body.split('\n') {
        let trimmed = line.trim_end();
        if trimmed == close {
            break;
        }
        if trimmed == delimiter {
            if let Some(lines) = current.take() {
                parts.push(lines.join("\n"));
            }
            current = Some(Vec::new());
        } else if let Some(lines) = current.as_mut() {
            lines.push(line);
        }
    }
    if let Some(lines) = current {
        parts.push(lines.join("\n"));
    }
    parts
}

/// RFC 2045 quoted-printable: `=XX` is a byte, `=` at the end of a line is a
/// soft line break, trailing whitespace on a line was added in transport.
/// Malformed escapes are kept as they are.
fn decode_quoted_printable(body: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut lines = body.split('\n').peekable();
    while let Some(line) = lines.next() {
        let line = line.trim_end_matches([' ', '\t', '\r']);
        let (line, soft_break) = match line.strip_suffix('=') {
            Some(rest) => (rest, true),
            None => (line, false),
        };
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let escaped = match bytes[i] {
                b'=' => bytes.get(i + 1..i + 3).and_then(hex_byte),
                _ => None,
            };
            match escaped {
                Some(byte) => {
                    out.push(byte);
                    i += 3;
                }
                None => {
                    out.push(bytes[i]);
                    i += 1;
                }
            }
        }
        if !soft_break && lines.peek().is_some() {
            out.push(b'\n');
        }
    }
    out
}

/// Two hex digits (either case) as a byte.
fn hex_byte(hex: &[u8]) -> Option<u8> {
    let digit = |c: u8| char::from(c).to_digit(16);
    let value = digit(*hex.first()?)? * 16 + digit(*hex.get(1)?)?;
    u8::try_from(value).ok()
}

/// Standard base64 (RFC 4648 alphabet); whitespace and line breaks are
/// ignored, padding is optional. `None` on any other character.
fn decode_base64(body: &str) -> Option<Vec<u8>> {
    fn value(c: u8) -> Option<u32> {
        match c {
            b'A'..=b'Z' => Some(u32::from(c - b'A')),
            b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
            b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        }
    }
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in body.bytes() {
        if c.is_ascii_whitespace() {
            continue;
        }
        if c == b'=' {
            break;
        }
        acc = (acc << 6) | value(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MULTIPART: &str = "From: a@example.org\r\n\
        Content-Type: multipart/mixed; boundary=\"outer\"\r\n\
        \r\n\
        preamble\r\n\
        --outer\r\n\
        Content-Type: multipart/alternative;\r\n boundary=inner\r\n\
        \r\n\
        --inner\r\n\
        Content-Type: text/plain; charset=utf-8\r\n\
        Content-Transfer-Encoding: quoted-printable\r\n\
        \r\n\
        Gr=C3=BC=C3=9Fe, a long line that is =\r\n\
        softly broken\r\n\
        second line\r\n\
        --inner\r\n\
        Content-Type: TEXT/HTML; charset=utf-8\r\n\
        Content-Transfer-Encoding: base64\r\n\
        \r\n\
        PHA+R3LDvMOfZTwv\r\n\
        cD4=\r\n\
        --inner--\r\n\
        --outer--\r\n";

    #[test]
    fn finds_quoted_printable_part_in_nested_multipart() {
        assert_eq!(
            mime_part(MULTIPART, "text/plain").as_deref(),
            Some("Grüße, a long line that is softly broken\nsecond line")
        );
    }

    #[test]
    fn finds_base64_part_case_insensitively() {
        assert_eq!(
            mime_part(MULTIPART, "text/html; charset=utf-8").as_deref(),
            Some("<p>Grüße</p>")
        );
    }

    #[test]
    fn missing_part_is_none() {
        assert_eq!(mime_part(MULTIPART, "application/pdf"), None);
    }

    #[test]
    fn single_part_message_without_content_type_is_text_plain() {
        let raw = "Subject: hi\r\n\r\nHello\r\n";
        assert_eq!(mime_part(raw, "text/plain").as_deref(), Some("Hello\n"));
    }

    #[test]
    fn quoted_printable_keeps_malformed_escapes() {
        assert_eq!(decode_quoted_printable("a=ZZb=3D"), b"a=ZZb=".to_vec());
    }

    #[test]
    fn base64_decodes_without_padding() {
        assert_eq!(decode_base64("aGk").as_deref(), Some(&b"hi"[..]));
        assert_eq!(decode_base64("a*b"), None);
    }
}
