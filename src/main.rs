//! The `verbatim` command: the reader by default, and `parse`, `check`.

mod cli;
mod cmd;
mod outside;
mod tui;

fn main() -> std::process::ExitCode {
    cli::run()
}
