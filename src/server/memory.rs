//! Keeping the server's heap small, and giving freed memory back.
//!
//! A document's trees, findings and cached diagnostics are many small
//! allocations. glibc's allocator gives each thread that allocates at the
//! same time as another an arena of its own, and memory freed in one arena
//! serves only that arena: the server's runtime threads take turns editing
//! the same documents, so with an arena each the heap held about twice what
//! the documents need (1.9 MB against 1.1 MB per open 20 KB document in the
//! soak test). The server's work is serialised by its state lock anyway, so
//! it uses one arena.
//!
//! glibc also keeps the pages memory was freed from, so a server that had a
//! thousand files open would stay that large all day after they were
//! closed. When the last document closes, the server asks the allocator to
//! return every free page.

/// Makes every thread allocate from one arena (glibc's `M_ARENA_MAX`), so
/// that memory one thread frees serves the next allocation of any other.
/// Call before the server's threads start. Elsewhere a no-op.
pub fn one_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets an allocator parameter; it is thread-safe
    // and has no preconditions.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Returns free heap pages to the system (glibc's `malloc_trim`). Elsewhere
/// a no-op: other allocators return memory on their own terms.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases free memory; it is thread-safe
    // and has no preconditions.
    unsafe {
        libc::malloc_trim(0);
    }
}
