//! Work shared across the cores: each worker takes the next item from a
//! common counter, so items of very different cost keep every core busy.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `work` on every item with one worker per core. Each worker's
/// `state` (from `start`) sees the items it took, in index order, and is
/// returned with their indices; a worker's panic is raised again here.
pub fn share<I: Sync, S: Send>(
    items: &[I],
    start: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, usize, &I) + Sync,
) -> Vec<S> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut state = start();
                    loop {
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(at) else { break };
                        work(&mut state, at, item);
                    }
                    state
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_item_once_with_its_index() {
        let items: Vec<u32> = (0..1000).collect();
        let parts = super::share(
            &items,
            Vec::new,
            |seen: &mut Vec<(usize, u32)>, at, item| seen.push((at, *item)),
        );
        let mut all: Vec<(usize, u32)> = parts.into_iter().flatten().collect();
        all.sort();
        assert_eq!(all, (0..1000).map(|i| (i as usize, i)).collect::<Vec<_>>());
    }
}
