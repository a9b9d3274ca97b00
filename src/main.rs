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

/// mimalloc's `purge_delay` option, by its place in `mi_option_e`
/// (mimalloc 3.x, `include/mimalloc.h`): how many milliseconds freed
/// memory waits before it goes back to the system (a second by default).
/// The crate names only some options; a test checks this one's default.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    cli::run()
}

/// Has freed memory go back to the system at once. The reader loads
/// a corpus about as large as what it frees on the way, in about a
/// second: returned at once, what it frees no longer counts in its peak
/// (on the archive x5, 20 MB less on a first start and 6 MB less without
/// a cache), for some 20-30 ms more of a warm start. One-off commands keep
/// the default, faster for them.
///
/// Call before any thread is started: mimalloc reads and writes its
/// options without a lock.
pub(crate) fn return_freed_memory_at_once() {
    // SAFETY: the option is an integer that mimalloc reads; callers set
    // it before starting a thread, so nothing reads it meanwhile.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_purge_delay_is_the_option_set() {
        // The options around that place still have the defaults of
        // purge_delay (1000 ms) and its neighbours in mimalloc 3.x
        // (`options.c`), so the place is still purge_delay's.
        let option = |at| unsafe { libmimalloc_sys::mi_option_get(at) };
        assert_eq!(
            [
                option(super::PURGE_DELAY - 1),
                option(super::PURGE_DELAY),
                option(super::PURGE_DELAY + 1)
            ],
            [1, 1000, 0]
        );
    }
}
