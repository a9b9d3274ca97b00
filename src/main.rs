//! The `verbatim` command: the reader by default, and `parse`, `check`.

mod cli;
mod search_cmd;
mod tui;
mod worker;

fn main() -> std::process::ExitCode {
    cli::run()
}
