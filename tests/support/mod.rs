//! What the browser tests need besides fantoccini: a static file server for
//! `dist/`, a chromedriver process, and chromedriver's browser log; and, in
//! [`browser`], the Chromium session and page helpers the tests share.
//!
//! Everything listens on 127.0.0.1 and nothing reaches the network.

// Each test file (tests/web.rs, tests/availability.rs, tests/share.rs) is its
// own crate that does `mod support;` and uses a different subset of these
// helpers, so what one crate leaves unused is not dead code.
#![allow(dead_code)]

pub mod browser;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Component, Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The MIME type of a file, by extension. Browsers refuse to compile wasm
/// served as anything but `application/wasm` (streaming instantiation) and
/// to run module scripts that are not JavaScript.
pub fn mime_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "ico" => "image/x-icon",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

/// `url_path` as a file under `root`, or `None` when it would leave `root`.
pub fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("");
    let mut file = root.to_path_buf();
    for part in Path::new(path.trim_start_matches('/')).components() {
        match part {
            Component::Normal(p) => file.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    Some(file)
}

/// A tiny HTTP/1.1 static file server on 127.0.0.1 (a thread a connection),
/// until the test process ends or [`StaticServer::stop`].
pub struct StaticServer {
    pub addr: SocketAddr,
    stopped: Arc<AtomicBool>,
}

impl StaticServer {
    pub fn start(root: PathBuf) -> StaticServer {
        StaticServer::start_on(root, 0)
    }

    /// A server on `port` (0: any free one): a site taken down and
    /// deployed again at the same address keeps its origin.
    pub fn start_on(root: PathBuf, port: u16) -> StaticServer {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let stopped = Arc::new(AtomicBool::new(false));
        let stop = stopped.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if stop.load(Ordering::SeqCst) {
                    return;
                }
                let root = root.clone();
                let stop = stop.clone();
                std::thread::spawn(move || {
                    let _ = serve_one(&root, stream, &stop);
                });
            }
        });
        StaticServer { addr, stopped }
    }

    /// Takes the site down, as a network that is gone would: the port is
    /// closed, and open connections are closed at their next request.
    pub fn stop(self) {
        self.stopped.store(true, Ordering::SeqCst);
        // Wakes the accept loop, which then ends and closes the port.
        let _ = TcpStream::connect(self.addr);
        let deadline = Instant::now() + Duration::from_secs(5);
        while TcpStream::connect(self.addr).is_ok() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

/// Answers the requests of one connection, keeping it open between them as
/// any real server does (a new connection per file would add its set-up to
/// every load-time figure).
fn serve_one(root: &Path, stream: TcpStream, stopped: &AtomicBool) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut stream = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 || stopped.load(Ordering::SeqCst) {
            return Ok(());
        }
        // Skip the headers, and any body (nothing here needs one, but it
        // must not be read as the next request).
        let mut body_length = 0;
        let mut takes_brotli = false;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.trim().eq_ignore_ascii_case("content-length") {
                    body_length = value.trim().parse().unwrap_or(0);
                }
                if name.trim().eq_ignore_ascii_case("accept-encoding") {
                    takes_brotli = value.split(',').any(|e| e.trim().starts_with("br"));
                }
            }
        }
        std::io::copy(&mut (&mut reader).take(body_length), &mut std::io::sink())?;
        let mut parts = request_line.split_whitespace();
        let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
        let file = resolve(root, target).filter(|f| f.is_file());
        // As a static host does: a file's precompressed `FILE.br` beside
        // it, when there is one and the client takes brotli.
        let compressed = file
            .as_ref()
            .map(|f| PathBuf::from(format!("{}.br", f.display())))
            .filter(|br| takes_brotli && br.is_file());
        let (status, mime, body) = match (method, &file, &compressed) {
            ("GET" | "HEAD", Some(file), Some(br)) => {
                ("200 OK", mime_type(file), std::fs::read(br)?)
            }
            ("GET" | "HEAD", Some(file), None) => ("200 OK", mime_type(file), std::fs::read(file)?),
            ("GET" | "HEAD", None, _) => ("404 Not Found", "text/plain", b"not found".to_vec()),
            _ => ("405 Method Not Allowed", "text/plain", Vec::new()),
        };
        let encoding = if compressed.is_some() {
            "Content-Encoding: br\r\nVary: Accept-Encoding\r\n"
        } else {
            ""
        };
        let mut response = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\n{encoding}Cache-Control: no-store\r\n\r\n",
            body.len()
        )
        .into_bytes();
        if method != "HEAD" {
            response.extend_from_slice(&body);
        }
        stream.write_all(&response)?;
        stream.flush()?;
    }
}

/// A free TCP port on 127.0.0.1 (free when this returns).
pub fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}

/// The first of `names` found on PATH, or in the given absolute paths.
pub fn find_program(names: &[&str]) -> Option<PathBuf> {
    for name in names {
        let p = Path::new(name);
        if p.is_absolute() {
            if p.is_file() {
                return Some(p.to_path_buf());
            }
            continue;
        }
        let path = std::env::var_os("PATH").unwrap_or_default();
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// The Chromium binary: `$CHROME_BIN`, else Debian's real binary (its
/// /usr/bin/chromium is a wrapper script), else chromium or chrome on PATH.
pub fn chromium_binary() -> PathBuf {
    if let Some(bin) = std::env::var_os("CHROME_BIN") {
        return PathBuf::from(bin);
    }
    find_program(&[
        "/usr/lib/chromium/chromium",
        "chromium",
        "chromium-browser",
        "google-chrome",
        "chrome",
    ])
    .expect(
        "Chromium not found: install it (scripts/install-tools.sh browser) or set CHROME_BIN. \
         The browser tests never skip.",
    )
}

/// A running chromedriver, killed on drop.
pub struct ChromeDriver {
    child: Child,
    pub port: u16,
    pub log: PathBuf,
}

impl ChromeDriver {
    pub fn start(log_dir: &Path) -> ChromeDriver {
        let program = find_program(&["chromedriver", "/usr/lib/chromium/chromedriver"]).expect(
            "chromedriver not found: install it (scripts/install-tools.sh browser). \
             The browser tests never skip.",
        );
        let port = free_port();
        let log = log_dir.join("chromedriver.log");
        // Its own process group, so that dropping it also ends the Chromium
        // it started (whose processes outlive chromedriver otherwise, and
        // would slow every later test on a 2-core machine).
        let child = Command::new(&program)
            .process_group(0)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", program.display()));
        let driver = ChromeDriver { child, port, log };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not listen on port {port} within 20 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Runs Chrome DevTools Protocol command `cmd` in session `session_id`'s
    /// page, through chromedriver; its result.
    pub fn cdp(&self, session_id: &str, cmd: &str, params: serde_json::Value) -> serde_json::Value {
        let body = serde_json::json!({ "cmd": cmd, "params": params }).to_string();
        let path = format!("/session/{session_id}/goog/cdp/execute");
        let response = http_post(self.port, &path, &body).expect("CDP request");
        let json: serde_json::Value = serde_json::from_str(&response)
            .unwrap_or_else(|e| panic!("chromedriver answered {cmd} with other than JSON ({e})"));
        assert!(
            json["value"].get("error").is_none(),
            "chromedriver refused {cmd}: {response}"
        );
        json["value"].clone()
    }

    /// Cuts the browser of session `session_id` off the network (`true`),
    /// through chromedriver's network-conditions endpoint.
    pub fn set_offline(&self, session_id: &str, offline: bool) {
        let body = serde_json::json!({
            "network_conditions": {
                "offline": offline,
                "latency": 0,
                "download_throughput": -1,
                "upload_throughput": -1,
            }
        })
        .to_string();
        let path = format!("/session/{session_id}/chromium/network_conditions");
        let response = http_post(self.port, &path, &body).expect("network conditions request");
        assert!(
            !response.contains("\"error\""),
            "chromedriver refused the network conditions: {response}"
        );
    }

    /// The browser's console messages since the last call, through
    /// chromedriver's log endpoint (`goog:loggingPrefs` must ask for them):
    /// `(level, message)` pairs.
    pub fn browser_log(&self, session_id: &str) -> Vec<(String, String)> {
        let body = r#"{"type":"browser"}"#;
        let response = http_post(self.port, &format!("/session/{session_id}/se/log"), body)
            .expect("chromedriver log request");
        let json: serde_json::Value = serde_json::from_str(&response).unwrap_or_else(|e| {
            panic!(
                "chromedriver's log endpoint answered something other than JSON ({e}): {response}"
            )
        });
        json["value"]
            .as_array()
            .unwrap_or_else(|| panic!("chromedriver's log endpoint failed: {response}"))
            .iter()
            .map(|entry| {
                (
                    entry["level"].as_str().unwrap_or("").to_owned(),
                    entry["message"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect()
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        // The whole group: chromedriver and the browser it launched.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A minimal HTTP/1.1 POST to 127.0.0.1:`port`, returning the body.
/// chromedriver keeps connections open, so the body is read by its length.
fn http_post(port: u16, path: &str, body: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut reader = BufReader::new(stream);
    let mut length = None;
    let mut chunked = false;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse::<usize>().ok();
        }
        if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
            chunked = true;
        }
    }
    if chunked {
        let mut out = Vec::new();
        loop {
            let mut size = String::new();
            reader.read_line(&mut size)?;
            let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if n == 0 {
                break;
            }
            let mut chunk = vec![0; n + 2];
            reader.read_exact(&mut chunk)?;
            out.extend_from_slice(&chunk[..n]);
        }
        return Ok(String::from_utf8_lossy(&out).into_owned());
    }
    let mut out = Vec::new();
    match length {
        Some(n) => {
            out.resize(n, 0);
            reader.read_exact(&mut out)?;
        }
        None => {
            reader.read_to_end(&mut out)?;
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// A fresh directory under the system temp dir, removed on drop: Chromium's
/// profile (`--user-data-dir`) and the driver log.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(prefix: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("{prefix}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create a temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
