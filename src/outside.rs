//! The effects that reach outside the terminal loop's screen: the
//! clipboard and the browser. Neither blocks the reader or writes to the
//! screen; what goes wrong comes back as a line for the status.

use std::io::Write;
use std::process::{Command, Stdio};

use base64::Engine;

/// Where the effects go.
#[derive(Debug, Clone, Default)]
pub struct Outside {
    pub clipboard: Clipboard,
    /// The bookmarks file; `None` keeps them for this run only.
    pub bookmarks: Option<std::path::PathBuf>,
}

/// How to reach the clipboard: the terminal's OSC 52 (which tmux and ssh
/// pass on), or a command that reads the text on its standard input
/// (`wl-copy`, `xclip -selection clipboard`, `pbcopy`).
#[derive(Debug, Clone, Default)]
pub struct Clipboard {
    pub command: Option<String>,
}

impl Clipboard {
    /// Copies `text`; says what went wrong, if anything did.
    pub fn copy(&self, text: &str) -> Option<String> {
        match &self.command {
            None => {
                let encoded = base64::engine::general_purpose::STANDARD.encode(text);
                let mut out = std::io::stdout().lock();
                let written = write!(out, "\x1b]52;c;{encoded}\x07").and_then(|()| out.flush());
                written.err().map(|e| format!("cannot copy: {e}"))
            }
            Some(command) => run_with_input(command, text)
                .err()
                .map(|e| format!("cannot copy with {command:?}: {e}")),
        }
    }
}

/// Runs `command` in the system's shell with `text` on its standard
/// input, without waiting for it to finish (a thread reaps it).
fn run_with_input(command: &str, text: &str) -> std::io::Result<()> {
    let mut child = verbatim::platform::shell(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| std::io::Error::other("no stdin"))?;
    let text = text.to_string();
    std::thread::spawn(move || {
        let _ = stdin.write_all(text.as_bytes());
        drop(stdin);
        let _ = child.wait();
    });
    Ok(())
}

/// Opens `url` with `$BROWSER` or the system's opener (xdg-open, open,
/// explorer), whichever starts; says so when none does.
pub fn open(url: &str) -> Option<String> {
    let browser = std::env::var("BROWSER")
        .ok()
        .and_then(|b| b.split(':').next().map(str::to_string))
        .filter(|b| !b.is_empty());
    let openers = browser.into_iter().chain(
        verbatim::platform::url_openers()
            .iter()
            .map(|o| o.to_string()),
    );
    for opener in openers {
        let started = Command::new(&opener)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if let Ok(mut child) = started {
            std::thread::spawn(move || child.wait());
            return None;
        }
    }
    Some(format!("no browser to open it with; the address is {url}"))
}
