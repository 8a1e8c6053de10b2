//! Giving freed memory back to the system.
//!
//! A document's trees, findings and cached diagnostics are many small
//! allocations. glibc's allocator keeps the pages they were freed from
//! (fragmented, and spread over one arena per thread), so a server that had
//! a thousand files open would stay that large all day after they were
//! closed. When the last document closes, the server asks the allocator to
//! return every free page.

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
