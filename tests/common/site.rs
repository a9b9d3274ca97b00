//! A small HTTP server on 127.0.0.1 that serves the recorded slice of
//! en.kremlin.ru in ../shared/site by path, as the site would, with pages
//! a test adds or replaces and faults it scripts. It keeps every request
//! it was sent, for the test to look at.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub user_agent: Option<String>,
}

/// An answer a test scripts.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// A Content-Length larger than the body, the connection then closed:
    /// a body cut short.
    pub cut_short: bool,
}

impl Answer {
    pub fn status(status: u16) -> Answer {
        Answer {
            status,
            ..Answer::default()
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Answer {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// Decides the answer to the request with this number (from 0) for this
/// path; `None` serves the page as recorded.
pub type Script = Box<dyn Fn(usize, &str) -> Option<Answer> + Send + Sync>;

pub struct Site {
    pub url: String,
    requests: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Site {
    /// Serves the recording, with `pages` (path, body) added or replacing
    /// recorded ones, and the faults `script` makes.
    pub fn start(pages: Vec<(String, Vec<u8>)>, script: Script) -> Site {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let root = super::shared("site/en.kremlin.ru");
        let pages: HashMap<String, Vec<u8>> = pages.into_iter().collect();
        let thread = {
            let (requests, stop) = (requests.clone(), stop.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    // One connection at a time, as the client keeps one.
                    serve(stream, &root, &pages, &script, &requests);
                }
            })
        };
        Site {
            url,
            requests,
            stop,
            thread: Some(thread),
        }
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    pub fn paths(&self) -> Vec<String> {
        self.requests().into_iter().map(|r| r.path).collect()
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.url.trim_start_matches("http://"));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(
    stream: TcpStream,
    root: &std::path::Path,
    pages: &HashMap<String, Vec<u8>>,
    script: &Script,
    requests: &Mutex<Vec<Request>>,
) {
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(5)));
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut out = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
        let mut user_agent = None;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                return;
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("user-agent")
            {
                user_agent = Some(value.trim().to_string());
            }
        }
        let number = {
            let mut requests = requests.lock().unwrap();
            requests.push(Request {
                path: path.clone(),
                user_agent,
            });
            requests.len() - 1
        };
        let answer = script(number, &path).unwrap_or_else(|| {
            let body = pages.get(&path).cloned().or_else(|| {
                let file = root.join(path.trim_start_matches('/'));
                file.is_file().then(|| std::fs::read(file).unwrap())
            });
            match body {
                Some(body) => Answer {
                    status: 200,
                    body,
                    ..Answer::default()
                },
                None => Answer::status(404),
            }
        });
        let length = answer.body.len() + if answer.cut_short { 1000 } else { 0 };
        let mut head = format!(
            "HTTP/1.1 {} X\r\nContent-Length: {length}\r\n",
            answer.status
        );
        for (name, value) in &answer.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        if out.write_all(head.as_bytes()).is_err() || out.write_all(&answer.body).is_err() {
            return;
        }
        if answer.cut_short {
            return;
        }
    }
}
