//! The `verbatim` command: the reader by default, and `parse`, `check`.

mod cli;
mod cmd;
mod outside;
mod tui;

/// mimalloc rather than the system's: reading the cache makes millions of
/// small allocations on two threads, which it serves in about half the
/// time, and it keeps no more memory. Huge pages are off (the `no_thp`
/// feature): they cost tens of megabytes of memory and stalls while the
/// kernel compacts.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
