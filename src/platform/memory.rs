//! Handing memory the program no longer uses back to the operating system.
//!
//! Reading every record (the comparison with the manifest after opening, the student list
//! read on its own thread) allocates and frees far more than the program keeps. glibc's
//! allocator keeps freed memory in its arenas for reuse, so the resident size stays at the
//! high-water mark of that work for as long as Fokus runs; `malloc_trim` returns the free
//! pages. Other platforms' allocators give memory back on their own, or have no such call.

/// Returns freed heap memory to the operating system, where the allocator keeps it.
pub fn return_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases free memory the allocator holds; it touches no
    // memory in use and has no preconditions.
    unsafe {
        libc::malloc_trim(0);
    }
}
