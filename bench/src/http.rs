//! A minimal HTTP/1.1 keep-alive client over one TCP connection: a load generator must cost
//! less CPU than the server it measures, and this one only writes a request and reads one
//! response (`Content-Length` or chunked). It can bind a chosen loopback source address, so that
//! sign-ins spread over several client addresses like real people do.

use std::net::{IpAddr, SocketAddr};

use anyhow::{Context, bail};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

/// Opens a TCP connection, from `source` when given, without Nagle's delay.
pub async fn connect(addr: SocketAddr, source: Option<IpAddr>) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    if let Some(ip) = source {
        socket.bind(SocketAddr::new(ip, 0))?;
    }
    let stream = socket.connect(addr).await?;
    stream.set_nodelay(true)?;
    Ok(stream)
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> anyhow::Result<serde_json::Value> {
        serde_json::from_slice(&self.body).with_context(|| {
            format!(
                "status {}: {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

/// One keep-alive connection with a person's session cookie and CSRF token.
pub struct Client {
    addr: SocketAddr,
    source: Option<IpAddr>,
    stream: Option<TcpStream>,
    buf: Vec<u8>,
    head: String,
}

impl Client {
    pub fn new(addr: SocketAddr, source: Option<IpAddr>) -> Client {
        Client {
            addr,
            source,
            stream: None,
            buf: Vec::with_capacity(64 * 1024),
            head: format!("Host: {addr}\r\n"),
        }
    }

    /// A client that sends `token` as the session cookie and `csrf` on changes.
    pub fn signed_in(addr: SocketAddr, token: &str, csrf: &str) -> Client {
        let mut c = Client::new(addr, None);
        c.head =
            format!("Host: {addr}\r\nCookie: agora_session={token}\r\nX-CSRF-Token: {csrf}\r\n");
        c
    }

    /// Sends one request and reads its response. A kept-alive connection the server closed is
    /// reopened once.
    pub async fn send(
        &mut self,
        method: &str,
        path: &str,
        json: Option<&[u8]>,
    ) -> anyhow::Result<Response> {
        let mut request = Vec::with_capacity(256 + json.map_or(0, <[u8]>::len));
        request.extend_from_slice(format!("{method} {path} HTTP/1.1\r\n").as_bytes());
        request.extend_from_slice(self.head.as_bytes());
        if let Some(body) = json {
            request.extend_from_slice(
                format!(
                    "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                    body.len()
                )
                .as_bytes(),
            );
            request.extend_from_slice(body);
        } else {
            request.extend_from_slice(b"\r\n");
        }
        let reused = self.stream.is_some();
        match self.round_trip(&request).await {
            Ok(r) => Ok(r),
            Err(e) if reused => {
                self.stream = None;
                self.round_trip(&request)
                    .await
                    .with_context(|| format!("{method} {path} (after {e})"))
            }
            Err(e) => Err(e.context(format!("{method} {path}"))),
        }
    }

    async fn round_trip(&mut self, request: &[u8]) -> anyhow::Result<Response> {
        if self.stream.is_none() {
            self.stream = Some(connect(self.addr, self.source).await?);
        }
        let stream = self.stream.as_mut().expect("connected");
        let result = async {
            stream.write_all(request).await?;
            read_response(stream, &mut self.buf).await
        }
        .await;
        match result {
            Ok(r) => {
                if r.header("connection")
                    .is_some_and(|v| v.eq_ignore_ascii_case("close"))
                {
                    self.stream = None;
                }
                Ok(r)
            }
            Err(e) => {
                self.stream = None;
                Err(e)
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

async fn fill(stream: &mut TcpStream, buf: &mut Vec<u8>) -> anyhow::Result<()> {
    buf.reserve(16 * 1024);
    if stream.read_buf(buf).await? == 0 {
        bail!("connection closed by the server");
    }
    Ok(())
}

async fn read_response(stream: &mut TcpStream, buf: &mut Vec<u8>) -> anyhow::Result<Response> {
    buf.clear();
    let head_end = loop {
        if let Some(p) = find(buf, b"\r\n\r\n", 0) {
            break p;
        }
        fill(stream, buf).await?;
    };
    let head = std::str::from_utf8(&buf[..head_end]).context("response head")?;
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .context("status line")?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let start = head_end + 4;
    let body = if let Some(len) = header("content-length") {
        let len: usize = len.parse().context("content-length")?;
        while buf.len() < start + len {
            fill(stream, buf).await?;
        }
        buf[start..start + len].to_vec()
    } else if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        let mut body = Vec::new();
        let mut at = start;
        loop {
            let line_end = loop {
                if let Some(p) = find(buf, b"\r\n", at) {
                    break p;
                }
                fill(stream, buf).await?;
            };
            let size_text = std::str::from_utf8(&buf[at..line_end])?;
            let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
                .context("chunk size")?;
            let data = line_end + 2;
            while buf.len() < data + size + 2 {
                fill(stream, buf).await?;
            }
            if size == 0 {
                break;
            }
            body.extend_from_slice(&buf[data..data + size]);
            at = data + size + 2;
        }
        body
    } else {
        Vec::new()
    };
    Ok(Response {
        status,
        headers,
        body,
    })
}
